"""Documents resolved within themselves, kept between builds as plain data.

Resolving a document within itself (``resolve_document``) is most of resolution's work, and
its result depends only on the document's extraction, the resolution code and which of the
corpus's comma-less lists the document names. An update keeps these results and redoes only
the join across documents (``combine``), so a few new articles do not cost a pass over every
stored extraction.

The encoding is nested tuples of strings and numbers, written with ``marshal`` (fast, and
unlike pickle it cannot name code to run); a file written by another Python version, or for
other code, is simply not used. A build keeps each document's encoded resolution on disk
(``Shelf``) from the moment it is made, and writes the file for the next build from there a
document at a time (``dump``): the driver of a large build never holds every document's.
"""

from __future__ import annotations

import hashlib
import marshal
import struct
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar, overload

from kg.model import Document, Evidence, Joined
from kg.resolve.clusters import Cluster
from kg.resolve.corpus import LocalResolution, Section
from kg.resolve.document import LocalStatement
from kg.resolve.quotes import LocalQuote
from kg.resolve.spill import ScratchFile

FORMAT = 8
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
    for source in [*sorted(here.glob("*.py")), here.parent / "model.py", here.parent / "names.py",
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
                         len(section.clusters), tuple(section.mentions),
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
    return _local(document, saved.sections, _Given(saved))


class _Given:
    """A saved document in memory, as ``Saved.part`` gives a kept one's parts."""

    __slots__ = ("_saved",)

    def __init__(self, saved: SavedDocument) -> None:
        self._saved = saved

    def part(self, doc_id: str, n: int) -> bytes:
        return (b"", self._saved.clusters, self._saved.evidence)[n]


def _local(document: Document, sections: tuple[Any, ...], source: Saved | _Given,
           fresh: bool = False) -> LocalResolution:
    """A saved resolution whose encoded clusters and evidence are fetched from ``source``
    (``part``) each time they are decoded. With ``fresh`` each section's facts, counts and
    quotes are fetched and decoded each time they are read, never held: the join of a large
    corpus reads them a few times, and held between they were its largest part. Nothing
    but the source and the document's id is kept for a document (no function of its own):
    a large corpus has tens of thousands."""
    doc_id = document.doc_id
    clusters = _Sections(source, doc_id, 1, _clusters)
    evidences = _Sections(source, doc_id, 2, _evidence)
    out = []
    for n, (sentences, statements, size, mentions, quotes) in enumerate(sections):
        facts: Sequence[LocalStatement]
        said: Sequence[LocalQuote]
        if not fresh:
            facts = tuple(map(LocalStatement._make, statements))
            said = tuple(map(LocalQuote._make, quotes))
        else:
            facts = _Fresh(source, doc_id, n, 1, len(statements), LocalStatement._make)
            mentions = _Fresh(source, doc_id, n, 3, len(mentions), _same)
            said = _Fresh(source, doc_id, n, 4, len(quotes), LocalQuote._make)
        out.append(Section(sentences, _Items(clusters, n, size, Cluster.decode), facts,
                           _Items(evidences, n, len(facts), _same), mentions, said))
    return LocalResolution(document, tuple(out), joined_before=True)


def _clusters(doc_id: str, data: bytes | memoryview) -> Any:
    return marshal.loads(data)


def _evidence(doc_id: str, data: bytes | memoryview) -> list[tuple[Evidence, ...]]:
    texts, sections = marshal.loads(data)
    return [tuple(Evidence(doc_id, start, end, texts[sentence], rule, confidence, modality,
                           time_text, coreference, cues)
                  for start, end, sentence, rule, confidence, modality, time_text,
                  coreference, cues in part)
            for part in sections]


def _same(item: _T) -> _T:
    return item


class _Fresh(Sequence[_T]):
    """One field of a saved section (its facts, how often it names each cluster, or its
    quotes: ``field``), each item made (``make``) from the document's sections fetched from
    ``source`` and decoded every time it is read; nothing is kept between reads."""

    __slots__ = ("_doc_id", "_field", "_make", "_n", "_size", "_source")

    def __init__(self, source: Saved | _Given, doc_id: str, n: int, field: int, size: int,
                 make: Callable[[Any], _T]) -> None:
        self._source, self._doc_id, self._n, self._field = source, doc_id, n, field
        self._size, self._make = size, make

    def _items(self) -> Sequence[Any]:
        _, _, sections = marshal.loads(self._source.part(self._doc_id, 0))
        return sections[self._n][self._field]  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[_T]:
        return map(self._make, self._items())

    @overload
    def __getitem__(self, i: int) -> _T: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[_T]: ...

    def __getitem__(self, i: int | slice) -> _T | Sequence[_T]:
        if isinstance(i, slice):
            return tuple(map(self._make, self._items()[i]))
        return self._make(self._items()[i])

    def __len__(self) -> int:
        return self._size

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(tuple(self))


class _Sections:
    """A saved document's data (its clusters, or its evidence: its ``part``), section by
    section, fetched from ``source`` and decoded (``decode``) when first asked for."""

    __slots__ = ("_decode", "_doc_id", "_part", "_sections", "_source")

    def __init__(self, source: Saved | _Given, doc_id: str, part: int,
                 decode: Callable[[str, bytes | memoryview], Sequence[Sequence[Any]]]) -> None:
        self._source, self._doc_id, self._part, self._decode = source, doc_id, part, decode
        self._sections: Sequence[Sequence[Any]] | None = None

    def section(self, n: int) -> Sequence[Any]:
        if self._sections is None:
            self._sections = self._decode(self._doc_id,
                                          self._source.part(self._doc_id, self._part))
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
        self._made: dict[int, _T] | None = None  # made when first asked for

    def __getitem__(self, i: int) -> _T:  # type: ignore[override]  (no slices)
        made = self._made
        if made is None:
            made = self._made = {}
        if i not in made:
            if not 0 <= i < self._size:
                raise IndexError(i)
            made[i] = self._make(self._sections.section(self._n)[i])
        return made[i]

    def __len__(self) -> int:
        return self._size

    def release(self) -> None:
        """Let go of the items made (made again when next asked for)."""
        self._made = None
        self._sections.release()


# A saved document encoded: its names, lists and sections (``marshal``), its encoded
# clusters, its encoded evidence. Apart, so that reading the clusters decodes nothing else.
Encoded = tuple[bytes, bytes, bytes]
_PARTS = 3


def encode(saved: SavedDocument) -> Encoded:
    """``saved`` as bytes (all but its statement count, which is kept apart: it is known
    only once the join has made the document's graph)."""
    return (marshal.dumps((saved.labels, saved.lists, saved.sections)), saved.clusters,
            saved.evidence)


def decode(parts: Sequence[bytes | memoryview], statements: int = 0) -> SavedDocument:
    """The saved document ``encode`` made ``parts`` of."""
    head, clusters, evidence = parts
    return SavedDocument(*marshal.loads(head), bytes(clusters), bytes(evidence),
                         statements=statements)


class Saved(Mapping[str, SavedDocument]):
    """Documents' saved resolutions by id, encoded (``encode``), each decoded again every
    time it is read, with the number of statements of each one's stored graph."""

    __slots__ = ("_index", "_statements")

    def __init__(self) -> None:
        # id → where each of its encoded parts starts and ends
        self._index: dict[str, tuple[int, ...]] = {}
        self._statements: dict[str, int] = {}

    def part(self, doc_id: str, n: int) -> bytes | memoryview:
        """The ``n``th part of the document's encoding (``Encoded``)."""
        raise NotImplementedError

    def encoded(self, doc_id: str) -> tuple[bytes | memoryview, ...]:
        return tuple(self.part(doc_id, n) for n in range(_PARTS))

    def statements(self, doc_id: str) -> int:
        return self._statements.get(doc_id, 0)

    def names_of(self, doc_id: str) -> SavedDocument:
        """The saved document with its names, lists and sections, but not its clusters and
        evidence (not read: empty)."""
        return SavedDocument(*marshal.loads(self.part(doc_id, 0)), b"", b"",
                             statements=self.statements(doc_id))

    def load(self, doc_id: str, document: Document) -> LocalResolution:
        """As ``load`` gives it, but its clusters, evidence, facts, counts and quotes read
        from here each time they are decoded: a join of many saved documents holds none of
        them."""
        _, _, sections = marshal.loads(self.part(doc_id, 0))
        return _local(document, sections, self, fresh=True)

    def __getitem__(self, doc_id: str) -> SavedDocument:
        return decode(self.encoded(doc_id), self.statements(doc_id))

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


class Shelf(Saved):
    """Saved resolutions added one at a time, kept in an unnamed temporary file (gone with
    the process, whatever ends it) with only where each one lies in memory. A document added
    again replaces the one before (its bytes stay in the file, unread)."""

    __slots__ = ("_file",)

    def __init__(self) -> None:
        super().__init__()
        self._file = ScratchFile("kg-saved-")

    def add(self, doc_id: str, saved: SavedDocument) -> None:
        self.add_encoded(doc_id, encode(saved), saved.statements)

    def add_encoded(self, doc_id: str, parts: Sequence[bytes | memoryview],
                    statements: int = 0) -> None:
        start = self._file.end
        self._index[doc_id] = (start, *(self._file.append(part) for part in parts))
        self.set_statements(doc_id, statements)

    def set_statements(self, doc_id: str, statements: int) -> None:
        if statements:
            self._statements[doc_id] = statements
        else:
            self._statements.pop(doc_id, None)

    def discard(self, doc_id: str) -> None:
        self._index.pop(doc_id, None)
        self._statements.pop(doc_id, None)

    def part(self, doc_id: str, n: int) -> bytes:
        ends = self._index[doc_id]
        return self._file.read(ends[n], ends[n + 1])

    def total_statements(self) -> int:
        return sum(self._statements.values())

    def __repr__(self) -> str:
        return f"Shelf({len(self)} documents)"


class _Read(Saved):
    """The saved resolutions of a file ``dump`` wrote, read in place from its bytes."""

    __slots__ = ("_data",)

    def __init__(self, data: memoryview, index: dict[str, tuple[int, ...]],
                 statements: dict[str, int]) -> None:
        super().__init__()
        self._data, self._index, self._statements = data, index, statements

    def part(self, doc_id: str, n: int) -> memoryview:
        where = self._index[doc_id]
        return self._data[where[2 * n]:where[2 * n + 1]]


# A frame: its length (8 bytes, little-endian), then a marshal encoding of that length.
_LENGTH = struct.Struct("<Q")
# The join's dicts and groups are written in frames of this many items: no frame (and no
# encoding of it in memory) grows with the corpus.
_ITEMS = 10_000


def dump(saved: Saved, joined: Joined, valid_for: str, file: IO[bytes]) -> None:
    """Write ``saved`` and what the join left (``joined``) to ``file``, a frame at a time:
    a header, each document's id and statement count then its encoding's parts, the
    join's parts."""

    def frame(data: bytes | memoryview) -> None:
        file.write(_LENGTH.pack(len(data)))
        file.write(data)

    frame(marshal.dumps((FORMAT, valid_for, len(saved))))
    for doc_id in saved:
        frame(marshal.dumps((doc_id, saved.statements(doc_id))))
        for part in saved.encoded(doc_id):
            frame(part)
    for part in (joined.groups, tuple(joined.members.items()), tuple(joined.keys.items()),
                 tuple(joined.facts.items())):
        frame(marshal.dumps(len(part)))
        for start in range(0, len(part), _ITEMS):
            frame(marshal.dumps(part[start:start + _ITEMS]))


def dumps(saved: Saved, joined: Joined, valid_for: str) -> bytes:
    """``dump`` into bytes."""
    from kg.storedir import made

    return made(lambda file: dump(saved, joined, valid_for, file))


def _nothing() -> tuple[Saved, Joined]:
    """No saved resolution, and nothing joined."""
    return _Read(memoryview(b""), {}, {}), Joined()


def loads(data: bytes | None, valid_for: str | None) -> tuple[Saved, Joined]:
    """The saved documents in ``data`` (decoded when read) and what their join left; none
    when it was written for other code (unless ``valid_for`` is None: whatever code wrote
    it, for tools) or is damaged."""
    if not data:
        return _nothing()
    view = memoryview(data)
    at = 0

    def frame() -> tuple[int, int]:
        nonlocal at
        (length,) = _LENGTH.unpack_from(view, at)
        start, at = at + _LENGTH.size, at + _LENGTH.size + length
        if at > len(view):
            raise ValueError("truncated")
        return start, at

    def value() -> Any:
        start, end = frame()
        return marshal.loads(view[start:end])

    try:
        fmt, written_for, count = value()
        if fmt != FORMAT or valid_for not in (None, written_for):
            return _nothing()
        index: dict[str, tuple[int, int]] = {}
        statements: dict[str, int] = {}
        for _ in range(count):
            doc_id, n = value()
            index[doc_id] = tuple(at for _ in range(_PARTS) for at in frame())
            if n:
                statements[doc_id] = n
        parts = []
        for _ in range(4):
            items: list[Any] = []
            size = value()
            while len(items) < size:
                chunk = value()
                if not chunk:
                    raise ValueError("an empty frame")
                items.extend(chunk)
            parts.append(items)
        groups, members, keys, facts = parts
        if at != len(view):
            raise ValueError("trailing bytes")
        return _Read(view, index, statements), Joined(tuple(groups), dict(members), dict(keys),
                                                      dict(facts))
    except (ValueError, TypeError, EOFError, struct.error):
        return _nothing()
