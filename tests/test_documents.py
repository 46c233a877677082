from pathlib import Path

import pytest

from kg.documents import paragraphs
from kg.errors import InputError
from kg.model import Document
from kg.sources import documents, find_inputs, read


def read_document(path: Path) -> Document:
    [doc] = read(path)
    return doc  # type: ignore[return-value]


def test_paragraph_offsets_point_into_the_source_text():
    text = "Title words here\n\nAcme Corp bought Widgets Inc.\nIt paid cash.\n"
    for para in paragraphs(text):
        assert text[para.start:para.start + len(para.text)].replace("\n", " ") == para.text


def test_page_furniture_is_dropped():
    text = ("Acme bought Widgets on Monday.\n"
            "© 2024 Example News. All rights reserved.\n"
            "![A caption about Dior](https://example.com/x.jpg)\n"
            "Hot Picks Today\n"
            '"Headline Of Another Story About Crypto"\n'
            "- Another Headline Nobody Needs Here\n"
            "- Yet Another Headline For The Box\n"
            "Außerdem\n"
            "Add Comment\n")
    kept = " ".join(p.text for p in paragraphs(text))
    assert kept == "Acme bought Widgets on Monday."


def test_news_site_furniture_is_dropped():
    """Bylines, timestamps, captions, photo credits, newsletter prompts and topic lists of
    news sites; agency datelines and markdown heading marks are blanked in place."""
    text = ("# Acme buys Widgets in cash deal\n"
            "By Jane Doe and Tom Roe\n"
            "4 min read\n"
            "March 11, 2019 6:32 AM UTC\n"
            "Updated 2 hours ago\n"
            "Image source, Getty Images\n"
            "Image caption, The Acme plant in Springfield was opened in 1990\n"
            "*Photograph: Jo Smith/AFP via Getty Images*\n"
            "SPRINGFIELD (Reuters) - Acme Corp said on Monday it would buy Widgets Inc.\n"
            "Reporting by Jane Doe; Editing by Tom Roe\n"
            "Sign up for our free weekly newsletter\n"
            "Follow us on Twitter @acmenews\n"
            "Topics: Acme, Widgets, Deals\n"
            "Our Standards: The Trust Principles.\n")
    paras = list(paragraphs(text))
    assert [p.text for p in paras] == ["Acme buys Widgets in cash deal",
                                       "Acme Corp said on Monday it would buy Widgets Inc."]
    for p in paras:
        assert text[p.start:p.start + 4] == p.text[:4]


def test_sentences_like_furniture_are_kept():
    text = ("Updated figures show sales rose 5%.\n"
            "The loan was lead managed\n"
            "by Citicorp.\n"
            "AI — the technology of the year — drew record investment.\n")
    kept = " ".join(p.text for p in paragraphs(text))
    assert kept == ("Updated figures show sales rose 5%. The loan was lead managed by Citicorp. "
                    "AI — the technology of the year — drew record investment.")


def test_wrapped_wire_copy_is_joined_into_paragraphs():
    text = ("    Acme Corp said it agreed to acquire the assets of\n"
            "Widgets Inc for 12 mln dlrs in cash, subject to approval by\n"
            "regulators and the shareholders of both companies.\n"
            "    The companies said the deal would close in the second\n"
            "quarter of the year, after the usual reviews are complete.\n")
    paras = list(paragraphs(text))
    assert len(paras) == 2
    assert paras[0].text.startswith("Acme Corp said") and paras[0].text.endswith("companies.")


@pytest.mark.parametrize(("text", "joined"), [
    # a short story of three wrapped lines: a name broken by the wrap is one name again
    ("DOVER, May 4 - Tarrow Glass Co, the glass unit of Quillon\n"
     "Mining Corp, said it will open a second furnace at its\n"
     "plant near the harbour, adding about 40 jobs.\n",
     "the glass unit of Quillon Mining Corp, said"),
    ("DOVER, May 4 - Vexa Mills Inc named R.T.\n"
     "Parkman its president, the post left open when Tom Reddle, who\n"
     "stays on as chairman, fell ill.  Parkman had been treasurer.\n",
     "named R.T. Parkman its president"),
])
def test_a_short_wrapped_wire_story_is_joined(text, joined):
    paras = [p.text for p in paragraphs(text)]
    assert any(joined in p for p in paras)


def test_wire_copy_with_half_its_lines_broken_mid_sentence_is_joined():
    text = ("DOVER, May 4 - Orbis Holdings Ltd's North\n"
            "Vexa Leasing Corp said it leased six cargo ships to a\n"
            "shipping group based in Dover for ten years.\n"
            "    Terms of the leases were not given. Delivery of the\n"
            "ships will start in June.\n"
            "    North Vexa Leasing said the ships will carry grain and\n"
            "timber between the two ports it serves most.\n"
            "    Orbis leases ships and aircraft.\n")
    paras = [p.text for p in paragraphs(text)]
    assert any("Holdings Ltd's North Vexa Leasing Corp said" in p for p in paras)
    assert "Delivery of the ships will start in June." in " ".join(paras)


def test_short_lines_of_whole_sentences_stay_apart():
    text = "Acme released the tool on Monday.\nVexa said it would buy a rival.\n"
    assert [p.text for p in paragraphs(text)] == ["Acme released the tool on Monday.",
                                                  "Vexa said it would buy a rival."]


def test_line_broken_mid_sentence_continues():
    paras = [p.text for p in paragraphs("In February,\nAcme released the tool.\n")]
    assert paras == ["In February, Acme released the tool."]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        find_inputs([tmp_path / "nope"])


def test_binary_and_latin1_files_are_rejected(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="binary"):
        read_document(tmp_path / "bin.txt")
    with pytest.raises(InputError, match="not UTF-8"):
        read_document(tmp_path / "latin.txt")


def test_unreadable_files_are_skipped_but_not_all(tmp_path):
    (tmp_path / "good.txt").write_text("Acme bought Widgets.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    skipped: list[str] = []
    docs = list(documents([tmp_path], skipped))
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert len(skipped) == 1 and "bad.txt" in skipped[0]


def test_no_readable_documents_is_an_error(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    with pytest.raises(InputError, match="no readable documents"):
        list(documents([tmp_path], []))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no articles found"):
        list(documents([empty], []))


def test_same_text_same_id_and_hidden_files_ignored(tmp_path):
    (tmp_path / "a.txt").write_text("Same text.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Same text.\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    docs = list(documents([tmp_path]))
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.md"]
    assert docs[0].doc_id == docs[1].doc_id


def test_wire_copy_marks_are_blanked_and_tables_dropped():
    text = ("GLOBEX <GLX> TO BUY INITECH\n"
            "SPRINGFIELD, March 3 - Globex Corp <GLX.N> said it agreed to buy\n"
            "<Initech Holdings Inc> for 40 mln dlrs in cash.\n"
            "    Shr 1.19 dlrs vs 1.05 dlrs\n"
            "    Revs 1.4 billion vs 1.3 billion\n")
    paras = list(paragraphs(text))
    joined = " ".join(" ".join(p.text.split()) for p in paras)
    assert joined == ("Globex Corp said it agreed to buy Initech Holdings Inc for 40 mln dlrs "
                      "in cash.")
    for p in paras:  # offsets still point at the same words in the source
        assert text[p.start:p.start + 6] == p.text[:6]


def test_a_capitalised_line_inside_a_wire_sentence_is_kept():
    """Hard-wrapped wire copy breaks sentences at any word: a line of capitalised names is
    part of its sentence when the sentence goes on below it or was left open above it."""
    text = ("Vexa Net Buys Two Units\n\n"
            "Vexa Net Holdings Inc  announced\n"
            "that it had bought two companies from Globex Ltd, a unit of\n"
            "<Trans River Carriers Corp>, Springfield and <Ruiz Vega Ltd>,\n"
            "Shelbyville.\n")
    kept = " ".join(p.text.split() and " ".join(p.text.split()) for p in paragraphs(text))
    assert kept == ("Vexa Net Holdings Inc announced that it had bought two companies from "
                    "Globex Ltd, a unit of Trans River Carriers Corp , Springfield and "
                    "Ruiz Vega Ltd , Shelbyville.")


def test_markdown_links_keep_their_text_and_emphasis_marks_go():
    text = "**[Vexa](https://vexa.example/about)** hired _Ana Ruiz-Vega_ for its snake_case app.\n"
    para = next(paragraphs(text))
    assert " ".join(para.text.split()) == "Vexa hired Ana Ruiz-Vega for its snake_case app."
    assert text[para.start:para.start + 4] == "Vexa"


def test_a_wire_company_name_broken_before_its_suffix_is_kept():
    text = ("Vexa Buys Quill Unit\n\n"
            "Vexa Business Machines\n"
            "Corp said on Tuesday that it would sell its Quill Corp\n"
            "unit to Talbot Ltd for cash, and that Ana Ruiz, its head,\n"
            "would stay on as a consultant.\n"
            "    The company said it expects the deal to close in\n"
            "April, after the approval of regulators in Springfield.\n")
    kept = [" ".join(p.text.split()) for p in paragraphs(text)]
    assert kept[0].startswith("Vexa Business Machines Corp said on Tuesday")
    assert "Vexa Buys Quill Unit" not in " ".join(kept)


def test_a_wrapped_sentence_going_on_with_produced_by_is_no_credit_line():
    text = ("Vexa Sells Sands\n\n"
            "Vexa Ltd said it also has the marketing contract for sands\n"
            "produced by <Quarrow Corp N.L.>, of which it holds 17.5 pct.\n"
            "    The company said it would sell more sands this year to\n"
            "buyers in Asia and Europe, after a rise in output at home.\n"
            "Produced by Jane Doe\n")
    kept = " ".join(" ".join(p.text.split()) for p in paragraphs(text))
    assert "produced by Quarrow Corp N.L. , of which" in kept
    assert "Jane Doe" not in kept


@pytest.mark.parametrize("text, first", [
    ("AP - Vexa Corp said on Monday it would hire 300 people.", "Vexa Corp said"),
    ("Reuters - Quillon shares rose.", "Quillon shares"),
    (" SPRINGFIELD (Reuters) - Vexa Corp said profit rose.", "Vexa Corp said"),
    ("SHELBYVILLE, Ruritania - Rebels took the town.", "Rebels took"),
    ("SHELBYVILLE, March 3 (AFP) -- Rebels took the town.", "Rebels took"),
    ("OGDENVILLE -- Talbot scored twice.", "Talbot scored"),
    ("(CNN) -- Ana Ruiz won the vote.", "Ana Ruiz won"),
    ("Vexanews.com - Quillon cut 40 jobs.", "Quillon cut"),
    ("Canadian Press - OGDENVILLE (CP) - Talbot scored twice.", "Talbot scored"),
    ("By ANA RUIZ    SPRINGFIELD (AP) -- Vexa Corp said.", "Vexa Corp said"),
    ("SEPTEMBER 6, 2004 (QUILL NEWS SERVICE) - Vexa Corp said.", "Vexa Corp said"),
    ("Springfield, Ruritania (Sports Network) - Talbot scored.", "Talbot scored"),
    # a dateline whose long dash the feed lost; an outlet's name before a dateline
    ("SHELBYVILLE, Ruritania, Aug. 17  Rebels took the town.", "Rebels took"),
    ("Springfield Evening Courier - SHELBYVILLE \u2014 Rebels took the town.", "Rebels took"),
    ("Lisbon - Ruritania's rebels took the town.", "Ruritania's rebels"),
    # a city in capitals run into the first sentence, no dash (the gazetteer's cities)
    ("LONDON Vexa Corp said profit rose.", "Vexa Corp said"),
    ("SPRINGFIELD (Reuters)--Vexa Mobile Ltd. said profit rose.", "Vexa Mobile Ltd. said"),
    ("NEW YORK Tarlo Inc, the largest maker of valves, said profit fell.", "Tarlo Inc, the"),
    # ... glued to the first word, or before a name in capitals
    ("NEW YORKShares of Tarlo Inc fell.", "Shares of Tarlo"),
    ("LOS ANGELES VXT will fly its jet again today.", "VXT will fly"),
    ("CHICAGO VXT Holdings said profit rose.", "VXT Holdings said"),
])
def test_agency_prefixes_and_datelines_are_blanked_in_place(text, first):
    """Wire furniture before a story's first sentence names no actor of it: it is blanked,
    and offsets still point into the text as it was given."""
    paras = list(paragraphs(text))
    body = paras[-1]
    assert body.text.startswith(first)
    assert text[body.start:body.start + len(body.text)] == body.text
    assert not any(w in " ".join(p.text for p in paras) for w in ("AP", "Reuters", "CNN", "CP"))


def test_an_outlet_the_headline_credits_is_furniture_where_the_story_opens_with_it():
    """Feeds credit a story's outlet after its headline, and the story opens with its name."""
    text = "Tarlo Weekly - Vexa Corp said profit rose."
    credited = list(paragraphs(text, title="Vexa profit rises (Tarlo Weekly)"))
    assert [p.text for p in credited] == ["Vexa Corp said profit rose."]
    assert text[credited[0].start:].startswith("Vexa Corp")
    # a name no headline credits, before a dash, stays: it may be the story's subject
    assert next(paragraphs(text)).text.startswith("Tarlo Weekly")
    assert next(paragraphs(text, title="Vexa profit rises")).text.startswith("Tarlo Weekly")


@pytest.mark.parametrize("text", [
    "CHICAGO HEIGHTS: Vexa Corp said profit rose.",
    "CHICAGO BULLS_Signed G Ana Ruiz.",
])
def test_a_run_of_capitals_not_run_into_a_name_is_left_whole(text):
    assert next(iter(paragraphs(text))).text.startswith(text.split()[0])


@pytest.mark.parametrize("text", [
    "US - China trade talks resumed on Monday.",
    "IBM - the Armonk company - said it would cut jobs.",
    "Vexa - the software maker - said it would cut jobs.",
    "Vexa, Quillon and Talbot - three rivals - met.",
    "AI — the technology of the year — drew record investment.",
])
def test_a_sentence_opening_with_a_name_and_a_dash_is_kept(text):
    assert [p.text for p in paragraphs(text)] == [text]


def test_credits_and_escaped_markup_are_furniture():
    text = ("&lt;p&gt; SPRINGFIELD (Reuters) - Vexa Corp &lt;A HREF=\"http://q.example/"
            "quote?t=VXA.N\"&gt;VXA.N&lt;/A&gt; and Quillon Inc. &lt;QLN.O&gt; agreed.\n"
            "(Reporting by Ana Ruiz; Editing by Tom Reed)\n"
            "Vexa News's Ana Ruiz and Tom Reed contributed to this report.\n"
            "Photo: AP\n")
    paras = list(paragraphs(text))
    assert [" ".join(p.text.split()) for p in paras] == ["Vexa Corp and Quillon Inc. agreed."]
    assert text[paras[0].start:paras[0].start + 9] == "Vexa Corp"


def test_a_backslash_left_for_a_line_break_is_a_space():
    text = "Prime Minister\\Ana Ruiz said oil hit \\$47 a barrel."
    [para] = paragraphs(text)
    assert para.text == "Prime Minister Ana Ruiz said oil hit  $47 a barrel."


def test_a_name_line_and_its_credit_line_are_one_paragraph():
    text = "Dana Whitlow\n\nSenior Economist, Corvex Capital Partners – Dover\n\nRates rose."
    assert [p.text for p in paragraphs(text)] == [
        "Dana Whitlow  Senior Economist, Corvex Capital Partners – Dover", "Rates rose."]


def test_a_name_line_over_a_headline_stays_apart():
    text = "Dana Whitlow\n\nMarkets Rally, Corvex Shares Gain – Dover\n\nRates rose."
    assert "Dana Whitlow  Markets Rally, Corvex Shares Gain – Dover" not in [
        p.text for p in paragraphs(text)]


def test_a_box_label_naming_a_news_agency_is_furniture():
    text = ("Vexa said on Monday it would open a plant.\n\nREUTERS PICKS\n\n"
            "Quill shares rose after the results.\n")
    assert [p.text for p in paragraphs(text)] == ["Vexa said on Monday it would open a plant.",
                                                  "Quill shares rose after the results."]


def test_a_capitals_headline_is_left_out_unless_the_story_is_all_capitals():
    text = ("VEXA <VXA> TO BUY QUILL MILLS\n"
            "DOVER, Del., March 2 - Vexa Corp said it agreed to buy\n"
            "Quill Mills Inc for 40 mln dlrs in cash, the company said on\n"
            "Monday in a statement to the press.\n"
            "    Vexa said the deal would close in the second quarter of\n"
            "the year, subject to approval by Quill's shareholders.\n")
    texts = [p.text for p in paragraphs(text)]
    assert texts[:2] == ["Dover, Del.", "Vexa Corp said it agreed to buy Quill Mills Inc for 40 "
                          "mln dlrs in cash, the company said on Monday in a statement to the "
                          "press."]
    telex = ("VEXA CORP SAID IT AGREED TO BUY QUILL MILLS INC FOR 40 MLN\n"
             "DLRS IN CASH, THE COMPANY SAID ON MONDAY IN A STATEMENT TO THE\n"
             "PRESS AFTER THE MARKETS CLOSED IN NEW YORK AND IN LONDON AND\n"
             "IN TOKYO, WHERE QUILL'S SHARES ARE LISTED AS WELL AS IN DOVER.\n")
    assert [p.text for p in paragraphs(telex)] == [" ".join(telex.split())]


def test_a_capitalised_list_item_ending_in_a_semicolon_is_no_headline():
    text = "The sites listed were:\n\nMarrow Creek Depot, Dover, Del.;\n\nand Fort Quill, Ohio.\n"
    assert "Marrow Creek Depot, Dover, Del.;" in [p.text for p in paragraphs(text)]


@pytest.mark.parametrize("text", [
    "TONY Reed said the plant would close.",   # a name written with its first word in capitals
    "VEXA Labs said profit rose.",
    "TEXAS Tarlo Co said profit rose.",        # one word must be a city, not a region
])
def test_a_word_in_capitals_that_is_no_city_opens_the_story_itself(text):
    assert next(iter(paragraphs(text))).text == text
