"""The confidence model: its arithmetic, the gate it puts on asserting a fact, and its training
on a judged set (an invented one here: the real one is a benchmark, never a fixture)."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from kg.confidence import ConfidenceModel, Reading, features, load_model
from kg.model import Document, DocumentGraph, Evidence, Statement
from kg.ontology import KG, RDF, REL
from kg.stores.quads import document_quads
from tests.conftest import m

ROOT = Path(__file__).resolve().parent.parent
TITLE = Reading("title-before", "role", "literal", False, 12)
VERB = Reading("verb", "", "concept", True, 40)


def test_a_probability_is_the_logistic_of_the_weights_of_its_features():
    model = ConfidenceModel(bias=-0.5, weights={"rule=title-before": 2.0, "object=literal": 0.5,
                                                "coreference=yes": -1.0}, assert_at=0.8)
    assert model.probability(TITLE) == round(1 / (1 + math.exp(-2.0)), 3)
    assert model.probability(VERB) == round(1 / (1 + math.exp(1.5)), 3)
    assert model.asserts(model.probability(TITLE)) and not model.asserts(model.probability(VERB))
    assert "relation=open" in features(VERB) and "length=long" in features(VERB)


def statement(rule: str, predicate: str, obj: str, modality: str = "asserted") -> Statement:
    sentence = "Ana Ruiz, the chief executive of Vexa Systems, said the cranes were sold."
    return Statement("ana_ruiz", predicate, obj, Evidence("d1", 0, len(sentence), sentence, rule,
                                                          0.9, modality),
                     canonical=predicate != "sell", literal=predicate == "role")


def test_a_fact_below_the_models_confidence_keeps_its_record_but_is_no_edge():
    model = ConfidenceModel(bias=0.0, weights={"rule=title-before": 3.0, "rule=verb": -3.0},
                            assert_at=0.8)
    graph = DocumentGraph(Document("d1", "a.txt", "", ""), 1, (
        statement("title-before", "role", "chief executive"),
        statement("verb", "sell", "concept/cranes"),
        statement("verb", "acquired", "quillon", "planned")))
    quads = list(document_quads(graph, model=model))
    edges = {(q.subject.value.rsplit("/", 1)[-1], q.predicate.value) for q in quads
             if not q.subject.value.startswith("https://w3id.org/kg/statement/")
             and q.predicate.value.startswith(("https://w3id.org/kg/ontology#role",
                                               "https://w3id.org/kg/relation/"))}
    assert edges == {("ana_ruiz", KG + "role")}
    records: dict[str, dict[str, str]] = {}
    for q in quads:
        if q.subject.value.startswith("https://w3id.org/kg/statement/"):
            records.setdefault(q.subject.value, {})[q.predicate.value] = q.object.value
    by_rule = {(r[KG + "rule"], r.get(KG + "modality", "")): r for r in records.values()}
    assert by_rule[("title-before", "")][KG + "confidence"] == str(round(1 / (1 + math.exp(-3)), 3))
    assert KG + "asserted" not in by_rule[("title-before", "")]
    assert by_rule[("verb", "")][KG + "asserted"] == "false"
    assert KG + "asserted" not in by_rule[("verb", "planned")]  # a plan is never asserted
    assert all(r[RDF + "type"] == RDF + "Statement" for r in records.values())


def test_an_open_relation_is_no_edge_unless_the_model_asserts_open_relations():
    graph = DocumentGraph(Document("d1", "a.txt", "", ""), 1, (
        statement("title-before", "role", "chief executive"),
        statement("verb", "sell", "concept/cranes")))
    for assert_open, edges in ((False, {KG + "role"}), (True, {KG + "role", "sell"})):
        model = ConfidenceModel(bias=0.0, assert_open=assert_open)
        found = {q.predicate.value.rsplit("/", 1)[-1] if "/rel/" in q.predicate.value
                 else q.predicate.value for q in document_quads(graph, model=model)
                 if q.subject.value.endswith("ana_ruiz")}
        assert found & {KG + "role", "sell"} == edges


def test_the_shipped_model_is_read_and_says_how_it_was_measured():
    model = load_model()
    found = json.loads((ROOT / "ontology" / "confidence.json").read_text(encoding="utf-8"))
    assert 0.0 <= model.assert_at <= 1.0 and model.weights and len(model.digest) == 16
    measured = found["cross_validation"]
    assert 0.3 <= measured["assert_at_for_target"] <= 1.0
    assert measured["brier"] < measured["brier_of_rule_confidence"]  # better than the rules'
    # open verbs are edges only if the judged set shows them right as often as the target
    assert model.assert_open == (measured["held_out_open_right"] >= found["target"])
    assert 0 < measured["held_out_asserted"] <= measured["held_out"]


def test_training_separates_a_reliable_rule_from_an_unreliable_one(tmp_path):
    columns = ["key", "source", "document", "subject", "relation", "object", "asserted",
               "modality", "rule", "confidence", "sentence", "statement", "commit", "verdict",
               "error_class", "note", "coreference", "arguments"]
    rows = []
    for i in range(200):
        reliable = i % 2 == 0
        right = (i % 20 != 0) if reliable else (i % 5 == 1)
        rows.append({"key": str(i), "source": "agnews" if i % 4 < 2 else "bbc", "document": "d",
                     "subject": "Vexa", "relation": "role" if reliable else "sell",
                     "object": "x", "asserted": "yes", "modality": "asserted",
                     "rule": "title-before" if reliable else "verb", "confidence": "0.8",
                     "sentence": "Vexa chief Ana Ruiz sold the cranes on Monday.",
                     "statement": "", "commit": "", "verdict": "right" if right else "wrong",
                     "error_class": "", "note": "", "coreference": "",
                     "arguments": "entity-literal" if reliable else "entity-concept"})
    judged = tmp_path / "judged.tsv"
    with judged.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "judged" /
                                                 "train_confidence.py"), "--judged", str(judged),
                             "--target", "0.9", "--out", str(tmp_path / "model.json")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    model = load_model(tmp_path / "model.json")
    reliable, unreliable = model.probability(TITLE), model.probability(VERB)
    assert reliable > 0.85 > 0.3 > unreliable
    assert model.asserts(reliable) and not model.asserts(unreliable)


def test_the_asserted_graph_and_the_records_agree_in_a_store(tmp_path, nlp):
    from kg.pipeline import BuildOptions, build
    from kg.store import Store

    (tmp_path / "a.txt").write_text(
        "Vexa Systems chief executive Ana Ruiz said on Monday that the firm sold its cranes "
        "to buyers in Norland. Ruiz joined Vexa Systems in 2019.\n", encoding="utf-8")
    build([tmp_path / "a.txt"], BuildOptions(store=tmp_path / "store", out=None, jobs=1),
          nlp=nlp)
    model = load_model()
    with Store(tmp_path / "store", create=False) as opened:
        rows = list(opened.ox.query(f"""SELECT ?s ?p ?o ?c ?a WHERE {{ GRAPH ?g {{
            ?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ;
                <{KG}confidence> ?c . OPTIONAL {{ ?st <{KG}asserted> ?a }}
            FILTER NOT EXISTS {{ ?st <{KG}modality> ?m }} }} }}"""))
        assert rows
        confident: dict[tuple[object, object, object], bool] = {}
        for row in rows:
            key = (row["s"], row["p"], row["o"])
            sure = float(row["c"].value) >= model.assert_at and (
                model.assert_open or not row["p"].value.startswith(REL))
            assert (row["a"] is None) == sure  # kg:asserted false exactly below the gate
            confident[key] = confident.get(key, False) or sure
        for (s, p, o), sure in confident.items():
            assert bool(list(opened.ox.quads_for_pattern(s, p, o))) == sure


def cues_of(extraction, relation: str) -> set[str]:
    found = [c.evidence.cues for c in extraction.candidates if c.relation == relation]
    assert found, [(c.subject.text, c.relation, c.object.text) for c in extraction.candidates]
    return set(found[0].split())


def test_a_fact_carries_how_plainly_its_sentence_states_it(extract):
    plain = cues_of(extract("Dalvik Corp bought Tessaly Ltd on Tuesday."), "acquired")
    assert {"args=name-name", "subject-as=subject", "object-as=object", "gap=adjacent",
            "clause=same", "rivals=1"} <= plain
    assert not plain & {"between=comma", "between=verb", "quoted", "attributed"}
    told = cues_of(extract('"We are glad," said Ivo Marsh, who founded Tessaly Ltd in 1990.'),
                   "founderOf")
    assert {"clause=other", "between=comma", "quoted", "attributed"} <= told
    pronoun = cues_of(extract("Dalvik Corp makes cranes. It acquired Tessaly Ltd last year."),
                      "acquired")
    assert "args=before-name" in pronoun  # "It" taken for the name of the sentence before


def test_the_document_tells_the_model_a_fact_stated_twice_and_a_web_page():
    model = ConfidenceModel(bias=0.0, weights={"repeated": 1.0, "page": -2.0, "gap=far": -1.0})
    twice = (statement("title-before", "role", "chief executive"),
             replace(statement("title-before", "role", "chief executive"),
                     evidence=replace(statement("title-before", "role", "x").evidence,
                                      start=100, end=160, cues="gap=far")),
             statement("verb", "sell", "concept/cranes"))
    for source, extra in (("a.txt", ()), ("b.html", ("page",))):
        graph = DocumentGraph(Document("d1", source, "", ""), 2, twice)
        cues = {q.object.value for q in document_quads(graph, model=model)
                if q.predicate.value == KG + "cues"}
        assert cues == {" ".join(("repeated", *extra)), " ".join(("gap=far", "repeated", *extra)),
                        *((" ".join(extra),) if extra else ())}
        confidences = sorted(float(q.object.value) for q in document_quads(graph, model=model)
                             if q.predicate.value == KG + "confidence")
        weight = -2.0 if extra else 0.0
        assert confidences == sorted(round(1 / (1 + math.exp(-z)), 3)
                                     for z in (1.0 + weight, 0.0 + weight, weight))


def test_an_argument_with_a_proper_noun_beside_it_may_be_a_cut_name(nlp, vocab):
    from kg.extract.cues import cues
    from kg.extract.mentions import MentionIndex
    from kg.model import Candidate

    text = "Tomas Vell Arden founded Tessaly Ltd in 1990."
    index = MentionIndex(nlp(text), vocab, 0)
    starts = [t.idx for t in index.tokens]
    evidence = Evidence("d", 0, len(text), text, "verb", 0.8)
    founder = text.index("Tessaly")
    whole = Candidate(m("Tomas Vell Arden", 0, "Person"), "founderOf",
                      m("Tessaly Ltd", founder), evidence)
    cut = replace(whole, subject=m("Arden", text.index("Arden"), "Person"))
    assert "cut=subject" not in cues(index, starts, whole).split()
    assert "cut=subject" in cues(index, starts, cut).split()


def test_a_build_without_the_gate_asserts_every_fact_stated_as_done(tmp_path, nlp):
    from kg.pipeline import BuildOptions, build
    from kg.store import Store

    (tmp_path / "a.txt").write_text(
        "Vexa Systems, which Ana Ruiz joined in 2019 after she left Orbis Labs, sold its "
        "cranes to buyers in Norland, a spokesman for the firm said. Dalvik Corp bought "
        "Tessaly Ltd, a maker of pumps, on Monday for 90 million dollars, the company said. "
        "Ruiz worked for Quillon Mills for ten years.\n", encoding="utf-8")
    below = f"<{KG}asserted> false ; <{RDF}predicate> ?p"
    counts = {}
    for gate in (True, False):
        build([tmp_path / "a.txt"], BuildOptions(store=tmp_path / f"s{gate}", out=None, jobs=1,
                                                 gate=gate), nlp=nlp)
        with Store(tmp_path / f"s{gate}", create=False) as opened:
            counts[gate] = [len(list(opened.ox.query(f"""SELECT ?st WHERE {{ GRAPH ?g {{
                ?st a <{RDF}Statement> {pattern} }} }}"""))) for pattern in (
                f"; {below} FILTER(!STRSTARTS(STR(?p), '{REL}'))",
                f"; {below} FILTER(STRSTARTS(STR(?p), '{REL}'))",
                f"FILTER NOT EXISTS {{ ?st <{KG}modality> ?m }}")]
    assert counts[True][0] > 0  # the shipped gate keeps some facts as records only
    # without it, none of the ontology's relations; open relations stay records (assert_open)
    assert counts[False] == [0, counts[True][1], counts[True][2]]
