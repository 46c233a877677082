"""Memory of a build on a local Dask cluster: the driver's peak and each worker's, by corpus size.

    python benchmarks/cluster_memory.py --corpus PATH.jsonl.gz --sizes 100000,1000000 \
        --cluster local:2

For each size it writes the first stories of the corpus up to that many words, one text file
each (as ``bench.py`` does), and runs ``kg build SLICE --cluster local:N --fresh`` through the
library in a process of its own (the driver). The driver reports its own peak RSS
(``getrusage(RUSAGE_SELF)``: its workers are not counted), its CPU seconds, the seconds of each
phase and its RSS at the start and the peak of each phase (the phase named by the build's
progress calls, RSS sampled every 50 ms), so the growth of each phase shows what it holds.
This process reads the peak RSS (``VmHWM``) of each of the driver's worker processes from
``/proc`` every quarter second while they live. Prints a Markdown table.

    python benchmarks/cluster_memory.py --breakdown STORE [STORE ...]

    python benchmarks/cluster_memory.py --join STORE [STORE ...]

measures, in a fresh process for each store, the join across documents as a cluster build
makes it: every document's resolution within itself on the driver's shelf (on disk, as the
workers sent it), then ``combine`` with the graphs kept on disk; the growth of the process's
peak RSS (``VmHWM``, reset once the gazetteer and the rest the join loads are loaded by a
small join first) and its CPU seconds.

    python benchmarks/cluster_memory.py --copies PATH.jsonl.gz --sizes 1000000,3000000

traces (``tracemalloc``), in a fresh process for each size, the copies of the first stories of
the corpus up to that many words (``kg.copies.copies``, as the resolution stage runs it once
the join is done): the sketches' size, the peak of the traced memory and the CPU seconds.

    python benchmarks/cluster_memory.py --breakdown STORE [STORE ...]

measures, each in a fresh process, what the driver's structures take for a store built before
(RSS growth): every document's extraction read from the cache (what a local build holds from
the parse to the end of resolution), every document's encoded resolution within itself (what
a cluster build holds instead), and the join across documents of those (``combine``: entities
and each document's graph, which both hold until the store is written), and the join as a build
makes it, with the documents' graphs kept on disk (``kg.resolve.spill``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import write_slice

MIB = 1 << 20


def _rss() -> int:
    """This process's resident set now, in bytes (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def child(folder: Path, store: Path, cluster: str) -> dict[str, object]:
    """The build, in the driver: its report, timings, CPU and memory by phase."""
    from kg.pipeline import BuildOptions, build
    from kg.progress import Step

    phases: dict[str, list[int]] = {"start": [_rss(), _rss()]}  # [RSS at start, peak]
    current = ["start"]
    stop = threading.Event()

    def progress(step: Step) -> None:
        phase = "exports" if step.phase.startswith("writing ") and step.phase != (
            "writing the store") else step.phase
        if phase not in phases:
            phases[phase] = [_rss(), _rss()]
        current[0] = phase

    def sample() -> None:
        while not stop.wait(0.05):
            seen = phases[current[0]]
            seen[1] = max(seen[1], _rss())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        report = build([folder], BuildOptions(store=store, out=store.parent / "out",
                                              fresh=True, cluster=cluster), progress=progress)
    finally:
        stop.set()
        sampler.join()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": seconds, "parsed": report.parsed, "entities": report.entities,
            "triples": report.triples, "peak": usage.ru_maxrss * 1024,
            "cpu": usage.ru_utime + usage.ru_stime, "timings": dict(report.timings),
            "phases": phases}


def child_breakdown(store_path: Path, part: str) -> dict[str, float]:
    """RSS growth (MiB) and seconds of holding one part of a store's resolution."""
    from kg.cache import extraction_from_json
    from kg.model import Document
    from kg.ontology import load_vocabulary
    from kg.resolve import combine
    from kg.resolve import saved as saves
    from kg.store import Store
    from kg.stores.extractions import ExtractionLog

    vocab = load_vocabulary()
    with Store(store_path, create=False) as store:
        data = store.saved()
    assert data is not None, f"{store_path}: no saved resolution"
    before, started = _rss(), time.perf_counter()
    held: object
    if part == "extractions":
        held = {doc_id: extraction_from_json(data) for doc_id, _, data in
                ExtractionLog(store_path / "cache").entries()}
    else:
        saved, _ = saves.loads(data, None)
        kept = {d: saved[d] for d in saved}  # decoded, as a build held them before
        del data, saved
        if part in ("combine", "spilled"):
            kept = combine([saves.load(s, Document(d, d, "")) for d, s in kept.items()], vocab,
                           spill=part == "spilled")
        held = kept
    found = {"mib": (_rss() - before) / MIB, "seconds": time.perf_counter() - started}
    del held
    return found


def child_join(store_path: Path) -> dict[str, float]:
    """The join of a store's saved resolutions as a cluster build makes it: peak RSS growth
    (MiB), what it leaves (MiB) and CPU seconds."""
    import gc

    from kg.model import Document
    from kg.ontology import load_vocabulary
    from kg.resolve import combine
    from kg.resolve import saved as saves
    from kg.store import Store

    vocab = load_vocabulary()
    with Store(store_path, create=False) as store:
        data = store.saved()
    assert data is not None, f"{store_path}: no saved resolution"
    kept, _ = saves.loads(data, None)
    shelf = saves.Shelf()  # as the workers' results reach the driver
    for doc_id in kept:
        shelf.add_encoded(doc_id, [bytes(p) for p in kept.encoded(doc_id)],
                          kept.statements(doc_id))
    del kept, data
    ids = sorted(shelf)
    documents = {d: Document(d, d, "") for d in ids}
    combine([shelf.load(d, documents[d]) for d in ids[:200]], vocab, spill=True)  # loads all
    gc.collect()
    gc.disable()  # as the resolution stage runs it
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")  # the peak RSS is counted from here
    before, started = _rss(), time.process_time()
    resolved = [shelf.load(d, documents[d]) for d in ids]

    def handed_over() -> Iterator[object]:
        while resolved:
            yield resolved.pop()

    joined = combine(handed_over(), vocab, spill=True)  # type: ignore[arg-type]
    cpu = time.process_time() - started
    return {"documents": len(ids), "entities": len(joined.entities),
            "peak": (_hwm(os.getpid()) - before) / MIB, "left": (_rss() - before) / MIB,
            "cpu": cpu}


def child_copies(corpus: Path, words: int) -> dict[str, float]:
    """The traced peak (MiB) and CPU seconds of the copies of a slice of ``corpus``."""
    import tracemalloc

    from bench import _stories

    from kg.copies import copies, sketch
    from kg.model import Document

    sketches: dict[str, bytes] = {}
    documents: dict[str, Document] = {}
    total = 0
    for story_id, text in _stories(corpus):
        doc_id = f"{story_id:05d}"
        documents[doc_id] = Document(doc_id, f"{doc_id}.txt", "")
        prints = sketch(text)
        if prints:
            sketches[doc_id] = prints
        total += len(text.split())
        if total >= words:
            break
    # (a version before kept each sketch as a tuple of ints: its ints counted too)
    held = sum(sys.getsizeof(p) + sum(map(sys.getsizeof, p) if isinstance(p, tuple) else ())
               for p in sketches.values())
    tracemalloc.start()
    started = time.process_time()
    found = copies(sketches, documents)
    cpu = time.process_time() - started
    return {"words": total, "documents": len(documents), "copies": len(found),
            "sketches": held / MIB, "peak": tracemalloc.get_traced_memory()[1] / MIB,
            "cpu": cpu}


def copies_table(corpus: Path, sizes: list[int]) -> str:
    lines = ["| words | documents | copies | sketches MiB | copies' traced peak MiB | CPU s |",
             "|---|---|---|---|---|---|"]
    for size in sizes:
        done = subprocess.run([sys.executable, __file__, "--copies-child", str(corpus),
                               str(size)], capture_output=True, text=True, check=True)
        found = json.loads(done.stdout.strip().splitlines()[-1])
        lines.append(f"| {found['words']:,} | {found['documents']:,} | {found['copies']:,} | "
                     f"{found['sketches']:,.1f} | {found['peak']:,.1f} | {found['cpu']:,.2f} |")
    return "\n".join(lines)


def join_table(stores: list[Path]) -> str:
    lines = ["| store | documents | entities | join's peak RSS growth MiB | left MiB | CPU s |",
             "|---|---|---|---|---|---|"]
    for store in stores:
        done = subprocess.run([sys.executable, __file__, "--join-child", str(store)],
                              capture_output=True, text=True, check=True)
        found = json.loads(done.stdout.strip().splitlines()[-1])
        lines.append(f"| {store} | {found['documents']:,} | {found['entities']:,} | "
                     f"{found['peak']:,.0f} | {found['left']:,.0f} | {found['cpu']:,.1f} |")
    return "\n".join(lines)


def breakdown(stores: list[Path]) -> str:
    from kg.stores.extractions import ExtractionLog

    lines = ["| store | documents | extractions MiB | resolutions within MiB | joined "
             "(combine) MiB | joined, graphs on disk MiB | combine s |",
             "|---|---|---|---|---|---|---|"]
    for store in stores:
        found = {}
        for part in ("extractions", "within", "combine", "spilled"):
            done = subprocess.run([sys.executable, __file__, "--breakdown-child", str(store),
                                   part], capture_output=True, text=True, check=True)
            found[part] = json.loads(done.stdout.strip().splitlines()[-1])
        documents = sum(1 for _ in ExtractionLog(store / "cache").entries())
        lines.append(f"| {store} | {documents:,} | {found['extractions']['mib']:,.0f} | "
                     f"{found['within']['mib']:,.0f} | {found['combine']['mib']:,.0f} | "
                     f"{found['spilled']['mib']:,.0f} | {found['combine']['seconds']:,.1f} |")
    return "\n".join(lines)


def _hwm(pid: int) -> int:
    """The peak resident set of process ``pid`` so far, in bytes (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(folder: Path, store: Path, cluster: str) -> dict[str, object]:
    """Run the driver in its own process and watch its workers' peak memory."""
    import psutil  # installed with Dask distributed

    driver = subprocess.Popen([sys.executable, __file__, "--child", str(folder), str(store),
                               cluster], stdout=subprocess.PIPE, text=True)
    workers: dict[int, int] = {}  # pid -> peak RSS
    watched = psutil.Process(driver.pid)
    while driver.poll() is None:
        try:
            found = watched.children(recursive=True)
        except psutil.Error:
            found = []
        for process in found:
            try:
                command = " ".join(process.cmdline())
            except psutil.Error:
                continue
            if "spawn_main" in command:  # a Dask worker process (not the resource tracker)
                workers[process.pid] = max(workers.get(process.pid, 0), _hwm(process.pid))
        time.sleep(0.25)
    out, _ = driver.communicate()
    if driver.returncode != 0:
        raise SystemExit(f"cluster_memory: the build of {folder} failed")
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    result["workers"] = sorted(workers.values(), reverse=True)
    return result


def _table(rows: list[tuple[int, int, dict]], workers_count: int) -> str:
    lines = ["| words | documents | entities | wall s | driver CPU s | driver peak MiB | "
             "workers' peaks MiB | driver RSS by phase, MiB (at start → peak) |",
             "|---|---|---|---|---|---|---|---|"]
    for words, _, found in rows:
        phases = "; ".join(f"{name} {start / MIB:,.0f}→{peak / MIB:,.0f}"
                           for name, (start, peak) in found["phases"].items())
        workers = ", ".join(f"{peak / MIB:,.0f}" for peak in found["workers"][:workers_count])
        lines.append(f"| {words:,} | {found['parsed']:,} | {found['entities']:,} | "
                     f"{found['seconds']:,.1f} | {found['cpu']:,.1f} | "
                     f"{found['peak'] / MIB:,.0f} | {workers} | {phases} |")
    timings = ["", "| words | " + " | ".join(rows[0][2]["timings"]) + " |",
               "|---|" + "---|" * len(rows[0][2]["timings"])]
    for words, _, found in rows:
        timings.append(f"| {words:,} | " + " | ".join(
            f"{found['timings'].get(phase, 0):,.1f}" for phase in rows[0][2]["timings"]) + " |")
    return "\n".join(lines + timings)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--breakdown-child":
        print(json.dumps(child_breakdown(Path(sys.argv[2]), sys.argv[3])))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--join-child":
        print(json.dumps(child_join(Path(sys.argv[2]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--copies-child":
        print(json.dumps(child_copies(Path(sys.argv[2]), int(sys.argv[3]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--copies":
        sizes = sys.argv[sys.argv.index("--sizes") + 1] if "--sizes" in sys.argv else \
            "100000,1000000"
        print(copies_table(Path(sys.argv[2]), [int(s) for s in sizes.split(",")]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--join":
        print(join_table([Path(p) for p in sys.argv[2:]]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--breakdown":
        print(breakdown([Path(p) for p in sys.argv[2:]]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True,
                        help="Reuters-style JSON lines (.jsonl.gz): id, title, dateline, text.")
    parser.add_argument("--sizes", default="100000,1000000",
                        help="Slice sizes in words, comma-separated.")
    parser.add_argument("--cluster", default="local:2", help="local:N (workers are watched "
                        "as this machine's processes).")
    parser.add_argument("--work", type=Path, help="Folder for slices and stores (kept); "
                        "default a temporary one, removed after.")
    args = parser.parse_args()
    if not args.cluster.startswith("local:"):
        raise SystemExit("cluster_memory: --cluster must be local:N")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-cluster-memory-"))
    rows = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            folder = work / f"words-{size}"
            words = write_slice(args.corpus, size, folder)
            found = measure(folder, work / f"store-{size}" / "store", args.cluster)
            rows.append((words, len(list(folder.iterdir())), found))
            print(json.dumps({"words": words, **found}), flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(_table(rows, int(args.cluster.removeprefix("local:"))))


if __name__ == "__main__":
    main()
