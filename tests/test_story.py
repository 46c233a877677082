"""The story's classes: every mention of a name votes before the rules read a sentence (names
and sentences invented for these tests)."""

from kg.documents import paragraphs
from kg.extract.mentions import MentionIndex
from kg.extract.story import StoryClasses, story_key
from tests.conftest import triples


def _classes(nlp, vocab, text: str) -> tuple[StoryClasses, list[MentionIndex]]:
    indexes = [MentionIndex(nlp(p.text), vocab, p.start) for p in paragraphs(text)]
    return StoryClasses(indexes, [i.class_hints() for i in indexes]), indexes


def _label_of(extraction, text: str, relation: str) -> str:
    return next(c.subject.label for c in extraction.candidates
                if c.subject.text == text and c.relation == relation)


def test_a_firm_named_in_full_gives_its_short_name_its_class(extract):
    # alone, the recogniser reads "Tarvex" in this sentence as a person
    alone = extract("Analysts expect Tarvex to cut jobs.")
    assert _label_of(alone, "Tarvex", "cut") == "Person"
    story = extract("Tarvex Corp. makes chips in Ohio.\n\nAnalysts expect Tarvex to cut jobs.")
    assert _label_of(story, "Tarvex", "cut") == "Organization"


def test_the_recogniser_labels_are_what_resolution_counts(extract):
    # the story's class steers the rules; the mentions handed on keep the recogniser's label,
    # which resolution weighs with the other evidence itself
    story = extract("Tarvex Corp. makes chips in Ohio.\n\nAnalysts expect Tarvex to cut jobs.")
    labels = {m.label for m in story.mentions if m.text == "Tarvex"}
    assert labels == {"Person"}


def test_a_short_name_shared_by_a_person_and_a_firm_takes_neither(nlp, vocab):
    classes, _ = _classes(nlp, vocab, "Dale Quorn founded Quorn Mining Ltd in 1990.\n\n"
                          "Analysts expect Quorn to cut jobs.")
    assert "quorn" not in classes.long_form


def test_a_surname_takes_the_votes_of_the_person_named_in_full(nlp, vocab):
    # alone, the recogniser reads "Hallworth said" as an organization
    classes, _ = _classes(nlp, vocab, "Peter Hallworth runs the lab.\n\n"
                          "Hallworth said the results were early.")
    assert classes.long_form["hallworth"] == ("peter hallworth",)
    assert classes.decide("Hallworth", "Organization") == "Person"


def test_story_keys_ignore_case_articles_and_possessives():
    assert story_key("The Vexa Corp.'s") == story_key("VEXA CORP") == "vexa corp"
    assert story_key("Vexa’s") == "vexa"


def test_a_name_the_recogniser_cuts_in_two_is_whole_where_the_story_writes_it_whole(extract):
    text = ("Brenner Celanese Corp was formed in May.\n\n"
            "Brenner Celanese said Tom Baker had been named chief financial officer.")
    names = {m.text for m in extract(text).mentions}
    assert "Brenner Celanese" in names
    assert "Brenner" not in names and "Celanese" not in names
    # alone, the same sentence keeps the two names the recogniser reads
    alone = {m.text for m in extract(text.split("\n\n")[1]).mentions}
    assert "Brenner Celanese" not in alone


def test_a_surname_of_several_full_names_is_a_persons(extract):
    # "Ron Mabenga, aka Dr. Maulana Mabenga": two full names of one surname; the one-word
    # name is a person's still, and what it possesses is no place in it
    found = triples(extract(
        "The holiday was invented in 1966 by Ron Mabenga, aka Dr. Maulana Mabenga, founder "
        "of United Riders.\nMabenga publicly denounced the idea.\nIn one outburst, "
        "Mabenga’s United Riders shot two men on the campus.\nThose were the precepts of "
        "Mabenga’s United Riders."))
    assert not [t for t in found if t[1] == "locatedIn"]
