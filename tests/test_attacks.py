"""Attacks on kg from its inputs and from the network, each with its reproducer: a feed whose
body names a local file, forged requests to ``kg serve``, SERVICE calls, runaway queries.
Every one ends in one line on stderr and a non-zero exit (or a refused request), with nothing
of the machine read and nothing stored lost. Servers are real, on free 127.0.0.1 ports."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError, StoreError
from kg.sources import ReadOptions, documents, read
from tests.servers import serving

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
        self.redirects: dict[str, str] = {}  # a path -> where it sends the client
        self.drips: set[str] = set()  # paths whose body comes a byte every 0.3 s
        self.hits: list[str] = []
        self.auth: list[str] = []  # the Authorization header of each request

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up: not the test's business


class _Page(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        self.server.auth.append(self.headers.get("Authorization") or "")
        if self.path in self.server.redirects:
            self.send_response(302)
            self.send_header("Location", self.server.redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path in self.server.drips:
            self.send_response(200)
            self.send_header("Content-Length", "200")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.3)
            return
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
    with serving(Site()) as server:
        yield server


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


# --- 2-5. kg serve: forged requests, rebinding, SERVICE, runaway queries ----------------------
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory, nlp) -> Path:
    """A store of one invented story (its graph holds the ontology: about a thousand triples)."""
    from kg.pipeline import BuildOptions, build

    base = tmp_path_factory.mktemp("small")
    (base / "corpus").mkdir()
    (base / "corpus" / "a.txt").write_text("Acme Corp hired Dana Reyes in May.\n",
                                           encoding="utf-8")
    build([base / "corpus"], BuildOptions(store=base / "store", out=None, jobs=1), nlp=nlp)
    return base


class Served:
    """``kg serve`` in a child process on a free port; ``lines`` are what it printed."""

    def __init__(self, store: Path, *options: str, env: dict[str, str] | None = None) -> None:
        from tests.servers import free_port

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port",
             str(self.port), *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, env={**os.environ, **(env or {})})
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        end = time.monotonic() + 60
        while not any("SPARQL endpoint on" in ln for ln in self.lines):
            assert self.process.poll() is None and time.monotonic() < end, self.lines
            time.sleep(0.05)
        time.sleep(0.2)  # the token line follows the first

    def _read(self) -> None:
        assert self.process.stderr is not None
        with self.process.stderr:  # closed at the end, when the server is gone
            for line in self.process.stderr:
                self.lines.append(line.rstrip("\n"))

    @property
    def token(self) -> str:
        [found] = [m.group(1) for ln in self.lines
                    if (m := re.search(r"Authorization: Bearer (\S+)'", ln))]
        return found

    def request(self, path: str, data: dict[str, str] | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode("utf-8") if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={
            "Accept": "text/csv", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8")

    def count(self) -> int:
        status, text = self.request("/query", {"query": COUNT})
        assert status == 200, text
        return int(text.split()[-1])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(30)
        self.reader.join(10)


@pytest.fixture
def serve(small_store, tmp_path) -> Iterator[Callable[..., Served]]:
    """Start ``kg serve`` with options on a copy of the small store."""
    import shutil

    shutil.copytree(small_store, tmp_path / "base")
    started: list[Served] = []

    def start(*options: str, env: dict[str, str] | None = None) -> Served:
        started.append(Served(tmp_path / "base" / "store", *options, env=env))
        return started[-1]

    yield start
    for served in started:
        served.stop()


def test_serve_read_write_refuses_forged_and_tokenless_updates(serve):
    served = serve("--read-write")
    triples = served.count()
    assert triples > 500
    drop = {"update": "DROP ALL"}
    forged = [{"Origin": "http://evil.example"}, {"Origin": "null"},
              {"Host": f"evil.example:{served.port}"}, {"Sec-Fetch-Site": "cross-site"}, {},
              {"Authorization": "Bearer wrong"}]
    for headers in forged:
        status, text = served.request("/update", drop, {
            "Authorization": f"Bearer {served.token}", **headers} if headers.keys() & {
            "Origin", "Host", "Sec-Fetch-Site"} else headers)
        assert status == 403, (headers, status, text)
    assert served.count() == triples
    import base64  # the token as the password of HTTP Basic (what --store URL clients send)

    basic = "Basic " + base64.b64encode(f"kg:{served.token}".encode()).decode()
    insert = {"update": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"}
    assert served.request("/update", insert, {"Authorization": basic})[0] == 204
    assert served.count() == triples + 1
    own = {"Origin": served.base, "Authorization": f"Bearer {served.token}"}
    assert served.request("/update", drop, own)[0] == 204
    assert served.count() == 0


def test_a_build_after_an_update_through_serve_writes_the_graph_again(serve, tmp_path, nlp,
                                                                     monkeypatch):
    from kg.pipeline import BuildOptions, build

    monkeypatch.chdir(tmp_path / "base")
    options = BuildOptions(store=Path("store"), out=None, jobs=1)
    triples = build(["corpus"], options, nlp=nlp).triples  # the sources as the rebuild names them
    served = serve("--read-write", env={"KG_SERVE_TOKEN": "s3cret-token"})
    assert served.count() == triples
    assert served.request("/update", {"update": "DROP ALL"},
                          {"Authorization": "Bearer s3cret-token"})[0] == 204
    served.stop()
    assert build(["corpus"], options, nlp=nlp).triples == triples
    count = run("query", "--store", "store", COUNT, "--format", "csv")
    assert count.output.split()[-1] == str(triples)


def test_serve_refuses_a_host_header_that_is_not_its_own(serve):
    served = serve()
    query = f"/query?query={urllib.parse.quote('ASK {}')}"
    assert served.request(query, headers={"Host": f"rebound.example:{served.port}"})[0] == 403
    assert served.request(query, headers={"Host": f"localhost:{served.port}"})[0] == 200
    assert served.request(query)[0] == 200
    status, text = served.request("/update", {"update": "DROP ALL"})
    assert status == 405 and "read-only" in text


def test_serve_and_query_refuse_service_calls_unless_allowed(serve, small_store, site):
    site.pages["/admin?x"] = b"secret admin page"
    service = f"SELECT * WHERE {{ SERVICE <{site.base}/admin?x> {{ ?s ?p ?o }} }}"
    served = serve()
    for form in ({"query": service}, {"query": service.replace("SERVICE", "service")}):
        status, text = served.request("/query", form)
        assert status == 403 and "SERVICE" in text
    status, _ = served.request("/update", {"update": f"INSERT {{ ?s ?p ?o }} WHERE {{ "
                                           f"SERVICE <{site.base}/x> {{ ?s ?p ?o }} }}"})
    assert status in (403, 405)
    result = run("query", "--store", small_store / "store", service)
    assert result.exit_code == 1 and one_error_line(result.stderr, "SERVICE", "--allow-service")
    assert site.hits == []
    run("query", "--store", small_store / "store", service, "--allow-service")
    assert site.hits  # the flag lets the call go
    gc.collect()  # the failed answer's pyoxigraph objects, in this thread (they may not move)


def test_a_runaway_query_is_stopped_by_serve_and_by_query(serve, small_store):
    served = serve("--timeout", "1")
    started = time.monotonic()
    status, text = served.request("/query", {"query": RUNAWAY}, timeout=120)
    assert time.monotonic() - started < 60
    assert status != 200 or "cancelled" in text or not text.strip().endswith("}")
    assert served.count() > 500  # the server answers again
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "kg", "query", "--store",
                             str(small_store / "store"), "--timeout", "1", RUNAWAY],
                            capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    assert result.returncode == 1 and one_error_line(result.stderr, "--timeout")


# --- 9. fetching: the whole fetch within its time, http(s) only -------------------------------
def test_fetch_timeout_bounds_the_whole_fetch_of_a_dripping_page(site):
    from kg.sources.fetch import FetchError, fetch

    site.drips.add("/drip")
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 1 s"):
        fetch(f"{site.base}/drip", ReadOptions(fetch_timeout=1))
    assert time.monotonic() - started < 3


def test_a_redirect_to_another_scheme_than_http_is_not_followed(site):
    from kg.sources.fetch import FetchError, fetch

    site.redirects["/ftp"] = "ftp://127.0.0.1:1/pub/secret.txt"
    site.redirects["/file"] = "file:///etc/hostname"
    site.redirects["/hop"] = f"{site.base}/feed"
    site.pages["/feed"] = b"fine"
    with pytest.raises(FetchError, match="not an http\\(s\\) URL; not followed"):
        fetch(f"{site.base}/ftp", ReadOptions(fetch_timeout=5))
    with pytest.raises(FetchError, match="not allowed"):  # urllib's own refusal
        fetch(f"{site.base}/file", ReadOptions(fetch_timeout=5))
    assert fetch(f"{site.base}/hop", ReadOptions(fetch_timeout=5)) == b"fine"


# --- 6, 7. bombs, giant records, deep nesting ------------------------------------------------
BOMB = 600 * 1024 * 1024  # what each bomb expands to; the reader may use 400 MB in all
READER = """import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))
from kg.sources import read_documents
skipped = []
sources = [d.source.rsplit("#", 1)[1] for d in read_documents(sys.argv[1], None, skipped)]
print(" ".join(sources))
print("\\n".join(skipped))
"""


def _gzip_of(path: Path, head: bytes, size: int, tail: bytes) -> None:
    """``head``, ``size`` bytes of a word, ``tail`` and a record of text after, gzipped."""
    import gzip

    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(head)
        chunk = b"word " * (2**20 // 5)
        for _ in range(size // len(chunk)):
            out.write(chunk)
        out.write(tail)


def _read_capped(path: Path) -> tuple[list[str], list[str]]:
    """The record keys and warnings of ``path``, read in a process held to 400 MB."""
    result = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    first, *rest = result.stdout.split("\n")
    return first.split(), [r for r in rest if r]


def test_compressed_records_that_expand_to_gigabytes_are_skipped_in_bounded_memory(tmp_path):
    good = json.dumps({"id": "good", "text": "Acme Corp hired Dana Reyes."}).encode()
    _gzip_of(tmp_path / "a.jsonl.gz", b'{"id": "bomb", "text": "', BOMB, b'"}\n' + good + b"\n")
    keys, skipped = _read_capped(tmp_path / "a.jsonl.gz")
    assert keys == ["good"] and skipped == [f"{tmp_path}/a.jsonl.gz#1: a record larger than "
                                            "16 MB; left out (--max-record-mb)"]
    _gzip_of(tmp_path / "b.csv.gz", b'id,text\nbomb,"', BOMB,
             b'"\ngood,Acme Corp hired Dana Reyes.\n')
    keys, skipped = _read_capped(tmp_path / "b.csv.gz")
    assert keys == ["good"] and skipped == [f"{tmp_path}/b.csv.gz#1: a field larger than 16 MB; "
                                            "left out (--max-record-mb)"]


def test_a_web_archive_page_that_expands_to_gigabytes_is_skipped_in_bounded_memory(tmp_path):

    def member(uri: str, body_head: bytes, size: int, body_tail: bytes) -> None:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        length = len(http) + len(body_head) + size + len(body_tail)
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n"
                f"WARC-Target-URI: http://x.example/{uri}\r\nWARC-Date: 2024-03-12T10:00:00Z\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {length}\r\n\r\n").encode() + http + body_head
        part = tmp_path / f"{uri}.gz"
        _gzip_of(part, head, size, body_tail + b"\r\n\r\n")
        with (tmp_path / "c.warc.gz").open("ab") as out:
            out.write(part.read_bytes())

    member("bomb", b"<html><body><p>", BOMB - BOMB % (2**20 // 5 * 5), b"</p></body></html>")
    story = b"<html><body><article><p>" + b"Acme Corp hired Dana Reyes in May. " * 20 + \
        b"</p></article></body></html>"
    member("good", story, 0, b"")
    keys, skipped = _read_capped(tmp_path / "c.warc.gz")
    assert keys == ["urn:uuid:good"]
    assert skipped == [f"{tmp_path}/c.warc.gz#urn:uuid:bomb: a page larger than 16 MB; left out "
                       "(--max-record-mb)"]


def test_max_record_mb_sets_the_largest_record_read(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "Acme hired Bob. " * 150_000}) + "\n",
                    encoding="utf-8")  # 2.4 MB
    skipped: list[str] = []
    assert list(documents([path], [], ReadOptions(record_max_mb=3)))
    with pytest.raises(InputError):  # nothing else to read in it
        list(documents([path], skipped, ReadOptions(record_max_mb=2)))
    assert skipped == [f"{path}#1: a record larger than 2 MB; left out (--max-record-mb)"]
    table = tmp_path / "big.csv"  # a field of 1 MB is read by default
    table.write_text('id,text\nbig,"' + "Acme hired Bob. " * 65_000 + '"\n', encoding="utf-8")
    assert [d.source for d in documents([table])] == [f"{table}#big"]


def test_a_record_nested_too_deep_is_skipped_and_the_build_goes_on(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 200_000 + "]" * 200_000 + "\n" + json.dumps(
        {"id": "ok", "text": "Acme Corp hired Dana Reyes."}) + "\n", encoding="utf-8")
    skipped: list[str] = []
    assert [d.source for d in documents([path], skipped)] == [f"{path}#ok"]
    assert skipped == [f"{path}#1: a JSON record nested too deep; left out"]
    (tmp_path / "deep.json").write_text('{"a": ' + "[" * 200_000 + "]" * 200_000 + "}",
                                        encoding="utf-8")
    with pytest.raises(InputError, match="nested too deep"):
        list(read(tmp_path / "deep.json"))


# --- 8. a symbolic link loop, as a real build meets it ----------------------------------------
def test_a_symbolic_link_loop_in_an_input_folder_is_a_warning_in_a_real_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Acme Corp hired Dana Reyes.\n", encoding="utf-8")
    (corpus / "self.txt").symlink_to("self.txt")
    skipped: list[str] = []
    # a build leaves its own store and exports out, which resolves every link it meets
    found = [d.source for d in documents([corpus], skipped, ReadOptions(
        leave_out=(tmp_path / "store", tmp_path / "out")))]
    assert found == [str(corpus / "a.txt")]
    assert skipped == [f"{corpus}/self.txt: a symbolic link that never reaches a file (a loop)"]


# --- 10. passwords in --store URLs -------------------------------------------------------------
@pytest.mark.parametrize("password", ["abc#123", "abc/123", "abc?123", "pa%40ss"])
def test_a_password_in_a_store_url_is_never_shown_and_is_sent_decoded(site, password):
    import base64

    result = run("stats", "--store", f"http://kim:{password}@127.0.0.1:{site.server_port}/")
    assert result.exit_code == 1 and one_error_line(result.stderr, "***@127.0.0.1")
    shown = result.output
    assert "abc" not in shown and password not in shown and "pa@ss" not in shown
    sent = urllib.parse.unquote(password)
    assert site.auth and site.auth[0] == "Basic " + base64.b64encode(
        f"kim:{sent}".encode()).decode()


# --- 11. formulas in the CSVs for people ------------------------------------------------------
EVIL = '=HYPERLINK("http://evil.example/","x")'


def test_csv_for_people_neutralises_cells_that_a_spreadsheet_runs_as_formulas():
    import csv
    import io

    from kg.export import csv_tables
    from kg.graphview import EntityGraph, Node
    from kg.output import Listing, render, stream

    for text in (render(Listing(("title", "n"), ((EVIL, 3), ("@SUM(A1)", -2))), "csv"),
                 "\n".join(stream(("title", "n"), [(EVIL, 3), ("@SUM(A1)", -2)], "csv"))):
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[1:] == [["'" + EVIL, "3"], ["'@SUM(A1)", "-2"]]
    nodes, _ = csv_tables(EntityGraph((Node("e1", "+cmd|' /C calc'!A0", "Person"),), ()))
    assert list(csv.reader(io.StringIO(nodes)))[1][1] == "'+cmd|' /C calc'!A0"


def test_the_w3c_query_csv_stays_verbatim(small_store):
    result = run("query", "--store", small_store / "store", "--format", "csv",
                 "SELECT ?t WHERE { BIND('=HYPERLINK(1)' AS ?t) }")
    assert result.exit_code == 0 and result.stdout.splitlines()[1] == "=HYPERLINK(1)"


# --- 12. damaged stores ------------------------------------------------------------------------
def _damage_sst(database: Path) -> None:
    for path in database.glob("*.sst"):
        path.write_bytes(b"\x8f" * 4096)


def _damage_current(database: Path) -> None:
    (database / "CURRENT").write_text("garbage", encoding="utf-8")


@pytest.mark.parametrize("damage", [_damage_sst, _damage_current])
def test_a_damaged_database_is_one_line_that_says_fresh_rebuilds(small_store, tmp_path, nlp,
                                                                 damage):
    import shutil

    from kg.pipeline import BuildOptions, build
    from kg.storedir import DATABASE, current

    store = tmp_path / "store"
    shutil.copytree(small_store / "store", store)
    damage(current(store) / DATABASE)
    for command in (("stats",), ("query", "ASK { ?s ?p ?o }"), ("show", "Acme Corp")):
        result = run(*command, "--store", store)
        assert result.exit_code == 1 and one_error_line(result.stderr, "damaged store",
                                                        "--fresh"), result.output
    options = BuildOptions(store=store, out=None, jobs=1)
    with pytest.raises(StoreError, match=r"damaged store.*--fresh"):
        build([small_store / "corpus"], options, nlp=nlp)
    build([small_store / "corpus"], BuildOptions(store=store, out=None, jobs=1, fresh=True),
          nlp=nlp)
    assert run("stats", "--store", store).exit_code == 0


def test_a_state_record_of_the_wrong_shape_is_read_as_missing(small_store, tmp_path, nlp):
    import shutil

    from kg.pipeline import BuildOptions, build
    from kg.storedir import STATE, current

    store = tmp_path / "store"
    shutil.copytree(small_store / "store", store)
    (current(store) / STATE).write_text('{"graphs": 5, "sentences": [1], "triples": "x"}',
                                        encoding="utf-8")
    assert run("stats", "--store", store).exit_code == 0
    report = build([small_store / "corpus"], BuildOptions(store=store, out=None, jobs=1),
                   nlp=nlp)
    assert report.triples > 500


# --- 14. small ones ----------------------------------------------------------------------------
def test_a_link_planted_at_a_temporary_name_is_never_written_through(small_store, tmp_path):
    from kg.storedir import write_file

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "graph.ttl.tmp").symlink_to(victim)
    result = run("export", "--store", small_store / "store", "-o", tmp_path / "graph.ttl")
    assert result.exit_code == 0, result.output
    (tmp_path / "state.json.tmp").symlink_to(victim)
    write_file(tmp_path / "state.json", b"{}")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8").startswith("@prefix")
    assert not (tmp_path / "graph.ttl.tmp").exists() and not (tmp_path / "state.json.tmp").exists()


def test_a_damaged_web_archive_is_one_line(tmp_path):
    from tests.test_sources import PAGE, write_warc

    path = tmp_path / "x.warc.gz"
    write_warc(path, [("http://a.example/", "text/html", PAGE)])
    path.write_bytes(path.read_bytes() + b"\x1f\x8b\x08\x00\x00\x03garbage\nmore\n")
    with pytest.raises(InputError) as caught:
        list(read(path))
    assert "\n" not in str(caught.value) and str(caught.value).isprintable()
    assert "damaged after record 2" in str(caught.value)


def test_since_after_until_is_a_usage_error(small_store):
    for order in (("--since", "2024", "--until", "2023"), ("--until", "2023", "--since", "2024")):
        result = run("timeline", "Acme Corp", "--store", small_store / "store", *order)
        assert result.exit_code == 2 and "--since is after --until" in result.stderr
    assert run("timeline", "Acme Corp", "--store", small_store / "store", "--since", "2023",
               "--until", "2023").exit_code == 0


def test_a_store_named_like_the_page_placeholder_stays_in_the_title(small_store):
    from kg.store import Store
    from kg.view import render_page

    with Store(small_store / "store", create=False) as opened:
        page = render_page(opened, title="kg graph: ./__DATA__")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and title.group(1) == "kg graph: ./__DATA__"


def test_fetch_public_only_refuses_a_loopback_address(site, tmp_path):
    from kg.sources.fetch import FetchError, fetch

    site.pages["/feed"] = b"fine"
    assert fetch(f"{site.base}/feed", ReadOptions(fetch_timeout=5)) == b"fine"
    with pytest.raises(FetchError, match="not a public address"):
        fetch(f"{site.base}/feed", ReadOptions(fetch_timeout=5, fetch_public_only=True))
    result = run("build", f"{site.base}/feed", "--fetch-public-only", "--no-export", "--store",
                 tmp_path / "store")
    assert result.exit_code == 1 and one_error_line(result.stderr, "not a public address")


# --- 13. a rebuild with other read options ----------------------------------------------------
def test_a_rebuild_with_other_read_options_keeps_what_it_no_longer_reads_and_says_so(tmp_path,
                                                                                     nlp):
    from kg.pipeline import BuildOptions, build
    from kg.store import Store

    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Acme Corp hired Dana Reyes.\n", encoding="utf-8")
    (news / "wire.jsonl").write_text("".join(json.dumps(
        {"id": f"w{i}", "short_description": f"Quorvane Mills hired Ilse Dravnik {i} times."}
    ) + "\n" for i in range(3)), encoding="utf-8")
    store = tmp_path / "store"
    first = build([news], BuildOptions(store=store, out=None, jobs=1,
                                       read=ReadOptions(text_field="short_description")), nlp=nlp)
    assert first.documents == 4
    for _ in range(2):  # said and kept at every build with the other options
        again = build([news], BuildOptions(store=store, out=None, jobs=1), nlp=nlp)
        assert again.removed == 0
        assert any("3 documents an earlier build read with other read options" in s
                   for s in again.skipped)
        with Store(store, create=False) as opened:
            assert len(opened.documents()) == 4
    pruned = build([news], BuildOptions(store=store, out=None, jobs=1, prune=True), nlp=nlp)
    assert pruned.removed == 3


def test_the_scan_of_many_repeated_records_holds_one_document_not_all(tmp_path):
    import gzip

    with gzip.open(tmp_path / "many.jsonl.gz", "wb", compresslevel=1) as out:
        out.write(b'{"text": "Acme Corp hired Dana Reyes."}\n' * 300_000)
    code = ("import sys\n"
            "from kg.stages.scan import _read_light\n"
            "from kg.sources import ReadOptions\n"
            "from kg.sources.language import Guesser\n"
            "print(len(_read_light(sys.argv[1], ReadOptions(), Guesser()).documents))\n"
            "status = open('/proc/self/status').read()\n"  # this program's peak, not its parent's
            "print(int(status.split('VmHWM:')[1].split()[0]) // 1024)\n")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "many.jsonl.gz")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-1000:]
    count, megabytes = result.stdout.split()
    assert count == "1" and int(megabytes) < 130  # holding every record took 200 MB


def test_serve_on_a_damaged_database_is_one_line(small_store, tmp_path):
    import shutil

    from kg.storedir import DATABASE, current
    from tests.servers import free_port

    store = tmp_path / "store"
    shutil.copytree(small_store / "store", store)
    _damage_current(current(store) / DATABASE)

    result = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(store),
                             "--port", str(free_port())], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and one_error_line(result.stderr, "Corruption", "--fresh")
