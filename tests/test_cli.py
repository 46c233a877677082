"""The command line through click's CliRunner, every error path included."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import cli


@pytest.fixture()
def run():
    def invoke(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])
    return invoke


def test_help_has_examples(run):
    for command in ("build", "query", "export", "stats", "show", "explain", "view", "validate",
                    "serve", "extract", "timeline", "prefixes"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.output


def test_query_formats(run, seeds_build):
    store, _, _ = seeds_build
    q = 'SELECT ?l WHERE { ?p kg:worksFor ?o . ?p rdfs:label ?l } ORDER BY ?l'
    table = run("query", q, "--store", store)
    assert table.exit_code == 0 and "Mark Zuckerberg" in table.output and "row" in table.output
    as_json = json.loads(run("query", q, "--store", store, "--format", "json").output)
    assert {"l": {"type": "literal", "value": "Mark Zuckerberg"}} in \
        as_json["results"]["bindings"]
    csv = run("query", q, "--store", store, "--format", "csv").output.splitlines()
    assert csv[0] == "l"


def test_query_from_file_and_construct(run, seeds_build, tmp_path):
    store, _, _ = seeds_build
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?s kg:worksFor ?o } WHERE { ?s kg:worksFor ?o }")
    result = run("query", f"@{rq}", "--store", store)
    assert result.exit_code == 0 and "kg:worksFor" in result.output


def test_ask_sets_the_exit_code(run, seeds_build):
    store, _, _ = seeds_build
    yes = run("query", "ASK { ?s kg:worksFor ?o }", "--store", store)
    no = run("query", 'ASK { ?s rdfs:label "No Such Entity Anywhere" }', "--store", store)
    assert (yes.exit_code, yes.output.strip()) == (0, "true")
    assert (no.exit_code, no.output.strip()) == (3, "false")


@pytest.mark.parametrize("fmt", ["turtle", "trig", "ntriples", "nquads", "jsonld", "graphml"])
def test_export_formats(run, seeds_build, tmp_path, fmt):
    store, _, _ = seeds_build
    target = tmp_path / f"g.{fmt}"
    result = run("export", "--store", store, "--format", fmt, "-o", target)
    assert result.exit_code == 0 and target.stat().st_size > 1000


def test_jsonld_export_keeps_the_named_graphs(run, seeds_build, tmp_path):
    """Each document's graph stays its own ``@graph``: the same quads as N-Quads."""
    import pyoxigraph as ox

    store, _, _ = seeds_build
    quads = {}
    for fmt, parse in (("jsonld", ox.RdfFormat.JSON_LD), ("nquads", ox.RdfFormat.N_QUADS)):
        assert run("export", "--store", store, "--format", fmt, "-o",
                   tmp_path / f"g.{fmt}").exit_code == 0
        quads[fmt] = set(ox.parse(path=str(tmp_path / f"g.{fmt}"), format=parse))
    names = {q.graph_name.value for q in quads["jsonld"] if isinstance(q.graph_name, ox.NamedNode)}
    assert sum(n.startswith("https://w3id.org/kg/doc/") for n in names) == 4
    assert quads["jsonld"] == quads["nquads"]


def test_stats(run, seeds_build):
    store, _, _ = seeds_build
    result = run("stats", "--store", store)
    assert result.exit_code == 0
    assert "documents   4" in result.output and "kg:Organization" in result.output
    every = run("stats", "--store", store, "--top", "0").output
    relations = every.split("statements by relation:\n")[1].splitlines()
    assert len(relations) > 15 and "more relations" in result.output.splitlines()[-1]
    top = run("stats", "--store", store, "--top", "2").output
    lines = top.split("statements by relation:\n")[1].splitlines()
    more = len(relations) - 2
    assert lines[:2] == relations[:2] and len(lines) == 3
    assert lines[2].startswith(f"  ... {more} more relations (") and "--top 0" in lines[2]


def one_error_line(result):
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()] if result.stderr else []
    return result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("kg: error:") \
        and "Traceback" not in result.output


def test_missing_path(run, tmp_path):
    result = run("build", tmp_path / "nope", "--store", tmp_path / "s", "--out", tmp_path / "o")
    assert one_error_line(result) and "no such file" in result.stderr


def test_empty_folder(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("build", tmp_path / "empty", "--store", tmp_path / "s")
    assert one_error_line(result) and "no articles found" in result.stderr


def test_only_bad_files(run, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"\x00binary\x00")
    (tmp_path / "in" / "b.txt").write_bytes("\xe9t\xe9".encode("latin-1"))
    result = run("build", tmp_path / "in", "--store", tmp_path / "s")
    assert one_error_line(result) and "no readable documents" in result.stderr


def test_bad_file_is_skipped_with_a_warning(run, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"\x00binary\x00")
    (tmp_path / "in" / "b.txt").write_text("Acme Corp acquired Initech.", encoding="utf-8")
    result = run("build", tmp_path / "in", "--store", tmp_path / "s", "--out", tmp_path / "o")
    assert result.exit_code == 0 and "warning: skipped" in result.stderr
    assert "1 parsed" in result.output


def test_broken_sparql_shows_the_position(run, seeds_build):
    store, _, _ = seeds_build
    result = run("query", "SELECT ?s WHERE { ?s ?p }", "--store", store)
    assert one_error_line(result) and "invalid SPARQL at line 1, column" in result.stderr


def test_unknown_export_format_lists_the_valid_ones(run, seeds_build):
    store, _, _ = seeds_build
    result = run("export", "--store", store, "--format", "pdf")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1  # a usage error
    assert "graphml" in result.stderr and "turtle" in result.stderr


def test_missing_store(run, tmp_path):
    result = run("stats", "--store", tmp_path / "none")
    assert one_error_line(result) and "kg build" in result.stderr


def test_store_in_use_by_another_process(run, seeds_build, tmp_path):
    store, _, _ = seeds_build
    copy = tmp_path / "store"
    import shutil
    shutil.copytree(store, copy)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from kg.store import Store; s = Store(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(copy)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run("query", "ASK { ?s ?p ?o }", "--store", copy)
        assert one_error_line(result) and "in use by another process" in result.stderr
        rebuild = run("build", "seeds", "--store", copy, "--out", tmp_path / "o")
        assert one_error_line(rebuild) and "in use" in rebuild.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run("query", count, "--store", copy).output == run("query", count, "--store",
                                                                store).output


def test_missing_model_says_how_to_install(run, tmp_path):
    result = run("build", "seeds", "--store", tmp_path / "s", "--model", "xx_no_such_model")
    assert one_error_line(result) and "pip install" in result.stderr


def test_import_kg_does_not_load_spacy():
    code = "import sys, kg; assert 'spacy' not in sys.modules and 'rdflib' not in sys.modules"
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


def test_extract_prints_benchmark_tsv(tmp_path):
    sentences = tmp_path / "s.txt"
    sentences.write_text("Acme Corp acquired Initech in May .\nThe board approved it .\n",
                         encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--sentences", str(sentences)])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert ["Acme Corp acquired Initech in May .", "0.9", "Acme Corp", "acquired",
            "Initech"] in rows
    assert all(len(r) == 5 and float(r[1]) <= 1 for r in rows)


def test_extract_reads_a_page_as_its_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html><head><title>Orvane buys Telmix</title></head><body>'
                    '<nav><a href="/">Home</a></nav><article><h1>Orvane buys Telmix</h1>'
                    '<p>Orvane Systems acquired Telmix Corp on Monday, the companies said.</p>'
                    '<p>Lida Ferro is the chief executive of Orvane Systems.</p></article>'
                    '<footer>Copyright</footer></body></html>', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert ["Orvane Systems acquired Telmix Corp on Monday, the companies said.", "0.9",
            "Orvane Systems", "acquired", "Telmix Corp"] in rows
    assert "<" not in result.output and "Home" not in result.output


def test_extract_missing_file(run, tmp_path):
    result = run("extract", tmp_path / "none.txt")
    assert one_error_line(result) and "cannot read" in result.stderr
