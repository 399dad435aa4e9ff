"""``patchlint followup THREAD V2``: which of v1's review comments v2 took care of.

Two samples carry the exact expectations (``samples/followup-*``):

* ``followup-seed``: a v2 that fixes some of the points of the seed thread, a real review of a
  real v1 (the list archive's page, kept outside this repository with the project's brief:
  ``../shared/seeds/``, or ``$PATCHLINT_SEED``; the tests that need it skip without it), whose
  v1 followup rebuilds from the review's quotes;
* ``followup-series``: a v1 series with a cover letter, two review replies (one with a
  ``Reviewed-by`` on one patch, one nested under the other with a comment on the commit
  message), a tester's top-posted ``Tested-by``, the contributor's answer and the reviewer's
  word on it, and a v2 that addresses some points, ignores one, drops a patch, adds one and
  forgets a tag.  Made with git in a scratch repository from ``base/``.

Then threads as mail clients save them (CRLF, quoted-printable, base64, Outlook's unquoted
original, ``>>`` quoting, any order) must give the very same answer.
"""

import base64
import json
import os
import quopri
import re

import pytest
from conftest import SAMPLES, run_cli

from patchlint.followup.quotes import quote_depth
from patchlint.followup.words import drop_courtesies, is_acceptance, is_agreement

SERIES = os.path.join(SAMPLES, "followup-series")
SEED = os.path.join(SAMPLES, "followup-seed")


def _seed_review():
    """The seed review thread (not part of the repository: other people's words)."""
    if os.environ.get("PATCHLINT_SEED"):
        return os.environ["PATCHLINT_SEED"]
    seeds = os.path.join(os.path.dirname(SAMPLES), os.pardir, "shared", "seeds")
    found = sorted(n for n in os.listdir(seeds) if n.endswith(".txt")) \
        if os.path.isdir(seeds) else []
    return os.path.join(seeds, found[0]) if found else None


SEED_REVIEW = _seed_review()
needs_seed = pytest.mark.skipif(SEED_REVIEW is None, reason="the seed thread is not here "
                                "(../shared/seeds/ or $PATCHLINT_SEED)")
THREAD = os.path.join(SERIES, "thread.mbox")
V2 = os.path.join(SERIES, "v2.mbox")


def followup(*args, cwd=None):
    return run_cli("followup", "--isolated", "--no-tree", *map(str, args), cwd=cwd)


def expected(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return f.read()


def statuses(stdout):
    """``[(status, kind, place, first words)]`` of a concise output."""
    out = []
    for line in stdout.splitlines()[:-1]:
        m = re.match(r"^(.*?): (\w+): (.*) \[([\w-]+)\]$", line)
        assert m, line
        out.append((m.group(2), m.group(4), m.group(1), m.group(3)[:30]))
    return out


# -- the series sample -----------------------------------------------------------------------

def test_series_sample_gives_each_status_it_was_made_for():
    r = followup("--format=concise", THREAD, V2)
    assert r.returncode == 1, r.stderr
    assert r.stderr == ""
    got = [(s, k, p) for s, k, p, _ in statuses(r.stdout)]
    assert got == [
        # Tess's top-posted reply to the cover letter: a test report, nothing to follow
        ("general", "comment", "[qemu: Let a removed disk's image be closed before deleting it]"),
        # Peter on `int flags,`: v2 says `unsigned int flags` (and puts it last)
        ("addressed", "comment", "src/util/virfile.c:87"),
        # Peter's question, answered by Jane, Peter agreeing: the line is unchanged
        ("answered", "comment", "src/util/virfile.c:93"),
        # Peter on nanosleep(): Jane said "Will do." and v2 still calls it
        ("open", "comment", "src/util/virfile.c:99"),
        # Michal, nested under Peter's reply, on the commit message: reworded in v2
        ("addressed", "comment", "[util: Introduce virFileWaitForGone]"),
        # Michal's "+1, and flags go last." under Peter's comment: same line, done
        ("addressed", "comment", "src/util/virfile.c:87"),
        # Tess's Tested-by, given on the cover letter: patch 1 changed
        ("renew", "trailer", "[util: Introduce virFileWaitForGone]"),
        ("present", "prefer-usleep", "src/util/virfile.c:99"),
        ("fixed", "flags-type", "src/util/virfile.c:87"),
        ("fixed", "flags-last", "src/util/virfile.c:87"),
        ("fixed", "vircheckflags-missing", "src/util/virfile.c:87"),
        ("fixed", "flags-type", "src/util/virfile.h:32"),
        ("fixed", "flags-last", "src/util/virfile.h:32"),
        # Peter's Reviewed-by on patch 2, which v2 forgot; the patch is unchanged
        ("carry", "trailer", "[qemu: Add disk_close_timeout to qemu.conf]"),
        ("kept", "trailer", "[qemu: Add disk_close_timeout to qemu.conf]"),
        # Peter on the docs patch (quoting one line, no header): v2 dropped the patch
        ("dropped", "comment", "docs/formatdomain.rst:16"),
        # the patch v2 adds brings a trailing blank
        ("new", "trailing-whitespace", "src/qemu/qemu_hotplug.c:29"),
    ]


@pytest.mark.parametrize("fmt", ["concise", "full", "json"])
def test_series_sample_output_is_pinned(fmt):
    r = followup(f"--format={fmt}", THREAD, V2)
    assert r.returncode == 1, r.stderr
    assert r.stdout == expected(f"followup-series/expected.{fmt}")


def test_json_objects_have_the_contract_keys():
    items = json.loads(followup("--format=json", THREAD, V2).stdout)
    keys = ("kind", "status", "reviewer", "subject", "path", "line", "v2_path", "v2_line",
            "text", "rule")
    assert all(list(it)[:10] == list(keys) for it in items)
    kinds = {it["kind"] for it in items}
    assert kinds == {"comment", "finding", "trailer", "patch"}
    answered = next(it for it in items if it["status"] == "answered")
    assert answered["answers"][0]["author"] == "Jane Contributor <jane@example.org>"
    assert answered["reactions"] == [{"author": "Peter Reviewer <peter@example.org>",
                                      "text": "Fair enough, thanks for explaining.",
                                      "agrees": True}]
    carry = next(it for it in items if it["status"] == "carry")
    assert (carry["reviewer"], carry["text"]) == ("Peter Reviewer <peter@example.org>",
                                                  "Reviewed-by: Peter Reviewer "
                                                  "<peter@example.org>")
    patches = [(it["status"], it["subject"]) for it in items if it["kind"] == "patch"]
    assert patches == [("changed", "util: Introduce virFileWaitForGone"),
                       ("unchanged", "qemu: Add disk_close_timeout to qemu.conf"),
                       ("dropped", "docs: Describe the wait for a removed disk's image"),
                       ("new", "qemu: Wait for a removed disk's image to be closed")]


def _normalised_mail(text):
    text = re.sub(r"(?m)^From patchlint@localhost .*$", "From patchlint@localhost DATE", text)
    text = re.sub(r"(?m)^Date: .*$", "Date: DATE", text)
    return re.sub(r"(?m)^Message-ID: .*$", "Message-ID: ID", text)


def test_series_sample_reply_mail_is_pinned_and_reads_back_as_a_review_reply(tmp_path):
    r = followup("--format=reply", "--from", "Peter Reviewer <peter@example.org>", THREAD, V2)
    assert r.returncode == 1, r.stderr
    assert _normalised_mail(r.stdout) == expected("followup-series/expected.reply")
    mail = tmp_path / "followup.mbox"
    mail.write_text(r.stdout)
    # by hand it is read for the v2 lines it quotes; as a mail being sent, it is a reply
    again = run_cli("--isolated", "--no-tree", "--format=concise", str(mail))
    assert again.stdout.splitlines()[0] == \
        "src/util/virfile.c:101:9: warning: use g_usleep() rather than nanosleep() for a " \
        "plain sleep [prefer-usleep]"
    sent = run_cli("--isolated", "--no-tree", "--outgoing", str(mail))
    assert sent.returncode == 0, sent.stdout + sent.stderr


# -- the seed --------------------------------------------------------------------------------

# Eric Blake's points in the seed review, in order, and what the v2 of the sample does with
# them (v2 fixes the flag value, the wording, the indentation, the flags check, the trailing
# blanks and the sleep; it keeps `flags` before `mode`, "cancelled", the comment about
# serialising jobs and the unconditional event, and the opening paragraph he questioned)
SEED_POINTS = [
    ("open", "How can we tell the two impleme"),
    ("addressed", "I'm not sure it should be raise"),
    ("general", "Agreed. (Eric Blake)"),
    ("general", "Agreed. (Eric Blake)"),
    ("addressed", "I'm almost wondering if we shou"),
    ("addressed", "Your patch adds trailing whites"),
    ("addressed", "I'd write this as (1 << 0), to "),
    ("addressed", "Nit: for consistency, s/bitwise"),
    ("open", "Interesting mix of US (behavior"),
    ("open", "Use 'unsigned int' for the flag"),
    ("addressed", "Indentation - I'd make the ! of"),
    ("addressed", "Don't drop this line. Rather, a"),
    ("open", "Can qemu support multiple block"),
    ("general", "I'm okay with waiting indefinit"),
    ("addressed", "usleep() instead of nanosleep()"),
    ("addressed", "Ah, so we are polling solely on"),
    ("open", "This is where I'd make things c"),
    ("general", "I think there are still a few d"),
]


@needs_seed
def test_seed_review_each_point_of_eric_blake():
    """The seed as THREAD, the archive's page (v1 is what it quotes): each point comes out
    addressed or open (or general when it asks for nothing), and the fix-up diff he appended
    is no comment."""
    r = followup("--profile", "gnulib", "--format=concise", SEED_REVIEW,
                 os.path.join(SEED, "v2.patch"))
    assert r.returncode == 1, r.stderr
    got = [(s, w) for s, k, _, w in statuses(r.stdout) if k == "comment"]
    assert got == [(s, w[:30]) for s, w in SEED_POINTS]
    assert r.stdout == expected("followup-seed/expected-review.concise")
    items = json.loads(followup("--profile", "gnulib", "--format=json",
                                SEED_REVIEW, os.path.join(SEED, "v2.patch")).stdout)
    words = "\n".join(it["text"] for it in items if it["kind"] == "comment")
    assert "diff --git" not in words and "@@ " not in words and "2006-2012" not in words
    assert all(it["reviewer"] == "Eric Blake <eblake@redhat.com>"
               for it in items if it["kind"] == "comment")


@needs_seed
def test_seed_open_points_say_why():
    items = json.loads(followup("--profile", "gnulib", "--format=json", SEED_REVIEW,
                                os.path.join(SEED, "v2.patch")).stdout)
    why = {it["text"][:20]: it["why"] for it in items if it["kind"] == "comment"}
    assert why["Use 'unsigned int' f"] == \
        "patchlint still reports flags-last at src/qemu/qemu_driver.c:11382"
    assert why["Don't drop this line"] == "patchlint no longer reports vircheckflags-dropped"
    assert why["usleep() instead of n"[:20]] == "patchlint no longer reports prefer-usleep"
    assert why["Can qemu support mul"] == "the line is still there"
    assert why["Agreed."] == "asks for nothing"
    # Eric cut the quote's file header: from the page alone the v1 anchor is the file the
    # quote's hunk header continues, and the line is found in v2 by its text
    cancelled = next(it for it in items if (it["text"] or "").startswith("This is where"))
    assert (cancelled["path"], cancelled["line"], cancelled["v2_path"], cancelled["v2_line"]) \
        == ("src/qemu/qemu_monitor.c", 2612, "src/qemu/qemu_monitor_json.c", 741)


# -- threads as mail clients save them --------------------------------------------------------

def _messages(data: bytes):
    return re.split(rb"(?m)^(?=From \S+@example\.org Mon Jan  5 09:00:00 2026$)", data)[1:]


def _reencode(msg: bytes, cte: str) -> bytes:
    head, body = msg.split(b"\n\n", 1)
    body = body.rstrip(b"\n") + b"\n"
    if cte == "quoted-printable":
        payload = quopri.encodestring(body)
    else:
        payload = base64.encodebytes(body)
    head = head.replace(b"Content-Disposition: inline",
                        b"Content-Transfer-Encoding: " + cte.encode())
    return head + b"\n\n" + payload + b"\n"


def _client(name, data):
    msgs = _messages(data)
    if name == "crlf":
        return data.replace(b"\n", b"\r\n")
    if name in ("quoted-printable", "base64"):
        return b"".join(_reencode(m, name) if b"Subject: Re:" in m else m for m in msgs)
    if name == "reversed":
        return b"".join(reversed(msgs))
    if name == "b4":                            # b4 mbox / lore: mboxrd, list headers
        return re.sub(rb"(?m)^From \S+@example\.org Mon Jan  5 09:00:00 2026\n",
                      b"From mboxrd@z Thu Jan  1 00:00:00 1970\nList-Id: <devel.lists.libvirt.org>"
                      b"\n", data)
    if name == "thunderbird":
        return re.sub(rb"(?m)^From \S+@example\.org Mon Jan  5 09:00:00 2026\n",
                      b"From - Mon Jan 05 10:00:00 2026\nX-Mozilla-Status: 0001\n", data)
    if name == "tight-quotes":                  # ">> +int" rather than "> > +int"
        return re.sub(rb"(?m)^((?:> )+)", lambda m: b">" * (len(m.group(1)) // 2) + b" ", data)
    if name == "outlook":
        # Tess's reply over the cover letter, which sits below a separator, unquoted
        out = []
        for m in msgs:
            if b"From: Tess Tester" in m:
                top, rest = m.split(b"On Mon, Jan 05, 2026 at 10:00:00 +0100, Jane "
                                    b"Contributor wrote:\n", 1)
                rest = re.sub(rb"(?m)^> ?", b"", rest)
                m = top + (b"-----Original Message-----\nFrom: Jane Contributor "
                           b"<jane@example.org>\nSent: Monday, January 5, 2026 10:00 AM\n\n"
                           + rest)
            out.append(m)
        return b"".join(out)
    raise AssertionError(name)


@pytest.mark.parametrize("client", ["crlf", "quoted-printable", "base64", "reversed", "b4",
                                    "thunderbird", "tight-quotes", "outlook"])
def test_threads_as_mail_clients_save_them(tmp_path, client):
    with open(THREAD, "rb") as f:
        data = f.read()
    changed = _client(client, data)
    assert changed != data
    if client == "quoted-printable":
        assert b"=3D" in changed and b"=\n" in changed
    path = tmp_path / "thread.mbox"
    path.write_bytes(changed)
    r = followup("--format=concise", path, V2)
    assert r.returncode == 1, r.stderr
    assert r.stdout == expected("followup-series/expected.concise")


def test_mbox_from_escapes_are_undone():
    """The thread's mbox escapes the commit message's "From QEMU's point of view" line as
    ">From ..."; read back, it is that line, not a quote: v2 keeps it, and nothing
    mistakes it for a comment of the contributor's."""
    with open(THREAD, "rb") as f:
        assert b"\n>From QEMU's point of view" in f.read()
    items = json.loads(followup("--format=json", THREAD, V2).stdout)
    assert not any("point of view" in (it["text"] or "") for it in items)


# -- the v2 mails themselves -------------------------------------------------------------------

def test_v2_mails_without_version_or_changelog(tmp_path):
    with open(V2, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("[PATCH v2 2/3]", "[PATCH 2/3]")
    text = text.replace("Changes since v1:", "What is new:").replace("since v1", "")
    text = re.sub(r"  - virFileWaitForGone.*?\n\n", "\n", text, flags=re.S)
    bad = tmp_path / "v2.mbox"
    bad.write_text(text)
    r = followup("--format=concise", THREAD, bad)
    problems = [ln for ln in r.stdout.splitlines() if ": problem: " in ln]
    assert problems == [
        "[qemu: Add disk_close_timeout to qemu.conf]: problem: the subject carries no "
        "version: send it as [PATCH v2 ...] (git format-patch -v2) [version]",
        "[series]: problem: neither the cover letter nor the notes after '---' of 3 patches "
        "say what changed since v1 [version]"]


# -- the command line --------------------------------------------------------------------------

def test_exit_status_and_errors(tmp_path):
    assert followup("--exit-zero", THREAD, V2).returncode == 0
    r = followup(tmp_path / "missing.mbox", V2)
    assert (r.returncode, r.stderr) == (2, f"patchlint: {tmp_path}/missing.mbox: cannot read: "
                                           "No such file or directory\n")
    empty = tmp_path / "plain.txt"
    empty.write_text("Hello,\n\nno patch here.\n")
    r = followup(empty, V2)
    assert (r.returncode, r.stderr) == (2, f"patchlint: {empty}:1: no v1 here: no patch mail "
                                           "and no reply quoting a patch\n")
    r = followup(THREAD, tmp_path / "nothing.patch")
    assert (r.returncode, r.stderr) == (2, f"patchlint: {tmp_path}/nothing.patch: cannot "
                                           "read: No such file or directory\n")
    r = followup("--from", "me@example.org", THREAD, V2)
    assert r.returncode == 2 and "--from is an option of --format=reply" in r.stderr


def test_nothing_open_exits_zero(tmp_path):
    """v2 with the open point done, the tag carried and the new patch's trailing blank gone:
    nothing left fails the run."""
    with open(V2, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("        nanosleep(&ts, NULL);", "        g_usleep(100 * 1000);")
    text = text.replace("Tested-by: Tess Tester <tess@example.org>\n",
                        "Reviewed-by: Peter Reviewer <peter@example.org>\n"
                        "Tested-by: Tess Tester <tess@example.org>\n")
    text = text.replace("< 0) \n", "< 0)\n")
    good = tmp_path / "v2.mbox"
    good.write_text(text)
    r = followup("--format=concise", THREAD, good)
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[-1] == (
        "v1 review: 1 answered, 4 addressed, 1 dropped, 1 general; trailers: 1 to renew, "
        "2 kept; patchlint findings: 6 fixed; patches: 1 changed, 1 unchanged, 1 new, "
        "1 dropped.")


def test_partial_follows_up_one_mail(tmp_path):
    """--partial (the send hook's mode): one mail of v2, only what is about it, no finding
    (the check of the mail itself says those) and nothing taken for dropped."""
    with open(V2, encoding="utf-8") as f:
        mails = re.split(r"(?m)^(?=From jane@example.org )", f.read())[1:]
    second = tmp_path / "0002.patch"
    second.write_text(mails[2])
    r = followup("--partial", "--format=concise", "-q", THREAD, second)
    assert r.returncode == 1
    assert r.stdout == (
        "[qemu: Add disk_close_timeout to qemu.conf]: carry: Reviewed-by: Peter Reviewer "
        "<peter@example.org> [trailer]\n"
        "[qemu: Add disk_close_timeout to qemu.conf]: kept: Tested-by: Tess Tester "
        "<tess@example.org> [trailer]\n")


# -- the pieces ------------------------------------------------------------------------------

def test_quote_depth():
    assert quote_depth("> > +int") == (2, "+int")
    assert quote_depth(">> +int") == (2, "+int")
    assert quote_depth(">  context") == (1, " context")
    assert quote_depth("> >") == (2, "")
    assert quote_depth("plain") == (0, "plain")


@pytest.mark.parametrize("text,agrees", [
    ("Agreed.", True), ("+1", True), ("Fair enough, thanks for explaining.", True),
    ("I'm okay with waiting indefinitely, for lack of any better suggestions on how we would "
     "let the user pick a timeout value.", True),
    ("+1, and flags go last.", False), ("Looks good, but please rename it.", False),
    ("OK?", False), ("Use 'unsigned int' for the flags.", False)])
def test_agreement(text, agrees):
    assert is_agreement(text) is agrees


@pytest.mark.parametrize("text,accepts", [
    ("Will do.", True), ("Good catch, fixed.", True), ("Thanks, will fix in v2.", True),
    ("No, QEMU sends the event too early, so polling is all there is.", False),
    ("Right, but the event comes before the image is closed.", False)])
def test_acceptance(text, accepts):
    assert is_acceptance(text) is accepts


def test_courtesies_are_no_comment():
    assert drop_courtesies(["Hi Jane,", "", "Please fix.", "", "Thanks,", "Peter"]) == \
        ["Please fix."]
    assert drop_courtesies(["Will do.", "", "Jane"]) == ["Will do."]
    assert drop_courtesies(["NACK"]) == ["NACK"]


def test_a_reviewer_who_insists_keeps_the_point_open(tmp_path):
    with open(THREAD, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("Fair enough, thanks for explaining.",
                        "qemuBlockJobUpdate() sees the job go away, though: wait for that.")
    thread = tmp_path / "thread.mbox"
    thread.write_text(text)
    items = json.loads(followup("--format=json", thread, V2).stdout)
    poll = next(it for it in items if it["text"].startswith("Why poll"))
    assert (poll["status"], poll["why"]) == ("open", "the line is still there; Peter Reviewer "
                                                     "insisted")
    assert poll["reactions"][0]["agrees"] is False


def test_a_line_moved_to_another_patch_is_still_open(tmp_path):
    """v2 split differently: the unchanged nanosleep() line now sits in the new patch 3
    (which holds the helper too): open, at its new place, under that patch's subject."""
    with open(V2, encoding="utf-8") as f:
        mails = re.split(r"(?m)^(?=From jane@example.org )", f.read())[1:]
    body = mails[1][mails[1].index("diff --git a/src/util/virfile.c"):]
    body = body[:body.index("diff --git a/src/util/virfile.h")]
    mails[1] = mails[1].replace(body, "")
    mails[3] = mails[3].replace("\ndiff --git", "\n" + body + "diff --git", 1)
    moved = tmp_path / "v2.mbox"
    moved.write_text("".join(mails))
    items = json.loads(followup("--format=json", THREAD, moved).stdout)
    sleep = next(it for it in items if it["text"].startswith("No need for a timespec"))
    assert (sleep["status"], sleep["v2_path"], sleep["v2_line"], sleep["v2_subject"]) == (
        "open", "src/util/virfile.c", 101, "qemu: Wait for a removed disk's image to be closed")


def test_color_and_help():
    r = followup("--color=always", THREAD, V2)
    assert "\033[1;31mopen[comment]\033[0m: Peter Reviewer <peter@example.org>\n" in r.stdout
    r = followup("--help")
    assert r.returncode == 0
    assert "usage: patchlint followup [OPTIONS] THREAD [V2...]" in r.stdout
    assert "answered (you replied in the thread" in r.stdout


def test_configuration_key_is_a_path(tmp_path):
    (tmp_path / ".patchlint.toml").write_text("followup = 3\n")
    r = run_cli("followup", "--no-tree", THREAD, V2, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr == f"patchlint: error: {tmp_path}/.patchlint.toml:1: 'followup' must be " \
                       "a string, not 3\n"
    from patchlint.config import load
    (tmp_path / ".patchlint.toml").write_text('followup = "mail/v1.mbox"\n')
    assert load(str(tmp_path / ".patchlint.toml")).followup == str(tmp_path / "mail/v1.mbox")


@pytest.mark.parametrize("seed", range(12))
def test_a_mangled_thread_is_never_an_internal_error(tmp_path, seed):
    """Lines dropped, quoted, unquoted or thrown in at random: the follow-up says what it
    can (or that it cannot read THREAD), never fails inside."""
    import random
    rnd = random.Random(seed)
    with open(THREAD if seed % 2 or SEED_REVIEW is None else SEED_REVIEW,
              encoding="utf-8") as f:
        lines = f.read().split("\n")
    for _ in range(rnd.randint(1, 40)):
        k = rnd.randrange(len(lines))
        op = rnd.random()
        if op < 0.4:
            del lines[k]
        elif op < 0.6:
            lines.insert(k, rnd.choice(["> ", "> > +x", "[...]", "-- ", "Reviewed-by: A <a@b.c>",
                                        "diff --git a/x b/x", "@@ -1,2 +1,2 @@", ""]))
        elif op < 0.8:
            lines[k] = ">" + lines[k]
        else:
            lines[k] = lines[k][1:]
    mangled = tmp_path / "thread"
    mangled.write_text("\n".join(lines))
    v2 = V2 if seed % 2 else os.path.join(SEED, "v2.patch")
    for fmt in ("full", "json", "reply"):
        r = followup(f"--format={fmt}", mangled, v2)
        assert r.returncode in (0, 1, 2) and "internal error" not in r.stderr, r.stderr
