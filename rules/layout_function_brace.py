"""A function body whose ``{`` sits at the end of the function's header line.

## What it flags
An added line holding a function definition's header, or the last line of its parameter
list, that ends by opening the body: ``static int virFoo(virDomainDef *def) {``.  The
parameters must read as declarations (a type and a name each, or ``void``), so a block
opened after an ``if (...)`` or a call is never taken for a function; neither is an iterator
macro whose name says ``foreach``/``for_each`` (``virObjectListForEach(list, cb) {``).  A
header that libvirt's own check also sees is an error; one it cannot see (a function
returning a pointer, ``char **argv``) is reported as a warning.  In the body of a macro
(``#define VIR_TEST_MAIN(func)`` and the lines continuing it) only what libvirt's check sees
is reported: a macro that defines a function is written compactly, each line ending in a
backslash.

Why the warnings go beyond ``sc_curly_braces_style``: its expression wants single blanks, no
``*`` in the return type and at most one before a parameter's name, so it misses
``static char *virFoo(...) {`` and ``int main(int argc, char **argv) {``.  libvirt's coding
style asks for the lone ``{`` on every function body all the same ("only top-level function
bodies, nested scopes, and compound structure declarations should ever have { on a line by
itself"), and reviewers ask for it.  libvirt v10.7.0 still holds 16 such headers in code from
before the rule (the daemons' and helpers' ``main()``, old driver entry points in
``qemu_driver.c``, ``openvz_driver.c``, ``lxc_driver.c``, ``vbox_tmpl.c``, a test thread):
new code does not copy them.

## Why
libvirt uses K&R style: a function's body opens with a ``{`` alone in column 0 on the line
after the header, while blocks inside the body open at the end of their ``if``/``for``/
``while`` line.  The lone brace also lets editors and ``diff -p`` find where a function
starts.

## Example
```c
static int
virStorageExampleCount(virStoragePoolObj *obj) {
    return obj->nvols;
}
```
```findings
2:48: function-brace-line: the opening brace of a function body goes on a line
  of its own
```

```c
static char *virExampleFormat(virDomainDef *def) {
    return g_strdup(def->name);
}
```
```findings
1:50: function-brace-line (warning): the opening brace of a function body goes
  on a line of its own
```

## Use instead
```c
static int
virStorageExampleCount(virStoragePoolObj *obj)
{
    return obj->nvols;
}
```

```c
    virObjectListForEach(list, cb) {
        count++;
    }
```

```c path=tests/testutils.h
#define VIR_TEST_MAIN(func) \\
    int main(int argc, char **argv) { \\
        return virTestMain(argc, argv, func, NULL); \\
    }
```

## Origin
libvirt's ``sc_curly_braces_style`` ("non-K&R style used for curly braces around function
body").
"""

from patchlint.api import C_FILES, ERROR, WARNING, finding, lazy_re, rule

_NOT_A_HEADER = r"^\s*(?!(?:if|for|while|switch|return|sizeof)\b)(?!\w*(?i:for_?each)\w*\s?\()"

# a header (return type words with any pointers, the name) and a parameter list of
# declarations, then the body's brace on the same line
_HEADER = lazy_re(
    _NOT_A_HEADER +
    r"(?:[A-Za-z_]\w*(?:\s+\**[A-Za-z_]\w*)*\s?\()?"
    r"(?:void|\**[A-Za-z_]\w*(?:,?\s+\**[A-Za-z_][\w\[\]]*)+(?:,\s+\.\.\.)?)"
    r"\)\s?\{")

# the shapes libvirt's check recognises: single blanks, no pointer in the return type, at
# most one '*' before a parameter's name
_PLAIN_HEADER = lazy_re(
    _NOT_A_HEADER +
    r"(?:\w+(?: \w+)* ?\()?(?:void|\*?\w+(?:,? \*?[\w\[\]]+)+)\) ?\{")


# most lines ending in ") {" are a statement's (or a "} else if"): told at once, as a header
# starts with a name or a '*'
_STATEMENT = lazy_re(r"\s*(?!\s)(?:(?:if|for|while|switch|return|sizeof)\b|[^A-Za-z_*]|$)")


@rule("function-brace-line", severity=ERROR, files=C_FILES, family="layout",
      syntax_check="sc_curly_braces_style", needs=(") {", "){"))
def check(line):
    code = line.code
    if _STATEMENT.match(code):
        return                          # (what _NOT_A_HEADER refuses, without compiling it)
    m = _HEADER.search(code)
    if not m:
        return
    brace = m.end() - 1
    plain = _PLAIN_HEADER.search(code) is not None
    if not plain and (line.is_preproc or line.text.rstrip().endswith("\\")):
        return                          # a function a macro defines, as libvirt's tests do
    yield finding(line, "the opening brace of a function body goes on a line of its own",
                  start=brace, end=brace + 1, severity=None if plain else WARNING,
                  suggestion="move the '{' to column 0 of the next line")
