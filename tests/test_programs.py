"""kg for programs and pipes, on the seeds graph built once: --format on every listing, the
W3C SPARQL results formats, names as kg prints them, usage errors that say what is valid, and
the build summary's counts."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
XSD = "http://www.w3.org/2001/XMLSchema#"
ENT = "https://w3id.org/kg/entity/"


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def usage_error(result, *words):
    """Exit 2 with one line on stderr that says each of ``words``."""
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    return (result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("kg: error:")
            and all(w in lines[0] for w in words))


# --- kg query: the W3C results formats -------------------------------------------------------

TERMS = """SELECT ?iri ?n ?text ?greeting ?none WHERE {
  BIND(ent:Meta AS ?iri) BIND(3 AS ?n) BIND("a,b\\"c" AS ?text) BIND("hi"@en AS ?greeting)
}"""


def test_query_json_is_sparql_results_json(seeds_build):
    store, _, _ = seeds_build
    result = run("query", TERMS, "--store", store, "--format", "json")
    document = json.loads(result.output)
    assert document["head"] == {"vars": ["iri", "n", "text", "greeting", "none"]}
    assert document["results"]["bindings"] == [{
        "iri": {"type": "uri", "value": ENT + "Meta"},
        "n": {"type": "literal", "value": "3", "datatype": XSD + "integer"},
        "text": {"type": "literal", "value": 'a,b"c'},
        "greeting": {"type": "literal", "value": "hi", "xml:lang": "en"}}]  # unbound: absent
    ask = json.loads(run("query", "ASK { ?s kg:worksFor ?o }", "--store", store,
                         "--format", "JSON").output)
    assert ask["boolean"] is True and "head" in ask and "results" not in ask


def test_query_csv_and_tsv_follow_the_w3c_formats(seeds_build):
    store, _, _ = seeds_build
    data = run("query", TERMS, "--store", store, "--format", "csv").stdout_bytes
    # CSV: CRLF lines, a header of bare names, full IRIs, plain values, RFC 4180 quoting
    assert data == (b'iri,n,text,greeting,none\r\n'
                    b'https://w3id.org/kg/entity/Meta,3,"a,b""c",hi,\r\n')
    tsv = run("query", TERMS, "--store", store, "--format", "tsv").output
    # TSV: ?-names in the header, terms written as in N-Triples/Turtle
    assert tsv.splitlines() == ["?iri\t?n\t?text\t?greeting\t?none",
                                f'<{ENT}Meta>\t3\t"a,b\\"c"\t"hi"@en\t']


def test_query_jsonl_keeps_one_flat_object_per_row(seeds_build):
    store, _, _ = seeds_build
    q = 'SELECT ?l WHERE { ?p kg:worksFor ?o . ?p rdfs:label ?l } ORDER BY ?l'
    rows = [json.loads(line) for line in run("query", q, "--store", store,
                                             "--format", "jsonl").output.splitlines()]
    assert {"l": "Mark Zuckerberg"} in rows and all(set(r) == {"l"} for r in rows)


def test_query_table_fits_the_terminal_unless_wide(seeds_build):
    store, _, _ = seeds_build
    q = ("SELECT ?s ?text WHERE { ?st rdf:subject ?s ; prov:wasDerivedFrom/nif:anchorOf "
         "?text } ORDER BY ?text LIMIT 5")
    cut = run("query", q, "--store", store, env={"COLUMNS": "60"}).output.splitlines()
    assert max(len(line) for line in cut) <= 60 and any(ln.endswith("…") for ln in cut)
    assert cut[0] == cut[0].rstrip() and cut[-1] == "(5 rows)"
    wide = run("query", q, "--store", store, "--wide", env={"COLUMNS": "60"}).output
    assert "…" not in wide and max(len(line) for line in wide.splitlines()) > 60


def test_updates_prefixes_and_parse_errors_are_one_line(seeds_build):
    store, _, _ = seeds_build
    update = run("query", "INSERT DATA { ent:A kg:worksFor ent:B }", "--store", store)
    assert update.exit_code == 1 and update.stderr.strip() == (
        "kg: error: updates are not allowed here; use kg build (or kg serve --read-write)")
    prefix = run("query", "SELECT * WHERE { ?s vexa:size ?o }", "--store", store)
    assert prefix.exit_code == 1 and "unknown prefix 'vexa:'" in prefix.stderr
    broken = run("query", "SELECT ?s WHERE {\n ?s ?p ?o .\n FILTER(?s = }", "--store", store)
    assert broken.exit_code == 1 and len(broken.stderr.strip().splitlines()) == 1
    assert "invalid SPARQL at line 3, column" in broken.stderr


def test_describe_writes_each_triple_once(seeds_build):
    store, _, _ = seeds_build
    import pyoxigraph as ox

    turtle = run("query", "DESCRIBE ent:Mark_Zuckerberg", "--store", store).output
    triples = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(set(triples)) > 5
    # the seeds state that Mark Zuckerberg works for Meta in more than one article
    assert len(triples) < _describe_with_repeats(store)


def test_construct_in_json_is_json_ld(seeds_build):
    store, _, _ = seeds_build
    q = ("CONSTRUCT { ent:Mark_Zuckerberg kg:worksFor ?o } "
         "WHERE { ent:Mark_Zuckerberg kg:worksFor ?o }")
    nodes = json.loads(run("query", q, "--store", store, "--format", "json").output)
    assert nodes == [{"@id": ENT + "Mark_Zuckerberg",
                      "https://w3id.org/kg/ontology#worksFor": [{"@id": ENT + "Meta"}]}]


def _describe_with_repeats(store: Path) -> int:
    from kg.ontology import PREFIXES
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        return len(list(opened.ox.query("DESCRIBE ent:Mark_Zuckerberg", prefixes=PREFIXES,
                                        use_default_graph_as_union=True)))


def test_serve_endpoint_takes_the_declarations_kg_prefixes_prints(seeds_build):
    store, _, _ = seeds_build
    declarations = run("prefixes").output
    assert "PREFIX kg: <https://w3id.org/kg/ontology#>" in declarations.splitlines()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store),
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        body = _ask_endpoint(port, declarations + "SELECT DISTINCT ?o WHERE { "
                             "ent:Mark_Zuckerberg kg:worksFor ?o }")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert body.splitlines() == ["o", ENT + "Meta"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask_endpoint(port: int, sparql: str) -> str:
    base = f"http://127.0.0.1:{port}"
    request = urllib.request.Request(
        f"{base}/query", data=urllib.parse.urlencode({"query": sparql}).encode(),
        headers={"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"})
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.read().decode().replace("\r\n", "\n")
        except urllib.error.HTTPError:
            raise
        except OSError:  # not listening yet (refused, or reset while it starts)
            time.sleep(0.1)
    raise AssertionError("the endpoint never answered")


# --- kg show, kg explain: names as kg prints them, --limit -----------------------------------

@pytest.mark.parametrize("name", ["Mark Zuckerberg", "ent:Mark_Zuckerberg",
                                  f"<{ENT}Mark_Zuckerberg>", f"{ENT}Mark_Zuckerberg"])
def test_show_takes_the_forms_kg_prints(seeds_build, name):
    store, _, _ = seeds_build
    result = run("show", name, "--store", store)
    assert result.exit_code == 0
    assert result.output.startswith("Mark Zuckerberg  (Person, ent:Mark_Zuckerberg)")


def test_show_of_a_key_that_is_not_stored_or_not_an_entity(seeds_build):
    store, _, _ = seeds_build
    missing = run("show", "ent:Mark_Zuckerbreg", "--store", store)
    assert missing.exit_code == 1 and "no entity is called 'ent:Mark_Zuckerbreg'" in \
        missing.stderr and "Mark Zuckerberg" in missing.stderr
    concept = run("show", "kg:Organization", "--store", store)
    assert concept.exit_code == 1 and "is not an entity" in concept.stderr


def test_show_lists_at_most_limit_facts_and_counts_the_rest(seeds_build):
    store, _, _ = seeds_build
    whole = json.loads(run("show", "Meta", "--store", store, "--format", "json",
                           "--limit", "0").output)
    total = len(whole["facts"]) + len(whole["facts_about_it"])
    assert total > 5 and whole["facts_not_listed"] == 0
    shown = run("show", "Meta", "--store", store, "--limit", "3").output
    facts_part = shown.split("\nmentioned in ")[0]  # the documents that name it follow
    fact_lines = [ln for ln in facts_part.splitlines() if ln.startswith("  ") and ln[2] != " "]
    assert len(fact_lines) == 3
    assert f"{total - 3} more facts not listed; --limit 0 lists all" in shown
    default = run("show", "Meta", "--store", store).output
    assert "not listed" not in default if total <= 50 else "not listed" in default
    limited = json.loads(run("show", "Meta", "--store", store, "--format", "json",
                             "--limit", "3").output)
    assert len(limited["facts"]) + len(limited["facts_about_it"]) == 3
    assert limited["facts_not_listed"] == total - 3
    # the facts kept are those read in the most sentences, not the first by relation name
    support = sorted((len(f["support"]) for f in whole["facts"] + whole["facts_about_it"]),
                     reverse=True)
    kept = [len(f["support"]) for f in limited["facts"] + limited["facts_about_it"]]
    assert sorted(kept, reverse=True) == support[:3] and support[0] > support[-1]


def test_show_csv_has_one_row_per_sentence(seeds_build):
    store, _, _ = seeds_build
    rows = list(csv.DictReader(io.StringIO(run("show", "Mark Zuckerberg", "--store", store,
                                               "--format", "csv").output)))
    directions = {r["direction"] for r in rows}
    assert rows and directions <= {"out", "in", "mentioned-in"} and "mentioned-in" in directions
    works = [r for r in rows if r["relation"] == "worksFor" and r["object"] == "Meta"]
    assert works and all(r["sentence"] and int(r["end"]) > int(r["start"]) for r in works)


@pytest.mark.parametrize("triple", [
    ("Meta", "released", "LLaMA"),
    ("Meta", "kg:released", "LLaMA"),
    ("ent:Meta", "<https://w3id.org/kg/ontology#released>", "ent:LLaMA"),
])
def test_explain_takes_the_forms_kg_prints(seeds_build, triple):
    store, _, _ = seeds_build
    result = run("explain", *triple, "--store", store)
    assert result.exit_code == 0 and re.match(r"Meta -released( \(unconfirmed\))?-> LLaMA\n",
                                              result.output)


def test_explain_takes_a_relation_with_its_modality_as_show_prints_it(seeds_build):
    store, _, _ = seeds_build
    report = json.loads(run("show", "Meta", "--store", store, "--format", "json",
                            "--limit", "0").output)
    planned = [f for f in report["facts"] if f["relation"].endswith(" (planned)")]
    assert planned  # the seeds say what Meta plans to do
    fact = planned[0]
    said = run("explain", "Meta", fact["relation"], fact["object"], "--store", store).output
    assert said.startswith(f"Meta -{fact['relation']}-> {fact['object']}\n")
    base = fact["relation"].removesuffix(" (planned)")
    denied = run("explain", "Meta", f"{base} (denied)", fact["object"], "--store", store)
    assert denied.exit_code == 1 and \
        f"does not state Meta {base} (denied) {fact['object']}" in denied.stderr


def test_explain_formats_and_a_quoted_literal(seeds_build):
    store, _, _ = seeds_build
    fact = json.loads(run("explain", "Mark Zuckerberg", "kg:role", '"CEO"', "--store", store,
                          "--format", "json").output)
    assert (fact["subject"], fact["relation"], fact["object"], fact["literal"]) == \
        ("Mark Zuckerberg", "role", "CEO", True)
    assert fact["support"] and all(s["sentence"] for s in fact["support"])
    rows = list(csv.DictReader(io.StringIO(run(
        "explain", "Meta", "released", "LLaMA", "--store", store, "--format", "csv").output)))
    assert rows and rows[0]["subject"] == "Meta" and rows[0]["literal"] == "false"


# --- stats, validate, timeline: the same formats -------------------------------------------

def test_stats_formats(seeds_build):
    store, _, _ = seeds_build
    table = run("stats", "--store", store).output
    data = json.loads(run("stats", "--store", store, "--format", "json").output)
    assert f"documents   {data['documents']}" in table and data["documents"] == 4
    assert data["entities_by_class"]["kg:Person"] > 0
    rows = list(csv.DictReader(io.StringIO(run("stats", "--store", store, "--format",
                                               "csv").output)))
    assert {"group": "total", "name": "statements", "value": str(data["statements"])} in rows
    assert sum(int(r["value"]) for r in rows if r["group"] == "relation") == data["statements"]


def test_validate_formats(seeds_build):
    from kg.reports import format_validation
    from kg.validate import ValidationReport, Violation

    store, _, _ = seeds_build
    data = json.loads(run("validate", "--store", store, "--format", "json").output)
    assert data["conforms"] is True and data["checked"] > 1000 and data["violations"] == []
    # the count a build prints is there too: a fact stated in two graphs is two stored triples
    assert data["stored"] == seeds_build[2].triples >= data["checked"]
    assert f"({data['stored']} in all graphs" in run("validate", "--store", store).output
    broken = ValidationReport(False, 10, (Violation(
        ENT + "Vexa_Labs", "http://www.w3.org/2000/01/rdf-schema#label", "",
        "exactly one rdfs:label, for example", "Violation"),))
    assert list(csv.reader(io.StringIO(format_validation(broken, "csv")))) == [
        ["severity", "focus", "path", "value", "message"],
        ["Violation", ENT + "Vexa_Labs", "http://www.w3.org/2000/01/rdf-schema#label", "",
         "exactly one rdfs:label, for example"]]
    assert json.loads(format_validation(broken, "json"))["violations"][0]["focus"] == \
        ENT + "Vexa_Labs"


def test_format_names_ignore_case_and_a_wrong_one_lists_the_valid_ones(seeds_build):
    store, _, _ = seeds_build
    assert run("stats", "--store", store, "--format", "JSON").output.startswith("{")
    assert usage_error(run("stats", "--store", store, "--format", "xml"),
                       "'xml'", "table, json, csv")
    assert usage_error(run("timeline", "Meta", "--store", store, "--format", "yaml"),
                       "table, json, csv")


# --- kg export: formats, terminals, filters ---------------------------------------------------

def test_export_format_names_ignore_case(seeds_build, tmp_path):
    store, _, _ = seeds_build
    result = run("export", "--store", store, "--format", "GraphML", "-o", tmp_path / "g")
    assert result.exit_code == 0 and "<graphml" in (tmp_path / "g").read_text()
    assert usage_error(run("export", "--store", store, "--format", "pdf"),
                       "unknown export format 'pdf'", "graphml", "png", "turtle")


def test_png_is_not_written_to_a_terminal(seeds_build):
    store, _, _ = seeds_build
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "kg", "export", "--format", "png",
                               "--store", str(store)], stdout=follower,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "kg: error: png is binary and stdout is a terminal; give -o FILE (or redirect: > x.png)"]
    piped = run("export", "--format", "png", "--store", store, "--types", "Place")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"\x89PNG")


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--types", "Persn", "did you mean Person?"),
    ("--relations", "workFor", "did you mean worksFor"),
    ("--document", "seeds/000_4c73a8bac4305629.tx", "did you mean"),
    ("--document", "nothing-like-it", "give a document's id"),
])
def test_a_filter_typo_is_a_usage_error_naming_the_closest(seeds_build, option, value, said):
    store, _, _ = seeds_build
    assert usage_error(run("export", "--store", store, "--format", "csv", option, value),
                       f"{option} '{value}' is not in this graph", said)
    assert usage_error(run("view", "--store", store, option, value), said)


def test_filter_values_are_matched_as_kg_prints_them(seeds_build, tmp_path):
    store, _, _ = seeds_build

    def edges(*options):
        out = run("export", "--store", store, "--format", "csv", *options).output
        return out.split("# edges.csv\n", 1)[1]

    plain = edges("--types", "Person,Organization", "--relations", "worksFor")
    assert plain.count("\n") > 1  # a header and a fact
    assert edges("--types", "person,kg:Organization", "--relations", "kg:worksfor") == plain
    # a document as built (here an absolute path) or relative to where kg runs
    source = ROOT / "seeds" / "000_4c73a8bac4305629.txt"
    one = edges("--document", source)
    assert one.count("\n") > 1 and one != edges()
    assert edges("--document", os.path.relpath(source)) == one


# --- kg extract, kg build -------------------------------------------------------------------

def test_extract_checks_its_input_before_loading_the_model(tmp_path):
    result = run("extract", tmp_path / "none.txt", "--model", "xx_no_such_model")
    assert result.exit_code == 1 and "none.txt: cannot read" in result.stderr
    assert "xx_no_such_model" not in result.stderr


def test_build_summary_counts_duplicates_changes_and_removals(nlp, tmp_path):
    from kg.pipeline import BuildOptions, build

    folder = tmp_path / "in"
    folder.mkdir()
    texts = {"a.txt": "Vexa Labs hired Jo Park in May.",
             "b.txt": "Quanta Systems acquired Lumo Inc last year.",
             "c.txt": "Orrin Bale founded Tessel Works."}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "a-copy.txt").write_text(texts["a.txt"], encoding="utf-8")
    options = BuildOptions(store=tmp_path / "store", out=None, jobs=1)

    def counts():
        r = build([folder], options, nlp=nlp)
        return r.documents, r.parsed, r.unchanged, r.removed

    assert counts() == (3, 3, 0, 0)  # two files with one text are one document
    (folder / "b.txt").write_text("Quanta Systems acquired Lumo Inc in 2023.", encoding="utf-8")
    (folder / "c.txt").unlink()
    assert counts() == (2, 1, 1, 1)  # b changed (parsed again), c removed
    (folder / "a-copy.txt").unlink()  # its text lives on in a.txt
    assert counts() == (2, 0, 2, 0)


def test_extract_writes_json_lines(tmp_path):
    sentences = tmp_path / "s.txt"
    sentences.write_text("Vexa Labs acquired Quanta Systems in May .\n", encoding="utf-8")
    lines = run("extract", "--sentences", sentences, "--format", "jsonl").output.splitlines()
    assert {"sentence": "Vexa Labs acquired Quanta Systems in May .", "confidence": 0.9,
            "subject": "Vexa Labs", "relation": "acquired", "object": "Quanta Systems"} in \
        [json.loads(line) for line in lines]
