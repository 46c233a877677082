"""Extraction rules on sentences written for these tests (not taken from the seeds)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import triples

CASES = [
    ("Acme Corp released Widget Pro in March.", ("Acme Corp", "released", "Widget Pro")),
    ("Widget Pro was released by Acme Corp last year.", ("Acme Corp", "released", "Widget Pro")),
    ("Globex, which acquired Initech last year, reported higher profits.",
     ("Globex", "acquired", "Initech")),
    ("Jane Smith, CEO of Globex, said the deal was good.", ("Jane Smith", "role", "CEO")),
    ("Jane Smith, CEO of Globex, said the deal was good.", ("Jane Smith", "worksFor", "Globex")),
    ("John Doe, Initech's Chief Technology Officer, declined to comment.",
     ("John Doe", "role", "Chief Technology Officer")),
    ("John Doe, Initech's Chief Technology Officer, declined to comment.",
     ("John Doe", "worksFor", "Initech")),
    ("Initech, the parent company of Hooli and Pied Piper, is growing fast.",
     ("Initech", "owns", "Pied Piper")),
    ("Mary Jones is a Globex Vice President of Sales who manages partners.",
     ("Mary Jones", "role", "Vice President of Sales")),
    ("Mary Jones is a Globex Vice President of Sales who manages partners.",
     ("Mary Jones", "worksFor", "Globex")),
    ("Hooli has invested in Pied Piper for years.", ("Hooli", "investedIn", "Pied Piper")),
    ("Globex has 5,000 employees.", ("Globex", "has", "5,000 employees")),
    ("Peter Gregory founded Raviga.", ("Peter Gregory", "founderOf", "Raviga")),
    ("Umbrella changed its name from Umbrella Pharma to Umbrella in 2020.",
     ("Umbrella", "formerName", "Umbrella Pharma")),
    ("Stark Industries is aiming to dominate the robotics market.",
     ("Stark Industries", "dominate", "robotics market")),
    # a model code is a name, and names the product noun it modifies
    ("Initech announced a big investment in 20,000 Hooli X900 chips.",
     ("Initech", "investedIn", "Hooli X900")),
    # the parser makes the first name the root and the verb its conjunct
    ("Hooli, Globex, and others have sued Initech over the patent.",
     ("Globex", "sue", "Initech")),
    ("Hooli, Globex, and others have sued Initech over the patent.",
     ("Hooli", "sue", "Initech")),
    # a verb the parser hung on the noun before it shares the subject of the first verb
    ("Globex is also expanding factories needed for chip production and buying Initech.",
     ("Globex", "acquired", "Initech")),
    # a part-of noun with no "of" belongs to the organization in focus
    ("Alphabet said its subsidiary, Waymo, was growing.", ("Waymo", "subsidiaryOf", "Alphabet")),
    # a job title before the name, after its employer's name
    ("Acme Corp Chief Executive Jane Smith said the deal was good.",
     ("Jane Smith", "role", "Chief Executive")),
    ("Acme Corp Chief Executive Jane Smith said the deal was good.",
     ("Jane Smith", "worksFor", "Acme Corp")),
    ("Initech spokeswoman Mary Jones declined to comment.", ("Mary Jones", "worksFor", "Initech")),
    ("Senator Tom Baker opposed the bill.", ("Tom Baker", "role", "Senator")),
    # a preposition the ontology pairs with the verb, next to a direct object
    ("Hooli has invested millions of dollars in Pied Piper.",
     ("Hooli", "investedIn", "Pied Piper")),
    # a relational noun with a possessor, describing someone
    ("Raviga, Hooli's parent company, declined to comment.", ("Raviga", "owns", "Hooli")),
    ("Globex is Initech's largest investor.", ("Globex", "investedIn", "Initech")),
    # where an organization is based
    ("Globex, based in Springfield, makes widgets.", ("Globex", "locatedIn", "Springfield")),
    ("Initech is headquartered in Austin.", ("Initech", "locatedIn", "Austin")),
    ("Springfield-based Globex bought a plant.", ("Globex", "locatedIn", "Springfield")),
    ("Hooli hired engineers from Globex, the Springfield company.",
     ("Globex", "locatedIn", "Springfield")),
    # "the company behind X"
    ("Hooli is the company behind Nucleus.", ("Hooli", "developed", "Nucleus")),
]


@pytest.mark.parametrize(("text", "wrong"), [
    # the agentive noun names its own agent, not the clause subject
    ("Hooli bought a stake in the developer of Nucleus.", ("Hooli", "developed", "Nucleus")),
    # a participle without a mapped preposition says nothing about its noun
    ("The chip, designed for Globex, ships soon.", ("chip", "design for", "Globex")),
])
def test_sentence_does_not_give_fact(extract, text, wrong):
    assert wrong not in triples(extract(text))


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_gives_fact(extract, text, expected):
    assert expected in triples(extract(text))


@pytest.mark.parametrize("text", [
    "“It’s one small part of the plan, but I don’t pay it much heed,” Lida Ferro said.",
    "There’s work at Orvane Systems, though it’s a much smaller pie.",
])
def test_a_contraction_with_a_typographic_apostrophe_is_no_relation(extract, text):
    """The tagger reads "’s" as a verb of its own with lemma "’": no relation without a word
    (it was ``rel:_``)."""
    assert [t for t in triples(extract(text)) if not any(ch.isalpha() for ch in t[1])] == []


@pytest.mark.parametrize("text", [
    "Acme did not release Widget Pro.",
    "Globex has no plans for Initech.",
])
def test_negated_statements_give_no_fact(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] in ("released", "has")]


def test_acronym_in_parentheses_is_an_alias(extract):
    found = extract("Vandelay Industries (VI) imports latex from Chile.")
    assert any(a.first.text == "Vandelay Industries" and a.second.text == "VI"
               for a in found.aliases)


def test_acronym_of_a_common_noun_is_a_concept(extract):
    found = extract("The firm entered the machine learning (ML) market early.")
    assert any(h.mention.text == "ML" and h.label == "Concept" for h in found.hints)


def test_possessive_product_is_a_possessive_candidate(extract):
    found = extract("Hooli's search engine Nucleus is popular.")
    assert ("Hooli", "possessive", "Nucleus") in triples(found)


def test_pronoun_subject_is_kept_for_resolution(extract):
    found = extract("Analysts liked Roadrunner. It also unveiled Coyote.")
    pronoun = [c for c in found.candidates if c.subject.text == "It"]
    assert pronoun and pronoun[0].object.text == "Coyote"
    # the subject of the sentence before, when it is a name, is what "it" carries on
    found = extract("Acme Corp launched Roadrunner. It also unveiled Coyote.")
    assert ("Acme Corp", "released", "Coyote") in triples(found)


def test_evidence_points_at_the_sentence(extract):
    text = "Acme Corp released Widget Pro.\nGlobex acquired Initech."
    found = extract(text)
    for cand in found.candidates:
        ev = cand.evidence
        assert text[ev.start:ev.end] == ev.sentence
        assert 0 < ev.confidence <= 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_arbitrary_text_never_crashes_the_extractor(extract, text):
    extract(text)


def test_examples_of_a_class_noun_are_typed(extract):
    found = extract("Rivals such as Initech and Globex have complained about companies like "
                    "Hooli.")
    typed = {(h.mention.text, h.label) for h in found.hints}
    assert ("Hooli", "Organization") in typed


def test_a_class_noun_is_read_with_its_modifier(extract):
    # "network" alone is an organization noun; "social network" names a product
    found = extract("He said that social networks like Chirper could restrict the spread.")
    assert ("Chirper", "Product") in {(h.mention.text, h.label) for h in found.hints}


def test_names_listed_together_are_recorded_for_the_resolver(extract):
    found = extract("Initech owns Hooli, Chirper and Pied Piper.")
    assert ("Hooli", "coordinated", "Chirper") in triples(found)


def test_compound_name_candidate(extract):
    found = extract("Hooli Inc. makes phones. Analysts praised Hooli Nucleus last week.")
    assert ("Hooli", "compound", "Hooli Nucleus") in triples(found)


def test_a_compound_names_maker_may_be_named_in_another_paragraph(extract):
    found = extract("Hooli Inc. makes phones and tablets.\n"
                    "Analysts praised Hooli Nucleus last week.")
    assert ("Hooli", "compound", "Hooli Nucleus") in triples(found)


@pytest.mark.parametrize(("text", "maker", "name"), [
    ("Quill Micro Devices Inc. said sales of its QMD Zephyr chips rose.", "QMD", "QMD Zephyr"),
    ("Vexa Motors said demand for the VM Strider fell in March.", "VM", "VM Strider"),
])
def test_a_compound_names_maker_may_be_named_by_its_initials(extract, text, maker, name):
    assert (maker, "compound", name) in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Analysts praised Hooli Nucleus last week.",  # Hooli is named nowhere on its own
    "Fans queued overnight for Zorblax 3, the sequel to the hit game.",
])
def test_a_compound_names_opening_is_a_maker_only_where_the_story_names_it(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "compound"]


@pytest.mark.parametrize(("text", "opening", "name"), [
    # a possessive names the maker: the opening word is where the probe goes
    ("Two probes, Quellar's Mars Surveyor and Vexo's Mars Finder, circle the planet.",
     "Mars", "Mars Finder"),
    # a country opening a firm's name is where it is from, not its maker
    ("Shares of Taiwan Quillcorp rose on Monday.", "Taiwan", "Taiwan Quillcorp"),
])
def test_a_compound_name_whose_opening_is_no_maker(extract, text, opening, name):
    assert (opening, "compound", name) not in triples(extract(text))


def test_nominalisation_takes_the_clause_subject(extract):
    found = extract("Globex has begun work on the new plant in partnership with Initech.")
    assert ("Globex", "partnerOf", "Initech") in triples(found)


def test_name_with_a_digit_and_no_word_is_kept(extract):
    found = extract("Globex's latest model GX-7 beat Hooli's chip Z800 in every test.")
    names = {m.text for m in found.mentions}
    assert {"GX-7", "Z800"} <= names
    assert any(h.mention.text == "GX-7" and h.label == "Product" for h in found.hints)


def test_a_repeated_description_is_the_unnamed_thing_first_introduced(extract):
    found = extract("Students at Globex University built their own robot last year. "
                    "Globex University later dismantled the robot.")
    assert ("Globex University", "dismantle", "own robot") in triples(found)


def test_hyphenated_verb_keeps_its_first_part(extract):
    found = extract("Hooli co-developed the Nucleus engine with Initech.")
    assert any(c.relation.startswith("co-") or c.relation == "developed"
               for c in found.candidates if c.subject.text == "Hooli")


def resolved(vocab, extract, text):
    from kg.model import Document
    from kg.resolve import resolve

    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    return {(s.subject, s.predicate, s.object) for g in resolution.documents
            for s in g.statements}


def test_pronoun_after_a_subordinate_clause_takes_its_subject(vocab, extract):
    facts = resolved(vocab, extract, "Initech sued Hooli in May. "
                     "When Widget Pro was launched by Globex, it drew large crowds.")
    assert ("Widget_Pro", "draw", "concept/large_crowds") in facts


def test_pronoun_that_refers_to_an_unnamed_thing_gives_no_fact(extract):
    found = extract("The timing of the merger is odd, as it coincides with Initech's crisis.")
    assert not [t for t in triples(found) if t[1].startswith("coincide")]


def test_partitive_object_keeps_what_it_counts(extract):
    found = extract("Globex doubled the number of stores in Ohio.")
    assert ("Globex", "double", "number of stores") in triples(found)


def test_demonstrative_object_is_left_out(extract):
    assert not triples(extract("Through this process, Globex can grow."))


def test_plural_description_is_not_resolved_to_one_name(vocab, extract):
    facts = resolved(vocab, extract, "Hooli released Nucleus. Hooli said the search "
                     "engines that power its ads are fast.")
    assert not [f for f in facts if f[1].startswith("power")]


def test_coordinated_description_is_a_group_not_one_name(vocab, extract):
    facts = resolved(vocab, extract, "Hooli released Nucleus. The company spent billions on "
                     "the software and hardware required to build search engines.")
    assert not [f for f in facts if f[1] == "build"]


def test_camel_case_word_is_a_name_even_as_a_common_noun(extract):
    found = extract("Students started using ChatGPT for homework.")  # tagged NOUN
    assert "ChatGPT" in {m.text for m in found.mentions}


def test_name_under_a_possessor_stands_for_the_product_noun(extract):
    found = extract("Initech recently released its Zephyr mobile operating systems.")
    assert ("Initech", "released", "Zephyr") in triples(found)
    assert any(h.mention.text == "Zephyr" and h.label == "Product" for h in found.hints)


def test_acronym_of_the_words_before_it_does_not_name_the_noun(extract):
    found = extract("Globex is building a new machine learning (ML) platform to catch up "
                    "with Initech.")
    assert not [c for c in found.candidates if c.subject.text == "ML"]
    found = extract("Globex released a fast speech engine (GSE) tool last week.")
    assert ("Globex", "released", "GSE") in triples(found)


def test_which_refers_to_the_noun_before_its_comma_not_to_a_person(extract):
    found = triples(extract("Dana Whitlow, head of Corvex, which makes maps, said so."))
    assert ("Corvex", "make", "maps") in found
    assert ("Dana Whitlow", "make", "maps") not in found


def test_a_relative_after_a_place_refers_to_the_noun_the_place_locates(extract):
    found = triples(extract("Corvex runs the Delta plant in Springfield, which makes maps."))
    assert ("Springfield", "make", "maps") not in found


def test_the_latter_and_the_former_refer_to_the_last_list(extract):
    found = triples(extract("Next are Corvex and Delta Maps. The latter bought Stata Labs, "
                            "and the former bought Quanta."))
    assert {("Delta Maps", "acquired", "Stata Labs"), ("Corvex", "acquired", "Quanta")} <= found


def test_an_agent_noun_says_what_an_organization_makes(extract):
    found = triples(extract("Delta Valves is the biggest maker of pipe fittings in Europe."))
    assert ("Delta Valves", "maker of", "pipe fittings") in found


def test_it_in_a_subordinate_clause_refers_to_the_subject_of_the_clause_above(extract):
    found = triples(extract("Ms Whitlow says Corvex buys maps when it is expanding fleets."))
    assert ("Corvex", "expand", "fleets") in found


def test_as_takes_a_post_not_a_circumstance(extract):
    found = triples(extract("Corvex owns the maps as a result of its deal. Peter Lang served "
                            "as chairman."))
    assert ("Peter Lang", "serve as", "chairman") in found
    assert not [t for t in found if t[1] == "own as"]


def test_it_does_not_refer_to_a_plural_subject(extract):
    found = extract("Scores of Quanta engineers have left the company since it was bought by "
                    "Orbis in 1984.")
    acquired = [c for c in found.candidates if c.relation == "acquired"]
    assert [(c.subject.text, c.object.kind) for c in acquired] == [("Orbis", "pronoun")]


def test_a_sentence_subject_it_carries_on_the_subject_before(extract):
    found = triples(extract("Corvex said it had bought Delta Maps. It also acquired Quanta "
                            "Labs last year."))
    assert ("Corvex", "acquired", "Quanta Labs") in found


def test_a_name_before_a_lower_case_word_in_apposition_is_described(extract):
    found = extract("The service, Widget Lite beta, finds clips. Two competing standards, "
                    "QX-9 and QX-10, exist.")
    hints = {(h.mention.text, h.label) for h in found.hints}
    assert ("Widget Lite", "Product") in hints


def test_a_club_s_name_says_it_is_an_organization_by_its_last_word(extract):
    """"Quillton United", "Ogdenby Rovers": football clubs, whatever the recogniser says."""
    found = extract("Quillton United beat Ogdenby Rovers 2-0 on Saturday.")
    hints = {(h.mention.text, h.label) for h in found.hints}
    assert {("Quillton United", "Organization"), ("Ogdenby Rovers", "Organization")} <= hints


def test_a_name_the_parser_took_for_one_more_object_opens_the_next_clause(extract):
    found = triples(extract("Vexa Labs owns Orbis, and Quanta Systems released Glimmer last "
                            "week."))
    assert ("Quanta Systems", "released", "Glimmer") in found
    assert ("Vexa Labs", "owns", "Orbis") in found
    assert ("Vexa Labs", "owns", "Quanta Systems") not in found
    assert ("Vexa Labs", "released", "Glimmer") not in found
    # a second object followed by a verb with "and" between is a shared subject still
    shared = triples(extract("Orbis sells phones and tablets and released a watch."))
    assert ("Orbis", "release", "watch") in shared


@pytest.mark.parametrize("text", ["Dana Whitlow cofounded Brightwater Labs in 2011.",
                                  "Brightwater Labs was cofounded by Dana Whitlow."])
def test_a_verb_the_lemmatiser_does_not_know_still_maps(extract, text):
    # "cofounded" comes out of the lemmatiser as "cofounde"
    assert ("Dana Whitlow", "founderOf", "Brightwater Labs") in triples(extract(text))


def test_a_participle_after_a_modifier_name_does_not_describe_it(extract):
    found = triples(extract("The boats were stopped in the Vexa channel, which separates Dover "
                            "and Calder's Orbis peninsula at the head of the Quillon Sea, captured "
                            "by Norland last year."))
    assert not [t for t in found if t[0] == "Norland" and "Quillon" in t[2]]


@pytest.mark.parametrize("text", [
    "Orvella, one of three regional carriers, said fares would rise.",
    "The alliance includes Quarnet, two small chip designers and a bank.",
    "There is a fight over Zelkor, a new form of battery storage.",
])
def test_a_description_that_cannot_describe_one_thing_is_not_read(extract, text):
    # a count or a plural describes a list the parser cut; "a new form" says nothing without
    # its "of" phrase
    found = extract(text)
    assert not [c for c in found.candidates if c.relation == "description"]


def test_a_singular_description_is_read(extract):
    found = extract("Orvella, the regional carrier, said fares would rise.")
    assert ("Orvella", "description", "regional carrier") in triples(found)


def test_object_it_after_a_thing_is_that_thing_not_a_name(vocab, extract):
    # the shipped "it" is the software, which the story does not name, not Vexa
    facts = resolved(vocab, extract, "Globex said sales rose. Hooli runs on Vexa, the system "
                     "owned by Globex. Initially it will test software before shipping it to "
                     "customers.")
    assert ("Globex", "owns", "Vexa") in facts
    assert not [f for f in facts if f[1] == "released"]


def test_a_hyphenated_name_is_not_described_by_its_compound(extract):
    # "a Vexa-type accord" is no description of Vexa; a spaced dash sets one off
    for text in ("Banks were wary of a Ruritania-type accord, a banker said.",
                 "The sea is under threat from Borduria-era waste."):
        assert not [t for t in triples(extract(text)) if t[1] == "description"], text


def test_a_number_joined_by_a_hyphen_and_a_counted_thing_stay_in_the_object(extract):
    found = triples(extract("The Orvik Rovers ended a nine-game losing streak on Sunday. "
                            "Ana Ruiz heard a hail of gunfire outside."))
    assert ("Orvik Rovers", "end", "nine-game losing streak") in found
    assert ("Ana Ruiz", "hear", "hail of gunfire") in found


def test_an_untyped_name_that_opens_with_its_makers_name_is_a_product(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    text = "Vexa Grid costs users $1 an hour on systems run by Vexa."
    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    types = {key: e.type for key, e in resolution.entities.items()}
    assert types.get("Vexa_Grid") == "Product" and types.get("Vexa") == "Organization"


def test_who_after_a_noun_set_beside_a_person_is_that_person(extract):
    found = triples(extract("Dana Marsh, the only Republican who opposed the bill, spoke."))
    assert ("Dana Marsh", "oppose", "bill") in found
    assert not [t for t in found if t[0] == "Republican"]


def test_a_common_word_is_no_name_only_ever_shouted(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    texts = ("RURITANIA'S BID for a place in the finals suffered a setback on Monday.",
             "Quillon accepted a bid from Vexa on Tuesday.")
    resolution = resolve([(Document(f"d{i}", f"d{i}.txt", t), extract(t))
                          for i, t in enumerate(texts)], vocab)
    accepted = [s.object for g in resolution.documents for s in g.statements
                if s.predicate == "accept"]
    assert accepted == ["concept/bid"]


def test_a_relative_clause_on_a_copula_without_subject_is_said_of_its_noun(nlp):
    from kg.extract.openie import document_triples

    found = [(t.subject, t.relation, t.object) for t in document_triples(
        nlp("There are 109 workers who joined the union last year."))]
    assert ("109 workers", "joined", "the union") in found


def test_a_superlative_description_keeps_its_scope(extract):
    found = triples(extract("The quake cracked Matara, the largest earth dam in the North "
                            "Island, on Monday. Quillon, Europe's largest computer maker, "
                            "posted a loss. Dana Marsh, the only woman ever to swim under a "
                            "minute, won."))
    descriptions = {t[2] for t in found if t[1] == "description"}
    assert descriptions == {"largest earth dam in the North Island",
                            "Europe's largest computer maker"}
    assert not [t for t in found if t[1] == "developed"]  # Europe is no product of its maker


@pytest.mark.parametrize("text", [
    # "one of" the largest is not the largest
    "Orvik Press, one of Norway's largest publishing and printing companies, will open a "
    "plant in Tolvik.",
])
def test_a_phrase_beside_a_name_that_does_not_describe_it_is_no_description(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "description"]


def test_a_noun_phrase_the_parser_split_in_two_is_no_apposition(nlp, vocab):
    # "an emergency Quillon meeting" as the small model parses it with some names: "meeting"
    # (with "Quillon" its compound) an apposition of "emergency", though nothing sets it off
    from spacy.tokens import Doc

    from kg.extract.descriptions import appositions
    from kg.extract.found import Found
    from kg.extract.mentions import MentionIndex

    words = ["Aides", "said", "there", "were", "no", "plans", "for", "an", "emergency",
             "Quillon", "meeting", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 10 + [False, False],
              heads=[1, 1, 3, 1, 5, 3, 5, 8, 6, 10, 8, 1],
              deps=["nsubj", "ROOT", "expl", "ccomp", "det", "attr", "prep", "det", "pobj",
                    "compound", "appos", "punct"],
              pos=["NOUN", "VERB", "PRON", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN",
                   "PROPN", "NOUN", "PUNCT"],
              tags=["NNS", "VBD", "EX", "VBD", "DT", "NNS", "IN", "DT", "NN", "NNP", "NN", "."],
              lemmas=["aide", "say", "there", "be", "no", "plan", "for", "an", "emergency",
                      "Quillon", "meeting", "."],
              ents=["O"] * 9 + ["B-ORG", "O", "O"])
    index = MentionIndex(doc, vocab, 0)
    found = Found(index, "test")
    appositions(index, found)
    assert not [c for c in found.candidates if c.relation == "description"]


def test_an_ordinal_before_a_superlative_stays_in_the_phrase(extract):
    found = triples(extract("Quillonia had the fourth largest fishing fleet in the world."))
    assert ("Quillonia", "has", "fourth largest fishing fleet") in found


def test_a_verb_the_parser_read_as_a_coordinated_noun_is_no_object(extract):
    found = triples(extract("Quill Rentals now has 14 franchised locations and plans to add "
                            "20 next year."))
    assert ("Quill Rentals", "has", "14 franchised locations") in found
    assert not [t for t in found if t[2] == "plans"]


def test_has_is_a_count_not_a_way_of_saying_something(extract):
    found = triples(extract("Vexa has 65 billion parameters. The Quill Post has a strong "
                            "reputation for scoops. Orvik Labs has its origins in a garage."))
    assert ("Vexa", "has", "65 billion parameters") in found
    assert not [t for t in found if t[1] == "has" and t[0] != "Vexa"]


def test_a_label_before_a_colon_describes_nothing(extract):
    for text in ("SOURCE: Vexa Safety Network; ICAO; WORLD BANK.",
                 "College soccer: MEN -- Quill at Emerson, 4 p.m."):
        assert not [t for t in triples(extract(text)) if t[1] == "description"], text


def test_a_name_given_after_a_plural_for_phrase_names_the_singular_noun(extract):
    found = triples(extract("Vexa has also debuted a similar search system for its computers "
                            "called Lumen."))
    assert ("Vexa", "released", "Lumen") in found


def test_what_a_thing_is_made_into_is_not_a_product(extract):
    found = triples(extract("Tarvel Air Corp is making Marta Dahl Airport its fifth hub."))
    assert not [t for t in found if t[1] == "developed"]
    found = triples(extract("Tarvel Corp makes the Vexa X9, its flagship phone, in Ostby."))
    assert ("Tarvel Corp", "developed", "Vexa X9") in found


@pytest.mark.parametrize("text", [
    "The aftermath was grim: a cancelled Vexa project, a shelved Quill special, pulled reruns.",
    "A villain in human form (Jo Parkinson) stalks the town.",
    "It was tense until the moment the lingerie-clad Ana, beneath her lover, slices his throat.",
    "A rally in Borduran state bond (BSB) prices helped.",
    "Quillby made its funding announcement - a $5M series A, led by Vexa Ventures.",
    "As part of NextWave, a satellite-based system called Orbi will use radar.",
    "Aphelion (farthest): 154,900,000 miles.",
    "The safe wager, Tom Hemmings",
    "Get used to hearing the name Ana Ruiz, guys.",
    "The firm went bust under its previous name Vexacom.",
    "American Tina Marsh, the women's all- around champion at the Games, added a medal.",
    "Shoe giant Orvik (nyse: ORV - news - people ) reported sales in October.",
    "Orbis Cars (Nasdaq) said its sales rose.",
])
def test_a_set_off_phrase_that_describes_no_name_beside_it_is_not_read(extract, text):
    # a list item, a part an actor plays, a time, a denial, the name's own words, a letter
    assert not [t for t in triples(extract(text)) if t[1] == "description"], text


def test_a_description_keeps_the_adverb_of_its_adjective_and_its_hyphened_words(extract):
    found = triples(extract("Orvik Fibers Inc, a wholly owned unit, will operate alone. "
                            "Tarlo, a privately held firm, posted a profit. The show airs on "
                            "Vexa-TV, a Dover-based channel that backs peace."))
    assert ("Vexa-TV", "description", "Dover-based channel") in found
    assert ("Orvik Fibers Inc", "description", "wholly owned unit") in found
    assert ("Tarlo", "description", "privately held firm") in found


def test_a_title_of_a_work_or_a_name_cut_short_is_no_possession(extract):
    found = extract("The senator finished high on Vexa Weekly’s Person Of The Year list. "
                    "He quoted Tom Darlow’s Voyage Of The Tern. The University of Vexland's "
                    "Bank of Orvik grew. Quillon's Tarrow unit grew. The University of "
                    "Vexland’s Index of Consumer Mood stood at 88.8. In its World Output and "
                    "Trade Report, the Vexland Farm Department said hog numbers rose. It "
                    "challenges Tarrow's Zib and Quillon's Zob robots.")
    owned = {(c.subject.text, c.object.text) for c in found.candidates
             if c.relation == "possessive"}
    assert owned == {("Quillon", "Tarrow"), ("Tarrow", "Zib"), ("Quillon", "Zob")}


def test_a_description_coordinated_with_a_name_is_read(extract):
    found = triples(extract("The new hall is named for Tom Wein and his late wife and business "
                            "partner, Joyce."))
    assert ("Joyce", "description", "late wife") in found


def test_a_sentence_the_tagger_left_without_a_verb_is_no_heading_when_it_ends(extract):
    # "hand" read as a noun: the full stop says it is a sentence, not a heading
    found = triples(extract("UN monitors hand oversight of order in the Guinea capital, "
                            "Conakry, to city police."))
    assert ("Conakry", "description", "Guinea capital") in found


@pytest.mark.parametrize("text", [
    "Ana Toure, her newborn son asleep in her arms, thanked the nurses on the ward.",
    "Tom Reddle, his old dog at his side, walked into the court on Monday.",
])
def test_a_set_off_phrase_about_what_the_person_holds_describes_no_one(extract, text):
    # an absolute phrase: the possessive's owner named again inside it is the person beside it
    found = extract(text)
    assert not [c for c in found.candidates if c.relation == "description"]


def test_a_possessive_description_without_its_owner_again_is_read(extract):
    found = triples(extract("Mary Vance, his wife, said he was kind."))
    assert ("Mary Vance", "description", "wife") in found
    found = triples(extract("Tom Pell said his brother Ken regarded the city as his home."))
    assert ("Ken", "description", "brother") in found


def test_a_spaced_dash_ends_a_noun_phrase(nlp, vocab):
    from kg.extract.mentions import MentionIndex

    doc = nlp("Wirefeed - Market research company Orvo-Quill on Tuesday announced its results.")
    index = MentionIndex(doc, vocab, 0)
    company = next(t for t in index.doc if t.text == "company")
    assert index.phrase(company)[2] == "Market research company"
    streak = nlp("Ana Ruiz ended a nine-game losing streak.")
    index = MentionIndex(streak, vocab, 0)
    noun = next(t for t in index.doc if t.text == "streak")
    assert index.phrase(noun)[2] == "nine-game losing streak"


def test_a_ranked_noun_before_an_infinitive_does_nothing_itself(extract):
    found = triples(extract("The only senator to vote against the bill was absent."))
    assert not [t for t in found if t[0] == "only senator"]


@pytest.mark.parametrize(("text", "fact"), [
    ("Senator Ana Lode was the only senator to vote against the bill.",
     ("Ana Lode", "vote against", "bill")),
    ("Tom Quill is the only man to beat Ana Lode this season.", ("Tom Quill", "beat", "Ana Lode")),
    ("Lode, the only woman ever to swim under 1 minute in the event, finished first.",
     ("Lode", "swim", "under 1 minute")),
])
def test_a_ranked_noun_before_an_infinitive_passes_the_deed_to_whom_it_describes(extract, text,
                                                                                  fact):
    found = triples(extract(text))
    assert fact in found
    assert not [t for t in found if t[0].startswith("only ")]


def test_a_named_department_of_another_body_is_no_part_it_owns(vocab, extract):
    text = "Tom Quill heads the Quillon Workers Union's Vexa Motors department."
    found = triples(extract(text))
    assert not [t for t in found if t[2] == "Vexa Motors"]
    assert not [f for f in resolved(vocab, extract, text) if f[1] == "owns"]


def test_a_named_unit_a_company_owns_stays(extract):
    found = triples(extract("Orbis said its Vexa Air Express subsidiary grew."))
    assert ("Vexa Air Express", "subsidiaryOf", "Orbis") in found


def test_a_named_department_a_company_calls_its_own_is_its_part(extract):
    found = triples(extract("Orbis Corp said its Quillon Steel Trading department grew."))
    assert ("Orbis Corp", "possessive", "Quillon Steel Trading") in found


def test_a_name_opening_with_an_events_title_is_an_event(extract):
    found = extract("Tropical Storm Olvera flooded the coast of Tarrow on Sunday.")
    assert ("Tropical Storm Olvera", "Thing") in {(h.mention.text, h.label) for h in found.hints}


def test_an_apposition_that_is_the_next_verbs_subject_describes_nothing(extract):
    found = extract("Exports will fall if buyers put more pressure on Vexa Motors, a senior "
                    "Orbis analyst was quoted as saying.")
    assert not [c for c in found.candidates if c.subject.text == "Vexa Motors"
                and c.relation == "description"]
    assert not [h for h in found.hints if h.reason.startswith("apposition")]


def test_a_name_set_after_its_description_keeps_it_before_a_verb(extract):
    found = extract("Fans cheered as the skills of its basketball giant Ana Quellor dwarfed "
                    "Tarrow to sweep the team into the final.")
    assert ("Ana Quellor", "description", "basketball giant") in triples(found)


@pytest.mark.parametrize(("text", "described"), [
    # the subject after a sentence's opening phrase is no apposition of that phrase's noun
    ("In a note to the Quillon Trade Board, the consortium, headed by Vexa Capital, said it "
     "had cut its holding.", "Quillon Trade Board"),
    ("In the third of a four-part series, Tarrow Systems Labs chief Jo Parkin shares his "
     "thoughts on chip design.", "Jo Parkin"),
])
def test_a_sentences_opening_phrase_describes_no_subject_after_it(extract, text, described):
    assert not [t for t in triples(extract(text)) if t[1] == "description"
                and t[0] == described]


def test_the_subject_after_an_opening_phrase_stands_for_no_name_in_it(extract):
    found = triples(extract("In a note to the Quillon Trade Board, the consortium, headed by "
                            "Vexa Capital, said it had cut its holding."))
    assert not [t for t in found if "Quillon Trade Board" in (t[0], t[2])
                and t[1] != "compound"]


def test_an_apposition_inside_an_opening_phrase_still_describes(extract):
    found = triples(extract("At Vexa Corp, the largest chip maker in Ruritania, sales rose "
                            "sharply. After talks with Orbis Holdings, a Tarrow property firm, "
                            "Vexa said it would sell. In a note to the Quillon Trade Board, "
                            "Delta Equity, which is controlled by Tarrow Holdings Ltd, a "
                            "family-run Ruritanian lender, said it had cut its holding."))
    assert {("Vexa Corp", "description", "largest chip maker in Ruritania"),
            ("Orbis Holdings", "description", "Tarrow property firm"),
            ("Tarrow Holdings Ltd", "description", "family-run Ruritanian lender")} <= found


def test_a_name_heading_a_list_is_no_apposition(extract):
    found = triples(extract("Ministers will debate Ruritania's farm policy, Ostrava, fishing "
                            "and other issues on Friday."))
    assert not [t for t in found if t[0] == "Ostrava" and t[1] == "description"]


def test_the_part_an_actor_plays_is_not_his_role(extract):
    found = triples(extract("The pupils are lectured by their teacher (Mara Quinn) on the "
                            "history of the ship."))
    assert not [t for t in found if t[0] == "Mara Quinn" and t[1] == "role"]
    # set off by commas, the title is the name's
    assert ("Mara Quinn", "role", "teacher") in triples(extract("Mara Quinn, their teacher, "
                                                                "spoke on Monday."))


def test_a_word_glued_by_a_hyphen_to_a_verb_is_no_title(extract):
    found = triples(extract("Jo Park head-butting an opposing player may not have been the "
                            "smartest move for a league captain."))
    assert not [t for t in found if t[1] == "role"]


def test_a_description_keeps_its_former_before_hyphened_words(extract):
    found = triples(extract("Quillon Rail, a former state-owned railway, reported a loss on "
                            "Monday."))
    assert ("Quillon Rail", "description", "former state-owned railway") in found
    found = triples(extract("Quillon Rail, a state-owned railway, reported a loss on Monday."))
    assert ("Quillon Rail", "description", "state-owned railway") in found


def test_a_name_set_off_after_a_possessive_is_not_possessed(extract):
    found = triples(extract("Dunn's debut novel, Dunes, sold well, and his latest, Reefs, is "
                            "set on a ship."))
    assert not [t for t in found if t[1] == "possessive"]
    assert ("Vexa", "possessive", "Quill Labs") in triples(extract(
        "Vexa's Quill Labs unit grew fast."))
    # a noun before the comma says what of its owner's the name is
    assert ("Vexa Chemical", "possessive", "Calmora") in triples(extract(
        "Vexa Chemical said its new allergy drug, Calmora, sold well."))


def test_an_indefinite_firm_noun_after_a_name_and_a_noun_is_not_that_name(extract):
    found = triples(extract("Tarvex bought a Ruritanian Government bond broker last year."))
    assert not [t for t in found if t[2] == "Ruritanian Government"]


def test_a_name_singled_out_among_many_is_no_apposition(extract):
    found = triples(extract("Staff members voiced strong support for both designs at a "
                            "meeting on Tuesday, especially the low-cost Orbis Mini which is "
                            "designed to give Vexa a place in the school market."))
    assert not [t for t in found if t[0] == "Orbis Mini" and t[1] in ("description", "role")]


def test_what_someone_calls_a_name_does_not_describe_it(extract):
    found = triples(extract("Last year a rival stood up at the meeting calling Varga a "
                            "fraud."))
    assert not [t for t in found if t[0] == "Varga" and t[1] in ("description", "role")]


def test_taking_over_the_leading_of_a_thing_buys_nothing(extract):
    for text in ("Jo Park has taken over the direction of the agency's foreign policy.",
                 "Vexa took over the helm of the council last year."):
        assert not [t for t in triples(extract(text)) if t[1] == "acquired"]
    assert ("Vexa", "acquired", "Orbis") in triples(extract("Vexa took over Orbis last year."))


def test_a_giant_the_recogniser_calls_a_person_is_no_firm(extract):
    """"its basketball giant Li Wen": a big man; "the software giant" is a firm."""
    hints = extract("Ruritania cheered after its basketball giant Li Wen dwarfed Norland.").hints
    assert not [h for h in hints if h.mention.text == "Li Wen" and h.label == "Organization"]



@pytest.mark.parametrize("text", [
    "Quillon said the Tarvex Pro runs faster than the Tarvex Lite. Tarvex sales rose.",
    "The new Tarvex Pro is faster than the Tarvex Lite, Quillon Corp said on Monday. "
    "Quillon says the Tarvex line sold well.",
    "Analysts said the Vexacom Pro will be the product of choice. The Vexacom II runs faster "
    "than the Vexacom Plus, which Quillon makes. The Vexacom products are good.",
])
def test_a_product_line_is_no_maker_of_its_models(extract, text):
    """"the Tarvex Pro ... the Tarvex Lite": with no sign the story's one-word name is a
    firm's (no suffix, no firm's noun or verb, no firm's possessive), it makes neither."""
    assert not [t for t in triples(extract(text)) if t[1] == "compound"
                and t[0] in ("Tarvex", "Vexacom")]


@pytest.mark.parametrize("text", [
    "Tarvex said the Tarvex Pro runs faster than the Tarvex Lite.",
    "Tarvex's chief executive praised the Tarvex Lite on Monday. The Tarvex Pro sold well.",
])
def test_a_maker_the_story_shows_is_a_firm_makes_its_models(extract, text):
    assert ("Tarvex", "compound", "Tarvex Lite") in triples(extract(text))


def test_a_preposition_written_in_two_is_no_word_of_a_post(extract):
    """"along side assistant coach Jo Vell": "alongside" in two words."""
    found = triples(extract("Forward Ana Ruiz celebrates a basket along side assistant coach "
                            "Jo Vell during the second half."))
    assert ("Jo Vell", "role", "assistant coach") in found
    assert not [t for t in found if t[1] == "role" and "side" in t[2]]


def test_a_participle_hyphened_to_a_name_is_no_part_of_it(extract):
    """"the Conrad Vell-owned company": no firm or place named "Conrad Vell-owned"."""
    found = extract("A court looked at the dealings of Vexa Inc, the Conrad Vell-owned "
                    "company said on Friday.")
    assert not [m for m in found.mentions if m.text.endswith("owned")]
    assert not [t for t in triples(found) if t[1] == "locatedIn"]


def test_a_firm_holds_no_post(extract):
    """"lead manager Quill Brothers International said": the firm manages the issue, but a
    role is a person's."""
    found = triples(extract("Orbis Finance Ltd is issuing a 100 mln dlr eurobond due 1991, "
                            "lead manager Quill Brothers International said."))
    assert not [t for t in found if t[1] == "role"]


@pytest.mark.parametrize(("text", "name"), [
    ("The killings at the Tarrow No2 Senior Middle School in Dunmore, in the central "
     "province of Vexland, was the worst.", "Tarrow No2 Senior Middle School"),
    ("Pupils of the Dunmore No. 3 Upper School in Tarrow wept, the Vexland Post said.",
     "Dunmore No. 3 Upper School"),
])
def test_a_numbered_school_is_named_whole(extract, text, name):
    """"the Tarrow No2 Senior Middle School": no school "Senior Middle School" described as
    "Tarrow No2"."""
    found = extract(text)
    assert name in {m.text for m in found.mentions}
    assert not [t for t in triples(found) if t[1] == "description"]


def test_a_craft_named_as_crafts_are_is_a_product(extract):
    """"the second flight of SkyLancerOne": a name written as crafts are, with no firm's
    sign in the story, is a product's whatever the recogniser labelled it."""
    found = extract("Just weeks before the second flight of SkyLancerOne, Jo Vell, the ship's "
                    "designer, sat down for a chat with Quill magazine.")
    assert ("SkyLancerOne", "Product") in {(h.mention.text, h.label) for h in found.hints}
    kept = extract("SkyLancerOne said it hired Jo Vell. SkyLancerOne Inc makes rockets.")
    assert ("SkyLancerOne", "Product") not in {(h.mention.text, h.label) for h in kept.hints}


@pytest.mark.parametrize("text", [
    "Rivals such as Quillon and Tarvex praised the Tarvex Lite.",
    "A Tarvex employee praised the Tarvex Lite on Monday.",
])
def test_a_firm_listed_or_employing_is_a_maker(extract, text):
    assert ("Tarvex", "compound", "Tarvex Lite") in triples(extract(text))


def test_a_rank_before_a_name_is_no_part_of_it(extract):
    """"the No. 2 US retailer", "world No. 1 Jo Park": a rank, no school's number."""
    found = extract("Orbis Inc., the No. 2 US retailer, said world No. 1 Jo Park will visit.")
    assert not [m for m in found.mentions if m.text.startswith("No.")]


@pytest.mark.parametrize(("text", "name"), [
    ("Calling Ostby a gold mine, Jo Vell took over as coach of the Runnin' Wolves on Monday.",
     "Runnin' Wolves"),
    ("The Rockin' Quills played in Dunmore.", "Rockin' Quills"),
])
def test_an_apostrophe_for_a_dropped_letter_is_no_possessive(extract, text, name):
    """"the Runnin' Wolves": one team's name, no "Runnin" owning or making "Wolves"."""
    found = extract(text)
    assert name in {m.text for m in found.mentions}
    assert not [t for t in triples(found) if t[0] == name.split("'")[0]]


def test_a_rank_read_as_a_name_holds_no_post(extract):
    """"former Security Adviser Vice Adm. Jo Vellard": the rank is the man's title, no one
    holding the post before it."""
    found = triples(extract("The other victims are former Security Adviser Vice Adm. Jo "
                            "Vellard who resigned and Marine Lt. Col. Tom Quell who was fired."))
    assert not [t for t in found if t[1] == "role" and t[0].startswith("Vice")]
