"""Kinds of kg store, one module each, chosen by ``open``: a folder is the ``embedded`` store
(Oxigraph on disk), an ``http(s)://`` URL a ``sparql`` server (Graph Store HTTP Protocol and
SPARQL 1.1 Protocol).

Every kind gives the same ``GraphStore`` operations. Readers (exports, views, queries) use
``ox``, a pyoxigraph ``Store`` holding the graph with one named graph per document. The
atomicity promise is part of the interface: a ``write`` that fails leaves every document
graph either as it was or as the build made it, never half-written (the embedded store keeps
the whole old graph; a server keeps each graph old or new).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pyoxigraph as ox

    from kg.model import Document, Resolution
    from kg.ontology import Vocabulary


class GraphStore(Protocol):
    """What the rest of kg uses of a store."""

    def __enter__(self) -> GraphStore: ...
    def __exit__(self, *exc: object) -> None: ...
    def close(self) -> None: ...

    @property
    def ox(self) -> ox.Store: ...

    def documents(self) -> dict[str, Document]: ...
    def state(self) -> dict[str, Any]: ...
    def set_state(self, record: dict[str, Any]) -> None: ...
    def read_cache(self, doc_id: str, signature: str) -> dict[str, object] | None: ...
    def write_cache(self, doc_id: str, signature: str, extraction_json: str) -> None: ...
    def drop_cache(self, doc_id: str) -> None: ...
    def keep_cache(self, doc_ids: Iterable[str]) -> None: ...
    def saved(self) -> bytes | None: ...
    def write(self, resolution: Resolution, vocab: Vocabulary, carry: Iterable[str] = (),
              state: dict[str, Any] | None = None, saved: bytes = b"") -> int: ...


def mask(url: str) -> str:
    """The URL with its user and password (if any) replaced by ``***``."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]).geturl()


def is_remote(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def state_folder(location: str | Path | None, cache: Path | None = None) -> Path | None:
    """The local folder where the store at ``location`` keeps its build state: its own
    folder, or a server's cache folder (``cache``, by default ``.kg/cache-HOST-PORT``); None
    for a store in memory."""
    if is_remote(location):
        from kg.stores.sparql import default_cache
        return cache if cache is not None else default_cache(str(location))
    return Path(location) if location is not None else None


def open(location: str | Path | None, create: bool = True, fresh: bool = False,
         cache: Path | None = None) -> GraphStore:
    """The store at ``location``: a server for an ``http(s)://`` URL, else a folder (None: in
    memory). ``create=False`` opens it for reading; ``cache`` is where a server's extraction
    cache and build state are kept (a local folder; by default one named after the server)."""
    if is_remote(location):
        from kg.stores.sparql import SparqlStore
        return SparqlStore(str(location), create=create, fresh=fresh, cache=cache)
    from kg.stores.embedded import Store
    return Store(Path(location) if location is not None else None, create=create, fresh=fresh)
