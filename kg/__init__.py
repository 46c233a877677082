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

if TYPE_CHECKING:
    from kg.model import BuildReport
    from kg.pipeline import BuildOptions
    from kg.query import QueryResult
    from kg.store import Store
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
    from kg.query import run_query
    from kg.store import Store

    with Store(store, create=False) as opened:
        return run_query(opened, sparql)


def timeline(store: str | Path | Store, entity: str) -> Timeline:
    """The facts of ``entity`` (a label, alias, key or IRI) in time order, with their dates
    and sources: see ``kg.timelines``. ``store`` is an open ``Store`` or a store's folder."""
    from kg.store import Store
    from kg.timelines import timeline as entity_timeline

    if isinstance(store, Store):
        return entity_timeline(store, entity)
    with Store(store, create=False) as opened:
        return entity_timeline(opened, entity)


__all__ = ["__version__", "build", "query", "timeline"]
