"""The export stage: the files a build keeps up to date beside the store (``--out``)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.faults import checkpoint
from kg.progress import Step
from kg.stages.context import Context

if TYPE_CHECKING:
    from kg.stores.lines import SortedRuns

TURTLE_FILE = "graph.ttl"


class EarlyTurtle:
    """The Turtle export, written while the store loads the graph it shows (the store hands
    this object the graph's lines: ``Store.write``'s ``meanwhile``), to a file beside the
    export that ``write`` puts in place once the store holds the graph. A write that fails
    here leaves nothing: ``write`` then exports from the store, and says why it cannot."""

    def __init__(self, path: Path) -> None:
        self.path = path  # the export's
        self.ready: Path | None = None  # the file written, until put in place

    def __call__(self, lines: SortedRuns) -> None:
        from kg.export import write_lines

        written = self.path.with_name(self.path.name + ".next")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)  # a first build's
            write_lines(lines, written)
        except OSError:
            lines.remove()
            with contextlib.suppress(OSError):  # no folder to hold it
                written.unlink(missing_ok=True)
            return
        self.ready = written

    def place(self, path: Path) -> bool:
        """Put the file written in place as ``path``, if it was written for it."""
        if self.ready is None or path != self.path:
            return False
        self.ready.replace(path)
        self.ready = None
        return True

    def discard(self) -> None:
        """Remove the file written, if it was not put in place."""
        if self.ready is not None:
            self.ready.unlink(missing_ok=True)
            self.ready = None


def early_turtle(ctx: Context) -> EarlyTurtle | None:
    """What writes the Turtle export while the store loads the graph, for a build that
    exports to a regular file (a link or a stream is written through, by ``write``)."""
    out = ctx.options.out
    if out is None:
        return None
    path = out / TURTLE_FILE
    if path.is_symlink() or (path.exists() and not path.is_file()):
        return None
    return EarlyTurtle(path)


def write(ctx: Context, record: dict[str, Any], state: str,
          early: EarlyTurtle | None = None) -> list[str]:
    """Write the exports a build keeps up to date, unless the graph they show is unchanged;
    the Turtle written while the store loaded the graph (``early``) is put in place instead
    of written again. Each is written whole (a temporary file renamed) and recorded after it
    is in place."""
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
    for fmt, name in (("turtle", TURTLE_FILE), ("graphml", "graph.graphml")):
        path = out / name
        key = str(path.resolve())
        if exported.get(key) != state or not path.exists():
            try:
                checkpoint(f"export.{fmt}")
                if progress:
                    progress(Step(f"writing {path}"))
                if early is None or not early.place(path):
                    export(store, fmt, path)
            except OSError as err:
                raise ExportError(describe(err, path, "cannot write the export (the store is "
                                                   "complete)")) from err
            exported[key] = state
            store.set_state(record)
        outputs.append(str(path))
    return outputs
