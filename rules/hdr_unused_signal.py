"""``<signal.h>`` included by a file that uses nothing of it.

## What it flags
An ``#include <signal.h>`` in a ``.c`` file that, as the patch leaves it, uses nothing the
header declares: a function (``kill()``, ``raise()``, ``sigaction()``, ``sigprocmask()``,
``pthread_sigmask()``, ``sigemptyset()`` and the rest), a type (``sigset_t``, ``siginfo_t``,
``pid_t``, ``sig_atomic_t``...), a constant (``SA_RESTART``, ``SIG_BLOCK``...) or a signal's
name (``SIGTERM``, ``SIGCHLD``...).  That is, the patch adds the include to a file that has no
use for it, or removes the file's last use of the header and leaves the include behind.  The
finding is on the ``#include`` line.  The file must be known whole (a new file, or one the tree
at hand holds) and must have passed before the patch.  Uses are searched for as libvirt searches
them, in the whole text, comments and strings included.

## Why
An include nobody needs costs every build of the file and tells the reader a story
that is not true: here, that the file deals with signals.  The names that count are those
gnulib lists for ``<signal.h>``; a file that uses one of them through another header
(``pid_t`` from ``<sys/types.h>``) is let off, as libvirt lets it off.

## Example
```c path=src/util/virthrottle.c
#include <config.h>

#include <signal.h>

#include "virthrottle.h"

int
virThrottleGroupCount(virThrottle *t)
{
    return t->ngroups;
}
```
```findings
3: unused-signal-h: <signal.h> is included but none of its functions, types or
  signal names is used
```

## Use instead
```c path=src/util/virthrottle.c
#include <config.h>

#include <signal.h>

#include "virthrottle.h"

int
virThrottleStop(virThrottle *t)
{
    return kill(t->worker, SIGTERM);
}
```

## Origin
libvirt's ``sc_prohibit_signal_without_use`` (from gnulib's ``maint.mk``).
"""

from patchlint.api import ERROR, lazy_re, rule, unused_include

_FUNCTIONS = ("bsd_signal|kill|killpg|pthread_kill|pthread_sigmask|raise|sigaction|sigaddset|"
              "sigaltstack|sigdelset|sigemptyset|sigfillset|sighold|sigignore|siginterrupt|"
              "sigismember|signal|sigpause|sigpending|sigprocmask|sigqueue|sigrelse|sigset|"
              "sigsuspend|sigtimedwait|sigwait|sigwaitinfo")
_NAMES = ("SIGABRT|SIGALRM|SIGALRM1|SIGBUS|SIGCANCEL|SIGCHLD|SIGCLD|SIGCONT|SIGDANGER|SIGDIL|"
          "SIGEMT|SIGFPE|SIGFREEZE|SIGGRANT|SIGHUP|SIGILL|SIGINFO|SIGINT|SIGIO|SIGIOT|SIGKAP|"
          "SIGKILL|SIGKILLTHR|SIGLOST|SIGLWP|SIGMIGRATE|SIGMSG|SIGPHONE|SIGPIPE|SIGPOLL|SIGPRE|"
          "SIGPROF|SIGPWR|SIGQUIT|SIGRETRACT|SIGSAK|SIGSEGV|SIGSOUND|SIGSTKFLT|SIGSTOP|SIGSYS|"
          "SIGTERM|SIGTHAW|SIGTRAP|SIGTSTP|SIGTTIN|SIGTTOU|SIGURG|SIGUSR1|SIGUSR2|SIGVIRT|"
          "SIGVTALRM|SIGWAITING|SIGWINCH|SIGWIND|SIGWINDOW|SIGXCPU|SIGXFSZ|"
          "MINSIGSTKSZ|SA_NOCLDSTOP|SA_NOCLDWAIT|SA_NODEFER|SA_ONSTACK|SA_RESETHAND|SA_RESTART|"
          "SA_SIGINFO|SIGEV_NONE|SIGEV_SIGNAL|SIGEV_THREAD|SIGSTKSZ|SIG_BLOCK|SIG_SETMASK|"
          "SIG_UNBLOCK|SS_DISABLE|SS_ONSTACK|mcontext_t|pid_t|sig_atomic_t|sigevent|siginfo_t|"
          "sigset_t|sigstack|sigval|stack_t|ucontext_t")

_USE = lazy_re(rf"\b(?:{_FUNCTIONS}) *\(|\b(?:{_NAMES})\b")
_MESSAGE = "<signal.h> is included but none of its functions, types or signal names is used"


@rule("unused-signal-h", severity=ERROR, files=("*.c",),
      syntax_check="sc_prohibit_signal_without_use", family="comments")
def check(file):
    yield from unused_include(file, "signal.h", _USE, _MESSAGE)
