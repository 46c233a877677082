"""Quotes: the words a story gives to a speaker, and who the speaker is.

Direct speech is the words between quotation marks with a verb of saying right after them
('"We will grow," said Ana Ruiz', '"...," she added') or right before them ('Ruiz said:
"..."'); reported speech is the clause a verb of saying governs ("Ruiz said that Vexa would
grow", "Vexa will grow, the company said") or one "according to" a speaker sets aside. The
speaker is the verb's subject as the relation rules read an argument (``MentionIndex.argument``:
a name, a pronoun or description that resolution refers to an entity, or nothing), but for a
speaker of an organization ("a spokesman for Vexa"): the organization speaks. A quote whose
speaker is no name, pronoun or description the story resolves ("analysts said") keeps no
speaker. The verbs of saying and the speakers' nouns are data (``kg:speechVerb``,
``kg:speakerNoun`` in the ontology).
"""

from __future__ import annotations

import re

from kg.extract.found import Found
from kg.extract.mentions import MentionIndex
from kg.extract.modality import modality
from kg.extract.words import Token
from kg.model import ASSERTED, Mention, MentionKind, Quote

# The words between a pair of double quotation marks, on one line.
_QUOTED = re.compile(r'[“"]([^“”"\n]+)[”"]')
_QUOTE_MARKS = re.compile(r'[“”"]')
MIN_WORDS = 3  # fewer words in quotation marks are a title or a scare quote, not speech
REACH = 6  # tokens from a verb of saying to the quotation it opens ('said on Monday: "')
SUBJECT_REACH = 20  # tokens from a closing mark to the verb after the speaker's name
SPEAKER_PREPOSITIONS = frozenset({"for", "of", "at", "from"})
PERSONAL = frozenset({"he", "she", "it"})  # pronouns resolution refers to one entity
# words that open an indirect question: what it asks is not stated
QUESTION_WORDS = frozenset({"what", "whether", "if", "how", "why", "when", "who", "where",
                            "which", "whom"})
MODIFYING = frozenset({"amod", "acl", "relcl"})  # a verb that modifies a noun reports nothing
# words a title leaves in lower case ("Gone with the Wind", "Meet the Press")
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to",
                               "for", "with", "by", "from"})
CONFIDENCE = {"quote-direct": 0.9, "quote-reported": 0.8, "quote-according": 0.8}


def quotes(index: MentionIndex, found: Found) -> None:
    """Every quote of the paragraph, direct ones first: a reported clause inside quotation
    marks is the direct quote already found. Every quote hangs on a verb of saying or on
    "according": a paragraph with neither (most of them) has none to look for."""
    speech_verbs = index.vocab.speech_verbs
    cued = [t for t in index.tokens if (t.pos_ == "VERB" and t.lemma_.lower() in speech_verbs)
            or t.lower_ == "according"]
    if not cued:
        return
    text = index.text_of_doc
    spans: list[tuple[int, int]] = []  # paragraph offsets of the direct quotes found
    marked: list[tuple[int, int]] = []  # ... and of all words in quotation marks
    cues: set[int] = set()  # the verbs that give them
    at = {t.idx: t for t in index.tokens} if _QUOTE_MARKS.search(text) else {}
    for match in _QUOTED.finditer(text) if at else ():
        start, end = match.span(1)
        marked.append((start, end))
        words = match.group(1).strip().rstrip(",;:").rstrip()
        opening, closing = at.get(match.start()), at.get(match.end() - 1)
        if len(words.split()) < MIN_WORDS or opening is None or closing is None or \
                _title(words):
            continue
        verb = _cue_after(index, closing) or _cue_before(index, opening)
        if verb is None:
            continue
        spans.append((start - 1, end + 1))
        cues.add(verb.i)
        first = start + len(match.group(1)) - len(match.group(1).lstrip())
        _add(index, found, verb, first, first + len(words), True, "quote-direct")
    for token in cued:
        if token.pos_ == "VERB" and token.lemma_.lower() in speech_verbs and \
                token.dep_ not in MODIFYING and token.i not in cues and \
                not _inside(marked, token.idx, token.idx + 1):
            # not "anything they say will ...", "confirmed cases", a verb in quotation marks
            # ('"We try to fix it, we admit it."': the words of someone else), nor one that
            # gives a direct quote ('"...," said Ruiz, among those sent sliding')
            _reported(index, found, token, spans)
        elif token.lower_ == "according":
            _according(index, found, token, spans)


def _title(words: str) -> bool:
    """'"Meet the Press," the senator said': words in capitals but for their small words
    name a show or a book; speech is a sentence."""
    return all(w[:1].isupper() or w in TITLE_SMALL_WORDS or not w[:1].isalpha()
               for w in words.rstrip(",.?!").split())


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def _speaks(index: MentionIndex, token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in index.vocab.speech_verbs and \
        not any(c.dep_ == "neg" for c in token.children)


def _cue_after(index: MentionIndex, closing: Token) -> Token | None:
    """'"...," said Ana Ruiz', '"...," she added', '"...," Ana Ruiz, an economist with
    Vexa, said': the first verb of saying after the closing mark, in the same sentence,
    with nothing between but its subject."""
    sent = closing.sent
    for token in index.tokens[closing.i + 1: min(closing.i + 1 + SUBJECT_REACH, sent.end)]:
        if token.is_quote:
            return None
        if _speaks(index, token):
            between = index.tokens[closing.i + 1: token.i]
            subject = _subject(token)
            if all(t.is_punct or (subject is not None and t in subject.subtree)
                   for t in between):
                return token
            return None
    return None


def _cue_before(index: MentionIndex, opening: Token) -> Token | None:
    """'Ruiz said: "..."', '"...," she said, "and ..."', 'Pell told reporters: "...': the verb
    of saying a few tokens before the opening mark, in its sentence, with nothing between
    but its own words (its subject, object, a time) and a colon or a comma."""
    sent = opening.sent
    for token in reversed(index.tokens[max(sent.start, opening.i - REACH): opening.i]):
        if token.is_quote:
            return None
        if _speaks(index, token):
            between = index.tokens[token.i + 1: opening.i]
            return token if all(t.text in (",", ":") or _argument_of(t, token)
                                for t in between) else None
    return None


def _argument_of(token: Token, verb: Token) -> bool:
    """Whether ``token`` is in a phrase of ``verb`` that is not the clause it governs: 'Pell
    told reporters on Monday, "..."', not 'Pell said the firm "will ..."' (the quoted words
    are part of the reported clause)."""
    node = token
    while node.i != verb.i:
        if node.dep_ in ("ccomp", "xcomp") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares: 'the Planet stated "...", adding "..."',
    "Ruiz smiled and said ..."."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.head.i == verb.i or not (
                verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG")):
            return subject
        verb = verb.head
        while verb.dep_ == "ccomp" and verb.head.i != verb.i:
            verb = verb.head  # '"...," adding': the parser hangs it in the quoted clause
    return None


def _reported(index: MentionIndex, found: Found, verb: Token,
              spans: list[tuple[int, int]]) -> None:
    """"Ruiz said (that) Vexa would grow", "Vexa will grow, the company said": the clause
    the verb governs, when it is no direct quote, and the verb says it was said (not "did
    not say", "declined to say", "could say")."""
    subject = _subject(verb)
    if subject is None or not _speaks(index, verb) or modality(verb, index.vocab) != ASSERTED:
        return
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in clauses if c.i > verb.i]
    # "X, the company said": all before the speaker, as the parser may hang a part of the
    # words elsewhere; not a participle ("Quoting documents, the paper said ...")
    before = [c for c in clauses if c.i < verb.i and not _participle(c) and
              subject.left_edge.i > c.i]
    if after:
        clause = after[0]
        words = list(index.tokens[clause.left_edge.i: clause.right_edge.i + 1])
    elif before:
        # "The beach stayed open, but signs will be posted, Colligan said": the sentence up to
        # the speaker, as the parser may hang the first part of the words elsewhere
        clause = before[-1]
        first = min(clause.left_edge.i, clause.sent.start)
        words = list(index.tokens[first: min(subject.left_edge.i, verb.i)])
    else:
        return
    words = _trimmed([t for t in words if not t.is_space])
    if len(words) < MIN_WORDS or words[0].lower_ in QUESTION_WORDS or \
            any(c.dep_ == "aux" and c.lower_ == "'d" for c in verb.children):
        return  # "I'd ask him what he likes": a question, and one not asked
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    if _QUOTE_MARKS.sub("", index.text_of_doc[start:end]) != index.text_of_doc[start:end]:
        end = _closing(index.text_of_doc, start, end, clause.sent.end_char)
    if _inside(spans, verb.idx, verb.idx + 1) or _inside(spans, start, end):
        return
    _add(index, found, verb, start, end, False, "quote-reported")


def _participle(clause: Token) -> bool:
    """"Quoting documents, ...": a participle with no subject nor auxiliary of its own (not
    "Vexa is issuing a bond, its bank said")."""
    return clause.tag_ == "VBG" and not any(
        c.dep_ in ("aux", "nsubj", "nsubjpass") for c in clause.children)


def _trimmed(words: list[Token]) -> list[Token]:
    """The words without the punctuation and quotation marks at their ends, nor a
    conjunction left at their end ("..., but")."""
    while words and (words[-1].is_punct or words[-1].is_quote or words[-1].dep_ == "cc"):
        words.pop()
    while words and (words[0].is_punct or words[0].is_quote):
        words.pop(0)
    return words


def _closing(text: str, start: int, end: int, limit: int) -> int:
    """The end of the words, past the mark that closes a quotation they open ('that "we
    have grown for years," Ruiz said' ends after "years"), within the sentence."""
    if len(_QUOTE_MARKS.findall(text[start:end])) % 2 == 0:
        return end
    closing = _QUOTE_MARKS.search(text, end, limit)
    return closing.end() if closing else end


def _according(index: MentionIndex, found: Found, according: Token,
               spans: list[tuple[int, int]]) -> None:
    """"According to Vexa, the deal will close in May": the clause "according to" is set in,
    less that phrase, when it names who says so (not "according to data")."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    clause = according.head
    if source is None or clause.i == according.i or clause.pos_ not in ("VERB", "AUX"):
        return
    speaker = _speaker(index, source)
    if speaker is None:
        return
    aside = {t.i for t in according.subtree}
    words = _trimmed([t for t in clause.subtree if t.i not in aside])
    if len(words) < MIN_WORDS or words[0].i < according.i < words[-1].i:
        return  # "the deal, according to Vexa, will close": the words are not one span
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    end = _closing(index.text_of_doc, start, end, clause.sent.end_char)
    if _inside(spans, start, end):
        return
    _add(index, found, according, start, end, False, "quote-according", speaker,
         "according to")


def _speaker(index: MentionIndex, subject: Token | None) -> Mention | None:
    """Who the verb's subject names: a name, "he", "she" or "it" (which resolution refers, or
    not), a description ("the company"); the organization a spokesman speaks for; else
    nobody ("analysts", "they", "people familiar with the matter")."""
    if subject is None:
        return None
    if subject.pos_ == "NOUN" and subject.lemma_.lower() in index.vocab.speaker_nouns:
        for child in subject.children:
            org = None
            if child.dep_ == "prep" and child.lower_ in SPEAKER_PREPOSITIONS:
                org = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ in ("compound", "poss") and index.name(child) is not None:
                org = child
            spoken_for = index.argument(org, allow_concept=False) if org is not None else None
            if spoken_for is not None and spoken_for.label != "Person":
                return spoken_for
        return None  # "a spokesman said": for no one the text names
    if subject.pos_ == "PRON" and subject.lower_ not in PERSONAL:
        return None
    if subject.pos_ == "NOUN" and index.name(subject) is None and \
            index.vocab.noun_class(subject) not in ("Organization", "Person"):
        return None  # "her LinkedIn profile says": a thing does not speak
    mention = index.argument(subject, allow_concept=False)
    if mention is None or mention.kind not in (MentionKind.NAME, MentionKind.PRONOUN,
                                               MentionKind.DESCRIPTION):
        return None
    if mention.kind == MentionKind.DESCRIPTION and mention.label != "Organization":
        return None  # "the senator said": often one the story has not named yet
    return mention


def _add(index: MentionIndex, found: Found, cue: Token, start: int, end: int, direct: bool,
         rule: str, speaker: Mention | None = None, cue_text: str = "") -> None:
    if speaker is None and rule != "quote-according":
        speaker = _speaker(index, _subject(cue))
    names = sorted({s for s in index.by_token.values()
                    if start <= index.tokens[s.start].idx and
                    index.tokens[s.end - 1].idx < end}, key=lambda s: s.start)
    offset = index.offset
    found.quotes.append(Quote(
        speaker, index.text_of_doc[start:end], offset + start, offset + end, direct,
        cue_text or cue.lemma_.lower(), tuple(index.name_mention(s) for s in names),
        found.evidence(cue, rule, CONFIDENCE[rule])))
