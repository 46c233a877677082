"""Ways into the seeds graph: Gephi exports, filters, show, explain, view, validate, serve and
the example queries."""

from __future__ import annotations

import csv
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graphview import GraphFilter, entity_graph, fact_confidence
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
CLASSES = {"Organization", "Person", "Product", "Place", "Thing", "Concept"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_facts_confidence_is_its_best_sentences_and_its_support_is_counted():
    assert fact_confidence([("a", 0.6, "")], {}) == (0.6, 1)
    assert fact_confidence([("a", 0.6, ""), ("b", 0.6, "")], {}) == (0.6, 2)
    assert fact_confidence([], {}) == (0.0, 0)


def test_gexf_opens_labelled_typed_coloured_and_placed(seeds_build, tmp_path):
    store, _, _ = seeds_build
    path = tmp_path / "g.gexf"  # with the facts below the confidence gate
    assert run("export", "--store", store, "--format", "gexf", "-o", path,
               "--unconfirmed").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert 'version="1.3"' in text and "lastmodifieddate" not in text
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() > 20 and graph.number_of_edges() > 20
    for _, data in graph.nodes(data=True):
        assert data["label"] and data["type"] in CLASSES
        assert {"color", "size", "position"} <= set(data["viz"])
    edge = next(iter(graph.edges(data=True)))[2]
    assert edge["label"] and edge["weight"] >= 1 and 0 < edge["confidence"] <= 1
    assert f'kind="{edge["label"]}"' in text
    again = tmp_path / "again.gexf"
    run("export", "--store", store, "--format", "gexf", "-o", again, "--unconfirmed")
    assert again.read_bytes() == path.read_bytes()  # seeded layout and communities


def test_graphml_has_the_same_attributes(seeds_build, tmp_path):
    store, _, _ = seeds_build
    path = tmp_path / "g.graphml"
    run("export", "--store", store, "--format", "graphml", "-o", path)
    graph = nx.read_graphml(path)
    assert all(d["label"] and d["type"] in CLASSES and isinstance(d["community"], int)
               and isinstance(d["degree"], int) for _, d in graph.nodes(data=True))
    assert "<graph edgedefault" in path.read_text() and 'key id="d0"' not in path.read_text()


def test_csv_tables_use_gephi_columns(seeds_build, tmp_path):
    store, _, _ = seeds_build
    run("export", "--store", store, "--format", "csv", "-o", tmp_path / "tables")
    tables = tmp_path / "tables"
    nodes = list(csv.DictReader((tables / "nodes.csv").read_text().splitlines()))
    edges = list(csv.DictReader((tables / "edges.csv").read_text().splitlines()))
    assert {"Id", "Label"} <= set(nodes[0]) and {"Source", "Target", "Type", "Weight"} <= set(
        edges[0])
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids and e["Type"] == "Directed"
               for e in edges)


def test_png_is_a_picture(seeds_build, tmp_path):
    store, _, _ = seeds_build
    path = tmp_path / "g.png"
    assert run("export", "--store", store, "--format", "png", "-o", path).exit_code == 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_filters_apply_to_every_export(seeds_build, tmp_path):
    store, _, _ = seeds_build
    with Store(store, create=False) as opened:
        everything = entity_graph(opened, GraphFilter(unconfirmed=True))
        sure = entity_graph(opened, GraphFilter(min_confidence=0.85, unconfirmed=True))
        people = entity_graph(opened, GraphFilter(types=frozenset({"Person", "Organization"}),
                                                  relations=frozenset({"worksFor"})))
        one_doc = sorted(opened.documents())[0]
        single = entity_graph(opened, GraphFilter(documents=frozenset({one_doc})))
    assert 0 < len(sure.edges) < len(everything.edges)
    assert all(e.confidence >= 0.85 for e in sure.edges)
    assert people.edges and all(e.relation == "worksFor" for e in people.edges)
    assert {n.type for n in people.nodes} <= {"Person", "Organization"}
    assert single.edges and all(e.documents == (one_doc,) for e in single.edges)
    path = tmp_path / "f.graphml"
    run("export", "--store", store, "--format", "graphml", "-o", path,
        "--relations", "worksFor", "--types", "Person,Organization")
    graph = nx.read_graphml(path)
    assert {d["relation"] for _, _, d in graph.edges(data=True)} == {"worksFor"}
    turtle = run("export", "--store", store, "--relations", "worksFor").output
    assert "kg:worksFor" in turtle and "kg:released" not in turtle


def test_show_lists_names_and_facts_with_sentences(seeds_build):
    store, _, _ = seeds_build
    result = run("show", "--store", store, "zuckerberg")
    assert result.exit_code == 0
    assert result.output.startswith("Mark Zuckerberg  (Person")
    assert "-worksFor-> Meta" in result.output and ".txt:" in result.output
    missing = run("show", "--store", store, "Nobody At All")
    assert missing.exit_code == 1 and missing.output.startswith("kg: error: no entity")


def test_explain_gives_every_supporting_sentence(seeds_build):
    store, _, _ = seeds_build
    result = run("explain", "--store", store, "Meta", "released", "LLaMA")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] in ("Meta -released-> LLaMA", "Meta -released (unconfirmed)-> LLaMA")
    assert "rule" in result.output and "chars" in result.output
    role = run("explain", "--store", store, "Mark Zuckerberg", "role", "CEO")
    assert role.exit_code == 0 and '"CEO"' in role.output
    wrong = run("explain", "--store", store, "Meta", "released", "Android")
    assert wrong.exit_code == 1 and "does not state" in wrong.output


def test_statement_records_are_queryable(seeds_build):
    store, _, _ = seeds_build
    rq = ROOT / "examples" / "queries" / "facts-with-evidence.rq"
    result = run("query", "--store", store, "--format", "csv", f"@{rq}")
    assert result.exit_code == 0
    rows = list(csv.DictReader(result.output.splitlines()))
    assert rows and all(0 < float(r["confidence"]) <= 1 and r["sentence"] for r in rows)


# the month queries need dated documents, which the seeds are not: test_time runs them
@pytest.mark.parametrize("query", sorted(q for q in (ROOT / "examples" / "queries").glob("*.rq")
                                         if not q.stem.endswith("-in-a-month")),
                         ids=lambda p: p.stem)
def test_example_queries_answer(seeds_build, query):
    store, _, _ = seeds_build
    result = run("query", "--store", store, "--format", "csv", f"@{query}")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 1  # a header and at least one row


def test_validate_passes_on_the_seeds_and_fails_on_a_broken_graph(seeds_build, tmp_path):
    store, _, _ = seeds_build
    ok = run("validate", "--store", store)
    assert ok.exit_code == 0 and ok.output.startswith("valid:")
    broken = tmp_path / "broken"
    shutil.copytree(store, broken)
    import pyoxigraph as ox

    from kg.ontology import ENT, KG, RDFS
    with Store(broken, create=False) as opened:
        generation = opened.generation
    # A kg writer never changes a published graph: damage its database directly.
    database = ox.Store(str(generation / "oxigraph"))
    g = ox.NamedNode("https://w3id.org/kg/graph/entities")
    meta = ox.NamedNode(ENT + "Meta")
    database.add(ox.Quad(meta, ox.NamedNode(RDFS + "label"), ox.Literal("Other"), g))
    database.add(ox.Quad(meta, ox.NamedNode(KG + "worksFor"), ox.NamedNode(ENT + "LLaMA"), g))
    database.flush()
    del database
    bad = run("validate", "--store", broken)
    assert bad.exit_code == 1
    assert "exactly one rdfs:label" in bad.output and "only a person" in bad.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_sparql_over_http_read_only(seeds_build, tmp_path):
    store, _, _ = seeds_build
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(copy),
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        query = urllib.parse.urlencode({"query": "SELECT ?o WHERE { "
                                        "<https://w3id.org/kg/entity/Mark_Zuckerberg> "
                                        "<https://w3id.org/kg/ontology#worksFor> ?o }"})
        request = urllib.request.Request(f"{base}/query?{query}",
                                         headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read().decode()
        assert "https://w3id.org/kg/entity/Meta" in body
        update = urllib.request.Request(
            f"{base}/update", data=b"update=INSERT DATA { <a:b> <a:c> <a:d> }",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=10)
        refused.value.close()
        busy = run("build", ROOT / "seeds", "--store", copy, "--out", tmp_path / "out")
        assert busy.exit_code == 1 and "in use" in busy.output
    finally:
        server.terminate()
        server.wait(timeout=10)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install "
                    "chromium; .ci/run installs it)")
def test_view_renders_offline_and_search_works(seeds_build, tmp_path):
    store, _, _ = seeds_build
    page = tmp_path / "graph.html"
    assert run("view", "--store", store, "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    # nothing to fetch: no script or style sources, no links to other hosts
    assert "src=" not in html and "<link" not in html and "https://" not in html

    def dom(url: str) -> str:
        done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                               "--dump-dom", url], capture_output=True, text=True, timeout=60)
        return done.stdout

    rendered = dom(page.as_uri())
    with Store(store, create=False) as opened:
        nodes = len(entity_graph(opened).nodes)
    assert rendered.count("<circle") == nodes and f'data-ready="{nodes}"' in rendered
    searched = dom(page.as_uri() + "#q=Zuckerberg")
    details = searched.split('id="details"', 1)[1]
    assert "<h2>Mark Zuckerberg</h2>" in details and "worksFor" in details


def test_large_graphs_are_laid_out_by_community():
    from kg.graphview import Edge, EntityGraph, Node
    from kg.layout import FORCE_LAYOUT_MAX_NODES, communities, layout

    n = FORCE_LAYOUT_MAX_NODES + 500
    nodes = tuple(Node(f"n{i}", f"N {i}", "Organization") for i in range(n))
    edges = tuple(Edge(f"n{i}", f"n{i + 1}", "partnerOf", 0.9, 1, ("d",))
                  for i in range(0, n - 1, 2))
    view = EntityGraph(nodes, edges)
    community = communities(view)
    positions = layout(view, community)
    assert len(positions) == n and len(set(positions.values())) == n
    # linked nodes share a community, so they sit on the same circle
    a, b = edges[0].source, edges[0].target
    assert community[a] == community[b]


def test_serve_on_a_busy_port_is_one_line(seeds_build):
    store, _, _ = seeds_build
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--store", store, "--port", port)
    assert result.exit_code == 1
    assert result.output.startswith("kg: error: cannot listen on 127.0.0.1:")
    assert len(result.output.strip().splitlines()) == 1


def test_docs_lists_each_document_with_its_counts(seeds_build):
    store, _, report = seeds_build
    listed = run("docs", "--store", store, "--format", "json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert len(rows) == report.documents
    assert all(r["language"] == "en" and r["sentences"] > 0 for r in rows)
    assert sum(r["statements"] for r in rows) == report.statements
    assert sum(r["sentences"] for r in rows) == report.sentences
    assert run("docs", "--store", store, "--format", "csv").output.startswith(
        "document,source,title,date,site,language,sentences,statements")


def test_text_prints_what_kg_read_from_a_document_again(tmp_path, nlp):
    from kg.pipeline import BuildOptions, build

    story = tmp_path / "news" / "vexa.txt"
    story.parent.mkdir()
    story.write_text("Vexa hires Ana Ruiz\n\nVexa Systems hired Ana Ruiz as chief executive on "
                     "Monday.\n\nShare this story\n", encoding="utf-8")
    build([story.parent], BuildOptions(store=tmp_path / "store", out=None, jobs=1), nlp=nlp)
    whole = run("text", story, "--store", tmp_path / "store")
    assert whole.exit_code == 0 and whole.output == story.read_text(encoding="utf-8")
    doc_id = json.loads(run("docs", "--store", tmp_path / "store", "--format",
                            "json").output)[0]["document"]
    parsed = run("text", doc_id[:8], "--store", tmp_path / "store", "--parsed")
    assert "Vexa Systems hired Ana Ruiz" in parsed.output
    assert "Share this story" not in parsed.output  # furniture the parser never saw
    assert run("text", "nothing.txt", "--store", tmp_path / "store").exit_code == 2
    story.write_text("Vexa Systems hired Dan Orr.\n", encoding="utf-8")
    changed = run("text", story, "--store", tmp_path / "store")
    assert changed.exit_code == 1 and "has changed since it was built" in changed.output
