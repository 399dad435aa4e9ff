"""Documentation says "bitwise or" where libvirt writes "bitwise-OR".

## What it flags
"bitwise or", "bitwise OR", "bit-wise or" and other spellings, in comments of C files and in
documentation files.  The house spelling, "bitwise-OR", is left alone.

## Why
libvirt's API documentation describes every flags argument the same way ("@flags:
bitwise-OR of virDomainModificationImpact"); keeping one spelling makes the generated API
reference consistent and searchable, and avoids reading "or" as an English conjunction.

## Example
```diff path=src/libvirt.c start=17299
  * @disk: path to the block device, or device shorthand
- * @flags: extra flags; not used yet, so callers should always pass 0
+ * @flags: bitwise or of virDomainBlockJobAbortFlags
```
```findings
17300:12: bitwise-or-wording: write "bitwise-OR", not "bitwise or"
    fix: "bitwise or" -> "bitwise-OR"
```

## Use instead
```diff path=src/libvirt.c start=17299
  * @disk: path to the block device, or device shorthand
- * @flags: extra flags; not used yet, so callers should always pass 0
+ * @flags: bitwise-OR of virDomainBlockJobAbortFlags
```

## Fix
The words are replaced with "bitwise-OR" ("Bitwise-OR" at the start of a sentence).

## Origin
A reviewer's nit ("for consistency, s/bitwise or/bitwise-OR/"), and the wording of every
``@flags`` line in libvirt's public API.
"""

import re

from patchlint.api import C_FILES, DOC_FILES, WARNING, finding, lazy_re, rule

_RE = lazy_re(r"\b(bit-?wise)([ \t]+|[ \t]*-[ \t]*)(or)\b(?![-\w])", re.I)


@rule("bitwise-or-wording", severity=WARNING, files=C_FILES + DOC_FILES, fixable=True,
      needs=("wise", "WISE", "Wise"))
def check(line):
    if "wise" not in line.text.lower():
        return
    text = line.comment if line.file.is_c else line.text
    for m in _RE.finditer(text):
        if m.group(0) == "bitwise-OR":
            continue
        repl = "Bitwise-OR" if m.group(1)[0].isupper() else "bitwise-OR"
        if m.group(0) == repl:
            continue
        yield finding(line, f'write "{repl}", not "{m.group(0)}"', start=m.start(),
                      end=m.end(), replacement=repl)
