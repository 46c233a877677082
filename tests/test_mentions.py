"""Every document names the entities it mentions (schema:mentions, with a count), so "which
articles mention X" has an answer when no fact about X was read; kg show lists them; an
update replaces a rebuilt document's mentions."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import Candidate, Document, Evidence, Extraction, MentionCount
from kg.pipeline import BuildOptions, build
from kg.resolve import resolve
from tests.conftest import m
from tests.test_e2e import ask, select

KG = "https://w3id.org/kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Invented stories: "Norland" is named in both, and no fact is read about it.
STORIES = {
    "a.txt": "Dorvane Mills reported higher profits on Tuesday, and Dorvane Mills raised its "
             "forecast.\n\nTalia Verne, the chief executive of Dorvane Mills, said demand was "
             "strong. Analysts had expected weaker results after a cold winter in Norland.\n",
    "b.txt": "Kestrel Partners bought a stake in Ferrow Labs last week.\n\n"
             "The weather in Norland was mild, traders said.\n",
}
# Which documents name an entity, and how often, the most first.
MENTIONING = """
    SELECT ?source ?n WHERE {{
      ?e rdfs:label "{label}" .
      ?d schema:mentions ?e ; kg:source ?source ;
         kg:qualifiedMention [ kg:mentioned ?e ; kg:mentionCount ?n ] .
    }} ORDER BY DESC(?n) ?source"""


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _build(base: Path, fresh: bool = False, step: str = "step", nlp=None) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(base)
        build([Path("news")], BuildOptions(store=Path(step) / "store",
                                           out=Path(step) / "out", fresh=fresh, jobs=1),
              nlp=nlp)
    return (base / step / "out" / "graph.ttl").read_bytes()


def _write(folder: Path, stories: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    base = tmp_path_factory.mktemp("mentions")
    _write(base / "news", STORIES)
    _build(base, nlp=nlp)
    return base


def mentions(store: Path, label: str) -> list[tuple[str, int]]:
    return [(source or "", int(n or 0))
            for source, n in select(store, MENTIONING.format(label=label))]


# --- resolution ------------------------------------------------------------------------------

def test_resolution_counts_the_names_of_each_document(vocab):
    ext = Extraction("a", 3, (m("Vandelay Industries", 0), m("VI", 30), m("Vandelay", 60),
                              m("Quarro", 90, "Person")), ())
    other = Extraction("b", 1, (m("Vandelay Industries", 0),), ())
    graphs = {g.document.doc_id: g for g in resolve(
        [(Document("a", "a.txt", ""), ext), (Document("b", "b.txt", ""), other)],
        vocab).documents}
    # the acronym and the short form are names of the one entity
    assert graphs["a"].mentions == (MentionCount("Quarro", 1),
                                    MentionCount("Vandelay_Industries", 3))
    assert graphs["b"].mentions == (MentionCount("Vandelay_Industries", 1),)


def test_an_entity_of_a_fact_is_mentioned_at_least_once(vocab):
    # "Brisk" is read only as a fact's subject, never as a name mention of its own
    fact = Candidate(m("Brisk", 0), "acquired", m("Tollan Corp", 20),
                     Evidence("a", 0, 40, "a sentence", "verb", 0.9))
    ext = Extraction("a", 1, (m("Tollan Corp", 20),), (fact,))
    [graph] = resolve([(Document("a", "a.txt", ""), ext)], vocab).documents
    assert [s.subject for s in graph.statements] == ["Brisk"]
    assert graph.mentions == (MentionCount("Brisk", 1), MentionCount("Tollan_Corp", 1))


# --- the graph and the commands ------------------------------------------------------------

def test_sparql_finds_the_documents_that_mention_an_entity_without_facts(built):
    store = built / "step" / "store"
    assert not ask(store, """ASK { ?e rdfs:label "Norland" .
                                   { ?st rdf:subject ?e } UNION { ?st rdf:object ?e } }""")
    assert mentions(store, "Norland") == [("news/a.txt", 1), ("news/b.txt", 1)]
    assert mentions(store, "Dorvane Mills") == [("news/a.txt", 3)]


def test_the_mentions_conform_to_the_shapes_and_stay_out_of_gephi_exports(built):
    store = built / "step" / "store"
    validated = run("validate", "--store", store)
    assert validated.exit_code == 0 and validated.output.startswith("valid:")
    graph = nx.read_graphml(built / "step" / "out" / "graph.graphml")
    assert "Norland" not in graph  # no fact: no node of the entity graph
    assert not {d["relation"] for _, _, d in graph.edges(data=True)} & {"mentions"}


def test_the_shapes_catch_a_broken_mention_count(built):
    from kg.store import Store
    from kg.validate import validate

    with Store(built / "step" / "store", create=False) as store:
        quads = list(store.ox.quads_for_pattern(None, None, None, None))
    record = next(q for q in quads if q.predicate.value == KG + "mentionCount" and
                  q.subject.value.endswith("#mention=Norland"))
    zero = ox.Literal("0", datatype=ox.NamedNode(XSD + "integer"))
    with Store(None) as broken:  # in memory: the graph with a second count, of 0
        broken.ox.extend([*quads, ox.Quad(record.subject, record.predicate, zero,
                                          record.graph_name)])
        report = validate(broken)
    assert not report.conforms
    assert {v.message for v in report.violations} == {
        "a mention count is one integer of at least 1"}


def test_show_lists_the_documents_that_mention_an_entity_in_every_format(built):
    store = built / "step" / "store"
    table = run("show", "Dorvane Mills", "--store", store)
    assert table.exit_code == 0
    assert "mentioned in 1 document:\n   3 mentions  news/a.txt" in table.output
    report = json.loads(run("show", "Norland", "--store", store, "--format", "json").output)
    assert [(d["source"], d["mentions"]) for d in report["documents"]] == [
        ("news/a.txt", 1), ("news/b.txt", 1)]
    assert report["facts"] == [] and report["documents_not_listed"] == 0
    rows = list(csv.DictReader(io.StringIO(
        run("show", "Norland", "--store", store, "--format", "csv").output)))
    assert [(r["direction"], r["relation"], r["object"], r["source"], r["mentions"])
            for r in rows] == [("mentioned-in", "mentions", "Norland", "news/a.txt", "1"),
                               ("mentioned-in", "mentions", "Norland", "news/b.txt", "1")]
    limited = run("show", "Norland", "--store", store, "--limit", "1").output
    assert "mentioned in 2 documents:" in limited
    assert "1 more document not listed; --limit 0 lists all" in limited


def test_docs_counts_the_entities_each_document_names(built):
    rows = json.loads(run("docs", "--store", built / "step" / "store", "--format",
                          "json").output)
    assert {r["source"]: r["entities"] for r in rows} == {"news/a.txt": 3, "news/b.txt": 3}


def test_a_rebuilt_document_replaces_its_mentions(built, nlp, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "b.txt").write_text(STORIES["b.txt"], encoding="utf-8")
    (tmp_path / "news" / "a.txt").write_text(
        "Dorvane Mills reported higher profits on Tuesday.\n\nTalia Verne said demand at "
        "Dorvane Mills was strong.\n", encoding="utf-8")
    # the store of the first build, updated with the changed story
    shutil.copytree(built / "step", tmp_path / "step")
    updated = _build(tmp_path, nlp=nlp)
    store = tmp_path / "step" / "store"
    assert mentions(store, "Norland") == [("news/b.txt", 1)]
    assert mentions(store, "Dorvane Mills") == [("news/a.txt", 2)]
    assert select(store, "SELECT ?m WHERE { ?m kg:mentionCount ?a , ?b FILTER(?a != ?b) }") \
        == ()
    assert updated == _build(tmp_path, fresh=True, step="fresh", nlp=nlp)
