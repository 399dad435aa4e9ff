"""libvirt's driver tables and the functions behind them, as its build scripts read them.

A driver fills a table of its methods, one designated initializer a line::

    static virHypervisorDriver qemuHypervisorDriver = {
        .name = QEMU_DRIVER_NAME,
        .domainGetMessages = qemuDomainGetMessages, /* 7.1.0 */
        ...
    };

Three of libvirt's scripts read those tables (``check-driverimpls``, ``check-aclrules``,
``hvsupport``), and the rules porting them share what is here: the tables a file shows, with
their entries (:func:`driver_tables`), and the function definitions a text holds, with their
bodies (:func:`function_bodies`), so that a rule can follow an entry to the function it names.

Everything works on the post-image of a file as far as it is known: the whole file when it is
(:func:`patchlint.wholefile.whole_file`), else each hunk on its own, a table that opened above
a hunk being known from git's hunk header (``@@ ... @@ static virHypervisorDriver qemu... {``).
As everywhere in :mod:`patchlint.c`, what can't be seen is unknown, never assumed.
"""

from __future__ import annotations

from ..lazyre import lazy_re
from ..wholefile import whole_file

# The tables of driver methods, one type per src/driver-*.h (virStreamDriver aside, whose
# implementations are named after the stream, not the driver), and the state driver's.
METHOD_TABLES = frozenset({
    "virHypervisorDriver", "virInterfaceDriver", "virNetworkDriver", "virNodeDeviceDriver",
    "virNWFilterDriver", "virSecretDriver", "virStorageDriver"})
STATE_TABLE = "virStateDriver"

_HEAD = lazy_re(r"^\s*(?:static\s+)?(vir\w*Driver)\s+(\w+|NAME\(\w+\))\s*=\s*\{")
_ENTRY = lazy_re(r"^\s*\.(\w+)\s*=\s*([A-Za-z_]\w*)\s*(,?)\s*(.*?)\s*$")
# what may sit between a table's entries: blanks, comments, directives
_FILLER = lazy_re(r"^\s*(?:$|/\*|\*|//|#)")


class Table:
    """A driver table: its ``type`` (``virHypervisorDriver``), its variable's ``name``, its
    ``entries`` as far as they are visible, and whether its head was seen (``head``: the line
    number of the ``... = {`` line, or None when the table opened above a hunk)."""

    def __init__(self, type, name, head):
        self.type = type
        self.name = name
        self.head = head
        self.entries = []
        self.closed = False

    def __repr__(self):
        return f"<Table {self.type} {self.name}: {len(self.entries)} entries>"

    @property
    def complete(self) -> bool:
        """Are all its entries known (its head seen and its ``}`` too)?"""
        return self.head is not None and self.closed

    def methods(self):
        """Its entries that name a function (not ``.name``, ``.no``, nor a NULL slot)."""
        return [e for e in self.entries if e.is_method]


class Entry:
    """One ``.field = value, /* comment */`` line of a table: the model ``line`` when the
    patch (or the tree's context) shows it, else None; its ``number`` in the post-image;
    ``field``, ``value``, and ``rest``, what follows the value and its comma."""

    def __init__(self, table, line, number, text, field, value, comma, rest):
        self.table = table
        self.line = line
        self.number = number
        self.text = text
        self.field = field
        self.value = value
        self.comma = comma
        self.rest = rest

    def __repr__(self):
        return f"<Entry .{self.field} = {self.value} line {self.number}>"

    @property
    def added(self) -> bool:
        return self.line is not None and self.line.kind == "+"

    @property
    def is_method(self) -> bool:
        return self.field not in ("name", "no") and self.value not in ("NULL", "true",
                                                                       "false")


def post_image(file):
    """A file's post-image as far as it is known: [(hunk header's text, [(model line or None,
    line number, text), ...])], one sequence for the whole file when it is known (its header
    None), else one per hunk."""
    return [(section, [(line_of(no), no, text) for no, text in numbered])
            for section, numbered, line_of in _numbered(file)]


def _numbered(file):
    """[(hunk header's text, [(line number, text)], line number -> model line or None)]: the
    post-image as :func:`post_image` gives it, the model lines looked up only when asked."""
    whole = whole_file(file)
    if whole is not None:
        return [(None, enumerate(whole.new, 1), whole.line)]
    out = []
    for h in file.hunks:
        if h.trimmed:
            continue
        side = h.new_side()
        by_no = {ln.new_no: ln for ln in side}
        out.append((h.section, [(ln.new_no, ln.text) for ln in side], by_no.get))
    return out


def driver_tables(file):
    """The driver tables of a file's post-image, as far as it is known (cached)."""
    cache = file.patch.cache if file.patch is not None else {}
    key = ("driver-tables", id(file))
    got = cache.get(key)
    if got is None:
        got = cache[key] = _tables(file)
    return got


def _tables(file):
    out = []
    for section, numbered, line_of in _numbered(file):
        table = None
        inherited = False
        head = _HEAD.match(section) if section and "Driver" in section else None
        if head:
            table = Table(head.group(1), head.group(2), None)
            inherited = True
            out.append(table)
        for no, text in numbered:
            head = _HEAD.match(text) if "Driver" in text and "{" in text else None
            if head:
                table = Table(head.group(1), head.group(2), no)
                inherited = False
                out.append(table)
                continue
            if table is None:
                continue
            if text.startswith("}"):
                table.closed = True
                table = None
                continue
            m = _ENTRY.match(text)
            if m:
                table.entries.append(Entry(table, line_of(no), no, text, *m.groups()))
            elif inherited and not _FILLER.match(text):
                # the header named a table that ended before the hunk: not one of its lines
                table = None
    return [t for t in out if t.entries or t.head is not None]


def leading_lower(name: str) -> str:
    """The name's leading run of lower-case letters (``qemu`` of ``qemuDomainFoo``), the
    name itself when it has none, as libvirt's check-driverimpls takes a prefix."""
    k = 0
    while k < len(name) and "a" <= name[k] <= "z":
        k += 1
    return name[:k] if k else name


# -- functions and their bodies ------------------------------------------------------------

_HEADER_NAME = lazy_re(r"\b([A-Za-z_]\w*)\s*\(")
_NOT_FUNCTIONS = frozenset("if for while switch return sizeof defined typeof __attribute__ "
                           "G_STATIC_ASSERT VIR_ENUM_IMPL VIR_LOG_INIT".split())


class Body:
    """A function definition in a text: its ``name``, the index of its header's first line
    (``start``), of the line that opens its body and of the one that closes it (``end``: None
    when the text stops before)."""

    __slots__ = ("name", "start", "open", "end")

    def __init__(self, name, start, open_):
        self.name = name
        self.start = start
        self.open = open_
        self.end = None

    def __repr__(self):
        return f"<Body {self.name} {self.start}..{self.end}>"


def function_bodies(texts):
    """{name: :class:`Body`} of the function definitions in ``texts`` (lines of C, in file
    order), read the way libvirt lays them out: the header starts in column 0, the body's
    ``{`` opens in column 0 (or ends the header's line) and its ``}`` closes in column 0.
    A text that starts inside a function (a hunk) attributes nothing to it."""
    out = {}
    name = start = None
    cur = None
    for k, text in enumerate(texts):
        if cur is not None:
            if text.startswith("}"):
                cur.end = k
                cur = None
            continue
        if text.startswith("}"):
            name = None                       # the end of something begun above the text
            continue
        first = text[:1]
        if first == "{":
            if name is not None:
                cur = out[name] = Body(name, start, k)
            name = None
            continue
        if not first or first.isspace() or first in "#/*":
            if name is not None and text.rstrip().endswith(";"):
                name = None                   # a prototype's last line
            continue
        m = _HEADER_NAME.search(text)
        if m is None or m.group(1) in _NOT_FUNCTIONS or "=" in text[:m.start()]:
            name = None
            continue
        name, start = m.group(1), k
        stripped = text.rstrip()
        if stripped.endswith(";"):
            name = None
        elif stripped.endswith("{"):
            cur = out[name] = Body(name, start, k)
            name = None
    return out


def calls(texts):
    """The names of the functions ``texts`` call (the words before an open parenthesis)."""
    out = set()
    for text in texts:
        if "(" in text:
            out.update(_HEADER_NAME.findall(text))
    return out
