"""How many copies of one story (``kg.copies``) a corpus holds, and a sample of them to judge.

The inputs are read as ``kg build`` reads them (the same record fields), each document's
sketch is taken and the clusters found as a build finds them. Printed: documents, clusters,
documents in clusters, the seconds it took, then ``--sample`` clusters drawn with a fixed
``--seed``, each with the opening words of its documents, for a reader to judge whether they
are the same story.

    python benchmarks/copies.py INPUT... [--text-field F --title-field F] [--sample 50]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path

from kg.copies import copies, sketch
from kg.sources import ReadOptions, documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--text-field", default="")
    parser.add_argument("--title-field", default="")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--words", type=int, default=30, help="opening words shown")
    args = parser.parse_args()
    options = ReadOptions(text_field=args.text_field, title_field=args.title_field)
    docs = {d.doc_id: d for d in documents(args.inputs, [], options)}
    words = sum(len(d.text.split()) for d in docs.values())
    started = time.process_time()
    sketches = {d: sketch(doc.text) for d, doc in docs.items()}
    first = copies(sketches, docs)
    seconds = time.process_time() - started
    clusters: dict[str, list[str]] = defaultdict(list)
    for copy, head in first.items():
        clusters[head].append(copy)
    print(f"documents {len(docs)}  words {words}  clusters {len(clusters)}  "
          f"documents in clusters {len(clusters) + len(first)}  "
          f"cpu seconds {seconds:.2f}")
    heads = sorted(clusters)
    drawn = sorted(random.Random(args.seed).sample(heads, min(args.sample, len(heads))))
    for n, head in enumerate(drawn, 1):
        print(f"\n== cluster {n}: {1 + len(clusters[head])} documents")
        for d in [head, *sorted(clusters[head], key=lambda c: docs[c].source)]:
            opening = " ".join(docs[d].text.split()[:args.words])
            print(f"  {docs[d].source}  ({len(docs[d].text.split())} words)  {opening}")


if __name__ == "__main__":
    main()
