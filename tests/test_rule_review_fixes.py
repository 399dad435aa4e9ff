"""Issue 10, "never block a legitimate send": what the rulebook says after review.

Each test pins what a user sees (rule, path, line, column, message, suggestion or fix) for one
point of the issue: the suggested ``virCheckFlags()`` mask, the form of a flag value's shift,
the column a continuation line should start in, quoted words left to their spelling, the flags
checks of functions with a wrong type or a brace on their header line, what may follow
``flags``, and the rule table and ``explain``.
"""

import json
import re

import pytest
from conftest import make_mail, run_cli


def diff(path, body, start=10, new_file=False, section=""):
    """A plain diff of one hunk of ``path``; ``body`` lines carry their ' ', '+', '-' (an
    empty line is a blank context line); ``section`` is what git writes after the hunk's
    ``@@`` (the function or enum above)."""
    lines = [ln or " " for ln in body.splitlines()]
    old = sum(1 for ln in lines if ln[:1] in " -")
    new = sum(1 for ln in lines if ln[:1] in " +")
    head = f"diff --git a/{path} b/{path}\n"
    if new_file:
        head += f"new file mode 100644\nindex 0000000..2222222\n--- /dev/null\n+++ b/{path}\n"
        hunk = f"@@ -0,0 +1,{new} @@\n"
    else:
        head += f"index 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n"
        hunk = f"@@ -{start},{old} +{start},{new} @@{section}\n"
    return head + hunk + "".join(ln + "\n" for ln in lines)


def added(path, code):
    """A new file ``path`` holding ``code``."""
    return diff(path, "".join("+" + ln + "\n" for ln in code.splitlines()), new_file=True)


def lint(text, select, profile="glib", options=None):
    """Findings for one input, in-process, as JSON-shaped dicts."""
    from conftest import lint_bytes
    return lint_bytes(text.encode(), "x.patch", select=select, profile=profile,
                      options=dict(options or {}))


def found(text, rule, **kw):
    """(line, column, message, suggestion, fix) of each finding of ``rule``."""
    return [(f["line"], f["column"], f["message"], f.get("suggestion"),
             (f.get("fix") or {}).get("replacement"))
            for f in lint(text, [rule], **kw) if f["rule"] == rule]


# -- continuation-indent: the help names the column ----------------------------------------

def test_continuation_indent_help_names_the_target_column():
    text = diff("src/qemu/qemu_driver.c",
                "+static int\n"
                "+qemuDomainIOThreadValidatePoll(qemuMonitorIOThreadInfo *iothread,\n"
                "+                                virDomainObj *vm)\n"
                "+{\n"
                "+    if (a &&\n"
                "+\t    b)\n"
                "+        return 0;\n")
    assert found(text, "continuation-indent") == [
        (12, 1, "continuation line starts in column 33; align it with the open parenthesis "
                "on the line above (column 32)", "start it in column 32", None),
        (15, 1, "continuation line starts in column 13; align it with the open parenthesis "
                "on the line above (column 9)", "start it in column 9", None),
    ]


# -- flag-enum-shift: the shift is written the way the code around it writes it ---------------

BARE_ENUM = """\
typedef enum {
    VIR_DOMAIN_FOO_A = 1 << 0,
    VIR_DOMAIN_FOO_B = 1 << 1,
    VIR_DOMAIN_FOO_C = 4,
} virDomainFooFlags;
"""


def test_flag_enum_shift_follows_bare_shifts_around_it():
    text = added("include/libvirt/libvirt-domain.h", BARE_ENUM)
    want = [(4, 24, "write flag value 4 as `1 << 2`, like the enum's other values", None,
             "1 << 2")]
    assert found(text, "flag-enum-shift") == want
    # the enum wins over the profile
    assert found(text, "flag-enum-shift", profile="gnulib") == want


def test_flag_enum_shift_follows_parenthesised_shifts_around_it():
    text = added("include/libvirt/libvirt.h.in", BARE_ENUM.replace("1 << 0", "(1 << 0)")
                 .replace("1 << 1", "(1 << 1)"))
    assert found(text, "flag-enum-shift") == [
        (4, 24, "write flag value 4 as `(1 << 2)`, like the enum's other values", None,
         "(1 << 2)")]


def test_flag_enum_shift_without_shifts_to_follow_uses_the_profile():
    text = added("include/libvirt/libvirt-domain.h",
                 "typedef enum {\n    VIR_DOMAIN_BAR_A = 1,\n    VIR_DOMAIN_BAR_B = 0x2,\n"
                 "} virDomainBarFlags;\n")
    assert found(text, "flag-enum-shift") == [
        (2, 24, "write flag value 1 as `1 << 0`, as libvirt's headers write them", None,
         "1 << 0"),
        (3, 24, "write flag value 0x2 as `1 << 1`, as libvirt's headers write them", None,
         "1 << 1")]
    assert found(text, "flag-enum-shift", profile="gnulib") == [
        (2, 24, "write flag value 1 as `(1 << 0)`, as the 2012 tree's headers write them",
         None, "(1 << 0)"),
        (3, 24, "write flag value 0x2 as `(1 << 1)`, as the 2012 tree's headers write them",
         None, "(1 << 1)")]


def test_flag_enum_shift_in_a_hunk_that_starts_inside_the_enum():
    """The usual patch adding a flag: three lines of the enum, git naming it in the header."""
    text = diff("include/libvirt/libvirt-storage.h",
                "     VIR_STORAGE_VOL_RESIZE_DELTA    = 1 << 1, /* relative */\n"
                "     VIR_STORAGE_VOL_RESIZE_SHRINK   = 1 << 2, /* may shrink */\n"
                "+    VIR_STORAGE_VOL_RESIZE_WIPE     = 8, /* zero it */\n"
                " } virStorageVolResizeFlags;\n"
                " \n", start=101, section=" typedef enum {")
    assert found(text, "flag-enum-shift") == [
        (103, 39, "write flag value 8 as `1 << 3`, like the enum's other values", None,
         "1 << 3")]
    # ... but not when a line above it in the hunk is no enum constant: the enum git names
    # may have closed before the hunk
    other = text.replace("     VIR_STORAGE_VOL_RESIZE_SHRINK   = 1 << 2, /* may shrink */",
                         " int virStorageVolResize(virStorageVolPtr vol);")
    assert found(other, "flag-enum-shift") == []


def test_flag_enum_shift_parens_option_asks_for_parentheses_everywhere():
    text = added("include/libvirt/libvirt-domain.h", BARE_ENUM)
    opts = {"flag-enum-shift": {"parens": True}}
    assert found(text, "flag-enum-shift", options=opts) == [
        (2, 24, "write flag values as `(1 << 0)`, as this project writes them", None,
         "(1 << 0)"),
        (3, 24, "write flag values as `(1 << 1)`, as this project writes them", None,
         "(1 << 1)"),
        (4, 24, "write flag value 4 as `(1 << 2)`, as this project writes them", None,
         "(1 << 2)")]


# -- us-spelling: quoted values and names keep their spelling, also under --fix ----------------

def test_us_spelling_leaves_quoted_words_alone_and_fix_never_rewrites_them(tmp_path):
    mail = make_mail([
        " static int",
        " qemuMonitorJSONJobState(const char *state)",
        " {",
        "+    /* QEMU reports 'cancelled' when the job was aborted, and \"cancelled\"",
        "+     * is what `query-jobs` lists; ``cancelled`` in the docs.  The behaviour",
        "+     * changed when it was cancelled from the monitor. */",
        "     return 0;",
        " }"], path="src/qemu/qemu_monitor_json.c",
        subject="[PATCH] qemu: Document the job states")
    found_lines = [(f["line"], f["column"], f["message"], f["fix"]["replacement"])
                   for f in lint(mail, ["us-spelling"])]
    assert found_lines == [
        (14, 68, 'British spelling "behaviour" in a comment; US spelling is "behavior"',
         "behavior"),
        (15, 28, 'British spelling "cancelled" in a comment; US spelling is "canceled"',
         "canceled")]
    path = tmp_path / "0001-qemu-Document-the-job-states.patch"
    path.write_bytes(mail.encode())
    r = run_cli("--fix", "--select", "us-spelling", str(path))
    assert r.returncode == 0, r.stderr
    want = mail.replace("The behaviour", "The behavior").replace(
        "when it was cancelled from", "when it was canceled from")
    assert path.read_bytes() == want.encode()
    assert "'cancelled'" in want and '"cancelled"' in want and "``cancelled``" in want


def test_us_spelling_leaves_code_spans_and_quoted_values_of_docs_alone():
    text = diff("docs/formatdomain.rst",
                "+The job ends in ``cancelled`` or `cancelled` state (QEMU's 'cancelled'),\n"
                "+and a ``job that was cancelled`` stays listed; its behaviour is kept.\n")
    assert found(text, "us-spelling") == [
        (11, 52, 'British spelling "behaviour" in public documentation; US spelling is '
                 '"behavior"', None, "behavior")]


# -- vircheckflags-missing: a wrong type or a brace on the header line hides no body ----------

MISSING = """\
static int
qemuDomainFooLong(virDomainPtr dom,
                  long flags)
{
    return qemuDomainBar(dom);
}

static int
qemuDomainFooInt(virDomainPtr dom, int flags)
{
    return qemuDomainBar(dom);
}

static int
qemuDomainFooBrace(virDomainPtr dom,
                   unsigned int flags) {
    return qemuDomainBar(dom);
}

static int qemuDomainFooOneLine(virDomainPtr dom, unsigned long flags) {
    return qemuDomainBar(dom);
}

static int
qemuDomainFooGuint(virDomainPtr dom, guint flags)
{
    return qemuDomainBar(dom);
}

static int
qemuDomainFooPointer(virDomainPtr dom, unsigned int *flags)
{
    return qemuDomainBar(dom);
}

static int
qemuDomainFooEnum(virDomainPtr dom, virDomainFooFlags flags)
{
    return qemuDomainBar(dom);
}
"""


def test_vircheckflags_missing_sees_wrong_types_and_braces_on_the_header_line():
    text = added("src/qemu/qemu_driver.c", MISSING)
    help_ = ("add virCheckFlags(0, -1); as its first statement (or the mask of the flags it "
             "supports)")
    assert found(text, "vircheckflags-missing") == [
        (3, 24, "qemuDomainFooLong() takes `flags` but never checks them with virCheckFlags()",
         help_, None),
        (9, 40, "qemuDomainFooInt() takes `flags` but never checks them with virCheckFlags()",
         help_, None),
        (16, 33, "qemuDomainFooBrace() takes `flags` but never checks them with "
                 "virCheckFlags()", help_, None),
        (20, 65, "qemuDomainFooOneLine() takes `flags` but never checks them with "
                 "virCheckFlags()", help_, None),
    ]
    # one round gives the contributor all of it: the type, the brace and the missing check
    got = [(f["line"], f["rule"]) for f in lint(text, ["vircheckflags-missing", "flags-type",
                                                       "function-brace-line"])]
    assert got == [(3, "flags-type"), (3, "vircheckflags-missing"),
                   (9, "flags-type"), (9, "vircheckflags-missing"),
                   (16, "vircheckflags-missing"), (16, "function-brace-line"),
                   (20, "flags-type"), (20, "vircheckflags-missing"),
                   (20, "function-brace-line")]


# -- flags-last: an input after flags is not taken for an output -------------------------------

FLAGS_LAST_C = """\
int
virStorageBackendVolWipeRange(virStoragePoolObj *pool,
                              unsigned int flags,
                              virStorageVolDef *vol)
{
    return virStorageBackendWipe(pool, vol);
}

int
virDomainObjGetOneDefFlags(virDomainObj *vm, unsigned int flags, bool *live,
                           int *nparams, virDomainDef **def, virDomainDef *out)
{
    *out = *vm->def;
    return 0;
}

int
virStorageVolLookupByPathFlags(virConnectPtr conn, unsigned int flags, const char *path,
                               virStorageVol *ret, virStorageVol *result)
{
    return 0;
}
"""

FLAGS_LAST_H = """\
int virStorageBackendVolWipeRange(virStoragePoolObj *pool, unsigned int flags,
                                  virStorageVolDef *vol);
int virDomainObjGetOneDefFlags(virDomainObj *vm, unsigned int flags, bool *live,
                               int *nparams, virDomainDef **def, virDomainDef *out);
int virDomainObjCopyDefFlags(virDomainObj *vm, unsigned int flags, virDomainDef *out);
int virDomainObjFormatFlags(virDomainObj *vm, unsigned int flags, virBuffer *buf);
"""


def test_flags_last_flags_inputs_after_flags_and_spares_outputs():
    text = added("src/storage/storage_util.h", FLAGS_LAST_H) + \
        added("src/storage/storage_util.c", FLAGS_LAST_C)
    help_ = "move the other parameter(s) before `flags`"
    got = [(f["path"], f["line"], f["column"], f["message"], f.get("suggestion"))
           for f in lint(text, ["flags-last"])]
    assert got == [
        ("src/storage/storage_util.h", 1, 73, "`flags` should be the last parameter of "
         "virStorageBackendVolWipeRange(); `virStorageVolDef *vol` follows it", help_),
        # (virDomainObjGetOneDefFlags: its definition, in the same patch, writes *out)
        ("src/storage/storage_util.h", 5, 61, "`flags` should be the last parameter of "
         "virDomainObjCopyDefFlags(); `virDomainDef *out` follows it", help_),
        ("src/storage/storage_util.c", 3, 44, "`flags` should be the last parameter of "
         "virStorageBackendVolWipeRange(); `virStorageVolDef *vol` follows it", help_),
        ("src/storage/storage_util.c", 18, 65, "`flags` should be the last parameter of "
         "virStorageVolLookupByPathFlags(); `const char *path` follows it", help_),
    ]


# -- vircheckflags-dropped: the mask it suggests ---------------------------------------------

def mail(path, body, subject, start=10, section=""):
    """A patch mail changing ``path`` with one hunk (``body`` lines carry their prefix; an
    empty line is a blank context line)."""
    text = make_mail([ln or " " for ln in body.splitlines()], path=path, subject=subject,
                     start=start)
    return text.replace(" @@\n", f" @@{section}\n", 1)


HEADER_PATCH = mail("include/libvirt/libvirt-domain.h", """\
     VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0, /* return early */
+    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1, /* finish a copy */
 } virDomainBlockJobAbortFlags;

+typedef enum {
+    VIR_DOMAIN_BLOCK_REBASE_SHALLOW = 1 << 0, /* keep the backing chain */
+} virDomainBlockRebaseFlags;
+
 typedef enum {
     VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,
+    VIR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 1,
 } virConnectListAllDomainsFlags;
""", "[PATCH 1/2] Add the block job flags", start=2410, section=" typedef enum {")

DRIVER_BODY = """\
 static int
 qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags)
 {
-    virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC, -1);
     return qemuDomainBlockJobImpl(dom, path, 0, NULL, flags, BLOCK_JOB_ABORT);
 }

 static int
 qemuDomainBlockRebase(virDomainPtr dom, const char *path, const char *base,
                       unsigned long bandwidth, unsigned int flags)
 {
-    virCheckFlags(0, -1);
     return qemuDomainBlockPullImpl(dom, path, base, bandwidth, flags);
 }
"""
DRIVER_PATCH = mail("src/qemu/qemu_driver.c", DRIVER_BODY,
                    "[PATCH 2/2] qemu: Support the block job flags", start=11440)

DROPPED = "virCheckFlags() removed: nothing checks `flags` in {}() now, so every flag bit is " \
          "accepted"
ABORT = ("widen the mask instead: virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC | "
         "VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT, -1);")
REBASE = "widen the mask instead: virCheckFlags(VIR_DOMAIN_BLOCK_REBASE_SHALLOW, -1);"


def _dropped(findings):
    return [(f["patch"], f["path"], f["line"], f["column"], f["message"], f.get("suggestion"))
            for f in findings if f["rule"] == "vircheckflags-dropped"]


def test_vircheckflags_dropped_learns_the_flags_from_an_earlier_patch_of_the_series(tmp_path):
    """The header comes in patch 1, the driver in patch 2: the suggestion keeps the old mask
    and adds the new constants of the function's own enum, never the unrelated one."""
    want = [(2, "src/qemu/qemu_driver.c", 11443, 5, DROPPED.format("qemuDomainBlockJobAbort"),
             ABORT),
            (2, "src/qemu/qemu_driver.c", 11451, 5, DROPPED.format("qemuDomainBlockRebase"),
             REBASE)]
    series = HEADER_PATCH + DRIVER_PATCH
    assert _dropped(lint(series, ["vircheckflags-dropped"])) == want
    # the command line streams the mbox patch by patch, shedding each one's files
    path = tmp_path / "series.mbox"
    path.write_text(series)
    r = run_cli("--format=json", "--select", "vircheckflags-dropped", str(path))
    assert r.returncode == 1, r.stderr
    assert _dropped(json.loads(r.stdout)) == want


def test_vircheckflags_dropped_keeps_what_separate_inputs_know_apart(tmp_path):
    """Two files are two inputs: the driver patch alone knows no new flag; it says so in
    words, without a placeholder, and keeps the old mask."""
    (tmp_path / "1.patch").write_text(HEADER_PATCH)
    (tmp_path / "2.patch").write_text(DRIVER_PATCH)
    r = run_cli("--format=json", "--select", "vircheckflags-dropped",
                str(tmp_path / "1.patch"), str(tmp_path / "2.patch"))
    assert [f["suggestion"] for f in json.loads(r.stdout)] == [
        "keep virCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC, -1); and add to its mask the "
        "flags qemuDomainBlockJobAbort() now supports",
        "keep the check and widen its mask from 0 to the flags qemuDomainBlockRebase() now "
        "supports"]


def test_vircheckflags_dropped_never_suggests_an_unrelated_enum():
    """One patch: a new flag of an unrelated enum is no mask for the function."""
    text = diff("include/libvirt/libvirt-domain.h", """\
 typedef enum {
     VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,
+    VIR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 1,
 } virConnectListAllDomainsFlags;
""", start=3000) + diff("src/qemu/qemu_driver.c", """\
 static int
 qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags)
 {
-    virCheckFlags(0, -1);
     return qemuDomainBlockJobImpl(dom, path, 0, NULL, flags, BLOCK_JOB_ABORT);
 }
""", start=11440)
    assert found(text, "vircheckflags-dropped") == [
        (11443, 5, DROPPED.format("qemuDomainBlockJobAbort"),
         "keep the check and widen its mask from 0 to the flags qemuDomainBlockJobAbort() "
         "now supports", None)]


def test_vircheckflags_dropped_keeps_a_wrapped_mask_and_adds_the_enums_new_flag():
    """The old mask spans two lines; the new flag is in its enum (the constants the enum
    shows), the other new one is not."""
    text = diff("include/libvirt/libvirt-domain.h", """\
     VIR_DOMAIN_UNDEFINE_MANAGED_SAVE       = (1 << 0),
     VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = (1 << 1),
+    VIR_DOMAIN_UNDEFINE_NVRAM              = (1 << 2),
 } virDomainUndefineFlagsValues;

 typedef enum {
     VIR_DOMAIN_XML_SECURE = (1 << 0),
+    VIR_DOMAIN_XML_UPDATE_CPU = (1 << 1),
 } virDomainXMLFlags;
""", start=1800, section=" typedef enum {") + diff("src/qemu/qemu_driver.c", """\
     virDomainObj *vm;

-    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
-                  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, -1);
+    if (flags & VIR_DOMAIN_UNDEFINE_NVRAM)
+        nvram = true;
""", start=7001, section=" qemuDomainUndefineFlags(virDomainPtr dom,")
    assert found(text, "vircheckflags-dropped") == [
        (7003, 5, DROPPED.format("qemuDomainUndefineFlags"),
         "widen the mask instead: virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | "
         "VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA | VIR_DOMAIN_UNDEFINE_NVRAM, -1);", None)]


# -- the rule table and explain -----------------------------------------------------------------

def test_rule_summaries_are_whole_sentences_that_keep_c_names_as_written():
    from patchlint.catalogue import all_rules
    summaries = {s.id: s.summary for s in all_rules()}
    assert summaries["hanging-brace"] == ("The `{` of an `if`, `else`, `for`, `while`, "
                                          "`switch` or `do` on a line of its own.")
    assert summaries["no-atoi"] == "atoi() and its kin, which cannot report a malformed number."
    assert summaries["prefer-g-alloc"] == ("malloc()/calloc()/realloc()/free() where libvirt "
                                           "uses GLib's allocation.")
    assert summaries["prefer-usleep"] == ("`nanosleep()` in added code, where libvirt sleeps "
                                          "with `g_usleep()` (`usleep()` with profile "
                                          "`gnulib`).")
    for rid, text in summaries.items():
        assert text.endswith("."), rid
        assert "``" not in text and "\n" not in text, rid
        assert not re.match(r"[A-Z][a-z0-9_]*\(", text), rid      # "Atoi()" is no C name


def test_rule_table_has_a_description_column():
    from patchlint.catalogue import all_rules
    from patchlint.commands import by_family, markdown_table
    table = markdown_table(all_rules())
    families = by_family(all_rules())
    assert len(families) == 12           # one table per family that has rules
    assert table.count("| rule | severity | fix | description |") == len(families)
    assert "| flags |" not in table
    assert "| `no-atoi` | error |  | atoi() and its kin, which cannot report a malformed " \
           "number. (`sc_prohibit_atoi`) |" in table.splitlines()


def test_explain_prints_plain_text_with_readable_examples():
    r = run_cli("explain", "vircheckflags-dropped")
    assert r.returncode == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines[:3] == ["vircheckflags-dropped (error)", "",
                         "The patch removes a `virCheckFlags()` call and adds none back in "
                         "that function."]
    example = lines.index("## Example")
    assert lines[example + 1:example + 8] == [
        "  src/qemu/qemu_driver.c, from line 11448:",
        "     static int",
        "     qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags)",
        "     {",
        "    -    virCheckFlags(0, -1);",
        "         return qemuDomainBlockJobImpl(dom, path, 0, NULL, flags, BLOCK_JOB_ABORT);",
        "     }"]
    # the sentence whose code span is wrapped over two lines keeps single backticks
    assert "On patch 2 the help keeps the old mask and adds the flag patch 1 defines: `widen " \
           "the mask" in r.stdout


def test_explain_of_every_rule_has_no_rst_backticks_nor_fences(capsys):
    from patchlint.catalogue import all_rules
    from patchlint.commands import explain
    for spec in all_rules():
        assert explain([spec.id]) == 0
        out = capsys.readouterr().out
        assert "``" not in out, spec.id
        assert "```" not in out, spec.id


def test_explain_a_syntax_check_name_explains_every_rule_that_ports_it():
    r = run_cli("explain", "sc_prohibit_raw_allocation")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("sc_prohibit_raw_allocation is checked by 2 rules: "
                               "prefer-g-alloc, prefer-vir-alloc.\n\n"
                               "prefer-g-alloc (error; libvirt syntax-check: "
                               "sc_prohibit_raw_allocation; profile glib)\n")
    assert "\nprefer-vir-alloc (error; libvirt syntax-check: sc_prohibit_raw_allocation; " \
           "profile gnulib)\n" in r.stdout


def test_explain_explains_each_rule_it_is_given():
    r = run_cli("explain", "flags-last", "nosuch-rule", "tab-indent")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "patchlint: error: no rule named 'nosuch-rule' (see 'patchlint rules')"]
    heads = [ln for ln in r.stdout.splitlines() if re.match(r"^[a-z-]+ \((error|warning)", ln)]
    assert heads == ["flags-last (warning)",
                     "tab-indent (error; libvirt syntax-check: sc_TAB_in_indentation; "
                     "fixable)"]
    assert run_cli("explain", "flags-last", "tab-indent").returncode == 0


def test_rules_rejects_an_unknown_option_naming_it():
    for args in (["rules", "--bogus"], ["rules", "--markdown", "--bogus"]):
        r = run_cli(*args)
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr.splitlines() == [
            "patchlint: error: 'rules' takes --markdown and --write FILE, or --syntax-check, "
            "not '--bogus' (see 'patchlint rules --help')"]


def test_rules_syntax_check_names_each_target_s_rules_or_why_it_is_not_judged():
    r = run_cli("rules", "--syntax-check")
    assert r.returncode == 0 and r.stderr == ""
    rows = {line.split()[0]: line.split(None, 1)[1] for line in r.stdout.splitlines()[:-1]}
    assert rows["sc_prohibit_strcmp"] == "prefer-streq"
    assert rows["sc_prohibit_raw_allocation"] == "prefer-g-alloc (glib), prefer-vir-alloc (gnulib)"
    assert rows["sc_spacing-check"].startswith("sizeof-parens, spacing-after-comma, ")
    assert rows["sc_po_check"] == (
        "not judged: compares po/POTFILES with every file of the tree that has translatable "
        "strings: a question about the whole tree, which 'meson test' and the CI answer")
    ported = sum(1 for said in rows.values() if not said.startswith("not judged: "))
    assert r.stdout.splitlines()[-1] == (
        f"{len(rows)} targets: {ported} ported by rules, {len(rows) - ported} not judged on a "
        "patch.")


def test_vircheckflags_dropped_takes_the_flags_tested_by_its_own_function_only():
    text = diff("src/qemu/qemu_driver.c", """\
 static int
 qemuDomainFooA(virDomainPtr dom, unsigned int flags)
 {
-    virCheckFlags(0, -1);
+    if (flags & VIR_DOMAIN_FOO_A_FAST)
+        return qemuDomainFooFast(dom);
     return qemuDomainFooImpl(dom);
 }

 static int
 qemuDomainFooB(virDomainPtr dom, unsigned int flags)
 {
-    virCheckFlags(0, -1);
+    if (flags & VIR_DOMAIN_FOO_B_SAFE)
+        return qemuDomainFooSafe(dom);
     return qemuDomainFooImpl(dom);
 }
""", start=500)
    assert [f[3] for f in found(text, "vircheckflags-dropped")] == [
        "widen the mask instead: virCheckFlags(VIR_DOMAIN_FOO_A_FAST, -1);",
        "widen the mask instead: virCheckFlags(VIR_DOMAIN_FOO_B_SAFE, -1);"]


RETURNS = """\
static virDomainPtr
qemuDomainFooLookup(virConnectPtr conn, unsigned int flags)
{
    return qemuDomainBar(conn);
}

static bool
qemuDomainFooHas(virDomainObj *vm, unsigned int flags)
{
    return qemuDomainBar(vm);
}

static void
qemuDomainFooReset(virDomainObj *vm, unsigned int flags)
{
    qemuDomainBar(vm);
}
"""


def test_vircheckflags_missing_names_the_error_value_the_return_type_gives():
    """No placeholder: NULL for a pointer, false for a bool, and for a void function the
    Goto form (it has nothing to return)."""
    got = found(added("src/qemu/qemu_driver.c", RETURNS), "vircheckflags-missing")
    assert [(line, help_) for line, _, _, help_, _ in got] == [
        (2, "add virCheckFlags(0, NULL); as its first statement (or the mask of the flags it "
            "supports)"),
        (8, "add virCheckFlags(0, false); as its first statement (or the mask of the flags it "
            "supports)"),
        (14, "check them first thing with virCheckFlagsGoto(0, label) (or the mask of the "
             "flags it supports), jumping to where it reports the failure")]


@pytest.mark.integration
def test_vircheckflags_dropped_learns_across_the_commits_of_a_git_range(tmp_path):
    """--git A..B: the commits of one range are one series, as the mbox of their mails is."""
    from conftest import base_tree, git
    series = HEADER_PATCH + DRIVER_PATCH
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    base_tree(series.encode(), str(repo))
    header = repo / "include" / "libvirt" / "libvirt-domain.h"
    lines = header.read_text().split("\n")
    lines[2408] = "typedef enum {"          # line 2409: the enum the first hunk starts in
    header.write_text("\n".join(lines))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    (tmp_path / "series.mbox").write_text(series)
    git(repo, "am", "-q", str(tmp_path / "series.mbox"))
    r = run_cli("--format=json", "--no-tree", "--select", "vircheckflags-dropped", "--git",
                "HEAD~2..HEAD", cwd=str(repo))
    assert r.returncode == 1, r.stderr
    assert [(f["path"], f["line"], f["suggestion"]) for f in json.loads(r.stdout)] == [
        ("src/qemu/qemu_driver.c", 11443, ABORT), ("src/qemu/qemu_driver.c", 11451, REBASE)]


SIZEOF_SPACE = """\
diff --git a/src/util/virfile.c b/src/util/virfile.c
--- a/src/util/virfile.c
+++ b/src/util/virfile.c
@@ -10,2 +10,3 @@
 int a;
+    memset(&stats, 0, sizeof (stats));
 int b;
"""


def test_a_rule_porting_two_syntax_check_rules_answers_to_both_names(tmp_path):
    p = tmp_path / "sizeof.patch"
    p.write_text(SIZEOF_SPACE)
    found = lambda *a: [(f["rule"], f["syntax_check"]) for f in
                        json.loads(run_cli("--format=json", *a, str(p)).stdout)]
    assert found() == [("sizeof-parens", "sc_size_of_brackets")]
    assert found("--select", "sc_spacing-check") == [("sizeof-parens", "sc_size_of_brackets")]
    assert found("--ignore", "sc_spacing-check") == []
    r = run_cli("explain", "sc_spacing-check")
    assert "sizeof-parens (error; libvirt syntax-check: sc_size_of_brackets, " \
           "sc_spacing-check; fixable)\n" in r.stdout
    listing = run_cli("rules").stdout
    assert "[sc_size_of_brackets, sc_spacing-check]\n" in listing
