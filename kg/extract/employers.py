"""The organization a job title serves, read next to it: a name or a possessive before the
title ("Orbis chairman", "its president"), or a phrase after it ("of Orbis", "at the Vexa
bank")."""

from __future__ import annotations

from kg import gazetteer
from kg.extract.mentions import MentionIndex, NameSpan, name_spans, span_text
from kg.extract.titles import EMPLOYER_PREPS, FORMER, part_of_name, title_word
from kg.extract.words import Token
from kg.model import Mention, MentionKind
from kg.nlp import english_words

POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})


def skip_remit(index: MentionIndex, i: int) -> int:
    """"vice president in charge of sales at Vexa": skip a short remit after a title to the
    "at" or "for" that names the employer; ``i`` itself if there is none. A remit may be a
    name ("Director of Rare Metals at the Trade Ministry": the field he directs, the
    ministry his employer) when an employer follows it."""
    doc = index.doc
    j = i
    named = False
    while j < len(doc) and j - i < 8 and doc[j].lower_ not in ("at", "for", "with") and \
            not doc[j].is_punct and doc[j].pos_ not in ("VERB", "AUX") and (
                index.name(doc[j]) is None or
                # "a researcher in Cambridge at Vexa": where, on the way to the employer
                (doc[i].lower_ == "in" and index.name(doc[j]).label == "Place") or
                doc[i].lower_ == "of"):
        named = named or index.name(doc[j]) is not None
        j += 1
    if j < len(doc) and j > i and doc[j].lower_ in ("at", "for", "with") and \
            doc[i].lower_ in ("in", "of", "responsible", "overseeing", "for") and \
            (not named or _employs(employer_after(index, j))):
        return j
    return i


def _employs(found: Mention | None) -> bool:
    """Whether an "at" phrase names an employer: not "president of Vexa for Europe"."""
    return found is not None and found.label not in ("Place", "Person")


def employer_after(index: MentionIndex, i: int) -> Mention | None:
    """The employer a preposition at ``i`` introduces: "of Orbis", "for the Delta Mills
    group", "of Nordic operator Teliasonera", "at its Vexa unit", "of the company"."""
    doc = index.doc
    if i >= len(doc) or doc[i].lower_ not in EMPLOYER_PREPS:
        return None
    j = i + 1
    while j < len(doc) and j - i <= 6:
        t = doc[j]
        if t.is_space:
            j += 1  # where wire copy's brackets were blanked
            continue
        span = index.name(t)
        if span is not None and span.label == "Thing" and all(
                tok.pos_ == "ADJ" for tok in doc[span.start:span.end]):
            j = span.end  # "of Nordic operator Teliasonera": a nationality adjective
            continue
        if span is not None:
            if span.label == "Thing" and \
                    index.vocab.noun_class(doc[span.end - 1]) != "Organization":
                return None  # "the leader of the Kurds": a people employs no one
            if span.label == "Place" and doc[i].lower_ == "from":
                return None  # "a deputy from Dover": where one comes from, not an employer
            last = doc[span.end - 1]
            if span.label == "Place" and last.dep_ == "compound" and last.head.i >= span.end \
                    and index.vocab.noun_class(last.head) != "Organization":
                return None  # "a member of a New England family": a place's family
            return _through_possessive(index, span)
        if t.lower_ in POSSESSIVE_PRONOUNS or (t.pos_ == "NOUN" and t.is_lower):
            head = t
            if t.lower_ in POSSESSIVE_PRONOUNS:
                j += 1
                continue
            if index.vocab.noun_class(head) == "Organization" and (
                    j + 1 == len(doc) or index.name(doc[j + 1]) is None):
                # "of the company": a description the resolver refers back
                return index.argument(head, allow_concept=False)
        elif not (t.dep_ in ("det", "amod", "compound", "nmod", "npadvmod") or t.is_lower
                  or t.text == "-"):
            return None
        j += 1
    return None


def _through_possessive(index: MentionIndex, span: NameSpan) -> Mention:
    """"of Vexa's parent company, Orbis Holdings": the name after the comma is the employer."""
    doc = index.doc
    k = span.end
    if k < len(doc) and doc[k].tag_ == "POS":
        k += 1
        while k < len(doc) and k - span.end <= 5 and doc[k].is_lower:
            k += 1
        if k + 1 < len(doc) and doc[k].text == "," and index.name(doc[k + 1]) is not None:
            return index.name_mention(index.name(doc[k + 1]))
    k = span.end
    if k + 1 < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_ and \
            not doc[k].whitespace_:
        k += 1  # "the MIT-Harvard Broad Institute" cut by the recogniser at the hyphen
    following = index.name(doc[k]) if k < len(doc) else None
    if following is not None and following.label in ("Organization", "Thing", "") and \
            (doc[span.end - 1].whitespace_ == " " or k > span.end):
        # "of Hoechst Celanese" cut by the recogniser into two names: one employer
        return index.mention(span.start, following.end, span.label, MentionKind.NAME)
    return index.name_mention(span)


def employer_before(index: MentionIndex, start: int, end: int) -> Mention | None:
    """The employer right before a title from ``start`` to ``end``: "Orbis chief executive",
    "Orbis's chairman", "its chairman"."""
    doc = index.doc
    # "its mayor", "UAE President", "Oil Minister": a public office, of a place
    office = doc[start:end].text.lower() in index.vocab.office_nouns or \
        doc[end - 1].lower_ in index.vocab.office_nouns
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("former", "then", "the", "a"):
        i -= 1
    if i < 0:
        return None
    if doc[i].tag_ == "POS" and i > 0:
        i -= 1
        if index.name(doc[i]) is None and doc[i].pos_ == "NOUN" and \
                index.vocab.noun_class(doc[i]) == "Organization":
            return index.argument(doc[i], allow_concept=False)  # "the agency's chairman"
    elif doc[i].lower_ in POSSESSIVE_PRONOUNS:
        if office and doc[end - 1].lower_ not in ("president", "chancellor"):
            return None  # a company has a president, not a mayor
        owner = index.argument(doc[i], allow_concept=False)
        # "its" the parse did not tie to a name: the one organization its sentence names
        sole = sole_organization_before(index, i) if doc[i].lower_ == "its" and (
            owner is None or owner.kind == MentionKind.PRONOUN) else None
        return index.name_mention(sole) if sole is not None else owner
    span = index.name(doc[i])
    if span is None:
        return None if office else _unrecognised_employer(index, i)
    if not part_of_name(index, doc[i]) or (span.end != i + 1 and doc[span.end].tag_ != "POS"):
        return None
    if span.label in ("Place", "Person", "Thing") or \
            span_text(index, span).lower() in index.vocab.demonyms or \
            _place_and_title_word(index, span, end - start):
        return None  # "Texas Governor ...", "Soviet leader ...", "Kuwaiti Oil Minister ..."
    return index.name_mention(span)


def _place_and_title_word(index: MentionIndex, span: NameSpan, title_length: int) -> bool:
    """"Dover Financial Secretary Jo Park": a place's name and an adjective that opens
    titles ("Financial"), which the recogniser took for a firm's name before a one-word
    title, are the place and the first word of the title ("Financial Secretary"), not an
    employer ("Orbis Financial chief executive" is one, and so is "the U.S. Treasury" of
    "U.S. Treasury Secretary": a noun names a body)."""
    doc = index.doc
    last = doc[span.end - 1]
    return title_length == 1 and span.end - span.start >= 2 and last.is_title and \
        last.lower_ in index.vocab.title_words and last.lower_ in english_words("adj") and \
        last.lower_ not in english_words("noun") and \
        gazetteer.is_city(index.text(span.start, span.end - 1), regions=True)


def sole_organization_before(index: MentionIndex, i: int) -> NameSpan | None:
    """"Vexa earned $4 billion, capping what CEO Jo Park called a record year", "research
    of the Vexa Institute cited by its president, Jo Park": the organization a post before
    token ``i`` serves, when its sentence names one organization before it, and no place
    after that one ("Vexa's plant in Dover, and its mayor ...")."""
    doc = index.doc
    before = sorted({s for t in doc[index.sentence(doc[i]).start:i]
                     if (s := index.name(t)) is not None
                     and s.label in ("Organization", "Place")}, key=lambda s: s.start)
    organizations = {span_text(index, s) for s in before if s.label == "Organization"}
    if len(organizations) != 1 or before[-1].label != "Organization" or \
            doc[before[-1].start].lower_ in FORMER or any(  # "Former Vexa Corp president"
                t.is_quote for t in doc[before[-1].end:i]):
        return None  # 'Vexa News reported, "CEO Jo Park ...': the source of a quote
    return before[-1]


def _unrecognised_employer(index: MentionIndex, i: int) -> Mention | None:
    """"QLX chairman Dan Orr", "Quillon Chairman Dan Orr said Quillon ...": capitalised words
    ending at token ``i`` before a title and a person's name, that the recogniser did not tag
    there, name the employer when they are an acronym or a name it tagged as an organization
    elsewhere in the paragraph ("Committee Chairman", "Export director" are titles)."""
    doc = index.doc

    def bare(t: Token) -> bool:
        return t.is_alpha and (t.is_title or t.is_upper) and t.pos_ in ("PROPN", "NOUN") and \
            index.name(t) is None and not t.is_stop and not title_word(index, t) and \
            index.vocab.noun_class(t) is None and t.lower_ not in FORMER
    j = i
    while j >= 0 and i - j < 3 and bare(doc[j]):
        j -= 1
    if j == i or (j >= 0 and (doc[j].is_title or doc[j].is_upper) and not doc[j].is_punct):
        return None  # none, or the end of a longer run of capitalised words
    text = index.text(j + 1, i + 1)
    acronym = j + 1 == i and text.isupper() and 2 <= len(text) <= 5
    named = acronym or any(span.label == "Organization" and span_text(index, span) == text
                           for span in name_spans(index))
    return index.mention(j + 1, i + 1, "Organization", MentionKind.NAME) if named else None
