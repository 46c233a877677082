"""Draw statement records at random from built graphs, for reading by hand against their stories.

    python benchmarks/judged/draw.py bbc=out/bench-bbc-dev/graph.ttl web=out/web/graph.ttl \
        --per-source 40 --seed 1 --judged benchmarks/judged/statements.tsv > new.tsv

Each ``SOURCE=GRAPH`` names a build (``SOURCE`` is a short name for the outlet or corpus). The
draw is fixed by ``--seed``: the records whose stable key hashes lowest with it, so the same
graphs give the same rows, and a graph that gained or lost a few records gives the same rows
but those. A record's stable key does not depend on IRIs: it is a hash of the document's source
file name, the sentence's character span, the subject's and object's labels and the relation,
so a verdict survives a rebuild that renames nothing the reader saw.

Rows already in ``--judged`` are left out; the rest are printed as TSV with the judged file's
header, the ``--commit`` the graphs were built with, and an empty ``verdict`` and
``error_class``, ready to be read against their stories and appended. A verdict is ``right``
only if the story states the fact as done and true, with the right entities, direction and
relation; ``error_class`` names what went wrong (``antecedent``, ``name-cut``, ``relation``,
``argument``, ``modality``, ``direction``, ``type``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.model import CONCEPT_KEY
from kg.ontology import entity_iri

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
KG = "https://w3id.org/kg/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
COLUMNS = ("key", "source", "document", "subject", "relation", "object", "asserted", "modality",
           "rule", "confidence", "sentence", "statement", "commit", "verdict", "error_class",
           "note", "coreference", "arguments")


@dataclass(frozen=True, slots=True)
class Record:
    key: str
    source: str
    document: str
    subject: str
    relation: str
    object: str
    asserted: bool
    modality: str
    rule: str
    confidence: str
    sentence: str
    statement: str
    coreference: str = ""
    arguments: str = ""
    cues: str = ""  # what the confidence model read of the sentence (kg:cues); not a column

    def row(self) -> dict[str, str]:
        return {"key": self.key, "source": self.source, "document": self.document,
                "subject": self.subject, "relation": self.relation, "object": self.object,
                "asserted": "yes" if self.asserted else "no", "modality": self.modality,
                "rule": self.rule, "confidence": self.confidence,
                "sentence": " ".join(self.sentence.split()), "statement": self.statement,
                "commit": "", "verdict": "", "error_class": "", "note": "",
                "coreference": self.coreference, "arguments": self.arguments}


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def records(source: str, graph: Path) -> list[Record]:
    """Every statement record of one built graph (Turtle as ``kg build`` writes it)."""
    props: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(
        lambda: defaultdict(list))
    edges: set[tuple[str, str, str]] = set()
    statements: list[str] = []
    for triple in ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE):
        s, p, o = triple.subject, triple.predicate.value, triple.object
        if not isinstance(s, ox.NamedNode):
            continue
        props[s.value][p].append(o)
        if p == RDF + "type" and isinstance(o, ox.NamedNode) and o.value == RDF + "Statement":
            statements.append(s.value)
        edges.add((s.value, p, o.value if isinstance(o, ox.NamedNode) else str(o)))

    def one(node: str, prop: str) -> str:
        values = props.get(node, {}).get(prop, [])
        return values[0].value if values else ""

    def kind(term: ox.NamedNode | ox.Literal) -> str:
        if isinstance(term, ox.Literal):
            return "literal"
        # as the build tells them apart for the confidence model (kg.stores.quads.reading)
        return "concept" if term.value.startswith(entity_iri(CONCEPT_KEY)) else "entity"

    def label(term: ox.NamedNode | ox.Literal) -> str:
        if isinstance(term, ox.Literal):
            return f'"{term.value}"'
        return one(term.value, RDFS + "label") or _local(term.value).replace("_", " ")

    found = []
    for st in statements:
        s, p, o = (props[st][RDF + x][0] for x in ("subject", "predicate", "object"))
        span = one(st, PROV + "wasDerivedFrom")
        sentence = one(span, NIF + "anchorOf")
        document = one(one(span, NIF + "referenceContext"), KG + "source")
        name = Path(document).name
        subject, relation, obj = label(s), _local(p.value), label(o)
        start, end = one(span, NIF + "beginIndex"), one(span, NIF + "endIndex")
        key = hashlib.sha1("\x1f".join((name, start, end, subject, relation, obj))
                           .encode("utf-8")).hexdigest()[:16]
        object_key = o.value if isinstance(o, ox.NamedNode) else str(o)
        found.append(Record(key, source, name, subject, relation, obj,
                            (s.value, p.value, object_key) in edges,
                            one(st, KG + "modality") or "asserted", one(st, KG + "rule"),
                            one(st, KG + "confidence"), sentence, st,
                            " | ".join(sorted(c.value for c in props[st][KG + "coreference"])),
                            f"{kind(s)}-{kind(o)}", one(st, KG + "cues")))
    return found


def rebuilt(graphs: list[str]) -> dict[str, dict[str, Record]]:
    """Each build's records by key, by source, from ``SOURCE=GRAPH`` items."""
    found: dict[str, dict[str, Record]] = {}
    for item in graphs:
        source, _, path = item.partition("=")
        found[source] = {r.key: r for r in records(source, Path(path))}
    return found


def draw(found: list[Record], count: int, seed: int) -> list[Record]:
    """``count`` records of one source at random: those whose key hashes lowest with ``seed``.
    A rebuild that adds or drops a few records changes the draw by those few only, so most
    verdicts of an earlier draw still count."""
    unique = {r.key: r for r in found}.values()

    def rank(record: Record) -> str:
        return hashlib.sha1(f"{seed}\x1f{record.key}".encode()).hexdigest()

    return sorted(unique, key=rank)[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", nargs="+", metavar="SOURCE=GRAPH")
    parser.add_argument("--per-source", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--judged", type=Path, help="leave out the keys this TSV holds")
    parser.add_argument("--commit", default="", help="the code the graphs were built with")
    args = parser.parse_args(argv)
    known = set()
    if args.judged and args.judged.exists():
        with args.judged.open(encoding="utf-8") as handle:
            known = {row["key"] for row in csv.DictReader(handle, delimiter="\t")}
    writer = csv.DictWriter(sys.stdout, COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for item in args.graphs:
        source, _, path = item.partition("=")
        chosen = [r for r in draw(records(source, Path(path)), 10**9, args.seed)
                  if r.key not in known][:args.per_source]
        for record in chosen:
            writer.writerow({**record.row(), "commit": args.commit})
    return 0


if __name__ == "__main__":
    sys.exit(main())
