"""Precision of kg's statement records as read by hand: overall and by source, relation kind,
rule, how the arguments were found, argument kinds and confidence, with Wilson 95 % intervals,
and a calibration table (mean confidence against the share right, per confidence band).

    python benchmarks/judged/precision.py benchmarks/judged/statements.tsv
    python benchmarks/judged/precision.py benchmarks/judged/statements.tsv \\
        --graph bbc=out/bench-bbc-dev/graph.ttl --graph web=out/web/graph.ttl

The figures count the asserted records (edges of the graph) with a verdict; records that are
only candidates are counted apart. With ``--graph SOURCE=GRAPH`` the judged records of that
source are matched by their stable key against a build of today's code: a record it no longer
produces counts as gone (neither right nor wrong), its asserted flag is today's, and the
records of the build's draw (``--seed``, ``--per-source``) that nobody judged yet are listed
for reading.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE.parent.parent / "ontology" / "kg.ttl"
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
PRONOUNS = frozenset(
    "he him his she her hers it its they them their theirs we us our i me my you your "
    "who whom whose which that this these those".split())
Z = 1.96


@dataclass(frozen=True, slots=True)
class Tally:
    """Records of one group: how many, how many right, and their summed confidence."""

    n: int = 0
    right: int = 0
    confidence: float = 0.0

    def add(self, right: bool, confidence: float) -> Tally:
        return Tally(self.n + 1, self.right + int(right), self.confidence + confidence)

    @property
    def precision(self) -> float:
        return self.right / self.n if self.n else 0.0

    @property
    def mean_confidence(self) -> float:
        return self.confidence / self.n if self.n else 0.0


def wilson(right: int, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of ``right`` successes in ``n`` trials (95 % for z=1.96):
    unlike the normal interval it stays inside [0, 1] and is honest on small groups."""
    if n == 0:
        return 0.0, 1.0
    p = right / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def curated_relations(ontology: Path = ONTOLOGY) -> frozenset[str]:
    """The relations the ontology declares (kg:worksFor, kg:role, ...); any other relation of a
    record is an open verb relation (rel:*)."""
    if not ontology.exists():
        return frozenset()
    import pyoxigraph as ox

    from kg.ontology import KG, OWL, RDF

    kinds = {OWL + "ObjectProperty", OWL + "DatatypeProperty"}
    return frozenset(t.subject.value.removeprefix(KG)
                     for t in ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE)
                     if t.predicate.value == RDF + "type" and t.object.value in kinds
                     and t.subject.value.startswith(KG))


def relation_kind(relation: str, curated: frozenset[str]) -> str:
    return relation if relation in curated else "rel:*"


def found(row: dict[str, str]) -> str:
    """How the arguments were found: both named in the sentence, or one through a pronoun or
    through a description ('the company'), as the record's coreference note tells; 'unknown'
    for rows drawn before the note was kept."""
    note = row.get("coreference")
    if note is None or note == "?":
        return "unknown"
    if not note:
        return "named"
    mentions = re.findall(r'^"([^"]+)" =|\| "([^"]+)" =', note)
    words = [(a or b).lower() for a, b in mentions] or [note.split("=")[0].strip('" ').lower()]
    return "pronoun" if all(w in PRONOUNS for w in words) else "description"


def band(confidence: float) -> str:
    low = max(b for b in BANDS if confidence >= b) if confidence >= 0 else 0.0
    above = [b for b in BANDS if b > low]
    return f"{low:.2f}-{above[0]:.2f}" if above else f"{low:.2f}-1.00"


def confidence_of(row: dict[str, str]) -> float:
    try:
        return float(row.get("confidence") or 0.0)
    except ValueError:
        return 0.0


def judged(rows: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r.get("verdict") in ("right", "wrong")]


def tally(rows: Iterable[dict[str, str]], key: Callable[[dict[str, str]], str]) \
        -> dict[str, Tally]:
    groups: dict[str, Tally] = defaultdict(Tally)
    for row in rows:
        groups[key(row)] = groups[key(row)].add(row["verdict"] == "right", confidence_of(row))
    return dict(groups)


def table(title: str, groups: dict[str, Tally], order: str = "n") -> list[str]:
    """One block of the report: a row per group, largest first (or in key order)."""
    items = sorted(groups.items(), key=(lambda kv: kv[0]) if order == "key"
                   else (lambda kv: (-kv[1].n, kv[0])))
    width = max([len(title)] + [len(k) for k, _ in items])
    lines = [f"{title:<{width}}  {'n':>4}  {'right':>5}  {'prec':>5}  95% interval"]
    for name, t in items:
        low, high = wilson(t.right, t.n)
        lines.append(f"{name:<{width}}  {t.n:>4}  {t.right:>5}  {t.precision:>5.2f}  "
                     f"[{low:.2f}, {high:.2f}]")
    return lines


def calibration(groups: dict[str, Tally]) -> list[str]:
    """Mean confidence against the share right in each band; the gap is their difference."""
    lines = [f"{'band':<9}  {'n':>4}  {'mean conf':>9}  {'observed':>8}  {'gap':>6}  95% interval"]
    for name, t in sorted(groups.items()):
        low, high = wilson(t.right, t.n)
        lines.append(f"{name:<9}  {t.n:>4}  {t.mean_confidence:>9.3f}  {t.precision:>8.3f}  "
                     f"{t.precision - t.mean_confidence:>+6.3f}  [{low:.2f}, {high:.2f}]")
    return lines


def errors(rows: Iterable[dict[str, str]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        if row["verdict"] == "wrong":
            counts[row.get("error_class") or "unclassed"] += 1
    return dict(counts)


def trusted(rows: list[dict[str, str]], curated: frozenset[str], floor: float = 0.9,
            least: int = 10) -> list[str]:
    """The relation kinds and rules whose records are right at least ``floor`` of the time, on
    at least ``least`` records: what the judged set supports keeping asserted."""
    lines = [f"Kinds right >= {floor:.2f} (n >= {least}; lower bound of the 95 % interval)"]
    for title, key in (("relation", lambda r: relation_kind(r.get("relation", ""), curated)),
                       ("rule", lambda r: r.get("rule") or "?")):
        for name, t in sorted(tally(rows, key).items(), key=lambda kv: -kv[1].precision):
            if t.n >= least and t.precision >= floor:
                low, _ = wilson(t.right, t.n)
                lines.append(f"  {title} {name}: {t.right}/{t.n} = {t.precision:.2f} "
                             f"(>= {low:.2f})")
    return lines


def report(rows: list[dict[str, str]], curated: frozenset[str]) -> list[str]:
    """The whole report for judged rows (the asserted ones are scored, the others counted)."""
    rows = judged(rows)
    asserted = [r for r in rows if r.get("asserted", "yes") == "yes"]
    candidates = [r for r in rows if r.get("asserted", "yes") != "yes"]
    out = ["Asserted statement records read by hand (Wilson 95 % intervals)", ""]
    blocks: list[tuple[str, Callable[[dict[str, str]], str], str]] = [
        ("overall", lambda r: "all", "n"),
        ("source", lambda r: r.get("source", ""), "n"),
        ("relation kind", lambda r: relation_kind(r.get("relation", ""), curated), "n"),
        ("rule", lambda r: r.get("rule") or "?", "n"),
        ("arguments found", found, "n"),
        ("argument kinds", lambda r: r.get("arguments") or "unknown", "n"),
        ("modality", lambda r: r.get("modality") or "asserted", "n"),
        ("open relation (rel:*) by arguments",
         lambda r: f"{r.get('arguments') or 'unknown'} {found(r)}", "n"),
        ("confidence band", lambda r: band(confidence_of(r)), "key"),
    ]
    for title, key, order in blocks:
        scored = asserted if not title.startswith("open relation") else [
            r for r in asserted if relation_kind(r.get("relation", ""), curated) == "rel:*"]
        out += [*table(title, tally(scored, key), order), ""]
    bands = tally(asserted, lambda r: band(confidence_of(r)))
    out += ["Calibration (asserted records)", *calibration(bands), ""]
    out += [*trusted(asserted, curated), ""]
    wrong = errors(asserted)
    out.append("Errors of asserted records: " + (", ".join(
        f"{k} {v}" for k, v in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"))
    cand = tally(candidates, lambda r: "all").get("all", Tally())
    out.append(f"Candidates (not asserted): {cand.n} judged, {cand.right} right")
    return out


def against_builds(rows: list[dict[str, str]], graphs: list[str], seed: int, per_source: int) \
        -> tuple[list[dict[str, str]], list[str]]:
    """Judged rows as today's builds see them: rows of a rebuilt source that the build no
    longer produces are dropped (and counted as gone), the asserted flag and the confidence are
    the build's; plus lines listing the build's drawn records nobody has judged yet."""
    sys.path.insert(0, str(HERE))
    import draw  # the draw script next to this one, only needed here

    notes: list[str] = []
    rebuilt = draw.rebuilt(graphs)
    judged_keys = {r["key"] for r in rows}
    for source, found_now in rebuilt.items():
        new = [r for r in draw.draw(list(found_now.values()), per_source, seed)
               if r.key not in judged_keys]
        notes.append(f"{source}: {len(new)} of its {per_source} drawn records are not judged yet")
        notes += [f"  {r.key}  {r.subject} | {r.relation} | {r.object}" for r in new]
    kept = []
    for row in rows:
        now = rebuilt.get(row.get("source", ""))
        if now is None:
            kept.append(row)
        elif row["key"] in now:
            record = now[row["key"]]  # as today's build has it: asserted or not, how sure
            kept.append({**row, "asserted": "yes" if record.asserted else "no",
                         "confidence": record.confidence or row["confidence"]})
    gone = len(rows) - len(kept)
    return kept, [f"Judged records no longer produced (gone): {gone}", *notes]


def read(paths: Iterable[Path]) -> list[dict[str, str]]:
    """The rows of the TSV files, each key once (the first reading counts)."""
    rows: dict[str, dict[str, str]] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                rows.setdefault(row.get("key") or f"row{len(rows)}", row)
    return list(rows.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("judged", nargs="+", type=Path, help="TSV files of judged records")
    parser.add_argument("--graph", action="append", default=[], metavar="SOURCE=GRAPH",
                        help="score the records of SOURCE as a build of today's code has them")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-source", type=int, default=40)
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY)
    args = parser.parse_args(argv)
    rows = read(args.judged)
    notes: list[str] = []
    if args.graph:
        rows, notes = against_builds(rows, args.graph, args.seed, args.per_source)
    print("\n".join(report(rows, curated_relations(args.ontology)) + notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
