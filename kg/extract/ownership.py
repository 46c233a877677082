"""Who owns, competes with and partners whom, where news says it with nouns rather than verbs:
"its Vexa unit", "Orbis subsidiaries, Vexa and Quanta", "rival Quanta", "the battle between
Orbis and Vexa", "Orbis and Vexa will form a joint venture".

The relational nouns are ontology data (``kg:nounCue`` on a relation: "unit of", "rivalry
with", "joint venture with"); these rules only read where the related names stand.
"""

from __future__ import annotations

from itertools import combinations

from kg.extract.clauses import (
    _minority,
    _same,
    _share_target,
    _subjects,
    conjuncts,
    verb_phrase,
)
from kg.extract.found import Found
from kg.extract.mentions import MentionIndex
from kg.extract.modality import modality
from kg.extract.words import Token
from kg.model import Mention, MentionKind
from kg.ontology import Vocabulary

CONFIDENCE = {"part-noun": 0.75, "part-reported": 0.7, "rival": 0.7, "between": 0.75,
              "joint-subjects": 0.75, "sale-to": 0.75, "verb-sold-to": 0.8}
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


def _part_relation(index: MentionIndex, noun: Token) -> str | None:
    """"unit", "subsidiary", "division": a noun whose "of" phrase names the organization the
    thing is part of."""
    relation = index.vocab.relation_nouns.get(f"{noun.lemma_.lower()} of")
    if relation is None or index.vocab.ranges.get(relation) != "Organization" or \
            index.vocab.domains.get(relation) != "Organization":
        return None
    return relation


def changing_hands(index: MentionIndex, noun: Token) -> bool:
    """"sold its Vexa unit", "completed the sale of its Vexa unit", "bought Orbis's Vexa unit":
    a part just sold belongs to its seller no more; one only planned to be ("agreed to sell
    its Vexa unit") still does. The verbs and nouns of a purchase or a sale are the
    ontology's (``kg:verb`` and ``kg:nounCue`` of acquired, ``kg:inverseVerb`` "sell to")."""
    vocab = index.vocab
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    deal = noun.head
    if noun.dep_ == "pobj" and deal.lower_ == "of":
        deal = deal.head
        kind = "of"
    elif noun.dep_ in ("dobj", "nsubjpass") and deal.pos_ == "VERB":
        kind = "verb"
    else:
        return False
    lemma = deal.lemma_.lower()
    bought = vocab.relation_nouns.get(f"{lemma} of") == "acquired" if kind == "of" else \
        vocab.verbs.get(lemma) == "acquired"
    return (bought or f"{lemma} to" in vocab.inverse_verbs) and modality(deal, vocab) == "asserted"


def _name_of(index: MentionIndex, token: Token) -> Mention | None:
    span = index.name(token)
    return index.name_mention(span) if span is not None else None


def _named_noun(index: MentionIndex, noun: Token) -> Token | None:
    """The name a common noun is named by: "the Vexa Ltd group" -> Vexa Ltd."""
    for child in noun.children:
        span = index.name(child)
        if child.dep_ in ("compound", "nmod") and span is not None and \
                all(t.is_punct or t.is_space for t in index.doc[span.end:noun.i]):
            return child
    return None


def _listed_parts(index: MentionIndex, noun: Token) -> list[Token]:
    """The names set off after a part noun: "Orbis subsidiaries, Vexa and Quanta", "a new
    subsidiary, the Vexa group", and "a single affiliate, Vexa Inc" that the parser took for
    a coordination (not after a possessor: "debt of Orbis and its units, Vexa and Quanta"
    is so parsed too, and whose "its" is unclear)."""
    parts: list[Token] = []
    for child in noun.children:
        if child.dep_ == "appos":
            named = child if index.name(child) is not None else _named_noun(index, child)
            parts += conjuncts(named) if named is not None else []
        elif child.dep_ == "conj" and index.doc[noun.i + 1].text == "," and \
                not any(c.dep_ == "poss" for c in noun.children) and \
                (span := index.name(child)) is not None and span.start == noun.i + 2:
            parts += conjuncts(child)
    # "Durapipe U.K.": a name the recogniser cut before a place it ends with
    return parts + [c for t in parts for c in t.children if c.dep_ == "compound"
                    and (span := index.name(c)) is not None and span != index.name(t)]


def _known_place(index: MentionIndex, text: str) -> bool:
    vocab = index.vocab
    return text in vocab.countries or text in vocab.place_names or \
        text.lower() in vocab.demonyms


def _the_subject(noun: Token) -> bool:
    """"The Orbis subsidiary said ...": a definite part noun standing alone as a subject."""
    return noun.dep_ in ("nsubj", "nsubjpass") and \
        any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and \
        not any(c.dep_ in ("appos", "prep", "poss", "relcl", "acl") for c in noun.children)


def _described_part(index: MentionIndex, found: Found, noun: Token, relation: str,
                    owner: Mention | None) -> None:
    """"The Orbis Corp subsidiary said": the company the story is about is the part. Only a
    name with a company word ("Corp") owns: "the Vexa unit" may be the unit named Vexa."""
    if owner is None or owner.label not in ("Organization", "") or index.vocab.name_suffixes.get(
            owner.text.split()[-1].lower().strip(".")) != "Organization":
        return
    part = index.mention(noun.i, noun.i + 1, "Organization", MentionKind.FOCUS)
    found.relation(part, relation, owner, noun, "part-described", CONFIDENCE["part-noun"])


def _reporter(index: MentionIndex, verb: Token) -> Token | None:
    """The subject of the speech verb whose reported clause ``verb`` heads."""
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_ not in index.vocab.announcing_verbs:
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def _reported_part(index: MentionIndex, found: Found, noun: Token, relation: str,
                   listed: list[Token]) -> None:
    """"Orbis said a newly formed subsidiary, Vexa Ltd, won the contract", "Orbis said its
    plants will operate as Vexa Inc, a wholly owned unit": a part named with no owner, as
    the subject of what a company says or as what something becomes ("as", "into"), is
    the speaking company's."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children) or \
            any(c.dep_ in ("prep", "poss") for c in noun.children):
        return
    top = noun
    if not listed:
        if index.name(noun.head) is None:
            return
        top, listed = noun.head, [noun.head]  # "Vexa Inc, a wholly owned unit"
    if top.dep_ in ("nsubj", "nsubjpass"):
        verb = top.head
    elif top.dep_ == "pobj" and top.head.lower_ in ("as", "into"):
        verb = top.head.head
    else:
        return
    subject = _reporter(index, verb) if verb.pos_ in ("VERB", "AUX") else None
    owner = index.argument(subject, allow_concept=False) if subject is not None else None
    if owner is None or owner.label != "Organization" or owner.kind == MentionKind.CONCEPT:
        return
    names = list({(m.start, m.end): m for t in listed
                  if (m := _name_of(index, t)) is not None}.values())
    if noun.tag_ == "NN" and len(names) > 1 and names[-1].label == "Organization" and \
            index.doc[index.name(listed[-1]).end - 1].lower_.strip(".") in \
            index.vocab.name_suffixes:
        # "a single affiliate, Vexa Mining and Drilling Inc": one company, and so one name
        names = [Mention(index.doc.text[names[0].start - index.offset:
                                        names[-1].end - index.offset],
                         names[0].start, names[-1].end, "Organization", MentionKind.NAME)]
        found.name(names[0])
    for part in names:
        if part.label in ("Organization", "") and not _same(part, owner):
            found.relation(part, relation, owner, noun, "part-reported",
                           CONFIDENCE["part-reported"])


def part_nouns(index: MentionIndex, found: Found) -> None:
    """"its Vexa unit", "Orbis' Vexa business", "Orbis's US affiliate Vexa Labs", "Orbis
    subsidiaries, Vexa and Quanta": the named part belongs to the possessor or to the name
    that opens the phrase."""
    for noun in index.doc.having("pos_", "NOUN"):
        if (relation := _part_relation(index, noun)) is None:
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            continue  # "a unit of Orbis": descriptions read it
        if changing_hands(index, noun):
            continue  # "Orbis sold its Vexa unit": Orbis's no more
        owners = [c for c in noun.children if c.dep_ == "poss"]
        modifiers = sorted((c for c in noun.children if c.dep_ in MODIFIER_DEPS
                            and index.name(c) is not None), key=lambda t: t.i)
        listed = _listed_parts(index, noun)
        owner: Mention | None = None
        if owners:
            owner = index.argument(owners[0], allow_concept=False)
        elif len(modifiers) >= 1 and listed:
            owner = _name_of(index, modifiers.pop(0))  # "Orbis subsidiaries, Vexa and Quanta"
        elif modifiers and noun.dep_ == "appos" and index.name(noun.head) is not None and \
                not any(c.dep_ == "prep" for c in noun.children):
            # "Quanta Ltd, another Orbis subsidiary, said": the apposition's name is the part
            owner = _name_of(index, modifiers.pop(0))
            modifiers = [noun.head]
        elif len(modifiers) == 1 and _the_subject(noun):
            _described_part(index, found, noun, relation, _name_of(index, modifiers[0]))
            continue
        elif not modifiers and (listed or noun.dep_ == "appos"):
            _reported_part(index, found, noun, relation, listed)
            continue
        if owner is None or owner.kind == MentionKind.CONCEPT or owner.label in ("Place", "Thing"):
            continue  # a description ("the company's units") is left to the resolver
        parts = list(listed)
        parts += [t for m in modifiers for t in conjuncts(m)]  # "its X and Y units"
        if noun.dep_ == "compound" and index.name(noun.head) is not None:
            parts.append(noun.head)  # "Orbis's US affiliate Vexa Labs"
        seen: set[tuple[int, int]] = set()
        for token in parts:
            part = _name_of(index, token)
            # a company name ending in a company noun, whatever the recogniser said ("Eon Labs")
            span = index.name(token)
            last = index.doc[span.end - 1] if span is not None else token
            firm = part is not None and part.label == "Person" and "Organization" in (
                index.vocab.noun_class(last),
                index.vocab.class_nouns.get(last.lower_.removesuffix("s")))
            # "Orbis subsidiaries, Vexa and Quanta": the list names companies, whatever class
            # the recogniser gave a name no list of places knows
            firm = firm or (part is not None and part.label == "Place" and token in listed
                            and not _known_place(index, part.text))
            if part is None or (part.label in ("Place", "Person", "Thing") and not firm) or \
                    (part.start, part.end) in seen or \
                    (part.start, part.end) == (owner.start, owner.end):
                continue
            seen.add((part.start, part.end))
            found.relation(part, relation, owner, noun, "part-noun", CONFIDENCE["part-noun"])


def _rival_name(index: MentionIndex, word: Token) -> Token | None:
    """The name a "rival" modifier describes: "rival Quanta", "rival chip maker Quanta"."""
    token = word
    for _ in range(4):
        if token.dep_ not in MODIFIER_DEPS or token.head is token:
            return None
        token = token.head
        if index.name(token) is not None:
            return token
    return None


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a phrase stands in, if the phrase is not in it."""
    head = token
    for _ in range(12):
        if head.pos_ in ("VERB", "AUX"):
            subjects, _ = _subjects(head)
            if subjects:
                return subjects[0]
        if head.head is head:
            return None
        head = head.head
    return None


def rivals(index: MentionIndex, found: Found) -> None:
    """"Orbis is to buy rival Quanta": the rival competes with the clause's subject, or with
    the organization in focus when it is the subject itself ("Rival Quanta said ...")."""
    vocab = index.vocab
    for word in index.tokens:
        if vocab.relation_nouns.get(word.lemma_.lower()) != "competitorOf" or \
                index.name(word) is not None:
            continue
        target = _rival_name(index, word)
        if target is None:
            continue
        rival = _name_of(index, target)
        subject = _clause_subject(target)
        other = index.argument(subject, allow_concept=False) if subject is not None else None
        if other is None or other.kind == MentionKind.CONCEPT or \
                (other.start <= target.idx + index.offset < other.end):
            # the rival is the subject: of the organization the story is about
            other = index.mention(word.i, word.i + 1, "Organization", MentionKind.FOCUS)
        if rival is not None:
            found.relation(rival, "competitorOf", other, word, "rival", CONFIDENCE["rival"])


def between(index: MentionIndex, found: Found) -> None:
    """"the battle between Orbis and Vexa", "a partnership between Orbis and Vexa": a
    relational noun with "with" in the ontology relates every pair of names after
    "between"."""
    for prep in index.doc.having("dep_", "prep"):
        if prep.lower_ != "between":
            continue
        relation = index.vocab.relation_nouns.get(f"{prep.head.lemma_.lower()} with")
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if relation is None or not objects:
            continue
        names = [m for t in conjuncts(objects[0]) if (m := _name_of(index, t)) is not None]
        for a, b in combinations(names, 2):
            found.relation(a, relation, b, prep.head, "between", CONFIDENCE["between"],
                           modality=modality(prep.head, index.vocab))  # "a proposed merger between"


def joint_subjects(index: MentionIndex, found: Found) -> None:
    """"Orbis and Vexa will form a joint venture": subjects that together make the thing a
    "with" noun names ("joint venture with") stand in that relation to each other."""
    for verb in index.doc.having("pos_", "VERB"):
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        relation = next((r for o in objects if (r := _with_relation(index, o)) is not None),
                        None)
        if relation is None or index.vocab.ranges.get(relation) != "Entity":
            continue
        subjects, _ = _subjects(verb)
        parties = [m for s in subjects
                   if (m := index.argument(s, allow_concept=False)) is not None
                   and m.kind != MentionKind.CONCEPT]
        for a, b in combinations(parties, 2):
            found.relation(a, relation, b, verb, "joint-subjects", CONFIDENCE["joint-subjects"],
                           modality=modality(verb, index.vocab))  # "will form a venture": planned


def _with_relation(index: MentionIndex, noun: Token) -> str | None:
    """The relation of the longest tail of a noun phrase that the ontology lists with "with":
    "a new joint venture" -> "joint venture with"."""
    if not noun.is_punct and noun.lower_ not in index.vocab.with_heads:
        return None  # every tail ends with the noun: none is listed
    start, _, _ = index.phrase(noun)
    words = [t.lower_ for t in index.doc[start:noun.i + 1] if not t.is_punct]
    for i in range(len(words)):
        relation = index.vocab.relation_nouns.get(" ".join(words[i:]) + " with")
        if relation:
            return relation
    return None


def sales(index: MentionIndex, found: Found) -> None:
    """"the sale of 57.5 pct of its Vexa unit to Quanta": the one it was sold to acquired
    what was sold (``kg:inverseVerb "sale to"``)."""
    for noun in index.doc.having("pos_", "NOUN"):
        relation = index.vocab.inverse_verbs.get(f"{noun.lemma_.lower()} to")
        if relation is None:
            continue  # most nouns: before their prepositions are read
        preps = {c.lower_: c for c in noun.children if c.dep_ == "prep"}
        if "to" not in preps and noun.dep_ == "dobj":  # "completed the sale of X to Y"
            preps.update({c.lower_: c for c in noun.head.children
                          if c.dep_ in ("prep", "dative") and c.lower_ == "to"})
        if "of" not in preps or "to" not in preps:
            continue
        sold = next((c for c in preps["of"].children if c.dep_ == "pobj"), None)
        buyers = [t for c in preps["to"].children if c.dep_ == "pobj" for t in conjuncts(c)]
        if sold is None:
            continue
        target, _ = _share_target(sold, index.vocab)
        thing = _named_part(index, target) or index.argument(target, allow_concept=False)
        if thing is None:
            continue
        # "the sale of 30 pct of Vexa to Orbis": a minority share bought is a stake, and so
        # is a share split among buyers ("57 pct of Vexa to Orbis and Quanta")
        bought = "investedIn" if _minority(sold, index.vocab) or \
            (target is not sold and len(buyers) > 1) else relation
        for b in buyers:
            buyer = index.argument(b, allow_concept=False)
            if buyer is not None and buyer.kind == MentionKind.NAME:
                found.relation(buyer, bought, thing, noun, "sale-to", CONFIDENCE["sale-to"],
                               modality=modality(noun, index.vocab))  # "the proposed sale of X"


def _named_part(index: MentionIndex, noun: Token) -> Mention | None:
    """"its Vexa Systems computer business": the name of a part named by a part noun."""
    if index.name(noun) is not None or noun.pos_ != "NOUN" or \
            _part_relation(index, noun) is None:
        return None
    return next((m for c in noun.children if c.dep_ in ("compound", "nmod")
                 and (m := _name_of(index, c)) is not None
                 and m.label in ("Organization", "")), None)


def _buyers(verb: Token, vocab: Vocabulary, phrase: str) -> tuple[list[Token], str | None]:
    """"Orbis sold Vexa to Quanta", "Vexa was sold to Quanta": the buyer after "to", and the
    relation the ontology gives it over what was sold (``kg:inverseVerb``)."""
    for prep in (c for c in verb.children if c.dep_ in ("prep", "dative")):
        relation = vocab.inverse_verbs.get(f"{phrase} {prep.lower_}")
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if relation and pobj is not None:
            return conjuncts(pobj), relation
    return [], None


def sold_to(index: MentionIndex, found: Found) -> None:
    """"Orbis sold Vexa to Quanta", "Vexa was sold to Quanta", "Vexa went bust and was sold
    to Quanta": the buyer acquired what was sold."""
    for verb in index.doc.having("pos_", "VERB"):
        # the buyer is after a preposition: a verb with none is passed over before its phrase
        if any(c.dep_ in ("prep", "dative") for c in verb.children):
            _sold(index, found, verb, verb_phrase(verb))


def _sold(index: MentionIndex, found: Found, verb: Token, phrase: str) -> None:
    buyers, relation = _buyers(verb, index.vocab, phrase)
    if relation is None:
        return
    state = modality(verb, index.vocab)
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        things.append(verb.head)  # "Vexa, sold to Quanta in 2001, ..."
    elif not things and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children):
        things, _ = _subjects(verb)  # "Vexa went bust and was sold to Quanta"
    for thing in (t for th in things for t in conjuncts(th)):
        target, _ = _share_target(thing, index.vocab)
        obj = index.argument(target, allow_concept=False)
        bought = "investedIn" if _minority(thing, index.vocab) or \
            (target is not thing and len(buyers) > 1) else relation
        for b in buyers:
            buyer = index.argument(b, allow_concept=False)
            if obj is not None and buyer is not None and not _same(buyer, obj):
                found.relation(buyer, bought, obj, verb, "verb-sold-to",
                               CONFIDENCE["verb-sold-to"], modality=state)


def set_off_owners(index: MentionIndex, found: Found) -> None:
    """"the chairman of Vexa's parent company, Orbis Holdings, said": the name set off after a
    possessed "parent company" or "owner" that the parser hung elsewhere is the owner of the
    possessor (descriptions read the apposition the parser saw)."""
    doc = index.doc
    for noun in index.doc.having("pos_", "NOUN"):
        if noun.i + 2 >= len(doc) or doc[noun.i + 1].text != ",":
            continue
        words = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1]
        phrase = " ".join([*words, noun.lemma_.lower()])
        possessors = [c for c in noun.children if c.dep_ == "poss"]
        span = index.name(doc[noun.i + 2])
        if index.vocab.relation_nouns.get(phrase) != "owns" or not possessors or \
                span is None or span.start != noun.i + 2 or span.label not in ("Organization", ""):
            continue
        root = doc[span.end - 1]
        after = next((t for t in doc[span.end:] if not t.is_space), None)
        if root.head.i == noun.i or (after is not None and after.text not in (",", ".")):
            continue  # an apposition the parser saw, or a name that opens the next clause
        owned = _name_of(index, possessors[0])
        if owned is None or (owned.label == "Place" and _known_place(index, owned.text)) or \
                owned.label in ("Person", "Thing"):
            continue
        owner = index.name_mention(span)
        if "parent" in phrase:
            found.relation(owned, "subsidiaryOf", owner, noun, "owner-set-off",
                           CONFIDENCE["part-noun"])
        else:
            found.relation(owner, "owns", owned, noun, "owner-set-off", CONFIDENCE["part-noun"])


def _opening_word(index: MentionIndex, token: Token) -> bool:
    """A one-word name opening its sentence may be a capitalised common word ("Media owner
    Belo Corp said")."""
    span = index.name(token)
    return span is not None and span.end - span.start == 1 and index.doc[span.start].is_sent_start


def owner_titles(index: MentionIndex, found: Found) -> None:
    """"Red Sox owner John Henry", "new owner Vexa Media": "owner" before a name says what the
    name owns, the name before it, or, for a "new" or "majority" owner, the story's
    organization (roles read the title)."""
    for noun in index.doc.having("pos_", "NOUN"):
        if noun.dep_ != "compound" or \
                index.vocab.relation_nouns.get(noun.lemma_.lower()) != "owns" or \
                index.name(noun) is not None or any(c.dep_ == "prep" for c in noun.children):
            continue
        span = index.name(noun.head)
        if span is None or span.start != noun.i + 1 or span.label not in ("Person",
                                                                           "Organization"):
            continue
        owner = index.name_mention(span)
        owned = [m for c in noun.children if c.dep_ in ("compound", "nmod")
                 and (m := _name_of(index, c)) is not None and m.end <= noun.idx + index.offset
                 and m.label in ("Organization", "") and not _opening_word(index, c)]
        if not owned and any(c.lower_ in ("new", "majority") for c in noun.children):
            owned = [index.mention(noun.i, noun.i + 1, "Organization", MentionKind.FOCUS)]
        for thing in owned[:1]:
            found.relation(owner, "owns", thing, noun, "owner-title", CONFIDENCE["part-noun"])
