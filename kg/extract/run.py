"""Read a story: its names and their classes first, then every extraction rule."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from kg.extract.clauses import hyphenated_participles, verb_relations
from kg.extract.credits import credit_line
from kg.extract.cues import with_cues
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
from kg.extract.events import (
    agent_nouns,
    event_nouns,
    instruments,
    introduced_names,
    settlements,
)
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
    owner_titles,
    part_nouns,
    rivals,
    sales,
    set_off_owners,
    sold_to,
)
from kg.extract.places import (
    chained_places,
    place_copulas,
    place_descriptions,
    place_in_place,
    place_pairs,
)
from kg.extract.quotes import quotes
from kg.extract.roles import roles
from kg.extract.shares import gapped_shares, remaining_shares
from kg.extract.story import StoryClasses, join_cut_names, story_firms
from kg.model import Extraction, Mention
from kg.ontology import Vocabulary

RULES = (roles, verb_relations, appositions, copulas, named, possessives, acronyms, name_changes,
         compound_names, examples, hyphenated_participles, coordinations, part_nouns,
         rivals, between, joint_subjects, sales, sold_to, gapped_shares, remaining_shares,
         set_off_owners, owner_titles,
         place_pairs, place_of, place_possessives, place_titles, place_descriptions,
         place_descriptions_before, place_in_place, place_copulas, native_places,
         unhyphenated_participles,
         event_nouns, agent_nouns, instruments, settlements, introduced_names,
         credit_line,  # after the rules it overrules, where it reads a credit line
         chained_places,  # last of the facts: it extends what the rules before it found
         quotes)  # who said what: no fact


def extract_document(doc_id: str, parsed: Iterable[tuple[Doc, int]],
                     vocab: Vocabulary) -> Extraction:
    """Everything read in one story (a document, or a run of its paragraphs), from its parsed
    paragraphs and their offsets. Names first: every paragraph's names are found and the
    story's mentions vote on each name's class; then the rules read the paragraphs."""
    paragraphs = list(parsed)
    indexes = [MentionIndex(doc, vocab, offset) for doc, offset in paragraphs]
    join_cut_names(indexes)
    hints = [index.class_hints() for index in indexes]
    classes = StoryClasses(indexes, hints)
    mentions: list[Mention] = []
    candidates, aliases, type_hints, said = [], [], [], []
    sentences = 0
    # names as the recogniser labelled them (resolution counts those), then the story's
    # classes, for every paragraph before any rule runs: a rule may read the next paragraph
    labelled = [index.all_names() for index in indexes]
    for index in indexes:
        classes.relabel(index)
    firms = story_firms(indexes)
    for i, (index, paragraph_hints, names) in enumerate(
            zip(indexes, hints, labelled, strict=True)):
        found = Found(index, doc_id, indexes[i + 1] if i + 1 < len(indexes) else None, firms)
        for rule in RULES:
            rule(index, found)
        for span, cls, weight, reason, *title in paragraph_hints:
            found.hint(index.name_mention(span), cls, weight, reason, *title)
        sentences += len(index.doc.sentences)
        mentions.extend(names + found.names)
        candidates.extend(with_cues(index, found.candidates))
        aliases.extend(found.aliases)
        type_hints.extend(found.hints)
        said.extend(found.quotes)
    for index in indexes:
        index.doc.release()
    return Extraction(doc_id, sentences, tuple(mentions), tuple(candidates), tuple(aliases),
                      tuple(type_hints), tuple(said))


def join_extractions(doc_id: str, parts: Iterable[Extraction]) -> Extraction:
    """One document's extraction from those of its runs of paragraphs, in order: every
    executor cuts a long document into the same runs (``paragraph_runs``), so a document gives
    the same result whichever reads it."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    return Extraction(doc_id, sum(p.sentences for p in parts),
                      tuple(m for p in parts for m in p.mentions),
                      tuple(c for p in parts for c in p.candidates),
                      tuple(a for p in parts for a in p.aliases),
                      tuple(h for p in parts for h in p.hints),
                      tuple(q for p in parts for q in p.quotes))
