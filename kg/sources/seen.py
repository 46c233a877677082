"""What a build read from each input file, kept for the next build.

To see what changed, a build reads and hashes every input: on a large archive that is most
of a small update's time. A file whose size, modification and change times and inode are
those recorded is not read again: its documents (without their text), their lengths and
what was skipped of it are taken from the record, as git's index does for a working tree.
A file written within two seconds before it was read could change again without its times
changing, so it is not recorded until it is older. The record holds for one version of the
readers and one set of reading options; anything else, or a damaged record, is not used.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import Document

if TYPE_CHECKING:
    from kg.sources import ReadOptions

FORMAT = 3  # 2: sizes hold each document's sketch (kg.copies); 3: as bytes
RACY_NS = 2_000_000_000  # a file this recent is read again next time
_FIELDS = tuple(f.name for f in fields(Document) if f.name != "text")


@dataclass(frozen=True, slots=True)
class FileRead:
    """What one input file gave: its documents without their text, each one's length in
    characters and words and its sketch (``kg.copies``), and what of it was skipped, with
    why."""

    documents: tuple[Document, ...]
    sizes: tuple[tuple[int, int, bytes], ...]
    skipped: tuple[str, ...]


def _stat(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


class Seen:
    """The record of input files read: ``read`` consults it and adds to it while scanning;
    ``dumps`` encodes what the next build can use."""

    def __init__(self, valid_for: str, entries: dict[str, Any] | None = None) -> None:
        self.valid_for = valid_for
        self._old = entries or {}
        self._new: dict[str, Any] = {}
        self._started = time.time_ns()

    @classmethod
    def load(cls, path: Path | None, valid_for: str) -> Seen:
        """The record at ``path``, if it is one for ``valid_for``; else an empty one."""
        entries = None
        try:
            if path is not None:
                fmt, written_for, found = marshal.loads(path.read_bytes())
                if fmt == FORMAT and written_for == valid_for and isinstance(found, dict):
                    entries = found
        except (OSError, ValueError, TypeError, EOFError):
            pass
        return cls(valid_for, entries)

    def read(self, path: Path, reading: Callable[[], FileRead]) -> FileRead:
        """What ``path`` gives: as recorded, if its size, times and inode are unchanged; else
        what ``reading`` it gives now, recorded for the next build unless too recent."""
        stat = _stat(path)  # before reading: a change while it is read shows next time
        entry = self._old.get(str(path))
        if stat is not None and entry is not None and tuple(entry[0]) == stat:
            self._new[str(path)] = entry
            _, documents, sizes, skipped = entry
            return FileRead(tuple(Document(**dict(zip(_FIELDS, d, strict=True)), text="")
                                  for d in documents), tuple(map(tuple, sizes)),
                            tuple(skipped))
        found = reading()
        if stat is not None and stat[1] <= self._started - RACY_NS:
            self._new[str(path)] = (stat, tuple(tuple(getattr(d, f) for f in _FIELDS)
                                                for d in found.documents),
                                    found.sizes, found.skipped)
        return found

    def changed(self) -> bool:
        """Whether the record to keep differs from the one loaded."""
        return self._new != self._old

    def dumps(self) -> bytes:
        return marshal.dumps((FORMAT, self.valid_for, self._new))


def valid_for(options: ReadOptions) -> str:
    """What a record holds for: these record fields and this version of the readers."""
    fields_read = (options.text_field, options.title_field, options.date_field,
                   options.url_field, options.id_field, options.author_field,
                   options.site_field, options.record_max_mb, options.language)
    digest = hashlib.sha256(f"{FORMAT}:{fields_read!r}".encode())
    here = Path(__file__).parent
    for source in [*sorted(here.glob("*.py")), here.parent / "documents.py",
                   here.parent / "model.py"]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:24]
