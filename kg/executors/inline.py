"""Parse and extract documents in this process (``kg build --jobs 1``, or one document).

The documents' paragraphs are parsed as one stream, so spaCy's batches span documents; a
document's parsed paragraphs are held until its run (all of an ordinary article) is read.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from kg.cache import encode_extraction
from kg.executors import CHUNK_CHARS, Extracted, Work, is_long
from kg.model import Document, Extraction
from kg.ontology import Vocabulary

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def map_documents(docs: Iterable[Document], work: Work) -> Iterator[Extracted]:
    """``(extraction, its cache JSON)`` for ``docs`` in their order, parsed with ``work.nlp``."""
    assert work.nlp is not None, "the pipeline is loaded in this process"
    for extraction in extract_stream(docs, work.nlp, work.vocab, work.batch_size,
                                     work.part_done):
        yield extraction, encode_extraction(extraction)


def extract_stream(docs: Iterable[Document], nlp: Language, vocab: Vocabulary,
                   batch_size: int, part_done: Callable[[str, int], None] | None = None,
                   ) -> Iterator[Extraction]:
    """Parse documents paragraph by paragraph as one stream and extract each document, a run
    of its paragraphs at a time (the same runs the other executors read)."""
    with _collecting_less():
        yield from _extract_stream(docs, nlp, vocab, batch_size, part_done)


@contextmanager
def _collecting_less() -> Iterator[None]:
    """The cycle collector, set for a parse: what is alive when it starts (the model above
    all: a tenth of a million objects) is left out of the collector's full passes, which a
    long parse triggers again and again, each walking it all to free nothing (unless a caller
    froze objects already); and the young objects are walked every 10,000 made instead of
    700 (the paragraphs' tokens free themselves: ``words.Doc.release``)."""
    thresholds = gc.get_threshold()
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    gc.set_threshold(max(thresholds[0], 10_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if frozen:
            gc.unfreeze()


def _extract_stream(docs: Iterable[Document], nlp: Language, vocab: Vocabulary,
                    batch_size: int, part_done: Callable[[str, int], None] | None = None,
                    ) -> Iterator[Extraction]:
    from kg.documents import paragraphs
    from kg.extract.run import extract_document, join_extractions
    from kg.nlp import parse

    order: list[Document] = []

    def texts() -> Iterator[tuple[str, tuple[int, int, int]]]:
        for doc in docs:
            order.append(doc)
            index = len(order) - 1
            yield "", (index, -1, 0)  # an empty marker opens each document, even an empty one
            for para in paragraphs(doc.text, doc.title):
                # its length kept: spaCy's ``Doc.text`` joins the tokens again at each read
                yield para.text, (index, para.start, len(para.text))

    # A run is extracted when the next one starts; the document's extraction is joined when
    # the next document opens.
    current: int | None = None
    parts: list[Extraction] = []
    run: list[tuple[Doc, int]] = []
    size = 0
    for parsed, (index, offset, length) in parse(nlp, texts(), batch_size=batch_size):
        if offset == -1 or size >= CHUNK_CHARS:
            if run:
                assert current is not None
                parts.append(extract_document(order[current].doc_id, run, vocab))
            run, size = [], 0
        if offset == -1:
            if current is not None:
                yield join_extractions(order[current].doc_id, parts)
                order[current] = order[current].without_text()
            current, parts = index, []
            continue
        assert current is not None
        run.append((parsed, offset))
        size += length
        if part_done is not None and is_long(order[current]):
            part_done(order[current].doc_id, length)
    if current is not None:
        if run:
            parts.append(extract_document(order[current].doc_id, run, vocab))
        yield join_extractions(order[current].doc_id, parts)
