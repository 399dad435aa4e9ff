"""tools/oracle.py's pure parts: reading patches, attributing make output, placing plants.

The tool itself needs a libvirt checkout and is not run in CI; these check the parsing it
relies on, with no libvirt and no make.
"""

import importlib.util
import os

import pytest

_PATH = os.path.join(os.path.dirname(__file__), os.pardir, "tools", "oracle.py")
_spec = importlib.util.spec_from_file_location("oracle_tool", _PATH)
oracle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(oracle)

MAIL = b"""From 0123456789012345678901234567890123456789 Mon Sep 17 00:00:00 2001
Subject: [PATCH] x

--- a/not/a/diff
---
diff --git a/src/a.c b/src/a.c
index 1111111..2222222 100644
--- a/src/a.c
+++ b/src/a.c
@@ -1,3 +1,4 @@
 one
+two
 three

@@ -10,0 +12,1 @@
+twelve
diff --git a/new.h b/new.h
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.h
@@ -0,0 +1 @@
+#pragma once
diff --git a/gone.c b/gone.c
deleted file mode 100644
--- a/gone.c
+++ /dev/null
@@ -1 +0,0 @@
-x
-- \n2.0
"""


def test_parse_diff_added_lines_and_new_files():
    files = {f["path"]: f for f in oracle.parse_diff(MAIL)}
    assert sorted(files) == ["new.h", "src/a.c"]            # the deleted file has no post-image
    assert files["src/a.c"]["added"] == {2: b"two", 12: b"twelve"}
    assert files["src/a.c"]["index"] == "2222222"
    assert files["new.h"]["new"] and files["new.h"]["added"] == {1: b"#pragma once"}


def test_parse_output_attributes_grep_context_and_file_level_lines():
    rx = oracle._path_regex(["src/a.c", "src/a.c.in", "new.h"])
    text = ("Whitespace after non-keyword:\nsrc/a.c:12:    foo (x);\n"
            "src/a.c.in-3-  \"x\\n\");\nnew.h: missing '#pragma once' header guard\n"
            "new.h\nsomething else\n")
    hits = oracle.parse_output("sc_x", 0, text, rx, "halt")
    assert [(h["path"], h["lines"], h["detail"]) for h in hits] == [
        ("src/a.c", [12], "Whitespace after non-keyword:"), ("src/a.c.in", [3], ""),
        ("new.h", [], ""), ("new.h", [], "")]
    assert hits[2]["message"] == "missing '#pragma once' header guard"


def test_context_line_joins_the_finding_above():
    rx = oracle._path_regex(["a.c"])
    hits = oracle.parse_output("sc_x", 0, "a.c:4:f(x,\na.c-5-  \"y\");\n", rx, "")
    assert len(hits) == 1 and hits[0]["lines"] == [4, 5]


@pytest.mark.parametrize("plant, expected", [
    ({"at": "^b", "text": "X"}, "a\nb\nX\nc\n"),
    ({"at": "^b", "offset": -1, "text": "X"}, "a\nX\nb\nc\n"),
    ({"line": 0, "text": ""}, "\na\nb\nc\n"),
    ({"at": "^c", "op": "replace", "text": "X\nY"}, "a\nb\nX\nY\n"),
    ({"op": "append", "text": ""}, "a\nb\nc\n\n"),
    ({"op": "new", "text": "n"}, "n\n"),
])
def test_plant_post_image(plant, expected):
    assert oracle.plant_post_image({"file": "f", **plant}, "a\nb\nc\n") == expected


def test_locate_file_level_findings():
    data = b"/*\n * other.c: x\n */\n#include <stdio.h>\n#include <config.h>\n\n"
    assert oracle.locate("sc_require_config_h_first", "", data) == 4
    assert oracle.locate("sc_prohibit_empty_lines_at_EOF", "", data) == 6
    assert oracle.locate("sc_prohibit_wrong_filename_in_comment",
                         "  other.c mentioned in comments ", data) == 2


def test_probe_diff_places_each_entry_in_its_own_hunk():
    data, where = oracle.probe_diff([("a.c", ["x"]), ("a.c", ["y", "z"]), ("b.h", ["w"])])
    files = {f["path"]: f["added"] for f in oracle.parse_diff(data)}
    assert files["a.c"] == {1001: b"x", 2001: b"y", 2002: b"z"} and files["b.h"] == {1001: b"w"}
    assert where[1] == ("a.c", {2001, 2002})


def test_each_documented_divergence_is_in_the_readme_and_explains_its_own_misses():
    with open(os.path.join(os.path.dirname(_PATH), os.pardir, "README.md")) as f:
        readme = f.read()
    section = readme.split("### Where patchlint differs from syntax-check")[1].split("\n## ")[0]
    for key, *_ in oracle.DIVERGENCES:
        assert f"**`{key}`**" in section, key
    miss = {"sc": "sc_spacing-check", "path": "tests/test-events.c",
            "lines_text": ["    g_assert_cmpint(watch_id, !=, -1);"]}
    assert oracle.divergence(miss) == "glib-test-macros"
    assert oracle.divergence({**miss, "lines_text": ["    x = y+1;"]}) is None
    assert oracle.divergence({**miss, "sc": "sc_prohibit_close"}) is None
    comment = {"sc": "sc_prohibit_loop_var_decl", "path": "src/a.c",
               "lines_text": [" * @cond: the conditions to watch for (bitfield of #GVirFoo)"]}
    assert oracle.divergence(comment) == "comments-are-not-code"


def test_plants_come_from_every_toml_file_of_a_directory_with_their_places(tmp_path):
    (tmp_path / "a.toml").write_text(
        '[places]\nbody = { file = "src/util/virfile.c", at = "^x" }\n'
        '[[plant]]\nexpect = "sc_a"\nwhere = "body"\ntext = "one"\n')
    (tmp_path / "b.toml").write_text(
        '[[plant]]\nexpect = "sc_b"\nwhere = "body"\ntext = "two"\n'
        '[[plant]]\nexpect = "sc_c"\nfile = "tools/x.c"\nop = "new"\ntext = "three"\n')
    (tmp_path / "notes.txt").write_text("not a plants file")
    plants = oracle.load_plants(str(tmp_path))
    assert [(p["expect"], p["file"], p["text"]) for p in plants] == [
        ("sc_a", "src/util/virfile.c", "one"), ("sc_b", "src/util/virfile.c", "two"),
        ("sc_c", "tools/x.c", "three")]
    assert oracle.reference_paths(str(tmp_path)) == {
        "sc_a": ["src/util/virfile.c"], "sc_b": ["src/util/virfile.c"], "sc_c": ["tools/x.c"]}
