"""The time phrase of a fact: a DATE the parser hangs on the fact's own verb ("bought Quanta
on Thursday", "In February, Vexa released ..."), or on the noun that names it ("its 2019
takeover"). A date of another clause ("said on Tuesday that it bought ...") is not the fact's:
the report's time is the document's date. Only the raw phrase is kept here; ``kg.dates``
resolves it when the graph is written, against the document's publication date."""

from __future__ import annotations

import re

from kg.extract.words import Span, Token

# A DATE under one of these prepositions names a point in time; "for three years", "until
# 2025", "by March" name a duration or a deadline.
POINT_PREPOSITIONS = frozenset({"in", "on", "at", "during", "since", "from", "of"})
# How a DATE hangs on a verb when it says when the verb happened.
ADVERBIAL_DEPS = frozenset({"npadvmod", "advmod", "tmod", "obl"})
# How a DATE hangs on an event noun: "its 2019 takeover", "the takeover in 2019".
NOMINAL_DEPS = frozenset({"compound", "nmod", "nummod", "npadvmod"})
# How a noun that carries a fact hangs on the verb whose time is the fact's: "was named
# chairman in May", "became chief executive last year". Not an object: "acquired Ohm's
# largest unit in 2003" dates the acquisition, not that Ohm owned the unit.
ARGUMENT_DEPS = frozenset({"attr", "oprd", "acomp"})
DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
DAY_PART = re.compile(r"(?:last|this|yesterday|tomorrow|monday|tuesday|wednesday|thursday|"
                      r"friday|saturday|sunday)\s+(?:morning|afternoon|evening|night)|tonight",
                      re.IGNORECASE)
# A bare length of time is no point in time: "a year after it bought ...", "two months".
DURATION = re.compile(r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|"
                      r"a few|\d+)\s+(?:more\s+)?(?:day|week|month|quarter|year|decade)s?",
                      re.IGNORECASE)


def _clause_verb(token: Token) -> Token | None:
    """The verb whose time is the fact's: the token itself, or the verb a noun is the object
    or complement of."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    if token.dep_ in ARGUMENT_DEPS and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    return None


def _time_spans(sent: Span) -> list[Span]:
    """The DATE entities of a sentence, and the TIME ones that name a part of a day ("last
    night", "this morning"); a weekday the parser made a compound of a part of the day joins
    it ("on Tuesday night": DATE "Tuesday" + TIME "night")."""
    found = []
    for ent in sent.ents:
        if ent.label_ == "DATE" and ent.root.dep_ == "compound" and \
                ent.root.head.lower_ in DAY_PARTS and ent.root.head.i == ent.end:
            found.append(ent.doc[ent.start:ent.end + 1])
        elif ent.label_ == "DATE" or (ent.label_ == "TIME" and DAY_PART.fullmatch(ent.text)):
            found.append(ent)
    return found


def _anchor(date: Span) -> tuple[Token, str] | None:
    """The token a DATE says the time of, and the phrase as written (with its preposition)."""
    root = date.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        prep = root.head
        if prep.lower_ not in POINT_PREPOSITIONS:
            return None
        text = root.doc[prep.i:date.end].text if prep.i < date.start else date.text
        return prep.head, text
    if root.dep_ in ADVERBIAL_DEPS or root.dep_ in NOMINAL_DEPS:
        return root.head, date.text
    return None


def time_phrase(token: Token, sent: Span | None = None) -> str:
    """The time phrase of the fact ``token`` carries (its verb or event noun), or "";
    ``sent`` is the token's sentence, when the caller has it at hand."""
    sent = token.sent if sent is None else sent
    verb = _clause_verb(token)
    for ent in _time_spans(sent):
        if "old" in ent.text.lower() or DURATION.fullmatch(ent.text):
            continue
        found = _anchor(ent)
        if found is None:
            continue
        anchor, text = found
        nominal = ent.root.dep_ in NOMINAL_DEPS and ent.root.dep_ != "npadvmod"
        if anchor.i == token.i and token.pos_ in ("NOUN", "PROPN") and \
                (nominal or ent.root.dep_ in ("pobj", "npadvmod")):
            return " ".join(text.split())
        if verb is not None and anchor.i == verb.i and not nominal:
            return " ".join(text.split())
    return ""
