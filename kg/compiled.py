"""The optional compiled build: the rules' modules compiled to C extensions by mypyc when kg is
installed (``setup.py``), the extraction's CPU time about halved. The ``.py`` files stay
the source: a module is imported from its extension only while the extension is newer than the
``.py`` beside it: once one is changed, every module is imported from its source, and kg says
so on a terminal (install kg again to compile them); ``KG_PURE=1`` imports every module from its
source.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).parent


def pure() -> bool:
    """Whether ``KG_PURE`` asks for the Python source of every module."""
    return os.environ.get("KG_PURE", "") not in ("", "0")


def extensions() -> dict[str, tuple[Path, Path]]:
    """Each compiled module of kg by name: its extension and its source (one walk of the
    package: this runs at every ``import kg``)."""
    found = {}
    suffixes = importlib.machinery.EXTENSION_SUFFIXES  # the most specific first
    for folder, _, files in os.walk(PACKAGE):
        for file in files:
            suffix = next((s for s in suffixes if file.endswith(s)), None)
            source = Path(folder) / (file.removesuffix(suffix) + ".py") if suffix else None
            if source is not None and source.is_file():
                name = ".".join(source.relative_to(PACKAGE.parent).with_suffix("").parts)
                found.setdefault(name, (Path(folder) / file, source))
    return found


class _FromSource(importlib.abc.MetaPathFinder):
    """Finds the modules named from their ``.py``, ahead of the import system's finders (which
    take an extension before a source file of the same name)."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        source = self.sources.get(fullname)
        return importlib.util.spec_from_file_location(fullname, source) if source else None


def _stale(compiled: dict[str, tuple[Path, Path]]) -> list[str]:
    """The compiled modules whose source changed after they were compiled."""
    return sorted(name for name, (ext, source) in compiled.items()
                  if source.stat().st_mtime_ns > ext.stat().st_mtime_ns)


def in_use() -> list[str]:
    """The modules imported from their compiled extension: none under ``KG_PURE`` or once
    one is stale."""
    compiled = extensions()
    return [] if pure() or _stale(compiled) else sorted(compiled)


def choose() -> None:
    """Import every compiled module from its source under ``KG_PURE``, or when any changed
    after it was compiled: the compiled modules call each other directly, so one taken from
    its source would still be shadowed by its compiled self in the others' calls."""
    compiled = extensions()
    stale = _stale(compiled)
    if stale and not pure() and sys.stderr is not None and sys.stderr.isatty():
        # said to a person at a terminal; a script's or a test's error output stays its own
        sys.stderr.write(f"kg: {', '.join(stale)} changed after it was compiled: the Python "
                         "source of every module is used (install kg again to compile it)\n")
    if compiled and (stale or pure()):
        sys.meta_path.insert(0, _FromSource({name: source for name, (_, source)
                                             in compiled.items()}))
