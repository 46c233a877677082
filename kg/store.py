"""The only module that writes RDF: an Oxigraph store on disk, one named graph per document.

A kg store is a folder: ``oxigraph/`` holds the RDF database, ``cache/`` the extraction of each
document (so unchanged documents are never parsed again). Writes go through pyoxigraph's bulk
loader; queries run inside Oxigraph with the union of all graphs as the default graph.
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

from kg.errors import StoreError
from kg.model import ASSERTED, DocumentGraph, Entity, Resolution, Statement
from kg.ontology import (
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
    SKOS,
    STATEMENT,
    XSD,
    Vocabulary,
    class_iri,
    entity_iri,
    relation_iri,
)

DEFAULT_STORE = Path(".kg/store")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


TYPE, LABEL, ALT_LABEL = _n(RDF + "type"), _n(RDFS + "label"), _n(SKOS + "altLabel")
SUB_PROPERTY = _n(RDFS + "subPropertyOf")
DOCUMENT_CLASS = _n(KG + "Document")
STATEMENT_CLASS = _n(RDF + "Statement")
DECIMAL, INTEGER = _n(XSD + "decimal"), _n(XSD + "integer")


def document_iri(doc_id: str) -> str:
    return DOC + doc_id


class Store:
    """An open kg store. Use as a context manager so the lock is released promptly.

    >>> with Store(None) as store:          # in memory, for tests and notebooks
    ...     store.documents()
    {}
    """

    def __init__(self, path: Path | str | None, create: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self._ox: ox.Store | None = ox.Store()
            return
        database = self.path / "oxigraph"
        if not database.exists() and not create:
            raise StoreError(f"{self.path}: no kg store here; run 'kg build' first or pass "
                             "--store DIR")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(database))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreError(f"{self.path}: the store is in use by another process (a "
                                 "running kg build or kg serve?); wait for it or use another "
                                 "--store") from err
            raise StoreError(f"{self.path}: cannot open the store ({err})") from err

    # --- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._ox is not None:
            self._ox.flush() if self.path is not None else None
            self._ox = None  # dropping the last reference releases the lock

    @property
    def ox(self) -> ox.Store:
        if self._ox is None:
            raise StoreError("the store is closed")
        return self._ox

    @staticmethod
    def remove(path: Path | str) -> None:
        """Delete a store folder (``--fresh``)."""
        path = Path(path)
        if path.exists():
            if not (path / "oxigraph").exists() and any(path.iterdir()):
                raise StoreError(f"{path}: not a kg store (no oxigraph/ inside); refusing to "
                                 "delete it")
            shutil.rmtree(path)

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
        return data if data.get("signature") == signature else None

    def write_cache(self, doc_id: str, signature: str, extraction_json: str) -> None:
        """Keep a document's extraction (JSON text from ``kg.cache.encode_extraction``)."""
        path = self.cache_path(doc_id)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(f'{{"signature": {json.dumps(signature)}, "extraction": '
                       f'{extraction_json}}}', encoding="utf-8")
        tmp.replace(path)

    def drop_cache(self, doc_id: str) -> None:
        path = self.cache_path(doc_id)
        if path is not None and path.exists():
            path.unlink()

    # --- documents ----------------------------------------------------------------------
    def documents(self) -> dict[str, str]:
        """Stored documents: doc_id -> source path."""
        found = {}
        for quad in self.ox.quads_for_pattern(None, _n(KG + "source"), None, None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                found[quad.subject.value.removeprefix(DOC)] = quad.object.value
        return found

    def state(self) -> dict[str, Any]:
        """What the last build wrote (a digest of its inputs, counts, exports), so that a
        rebuild that would change nothing can skip resolution, the write and the exports."""
        if self.path is None or not (self.path / "state.json").exists():
            return {}
        try:
            found = json.loads((self.path / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # unreadable: rebuild
        return found if isinstance(found, dict) else {}

    def set_state(self, record: dict[str, Any]) -> None:
        if self.path is not None:
            tmp = self.path / "state.json.tmp"
            tmp.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
            tmp.replace(self.path / "state.json")

    # --- writing ------------------------------------------------------------------------
    def write(self, resolution: Resolution, vocab: Vocabulary,
              removed: Iterable[str] = ()) -> int:
        """Replace the ontology, entity and document graphs with ``resolution``. Returns the
        number of quads written."""
        graphs = [ONTOLOGY_GRAPH, ENTITY_GRAPH,
                  *(document_iri(doc_id) for doc_id in removed),
                  *(document_iri(g.document.doc_id) for g in resolution.documents)]
        for graph in graphs:
            name = _n(graph)
            if self.ox.contains_named_graph(name):
                self.ox.remove_graph(name)
        counter = _Counter()
        ontology = _n(ONTOLOGY_GRAPH)
        quads = itertools.chain(
            (ox.Quad(t.subject, t.predicate, t.object, ontology) for t in vocab.triples),
            entity_quads(resolution),
            itertools.chain.from_iterable(document_quads(g) for g in resolution.documents))
        # One bulk load for everything: each bulk_extend call writes and ingests its own
        # files, so one call per document graph costs more than the quads themselves.
        self.ox.bulk_extend(counter.count(quads))
        self.ox.flush() if self.path is not None else None
        return counter.n

    def __len__(self) -> int:
        return len(self.ox)


class _Counter:
    """Counts the quads of a stream as it is consumed."""

    def __init__(self) -> None:
        self.n = 0

    def count(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        for quad in quads:
            self.n += 1
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


def document_quads(graph: DocumentGraph) -> Iterator[ox.Quad]:
    """A document's named graph: the document record, asserted facts, statement records and
    the sentences they were read from."""
    doc = graph.document
    g = doc_node = _n(document_iri(doc.doc_id))
    yield ox.Quad(doc_node, TYPE, DOCUMENT_CLASS, g)
    yield ox.Quad(doc_node, _n(KG + "source"), ox.Literal(doc.source), g)
    yield ox.Quad(doc_node, _n(KG + "sentenceCount"), _literal(graph.sentences), g)
    spans = set()
    for st in graph.statements:
        s, p, o = _n(entity_iri(st.subject)), _predicate(st), _object(st)
        ev = st.evidence
        if ev.modality == ASSERTED:
            yield ox.Quad(s, p, o, g)  # planned or denied facts live in their record only
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
        yield ox.Quad(record, _n(PROV + "wasDerivedFrom"), span, g)
        if span.value not in spans:
            spans.add(span.value)
            yield ox.Quad(span, TYPE, _n(NIF + "RFC5147String"), g)
            yield ox.Quad(span, _n(NIF + "beginIndex"), _literal(ev.start), g)
            yield ox.Quad(span, _n(NIF + "endIndex"), _literal(ev.end), g)
            yield ox.Quad(span, _n(NIF + "anchorOf"), ox.Literal(ev.sentence), g)
            yield ox.Quad(span, _n(NIF + "referenceContext"), doc_node, g)


__all__ = ["DEFAULT_STORE", "PREFIXES", "Store", "document_iri", "document_quads",
           "entity_quads"]
