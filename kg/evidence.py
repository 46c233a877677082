"""Why the graph says what it says: an entity's facts and the sentences behind each fact.

``find_entity`` turns what a user types ("Zuckerberg", "meta platforms", an IRI) into one
entity; ``show`` lists its names, its facts in both directions and the documents that name
it; ``explain`` lists every sentence that supports one triple. All of it is read from the
statement records and mention counts in the store.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graphview import copies_of, fact_confidence, outlets_of
from kg.model import ASSERTED
from kg.ontology import (
    DCTERMS,
    DOC,
    ENT,
    KG,
    NIF,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    REL,
    SCHEMA,
    SKOS,
    relation_name,
)
from kg.resolve import name_key
from kg.stores import GraphStore

UNCONFIRMED = "unconfirmed"  # stated as done, below the confidence kg asserts a fact from


@dataclass(frozen=True, slots=True)
class Support:
    """One sentence that states a fact."""

    doc_id: str
    source: str  # the document's path as given to ``kg build``
    start: int  # character span of the sentence in the source file
    end: int
    sentence: str
    rule: str
    confidence: float
    # "planned", "possible", "proposed" or "denied" otherwise; UNCONFIRMED when stated as done
    # but below the confidence from which kg asserts a fact
    modality: str = ASSERTED
    title: str = ""  # the document's title, date of publication (YYYY-MM-DD) and URL
    reported: str = ""
    url: str = ""
    time: str = ""  # when the sentence says the fact happened (YYYY, YYYY-MM or YYYY-MM-DD)
    time_text: str = ""  # the phrase that says it ("on Thursday")
    coreference: str = ""  # what a pronoun or description was taken for, and why

    @property
    def when(self) -> str:
        """The fact's time, else the day it was reported, else ""."""
        return self.time or self.reported


@dataclass(frozen=True, slots=True)
class Fact:
    subject: str  # labels, or the literal for a literal object
    relation: str
    object: str
    literal: bool
    confidence: float  # its best sentence's (``kg.graphview.fact_confidence``)
    support: tuple[Support, ...]
    stories: int = 1  # independent stories among the documents (copies count once)
    outlets: int = 0  # outlets that published them, where known (site, else URL host)


@dataclass(frozen=True, slots=True)
class Mentioning:
    """A document that names the entity, and how many times (``kg:mentionCount``)."""

    doc_id: str
    source: str
    title: str
    date: str  # its date of publication as stored (dcterms:created), or ""
    url: str
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityReport:
    key: str
    label: str
    type: str
    aliases: tuple[str, ...]
    merges: tuple[str, ...]
    outgoing: tuple[Fact, ...]
    incoming: tuple[Fact, ...]
    documents: tuple[Mentioning, ...] = ()  # most mentions first, then the latest
    quotes_said: int = 0  # quotes it is the speaker of (``kg quotes``)
    quotes_about: int = 0  # quotes whose words name it


def query_rows(store: GraphStore, query: str) -> list[dict[str, Any]]:
    """A SELECT's rows over the union of the store's graphs, keyed by variable name."""
    solutions = store.ox.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names} for row in solutions]


def written_iri(text: str) -> str | None:
    """The IRI that ``text`` spells the way kg prints one: a prefixed name (``ent:Meta``,
    ``kg:released``), ``<IRI>`` or a bare http(s) IRI; ``None`` for anything else (a name).

    >>> written_iri("ent:Yann_LeCun"), written_iri("Yann LeCun")
    ('https://w3id.org/kg/entity/Yann_LeCun', None)
    """
    text = text.strip()
    prefix, colon, local = text.partition(":")
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
    elif colon and prefix in PREFIXES and not local.startswith("//"):
        iri = PREFIXES[prefix] + re.sub(r"\\(.)", r"\1", local)  # Turtle escapes: \/
    elif text.startswith(("http://", "https://")):
        iri = text
    else:
        return None
    try:
        return ox.NamedNode(iri).value  # only a valid IRI goes into a query
    except ValueError:
        return None


def find_entity(store: GraphStore, name: str) -> str:
    """The IRI of the one entity called ``name`` (label, alias, key, ``ent:KEY`` or IRI; case
    and corporate suffixes do not matter). Raises ``QueryError`` when none or several match."""
    iri = written_iri(name)
    if iri is not None and not iri.startswith(ENT):
        raise QueryError(f"{name} is not an entity; give ent:KEY (as kg show prints it), "
                         "its IRI or one of its names")
    if iri is not None and query_rows(store, f"SELECT ?p WHERE {{ <{iri}> ?p ?o }} LIMIT 1"):
        return iri
    asked, name = name, iri.removeprefix(ENT) if iri else name  # a key not stored: its closest
    rows = query_rows(store, f"""
        SELECT DISTINCT ?e ?name WHERE {{
          {{ ?e <{RDFS}label> ?name }} UNION {{ ?e <{SKOS}altLabel> ?name }}
          FILTER(STRSTARTS(STR(?e), "{ENT}"))
        }}""")
    key = name_key(name)
    exact = sorted({r["e"].value for r in rows if r["name"].value == name})
    matches = exact or sorted({r["e"].value for r in rows
                               if name_key(r["name"].value) == key
                               or r["e"].value.removeprefix(ENT) == name})
    if not matches:
        raise QueryError(f"no entity is called '{asked}'{_closest(name, rows)}")
    if len(matches) > 1:
        shown = ", ".join(m.removeprefix(ENT) for m in matches[:8])
        raise QueryError(f"'{asked}' is ambiguous: {shown}; give one of these keys")
    return matches[0]


def _closest(name: str, rows: list[dict[str, Any]]) -> str:
    """"; closest: A, B, C": names that share a word with ``name`` or are spelled alike."""
    import difflib

    names = sorted({str(r["name"].value) for r in rows})
    by_key = {name_key(n): n for n in names}
    key = name_key(name)
    close = [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.6)]
    words = set(key.split())
    close += [n for n in names if words & set(name_key(n).split()) and n not in close]
    return f"; closest: {', '.join(close[:5])}" if close else ""


def entity_label(store: GraphStore, iri: str) -> str:
    """An entity's label, else its key."""
    rows = query_rows(store, f"SELECT ?l WHERE {{ <{iri}> <{RDFS}label> ?l }} LIMIT 1")
    return str(rows[0]["l"].value) if rows else iri.removeprefix(ENT)


@dataclass(frozen=True, slots=True)
class Record:
    """One statement record: a fact as one sentence states it."""

    subject: str  # entity key
    subject_label: str
    relation: str
    object: str  # entity key, or the literal
    object_label: str  # the entity's label, or the literal
    literal: bool
    support: Support


def records(store: GraphStore, where: str = "") -> Iterator[Record]:
    """Statement records with their sentences; ``where`` adds SPARQL constraints on ``?s``,
    ``?p`` and ``?o`` (the subject, predicate and object IRIs or literal)."""
    for r in query_rows(store, f"""
            SELECT ?s ?sl ?p ?o ?ol ?g ?source ?begin ?end ?text ?rule ?c ?m ?title ?reported
                   ?url ?time ?timeText ?coref ?asserted WHERE {{
              GRAPH ?g {{
                ?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ;
                    <{KG}confidence> ?c ; <{KG}rule> ?rule ; <{PROV}wasDerivedFrom> ?span .
                ?span <{NIF}beginIndex> ?begin ; <{NIF}endIndex> ?end ;
                      <{NIF}anchorOf> ?text .
                ?g <{KG}source> ?source .
                OPTIONAL {{ ?st <{KG}modality> ?m }}
                OPTIONAL {{ ?st <{KG}asserted> ?asserted }}
                OPTIONAL {{ ?st <{KG}reported> ?reported }}
                OPTIONAL {{ ?st <{KG}time> ?time ; <{KG}timeText> ?timeText }}
                OPTIONAL {{ ?st <{KG}coreference> ?coref }}
                OPTIONAL {{ ?g <{DCTERMS}title> ?title }}
                OPTIONAL {{ ?g <{SCHEMA}url> ?url }}
              }}
              {where}
              OPTIONAL {{ ?s <{RDFS}label> ?sl }}
              OPTIONAL {{ ?o <{RDFS}label> ?ol }}
            }}"""):
        obj, literal = r["o"], isinstance(r["o"], ox.Literal)
        subject = r["s"].value.removeprefix(ENT)
        key = obj.value if literal else obj.value.removeprefix(ENT)
        yield Record(subject, r["sl"].value if r["sl"] is not None else subject,
                     relation_name(r["p"].value), key,
                     r["ol"].value if r["ol"] is not None else key, literal,
                     Support(r["g"].value.removeprefix(DOC), r["source"].value,
                             int(r["begin"].value), int(r["end"].value), r["text"].value,
                             r["rule"].value, float(r["c"].value),
                             r["m"].value if r["m"] is not None else
                             UNCONFIRMED if r["asserted"] is not None else ASSERTED,
                             *(r[v].value if r[v] is not None else "" for v in
                               ("title", "reported", "url", "time", "timeText", "coref"))))


def _facts(store: GraphStore, where: str) -> tuple[Fact, ...]:
    grouped: dict[tuple[str, str, str, bool], list[Support]] = defaultdict(list)
    for r in records(store, where):
        # a planned or denied fact is listed apart from the same fact stated as done
        relation = r.relation if r.support.modality == ASSERTED else \
            f"{r.relation} ({r.support.modality})"
        grouped[(r.subject_label, relation, r.object_label, r.literal)].append(r.support)
    facts = []
    first, outlets = (copies_of(store), outlets_of(store)) if grouped else ({}, {})
    for (s, p, o, literal), found in grouped.items():
        found.sort(key=lambda x: (x.source, x.start, x.rule))
        docs = {x.doc_id for x in found}
        confidence, told = fact_confidence(
            ((x.doc_id, x.confidence, x.sentence) for x in found), first)
        facts.append(Fact(s, p, o, literal, confidence, tuple(found), told,
                          len({outlets[d] for d in docs if d in outlets})))
    return tuple(sorted(facts, key=lambda f: (f.relation, f.subject, f.object)))


def show(store: GraphStore, name: str) -> EntityReport:
    """An entity's names, class, merge reasons and facts in both directions with evidence."""
    iri = find_entity(store, name)
    rows = query_rows(store, f"""
        SELECT ?p ?v WHERE {{ <{iri}> ?p ?v
          FILTER(?p IN (<{RDFS}label>, <{SKOS}altLabel>, <{RDF}type>, <{KG}mergeReason>)) }}""")
    by: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        by[str(r["p"].value)].append(str(r["v"].value))
    label = (by.get(RDFS + "label") or [iri.removeprefix(ENT)])[0]
    kind = (by.get(RDF + "type") or ["Entity"])[0].rsplit("#", 1)[-1]
    return EntityReport(iri.removeprefix(ENT), label, kind,
                        tuple(sorted(by.get(SKOS + "altLabel", []))),
                        tuple(sorted(by.get(KG + "mergeReason", []))),
                        _facts(store, f"FILTER(?s = <{iri}>)"),
                        _facts(store, f"FILTER(?o = <{iri}>)"),
                        mentioning(store, iri), *quote_counts(store, iri))


def quote_counts(store: GraphStore, iri: str) -> tuple[int, int]:
    """How many quotes the entity ``iri`` said, and how many others name it."""
    said = {r["q"].value for r in query_rows(
        store, f"SELECT DISTINCT ?q WHERE {{ ?q <{KG}speaker> <{iri}> }}")}
    about = {r["q"].value for r in query_rows(
        store, f"SELECT DISTINCT ?q WHERE {{ ?q <{KG}quoteMentions> <{iri}> }}")}
    return len(said), len(about - said)


def mentioning(store: GraphStore, iri: str) -> tuple[Mentioning, ...]:
    """The documents that name the entity ``iri`` (``schema:mentions``, whether or not a
    fact about it was read there): the most mentions first, then the latest, then by
    source."""
    found = [Mentioning(r["g"].value.removeprefix(DOC), r["source"].value,
                        *(r[v].value if r[v] is not None else "" for v in
                          ("title", "date", "url")), int(r["n"].value))
             for r in query_rows(store, f"""
        SELECT ?g ?source ?n ?title ?date ?url WHERE {{
          GRAPH ?g {{
            ?g <{SCHEMA}mentions> <{iri}> ; <{KG}qualifiedMention> ?m ; <{KG}source> ?source .
            ?m <{KG}mentioned> <{iri}> ; <{KG}mentionCount> ?n .
            OPTIONAL {{ ?g <{DCTERMS}title> ?title }}
            OPTIONAL {{ ?g <{DCTERMS}created> ?date }}
            OPTIONAL {{ ?g <{SCHEMA}url> ?url }}
          }}
        }}""")]
    found.sort(key=lambda d: (d.source, d.doc_id))
    found.sort(key=lambda d: d.date, reverse=True)  # stable: the sorts before break ties
    found.sort(key=lambda d: d.mentions, reverse=True)
    return tuple(found)


def explain(store: GraphStore, subject: str, relation: str, obj: str) -> Fact:
    """The fact ``subject relation obj`` with every sentence that supports it. ``obj`` is an
    entity name or, for literal relations such as ``role``, the literal."""
    s_iri = find_entity(store, subject)
    # as kg show prints it ("released (planned)"), or as kg query does (kg:released, rel:sue)
    asked = relation
    relation, _, modality = relation.strip().partition(" (")
    written = written_iri(relation)
    relation = relation_name(written) if written else relation
    if not re.fullmatch(r"[\w\-.]+", relation):
        raise QueryError(f"'{relation}' is not a relation name (worksFor, kg:released, rel:sue)")
    predicates = f"<{KG}{relation}>, <{REL}{relation}>"
    facts = _facts(store, f"FILTER(?s = <{s_iri}> && ?p IN ({predicates}))")
    if modality:
        facts = tuple(f for f in facts if f.relation == f"{relation} ({modality}")
    try:
        o_iri = find_entity(store, obj)
    except QueryError:
        o_iri = None
    wanted = entity_label(store, o_iri) if o_iri else None
    value = obj[1:-1] if len(obj) > 1 and obj[0] == obj[-1] == '"' else obj  # as kg prints it
    for fact in facts:
        if (fact.literal and fact.object == value) or (not fact.literal and fact.object == wanted):
            return fact
    known = ", ".join(sorted({f.object for f in facts})[:8]) or "none"
    raise QueryError(f"the graph does not state {subject} {asked} {obj} "
                     f"({asked} objects of {subject}: {known})")
