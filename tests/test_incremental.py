"""Updates cost what they change: a build that adds or removes a few documents reuses what
earlier builds resolved and replaces only the graphs that change, and gives the same graph,
byte for byte, as a fresh build of the same documents."""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.model import Document, Extraction
from kg.ontology import ENTITY_GRAPH, KG, load_vocabulary
from kg.pipeline import BuildOptions, build
from kg.resolve import resolve
from kg.storedir import SAVED, SEEN, STATE
from kg.stores import open as open_store
from kg.stores.embedded import Store
from kg.stores.quads import document_iri
from tests.test_e2e import select
from tests.test_stores import server  # noqa: F401  (the Oxigraph server fixture)

# Invented stories. The third changes what the first two say: it makes "Pellar Group Ltd"
# the usual name of an organization the second names "Pellar Group" (so that document's
# graph names it anew), and names "Corvane" and "Helix" apart, which makes the first
# document's "Corvane Helix" a list that lost its comma.
EARLIER = {
    "01.txt": "Quorvex Systems hired Talia Verne as chief executive on Monday.\n\n"
              "The fund owns stakes in Corvane Helix and Dremmel Bank.\n",
    "02.txt": "Talia Verne said Quorvex Systems would open a plant in Ohio.\n\n"
              "Marek Ostrand, an analyst at Pellar Group, said the plan was bold.\n",
    "04.txt": "Ilsa Marrow joined Fenwick Labs as chief scientist last year.\n",
}
LATER = {
    "03.txt": "Quorvex Systems released the Zenthia phone on Tuesday. Pellar Group Ltd said "
              "the phone would ship in May. Pellar Group Ltd has rated the shares a buy, and "
              "Pellar Group Ltd expects strong sales.\n\n"
              "Corvane Inc. and Helix Inc. signed a supply deal with Quorvex Systems.\n",
}


def _write(folder: Path, stories: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")


def _build(base: Path, step: str, fresh: bool = False, nlp=None, gate: bool = True) -> bytes:
    """Build ``base / "news"`` into ``base / step``, naming the stories by relative paths, so
    that a copy of ``base`` is the same corpus and store (``gate``: as ``--no-gate`` if not)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(base)
        build([Path("news")], BuildOptions(store=Path(step) / "store", out=Path(step) / "out",
                                           fresh=fresh, jobs=1, gate=gate), nlp=nlp)
    return (base / step / "out" / "graph.ttl").read_bytes()


@pytest.fixture(scope="module")
def updated(tmp_path_factory, nlp):
    """The stories built in two steps, and the same stories built at once."""
    base = tmp_path_factory.mktemp("incremental")
    _write(base / "news", EARLIER)
    before = _build(base, "step", nlp=nlp)
    _write(base / "news", LATER)
    after = _build(base, "step", nlp=nlp)
    fresh = _build(base, "fresh", fresh=True, nlp=nlp)
    return base, before, after, fresh


def _copy(base: Path, to: Path) -> Path:
    shutil.copytree(base / "news", to / "news")
    shutil.copytree(base / "step", to / "step")
    return to


def test_adding_documents_gives_the_graph_of_a_fresh_build(updated):
    base, before, after, fresh = updated
    assert after == fresh
    assert after != before
    # an update counts its quads from the earlier count, those removed and those added
    counts = []
    for step in ("step", "fresh"):
        with Store(base / step / "store", create=False) as store:
            counts.append((store.state()["triples"], len(store.ox)))
    assert counts[0] == counts[1] and counts[0][0] == counts[0][1]


def test_writing_the_exports_keeps_what_the_next_update_compares(updated):
    base, _, _, _ = updated
    with Store(base / "step" / "store", create=False) as store:
        state = store.state()
    assert {"graphs", "nodes", "ontology", "relations", "exports"} <= set(state)
    assert len(state["exports"]) == 2 and len(state["graphs"]) == 4


def test_an_update_rewrites_the_earlier_documents_it_changes(updated):
    base, before, after, _ = updated
    # the point of the stories: the new one changes what the earlier ones' graphs say
    assert b"ent:Pellar_Group " in before and b"ent:Pellar_Group " not in after
    assert b"ent:Corvane_Helix" in before and b"ent:Corvane_Helix" not in after
    with Store(base / "step" / "store", create=False) as store:
        employers = {r["org"].value for r in store.ox.query(
            f"SELECT ?org WHERE {{ ?p <{KG}worksFor> ?org }}", use_default_graph_as_union=True)}
    assert any(org.endswith("Pellar_Group_Ltd") for org in employers), employers


def test_an_update_moves_a_documents_mentions_to_the_renamed_entity(updated):
    base, _, _, _ = updated
    with Store(base / "step" / "store", create=False) as store:
        named = {r["e"].value.rsplit("/", 1)[-1] for r in store.ox.query(
            "SELECT ?e WHERE { ?d <https://schema.org/mentions> ?e ; "
            f"<{KG}source> ?source FILTER(CONTAINS(?source, '02.txt')) }}",
            use_default_graph_as_union=True)}
    assert "Pellar_Group_Ltd" in named and "Pellar_Group" not in named


def test_removing_a_document_gives_the_graph_of_a_fresh_build(updated, nlp, tmp_path):
    base, before, _, _ = updated
    copy = _copy(base, tmp_path)
    (copy / "news" / "03.txt").unlink()
    assert _build(copy, "step", nlp=nlp) == before


def test_a_damaged_saved_resolution_is_not_used(updated, nlp, tmp_path):
    base, _, _, fresh = updated
    copy = _copy(base, tmp_path)
    (copy / "news" / "03.txt").unlink()
    _build(copy, "step", nlp=nlp)
    with Store(copy / "step" / "store", create=False) as store:
        assert store.generation is not None
        saved = store.generation / SAVED
    assert saved.stat().st_size > 0
    saved.write_bytes(b"\x00not what kg wrote")
    _write(copy / "news", LATER)
    assert _build(copy, "step", nlp=nlp) == fresh


def test_a_store_write_replaces_only_what_changed(extract, tmp_path):
    """Writing a second resolution over a first (changed, added and removed documents, and
    changed entities) leaves the same quads as writing it into an empty store."""
    vocab = load_vocabulary()

    def doc(doc_id: str, text: str) -> tuple[Document, Extraction]:
        return Document(doc_id, f"{doc_id}.txt", ""), replace(extract(text), doc_id=doc_id)

    first = [doc("a1", EARLIER["01.txt"]), doc("a2", EARLIER["02.txt"]),
             doc("a4", EARLIER["04.txt"])]
    second = [first[0], first[1], doc("a3", LATER["03.txt"])]
    with Store(tmp_path / "updated") as store:
        store.write(resolve(first, vocab), vocab)
        store.write(resolve(second, vocab), vocab)
        updated = set(store.ox)
    with Store(tmp_path / "direct") as store:
        store.write(resolve(second, vocab), vocab)
        direct = set(store.ox)
    assert updated == direct
    graphs = {q.graph_name.value for q in updated}
    assert document_iri("a4") not in graphs and document_iri("a3") in graphs
    assert any(q.graph_name == ox.NamedNode(ENTITY_GRAPH) for q in updated)


def test_a_join_takes_what_the_earlier_one_left_and_gives_the_same_graph(extract):
    """Joined again from what the earlier join left, documents kept as they were (saved and
    loaded) keep their groups of names unless a new name joins one; a document whose facts
    are unchanged is left out of the graphs to write, and everything else is what a join
    from scratch gives."""
    from kg.resolve import combine, lists_without_commas, name_labels, resolve_document
    from kg.resolve import saved as saves

    vocab = load_vocabulary()
    stories = {"a1": EARLIER["01.txt"], "a2": EARLIER["02.txt"], "a4": EARLIER["04.txt"],
               "a3": LATER["03.txt"]}
    found = {d: (Document(d, f"{d}.txt", ""), replace(extract(t), doc_id=d))
             for d, t in stories.items()}

    def join(doc_ids: list[str], earlier=None, kept=()):
        labels = {d: name_labels(found[d][1]) for d in doc_ids}
        lists = lists_without_commas(sum(labels.values(), Counter()))
        local = {d: resolve_document(*found[d], lists, vocab) for d in doc_ids}
        # what a build keeps of a document, as the next one reads it
        local.update({d: saves.load(saves.save(local[d], labels[d], lists), found[d][0])
                      for d in kept})
        return combine(local.values(), vocab, earlier)

    before = join(["a1", "a2", "a4"])
    # a3 renames a2's "Pellar Group", names nothing of a4's; a1 is gone
    again = join(["a2", "a3", "a4"], before.joined, kept=["a2", "a4"])
    fresh = join(["a2", "a3", "a4"])
    assert again.unchanged == ("a4",)
    assert {g.document.doc_id for g in again.documents} == {"a2", "a3"}

    def graphs(resolution):  # (the fixture's extractions all name one document as evidence)
        return {(g.document, g.sentences, tuple((s.subject, s.predicate, s.object,
                                                  replace(s.evidence, doc_id=""))
                                                 for s in g.statements))
                for g in resolution.documents}

    assert graphs(again) < graphs(fresh)
    assert (again.entities, again.relations, again.joined) == (
        fresh.entities, fresh.relations, fresh.joined)
    # the same text read from another file: its graph says so, and is written again
    found["a4"] = (Document("a4", "moved/a4.txt", ""), found["a4"][1])
    assert join(["a2", "a3", "a4"], before.joined, kept=["a2", "a4"]).unchanged == ()


def test_an_update_on_a_sparql_server_gives_the_graph_of_a_fresh_build(
        updated, server, nlp, tmp_path):  # noqa: F811  (server: the fixture imported above)
    _, _, _, fresh = updated
    options = BuildOptions(store=server.url, out=Path("step/out"), cache=Path("step/cache"),
                           jobs=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        _write(Path("news"), EARLIER)
        build([Path("news")], options, nlp=nlp)
        _write(Path("news"), LATER)
        report = build([Path("news")], options, nlp=nlp)
    assert report.parsed == 1
    assert (tmp_path / "step" / "out" / "graph.ttl").read_bytes() == fresh


def test_a_server_graph_is_kept_only_where_the_state_record_vouches_for_it(
        updated, server, nlp, tmp_path):  # noqa: F811  (server: the fixture imported above)
    """After a write that failed half-way, a server's state record is gone and its graphs
    may be newer than the facts the last complete build kept: the next build writes every
    graph again, not only those whose facts changed."""
    import requests

    _, _, _, fresh = updated
    options = BuildOptions(store=server.url, out=Path("step/out"), cache=Path("step/cache"),
                           jobs=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        _write(Path("news"), {**EARLIER, **LATER})
        build([Path("news")], options, nlp=nlp)
        with open_store(server.url, create=False) as opened:  # one graph, overwritten
            doc_id = sorted(opened.documents())[0]
        requests.put(f"{server.url.rstrip('/')}/store", params={"graph": document_iri(doc_id)},
                     data="<urn:x> <urn:y> <urn:z> .", headers={"Content-Type": "text/turtle"},
                     timeout=30).raise_for_status()
        (Path("step/cache") / STATE).unlink()  # as a write that failed half-way leaves it
        build([Path("news")], options, nlp=nlp)
    assert (tmp_path / "step" / "out" / "graph.ttl").read_bytes() == fresh


def _age(folder: Path, seconds: int = 3600) -> None:
    """Set every file's modification time an hour back: older than a build's own writes."""
    old = time.time() - seconds
    for path in folder.rglob("*.txt"):
        os.utime(path, (old, old))


def test_an_update_reads_only_the_files_that_changed(nlp, tmp_path, monkeypatch):
    import kg.stages.scan

    _write(tmp_path / "news", EARLIER)
    _age(tmp_path / "news")
    (tmp_path / "news" / "05.txt").write_bytes(b"\xff\xfe\x00binary")  # skipped, with why
    options = BuildOptions(store=tmp_path / "store", out=None, jobs=1)
    first = build([tmp_path / "news"], options, nlp=nlp)
    reads: list[str] = []
    real = kg.stages.scan.read_documents

    def counted(location, *args):
        reads.append(Path(location).name)
        return real(location, *args)

    monkeypatch.setattr(kg.stages.scan, "read_documents", counted)
    again = build([tmp_path / "news"], options, nlp=nlp)
    # the binary file was written now: too recent to trust its times, so read again
    assert reads == ["05.txt"] and again.parsed == 0 and again.skipped == first.skipped
    reads.clear()
    # the same size and modification time, other words: its change time tells
    news = tmp_path / "news" / "04.txt"
    stat = news.stat()
    news.write_text(EARLIER["04.txt"].replace("Ilsa", "Olga"), encoding="utf-8")
    os.utime(news, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    updated = build([tmp_path / "news"], options, nlp=nlp)
    assert "04.txt" in reads and "01.txt" not in reads and updated.parsed == 1
    labels = {r[0] for r in select(options.store, "SELECT ?l WHERE { ?e rdfs:label ?l }")}
    assert "Olga Marrow" in labels and "Ilsa Marrow" not in labels


def test_a_damaged_record_of_files_is_not_used(nlp, tmp_path):
    _write(tmp_path / "news", EARLIER)
    _age(tmp_path / "news")
    options = BuildOptions(store=tmp_path / "store", out=None, jobs=1)
    first = build([tmp_path / "news"], options, nlp=nlp)
    (tmp_path / "store" / SEEN).write_bytes(b"\x00garbage")
    again = build([tmp_path / "news"], options, nlp=nlp)
    assert (again.documents, again.parsed, again.triples) == (first.documents, 0, first.triples)
