"""Quotes tied to their speakers: the finder on invented sentences, their resolution through
the story's entities, the quote nodes of a build, ``kg quotes`` and ``kg show``'s count."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

NONE = None


def said(extraction) -> list[tuple[str | None, bool, str, str]]:
    return [(q.speaker.text if q.speaker else None, q.direct, q.cue, q.text)
            for q in extraction.quotes]


@pytest.mark.parametrize(("text", "expected"), [
    ('"We will open two mills in Dorland next spring," said Laura Benning, head of Vexaro.',
     [("Laura Benning", True, "say", "We will open two mills in Dorland next spring")]),
    ("Quillby said that Vexaro would buy Orbitek for $2 billion.",
     [("Quillby", False, "say", "that Vexaro would buy Orbitek for $2 billion")]),
    ("Vexaro will cut 300 jobs in Dorland, the company said on Tuesday.",
     [("company", False, "say", "Vexaro will cut 300 jobs in Dorland")]),
    # the words before the speaker, though the parser hangs a part of them elsewhere
    ("Vexaro will sell a bond tomorrow, which will be dated May 5, the finance ministry said.",
     [("finance ministry", False, "say",
       "Vexaro will sell a bond tomorrow, which will be dated May 5")]),
    # the whole sentence before the speaker, its first clause too
    ("The beach stayed open, but signs will be posted for three days, Tomas Prell said.",
     [("Tomas Prell", False, "say",
       "The beach stayed open, but signs will be posted for three days")]),
    # a clause in the progressive is one
    ("Vexaro is issuing a 100 mln dlr bond due 2030, lead manager Orbitek Capital said.",
     [("Orbitek Capital", False, "say", "Vexaro is issuing a 100 mln dlr bond due 2030")]),
    # a participle before the speaker is no reported clause
    ("Quoting papers sent to the committee, Tomas Prell said the notes will carry a coupon.",
     [("Tomas Prell", False, "say", "the notes will carry a coupon")]),
    ('"Prices will fall before they rise," Tomas Prell, an economist with Orbitek Capital, '
     'said on Monday.',
     [("Tomas Prell", True, "say", "Prices will fall before they rise")]),
    ('Tomas Prell told reporters: "We are ready for the market."',
     [("Tomas Prell", True, "tell", "We are ready for the market.")]),
    ('"We are not for sale," Tomas Prell told reporters on Monday, "and we never will be."',
     [("Tomas Prell", True, "tell", "We are not for sale"),
      ("Tomas Prell", True, "tell", "and we never will be.")]),
    # the verb after a second quote shares the subject of the verb before the first
    ('The Dorland Herald stated, "The plans are part of a wider push into chips," adding, '
     '"The board backs them fully."',
     [("Dorland Herald", True, "add", "The plans are part of a wider push into chips"),
      ("Dorland Herald", True, "add", "The board backs them fully.")]),
])
def test_direct_and_reported_speech(extract, text, expected):
    assert said(extract(text)) == expected


def test_according_to_gives_the_words_to_its_source(extract):
    assert said(extract("According to Vexaro, the merger will close in May.")) == [
        ("Vexaro", False, "according to", "the merger will close in May")]
    # a quotation the words open ends with its closing mark
    assert said(extract('According to Vexaro, sales rose in May, "beating every forecast."'))[
        0][3] == 'sales rose in May, "beating every forecast."'
    # "according to data": no speaker the story names, so no quote
    assert said(extract("According to the data, sales will rise in May.")) == []


def test_a_spokesman_speaks_for_the_organization(extract):
    assert said(extract("A spokesman for Vexaro said the firm had no further comment.")) == [
        ("Vexaro", False, "say", "the firm had no further comment")]
    # a spokesman the text ties to no one: the words have no speaker
    assert said(extract("A spokesman said the firm had no further comment.")) == [
        (NONE, False, "say", "the firm had no further comment")]


def test_no_speaker_is_guessed(extract):
    # "analysts" and "they" name no one; what was not said is no quote
    assert said(extract("Analysts said the shares of Vexaro were cheap.")) == [
        (NONE, False, "say", "the shares of Vexaro were cheap")]
    # a verb of saying that modifies a noun, or inside quotation marks, gives no words
    assert said(extract("They worry that anything they say will be used against them.")) == []
    assert said(extract("The lab ensures that confirmed cases such as this are isolated.")) == []
    assert said(extract('"We try to fix it, we try to mend it, we admit it."')) == []
    # a question is no statement; the verb of a direct quote reports nothing more
    assert said(extract("I would ask him what his favourite thing to do is.")) == []
    assert [(d, t) for _, d, _, t in said(extract(
        '"I get on the road and I spin," said Tomas Prell, among the drivers sent sliding '
        'when their cars hit icy bridges.'))] == [(True, "I get on the road and I spin")]
    # a thing does not speak, whatever name it holds
    assert said(extract("Her Vexaro profile says she works for Orbitek Winery.")) == [
        (NONE, False, "say", "she works for Orbitek Winery")]
    assert said(extract("Quillby did not say whether Vexaro would bid again.")) == []
    assert said(extract("Quillby declined to say whether Vexaro would bid again.")) == []
    # words in quotation marks with no verb of saying, or in capitals: a title, not speech
    assert said(extract('Vexaro sponsors the show "Nights in Dorland Town" this year.')) == []
    assert [t for *_, t in said(extract(
        'Appearing on the show "Meet the Voters," the Dorland senator said the bill '
        '"could be in some difficulty."'))] == ['the bill "could be in some difficulty."']
    # a person's description may be one the story has not named yet: no speaker
    assert said(extract("Tomas Prell met Laura Benning. The senator said the vote was near."))[
        0][0] is NONE


def test_a_partial_quote_stays_in_the_reported_clause(extract):
    found = said(extract('Tomas Prell runs Orbitek. He said the firm "will never be sold '
                         'to anyone" this year.'))
    assert [(d, t) for _, d, _, t in found] == [
        (False, 'the firm "will never be sold to anyone" this year')]


def test_quotes_name_the_entities_in_their_words(extract):
    (quote,) = extract("Quillby said that Vexaro would buy Orbitek.").quotes
    assert [m.text for m in quote.mentions] == ["Vexaro", "Orbitek"]
    assert quote.evidence.sentence == "Quillby said that Vexaro would buy Orbitek."


STORY = """Laura Benning is the chief executive of Vexaro, a maker of farm robots in Dorland.

"We will open two mills in Dorland next spring," Benning said on Tuesday. "It is a good \
day for our workers," she added.

A spokesman for Orbitek said the company would not bid for Vexaro.

"Nobody wins a price war," they said.

"I get along famously with Laura Benning," he said.
"""
# two women just named: "she" is neither, and the quote keeps no speaker
TWO = """Greta Holm met Carla Voss in Dorland on Monday.

"Prices of farm robots will rise," she said.
"""


def story_quotes(store: Path) -> list[tuple[str, ...]]:
    from kg.ontology import PREFIXES
    from kg.stores import open as open_store

    head = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    with open_store(store, create=False) as opened:
        found = opened.ox.query(head + """
            SELECT ?speaker ?text ?direct ?cue ?sentence WHERE {
              ?q a kg:Quote ; kg:quotedText ?text ; kg:cue ?cue ;
                 prov:wasDerivedFrom/nif:anchorOf ?sentence .
              OPTIONAL { ?q kg:direct ?d } BIND(COALESCE(?d, false) AS ?direct)
              OPTIONAL { ?q kg:speaker/rdfs:label ?speaker }
            } ORDER BY ?text""", use_default_graph_as_union=True)
        names = [v.value for v in found.variables]
        return [tuple(r[n].value if r[n] is not None else "" for n in names) for r in found]


@pytest.fixture(scope="module")
def quoted(nlp, tmp_path_factory) -> Path:
    from kg.pipeline import BuildOptions, build

    base = tmp_path_factory.mktemp("quoted")
    (base / "news").mkdir()
    (base / "news" / "vexaro.txt").write_text(STORY, encoding="utf-8")
    (base / "news" / "holm.txt").write_text(TWO, encoding="utf-8")
    build([base / "news"], BuildOptions(store=base / "store", out=base / "out"), nlp=nlp)
    return base / "store"


def test_quote_nodes_in_the_graph(quoted):
    rows = story_quotes(quoted)
    assert [(s, t, d, c) for s, t, d, c, _ in rows] == [
        ("", "I get along famously with Laura Benning", "true", "say"),  # not her
        ("Laura Benning", "It is a good day for our workers", "true", "add"),  # "she"
        ("", "Nobody wins a price war", "true", "say"),  # "they": nobody is guessed
        ("", "Prices of farm robots will rise", "true", "say"),  # "she": which one?
        ("Laura Benning", "We will open two mills in Dorland next spring", "true", "say"),
        ("Orbitek", "the company would not bid for Vexaro", "false", "say"),
    ]
    assert rows[1][4] == '"It is a good day for our workers," she added.'


def test_a_quote_node_says_each_thing_once(quoted):
    """A quote's offsets are in its IRI, its day is its document's, and reported speech has
    no kg:direct: no triple repeats what another (or the IRI) says."""
    from kg.ontology import KG, NIF, PROV
    from kg.quotations import offsets
    from kg.stores import open as open_store

    with open_store(quoted, create=False) as opened:
        found = opened.ox.query(f"""
            SELECT ?q ?text ?sentence ?begin (GROUP_CONCAT(STR(?p); separator=" ") AS ?ps)
            WHERE {{ ?q a <{KG}Quote> ; <{KG}quotedText> ?text ;
                        <{PROV}wasDerivedFrom> ?span ; ?p ?o .
                     ?span <{NIF}anchorOf> ?sentence ; <{NIF}beginIndex> ?begin }}
            GROUP BY ?q ?text ?sentence ?begin""", use_default_graph_as_union=True)
        rows = [(r["q"].value, r["text"].value, r["sentence"].value, int(r["begin"].value),
                 set(r["ps"].value.split())) for r in found]
    assert len(rows) == 6
    for iri, text, sentence, begin, predicates in rows:
        start, end = offsets(iri)
        assert sentence[start - begin:end - begin] == text
        assert not predicates & {KG + "quoteStart", KG + "quoteEnd", KG + "reported"}
    direct = {text: KG + "direct" in predicates for _, text, _, _, predicates in rows}
    assert direct["the company would not bid for Vexaro"] is False
    assert direct["Nobody wins a price war"] is True


def test_quote_nodes_conform_to_the_shapes(quoted):
    from kg.stores import open as open_store
    from kg.validate import validate

    with open_store(quoted, create=False) as opened:
        report = validate(opened)
    assert report.conforms, report


def run(*args):
    from click.testing import CliRunner

    from kg.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def test_quotes_command_in_every_format(quoted):
    table = run("quotes", "Laura Benning", "--store", quoted)
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0] == "Laura Benning  (ent:Laura_Benning): said 2 quotes, named in 1 quote"
    assert "  Laura Benning (say): \u201cWe will open two mills in Dorland next spring\u201d" \
        in lines
    assert any('read as: "she" = Laura Benning' in line for line in lines)
    data = json.loads(run("quotes", "Vexaro", "--store", quoted, "--format", "json").output)
    assert data["entity"] == "Vexaro"
    assert [(q["role"], q["speaker"], q["cue"]) for q in data["quotes"]] == [
        ("about", "Orbitek", "say")]
    rows = list(csv.DictReader(run("quotes", "Orbitek", "--store", quoted, "--format",
                                   "csv").output.splitlines()))
    assert [(r["role"], r["text"], r["direct"]) for r in rows] == [
        ("said", "the company would not bid for Vexaro", "false")]
    assert run("quotes", "Nobody Known", "--store", quoted).exit_code == 1
    assert run("quotes", "Vexaro", "--store", quoted, "--format", "xml").exit_code == 2
    shown = run("quotes", "--help")
    assert shown.exit_code == 0 and "Examples:" in shown.output


def test_show_counts_quotes(quoted):
    shown = run("show", "Laura Benning", "--store", quoted)
    assert "quotes: said 2, named in 1 (kg quotes ent:Laura_Benning)" in shown.output
    data = json.loads(run("show", "Vexaro", "--store", quoted, "--format", "json").output)
    assert (data["quotes_said"], data["quotes_about"]) == (0, 1)


def test_view_side_panel_data_holds_what_an_entity_said(quoted):
    from kg.stores import open as open_store
    from kg.view import page_data, render_page

    with open_store(quoted, create=False) as opened:
        data = page_data(opened)
        page = render_page(opened)
    (node,) = [n for n in data["nodes"] if n["label"] == "Laura Benning"]
    assert [(q["text"], q["direct"], q["cue"]) for q in node["quotes"]] == [
        ("We will open two mills in Dorland next spring", True, "say"),
        ("It is a good day for our workers", True, "add")]
    assert "We will open two mills in Dorland next spring" in page


def test_view_side_panel_shows_what_an_entity_said(quoted, tmp_path):
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("needs Debian's chromium")
    page = tmp_path / "graph.html"
    assert run("view", "--store", quoted, "-o", page).exit_code == 0
    done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                           "--dump-dom", page.as_uri() + "#q=Laura Benning"],
                          capture_output=True, text=True, timeout=60)
    details = done.stdout.split('id="details"', 1)[1]
    assert "<h3>said</h3>" in details
    assert "\u201cIt is a good day for our workers\u201d <i>(add, " in details


def test_a_speech_verb_added_to_the_ontology_gives_quotes(nlp, extract, tmp_path):
    from kg.documents import paragraphs
    from kg.extract.run import extract_document
    from kg.ontology import DEFAULT_ONTOLOGY, load_vocabulary

    text = "Tarvex boasted that its mills in Dunmore would double their output."
    assert extract(text).quotes == ()
    path = tmp_path / "kg.ttl"
    path.write_text(DEFAULT_ONTOLOGY.read_text(encoding="utf-8") +
                    '\nkg:Quote kg:speechVerb "boast" .\n', encoding="utf-8")
    vocab = load_vocabulary(path)
    found = extract_document("test", [(nlp(p.text), p.start) for p in paragraphs(text)], vocab)
    assert [(q.cue, q.text) for q in found.quotes] == [
        ("boast", "that its mills in Dunmore would double their output")]
