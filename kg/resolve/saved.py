"""Documents resolved within themselves, kept between builds as plain data.

Resolving a document within itself (``resolve_document``) is most of resolution's work, and
its result depends only on the document's extraction, the resolution code and which of the
corpus's comma-less lists the document names. An update keeps these results and redoes only
the join across documents (``combine``), so a few new articles do not cost a pass over every
stored extraction.

The encoding is nested tuples of strings and numbers, written with ``marshal`` (fast, and
unlike pickle it cannot name code to run); a file written by another Python version, or for
other code, is simply not used.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kg.model import Document, Evidence, Joined
from kg.resolve.clusters import Cluster
from kg.resolve.corpus import LocalResolution, Section
from kg.resolve.document import LocalStatement
from kg.resolve.quotes import LocalQuote

FORMAT = 7
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class SavedDocument:
    """One document's resolution within itself, encoded, with what decides whether it can be
    used again: the names it mentions (by key and label, for the corpus's lists) and which
    of the lists it was resolved with. ``sections`` holds each section's sentence count,
    facts, number of clusters, how often it names each and its quotes; the clusters and the evidence
    (the sentences) are encoded apart, and decoded only when a new name joins a group of
    its names, or its graph is written again. ``statements`` counts its stored graph's."""

    labels: tuple[tuple[str, str, int], ...]
    lists: tuple[str, ...]
    sections: tuple[tuple[int, tuple[Any, ...], int, tuple[int, ...], tuple[Any, ...]], ...]
    clusters: bytes
    evidence: bytes
    statements: int = 0

    def names(self) -> Counter[tuple[str, str]]:
        return Counter({(key, label): n for key, label, n in self.labels})

    def keys(self) -> set[str]:
        return {key for key, _, _ in self.labels}


def version(signature: str) -> str:
    """What saved resolutions are valid for: the extraction signature (rules, model,
    ontology), the code of resolution and of the graph written from it (a stored graph
    is kept when its facts are unchanged), and this Python's marshal format."""
    digest = hashlib.sha256(f"{FORMAT}:{signature}:{sys.version_info[:2]}".encode())
    here = Path(__file__).parent
    for source in [*sorted(here.glob("*.py")), here.parent / "model.py",
                   here.parent / "stores" / "quads.py", here.parent / "dates.py",
                   here.parent / "ontology.py"]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:24]


def save(local: LocalResolution, labels: Counter[tuple[str, str]],
         lists: set[str]) -> SavedDocument:
    """Encode ``local`` (before ``combine`` merges its clusters)."""
    sentences: dict[str, int] = {}
    sections, clusters, evidence = [], [], []
    for section in local.sections:
        clusters.append(tuple(c.encode() for c in section.clusters))
        sections.append((section.sentences, tuple(map(tuple, section.statements)),
                         len(section.clusters), section.mentions,
                         tuple(map(tuple, section.quotes))))
        evidence.append(tuple(
            (ev.start, ev.end, sentences.setdefault(ev.sentence, len(sentences)), ev.rule,
             ev.confidence, ev.modality, ev.time_text, ev.coreference, ev.cues)
            for ev in section.evidence))
    return SavedDocument(
        tuple((key, label, n) for (key, label), n in labels.items()),
        tuple(sorted(lists & {key for key, _ in labels})),
        tuple(sections), marshal.dumps(tuple(clusters)),
        marshal.dumps((tuple(sentences), tuple(evidence))))


def load(saved: SavedDocument, document: Document) -> LocalResolution:
    """The resolution ``saved`` encodes, for ``document`` (its current metadata)."""
    doc_id = document.doc_id

    def evidence(data: bytes) -> list[tuple[Evidence, ...]]:
        texts, sections = marshal.loads(data)
        return [tuple(Evidence(doc_id, start, end, texts[sentence], rule, confidence,
                               modality, time_text, coreference, cues)
                      for start, end, sentence, rule, confidence, modality, time_text,
                      coreference, cues in part)
                for part in sections]

    clusters = _Sections(saved.clusters, marshal.loads)
    evidences = _Sections(saved.evidence, evidence)
    out = []
    for n, (sentences, statements, size, mentions, quotes) in enumerate(saved.sections):
        facts = tuple(map(LocalStatement._make, statements))
        out.append(Section(sentences, _Items(clusters, n, size, Cluster.decode), facts,
                           _Items(evidences, n, len(facts), _same), mentions,
                           tuple(map(LocalQuote._make, quotes))))
    return LocalResolution(document, tuple(out), joined_before=True)


def _same(item: _T) -> _T:
    return item


class _Sections:
    """A saved document's data (its clusters, or its evidence), section by section, decoded
    from ``data`` when first asked for."""

    __slots__ = ("_data", "_decode", "_sections")

    def __init__(self, data: bytes, decode: Callable[[bytes], Sequence[Sequence[Any]]]
                 ) -> None:
        self._data, self._decode = data, decode
        self._sections: Sequence[Sequence[Any]] | None = None

    def section(self, n: int) -> Sequence[Any]:
        if self._sections is None:
            self._sections = self._decode(self._data)
        return self._sections[n]

    def release(self) -> None:
        self._sections = None


class _Items(Sequence[_T]):
    """One section's items, each made (``make``) once, when first asked for: an update
    joins a document as before without its clusters, but for those in a group a new name
    joins, and reads its evidence only if its graph is written again. Made once, as
    ``combine`` merges clusters in place."""

    __slots__ = ("_made", "_make", "_n", "_sections", "_size")

    def __init__(self, sections: _Sections, n: int, size: int,
                 make: Callable[[Any], _T]) -> None:
        self._sections, self._n, self._size, self._make = sections, n, size, make
        self._made: dict[int, _T] = {}

    def __getitem__(self, i: int) -> _T:  # type: ignore[override]  (no slices)
        if i not in self._made:
            if not 0 <= i < self._size:
                raise IndexError(i)
            self._made[i] = self._make(self._sections.section(self._n)[i])
        return self._made[i]

    def __len__(self) -> int:
        return self._size

    def release(self) -> None:
        """Let go of the items made (made again when next asked for)."""
        self._made.clear()
        self._sections.release()


def dumps(saved: dict[str, SavedDocument], joined: Joined, valid_for: str) -> bytes:
    return marshal.dumps((FORMAT, valid_for, {
        d: (s.labels, s.lists, s.sections, s.clusters, s.evidence, s.statements)
        for d, s in saved.items()}, (joined.groups, joined.members, joined.keys, joined.facts)))


def loads(data: bytes | None, valid_for: str) -> tuple[dict[str, SavedDocument], Joined]:
    """The saved documents in ``data`` and what their join left; none when it was written
    for other code or is damaged."""
    if not data:
        return {}, Joined()
    try:
        fmt, written_for, entries, joined = marshal.loads(data)
        if fmt != FORMAT or written_for != valid_for:
            return {}, Joined()
        return {d: SavedDocument(*entry) for d, entry in entries.items()}, Joined(*joined)
    except (ValueError, TypeError, EOFError):
        return {}, Joined()
