"""Former names: "Vexa, formerly Quill", "was formerly Quill", "formerly known as Quill",
"used to be called Quill", "under its previous name Quill", "changed its name from Quill",
"changed its name to Vexa" and "Quill (now known as Vexa)" (the new name is the same thing; the
old one a former name)."""

from __future__ import annotations

from kg.extract.clauses import _subjects
from kg.extract.found import Found
from kg.extract.mentions import MentionIndex
from kg.extract.modality import modality
from kg.extract.words import Token
from kg.model import Mention, MentionKind

# Words that put a name in the past of what it names.
FORMER_ADVERBS = frozenset({"formerly", "previously", "originally"})
FORMER_ADJECTIVES = frozenset({"former", "previous", "old", "original", "earlier"})
NAMING_VERBS = frozenset({"call", "name", "dub", "know", "title", "brand"})
RENAMING_VERBS = frozenset({"change", "rename"})
RULE = "name-change"


def name_changes(index: MentionIndex, found: Found, confidence: float) -> None:
    """Every former name the paragraph gives, as a formerName literal of what it named."""
    for token in index.tokens:
        if token.lemma_ in RENAMING_VERBS and token.pos_ == "VERB":
            _renamed(index, found, token, confidence)
        elif token.lower_ in FORMER_ADVERBS and token.dep_ == "advmod":
            _formerly(index, found, token, confidence)
        elif token.lower_ == "now" and token.dep_ == "advmod" and \
                token.head.lemma_ in NAMING_VERBS and token.head.tag_ == "VBN":
            _now_named(index, found, token.head, confidence)
        elif token.lemma_ in NAMING_VERBS and token.dep_ == "xcomp" and \
                token.head.lemma_ == "use":
            # "Vexa, which used to be called Quill"
            _former(found, _owner(index, token.head), _given_name(index, token), token,
                    confidence)
        elif token.lower_ == "name" and any(c.lower_ in FORMER_ADJECTIVES for c in
                                            token.children if c.dep_ == "amod"):
            _previous_name(index, found, token, confidence)


def _name_text(index: MentionIndex, token: Token) -> str | None:
    span = index.name(token)
    return index.doc[span.start:span.end].text if span is not None else None


def _owner(index: MentionIndex, verb: Token) -> Mention | None:
    """What a clause about a name is about: the noun a participle hangs on ("the robot,
    originally dubbed Quill"), else the subject of the nearest clause that has one."""
    clauses = [verb, *verb.ancestors]
    if verb.dep_ in ("acl", "appos") and verb.head.pos_ in ("NOUN", "PROPN"):
        described = index.argument(verb.head, allow_concept=False)
        if described is not None:
            return described
        # "Vexa ... is now a brand of games, formerly known as Quill": the parser hung the
        # participle on a common noun that names nothing; the clause's subject is meant
        clauses = clauses[1:]
    for clause in clauses:
        if clause.pos_ not in ("VERB", "AUX"):
            continue
        passive = [c for c in clause.children if c.dep_ == "nsubjpass"]
        subjects = passive or _subjects(clause)[0]
        for s in subjects:
            if s.lower_ in ("which", "that", "who") and clause.dep_ == "relcl":
                s = clause.head
            mention = index.argument(s, allow_concept=False)
            if mention is not None:
                return mention
        if subjects:
            return None
    return None


def _former(found: Found, owner: Mention | None, name: str | None, token: Token,
            confidence: float) -> None:
    if owner is not None and name and owner.text != name:
        found.literal(owner, "formerName", name, token, RULE, confidence)


def _formerly(index: MentionIndex, found: Found, adverb: Token, confidence: float) -> None:
    head = adverb.head
    if index.name(head) is not None and head.dep_ == "appos":
        # "Vexa, formerly Quill, ..."
        _former(found, index.argument(head.head, allow_concept=False), _name_text(index, head),
                adverb, confidence)
    elif head.lemma_ == "be":
        # "Vexa was formerly Quill"
        attrs = [c for c in head.children if c.dep_ == "attr"]
        if attrs:
            _former(found, _owner(index, head), _name_text(index, attrs[0]), adverb, confidence)
    elif head.lemma_ in NAMING_VERBS:
        # "formerly known as Quill", "originally dubbed Quill"
        _former(found, _owner(index, head), _given_name(index, head), adverb, confidence)


def _given_name(index: MentionIndex, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("oprd", "attr", "dobj") and index.name(child) is not None:
            return _name_text(index, child)
        if child.dep_ == "prep" and child.lower_ == "as":
            named = [g for g in child.children if g.dep_ == "pobj"]
            if named and index.name(named[0]) is not None:
                return _name_text(index, named[0])
    return None


def _previous_name(index: MentionIndex, found: Found, noun: Token, confidence: float) -> None:
    """"under previous name Quill", "under its former name, Quill"."""
    if noun.dep_ == "compound" and index.name(noun.head) is not None:
        name, anchor = _name_text(index, noun.head), noun.head
    else:
        named = [c for c in noun.children if c.dep_ in ("appos", "attr") and
                 index.name(c) is not None]
        if not named:
            return
        name, anchor = _name_text(index, named[0]), noun
    clause = next((a for a in anchor.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if clause is not None:
        _former(found, _owner(index, clause), name, noun, confidence)


def _now_named(index: MentionIndex, found: Found, verb: Token, confidence: float) -> None:
    """"Quill (now known as Vexa)", "Quill, now called Vexa": the thing Quill named is Vexa,
    and Quill its former name."""
    given = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
             for g in c.children if g.dep_ == "pobj"] or \
        [c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj")]
    span = index.name(given[0]) if given else None
    owner = _owner(index, verb)
    if span is None or owner is None or owner.kind != MentionKind.NAME:
        return
    renamed = index.name_mention(span)
    if renamed.text != owner.text:
        found.alias(owner, renamed, f"renamed: {owner.text} to {renamed.text}")
        found.literal(owner, "formerName", owner.text, verb, RULE, confidence)


def _renamed(index: MentionIndex, found: Found, verb: Token, confidence: float) -> None:
    """"changed its name from Quill to Vexa", "was renamed Vexa", "will change its name to
    Vexa": the old name is a former name; a new name is another name of the same thing."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_ == "change" and not any(o.lemma_ == "name" for o in objects):
        return
    owner = _owner(index, verb)
    if owner is None:
        return
    preps = {p.lower_: [c for c in p.children if c.dep_ == "pobj"]
             for p in verb.children if p.dep_ == "prep"}
    old = preps.get("from", [])
    if old:
        _former(found, owner, _name_text(index, old[0]) or old[0].text, verb, confidence)
    new = preps.get("to", []) or [c for c in verb.children if c.dep_ == "oprd"]
    new_span = index.name(new[0]) if new else None
    if new_span is not None and owner.kind == MentionKind.NAME:
        renamed = index.name_mention(new_span)
        if renamed.text != owner.text:
            found.alias(owner, renamed, f"renamed: {owner.text} to {renamed.text}")
            # "will change its name to Vexa": the new name is already one of the thing's
            # names, but the old one is former only once the change is done
            if not old:
                found.literal(owner, "formerName", owner.text, verb, RULE, confidence,
                              modality(verb, index.vocab))
