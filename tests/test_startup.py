"""What a run pays for before it reads a patch: only what the patch needs, and nothing written.

A hook starts patchlint once per mail; these pin the behaviours that keep that start cheap (the
timings themselves are bench/'s, never a test's)."""

import json
import os
import subprocess
import sys

TEXT_DIFF = ("diff --git a/README b/README\n--- a/README\n+++ b/README\n"
             "@@ -1,1 +1,2 @@\n hello\n+world\n")

C_PATCH = """\
diff --git a/src/util/virfoo.c b/src/util/virfoo.c
--- a/src/util/virfoo.c
+++ b/src/util/virfoo.c
@@ -10,3 +10,11 @@ virFooInit(void)
 {
     return 0;
 }
+
+int
+virFooCount(virFoo *foo)
+{
+    if(!foo)
+        return 0;
+    return foo->count;
+}
"""


def modules_after_a_check(tmp_path, text, name):
    """The findings' rule ids and the modules imported, for a check of ``text`` in a fresh
    process."""
    path = tmp_path / name
    path.write_text(text)
    code = ("import io, json, sys\nfrom patchlint.cli import main\nout = io.StringIO()\n"
            "sys.stdout, real = out, sys.stdout\n"
            f"main(['--isolated', '--no-tree', '--format=json', {str(path)!r}])\n"
            "sys.stdout = real\n"
            "print(json.dumps([out.getvalue(), sorted(sys.modules)]))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=tmp_path)
    report, modules = json.loads(r.stdout)
    ids = [f["rule"] for f in json.loads(report)]
    return ids, set(modules)


def test_the_rule_modules_named_here_are_the_rulebook_s():
    from patchlint.ruleindex import RULES
    assert {"flags_type", "msg_format", "trailing_whitespace", "style_goto_backward",
            "style_xml_names"} <= set(RULES)


def test_a_text_diff_imports_neither_the_c_lexer_nor_the_c_rules(tmp_path):
    ids, modules = modules_after_a_check(tmp_path, TEXT_DIFF, "x.diff")
    assert ids == []
    assert "pygments.lexer" not in modules and "argparse" not in modules
    rules = {m for m in modules if m.startswith("patchlint.rules.")}
    assert "patchlint.rules.flags_type" not in rules            # a C line rule
    assert "patchlint.rules.msg_format" not in rules            # a C file rule
    assert "patchlint.rules.trailing_whitespace" in rules       # reads every file's lines


def test_a_c_patch_imports_the_rules_it_runs_and_not_those_it_has_nothing_for(tmp_path):
    ids, modules = modules_after_a_check(tmp_path, C_PATCH, "x.patch")
    assert ids == ["spacing-keyword"]
    assert "patchlint.rules.style_goto_backward" not in modules  # needs a "goto"
    assert "patchlint.rules.style_xml_names" not in modules     # reads *.rng files
    assert "patchlint.rules.msg_format" in modules               # judges every C file
    assert "pygments.lexer" in modules


def test_a_check_writes_nothing(tmp_path):
    home, cache, work = (tmp_path / d for d in ("home", "cache", "work"))
    for d in (home, cache, work):
        d.mkdir()
    (work / "x.patch").write_text(C_PATCH)
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(cache),
               PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, "-m", "patchlint", "--format=concise", "x.patch"],
                       capture_output=True, text=True, cwd=work, env=env)
    assert r.returncode == 1 and r.stdout
    assert [p.name for p in work.iterdir()] == ["x.patch"]
    assert list(home.iterdir()) == [] and list(cache.iterdir()) == []


TWO_HUNKS = """\
diff --git a/src/util/virbar.c b/src/util/virbar.c
--- a/src/util/virbar.c
+++ b/src/util/virbar.c
@@ -1,2 +1,3 @@
 #include <config.h>
+#include "virbar.h"
 #include "internal.h"
@@ -11,2 +12,6 @@ virBarInit(void)
 {
+    int x = 0;
+
+    x++;
+    return x;
     return 0;
"""


def test_widening_that_gives_up_leaves_every_line_in_its_own_hunk():
    """Tree context widens hunks before anything reads them; should a hunk fall outside every
    window (a post-image that does not agree with the hunk headers), nothing is moved: each
    line still belongs to the hunk the file lists, where it is lexed and read."""
    from patchlint import tree
    from patchlint.reader import read_input
    fd = read_input("x.patch", TWO_HUNKS.encode()).patches[0].files[0]
    before = [(h, list(h.lines)) for h in fd.hunks]
    short = ["/* line */"] * 15         # the second hunk says lines 12-17: the file ends at 15
    tree._widen(fd, short, short)
    assert [(h, list(h.lines)) for h in fd.hunks] == before
    for h in fd.hunks:
        assert all(ln.hunk is h and h.lines[ln.index] is ln for ln in h.lines)
    assert fd.hunks[0].lines[1].code == '#include "virbar.h"'
