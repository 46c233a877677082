"""Soak: build a corpus of invented stories, then change it and kill the rebuild at random
points, again and again, checking after every kill that nothing stored was lost.

Run ``make soak`` (or ``python benchmarks/soak.py --stories 2000 --kills 20``). The stories are
generated from templates with invented names (seeded: the same run every time). Each round
removes, adds and edits a few stories, starts ``kg build`` in its own process and kills it
(SIGKILL) either at a random named phase (``KG_FAULT``) or after a random delay within the
previous build's duration. Then, in fresh processes: ``kg stats`` must work, the store's graph
must be byte for byte either the graph before the round or the one an uninterrupted rebuild
writes next (anything else counts its missing quads as lost), and the rebuild must exit 0.
At the end, a from-scratch build of the final corpus into another store must give the same
``graph.ttl``. Prints a summary for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POINTS = ("scan", "model", "parse", "resolve", "store.new", "store.load", "store.loaded",
          "store.state", "store.published", "export.turtle", "export.tmp", "export.graphml",
          "done")
SYLLABLES = ("zan", "tor", "vel", "quo", "mir", "dax", "pel", "ren", "sol", "kai", "bru", "lin",
             "fen", "oro", "tis", "gam")
ROLES = ("chief executive", "chief engineer", "head of research", "finance director")
PLACES = ("Oslo", "Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Perth", "Dakar")


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def story(rng: random.Random) -> str:
    org, other = f"{name(rng)} {rng.choice(['Corp', 'Labs', 'Inc', 'Group'])}", name(rng, 3)
    person = f"{name(rng)} {name(rng)}"
    product = f"{name(rng)} {rng.randint(2, 9)}"
    sentences = [f"{org} hired {person} as {rng.choice(ROLES)}.",
                 f"{org} released {product} in {rng.choice(PLACES)} on Monday.",
                 f"{org} acquired {other} for ${rng.randint(5, 900)} million.",
                 f"{person} said the deal would close this year."]
    rng.shuffle(sentences)
    return " ".join(sentences[:rng.randint(2, 4)]) + "\n"


def kg(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def graph_digest(store: Path, cwd: Path) -> tuple[str, int]:
    """The store's graph (Turtle export, as graph.ttl) as a digest, and its triple count; fails
    if the store does not open or kg stats does not work."""
    stats = kg("stats", "--store", str(store), cwd=cwd)
    if stats.returncode != 0:
        raise SystemExit(f"kg stats failed: {stats.stderr.strip()}")
    triples = int(next(ln.split()[1] for ln in stats.stdout.splitlines()
                       if ln.startswith("triples")))
    dump = subprocess.run([sys.executable, "-m", "kg", "export", "--store", str(store)],
                          cwd=cwd, capture_output=True, check=True)
    return hashlib.sha256(dump.stdout).hexdigest(), triples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kg-soak-"))
    corpus = work / "corpus"
    corpus.mkdir()
    serial = 0
    for _ in range(args.stories):
        serial += 1
        (corpus / f"s{serial:05d}.txt").write_text(story(rng), encoding="utf-8")
    build = ["build", "corpus", "--store", "store", "--out", "out", "-j", str(args.jobs)]
    started = time.monotonic()
    first = kg(*build, cwd=work)
    if first.returncode != 0:
        raise SystemExit(first.stderr)
    last_seconds = time.monotonic() - started
    print(f"built {args.stories} stories in {last_seconds:.0f} s", flush=True)
    survived = lost = finished = 0
    rows = []
    for round_ in range(1, args.kills + 1):
        before = graph_digest(work / "store", work)
        files = sorted(corpus.iterdir())
        for path in rng.sample(files, 10):
            path.unlink()
        for path in rng.sample(sorted(corpus.iterdir()), 5):
            path.write_text(path.read_text(encoding="utf-8") + story(rng), encoding="utf-8")
        for _ in range(10):
            serial += 1
            (corpus / f"s{serial:05d}.txt").write_text(story(rng), encoding="utf-8")
        env = None
        if rng.random() < 0.5:
            how = rng.choice(POINTS)
            env = {**os.environ, "KG_FAULT": f"kill:{how}"}
            delay = None
        else:
            delay = rng.uniform(0, last_seconds)
            how = f"after {delay:.1f} s"
        process = subprocess.Popen([sys.executable, "-m", "kg", *build], cwd=work, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if delay is not None:
            try:
                process.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                process.kill()
        code = process.wait()
        killed = code == -9
        finished += not killed
        after_kill = graph_digest(work / "store", work)
        started = time.monotonic()
        rebuild = kg(*build, cwd=work)
        last_seconds = max(1.0, time.monotonic() - started)
        if rebuild.returncode != 0:
            raise SystemExit(f"round {round_}: the rebuild failed: {rebuild.stderr.strip()}")
        after = graph_digest(work / "store", work)
        whole = after_kill[0] in (before[0], after[0])
        state = "old" if after_kill[0] == before[0] else "new" if after_kill[0] == after[0] \
            else "MIXED"
        survived += killed and whole
        if not whole:
            lost += max(0, min(before[1], after[1]) - after_kill[1])
        rows.append((round_, how, "killed" if killed else f"exit {code}", state,
                     after_kill[1], after[1]))
        print(f"round {round_:2d}: {how:<22} {rows[-1][2]:<8} store after kill: {state:<5} "
              f"({after_kill[1]} triples; rebuilt: {after[1]})", flush=True)
    fresh = kg("build", "corpus", "--store", "fresh-store", "--out", "fresh-out", "-j",
               str(args.jobs), cwd=work)
    same = fresh.returncode == 0 and (work / "out/graph.ttl").read_bytes() == (
        work / "fresh-out/graph.ttl").read_bytes()
    kills = sum(1 for r in rows if r[2] == "killed")
    print(f"\nsummary: {args.stories} stories, {args.kills} rounds, {kills} kills survived "
          f"{survived}/{kills}, {finished} builds finished before their kill, quads lost: "
          f"{lost}, final graph.ttl identical to a from-scratch build: {same}")
    shutil.rmtree(work)
    if lost or survived != kills or not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
