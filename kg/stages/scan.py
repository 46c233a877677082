"""The read stage: find the inputs and scan them for their documents, without keeping their
text; later, read again the texts of the documents the parse needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from kg import storedir
from kg.copies import sketch
from kg.model import Document
from kg.sources import (
    Location,
    ReadOptions,
    display_name,
    documents,
    find_inputs,
    is_url,
    nothing_found,
    nothing_readable,
    read_documents,
)
from kg.sources.language import Guesser, screened
from kg.sources.seen import FileRead, Seen
from kg.sources.seen import valid_for as seen_valid_for
from kg.stages.context import BuildOptions, Context, Inputs, Size
from kg.stores import state_folder


def read(paths: list[Location], options: BuildOptions) -> Inputs:
    """Every document of the inputs under ``paths`` by id, without its text. A missing path
    fails here, before the store is touched."""
    skipped: list[str] = []
    found = find_inputs(paths, skipped, options.read.leave_out)
    sizes: dict[str, Size] = {}
    folder = state_folder(options.store, options.cache)
    # what a file gives depends on the web when its links are fetched: read it every time
    seen = None if folder is None or options.read.fetch else Seen.load(
        None if options.fresh else folder / storedir.SEEN, seen_valid_for(options.read))
    texts: dict[Location, tuple[Document, ...]] = {}
    current = _scan(paths, found, options.read, skipped, seen, sizes, texts)
    return Inputs(paths, found, current, sizes, tuple(skipped), seen, texts)


def keep_seen(ctx: Context) -> None:
    """Keep the record of the files read for the next build, once the store's folder is
    there."""
    seen = ctx.inputs.seen
    folder = state_folder(ctx.options.store, ctx.options.cache)
    if seen is not None and folder is not None and folder.is_dir() and seen.changed():
        storedir.write_file(folder / storedir.SEEN, seen.dumps())


def texts(ctx: Context, wanted: dict[str, Document], todo: set[str]) -> Iterator[Document]:
    """The documents of ``todo`` with their text, read again from only the inputs that hold
    them."""
    holding = _inputs_holding({wanted[d].source for d in todo}, ctx.inputs.found,
                              ctx.inputs.paths)
    # the scan decided each document's language (and left out the others)
    return _once(replace(d, language=wanted[d.doc_id].language)
                 for d in documents(holding, [], ctx.options.read, kept=ctx.inputs.texts)
                 if d.doc_id in todo)


def _inputs_holding(sources: set[str], found: list[Location],
                    paths: list[Location]) -> list[Location]:
    """The inputs (of ``found``, those under ``paths``) that the documents of ``sources`` were
    read from (a file, or ``FILE#RECORD``), so that an update reads again only the files it
    parses; ``paths`` when one cannot be told."""
    inputs = {display_name(p): p for p in found}
    holding: set[Location] = set()
    for source in sources:
        if source in inputs:
            holding.add(inputs[source])
            continue
        cut = next((i for i, ch in enumerate(source) if ch == "#" and source[:i] in inputs),
                   None)
        if cut is None:
            return paths
        holding.add(inputs[source[:cut]])
    return sorted(holding, key=display_name)


def _once(docs: Iterator[Document]) -> Iterator[Document]:
    """Each document once: two inputs with the same text are one document."""
    seen: set[str] = set()
    for d in docs:
        if d.doc_id not in seen:
            seen.add(d.doc_id)
            yield d


def _scan(paths: list[Location], inputs: list[Location], options: ReadOptions,
          skipped: list[str], seen: Seen | None, sizes: dict[str, Size],
          texts: dict[Location, tuple[Document, ...]]) -> dict[str, Document]:
    """Every document of the inputs by id, without its text (only ids, sources, metadata and,
    in ``sizes``, lengths and sketches (``kg.copies``) are kept across the build; the texts
    themselves in ``texts`` up to ``KEEP_CHARS``). A file ``seen`` unchanged since an earlier
    build is not read again."""
    if not inputs:
        raise nothing_found(paths)
    current: dict[str, Document] = {}
    guesser = Guesser()  # its model is loaded when a file is read, not for a cached one
    keeping = _Keeping(texts)
    for location in inputs:
        reading = partial(_read_light, location, options, guesser, keeping)
        found = reading() if seen is None or is_url(location) else \
            seen.read(Path(location), reading)
        skipped.extend(found.skipped)
        for d, size in zip(found.documents, found.sizes, strict=True):
            sizes[d.doc_id] = Size(*size)
            current[d.doc_id] = d
    if not current:
        raise nothing_readable(paths, skipped)
    return current


KEEP_CHARS = 32_000_000  # characters of text the scan keeps for the parse (some 32 MiB)


class _Keeping:
    """The texts the scan keeps for the parse, by input, while they fit ``KEEP_CHARS``:
    reading an input again costs about as much as the scan's own reading of it."""

    def __init__(self, texts: dict[Location, tuple[Document, ...]]) -> None:
        self.texts = texts
        self.left = KEEP_CHARS

    def read(self, location: Location, docs: Iterable[Document]) -> Iterator[Document]:
        """``docs`` as they come, kept for ``location`` once read whole, if they fit."""
        kept: list[Document] | None = []
        for d in docs:
            if kept is not None:
                self.left -= len(d.text)
                if self.left < 0:
                    kept = None  # past the budget: this input and the next are read again
                else:
                    kept.append(d)
            yield d
        if kept is not None:
            self.texts[location] = tuple(kept)


def _read_light(location: Location, options: ReadOptions, guesser: Guesser,
                keeping: _Keeping | None = None) -> FileRead:
    """The documents of one input without their text, their lengths and what was skipped;
    those not in the language asked for are among what was skipped. ``keeping`` keeps the
    texts (those in another language too: the parse reads an input whole)."""
    reasons: list[str] = []
    # a record repeated (one id) is kept once, as the scan keeps it (the last one read)
    found: dict[str, tuple[Document, tuple[int, int]]] = {}
    read: Iterable[Document] = read_documents(location, options, reasons)
    if keeping is not None and keeping.left > 0:
        read = keeping.read(location, read)
    for d in screened(read, display_name(location), options.language, guesser, reasons):
        found[d.doc_id] = (d.without_text(), (len(d.text), len(d.text.split()), sketch(d.text)))
    return FileRead(tuple(doc for doc, _ in found.values()),
                    tuple(size for _, size in found.values()), tuple(reasons))
