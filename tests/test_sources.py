"""Each kind of input read into documents: text and markdown, web pages, feeds, records and web
archives, from small files made here (invented stories, invented names); broken records are
skipped with a reason and the rest of their file is read."""

from __future__ import annotations

import csv
import gc
import gzip
import io
import json
import warnings
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Document
from kg.sources import ReadOptions, Skipped, documents, find_inputs, kind_of, read
from kg.sources.records import entities_text

STORY = ("Vexa Systems, a maker of harbour cranes based in Port Adley, said on Monday it had "
         "agreed to buy Quillon Robotics for 40 million dollars in cash.")
STORY2 = ("Tomas Ferrand, the chief executive of Vexa, said the deal would close in the second "
          "quarter after regulators in Port Adley approve it.")

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Vexa buys Quillon | The Daily Lantern</title>
<meta property="og:title" content="Vexa buys Quillon in cash deal">
<meta property="og:site_name" content="The Daily Lantern">
<meta name="author" content="Mara Velloso">
<meta property="article:published_time" content="2024-03-11T06:32:00Z">
<link rel="canonical" href="https://lantern.example/business/vexa-quillon">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business news</a></li></ul></nav>
<article><h1>Vexa buys Quillon in cash deal</h1>
<p>{STORY}</p><p>{STORY2}</p>
<p>Quillon was founded in 2015 by Ilse Dravnik and employs 120 engineers in Lake Orm.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Crane makers brace for a slow year in Norland</a></li>
<li><a href="/b">Port Adley opens a deep water dock</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><div class="comment">
<p>Great news for the town, wrote a reader called Bob Sneed who loves cranes.</p></div>
</section><footer><p>Copyright 2024 The Daily Lantern. All rights reserved.</p></footer>
</body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lantern Business</title>
<link>https://lantern.example/</link><description>Business news</description>
<item><title>Vexa buys Quillon</title><link>https://lantern.example/vexa</link>
<guid>lantern-1</guid><pubDate>Mon, 11 Mar 2024 06:32:00 GMT</pubDate>
<author>desk@lantern.example (Mara Velloso)</author>
<description>&lt;p&gt;{STORY}&lt;/p&gt;</description></item>
<item><title>Ferrand speaks</title><link>https://lantern.example/ferrand</link>
<guid>lantern-2</guid><pubDate>Tue, 12 Mar 2024 09:00:00 +0100</pubDate>
<description>{STORY2}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Norland Wire</title>
<id>urn:norland:wire</id><updated>2024-03-11T08:00:00Z</updated>
<entry><title>Quillon founder joins Vexa board</title><id>urn:norland:wire:7</id>
<link href="https://wire.example/7"/><updated>2024-03-11T08:00:00Z</updated>
<author><name>Ilse Dravnik</name></author>
<content type="html">&lt;p&gt;{STORY}&lt;/p&gt;&lt;p&gt;{STORY2}&lt;/p&gt;</content></entry>
</feed>"""


def docs_of(path: Path | str, **options: object) -> list[Document]:
    return [d for d in read(path, ReadOptions(**options)) if isinstance(d, Document)]


def skips_of(path: Path | str, **options: object) -> list[str]:
    return [s.reason for s in read(path, ReadOptions(**options)) if isinstance(s, Skipped)]


# --- text and markdown -------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_read(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{STORY}\n{STORY2}\n".encode(encoding))
    assert docs_of(path)[0].text == f"{STORY}\n{STORY2}\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_of_a_script_without_zero_bytes_is_read(tmp_path, encoding):
    text = "東京の会社ベクサが新しいクレーンを発表した。\n港の工場で作られる。\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert docs_of(path)[0].text == text


def test_utf16_with_a_bom_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{STORY}\n".encode("utf-16"))
    assert docs_of(path)[0].text == f"{STORY}\n"


def test_a_latin1_file_is_refused_with_the_encoding_it_seems_to_be_in(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Le café de Zoë à Genève était fermé, dit Amélie Brûlé.\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"not UTF-8 .*Latin-1.*iconv -f WINDOWS-1252"):
        list(read(path))


def test_markdown_is_read_as_its_plain_text(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(
        "# Vexa buys Quillon\n\n"
        "**[Vexa Systems](https://vexa.example)**, a maker of *harbour cranes*, said it\n"
        "had agreed to buy _Quillon Robotics_. ![the Vexa yard](yard.png)\n\n"
        '<div class="ad">Subscribe to the Lantern today</div>\n\n'
        "- Quillon employs 120 engineers.\n- Ilse Dravnik founded it.\n", encoding="utf-8")
    [doc] = docs_of(path)
    assert doc.title == "Vexa buys Quillon"
    assert doc.text == ("Vexa buys Quillon\n\n"
                        "Vexa Systems, a maker of harbour cranes, said it had agreed to buy "
                        "Quillon Robotics.\n\nQuillon employs 120 engineers.\n\n"
                        "Ilse Dravnik founded it.\n")


def test_markdown_front_matter_gives_the_metadata_of_a_clipped_article(tmp_path):
    path = tmp_path / "clipped.md"
    path.write_text('---\ntitle: "Vexa buys Quillon"\nsource: "https://lantern.example/v"\n'
                    'author:\n  - "[[Mara Velloso]]"\npublished: 2024-03-11\ntags:\n'
                    '  - clippings\n---\n## Deal\n\n' + STORY + "\n", encoding="utf-8")
    [doc] = docs_of(path)
    assert (doc.title, doc.url, doc.author, doc.published) == (
        "Vexa buys Quillon", "https://lantern.example/v", "Mara Velloso", "2024-03-11")
    assert doc.text == f"Deal\n\n{STORY}\n"


def test_a_txt_file_is_its_text_unchanged(tmp_path):
    raw = "# Not markdown here\r\n**Vexa** [bought](x) Quillon.\r\n"
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8", newline="")
    assert docs_of(tmp_path / "a.txt")[0].text == raw.replace("\r\n", "\n")


# --- finding inputs ----------------------------------------------------------------------------
def test_folders_are_searched_for_every_kind_and_other_files_left_alone(tmp_path):
    for name in ("a.txt", "b.md", "c.html", "d.rss", "e.jsonl.gz", "f.csv", "g.warc.gz",
                 "notes.pdf", "photo.jpg"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in find_inputs([tmp_path])] == [  # type: ignore[union-attr]
        "a.txt", "b.md", "c.html", "d.rss", "e.jsonl.gz", "f.csv", "g.warc.gz"]
    assert kind_of("x.WARC.GZ") == "warc" and kind_of("x.gz") is None


def test_a_folder_search_leaves_out_the_folders_it_is_told_to(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "out" / "graph.html").write_text(PAGE, encoding="utf-8")
    assert len(find_inputs([tmp_path])) == 2
    assert find_inputs([tmp_path], leave_out=[tmp_path / "out"]) == [tmp_path / "a.txt"]
    assert find_inputs([tmp_path / "out" / "graph.html"], leave_out=[tmp_path / "out"]) == [
        tmp_path / "out" / "graph.html"]  # named, it is read


def test_a_file_of_an_unknown_kind_named_directly_is_an_error(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"notes\.pdf: kg cannot read.*\.txt .*\.warc\.gz"):
        find_inputs([tmp_path / "notes.pdf"])


# --- web pages ---------------------------------------------------------------------------------
def test_a_web_page_gives_its_article_and_metadata(tmp_path):
    path = tmp_path / "vexa.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = docs_of(path)
    assert STORY in doc.text and STORY2 in doc.text and "Ilse Dravnik" in doc.text
    for furniture in ("Home", "Business news", "Related stories", "slow year", "Bob Sneed",
                      "All rights reserved"):
        assert furniture not in doc.text
    assert f"\n\n{STORY}\n\n" in doc.text  # a paragraph of the page is a paragraph
    assert (doc.title, doc.author, doc.site) == ("Vexa buys Quillon in cash deal",
                                                 "Mara Velloso", "The Daily Lantern")
    assert doc.published == "2024-03-11T06:32:00Z"
    assert doc.url == "https://lantern.example/business/vexa-quillon"
    assert doc.source == str(path.as_posix())


def test_a_page_date_with_a_zone_name_gives_no_library_warning(tmp_path):
    page = PAGE.replace('<meta property="article:published_time" content="2024-03-11T06:32:00Z">',
                        '<meta name="last-modified" content="2024-03-11 06:32:00 EST">')
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil's UnknownTimezoneWarning would raise here
        [doc] = docs_of(tmp_path / "a.html")
    assert doc.published.startswith("2024-03-11")


def test_a_page_title_loses_its_site_name_and_a_caption_page_is_noted(tmp_path):
    plain = PAGE.replace('<meta property="og:title" content="Vexa buys Quillon in cash deal">',
                         "").replace("<title>Vexa buys Quillon | The Daily Lantern</title>",
                                     "<title>Vexa&#039;s deal for Quillon - Lantern</title>"
                                     ).replace("<h1>Vexa buys Quillon in cash deal</h1>", "")
    (tmp_path / "a.html").write_text(plain, encoding="utf-8")
    [doc] = docs_of(tmp_path / "a.html")
    assert doc.title == "Vexa's deal for Quillon"  # the host's name, lantern.example
    caption = ("<html><head><title>Quillon crane at dusk</title></head><body><article><p>The "
               "new Quillon crane at Port Adley, photographed at dusk by Ana Ruiz for the "
               "Daily Lantern.</p></article></body></html>")
    (tmp_path / "b.html").write_text(caption, encoding="utf-8")
    assert len(docs_of(tmp_path / "b.html")) == 1
    assert skips_of(tmp_path / "b.html") == [
        f"note: {(tmp_path / 'b.html').as_posix()}: only 17 words of text in the page (a "
        "caption, a teaser or a video page?); few facts will be found"]


def test_a_gzipped_page_is_read_and_a_bomb_is_not(tmp_path):
    (tmp_path / "vexa.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "bomb.htm.gz").write_bytes(gzip.compress(b"<p>" + b" " * (3 * 2**20)))
    skipped: list[str] = []
    [doc] = documents([tmp_path], skipped, ReadOptions(record_max_mb=2))
    assert STORY in doc.text and doc.title == "Vexa buys Quillon in cash deal"
    assert skipped == [f"{(tmp_path / 'bomb.htm.gz').as_posix()}: a page larger than 2 MB; "
                       "left out (--max-record-mb)"]


def test_a_page_without_article_text_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head><body></body>"
                                         "</html>", encoding="utf-8")
    (tmp_path / "good.html").write_text(PAGE, encoding="utf-8")
    skipped: list[str] = []
    assert [Path(d.source).name for d in documents([tmp_path], skipped)] == ["good.html"]
    assert skipped == [f"{(tmp_path / 'empty.html').as_posix()}: no article text found in "
                       "the page"]


# --- feeds -------------------------------------------------------------------------------------
def test_an_rss_feed_gives_one_document_per_entry(tmp_path):
    path = tmp_path / "lantern.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = docs_of(path)
    assert first.text == f"{STORY}\n" and second.text == f"{STORY2}\n"
    assert first.source == f"{path.as_posix()}#lantern-1"
    assert (first.title, first.url, first.site) == ("Vexa buys Quillon",
                                                    "https://lantern.example/vexa",
                                                    "Lantern Business")
    assert first.published == "2024-03-11T06:32:00Z"
    assert second.published == "2024-03-12T09:00:00+01:00"
    assert "Mara Velloso" in first.author


def test_feed_entries_with_one_summary_keep_their_own_titles(tmp_path):
    teaser = "Lida Ferro, the chief executive of Orvane Systems, spoke on Monday."
    items = "".join(f"<item><title>{title}</title><guid>{guid}</guid>"
                    f"<description>{teaser}</description></item>"
                    for guid, title in (("o-1", "Orvane buys Telmix"),
                                        ("o-2", "Orvane opens a Kessel office")))
    path = tmp_path / "teasers.rss"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Orvane Wire'
                    f"</title>{items}</channel></rss>", encoding="utf-8")
    docs = docs_of(path)
    assert [(d.source.rsplit("#")[-1], d.title, d.text.strip()) for d in docs] == [
        ("o-1", "Orvane buys Telmix", teaser), ("o-2", "Orvane opens a Kessel office", teaser)]
    assert len({d.doc_id for d in docs}) == 2


@pytest.mark.parametrize(("written", "iso"), [
    # a 12-hour clock after a written date: its afternoon kept, with a zone RFC 2822 names
    ("March 11, 2024 at 6:32 PM", "2024-03-11T18:32:00"),
    ("Mar 11, 2024, 6:32 p.m. EST", "2024-03-11T18:32:00-05:00"),
    ("March 11, 2024 12:05 AM +0530", "2024-03-11T00:05:00+05:30"),
    ("March 11, 2024 6:32 PM ET", "2024-03-11T18:32:00"),  # an ambiguous zone: none
    ("Monday, March 11, 2024", "2024-03-11"),
    ("Sept. 3, 2024", "2024-09-03"),
    ("March 11, 2024 13:32 PM", ""),
])
def test_written_dates_with_a_clock_or_a_weekday(written, iso):
    from kg.sources.dates import iso_date

    assert iso_date(written) == iso


def test_a_feed_date_in_a_form_only_feedparser_reads(tmp_path):
    path = tmp_path / "odd.rss"
    path.write_text(RSS.replace("Mon, 11 Mar 2024 06:32:00 GMT", "2024-3-11"),
                    encoding="utf-8")
    assert docs_of(path)[0].published == "2024-03-11"


def test_an_atom_feed_reads_html_content(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = docs_of(path)
    assert doc.text == f"{STORY}\n\n{STORY2}\n"
    assert (doc.title, doc.author, doc.site, doc.url) == (
        "Quillon founder joins Vexa board", "Ilse Dravnik", "Norland Wire",
        "https://wire.example/7")
    assert doc.published == "2024-03-11T08:00:00Z"
    assert doc.source.endswith("wire.atom#urn:norland:wire:7")


def test_fetch_reads_no_local_file_a_feed_links_to(tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text(PAGE, encoding="utf-8")
    path = tmp_path / "lantern.rss"
    path.write_text(RSS.replace("https://lantern.example/vexa", secret.as_uri())
                    .replace("https://lantern.example/ferrand", "ftp://lantern.example/f"),
                    encoding="utf-8")  # nothing here goes to the network
    docs = docs_of(path, fetch=True)
    assert docs[0].text == f"{STORY}\n"  # the entry's summary, not the page
    first, second = skips_of(path, fetch=True)
    assert first.startswith("fetching file:") and "secret.html: not an http(s) URL" in first
    assert second.startswith("fetching ftp://lantern.example/f: not an http(s) URL")


def test_a_file_that_is_no_feed_is_an_error(tmp_path):
    (tmp_path / "broken.xml").write_text("<rss><channel><title>Half", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.xml: not a feed kg can read"):
        list(read(tmp_path / "broken.xml"))


# --- records -----------------------------------------------------------------------------------
def write_jsonl_gz(path: Path, records: list[object], broken: str = "") -> None:
    lines = [json.dumps(r) for r in records]
    if broken:
        lines.insert(1, broken)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def test_json_lines_records_with_a_broken_line(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    write_jsonl_gz(path, [
        {"id": 11, "date": "26-FEB-1987 15:01:01.79", "title": "VEXA TO BUY QUILLON",
         "text": STORY},
        {"id": 12, "date": "someday", "title": "FERRAND SPEAKS", "text": STORY2},
        {"id": 13, "title": "BRIEF WITHOUT A BODY", "text": ""},
    ], broken='{"id": 99, "text": "cut sh')
    items = list(read(path))
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.source for d in docs] == [f"{path.as_posix()}#11", f"{path.as_posix()}#12"]
    assert docs[0].title == "VEXA TO BUY QUILLON" and docs[0].text == STORY
    assert docs[0].published == "1987-02-26T15:01:01" and docs[1].published == ""
    reasons = [s.reason for s in items if isinstance(s, Skipped)]
    assert reasons[0].startswith(f"{path.as_posix()}#2: not a JSON record")
    assert "1 record without text" in reasons[1] and "1 date kg cannot read" in reasons[2]


def test_record_fields_are_chosen_by_options(tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"key": "p-7", "body": STORY, "created": "2024-03-11",
                                "headline": "Vexa deal", "permalink": "https://x.example/7"})
                    + "\n", encoding="utf-8")
    [doc] = docs_of(path, id_field="key", date_field="created", url_field="permalink")
    assert (doc.source, doc.text, doc.title, doc.published, doc.url) == (
        f"{path.as_posix()}#p-7", STORY, "Vexa deal", "2024-03-11", "https://x.example/7")
    assert docs_of(path, text_field="headline")[0].text == "Vexa deal"


def test_a_json_array_and_an_api_answer_are_records(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"content": STORY}, 7]), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"status": "ok", "articles": [
        {"content": STORY2, "publishedAt": "2024-03-11T06:32:00Z"}]}, indent=2),
        encoding="utf-8")
    assert [d.text for d in docs_of(tmp_path / "a.json")] == [STORY]
    assert skips_of(tmp_path / "a.json") == [f"{(tmp_path / 'a.json').as_posix()}#2: a JSON "
                                             "int, not an object"]
    assert docs_of(tmp_path / "b.json")[0].published == "2024-03-11T06:32:00Z"


def test_an_api_answer_on_one_line_is_its_records(tmp_path):
    # how curl saves an answer: the whole value on one line, not JSON lines
    answer = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Vexa Wire"}, "author": "Ana Ruiz",
         "title": "Vexa deal", "content": STORY, "publishedAt": "2024-03-11T06:32:00Z"},
        {"source": {"id": None, "name": "Vexa Wire"}, "content": STORY2}]}
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    docs = docs_of(path)
    assert [d.text for d in docs] == [STORY, STORY2]
    assert (docs[0].site, docs[0].author, docs[0].title) == ("Vexa Wire", "Ana Ruiz", "Vexa deal")


def test_a_json_feed_and_news_please_records(tmp_path):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Vexa Daily",
            "authors": [{"name": "Desk"}],
            "items": [{"id": "n-1", "url": "https://x.example/1", "title": "Vexa hires",
                       "content_html": f"<p>{STORY}</p><p><img src='https://x.example/t.gif'>"
                                       f"</p><p>{STORY2}</p>",
                       "date_published": "2024-03-11T06:32:00+01:00",
                       "authors": [{"name": "Ana Ruiz"}, {"name": "Dan Orr"}]}]}
    (tmp_path / "feed.json").write_text(json.dumps(feed, indent=1), encoding="utf-8")
    [doc] = docs_of(tmp_path / "feed.json")
    assert doc.text == f"{STORY}\n\n{STORY2}\n"  # the markup made text, the pixel gone
    assert (doc.source.endswith("#n-1"), doc.published, doc.author) == (
        True, "2024-03-11T06:32:00+01:00", "Ana Ruiz, Dan Orr")
    please = {"maintext": STORY, "date_publish": "2024-03-11 06:32:00", "title": "Vexa hires",
              "authors": ["Ana Ruiz"], "source_domain": "news.example", "url": "https://x"}
    (tmp_path / "please.jsonl").write_text(json.dumps(please) + "\n", encoding="utf-8")
    [doc] = docs_of(tmp_path / "please.jsonl")
    assert (doc.text, doc.site, doc.author, doc.published[:10]) == (
        STORY, "news.example", "Ana Ruiz", "2024-03-11")
    assert docs_of(tmp_path / "please.jsonl", author_field="url")[0].author == "https://x"


def test_a_wire_ticker_is_not_markup(tmp_path):
    text = "Vexa Corp <VXA.N> said it bought <Quillon Inc> and <U>."
    (tmp_path / "wire.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    assert docs_of(tmp_path / "wire.jsonl")[0].text == text


def test_csv_records(tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "headline", "pubDate", "link", "article"])
    writer.writerow(["a1", "Vexa buys Quillon", "Mon, 11 Mar 2024 06:32:00 GMT",
                     "https://x.example/a1", f"{STORY}\n\n{STORY2}"])
    writer.writerow(["a2", "Nothing", "", "", ""])
    with gzip.open(tmp_path / "news.csv.gz", "wt", encoding="utf-8", newline="") as out:
        out.write(buffer.getvalue())
    [doc] = docs_of(tmp_path / "news.csv.gz")
    assert doc.text == f"{STORY}\n\n{STORY2}" and doc.title == "Vexa buys Quillon"
    assert doc.source.endswith("news.csv.gz#a1") and doc.url == "https://x.example/a1"
    assert doc.published == "2024-03-11T06:32:00Z"


def test_csv_records_read_html_entities_even_without_their_ampersand(tmp_path):
    (tmp_path / "dump.csv").write_text(
        "title,description\n"
        "Vexa #39;s chief quits,\"Vexa Corp. &lt;VXA.N&gt; said its chief, quot;a builder quot;, "
        "left after a #36;5 billion loss at AT&amp;T.\"\n", encoding="utf-8")
    [doc] = docs_of(tmp_path / "dump.csv", text_field="description")
    assert doc.title == "Vexa's chief quits"
    assert doc.text == ('Vexa Corp. <VXA.N> said its chief, "a builder", left after a $5 '
                        "billion loss at AT&T.")


@pytest.mark.parametrize(("scraped", "read"), [
    ("Ames  amp; Hale #39;s chief", "Ames & Hale's chief"),  # the lost "&" was a space
    ("V amp;Q cut ratings", "V&Q cut ratings"),
    ("a loss at QT amp;T.", "a loss at QT&T."),
    ("fetched as much as  #36;265", "fetched as much as $265"),
    ("it called the deal  quot;a gift quot; to Orbis", 'it called the deal "a gift" to Orbis'),
    ("Ames amp; Hale", "Ames & Hale"),  # a space of the text's own on both sides stays
])
def test_a_bare_entitys_space_is_dropped_where_the_scrape_put_it(scraped, read):
    assert entities_text(scraped) == read


def test_escaped_markup_in_a_record_field_is_read_as_markup(tmp_path):
    (tmp_path / "dump.csv").write_text(
        'title,description\nQuill wins,"Quill won the bid. &lt;font face=""Sans Serif""'
        '&gt;&lt;b&gt;Vexa Post&lt;/b&gt;&lt;/font&gt;"\n', encoding="utf-8")
    [doc] = docs_of(tmp_path / "dump.csv", text_field="description")
    assert "Sans Serif" not in doc.text and "<" not in doc.text
    assert doc.text.startswith("Quill won the bid.")


def test_a_cut_short_gzip_keeps_the_records_before(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    write_jsonl_gz(path, [{"id": i, "text": f"{STORY} Number {i}."} for i in range(200)])
    path.write_bytes(path.read_bytes()[:-40])
    skipped: list[str] = []
    docs = list(documents([path], skipped))
    assert 150 < len(docs) < 200
    assert len(skipped) == 1 and "damaged or cut short" in skipped[0]


NOT_FOUND = ("<html><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The page "
             "Vexa Systems asked for is not on this server. Try the front page of the site, "
             "where the latest stories about Vexa and Quillon are listed.</p></body></html>")
MOVED = ("<html><head><title>Moved Permanently</title></head><body><h1>Moved Permanently</h1>"
         "<p>The document about Vexa Systems has moved to a new address on this server, where "
         "the story of its harbour cranes goes on.</p></body></html>")


# --- web archives ------------------------------------------------------------------------------
def write_warc(path: Path, pages: list[tuple[str, str, str]],
               statuses: tuple[str, ...] = ()) -> None:
    """(url, content type, body) responses, with a request record before each; ``statuses``
    the HTTP status of each (200 OK by default)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with warnings.catch_warnings(), path.open("wb") as out:
        # warcio's writer leaves its temporary buffers to the garbage collector
        warnings.simplefilter("ignore", ResourceWarning)
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for number, (url, kind, body) in enumerate(pages):
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)))
            status = statuses[number] if number < len(statuses) else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", kind)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2024-03-12T10:00:00Z"}))
        gc.collect()


def test_a_warc_gives_its_html_pages(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    undated = PAGE.replace('<meta property="article:published_time" '
                           'content="2024-03-11T06:32:00Z">', "")
    write_warc(path, [("https://lantern.example/vexa", "text/html; charset=utf-8", PAGE),
                      ("https://lantern.example/logo.png", "image/png", "PNG"),
                      ("https://lantern.example/undated", "text/html", undated)])
    first, second = docs_of(path)
    assert STORY in first.text and "Bob Sneed" not in first.text
    assert first.published == "2024-03-11T06:32:00Z"
    assert second.published == "2024-03-12T10:00:00Z"  # the capture's date
    assert first.source.startswith(f"{path.as_posix()}#urn:uuid:")
    assert skips_of(path) == []


def test_only_pages_served_whole_are_articles(tmp_path):
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc"
    write_warc(path, [("https://lantern.example/vexa", "text/html", PAGE),
                      ("https://lantern.example/gone", "text/html", NOT_FOUND),
                      ("https://lantern.example/old", "text/html", MOVED),
                      ("https://lantern.example/lost", "text/html", NOT_FOUND)],
               statuses=("200 OK", "404 Not Found", "301 Moved Permanently", "404 Not Found"))
    with path.open("ab") as out:  # a crawler's note that the page had not changed
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_revisit_record(
            "https://lantern.example/vexa", digest="sha1:AAAA", refers_to_uri="x",
            refers_to_date="2024-03-12T10:00:00Z"))
    [doc] = docs_of(path)
    assert STORY in doc.text
    assert skips_of(path) == [f"{path.as_posix()}: 4 responses that are no article (HTTP 404: "
                              "2, HTTP 301: 1, revisits: 1) passed over; only pages served "
                              "whole (HTTP 200) are read"]


def test_a_truncated_warc_keeps_the_pages_before_and_says_so(tmp_path):
    path = tmp_path / "cut.warc.gz"
    write_warc(path, [("https://lantern.example/a", "text/html", PAGE),
                      ("https://lantern.example/b", "text/html", PAGE.replace("Vexa", "Oxmoor"))])
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - 400])
    docs = docs_of(path)
    assert len(docs) == 1 and "Vexa" in docs[0].text
    [reason] = skips_of(path)
    assert "cut.warc.gz#urn:uuid:" in reason and "cut short" in reason
    path.write_bytes(data[:len(data) - 60])
    assert len(docs_of(path)) == 1 and "cut short" in skips_of(path)[0]
    path.write_bytes(b"<html>not a warc</html>")
    with pytest.raises(InputError, match="not a WARC file kg can read"):
        list(read(path))


def test_a_warc_record_of_the_wrong_length_is_one_warning_and_nothing_on_stderr(tmp_path,
                                                                                capfd):
    path = tmp_path / "long.warc"
    write_warc(path, [("https://lantern.example/a", "text/html", PAGE),
                      ("https://lantern.example/b", "text/html", PAGE)])
    data = path.read_bytes()
    at = data.index(b"Content-Length: ", data.index(b"WARC-Type: response"))
    end = data.index(b"\r\n", at)
    length = int(data[at + 16:end])
    path.write_bytes(data[:at + 16] + str(length - 12).encode() + data[end:])
    items = list(read(path))
    assert len([d for d in items if isinstance(d, Document)]) == 2
    assert [s.reason for s in items if isinstance(s, Skipped)] == [
        f"{path.as_posix()}: 1 record(s) longer or shorter than their Content-Length says (a "
        "damaged file?); what could be read was read"]
    assert capfd.readouterr().err == ""


# --- the same cases on every kind --------------------------------------------------------------
def _one_story(path: Path) -> None:
    """A file of ``path``'s kind holding STORY as its one document."""
    name = path.name
    if name.endswith((".txt", ".md")):
        path.write_text(STORY + "\n", encoding="utf-8")
    elif name.endswith(".html"):
        path.write_text(PAGE.replace(f"<p>{STORY2}</p>", "").replace(
            "<p>Quillon was founded", "<p hidden>Quillon was founded"), encoding="utf-8")
    elif name.endswith(".rss"):
        path.write_text(RSS.split("<item><title>Ferrand")[0] + "</channel></rss>",
                        encoding="utf-8")
    elif name.endswith(".jsonl.gz"):
        write_jsonl_gz(path, [{"id": "s1", "text": STORY}])
    elif name.endswith(".csv"):
        path.write_text(f'id,text\ns1,"{STORY}"\n', encoding="utf-8")
    else:
        write_warc(path, [("https://lantern.example/s1", "text/html",
                           f"<html><body><article><p>{STORY}</p></article></body></html>")])


KINDS = ["a.txt", "a.md", "a.html", "a.rss", "a.jsonl.gz", "a.csv", "a.warc.gz"]


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_gives_its_story_with_its_file_as_source(tmp_path, name):
    path = tmp_path / name
    _one_story(path)
    docs = list(documents([tmp_path]))
    assert len(docs) == 1 and STORY in docs[0].text
    assert docs[0].source.split("#")[0] == path.as_posix()
    assert [d.source for d in documents([tmp_path])] == [docs[0].source]  # stable


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_of_garbage_is_a_reason_not_a_traceback(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x00\x9f<<\xff garbage \x1b" * 40)
    skipped: list[str] = []
    with pytest.raises(InputError, match="no readable documents") as err:
        list(documents([tmp_path], skipped))
    assert path.name in str(err.value) and len(skipped) == 1


# --- languages ---------------------------------------------------------------------------------
def test_languages_are_told_apart_on_enough_text():
    from kg.sources.language import Guesser

    guesser = Guesser()
    english = guesser.guess(f"{STORY} {STORY2}")
    assert english is not None and english.code == "en"
    german = guesser.guess("Die Firma Vexa Systeme hat am Montag mitgeteilt, dass sie den "
                           "Hafenkranhersteller Quillon aus Norland gekauft hat, und der Chef "
                           "sagte, die Mitarbeiter in Lake Orm würden ihre Stellen behalten, "
                           "wie die Zeitung am Dienstag in ihrer Ausgabe weiter berichtete.")
    assert german is not None and german.code == "de"
    # a Chinese story quoting an English word is not English
    chinese = guesser.guess("港口起重机制造商维克萨系统公司周一表示，已经收购了诺兰的奎隆公司。" * 7
                            + " the Vexa deal")
    assert chinese is not None and chinese.code == "zh"
    assert guesser.guess("Vexa 2, Quillon 1.") is None  # too little to tell
