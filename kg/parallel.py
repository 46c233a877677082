"""Parse and extract documents in several processes.

Each worker process parses whole documents and returns their ``Extraction`` (small, plain
data), so the parent only resolves and stores. The workers are forked after the parent has
loaded the pipeline, so the model is loaded once and shared copy-on-write. At most a few
documents per worker are in flight, so the corpus is never held in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.cache import encode_extraction
from kg.lifetime import die_with_parent
from kg.model import Document, Extraction
from kg.ontology import Vocabulary

if TYPE_CHECKING:
    from spacy.language import Language

IN_FLIGHT_PER_WORKER = 4
# A document longer than this is read as runs of paragraphs of about this size, in several
# workers at once: a long dump of stories keeps every core busy and no worker's memory grows.
CHUNK_CHARS = 200_000

# The pipeline of a worker process, set once by ``_start`` when the worker is forked. This is
# per-process state of the workers only; the parent passes its pipeline explicitly.
_worker: tuple[Language, Vocabulary, int] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_text(doc: Document, nlp: Language, vocab: Vocabulary,
                 batch_size: int) -> Extraction:
    """Parse one document's paragraphs and run the extraction rules over them."""
    from kg.documents import paragraphs
    from kg.extract.run import extract_document
    from kg.nlp import parse

    paras = [(p.text, p.start) for p in paragraphs(doc.text)]
    parsed = parse(nlp, paras, batch_size=batch_size)
    return extract_document(doc.doc_id, parsed, vocab)


def _start(nlp: Language, vocab: Vocabulary, batch_size: int, parent: int) -> None:
    global _worker
    die_with_parent(parent)  # a killed build leaves no worker behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = (nlp, vocab, batch_size)
    gc.enable()  # forked from a parent that turned it off; parsing makes cyclic garbage


def _work(doc: Document) -> tuple[Extraction, str]:
    assert _worker is not None, "worker started without a pipeline"
    nlp, vocab, batch_size = _worker
    extraction = extract_text(doc, nlp, vocab, batch_size)
    return extraction, encode_extraction(extraction)  # the cache entry, encoded here


def _work_paragraphs(doc_id: str, paras: list[tuple[str, int]]) -> Extraction:
    """The extraction of a run of one long document's paragraphs."""
    from kg.extract.run import extract_document
    from kg.nlp import parse

    assert _worker is not None, "worker started without a pipeline"
    nlp, vocab, batch_size = _worker
    return extract_document(doc_id, parse(nlp, paras, batch_size=batch_size), vocab)


def _chunks(doc: Document) -> list[list[tuple[str, int]]]:
    """A long document's paragraphs, in runs of about ``CHUNK_CHARS`` characters."""
    from kg.documents import paragraphs

    runs: list[list[tuple[str, int]]] = [[]]
    size = 0
    for para in paragraphs(doc.text):
        if size >= CHUNK_CHARS:
            runs.append([])
            size = 0
        runs[-1].append((para.text, para.start))
        size += len(para.text)
    return runs


def extract_in_processes(docs: Iterable[Document], nlp: Language, vocab: Vocabulary,
                         jobs: int, batch_size: int) -> Iterator[tuple[Extraction, str]]:
    """``(extraction, its cache JSON)`` for ``docs`` in their order, computed by ``jobs``
    forked processes."""
    context = multiprocessing.get_context("fork")
    # The parent only receives plain, acyclic results; without cyclic collections its growing
    # heap is not walked again for every batch of results (a cost that grows with the corpus).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield from _run(context, docs, nlp, vocab, jobs, batch_size)
    finally:
        if collecting:
            gc.enable()


def _run(context: Any, docs: Iterable[Document], nlp: Language, vocab: Vocabulary, jobs: int,
         batch_size: int) -> Iterator[tuple[Extraction, str]]:
    start = (nlp, vocab, batch_size, os.getpid())
    with context.Pool(jobs, initializer=_start, initargs=start) as pool:
        # each entry: a whole document's result, or a long document's runs, joined when due,
        # and which of the two it is
        pending: deque[tuple[str, list[Any], bool]] = deque()
        in_flight = 0
        for doc in docs:
            if len(doc.text) > CHUNK_CHARS:
                runs = [pool.apply_async(_work_paragraphs, (doc.doc_id, run))
                        for run in _chunks(doc)]
                pending.append((doc.doc_id, runs, False))
                in_flight += len(runs)
            else:
                pending.append((doc.doc_id, [pool.apply_async(_work, (doc,))], True))
                in_flight += 1
            while in_flight >= jobs * IN_FLIGHT_PER_WORKER:
                in_flight -= len(pending[0][1])
                yield _collect(pending.popleft())
        while pending:
            yield _collect(pending.popleft())


def _collect(entry: tuple[str, list[Any], bool]) -> tuple[Extraction, str]:
    from kg.extract.run import join_extractions

    doc_id, results, whole = entry
    if whole:
        return results[0].get()  # extracted and encoded by its worker
    extraction = join_extractions(doc_id, [r.get() for r in results])
    return extraction, encode_extraction(extraction)
