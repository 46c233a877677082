"""Parsing on a Dask cluster (``kg build --cluster``) writes the graph a local build writes,
even when a worker dies mid-batch; a build without ``--cluster`` never imports Dask."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import BuildOptions, build
from kg.progress import Step

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KG = [sys.executable, "-m", "kg"]

BUYERS = ["Quillmark Systems", "Tarnwell Foods", "Harrowgate Motors", "Brisby Analytics",
          "Corvane Shipping", "Delmont Paper", "Emberlin Bank", "Fosswick Media"]
BOUGHT = ["Pelham Dairies", "Vexadraw Labs", "Ormsby Tools", "Glenrock Mills",
          "Haverly Studios", "Islay Printers", "Jessop Freight", "Kestrel Audio"]
CHIEFS = ["Orla Finch", "Jonas Brandt", "Ines Okafor", "Tobias Wrenn",
          "Maren Holt", "Idris Calloway", "Sunniva Rask", "Pavel Orlov"]
CITIES = ["Cork", "Leeds", "Ghent", "Porto", "Malmo", "Tartu", "Graz", "Lille"]


def _stories(folder: Path) -> Path:
    """Eight short invented stories, one file each."""
    folder.mkdir()
    stories = zip(BUYERS, BOUGHT, CHIEFS, CITIES, strict=True)
    for i, (buyer, bought, chief, city) in enumerate(stories):
        (folder / f"story{i}.txt").write_text(
            f"{buyer} bought {bought} for {10 + i} million dollars on Monday. {bought} is "
            f"based in {city}.\n\n{chief}, the chief executive of {buyer}, said the deal "
            f"would close next month. {chief} said {buyer} would keep every plant.\n",
            "utf-8")
    return folder


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_local_cluster_writes_the_graph_of_one_process_and_dask_stays_out_otherwise(tmp_path):
    local = ("import sys\nfrom kg.cli import cli\n"
             f"cli.main(['build', {str(SEEDS)!r}, '--jobs', '1', '--store', 's1', '--out', "
             "'o1'], standalone_mode=False)\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', "
             "'distributed')))\n")
    done = subprocess.run([sys.executable, "-c", local], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"  # nothing of Dask imported
    done = _kg("build", str(SEEDS), "--cluster", "local:2", "--store", "s2", "--out", "o2",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "documents  4 (4 parsed" in done.stdout
    assert (tmp_path / "o2/graph.ttl").read_bytes() == (tmp_path / "o1/graph.ttl").read_bytes()


def test_unreachable_scheduler_is_one_line_naming_it(tmp_path):
    # -q: on a loaded machine a progress line could come before the error
    done = _kg("build", str(SEEDS), "--cluster", "tcp://127.0.0.1:1", "-q", cwd=tmp_path)
    assert done.returncode != 0
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("kg: error: tcp://127.0.0.1:1: cannot reach")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_batch_of_a_killed_worker_is_run_again_and_the_graph_is_the_same(tmp_path, nlp,
                                                                         monkeypatch):
    from distributed import Client, LocalCluster

    from kg.executors import dask

    stories = _stories(tmp_path / "stories")
    build([stories], BuildOptions(store=tmp_path / "s1", out=tmp_path / "o1", jobs=1), nlp=nlp)
    monkeypatch.setattr(dask, "BATCH_DOCUMENTS", 1)  # eight batches, four in flight
    killed: list[int] = []
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      **dask.LOCAL_QUIET) as cluster, Client(cluster) as client:

        def kill_a_busy_worker(step: Step) -> None:
            if killed or not step.done:
                return
            busy = [w for w, keys in client.processing().items() if keys]
            assert busy, "no batch left in flight to interrupt"
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        options = BuildOptions(store=tmp_path / "s2", out=tmp_path / "o2",
                               cluster=cluster.scheduler_address)
        report = build([stories], options, progress=kill_a_busy_worker)
    assert killed
    assert report.parsed == 8
    assert (tmp_path / "o2/graph.ttl").read_bytes() == (tmp_path / "o1/graph.ttl").read_bytes()
