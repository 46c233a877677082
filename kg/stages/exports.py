"""The export stage: the files a build keeps up to date beside the store (``--out``)."""

from __future__ import annotations

from typing import Any

from kg.faults import checkpoint
from kg.progress import Step
from kg.stages.context import Context


def write(ctx: Context, record: dict[str, Any], state: str) -> list[str]:
    """Write the exports a build keeps up to date, unless the graph they show is unchanged.
    Each is written whole (a temporary file renamed) and recorded after it is in place."""
    from kg.errors import ExportError
    from kg.export import export
    from kg.storedir import describe

    store, out, progress = ctx.store, ctx.options.out, ctx.progress
    if out is None:
        return []
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{out}: cannot write the exports ({err.strerror or err})") from err
    outputs = []
    # the record as the store keeps it: with the fingerprints of the graph its write added,
    # which the next update compares against
    record = {**store.state(), **record}
    exported = record.setdefault("exports", {})
    for fmt, name in (("turtle", "graph.ttl"), ("graphml", "graph.graphml")):
        path = out / name
        key = str(path.resolve())
        if exported.get(key) != state or not path.exists():
            try:
                checkpoint(f"export.{fmt}")
                if progress:
                    progress(Step(f"writing {path}"))
                export(store, fmt, path)
            except OSError as err:
                raise ExportError(describe(err, path, "cannot write the export (the store is "
                                                   "complete)")) from err
            exported[key] = state
            store.set_state(record)
        outputs.append(str(path))
    return outputs
