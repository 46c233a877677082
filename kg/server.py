"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint, served by Oxigraph's own server
(the ``oxigraph`` command of the PyPI package of the same name).

Read-only by default. While a read-only server runs, this process keeps the store open, so a
``kg build`` on the same store stops with "in use" instead of writing under the server.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from kg.errors import InputError, StoreError
from kg.store import Store


def server_command(store: Path, host: str, port: int, read_write: bool) -> list[str]:
    """The command line that serves ``store``."""
    here = Path(sys.executable).parent / "oxigraph"
    binary = str(here) if here.exists() else shutil.which("oxigraph")
    if binary is None:
        raise StoreError("the 'oxigraph' server is not installed; run: pip install oxigraph")
    return [binary, "serve" if read_write else "serve-read-only",
            "--location", str(store / "oxigraph"), "--bind", f"{host}:{port}",
            "--union-default-graph"]


def run_server(store: Path, host: str = "127.0.0.1", port: int = 7878,
               read_write: bool = False, announce: Callable[[], None] | None = None) -> int:
    """Serve until interrupted; returns the server's exit code (0 after Ctrl-C).
    ``announce`` is called once the store and the server command are known to be good."""
    if not (store / "oxigraph").exists():
        raise StoreError(f"{store}: no kg store here; run 'kg build' first or pass --store DIR")
    command = server_command(store, host, port, read_write)
    _check_free(host, port)
    guard = None if read_write else Store(store, create=False)  # holds the write lock
    if announce is not None:
        announce()
    process = None
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        # the server's own errors without a Rust backtrace: one line, like kg's
        process = subprocess.Popen(command, env={**os.environ, "RUST_BACKTRACE": "0"})
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait()
        if guard is not None:
            guard.close()


def _check_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as err:
            raise InputError(f"cannot listen on {host}:{port} ({err.strerror or err}); "
                             "pick another --port") from err


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server like Ctrl-C
