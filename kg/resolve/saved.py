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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.model import Document, Evidence, MentionKind
from kg.resolve.clusters import Cluster
from kg.resolve.corpus import LocalResolution, Section
from kg.resolve.document import LocalStatement

FORMAT = 1


@dataclass(frozen=True, slots=True)
class SavedDocument:
    """One document's resolution within itself, encoded, with what decides whether it can be
    used again: the names it mentions (by key and label, for the corpus's lists) and which
    of the lists it was resolved with."""

    labels: tuple[tuple[str, str, int], ...]
    lists: tuple[str, ...]
    encoded: tuple[Any, ...]

    def names(self) -> Counter[tuple[str, str]]:
        return Counter({(key, label): n for key, label, n in self.labels})

    def keys(self) -> set[str]:
        return {key for key, _, _ in self.labels}


def version(signature: str) -> str:
    """What saved resolutions are valid for: the extraction signature (rules, model,
    ontology), the resolution code and this Python's marshal format."""
    digest = hashlib.sha256(f"{FORMAT}:{signature}:{sys.version_info[:2]}".encode())
    here = Path(__file__).parent
    for source in [*sorted(here.glob("*.py")), here.parent / "model.py"]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:24]


def save(local: LocalResolution, labels: Counter[tuple[str, str]],
         lists: set[str]) -> SavedDocument:
    """Encode ``local`` (before ``combine`` merges its clusters)."""
    sentences: dict[str, int] = {}
    sections = []
    for section in local.sections:
        clusters = tuple((dict(c.names), dict(c.votes), dict(c.ner), tuple(c.merges),
                          c.confirmed) for c in section.clusters)
        statements = tuple(
            (st.subject, st.predicate, st.object, st.canonical, st.object_kind.value,
             (st.evidence.start, st.evidence.end,
              sentences.setdefault(st.evidence.sentence, len(sentences)), st.evidence.rule,
              st.evidence.confidence, st.evidence.modality, st.evidence.time_text))
            for st in section.statements)
        sections.append((section.sentences, clusters, statements))
    return SavedDocument(
        tuple((key, label, n) for (key, label), n in labels.items()),
        tuple(sorted(lists & {key for key, _ in labels})),
        (tuple(sentences), tuple(sections)))


def load(saved: SavedDocument, document: Document) -> LocalResolution:
    """The resolution ``saved`` encodes, for ``document`` (its current metadata)."""
    texts, sections = saved.encoded
    doc_id = document.doc_id
    out = []
    for sentences, clusters, statements in sections:
        decoded = tuple(Cluster(_counter(names), _counter(votes), _counter(ner), list(merges),
                                confirmed)
                        for names, votes, ner, merges, confirmed in clusters)
        facts = tuple(
            LocalStatement(s, p, o, Evidence(doc_id, start, end, texts[sentence], rule,
                                             confidence, modality, time_text),
                           canonical, MentionKind(kind))
            for s, p, o, canonical, kind,
            (start, end, sentence, rule, confidence, modality, time_text) in statements)
        out.append(Section(sentences, decoded, facts))
    return LocalResolution(document, tuple(out))


def _counter(counts: dict[str, Any]) -> Counter[str]:
    # a Counter is a dict with methods: filled as a dict, it skips Counter.__init__'s Python
    # code, which is most of the time of loading a large corpus's resolution
    counter: Counter[str] = Counter.__new__(Counter)
    dict.update(counter, counts)
    return counter


def dumps(saved: dict[str, SavedDocument], valid_for: str) -> bytes:
    return marshal.dumps((FORMAT, valid_for, {d: (s.labels, s.lists, s.encoded)
                                              for d, s in saved.items()}))


def loads(data: bytes | None, valid_for: str) -> dict[str, SavedDocument]:
    """The saved documents in ``data``; none when it was written for other code or is
    damaged."""
    if not data:
        return {}
    try:
        fmt, written_for, entries = marshal.loads(data)
        if fmt != FORMAT or written_for != valid_for:
            return {}
        return {d: SavedDocument(*entry) for d, entry in entries.items()}
    except (ValueError, TypeError, EOFError):
        return {}
