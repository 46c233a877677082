"""Child processes that do not outlive kg: a parsing worker or an ``oxigraph`` server left
running after ``kg`` was killed would print tracebacks into the user's terminal or keep
serving (and locking) a store nobody is watching."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Run in a child: the kernel kills it (SIGKILL) when its parent dies (Linux only); if the
    parent ``parent`` is already gone, exit now."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
