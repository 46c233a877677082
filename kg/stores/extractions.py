"""The extraction cache: each document's extraction, kept until its text or the rules change.

One append-only file of JSON lines, ``["DOC_ID", "SIGNATURE", EXTRACTION]``, the last line of a
document winning, and ``["DOC_ID", null]`` when it was dropped. A build appends a line a
document it parses (a file written and renamed a document cost more than the JSON in it);
each line is handed to the operating system whole before the next document, so a killed build
leaves every document it finished, and at most a cut last line, which is read as missing (its
document is parsed again). Superseded lines are dropped when they outnumber the live ones, and
after a fresh build: the file is written anew and renamed over the old one (and before a
build appends to a file another name links to: a store copied as hard links). An earlier kg kept
a file a document: a build that writes here removes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json.decoder import scanstring
from pathlib import Path
from typing import IO, Any

from kg import storedir
from kg.errors import StoreError

LOG = "extractions.jsonl"
_DROPPED = b", null]\n"


def _header(line: bytes) -> tuple[str, str | None] | None:
    """The document id and signature (None: dropped) of a whole line, or None if it is not
    one (cut short by a kill, or not ours)."""
    if not line.startswith(b'["') or not line.endswith(b"]\n"):
        return None
    try:
        text = line.decode("utf-8")
        doc_id, end = scanstring(text, 2)
        if text.startswith(", null]\n", end):
            return doc_id, None
        if not text.startswith(', "', end):
            return None
        signature, _ = scanstring(text, end + 3)
    except (UnicodeDecodeError, ValueError):
        return None
    return doc_id, signature


class ExtractionLog:
    """The extraction cache in ``folder`` (made when first written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOG
        self._index: dict[str, tuple[str, int, int]] | None = None  # id: signature, where
        self._lines = 0  # every line of the file, live or not
        self._out: IO[bytes] | None = None

    def _read_index(self) -> dict[str, tuple[str, int, int]]:
        if self._index is None:
            index: dict[str, tuple[str, int, int]] = {}
            lines = offset = 0
            try:
                with open(self.path, "rb") as log:
                    for line in log:
                        found = _header(line)
                        lines += 1
                        if found is not None:
                            doc_id, signature = found
                            if signature is None:
                                index.pop(doc_id, None)
                            else:
                                index[doc_id] = (signature, offset, len(line))
                        offset += len(line)
            except FileNotFoundError:
                pass
            except OSError as err:
                raise StoreError(storedir.describe(err, self.folder)) from err
            self._index, self._lines = index, lines
        return self._index

    def get(self, doc_id: str, signature: str) -> dict[str, Any] | None:
        """The extraction's JSON data kept for ``doc_id`` with ``signature``, else None."""
        entry = self._read_index().get(doc_id)
        if entry is None or entry[0] != signature:
            return None
        if self._out is not None:
            self._out.flush()
        try:
            with open(self.path, "rb") as log:
                log.seek(entry[1])
                data = json.loads(log.read(entry[2]))
        except (OSError, ValueError):
            return None  # a damaged entry is re-extracted
        return data[2] if isinstance(data, list) and len(data) == 3 and \
            isinstance(data[2], dict) else None

    def put(self, doc_id: str, signature: str, extraction_json: str) -> None:
        """Keep a document's extraction (JSON text from ``kg.cache.encode_extraction``)."""
        self._append(f"{json.dumps([doc_id, signature], ensure_ascii=False)[:-1]}, "
                     f"{extraction_json}]\n".encode(), doc_id, signature)

    def drop(self, doc_id: str) -> None:
        if doc_id in self._read_index():
            self._append(json.dumps([doc_id, None]).encode() + b"\n", doc_id, None)

    def _append(self, line: bytes, doc_id: str, signature: str | None) -> None:
        index = self._read_index()
        try:
            if self._out is None:
                # a store copied as hard links (``cp -al``) shares the file with the original,
                # which appending would change too: the file is written anew first, as it is
                # when superseded lines outnumber the live ones
                if self._lines > 2 * len(index) + 100 or self._shared():
                    self._rewrite(index.keys())
                self.folder.mkdir(parents=True, exist_ok=True)
                for old in self.folder.glob("*.json"):  # an earlier kg's file a document
                    old.unlink(missing_ok=True)
                self._out = open(self.path, "ab")  # noqa: SIM115 (kept open for the build)
                end = self._out.tell()
                if end and not self._ends_a_line(end):
                    self._out.write(b"\n")  # a line cut short by a killed build ends here
                    self._lines += 1
            where = self._out.tell()
            self._out.write(line)
            self._out.flush()  # whole lines reach the system, so a kill keeps them
        except OSError as err:
            raise StoreError(storedir.describe(err, self.folder)) from err
        self._lines += 1
        if signature is None:
            index.pop(doc_id, None)
        else:
            index[doc_id] = (signature, where, len(line))

    def _shared(self) -> bool:
        try:
            return self.path.stat().st_nlink > 1
        except FileNotFoundError:
            return False

    def _ends_a_line(self, end: int) -> bool:
        with open(self.path, "rb") as log:
            log.seek(end - 1)
            return log.read(1) == b"\n"

    def keep(self, doc_ids: Iterable[str]) -> None:
        """Drop every extraction but those of ``doc_ids`` (after a fresh build), and any other
        file of the folder (an earlier kg kept a file a document)."""
        if not self.folder.is_dir():
            return
        index = self._read_index()
        keep = set(doc_ids) & index.keys()
        if len(keep) != len(index) or self._lines != len(index):
            self._rewrite(keep)
        for entry in self.folder.iterdir():
            if entry.name != LOG:
                entry.unlink(missing_ok=True)

    def _rewrite(self, keep: Iterable[str]) -> None:
        """The file anew with the last line of each document of ``keep`` only."""
        self.close()
        index = self._read_index()
        kept = sorted((index[d] for d in keep), key=lambda entry: entry[1])
        tmp = self.path.with_name(LOG + ".tmp")
        try:
            with open(self.path, "rb") as log:
                storedir.write_new(tmp, _copied(log, kept))
            tmp.replace(self.path)
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise StoreError(storedir.describe(err, self.folder)) from err
        self._index = None  # read again: the lines moved
        self._read_index()

    def entries(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every live ``(doc_id, signature, extraction data)``, in the order written."""
        for doc_id, (signature, _, _) in sorted(self._read_index().items(),
                                                key=lambda item: item[1][1]):
            data = self.get(doc_id, signature)
            if data is not None:
                yield doc_id, signature, data

    def close(self) -> None:
        if self._out is not None:
            out, self._out = self._out, None
            out.close()


def _copied(log: IO[bytes], entries: list[tuple[str, int, int]]) -> Iterator[bytes]:
    for _, offset, length in entries:
        log.seek(offset)
        yield log.read(length)
