"""Files of records: JSON lines (``.jsonl``, ``.jsonl.gz``), JSON (``.json``: lines, an array of
records, or an object holding one) and CSV (``.csv``, ``.csv.gz``, with a header row). Each record
is a document; ``ReadOptions``' ``*_field`` options say which fields hold its text, title, date,
URL and id (by default the first of the usual names the record has). A record's ``source`` is
``FILE#ID``, with its id field, else its number (1 for the first record).

A record that is no JSON object, or has no text, is left out: broken records each with a
warning, records without text counted in one line per file. Dates are written as ISO 8601; a
date kg cannot read is left out, counted in one line per file.

Files are streamed, never read whole, so a small compressed file that expands to gigabytes
costs no memory: a record (a line of JSON lines, a CSV field) larger than
``ReadOptions.record_max_mb`` is left out with a warning, and so is a JSON value nested deeper
than Python parses; a ``.json`` file holding one JSON value is read whole, up to ``JSON_MAX``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.documents import document_id
from kg.errors import InputError
from kg.model import Document
from kg.sources import Location, ReadOptions, Skipped, display_name
from kg.sources.dates import iso_date

JSON_MAX = 256 * 1024 * 1024  # bytes of a .json file read as one value (JSON lines stream)
_MB = 1024 * 1024

DEFAULT_FIELDS = {
    "text": ("text", "content", "body", "article"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publishedAt", "pubDate"),
    "url": ("url", "link"),
    "id": ("id",),
}


def read(path: Location, options: ReadOptions) -> Iterator[Document | Skipped]:
    path = Path(path)
    shown = display_name(path)
    name = path.name.lower()
    fields = {kind: (getattr(options, f"{kind}_field"),) if getattr(options, f"{kind}_field")
              else names for kind, names in DEFAULT_FIELDS.items()}
    try:
        limit = options.record_max_mb * _MB
        with _open(path) as stream:
            rows = _csv_rows(stream, shown, limit) if ".csv" in name else \
                _json_rows(stream, shown, ".jsonl" in name, limit)
            yield from _documents(rows, shown, fields)
    except OSError as err:
        raise InputError(f"{shown}: cannot read ({err.strerror or err})") from err


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


Row = tuple[int, dict[str, Any] | Skipped]  # (1-based number, the record or why it is not one)


def _json_rows(stream: IO[bytes], shown: str, lines: bool, limit: int) -> Iterator[Row]:
    """Records of JSON lines; a ``.json`` file may also be one JSON value that holds them."""
    head = b"" if lines else _peek(stream)
    if head.startswith(b"[") or (head.startswith(b"{") and not _one_per_line(stream, limit)):
        yield from _json_document(stream, shown)
        return
    number = 0
    for raw in _lines(stream, shown, limit):
        if raw is not _TOO_LONG and not raw.strip():
            continue
        number += 1
        if raw is _TOO_LONG:
            yield number, Skipped(f"{shown}#{number}: a record larger than {limit // _MB} MB; "
                                  "left out (--max-record-mb)")
            continue
        try:
            record = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as err:
            yield number, Skipped(f"{shown}#{number}: not a JSON record ({_short(err)})")
            continue
        except RecursionError:
            yield number, Skipped(f"{shown}#{number}: a JSON record nested too deep; left out")
            continue
        if not isinstance(record, dict):
            yield number, Skipped(f"{shown}#{number}: a JSON {type(record).__name__}, "
                                  "not an object")
            continue
        yield number, record


def _peek(stream: IO[bytes]) -> bytes:
    head = stream.read(4096)
    stream.seek(0)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")


def _one_per_line(stream: IO[bytes], limit: int) -> bool:
    """Whether the first line is a whole JSON value (JSON lines), not the start of one."""
    first = stream.readline(limit + 1)
    stream.seek(0)
    try:
        json.loads(first)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return True


def _json_document(stream: IO[bytes], shown: str) -> Iterator[Row]:
    raw = stream.read(JSON_MAX + 1)
    if len(raw) > JSON_MAX:
        raise InputError(f"{shown}: a JSON value larger than {JSON_MAX // _MB} MB; write its "
                         "records as JSON lines (.jsonl), which are read one at a time")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(f"{shown}: not JSON ({_short(err)})") from err
    except RecursionError as err:
        raise InputError(f"{shown}: JSON nested too deep to read") from err
    del raw
    if isinstance(data, dict):  # an API's answer: {"articles": [...]}, else one record
        lists = [v for v in data.values() if isinstance(v, list) and v
                 and all(isinstance(r, dict) for r in v)]
        data = lists[0] if lists else [data]
    if not isinstance(data, list):
        raise InputError(f"{shown}: JSON that holds no records")
    for number, record in enumerate(data, 1):
        if isinstance(record, dict):
            yield number, record
        else:
            yield number, Skipped(f"{shown}#{number}: a JSON {type(record).__name__}, "
                                  "not an object")


_TOO_LONG = b"<a line too long>"  # stands for one over the limit (found by identity)


def _lines(stream: IO[bytes], shown: str, limit: int) -> Iterator[bytes]:
    """The lines of ``stream``; one longer than ``limit`` is read past (never held whole) and
    given as ``_TOO_LONG``."""
    try:
        while line := stream.readline(limit + 1):
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(_MB)) and not rest.endswith(b"\n"):
                    pass
                yield _TOO_LONG
                continue
            yield line
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        raise InputError(f"{shown}: the compressed file is damaged or cut short ({err}); "
                         "the records before the damage were read") from err


def _csv_rows(stream: IO[bytes], shown: str, limit: int) -> Iterator[Row]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    previous = csv.field_size_limit()
    csv.field_size_limit(limit)  # a whole article fits in one field
    try:
        reader = csv.DictReader(_text_lines(text, limit))
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                number += 1
                yield number, Skipped(f"{shown}#{number}: a field larger than "
                                      f"{limit // _MB} MB; left out (--max-record-mb)"
                                      if "field limit" in str(err)
                                      else f"{shown}#{number}: not a CSV row ({err})")
                continue
            except UnicodeDecodeError as err:
                raise InputError(f"{shown}: not UTF-8 (after record {number}); re-encode "
                                 "it as UTF-8") from err
            except (EOFError, zlib.error, gzip.BadGzipFile) as err:
                raise InputError(f"{shown}: the compressed file is damaged or cut short "
                                 f"({err}); the records before the damage were read") from err
            number += 1
            yield number, {k: v for k, v in row.items() if isinstance(k, str)}
    finally:
        csv.field_size_limit(previous)
        text.detach()  # the stream is its opener's to close


def _text_lines(text: IO[str], limit: int) -> Iterator[str]:
    """The lines of ``text`` for the CSV reader; one longer than a field may be is read past
    (never held whole) and given cut, padded so that its last field is over the reader's limit
    within it (the reader refuses the row there and goes on with the next line)."""
    ends = ("\n", "\r")
    while line := text.readline(limit + 1):
        if len(line) > limit and not line.endswith(ends):
            while (rest := text.readline(_MB)) and not rest.endswith(ends):
                pass
            line += "_" * 4096
        yield line


def _documents(rows: Iterator[Row], shown: str, fields: dict[str, tuple[str, ...]]
               ) -> Iterator[Document | Skipped]:
    without_text = 0
    bad_dates: list[str] = []
    keys: set[str] = set()
    for number, record in rows:
        if isinstance(record, Skipped):
            yield record
            continue
        text = _field(record, fields["text"])
        if not text.strip():
            without_text += 1
            continue
        key = _field(record, fields["id"]) or str(number)
        if key in keys:  # two records with one id: numbers keep them apart
            key = f"{key}@{number}"
        keys.add(key)
        raw_date = _field(record, fields["date"])
        published = iso_date(raw_date)
        if raw_date and not published:
            bad_dates.append(raw_date)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield Document(doc_id=document_id(text), source=f"{shown}#{key}", text=text,
                       title=" ".join(_field(record, fields["title"]).split()),
                       published=published, url=_field(record, fields["url"]).strip())
    if without_text:
        names = "/".join(fields["text"])
        yield Skipped(f"{shown}: {without_text} record{'s' if without_text > 1 else ''} "
                      f"without text in a field {names} (left out; --text-field names "
                      "another field)")
    if bad_dates:
        yield Skipped(f"{shown}: {len(bad_dates)} date{'s' if len(bad_dates) > 1 else ''} kg "
                      f"cannot read (the first: {bad_dates[0][:40]!r}); those documents have "
                      "no date")


def _field(record: dict[str, Any], names: tuple[str, ...]) -> str:
    """The first of ``names`` the record has a value for, as text."""
    for name in names:
        value = record.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
    return ""


def _short(err: Exception) -> str:
    return str(err)[:80]
