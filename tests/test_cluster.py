"""Parsing on a Dask cluster (``kg build --cluster``) writes the graph a local build writes,
on local workers and on a scheduler and workers started as commands, even when a worker dies
mid-batch; a build without ``--cluster`` never imports Dask."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
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
HAS_DASK = importlib.util.find_spec("distributed") is not None
NO_DASK = pytest.mark.skipif(
    not HAS_DASK, reason="Dask distributed is not installed (pip install 'kg[cluster]')")
# The scheduler and workers started as commands: quiet as `--cluster local:N` starts them.
QUIET_ENV = {"DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
             "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL": "1s",
             "DASK_DISTRIBUTED__WORKER__MEMORY__MONITOR_INTERVAL": "1s"}
START_SECONDS = 180  # for two workers to join on a loaded 2-core machine


def _stories(folder: Path, count: int = 8) -> Path:
    """``count`` short invented stories, one file each (the eight firms bought by others as
    ``count`` grows past eight)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        buyer, bought = BUYERS[i % 8], BOUGHT[(i + i // 8) % 8]
        chief, city = CHIEFS[(i + 2 * (i // 8)) % 8], CITIES[(i + 3 * (i // 8)) % 8]
        (folder / f"story{i}.txt").write_text(
            f"{buyer} bought {bought} for {10 + i} million dollars on Monday. {bought} is "
            f"based in {city}.\n\n{chief}, the chief executive of {buyer}, said the deal "
            f"would close next month. {chief} said {buyer} would keep every plant.\n",
            "utf-8")
    return folder


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.fixture
def scheduler_and_workers(tmp_path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """``dask scheduler`` and two ``dask worker`` processes (no nanny: a worker killed stays
    dead) on 127.0.0.1, started as a user starts them and stopped after the test, whatever
    its end: the scheduler's address and the workers' processes."""
    from distributed import Client

    dask = str(Path(sys.executable).parent / "dask")
    env = {**os.environ, **QUIET_ENV}
    address = f"tcp://127.0.0.1:{_free_port()}"
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str, *args: str) -> subprocess.Popen[bytes]:
        with (logs / f"{name}.log").open("wb") as log:
            started.append(subprocess.Popen([dask, *args], cwd=tmp_path, env=env,
                                            stdout=log, stderr=subprocess.STDOUT))
        return started[-1]

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port",
              address.rsplit(":", 1)[1], "--no-dashboard", "--dashboard-address",
              "127.0.0.1:0")
        workers = [start(f"worker{i}", "worker", address, "--nthreads", "1", "--no-nanny",
                         "--host", "127.0.0.1", "--no-dashboard", "--dashboard-address",
                         "127.0.0.1:0", "--death-timeout", str(START_SECONDS))
                   for i in range(2)]
        with Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(2, timeout=START_SECONDS)
        yield address, workers
    finally:
        for process in reversed(started):
            _stop(process)


@pytest.mark.slow
@NO_DASK
def test_one_process_two_and_local_clusters_write_the_same_graph_and_dask_stays_out(tmp_path):
    corpus = tmp_path / "news"
    shutil.copytree(SEEDS, corpus)
    _stories(corpus / "invented", 6)
    local = ("import sys\nfrom kg.cli import cli\n"
             f"cli.main(['build', {str(corpus)!r}, '--jobs', '1', '--store', 's1', '--out', "
             "'o1'], standalone_mode=False)\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', "
             "'distributed')))\n")
    done = subprocess.run([sys.executable, "-c", local], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"  # nothing of Dask imported
    one = (tmp_path / "o1/graph.ttl").read_bytes()
    for run, how in enumerate((["--jobs", "2"], ["--cluster", "local:2"],
                               ["--cluster", "local:4"]), start=2):
        done = _kg("build", str(corpus), *how, "--store", f"s{run}", "--out", f"o{run}",
                   cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "documents  10 (10 parsed" in done.stdout, how
        assert (tmp_path / f"o{run}/graph.ttl").read_bytes() == one, how


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
            if not busy:
                return  # between two batches (a loaded machine): kill at the next document
            pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        options = BuildOptions(store=tmp_path / "s2", out=tmp_path / "o2",
                               cluster=cluster.scheduler_address)
        report = build([stories], options, progress=kill_a_busy_worker)
    assert killed
    assert report.parsed == 8
    assert (tmp_path / "o2/graph.ttl").read_bytes() == (tmp_path / "o1/graph.ttl").read_bytes()


@pytest.mark.slow
@NO_DASK
def test_worker_killed_mid_parse_on_a_started_cluster_leaves_the_graph_the_same(
        tmp_path, scheduler_and_workers):
    from distributed import Client

    address, workers = scheduler_and_workers
    stories = _stories(tmp_path / "stories", 48)  # three batches of kg's 20 documents
    done = _kg("build", str(stories), "--jobs", "1", "--store", "s1", "--out", "o1",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    build = subprocess.Popen([*KG, "build", str(stories), "--cluster", address, "--store",
                              "s2", "--out", "o2"], cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    killed = None
    try:
        with Client(address, timeout=START_SECONDS) as client:
            pids = client.run(os.getpid)  # each worker's process id, by its address
            assert sorted(pids.values()) == sorted(p.pid for p in workers)
            deadline = time.monotonic() + 600
            while killed is None and build.poll() is None and time.monotonic() < deadline:
                busy = [w for w, keys in client.processing().items()
                        if any("extract_batch" in str(key) for key in keys)]
                if busy:  # a batch of the build is being parsed there: its worker dies
                    (killed,) = [p for p in workers if p.pid == pids[busy[0]]]
                    os.kill(killed.pid, signal.SIGKILL)
                else:
                    time.sleep(0.05)
        stdout, stderr = build.communicate(timeout=600)
    finally:
        _stop(build)
    assert killed is not None, "the build ended before a worker could be killed"
    assert killed.wait(timeout=20) == -signal.SIGKILL
    assert build.returncode == 0, stderr
    assert "documents  48 (48 parsed" in stdout
    assert (tmp_path / "o2/graph.ttl").read_bytes() == (tmp_path / "o1/graph.ttl").read_bytes()


@pytest.mark.slow
@NO_DASK
def test_workers_resolve_each_document_within_itself_and_the_driver_only_what_lists_change(
        tmp_path, nlp, monkeypatch):
    import kg.resolve

    news = tmp_path / "news"
    news.mkdir()
    # "Quillmark Harrowgate", written once, is two firms whose comma got lost: both words are
    # firms of their own elsewhere. The worker that resolved that story did not know it.
    for name, text in (
            ("lost.txt", "Tarnwell Foods bought stakes in Quillmark Harrowgate and Delmont "
                         "Paper on Monday."),
            ("one.txt", "Quillmark Inc hired 20 engineers in Leeds. Shares of Quillmark Inc "
                        "rose 3 percent."),
            ("two.txt", "Harrowgate Corp sold a plant to Brisby Analytics. Shares of "
                        "Harrowgate Corp fell 2 percent.")):
        (news / name).write_text(text + "\n", "utf-8")
    build([news], BuildOptions(store=tmp_path / "s1", out=tmp_path / "o1", jobs=1), nlp=nlp)
    here: list[str] = []  # the documents the driver resolved within themselves
    within_itself = kg.resolve.resolve_document

    def resolve_document(document, *args):
        here.append(Path(document.source).name)
        return within_itself(document, *args)

    monkeypatch.setattr(kg.resolve, "resolve_document", resolve_document)
    report = build([news], BuildOptions(store=tmp_path / "s2", out=tmp_path / "o2",
                                        cluster="local:2"))
    assert report.parsed == 3
    assert here == ["lost.txt"]
    assert (tmp_path / "o2/graph.ttl").read_bytes() == (tmp_path / "o1/graph.ttl").read_bytes()


@pytest.mark.slow
@NO_DASK
def test_an_update_on_a_cluster_writes_the_graph_of_a_fresh_local_build(tmp_path, nlp):
    stories = _stories(tmp_path / "stories", 6)
    options = BuildOptions(store=tmp_path / "s2", out=tmp_path / "o2", cluster="local:2")
    build([stories], options)
    _stories(tmp_path / "more", 8)  # two stories more, and the first six again
    for i in (6, 7):
        (tmp_path / "more" / f"story{i}.txt").rename(stories / f"story{i}.txt")
    report = build([stories], options)
    assert (report.parsed, report.unchanged) == (2, 6)
    build([stories], BuildOptions(store=tmp_path / "s1", out=tmp_path / "o1", jobs=1), nlp=nlp)
    assert (tmp_path / "o2/graph.ttl").read_bytes() == (tmp_path / "o1/graph.ttl").read_bytes()
