"""Job titles and employers, read along the words around a person's name.

News writes a title in a few fixed shapes, and the small parser often misattaches its words
("Telewest chief executive Eric Tveter" parses "Telewest" as an adjective), so these rules read
the token sequence and the entity spans rather than the dependency tree:

- before the name, after the employer:  "Orbis chairman and chief executive Li Wu",
  "Vexa's head of research Ian Marsh", "Former Orbis boss Tom Reed", "Navy Lt. Jo Park";
- after the name, through a comma, a copula or a naming verb, then "of/at/for/with/from" and
  the employer: "Ann Roe, spokeswoman for Delta Mills", "Reed is executive vice-president of
  Orbis", "Jo Park, who is chairman of Vexa", "Reed was named president of Orbis";
- a naming verb, the name, the title: "Orbis named Li Wu chairman" (the employer is the
  subject of the naming verb unless the title says "of" whom).

Titles are read by ``kg.extract.titles``, the organizations they serve by
``kg.extract.employers``.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from kg.census import common_given_names, surnames
from kg.extract.employers import (
    employer_after,
    employer_before,
    skip_remit,
    sole_organization_before,
)
from kg.extract.found import Found, describing_noun
from kg.extract.mentions import MentionIndex, NameSpan
from kg.extract.names import ends_like_firm
from kg.extract.titles import (
    CALLING_VERBS,
    EMERITUS,
    FORMER,
    Title,
    parts,
    personal,
    record_set,
    role_word,
    table_place,
    title_before,
    title_from,
    title_word,
)
from kg.extract.words import Doc, Token
from kg.model import Mention, MentionKind
from kg.nlp import common_nouns

CONFIDENCE = {"title-before": 0.85, "title-after": 0.85, "title-named": 0.8,
              "employer-before": 0.8, "employer-after": 0.8, "employer-named": 0.75,
              "employer-affiliation": 0.7, "title-credit": 0.8, "employer-credit": 0.8}
# Words that may stand between a name and the title that follows it.
LINKS = frozenset({",", "who", "is", "was", "has", "had", "been", "be", "will", "would",
                   "another", "one",
                   "also", "both", "now", "currently", "formerly", "previously", "then",
                   "the", "a", "an", "become", "becomes", "became", "named", "appointed",
                   "elected", "promoted", "as", "its", "remains", "remain",
                   # "Jo Park, then her private secretary", "Jo Park, herself a former minister"
                   "his", "her", "their", "himself", "herself", "themselves"})
NAMING_VERBS = frozenset({"name", "appoint", "elect", "promote", "nominate"})
# "to succeed Jo Park as chairman", "joined Jo Park as a cofounder": the post after "as" is
# the subject's, not the object's (as it is after "hired Jo Park as")
SUCCESSION_VERBS = frozenset({"succeed", "replace", "oust", "unseat", "displace", "join"})
# Posts only a company has: a bare one before a name is at the organization its sentence names.
CORPORATE = frozenset({"ceo", "coo", "cfo", "cto", "chief executive", "chief executive officer",
                       "chief operating officer", "chief financial officer"})
MAX_LINKS = 5


def _is_person(span: NameSpan, index: MentionIndex) -> bool:
    tokens = index.doc[span.start:span.end]
    return span.label == "Person" or (span.label == "" and len(tokens) > 1 and
                                      all(t.is_title or t.text == "." for t in tokens))


def roles(index: MentionIndex, found: Found) -> None:
    """Every title written next to a person's name, and the employer it names."""
    for span in sorted(set(index.by_token.values()), key=lambda s: s.start):
        if span.label not in ("Person", "Organization", "") or all(
                title_word(index, t) or t.text == "." for t in index.doc[span.start:span.end]):
            continue  # "Vice Adm.", read as a name, is the title of the name after it
        person = index.name_mention(span)
        # a title right before a name makes it a person's, whatever the recogniser said
        last = index.doc[span.end - 1]
        titled_name = (span.label == "Person" or (span.end - span.start > 1 and all(
            t.is_title or t.text == "." for t in index.doc[span.start:span.end]) and
            index.vocab.noun_class(last) in (None, "Person"))) and \
            not ends_like_firm(last, index.vocab)  # "Vexa Health Solutions", "lead manager
        # Vexa International said": a name a firm's word or legal suffix ends holds no post
        before = _read_before(index, span) if titled_name and \
            not _common_noun(index, span) else None
        if before is not None and _line_of_business(index, span, before[0]):
            before = None
        after = _read_after(index, span)
        untyped_word = span.label == "" and span.end - span.start == 1 and \
            index.doc[span.start].is_title
        if after is not None and not (_is_person(span, index) or before is not None or
                                      _aged(index.doc, span.end) or (
                personal(index, after[0]) and _indefinite(index, span, after[0])) or (
                personal(index, after[0]) and (
                    untyped_word or _through_verb(index, span, after[0])))):
            after = None
        if _aged(index.doc, span.end):
            found.hint(person, "Person", 1.0, "an age after the name")
        affiliation = _affiliation(index, span) if after is None and (
            before is not None or _is_person(span, index) or _aged(index.doc, span.end)) \
            else None
        if affiliation is not None and before is None:
            found.relation(person, "worksFor", affiliation[0], affiliation[1],
                           "employer-affiliation", CONFIDENCE["employer-affiliation"])
        elif affiliation is not None:
            before = _with_affiliation(index, before, affiliation[0])
        reads = [before, after]
        # "X, a former director, was named chairman", "named X, a former director, chairman"
        named = _read_named(index, span) or _read_named_past_aside(index, span)
        if named is not None and all(r is None or r[0].start != named[0].start for r in reads):
            reads.append(named)
        mourned = _mourned(index, span)
        for read in reads:
            if read is not None:
                if mourned:
                    read = (replace(read[0], former=True), *read[1:])
                write_title(index, found, person, read)


def _line_of_business(index: MentionIndex, span: NameSpan, title: Title) -> bool:
    """"online broker Vexa", "broker Vexa Holdings Corp.": a title whose head names a firm's
    trade, before a firm's name or, with a word for the kind of trade, a name the story calls
    an organization's, is what the firm does, no one's post (but the recogniser calls many
    a person's name an organization's: "Bombay broker Dinesh Vell")."""
    head = index.doc[title.end - 1]
    return index.vocab.noun_class(head) == "Organization" and (
        ends_like_firm(index.doc[span.end - 1], index.vocab) or
        (span.label == "Organization" and title.end - title.start > 1))


def _common_noun(index: MentionIndex, span: NameSpan) -> bool:
    """"General Purpose bombs", "General Issue rifles": one capitalised word after a title
    that is an English common noun and no one's surname or given name (the census lists) is
    a kind of thing the title word opens, not a person's name ("General Stone" is a name)."""
    if span.end - span.start != 1:
        return False
    word = index.doc[span.start].lower_
    return word in common_nouns() and word not in surnames() and \
        word not in common_given_names()


def _with_affiliation(index: MentionIndex, before: tuple[Title, Mention | None, str],
                      employer: Mention) -> tuple[Title, Mention | None, str]:
    """"Patrol Chief Jo Park with the Vexa Police": the employer after the name is the one
    the title serves, and capitalised words before the title the recogniser did not tag are
    part of it, not an employer."""
    doc = index.doc
    title, before_employer, rule = before
    k = title.start
    if before_employer is not None and (before_employer.kind != MentionKind.NAME or
                                        index.name(doc[k - 1]) is not None):
        return before
    while k > 0 and title.start - k < 2 and doc[title.start].is_title and \
            doc[k - 1].is_title and doc[k - 1].is_alpha and index.name(doc[k - 1]) is None and \
            not doc[k - 1].is_stop:
        k -= 1
    return Title(k, title.end, parts(index, k, title.end), title.former), employer, rule


def _affiliation(index: MentionIndex, span: NameSpan) -> tuple[Mention, Token] | None:
    """"Jo Park, from Vexa, said", "Jo Park of the Vexa bank said", "Jo Park at Vexa said":
    an organization set off after a person's name is where the person works."""
    doc = index.doc
    j = _aside(doc, span.end) if _aged(doc, span.end) else span.end
    j += j < len(doc) and doc[j].text == ","  # "Jo Park, 47, of Vexa"
    if j >= len(doc) or doc[j].lower_ not in ("from", "of", "at", "with"):
        return None
    employer = employer_after(index, j)
    # "Jo Park of Dover", "Jo Park at the Vexa hearing": after "of" or "at" only a name the
    # recogniser calls an organization
    if employer is None or employer.kind != MentionKind.NAME or employer.label == "Place" or (
            doc[j].lower_ in ("of", "at", "with") and employer.label != "Organization"):
        return None
    if doc[j].lower_ in ("at", "with", "from") and (
            not span.start <= doc[j].head.i < span.end or _names_a_scene(index, j)):
        # "shot Jo Park at Ford's Theater", "Jo Park at the Vexa hearing", "met Jo Park with
        # Vexa's help", "signed Jo Park from the Vexa Rovers": where the person was or came
        # from, not who employs her
        return None
    if doc[j].lower_ == "from" and doc[span.end - 1].dep_ in ("dobj", "pobj", "appos"):
        return None  # "acquired pitcher Jo Park from the Vexa Rovers": where she came from
    k = doc[j].i + 1
    while k < len(doc) and not doc[k].is_punct and doc[k].pos_ != "VERB":
        k += 1
    if k < len(doc) and (doc[k].text == "," or doc[k].pos_ == "VERB" or doc[k].is_sent_end):
        return employer, doc[j]
    return None


def _names_a_scene(index: MentionIndex, i: int) -> bool:
    """Whether the first name after token ``i`` only modifies a common noun that is not an
    organization ("at the Vexa hearing", "at the Vexa plant") or owns what follows it ("at
    Vexa's theater")."""
    doc = index.doc
    for t in doc[i + 1:i + 7]:
        span = index.name(t)
        if span is None:
            continue
        last = doc[span.end - 1]
        head = last.head
        if last.dep_ == "poss" or (span.end < len(doc) and doc[span.end].tag_ == "POS"):
            return True  # "at Ford's Theater": a place someone owns
        return last.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and \
            head.pos_ == "NOUN" and head.is_lower and \
            index.vocab.noun_class(head) != "Organization"
    return False


def _aside(doc: Doc, j: int) -> int:
    """After a comma at ``j``: the index of the next comma if only an age or an abbreviation
    without a lower-case word stands between ("53", "D-Calif."), else ``j``."""
    if doc[j].text != ",":
        return j
    k = j + 1
    while k < len(doc) and k - j <= 5 and doc[k].text != "," and not doc[k].is_lower:
        k += 1
    return k if k < len(doc) and doc[k].text == "," and k > j + 1 else j


def _indefinite(index: MentionIndex, span: NameSpan, title: Title) -> bool:
    """"Reed, a professor of law at ...": "a" before a post only a person holds makes the
    name a person's (an organization is "a maker of", not "a professor")."""
    doc = index.doc
    # a surname the recogniser took for a company, not "The Times, a Vexa researcher named ..."
    if span.end - span.start > 1 or (title.end < len(doc) and
                                     doc[title.end].lower_ in ("named", "called")):
        return False
    links = [t.lower_ for t in doc[span.end:title.start]]
    # "she joined Park as a cofounder": the post after "as" may be the subject's
    return "as" not in links and any(t in ("a", "an") for t in links)


def _aged(doc: Doc, j: int) -> bool:
    """"Reed, 51, chairman of ...": an age set off by commas after a name makes it a person's
    (the recogniser may have called the surname a company)."""
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 2].text != ",":
        return False
    return doc[j + 1].text.isdigit() and 16 <= int(doc[j + 1].text) <= 110


def _current(index: MentionIndex, title: Title) -> Title:
    """"a former banking executive who is now chief executive of Orbis": the post the person
    holds now, where the description goes on from a former one to it."""
    doc = index.doc
    if doc[title.start].lower_ != "former":
        return title
    k, now = title.end, False
    while k < len(doc) and k - title.end < 5 and doc[k].lower_ in ("who", "is", "now",
                                                                   "currently", ","):
        now = now or doc[k].lower_ in ("now", "currently")
        k += 1
    later = title_from(index, k) if now else None
    return later if later is not None else title


def _former(doc: Doc, start: int, end: int) -> bool:
    """"Jo Park, formerly president of Vexa": a word between the name and its post says the
    post was held before."""
    return any(t.lower_ in FORMER for t in doc[start:end])


def _held_until(doc: Doc, span: NameSpan, title: Title) -> bool:
    """"Jo Park, who was finance secretary until the summer", "... was chief of Vexa until
    2019", "... was president of Vexa from 1950 to 1961": a post the past tense says was held
    until a time, or over years, is held no more."""
    rest = []
    for t in doc[title.end:title.end + 8]:
        if t.is_punct:
            break
        rest.append(t)
    over_years = any(a.lower_ in ("from", "between") and _year(b) for a, b in pairwise(rest))
    return ("until" in (t.lower_ for t in rest) or over_years) and \
        any(t.lower_ in ("was", "were") for t in doc[span.end:title.start]) and \
        not any(t.lemma_.lower() in NAMING_VERBS for t in doc[span.end:title.start])


def _held_then(doc: Doc, span: NameSpan, title: Title) -> bool:
    """"Jo Park was a club owner in 1961", "... was its chief when it listed": a post the past
    tense dates by a year or a past clause of time was held then; whether still is not said,
    so it is neither a current nor a former post."""
    rest = []
    for t in doc[title.end:title.end + 8]:
        if t.is_punct:
            break
        rest.append(t)
    then = any(a.lower_ == "in" and _year(b) for a, b in pairwise(rest)) or any(
        t.lower_ in ("when", "while") and t.head.tag_ == "VBD" for t in rest)
    return then and any(t.lower_ in ("was", "were") for t in doc[span.end:title.start]) and \
        not any(t.lemma_.lower() in NAMING_VERBS for t in doc[span.end:title.start])


def _year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and 1800 <= int(token.text) <= 2099


def _had_been(doc: Doc, start: int, end: int) -> bool:
    """"Jo Park had been vice president": the past perfect says a post held before the time
    the story tells of ("has been" is held still)."""
    words = [t.lower_ for t in doc[start:end]]
    return any(a in ("had", "'d") and b == "been" for a, b in pairwise(words))


def _through_verb(index: MentionIndex, span: NameSpan, title: Title) -> bool:
    """Whether a verb or relative links a name to the title after it ("Reed is president"),
    which makes an untyped name a person's; a comma alone does not ("Orbis, chairman ..."), nor
    a verb whose subject is another ("Jo Park, formerly of Orbis, was named president")."""
    if index.doc[span.end - 1].dep_ == "pobj":
        return False
    return any(t.lower_ in ("is", "was", "who", "named", "appointed", "elected", "became")
               for t in index.doc[span.end:title.start])


def write_title(index: MentionIndex, found: Found, person: Mention,
          read: tuple[Title, Mention | None, str]) -> None:
    doc = index.doc
    title, employer, rule = read
    role_token = doc[title.end - 1]
    former = title.former or doc[title.start].lower_ in FORMER
    for part in title.parts:
        if former and part.split()[0].lower() not in FORMER:
            part = f"former {part}"
        found.literal(person, "role", part, role_token, f"title-{rule}",
                      CONFIDENCE[f"title-{rule}"])
    parts = " and ".join(title.parts)
    found.hint(person, "Person", 1.5, f"title: {parts}", describing_noun(parts))
    found.titled.add(person.start)
    if employer is not None and employer.kind != MentionKind.CONCEPT and \
            not (employer.start == person.start and employer.end == person.end):
        # "the president of France" holds a public office of a place: a person of it, not its
        # employee; another post names an employer the recogniser took for a place ("head of
        # Tiga")
        office = employer.label == "Place" and any(
            part.lower() in index.vocab.office_nouns or
            part.lower().split()[-1] in index.vocab.office_nouns for part in title.parts)
        # "founder of Vexa" founded it; "founder and chief executive of Vexa" works there too;
        # "owner of Vexa" (a post the ontology reads as another relation) is no employee
        read_as = {p: index.vocab.relation_nouns.get(f"{p.lower().split()[-1]} of")
                   for p in title.parts if p.split()}
        founded = [p for p, relation in read_as.items() if relation == "founderOf"]
        other = [p for p, relation in read_as.items() if relation not in (None, "worksFor")]
        if founded and not office:
            found.relation(person, "founderOf", employer, role_token, f"employer-{rule}",
                           CONFIDENCE[f"employer-{rule}"])
        # "Wales boss Jo Park": a country's "boss" or "owner" runs its team, not for the
        # country (kg:ownerNoun)
        national = employer.text in index.vocab.countries and \
            any(p.lower() in index.vocab.owner_nouns for p in title.parts)
        if national and not office:
            return
        # "chairman emeritus of Vexa": an honour for a post held before, no employee
        honorary = any(p.lower().split()[-1] in EMERITUS for p in title.parts if p.split())
        if (len(other) < len(title.parts) and not former and not honorary) or office:
            # "the ambassador of Ruritania" serves it abroad: of the country, not living there
            envoy = office and any(p.lower() in index.vocab.envoy_nouns or
                                   p.lower().split()[-1] in index.vocab.envoy_nouns
                                   for p in title.parts)
            relation = "nationality" if envoy else "livesIn" if office else "worksFor"
            found.relation(person, relation, employer, role_token,
                           f"employer-{rule}", CONFIDENCE[f"employer-{rule}"])


def _read_named(index: MentionIndex,
                span: NameSpan) -> tuple[Title, Mention | None, str] | None:
    """"Jo Park, a former Vexa director, has been named chairman of Orbis": the complement
    of a passive naming verb whose subject is the name. With no "of", the employer is the
    organization the story is about."""
    doc = index.doc
    subject = doc[span.end - 1]
    verb = subject.head
    if subject.dep_ != "nsubjpass" or verb.lemma_.lower() not in NAMING_VERBS:
        return None
    for complement in (c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj")
                       and c.i > verb.i):
        start = complement.left_edge.i
        while start < complement.i and doc[start].dep_ == "det":
            start += 1
        title = title_from(index, start)
        if title is None or not personal(index, title):
            continue
        # with no "of", the organization named last before the person (not the one of an
        # apposition after the name: "Jo Park, formerly of Vexa, was named president")
        # "named president of the new unit": of another than the one announcing it
        of_another = any(t.lower_ in ("of", "at") for t in
                         doc[title.end:next((t.i for t in doc[title.end:] if t.is_punct),
                                            len(doc))])
        employer = employer_after(index, title.end) or (
            None if of_another else _announcer(index, verb)) or \
            index.mention(span.start, span.start, "Organization", MentionKind.PRONOUN)
        return title, employer, "named"
    return None


def _read_before(index: MentionIndex,
                 span: NameSpan) -> tuple[Title, Mention | None, str] | None:
    doc, start = index.doc, span.start
    comma = start > 0 and doc[start - 1].text == ","
    before_name = start - 2 if comma else start - 1
    of_employer = index.name(doc[before_name]) if before_name >= 0 else None
    if of_employer is not None and of_employer.label not in ("Place", "Person", "Thing"):
        # "the deputy secretary of the Foreign Ministry, Jo Park", "Deputy Commander of the
        # Pacific Fleet Jo Park"
        k = of_employer.start - (of_employer.start > 0 and doc[of_employer.start - 1].lower_ ==
                                 "the")
        if k > 0 and doc[k - 1].lower_ == "of":
            title = title_before(index, k - 1)
            if title is not None:
                return title, index.name_mention(of_employer), "before"
    title = title_before(index, start - 1 if comma else start)
    if title is None:
        return None
    employer = employer_before(index, title.start, title.end)
    if comma and employer is None:
        return None  # "..., the chairman, Jo Park": only with its employer before it
    if employer is None and " ".join(title.parts).lower() in CORPORATE:
        sole = sole_organization_before(index, title.start)
        employer = index.name_mention(sole) if sole is not None else None
    k = title.start - 1
    while k >= 0 and title.start - k <= 6 and (
            index.name(doc[k]) is not None or doc[k].is_space or doc[k].tag_ == "POS" or
            doc[k].lower_ == "the" or (doc[k].text == "-" and not doc[k].whitespace_)):
        k -= 1  # "former Orbis chief executive Jo Park", "the former Orbis boss", "ex-Orbis"
    if (k >= 0 and (doc[k].lower_ in FORMER or _dismissed_by(index, doc[k]))) or \
            _left(index, span):
        title = replace(title, former=True)
    return title, employer, "before"


def _mourned(index: MentionIndex, span: NameSpan) -> bool:
    """"the funeral of Orbis chairman Jo Park", "fans honoured the life of coach Jo Park",
    "Jo Park, a chairman of Orbis who died in 1931": a name the sentence tells is of one
    dead (``kg:mourningWord``, a death after it) held its post, and holds it no more."""
    doc, words = index.doc, index.vocab.mourning_words
    if span.start > 1 and doc[span.start - 1].lower_ == "late" and \
            doc[span.start - 2].lower_ == "the":
        return True  # "the late Jo Park, chairman of Orbis"
    name = doc[span.end - 1]
    if name.dep_ == "nsubj" and name.head.lemma_.lower() == "die" and name.head.tag_ == "VBD":
        return True  # "Jo Park, chairman of Orbis, died on Monday"
    while name.dep_ in ("appos", "conj") and name.head.i < name.i:
        name = name.head  # "the funeral of Jo Park and Tom Reed"
    if name.dep_ == "pobj" and name.head.lower_ == "of":
        noun = name.head.head
        while noun.dep_ == "conj" and noun.head.i < noun.i:
            noun = noun.head  # "the life and achievements of"
        if noun.pos_ == "NOUN" and (noun.lemma_.lower() in words or (
                noun.lemma_.lower() == "life" and noun.head.pos_ == "VERB" and
                noun.head.lemma_.lower() in words)):
            return True
    # "who died in 1931" on the name or on the post set off after it (a relative clause of
    # "die": most paragraphs have none, and are not read to the end of the clause for it)
    died = [t for t in doc.having("dep_", "relcl")
            if t.i >= span.end and t.lemma_.lower() == "die" and t.tag_ in ("VBD", "VBN")]
    if not died:
        return False
    end = next((t.i for t in doc[span.end:] if t.text in (".", ";")), len(doc))
    return any(t.i < end and any(c.lower_ in ("who", "that") for c in t.children) and
               (t.head.i == name.i or (t.head.dep_ == "appos" and t.head.head.i == name.i))
               for t in died)


def _done_in_the_past(verb: Token) -> bool:
    """A verb in the simple past, or a participle of a perfect or a passive in the past or
    present ("has resigned", "was sacked", "has been ousted"), not under a modal ("will be
    sacked", "could resign")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" or c.lower_ == "to" for c in aux):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(aux))


def _dismissed_by(index: MentionIndex, word: Token) -> bool:
    """"Vexa sacked chairman Jo Park": a verb of removing one from a post in the past right
    before the title, read off the words (the parser often makes it the title's modifier)."""
    before = index.doc[word.i - 1] if word.i > 0 else None
    return word.lemma_.lower() in index.vocab.dismissing_verbs and \
        word.tag_ in ("VBD", "VBN") and not (
            before is not None and (before.tag_ == "MD" or before.lower_ == "to"))


def _left(index: MentionIndex, span: NameSpan) -> bool:
    """"chairman Jo Park resigned in January", "... has stepped down": a name followed by a
    verb of leaving a post (``kg:leavingVerb``) in the past held the post named before it.
    Read off the words, not the parse, which often hangs such a verb elsewhere. So did a name
    the parse makes the subject of such a verb with others ("president Jo Park and two aides
    resigned"), or the object of a verb of removing one from a post (``kg:dismissingVerb``:
    "the club sacked coach Jo Park", "coach Jo Park was fired")."""
    doc = index.doc
    name = doc[span.end - 1]
    while name.dep_ in ("conj", "appos") and name.head.i < name.i:
        name = name.head  # "sacked coach Jo Park and his aide", "Vexa's coach Jo Park was"
    if _left_before(index, name):
        return True
    verb, lemma = name.head, name.head.lemma_.lower()
    if verb.pos_ == "VERB" and _done_in_the_past(verb) and (
            (name.dep_ in ("dobj", "nsubjpass") and lemma in index.vocab.dismissing_verbs) or
            (name.dep_ == "nsubj" and lemma in index.vocab.leaving_verbs)):
        return True
    j = span.end
    perfect = j < len(doc) and doc[j].lemma_ == "have" and doc[j].tag_ in ("VBZ", "VBP", "VBD")
    j += perfect
    if j >= len(doc) or doc[j].pos_ != "VERB":
        return False
    verb = doc[j]
    particle = doc[j + 1].lower_ if j + 1 < len(doc) else ""  # "stepped down"
    lemma = verb.lemma_.lower()
    if lemma not in index.vocab.leaving_verbs and \
            f"{lemma} {particle}" not in index.vocab.leaving_verbs:
        return False
    return verb.tag_ == "VBN" if perfect else verb.tag_ == "VBD"


def _left_before(index: MentionIndex, name: Token) -> bool:
    """"shares fell after the resignation of Jo Park, chairman": a name after a noun of
    leaving a post (``kg:leavingNoun``) that follows "after", "following" or "since" left
    it (not "called for the resignation of Jo Park": a demand). So did one after the
    leaving that is the subject of a verb ("the sudden departure of chairman Jo Park will
    not slow its plans", "the exit of Jo Park shocked staff"): a leaving that acts is done."""
    noun = name.head.head if name.dep_ == "pobj" and name.head.lower_ == "of" else None
    if noun is None or noun.lemma_.lower() not in index.vocab.leaving_nouns:
        return False
    if noun.dep_ == "nsubj" and noun.head.pos_ in ("VERB", "AUX") and \
            any(c.dep_ in ("det", "poss") for c in noun.children):
        return True
    return noun.dep_ in ("pobj", "dobj") and noun.head.lower_ in ("after", "following", "since")


def _read_after(index: MentionIndex,
                span: NameSpan) -> tuple[Title, Mention | None, str] | None:
    doc = index.doc
    before = doc[span.start - 1] if span.start > 0 else None
    named_by = before if before is not None and before.lemma_.lower() in NAMING_VERBS and \
        before.pos_ == "VERB" else None
    j = span.end
    links = 0
    while j < len(doc) and links < MAX_LINKS:
        aside = _aside(doc, j)
        if j == span.end and doc[j].text == "(":
            # "Jo Park (pictured), a researcher at Vexa": a bracket right after the name
            close = next((k for k in range(j + 1, min(j + 16, len(doc))) if doc[k].text == ")"),
                         None)
            if close is None:
                break
            j = close + 1
        elif aside > j:
            j = aside  # "Jo Park, 53, a former ...", "Sen. Jo Park, D-Calif., chairman of ..."
        elif doc[j].lower_ in LINKS:
            j += 1
        else:
            break
        links += 1
    if links == 0 and named_by is None:
        return None  # "Jo Park chief ..." without a naming verb is no title
    last = doc[span.end - 1]
    while last.dep_ == "conj" and last.head.i < last.i:
        last = last.head  # "joined Tom Reed and Jo Park as"
    if last.dep_ == "dobj" and last.head.lemma_.lower() in SUCCESSION_VERBS and \
            "as" in (t.lower_ for t in doc[span.end:j]):
        return None  # "to succeed Jo Park as chairman": the successor's post
    if any(t.lemma_.lower() in NAMING_VERBS and t.pos_ == "VERB" and
           not any(c.dep_ == "auxpass" for c in t.children) for t in doc[span.end:j]):
        return None  # "Orbis named a president": the title is not the namer's
    if last.dep_ == "dobj" and last.head.lemma_.lower() in CALLING_VERBS:
        return None  # "a comic calling Park a thief": the caller's word for him, no post
    if any(t.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") and not span.start <= c.i < span.end and
            c.lower_ not in ("who", "that", "which") and not (
                c.pos_ == "NOUN" and _is_person(span, index) and
                c.left_edge.i <= span.start < c.right_edge.i) for c in t.children)
           for t in doc[span.end:j]):
        return None  # "Lode, a chemist at the University of Ruritania, Oakton, was a ...":
        # the verb is another's (but "The leader of Vexa, Jo Park, is appointed minister":
        # a person set beside the subject noun, which the parser hung on a name inside it)
    k = j
    while k < len(doc) and k - j < 3 and doc[k].is_lower and \
            doc[k].lower_ in index.vocab.title_words and not role_word(index, doc[k]):
        k += 1  # "Jo Park, a senior Orbis official": the employer inside the title
    if k > j and k < len(doc) and index.name(doc[k]) is not None:
        j = k
    if j < len(doc) and (doc[j].tag_ == "POS" or index.name(doc[j]) is not None):
        # "Jo Park, Orbis's chairman", "Jo Park, Orbis chief executive"
        employer_span = index.name(doc[j]) if index.name(doc[j]) is not None else None
        k = employer_span.end if employer_span is not None else j
        if k < len(doc) and doc[k].tag_ == "POS":
            k += 1
        title = title_from(index, k)
        if title is None or employer_span is None or \
                employer_span.label in ("Place", "Person", "Thing"):
            return None
        after = index.name(doc[title.end]) if title.end < len(doc) else None
        if after is not None and _is_person(after, index):
            # "Tom Baker, Vexa chairman Paul Voss and ...": the post is the next person's
            return None
        return replace(title, former=_former(doc, span.end, j)), \
            index.name_mention(employer_span), "after"
    title = title_from(index, j)
    if title is None or record_set(doc, title.start, title.end) or \
            table_place(index, title.end - 1):
        return None  # "Jo Park, the overnight leader, ...": a place in a race
    if _past_opening_phrase(doc, span, title):
        return None
    if _held_then(doc, span, title):
        return None
    title = _current(index, title)
    if title.start == j:
        title = replace(title, former=_former(doc, span.end, j) or
                        _held_until(doc, span, title) or _had_been(doc, span.end, j) or
                        _left_before(index, doc[span.end - 1]))
    employer = employer_after(index, skip_remit(index, title.end))
    if employer is None and title.end + 1 < len(doc) and doc[title.end].lower_ == "and":
        # "head of sales and chief executive of Vexa": two posts, the employer after both
        k = title.end + 1 + (doc[title.end + 1].lower_ in ("a", "an", "the"))
        second = title_from(index, k) if k < len(doc) else None
        if second is not None:
            employer = employer_after(index, skip_remit(index, second.end))
            if employer is not None:
                title = Title(title.start, second.end, title.parts + second.parts,
                              title.former)
    if employer is None and title.end < len(doc) and doc[title.end].lower_ == "of":
        return title, None, "after"
    rule = "after"
    if employer is None and named_by is not None:
        # "Orbis named Li Wu chairman": the one who names employs
        employer, rule = _namer(index, named_by), "named"
    return title, employer, rule


def _past_opening_phrase(doc: Doc, span: NameSpan, title: Title) -> bool:
    """"At Vexa Bank, executives plan ...": a name that ends the sentence's opening
    prepositional phrase is followed by the clause's subject, not by its own title."""
    opener = doc[span.start].sent[0]
    return opener.dep_ == "prep" and opener.pos_ == "ADP" and \
        opener.left_edge.i <= span.start and span.end - 1 <= opener.right_edge.i < title.start


def _namer(index: MentionIndex, verb: Token) -> Mention | None:
    """The subject of a naming verb, the organization that names ("Orbis named ...")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    employer = index.argument(subjects[0], allow_concept=False) if subjects else None
    span = index.name(subjects[0]) if subjects else None
    first = index.name(index.doc[span.start - 1]) if span is not None and span.start else None
    if span is not None and first is not None and first.label in ("Organization", "") and \
            index.doc[first.end - 1].whitespace_:
        # "Vexa Orbis said": one name the recogniser cut in two
        employer = index.mention(first.start, span.end, span.label, MentionKind.NAME)
    if employer is not None and (employer.label == "Person" or (
            employer.kind == MentionKind.NAME and employer.label == "Place")):
        return None  # "Jo Park said ...", "he said ...": a person employs no one here
    return employer


def _announcer(index: MentionIndex, verb: Token) -> Mention | None:
    """"Orbis said Li Wu has been named president": the organization that announces an
    appointment makes it."""
    head = verb
    for _ in range(3):
        if head.dep_ not in ("ccomp", "conj", "advcl") or head.head is head:
            return None
        head = head.head
        if head.lemma_.lower() in index.vocab.announcing_verbs:
            # a name: "the company said" may be any of the story's companies
            announcer = _namer(index, head)
            return announcer if announcer is not None and \
                announcer.kind == MentionKind.NAME else None
    return None


def _read_named_past_aside(index: MentionIndex,
                           span: NameSpan) -> tuple[Title, Mention | None, str] | None:
    """"Orbis named Li Wu, formerly president of Vexa, vice chairman", "... named Li Wu, a
    former Vexa executive, as chief financial officer": the post after the aside on the name
    is the one the namer gives."""
    doc = index.doc
    verb = doc[span.start - 1] if span.start > 0 else None
    if verb is None or verb.lemma_.lower() not in NAMING_VERBS or verb.pos_ != "VERB" or \
            span.end >= len(doc) or doc[span.end].text != ",":
        return None
    close = next((k for k in range(span.end + 1, min(span.end + 16, len(doc)))
                  if doc[k].text == ","), None)
    if close is None:
        return None
    j = close + 1 + (close + 1 < len(doc) and doc[close + 1].lower_ == "as")
    title = title_from(index, j) if j < len(doc) else None
    if title is None or not personal(index, title) or (
            title.end < len(doc) and not doc[title.end].is_punct and
            doc[title.end].lower_ not in ("of", "at", "and", "while", "effective", "to")):
        return None
    return title, employer_after(index, title.end) or _namer(index, verb), "named"
