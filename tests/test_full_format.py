"""The annotated format (``--format=full``) as a user reads it on a terminal.

A very long line is cut around its marker, the marker stays under what it marks, a removed
line's excerpt says which file each number belongs to, and a fix of blanks shows the blanks.
"""

import os
import unicodedata

from conftest import SAMPLES, make_mail, run_cli, run_proc

UTF8 = {"PYTHONIOENCODING": "utf-8"}


def full(*args, env=UTF8, run=run_cli):
    r = run("--isolated", "--no-tree", "--format=full", "--color=never", *args, env=env)
    assert r.returncode == 1, r.stderr
    assert r.stderr == ""
    return r.stdout


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def columns(text):
    """Terminal columns of text (TABs aside): wide characters take two."""
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# -- long lines --------------------------------------------------------------------------------

X = "x" * 50000


def test_a_100kb_line_is_cut_around_each_marker(tmp_path):
    p = write(tmp_path, "long.patch", make_mail(
        [" int a; /* " + "y" * 300 + " */",
         "+int foo(int flags); /* " + X + " cancelled " + X + " */ ",
         " int c;"]))
    out = full("--ignore", "line-too-long", p)      # (a line that long is one, of course)
    assert out == f"""\
{p}: [PATCH] util: Add a helper

error[flags-type]: `flags` is declared `int`; libvirt passes flags as `unsigned int`
  --> src/util/virfile.c:11:9
   |
10 |  int a; /* {"y" * 87}...
11 | +int foo(int flags); /* {"x" * 74}...
   |          ^^^ unsigned int
12 |  int c;
  = fix: int foo(unsigned int flags); /* {"x" * 65}...

note[us-spelling]: British spelling "cancelled" in a comment; US spelling is "canceled"
  --> src/util/virfile.c:11:50025
   |
10 |  ...
11 | +...{"x" * 42} cancelled {"x" * 41}...
   | {" " * 46} ^^^^^^^^^ canceled
12 |  ...
  = fix: ...{"x" * 42} canceled {"x" * 42}...

error[trailing-whitespace]: trailing whitespace
  --> src/util/virfile.c:11:100038
   |
10 |  ...
11 | +...{"x" * 93} */ \n   | {" " * 99} ^ remove
12 |  ...
  = fix: ...{"x" * 94} */
    was: ...{"x" * 93} */\u00b7

2 errors, 0 warnings, 1 note in 1 patch; 3 fixable with --fix.
"""
    # a few hundred bytes per finding, each line within 120 columns
    assert len(out.encode()) < 2000
    assert max(len(ln) for ln in out.splitlines()) <= 120


def test_marker_stays_under_its_columns_in_a_cut_line_of_tabs_and_wide_characters(tmp_path):
    filler = "\u00e9\U0001F600\t" * 4000         # an accent, an emoji (two columns), a TAB
    p = write(tmp_path, "wide.patch", make_mail(
        [" int a;", "+\t/* " + filler + "cancelled " + filler + "*/", " int c;"]))
    out = full("--select", "us-spelling", "--fail-on", "note", p)
    lines = out.splitlines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith("11 | +"))
    shown, marker = lines[k], lines[k + 1]
    assert shown.startswith("11 | +...") and shown.endswith("...")
    assert "\t" not in shown                    # TABs are expanded: the columns are known
    assert columns(shown) <= 110
    assert marker.endswith("^^^^^^^^^ canceled")
    # the marker is under the word, counted in terminal columns
    assert columns(marker[:marker.index("^")]) == columns(shown[:shown.index("cancelled")])


def test_a_short_line_is_shown_whole(tmp_path):
    line = "+int foo(int flags); /* " + "x" * 74 + " */"      # 100 columns: not cut
    p = write(tmp_path, "short.patch", make_mail([" int a;", line, " int c;"]))
    out = full("--select", "flags-type", p)
    assert "11 | " + line + "\n" in out
    # the fixed line is 9 columns longer: that one is cut
    assert "  = fix: int foo(unsigned int flags); /* " + "x" * 65 + "...\n" in out


# -- removed lines -----------------------------------------------------------------------------

def test_removed_line_excerpt_numbers_each_line_in_its_own_file():
    path = os.path.join(SAMPLES, "vircheckflags-dropped.patch")
    # (the sample's new flag has no virsh option: a note about the series, not shown here)
    assert full("--ignore", "flag-not-accepted", path) == """\
PATH: [PATCH] storage: Add VIR_STORAGE_VOL_WIPE_SKIP_HOLES

error[vircheckflags-dropped]: virCheckFlagsGoto() removed: nothing checks `flags` in \
storageVolWipePattern() now, so every flag bit is accepted
  --> src/storage/storage_driver.c:142:5 (removed line: 142 in the old file, before 142 in \
the new)
old new |
141 141 |  \n142     | -    virCheckFlagsGoto(0, cleanup);
        |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
143     | -
  = help: widen the mask instead: virCheckFlagsGoto(VIR_STORAGE_VOL_WIPE_SKIP_HOLES, cleanup);

error[vircheckflags-dropped]: virCheckFlags() removed: nothing checks `flags` in \
virStorageBackendVolWipeLocal() now, so every flag bit is accepted
  --> src/storage/storage_util.c:121:5 (removed line: 121 in the old file, before 123 in the \
new)
old new |
120 122 |  {
121     | -    virCheckFlags(0, -1);
        |      ^^^^^^^^^^^^^^^^^^^^^
    123 | +    bool skipHoles = !!(flags & VIR_STORAGE_VOL_WIPE_SKIP_HOLES);
  = help: widen the mask instead: virCheckFlags(VIR_STORAGE_VOL_WIPE_SKIP_HOLES, -1);

2 errors, 0 warnings, 0 notes in 1 patch.
""".replace("PATH", path)


def test_added_line_next_to_a_removed_one_gets_both_numbers_too(tmp_path):
    p = write(tmp_path, "f.patch", make_mail([" static int", "-qemuFoo(virDomainPtr dom)",
                                              "+qemuFoo(virDomainPtr dom, int flags)", " {"],
                                             start=120))
    out = full("--select", "flags-type", p)
    assert out.split("\n\n")[1] == """\
error[flags-type]: `flags` is declared `int`; libvirt passes flags as `unsigned int`
  --> src/util/virfile.c:121:27
old new |
121     | -qemuFoo(virDomainPtr dom)
    121 | +qemuFoo(virDomainPtr dom, int flags)
        |                            ^^^ unsigned int
122 122 |  {
  = fix: qemuFoo(virDomainPtr dom, unsigned int flags)"""


def test_excerpt_of_added_and_context_lines_keeps_one_column():
    path = os.path.join(SAMPLES, "flags-debug.patch")
    out = full("--select", "flags-debug-hex", path)
    assert "old new |" not in out
    assert "\n   |\n" in out or "\n    |\n" in out


# -- fixes of blanks ---------------------------------------------------------------------------

def test_tab_indent_fix_shows_the_spaces_and_the_tab_it_replaces():
    path = os.path.join(SAMPLES, "tab-indent.patch")
    block = full("--select", "tab-indent", path).split("\n\n")[1]
    assert block == """\
error[tab-indent]: indent with spaces, not TABs
  --> src/util/virtime.c:72:1
   |
71 | +    if (virStrToLong_ull(str, &end, 10, &val) < 0 || end == str)
72 | +        return -1;
   |  ^^^^^^^^ \u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7
73 | +
  = fix: \u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7return -1;
    was: \u2192return -1;"""


def test_label_fixes_show_the_leading_space():
    path = os.path.join(SAMPLES, "layout-braces.patch")
    out = full("--select", "label-indent,label-colon-space", path)
    assert out == f"""\
{path}: [PATCH] conf: Parse and validate the <throttle> element of <filesystem>

error[label-indent]: indent a goto label by exactly one space
  --> src/conf/virthrottle_conf.c:152:1
    |
151 | +
152 | +error:
    |  ^^^^^^ \u00b7error:
153 | +    return NULL;
  = fix: \u00b7error:
    was: error:

error[label-colon-space]: no space between a label and its colon
  --> src/conf/virthrottle_conf.c:167:1
    |
166 | +
167 | + cleanup :
    |  ^^^^^^^^^^ \u00b7cleanup:
168 | +    return 0;
  = fix: cleanup:

2 errors, 0 warnings, 0 notes in 1 patch; 2 fixable with --fix.
"""


def test_whitespace_fixes_show_blanks_and_still_escape_control_characters(tmp_path):
    p = write(tmp_path, "ws.patch", make_mail([" int x;", "+\tint y; /* \x1b[31m */ \t",
                                               " int z;"]))
    out = full(p)
    assert "\x1b" not in out
    assert out == f"""\
{p}: [PATCH] util: Add a helper

error[tab-indent]: indent with spaces, not TABs
  --> src/util/virfile.c:11:1
   |
10 |  int x;
11 | +        int y; /* \\x1b[31m */   \n   |  ^^^^^^^^ {"·" * 8}
12 |  int z;
  = fix: {"·" * 8}int y; /* \\x1b[31m */
    was: →int y; /* \\x1b[31m */

error[trailing-whitespace]: trailing whitespace
  --> src/util/virfile.c:11:20
   |
10 |  int x;
11 | +        int y; /* \\x1b[31m */   \n   |                               ^^^ remove
12 |  int z;
  = fix: int y; /* \\x1b[31m */
    was: int y; /* \\x1b[31m */·→

2 errors, 0 warnings, 0 notes in 1 patch; 2 fixable with --fix.
"""


def test_blank_marks_fall_back_to_ascii_where_the_output_cannot_write_them():
    path = os.path.join(SAMPLES, "tab-indent.patch")
    # (the output's encoding is set when a process starts: a process of its own)
    out = full("--select", "tab-indent", path, env={"PYTHONIOENCODING": "ascii"}, run=run_proc)
    assert out.split("\n\n")[1].splitlines()[-3:] == [
        "73 | +", "  = fix: ........return -1;", "    was: >return -1;"]


def test_fix_that_keeps_the_blanks_shows_the_text_alone():
    path = os.path.join(SAMPLES, "seed-like.patch")
    out = full("--select", "flags-type", path)
    assert "  = fix: unsigned int flags, int mode)\n" in out
    assert "was:" not in out
