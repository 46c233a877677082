"""Job titles read in the token sequence around a name: where a title starts and ends, and
its parts ("chairman and chief executive"). ``kg.extract.roles`` reads whose they are and
``kg.extract.employers`` whom they serve.

Words of titles are data: ``kg:roleNoun`` and ``kg:titleWord`` on ``kg:role``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.mentions import MentionIndex
from kg.extract.words import Doc, Token

MAX_TITLE = 10  # tokens
# Prepositions that introduce the employer after a title.
EMPLOYER_PREPS = frozenset({"of", "at", "for", "with", "from"})
# "economist", "oceanographer", "statistician": these endings make a noun name what a person
# does for a living.
PROFESSION_ENDINGS = ("ist", "grapher", "ician")
# Words that make a post one held before: no employer now ("former Vexa chief Jo Park").
FORMER = frozenset({"former", "formerly", "previously", "ex", "ousted", "late", "onetime",
                    "one-time", "then"})

# Words that rank one holder of a post among all ("the first mayor since 1950 to ...").
RANKS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "only"})
# Written after a role noun, an honorary title for a post held before ("chairman emeritus")
EMERITUS = frozenset({"emeritus", "emerita", "emeriti"})
# Prepositions news sometimes writes in two words ("along side", "in side"): the second
# half is no modifier of a post after it ("along side coach Jo Park")
SPLIT_WORDS = frozenset({"alongside", "aside", "beside", "besides", "inside", "outside",
                         "aboard", "onboard", "within", "without", "throughout", "into",
                         "onto", "upon", "underneath", "overseas"})
# Verbs whose object is given a word by the subject ("calling Park a thief"): an opinion or a
# charge of the one who speaks, no post nor description
CALLING_VERBS = frozenset({"call", "brand", "label", "dub"})


@dataclass(frozen=True, slots=True)
class Title:
    """A title found in the token sequence: its token range and the role-noun parts."""

    start: int
    end: int  # exclusive
    parts: tuple[str, ...]  # "chairman and chief executive" -> ("chairman", "chief executive")
    former: bool = False  # "Jo Park, formerly president of Vexa": held once, not now


def title_word(index: MentionIndex, token: Token) -> bool:
    return role_word(index, token) or token.lower_.rstrip(".") in index.vocab.title_words


def role_word(index: MentionIndex, token: Token) -> bool:
    if token.pos_ in ("VERB", "AUX"):
        return False  # "the professor leading the project": a post is a noun, not "lead"
    lower = token.lower_.rstrip(".")
    lemma = token.lemma_.lower()
    return lower in index.vocab.role_nouns or lemma in index.vocab.role_nouns or \
        profession(token)


def profession(token: Token) -> bool:
    """Whether a common noun names a profession by its ending ("ecologist", "oceanographer",
    "statistician")."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and lemma.endswith(PROFESSION_ENDINGS) and len(lemma) >= 6


def _glue(token: Token) -> bool:
    """"vice-president", "Lt.", "chairman and chief executive": tokens inside a title."""
    if token.text == ".":
        return not token.is_sent_end and not token.is_sent_start
    return token.text in ("-", "&") or token.lower_ == "and"


def parts(index: MentionIndex, start: int, end: int) -> tuple[str, ...]:
    """Split a title at "and" where both sides hold a role noun; drop trailing glue."""
    doc = index.doc
    parts: list[list[Token]] = [[]]
    for t in doc[start:end]:
        if t.lower_ in ("and", "&"):
            parts.append([])
        else:
            parts[-1].append(t)
    if len(parts) > 1 and not all(any(role_word(index, t) for t in p) for p in parts):
        parts = [list(doc[start:end])]
    texts = []
    for part in parts:
        while part and (part[-1].text in ("-", ".", "&") or part[-1].lower_ == "and"):
            part = part[:-1]
        while part and part[0].text in ("-", "&"):
            part = part[1:]
        text = "".join(t.text_with_ws for t in part).strip()
        if text:
            texts.append(" ".join(text.split()))
    return tuple(texts)


def title_from(index: MentionIndex, start: int) -> Title | None:
    """The title that starts at ``start`` and runs right, with an "of" phrase that is part of
    it ("vice president of search properties", "chairman of the board")."""
    doc, i = index.doc, start
    # "the (highly) respected founder of Vexa": what the writer thinks opens no post
    while i < len(doc) and i - start < 3 and (evaluative(index, doc[i]) or (
            doc[i].dep_ == "advmod" and doc[i].head.i > i and evaluative(index, doc[i].head))):
        i += 1
    start = i
    # "metals economist", "assistant news director": modifiers say what the post is about
    while i < len(doc) and i - start < MAX_TITLE and index.name(doc[i]) is None and (
            title_word(index, doc[i]) or _modifier(index, doc[i]) or
            (_glue(doc[i]) and i > start)):
        i += 1
    stop = i
    while i > start and not role_word(index, doc[i - 1]):
        i -= 1  # a title ends on its role noun
    if i == start or (i < len(doc) and doc[i].tag_ == "POS"):
        return None  # "named Jo Park as one of his captain's picks": a possessor, no post
    if i < len(doc) and doc[i].lower_ in EMERITUS:
        i += 1  # "chairman emeritus": cut to "chairman" it would be the post itself
        stop = max(stop, i)
    end = _past_place(index, i) if i == stop else i
    # "of" + a few common words and no name belongs to the title, if an employer follows or
    # nothing does ("head of research at Vexa", "vice president of marketing")
    if end < len(doc) and doc[end].lower_ == "of":
        j = end + 1
        # in a capitalised title, a capitalised word the recogniser did not tag belongs to it
        # ("Vice President of Sales"); after a lower-case title it is a name ("chief of Vexa")
        capitalised = doc[end - 1].is_title

        def in_title(t: Token) -> bool:
            span = index.name(t)
            if span is not None and not (capitalised and span.label == ""):
                return False
            return (t.pos_ in ("NOUN", "PROPN", "ADJ", "DET") or t.tag_ in ("VBG", "VBN")) and (
                t.is_lower or (capitalised and t.is_title))

        while j < len(doc) and j - end <= 6 and (in_title(doc[j]) or (
                # "director of research and economics at Vexa"
                doc[j].lower_ == "and" and j > end + 1 and j + 1 < len(doc) and
                doc[j + 1].is_lower and doc[j + 1].pos_ == "NOUN" and
                not role_word(index, doc[j + 1]))) and \
                doc[j].lower_ not in EMPLOYER_PREPS and not doc[j].is_punct:
            j += 1
        employer_noun = index.vocab.noun_class(doc[j - 1]) == "Organization"
        # "manager of the state-owned Vexa Bank": a word hyphened to the next modifies the
        # name after it, and is no part of the title
        hyphened = j < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_
        if j > end + 1 and doc[j - 1].pos_ in ("NOUN", "PROPN") and not employer_noun and \
                not hyphened and (
                j == len(doc) or doc[j].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")):
            end = j
    return Title(start, end, parts(index, start, end))


def _past_place(index: MentionIndex, end: int) -> int:
    """"chief U.S. regional economist", "head Asia strategist": a place's name right after a
    title's role noun, then title words ending on another, is what the post covers and
    inside the title; the title ends on that last role noun (else at ``end``)."""
    doc = index.doc
    span = index.name(doc[end]) if end < len(doc) else None
    if span is None or span.label != "Place" or span.start != end:
        return end
    j = span.end
    while j < len(doc) and j - span.end < MAX_TITLE and index.name(doc[j]) is None and (
            title_word(index, doc[j]) or _modifier(index, doc[j])):
        j += 1
    while j > span.end and not role_word(index, doc[j - 1]):
        j -= 1
    return j if j > span.end else end


def title_before(index: MentionIndex, start: int) -> Title | None:
    """The title that ends right before token ``start`` and runs left."""
    doc, i = index.doc, start
    office = start > 0 and _office(index, start - 1)
    if start == 0 or not (role_word(index, doc[start - 1]) or office):
        return None  # a title before a name ends on its role noun, or on its office
    if not office and doc[start - 1].tag_ in ("NNS", "NNPS") and _one_name(index, start):
        return None  # "league leaders Vexa Rovers", "holders Orbis": a plural is no one's post
    if table_place(index, start - 1):
        return None  # "Group B leader Vexa Rovers", "Serie A leader": a place in a table
    if office:
        i = start - 2  # "Secretary of State": read on from the job title before "of"
    while i > 0 and start - i < MAX_TITLE and not part_of_name(index, doc[i - 1]) and (
            title_word(index, doc[i - 1]) or _glue(doc[i - 1]) or
            _modifier(index, doc[i - 1]) or _rank_word(index, doc[i - 1], start)):
        i -= 1  # "the fleet's senior duty officer", "Yale law professor"
    while i < start and (_glue(doc[i]) or (not title_word(index, doc[i]) and
                         not _modifier(index, doc[i]) and not _rank_word(index, doc[i], start))):
        i += 1
    if 0 < i < start and not role_word(index, doc[i]) and \
            f"{doc[i - 1].lower_}{doc[i].lower_}" in SPLIT_WORDS:
        i += 1  # "along side coach Jo Park": "alongside" written in two, no word of the post
    if i == start:
        return None
    return Title(i, start, parts(index, i, start))


def table_place(index: MentionIndex, i: int) -> bool:
    """Whether token ``i`` is "leader" after a league or group named by a letter ("Serie A
    leader", "Group B leader") or a word of a contest's standing ("overnight leader"): a
    place in a table or a race, no post."""
    doc = index.doc
    return i > 0 and doc[i].lower_ == "leader" and (
        doc[i - 1].lower_ in index.vocab.standing_words or (
            i > 1 and len(doc[i - 1].text) == 1 and doc[i - 1].is_upper and
            doc[i - 2].is_title))


def _one_name(index: MentionIndex, start: int) -> bool:
    """Whether token ``start`` opens a name that stands alone, not the first of a list
    ("co-founders Ana Ruiz and Li Wu")."""
    span = index.name(index.doc[start])
    if span is None or span.start != start:
        return False
    after = index.doc[span.end] if span.end < len(index.doc) else None
    return not ((after is not None and after.lower_ in ("and", "&", ",")) or
                any(t.conjuncts for t in index.doc[span.start:span.end]))


def _rank_word(index: MentionIndex, token: Token, end: int) -> bool:
    """"Air Vice Marshal", "Rear Admiral": a capitalised word of no name that the parse hangs
    on the title after it is the title's first word; without it the rank is another. Not a
    word the paragraph names something by elsewhere ("Vexa Chairman Jo Park said Vexa ..."),
    nor a noun for a kind of thing ("Company chairman Jo Park", at the head of a sentence), nor
    an adjective there that only the sentence capitalises ("New coach", "Retired general")."""
    return token.is_title and token.is_alpha and index.name(token) is None and \
        token.lower_ not in index.vocab.class_nouns and token.lower_ not in FORMER and \
        not (token.is_sent_start and token.pos_ == "ADJ") and not evaluative(index, token) and \
        token.dep_ in ("compound", "amod") and token.i < token.head.i < end and \
        not any(t.text == token.text and index.name(t) is not None for t in index.doc)


def _office(index: MentionIndex, i: int) -> bool:
    """"Secretary of State": token ``i`` is the office a job title names with "of"."""
    doc = index.doc
    return i >= 2 and doc[i].is_title and doc[i].lower_ in index.vocab.title_words and \
        doc[i - 1].lower_ == "of" and role_word(index, doc[i - 2])


def part_of_name(index: MentionIndex, token: Token) -> bool:
    """Whether a token is part of a name; "Sen." or "Gov." tagged as a name is a title."""
    span = index.name(token)
    return span is not None and not all(title_word(index, t) or t.text == "."
                                        for t in index.doc[span.start:span.end])


def _modifier(index: MentionIndex, token: Token) -> bool:
    """A lower-case word that modifies a title: "metals" in "metals economist"; not one that
    judges the holder ("the highly respected founder")."""
    # a lower-case word the tagger took for a proper noun is a common one ("air force")
    return token.is_lower and token.pos_ in ("NOUN", "ADJ", "PROPN") and \
        index.name(token) is None and \
        token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i and \
        token.head.i - token.i <= 3 and not evaluative(index, token)


def evaluative(index: MentionIndex, token: Token) -> bool:
    """"respected", "bespectacled", "widely maligned": an adjective made from a verb, or one
    an adverb grades, says what the writer thinks of the holder or how the holder looks, no
    part of the post (title words such as "acting" or "managing" are)."""
    if token.pos_ not in ("ADJ", "VERB") or token.lower_ in index.vocab.title_words:
        return False
    return token.tag_ in ("VBN", "VBD") or token.lower_.endswith("ed") or \
        any(c.dep_ == "advmod" for c in token.children)


def personal(index: MentionIndex, title: Title) -> bool:
    """Whether a title names a person's post only ("chairman", "chief executive officer"),
    not one an organization can hold too ("owner", "partner", "member")."""
    last = [t for t in index.doc[title.start:title.end] if role_word(index, t)]
    return bool(last) and index.vocab.noun_class(last[-1]) == "Person"


def record_set(doc: Doc, first: int, end: int) -> bool:
    """"Jo Park is the first mayor since 1950 to cut taxes", "the only senator to vote no",
    "the youngest governor ever": a rank opening the words ``first`` to ``end`` and "since",
    "ever", an infinitive or a participle after them make a record set, no post ("first
    mayor" is no title; "the first woman director nominated for a Vexa Award" is no director
    first; "the first vice president of Vexa" still is)."""
    rank = doc[first]
    if not (rank.lower_ in RANKS or rank.tag_ == "JJS") or end >= len(doc):
        return False
    after = doc[end]
    return after.lower_ in ("since", "ever") or (
        after.lower_ == "to" and end + 1 < len(doc) and doc[end + 1].tag_ == "VB") or (
        after.tag_ == "VBN" and after.dep_ == "acl" and after.head.i == end - 1)
