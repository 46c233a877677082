"""Saved web pages: trafilatura finds the article's main text (no navigation, comments, related
stories or footers) and its metadata: title, author, publication date, site name, canonical URL.

The document's text is the text trafilatura extracts, with a blank line between its paragraphs;
its ``source`` stays the file. The feed and WARC readers send the pages they hold through
``page_document`` too.
"""

from __future__ import annotations

import html
import re
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from kg.documents import document_id
from kg.errors import InputError
from kg.model import Document
from kg.sources import Location, ReadOptions, Skipped, display_name, file_bytes, note
from kg.sources.dates import iso_date

_TAG = re.compile(r"<[A-Za-z!/]")
_TITLE_SEPARATOR = re.compile(r" (?:\||-|–|—|::|») ")
CAPTION_WORDS = 40  # a page with less text than this is not an article


def read(path: Location, options: ReadOptions) -> Iterator[Document | Skipped]:
    path = Path(path)
    shown = display_name(path)
    data = file_bytes(path)
    if path.name.lower().endswith(".gz"):
        data = _gunzip(data, shown, options.record_max_mb * 2**20)
    doc = page_document(data, shown)
    if doc is None:
        yield Skipped(f"{shown}: no article text found in the page")
        return
    yield doc
    words = len(doc.text.split())
    if words < CAPTION_WORDS and sum(ch.isalpha() for ch in doc.text) < 5 * CAPTION_WORDS:
        yield Skipped(note(f"{shown}: only {words} words of text in the page (a caption, a "
                           "teaser or a video page?); few facts will be found"))


def _gunzip(data: bytes, shown: str, limit: int) -> bytes:
    """A saved page's bytes out of gzip, up to ``limit`` (a small file may expand to
    gigabytes)."""
    inflate = zlib.decompressobj(wbits=31)
    try:
        page = inflate.decompress(data, limit + 1)
    except zlib.error as err:
        raise InputError(f"{shown}: not a gzip file, or a damaged one ({err})") from err
    if len(page) > limit:
        raise InputError(f"{shown}: a page larger than {limit // 2**20} MB; left out "
                         "(--max-record-mb)")
    return page


def page_document(page: bytes | str, source: str, url: str = "", published: str = "",
                  site: str = "") -> Document | None:
    """The article of a web page as a document, or None when the page holds no article text.
    ``url``, ``published`` and ``site`` are used when the page itself does not say."""
    found = _extract(page, url)
    if found is None:
        return None
    text = _paragraphs(found.text or "")
    if not text:
        return None
    page_url = _clean(found.url) or url
    site_name = _clean(found.sitename) or site
    return Document(doc_id=document_id(text), source=source, text=text,
                    title=page_title(_clean(found.title), site_name, page_url),
                    published=_page_date(found.date) or published, url=page_url, site=site_name,
                    author=_clean(found.author))


def _extract(page: bytes | str, url: str) -> object | None:
    import trafilatura
    from trafilatura.settings import set_date_params

    dates = set_date_params(extensive=False)  # no guess from a copyright line
    dates["outputformat"] = "%Y-%m-%dT%H:%M:%S%z"  # the time too, when the page gives it
    try:
        with warnings.catch_warnings():
            # a page's date with a zone name dateutil does not know ("EST") is read without
            # its zone: a library's warning about it is no news for the user's terminal
            warnings.simplefilter("ignore")
            return trafilatura.bare_extraction(  # type: ignore[no-any-return]
                page, url=url or None, with_metadata=True, include_comments=False,
                include_tables=False, include_images=False, date_extraction_params=dates)
    except (ValueError, TypeError, AttributeError, LookupError) as err:  # a page lxml chokes on
        raise InputError(f"cannot read the page ({err})") from err


def _page_date(value: str | None) -> str:
    # htmldate writes a date without a time as midnight with no zone: a date, then
    if value and value.endswith("T00:00:00"):
        value = value[:10]
    return iso_date(value or "")


def _clean(value: str | None) -> str:
    return " ".join(html.unescape(value).split()) if value else ""


def page_title(title: str, site: str, url: str) -> str:
    """A page's title without the site's name after it (" - Telegraph", " | WIRED").

    >>> page_title("Vexa buys Quillon | The Daily Lantern", "The Daily Lantern", "")
    'Vexa buys Quillon'
    >>> page_title("Vexa buys Quillon - Lantern News", "", "https://www.lanternnews.example/a")
    'Vexa buys Quillon'
    >>> page_title("Gift guide - from the Lantern of Port Adley", "", "https://lantern.example/")
    'Gift guide - from the Lantern of Port Adley'
    """
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2 or len(parts[-1].split()) > 4:
        return title
    rest = title[:title.rindex(parts[-1])].rstrip(" |-–—:»").rstrip()
    last = _letters(parts[-1])
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".")[:-1] if len(label) >= 3 and label != "www"]
    if len(rest.split()) >= 2 and last and (
            last == _letters(site) or any(label in last for label in labels)):
        return rest
    return title


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _paragraphs(text: str) -> str:
    """Each line of trafilatura's text is a block of the page: a paragraph of its own."""
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def fragment_text(fragment: str) -> str:
    """The text of a piece of HTML (a feed entry's content or summary), paragraphs apart.

    >>> fragment_text("<p>Vexa hired <b>Ana Ruiz</b>.</p><p>She starts in May.</p>")
    'Vexa hired Ana Ruiz.\\n\\nShe starts in May.\\n'
    >>> fragment_text("Tom &amp; Jerry merged.")
    'Tom & Jerry merged.\\n'
    """
    if not _TAG.search(fragment):
        return _paragraphs(html.unescape(fragment))
    import trafilatura

    text = trafilatura.extract(fragment, favor_recall=True, include_comments=False,
                               include_tables=False, include_images=False)
    if not text:  # too short for trafilatura to call it an article: every text node
        from lxml import html as lxml_html

        try:
            text = lxml_html.fromstring(fragment).text_content()
        except (ValueError, TypeError) as err:  # lxml's ParserError is a ValueError
            raise InputError(f"cannot read the HTML ({err})") from err
    return _paragraphs(text)
