"""The parse and extraction stage: each document's extraction, from the cache where an
earlier build made it, else parsed and extracted by the build's executor (``kg.executors``)
and cached. A cluster's workers send each document resolved within itself instead of its
extraction: the resolution stage takes that as it takes what an earlier build kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.cache import extraction_from_json
from kg.executors import ResolvedWithin, Work
from kg.faults import checkpoint
from kg.model import Document, Extraction
from kg.progress import Step
from kg.stages.context import Changes, Context
from kg.stages.scan import texts

if TYPE_CHECKING:
    from kg.resolve.saved import Saved, Shelf


def extract(ctx: Context, changes: Changes, kept: Saved,
            ) -> tuple[dict[str, Extraction], Shelf, int]:
    """The extractions resolution needs (of every wanted document not ``kept`` resolved by an
    earlier build), the documents the executor resolved within themselves instead (on disk,
    as they came), and how many documents were parsed for them."""
    from kg.resolve.saved import Shelf

    options, store = ctx.options, ctx.store
    extractions: dict[str, Extraction] = {}
    within = Shelf()
    to_parse = []
    for doc_id in sorted(changes.wanted):
        if doc_id in kept:
            continue  # resolved within itself by an earlier build: no need of its extraction
        cached = None if options.fresh else store.read_cache(doc_id, ctx.signature)
        if cached is not None:
            extractions[doc_id] = extraction_from_json(cached["extraction"])
        elif doc_id in ctx.inputs.documents:
            to_parse.append(doc_id)
    ctx.clock.lap("cache")
    parsed = 0
    if to_parse:
        parsed = _parse(ctx, changes.wanted, set(to_parse), extractions, within)
        ctx.clock.lap("parse")
    return extractions, within, parsed


def _parse(ctx: Context, wanted: dict[str, Document], todo: set[str],
           extractions: dict[str, Extraction], resolved: Shelf) -> int:
    """Parse and extract the documents of ``todo`` into ``extractions`` (or, resolved
    within themselves, into ``resolved``), caching each; returns how many were parsed."""
    options, store, sizes, progress, nlp = (ctx.options, ctx.store, ctx.inputs.sizes,
                                            ctx.progress, ctx.nlp)
    parsed = words = 0
    executor = ctx.executor(sizes[d].chars for d in todo if d in sizes)
    if nlp is None and executor.uses_local_pipeline:  # a cluster's workers load their own
        from kg.nlp import load_pipeline

        if progress:
            progress(Step("loading the model"))
        nlp = load_pipeline(options.model)
        ctx.clock.lap("model")
        checkpoint("model")
    stream = texts(ctx, wanted, todo)
    words_total = sum(sizes[d].words for d in todo if d in sizes)
    within = 0  # words read of a long document not yet done

    def part_done(doc_id: str, chars: int) -> None:
        nonlocal within
        size = sizes.get(doc_id)
        if progress and size and size.chars:
            within += size.words * chars // size.chars
            progress(Step("parsing", parsed, len(todo), "documents", words + within,
                          words_total))

    work = Work(options.model, ctx.vocab, options.batch_size, options.read,
                nlp if executor.uses_local_pipeline else None, part_done)
    found = executor.map_documents(stream, work)
    if progress:
        progress(Step("parsing", 0, len(todo), "documents", 0, words_total))
    for extraction, encoded in found:
        doc_id = extraction.doc_id
        store.write_cache(doc_id, ctx.signature, encoded)
        if isinstance(extraction, ResolvedWithin):
            resolved.add_encoded(doc_id, extraction.encoded)
        else:
            extractions[doc_id] = extraction
        parsed += 1
        if parsed == 1:
            checkpoint("parse")
        words += sizes[doc_id].words if doc_id in sizes else 0
        within = 0
        if progress:
            progress(Step("parsing", parsed, len(todo), "documents", words, words_total))
    return parsed
