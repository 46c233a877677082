"""Parse and extract documents in several processes (``kg build --jobs N``).

Each worker process parses whole documents, or runs of a long document's paragraphs, and
returns their ``Extraction`` (small, plain data), so the parent only resolves and stores. The
workers are forked after the parent has loaded the pipeline, so the model is loaded once and
shared copy-on-write. At most a few documents per worker are in flight, so the corpus is never
held in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.cache import encode_extraction
from kg.executors import (
    Extracted,
    Run,
    Work,
    extract_run,
    extract_text,
    is_long,
    paragraph_runs,
    run_chars,
)
from kg.lifetime import die_with_parent
from kg.model import Document, Extraction
from kg.ontology import Vocabulary

if TYPE_CHECKING:
    from spacy.language import Language

IN_FLIGHT_PER_WORKER = 4

# The pipeline of a worker process, set once by ``_start`` when the worker is forked. This is
# per-process state of the workers only; the parent passes its pipeline explicitly.
_worker: tuple[Language, Vocabulary, int] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start(nlp: Language, vocab: Vocabulary, batch_size: int, parent: int) -> None:
    global _worker
    die_with_parent(parent)  # a killed build leaves no worker behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = (nlp, vocab, batch_size)
    gc.enable()  # forked from a parent that turned it off; parsing makes cyclic garbage


def _work(doc: Document) -> Extracted:
    assert _worker is not None, "worker started without a pipeline"
    extraction = extract_text(doc, *_worker)
    return extraction, encode_extraction(extraction)  # the cache entry, encoded here


def _work_paragraphs(doc_id: str, run: Run) -> Extraction:
    """The extraction of a run of one long document's paragraphs."""
    assert _worker is not None, "worker started without a pipeline"
    return extract_run(doc_id, run, *_worker)


def map_documents(docs: Iterable[Document], work: Work, jobs: int) -> Iterator[Extracted]:
    """``(extraction, its cache JSON)`` for ``docs`` in their order, computed by ``jobs``
    processes forked from this one, which has loaded ``work.nlp``."""
    assert work.nlp is not None, "the pipeline is loaded before the workers are forked"
    context = multiprocessing.get_context("fork")
    # The parent only receives plain, acyclic results; without cyclic collections its growing
    # heap is not walked again for every batch of results (a cost that grows with the corpus).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield from _run(context, docs, work.nlp, work.vocab, jobs, work.batch_size,
                        work.part_done)
    finally:
        if collecting:
            gc.enable()


def _run(context: Any, docs: Iterable[Document], nlp: Language, vocab: Vocabulary, jobs: int,
         batch_size: int, part_done: Callable[[str, int], None] | None) -> Iterator[Extracted]:
    start = (nlp, vocab, batch_size, os.getpid())
    with context.Pool(jobs, initializer=_start, initargs=start) as pool:
        # each entry: a whole document's result, or a long document's runs, joined when due,
        # with the characters of each run (None for a whole document)
        pending: deque[tuple[str, list[Any], list[int] | None]] = deque()
        in_flight = 0
        for doc in docs:
            if is_long(doc):
                runs = paragraph_runs(doc)
                pending.append((doc.doc_id, [pool.apply_async(_work_paragraphs, (doc.doc_id, run))
                                             for run in runs],
                                [run_chars(run) for run in runs]))
                in_flight += len(runs)
            else:
                pending.append((doc.doc_id, [pool.apply_async(_work, (doc,))], None))
                in_flight += 1
            while in_flight >= jobs * IN_FLIGHT_PER_WORKER:
                in_flight -= len(pending[0][1])
                yield _collect(pending.popleft(), part_done)
        while pending:
            yield _collect(pending.popleft(), part_done)


def _collect(entry: tuple[str, list[Any], list[int] | None],
             part_done: Callable[[str, int], None] | None) -> Extracted:
    from kg.extract.run import join_extractions

    doc_id, results, sizes = entry
    if sizes is None:
        return results[0].get()  # type: ignore[no-any-return]  # extracted and encoded there
    extractions = []
    for result, size in zip(results, sizes, strict=True):
        extractions.append(result.get())
        if part_done is not None:
            part_done(doc_id, size)
    extraction = join_extractions(doc_id, extractions)
    return extraction, encode_extraction(extraction)
