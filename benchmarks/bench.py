"""Speed and memory of ``kg build`` against the floor: spaCy parsing the same text alone.

Run ``make bench`` (or ``python benchmarks/bench.py --corpus PATH.jsonl.gz``). For each slice of
the corpus (10k, 100k and 1M words by default) and each number of processes it measures, in the
same run:

* bare parse: the same pipeline, components, paragraphs and batch size, ``nlp.pipe`` with
  ``n_process`` = jobs, nothing else (words/second, model load excluded);
* ``kg build --fresh --jobs N``: end to end, model load excluded (reported on its own), with
  its phases (parse+extract, resolve, store, export), peak memory and the store load rate;
* a rebuild with nothing changed;
* exports (Turtle, GraphML, GEXF) and SPARQL latency of three typical queries and ``kg stats``
  on the largest store;
* an update of the largest store: the next 10 stories of the corpus added to a hard-link
  copy of it, without exports (``--no-export``), against its full build.

Every measurement runs in a fresh process. Small slices run ``--repeats`` times and the table
shows medians; the 1M slice runs once. Results go to stdout and to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {
    "who works where": ROOT / "examples" / "queries" / "who-works-where.rq",
    "single-source facts": ROOT / "examples" / "queries" / "single-source-facts.rq",
    "one entity's facts": None,  # built from the most connected entity of the store
}


# --- child processes -------------------------------------------------------------------------
def _peak_mib() -> tuple[float, float]:
    """Peak RSS of this process and of its largest child (the parsing workers), in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def child_bare(folder: Path, jobs: int, batch_size: int) -> dict[str, float]:
    """Parse every paragraph kg would parse, with nothing else."""
    from kg.documents import paragraphs
    from kg.nlp import load_pipeline, parse
    from kg.sources import documents

    started = time.perf_counter()
    nlp = load_pipeline()
    loaded = time.perf_counter()
    words = 0

    def texts():
        nonlocal words
        for doc in documents([folder]):
            words += len(doc.text.split())
            for para in paragraphs(doc.text, doc.title):
                yield para.text, None

    for _ in parse(nlp, texts(), batch_size=batch_size, n_process=jobs):
        pass
    done = time.perf_counter()
    own, workers = _peak_mib()
    return {"load": loaded - started, "seconds": done - loaded, "words": words,
            "rss": own, "worker_rss": workers}


def child_build(folder: Path, store: Path, jobs: int, fresh: bool) -> dict[str, float]:
    """``kg build`` through the library, as the command runs it."""
    from kg.pipeline import BuildOptions, build

    started = time.perf_counter()
    report = build([folder], BuildOptions(store=store, out=store.parent / "out", fresh=fresh,
                                          jobs=jobs))
    seconds = time.perf_counter() - started
    own, workers = _peak_mib()
    result: dict[str, float] = {"seconds": seconds, "triples": report.triples,
                                "statements": report.statements, "entities": report.entities,
                                "parsed": report.parsed, "rss": own, "worker_rss": workers}
    result.update({f"t_{phase}": t for phase, t in report.timings})
    return result


def child_update(folders: list[Path], store: Path, jobs: int) -> dict[str, float]:
    """An update of ``store`` (a copy of it, made of hard links, removed after) with the
    stories of ``folders``, as ``kg build ... --no-export`` runs it."""
    from kg.pipeline import BuildOptions, build

    copy = store.parent / "updated"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy, copy_function=os.link)
    try:
        started = time.perf_counter()
        report = build(folders, BuildOptions(store=copy, out=None, jobs=jobs))
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    result: dict[str, float] = {"seconds": seconds, "parsed": report.parsed,
                                "rss": _peak_mib()[0]}
    result.update({f"t_{phase}": t for phase, t in report.timings})
    return result


def child_exports(store: Path, folder: Path) -> dict[str, float]:
    from kg.export import export
    from kg.store import Store

    found = {}
    with Store(store, create=False) as opened:
        for fmt in ("turtle", "graphml", "gexf"):
            started = time.perf_counter()
            export(opened, fmt, folder / f"graph.{fmt}")
            found[fmt] = time.perf_counter() - started
    found["rss"] = _peak_mib()[0]
    return found


def child_queries(store: Path, repeats: int) -> dict[str, float]:
    from kg.queries import graph_stats, run_query
    from kg.store import Store

    found = {}
    with Store(store, create=False) as opened:
        hub = run_query(opened, """
            SELECT ?e (COUNT(*) AS ?n) WHERE { ?e ?p ?o . ?p rdfs:subPropertyOf kg:relatedTo }
            GROUP BY ?e ORDER BY DESC(?n) LIMIT 1""").rows[0][0]
        texts = {name: path.read_text(encoding="utf-8") for name, path in QUERIES.items()
                 if path is not None}
        texts["one entity's facts"] = f"""
            SELECT ?p ?o ?c WHERE {{ ?st rdf:subject {hub} ; rdf:predicate ?p ;
                                         rdf:object ?o ; kg:confidence ?c }}"""
        for name, text in texts.items():
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                run_query(opened, text)
                times.append(time.perf_counter() - started)
            found[name] = statistics.median(times)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            graph_stats(opened)
            times.append(time.perf_counter() - started)
        found["kg stats"] = statistics.median(times)
    return found


def run_child(*args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- corpus slices ---------------------------------------------------------------------------
def _stories(corpus: Path) -> Iterator[tuple[int, str]]:
    """Each story with a body, as wire copy comes: headline, dateline, body."""
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            if story.get("text", "").strip():
                yield story["id"], (f"{story.get('title', '')}\n{story.get('dateline', '')} "
                                    f"{story.get('text', '')}")


def write_slice(corpus: Path, words: int, folder: Path) -> int:
    """The first stories of the corpus, one text file each, up to ``words`` words."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for story_id, text in _stories(corpus):
        (folder / f"{story_id:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
        if total >= words:
            break
    return total


def write_next(corpus: Path, words: int, count: int, folder: Path) -> int:
    """The ``count`` stories that follow the slice of ``words`` words (``write_slice``)."""
    folder.mkdir(parents=True, exist_ok=True)
    total = written = 0
    for story_id, text in _stories(corpus):
        if total < words:  # a story of the slice
            total += len(text.split())
            continue
        (folder / f"{story_id:05d}.txt").write_text(text, encoding="utf-8")
        written += 1
        if written == count:
            break
    return written


# --- the run ---------------------------------------------------------------------------------
def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def bench(corpus: Path, sizes: list[int], job_counts: list[int], repeats: int,
          work: Path) -> str:
    lines = []
    machine = (f"{platform.node() or 'machine'}: {os.cpu_count()} cores, "
               f"{platform.processor() or platform.machine()}, Python "
               f"{platform.python_version()}, {platform.system()} {platform.release()}")
    lines.append(f"Machine: {machine}  ")
    lines.append(f"Command: `python benchmarks/bench.py --sizes {','.join(map(str, sizes))} "
                 f"--jobs {','.join(map(str, job_counts))} --repeats {repeats}`  ")
    lines.append(f"Date: {time.strftime('%Y-%m-%d')}  ")
    from kg.compiled import in_use

    compiled = in_use()
    lines.append(f"Code: {len(compiled)} modules compiled by mypyc (`[tool.kg.compiled]`)"
                 if compiled else "Code: pure Python (nothing compiled, `KG_PURE` set, or a "
                 "compiled module older than its source)")
    lines.append("")
    lines.append("| words | jobs | runs | bare parse w/s | kg build w/s | ratio | model load s "
                 "| build s | parse+extract s | resolve s | store s | export s | store load "
                 "triples/s | triples | peak RSS MiB (main / worker) | no-op rebuild |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    largest = None
    largest_build: list[dict[str, float]] = []
    per_jobs: dict[int, float] = {}
    for size in sizes:
        folder = work / f"slice-{size}"
        words = write_slice(corpus, size, folder)
        runs = 1 if size >= 1_000_000 else repeats
        for jobs in job_counts:
            bare, built, noop = [], [], []
            for _ in range(runs):
                bare.append(run_child("bare", str(folder), str(jobs), "64"))
                store = work / f"store-{size}-{jobs}" / "store"
                built.append(run_child("build", str(folder), str(store), str(jobs), "fresh"))
                noop.append(run_child("build", str(folder), str(store), str(jobs), "keep"))
            bare_rate = words / median_of(bare, "seconds")
            load = median_of(built, "t_model")
            build_s = median_of(built, "seconds")
            build_rate = words / (build_s - load)
            store_s = median_of(built, "t_store")
            if size == sizes[-1]:
                per_jobs[jobs] = build_rate
            lines.append(
                f"| {words:,} | {jobs} | {runs} | {bare_rate:,.0f} | {build_rate:,.0f} | "
                f"{build_rate / bare_rate:.2f} | {load:.2f} | {build_s:.1f} | "
                f"{median_of(built, 't_parse'):.1f} | {median_of(built, 't_resolve'):.2f} | "
                f"{store_s:.2f} | {median_of(built, 't_export'):.2f} | "
                f"{median_of(built, 'triples') / store_s:,.0f} | "
                f"{median_of(built, 'triples'):,.0f} | "
                f"{max(r['rss'] for r in built):,.0f} / {max(r['worker_rss'] for r in built):,.0f}"
                f" | {median_of(noop, 'seconds'):.2f} s "
                f"({median_of(noop, 'seconds') / build_s:.1%}) |")
            print(lines[-1], flush=True)
            largest, largest_build = store, built
    if len(per_jobs) > 1 and 1 in per_jobs:
        lines.append("")
        for jobs, rate in sorted(per_jobs.items()):
            if jobs != 1:
                lines.append(f"Speed-up of `--jobs {jobs}` over `--jobs 1` on the "
                             f"{sizes[-1]:,}-word slice: {rate / per_jobs[1]:.2f}x.")
    if largest is not None:
        exports = run_child("exports", str(largest), str(work))
        queries = run_child("queries", str(largest), "5")
        lines.append("")
        lines.append(f"On the store of the {sizes[-1]:,}-word slice:")
        lines.append("")
        lines.append("| operation | seconds |")
        lines.append("|---|---|")
        for fmt in ("turtle", "graphml", "gexf"):
            lines.append(f"| export {fmt} | {exports[fmt]:.2f} |")
        for name, seconds in queries.items():
            lines.append(f"| query: {name} (median of 5) | {seconds:.3f} |")
        lines.extend(_update_lines(corpus, sizes[-1], job_counts[-1], repeats, work, largest,
                                   largest_build))
    return "\n".join(lines) + "\n"


def _update_lines(corpus: Path, size: int, jobs: int, repeats: int, work: Path, store: Path,
                  built: list[dict[str, float]]) -> list[str]:
    """The update of the largest store with the next 10 stories, against its full build."""
    added = work / "added-10"
    write_next(corpus, size, 10, added)
    runs = [run_child("update", str(work / f"slice-{size}"), str(added), str(store),
                      str(jobs)) for _ in range(repeats)]
    full = median_of(built, "seconds") - median_of(built, "t_model")
    update = median_of(runs, "seconds") - median_of(runs, "t_model")
    return ["", f"Adding the next 10 stories to the {size:,}-word store (`--jobs {jobs}`, "
            f"no exports; median of {repeats}, each on a hard-link copy of the store):", "",
            "| | seconds | model load s | resolve s | store s | peak RSS MiB |",
            "|---|---|---|---|---|---|",
            f"| full build | {median_of(built, 'seconds'):.1f} | "
            f"{median_of(built, 't_model'):.2f} | {median_of(built, 't_resolve'):.2f} | "
            f"{median_of(built, 't_store'):.2f} | {max(r['rss'] for r in built):,.0f} |",
            f"| update | {median_of(runs, 'seconds'):.2f} | {median_of(runs, 't_model'):.2f} | "
            f"{median_of(runs, 't_resolve'):.2f} | {median_of(runs, 't_store'):.2f} | "
            f"{max(r['rss'] for r in runs):,.0f} |", "",
            f"The update without its model load is {update / full:.1%} of the full build's "
            f"{full:.1f} s (target: at most 2%)."]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        step, args = sys.argv[2], sys.argv[3:]
        if step == "bare":
            result = child_bare(Path(args[0]), int(args[1]), int(args[2]))
        elif step == "build":
            result = child_build(Path(args[0]), Path(args[1]), int(args[2]),
                                 args[3] == "fresh")
        elif step == "exports":
            result = child_exports(Path(args[0]), Path(args[1]))
        elif step == "update":
            result = child_update([Path(args[0]), Path(args[1])], Path(args[2]), int(args[3]))
        else:
            result = child_queries(Path(args[0]), int(args[1]))
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True,
                        help="Reuters-style JSON lines (.jsonl.gz): id, title, dateline, text.")
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="Slice sizes in words, comma-separated.")
    parser.add_argument("--jobs", default="1,2", help="Process counts to compare.")
    parser.add_argument("--repeats", type=int, default=3, help="Runs of each small slice.")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"bench: {args.corpus}: no such corpus file")
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs = [int(j) for j in args.jobs.split(",")]
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        table = bench(args.corpus, sizes, jobs, args.repeats, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    marker = "<!-- bench results -->"
    head = text.split(marker)[0] if marker in text else text
    args.output.write_text(f"{head.rstrip()}\n\n{marker}\n{table}" if head.strip() else
                           f"{marker}\n{table}", encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
