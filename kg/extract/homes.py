"""Where a person lives or comes from and where an organization is based, as news says it in
passing: "Jane Roe of Dover", "Delaware's Acme Steel", "Texas Gov. Jane Roe", "Swiss bank
Ober", "the Texas senator", "a Republican from Chicago", "his native Ohio"."""

from __future__ import annotations

from kg.census import surnames
from kg.extract.found import Found
from kg.extract.mentions import MentionIndex, NameSpan, name_spans
from kg.extract.places import (
    LEGAL_FORMS,
    PLACE_WEIGHT,
    containers,
    described_names,
    is_country,
    is_place,
)
from kg.extract.titles import role_word
from kg.extract.words import Token
from kg.model import Mention, MentionKind
from kg.nlp import english_words
from kg.ontology import CONCEPT

CONFIDENCE = {"place-of": 0.75, "place-in": 0.6, "place-from": 0.7, "place-possessive": 0.7,
              "place-title": 0.7, "place-demonym": 0.7}
# Classes of a name a place can say something about: where it is, is based or lives.
PLACED = ("Person", "Organization", "Place")
PLACED_OR_NONE = (*PLACED, "")  # a named thing that has a home, or a name of no class
# Tokens a title before a name is made of ("Deputy U.S. Ambassador", "Texas Gov.").
TITLE_DEPS = frozenset({"compound", "amod", "nmod"})


def relation_of(label: str) -> str:
    """A person lives in a place; anything else is located in it."""
    return "livesIn" if label == "Person" else "locatedIn"


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
    if span is None or span.label not in PLACED_OR_NONE:
        return None
    if span.label == "" and span.end - span.start < 2 and not index.doc[span.start].is_alpha:
        return None  # "Gov.", "Sen.": a title written short
    return span


def place_of(index: MentionIndex, found: Found) -> None:
    """"Jane Roe of Dover", "Acme Mills of Austin, Texas", "Acme Mills in Austin": a name's
    "of" phrase (an organization's "in" phrase) naming a place says where it lives or is
    based."""
    inside = containers(index)
    for prep in index.doc.having("dep_", "prep"):
        if prep.lower_ not in ("of", "in", "from"):
            continue
        subject = _subject_span(index, prep.head)
        if prep.lower_ == "from":
            subject = _person_from(index, prep.head)
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        place = index.name(pobj[0]) if pobj else None
        town = _company_town(index, subject, prep, place)
        if subject is None or not (is_place(index, place) or town) or place == subject or \
                subject.label == "Place":
            continue
        if town:
            found.hint(index.name_mention(place), "Place", PLACE_WEIGHT, "a company's town")
        cls = "Person" if _aged(index, subject) else _name_class(index, subject) or ""
        if prep.lower_ == "from":
            if index.doc[place.end - 1].ent_type_ != "GPE":
                continue  # "an actor from Broadway": a stage, not a home
            if _person_between(index, subject, prep):
                continue  # "Ann Roe from Leeds and Bo Lim from York": York is Lim's
            cls = "Person"
        elif prep.lower_ == "in" and (cls != "Organization" or (
                is_country(index, place) and not _works(index, subject))):
            # "Jane Roe in Paris" says where she was, not where she lives; "Hooli in India",
            # where a company does business (but "the Vexa Hydroelectric Project in India" is
            # built there)
            continue
        if cls == "Person" and subject.label != "Person":
            found.hint(index.name_mention(subject), "Person", PLACE_WEIGHT, "age: name, 41,")
        rule = {"of": "place-of", "in": "place-in", "from": "place-from"}[prep.lower_]
        if rule == "place-of" and cls == "" and subject.label == "" and \
                prep.i == subject.end:
            # "a grant to Meal Share of Dover County": a name the recogniser missed, which
            # nothing says is a person's or a firm's, goes on with its "of" and the place
            continue
        if rule == "place-of" and cls == "Person" and is_country(index, place) and \
                not _office_held_there(index, _title_before(index, subject)):
            # "Ana Ruiz of Ruritania", a player or a delegate: the country she is of, not
            # where she lives (but "Jo Park of Dover", "Prime Minister Jo Park of Ruritania")
            found.relation(index.name_mention(subject), "nationality",
                           index.name_mention(place), prep, rule, CONFIDENCE[rule])
            continue
        _placed(index, found, subject, cls, place, prep, rule, inside)


def _works(index: MentionIndex, name: NameSpan) -> bool:
    """"the Vexa Hydroelectric Project": a name of three words or more whose words after the
    first are English nouns and adjectives (the lemmatizer's), ending in one that ends no
    firm's name, is of works built at a place, not of a company that does business in many
    ("T-Mobile", "the Vexa iTunes Store")."""
    words = [t for t in index.doc[name.start:name.end] if t.is_alpha]
    if len(words) < 3:
        return False
    last = words[-1]
    word = last.lemma_.lower()
    # (the two lists are looked in apart: their union is some 100,000 words to build a call)
    nouns, adjectives = english_words("noun"), english_words("adj")
    return all(any(w in nouns or w in adjectives for w in (t.lemma_.lower(), t.lower_))
               for t in words[1:]) and \
        word in nouns and index.vocab.noun_class(last) is None and \
        index.vocab.name_heads.get(word) is None and \
        index.vocab.name_suffixes.get(word.replace(".", "")) is None


def _title_before(index: MentionIndex, name: NameSpan) -> list[Token]:
    """The words right before a name where its title stands ("Prime Minister Jo Park")."""
    return list(index.doc[max(0, name.start - 3):name.start])


def _office_held_there(index: MentionIndex, title: list[Token]) -> bool:
    """Whether a title names a public office (``kg:officeNoun``) held in the country it names:
    "Prime Minister Jo Park of Ruritania" lives there; an envoy serves abroad (``_envoy``)."""
    return any(t.lower_.rstrip(".") in index.vocab.office_nouns for t in title) and \
        not _envoy(index, title)


def _company_town(index: MentionIndex, subject: NameSpan | None, prep: Token,
                  place: NameSpan | None) -> bool:
    """"Quillan Bourg Co. of Halstead": "of" and one capitalised word right after a company's
    legal form name its town, even one the recogniser took for an organization."""
    if subject is None or place is None or prep.lower_ != "of" or subject.end != prep.i or \
            place.start != prep.i + 1 or place.end - place.start != 1 or \
            place.label != "Organization":
        return False
    last, word = index.doc[subject.end - 1], index.doc[place.start]
    return "".join(ch for ch in last.lower_ if ch.isalpha()) in LEGAL_FORMS and \
        word.is_alpha and word.is_title and index.vocab.noun_class(word) is None


def _person_from(index: MentionIndex, head: Token) -> NameSpan | None:
    """The person "from" a place is said of: "Jane Roe from Dover", "Jane Roe, a lawyer from
    Dover", "Jane Roe is a lawyer from Dover", "Jane Roe is from Dover"."""
    subjects = [index.name(c) for c in head.children if c.dep_ == "nsubj"] \
        if head.lemma_ == "be" else []
    people = [s for s in (index.name(head), *described_names(index, head), *subjects)
              if s is not None and (s.label == "Person" or _aged(index, s))]
    return people[0] if len(people) == 1 else None


def _person_between(index: MentionIndex, subject: NameSpan, prep: Token) -> bool:
    """Another person named between ``subject`` and its "from": the parser often hangs the
    second of two "X from A and Y from B" on the first person; the place is the nearer one's."""
    return any(span.label == "Person" and span != subject and subject.end <= span.start
               and span.end <= prep.i for span in name_spans(index))


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
    for owner in index.doc.having("dep_", "poss"):
        place = index.name(owner)
        if place is None or not is_place(index, place) or \
                owner.i != place.end - 1 or _one_entity(owner, owner.head):
            continue
        subject = _subject_span(index, owner.head)
        head = owner.head
        while (subject is None or subject.label == "") and head.dep_ == "compound" and \
                head.head.i > head.i:
            # "China's Premier Li Peng": a title the possessor hangs on, before the name
            head = head.head
            subject = _subject_span(index, head) or subject
        if subject is None and owner.head.pos_ == "NOUN" and \
                index.vocab.noun_class(owner.head) != "Person":
            # "California's Sierra Nevada foothills", "Peru's Vexa Path group": the name
            # right after the possessor (not "Ruritania's UN ambassador": the ambassador is
            # Ruritania's, the UN is not in it)
            after = place.end + 1 if place.end < len(index.doc) and \
                index.doc[place.end].tag_ == "POS" else place.end
            named = index.name(index.doc[after]) if after < owner.head.i else None
            if named is not None and index.doc[named.end - 1].head.i == owner.head.i:
                subject = _subject_span(index, index.doc[named.end - 1])
        if subject is None or subject == place or subject.start <= owner.i:
            continue
        between = list(index.doc[owner.i + 1:subject.start])
        described = _described_class(index, subject, between)
        if described is None or described not in PLACED_OR_NONE:
            continue  # "Ruritania's latest model Z9": a product is made, not based, there
        if described == "Person" and any(t.tag_ in ("JJS", "RBS") for t in between):
            continue  # "Ruritania's most feared rebel leader X": ranked there, of anywhere
        if described == "Person" and is_country(index, place) and \
                not _office_held_there(index, between) and _personal_name(index, subject):
            # "Ruritania's Ana Ruiz won her heat", "Ruritania's envoy Jo Park": the country a
            # runner runs for or an envoy serves, not said to be where they live (but
            # "Ruritania's Premier Jo Park" holds an office there)
            found.relation(index.name_mention(subject), "nationality", index.name_mention(place),
                           owner, "place-possessive", CONFIDENCE["place-possessive"])
            continue
        _placed(index, found, subject, described, place, owner, "place-possessive", inside)


def _personal_name(index: MentionIndex, name: NameSpan) -> bool:
    """Whether a name the recogniser took for a person's looks like one: no place's, and not
    ending in an English noun that is no surname ("Germany's glorious Cologne Cathedral";
    "Kelly Holmes" is a person's)."""
    last = index.doc[name.end - 1].lower_
    return not is_place(index, name) and (last not in english_words("noun") or
                                          last in surnames())


def _one_entity(first: Token, second: Token) -> bool:
    """Whether the entity recogniser read both tokens as one name ("the People's Republic of
    China" is no republic of a place called People)."""
    return any(ent.start <= first.i < ent.end and ent.start <= second.i < ent.end
               for ent in first.doc.ents)


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


def _resident(index: MentionIndex, noun: Token) -> bool:
    """A noun that says where a person lives: "a Dover native" is "a native of Dover"."""
    return index.vocab.relation_nouns.get(f"{noun.lemma_.lower()} of") == "livesIn"


def _native_of(index: MentionIndex, word: Token, name: NameSpan) -> bool:
    """"a Brenton native": a name set before a noun that says where a person lives is a place,
    whatever class the recogniser gave it."""
    return word.dep_ == "compound" and word.head.pos_ == "NOUN" and word.head.is_lower and \
        _resident(index, word.head) and name.end == word.head.i and word.is_title


def _stated_class(index: MentionIndex, noun: Token) -> str | None:
    """The class a noun says its referent is of: a person ("lawyer", "native") or another."""
    if noun.lower_ in index.vocab.role_nouns or _resident(index, noun):
        return "Person"
    return index.vocab.noun_class(noun)


def _described_class(index: MentionIndex, name: NameSpan, title: list[Token]) -> str | None:
    """The class of a name, or of the noun before it ("Swiss bank Ober": an organization)."""
    for t in reversed(title):
        if t.lower_ in index.vocab.role_nouns or _resident(index, t):
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
    """The words of a description set beside a name (or completing a copula it is the subject
    of), up to its head noun."""
    root = index.doc[name.end - 1]
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    # "Vexa, one of China's largest banks": the noun the name is one of
    nouns += [g for c in root.children if c.dep_ == "appos" and c.lower_ == "one"
              for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < name.start:
        nouns.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        # "Jane Roe is a Dover lawyer", "... is a Dover native": a noun that says what a
        # person or an organization is, of the name's class (not "is a Texas fan", nor a
        # company "is Ruritania's only nickel producer")
        classes = (name.label,) if name.label else ("Person", "Organization")
        nouns += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN" and
                  _stated_class(index, c) in classes]
    if len(nouns) != 1:
        return []
    noun = nouns[0]
    # "Tarlo SA, the Dover-based firm's third deal": a possessor described by a noun is
    # another thing ("one of Norway's largest dairies" keeps its place)
    owned = {t.i for c in noun.children if c.dep_ == "poss" and index.name(c) is None
             for t in c.subtree}
    return [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "punct")
            and not (name.start <= t.i < name.end) and t.i not in owned]


def place_titles(index: MentionIndex, found: Found) -> None:
    """"Texas Gov. Jane Roe", "Leeds businessman Ivo Brant",
    "Swiss bank Ober", "the Ruritanian pianist Karl Dunn": a place or nationality in the title
    or description before a name says where the person lives or the organization is; so does
    one opening an organization's name ("the Ruritanian Defence Ministry"). A post that serves
    a country abroad ("U.S. Ambassador Tom Pell") gives his nationality."""
    inside = containers(index)
    for name in name_spans(index):
        # a title before the name, and a description set beside it ("the Chinese game maker,
        # Hooli", "Jane Roe, a Dover lawyer")
        title = list(index.doc[_title_start(index, name):name.start]) + _beside(index, name)
        if name.label == "Organization" and name.end - name.start > 1 and \
                not _placed_after(index, name) and not _nickname(index, name):
            _nationality(index, found, name, "Organization", index.doc[name.start])
        cls = _described_class(index, name, title) if title else None
        if cls not in ("Person", "Organization"):
            continue
        named = [index.name(t) for t in title]
        for t in title:
            place = index.name(t)
            if place is not None and place.end - place.start == 1 and \
                    t.lower_ in index.vocab.demonyms:
                place = None  # "Spanish eighth seed Ana Ruiz": a nationality, not a place
            native = place is not None and _native_of(index, t, place)
            if place is not None and (is_place(index, place) or native) and \
                    t.i == place.end - 1 and not _owner_post(index, place) and \
                    not _remit(index, place) and \
                    not any(place in inside.get(other, ()) for other in named if other):
                if native:
                    found.hint(index.name_mention(place), "Place", PLACE_WEIGHT,
                               "a native's place")
                if cls == "Person" and (_envoy(index, title) or (
                        is_country(index, place) and _possessed(index, place))):
                    # "U.S. Ambassador Tom Pell": the country he serves abroad, not his home;
                    # "Ruritania's Nobel laureate, Jo Park", "Ruritania's oil minister": a
                    # country's own man, not where he lives ("Ruritania coach Jo Park" may be
                    # a foreigner, "Ruritania hostage Jo Park" one held there: left as it was)
                    found.relation(index.name_mention(name), "nationality",
                                   index.name_mention(place), t, "place-title",
                                   CONFIDENCE["place-title"])
                else:
                    _placed(index, found, name, cls, place, t, "place-title", inside)
            if place is None or place.label != "Place":
                _nationality(index, found, name, cls, t)


def _possessed(index: MentionIndex, place: NameSpan) -> bool:
    """Whether a place's name bears a possessive mark ("Ruritania's")."""
    end = place.end
    return end < len(index.doc) and index.doc[end].tag_ == "POS"


def _nickname(index: MentionIndex, name: NameSpan) -> bool:
    """"a singer known as the Ruritanian Sinatra", "dubbed the Vexan Elvis": a name given as
    what someone is called is a nickname, no body of that country."""
    doc, k = index.doc, name.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 0:
        return False
    word = doc[k]
    if word.lower_ == "as" and k > 0:
        word = doc[k - 1]
    return word.tag_ == "VBN" and word.lemma_.lower() in ("know", "dub", "nickname", "call")


def _envoy(index: MentionIndex, title: list[Token]) -> bool:
    """Whether a title names a post that serves a country abroad (``kg:envoyNoun``)."""
    words = [t.lower_.rstrip(".") for t in title]
    return any(w in index.vocab.envoy_nouns or f"{w} {v}" in index.vocab.envoy_nouns
               for w, v in zip(words, [*words[1:], ""], strict=True))


def _remit(index: MentionIndex, place: NameSpan) -> bool:
    """"Jo Park, Vexa's chief U.S. regional economist", "head Asia strategist": a place
    right after a title's role noun is what the post covers, not where its holder lives."""
    return place.start > 0 and role_word(index, index.doc[place.start - 1])


def _owner_post(index: MentionIndex, place: NameSpan) -> bool:
    """"Vexland boss Jo Park", "Dover owner Tom Reed": a post that heads or owns a body
    (``kg:ownerNoun``) right after a place's name is the post of a team, party or company of
    that name, and says nothing of where its holder lives."""
    doc, end = index.doc, place.end
    after = " ".join(t.lower_ for t in doc[end:end + 2])
    return end < len(doc) and (doc[end].lower_ in index.vocab.owner_nouns or
                               after in index.vocab.owner_nouns)


def _placed_after(index: MentionIndex, name: NameSpan) -> bool:
    """"the Ruritanian Embassy in Dover": a place the name is said to be in tells where it
    is; the nationality opening its name says only whose it is."""
    doc, end = index.doc, name.end
    place = index.name(doc[end + 1]) if end + 1 < len(doc) else None
    return doc[end].lower_ in ("in", "at") if end < len(doc) and place is not None and \
        place.label == "Place" else False


def _nationality(index: MentionIndex, found: Found, name: NameSpan, cls: str,
                 word: Token) -> None:
    """A nationality adjective ("Swiss", "Russian") says the name is of its country."""
    country = index.vocab.demonyms.get(word.lower_)
    if not country or not word.text[:1].isupper():
        return
    where = Mention(country, index.offset + word.idx, index.offset + word.idx + len(word.text),
                    "Place", MentionKind.NAME)
    found.name(where)
    # "the Swiss bank Ober" is in Switzerland; "Swiss skier Ana Ruiz" is Swiss, wherever she
    # lives
    relation = "nationality" if cls == "Person" else relation_of(cls)
    found.relation(index.name_mention(name), relation, where, word, "place-demonym",
                   CONFIDENCE["place-demonym"])


def place_descriptions_before(index: MentionIndex, found: Found) -> None:
    """"the Sunnyvale, Calif., electronics firm", "the Texas senator": a place before the noun
    of a definite description says where what it refers to is based or lives."""
    inside = containers(index)
    for noun in index.doc.having("pos_", "NOUN"):
        if index.name(noun) is not None or \
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


def native_places(index: MentionIndex, found: Found) -> None:
    """"his native South Carolina", "Jane Roe's native Ohio": the owner of a place called
    native comes from it."""
    inside = containers(index)
    for word in index.doc.having("dep_", "amod"):
        if word.lower_ != "native":
            continue
        place = index.name(word.head)
        if not is_place(index, place):
            continue
        owners = [c for c in word.head.children if c.dep_ == "poss"]
        person = index.argument(owners[0], allow_concept=False) if owners else None
        if person is None or person.label not in ("Person", ""):
            continue
        for where in (place, *inside.get(place, ())):
            found.relation(person, "livesIn", index.name_mention(where), word, "place-of",
                           CONFIDENCE["place-of"])


def unhyphenated_participles(index: MentionIndex, found: Found) -> None:
    """"Salt Lake City based Western", "Illinois born Tom Vell": a place, a participle the
    ontology maps with "in" and a name, written without the hyphen (the parser reads the place
    as the verb's subject, and the participle may be tagged a past tense)."""
    doc = index.doc
    for verb in index.tokens:
        if verb.tag_ not in ("VBN", "VBD") or verb.i == 0 or verb.i + 1 >= len(doc) or \
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
