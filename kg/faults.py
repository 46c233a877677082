"""Named points of a build where the fault tests stop it for real.

``KG_FAULT=ACTION:POINT`` in the environment makes the build act when it reaches ``POINT``:
``kill`` sends itself SIGKILL, ``interrupt`` SIGINT (Ctrl-C), ``stop`` SIGSTOP (frozen, holding
whatever it holds, until SIGCONT), ``enospc`` raises the OSError of a full disk. Unset, a
checkpoint costs one dictionary lookup. Points: scan, model, parse, resolve, store.new,
store.load, store.loaded, store.state, store.published, export.turtle, export.graphml,
export.tmp, done.
"""

from __future__ import annotations

import errno
import os
import signal

_SIGNALS = {"kill": signal.SIGKILL, "interrupt": signal.SIGINT, "stop": signal.SIGSTOP}


def checkpoint(point: str) -> None:
    wanted = os.environ.get("KG_FAULT")
    if not wanted:
        return
    action, _, where = wanted.partition(":")
    if where != point:
        return
    if action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if action in _SIGNALS:
        os.kill(os.getpid(), _SIGNALS[action])
