"""libvirt's internal APIs: the macros, wrappers and conventions libvirt's own code goes through.

Each entry is a pattern rule (see patchlint/patterns.py) over the code an added line holds:
comments and the contents of string literals are blanked, so a comment or a message that merely
names ``virClassNew`` or ``devname`` is never reported (libvirt's syntax-check greps the raw
line and would; its tree has no such line, so nothing is lost).  The rules whose advice is one of
libvirt's internals (a macro, a wrapper, virsh's own helpers) read libvirt's own sources only
(``LIBVIRT_CODE``): a program built on libvirt from outside (libvirt-glib, libvirt-dbus) has no
``VIR_CLASS_NEW`` to use.  The portability rules (``devname``, ``d_type``, ``-1`` ids, XDR
bounds) read every C file.  The path exemptions are libvirt's own
(``exclude_file_name_regexp--sc_*`` in ``build-aux/syntax-check.mk``).

The wrappers that came after 2012 (``VIR_CLASS_NEW``, the ``qemuSecurity`` layer, virsh's
``virsh*Free()`` and enum names) belong to profile ``glib``: the 2012 tree had none of them.

The rules written as code, ``internals_*.py``, need more than one line (the enum's marker, a
split translation, which belongs to the ``messages`` family) or say something else for each
function they flag (the ``VIR_`` macros).
"""

from patchlint.api import LIBVIRT_CODE, Family, Pattern

FAMILY = Family("internals", "libvirt's internal APIs", rank=3.5)

# virsh's command files (libvirt: in_vc_files='tools/virsh-.*\.[ch]$').
_VIRSH_CMDS = ("tools/virsh-*.c", "tools/virsh-*.h")
# ... and every file whose path holds "virsh" (libvirt: in_vc_files='virsh.*\.[ch]$'):
# virsh.c, the command files, tests/virshtest.c.
_VIRSH_ANY = ("*virsh*.c", "*virsh*.h")

# The public objects virsh wraps in virsh<Object>Free() (tools/virsh-util.h), as libvirt's
# sc_prohibit_obj_free_apis_in_virsh lists them.
_VIRSH_OBJECTS = ("Domain|DomainSnapshot|Interface|Network|NodeDevice|NWFilter|Secret|"
                  "StoragePool|StorageVol|Stream")

PATTERNS = [
    Pattern(
        "prefer-vir-class-new", r"\bvirClassNew(?=\s*\()",
        "use VIR_CLASS_NEW() instead of calling virClassNew()",
        syntax_check="sc_prohibit_raw_virclassnew",
        summary="virClassNew() called where VIR_CLASS_NEW() derives its arguments",
        profiles=("glib",), files=LIBVIRT_CODE,
        exclude=("src/util/virobject.c", "src/util/virobject.h"),
        example_path="src/util/virthrottle.c",
        suggestion="VIR_CLASS_NEW(virThrottle, virClassForObject()) takes the type and the "
                   "parent class; it derives the name, the sizes and the dispose function",
        what="A call of ``virClassNew()`` anywhere but in ``virobject.c`` and ``virobject.h``, "
             "which implement it.",
        why="VIR_CLASS_NEW() derives the class name, the object's size, the parent's size and "
            "the dispose callback from the type's name, and checks at compile time that the "
            "parent object is the first member; written by hand, any of the five arguments "
            "can disagree with the struct.",
        bad=[("    if (!(virThrottleClass = virClassNew(virClassForObject(), \"virThrottle\",\n"
              "                                         sizeof(virThrottle), 0,\n"
              "                                         virThrottleDispose)))",
              "1:30: prefer-vir-class-new: use VIR_CLASS_NEW() instead of calling virClassNew()"
              )],
        good="    if (!VIR_CLASS_NEW(virThrottle, virClassForObject()))"),
    Pattern(
        "cast-id-minus-one", r"\b(user|group|[ug]id)\s*[=!]=\s*-",
        r"cast -1 to uid_t or gid_t before comparing it with \1",
        syntax_check="sc_prohibit_risky_id_promotion",
        summary="a uid or gid compared with a plain -1", needs=("user", "group", "uid", "gid"),
        suggestion="uid == (uid_t) -1, gid != (gid_t) -1",
        what="A variable or member named ``uid``, ``gid``, ``user`` or ``group`` compared with "
             "``==`` or ``!=`` to a negative number written plainly (``uid == -1``).  "
             "``(uid_t) -1`` is not flagged, nor are longer names (``nuid``, ``userid``).",
        why="uid_t and gid_t are usually unsigned, and their width varies: where they are "
            "narrower than int (16 bits on some systems) the id is promoted to int and never "
            "equals -1, so the test that means \"no id given\" is silently always false.  "
            "Cast the -1 to the id's own type and the comparison is made in that type "
            "everywhere.",
        bad=[("    if (uid == -1)",
              "1:9: cast-id-minus-one: cast -1 to uid_t or gid_t before comparing it with uid"),
             ("    if (def->group != -1 &&",
              "1:14: cast-id-minus-one: cast -1 to uid_t or gid_t before comparing it with\n"
              "  group")],
        good=("    if (uid == (uid_t) -1)",
              "    if (def->group != (gid_t)-1 &&")),
    Pattern(
        "system-error-errno", r"\bvirReportSystemError\s*\(\s*(VIR_ERR_\w*)",
        r"report \1 with virReportError(): virReportSystemError() takes an errno value",
        syntax_check="sc_prohibit_system_error_with_vir_err",
        summary="virReportSystemError() given a VIR_ERR_* code instead of an errno value",
        needs=("virReportSystemError",),
        files=LIBVIRT_CODE,
        what="A call of ``virReportSystemError()`` whose first argument is a ``VIR_ERR_*`` "
             "code.",
        why="virReportSystemError()'s first argument is an errno value, which it turns into "
            "the system's text (\": Permission denied\"); given a VIR_ERR_* code it appends "
            "the text of whatever errno has that number, and the error reaches the caller as a "
            "VIR_ERR_SYSTEM_ERROR.  A libvirt error code goes to virReportError().",
        bad=[("    virReportSystemError(VIR_ERR_INTERNAL_ERROR, \"%s\",\n"
              "                         _(\"cannot read the throttle group\"));",
              "1:5: system-error-errno: report VIR_ERR_INTERNAL_ERROR with virReportError():\n"
              "  virReportSystemError() takes an errno value")],
        good=("    virReportError(VIR_ERR_INTERNAL_ERROR, \"%s\",\n"
              "                   _(\"cannot read the throttle group\"));",
              "    virReportSystemError(errno, _(\"cannot read '%1$s'\"), path);")),
    Pattern(
        "prefer-qemu-security", r"\b(virSecurityManager\w*)(?=\s*\()",
        r"call the qemuSecurity wrapper (qemu_security.h) instead of \1()",
        syntax_check="sc_prohibit_virSecurityManager",
        summary="a virSecurityManager*() call in the QEMU driver, which goes through "
                "qemuSecurity*()", profiles=("glib",),
        needs=("virSecurityManager",), files=("src/qemu/*.c", "src/qemu/*.h"),
        exclude=("src/qemu/qemu_security*",), example_path="src/qemu/qemu_hotplug.c",
        suggestion="qemuSecuritySetImageLabel() for virSecurityManagerSetImageLabel(), and so "
                   "on: qemu_security.h wraps each one the driver needs",
        what="A call of a ``virSecurityManager*()`` function in the QEMU driver "
             "(``src/qemu/``), outside ``qemu_security.c`` and ``qemu_security.h``, which wrap "
             "them.  Naming the type (``virSecurityManager *mgr``) is fine.",
        why="The qemuSecurity*() wrappers queue the labelling in a transaction, commit it "
            "inside the domain's mount namespace (where QEMU has a /dev of its own) with the "
            "driver's remember-owner setting, and abort it on failure.  A direct call skips "
            "all of that: it labels the host's view only and forgets the original owner.",
        bad=[("    if (virSecurityManagerSetImageLabel(driver->securityManager, vm->def, src,\n"
              "                                        0) < 0)",
              "1:9: prefer-qemu-security: call the qemuSecurity wrapper (qemu_security.h)\n"
              "  instead of virSecurityManagerSetImageLabel()")],
        good=("    if (qemuSecuritySetImageLabel(driver, vm, src, false, false) < 0)",
              "    virSecurityManager *mgr = driver->securityManager;")),
    Pattern(
        "virsh-connect-open", r"\b(virConnectOpen[a-zA-Z]*)(?=\s*\()",
        r"use the connection virsh holds (priv->conn, opened by virshConnect()) instead of "
        r"\1()",
        syntax_check="sc_prohibit_virConnectOpen_in_virsh",
        summary="a call of virConnectOpen*() in a virsh command, which has virsh's connection",
        profiles=("glib",),
        needs=("virConnectOpen",), files=_VIRSH_CMDS, example_path="tools/virsh-domain.c",
        what="A call of ``virConnectOpen()``, ``virConnectOpenAuth()`` or "
             "``virConnectOpenReadOnly()`` in virsh's command files (``tools/virsh-*.c``).",
        why="virsh opens its connection once, in virsh.c, with the URI, the read-only flag, "
            "the authentication callback and the keep-alive the user asked for, and reconnects "
            "when it drops; a command that opens a connection of its own ignores all of that, "
            "and has one more connection to close on every path.",
        bad=[("    if (!(conn = virConnectOpen(NULL)))",
              "1:18: virsh-connect-open: use the connection virsh holds (priv->conn, opened by\n"
              "  virshConnect()) instead of virConnectOpen()")],
        good=("    virshControl *priv = ctl->privData;\n"
              "\n"
              "    if (!(dom = virDomainLookupByName(priv->conn, name)))")),
    Pattern(
        "prefer-virsh-free", rf"\bvir({_VIRSH_OBJECTS})Free\b",
        r"use virsh\1Free() or g_autoptr(virsh\1) instead of vir\1Free()",
        syntax_check="sc_prohibit_obj_free_apis_in_virsh",
        summary="a public vir*Free() in virsh, which has its virsh*Free() wrappers",
        profiles=("glib",),
        needs=tuple(f"vir{o}Free" for o in _VIRSH_OBJECTS.split("|")), files=_VIRSH_ANY,
        example_path="tools/virsh-domain.c",
        what="The public release function of an object virsh wraps (``virDomainFree``, "
             "``virNetworkFree``, ``virStorageVolFree``... the types in "
             "``tools/virsh-util.h``) in a file whose path holds ``virsh``.  The wrappers' own "
             "bodies carry the marker ``/* sc_prohibit_obj_free_apis_in_virsh */``, which "
             "spares a line.",
        why="virsh's wrappers accept NULL and keep the error virsh is about to print: the "
            "public vir*Free() resets the thread's last error on entry, so a cleanup path "
            "that frees an object before reporting loses the reason the command failed.  "
            "With g_autoptr(virshDomain) the cleanup is not written at all.",
        bad=[("    virDomainFree(dom);",
              "1:5: prefer-virsh-free: use virshDomainFree() or g_autoptr(virshDomain) instead\n"
              "  of virDomainFree()")],
        good=("    g_autoptr(virshDomain) dom = NULL;",
              "    virshDomainFree(dom);")),
    Pattern(
        "virsh-enum-prefix",
        r"(?:(?<=\bVIR_ENUM_IMPL\()|(?<=\bVIR_ENUM_DECL\())vir(?!s)(\w+)",
        r"name virsh's enums with the virsh prefix: virsh\1, not vir\1",
        syntax_check="sc_prohibit_enum_impl_with_vir_prefix_in_virsh",
        summary="an enum of virsh named vir..., not virsh...", profiles=("glib",),
        needs=("VIR_ENUM_IMPL", "VIR_ENUM_DECL"), files=("tools/virsh*.c", "tools/virsh*.h"),
        example_path="tools/virsh-domain.c",
        what="An enum declared or implemented in virsh (``tools/virsh*.c``) with "
             "``VIR_ENUM_DECL()`` or ``VIR_ENUM_IMPL()`` under a name that starts with ``vir`` "
             "but not ``virsh``.",
        why="The macros define virFooTypeToString() and virFooTypeFromString(); in virsh, "
            "which links libvirt's utility library, a vir name can collide with the library's "
            "own enum of the same name, and it reads as if the strings were the library's.",
        bad=[("VIR_ENUM_DECL(virDomainThrottle);",
              "1:15: virsh-enum-prefix: name virsh's enums with the virsh prefix:\n"
              "  virshDomainThrottle, not virDomainThrottle")],
        good="VIR_ENUM_DECL(virshDomainThrottle);"),
    Pattern(
        "prefer-n-macro", r"\bgettext_noop(?=\s*\()",
        "use N_() instead of gettext_noop()",
        syntax_check="sc_prohibit_gettext_noop",
        summary="gettext_noop() where libvirt marks strings with N_()", replacement="N_",
        what="A call of ``gettext_noop()``.",
        why="libvirt's internal.h defines N_() to mark a string for translation later; "
            "gettext_noop() came from gnulib's gettext.h, which today's tree no longer has, "
            "and is a second spelling of the same mark (GLib's <glib/gi18n.h> has N_() "
            "too).",
        bad=[("    const char *what = gettext_noop(\"throttle group\");",
              "1:24: prefer-n-macro: use N_() instead of gettext_noop()\n"
              "    fix: \"gettext_noop\" -> \"N_\"")],
        good="    const char *what = N_(\"throttle group\");"),
    Pattern(
        "rpc-array-bound", r"<\s*>",
        "give the XDR array an upper bound: name<FOO_MAX>, with FOO_MAX a protocol constant",
        needs=("<",),
        syntax_check="sc_prohibit_unbounded_arrays_in_rpc",
        summary="an XDR array or string without an upper bound (`<>`)", files=("*.x",),
        example_path="src/remote/remote_protocol.x",
        what="An array or string in an XDR protocol definition (a ``.x`` file) declared "
             "without a maximum length: ``<>``.",
        why="The receiving side allocates what the length word of a message says; without a "
            "maximum a peer can announce four gigabytes and make the daemon allocate them.  "
            "Every variable-length field of libvirt's protocols has a named limit "
            "(REMOTE_DOMAIN_LIST_MAX...), checked before anything is allocated.",
        bad=[("    remote_nonnull_string names<>;",
              "1:32: rpc-array-bound: give the XDR array an upper bound: name<FOO_MAX>, with\n"
              "  FOO_MAX a protocol constant")],
        good="    remote_nonnull_string names<REMOTE_DOMAIN_LIST_MAX>;"),
    Pattern(
        "no-devname", r"\bdevname\b",
        "pick another name than devname (devName, dev_name): FreeBSD declares devname() in "
        "<stdlib.h>",
        syntax_check="sc_prohibit_devname",
        summary="`devname` as a name, which FreeBSD's <stdlib.h> declares",
        files=LIBVIRT_CODE + ("src/*.x",),
        exclude=("docs/*", "tests/qemucapabilitiesdata/*", "tools/virsh.pod"),
        what="The identifier ``devname`` in code: a variable, a parameter, a member or a "
             "function, in libvirt's own sources and tools.  The word in a comment or a string "
             "(virsh's ``--devname`` option) is fine, as is a line holding "
             "``sc_prohibit_devname``, libvirt's marker.  Programs built on libvirt from "
             "outside, with build flags of their own, are left alone (libvirt-glib's public "
             "API has a ``devname`` parameter).",
        why="FreeBSD's <stdlib.h> declares a function devname(); a variable of that name "
            "shadows it, and libvirt builds with -Wshadow, so the FreeBSD build warns (and "
            "fails where warnings are errors, as in a build from a git checkout).",
        bad=[("    const char *devname = virDomainDiskGetSource(disk);",
              "1:17: no-devname: pick another name than devname (devName, dev_name): FreeBSD\n"
              "  declares devname() in <stdlib.h>")],
        good=("    const char *devName = virDomainDiskGetSource(disk);",
              "    vshCommandOptString(ctl, cmd, \"devname\", &name);")),
    Pattern(
        "no-dirent-d-type", r"(?:->|\.)d_type\b",
        "stat() the entry instead of reading d_type: it is not portable and may be "
        "DT_UNKNOWN",
        syntax_check="sc_prohibit_dirent_d_type",
        summary="a read of struct dirent's d_type, which is not portable and may be DT_UNKNOWN",
        needs=("d_type",),
        files=("*.c", "*.h", "*.x"), exclude=("src/util/vircgroup.c",),
        what="A read of the ``d_type`` member (``ent->d_type``, ``ent.d_type``) of a struct "
             "dirent.",
        why="d_type is an extension some systems lack, and where it exists, several "
            "filesystems (older XFS, some network filesystems) fill in DT_UNKNOWN for every "
            "entry: code that trusts it misses every entry of the type it tests for there.  "
            "stat() the entry (virFileIsDir(), virFileIsLink()...) to learn its type.",
        bad=[("    if (ent->d_type == DT_DIR)",
              "1:12: no-dirent-d-type: stat() the entry instead of reading d_type: it is not\n"
              "  portable and may be DT_UNKNOWN")],
        good="    if (virFileIsDir(path))"),
]
