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

``--child with|without`` is the build of one variant, run by the parent; it prints its
processor seconds as one JSON line.
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


def child(variant: str, corpus: Path, work: Path) -> None:
    import kg.extract.run as run
    import kg.resolve.corpus as resolve_corpus
    from kg.nlp import load_pipeline
    from kg.pipeline import BuildOptions, build

    if variant == "without":
        run.RULES = tuple(r for r in run.RULES if r.__name__ != "quotes")
        resolve_corpus.link_places = lambda entities, *clues: entities
    nlp = load_pipeline()
    start = time.process_time()
    report = build([corpus], BuildOptions(store=work / "store", out=work / "out", fresh=True,
                                          jobs=1), nlp=nlp)
    seconds = time.process_time() - start
    print(json.dumps({"variant": variant, "cpu": seconds, "triples": report.triples,
                      "documents": report.documents}))


def run_child(variant: str, corpus: Path, work: Path) -> dict[str, float]:
    folder = work / variant
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    out = subprocess.run([sys.executable, __file__, str(corpus), "--work", str(folder),
                          "--child", variant], check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
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
    ratios = []
    print("round  with s  without s  ratio  triples with/without", flush=True)
    for n in range(args.rounds):
        order = ("with", "without") if n % 2 == 0 else ("without", "with")
        got = {v: run_child(v, args.corpus, args.work) for v in order}
        ratio = got["with"]["cpu"] / got["without"]["cpu"]
        ratios.append(ratio)
        print(f"{n + 1:>5}  {got['with']['cpu']:6.2f}  {got['without']['cpu']:9.2f}  "
              f"{ratio:5.3f}  {got['with']['triples']}/{got['without']['triples']}", flush=True)
    print(f"median ratio {statistics.median(ratios):.3f} over {len(ratios)} rounds "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")


if __name__ == "__main__":
    main()
