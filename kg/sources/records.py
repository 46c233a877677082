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
import html
import io
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.documents import document_id
from kg.errors import InputError
from kg.model import Document
from kg.sources import Location, ReadOptions, Skipped, display_name
from kg.sources.dates import iso_date
from kg.sources.html import fragment_text

JSON_MAX = 256 * 1024 * 1024  # bytes of a .json file read as one value (JSON lines stream)
_MB = 1024 * 1024

# The usual names, first found wins: plain dumps, JSON Feed (content_text, content_html,
# date_published, authors), news-please (maintext, date_publish, source_domain) and
# NewsAPI-style answers (publishedAt, source: {"name": ...}).
DEFAULT_FIELDS = {
    "text": ("text", "content", "body", "article", "maintext", "content_text", "content_html"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publishedAt", "pubDate", "date_published", "date_publish"),
    "url": ("url", "link"),
    "id": ("id",),
    "author": ("author", "authors", "byline", "creator"),
    "site": ("site", "site_name", "source_domain", "source", "outlet"),
}
# Markup inside a text field (an API's HTML body): a closing tag, a line break or a tag with
# attributes, of a name known to HTML; a wire story's tickers ("<ACME.N>", "<U>") are not.
_TAGS = (r"(?:p|div|span|a|img|b|i|em|strong|u|ul|ol|li|h[1-6]|figure|figcaption|blockquote|"
         r"table|tr|td|iframe|script|style|section|article|header|footer|picture|small|font)")
_MARKUP = re.compile(rf"</{_TAGS}\s*>|<br\s*/?>|<{_TAGS}\s[^<>]*=[^<>]*>", re.IGNORECASE)
# An HTML entity whose ampersand a scrape lost ("Vexa #39;s chief", "quot;Go quot;").
_BARE_ENTITY = re.compile(r"( ?)(?<![\w&])(#\d{2,5};|(?:quot|amp|lt|gt|apos|nbsp);)")


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
    if head.startswith(b"[") or (head.startswith(b"{") and not _lines_of_records(stream, limit)):
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


def _lines_of_records(stream: IO[bytes], limit: int) -> bool:
    """Whether a ``.json`` file is JSON lines: its first line a whole JSON value and another
    value after it. One value on one line is an API's answer as curl saves it
    (``{"articles": [...]}``), read like the same answer pretty-printed."""
    first = stream.readline(limit + 1)
    try:
        json.loads(first)
    except (ValueError, UnicodeDecodeError, RecursionError):
        stream.seek(0)
        return False
    while (line := stream.readline(4096)) and not line.strip():
        pass
    stream.seek(0)
    return bool(line)


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
        data = _records_of(data)
    if not isinstance(data, list):
        raise InputError(f"{shown}: JSON that holds no records")
    for number, record in enumerate(data, 1):
        if isinstance(record, dict):
            yield number, record
        else:
            yield number, Skipped(f"{shown}#{number}: a JSON {type(record).__name__}, "
                                  "not an object")


def _records_of(answer: dict[str, Any]) -> list[Any]:
    """The records an API's answer holds: of its lists of objects, the one whose objects have
    text (a JSON Feed's ``items``, not its ``authors``), else the longest; else the answer
    itself is one record."""
    lists = [v for v in answer.values() if isinstance(v, list) and v
             and all(isinstance(r, dict) for r in v)]
    if not lists:
        return [answer]
    texts = set(DEFAULT_FIELDS["text"])
    return max(lists, key=lambda records: (sum(bool(texts & r.keys()) for r in records),
                                           len(records)))


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
        markup = _MARKUP.search(text)
        if not markup:
            text = entities_text(text)  # escaped markup ("&lt;b&gt;") is markup to read
            markup = _MARKUP.search(text)
        if markup:
            try:
                text = fragment_text(text)
            except InputError as err:
                yield Skipped(f"{shown}#{key}: {err}")
                continue
            if not text.strip():
                without_text += 1
                continue
        yield Document(doc_id=document_id(text), source=f"{shown}#{key}", text=text,
                       title=" ".join(entities_text(_field(record, fields["title"])).split()),
                       published=published, url=_field(record, fields["url"]).strip(),
                       author=" ".join(_field(record, fields["author"]).split()),
                       site=" ".join(_field(record, fields["site"]).split()))
    if without_text:
        names = "/".join(fields["text"])
        yield Skipped(f"{shown}: {without_text} record{'s' if without_text > 1 else ''} "
                      f"without text in a field {names} (left out; --text-field names "
                      "another field)")
    if bad_dates:
        yield Skipped(f"{shown}: {len(bad_dates)} date{'s' if len(bad_dates) > 1 else ''} kg "
                      f"cannot read (the first: {bad_dates[0][:40]!r}); those documents have "
                      "no date")


def entities_text(text: str) -> str:
    """A record's plain text with its HTML entities read, those that lost their ampersand
    in a scrape too (a common flaw of news dumps: "Vexa #39;s", "quot;Go quot;").

    >>> print(entities_text("Vexa #39;s chief paid #36;5 to AT&amp;T &lt;VXA.N&gt;"))
    Vexa's chief paid $5 to AT&T <VXA.N>
    """
    if "&" in text:
        text = html.unescape(text)
    return _BARE_ENTITY.sub(_bare_entity, text)


def _bare_entity(match: re.Match[str]) -> str:
    code = match.group(2)
    char = html.unescape("&" + code)
    if char == "&" + code or (code.startswith("#") and ord(char[0]) < 32):
        return match.group(0)  # "#12;" is a number, not a character
    space = match.group(1)
    if space and _lost_ampersand(match.string, match.start(), match.end(), char):
        space = ""
    return space + char


def _lost_ampersand(text: str, start: int, end: int, char: str) -> bool:
    """Whether the space before a bare entity is where the scrape put its ampersand, not the
    text's own: after another space ("Ames  amp; Hale", "paid  #36;5"), before an apostrophe
    ("Vexa #39;s"), inside a word ("AT amp;T") or before a closing quote ("a builder quot;,")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isspace() or char in "'\u2019" or (
        before.isalnum() and (after.isalnum() if char == "&" else
                              char in '"\u201d' and not after.isalnum()))


def _field(record: dict[str, Any], names: tuple[str, ...]) -> str:
    """The first of ``names`` the record has a value for, as text.

    >>> _field({"authors": [{"name": "Ana Ruiz"}, "Dan Orr"]}, ("author", "authors"))
    'Ana Ruiz, Dan Orr'
    >>> _field({"source": {"id": "vexa-news", "name": "Vexa News"}}, ("site", "source"))
    'Vexa News'
    """
    for name in names:
        if text := _value(record.get(name)):
            return text
    return ""


def _value(value: Any, depth: int = 0) -> str:
    """A field's value as text: a list of values (authors) joined with commas, an object by
    its ``name`` (a JSON Feed author, a NewsAPI source)."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _value(value.get("name"), depth + 1) if depth < 2 else ""
    if isinstance(value, list) and depth < 2:
        return ", ".join(t for v in value if (t := _value(v, depth + 1)).strip())
    return ""


def _short(err: Exception) -> str:
    return str(err)[:80]
