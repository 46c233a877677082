"""Document graphs kept on disk between the join across documents and the store write.

The join makes every document's graph (its statements, each with its evidence sentence);
held in memory until the store is written, they grew the build's memory with the corpus
(about 1 GiB per million words with the rest of the join). ``SpilledGraphs`` writes each
graph, encoded with ``marshal``, to an unnamed temporary file as the join makes it, and reads
them back in the same order each time the store write walks them, one at a time: the build
holds the entities, never every document's statements. The first graphs, up to a few
megabytes encoded, are kept as they are: a small build (100k words make some 1.5 MB) decodes
nothing, where its walks (the store write's and the exports', five in all) decoded every graph
each time, and a large one holds no more than those.
"""

from __future__ import annotations

import marshal
import os
import tempfile
import weakref
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from kg.model import Document, DocumentGraph, Evidence, MentionCount, SaidQuote, Statement

# Read back in blocks of this many bytes: a document's graph is some kilobytes.
_BUFFER = 1 << 20
# Graphs kept in memory, not written, until their encoded bytes reach this.
_KEPT_BYTES = 4 << 20


def _evidence(ev: Evidence) -> tuple[Any, ...]:
    return (ev.doc_id, ev.start, ev.end, ev.sentence, ev.rule, ev.confidence, ev.modality,
            ev.time_text, ev.coreference, ev.cues)


def encode(graph: DocumentGraph) -> bytes:
    """``graph`` as plain data (nested tuples of strings and numbers)."""
    d = graph.document
    return marshal.dumps((
        (d.doc_id, d.source, d.text, d.title, d.published, d.url, d.site, d.author,
         d.language),
        graph.sentences,
        tuple((s.subject, s.predicate, s.object, _evidence(s.evidence), s.canonical,
               s.literal, s.typed) for s in graph.statements),
        tuple((m.entity, m.count) for m in graph.mentions),
        tuple((q.speaker, q.text, q.start, q.end, q.direct, q.cue, q.mentions,
               _evidence(q.evidence)) for q in graph.quotes)))


def decode(data: bytes) -> DocumentGraph:
    """The graph ``encode`` made ``data`` of."""
    document, sentences, statements, mentions, quotes = marshal.loads(data)
    return DocumentGraph(
        Document(*document), sentences,
        tuple(Statement(subject, predicate, obj, Evidence(*ev), canonical, literal, typed)
              for subject, predicate, obj, ev, canonical, literal, typed in statements),
        tuple(MentionCount(entity, n) for entity, n in mentions),
        tuple(SaidQuote(speaker, text, start, end, direct, cue, named, Evidence(*ev))
              for speaker, text, start, end, direct, cue, named, ev in quotes))


class ScratchFile:
    """An unnamed temporary file, written at its end and read at offsets (reads and writes
    at an offset: a walk may be under way while more is written). It has no name: it is
    gone with the process, whatever ends it, and closed when this object is dropped."""

    __slots__ = ("__weakref__", "_fd", "end")

    def __init__(self, prefix: str) -> None:
        file = tempfile.TemporaryFile(prefix=prefix, buffering=0)  # noqa: SIM115
        weakref.finalize(self, file.close)
        self._fd = file.fileno()
        self.end = 0  # where what is written ends

    def append(self, data: bytes | memoryview) -> int:
        """Write ``data`` after what is written; where it ends."""
        view = memoryview(data)
        while view:
            written = os.pwrite(self._fd, view, self.end)
            view, self.end = view[written:], self.end + written
        return self.end

    def read(self, start: int, end: int) -> bytes:
        return os.pread(self._fd, end - start, start)


class SpilledGraphs(Sequence[DocumentGraph]):
    """Document graphs in the order they were added, on disk: each is decoded again every
    time it is read. The file has no name (it is gone with the process, whatever ends it)."""

    __slots__ = ("_ends", "_file", "_kept", "_kept_bytes")

    def __init__(self, kept_bytes: int = _KEPT_BYTES) -> None:
        self._file = ScratchFile("kg-graphs-")
        self._ends: list[int] = []  # where each graph's bytes end
        self._kept: list[DocumentGraph] = []  # the first graphs, not written
        self._kept_bytes = kept_bytes  # what is left of the budget for them

    def append(self, graph: DocumentGraph) -> None:
        encoded = encode(graph)
        if not self._ends and len(encoded) <= self._kept_bytes:  # once one is written, all are
            self._kept.append(graph)
            self._kept_bytes -= len(encoded)
            return
        self._ends.append(self._file.append(encoded))

    def __len__(self) -> int:
        return len(self._kept) + len(self._ends)

    @overload
    def __getitem__(self, i: int) -> DocumentGraph: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[DocumentGraph]: ...

    def __getitem__(self, i: int | slice) -> DocumentGraph | Sequence[DocumentGraph]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        if i < len(self._kept):
            return self._kept[i]
        i -= len(self._kept)
        return decode(self._file.read(self._ends[i - 1] if i else 0, self._ends[i]))

    def __iter__(self) -> Iterator[DocumentGraph]:
        i = 0
        while i < len(self._kept):  # by index: a walk may be under way while graphs are added
            yield self._kept[i]
            i += 1
        # in blocks: one read per graph would cost a system call each
        start, block_start, block = 0, 0, b""
        for end in self._ends:
            if end > block_start + len(block):
                block_start = start
                block = self._file.read(start, max(end, start + _BUFFER))
            yield decode(block[start - block_start:end - block_start])
            start = end

    def __repr__(self) -> str:
        return f"SpilledGraphs({len(self)} graphs)"


class SpilledItems(Sequence[Any]):
    """Items of plain data (``marshal``) in the order they were appended, on disk: each is
    decoded again every time it is read. The join's groups for the next build (one per
    entity before the passes over the whole corpus, ``kg.model.Joined.groups``) are held
    so from the join to the store write, where the file for the next build copies them;
    in memory they were the join's largest table. Appended bytes are written in blocks."""

    __slots__ = ("_ends", "_file", "_pending")

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._file = ScratchFile("kg-items-")
        self._ends = array("q")  # where each item's bytes end
        self._pending = bytearray()  # appended after the file's end, not yet written
        for item in items:
            self.append(item)

    def append(self, item: Any) -> None:
        self._pending += marshal.dumps(item)
        self._ends.append(self._file.end + len(self._pending))
        if len(self._pending) >= _BUFFER:
            self._write()

    def _write(self) -> None:
        if self._pending:
            self._file.append(self._pending)
            self._pending = bytearray()

    def _decoded(self, first: int, stop: int) -> list[Any]:
        """Items ``first`` to ``stop`` (a range within bounds), read in one piece."""
        if first >= stop:
            return []
        self._write()
        start = self._ends[first - 1] if first else 0
        data = memoryview(self._file.read(start, self._ends[stop - 1]))
        out = []
        for end in self._ends[first:stop]:
            out.append(marshal.loads(data[:end - start]))
            data, start = data[end - start:], end
        return out

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, i: int) -> Any: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Any]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            first, stop, step = i.indices(len(self))
            if step != 1:
                return tuple(self[j] for j in range(first, stop, step))
            return tuple(self._decoded(first, stop))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._decoded(i, i + 1)[0]

    def __iter__(self) -> Iterator[Any]:
        first = 0
        while first < len(self):  # in blocks of some thousand items
            stop = min(len(self), first + 4096)
            yield from self._decoded(first, stop)
            first = stop

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and \
            tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SpilledItems({len(self)} items)"
