"""Files kg derives once from data its packages ship (the language model unpacked, the
gazetteer indexed) and keeps in the user's cache folder, so that each build does not derive
them again (about half a second each).

An entry is one file: a first line, the key it was made for (what it was made from: the
versions, sizes and modification times of the files it was derived from and of the code that
derived it), then its bytes. A missing entry, one of another key, a damaged one (the caller
finds it so) or a cache folder that cannot be written: kg derives the data again, as it would
without a cache, and the results are the same. Nothing here touches the network.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import sys
import tempfile
from pathlib import Path

import kg

FOLDER_NAME = "kg"
VARIABLE = "XDG_CACHE_HOME"  # the user's cache folder; else ~/.cache


def folder() -> Path:
    """The folder kg keeps its derived files in."""
    base = os.environ.get(VARIABLE) or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / FOLDER_NAME


def key(*sources: Path | str) -> str:
    """The key of what is derived from ``sources`` (files: their size and modification time;
    strings: as they are), with kg's and Python's versions."""
    parts = [kg.__version__, "{}.{}".format(*sys.version_info[:2])]
    for source in sources:
        if isinstance(source, Path):
            found = source.stat()
            parts.append(f"{source.name}:{found.st_size}:{found.st_mtime_ns}")
        else:
            parts.append(source)
    return " ".join(parts).replace("\n", " ")


def load(name: str, wanted: str) -> memoryview | None:
    """The bytes of entry ``name`` if it was made for key ``wanted``, else None. They are
    mapped, not read: only what is used of them is read from disk, and they start at a
    multiple of 16 bytes (arrays read in place are aligned)."""
    try:
        with open(folder() / name, "rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # (an empty file cannot be mapped)
        return None
    end = mapped.find(b"\n")
    if end < 0 or mapped[:end].rstrip(b" ").decode("utf-8", "replace") != wanted:
        mapped.close()
        return None
    return memoryview(mapped)[end + 1:]


def keep(name: str, made_for: str, data: bytes) -> None:
    """Keep ``data`` as entry ``name`` for key ``made_for``: written whole to a new file, then
    renamed over the old one (a reader never sees half an entry). A folder that cannot be
    written keeps nothing."""
    where = folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=where)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            first = made_for.encode("utf-8")
            f.write(first + b" " * (-(len(first) + 1) % 16) + b"\n")
            f.write(data)
        os.replace(temporary, where / name)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
