"""``<dirent.h>`` included by a file that reads no directory.

## What it flags
An ``#include <dirent.h>`` in a ``.c`` file that, as the patch leaves it, uses nothing the
header declares: ``DIR``, ``struct dirent``, ``opendir()``, ``readdir()``, ``closedir()``,
``dirfd()``, ``scandir()``, ``alphasort()``, ``ino_t``, ``d_ino`` and their kin (their ``64``
and ``_r`` forms too).  That is, the patch adds the include to a file that has no use for it, or
removes the file's last use of the header and leaves the include behind.  The finding is on the
``#include`` line.  The file must be known whole (a new file, or one the tree at hand holds) and
must have passed before the patch.  Uses are searched for as libvirt searches them, in the whole
text, comments and strings included.

## Why
An include nobody needs costs every build of the file and tells the reader a story
that is not true.  It is typically left behind when the code that read a directory moves to
another file, or to ``virDirOpen()`` in a file whose header already brings ``DIR`` in.

## Example
```c path=src/util/virthrottle.c
#include <config.h>

#include <dirent.h>

#include "virfile.h"

int
virThrottleLoad(const char *dir)
{
    return virFileIsDir(dir) ? 0 : -1;
}
```
```findings
3: unused-dirent-h: <dirent.h> is included but nothing of it is used (DIR,
  struct dirent, opendir()...)
```

## Use instead
```c path=src/util/virthrottle.c
#include <config.h>

#include "virfile.h"

int
virThrottleLoad(const char *dir)
{
    return virFileIsDir(dir) ? 0 : -1;
}
```

## Origin
libvirt's ``sc_prohibit_dirent_without_use`` (from gnulib's ``maint.mk``).
"""

from patchlint.api import ERROR, lazy_re, rule, unused_include

_USE = lazy_re(r"\b(?:dirfd|(?:close|(?:fd)?open|read|rewind|seek|tell)dir(?:64)?(?:_r)?"
    r"|(?:versionsort|struct dirent|getdirentries|alphasort|scandir(?:at)?)(?:64)?"
    r"|MAXNAMLEN|DIR|ino_t|d_ino|d_fileno|d_namlen)\b")
_MESSAGE = "<dirent.h> is included but nothing of it is used (DIR, struct dirent, opendir()...)"


@rule("unused-dirent-h", severity=ERROR, files=("*.c",),
      syntax_check="sc_prohibit_dirent_without_use", family="comments")
def check(file):
    yield from unused_include(file, "dirent.h", _USE, _MESSAGE)
