"""A file that ends with blank lines, or without a newline after its last line.

## What it flags
The end of a file, as the patch leaves it, when the patch shows that end: the file is new, a
hunk carries the ``\\ No newline at end of file`` marker, or the last hunk stops short of its
full trailing context (a diff gives a hunk as many lines of context after its last change as
before its first, unless the file ends first; with the tree at hand the file's length is
known).  Then:

* one or more empty lines at the end of the file, when the patch adds one of them or makes
  them the end (deleting what came after them); a file that ended so before the patch is not
  the patch's doing.  Reported on the file's last line;
* a last line the patch adds without a newline after it.

A file of one byte (a lone newline) is left alone, as libvirt does, and so are the files
libvirt keeps as they are on purpose: test data that must end oddly (``tests/*data/`` of the
tests that parse such files, ``tests/virconfdata/no-newline.conf``), diffs, binary blobs, the
bundled JavaScript and fonts.

## Why
A file ends with its last line and the newline that ends it.  Blank lines after it are noise
that the next patch at the end of the file deletes or adds to; a missing newline makes the
next line appended to the file change the last one too, and some tools (``cat``, ``read``,
older compilers) mishandle it.

## Example
```c path=src/util/virthrottle.c
/* virthrottle.c: throttle groups shared by several disks */

int virThrottleGroupCount;

```
```findings
4: eof-newline: the file ends with 1 blank line
```

A change at the end of a file that drops its last newline:

```diff path=src/util/virthrottle.c start=40

 int virThrottleGroupCount;
-int virThrottleGroupMax;
+int virThrottleGroupMax = 16;
\\ No newline at end of file
```
```findings
42: eof-newline: no newline at the end of the file
```

## Use instead
```c path=src/util/virthrottle.c
/* virthrottle.c: throttle groups shared by several disks */

int virThrottleGroupCount;
```

A hunk in the middle of a file may well stop at a blank line:

```diff path=src/util/virthrottle.c start=40
 int virThrottleGroupCount;
-int virThrottleGroupMax;
+int virThrottleGroupMax = 16;

 int
 virThrottleGroupNew(void)
```

## Origin
libvirt's ``sc_prohibit_empty_lines_at_EOF`` ("empty line(s) or no newline at EOF").
"""

from patchlint.api import ERROR, file_end, finding, rule

# libvirt's exclude_file_name_regexp--sc_prohibit_empty_lines_at_EOF, and the files its
# syntax-check never reads
EXEMPT = ("tests/nodedevmdevctldata/*", "tests/viracpidata/*", "tests/virhostcpudata/*",
          "tests/virpcitestdata/*", "tests/virstoragetestdata/*", "tests/qemunbdkitdata/*",
          "tests/virshtestdata/*", "docs/js/*.js*", "docs/fonts/*.woff*", "*.diff*",
          "tests/virconfdata/no-newline.conf", "*.bin*", "*.po", "*.ico", "*.png")


def _bytes(line) -> int:
    return len(line.text.encode("utf-8", "surrogateescape")) + len(line.eol)


def _ended_blank(hunk) -> bool:
    """Did the file end with an empty line before the patch too (the hunk's old side, which
    reaches the old end as its new side reaches the new one)?"""
    old = hunk.old_side()
    return bool(old) and old[-1].text == "" and old[-1].eol == "\n"


@rule("eof-newline", severity=ERROR, exclude=EXEMPT,
      syntax_check="sc_prohibit_empty_lines_at_EOF", family="layout")
def check(file):
    last = file_end(file)
    if last is None or last.new_no == 1 and _bytes(last) <= 1:
        return
    if last.eol == "":
        if last.kind == "+":
            yield finding(last, "no newline at the end of the file",
                          suggestion="end the last line with a newline")
        return
    if last.text != "" or last.eol != "\n":
        return
    side = last.hunk.new_side()
    k = last.hunk.side_index(last)
    first = k
    while first > 0 and side[first - 1].text == "" and side[first - 1].eol == "\n":
        first -= 1
    run = side[first:k + 1]
    if not any(ln.kind == "+" for ln in run) and _ended_blank(last.hunk):
        return                          # the file ended so before the patch: not its doing
    n = len(run)
    yield finding(last, f"the file ends with {n} blank line{'s' if n > 1 else ''}",
                  context=(side[first], last),
                  suggestion="delete the blank lines after the last line" if n > 1 else
                  "delete the blank line after the last line")
