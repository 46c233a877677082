"""Whether what did not happen is kept apart from what did: modality read by hand.

Two samples of statement records, drawn at random from built graphs and read against their
sentences (``modality.tsv`` beside this script holds them):

- ``labelled``: records that carried a modality (``planned``, ``possible``, ``proposed``,
  ``denied``) in the build they were drawn from;
- ``cued``: records whose sentence holds a word of the future or of a condition ("will",
  "would", "could", "may", "if", "expected to", "plans to", ...), found by a plain pattern that
  knows nothing of kg's rules.

The reader writes in ``truth`` what the sentence claims of the fact: ``asserted`` when it
states it as done (the cue word governs another clause), else the modality it should carry (an
announced intention or agreement ``planned``; an offer or bid ``proposed``; a forecast,
expectation, guess, obligation or condition ``possible``; ``denied`` when someone denies or
refuses it).

    python benchmarks/judged/modality.py draw ag=out/ag/graph.ttl web=out/web/graph.ttl \
        --per-source 20 --seed 1 --judged benchmarks/judged/modality.tsv > new.tsv
    python benchmarks/judged/modality.py score benchmarks/judged/modality.tsv \
        [--graph SOURCE=GRAPH ...]

``score`` prints how many labelled records carry the modality their sentence gives them, and
of the records whose fact is not stated as done, how many the graph keeps apart (any modality
but ``asserted``). With ``--graph SOURCE=GRAPH``, the records of that source are read as that
build states them (a record the build no longer has is left out), so a new version is scored
on the same readings.
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
           "modality", "sentence", "commit", "truth", "note")


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
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["truth"]]
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
    labelled = [r for r in kept if r["sample"] == "labelled"]
    print(f"labelled records with the modality their sentence gives: "
          f"{sum(r['modality'] == r['truth'] for r in labelled)} of {len(labelled)}")
    for label in ("asserted", "planned", "possible", "proposed", "denied"):
        group = [r for r in labelled if r["modality"] == label]
        if group:
            print(f"  now {label:9} {sum(r['truth'] == label for r in group)} of {len(group)}")
    future = [r for r in kept if r["sample"] == "cued" and r["truth"] != "asserted"]
    apart = sum(r["modality"] != "asserted" for r in future)
    print(f"facts not stated as done, kept apart: {apart} of {len(future)} (of "
          f"{sum(r['sample'] == 'cued' for r in kept)} records with a cue word)")
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
