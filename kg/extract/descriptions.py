"""What the text says an entity *is*: appositions, copulas, job titles, possessives,
relational nouns ("investment in"), acronyms in parentheses and name changes."""

from __future__ import annotations

from itertools import pairwise

from kg.dates import MONTHS
from kg.extract import renames
from kg.extract.clauses import _subjects, conjuncts, quoted
from kg.extract.found import Found, describing_noun, part_of_another
from kg.extract.mentions import (
    HINT_WEIGHT,
    MentionIndex,
    NameSpan,
    abbreviates,
    focused,
    fronted_subject,
    name_spans,
    span_text,
    subjectless,
)
from kg.extract.modality import modality
from kg.extract.names import craft_shape
from kg.extract.ownership import changing_hands
from kg.extract.titles import (
    CALLING_VERBS,
    FORMER,
    evaluative,
    profession,
    record_set,
    table_place,
)
from kg.extract.words import Token
from kg.model import COORDINATED, Mention, MentionKind

CONFIDENCE = {
    "apposition-noun": 0.85, "apposition-role": 0.9, "copula-noun": 0.85, "copula-role": 0.85,
    "named-role": 0.85, "possessive": 0.7, "possessive-noun": 0.75, "nominal": 0.6,
    "name-change": 0.85, "apposition-employer": 0.85, "copula-employer": 0.8,
    "named-employer": 0.8, "description": 0.8, "apposition-implicit": 0.6,
    "prefix-role": 0.85, "prefix-employer": 0.8, "apposition-place": 0.6,
    "agent-noun": 0.75,
}
# Weight of a class the text states ("Copilot, an AI assistant"; "networks like Facebook"):
# more than one label of the entity recogniser (see kg.resolve.clusters.Cluster.scores).
STATED = 2.0
NAMING_VERBS = frozenset({"call", "name", "dub", "know"})
# Nouns of time that a "by"/"in" phrase may hold instead of an agent or a place ("by the end")
TIME_NOUNS = frozenset({"end", "time", "close", "middle", "start", "moment"})
# Nouns for a word or a name itself ("the name Jo Park", "its previous name Vexacom"): they
# describe the words, not the thing they name
NAME_NOUNS = frozenset({"name", "word", "term", "phrase", "nickname", "moniker", "hashtag",
                        "spelling"})


def _phrase_words(index: MentionIndex, noun: Token) -> list[str]:
    """The words of a noun phrase up to its head, the head as its lemma ("makers" is read as
    "maker", the way the ontology lists relational nouns)."""
    start, _, _ = index.phrase(noun)
    words = [t.lower_ for t in index.tokens[start:noun.i] if not t.is_punct]
    return [*words, noun.lemma_.lower()]


def _may_head_relation(index: MentionIndex, noun: Token) -> bool:
    """Whether the phrase ``noun`` heads may end a relation noun the ontology lists: its lemma
    is the last word of ``_phrase_words``, so of every tail looked up (before the ending); a
    lemma of two words, or a possessive mark the words leave out, is looked up as it is."""
    lemma = noun.lemma_.lower()
    return lemma in index.vocab.relation_heads or " " in lemma or lemma in ("'s", "’s", "'")


def _relation_of_words(index: MentionIndex, words: list[str],
                       endings: tuple[str, ...]) -> str | None:
    """The relation of the longest tail of a noun phrase plus one of ``endings`` that the
    ontology lists as a relational noun ("parent company" + " of")."""
    for i in range(len(words)):
        for ending in endings:
            relation = index.vocab.relation_nouns.get(" ".join(words[i:]) + ending)
            if relation:
                return relation
    return None


def relation_noun(index: MentionIndex, noun: Token) -> tuple[str, list[Token]] | None:
    """``("owns", [Facebook, Instagram])`` for "parent company of Facebook and Instagram"."""
    if not _may_head_relation(index, noun):
        return None
    words: list[str] = []  # read for a noun with a prepositional object only
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        words = words or _phrase_words(index, noun)
        relation = _relation_of_words(index, words, (f" {prep.lower_}",))
        if relation:
            # "owner of Vexa's and Quanta's": the parser hangs the second name on the noun
            listed = [c for c in noun.children if c.dep_ == "conj" and c.i > pobj[0].i and
                      index.name(c) is not None and index.doc[c.i - 1].dep_ == "cc" and
                      index.doc[c.i - 2].head.i == pobj[0].i]
            return relation, conjuncts(pobj[0]) + listed
    return None


def possessed_relation_noun(index: MentionIndex, noun: Token) -> tuple[str, list[Token]] | None:
    """``("owns", [Google])`` for "Google's parent company" describing someone: the possessor
    is what the relational noun relates the described entity to, as "of" would be."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners or any(c.dep_ == "prep" for c in noun.children) or \
            not _may_head_relation(index, noun):
        return None
    owner = index.name(owners[0])
    if owner is not None and owner.label == "Place" and (
            _superlative(noun) or span_text(index, owner) in index.vocab.countries):
        return None  # "Europe's largest chip maker" makes no Europe: it is the maker there
    words = [w for w in _phrase_words(index, noun) if w not in ("'s", "’s", "'")]
    relation = _relation_of_words(index, words, (" of", " in", ""))
    return (relation, conjuncts(owners[0])) if relation else None


def _office(index: MentionIndex, noun: Token, title: str) -> bool:
    """Whether a title is a public office ("Prime Minister", "the governor")."""
    offices = index.vocab.office_nouns
    return noun.lemma_.lower() in offices or title.lower() in offices


def _is_role(index: MentionIndex, noun: Token) -> bool:
    return noun.lower_ in index.vocab.role_nouns or \
        noun.lemma_.lower() in index.vocab.role_nouns or profession(noun)


def _role_title(index: MentionIndex, noun: Token, after: int = -1,
                ) -> tuple[str, list[Token]]:
    """The title as written (from the token after ``after``), without employer names, and the
    employer tokens:
    "Meta's Chief AI Scientist" → ("Chief AI Scientist", [Meta]);
    "a Google Vice President of Research" → ("Vice President of Research", [Google]).
    An employer is a possessor, the object of "of"/"at", or a name opening the title."""
    employers: list[Token] = []
    drop: set[int] = {t.i for t in noun.subtree if t.i <= after}
    for child in noun.children:
        if child.dep_ == "poss":
            employers.append(child)
            drop.update(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("of", "at", "for"):
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            span = index.name(pobj[0]) if pobj else None
            # "CEO of Globex" names an employer; "Vice President of Research" does not: a
            # capitalised word the entity recogniser did not tag belongs to the title; "for"
            # only with an organization ("correspondent for the Vexa Post", not "for Asia")
            if span is not None and span.label not in ("Person", "", "Thing") and (
                    child.lower_ != "for" or span.label == "Organization"):
                employers.append(pobj[0])
                drop.update(t.i for t in child.subtree)
        elif child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") and child.i > noun.i:
            drop.update(t.i for t in child.subtree)
        elif child.dep_ == "cc" and child.i < noun.i:
            drop.add(child.i)  # "But the head of ...": the sentence's conjunction, no title's
        elif child.dep_ == "amod" and child.i < noun.i and evaluative(index, child):
            drop.update(t.i for t in child.subtree)  # "its highly respected founder"
    tokens = [t for t in noun.subtree if t.i not in drop and t.dep_ not in ("det", "predet")
              and not (t.is_punct and t.text != "-")]
    for k, (a, b) in enumerate(pairwise(tokens)):
        if any(t.i in drop or (t.is_punct and t.text not in ("-", ".")) for t in
               noun.doc[a.i + 1:b.i]):
            # "the director behind Blue Orbit, Red Moon and ...", "leaders -- A, B -- and a
            # dozen clerks": the title stops where a list or an aside breaks it
            tokens = tokens[:k + 1]
            break
    if tokens:
        opening = index.name(tokens[0])
        if opening is not None and opening.end <= noun.i and \
                opening.label not in ("Person", "Place", "Thing"):
            employers.append(tokens[0])
            tokens = [t for t in tokens if t.i >= opening.end]
    title = "".join(t.text_with_ws for t in tokens).strip()
    return " ".join(title.split()), employers


def describe(index: MentionIndex, found: Found, subject: Mention, noun: Token,
             rule: str, after: int = -1) -> None:
    """Read a description of ``subject`` headed by ``noun``: a relational noun, a job title, a
    class noun. The description starts after token ``after`` (a dash that sets it off)."""
    vocab = index.vocab
    relation = relation_noun(index, noun) or possessed_relation_noun(index, noun)
    related = False
    if relation is not None and relation[0] in ("subsidiaryOf", "owns") and \
            changing_hands(index, noun):
        relation = None  # "the sale of its leasing unit, Vexa Leasing": the seller's no more
    if relation is not None:
        name, objects = relation
        for o in objects:
            obj = index.argument(o, allow_concept=False)
            if obj is not None:
                related = True
                found.relation(subject, name, obj, noun, f"{rule}-noun",
                               CONFIDENCE[f"{rule}-noun" if rule != "named" else
                                          "apposition-noun"])
    elif rule == "apposition":
        _implicit_owner(index, found, subject, noun)
    if _is_role(index, noun) and subject.label in ("Person", ""):
        if subject.start in found.titled:
            return  # kg.extract.roles read the title along the words
        if rule == "apposition" and _bracketed(index, subject):
            return  # "lectured by their teacher (Jo Park)": the actor who plays the part
        if table_place(index, noun.i):
            return  # "Serie A leader Vexham": a place in a league's table
        ranks = [c.i for c in noun.children if c.dep_ == "amod" and c.i < noun.i]
        if ranks and record_set(index.doc, ranks[0], noun.i + 1):
            return  # "the first mayor since 1950 to cut taxes": a record, no post
        title, employers = _role_title(index, noun, after)
        if title:
            found.literal(subject, "role", title, noun, f"{rule}-role",
                          CONFIDENCE[f"{rule}-role"])
            found.hint(subject, "Person", 1.0, f"{rule}: {title}", describing_noun(title))
        for employer in employers:
            org = index.argument(employer, allow_concept=False)
            if org is not None and org.kind == MentionKind.NAME and \
                    org.text.lower() not in vocab.demonyms:
                # "the president of France" is a person of France, not its employee
                office = _office(index, noun, title) and org.label == "Place"
                if org.label == "Place" and not office and employer.dep_ == "poss":
                    continue  # "Britain's best known lawyer" works for no country
                if relation is not None and relation[0] == "founderOf":
                    continue  # "one of the founders of Vexa" founded it
                kind = "livesIn" if office else "worksFor"
                if kind == "worksFor" and title and \
                        title.split()[0].split("-")[0].lower() in FORMER:
                    continue  # "the then-CEO of Vexa", "an ex-director of Vexa": no longer
                found.relation(subject, kind, org, noun, f"{rule}-employer",
                               CONFIDENCE[f"{rule}-employer"])
        return
    noun_class = vocab.noun_class(noun)
    if noun_class == "Organization" and subject.label == "Person" and \
            noun.lemma_.lower() in vocab.figurative_nouns:
        noun_class = None  # "basketball giant Jo Park": a big man, no firm
    if noun_class:
        found.hint(subject, noun_class, STATED, f"{rule}: {noun.lemma_}",
                   describing_noun(noun.lemma_))
    if noun_class == "Organization":
        _home_place(index, found, subject, noun)
    if not related and noun_class != "Person" and subject.label != "Person":
        _agent_of(index, found, subject, noun, rule)  # "a maker of valves": no product named
    if rule == "apposition" and relation is None and _describes_one(noun) and \
            _stands_alone(index, noun, subject) and not (
            subject.label in ("Place", "Organization", "Product") and
            (noun_class == "Person" or _is_role(index, noun))):
        # ("a chain of newspapers in Mexico, chairman of ...": a list the parser read as an
        # apposition; a place or a company is not a "chairman")
        start, _, text = index.phrase(noun)
        if _superlative(noun):
            text = _with_scope(index, noun)
        elif start > 0 and _grades(index.doc[start - 1], noun):
            text = f"{index.doc[start - 1].text} {text}"  # "a wholly owned unit"
        else:
            text = _hyphened(index, start) + text  # "a California-based channel"
        former = next((c for c in noun.children if c.dep_ == "amod" and c.i < start and
                       c.lower_ in FORMER), None)
        if former is not None and text:
            # "a former state-run lender": the phrase the parser cut at the hyphened words
            # keeps what says the description no longer holds
            text = f"{former.text} {text}"
        if text:
            found.literal(subject, "description", text, noun, "description",
                          CONFIDENCE["description"])


def _bracketed(index: MentionIndex, subject: Mention) -> bool:
    """Whether a name stands alone in brackets, as a cast list names who plays a part."""
    first, last = subject.start - index.offset, subject.end - index.offset
    return index.text_of_doc[:first].rstrip().endswith("(") and \
        index.text_of_doc[last:].lstrip().startswith(")")


def _describes_one(noun: Token) -> bool:
    """Whether a noun phrase can stand as a description of one named thing: singular, no
    count ("three trading firms", "two competing standards" describe a list the parser cut),
    and whole without an "of" phrase it needs ("a new form of gene editing" is no "new
    form")."""
    return noun.tag_ not in ("NNS", "NNPS") and \
        not any(c.dep_ == "nummod" for c in noun.children) and \
        not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) and \
        not (noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one")
    # "one of Canada's largest printing and publishing companies" is not "the largest"


def _stands_alone(index: MentionIndex, noun: Token, subject: Mention) -> bool:
    """Whether a set-off noun phrase describes the name beside it, not: an item of a list the
    parser hung on a name ("bonds, commercial paper, the Vexa Dollar, wool"; a noun that
    follows another noun in a list or that names follow, or that two names are set off by); a
    part in a cast ("a villain (Jo Park)": the actor plays it); a time ("next week", "the
    moment"); a denial ("no comparison"); the name's own words ("government bond (GB)"); a
    lone letter ("series A"); a field name before its value or a stock exchange ("Vexa (nyse:
    VX)")."""
    if (noun.dep_ == "conj" and index.name(noun.head) is None) or any(
            c.dep_ == "conj" and index.name(c) is not None for c in noun.children):
        return False  # (but "Tom and his wife and business partner, Jo" describes Jo)
    if sum(1 for c in noun.children if c.dep_ == "appos" and index.name(c) is not None) > 1:
        return False
    if any(t.lower_.rstrip(".") in MONTHS for t in (noun, *noun.children)
           if t.i <= noun.i and (t is noun or t.dep_ in ("compound", "nummod", "nmod"))):
        return False  # "FEb 26", "Apr nil": a date, or a table's month
    if noun.ent_type_ in ("DATE", "TIME") or noun.lemma_.lower() in TIME_NOUNS | NAME_NOUNS or \
            any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return False
    if any(c.dep_ == "acl" and c.lemma_ in NAMING_VERBS for c in noun.children):
        return False  # "NextGen, a system called Orbi": the description is Orbi's
    after_noun = noun.i + 1 < len(index.doc) and index.doc[noun.i + 1].text == ":"
    if after_noun or noun.lower_ in index.vocab.exchanges:
        return False  # "Vexa (nyse: VX - news)": a field and its value, a ticker's exchange
    if _absolute(index, noun):
        return False
    left = noun.left_edge.i
    sent = noun.sent
    heading = sent[-1].text not in (".", "!", "?") and \
        not any(t.pos_ in ("VERB", "AUX") for t in sent)
    if (left > 0 and index.doc[left - 1].text == "(") or heading:
        return False  # "Aphelion (farthest)": a gloss; "The safe wager, Dom Ruiz": a heading
    if _bracketed(index, subject):
        return False
    _, _, text = index.phrase(noun)
    return len(subject.text) > 1 and text.lower() != subject.text.lower() and \
        noun.text[-1].isalnum()  # not "the all- around champion", a word cut at a break


# A possessive pronoun and the pronouns of the same one.
_SAME_PERSON = {"her": {"her", "hers", "herself"}, "his": {"him", "his", "himself"},
                "their": {"them", "their", "themselves"}, "its": {"it", "its", "itself"}}


def _absolute(index: MentionIndex, noun: Token) -> bool:
    """"Jo Park, her newborn son asleep in her arms, said ...": a set-off phrase that opens
    with a possessive pronoun and names its owner again before it ends is what the person
    beside the name holds or does, not a description of them (but "Ana Ruiz, his wife of
    30 years")."""
    owner = next((c.lower_ for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"),
                 None)
    doc = index.doc
    left = noun.left_edge.i
    if owner not in _SAME_PERSON or left == 0 or doc[left - 1].text != ",":
        return False  # not set off by a comma: "his brother Ken said his ..." is his brother
    for token in doc[noun.i + 1:noun.sent.end]:
        if token.is_punct:
            return False  # the set-off phrase ends
        if token.pos_ == "PRON" and token.lower_ in _SAME_PERSON[owner]:
            return True
    return False


def _hyphened(index: MentionIndex, start: int) -> str:
    """The words a hyphen glues to the first word of a phrase ("California-" of "a
    California-based channel", "20-year-" of "a 20-year-old trainee"), which the label
    keeps: "based channel" or "old trainee" is another thing."""
    doc, first = index.doc, start
    while first > 1 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ and \
            not doc[first - 2].whitespace_:
        first -= 2
    return index.text(first, start) if first < start else ""


def _grades(token: Token, noun: Token) -> bool:
    """Whether ``token`` is an adverb grading an adjective of ``noun`` ("wholly" of "a wholly
    owned unit", "privately" of "a privately held firm"), which the label must keep."""
    return token.dep_ == "advmod" and token.head.dep_ == "amod" and \
        token.head.head.i == noun.i and token.head.i == token.i + 1


def _superlative(noun: Token) -> bool:
    """"the largest dam", "the only woman", "the second-largest bank": a description true
    only within its scope."""
    return any(c.tag_ == "JJS" or c.lower_ in ("only", "first", "last") or
               c.lower_.endswith(("-largest", "-biggest")) for c in noun.children
               if c.dep_ in ("amod", "advmod", "compound"))


def _with_scope(index: MentionIndex, noun: Token) -> str:
    """A superlative description with the scope it holds in: its possessor and its place
    ("Europe's largest computer maker", "the largest earth dam in the North Island"); none
    when a clause sets the scope ("the only woman ever to swim ..."), which a label cuts."""
    if any(c.dep_ in ("relcl", "acl") for c in noun.children):
        return ""
    end = noun.i + 1
    for c in noun.children:
        if c.dep_ == "prep" and c.i > noun.i and c.lower_ in ("in", "on", "among", "of", "at"):
            end = max(end, c.right_edge.i + 1)
    start = noun.left_edge.i
    while start < noun.i and index.doc[start].dep_ in ("det", "punct"):
        start += 1
    return " ".join(index.text(start, end).split())


def _agent_of(index: MentionIndex, found: Found, subject: Mention, noun: Token,
              rule: str) -> None:
    """"Orbis, a maker of valves", "Orbis is the biggest producer of nickel": an agent noun
    of an organization says what it makes or does, an open relation named after the noun
    ("producer of") when the ontology maps none."""
    lemma = noun.lemma_.lower()
    if not lemma.endswith(("er", "or")):
        return
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for target in conjuncts(pobj):
                obj = index.argument(target)
                if obj is not None and obj.kind in (MentionKind.NAME, MentionKind.CONCEPT):
                    found.relation(subject, f"{lemma} of", obj, noun, f"{rule}-agent",
                                   CONFIDENCE["agent-noun"], canonical=False)


def _home_place(index: MentionIndex, found: Found, subject: Mention, noun: Token) -> None:
    """"OpenAI, the San Francisco startup": a place naming an organization noun is where the
    organization is based (the ontology relation whose range is Place)."""
    relation = next((r for r, cls in index.vocab.ranges.items() if cls == "Place"), None)
    # "Vexa, a startup in Basel": the place after "in" too
    places = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"
              for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
        and g.lemma_.lower() not in TIME_NOUNS]
    for child in [*noun.children, *places]:
        span = index.name(child)
        if relation and (child.dep_ in ("compound", "nmod") or child in places) and \
                span is not None and span.label == "Place":
            found.relation(subject, relation, index.name_mention(span), noun, "apposition-noun",
                           CONFIDENCE["apposition-place"])


def _implicit_owner(index: MentionIndex, found: Found, subject: Mention, noun: Token) -> None:
    """"the metaverse division, Reality Labs": a part-of noun with no "of" is part of the
    organization in focus, the possessor if there is one ("its division") or else what a
    definite "the" points back to."""
    vocab = index.vocab
    relation = vocab.relation_nouns.get(f"{noun.lemma_.lower()} of")
    if relation is None or vocab.noun_class(noun) != "Organization" or \
            vocab.ranges.get(relation) != "Organization":
        return
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if changing_hands(index, noun):
        return  # "the sale of the leasing unit, Vexa Leasing": its seller's no more
    if owners:
        owner = index.argument(owners[0], allow_concept=False)
    elif any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        owner = index.mention(noun.i, noun.i + 1, "Organization", MentionKind.PRONOUN)
    else:
        return
    if owner is not None and owner.kind != MentionKind.DESCRIPTION:
        found.relation(subject, relation, owner, noun, "apposition-noun",
                       CONFIDENCE["apposition-implicit"])


DASHES = frozenset({"-", "--", "\u2013", "\u2014"})  # a spaced hyphen, en and em dashes


def _nearer_name(index: MentionIndex, head: NameSpan, noun: Token) -> NameSpan:
    """"Ana Ruiz, chief of Vexa Labs, a startup in Basel": the parser hangs the second
    apposition on the person; a company noun describes the company named right before it."""
    if head.label != "Person" or index.vocab.noun_class(noun) != "Organization":
        return head
    left = noun.left_edge.i
    before = index.name(index.doc[left - 2]) if left >= 2 and \
        index.doc[left - 1].text == "," else None
    if before is None or before == head or before.end != left - 1 or \
            before.label not in ("Organization", ""):
        return head
    return before


def _set_off_name(index: MentionIndex, noun: Token) -> NameSpan | None:
    """The name between commas right after a common noun, when the parser did not make it
    the noun's apposition and the noun stands after its clause's verb (not "After the death
    of his wife, Jo Park left", where the name is the next clause's subject)."""
    doc, i = index.doc, noun.i
    if noun.pos_ != "NOUN" or index.name(noun) is not None or i + 2 >= len(doc) or \
            doc[i + 1].text != ",":
        return None
    name = index.name(doc[i + 2])
    if name is None or name.start != i + 2 or name.end >= len(doc) or \
            doc[name.end].text != "," or name.label not in ("Person", "Organization", ""):
        return None
    root = doc[name.end - 1]
    if root.dep_ == "appos" or root.head.i == noun.i:
        return None  # the parser read it: appositions() has it
    if root.dep_ in ("nsubj", "nsubjpass"):
        return None  # "Explaining why it used wheels, not feet, Jo Park said": a subject
    verb = noun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return name if verb.pos_ in ("VERB", "AUX") and verb.i < noun.i else None


def _glued_prefix(token: Token) -> bool:
    """Whether a token is the first part of a hyphenated word ("co" in "co-owner")."""
    doc = token.doc
    return not token.whitespace_ and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" \
        and not doc[token.i + 1].whitespace_


def _set_off(index: MentionIndex, head: Token, token: Token) -> bool:
    """Whether punctuation (a comma, a dash, a bracket) stands between an apposition and the
    noun it follows, as it must between two phrases; the parser also reads one phrase as
    two ("an emergency Vexa meeting": "meeting" set beside "emergency")."""
    first, second = sorted((head, token), key=lambda t: t.i)
    return any(t.is_punct for t in index.doc[first.i + 1:second.left_edge.i + 1])


def _town_before_noun(index: MentionIndex, head: Token, noun: Token) -> bool:
    """"The Tarrow, Calif., company": a town and its region before a noun that has no
    article of its own (the town's is the noun's) say where the thing the noun names is;
    the noun describes no town."""
    name = index.name(head)
    article = any(c.dep_ == "det" for t in (index.tokens[name.start], head)
                  for c in t.children) if name is not None else False
    return name is not None and name.label == "Place" and article and \
        not any(c.dep_ == "det" for c in noun.children) and \
        any(c.dep_ == "appos" and head.i < c.i < noun.i and
            (region := index.name(c)) is not None and region.label == "Place"
            for c in head.children)


def _subject_of_what_follows(index: MentionIndex, token: Token) -> bool:
    """Whether what the parser hung on a name as its apposition is the subject of the verb
    right after it, which the parser left without one ("... on Vexa, a senior Orbis official
    was quoted as saying": the official was quoted)."""
    end = token.right_edge.i + 1
    if end >= len(index.doc) or index.doc[end].tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return False
    verb = index.doc[end]
    while verb.dep_ in ("aux", "auxpass") and verb.head.i > verb.i:
        verb = verb.head
    return subjectless(verb)


def _heads_list(name: Token) -> bool:
    """"talks on Ruritania's debt, Ostrava, trade and other matters": a name followed by two
    more items of a list, common nouns, is one of them, not an apposition of the noun before
    it (but "leaders -- Jo Park, Al Moss and Ana Ruiz --" sets a list of names beside it)."""
    items = [c for c in name.children if c.dep_ == "conj"]
    items += [c for i in items for c in i.children if c.dep_ == "conj"]
    return sum(1 for i in items if i.pos_ == "NOUN") > 1


def appositions(index: MentionIndex, found: Found) -> None:
    """"Mark Zuckerberg, CEO of Meta"; "the metaverse division, Reality Labs"."""
    for token in index.doc.having("dep_", "appos"):
        head = token.head
        head_name, own_name = index.name(head), index.name(token)
        if own_name is None and token.is_lower and token.pos_ == "NOUN" and \
                not any(c.dep_ == "det" for c in token.children):
            # "the service, Widget Lite beta": a name with a lower-case word the parser made
            # the head of the apposition (not "a shelved Vexa special", a noun with an article)
            own_name = next((span for c in token.children if c.dep_ == "compound"
                             and (span := index.name(c)) is not None and span.end == token.i),
                            None)
            if own_name is not None and not _set_off(index, head, token):
                own_name = None  # "an emergency Vexa meeting": one phrase, nothing set off
        if token.lemma_.lower() in index.vocab.share_nouns:
            continue  # "Vexa, 80 pct owned by Orbis": a share, not a description
        if not any(c.isalnum() for c in token.text) or _glued_prefix(token):
            continue  # "co-owner" split by the tokenizer: "co" and "-" describe nothing
        if focused(token) or fronted_subject(head, token):
            continue  # "..., especially the Vexa II"; "In a letter to Orbis, the fund said"
        if head.dep_ == "dobj" and head.head.lemma_.lower() in CALLING_VERBS and \
                not _set_off(index, head, token):
            continue  # "calling Park a fraud": the caller's word for him, no description
        first = min(token, head, key=lambda t: t.i)
        if first.left_edge.i == first.sent.start and any(
                t.text == ":" for t in index.doc[first.i:max(token.i, head.i)]):
            continue  # "SOURCE: Vexa Network", "College soccer: MEN": a label, no apposition
        if head_name is not None and own_name is None and token.lower_ == "one":
            # "Vexa, one of China's largest banks": the class the name is one of
            token = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), token)
        if head_name is not None and own_name is None and token.pos_ in ("NOUN", "PROPN") \
                and not _town_before_noun(index, head, token) and \
                not _subject_of_what_follows(index, token):
            # (not "pressure on Vexa, a senior Orbis official was quoted as saying")
            head_name = _nearer_name(index, head_name, token)
            subject = index.name_mention(head_name)
            describe(index, found, subject, token, "apposition")
        elif own_name is not None and head_name is None and head.pos_ == "NOUN" and \
                not _heads_list(token):
            subject = index.name_mention(own_name)
            describe(index, found, subject, head, "apposition")
    # "operated on Kennedy's assassin, Lee Oswald, who ...": a name set off by commas right
    # after a noun the clause's verb governs, which the parser hung elsewhere
    for noun in index.doc.having("pos_", "NOUN"):
        name = _set_off_name(index, noun)
        if name is not None and (_is_role(index, noun) or relation_noun(index, noun) or
                                 possessed_relation_noun(index, noun)):
            describe(index, found, index.name_mention(name), noun, "apposition")
    # "Vexa Stores - owner of Brightmart - said...": set off by dashes, the parser takes the
    # name for a compound of the description that follows it
    for token in index.doc.having("dep_", "compound"):
        span = index.name(token)
        if span is None or span.end - 1 != token.i or span.end >= len(index.doc) or \
                index.doc[span.end].text not in DASHES:
            continue
        if index.doc[span.end].text == "-" and not token.whitespace_:
            continue  # "a Vexa-type accord", "Borduria-era": a hyphen joins, sets nothing off
        head = token.head
        while head.dep_ in ("compound", "amod") and head.head.i > head.i:
            head = head.head  # "Ana Ruiz - chief executive of Vexa -": the phrase's head
        if head.i > span.end and head.pos_ == "NOUN" and head.is_lower and \
                index.name(head) is None:
            describe(index, found, index.name_mention(span), head, "apposition", span.end)
    # A title set off by commas after the subject of a reporting verb:
    # "Yann LeCun said, Meta's Chief AI Scientist, ..."
    for token in index.doc.having("dep_", "dep", "npadvmod"):
        if _is_role(index, token) and not _glued_to_next(token) and \
                index.name(token) is None and token.head.pos_ == "VERB":
            subjects, _ = _subjects(token.head)
            for s in subjects:
                span = index.name(s)
                if span is not None and span.label in ("Person", ""):
                    describe(index, found, index.name_mention(span), token, "apposition")


def _glued_to_next(token: Token) -> bool:
    """"Jo Park head-butting a rival": a word glued by a hyphen to the next is part of that
    word, no title of its own."""
    doc = token.doc
    return not token.whitespace_ and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" \
        and not doc[token.i + 1].whitespace_


def copulas(index: MentionIndex, found: Found) -> None:
    """"Zoubin Ghahramani is a Google Vice President of Research"; "LLaMA is "Large Language
    Model Meta AI"" (an alias)."""
    for be in index.doc.having("pos_", "AUX", "VERB"):
        if be.lemma_ != "be":
            continue
        subjects = [c for c in be.children if c.dep_ == "nsubj"]
        attrs = [c for c in be.children if c.dep_ == "attr"]
        if not subjects or not attrs:
            continue
        subject_span = index.name(subjects[0])
        if any(c.dep_ == "neg" for c in be.children):
            continue
        if any(c.dep_ == "advmod" and c.lower_ in FORMER for c in be.children):
            continue  # "Jo Park formerly was president of Vexa": a post held no more
        held_then = _held_then(be)
        if subject_span is None:
            if not held_then:
                _unnamed_copula(index, found, subjects[0], attrs[0])
            continue
        subject = index.name_mention(subject_span)
        attr = attrs[0]
        if held_then:
            # "Jo Park was a club owner when, in 1960, she ...": a post of that time, no role
            # now; still, it says what kind of thing she is
            cls = "Person" if _is_role(index, attr) else index.vocab.noun_class(attr)
            if cls and attr.pos_ == "NOUN":
                found.hint(subject, cls, STATED, f"copula: {attr.lemma_}",
                           describing_noun(attr.lemma_))
            continue
        attr_span = index.name(attr)
        if attr_span is not None or attr.pos_ == "PROPN":
            tokens = [t for t in attr.subtree if not t.is_punct]
            if tokens and all(t.is_title or t.is_upper or t.like_num for t in tokens) and \
                    not any(t.dep_ == "det" for t in tokens):
                second = index.mention(tokens[0].i, tokens[-1].i + 1, subject.label,
                                       MentionKind.NAME)
                found.alias(subject, second, f"copula: {subject.text} is {second.text}")
                continue
        if attr.pos_ in ("NOUN", "PROPN"):
            describe(index, found, subject, attr, "copula")
            noun_class = index.vocab.noun_class(attr)
            for other in conjuncts(subjects[0])[1:]:  # "X and Y are the two companies"
                span = index.name(other)
                if span is not None and noun_class:
                    found.hint(index.name_mention(span), noun_class, STATED,
                               f"copula: {attr.lemma_}", describing_noun(attr.lemma_))


def _held_then(be: Token) -> bool:
    """"Jo Park was already a club owner when, in the 1960s, she founded Vexa", "Jo Park was
    chairman in 1995": a past copula dated by a past clause of time or a year says what the
    subject was then, not what it is."""
    if be.tag_ != "VBD":
        return False
    attrs = [c for c in be.children if c.dep_ == "attr"]
    for child in (*be.children, *(c for a in attrs for c in a.children)):
        if child.dep_ == "advcl" and child.tag_ == "VBD" and any(
                c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "while", "before", "until")
                for c in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ in ("in", "until") and any(
                c.dep_ == "pobj" and _past_year(c) for c in child.children):
            return True
    return False


def _past_year(token: Token) -> bool:
    """A year or a decade written in digits ("1995", "1960s", "the '60s")."""
    text = token.text.removesuffix("s").lstrip("'")
    return text.isdigit() and len(text) in (2, 4)


def _unnamed_copula(index: MentionIndex, found: Found, subject_token: Token,
                    attr: Token) -> None:
    """"The firm was a great rival to Vexa", "It is the parent company of Vexa": a relational
    noun said of a pronoun or description relates what it refers to."""
    relation = relation_noun(index, attr)
    subject = index.argument(subject_token, allow_concept=False)
    if relation is None or subject is None or subject.kind not in (
            MentionKind.PRONOUN, MentionKind.DESCRIPTION):
        return
    name, objects = relation
    for o in objects:
        obj = index.argument(o, allow_concept=False)
        if obj is not None and obj.kind == MentionKind.NAME:
            found.relation(subject, name, obj, attr, "copula-noun",
                           CONFIDENCE["copula-noun"] * 0.9)


def examples(index: MentionIndex, found: Found) -> None:
    """"companies like OpenAI, MS and Google", "competitors such as MS and Google": the names
    are members of the class the noun names."""
    for prep in index.doc.having("dep_", "prep"):
        if prep.lower_ not in ("like", "as", "including"):
            continue
        if prep.lower_ == "as" and not any(c.lower_ == "such" for c in prep.children) and \
                not (prep.i > 0 and index.doc[prep.i - 1].lower_ == "such"):
            continue
        noun = prep.head
        noun_class = index.vocab.noun_class(noun)
        if noun.pos_ != "NOUN" or not noun_class:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for member in conjuncts(pobj):
                span = index.name(member)
                if span is not None:
                    found.hint(index.name_mention(span), noun_class, STATED,
                               f"example of '{noun.text}'")


def named(index: MentionIndex, found: Found) -> None:
    """"a Stanford researcher named Moussa Doombouya": the name gets the description."""
    for verb in index.doc.having("dep_", "acl"):
        if verb.lemma_ not in NAMING_VERBS:
            continue
        names = [c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj")]
        span = index.name(names[0]) if names else None
        if span is None:
            continue
        describe(index, found, index.name_mention(span), verb.head, "named")


def possessives(index: MentionIndex, found: Found) -> None:
    """"Nvidia's AI semiconductor H100", "Mark Zuckerberg's Meta", "Microsoft's investment in
    OpenAI"; and nominalisations whose agent is the clause subject ("investment in X")."""
    for noun in index.doc.having("pos_", "NOUN", "PROPN"):
        owners = [c for c in noun.children if c.dep_ == "poss"]
        owner = index.argument(owners[0], allow_concept=False) if owners else None
        relation = relation_noun(index, noun)
        if owner is not None and owner.kind == MentionKind.DESCRIPTION and relation is None:
            owner = None  # "the company's chip": resolution may say which company's
        if relation is not None:
            name, objects = relation
            rule = "possessive-noun"
            if owner is None and noun.dep_ in ("appos", "attr"):
                continue  # a description of its head: appositions() and copulas() read it
            if owner is None and (index.vocab.noun_class(noun) is not None or
                                  _is_role(index, noun)):
                continue  # "the developer of X" names its own agent, not the clause's
            if owner is None and owners and owners[0].ent_type_ not in ("DATE", "TIME"):
                continue  # "the group's bid for X": the group's, whoever it is, not the
                # clause subject's (but "last year's purchase of X" is)
            if owner is None:
                owner = _by_agent(index, noun)
                if owner is None and _has_agent_phrase(index, noun):
                    continue  # "a bid by an investor for X": not the clause subject's
            if owner is None:
                owner, rule = _clause_agent(index, noun), "nominal"
            if owner is None:
                continue
            state = modality(noun, index.vocab)  # "a proposed takeover of X", "could make an offer"
            for o in objects:
                obj = index.argument(o, allow_concept=False)
                if obj is not None and obj.kind == MentionKind.NAME and obj.text != owner.text:
                    found.relation(owner, name, obj, noun, rule, CONFIDENCE[rule],
                                   modality=state)
            continue
        if owner is None:
            continue
        own = index.name(noun)
        if own is None:
            inner = index.named_head(noun)
            own = inner
        if own is not None and own.start <= owners[0].i < own.end:
            continue  # "the Vexa Workers' Party": a mark inside one name
        if own is not None and any(t.text == "," for t in index.doc[owners[0].i:own.start]) \
                and not any(t.pos_ == "NOUN" for t in index.doc[owners[0].i:own.start]):
            continue  # "his latest, Reefs": no noun says what of his the name is ("its
            # next film, Cars" does)
        if own is not None and (_work_title(index, own) or _cut_short(index, own)):
            continue  # "Darwin's Origin Of Species": an author's work, no possession
        if own is not None and own.end == noun.i and part_of_another(index, noun):
            continue  # "the union's Vexa Motors department": the part that deals with Vexa
        if own is not None and not _is_role(index, noun) and not changing_hands(index, noun):
            # "bought Orbis's Vexa unit": Orbis's no more
            owned = index.name_mention(own)
            found.relation(owner, "possessive", owned, noun, "possessive",
                           CONFIDENCE["possessive"], canonical=False)
            if owned.label == "Person" and noun.dep_ == "nsubj" and \
                    noun.head.lemma_.lower() in index.vocab.speech_verbs:
                # "Vexa's Jo Park said": one who speaks is a person, not the firm's product
                found.hint(owned, "Person", 1.0, "speaks")


# Small words a title of a work capitalises where other names keep them lower case.
TITLE_CASED = frozenset({"Of", "The", "And", "In", "On", "For", "To", "A", "An", "With"})


def _work_title(index: MentionIndex, span: NameSpan) -> bool:
    """Whether a name is written as the title of a work, its small words capitalised inside
    or right after it ("Origin Of Species", "Person Of The Year"; not "Bank of Orvik")."""
    end = min(span.end + 1, len(index.doc))
    return any(t.text in TITLE_CASED for t in index.doc[span.start + 1:end])


def _cut_short(index: MentionIndex, span: NameSpan) -> bool:
    """Whether a name goes on past the span the recogniser gave it: "of" or "and" and a
    capitalised word join it to more ("its Index of Consumer Mood", "its World Output and
    Trade Report"), so what it owns is not that span."""
    doc = index.doc
    after = span.end + 1 < len(doc) and doc[span.end].lower_ in ("of", "and") and \
        doc[span.end + 1].is_title and not (  # "Vexa's X1 and Orbis's Z2": a list
            span.end + 2 < len(doc) and doc[span.end + 2].tag_ == "POS")
    before = span.start > 1 and doc[span.start - 1].lower_ in ("of", "and") and \
        doc[span.start - 2].is_title and doc[span.start - 2].tag_ != "POS"
    return after or before


def _agent_phrases(index: MentionIndex, noun: Token) -> list[Token]:
    """The objects of a nominalisation's agent phrase: "by" ("a bid by Vexa for X"), or
    "from" where the ontology gives the noun no "from" object ("a bid from Vexa", not
    "competition from Vexa") and the noun is no purchase ("the acquisition of X from Vexa":
    Vexa sold it)."""
    lemma = noun.lemma_.lower()
    nouns = index.vocab.relation_nouns
    return [g for c in noun.children if c.dep_ == "prep" and (c.lower_ == "by" or (
        c.lower_ == "from" and f"{lemma} from" not in nouns and
        nouns.get(f"{lemma} of") != "acquired"))
        for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
        and g.lemma_.lower() not in TIME_NOUNS]


def _has_agent_phrase(index: MentionIndex, noun: Token) -> bool:
    return bool(_agent_phrases(index, noun))


def _by_agent(index: MentionIndex, noun: Token) -> Mention | None:
    """The named agent of a nominalisation's "by" or "from" phrase."""
    agents = _agent_phrases(index, noun)
    agent = index.argument(agents[0], allow_concept=False) if agents else None
    return agent if agent is not None and agent.kind == MentionKind.NAME else None


def _clause_agent(index: MentionIndex, noun: Token) -> Mention | None:
    """The subject of the nearest clause above a nominalisation that has one, or that
    subject's possessor ("Zuckerberg's plan involves ... an investment in X")."""
    token = noun
    for _ in range(16):
        if token.head is token:
            return None
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subjects, _ = _subjects(token)
        for s in subjects:
            mention = index.argument(s, allow_concept=False)
            if mention is not None and mention.kind != MentionKind.DESCRIPTION:
                return mention
            owner = [c for c in s.children if c.dep_ == "poss"]
            if owner:
                return index.argument(owner[0], allow_concept=False)
        if subjects:
            return None
    return None


def compound_names(index: MentionIndex, found: Found) -> None:
    """"Google Bard", "NVIDIA H100 GPUs": a name that opens with another name may be that
    maker's product; the resolver keeps the relation only for an organization and a product.
    Only where the story names that organization by the word alone ("Vexa said"): "Mars
    Lander", "Blue Gene", "Halo 2" and "Interior Ministers" open with no maker's name. Not a
    name that opens with a country's ("Vexland Semiconductor"), nor one a possessive gives
    its maker ("Orbis's Mars Lander": Mars is where it goes, Orbis made it)."""
    vocab = index.vocab
    for span in sorted(set(index.by_token.values()), key=lambda s: s.start):
        first = index.doc[span.start]
        if span.end - span.start == 1 and span.label == "Product" and craft_shape(first.text):
            # "SpaceShipOne", which the story read as a product's name (``StoryClasses``):
            # its graph's class too, whatever the recogniser labelled it
            found.hint(index.name_mention(span), "Product", HINT_WEIGHT,
                       f"'{first.text}': a craft's or product's name")
        if span.end - span.start < 2 or first.pos_ != "PROPN" or not first.is_alpha or \
                first.text in vocab.countries or first.text in vocab.place_names or \
                (span.start > 0 and index.doc[span.start - 1].tag_ == "POS"):
            continue
        last = index.doc[span.end - 1].lower_
        if span.label in ("", "Thing") and last not in index.vocab.name_suffixes and \
                last not in index.vocab.name_heads and _maker_named(index, first):
            # "Sun Grid ... run by Sun": a name the recogniser left untyped that opens with
            # the name of a company of the paragraph is most often its product or service
            found.hint(index.name_mention(span), "Product", 1.0,
                       f"'{span_text(index, span)}' opens with its maker's name")
        if first.text not in found.firms:
            continue  # a product line's models ("the Tarvex Pro"): no maker named
        owner = index.mention(span.start, span.start + 1, "", MentionKind.NAME)
        found.relation(owner, "compound", index.name_mention(span), first, "compound-name",
                       0.6, canonical=False)


def _maker_named(index: MentionIndex, first: Token) -> bool:
    """Whether the paragraph names an organization by ``first``'s word alone."""
    return any(s.end - s.start == 1 and s.label == "Organization" and
               index.doc[s.start].text == first.text for s in name_spans(index))


def coordinations(index: MentionIndex, found: Found) -> None:
    """"Google, Microsoft and OpenAI": names listed together, for the resolver to share what
    the text says of their kind (it keeps no fact of them)."""
    for token in index.doc.having("dep_", "conj"):
        first, second = index.name(token.head), index.name(token)
        if first is not None and second is not None and first != second and \
                (quoted(token.head) or not quoted(token)):  # not a title hung on a name
            found.relation(index.name_mention(first), COORDINATED, index.name_mention(second),
                           token, "coordination", 0.5, canonical=False)


# Words an acronym leaves out: "Federal Savings and Loan (FSL)".
SPELLING_FUNCTION_WORDS = frozenset({"and", "of", "for", "the", "&"})


def acronyms(index: MentionIndex, found: Found) -> None:
    """"Microsoft (MS)", "the Wall Street Journal (WSJ)", "Rapid Quill Syndication (RQS)",
    "VSB-X for Very Small Broadcasting for Xylophones": a name and its acronym are one entity.
    An acronym of a common noun ("home media server (HMS)") names a concept, which
    carries both."""
    doc = index.doc
    for i, token in enumerate(doc):
        if token.lower_ == "for" and i > 0:
            _acronym_for(index, found, i)
        if token.text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        short = doc[i + 1]
        if not (short.is_upper and 2 <= len(short.text) <= 6 and short.is_alpha):
            continue
        j = i - 1
        while j >= 0 and doc[j].tag_ == "POS":
            j -= 1
        if j < 0:
            continue
        short_span = index.name(short)
        long_span = index.name(doc[j])
        short_mention = (index.name_mention(short_span) if short_span else
                         index.mention(i + 1, i + 2, "", MentionKind.NAME))
        if long_span is not None and abbreviates(
                short.text, long_text := doc[long_span.start:long_span.end].text):
            found.alias(index.name_mention(long_span), short_mention,
                        f"acronym: {long_text} ({short.text})")
        elif (start := _spelled_out(index, j + 1, short.text)) is not None:
            # "Rapid Quill Syndication": the tagger may read "Rapid" as an adjective
            long = index.mention(start, j + 1, "", MentionKind.NAME)
            found.alias(long, short_mention, f"acronym: {long.text} ({short.text})")
        elif doc[j].pos_ == "NOUN" and long_span is None:
            _start, _, text = index.phrase(doc[j])
            if abbreviates(short.text, text) and short_span is not None:
                found.hint(short_mention, "Concept", 100.0, f"acronym of '{text}'")
                if _spelled_out(index, j + 1, short.text, capitals=False) is not None:
                    spelled = Mention(text, short_mention.start, short_mention.end, "",
                                      MentionKind.NAME)
                    found.alias(short_mention, spelled, f"acronym: {text} ({short.text})")


def _spelled_out(index: MentionIndex, end: int, short: str, capitals: bool = True) -> int | None:
    """Where the words before ``end`` whose initials ``short`` is begin: capitalised words
    (any words if not ``capitals``), function words between them left out."""
    doc, letters = index.doc, short.lower()
    start, initials = end, ""
    while start > 0 and len(initials) < len(letters) and end - start < 2 * len(letters) + 2:
        word = doc[start - 1]
        if not word.is_alpha and word.text != "&":
            return None
        start -= 1
        if word.lower_ in SPELLING_FUNCTION_WORDS:
            continue
        if capitals and not (word.is_title or word.is_upper):
            return None
        initials = word.lower_[0] + initials
    return start if initials == letters and doc[start].lower_ not in SPELLING_FUNCTION_WORDS \
        else None


def _acronym_for(index: MentionIndex, found: Found, i: int) -> None:
    """"VSB-X for Very Small Broadcasting for Xylophones": an acronym the text spells out
    after "for" (also "stands for", "short for")."""
    doc = index.doc
    short_span = index.name(doc[i - 1])
    long_span = index.name(doc[i + 1]) if i + 1 < len(doc) else None
    if short_span is None or long_span is None or short_span == long_span:
        return
    short = doc[short_span.start:short_span.end].text
    letters = "".join(ch for ch in short if ch.isalpha())
    if not short.replace("-", "").isalnum() or not letters.isupper() or len(letters) < 2:
        return
    long = doc[long_span.start:long_span.end]
    if "".join(t.text[0] for t in long if t.is_title or t.is_upper) == letters:
        found.alias(index.name_mention(short_span), index.name_mention(long_span),
                    f"acronym: {short} for {long.text}")


def name_changes(index: MentionIndex, found: Found) -> None:
    """"Meta changed its company name from Facebook to Meta", "Vexa, formerly known as Quill":
    a former name (kg.extract.renames reads the ways news gives one)."""
    renames.name_changes(index, found, CONFIDENCE["name-change"])
