"""One way to print listings, for every command: ``table`` for people, ``json`` and ``csv``
for programs.

A listing is a header and rows of plain values. ``table`` lines its columns up and cuts cells
that would run past the terminal's width with "…" (``wide`` keeps them whole); ``csv`` writes
RFC 4180 with a header row; ``json`` is one document; ``jsonl`` one object per line. Reports
that are more than one list (``kg show``, ``kg stats``) render their own text and go through
``to_json`` and ``to_csv`` for the rest, so every command formats alike.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, astuple, dataclass, fields, is_dataclass
from typing import Any

FORMATS = ("table", "json", "csv")
ELLIPSIS = "…"
MIN_COLUMN = 6  # narrower than this a cut cell says nothing; the line overflows instead
GAP = "  "

Cell = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Listing:
    """Rows of plain values under a header."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` wins, as for every program; 80 when unknown)."""
    return shutil.get_terminal_size((80, 24)).columns


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, ending in "…" when cut.

    >>> cut("Meta Platforms", 8), cut("Meta", 8)
    ('Meta Pl…', 'Meta')
    """
    return text if len(text) <= width else text[:max(0, width - 1)] + ELLIPSIS


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # a cell is one line: a literal's line breaks and tabs would break the table apart
    return " ".join(str(value).split()) if any(c in str(value) for c in "\n\r\t") \
        else str(value)


def column_widths(natural: Sequence[int], width: int) -> list[int]:
    """Column widths that fit ``width`` characters with gaps: the widest columns give way
    first, each down to no less than ``MIN_COLUMN``.

    >>> column_widths([4, 30, 50], 40)
    [4, 16, 16]
    """
    room = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= room:
        return list(natural)
    cap = max(natural)
    while cap > MIN_COLUMN and sum(min(n, cap) for n in natural) > room:
        cap -= 1
    return [min(n, cap) for n in natural]


def text_table(listing: Listing, width: int | None = None, wide: bool = False) -> str:
    """Aligned columns under a header and a rule; no line ends in spaces. Unless ``wide``,
    cells are cut to fit ``width`` (default: the terminal's)."""
    cells = [[_cell(v) for v in row] for row in listing.rows]
    natural = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(listing.columns)]
    widths = natural if wide else column_widths(natural, width or terminal_width())

    def line(values: Sequence[str]) -> str:
        return GAP.join(cut(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    return "\n".join([line(listing.columns), GAP.join("-" * w for w in widths),
                      *(line(r) for r in cells)])


def to_json(value: Any) -> str:
    """One JSON document: dataclasses become objects, tuples lists."""
    return json.dumps(_plain(value), ensure_ascii=False, indent=2)


def to_jsonl(listing: Listing) -> str:
    """One JSON object per row, keyed by the column names."""
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in listing.records())


def entry_listing(kind: type, entries: Sequence[Any]) -> Listing:
    """A listing of dataclass records of one ``kind``: a column per field, a row per record."""
    return Listing(tuple(f.name for f in fields(kind)), tuple(astuple(e) for e in entries))


def to_csv(listing: Listing) -> str:
    """CSV with a header row (RFC 4180 quoting; lines end in a newline)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(listing.columns)
    writer.writerows([[_csv_value(v) for v in row] for row in listing.rows])
    return out.getvalue().rstrip("\n")


def _csv_value(value: Cell) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):  # as JSON writes them, not Python's True
        return "true" if value else "false"
    return spreadsheet_safe(value) if isinstance(value, str) else value


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` for a CSV cell meant for people: a spreadsheet runs a cell that starts with
    ``= + - @`` (or a tab or carriage return before one) as a formula, so a title or name that
    does, read from the web, gets a ``'`` in front (shown as text; the W3C query CSV of
    ``kg query`` is written verbatim).

    >>> print(spreadsheet_safe('=HYPERLINK("http://x.example/","x")'))
    '=HYPERLINK("http://x.example/","x")
    >>> spreadsheet_safe("-3 pct"), spreadsheet_safe("Acme")
    ("'-3 pct", 'Acme')
    """
    return "'" + text if text.startswith(_FORMULA) else text


def stream(columns: tuple[str, ...], rows: Iterable[tuple[Cell, ...]], fmt: str,
           header: bool = True) -> Iterator[str]:
    """Lines of ``csv`` (a header first), ``jsonl`` or ``tsv`` (tabs in cells become spaces;
    a header unless ``header`` is false), one per row as it comes: for long listings."""
    if fmt == "csv" and header:
        yield to_csv(Listing(columns, ()))
    if fmt == "tsv" and header:
        yield "\t".join(columns)
    for row in rows:
        if fmt == "jsonl":
            yield json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
        elif fmt == "csv":
            yield to_csv(Listing(columns, (row,))).split("\n", 1)[1]
        else:
            yield "\t".join(_cell(v).replace("\t", " ") for v in row)


def render(listing: Listing, fmt: str, wide: bool = False) -> str:
    """``listing`` as ``table``, ``csv``, ``json`` (a list of objects) or ``jsonl``."""
    if fmt == "json":
        return to_json(listing.records())
    if fmt == "jsonl":
        return to_jsonl(listing)
    if fmt == "csv":
        return to_csv(listing)
    return text_table(listing, wide=wide)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
