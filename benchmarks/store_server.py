"""The store write into the embedded store and into SPARQL servers (``oxigraph serve``, and
Virtuoso Open Source 7 where it is installed), from the same cached extractions, in triples
per second.

    python benchmarks/store_server.py CORPUS_FOLDER [--documents 100]

The first N text files of the folder are built once into an embedded store (parsed); then
twice each, from that extraction cache (nothing parsed), into a new embedded store and into
each new server. The figure is the build's ``store`` phase: for a server, a Graph Store
Protocol PUT per graph and the read back of the whole graph.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the servers of the tests

from kg.nlp import load_pipeline
from kg.pipeline import BuildOptions, build
from tests.servers import VIRTUOSO_INI, OxigraphServer, VirtuosoServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    here = Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    (here / "in").mkdir()
    for path in sorted(args.corpus.glob("*.txt"))[:args.documents]:
        shutil.copy(path, here / "in")
    nlp = load_pipeline()
    first = build([here / "in"], BuildOptions(store=here / "emb", out=None, jobs=1), nlp)
    print(f"{first.documents} documents, {first.triples} triples")
    for run in (1, 2):
        shutil.rmtree(here / "emb2", ignore_errors=True)
        shutil.copytree(here / "emb" / "cache", here / "emb2" / "cache")
        report = build([here / "in"], BuildOptions(store=here / "emb2", out=None, jobs=1), nlp)
        seconds = dict(report.timings)["store"]
        print(f"embedded run {run}: {seconds:.3f} s, {report.triples / seconds:,.0f} triples/s")
    shutil.copytree(here / "emb" / "cache", here / "cache" / "cache")
    servers: list[tuple[str, OxigraphServer | VirtuosoServer]] = [
        ("Oxigraph server", OxigraphServer(here / "oxigraph"))]
    if shutil.which("virtuoso-t") and shutil.which("isql-vt") and VIRTUOSO_INI.exists():
        servers.append(("Virtuoso 7", VirtuosoServer(here / "virtuoso")))
    try:
        for name, server in servers:
            server.start()
            try:
                for run in (1, 2):
                    (here / "cache" / "state.json").unlink(missing_ok=True)  # write all again
                    report = build([here / "in"], BuildOptions(
                        store=server.url, out=None, jobs=1, cache=here / "cache"), nlp)
                    seconds = dict(report.timings)["store"]
                    print(f"{name} run {run}: {seconds:.3f} s, "
                          f"{report.triples / seconds:,.0f} triples/s")
            finally:
                server.stop()
    finally:
        shutil.rmtree(here, ignore_errors=True)


if __name__ == "__main__":
    main()
