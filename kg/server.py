"""``kg serve``: the store as a SPARQL 1.1 Protocol endpoint, served by Oxigraph's own server
(the ``oxigraph`` command of the PyPI package of the same name) behind kg's gate
(``kg.gate``), which listens on the address asked for and refuses forged requests, updates
without the token and calls to other endpoints. The Oxigraph server listens on a loopback port
of its own and stops any query after ``timeout`` seconds.

Read-only by default. The server holds the store's lock (shared when read-only, so queries still
run; exclusive with ``--read-write``), and so does its ``oxigraph`` child, which inherits the
lock's file descriptor: a ``kg build`` on the same store stops with "in use" instead of writing
under either. On Linux the child is also killed when ``kg serve`` dies, even by SIGKILL.

An update changes the graph behind the build that wrote it: before the first one is passed on,
the generation's state record (and what its build kept for the next) is deleted, so that the
next ``kg build`` vouches for nothing it did not write and writes the whole graph again.
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from kg import storedir
from kg.errors import InputError, StoreError
from kg.lifetime import die_with_parent
from kg.sparqlguard import QUERY_TIMEOUT
from kg.storedir import StoreLock

TOKEN_VARIABLE = "KG_SERVE_TOKEN"  # a token of one's own for --read-write (else a new one)


def server_command(database: Path, host: str, port: int, read_write: bool,
                   timeout: float = QUERY_TIMEOUT) -> list[str]:
    """The command line that serves the Oxigraph database folder ``database``."""
    here = Path(sys.executable).parent / "oxigraph"
    binary = str(here) if here.exists() else shutil.which("oxigraph")
    if binary is None:
        raise StoreError("the 'oxigraph' server is not installed; run: pip install oxigraph")
    return [binary, "serve" if read_write else "serve-read-only",
            "--location", str(database), "--bind", f"{host}:{port}",
            "--union-default-graph", "--timeout-s", str(max(1, round(timeout)))]


def new_token() -> str:
    return os.environ.get(TOKEN_VARIABLE) or secrets.token_urlsafe(24)


def run_server(store: Path, host: str = "127.0.0.1", port: int = 7878,
               read_write: bool = False, announce: Callable[[str], None] | None = None,
               timeout: float = QUERY_TIMEOUT, allow_service: bool = False) -> int:
    """Serve until interrupted; returns the server's exit code (0 after Ctrl-C).
    ``announce`` is called once the server answers, with the token updates need ("" when
    read-only)."""
    from kg.gate import Gate, Policy, allowed_hosts

    if not store.is_dir() or not storedir.is_store(store):
        raise StoreError(f"{store}: no kg store here; run 'kg build' first or pass --store DIR")
    lock = StoreLock(store, exclusive=read_write)
    backend = gate = None
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        generation = storedir.current(store)
        if generation is None:
            raise StoreError(f"{store}: no kg store here; run 'kg build' first")
        token = new_token() if read_write else ""
        policy = Policy(allowed_hosts(host, port), token, allow_service,
                        functools.partial(storedir.disown, generation))
        backend = Backend(functools.partial(server_command, generation / storedir.DATABASE,
                                            "127.0.0.1", read_write=read_write,
                                            timeout=timeout), lock.fd, timeout)
        try:
            gate = Gate((host, port), backend, policy)
        except OSError as err:
            raise InputError(f"cannot listen on {host}:{port} ({err.strerror or err}); "
                             "pick another --port") from err
        if not backend.start():
            raise StoreError(f"{store}: the Oxigraph server stopped as it started: "
                             f"{backend.first_error()}")
        threading.Thread(target=backend.watch, args=(gate.shutdown,), daemon=True).start()
        if announce is not None:
            announce(token)
        gate.serve_forever()
        return backend.returncode()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if gate is not None:
            gate.server_close()
        if backend is not None:
            backend.stop()
        lock.release()


class Backend:
    """The Oxigraph server behind the gate, on a loopback port of its own. Oxigraph checks its
    time limit only between steps of a query, and a step of a large join can take hours; so
    when a request has been in its hands ``GRACE`` seconds longer than the limit, the server
    is killed (a reader: nothing is lost; an update is one transaction) and started again."""

    GRACE = 5.0

    def __init__(self, command: Callable[[int], list[str]], lock_fd: int | None,
                 timeout: float) -> None:
        self.command = command
        self.lock_fd = lock_fd
        self.timeout = timeout
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._running: dict[int, float] = {}
        self._tickets = 0
        self._guard = threading.Lock()
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._early: list[str] = []
        self._reader: threading.Thread | None = None

    def begin(self) -> object:
        self._ready.wait(30)  # a restart takes a moment: requests wait for it
        with self._guard:
            self._tickets += 1
            self._running[self._tickets] = time.monotonic()
            return self._tickets

    def end(self, ticket: object) -> None:
        with self._guard:
            self._running.pop(ticket, None)  # type: ignore[call-overload]

    def start(self) -> bool:
        """Start the server; False if it exited before it listened."""
        self.port = _free_port()
        # the server's own errors without a Rust backtrace: one line, like kg's
        self.process = subprocess.Popen(
            self.command(self.port), env={**os.environ, "RUST_BACKTRACE": "0"},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            pass_fds=() if self.lock_fd is None else (self.lock_fd,),
            preexec_fn=functools.partial(die_with_parent, os.getpid()))
        self._early = []
        self._reader = threading.Thread(target=self._pass_errors, args=(self.process.stderr,),
                                        daemon=True)
        self._reader.start()
        if not _answers(self.port, self.process):
            return False
        self._ready.set()
        return True

    def _pass_errors(self, stream: IO[bytes] | None) -> None:
        """The Oxigraph server's messages to stderr once it listens (but for its line saying
        where: the loopback port behind the gate, not the one to use); before, they are kept
        for ``first_error``."""
        if stream is None:
            return
        for line in stream:
            if not self._ready.is_set():
                self._early.append(line.decode("utf-8", "replace"))
            elif not line.startswith(b"Listening for requests at"):
                sys.stderr.buffer.write(line)
                sys.stderr.flush()

    def first_error(self) -> str:
        """What the server said when it stopped before it listened, on one line."""
        if self._reader is not None:
            self._reader.join(5)  # the server is gone: its last words are being read
        said = next((ln.strip().removeprefix("Error: ") for ln in self._early if ln.strip()),
                    f"exit code {self.returncode()}")
        advice = "; rebuild it with kg build --fresh --store DIR" if "Corruption" in said else ""
        return said[:200] + advice

    def returncode(self) -> int:
        return 0 if self.process is None else (self.process.poll() or 0)

    def watch(self, stop_gate: Callable[[], None]) -> None:
        """Until stopped: restart the server when a request outlives the time limit; stop the
        gate when the server exits by itself."""
        while not self._stopping.wait(0.5):
            if self.process is None or self.process.poll() is not None:
                stop_gate()
                return
            now = time.monotonic()
            with self._guard:
                overdue = any(now - t > self.timeout + self.GRACE
                              for t in self._running.values())
                if overdue:
                    self._running.clear()
            if overdue:
                self._ready.clear()
                self._kill()
                try:
                    started = self.start()
                except StoreError as err:
                    sys.stderr.write(f"kg: error: {err}\n")
                    started = False
                if not started:
                    stop_gate()
                    return

    def stop(self) -> None:
        self._stopping.set()
        self._kill()

    def _kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()




def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int, process: subprocess.Popen[bytes], wait: float = 30.0) -> bool:
    """Whether the Oxigraph server listens on ``port`` before it exits or ``wait`` ends."""
    end = time.monotonic() + wait
    while process.poll() is None and time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    if process.poll() is None:
        raise StoreError(f"the Oxigraph server did not start within {wait:g} s")
    return False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server like Ctrl-C
