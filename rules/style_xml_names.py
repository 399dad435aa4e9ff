"""A new XML element or attribute whose name joins words with ``_`` or ``-``, not camelCase.

## What it flags
An added ``<element name="...">`` or ``<attribute name="...">`` of a RELAX NG schema
(``*.rng``) whose name holds an underscore or a hyphen (``max_size``, ``dirty-ring``).  A name
that the patch's schema hunks also show on a line they keep or remove is an existing one (a
definition moved or re-indented, a second use of a known element) and is left alone.  An
existing name used again far from where the hunks reach cannot be told from a new one and is
reported: one more reason for a note.

## Why
libvirt's coding style: new elements and attributes get short names, preferably one word, and
several words are joined in camelCase (``discardNoUnref``, not ``discard_no_unref``).  The XML
is libvirt's public interface, kept forever once released: its names are worth a review
before they are.  A name copied from the hypervisor's own spelling is where this slips
most; the style asks for a name saying what the feature does, the same for every driver.

## Example
```xml path=src/conf/schemas/domaincommon.rng
            <element name="throttle_group">
              <attribute name="group-name">
                <text/>
              </attribute>
            </element>
```
```findings
1:28: xml-name-camelcase: element name 'throttle_group' joins words with '_':
  libvirt names new elements and attributes in camelCase ('throttleGroup')
2:32: xml-name-camelcase: attribute name 'group-name' joins words with '-':
  libvirt names new elements and attributes in camelCase ('groupName')
```

## Use instead
```xml path=src/conf/schemas/domaincommon.rng
            <element name="throttleGroup">
              <attribute name="group">
                <text/>
              </attribute>
            </element>
```

## Measured
libvirt's schemas hold 181 names with ``_`` or ``-`` among 1069 (v10.7.0), most from before
the rule was written; the changes v10.4.0 to v10.7.0 add 3 such names (``dma_translation``,
``emsr_bitmap``, ``xmm_input``: the hypervisors' spellings) among 32 new element and
attribute lines, v9.8.0 to v10.4.0 one (``cluster_id``) among 46 (four more were existing
names the hunks show on lines they move or keep).  A note.

## Profiles
Profile ``glib`` only: the naming section is of today's style, not the 2012 tree's.

## Origin
libvirt's coding style, section "XML element and attribute naming" (``docs/coding-style.rst``);
no syntax-check rule checks it.
"""

from patchlint.api import NOTE, finding, lazy_re, rule

_NAME = lazy_re(r"<(element|attribute)\s+name\s*=\s*[\"']([^\"']*)[\"']")


def _camel(name):
    parts = [p for p in name.replace("-", "_").split("_") if p]
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else name


def _known_names(patch):
    """Names of elements and attributes on the kept or removed lines of the patch's schema
    hunks (cached on the patch)."""
    got = patch.cache.get("xml-name-camelcase")
    if got is None:
        got = patch.cache["xml-name-camelcase"] = {
            m.group(2) for fd in patch.files if fd.path.endswith(".rng")
            for h in fd.hunks for ln in h.lines if ln.kind != "+"
            for m in _NAME.finditer(ln.text)}
    return got


@rule("xml-name-camelcase", severity=NOTE, files=("*.rng",), family="style", profiles=("glib",),
      coding_style="XML element and attribute naming", needs=("name",))
def check(line):
    for m in _NAME.finditer(line.text):
        kind, name = m.group(1), m.group(2)
        sep = "_" if "_" in name else "-" if "-" in name else None
        if sep is None or name in _known_names(line.file.patch):
            continue
        yield finding(line, f"{kind} name '{name}' joins words with '{sep}': libvirt names new "
                            f"elements and attributes in camelCase ('{_camel(name)}')",
                      start=m.start(2), end=m.end(2))
