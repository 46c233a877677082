"""Real SPARQL servers on free loopback ports, for the store tests and the store benchmark:
Oxigraph server (``oxigraph serve``, installed with kg) and Virtuoso Open Source 7."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import HTTPServer
from pathlib import Path
from typing import TypeVar

import requests

OXIGRAPH = Path(sys.executable).with_name("oxigraph")


_S = TypeVar("_S", bound=HTTPServer)


@contextmanager
def serving(server: _S) -> Iterator[_S]:
    """An HTTP server of the test's, answering from a thread until the block ends."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port, its database in ``location``."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(self.location),
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                requests.get(self.url + "query?query=ASK%7B%7D", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


class VirtuosoServer:
    """Virtuoso Open Source 7 (``virtuoso-t``) on free loopback ports, its database in
    ``folder``, with the SPARQL user allowed to update (which the Graph Store Protocol needs)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/?query=sparql&store=sparql-graph-crud"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        (self.folder / "db").mkdir(parents=True)
        ini = VIRTUOSO_INI.read_text(encoding="utf-8")
        ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{self.folder}/db/")
        ini = re.sub(r"(?m)^ServerPort(\s*)= 1111$", f"ServerPort\\1= {self.sql_port}", ini)
        ini = re.sub(r"(?m)^ServerPort(\s*)= 8890$", f"ServerPort\\1= {self.http_port}", ini)
        (self.folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
        self.process = subprocess.Popen(
            [shutil.which("virtuoso-t") or "virtuoso-t", "-f", "-c", "virtuoso.ini"],
            cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                requests.get(f"http://127.0.0.1:{self.http_port}/sparql?query=ASK%7B%7D",
                             timeout=1).raise_for_status()
                break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            raise RuntimeError("virtuoso-t did not start")
        subprocess.run([shutil.which("isql-vt") or "isql-vt", str(self.sql_port), "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
