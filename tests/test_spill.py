"""Document graphs kept on disk by the join (``kg.resolve.spill``) read back as they were made."""

import pytest

from kg.model import (
    Candidate,
    Document,
    DocumentGraph,
    Evidence,
    Extraction,
    MentionCount,
    SaidQuote,
    Statement,
)
from kg.resolve import combine, lists_without_commas, name_labels, resolve_document
from kg.resolve.spill import SpilledGraphs, SpilledItems, decode, encode
from tests.conftest import m


def _graph(doc_id: str, facts: int) -> DocumentGraph:
    evidence = [Evidence(doc_id, 10 * n, 10 * n + 9, f"Sentence {n} of Quorlan.", "verb",
                         0.75, "planned" if n % 2 else "asserted", "in 1987", "",
                         cues="args=name-name") for n in range(facts)]
    return DocumentGraph(
        Document(doc_id, f"{doc_id}.txt", "", "A title", "1987-03-02"), facts,
        tuple(Statement("Quorlan", "acquired", f"Vexmill_{n}", ev, literal=n == 1,
                        typed=n != 2) for n, ev in enumerate(evidence)),
        (MentionCount("Quorlan", 3), MentionCount("Vexmill_0", 1)),
        (SaidQuote("Ada_Brenn", "We will grow.", 5, 18, True, "said", ("Quorlan",),
                   evidence[0]),) if facts else ())


def test_a_graph_decodes_to_an_equal_one_with_the_same_repr():
    graph = _graph("d1", 3)
    again = decode(encode(graph))
    # the store fingerprints a graph by its repr: cues, no part of equality, must survive
    assert again == graph and repr(again) == repr(graph)


@pytest.mark.parametrize("kept", [0, 2000, 1 << 20])  # all written, the first few kept, all
def test_spilled_graphs_read_back_in_order_again_and_again(kept):
    graphs = [_graph(f"d{n}", n % 4) for n in range(50)]
    spilled = SpilledGraphs(kept)
    for graph in graphs:
        spilled.append(graph)
    assert len(spilled) == 50
    assert list(spilled) == graphs and list(spilled) == graphs
    assert spilled[7] == graphs[7] and spilled[-1] == graphs[-1]
    # two walks at once (the store write reads the graphs inside other reads)
    assert [(a, b) for a, b in zip(spilled, spilled, strict=True)] == list(zip(graphs, graphs,
                                                                               strict=True))


def test_graphs_added_during_a_walk_are_read_by_it():
    graphs = [_graph(f"d{n}", 2) for n in range(6)]
    for kept in (0, 1 << 20):
        spilled, read = SpilledGraphs(kept), []
        spilled.append(graphs[0])
        for graph in spilled:
            read.append(graph)
            if len(spilled) < len(graphs):
                spilled.append(graphs[len(spilled)])
        assert read == graphs


def test_the_join_spilled_makes_the_graphs_it_makes_in_memory(vocab):
    def ev(start: int) -> Evidence:
        return Evidence("a", start, start + 20, "Quorlan bought Vexmill.", "verb", 0.9)

    extractions = {
        "a": Extraction("a", 1, (m("Quorlan", 0), m("Vexmill", 15)),
                        (Candidate(m("Quorlan", 0), "acquired", m("Vexmill", 15), ev(0)),)),
        "b": Extraction("b", 1, (m("Quorlan Corp", 0), m("Drasby", 20, "Place")),
                        (Candidate(m("Quorlan Corp", 0), "locatedIn", m("Drasby", 20, "Place"),
                                   ev(0)),))}

    def joined(spill: bool):
        labels = name_labels(extractions["a"]) + name_labels(extractions["b"])
        lists = lists_without_commas(labels)
        return combine([resolve_document(Document(d, f"{d}.txt", ""), e, lists, vocab)
                        for d, e in extractions.items()], vocab, spill=spill)

    kept, spilled = joined(False), joined(True)
    assert isinstance(spilled.documents, SpilledGraphs)
    assert tuple(spilled.documents) == kept.documents and len(kept.documents) == 2
    assert spilled.entities == kept.entities


def test_spilled_items_read_back_by_index_slice_and_walk(monkeypatch):
    import kg.resolve.spill as spill

    monkeypatch.setattr(spill, "_BUFFER", 64)  # written in many blocks
    items = [({"Quorlan": n}, {"Organization": 1.5}, {}, (f"reason {n}",), n % 2 == 0, "")
             for n in range(300)]
    spilled = SpilledItems(items[:150])
    for item in items[150:]:
        spilled.append(item)
    assert len(spilled) == 300 and list(spilled) == items and list(spilled) == items
    assert spilled[0] == items[0] and spilled[-1] == items[-1] and spilled[151] == items[151]
    assert spilled[10:20] == tuple(items[10:20]) and spilled[::97] == tuple(items[::97])
    assert spilled == tuple(items) and tuple(items) == spilled and spilled != items[:5]
    with pytest.raises(IndexError):
        spilled[300]
    assert list(SpilledItems()) == [] and SpilledItems()[0:3] == ()
