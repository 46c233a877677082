"""Coreference that abstains: pronouns, descriptions and bare titles resolve to a story's entity
only when one clearly fits; when two do, to neither."""

from kg.extract.mentions import MentionIndex
from kg.model import (
    Candidate,
    Document,
    Evidence,
    Extraction,
    Mention,
    MentionKind,
    TypeHint,
)
from kg.resolve import resolve
from tests.conftest import m


def cand(s, rel, o, start):
    """A fact read from the sentence that starts at ``start``."""
    return Candidate(s, rel, o, Evidence("d", start, start + 20, "a sentence", "verb", 0.9))


def facts(ext, vocab):
    graph = resolve([(Document("a", "a.txt", ""), ext)], vocab).documents[0]
    return [(s.subject.replace("_", " "), s.predicate, s.object.replace("_", " "))
            for s in graph.statements]


ROADRUNNER = "Roadrunner"


def released_by(it, start, vocab, *names, others=()):
    """The facts of a story whose names are ``names``, the sentences ``others`` and, in the
    sentence at ``start``, "IT released Roadrunner"."""
    product = m(ROADRUNNER, start + 20, "Product")
    ext = Extraction("a", 3, (*names, product), (*others, cand(it, "released", product, start)))
    return [f for f in facts(ext, vocab) if f[1] == "released"]


def test_two_companies_just_named_then_it_gives_no_fact(vocab):
    # "Vexa and Quanta signed a pact. It released Roadrunner."
    vexa, quanta = m("Vexa", 0), m("Quanta", 9)
    it = m("It", 31, "", MentionKind.PRONOUN)
    assert released_by(it, 31, vocab, vexa, quanta,
                       others=(cand(vexa, "partnerOf", quanta, 0),)) == []


def test_one_company_in_the_sentence_before_takes_it(vocab):
    # "Vexa bought Quanta. Vexa said sales rose. It released Roadrunner."
    vexa, quanta, again = m("Vexa", 0), m("Quanta", 12), m("Vexa", 20)
    sales = m("sales", 30, "", MentionKind.CONCEPT)
    it = m("It", 45, "", MentionKind.PRONOUN)
    assert released_by(it, 45, vocab, vexa, quanta, again, others=(
        cand(vexa, "acquired", quanta, 0), cand(again, "say", sales, 20))) == [
        ("Vexa", "released", ROADRUNNER)]


def test_a_pronoun_takes_the_person_its_sentence_starts_with(vocab):
    # "Ana Ruiz met Jo Park and Jo Park's aide. Ms. Ruiz said she released Roadrunner."
    ruiz, park, park2 = m("Ana Ruiz", 0, "Person"), m("Jo Park", 13, "Person"), \
        m("Jo Park", 25, "Person")
    again = m("Ruiz", 44, "Person")
    she = m("she", 54, "Person", MentionKind.PRONOUN)
    assert released_by(she, 40, vocab, ruiz, park, park2, again,
                       others=(cand(ruiz, "meet", park, 0),)) == [
        ("Ana Ruiz", "released", ROADRUNNER)]


def test_a_description_takes_the_name_that_holds_its_head_noun(vocab):
    # "Nordic Bank lent to Vexa Foods. The bank released Roadrunner."
    bank, foods = m("Nordic Bank", 0), m("Vexa Foods", 20)
    the_bank = m("bank", 44, "Organization", MentionKind.DESCRIPTION)
    assert released_by(the_bank, 40, vocab, bank, foods,
                       others=(cand(bank, "lend to", foods, 0),)) == [
        ("Nordic Bank", "released", ROADRUNNER)]


def test_a_description_takes_the_entity_the_story_described_so(vocab):
    # "Vexa, the chip maker, sued Quanta. The maker released Roadrunner."
    vexa, quanta = m("Vexa", 0), m("Quanta", 27)
    maker = m("maker", 39, "Organization", MentionKind.DESCRIPTION)
    product = m(ROADRUNNER, 55, "Product")
    ext = Extraction("a", 2, (vexa, quanta, product), (
        cand(vexa, "sue", quanta, 0), cand(maker, "released", product, 35)),
        hints=(TypeHint(vexa, "Organization", 1.5, "apposition: maker", "maker"),))
    assert [f for f in facts(ext, vocab) if f[1] == "released"] == [
        ("Vexa", "released", ROADRUNNER)]


def test_a_description_far_from_any_name_needs_a_story_about_one_thing(vocab):
    # "Vexa ... Quanta ... Vexa ... Quanta. <a paragraph>. The company released Roadrunner."
    names = (m("Vexa", 0), m("Quanta", 20), m("Vexa", 40), m("Quanta", 60))
    company = m("company", 704, "Organization", MentionKind.DESCRIPTION)
    others = (cand(names[0], "partnerOf", names[1], 0),
              cand(m("tax", 600, "", MentionKind.CONCEPT), "rise", m("rate", 610, "",
                                                                    MentionKind.CONCEPT), 600))
    assert released_by(company, 700, vocab, *names, others=others) == []
    more = (*names, m("Vexa", 80), m("Vexa", 100), m("Vexa", 120), m("Vexa", 140))
    assert released_by(company, 700, vocab, *more, others=others) == [
        ("Vexa", "released", ROADRUNNER)]


def test_it_far_from_any_name_is_no_focus_of_the_story(vocab):
    # "Vexa ... Quanta ... Vexa ... Vexa. <a paragraph>. It released Roadrunner.": "it" with
    # no name in its sentence or the one before is mostly a thing the story did not name
    names = (m("Vexa", 0), m("Quanta", 20), m("Vexa", 40), m("Vexa", 60))
    it = m("It", 700, "", MentionKind.PRONOUN)
    others = (cand(names[0], "partnerOf", names[1], 0),
              cand(m("tax", 600, "", MentionKind.CONCEPT), "rise", m("rate", 610, "",
                                                                    MentionKind.CONCEPT), 600))
    assert released_by(it, 700, vocab, *names, others=others) == []


def test_he_far_from_any_name_takes_a_person_named_three_times(vocab):
    # "Tom Park ... Ana Ruiz ... Park. <a paragraph>. He released Roadrunner."
    names = (m("Tom Park", 0, "Person"), m("Ana Ruiz", 20, "Person"), m("Park", 40, "Person"))
    he = m("He", 700, "Person", MentionKind.PRONOUN)
    others = (cand(names[0], "meet", names[1], 0),
              cand(m("tax", 600, "", MentionKind.CONCEPT), "rise", m("rate", 610, "",
                                                                    MentionKind.CONCEPT), 600))
    assert released_by(he, 700, vocab, *names, others=others) == []
    assert released_by(he, 700, vocab, *names, m("Park", 60, "Person"), others=others) == [
        ("Tom Park", "released", ROADRUNNER)]


def test_the_court_is_no_company_named_just_before(vocab):
    # "Vexa sued a rival. The court released Roadrunner.": a body the story did not name
    vexa = m("Vexa", 0)
    court = m("court", 24, "Organization", MentionKind.DESCRIPTION)
    assert released_by(court, 20, vocab, vexa, others=(
        cand(vexa, "sue", m("rival", 10, "", MentionKind.CONCEPT), 0),)) == []
    # but "Vexa sued the Trade Court. The court released ...": the name holds the noun
    trade_court = m("Trade Court", 10)
    assert released_by(court, 20, vocab, vexa, trade_court,
                       others=(cand(vexa, "sue", trade_court, 0),)) == [
        ("Trade Court", "released", ROADRUNNER)]


def test_a_pronoun_placed_after_a_person_does_not_reach_back_past_them(vocab):
    # "Vexa grew. Jo Park said it released Roadrunner": the extractor read "it" as the
    # subject Jo Park, a person, so it is not Vexa
    vexa, park = m("Vexa", 0), m("Jo Park", 11, "Person")
    it = Mention("it", park.end, park.end, "", MentionKind.PRONOUN)
    assert released_by(it, 11, vocab, vexa, park, others=(
        cand(vexa, "grow", m("fast", 5, "", MentionKind.CONCEPT), 0),)) == []


def named_employer(vocab, *names):
    """"... Jo Park was named president": the employer is the organization in focus."""
    park = m("Jo Park", 100, "Person")
    employer = Mention("", park.start, park.start, "Organization", MentionKind.PRONOUN)
    ext = Extraction("a", 3, (*names, park), (
        cand(names[0], "partnerOf", names[1], 0),
        cand(names[-1], "say", m("sales", 75, "", MentionKind.CONCEPT), 50),
        cand(park, "worksFor", employer, 100)))
    return [f for f in facts(ext, vocab) if f[1] == "worksFor"]


def test_a_bare_title_takes_the_organization_in_focus(vocab):
    # "Vexa bought Quanta. Vexa said ... Jo Park was named president."
    assert named_employer(vocab, m("Vexa", 0), m("Quanta", 12), m("Vexa", 50)) == [
        ("Jo Park", "worksFor", "Vexa")]


def test_a_bare_title_with_two_organizations_in_focus_has_no_employer(vocab):
    # "Vexa bought Quanta. Vexa and Quanta said ... Jo Park was named president."
    assert named_employer(vocab, m("Vexa", 0), m("Quanta", 12), m("Vexa", 50),
                          m("Quanta", 59)) == []


def test_a_rival_of_the_story_is_not_itself(vocab):
    # a story about Quanta's bid for Vexa: "rival Quanta" competes with Vexa, although the
    # story names Quanta more often
    names = [m("Quanta", 0), m("Vexa", 10), m("Quanta", 30), m("Vexa", 40), m("Quanta", 60)]
    rival = Mention("rival", 80, 85, "Organization", MentionKind.FOCUS)
    ext = Extraction("a", 2, tuple(names),
                     (cand(m("Quanta", 86), "competitorOf", rival, 80),))
    assert facts(ext, vocab) == [("Quanta", "competitorOf", "Vexa")]


def test_the_combined_firm_is_neither_of_the_two(vocab, extract):
    found = extract("Vexa Corp agreed to merge with Quanta Corp last week. "
                    "The combined firm bought Delta Mills in May.")
    assert not [c for c in found.candidates if c.object.text == "Delta Mills" and
                c.subject.kind == MentionKind.DESCRIPTION]


def pronoun(nlp, vocab, text):
    doc = nlp(text)
    index = MentionIndex(doc, vocab, 0)
    return index.argument(next(t for t in index.doc if t.lower_ == "it"))


def test_an_it_that_stands_for_a_clause_refers_to_nothing(nlp, vocab):
    assert pronoun(nlp, vocab, "Orbis Corp grew. It is possible to buy Quanta Corp.") is None
    assert pronoun(nlp, vocab, "Orbis Corp grew. It is unclear whether Vexa will bid.") is None
    # but "it is able to buy": the buyer
    assert pronoun(nlp, vocab, "Orbis Corp grew. It is able to buy Quanta Corp.") is not None


def test_it_after_an_unnamed_subject_is_that_thing(nlp, vocab, extract):
    # "The sale closed in May. It ...": the sale, which has no name
    found = extract("Orbis Corp sold its plant to Delta Mills. The sale closed in May. "
                    "It bought Quanta Corp in June.")
    assert not [c for c in found.candidates if c.relation == "acquired"]
    # the subject before it names the thing: "it" is left to resolution
    assert pronoun(nlp, vocab, "Orbis Corp's profit rose. It bought Quanta Corp.") is not None


def test_he_after_an_unnamed_person_subject_is_that_person(extract):
    # "A spokesman ... said he": the spokesman, not the person named before
    found = extract("Jo Park lives in Vexaville. A spokesman phoned the police and said he "
                    "had moved to Quill City.")
    assert not [c for c in found.candidates if c.subject.kind == MentionKind.PRONOUN]
    # a named subject is left to resolution
    found = extract("Jo Park runs Vexa Corp. Jo Park, the chief executive, said he had moved "
                    "to Quill City.")
    assert [c for c in found.candidates if c.subject.kind == MentionKind.PRONOUN]


def test_explain_and_show_say_what_a_description_was_read_as(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    story = tmp_path / "in" / "story.txt"
    story.parent.mkdir()
    story.write_text("Vexa Corp grew fast last year.\n\nThe company bought Delta Mills in May.\n")
    store = tmp_path / "store"

    def run(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])

    assert run("build", story.parent, "--store", store, "--out", tmp_path / "out").exit_code == 0
    why = '"company" = Vexa Corp (the only one named in its sentence and the one before)'
    explained = run("explain", "--store", store, "Vexa Corp", "acquired", "Delta Mills")
    assert explained.exit_code == 0 and f"read as: {why}" in explained.output
    shown = run("show", "--store", store, "Vexa Corp")
    assert f"read as: {why}" in shown.output
