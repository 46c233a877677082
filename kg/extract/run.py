"""Apply every extraction rule to parsed paragraphs."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from kg.extract.clauses import hyphenated_participles, verb_relations
from kg.extract.descriptions import (
    acronyms,
    appositions,
    compound_names,
    coordinations,
    copulas,
    examples,
    name_changes,
    named,
    possessives,
)
from kg.extract.events import agent_nouns, event_nouns, instruments
from kg.extract.found import Found
from kg.extract.homes import (
    native_places,
    place_descriptions_before,
    place_of,
    place_possessives,
    place_titles,
    unhyphenated_participles,
)
from kg.extract.mentions import MentionIndex
from kg.extract.ownership import (
    between,
    joint_subjects,
    part_nouns,
    rivals,
    sales,
    sold_to,
)
from kg.extract.places import (
    chained_places,
    place_descriptions,
    place_in_place,
    place_pairs,
)
from kg.extract.roles import roles
from kg.model import Extraction, Mention
from kg.ontology import Vocabulary

RULES = (roles, verb_relations, appositions, copulas, named, possessives, acronyms, name_changes,
         compound_names, examples, hyphenated_participles, coordinations, part_nouns,
         rivals, between, joint_subjects, sales, sold_to,
         place_pairs, place_of, place_possessives, place_titles, place_descriptions,
         place_descriptions_before, place_in_place, native_places, unhyphenated_participles,
         event_nouns, agent_nouns, instruments,
         chained_places)  # last: it extends what the rules before it found


def extract_paragraph(doc: Doc, vocab: Vocabulary, doc_id: str,
                      offset: int = 0) -> tuple[list[Mention], Found]:
    """Run every rule over one parsed paragraph starting at ``offset`` in its document."""
    index = MentionIndex(doc, vocab, offset)
    found = Found(index, doc_id)
    for rule in RULES:
        rule(index, found)
    for span, cls, weight, reason in index.class_hints():
        found.hint(index.name_mention(span), cls, weight, reason)
    return index.all_names() + found.names, found


def extract_document(doc_id: str, parsed: Iterable[tuple[Doc, int]],
                     vocab: Vocabulary) -> Extraction:
    """Everything read in one document, from its parsed paragraphs and their offsets."""
    mentions: list[Mention] = []
    candidates, aliases, hints = [], [], []
    sentences = 0
    for doc, offset in parsed:
        names, found = extract_paragraph(doc, vocab, doc_id, offset)
        sentences += sum(1 for _ in doc.sents)
        mentions.extend(names)
        candidates.extend(found.candidates)
        aliases.extend(found.aliases)
        hints.extend(found.hints)
    return Extraction(doc_id, sentences, tuple(mentions), tuple(candidates), tuple(aliases),
                      tuple(hints))


def join_extractions(doc_id: str, parts: Iterable[Extraction]) -> Extraction:
    """One document's extraction from those of its paragraphs (or runs of them), in order:
    every rule reads one paragraph, so a document read in pieces gives the same result."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    return Extraction(doc_id, sum(p.sentences for p in parts),
                      tuple(m for p in parts for m in p.mentions),
                      tuple(c for p in parts for c in p.candidates),
                      tuple(a for p in parts for a in p.aliases),
                      tuple(h for p in parts for h in p.hints))
