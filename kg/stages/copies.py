"""The copies stage: which wanted documents are copies of one story (``kg.copies``), from the
sketches the read stage took of their texts, or, for a document kept in the store but not
read this time, from the sketch the build that read it recorded."""

from __future__ import annotations

from kg.copies import copies, decode, encode
from kg.stages.context import Changes, Context


def sketches(ctx: Context, changes: Changes) -> dict[str, bytes]:
    """The sketch of every wanted document that has one."""
    sizes = ctx.inputs.sizes
    recorded: dict[str, str] = changes.record.get("sketches") or {}
    found = {}
    for doc_id in sorted(changes.wanted):
        size = sizes.get(doc_id)
        prints = size.sketch if size is not None and size.sketch else \
            decode(recorded.get(doc_id, ""))
        if prints:
            found[doc_id] = prints
    return found


def cluster(ctx: Context, changes: Changes) -> tuple[dict[str, str], dict[str, str]]:
    """Each copy's first document, and the sketches to record for the next build."""
    found = sketches(ctx, changes)
    first = copies(found, changes.wanted)
    ctx.clock.lap("copies")
    return first, {d: encode(p) for d, p in found.items()}
