"""Whether what did not happen is kept apart from what did: modality read by hand.

Two samples of statement records, drawn at random from built graphs and read against their
sentences (``modality.tsv`` beside this script holds the verdicts):

- ``labelled``: records that carry a modality (``planned``, ``possible``, ``proposed``,
  ``denied``). Verdict ``right`` when the label fits what the sentence says of the fact (an
  expectation is ``possible``, not ``planned``; a bid is ``proposed``), else ``wrong``.
- ``cued``: records whose sentence holds a word of the future or of a condition ("will",
  "would", "could", "may", "if", "expected to", "plans to", ...), found by a plain pattern that
  knows nothing of kg's rules. Verdict ``future`` when that word governs the fact's own clause
  (the story does not state the fact as done), ``done`` when it does not (the fact is stated as
  done elsewhere in the sentence).

    python benchmarks/judged/modality.py draw ag=out/ag/graph.ttl web=out/web/graph.ttl \
        --per-source 20 --seed 1 --judged benchmarks/judged/modality.tsv > new.tsv
    python benchmarks/judged/modality.py score benchmarks/judged/modality.tsv \
        [--graph SOURCE=GRAPH ...]

``score`` prints how many labels are right, and of the ``cued`` records whose fact is a future
or a condition, how many the graph states as done (no modality). With ``--graph``, the records
of those sources are read as that build states them (a record the build no longer has is
left out), so a new version is scored on the same verdicts.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from draw import Record, draw, records  # the script beside this one

CUE = re.compile(r"\b(will|won't|would|could|may|might|shall|should|if|unless|expects? to|"
                 r"expected to|plans? to|planned|planning to|intends? to|aims? to|is to|are to|"
                 r"set to|likely to|proposed|seeks? to|wants? to|hopes? to)\b", re.IGNORECASE)
COLUMNS = ("key", "sample", "source", "document", "subject", "relation", "object", "asserted",
           "modality", "sentence", "commit", "verdict", "note")


def row(record: Record, sample: str, commit: str) -> dict[str, str]:
    full = record.row()
    return {**{c: full.get(c, "") for c in COLUMNS}, "sample": sample, "commit": commit}


def sampled(found: list[Record], sample: str) -> list[Record]:
    if sample == "labelled":
        return [r for r in found if r.modality != "asserted"]
    return [r for r in found if CUE.search(r.sentence)]


def main_draw(args: argparse.Namespace) -> int:
    known: set[tuple[str, str]] = set()
    if args.judged and args.judged.exists():
        with args.judged.open(encoding="utf-8") as handle:
            known = {(r["sample"], r["key"]) for r in csv.DictReader(handle, delimiter="\t")}
    writer = csv.DictWriter(sys.stdout, COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for item in args.graphs:
        source, _, path = item.partition("=")
        found = records(source, Path(path))
        for sample in ("labelled", "cued"):
            chosen = [r for r in draw(sampled(found, sample), 10**9, args.seed)
                      if (sample, r.key) not in known][:args.per_source]
            for record in chosen:
                writer.writerow(row(record, sample, args.commit))
    return 0


def main_score(args: argparse.Namespace) -> int:
    with args.judged.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["verdict"]]
    rebuilt: dict[str, dict[str, Record]] = {}
    for item in args.graph:
        source, _, path = item.partition("=")
        rebuilt[source] = {r.key: r for r in records(source, Path(path))}
    kept = []
    for r in rows:
        if r["source"] in rebuilt:
            now = rebuilt[r["source"]].get(r["key"])
            if now is None:
                continue
            r = {**r, "modality": now.modality}
        kept.append(r)
    labelled = [r for r in kept if r["sample"] == "labelled" and r["modality"] != "asserted"]
    right = sum(r["verdict"] == "right" for r in labelled)
    future = [r for r in kept if r["sample"] == "cued" and r["verdict"] == "future"]
    apart = sum(r["modality"] != "asserted" for r in future)
    print(f"modality labels right: {right} of {len(labelled)}")
    for label in ("planned", "possible", "proposed", "denied"):
        group = [r for r in labelled if r["modality"] == label]
        if group:
            print(f"  {label:9} {sum(r['verdict'] == 'right' for r in group)} of {len(group)}")
    print(f"future or conditional facts not stated as done: {apart} of {len(future)} "
          f"(of {sum(r['sample'] == 'cued' for r in kept)} records with a cue word)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    drawing = commands.add_parser("draw", help="draw records to read")
    drawing.add_argument("graphs", nargs="+", metavar="SOURCE=GRAPH")
    drawing.add_argument("--per-source", type=int, default=20)
    drawing.add_argument("--seed", type=int, default=1)
    drawing.add_argument("--judged", type=Path, help="leave out the records this TSV holds")
    drawing.add_argument("--commit", default="", help="the code the graphs were built with")
    scoring = commands.add_parser("score", help="count the verdicts")
    scoring.add_argument("judged", type=Path)
    scoring.add_argument("--graph", action="append", default=[], metavar="SOURCE=GRAPH")
    args = parser.parse_args(argv)
    return main_draw(args) if args.command == "draw" else main_score(args)


if __name__ == "__main__":
    sys.exit(main())
