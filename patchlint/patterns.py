"""Pattern rules: a rule that is a regular expression over one added line, given as data.

Most of libvirt's syntax-check rules are a pattern over a line, the part of the line it looks
at (code, comments, string literals, or all of it), the files it applies to and those it
spares, a message and maybe a replacement.  Such a rule needs no Python: it is an entry in a
family's table (``PATTERNS = [Pattern(...), ...]`` in a module under ``rules/``), or, for a
project's own rules, a ``[tool.patchlint.patterns.<id>]`` table in its configuration.

All the pattern rules that apply to a file are checked together, in one pass per line: each
pattern names literal text a matching line must contain (``needs``), one combined expression
finds which of those a line holds, and only those patterns run.  The line rules' ``needs`` go
into the same expression (:class:`LiteralIndex`), so one search of a line tells every rule
whether to look.
"""

from __future__ import annotations

import re

from .lazyre import lazy_re
from .rulespec import C_FILES, RuleMeta

SCOPES = ("code", "comment", "string", "any")


class Pattern(RuleMeta):
    """One pattern rule: a :class:`~patchlint.rulespec.RuleMeta` (id, severity, files,
    exclude, syntax_check, check_script, profiles, family) and the expression that finds what
    it flags.

    ``regex`` is searched in the line's ``scope`` text (code: comments and literal contents
    blanked; comment: only comments; string: only string literals; any: the raw line);
    ``unless`` is a regex that spares a line it matches (searched in the raw line).
    ``needs``: literal strings one of which a matching line must contain (taken from the
    regex's longest literal run when not given).  ``message`` is what a finding says (a
    ``re`` template: ``\\1`` is the first group's text); ``replacement`` (a ``re.sub``
    template for the matched text) makes the fix certain; ``suggestion`` is advice when it is
    not.  The documentation is made of ``summary`` (its first line; the message by default),
    ``what`` (what it flags, in words), ``why``, and the examples, in a file named
    ``example_path`` when given: ``bad`` ones, each a pair of the lines of code and what
    patchlint reports on them (the lines of a ``findings`` block, see
    :mod:`patchlint.ruledoc`), and ``good`` ones (lines of code) that must draw nothing.
    """

    kind = "pattern"

    def __init__(self, id, regex, message, *, syntax_check=None, severity="error",
                 scope="code", files=C_FILES, exclude=(), unless=None, needs=None,
                 replacement=None, suggestion=None, profiles=None, what="", why="", bad=(),
                 good=(), example_path=None, flags=0, summary=None, family=None,
                 coding_style=None, check_script=None):
        if scope not in SCOPES:
            raise ValueError(f"pattern {id}: scope must be one of {SCOPES}, not {scope!r}")
        super().__init__(id, severity=severity, files=files, exclude=exclude,
                         syntax_check=syntax_check, profiles=profiles, family=family,
                         fixable=replacement is not None, doc=None, coding_style=coding_style,
                         check_script=check_script)
        self.regex = regex
        self.message = message
        self.scope = scope
        self.unless = unless
        self.replacement = replacement
        self.suggestion = suggestion
        self.what = what
        self.why = why
        self.bad = (bad,) if isinstance(bad, str) else tuple(bad)
        self.good = (good,) if isinstance(good, str) else tuple(good)
        self.example_path = example_path
        self.flags = flags
        self.headline = summary or message
        if needs:
            self.needs = tuple(needs)
        elif flags & re.IGNORECASE:
            self.needs = ()             # literals can't be looked for case-blind: always run
        else:
            self.needs = _literals(regex)
        self._re = None
        self._unless = None

    @property
    def pattern(self):
        """The engine runs a rule's ``pattern``: a pattern rule is its own."""
        return self

    @property
    def compiled(self):
        if self._re is None:
            self._re = re.compile(self.regex, self.flags)
            if self.unless:
                self._unless = re.compile(self.unless)
        return self._re

    @property
    def doc(self) -> str:
        """The rule's documentation, in the sections every rule's docstring has (made when
        first asked: only ``explain``, SARIF and the tests read it)."""
        if self._doc is None:
            self._doc = self._document()
        return self._doc

    def _document(self) -> str:
        parts = [_sentence(self.headline), "", "## What it flags",
                 self.what or self._matching(), "", "## Why", self.why or self.message, ""]
        path = f" path={self.example_path}" if self.example_path else ""
        parts.append("## Example")
        for snippet in self.bad:
            code, reports = (snippet, None) if isinstance(snippet, str) else snippet
            parts += [f"```c{path}", code, "```"]
            if reports is not None:
                parts += ["```findings", reports, "```"]
            parts.append("")
        parts.append("## Use instead")
        for snippet in self.good:
            parts += [f"```c{path}", snippet, "```", ""]
        if self.replacement is not None:
            parts += ["## Fix", f"The match is replaced: ``{self.replacement}``.", ""]
        if self.profiles:
            parts += ["## Profiles", "Applies with profile " +
                      " or ".join(f"``{p}``" for p in self.profiles) + ".", ""]
        origin = f"libvirt's ``{'``, ``'.join(self.origins)}``." if self.origins else \
            f"libvirt's coding style, section \"{self.coding_style}\"." if self.coding_style \
            else "A project pattern."
        parts += ["## Origin", origin]
        if self.what:
            parts += ["", "## Details", self._matching()]
        return "\n".join(parts)

    def _matching(self) -> str:
        """What the pattern matches, said with its expression and globs."""
        return (f"An added line whose {_SCOPE_WORDS[self.scope]} matches ``{self.regex}``" +
                (f" (unless it matches ``{self.unless}``)" if self.unless else "") +
                f", in files matching {', '.join(self.files)}" +
                (f" but not {', '.join(self.exclude)}" if self.exclude else "") + ".")


def _sentence(summary):
    """The summary as a sentence: a capital and a full stop, unless it starts with a C name
    (``atoi() and its kin``), whose case is part of it."""
    if not _C_NAME_START.match(summary):
        summary = summary[:1].upper() + summary[1:]
    return summary if summary.endswith(".") else summary + "."


_C_NAME_START = lazy_re(r"[A-Za-z_]\w*\(")

_SCOPE_WORDS = {"code": "code (comments and string contents blanked)", "comment": "comments",
                "string": "string literals", "any": "text"}


def _literals(regex):
    """Literal runs a match must contain: the longest plain run of each top-level branch.

    Conservative: when a branch has no usable literal, the pattern gets no ``needs`` and runs
    on every line.
    """
    branches = _top_level_split(regex)
    found = []
    for b in branches:
        best = _longest_literal(b)
        if len(best) < 2:
            return ()
        found.append(best)
    return tuple(found)


def _top_level_split(regex):
    out, depth, cur, i = [], 0, "", 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            cur += regex[i:i + 2]
            i += 2
            continue
        if ch == "[":
            j = _class_end(regex, i)
            cur += regex[i:j]
            i = j
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    out.append(cur)
    return out


def _class_end(regex, i):
    """The index just after the character class that opens at ``regex[i]`` ("[")."""
    n = len(regex)
    j = i + 1
    if j < n and regex[j] == "^":
        j += 1
    if j < n and regex[j] == "]":             # a "]" first is one of the class's characters
        j += 1
    while j < n and regex[j] != "]":
        j += 2 if regex[j] == "\\" else 1
    return j + 1


def _longest_literal(branch):
    """The longest run of word characters the branch must match as written: outside groups
    and character classes, not escaped, and without a quantifier on its last character."""
    best, cur = "", ""
    depth = 0
    i = 0
    n = len(branch)
    while i < n:
        ch = branch[i]
        if ch == "\\":
            best, cur = max(best, cur, key=len), ""
            i += 2
            continue
        if ch == "[":
            best, cur = max(best, cur, key=len), ""
            i = _class_end(branch, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if depth == 0 and (ch.isalnum() or ch == "_") and ch.isascii():
            quantified = i + 1 < n and branch[i + 1] in "*?{"
            if quantified:
                best, cur = max(best, cur, key=len), ""
            else:
                cur += ch
        elif ch in "+" and cur:
            pass                        # "x+": the x is there at least once
        else:
            best, cur = max(best, cur, key=len), ""
        i += 1
    return max(best, cur, key=len)


_WORD = lazy_re(r"\w+")


class LiteralIndex:
    """Which of some entries may apply to a line, by the literals each needs: one search of
    the line finds every literal at once, however many entries there are.

    ``entries`` are tuples (each one object: candidates() dedups on it); ``needs(entry)``
    gives the literals one of which a line must hold for it (none: it always applies).
    """

    def __init__(self, entries, needs):
        self.entries = [tuple(e) for e in entries]
        self.always = [e for e in self.entries if not needs(e)]
        self.by_literal = {}
        for e in self.entries:
            for lit in needs(e) or ():
                self.by_literal.setdefault(lit, []).append(e)
        alternatives = sorted(self.by_literal, key=len, reverse=True)
        # Literals of word characters only ("strcmp", "Pci") lie inside one word of a line:
        # the line's words are found by one fast search, and which literals each word holds
        # is worked out once per distinct word (identifiers repeat from line to line).  The
        # others (" (", ";;", "_(") are few: a lookahead finds them at every position,
        # overlapping ones included, the alternatives a trie (shared prefixes factored).
        # (One trie of all of them cost ~10 us on a line of 80 characters.)
        self.word_literals = [a for a in alternatives if _WORD.fullmatch(a)]
        others = [a for a in alternatives if not _WORD.fullmatch(a)]
        self.finder = lazy_re("(?=(" + _trie_regex(others) + "))") if others else None
        self._in_word = {}
        # a hit also holds the shorter literals inside it ("for" in "for ("): worked out for
        # the literals lines hold, when first met (for all ~200 at once: ~1 ms a run)
        self._alternatives = alternatives
        self._inside = {}
        # the answer for each set of literals found: lines of code repeat a few such sets
        # ("(", ")", ",", ";"), so most lines are answered by one lookup
        self._answers = {}

    def inside(self, literal):
        """The other literals ``literal`` holds."""
        got = self._inside.get(literal)
        if got is None:
            got = self._inside[literal] = [b for b in self._alternatives
                                           if b != literal and b in literal]
        return got

    def candidates(self, text):
        """The entries that may apply to ``text``."""
        hits = set(self.finder.findall(text)) if self.finder is not None else set()
        if self.word_literals:
            known = self._in_word
            for word in set(_WORD.findall(text)):
                got = known.get(word)
                if got is None:
                    got = tuple(lit for lit in self.word_literals if lit in word)
                    if len(known) < 65536:      # (bounded: hostile input has many words)
                        known[word] = got
                hits.update(got)
        if not hits:
            return self.always
        hits = frozenset(hits)
        out = self._answers.get(hits)
        if out is None:
            found = set(hits)
            for h in hits:
                found.update(self.inside(h))
            seen = set()
            out = list(self.always)
            for h in found:
                for sp in self.by_literal.get(h, ()):
                    if id(sp) not in seen:
                        seen.add(id(sp))
                        out.append(sp)
            if len(self._answers) < 4096:       # (bounded: hostile input has many sets)
                self._answers[hits] = out
        return out


def _trie_regex(words):
    """One regex matching the longest of ``words`` at a position, as a prefix trie."""
    trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node):
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items())
                    if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body
    return walk(trie)


def scope_text(line, scope):
    if scope == "code":
        return line.code if line.file.is_c else line.text
    if scope == "comment":
        return line.comment if line.file.is_c else line.text
    if scope == "string":
        if not line.file.is_c:
            return ""
        text = line.text
        out = [" "] * len(text)
        for s, e, k in line.spans:
            if k == "string":
                out[s:e] = text[s:e]
        return "".join(out)
    return line.text


def check_line(line, candidates, make_finding):
    """Findings of the candidate patterns on ``line`` (``make_finding(spec, pattern, m)``)."""
    out = []
    texts = {}
    for spec, pat in candidates:
        text = texts.get(pat.scope)
        if text is None:
            text = texts[pat.scope] = scope_text(line, pat.scope)
        rx = pat.compiled
        if rx.search(text) is None:
            continue
        if pat._unless is not None and pat._unless.search(line.text):
            continue
        for m in rx.finditer(text):         # every match on the line, each its own finding
            if m.end() > m.start() or not out:
                out.append(make_finding(spec, pat, m))
    return out


def from_table(rid, table):
    """A Pattern from a configuration table ([tool.patchlint.patterns.<id>]); ValueError saying
    what is wrong with the table (the caller says where it is)."""
    known = {"regex", "message", "syntax-check", "check-script", "severity", "scope", "files",
             "exclude", "unless", "needs", "replacement", "suggestion", "profiles", "why", "bad",
             "good", "example-path"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(known))})")
    for key in ("regex", "message"):
        if not isinstance(table.get(key), str):
            raise ValueError(f"'{key}' is required (a string)")
    try:
        re.compile(table["regex"])
        if table.get("unless"):
            re.compile(table["unless"])
    except re.error as e:
        raise ValueError(f"not a valid regex: {e}") from None
    kw = {k.replace("-", "_"): v for k, v in table.items() if k not in ("regex", "message")}
    if "severity" in kw and kw["severity"] not in ("error", "warning", "note"):
        raise ValueError("severity must be error, warning or note")
    try:
        return Pattern(rid, table["regex"], table["message"], **kw)
    except (TypeError, ValueError) as e:
        raise ValueError(str(e)) from None
