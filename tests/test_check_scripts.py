"""libvirt's check scripts as rules: the ``check_script`` key (in JSON and SARIF, for
``--select``/``--ignore``, per-path ignores and ignore comments, in ``rules`` and ``explain``),
and what the rules porting them see past the patch: the series before it, and the tree."""

import json

import pytest
from conftest import git, lint_bytes, run_cli, run_settings

from patchlint.catalogue import all_rules

SCRIPTS = {
    "acl-check-missing": ("check-aclrules",),
    "driver-name": ("check-driverimpls", "check-drivername"),
    "driver-version-comment": ("hvsupport",),
    "syms-sorting": ("check-symsorting",),
    "syms-undeclared": ("check-symfile",),
    "syms-duplicate": ("check-symfile",),
    "protocol-structs": ("check-remote-protocol",),
    "header-guard": ("header-ifdef",),
    "duplicate-include": ("prohibit-duplicate-header",),
}


def _diff(path, body, start=20308, section=" static virHypervisorDriver qemuHypervisorDriver = {"):
    lines = body.splitlines()
    old = sum(1 for ln in lines if ln[:1] in " -")
    new = sum(1 for ln in lines if ln[:1] in " +")
    return (f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n"
            f"--- a/{path}\n+++ b/{path}\n"
            f"@@ -{start},{old} +{start},{new} @@{section}\n{body}")


TABLE = _diff("src/qemu/qemu_driver.c",
              "     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */\n"
              "+    .domainSetThrottleGroup = qemuDomainThrottleGroupSet,\n"
              " };\n")


def test_every_script_port_names_its_script():
    by_id = {s.id: s for s in all_rules()}
    for rid, scripts in SCRIPTS.items():
        assert by_id[rid].check_scripts == scripts, rid
        assert by_id[rid].check_script == scripts[0]
    named = {s.id for s in all_rules() if s.check_script}
    assert named == set(SCRIPTS)


def test_a_finding_carries_its_script_in_json():
    found = lint_bytes(TABLE.encode(), select=["driver-name", "driver-version-comment"])
    assert [(f["rule"], f["line"], f["column"], f.get("check_script"), f.get("syntax_check"))
            for f in found] == [
        ("driver-version-comment", 20309, 5, "hvsupport", None),
        ("driver-name", 20309, 31, "check-driverimpls", None)]
    assert found[1]["message"] == ("the function behind .domainSetThrottleGroup is named after "
                                   "its field: qemuDomainSetThrottleGroup, not "
                                   "qemuDomainThrottleGroupSet")


def test_a_header_check_carries_both_its_syntax_check_and_its_script():
    patch = _diff("src/util/virfile.c", ' #include "virfile.h"\n+#include "virfile.h"\n',
                  start=30, section="")
    (f,) = lint_bytes(patch.encode(), select=["duplicate-include"])
    assert (f["syntax_check"], f["check_script"]) == ("sc_prohibit-duplicate-header",
                                                      "prohibit-duplicate-header")


def test_select_and_ignore_take_a_script_s_name():
    rules = lambda **kw: sorted({f["rule"] for f in lint_bytes(TABLE.encode(), **kw)})
    assert rules(select=["check-driverimpls"]) == ["driver-name"]
    assert rules(select=["hvsupport"]) == ["driver-version-comment"]
    assert rules(select=["scripts"]) == ["driver-name", "driver-version-comment"]
    assert rules(select=["scripts"], ignore=["hvsupport"]) == ["driver-name"]
    # a rule porting two scripts answers to either
    assert rules(select=["check-drivername"]) == ["driver-name"]


def test_a_per_path_ignore_and_an_ignore_comment_take_a_script_s_name():
    settings = run_settings(["scripts"])
    settings.per_path_ignore = {"src/qemu/*": ["hvsupport"]}
    from patchlint.run import findings
    assert [f.rule for f in findings("t", TABLE.encode(), settings)] == ["driver-name"]
    marked = TABLE.replace("qemuDomainThrottleGroupSet,",
                           "qemuDomainThrottleGroupSet, /* patchlint: ignore[check-driverimpls] */")
    assert [f["rule"] for f in lint_bytes(marked.encode(), select=["scripts"])] == [
        "driver-version-comment"]


def test_rules_and_explain_show_the_script():
    r = run_cli("rules")
    line = next(ln for ln in r.stdout.splitlines() if ln.strip().startswith("acl-check-missing"))
    assert line.endswith("[check-aclrules]")
    line = next(ln for ln in r.stdout.splitlines() if ln.strip().startswith("header-guard"))
    assert "[sc_header-ifdef, header-ifdef]" in line
    r = run_cli("explain", "check-aclrules")
    assert r.returncode == 0
    assert r.stdout.startswith("acl-check-missing (error; libvirt check script: "
                               "check-aclrules)\n")
    r = run_cli("explain", "check-symfile")
    assert r.stdout.startswith("check-symfile is checked by 2 rules: syms-duplicate, "
                               "syms-undeclared.")
    r = run_cli("explain", "header-ifdef")
    assert "header-guard (error; libvirt syntax-check: sc_header-ifdef; libvirt check script: "\
        "header-ifdef; profile glib)" in r.stdout


def test_sarif_names_the_script(tmp_path):
    path = tmp_path / "t.diff"
    path.write_text(TABLE)
    r = run_cli("--format=sarif", "--select", "driver-name", "--isolated", str(path))
    run = json.loads(r.stdout)["runs"][0]
    (res,) = run["results"]
    assert res["properties"]["checkScript"] == "check-driverimpls"
    rule = next(d for d in run["tool"]["driver"]["rules"] if d["id"] == "driver-name")
    assert rule["properties"]["checkScript"] == "check-driverimpls"


def test_check_script_names_a_script_not_a_path():
    from patchlint.rulespec import RuleMeta
    with pytest.raises(ValueError, match="without its directory"):
        RuleMeta("foo", severity="error", check_script="scripts/check-foo.py")


# -- driver tables -------------------------------------------------------------------------

def _lint(text, select, **kw):
    return [(f["rule"], f["line"], f["message"]) for f in lint_bytes(text.encode(),
                                                                     select=select, **kw)]


def test_driver_name_judges_an_entry_against_the_table_s_prefix_when_its_head_is_away():
    body = ("     .networkLookupByName = networkLookupByName, /* 0.2.0 */\n"
            "+    .networkSetThrottle = networkThrottleSet, /* 10.8.0 */\n"
            "+    .connectListThrottles = netConnectListThrottles, /* 10.8.0 */\n"
            "     .networkLookupByUUID = networkLookupByUUID, /* 0.2.0 */\n")
    patch = _diff("src/network/bridge_driver.c", body, start=5250,
                  section=" static virNetworkDriver networkDriver = {")
    assert _lint(patch, ["driver-name"]) == [
        ("driver-name", 5251, "the function behind .networkSetThrottle is named after its "
                              "field: networkSetThrottle, not networkThrottleSet"),
        ("driver-name", 5252, "the function behind .connectListThrottles is named after its "
                              "field: networkConnectListThrottles, not netConnectListThrottles")]


def test_a_table_the_hunk_header_names_but_that_ended_above_is_not_read():
    body = (" \n"
            " static virQEMUFooCallbacks qemuFooCallbacks = {\n"
            "+    .domainFoo = somethingElse,\n")
    patch = _diff("src/qemu/qemu_driver.c", body, start=20330)
    assert _lint(patch, ["scripts"]) == []
    # (a table whose head the hunk shows is read from there: its first function's prefix)
    body = (" \n"
            " static virStateDriver qemuStateDriver = {\n"
            "+    .stateFoo = qemuStateFooBar,\n")
    patch = _diff("src/qemu/qemu_driver.c", body, start=20318)
    assert [m for *_, m in _lint(patch, ["driver-name"])] == [
        "the function behind .stateFoo is named after its field: qemuStateFoo, not "
        "qemuStateFooBar"]


def test_driver_version_comment_knows_a_dropped_method_s_two_releases():
    body = ("     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */\n"
            "+    .domainOldThing = NULL, /* 0.6.4 - 5.5.0 */\n"
            "+    .domainOtherThing = NULL, /* 0.6.4 */\n"
            "+    .domainNewThing = qemuDomainNewThing, /* 10.7.0 - 10.8.0 */\n"
            "+    .domainLastThing = qemuDomainLastThing, /* TBD */\n")
    assert _lint(_diff("src/qemu/qemu_driver.c", body), ["driver-version-comment"]) == [
        ("driver-version-comment", 20310, "a NULL .domainOtherThing is a method the driver "
                                          "dropped: give both releases, /* added - removed */"),
        ("driver-version-comment", 20311, ".domainNewThing names a function, so the driver "
                                          "has the method: one release only, /* x.y.z */"),
        ("driver-version-comment", 20312, "/* TBD */ is not a version hvsupport.py can read: "
                                          "write the release that brings the method, "
                                          "/* x.y.z */")]


def test_the_state_and_connect_tables_need_no_version_comment():
    body = ("+    .stateInitialize = qemuStateInitialize,\n")
    patch = _diff("src/qemu/qemu_driver.c", body, start=20320,
                  section=" static virStateDriver qemuStateDriver = {")
    assert _lint(patch, ["scripts"]) == []
    patch = _diff("src/qemu/qemu_driver.c", "+    .embeddable = true,\n", start=20314,
                  section=" static virConnectDriver qemuConnectDriver = {")
    assert _lint(patch, ["scripts"]) == []


def test_drivername_checks_a_callback_s_member_and_name():
    body = ("     virDrvDomainGraphicsReload domainGraphicsReload;\n"
            "+    virDrvDomainSetThrottleGroup domainSetThrottleGroup;\n"
            "+    virDomainGetThrottle domainGetThrottle;\n"
            "+    virDrvNWFilterBindingFoo nwfilterBindingFoo;\n")
    patch = _diff("src/driver-hypervisor.h", body, start=1437,
                  section=" struct _virHypervisorDriver {")
    assert _lint(patch, ["driver-name"]) == []
    patch = _diff("src/driver-hypervisor.h",
                  "+typedef int\n+(*virDomainSetThrottleGroupFunc)(virDomainPtr dom);\n",
                  start=1400, section="")
    found = lint_bytes(patch.encode(), select=["driver-name"])
    assert [(f["line"], f["message"], f["check_script"]) for f in found] == [
        (1401, "a driver callback type is named virDrv and its API, not "
               "virDomainSetThrottleGroupFunc", "check-drivername")]


# -- a series, without the tree --------------------------------------------------------------

def _mail(n, total, subject, diff):
    return (f"From {n:040d} Mon Sep 17 00:00:00 2001\n"
            "From: Jane Doe <jane@example.org>\n"
            f"Date: Mon, 2 Sep 2024 10:0{n}:00 +0200\n"
            f"Subject: [PATCH {n}/{total}] {subject}\n\n"
            "Signed-off-by: Jane Doe <jane@example.org>\n---\n" + diff + "--\n2.45.2\n\n")


FUNCTION = """\
+static int
+qemuDomainSetThrottleGroup(virDomainPtr dom,
+                           const char *group,
+                           unsigned int flags)
+{
+    virDomainObj *vm = NULL;
+    int ret = -1;
+
+    virCheckFlags(0, -1);
+
+    if (!(vm = qemuDomainObjFromDomain(dom)))
+        return -1;
+%s
+    ret = qemuDomainSetThrottleGroupInternal(vm, group);
+    virDomainObjEndAPI(&vm);
+    return ret;
+}
+
"""
ACL = "\n+    if (virDomainSetThrottleGroupEnsureACL(dom->conn, vm->def) < 0)\n+        return -1;"
ENTRY = _diff("src/qemu/qemu_driver.c",
              "     .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */\n"
              "+    .domainSetThrottleGroup = qemuDomainSetThrottleGroup, /* 10.8.0 */\n"
              " };\n")


def _function_patch(acl):
    return _diff("src/qemu/qemu_driver.c", FUNCTION % (ACL if acl else ""), start=20000,
                 section="").replace("@@ -20000,0 +20000,", "@@ -20000,0 +20001,")


@pytest.mark.parametrize("acl", [False, True])
def test_the_acl_check_is_looked_for_in_an_earlier_patch_of_the_series(acl):
    mbox = (_mail(1, 2, "qemu: Add qemuDomainSetThrottleGroup", _function_patch(acl)) +
            _mail(2, 2, "qemu: Wire up virDomainSetThrottleGroup", ENTRY))
    got = _lint(mbox, ["acl-check-missing"])
    assert got == ([] if acl else [
        ("acl-check-missing", 20309, "qemuDomainSetThrottleGroup, the driver's "
                                     ".domainSetThrottleGroup, calls no access control check: "
                                     "call virDomainSetThrottleGroupEnsureACL() once it has the "
                                     "domain's definition")])


def test_an_unknown_function_or_a_stub_s_unseen_successor_is_not_judged():
    # the entry alone: the function is nowhere in sight
    assert _lint(ENTRY, ["acl-check-missing"]) == []
    stub = _diff("src/qemu/qemu_driver.c",
                 "+static int\n+qemuDomainSetThrottleGroup(virDomainPtr dom, const char *g)\n"
                 "+{\n+    return qemuDomainSetThrottleGroupFlags(dom, g, 0);\n+}\n",
                 start=20000, section="")
    mbox = _mail(1, 2, "qemu: stub", stub) + _mail(2, 2, "qemu: entry", ENTRY)
    assert _lint(mbox, ["acl-check-missing"]) == []


def test_a_method_that_hands_its_object_to_a_helper_out_of_sight_is_not_judged():
    # the helper may be the one that checks, as libvirt's script would see in the file
    stub = _diff("src/qemu/qemu_driver.c",
                 "+static int\n+qemuDomainSetThrottleGroup(virDomainPtr dom, const char *g)\n"
                 "+{\n+    return qemuDomainThrottleApply(dom, g);\n+}\n",
                 start=20000, section="")
    mbox = _mail(1, 2, "qemu: helper", stub) + _mail(2, 2, "qemu: entry", ENTRY)
    assert _lint(mbox, ["acl-check-missing"]) == []
    # ... but not a lookup, which checks nothing
    lookup = stub.replace("qemuDomainThrottleApply(dom, g)", "!!qemuDomainObjFromDomain(dom)")
    mbox = _mail(1, 2, "qemu: helper", lookup) + _mail(2, 2, "qemu: entry", ENTRY)
    assert [r for r, *_ in _lint(mbox, ["acl-check-missing"])] == ["acl-check-missing"]


def test_the_test_and_remote_drivers_have_no_acl_checks_by_design():
    for path in ("src/test/test_driver.c", "src/remote/remote_driver.c"):
        patch = _function_patch(False).replace("src/qemu/qemu_driver.c", path) + \
            ENTRY.replace("src/qemu/qemu_driver.c", path).split("\n", 1)[1].split("\n", 3)[3]
        assert _lint(patch, ["acl-check-missing"]) == [], path


def test_a_check_copied_from_another_method_is_flagged_at_the_call():
    body = FUNCTION % "\n+    if (virDomainGetMessagesEnsureACL(dom->conn, vm->def) < 0)\n" \
                      "+        return -1;"
    patch = _diff("src/qemu/qemu_driver.c", body, start=20000, section="")
    assert _lint(patch, ["acl-check-missing"]) == [
        ("acl-check-missing", 20013, "virDomainGetMessagesEnsureACL is the check of another "
                                     "API: qemuDomainSetThrottleGroup is not its "
                                     "implementation")]


def test_a_listing_api_s_method_filters_what_it_returns():
    proto = _diff("src/remote/remote_protocol.x",
                  "     REMOTE_PROC_DOMAIN_GRAPHICS_RELOAD = 448,\n"
                  "+\n+    /**\n+     * @generate: both\n+     * @acl: connect:search_domains\n"
                  "+     * @aclfilter: domain:getattr\n+     */\n"
                  "+    REMOTE_PROC_CONNECT_LIST_ALL_THROTTLES = 449\n", start=7000, section="")
    func = _diff("src/qemu/qemu_driver.c",
                 "+static int\n+qemuConnectListAllThrottles(virConnectPtr conn, char ***names)\n"
                 "+{\n+    if (virConnectListAllThrottlesEnsureACL(conn) < 0)\n"
                 "+        return -1;\n"
                 "+    return qemuThrottleList(names);\n+}\n", start=20000,
                 section="")
    entry = ENTRY.replace(".domainSetThrottleGroup = qemuDomainSetThrottleGroup",
                          ".connectListAllThrottles = qemuConnectListAllThrottles")
    mbox = _mail(1, 2, "remote: protocol", proto + "diff" + func.split("diff", 1)[1]) + \
        _mail(2, 2, "qemu: entry", entry)
    assert _lint(mbox, ["acl-check-missing"]) == [
        ("acl-check-missing", 20309, "qemuConnectListAllThrottles, the driver's "
                                     ".connectListAllThrottles, returns objects its caller may "
                                     "not be allowed to see: filter them with "
                                     "virConnectListAllThrottlesCheckACL")]


def test_protocol_structs_spares_a_relaid_structure_and_a_patch_that_updates_the_file():
    moved = _diff("src/remote/remote_protocol.x",
                  " struct remote_foo_args {\n-    int x;\n+    int   x;\n };\n",
                  start=500, section="")
    assert _lint(moved, ["protocol-structs"]) == []
    explicit = _diff("src/lxc/lxc_monitor_protocol.x",
                     " enum virLXCMonitorExitStatus {\n"
                     "-    VIR_LXC_MONITOR_EXIT_STATUS_ERROR,\n"
                     "-    VIR_LXC_MONITOR_EXIT_STATUS_SHUTDOWN\n"
                     "+    VIR_LXC_MONITOR_EXIT_STATUS_ERROR = 0,\n"
                     "+    VIR_LXC_MONITOR_EXIT_STATUS_SHUTDOWN = 1\n"
                     " };\n", start=9, section="")
    assert _lint(explicit, ["protocol-structs"]) == []
    renumbered = explicit.replace("STATUS_SHUTDOWN = 1", "STATUS_SHUTDOWN = 2")
    assert [r for r, *_ in _lint(renumbered, ["protocol-structs"])] == ["protocol-structs"]
    added = _diff("src/remote/remote_protocol.x",
                  " struct remote_foo_args {\n+    int y;\n };\n", start=500, section="")
    assert [r for r, *_ in _lint(added, ["protocol-structs"])] == ["protocol-structs"]
    both = added + _diff("src/remote_protocol-structs",
                         " struct remote_foo_args {\n+        int y;\n };\n", start=800, section="")
    assert _lint(both, ["protocol-structs"]) == []


def test_syms_duplicate_and_sorting_read_what_the_hunks_show():
    body = (" # util/virthrottle.h\n"
            "+virThrottleGroupNew;\n"
            "+virThrottleGroupFree;\n"
            "+virThrottleGroupNew;\n"
            " \n")
    patch = _diff("src/libvirt_private.syms", body, start=3500, section="")
    assert _lint(patch, ["syms-duplicate", "syms-sorting"]) == [
        ("syms-sorting", 3502, "virThrottleGroupFree is out of its group's order: it goes "
                               "before virThrottleGroupNew (in util/virthrottle.h's group, "
                               "sorted ignoring case)"),
        ("syms-duplicate", 3503, "virThrottleGroupNew is listed already, on line 3501")]


def test_syms_sorting_flags_a_group_out_of_place_and_leaves_the_public_files_alone():
    body = (" # util/virxml.h\n virXMLParse;\n \n \n"
            "+# util/virthrottle.h\n+virThrottleGroupNew;\n+\n+\n"
            " # util/virxpath.h\n virXPathInt;\n")
    patch = _diff("src/libvirt_private.syms", body, start=3700, section="")
    assert _lint(patch, ["syms-sorting"]) == [
        ("syms-sorting", 3704, "the group of util/virthrottle.h comes before that of "
                               "util/virxml.h: the groups are sorted by their header's name")]
    public = _diff("src/libvirt_public.syms",
                   " LIBVIRT_10.8.0 {\n     global:\n+        virDomainZ;\n+        virDomainA;\n"
                   " } LIBVIRT_10.2.0;\n", start=950, section="")
    assert _lint(public, ["syms-sorting"]) == []


# -- inside the tree ----------------------------------------------------------------------

HEAD = "/*\n * %s\n *\n * SPDX-License-Identifier: LGPL-2.1-or-later\n */\n\n"


def _tree(tmp_path, files):
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


def _change(repo, monkeypatch, changes, select):
    """(rule, line, message) of the findings on the staged diff that makes the tree hold
    ``changes`` ({path: new text}), read inside the tree."""
    from patchlint.run import findings
    for path, text in changes.items():
        dest = repo / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text)
    git(repo, "add", "-A")
    data = git(repo, "diff", "--cached")
    monkeypatch.chdir(repo)
    found = findings("t.diff", data, run_settings(select, tree=True))
    git(repo, "reset", "-q", "--hard")
    return [(f.rule, f.path, f.line, f.message) for f in found]


def _filler(n):
    return "".join(f"/* {k} */\n" for k in range(n))


def _qemu_driver(function_acl, entry=False):
    acl = ("    if (virDomainSetThrottleGroupEnsureACL(dom->conn, vm->def) < 0)\n"
           "        goto cleanup;\n") if function_acl else ""
    return (HEAD % "qemu_driver.c: the qemu driver" + "#include <config.h>\n\n"
            "static int\nqemuDomainSetThrottleGroup(virDomainPtr dom,\n"
            "                           const char *group)\n{\n"
            "    virDomainObj *vm = qemuDomainObjFromDomain(dom);\n    int ret = -1;\n\n" + acl +
            "    ret = qemuDomainSetThrottleGroupInternal(vm, group);\n cleanup:\n"
            "    virDomainObjEndAPI(&vm);\n    return ret;\n}\n\n" + _filler(80) +
            "static virHypervisorDriver qemuHypervisorDriver = {\n"
            "    .name = QEMU_DRIVER_NAME,\n"
            "    .domainGraphicsReload = qemuDomainGraphicsReload, /* 10.2.0 */\n" +
            ("    .domainSetThrottleGroup = qemuDomainSetThrottleGroup, /* 10.8.0 */\n"
             if entry else "") + "};\n")


@pytest.mark.parametrize("acl", [False, True])
def test_the_method_behind_an_entry_is_read_from_the_tree(tmp_path, monkeypatch, acl):
    repo = _tree(tmp_path, {"src/qemu/qemu_driver.c": _qemu_driver(acl)})
    got = _change(repo, monkeypatch, {"src/qemu/qemu_driver.c": _qemu_driver(acl, entry=True)},
                  ["acl-check-missing"])
    assert got == ([] if acl else [
        ("acl-check-missing", "src/qemu/qemu_driver.c", 105,
         "qemuDomainSetThrottleGroup, the driver's .domainSetThrottleGroup, calls no access "
         "control check: call virDomainSetThrottleGroupEnsureACL() once it has the domain's "
         "definition")])
    # without the tree the function is out of sight: nothing is said
    from patchlint.run import findings
    (repo / "src/qemu/qemu_driver.c").write_text(_qemu_driver(acl, entry=True))
    data = git(repo, "diff")
    assert findings("t.diff", data, run_settings(["acl-check-missing"])) == []


def test_a_table_s_methods_in_another_file_of_the_tree(tmp_path, monkeypatch):
    driver = (HEAD % "node_device_driver.c" + "static int\nnodeDeviceDoIt(virNodeDevicePtr dev)\n"
              "{\n    return dev != NULL;\n}\n\n"
              "int\nnodeDeviceSetThrottle(virNodeDevicePtr dev)\n"
              "{\n    return nodeDeviceDoIt(dev);\n}\n\n"
              "int\nnodeDeviceGetThrottle(virNodeDevicePtr dev)\n{\n"
              "    if (virNodeDeviceGetThrottleEnsureACL(dev->conn, NULL) < 0)\n"
              "        return -1;\n    return 0;\n}\n")
    udev = (HEAD % "node_device_udev.c" + _filler(60) +
            "static virNodeDeviceDriver udevNodeDeviceDriver = {\n    .name = \"udev\",\n"
            "    .nodeDeviceIsActive = nodeDeviceIsActive, /* 7.8.0 */\n};\n")
    repo = _tree(tmp_path, {"src/node_device/node_device_driver.c": driver,
                            "src/node_device/node_device_udev.c": udev})
    new = udev.replace("/* 7.8.0 */\n", "/* 7.8.0 */\n"
                       "    .nodeDeviceSetThrottle = nodeDeviceSetThrottle, /* 10.8.0 */\n"
                       "    .nodeDeviceGetThrottle = nodeDeviceGetThrottle, /* 10.8.0 */\n")
    assert _change(repo, monkeypatch, {"src/node_device/node_device_udev.c": new},
                   ["acl-check-missing"]) == [
        ("acl-check-missing", "src/node_device/node_device_udev.c", 70,
         "nodeDeviceSetThrottle, the driver's .nodeDeviceSetThrottle, calls no access control "
         "check: call virNodeDeviceSetThrottleEnsureACL() once it has the device's "
         "definition")]


SYMS = ("#\n# private symbols\n#\n\n# util/virfile.h\nvirFileExists;\nvirFileRead;\n\n\n"
        "# util/virxml.h\nvirXMLParse;\n")


def test_an_export_is_looked_for_in_the_tree(tmp_path, monkeypatch):
    repo = _tree(tmp_path, {"src/libvirt_private.syms": SYMS,
                            "src/util/virfile.h": HEAD % "virfile.h" +
                            "#pragma once\n\nint virFileExists(const char *p);\n"
                            "int virFileRead(const char *p);\nint virFileWrite(const char *p);\n",
                            "src/util/virfile.c":
                                "int virFileWrite(const char *p) { return 0; }\n"})
    new = SYMS.replace("virFileRead;\n", "virFileRead;\nvirFileWrite;\nvirFileWipe;\n")
    assert _change(repo, monkeypatch, {"src/libvirt_private.syms": new},
                   ["syms-undeclared", "syms-sorting", "syms-duplicate"]) == [
        ("syms-sorting", "src/libvirt_private.syms", 9,
         "virFileWipe is out of its group's order: it goes after virFileRead (in "
         "util/virfile.h's group, sorted ignoring case)"),
        ("syms-undeclared", "src/libvirt_private.syms", 9,
         "virFileWipe is exported but declared nowhere (in the series or the tree): check its "
         "spelling")]


def test_a_group_names_a_header_the_tree_has(tmp_path, monkeypatch):
    repo = _tree(tmp_path, {"src/libvirt_private.syms": SYMS,
                            "src/util/virfile.h": HEAD % "virfile.h" + "#pragma once\n",
                            "src/util/virthrottle.h": HEAD % "virthrottle.h" +
                            "#pragma once\n\nint virThrottleNew(void);\n"})
    for header, said in (("util/virthrottle.h", []),
                         ("util/virthrotle.h", [
                             ("syms-sorting", "src/libvirt_private.syms", 10,
                              "the group names util/virthrotle.h, which is not a file of src/: "
                              "a group is headed by the header that declares its symbols")])):
        new = SYMS.replace("# util/virxml.h", f"# {header}\nvirThrottleNew;\n\n\n# util/virxml.h")
        assert _change(repo, monkeypatch, {"src/libvirt_private.syms": new},
                       ["syms-sorting"]) == said


def test_a_callback_s_public_api_is_looked_for_in_the_tree(tmp_path, monkeypatch):
    public = "LIBVIRT_10.2.0 {\n    global:\n        virDomainGraphicsReload;\n} LIBVIRT_10.1.0;\n"
    header = (HEAD % "driver-hypervisor.h" + "#pragma once\n\n" + _filler(50) +
              "typedef int\n(*virDrvDomainGraphicsReload)(virDomainPtr domain);\n")
    repo = _tree(tmp_path, {"src/libvirt_public.syms": public, "src/driver-hypervisor.h": header})
    new = header + "\ntypedef int\n(*virDrvDomainSetThrottleGroup)(virDomainPtr domain);\n"
    assert _change(repo, monkeypatch, {"src/driver-hypervisor.h": new}, ["driver-name"]) == [
        ("driver-name", "src/driver-hypervisor.h", 63,
         "virDrvDomainSetThrottleGroup implements no public API: virDomainSetThrottleGroup is "
         "exported nowhere")]
    assert _change(repo, monkeypatch, {
        "src/driver-hypervisor.h": new,
        "src/libvirt_public.syms": public + "\nLIBVIRT_10.8.0 {\n    global:\n"
                                            "        virDomainSetThrottleGroup;\n"
                                            "} LIBVIRT_10.2.0;\n"}, ["driver-name"]) == []


def test_syms_duplicate_reads_the_library_s_other_files_in_the_tree(tmp_path, monkeypatch):
    repo = _tree(tmp_path, {"src/libvirt_private.syms": SYMS,
                            "src/libvirt_linux.syms": "# util/virfile.h\nvirFileWipe;\n",
                            "src/admin/libvirt_admin_private.syms": "# util/virfile.h\n"
                                                                    "virFileRead;\n"})
    new = SYMS.replace("virFileRead;\n", "virFileRead;\nvirFileWipe;\n")
    got = _change(repo, monkeypatch, {"src/libvirt_private.syms": new}, ["syms-duplicate"])
    assert got == [("syms-duplicate", "src/libvirt_private.syms", 8,
                    "virFileWipe is listed already, in src/libvirt_linux.syms, line 2")]


def test_a_sibling_is_no_slip():
    """Without the tree, a name close to one the series declares is a slip only when that one
    is not exported (or has no callback) of its own: else it is a sibling, and the name one
    the tree already has."""
    header = _diff("src/util/vircgroup.h",
                   "+int virCgroupSetBlkioDeviceReadBps(virCgroup *group);\n", start=40,
                   section="")
    syms = _diff("src/libvirt_private.syms",
                 " # util/vircgroup.h\n+virCgroupSetBlkioDeviceReadBps;\n"
                 "+virCgroupSetBlkioDeviceReadIops;\n virCgroupSetBlkioWeight;\n",
                 start=2100, section="")
    assert _lint(header + syms, ["syms-undeclared"]) == []
    # the same export with its declaration misspelt, and nothing else exporting it
    slip = syms.replace("+virCgroupSetBlkioDeviceReadBps;\n", "")
    slip = slip.replace("@@ -2100,2 +2100,4 @@", "@@ -2100,2 +2100,3 @@")
    typo = header.replace("ReadBps", "ReadIop") + slip
    assert _lint(typo, ["syms-undeclared"]) == [
        ("syms-undeclared", 2101, "virCgroupSetBlkioDeviceReadIops is exported but declared "
                                  "nowhere: the series declares virCgroupSetBlkioDeviceReadIop")]
    callbacks = _diff("src/driver-hypervisor.h",
                      "+typedef int\n+(*virDrvDomainGetBaz)(virDomainPtr dom);\n"
                      "+typedef int\n+(*virDrvDomainGetBar)(virDomainPtr dom);\n",
                      start=1400, section="")
    public = _diff("src/libvirt_public.syms",
                   " LIBVIRT_10.8.0 {\n     global:\n+        virDomainGetBaz;\n"
                   " } LIBVIRT_10.2.0;\n", start=950, section="")
    assert _lint(public + callbacks, ["driver-name"]) == []
    assert _lint(public + callbacks.replace("virDrvDomainGetBaz", "virDrvDomainGetBax"),
                 ["driver-name"]) == [
        ("driver-name", 1401, "virDrvDomainGetBax implements no public API: virDomainGetBax "
                              "is exported nowhere; the series exports virDomainGetBaz")]
