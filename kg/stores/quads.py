"""The RDF of a kg graph: quads of the ontology, the entities and each document's named graph.

Every kind of store (``kg.stores.embedded``, ``kg.stores.sparql``) writes these same quads, so
the same build gives the same graph wherever it is kept.

The entities' and documents' triples are made as N-Triples text (``entity_triples``,
``document_triples``: each term as Oxigraph writes it), which the embedded store writes to
files and bulk-loads, parsed by Oxigraph: making a Python object for every term and quad cost
more than the load. ``entity_quads``, ``document_quads`` and the like parse the same text into
pyoxigraph quads, for the stores and updates that take objects.
"""

from __future__ import annotations

import hashlib
import marshal
import re
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


def _i(iri: str) -> str:
    """An IRI as N-Triples writes it."""
    return f"<{iri}>"


# What Oxigraph escapes in a string literal (and how): C0 controls, the quote, the backslash,
# DEL and two non-characters. The same text, so lines made here sort as Oxigraph's do.
_ESCAPES = {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
            0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
            0x22: '\\"', 0x5C: "\\\\"}
_TO_ESCAPE = re.compile("[\x00-\x1f\"\\\\\x7f\ufffe\uffff]")


def _text(value: str) -> str:
    """A string literal (xsd:string) as Oxigraph writes it in N-Triples."""
    if _TO_ESCAPE.search(value) is None:
        return f'"{value}"'
    return f'"{value.translate(_ESCAPES)}"'


def _typed(lexical: str, datatype: str) -> str:
    """A typed literal (``datatype``: an IRI in N-Triples) as Oxigraph writes it, lexical
    form as given (the database keeps numbers and dates by value)."""
    return f"{_text(lexical)}^^{datatype}"


Triples = Iterator[tuple[str, str, str]]  # subject, predicate, object as N-Triples terms

TYPE, LABEL, ALT_LABEL = _i(RDF + "type"), _i(RDFS + "label"), _i(SKOS + "altLabel")
SUB_PROPERTY = _i(RDFS + "subPropertyOf")
DOCUMENT_CLASS = _i(KG + "Document")
STATEMENT_CLASS = _i(RDF + "Statement")
MENTIONS = _i(SCHEMA + "mentions")
COPY_OF = _n(KG + "copyOf")
DECIMAL, INTEGER, DATE = _i(XSD + "decimal"), _i(XSD + "integer"), _i(XSD + "date")
FALSE = _typed("false", _i(XSD + "boolean"))
TRUE = _typed("true", _i(XSD + "boolean"))
QUOTE_CLASS = _i(KG + "Quote")
# A document's metadata: Document field -> property of the document node.
DOCUMENT_FIELDS = {"title": DCTERMS + "title", "published": DCTERMS + "created",
                   "url": SCHEMA + "url", "site": SCHEMA + "publisher",
                   "author": SCHEMA + "author", "language": DCTERMS + "language"}


# The predicates and classes the writers use, made once.
GEO_LAT = _i(GEO + "lat")
GEO_LONG = _i(GEO + "long")
GN_COUNTRY_CODE = _i(GN + "countryCode")
KG_ASSERTED = _i(KG + "asserted")
KG_CONFIDENCE = _i(KG + "confidence")
KG_COREFERENCE = _i(KG + "coreference")
KG_CUE = _i(KG + "cue")
KG_CUES = _i(KG + "cues")
KG_DIRECT = _i(KG + "direct")
KG_GEO_CANDIDATES = _i(KG + "geoCandidates")
KG_MENTIONED = _i(KG + "mentioned")
KG_MENTION_COUNT = _i(KG + "mentionCount")
KG_MERGE_REASON = _i(KG + "mergeReason")
KG_MODALITY = _i(KG + "modality")
KG_PUBLISHED_DAY = _i(KG + "publishedDay")
KG_QUALIFIED_MENTION = _i(KG + "qualifiedMention")
KG_QUOTED_TEXT = _i(KG + "quotedText")
KG_QUOTE_MENTIONS = _i(KG + "quoteMentions")
KG_RELATED_TO = _i(KG + "relatedTo")
KG_REPORTED = _i(KG + "reported")
KG_RULE = _i(KG + "rule")
KG_SENTENCE_COUNT = _i(KG + "sentenceCount")
KG_SOURCE = _i(KG + "source")
KG_SPEAKER = _i(KG + "speaker")
KG_TIME = _i(KG + "time")
KG_TIME_END = _i(KG + "timeEnd")
KG_TIME_START = _i(KG + "timeStart")
KG_TIME_TEXT = _i(KG + "timeText")
NIF_ANCHOR_OF = _i(NIF + "anchorOf")
NIF_BEGIN_INDEX = _i(NIF + "beginIndex")
NIF_END_INDEX = _i(NIF + "endIndex")
NIF_REFERENCE_CONTEXT = _i(NIF + "referenceContext")
NIF_RFC5147_STRING = _i(NIF + "RFC5147String")
OWL_OBJECT_PROPERTY = _i(OWL + "ObjectProperty")
OWL_SAME_AS = _i(OWL + "sameAs")
PROV_WAS_DERIVED_FROM = _i(PROV + "wasDerivedFrom")
RDF_OBJECT = _i(RDF + "object")
RDF_PREDICATE = _i(RDF + "predicate")
RDF_SUBJECT = _i(RDF + "subject")
ENTITY_GRAPH_TERM = _i(ENTITY_GRAPH)


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


class Made:
    """What a write notes of each document graph as it renders it (its digest, the open
    relations its statements use), so that the graphs, kept on disk, are read once."""

    __slots__ = ("digests", "verbs")

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}
        self.verbs: set[str] = set()

    def note(self, graph: DocumentGraph, vocab: Vocabulary) -> None:
        self.digests[graph.document.doc_id] = graph_digest(graph, vocab.symmetric,
                                                           vocab.confidence)
        self.verbs.update(s.predicate for s in graph.statements if not s.canonical)

    def relations(self, resolution: Resolution) -> list[str]:
        """``open_relations`` of the graphs noted (all of ``resolution.documents``)."""
        return sorted(set(resolution.relations) | self.verbs)


def fingerprints(resolution: Resolution, vocab: Vocabulary, carry: Iterable[str],
                 previous: dict[str, str], made: Made | None = None) -> dict[str, Any]:
    """What a state record keeps of a written graph, so the next write replaces only what
    changed: each document graph's digest (a carried graph keeps its ``previous`` one), the
    ontology's, each entity's, and the open relations declared; ``made``, what a write that
    rendered every document graph noted of them."""
    digests = made.digests if made is not None else {
        g.document.doc_id: graph_digest(g, vocab.symmetric, vocab.confidence)
        for g in resolution.documents}
    return {"graphs": {**{d: previous.get(d, "") for d in carry}, **digests},
            "ontology": ontology_digest(vocab),
            "nodes": entity_digests(resolution),
            "relations": made.relations(resolution) if made is not None
            else open_relations(resolution),
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


def quad_triples(quads: Iterable[ox.Quad]) -> Triples:
    """The triples of pyoxigraph ``quads`` as N-Triples terms (the inverse of ``as_quads``)."""
    return ((str(q.subject), str(q.predicate), str(q.object)) for q in quads)


def as_quads(triples: Iterable[tuple[str, str, str]], graph: str) -> list[ox.Quad]:
    """``triples`` (N-Triples terms) as pyoxigraph quads in the named graph ``graph`` (an IRI),
    parsed by Oxigraph in one call."""
    g = _i(graph)
    text = "".join(f"{s} {p} {o} {g} .\n" for s, p, o in triples)
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if text else []


def _literal(value: object) -> str:
    if isinstance(value, float):
        return _typed(f"{value:.3f}", DECIMAL)
    if isinstance(value, int):
        return _typed(str(value), INTEGER)
    return _text(str(value))


def entity_triples(resolution: Resolution, relations: list[str] | None = None) -> Triples:
    """Labels, alternative names and classes of every entity; declarations of open relations
    (``relations``, if known: ``open_relations``); the copies of stories (the entity graph's
    triples)."""
    for entity in resolution.entities.values():
        yield from _entity(entity)
    for name in open_relations(resolution) if relations is None else relations:
        yield from relation_triples(name)
    yield from copy_triples(resolution)


def entity_quads(resolution: Resolution) -> Iterator[ox.Quad]:
    """``entity_triples`` as quads of the entity graph."""
    return iter(as_quads(entity_triples(resolution), ENTITY_GRAPH))


def copy_triples(resolution: Resolution) -> Triples:
    """``kg:copyOf`` from each copy of a story to its first document (``kg.copies``), in
    the entity graph: a document that joins or leaves a cluster changes no other graph."""
    copy_of = _i(COPY_OF.value)
    for copy, first in resolution.copies:
        yield _i(document_iri(copy)), copy_of, _i(document_iri(first))


def copy_quads(resolution: Resolution) -> list[ox.Quad]:
    return as_quads(copy_triples(resolution), ENTITY_GRAPH)


def open_relations(resolution: Resolution) -> list[str]:
    """The open relations (verbs) the statements use, declared in the entity graph: those of
    unchanged documents too, which ``resolution.documents`` leaves out."""
    return sorted(set(resolution.relations) | {s.predicate for d in resolution.documents
                                               for s in d.statements if not s.canonical})


def relation_triples(name: str) -> Triples:
    iri = _i(relation_iri(name, canonical=False))
    yield iri, TYPE, OWL_OBJECT_PROPERTY
    yield iri, SUB_PROPERTY, KG_RELATED_TO
    yield iri, LABEL, _text(name)


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
    added = [t for key, digest in now.items() if before.get(key) != digest
             for t in _entity(resolution.entities[key])]
    added += [t for name in sorted(new_relations - old_relations)
              for t in relation_triples(name)]
    return removed, as_quads(added, ENTITY_GRAPH)


def _entity(entity: Entity) -> Triples:
    node = _i(entity_iri(entity.key))
    yield node, TYPE, _i(class_iri(entity.type))
    # a name as a story spaced it ("Ana  Quell", two spaces in a scraped dump) is written as
    # one name: one label, no second spelling of it
    label = " ".join(entity.label.split())
    yield node, LABEL, _text(label)
    for alias in sorted({" ".join(a.split()) for a in entity.aliases} - {label}):
        yield node, ALT_LABEL, _text(alias)
    for reason in entity.merges:
        yield node, KG_MERGE_REASON, _text(reason)
    if entity.geo is not None:
        yield from _geo(node, entity.geo)


def _geo(node: str, geo: GeoLink) -> Triples:
    """A place's GeoNames feature (``kg.geo``): the candidates' count always; the feature,
    its position (WGS84) and its country's code when one was chosen."""
    yield node, KG_GEO_CANDIDATES, _literal(geo.candidates)
    if geo.id:
        yield node, OWL_SAME_AS, _i(f"{GEONAMES}{geo.id}/")
        yield node, GEO_LAT, _typed(f"{geo.lat:.5f}", DECIMAL)
        yield node, GEO_LONG, _typed(f"{geo.lng:.5f}", DECIMAL)
        if geo.country:
            yield node, GN_COUNTRY_CODE, _text(geo.country)


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


def _object(st: Statement) -> str:
    return _text(st.object) if st.literal else _i(entity_iri(st.object))


def _predicate(st: Statement) -> str:
    return _i(relation_iri(st.predicate, st.canonical))


def document_quads(graph: DocumentGraph, symmetric: frozenset[str] = frozenset(),
                   model: ConfidenceModel | None = None) -> Iterator[ox.Quad]:
    """``document_triples`` as quads of the document's named graph."""
    return iter(as_quads(document_triples(graph, symmetric, model),
                         document_iri(graph.document.doc_id)))


def document_triples(graph: DocumentGraph, symmetric: frozenset[str] = frozenset(),
                     model: ConfidenceModel | None = None) -> Triples:
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
    reported = _typed(published.isoformat(), DATE) if published else None
    doc_iri = document_iri(doc.doc_id)
    doc_node = _i(doc_iri)
    yield doc_node, TYPE, DOCUMENT_CLASS
    yield doc_node, KG_SOURCE, _text(doc.source)
    yield doc_node, KG_SENTENCE_COUNT, _literal(graph.sentences)
    yield from _metadata(doc, doc_node)
    yield from _mentions(graph, doc_node)
    spans: set[str] = set()
    around = document_cues(graph)
    for i, st in enumerate(graph.statements):
        s, p, o = _i(entity_iri(st.subject)), _predicate(st), _object(st)
        ev = st.evidence
        read = reading(st, around[i])
        confidence = model.probability(read) if model else ev.confidence
        asserted = ev.modality == ASSERTED and st.typed and (
            model is None or model.asserts(confidence, read))
        if asserted:
            yield s, p, o  # planned or denied facts live in their record only
            if st.canonical and st.predicate in symmetric and not st.literal:
                yield o, p, s
        record = _i(statement_iri(doc.doc_id, st))
        span = _i(f"{doc_iri}#char={ev.start},{ev.end}")
        yield record, TYPE, STATEMENT_CLASS
        yield record, RDF_SUBJECT, s
        yield record, RDF_PREDICATE, p
        yield record, RDF_OBJECT, o
        yield record, KG_CONFIDENCE, _literal(confidence)
        yield record, KG_RULE, _text(ev.rule)
        if read.cues:
            yield record, KG_CUES, _text(" ".join(read.cues))
        if ev.modality != ASSERTED:
            yield record, KG_MODALITY, _text(ev.modality)
        elif not asserted:
            yield record, KG_ASSERTED, FALSE
        if ev.coreference:
            yield record, KG_COREFERENCE, _text(ev.coreference)
        if reported is not None:
            yield record, KG_REPORTED, reported
        when = resolve_time(ev.time_text, published, ev.modality) if ev.time_text else None
        if when is not None:
            yield record, KG_TIME, _typed(when.value, _i(XSD + when.datatype))
            yield record, KG_TIME_TEXT, _text(when.text)
            start, end = period(when.value)
            yield record, KG_TIME_START, _typed(start.isoformat(), DATE)
            yield record, KG_TIME_END, _typed(end.isoformat(), DATE)
        yield record, PROV_WAS_DERIVED_FROM, span
        yield from _sentence(span, ev, doc_node, spans)
    yield from _quotes(graph, spans)


def _sentence(span: str, ev: Evidence, doc_node: str, spans: set[str]) -> Triples:
    """The sentence a record points at, once a document."""
    if span not in spans:
        spans.add(span)
        yield span, TYPE, NIF_RFC5147_STRING
        yield span, NIF_BEGIN_INDEX, _literal(ev.start)
        yield span, NIF_END_INDEX, _literal(ev.end)
        yield span, NIF_ANCHOR_OF, _text(ev.sentence)
        yield span, NIF_REFERENCE_CONTEXT, doc_node


def quote_iri(doc_id: str, start: int, end: int) -> str:
    """A quote's node: its words' offsets in its document (``kg.quotations.offsets`` reads
    them back), as a sentence's IRI holds its own."""
    return f"{document_iri(doc_id)}#quote={start},{end}"


def _quotes(graph: DocumentGraph, spans: set[str]) -> Triples:
    """A ``kg:Quote`` for each quote of the document: its words, the verb that gives them,
    ``kg:direct true`` when they were in quotation marks, the speaker when the story tells
    it, the entities the words name and the sentence (as a statement record points at it).
    What other triples or the IRI already say is not repeated: the offsets are in the node's
    IRI, the day reported is the document's ``kg:publishedDay`` in the same graph, and
    reported speech is the quote with no ``kg:direct``."""
    doc_id = graph.document.doc_id
    doc_node = _i(document_iri(doc_id))
    seen = set()
    for q in graph.quotes:
        node = _i(quote_iri(doc_id, q.start, q.end))
        if node in seen:
            continue  # one quote, read by two rules ("according to" and a verb)
        seen.add(node)
        ev = q.evidence
        yield node, TYPE, QUOTE_CLASS
        if q.speaker:
            yield node, KG_SPEAKER, _i(entity_iri(q.speaker))
        yield node, KG_QUOTED_TEXT, _text(q.text)
        if q.direct:
            yield node, KG_DIRECT, TRUE
        yield node, KG_CUE, _text(q.cue)
        for key in q.mentions:
            yield node, KG_QUOTE_MENTIONS, _i(entity_iri(key))
        if ev.coreference:
            yield node, KG_COREFERENCE, _text(ev.coreference)
        span = _i(f"{document_iri(doc_id)}#char={ev.start},{ev.end}")
        yield node, PROV_WAS_DERIVED_FROM, span
        yield from _sentence(span, ev, doc_node, spans)


def _mentions(graph: DocumentGraph, node: str) -> Triples:
    """``schema:mentions`` for each entity the document names, qualified by a record of how
    often (``kg:qualifiedMention``, as PROV qualifies its relations): a document is found
    by the entities it names even when no fact about them was read. The record is a
    ``kg:MentionCount`` by the range of ``kg:qualifiedMention``, not by a triple of its own
    (four triples an entity, not five: a document names many)."""
    for mention in graph.mentions:
        entity = _i(entity_iri(mention.entity))
        record = _i(mention_iri(graph.document.doc_id, mention.entity))
        yield node, MENTIONS, entity
        yield node, KG_QUALIFIED_MENTION, record
        yield record, KG_MENTIONED, entity
        yield record, KG_MENTION_COUNT, _literal(mention.count)


def _metadata(doc: Document, node: str) -> Triples:
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
            yield node, _i(iri), _typed(value, _i(XSD + kind))
            day = parse_published(value)
            if day is not None:
                yield node, KG_PUBLISHED_DAY, _typed(day.isoformat(), DATE)
        else:
            yield node, _i(iri), _text(value)
