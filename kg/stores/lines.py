"""The data graphs' triples as N-Triples lines, kept on disk in sorted runs while a store
writes them, and read back once, merged in order and each line once, by the Turtle export.

A build's export of the graph it has just written need not read the database again (which
costs about as much as writing it), nor hold every line of the graph in memory (about a GiB
a million words): each run of ``RUN_LINES`` lines is sorted and written to a file of its own,
and ``merged`` reads the runs side by side, so what it holds is one line of each run.
"""

from __future__ import annotations

import heapq
import shutil
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

RUN_LINES = 100_000  # lines sorted in memory at a time (some 25 MiB)
MAX_RUNS = 256  # runs read side by side; beyond it the runs so far are merged into one


class SortedRuns:
    """N-Triples lines (without their final `` .``) appended in any order, with repeats."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._lines: list[str] = []
        self._runs: list[Path] = []
        self._made = 0

    def append(self, line: str) -> None:
        self._lines.append(line)
        if len(self._lines) >= RUN_LINES:
            self._flush()

    def add_run(self, path: Path) -> None:
        """Take over a file of lines already sorted, once each (as ``write_run`` writes)."""
        self._runs.append(path)
        self._compact()

    def _flush(self) -> None:
        if self._lines:
            path = self._next()
            write_run(path, self._lines)
            self._lines = []
            self._runs.append(path)
            self._compact()

    def _next(self) -> Path:
        self._made += 1
        return self.folder / f"run-{self._made:06d}.nt"

    def _compact(self) -> None:
        """Merge the runs into one when there are too many to open at once."""
        if len(self._runs) < MAX_RUNS:
            return
        path = self._next()
        with open(path, "wb") as out:
            out.writelines(_merge(self._runs))
        for run in self._runs:
            run.unlink(missing_ok=True)
        self._runs = [path]

    def merged(self) -> Iterator[bytes]:
        """Every line once, in order, each ending `` .\\n`` (UTF-8: bytes sort as the text)."""
        self._flush()
        return _merge(self._runs)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def write_run(path: Path, lines: Iterable[str]) -> None:
    """A run: the lines sorted, each once. A line and its `` .`` sort as the line alone: a term
    never ends where another line's term goes on with a character below the space."""
    with open(path, "wb") as out:
        out.writelines(f"{line} .\n".encode() for line in sorted(set(lines)))


def _merge(runs: list[Path]) -> Iterator[bytes]:
    with ExitStack() as files:
        readers = [files.enter_context(open(run, "rb")) for run in runs]
        last = None
        for line in heapq.merge(*readers):
            if line != last:
                yield line
                last = line
