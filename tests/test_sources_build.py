"""Builds from every kind of input: a folder mixing them, a feed whose entries are fetched from
a real HTTP server on 127.0.0.1, and a Reuters-shaped JSON-lines file named directly; the
documents reach the store with their metadata."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.pipeline import BuildOptions, build
from kg.queries import run_query
from kg.sources import ReadOptions
from kg.store import Store
from tests.servers import serving
from tests.test_sources import ATOM, PAGE, RSS, write_warc

DOCS = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?source ?title ?created ?url WHERE {
  ?d kg:source ?source .
  OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:created ?created }
  OPTIONAL { ?d schema:url ?url } } ORDER BY ?source"""


def stored(store: Path) -> dict[str, tuple[str, str, str]]:
    """Each stored document's source (file name and key) → (title, created, url)."""
    with Store(store, create=False) as opened:
        rows = run_query(opened, DOCS).rows
    return {Path(source or "").name: (title or "", created or "", url or "")
            for source, title, created, url in rows}


def test_a_folder_mixing_every_kind_builds_in_one_go(tmp_path, nlp):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Ilse Dravnik founded Quillon Robotics in Lake Orm.\n",
                                encoding="utf-8")
    (news / "b.md").write_text("# Ferrand joins Vexa\n\n**Tomas Ferrand** joined "
                               "[Vexa Systems](https://vexa.example) as chief executive.\n",
                               encoding="utf-8")
    (news / "c.html").write_text(PAGE, encoding="utf-8")
    (news / "d.atom").write_text(ATOM, encoding="utf-8")
    with gzip.open(news / "e.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write(json.dumps({"id": "w1", "date": "26-FEB-1987 15:01:01.79",
                              "title": "OXMOOR BUYS DELL LANE",
                              "text": "Oxmoor Foods said it bought Dell Lane Dairies."}) + "\n")
    write_warc(news / "f.warc.gz", [("https://lantern.example/gale", "text/html",
                                     PAGE.replace("Vexa", "Galewind"))])
    (news / "notes.pdf").write_bytes(b"%PDF")  # not read, not mentioned
    options = BuildOptions(store=news / "store", out=news / "out", jobs=1)
    (news / "out").mkdir()
    (news / "out" / "graph.html").write_text(PAGE, encoding="utf-8")  # a viewer page: no news
    report = build([news], options, nlp=nlp)
    assert report.documents == 6 and report.skipped == ()
    docs = stored(options.store)
    assert docs["a.txt"] == ("", "", "")
    assert docs["b.md"] == ("Ferrand joins Vexa", "", "")
    assert docs["c.html"] == ("Vexa buys Quillon in cash deal", "2024-03-11T06:32:00Z",
                              "https://lantern.example/business/vexa-quillon")
    assert docs["d.atom#urn:norland:wire:7"] == ("Quillon founder joins Vexa board",
                                                 "2024-03-11T08:00:00Z",
                                                 "https://wire.example/7")
    assert docs["e.jsonl.gz#w1"] == ("OXMOOR BUYS DELL LANE", "1987-02-26T15:01:01", "")
    [warc] = [k for k in docs if k.startswith("f.warc.gz#urn:uuid:")]
    assert docs[warc][2] == "https://lantern.example/business/vexa-quillon"
    with Store(options.store, create=False) as opened:
        assert run_query(opened, 'ASK { ?p rdfs:label "Tomas Ferrand" ; kg:worksFor ?v . '
                                 '?v rdfs:label "Vexa Systems" }').boolean
        created = run_query(opened, "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT "
                                    "(datatype(?c) AS ?t) WHERE { ?d dcterms:created ?c } "
                                    "GROUP BY ?c").rows
    assert {kind for (kind,) in created} == {"xsd:dateTime"}
    # a record removed from a file built again leaves the graph; the rest is unchanged
    (news / "e.jsonl.gz").write_bytes(gzip.compress(b'{"id": "w2", "text": "Oxmoor Foods '
                                                    b'hired Ana Ruiz."}\n'))
    again = build([news], options, nlp=nlp)
    assert (again.removed, again.parsed) == (1, 1)
    assert "e.jsonl.gz#w1" not in stored(options.store)


GERMAN = ("Die Firma Vexa Systeme hat am Montag mitgeteilt, dass sie den Hafenkranhersteller "
          "Quillon aus Norland gekauft hat. Der Vorstandsvorsitzende Tomas Ferrand sagte, das "
          "Geschäft werde im zweiten Quartal abgeschlossen, und die Mitarbeiter in Lake Orm "
          "würden ihre Stellen behalten, wie die Zeitung weiter berichtete.\n")
ENGLISH = ("Vexa Systems said on Monday that it had bought Quillon, the harbour crane maker of "
           "Norland. Its chief executive, Tomas Ferrand, said the deal would close in the second "
           "quarter and that the staff in Lake Orm would keep their jobs, the paper reported.\n")


def test_documents_not_in_english_are_left_out_and_counted(tmp_path, nlp):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (news / "b.txt").write_text(GERMAN, encoding="utf-8")
    (news / "c.jsonl").write_text("".join(json.dumps({"id": key, "text": text}) + "\n" for key, text
                                          in [("1", GERMAN), ("2", "Vexa 2, Quillon 1."),
                                              ("3", ENGLISH.lower() * 2)]), encoding="utf-8")
    store = tmp_path / "store"
    report = build([news], BuildOptions(store=store, out=None, jobs=1), nlp=nlp)
    shown = news.as_posix()
    assert report.skipped == (
        f"{shown}/b.txt: 1 document not in English (de: 1) left out; --language any reads them",
        f"{shown}/c.jsonl: 1 document not in English (de: 1) left out; --language any reads "
        "them",
        f"note: {shown}/c.jsonl: 1 document is almost all in lower case: names cannot be told "
        "from words there, so few facts will be found")
    assert sorted(stored(store)) == ["a.txt", "c.jsonl#2", "c.jsonl#3"]  # a short one is kept
    with Store(store, create=False) as opened:
        rows = run_query(opened, "SELECT ?s ?l WHERE { ?d kg:source ?s OPTIONAL { ?d "
                                 "<http://purl.org/dc/terms/language> ?l } }").rows
    assert sorted((Path(s).name, lang) for s, lang in rows) == [
        ("a.txt", "en"), ("c.jsonl#2", None), ("c.jsonl#3", "en")]
    every = build([news], BuildOptions(store=tmp_path / "every", out=None, jobs=1,
                                       read=ReadOptions(language="any")), nlp=nlp)
    # the German story of b.txt and c.jsonl#1 is one document (one text, one id)
    assert every.documents == 4 and len(every.skipped) == 1


class _Server(ThreadingHTTPServer):
    """A feed whose entries link to a page that is there and one that is not; ``hits``
    counts the requests for each path."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        feed = (RSS.replace("https://lantern.example/vexa", f"{self.base}/vexa")
                .replace("https://lantern.example/ferrand", f"{self.base}/gone"))
        self.pages = {"/feed": feed.encode("utf-8"), "/vexa": PAGE.encode("utf-8")}
        self.hits: Counter[str] = Counter()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up on /slow closed its end: not this test's business


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        if self.path == "/slow":
            threading.Event().wait(2)
        body = self.server.pages.get(self.path)
        self.send_response(404 if body is None else 200)
        self.send_header("Content-Type", "application/rss+xml" if self.path == "/feed"
                         else "text/html; charset=utf-8")
        body = body if body is not None else b"not here"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[_Server]:
    with serving(_Server()) as server:
        yield server


def test_fetch_follows_entry_links_once_and_warns_once_per_failure(tmp_path, nlp, site):
    base = site.base
    options = BuildOptions(store=tmp_path / "store", out=None, jobs=1,
                           read=ReadOptions(fetch=True, fetch_timeout=5))
    report = build([f"{base}/feed"], options, nlp=nlp)
    assert report.documents == 2 and report.parsed == 2
    assert report.skipped == (f"fetching {base}/gone: HTTP 404 Not Found; {base}/feed#lantern-2 "
                              "is read from its feed summary",)
    assert site.hits == {"/feed": 1, "/vexa": 1, "/gone": 1}  # the parse fetched nothing
    with Store(options.store, create=False) as opened:
        docs = {d.source: d for d in opened.documents().values()}
    whole, summary = docs[f"{base}/feed#lantern-1"], docs[f"{base}/feed#lantern-2"]
    assert whole.title == "Vexa buys Quillon" and whole.site == "Lantern Business"
    assert whole.url == f"{base}/vexa" and whole.published == "2024-03-11T06:32:00Z"
    assert summary.title == "Ferrand speaks"
    # without --fetch the entries are their summaries, and no page is asked for
    build([f"{base}/feed"], BuildOptions(store=tmp_path / "s2", out=None, jobs=1), nlp=nlp)
    assert site.hits == {"/feed": 2, "/vexa": 1, "/gone": 1}


def test_a_page_that_does_not_answer_in_time_is_one_warning(tmp_path, nlp, site):
    base = site.base
    site.pages["/feed"] = (RSS.replace("https://lantern.example/vexa", f"{base}/slow")
                           .replace("https://lantern.example/ferrand", f"{base}/vexa").encode())
    options = BuildOptions(store=tmp_path / "store", out=None, jobs=1,
                           read=ReadOptions(fetch=True, fetch_timeout=0.5))
    report = build([f"{base}/feed"], options, nlp=nlp)
    assert report.documents == 2
    assert [r for r in report.skipped if "/slow" in r] == [
        f"fetching {base}/slow: no answer within 0.5 s; {base}/feed#lantern-1 is read from "
        "its feed summary"]
    assert site.hits["/slow"] == 1


def test_a_reuters_shaped_file_builds_from_the_command_line(tmp_path):
    """Invented stories in the shape of the Reuters-21578 JSON lines (id, date, title,
    dateline, text; briefs without text), named directly on the command line."""
    path = tmp_path / "wire.jsonl.gz"
    names = ["Vexa", "Quillon", "Oxmoor", "Galewind", "Dell Lane"]
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for i in range(1, 51):
            company = names[i % 5]
            text = "" if i % 10 == 0 else (
                f"{company} Corp said it agreed to buy a {i} pct stake in Norland Mills\n"
                f"for {i * 3} mln dlrs in cash.\n    The company said the deal would close "
                "in\nthe second quarter.")
            out.write(json.dumps({
                "id": i, "date": f"{i % 28 + 1:02d}-MAR-1987 {i % 24:02d}:01:01.79",
                "title": f"{company.upper()} TO BUY STAKE IN NORLAND MILLS",
                "dateline": "NORLAND, March 3 -", "text": text, "topics": ["acq"]}) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(path), "--store", str(tmp_path / "store"),
         "--out", str(tmp_path / "out"), "--jobs", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "documents  45 (45 parsed" in result.stdout
    assert result.stderr.strip().endswith(
        "wire.jsonl.gz: 5 records without text in a field text/content/body/article/maintext/"
        "content_text/content_html (left out; --text-field names another field)")
    docs = stored(tmp_path / "store")
    assert docs["wire.jsonl.gz#7"] == ("OXMOOR TO BUY STAKE IN NORLAND MILLS",
                                       "1987-03-08T07:01:01", "")
    assert all(created.startswith("1987-03-") for _, created, _ in docs.values())


def test_the_library_takes_the_read_options(tmp_path):
    import kg
    from kg.pipeline import BuildOptions

    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"key": "p1", "body": "Ana Ruiz joined Vexa Systems.",
                                "text": "(no text here)"}) + "\n", encoding="utf-8")
    read = ReadOptions(text_field="body", id_field="key")
    report = kg.build([path], BuildOptions(store=tmp_path / "store", out=None, jobs=1,
                                           read=read))
    assert report.documents == 1 and report.sentences == 1
    again = kg.build([path], store=tmp_path / "store", out=None, read=read)
    assert again.unchanged == 1
    assert list(stored(tmp_path / "store")) == ["posts.jsonl#p1"]


def test_the_command_line_passes_every_read_option(tmp_path, site):
    from click.testing import CliRunner

    from kg.cli import cli

    path = tmp_path / "posts.csv"
    path.write_text("post_id,message,created_at,headline,permalink\n"
                    'p9,"Ana Ruiz joined Vexa Systems.",2024-03-11,Ruiz joins,https://x.example/9\n',
                    encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "build", str(path), "--store", str(tmp_path / "store"), "--out", str(tmp_path / "o"),
        "--text-field", "message", "--id-field", "post_id", "--date-field", "created_at",
        "--title-field", "headline", "--url-field", "permalink", "--fetch",
        "--fetch-timeout", "3", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "store") == {
        "posts.csv#p9": ("Ruiz joins", "2024-03-11", "https://x.example/9")}
    bad = CliRunner().invoke(cli, ["build", str(path), "--fetch-timeout", "0"])
    assert bad.exit_code == 2 and "--fetch-timeout" in bad.output
    feed = CliRunner().invoke(cli, ["build", f"{site.base}/feed", "--fetch", "--store",
                                    str(tmp_path / "s2"), "--out", str(tmp_path / "o2"),
                                    "-j", "1"])
    assert feed.exit_code == 0 and site.hits == {"/feed": 1, "/vexa": 1, "/gone": 1}
    assert f"kg: warning: skipped fetching {site.base}/gone: HTTP 404" in feed.stderr


def test_a_list_of_article_urls_is_fetched_and_read(tmp_path, site):
    from click.testing import CliRunner

    from kg.cli import cli

    listed = tmp_path / "articles.txt"
    listed.write_text(f"# today's reading\n{site.base}/vexa\n\n{site.base}/gone\n"
                      f"{site.base}/vexa\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--urls", str(listed), "--store",
                                      str(tmp_path / "store"), "--out", str(tmp_path / "o"),
                                      "-j", "1"])
    assert result.exit_code == 0, result.output
    assert site.hits == {"/vexa": 1, "/gone": 1}  # once each, though the scan reads twice
    assert stored(tmp_path / "store") == {"vexa": (
        "Vexa buys Quillon in cash deal", "2024-03-11T06:32:00Z",
        "https://lantern.example/business/vexa-quillon")}
    assert f"kg: warning: skipped {site.base}/gone: HTTP 404" in result.stderr
    listed.write_text(f"{site.base}/vexa\nfile:///etc/passwd\n", encoding="utf-8")
    bad = CliRunner().invoke(cli, ["build", "--urls", str(listed), "--store",
                                   str(tmp_path / "store")])
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1
    assert f"{listed.as_posix()}, line 2: not an http(s) URL ('file:///etc/passwd')" in bad.stderr


def test_a_feed_cut_short_gives_its_entries_before_the_cut_with_a_warning(tmp_path):
    from tests.test_sources import RSS, docs_of, skips_of

    path = tmp_path / "cut.rss"
    path.write_text(RSS[:RSS.rindex("<item>") + 20], encoding="utf-8")
    assert len(docs_of(path)) >= 1
    [warning] = [s for s in skips_of(path) if s.startswith("note: ")]
    assert warning.startswith(f"note: {path.as_posix()}: the feed is malformed or cut short (")


def _parse_texts(folder: Path) -> list[str]:
    """What the parse reads of ``folder`` after its scan, once every input file is
    rewritten in between (read again, it would give the new words)."""
    from types import SimpleNamespace

    from kg.stages import scan

    options = BuildOptions(store=folder.parent / "store", fresh=True)
    inputs = scan.read([folder], options)
    for path in folder.iterdir():
        path.write_text("Orbis Marine hired Tam Welk as its pilot.\n", encoding="utf-8")
    ctx = SimpleNamespace(inputs=inputs, options=options)
    return [d.text for d in scan.texts(ctx, inputs.documents, set(inputs.documents))]


def test_the_parse_reads_the_texts_the_scan_kept(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    stories = {"a.txt": "Vexa Labs bought Quanta Robotics on Monday, the companies said.\n",
               "b.txt": "Dara Olin joined Orbis Marine as its chief executive last year.\n"}
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")
    texts = _parse_texts(folder)
    # the scan's own words, not read again (the files changed in between)
    assert sorted(texts) == sorted(stories.values())


def test_texts_past_what_the_scan_keeps_are_read_again(tmp_path, monkeypatch):
    from kg.stages import scan

    monkeypatch.setattr(scan, "KEEP_CHARS", 10)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Vexa Labs bought Quanta Robotics on Monday.\n",
                                  encoding="utf-8")
    texts = _parse_texts(folder)
    assert texts == []  # read again: another text, another document, not one of the scan's
