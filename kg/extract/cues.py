"""How clearly a sentence states a fact, read off its parse for the confidence model.

No rule: the rules decide what a fact is; this says, for each fact found, what a reader would
weigh when judging it: are both ends named, or a pronoun, a description; how far apart they
stand, and whether a comma, a verb or another name of their class lies between; whether the
subject is the verb's own subject or an apposition, a conjunct, a possessive; whether both
ends are in the same clause (a relative or coordinated clause says its fact less plainly);
how many other names of the subject's class the sentence holds (the wrong one may have been
taken); whether the sentence quotes or attributes its words. ``kg.confidence`` weighs them
(``benchmarks/judged/train_confidence.py`` learns how much).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from kg.extract.mentions import MentionIndex
from kg.extract.words import Span, Token
from kg.model import Candidate, Evidence, Mention, MentionKind

# an argument's place in the parse, by the dependency of its head word
DEPENDENCY = {"nsubj": "subject", "nsubjpass": "subject", "appos": "apposition",
              "conj": "conjunct", "pobj": "preposition", "poss": "possessive",
              "compound": "compound", "dobj": "object", "attr": "attribute", "ROOT": "root"}
# dependencies that head a clause of their own
CLAUSES = frozenset({"ROOT", "relcl", "advcl", "ccomp", "acl", "parataxis", "xcomp", "csubj"})
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
QUOTES = frozenset({'"', "“", "”", "``", "''"})


def with_cues(index: MentionIndex, candidates: list[Candidate]) -> list[Candidate]:
    """The paragraph's candidates, each with the cues of its sentence (``Evidence.cues``)."""
    if not candidates:
        return []
    starts = [t.idx for t in index.tokens]
    said: dict[int, list[str]] = {}  # what each sentence says of its words, read once
    return [_with(c, cues(index, starts, c, said)) for c in candidates]


def _with(c: Candidate, cues: str) -> Candidate:
    """``c`` with these cues (built directly: ``dataclasses.replace`` costs several times
    more, and there are two a fact)."""
    e = c.evidence
    return Candidate(c.subject, c.relation, c.object,
                     Evidence(e.doc_id, e.start, e.end, e.sentence, e.rule, e.confidence,
                              e.modality, e.time_text, e.coreference, cues), c.canonical)


def cues(index: MentionIndex, starts: list[int], candidate: Candidate,
         said: dict[int, list[str]] | None = None) -> str:
    """The cues of one candidate, space-separated ``name=value`` words. An end named outside
    the fact's sentence (a rule that took "it" for the name before) is of kind "before".
    ``said`` keeps the cues of each sentence's words for the paragraph's other facts."""
    ev = candidate.evidence
    inside = [ev.start <= m.start and m.end <= ev.end and m.kind != MentionKind.LITERAL
              for m in (candidate.subject, candidate.object)]
    subject = _tokens(index, starts, candidate.subject) if inside[0] else None
    obj = _tokens(index, starts, candidate.object) if inside[1] else None
    kinds = [m.kind.value if inside[i] or m.kind == MentionKind.LITERAL else "before"
             for i, m in enumerate((candidate.subject, candidate.object))]
    found = [f"args={kinds[0]}-{kinds[1]}"]
    if subject is not None:
        found.append(f"subject-as={DEPENDENCY.get(_root(subject).dep_, 'other')}")
    if obj is not None:
        found.append(f"object-as={DEPENDENCY.get(_root(obj).dep_, 'other')}")
    found.extend(f"cut={end}" for end, span in (("subject", subject), ("object", obj))
                 if span is not None and _cut(index, span))
    anchor = subject or obj
    if anchor is None:
        return " ".join(found)
    sentence = index.doc.sentence_of(anchor.start)
    if subject is not None and obj is not None:
        found.extend(_between(index, subject, obj, {candidate.subject.label,
                                                     candidate.object.label} - {""}))
    found.append(f"rivals={_rivals(index, sentence, subject, candidate.subject.label)}"
                 if subject is not None else "rivals=none")
    words = said.get(sentence.start) if said is not None else None
    if words is None:
        words = _said(index, sentence)
        if said is not None:
            said[sentence.start] = words
    found.extend(words)
    return " ".join(found)


def _said(index: MentionIndex, sentence: Span) -> list[str]:
    """Whether the sentence quotes ("quoted") and attributes ("attributed") words."""
    words = index.tokens[sentence.start:sentence.end]
    found = []
    if any(t.text in QUOTES for t in words):
        found.append("quoted")
    if any(t.pos_ == "VERB" and t.lemma_ in index.vocab.speech_verbs for t in words):
        found.append("attributed")
    return found


def _tokens(index: MentionIndex, starts: list[int], mention: Mention) -> Span | None:
    """The mention's tokens in the paragraph, or None when it is not in it."""
    first, last = mention.start - index.offset, mention.end - index.offset
    if mention.kind == MentionKind.FOCUS or first < 0 or last > len(index.text_of_doc) or \
            last <= first:
        return None
    start = bisect_right(starts, first) - 1
    end = bisect_left(starts, last)
    return index.doc[max(start, 0):end] if end > start else None


def _cut(index: MentionIndex, span: Span) -> bool:
    """Whether a proper noun stands right before or after the argument, outside it: the name
    may be cut ("Loye" of "Dieter zur Loye")."""
    sentence = index.doc.sentence_of(span.start)
    return any(sentence.start <= i < sentence.end and index.tokens[i].pos_ == "PROPN"
               for i in (span.start - 1, span.end))


def _root(span: Span) -> Token:
    """The span's word whose head lies outside it."""
    for token in span:
        if not span.start <= token.head.i < span.end or token.head is token:
            return token
    return span[0]


def _clause(token: Token) -> Token:
    """The head of the clause a word is in."""
    while token.dep_ not in CLAUSES and token.head is not token and \
            not (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")):
        token = token.head
    return token


def _between(index: MentionIndex, subject: Span, obj: Span, classes: set[str]) -> list[str]:
    """How far apart the two ends stand and what lies between them: a comma, a finite verb
    that heads neither end's clause, a name of either end's class."""
    first, second = sorted((subject, obj), key=lambda s: s.start)
    gap = max(0, second.start - first.end)
    found = ["gap=" + ("adjacent" if gap <= 2 else "near" if gap <= 6 else "mid" if gap <= 12
                       else "far")]
    heads = {_clause(_root(subject)), _clause(_root(obj))}
    found.append("clause=" + ("same" if len(heads) == 1 else "other"))
    between = index.tokens[first.end:second.start]
    if any(t.text == "," for t in between):
        found.append("between=comma")
    if any(t.tag_ in FINITE and t not in heads for t in between):
        found.append("between=verb")
    if any((span := index.name(t)) is not None and span.label in classes and
           span.start >= first.end and span.end <= second.start for t in between):
        found.append("between=name")
    return found


def _rivals(index: MentionIndex, sentence: Span, argument: Span, label: str) -> str:
    """How many other names of the argument's class the sentence holds: 0, 1 or 'more'."""
    if not label:
        return "none"
    names = {span for t in index.tokens[sentence.start:sentence.end]
             if (span := index.name(t)) is not None and span.label == label}
    others = sum(1 for span in names if not (span.start < argument.end and argument.start <
                                             span.end))
    return str(others) if others < 2 else "more"
