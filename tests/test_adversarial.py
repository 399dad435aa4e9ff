"""Hostile patches: long runs that make regexes backtrack, and bytes that break outputs.

* Every rule reads added lines made of 50,000-character runs of the characters that make
  regular expressions backtrack (blanks, parentheses, comment and string delimiters,
  backslashes, "flags ", "int ", commas, ...) in a C file, a public header, a documentation
  file and the commit message, without crashing.  That the time it takes grows linearly
  with such runs is bench/linear.py's to measure (by hand; no timings in tests).
* The terminal formats (full, concise) escape every control sequence a patch may carry (ESC,
  BEL, CR, backspace, the C1 CSI U+009B, bidi overrides U+202E): none reaches the terminal
  raw, in a path, a subject, a line, a message or an input's name.
* JSON, SARIF and the reply mbox stay valid whatever bytes the patch holds (invalid UTF-8,
  NUL, control characters, lone surrogates): JSON and SARIF parse strictly and hold only
  encodable text; the reply reads back with Python's ``mailbox`` and ``email``.
"""

import io
import json
import mailbox
import os
from email import message_from_bytes, policy

import pytest
from conftest import check_locations, make_mail, model_findings, run_proc, run_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from patchlint.catalogue import all_rules
from patchlint.engine import Runner
from patchlint.reader import InputError, read_input

LONG = os.environ.get("PATCHLINT_FUZZ") == "long"
RUN = 50_000                    # characters in a run

# What makes a regex backtrack: runs of blanks, of delimiters that open and never close, of
# words a pattern repeats (the type words, "flags"), of separators.
RUNS = [" ", "\t", "(", ")", "*", "/*", "*/", '"', "'", "\\", ",", ";", "=", "{", "[", "a",
        "_", "flags ", "int ", "unsigned ", "flags, ", "int flags, ", "x(int flags,", "a[",
        "i, ", "nanosleep (", "virCheckFlags(", "bitwise or ", "Copyright 2001, ", "= 0x",
        "the ", "%s", "_(\"", "VIR_DEBUG(", "#", "//", "<", "->", "@"]


def _contexts(run):
    """(name, path, hunk lines, commit message) putting ``run`` where rules look."""
    return [
        ("c", "src/util/virfile.c",
         [" static int", " foo(unsigned int flags,", "+" + run, "+    " + run + ")", " {",
          "-    virCheckFlags(0, -1);", "+    " + run + ";", " }"], "Explain why."),
        ("header", "include/libvirt/libvirt-domain.h",
         [" typedef enum {", "+    VIR_DOMAIN_FOO_FLAG_X = " + run + ",", "+" + run,
          " } virDomainFooFlags;"], "Explain why."),
        ("doc", "docs/formatdomain.rst", ["+" + run, "+x" + run + "x"], "Explain why."),
        ("message", "src/util/virfile.c", [" int", "+    return 0;", " }"], run + "\n\n" + run),
    ]


def _patch(path, lines, message):
    return make_mail(lines, path=path, message=message).encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("token", RUNS, ids=[repr(t) for t in RUNS])
def test_every_rule_reads_long_runs(token):
    """No rule of either era crashes on a line of 50,000 backtracking characters, and what
    it finds is on a line the patch has.  (How the time grows with such runs is measured by
    bench/linear.py, by hand: timings stay out of the tests.)"""
    run = (token * (RUN // len(token) + 1))[:RUN]
    every = [spec.id for spec in all_rules()]
    for name, path, lines, message in _contexts(run):
        data = _patch(path, lines, message)
        for profile in ("glib", "gnulib"):
            result = read_input(name, data)
            findings = model_findings(result.patches, run_settings(every, profile))
            check_locations(result.patches, findings)


# -- terminal output ---------------------------------------------------------------------------

# (raw character, how it may show) for every control sequence a patch can smuggle in
CONTROLS = ["\x1b", "\x07", "\r", "\x08", "\x9b", "\u202e", "\u2066", "\x00", "\x7f",
            "\u200f"]
EVIL = "\x1b[2J\x1b]0;owned\x07\r\x08\x9b31m\u202eevil\u2066\x7f\u200f"


def _hostile_mail():
    """A patch with control sequences in its subject, its path, its lines and in a message
    a rule quotes (flags-last names the parameters that follow flags)."""
    path = f"src/util/vir{EVIL}file.c"
    lines = [" int", f"+qemuFoo(virDomainPtr dom, unsigned int flags, int {EVIL}x)",
             f"+    char *s = \"{EVIL}\"; /* {EVIL} */ ", " }"]
    return make_mail(lines, path=path, subject=f"[PATCH] util: {EVIL} title",
                     message=f"Explain {EVIL} why.").encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_terminal_formats_escape_control_sequences(tmp_path, fmt):
    name = f"evil{EVIL.replace(chr(0), '')}.patch"      # the input's own name, too
    (tmp_path / name).write_bytes(_hostile_mail())
    r = run_proc("--isolated", "--no-tree", f"--format={fmt}", "--color=never", name,
                "--select=trailing-whitespace,flags-last,flags-type", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    findings = [ln for ln in r.stdout.splitlines() if "trailing-whitespace" in ln
                or "flags-last" in ln]
    assert len(findings) >= 2, r.stdout                     # the findings are there
    for raw in CONTROLS:
        assert raw not in r.stdout, (repr(raw), r.stdout)
        assert raw not in r.stderr, (repr(raw), r.stderr)
    assert "\\x1b" in r.stdout and "\\u202e" in r.stdout   # shown escaped, not dropped


def test_terminal_error_line_escapes_a_hostile_input_name(tmp_path):
    name = f"not{EVIL.replace(chr(0), '')}.txt"
    (tmp_path / name).write_bytes(b"just a letter\n")
    r = run_proc("--isolated", "--no-tree", name, cwd=tmp_path)
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1
    for raw in CONTROLS:
        assert raw not in r.stderr, (repr(raw), r.stderr)


# -- machine formats -------------------------------------------------------------------------

def _strict_json(text):
    """Parse JSON as a strict consumer would: UTF-8 text, no NaN, no lone surrogates."""
    text.encode("utf-8")                                   # what stdout will have to write

    def no_constants(name):
        raise ValueError(f"JSON constant {name}")
    data = json.loads(text, parse_constant=no_constants)

    def walk(v):
        if isinstance(v, str):
            v.encode("utf-8")                               # no lone surrogate escapes
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(data)
    return data


def _check_sarif(text):
    log = _strict_json(text)
    assert log["version"] == "2.1.0" and log["runs"]
    for res in log["runs"][0]["results"]:
        assert res["ruleId"] and res["message"]["text"]
    return log


def _check_reply_mbox(text, tmp_path):
    data = text.encode("utf-8")
    box = tmp_path / "reply.mbox"
    box.write_bytes(data)
    messages = list(mailbox.mbox(str(box), factory=None, create=False))
    for m in messages:
        parsed = message_from_bytes(m.as_bytes(), policy=policy.default)
        assert parsed["Subject"] and parsed["In-Reply-To"] is not None
        assert not parsed.defects, parsed.defects
        body = parsed.get_body(("plain",)).get_content()
        assert "> " in body
    return messages


def _report(fmt, data, name="hostile.patch"):
    """What ``patchlint --format=fmt`` writes for ``data``, in-process through the run's own
    path (text, finding records)."""
    from patchlint import report
    from patchlint.run import Options, Source, check, events
    out = io.StringIO()
    cls = report.get(fmt)
    rep = cls(out, report.Options(sender="Rev Iewer <rev@example.org>"), all_rules())
    s = run_settings()
    runner = Runner(s)
    opts = Options(fixup=cls.wants_fixup, mail=cls.wants_mail)
    evs = events(Source("file", name, data), s, runner, opts)
    errors = [ev for ev in evs if ev[0] in ("error", "crash")]
    if errors and errors[0][0] == "error":
        raise InputError(errors[0][4])
    assert not errors, errors
    said = []
    assert check([Source("file", name, data)], s, runner, rep, opts, said.append) in (0, 1)
    assert not said, said
    return out.getvalue(), [f for ev in evs if ev[0] in ("patch", "series") for f in ev[-1]]


# bytes no text format should pass on raw: invalid UTF-8, NUL, controls, encoded surrogates
NASTY = st.lists(st.one_of(
    st.sampled_from([b"\x00", b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80", b"\xed\xb3\xbf",
                     b"\x1b[31m", b"\x07", b"\r", b"\x08", b"\xc2\x9b", b"\xe2\x80\xae",
                     b"\x0b", b"\x0c", b"\x85", b"\xe2\x80\xa8", b"]]>", b"\"", b"\\",
                     b"</", b"&", b"=?utf-8?q?x?=", b"From "]),
    st.binary(min_size=1, max_size=4)), min_size=1, max_size=8).map(b"".join)


def _nasty_mail(junk: bytes) -> bytes:
    """A patch with ``junk`` in its subject, author, path, message and lines."""
    text = junk.decode("utf-8", "surrogateescape").replace("\n", " ")
    body = [" int", f"+    char *s = \"{text}\"; ", f"+foo(int flags, char *{text}x)",
            f"+    /* colour {text} */", " }"]
    mail = make_mail(body, path=f"src/{text.replace(' ', '_') or 'x'}.c",
                     subject=f"[PATCH] {text}", message=f"Why {text}.",
                     author=f"J{text}ne <jane@example.org>")
    return mail.encode("utf-8", "surrogateescape")


JSONISH = settings(max_examples=800 if LONG else 12, deadline=None, derandomize=not LONG,
                   database=None, suppress_health_check=list(HealthCheck))


@JSONISH
@given(NASTY)
@example(b"\xff\xfe\x00\x1b[2J\xed\xa0\x80\xc2\x9b\xe2\x80\xae")
def test_json_and_sarif_stay_valid_for_any_bytes(junk):
    data = _nasty_mail(junk)
    try:
        text, findings = _report("json", data)
    except InputError:
        return
    found = _strict_json(text)
    assert len(found) == len(findings) and findings
    _check_sarif(_report("sarif", data)[0])


@JSONISH
@given(NASTY)
@example(b"\xff\xfe\x00\x1b[2J\xed\xa0\x80\xc2\x9b\xe2\x80\xae")
@example(b"\xa1,\xed\xa0\x80=?utf-8?q?x?=")    # a comma splitting the author in two
def test_reply_mbox_reads_back_for_any_bytes(tmp_path_factory, junk):
    data = _nasty_mail(junk)
    try:
        text, findings = _report("reply", data)
    except InputError:
        return
    assert findings
    messages = _check_reply_mbox(text, tmp_path_factory.mktemp("reply"))
    assert len(messages) == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "reply"])
def test_machine_formats_from_the_command_line_for_hostile_bytes(tmp_path, fmt):
    """The real stdout (its encoding) too: bytes no format can pass on raw, read back."""
    junk = b"\xff\xfe\x00\x1b[2J\xed\xa0\x80\xc2\x9b\xe2\x80\xae\r\x08\x07"
    (tmp_path / "hostile.patch").write_bytes(_nasty_mail(junk) + _hostile_mail())
    sender = ["--from", "R <r@example.org>"] if fmt == "reply" else []
    r = run_proc("--isolated", "--no-tree", f"--format={fmt}", *sender, "hostile.patch",
                cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert r.stderr == ""
    if fmt == "json":
        assert len(_strict_json(r.stdout)) >= 3
    elif fmt == "sarif":
        assert len(_check_sarif(r.stdout)["runs"][0]["results"]) >= 3
    else:
        assert len(_check_reply_mbox(r.stdout, tmp_path)) == 2
        # and patchlint reads its own reply back without trouble
        (tmp_path / "reply.mbox").write_text(r.stdout, encoding="utf-8")
        back = run_proc("--isolated", "--no-tree", "--format=json", "reply.mbox", cwd=tmp_path)
        assert back.returncode in (0, 1), back.stderr
        assert "Traceback" not in back.stderr and "internal error" not in back.stderr
