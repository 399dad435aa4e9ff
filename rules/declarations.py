"""Types and declarations: how libvirt spells types, declares variables and writes statements.

Each entry is a pattern rule (see patchlint/patterns.py): a regular expression over the code an
added line holds (comments and string contents blanked), its message, its libvirt syntax-check
name, and a bad and a good example that the test suite runs.  libvirt's syntax-check greps the
raw line; these look at code only, so a comment or a message that merely mentions ``int i`` or
``sizeof x`` is never reported.

``sizeof`` spelling is a code rule of its own (rules/decl_sizeof.py): its fix depends on the
operand.  Rules that libvirt only introduced with its 2013-2014 clean-ups and that the 2012
tree broke everywhere (``int i`` loop counters, ``Pci`` in names) belong to the ``glib``
profile.
"""

from patchlint.api import LIBVIRT_CODE, Family, Pattern

FAMILY = Family("types", "Types and declarations", rank=4)

# Files libvirt spares from the int/unsigned i, j, k check: the public headers and the RPC
# protocol definitions (wire types are fixed).
_IJK_EXEMPT = ("include/libvirt/libvirt*", "src/remote/remote_protocol.x",
               "src/admin/admin_protocol.x")

# Files whose unsigned pids are part of an API or a protocol: the public headers and API
# entry points, the hypervisor driver table and its QEMU implementation, the RPC protocols,
# polkit/systemd (whose D-Bus interfaces say uint32) and virsh.
_PID_EXEMPT = ("include/libvirt/*.h", "src/qemu/qemu_driver.c", "src/driver-hypervisor.h",
               "src/libvirt.c", "src/libvirt-*.c", "src/*.x", "src/util/virpolkit.c",
               "src/util/virsystemd.c", "tests/virpolkittest.c", "tools/virsh-domain.c")

# Generated or imported code that keeps the vendor's spelling (VirtualBox's C API headers,
# the ESX SOAP layer, the iSCSI backend named after VMware's types).
_ABBREV_EXEMPT = ("src/vbox/vbox_CAPI*.h", "src/esx/esx_vi.c", "src/esx/esx_vi.h",
                  "src/esx/esx_storage_backend_iscsi.c")

PATTERNS = [
    Pattern(
        "return-no-parens",
        # (not "return ((x));": the fix must leave nothing to fix on a second run)
        r"\breturn\s*\((?!\s*\([^()]*\)\s*\)\s*;)"
        r"(?P<e>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*;",
        "`return` is not a function: drop the parentheses around its value",
        syntax_check="sc_prohibit_return_as_function", needs=("return",),
        # a comment inside the parentheses would be lost by the fix (it sees blanked code)
        unless=r"\breturn\s*\([^;]*/[*/]",
        replacement=r"return \g<e>;",
        what="``return (value);``: a returned value wrapped whole in one pair of parentheses.  "
             "``return (a + b) * c;`` and a cast (``return (int) len;``) are not flagged, nor is "
             "a line with a comment in its parentheses.",
        why="`return` takes an expression, not an argument list; `return (ret);` reads like a "
            "call and the parentheses add nothing, since nothing binds looser than `return`.",
        bad=[("    return (ret);",
              "1:5: return-no-parens: `return` is not a function: drop the parentheses around\n"
              "  its value\n"
              "    fix: \"return (ret);\" -> \"return ret;\""),
             ("    return (g_strcmp0(str, \"on\") == 0);",
              "1:5: return-no-parens: `return` is not a function: drop the parentheses around\n"
              "  its value\n"
              "    fix: \"return (g_strcmp0(str, \\\"on\\\") == 0);\" -> \"return g_strcmp0(str,\n"
              "      \\\"on\\\") == 0;\"")],
        good=("    return ret;", "    return (a + b) * c;", "    return (int) len;")),

    Pattern(
        "pid-uid-gid-types",
        r"\b(?P<t>int|long)\s+(?P<k>[pug])id\b",
        r"`\g<k>id` is declared `\g<t>`: process, user and group ids have their own types "
        r"(pid_t, uid_t, gid_t)",
        summary="a pid, uid or gid declared int or long instead of pid_t, uid_t, gid_t",
        syntax_check="sc_correct_id_types", needs=("pid", "uid", "gid"),
        suggestion="declare it pid_t, uid_t or gid_t (and compare uid/gid with (uid_t)-1, "
                   "not -1)",
        exclude=("src/locking/lock_protocol.x",),
        # an unsigned pid is signed-pid's to report
        unless=r"\bunsigned\s+(?:(?:long|int|short)\s+)*pid\b",
        what="A variable named ``pid``, ``uid`` or ``gid`` declared ``int`` or ``long`` (an "
             "``unsigned`` pid is signed-pid's).",
        why="pid_t, uid_t and gid_t say what a value is, have the width the system gives them, "
            "and uid_t/gid_t are unsigned: an `int uid` compared with -1 or passed to "
            "setuid() is a sign-conversion bug waiting to happen.",
        bad=[("    int pid = virCommandGetPid(cmd);",
              "1:5: pid-uid-gid-types: `pid` is declared `int`: process, user and group ids\n"
              "  have their own types (pid_t, uid_t, gid_t)")],
        good=("    pid_t pid = virCommandGetPid(cmd);", "    int pidfd = -1;")),

    Pattern(
        "signed-pid",
        r"\bunsigned\s+(?:(?:long|int|short|char)\s+)*\**\s*\w*pid\b",
        "a process id declared unsigned: pids are signed (pid_t), and -1 or a negated pid "
        "(a process group) must stay representable",
        # ("unsigned int pid" is also an int-declared pid to sc_correct_id_types)
        syntax_check=("sc_prohibit_unsigned_pid", "sc_correct_id_types"), needs=("unsigned",),
        suggestion="declare it pid_t (or a signed type such as long long)",
        exclude=_PID_EXEMPT,
        what="A variable whose name ends in ``pid`` declared ``unsigned`` (``unsigned int pid``, "
             "``unsigned long *childpid``), outside the public API and the files that implement "
             "it, whose ``unsigned int pid`` parameters are part of the ABI.",
        why="kill() and waitpid() give meaning to negative pids, and libvirt uses -1 for "
            "\"no process\": an unsigned pid turns both into huge numbers.  Public API and "
            "wire formats that already carry an unsigned pid are exempt.",
        bad=[("    unsigned int pid = vm->pid;",
              "1:5: signed-pid: a process id declared unsigned: pids are signed (pid_t), and "
              "-1\n"
              "  or a negated pid (a process group) must stay representable")],
        good=("    pid_t pid = vm->pid;", "    unsigned int pidfile_mode = 0600;")),

    Pattern(
        "size-t-loop-index",
        # (the declarators before the name bounded: unbounded, a line of "int int int ..."
        # is re-read to its end from every "int", quadratic in its length)
        r"\b(?:int|unsigned)\s(?:[^(=;)]{0,200}\s)?(?P<v>[ijk])\b(?=[\s,;])",
        r"loop index `\g<v>` declared int/unsigned: libvirt declares i, j and k as size_t",
        summary="a loop index i, j or k declared int or unsigned instead of size_t",
        syntax_check="sc_prohibit_int_ijk", needs=("int", "unsigned"),
        suggestion="size_t i; (a loop counting down needs its condition rewritten, e.g. "
                   "for (i = n; i > 0; i--) using i - 1)",
        exclude=_IJK_EXEMPT, profiles=("glib",),
        what="``i``, ``j`` or ``k`` declared ``int`` or ``unsigned``, alone or in a list of "
             "declarations, outside the public headers and the RPC protocols.",
        why="Loop indexes run over array sizes and counts, which are size_t; an int index "
            "mixes signedness in every comparison with a count and overflows on big arrays. "
            "libvirt converted every i, j, k to size_t in 2013 and keeps them that way.",
        bad=[("    int i;",
              "1:5: size-t-loop-index: loop index `i` declared int/unsigned: libvirt declares\n"
              "  i, j and k as size_t")],
        good=("    size_t i;", "    int idx = virBitmapNextSetBit(map, -1);",
              "    int ret = virFoo(i, j);")),

    Pattern(
        "loop-index-names",
        r"\b(?:int|unsigned)\s(?:[^=;()]{0,200}\s)?(?P<v>ii|jj|kk)\b(?=[\s,;])",
        r"loop index named `\g<v>`: libvirt's loop indexes are i, j and k",
        summary="a loop index named ii, jj or kk instead of i, j, k",
        syntax_check="sc_prohibit_loop_iijjkk", needs=("ii", "jj", "kk"),
        suggestion="name it i, j or k (declared size_t)",
        profiles=("glib",),
        what="``ii``, ``jj`` or ``kk`` declared ``int`` or ``unsigned``, alone or in a list of "
             "declarations.",
        why="Doubled names were a workaround for searching \"i\" in an editor; libvirt "
            "renamed them when it moved loop indexes to size_t, and new ones make the code "
            "inconsistent.",
        bad=[("    int ii;",
              "1:5: loop-index-names: loop index named `ii`: libvirt's loop indexes are i, j\n"
              "  and k")],
        good="    size_t i;"),

    Pattern(
        "loop-var-outside-for",
        r"\bfor\s*\(\s*[A-Za-z_]\w*[\s*]+[A-Za-z_]\w*",
        "a variable declared inside `for (...)`: declare loop variables at the top of the "
        "block",
        syntax_check="sc_prohibit_loop_var_decl",
        # not "for": the pattern finder reports one literal per position, and another
        # family's "for " (doubled words) would hide it
        needs=("for (", "for("),
        suggestion="declare it with the other locals (size_t i;) and write for (i = 0; ...)",
        files=("*.c", "*.h"),
        what="``for (`` followed by a type and a name: a variable declared in the first clause "
             "of a ``for`` loop (``for (size_t i = 0; ...``), in ``.c`` and ``.h`` files.",
        why="libvirt declares every local at the top of its block, loop indexes included, so "
            "a function's variables can be read in one place (and old compilers libvirt once "
            "supported rejected C99 loop declarations).",
        bad=[("    for (size_t i = 0; i < def->ndisks; i++) {",
              "1:5: loop-var-outside-for: a variable declared inside `for (...)`: declare "
              "loop\n"
              "  variables at the top of the block")],
        good=("    for (i = 0; i < def->ndisks; i++) {",
              "    for (tmp = list; tmp; tmp = tmp->next) {")),

    Pattern(
        "prefer-bool",
        r"\bint\b[^;(]*?(?<![=!<>|&+\-*/%^])=\s*(?:true|false)\b(?!\s*\?)",
        "an int assigned true/false: declare it bool",
        syntax_check="sc_prohibit_int_assign_bool", needs=("true", "false"),
        suggestion="bool (from <stdbool.h>, which internal.h includes)",
        what="An ``int`` declaration that gives its variable ``true`` or ``false`` (``int found "
             "= false;``).  A comparison with ``true`` or a ``? :`` on it is not an assignment.",
        why="A variable that holds true or false is a bool; declaring it int hides that, and "
            "invites other values into it.",
        bad=[("    int found = false;",
              "1:5: prefer-bool: an int assigned true/false: declare it bool")],
        good=("    bool found = false;", "    int ret = (found == true) ? 0 : -1;")),

    Pattern(
        "static-no-zero-init",
        r"\b(?P<d>static\b[^=;\"'(){}]{0,200}?)\s*=\s*(?:0(?:\.0*)?[uUlLfF]*|NULL|false)"
        r"(?=\s*[;,])",
        "a static variable explicitly initialised to zero: statics start zeroed",
        syntax_check="sc_prohibit_static_zero_init", needs=("static",),
        unless=r"\bstatic\b[^=;]{0,200}(?:/\*|//)",
        replacement=r"\g<d>",
        what="A ``static`` variable whose declaration initialises it to ``0``, ``0.0``, ``NULL`` "
             "or ``false`` (a ``u``, ``l`` or ``f`` suffix included).  A declaration with a "
             "comment on its line is left alone.",
        why="C zero-initialises every object of static storage duration; writing `= 0`, "
            "`= NULL` or `= false` adds nothing, and libvirt's tree has none.",
        bad=[("static virClass *virFooClass = NULL;",
              "1:1: static-no-zero-init: a static variable explicitly initialised to zero:\n"
              "  statics start zeroed\n"
              "    fix: \"static virClass *virFooClass = NULL\" -> \"static virClass "
              "*virFooClass\""),
             ("    static int nwarnings = 0;",
              "1:5: static-no-zero-init: a static variable explicitly initialised to zero:\n"
              "  statics start zeroed\n"
              "    fix: \"static int nwarnings = 0\" -> \"static int nwarnings\"")],
        good=("static virClass *virFooClass;", "static int virFooDefaultPort = 0x1234;",
              "    static bool warned;")),

    Pattern(
        "cleanup-var-init",
        r"\b(?:g_auto(?:ptr|free|slist|list|queue)?|VIR_AUTO(?:CLOSE|FREE|PTR|UNREF))\b"
        r"[^=;]*;",
        "a variable with automatic cleanup declared without an initialiser",
        syntax_check="sc_require_attribute_cleanup_initialization",
        needs=("g_auto", "VIR_AUTO"),
        suggestion="initialise it: = NULL for g_autofree/g_autoptr, = -1 for VIR_AUTOCLOSE, "
                   "the type's initialiser for g_auto(T)",
        what="A declaration that reaches its ``;`` with no ``=``, made with ``g_autofree``, "
             "``g_autoptr()``, ``g_auto()``, ``g_autoslist()``, ``g_autolist()``, "
             "``g_autoqueue()`` or one of libvirt's older ``VIR_AUTOFREE``, ``VIR_AUTOPTR``, "
             "``VIR_AUTOUNREF``, ``VIR_AUTOCLOSE``.",
        why="The cleanup runs on every way out of the scope, including a `return` or `goto` "
            "taken before the variable is first assigned: it would then free or close "
            "whatever garbage the stack held.",
        bad=[("    g_autofree char *path;",
              "1:5: cleanup-var-init: a variable with automatic cleanup declared without an\n"
              "  initialiser"),
             ("    VIR_AUTOCLOSE fd;",
              "1:5: cleanup-var-init: a variable with automatic cleanup declared without an\n"
              "  initialiser")],
        good=("    g_autofree char *path = NULL;", "    VIR_AUTOCLOSE fd = -1;",
              "    g_autoptr(virDomainDef) def = virDomainDefNew(xmlopt);")),

    Pattern(
        "const-ptr-typedef",
        r"\bconst\s+\w*Ptr\b",
        "`const fooPtr` makes the pointer constant, not what it points to",
        syntax_check="sc_forbid_const_pointer_typedef", needs=("Ptr",),
        suggestion="write const foo *name (or foo *const name if the pointer itself is meant)",
        what="``const`` in front of a type name ending in ``Ptr`` (``const virDomainDefPtr "
             "def``).",
        why="A `...Ptr` typedef is a pointer type, so `const virDomainDefPtr def` declares "
            "`virDomainDef *const def`: the object stays writable, which is never what the "
            "author meant.",
        bad=[("                     const virDomainDefPtr def)",
              "1:22: const-ptr-typedef: `const fooPtr` makes the pointer constant, not what "
              "it\n"
              "  points to")],
        good=("                     const virDomainDef *def)",
              "                     virDomainDefPtr def)")),

    Pattern(
        "prefer-klass",
        r"\b(?!(?:return|case|goto|sizeof|else|do)\b)[A-Za-z_]\w*(?:\s+\**|\s*\*+)\s*"
        r"_?class\b(?=\s*[;,=)\[])",
        "a variable named `class`: call it `klass`",
        syntax_check="sc_prohibit_class", needs=("class",),
        suggestion="klass",
        what="A declaration of a variable, parameter or member named ``class`` (or ``_class``): "
             "a type, maybe some ``*``, then that name and ``;``, ``,``, ``=``, ``)`` or ``[``.",
        why="`class` is a C++ keyword: headers using it can't be included from C++, and "
            "editors highlight it as one.  libvirt (and GLib) spell such variables `klass`.",
        bad=[("    virClass *class = virClassForObject(obj);",
              "1:5: prefer-klass: a variable named `class`: call it `klass`")],
        good=("    virClass *klass = virClassForObject(obj);",
              "    return obj->class;")),

    Pattern(
        "upper-case-abbreviations",
        r"Pci|Usb|Scsi|Vpd",
        r"`\g<0>` in a name: libvirt writes these abbreviations in capitals (PCI, USB, SCSI, "
        r"VPD)",
        summary="Pci, Usb, Scsi or Vpd in a name, where libvirt writes PCI, USB, SCSI, VPD",
        # (libvirt's own names: GObject bindings built on it spell theirs GVirConfig...Usb)
        syntax_check="sc_prohibit_mixed_case_abbreviations", files=LIBVIRT_CODE,
        exclude=_ABBREV_EXEMPT, profiles=("glib",),
        suggestion="virPCIDevice, not virPciDevice",
        what="``Pci``, ``Usb``, ``Scsi`` or ``Vpd`` anywhere in the code of libvirt's own "
             "sources and tools (comments and strings are not read), but the VirtualBox and "
             "ESX files that keep the vendor's spelling.",
        why="One spelling per abbreviation keeps identifiers greppable: a search for "
            "virPCIDevice must find all of them.  (The 2012 tree still had "
            "qemuDomainAttachHostPciDevice and friends; libvirt renamed them in 2013, hence "
            "profile ``glib``.)",
        bad=[("virPciDeviceAddress *addr;",
              "1:4: upper-case-abbreviations: `Pci` in a name: libvirt writes these\n"
              "  abbreviations in capitals (PCI, USB, SCSI, VPD)")],
        good=("virPCIDeviceAddress *addr;", "    /* the Pci hotplug slot */")),

    Pattern(
        "double-semicolon",
        r";\s*;(?=[\s{}\\]*$)",
        "a double semicolon",
        syntax_check="sc_prohibit_double_semicolon", needs=(";;", "; ;"),
        files=("*.c", "*.h", "*.l", "*.y"),
        unless=r"\bfor\s*\(.*\)",
        replacement=";",
        what="Two semicolons with nothing but blanks between them at the end of a line (``x = "
             "0;;``), in C sources and flex and bison files; a ``for (;;)`` line is left alone.",
        why="The second semicolon is an empty statement: harmless, but a slip that reviewers "
            "(and syntax-check) catch.",
        bad=[("    def->nhostdevs = 0;;",
              "1:23: double-semicolon: a double semicolon\n"
              "    fix: \";;\" -> \";\"")],
        good=("    def->nhostdevs = 0;", "    for (;;) {")),

    Pattern(
        "index-var-name",
        r"\b(?:int|unsigned)\s*\*?index\b(?=[\s,;])",
        "a variable named `index`: choose another name",
        syntax_check="sc_prohibit_int_index", needs=("index",),
        suggestion="idx, pos, or what it indexes (diskIdx)",
        what="A variable or parameter named ``index`` declared ``int`` or ``unsigned`` (or a "
             "pointer to one).",
        why="index() is a function of <strings.h>: a variable of that name shadows it, which "
            "-Wshadow reports on some platforms and readers trip over everywhere.",
        bad=[("    int index = -1;",
              "1:5: index-var-name: a variable named `index`: choose another name")],
        good=("    int idx = -1;", "    int index_count;")),
]
