"""A word written twice in a row in a comment or in documentation: "the the", "is is".

## What it flags
Two of the same short word in a row, whatever their case (``the the``, ``The the``, ``is is``),
for the words libvirt's check looks for: *the, then, in, an, on, if, is, it, but, for, or, at,
and, do, to, can*.  In C files only comments are read, in documentation files the whole text.
A pair split over two lines counts too (``... the`` at the end of one comment line, ``* the
...`` at the start of the next); the second word must be on an added line.  When both lines
are added and libvirt's check sees the pair, the finding is at the first word, where that
check puts it.

Why a pair split by a comment's ``*`` is a warning: libvirt's check reads a whole file as one
text and lets only blanks and line ends come between the two words, so it sees a pair that
spans two lines of a document, not one whose second line starts with `` * ``.  Those are the
same typo all the same, the commonest kind in fact: libvirt v10.7.0 holds eight ("replacement
for / for an existing", "Now that we have detached the / the network device", "we can / can
end the waiting loop"), all of them true doubled words that its check cannot see.  They are
reported, as a warning.

## Why
"the the" and "is is" are the typos a writer's eye skips over and a reader's trips on.

## Example
```c path=src/util/virthrottle.c
/* Add what the the rate allows, up to the bucket's size. */
```
```findings
1:13: doubled-word: doubled word: "the the"
```

```c path=src/util/virthrottle.c
/*
 * Add what the rate allows for the
 * the elapsed time.
 */
```
```findings
3:4: doubled-word (warning): doubled word: "the" ends the line above and starts
  this one
```

```rst path=docs/kbase/throttle.rst
Groups are applied when the
the domain starts.
```
```findings
1:25: doubled-word: doubled word: "the" ends this line and starts the next one
```

## Use instead
```c path=src/util/virthrottle.c
/* Add what the rate allows, up to the bucket's size: that that is in it stays. */
```

## Origin
libvirt's ``sc_prohibit_doubled_word`` ("doubled words").
"""

import re

from patchlint.api import C_FILES, DOC_FILES, ERROR, WARNING, finding, lazy_re, rule

# libvirt v10.7.0's list ("can" is newer than v8.1.0; doubled, it is a slip in any era)
WORDS = ("the", "then", "in", "an", "on", "if", "is", "it", "but", "for", "or", "at", "and",
         "do", "to", "can")
_ALT = "|".join(WORDS)
_PAIR = lazy_re(r"\b(" + _ALT + r")\s+\1\b", re.I)
_FIRST = lazy_re(r"^[\s*#/]*(" + _ALT + r")\b", re.I)
_LAST = lazy_re(r"\b(" + _ALT + r")\s*(?:\*/)?\s*$", re.I)
# what libvirt's check sees of a pair over two lines: nothing but blanks between the words
_LAST_BARE = lazy_re(r"\b(" + _ALT + r")\s*$", re.I)
_FIRST_BARE = lazy_re(r"^\s*(" + _ALT + r")\b", re.I)
# The same searches over a line in lower case: on ASCII text they find what the case-blind
# ones find, at a third of the cost (this rule reads every added line)
_PAIR_LOWER = lazy_re(r"\b(" + _ALT + r")\s+\1\b")
_FIRST_LOWER = lazy_re(r"^[\s*#/]*(" + _ALT + r")\b")


def _may_pair(text, low):
    """Could the line hold a doubled word (a gate: the finding reads the line again)?
    ``low`` is the line in lower case when it is ASCII, else None."""
    if low is not None:
        return _PAIR_LOWER.search(low) is not None
    return _PAIR.search(text) is not None


def _may_end_with(text, word):
    """Could the line end with ``word`` (and maybe a comment's end), as ``_LAST`` reads it?
    (A gate: most lines starting with "if" or "for" follow one that ends otherwise.)"""
    if not text.isascii():
        return True
    tail = text.rstrip()
    if tail.endswith("*/"):
        tail = tail[:-2].rstrip()
    return tail.lower().endswith(word)


def _first_word(text, low):
    """The word of the list the line starts with, in lower case, or None (a gate, like
    :func:`_may_pair`)."""
    m = _FIRST_LOWER.match(low) if low is not None else _FIRST.match(text)
    return None if m is None else m.group(1).lower()


def _text(ln):
    return ln.comment if ln.file.is_c else ln.text


@rule("doubled-word", severity=ERROR, files=C_FILES + DOC_FILES,
      syntax_check="sc_prohibit_doubled_word", family="comments")
def check(file):
    for hunk in file.hunks:
        prev = None                             # the line above on the post-image side
        for ln in hunk.lines:
            if ln.kind == "-":
                continue
            if ln.kind == "+":
                yield from _line(ln, prev)
            prev = ln


def _line(ln, prev):
    text = ln.text
    low = text.lower() if text.isascii() else None     # (once, for both gates)
    if _may_pair(text, low):
        m = _PAIR.search(_text(ln))
        if m:
            yield finding(ln, f"doubled word: \"{m.group(0)}\"", start=m.start(),
                          end=m.end(), suggestion=m.group(1))
            return
    if prev is None:
        return
    word = _first_word(text, low)
    if word is None or not _may_end_with(prev.text, word):
        return
    last = _LAST.search(prev.text)
    if last is None or last.group(1).lower() != word:
        return
    first = _FIRST.match(_text(ln))
    last = _LAST.search(_text(prev))
    if first and last and last.group(1).lower() == first.group(1).lower():
        seen = _LAST_BARE.search(prev.text) and _FIRST_BARE.match(ln.text)
        severity = None if seen else WARNING
        if seen and prev.kind == "+":   # both added: at the first word, where libvirt's says
            yield finding(prev, f"doubled word: \"{last.group(1)}\" ends this line and starts "
                                "the next one", start=last.start(1), end=last.end(1),
                          context=(prev, ln), severity=severity)
            return
        yield finding(ln, f"doubled word: \"{last.group(1)}\" ends the line above and starts "
                          "this one", start=first.start(1), end=first.end(1),
                      context=(prev, ln), severity=severity)
