"""Find what the words of a parsed paragraph refer to: names, pronouns, descriptions, concepts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from spacy import tokens as spacy

from kg.extract.names import NUMBERED, NameFinder, NameSpan, _model_code, version_number
from kg.extract.words import Doc, Span, Token
from kg.gazetteer import REGION_NOUNS
from kg.model import Mention, MentionKind
from kg.names import titled
from kg.ontology import CONCEPT, Vocabulary

T = TypeVar("T")
PRONOUNS = {  # pronoun -> (class it may refer to, number); "" = any non-person class
    "it": ("", "sg"), "its": ("", "sg"), "itself": ("", "sg"),
    "he": ("Person", "sg"), "him": ("Person", "sg"), "his": ("Person", "sg"),
    "she": ("Person", "sg"), "her": ("Person", "sg"),
}
DEFINITE = frozenset({"the", "this", "that"})
# "the new model" is not the model named before: it introduces another one ("the combined
# firm" is neither of the two that merge).
NOVELTY = frozenset({"new", "next", "upcoming", "future", "forthcoming", "planned", "another",
                     "combined", "merged", "resulting", "enlarged"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_UNNAMED = object()  # marks a pronoun that refers to something the text does not name
# (span, class, weight, reason[, the title that states it: "mr" of "Mr Reed"])
ClassHint = tuple[NameSpan, str, float, str] | tuple[NameSpan, str, float, str, str]
HINT_WEIGHT = 1.5  # a class a name's own words or its neighbours state
# Verbs whose subject "it" is often no one ("it was a good day", "it made sense").
EMPTY_VERBS = frozenset({"be", "seem", "appear", "look", "sound", "feel", "happen", "remain",
                         "matter", "mean", "make", "take"})
# Modifiers that make a noun phrase's label; everything else (determiners, numbers, clauses,
# prepositional phrases) is left out of a concept's name.
PHRASE_DEPS = frozenset({"compound", "amod", "nmod"})
# Words that single out one of many ("..., especially the Vexa II"): what they open is an
# example of the noun before it, not another name for it
FOCUS_WORDS = frozenset({"especially", "particularly", "notably", "mainly", "chiefly",
                         "mostly", "including"})


def focused(token: Token) -> bool:
    """Whether a phrase the parser set beside a noun opens with a word that singles it out
    among many ("officials praised both models, especially the Vexa II")."""
    return any(c.lower_ in FOCUS_WORDS and c.i < token.i for c in token.children)


def subjectless(verb: Token) -> bool:
    """Whether the parser gave a verb no subject of its own (one it hung elsewhere)."""
    return not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def fronted_subject(head: Token, token: Token) -> bool:
    """"In a filing with the agency, the group, led by Vexa, said ...": a phrase set off after
    a sentence's opening prepositional phrase whose verb has no subject is that verb's
    subject, which the parser hung on the last noun of the opening phrase; it describes
    nothing in that phrase."""
    first, later = sorted((head, token), key=lambda t: t.i)
    opener = first.sent[0]
    verb = opener.head
    step = first
    while step.i != opener.i and step.dep_ in ("pobj", "prep", "pcomp") and \
            step.head.i != step.i:
        step = step.head  # the opening phrase's own noun, not one of a clause or an
        # apposition inside it ("In a filing, Vexa, owned by Jo Park, a banker, said")
    return step.i == opener.i and opener.dep_ == "prep" and opener.pos_ == "ADP" and \
        verb.pos_ in ("VERB", "AUX") and verb.i > later.i and \
        later.left_edge.i > 0 and first.doc[later.left_edge.i - 1].text == "," and \
        subjectless(verb)


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can be read as an abbreviation of ``long``: the same first letter and
    its letters in order in the long form.

    >>> abbreviates("MS", "Microsoft"), abbreviates("WSJ", "Wall Street Journal")
    (True, True)
    >>> abbreviates("AI", "Meta")
    False
    """
    letters = [c for c in long.lower() if c.isalnum()]
    short = short.lower()
    if not letters or letters[0] != short[0]:
        return False
    pos = 0
    for ch in short:
        while pos < len(letters) and letters[pos] != ch:
            pos += 1
        if pos == len(letters):
            return False
        pos += 1
    return True


def _expletive(pronoun: Token) -> bool:
    """"it is possible to ...", "it is unclear whether ...": an "it" that stands for the
    clause after it, not for a thing named before. Not "it is able to buy ...", where the
    parser hangs the infinitive on the adjective, and "it" is the buyer."""
    verb = pronoun.head
    if pronoun.lower_ != "it" or pronoun.dep_ != "nsubj" or (
            verb.lemma_ not in ("be", "seem", "appear", "become", "remain", "look") and
            verb.norm_ != "'s"):  # the tagger does not lemmatise "it’s"
        return False
    states = [c for c in verb.children if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"]
    later = [c for t in (verb, *states) for c in t.children if c.i > pronoun.i]
    return bool(states) and any(c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.head == verb)
                                for c in later)


class MentionIndex:
    """Name spans of one parsed paragraph, and a way to turn any argument token into a mention.

    ``offset`` is the paragraph's character offset in the document.
    """

    def __init__(self, parsed: spacy.Doc, vocab: Vocabulary, offset: int) -> None:
        # the paragraph as the rules read it: each token made once, its attributes read once
        self.doc = Doc(parsed)
        self.vocab = vocab
        self.offset = offset
        self.finder = NameFinder(self.doc, vocab)
        self.tokens: tuple[Token, ...] = self.doc.words
        self.text_of_doc = self.doc.text
        self.by_token: dict[int, NameSpan] = {}
        self._read: dict[Callable[[MentionIndex], Any], Any] = {}  # see ``per_paragraph``
        spans = self.finder.spans()
        for span in spans:
            for i in range(span.start, span.end):
                self.by_token[i] = span
        for span in spans:  # "Vexa Corp. VXA.O said": the parser may head the name by its code
            if span.end < len(self.tokens) and span.end not in self.by_token and \
                    self.finder.ticker(span.end):
                self.by_token[span.end] = span

    def sentence(self, token: Token) -> Span:
        """``token.sent``."""
        return token.sent

    # --- names ----------------------------------------------------------------------------
    def _name_class(self, last: Token) -> str | None:
        """The class the last word of a name says ("Stanford University", "Vexa Labs"). The
        tagger gives a proper noun its own form as lemma; a plural ends the names of companies
        ("Vexa Labs", "Vexa Systems", "Vexa Devices"), where a singular may name a product.
        Some words end names of one class whatever they are as nouns ("Vexa Software")."""
        cls = self.vocab.name_heads.get(last.lower_) or self.vocab.noun_class(last)
        if cls is None and last.pos_ == "PROPN" and last.lower_.endswith("s") and \
                self.vocab.class_nouns.get(last.lower_[:-1]) in ("Organization", "Product"):
            return "Organization"
        return cls

    def name(self, token: Token) -> NameSpan | None:
        return self.by_token.get(token.i)

    def relabel(self, spans: dict[NameSpan, NameSpan]) -> None:
        """Replace name spans by the same spans of another class (the story's)."""
        for i, span in self.by_token.items():
            if span in spans:
                self.by_token[i] = spans[span]
        self._read.clear()

    def join(self, first: NameSpan, second: NameSpan, label: str) -> NameSpan:
        """Make two adjacent name spans one name of class ``label``."""
        joined = NameSpan(first.start, second.end, label)
        for i in range(first.start, second.end):
            self.by_token[i] = joined
        self._read.clear()
        return joined

    def per_paragraph(self, reading: Callable[[MentionIndex], T]) -> T:
        """``reading(self)``, read once for the paragraph (again after a relabel): what several
        rules ask of the same paragraph. The result is shared, not to be changed."""
        if reading not in self._read:
            self._read[reading] = reading(self)
        return self._read[reading]

    # --- mentions -------------------------------------------------------------------------
    def mention(self, start: int, end: int, label: str, kind: MentionKind,
                number: str = "sg") -> Mention:
        first, last = self.chars(start, end)
        return Mention(text=self.text_of_doc[first:last], start=self.offset + first,
                       end=self.offset + last, label=label, kind=kind, number=number)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """The character offsets of tokens ``start`` to ``end`` (exclusive) in the paragraph,
        read off the tokens: a slice of the Doc makes a Span, which costs far more."""
        if start >= end:
            span = self.doc[start:end]
            return span.start_char, span.end_char
        last = self.tokens[end - 1]
        return self.tokens[start].idx, last.idx + len(last)

    def text(self, start: int, end: int) -> str:
        """The text of tokens ``start`` to ``end`` (exclusive), as ``doc[start:end].text``."""
        first, last = self.chars(start, end)
        return self.text_of_doc[first:last]

    def name_mention(self, span: NameSpan) -> Mention:
        return self.mention(span.start, span.end, span.label, MentionKind.NAME)

    def all_names(self) -> list[Mention]:
        seen = sorted({(s.start, s.end, s.label) for s in self.by_token.values()})
        return [self.name_mention(NameSpan(*s)) for s in seen]

    def argument(self, token: Token, allow_concept: bool = True) -> Mention | None:
        """The mention a relation argument refers to: a name, a pronoun, a definite
        description or (if allowed) the noun phrase as a concept."""
        span = self.name(token)
        if span is not None:
            return self.name_mention(span)
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in PRONOUNS:
                if _expletive(token) or self._thing_before(token):
                    return None  # "it is possible to ...": no antecedent
                label, number = PRONOUNS[lower]
                local = self._sentence_subject(token, label)
                if isinstance(local, Mention):
                    return local
                if local is not None:
                    return None if local is _UNNAMED else self.name_mention(local)
                return self.mention(token.i, token.i + 1, label, MentionKind.PRONOUN, number)
            return None
        if token.dep_ == "appos" and self.name(token.head) is not None and \
                not fronted_subject(token.head, token):
            # "Tatsunori Hashimo, the Stanford professor leading the project"
            return self.name_mention(self.name(token.head))
        if lower in ("latter", "former") and token.pos_ in ("NOUN", "ADJ", "PROPN") and \
                any(c.lower_ == "the" for c in token.children):
            listed = self._last_list(token)  # "AOL and Yahoo ... The latter bought X"
            if listed:
                return self.name_mention(listed[-1] if lower == "latter" else listed[0])
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        inner = self.named_head(token) or self.called(token) or self.appositive_name(token)
        if inner is not None:
            return self.name_mention(inner)
        dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
        noun_class = self.vocab.noun_class(token)
        definite = any(d in DEFINITE for d in dets)
        if definite and (named := self._named_before(token)) is not None:
            return self.name_mention(named)
        if definite and (earlier := self._introduced(token)) is not None:
            if not allow_concept:
                return None
            start, end, text = self.phrase(earlier)
            found = self.mention(start, end, CONCEPT, MentionKind.CONCEPT)
            return Mention(text, found.start, found.end, CONCEPT, MentionKind.CONCEPT)
        novel = any(c.dep_ == "amod" and c.lower_ in NOVELTY for c in token.children)
        if noun_class and definite and noun_class != CONCEPT and not novel:
            # "the software and hardware" is a group, as a plural is
            grouped = token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)
            number = "pl" if token.tag_ in ("NNS", "NNPS") or grouped else "sg"
            start, end, _ = self.phrase(token)
            return self.mention(start, end, noun_class, MentionKind.DESCRIPTION, number)
        if not allow_concept or token.pos_ != "NOUN" or \
                any(d in DEMONSTRATIVES for d in dets):
            return None  # "this process": only its context says what it is
        start, end, text = self.phrase(token)
        found = self.mention(start, end, CONCEPT, MentionKind.CONCEPT)
        return Mention(text, found.start, found.end, CONCEPT, MentionKind.CONCEPT)

    def _previous_subject(self, pronoun: Token) -> NameSpan | Mention | object | None:
        """"Orbis said it bought Vexa. It also acquired Quanta": a sentence's subject "it"
        carries on the subject of the sentence before, when that is a name that can be "it"
        (the main clause's, else the last clause's), or a description of one ("The firm grew.
        It ..."); ``_UNNAMED`` when that subject is a thing the text does not name ("The deal
        closed. It ...", "Ana Ruiz's company grew. It ...")."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.sent.start == 0:
            return None
        before = self.doc[pronoun.sent.start - 1].sent
        subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass")]
        main = [t for t in subjects if t.head.i == before.root.i]
        for subject in main[-1:] or subjects[-1:]:
            span = self.name(subject)
            if span is not None and span.label in ("Organization", "Product", ""):
                return span
            if span is None and subject.pos_ == "NOUN" and subject.tag_ == "NN" and \
                    not any(t.lower_ == "it" for t in subjects):  # "X changed and it grew"
                return self._unnamed_subject(subject)
        return None

    def _unnamed_subject(self, subject: Token) -> Mention | object | None:
        """What a singular common-noun subject of the sentence before stands for, to a later
        "it": a description of a named thing, ``_UNNAMED`` for a thing without a name (no name
        in its phrase, or a person's: "Ana Ruiz's company"), None when a name or an owner in
        its phrase may be what "it" means ("Vexa's profit rose. It said ...")."""
        if self.vocab.noun_class(subject) == "Person":
            return None
        described = self.argument(subject, allow_concept=False)
        if described is not None and described.label != "Person" and described.kind in (
                MentionKind.DESCRIPTION, MentionKind.NAME):  # "The service, Vexa Go, ..."
            return described
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is None:
            named = any(self.name(t) is not None for t in subject.subtree)
            return None if named else _UNNAMED
        span = self.name(owner)
        if span is not None and span.label == "Person" and \
                self.vocab.noun_class(subject) == "Organization":
            return _UNNAMED
        return None  # "The company's backlog grew. It ...": whose it is may be "it"

    def _last_list(self, token: Token) -> list[NameSpan]:
        """The names of the last list of names before ``token`` in the paragraph."""
        for t in reversed(self.doc[: token.i]):
            if t.dep_ == "conj" and self.name(t) is not None and self.name(t.head) is not None:
                first = t.head
                while first.dep_ == "conj" and self.name(first.head) is not None:
                    first = first.head
                spans: list[NameSpan] = []
                for member in [first, *(c for c in first.subtree if c.dep_ == "conj")]:
                    span = self.name(member)
                    if span is not None and span not in spans:
                        spans.append(span)
                return sorted(spans, key=lambda s: s.start)
        return []

    def _sentence_subject(self, pronoun: Token,
                          label: str) -> NameSpan | Mention | object | None:
        """The subject of an earlier clause of the pronoun's sentence, which a later "it"
        usually refers to ("When Llama 2 was released, it attracted ..."): its name span or
        description, ``_UNNAMED`` if it is a common noun ("the timing ... as it aligns"), or None
        if the sentence has none and the pronoun reaches back to earlier sentences."""
        if label == "Person":
            return self._person_subject(pronoun)
        sent = pronoun.sent
        subjects = [t for t in sent if t.i < pronoun.i and t.dep_ in ("nsubj", "nsubjpass")
                    and t.head.i != pronoun.head.i]
        if not subjects:
            return self._previous_subject(pronoun)
        # a pronoun in a subordinate clause refers back to the main clause's subject ("Meta
        # believes people will help as it competes"); a main-clause pronoun to the subject of
        # the clause before it ("When Llama 2 was released, it ...")
        main = [t for t in subjects if t.head.i == sent.root.i]
        subject = main[-1] if main and pronoun.head.i != sent.root.i else subjects[-1]
        # but first the subject of the clause the pronoun's own clause hangs on, when it can
        # be "it": singular, no person ("Ms Roe says the firm negotiates when it ...")
        for clause in (a for a in pronoun.head.ancestors if a.pos_ in ("VERB", "AUX")):
            near = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.i < pronoun.i), None)
            if near is None:
                continue
            near_span = self.name(near)
            if near.tag_ not in ("NNS", "NNPS") and near.lower_ not in PRONOUNS and not (
                    near_span is not None and near_span.label == "Person") and \
                    self.vocab.noun_class(near) != "Person":
                subject = near
            break
        span = self.name(subject)
        if span is not None and (span.label in ("", "Organization", "Product", "Thing") or
                                 subject.dep_ == "nsubjpass"):
            return span  # "When Llama 2 was released, it ...": whatever the recogniser says
        if span is not None:
            # the entity recogniser's class may be wrong ("Widget Pro" as a person): let the
            # resolver decide, looking back from that name
            found = self.mention(span.start, span.end, label, MentionKind.PRONOUN)
            return Mention(pronoun.text, found.end, found.end, label, MentionKind.PRONOUN)
        if subject.pos_ != "NOUN" or subject.tag_ == "NNS":
            return None  # "Scores of veterans left the company since it was ...": not "it"
        described = self.argument(subject, allow_concept=False)
        if described is not None and described.kind == MentionKind.DESCRIPTION and \
                described.label != "Person":
            return described  # "The chatbot was a success, and it sparked competition"
        return _UNNAMED if described is None else None

    def _thing_before(self, pronoun: Token) -> bool:
        """"tests the software before shipping it": an object "it" whose sentence names a
        singular thing after its last name refers to that thing, not to a name before."""
        if pronoun.lower_ != "it" or pronoun.dep_ not in ("dobj", "pobj", "dative"):
            return False
        for t in reversed(self.doc[pronoun.sent.start:pronoun.i]):
            if self.name(t) is not None:
                return False
            if t.pos_ == "NOUN" and t.tag_ == "NN" and \
                    t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj"):
                return True
        return False

    def _person_subject(self, pronoun: Token) -> Mention | object | None:
        """"the caller phoned and said he had ...": a "he" or "she" whose clause hangs on a
        clause with an unnamed person as subject is that person (``_UNNAMED``), or what a
        description of one refers to; None (left to resolution) otherwise."""
        for clause in (a for a in pronoun.head.ancestors if a.pos_ in ("VERB", "AUX")):
            near = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.i < pronoun.i), None)
            if near is None:
                continue
            if self.name(near) is not None or near.pos_ != "NOUN" or near.tag_ != "NN" or \
                    self.vocab.noun_class(near) != "Person":
                return None
            described = self.argument(near, allow_concept=False)
            if described is None:
                return _UNNAMED
            return described if described.kind == MentionKind.DESCRIPTION else None
        return None

    def _named_before(self, token: Token) -> NameSpan | None:
        """"his consulting firm of Vexa Partners ... He left the firm", "the newspaper Quill
        Times ... quoted by the newspaper": a definite description that repeats the noun a name
        was introduced with earlier in the paragraph is that name."""
        for earlier in reversed(self.doc[: token.i]):
            if earlier.lemma_ != token.lemma_ or earlier.pos_ != "NOUN":
                continue
            if earlier.dep_ in ("compound", "nmod") and self.name(earlier) is None and \
                    self.name(earlier.head) is not None:
                return self.name(earlier.head)  # "the newspaper Quill Times"
            if earlier.dep_ == "appos" and self.name(earlier.head) is not None:
                return self.name(earlier.head)  # "Vexa, the chip firm"
            for child in earlier.children:
                if child.dep_ == "appos" and self.name(child) is not None:
                    return self.name(child)  # "the firm, Vexa Partners"
                if child.dep_ == "prep" and child.lower_ == "of" and \
                        f"{earlier.lemma_.lower()} of" not in self.vocab.relation_nouns:
                    named = [g for g in child.children if g.dep_ == "pobj" and
                             self.name(g) is not None]
                    if named:
                        return self.name(named[0])  # "the firm of Vexa Partners"
            return None
        return None

    def _introduced(self, token: Token) -> Token | None:
        """"their own AI system ... the system": the unnamed thing an earlier indefinite noun
        phrase with the same head introduced, which a definite description then repeats."""
        for earlier in reversed(self.doc[: token.i]):
            if earlier.lemma_ != token.lemma_ or earlier.pos_ != "NOUN":
                continue
            if self.named_head(earlier) or self.called(earlier) or self.appositive_name(earlier):
                return None
            dets = {c.lower_ for c in earlier.children if c.dep_ in ("det", "poss")}
            if dets & DEFINITE:
                continue  # a repetition itself: look further back
            return earlier if dets and not dets & {"its", "his", "her"} else None
        return None

    def _spells_words_before(self, span: NameSpan) -> bool:
        """Whether a bracketed acronym abbreviates the words just before its bracket."""
        short = self.doc[span.start:span.end].text
        words = [t.text for t in self.doc[max(0, span.start - 1 - len(short)):span.start - 1]
                 if t.is_alpha]
        return any(abbreviates(short, " ".join(words[i:])) and
                   len(words) - i >= len(short) // 2 for i in range(len(words)))

    def named_head(self, token: Token) -> NameSpan | None:
        """"the company's language model LLaMA", "an ... (MMS) AI model": a product noun whose
        compound or apposition is a single name stands for that name."""
        if self.vocab.noun_class(token) == "Organization":
            return self._named_organization(token)
        if self.vocab.noun_class(token) != "Product":
            appositions = [c for c in token.children if c.dep_ == "appos"]
            if not any(self.vocab.noun_class(a) == "Product"
                       for a in appositions):
                return None
        found: set[NameSpan] = set()
        possessed = any(c.dep_ == "poss" for c in token.children)
        stack = [c for c in token.children if c.dep_ in ("compound", "nmod", "appos")]
        while stack:
            child = stack.pop()
            span = self.name(child)
            # A name before the noun is usually a modifier ("the Google search engine"); it
            # stands for the noun only in parentheses or apposition ("(MMS) AI model").
            bracketed = child.i > 0 and self.doc[child.i - 1].text in ("(", "'", '"', "‘", "“")
            if bracketed and self.doc[child.i - 1].text == "(" and span is not None and \
                    self._spells_words_before(span):
                bracketed = False  # "artificial intelligence (AI) system": AI names the words
            # A product name or model code does too: "the ChatGPT chatbot", "H100 GPUs".
            # "Vexatron 64 computer": a name numbered like a model does too
            product = span is not None and (span.label == "Product" or any(
                _model_code(t.text) for t in self.doc[span.start:span.end]) or (
                span.end - span.start > 1 and self.doc[span.end - 1].like_num) or (
                span.end == token.i and _coded(self.doc[span.end - 1].text)))
            # And a name the parser marks as a nominal modifier under a possessor: "its
            # Android operating system" (but "their AI system" has AI as a compound).
            owned = child.dep_ == "nmod" and possessed
            if span is not None and (child.dep_ == "appos" or bracketed or product or owned):
                found.add(span)
            else:
                stack.extend(c for c in child.children if c.dep_ in ("compound", "nmod"))
        return found.pop() if len(found) == 1 else None

    def _named_organization(self, token: Token) -> NameSpan | None:
        """"the Bloglines website", "its Vexa unit": an organization noun whose one compound
        name is no place or person stands for that name; a part noun ("unit", "division") only
        under a possessor, since "the Orbis division" is a division of Orbis."""
        names = {span for c in token.children if c.dep_ in ("compound", "nmod")
                 and (span := self.name(c)) is not None and all(
                     t.is_lower for t in self.doc[span.end:token.i])}  # "its X computer unit"
        if len(names) != 1:
            return None
        span = names.pop()
        if span.label in ("Place", "Person", "Thing"):
            return None
        if span.end < token.i and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                      for c in token.children):
            return None  # "a Vexa bond broker": the name says what the broker deals in
        part = self.vocab.relation_nouns.get(f"{token.lemma_.lower()} of") is not None
        if part and not any(c.dep_ == "poss" for c in token.children):
            return None
        return span

    def appositive_name(self, token: Token) -> NameSpan | None:
        """"the metaverse division, Reality Labs, posted ...": the noun stands for the name."""
        names = [self.name(c) for c in token.children if c.dep_ == "appos" and not focused(c)]
        names = [n for n in names if n is not None]
        return names[0] if len(names) == 1 else None

    def _event_titled(self, span: NameSpan) -> bool:
        """Whether a name opens with the title of an event named after someone ("Hurricane
        Vexa", "Tropical Storm Ana": the storm, not a place)."""
        return titled(" ".join(self.text(span.start, span.end).lower().split()),
                      self.vocab.event_titles)

    def class_hints(self) -> list[ClassHint]:
        """Class evidence inside a name or right before it, (span, class, weight, reason):
        "Stanford University", "H100 GPUs", "the cloud computing platform Azure", "Mr Reed";
        a negative weight is evidence against the class ("Vexa, which ..." is no person)."""
        hints: list[ClassHint] = []
        for span in sorted(set(self.by_token.values()), key=lambda s: s.start):
            last = self.tokens[span.end - 1]
            cls = self._name_class(last) if span.end - span.start > 1 else None
            if cls and cls != CONCEPT:
                hints.append((span, cls, HINT_WEIGHT, f"name ends in '{last.text}'"))
            # the word the name hangs by ("Vexatron" of "Vexatron 64", which the number modifies)
            head = next((t for t in self.tokens[span.start:span.end]
                         if not span.start <= t.head.i < span.end), self.tokens[span.end - 1])
            noun = head.head
            before = self.tokens[span.start - 1] if span.start else None
            honorific = self.finder.honorific(before) if before is not None else None
            # "a Mr Vexa contest": the title names the contest, not a person
            if honorific and not (head.dep_ == "compound" and noun.pos_ == "NOUN"):
                hints.append((span, honorific, HINT_WEIGHT,  # and the title, for a gender
                              f"'{before.text} {span_text(self, span)}'",
                              before.lower_.rstrip(".")))
            if span.end - span.start > 1 and version_number(last.text) and \
                    self.text(span.start, span.end - 1).lower() not in NUMBERED:
                hints.append((span, "Product", HINT_WEIGHT,
                              f"'{span_text(self, span)}': a version"))
            if span.end - span.start > 1 and self._event_titled(span):
                hints.append((span, "Thing", HINT_WEIGHT,
                              f"'{span_text(self, span)}': an event's title"))
            if span.label == "Person" and self._plural_team(span, head):
                hints.append((span, "Organization", HINT_WEIGHT,
                              f"'the {span_text(self, span)}': a plural name"))
            if self._national(span):
                hints.append((span, "Person", HINT_WEIGHT,
                              f"'{self.tokens[span.start - 1].text} {span_text(self, span)}'"))
            if self._dateline(span):
                hints.append((span, "Place", HINT_WEIGHT, f"dateline '{span_text(self, span)}'"))
            if span.label == "Place" and self._of_country(span):
                hints.append((span, "Organization", HINT_WEIGHT,
                              f"'{span_text(self, span)} of' a country"))
            if self._listed(span):
                hints.append((span, "Organization", HINT_WEIGHT,
                              f"'{span_text(self, span)} (ticker)'"))
            if self._speaks_of_itself(head):  # a company or a country, not a person
                hints.append((span, "Person", -HINT_WEIGHT,
                              f"'{span_text(self, span)} said it'"))
            if span.end - span.start == 1 and last.lower_.endswith("s") and \
                    last.lower_[:-1] in self.vocab.demonyms:
                # "Americans", "Iraqis": a people, not one person
                hints.append((span, "Person", -HINT_WEIGHT, f"'{last.text}': a people"))
            if self._aged(span):
                hints.append((span, "Person", HINT_WEIGHT, f"'{span_text(self, span)}, age,'"))
            # "the Vexa Q2 robots", "Quill's Vexa robots" (the possessor is the maker)
            owned = any(c.dep_ == "poss" and self.name(c) != span for c in noun.children)
            if head.dep_ in ("compound", "nmod") and noun.pos_ == "NOUN" and \
                    self.vocab.noun_class(noun) == "Product" and \
                    (self.named_head(noun) == span or owned):
                hints.append((span, "Product", HINT_WEIGHT,
                              f"'{span_text(self, span)} {noun.text}'"))
            if head.dep_ == "compound" and noun.pos_ == "NOUN" and noun.is_lower and \
                    self._place_noun(noun):
                # "Dunmore airport", "the Dunmore city centre": what names a site is no person;
                # "Tarrow state" names the region, not a town of the name (the noun says so)
                region = [noun.lower_] if noun.lower_ in REGION_NOUNS else []
                hints.append((span, "Person", -HINT_WEIGHT,
                              f"'{span_text(self, span)} {noun.text}'", *region))
            relative = self._relative_pronoun(head)
            if relative in ("who", "whom") and span.label != "Person":
                hints.append((span, "Person", HINT_WEIGHT, f"'{span_text(self, span)}, who'"))
            elif relative == "which":
                hints.append((span, "Person", -HINT_WEIGHT,
                              f"'{span_text(self, span)}, which'"))
            for child in head.children:
                if child.dep_ == "compound" and child.i < span.start and \
                        self.name(child) is None:
                    cls = self.vocab.noun_class(child)
                    if cls and cls != CONCEPT:
                        hints.append((span, cls, HINT_WEIGHT,
                                      f"'{child.text} {span_text(self, span)}'"))
        return hints

    def _place_noun(self, noun: Token) -> bool:
        """A common noun for a place or a site: "city", "airport" (``kg:nounCue`` and
        ``kg:nameHead`` of ``kg:Place``)."""
        return self.vocab.noun_class(noun) == "Place" or \
            self.vocab.name_heads.get(noun.lower_) == "Place"

    def _speaks_of_itself(self, head: Token) -> bool:
        """"Vexa said it would cut jobs", "Vexa said its profit rose": a speaker that calls
        itself "it" is no person (a company, a country). Not "Ruiz said it was a good day",
        where "it" is no one."""
        # a speaker may refer to itself in what it makes known (kg:announcingVerb)
        if head.dep_ not in ("nsubj", "csubj") or \
                head.head.lemma_ not in self.vocab.announcing_verbs:
            return False
        for clause in head.head.children:
            if clause.dep_ != "ccomp" or clause.lemma_ in EMPTY_VERBS:
                continue
            for subject in clause.children:
                if subject.dep_ in ("nsubj", "nsubjpass") and (subject.lower_ == "it" or any(
                        c.dep_ == "poss" and c.lower_ == "its" for c in subject.children)):
                    return True
        return False

    def _plural_team(self, span: NameSpan, head: Token) -> bool:
        """"the Quill Marlins", "the Rovers, who ...": a plural name after "the" names a
        team or a group, not a person, whatever the recogniser says."""
        last = self.doc[span.end - 1]
        if head.i != last.i or not last.lower_.endswith("s") or \
                last.lower_.endswith(("ss", "us", "is")):
            return False
        # surnames end in "s" too ("Ana Edmonds", which the tagger may read as a plural)
        return last.tag_ in ("NNPS", "NNS", "NNP") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in last.children)

    def _national(self, span: NameSpan) -> bool:
        """"American Dana Quarrie won the race": a nationality right before a two-word name
        tells a person's (a firm's name takes its nationality as a noun: "the German firm")."""
        if span.start == 0 or span.end - span.start != 2:
            return False
        before = self.doc[span.start - 1]
        return before.lower_ in self.vocab.demonyms and before.is_title and \
            before.head.i in range(span.start, span.end) and \
            self.vocab.name_suffixes.get(self.doc[span.end - 1].lower_.replace(".", "")) is None

    def _dateline(self, span: NameSpan) -> bool:
        """"KABUL (Reuters) - ...", "DORVILLE, Ruritania, May 2 - ...": a name in capitals
        opening a paragraph, then only names, numbers and punctuation up to a dash, is where
        the story was filed ("IBM (NYSE: IBM) said" is no dateline: no dash)."""
        doc = self.doc
        words = doc[span.start:span.end]
        # "AP - ", "AFP - ": an agency's short name opens wire copy too
        if any(not t.is_space for t in doc[:span.start]) or not all(
                t.is_upper or not t.is_alpha for t in words) or \
                sum(len(t) for t in words if t.is_alpha) < 4:
            return False
        for t in doc[span.end:span.end + 12]:
            if t.text in ("-", "--", "—", "–"):
                return True
            if not (t.is_space or t.is_punct or t.like_num or t.pos_ == "PROPN"):
                return False
        return False

    def _of_country(self, span: NameSpan) -> bool:
        """"co-owned by Vexa and Quillon of France": a name the recogniser took for a place,
        followed by "of" and a country, is a firm from there (a place is not "of" a country)."""
        doc, end = self.doc, span.end
        if end + 1 >= len(doc) or doc[end].lower_ != "of":
            return False
        country = self.name(doc[end + 1])
        return country is not None and country.start == end + 1 and \
            span_text(self, country) in self.vocab.countries and len(
                span_text(self, span).split()) == 1

    def _listed(self, span: NameSpan) -> bool:
        """"Vexa (NASDAQ: VXA)", "Vexa (VXA.N)": a name followed by its stock ticker is a
        listed company's; not a dateline's place before its agency ("BOSTON (VXA.MW) -")."""
        doc, end = self.doc, span.end
        if end + 3 >= len(doc) or doc[end].text != "(" or doc[span.start].is_upper or \
                doc[end + 3].text in ("-", "--", "—", "–"):
            return False
        exchange = doc[end + 1].lower_ in self.vocab.exchanges and doc[end + 2].text == ":"
        code = bool(re.fullmatch(r"[A-Z]{1,5}\.[A-Z]{1,2}", doc[end + 1].text)) and \
            doc[end + 2].text == ")"
        return exchange or code

    def _aged(self, span: NameSpan) -> bool:
        """"said Ruiz, 51, the owner of ...": a name followed by a number of years between
        commas is a person's, the way news gives ages."""
        doc, end = self.doc, span.end
        return end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].text == "," and \
            doc[end + 1].is_digit and 16 <= int(doc[end + 1].text) <= 110

    def _relative_pronoun(self, head: Token) -> str | None:
        """"which" or "who" opening a relative clause on a name: "Vexa, which ..." is not said
        of a person, "Ana Ruiz, who ..." is."""
        if self.name(head) is None:
            return None
        for clause in head.children:
            if clause.dep_ == "relcl":
                for c in clause.children:
                    if c.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                            c.lower_ in ("which", "who", "whom"):
                        return c.lower_
        return None

    def called(self, token: Token) -> NameSpan | None:
        """"an AI technology called LLaMA": the noun stands for the name it is given; so does
        a singular noun whose "for" phrase ends in a plural the parser hung the name on ("a
        search system for its computers called Lumen": no set of computers is one Lumen)."""
        nouns = [token] + [g for p in token.children if p.dep_ == "prep" and p.lower_ == "for"
                           for g in p.children if g.dep_ == "pobj" and g.tag_ == "NNS"] \
            if token.tag_ == "NN" else [token]
        for noun in nouns:
            for acl in noun.children:
                if acl.dep_ == "acl" and acl.lemma_ in ("call", "name", "dub"):
                    for c in acl.children:
                        if c.dep_ in ("oprd", "attr", "dobj") and self.name(c) is not None:
                            return self.name(c)
        return None

    def phrase(self, head: Token) -> tuple[int, int, str]:
        """A noun's label: the head with its compound and adjective modifiers, leaving out
        determiners, numbers and parentheticals ("the artificial intelligence (AI) competition"
        → "artificial intelligence competition")."""
        doc = self.tokens if head.doc is self.doc else head.doc
        kept, i = [head.i], head.i - 1
        while i >= 0:
            t = doc[i]
            if t.text == ")":
                opening = next((j for j in range(i - 1, max(i - 8, -1), -1)
                                if doc[j].text == "("), None)
                if opening is None:
                    break
                i = opening - 1
                continue
            if t.dep_ in STOP_DEPS or not _modifies(t, head):
                if t.dep_ == "nummod" and t.head.i == head.i:
                    # keep quantities: "6.5 billion parameters", "11,000 employees"
                    kept.extend(k.i for k in t.subtree if not k.is_punct or k.text == "-")
                    i = t.left_edge.i - 1
                    continue
                if t.dep_ == "nummod" and t.head.i in kept and not t.whitespace_ and \
                        i + 1 < len(doc) and doc[i + 1].text == "-":
                    kept.append(i)  # "a nine-game losing streak", "a 30-year term"
                    i -= 1
                    continue
                if t.dep_ == "advmod" and t.head.i in kept and t.head.tag_ == "JJS" and \
                        t.ent_type_ == "ORDINAL":
                    kept.append(i)  # "the third largest surplus" is not "the largest"
                    i -= 1
                    continue
                break
            if t.text == "-" and t.whitespace_ and i > 0 and doc[i - 1].whitespace_:
                break  # "Wirefeed - Software maker Vexa": a spaced dash ends a phrase
            if not (t.is_punct and t.text != "-"):
                kept.append(i)
            i -= 1
        kept.sort()
        while len(kept) > 1 and doc[kept[0]].is_punct:
            kept.pop(0)
        text = "".join(doc[k].text_with_ws for k in kept[:-1]) + doc[kept[-1]].text
        end = head.i + 1
        if head.lemma_.lower() in PARTITIVES:
            # "the number of languages": the noun says little without what it counts
            of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
            if of:
                _, end, counted = self.phrase(of[0])
                text = f"{text} of {counted}"
        return kept[0], end, " ".join(text.split())


def _coded(text: str) -> bool:
    """"X9", "A7X": a short code of capitals and digits, which right before a product noun
    ("the Vexa X9 processor") is the product's name."""
    return any(c.isdigit() for c in text) and text[:1].isupper() and text.isalnum() and \
        not text.isdigit()


def span_text(index: MentionIndex, span: NameSpan) -> str:
    return index.text(span.start, span.end)


def name_spans(index: MentionIndex) -> list[NameSpan]:
    """The paragraph's name spans in order, read once for the paragraph."""
    return index.per_paragraph(_name_spans)


def _name_spans(index: MentionIndex) -> list[NameSpan]:
    return sorted(set(index.by_token.values()), key=lambda s: s.start)


# Nouns that quantify or select what their "of" phrase names.
PARTITIVES = frozenset({"number", "amount", "range", "series", "majority", "share", "set",
                        "variety", "lot", "portion", "percentage", "proportion", "half",
                        "part", "kind", "type", "sort", "group", "couple", "handful",
                        "bunch", "hail", "flurry", "wave", "string", "slew", "spate", "raft",
                        "batch", "pair", "dozen", "dozens", "hundreds", "thousands",
                        "millions"})
STOP_DEPS = frozenset({"det", "poss", "case", "nummod", "quantmod", "predet", "prep"})


def _modifies(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs from ``head`` through compound/adjective links only."""
    steps = 0
    while token.i != head.i and steps < 8:
        if token.dep_ not in PHRASE_DEPS and not (token.is_punct and token.text == "-"):
            return False
        token = token.head
        steps += 1
    return token.i == head.i
