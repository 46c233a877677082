"""Every executor (this process, forked processes, a Dask cluster) builds the same graph and
the same extraction cache from the same corpus, a document longer than a run of paragraphs
included: the long one is read in pieces by several workers and joined in order."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import kg.executors
from kg.cache import extraction_from_json
from kg.executors import extract_text, paragraph_runs
from kg.pipeline import BuildOptions, build
from kg.sources import ReadOptions, documents
from kg.stores.extractions import ExtractionLog

FIRMS = ["Quillmark Systems", "Tarnwell Foods", "Harrowgate Motors", "Brisby Analytics",
         "Corvane Shipping", "Delmont Paper"]
BOUGHT = ["Pelham Dairies", "Vexadraw Labs", "Ormsby Tools", "Glenrock Mills",
          "Haverly Studios", "Islay Printers"]
CHIEFS = ["Orla Finch", "Jonas Brandt", "Ines Okafor", "Tobias Wrenn", "Maren Holt",
          "Idris Calloway"]
CITIES = ["Cork", "Leeds", "Ghent", "Porto", "Malmo", "Tartu"]
CHUNK_CHARS = 500  # the long document below is read in several runs of paragraphs

HAS_DASK = importlib.util.find_spec("distributed") is not None


def _story(i: int) -> str:
    firm, bought, chief, city = FIRMS[i], BOUGHT[i], CHIEFS[i], CITIES[i]
    return (f"{firm} bought {bought} for {10 + i} million dollars on Monday. {bought} is "
            f"based in {city}.\n\n{chief}, the chief executive of {firm}, said the deal "
            f"would close next month. {chief} said {firm} would keep every plant.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Five short stories, one file each, and one file of every story, several runs long."""
    folder = tmp_path_factory.mktemp("executors") / "news"
    folder.mkdir()
    for i in range(5):
        (folder / f"story{i}.txt").write_text(_story(i) + "\n", "utf-8")
    (folder / "digest.txt").write_text("\n\n".join(_story(i) for i in range(6)) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def expected(corpus, nlp, vocab) -> dict[str, object]:
    """Each document's extraction read whole, in one piece, by this process."""
    docs = list(documents([corpus], [], ReadOptions()))
    return {d.doc_id: extract_text(d, nlp, vocab, 64) for d in docs}


@pytest.fixture(scope="module")
def reference(corpus, nlp, tmp_path_factory) -> bytes:
    """The Turtle export of a build in this process, one document after the other."""
    out = tmp_path_factory.mktemp("reference")
    build([corpus], BuildOptions(store=out / "store", out=out / "out", jobs=1), nlp=nlp)
    return (out / "out/graph.ttl").read_bytes()


def _cache(store: Path) -> dict[str, object]:
    log = ExtractionLog(store / "cache")
    return {doc_id: extraction_from_json(data) for doc_id, _, data in log.entries()}


@pytest.mark.slow
@pytest.mark.parametrize("executor", [
    "inline", "processes",
    pytest.param("dask", marks=pytest.mark.skipif(
        not HAS_DASK, reason="Dask distributed is not installed (pip install 'kg[cluster]')"))])
def test_every_executor_builds_the_same_graph(executor, corpus, expected, reference, nlp,
                                              tmp_path, monkeypatch):
    monkeypatch.setattr(kg.executors, "CHUNK_CHARS", CHUNK_CHARS)
    (digest,) = [d for d in documents([corpus], [], ReadOptions())
                 if d.source.endswith("digest.txt")]
    assert len(paragraph_runs(digest)) >= 3
    if executor == "dask":
        from kg.executors import dask

        monkeypatch.setattr(dask, "BATCH_DOCUMENTS", 2)  # several batches in flight at once
    options = BuildOptions(store=tmp_path / "store", out=tmp_path / "out",
                           jobs=2 if executor == "processes" else 1,
                           cluster="local:2" if executor == "dask" else "")
    report = build([corpus], options, nlp=nlp)
    assert report.parsed == len(expected) == 6
    assert _cache(tmp_path / "store") == expected
    assert (tmp_path / "out/graph.ttl").read_bytes() == reference


def test_a_parse_in_this_process_leaves_the_model_out_of_the_cycle_collector(nlp, vocab):
    """While documents are parsed here, what was alive before (the model) is frozen out of the
    collector's passes and young objects are walked less often; both are undone after."""
    import gc

    from kg.executors.inline import extract_stream
    from kg.model import Document

    before = gc.get_threshold()
    docs = [Document(doc_id=f"d{i}", source=f"d{i}.txt", text=_story(i)) for i in range(2)]
    during = [(gc.get_freeze_count(), gc.get_threshold()[0])
              for _ in extract_stream(docs, nlp, vocab, batch_size=8)]
    assert len(during) == 2 and all(frozen > 10_000 and young >= 10_000
                                    for frozen, young in during)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
