"""Shared fixtures: the English pipeline and the ontology load once per session; the seed
corpus is built once into a temporary store for the end-to-end tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.model import Candidate, Extraction, Mention, MentionKind
from kg.ontology import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="session")
def extract(nlp, vocab) -> Callable[[str], Extraction]:
    """Text → Extraction, each line a paragraph, as the pipeline does it."""
    from kg.documents import paragraphs
    from kg.extract.run import extract_document

    def run(text: str) -> Extraction:
        parsed = [(nlp(p.text), p.start) for p in paragraphs(text)]
        return extract_document("test", parsed, vocab)

    return run


def m(text: str, start: int, label: str = "Organization",
      kind: MentionKind = MentionKind.NAME) -> Mention:
    """A mention of ``text`` at character ``start``, made by hand."""
    return Mention(text, start, start + len(text), label, kind)


def triples(extraction: Extraction) -> set[tuple[str, str, str]]:
    """(subject text, relation, object text) of every candidate."""
    return {(c.subject.text, c.relation, c.object.text) for c in extraction.candidates}


def facts(candidates: tuple[Candidate, ...]) -> set[tuple[str, str, str]]:
    return {(c.subject.text, c.relation, c.object.text) for c in candidates}


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, nlp):
    """The seed corpus built once: (store path, out path, report)."""
    from kg.pipeline import BuildOptions, build

    base = tmp_path_factory.mktemp("seeds")
    options = BuildOptions(store=base / "store", out=base / "out")
    report = build([SEEDS], options, nlp=nlp)
    return base / "store", base / "out", report
