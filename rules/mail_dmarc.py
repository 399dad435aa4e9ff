"""The list rewrote the author of a patch mail (DMARC) and nothing in the body restores it.

## What it flags
A patch mail whose ``From:`` is the mailing list's rewrite of its sender, ``Jane Doe via Devel
<devel@lists.libvirt.org>`` (or the older ``libvir-list@redhat.com``), with no ``From:`` line
at the top of the body giving the real author.  A ``From:`` in the body that is itself such a
rewrite is flagged too.

## Why
When the sender's domain publishes a strict DMARC policy, the list replaces the sender's address
with its own so that the mail is still delivered.  ``git am`` takes the author from ``From:``,
so the patch would be committed as written by "Jane Doe via Devel", unless the body starts with
a ``From:`` line, which ``git am`` prefers.  libvirt's guide asks senders from such domains to
set ``format.from`` and ``format.forceInBodyFrom``, which make git add that line to every patch.

## Example
```mail diff=stand-in
From: Jane Doe via Devel <devel@lists.libvirt.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] qemu: Wire up throttle groups

Hook the throttle group definitions up to QEMU's throttle filter.

Signed-off-by: Jane Doe <jdoe@example.org>
---
```
```findings
dmarc-author: the list rewrote the author to 'Jane Doe via Devel
  <devel@lists.libvirt.org>' (DMARC) and no From: line in the body names the
  real one
```

## Use instead
```mail diff=stand-in
From: Jane Doe via Devel <devel@lists.libvirt.org>
Date: Thu, 1 Jan 2026 12:00:00 +0000
Subject: [PATCH] qemu: Wire up throttle groups

From: Jane Doe <jdoe@example.org>

Hook the throttle group definitions up to QEMU's throttle filter.

Signed-off-by: Jane Doe <jdoe@example.org>
---
```

## Origin
libvirt's contributor guide (the DMARC section: ``git config format.from`` and
``git config format.forceInBodyFrom true``), and maintainers fixing up authors by hand.
"""

from patchlint.api import WARNING, dmarc_rewritten, finding, in_body_from, rule


@rule("dmarc-author", severity=WARNING, family="patch")
def check(patch):
    if patch.kind != "email" or not dmarc_rewritten(patch.author):
        return
    body = in_body_from(patch)
    if body is None:
        yield finding(patch, f"the list rewrote the author to '{patch.author}' (DMARC) and no "
                             "From: line in the body names the real one",
                      suggestion="git config format.from 'Your Name <you@example.org>' and "
                                 "git config format.forceInBodyFrom true; whoever applies this "
                                 "one must fix the author (git am, then git commit --amend "
                                 "--author)")
    elif dmarc_rewritten(body):
        yield finding(patch, f"the From: line in the body is a list rewrite too ('{body}')",
                      suggestion="the in-body From: must give the author's own address")
