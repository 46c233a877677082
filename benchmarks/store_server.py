"""The store write into the embedded store and into a SPARQL server (``oxigraph serve``),
from the same cached extractions, in triples per second.

    python benchmarks/store_server.py CORPUS_FOLDER [--documents 100]

The first N text files of the folder are built once into an embedded store (parsed); then
twice each, from that extraction cache (nothing parsed), into a new embedded store and into a
new Oxigraph server. The figure is the build's ``store`` phase: for the server, a Graph Store
Protocol PUT per graph and the read back of the whole graph.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from kg.nlp import load_pipeline
from kg.pipeline import BuildOptions, build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--port", type=int, default=17979)
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
    url = f"http://127.0.0.1:{args.port}/"
    server = subprocess.Popen([str(Path(sys.executable).with_name("oxigraph")), "serve",
                               "--location", str(here / "server"),
                               "--bind", f"127.0.0.1:{args.port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                requests.get(url + "query?query=ASK%7B%7D", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        for run in (1, 2):
            (here / "cache" / "state.json").unlink(missing_ok=True)  # write everything again
            report = build([here / "in"], BuildOptions(store=url, out=None, jobs=1,
                                                        cache=here / "cache"), nlp)
            seconds = dict(report.timings)["store"]
            print(f"server run {run}: {seconds:.3f} s, {report.triples / seconds:,.0f} "
                  "triples/s")
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(here, ignore_errors=True)


if __name__ == "__main__":
    main()
