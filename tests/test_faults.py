"""The fault suite: real ``kg`` processes killed (SIGKILL), interrupted (SIGINT) or out of space
at each phase of a build, then checked. Whatever happened, the store opens, ``kg stats`` works,
the store holds the old graph or the new one whole (compared byte for byte with builds never
interrupted), and the rerun exits 0 with the same ``graph.ttl`` as an uninterrupted build.

A build reaches its phases in order; ``KG_FAULT=ACTION:POINT`` (kg/faults.py) makes it act at
one of them, so every kill lands where it is meant to, and the kill is a real one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.pipeline import BuildOptions, build
from kg.stores.extractions import ExtractionLog

ARTICLES = {
    "a.txt": "Zentrik Labs hired Ola Berg as chief engineer. Berg joined from Varnel Corp.\n",
    "b.txt": "Varnel Corp released Quillbox, a note-taking app, in Oslo on Monday.\n",
    "c.txt": "Pellam Inc acquired Drosk Systems for $40 million, Pellam said on Tuesday.\n",
    "d.txt": "Mira Tolvan, the chief executive of Pellam Inc, announced the deal.\n",
}
EXTRA = "Halvor Group bought Tessly Foods.\n"
GONE = "d.txt"  # removed by the incremental rebuilds: no parse, so no model to load
BUILD = ("build", "corpus", "--store", "store", "--out", "out", "-j", "1")
# Before the new generation is published a killed build leaves the old graph; after, the new.
BEFORE_PUBLISH = ("scan", "resolve", "store.new", "store.load", "store.loaded", "store.state")
AFTER_PUBLISH = ("store.published", "export.turtle", "export.tmp", "export.graphml", "done")


@dataclass(frozen=True)
class Reference:
    """Builds never interrupted: the full corpus, and the corpus less ``GONE``."""

    base: Path  # corpus/, store/ and out/ of the full build
    extra: Path  # a build of EXTRA alone, for its cached extraction
    full_ttl: bytes
    less_ttl: bytes
    less_graphml: bytes


def write_corpus(folder: Path, names: tuple[str, ...] = tuple(ARTICLES)) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")


def in_dir(folder: Path, paths: list[str], options: BuildOptions, nlp) -> None:
    """Build with relative paths from ``folder``, as the subprocesses do (sources are paths)."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        build(paths, options, nlp=nlp)
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def ref(tmp_path_factory, nlp) -> Reference:
    base, less = tmp_path_factory.mktemp("full"), tmp_path_factory.mktemp("less")
    write_corpus(base / "corpus")
    write_corpus(less / "corpus", tuple(n for n in ARTICLES if n != GONE))
    for folder in (base, less):
        in_dir(folder, ["corpus"], BuildOptions(store=Path("store"), out=Path("out"), jobs=1),
               nlp)
    extra = tmp_path_factory.mktemp("extra")
    (extra / "corpus").mkdir()
    (extra / "corpus/e.txt").write_text(EXTRA, encoding="utf-8")
    in_dir(extra, ["corpus"], BuildOptions(store=Path("store"), out=None, jobs=1), nlp)
    return Reference(base, extra, (base / "out/graph.ttl").read_bytes(),
                     (less / "out/graph.ttl").read_bytes(),
                     (less / "out/graph.graphml").read_bytes())


def kg(*args: object, cwd: Path, fault: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KG_FAULT"}
    if fault:
        env["KG_FAULT"] = fault
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600,
                          preexec_fn=_ctrl_c_as_at_a_terminal)


def _ctrl_c_as_at_a_terminal() -> None:
    # A test run started in the background (``cmd &``) ignores SIGINT, and a child inherits
    # that: Python then installs no KeyboardInterrupt handler. The build under test gets the
    # disposition it has when a user runs it at a terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def rerun(*args: object, cwd: Path):
    """The rerun, through the real CLI but in this process (its imports are paid for)."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, [str(a) for a in args])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return result


def one_error_line(stderr: str, *words: str) -> bool:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    return (len(lines) == 1 and lines[0].startswith("kg: ") and "Traceback" not in stderr
            and all(w in lines[0] for w in words))


def graph_of(store: Path) -> bytes:
    """The store's graph as ``kg export`` writes it (what ``graph.ttl`` holds); fails if the
    store does not open or ``kg stats`` does not work."""
    runner = CliRunner()
    stats = runner.invoke(cli, ["stats", "--store", str(store)])
    assert stats.exit_code == 0, stats.output
    exported = runner.invoke(cli, ["export", "--store", str(store), "--format", "turtle"])
    assert exported.exit_code == 0, exported.output
    return exported.stdout_bytes


def copy_base(ref: Reference, into: Path) -> Path:
    for part in ("corpus", "store", "out"):
        shutil.copytree(ref.base / part, into / part)
    return into


def generations(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.name.startswith("g"))


# --- kill -9 at each phase ---------------------------------------------------------------------
@pytest.mark.parametrize("point", BEFORE_PUBLISH + AFTER_PUBLISH)
def test_an_incremental_build_killed_at_any_point_loses_nothing(point, ref, tmp_path):
    work = copy_base(ref, tmp_path)
    (work / "corpus" / GONE).unlink()
    killed = kg(*BUILD, cwd=work, fault=f"kill:{point}")
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # the point was reached
    assert graph_of(work / "store") == (ref.full_ttl if point in BEFORE_PUBLISH
                                        else ref.less_ttl)
    rerun(*BUILD, cwd=work)
    assert (work / "out/graph.ttl").read_bytes() == ref.less_ttl
    assert (work / "out/graph.graphml").read_bytes() == ref.less_graphml
    assert graph_of(work / "store") == ref.less_ttl
    assert len(generations(work / "store")) == 1


@pytest.mark.parametrize("point", ["parse", "store.load"])
def test_a_fresh_build_killed_while_parsing_or_writing_keeps_the_old_graph(point, ref, tmp_path,
                                                                           nlp):
    work = copy_base(ref, tmp_path)
    (work / "corpus" / GONE).unlink()
    killed = kg(*BUILD, "--fresh", cwd=work, fault=f"kill:{point}")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert graph_of(work / "store") == ref.full_ttl
    # the rerun in this process, with the session's model (the CLI would load it again)
    in_dir(work, ["corpus"], BuildOptions(store=Path("store"), out=Path("out"), fresh=True,
                                          jobs=1), nlp)
    assert (work / "out/graph.ttl").read_bytes() == ref.less_ttl
    assert graph_of(work / "store") == ref.less_ttl


def test_a_first_build_killed_leaves_no_store_and_says_so(ref, tmp_path):
    write_corpus(tmp_path / "corpus")
    killed = kg(*BUILD, cwd=tmp_path, fault="kill:model")
    assert killed.returncode == -signal.SIGKILL
    stats = kg("stats", "--store", "store", cwd=tmp_path)
    assert stats.returncode == 1 and one_error_line(stats.stderr, "kg build")


def test_ctrl_c_during_the_store_write_is_one_line_and_keeps_the_old_graph(ref, tmp_path):
    work = copy_base(ref, tmp_path)
    (work / "corpus" / GONE).unlink()
    interrupted = kg(*BUILD, cwd=work, fault="interrupt:store.load")
    assert interrupted.returncode == 130 and one_error_line(interrupted.stderr, "interrupted")
    assert graph_of(work / "store") == ref.full_ttl
    assert generations(work / "store") == generations(ref.base / "store")
    rerun(*BUILD, cwd=work)
    assert (work / "out/graph.ttl").read_bytes() == ref.less_ttl


def test_ctrl_c_during_the_exports_keeps_the_new_graph(ref, tmp_path):
    work = copy_base(ref, tmp_path)
    (work / "corpus" / GONE).unlink()
    interrupted = kg(*BUILD, cwd=work, fault="interrupt:export.tmp")
    assert interrupted.returncode == 130 and one_error_line(interrupted.stderr, "interrupted")
    assert graph_of(work / "store") == ref.less_ttl
    assert not list((work / "out").glob("*.tmp"))
    rerun(*BUILD, cwd=work)
    assert (work / "out/graph.ttl").read_bytes() == ref.less_ttl


# --- reproducers of the old store design --------------------------------------------------------
def test_reproducer_1_a_build_killed_in_the_store_write_keeps_the_graph(ref, tmp_path):
    """Was: the write removed every graph first; killed during it the store held 0 quads, and
    the next build reported 'unchanged' over the empty store."""
    work = copy_base(ref, tmp_path)
    (work / "corpus" / "e.txt").write_text(EXTRA, encoding="utf-8")
    log = ExtractionLog(work / "store/cache")  # its extraction, so no model loads
    for doc_id, signature, data in ExtractionLog(ref.extra / "store/cache").entries():
        log.put(doc_id, signature, json.dumps(data))
    log.close()
    killed = kg(*BUILD, cwd=work, fault="kill:store.load")
    assert killed.returncode == -signal.SIGKILL
    assert graph_of(work / "store") == ref.full_ttl
    (work / "corpus" / "e.txt").unlink()
    assert "4 unchanged" in rerun(*BUILD, cwd=work).output
    assert graph_of(work / "store") == ref.full_ttl
    assert (work / "out/graph.ttl").read_bytes() == ref.full_ttl


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    if shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


def _fill(disk: Path, spare: int) -> Path:
    """Take every free byte of ``disk`` but ``spare``: room to open the store, not to write
    the new graph, so the disk fills up in the middle of the write."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as out:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError:
                pass
    os.truncate(filler, filler.stat().st_size - spare)
    return filler


def test_reproducer_2_a_full_disk_is_one_line_and_keeps_the_graph(ref, tmp_path):
    """Was: a raw OSError traceback, the previous graph gone, and after freeing space the
    rebuild reported 'unchanged' over the empty store. On a real full tmpfs where the test
    may mount one (root), else skipped: the injected full disk below always runs."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "20m"):
        pytest.skip("cannot mount a tmpfs here (not root); the injected full disk covers it")
    try:
        work = copy_base(ref, disk)
        (work / "corpus" / GONE).unlink()
        filler = _fill(disk, spare=192 * 1024)
        full = kg(*BUILD, cwd=work)
        assert full.returncode == 1 and one_error_line(full.stderr, "no space left")
        assert graph_of(work / "store") == ref.full_ttl
        filler.unlink()
        rerun(*BUILD, cwd=work)
        assert graph_of(work / "store") == ref.less_ttl
        assert (work / "out/graph.ttl").read_bytes() == ref.less_ttl
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


@pytest.mark.parametrize("point", ["store.load", "export.turtle"])
def test_an_injected_full_disk_is_one_line_and_keeps_a_whole_graph(point, ref, tmp_path):
    work = copy_base(ref, tmp_path)
    (work / "corpus" / GONE).unlink()
    full = kg(*BUILD, cwd=work, fault=f"enospc:{point}")
    assert full.returncode == 1 and one_error_line(full.stderr, "no space left")
    published = point.startswith("export")
    assert graph_of(work / "store") == (ref.less_ttl if published else ref.full_ttl)
    assert len(generations(work / "store")) == 1
    rerun(*BUILD, cwd=work)
    assert (work / "out/graph.ttl").read_bytes() == ref.less_ttl


@pytest.mark.parametrize("fault", ["enospc:store.load", "interrupt:store.load"])
def test_a_fresh_build_that_fails_in_its_store_write_leaves_no_export_written_meanwhile(
        fault, ref, tmp_path):
    # a fresh build writes the Turtle export while the database loads the graph: the store
    # write failing after it, the old graph and its export stay, and nothing is left beside
    work = copy_base(ref, tmp_path)
    (work / "corpus" / GONE).unlink()
    failed = kg(*BUILD, "--fresh", cwd=work, fault=fault)
    assert failed.returncode in (1, 130), failed.stderr
    assert graph_of(work / "store") == ref.full_ttl
    assert (work / "out/graph.ttl").read_bytes() == ref.full_ttl
    assert sorted(p.name for p in (work / "out").iterdir()) == ["graph.graphml", "graph.ttl"]
    rerun(*BUILD, "--fresh", cwd=work)
    assert (work / "out/graph.ttl").read_bytes() == ref.less_ttl
    assert sorted(p.name for p in (work / "out").iterdir()) == ["graph.graphml", "graph.ttl"]


def test_reproducer_3_a_file_name_that_is_not_utf8(ref, tmp_path, nlp):
    """Was: a ValueError traceback inside the store write, after the old graphs were removed."""
    work = copy_base(ref, tmp_path)
    bad = os.fsdecode(b"bad\xffname.txt")
    (work / "corpus" / bad).write_text("Quorvex hired Bob Danner.\n", encoding="utf-8")
    in_dir(work, ["corpus"], BuildOptions(store=Path("store"), out=Path("out"), jobs=1), nlp)
    sources = CliRunner().invoke(cli, ["query", "--store", str(work / "store"), "--format",
                                       "tsv", "SELECT ?s WHERE { ?d kg:source ?s }"])
    assert sources.exit_code == 0 and "corpus/bad\ufffdname.txt" in sources.output
    assert len(sources.output.splitlines()) == 1 + len(ARTICLES) + 1


# --- concurrency -------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, what: str, limit: float = 60.0) -> None:
    """Poll until ``condition()``; fail after ``limit`` seconds (a hang, not a slow machine)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.1)


def _ask(port: int) -> bool:
    data = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return b"true" in response.read()
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_reproducers_4_and_5_serve_holds_the_lock_and_its_server_dies_with_it(ref, tmp_path):
    """Was: build --fresh during serve deleted the store under the server (every command then
    failed with 'Corruption'), and kill -9 of kg serve left oxigraph serving the store."""
    work = copy_base(ref, tmp_path)
    port = _free_port()
    serve = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", "store", "--port",
                              str(port)], cwd=work, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: _ask(port), "the endpoint answers")
        fresh = kg(*BUILD, "--fresh", cwd=work)
        assert fresh.returncode == 1 and one_error_line(fresh.stderr, "in use")
        query = kg("query", "--store", "store", "ASK { ?s ?p ?o }", cwd=work)
        assert query.returncode == 0 and query.stdout.strip() == "true"  # readers share it
        servers = _children(serve.pid)
        assert servers and all(_alive(p) for p in servers)
        serve.send_signal(signal.SIGKILL)
        serve.wait()
        _wait_for(lambda: not any(_alive(p) for p in servers), "oxigraph dies with kg serve")
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    assert graph_of(work / "store") == ref.full_ttl
    (work / "corpus" / GONE).unlink()
    rerun(*BUILD, cwd=work)
    assert graph_of(work / "store") == ref.less_ttl


def test_a_second_build_and_a_query_during_a_build_say_in_use(ref, tmp_path):
    work = copy_base(ref, tmp_path)
    (work / "corpus" / GONE).unlink()
    env = {**os.environ, "KG_FAULT": "stop:store.load"}
    first = subprocess.Popen([sys.executable, "-m", "kg", *BUILD], cwd=work, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _, status = os.waitpid(first.pid, os.WUNTRACED)  # frozen mid-write, holding the lock
        assert os.WIFSTOPPED(status)
        second = kg(*BUILD, cwd=work)
        assert second.returncode == 1 and one_error_line(second.stderr, "in use")
        query = kg("query", "--store", "store", "ASK { ?s ?p ?o }", cwd=work)
        assert query.returncode == 1 and one_error_line(query.stderr, "in use")
    finally:
        os.kill(first.pid, signal.SIGCONT)
        first.wait()
    assert first.returncode == 0, first.stderr.read()
    first.stderr.close()
    assert graph_of(work / "store") == ref.less_ttl
