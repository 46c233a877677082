"""Progress of long work (a build's model load, parse, resolution, store write and exports),
as the library reports it and as the command line shows it.

The library calls a ``Progress`` function with a ``Step`` now and then; it never prints. The
command line's ``Reporter`` draws a live bar (rich) when stderr is a terminal, and otherwise
writes a plain line at most every few seconds and at the end of each phase, so a log file
shows how far a long build got and how fast it went.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any


@dataclass(frozen=True, slots=True)
class Step:
    """``done`` of ``total`` units of ``phase`` (``total`` 0: not counted, only started or
    finished, as a model load), and ``words`` parsed so far."""

    phase: str  # "loading the model", "parsing", "resolving", "writing the store", ...
    done: int = 0
    total: int = 0
    unit: str = ""  # what is counted: "documents"
    words: int = 0
    words_total: int = 0  # words of the whole phase, when known: the time left is read from it


Progress = Callable[[Step], None]


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def describe(step: Step, seconds: float) -> str:
    """One plain line: "parsing 1,200/5,000 documents, 3,100 words/s, ETA 2 min"."""
    if not step.total:
        return f"{step.phase}"
    line = f"{step.phase} {step.done:,}/{step.total:,} {step.unit}".rstrip()
    if step.words and seconds > 0:
        line += f", {step.words / seconds:,.0f} words/s"
    done, total = (step.words, step.words_total) if step.words_total else (step.done, step.total)
    if 0 < done < total and seconds > 0:
        line += f", ETA {_duration(seconds * (total - done) / done)}"
    return line


class Reporter:
    """Shows ``Step``s on ``stream``: a live bar on a terminal, plain lines elsewhere (at most
    one per ``every`` seconds, the first after ``every`` seconds, and one when a phase that had
    a line is done); nothing if ``quiet``.
    Use as a context manager, so a bar is taken down when the work ends or fails."""

    def __init__(self, stream: IO[str], quiet: bool = False, every: float = 10.0,
                 terminal: bool | None = None) -> None:
        self.stream, self.quiet, self.every = stream, quiet, every
        self.terminal = stream.isatty() if terminal is None else terminal
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}
        self._started: dict[str, float] = {}
        self._shown: dict[str, float] = {}  # phases with a line shown
        self._last = time.monotonic()

    def __enter__(self) -> Reporter:
        if self.terminal and not self.quiet:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 TextColumn("{task.fields[count]}"),
                                 TextColumn("{task.fields[rate]}"),
                                 TimeElapsedColumn(), TimeRemainingColumn(),
                                 console=Console(file=self.stream, force_terminal=True),
                                 transient=True)
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __call__(self, step: Step) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        started = self._started.setdefault(step.phase, now)
        if self._bar is not None:
            self._draw(step, now - started)
            return
        # nothing for short work: a failing build's one line of error stays one line
        finished = bool(step.total) and step.done >= step.total and step.phase in self._shown
        if finished or now - self._last >= self.every:
            print(describe(step, now - started), file=self.stream, flush=True)
            self._shown[step.phase] = self._last = now

    def _draw(self, step: Step, seconds: float) -> None:
        rate = f"{step.words / seconds:,.0f} words/s" if step.words and seconds > 0 else ""
        count = f"{step.done:,}/{step.total:,}" if step.total else ""
        # the bar moves with the words read, when their total is known (one long document)
        total, done = (step.words_total, step.words) if step.words_total else (
            step.total or None, step.done)
        task = self._tasks.get(step.phase)
        if task is None:
            for earlier in self._tasks.values():  # a phase that counted nothing is over
                if self._bar.tasks[earlier].total is None:
                    self._bar.update(earlier, total=1, completed=1, count="done")
            task = self._bar.add_task(f"{step.phase} {step.unit}".strip(), total=total,
                                      rate=rate, count=count)
            self._tasks[step.phase] = task
        self._bar.update(task, total=total, completed=done, rate=rate, count=count)
