"""Comments, licence and headers: what libvirt no longer writes in a file, and how it includes.

Each entry is a pattern rule (see patchlint/patterns.py) over one added line.  The rules that
need more than a line (the file name in a file's header, the first include of a ``.c`` file,
the map of which ``src/`` directory may include which, a word doubled across a line break)
are code rules of the same family:
``hdr_*.py``.  The licence rules came with libvirt's clean-ups after 2012 (the 2012 tree still
had ``Author:`` lines, the FSF's postal address and plain ``http://`` links): they belong to
profile ``glib`` only, as do the two rules on public headers (the 2012 daemon and API files
included ``"libvirt/libvirt-qemu.h"`` and the like themselves).
"""

from patchlint.api import LIBVIRT_SOURCES, Family, Pattern

FAMILY = Family("comments", "Comments, licence and headers", rank=7)

# Hosts libvirt still links to with http:// (XML namespaces and schemas, licence texts,
# examples, sites without https); a line naming one of them is left alone.
HTTP_ALLOWED = (r"libvirt\.org.*/schemas/", r"\.dtd", "libosinfo", "localhost", "rdf:resource",
                r"schemas\.dmtf\.org", r"schemas\.microsoft\.com", r"schemas\.xmlsoap\.org",
                r"www\.inkscape\.org", r"www\.innotek\.de", r"www\.w3\.org", "xmlns",
                r"scripts\.sil\.org", r"www\.gnu\.org/licenses/", r"www\.sun\.com",
                r"example\.com", r"example\.org", r"herp\.derp", r"mah\.everybody\.org",
                r"etallen\.com", r"blog\.lystor\.org\.ua", r"blog\.mes-stats\.fr",
                r"www\.javvin\.com", r"kerneltrap\.org")

# Files libvirt never checks (binary or generated translations).
_NOT_TEXT = ("*.po", "*.pot", "*.ico", "*.png", "*.jpg", "*.gif", "*.woff", "*.woff2")

PATTERNS = [
    Pattern(
        "no-author-line",
        r"(?:\*|#)\s*[Aa]uthors?:",
        "no Author: lines in source comments: git records who wrote what",
        summary='an `Author:` line in a source comment',
        syntax_check="sc_prohibit_author", scope="any", files=("*",), exclude=_NOT_TEXT,
        profiles=("glib",), example_path="src/util/virthrottle.c",
        suggestion="drop the Author: line; the copyright line and git history say the rest",
        what="``Author:`` or ``Authors:`` (capitalised or not) after a comment's leading ``*`` "
             "or a ``#``: the author list of a file's header comment, in any text file.",
        why="An ``Author:`` list in a file goes stale with the first patch someone else "
            "writes, and it credits no one git does not already credit with more precision.  "
            "libvirt removed them all in 2019 and refuses new ones.",
        bad=[(" * Copyright (C) 2026 Red Hat, Inc.\n"
              " *\n"
              " * Author: Jane Developer <jane@example.org>",
              "3:2: no-author-line: no Author: lines in source comments: git records who "
              "wrote\n"
              "  what")],
        good=(" * Copyright (C) 2026 Red Hat, Inc.\n"
              " *\n"
              " * Throttle groups shared by several disks of a domain.")),

    Pattern(
        "no-fsf-address",
        r"Boston,\s+MA\b",
        "point to <https://www.gnu.org/licenses/> instead of the FSF's postal address",
        summary="the FSF's postal address where the licence's web page belongs",
        syntax_check="sc_copyright_usage", scope="any", files=("*",),
        exclude=("COPYING", "COPYING.LESSER") + _NOT_TEXT, profiles=("glib",),
        example_path="src/util/virthrottle.c",
        suggestion="use libvirt's licence header: '... License along with this library.  "
                   "If not, see <http://www.gnu.org/licenses/>.'",
        what="``Boston, MA``, the end of the Free Software Foundation's postal address in the "
             "licence header libvirt used to copy, in any file but the licence texts themselves.",
        why="The Free Software Foundation has moved before; the licence header libvirt uses "
            "names the web page where the licence can always be found instead of a street "
            "address.",
        bad=[(" * You should have received a copy of the GNU Lesser General Public\n"
              " * License along with this library; if not, write to the Free Software\n"
              " * Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA",
              "3:55: no-fsf-address: point to <https://www.gnu.org/licenses/> instead of the\n"
              "  FSF's postal address")],
        good=(" * You should have received a copy of the GNU Lesser General Public\n"
              " * License along with this library.  If not, see\n"
              " * <http://www.gnu.org/licenses/>.")),

    Pattern(
        "copying-lesser",
        r"\bCOPYING\.LIB\b",
        "the LGPL is in COPYING.LESSER, not COPYING.LIB",
        summary='a reference to `COPYING.LIB` instead of `COPYING.LESSER`',
        syntax_check="sc_copyright_usage", scope="any", files=("*",),
        exclude=("COPYING", "COPYING.LESSER") + _NOT_TEXT, replacement="COPYING.LESSER",
        profiles=("glib",), example_path="tools/virt-throttle.c",
        what="The file name ``COPYING.LIB``, in any file but the licence texts themselves.",
        why="libvirt ships the LGPL as ``COPYING.LESSER``; a reference to ``COPYING.LIB`` (the "
            "name of the LGPL 2.0 file) points at a file the tree does not have.",
        bad=[(" * See COPYING.LIB for the License of this software",
              "1:8: copying-lesser: the LGPL is in COPYING.LESSER, not COPYING.LIB\n"
              "    fix: \"COPYING.LIB\" -> \"COPYING.LESSER\"")],
        good=" * See COPYING.LESSER for the License of this software"),

    Pattern(
        "https-links",
        r"http://\w",
        "links must use https://",
        summary='a plain `http://` link',
        syntax_check="sc_prohibit_http_urls", scope="any", files=("*",), exclude=_NOT_TEXT,
        unless="|".join(HTTP_ALLOWED), profiles=("glib",),
        example_path="docs/kbase/throttle.rst",
        suggestion="use https:// (XML namespaces, schema URIs and the licence URL stay http://)",
        what="An ``http://`` link in any text file, unless its line names an address that "
             "identifies something rather than links to it, or a site without https: XML "
             "namespaces and libvirt's schema URIs, ``www.w3.org``, the licence's "
             "``www.gnu.org/licenses/``, example domains, ``localhost`` and a few old sites.",
        why="A plain ``http://`` link can be tampered with on its way and most sites redirect "
            "it anyway.  libvirt links with ``https://`` everywhere except where the URL is an "
            "identifier rather than a link (XML namespaces and schemas, the licence text) or "
            "the site has no https.",
        bad=[("See `QEMU's throttling <http://qemu.org/docs/master/throttle.html>`__.",
              "1:25: https-links: links must use https://")],
        good=("See `QEMU's throttling <https://qemu.org/docs/master/throttle.html>`__,\n"
              "and the schema at http://libvirt.org/schemas/domain/throttle/1.0.")),

    Pattern(
        "config-h-in-header",
        r"^\s*#\s*include\s*[<\"]config\.h[>\"]",
        "a header must not include <config.h>: the .c file includes it first",
        summary='a header that includes `<config.h>`',
        syntax_check="sc_prohibit_config_h_in_headers", files=("*.h",), exclude=("config.h",),
        needs=("config.h",), example_path="src/util/virthrottle.h",
        suggestion="drop the line; every .c file includes <config.h> before any header",
        what="An ``#include <config.h>`` (or ``\"config.h\"``) in a header file.",
        why="``<config.h>`` must come before every other header of a ``.c`` file (it sets "
            "feature macros the system headers read), so each ``.c`` file includes it first; "
            "a header including it again hides a ``.c`` file that forgot.",
        bad=[("#include <config.h>\n"
              "#include \"internal.h\"",
              "1:1: config-h-in-header: a header must not include <config.h>: the .c file\n"
              "  includes it first")],
        good="#include \"internal.h\""),

    Pattern(
        "public-header-include",
        r"^\s*#\s*include\s*<libvirt/[^>]*\.h>",
        "do not include the public libvirt/*.h headers in internal sources: include "
        "\"internal.h\"",
        summary='an internal source including a public header as `<libvirt/...>`',
        syntax_check="sc_prohibit_include_public_headers_brackets", files=LIBVIRT_SOURCES,
        exclude=("tools/*", "examples/*", "include/libvirt/virterror.h",
                 "include/libvirt/libvirt.h", "include/libvirt/libvirt-admin.h",
                 "include/libvirt/libvirt-qemu.h", "include/libvirt/libvirt-lxc.h"),
        needs=("libvirt/",), example_path="src/util/virthrottle.c", profiles=("glib",),
        suggestion="#include \"internal.h\" brings the public API in",
        what="An ``#include <libvirt/...h>`` in libvirt's own sources (``src/``, ``tests/`` and "
             "the public headers under ``include/libvirt/``), but for the public headers meant "
             "to include their siblings.",
        why="Internal code reaches the public API through ``internal.h``, which includes the "
            "public headers with the macros set that they expect; only external programs "
            "(tools, examples) include ``<libvirt/libvirt.h>`` themselves.  Projects built "
            "on libvirt from outside (libvirt-glib, libvirt-dbus) must include it, so the rule "
            "reads libvirt's own sources only: ``src/`` (its subdirectories and the API and "
            "driver files at its top), ``tests/`` and ``include/libvirt/``.",
        bad=[("#include <libvirt/libvirt-domain.h>",
              "1:1: public-header-include: do not include the public libvirt/*.h headers in\n"
              "  internal sources: include \"internal.h\"")],
        good="#include \"internal.h\""),

    Pattern(
        "public-header-include-quote",
        r"^\s*#\s*include\s*\"libvirt/[^\"]*\.h\"",
        "do not include the public libvirt/*.h headers in internal sources: include "
        "\"internal.h\"",
        summary='an internal source including a public header as `"libvirt/..."`',
        syntax_check="sc_prohibit_include_public_headers_quote", files=LIBVIRT_SOURCES,
        exclude=("src/internal.h", "tools/wireshark/src/packet-libvirt.c"),
        needs=("libvirt/",), example_path="src/util/virthrottle.c", profiles=("glib",),
        suggestion="#include \"internal.h\" brings the public API in",
        what="An ``#include \"libvirt/...h\"`` in libvirt's own sources (``src/``, ``tests/``, "
             "``include/libvirt/``), but for ``src/internal.h``, which is where they are "
             "included.",
        why="Internal code reaches the public API through ``internal.h``, which is the one "
            "file that includes ``\"libvirt/libvirt.h\"``.",
        bad=[("#include \"libvirt/virterror.h\"",
              "1:1: public-header-include-quote: do not include the public libvirt/*.h "
              "headers\n"
              "  in internal sources: include \"internal.h\"")],
        good="#include \"virerror.h\""),

]
