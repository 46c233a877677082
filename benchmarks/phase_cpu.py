"""CPU seconds of each phase of a local build whose extractions are all cached: resolution, the
store write and the exports, without the parse.

    python benchmarks/phase_cpu.py CORPUS --cache STORE/cache [--runs 3] [--jobs 1]

Each run copies the extraction cache of an earlier build of CORPUS (``STORE/cache``, a store
built with the same rules) into a new store and builds CORPUS into it (not ``--fresh``, so the
cache is read and nothing is parsed), in a process of its own. The CPU time (user and system,
every thread: Oxigraph's bulk loads run threads of their own) between the build's progress
steps is summed by phase. Prints one JSON line a run, then each phase's median. To compare two
versions of kg, run it with each on ``PYTHONPATH`` in turn, a run at a time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(corpus: Path, cache: Path, work: Path, jobs: int) -> dict[str, object]:
    """One build in this process: CPU seconds by phase."""
    from kg.pipeline import BuildOptions, build
    from kg.progress import Step

    (work / "store").mkdir(parents=True)
    shutil.copytree(cache, work / "store" / "cache")
    marks: list[tuple[str, float]] = []

    def progress(step: Step) -> None:
        phase = "exports" if step.phase.startswith("writing ") and step.phase != (
            "writing the store") else step.phase
        if not marks or marks[-1][0] != phase:
            marks.append((phase, _cpu()))

    report = build([corpus], BuildOptions(store=work / "store", out=work / "out", jobs=jobs),
                   progress=progress)
    marks.append(("end", _cpu()))
    phases: dict[str, float] = {}
    for (phase, start), (_, end) in itertools.pairwise(marks):
        phases[phase] = phases.get(phase, 0.0) + end - start
    return {"parsed": report.parsed, "triples": report.triples,
            "cpu": {phase: round(seconds, 3) for phase, seconds in phases.items()}}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]),
                               int(sys.argv[5]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cache", type=Path, required=True,
                        help="The extraction cache of a store built from CORPUS.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    found: dict[str, list[float]] = {}
    for _ in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="kg-phase-cpu-"))
        try:
            out = subprocess.run([sys.executable, __file__, "--child", str(args.corpus),
                                  str(args.cache), str(work / "build"), str(args.jobs)],
                                 check=True, capture_output=True, text=True).stdout
        finally:
            shutil.rmtree(work, ignore_errors=True)
        run = json.loads(out.strip().splitlines()[-1])
        print(json.dumps(run), flush=True)
        if run["parsed"]:
            raise SystemExit("phase_cpu: the build parsed documents; is the cache of CORPUS?")
        for phase, seconds in run["cpu"].items():
            found.setdefault(phase, []).append(seconds)
    print(json.dumps({"median": {phase: round(statistics.median(seconds), 3)
                                 for phase, seconds in found.items()}}))


if __name__ == "__main__":
    main()
