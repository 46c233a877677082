"""Open information extraction for benchmarks: (subject, relation, object) as text spans.

The knowledge-graph rules keep only facts about entities; benchmark sentences ("He served as
the first Prime Minister") need every clause, with arguments as written. This module reuses the
clause analysis of ``clauses`` and prints arguments as the words of their subtrees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.extract.clauses import _subjects, conjuncts
from kg.extract.modality import HEDGES
from kg.extract.words import Doc as Words

CLAUSE_CUT = frozenset({"relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj", "appos"})


@dataclass(frozen=True, slots=True)
class OpenTriple:
    sentence: str
    confidence: float
    subject: str
    relation: str
    object: str


def _phrase(token: Token, cut: frozenset[str] = CLAUSE_CUT) -> str:
    """The token's subtree without clauses hanging off it, as text."""
    keep = []
    stack = [token]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in cut and not
                     (c.dep_ == "prep" and t.pos_ in ("VERB", "AUX")))
    keep.sort(key=lambda t: t.i)
    return " ".join(t.text for t in keep)


def _relation_words(verb: Token) -> list[Token]:
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")
             and c.lower_ not in ("to",)]
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        # "wants to buy X": the governing verb is part of the relation
        words += _relation_words(verb.head) + [c for c in verb.children if c.lower_ == "to"]
    words.append(verb)
    words += [c for c in verb.children if c.dep_ == "prt"]
    return sorted(words, key=lambda t: t.i)


def open_triples(sent: Span) -> Iterator[OpenTriple]:
    """Every verb and copula clause of a sentence with its subject and objects."""
    text = sent.text.strip()
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass", "amod"):
            continue
        subjects, rule = _subjects(verb)
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects and passive:
            subjects, rule = passive, "passive"
        if not subjects:
            continue
        relation = _relation_words(verb)
        hedged = any(w.lower_ in HEDGES for w in relation)
        confidence = (0.9 if rule in ("verb", "passive") else 0.7) * (0.8 if hedged else 1)
        rel = " ".join(w.text for w in relation)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "oprd")]
        preps = [c for c in verb.children if c.dep_ in ("prep", "agent")
                 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
        for s in subjects:
            subject = _phrase(s)
            for o in objects:
                for member in conjuncts(o):
                    yield OpenTriple(text, round(confidence, 3), subject, rel, _phrase(member))
            for p in preps:
                pobj = next(g for g in p.children if g.dep_ in ("pobj", "pcomp"))
                target = _phrase(pobj)
                if objects:
                    yield OpenTriple(text, round(confidence * 0.8, 3), subject,
                                     f"{rel} {_phrase(objects[0])} {p.text}", target)
                else:
                    yield OpenTriple(text, round(confidence * 0.9, 3), subject,
                                     f"{rel} {p.text}", target)
            if not objects and not preps and passive:
                yield OpenTriple(text, round(confidence * 0.7, 3), subject, rel, "")


def appositive_triples(sent: Span) -> Iterator[OpenTriple]:
    """"Bill Gates, the founder of Microsoft, ..." → (Bill Gates, is, the founder of Microsoft)."""
    text = sent.text.strip()
    for token in sent:
        if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN") and \
                token.pos_ in ("PROPN", "NOUN"):
            head = _phrase(token.head, CLAUSE_CUT | {"prep"})
            yield OpenTriple(text, 0.6, head, "is", _phrase(token))


def document_triples(doc: Doc) -> Iterator[OpenTriple]:
    for sent in Words(doc).sents:
        yield from _triples(sent)


def sentence_triples(sent: Span) -> Iterator[OpenTriple]:
    """Clause and apposition triples of one sentence (or of any span read as one)."""
    yield from _triples(Words(sent.doc)[sent.start:sent.end])


def _triples(sent: Any) -> Iterator[OpenTriple]:
    # read as the rules read a paragraph (``kg.extract.words``), whose functions it calls: the
    # compiled build's rules take no spaCy token
    yield from open_triples(sent)
    yield from appositive_triples(sent)
