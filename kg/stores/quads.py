"""The RDF of a kg graph: quads of the ontology, the entities and each document's named graph.

Every kind of store (``kg.stores.embedded``, ``kg.stores.sparql``) writes these same quads, so
the same build gives the same graph wherever it is kept.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from kg.confidence import ConfidenceModel, Reading
from kg.dates import parse_published, period, resolve_time
from kg.faults import checkpoint
from kg.model import (
    ASSERTED,
    CONCEPT_KEY,
    Document,
    DocumentGraph,
    Entity,
    Evidence,
    GeoLink,
    Resolution,
    Statement,
)
from kg.ontology import (
    DCTERMS,
    DOC,
    ENTITY_GRAPH,
    GEO,
    GEONAMES,
    GN,
    KG,
    NIF,
    ONTOLOGY_GRAPH,
    OWL,
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


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


TYPE, LABEL, ALT_LABEL = _n(RDF + "type"), _n(RDFS + "label"), _n(SKOS + "altLabel")
SUB_PROPERTY = _n(RDFS + "subPropertyOf")
DOCUMENT_CLASS = _n(KG + "Document")
STATEMENT_CLASS = _n(RDF + "Statement")
MENTIONS = _n(SCHEMA + "mentions")
COPY_OF = _n(KG + "copyOf")
DECIMAL, INTEGER, DATE = _n(XSD + "decimal"), _n(XSD + "integer"), _n(XSD + "date")
FALSE = ox.Literal("false", datatype=_n(XSD + "boolean"))
TRUE = ox.Literal("true", datatype=_n(XSD + "boolean"))
QUOTE_CLASS = _n(KG + "Quote")
# A document's metadata: Document field -> property of the document node.
DOCUMENT_FIELDS = {"title": DCTERMS + "title", "published": DCTERMS + "created",
                   "url": SCHEMA + "url", "site": SCHEMA + "publisher",
                   "author": SCHEMA + "author", "language": DCTERMS + "language"}


# The predicates and classes the writers use, made once: a term made for every quad
# costs a fifth of making a document's quads.
GEO_LAT = _n(GEO + "lat")
GEO_LONG = _n(GEO + "long")
GN_COUNTRY_CODE = _n(GN + "countryCode")
KG_ASSERTED = _n(KG + "asserted")
KG_CONFIDENCE = _n(KG + "confidence")
KG_COREFERENCE = _n(KG + "coreference")
KG_CUE = _n(KG + "cue")
KG_CUES = _n(KG + "cues")
KG_DIRECT = _n(KG + "direct")
KG_GEO_CANDIDATES = _n(KG + "geoCandidates")
KG_MENTIONED = _n(KG + "mentioned")
KG_MENTION_COUNT = _n(KG + "mentionCount")
KG_MERGE_REASON = _n(KG + "mergeReason")
KG_MODALITY = _n(KG + "modality")
KG_PUBLISHED_DAY = _n(KG + "publishedDay")
KG_QUALIFIED_MENTION = _n(KG + "qualifiedMention")
KG_QUOTED_TEXT = _n(KG + "quotedText")
KG_QUOTE_MENTIONS = _n(KG + "quoteMentions")
KG_RELATED_TO = _n(KG + "relatedTo")
KG_REPORTED = _n(KG + "reported")
KG_RULE = _n(KG + "rule")
KG_SENTENCE_COUNT = _n(KG + "sentenceCount")
KG_SOURCE = _n(KG + "source")
KG_SPEAKER = _n(KG + "speaker")
KG_TIME = _n(KG + "time")
KG_TIME_END = _n(KG + "timeEnd")
KG_TIME_START = _n(KG + "timeStart")
KG_TIME_TEXT = _n(KG + "timeText")
NIF_ANCHOR_OF = _n(NIF + "anchorOf")
NIF_BEGIN_INDEX = _n(NIF + "beginIndex")
NIF_END_INDEX = _n(NIF + "endIndex")
NIF_REFERENCE_CONTEXT = _n(NIF + "referenceContext")
NIF_RFC5147_STRING = _n(NIF + "RFC5147String")
OWL_OBJECT_PROPERTY = _n(OWL + "ObjectProperty")
OWL_SAME_AS = _n(OWL + "sameAs")
PROV_WAS_DERIVED_FROM = _n(PROV + "wasDerivedFrom")
RDF_OBJECT = _n(RDF + "object")
RDF_PREDICATE = _n(RDF + "predicate")
RDF_SUBJECT = _n(RDF + "subject")


def document_iri(doc_id: str) -> str:
    return DOC + doc_id


def mention_iri(doc_id: str, key: str) -> str:
    """The record of how often a document names an entity, in the document's graph."""
    return f"{document_iri(doc_id)}#mention={key}"


def graph_digest(graph: DocumentGraph, symmetric: frozenset[str] = frozenset(),
                 model: ConfidenceModel | None = None) -> str:
    """A fingerprint of what ``document_quads`` writes for ``graph``: a store replaces a
    document's graph only when it changes."""
    return hashlib.blake2b(repr((graph, sorted(symmetric), model and model.digest)).encode(),
                           digest_size=16).hexdigest()


def fingerprints(resolution: Resolution, vocab: Vocabulary, carry: Iterable[str],
                 previous: dict[str, str]) -> dict[str, Any]:
    """What a state record keeps of a written graph, so the next write replaces only what
    changed: each document graph's digest (a carried graph keeps its ``previous`` one), the
    ontology's, each entity's, and the open relations declared."""
    return {"graphs": {**{d: previous.get(d, "") for d in carry},
                       **{g.document.doc_id: graph_digest(g, vocab.symmetric, vocab.confidence)
                          for g in resolution.documents}},
            "ontology": ontology_digest(vocab),
            "nodes": entity_digests(resolution),
            "relations": open_relations(resolution),
            "copies": [list(pair) for pair in resolution.copies]}


def ontology_quads(vocab: Vocabulary) -> list[ox.Quad]:
    g = _n(ONTOLOGY_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in vocab.triples]


def ontology_digest(vocab: Vocabulary) -> str:
    lines = sorted(str(q) for q in ontology_quads(vocab))
    return hashlib.blake2b("\n".join(lines).encode("utf-8"), digest_size=16).hexdigest()


def loading(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads, with the fault tests' checkpoint half way through a load: after 200 quads,
    or after the last of a smaller one (an update's), still inside the load."""
    count = 0
    for quad in quads:
        if count == 200:
            checkpoint("store.load")
        count += 1
        yield quad
    if count <= 200:
        checkpoint("store.load")


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
    for name in open_relations(resolution):
        yield from relation_quads(name)
    yield from copy_quads(resolution)


def copy_quads(resolution: Resolution) -> Iterator[ox.Quad]:
    """``kg:copyOf`` from each copy of a story to its first document (``kg.copies``), in
    the entity graph: a document that joins or leaves a cluster changes no other graph."""
    g = _n(ENTITY_GRAPH)
    for copy, first in resolution.copies:
        yield ox.Quad(_n(document_iri(copy)), COPY_OF, _n(document_iri(first)), g)


def open_relations(resolution: Resolution) -> list[str]:
    """The open relations (verbs) the statements use, declared in the entity graph: those of
    unchanged documents too, which ``resolution.documents`` leaves out."""
    return sorted(set(resolution.relations) | {s.predicate for d in resolution.documents
                                               for s in d.statements if not s.canonical})


def relation_quads(name: str) -> Iterator[ox.Quad]:
    g, iri = _n(ENTITY_GRAPH), _n(relation_iri(name, canonical=False))
    yield ox.Quad(iri, TYPE, OWL_OBJECT_PROPERTY, g)
    yield ox.Quad(iri, SUB_PROPERTY, KG_RELATED_TO, g)
    yield ox.Quad(iri, LABEL, ox.Literal(name), g)


def entity_digests(resolution: Resolution) -> dict[str, str]:
    """A fingerprint of each entity's quads, by key: a store rewrites only the entities
    that change."""
    return {key: hashlib.blake2b(marshal.dumps((e.key, e.label, e.type, e.aliases, e.merges,
                                                repr(e.geo))),
                                 digest_size=8).hexdigest()
            for key, e in resolution.entities.items()}


def changed_entity_quads(store: ox.Store, resolution: Resolution, before: dict[str, str],
                         now: dict[str, str], relations: tuple[list[str], list[str]],
                         ) -> tuple[int, list[ox.Quad]]:
    """Remove from ``store`` the quads of the entities (by ``before`` and ``now``, their
    digests) and open relations (before, now) that changed or went: how many, and the
    quads to add."""
    g = _n(ENTITY_GRAPH)
    old_relations, new_relations = (set(r) for r in relations)
    stale = [_n(entity_iri(k)) for k in before if before[k] != now.get(k)]
    stale += [_n(relation_iri(r, canonical=False)) for r in old_relations - new_relations]
    removed = 0
    for node in stale:
        for quad in list(store.quads_for_pattern(node, None, None, g)):
            store.remove(quad)
            removed += 1
    added = [q for key, digest in now.items() if before.get(key) != digest
             for q in _entity(resolution.entities[key], g)]
    return removed, added + [q for name in sorted(new_relations - old_relations)
                             for q in relation_quads(name)]


def _entity(entity: Entity, g: ox.NamedNode) -> Iterator[ox.Quad]:
    node = _n(entity_iri(entity.key))
    yield ox.Quad(node, TYPE, _n(class_iri(entity.type)), g)
    yield ox.Quad(node, LABEL, ox.Literal(entity.label), g)
    for alias in entity.aliases:
        yield ox.Quad(node, ALT_LABEL, ox.Literal(alias), g)
    for reason in entity.merges:
        yield ox.Quad(node, KG_MERGE_REASON, ox.Literal(reason), g)
    if entity.geo is not None:
        yield from _geo(node, entity.geo, g)


def _geo(node: ox.NamedNode, geo: GeoLink, g: ox.NamedNode) -> Iterator[ox.Quad]:
    """A place's GeoNames feature (``kg.geo``): the candidates' count always; the feature,
    its position (WGS84) and its country's code when one was chosen."""
    yield ox.Quad(node, KG_GEO_CANDIDATES, _literal(geo.candidates), g)
    if geo.id:
        yield ox.Quad(node, OWL_SAME_AS, _n(f"{GEONAMES}{geo.id}/"), g)
        yield ox.Quad(node, GEO_LAT, ox.Literal(f"{geo.lat:.5f}", datatype=DECIMAL), g)
        yield ox.Quad(node, GEO_LONG, ox.Literal(f"{geo.lng:.5f}", datatype=DECIMAL),
                      g)
        if geo.country:
            yield ox.Quad(node, GN_COUNTRY_CODE, ox.Literal(geo.country), g)


def statement_iri(doc_id: str, st: Statement) -> str:
    """Deterministic: the same fact read by the same rule in the same sentence, the same IRI."""
    key = "\x1f".join((st.subject, st.predicate, st.object, doc_id, str(st.evidence.start),
                       str(st.evidence.end), st.evidence.rule))
    return STATEMENT + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def reading(st: Statement, document: tuple[str, ...] = ()) -> Reading:
    """What the confidence model reads of a statement; ``document``, the cues its document
    gives it (``document_cues``)."""
    ev = st.evidence
    obj = "literal" if st.literal else \
        "concept" if st.object.startswith(CONCEPT_KEY) else "entity"
    return Reading(ev.rule, st.predicate if st.canonical else "", obj, bool(ev.coreference),
                   len(ev.sentence.split()), (*ev.cues.split(), *document))


WEB_PAGES = (".html", ".htm", ".html.gz", ".htm.gz")


def document_cues(graph: DocumentGraph) -> dict[int, tuple[str, ...]]:
    """The cues a statement's document gives it, by the statement's place in ``graph``: the
    fact stated again in another sentence ("repeated"), the document a web page ("page")."""
    sentences: dict[tuple[str, str, str], set[int]] = {}
    for st in graph.statements:
        sentences.setdefault((st.subject, st.predicate, st.object), set()).add(
            st.evidence.start)
    source = graph.document.source.lower()
    page = ("page",) if source.startswith(("http://", "https://")) or \
        source.partition("#")[0].endswith(WEB_PAGES) else ()
    return {i: (*(("repeated",) if len(sentences[(st.subject, st.predicate, st.object)]) > 1
                 else ()), *page) for i, st in enumerate(graph.statements)}


def _object(st: Statement) -> ox.NamedNode | ox.Literal:
    return ox.Literal(st.object) if st.literal else _n(entity_iri(st.object))


def _predicate(st: Statement) -> ox.NamedNode:
    return _n(relation_iri(st.predicate, st.canonical))


def document_quads(graph: DocumentGraph, symmetric: frozenset[str] = frozenset(),
                   model: ConfidenceModel | None = None) -> Iterator[ox.Quad]:
    """A document's named graph: the document record, asserted facts, statement records and
    the sentences they were read from. A fact of a ``symmetric`` relation is asserted both
    ways ("X competitorOf Y" and "Y competitorOf X"), so a query finds it from either end
    without a reasoner; its statement record keeps the direction the sentence wrote.

    Each record carries the day its document was published (``kg:reported``) and, when the
    sentence says when the fact happened, that time resolved against it (``kg:time``, a day,
    month or year, with the phrase as ``kg:timeText``), and the first and last day of that time
    (``kg:timeStart``, ``kg:timeEnd``): xsd:date values, like ``kg:reported``, that a FILTER
    compares, where a day, a month and a year of ``kg:time`` are not comparable.

    With a confidence ``model``, a record's ``kg:confidence`` is the model's probability that
    the statement is right, and a fact stated as done is asserted only from the model's
    ``assert_at``; below it, its record says ``kg:asserted false``."""
    doc = graph.document
    published = parse_published(doc.published) if doc.published else None
    reported = ox.Literal(published.isoformat(), datatype=DATE) if published else None
    g = doc_node = _n(document_iri(doc.doc_id))
    yield ox.Quad(doc_node, TYPE, DOCUMENT_CLASS, g)
    yield ox.Quad(doc_node, KG_SOURCE, ox.Literal(doc.source), g)
    yield ox.Quad(doc_node, KG_SENTENCE_COUNT, _literal(graph.sentences), g)
    yield from _metadata(doc, doc_node, g)
    yield from _mentions(graph, doc_node, g)
    spans = set()
    around = document_cues(graph)
    for i, st in enumerate(graph.statements):
        s, p, o = _n(entity_iri(st.subject)), _predicate(st), _object(st)
        ev = st.evidence
        read = reading(st, around[i])
        confidence = model.probability(read) if model else ev.confidence
        asserted = ev.modality == ASSERTED and st.typed and (
            model is None or model.asserts(confidence, read))
        if asserted:
            yield ox.Quad(s, p, o, g)  # planned or denied facts live in their record only
            if st.canonical and st.predicate in symmetric and not st.literal:
                yield ox.Quad(_n(entity_iri(st.object)), p, s, g)
        record = _n(statement_iri(doc.doc_id, st))
        span = _n(f"{document_iri(doc.doc_id)}#char={ev.start},{ev.end}")
        yield ox.Quad(record, TYPE, STATEMENT_CLASS, g)
        yield ox.Quad(record, RDF_SUBJECT, s, g)
        yield ox.Quad(record, RDF_PREDICATE, p, g)
        yield ox.Quad(record, RDF_OBJECT, o, g)
        yield ox.Quad(record, KG_CONFIDENCE, _literal(confidence), g)
        yield ox.Quad(record, KG_RULE, ox.Literal(ev.rule), g)
        if read.cues:
            yield ox.Quad(record, KG_CUES, ox.Literal(" ".join(read.cues)), g)
        if ev.modality != ASSERTED:
            yield ox.Quad(record, KG_MODALITY, ox.Literal(ev.modality), g)
        elif not asserted:
            yield ox.Quad(record, KG_ASSERTED, FALSE, g)
        if ev.coreference:
            yield ox.Quad(record, KG_COREFERENCE, ox.Literal(ev.coreference), g)
        if reported is not None:
            yield ox.Quad(record, KG_REPORTED, reported, g)
        when = resolve_time(ev.time_text, published, ev.modality) if ev.time_text else None
        if when is not None:
            yield ox.Quad(record, KG_TIME,
                          ox.Literal(when.value, datatype=_n(XSD + when.datatype)), g)
            yield ox.Quad(record, KG_TIME_TEXT, ox.Literal(when.text), g)
            start, end = period(when.value)
            yield ox.Quad(record, KG_TIME_START, ox.Literal(start.isoformat(),
                                                                   datatype=DATE), g)
            yield ox.Quad(record, KG_TIME_END, ox.Literal(end.isoformat(),
                                                                 datatype=DATE), g)
        yield ox.Quad(record, PROV_WAS_DERIVED_FROM, span, g)
        yield from _sentence(span, ev, doc_node, g, spans)
    yield from _quotes(graph, g, spans)


def _sentence(span: ox.NamedNode, ev: Evidence, doc_node: ox.NamedNode, g: ox.NamedNode,
              spans: set[str]) -> Iterator[ox.Quad]:
    """The sentence a record points at, once a document."""
    if span.value not in spans:
        spans.add(span.value)
        yield ox.Quad(span, TYPE, NIF_RFC5147_STRING, g)
        yield ox.Quad(span, NIF_BEGIN_INDEX, _literal(ev.start), g)
        yield ox.Quad(span, NIF_END_INDEX, _literal(ev.end), g)
        yield ox.Quad(span, NIF_ANCHOR_OF, ox.Literal(ev.sentence), g)
        yield ox.Quad(span, NIF_REFERENCE_CONTEXT, doc_node, g)


def quote_iri(doc_id: str, start: int, end: int) -> str:
    """A quote's node: its words' offsets in its document (``kg.quotations.offsets`` reads
    them back), as a sentence's IRI holds its own."""
    return f"{document_iri(doc_id)}#quote={start},{end}"


def _quotes(graph: DocumentGraph, g: ox.NamedNode, spans: set[str]) -> Iterator[ox.Quad]:
    """A ``kg:Quote`` for each quote of the document: its words, the verb that gives them,
    ``kg:direct true`` when they were in quotation marks, the speaker when the story tells
    it, the entities the words name and the sentence (as a statement record points at it).
    What other triples or the IRI already say is not repeated: the offsets are in the node's
    IRI, the day reported is the document's ``kg:publishedDay`` in the same graph, and
    reported speech is the quote with no ``kg:direct``."""
    doc_id = graph.document.doc_id
    doc_node = _n(document_iri(doc_id))
    seen = set()
    for q in graph.quotes:
        node = _n(quote_iri(doc_id, q.start, q.end))
        if node.value in seen:
            continue  # one quote, read by two rules ("according to" and a verb)
        seen.add(node.value)
        ev = q.evidence
        yield ox.Quad(node, TYPE, QUOTE_CLASS, g)
        if q.speaker:
            yield ox.Quad(node, KG_SPEAKER, _n(entity_iri(q.speaker)), g)
        yield ox.Quad(node, KG_QUOTED_TEXT, ox.Literal(q.text), g)
        if q.direct:
            yield ox.Quad(node, KG_DIRECT, TRUE, g)
        yield ox.Quad(node, KG_CUE, ox.Literal(q.cue), g)
        for key in q.mentions:
            yield ox.Quad(node, KG_QUOTE_MENTIONS, _n(entity_iri(key)), g)
        if ev.coreference:
            yield ox.Quad(node, KG_COREFERENCE, ox.Literal(ev.coreference), g)
        span = _n(f"{document_iri(doc_id)}#char={ev.start},{ev.end}")
        yield ox.Quad(node, PROV_WAS_DERIVED_FROM, span, g)
        yield from _sentence(span, ev, doc_node, g, spans)


def _mentions(graph: DocumentGraph, node: ox.NamedNode, g: ox.NamedNode) -> Iterator[ox.Quad]:
    """``schema:mentions`` for each entity the document names, qualified by a record of how
    often (``kg:qualifiedMention``, as PROV qualifies its relations): a document is found
    by the entities it names even when no fact about them was read. The record is a
    ``kg:MentionCount`` by the range of ``kg:qualifiedMention``, not by a triple of its own
    (four triples an entity, not five: a document names many)."""
    for mention in graph.mentions:
        entity = _n(entity_iri(mention.entity))
        record = _n(mention_iri(graph.document.doc_id, mention.entity))
        yield ox.Quad(node, MENTIONS, entity, g)
        yield ox.Quad(node, KG_QUALIFIED_MENTION, record, g)
        yield ox.Quad(record, KG_MENTIONED, entity, g)
        yield ox.Quad(record, KG_MENTION_COUNT, _literal(mention.count), g)


def _metadata(doc: Document, node: ox.NamedNode, g: ox.NamedNode) -> Iterator[ox.Quad]:
    """The document's fields. Its date is an xsd:dateTime when the source gives the time
    (with its zone when it gives one), else an xsd:date; ``kg:publishedDay`` is its day as an
    xsd:date for every document: SPARQL compares no date with a date-time, nor a date-time
    without a zone with one that has one, so a range FILTER over ``dcterms:created`` would
    pass over documents that ``kg:publishedDay`` finds."""
    for name, iri in DOCUMENT_FIELDS.items():
        value = getattr(doc, name)
        if not value:
            continue
        if name == "published":
            kind = "date" if len(value) == 10 else "dateTime"
            yield ox.Quad(node, _n(iri), ox.Literal(value, datatype=_n(XSD + kind)), g)
            day = parse_published(value)
            if day is not None:
                yield ox.Quad(node, KG_PUBLISHED_DAY,
                              ox.Literal(day.isoformat(), datatype=DATE), g)
        else:
            yield ox.Quad(node, _n(iri), ox.Literal(value), g)
