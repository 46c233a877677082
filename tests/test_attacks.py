"""Attacks on kg from its inputs and from the network, each with its reproducer: a feed whose
body names a local file, forged requests to ``kg serve``, SERVICE calls, runaway queries.
Every one ends in one line on stderr and a non-zero exit (or a refused request), with nothing
of the machine read and nothing stored lost. Servers are real, on free 127.0.0.1 ports."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.sources import ReadOptions, documents, read

SECRET_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Private notes</title>
<item><title>Hidden</title><guid>n1</guid>
<description>Orla Brennick secretly joined Quorvane Holdings.</description></item>
</channel></rss>"""


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_error_line(stderr: str, *words: str) -> bool:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    return len(lines) == 1 and lines[0].startswith("kg: error:") and all(
        w in lines[0] for w in words)


class Site(ThreadingHTTPServer):
    """A web server on a free loopback port: ``pages`` maps a path to its body."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Page)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.pages: dict[str, bytes] = {}
        self.hits: list[str] = []

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up: not the test's business


class _Page(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        body = self.server.pages.get(self.path)
        self.send_response(404 if body is None else 200)
        body = b"not here" if body is None else body
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- 1. a feed body that names a local file ----------------------------------------------------
def test_a_feed_whose_body_is_a_path_does_not_read_that_file(tmp_path):
    secret = tmp_path / "private.rss"
    secret.write_text(SECRET_FEED, encoding="utf-8")
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    for name, target in (("a.xml", secret), ("b.xml", passwd), ("z.xml", Path("/dev/zero"))):
        feed = tmp_path / name
        feed.write_text(str(target), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            list(read(feed))
        assert "Brennick" not in str(caught.value) and "root:" not in str(caught.value)
    result = run("build", tmp_path / "b.xml", "--store", tmp_path / "store", "--no-export")
    assert result.exit_code == 1 and one_error_line(result.stderr)
    assert "root:" not in result.output


def test_a_remote_feed_whose_body_is_a_local_path_reads_nothing_of_this_machine(tmp_path, site):
    secret = tmp_path / "private.rss"
    secret.write_text(SECRET_FEED, encoding="utf-8")
    site.pages["/feed"] = str(secret).encode("utf-8")
    skipped: list[str] = []
    with pytest.raises(InputError):
        list(documents([f"{site.base}/feed"], skipped, ReadOptions(fetch_timeout=5)))
    assert "Brennick" not in " ".join(skipped)
    assert site.hits == ["/feed"]
