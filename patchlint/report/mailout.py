"""Writing review replies as mail: headers that cannot be injected, addresses written anew,
the message itself, and an mbox of them.

A reply carries text that came from the patch (a subject, names, the quoted lines): nothing of
it may break the headers or the mbox, whatever bytes it holds.
"""

from __future__ import annotations

import re
import time
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate

from ..mail import address_pairs
from . import clean


def header(value):
    """A header value that cannot inject headers: no CR/LF, no control characters."""
    value = re.sub(r"[\r\n\t]+", " ", value or "")
    return re.sub(r" {2,}", " ", printable(value)).strip()


def _addresses(values):
    """The mail addresses in header texts, each written anew as ``Name <addr>``: a display
    name with commas, quotes or encoded-word look-alikes in it is quoted or encoded as mail
    wants, and text that holds no address is dropped (a garbled From: must not split into
    addresses that break the header when it is folded)."""
    out = []
    for name, addr in address_pairs([header(v) for v in values]):
        if "@" not in addr or any(c.isspace() or ord(c) > 126 for c in addr):
            continue
        out.append(formataddr((name, addr), charset="utf-8"))
    return out


def message(sender, to, cc, subject, in_reply_to, references, message_id, body):
    msg = EmailMessage(policy=SMTP)
    sender = header(sender)
    msg["From"] = sender
    to = _addresses([to] if to else [])
    if to:
        msg["To"] = ", ".join(to)
    others = []
    me = sender.lower()
    for a in _addresses(cc):
        if a.lower() != me and a not in others and a not in to:
            others.append(a)
    if others:
        msg["Cc"] = ", ".join(others)
    msg["Subject"] = header(subject)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id
    irt = header(in_reply_to)
    if irt:
        msg["In-Reply-To"] = irt
        refs = [header(r) for r in references if header(r)]
        if irt not in refs:
            refs.append(irt)
        msg["References"] = " ".join(refs)
    body = clean(body)          # (a net under the parts: the mail must encode whatever came in)
    long_line = any(len(ln.encode("utf-8")) > 900 for ln in body.split("\n"))
    msg.set_content(body, charset="utf-8", cte="quoted-printable" if long_line else "8bit")
    return msg


def write_mbox(out, messages):
    """Messages as an mbox (mboxrd: body lines starting with "From " are escaped)."""
    stamp = time.asctime(time.gmtime())
    for msg in messages:
        data = msg.as_bytes()
        data = re.sub(rb"(?m)^(>*From )", rb">\1", data)
        text = data.decode("utf-8", "replace").replace("\r\n", "\n")
        out.write(f"From patchlint@localhost {stamp}\n")
        out.write(text)
        if not text.endswith("\n"):
            out.write("\n")
        out.write("\n")


def printable(text):
    """Text for a mail: undecodable bytes as U+FFFD, control characters as ``?``."""
    if text is None:
        return ""
    text = clean(text)
    return "".join(ch if ch == "\t" or ch.isprintable() else "?" for ch in text)
