"""The resolution stage: each document resolved within itself (or taken as an earlier build
resolved it), then all of them across documents, from what the earlier join formed.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import IO, TYPE_CHECKING, TypeVar

from kg.cache import extraction_from_json
from kg.faults import checkpoint
from kg.model import Extraction, Joined, Resolution
from kg.progress import Step
from kg.stages import copies
from kg.stages.context import Changes, Context

if TYPE_CHECKING:
    from kg.resolve.saved import Saved, SavedDocument, Shelf

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Earlier:
    """What earlier builds resolved and the store keeps: each document resolved within
    itself (``kept``) and what the join across documents formed."""

    kept: Saved
    joined: Joined
    valid_for: str  # what saved resolutions are valid for (``kg.resolve.saved.version``)


@dataclass(frozen=True, slots=True)
class Resolved:
    """The resolution of the wanted documents, with what the next build keeps of it (each
    document's resolution within itself, on disk)."""

    resolution: Resolution
    saved: Shelf
    sentences: dict[str, int]  # each resolved document's sentence count
    valid_for: str
    sketches: dict[str, str] = field(default_factory=dict)  # kept for the next build

    def dump(self, file: IO[bytes]) -> None:
        """Write what the store keeps for the next build to ``file``, a piece at a time."""
        from kg.resolve import saved as saves

        saves.dump(self.saved, self.resolution.joined, self.valid_for, file)


def earlier(ctx: Context, changes: Changes) -> Earlier:
    """What the store keeps of earlier builds' resolution (nothing, with --fresh)."""
    from kg.resolve import saved as saves

    valid_for = saves.version(ctx.signature)
    with no_cycle_collection():
        kept, joined = saves.loads(None if ctx.options.fresh else ctx.store.saved(), valid_for)
    # A graph is kept as stored only where the state record vouches for it: a server's
    # record is gone after a write that failed half-way, when some graphs may be newer.
    written = changes.written
    joined = replace(joined, facts={d: f for d, f in joined.facts.items() if d in written})
    return Earlier(kept, joined, valid_for)


def resolve(ctx: Context, changes: Changes, extractions: dict[str, Extraction],
            within: Shelf, earlier: Earlier) -> Resolved:
    """Resolve the wanted documents: each within itself (or as an earlier build or the worker
    that parsed it did, ``within``, where the corpus's lists are those it was resolved with),
    then across all, from what the earlier join left. ``within`` becomes what the next build
    keeps: the others' resolutions are added to it."""
    from kg.resolve import combine, lists_without_commas, name_labels, resolve_document
    from kg.resolve import saved as saves

    if ctx.progress:
        ctx.progress(Step("resolving"))
    wanted, kept, vocab = changes.wanted, earlier.kept, ctx.vocab

    def resolved_before(doc_id: str) -> SavedDocument | None:
        # its names and lists, decoded from disk each time: no document's is held beyond
        # its turn, nor its clusters and evidence read for them
        return kept.names_of(doc_id) if doc_id in kept else \
            within.names_of(doc_id) if doc_id in within else None

    # the corpus's names, by key and label, documents in id order; each document's own only
    # where it is resolved from its extraction (a Counter each would grow with the corpus)
    order: list[str] = []
    labels: dict[str, Counter[tuple[str, str]]] = {}
    corpus: Counter[tuple[str, str]] = Counter()
    for doc_id in sorted(wanted):
        keep = resolved_before(doc_id)
        if keep is not None:
            for key, label, n in keep.labels:
                corpus[key, label] += n
        elif doc_id in extractions:
            labels[doc_id] = name_labels(extractions[doc_id])
            corpus.update(labels[doc_id])
        else:
            continue
        order.append(doc_id)
    lists = lists_without_commas(corpus)
    del corpus  # every name of the corpus: not held through the join
    saved = within  # a worker's resolution is kept as it came, unless resolved again below
    resolved = []
    for doc_id in order:
        keep = resolved_before(doc_id)
        if keep is not None and set(keep.lists) == lists & keep.keys():
            # its clusters and evidence read from where it is kept each time they are decoded
            local = (kept if doc_id in kept else within).load(doc_id, wanted[doc_id])
            if doc_id in kept:
                saved.add_encoded(doc_id, kept.encoded(doc_id), kept.statements(doc_id))
                resolved.append(local)
            else:  # resolved by this build's worker: no earlier join to keep its groups from
                resolved.append(replace(local, joined_before=False))
            continue
        extraction = extractions.get(doc_id)
        if extraction is None:  # a list changed for a document resolved by an earlier build
            cached = ctx.store.read_cache(doc_id, ctx.signature)
            if cached is None:
                saved.discard(doc_id)
                continue  # its extraction is gone: it keeps its graph
            extraction = extraction_from_json(cached["extraction"])
        local = resolve_document(wanted[doc_id], extraction, lists, vocab)
        saved.add(doc_id, saves.save(local, labels[doc_id] if keep is None else keep.names(),
                                     lists))
        resolved.append(local)
    sentences = {r.document.doc_id: sum(s.sentences for s in r.sections) for r in resolved}
    # handed over: the join lets each document go once its graph is made
    resolution = combine(_handed_over(resolved), vocab, earlier.joined, spill=True)
    for graph in resolution.documents:  # the statements each written graph holds
        saved.set_statements(graph.document.doc_id, len(graph.statements))
    ctx.clock.lap("resolve")
    first, sketches = copies.cluster(ctx, changes)
    resolution = replace(resolution, copies=tuple(first.items()))
    _let_go_of_the_join(trim=bool(ctx.options.cluster))
    checkpoint("resolve")
    return Resolved(resolution, saved, sentences, earlier.valid_for, sketches)


def _let_go_of_the_join(trim: bool) -> None:
    """Give back what the join needed and nothing after it does: the keys of the names it
    read (``name_key`` remembers 131,072, some 20 MiB: a large corpus fills it), and, with
    ``trim`` (a cluster build's driver, whose memory must not grow with the corpus), what
    the allocator keeps of the join's peak (glibc's ``malloc_trim``), so that the store
    write starts from what the build holds. A local build keeps it: its store write would
    take the pages from the system again (some 5 % more CPU in the store write of 100k
    words)."""
    from kg.executors import trim_heap
    from kg.names import name_key

    name_key.cache_clear()
    if trim:
        trim_heap()


def _handed_over(items: list[_T]) -> Iterator[_T]:
    """The items, taken out of ``items`` (in reverse order) as they are read."""
    while items:
        yield items.pop()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Resolution makes and drops millions of small objects and no reference cycles: the
    cyclic garbage collector, walking them again and again, would cost more than it frees."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
