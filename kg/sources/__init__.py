"""Inputs: one module per kind of file, chosen by the file's suffix.

======== ============================================ =============================================
kind     suffixes                                     read with
======== ============================================ =============================================
text     .txt .md .markdown                           charset-normalizer (encodings), markdown-it-py
html     .html .htm .html.gz .htm.gz                  trafilatura (main text and metadata)
feed     .xml .rss .atom, or an http(s):// feed URL   feedparser (one document per entry)
records  .jsonl .jsonl.gz .json .csv .csv.gz          json, csv (one document per record)
warc     .warc .warc.gz                               warcio (one document per HTML response)
======== ============================================ =============================================

Each module has ``read(path, options) -> Iterator[Document | Skipped]``: a file that cannot be
read at all raises ``InputError``; a record of it that cannot be read is a ``Skipped`` with the
reason, and the file goes on. The libraries are imported by the module that needs them, when a
file of its kind is read, so ``import kg`` stays cheap.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.documents import LONG_RUN
from kg.errors import InputError
from kg.model import Document

# Longest suffixes first: "a.jsonl.gz" is a records file, not a gzip of something else.
KINDS: dict[str, str] = {
    ".jsonl.gz": "records", ".csv.gz": "records", ".warc.gz": "warc",
    ".html.gz": "html", ".htm.gz": "html",
    ".txt": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "records", ".json": "records", ".csv": "records",
    ".warc": "warc",
}
_URL = re.compile(r"^https?://", re.IGNORECASE)

Location = Path | str  # a file, or the URL of a feed


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read; every field has the CLI's default.

    The ``*_field`` options name the field of a JSON or CSV record that holds each thing;
    empty means the first of the usual names that a record has (text: text, content, body,
    article, maintext, content_text, content_html; title: title, headline; date: date,
    published, publishedAt, pubDate, date_published, date_publish; url: url, link; id: id;
    author: author, authors, byline, creator; site: site, site_name, source_domain, source,
    outlet). ``fetch`` follows each feed entry's link to read the whole page.
    ``fetch_cache`` is where pages fetched during one build are kept, so that reading the
    inputs a second time fetches nothing again; ``kg.pipeline.build`` sets a temporary one.
    """

    text_field: str = ""
    title_field: str = ""
    date_field: str = ""
    url_field: str = ""
    id_field: str = ""
    author_field: str = ""
    site_field: str = ""
    fetch: bool = False
    fetch_timeout: float = 20.0
    fetch_public_only: bool = False  # refuse loopback, private and link-local addresses
    # the largest record (a JSON line, a CSV field, a web archive's page) read, in MB: a small
    # compressed file may expand to gigabytes
    record_max_mb: int = 16
    # the language (ISO 639-1) of the documents kept: others are left out with a warning;
    # "any" keeps every document
    language: str = "en"
    fetch_cache: Path | None = None
    # Folders a folder search leaves out: a build's own store and exports (a viewer page,
    # a CSV export) are never its articles. kg.pipeline.build sets them.
    leave_out: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record (or a fetch) that could not be read, and why; the rest of its file is read."""

    reason: str


NOTE = "note: "  # a reason among the skipped that is a warning about what was read


def note(text: str) -> str:
    """A warning about documents that were read (not left out), kept among the skipped
    reasons of a build and printed without "skipped"."""
    return NOTE + text


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and bool(_URL.match(location))


def kind_of(location: Location) -> str | None:
    """The kind of input ``location`` is, by its suffix (a URL is a feed), or None.

    >>> kind_of("news/a.jsonl.gz"), kind_of("b.HTML"), kind_of("https://x.example/rss")
    ('records', 'html', 'feed')
    """
    if is_url(location):
        return "feed"
    name = (location.name if isinstance(location, Path) else os.path.basename(location)).lower()
    return next((kind for suffix, kind in KINDS.items() if name.endswith(suffix)), None)


def display_name(path: Location) -> str:
    """The path as text; bytes of a file name that are not UTF-8 show as U+FFFD."""
    if isinstance(path, str) and is_url(path):
        return path
    return os.fsencode(Path(path).as_posix()).decode("utf-8", "replace")


def file_bytes(path: Path) -> bytes:
    """The whole file, or ``InputError`` saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"{display_name(path)}: cannot read ({err.strerror or err})") from err


def not_a_file(path: Path) -> str:
    """Why ``path``, named like an input, is not a regular file."""
    if path.is_symlink():
        try:
            path.stat()
        except OSError as err:
            return ("a symbolic link that never reaches a file (a loop)"
                    if err.errno == errno.ELOOP else "a dangling symbolic link")
    if path.is_fifo():
        return "a FIFO (named pipe), not a file"
    return "not a regular file"


def _kinds_read() -> str:
    """The suffixes of ``KINDS`` by kind, shortest first (".jsonl" before ".jsonl.gz")."""
    order = ["text", "html", "feed", "records", "warc"]
    return " ".join(sorted(KINDS, key=lambda s: (order.index(KINDS[s]), len(s), s)))


def find_inputs(paths: Iterable[Location], skipped: list[str] | None = None,
                leave_out: Iterable[Path] = ()) -> list[Location]:
    """Every input under ``paths`` (folders searched recursively for every suffix kg reads,
    except the folders ``leave_out``), sorted, deduplicated; feed URLs as given. Files of other
    kinds inside a folder are left alone; one named directly is an error. Entries named like
    inputs that are not regular files (a dangling link, a link loop, a FIFO) are left out with a
    reason appended to ``skipped``."""
    outside = [p.resolve() for p in leave_out]
    found: set[Path] = set()
    urls: list[str] = []
    for raw in paths:
        if is_url(raw):
            if raw not in urls:
                urls.append(str(raw))
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder; give a path to an article (kg "
                             f"reads {_kinds_read()}), a folder of them, or a feed URL")
        if not path.is_dir():
            if kind_of(path) is None:
                raise InputError(f"{display_name(path)}: kg cannot read this kind of file; it "
                                 f"reads {_kinds_read()} files and http(s):// feed URLs")
            found.add(path)
            continue
        found.update(_search(path, outside, skipped))
    return [*sorted(found, key=lambda p: p.parts), *urls]  # as Path order, much faster


def _search(folder: Path, outside: list[Path], skipped: list[str] | None) -> Iterator[Path]:
    """The inputs in ``folder`` and below, except in hidden folders and in ``outside``."""
    def left_out(path: Path) -> bool:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # a link loop: reported below as one
            return False
        return any(o == resolved or o in resolved.parents for o in outside)

    # os.scandir rather than Path.rglob: a large archive has tens of thousands of files, and
    # the directory entries tell files, folders and links apart without a system call each;
    # only folders and links need resolving against ``outside``
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # unreadable: as os.walk, passed over
    folders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:  # a link to a folder is not followed
            if not entry.is_symlink() and not (outside and left_out(Path(entry.path))):
                folders.append(Path(entry.path))
            continue
        if kind_of(entry.name) is None:
            continue
        p = Path(entry.path)
        if outside and entry.is_symlink() and left_out(p):
            continue
        try:
            is_file = entry.is_file()
        except OSError:
            is_file = False
        if is_file:
            yield p
        elif skipped is not None:
            skipped.append(f"{display_name(p)}: {not_a_file(p)}")
    for sub in folders:
        yield from _search(sub, outside, skipped)


def read(location: Location, options: ReadOptions | None = None) -> Iterator[Document | Skipped]:
    """The documents of one input (and what of it was skipped), by its kind."""
    kind = kind_of(location)
    if kind is None:
        raise InputError(f"{display_name(location)}: kg cannot read this kind of file; it "
                         f"reads {_kinds_read()} files and http(s):// feed URLs")
    if not is_url(location) and not Path(location).is_file():
        raise InputError(f"{display_name(location)}: {not_a_file(Path(location))}")
    module = importlib.import_module(f"kg.sources.{kind}")
    return module.read(location, options or ReadOptions())  # type: ignore[no-any-return]


def documents(paths: Iterable[Location], skipped: list[str] | None = None,
              options: ReadOptions | None = None,
              inputs: list[Location] | None = None,
              kept: dict[Location, tuple[Document, ...]] | None = None) -> Iterator[Document]:
    """Read every input (``inputs``: those ``find_inputs`` found under ``paths``, if the
    caller has them). What cannot be read (a file, a record) is skipped with a reason
    appended to ``skipped``; if no document at all can be read, ``InputError`` says why.
    ``kept``: documents already read of some inputs (as ``read_documents`` gave them), taken
    from it instead of read again."""
    paths = list(paths)
    if inputs is None:
        inputs = find_inputs(paths, skipped, (options or ReadOptions()).leave_out)
    if not inputs:
        raise nothing_found(paths)
    readable = 0
    for location in inputs:
        done = kept.pop(location, None) if kept is not None else None
        for document in done if done is not None else \
                read_documents(location, options, skipped):
            readable += 1
            yield document
    if readable == 0:
        raise nothing_readable(paths, skipped)


def read_documents(location: Location, options: ReadOptions | None = None,
                   skipped: list[str] | None = None) -> Iterator[Document]:
    """The documents of one input with text in them; what cannot be read is skipped with a
    reason appended to ``skipped`` (without ``skipped``, an unreadable input raises)."""
    try:
        for item in read(location, options):
            if isinstance(item, Skipped):
                if skipped is not None:
                    skipped.append(item.reason)
                continue
            if not item.text.strip():
                if skipped is not None:
                    skipped.append(f"{item.source}: empty file")
                continue
            left_out = sum(len(run.group()) for run in LONG_RUN.finditer(item.text))
            if left_out and skipped is not None:
                skipped.append(f"{item.source}: {left_out} characters in runs without a "
                               "space (no words; left out of the parse, the rest is read)")
            yield item
    except InputError as err:
        if skipped is None:
            raise
        skipped.append(str(err))


def nothing_found(paths: list[Location]) -> InputError:
    shown = ", ".join(display_name(p) for p in paths)
    return InputError(f"{shown}: no articles found (kg reads {_kinds_read()}); point kg at a "
                      "folder of articles")


def nothing_readable(paths: list[Location], skipped: list[str] | None) -> InputError:
    shown = ", ".join(display_name(p) for p in paths)
    reasons = "; ".join(skipped or [])
    return InputError(f"no readable documents in {shown}"
                      + (f" ({reasons})" if reasons else ""))


__all__ = ["KINDS", "NOTE", "ReadOptions", "Skipped", "display_name", "documents",
           "find_inputs", "kind_of", "note", "nothing_found", "nothing_readable", "read",
           "read_documents"]
