"""Time on facts: the phrase the extractor attaches to a fact, its resolution against the
document's publication date in the store, and the ways to read it (timeline, --since/--until,
stats, show, view, SPARQL)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg.model import Document
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent


def times(extraction) -> dict[tuple[str, str, str], str]:
    return {(c.subject.text, c.relation, c.object.text): c.evidence.time_text
            for c in extraction.candidates}


@pytest.mark.parametrize(("sentence", "fact", "phrase"), [
    ("Vexa bought Quanta on Thursday.", ("Vexa", "acquired", "Quanta"), "on Thursday"),
    ("In February, Lumo Labs released Glimmer.", ("Lumo Labs", "released", "Glimmer"),
     "In February"),
    ("Jo Park, who founded Vexa in 2001, lives in Oslo.", ("Jo Park", "founderOf", "Vexa"),
     "in 2001"),
    ("Vexa Labs plans to buy Ohmic Systems next month.",
     ("Vexa Labs", "acquired", "Ohmic Systems"), "next month"),
    ("Ana Diaz, who became chief executive of Vexa in 2020, spoke.",
     ("Ana Diaz", "worksFor", "Vexa"), "in 2020"),
    ("Vexa's 2019 acquisition of Quanta was a success.", ("Vexa", "acquired", "Quanta"), "2019"),
])
def test_the_time_of_the_facts_own_clause_is_attached(extract, sentence, fact, phrase):
    assert times(extract(sentence))[fact] == phrase


@pytest.mark.parametrize(("sentence", "fact"), [
    # the date says when it was reported, not when the fact happened
    ("Vexa said on Tuesday that it bought Quanta.", ("Vexa", "acquired", "Quanta")),
    # a length of time, an age: no point in time
    ("Vexa has worked with Quanta for three years.", ("Vexa", "work with", "Quanta")),
    ("The move came a year after Vexa bought Quanta.", ("Vexa", "acquired", "Quanta")),
    ("Jo Park, 54, founded Vexa.", ("Jo Park", "founderOf", "Vexa")),
    # the time of another verb of the sentence
    ("Lumo Labs released Glimmer, which Vexa bought in 2019.",
     ("Lumo Labs", "released", "Glimmer")),
])
def test_other_dates_are_not_the_facts(extract, sentence, fact):
    assert times(extract(sentence))[fact] == ""


STORIES = [
    # (source, title, published, url, text)
    ("stories/vexa-quanta.txt", "Vexa buys Quanta", "2024-02-23",
     "https://news.example/vexa-quanta",
     "Vexa Labs bought Quanta Systems on Thursday.\n\nJo Park founded Vexa Labs in 2001."),
    ("stories/vexa-glimmer.txt", "Vexa ships Glimmer", "2024-03-05T09:30:00Z",
     "https://news.example/glimmer",
     "Vexa Labs released Glimmer Pro, a chatbot, yesterday.\n\n"
     "Vexa Labs plans to buy Ohmic Systems next month."),
    ("stories/undated.txt", "", "", "",
     "Vexa Labs hired Ana Diaz in 2019.\n\nVexa Labs bought Quanta Systems on Thursday."),
]


def build_dated(extract, vocab, path: Path | None) -> Store:
    """A store written from invented documents that carry a title, date and URL, through the
    library stages (extraction, resolution, the store) as ``kg build`` runs them."""
    from kg.resolve import resolve

    items = []
    for source, title, published, url, text in STORIES:
        doc = Document(doc_id=Path(source).stem, source=source, text=text, title=title,
                       published=published, url=url)
        extraction = extract(text)
        candidates = tuple(replace(c, evidence=replace(c.evidence, doc_id=doc.doc_id))
                           for c in extraction.candidates)
        items.append((doc.without_text(),
                      replace(extraction, doc_id=doc.doc_id, candidates=candidates)))
    store = Store(path)
    store.write(resolve(items, vocab), vocab)
    return store


@pytest.fixture(scope="module")
def dated(extract, vocab, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dated") / "store"
    build_dated(extract, vocab, path).close()
    return path


def rows(store: Store, sparql: str) -> list[tuple[str, ...]]:
    from kg.ontology import PREFIXES

    head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    found = store.ox.query(head + sparql, use_default_graph_as_union=True)
    names = [v.value for v in found.variables]
    return [tuple(row[n].value if row[n] is not None else "" for n in names) for row in found]


def test_records_carry_the_reported_date_and_the_resolved_time(dated):
    with Store(dated, create=False) as store:
        found = rows(store, """
            SELECT ?s ?p ?o ?reported ?time ?text (DATATYPE(?time) AS ?type) WHERE {
              ?st rdf:subject/rdfs:label ?s ; rdf:predicate ?p ; rdf:object/rdfs:label ?o .
              OPTIONAL { ?st kg:reported ?reported }
              OPTIONAL { ?st kg:time ?time ; kg:timeText ?text }
            }""")
    xsd, kg = "http://www.w3.org/2001/XMLSchema#", "https://w3id.org/kg/ontology#"
    assert sorted(found) == sorted([
        # "on Thursday" in an article of Friday 23 February 2024
        ("Vexa Labs", kg + "acquired", "Quanta Systems", "2024-02-23", "2024-02-22",
         "on Thursday", xsd + "date"),
        ("Jo Park", kg + "founderOf", "Vexa Labs", "2024-02-23", "2001", "in 2001",
         xsd + "gYear"),
        # a date-time of publication reports its day
        ("Vexa Labs", kg + "released", "Glimmer Pro", "2024-03-05", "2024-03-04", "yesterday",
         xsd + "date"),
        # planned: "next month" counts forward from the day it was reported
        ("Vexa Labs", kg + "acquired", "Ohmic Systems", "2024-03-05", "2024-04", "next month",
         xsd + "gYearMonth"),
        # no publication date: only the absolute year resolves, and nothing is reported
        ("Vexa Labs", "https://w3id.org/kg/rel/hire", "Ana Diaz", "", "2019", "in 2019",
         xsd + "gYear"),
        ("Vexa Labs", kg + "acquired", "Quanta Systems", "", "", "", ""),
    ])


def test_what_an_organization_did_in_a_month_is_one_query(dated):
    query = (ROOT / "examples" / "queries" / "facts-in-a-month.rq").read_text(encoding="utf-8")
    with Store(dated, create=False) as store:
        found = rows(store, query.replace('"Meta"', '"Vexa Labs"')
                     .replace('"2023-02"', '"2024-03"'))
    assert [(r[0], r[1]) for r in found] == [("released", "Glimmer Pro")]


def test_the_dated_graph_is_valid(dated):
    from kg.validate import validate

    with Store(dated, create=False) as store:
        report = validate(store)
    assert report.conforms, report.violations[:3]

