"""The only module that writes RDF: an Oxigraph store on disk, one named graph per document.

A kg store is a folder (laid out by ``kg.storedir``): a lock, generations of the RDF database of
which one is current, and ``cache/``, the extraction of each document (so unchanged documents
are never parsed again). A write builds a new generation with pyoxigraph's bulk loader and
publishes it whole; queries run inside Oxigraph with the union of all graphs as the default
graph.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import storedir
from kg.dates import parse_published, resolve_time
from kg.errors import StoreError
from kg.faults import checkpoint
from kg.model import ASSERTED, Document, DocumentGraph, Entity, Resolution, Statement
from kg.ontology import (
    DCTERMS,
    DOC,
    ENTITY_GRAPH,
    KG,
    NIF,
    ONTOLOGY_GRAPH,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    STATEMENT,
    XSD,
    Vocabulary,
    class_iri,
    entity_iri,
    relation_iri,
)
from kg.storedir import StoreLock

DEFAULT_STORE = Path(".kg/store")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


TYPE, LABEL, ALT_LABEL = _n(RDF + "type"), _n(RDFS + "label"), _n(SKOS + "altLabel")
SUB_PROPERTY = _n(RDFS + "subPropertyOf")
DOCUMENT_CLASS = _n(KG + "Document")
STATEMENT_CLASS = _n(RDF + "Statement")
DECIMAL, INTEGER = _n(XSD + "decimal"), _n(XSD + "integer")
# A document's metadata: Document field -> property of the document node.
DOCUMENT_FIELDS = {"title": DCTERMS + "title", "published": DCTERMS + "created",
                   "url": SCHEMA + "url", "site": SCHEMA + "publisher",
                   "author": SCHEMA + "author"}


def document_iri(doc_id: str) -> str:
    return DOC + doc_id


class Store:
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
                self._ox = ox.Store.read_only(str(self._generation / storedir.DATABASE))
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
            self._ox = ox.Store.read_only(str(self._generation / storedir.DATABASE))
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

    # --- extraction cache ---------------------------------------------------------------
    def cache_path(self, doc_id: str) -> Path | None:
        return self.path / "cache" / f"{doc_id}.json" if self.path is not None else None

    def read_cache(self, doc_id: str, signature: str) -> dict[str, object] | None:
        path = self.cache_path(doc_id)
        if path is None or not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged entry is re-extracted
        return data if isinstance(data, dict) and data.get("signature") == signature else None

    def write_cache(self, doc_id: str, signature: str, extraction_json: str) -> None:
        """Keep a document's extraction (JSON text from ``kg.cache.encode_extraction``)."""
        path = self.cache_path(doc_id)
        if path is None:
            return
        tmp = path.with_suffix(".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(f'{{"signature": {json.dumps(signature)}, "extraction": '
                           f'{extraction_json}}}', encoding="utf-8")
            tmp.replace(path)
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise StoreError(storedir.describe(err, path.parent)) from err

    def drop_cache(self, doc_id: str) -> None:
        path = self.cache_path(doc_id)
        if path is not None:
            path.unlink(missing_ok=True)

    def keep_cache(self, doc_ids: Iterable[str]) -> None:
        """Drop every cached extraction but those of ``doc_ids`` (after a fresh build)."""
        if self.path is None or not (self.path / "cache").is_dir():
            return
        keep = {f"{d}.json" for d in doc_ids}
        for entry in (self.path / "cache").iterdir():
            if entry.name not in keep:
                entry.unlink(missing_ok=True)

    # --- documents ----------------------------------------------------------------------
    def documents(self) -> dict[str, Document]:
        """Stored documents by id, with their source and metadata but not their text."""
        fields: dict[str, dict[str, str]] = {}
        for name, iri in {"source": KG + "source", **DOCUMENT_FIELDS}.items():
            for quad in self.ox.quads_for_pattern(None, _n(iri), None, None):
                if isinstance(quad.subject, ox.NamedNode) and \
                        isinstance(quad.object, ox.Literal) and \
                        quad.subject.value.startswith(DOC) and "#" not in quad.subject.value:
                    doc_id = quad.subject.value.removeprefix(DOC)
                    fields.setdefault(doc_id, {})[name] = quad.object.value
        return {d: Document(doc_id=d, text="", **f) for d, f in fields.items() if "source" in f}

    def state(self) -> dict[str, Any]:
        """What the build that wrote the current graph knew (a digest of its inputs, counts,
        exports), so that a rebuild that would change nothing can skip everything."""
        return storedir.read_state(self._generation)

    def set_state(self, record: dict[str, Any]) -> None:
        """Replace the current generation's state record (the exports a build wrote)."""
        if self._generation is None:
            return
        try:
            storedir.write_json(self._generation / storedir.STATE, record)
        except OSError as err:
            raise StoreError(storedir.describe(err, self._generation)) from err

    # --- writing ------------------------------------------------------------------------
    def write(self, resolution: Resolution, vocab: Vocabulary, carry: Iterable[str] = (),
              state: dict[str, Any] | None = None) -> int:
        """Replace the whole graph with the ontology, ``resolution`` and the stored graphs of
        the documents in ``carry`` (kept, but with no extraction at hand). On disk the new
        graph and its ``state`` record are written as a new generation and published at the
        end, so a failure anywhere leaves the old graph in place. Returns the quads stored."""
        carried = [q for doc_id in carry for q in self.ox.quads_for_pattern(
            None, None, None, _n(document_iri(doc_id)))]
        ontology = _n(ONTOLOGY_GRAPH)
        quads = _loading(itertools.chain(
            (ox.Quad(t.subject, t.predicate, t.object, ontology) for t in vocab.triples),
            entity_quads(resolution), carried,
            itertools.chain.from_iterable(document_quads(g, vocab.symmetric)
                                          for g in resolution.documents)))
        if self.path is None:
            self.ox.clear()
            self.ox.bulk_extend(quads)
            return len(self.ox)
        if not self._writer or self._lock is None:
            raise StoreError(f"{self.path}: opened for reading; cannot write")
        generation = storedir.new_generation_or_fail(self.path)
        try:
            checkpoint("store.new")
            written = ox.Store(str(generation / storedir.DATABASE))
            # One bulk load for everything: each bulk_extend call writes and ingests its own
            # files, so one call per document graph costs more than the quads themselves.
            written.bulk_extend(quads)
            checkpoint("store.loaded")
            written.flush()
            count = len(written)
            storedir.write_json(generation / storedir.STATE, {**(state or {}), "triples": count})
            checkpoint("store.state")
        except BaseException as err:
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
                shutil.rmtree(generation, ignore_errors=True)
                if self._generation is not None:
                    self._ox = ox.Store.read_only(str(self._generation / storedir.DATABASE))
                raise StoreError(f"{storedir.describe(err, self.path)}; the previous graph is "
                                 "kept") from err
        self._generation, self._ox = generation, written
        checkpoint("store.published")
        storedir.collect(self.path)
        return count

    def __len__(self) -> int:
        return len(self.ox)


def _loading(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads, with the fault tests' checkpoint half way through a load."""
    for i, quad in enumerate(quads):
        if i == 200:
            checkpoint("store.load")
        yield quad


def _literal(value: object) -> ox.Literal:
    if isinstance(value, float):
        return ox.Literal(f"{value:.3f}", datatype=DECIMAL)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=INTEGER)
    return ox.Literal(str(value))


def entity_quads(resolution: Resolution) -> Iterator[ox.Quad]:
    """Labels, alternative names and classes of every entity; declarations of open relations."""
    g = _n(ENTITY_GRAPH)
    for entity in resolution.entities.values():
        yield from _entity(entity, g)
    open_relations = {s.predicate for d in resolution.documents for s in d.statements
                      if not s.canonical}
    for name in sorted(open_relations):
        iri = _n(relation_iri(name, canonical=False))
        yield ox.Quad(iri, TYPE, _n(OWL + "ObjectProperty"), g)
        yield ox.Quad(iri, SUB_PROPERTY, _n(KG + "relatedTo"), g)
        yield ox.Quad(iri, LABEL, ox.Literal(name), g)


def _entity(entity: Entity, g: ox.NamedNode) -> Iterator[ox.Quad]:
    node = _n(entity_iri(entity.key))
    yield ox.Quad(node, TYPE, _n(class_iri(entity.type)), g)
    yield ox.Quad(node, LABEL, ox.Literal(entity.label), g)
    for alias in entity.aliases:
        yield ox.Quad(node, ALT_LABEL, ox.Literal(alias), g)
    for reason in entity.merges:
        yield ox.Quad(node, _n(KG + "mergeReason"), ox.Literal(reason), g)


def statement_iri(doc_id: str, st: Statement) -> str:
    """Deterministic: the same fact read by the same rule in the same sentence, the same IRI."""
    key = "\x1f".join((st.subject, st.predicate, st.object, doc_id, str(st.evidence.start),
                       str(st.evidence.end), st.evidence.rule))
    return STATEMENT + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _object(st: Statement) -> ox.NamedNode | ox.Literal:
    return ox.Literal(st.object) if st.literal else _n(entity_iri(st.object))


def _predicate(st: Statement) -> ox.NamedNode:
    return _n(relation_iri(st.predicate, st.canonical))


def document_quads(graph: DocumentGraph,
                   symmetric: frozenset[str] = frozenset()) -> Iterator[ox.Quad]:
    """A document's named graph: the document record, asserted facts, statement records and
    the sentences they were read from. A fact of a ``symmetric`` relation is asserted both
    ways ("X competitorOf Y" and "Y competitorOf X"), so a query finds it from either end
    without a reasoner; its statement record keeps the direction the sentence wrote.

    Each record carries the day its document was published (``kg:reported``) and, when the
    sentence says when the fact happened, that time resolved against it (``kg:time``, a day,
    month or year, with the phrase as ``kg:timeText``)."""
    doc = graph.document
    published = parse_published(doc.published) if doc.published else None
    reported = ox.Literal(published.isoformat(), datatype=_n(XSD + "date")) \
        if published else None
    g = doc_node = _n(document_iri(doc.doc_id))
    yield ox.Quad(doc_node, TYPE, DOCUMENT_CLASS, g)
    yield ox.Quad(doc_node, _n(KG + "source"), ox.Literal(doc.source), g)
    yield ox.Quad(doc_node, _n(KG + "sentenceCount"), _literal(graph.sentences), g)
    yield from _metadata(doc, doc_node, g)
    spans = set()
    for st in graph.statements:
        s, p, o = _n(entity_iri(st.subject)), _predicate(st), _object(st)
        ev = st.evidence
        if ev.modality == ASSERTED:
            yield ox.Quad(s, p, o, g)  # planned or denied facts live in their record only
            if st.canonical and st.predicate in symmetric and not st.literal:
                yield ox.Quad(_n(entity_iri(st.object)), p, s, g)
        record = _n(statement_iri(doc.doc_id, st))
        span = _n(f"{document_iri(doc.doc_id)}#char={ev.start},{ev.end}")
        yield ox.Quad(record, TYPE, STATEMENT_CLASS, g)
        yield ox.Quad(record, _n(RDF + "subject"), s, g)
        yield ox.Quad(record, _n(RDF + "predicate"), p, g)
        yield ox.Quad(record, _n(RDF + "object"), o, g)
        yield ox.Quad(record, _n(KG + "confidence"), _literal(ev.confidence), g)
        yield ox.Quad(record, _n(KG + "rule"), ox.Literal(ev.rule), g)
        if ev.modality != ASSERTED:
            yield ox.Quad(record, _n(KG + "modality"), ox.Literal(ev.modality), g)
        if reported is not None:
            yield ox.Quad(record, _n(KG + "reported"), reported, g)
        when = resolve_time(ev.time_text, published, ev.modality) if ev.time_text else None
        if when is not None:
            yield ox.Quad(record, _n(KG + "time"),
                          ox.Literal(when.value, datatype=_n(XSD + when.datatype)), g)
            yield ox.Quad(record, _n(KG + "timeText"), ox.Literal(when.text), g)
        yield ox.Quad(record, _n(PROV + "wasDerivedFrom"), span, g)
        if span.value not in spans:
            spans.add(span.value)
            yield ox.Quad(span, TYPE, _n(NIF + "RFC5147String"), g)
            yield ox.Quad(span, _n(NIF + "beginIndex"), _literal(ev.start), g)
            yield ox.Quad(span, _n(NIF + "endIndex"), _literal(ev.end), g)
            yield ox.Quad(span, _n(NIF + "anchorOf"), ox.Literal(ev.sentence), g)
            yield ox.Quad(span, _n(NIF + "referenceContext"), doc_node, g)


def _metadata(doc: Document, node: ox.NamedNode, g: ox.NamedNode) -> Iterator[ox.Quad]:
    for name, iri in DOCUMENT_FIELDS.items():
        value = getattr(doc, name)
        if not value:
            continue
        if name == "published":
            kind = "date" if len(value) == 10 else "dateTime"
            yield ox.Quad(node, _n(iri), ox.Literal(value, datatype=_n(XSD + kind)), g)
        else:
            yield ox.Quad(node, _n(iri), ox.Literal(value), g)


__all__ = ["DEFAULT_STORE", "PREFIXES", "Store", "document_iri", "document_quads",
           "entity_quads"]
