"""A very long document (a dump of many stories in one file) is read in pieces: its
paragraphs in several workers, its names resolved in sections. The result is the graph of
the whole text, and the work grows with the length, not with its square."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.executors
from kg.cache import extraction_from_json
from kg.documents import document_id
from kg.executors import Work, paragraph_runs, processes
from kg.executors.inline import extract_stream
from kg.model import Document
from kg.pipeline import BuildOptions, build
from kg.resolve import document as resolve_document
from kg.resolve import resolve
from kg.resolve.document import sections
from kg.sources import ReadOptions

STORIES = [
    "Quillmark Systems released Vexadraw, a drawing tool, on Monday. The company said "
    "Vexadraw would be free.\n\nOrla Finch, the chief executive of Quillmark Systems, said "
    "she expected rivals to follow.",
    "Tarnwell Foods bought Pelham Dairies for 40 million dollars. Pelham Dairies is based in "
    "Cork.\n\nJonas Brandt, a spokesman for Tarnwell Foods, said the deal would close soon.",
    "Harrowgate Motors opened a plant in Leeds. It said the plant would employ 300 people."
    "\n\nHarrowgate Motors chairman Ines Okafor visited the plant.",
]


def _dump(copies: int) -> str:
    return "\n\n".join(STORIES[i % len(STORIES)] for i in range(copies))


@pytest.mark.slow
def test_long_document_in_runs_of_paragraphs_equals_one_piece(nlp, vocab, monkeypatch):
    text = _dump(9)
    doc = Document(document_id(text), "dump.txt", text)
    whole = next(extract_stream([doc], nlp, vocab, batch_size=8))
    monkeypatch.setattr(kg.executors, "CHUNK_CHARS", 400)  # several runs, in two workers
    assert len(paragraph_runs(doc)) > 3
    work = Work("", vocab, 8, ReadOptions(), nlp)
    (pieces, encoded), = processes.map_documents([doc], work, jobs=2)
    assert pieces == whole
    assert extraction_from_json(json.loads(encoded)) == whole  # the cache entry, too


@pytest.mark.slow
def test_sections_of_a_long_document_resolve_like_the_whole(nlp, vocab, monkeypatch):
    text = _dump(6)
    doc = Document(document_id(text), "dump.txt", text)
    extraction = next(extract_stream([doc], nlp, vocab, batch_size=8))
    whole = resolve([(doc, extraction)], vocab)
    monkeypatch.setattr(resolve_document, "SECTION_CHARS", len(STORIES[0]) + 2)
    parts = sections(extraction)
    assert len(parts) >= 3
    # every item lands in exactly one section, sentences counted once
    assert sum(len(p.mentions) for p in parts) == len(extraction.mentions)
    assert sum(len(p.candidates) for p in parts) == len(extraction.candidates)
    assert sum(p.sentences for p in parts) == extraction.sentences
    sectioned = resolve([(doc, extraction)], vocab)
    (graph,) = sectioned.documents
    assert graph.sentences == whole.documents[0].sentences
    assert {(s.subject, s.predicate, s.object) for s in graph.statements} == {
        (s.subject, s.predicate, s.object) for s in whole.documents[0].statements}


def test_sections_cut_between_sentences_only(extract):
    extraction = extract(_dump(3))
    spans = sorted({(c.evidence.start, c.evidence.end) for c in extraction.candidates})
    for size in (1, 50, 200, 10_000):
        parts = sections(extraction, size)
        starts = [min(c.evidence.start for c in p.candidates) for p in parts if p.candidates]
        assert starts == sorted(starts)
        for p in parts:  # no sentence a fact was read from is split between two sections
            for c in p.candidates:
                assert all(not (s < c.evidence.start < e) for s, e in spans)
    assert sections(extraction, 10_000) == [extraction]


@pytest.mark.slow
def test_one_long_file_builds_the_graph_of_the_same_stories_in_many(tmp_path: Path, nlp,
                                                                   monkeypatch):
    monkeypatch.setattr(resolve_document, "SECTION_CHARS", 600)
    one, many = tmp_path / "one", tmp_path / "many"
    one.mkdir()
    many.mkdir()
    (one / "dump.txt").write_text(_dump(3), encoding="utf-8")
    for i, story in enumerate(STORIES):
        (many / f"{i}.txt").write_text(story, encoding="utf-8")
    from kg.queries import run_query
    from kg.store import Store

    found = []
    for folder in (one, many):
        build([folder], BuildOptions(store=tmp_path / f"{folder.name}-store", out=None),
              nlp=nlp)
        with Store(tmp_path / f"{folder.name}-store", create=False) as store:
            rows = run_query(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o . ?s a kg:Organization . "
                                "FILTER(STRSTARTS(STR(?p), STR(kg:))) }")
            found.append({tuple(str(v) for v in row) for row in rows.rows})
    assert found[0] == found[1]
    assert found[0]


@pytest.mark.slow
def test_one_long_file_is_shared_out_among_the_jobs(tmp_path: Path, nlp, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dump.txt").write_text(_dump(6), encoding="utf-8")
    graphs = []
    for jobs in (1, 2):
        if jobs == 2:  # runs of a few paragraphs, read by two worker processes
            monkeypatch.setattr(kg.executors, "CHUNK_CHARS", 300)
        out = tmp_path / f"out{jobs}"
        build([tmp_path / "in"], BuildOptions(store=tmp_path / f"store{jobs}", out=out,
                                              jobs=jobs), nlp=nlp)
        graphs.append((out / "graph.ttl").read_bytes())
    assert graphs[0] == graphs[1]
