"""The store write stage: the resolved graph and its state record into the store, in one
write that either completes or leaves the store's last complete graph (``kg.stores``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.progress import Step
from kg.stages.context import Changes, Context
from kg.stages.resolution import Resolved
from kg.stores import Meanwhile


def graph(ctx: Context, changes: Changes, resolved: Resolved, cached: Iterable[str],
          meanwhile: Meanwhile | None = None) -> dict[str, Any]:
    """Write the new graph with its state record, and keep the extraction cache of what the
    graph holds (``cached``: the documents this build read or made the extraction of);
    ``meanwhile`` is the store's to call while it loads the graph (``Store.write``).
    Returns the record."""
    store, resolution, saved = ctx.store, resolved.resolution, resolved.saved
    record: dict[str, Any] = {
        "digest": changes.digest,
        "entities": len(resolution.entities),
        "statements": saved.total_statements(),
        "sentences": resolved.sentences, "read": changes.read_as,
        "sketches": resolved.sketches}
    # A document kept from another folder with neither its extraction nor its resolution
    # at hand keeps its graph, and so does one whose facts are unchanged.
    carry = sorted({d for d in changes.wanted if d not in resolved.sentences}
                   | set(resolution.unchanged))
    if ctx.progress:
        ctx.progress(Step("writing the store"))
    record["triples"] = store.write(resolution, ctx.vocab, carry, record, resolved.dump,
                                    meanwhile)
    if ctx.options.fresh:
        store.keep_cache(cached)
    for doc_id in changes.removed:
        store.drop_cache(doc_id)
    ctx.clock.lap("store")
    return record
