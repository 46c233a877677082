"""Parse and extract on a Dask cluster (``kg build --cluster``).

The driver (the ``kg build`` process) cuts the documents into batches sized for the parse and
submits a few batches per worker at a time; each worker loads the spaCy pipeline once (a
worker plugin), parses its batches and returns each document's cache entry, the same JSON a
local build writes. A document read from a file of its own travels as its path: the worker
reads it again and checks its id. A record of a multi-document file (JSON lines, CSV, feed,
WARC) travels with its text. A batch on a worker that dies is run again elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask.config
from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from kg.cache import extraction_from_json
from kg.errors import ClusterError, KgError
from kg.executors import Extracted
from kg.model import Document
from kg.ontology import Vocabulary
from kg.sources import ReadOptions, is_url

# A task is a batch of documents: big enough that scheduling costs nothing next to the parse
# (a second or two of work), small enough that two workers finish at nearly the same time.
BATCH_DOCUMENTS = 20
BATCH_CHARS = 100_000
IN_FLIGHT_PER_WORKER = 2  # batches submitted and not yet returned, per worker
RETRIES = 3  # a batch whose worker dies is run again up to this many times
CONNECT_SECONDS = 5
# No dashboard; the scheduler's small HTTP server (health checks) on a free port, not on 8787,
# which another cluster on this machine may hold.
LOCAL_QUIET: dict[str, Any] = {"dashboard_address": None,
                               "scheduler_kwargs": {"dashboard_address": ":0"}}


@dataclass(frozen=True, slots=True)
class _Work:
    """One document for a worker: its text, or (``path`` set) where the worker reads it."""

    document: Document
    path: str | None = None


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

        self.nlp = load_pipeline(self.model)

    def document(self, work: _Work) -> Document:
        """The document of ``work``, read from its file when it came as a path."""
        from kg.errors import InputError
        from kg.sources import read

        if work.path is None:
            return work.document
        for item in read(Path(work.path), self.read):
            if isinstance(item, Document) and item.doc_id == work.document.doc_id:
                return item
        raise InputError(f"{work.document.source}: changed while the build read it (or is "
                         "not at the same path on the cluster's workers); build again")


def _extract_batch(plugin: str, batch: list[_Work]) -> list[str]:
    """Runs on a worker: the cache entries of a batch's documents, in order."""
    from kg.cache import encode_extraction
    from kg.parallel import extract_text

    pipeline: _Pipeline = get_worker().plugins[plugin]  # type: ignore[assignment]
    return [encode_extraction(extract_text(pipeline.document(work), pipeline.nlp,
                                           pipeline.vocab, pipeline.batch_size))
            for work in batch]


def map_documents(docs: Iterable[Document], model: str, vocab: Vocabulary, batch_size: int,
                  read: ReadOptions, address: str) -> Iterator[Extracted]:
    """``(extraction, its cache JSON)`` for ``docs`` in their order, computed on the Dask
    cluster at ``address`` (``tcp://host:port``), or on ``local:N`` worker processes."""
    with _connect(address) as client:
        plugin = _Pipeline(model, vocab, batch_size, read)
        client.register_plugin(plugin)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _run(client, _batches(docs), plugin.name, workers * IN_FLIGHT_PER_WORKER)


@contextmanager
def _connect(address: str) -> Iterator[Client]:
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"{address}: say how many local workers, e.g. local:2")
        try:
            # the workers' statistical profiler samples the parsing thread every 10 ms: about
            # a tenth of a worker's CPU here, for a dashboard nobody opens
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = LocalCluster(n_workers=int(count), processes=True,
                                       threads_per_worker=1, host="127.0.0.1",
                                       **LOCAL_QUIET)
        except (OSError, TimeoutError) as err:
            raise ClusterError(f"{address}: cannot start local Dask workers ({err})") from err
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"{address}: cannot reach a Dask scheduler there ({err}); start "
                           "one with `dask scheduler`, or use --cluster local:N") from err
    with client:
        yield client


def _batches(docs: Iterable[Document]) -> Iterator[list[_Work]]:
    batch: list[_Work] = []
    size = 0
    for doc in docs:
        batch.append(_work(doc))
        size += len(doc.text)
        if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _work(doc: Document) -> _Work:
    """A document read from a file of its own travels as its (absolute) path."""
    source = doc.source
    if is_url(source) or "#" in source or not Path(source).is_file():
        return _Work(doc)
    return _Work(doc.without_text(), str(Path(source).resolve()))


def _run(client: Client, batches: Iterator[list[_Work]], plugin: str,
         limit: int) -> Iterator[Extracted]:
    done: dict[int, list[str]] = {}  # results of batches not yet yielded, by batch number
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
            waiting.add(future)
            submitted += 1
        if yielded == submitted:
            break
        while yielded not in done:
            future = next(waiting)
            done[keys.pop(future.key)] = _result(future)
        for encoded in done.pop(yielded):
            yield extraction_from_json(json.loads(encoded)), encoded
        yielded += 1


def _result(future: Any) -> list[str]:
    try:
        return future.result()  # type: ignore[no-any-return]
    except KgError:
        raise
    except Exception as err:  # a batch that failed on every try, or a lost cluster
        raise ClusterError(f"the Dask cluster could not run a batch ({type(err).__name__}: "
                           f"{err})") from err
