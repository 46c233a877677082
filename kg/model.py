"""Frozen dataclasses that cross stage boundaries.

Data flows one way: ``Document`` → (parse) → ``Extraction`` → (resolve) → ``DocumentGraph`` →
store. This module imports neither spaCy nor rdflib, so every stage can share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class MentionKind(StrEnum):
    """How a mention refers to its entity."""

    NAME = "name"  # a proper name: "Meta Platforms", "Mark Zuckerberg"
    PRONOUN = "pronoun"  # "it", "its", "he", "they"
    DESCRIPTION = "description"  # a definite description: "the company", "the chatbot"
    CONCEPT = "concept"  # a common-noun phrase used as an open-relation argument
    LITERAL = "literal"  # a value, not a node: a role title, a former name
    FOCUS = "focus"  # unnamed, the story's own subject: "rival Quanta" is a rival of whom?


@dataclass(frozen=True, slots=True)
class Document:
    """One input text and what is known of it. ``doc_id`` is derived from the content, so it
    changes with the text. ``source`` is where it was read (a path, ``path#record`` for one
    record of a JSON-lines, CSV, feed or WARC file); ``published`` is an ISO 8601 date or
    date-time, ``""`` when unknown, like every other field of metadata."""

    doc_id: str
    source: str
    text: str
    title: str = ""
    published: str = ""
    url: str = ""
    site: str = ""
    author: str = ""
    language: str = ""  # ISO 639-1, when kg is sure of it

    def without_text(self) -> Document:
        """The same document with its metadata but not its text (kept across a build)."""
        return replace(self, text="")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of a document's text, cleaned of page furniture, at its offset in the document."""

    start: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of document text that refers to something.

    ``start``/``end`` are character offsets into the document. ``label`` is the ontology class
    local name the extractor believes in (``Organization``, ``Person`` ...), or ``""`` when it
    has no evidence. ``number`` is ``"sg"``/``"pl"`` for pronouns and descriptions.
    """

    text: str
    start: int
    end: int
    label: str
    kind: MentionKind = MentionKind.NAME
    number: str = "sg"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence, the rule that fired and its confidence.

    ``modality`` says what the sentence claims of the fact: ``"asserted"`` (it happened or
    holds), ``"possible"`` ("could buy"), ``"planned"`` ("plans to buy"), ``"proposed"`` ("a
    proposed takeover") or ``"denied"``. Only asserted facts enter the asserted graph.
    ``time_text`` is the sentence's phrase for when the fact happened ("on Thursday", "in
    2019"), as written, or ``""``; ``kg.dates`` resolves it against the document's date.
    ``coreference`` says, when an argument is a pronoun or description, which entity it was
    taken for and why ('"it" = Vexa Corp (the name its sentence starts with)'), else ``""``.
    """

    doc_id: str
    start: int
    end: int
    sentence: str
    rule: str
    confidence: float
    modality: str = "asserted"  # ASSERTED, defined below
    time_text: str = ""
    coreference: str = ""
    # how clearly the sentence states the fact, for the confidence model ("args=name-name
    # subject-as=subject gap=near ..."; ``kg.extract.cues``); no part of the fact's identity:
    # one fact read twice by a rule in a sentence (its ends named twice) stays one record
    cues: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class FactTime:
    """When a fact happened, resolved from its time phrase (``kg.dates``): ``value`` in the
    lexical form of the XML Schema ``datatype`` "date" ("2024-02-23"), "gYearMonth"
    ("2024-02") or "gYear" ("2024"), and ``text``, the phrase it was read from."""

    value: str
    datatype: str
    text: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fact as the extractor saw it, before mentions are resolved to entities.

    ``relation`` is an ontology property local name when ``canonical`` is true, else a verb
    lemma (possibly with a preposition, ``"commit to"``) for an open relation.
    """

    subject: Mention
    relation: str
    object: Mention
    evidence: Evidence
    canonical: bool = True


# The modality of a fact the sentence states as done or true (see ``Evidence``).
ASSERTED = "asserted"

# The key of a concept ("the deal", "revenue"): a common-noun phrase, no named entity.
CONCEPT_KEY = "concept/"

# The relation of a candidate that only says two names were listed together.
COORDINATED = "coordinated"


@dataclass(frozen=True, slots=True)
class Alias:
    """Two mentions the text says name the same thing ("Microsoft (MS)"), and why."""

    first: Mention
    second: Mention
    reason: str


@dataclass(frozen=True, slots=True)
class TypeHint:
    """Evidence for a mention's class: an apposition head, a relation's domain or range."""

    mention: Mention
    label: str
    weight: float
    reason: str
    noun: str = ""  # the common noun that states the class ("maker" of "Vexa, the maker")


@dataclass(frozen=True, slots=True)
class Quote:
    """Words a story gives to a speaker: quoted (``direct``: '"We will grow," said Ana Ruiz')
    or reported ("Ruiz said that Vexa would grow", "according to Vexa, ..."). ``speaker`` is
    the mention of who spoke (a name, a pronoun, a description) or None when the text does
    not tell; ``start``/``end`` are the quoted words' offsets in the document; ``cue`` is the
    verb's lemma ("say", "add") or "according to"; ``mentions`` are the names the words hold.
    """

    speaker: Mention | None
    text: str
    start: int
    end: int
    direct: bool
    cue: str
    mentions: tuple[Mention, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractor read in one document."""

    doc_id: str
    sentences: int
    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]
    aliases: tuple[Alias, ...] = ()
    hints: tuple[TypeHint, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class GeoLink:
    """A place's GeoNames feature (``kg.geo``): how many features its names name, and the one
    chosen (``id`` 0 when kg abstained or found none), with its position and country."""

    candidates: int
    id: int = 0
    lat: float = 0.0
    lng: float = 0.0
    country: str = ""  # ISO 3166 code


@dataclass(frozen=True, slots=True)
class Entity:
    """One node: a real thing, its canonical name, its class and every other name seen."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    merges: tuple[str, ...] = ()  # why names were merged: "acronym: Microsoft (MS)"
    geo: GeoLink | None = None  # a place's link to the gazetteer


@dataclass(frozen=True, slots=True)
class Statement:
    """A resolved fact. ``object`` is an entity key, or the literal value when ``literal``.
    ``typed`` is false when an end's class is not the one the ontology gives the relation
    (an untyped thing as an employer): such a fact is a record, never an edge, so every edge
    of the graph conforms to the shapes."""

    subject: str
    predicate: str
    object: str
    evidence: Evidence
    canonical: bool = True
    literal: bool = False
    typed: bool = True


@dataclass(frozen=True, slots=True)
class MentionCount:
    """How many times a document names an entity (by its key): its names and their short
    forms as the story writes them; pronouns and descriptions are not counted."""

    entity: str
    count: int


@dataclass(frozen=True, slots=True)
class SaidQuote:
    """A resolved ``Quote``: its speaker and the entities its words name, by key (``""`` when
    the speaker cannot be told: no guess is made)."""

    speaker: str
    text: str
    start: int
    end: int
    direct: bool
    cue: str
    mentions: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """A document's resolved facts, ready for the store, and the entities it names (by key),
    whether or not a fact about them was read."""

    document: Document
    sentences: int
    statements: tuple[Statement, ...]
    mentions: tuple[MentionCount, ...] = ()
    quotes: tuple[SaidQuote, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The whole graph: entities across documents and each document's statements.

    An update leaves out of ``documents`` the documents of ``unchanged``: their graphs, as
    already stored, hold exactly the facts they resolve to again. ``relations`` are the open
    relations (verbs) the statements of all of them use; ``joined`` is what the next update
    starts from. ``copies`` pairs each copy of a story with its first document."""

    entities: dict[str, Entity]
    documents: Sequence[DocumentGraph]  # a tuple, or the graphs on disk (kg.resolve.spill)
    unchanged: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    joined: Joined = field(default_factory=lambda: Joined())
    # near-duplicate documents (kg.copies): each copy with its cluster's first document
    copies: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Joined:
    """What joining documents across the corpus leaves for the next update: the groups of
    name clusters that share a key (each encoded as plain data, as formed, before the passes
    over the whole corpus), the group of each cluster of each document (by section), the
    group of each name key, and a fingerprint of each document's resolved facts."""

    groups: tuple[Any, ...] = ()
    members: dict[str, tuple[tuple[int, ...], ...]] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What ``kg.build`` did, for people and scripts."""

    documents: int
    parsed: int
    unchanged: int
    removed: int
    sentences: int
    entities: int
    statements: int
    triples: int
    seconds: float
    skipped: tuple[str, ...] = field(default=())
    outputs: tuple[str, ...] = field(default=())
    timings: tuple[tuple[str, float], ...] = field(default=())  # (phase, seconds)
