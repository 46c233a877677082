"""The graph's triples made as N-Triples text and bulk-loaded from files in parts, and the
GraphML export written a piece at a time: the same terms, quads and bytes as before."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.model import (
    Document,
    DocumentGraph,
    Entity,
    Evidence,
    GeoLink,
    MentionCount,
    Resolution,
    SaidQuote,
    Statement,
)
from kg.stores import embedded
from kg.stores.quads import (
    _text,
    document_iri,
    document_quads,
    document_triples,
    entity_triples,
)

# Every character Oxigraph escapes in a literal, and some it does not.
AWKWARD = 'tab\there "quoted" back\\slash\nnew\rline \x00\x07\x08\x0c\x1f\x7f \ufffe\uffff é 北 🙂'


def test_a_string_is_written_as_oxigraph_writes_it_for_every_character():
    for code in [*range(0x100), 0x2028, 0xD7FF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F642]:
        char = chr(code)
        assert _text(char) == str(ox.Literal(char)), hex(code)
    assert _text(AWKWARD) == str(ox.Literal(AWKWARD))


def _evidence(start: int, sentence: str, rule: str = "verb", **more: object) -> Evidence:
    return Evidence("doc1", start, start + len(sentence), sentence, rule, 0.71, **more)


def _graph() -> DocumentGraph:
    first = "Mira Toland, who leads Quorvex Labs, said the \"deal\" closed on Monday."
    second = f"Brindle Foods bought Quorvex Labs in 2019 ({AWKWARD})."
    document = Document("doc1", f"in/{AWKWARD}.txt", "", title="Quorvex \"sold\"",
                        published="2024-02-23T10:00:00+00:00", url="https://news.example/q",
                        site="news.example", author="Ola Dunne", language="en")
    return DocumentGraph(document, 2, (
        Statement("mira_toland", "worksFor", "quorvex_labs", _evidence(0, first, "appos")),
        Statement("brindle_foods", "acquired", "quorvex_labs",
                  _evidence(80, second, time_text="in 2019")),
        Statement("brindle_foods", "competitorOf", "quorvex_labs", _evidence(80, second)),
        Statement("mira_toland", "role", "chief \"executive\"",
                  _evidence(0, first, "title-before", coreference='"she" = Mira'),
                  literal=True),
        Statement("brindle_foods", "plan", "concept/merger",
                  _evidence(80, second, modality="planned"), canonical=False)),
        (MentionCount("mira_toland", 2), MentionCount("quorvex_labs", 3)),
        (SaidQuote("mira_toland", 'the "deal" closed', 40, 57, True, "said",
                   ("quorvex_labs",), _evidence(0, first)),))


def test_each_term_made_as_text_is_the_term_oxigraph_writes_back():
    triples = list(document_triples(_graph(), frozenset({"competitorOf"})))
    quads = list(document_quads(_graph(), frozenset({"competitorOf"})))
    assert len(quads) == len(triples) > 40
    for (s, p, o), quad in zip(triples, quads, strict=True):
        assert (s, p, o) == (str(quad.subject), str(quad.predicate), str(quad.object))
        assert quad.graph_name == ox.NamedNode(document_iri("doc1"))
    # the symmetric fact both ways, the typed values as written
    edges = {(s, o) for s, p, o in triples if p.endswith("competitorOf>")}
    assert len(edges) == 2
    assert any(o == '"2024-02-23T10:00:00+00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>'
               for _, _, o in triples)


def test_entities_made_as_text_parse_to_the_same_terms():
    resolution = Resolution(
        {"vexholm": Entity("vexholm", "Vexholm", "Place", ("Vex\\holm",), ('alias: "V"',),
                           GeoLink(3, 101, 12.5, -3.25, "ZZ")),
         "ola_dunne": Entity("ola_dunne", "Ola Dunne", "Person")},
        (_graph(),), copies=(("doc2", "doc1"),))
    triples = list(entity_triples(resolution))
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    parsed = list(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert [(str(q.subject), str(q.predicate), str(q.object)) for q in parsed] == triples
    assert any(s.endswith("/plan>") for s, _, _ in triples)  # the open relation declared
    assert any(p.endswith("copyOf>") for _, p, _ in triples)


def test_a_name_spaced_twice_is_one_label():
    resolution = Resolution(
        {"ana_quell": Entity("ana_quell", "Ana  Quell", "Person", ("Ana Quell", "Quell"))},
        (_graph(),))
    labels = [(p.rsplit("#", 1)[-1], o) for s, p, o in entity_triples(resolution)
              if s.endswith("/ana_quell>") and p.endswith(("#label>", "#altLabel>"))]
    assert labels == [("label>", '"Ana Quell"'), ("altLabel>", '"Quell"')]


@pytest.mark.parametrize("part", [7, 1000])
def test_a_graph_loaded_in_parts_of_any_size_holds_every_quad_and_leaves_no_part(
        tmp_path, part, monkeypatch):
    monkeypatch.setattr(embedded, "LOAD_QUADS", part)
    graph = _graph()
    store = ox.Store(str(tmp_path / "db"))
    graphs = iter([(f"<{document_iri('doc1')}>", document_triples(graph))])
    embedded._load(store, graphs, tmp_path / "part.nq", None)
    expected = ox.Store()  # which keeps numbers and dates by value, as the loaded store
    expected.bulk_extend(document_quads(graph))
    assert set(store) == set(expected)
    assert not (tmp_path / "part.nq").exists()


def test_graphml_written_in_pieces_is_the_whole_files_bytes_without_the_stories(
        seeds_build, tmp_path):
    from kg.export import export, graphml_text
    from kg.graphview import entity_graph
    from kg.store import Store

    store, out, _ = seeds_build
    with Store(store, create=False) as opened:
        told = entity_graph(opened)
        plain = entity_graph(opened, told=False)  # what GraphML shows, no sentence held
        export(opened, "graphml", tmp_path / "g.graphml")
    assert plain.nodes == told.nodes and plain.edges
    assert [(e.source, e.target, e.relation, e.confidence, e.support, e.documents)
            for e in plain.edges] == [(e.source, e.target, e.relation, e.confidence, e.support,
                                       e.documents) for e in told.edges]
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8") == graphml_text(told)
    assert (tmp_path / "g.graphml").read_bytes() == (out / "graph.graphml").read_bytes()
