"""Mail headers: decoding them, and reading what they hold (addresses, dates, subjects).

This is the one place patchlint reads header text.  The reader decodes a message's headers
with :func:`header_fields`; the model asks :func:`parse_date`, :func:`parse_addresses` and
:func:`parse_subject` when a rule first wants a patch's date, To:/Cc: or subject prefix; rules
read a trailer's "Name <addr>" with :func:`parse_address` (through :mod:`patchlint.api`).

The standard library's ``email`` modules do the parsing, but they cost start-up time a hook
pays on every commit: each is imported inside the function that needs it, and most runs (a
plain ``git format-patch`` mail, "Name <addr>" as git writes it) never import one.
"""

from __future__ import annotations

import re

from .lazyre import lazy_re

# -- decoding ---------------------------------------------------------------------------------

_FOLD_RE = lazy_re(r"\r?\n[ \t]+")


def bytes_text(data: bytes, charset, strict=True) -> str:
    """Text of raw bytes in ``charset``; with ``strict`` False, bytes that are not valid
    UTF-8 are kept as surrogates (a patch's content), else they fall back to latin-1."""
    charset = (charset or "").lower()
    if charset in ("utf8", "us-ascii", "ascii", "unknown-8bit", "x-unknown"):
        charset = ""
    if charset and charset != "utf-8":
        try:
            return data.decode(charset, "replace" if strict else "surrogateescape")
        except LookupError:
            pass
    if not strict:
        return data.decode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode_header(value) -> str:
    """A header's text: unfolded, its encoded words (``=?UTF-8?q?...?=``) decoded."""
    if value is None:
        return ""
    if isinstance(value, str) and "=?" not in value:
        return _FOLD_RE.sub(" ", value)                 # nothing encoded: just unfold
    # (start-up time of a per-mail hook: only an encoded or 8-bit header loads email.header)
    from email.header import Header, decode_header, make_header  # noqa: PLC0415
    if isinstance(value, Header):
        # Raw 8-bit bytes in a header (git's cover letter writes the author's name so): the
        # parser hands them over as "unknown-8bit", and str() would garble them.
        value = "".join(bytes_text(b, cs) if isinstance(b, bytes) else b
                        for b, cs in decode_header(value))
    value = _FOLD_RE.sub(" ", str(value))
    try:
        return str(make_header(decode_header(value)))
    except Exception:  # undecodable encoded-word: keep it as sent
        return value


class PlainHeaders:
    """The header block of a plain mail (one text part sent 7bit/8bit: what git format-patch
    writes), answering the few questions the email package's Message would.

    Such a mail needs no MIME decoding, so it is read without importing the email parser
    (~15 ms of start-up, which a hook pays on every commit).  Anything else goes to
    email.parser (see :mod:`patchlint.mime`).
    """

    def __init__(self, block: bytes):
        self._items = []
        for raw in block.split(b"\n"):
            raw = raw.rstrip(b"\r")
            if raw[:1] in (b" ", b"\t") and self._items:
                name, value = self._items[-1]
                self._items[-1] = (name, value + "\n" + bytes_text(raw, None))
            elif b":" in raw:
                name, _, value = raw.partition(b":")
                self._items.append((bytes_text(name, None).strip(),
                                    bytes_text(value, None).strip()))

    def get(self, name, default=None):
        name = name.lower()
        return next((v for k, v in self._items if k.lower() == name), default)

    def get_all(self, name, default=None):
        name = name.lower()
        found = [v for k, v in self._items if k.lower() == name]
        return found or default

    def items(self):
        return list(self._items)

    def simple(self) -> bool:
        """One plain text part, sent as is: nothing for the email parser to decode."""
        ctype = (self.get("Content-Type") or "text/plain").lower()
        cte = (self.get("Content-Transfer-Encoding") or "7bit").strip().lower()
        return cte in ("7bit", "8bit", "binary") and ctype.startswith("text/plain") \
            and "flowed" not in ctype

    def charset(self):
        m = re.search(r'charset\s*=\s*"?([^";\s]+)', self.get("Content-Type") or "", re.I)
        return m.group(1) if m else None


def _stripped(value):
    """A one-word header's decoded text, or None when it is empty."""
    return decode_header(value).strip() or None if value else None


def header_fields(msg) -> dict:
    """The :class:`~patchlint.model.Patch` fields a message's headers give (``msg`` is a
    :class:`PlainHeaders` or an ``email`` Message).  The date and the address lists stay text
    until a rule asks for them (see the model's properties)."""
    fields = {"subject": decode_header(msg.get("Subject")) or None,
              "author": decode_header(msg.get("From")) or None,
              "date": _stripped(msg.get("Date")),
              "message_id": _stripped(msg.get("Message-ID") or msg.get("Message-Id")),
              "in_reply_to": _stripped(msg.get("In-Reply-To"))}
    refs = msg.get("References")
    fields["references"] = decode_header(refs).split() if refs else []
    for key in ("to", "cc"):
        vals = [decode_header(v) for v in msg.get_all(key, [])]
        fields[key] = ", ".join(vals) if vals else []
    fields["headers"] = {k.lower(): decode_header(v) for k, v in msg.items()}
    return fields


_WEEKDAY_LINE_RE = lazy_re(r"^(?:Date:\s*)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b.*\d{4}")


def text_fields(lines) -> dict:
    """What a text that is no mail says about itself in its first lines (a list archive's
    page, say): a subject with a [PATCH] prefix, a date."""
    fields = {}
    head = [ln.text for ln in lines[:12]]
    for t in head[:3]:
        if re.search(r"\[[^\]]*PATCH[^\]]*\]", t, re.I):
            fields["subject"] = t.strip()
            break
    for t in head:
        s = t.strip()
        if _WEEKDAY_LINE_RE.match(s):
            when = parse_date(s.replace("Date:", "").strip())
            if when is not None:
                fields["date"] = when
                break
    return fields


# -- addresses --------------------------------------------------------------------------------

# "Name <addr>" as git writes it: read without the email package
_SIMPLE_ADDR = lazy_re(r'^\s*"?([^"<>]*?)"?\s*<([^<>@\s]+@[^<>\s]+)>\s*$')


def address_pairs(values) -> list:
    """``[(name, addr), ...]`` of every address in header texts (From:, To:, Cc:).

    Read leniently, as mail readers do: a quoted name keeps its commas, and a garbled header
    still gives the addresses it holds (Python's newer ``strict`` mode would give nothing).
    Text that holds no address may come back as a pair with an empty or odd ``addr``.
    """
    # (start-up time of a per-mail hook: email.utils costs ~9 ms, paid only when asked)
    from email.utils import getaddresses  # noqa: PLC0415
    lenient = {"strict": False} if "strict" in (getaddresses.__kwdefaults__ or {}) else {}
    return getaddresses([str(v) for v in values], **lenient)


def parse_address(text) -> tuple:
    """``("Name", "addr")`` of one address (a From: header, a Signed-off-by: trailer);
    ``("", "")`` when it holds none."""
    m = _SIMPLE_ADDR.match(text or "")
    if m:
        return m.group(1).strip(), m.group(2)
    pairs = address_pairs([text or ""])
    return pairs[0] if pairs else ("", "")


def parse_addresses(text) -> list:
    """``["Name <addr>", ...]`` from a To: or Cc: header's text."""
    return [f"{n} <{a}>" if n else a for n, a in address_pairs([text]) if a]


# -- dates ------------------------------------------------------------------------------------

_YEAR_RE = lazy_re(r"\b((?:19|20|21)\d\d)\b")


def parse_date(text):
    """An RFC 2822 date (a Date: header) as a datetime, naive when it names no zone; None
    when it is not one."""
    # (start-up time of a per-mail hook: email.utils costs ~9 ms, paid only when asked)
    from email.utils import parsedate_to_datetime  # noqa: PLC0415
    try:
        return parsedate_to_datetime(text or "")
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def date_year(text):
    """The year a date's text names, read without parsing the date; None if none."""
    m = _YEAR_RE.search(text)
    return int(m.group(1)) if m else None


_LOOSE_FORMATS = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M",
                  "%a, %b %d, %Y at %H:%M:%S %z")


def loose_date(text):
    """The date of a reply's attribution line: "Thu, Jan 01, 2026 at 12:00:00 +0000" (mutt),
    "01/13/2012 01:51 PM" (Thunderbird) or an RFC 2822 date; None if it is none of them."""
    text = text.strip()
    when = parse_date(text.replace(" at ", " "))
    if when is not None:
        return when
    import datetime  # noqa: PLC0415 (lazy: start-up time; only a reply's attribution needs it)
    for fmt in _LOOSE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


# -- subjects ---------------------------------------------------------------------------------

_PREFIX_RE = lazy_re(r"^\s*(?:(?:re|fwd?|aw)\s*:\s*)*((?:\[[^\]]*\]\s*)+)", re.I)
# (bounded: a number of thousands of digits is no patch number, and int() would refuse it)
_NUM_RE = lazy_re(r"(?:^|\s)(\d{1,9})/(\d{1,9})(?:\s|$)")
_VER_RE = lazy_re(r"(?:^|\s)v(\d{1,9})(?:\s|$)", re.I)


class SubjectInfo:
    """What a subject says: its bracketed prefix ("[libvirt PATCH v2 3/5]") and title."""

    __slots__ = ("prefix", "title", "number", "total", "version", "is_reply")

    def __init__(self):
        self.prefix = ""
        self.title = ""
        self.number = self.total = self.version = None
        self.is_reply = False


def parse_subject(subject: str | None) -> SubjectInfo:
    info = SubjectInfo()
    if not subject:
        return info
    info.is_reply = bool(re.match(r"^\s*re\s*:", subject, re.I))
    m = _PREFIX_RE.match(subject)
    if not m:
        info.title = re.sub(r"^\s*(?:re\s*:\s*)+", "", subject, flags=re.I).strip()
        return info
    info.prefix = m.group(1).strip()
    info.title = subject[m.end():].strip()
    for part in re.findall(r"\[([^\]]*)\]", info.prefix):
        n = _NUM_RE.search(part)
        if n and info.number is None:
            info.number, info.total = int(n.group(1)), int(n.group(2))
        v = _VER_RE.search(part)
        if v and info.version is None:
            info.version = int(v.group(1))
    return info
