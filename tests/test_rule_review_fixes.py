"""Issue 10, "never block a legitimate send": what the rulebook says after review.

Each test pins what a user sees (rule, path, line, column, message, suggestion or fix) for one
point of the issue: the suggested ``virCheckFlags()`` mask, the form of a flag value's shift,
the column a continuation line should start in, quoted words left to their spelling, the flags
checks of functions with a wrong type or a brace on their header line, what may follow
``flags``, and the rule table and ``explain``.
"""

from conftest import lint_bytes


def diff(path, body, start=10, new_file=False):
    """A plain diff of one hunk of ``path``; ``body`` lines carry their ' ', '+', '-'."""
    lines = body.splitlines()
    old = sum(1 for ln in lines if ln[:1] in " -")
    new = sum(1 for ln in lines if ln[:1] in " +")
    head = f"diff --git a/{path} b/{path}\n"
    if new_file:
        head += f"new file mode 100644\nindex 0000000..2222222\n--- /dev/null\n+++ b/{path}\n"
        hunk = f"@@ -0,0 +1,{new} @@\n"
    else:
        head += f"index 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n"
        hunk = f"@@ -{start},{old} +{start},{new} @@\n"
    return head + hunk + "".join(ln + "\n" for ln in lines)


def added(path, code):
    """A new file ``path`` holding ``code``."""
    return diff(path, "".join("+" + ln + "\n" for ln in code.splitlines()), new_file=True)


def found(text, rule, **kw):
    """(line, column, message, suggestion, fix) of each finding of ``rule``."""
    return [(f["line"], f["column"], f["message"], f.get("suggestion"),
             (f.get("fix") or {}).get("replacement"))
            for f in lint_bytes(text.encode(), select=[rule], **kw) if f["rule"] == rule]


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
