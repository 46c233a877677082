"""How right kg's links of places to GeoNames are: a fixed random draw of linked places and of
abstentions from built stores, to be read by hand, and the score of what was read.

    python benchmarks/geo_sample.py draw NAME=STORE... [--linked 100] [--abstained 20]
        [--seed 24] > draw.tsv
    python benchmarks/geo_sample.py score benchmarks/judged/geo.tsv

``draw`` prints how many place nodes each store has, linked, abstained on (candidates but no
link) and not found (no candidate), then a TSV of the draw: the store, the entity, its label,
the candidates' count, the feature chosen (id, name, country, US state), the document that
names it first and a stretch of its text around the name, for the reader. The reader adds a
``verdict`` column: ``right`` or ``wrong`` (a link: the place the story means; an abstention:
whether abstaining was right, that is the name is ambiguous or no place at all there).
``score`` reads the judged file back.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from pathlib import Path

QUERY = """
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?place ?label ?n ?same (MIN(?source) AS ?first) WHERE {
  ?place a kg:Place ; rdfs:label ?label ; kg:geoCandidates ?n .
  OPTIONAL { ?place owl:sameAs ?same }
  OPTIONAL { ?doc schema:mentions ?place ; kg:source ?source }
} GROUP BY ?place ?label ?n ?same ORDER BY ?place
"""
COLUMNS = ["set", "entity", "label", "candidates", "geonames", "feature", "country", "state",
           "source", "context"]


def _features() -> dict[int, tuple[str, str, str]]:
    """GeoNames id → (name, country, US state) of every feature kg links to."""
    from kg.gazetteer import data, region_index

    found = {f.id: (f.name, f.country, f.state) for fs in region_index().values() for f in fs}
    for t in data()[3].values():
        found[t["geonameid"]] = (t["name"], t["countrycode"],
                                 t["admin1code"] if t["countrycode"] == "US" else "")
    return found


def _context(source: str, label: str, width: int = 110) -> str:
    """A stretch of the document's text around the first place it writes ``label``."""
    path = Path(source.split("#", 1)[0])
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".html", ".htm"):
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", text, flags=re.S)
    text = re.sub(r"\s+", " ", text)
    at = text.lower().find(label.split(",")[0].lower())
    return text[max(0, at - width):at + width] if at >= 0 else ""


def draw(stores: list[str], linked: int, abstained: int, seed: int) -> None:
    from kg.stores import open as open_store

    features = _features()
    rows: list[dict[str, str]] = []
    for item in stores:
        name, _, path = item.partition("=")
        with open_store(Path(path), create=False) as store:
            found = [{"set": name, "entity": r["place"].value.rsplit("/", 1)[-1],
                      "label": r["label"].value, "candidates": r["n"].value,
                      "geonames": r["same"].value.rstrip("/").rsplit("/", 1)[-1]
                      if r["same"] else "", "source": r["first"].value if r["first"] else ""}
                     for r in store.ox.query(QUERY, use_default_graph_as_union=True)]
        counts = Counter("linked" if r["geonames"] else
                         "abstained" if int(r["candidates"]) else "not found" for r in found)
        print(f"# {name}: {len(found)} place nodes, {counts['linked']} linked, "
              f"{counts['abstained']} abstained, {counts['not found']} not found",
              file=sys.stderr)
        rows.extend(found)
    rng = random.Random(seed)
    links = [r for r in rows if r["geonames"]]
    abstentions = [r for r in rows if not r["geonames"] and int(r["candidates"])]
    chosen = rng.sample(links, min(linked, len(links))) + \
        rng.sample(abstentions, min(abstained, len(abstentions)))
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(COLUMNS)
    for r in chosen:
        name, country, state = features.get(int(r["geonames"]), ("", "", "")) \
            if r["geonames"] else ("", "", "")
        out.writerow([r["set"], r["entity"], r["label"], r["candidates"], r["geonames"], name,
                      country, state, r["source"], _context(r["source"], r["label"])])


def score(judged: Path) -> None:
    with open(judged, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    # the links to first-level divisions judged apart (set "NAME-divisions"), not drawn
    divisions = [r for r in rows if r["set"].endswith("-divisions")]
    rows = [r for r in rows if not r["set"].endswith("-divisions")]
    for kind, rows_of in (("linked", [r for r in rows if r["geonames"]]),
                          ("abstained", [r for r in rows if not r["geonames"]]),
                          ("divisions linked", divisions)):
        right = sum(r["verdict"] == "right" for r in rows_of)
        share = right / len(rows_of) if rows_of else 0.0
        print(f"{kind}: {right}/{len(rows_of)} right ({share:.0%})")
        for r in rows_of:
            if r["verdict"] != "right":
                print(f"  wrong: {r['set']} {r['label']} -> {r['feature']} {r['country']} "
                      f"{r['state']} ({r.get('note', '')})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("stores", nargs="+", help="NAME=STORE")
    d.add_argument("--linked", type=int, default=100)
    d.add_argument("--abstained", type=int, default=20)
    d.add_argument("--seed", type=int, default=24)
    s = sub.add_parser("score")
    s.add_argument("judged", type=Path)
    args = parser.parse_args()
    if args.command == "draw":
        draw(args.stores, args.linked, args.abstained, args.seed)
    else:
        score(args.judged)


if __name__ == "__main__":
    main()
