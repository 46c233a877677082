"""A kg graph kept in a SPARQL server, over the W3C standards only.

Writes use the SPARQL 1.1 Graph Store HTTP Protocol: each named graph (the ontology, the
entities, one per document) is sent whole as N-Triples in one ``PUT``, which replaces that
graph in one transaction, and graphs no build wants any more are removed with ``DELETE``.
Reads use the SPARQL 1.1 Protocol: one ``SELECT`` of every quad, loaded into an in-memory
pyoxigraph store that exports, views and ``kg query`` read exactly as they read the embedded
store (the union of the named graphs as the default graph is not a standard option of a
server, so queries that rely on it would mean different things on different servers).

A build interrupted by a server error leaves every graph either old or new, never
half-written; the entity graph is written after the document graphs, so until the build ends
it may lack a new document's entities. The server has no lock: a local lock in the cache folder
keeps two builds on this machine apart, not builds from elsewhere.

The URL is the server's base: ``http://host:port/`` means ``/query`` and ``/store`` under it
(Oxigraph server's layout); ``?query=PATH&store=PATH`` names other endpoints. Credentials come
from the URL (``http://user:password@host/``) or ``KG_STORE_USER``/``KG_STORE_PASSWORD`` and
are never shown: messages name the URL with them masked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, parse_qs, quote, urlsplit

import pyoxigraph as ox
import requests

from kg import storedir
from kg.errors import StoreError
from kg.faults import checkpoint
from kg.model import Document, Resolution
from kg.ontology import DOC, ENTITY_GRAPH, GRAPH, ONTOLOGY_GRAPH, Vocabulary
from kg.storedir import StoreLock
from kg.stores import Meanwhile, credentials, mask
from kg.stores.embedded import FolderCache, documents_of
from kg.stores.quads import (
    document_iri,
    document_triples,
    entity_triples,
    fingerprints,
    ontology_quads,
    quad_triples,
)

TIMEOUT = 60.0  # seconds a request may take before the server is called unresponsive
# kg's graphs only: a shared server holds others (Virtuoso its own system graphs) that kg
# must neither read nor delete
OURS = f'FILTER(STRSTARTS(STR(?g), "{GRAPH}") || STRSTARTS(STR(?g), "{DOC}"))'
ALL_QUADS = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}"
ALL_GRAPHS = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}"
JSON_RESULTS = "application/sparql-results+json"
HINTS = {401: "check the user and password (KG_STORE_USER, KG_STORE_PASSWORD)",
         403: "check that this user may read and write the graphs",
         404: "check the URL (the server's base, or ?query=PATH&store=PATH)",
         405: "check the URL and that the server accepts updates (not read-only)",
         413: "check the server's request size limit"}


def _port(parts: SplitResult) -> int | str | None:
    """The URL's port, "" when it names none, None when it is no number."""
    try:
        return parts.port or ""
    except ValueError:
        return None


def default_cache(url: str) -> Path:
    """Where a server's extraction cache and build state are kept unless told:
    ``.kg/cache-HOST-PORT``."""
    parts = urlsplit(credentials(url)[0])
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname}-{_port(parts) or ''}"
                  f"{parts.path}").strip("-")
    return Path(".kg") / f"cache-{slug}"


class SparqlStore(FolderCache):
    """A kg graph in a SPARQL server, its extraction cache and build state in a local folder
    (``cache``, by default ``.kg/cache-HOST-PORT``)."""

    def __init__(self, url: str, create: bool = True, fresh: bool = False,
                 cache: Path | None = None) -> None:
        plain, user, password = credentials(url)
        parts = urlsplit(plain)
        if _port(parts) is None:
            parts = parts._replace(netloc="")
        if not parts.hostname:
            raise StoreError(f"{mask(url)}: not a server URL; pass --store http://HOST:PORT/")
        self.url = mask(url)
        user = user or os.environ.get("KG_STORE_USER")
        password = password or os.environ.get("KG_STORE_PASSWORD")
        base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
        options = parse_qs(parts.query)
        self.query_url = base + "/" + options.get("query", ["query"])[0].lstrip("/")
        self.store_url = base + "/" + options.get("store", ["store"])[0].lstrip("/")
        self._session = requests.Session()
        if user is not None:
            self._session.auth = (user, password or "")
        self.path: Path | None = cache if cache is not None else default_cache(url)
        self._fresh = fresh
        self._ox: ox.Store | None = None
        self._lock: StoreLock | None = None
        if create:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(storedir.describe(err, self.path)) from err
            self._lock = StoreLock(self.path, exclusive=True)

    # --- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> SparqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._ox = None
        self._session.close()
        self._close_cache()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # --- HTTP ---------------------------------------------------------------------------
    def _request(self, method: str, url: str, doing: str, **kwargs: Any) -> requests.Response:
        """One request; any failure becomes one ``StoreError`` line with the masked URL."""
        try:
            response = self._session.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.Timeout as err:
            raise StoreError(f"{self.url}: no answer within {TIMEOUT:.0f} s to {doing}; check "
                             "that the server is not overloaded or stuck") from err
        except requests.ConnectionError as err:
            raise StoreError(f"{self.url}: cannot reach the SPARQL server to {doing}; check "
                             "that it runs and the host and port of --store") from err
        except requests.RequestException as err:
            raise StoreError(f"{self.url}: the request to {doing} failed "
                             f"({type(err).__name__}); check the URL") from err
        if response.status_code >= 400:
            hint = HINTS.get(response.status_code, "check the server's log")
            raise StoreError(f"{self.url}: the server answered HTTP {response.status_code} "
                             f"{response.reason} to {doing}; {hint}")
        return response

    def _select(self, sparql: str, doing: str) -> Iterator[Any]:
        # a form-encoded POST is the one query operation every server takes (Virtuoso 7 hangs
        # on a direct one); JSON results the format they all write alike
        response = self._request("POST", self.query_url, doing, data={"query": sparql},
                                 headers={"Accept": JSON_RESULTS})
        try:
            yield from ox.parse_query_results(response.content,
                                              format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as err:
            raise StoreError(f"{self.url}: the server's answer to {doing} is not SPARQL "
                             "JSON results; check that the URL names a SPARQL server") from err

    def _graph_url(self, graph: str) -> str:
        return f"{self.store_url}?graph={quote(graph, safe='')}"

    def _put(self, graph: str, triples: Iterable[tuple[str, str, str]]) -> None:
        """Replace ``graph`` with ``triples`` (N-Triples terms, ``kg.stores.quads``)."""
        body = "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")
        self._request("PUT", self._graph_url(graph), f"replace the graph <{graph}>",
                      data=body, headers={"Content-Type": "application/n-triples"})

    def _delete(self, graph: str) -> None:
        self._request("DELETE", self._graph_url(graph), f"delete the graph <{graph}>")

    # --- reading ------------------------------------------------------------------------
    @property
    def ox(self) -> ox.Store:
        """The server's graph, read once into memory."""
        if self._ox is None:
            loaded = ox.Store()
            loaded.bulk_extend(ox.Quad(row["s"], row["p"], row["o"], row["g"])
                               for row in self._select(ALL_QUADS, "read the graph"))
            self._ox = loaded
        return self._ox

    def graphs(self) -> set[str]:
        return {row["g"].value for row in self._select(ALL_GRAPHS, "list the graphs")
                if isinstance(row["g"], ox.NamedNode)}

    def documents(self) -> dict[str, Document]:
        return {} if self._fresh else documents_of(self.ox)

    def state(self) -> dict[str, Any]:
        """The local record of the last build, if the server still holds what it wrote."""
        record = storedir.read_state(self.path)
        if record and record.get("triples") != len(self.ox):
            return {}  # the server changed behind our back: rebuild
        return record

    def set_state(self, record: dict[str, Any]) -> None:
        storedir.write_state(self.path, record)

    def saved(self) -> bytes | None:
        """What the last build saved for the next (``write``'s ``saved``), kept locally."""
        return None if self._fresh else storedir.read_saved(self.path)

    # --- writing ------------------------------------------------------------------------
    def write(self, resolution: Resolution, vocab: Vocabulary, carry: Iterable[str] = (),
              state: dict[str, Any] | None = None, saved: storedir.Saved = b"",
              meanwhile: Meanwhile | None = None) -> int:
        """Replace the graph: a PUT of each document graph that changed since the last build
        (every one, when the server's graph is not the one the last build left), then of
        the ontology and the entities, and a DELETE of each graph no longer wanted; graphs of
        ``carry`` stay as they are. (``meanwhile`` is never called: the server keeps no lines
        of the graph for an export.)"""
        if self._lock is None:
            raise StoreError(f"{self.url}: opened for reading; cannot write")
        assert self.path is not None
        before = {} if self._fresh else self.state()
        previous: dict[str, str] = before.get("graphs", {})
        record = {**(state or {}), **fingerprints(resolution, vocab, carry, previous)}
        # until the new graph is complete the local state cannot describe it
        (self.path / storedir.STATE).unlink(missing_ok=True)
        existing = self.graphs()
        wanted = {ONTOLOGY_GRAPH, ENTITY_GRAPH, *(document_iri(d) for d in record["graphs"])}
        checkpoint("store.new")
        put = 0
        for graph in resolution.documents:
            doc_id = graph.document.doc_id
            if previous.get(doc_id) == record["graphs"][doc_id] and \
                    document_iri(doc_id) in existing:
                continue
            self._put(document_iri(doc_id),
                      document_triples(graph, vocab.symmetric, vocab.confidence))
            put += 1
            if put == 2:
                checkpoint("store.load")
        if before.get("ontology") != record["ontology"] or ONTOLOGY_GRAPH not in existing:
            self._put(ONTOLOGY_GRAPH, quad_triples(ontology_quads(vocab)))
        self._put(ENTITY_GRAPH, entity_triples(resolution, record["relations"]))
        checkpoint("store.loaded")
        for graph in sorted(existing - wanted):
            self._delete(graph)
        self._ox = None
        count = len(self.ox)
        try:
            storedir.write_saved(self.path / storedir.SAVED, saved)
        except OSError as err:
            raise StoreError(storedir.describe(err, self.path)) from err
        self.set_state({**record, "triples": count})
        checkpoint("store.published")
        return count

    def __len__(self) -> int:
        return len(self.ox)

