"""``build``: the only place that chains the stages (``kg.stages``, one module each).

documents → paragraphs → spaCy parse (streamed) → extraction (cached per document) →
resolution across documents → store → exports.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.executors import choose
from kg.faults import checkpoint
from kg.model import BuildReport
from kg.ontology import load_vocabulary
from kg.progress import Progress
from kg.sources import Location, is_url
from kg.stages import exports, parse, plan, resolution, scan, write
from kg.stages.context import BuildOptions, Changes, Clock, Context
from kg.stores import is_remote
from kg.stores import open as open_store

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["BuildOptions", "build"]


def build(paths: Iterable[Location], options: BuildOptions | None = None,
          nlp: Language | None = None, progress: Progress | None = None) -> BuildReport:
    """Build (or update) the knowledge graph of the articles under ``paths``.

    >>> report = build(["seeds"], BuildOptions(store=tmp / "store", out=tmp / "out"))
    ... # doctest: +SKIP
    """
    from kg.sources.fetch import build_cache

    options = options or BuildOptions()
    # a folder searched for articles is not searched in this build's own store and exports
    outputs = tuple(Path(p) for p in (options.store, options.out)
                    if p is not None and not is_remote(p))
    # the inputs are read twice (scan, parse): what the scan fetched, the parse reads from here
    paths = list(paths)
    fetches = options.read.fetch or any(is_url(p) for p in paths)
    with build_cache(replace(options.read, leave_out=options.read.leave_out + outputs),
                     fetches) as read:
        return _build(paths, replace(options, read=read), nlp, progress)


def _build(paths: Iterable[Location], options: BuildOptions, nlp: Language | None,
           progress: Progress | None) -> BuildReport:
    started = time.perf_counter()
    clock = Clock()
    paths = [p if is_url(p) else Path(p) for p in paths]
    # the shipped ontology is already read (name keys read it): not parsed again
    vocab = load_vocabulary(options.ontology)
    if not options.gate and vocab.confidence is not None:
        vocab = replace(vocab, confidence=vocab.confidence.without_gate())
    signature = plan.signature(options, options.ontology)
    # fail on a missing path before touching the store; kept to find what an update reads again
    inputs = scan.read(paths, options)
    clock.lap("scan")
    checkpoint("scan")
    # The lock is taken before anything is touched; --fresh, too, only replaces the graph
    # once the new one is complete.
    with open_store(options.store, fresh=options.fresh, cache=options.cache) as store:
        ctx = Context(options, inputs, store, partial(choose, options.cluster, options.jobs),
                      vocab, signature, nlp, progress, clock)
        changes = plan.changes(ctx)
        parsed, record, early = 0, changes.record, None
        try:
            if record.get("digest") != changes.digest or options.fresh:
                early = exports.early_turtle(ctx)
                parsed, record = _update(ctx, changes, early)
            scan.keep_seen(ctx)
            outputs = exports.write(ctx, record, changes.digest, early)
        finally:
            if early is not None:
                early.discard()
        checkpoint("done")
        clock.lap("export")
    current = inputs.documents
    sentences = record.get("sentences", {})
    return BuildReport(
        documents=len(current), parsed=parsed, unchanged=len(current) - parsed,
        removed=changes.gone, sentences=sum(sentences.get(d, 0) for d in current),
        entities=record.get("entities", 0), statements=record.get("statements", 0),
        triples=record.get("triples", 0), seconds=round(time.perf_counter() - started, 2),
        skipped=(*inputs.skipped, *changes.notes), outputs=tuple(outputs),
        timings=clock.laps())


def _update(ctx: Context, changes: Changes,
            early: exports.EarlyTurtle | None) -> tuple[int, dict[str, Any]]:
    """Extract what is new, resolve everything wanted and write the new graph with its state
    record (the Turtle export written by ``early`` while the store loads it). Returns the
    number of documents parsed and the new state record."""
    earlier = resolution.earlier(ctx, changes)
    extractions, within, parsed = parse.extract(ctx, changes, earlier.kept)
    with resolution.no_cycle_collection():
        resolved = resolution.resolve(ctx, changes, extractions, within, earlier)
        record = write.graph(ctx, changes, resolved, [*extractions, *within], early)
    return parsed, record
