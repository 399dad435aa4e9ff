"""The sign-offs of a patch mail do not match who wrote and who sent it.

## What it flags
What the ``signed-off-by`` rule (a sign-off exists, one of them the mail author's) does not
look at:

- a ``From:`` line at the top of the body names the real author (``git send-email`` writes it
  when someone sends another person's commit) and that author has not signed off (a warning);
- the sender, whose address is the mail's own ``From:``, passes that patch on without adding a
  sign-off of their own (a warning), or adds it before the author's (a note);
- the author signs off by name under another address than the one the patch is from
  (a note: the commit will carry one address as author and another in its sign-off);
- a ``Signed-off-by:`` address containing ``localhost``, which libvirt's CI refuses (an error).

A mail the list rewrote (``Jane Doe via Devel``) is matched by name only.

## Why
Each ``Signed-off-by:`` is a certificate under the Developer Certificate of Origin: the author
certifies the work, and everyone who passes it on adds theirs after it.  The chain has to match
the people the commit names, or the certificate does not cover the commit; a ``localhost``
address (an unset ``user.email``) reaches nobody.

## Example
```mail diff=stand-in
From: Jane Doe <jdoe@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] network: Log the port being deleted

From: Kenji Sato <ksato@example.org>

Port deletion was not logged, which makes a leaked port hard to follow.

Signed-off-by: Jane Doe <jdoe@example.org>
---
```
```findings
signoff-identity: the author named in the body (Kenji Sato <ksato@example.org>)
  has not signed off
```

## Use instead
```mail diff=stand-in
From: Jane Doe <jdoe@example.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] network: Log the port being deleted

From: Kenji Sato <ksato@example.org>

Port deletion was not logged, which makes a leaked port hard to follow.

Signed-off-by: Kenji Sato <ksato@example.org>
Signed-off-by: Jane Doe <jdoe@example.org>
---
```

## Origin
The Developer Certificate of Origin as libvirt's contributor guide asks for it
("Signed-off-by: Real Name <email>" on every commit), and libvirt's CI check
(``scripts/require-dco.py``), which refuses ``localhost`` addresses.
"""

import re

from patchlint.api import (
    ERROR,
    NOTE,
    WARNING,
    dmarc_rewritten,
    finding,
    in_body_from,
    parse_address,
    rule,
)


def _who(text):
    name, addr = parse_address(text or "")
    name = re.sub(r"\s+via\s+\S.*$", "", name or "").strip().strip('"')
    return name.lower(), (addr or "").lower()


def _index(person, sobs, by_name_only=False):
    """Position of ``person``'s sign-off in ``sobs``: by address, else by name; -1 if none."""
    name, addr = person
    if not by_name_only:
        for k, (_, who) in enumerate(sobs):
            if addr and who[1] == addr:
                return k
    for k, (_, who) in enumerate(sobs):
        if name and who[0] == name:
            return k
    return -1


@rule("signoff-identity", severity=WARNING, family="patch")
def check(patch):
    if patch.kind != "email":
        return
    sobs = [(v, _who(v)) for k, v, _ in patch.trailers if k.lower() == "signed-off-by"]
    if not sobs:
        return                          # the signed-off-by rule says so
    for value, (_, addr) in sobs:
        if "localhost" in addr or "localhost" in value.lower():
            yield finding(patch, f"'Signed-off-by: {value}' has a localhost address; libvirt's "
                                 "CI refuses it", severity=ERROR,
                          suggestion="git config --global user.email you@example.org, then "
                                     "git commit --amend -s")
    body = in_body_from(patch)
    header_rewritten = dmarc_rewritten(patch.author)
    if body and not dmarc_rewritten(body):
        author = _who(body)
        a = _index(author, sobs)
        if a < 0:
            yield finding(patch, f"the author named in the body ({body}) has not signed off",
                          suggestion="their own Signed-off-by: must be there; ask them for it")
        if patch.author and not header_rewritten:
            sender = _who(patch.author)
            if sender[1] != author[1] and sender[0] != author[0]:
                s = _index(sender, sobs)
                if s < 0:
                    yield finding(patch, f"{patch.author} sends a patch by {body} without a "
                                         "sign-off of their own",
                                  suggestion="add yours after the author's (git commit "
                                             "--amend -s)")
                elif 0 <= s < a:
                    yield finding(patch, "the sender's sign-off comes before the author's",
                                  severity=NOTE,
                                  suggestion="the author signs off first, each sender after")
        return
    if not patch.author or header_rewritten:
        return
    author = _who(patch.author)
    if _index(author, sobs) < 0:
        return                          # the signed-off-by rule says so
    if author[1] and not any(who[1] == author[1] for _, who in sobs):
        other, who = next((v, who) for v, who in sobs if who[0] == author[0])
        if "localhost" in who[1]:
            return                      # said above
        yield finding(patch, f"the patch is from {author[1]} but its author signs off as "
                             f"'{other}'", severity=NOTE,
                      suggestion="send from the address you sign off with, or sign off with "
                                 "the one you send from (git config user.email)")
