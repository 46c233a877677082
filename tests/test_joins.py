"""Joining documents: only what is one thing becomes one entity (hand-made extractions)."""

import random
from collections import Counter

from kg.model import Alias, Document, Extraction, Mention, MentionKind
from kg.resolve import resolve
from kg.resolve.clusters import Cluster


def m(text, start, label="Organization"):
    return Mention(text, start, start + len(text), label, MentionKind.NAME)


def doc(doc_id):
    return Document(doc_id, f"{doc_id}.txt", "")


def story(doc_id, *mentions):
    return doc(doc_id), Extraction(doc_id, 1, tuple(mentions), ())


def entities(items, vocab):
    return {e.label: e for e in resolve(items, vocab).entities.values()}


def test_the_names_of_one_country_are_one_place(vocab):
    found = entities([story("a", m("U.S.", 0, "Place")), story("b", m("USA", 0)),
                      story("c", m("America", 0, "Place")),
                      story("d", m("United States", 0, "Place"))], vocab)
    assert list(found) == ["United States"]
    assert found["United States"].type == "Place"
    assert set(found["United States"].aliases) == {"U.S.", "USA", "America"}


def test_a_country_is_not_a_company_named_after_it(vocab):
    """A story that reads "US" as the initials of "US Vexa" does not join the country and
    the company."""
    found = entities([
        story("a", m("US Vexa", 0), m("US", 40)),
        story("b", m("U.S.", 0, "Place"), m("Ruritania", 20, "Place")),
        story("c", m("US", 0, "Place"))], vocab)
    assert found["United States"].type == "Place"
    assert "US Vexa" not in found["United States"].aliases
    assert "US" not in found["US Vexa"].aliases


def test_a_city_is_not_its_team(vocab):
    """Springfield's team is "Springfield" in its story; the city elsewhere stays the city."""
    found = entities([
        story("a", m("Springfield Quakes", 0), m("Springfield", 40), m("Springfield", 80)),
        story("b", m("Springfield", 0, "Place")),
        story("c", m("Springfield", 0, "Place"))], vocab)
    assert found["Springfield"].type == "Place"
    assert found["Springfield Quakes"].type == "Organization"
    assert "Springfield" not in found["Springfield Quakes"].aliases


def test_a_company_is_not_its_product(vocab):
    """A story that reads "Vexa" as "Vexa Quillmail" does not join the company, which many
    stories name alone, with its product."""
    items = [story("a", m("Vexa Quillmail", 0), m("Vexa", 40))]
    items += [story(f"b{i}", m("Vexa", 0), m("Vexa", 30)) for i in range(10)]
    found = entities(items, vocab)
    assert "Vexa Quillmail" in found and "Vexa" in found
    assert "Vexa" not in found["Vexa Quillmail"].aliases
    assert "Vexa Quillmail" not in found["Vexa"].aliases


def test_a_short_name_joins_the_longer_name_a_story_reads_it_as(vocab):
    found = entities([story("a", m("Quillon Systems", 0), m("Quillon", 40)),
                      story("b", m("Quillon", 0)), story("c", m("Quillon Systems Inc.", 0))],
                     vocab)
    assert list(found) == ["Quillon Systems"]
    assert any("short form in 1 story: quillon" in r for r in found["Quillon Systems"].merges)


def test_a_short_name_two_longer_names_claim_joins_neither(vocab):
    found = entities([story("a", m("Ogden Red Hats", 0), m("Red Hats", 40)),
                      story("b", m("Shelby Red Hats", 0), m("Red Hats", 40)),
                      story("c", m("Red Hats", 0))], vocab)
    assert set(found) == {"Ogden Red Hats", "Shelby Red Hats", "Red Hats"}


def test_a_person_is_not_a_company_of_that_name(vocab):
    found = entities([story("a", m("Orrin Media", 0), m("Orrin", 40)),
                      story("b", m("Dale Orrin", 0, "Person"), m("Orrin", 40, "Person")),
                      story("c", m("Orrin", 0, "Person"))], vocab)
    assert found["Dale Orrin"].type == "Person" and "Orrin" in found["Dale Orrin"].aliases
    assert found["Orrin Media"].type == "Organization"
    assert "Orrin" not in found["Orrin Media"].aliases


def test_initials_elsewhere_join_the_name_they_abbreviate_most(vocab):
    def defined(doc_id, name):
        long, short = m(name, 0), m("VTC", 30)
        return doc(doc_id), Extraction(doc_id, 1, (long, short), (),
                                       (Alias(long, short, "acronym"),))
    items = [defined(f"a{i}", "Vexa Trading Corp") for i in range(5)]
    items += [defined("b", "Valley Tennis Club"), story("c", m("VTC", 0))]
    found = entities(items, vocab)
    assert "VTC" in found["Vexa Trading Corp"].aliases
    assert "VTC" not in found["Valley Tennis Club"].aliases and "VTC" not in found


def test_a_lone_surname_joins_the_person_the_corpus_names_most(vocab):
    items = [story(f"a{i}", m("Ana Lorca", 0, "Person")) for i in range(8)]
    items += [story("b", m("Tomas Lorca", 0, "Person")), story("c", m("Lorca", 0, "Person"))]
    found = entities(items, vocab)
    assert "Lorca" in found["Ana Lorca"].aliases and "Lorca" not in found


def test_joining_does_not_depend_on_document_order(vocab):
    items = [story("a", m("Springfield Quakes", 0), m("Springfield", 40)),
             story("b", m("Springfield", 0, "Place")), story("c", m("U.S.", 0, "Place")),
             story("d", m("Quillon Systems", 0), m("Quillon", 40)), story("e", m("Quillon", 0)),
             story("f", m("USA", 0))]
    first = resolve(items, vocab)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert resolve(shuffled, vocab) == first


def test_a_label_is_the_most_used_full_name():
    assert Cluster(Counter({"Vexa": 9, "Vexa Maps": 1})).label() == "Vexa"
    assert Cluster(Counter({"Quill": 1, "Quill Labs": 3})).label() == "Quill Labs"
    assert Cluster(Counter({"Times": 5, "Ogden Times": 1})).label() == "Ogden Times"
    assert Cluster(Counter({"OGDENVILLE": 5, "Ogdenville": 2})).label() == "Ogdenville"
    assert Cluster(Counter({"VEXA": 5, "Vexa": 2})).label() == "VEXA"  # an acronym's caps
    assert Cluster(Counter({"Vexa": 9, "Vexa Maps": 1})).label({"vexa"}) == "Vexa Maps"


def test_of_two_spellings_used_as_often_the_label_is_the_one_the_other_names_share():
    names = Counter({"Quillon Trading": 1, "Qiullon Trading": 1, "Quillon Trade Unit": 1})
    assert Cluster(names).label() == "Quillon Trading"
    names = Counter({"Qiullon Trading": 1, "Quillon Trading": 1, "Qiullon Trade Unit": 1})
    assert Cluster(names).label() == "Qiullon Trading"


def test_a_name_without_its_middle_initial_is_the_one_person_so_named(vocab):
    found = entities([story("a", m("Ana M. Lorca", 0, "Person")),
                      story("b", m("Ana Lorca", 0, "Person")),
                      story("c", m("Tomas J. Reed", 0, "Person")),
                      story("d", m("Tomas K. Reed", 0, "Person")),
                      story("e", m("Tomas Reed", 0, "Person"))], vocab)
    assert "Ana M. Lorca" in found["Ana Lorca"].aliases
    assert {"Tomas J. Reed", "Tomas K. Reed", "Tomas Reed"} <= set(found)


def test_a_short_given_name_is_the_one_person_with_the_full_one_beside_the_same_names(vocab):
    """"Steve Quillon" is "Steven Quillon" when both are named beside one same company (the
    short forms are data of the ontology); not when "Stephen Quillon" is named too, nor two
    people whose stories share no one."""
    def person(doc_id, name, beside):
        return story(doc_id, m(name, 0, "Person"), m(beside, 40))

    found = entities([person("a", "Steve Quillon", "Vexa Labs"),
                      person("b", "Steven Quillon", "Vexa Labs"),
                      person("c", "Bill Tarrow", "Ogden Mutual"),
                      person("d", "William Tarrow", "Quill Labs"),
                      person("e", "Mike Dorne", "Vexa Labs"),
                      person("f", "Michael Dorne", "Vexa Labs"),
                      person("g", "Mike Dorne", "Quill Labs"),
                      person("h", "Steve Ruiz", "Vexa Labs"),
                      person("i", "Steven Ruiz", "Vexa Labs"),
                      person("j", "Stephen Ruiz", "Vexa Labs")], vocab)
    assert "Steven Quillon" in found["Steve Quillon"].aliases
    assert "Michael Dorne" in found["Mike Dorne"].aliases  # named in a third story too
    assert {"Bill Tarrow", "William Tarrow", "Steve Ruiz", "Steven Ruiz",
            "Stephen Ruiz"} <= set(found)


def test_a_storm_s_given_name_is_the_storm_in_its_stories_and_elsewhere(vocab):
    """"Hurricane Quilla ... Quilla": the recogniser calls the storm's name alone a person's;
    a story that names the storm in full reads it as the storm, and so do stories that name
    only "Quilla". A person named Quilla in the story keeps the name apart."""
    found = entities([story("a", m("Hurricane Quilla", 0, "Thing"), m("Quilla", 40, "Person")),
                      story("b", m("Quilla", 0, "Person")),
                      story("c", m("Quilla", 0, "Person")),
                      story("d", m("Hurricane Vexa", 0, "Thing"), m("Vexa", 40, "Person"),
                            m("Vexa Dorne", 80, "Person"))], vocab)
    assert "Quilla" in found["Hurricane Quilla"].aliases and "Quilla" not in found
    assert found["Hurricane Quilla"].type == "Thing"
    assert "Vexa" not in found["Hurricane Vexa"].aliases
    # a name only an ontology's event title makes an event's: not "Total Quilla sales"
    other = entities([story("a", m("Total Quilla", 0, "Thing"), m("Quilla", 40, "Person")),
                      story("b", m("Quilla", 0, "Person"))], vocab)
    assert "Quilla" in other and "Quilla" not in other["Total Quilla"].aliases


def test_a_short_place_name_is_the_place_only_as_written(vocab):
    found = entities([story("a", m("Va.", 0, "Place")), story("b", m("VA", 0)),
                      story("c", m("Virginia", 0, "Place"))], vocab)
    assert "Va." in found["Virginia"].aliases and "VA" in found


def test_a_person_is_labelled_by_the_full_name_used_most_initials_aside():
    person = Cluster(Counter({"Ana Lorca": 5, "Ana M. Lorca": 1, "Lorca": 9}),
                     ner=Counter({"Person": 15}))
    assert person.label() == "Ana Lorca"


def test_a_surname_a_story_read_joins_no_one_when_the_corpus_names_two_so(vocab):
    items = [story("a", m("Ana Lorca", 0, "Person"), m("Lorca", 40, "Person")),
             story("b", m("Lorca", 0)), story("c", m("Tomas Lorca", 0, "Person")),
             story("d", m("Tomas Lorca", 0, "Person"))]
    found = entities(items, vocab)
    assert "Lorca" in found and "Lorca" not in found["Tomas Lorca"].aliases


def test_a_name_s_end_joins_it_unless_another_name_ends_so_as_much(vocab):
    found = entities([story("a", m("Ogden Quakes", 0), m("Quakes", 40)),
                      story("b", m("Quakes", 0)),
                      story("c", m("Vexa Wireless", 0), m("Wireless", 40)),
                      story("d", m("Quill Wireless", 0)), story("e", m("Wireless", 0))], vocab)
    assert "Quakes" in found["Ogden Quakes"].aliases and "Quakes" not in found
    assert "Wireless" in found and "Wireless" not in found["Vexa Wireless"].aliases


def test_a_place_named_alone_is_the_one_named_most_with_its_region(vocab):
    def regional(doc_id, name):
        return story(doc_id, m(name, 0, "Place"))

    items = [regional(f"g{i}", "Tarrow, Norland") for i in range(6)]
    items += [regional("v", "Tarrow, Vexland"), regional("t", "Tarrow"), regional("u", "Tarrow")]
    found = entities(items, vocab)
    greek = next(e for e in found.values() if "Tarrow, Norland" in (e.label, *e.aliases))
    assert "Tarrow" in (greek.label, *greek.aliases)
    assert "Tarrow, Vexland" not in (greek.label, *greek.aliases)
    # two places of that name named as often: the one named alone joins neither
    split = entities([regional("a", "Tarrow, Norland"), regional("b", "Tarrow, Vexland"),
                      regional("c", "Tarrow")], vocab)
    assert "Tarrow" in split
    # named alone more often than with its region: maybe another place of that name
    alone = entities([regional("a", "Tarrow, Norland"), regional("b", "Tarrow"),
                      regional("c", "Tarrow")], vocab)
    assert "Tarrow" in alone and "Tarrow, Norland" in alone


def test_a_city_a_story_names_with_its_region_joins_it_whatever_is_named_after_it(vocab):
    """Stories that write "Tarrow, Norland" and then "Tarrow" join the city named alone
    elsewhere, though an event the corpus names more often opens with the city's name (it
    could be no short form of a place); "Tarrow, Vexland", named once, stays apart."""
    def regional(doc_id):
        full, short = m("Tarrow, Norland", 0, "Place"), m("Tarrow", 40, "Place")
        return doc(doc_id), Extraction(doc_id, 1, (short,), (),
                                       (Alias(short, full, "a place with its region"),))

    items = [regional(f"a{i}") for i in range(3)]
    items += [story(f"b{i}", m("Tarrow", 0, "Place")) for i in range(8)]
    items += [story(f"c{i}", m("Tarrow Games", 0)) for i in range(9)]
    items += [story("d", m("Tarrow, Vexland", 0, "Place"))]
    found = entities(items, vocab)
    assert "Tarrow, Norland" in found["Tarrow"].aliases
    assert {"Tarrow Games", "Tarrow, Vexland"} <= set(found)


def test_a_word_that_opens_places_names_is_no_team_s_short_form_where_unlabelled(vocab):
    """A story reads "Tarrow" as its team "Tarrow United"; "the Tarrow rain" elsewhere, which
    the recogniser left unlabelled, is the city's, whose airport the corpus names."""
    found = entities([story("a", m("Tarrow United", 0), m("Tarrow", 40, "Person")),
                      story("b", m("Tarrow", 0, "")),
                      story("c", m("Tarrow Airport", 0, "Place")),
                      story("d", m("Quillby United", 0), m("Quillby", 40, "Person")),
                      story("e", m("Quillby", 0, ""))], vocab)
    assert "Tarrow" not in found["Tarrow United"].aliases
    quillby = next(e for e in found.values() if "Quillby United" in (e.label, *e.aliases))
    assert "Quillby" in (quillby.label, *quillby.aliases)  # no place opens with it


def test_a_country_a_story_lists_with_another_is_not_their_short_form(vocab):
    """"France, Kenya" that a story read as France in Kenya is a list: the country named
    alone elsewhere does not take that name."""
    full, short = m("France, Kenya", 0, "Place"), m("France", 40, "Place")
    listed = doc("a"), Extraction("a", 1, (short,), (),
                                  (Alias(short, full, "a place with its region"),))
    found = entities([listed, story("b", m("France", 0, "Place")),
                      story("c", m("France", 0, "Place"))], vocab)
    assert "France, Kenya" not in found["France"].aliases


def test_a_country_before_a_comma_is_a_list_not_a_region(vocab):
    found = entities([story("a", m("France, Germany", 0, "Place")),
                      story("b", m("France, Germany", 0, "Place")),
                      story("c", m("France", 0, "Place"))], vocab)
    assert "France, Germany" not in found["France"].aliases


def test_a_name_many_countries_bodies_bear_joins_no_other_story(vocab):
    """"Supreme Court" in a story of one country and in a story of another are two courts;
    a fuller name ("U.S. Supreme Court") still joins its stories."""
    items = [story("a", m("Supreme Court", 0)), story("b", m("Supreme Court", 0)),
             story("c", m("Norland Supreme Court", 0)), story("d", m("Norland Supreme Court", 0))]
    labels = Counter(e.label for e in resolve(items, vocab).entities.values())
    assert labels == Counter({"Supreme Court": 2, "Norland Supreme Court": 1})
    # a name that is no shared body's name joins as before
    assert len(entities([story("e", m("Quillon Court", 0)),
                         story("f", m("Quillon Court", 0))], vocab)) == 1


def test_a_firm_named_with_its_legal_suffix_is_no_short_form_of_a_longer_firm(vocab):
    """Stories read "Quellon" as "Quellon Media Group Inc."; "Quellon Inc.", the holding
    company that controls it, named with its own suffix elsewhere, stays a firm of its own."""
    items = [story(f"a{i}", m("Quellon Media Inc.", 0), m("Quellon", 40)) for i in range(4)]
    items += [story("b", m("Quellon Inc.", 0), m("Quellon", 40)),
              story("c", m("Quellon Inc.", 0))]
    found = entities(items, vocab)
    assert "Quellon Inc." not in found["Quellon Media Inc."].aliases
    assert any("Quellon Inc." in (e.label, *e.aliases) for e in found.values()
               if e.label != "Quellon Media Inc.")


def test_a_firm_named_international_is_not_the_firm_with_a_legal_suffix(vocab):
    """"Quarrow International" (a unit the holding controls) and "Quarrow Inc." (the holding)
    are two companies; one story's "Quarrow" for the first joins it there only."""
    found = entities([story("a", m("Quarrow Inc.", 0)),
                      story("b", m("Quarrow International Inc.", 0), m("Quarrow", 50)),
                      story("c", m("Quarrow International", 0))], vocab)
    assert set(found) == {"Quarrow Inc.", "Quarrow International"}
    assert set(found["Quarrow International"].aliases) == {"Quarrow International Inc."}
    # one story's "Quarrow", however often it came first, is its "Quarrow International"
    found = entities([story("a", m("Quarrow", 0), m("Quarrow", 30), m("Quarrow", 60),
                            m("Quarrow International", 90))], vocab)
    assert list(found) == ["Quarrow"]


def test_an_event_named_after_its_sponsor_is_not_the_sponsor(vocab):
    """A golf story reads "Tessaly Bank" as the "Tessaly Bank Championship"; the bank that
    other stories name stays the bank."""
    items = [story("a", m("Tessaly Bank Championship", 0), m("Tessaly Bank", 50))]
    items += [story(f"b{i}", m("Tessaly Bank", 0)) for i in range(2)]
    found = entities(items, vocab)
    assert {"Tessaly Bank Championship", "Tessaly Bank"} <= set(found)
    assert "Tessaly Bank" not in found["Tessaly Bank Championship"].aliases


def test_two_legal_forms_of_one_name_are_two_companies(vocab):
    """"Brenmark Corp." (a publisher) and "Brenmark SA" (an electronics maker): the suffixes
    of two countries' law name two companies; a story's own "Brenmark" beside "Brenmark SA"
    is the latter, and a name written without a suffix elsewhere joins the first."""
    found = entities([story("a", m("Brenmark Corp.", 0)),
                      story("b", m("Brenmark SA", 0), m("Brenmark", 40)),
                      story("c", m("Brenmark S.A.", 0)),
                      story("d", m("Brenmark Corporation", 0))], vocab)
    names = sorted(sorted({e.label, *e.aliases}) for e in found.values())
    assert names == [["Brenmark", "Brenmark S.A.", "Brenmark SA"],
                     ["Brenmark Corp.", "Brenmark Corporation"]]


def test_initials_may_leave_out_a_word_of_scope(vocab):
    """"VQ" in a story of "Vexa Quill International Inc." is that company's initials."""
    found = entities([story("a", m("Vexa Quill International Inc.", 0), m("VQ", 40))], vocab)
    assert list(found) == ["Vexa Quill International Inc."]
    assert "VQ" in found["Vexa Quill International Inc."].aliases
