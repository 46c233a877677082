"""Build the seed corpus into a temporary store and check the graph with SPARQL."""

import shutil

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.pipeline import BuildOptions, build
from kg.queries import run_query
from kg.store import Store
from tests.conftest import SEEDS


def ask(store_path, sparql):
    with Store(store_path, create=False) as store:
        return run_query(store, sparql).boolean


def select(store_path, sparql):
    with Store(store_path, create=False) as store:
        return run_query(store, sparql).rows


def test_report_counts(seeds_build):
    _, _, report = seeds_build
    assert report.documents == 4 and report.parsed == 4
    assert report.entities > 20 and report.statements > 50 and report.sentences > 100


@pytest.mark.parametrize("pattern", [
    '?m rdfs:label "Meta" . ?m a kg:Organization . ?m skos:altLabel "Meta Platforms"',
    '?ms rdfs:label "Microsoft" ; skos:altLabel "MS"',
    '?z rdfs:label "Mark Zuckerberg" ; a kg:Person ; kg:role "CEO" ; kg:worksFor ?m . '
    '?m rdfs:label "Meta"',
    # a record, asserted or below the gate: the rules read it, the model scores it
    '?m rdfs:label "Meta" . ?s rdf:subject ?m ; rdf:predicate kg:released ; rdf:object ?p . '
    '?p rdfs:label "LLaMA" ; a kg:Product',
    '?y rdfs:label "Yann LeCun" ; kg:worksFor ?m . ?m rdfs:label "Meta"',
])
def test_facts_are_in_the_graph(seeds_build, pattern):
    store, _, _ = seeds_build
    assert ask(store, f"ASK {{ {pattern} }}"), pattern


def test_every_asserted_fact_has_a_complete_statement_record(seeds_build):
    """A fact of a symmetric relation is asserted both ways; its record has one of them."""
    store, _, _ = seeds_build
    missing = select(store, """
        SELECT ?s ?p ?o WHERE {
          GRAPH ?g { ?s ?p ?o . ?g a kg:Document }
          FILTER(STRSTARTS(STR(?s), STR(ent:)))
          FILTER NOT EXISTS {
            GRAPH ?g { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                           kg:confidence ?c ; kg:rule ?r ; prov:wasDerivedFrom ?span .
                       ?span nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e } }
          FILTER NOT EXISTS {
            ?p a owl:SymmetricProperty .
            GRAPH ?g { ?st rdf:subject ?o ; rdf:predicate ?p ; rdf:object ?s ;
                           kg:confidence ?c ; kg:rule ?r ; prov:wasDerivedFrom ?span } }
        }""")
    assert missing == ()


def test_open_relations_are_declared_under_related_to(seeds_build):
    store, _, _ = seeds_build
    assert not ask(store, """ASK { ?st rdf:predicate ?p .
        FILTER(STRSTARTS(STR(?p), "https://w3id.org/kg/rel/"))
        FILTER NOT EXISTS { ?p rdfs:subPropertyOf kg:relatedTo } }""")


def test_no_page_furniture_reaches_the_graph(seeds_build):
    store, _, _ = seeds_build
    rows = select(store, """SELECT ?l WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
        FILTER(REGEX(?l, "Dior|Jamsil|Außerdem|All rights reserved|Add Comment|Hot Picks"))}""")
    assert rows == ()


def test_exports_parse_back(seeds_build, tmp_path):
    store, out, _ = seeds_build
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) > 500
    gml = nx.read_graphml(out / "graph.graphml")
    assert gml.number_of_nodes() and all("label" in d and "type" in d
                                         for _, d in gml.nodes(data=True))
    # with the facts below the confidence gate (statement records marked kg:asserted false)
    path = tmp_path / "all.graphml"
    assert CliRunner().invoke(cli, ["export", "--store", str(store), "--format", "graphml",
                                    "-o", str(path), "--unconfirmed"]).exit_code == 0
    gml = nx.read_graphml(path)
    assert gml.number_of_nodes() > 20 and gml.number_of_edges() > 10
    assert all("label" in d and "type" in d for _, d in gml.nodes(data=True))


def test_rebuild_is_byte_identical_and_skips_parsing(seeds_build, nlp, tmp_path):
    store, out, _ = seeds_build
    again = build([SEEDS], BuildOptions(store=store, out=tmp_path / "out"), nlp=nlp)
    assert again.parsed == 0 and again.unchanged == 4
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    fresh = build([SEEDS], BuildOptions(store=tmp_path / "fresh", out=tmp_path / "out2"),
                  nlp=nlp)
    assert fresh.parsed == 4
    assert (tmp_path / "out2" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_changed_and_removed_documents_are_replaced(nlp, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Acme Corp acquired Initech in May.", encoding="utf-8")
    (corpus / "b.txt").write_text("Globex released Widget Pro.", encoding="utf-8")
    options = BuildOptions(store=tmp_path / "store", out=None)
    build([corpus], options, nlp=nlp)
    (corpus / "a.txt").write_text("Acme Corp acquired Hooli in May.", encoding="utf-8")
    (corpus / "b.txt").unlink()
    report = build([corpus], options, nlp=nlp)
    # a.txt changed: parsed again, its old version replaced, not counted as removed
    assert (report.documents, report.parsed, report.removed) == (1, 1, 1)
    labels = {r[0] for r in select(options.store, "SELECT ?l WHERE { ?e rdfs:label ?l . "
                                   "?e a ?c . FILTER(?c != kg:Concept) }")}
    assert "Hooli" in labels and "Initech" not in labels and "Globex" not in labels
    with Store(options.store) as store:
        assert len(store.documents()) == 1


def test_other_folders_are_kept_unless_pruned(nlp, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, text in ((one, "Acme Corp acquired Initech."), (two, "Globex bought Hooli.")):
        folder.mkdir()
        (folder / "x.txt").write_text(text, encoding="utf-8")
    options = BuildOptions(store=tmp_path / "store", out=None)
    build([one], options, nlp=nlp)
    build([two], options, nlp=nlp)
    with Store(options.store) as store:
        assert len(store.documents()) == 2
    build([two], BuildOptions(store=options.store, out=None, prune=True), nlp=nlp)
    with Store(options.store) as store:
        assert len(store.documents()) == 1


def test_fresh_refuses_to_delete_a_folder_that_is_not_a_store(tmp_path, nlp):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    from kg.errors import StoreError
    with pytest.raises(StoreError, match="not a kg store"):
        build([SEEDS], BuildOptions(store=precious, out=None, fresh=True), nlp=nlp)
    assert (precious / "thesis.txt").exists()
    shutil.rmtree(precious)


def test_one_process_and_several_give_the_same_graph(seeds_build, nlp, tmp_path):
    _, out, _ = seeds_build
    for jobs in (1, 2):
        options = BuildOptions(store=tmp_path / f"s{jobs}", out=tmp_path / f"o{jobs}", jobs=jobs)
        report = build([SEEDS], options, nlp=nlp)
        assert report.parsed == 4 and dict(report.timings)["parse"] > 0
        assert (tmp_path / f"o{jobs}" / "graph.ttl").read_bytes() == (
            out / "graph.ttl").read_bytes()


def test_rebuild_with_nothing_changed_skips_resolution_and_exports(seeds_build, nlp, tmp_path):
    store, _, first = seeds_build
    out = tmp_path / "out"
    build([SEEDS], BuildOptions(store=store, out=out), nlp=nlp)  # exports to a new folder
    written = (out / "graph.ttl").stat().st_mtime_ns
    again = build([SEEDS], BuildOptions(store=store, out=out), nlp=nlp)
    phases = dict(again.timings)
    assert "parse" not in phases and "resolve" not in phases and "store" not in phases
    assert (out / "graph.ttl").stat().st_mtime_ns == written
    assert (again.entities, again.statements, again.triples, again.sentences) == (
        first.entities, first.statements, first.triples, first.sentences)


def test_the_library_query_function_can_be_called_twice(seeds_build):
    import kg

    store, _, _ = seeds_build
    first = kg.query("SELECT ?o WHERE { ?s kg:worksFor ?o }", store=store)
    second = kg.query("SELECT ?o WHERE { ?s kg:worksFor ?o }", store=store)
    assert first.rows and first.rows == second.rows
