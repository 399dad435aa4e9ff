"""The command line as users and tools drive it: exit codes, errors, formats, selection."""

import json
import re

from conftest import CLEAN, FLAGGED, make_mail, run_cli


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(p)


def test_version():
    r = run_cli("--version")
    assert r.returncode == 0
    assert re.fullmatch(r"patchlint \d+\.\d+\.\d+\n", r.stdout)


def test_help_teaches_usage_examples_and_exit_codes():
    r = run_cli("--help")
    assert r.returncode == 0
    for text in ("patchlint [OPTIONS] [INPUT...]", "--select", "--ignore", "--fail-on",
                 "--format", "examples:", "exit status:", "patchlint explain"):
        assert text in r.stdout


def test_clean_patch_exits_0(tmp_path):
    r = run_cli(write(tmp_path, "ok.patch", CLEAN))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.strip() == "No findings in 1 patch."
    assert r.stderr == ""


def test_findings_exit_1_and_full_format_annotates_the_line(tmp_path):
    r = run_cli(write(tmp_path, "bad.patch", FLAGGED))
    assert r.returncode == 1
    out = r.stdout
    assert "error[flags-type]" in out
    assert "--> src/util/virfile.c:11:27" in out
    # the offending line, then a marker under the exact columns with the fix
    lines = out.splitlines()
    k = next(i for i, ln in enumerate(lines) if "qemuFoo(virDomainPtr dom, int flags)" in ln)
    marker = lines[k + 1]
    col = lines[k].index("int flags")
    assert marker.index("^^^") == col
    assert marker.rstrip().endswith("^^^ unsigned int")
    assert out.rstrip().splitlines()[-1] == ("1 error, 0 warnings, 0 notes in 1 patch; "
                                             "1 fixable with --fix.")


def test_fail_on_and_exit_zero(tmp_path):
    # only a warning (flags-last) and a note: fails on warning, passes on error
    p = write(tmp_path, "w.patch", make_mail([" int", "-virFoo(void)",
                                              "+virFoo(unsigned int flags, int x);"]))
    assert run_cli(p).returncode == 1
    assert run_cli("--fail-on", "error", p).returncode == 0
    assert run_cli("--fail-on", "never", p).returncode == 0
    assert run_cli("--exit-zero", write(tmp_path, "b.patch", FLAGGED)).returncode == 0


def test_concise_format(tmp_path):
    r = run_cli("--format=concise", write(tmp_path, "bad.patch", FLAGGED))
    first = r.stdout.splitlines()[0]
    assert first == ("src/util/virfile.c:11:27: error: `flags` is declared `int`; libvirt "
                     "passes flags as `unsigned int` [flags-type]")


def test_json_format_has_the_contract_keys(tmp_path):
    name = write(tmp_path, "bad.patch", FLAGGED)
    r = run_cli("--format=json", name)
    data = json.loads(r.stdout)
    assert isinstance(data, list) and data
    f = next(x for x in data if x["rule"] == "flags-type")
    assert {k: f[k] for k in ("rule", "severity", "path", "line", "column", "input", "patch",
                              "subject")} == {
        "rule": "flags-type", "severity": "error", "path": "src/util/virfile.c",
        "line": 11, "column": 27, "input": name, "patch": 1,
        "subject": "[PATCH] util: Add a helper"}
    assert f["syntax_check"] == "sc_flags_usage"
    assert f["fix"] == {"replacement": "unsigned int"}
    assert isinstance(f["message"], str) and f["message"]


def test_patch_level_finding_has_null_path_and_line(tmp_path):
    r = run_cli("--format=json", write(tmp_path, "nosob.patch", make_mail(
        [" int a;", "+int b;"], signoff=False)))
    data = json.loads(r.stdout)
    assert [(f["rule"], f["path"], f["line"]) for f in data] == [("signed-off-by", None, None)]


def test_unusable_input_gives_exit_2_one_line_and_others_still_checked(tmp_path):
    bad = write(tmp_path, "notes.txt", "just some notes\nnothing to see\n")
    good = write(tmp_path, "bad.patch", FLAGGED)
    r = run_cli("--format=concise", bad, good)
    assert r.returncode == 2
    err = r.stderr.splitlines()
    assert len(err) == 1 and err[0].startswith(f"patchlint: {bad}:1: not a patch")
    assert "[flags-type]" in r.stdout          # the good input was still checked
    assert "Traceback" not in r.stderr


def test_missing_and_empty_inputs(tmp_path):
    r = run_cli(str(tmp_path / "nope.patch"))
    assert r.returncode == 2
    assert r.stderr.strip() == f"patchlint: {tmp_path / 'nope.patch'}: cannot read: " \
                               "No such file or directory"
    r = run_cli(write(tmp_path, "empty.patch", b""))
    assert r.returncode == 2
    assert r.stderr.strip().endswith("empty input: no patch to check")


def test_stdin_dash_and_implicit(tmp_path):
    r = run_cli("--format=concise", "-", stdin=FLAGGED)
    assert r.returncode == 1 and "[flags-type]" in r.stdout
    r = run_cli("--format=json", stdin=FLAGGED)
    assert json.loads(r.stdout)[0]["input"] == "-"


def test_select_and_ignore_by_id_and_syntax_check_name(tmp_path):
    p = write(tmp_path, "bad.patch", FLAGGED)
    rules = lambda *a: {f["rule"] for f in json.loads(run_cli("--format=json", *a, p).stdout)}
    assert rules() == {"flags-type"}
    assert rules("--ignore", "flags-type") == set()
    assert rules("--ignore", "sc_flags_usage") == set()
    assert rules("--select", "trailing-whitespace") == set()
    assert rules("--select", "sc_flags_usage") == {"flags-type"}
    r = run_cli("--select", "no-such-rule", p)
    assert r.returncode == 2
    assert r.stderr.strip() == "patchlint: error: unknown rule 'no-such-rule' " \
                               "(see 'patchlint rules')"


def test_rule_option_from_command_line(tmp_path):
    p = write(tmp_path, "s.patch", make_mail([" {", "+    nanosleep(&ts, NULL);", " }"]))
    r = run_cli("--format=concise", "-o", "prefer-usleep.function=usleep", p)
    assert "use usleep() rather than nanosleep()" in r.stdout
    r = run_cli("-o", "prefer-usleep.nope=1", p)
    assert r.returncode == 2 and r.stderr == (
        "patchlint: error: -o prefer-usleep.nope=1: unknown option for rule prefer-usleep "
        "(it has: function)\n")


def test_usage_errors_are_one_line(tmp_path):
    r = run_cli("--format=xml", write(tmp_path, "ok.patch", CLEAN))
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1 and "unknown format 'xml'" in r.stderr
    r = run_cli("--bogus")
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1


def test_rules_and_explain():
    r = run_cli("rules")
    assert r.returncode == 0
    for rid in ("flags-type", "vircheckflags-dropped", "split-patch"):
        assert re.search(rf"^  {rid}\s+(error|warning|note)\s", r.stdout, re.M)
    r = run_cli("explain", "flags-type")
    assert r.returncode == 0
    assert "## Why" in r.stdout and "## Example" in r.stdout
    # a syntax-check name several rules port explains each of them
    both = run_cli("explain", "sc_flags_usage").stdout
    assert both.startswith("sc_flags_usage is checked by 2 rules: flags-type, "
                           "flags-unused-marker.\n\n" + r.stdout)
    assert "\nflags-unused-marker (error; libvirt syntax-check: sc_flags_usage)\n" in both
    r = run_cli("explain", "flags-typo")
    assert r.returncode == 2 and "did you mean flags-type" in r.stderr


def test_colour_only_when_asked_or_on_a_terminal(tmp_path):
    p = write(tmp_path, "bad.patch", FLAGGED)
    assert "\033[" not in run_cli(p).stdout
    assert "\033[" in run_cli("--color=always", p).stdout
    assert "\033[" not in run_cli("--color=auto", p, env={"NO_COLOR": "1"}).stdout


def test_control_characters_from_the_patch_are_escaped(tmp_path):
    evil = make_mail([" int a;", "+int b; /* \x1b[2J\x07 cancelled */ ", " int c;"])
    p = write(tmp_path, "evil.patch", evil)
    for fmt in ("full", "concise"):
        out = run_cli(f"--format={fmt}", p).stdout
        assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in run_cli(p).stdout
    data = json.loads(run_cli("--format=json", p).stdout)
    assert {f["rule"] for f in data} == {"trailing-whitespace", "us-spelling"}


def test_invalid_utf8_in_patch_is_shown_escaped_and_json_stays_valid(tmp_path):
    raw = make_mail([" int a;", "+int b; /* na\udcefve */ ", " int c;"]).encode(
        "utf-8", "surrogateescape")
    p = write(tmp_path, "latin.patch", raw)
    assert "\\xef" in run_cli(p).stdout
    data = json.loads(run_cli("--format=json", p).stdout)
    assert data[0]["rule"] == "trailing-whitespace"


def test_per_line_opt_outs(tmp_path):
    p = write(tmp_path, "x.patch", make_mail([
        " {",
        "+    nanosleep(&ts, NULL); /* patchlint: ignore[prefer-usleep] */",
        "+    int flags; /* exempt from syntax-check */",
        "+    long flags2;",
        " }"]))
    data = json.loads(run_cli("--format=json", p).stdout)
    assert data == []


def test_binary_files_are_skipped_and_said(tmp_path):
    text = CLEAN.replace("-- \n2.39.5", "diff --git a/docs/logo.png b/docs/logo.png\n"
                         "new file mode 100644\nindex 0000000..1234567\n"
                         "GIT binary patch\nliteral 4\nLcmZ?wbN>YZ0|Em!\n\nliteral 0\n"
                         "HcmV?d00001\n\n-- \n2.39.5")
    r = run_cli(write(tmp_path, "bin.patch", text))
    assert r.returncode == 0
    assert r.stdout.strip() == "No findings in 1 patch; 1 binary file not checked."


def test_explain_answers_for_every_rule_by_id_and_syntax_check_name(capsys):
    """Every rule of the rulebook explains itself, found by its id and by its syntax-check
    name (several rules may share one: it then names one of them)."""
    from patchlint.catalogue import all_rules
    from patchlint.commands import explain
    for spec in all_rules():
        assert explain([spec.id]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"{spec.id} ({spec.severity}"), out[:80]
        assert "## Why" in out and "## Example" in out, spec.id
        if spec.syntax_check:
            assert explain([spec.syntax_check]) == 0
            assert f"libvirt syntax-check: {spec.syntax_check}" in capsys.readouterr().out
