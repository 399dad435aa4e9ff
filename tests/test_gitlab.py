"""``--format=gitlab``: GitLab's Code Quality report, as a merge request's widget reads it.

The schema below is written from GitLab's documentation of the Code Quality report format: a
JSON array of objects, each with ``description``, ``check_name``, ``fingerprint`` (strings),
``severity`` (one of info, minor, major, critical, blocker) and ``location.path`` (a path
relative to the repository) with ``location.lines.begin`` (or ``location.positions.begin.line``)
the line.
"""

import json
import os
import re
import shutil

import pytest
from conftest import ROOT, SAMPLES, make_mail, run_cli

REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    # relative to the repository: no leading '/' and no './'
                    "path": {"type": "string", "minLength": 1, "pattern": r"^(?!/|\./)"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1},
                                       "end": {"type": "integer", "minimum": 1}},
                    },
                    "positions": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {
                            "type": "object", "required": ["line"],
                            "properties": {"line": {"type": "integer", "minimum": 1}}}},
                    },
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}

# relative names, as a CI job gives them (run from the repository's top)
ALL_SAMPLES = sorted(os.path.join("samples", p) for p in os.listdir(SAMPLES)
                     if p.endswith((".patch", ".mbox", ".txt")))


@pytest.fixture(scope="module")
def validator():
    import jsonschema
    cls = jsonschema.validators.validator_for(REPORT_SCHEMA)
    cls.check_schema(REPORT_SCHEMA)
    return cls(REPORT_SCHEMA)


def gitlab(*args, cwd=None):
    r = run_cli("--format=gitlab", *args, cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr == ""
    return json.loads(r.stdout)


def check(report, validator):
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return report


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_report_for_every_sample_is_valid_and_placed_as_sarif_places_it(validator):
    from urllib.parse import unquote
    report = check(gitlab(*ALL_SAMPLES), validator)
    findings = json.loads(run_cli("--format=json", *ALL_SAMPLES).stdout)
    results = json.loads(run_cli("--format=sarif", *ALL_SAMPLES).stdout)["runs"][0]["results"]
    assert len(report) == len(findings) == len(results) > 50
    severity = {"error": "major", "warning": "minor", "note": "info"}
    for item, f, res in zip(report, findings, results):
        assert item["check_name"] == f["rule"]
        assert item["severity"] == severity[f["severity"]]
        assert f["message"] in item["description"]
        loc = item["location"]
        if "locations" in res:
            where = res["locations"][0]["physicalLocation"]
            assert loc["path"] == unquote(where["artifactLocation"]["uri"])
            assert loc["lines"]["begin"] == where["region"]["startLine"]
        else:
            # no file at all: the input it came from
            assert (loc["path"], loc["lines"]["begin"]) == (f["input"], 1)
        if f["path"] is None:
            assert item["description"].startswith('Patch "')
    # every finding has its own fingerprint, and a second run gives the same ones
    prints = [item["fingerprint"] for item in report]
    assert len(set(prints)) == len(prints)
    assert all(re.fullmatch(r"[0-9a-f]{32}", p) for p in prints)
    assert [item["fingerprint"] for item in gitlab(*ALL_SAMPLES)] == prints


def test_report_of_a_removed_line_and_a_series_pinned(validator, tmp_path):
    data = open(os.path.join(SAMPLES, "series.mbox"), encoding="utf-8").read()
    mails = re.split(r"(?m)^(?=From [0-9a-f]{40} )", data)
    (tmp_path / "partial.mbox").write_text("".join(mails[:4]), encoding="utf-8")
    shutil.copy(os.path.join(SAMPLES, "vircheckflags-dropped.patch"), tmp_path)
    # (the mbox named by its absolute path: the report still says where it is in the tree)
    r = run_cli("--format=gitlab", "vircheckflags-dropped.patch", str(tmp_path / "partial.mbox"),
                cwd=str(tmp_path))
    assert r.returncode == 1
    check(json.loads(r.stdout), validator)
    assert r.stdout == """\
[
  {
    "description": "virCheckFlagsGoto() removed: nothing checks `flags` in storageVolWipePattern() \
now, so every flag bit is accepted (removed line 142 of the old file); widen the mask instead: \
virCheckFlagsGoto(VIR_STORAGE_VOL_WIPE_SKIP_HOLES, cleanup);",
    "check_name": "vircheckflags-dropped",
    "fingerprint": "e9ec47bade5d14a17000502298c1b189",
    "severity": "major",
    "location": {
      "path": "src/storage/storage_driver.c",
      "lines": {
        "begin": 142
      }
    }
  },
  {
    "description": "virCheckFlags() removed: nothing checks `flags` in \
virStorageBackendVolWipeLocal() now, so every flag bit is accepted (removed line 121 of the old \
file); widen the mask instead: virCheckFlags(VIR_STORAGE_VOL_WIPE_SKIP_HOLES, -1);",
    "check_name": "vircheckflags-dropped",
    "fingerprint": "bc3b5f182ac78f597d9ece414f272c8a",
    "severity": "major",
    "location": {
      "path": "src/storage/storage_util.c",
      "lines": {
        "begin": 123
      }
    }
  },
  {
    "description": "VIR_STORAGE_VOL_WIPE_SKIP_HOLES is a new flag that no virsh option sets",
    "check_name": "flag-not-accepted",
    "fingerprint": "4b8d82678ea2271dd4fd7bf5a1ae531d",
    "severity": "info",
    "location": {
      "path": "include/libvirt/libvirt-storage.h",
      "lines": {
        "begin": 86
      }
    }
  },
  {
    "description": "trailing whitespace",
    "check_name": "trailing-whitespace",
    "fingerprint": "bb0aa7d367cd795109145833197e13fa",
    "severity": "major",
    "location": {
      "path": "src/storage/storage_util.c",
      "lines": {
        "begin": 105
      }
    }
  },
  {
    "description": "continuation line starts in column 17; align it with the open parenthesis \
on the line above (column 37); start it in column 37",
    "check_name": "continuation-indent",
    "fingerprint": "9783486a206183b2f678e9b73c57153d",
    "severity": "minor",
    "location": {
      "path": "src/storage/storage_util.c",
      "lines": {
        "begin": 106
      }
    }
  },
  {
    "description": "Patch \\"storage: Let vol-wipe keep sparse volumes sparse\\": the series \
announces 3 patches but 3 is not here",
    "check_name": "series-numbering",
    "fingerprint": "f4d52e1eee978edcc1079dc0133a2b1e",
    "severity": "minor",
    "location": {
      "path": "partial.mbox",
      "lines": {
        "begin": 1
      }
    }
  }
]
"""


def test_whole_mail_findings_sit_at_the_patch_first_change(validator):
    report = check(gitlab("samples/mail-throttle-series.mbox"), validator)
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"],
             i["description"].split('": ')[0]) for i in report] == [
        ("summary-line", "src/qemu/qemu_throttle.c", 9,
         'Patch "qemu: Apply every throttle group of a domain when it starts and when a disk '
         'is hot-plugged'),
        ("commit-message-body", "src/qemu/qemu_throttle.c", 23,
         'Patch "qemu: Report throttle group statistics'),
        ("cover-letter", "src/conf/domain_conf.c", 13, 'Patch "conf: Parse <throttlegroups>'),
        ("series-numbering", "src/qemu/qemu_throttle.c", 9,
         'Patch "qemu: Apply every throttle group of a domain when it starts and when a disk '
         'is hot-plugged')]


def _shifted(text, by):
    """The same mail with its hunk moved ``by`` lines down the file."""
    return re.sub(r"(?m)^@@ -(\d+),(\d+) \+(\d+),(\d+) @@",
                  lambda m: f"@@ -{int(m.group(1)) + by},{m.group(2)} "
                            f"+{int(m.group(3)) + by},{m.group(4)} @@", text)


def test_fingerprints_follow_the_text_not_the_line_number(validator, tmp_path):
    body = [" int x;", "+int y; ", "+int z;\t", " int w;", "-    virCheckFlags(0, -1);",
            " }"]
    mail = make_mail(body, signoff=False, path="src/util/virfoo.c")
    here = check(gitlab(write(tmp_path, "a.patch", mail)), validator)
    moved = check(gitlab(write(tmp_path, "b.patch", _shifted(mail, 100))), validator)
    assert [i["check_name"] for i in here] == ["signed-off-by", "trailing-whitespace",
                                               "vircheckflags-dropped", "trailing-whitespace"]
    assert [i["location"]["lines"]["begin"] + 100 for i in here] == \
        [i["location"]["lines"]["begin"] for i in moved]
    assert [i["fingerprint"] for i in here] == [i["fingerprint"] for i in moved]
    # another line's text is another finding
    other = check(gitlab(write(tmp_path, "c.patch", mail.replace("+int y; ", "+int q; "))),
                  validator)
    assert [i["fingerprint"] == j["fingerprint"] for i, j in zip(here, other)] == \
        [True, False, True, True]
    assert here[2]["location"]["lines"]["begin"] == 14   # the removed line: where it was


def test_identical_findings_get_distinct_fingerprints_in_the_same_order(validator, tmp_path):
    mail = make_mail([" int x;", "+int y; ", "+int y; ", "+int y; ", " int w;"])
    one = check(gitlab(write(tmp_path, "a.patch", mail)), validator)
    assert [i["location"]["lines"]["begin"] for i in one] == [11, 12, 13]
    prints = [i["fingerprint"] for i in one]
    assert len(set(prints)) == 3
    assert [i["fingerprint"] for i in gitlab(write(tmp_path, "b.patch", mail))] == prints


def test_clean_input_gives_an_empty_report():
    r = run_cli("--format=gitlab", "samples/clean.patch")
    assert (r.returncode, r.stdout, r.stderr) == (0, "[]\n", "")


def test_gitlab_is_a_format_choice():
    r = run_cli("--format=nope", "samples/clean.patch")
    assert r.returncode == 2 and "gitlab" in r.stderr


@pytest.mark.slow
def test_parallel_report_is_the_sequential_report(tmp_path):
    files = [shutil.copy(os.path.join(ROOT, p), tmp_path) for p in ALL_SAMPLES]
    assert len(files) >= 8
    one = run_cli("--format=gitlab", "-j", "1", *files)
    two = run_cli("--format=gitlab", "-j", "2", *files)
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr == ""
    assert len(json.loads(one.stdout)) > 50
