"""What finding, resolving and writing quotes costs in a build, measured inside it.

    python benchmarks/quotes_cost.py CORPUS_DIR --store /tmp/q-store

Builds CORPUS_DIR (fresh, one process, no exports) with the quote steps wrapped in a CPU
timer (``time.process_time``): the finder run on every paragraph, the resolution of each
section's quotes, their join and the writing of their quads. Prints their CPU seconds
against the whole build's, so the share holds on a busy machine, where the CPU time of
two whole builds varies by more than it. Loading the extra quads into the store is not in
the share: it is measured apart, by writing the quote quads alone into an empty store.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

import kg.extract.run as run
import kg.resolve.corpus as corpus
import kg.stores.quads as quads
from kg.nlp import load_pipeline
from kg.pipeline import BuildOptions, build

spent = {"find": 0.0, "resolve": 0.0, "join": 0.0, "write": 0.0}
written: list[ox.Quad] = []


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return wrapper


def timed_quads(func: Callable[..., Iterator[ox.Quad]]) -> Callable[..., Iterator[ox.Quad]]:
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[ox.Quad]:
        start = time.process_time()
        out = list(func(*args, **kwargs))
        spent["write"] += time.process_time() - start
        written.extend(out)
        return iter(out)
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--store", type=Path, required=True)
    args = parser.parse_args()
    run.RULES = tuple(timed("find", r) if r.__name__ == "quotes" else r for r in run.RULES)
    corpus.local_quotes = timed("resolve", corpus.local_quotes)
    corpus._said = timed("join", corpus._said)
    quads._quotes = timed_quads(quads._quotes)
    nlp = load_pipeline()
    start = time.process_time()
    report = build([args.corpus], BuildOptions(store=args.store, out=None, fresh=True, jobs=1),
                   nlp=nlp)
    total = time.process_time() - start
    load = time.process_time()
    ox.Store().bulk_extend(written)
    spent["load"] = time.process_time() - load
    quoted = sum(spent.values())
    print(f"documents {report.documents}  triples {report.triples}  quote quads {len(written)}")
    print(f"build CPU {total:.2f} s (model load left out)")
    for name, seconds in spent.items():
        print(f"  quotes {name:<8} {seconds:6.2f} s")
    print(f"quotes in all {quoted:.2f} s = {100 * quoted / (total - spent['load']):.1f} % "
          "of the build without them")


if __name__ == "__main__":
    main()
