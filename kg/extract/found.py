"""Collects what the rules find in one paragraph, with evidence pointing at its sentence."""

from __future__ import annotations

from kg.extract.mentions import MentionIndex
from kg.extract.times import time_phrase
from kg.extract.words import Span, Token
from kg.model import Alias, Candidate, Evidence, Mention, MentionKind, Quote, TypeHint


def describing_noun(text: str) -> str:
    """The noun of a stated class that a later description can repeat ("Vexa, the maker ...
    the maker"): one lower-case word, or "".

    >>> describing_noun("maker"), describing_noun("chief executive")
    ('maker', '')
    """
    return text if text.isalpha() and text.islower() else ""


def part_of_another(index: MentionIndex, noun: Token) -> bool:
    """"the union's Vexa Motors department": a noun of a part that deals with the name set
    before it (``kg:dealingNoun``), which a named possessor has: the name is neither the
    possessor's part nor the one it belongs to ("its Vexa Trading department", a pronoun's,
    is its own part so named)."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in index.vocab.dealing_nouns and any(
        c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children)


class Found:
    """The candidates, aliases, type hints and quotes of one paragraph."""

    def __init__(self, index: MentionIndex, doc_id: str,
                 following: MentionIndex | None = None,
                 firms: frozenset[str] = frozenset()) -> None:
        self.index = index
        self.following = following  # the next paragraph of the story, if any
        self.firms = firms  # the story's organizations' first words or initials (story_firms)
        self.doc_id = doc_id
        self.candidates: list[Candidate] = []
        self.aliases: list[Alias] = []
        self.hints: list[TypeHint] = []
        self.quotes: list[Quote] = []  # see ``kg.extract.quotes``
        self.titled: set[int] = set()  # start offsets of people whose title was read
        self.names: list[Mention] = []  # names the text implies ("Swiss" names Switzerland)
        self._sentence_text: dict[int, tuple[int, int, str]] = {}

    def evidence(self, token: Token, rule: str, confidence: float,
                 modality: str = "asserted") -> Evidence:
        sent = self.index.sentence(token)
        start, end, text = self._sentence_text.get(sent.start) or self._read(sent)
        return Evidence(self.doc_id, start, end, text, rule, round(confidence, 3), modality,
                        time_phrase(token, sent))

    def _read(self, sent: Span) -> tuple[int, int, str]:
        """A sentence's offsets in the document and its text, read once for its facts."""
        offset = self.index.offset
        found = (offset + sent.start_char, offset + sent.end_char, sent.text.strip())
        self._sentence_text[sent.start] = found
        return found

    def relation(self, subject: Mention, relation: str, obj: Mention, token: Token, rule: str,
                 confidence: float, canonical: bool = True, modality: str = "asserted") -> None:
        self.candidates.append(Candidate(
            subject, relation, obj, self.evidence(token, rule, confidence, modality), canonical))

    def literal(self, subject: Mention, relation: str, value: str, token: Token, rule: str,
                confidence: float, modality: str = "asserted") -> None:
        value = " ".join(value.split())
        if value:
            obj = Mention(value, subject.start, subject.end, "", MentionKind.LITERAL)
            self.relation(subject, relation, obj, token, rule, confidence, modality=modality)

    def alias(self, first: Mention, second: Mention, reason: str) -> None:
        self.aliases.append(Alias(first, second, reason))

    def name(self, mention: Mention) -> None:
        self.names.append(mention)

    def hint(self, mention: Mention, label: str, weight: float, reason: str,
             noun: str = "") -> None:
        self.hints.append(TypeHint(mention, label, weight, reason, noun))
