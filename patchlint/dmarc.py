"""Who wrote a patch mail, when the mailing list rewrote its ``From:`` (DMARC).

When the sender's domain publishes a strict DMARC policy, libvirt's list replaces the sender's
address with its own (``Jane Doe via Devel <devel@lists.libvirt.org>``); a ``From:`` line at
the top of the body, which ``git am`` prefers, then gives the real author.  The rules about a
mail's authorship and sign-offs read both through here.
"""

from __future__ import annotations

from .lazyre import lazy_re
from .mail import parse_address

LIST_ADDRESSES = ("devel@lists.libvirt.org", "libvir-list@redhat.com")
_VIA = lazy_re(r"\s+via\s+\S")
_BODY_FROM = lazy_re(r"^From:\s*(\S.*)$")


def in_body_from(patch):
    """The author a ``From:`` line at the top of the commit message names, or None."""
    for ln in (patch.message or "").splitlines()[:3]:
        m = _BODY_FROM.match(ln.strip())
        if m:
            return m.group(1).strip()
        if ln.strip() and not ln.startswith(("Date:", "Subject:")):
            return None
    return None


def dmarc_rewritten(author):
    """Is this ``From:`` value a list's DMARC rewrite of its sender?"""
    if not author:
        return False


    name, addr = parse_address(author)
    return addr.lower() in LIST_ADDRESSES or bool(_VIA.search(name or ""))
