"""Ways of running parse + extraction over documents, one module per kind, picked by ``choose``.

Every kind offers ``map_documents(docs, work) -> Iterator[Extracted]``: each document's
extraction and its cache entry (``kg.cache.encode_extraction``), in the documents' order, with
a bounded number of documents in flight. The kinds: ``inline`` (this process), ``processes``
(forked from this one, for ``--jobs``) and ``dask`` (a Dask cluster, for ``--cluster``), which
also resolves each document within itself where it was parsed and sends that
(``ResolvedWithin``) instead of the extraction, so the driver need not hold it. A
kind's module is imported only when it is chosen, so a build without ``--cluster`` never
imports Dask.

A document longer than ``CHUNK_CHARS`` is cut into runs of whole paragraphs that several
workers read at once and the driver joins in order (``join_extractions``): every rule reads
one paragraph, so the pieces give the extraction of the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

from kg.model import Document, Extraction
from kg.ontology import Vocabulary
from kg.sources import ReadOptions

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True)
class ResolvedWithin:
    """A document resolved within itself where it was parsed (``resolve_within``), encoded
    as the build keeps it (``kg.resolve.saved.encode``): the driver stores the bytes as
    they come."""

    doc_id: str
    encoded: tuple[bytes, bytes, bytes]


# an extraction (or the document resolved within itself) and its cache entry (JSON text)
Extracted = tuple[Extraction | ResolvedWithin, str]
Run = list[tuple[str, int]]  # a run of one document's paragraphs: (text, offset in the document)

# A document longer than this is read as runs of paragraphs of about this size, by several
# workers at once: a long dump of stories keeps every core busy and no worker's memory grows.
CHUNK_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class Work:
    """What parsing and extraction need, whichever kind runs them."""

    model: str  # the spaCy pipeline's name, for workers that load their own
    vocab: Vocabulary
    batch_size: int
    read: ReadOptions  # how a worker that reads a document again reads it
    nlp: Language | None = None  # the pipeline loaded in this process, for kinds that use it
    # told (in this process) of each part of a long document done: its id and characters, so
    # progress moves within a document that takes minutes
    part_done: Callable[[str, int], None] | None = None


class MapDocuments(Protocol):
    def __call__(self, docs: Iterable[Document], work: Work) -> Iterator[Extracted]: ...


@dataclass(frozen=True, slots=True)
class Executor:
    """A kind of executor, ready to run."""

    name: str  # inline, processes or dask
    map_documents: MapDocuments
    uses_local_pipeline: bool  # parses with ``Work.nlp``, the pipeline loaded in this process


def choose(cluster: str, jobs: int, sizes: Iterable[int]) -> Executor:
    """The executor of a build: the Dask cluster at ``cluster`` (``tcp://host:port`` or
    ``local:N``) if one is named, else ``jobs`` forked processes (0: one per core), but no more
    processes than pieces of work (documents of ``sizes`` characters, runs of a long one's
    paragraphs), and no process but this one for a single piece."""
    if cluster:
        try:
            from kg.executors import dask
        except ModuleNotFoundError as err:
            from kg.errors import ClusterError

            raise ClusterError(f"--cluster needs Dask ({err}): pip install "
                               "'kg[cluster]'") from err
        return Executor("dask", partial(dask.map_documents, address=cluster), False)
    from kg.executors import processes

    pieces = sum(1 + size // CHUNK_CHARS for size in sizes)
    jobs = min(jobs or processes.default_jobs(), pieces)
    if jobs > 1:
        return Executor("processes", partial(processes.map_documents, jobs=jobs), True)
    from kg.executors import inline

    return Executor("inline", inline.map_documents, True)


def is_long(doc: Document) -> bool:
    """Whether ``doc`` is read as several runs of paragraphs."""
    return len(doc.text) > CHUNK_CHARS


def run_chars(run: Run) -> int:
    """The characters of a run's paragraphs."""
    return sum(len(text) for text, _ in run)


def paragraph_runs(doc: Document) -> list[Run]:
    """A document's paragraphs, in runs of about ``CHUNK_CHARS`` characters."""
    from kg.documents import paragraphs

    runs: list[Run] = [[]]
    size = 0
    for para in paragraphs(doc.text, doc.title):
        if size >= CHUNK_CHARS:
            runs.append([])
            size = 0
        runs[-1].append((para.text, para.start))
        size += len(para.text)
    return runs


def extract_run(doc_id: str, run: Run, nlp: Language, vocab: Vocabulary,
                batch_size: int) -> Extraction:
    """Parse paragraphs of one document and run the extraction rules over them."""
    from kg.extract.run import extract_document
    from kg.nlp import parse

    return extract_document(doc_id, parse(nlp, run, batch_size=batch_size), vocab)


def resolve_within(doc: Document, extraction: Extraction,
                   vocab: Vocabulary) -> tuple[bytes, bytes, bytes]:
    """``doc`` resolved within itself, as resolution would, supposing the corpus's comma-less
    lists (``kg.resolve.lists_without_commas``) name none of its names. Where they do (a
    two-word name written once in the whole corpus), resolution does it again from the
    cached extraction, as for a document an earlier build kept."""
    from kg.resolve import name_labels, resolve_document
    from kg.resolve import saved as saves

    return saves.encode(saves.save(resolve_document(doc, extraction, set(), vocab),
                                   name_labels(extraction), set()))


def extract_text(doc: Document, nlp: Language, vocab: Vocabulary,
                 batch_size: int) -> Extraction:
    """Parse one whole document and run the extraction rules over it."""
    from kg.documents import paragraphs

    run = [(p.text, p.start) for p in paragraphs(doc.text, doc.title)]
    return extract_run(doc.doc_id, run, nlp, vocab, batch_size)


def trim_heap() -> None:
    """Give the C heap's free memory back to the system (glibc's ``malloc_trim``, every
    arena: a cluster client's threads each allocate from one of their own); nothing
    elsewhere. What a phase frees is otherwise kept by the allocator and counted in the
    process's size through the phases after it."""
    import ctypes
    import sys
    from contextlib import suppress

    if sys.platform.startswith("linux"):
        with suppress(AttributeError, OSError):  # not glibc
            ctypes.CDLL(None).malloc_trim(0)
