"""Events and relations between named things in news grammar (written for these tests)."""

import pytest

from tests.conftest import triples


def _states(extraction, relation: str) -> dict[tuple[str, str], str]:
    """(subject, object) -> modality of every candidate of ``relation``."""
    return {(c.subject.text, c.object.text): c.evidence.modality
            for c in extraction.candidates if c.relation == relation}


@pytest.mark.parametrize(("text", "expected"), [
    # a name opening with a verb, which the parser read as a clause subject
    ("Ask Quillby has bought the Norvex website.", ("Ask Quillby", "acquired", "Norvex")),
    # a participle with its own subject is active, and takes its prepositional objects
    ("It ends the anti-trust case that the Trade Bureau had leveled against Vexa Corp and "
     "Orbis.", ("Trade Bureau", "level against", "Orbis")),
    # who settles a claim settles with whoever brought it
    ("Vexa Corp paid $5 million to settle charges by the Trade Bureau that it misled buyers.",
     ("Vexa Corp", "settledWith", "Trade Bureau")),
    ("Vexa Corp settled the Trade Bureau's claims last year.",
     ("Vexa Corp", "settledWith", "Trade Bureau")),
    ("Orbis announced a settlement with Quanta Ltd on Monday.",
     ("Orbis", "settledWith", "Quanta Ltd")),
    # a bid is a relation of its own, not a purchase
    ("Orbis made a takeover bid for Quanta Ltd on Monday.", ("Orbis", "bidFor", "Quanta Ltd")),
    ("Orbis's bid for Quanta Ltd was rejected.", ("Orbis", "bidFor", "Quanta Ltd")),
    # the "by" phrase of a nominalisation names its agent, not the clause subject
    ("Analysts praised the takeover of Quanta Ltd by Tarvex Holdings.",
     ("Tarvex Holdings", "acquired", "Quanta Ltd")),
    # but a "by" phrase of time names no agent
    ("Orbis said its plan includes the purchase of Quanta Ltd by the end of 2025.",
     ("Orbis", "acquired", "Quanta Ltd")),
    # a class noun listed among examples has its own examples
    ("Vexa has struggled to compete against bigger chains such as Orbis and other retailers "
     "such as Quanta Stores.", ("Vexa", "competitorOf", "Quanta Stores")),
])
def test_event_gives_fact(extract, text, expected):
    assert expected in triples(extract(text))


def test_an_unnamed_party_of_a_settlement_is_kept_when_it_is_an_agency(extract):
    found = triples(extract("Vexa Corp paid $5 million to settle charges by regulators."))
    assert ("Vexa Corp", "settledWith", "regulators") in found
    found = triples(extract("Vexa Corp settled the case by May."))
    assert not [t for t in found if t[1] == "settledWith"]


@pytest.mark.parametrize(("text", "state"), [
    ("Orbis failed to reach a settlement with Quanta Ltd.", "denied"),
    ("Orbis did not accept a settlement with Quanta Ltd.", "denied"),
    ("Orbis is seeking a settlement with Quanta Ltd.", "planned"),
    ("Orbis said it held talks about a settlement with Quanta Ltd.", "planned"),
    ("Orbis reached a settlement with Quanta Ltd.", "asserted"),
])
def test_a_settlement_is_only_as_done_as_its_clause_says(extract, text, state):
    states = _states(extract(text), "settledWith")
    assert set(states.values()) == {state}


@pytest.mark.parametrize(("text", "expected"), [
    ("Vexa Corp has launched a music service that lets people share songs.\n\n"
     "The service, Vexa Tunes, costs $5 a month.", ("Vexa Corp", "released", "Vexa Tunes")),
    ("Ana Ruiz and Jo Park have opened a new bottle shop in Dover.\n\n"
     "The Harbor Bottle Shop sells craft beer.", ("Jo Park", "open", "Harbor Bottle Shop")),
])
def test_a_thing_introduced_with_a_is_the_one_the_next_sentence_names(extract, text, expected):
    assert expected in triples(extract(text))


def test_a_name_the_next_sentence_does_not_give_the_thing_is_not_taken(extract):
    found = triples(extract("Vexa Corp has launched a music service.\n\n"
                            "The Dover Times called it a success."))
    assert not [t for t in found if t[1] == "released"]


def test_a_possessor_that_is_no_name_is_not_replaced_by_the_clause_subject(extract):
    found = triples(extract("Vexa advised the group's bid for Quanta Ltd last year."))
    assert ("Vexa", "bidFor", "Quanta Ltd") not in found


def test_a_headline_noun_phrase_is_read(extract):
    # a noun with no verb above it ends the walk up the tree
    assert extract("Orbis bid for Quanta Ltd") is not None


def test_a_relative_clause_before_a_conjunct_is_not_said_of_it(extract):
    found = triples(extract("The board includes Jo Park, who heads film operations, and Li Wu."))
    assert ("Jo Park", "head", "film operations") in found
    assert ("Li Wu", "head", "film operations") not in found



@pytest.mark.parametrize(("text", "state"), [
    # a plea or a verdict of guilty says who did what its gerund names
    ("In 1990, Tom Vessel pleaded guilty to killing the singer Ann Brodie.", "asserted"),
    ("Tom Vessel was found guilty of murdering Ann Brodie.", "asserted"),
    ("A jury found Tom Vessel guilty of murdering Ann Brodie.", "asserted"),
    ("Tom Vessel is expected to plead guilty to killing Ann Brodie.", "possible"),
    # a plea of not guilty, or none, says nothing was done
    ("Tom Vessel did not plead guilty to killing Ann Brodie.", "denied"),
    ("Tom Vessel did not admit killing Ann Brodie.", "denied"),
    # a gerund after a preposition is as done as the clause above it
    ("Tom Vessel could save the town by killing Ann Brodie.", "possible"),
    ("Tom Vessel saved the town by killing Ann Brodie.", "asserted"),
])
def test_a_plea_of_guilty_names_who_did_it(extract, text, state):
    assert _states(extract(text), "killed") == {("Tom Vessel", "Ann Brodie"): state}


def test_a_plea_of_not_guilty_names_no_one(extract):
    found = extract("Tom Vessel pleaded not guilty to murdering Ann Brodie.")
    assert not _states(found, "killed")


@pytest.mark.parametrize("text", [
    "Tom Vessel was the lone gunman who killed Ann Brodie.",
    "Records prove that Tom Vessel was the man who killed Ann Brodie.",
])
def test_a_relative_clause_on_a_copula_is_said_of_its_subject(extract, text):
    assert ("Tom Vessel", "killed", "Ann Brodie") in triples(extract(text))


def test_a_cleft_relative_clause_is_said_of_the_name(extract):
    found = triples(extract("But it was Tom Vessel who killed Ann Brodie."))
    assert ("Tom Vessel", "killed", "Ann Brodie") in found


def test_a_relative_clause_on_a_denied_copula_says_nothing(extract):
    found = triples(extract("Tom Vessel was not the man who killed Ann Brodie."))
    assert not [t for t in found if t[1] == "killed"]


def test_a_persons_headquarters_do_not_place_him(extract):
    """A leader's headquarters are his command's or his campaign's; he may be dead."""
    found = triples(extract("Workers cleaned up Abu Vell's broken-down headquarters in Dover."))
    assert not [t for t in found if t[0] == "Abu Vell" and t[1] in ("locatedIn", "livesIn")]
    assert ("Vexa", "locatedIn", "Dover") in triples(extract(
        "Vexa's headquarters in Dover were sold."))
