"""Quotes resolved within their document: the speaker's cluster (through the coreference the
facts use: "she added" is the person the story just named, or nobody) and the clusters of the
names the words hold. Kept as plain tuples, as a document's facts are (``LocalStatement``), so
an update saves and joins them alike."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from kg.model import Evidence, Extraction, Mention, MentionKind, SaidQuote
from kg.names import name_key
from kg.resolve.document import DocumentState, _cue, _resolve_argument

NOBODY = -1  # the speaker of a quote whose speaker the story does not tell


class LocalQuote(NamedTuple):
    """A quote about a document's own clusters (``NOBODY`` for no speaker), with its
    evidence's fields."""

    speaker: int
    text: str
    start: int
    end: int
    direct: bool
    cue: str
    mentions: tuple[int, ...]
    sentence_start: int
    sentence_end: int
    sentence: str
    rule: str
    confidence: float
    time_text: str
    coreference: str

    def said(self, doc_id: str, speaker: str, mentions: tuple[str, ...]) -> SaidQuote:
        """The quote with its speaker and the entities it names by key."""
        return SaidQuote(speaker, self.text, self.start, self.end, self.direct, self.cue,
                         mentions, Evidence(doc_id, self.sentence_start, self.sentence_end,
                                            self.sentence, self.rule, self.confidence,
                                            time_text=self.time_text,
                                            coreference=self.coreference if speaker else ""))


def _cluster(state: DocumentState, mention: Mention) -> tuple[int | None, str]:
    """A name's cluster (no placeholder for a name the story's names do not hold: a quote
    adds no entity), or the cluster a pronoun or description refers to, with its cue."""
    if mention.kind == MentionKind.NAME:
        return state.by_key.get(name_key(mention.text)), ""
    found, cue = _resolve_argument(state, mention)
    return (found, cue) if isinstance(found, int) else (None, "")


def local_quotes(extraction: Extraction, state: DocumentState) -> tuple[LocalQuote, ...]:
    """The document's quotes, their speakers found among the sentences of its facts and of
    its quotes ("the name its sentence starts with" is of the quote's own sentence)."""
    if not extraction.quotes:
        return ()
    state = replace(state, sentences=sorted(
        set(state.sentences) | {q.evidence.start for q in extraction.quotes}))
    out = []
    for quote in extraction.quotes:
        speaker, cue = _cluster(state, quote.speaker) if quote.speaker else (None, "")
        named = {i for m in quote.mentions if (i := _cluster(state, m)[0]) is not None}
        if quote.direct and speaker in named:
            # '"Secretary Roe and I get along," he said': "he" is not the one he names
            speaker, cue = None, ""
        coreference = _cue(state, quote.speaker, speaker, cue) \
            if cue and quote.speaker and speaker is not None else ""
        ev = quote.evidence
        out.append(LocalQuote(NOBODY if speaker is None else speaker, quote.text, quote.start,
                              quote.end, quote.direct, quote.cue, tuple(sorted(named)),
                              ev.start, ev.end, ev.sentence, ev.rule, ev.confidence,
                              ev.time_text, coreference))
    return tuple(out)
