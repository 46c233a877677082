"""Files kg derives once from data its packages ship (the language model unpacked, the
gazetteer indexed) and keeps in the user's cache folder, so that each build does not derive
them again (about half a second each).

An entry is one file: a first line, the key it was made for (what it was made from: the
versions, sizes and modification times of the files it was derived from and of the code that
derived it), then its bytes. Its file name holds a digest of the key, so that two versions of
kg (two environments, or an upgrade) keep an entry each instead of replacing each other's at
every build; the ``KEPT`` entries of a name last used are kept, the others removed. A missing
entry, one of another key, a damaged one (the caller finds it so) or a cache folder that
cannot be written: kg derives the data again, as it would without a cache, and the results
are the same. Nothing here touches the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import re
import sys
import tempfile
from pathlib import Path

import kg

FOLDER_NAME = "kg"
VARIABLE = "XDG_CACHE_HOME"  # the user's cache folder; else ~/.cache
KEPT = 3  # entries of one name kept (of the versions of kg last used on this machine)


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


def entry(name: str, made_for: str) -> Path:
    """The file of entry ``name`` for key ``made_for``."""
    return folder() / f"{name}-{hashlib.sha256(made_for.encode()).hexdigest()[:16]}"


def load(name: str, wanted: str) -> memoryview | None:
    """The bytes of entry ``name`` if it was made for key ``wanted``, else None. They are
    mapped, not read: only what is used of them is read from disk, and they start at a
    multiple of 16 bytes (arrays read in place are aligned)."""
    path = entry(name, wanted)
    try:
        with open(path, "rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # (an empty file cannot be mapped)
        return None
    end = mapped.find(b"\n")
    if end < 0 or mapped[:end].rstrip(b" ").decode("utf-8", "replace") != wanted:
        mapped.close()
        return None
    with contextlib.suppress(OSError):  # marked as used: kept before entries of other keys
        os.utime(path)
    return memoryview(mapped)[end + 1:]


def keep(name: str, made_for: str, data: bytes) -> None:
    """Keep ``data`` as entry ``name`` for key ``made_for``: written whole to a new file, then
    renamed over the old one (a reader never sees half an entry); entries of the name for other
    keys beyond the ``KEPT`` last used are removed. A folder that cannot be written keeps
    nothing."""
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
        os.replace(temporary, entry(name, made_for))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _prune(where, name, entry(name, made_for))


def _prune(where: Path, name: str, kept: Path) -> None:
    """Remove the entries of ``name`` but ``kept`` and the others last used, ``KEPT`` in all
    (and the one file of an earlier version of kg, named ``name`` alone)."""
    own = re.compile(re.escape(name) + r"-[0-9a-f]{16}")
    with contextlib.suppress(OSError):
        found, stale = [], [where / name]
        for path in where.iterdir():
            if own.fullmatch(path.name) and path != kept:
                with contextlib.suppress(OSError):
                    found.append((path.stat().st_mtime_ns, path))
        stale.extend(path for _, path in sorted(found, reverse=True)[KEPT - 1:])
        for path in stale:
            with contextlib.suppress(OSError):
                path.unlink()
