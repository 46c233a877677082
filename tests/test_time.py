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
    # a part of a day is a TIME to the parser, but names the day
    ("Vexa Labs bought Quanta Systems last night.",
     ("Vexa Labs", "acquired", "Quanta Systems"), "last night"),
    ("Vexa Labs bought Quanta Systems on Tuesday night.",
     ("Vexa Labs", "acquired", "Quanta Systems"), "on Tuesday night"),
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
    library stages (extraction, resolution, the store) as ``kg build --no-gate`` runs them
    (every fact stated as done asserted: the tests keep facts by their time)."""
    from kg.resolve import resolve

    vocab = replace(vocab, confidence=vocab.confidence.without_gate())
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
        found = rows(store, query.replace('"2025-03', '"2024-03'))
    assert [(r[0], r[1]) for r in found] == [("released", "Glimmer Pro")]


def test_times_of_a_day_a_month_and_a_year_are_comparable_days(dated):
    """kg:time is a day, a month or a year, which SPARQL does not compare with each other;
    kg:timeStart and kg:timeEnd are its first and last days, xsd:date like kg:reported."""
    with Store(dated, create=False) as store:
        found = rows(store, """
            SELECT ?time ?start ?end (DATATYPE(?start) AS ?type) WHERE {
              ?st kg:time ?time ; kg:timeStart ?start ; kg:timeEnd ?end }""")
        april = rows(store, """
            SELECT ?o WHERE { ?st rdf:object/rdfs:label ?o ; kg:timeStart ?start ;
                                  kg:timeEnd ?end
              FILTER(?start <= "2024-04-15"^^xsd:date && ?end >= "2024-04-15"^^xsd:date) }""")
    xsd = "http://www.w3.org/2001/XMLSchema#date"
    assert sorted(found) == [("2001", "2001-01-01", "2001-12-31", xsd),
                             ("2019", "2019-01-01", "2019-12-31", xsd),
                             ("2024-02-22", "2024-02-22", "2024-02-22", xsd),
                             ("2024-03-04", "2024-03-04", "2024-03-04", xsd),
                             ("2024-04", "2024-04-01", "2024-04-30", xsd)]
    assert april == [("Ohmic Systems",)]


# Publication dates as sources write them: a day, a date-time in UTC, with an offset, and
# without a zone (which SPARQL cannot order against a zoned one within 14 hours).
PUBLISHED = {"a": "2024-03-01", "b": "2024-03-01T00:30:00+02:00", "c": "2024-03-31T23:59:00",
             "d": "2024-03-15T12:00:00Z", "e": "2024-04-01", "f": "2024-02-29T23:00:00Z",
             "g": ""}


def test_a_range_of_days_finds_every_document_whatever_its_date_form():
    import pyoxigraph as ox

    from kg.model import DocumentGraph
    from kg.ontology import XSD
    from kg.stores.quads import document_iri, document_quads
    from kg.validate import validate

    graph = ox.Store()
    for doc_id, published in PUBLISHED.items():
        doc = Document(doc_id=doc_id, source=f"{doc_id}.html", text="", published=published)
        graph.extend(document_quads(DocumentGraph(doc, 0, ())))
    query = (ROOT / "examples" / "queries" / "documents-in-a-month.rq").read_text("utf-8")
    store = Store(None)
    try:
        store.ox.extend(graph.quads_for_pattern(None, None, None, None))
        found = rows(store, query.replace('"2025-03', '"2024-03'))
        created = rows(store, "SELECT ?c WHERE { ?d dcterms:created ?c }")
        assert validate(store).conforms
        doc = ox.NamedNode(document_iri("a"))
        store.ox.add(ox.Quad(doc, ox.NamedNode("http://purl.org/dc/terms/created"),
                             ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear")), doc))
        assert not validate(store).conforms  # a document's date is a date or a date-time
    finally:
        store.close()
    assert [r[2] for r in found] == ["c.html", "d.html", "a.html", "b.html"]
    assert sorted(c for c, in created) == sorted(v for v in PUBLISHED.values() if v)


@pytest.mark.slow
def test_the_example_stories_build_with_their_dates_and_answer_the_month_query(tmp_path, nlp):
    from kg.pipeline import BuildOptions, build

    report = build([ROOT / "examples" / "news"], BuildOptions(store=tmp_path / "s", out=None),
                   nlp=nlp)
    assert report.documents == 5 and not report.skipped
    query = (ROOT / "examples" / "queries" / "facts-in-a-month.rq").read_text(encoding="utf-8")
    with Store(tmp_path / "s", create=False) as store:
        found = rows(store, query)
        dated = rows(store, "SELECT ?d WHERE { ?d a kg:Document ; dcterms:created ?date }")
        march = rows(store, (ROOT / "examples" / "queries" / "documents-in-a-month.rq")
                     .read_text(encoding="utf-8"))
    assert len(dated) == 5 and [r[1] for r in march] == ["Vexa Labs buys Quanta Systems"]
    assert ("acquired", "Quanta Systems", "2025-03-13") in [tuple(r[:3]) for r in found]
    assert all(r[2].startswith("2025-03") for r in found)


def test_the_dated_graph_is_valid(dated):
    from kg.validate import validate

    with Store(dated, create=False) as store:
        report = validate(store)
    assert report.conforms, report.violations[:3]



def run(*args):
    from click.testing import CliRunner

    from kg.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def test_timeline_lists_facts_in_time_order_with_their_sources(dated):
    import kg

    found = kg.timeline(dated, "vexa labs")  # case does not matter
    assert found.label == "Vexa Labs"
    assert [(e.date, e.dated_by, e.relation, e.object) for e in found.entries] == [
        ("2001", "fact", "founderOf", "Vexa Labs"),
        ("2019", "fact", "hire", "Ana Diaz"),
        ("2024-02-22", "fact", "acquired", "Quanta Systems"),
        ("2024-03-04", "fact", "released", "Glimmer Pro"),
        ("2024-04", "fact", "acquired", "Ohmic Systems"),
        ("", "", "acquired", "Quanta Systems"),  # the undated story: last
    ]
    released = found.entries[3]
    assert (released.title, released.url, released.reported, released.time_text) == (
        "Vexa ships Glimmer", "https://news.example/glimmer", "2024-03-05", "yesterday")
    assert found.entries[4].modality == "planned"
    # the document's date stands in for a fact whose sentence gives no time
    glimmer = kg.timeline(dated, "Glimmer Pro")
    assert [(e.date, e.dated_by, e.relation, e.object) for e in glimmer.entries] == [
        ("2024-03-04", "fact", "released", "Glimmer Pro"),
        ("2024-03-05", "reported", "description", "chatbot")]


def test_timeline_command_formats(dated):
    import csv
    import json

    table = run("timeline", "Quanta Systems", "--store", dated)
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[1].startswith("2024-02-22") and '"on Thursday"' in lines[1]
    assert "Vexa buys Quanta, stories/vexa-quanta.txt" in lines[2]
    assert lines[3].startswith("undated")
    data = json.loads(run("timeline", "ent:Quanta_Systems".replace(
        "ent:", "https://w3id.org/kg/entity/"), "--store", dated, "--format", "json").output)
    assert data["entity"] == "Quanta_Systems" and len(data["entries"]) == 2
    rows = list(csv.DictReader(run("timeline", "Jo Park", "--store", dated, "--format",
                                   "csv").output.splitlines()))
    assert [(r["date"], r["relation"], r["source"]) for r in rows] == [
        ("2001", "founderOf", "stories/vexa-quanta.txt")]


def test_timeline_within_bounds(dated):
    result = run("timeline", "Vexa Labs", "--store", dated, "--since", "2024-02",
                 "--until", "2024-03", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.output.splitlines()[1:]] == [
        "2024-02-22", "2024-03-04"]


def test_unknown_entity_names_the_closest(dated):
    result = run("timeline", "Quanta", "--store", dated)
    assert result.exit_code == 1
    assert result.output.strip() == "kg: error: no entity is called 'Quanta'; closest: " \
        "Quanta Systems"


@pytest.mark.parametrize(("bounds", "edges"), [
    # "hire", an open verb, and the planned purchase are no asserted edges
    ((), {"founderOf", "acquired", "released"}),
    (("--since", "2024-03"), {"released"}),
    (("--until", "2019"), {"founderOf"}),
    (("--since", "2024-02-22", "--until", "2024-02-22"), {"acquired"}),
    (("--since", "2025"), set()),
])
def test_since_and_until_keep_facts_by_their_time(dated, tmp_path, bounds, edges):
    import csv

    result = run("export", "--store", dated, "--format", "csv", "-o", tmp_path, *bounds)
    assert result.exit_code == 0, result.output
    with open(tmp_path / "edges.csv", encoding="utf-8") as f:
        assert {r["Label"] for r in csv.DictReader(f)} == edges


def test_since_applies_to_rdf_exports_too(dated):
    turtle = run("export", "--store", dated, "--format", "ntriples", "--since", "2024-03")
    assert turtle.exit_code == 0
    assert "#released>" in turtle.output and "#founderOf>" not in turtle.output


@pytest.mark.parametrize("bad", ["2024-13", "March 2024", "24", "2024-02-30"])
def test_a_bad_date_is_a_usage_error_in_one_line(dated, bad):
    for command in (("export",), ("view", "-o", "/dev/null")):
        result = run(*command, "--store", dated, "--since", bad)
        assert result.exit_code == 2
        assert result.output == f"kg: error: --since '{bad}' is not a date; give YYYY, " \
            "YYYY-MM or YYYY-MM-DD\n"


def test_stats_and_show_tell_the_dates(dated):
    stats = run("stats", "--store", dated)
    assert "dated       2 of 3, 2024-02-23 to 2024-03-05" in stats.output
    show = run("show", "Glimmer Pro", "--store", dated)
    assert 'when 2024-03-04 ("yesterday")  reported 2024-03-05  "Vexa ships Glimmer"  ' \
        "https://news.example/glimmer" in show.output


def test_view_evidence_names_the_article_with_its_date_and_link(dated, tmp_path):
    import json
    import shutil
    import subprocess

    from kg.view import page_data

    with Store(dated, create=False) as store:
        data = page_data(store)
    released = next(e for e in data["edges"] if e["relation"] == "released")
    assert released["evidence"][0] | {"sentence": ""} == released["evidence"][0] | {
        "title": "Vexa ships Glimmer", "reported": "2024-03-05", "time": "2024-03-04",
        "timeText": "yesterday", "url": "https://news.example/glimmer", "sentence": ""}
    page = tmp_path / "graph.html"
    assert run("view", "--store", dated, "-o", page, "--since", "2024-02").exit_code == 0
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("needs Debian's chromium to render the page")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                          "--dump-dom", page.as_uri() + "#q=Glimmer"],
                         capture_output=True, text=True, timeout=60).stdout
    details = dom.split('id="details"', 1)[1]
    assert '<a class="doc" href="https://news.example/glimmer"' in details
    assert "Vexa ships Glimmer</a>" in details and "2024-03-05" in details
    assert '<span class="when">2024-03-04' in details
    # the page holds the facts in range only: the 2001 founding is not in it
    embedded = json.loads(page.read_text(encoding="utf-8").split(
        '<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[0])
    assert {e["relation"] for e in embedded["edges"]} == {"acquired", "released"}


def test_sentences_of_one_article_stating_one_fact_share_a_line():
    from kg.timelines import Timeline, TimelineEntry, format_timeline

    def entry(sentence: str, source: str) -> TimelineEntry:
        return TimelineEntry("2024-02", "fact", "Vexa Labs", "acquired", "Quanta Systems",
                             "asserted", "in February", sentence, source, "", "", "")

    table = format_timeline(Timeline("Vexa_Labs", "Vexa Labs", (
        entry("One.", "a.txt"), entry("Two.", "a.txt"), entry("Three.", "b.txt"))))
    assert table.splitlines()[1:] == [
        '2024-02                 Vexa Labs -acquired-> Quanta Systems  "in February"'
        "  [2 sentences]",
        f"{'':<23} a.txt",
        '2024-02                 Vexa Labs -acquired-> Quanta Systems  "in February"',
        f"{'':<23} b.txt"]
