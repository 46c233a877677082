"""RSS and Atom feeds (a file, or an http(s):// URL): feedparser reads them; each entry is a
document: its content, else its summary, as text (HTML in them goes through
``html.fragment_text``), with the entry's title, date, link and author and the feed's title as
its site. Its ``source`` is ``FEED#ENTRY-ID`` (the entry's id, else its link, else its number).

With ``ReadOptions.fetch`` each entry's link is fetched and its page read as an article
(``html.page_document``); a page that cannot be fetched or read leaves a warning, and the entry
is read from its summary.

A URL that answers with a web page rather than a feed is that page's article, its ``source``
the URL: a list of article URLs (``url_list``) is read that way. A feed damaged or cut short
gives the entries before the damage, with a warning.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException

from kg.documents import document_id
from kg.errors import InputError, one_line
from kg.model import Document
from kg.sources import (
    Location,
    ReadOptions,
    Skipped,
    display_name,
    file_bytes,
    is_url,
    note,
)
from kg.sources.dates import iso_date
from kg.sources.fetch import FetchError, fetch
from kg.sources.html import fragment_text, page_document

# what feedparser reports for XML that breaks off (a truncated download) or breaks a rule,
# rather than for a feed with a mere oddity (a wrong declared encoding) it reads whole
_DAMAGE = (SAXParseException,)


def read(location: Location, options: ReadOptions) -> Iterator[Document | Skipped]:
    import feedparser

    shown = display_name(location)
    data = fetch(str(location), options) if is_url(location) else file_bytes(Path(location))
    try:
        # a stream, never the bytes: feedparser opens a bytes or str argument as a file name
        # or URL first, so a body that is a path would read that file of this machine
        parsed = feedparser.parse(io.BytesIO(data))
    except (ValueError, LookupError, TypeError) as err:  # bytes its decoders give up on
        raise InputError(f"{shown}: not a feed kg can read ({err})") from err
    entries = parsed.get("entries") or []
    if not entries and is_url(location) and _is_page(data):
        page = page_document(data, shown, url=str(location))
        if page is None:
            raise InputError(f"{shown}: no article text found in the page")
        yield page
        return
    if not entries:
        if parsed.get("bozo"):
            raise InputError(f"{shown}: not a feed kg can read "
                             f"({parsed.get('bozo_exception') or 'malformed'})")
        raise InputError(f"{shown}: a feed without entries")
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), _DAMAGE):
        yield Skipped(note(f"{shown}: the feed is malformed or cut short "
                           f"({one_line(str(parsed.get('bozo_exception')), 80)}); the "
                           f"{len(entries)} entries before the damage were read"))
    site = _clean(parsed.get("feed", {}).get("title"))
    keys: set[str] = set()
    ids: set[str] = set()
    for number, entry in enumerate(entries, 1):
        key = _clean(entry.get("id")) or _clean(entry.get("link")) or str(number)
        if key in keys:  # two entries with one id: numbers keep them apart
            key = f"{key}@{number}"
        keys.add(key)
        try:
            for item in _entry(entry, f"{shown}#{key}", site, options):
                yield _own(item, ids)
        except InputError as err:
            yield Skipped(f"{shown}#{key}: {err}")


def _own(item: Document | Skipped, ids: set[str]) -> Document | Skipped:
    """An entry whose text an earlier entry of the feed has too (one teaser for several
    stories) is a document of its own, with its title, not a copy of the first: its id is
    of its title and text."""
    if isinstance(item, Document):
        if item.doc_id in ids and item.title:
            item = replace(item, doc_id=document_id(f"{item.title}\n\n{item.text}"))
        ids.add(item.doc_id)
    return item


def _entry(entry: Any, source: str, site: str, options: ReadOptions
           ) -> Iterator[Document | Skipped]:
    link = _clean(entry.get("link"))
    published = iso_date(entry.get("published") or entry.get("updated") or "") or \
        _parsed_date(entry)
    meta = {"title": _clean(entry.get("title")), "url": link, "site": site,
            "author": _clean(entry.get("author"))}
    if options.fetch and link:
        try:
            page = page_document(fetch(link, options), source, url=link, published=published,
                                 site=site)
        except FetchError as err:
            yield Skipped(f"fetching {err}; {source} is read from its feed summary")
        except InputError as err:  # fetched, but no page lxml can read
            yield Skipped(f"fetching {link}: {err}; {source} is read from its feed summary")
        else:
            if page is not None:
                yield Document(doc_id=page.doc_id, source=source, text=page.text,
                               published=published or page.published,
                               **{k: v or getattr(page, k) for k, v in meta.items()})
                return
            yield Skipped(f"fetching {link}: no article text in the page; {source} is read "
                          "from its feed summary")
    text = _entry_text(entry)
    if not text.strip():
        yield Skipped(f"{source}: an entry without text")
        return
    yield Document(doc_id=document_id(text), source=source, text=text, published=published,
                   **meta)


def _is_page(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def url_list(path: Path) -> list[str]:
    """The http(s) URLs of a list of articles: one per line; blank lines and lines starting
    with ``#`` are passed over. A line that is no such URL is an ``InputError`` naming it."""
    shown = display_name(path)
    try:
        lines = file_bytes(path).decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as err:
        raise InputError(f"{shown}: not UTF-8 text; a list of URLs is one URL per line") from err
    urls: list[str] = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line) or any(ch.isspace() for ch in line):
            raise InputError(f"{shown}, line {number}: not an http(s) URL "
                             f"({one_line(line, 60)!r}); one URL per line")
        if line not in urls:
            urls.append(line)
    if not urls:
        raise InputError(f"{shown}: no URL in the list")
    return urls


def _entry_text(entry: Any) -> str:
    """The entry's content (its HTML part first), else its summary, as text."""
    contents = entry.get("content") or []
    contents = sorted(contents, key=lambda c: "html" not in (c.get("type") or ""))
    for content in contents:
        if (content.get("value") or "").strip():
            return fragment_text(content["value"])
    return fragment_text(entry.get("summary") or "")


def _clean(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _parsed_date(entry: Any) -> str:
    """The date feedparser made of a form kg does not read itself (in UTC: the zone is gone)."""
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if moment is None:
        return ""
    try:
        when = datetime(*moment[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return ""
    # feedparser writes a date without a time as midnight
    return when.date().isoformat() if moment[3:6] == (0, 0, 0) else iso_date(when)
