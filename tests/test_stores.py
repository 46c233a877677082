"""Every kind of store (kg/stores/) on the same cases: the embedded Oxigraph folder and a real
Oxigraph server (``oxigraph serve``) spoken to over the Graph Store Protocol and SPARQL 1.1."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kg.ontology import DOC
from kg.pipeline import BuildOptions, build
from kg.stores import open as open_store
from tests.servers import OXIGRAPH, VIRTUOSO_INI, OxigraphServer, VirtuosoServer, free_port

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NEW_TEXT = "\n\nZorvex Labs acquired Quibbly Systems in March 2024.\n"


@pytest.fixture
def virtuoso(tmp_path: Path) -> Iterator[VirtuosoServer]:
    if not (shutil.which("virtuoso-t") and shutil.which("isql-vt") and VIRTUOSO_INI.exists()):
        pytest.skip("Virtuoso Open Source 7 is not installed")
    running = VirtuosoServer(tmp_path / "virtuoso")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server binary is not installed")
    running = OxigraphServer(tmp_path / "oxigraph-data")
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def embedded_turtle(tmp_path_factory: pytest.TempPathFactory, nlp) -> bytes:
    here = tmp_path_factory.mktemp("embedded")
    build([SEEDS], BuildOptions(store=here / "store", out=here / "out", jobs=1), nlp)
    return (here / "out" / "graph.ttl").read_bytes()


@pytest.mark.parametrize("kind", ["embedded", "server", "virtuoso"])
def test_the_same_build_gives_the_same_turtle_on_every_kind_of_store(
        kind: str, request: pytest.FixtureRequest, embedded_turtle: bytes, nlp,
        tmp_path: Path) -> None:
    if kind != "embedded":
        location: Path | str = request.getfixturevalue(kind).url
    else:
        location = tmp_path / "store"
    options = BuildOptions(store=location, out=tmp_path / "out", jobs=1,
                           cache=tmp_path / "cache")
    report = build([SEEDS], options, nlp)
    assert report.triples > 1000
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == embedded_turtle
    again = build([SEEDS], options, nlp)  # unchanged: nothing parsed, nothing rewritten
    assert (again.parsed, again.triples) == (0, report.triples)


def test_a_server_store_answers_queries_and_drops_removed_documents(server, nlp,
                                                                    tmp_path: Path) -> None:
    from kg.queries import run_query

    def ask(sparql: str) -> str:
        with open_store(server.url, create=False) as opened:
            return str(run_query(opened, sparql).rows[0][0])

    corpus = tmp_path / "in"
    shutil.copytree(SEEDS, corpus)
    options = BuildOptions(store=server.url, out=None, jobs=1, cache=tmp_path / "cache")
    build([corpus], options, nlp)
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }"
    assert ask(count) == "4"
    next(corpus.iterdir()).unlink()
    report = build([corpus], options, nlp)
    assert report.removed == 1
    assert ask(count) == "3"
    with open_store(server.url, create=False) as opened:
        assert len(opened.documents()) == 3


def kg_cli(*args: object, cwd: Path, env: dict[str, str] | None = None,
           fault: str | None = None) -> subprocess.Popen[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    environment.update(env or {})
    if fault:
        environment["KG_FAULT"] = fault
    return subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd,
                            env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_a_server_that_is_down_is_one_line_naming_the_masked_url(tmp_path: Path) -> None:
    url = f"http://alice:s3cret@127.0.0.1:{free_port()}/"
    for command in (["stats"], ["build", SEEDS, "--out", "out"]):
        done = kg_cli(*command, "--store", url, cwd=tmp_path)
        out, err = done.communicate(timeout=120)
        assert done.returncode == 1
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "http://***@127.0.0.1:" in err and "cannot reach" in err
        assert "s3cret" not in out + err and "alice" not in out + err


class Refusing(http.server.BaseHTTPRequestHandler):
    """A server that wants other credentials than it is given."""

    def do_POST(self) -> None:
        self.send_response(401, "Unauthorized")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_refused_request_names_the_status_and_what_to_check(tmp_path: Path) -> None:
    refusing = http.server.HTTPServer(("127.0.0.1", 0), Refusing)
    threading.Thread(target=refusing.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{refusing.server_address[1]}/"
        done = kg_cli("stats", "--store", url, cwd=tmp_path,
                      env={"KG_STORE_USER": "alice", "KG_STORE_PASSWORD": "s3cret"})
        out, err = done.communicate(timeout=120)
    finally:
        refusing.shutdown()
        refusing.server_close()
    assert done.returncode == 1 and err.count("\n") == 1
    assert "HTTP 401" in err and "KG_STORE_PASSWORD" in err and "s3cret" not in out + err


def test_a_build_with_credentials_never_prints_them(server, tmp_path: Path) -> None:
    url = server.url.replace("http://", "http://alice:s3cret@")
    done = kg_cli("build", SEEDS, "--store", url, "--out", "out", "--jobs", "1", cwd=tmp_path)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert "triples" in out and "s3cret" not in out + err
    assert next(iter((tmp_path / ".kg").iterdir())).name.startswith("cache-127-0-0-1-")


def graphs_of(location: Path | str) -> dict[str, frozenset[str]]:
    with open_store(location, create=False) as opened:
        found: dict[str, set[str]] = {}
        for quad in opened.ox:
            found.setdefault(str(quad.graph_name), set()).add(str(quad.triple))
    return {g: frozenset(t) for g, t in found.items()}


def test_a_server_that_dies_mid_build_leaves_each_graph_old_or_new(server, nlp,
                                                                  tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(SEEDS, corpus)
    build([corpus], BuildOptions(store=server.url, out=None, jobs=1,
                                 cache=tmp_path / "cache"), nlp)
    old = graphs_of(server.url)
    for path in sorted(corpus.iterdir()):
        path.write_text(path.read_text(encoding="utf-8") + NEW_TEXT, encoding="utf-8")
    build([corpus], BuildOptions(store=tmp_path / "new", out=None, jobs=1), nlp)
    new = graphs_of(tmp_path / "new")
    # the build stops itself after two document graphs are sent; the server dies meanwhile
    running = kg_cli("build", corpus, "--store", server.url, "--out", "out", "--jobs", "1", "-q",
                     cwd=tmp_path, fault="stop:store.load")
    stat = Path(f"/proc/{running.pid}/stat")
    for _ in range(1200):
        if stat.read_text().split(") ")[1].startswith("T"):
            break
        time.sleep(0.1)
    server.stop()
    running.send_signal(signal.SIGCONT)
    _out, err = running.communicate(timeout=120)
    assert running.returncode == 1 and err.count("\n") == 1
    assert "cannot reach" in err and server.url in err
    server.start()
    after = graphs_of(server.url)
    # every graph is whole, as the old or the new build wrote it; the stop came mid-way:
    # some new document graphs arrived, the old ones are not deleted yet
    assert all(after[g] == old.get(g) or after[g] == new.get(g) for g in after)
    arrived = {g for g in after if g not in old and g.startswith(f"<{DOC}")}
    assert arrived and set(old) <= set(after)
    build([corpus], BuildOptions(store=server.url, out=None, jobs=1,
                                 cache=tmp_path / "cache"), nlp)  # the rerun completes it
    assert graphs_of(server.url) == new


def test_a_servers_cache_folder_is_named_by_its_host_port_and_path():
    from kg.stores.sparql import default_cache

    assert default_cache("https://db.example/sparql").name == "cache-db-example-sparql"
    assert default_cache("http://kim:pw@127.0.0.1:7878/").name == "cache-127-0-0-1-7878"


def test_the_turtle_of_a_build_is_the_graph_the_store_gives_back(seeds_build,
                                                                 tmp_path: Path) -> None:
    """A build exports the graph it has just written from what it wrote, not read back from
    the database, which keeps numbers and dates by value (a confidence of "0.390" comes back
    as "0.39"): the two give the same bytes."""
    from kg.export import export
    from kg.store import Store

    store, out, _ = seeds_build
    written = (out / "graph.ttl").read_bytes()
    assert re.search(rb"kg:confidence 0\.\d\d? ;", written)  # written "0.X00" or "0.XY0"
    with Store(store, create=False) as reader:
        assert reader.take_written_data() is None  # a reader reads the database
        export(reader, "turtle", tmp_path / "read.ttl")
    assert (tmp_path / "read.ttl").read_bytes() == written


def test_a_whole_graph_written_hands_its_lines_over_while_it_loads(extract, vocab, tmp_path):
    """``Store.write``'s ``meanwhile`` gets the data graphs' lines of a whole graph (a new
    store) while the database loads them: they are then its, and not kept for an export; they
    are the triples the database gives back. An update of some graphs hands nothing over."""
    from kg.model import Document
    from kg.ontology import ONTOLOGY_GRAPH
    from kg.resolve import resolve
    from kg.store import Store

    items = []
    for doc_id, text in (("a", "Orlin Systems hired Pia Kettu as its chief engineer."),
                         ("b", "Pia Kettu said Orlin Systems had bought Tavrik Labs.")):
        doc = Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text)
        items.append((doc.without_text(), replace(extract(text), doc_id=doc_id)))
    resolution = resolve(items, vocab)
    handed: list[list[bytes]] = []

    def meanwhile(lines) -> None:
        handed.append([line.rstrip(b"\n").removesuffix(b" .") for line in lines.merged()])
        lines.remove()

    with Store(tmp_path / "store") as store:
        store.write(resolution, vocab, meanwhile=meanwhile)
        assert store.take_written_data() is None
        stored = {f"{q.subject} {q.predicate} {q.object}".encode() for q in
                  store.ox.quads_for_pattern(None, None, None, None)
                  if q.graph_name.value != ONTOLOGY_GRAPH}
        assert len(handed) == 1 and set(handed[0]) == stored and len(stored) > 20
        assert handed[0] == sorted(handed[0])
        store.write(resolution, vocab, meanwhile=meanwhile)  # an update: nothing changed
    assert len(handed) == 1


def test_the_turtle_written_while_the_store_loads_makes_its_folder_and_leaves_no_lines(
        tmp_path):
    """What the export stage hands the store (``EarlyTurtle``) writes a first build's export
    folder too; the lines handed over are removed whether it can write or not."""
    from kg.stages.exports import EarlyTurtle
    from kg.stores.lines import SortedRuns

    runs = SortedRuns(tmp_path / "lines")
    for line in ('<urn:kg:b> <urn:kg:p> "two"', '<urn:kg:a> <urn:kg:p> "one"'):
        runs.append(line)
    early = EarlyTurtle(tmp_path / "new" / "out" / "graph.ttl")
    early(runs)
    assert early.ready == tmp_path / "new" / "out" / "graph.ttl.next"
    text = early.ready.read_text(encoding="utf-8")
    assert text.index("<urn:kg:a>") < text.index("<urn:kg:b>")
    assert not (tmp_path / "lines").exists()
    early.discard()
    assert not list((tmp_path / "new" / "out").iterdir())

    (tmp_path / "a-file").write_text("", encoding="utf-8")
    runs = SortedRuns(tmp_path / "more-lines")
    runs.append('<urn:kg:a> <urn:kg:p> "one"')
    blocked = EarlyTurtle(tmp_path / "a-file" / "out" / "graph.ttl")  # no folder can be made
    blocked(runs)
    assert blocked.ready is None and not (tmp_path / "more-lines").exists()


# --- the extraction cache ---------------------------------------------------------------------
def test_the_extraction_cache_keeps_the_last_line_of_each_document(tmp_path):
    from kg.stores.extractions import LOG, ExtractionLog

    log = ExtractionLog(tmp_path / "cache")
    log.put("a", "s1", '{"n": 1}')
    log.put("b", "s1", '{"n": 2}')
    log.put("a", "s2", '{"n": 3}')
    log.drop("b")
    assert log.get("a", "s2") == {"n": 3} and log.get("a", "s1") is None
    log.close()
    again = ExtractionLog(tmp_path / "cache")
    assert again.get("a", "s2") == {"n": 3} and again.get("b", "s1") is None
    again.keep(["a", "gone"])
    lines = (tmp_path / "cache" / LOG).read_bytes().splitlines()
    assert len(lines) == 1 and [d for d, _, _ in ExtractionLog(tmp_path / "cache").entries()] \
        == ["a"]


def test_a_line_cut_by_a_killed_build_is_a_missing_entry(tmp_path):
    from kg.stores.extractions import LOG, ExtractionLog

    log = ExtractionLog(tmp_path / "cache")
    log.put("a", "s", '{"n": 1}')
    log.close()
    with open(tmp_path / "cache" / LOG, "ab") as out:
        out.write(b'["b", "s", {"n": ')  # killed while writing b's line
    log = ExtractionLog(tmp_path / "cache")
    assert log.get("a", "s") == {"n": 1} and log.get("b", "s") is None
    log.put("c", "s", '{"n": 3}')  # the next build's line starts a line of its own
    log.close()
    log = ExtractionLog(tmp_path / "cache")
    assert log.get("c", "s") == {"n": 3} and log.get("b", "s") is None


def test_an_earlier_kgs_cache_files_are_removed_by_the_next_write(tmp_path):
    from kg.stores.extractions import ExtractionLog

    (tmp_path / "cache").mkdir()
    for name in ("a.json", "b.tmp"):
        (tmp_path / "cache" / name).write_text('{"signature": "s", "extraction": {}}')
    log = ExtractionLog(tmp_path / "cache")
    log.put("a", "s", '{"n": 1}')
    assert (tmp_path / "cache" / "b.tmp").exists() and not (tmp_path / "cache" / "a.json").exists()
    log.keep(["a"])  # a fresh build's: every other file goes
    log.close()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["extractions.jsonl"]
    assert log.get("a", "s") == {"n": 1}


def test_a_store_copied_as_hard_links_keeps_its_own_cache(tmp_path):
    import os

    from kg.stores.extractions import LOG, ExtractionLog

    log = ExtractionLog(tmp_path / "a")
    log.put("x", "s", '{"n": 1}')
    log.close()
    (tmp_path / "b").mkdir()
    os.link(tmp_path / "a" / LOG, tmp_path / "b" / LOG)
    copy = ExtractionLog(tmp_path / "b")
    copy.put("y", "s", '{"n": 2}')
    copy.close()
    assert ExtractionLog(tmp_path / "a").get("y", "s") is None
    assert ExtractionLog(tmp_path / "b").get("y", "s") == {"n": 2}
    assert ExtractionLog(tmp_path / "b").get("x", "s") == {"n": 1}
