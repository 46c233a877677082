"""A web page's credit of a contributor: the name, then the post, the organization and its city
("Ana Ruiz" over "Chief economist, Vexa Capital – Toronto"), which ``kg.documents`` joins into
one paragraph. Nothing else stands in such a paragraph: every word must fit the shape, so page
furniture that only looks like it gives nothing, and what other rules read in it (a misparse of
a line that is no sentence) is dropped.
"""

from __future__ import annotations

from kg.extract.found import Found
from kg.extract.mentions import MentionIndex
from kg.extract.roles import write_title
from kg.extract.titles import Title, parts, role_word, title_word
from kg.extract.words import Token
from kg.model import MentionKind

CONFIDENCE = 0.8
DASHES = frozenset({"–", "—", "-"})
MAX_TOKENS = 30


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower_ in ("&", "and", "of", "for", "the")


def credit_line(index: MentionIndex, found: Found) -> None:
    """"Ana Ruiz  Chief economist, Vexa Capital – Toronto": the person's role, employer, and
    the city the organization is in."""
    doc = index.doc
    if len(doc) > MAX_TOKENS or not len(doc):
        return
    # the name alone on its line: two to four capitalised words, which the recogniser may
    # have run on into the post ("Ana Ruiz Senior")
    end = 0
    while end < len(doc) and end < 4 and doc[end].is_title and doc[end].is_alpha and \
            not title_word(index, doc[end]) and (
                (span := index.name(doc[end])) is None or span.label in ("Person", "")):
        end += 1
    if end < 2 or end >= len(doc):
        return
    start = end + doc[end].is_space
    comma = next((t.i for t in doc[start:] if t.text == ","), None)
    if comma is None or comma == start or not doc[start].is_title:
        return
    # the post: "Chief economist", "Professor of economics"; its head noun before any "of"
    of = next((t.i for t in doc[start:comma] if t.lower_ == "of"), comma)
    if not role_word(index, doc[of - 1]) or not all(t.is_alpha or t.text == "-"
                                                     for t in doc[start:comma]):
        return
    dash = next((t.i for t in doc[comma + 1:] if t.text in DASHES), len(doc))
    employer = doc[comma + 1:dash]
    if not len(employer) or not all(_capitalised(t) for t in employer) or not any(
            (span := index.name(t)) is not None and span.label == "Organization"
            for t in employer):
        return
    place_end = dash + 1
    while place_end < len(doc) and doc[place_end].is_title and doc[place_end].is_alpha:
        place_end += 1
    rest = doc[place_end:]
    # nothing after the city but its region ("Valhalla, N.Y.")
    if dash < len(doc) and (place_end == dash + 1 or len(rest) > 2 or (
            len(rest) and (rest[0].text != "," or len(rest) != 2 or not rest[1].is_upper))):
        return
    # the parser reads the line as a sentence, and other rules make facts of its misreading:
    # this rule runs last in kg.extract.run so that it can drop them (their names and hints
    # stay)
    found.candidates.clear()
    person = index.mention(0, end, "Person", MentionKind.NAME)
    organization = index.mention(comma + 1, dash, "Organization", MentionKind.NAME)
    write_title(index, found, person, (Title(start, comma, parts(index, start, comma)),
                                       organization, "credit"))
    if dash < len(doc):
        place = index.mention(dash + 1, place_end, "Place", MentionKind.NAME)
        found.relation(organization, "locatedIn", place, doc[dash], "credit-place", CONFIDENCE)
