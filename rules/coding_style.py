"""Coding style: what libvirt's ``docs/coding-style.rst`` asks of new code that no
``make syntax-check`` rule enforces, so reviewers ask for it by hand.

Each rule names the section of the document it comes from (``coding_style=``, shown by
``patchlint rules`` and ``explain``).  How often libvirt's own code breaks a habit decides how
loud the rule is: each rule's documentation says what it found on libvirt v10.7.0's own files
(read as new files), on the changes of its recent releases (v9.8.0 to v10.4.0, v10.4.0 to
v10.7.0) and on libvirt-glib's and libvirt-dbus's histories.  A habit the tree practically
never breaks is an error; one it breaks now and then a warning; one its recent code breaks
routinely a note, something to look at, never a reason to refuse a patch.

The one-line rules are pattern rules in this module's table; the others are modules of their
own, ``style_*.py``, declared with ``family="style"``.
"""

from patchlint.api import C_FILES, Family, Pattern

FAMILY = Family("style", "Coding style (docs/coding-style.rst)", rank=7.5)

_EXAMPLE = "src/util/virthrottle.c"

PATTERNS = [
    Pattern(
        "bool-literal-compare",
        r"[!=]=\s*(?:true|false)\b|\b(?:true|false)\s*[!=]=",
        "do not compare with true or false: test the value itself ('if (x)', 'if (!x)')",
        summary="a value compared with `true` or `false`",
        severity="warning", files=C_FILES, coding_style="Conditional expressions",
        needs=("true", "false"), example_path=_EXAMPLE,
        suggestion="write 'if (x)' for x == true or x != false, and 'if (!x)' for x == false "
                   "or x != true",
        what="An ``==`` or ``!=`` with ``true`` or ``false`` on one side, in code (comments "
             "and strings are not read).  GLib's ``TRUE`` and ``FALSE`` are left alone: "
             "libvirt's tests compare ``g_setenv()``'s result with ``FALSE`` (11 lines of "
             "v10.7.0), and the style speaks of ``bool``.",
        why="libvirt's coding style: a boolean is tested as it is, never against a literal.  "
            "Any non-zero value is true, but only 1 equals ``true``: a value that came from "
            "a bit test or an int can be true and still differ from ``true``.  "
            "``if (x)`` and ``if (!x)`` say the same without the trap.  "
            "Measured: 6 lines on libvirt v10.7.0's own C files read as new files (4 of them "
            "in tests), one added between v9.8.0 and v10.4.0 (``tools/vsh.c``), none in "
            "v10.4.0 to v10.7.0: a warning.",
        bad=[("    if (group->enabled == true)\n        return 0;",
              "1:24: bool-literal-compare: do not compare with true or false: test the\n"
              "  value itself ('if (x)', 'if (!x)')")],
        good=("    if (group->enabled)\n        return 0;\n"
              "    /* a caller passing iops == false ... */")),
]
