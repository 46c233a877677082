"""Web archives (``.warc``, ``.warc.gz``): warcio reads the records; each HTML ``response`` is a
page read through ``html.page_document``, its URL the record's WARC-Target-URI and its date the
page's own, else the WARC-Date of its capture. Its ``source`` is ``FILE#RECORD-ID`` (the
WARC-Record-ID). Only a page served whole (HTTP 200) is an article: error pages, redirects and
revisits (a crawler's note that a page had not changed) are passed over and counted in one line
per file. Other records (requests, metadata, images, scripts) are passed over; a record
that cannot be read, or holds a page larger than ``ReadOptions.record_max_mb``, is left out
with a warning, and
a file cut short ends where it breaks.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError, one_line
from kg.model import Document
from kg.sources import Location, ReadOptions, Skipped, display_name
from kg.sources.dates import iso_date
from kg.sources.html import page_document

_HTML = ("text/html", "application/xhtml+xml")


def read(path: Location, options: ReadOptions) -> Iterator[Document | Skipped]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class Quiet(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""  # warcio writes this warning to stderr itself: kg counts them instead

    shown = display_name(Path(path))
    limit = options.record_max_mb * 2**20
    number = 0
    record = None
    not_pages: Counter[str] = Counter()  # responses that are not articles, by HTTP status
    try:
        with Path(path).open("rb") as stream:
            records = Quiet(stream)
            for record in records:
                if not str(record.format).startswith("warc"):
                    continue  # warcio reads any line of five words as an old ARC header
                number += 1
                if record.rec_type == "revisit":
                    not_pages["revisit"] += 1
                    continue
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                kind = (record.http_headers.get_header("Content-Type") or "").lower()
                if not kind.startswith(_HTML):
                    continue
                status = record.http_headers.get_statuscode() or "?"
                if status != "200":
                    not_pages[status] += 1
                    continue
                headers = record.rec_headers
                key = (headers.get_header("WARC-Record-ID") or str(number)).strip("<>")
                url = headers.get_header("WARC-Target-URI") or ""
                source = f"{shown}#{key}"
                try:
                    body = record.content_stream().read(limit + 1)
                    if len(body) > limit:  # a compressed page may expand to gigabytes
                        yield Skipped(f"{source}: a page larger than {limit // 2**20} MB; "
                                      "left out (--max-record-mb)")
                        continue
                    if _cut_short(record):
                        yield Skipped(f"{source}: the record is cut short (the file ends "
                                      "inside it); left out")
                        record = None
                        continue
                    doc = page_document(body, source, url=url,
                                        published=iso_date(headers.get_header("WARC-Date")))
                except InputError as err:
                    yield Skipped(f"{source}: {err}")
                    continue
                except (OSError, ValueError, EOFError) as err:  # a body garbled
                    yield Skipped(f"{source}: cannot read the record ({err})")
                    continue
                if doc is not None:
                    yield doc
        if not_pages:
            yield Skipped(f"{shown}: {_not_pages(not_pages)} passed over; only pages served "
                          "whole (HTTP 200) are read")
        if number == 0 and Path(path).stat().st_size:
            raise InputError(f"{shown}: not a WARC file kg can read (no record found in it)")
        if record is not None and _cut_short(record):
            yield Skipped(f"{shown}: the file ends inside its last record (cut short?)")
        if records.err_count:
            yield Skipped(f"{shown}: {records.err_count} record(s) longer or shorter than their "
                          "Content-Length says (a damaged file?); what could be read was read")
    except OSError as err:
        raise InputError(f"{shown}: cannot read ({err.strerror or err})") from err
    except (ArchiveLoadFailed, EOFError, ValueError, AttributeError, TypeError, zlib.error) as err:
        # warcio meets a damaged file with any of these
        where = f"after record {number} (the records before were read)" if number \
            else "at its start"
        raise InputError(f"{shown}: not a WARC file kg can read, or damaged {where}: "
                         f"{one_line(str(err), 160)}") from err


def _not_pages(counts: Counter[str]) -> str:
    """What was passed over, most first.

    >>> _not_pages(Counter({"404": 2, "revisit": 1, "301": 1}))
    '4 responses that are no article (HTTP 404: 2, HTTP 301: 1, revisits: 1)'
    """
    total = sum(counts.values())
    parts = [f"{'revisits' if status == 'revisit' else 'HTTP ' + status}: {count}"
             for status, count in sorted(counts.items(),
                                         key=lambda item: (-item[1], item[0] == "revisit",
                                                           item[0]))]
    return f"{total} response{'s' if total > 1 else ''} that {'are' if total > 1 else 'is'} " \
           f"no article ({', '.join(parts)})"


def _cut_short(record: object) -> bool:
    """Whether the file ended before the record's declared length (warcio reads on quietly):
    after a record is read, what its length still promised is left in its reader's limit."""
    return getattr(getattr(record, "raw_stream", None), "limit", 0) > 0
