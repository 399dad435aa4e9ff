"""The API rules inside a libvirt-like git tree: what a series does not show, the tree says.

Each test builds a small tree with git (its public header, ``.syms``, the API file, the driver
header, the remote protocol and driver, a qemu and a test driver, virsh, NEWS, meson.build),
commits a change on top, and checks the range with ``--git`` from inside the tree, then
without the tree (``--no-tree``) to show that the tree is what made the difference.
"""

import json

import pytest
from conftest import git, run_cli

RULES = "api-incomplete,api-version-mismatch,flag-not-accepted"

FILES = {
    "meson.build": """project(
  'libvirt', 'c',
  version: '10.8.0',
  license: 'LGPLv2+',
)
""",
    "include/libvirt/libvirt-domain.h": """#ifndef LIBVIRT_DOMAIN_H
# define LIBVIRT_DOMAIN_H

/**
 * virDomainFooFlags:
 *
 * Since: 10.2.0
 */
typedef enum {
    VIR_DOMAIN_FOO_FAST = 1 << 0, /* (Since: 10.2.0) */
} virDomainFooFlags;

int
virDomainFoo(virDomainPtr dom,
             unsigned int flags);

#endif /* LIBVIRT_DOMAIN_H */
""",
    "src/libvirt_public.syms": """LIBVIRT_10.1.0 {
    global:
        virDomainOld;
} LIBVIRT_10.0.0;

LIBVIRT_10.2.0 {
    global:
        virDomainFoo;
} LIBVIRT_10.1.0;

# .... define new API here using predicted next version number ....
""",
    "src/libvirt-domain.c": """/**
 * virDomainFoo:
 * @dom: a domain object
 * @flags: bitwise-OR of virDomainFooFlags
 *
 * Do foo to @dom.
 *
 * Returns 0 on success, -1 on error.
 *
 * Since: 10.2.0
 */
int
virDomainFoo(virDomainPtr dom,
             unsigned int flags)
{
    virConnectPtr conn = dom->conn;

    if (conn->driver->domainFoo)
        return conn->driver->domainFoo(dom, flags);

    virReportUnsupportedError();
    return -1;
}

/**
 * virDomainBaz:
 * @dom: a domain object
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Do baz to @dom.
 *
 * Returns 0 on success, -1 on error.
 *
 * Since: 10.2.0
 */
int
virDomainBaz(virDomainPtr dom,
             unsigned int flags)
{
    return dom->conn->driver->domainBaz(dom, flags);
}
""",
    "src/driver-hypervisor.h": """typedef int
(*virDrvDomainFoo)(virDomainPtr dom,
                   unsigned int flags);

struct _virHypervisorDriver {
    const char *name;
    virDrvDomainFoo domainFoo;
};
""",
    "src/remote/remote_protocol.x": """enum remote_procedure {
    /**
     * @generate: both
     * @acl: domain:write
     */
    REMOTE_PROC_DOMAIN_FOO = 448
};
""",
    "src/remote/remote_driver.c": """static virHypervisorDriver hypervisor_driver = {
    .name = "remote",
    .domainFoo = remoteDomainFoo, /* 10.2.0 */
};
""",
    "src/qemu/qemu_driver.c": """static int
qemuDomainFoo(virDomainPtr dom,
              unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_FOO_FAST, -1);

    return qemuDomainFooImpl(dom, flags);
}


static virHypervisorDriver qemuHypervisorDriver = {
    .name = QEMU_DRIVER_NAME,
    .domainFoo = qemuDomainFoo, /* 10.2.0 */
};
""",
    "src/test/test_driver.c": """static virHypervisorDriver testHypervisorDriver = {
    .name = "Test",
    .connectOpen = testConnectOpen, /* 0.1.1 */
};
""",
    "tools/virsh-domain.c": """static bool
cmdFoo(vshControl *ctl, const vshCmd *cmd)
{
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "fast"))
        flags |= VIR_DOMAIN_FOO_FAST;

    return virDomainFoo(dom, flags) == 0;
}
""",
    "NEWS.rst": """v10.2.0 (2024-04-02)
====================

* **New features**

  * Introduce virDomainFoo

    It does foo.
""",
}


def _commit(repo, message, date):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, env={"GIT_AUTHOR_DATE": date,
                                                  "GIT_COMMITTER_DATE": date})


@pytest.fixture
def tree(tmp_path):
    r = tmp_path / "libvirt"
    for path, text in FILES.items():
        (r / path).parent.mkdir(parents=True, exist_ok=True)
        (r / path).write_text(text)
    git(r, "init", "-q")
    _commit(r, "base", "2026-01-01T12:00:00")
    return r


def _edit(repo, path, old, new):
    p = repo / path
    text = p.read_text()
    assert old in text, old
    p.write_text(text.replace(old, new, 1))


def found(repo, *args, select=RULES):
    r = run_cli("--format=json", "--select", select, *args, cwd=str(repo))
    assert r.returncode in (0, 1), r.stderr
    return [(f["rule"], f["path"], f["line"], f["message"]) for f in json.loads(r.stdout)]


def _test_driver(repo, version):
    _edit(repo, "src/test/test_driver.c", """    .connectOpen = testConnectOpen, /* 0.1.1 */
""", f"""    .connectOpen = testConnectOpen, /* 0.1.1 */
    .domainFoo = testDomainFoo, /* {version} */
""")
    _commit(repo, "test: Implement virDomainFoo", "2026-02-01T12:00:00")


def test_a_driver_implementing_an_api_of_the_tree_is_complete(tree):
    _test_driver(tree, "10.8.0")
    assert found(tree, "--git", "HEAD~1..HEAD") == []


def test_a_driver_entry_older_than_its_api_or_the_tree(tree):
    _test_driver(tree, "10.1.0")
    assert found(tree, "--git", "HEAD~1..HEAD") == [
        ("api-version-mismatch", "src/test/test_driver.c", 4,
         "the test driver's entry for virDomainFoo() says 10.1.0, older than the API itself "
         "(LIBVIRT_10.2.0)")]
    # without the tree, the API's version is unknown
    assert found(tree, "--no-tree", "--git", "HEAD~1..HEAD") == []


def test_a_driver_entry_of_a_released_version(tree):
    _test_driver(tree, "10.7.0")
    assert found(tree, "--git", "HEAD~1..HEAD") == [
        ("api-version-mismatch", "src/test/test_driver.c", 4,
         "the test driver's entry for virDomainFoo() says 10.7.0, but the tree is making "
         "10.8.0 (meson.build)")]


def _bar_everywhere_but_the_header(repo):
    """An earlier commit (outside the range checked) adds virDomainBar's other steps."""
    _edit(repo, "src/libvirt_public.syms", "# ....", """LIBVIRT_10.8.0 {
    global:
        virDomainBar;
} LIBVIRT_10.2.0;

# ....""")
    with open(repo / "src/libvirt-domain.c", "a") as f:
        f.write(FILES["src/libvirt-domain.c"].replace("Foo", "Bar").replace("foo", "bar")
                .replace("10.2.0", "10.8.0"))
    _edit(repo, "src/driver-hypervisor.h", "struct _virHypervisorDriver {", """typedef int
(*virDrvDomainBar)(virDomainPtr dom,
                   unsigned int flags);

struct _virHypervisorDriver {""")
    _edit(repo, "src/driver-hypervisor.h", "    virDrvDomainFoo domainFoo;\n",
          "    virDrvDomainFoo domainFoo;\n    virDrvDomainBar domainBar;\n")
    _edit(repo, "src/remote/remote_protocol.x", "REMOTE_PROC_DOMAIN_FOO = 448", """\
REMOTE_PROC_DOMAIN_FOO = 448,

    /**
     * @generate: both
     * @acl: domain:write
     */
    REMOTE_PROC_DOMAIN_BAR = 449""")
    for path, prefix in (("src/remote/remote_driver.c", "remote"),
                         ("src/qemu/qemu_driver.c", "qemu")):
        _edit(repo, path, f"    .domainFoo = {prefix}DomainFoo, /* 10.2.0 */\n",
              f"    .domainFoo = {prefix}DomainFoo, /* 10.2.0 */\n"
              f"    .domainBar = {prefix}DomainBar, /* 10.8.0 */\n")
    _edit(repo, "tools/virsh-domain.c", "    return virDomainFoo(dom, flags) == 0;",
          "    return virDomainFoo(dom, flags) == 0 && virDomainBar(dom, 0) == 0;")
    _edit(repo, "NEWS.rst", "v10.2.0", "v10.8.0 (unreleased)\n====\n\n  * virDomainBar\n\nv10.2.0")
    (repo / "docs" / "manpages").mkdir(parents=True)
    (repo / "docs" / "manpages" / "virsh.rst").write_text("bar\n---\n\nDo bar.\n")
    _commit(repo, "Everything of virDomainBar but its declaration", "2026-02-01T12:00:00")


def test_a_new_api_whose_other_steps_the_tree_holds(tree):
    _bar_everywhere_but_the_header(tree)
    _edit(tree, "include/libvirt/libvirt-domain.h", "#endif", """int
virDomainBar(virDomainPtr dom,
             unsigned int flags);

#endif""")
    _commit(tree, "include: Declare virDomainBar", "2026-02-02T12:00:00")
    assert found(tree, "--git", "HEAD~1..HEAD") == []
    # the series alone shows the declaration and nothing else
    (rule, path, line, message), = found(tree, "--no-tree", "--git", "HEAD~1..HEAD")
    assert (rule, path, line) == ("api-incomplete", "include/libvirt/libvirt-domain.h", 18)
    assert message.startswith("new API virDomainBar() lacks its export in "
                              "src/libvirt_public.syms, its implementation in "
                              "src/libvirt-domain.c, the driver callback typedef")


def test_a_new_flag_a_driver_of_the_tree_accepts(tree):
    # the driver and virsh learnt the flag in a commit before the range
    _edit(tree, "src/qemu/qemu_driver.c", "virCheckFlags(VIR_DOMAIN_FOO_FAST, -1);",
          "virCheckFlags(VIR_DOMAIN_FOO_FAST |\n                  VIR_DOMAIN_FOO_SAFE, -1);")
    _edit(tree, "tools/virsh-domain.c", "    return virDomainFoo",
          "    if (vshCommandOptBool(cmd, \"safe\"))\n        flags |= VIR_DOMAIN_FOO_SAFE;\n\n"
          "    return virDomainFoo")
    _commit(tree, "qemu: Accept VIR_DOMAIN_FOO_SAFE", "2026-02-01T12:00:00")
    _edit(tree, "include/libvirt/libvirt-domain.h", """\
    VIR_DOMAIN_FOO_FAST = 1 << 0, /* (Since: 10.2.0) */
""", """\
    VIR_DOMAIN_FOO_FAST = 1 << 0, /* (Since: 10.2.0) */
    VIR_DOMAIN_FOO_SAFE = 1 << 1, /* (Since: 10.8.0) */
""")
    _commit(tree, "include: Add VIR_DOMAIN_FOO_SAFE", "2026-02-02T12:00:00")
    assert found(tree, "--git", "HEAD~1..HEAD") == []
    assert found(tree, "--no-tree", "--git", "HEAD~1..HEAD") == [
        ("flag-not-accepted", "include/libvirt/libvirt-domain.h", 11,
         "VIR_DOMAIN_FOO_SAFE is a new flag, but no virCheckFlags() mask accepts it: every "
         "driver refuses it")]


def test_a_new_flag_no_driver_of_the_tree_accepts(tree):
    _edit(tree, "include/libvirt/libvirt-domain.h", """\
    VIR_DOMAIN_FOO_FAST = 1 << 0, /* (Since: 10.2.0) */
""", """\
    VIR_DOMAIN_FOO_FAST = 1 << 0, /* (Since: 10.2.0) */
    VIR_DOMAIN_FOO_SAFE = 1 << 1, /* (Since: 10.8.0) */
""")
    _commit(tree, "include: Add VIR_DOMAIN_FOO_SAFE", "2026-02-02T12:00:00")
    (rule, _, line, message), = found(tree, "--git", "HEAD~1..HEAD")
    assert (rule, line) == ("flag-not-accepted", 11)
    assert "no virCheckFlags() mask accepts it" in message


def test_the_commits_of_a_range_are_one_series(tree):
    """Two commits, one series: the header's declaration and the rest come together."""
    base = git(tree, "rev-parse", "HEAD").decode().strip()
    _bar_everywhere_but_the_header(tree)
    _edit(tree, "include/libvirt/libvirt-domain.h", "#endif", """int
virDomainBar(virDomainPtr dom,
             unsigned int flags);

#endif""")
    _commit(tree, "include: Declare virDomainBar", "2026-02-02T12:00:00")
    assert found(tree, "--no-tree", "--git", f"{base}..HEAD") == []
    # each commit is a patch of its own: the first holds the remote protocol and a driver, the
    # second the declaration; neither is the whole API in one patch
    said = found(tree, "--git", f"{base}..HEAD", "-o", "split-patch.min_lines=1",
                 select="split-patch")
    assert said and not [f for f in said if "whole in one patch" in f[3]]


def test_an_old_commit_is_not_held_to_the_tree_version(tree):
    """A commit checked inside a tree that has moved on since: the tree's meson.build says
    nothing of the release it was written for."""
    _test_driver(tree, "10.7.0")
    _edit(tree, "src/test/test_driver.c", "    .name = \"Test\",\n",
          "    .name = \"Test\",\n    .connectClose = testConnectClose, /* 10.8.0 */\n")
    _commit(tree, "test: Implement virConnectClose", "2026-03-01T12:00:00")
    assert found(tree, "--git", "HEAD~2..HEAD~1") == []


def test_one_mail_of_a_numbered_series_alone_says_nothing(tmp_path):
    """git send-email's hook checks one mail at a time: patch 1/6 alone shows a declaration
    whose other steps are in the other mails."""
    import os
    import re

    from conftest import SAMPLES
    data = open(os.path.join(SAMPLES, "api-no-export.mbox"), encoding="utf-8").read()
    mails = [m for m in re.split(r"(?m)^(?=From [0-9a-f]{40} )", data) if m]
    one = tmp_path / "0001.patch"
    one.write_text(mails[1], encoding="utf-8")
    assert "[PATCH 1/6]" in mails[1]
    assert found(tmp_path, "--no-tree", str(one)) == []
    whole = tmp_path / "series.mbox"
    whole.write_text(data, encoding="utf-8")
    assert [f[0] for f in found(tmp_path, "--no-tree", str(whole))] == ["api-incomplete"]


def _baz_flags(repo):
    _edit(repo, "include/libvirt/libvirt-domain.h", "int\nvirDomainFoo(", """\
typedef enum {
    VIR_DOMAIN_BAZ_QUICK = 1 << 0, /* (Since: 10.8.0) */
} virDomainBazFlags;

int
virDomainFoo(""")
    _edit(repo, "src/qemu/qemu_driver.c", "virCheckFlags(VIR_DOMAIN_FOO_FAST, -1);",
          "virCheckFlags(VIR_DOMAIN_FOO_FAST, -1);\n    virCheckFlags(VIR_DOMAIN_BAZ_QUICK, -1);")
    _edit(repo, "tools/virsh-domain.c", "    unsigned int flags = 0;\n",
          "    unsigned int flags = VIR_DOMAIN_BAZ_QUICK;\n")


def test_a_new_flags_enum_that_its_function_does_not_document(tree):
    _baz_flags(tree)
    _commit(tree, "Add virDomainBazFlags", "2026-02-02T12:00:00")
    assert found(tree, "--git", "HEAD~1..HEAD") == [
        ("flag-not-accepted", "include/libvirt/libvirt-domain.h", 14,
         "virDomainBazFlags is new, but the @flags documentation of virDomainBaz() does not "
         "name it")]


def test_a_new_flags_enum_its_function_documents(tree):
    _baz_flags(tree)
    _edit(tree, "src/libvirt-domain.c",
          " * @flags: extra flags; not used yet, so callers should always pass 0",
          " * @flags: bitwise-OR of virDomainBazFlags")
    _commit(tree, "Add virDomainBazFlags", "2026-02-02T12:00:00")
    assert found(tree, "--git", "HEAD~1..HEAD") == []
    assert found(tree, "--no-tree", "--git", "HEAD~1..HEAD") == []
