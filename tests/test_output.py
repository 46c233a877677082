"""Output for people and programs without a store: tables cut to the terminal, CSV and JSON,
SPARQL errors in one line, and the ways kg writes IRIs."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.evidence import written_iri
from kg.output import Listing, column_widths, render, stream, terminal_width, text_table
from kg.queries import UPDATE_ADVICE, syntax_message

LONG = "A sentence long enough that no narrow terminal shows it whole, not even close."
LISTING = Listing(("name", "sentence", "n"), (("Vexa Labs", LONG, 3),
                                              ("Jo Park", "Short one.", None)))


def test_cells_are_cut_to_the_terminal_width_with_an_ellipsis(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    assert terminal_width() == 50
    lines = render(LISTING, "table").splitlines()
    assert max(len(line) for line in lines) <= 50
    assert lines[2].startswith("Vexa Labs  A sentence long") and lines[2].endswith("…  3")
    assert lines[3] == "Jo Park    Short one."  # an empty last cell leaves no spaces


def test_wide_keeps_cells_whole_and_headers_have_no_trailing_spaces(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    lines = render(LISTING, "table", wide=True).splitlines()
    assert LONG in lines[2] and "…" not in "".join(lines)
    assert all(line == line.rstrip() for line in lines)
    header = text_table(Listing(("a", "long column name"), (("x" * 30, "y"),)), width=200)
    assert header.splitlines()[0] == "a" + " " * 31 + "long column name"


def test_column_widths_give_way_widest_first():
    assert column_widths([4, 10], 80) == [4, 10]
    widths = column_widths([5, 40, 60], 50)
    assert sum(widths) + 4 <= 50 and widths[0] == 5 and widths[1] == widths[2]
    # a column never narrows below a readable minimum: the line overflows instead
    assert min(column_widths([30, 30, 30, 30], 10)) >= 6


def test_a_line_break_inside_a_cell_stays_in_its_row():
    table = text_table(Listing(("text",), (("two\nlines",),)), width=80)
    assert table.splitlines()[2] == "two lines"


def test_csv_has_a_header_and_json_is_one_document():
    rows = list(csv.reader(io.StringIO(render(LISTING, "csv"))))
    assert rows == [["name", "sentence", "n"], ["Vexa Labs", LONG, "3"],
                    ["Jo Park", "Short one.", ""]]
    assert json.loads(render(LISTING, "json")) == [
        {"name": "Vexa Labs", "sentence": LONG, "n": 3},
        {"name": "Jo Park", "sentence": "Short one.", "n": None}]
    lines = render(LISTING, "jsonl").splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["Vexa Labs", "Jo Park"]
    flags = render(Listing(("ok",), ((True,), (False,))), "csv")
    assert flags.splitlines() == ["ok", "true", "false"]


@pytest.mark.parametrize("sparql", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX x: <urn:x#>\n# a comment\nDELETE WHERE { ?s x:p ?o }",
    "load <http://example.org/data.ttl>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_an_update_is_told_where_updates_go(sparql):
    assert syntax_message(sparql, "error at 1:1: expected CONSTRUCT") == UPDATE_ADVICE


def test_an_undeclared_prefix_is_named():
    sparql = ('PREFIX foo: <urn:foo#>\nSELECT * WHERE {\n ?s foo:a "bar:b" .\n'
              ' ?s <http://q.example/x> ?o . ?o vexa:size ?n }')
    said = syntax_message(sparql, "error at 4:40: expected one of OPTIONAL, Prefix not found")
    assert said.startswith("unknown prefix 'vexa:' (line 4); declare it with PREFIX vexa:")
    assert "kg, rel, ent" in said


def test_a_parse_error_is_one_short_line_with_its_position():
    error = ("error at 3:7: expected one of OPTIONAL, ['%'], ['-' | '0' ..= '9' | '\\u{00B7}' "
             "|\n'\\u{203F}'..='\\u{2040}'], ['.'], [':'], ['A' ..= 'Z' | 'a' ..= 'z']")
    said = syntax_message("SELECT ?s WHERE {\n ?s ?p ?o .\n FILTER(", error)
    assert said.startswith("invalid SPARQL at line 3, column 7: expected one of OPTIONAL")
    assert "\n" not in said and len(said) < 160


def test_kg_reads_iris_as_it_writes_them():
    entity = "https://w3id.org/kg/entity/"
    assert written_iri("ent:Jo_Park") == entity + "Jo_Park"
    assert written_iri("ent:concept\\/glimmer") == entity + "concept/glimmer"  # Turtle escape
    assert written_iri(f"<{entity}Jo_Park>") == written_iri(f"{entity}Jo_Park")
    assert written_iri("kg:released") == "https://w3id.org/kg/ontology#released"
    assert written_iri("Jo Park") is None and written_iri("Vexa: The Company") is None
    assert written_iri("<not an iri>") is None


def test_streamed_lines_match_the_whole_listing():
    rows = iter(LISTING.rows)  # one pass, as from a generator
    assert "\n".join(stream(LISTING.columns, rows, "csv")) == render(LISTING, "csv")
    assert list(stream(LISTING.columns, LISTING.rows, "jsonl")) == \
        render(LISTING, "jsonl").splitlines()
    tsv = list(stream(("a", "b"), [("x\ty", 1)], "tsv", header=False))
    assert tsv == ["x y\t1"]  # a tab inside a cell would split it
