"""The data lines a store writes in sorted runs on disk, and the Turtle export written in parts
from them: the same bytes as one serialization of the whole graph, whatever the sizes."""

from __future__ import annotations

import random

from kg.stores import lines as lines_module
from kg.stores.lines import SortedRuns
from tests.conftest import SEEDS


def test_runs_merge_to_every_line_once_in_order_whatever_the_run_size(tmp_path, monkeypatch):
    monkeypatch.setattr(lines_module, "RUN_LINES", 7)
    monkeypatch.setattr(lines_module, "MAX_RUNS", 3)  # runs merged into one along the way
    made = [f'<urn:x:{n % 23}> <urn:p:{n % 5}> "v{n % 11}"' for n in range(200)]
    made += ['<urn:x:1> <urn:p:1> "v"', '<urn:x:1> <urn:p:1> "v"@en', '<urn:x:1> <urn:p:1> "é"']
    random.Random(4).shuffle(made)
    runs = SortedRuns(tmp_path / "lines")
    for line in made:
        runs.append(line)
    got = list(runs.merged())
    assert got == [f"{line} .\n".encode() for line in sorted(set(made))]
    assert len(list((tmp_path / "lines").iterdir())) <= 3
    runs.remove()
    assert not (tmp_path / "lines").exists()


def test_turtle_written_in_parts_is_the_whole_graphs_bytes_and_leaves_no_runs(
        tmp_path, monkeypatch, seeds_build, nlp):
    from kg import export as export_module
    from kg.pipeline import BuildOptions, build


    _, out, _ = seeds_build
    monkeypatch.setattr(lines_module, "RUN_LINES", 50)
    monkeypatch.setattr(lines_module, "MAX_RUNS", 4)
    monkeypatch.setattr(export_module, "PART_LINES", 9)  # many parts, each cut at a subject
    store = tmp_path / "store"
    build([SEEDS], BuildOptions(store=store, out=tmp_path / "out"), nlp=nlp)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    assert not list(store.glob("g*/lines"))


def test_a_build_without_exports_leaves_no_runs(tmp_path, nlp):
    from kg.pipeline import BuildOptions, build


    store = tmp_path / "store"
    build([SEEDS], BuildOptions(store=store, out=None), nlp=nlp)
    assert not list(store.glob("g*/lines"))


def test_a_store_loaded_in_many_bulk_loads_holds_the_same_quads(tmp_path, monkeypatch,
                                                                  seeds_build, nlp):
    from kg.export import export
    from kg.pipeline import BuildOptions, build
    from kg.store import Store
    from kg.stores import embedded

    seeds_store, _, report = seeds_build
    monkeypatch.setattr(embedded, "LOAD_QUADS", 50)
    store = tmp_path / "store"
    again = build([SEEDS], BuildOptions(store=store, out=None), nlp=nlp)
    assert again.triples == report.triples
    for name, path in (("before", seeds_store), ("after", store)):
        with Store(path, create=False) as opened:
            export(opened, "nquads", tmp_path / f"{name}.nq")
    assert (tmp_path / "after.nq").read_bytes() == (tmp_path / "before.nq").read_bytes()
