"""Hostile input ends in a clear line or a clean result, never a traceback or a hang: control
characters, pathological paragraphs, script markers, odd output targets, odd store paths, odd
encodings and odd folder entries; and a fuzzed build whose exports all parse back."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import cli
from kg.documents import PARAGRAPH_MAX, paragraphs
from kg.export import export
from kg.graphview import GraphFilter
from kg.pipeline import BuildOptions, build
from kg.sources import documents, read
from kg.store import Store
from kg.view import render_page


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_error_line(result, *words: str) -> bool:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    return (result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("kg: error:")
            and all(w in lines[0] for w in words))


def built(tmp_path: Path, nlp, files: dict[str, str]) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    # without the gate, so the exports hold the names these tests feed them
    options = BuildOptions(store=tmp_path / "store", out=tmp_path / "out", jobs=1, gate=False)
    build([corpus], options, nlp=nlp)
    return options.store, options.out  # type: ignore[return-value]


def exports_parse(store: Path, out: Path) -> None:
    """graph.ttl parses with rdflib; graph.graphml and a GEXF export pass their schemas."""
    from tests.test_pictures import validate_gexf, validate_graphml

    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    validate_graphml(out / "graph.graphml")
    with Store(store, create=False) as opened:
        export(opened, "gexf", out / "graph.gexf")
    validate_gexf(out / "graph.gexf")


def test_control_characters_keep_graphml_and_gexf_valid_xml(tmp_path, nlp):
    store, out = built(tmp_path, nlp, {
        "a.txt": "Acme\x1b Corp released Widget Nine.\nBolt\x07 Industries hired Dana Reyes.\n"})
    exports_parse(store, out)
    assert "\ufffd" in (out / "graph.graphml").read_text(encoding="utf-8")


def test_pathological_paragraphs_are_cut_into_bounded_pieces():
    for text in ("Revenue " + "." * 20000, "Acme hired Bob. " * 62500, "a " * 500000,
                 "Acme " + "x" * 1_000_001 + " hired Bob.", "([{<" * 75000):
        pieces = list(paragraphs(text))
        assert all(len(p.text) <= PARAGRAPH_MAX for p in pieces)
        assert all(text[p.start:p.start + len(p.text)] == p.text for p in pieces)
    words = "Acme hired Bob. " * 62500
    assert sum(p.text.count("Bob") for p in paragraphs(words)) == 62500  # nothing lost


def test_a_paragraph_of_a_million_characters_does_not_sink_the_build(tmp_path, nlp):
    store, out = built(tmp_path, nlp, {
        "good.txt": "Acme Corp acquired Initech in May.\n",
        "huge.txt": "Figures " + "x" * 1_000_001 + " follow.\n",
        "dots.txt": "Revenue " + "." * 20000 + "\n"})
    stats = run("stats", "--store", store)
    assert stats.exit_code == 0 and "documents   3" in stats.output
    skipped: list[str] = []
    list(documents([tmp_path / "corpus"], skipped))
    assert skipped == [f"{tmp_path / 'corpus' / name}: {n} characters in runs without a space "
                       "(no words; left out of the parse, the rest is read)"
                       for name, n in (("dots.txt", 20000), ("huge.txt", 1000001))]
    assert "Initech" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_kg_view_leaves_no_angle_bracket_in_its_embedded_json(tmp_path, nlp):
    store, _ = built(tmp_path, nlp, {
        "a.txt": 'Acme Corp hired Dana Reyes, who wrote "<!--<script>" on the wall.\n'})
    with Store(store, create=False) as opened:
        page = render_page(opened, GraphFilter(unconfirmed=True))  # "wrote" is an open verb
    embedded = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page,
                         re.S)
    assert embedded and "<" not in embedded.group(1)
    assert "<!--<script>" in json.dumps(json.loads(embedded.group(1)), ensure_ascii=False)


def test_export_writes_through_links_fifos_and_devices(seeds_build, tmp_path):
    store, _, _ = seeds_build
    real = tmp_path / "real.ttl"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    assert run("export", "--store", store, "-o", link).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("@prefix")
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "--store", store, "-o", fifo)
    reader.join()
    assert result.exit_code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].startswith(b"@prefix")
    assert run("export", "--store", store, "-o", "/dev/null").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_store_path_that_is_a_file_or_not_writable_is_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Acme Corp acquired Initech.\n", encoding="utf-8")
    a_file = tmp_path / "file"
    a_file.write_text("not a store", encoding="utf-8")
    for store in (a_file, a_file / "sub"):
        result = run("build", corpus, "--store", store, "--fresh", "--out", tmp_path / "o")
        assert one_error_line(result), result.output
    locked = tmp_path / "ro"
    locked.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(locked)],
        capture_output=True).returncode == 0
    if not mounted:
        locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("cannot make a folder this user may not write")
        result = run("build", corpus, "--store", locked / "store", "--fresh", "--out",
                     tmp_path / "o")
        assert one_error_line(result, "not writable")
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(locked)], capture_output=True)
        else:
            locked.chmod(0o700)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_bom_is_read(tmp_path, encoding):
    text = "Acme Corp hired Dana Reyes in Zürich.\n"
    path = tmp_path / "a.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + text.encode(encoding))
    [doc] = read(path)
    assert doc.text == text  # type: ignore[union-attr]


def test_links_that_go_nowhere_and_fifos_are_reported(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("Acme Corp hired Dana Reyes.\n", encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: not followed
    os.mkfifo(folder / "fifo.txt")
    skipped: list[str] = []
    assert [Path(d.source).name for d in documents([folder], skipped)] == ["good.txt"]
    reasons = "\n".join(skipped)
    assert "loop.txt: a symbolic link that never reaches a file" in reasons
    assert "dangling.txt: a dangling symbolic link" in reasons
    assert "fifo.txt: a FIFO" in reasons


# --- fuzzing -----------------------------------------------------------------------------------
JUNK = st.sampled_from([
    "\x1b", "\x07", "\x00", "\u200f", "\u202e", "שלום עולם", "مرحبا", "😀" * 40, "🏳️‍🌈",
    "(" * 60 + ")" * 60, "[{<" * 30, "x" * 400, "....!!!???", "-- -- --", "\t", "\r\n", "\ufeff",
    "\ud7ff", "\U0001d400", "&amp;<b>", "</script>", "\"'`", "ǅungla", "İstanbul"])
SENTENCE = st.sampled_from([
    "Acme Corp hired Dana Reyes.", "Globex released Widget Pro in Lisbon.",
    "Initech, a software firm, acquired Hooli for $3 million.", "Revenue 1.2 vs 1.1"])
TEXT = st.lists(st.one_of(JUNK, SENTENCE, st.text(max_size=40)), min_size=1, max_size=8).map(
    " ".join)
NAME = st.one_of(st.sampled_from(["a b.txt", "-dash.txt", "ünï.md", "日本.txt", "x.TXT",
                                  os.fsdecode(b"bad\xffname.txt"), "q'\"uote.txt"]),
                 st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1,
                         max_size=8).map(lambda s: s + ".txt"))


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=st.dictionaries(NAME, TEXT, min_size=1, max_size=3))
def test_fuzzed_builds_end_cleanly_and_every_export_parses(files, nlp, tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    corpus = base / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    result = None
    try:
        build([corpus], BuildOptions(store=base / "store", out=base / "out", jobs=1), nlp=nlp)
    except Exception as err:  # only a clear KgError (no readable document at all) may end it
        from kg.errors import InputError
        assert isinstance(err, InputError) and "no readable documents" in str(err), err
        result = err
    if result is None:
        exports_parse(base / "store", base / "out")
    shutil.rmtree(base)


def test_a_store_whose_pointer_names_a_missing_generation_says_how_to_recover(tmp_path, nlp):
    store, _ = built(tmp_path, nlp, {"a.txt": "Acme Corp acquired Initech in May.\n"})
    (store / "CURRENT").write_text("g9\n", encoding="utf-8")
    stats = run("stats", "--store", store)
    assert one_error_line(stats, "damaged store", "--fresh")
    build([tmp_path / "corpus"], BuildOptions(store=store, out=None, fresh=True, jobs=1),
          nlp=nlp)
    assert run("stats", "--store", store).exit_code == 0
