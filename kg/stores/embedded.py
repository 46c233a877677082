"""The embedded store: an Oxigraph database on disk, one named graph per document.

A kg store is a folder (laid out by ``kg.storedir``): a lock, generations of the RDF database of
which one is current, and ``cache/``, the extraction of each document (so unchanged documents
are never parsed again). A write builds a new generation with pyoxigraph's bulk loader and
publishes it whole; queries run inside Oxigraph with the union of all graphs as the default
graph.
"""

from __future__ import annotations

import itertools
import shutil
import threading
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import storedir
from kg.errors import StoreError, one_line
from kg.faults import checkpoint
from kg.model import Document, Resolution
from kg.ontology import DOC, ENTITY_GRAPH, KG, ONTOLOGY_GRAPH, PREFIXES, Vocabulary
from kg.storedir import StoreLock
from kg.stores import Meanwhile
from kg.stores.extractions import ExtractionLog
from kg.stores.lines import SortedRuns
from kg.stores.quads import (
    COPY_OF,
    DOCUMENT_FIELDS,
    Made,
    Triples,
    _i,
    _n,
    changed_entity_quads,
    copy_quads,
    document_iri,
    document_quads,
    document_triples,
    entity_quads,
    entity_triples,
    fingerprints,
    loading,
    ontology_quads,
    quad_triples,
)

DEFAULT_STORE = Path(".kg/store")
# Quads written to a file and bulk-loaded at a time. Oxigraph holds a load's quads in memory
# until it ends (some 800 bytes each), and each load's files are merged with those before, so
# many small loads cost more CPU: on 1M words (750,000 quads) loads of 100,000 hold about 50
# MiB less than loads of 200,000 for about one CPU second more (BENCHMARKS.md).
LOAD_QUADS = 100_000
LOAD_PART = "load.nq"  # in the generation being written, while a part is made and loaded


def _all_quads(resolution: Resolution, vocab: Vocabulary,
               carried: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Every quad of the graph, as objects (for a store in memory)."""
    return loading(itertools.chain(
        ontology_quads(vocab), entity_quads(resolution), carried,
        itertools.chain.from_iterable(document_quads(g, vocab.symmetric, vocab.confidence)
                                      for g in resolution.documents)))


def _data_graphs(resolution: Resolution, vocab: Vocabulary, carried: Iterable[str],
                 old: ox.Store, made: Made) -> Iterator[tuple[str, Triples]]:
    """The data graphs (all but the ontology's), each as its name (N-Triples) and its
    triples, made one at a time: the graphs of the documents ``carried`` from ``old``, the
    resolved documents' graphs (each noted in ``made``), and the entity graph, which declares
    the open relations they use."""
    for doc_id in carried:
        graph = _i(document_iri(doc_id))
        yield graph, quad_triples(old.quads_for_pattern(None, None, None,
                                                        _n(document_iri(doc_id))))
    for g in resolution.documents:
        made.note(g, vocab)
        yield _i(document_iri(g.document.doc_id)), document_triples(g, vocab.symmetric,
                                                                    vocab.confidence)
    yield _i(ENTITY_GRAPH), entity_triples(resolution, made.relations(resolution))


def _load(written: ox.Store, graphs: Iterator[tuple[str, Triples]], part: Path,
          lines: SortedRuns | None, unlisted: Iterable[tuple[str, Triples]] = (),
          meanwhile: Meanwhile | None = None) -> None:
    """Write the graphs' quads as N-Quads to the file ``part``, ``LOAD_QUADS`` at a time, and
    bulk-load each part into ``written`` (Oxigraph parses it: no object per quad in Python,
    and the build's memory holds neither the graph nor a part). Their triples also go to
    ``lines``, if given, as the database will give them back (``_as_stored``); those of the
    graphs ``unlisted``, loaded first, do not. ``meanwhile``, if given, is handed ``lines``
    once they are complete, while the last part loads."""
    stored: dict[str, str] = {}

    def quads() -> Iterator[str]:
        for graph, triples in unlisted:
            for s, p, o in triples:
                yield f"{s} {p} {o} {graph} .\n"
        for graph, triples in graphs:
            for s, p, o in triples:
                if lines is not None:
                    if o[-1] == ">" and o[0] == '"':  # a typed literal
                        text = stored.get(o)
                        if text is None:
                            text = stored[o] = _as_stored(o)
                        lines.append(f"{s} {p} {text}")
                    else:
                        lines.append(f"{s} {p} {o}")
                yield f"{s} {p} {o} {graph} .\n"

    pending, loads = quads(), 0
    try:
        while True:  # a part, then its load, until a part falls short (one load at least)
            with open(part, "w", encoding="utf-8", buffering=1 << 20) as out:
                count = 0
                for line in itertools.islice(pending, LOAD_QUADS):
                    out.write(line)
                    count += 1
            if count == 0 and loads:
                break
            if count < LOAD_QUADS and meanwhile is not None and lines is not None:
                _loading(written, part, meanwhile, lines)  # the last part
                meanwhile = None
            else:
                written.bulk_load(path=part, format=ox.RdfFormat.N_QUADS)
            loads += 1
            if loads == 1:
                checkpoint("store.load")
            if count < LOAD_QUADS:
                break
        if meanwhile is not None and lines is not None:  # the last part was a full one
            meanwhile(lines)
    finally:
        part.unlink(missing_ok=True)


def _loading(written: ox.Store, part: Path, meanwhile: Meanwhile, lines: SortedRuns) -> None:
    """Bulk-load ``part`` into ``written`` in a thread of its own while ``meanwhile`` is handed
    ``lines`` in this one: Oxigraph lets go of the interpreter's lock while it loads (a tenth
    of a second per 20,000 quads, on a core that would wait otherwise)."""
    failed: list[BaseException] = []

    def load() -> None:
        try:
            written.bulk_load(path=part, format=ox.RdfFormat.N_QUADS)
        except BaseException as err:  # raised again in the thread that waits for it
            failed.append(err)

    loader = threading.Thread(target=load, name="kg-store-load")
    loader.start()
    try:
        meanwhile(lines)
    finally:
        loader.join()
    if failed:
        raise failed[0]


_SCRATCH = ox.NamedNode("urn:kg:scratch")


def _as_stored(literal: str) -> str:
    """A typed literal (N-Triples) as the database gives it back: Oxigraph keeps numbers,
    dates and times by value, so "0.390" comes back as "0.39" and "+00:00" as "Z"."""
    scratch = ox.Store()
    scratch.load(f"<{_SCRATCH.value}> <{_SCRATCH.value}> {literal} .".encode(),
                 format=ox.RdfFormat.N_TRIPLES)
    return str(next(iter(scratch)).object)


def documents_of(graph: ox.Store) -> dict[str, Document]:
    """The documents of a kg graph by id, with their source and metadata but not their text."""
    fields: dict[str, dict[str, str]] = {}
    for name, iri in {"source": KG + "source", **DOCUMENT_FIELDS}.items():
        for quad in graph.quads_for_pattern(None, _n(iri), None, None):
            if isinstance(quad.subject, ox.NamedNode) and \
                    isinstance(quad.object, ox.Literal) and \
                    quad.subject.value.startswith(DOC) and "#" not in quad.subject.value:
                doc_id = quad.subject.value.removeprefix(DOC)
                fields.setdefault(doc_id, {})[name] = quad.object.value
    return {d: Document(doc_id=d, text="", **f) for d, f in fields.items() if "source" in f}


def _open_database(store: Path, generation: Path) -> ox.Store:
    """The generation's database, read-only; a damaged one is one line saying so (RocksDB
    reports its damage as a RuntimeError)."""
    try:
        return ox.Store.read_only(str(generation / storedir.DATABASE))
    except RuntimeError as err:
        raise StoreError(f"{store}: damaged store ({one_line(str(err))}); rebuild it with "
                         "kg build --fresh --store DIR") from err


class FolderCache:
    """The extraction of each document, kept in ``self.path / "cache"`` (``kg.stores.extractions``;
    no cache when ``self.path`` is None), so that unchanged documents are never parsed again."""

    path: Path | None
    _log: ExtractionLog | None = None

    # --- extraction cache ---------------------------------------------------------------
    def _cache(self) -> ExtractionLog | None:
        if self.path is None:
            return None
        if self._log is None:
            self._log = ExtractionLog(self.path / "cache")
        return self._log

    def read_cache(self, doc_id: str, signature: str) -> dict[str, object] | None:
        log = self._cache()
        data = log.get(doc_id, signature) if log is not None else None
        return None if data is None else {"signature": signature, "extraction": data}

    def write_cache(self, doc_id: str, signature: str, extraction_json: str) -> None:
        """Keep a document's extraction (JSON text from ``kg.cache.encode_extraction``)."""
        log = self._cache()
        if log is not None:
            log.put(doc_id, signature, extraction_json)

    def drop_cache(self, doc_id: str) -> None:
        log = self._cache()
        if log is not None:
            log.drop(doc_id)

    def keep_cache(self, doc_ids: Iterable[str]) -> None:
        """Drop every cached extraction but those of ``doc_ids`` (after a fresh build)."""
        log = self._cache()
        if log is not None:
            log.keep(doc_ids)

    def _close_cache(self) -> None:
        if self._log is not None:
            self._log.close()


class Store(FolderCache):
    """An open kg store. Use as a context manager so the lock is released promptly.

    ``Store(path)`` is a writer: it takes the store's lock alone (creating the store if need
    be) and replaces the graph with ``write``; it reads the current generation read-only, as
    a published generation is never changed. ``Store(path, create=False)`` is a reader: it
    shares the lock with other readers and a read-only ``kg serve``, and opens the current
    generation read-only. ``fresh=True`` (a writer) starts from an empty graph; the old one
    stays current until ``write`` publishes the new one (see ``kg.storedir``).

    >>> with Store(None) as store:          # in memory, for tests and notebooks
    ...     store.documents()
    {}
    """

    def __init__(self, path: Path | str | None, create: bool = True,
                 fresh: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self._lock: StoreLock | None = None
        self._generation: Path | None = None
        self._ox: ox.Store | None = None
        self._saved: bytes | None = None  # in memory only
        self._data_lines: SortedRuns | None = None  # see take_written_data
        self._writer = create
        if self.path is None:
            self._ox = ox.Store()
            return
        if create:
            self._open_writer(self.path, fresh)
        else:
            self._open_reader(self.path)

    def _open_writer(self, path: Path, fresh: bool) -> None:
        storedir.check_folder(path, fresh)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(storedir.describe(err, path)) from err
        self._lock = StoreLock(path, exclusive=True)
        try:
            self._generation = None if fresh else storedir.current(path)
            storedir.collect(path)  # what a killed writer left
            if self._generation is None:
                self._ox = ox.Store()  # nothing published yet (or --fresh): an empty graph
            else:  # a published generation is never changed: a writer writes a new one
                self._ox = _open_database(path, self._generation)
        except OSError as err:
            self.close()
            if "lock" in str(err).lower():
                raise StoreError(f"{path}: the store is in use by another process; wait for "
                                 "it or use another --store") from err
            raise StoreError(f"{path}: cannot open the store ({err})") from err
        except BaseException:
            self.close()
            raise

    def _open_reader(self, path: Path) -> None:
        if not path.is_dir() or not storedir.is_store(path):
            raise StoreError(f"{path}: no kg store here; run 'kg build' first or pass "
                             "--store DIR")
        self._lock = StoreLock(path, exclusive=False)
        try:
            self._generation = storedir.current(path)
            if self._generation is None:
                raise StoreError(f"{path}: no kg store here; run 'kg build' first")
            self._ox = _open_database(path, self._generation)
        except OSError as err:
            self.close()
            raise StoreError(f"{path}: cannot open the store ({err})") from err
        except BaseException:
            self.close()
            raise

    # --- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._ox = None  # dropping the last reference closes the database
        self._drop_data()
        self._close_cache()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def ox(self) -> ox.Store:
        if self._ox is None:
            raise StoreError("the store is closed")
        return self._ox

    @property
    def generation(self) -> Path | None:
        """The folder of the generation this store shows (None in memory or when empty)."""
        return self._generation

    # --- documents ----------------------------------------------------------------------
    def documents(self) -> dict[str, Document]:
        """Stored documents by id, with their source and metadata but not their text."""
        return documents_of(self.ox)

    def state(self) -> dict[str, Any]:
        """What the build that wrote the current graph knew (a digest of its inputs, counts,
        exports), so that a rebuild that would change nothing can skip everything."""
        return storedir.read_state(self._generation)

    def set_state(self, record: dict[str, Any]) -> None:
        """Replace the current generation's state record (the exports a build wrote)."""
        storedir.write_state(self._generation, record)

    def saved(self) -> bytes | None:
        """What the build that wrote the current graph saved with it (``write``'s ``saved``)."""
        return self._saved if self.path is None else storedir.read_saved(self._generation)

    # --- writing ------------------------------------------------------------------------
    def write(self, resolution: Resolution, vocab: Vocabulary, carry: Iterable[str] = (),
              state: dict[str, Any] | None = None, saved: storedir.Saved = b"",
              meanwhile: Meanwhile | None = None) -> int:
        """Replace the graph with the ontology, ``resolution`` and the stored graphs of the
        documents in ``carry`` (kept, but with no extraction at hand), and keep ``saved`` with
        it. On disk the new graph, its ``state`` record and ``saved`` are written as a new
        generation and published at the end, so a failure anywhere leaves the old graph in
        place. A generation starts as a copy of the current one (hard links: nothing is
        copied) in which only the graphs that change are replaced, or, for a new or fresh
        store, from nothing. Returns the quads stored.

        When the whole graph is written (a new or fresh store), ``meanwhile`` is handed its
        data graphs' lines (``take_written_data``, which then has none: they are its to
        remove) while the database loads them; it is not called otherwise."""
        carry = list(carry)
        self._drop_data()
        before = self.state() if self._generation is not None else {}
        previous: dict[str, str] | None = before.get("graphs")
        if self.path is None:
            carried = self._carried(carry)
            self.ox.clear()
            self.ox.bulk_extend(_all_quads(resolution, vocab, carried))
            self._saved = storedir.made(saved)
            return len(self.ox)
        if not self._writer or self._lock is None:
            raise StoreError(f"{self.path}: opened for reading; cannot write")
        generation = storedir.new_generation_or_fail(self.path)
        try:
            checkpoint("store.new")
            counted = None
            lines: SortedRuns | None = None
            if previous is None:
                lines = SortedRuns(generation / storedir.LINES)
                made = Made()
                written = self._write_all(generation, resolution, vocab, carry, lines, made,
                                          meanwhile)
                if meanwhile is not None:
                    lines = None  # handed over
                record = {**(state or {}), **fingerprints(resolution, vocab, carry, {}, made)}
            else:
                record = {**(state or {}), **fingerprints(resolution, vocab, carry, previous)}
                written, counted = self._write_changes(generation, resolution, vocab, before,
                                                       record)
            checkpoint("store.loaded")
            written.flush()
            count = counted if counted is not None else len(written)
            storedir.write_saved(generation / storedir.SAVED, saved)
            storedir.write_json(generation / storedir.STATE, {**record, "triples": count})
            checkpoint("store.state")
        except BaseException as err:
            written = None
            # the failed write's frames, kept by the traceback, hold the new database open
            # (its background threads may still be writing files): close it, then delete it
            traceback.clear_frames(err.__traceback__)
            shutil.rmtree(generation, ignore_errors=True)
            if isinstance(err, OSError):
                raise StoreError(f"{storedir.describe(err, self.path)}; the previous graph is "
                                 "kept") from err
            raise
        self._ox = None  # close the old generation before it is collected
        try:
            storedir.publish(self.path, generation)
        except OSError as err:
            if storedir.current(self.path) != generation:
                written = None
                shutil.rmtree(generation, ignore_errors=True)
                if self._generation is not None:
                    self._ox = ox.Store.read_only(str(self._generation / storedir.DATABASE))
                raise StoreError(f"{storedir.describe(err, self.path)}; the previous graph is "
                                 "kept") from err
        self._generation, self._ox, self._data_lines = generation, written, lines
        checkpoint("store.published")
        storedir.collect(self.path)
        return count

    def take_written_data(self) -> SortedRuns | None:
        """The triples of the data graphs (all but the ontology's) as N-Triples lines in sorted
        runs on disk (``kg.stores.lines``), when this store object wrote the whole graph (a
        fresh or new store), else None: an export of the graph just written need not read it
        back from the database, which costs about as much as writing it. Given once (a build
        exports one Turtle file): the taker removes them."""
        lines, self._data_lines = self._data_lines, None
        return lines

    def _drop_data(self) -> None:
        if self._data_lines is not None:
            self._data_lines.remove()
            self._data_lines = None

    def _carried(self, carry: list[str]) -> list[ox.Quad]:
        """The stored graphs of the documents of ``carry``."""
        return [q for doc_id in carry
                for q in self.ox.quads_for_pattern(None, None, None, _n(document_iri(doc_id)))]

    def _write_all(self, generation: Path, resolution: Resolution, vocab: Vocabulary,
                   carry: list[str], lines: SortedRuns, made: Made,
                   meanwhile: Meanwhile | None = None) -> ox.Store:
        written = ox.Store(str(generation / storedir.DATABASE))
        # the ontology in the data's first load: a load of its own costs a tenth of a second
        _load(written, _data_graphs(resolution, vocab, carry, self.ox, made),
              generation / LOAD_PART, lines,
              [(_i(ONTOLOGY_GRAPH), quad_triples(ontology_quads(vocab)))], meanwhile)
        return written

    def _write_changes(self, generation: Path, resolution: Resolution, vocab: Vocabulary,
                       before: dict[str, Any], record: dict[str, Any],
                       ) -> tuple[ox.Store, int | None]:
        """The current graph, copied, with the document graphs whose digest changed (and the
        ontology and entity graphs, where they changed) replaced; and the number of quads it
        holds, from the current graph's count and those removed and added (counting them
        all would read the whole graph), if the current count is known."""
        previous: dict[str, str] = before["graphs"]
        wanted: dict[str, str] = record["graphs"]
        changed = [g for g in resolution.documents
                   if previous.get(g.document.doc_id) != wanted[g.document.doc_id]]
        self.ox.backup(str(generation / storedir.DATABASE))
        written = ox.Store(str(generation / storedir.DATABASE))
        removed = 0

        def drop(graph: ox.NamedNode) -> None:
            nonlocal removed
            removed += sum(1 for _ in written.quads_for_pattern(None, None, None, graph))
            written.remove_graph(graph)

        for doc_id in sorted(set(previous) - set(wanted)):
            drop(_n(document_iri(doc_id)))
        for graph in changed:
            drop(_n(document_iri(graph.document.doc_id)))
        added: set[ox.Quad] = set()  # the graphs and nodes they belong to were removed whole
        if before.get("ontology") != record["ontology"]:
            drop(_n(ONTOLOGY_GRAPH))
            added.update(ontology_quads(vocab))
        if "nodes" in before:
            stale, new = changed_entity_quads(
                written, resolution, before["nodes"], record["nodes"],
                (before.get("relations", []), record["relations"]))
            removed += stale
            added.update(new)
        else:
            drop(_n(ENTITY_GRAPH))
            added.update(entity_quads(resolution))
        if "nodes" in before and before.get("copies") != record["copies"]:
            for quad in list(written.quads_for_pattern(None, COPY_OF, None, _n(ENTITY_GRAPH))):
                written.remove(quad)
                removed += 1
            added.update(copy_quads(resolution))
        added.update(itertools.chain.from_iterable(
            document_quads(g, vocab.symmetric, vocab.confidence) for g in changed))
        written.bulk_extend(loading(iter(added)))
        count = before.get("triples")
        return written, count - removed + len(added) if isinstance(count, int) else None

    def __len__(self) -> int:
        return len(self.ox)


__all__ = ["DEFAULT_STORE", "PREFIXES", "Store", "document_iri", "document_quads",
           "entity_quads"]
