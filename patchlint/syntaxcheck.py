"""libvirt's syntax-check targets that patchlint does not judge on a patch, and why.

Every other target of libvirt's ``build-aux/syntax-check.mk`` is ported by one or more rules
(their ``syntax_check`` key); ``patchlint rules --syntax-check`` lists both, target by target.
A target is left here only when a patch cannot show what it checks: it compares the whole tree
with itself, or runs a tool of its own over whole files.
"""

NOT_JUDGED = {
    "sc_po_check":
        "compares po/POTFILES with every file of the tree that has translatable strings: a "
        "question about the whole tree, which 'meson test' and the CI answer",
    "sc_flake8":
        "runs flake8 over libvirt's Python scripts: run flake8 itself (or its pre-commit hook)",
    "sc_black":
        "runs black over libvirt's Python scripts: run black itself (or its pre-commit hook)",
    "sc_preprocessor_indentation":
        "runs cppi, which follows the nesting of #if across a whole file: run cppi itself",
    "sc_spec_indentation":
        "runs cppi over the RPM spec file's %if nesting: run cppi itself",
    "sc_group-qemu-caps":
        "checks that src/qemu/qemu_capabilities.[ch] keep their capability list grouped, "
        "reading both whole files (scripts/group-qemu-caps.py)",
    "sc_mock-noinline":
        "pairs every function a test mock overrides with its G_NO_INLINE declaration in a "
        "header elsewhere in the tree (scripts/mock-noinline.py); libvirt's own target reads "
        "its file list with the newlines kept and never fails",
}
