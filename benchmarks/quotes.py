"""Draw quotes at random from kg stores, to judge by hand (speaker right? span right?).

    python benchmarks/quotes.py STORE [STORE ...] --per-store 50 --seed 24 > drawn.tsv

Each store gives ``--per-store`` quotes (all of them when it holds fewer), drawn with a
fixed seed from its ``kg:Quote`` records in a stable order, so the same stores give the same
draw. One row a quote: the store, the speaker's label ("" when kg gave none), direct or
reported, the cue, the quoted words, the pronoun's reading and the sentence, to be judged by
reading the sentence (and the story, for a pronoun). ``--recall DOC_SOURCE`` lists instead
every quote of the documents whose source ends with DOC_SOURCE, to compare with a hand count.
"""

from __future__ import annotations

import argparse
import random
import sys

from kg.ontology import PREFIXES
from kg.stores import open as open_store

QUERY = """
SELECT ?q ?source ?speaker ?direct ?cue ?text ?coref ?sentence WHERE {
  GRAPH ?g {
    ?q a kg:Quote ; kg:cue ?cue ; kg:quotedText ?text ;
       prov:wasDerivedFrom/nif:anchorOf ?sentence .
    ?g kg:source ?source .
    OPTIONAL { ?q kg:direct ?d } BIND(COALESCE(?d, false) AS ?direct)
    OPTIONAL { ?q kg:coreference ?coref }
  }
  OPTIONAL { ?q kg:speaker ?s OPTIONAL { ?s rdfs:label ?speaker } }
} ORDER BY ?q"""


def rows(store: str) -> list[dict[str, str]]:
    head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    with open_store(store, create=False) as opened:
        found = opened.ox.query(head + QUERY, use_default_graph_as_union=True)
        names = [v.value for v in found.variables]
        return [{n: (r[n].value if r[n] is not None else "") for n in names} for r in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+")
    parser.add_argument("--per-store", type=int, default=50)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--recall", metavar="DOC_SOURCE", action="append", default=[],
                        help="list every quote of these documents instead of a draw")
    args = parser.parse_args()
    out = sys.stdout
    out.write("n\tstore\tsource\tspeaker\tdirect\tcue\ttext\tcoreference\tsentence\n")
    n = 0
    for store in args.stores:
        found = rows(store)
        if args.recall:
            drawn = sorted((r for r in found if any(r["source"].endswith(d)
                                                    for d in args.recall)),
                           key=lambda r: (r["source"], r["q"]))
        else:
            drawn = random.Random(args.seed).sample(found, min(args.per_store, len(found)))
        for r in drawn:
            n += 1
            cells = [str(n), store, r["source"].rsplit("/", 1)[-1], r["speaker"], r["direct"],
                     r["cue"], r["text"], r["coref"], r["sentence"]]
            out.write("\t".join(" ".join(c.split()) for c in cells) + "\n")


if __name__ == "__main__":
    main()
