"""The rulebook's sub-commands: ``patchlint rules`` and ``patchlint explain RULE``."""

from __future__ import annotations

import re
import sys

from .catalogue import all_rules, families
from .config import dashed
from .report import say
from .ruledoc import dedent
from .syntaxcheck import NOT_JUDGED


def markdown_table(specs) -> str:
    """The README's rule tables, one per family, generated from the rulebook."""
    rows = []
    for family, members in by_family(specs):
        rows += [f"**{family.title}**", "",
                 "| rule | severity | fix | description |", "|---|---|---|---|"]
        for s in members:
            summary = s.summary.replace("|", "\\|")
            sc = f" (`{'`, `'.join(s.origins)}`)" if s.origins else \
                f" (coding style: {s.coding_style})" if s.coding_style else ""
            era = f" (profile `{'`/`'.join(s.profiles)}`)" if s.profiles else ""
            rows.append(f"| `{s.id}` | {s.severity} | {'yes' if s.fixable else ''} | "
                        f"{summary}{sc}{era} |")
        rows.append("")
    return "\n".join(rows)


# The README's generated region: its first line (kept as it is) to the end marker.
TABLE_START = "<!-- rules-table:"
TABLE_END = "<!-- end rules-table -->"


def with_rule_table(text: str, table: str) -> str:
    """``text`` (the README) with ``table`` between its rules-table markers."""
    start = text.find(TABLE_START)
    end = text.find(TABLE_END, start)
    if start < 0 or end < 0:
        raise ValueError(f"no {TABLE_START} ... --> and {TABLE_END} markers")
    first = text.index("\n", start) + 1
    return text[:first] + table + text[end:]


def write_rule_table(path: str) -> bool:
    """Rewrite the rule table of the README at ``path``; False when it was current."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new = with_rule_table(text, markdown_table(all_rules()))
    if new == text:
        return False
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)
    return True


RULES_USAGE = """usage: patchlint rules [--markdown [--write README.md] | --syntax-check]

List every rule: id, default severity, whether it has a certain fix, the syntax-check rule or
check script of libvirt's it ports, and what it flags.

  --markdown        print it as the README's tables
  --write FILE      put those tables in FILE, between its rules-table markers
  --syntax-check    list libvirt's syntax-check targets instead: for each, the rules that
                    port it, or why a patch cannot show what it checks
"""


def syntax_check_table(specs) -> str:
    """Each syntax-check target: the rules porting it (with their profiles), or why none."""
    ports = {}
    for s in specs:
        for name in s.syntax_checks:
            era = f" ({'/'.join(s.profiles)})" if s.profiles else ""
            ports.setdefault(name, []).append(s.id + era)
    names = sorted(set(ports) | set(NOT_JUDGED), key=lambda n: n.lower())
    width = max(len(n) for n in names)
    lines = []
    for name in names:
        said = ", ".join(ports[name]) if name in ports else f"not judged: {NOT_JUDGED[name]}"
        lines.append(f"{name.ljust(width)}  {said}")
    lines.append(f"{len(names)} targets: {len(ports)} ported by rules, "
                 f"{len(names) - len(ports)} not judged on a patch.")
    return "\n".join(lines) + "\n"


def rules(args) -> int:
    if args and args[0] in ("-h", "--help"):
        sys.stdout.write(RULES_USAGE)
        return 0
    markdown, write, rest = False, None, list(args)
    if rest == ["--syntax-check"]:
        sys.stdout.write(syntax_check_table(all_rules()))
        return 0
    while rest:
        arg = rest.pop(0)
        if arg == "--markdown":
            markdown = True
        elif arg == "--write" and rest:
            write = rest.pop(0)
        elif arg.startswith("--write="):
            write = arg.split("=", 1)[1]
        else:
            return _usage_error("--write needs a FILE" if arg == "--write" else
                                f"'rules' takes --markdown and --write FILE, or "
                                f"--syntax-check, not {arg!r}")
    if write is not None:
        try:
            changed = write_rule_table(write)
        except (OSError, ValueError) as e:
            return _usage_error(f"{write}: {getattr(e, 'strerror', None) or e}", hint=False)
        sys.stdout.write(f"{write}: rule table {'rewritten' if changed else 'up to date'}\n")
        return 0
    if markdown:
        sys.stdout.write(markdown_table(all_rules()))
        return 0
    specs = all_rules()
    width = max(len(s.id) for s in specs)
    out = sys.stdout
    for family, members in by_family(specs):
        out.write(f"{family.title}\n")
        for s in members:
            fix = "yes" if s.fixable else "-"
            extra = f" [{', '.join(s.origins)}]" if s.origins else \
                f" [coding style: {s.coding_style}]" if s.coding_style else ""
            era = f" (profile {'/'.join(s.profiles)})" if s.profiles else ""
            out.write(f"  {s.id.ljust(width)}  {s.severity.ljust(7)}  {fix.ljust(3)}  "
                      f"{s.summary}{extra}{era}\n")
        out.write("\n")
    out.write(f"{len(specs)} rules.  'patchlint explain RULE' tells what one checks and "
              "why.\n")
    return 0


def _usage_error(message, hint=True) -> int:
    say(f"patchlint: error: {message}" + (" (see 'patchlint rules --help')" if hint else ""))
    return 2


def by_family(specs):
    """[(Family, [specs...]), ...]: the families in their rank's order, each with its rules."""
    known = families()
    groups = {}
    for s in specs:
        groups.setdefault(s.family, []).append(s)
    return [(known[f], groups[f]) for f in sorted(groups, key=lambda f: known[f].rank)]


def rules_named(name: str) -> list:
    """The rules a name given to ``explain`` means: the rule of that id, else every rule of
    that syntax-check name or check script (several rules may port one), else every rule of
    that module."""
    specs = all_rules()
    for named in (lambda s: s.id == name, lambda s: name in s.origins,
                  lambda s: s.module == name):
        found = [s for s in specs if named(s)]
        if found:
            return found
    return []


def explain(args) -> int:
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write("usage: patchlint explain RULE...\n\nPrint each rule's documentation: "
                         "what it flags, why, a bad and a good example, its options.  RULE is "
                         "a rule id, a libvirt syntax-check name (sc_...) or the name of one "
                         "of libvirt's check scripts (check-aclrules): every rule that ports "
                         "it is explained.\n")
        return 0 if args else 2
    status = 0
    shown = 0
    for name in args:
        specs = rules_named(name)
        if not specs:
            import difflib  # noqa: PLC0415 (lazy: only a rule name not found needs it)
            close = difflib.get_close_matches(name, [s.id for s in all_rules()], n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else \
                " (see 'patchlint rules')"
            say(f"patchlint: error: no rule named {name!r}{hint}")
            status = 2
            continue
        for spec in specs:
            if shown:
                sys.stdout.write("\n" + "-" * 72 + "\n\n")
            if len(specs) > 1 and spec is specs[0]:
                sys.stdout.write(f"{name} is checked by {len(specs)} rules: "
                                 f"{', '.join(s.id for s in specs)}.\n\n")
            sys.stdout.write(explanation(spec))
            shown += 1
    return status


def explanation(spec) -> str:
    """What ``patchlint explain`` prints for one rule: its docstring as plain text."""
    head = f"{spec.id} ({spec.severity}"
    if spec.syntax_check:
        head += f"; libvirt syntax-check: {', '.join(spec.syntax_checks)}"
    if spec.check_script:
        head += f"; libvirt check script: {', '.join(spec.check_scripts)}"
    if spec.coding_style:
        head += f"; libvirt coding style: {spec.coding_style}"
    if spec.fixable:
        head += "; fixable"
    if spec.profiles:
        head += f"; profile {'/'.join(spec.profiles)}"
    head += ")"
    out = head + "\n\n" + plain_text(spec.doc) + "\n"
    if spec.options:
        out += "\nDefaults: " + ", ".join(_default(spec, k, v)
                                          for k, v in spec.options.items()) + "\n"
    return out


def _default(spec, key, value) -> str:
    """``rule.option='default'``, with the profiles whose default differs."""
    eras = [f"{p}: {o[key]!r}" for p, o in spec.profile_options.items() if key in o]
    return f"{spec.id}.{dashed(key)}={value!r}" + (f" (profile {', '.join(eras)})"
                                                     if eras else "")


def plain_text(doc: str) -> str:
    """A rule's docstring for a terminal: ````code```` written `code`, and each fenced
    example indented under a line naming its file (and first line) instead of its fence, what
    patchlint reports on it under "patchlint reports:"."""

    out = []
    prose = []
    fence = None

    def flush():
        text = "\n".join(prose)
        text = re.sub(r"``(.+?)``", r"`\1`", text, flags=re.S).replace("``", "`")
        out.extend(text.split("\n") if prose else [])
        prose.clear()

    for line in dedent(doc).split("\n"):
        m = re.match(r"^\s*```(\w*)(.*)$", line)
        if m and fence is None:
            flush()
            fence = m
            attrs = dict(re.findall(r"(\w+)=(\S+)", m.group(2)))
            if m.group(1) == "findings":
                out.append("  patchlint reports:")
            elif "path" in attrs:
                where = attrs["path"] + (f", from line {attrs['start']}" if "start" in attrs
                                         else "")
                out.append(f"  {where}:")
        elif m and fence is not None and not m.group(1) and not m.group(2).strip():
            fence = None
        elif fence is not None:
            out.append(f"    {line}".rstrip() if line.strip() else "")
        else:
            prose.append(line)
    flush()
    return "\n".join(out)
