"""Project configuration: [tool.patchlint] in pyproject.toml or .patchlint.toml.

Every key changes what a user sees; every mistake is one clear line naming the file, line and
key, with exit status 2.
"""

import json
import os

import pytest
from conftest import make_mail, run_cli

# a patch with one finding of several rules
PATCH = make_mail([
    " int",
    "-virFoo(void)",
    "+virFoo(int flags, int mode)",             # flags-type (error), flags-last (warning)
    "+/* the behaviour is odd */",              # us-spelling (note)
    "+    nanosleep(&ts, NULL);",              # prefer-usleep (warning)
], path="src/util/virfoo.c")


def run(tmp_path, config, *args, name=".patchlint.toml", patch=PATCH):
    (tmp_path / name).write_text(config)
    (tmp_path / "x.patch").write_text(patch)
    r = run_cli("--format=json", *args, "x.patch", cwd=str(tmp_path))
    return r, (json.loads(r.stdout) if r.stdout.strip().startswith("[") else None)


def rules(found):
    return sorted(f["rule"] for f in found)


ALL = ["flags-last", "flags-type", "prefer-usleep", "us-spelling"]


def test_no_config(tmp_path):
    r, found = run(tmp_path, "")
    assert rules(found) == ALL


def test_select_and_ignore(tmp_path):
    assert rules(run(tmp_path, 'select = ["flags-type", "prefer-usleep"]\n')[1]) == \
        ["flags-type", "prefer-usleep"]
    assert rules(run(tmp_path, 'ignore = ["sc_flags_usage", "us-spelling"]\n')[1]) == \
        ["flags-last", "prefer-usleep"]
    assert rules(run(tmp_path, 'select = ["flags-type"]\nextend-select = ["flags-last"]\n')[1]) \
        == ["flags-last", "flags-type"]
    # the command line overrides the file's select, adds to its ignore
    assert rules(run(tmp_path, 'select = ["flags-type"]\n', "--select", "flags-last")[1]) == \
        ["flags-last"]
    assert rules(run(tmp_path, 'ignore = ["flags-type"]\n', "--ignore", "flags-last")[1]) == \
        ["prefer-usleep", "us-spelling"]


def test_fail_on(tmp_path):
    only_warning = 'select = ["prefer-usleep"]\n'
    assert run(tmp_path, only_warning)[0].returncode == 1
    assert run(tmp_path, only_warning + 'fail-on = "error"\n')[0].returncode == 0
    assert run(tmp_path, only_warning + 'fail-on = "error"\n', "--fail-on", "warning")[0] \
        .returncode == 1


def test_severity(tmp_path):
    r, found = run(tmp_path, '[severity]\nus-spelling = "error"\nsc_flags_usage = "note"\n')
    sev = {f["rule"]: f["severity"] for f in found}
    assert sev["us-spelling"] == "error" and sev["flags-type"] == "note"


def test_exclude_and_extend_exclude(tmp_path):
    assert run(tmp_path, 'exclude = ["src/util/*"]\n')[1] == []
    assert run(tmp_path, 'extend-exclude = ["src/*/virfoo.c"]\n')[1] == []
    # exclude replaces the defaults (vendored code); extend-exclude adds to them
    vendored = PATCH.replace("src/util/virfoo.c", "src/keycodemapdb/virfoo.c")
    assert run(tmp_path, "", patch=vendored)[1] == []
    assert rules(run(tmp_path, "exclude = []\n", patch=vendored)[1]) == ALL


def test_per_path_ignores(tmp_path):
    r, found = run(tmp_path, '[per-path-ignores]\n"src/util/*" = ["flags-type", "flags-last"]\n')
    assert rules(found) == ["prefer-usleep", "us-spelling"]


def test_rule_options(tmp_path):
    r, found = run(tmp_path, '[rules.prefer-usleep]\nfunction = "virSleep"\n')
    assert "virSleep()" in next(f["message"] for f in found if f["rule"] == "prefer-usleep")
    r, found = run(tmp_path, '[rules.us-spelling]\nallow = ["behaviour"]\n')
    assert "us-spelling" not in rules(found)
    r, found = run(tmp_path, '[rules.us-spelling]\npublic-docs = ["src/util/*"]\n')
    assert next(f for f in found if f["rule"] == "us-spelling")["severity"] == "warning"


def test_split_patch_thresholds(tmp_path):
    from conftest import SAMPLES
    patch = open(os.path.join(SAMPLES, "split-patch.patch")).read()
    assert "split-patch" in rules(run(tmp_path, "", patch=patch)[1])
    assert "split-patch" not in rules(run(tmp_path, "[rules.split-patch]\nmin-layers = 9\n",
                                          patch=patch)[1])
    assert "split-patch" not in rules(run(tmp_path, "[rules.split-patch]\nmin-lines = 5000\n",
                                          patch=patch)[1])


def test_tree_key(tmp_path):
    # outside any repository there is no tree either way; the key must still be accepted
    r, found = run(tmp_path, "tree = false\n")
    assert r.returncode == 1 and rules(found) == ALL


def test_profile_key(tmp_path):
    sleep = lambda found: next(f["message"] for f in found if f["rule"] == "prefer-usleep")
    assert "g_usleep()" in sleep(run(tmp_path, "")[1])           # today's advice by default
    r, found = run(tmp_path, 'profile = "gnulib"\n')
    assert r.returncode == 1
    assert "use usleep()" in sleep(found)                         # the 2012 tree's advice
    r, _ = run(tmp_path, 'profile = "c99"\n')
    assert r.returncode == 2 and "profile" in r.stderr


def test_pyproject_table_and_lookup_from_the_tree_root(tmp_path):
    from conftest import git
    git(tmp_path, "init", "-q")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.patchlint]\n'
                                             'select = ["flags-type"]\n')
    (tmp_path / "x.patch").write_text(PATCH)
    sub = tmp_path / "src" / "deep"
    sub.mkdir(parents=True)
    r = run_cli("--format=json", str(tmp_path / "x.patch"), cwd=str(sub))
    assert rules(json.loads(r.stdout)) == ["flags-type"]
    # a .patchlint.toml in the current directory comes first
    (sub / ".patchlint.toml").write_text('select = ["flags-last"]\n')
    r = run_cli("--format=json", str(tmp_path / "x.patch"), cwd=str(sub))
    assert rules(json.loads(r.stdout)) == ["flags-last"]
    # --isolated ignores them; --config names one
    r = run_cli("--format=json", "--isolated", str(tmp_path / "x.patch"), cwd=str(sub))
    assert rules(json.loads(r.stdout)) == ALL
    r = run_cli("--format=json", "--config", str(tmp_path / "pyproject.toml"),
                str(tmp_path / "x.patch"), cwd=str(sub))
    assert rules(json.loads(r.stdout)) == ["flags-type"]


@pytest.mark.parametrize("text,line,says", [
    ('selct = ["flags-type"]\n', 1, "unknown key 'selct'"),
    ('fail-on = "fatal"\n', 1, "'fail-on' must be error, warning, note or never"),
    ('select = "flags-type"\n', 1, "'select' must be a list"),
    ('\n\nignore = ["no-such-rule"]\n', 3, "'ignore': unknown rule 'no-such-rule'"),
    ('[severity]\nflags-type = "fatal"\n', 2, "'severity.flags-type' must be error"),
    ('[severity]\nnope = "error"\n', 2, "'severity.nope': unknown rule"),
    ('[per-path-ignores]\n"src/*" = "flags-type"\n', 2, "must be a list of rule ids"),
    ('[rules.prefer-usleep]\nfunctoin = "g_usleep"\n', 2, "unknown option for rule"),
    ('[rules.split-patch]\nmin-layers = "three"\n', 2, "expected int"),
    ('select = [\n', None, "not valid TOML"),
])
def test_bad_configuration_is_one_line_naming_file_line_and_key(tmp_path, text, line, says):
    r, _ = run(tmp_path, text)
    assert r.returncode == 2
    err = r.stderr.strip().splitlines()
    assert len(err) == 1, r.stderr
    where = ".patchlint.toml" + (f":{line}" if line else "")
    assert where in err[0] and says in err[0], err[0]
    assert "Traceback" not in r.stderr


def test_missing_config_file(tmp_path):
    (tmp_path / "x.patch").write_text(PATCH)
    r = run_cli("--config", "nope.toml", "x.patch", cwd=str(tmp_path))
    assert r.returncode == 2 and r.stderr.strip() == "patchlint: error: --config nope.toml: " \
                                                      "no such file"


def test_a_project_adds_its_own_pattern_rules_without_python(tmp_path):
    config = ('[patterns.no-old-helper]\nregex = \'\\bvirFooOld\\s*\\(\'\n'
              'message = "virFooOld() is gone: call virFooNew()"\nreplacement = "virFooNew("\n'
              'severity = "warning"\nbad = "    virFooOld(x);"\ngood = "    virFooNew(x);"\n')
    patch = make_mail([" int a;", "+    virFooOld(x); /* not virFooOld( here */", " int c;"])
    r, found = run(tmp_path, config, patch=patch)
    mine = [f for f in found if f["rule"] == "no-old-helper"]
    assert [(f["line"], f["column"], f["severity"], f["fix"]) for f in mine] == \
        [(11, 5, "warning", {"replacement": "virFooNew("})]
    r, found = run(tmp_path, config.replace("regex = '\\bvirFooOld\\s*\\('", "regex = '('"))
    assert r.returncode == 2 and "patterns.no-old-helper" in r.stderr and "regex" in r.stderr


def test_path_globs_match_as_fnmatch_does():
    """Rule and configuration globs (files, exclude, per-file-ignores) mean what fnmatch
    says: a glob with a '/' is matched against the whole path, one without against the
    file name too; '*' crosses directories.  (Most are tested without fnmatch's regexes.)"""
    import fnmatch
    import itertools

    from patchlint.api import match_path
    globs = ["*", "*.c", "src/*/*.c", "tests/*mock.c", "src/libvirt*.h", "docs/*", "README*",
             "src/libvirt.c", "Makefile", "*test*.c", "src/*.[ch]", "tests/vir?.c", "a*b*c"]
    paths = ["src/util/virfile.c", "src/libvirt.c", "src/libvirt-domain.h", "src/events.c",
             "tests/virfilemock.c", "tests/test_util.c", "tests/virx.c", "docs/a/b.rst",
             "README.md", "sub/README", "Makefile", "src/Makefile", "abc", "a/b/c", "ab"]
    for g, p in itertools.product(globs, paths):
        base = p.rsplit("/", 1)[-1]
        want = fnmatch.fnmatchcase(p, g) or ("/" not in g and fnmatch.fnmatchcase(base, g))
        assert match_path(p, [g]) == want, (g, p)


def test_a_profile_sets_the_defaults_its_rules_declare_and_the_user_wins():
    from conftest import run_settings

    from patchlint.catalogue import rule_by_name
    spec = rule_by_name("prefer-usleep")
    assert run_settings(profile="glib").options_for(spec) == {"function": "g_usleep"}
    assert run_settings(profile="gnulib").options_for(spec) == {"function": "usleep"}
    mine = run_settings(profile="glib", options={"prefer-usleep": {"function": "usleep"}})
    assert mine.options_for(spec) == {"function": "usleep"}
