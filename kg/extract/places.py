"""Where things are: a place inside a place ("Dover, Delaware"), where an organization is based
and where a person lives or comes from ("Jane Roe of Dover", "Delaware's Acme Steel", "the
Delaware senator Jane Roe", "Swiss bank Ober")."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Token

from kg.extract.found import Found
from kg.extract.mentions import MentionIndex, NameSpan
from kg.model import Mention, MentionKind
from kg.ontology import CONCEPT

CONFIDENCE = {"place-pair": 0.8, "place-of": 0.75, "place-possessive": 0.7,
              "place-title": 0.7, "place-demonym": 0.7, "place-description": 0.8, "place-in": 0.6,
              "place-from": 0.7}
# Weight of the class a dateline states: what it names first is a place (as a class the text
# states, kg.extract.descriptions.STATED).
PLACE_WEIGHT = 2.0
# Classes of a name a place can say something about: where it is, is based or lives.
PLACED = ("Person", "Organization", "Place")
LIST_WORDS = frozenset({"and", "or", "&", "nor"})
# "Calif.", "Del.", "N.M.": a state or province written short, as only a "City, State" pair does.
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){2,3}")
# Tokens a title before a name is made of ("Deputy U.S. Ambassador", "Texas Gov.").
TITLE_DEPS = frozenset({"compound", "amod", "nmod"})


def relation_of(label: str) -> str:
    """A person lives in a place; anything else is located in it."""
    return "livesIn" if label == "Person" else "locatedIn"


def is_place(index: MentionIndex, span: NameSpan | None) -> bool:
    """A name the entity recogniser took for a place, unless it is the surname of a person
    named in the paragraph ("Kurt Barnard, president of Barnard's Consulting")."""
    if span is None or span.label != "Place":
        return False
    text = index.doc[span.start:span.end].text
    return not any(other.label == "Person" and other.end - other.start > 1 and
                   index.doc[other.end - 1].text == text for other in _spans(index))


def _spans(index: MentionIndex) -> list[NameSpan]:
    return sorted(set(index.by_token.values()), key=lambda s: s.start)


def _abbreviated(index: MentionIndex, span: NameSpan) -> bool:
    return bool(_ABBREVIATION.fullmatch(index.doc[span.start:span.end].text))


def _linked(index: MentionIndex, first: NameSpan, second: NameSpan) -> bool:
    """Whether the parser hangs one name on the other (an apposition or modifier), not on a
    verb of its own ("In Leeds, Dover is ..." has no link)."""
    doc = index.doc
    return any(first.start <= doc[i].head.i < first.end for i in range(second.start, second.end)) \
        or any(second.start <= doc[i].head.i < second.end for i in range(first.start, first.end))


def _in_list(index: MentionIndex, run: list[NameSpan], after: int) -> bool:
    """Whether names joined by commas go on, or come after, as a list: "and" or "or" next to
    them, or one more name behind a comma ("the UK, Germany, the Czech Republic")."""
    doc = index.doc

    def name_at(i: int) -> bool:  # a name the parser coordinates with others
        while 0 <= i < len(doc) and doc[i].dep_ == "det":
            i += 1
        span = index.name(doc[i]) if 0 <= i < len(doc) else None
        return span is not None and doc[span.end - 1].dep_ == "conj"

    if after < len(doc) and (doc[after].lower_ in LIST_WORDS or
                             (after > run[-1].end and name_at(after))):
        return True
    before = run[0].start - 1
    while before >= 0 and doc[before].dep_ == "det":
        before -= 1
    return before >= 0 and (doc[before].lower_ in LIST_WORDS or (
        doc[before].text == "," and before > 0 and index.name(doc[before - 1]) is not None))


def containers(index: MentionIndex) -> dict[NameSpan, list[NameSpan]]:
    """Each name followed by the places it is in, read from "City, State" chains: "Aiken, S.C."
    and "Acme Mills, Aiken, S.C." give the places a name is in, each one inside the next. A list
    of places ("Paris, London and Rome") is no chain, but a list of pairs ("Aiken, S.C., and
    Dover, Del.") is one when each state is written short."""
    doc = index.doc
    runs: list[list[NameSpan]] = []
    for span in _spans(index):
        if runs and runs[-1][-1].end + 1 == span.start and doc[span.start - 1].text == ",":
            runs[-1].append(span)
        else:
            runs.append([span])
    inside: dict[NameSpan, list[NameSpan]] = {}
    for k, run in enumerate(runs):
        if len(run) < 2:
            continue
        after = run[-1].end + (1 if run[-1].end < len(doc) and doc[run[-1].end].text == ","
                               else 0)
        listed = _in_list(index, run, after)
        # "Acme Spa, Genoa and Hooli Ltd, Leeds": a list of pairs of the same shape
        neighbours = [runs[j] for j in (k - 1, k + 1) if 0 <= j < len(runs)]
        paired = len(run) == 2 and run[0].label != "Place" and any(
            len(n) == 2 and n[0].label == run[0].label and n[1].label == "Place" and
            (n[0].start - 1 == run[-1].end + (after > run[-1].end) or
             run[0].start - 1 == n[-1].end + (doc[n[-1].end].text == ","))
            for n in neighbours)
        chain: list[NameSpan] = []
        for inner, outer in pairwise(run):
            followed = doc[outer.end].tag_ == "POS" if outer.end < len(doc) else False
            fits = inner.label in ("Place", "Organization") and outer.label == "Place" and \
                not followed and _linked(index, inner, outer) and \
                (not listed or paired or _abbreviated(index, outer))
            if not fits:
                chain = []
                continue
            chain = chain or [inner]
            chain.append(outer)
            for earlier in chain[:-1]:
                inside.setdefault(earlier, []).append(outer)
            if listed:
                chain = []
    return inside


def place_pairs(index: MentionIndex, found: Found) -> None:
    """"Dover, Delaware", "Acme Mills, Dover": a name followed by the place it is in."""
    inside = containers(index)
    named = {i for span in inside for i in range(span.start, span.end)} | {
        i for outers in inside.values() for span in outers for i in range(span.start, span.end)}
    # a paragraph that is nothing but such a chain is a dateline ("Dayton, Ohio"): all places
    alone = all(t.i in named or t.is_punct for t in index.doc)
    for inner, outers in inside.items():
        if alone:
            found.hint(index.name_mention(inner), "Place", PLACE_WEIGHT, "dateline")
        for outer in outers:
            found.relation(index.name_mention(inner), "locatedIn", index.name_mention(outer),
                           index.doc[outer.start], "place-pair", CONFIDENCE["place-pair"])


def _placed(index: MentionIndex, found: Found, subject: NameSpan, cls: str, place: NameSpan,
            token: Token, rule: str, inside: dict[NameSpan, list[NameSpan]]) -> None:
    """``subject``, of class ``cls``, is in ``place`` and in every place that one is in ("of
    Dover, Delaware")."""
    mention = index.name_mention(subject)
    for where in (place, *inside.get(place, ())):
        found.relation(mention, relation_of(cls), index.name_mention(where), token, rule,
                       CONFIDENCE[rule])


def _subject_span(index: MentionIndex, token: Token) -> NameSpan | None:
    """The name of a person or organization (or of a place, inside another) ``token`` is in."""
    span = index.name(token)
    if span is None or span.label not in (*PLACED, ""):
        return None
    if span.label == "" and span.end - span.start < 2 and not index.doc[span.start].is_alpha:
        return None  # "Gov.", "Sen.": a title written short
    return span


def place_of(index: MentionIndex, found: Found) -> None:
    """"Jane Roe of Dover", "Acme Mills of Austin, Texas", "Acme Mills in Austin": a name's
    "of" phrase (an organization's "in" phrase) naming a place says where it lives or is
    based."""
    inside = containers(index)
    for prep in index.doc:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "from"):
            continue
        subject = _subject_span(index, prep.head)
        if prep.lower_ == "from":
            subject = _person_from(index, prep.head)
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        place = index.name(pobj[0]) if pobj else None
        if subject is None or not is_place(index, place) or place == subject or \
                subject.label == "Place":
            continue
        cls = "Person" if _aged(index, subject) else _name_class(index, subject) or ""
        if prep.lower_ == "from":
            cls = "Person"
        elif prep.lower_ == "in" and cls != "Organization":
            continue  # "Jane Roe in Paris" says where she was, not where she lives
        if cls == "Person" and subject.label != "Person":
            found.hint(index.name_mention(subject), "Person", PLACE_WEIGHT, "age: name, 41,")
        rule = {"of": "place-of", "in": "place-in", "from": "place-from"}[prep.lower_]
        _placed(index, found, subject, cls, place, prep, rule, inside)


def _person_from(index: MentionIndex, head: Token) -> NameSpan | None:
    """The person "from" a place is said of: "Jane Roe from Dover", "Jane Roe, a lawyer from
    Dover", "Jane Roe is a lawyer from Dover"."""
    people = [s for s in (index.name(head), *described_names(index, head))
              if s is not None and (s.label == "Person" or _aged(index, s))]
    return people[0] if len(people) == 1 else None


def _aged(index: MentionIndex, name: NameSpan) -> bool:
    """"Jane Roe, 41, of Dover": an age set beside a name is a person's."""
    doc = index.doc
    return name.end + 2 < len(doc) and doc[name.end].text == "," and \
        doc[name.end + 1].like_num and doc[name.end + 2].text == "," and \
        doc[name.end + 1].text.isdigit() and 0 < int(doc[name.end + 1].text) < 120


def place_possessives(index: MentionIndex, found: Found) -> None:
    """"Delaware's Acme Steel", "Ohio's Governor Jane Roe", "Leeds's Kirkgate Market": a place
    owning a name is where the name is."""
    inside = containers(index)
    for owner in index.doc:
        place = index.name(owner)
        if owner.dep_ != "poss" or place is None or not is_place(index, place) or \
                owner.i != place.end - 1:
            continue
        subject = _subject_span(index, owner.head)
        head = owner.head
        while (subject is None or subject.label == "") and head.dep_ == "compound" and \
                head.head.i > head.i:
            # "China's Premier Li Peng": a title the possessor hangs on, before the name
            head = head.head
            subject = _subject_span(index, head) or subject
        if subject is None and owner.head.pos_ == "NOUN":
            # "California's Sierra Nevada foothills": the name right after the possessor
            after = place.end + 1 if place.end < len(index.doc) and \
                index.doc[place.end].tag_ == "POS" else place.end
            named = index.name(index.doc[after]) if after < owner.head.i else None
            if named is not None and index.doc[named.end - 1].head.i == owner.head.i:
                subject = _subject_span(index, index.doc[named.end - 1])
        if subject is None or subject == place or subject.start <= owner.i:
            continue
        described = _described_class(index, subject, list(index.doc[owner.i + 1:subject.start]))
        if described is None or described not in (*PLACED, ""):
            continue  # "Ruritania's latest model Z9": a product is made, not based, there
        _placed(index, found, subject, described, place, owner, "place-possessive", inside)


def _title_start(index: MentionIndex, person: NameSpan) -> int:
    """The first token of a title written before a person's name ("Deputy U.S. Ambassador
    Jane Roe"): modifiers that hang inside the title or on the name, none of them a name of a
    person or an organization."""
    doc, start = index.doc, person.start
    while start > 0:
        t = doc[start - 1]
        span = index.name(t)
        if t.dep_ not in TITLE_DEPS or not start <= t.head.i < person.end or (
                span is not None and span.label in ("Person", "Organization")):
            break
        start -= 1
    return start


def _described_class(index: MentionIndex, name: NameSpan, title: list[Token]) -> str | None:
    """The class of a name, or of the noun before it ("Swiss bank Ober": an organization)."""
    for t in reversed(title):
        if t.lower_ in index.vocab.role_nouns:
            return "Person"
        cls = index.vocab.noun_class(t)
        if cls and cls != CONCEPT and index.name(t) is None:
            return cls  # stated, it outweighs the entity recogniser's label
    return _name_class(index, name)


def _name_class(index: MentionIndex, name: NameSpan) -> str | None:
    """A name's class: the class noun it ends in ("Eon Labs"), else the entity recogniser's
    label, except a lone word taken for a person ("Ericsson of Sweden"), which is too little to
    tell a person from a company."""
    last = index.doc[name.end - 1]
    cls = (index.vocab.noun_class(last) or index.vocab.class_nouns.get(
        last.lower_.removesuffix("s"))) if name.end - name.start > 1 else None
    if cls in ("Person", "Organization"):
        return cls
    if name.label == "Person" and name.end - name.start < 2:
        return ""
    return name.label or None


def _beside(index: MentionIndex, name: NameSpan) -> list[Token]:
    """The words of a description set beside a name, up to its head noun."""
    root = index.doc[name.end - 1]
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < name.start:
        nouns.append(root.head)
    if len(nouns) != 1:
        return []
    noun = nouns[0]
    return [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "punct")
            and not (name.start <= t.i < name.end)]


def place_titles(index: MentionIndex, found: Found) -> None:
    """"Texas Gov. Jane Roe", "U.S. Ambassador Tom Pell", "Leeds businessman Ivo Brant",
    "Swiss bank Ober", "the Ruritanian pianist Karl Dunn": a place or nationality in the title
    or description before a name says where the person lives or the organization is."""
    inside = containers(index)
    for name in _spans(index):
        # a title before the name, and a description set beside it ("the Chinese game maker,
        # Hooli", "Jane Roe, a Dover lawyer")
        title = list(index.doc[_title_start(index, name):name.start]) + _beside(index, name)
        cls = _described_class(index, name, title) if title else None
        if cls not in ("Person", "Organization"):
            continue
        named = [index.name(t) for t in title]
        for t in title:
            place = index.name(t)
            if place is not None and is_place(index, place) and t.i == place.end - 1 and \
                    not any(place in inside.get(other, ()) for other in named if other):
                _placed(index, found, name, cls, place, t, "place-title", inside)
            country = index.vocab.demonyms.get(t.lower_)
            if country and t.text[:1].isupper() and (place is None or place.label != "Place"):
                where = Mention(country, index.offset + t.idx,
                                index.offset + t.idx + len(t.text), "Place", MentionKind.NAME)
                found.name(where)
                found.relation(index.name_mention(name), relation_of(cls), where, t,
                               "place-demonym",
                               CONFIDENCE["place-demonym"])


def described_names(index: MentionIndex, noun: Token) -> list[NameSpan]:
    """The names a noun describes: set beside it ("Dover, a town in Delaware"), or the subject
    of a copula it completes ("Dover is a town in Delaware")."""
    names = [index.name(c) for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":
        names.append(index.name(noun.head))
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        names += [index.name(c) for c in noun.head.children if c.dep_ == "nsubj"]
    return [n for n in names if n is not None and index.doc[n.start:n.end].root.i != noun.i]


def place_descriptions(index: MentionIndex, found: Found) -> None:
    """"Dover, a town in Delaware", "Dover is the largest city of Delaware", "Dover,
    Delaware's capital": a place noun describing a name says which place it is in."""
    inside = containers(index)
    for noun in index.doc:
        if noun.pos_ != "NOUN" or index.vocab.noun_class(noun) != "Place" or \
                index.name(noun) is not None:
            continue
        names = described_names(index, noun)
        if not names:
            continue
        places = [index.name(g) for c in noun.children
                  if (c.dep_ == "prep" and c.lower_ in ("in", "of"))
                  for g in c.children if g.dep_ == "pobj"]
        places += [index.name(c) for c in noun.children if c.dep_ == "poss"]
        for place in places:
            if place is None or not is_place(index, place):
                continue
            for name in names:
                if name != place:
                    _placed(index, found, name, "Place", place, noun, "place-description",
                            inside)


def place_descriptions_before(index: MentionIndex, found: Found) -> None:
    """"the Sunnyvale, Calif., electronics firm", "the Texas senator": a place before the noun
    of a definite description says where what it refers to is based or lives."""
    inside = containers(index)
    for noun in index.doc:
        if noun.pos_ != "NOUN" or index.name(noun) is not None or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or \
                any(c.dep_ == "appos" for c in noun.children) or noun.dep_ == "appos":
            continue  # a description set beside a name is read with the name
        cls = _described_class(index, NameSpan(noun.i, noun.i + 1, ""), [noun])
        if cls not in ("Person", "Organization"):
            continue
        before = [t for t in noun.subtree if t.i < noun.i]
        places = [index.name(t) for t in before if t.dep_ in TITLE_DEPS]
        places = [p for p in places if p is not None and is_place(index, p)]
        if not places or any(index.name(t) is not None and index.name(t).label != "Place"
                             for t in before):
            continue  # "the Hooli London office": the organization's name says more
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            continue  # elsewhere a description may point at some other company of the story
        subject = index.argument(noun, allow_concept=False)
        if subject is None or subject.kind != MentionKind.DESCRIPTION:
            continue
        seen = {outer for p in places for outer in inside.get(p, ())}
        for place in dict.fromkeys(p for p in places if p not in seen):
            for where in (place, *inside.get(place, ())):
                found.relation(subject, relation_of(cls), index.name_mention(where), noun,
                               "place-title", CONFIDENCE["place-title"] * 0.9)


def place_in_place(index: MentionIndex, found: Found) -> None:
    """"Kassala in eastern Sudan", "the Najd plateau in northern Ruritania": a place named
    right before "in" and another place is in that one, wherever the parser hangs the "in";
    not a country ("Ruritania in Freedonia" is rather where a country acts)."""
    doc = index.doc
    countries = {c.lower() for c in index.vocab.demonyms.values()}
    for prep in doc:
        if prep.lower_ != "in" or prep.i == 0:
            continue
        inner = index.name(doc[prep.i - 1])
        i = prep.i + 1
        while i < len(doc) and doc[i].is_lower and doc[i].dep_ in ("det", "amod", "compound"):
            i += 1  # "in the", "in eastern"
        outer = index.name(doc[i]) if i < len(doc) else None
        if not (is_place(index, inner) and is_place(index, outer)) or inner == outer or \
                outer.start != i or doc[inner.start:inner.end].text.lower() in countries:
            continue
        found.relation(index.name_mention(inner), "locatedIn", index.name_mention(outer), prep,
                       "place-in", CONFIDENCE["place-in"])


def chained_places(index: MentionIndex, found: Found) -> None:
    """Whatever another rule put in a place of a "City, State" chain is in the later places too:
    "a native of Dover, Delaware" is a native of Delaware; runs after the other rules."""
    inside = containers(index)
    if not inside:
        return
    at = {(index.name_mention(span).start, index.name_mention(span).end): span
          for span in inside}
    have = {(c.subject.start, c.relation, c.object.start) for c in found.candidates}
    for cand in list(found.candidates):
        span = at.get((cand.object.start, cand.object.end))
        if span is None or cand.relation not in ("locatedIn", "livesIn", "bornIn") or \
                cand.object.kind != MentionKind.NAME:
            continue
        for outer in inside[span]:
            mention = index.name_mention(outer)
            key = (cand.subject.start, cand.relation, mention.start)
            if key not in have and (cand.subject.start, cand.subject.end) != (mention.start,
                                                                              mention.end):
                have.add(key)
                found.candidates.append(replace(cand, object=mention))


def native_places(index: MentionIndex, found: Found) -> None:
    """"his native South Carolina", "Jane Roe's native Ohio": the owner of a place called
    native comes from it."""
    inside = containers(index)
    for word in index.doc:
        place = index.name(word.head)
        if word.lower_ != "native" or word.dep_ != "amod" or not is_place(index, place):
            continue
        owners = [c for c in word.head.children if c.dep_ == "poss"]
        person = index.argument(owners[0], allow_concept=False) if owners else None
        if person is None or person.label not in ("Person", ""):
            continue
        for where in (place, *inside.get(place, ())):
            found.relation(person, "livesIn", index.name_mention(where), word, "place-of",
                           CONFIDENCE["place-of"])


def unhyphenated_participles(index: MentionIndex, found: Found) -> None:
    """"Salt Lake City based Western": a place, a participle the ontology maps with "in" and
    a name, written without the hyphen (the parser reads the place as the verb's subject)."""
    doc = index.doc
    for verb in doc:
        if verb.tag_ != "VBN" or verb.i == 0 or verb.i + 1 >= len(doc) or \
                doc[verb.i - 1].text == "-":
            continue
        relation = index.vocab.relation_for_verb(verb.lemma_.lower(), "in")
        place, name = index.name(doc[verb.i - 1]), index.name(doc[verb.i + 1])
        if relation is None or index.vocab.ranges.get(relation) != "Place" or \
                not is_place(index, place) or name is None or name.start != verb.i + 1 or \
                name.label == "Place":
            continue
        found.relation(index.name_mention(name), relation, index.name_mention(place), verb,
                       "verb-participle", CONFIDENCE["place-title"])
