"""Is a fact that several stories state likelier to be right than its best sentence says?

    python benchmarks/judged/support.py agnews=GRAPH reuters21578=GRAPH web-dev=GRAPH \\
        bbc=GRAPH reuters=GRAPH web=GRAPH

For each judged record (``statements.tsv``, a verdict of right or wrong) that a build of its
source still produces, stated as done: how many documents of the build state the same fact
(subject, relation, object), and its confidence read three ways: the record's own, the best
document's, and the documents combined as independent evidence (``1 - (1-c1)(1-c2)...``).
One judged record a fact. Then the Brier score of combinations between the best document's
and the independent one (``1 - (1 - best) * prod (1 - c)^alpha`` over the others) on the facts
two documents or more state.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import draw  # noqa: E402  (the draw script next to this one)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", nargs="+", metavar="SOURCE=GRAPH")
    parser.add_argument("--judged", type=Path, default=HERE / "statements.tsv")
    args = parser.parse_args(argv)
    with open(args.judged, encoding="utf-8", newline="") as f:
        verdict = {r["key"]: r["verdict"] == "right" for r in csv.DictReader(f, delimiter="\t")
                   if r["verdict"] in ("right", "wrong")}
    facts: dict[str, list[tuple[bool, float, list[float]]]] = defaultdict(list)
    for arg in args.graphs:
        source, graph = arg.split("=", 1)
        by_fact: dict[tuple[str, str, str], list[draw.Record]] = defaultdict(list)
        for r in draw.records(source, Path(graph)):
            if r.modality == "asserted":
                by_fact[(r.subject, r.relation, r.object)].append(r)
        for records in by_fact.values():
            judged = next((r for r in records if r.key in verdict), None)
            if judged is None:
                continue
            docs: dict[str, float] = {}
            for r in records:
                docs[r.document] = max(docs.get(r.document, 0.0), float(r.confidence or 0))
            n = len(docs)
            bucket = "1 document" if n == 1 else "2 documents" if n == 2 else "3 or more"
            facts[bucket].append((verdict[judged.key], float(judged.confidence or 0),
                                  sorted(docs.values(), reverse=True)))
    print(f"{'stated in':12s} {'facts':>5s} {'right':>6s} {'record':>7s} {'best':>6s} "
          f"{'independent':>11s}")
    for bucket in ("1 document", "2 documents", "3 or more"):
        rows = facts.get(bucket, [])
        if not rows:
            continue
        n = len(rows)
        right = sum(r[0] for r in rows) / n
        record = sum(r[1] for r in rows) / n
        best = sum(r[2][0] for r in rows) / n
        independent = sum(1 - math.prod(1 - c for c in r[2]) for r in rows) / n
        print(f"{bucket:12s} {n:5d} {right:6.3f} {record:7.3f} {best:6.3f} {independent:11.3f}")
    multi = facts.get("2 documents", []) + facts.get("3 or more", [])
    if multi:
        print("\nfacts of two documents or more: Brier score of 1 - (1 - best) * "
              "prod (1 - c)^alpha")
        for alpha in (0.0, 0.1, 0.2, 0.5, 1.0):
            brier = sum((1 - (1 - r[2][0]) * math.prod((1 - c) ** alpha for c in r[2][1:])
                         - r[0]) ** 2 for r in multi) / len(multi)
            print(f"alpha {alpha:.1f}  {brier:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
