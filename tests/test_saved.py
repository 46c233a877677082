"""Documents resolved within themselves, kept on disk while a build runs (``Shelf``) and in
the file the next build reads (``dump``, ``loads``), come back as they were saved."""

import io
from collections import Counter
from dataclasses import replace

import pytest

from kg.model import Candidate, Document, Evidence, Extraction, Joined
from kg.resolve import name_labels, resolve_document
from kg.resolve import saved as saves
from tests.conftest import m


def _saved(doc_id: str, n: int, vocab) -> saves.SavedDocument:
    """A document naming a company and a person ``n`` times, resolved within itself."""
    text = "Quorlan hired Ada Brenn. " * n
    mentions, candidates = [], []
    for k in range(n):
        at = 25 * k
        mentions += [m("Quorlan", at), m("Ada Brenn", at + 14, "Person")]
        candidates.append(Candidate(m("Ada Brenn", at + 14, "Person"), "worksFor",
                                    m("Quorlan", at),
                                    Evidence(doc_id, at, at + 24, text[at:at + 24], "verb",
                                             0.8)))
    extraction = Extraction(doc_id, n, tuple(mentions), tuple(candidates))
    local = resolve_document(Document(doc_id, f"{doc_id}.txt", text), extraction, set(),
                             vocab)
    return saves.save(local, name_labels(extraction), set())


def test_a_shelf_gives_back_each_document_as_saved_and_holds_none(vocab):
    docs = {f"d{n}": _saved(f"d{n}", n % 3 + 1, vocab) for n in range(12)}
    shelf = saves.Shelf()
    for doc_id, saved in docs.items():
        shelf.add(doc_id, saved)
    assert len(shelf) == 12 and list(shelf) == list(docs)
    assert all(shelf[d] == saved for d, saved in docs.items())
    assert "d3" in shelf and "d99" not in shelf and shelf.get("d99") is None
    # its names and lists alone, without reading its clusters and evidence
    names = shelf.names_of("d2")
    assert names.names() == docs["d2"].names() and names.lists == docs["d2"].lists
    assert names.sections == docs["d2"].sections and not names.clusters + names.evidence
    # what a worker sent, encoded, is kept as it came
    shelf.add_encoded("w1", saves.encode(docs["d1"]), 5)
    assert shelf["w1"] == replace(docs["d1"], statements=5)
    shelf.set_statements("d2", 7)
    assert shelf.statements("d2") == 7 and shelf.total_statements() == 12
    shelf.add("d2", docs["d4"])  # resolved again: replaces the one before
    assert shelf["d2"] == docs["d4"] and shelf.total_statements() == 5
    shelf.discard("w1")
    assert "w1" not in shelf and len(shelf) == 12 and shelf.total_statements() == 0
    # nothing is held but where each lies
    assert not hasattr(shelf, "__dict__")


def test_the_file_for_the_next_build_reads_back_in_pieces(vocab, monkeypatch):
    monkeypatch.setattr(saves, "_ITEMS", 3)  # the join's parts in several frames each
    shelf = saves.Shelf()
    docs = {f"d{n}": _saved(f"d{n}", n % 2 + 1, vocab) for n in range(5)}
    for doc_id, saved in docs.items():
        shelf.add(doc_id, saved)
    shelf.set_statements("d1", 4)
    joined = Joined(tuple((({"Quorlan": n},), n) for n in range(7)),
                    {f"d{n}": ((n, n + 1),) for n in range(5)},
                    {f"key {n}": n for n in range(8)}, {"d0": "ab", "d3": "cd"})
    out = io.BytesIO()
    saves.dump(shelf, joined, "code-1", out)
    data = out.getvalue()
    assert data == saves.dumps(shelf, joined, "code-1")
    kept, again = saves.loads(data, "code-1")
    assert again == joined
    assert list(kept) == list(docs) and {d: kept[d] for d in kept} == {
        d: replace(s, statements=4) if d == "d1" else s for d, s in docs.items()}
    assert kept.statements("d1") == 4 and kept.statements("d0") == 0
    # copied to another shelf as bytes, it is the same document
    other = saves.Shelf()
    other.add_encoded("d1", kept.encoded("d1"), kept.statements("d1"))
    assert other["d1"] == kept["d1"]
    # another code's file, or tools that read whatever code wrote it
    assert len(saves.loads(data, "code-2")[0]) == 0
    assert len(saves.loads(data, None)[0]) == 5


@pytest.mark.parametrize("damage", [
    lambda data: data[:len(data) // 2],  # cut short
    lambda data: data + b"\x01",  # something after it
    lambda data: b"\x00not what kg wrote",
    lambda data: data[:4],
])
def test_a_damaged_file_is_not_used(vocab, damage):
    shelf = saves.Shelf()
    shelf.add("d1", _saved("d1", 2, vocab))
    data = saves.dumps(shelf, Joined((({"Quorlan": 1},),), {"d1": ((0,),)}, {"quorlan": 0}),
                       "code-1")
    kept, joined = saves.loads(damage(data), "code-1")
    assert len(kept) == 0 and joined == Joined()


def test_labels_survive_as_counts(vocab):
    saved = _saved("d1", 3, vocab)
    shelf = saves.Shelf()
    shelf.add("d1", saved)
    assert shelf["d1"].names() == saved.names() == Counter(
        {("quorlan", "Organization"): 3, ("ada brenn", "Person"): 3})


def test_a_document_loaded_from_a_shelf_reads_its_clusters_from_disk(vocab):
    saved = _saved("d1", 3, vocab)
    shelf = saves.Shelf()
    shelf.add("d1", saved)
    document = Document("d1", "d1.txt", "")
    local, direct = shelf.load("d1", document), saves.load(saved, document)
    assert local.document == direct.document and local.joined_before

    def read(resolution):
        return [(s.sentences, [c.encode() for c in s.clusters], s.statements, list(s.evidence),
                 s.mentions, s.quotes) for s in resolution.sections]

    assert read(local) == read(direct) and read(local)[0][1]
    # let go of and read again (the join reads them twice), they are the same
    for section in local.sections:
        section.clusters.release()
    assert read(local) == read(direct)


def test_a_shelf_document_decodes_its_facts_each_time_they_are_read(vocab):
    saved = _saved("d1", 2, vocab)
    shelf = saves.Shelf()
    shelf.add("d1", saved)
    local = shelf.load("d1", Document("d1", "d1.txt", ""))
    direct = saves.load(saved, Document("d1", "d1.txt", ""))
    section, plain = local.sections[0], direct.sections[0]
    assert isinstance(plain.statements, tuple) and not isinstance(section.statements, tuple)
    # read again and again, made anew each time: equal, never the same objects
    first, again = list(section.statements), list(section.statements)
    assert first == again == list(plain.statements) and first[0] is not again[0]
    assert len(section.statements) == len(plain.statements) == 2
    assert section.statements[1] == plain.statements[1]
    assert section.statements[:1] == plain.statements[:1]
    assert list(section.mentions) == list(plain.mentions)
    assert list(section.quotes) == list(plain.quotes)
