"""A person's gender as the story tells it: "she" refers to no man, "he" to no woman."""

from __future__ import annotations

import pytest

from kg.resolve import gender


def speakers(extract, vocab, text: str) -> list[str | None]:
    """The speaker of each quote of ``text``, by label (None: no speaker)."""
    from kg.resolve.document import cluster_document
    from kg.resolve.quotes import NOBODY, local_quotes

    found = extract(text)
    state = cluster_document(found, vocab)
    return [None if q.speaker == NOBODY else state.clusters[q.speaker].label()
            for q in local_quotes(found, state)]


def test_she_is_not_the_man_just_named(extract, vocab):
    text = ('Peter Valdmann said that Dorvex Corp would open a plant in Melgar.\n\n'
            '"Prices will rise next year," she added.')
    assert speakers(extract, vocab, text) == ["Peter Valdmann", None]


def test_she_is_not_the_man_the_story_is_about(extract, vocab):
    # the focus of the story is a man: "she" is nobody rather than him
    text = ('Peter Valdmann runs Dorvex Corp. Valdmann built the firm. Valdmann sold it.\n\n'
            'Quorin Bank praised the deal.\n\n'
            '"We will hire more engineers this year," she said.')
    assert speakers(extract, vocab, text) == [None]
    assert speakers(extract, vocab, text.replace("she said", "he said")) == ["Peter Valdmann"]


@pytest.mark.parametrize("pronoun, speaker", [("she", "Oberlin"), ("he", None)])
def test_a_title_tells_the_gender(extract, vocab, pronoun, speaker):
    text = (f'Mrs Oberlin praised Dorvex Corp on Monday.\n\n'
            f'"The plant will open in June," {pronoun} said.')
    assert speakers(extract, vocab, text) == [speaker]


@pytest.mark.parametrize("pronoun, speaker", [("she", "Kim Quellen"), ("he", None)])
def test_a_noun_tells_the_gender(extract, vocab, pronoun, speaker):
    # "Kim" is a given name of both: the noun decides
    text = ('Kim Quellen, a spokeswoman for Dorvex Corp, met the miners on Monday.\n\n'
            f'"The talks will go on for weeks," {pronoun} added.')
    assert speakers(extract, vocab, text) == [speaker]


def test_a_title_in_the_name_tells_the_gender(vocab):
    assert gender.of_person(["Pope Tiberius", "Tiberius"], (), vocab.gender_words) == \
        gender.MALE
    assert gender.of_person(["Queen Aldora"], (), vocab.gender_words) == gender.FEMALE


def test_a_name_that_tells_nothing_still_resolves(extract, vocab):
    text = ('Zuri Tandak praised Dorvex Corp on Monday.\n\n'
            '"The talks will go on for weeks," he added.')
    assert speakers(extract, vocab, text) == ["Zuri Tandak"]


def test_given_names_tell_a_gender_only_when_one_sex_bears_them():
    told = gender.given_names()
    assert told["susan"] == gender.FEMALE and told["peter"] == gender.MALE
    assert "jordan" not in told and "kim" not in told


def test_evidence_that_disagrees_tells_nothing(vocab):
    words = vocab.gender_words
    assert gender.of_person(["Susan Kellerby"], (), words) == gender.FEMALE
    assert gender.of_person(["Susan Kellerby"], ("mr",), words) == gender.MALE  # the title first
    assert gender.of_person(["Kellerby"], ("mrs", "businessman"), words) == ""
    assert gender.of_person(["Susan Kellerby", "Peter Kellerby"], (), words) == ""
    assert gender.of_person(["Kellerby"], (), words) == ""
