"""Plain text and markdown files.

A ``.txt`` file's text is the file as it is (line ends made ``\\n``). A markdown file's text is
the plain text markdown-it-py reads from it: links keep their text, emphasis loses its marks,
each heading, paragraph, list item and quote is a paragraph of its own (a blank line between
them); images, HTML, code and tables are left out. Offsets of facts point into that text. Its
title is its front matter's ``title:``, else its first heading; its front matter may also give
its date, source URL, site and author.

Encodings: UTF-8 (with or without a byte order mark), UTF-16 and UTF-32 with a byte order mark
or without one (charset-normalizer tells which). A file in any other encoding is refused with
the encoding it seems to be in, rather than read as something it is not.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.documents import document_id
from kg.errors import InputError
from kg.model import Document
from kg.sources import Location, ReadOptions, Skipped, display_name, file_bytes
from kg.sources.dates import iso_date

if TYPE_CHECKING:
    from markdown_it.token import Token

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
# What to call an encoding in a message, most used first: charset-normalizer's first guess for
# a short Latin-1 file may be a Baltic code page that decodes it the same way.
_KNOWN = {"cp1252": "Windows-1252 (Latin-1)", "latin_1": "Latin-1 (ISO 8859-1)",
          "iso8859_15": "ISO 8859-15", "cp1251": "Windows-1251 (Cyrillic)",
          "koi8_r": "KOI8-R", "shift_jis": "Shift JIS", "cp932": "Shift JIS (cp932)",
          "euc_jp": "EUC-JP", "gb18030": "GB18030", "gb2312": "GB2312", "gbk": "GBK",
          "big5": "Big5", "euc_kr": "EUC-KR", "cp1250": "Windows-1250 (Central European)",
          "iso8859_2": "ISO 8859-2", "cp1253": "Windows-1253 (Greek)",
          "cp1254": "Windows-1254 (Turkish)", "cp1255": "Windows-1255 (Hebrew)",
          "cp1256": "Windows-1256 (Arabic)", "mac_roman": "Mac Roman"}
_ICONV = {"cp1252": "WINDOWS-1252", "latin_1": "LATIN1", "cp932": "CP932",
          "shift_jis": "SHIFT_JIS"}
_MARKDOWN = (".md", ".markdown")


def read(path: Location, options: ReadOptions) -> Iterator[Document | Skipped]:
    """One document: the file's text (``.txt``) or the plain text of its markdown."""
    path = Path(path)
    shown = display_name(path)
    data = file_bytes(path)
    text = decode(data, shown).replace("\r\n", "\n").replace("\r", "\n")
    if not path.name.lower().endswith(_MARKDOWN):
        yield Document(doc_id=document_id(text), source=shown, text=text)
        return
    meta, body = front_matter(text)
    text, heading = markdown_text(body)
    yield Document(doc_id=document_id(text), source=shown, text=text,
                   title=meta.get("title") or heading,
                   published=iso_date(meta.get("published") or meta.get("date") or ""),
                   url=meta.get("source") or meta.get("url") or meta.get("link") or "",
                   site=meta.get("site") or meta.get("site_name") or "",
                   author=meta.get("author") or meta.get("authors") or "")


_FENCE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*)$")
_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The scalar fields of a markdown file's YAML front matter (as note-taking and web-clipping
    tools write it: ``title:``, ``published:``, ``source:``, ``author:`` with one value or a
    list, whose first item is taken) and the markdown after it.

    >>> front_matter('---\\ntitle: "Vexa hires"\\nauthor:\\n  - "[[Ana Ruiz]]"\\n---\\nText.')
    ({'title': 'Vexa hires', 'author': 'Ana Ruiz'}, 'Text.')
    """
    match = _FENCE.match(text)
    if match is None:
        return {}, text
    fields: dict[str, str] = {}
    key = ""
    for line in match.group(1).split("\n"):
        if (pair := _KEY.match(line)) is not None:
            key = pair.group(1).lower()
            if pair.group(2).strip():
                fields[key] = _scalar(pair.group(2))
        elif (item := _ITEM.match(line)) is not None and key and key not in fields:
            fields[key] = _scalar(item.group(1))
    return {k: v for k, v in fields.items() if v}, text[match.end():]


def _scalar(value: str) -> str:
    value = value.strip().strip("\"'").strip()
    if value.startswith("[[") and value.endswith("]]"):  # a wiki link to a note about it
        value = value[2:-2].split("|")[-1]
    return "" if value.startswith(("[", "{", "|", ">")) else value


def decode(data: bytes, shown: str) -> str:
    """Text of a file: UTF-8, or UTF-16/32 with or without a byte order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"{shown}: damaged {encoding.upper()} text (byte {err.start}); "
                                 "re-encode it as UTF-8") from err
    if b"\x00" not in data[:8192]:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            wide = _wide_text(data)  # UTF-16 of a script outside Latin has no zero bytes
            if wide is None:
                raise InputError(_not_utf8(data, shown, err.start)) from err
            return wide
    wide = _wide_text(data)
    if wide is None:
        raise InputError(f"{shown}: binary file, not text; skip it or convert it to UTF-8 text")
    return wide


def _wide_text(data: bytes) -> str | None:
    """UTF-16 or UTF-32 text without a byte order mark, when charset-normalizer finds it and
    the text looks like text (words apart: whitespace, or a language it recognises)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding not in _WIDE or best.chaos > 0.1:
        return None
    text = str(best)
    if best.coherence > 0 or any(c.isspace() for c in text):
        return text
    return None


def _not_utf8(data: bytes, shown: str, at: int) -> str:
    from charset_normalizer import from_bytes

    found = ""
    for match in list(from_bytes(data))[:3]:
        names = [e for e in _KNOWN if e in match.could_be_from_charset]
        if names:
            found = names[0]
            break
    message = f"{shown}: not UTF-8 (byte {at})"
    if not found:
        return message + "; re-encode it as UTF-8, e.g. iconv -f latin1 -t utf-8"
    iconv = _ICONV.get(found, found.upper().replace("_", "-"))
    return (f"{message}; it looks like {_KNOWN[found]} text: re-encode it as UTF-8, e.g. "
            f"iconv -f {iconv} -t utf-8")


def markdown_text(source: str) -> tuple[str, str]:
    """The plain text of a markdown document and its first heading (its title).

    >>> markdown_text("# Vexa hires\\n\\n**[Vexa](https://v.example)** hired _Ana_.\\n")
    ('Vexa hires\\n\\nVexa hired Ana.\\n', 'Vexa hires')
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    title = ""
    skip_until: str | None = None
    for i, token in enumerate(tokens):
        if skip_until is not None:
            if token.type == skip_until:
                skip_until = None
            continue
        if token.type == "table_open":
            skip_until = "table_close"  # figures in cells, not sentences
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if text.strip():
                blocks.append(text.strip())
                opening = tokens[i - 1] if i else None
                if not title and opening is not None and opening.type == "heading_open":
                    title = text.strip()
        # code blocks, fences, HTML blocks and rules have no inline token: left out
    return ("\n\n".join(blocks) + "\n" if blocks else ""), title


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")  # a line end inside a paragraph: the paragraph goes on
        elif child.type == "hardbreak":
            parts.append("\n")
        # images, inline HTML and the marks of links and emphasis add no text
    return "".join(parts)
