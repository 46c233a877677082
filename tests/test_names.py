"""Names in news: one node per real thing, of the right class (sentences and names invented
for these tests)."""

import pytest
from spacy.tokens import Doc, Span

from kg.extract.mentions import MentionIndex
from kg.model import Candidate, Document, Evidence, Extraction, Mention, TypeHint
from kg.resolve import name_key, resolve
from tests.conftest import triples


@pytest.fixture(scope="session")
def entities(extract, vocab):
    """Text → {label: Entity} after resolution of the one document."""
    def run(text: str) -> dict:
        found = extract(text)
        resolution = resolve([(Document("test", "test.txt", text), found)], vocab)
        return {e.label: e for e in resolution.entities.values() if e.type != "Concept"}
    return run


def names(found) -> set[str]:
    return {m.text for m in found.mentions}


def test_legal_suffixes_and_dots_do_not_change_the_key():
    assert name_key("Vexa Oil Co N.L.") == name_key("Vexa Oil SpA") == "vexa oil"
    assert name_key("Ruiz Vega FSB") == "ruiz vega"
    assert name_key("Tom Reed Jr") != name_key("Tom Reed")  # a son is someone else


@pytest.mark.parametrize(("text", "name"), [
    ("The bank is a unit of Delvane Lynch and Co Inc. of New York.", "Delvane Lynch and Co Inc."),
    ("Talbot Oil and Gas Ltd said its output rose.", "Talbot Oil and Gas Ltd"),
])


def test_an_organization_name_with_and_before_its_suffix_is_one_name(extract, text, name):
    assert name in names(extract(text))


def test_a_partnership_the_recogniser_reads_as_one_organization_is_one_name(nlp, vocab):
    doc = nlp("Tom Reed once worked at Hollis, Crane, Webb and Darrow Inc. in Boston.")
    start = next(t.i for t in doc if t.text == "Hollis")
    doc.ents = [Span(doc, start, start + 8, label="ORG")]
    index = MentionIndex(doc, vocab, 0)
    assert "Hollis, Crane, Webb and Darrow Inc." in [m.text for m in index.all_names()]


@pytest.mark.parametrize("text", [
    # the paragraph names the first firm alone too: a list
    "Vexacorp and Talbot Ltd signed the deal on Monday. Vexacorp said it was pleased.",
    # an acronym names a firm on its own
    "VXA and Talbot Ltd signed the deal on Monday.",
])


def test_names_listed_with_and_stay_apart(extract, text):
    assert {"Talbot Ltd"} <= names(extract(text))
    assert "Vexacorp and Talbot Ltd" not in names(extract(text))


@pytest.mark.parametrize(("text", "name"), [
    # a partner's name the paragraph writes only inside the firm's, even when the recogniser
    # took it for a name of its own
    ("Dravo AG said it has bought Pellin and Roake Inc of Dover, a maker of paints.",
     "Pellin and Roake Inc"),
    # one word twice is one firm, with or without its suffix
    ("Morrow Bates is now owned by Kettle and Kettle, the largest ad agency.",
     "Kettle and Kettle"),
    ("Grelco completed its purchase of Dunmore and Dunmore Co's Fenwick unit.",
     "Dunmore and Dunmore Co"),
])


def test_a_firm_named_after_its_partners_is_one_name(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize(("text", "firm"), [
    ("\"They will fight it,\" said Dana Wills, analyst at Harlow, Bell and Tanner Inc.",
     "Harlow, Bell and Tanner Inc."),
    ("\"We expect more,\" said Jo Park, an analyst with Harlow, Ball and Dunmore Inc.",
     "Harlow, Ball and Dunmore Inc."),
])
def test_a_firm_named_after_partners_listed_with_commas_is_one_name(extract, text, firm):
    found = extract(text)
    assert firm in names(found) and "Harlow" not in names(found)
    assert [t[2] for t in triples(found) if t[1] == "worksFor"] == [firm]


@pytest.mark.parametrize("text", [
    "Shares of Vexa, Orbis and Quill Inc rose.",
    # a name that ends in no legal form is no firm of partners
    "Harlow, Dunmore and Tarrow International airports are to be sold.",
])
def test_names_listed_with_commas_stay_apart(extract, text):
    assert not [n for n in names(extract(text)) if "," in n]


def test_a_word_twice_before_other_names_is_no_firm(extract):
    found = names(extract("He met the Budget Committee and Committee of Regional Governors."))
    assert "Committee and Committee" not in " ".join(found)


def test_an_honorific_is_not_part_of_the_name_and_says_person(extract, entities):
    found = extract("Mr Quillan said the plant would close.")
    assert "Quillan" in names(found) and "Mr Quillan" not in names(found)
    assert any(h.mention.text == "Quillan" and h.label == "Person" for h in found.hints)
    people = entities("Tom Quillan runs Vexacorp. Mr Quillan said the plant would close.")
    assert people["Tom Quillan"].type == "Person" and "Quillan" in people["Tom Quillan"].aliases


@pytest.mark.parametrize(("text", "name"), [
    ("Composer Quillan is a native of Brackley.", "Quillan"),
    ("Sculptor Tom Quillan lives in Brackley.", "Tom Quillan"),
])


def test_a_noun_for_what_a_person_does_is_not_part_of_the_name(extract, text, name):
    found = names(extract(text))
    assert name in found and not any(n.endswith(name) and n != name for n in found)


def test_a_surname_the_recogniser_calls_an_organization_joins_its_person(entities):
    found = entities("Vexa's owner, Mario Ruiz-Vegaro, bought the firm last year. "
                     "Ruiz-Vegaro said the firm would grow. Ruiz-Vegaro declined to comment.")
    person = found["Mario Ruiz-Vegaro"]
    assert person.type == "Person" and "Ruiz-Vegaro" in person.aliases
    assert "Ruiz-Vegaro" not in found


def test_a_junior_is_found_by_his_surname(entities):
    found = entities("The company named Paul Tarrant Jr as president. Tarrant, 44, was a banker.")
    assert "Tarrant" in found["Paul Tarrant Jr"].aliases


def test_two_people_sharing_a_surname_stay_apart(entities):
    for text, first, second, short in [
            ("Maria Quillan founded Vexacorp with her brother Tom Quillan. Quillan said it grew.",
             "Maria Quillan", "Tom Quillan", "Quillan"),
            ("Vexacorp was founded by Sarah Dunmore and her brother Peter Dunmore. Dunmore "
             "said it grew.", "Sarah Dunmore", "Peter Dunmore", "Dunmore")]:
        found = entities(text)
        assert {first, second} <= set(found)
        assert short not in found[first].aliases + found[second].aliases


def test_a_legal_suffix_makes_an_organization(entities):
    found = entities("Talbot Holdings Ltd said it bought two plants. Talbot Holdings Ltd rose.")
    assert found["Talbot Holdings Ltd"].type == "Organization"


def test_a_name_with_its_legal_suffix_is_not_a_short_form(entities):
    found = entities("Vexa Securities Inc owns 80 pct of Vexa Securities Canada Ltd, which "
                     "said profits rose.")
    assert {"Vexa Securities Inc", "Vexa Securities Canada Ltd"} <= set(found)


def test_a_place_is_not_a_short_form_of_an_organization(entities):
    found = entities("Talbot bought Quill U.K. Ltd, a maker of pipes in the U.K. market.")
    assert "U.K." not in found.get("Quill U.K. Ltd", found.get("Quill U.K.")).aliases


def test_spacing_and_spelling_variants_of_an_organization_are_one(entities):
    found = entities("Vexanet Holdings said profits rose. Vexa Net Holdings expects more. "
                     "Talbot Quarrying AG owns Vexanet. Talbot Quarryign AG declined to comment.")
    assert sum("Vexa" in label for label in found) == 1
    assert sum("Talbot" in label for label in found) == 1


def test_nested_short_forms_join_the_full_name(entities):
    found = entities("Union Meridian Life Insurance Co bought 5 pct of Talbot. Union Meridian "
                     "Life said it may buy more. Union Meridian said the stake was an "
                     "investment.")
    assert {"Union Meridian", "Union Meridian Life"} <= set(
        found["Union Meridian Life Insurance Co"].aliases)


def test_a_maker_named_before_its_product_is_not_its_short_form(entities):
    found = entities("Vexacorp has opened a photo service. Vexacorp said the new offering, "
                     "Vexacorp Lens, is free.")
    assert {"Vexacorp", "Vexacorp Lens"} <= set(found)


def test_a_company_suffix_after_a_name_ends_that_name(extract):
    found = names(extract("Talbot International Plc          said it had bought two plants."))
    assert "Talbot International Plc" in found


def test_a_plural_class_noun_ends_a_company_name(extract):
    found = extract("Vexa Labs and Quill Systems signed a deal with the Talbot System team.")
    hints = {(h.mention.text, h.label) for h in found.hints}
    assert {("Vexa Labs", "Organization"), ("Quill Systems", "Organization")} <= hints


@pytest.mark.parametrize(("text", "owner", "former"), [
    ("Vexacorp, formerly Quillcom, makes chips.", "Vexacorp", "Quillcom"),
    ("Vexa Trading, a mining firm, was formerly Quarrow Minerals N.L.", "Vexa Trading",
     "Quarrow Minerals N.L."),
    ("Talbot, which once made home computers and is now a brand of toys, formerly known as "
     "Quarrix.", "Talbot", "Quarrix"),
    ("Vexacorp left court protection in May, having collapsed under previous name Quillcom.",
     "Vexacorp", "Quillcom"),
    ("Vexacorp, which used to be called Phoenix, makes chips.", "Vexacorp", "Phoenix"),
    ("Umbrella changed its name from Umbrella Pharma to Umbrella in 2020.", "Umbrella",
     "Umbrella Pharma"),
])


def test_former_names(extract, text, owner, former):
    assert (owner, "formerName", former) in triples(extract(text))


def test_a_new_name_is_the_same_thing_and_the_old_one_a_former_name(entities):
    found = entities("Talbot Brokers Inc said it would change its name on June 2 to "
                     "Quill-Talbot Brokers Ltd on Monday.")
    [entity] = [e for e in found.values() if "Talbot Brokers Inc" in (e.label, *e.aliases)]
    assert "Quill-Talbot Brokers Ltd" in (entity.label, *entity.aliases)


@pytest.mark.parametrize("text", [
    "Guards came from firms with such names as Quillon (now known as Tarvex) and Orlan.",
    "Quillon, now called Tarvex, runs the guards at the port.",
])


def test_a_name_now_known_as_another_is_the_same_thing(entities, text):
    found = entities(text)
    [entity] = [e for e in found.values() if "Tarvex" in (e.label, *e.aliases)]
    assert "Quillon" in (entity.label, *entity.aliases)
    assert "Orlan" not in (entity.label, *entity.aliases)


def test_a_name_is_not_its_own_former_name_when_nothing_changed(extract):
    assert not any(c.relation == "formerName" for c in extract(
        "Vexacorp changed its strategy and its name remains Vexacorp.").candidates)


@pytest.mark.parametrize(("text", "long", "short"), [
    ("Vexa uses a technology known as Rapid Quill Syndication (RQS) to send news.",
     "Rapid Quill Syndication", "RQS"),
    ("Talbot is backing QVB-H for Quill Video Broadcasting for Handhelds.",
     "Quill Video Broadcasting for Handhelds", "QVB-H"),
    ("Quill is backing VTB for Vexa Television Broadcasting.", "Vexa Television Broadcasting",
     "VTB"),
])


def test_acronyms_spelt_out(extract, text, long, short):
    assert any({a.first.text, a.second.text} == {long, short}
               for a in extract(text).aliases)


def test_an_acronym_of_common_words_is_one_node_with_them(extract, vocab):
    text = "Quill sells a home media server (HMS) for families. The HMS is cheap."
    resolution = resolve([(Document("test", "test.txt", text), extract(text))], vocab)
    found = {e.label: e for e in resolution.entities.values()}
    assert found["home media server"].aliases == ("HMS",)


def test_initials_without_the_legal_suffix(entities):
    found = entities("Vexa Business Machines Corp said VBM vice president Ana Ruiz will retire.")
    assert "VBM" in found["Vexa Business Machines Corp"].aliases


def test_initials_that_are_also_a_short_form_join_neither(entities):
    found = entities("Talbot bought Vexa Talbot Plastics Spa and VTP U.K. Ltd. VTP makes "
                     "pipes.")
    assert "VTP" not in found.get("VTP U.K. Ltd", found["VTP"]).aliases


def test_suffixes_alone_take_the_capitalised_words_before_them(extract):
    found = names(extract("Quarrow International Plc          said on Friday it had sold its "
                          "plastics unit."))
    assert "Quarrow International Plc" in found


def test_a_number_ends_a_product_name_the_recogniser_calls_a_count(extract):
    assert "Vexatron 64" in names(extract("Fans still love the old Vexatron 64 computer."))


def test_a_first_name_the_recogniser_left_out_joins_the_surname(nlp, vocab):
    doc = nlp("Anders Quillberg, chief executive of Vexa, said sales rose.")
    doc.ents = [Span(doc, 1, 2, label="PERSON")]
    assert next(m.text for m in MentionIndex(doc, vocab, 0).all_names()) == "Anders Quillberg"


def test_a_surname_the_recogniser_left_out_joins_the_given_name(nlp, vocab):
    doc = nlp("Ruritanian Finance Secretary Anders Quillberg starts talks with the banks today.")
    assert [t.dep_ for t in doc[3:5]] == ["compound", "nsubj"]
    doc.ents = [Span(doc, 3, 4, label="PERSON")]
    assert "Anders Quillberg" in {m.text for m in MentionIndex(doc, vocab, 0).all_names()}
    # not a word the recogniser took for a name of its own
    doc = nlp("Ruritanian Finance Secretary Anders Quillberg starts talks with the banks today.")
    doc.ents = [Span(doc, 3, 4, label="PERSON"), Span(doc, 4, 5, label="ORG")]
    assert "Anders Quillberg" not in {m.text for m in MentionIndex(doc, vocab, 0).all_names()}


def test_a_camel_case_word_the_recogniser_calls_a_place_is_no_known_place(nlp, vocab):
    doc = nlp("In Asia, the SkyVexa group has cut its fares.")
    doc.ents = [Span(doc, 5, 6, label="GPE")]
    labels = {m.text: m.label for m in MentionIndex(doc, vocab, 0).all_names()}
    assert labels.get("SkyVexa") != "Place"
    doc = nlp("The plant, in LaVexa, Ohio, employs 300 people.")  # a town of a state
    doc.ents = [Span(doc, 4, 5, label="GPE"), Span(doc, 6, 7, label="GPE")]
    assert {m.text: m.label for m in MentionIndex(doc, vocab, 0).all_names()}["LaVexa"] == \
        "Place"
    doc = nlp("Sales rose in McAllen last year.")  # a town the gazetteer knows stays one
    doc.ents = [Span(doc, 3, 4, label="GPE")]
    assert {m.text: m.label for m in MentionIndex(doc, vocab, 0).all_names()}["McAllen"] == \
        "Place"


def test_which_and_who_are_evidence_about_persons(extract):
    hints = {(h.mention.text, h.label, h.weight > 0) for h in extract(
        "Talbot, which makes chips, said sales rose. Vexacorp, who joined in 2001, left."
    ).hints}
    assert ("Vexacorp", "Person", True) in hints
    assert ("Talbot", "Person", False) in hints  # evidence against


def test_a_name_before_a_product_noun_owned_by_another_name_is_a_product(extract):
    hints = {(h.mention.text, h.label) for h in extract(
        "Talbot has built a robot to outrun Quill's Vexo robots.").hints}
    assert ("Vexo", "Product") in hints


def test_a_description_is_not_the_other_argument_of_its_fact(extract, vocab):
    text = ("Talbot Corp and Vexatronics Inc agreed that Talbot would buy the Springfield "
            "chip firm.")
    resolution = resolve([(Document("test", "test.txt", text), extract(text))], vocab)
    acquired = {(s.subject, s.object) for g in resolution.documents for s in g.statements
                if s.predicate == "acquired"}
    assert acquired == {("Talbot", "Vexatronics_Inc")}


def test_a_description_repeating_the_noun_a_name_came_with_is_that_name(extract):
    found = triples(extract("The Springfield newspaper Daily Planet interviewed Tom Reed on "
                            "Monday. Reed was quoted by the newspaper as saying Vexa would "
                            "grow."))
    assert ("Daily Planet", "quote", "Reed") in found


def test_a_capitalised_preposition_inside_a_sentence_opens_a_name(extract):
    assert "In Vexa SPA" in names(extract("Quill Bank signed the deal with In Vexa SPA, a Turin "
                                          "lender."))


def test_a_slash_between_initials_is_inside_a_name(nlp, vocab):
    doc = nlp("Their new plant, I/N Quarrow, opens in May.")
    start = next(t.i for t in doc if t.text == "I")
    doc.ents = [Span(doc, start, start + 4, label="ORG")]
    assert "I/N Quarrow" in [m.text for m in MentionIndex(doc, vocab, 0).all_names()]


def test_the_plural_of_a_product_name_is_that_product(vocab):
    # "Talbot unveiled a robot called Vexabot. Two Vexabots can talk to each other."
    mentions = (Mention("Vexabot", 30, 37, "Product"), Mention("Vexabots", 43, 51, "Organization"))
    found = resolve([(Document("a", "a.txt", ""), Extraction("a", 2, mentions, ()))], vocab)
    [entity] = found.entities.values()
    assert entity.label == "Vexabot" and entity.aliases == ("Vexabots",)


def test_a_name_an_organization_possesses_is_its_product(vocab):
    # "Talbot's Quillbot was born five years ago. Talbot's Quillbot has visited France."
    talbot = [Mention("Talbot", s, s + 6, "Organization") for s in (0, 60)]
    quillbot = [Mention("Quillbot", s, s + 8, "Person") for s in (9, 69)]
    possessed = tuple(Candidate(t, "possessive", q, Evidence("a", 0, 9, "s", "possessive", 0.7),
                                canonical=False) for t, q in zip(talbot, quillbot, strict=True))
    found = resolve([(Document("a", "a.txt", ""),
                      Extraction("a", 2, (*talbot, *quillbot), possessed))], vocab)
    types = {e.label: e.type for e in found.entities.values()}
    assert types == {"Talbot": "Organization", "Quillbot": "Product"}


def test_a_unit_an_organization_possesses_stays_an_organization(vocab):
    # "Talbot's Vexa Works plant"
    talbot, works = Mention("Talbot", 0, 6, "Organization"), Mention("Vexa Works", 9, 19,
                                                                         "Organization")
    possessed = (Candidate(talbot, "possessive", works,
                           Evidence("a", 0, 9, "s", "possessive", 0.7), canonical=False),)
    found = resolve([(Document("a", "a.txt", ""),
                      Extraction("a", 1, (talbot, works), possessed))], vocab)
    assert {e.label: e.type for e in found.entities.values()}["Vexa Works"] == "Organization"


def test_a_numbered_name_before_a_product_noun_stands_for_it(nlp, vocab):
    # the parse of "Quill sold the Vexatron 64 computer." written out: the small model's
    # own parse of such sentences varies with the invented name
    doc = Doc(nlp.vocab, words=["Quill", "sold", "the", "Vexatron", "64", "computer", "."],
              heads=[1, 1, 5, 5, 3, 1, 1],
              deps=["nsubj", "ROOT", "det", "compound", "nummod", "dobj", "punct"],
              pos=["PROPN", "VERB", "DET", "PROPN", "NUM", "NOUN", "PUNCT"],
              lemmas=["Quill", "sell", "the", "Vexatron", "64", "computer", "."])
    index = MentionIndex(doc, vocab, 0)
    assert index.argument(index.doc[5]).text == "Vexatron 64"


def test_a_name_with_a_stated_class_is_a_node_even_if_no_fact_uses_it(vocab):
    # "... such as the Vexatron 64 computer." (no fact, no label of the recogniser)
    vexatron = Mention("Vexatron 64", 20, 31, "")
    hint = TypeHint(vexatron, "Product", 1.5, "'Vexatron 64 computer'")
    found = resolve([(Document("a", "a.txt", ""),
                      Extraction("a", 1, (vexatron,), (), (), (hint,)))], vocab)
    assert [(e.label, e.type) for e in found.entities.values()] == [("Vexatron 64", "Product")]


def test_a_capitalised_pronoun_inside_a_sentence_opens_a_name(extract):
    assert "My Tarrow" in names(extract("Vexa's My Tarrow service lets people plan trips."))


@pytest.mark.parametrize(("text", "name"), [
    ("Ana Ruiz, an analyst at Quillby’s Research Ltd., said so.", "Quillby’s Research Ltd."),
    ("Ana Ruiz of the Brennock's Foundation of Canada spoke on Monday.",
     "Brennock's Foundation of Canada"),
    ("Sales fell, according to Dovering’s Analytics.", "Dovering’s Analytics"),
    ("The colt ran in the Growers' Cup Final on Saturday.", "Growers' Cup Final"),
])


def test_a_possessive_inside_an_organization_name_keeps_the_name_whole(extract, text, name):
    assert name in names(extract(text))


def test_a_possessive_before_a_product_or_a_title_stays_a_possessive(extract):
    found = names(extract("Quillon's Power design won. Vexa’s chief executive quit."))
    assert "Quillon" in found and "Vexa" in found
    assert not any("'s" in n or "’s" in n for n in found)


def test_a_firm_named_for_two_partners_is_one_name(extract):
    assert "Dorne and Pell Inc" in names(extract("Dorne and Pell Inc said it would cut jobs."))
    assert "Dorne" not in names(extract("Dorne and Pell Inc said it would cut jobs."))


def test_an_organization_name_with_and_before_a_possessive_mark_is_one_name(extract):
    found = names(extract("Dan Moss, the Orchard & Harbor Foundation's director, spoke."))
    assert "Orchard & Harbor Foundation" in found and "Orchard" not in found


@pytest.mark.parametrize("name", ["Tarvex Software", "Quellon Semiconductor"])


def test_a_word_that_ends_firms_names_says_organization(entities, name):
    found = entities(f"{name} said on Monday that sales rose. {name} hired staff.")
    assert found[name].type == "Organization"


def test_a_name_given_an_age_is_a_person(extract):
    found = extract("\"Work is back,\" said Quintrell, 47, co-owner of a plumbing firm.")
    assert any(h.mention.text == "Quintrell" and h.label == "Person" for h in found.hints)


def test_a_title_before_a_name_that_names_a_thing_says_no_person(extract):
    found = extract("Ana Ruiz launched a Mr. Quillbook contest in the city.")
    assert not any(h.mention.text == "Quillbook" and h.label == "Person" for h in found.hints)


@pytest.mark.parametrize("text", [
    "Analysts like Quelbrook (NASDAQ: QLBK) this year.",
    "Shares of Quelbrook (QLBK.O) rose 3 percent.",
])


def test_a_name_followed_by_its_ticker_is_a_company(extract, text):
    found = extract(text)
    assert any(h.mention.text == "Quelbrook" and h.label == "Organization" for h in found.hints)


def test_a_dateline_before_its_agency_is_no_ticker(extract):
    found = extract("DORVILLE (QNS.MW) - Quelbrook said sales rose.")
    assert not any("ticker" in h.reason and "DORVILLE" in h.mention.text for h in found.hints)


@pytest.mark.parametrize(("text", "cue"), [
    ("Quillby said it would buy two rivals this year.", True),
    ("Quillby told reporters its profit rose.", True),
    ("Tom Quillby said it would take years to rebuild.", False),
    ("Quillby said its profit rose sharply.", True),
    ("Tom Quillby said it was a good day for the town.", False),
])


def test_a_speaker_that_calls_itself_it_is_no_person(extract, text, cue):
    found = extract(text)
    assert any(h.label == "Person" and h.weight < 0 and "said it" in h.reason
               for h in found.hints) == cue


def test_a_version_number_ends_a_product_name(extract):
    found = extract("Quillon released Navigo 2.0 last week. Shares of Quillon rose 2.5 percent.")
    assert "Navigo 2.0" in names(found)
    assert any(h.mention.text == "Navigo 2.0" and h.label == "Product" for h in found.hints)
    assert not any(n.startswith("Quillon ") for n in names(found))
    found = extract("Quillon introduced Version 6.1 of its tool.")
    assert not any(h.label == "Product" and "Version" in h.mention.text for h in found.hints)


@pytest.mark.parametrize(("text", "product"), [
    ("Vexa unveiled the Vexa X9 processor on Monday.", "X9"),
    ("Judges said Quillon's Power design was the best.", "Power"),
])


def test_a_name_before_a_product_noun_of_its_maker_is_the_product(extract, text, product):
    found = extract(text)
    assert any(h.mention.text == product and h.label == "Product" for h in found.hints)


def test_a_governor_s_title_is_not_part_of_the_name(entities):
    found = entities("Gov. Dana Quarrie signed the bill. Gov. Quarrie said the state would pay. "
                     "Quarrie, a Republican, spoke on Monday.")
    assert "Quarrie" in found["Dana Quarrie"].aliases and "Gov. Quarrie" not in found


def test_a_name_does_not_end_in_an_article(nlp, vocab):
    doc = nlp("Doyle was quoted calling Quarrie a failed mayor.")
    start = next(t.i for t in doc if t.text == "Quarrie")
    doc.ents = [Span(doc, start, start + 2, label="ORG")]  # the recogniser's "Quarrie a"
    assert "Quarrie" in [m.text for m in MentionIndex(doc, vocab, 0).all_names()]


def test_an_ampersand_between_capitalised_words_is_inside_one_name(extract):
    found = names(extract("Tickets for the Dorne Blues & Harbor Festival sold out on Monday."))
    assert "Dorne Blues & Harbor Festival" in found and "Harbor Festival" not in found


def test_a_country_after_a_firm_s_name_says_where_it_is_from(nlp, vocab):
    doc = nlp("The deal was signed by Quarro Electronics of South Korea and the Bank of Japan.")
    quarro = next(t.i for t in doc if t.text == "Quarro")
    bank = next(t.i for t in doc if t.text == "Bank")
    doc.ents = [Span(doc, quarro, quarro + 5, label="ORG"), Span(doc, bank, bank + 3, label="ORG")]
    found = [m.text for m in MentionIndex(doc, vocab, 0).all_names()]
    assert "Quarro Electronics" in found and "Quarro Electronics of South Korea" not in found
    assert "Bank of Japan" in found


def test_a_name_the_recogniser_calls_a_place_followed_by_of_a_country_is_a_firm(nlp, vocab):
    doc = nlp("The engines were made by Vexa Motors, co-owned by Dorne Group and Safrel of "
              "France.")
    start = next(t.i for t in doc if t.text == "Safrel")
    doc.ents = [Span(doc, start, start + 1, label="GPE"),
                Span(doc, start + 2, start + 3, label="GPE")]
    index = MentionIndex(doc, vocab, 0)
    assert any(doc[s.start:s.end].text == "Safrel" and cls == "Organization"
               for s, cls, _, _ in index.class_hints())


def test_a_title_opening_an_organization_s_name_is_part_of_it(nlp, vocab):
    doc = nlp("Shares of General Vexatronics rose on Monday.")
    start = next(t.i for t in doc if t.text == "General")
    doc.ents = [Span(doc, start, start + 2, label="ORG")]
    assert "General Vexatronics" in [m.text for m in MentionIndex(doc, vocab, 0).all_names()]


@pytest.mark.parametrize(("text", "place"), [
    ("DORVILLE, Ruritania, Aug. 3, 2004 - Troops moved in on Monday.", "DORVILLE"),
    ("IBM (NYSE: IBM) said it would cut jobs.", None),
])


def test_a_name_in_capitals_opening_a_dateline_is_a_place(nlp, vocab, text, place):
    index = MentionIndex(nlp(text), vocab, 0)
    found = {index.doc[s.start:s.end].text for s, cls, _, why in index.class_hints()
             if cls == "Place" and why.startswith("dateline")}
    assert found == ({place} if place else set())


@pytest.mark.parametrize(("text", "name", "cls"), [
    ("A long layoff failed to cool off the Dorvilles, who won again on Sunday.", "Dorvilles",
     "Organization"),
    ("American Dana Quarrie won the race in record time.", "Dana Quarrie", "Person"),
])


def test_plural_team_names_and_nationalities_before_names_are_class_cues(nlp, vocab, text,
                                                                        name, cls):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    doc.ents = [Span(doc, start, start + len(name.split()), label="PERSON")]
    index = MentionIndex(doc, vocab, 0)
    assert any(doc[s.start:s.end].text == name and c == cls and w > 0
               for s, c, w, _ in index.class_hints())


def test_a_score_is_not_part_of_a_team_s_name(extract):
    assert "Dorvilles" in names(extract("The Dorvilles beat the Quarrytown Rovers 5-3 on Sunday."))
    assert not any(n.endswith("5") for n in names(extract(
        "The Dorvilles beat the Quarrytown Rovers 5-3 on Sunday.")))


def test_an_agency_opening_wire_copy_is_no_dateline_place(nlp, vocab):
    index = MentionIndex(nlp("AFP - A squadron of jets flew over the city."), vocab, 0)
    assert not any(why.startswith("dateline") for _, _, _, why in index.class_hints())


@pytest.mark.parametrize("name", ["Quill Enterprise Server", "Dorne Fuming Process"])


def test_a_word_that_ends_products_names_says_product(entities, name):
    found = entities(f"Vexa Corp said on Monday that {name} would ship in May. "
                     f"Buyers of {name} include banks.")
    assert found[name].type == "Product"


def test_a_product_named_after_its_maker_stays_apart_from_it(entities):
    # "Plus" ends products' names (kg:nameHead on Product): the maker's short name is not a
    # short form of its product's
    found = entities("Quellio Media launched the Quellio Plus recorder in May.\n\n"
                     "Quellio Plus sold 40,000 units. Quellio said it would cut prices.")
    assert found["Quellio Plus"].type == "Product"
    assert not {"Quellio", "Quellio Media"} & set(found["Quellio Plus"].aliases)


def test_an_institution_s_name_goes_on_over_of_or_for_and_a_name(extract):
    found = names(extract("Analysts at the Federal Quill Bank of Tarrow said rates would "
                          "rise. A court told the Vexa Institute for Deep Seas and Rivers to "
                          "stop."))
    assert {"Federal Quill Bank of Tarrow", "Vexa Institute for Deep Seas and Rivers"} <= found


def test_a_one_word_institution_goes_on_over_for(extract):
    found = names(extract("Dan Orr, the chairman of the Party for Tarrow Renewal, is outraged."))
    assert "Party for Tarrow Renewal" in found


def test_an_institution_s_name_goes_on_over_the_article_and_on(extract):
    found = names(extract("Ana Ruiz, president of the Tarrow Foundation for the Advancement of "
                          "Harbour Studies, said it. Dan Orr, chairman of the Quill Committee "
                          "on Harbour Affairs, agreed. Ana Ruiz joined the Vexa Bank on Monday."))
    assert {"Tarrow Foundation for the Advancement of Harbour Studies",
            "Quill Committee on Harbour Affairs", "Vexa Bank"} <= found


def test_a_name_ending_in_a_word_that_ends_firms_names_is_no_short_form(entities):
    found = entities("Storms hit Tarrow on Monday. At Quillon Airways, a pilot said flights "
                     "were late. The delays were worse at Quillon Airways Express, which "
                     "cancelled 40 flights.")
    assert {"Quillon Airways", "Quillon Airways Express"} <= set(found)


def test_a_title_the_recogniser_took_into_a_name_is_left_out_of_it(extract):
    text = ('"We decide tomorrow whether the balloons fly," Patrol Chief Dana Marsh with the '
            'Dover Police Department said Wednesday.')
    found = triples(extract(text))
    assert ("Dana Marsh", "role", "Patrol Chief") in found
    assert not [t for t in found if "Patrol" in t[0]]


def test_a_people_named_by_its_nationality_is_no_person(vocab, extract):
    from kg.model import Document

    text = "Americans, who voted on Tuesday, want change. Americans said the economy was weak."
    resolution = resolve([(Document("d", "d.txt", text), extract(text))], vocab)
    assert resolution.entities["Americans"].type != "Person"


def test_a_score_is_no_part_of_a_team_name(extract):
    found = names(extract("Tarvel Rovers beat Ostby United 3-1 on Saturday."))
    assert "Ostby United" in found and not [n for n in found if "3" in n]


def test_a_stock_code_after_a_name_is_no_part_of_it(extract):
    found = extract("Quillon Inc. QLN.O on Thursday said it has scrapped plan to enter the "
                    "radio chip business, marking a major retreat.")
    assert "Quillon Inc." in names(found) and not [n for n in names(found) if "QLN" in n]
    found = triples(extract("Orbis Corp. ORB.N, the largest maker of valves, said on Monday "
                            "it would close a plant."))
    assert {t[0] for t in found if t[1] != "compound"} == {"Orbis Corp."}


def test_a_possessed_name_that_speaks_is_a_person_not_a_product(entities):
    found = entities("Tarvex Airlines' Kent Dolby reported three cancellations on Monday.")
    assert found["Kent Dolby"].type == "Person"


@pytest.mark.parametrize("text", [
    "Karl Brandt will ask the club to release him, sources have told Vexa Radio's Dana Wills.",
    "Stocks will rise this year, Orbis Capital's Greg Tull said.",
])
def test_a_person_s_full_name_an_organization_possesses_is_its_staff_not_its_product(
        entities, text):
    found = entities(text)
    assert not [e for e in found.values() if e.type == "Product"]


def test_a_number_the_parser_hangs_on_a_name_is_part_of_it(extract):
    found = names(extract("Dana Vell held off Tom Reed to capture the Ford 300."))
    assert "Ford 300" in found and "Ford" not in found
    assert "Ford" in names(extract("Ford recalled 300 cars on Monday."))


@pytest.mark.parametrize(("text", "name"), [
    # a number the parser hangs on the name, counted by the recogniser or not
    ("Kim Rade held off Lee Dunn over the final 20 laps to capture the Ford 300. The No.29 "
     "car crossed the line 0.2 seconds ahead.", "Ford 300"),
    ("Kim Rade won the Quarrow 500 on Sunday.", "Quarrow 500"),
])
def test_a_number_hung_on_a_name_is_part_of_it(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize(("text", "name"), [
    ("The union said Ford 300 jobs would go.", "Ford"),
    # a score after a team's name
    ("Darren Vell scored twice as Alabama beat No. 24 Southern Mississippi 27-3 on Saturday.",
     "Southern Mississippi"),
])
def test_a_count_or_a_score_is_no_part_of_the_name(extract, text, name):
    found = names(extract(text))
    assert name in found and not any(n.startswith(f"{name} ") for n in found)


def test_a_word_the_recogniser_leaves_out_of_a_place_name_makes_it_no_place(extract):
    # "Real Madrid": the recogniser tags the city alone; the club is not the city
    found = extract("Real Madrid coach Tomas Vell has resigned after a poor start to the season.")
    assert "Real Madrid" in names(found) and "Madrid" not in names(found)
    assert ("Tomas Vell", "livesIn", "Madrid") not in triples(found)


def test_a_name_that_names_a_site_is_no_person(extract, vocab):
    # the recogniser tags the city a person each time; "Glasgow airport" says it is none,
    # so "she" is not taken for it
    text = ("A nurse who contracted the virus after returning to Glasgow has been named. She "
            "arrived on a flight at Glasgow airport at around 11pm on Sunday. She has been a "
            "nurse for 16 years and was volunteering when she contracted the virus.")
    resolution = resolve([(Document("test", "test.txt", text), extract(text))], vocab)
    city = next(e for e in resolution.entities.values() if e.label == "Glasgow")
    assert city.type != "Person"
    assert not any(s.subject == city.key for g in resolution.documents for s in g.statements)


def test_an_owner_split_from_an_organization_name_keeps_no_class_of_it(extract):
    # "Glasgow's Gartnavel Hospital", one organization to the recogniser: the hospital's
    # class is not the city's
    found = extract("The patient is being treated in isolation at Glasgow's Gartnavel Hospital, "
                    "having flown back late on Sunday.")
    labels = {m.text: m.label for m in found.mentions}
    assert labels.get("Gartnavel Hospital") == "Organization"
    assert labels.get("Glasgow") != "Organization"


def test_a_company_name_after_a_or_an_is_one_thing_it_made_not_the_company(extract):
    found = names(extract("Jo Park, driving a Vexacorp, finished second ahead of Ana Ruiz. "
                          "Tom Reed bought an Orvik last year."))
    assert "Vexacorp" not in found and "Orvik" not in found
    # the name modifying the noun after it is the company's
    assert {"Vexacorp", "Orvik"} <= names(extract("A Vexacorp official said Orvik would pay."))
    # a new body named by its head noun
    assert "Tarlo Foundation" in names(extract("The Vexa Association formed a Tarlo "
                                               "Foundation last year."))
@pytest.mark.parametrize(("text", "name"), [
    ("Tom Welk, a spokesman for the National Coastal and Marine Administration, said so.",
     "National Coastal and Marine Administration"),
    ("Ana Ruiz, an inspector at the Food and Seed Administration, said the crop was safe.",
     "Food and Seed Administration"),
])
def test_a_body_whose_name_holds_and_is_one_name(extract, text, name):
    found = extract(text)
    assert name in names(found)
    employers = {c.object.text for c in found.candidates if c.relation == "worksFor"}
    assert employers == {name}


@pytest.mark.parametrize(("text", "name"), [
    # the recogniser reads the partners as a firm and a man, and "Co" as a firm of its own
    ("Joseph Arno, an analyst at Pell, Warren and Co, said prices fell.", "Pell, Warren and Co"),
    ("Tom Reed, Pell and Co's analyst, said so.", "Pell and Co"),
    # "Co." at the end of the sentence, which the recogniser leaves out
    ("The harvest will be late this year, said Joseph Arno, who follows grain for Pell, "
     "Wilson and Co.", "Pell, Wilson and Co."),
])
def test_partners_listed_before_and_co_are_the_firms_name(extract, text, name):
    found = extract(text)
    assert name in names(found)
    assert "Co" not in names(found)


@pytest.mark.parametrize(("text", "name"), [
    ("The brands have been bought by Premier Foods, owner of Vexa custard, from Orbis.",
     "Premier Foods"),
    ("The brands have been bought by Chancellor Foods from Orbis.", "Chancellor Foods"),
    ("Shares of Premier Industries rose.", "Premier Industries"),
])
def test_a_job_noun_opening_a_firm_s_name_is_its_first_word(extract, text, name):
    found = extract(text)
    assert name in names(found)
    assert not [c for c in found.candidates if c.relation == "role"]


def test_a_partner_the_recogniser_sets_apart_from_the_rest_of_the_firm_joins_it(nlp, vocab):
    doc = nlp("Rates may fall, said Joseph Arno, analyst with Tarr, Wilson and Co.")
    start = next(t.i for t in doc if t.text == "Tarr")
    doc.ents = [Span(doc, start, start + 1, label="ORG"),
                Span(doc, start + 2, start + 5, label="ORG")]
    index = MentionIndex(doc, vocab, 0)
    found = [m.text for m in index.all_names()]
    assert "Tarr, Wilson and Co." in found
    assert "Tarr" not in found


def test_a_job_noun_opening_an_unrecognised_firm_s_name_is_no_title(nlp, vocab):
    doc = nlp("Vexa Fund General Partner I Inc., a shareholder of Orbis Inc., sued the board.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    index = MentionIndex(doc, vocab, 0)
    found = [m.text for m in index.all_names()]
    assert any(name.endswith("General Partner I Inc.") for name in found)
    assert "Partner I Inc." not in found


def test_a_month_ending_a_name_is_part_of_a_date(extract):
    found = names(extract("Wheat for delivery in New York Sept rose to 120.50 dlrs. "
                          "Vexa Corp said Nov. sales rose. Theresa May spoke. DEC said so. "
                          "Jan Ostrow, vice president of Vexa Corp, agreed."))
    assert {"New York", "Theresa May", "DEC", "Jan Ostrow"} <= found
    assert not {"New York Sept", "Sept", "Nov."} & found


def test_nationalities_joined_by_a_hyphen_name_nothing(extract):
    found = extract("Set in Lima in 1990, the 35-year-old Peruvian-Chilean actor plays a "
                    "banker.")
    assert not [n for n in names(found) if "Chilean" in n]
    assert not [t for t in triples(found) if t[1] == "locatedIn"]


@pytest.mark.parametrize(("text", "name"), [
    ("The show appears on Payam-e-Vexa, a Dover-based channel.", "Payam-e-Vexa"),
    ("The show appears on Nawa-e-Afghan, a Dover-based channel.", "Nawa-e-Afghan"),
    ("The show appears on Roshan-e-Afghan, a Dover-based channel that backs the rebels.",
     "Roshan-e-Afghan"),
])
def test_a_name_is_not_cut_at_its_hyphen(extract, text, name):
    # words glued to a name by hyphens, up to a capitalised one, are the rest of it
    found = extract(text)
    assert name in names(found)
    assert {t[0] for t in triples(found) if t[1] == "locatedIn"} == {name}


@pytest.mark.parametrize(("text", "name"), [
    ("The Vexa-based firm Orbis said profits rose.", "Vexa"),
    ("The Orbis-owned channel Vexa grew.", "Orbis"),
])
def test_a_hyphen_before_a_word_joins_nothing(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize(("text", "name"), [
    ("Managing director Pornchai Sunya-ananta said sales rose.", "Pornchai Sunya-ananta"),
    ("Executive vice president Tharakorn Wongsa-ananta said the plant would open in May.",
     "Tharakorn Wongsa-ananta"),
])
def test_a_surname_is_not_cut_at_its_hyphen(extract, text, name):
    # lower-case words glued to a person's name that are no English words are its surname
    found = names(extract(text))
    assert name in found and name.split("-")[0] not in found


def test_an_english_word_glued_to_a_person_s_name_is_no_part_of_it(extract):
    found = names(extract("The Jo Park-led team won the cup."))
    assert "Jo Park" in found and not [n for n in found if n.endswith("-led")]


def test_a_court_named_for_a_district_of_a_state_is_one_name(extract):
    # the body's name ends in a region's noun, whose "of" goes on with it
    found = extract("The Federal Court for the Eastern District of Virginia granted Vexa an "
                    "order.")
    assert "Federal Court for the Eastern District of Virginia" in names(found)
    assert not [t for t in triples(found) if t[1] == "locatedIn"]


@pytest.mark.parametrize(("text", "name", "place"), [
    ("A small crowd walked east on 52nd Street in Dover on Sunday evening.", "52nd Street",
     "Dover"),
    ("The shop on 5th Avenue in Lima closed.", "5th Avenue", "Lima"),
])
def test_an_ordinal_opening_a_street_s_name_is_part_of_it(extract, text, name, place):
    found = extract(text)
    assert name in names(found) and name.split()[1] not in names(found)
    assert (name, "locatedIn", place) in triples(found)


def test_a_numbered_street_after_a_place_is_no_region_it_is_in(extract):
    found = triples(extract("The board meets at Vexa and Orbis LLP, 4 Times Square, 42nd St. "
                            "between Broadway and Sixth Ave."))
    assert not [t for t in found if t[1] == "locatedIn"]


def test_a_name_glued_by_a_hyphen_goes_on_past_the_glued_word(extract):
    found = extract("Tom Quill, a researcher in Dover at the MIT-Vexa Broad Institute, spoke.")
    assert ("Tom Quill", "worksFor", "MIT-Vexa Broad Institute") in triples(found)


@pytest.mark.parametrize(("text", "person", "country"), [
    ("Peruvian Dana Wills won the race on Sunday.", "Dana Wills", "Peru"),
    ("The title went to Swiss Roger Quell after five sets.", "Roger Quell", "Switzerland"),
])
def test_a_nationality_read_into_a_person_s_name_is_no_word_of_it(extract, text, person,
                                                                   country):
    found = triples(extract(text))
    assert (person, "nationality", country) in found
    assert not [t for t in found if t[0].startswith(("Peruvian ", "Swiss "))]


def test_a_nationality_opening_a_body_s_name_stays_in_it(extract):
    # no given name after it, or a firm's word at its end: a body of that name
    found = triples(extract("Shares of Peruvian Jo Park Holdings rose on Monday. The "
                            "Peruvian Davis Cup team won on Sunday."))
    assert not [t for t in found if t[0] in ("Jo Park Holdings", "Davis Cup")]


@pytest.mark.parametrize(("text", "body"), [
    ("\"Sales are slow,\" said Lia Varga, research scientist with the Bureau of Mining and "
     "Economic Research at the University of Quillon.", "Bureau of Mining and Economic Research"),
    ("Lia Varga joined the Department of Mines and Rural Affairs.",
     "Department of Mines and Rural Affairs"),
])
def test_a_body_of_two_fields_joined_by_and_is_one_name(extract, text, body):
    found = triples(extract(text))
    assert ("Lia Varga", "worksFor", body) in found
    assert not [t for t in found if t[1] == "coordinated"]


def test_two_bodies_the_recogniser_parted_stay_two(extract):
    found = triples(extract("The deal was signed by the Bank of Quillon and Vexa Research."))
    assert ("Bank of Quillon", "coordinated", "Vexa Research") in found


def test_a_word_of_a_former_post_opening_the_sentence_opens_no_name(extract):
    found = triples(extract("Former Walt Vexa Co. president Tomas Brenner insisted Tuesday that "
                            "he worked tirelessly."))
    assert ("Tomas Brenner", "role", "former president") in found
    assert not [t for t in found if t[1] == "worksFor"]  # a post held before
    assert not [t for t in found if "Former" in t[0] or "Former" in t[2]]


@pytest.mark.parametrize(("text", "firm"), [
    ("The Tarrow accounting firm Harlow, Tanner and Moss audited the books.",
     "Harlow, Tanner and Moss"),
    ("The bonds were arranged by the law firm Harlow Tanner and Moss, the company said.",
     "Harlow Tanner and Moss"),
])
def test_surnames_listed_after_a_firm_noun_are_one_firm(extract, text, firm):
    found = names(extract(text))
    assert firm in found and "Moss" not in found


def test_surnames_listed_after_a_verb_stay_apart(extract):
    found = names(extract("The firm hired Harlow, Tanner and Moss as consultants."))
    assert {"Harlow", "Tanner", "Moss"} <= found


def test_a_possessive_before_one_common_noun_recognised_whole_is_one_name(extract):
    found = names(extract("Visitors crowd Tanner's Home every summer."))
    assert "Tanner's Home" in found and "Home" not in found
