"""Copies of one story (the same story syndicated to several outlets, a page saved twice, a
teaser of it) are one piece of evidence: kg finds them (kg:copyOf), counts a fact's support
in independent stories and outlets, and lets its confidence rise only with independent
stories."""

from __future__ import annotations

import json
import shutil
from array import array
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.copies import COMMON, copies, decode, encode, shared_hashes, sketch
from kg.graphview import fact_confidence
from kg.model import Document
from tests.test_e2e import select
from tests.test_incremental import _build  # a folder built into a step of its own

# Invented stories. The wire story, a syndicated copy with small edits, its teaser on an
# index page, and an independent story of another outlet that states one of its facts.
WIRE = ("Vexa Labs said on Monday it had acquired Orlin Tools, a maker of garden robots "
        "based in Tarnfield, for an undisclosed sum. Mara Quill, the chief executive of Vexa "
        "Labs, said the deal would double its sales in Europe. Orlin Tools was founded in 2009 "
        "by Pell Ardent, who will stay on as an adviser to the combined company.")
COPY = ("Vexa Labs said on Monday that it had acquired Orlin Tools, a maker of garden robots "
        "based in Tarnfield, for an undisclosed sum. Mara Quill, the chief executive of Vexa "
        "Labs, said the deal would double its sales across Europe. Orlin Tools was founded in "
        "2009 by Pell Ardent, who will stay on as an adviser to the combined company.")
TEASER = ("Vexa Labs said on Monday it had acquired Orlin Tools, a maker of garden robots "
          "based in Tarnfield, for an undisclosed sum.")
OTHER = ("Shares of Vexa Labs rose sharply in Tarnfield trading on Tuesday. Vexa Labs acquired "
         "Orlin Tools last week, analysts noted, in a move that surprised rivals in the "
         "garden robot industry.")
RECORDS = [
    {"url": "https://dailyvane.example/2031/vexa", "published": "2031-03-03",
     "title": "Vexa Labs buys Orlin Tools", "text": WIRE},
    {"url": "https://www.tarnfield-post.example/vexa-orlin", "published": "2031-03-04",
     "title": "Vexa Labs acquires Orlin Tools", "text": COPY},
    {"url": "https://morning-ledger.example/index", "published": "2031-03-04",
     "title": "Business in brief", "text": TEASER},
    {"url": "https://morning-ledger.example/vexa-shares", "published": "2031-03-05",
     "title": "Vexa shares rise", "text": OTHER},
]
COPIES = "SELECT ?copy ?first WHERE { ?c kg:copyOf ?f . ?c schema:url ?copy . " \
         "?f schema:url ?first } ORDER BY ?copy"


def _doc(doc_id: str, text: str, published: str = "", source: str = "") -> Document:
    return Document(doc_id, source or f"{doc_id}.txt", text, published=published)


def _copies(docs: list[Document]) -> dict[str, str]:
    return copies({d.doc_id: sketch(d.text) for d in docs}, {d.doc_id: d for d in docs})


# --- finding copies --------------------------------------------------------------------------

def test_a_copy_with_small_edits_is_a_copy_of_the_first_published():
    found = _copies([_doc("b", COPY, "2031-03-04"), _doc("a", WIRE, "2031-03-03")])
    assert found == {"b": "a"}


def test_a_teaser_is_a_copy_of_its_story_and_another_story_is_not():
    found = _copies([_doc("a", WIRE, "2031-03-03"), _doc("t", TEASER, "2031-03-04"),
                     _doc("o", OTHER, "2031-03-05")])
    assert found == {"t": "a"}


def test_a_few_shared_words_are_not_a_copy():
    # the same opening words, then another story
    other = ("Vexa Labs said on Monday it had hired Oska Brenn as its finance chief, after "
             "a search of eight months that began when Lio Farr retired to Tarnfield.")
    assert _copies([_doc("a", WIRE), _doc("b", other)]) == {}


def test_a_text_too_short_to_tell_has_no_copies():
    assert _copies([_doc("a", WIRE), _doc("b", "Vexa Labs said on Monday it had")]) == {}


def test_clusters_do_not_depend_on_the_order_of_documents():
    docs = [_doc("a", WIRE, "2031-03-03"), _doc("b", COPY, "2031-03-04"),
            _doc("t", TEASER, "2031-03-04"), _doc("o", OTHER)]
    assert _copies(docs) == _copies(docs[::-1]) == {"b": "a", "t": "a"}


def test_shared_hashes_counts_each_pair_of_documents_that_share_an_uncommon_hash():
    # invented sketches: "b" shares 3 hashes with "a" and one with "c"; hash 9 is in more
    # documents than a copy could share (boilerplate), hash 2**32 - 1 is the largest
    def prints(*found: int) -> bytes:
        return array("I", found).tobytes()

    boiler = {f"z{n:03d}": prints(9) for n in range(COMMON)}
    sketches = {"c": prints(5, 2**32 - 1), "a": prints(1, 2, 3, 9),
                "b": prints(1, 2, 3, 5, 9, 2**32 - 1), "d": b"", **boiler}
    assert list(shared_hashes(sketches)) == [("a", "b", 3), ("b", "c", 2)]
    assert list(shared_hashes({"a": prints(1, 2)})) == []
    assert list(shared_hashes({})) == []


def test_a_sketch_is_four_bytes_a_hash_and_reads_back_from_the_record():
    prints = sketch(WIRE)
    assert prints and len(prints) % 4 == 0 and list(array("I", prints)) == sorted(
        set(array("I", prints)))
    assert decode(encode(prints)) == prints
    assert decode("not a sketch!") == b"" and decode(encode(prints)[:-4]) == b""
    assert sketch("Too short to tell.") == b""


def test_support_counts_independent_stories_and_confidence_is_the_best_sentences():
    found = [("a", 0.8, ""), ("b", 0.8, ""), ("t", 0.8, "")]
    assert fact_confidence(found, {"b": "a", "t": "a"}) == (0.8, 1)
    assert fact_confidence([*found, ("o", 0.5, "")], {"b": "a", "t": "a"}) == (0.8, 2)
    assert fact_confidence([*found, ("o", 0.9, "")], {"b": "a", "t": "a"}) == (0.9, 2)
    # two sentences of one document: one story, its better sentence
    assert fact_confidence([("a", 0.7, ""), ("a", 0.6, "")], {}) == (0.7, 1)


def test_a_teaser_on_index_pages_is_one_story():
    # three index pages that each hold the teaser among other teasers are no copies of one
    # another, but the sentence they state the fact in is one source's words
    teaser = TEASER.replace("Vexa Labs", "VEXA LABS", 1)
    found = [("index1", 0.8, TEASER), ("index2", 0.8, teaser), ("index3", 0.8, TEASER),
             ("other", 0.5, "Vexa Labs acquired Orlin Tools last week, analysts noted.")]
    assert fact_confidence(found, {}) == (0.8, 2)
    # a short sentence two outlets may well have written apart counts twice
    short = "Vexa Labs acquired Orlin Tools."
    assert fact_confidence([("x", 0.5, short), ("y", 0.5, short)], {}) == (0.5, 2)


# --- end to end --------------------------------------------------------------------------------

def _write(folder: Path, records: list[dict[str, str]], name: str = "wire.jsonl") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    base = tmp_path_factory.mktemp("copies")
    _write(base / "news", RECORDS)
    # every fact stated as done asserted (--no-gate): these tests count a fact's stories
    _build(base, "step", nlp=nlp, gate=False)
    return base


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_graph_says_which_documents_are_copies(built):
    rows = select(built / "step" / "store", COPIES)
    assert list(rows) == [("https://morning-ledger.example/index", RECORDS[0]["url"]),
                    ("https://www.tarnfield-post.example/vexa-orlin", RECORDS[0]["url"])]


def test_the_graph_with_copies_is_valid(built):
    result = run("validate", "--store", built / "step" / "store")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid")


def test_show_and_explain_count_stories_and_outlets(built):
    store = built / "step" / "store"
    shown = run("show", "Vexa Labs", "--store", store, "--format", "json")
    facts = json.loads(shown.output)["facts"]
    acquired = next(f for f in facts if f["relation"] == "acquired")
    sentences = {s["source"].rsplit("#", 1)[-1] for s in acquired["support"]}
    # the wire story, its copy, its teaser and the other story (all asserted: --no-gate)
    assert sentences == {"1", "2", "3", "4"}
    assert acquired["stories"] == 2 and acquired["outlets"] == 3
    # the confidence of the best sentence, whatever the copies
    assert acquired["confidence"] == max(s["confidence"] for s in acquired["support"])
    table = run("show", "Vexa Labs", "--store", store).output
    assert "4 sentences, 2 stories, 3 outlets]" in table
    explained = run("explain", "Vexa Labs", "acquired", "Orlin Tools", "--store", store).output
    assert "from 4 sentences, 2 stories, 3 outlets" in explained


def test_sparql_counts_independent_stories(built):
    query = (Path(__file__).parent.parent / "examples" / "queries" / "facts-by-stories.rq")
    rows = select(built / "step" / "store", query.read_text(encoding="utf-8"))
    counts = {(r[0], r[1], r[2]): (int(r[3]), int(r[4])) for r in rows}
    # the wire story, its copy, its teaser and another outlet's story: two stories
    assert counts[("Vexa Labs", "acquired", "Orlin Tools")] == (4, 2)
    assert counts[("Mara Quill", "worksFor", "Vexa Labs")] == (2, 1)


def test_the_viewer_shows_stories_and_outlets(built):
    from kg.store import Store
    from kg.view import page_data

    with Store(built / "step" / "store", create=False) as store:
        edges = page_data(store)["edges"]
    acquired = next(e for e in edges if e["relation"] == "acquired")
    assert (acquired["documents"], acquired["stories"], acquired["outlets"]) == (4, 2, 3)


def test_a_copy_added_later_joins_its_cluster(built, nlp, tmp_path):
    base = tmp_path / "later"
    _write(base / "news", [RECORDS[0], RECORDS[3]])
    _build(base, "step", nlp=nlp)
    assert not select(base / "step" / "store", COPIES)
    _write(base / "news", [RECORDS[1]], "more.jsonl")
    _write(base / "news", [RECORDS[2]], "index.jsonl")
    updated = _build(base, "step", nlp=nlp)
    assert len(select(base / "step" / "store", COPIES)) == 2
    assert updated == _build(base, "fresh", fresh=True, nlp=nlp)
    # and leaves it when it is removed
    (base / "news" / "more.jsonl").unlink()
    _build(base, "step", nlp=nlp)
    assert [r[0] for r in select(base / "step" / "store", COPIES)] == [RECORDS[2]["url"]]
    shutil.rmtree(base)


def test_a_page_and_its_text_are_one_story(nlp, tmp_path):
    page = ("<html><head><title>Vexa Labs buys Orlin Tools</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in WIRE.split(". "))
            + "</article></body></html>")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "vexa.html").write_text(page, encoding="utf-8")
    (tmp_path / "news" / "vexa.txt").write_text(WIRE, encoding="utf-8")
    _build(tmp_path, "step", nlp=nlp)
    rows = select(tmp_path / "step" / "store",
                  "SELECT ?copy ?first WHERE { ?c kg:copyOf ?f . ?c kg:source ?copy . "
                  "?f kg:source ?first }")
    assert [(Path(c).name, Path(f).name) for c, f in rows] == [("vexa.txt", "vexa.html")]
