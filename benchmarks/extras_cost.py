"""What quotes and place links cost a whole build: builds with and without them, paired.

    python benchmarks/extras_cost.py CORPUS_DIR --rounds 5 --work /tmp/extras

Each round builds CORPUS_DIR twice, each time in a fresh process, as ``kg build DIR --fresh
--jobs 1`` does (store and exports written): once as kg is, once without the extra parts (the
quote finder left out of the rules, and the linking of places to GeoNames skipped; nothing
else changes). The two take turns: the first of a round alternates from round to round, so a
machine that gets busier or quieter over the run weighs on both. Each process loads the model
first and times the build alone in processor time (user + system of the process, the
gazetteer's loading included), so the model's load is left out. Printed: each round's two
times and their ratio, and the median of the ratios, the figure to trust on a shared machine
where whole builds vary by more than what is measured.

Whole builds on a shared machine spread by more than the extra parts cost (the parse, 85 % of
a build, varies by a second or more from run to run). So each round also gives the extra
parts' cost outside the parse: the build's stages are timed in processor time, and the extra
is what the stages after the parse take more with the extra parts (resolving, with the
linking; storing; exporting) plus what the quote finder itself takes inside the parse,
timed where it runs; its ratio is (build without + that extra) / build without. Its median
is printed too: it leaves out the parse's noise, not any cost of the extra parts.

``--child with|without`` is the build of one variant, run by the parent; it prints its
processor seconds (the whole build, each stage, the quote finder) as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def child(variant: str, corpus: Path, work: Path) -> None:
    import kg.extract.quotes as quote_rule
    import kg.extract.run as run
    import kg.resolve.corpus as resolve_corpus
    import kg.stages.context as context
    from kg.nlp import load_pipeline
    from kg.pipeline import BuildOptions, build

    class ProcessClock:  # the build's stage clock, in processor time
        perf_counter = staticmethod(time.process_time)

    context.time = ProcessClock  # type: ignore[assignment]
    finding = [0.0]

    def quotes(index: Any, found: Any) -> None:
        began = time.process_time()
        quote_rule.quotes(index, found)
        finding[0] += time.process_time() - began

    if variant == "without":
        run.RULES = tuple(r for r in run.RULES if r.__name__ != "quotes")
        resolve_corpus.link_places = lambda entities, *clues: entities
    else:
        run.RULES = tuple(quotes if r.__name__ == "quotes" else r for r in run.RULES)
    nlp = load_pipeline()
    start = time.process_time()
    report = build([corpus], BuildOptions(store=work / "store", out=work / "out", fresh=True,
                                          jobs=1), nlp=nlp)
    seconds = time.process_time() - start
    print(json.dumps({"variant": variant, "cpu": seconds, "triples": report.triples,
                      "documents": report.documents, "stages": dict(report.timings),
                      "quotes": finding[0]}))


def run_child(variant: str, corpus: Path, work: Path) -> dict[str, Any]:
    folder = work / variant
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    out = subprocess.run([sys.executable, __file__, str(corpus), "--work", str(folder),
                          "--child", variant], check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--work", type=Path, required=True, help="Folder for the stores.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=("with", "without"), default="")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.work)
        return
    ratios, outside = [], []
    print("round  with s  without s  ratio  extra outside the parse s (ratio)  "
          "triples with/without", flush=True)
    for n in range(args.rounds):
        order = ("with", "without") if n % 2 == 0 else ("without", "with")
        got = {v: run_child(v, args.corpus, args.work) for v in order}
        with_, without = got["with"], got["without"]
        ratio = with_["cpu"] / without["cpu"]
        extra = with_["quotes"] + sum(
            with_["stages"].get(stage, 0.0) - without["stages"].get(stage, 0.0)
            for stage in set(with_["stages"]) | set(without["stages"]) if stage != "parse")
        ratios.append(ratio)
        outside.append((without["cpu"] + extra) / without["cpu"])
        print(f"{n + 1:>5}  {with_['cpu']:6.2f}  {without['cpu']:9.2f}  {ratio:5.3f}  "
              f"{extra:5.2f} ({outside[-1]:5.3f})  {with_['triples']}/{without['triples']}",
              flush=True)
    print(f"median ratio {statistics.median(ratios):.3f} over {len(ratios)} rounds "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f}); outside the parse "
          f"{statistics.median(outside):.3f} (min {min(outside):.3f}, max {max(outside):.3f})")


if __name__ == "__main__":
    main()
