"""Parse and extract on a Dask cluster (``kg build --cluster``).

The driver (the ``kg build`` process) cuts the documents into batches sized for the parse and
submits a few batches per worker at a time; each worker loads the spaCy pipeline once (a
worker plugin), parses its batches and returns each document's cache entry, the same JSON a
local build writes. A document read from a file of its own travels as its path: the worker
reads it again and checks its id. A record of a multi-document file (JSON lines, CSV, feed,
WARC) travels with its text. A document longer than ``CHUNK_CHARS`` travels as runs of its
paragraphs, each a task of its own, and the driver joins their extractions in order. A whole
document is also resolved within itself on its worker (``resolve_within``), so the driver
keeps that small encoded resolution, never the extraction. A batch on a worker that dies is
run again elsewhere.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask.config
from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from kg.cache import encode_extraction
from kg.errors import ClusterError, KgError
from kg.executors import (
    Extracted,
    ResolvedWithin,
    Run,
    Work,
    extract_run,
    extract_text,
    is_long,
    paragraph_runs,
    resolve_within,
    run_chars,
    trim_heap,
)
from kg.model import Document, Extraction
from kg.ontology import Vocabulary
from kg.sources import ReadOptions, is_url

# A task is a batch of documents: big enough that scheduling costs nothing next to the parse
# (a second or two of work), small enough that two workers finish at nearly the same time.
BATCH_DOCUMENTS = 20
BATCH_CHARS = 100_000
IN_FLIGHT_PER_WORKER = 2  # batches submitted and not yet returned, per worker
RETRIES = 3  # a batch whose worker dies is run again up to this many times
CONNECT_SECONDS = 5
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
# No dashboard; the scheduler's small HTTP server (health checks) on a free port, not on 8787,
# which another cluster on this machine may hold.
LOCAL_QUIET: dict[str, Any] = {"dashboard_address": None,
                               "scheduler_kwargs": {"dashboard_address": ":0"}}
# What the local workers (and the scheduler and nannies in the driver) do besides parsing,
# made rarer: on two busy cores every wake-up is taken from the parse.
LOCAL_WORKERS: dict[str, Any] = {
    # the statistical profiler samples the parsing thread every 10 ms (about a tenth of a
    # worker's CPU), for a dashboard nobody opens
    "distributed.worker.profile.enabled": False,
    # every server's event loop checked itself every 20 ms, each nanny polled its worker's
    # memory every 100 ms and each server its system use every 500 ms: together 7% of a core
    # in the driver and 3% in each worker while idle
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


@dataclass(frozen=True, slots=True)
class _Piece:
    """One piece of work for a worker: a whole document (its text, or with ``path`` set where
    the worker reads it), or run ``part`` of the ``parts`` runs of a long document's
    paragraphs."""

    document: Document
    path: str | None = None
    run: Run | None = None
    part: int = 0
    parts: int = 1

    def tag(self) -> _Piece:
        """What the driver keeps of a piece in flight: neither text nor paragraphs."""
        return _Piece(self.document.without_text(), part=self.part, parts=self.parts)


class _Pipeline(WorkerPlugin):
    """The spaCy pipeline and vocabulary of one build, loaded once on each worker."""

    def __init__(self, model: str, vocab: Vocabulary, batch_size: int,
                 read: ReadOptions) -> None:
        self.model, self.vocab, self.batch_size, self.read = model, vocab, batch_size, read
        digest = hashlib.sha256(pickle.dumps((model, vocab, batch_size, read)))
        self.name = f"kg-pipeline-{digest.hexdigest()[:16]}"
        self.nlp: Any = None

    def setup(self, worker: Any) -> None:
        from kg.nlp import load_pipeline

        _keep_large_blocks()
        self.nlp = load_pipeline(self.model)

    def document(self, piece: _Piece) -> Document:
        """The document of ``piece``, read from its file when it came as a path."""
        from kg.errors import InputError
        from kg.sources import read

        if piece.path is None:
            return piece.document
        for item in read(Path(piece.path), self.read):
            if isinstance(item, Document) and item.doc_id == piece.document.doc_id:
                return item
        raise InputError(f"{piece.document.source}: changed while the build read it (or is "
                         "not at the same path on the cluster's workers); build again")

    def extract(self, piece: _Piece) -> _Done | Extraction:
        """A whole document's cache entry and resolution within itself, or the extraction
        of a run of paragraphs."""
        if piece.run is not None:
            return extract_run(piece.document.doc_id, piece.run, self.nlp, self.vocab,
                               self.batch_size)
        document = self.document(piece)
        extraction = extract_text(document, self.nlp, self.vocab, self.batch_size)
        return _Done(encode_extraction(extraction),
                     ResolvedWithin(document.doc_id,
                                    resolve_within(document, extraction, self.vocab)))


@dataclass(frozen=True, slots=True)
class _Done:
    """What a worker sends back of a whole document."""

    cache: str  # its extraction's cache entry
    resolved: ResolvedWithin


def _keep_large_blocks() -> None:
    """Undo, in a worker, what Dask's ``MALLOC_TRIM_THRESHOLD_=65536`` does to glibc's malloc.

    Dask starts its workers with that variable, which also fixes glibc's mmap threshold at
    128 KiB: every array above it that the parser allocates is then mapped and unmapped again,
    page by page (15 times the page faults of a forked worker, and most of a Dask build's extra
    system CPU). Blocks up to 32 MiB are taken from the heap again, as glibc's own adaptive
    threshold does, and up to 64 MiB of free heap is kept for the next batch.
    """
    import ctypes
    import os
    import sys

    if not sys.platform.startswith("linux") or "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):  # not glibc
        return
    mallopt(M_MMAP_THRESHOLD, 32 << 20)
    mallopt(M_TRIM_THRESHOLD, 64 << 20)


def _extract_batch(plugin: str, batch: list[_Piece]) -> list[_Done | Extraction]:
    """Runs on a worker: what ``_Pipeline.extract`` gives for each piece of a batch, in
    order."""
    pipeline: _Pipeline = get_worker().plugins[plugin]  # type: ignore[assignment]
    return [pipeline.extract(piece) for piece in batch]


def map_documents(docs: Iterable[Document], work: Work, address: str) -> Iterator[Extracted]:
    """``(extraction, its cache JSON)`` for ``docs`` in their order, computed on the Dask
    cluster at ``address`` (``tcp://host:port``), or on ``local:N`` worker processes."""
    from kg.extract.run import join_extractions

    with _connect(address) as client:
        plugin = _Pipeline(work.model, work.vocab, work.batch_size, work.read)
        client.register_plugin(plugin)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        runs: list[Extraction] = []
        for piece, result in _run(client, _batches(docs), plugin.name,
                                  workers * IN_FLIGHT_PER_WORKER):
            if isinstance(result, _Done):
                yield result.resolved, result.cache
                continue
            runs.append(result)
            if work.part_done is not None and piece.run is not None:
                work.part_done(piece.document.doc_id, run_chars(piece.run))
            if piece.part == piece.parts - 1:
                extraction = join_extractions(piece.document.doc_id, runs)
                yield extraction, encode_extraction(extraction)
                runs = []
    # what the client's threads held of the results that passed through is let go: at 1M
    # words of Reuters-21578 the driver's parse grows 69 MiB, 33 of it traced Python objects
    trim_heap()


@contextmanager
def _connect(address: str) -> Iterator[Client]:
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"{address}: say how many local workers, e.g. local:2")
        try:
            with dask.config.set(LOCAL_WORKERS):
                cluster = LocalCluster(n_workers=int(count), processes=True,
                                       threads_per_worker=1, host="127.0.0.1",
                                       **LOCAL_QUIET)
        except (OSError, TimeoutError) as err:
            raise ClusterError(f"{address}: cannot start local Dask workers ({err})") from err
        client = Client(cluster)
        try:
            yield client
        except BaseException:
            _close(client, cluster)
            raise
        # Each worker takes a second or two to exit (it frees its model): let them while the
        # build resolves and writes. The interpreter waits for this thread before it exits.
        threading.Thread(target=_close, args=(client, cluster), name="kg-dask-close").start()
        return
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"{address}: cannot reach a Dask scheduler there ({err}); start "
                           "one with `dask scheduler`, or use --cluster local:N") from err
    with client:
        yield client


def _close(client: Client, cluster: LocalCluster) -> None:
    try:
        client.close()
    finally:
        cluster.close()


def _batches(docs: Iterable[Document]) -> Iterator[list[_Piece]]:
    batch: list[_Piece] = []
    size = 0
    for doc in docs:
        for piece, chars in _pieces(doc):
            batch.append(piece)
            size += chars
            if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_CHARS:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def _pieces(doc: Document) -> Iterator[tuple[_Piece, int]]:
    """The pieces of a document and their sizes in characters. A long document travels as
    runs of paragraphs; a document read from a file of its own as its (absolute) path."""
    if is_long(doc):
        runs = paragraph_runs(doc)
        bare = doc.without_text()
        for part, run in enumerate(runs):
            yield _Piece(bare, run=run, part=part, parts=len(runs)), run_chars(run)
        return
    source = doc.source
    if is_url(source) or "#" in source or not Path(source).is_file():
        yield _Piece(doc), len(doc.text)
    else:
        yield _Piece(doc.without_text(), str(Path(source).resolve())), len(doc.text)


def _run(client: Client, batches: Iterator[list[_Piece]], plugin: str,
         limit: int) -> Iterator[tuple[_Piece, _Done | Extraction]]:
    """Each piece of ``batches`` (without its text) with its result, in order."""
    done: dict[int, list[_Done | Extraction]] = {}  # results not yet yielded, by batch number
    tags: dict[int, list[_Piece]] = {}  # the pieces of the batches in flight, by number
    keys: dict[str, int] = {}
    waiting = as_completed()
    submitted = yielded = 0
    more = True
    while more or yielded < submitted:
        while more and submitted - yielded < limit:
            batch = next(batches, None)
            if batch is None:
                more = False
                break
            future = client.submit(_extract_batch, plugin, batch, retries=RETRIES, pure=False)
            keys[future.key] = submitted
            tags[submitted] = [piece.tag() for piece in batch]
            waiting.add(future)
            submitted += 1
        if yielded == submitted:
            break
        while yielded not in done:
            future = next(waiting)
            done[keys.pop(future.key)] = _result(future)
        yield from zip(tags.pop(yielded), done.pop(yielded), strict=True)
        yielded += 1


def _result(future: Any) -> list[_Done | Extraction]:
    try:
        return future.result()  # type: ignore[no-any-return]
    except KgError:
        raise
    except Exception as err:  # a batch that failed on every try, or a lost cluster
        raise ClusterError(f"the Dask cluster could not run a batch ({type(err).__name__}: "
                           f"{err})") from err
