"""The folder of a kg store: one lock, generations of the graph, and a pointer to the current one.

::

    STORE/lock            flock: shared by readers and a read-only server, exclusive for a writer
    STORE/CURRENT         the name of the current generation, replaced by an atomic rename
    STORE/g7/oxigraph/    the RDF database of generation 7
    STORE/g7/state.json   what the build that wrote generation 7 knew (digest, counts, exports)
    STORE/g7/resolved.bin what that build kept for the next one's resolution
    STORE/g7/lines/       while that build exports: its data graphs' lines (kg.stores.lines)
    STORE/cache/          each document's extraction (kg.stores.extractions), for all generations
    STORE/inputs.bin      the input files the last build read, to know which are unchanged

A build writes a whole new generation next to the current one, with its state record inside,
and publishes it last by replacing ``CURRENT``. Killed, interrupted or out of space at any point
before that, the store still names the old, complete generation and its own state record; after
it, the new one. Unpublished generations are deleted by the next writer, under the lock.
A store written by an earlier kg (``oxigraph/`` and ``state.json`` at the top) is read as the
generation ``.`` until a build replaces it.
"""

from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from kg.errors import StoreError

LOCK, POINTER, DATABASE, STATE = "lock", "CURRENT", "oxigraph", "state.json"
SAVED = "resolved.bin"  # beside a state record: what its build kept for the next (resolve.saved)
LINES = "lines"  # beside it, while its build exports: the data as sorted N-Triples runs
SEEN = "inputs.bin"  # in the store (a server's cache) folder: the input files read (sources.seen)
_GENERATION = re.compile(r"^g(\d+)$")
LEGACY = "."


def describe(err: OSError, path: Path | str, doing: str = "") -> str:
    """One line for a failed file operation; a full disk says what to do about it."""
    where = f"{path}: {doing}: " if doing else f"{path}: "
    # RocksDB's errors come through pyoxigraph as OSError without an errno: read the message
    if err.errno in (errno.ENOSPC, errno.EDQUOT) or "no space left" in str(err).lower():
        return where + "no space left on the device; free some space and try again"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return where + f"not writable ({err.strerror}); pick a place you may write"
    return where + f"{err.strerror or err}"


class StoreLock:
    """An advisory lock on a store folder: shared for readers, exclusive for a writer. It is held
    as long as its file descriptor is open in any process, so a server child inherits it."""

    def __init__(self, folder: Path, exclusive: bool) -> None:
        self.fd: int | None = None
        path = folder / LOCK
        try:
            self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as err:
            if exclusive or not path.exists():
                if exclusive:
                    raise StoreError(describe(err, folder)) from err
                return  # a reader of a folder it may not write: nothing can write there either
            self.fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(self.fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError as err:
            self.release()
            raise StoreError(f"{folder}: the store is in use by another process (a running kg "
                             "build or kg serve?); wait for it or use another --store") from err

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def is_store(folder: Path) -> bool:
    return (folder / POINTER).exists() or (folder / DATABASE).exists()


def current(folder: Path, strict: bool = True) -> Path | None:
    """The folder of the current generation, or None when nothing was ever published. A
    pointer to a missing generation raises ``StoreError`` (None if not ``strict``)."""
    try:
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return folder if (folder / DATABASE).exists() else None
    except OSError as err:
        raise StoreError(describe(err, folder / POINTER)) from err
    if not _GENERATION.match(name) or not (folder / name / DATABASE).is_dir():
        if not strict:
            return None
        raise StoreError(f"{folder}: damaged store ({POINTER} names '{name}', which is "
                         "missing); rebuild it with kg build --fresh --store DIR")
    return folder / name


def _generations(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if _GENERATION.match(p.name) and p.is_dir()]


def new_generation(folder: Path) -> Path:
    """A new, empty generation folder. Leftovers of interrupted writers are deleted first."""
    live = current(folder, strict=False)
    numbers = [0]
    for path in _generations(folder):
        numbers.append(int(path.name[1:]))
        if path != live:
            shutil.rmtree(path, ignore_errors=True)
    path = folder / f"g{max(numbers) + 1}"
    path.mkdir()
    return path


def new_generation_or_fail(folder: Path) -> Path:
    try:
        return new_generation(folder)
    except OSError as err:
        raise StoreError(f"{describe(err, folder)}; the previous graph is kept") from err


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    try:
        if path.is_file():
            _fsync(path)
    except FileNotFoundError:
        pass  # the open database compacted it away meanwhile: not part of the graph


def write_new(tmp: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces written as they come) to a new file ``tmp`` (a
    temporary file about to be renamed): whatever is at that name (a leftover, or a symbolic
    link someone planted there) is removed first, and the file is created exclusively, so
    nothing is ever written through a link."""
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                 0o666)
    with os.fdopen(fd, "wb") as out:
        if isinstance(data, bytes):
            out.write(data)
        else:
            out.writelines(data)


def write_file(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed over it)."""
    tmp = path.with_name(path.name + ".tmp")
    write_new(tmp, data)
    _fsync(tmp)
    tmp.replace(path)


def write_json(path: Path, record: dict[str, Any]) -> None:
    """Write a JSON file whole or not at all."""
    write_file(path, json.dumps(record, sort_keys=True).encode("utf-8"))


def write_state(folder: Path | None, record: dict[str, Any]) -> None:
    """Replace the state record kept in ``folder`` (a generation, or a server's cache folder);
    nothing without a folder."""
    if folder is None:
        return
    try:
        write_json(folder / STATE, record)
    except OSError as err:
        raise StoreError(describe(err, folder)) from err


# What a build keeps for the next, or the function that writes it to a file: called once
# the graph is loaded, it writes a large corpus's (some hundred MiB) a piece at a time.
Saved = bytes | Callable[[IO[bytes]], None]


def made(saved: Saved) -> bytes:
    if not callable(saved):
        return saved
    out = io.BytesIO()
    saved(out)
    return out.getvalue()


def write_saved(path: Path, saved: Saved) -> None:
    """Write what a build keeps for the next (``SAVED``) to ``path``."""
    with path.open("wb") as file:
        if callable(saved):
            saved(file)
        else:
            file.write(saved)


def read_saved(folder: Path | None) -> bytes | None:
    """What the last build kept in ``folder`` for the next (``SAVED``), if anything."""
    if folder is None:
        return None
    try:
        return (folder / SAVED).read_bytes()
    except OSError:
        return None


def read_state(generation: Path | None) -> dict[str, Any]:
    if generation is None:
        return {}
    try:
        found = json.loads((generation / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}  # missing or unreadable: the next build rebuilds
    if not isinstance(found, dict) or any(
            key in found and not isinstance(found[key], kind) for key, kind in _SHAPE.items()):
        return {}  # JSON, but not what a build writes: as if missing
    return found


# the fields of a state record that a build reads, and their types
_SHAPE: dict[str, type | tuple[type, ...]] = {
    "digest": str, "ontology": str, "graphs": dict, "nodes": dict, "sentences": dict,
    "exports": dict, "relations": list, "entities": int, "statements": int, "triples": int,
    "read": (list, type(None))}


def disown(generation: Path) -> None:
    """Forget what the build that wrote ``generation`` knew (its state record, what it kept for
    the next): its graph is about to change by other means (an update through ``kg serve
    --read-write``), and the next build must not vouch for it."""
    for name in (STATE, SAVED):
        try:
            (generation / name).unlink(missing_ok=True)
        except OSError as err:
            raise StoreError(describe(err, generation / name)) from err
    _fsync(generation, directory=True)


def publish(folder: Path, generation: Path) -> None:
    """Make ``generation`` the current one: its files reach the disk before the pointer does."""
    from concurrent.futures import ThreadPoolExecutor  # here: not at every command's start

    # side by side: the disk takes the files' writes together (a twentieth of a second less
    # for the twenty-odd files of a small store's database than one after the other)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(_fsync_file, (generation / DATABASE).iterdir()))
    _fsync(generation / DATABASE, directory=True)
    _fsync(generation, directory=True)
    tmp = folder / (POINTER + ".tmp")
    write_new(tmp, (generation.name + "\n").encode("utf-8"))
    _fsync(tmp)
    tmp.replace(folder / POINTER)
    _fsync(folder, directory=True)


def collect(folder: Path) -> None:
    """Delete every generation but the current one (and an earlier kg's layout); with a
    damaged pointer (only a --fresh build goes on past one), every generation."""
    live = current(folder, strict=False)
    for path in _generations(folder):
        if path != live:
            shutil.rmtree(path, ignore_errors=True)
    if live != folder:
        shutil.rmtree(folder / DATABASE, ignore_errors=True)
        (folder / STATE).unlink(missing_ok=True)


def check_folder(folder: Path, fresh: bool) -> None:
    """Refuse a store path that is a file, and (for ``--fresh``) a folder that is not a store."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a store folder; pass --store DIR")
    if fresh and folder.is_dir() and not is_store(folder) and any(
            p.name != LOCK for p in folder.iterdir()):
        raise StoreError(f"{folder}: not a kg store (no {POINTER} or {DATABASE}/ inside); "
                         "refusing to build over it")
