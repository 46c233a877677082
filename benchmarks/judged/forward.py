"""How right is the gate on a draw the model never saw? A forward check of the confidence model.

    python benchmarks/judged/forward.py COMMIT --graph SOURCE=GRAPH ... [--target 0.92 0.94]

Cross-validation (``train_confidence.py``) scores records whose wrong kinds the rules were
then written against: a rule that fixes a wrong record removes it from the next builds, so
what is left in the judged set is righter than fresh news. This check takes the records of
one draw (``commit`` in ``statements.tsv``: the version whose builds were drawn) as fresh
news: the model is fitted on every other judged record, the gate chosen by cross-validation
on them for each ``--target`` exactly as ``train_confidence.py`` chooses it, and the draw's
held-out edges (no open relations) asserted from that gate are counted right or wrong. The
``--graph`` builds must be of the draw's own commit, so that its records carry the rules and
cues they were read with; the other records are read from the same builds.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import train_confidence as tc  # noqa: E402  (the scripts beside this one)
from precision import curated_relations  # noqa: E402


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5 / (1 + z * z / n)
    return centre - half, centre + half


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the draw's commit, as statements.tsv records it")
    parser.add_argument("--graph", action="append", required=True, metavar="SOURCE=GRAPH")
    parser.add_argument("--judged", type=Path, default=HERE / "statements.tsv")
    parser.add_argument("--target", type=float, nargs="+", default=[0.92, 0.94, 0.96])
    args = parser.parse_args(argv)
    with args.judged.open(encoding="utf-8", newline="") as stream:
        rows = [r for r in csv.DictReader(stream, delimiter="\t")
                if r["verdict"] in ("right", "wrong") and r["asserted"] == "yes"]
    rows = tc.as_built(rows, args.graph)
    found = tc.readings(rows, curated_relations())
    right = np.array([r["verdict"] == "right" for r in rows], dtype=float)
    edges = np.array([r["source"] in tc.HELD_OUT and bool(f.relation)
                      for r, f in zip(rows, found, strict=True)])
    fresh = np.array([r["commit"].startswith(args.commit) for r in rows])
    if not fresh.any():
        print(f"forward.py: no judged record of commit {args.commit} in these builds",
              file=sys.stderr)
        return 2
    train, test = np.where(~fresh)[0], np.where(fresh)[0]
    vocabulary = sorted({f for i in train for f in tc.features(found[i])})
    matrix = tc.design([found[i] for i in train], vocabulary)
    penalty = min(tc.PENALTIES, key=lambda c: tc.log_loss(
        tc.cross_validated(matrix, right[train], c), right[train]))
    predicted = tc.cross_validated(matrix, right[train], penalty)
    weights = tc.fit(matrix, right[train], penalty)
    p = 1.0 / (1.0 + np.exp(-tc.design([found[i] for i in test], vocabulary) @ weights))
    drawn = edges[test]
    print(f"{len(train)} records to fit on, {len(test)} of draw {args.commit} "
          f"({int(drawn.sum())} held-out records that can be edges); penalty {penalty}")
    print("target  gate  cross-validated share  draw's edges  right  share  95 % interval")
    for target in args.target:
        at = tc.threshold(predicted, right[train], edges[train], target)
        own = edges[train] & (predicted >= at)
        kept = drawn & (p >= at)
        n, good = int(kept.sum()), int(right[test][kept].sum())
        low, high = wilson(good, n)
        print(f"{target:6.2f}  {at:4.2f}  {right[train][own].mean():21.3f}  {n:12d}  "
              f"{good:5d}  {good / max(n, 1):5.3f}  [{low:.2f}, {high:.2f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
