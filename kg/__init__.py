"""kg: turn news articles into a knowledge graph you can query and look at.

>>> import kg
>>> report = kg.build(["seeds/"])                               # doctest: +SKIP
>>> kg.query("SELECT ?s ?o WHERE { ?s kg:worksFor ?o }").rows   # doctest: +SKIP

Importing kg is cheap: spaCy and the store load only when a function needs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# the compiled build's extensions, unless they are stale or KG_PURE is set (``kg.compiled``)
from kg.compiled import choose as _choose_compiled

_choose_compiled()

if TYPE_CHECKING:
    from kg.model import BuildReport
    from kg.pipeline import BuildOptions
    from kg.queries import QueryResult
    from kg.stores import GraphStore
    from kg.timelines import Timeline


def build(paths: list[str | Path] | None = None, options: BuildOptions | None = None,
          **fields: Any) -> BuildReport:
    """Build the graph of the articles under ``paths`` (default ``seeds/``): files, folders or
    feed URLs. Settings are a ``kg.pipeline.BuildOptions`` or its fields as keywords (store,
    out, model, fresh, prune, read=``kg.sources.ReadOptions(...)`` ...)."""
    from dataclasses import replace

    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build

    options = replace(options, **fields) if options else BuildOptions(**fields)
    return run_build(paths or ["seeds"], options)


def query(sparql: str, store: str | Path = ".kg/store") -> QueryResult:
    """Run a SPARQL query on a built store and return its rows (or boolean, or Turtle)."""
    from kg.queries import run_query
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        return run_query(opened, sparql)


def timeline(store: str | Path | GraphStore, entity: str) -> Timeline:
    """The facts of ``entity`` (a label, alias, key or IRI) in time order, with their dates
    and sources: see ``kg.timelines``. ``store`` is an open store, a store's folder or a
    SPARQL server's URL."""
    from kg.stores import open as open_store
    from kg.timelines import timeline as entity_timeline

    if not isinstance(store, (str, Path)):
        return entity_timeline(store, entity)
    with open_store(store, create=False) as opened:
        return entity_timeline(opened, entity)


__all__ = ["__version__", "build", "query", "timeline"]
