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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pyoxigraph as ox

    from kg.model import Document, Resolution
    from kg.ontology import Vocabulary
    from kg.storedir import Saved
    from kg.stores.lines import SortedRuns


# What a store's write hands a whole graph's data lines to while it loads them
# (``kg.stores.embedded.Store.write``): the lines are then its to remove.
Meanwhile = Callable[["SortedRuns"], None]


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
              state: dict[str, Any] | None = None, saved: Saved = b"",
              meanwhile: Meanwhile | None = None) -> int: ...


def credentials(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without its user and password, and those two (percent-decoded), or None. Users
    type passwords with ``#``, ``/`` or ``?`` in them, which a URL parser takes for the start of
    a fragment, path or query: here everything up to the last ``@`` is the user and password.

    >>> credentials("http://u:abc#1/2?3@127.0.0.1:7878/")
    ('http://127.0.0.1:7878/', 'u', 'abc#1/2?3')
    >>> credentials("https://me:p%40ss@db.example/sparql")
    ('https://db.example/sparql', 'me', 'p@ss')
    """
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url, None, None
    userinfo, _, place = rest.rpartition("@")
    user, colon, password = userinfo.partition(":")
    return f"{scheme}://{place}", unquote(user), unquote(password) if colon else None


def mask(url: str) -> str:
    """The URL with its user and password (if any) replaced by ``***``."""
    plain, user, password = credentials(url)
    if user is None and password is None:
        return url
    scheme, _, place = plain.partition("://")
    return f"{scheme}://***@{place}"


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
