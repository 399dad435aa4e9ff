"""libvirt's diagnostic calls (``virReportError()`` and its kin) and the literals of their
messages, for the ``msg_*`` rules: where the format is, what the message is, which literals are
marked for translation.  A call may spread over several lines of a hunk."""

from __future__ import annotations

from ..lazyre import lazy_re
from .parens import word_before

# libvirt's list of diagnostic functions (today's and the 2012 per-driver macros: a name that
# no longer exists costs nothing).
DIAG_FUNCS = frozenset("""VIR_ERROR lxcError regerror vah_error vah_warning vboxReportError
    virGenericReportError virRaiseError virReportError virReportErrorHelper
    virReportSystemError virLastErrorPrefixMessage
    ESX_ERROR ESX_VI_ERROR HYPERV_ERROR PHYP_ERROR VMX_ERROR XENXS_ERROR eventReportError
    ifaceError interfaceReportError iptablesError libxlError macvtapError networkReportError
    nodeReportError openvzError pciReportError qemuReportError qemudDispatchClientFailure
    remoteError remoteDispatchFormatError statsError streamsReportError usbReportError
    umlReportError vboxError virCommandError virConfError virCPUReportError virEventError
    virDomainReportError virHashError virHookReportError virInterfaceReportError virJSONError
    virLibConnError virLibDomainError virLibDomainSnapshotError virLibInterfaceError
    virLibNetworkError virLibNodeDeviceError virLibNWFilterError virLibSecretError
    virLibStoragePoolError virLibStorageVolError virNetworkReportError virNodeDeviceReportError
    virNWFilterReportError virSecretReportError virSecurityReportError virSexprError
    virSmbiosReportError virSocketError virStatsError virStorageReportError virUtilError
    virXMLError virXenInotifyError virXenStoreError virXendError vmwareError
    xenapiSessionErrorHandler xenUnifiedError xenXMError""".split())

# Where the format is, for the functions whose prototype says (0-based argument index).
FORMAT_ARG = {"virReportError": 1, "virReportSystemError": 1, "VIR_ERROR": 0,
              "virReportErrorHelper": 5, "virLastErrorPrefixMessage": 0, "vah_error": 2,
              "vah_warning": 2, "virRaiseError": 11, "virGenericReportError": 2}

# any call, its name then looked up in DIAG_FUNCS (an alternation of the 60 names cost 4 ms
# to compile, a tenth of a typical run)
_CALL = lazy_re(r"\b([A-Za-z_]\w*)\s*\(")
_TOKEN = lazy_re(r"\w+|[(),]")
MAX_LINES = 40          # how far a call's arguments are followed


class Literal:
    """One string literal inside a diagnostic call."""

    __slots__ = ("line", "start", "end", "arg", "wrap")

    def __init__(self, line, start, end, arg, wrap):
        self.line = line
        self.start = start          # column of the opening quote
        self.end = end              # column after the closing quote
        self.arg = arg              # 0-based index of the call's argument it belongs to
        self.wrap = wrap            # "_" (marked), None (bare) or the function it is passed to

    @property
    def text(self):
        """Its contents, without the quotes."""
        return self.line.text[self.start + 1:self.end - 1]

    @property
    def bare(self):
        return self.wrap is None


class DiagCall:
    """A diagnostic call seen in a hunk: its name, lines and string literals."""

    def __init__(self, name, lines, literals, idents):
        self.name = name
        self.lines = lines          # the lines it spans (post-image side)
        self.literals = literals
        self.idents = idents        # {argument index: identifiers in it, but _ and N_}

    def plain(self, k):
        """Is argument ``k`` made of string literals (and ``_()``) only, no macro pieces?"""
        return not self.idents.get(k)

    def format_arg(self):
        """Index of the format argument, or None when it holds no literal we can see."""
        k = FORMAT_ARG.get(self.name)
        if k is not None:
            return k if any(lit.arg == k and not _nested(lit) for lit in self.literals) \
                else None
        for lit in self.literals:
            if not _nested(lit):
                return lit.arg
        return None

    def message(self):
        """The literals that make up the message: the format's, and when the format is a bare
        ``"%s"``, those of the argument it prints."""
        k = self.format_arg()
        if k is None:
            return []
        fmt = [lit for lit in self.literals if lit.arg == k and not _nested(lit)]
        if len(fmt) == 1 and fmt[0].bare and fmt[0].text == "%s":
            return fmt + [lit for lit in self.literals if lit.arg == k + 1
                          and not _nested(lit)]
        return fmt

    def format_literals(self):
        k = self.format_arg()
        return [] if k is None else [lit for lit in self.literals
                                     if lit.arg == k and not _nested(lit)]


def _nested(lit):
    return lit.wrap is not None and lit.wrap not in ("_", "N_")


def diagnostic_calls(fd):
    """Every diagnostic call of ``fd``'s hunks that spans an added line (cached per hunk)."""
    out = []
    for hunk in fd.hunks:
        calls = hunk.cache.get("diag-calls")
        if calls is None:
            calls = hunk.cache["diag-calls"] = _calls_in(hunk)
        out.extend(calls)
    return out


def _calls_in(hunk):
    if not any(ln.kind == "+" for ln in hunk.lines):
        return []
    side = hunk.new_side()
    found = []
    for k, ln in enumerate(side):
        text = ln.text
        if not ("rror" in text or "RROR" in text or "vah_" in text or "Dispatch" in text):
            continue                # (what every name of DIAG_FUNCS holds; cheaper than any())
        for m in _CALL.finditer(text):
            if m.group(1) not in DIAG_FUNCS:
                continue
            paren = m.end() - 1
            if ln.code[m.start(1):m.end()] != text[m.start(1):m.end()]:
                continue            # in a comment or a string
            call = _scan(side, k, paren, m.group(1))
            if any(x.kind == "+" for x in call.lines):
                found.append(call)
    return found


def _literal(literals, stack, ln, s, e, arg):
    """A string literal read inside the call: which argument, wrapped in what."""
    if stack:
        inner = stack[1:]
        wrap = next((w for w in reversed(inner) if w is not None), None)
        if any(w in ("_", "N_") for w in inner):
            wrap = "_"
        literals.append(Literal(ln, s, e, arg, wrap))


def _scan(side, k, paren, name):
    """Follow the call opening at ``side[k]`` column ``paren`` to its closing parenthesis."""
    stack = []                      # identifiers before each open parenthesis (None: grouping)
    arg = 0
    literals = []
    lines = []
    complete = False
    idents = {}
    prev = ""
    j, col = k, paren
    while j < len(side) and j < k + MAX_LINES and not complete:
        ln = side[j]
        lines.append(ln)
        code = ln.code
        strings = [(s, e) for s, e, kind in ln.spans
                   if kind == "string" and ln.text[s:s + 1] == '"']
        si, ns = 0, len(strings)
        pos = col                   # read up to here
        # token by token (words, parentheses, commas), not character by character
        for m in _TOKEN.finditer(code, col):
            p = m.start()
            while si < ns and strings[si][0] < p:       # the literals before this token
                s, e = strings[si]
                si += 1
                if s >= pos:
                    _literal(literals, stack, ln, s, e, arg)
                    pos = e
            if p < pos:
                continue                                # inside a literal
            tok = m.group()
            pos = m.end()
            if tok == "(":
                ident = word_before(code, p) if code[:p].strip() \
                    else word_before(prev, len(prev))  # "_" left on the line above
                stack.append(ident if stack else name)
            elif tok == ")":
                stack.pop()
                if not stack:
                    complete = True
                    break
            elif tok == ",":
                if len(stack) == 1:
                    arg += 1
            elif not tok[0].isdigit() and tok not in ("_", "N_"):
                idents.setdefault(arg, set()).add(tok)
        if not complete:
            for s, e in strings[si:]:                   # the literals after the last token
                if s >= pos:
                    _literal(literals, stack, ln, s, e, arg)
                    pos = e
        j += 1
        col = 0
        prev = code
    return DiagCall(name, lines, literals, idents)
