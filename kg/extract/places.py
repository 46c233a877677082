"""Which place a place is in: "City, State" chains ("Dover, Delaware"), a place noun describing a
place ("Dover, a town in Delaware"), "Kassala in eastern Sudan"; and the helpers the rules about
where people and organizations are (kg.extract.homes, kg.extract.events) share."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from itertools import pairwise

from kg import gazetteer
from kg.extract.found import Found
from kg.extract.mentions import MentionIndex, NameSpan, name_spans
from kg.extract.names import ORDINAL
from kg.extract.words import Token
from kg.model import Mention, MentionKind

CONFIDENCE = {"place-pair": 0.8, "place-description": 0.8, "place-in-place": 0.6,
              "place-copula": 0.7}
# Weight of the class a dateline states: what it names first is a place (as a class the text
# states, kg.extract.descriptions.STATED).
PLACE_WEIGHT = 2.0
LIST_WORDS = frozenset({"and", "or", "&", "nor"})
# A company's legal form, which the recogniser may take for a place written short ("S.A.").
LEGAL_FORMS = frozenset({"sa", "nv", "ag", "spa", "plc", "inc", "corp", "co", "ltd", "llc",
                         "bv", "ab", "oy", "gmbh", "kk", "srl", "sarl", "pty"})
# "Calif.", "Del.", "N.M.": a state or province written short, as only a "City, State" pair does.
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){2,3}")


def is_place(index: MentionIndex, span: NameSpan | None) -> bool:
    """A name the entity recogniser took for a place, unless it is the surname of a person
    named in the paragraph ("Kurt Barnard, president of Barnard's Consulting") or a company's
    legal form ("Petroleos de Ruritania, S.A."). A country the ontology knows is a place even
    when the recogniser took it for an organization ("Ruritania's second city")."""
    if span is None or span.label == "Person" or (span.label != "Place" and
                                                 not is_country(index, span)):
        return False
    text = index.doc[span.start:span.end].text
    if "".join(ch for ch in text.lower() if ch.isalpha()) in LEGAL_FORMS:
        return False
    return not any(other.label == "Person" and other.end - other.start > 1 and
                   index.doc[other.end - 1].text == text for other in name_spans(index))




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
    # "Vexa with Orbis Ales, Dunmore with Kell Brewing": pairs of names listed alike, each
    # joined by the same word ("met in Aiken, Texas in June" is no such list)
    end = run[-1].end
    if before > 0 and end + 1 < len(doc) and doc[before].pos_ == "ADP" and \
            doc[end].lower_ == doc[before].lower_ and \
            index.name(doc[before - 1]) is not None and index.name(doc[end + 1]) is not None:
        return True
    return before >= 0 and (doc[before].lower_ in LIST_WORDS or (
        doc[before].text == "," and before > 0 and index.name(doc[before - 1]) is not None))


def _initial(index: MentionIndex, span: NameSpan) -> bool:
    """"K.", "B": one capital letter, a person's initial; no place is written so."""
    text = index.doc[span.start:span.end].text.rstrip(".")
    return len(text) == 1 and text.isupper()


def _long_list(index: MentionIndex, run: list[NameSpan]) -> bool:
    """Names behind commas that are a list without "and": three countries or more (a
    country is inside no other one: "the five (Italy, Britain, France, Germany, Spain)"), or
    four names or more none of them written short as a state is ("Dover, Kent, England" is
    a chain; "Paris, London, Rome, Berlin" a list)."""
    if len(run) >= 3 and all(is_country(index, span) for span in run):
        return True
    return len(run) >= 4 and not any(_abbreviated(index, span) for span in run)


def _joined(index: MentionIndex, first: list[NameSpan], second: list[NameSpan]) -> bool:
    """Whether ``second`` follows ``first`` after "and" or "or" (and maybe a comma)."""
    doc = index.doc

    def after(run: list[NameSpan]) -> int:
        return run[-1].end + (run[-1].end < len(doc) and doc[run[-1].end].text == ",")

    i, j = after(first), after(second)
    more = j < len(doc) and doc[j].lower_ in LIST_WORDS  # "..., Spain and Greece": no pairs
    return i < len(doc) and doc[i].lower_ in LIST_WORDS and second[0].start == i + 1 and \
        not more


def containers(index: MentionIndex) -> dict[NameSpan, list[NameSpan]]:
    """``_containers``, read once for the paragraph."""
    return index.per_paragraph(_containers)


def _containers(index: MentionIndex) -> dict[NameSpan, list[NameSpan]]:
    """Each name followed by the places it is in, read from "City, State" chains: "Aiken, S.C."
    and "Acme Mills, Aiken, S.C." give the places a name is in, each one inside the next. A list
    of places ("Paris, London and Rome") is no chain, but a list of pairs ("Aiken, S.C., and
    Dover, Del.") is one when each state is written short."""
    doc = index.doc
    runs: list[list[NameSpan]] = []
    for span in name_spans(index):
        if runs and runs[-1][-1].end + 1 == span.start and doc[span.start - 1].text == ",":
            runs[-1].append(span)
        else:
            runs.append([span])
    inside: dict[NameSpan, list[NameSpan]] = {}
    for k, run in enumerate(runs):
        if len(run) < 2 or any(_initial(index, span) for span in run):
            continue  # "Marsh, K., Okafor, B.": authors and their initials, no place
        after = run[-1].end + (1 if run[-1].end < len(doc) and doc[run[-1].end].text == ","
                               else 0)
        listed = _in_list(index, run, after) or _long_list(index, run)
        # "Acme Spa, Genoa and Hooli Ltd, Leeds", "Houston, Texas, and Denver, Colorado": a list
        # of pairs of the same shape
        neighbours = [(runs[j], run) if j < k else (run, runs[j])
                      for j in (k - 1, k + 1) if 0 <= j < len(runs)]
        paired = len(run) == 2 and any(
            len(first) == len(second) == 2 and first[0].label == second[0].label and
            _joined(index, first, second) for first, second in neighbours)
        chain: list[NameSpan] = []
        for inner, outer in pairwise(run):
            followed = doc[outer.end].tag_ == "POS" if outer.end < len(doc) else False
            # "4 Vexa Square, 42nd St.": a numbered street is where a thing stands, no
            # region another place is in
            numbered = ORDINAL.fullmatch(doc[outer.start].lower_) is not None
            fits = inner.label in ("Place", "Organization") and is_place(index, outer) and \
                not followed and not numbered and _linked(index, inner, outer) and \
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
    first = min((span.start for span in inside), default=0)
    lead = index.tokens[:first]
    # "Owl Creek Village, Ill.": a dateline's capitals written as a name, whose first word the
    # recogniser left out as a common noun, is one town's name from its first word
    whole = bool(lead) and all(t.is_alpha and t.is_title and (
        (span := index.name(t)) is None or span.label == "") for t in lead)
    alone = all(t.i in named or t.is_punct or (whole and t.i < first) for t in index.tokens)
    for inner, outers in inside.items():
        start = 0 if alone and whole and inner.start == first else inner.start
        mention = index.mention(start, inner.end, "Place", MentionKind.NAME) \
            if start < inner.start else index.name_mention(inner)
        if alone:
            found.hint(mention, "Place", PLACE_WEIGHT, "dateline")
        if (start < inner.start or is_place(index, inner)) and \
                outers[0].start == inner.end + 1:
            # "Dover, Del." is a name of Dover, the one that tells it from other Dovers
            found.alias(mention,
                        index.mention(start, outers[0].end, "Place", MentionKind.NAME),
                        "a place with the place it is in")
        for outer in outers:
            found.relation(mention, "locatedIn", index.name_mention(outer),
                           index.doc[outer.start], "place-pair", CONFIDENCE["place-pair"])


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
    for noun in index.doc.having("pos_", "NOUN"):
        if index.vocab.noun_class(noun) != "Place" or \
                index.name(noun) is not None:
            continue
        names = described_names(index, noun)
        called = [] if names else _called(index, noun)
        names = names or called
        if not names:
            continue
        places = [index.name(g) for c in noun.children
                  if (c.dep_ == "prep" and c.lower_ in ("in", "of") and
                      not (called and c.lower_ == "of"))
                  for g in c.children if g.dep_ == "pobj"]
        places += [index.name(c) for c in noun.children if c.dep_ == "poss"]
        for place in places:
            if place is None or not is_place(index, place):
                continue
            for name in names:
                if name == place:
                    continue
                for where in (place, *inside.get(place, ())):
                    found.relation(index.name_mention(name), "locatedIn",
                                   index.name_mention(where), noun, "place-description",
                                   CONFIDENCE["place-description"])


def is_country(index: MentionIndex, span: NameSpan) -> bool:
    """Whether a name is a country the ontology names with a nationality adjective."""
    return index.text(span.start, span.end).lower() in index.vocab.country_keys


def _called(index: MentionIndex, noun: Token) -> list[NameSpan]:
    """The place a place noun names with "of": "Ruritania's northern province of Kassala",
    "the port city of Dover in southern Ruritania" (not "the capital of Ruritania", which is
    no name for Ruritania: the noun must be definite or owned, and say what the name is)."""
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the")
               for c in noun.children) or noun.tag_ != "NN":
        return []
    names = [index.name(g) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]
    return [n for n in names if is_place(index, n) and index.doc[n.end - 1].ent_type_ == "GPE"]


@cache
def _continents() -> frozenset[str]:
    """The last words of the continents' names ("africa", "america")."""
    return frozenset(name.split()[-1].lower() for name in gazetteer.continents())


def _region(index: MentionIndex, span: NameSpan) -> bool:
    """"West Africa", "Asia", "Latin America": a continent or a region of one, no country."""
    return index.doc[span.end - 1].lower_ in _continents() and not is_country(index, span)


def place_in_place(index: MentionIndex, found: Found) -> None:
    """"Kassala in eastern Sudan", "the Najd plateau in northern Ruritania": a place named
    right before "in" and another place is in that one, wherever the parser hangs the "in";
    not a country ("Ruritania in Freedonia" is rather where a country acts) unless in a
    continent or a region of one ("Ruritania in West Africa"). The "in" phrase
    may be set off by commas: "the Palace of Glass, in Dover, staged it"."""
    doc = index.doc
    for prep in index.tokens:
        if prep.lower_ != "in" or prep.i == 0:
            continue
        set_off = doc[prep.i - 1].text == "," and prep.i > 1
        inner = index.name(doc[prep.i - 1 - set_off])
        i = prep.i + 1
        while i < len(doc) and doc[i].is_lower and doc[i].dep_ in ("det", "amod", "compound"):
            i += 1  # "in the", "in eastern"
        outer = index.name(doc[i]) if i < len(doc) else None
        if not (is_place(index, inner) and is_place(index, outer)) or inner == outer or \
                outer.start != i or (is_country(index, inner) and not _region(index, outer)) \
                or (_listed_on(index, outer) and
                    not gazetteer.is_city(index.text(inner.start, inner.end))):
            continue
        before = inner.start - 1
        while before >= 0 and doc[before].dep_ == "det":
            before -= 1
        if before >= 0 and doc[before].is_quote:
            continue  # "rated it the “Second Friendliest City in the US”": a title, no place
        if set_off and (outer.end >= len(doc) or doc[outer.end].text != "," or
                        (before >= 0 and doc[before].lower_ == "in")):
            continue  # "in Leeds, in Dover, and in Bath": a list of places, no aside
        found.relation(index.name_mention(inner), "locatedIn", index.name_mention(outer), prep,
                       "place-in-place", CONFIDENCE["place-in-place"])


def _listed_on(index: MentionIndex, outer: NameSpan) -> bool:
    """"cases of Vexa fever in Ruritania, Borduria and Syldavia": a place that opens a list of
    three places or more after "in" holds nothing alone (what is spread over them all is
    located in none; two may share a thing across their border; a town the
    gazetteer knows is in the first, "Lyon in France, Spain and Italy"). The list is
    read from the words, "and" or "or" before its last place, as the parser may read its
    last places as a clause's subject; "in Dover, Kent," is a town and its county."""
    doc, k = index.doc, outer.end
    if k >= len(doc) or doc[k].text != ",":
        return False  # "the Tarrow Field in Ruritania and Borduria" lies across a border
    while k + 1 < len(doc) and doc[k].text == ",":
        following = index.name(doc[k + 1])
        if not is_place(index, following) or following.start != k + 1:
            return False
        k = following.end
    if k + 1 >= len(doc) or doc[k].lower_ not in ("and", "or"):
        return False
    last = index.name(doc[k + 1])
    # "Vexton in Ruritania and Dunmore in Borduria": two pairs, no list
    return is_place(index, last) and last.start == k + 1 and \
        (last.end >= len(doc) or doc[last.end].lower_ != "in")


def place_copulas(index: MentionIndex, found: Found) -> None:
    """"Dover is in Kent", "Rome is in Lazio province": a place said to be in another place
    is in it; not a country ("Ruritania is in Freedonia" may be its army), nor when denied."""
    for be in index.tokens:
        if be.lemma_ != "be" or any(c.dep_ == "neg" for c in be.children):
            continue
        subjects = [index.name(c) for c in be.children if c.dep_ == "nsubj"]
        inner = subjects[0] if len(subjects) == 1 else None
        if not is_place(index, inner) or \
                is_country(index, inner):
            continue
        for pobj in (g for c in be.children if c.dep_ == "prep" and c.lower_ == "in"
                     for g in c.children if g.dep_ == "pobj"):
            outer = index.name(pobj)
            if outer is None and index.vocab.noun_class(pobj) == "Place":
                # "in Lazio province": the name before the place noun
                named = [index.name(c) for c in pobj.children if c.dep_ == "compound"]
                outer = named[0] if len(named) == 1 else None
            if is_place(index, outer) and outer != inner:
                found.relation(index.name_mention(inner), "locatedIn",
                               index.name_mention(outer), be, "place-copula",
                               CONFIDENCE["place-copula"])


def chained_places(index: MentionIndex, found: Found) -> None:
    """Whatever another rule put in a place of a "City, State" chain is in the later places too:
    "a native of Dover, Delaware" is a native of Delaware; so is what is in a place another is
    in ("a clinic in Dover in southern Ruritania" is in Ruritania); runs after the other
    rules."""
    inside: dict[tuple[int, int], list[Mention]] = {}
    for span, outers in containers(index).items():
        mention = index.name_mention(span)
        inside[(mention.start, mention.end)] = [index.name_mention(o) for o in outers]
    for cand in found.candidates:
        if cand.evidence.rule == "place-in-place":
            inside.setdefault((cand.subject.start, cand.subject.end), []).append(cand.object)
    if not inside:
        return
    have = {(c.subject.start, c.relation, c.object.start) for c in found.candidates}
    queue = list(found.candidates)
    while queue:  # each new fact may lead one place further out
        cand = queue.pop()
        further = inside.get((cand.object.start, cand.object.end), ())
        if not further or not cand.canonical or cand.object.kind != MentionKind.NAME or \
                index.vocab.ranges.get(cand.relation) != "Place":
            continue
        for outer in further:
            key = (cand.subject.start, cand.relation, outer.start)
            if key not in have and (cand.subject.start, cand.subject.end) != (outer.start,
                                                                              outer.end):
                have.add(key)
                found.candidates.append(replace(cand, object=outer))
                queue.append(found.candidates[-1])
