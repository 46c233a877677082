"""The story's classes of its names, decided before any relation rule reads a sentence.

The entity recogniser labels each mention alone, and in news it often gets one wrong: a firm
tagged as a person in one sentence, a product as an organization. A rule gated on the class
("is the object an organization?") then never looks. Here every mention of a name in the story
(a document, or a run of its paragraphs) votes: the recogniser's label, the class its own words
state ("Vexa Labs", "Mr Reed"), a legal suffix, a relative pronoun ("Vexa, which ..."), and a
one-word name votes with the person whose surname it is or the firm whose name it opens. Each
name span then carries the story's class, so the question is asked once per story, not once
per rule.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from kg.extract.mentions import HINT_WEIGHT, ClassHint, MentionIndex, name_spans, span_text
from kg.extract.names import NameSpan, craft_shape
from kg.extract.words import Token
from kg.names import initials
from kg.votes import SUFFIX_WEIGHT, best_class, class_scores

# A recogniser's label is overruled only by this much more evidence for another class: one
# stated cue (a title, a suffix, "which") against a label seen once.
MARGIN = HINT_WEIGHT


@lru_cache(maxsize=4096)  # asked of each name of a story again and again
def story_key(text: str) -> str:
    """A name's key within one story: case, a leading article, possessive and punctuation left
    out.

    >>> story_key("The Vexa Corp.'s"), story_key("VEXA CORP")
    ('vexa corp', 'vexa corp')
    """
    text = re.sub(r"['’]s\b", "", text.lower())
    words = re.findall(r"\w+", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def join_cut_names(indexes: Sequence[MentionIndex]) -> None:
    """"Hoechst Quill Corp ... Hoechst Quill said": the recogniser sometimes cuts a name in two
    adjacent names ("Hoechst" an organization, "Quill" a nationality) that the story writes
    whole elsewhere, as one name or as that name with a legal suffix: the two are one name."""
    whole: dict[str, str] = {}  # the key of a name of several words read whole -> its class
    for index in indexes:
        for span in name_spans(index):
            if span.end - span.start < 2:
                continue
            words = story_key(span_text(index, span)).split()
            whole.setdefault(" ".join(words), span.label)
            if len(words) > 2 and index.vocab.name_suffixes.get(words[-1]):
                whole.setdefault(" ".join(words[:-1]), span.label)
    if not whole:
        return
    for index in indexes:
        spans = name_spans(index)
        previous: NameSpan | None = None
        for span in spans:
            if previous is not None and previous.end == span.start and \
                    not index.tokens[previous.end - 1].is_punct:
                key = story_key(index.text(previous.start, span.end))
                if key in whole:
                    previous = index.join(previous, span, whole[key])
                    continue
            previous = span


def story_firms(indexes: Sequence[MentionIndex]) -> frozenset[str]:
    """The first words of the story's organizations named by that word and a legal suffix
    ("Vexa Corp."), or by that word alone where the story shows it is a firm's
    (``company_sign``: "Vexa said", "the Vexa company", "Vexa's chief executive"), and the
    initials of the others ("QMD" of "Quill Micro Devices Inc."): the makers a product's name
    may open with. Not a product line the recogniser calls an organization ("the Zephyr Pro
    runs faster than the Zephyr Lite": Zephyr makes neither)."""
    firms = set()
    for index in indexes:
        for span in name_spans(index):
            if span.label != "Organization":
                continue
            text = span_text(index, span)
            words = story_key(text).split()
            if len(words) > 1 and all(index.vocab.name_suffixes.get(w) == "Organization"
                                      for w in words[1:]):
                firms.add(index.doc[span.start].text)
            elif len(words) == 1:
                if company_sign(index, span):
                    firms.add(index.doc[span.start].text)
            else:
                firms.update(i for i in initials(text) if len(i) > 1)
    return frozenset(firms)


def company_sign(index: MentionIndex, span: NameSpan) -> bool:
    """Whether this mention of a name shows it is a firm's: the subject of a firm's verb
    (``kg:companyVerb``: "Vexa said", "Vexa hired"), set beside a firm's noun ("the Vexa
    company", "chip maker Vexa", "Vexa, the maker of ..."), or the possessor or modifier of a
    firm's noun, a share or a post ("Vexa's board", "Vexa shares", "a Vexa spokesman", "Vexa's
    chief executive"), or listed after a firm's noun ("companies like Orbis and Vexa"). A
    product line has none ("the new Zephyr models")."""
    vocab = index.vocab
    token = index.doc[span.end - 1]
    head = token.head
    if token.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and \
            head.lemma_.lower() in vocab.company_verbs:
        return True
    for child in token.children:
        if child.dep_ in ("compound", "appos", "amod", "nmod") and \
                child.pos_ in ("NOUN", "ADJ") and \
                _firm_noun(index, child):
            return True  # "chip maker Vexa", "Vexa, the maker", "rival Vexa"
    after = index.doc[span.end] if span.end < len(index.doc) else None
    owned = after is not None and after.tag_ == "POS"
    if (token.dep_ in ("poss", "compound", "nmod") or owned) and head.i > token.i and \
            head.pos_ == "NOUN":
        lemma = head.lemma_.lower()
        # "Vexa's chief executive", "a Vexa employee", "a Vexa Vice President"
        post = vocab.noun_class(head) == "Person" and lemma in vocab.role_nouns
        return post or _firm_noun(index, head) or lemma in vocab.share_nouns or \
            head.lower_ in vocab.speaker_nouns or lemma in vocab.speaker_nouns
    if token.dep_ == "appos" and head.pos_ == "NOUN" and _firm_noun(index, head):
        return True  # "the maker, Vexa"
    first = token
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    # "companies like Orbis and Vexa", "rivals such as Vexa"
    return first.dep_ == "pobj" and first.head.lower_ in ("like", "as") and \
        _firm_noun(index, first.head.head)


def _firm_noun(index: MentionIndex, noun: Token) -> bool:
    """A noun of a firm ("company", "maker", "bank"), not one a big man may be called
    ("giant")."""
    lemma = noun.lemma_.lower()
    return index.vocab.noun_class(noun) == "Organization" and \
        lemma not in index.vocab.figurative_nouns


class StoryClasses:
    """Class votes of every name of a story, from the mention indexes of its paragraphs."""

    def __init__(self, indexes: Sequence[MentionIndex],
                 hints: Sequence[list[ClassHint]]) -> None:
        self.ner: dict[str, Counter[str]] = defaultdict(Counter)
        self.votes: dict[str, Counter[str]] = defaultdict(Counter)
        self.suffixed: dict[str, set[str]] = defaultdict(set)
        persons: dict[str, set[str]] = defaultdict(set)  # surname -> full names' keys
        firms: dict[str, set[str]] = defaultdict(set)  # first word -> suffixed names' keys
        crafts: Counter[str] = Counter()  # "SpaceShipOne" called an organization's, each time
        signed: set[str] = set()  # names a mention shows are a firm's (``company_sign``)
        for index, paragraph_hints in zip(indexes, hints, strict=True):
            for span in set(index.by_token.values()):
                key = story_key(span_text(index, span))
                if not key:
                    continue
                if span.label:
                    self.ner[key][span.label] += 1
                if span.end - span.start == 1 and span.label == "Organization" and \
                        craft_shape(index.doc[span.start].text):
                    crafts[key] += 1
                    if company_sign(index, span):
                        signed.add(key)
                words = key.split()
                suffix = index.vocab.name_suffixes.get(words[-1]) if len(words) > 1 else None
                if suffix:
                    self.votes[key][suffix] += SUFFIX_WEIGHT
                    self.suffixed[key].add(suffix)
                    if suffix == "Organization":
                        firms[words[0]].add(key)
                if span.label == "Person" and len(words) > 1:
                    persons[words[-1]].add(key)
            for span, cls, weight, *_ in paragraph_hints:
                self.votes[story_key(span_text(index, span))][cls] += weight
        # "Ana Quell ... Quell said", "Vexa Corp ... Vexa said": a one-word name is the
        # person whose surname it is, or the firm whose name it opens, when the story has one
        # such long form and not both kinds (its own votes still count); a person's surname
        # written in several full names ("Ron Quell, aka Dr. Ana Quell") is a person's still,
        # each full name a vote
        self.long_form: dict[str, tuple[str, ...]] = {
            word: tuple(sorted(keys)) for word, keys in persons.items() if word not in firms}
        self.long_form.update({word: tuple(keys) for word, keys in firms.items()
                               if len(keys) == 1 and word not in persons})
        # "the rocketplane SpaceShipOne": a name written as crafts and products are, which the
        # story never gives a firm's sign (a suffix, a firm's noun or verb), is a product's
        # whatever the recogniser said: at each mention a suffix's weight and the margin
        # that overrules a label
        self.crafts = frozenset(
            key for key in crafts if key not in signed and key not in self.long_form and
            self.votes.get(key, {}).get("Organization", 0.0) <= 0)
        for key in self.crafts:
            self.votes[key]["Product"] += (SUFFIX_WEIGHT + MARGIN) * crafts[key]

    def _scores(self, key: str) -> dict[str, float]:
        """Evidence per class (``kg.votes.class_scores``) of a name and of its long form,
        whose class counts as stated: the story named this one thing in full."""
        scores = class_scores(self.votes.get(key, {}), self.ner.get(key, {}))
        for long_key in self.long_form.get(key, ()):
            long = self._scores(long_key)
            if long:
                top = best_class(long)
                scores[top] = scores.get(top, 0.0) + HINT_WEIGHT
            for label, weight in class_scores(self.votes.get(long_key, {}),
                                              self.ner.get(long_key, {})).items():
                scores[label] = scores.get(label, 0.0) + weight
        return scores

    def decide(self, text: str, own: str) -> str:
        """The class a mention of ``text`` labelled ``own`` by the recogniser is read as: the
        story's, when its evidence beats ``own``'s by ``MARGIN`` (or ``own`` is empty)."""
        key = story_key(text)
        scores = self._scores(key)
        if not scores:
            return own
        # where the recogniser labelled some mention of the name, the class is one it or a
        # legal suffix gave: cues of its context ("the Vexa model") weigh between those, and
        # decide alone only for a name the recogniser never labelled
        keys = (key, *self.long_form.get(key, ()))
        supported = {c for k in keys for c in (*self.ner.get(k, ()), *self.suffixed.get(k, ()))}
        if key in self.crafts:
            supported.add("Product")
        if supported:
            scores = {c: v for c, v in scores.items() if c in supported}
        if not scores or max(scores.values()) <= 0:
            return own
        top = best_class(scores)
        best = scores[top]
        if top == own or (own and best - scores.get(own, 0.0) < MARGIN):
            return own
        return top

    def relabel(self, index: MentionIndex) -> None:
        """Give each name span of a paragraph the story's class."""
        relabelled = {}
        for span in set(index.by_token.values()):
            label = self.decide(span_text(index, span), span.label)
            if label != span.label:
                relabelled[span] = NameSpan(span.start, span.end, label)
        if relabelled:
            index.relabel(relabelled)
