"""A file as a whole (patchlint.wholefile): when a patch shows all of a file, or its end, and
what the rules that judge whole files (libvirt's header layout, duplicate and unused
includes, gettext set-up) make of the tree a patch belongs to."""

import pytest
from conftest import git, run_settings

from patchlint.reader import read_input
from patchlint.wholefile import file_end, whole_file


def _file(diff: str):
    (patch,) = read_input("patch", diff.encode()).patches
    return patch.files[0]


NEW = """\
diff --git a/src/util/virthrottle.c b/src/util/virthrottle.c
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/src/util/virthrottle.c
@@ -0,0 +1,3 @@
+#include <config.h>
+
+int virThrottleGroupCount;
"""


def _changed(body, start=10):
    lines = body.splitlines()
    old = sum(1 for ln in lines if ln[:1] in " -")
    new = sum(1 for ln in lines if ln[:1] in " +")
    return ("diff --git a/src/util/virthrottle.c b/src/util/virthrottle.c\n"
            "index 1111111..2222222 100644\n"
            "--- a/src/util/virthrottle.c\n+++ b/src/util/virthrottle.c\n"
            f"@@ -{start},{old} +{start},{new} @@\n{body}")


def test_a_new_file_is_known_whole_and_so_is_its_end():
    fd = _file(NEW)
    whole = whole_file(fd)
    assert whole.new == ["#include <config.h>", "", "int virThrottleGroupCount;"]
    assert whole.old == [] and whole.is_new
    assert whole.added(3) and whole.line(3).text == "int virThrottleGroupCount;"
    assert file_end(fd) is whole.line(3)
    assert whole.introduced(lambda lines: 1 if lines else None) == 1


def test_an_existing_file_without_its_tree_is_not_known_whole():
    fd = _file(_changed(" a;\n b;\n c;\n+d;\n e;\n f;\n g;\n"))
    assert whole_file(fd) is None
    assert file_end(fd) is None             # as much context after the change as before


def test_a_hunk_whose_trailing_context_is_cut_short_shows_the_end():
    fd = _file(_changed(" a;\n b;\n c;\n+d;\n e;\n"))
    assert file_end(fd).text == "e;" and file_end(fd).new_no == 14
    # no context at all (diff -U0): nothing tells where the file ends
    assert file_end(_file(_changed("+d;\n"))) is None


def test_the_no_newline_marker_shows_the_end():
    fd = _file(_changed(" a;\n-b;\n+b = 1;\n\\ No newline at end of file\n"))
    end = file_end(fd)
    assert end.text == "b = 1;" and end.eol == ""


# -- with the tree at hand ------------------------------------------------------------------

HEADER = ("/*\n * virthrottle.c: throttle groups\n *\n"
          " * SPDX-License-Identifier: LGPL-2.1-or-later\n */\n\n")


def _repo(tmp_path, files):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    for path, text in files.items():
        dest = repo / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def _lint_change(repo, monkeypatch, path, text, select):
    """(rule, line, message) of the findings on the diff that makes ``path`` hold ``text``,
    read with the tree (run inside the repository)."""
    from patchlint.run import findings
    (repo / path).write_text(text)
    data = git(repo, "diff")
    monkeypatch.chdir(repo)
    found = findings("t.diff", data, run_settings(select, tree=True))
    return [(f.rule, f.line, f.message) for f in found]


def _body(n):
    """``n`` lines of a function body, to put the includes out of a hunk's sight."""
    return "".join(f"    x += {k};\n" for k in range(n))


def test_removing_the_last_use_of_a_header_is_seen_with_the_tree(tmp_path, monkeypatch):
    before = (HEADER + "#include <config.h>\n\n#include <assert.h>\n\nint\nf(int x)\n{\n" +
              _body(60) + "    assert(x > 0);\n" + _body(20) + "    return x;\n}\n")
    repo = _repo(tmp_path, {"src/util/virthrottle.c": before})
    after = before.replace("    assert(x > 0);\n", "")
    assert _lint_change(repo, monkeypatch, "src/util/virthrottle.c", after,
                        ["unused-assert-h"]) == [
        ("unused-assert-h", 9, "<assert.h> is included but nothing calls assert()")]
    # without the tree, the file is not known whole: nothing to say
    from patchlint.run import findings
    data = git(repo, "diff")
    assert findings("t.diff", data, run_settings(["unused-assert-h"])) == []


def test_a_problem_the_file_had_before_is_not_the_patch_s(tmp_path, monkeypatch):
    before = (HEADER + "#include <config.h>\n\n#include <assert.h>\n\nint\nf(int x)\n{\n" +
              _body(60) + "    return x;\n}\n")
    repo = _repo(tmp_path, {"src/util/virthrottle.c": before})
    after = before.replace("    return x;\n", "    return x + 1;\n")
    assert _lint_change(repo, monkeypatch, "src/util/virthrottle.c", after,
                        ["unused-assert-h"]) == []


def test_a_duplicate_include_out_of_the_hunk_s_sight(tmp_path, monkeypatch):
    includes = "".join(f'#include "vir{k}.h"\n' for k in range(60))
    before = HEADER + "#include <config.h>\n\n" + includes + "\nint x;\n"
    repo = _repo(tmp_path, {"src/util/virthrottle.c": before})
    after = before.replace('#include "vir59.h"\n', '#include "vir59.h"\n#include "vir1.h"\n')
    assert _lint_change(repo, monkeypatch, "src/util/virthrottle.c", after,
                        ["duplicate-include"]) == [
        ("duplicate-include", 69, "vir1.h is already included on line 10")]


@pytest.mark.parametrize("change, expected", [
    # the patch drops the blank line after the comment
    (lambda t: t.replace(" */\n\n#pragma once", " */\n#pragma once"),
     [("header-guard", 6, "put one blank line after the copyright comment")]),
    # the patch touches the body only
    (lambda t: t.replace("int x;", "int y;"), []),
])
def test_a_header_s_layout_with_the_tree(tmp_path, monkeypatch, change, expected):
    before = (HEADER.replace(".c:", ".h:") + "#pragma once\n\n" + "".join(
        f"int v{k};\n" for k in range(60)) + "int x;\n")
    repo = _repo(tmp_path, {"src/util/virthrottle.h": before})
    assert _lint_change(repo, monkeypatch, "src/util/virthrottle.h", change(before),
                        ["header-guard"]) == expected


def test_blank_lines_left_at_the_end_of_a_file_the_patch_changes(tmp_path, monkeypatch):
    before = HEADER + "int a;\n" + _body(20) + "int b;\n"
    repo = _repo(tmp_path, {"src/util/virthrottle.c": before})
    after = before + "\n\n"
    n = after.count("\n")
    assert _lint_change(repo, monkeypatch, "src/util/virthrottle.c", after,
                        ["eof-newline"]) == [
        ("eof-newline", n, "the file ends with 2 blank lines")]


def test_a_shed_patch_lets_go_of_the_whole_file(tmp_path, monkeypatch):
    from patchlint.sources import Source, inputs
    before = HEADER + "int a;\n"
    repo = _repo(tmp_path, {"src/util/virthrottle.c": before})
    (repo / "src/util/virthrottle.c").write_text(before + "int b;\n")
    data = git(repo, "diff")
    monkeypatch.chdir(repo)
    (inp,) = inputs(Source("file", "t.diff", data))
    (patch,) = list(inp.patches)
    assert patch.files[0].images is not None
    assert whole_file(patch.files[0]).new[-1] == "int b;"
    patch.shed()
    assert patch.files[0].images is None


def test_blank_lines_the_file_ended_with_before_are_not_the_patch_s():
    from patchlint.run import findings
    kept = _changed(" int a;\n int b;\n-int c;\n+int c = 1;\n \n")
    assert findings("t.diff", kept.encode(), run_settings(["eof-newline"])) == []
    # ... unless the patch adds to them, or makes them the end
    grown = _changed(" int a;\n int b;\n-int c;\n+int c = 1;\n \n+\n")
    made = _changed(" int a;\n int b;\n \n-int c;\n")
    assert [(f.line, f.message) for f in findings(
        "t.diff", grown.encode(), run_settings(["eof-newline"]))] == [
        (14, "the file ends with 2 blank lines")]
    assert [(f.line, f.message) for f in findings(
        "t.diff", made.encode(), run_settings(["eof-newline"]))] == [
        (12, "the file ends with 1 blank line")]
