"""--format=reply: the review mail a maintainer would send, read by mail tools and by patchlint.

The reply must thread to its patch, quote it trimmed to what matters with each comment right
under its line, end with the fix-up, be a valid mbox that git send-email accepts, and read back
(patchlint on its own reply) to the same findings on the quoted lines.
"""

import email
import email.policy
import mailbox
import os
import re

import pytest
from conftest import SAMPLES, git, lint_bytes, run_cli

SENDER = "Rev Iewer <rev@example.org>"


def _with_ids(data: bytes, to="devel@lists.example.org", cc="Other Dev <other@example.org>"):
    """The mbox with Message-Ids, To and Cc, as git send-email would have sent it."""
    n = [0]

    def add(m):
        n[0] += 1
        return (m.group(0) + f"Message-Id: <{n[0]}@example.org>\nTo: {to}\nCc: {cc}\n"
                .encode()) + (b"In-Reply-To: <1@example.org>\n" if n[0] > 1 else b"")
    return re.sub(rb"(?m)^From: .*\n", add, data)


def _replies(*args, data=None, path=None, tmp_path=None):
    if data is not None:
        p = tmp_path / "in.mbox"
        p.write_bytes(data)
        path = str(p)
    r = run_cli("--format=reply", "--from", SENDER, *args, path)
    assert r.returncode == 1, r.stderr
    out = tmp_path / "reply.mbox"
    out.write_text(r.stdout)
    box = mailbox.mbox(str(out))
    msgs = [email.message_from_bytes(box.get_bytes(k), policy=email.policy.default)
            for k in box.keys()]
    return msgs, r.stdout


def _seed_like(tmp_path):
    data = _with_ids(open(os.path.join(SAMPLES, "seed-like.patch"), "rb").read())
    msgs, text = _replies(data=data, tmp_path=tmp_path)
    assert len(msgs) == 1
    return data, msgs[0]


def test_reply_headers(tmp_path):
    _, msg = _seed_like(tmp_path)
    assert msg["From"] == SENDER
    assert msg["To"] == "Marek Novotny <mnovotny@example.org>"
    assert msg["Cc"] == "devel@lists.example.org, Other Dev <other@example.org>"
    assert msg["Subject"] == "Re: [PATCH] qemu: Support asynchronous virDomainCoreDumpAbort"
    assert msg["In-Reply-To"] == "<1@example.org>"
    assert msg["References"].split()[-1] == "<1@example.org>"
    assert msg["Date"].datetime is not None and msg["Message-ID"].startswith("<patchlint.")


def test_reply_body_quotes_each_commented_line_then_its_comment(tmp_path):
    data, msg = _seed_like(tmp_path)
    body = msg.get_content()
    lines = body.split("\n")
    assert lines[0] == ("On Tue, Jan 17, 2012 at 14:22:05 +0100, Marek Novotny "
                        "<mnovotny@example.org> wrote:")
    assert lines[2] == ("[5 errors, 7 warnings, 3 nits below; a fix-up for the mechanical "
                        "ones is at the end.]")
    found = lint_bytes(data)
    for f in (x for x in found if x["line"] is not None):
        # the quoted line, then a blank line, then a comment holding the finding's message
        raw = data.decode().split("\n")[f["input_line"] - 1]
        quoted = [k for k, ln in enumerate(lines) if ln == "> " + raw]
        assert quoted, f"{f['rule']} line not quoted"
        k = quoted[0]
        assert lines[k + 1] == ""
        comment = " ".join(lines[k + 2:k + 8])
        words = re.sub(r"\s+", " ", f["message"])[:25]
        assert words.lower() in comment.lower(), (f["rule"], comment)
        if f["severity"] == "note":
            assert comment.startswith("Nit:")


def test_reply_is_trimmed_with_exact_hunk_headers(tmp_path):
    data, msg = _seed_like(tmp_path)
    body = msg.get_content()
    quoted = [ln for ln in body.split("\n") if ln.startswith(">")]
    patch_lines = data.decode().split("\n")
    assert len(quoted) < len(patch_lines) / 2           # trimmed, not the whole patch
    assert "[...]" in body.split("\n")                  # cuts are marked
    # a line far from every finding is not quoted
    assert "> +    virDomainCoreDumpInfo info;" not in body
    # every quoted stretch starts with its own @@ header, after the file header
    assert "> diff --git a/src/qemu/qemu_driver.c b/src/qemu/qemu_driver.c" in body
    assert "> +++ b/src/qemu/qemu_driver.c" in body
    heads = [ln for ln in quoted if ln.startswith("> @@ ")]
    assert heads and all(re.match(r"> @@ -\d+,\d+ \+\d+,\d+ @@", h) for h in heads)
    # the diffstat is quoted where the split-patch comment talks about it
    k = body.index("> ---\n")
    assert "Nit: 6 files in 4 layers" in body[k:k + 1200]


def test_reply_reads_back_to_the_same_findings(tmp_path):
    data, _ = _seed_like(tmp_path)
    original = lint_bytes(data)
    _, text = _replies(data=data, tmp_path=tmp_path)
    again = lint_bytes(text.encode(), name="reply.mbox")
    key = lambda f: (f["path"], f["line"], f["side"] if f["line"] else None, f["rule"])
    quoted_patch = [f for f in again if f["patch"] == 1 and f["subject"].startswith("Re:")]
    # the quoted patch is patch 1 of the reply; the fix-up diff after it is judged apart
    # (a point about the series, such as a new flag no mask accepts, is the --reply-cover
    # summary's: a patch's reply does not carry it)
    assert sorted(map(key, [f for f in original if f["rule"] not in
                            ("signed-off-by", "patch-corrupt", "flag-not-accepted")]),
                  key=str) == \
        sorted(map(key, [f for f in quoted_patch if _in_quoted(f, text)]), key=str)


def _in_quoted(f, text):
    if f.get("input_line") is None:
        return True
    return text.split("\n")[f["input_line"] - 1].startswith(">")


def test_reply_ends_with_the_fixup_diff(tmp_path):
    data, msg = _seed_like(tmp_path)
    body = msg.get_content()
    head = "Here's a fix-up for the mechanical points, to squash in:\n\n"
    assert head in body
    fixup = body.split(head, 1)[1]
    p = tmp_path / "in.patch"
    p.write_bytes(data)
    assert fixup == run_cli("--diff", str(p)).stdout


def test_series_gives_one_threaded_reply_per_patch_with_findings(tmp_path):
    data = _with_ids(open(os.path.join(SAMPLES, "series.mbox"), "rb").read())
    msgs, _ = _replies(data=data, tmp_path=tmp_path)
    # messages 3 and 4 (patches 2/3 and 3/3) have findings; 1 is the cover letter
    assert [m["In-Reply-To"] for m in msgs] == ["<3@example.org>", "<4@example.org>"]
    assert all(m["Subject"].startswith("Re: [PATCH ") for m in msgs)
    assert [m["References"].split() for m in msgs] == [["<1@example.org>", "<3@example.org>"],
                                                       ["<1@example.org>", "<4@example.org>"]]
    msgs, _ = _replies("--reply-cover", data=data, tmp_path=tmp_path)
    cover = msgs[-1]
    assert cover["In-Reply-To"] == "<1@example.org>"
    assert cover["Subject"].startswith("Re: [PATCH 0/3]")
    text = cover.get_content()
    assert "nothing to say" in text and "1 error" in text


def test_headers_from_the_patch_cannot_inject_headers(tmp_path):
    data = open(os.path.join(SAMPLES, "seed-like.patch"), "rb").read()
    data = data.replace(b"Subject: [PATCH] qemu:",
                        b"Subject: =?utf-8?q?evil=0D=0ABcc=3A_victim=40example=2Eorg=0D=0A?= "
                        b"[PATCH] qemu:", 1)
    msgs, text = _replies(data=data, tmp_path=tmp_path)
    assert msgs[0]["Bcc"] is None
    assert "\nBcc:" not in text.split("\n\n", 1)[0]
    assert msgs[0]["Subject"].startswith("Re: evil Bcc: victim@example.org")


def test_git_send_email_accepts_the_replies(tmp_path, git_send_email):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    # one reply, as an mbox file
    _, text = _replies(data=_with_ids(open(os.path.join(SAMPLES, "seed-like.patch"),
                                           "rb").read()), tmp_path=tmp_path)
    (tmp_path / "one.mbox").write_text(text)
    out = git(repo, "send-email", "--dry-run", "--confirm=never", "--to=list@example.org",
              str(tmp_path / "one.mbox"))
    assert out.count(b"Result: OK") == 1
    assert b"Subject: Re: [PATCH] qemu: Support asynchronous" in out
    # a series: one file per reply in a directory, which git send-email sends one by one
    src = tmp_path / "series.mbox"
    src.write_bytes(_with_ids(open(os.path.join(SAMPLES, "series.mbox"), "rb").read()))
    folder = tmp_path / "replies"
    r = run_cli("--format=reply", "--from", SENDER, "--reply-dir", str(folder), str(src))
    assert r.returncode == 1 and len(r.stdout.splitlines()) == 2
    out = git(repo, "send-email", "--dry-run", "--confirm=never", "--to=list@example.org",
              str(folder))
    assert out.count(b"Result: OK") == 2


def test_reply_context_is_configurable(tmp_path):
    data = _with_ids(open(os.path.join(SAMPLES, "trailing-whitespace.patch"), "rb").read())
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    small, _ = _replies("--reply-context", "0", data=data, tmp_path=tmp_path / "a")
    big, _ = _replies("--reply-context", "6", data=data, tmp_path=tmp_path / "b")
    count = lambda m: sum(1 for ln in m.get_content().split("\n")
                          if ln.startswith("> ") and ln[2:3] in (" ", "+", "-")
                          and not ln.startswith(("> ---", "> +++")))
    found = [f for f in lint_bytes(data) if f["line"]]
    assert count(small[0]) == len({f["input_line"] for f in found})   # just the lines
    assert count(big[0]) > count(small[0])


ALL_SAMPLES = sorted(p for p in os.listdir(SAMPLES) if not p.endswith((".expected", ".md"))
                     and os.path.isfile(os.path.join(SAMPLES, p)))


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_every_samples_reply_reads_back_to_its_findings(name, tmp_path):
    """patchlint on its own reply finds the same points on the quoted lines."""
    from patchlint.reader import InputError
    path = os.path.join(SAMPLES, name)
    data = open(path, "rb").read()
    skip = ("signed-off-by", "patch-corrupt",      # about the mail itself, not quoted text
            # about a series' new API as a whole: the --reply-cover summary's, and a quoted
            # patch (trimmed) is not judged for them
            "api-incomplete", "api-version-mismatch", "flag-not-accepted")
    key = lambda f: (f["path"] or "", f["line"] or 0, f["rule"])
    want = sorted(key(f) for f in lint_bytes(data) if f["rule"] not in skip)
    r = run_cli("--format=reply", "--from", SENDER, path)
    (tmp_path / "r.mbox").write_text(r.stdout)
    box = mailbox.mbox(str(tmp_path / "r.mbox"))
    got = []
    for k in box.keys():
        raw = box.get_bytes(k)
        lines = raw.decode("utf-8", "replace").split("\n")
        try:
            found = lint_bytes(raw, name="reply")
        except InputError:
            continue                   # a reply with no quoted diff (only a diffstat remark)
        got += [key(f) for f in found if f["rule"] not in skip and
                (f.get("input_line") is None or lines[f["input_line"] - 1].startswith(">"))]
    if not got:
        assert all(line == 0 for _, line, _ in want), "line findings were lost"
        return
    assert sorted(got) == want


def test_signoff_remark_sits_under_the_trailers(tmp_path):
    msgs, _ = _replies(path=os.path.join(SAMPLES, "signed-off-by.mbox"), tmp_path=tmp_path)
    bodies = [m.get_content() for m in msgs]
    missing = next(b for b in bodies if "No Signed-off-by" in b)
    lines = missing.split("\n")
    k = lines.index("No Signed-off-by: line; sign off your work (git commit -s).")
    assert lines[k - 1] == "" and lines[k - 2].startswith("> ")      # under the message
    assert not any(ln.startswith("> diff --git") for ln in lines[:k])
    other = next(b for b in bodies if "has not signed off" in b)
    lines = other.split("\n")
    k = next(i for i, ln in enumerate(lines) if "has not signed off" in ln)
    assert lines[k - 2].startswith("> Signed-off-by:")                # right under the trailers


# -- the series summary (--reply-cover) --------------------------------------------------------

THROTTLE_SUMMARY = """\
On Tue, May 05, 2026 at 10:00:00 +0200, Jane Doe <jdoe@example.org> wrote:
> [PATCH v2 1/3] conf: Parse <throttlegroups>

[2 warnings about the series as a whole below; 2 nits in the patches, in
my replies to them.]

A series of 3 patches without a cover letter.

Send it with git send-email --cover-letter (or git-publish) and say in
patch 0 what the series does and why.

> [PATCH 2/3] qemu: Apply every throttle group of a domain when it starts and when a disk \
is hot-plugged

This patch has no version, the rest of its series says v2.

Give every patch of a version the same --subject-prefix (e.g. 'PATCH
v2').

Patch by patch:

- [PATCH v2 1/3] conf: Parse <throttlegroups>: nothing to say
- [PATCH 2/3] qemu: Apply every throttle group of a domain when it
  starts and when a disk is hot-plugged: 1 nit
- [PATCH v2 3/3] qemu: Report throttle group statistics: 1 nit
"""


def test_reply_cover_summarises_a_series_without_a_cover_letter(tmp_path):
    data = _with_ids(open(os.path.join(SAMPLES, "mail-throttle-series.mbox"), "rb").read())
    msgs, _ = _replies("--reply-cover", data=data, tmp_path=tmp_path)
    # the nits of patches 2 and 3 in replies to them; the series' own points in the summary,
    # which answers the thread's root: with no cover letter, the first patch
    assert [m["Subject"] for m in msgs] == [
        "Re: [PATCH 2/3] qemu: Apply every throttle group of a domain when it starts and when "
        "a disk is hot-plugged",
        "Re: [PATCH v2 3/3] qemu: Report throttle group statistics",
        "Re: [PATCH v2 1/3] conf: Parse <throttlegroups>"]
    summary = msgs[-1]
    assert summary["In-Reply-To"] == "<1@example.org>"
    assert summary["To"] == "Jane Doe <jdoe@example.org>"
    assert summary.get_content() == THROTTLE_SUMMARY
    # the series' points are the summary's: no patch's reply repeats them
    assert not any("cover letter" in m.get_content() or "its series says v2" in
                   m.get_content() for m in msgs[:-1])


def test_reply_cover_to_a_cover_letter_counts_each_patch(tmp_path):
    data = _with_ids(open(os.path.join(SAMPLES, "series.mbox"), "rb").read())
    msgs, _ = _replies("--reply-cover", data=data, tmp_path=tmp_path)
    assert msgs[-1].get_content() == """\
On Mon, Oct 06, 2025 at 10:00:00 +0200, Daniel Kovac <dkovac@example.org> wrote:
> [PATCH 0/3] storage: Let vol-wipe keep sparse volumes sparse

[1 error, 2 warnings, 1 nit in the patches, in my replies to them.]

Patch by patch:

- [PATCH 1/3] include: Add VIR_STORAGE_VOL_WIPE_SKIP_HOLES:
  nothing to say
- [PATCH 2/3] storage: Implement VIR_STORAGE_VOL_WIPE_SKIP_HOLES for
  local volumes: 1 error, 1 warning
- [PATCH 3/3] virsh: Add --skip-holes to vol-wipe: 1 warning, 1 nit
"""


def test_reply_cover_for_a_single_patch_adds_nothing(tmp_path):
    data = _with_ids(open(os.path.join(SAMPLES, "trailing-whitespace.patch"), "rb").read())
    with_cover, _ = _replies("--reply-cover", data=data, tmp_path=tmp_path)
    assert len(with_cover) == 1 and "Patch by patch:" not in with_cover[0].get_content()
