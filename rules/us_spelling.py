"""British spelling in comments and documentation.

## What it flags
A word the patch adds to a C comment or to a documentation file that codespell's British to
American dictionary knows (``cancelled``, ``behaviour``, ``initialise``, ...).  Identifiers,
strings and code are never looked at, nor is a word a comment uses as code
(``cancelled == 1``), nor a word quoted as a literal value or a name: alone between quotes or
backticks (``'cancelled'``, ``"cancelled"``, a markdown or reStructuredText code span), as in
``/* QEMU reports 'cancelled' when the job was aborted */``, where the word is what another
program prints, not English to correct.  ``--fix`` leaves those alone too.

In public documentation (public headers, the API doc comments of ``src/libvirt*.c``,
``docs/``) it is a warning; elsewhere a note.

## Why
libvirt writes its public documentation in US English, so the API reference reads the same
throughout ("canceled", "behavior").  It is not a hard rule for internal comments, which is
why those only get a note.

## Example
```diff path=src/libvirt.c start=17310
  *
+ * To avoid this problem, pass VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC to get
+ * asynchronous behaviour.  When the job has been cancelled, an event is emitted.
```
```findings
17312:17: us-spelling (warning): British spelling "behaviour" in public
  documentation; US spelling is "behavior"
    fix: "behaviour" -> "behavior"
17312:51: us-spelling (warning): British spelling "cancelled" in public
  documentation; US spelling is "canceled"
    fix: "cancelled" -> "canceled"
```

## Use instead
```diff path=src/libvirt.c start=17310
  *
+ * To avoid this problem, pass VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC to get
+ * asynchronous behavior.  When the job has been canceled, an event is emitted.
```

```c path=src/qemu/qemu_monitor_json.c
    /* QEMU reports 'cancelled' once the job has been aborted, and "cancelled"
     * is also what `query-jobs` lists then. */
```

## Fix
The word is replaced with its US spelling, keeping its case ("Cancelled" -> "Canceled").

## Options
``allow`` (list): words never to flag.  ``public_docs`` (list of globs): which files are
public documentation.

## Origin
A review habit: "We tend to stick to US spelling (canceled) in the public docs, although this
is not a hard and fast rule."  The word list is codespell's ``en-GB_to_en-US`` dictionary,
read from the installed codespell package when the rule first needs it.
"""

import bisect
import os
import sys

from patchlint.api import (
    C_FILES,
    DOC_FILES,
    NOTE,
    PUBLIC_DOC_DEFAULT,
    WARNING,
    finding,
    is_public_doc,
    lazy_re,
    rule,
)

_WORD = lazy_re(r"(?<![\w@%$/\\.-])([A-Za-z]+)(?![\w/\\]|\.[A-Za-z0-9]|-[A-Za-z])")
_CODE_AFTER = lazy_re(r"\s*(?:[=!<>]=|->|=(?!=)|\(|\[)")
_DICT = None
# every character but a letter becomes a space: str.split() then gives the words
_LETTERS = {c: " " for c in range(128) if not chr(c).isalpha()}


def _dictionary():
    """codespell's en-GB -> en-US pairs, {} when codespell is not installed."""
    global _DICT
    if _DICT is None:
        _DICT = {}
        # found on sys.path rather than imported: codespell's own modules are not needed
        for base in sys.path:
            path = os.path.join(base or ".", "codespell_lib", "data",
                                "dictionary_en-GB_to_en-US.txt")
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    for raw in f:
                        if "->" not in raw:
                            continue
                        wrong, right = raw.strip().split("->", 1)
                        right = right.split(",")[0].strip()
                        if wrong and right:
                            _DICT[wrong.lower()] = right
                break
    return _DICT


def _quoted(text, start, end, spans):
    """Is ``text[start:end]`` quoted as a literal: alone between quotes or backticks
    (``'cancelled'``, ``"cancelled"``, ```cancelled```), or inside a code span?  ``spans``
    is the line's code spans (:func:`_code_spans`), worked out once per line."""
    q = text[start - 1:start]
    if q and q in "'\"`" and text[end:end + 1] == q \
            and not text[start - 2:start - 1].isalnum() and not text[end + 1:end + 2].isalnum():
        return True
    if not spans:
        return False
    k = bisect.bisect_right(spans, (start, len(text) + 1)) - 1
    return k >= 0 and spans[k][0] <= start and end <= spans[k][1]


def _code_spans(text):
    """``[(start, end), ...]`` of the line's code spans, ````...```` then ```...```, read in
    one pass each (a check per word re-reading the line would be quadratic)."""
    spans = []
    doubles = []
    i = text.find("``")
    while i >= 0:
        doubles.append(i)
        i = text.find("``", i + 2)
    for k in range(0, len(doubles) - 1, 2):
        spans.append((doubles[k] + 2, doubles[k + 1]))
    singles = []
    inside = iter(spans)
    cur = next(inside, None)
    for i, ch in enumerate(text):
        if ch != "`" or text[i - 1:i] == "`" or text[i + 1:i + 2] == "`":
            continue
        while cur is not None and cur[1] < i:
            cur = next(inside, None)
        if cur is None or not cur[0] <= i < cur[1]:
            singles.append(i)
    for k in range(0, len(singles) - 1, 2):
        spans.append((singles[k] + 1, singles[k + 1]))
    return sorted(spans)        # they never overlap: found by bisection


def _keep_case(word, fix):
    if word.isupper() and len(word) > 1:
        return fix.upper()
    if word[0].isupper():
        return fix[0].upper() + fix[1:]
    return fix


@rule("us-spelling", severity=NOTE, files=C_FILES + DOC_FILES, fixable=True,
      options={"allow": [], "public_docs": list(PUBLIC_DOC_DEFAULT)})
def check(line, options):
    words = _dictionary()
    if not words:
        return
    text = line.text
    if words.keys().isdisjoint(text.translate(_LETTERS).lower().split()):
        return                  # the common case: no listed word at all (no regex, no lexing)
    found = [m for m in _WORD.finditer(text) if m.group(1).lower() in words]
    if not found:
        return
    if line.file.is_c:
        comment = line.comment  # only words inside comments count
        found = [m for m in found if comment[m.start(1):m.end(1)] == m.group(1)]
    allow = {w.lower() for w in options["allow"]}
    public = spans = None
    for m in found:
        word = m.group(1)
        low = word.lower()
        fix = words.get(low)
        if fix is None or low in allow:
            continue
        if any(c.isupper() for c in word[1:]) and not word.isupper():
            continue            # camelCase: an identifier
        if _CODE_AFTER.match(text, m.end()):
            continue            # "cancelled == 1": a variable named in a comment
        if spans is None:
            spans = _code_spans(text) if "`" in text else []
        if _quoted(text, m.start(1), m.end(1), spans):
            continue            # 'cancelled': a value another program prints, a name
        if public is None:
            public = is_public_doc(line, tuple(options["public_docs"]))
        where = "public documentation" if public else "a comment" if line.file.is_c \
            else "documentation"
        repl = _keep_case(word, fix)
        yield finding(line, f'British spelling "{word}" in {where}; US spelling is "{repl}"',
                      start=m.start(1), end=m.end(1), replacement=repl,
                      severity=WARNING if public else NOTE)
