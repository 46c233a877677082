"""Job titles and employers read along the words around a name (sentences written for these
tests, with invented names)."""

import pytest

from tests.conftest import triples

GIVES = [
    # ... and the title set off after them is the legislator's
    ("A plan pushed by Sen. Peter Lang Jr., D-Mich., chairman of the Senate Farm Committee, "
     "failed.", {("Peter Lang Jr.", "worksFor", "Senate Farm Committee")}),
    # a copula's title that opens with a place, its employer after "for"
    ("Dana Whitlow is the Middle East correspondent for the Corvex News Agency.",
     {("Dana Whitlow", "role", "Middle East correspondent"),
      ("Dana Whitlow", "worksFor", "Corvex News Agency")}),
    # a title after the name, its employer after "for", "of" or "at"
    ("Dana Whitlow, spokeswoman for Brightwater Mills, declined to comment.",
     {("Dana Whitlow", "role", "spokeswoman"), ("Dana Whitlow", "worksFor", "Brightwater Mills")}),
    ("Dana Whitlow is executive vice-president of Brightwater Mills.",
     {("Dana Whitlow", "role", "executive vice-president"),
      ("Dana Whitlow", "worksFor", "Brightwater Mills")}),
    ("Peter Lang, vice president of sales at Corvex Systems, said the order was large.",
     {("Peter Lang", "role", "vice president of sales"),
      ("Peter Lang", "worksFor", "Corvex Systems")}),
    # a title before the name, after its employer; "and" joins two titles
    # (one who "resigned" held them before: see the test of leaving verbs below)
    ("Corvex chairman and chief executive Peter Lang spoke on Monday.",
     {("Peter Lang", "role", "chairman"), ("Peter Lang", "role", "chief executive"),
      ("Peter Lang", "worksFor", "Corvex")}),
    ("The plan was backed by Corvex Systems chief executive Peter Lang.",
     {("Peter Lang", "worksFor", "Corvex Systems")}),
    # a naming verb: the one who names employs, unless the title says whom it serves
    ("Corvex Systems said it has named Peter Lang chairman.",
     {("Peter Lang", "role", "chairman")}),
    # a passive naming verb after an apposition
    ("Peter Lang, a former director of Delta Papers, has been named chairman of Corvex "
     "Systems.", {("Peter Lang", "role", "chairman"), ("Peter Lang", "worksFor",
                                                      "Corvex Systems")}),
    # a title only a person holds, linked by a verb, makes an untyped surname a person's
    ("Whitlow is also president of Corvex Systems.",
     {("Whitlow", "role", "president"), ("Whitlow", "worksFor", "Corvex Systems")}),
    ("Helen Dorsey, the chemistry professor leading the trial, said it was safe.",
     {("Helen Dorsey", "role", "chemistry professor")}),
    # a description set off by dashes, which the parser reads as a compound of the name
    ("Ana Ruiz - chief executive of Vexa - said sales rose.",
     {("Ana Ruiz", "role", "chief executive"), ("Ana Ruiz", "worksFor", "Vexa")}),
    ("Shoppers flocked to Vexa Stores - owner of Brightmart - on Friday.",
     {("Vexa Stores", "owns", "Brightmart")}),
    # a profession named by its ending, "at" its employer
    ("Tomas Brenner, a marine oceanographer at the University of Quillon, said so.",
     {("Tomas Brenner", "role", "marine oceanographer"),
      ("Tomas Brenner", "worksFor", "University of Quillon")}),
    ("Lia Varga, a statistician at the Corvex Institute, said the data was clear.",
     {("Lia Varga", "worksFor", "Corvex Institute")}),
    # the post held now, after a former one
    ("Tomas Brenner, a former banking executive who is now chief executive of Corvex "
     "Systems, said so.", {("Tomas Brenner", "role", "chief executive"),
                           ("Tomas Brenner", "worksFor", "Corvex Systems")}),
    # an age makes a name the recogniser took for a company a person's
    ("\"It is hard,\" said Brenner, 47, co-owner and president of Brenner Tooling Inc.",
     {("Brenner", "role", "co-owner"), ("Brenner", "worksFor", "Brenner Tooling Inc.")}),
    # a founder founded what he is the founder of
    ("As the founder of the Quillon Harbor Festival, Tomas Brenner was honoured.",
     {("Tomas Brenner", "founderOf", "Quillon Harbor Festival")}),
    ("Dana Whitlow, founder and chief executive of Corvex Systems, said so.",
     {("Dana Whitlow", "founderOf", "Corvex Systems"),
      ("Dana Whitlow", "worksFor", "Corvex Systems")}),
    # "a" before a post only a person holds: a surname the recogniser took for a company
    ("Brenner, a professor of law at Quillon College, spoke on Monday.",
     {("Brenner", "worksFor", "Quillon College")}),
    # the employer inside the title, after a modifier
    ("Varga, a senior Quillon Ministry official, declined to comment.",
     {("Varga", "worksFor", "Quillon Ministry")}),
    # an age, then the organization after "of"
    ("Harriman, 61, of the Quillon Space Agency said the launch was safe.",
     {("Harriman", "worksFor", "Quillon Space Agency")}),
    # a possessive or reflexive pronoun between the name and its title
    ("Tomas Brenner, then her private secretary, wrote the memo.",
     {("Tomas Brenner", "role", "former private secretary")}),
    # a post held then, or once, is no employer now; an owner owns, and is no employee
    ("Police are probing whether the wife of ex-Vexa Chairman Tom Bale acted improperly.",
     {("Tom Bale", "role", "former Chairman")}),
    ("Orvik Rovers owner Jerry Hale led the talks.",
     {("Jerry Hale", "role", "owner"), ("Jerry Hale", "owns", "Orvik Rovers")}),
    ("Lia Varga, herself a former finance minister, disagreed.",
     {("Lia Varga", "role", "former finance minister")}),
    # a remit with "and", and two posts before one employer
    ("Tomas Brenner, director of research and economics at the Quillon Council, said so.",
     {("Tomas Brenner", "role", "director of research and economics"),
      ("Tomas Brenner", "worksFor", "Quillon Council")}),
    ("Lia Varga, head of sales and chief executive of Corvex Systems, said so.",
     {("Lia Varga", "role", "head of sales"), ("Lia Varga", "role", "chief executive"),
      ("Lia Varga", "worksFor", "Corvex Systems")}),
    # a bracket after the name, a place on the way to the employer, a name cut at a hyphen
    ("Lia Varga (pictured), a researcher in Dover at the Quillon-Norda Institute, said so.",
     {("Lia Varga", "role", "researcher"),
      ("Lia Varga", "worksFor", "Quillon-Norda Institute")}),
    # "at" an organization, right after the name
    ("Ana Ruiz at Vexa Corp said the plan was bold.", {("Ana Ruiz", "worksFor", "Vexa Corp")}),
]

NOT = [
    ("Police are probing whether the wife of ex-Vexa Chairman Tom Bale acted improperly.",
     ("Tom Bale", "worksFor", "Vexa")),
    ("Dana Marsh, the then-CEO of Quillon, posed a question.",
     ("Dana Marsh", "worksFor", "Quillon")),
    ("Orvik Rovers owner Jerry Hale led the talks.", ("Jerry Hale", "worksFor", "Orvik Rovers")),
    # a place after "from" is where one comes from, not an employer
    ("Peter Lang, a deputy from Dover, opened the session.",
     ("Peter Lang", "worksFor", "Dover")),
    # a party's initial and a state after a legislator's name are no person of their own
    ("A plan pushed by Sen. Peter Lang Jr., D-Mich., chairman of the Senate Farm Committee, "
     "failed.", ("D-Mich.", "worksFor", "Senate Farm Committee")),
    # a country, a people or a place employs no one
    ("Pierre Lenoir, the president of France, arrived on Monday.",
     ("Pierre Lenoir", "worksFor", "France")),
    ("Soviet leader Ivan Petrov spoke.", ("Ivan Petrov", "worksFor", "Soviet")),
    # a name and a title with no link between them are not one phrase
    ("Corvex hired Peter Lang last year.", ("Peter Lang", "role", "Corvex")),
    # an organization is not a person because a title follows it after a comma
    ("He met Delta Papers, chairman of the trade body, on Monday.",
     ("Delta Papers", "role", "chairman")),
    # a title does not run across the end of a sentence
    ("He met the product leaders. Corvex Systems grew fast.",
     ("Corvex Systems", "role", "product leaders")),
    # a verb after the post is not part of it ("lead" is a post; "leading" is not)
    ("Helen Dorsey, a professor leading the trial, said it was safe.",
     ("Helen Dorsey", "role", "professor leading")),
    ("Ana Ruiz - chief executive of Vexa - said sales rose.",
     ("Ana Ruiz", "worksFor", "Ana Ruiz")),
    # a founder is not said to work for what he founded, nor does a former post stay current
    ("As the founder of the Quillon Harbor Festival, Tomas Brenner was honoured.",
     ("Tomas Brenner", "worksFor", "Quillon Harbor Festival")),
    ("Tomas Brenner, a former banking executive who is now chief executive of Corvex "
     "Systems, said so.", ("Tomas Brenner", "role", "former banking executive")),
    # a title that introduces the name after it is not the name before it
    ("He read it in The Quillon Times, a Corvex researcher named Ana Ruiz wrote.",
     ("Quillon Times", "worksFor", "Corvex")),
    # a country owning a description employs no one; one of a company's founders founded it
    ("Ana Ruiz, one of Norway's best known lawyers, said so.", ("Ana Ruiz", "worksFor", "Norway")),
    ("Ana Ruiz, Norway's best known lawyer, said so.", ("Ana Ruiz", "worksFor", "Norway")),
    ("Ana Ruiz, one of the founders of Corvex Systems, said so.",
     ("Ana Ruiz", "worksFor", "Corvex Systems")),
    # "a" after "as" does not make a name the recogniser called a company a person's
    ("In 2013 she joined Varga as a cofounder of Corvex.", ("Varga", "role", "cofounder")),
    # "co" of "co-owner" is no description
    ("\"It is hard,\" said Brenner, 47, co-owner and president of Brenner Tooling Inc.",
     ("Brenner", "description", "co")),
    # "at" a scene: where the person was
    ("Ana Ruiz at the Vexa hearing said the plan was bold.", ("Ana Ruiz", "worksFor", "Vexa")),
    ("He shot Ana Ruiz at Quillon's Theater in April.", ("Ana Ruiz", "worksFor", "Quillon")),
]


@pytest.mark.parametrize(("text", "expected"), GIVES)
def test_title_and_employer_are_read(extract, text, expected):
    assert expected <= triples(extract(text))


@pytest.mark.parametrize(("text", "wrong"), NOT)
def test_no_employer_where_none_is_written(extract, text, wrong):
    assert wrong not in triples(extract(text))


def test_the_naming_organization_employs_the_person_it_names(extract):
    found = extract("Corvex Systems said it has named Peter Lang chairman.")
    employers = [c for c in found.candidates if c.relation == "worksFor"]
    # "it" takes the subject of its own sentence
    assert [(c.subject.text, c.object.text) for c in employers] == [("Peter Lang",
                                                                     "Corvex Systems")]


def test_organization_possessor_of_a_person_is_the_employer(vocab):
    from kg.resolve.corpus import _typed_relation

    org_person = ("Organization", "Person")
    assert _typed_relation("possessive", org_person, vocab) == ("worksFor", True)
    assert _typed_relation("possessive", org_person[::-1], vocab) == ("worksFor", False)


@pytest.mark.parametrize(("text", "expected"), [
    ("Dana Whitlow, from the Corvex Systems bank, said the deal was good.",
     ("Dana Whitlow", "worksFor", "Corvex Systems")),
    ("Peter Lang of Corvex Systems said the deal was good.",
     ("Peter Lang", "worksFor", "Corvex Systems")),
    ("Peter Lang, vice president in charge of sales at Corvex Systems, said so.",
     ("Peter Lang", "worksFor", "Corvex Systems")),
])
def test_an_organization_set_off_after_a_name_employs(extract, text, expected):
    assert expected in triples(extract(text))


def test_a_place_after_a_name_is_no_employer(extract):
    found = triples(extract("Peter Lang of Springfield said the deal was good."))
    assert not [t for t in found if t[1] == "worksFor"]


@pytest.mark.parametrize(("text", "expected"), [
    # what the post is about, before the role noun
    ("Peter Lang, metals economist with Corvex Systems, said so.",
     {("Peter Lang", "role", "metals economist"), ("Peter Lang", "worksFor", "Corvex Systems")}),
    # an age between commas
    ("Peter Lang, 53, chairman of Corvex Systems, said so.",
     {("Peter Lang", "worksFor", "Corvex Systems")}),
    # the title and its employer before a comma and the name
    ("He was joined by the deputy head of the Corvex Agency, Peter Lang, on Monday.",
     {("Peter Lang", "role", "deputy head"), ("Peter Lang", "worksFor", "Corvex Agency")}),
])
def test_titles_with_modifiers_ages_and_fronted_employers(extract, text, expected):
    assert expected <= triples(extract(text))


def test_a_title_abbreviation_read_as_a_name_is_no_employer(extract):
    found = triples(extract("Sen. Dana Whitlow, R-Utah, flew on the shuttle."))
    assert not [t for t in found if t[1] == "worksFor"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Dana Whitlow, an ecologist at Corvex University, said so.",
     ("Dana Whitlow", "role", "ecologist")),
    ("Sen. Dana Whitlow, R-Utah, chairman of the Corvex Committee, said so.",
     ("Dana Whitlow", "worksFor", "Corvex Committee")),
    ("Dana Whitlow, an official with the Corvex Party, said so.",
     ("Dana Whitlow", "worksFor", "Corvex Party")),
    ("Peter Lang, assistant news director for Corvex Radio, said so.",
     ("Peter Lang", "role", "assistant news director")),
])
def test_professions_asides_and_officials(extract, text, expected):
    assert expected in triples(extract(text))


def test_a_name_ending_in_an_organization_noun_takes_no_title(extract):
    found = triples(extract("Corvex named a president of its General Maps Division."))
    assert not [t for t in found if t[1] == "role"]


def test_the_one_named_replaces_the_one_before(extract):
    found = triples(extract("Corvex said it has named Peter Lang chairman, replacing Dana "
                            "Whitlow, who retires."))
    assert ("Peter Lang", "replace", "Dana Whitlow") in found
    assert not [t for t in found if t[1] == "name"]


def test_resigned_as_keeps_the_post(extract):
    assert ("Peter Lang", "resign as", "company president") in triples(
        extract("Peter Lang resigned as company president."))


def test_an_employer_the_recogniser_cut_in_two_is_one_name(extract):
    found = extract("Peter Lang has been named chairman of Quanta Maps Ltd. Quanta Maps Ltd "
                    "grew. Dana Whitlow has been named chief executive officer of Quanta "
                    "Maps.")
    employers = {c.object.text for c in found.candidates if c.relation == "worksFor"}
    assert "Quanta" not in employers


def test_a_title_that_names_its_office_with_of_is_whole_and_employs_no_one(extract):
    # "State" is the office of "Secretary of State", not an organization the person works for
    found = triples(extract("Secretary of State Dana Quarrie said on Monday that talks would "
                            "resume."))
    assert ("Dana Quarrie", "role", "Secretary of State") in found
    assert not any(rel == "worksFor" for _, rel, _ in found)


def test_a_contributor_credit_line_gives_post_employer_and_city(extract):
    found = triples(extract("Dana Whitlow\n\nChief economist, Corvex Capital Partners – Dover\n\n"
                            "Rates will rise next year, she wrote."))
    assert {("Dana Whitlow", "role", "Chief economist"),
            ("Dana Whitlow", "worksFor", "Corvex Capital Partners"),
            ("Corvex Capital Partners", "locatedIn", "Dover")} <= found


@pytest.mark.parametrize("text", [
    # a headline under a name line: no post before the comma
    "Dana Whitlow\n\nMarkets Rally, Corvex Capital Gains – Dover\n\nShares rose.",
    # a post, but more than a city after the dash
    "Dana Whitlow\n\nChief economist, Corvex Capital – Dover says rates will rise\n\nOk.",
])
def test_lines_that_only_look_like_a_credit_give_no_employer(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] in ("worksFor", "locatedIn")]


@pytest.mark.parametrize(("text", "role", "employer"), [
    ("Tomas Brenner, formerly president of Corvex Systems, joined the board.",
     "former president", "Corvex Systems"),
    ("Tomas Brenner, former group vice president of Corvex Systems, spoke.",
     "former group vice president", "Corvex Systems"),
    ("Former Corvex chief executive Tomas Brenner spoke on Monday.",
     "former chief executive", "Corvex"),
])
def test_a_former_post_is_no_employer_now(extract, text, role, employer):
    found = triples(extract(text))
    assert ("Tomas Brenner", "role", role) in found
    assert ("Tomas Brenner", "worksFor", employer) not in found


def test_a_name_after_of_is_not_the_subject_of_the_verb_after_it(extract):
    found = triples(extract("Lia Varga, formerly head of Corvex Systems, was named president."))
    assert not [t for t in found if t[0] == "Corvex Systems" and t[1] == "role"]


@pytest.mark.parametrize(("text", "expected"), [
    # a name tagged elsewhere in the paragraph, untagged before a title
    ("Vextor Chairman Lia Varga said Vextor and Norda Steel will build the plant.",
     ("Lia Varga", "worksFor", "Vextor")),
    # a title before the name and the employer after it
    ("Patrol Chief Tomas Brenner with the Quillon Police Department said roads were icy.",
     ("Tomas Brenner", "worksFor", "Quillon Police Department")),
    ("Patrol Chief Tomas Brenner with the Quillon Police Department said roads were icy.",
     ("Tomas Brenner", "role", "Patrol Chief")),
    ("But analyst Tomas Brenner of Corvex Securities Inc said sales will weaken.",
     ("Tomas Brenner", "worksFor", "Corvex Securities Inc")),
])
def test_employers_around_a_title_before_the_name(extract, text, expected):
    assert expected in triples(extract(text))


@pytest.mark.parametrize("text", [
    # a capitalised common noun of the title
    "Committee Chairman Tomas Brenner said the bill would pass.",
])
def test_capitalised_words_before_a_title_are_no_employer_by_themselves(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "worksFor"]


def test_a_place_and_the_first_word_of_a_title_are_no_employer(extract):
    # "Macau Financial" read as a firm: the place and the first word of "Financial Secretary"
    found = triples(extract("Macau Financial Secretary Tomas Brenner said prices would fall."))
    assert not [t for t in found if t[1] == "worksFor"]
    # a body named by a noun before the title employs
    found = triples(extract("U.S. Treasury Secretary Tomas Brenner said prices would fall."))
    assert ("Tomas Brenner", "worksFor", "U.S. Treasury") in found
    # a firm's name that ends in such a word, before a title of its own, still employs
    found = triples(extract("Orbis Financial chief executive Tomas Brenner said prices fell."))
    assert ("Tomas Brenner", "worksFor", "Orbis Financial") in found


@pytest.mark.parametrize(("text", "role", "place"), [
    ("\"Sales are slowing,\" said Dana Whitlow, Quillon Insight chief U.S. regional "
     "economist, who is based in Denver.", "chief U.S. regional economist", "U.S."),
    ("Dana Whitlow, chief Asia strategist at Quillon, said prices fell.",
     "chief Asia strategist", "Asia"),
])
def test_a_place_inside_a_title_is_what_the_post_covers(extract, text, role, place):
    found = triples(extract(text))
    assert ("Dana Whitlow", "role", role) in found
    assert ("Dana Whitlow", "role", "chief") not in found
    assert ("Dana Whitlow", "livesIn", place) not in found


@pytest.mark.parametrize(("text", "expected"), [
    # a post only a company has, bare before the name: the one organization its sentence names
    ("Vexa Bank earned $4.9 billion in the quarter, the company said, capping what CEO Dana "
     "Whitlow called a record year.", ("Dana Whitlow", "worksFor", "Vexa Bank")),
    # "its" after the one organization of the sentence
    ("The figure would be lower, according to Quillon Federal Bank research cited by its "
     "president, Tomas Brenner.", ("Tomas Brenner", "worksFor", "Quillon Federal Bank")),
])
def test_the_organization_of_the_sentence_employs_a_bare_post(extract, text, expected):
    assert expected in triples(extract(text))


@pytest.mark.parametrize(("text", "wrong"), [
    # two organizations: which one's chief executive is not said
    ("Vexa will buy Quillon Corp, and CEO Dana Whitlow said the deal was good.",
     "Quillon Corp"),
    ("Lawyers for ousted CEO Dana Whitlow of Vexa Bank met on Monday.", "Vexa Bank"),
])
def test_no_organization_where_the_sentence_does_not_say(extract, text, wrong):
    assert ("Dana Whitlow", "worksFor", wrong) not in triples(extract(text))


def test_the_source_of_a_quote_does_not_employ_a_post_in_it(extract):
    found = triples(extract('Vexa News stated, "The plan is part of CEO Dana Whitlow\'s effort '
                            'to grow."'))
    assert ("Dana Whitlow", "worksFor", "Vexa News") not in found


@pytest.mark.parametrize(("text", "expected"), [
    # the post after an aside on the name is the one the namer gives
    ("Corvex Systems said it named Dana Whitlow, formerly president of Quillon Mills, vice "
     "chairman.", {("Dana Whitlow", "role", "vice chairman"),
                   ("Dana Whitlow", "worksFor", "Corvex Systems"),
                   ("Dana Whitlow", "role", "former president")}),
    ("Corvex Systems said it has named Dana Whitlow, a former Quillon Mills executive, as "
     "chief financial officer.", {("Dana Whitlow", "worksFor", "Corvex Systems")}),
    # the organization that announces an appointment makes it
    ("Corvex Systems said Tomas Brenner, former group vice president of Quillon Mills, has "
     "been named president and chief operating officer.",
     {("Tomas Brenner", "worksFor", "Corvex Systems"),
      ("Tomas Brenner", "role", "chief operating officer")}),
])
def test_appointments_past_a_former_post(extract, text, expected):
    found = triples(extract(text))
    assert expected <= found
    assert not [t for t in found if t[1] == "worksFor" and t[2] == "Quillon Mills"]


def test_a_person_who_announces_an_appointment_employs_no_one(extract):
    found = triples(extract("Dana Whitlow said Tomas Brenner has been named president."))
    assert not [t for t in found if t[1] == "worksFor"]


def test_a_post_right_before_the_next_name_is_that_persons(extract):
    """In a list of people each with a post before the name, the organization and title after
    one name open the next person's post: "Tom Baker, Federal Bank chairman Paul Voss"."""
    found = extract("Funaro will meet Treasury Secretary Tom Baker, Federal Bank chairman "
                    "Paul Voss and fund director Michel Camus.")
    facts = {(c.subject.text, c.relation, c.object.text) for c in found.candidates}
    assert ("Paul Voss", "worksFor", "Federal Bank") in facts
    assert not {f for f in facts if f[0] == "Tom Baker" and f[1] == "worksFor"}
    alone = extract("Tom Baker, Federal Bank chairman, said rates would rise.")
    assert ("Tom Baker", "worksFor", "Federal Bank") in {
        (c.subject.text, c.relation, c.object.text) for c in alone.candidates}


@pytest.mark.parametrize(("text", "wrong"), [
    # a possessor is no post: Jo Dunn is a pick, not a captain
    ("Captain Ray Sutter named Al Borra and Jo Dunn as his captain's picks.",
     ("Jo Dunn", "role", "captain")),
    # "state-owned" describes the bank: the title is "chief manager", not "... of the state"
    ("Ravi Kantor, chief manager of the state-owned Vexa Bank, said rates may rise.",
     ("Ravi Kantor", "role", "chief manager of the state")),
])
def test_what_is_no_part_of_a_title(extract, text, wrong):
    assert wrong not in triples(extract(text))


def test_a_title_before_a_hyphened_modifier_ends_on_its_noun(extract):
    found = triples(extract("Ravi Kantor, chief manager of the state-owned Vexa Bank, said "
                            "rates may rise."))
    assert ("Ravi Kantor", "role", "chief manager") in found


@pytest.mark.parametrize(("text", "wrong"), [
    # "from" on the verb says where one came from, not who employs one
    ("The Tarn Rovers have acquired pitcher Jo Parkman from the Dover Hawks in exchange for "
     "two players.", ("Jo Parkman", "worksFor", "Dover Hawks")),
])
def test_a_source_of_the_verb_is_no_employer(extract, text, wrong):
    assert wrong not in triples(extract(text))


def test_an_organization_set_off_with_from_employs(extract):
    found = triples(extract("Jo Parkman, from Vexacorp, said the deal was good."))
    assert ("Jo Parkman", "worksFor", "Vexacorp") in found


@pytest.mark.parametrize(("text", "role"), [
    # what the writer thinks of the holder, or how the holder looks, is no part of the post
    ("Rolmex's highly respected founder, Ken Oshby, left a year ago.", "founder"),
    ("Jo Parkman, a respected economist at Vexacorp, said rates would rise.", "economist"),
    ("Jo Parkman, the newly appointed chief executive of Vexacorp, said sales rose.",
     "chief executive"),
])
def test_a_judging_adjective_is_no_part_of_a_title(extract, text, role):
    found = {(s, r, o) for s, r, o in triples(extract(text)) if r == "role"}
    assert {o for _, _, o in found} == {role}


def test_a_lower_case_word_the_tagger_calls_a_name_is_part_of_the_title(extract):
    found = triples(extract("The rains stopped the search this morning,\" air force rescue "
                            "coordinator Budi Santoso told reporters."))
    assert ("Budi Santoso", "role", "air force rescue coordinator") in found


def test_a_firm_whose_name_ends_like_a_firm_s_takes_no_title(extract):
    found = triples(extract("Drug benefit manager Vexa Health Solutions found that sales fell."))
    assert not [f for f in found if f[0] == "Vexa Health Solutions" and f[1] == "role"]


def test_a_post_one_formerly_was_is_no_current_post(extract):
    found = triples(extract("Aniskov, who fills a vacancy at the units, formerly was executive "
                            "vice president of Tarvex Life."))
    assert not [f for f in found if f[0] == "Aniskov" and f[1] in ("role", "worksFor")
                and "former" not in f[2]]


def test_a_player_acquired_from_a_team_no_longer_works_for_it(extract):
    found = triples(extract("The Dover Hawks have acquired standout righthander Tom Quill from "
                            "the Tarrow Athletics in exchange for outfielder Ray Munn. Jo Park, "
                            "from Vexa Corp, said sales rose."))
    assert not [t for t in found if t[0] == "Tom Quill" and t[1] == "worksFor"]
    assert ("Jo Park", "worksFor", "Vexa Corp") in found


def test_a_post_held_until_a_time_is_a_former_one(extract):
    found = triples(extract("Tom Quill, who was finance secretary until the summer, spoke. "
                            "Ana Ruiz, who was chief executive of Vexa until 2019, spoke. "
                            "Li Wu, who is treasurer of Orbis, spoke."))
    assert ("Tom Quill", "role", "former finance secretary") in found
    assert ("Ana Ruiz", "role", "former chief executive") in found
    assert not [t for t in found if t[0] == "Ana Ruiz" and t[1] == "worksFor"]
    assert ("Li Wu", "worksFor", "Orbis") in found


def test_the_post_after_succeed_as_is_not_the_predecessors(extract):
    found = triples(extract("The report hurt the nomination of Ray Gates to succeed Tom Quill "
                            "as the new head of the Vexland Intelligence Agency. Orbis hired "
                            "Li Wu, who is chairman of Vexa Corp."))
    assert not [t for t in found if t[0] == "Tom Quill" and t[1] in ("role", "worksFor")]
    assert ("Li Wu", "worksFor", "Vexa Corp.") in found


def test_a_place_naming_a_family_is_no_employer(extract):
    found = triples(extract("The heroine is Cady Marsh, a member of an upper-crust New England "
                            "family that spends summers on an island. Ana Ruiz, mayor of "
                            "Dover, spoke."))
    assert not [t for t in found if t[0] == "Cady Marsh" and t[1] == "worksFor"]
    assert ("Ana Ruiz", "livesIn", "Dover") in found


def test_joining_a_person_is_no_employment(extract):
    found = triples(extract("Queen Ana of Tarrow joined her great-grandson Prince Tomas at his "
                            "party on Tuesday. Li Wu joined Vexa Corp in 2010. Ana Ruiz "
                            "joined Tom Quill and Ray Munn as a cofounder of Orbis."))
    assert not [t for t in found if t[0] == "Queen Ana" and t[1] == "worksFor"]
    assert not [t for t in found if t[0] in ("Tom Quill", "Ray Munn") and t[1] != "coordinated"]
    assert ("Li Wu", "worksFor", "Vexa Corp") in found


def test_a_firm_the_recogniser_calls_a_person_can_be_founded(extract):
    found = triples(extract("Kim had already started a small company, Marlo Biosciences, but "
                            "in 2013 she joined Ray and Quill as a cofounder of Vexa."))
    assert ("Kim", "founderOf", "Marlo Biosciences") in found


def test_a_countrys_boss_runs_its_team_and_works_for_no_country(extract):
    found = triples(extract("Tarvel Rovers installed Wales boss Jo Park as their new manager. "
                            "Vexair boss Tom Reed has just tweeted his thanks."))
    assert ("Tom Reed", "worksFor", "Vexair") in found
    assert not [t for t in found if t[0] == "Jo Park" and t[1] in ("worksFor", "livesIn")]
@pytest.mark.parametrize(("text", "role"), [
    # a capitalised word of no name that the parse hangs on the title is its first word
    ("Air Vice Marshal Tom Hale led the search from a base on the coast.", "Air Vice Marshal"),
    ("On Monday, Rear Admiral Jo Parkman said the ship sank.", "Rear Admiral"),
])
def test_a_rank_keeps_its_first_word(extract, text, role):
    roles = {o for _, r, o in triples(extract(text)) if r == "role"}
    assert role in roles
    assert role.split(" ", 1)[1] not in roles


def test_a_noun_for_a_kind_opening_a_sentence_is_no_part_of_the_title(extract):
    found = triples(extract("Company chairman Jo Parkman opened the new plant on Monday."))
    assert ("Jo Parkman", "role", "chairman") in found


def test_a_post_in_the_past_perfect_is_a_former_one(extract):
    found = triples(extract("Jo Parkman had been chief executive of Vexa for ten years when "
                            "he quit."))
    assert ("Jo Parkman", "role", "former chief executive") in found
    assert ("Jo Parkman", "role", "chief executive") not in found
    assert not [t for t in found if t[1] == "worksFor"]


def test_a_post_in_the_present_perfect_is_held_still(extract):
    found = triples(extract("Jo Parkman has been president of Vexa since 2001."))
    assert {("Jo Parkman", "role", "president"), ("Jo Parkman", "worksFor", "Vexa")} <= found


def test_a_nationality_before_a_title_is_no_employer(extract):
    found = triples(extract("Kuwaiti Oil Minister Sheikh Ali al-Vexa said output would fall."))
    assert ("Sheikh Ali al-Vexa", "role", "Oil Minister") in found
    assert not [t for t in found if t[1] == "worksFor"]


@pytest.mark.parametrize(("text", "role"), [
    ("New coach Jo Parkman gets his first win.", "coach"),
    ("White supremacist Tom Hale is detained.", "supremacist"),
])
def test_an_adjective_capitalised_by_its_sentence_opens_no_rank(extract, text, role):
    roles = {o for _, r, o in triples(extract(text)) if r == "role"}
    assert roles == {role}


def test_a_department_word_before_a_title_is_part_of_it(extract):
    found = triples(extract("Ken Orr told an aide to Agriculture Secretary Tom Reddle about the "
                            "plan."))
    assert ("Tom Reddle", "role", "Agriculture Secretary") in found
    assert not [t for t in found if t[1] == "worksFor"]


@pytest.mark.parametrize("text", [
    "Tensions rose after Vexa's chairman and chief executive Tom Hale resigned last spring.",
    "Vexa's chairman Tom Hale has stepped down.",
    # the subject of leaving with another, the object of removing
    "Vexa said chairman Tom Hale and two directors resigned last week.",
    "Two days after Vexa sacked chairman Tom Hale, the shares rose.",
    "Vexa's chairman Tom Hale was ousted on Friday.",
])
def test_a_post_named_before_someone_who_left_it_is_a_former_one(extract, text):
    found = triples(extract(text))
    assert ("Tom Hale", "role", "former chairman") in found
    assert ("Tom Hale", "role", "chairman") not in found
    assert not [t for t in found if t[1] == "worksFor"]


@pytest.mark.parametrize("text", [
    "Vexa's chief executive Tom Hale will resign next month.",
    "Vexa will fire chief executive Tom Hale next month.",
    "Shareholders tried to oust chief executive Tom Hale on Friday.",
    "Vexa's chief executive Tom Hale fired two managers on Monday.",
])
def test_a_post_of_someone_who_will_leave_it_is_held_still(extract, text):
    assert ("Tom Hale", "role", "chief executive") in triples(extract(text))


@pytest.mark.parametrize(("text", "person", "title"), [
    ("Thai Industry Minister Dana Marsh opened talks with the lenders in Tolvik on Monday.",
     "Dana Marsh", "Industry Minister"),
    ("Philippine Finance Secretary Jo Park said on Monday the talks would resume.", "Jo Park",
     "Finance Secretary"),
])
def test_title_words_the_recogniser_read_into_a_name_after_a_nationality_open_the_title(
        extract, text, person, title):
    found = triples(extract(text))
    assert (person, "role", title) in found
    assert not [t for t in found if t[0].endswith((" Industry", " Finance"))
                or t[2].endswith((" Industry", " Finance"))]


@pytest.mark.parametrize("text", [
    "Tom Quill, who was chairman of Orbis from 1950 to 1961, built the firm.",
    "Tom Quill was president of Orbis between 1971 and 1980.",
    "Hundreds gathered at the funeral of Orbis chairman Tom Quill.",
    "Fans stood silent to honour the life and achievements of Orbis coach Tom Quill.",
    "The late Tom Quill, chairman of Orbis, built the firm.",
    "Tom Quill, chairman of Orbis, died on Monday.",
    "Orbis chairman Tom Quill passed away on Monday.",
    "The prize honours Tom Quill, a chairman of Orbis who died in 1931.",
])
def test_a_post_of_one_the_story_places_in_the_past_is_a_former_one(extract, text):
    # over years gone, or of one now dead: held, not held now, and no employer today
    found = triples(extract(text))
    roles = [t[2] for t in found if t[0] == "Tom Quill" and t[1] == "role"]
    assert roles and all(r.startswith("former") for r in roles)
    assert not [t for t in found if t[0] == "Tom Quill" and t[1] == "worksFor"]


@pytest.mark.parametrize("text", [
    "Tom Quill, who was named chairman of Orbis in 1950, spoke.",
    "Critics said the attempt on the life of Orbis chairman Tom Quill failed.",
    "Orbis chairman Tom Quill said on Monday his father died in 1990.",
])
def test_a_post_held_now_stays_current(extract, text):
    assert ("Tom Quill", "worksFor", "Orbis") in triples(extract(text))


def test_a_title_word_before_a_common_noun_names_no_one(extract):
    # "General Purpose": a kind of bomb, not a general named Purpose; a surname that is also
    # a noun ("Stone") or an unknown word ("Vexa") stays a name
    found = triples(extract("The jets carry a variety of General Purpose as well as Laser "
                            "Guided Bombs."))
    assert not [t for t in found if t[1] == "role"]
    assert ("Vexa", "role", "General") in triples(extract("General Vexa said the troops "
                                                          "would march."))
    assert ("Stone", "role", "Colonel") in triples(extract("Colonel Stone said the troops "
                                                           "would march."))


def test_a_sentences_conjunction_opens_no_title(extract):
    # "But the head of ...": the conjunction joins the sentence to the last, not the post
    found = triples(extract("But the head of the socialist ORVA union federation, Tom Quill, "
                            "meeting with Park today, renewed union demands already rejected "
                            "by the state."))
    assert ("Tom Quill", "role", "head of socialist ORVA union federation") in found


@pytest.mark.parametrize("text", [
    "Records show that Tomas Brenner is the first mayor since 1950 to cut taxes.",
    "According to the count, Tomas Brenner is the first president since Ana Ruiz to preside "
    "over a loss of jobs.",
    "Dana Whitlow is the youngest governor ever elected in Quillon.",
    "Last year Dana Whitlow became the first woman architect nominated for the Vexa Prize.",
])
def test_a_rank_with_since_ever_or_an_infinitive_is_a_record_not_a_post(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "role"]


def test_a_ranked_post_with_its_employer_is_a_post(extract):
    found = triples(extract("Tomas Brenner is the first vice president of Vexa Corp."))
    assert ("Tomas Brenner", "role", "first vice president") in found


@pytest.mark.parametrize(("text", "role"), [
    ("Other members include Ana Lode, chairman emeritus of Vexa Holdings, and Tom Quill.",
     "chairman emeritus"),
    ("Jo Varga, a professor emeritus at Quillon University, said the data were old.",
     "professor emeritus"),
])
def test_an_emeritus_title_is_kept_whole_with_no_employer(extract, text, role):
    found = triples(extract(text))
    name = text.split(",")[0].removeprefix("Other members include ")
    assert (name, "role", role) in found
    assert not [t for t in found if t[1] == "role" and t[2] in ("chairman", "professor")]
    assert not [t for t in found if t[1] == "worksFor"]


@pytest.mark.parametrize("text", [
    "Ana Lode was already a well-known club owner when, in the 1960s, she founded the "
    "Quillon Folk Festival.",
    "Ana Lode was a club owner in 1961.",
    "Ana Lode was a respected club owner in 1961.",
    "Ana Lode was chairman of Vexa Holdings when the firm listed its shares.",
])
def test_a_post_a_past_copula_dates_is_no_current_role(extract, text):
    found = triples(extract(text))
    assert not [t for t in found if t[1] == "role" and t[0] == "Ana Lode"]
    assert not [t for t in found if t[1] == "worksFor"]


def test_a_post_held_until_a_date_is_still_a_former_one(extract):
    found = triples(extract("Ana Lode, who was chairman of Vexa Holdings until 2001, spoke."))
    assert ("Ana Lode", "role", "former chairman") in found


def test_a_post_in_a_present_copula_stays(extract):
    assert ("Ana Lode", "role", "club owner") in triples(extract("Ana Lode is a club owner in "
                                                                   "Dover."))


def test_a_post_a_past_copula_dates_still_says_a_person(extract):
    found = extract("Ana Lode was already a well-known club owner when, in the 1960s, she "
                    "founded the Quillon Folk Festival.")
    assert any(h.mention.text == "Ana Lode" and h.label == "Person" for h in found.hints)


@pytest.mark.parametrize("text", [
    "Premiership leaders Vexham sacked striker Ana Quell on Friday.",
    "Premiership leaders Chelmsbury sacked their striker on Friday.",
    # a league's or group's leader named by a letter is a place in its table
    "Group B leader Vexham drew with Ostby Rovers on Sunday.",
    "Serie A leader Chelmsbury threw away an early lead and drew 1-1 with Ostby Rovers.",
])
def test_a_plural_before_one_name_is_no_post(extract, text):
    found = extract(text)
    assert not [c for c in found.candidates if c.relation == "role" and
                c.object.text.lower().endswith(("leaders", "holders"))]
    assert not [h for h in found.hints if h.reason.startswith("title:")]


def test_a_plural_title_before_a_list_of_names_is_each_ones(extract):
    found = extract("Vexa directors Jane Smith and Tom Brown approved the plan.")
    assert ("Jane Smith", "role") in {(c.subject.text, c.relation) for c in found.candidates}


@pytest.mark.parametrize(("text", "person", "role"), [
    # a list breaks the title: its first item ends it, nothing is glued over the commas
    ("Ana Ruiz—the much criticised Ruritanian producer behind Blue Orbit, Red Moon Vs. Sun, "
     "and The Green Hour—has a real talent for crowds.", "Ana Ruiz",
     "Ruritanian producer behind Blue Orbit"),
    ("Union leaders—Tomas Brennan, Al Moss, and Jo Park—and over a dozen members, led by Ana "
     "Ruiz, took turns addressing the board.", "Tomas Brennan", "Union leaders"),
])
def test_a_title_stops_where_a_list_breaks_it(extract, text, person, role):
    roles = [t[2] for t in triples(extract(text)) if t[0] == person and t[1] == "role"]
    assert roles == [role]


def test_a_noun_after_a_name_ending_an_opening_phrase_is_no_title(extract):
    found = triples(extract("At Tom Brenner, managers want a new focus on the shop's oldest "
                            "customers."))
    assert not [t for t in found if t[1] == "role"]


def test_a_title_set_beside_a_name_in_an_opening_phrase_is_its_title(extract):
    found = triples(extract("In a letter to Jo Park, the Vexa chairman, the fund asked for a "
                            "meeting."))
    assert {("Jo Park", "role", "chairman"), ("Jo Park", "worksFor", "Vexa")} <= found


def test_a_title_linked_by_another_ones_verb_is_not_the_names(extract):
    found = triples(extract("The report said Lode, a plant geneticist at the University of "
                            "California, Oakton, was a cofounder of Vexa."))
    assert not [t for t in found if t[0] == "Oakton"]
    assert ("Lode", "founderOf", "Vexa") in found
    for text, role in (
            ("The chief of Ruritania's left-leaning Farmers Union, Jo Varga, is made trade "
             "minister.", "trade minister"),
            ("The head of Ruritania's far-right Liberty Alliance, Jo Varga, is appointed "
             "interior minister.", "interior minister")):
        # a person set beside the subject noun keeps the title its verb gives
        assert [t[2] for t in triples(extract(text)) if t[1] == "role"] == [role]


@pytest.mark.parametrize(("text", "role"), [
    ("Vexa stock slid after the abrupt exit of Tom Hale, chief financial officer.",
     "former chief financial officer"),
    ("Vexa shares fell after the resignation of chairman Tom Hale.", "former chairman"),
    ("Unions called for the resignation of chairman Tom Hale.", "chairman"),
    ("The board met after the arrival of Tom Hale, chairman of Orbis.", "chairman"),
    # a leaving that is a verb's subject is done, whatever the verb
    ("Analysts say the sudden departure of Vexa vice chairman Tom Hale will not hurt sales.",
     "former vice chairman"),
])
def test_a_post_after_a_noun_of_leaving_it_is_a_former_one(extract, text, role):
    assert [t[2] for t in triples(extract(text)) if t[1] == "role"] == [role]


@pytest.mark.parametrize("text", [
    "Investors sold shares of online broker Vexa Holdings Corp. on Monday.",
    "The deal makes discount broker Vexa Holdings Corp. the largest in the market.",
])
def test_a_firms_trade_before_its_name_is_no_post(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "role"]
    found = triples(extract("Insurance broker Jo Park said on Monday prices would rise."))
    assert ("Jo Park", "role", "Insurance broker") in found


def test_a_named_remit_before_at_is_no_employer(extract):
    """"Director of Rare Metals at the Trade Ministry": he directs the field for the
    ministry, which employs him."""
    found = triples(extract("Tom Reed, Director of International Commodities at the State "
                            "Department, said prices would fall."))
    assert ("Tom Reed", "worksFor", "State Department") in found
    assert ("Tom Reed", "worksFor", "International Commodities") not in found
    found = triples(extract("Tom Reed, chairman of Vexa Corp at the time, said prices would "
                            "fall."))
    assert ("Tom Reed", "worksFor", "Vexa Corp") in found


@pytest.mark.parametrize("text", [
    "Ana Vell, the overnight leader, was forced out of the race with an oil leak.",
    "Overnight leader Ana Vell was forced out of the race.",
    "Points leader Ana Vell crashed on the first lap.",
])
def test_a_leader_of_a_race_or_a_table_holds_no_post(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "role"]
    found = triples(extract("Opposition leader Ana Vell said she would vote no."))
    assert ("Ana Vell", "role", "Opposition leader") in found


def test_a_brokers_post_before_a_persons_name_stays(extract):
    found = triples(extract("But Bombay broker Rajesh Kothwal said the selling of shares will "
                            "slow."))
    assert ("Rajesh Kothwal", "role", "broker") in found
