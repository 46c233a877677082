"""What a build changes in the store: the stored documents that leave the graph, the
documents the new graph holds, and the fingerprints that tell whether anything changed (the
extraction ``signature``, the graph's ``state_digest``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from kg.model import Document
from kg.sources import ReadOptions, display_name, is_url, note
from kg.stages.context import BuildOptions, Changes, Context

KG_CODE = Path(__file__).parent.parent  # the kg package: the code fingerprints read


def signature(options: BuildOptions, vocab_file: Path) -> str:
    """What an extraction depends on besides the text: the rules (their source, so an edited
    rule re-extracts without anyone remembering to bump a version), the model, the ontology."""
    import kg.extract
    from kg.extract import EXTRACTOR_VERSION

    digest = hashlib.sha256(vocab_file.read_bytes())
    for source in sorted(Path(kg.extract.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    digest.update((KG_CODE / "documents.py").read_bytes())
    return f"{EXTRACTOR_VERSION}:{options.model}:{digest.hexdigest()[:16]}"


def state_digest(signature: str, wanted: dict[str, Document], model: str) -> str:
    """What the stored graph was built from: documents, extraction signature, the code that
    turns extractions into RDF and the confidence ``model`` (the digest of the file the
    vocabulary read). Equal digests mean a rebuild would write the same graph."""
    digest = hashlib.sha256(repr((signature, sorted(wanted.items()), model)).encode("utf-8"))
    for source in [*sorted((KG_CODE / "resolve").glob("*.py")), KG_CODE / "stores" / "quads.py",
                   KG_CODE / "ontology.py", KG_CODE / "dates.py", KG_CODE / "copies.py"]:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def changes(ctx: Context) -> Changes:
    """Compare the store with the inputs: which stored documents leave the graph (those of
    an input read again that no longer gives them, or, with --prune, every one not read),
    and which documents the new graph holds."""
    options, current, paths = ctx.options, ctx.inputs.documents, ctx.inputs.paths
    notes: list[str] = []
    stored = ctx.store.documents()
    sources = {d.source for d in current.values()}
    named = [display_name(p) for p in paths]
    roots = [Path(p).resolve() for p in paths if not is_url(p) and Path(p).is_dir()]
    removed = [d for d, doc in stored.items() if d not in current and (
        options.prune or doc.source in sources or _read_again(doc.source, named, roots))]
    record = ctx.store.state()
    read_as = _read_as(options.read)
    unread = _read_otherwise(record.get("read"), read_as, removed, stored, sources, options)
    if unread:  # not gone from the inputs: read otherwise. Kept until told (--prune)
        removed = [d for d in removed if d not in unread]
        many = "s" if len(unread) > 1 else ""
        notes.append(note(f"{len(unread)} document{many} an earlier build read with other "
                          "read options (--text-field and the like) these options do not "
                          "read; kept in the graph (build with --prune to remove them)"))
    kept_elsewhere = {d: doc for d, doc in stored.items()
                      if d not in current and d not in removed}
    # a changed file's old version leaves the store too, but the file is not removed
    gone = sum(1 for d in removed if stored[d].source not in sources)
    wanted = {**kept_elsewhere, **current}
    # while documents read otherwise are kept, the options that read them are recorded
    model = ctx.vocab.confidence.digest if ctx.vocab.confidence else ""
    return Changes(wanted, removed, gone, state_digest(ctx.signature, wanted, model), record,
                   record.get("read") if unread else read_as, tuple(notes))


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
