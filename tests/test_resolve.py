"""Resolution on hand-made extractions: no model needed."""

import random

from kg.model import (
    Alias,
    Candidate,
    Document,
    Evidence,
    Extraction,
    MentionKind,
    TypeHint,
)
from kg.resolve import name_key, resolve
from tests.conftest import m


def ev(start=0, rule="verb", confidence=0.9):
    return Evidence("d", start, start + 10, "a sentence", rule, confidence)


def cand(s, rel, o, canonical=True, start=0):
    return Candidate(s, rel, o, ev(start), canonical)


def doc(doc_id):
    return Document(doc_id, f"{doc_id}.txt", "")


def labels(resolution):
    return {e.label: e for e in resolution.entities.values()}


def test_name_key_normalises_case_articles_and_suffixes():
    assert name_key("NVIDIA") == name_key("Nvidia")
    assert name_key("Acme Corp") == name_key("Acme Inc.") == name_key("acme")
    assert name_key("The Daily Planet") == "daily planet"


def test_acronym_alias_merges_and_keeps_the_long_name(vocab):
    ext = Extraction("a", 1, (m("Vandelay Industries", 0), m("VI", 21), m("VI", 50)),
                     (), (Alias(m("Vandelay Industries", 0), m("VI", 21), "acronym"),))
    entity = labels(resolve([(doc("a"), ext)], vocab))["Vandelay Industries"]
    assert "VI" in entity.aliases and any("acronym" in r for r in entity.merges)


def test_surname_and_spelling_variant_join_the_full_name(vocab):
    ext = Extraction("a", 3, (m("Jane Doolittle", 0, "Person"), m("Doolittle", 40, "Person"),
                              m("Doolitle", 80, "Person")), ())
    people = [e for e in resolve([(doc("a"), ext)], vocab).entities.values()
              if e.type == "Person"]
    assert len(people) == 1 and people[0].label == "Jane Doolittle"


def test_different_entities_sharing_a_word_stay_apart(vocab):
    ext = Extraction("a", 2, (m("Acme Bank", 0), m("Acme Foods", 20)), ())
    assert {"Acme Bank", "Acme Foods"} <= set(labels(resolve([(doc("a"), ext)], vocab)))


def test_pronoun_goes_to_the_most_recent_compatible_entity(vocab):
    acme, jane = m("Acme", 0), m("Jane Roe", 10, "Person")
    it = m("it", 30, "", MentionKind.PRONOUN)
    ext = Extraction("a", 2, (acme, jane, m("Roadrunner", 40, "Product")),
                     (cand(it, "released", m("Roadrunner", 40, "Product")),))
    graph = resolve([(doc("a"), ext)], vocab).documents[0]
    assert [(s.subject, s.predicate, s.object) for s in graph.statements] == [
        ("Acme", "released", "Roadrunner")]
    assert graph.statements[0].evidence.confidence < 0.9  # coreference costs confidence


def test_pronoun_does_not_refer_to_a_nationality(vocab):
    # "Acme, a maker of Freedonian radios. It would protect residents from Freedonian spies."
    acme, freedonian = m("Acme", 0), m("Freedonian", 25, "Thing")
    it = m("it", 40, "", MentionKind.PRONOUN)
    ext = Extraction("a", 2, (acme, freedonian, m("Freedonian", 70, "Thing")),
                     (cand(it, "protect", m("residents", 50, "", MentionKind.CONCEPT)),))
    graph = resolve([(doc("a"), ext)], vocab).documents[0]
    assert [(s.subject, s.predicate) for s in graph.statements] == [("Acme", "protect")]


def test_same_name_in_two_documents_is_one_entity_and_surnames_cross(vocab):
    a = Extraction("a", 1, (m("Globex Corp", 0), m("Hank Scorpio", 20, "Person")), ())
    b = Extraction("b", 1, (m("Globex", 0), m("Scorpio", 20, "Person")),
                   (cand(m("Scorpio", 20, "Person"), "worksFor", m("Globex", 0)),))
    res = resolve([(doc("a"), a), (doc("b"), b)], vocab)
    assert sorted(e.label for e in res.entities.values()) == ["Globex", "Hank Scorpio"]
    [st] = res.documents[1].statements
    assert (st.subject, st.object) == ("Hank_Scorpio", "Globex")


def test_possessive_maps_through_ontology_classes(vocab):
    ext = Extraction("a", 1, (m("Hooli", 0), m("Nucleus", 8, "Product")),
                     (cand(m("Hooli", 0), "possessive", m("Nucleus", 8, "Product"),
                           canonical=False),))
    [st] = resolve([(doc("a"), ext)], vocab).documents[0].statements
    assert (st.predicate, st.canonical) == ("developed", True)


def test_resolution_does_not_depend_on_document_order(vocab):
    items = [(doc(f"d{i}"), Extraction(f"d{i}", 1, (m(name, 0), m("Umbrella", 30)),
                                       (cand(m(name, 0), "acquired", m("Umbrella", 30)),)))
             for i, name in enumerate(["Acme", "Acme Corp", "Globex", "ACME"])]
    first = resolve(items, vocab)
    shuffled = items[:]
    random.Random(4).shuffle(shuffled)
    assert resolve(shuffled, vocab) == first


def test_organization_short_form_joins_and_the_long_name_labels(vocab):
    ext = Extraction("a", 2, (m("The Daily Planet", 0), m("Planet", 30), m("Planet", 60)), ())
    [entity] = resolve([(doc("a"), ext)], vocab).entities.values()
    assert entity.label == "The Daily Planet" and "Planet" in entity.aliases


def test_compound_name_of_an_organization_and_a_product_is_developed(vocab):
    hooli, product = m("Hooli", 0), m("Hooli Nucleus", 20, "Product")
    ext = Extraction("a", 1, (hooli, product),
                     (cand(m("Hooli", 20, ""), "compound", product, canonical=False),))
    [st] = resolve([(doc("a"), ext)], vocab).documents[0].statements
    assert (st.subject, st.predicate, st.object) == ("Hooli", "developed", "Hooli_Nucleus")


def test_a_class_the_text_states_outweighs_repeated_ner_labels(vocab):
    # "Copilot, an AI assistant ... Copilot ... Copilot", each tagged ORG by the recogniser
    names = (m("Copilot", 0), m("Copilot", 40), m("Copilot", 80))
    ext = Extraction("a", 3, names, (), (),
                     (TypeHint(m("Copilot", 0), "Product", 2.0, "apposition: assistant"),))
    [entity] = resolve([(doc("a"), ext)], vocab).entities.values()
    assert entity.type == "Product"


def test_names_listed_together_share_stated_evidence(vocab):
    # "social networks like Chirper" in one article; "owns Chirper, Hooli and Yodel" in
    # another: the names listed with a product become products, a much-described
    # organization listed with a product does not swamp it
    a = Extraction("a", 1, (m("Chirper", 0),), (), (),
                   (TypeHint(m("Chirper", 0), "Product", 2.0, "example of 'social networks'"),))
    chirper, hooli, yodel = m("Chirper", 10), m("Hooli", 20), m("Yodel", 30)
    initech = m("Initech", 0)
    b = Extraction("b", 1, (initech, chirper, hooli, yodel, m("Zapp", 50, "Product")),
                   (cand(chirper, "coordinated", hooli, canonical=False),
                    cand(hooli, "coordinated", yodel, canonical=False),
                    cand(chirper, "coordinated", yodel, canonical=False),
                    cand(initech, "coordinated", m("Zapp", 50, "Product"), canonical=False)),
                   (), (*(TypeHint(m("Initech", 0), "Organization", 2.0, "apposition")
                          for _ in range(5)),
                        TypeHint(m("Zapp", 50), "Product", 1.5, "range of released")))
    resolution = resolve([(doc("a"), a), (doc("b"), b)], vocab)
    types = {e.label: e.type for e in resolution.entities.values()}
    assert types == {"Chirper": "Product", "Hooli": "Product", "Yodel": "Product",
                     "Initech": "Organization", "Zapp": "Product"}
    assert not resolution.documents[1].statements  # listing states no fact


def test_a_concept_that_is_an_entity_name_is_that_entity(vocab):
    chat = m("Chatter", 0, "Product")
    ext = Extraction("a", 1, (m("Acme", 30), chat),
                     (cand(m("Acme", 30), "promote", m("Chatter", 40, "Concept",
                                                         MentionKind.CONCEPT), False),))
    [st] = resolve([(doc("a"), ext)], vocab).documents[0].statements
    assert st.object == "Chatter"


def test_a_common_noun_in_lower_case_is_no_company_of_that_name(vocab):
    shop = Extraction("a", 1, (m("Quarry Inc.", 0),), ())
    party = m("Tarvel Party", 0)
    gap = cand(party, "narrow", m("quarry", 30, "Concept", MentionKind.CONCEPT), False)
    resolution = resolve([(doc("a"), shop), (doc("b"), Extraction("b", 1, (party,), (gap,)))],
                         vocab)
    [st] = resolution.documents[1].statements
    assert st.object != "Quarry_Inc" and resolution.entities[st.object].type == "Concept"


def test_agents_are_not_places(vocab):
    place = m("Atlantis", 0, "Place")
    ext = Extraction("a", 1, (place, m("Trident", 20, "Product")),
                     (cand(place, "released", m("Trident", 20, "Product")),))
    assert labels(resolve([(doc("a"), ext)], vocab))["Atlantis"].type == "Organization"


def test_maker_prefixed_product_name_joins_the_product(vocab):
    first = Extraction("a", 1, (m("Hooli", 0), m("X900", 20, "Product")),
                       (cand(m("Hooli", 0), "released", m("X900", 20, "Product")),))
    second = Extraction("b", 1, (m("Initech", 0), m("Hooli X900", 30, "Product")),
                        (cand(m("Initech", 0), "acquired", m("Hooli X900", 30, "Product")),))
    entities = resolve([(doc("a"), first), (doc("b"), second)], vocab).entities.values()
    products = [e for e in entities if e.type == "Product"]
    assert len(products) == 1 and {"X900", "Hooli X900"} == {products[0].label,
                                                             *products[0].aliases}
    assert any("maker" in reason for reason in products[0].merges)


def test_initials_join_the_organization_they_abbreviate(vocab):
    ext = Extraction("a", 2, (m("Federal Trade Commission", 0), m("FTC", 60),
                              m("Food Team Club", 90)), ())
    ents = labels(resolve([(doc("a"), ext)], vocab))
    assert "FTC" in ents and len(ents) == 3  # two long names fit: ambiguous, no merge
    ext = Extraction("a", 2, (m("Federal Trade Commission", 0), m("FTC", 60)), ())
    [entity] = resolve([(doc("a"), ext)], vocab).entities.values()
    assert entity.label == "Federal Trade Commission" and entity.aliases == ("FTC",)


def test_two_names_that_lost_their_comma_are_two_entities(vocab):
    first = Extraction("a", 1, (m("Hooli", 0), m("Initech", 20), m("Acme", 40)), ())
    pair = m("Hooli Initech", 10)
    second = Extraction("b", 1, (m("Globex", 0), pair),
                        (cand(m("Globex", 0), "owns", pair),))
    resolution = resolve([(doc("a"), first), (doc("b"), second)], vocab)
    assert "Hooli Initech" not in labels(resolution)
    owned = {s.object for g in resolution.documents for s in g.statements}
    assert owned == {"Hooli", "Initech"}


def test_maker_and_product_or_a_person_do_not_split(vocab):
    names = (m("Hooli", 0), m("X900", 10, "Product"), m("Hooli X900", 20, "Product"),
             m("John", 40, "Person"), m("Smith", 50, "Person"), m("John Smith", 60, "Person"))
    found = labels(resolve([(doc("a"), Extraction("a", 1, names, ()))], vocab))
    assert "John Smith" in found
    assert "Hooli X900" in found or "Hooli X900" in found["X900"].aliases


def test_a_description_object_is_not_the_subject_itself(vocab, extract):
    from kg.resolve.document import cluster_document, local_statements

    found = extract("Delta Maps grew fast last year. Corvex Systems bought the firm in May.")
    state = cluster_document(found, vocab)
    acquired = [f.statement for f in local_statements(found, state, vocab)
                if f.statement.predicate == "acquired"]
    assert [(state.clusters[st.subject].label(), state.clusters[st.object].label())
            for st in acquired] == [("Corvex Systems", "Delta Maps")]


def test_a_technical_standard_is_a_product(vocab, extract):
    from kg.resolve.document import cluster_document

    found = extract("Orbis backs Quanta-X, a standard for mobile TV.")
    state = cluster_document(found, vocab)
    assert {c.label(): c.type for c in state.clusters}.get("Quanta-X") == "Product"


def test_a_cluster_is_typed_by_its_evidence():
    from collections import Counter

    from kg.resolve.clusters import Cluster

    assert Cluster().type == "Thing"
    assert Cluster(ner=Counter({"Person": 2})).type == "Person"
    # a class set with no mention behind it is no evidence
    assert Cluster(ner=Counter({"Person": 0})).type == "Thing"
    assert Cluster(ner=Counter({"Person": 1}), votes=Counter({"Product": 1.5})).type == "Product"
    assert Cluster(ner=Counter({"Place": 1, "Organization": 1})).type == "Organization"


def test_a_name_the_recogniser_calls_a_person_and_a_company_as_often_is_a_company(vocab):
    names = (m("Skyla", 0, "Person"), m("Skyla", 40, "Organization"), m("Skyla", 80, "Person"),
             m("Skyla", 120, "Organization"))
    [entity] = resolve([(doc("a"), Extraction("a", 3, names, ()))], vocab).entities.values()
    assert entity.type == "Organization"


def test_a_short_form_the_recogniser_calls_a_nationality_joins_its_company_when_said_one(vocab):
    # "Vexalis Medicine ... a cofounder of Vexalis ... Vexalis", the short form tagged NORP
    names = (m("Vexalis Medicine", 0), m("Vexalis", 40, "Thing"), m("Vexalis", 80, "Thing"),
             m("Vexalis", 120, "Thing"))
    hints = (TypeHint(m("Vexalis", 40), "Organization", 1.5, "range of founderOf"),)
    ext = Extraction("a", 3, names, (), (), hints)
    [entity] = resolve([(doc("a"), ext)], vocab).entities.values()
    assert entity.type == "Organization"
    assert {entity.label, *entity.aliases} == {"Vexalis", "Vexalis Medicine"}


def test_a_given_name_alone_joins_the_one_person_of_the_text_who_has_it(vocab):
    names = (m("Tova Brennick", 0, "Person"), m("Hal Brennick", 30, "Person"),
             m("Tova", 60, "Person"), m("Tova", 90, "Organization"), m("Tova", 120, "Person"))
    found = labels(resolve([(doc("a"), Extraction("a", 3, names, ()))], vocab))
    assert "Tova" in found["Tova Brennick"].aliases and "Tova" not in found


def test_a_given_name_that_is_someone_s_surname_joins_no_one(vocab):
    names = (m("Tova Brennick", 0, "Person"), m("Ana Tova", 30, "Person"), m("Tova", 60, "Person"))
    found = labels(resolve([(doc("a"), Extraction("a", 3, names, ()))], vocab))
    assert "Tova" not in found["Tova Brennick"].aliases


def test_a_firm_named_after_a_person_is_that_firm_when_nothing_says_person(vocab):
    # "Reed Lowe Financial Services, Inc. ... services through Reed Lowe", the short form
    # tagged PERSON
    names = (m("Reed Lowe Financial Services, Inc.", 0), m("Reed Lowe", 80, "Person"))
    ext = Extraction("a", 2, names, ())
    found = labels(resolve([(doc("a"), ext)], vocab))
    assert "Reed Lowe" in found["Reed Lowe Financial Services, Inc."].aliases


def test_a_short_form_written_with_an_ampersand_joins_the_long_name_with_and(vocab):
    names = (m("Dorne Blues and Harbor Foundation", 0), m("Blues & Harbor Foundation", 60),
             m("Blues & Harbor Foundation", 120))
    [entity] = resolve([(doc("a"), Extraction("a", 2, names, ()))], vocab).entities.values()
    assert "Dorne Blues and Harbor Foundation" in {entity.label, *entity.aliases}


def test_a_one_word_name_tagged_a_person_opening_a_firm_s_name_is_its_short_form(vocab):
    # "<Corvina de Plata> ... Corvina has", the short form tagged PERSON, nothing stated
    names = (m("Corvina de Plata", 0), m("Corvina", 60, "Person"), m("Corvina", 120, "Person"))
    [entity] = resolve([(doc("a"), Extraction("a", 2, names, ()))], vocab).entities.values()
    assert {entity.label, *entity.aliases} == {"Corvina", "Corvina de Plata"}


def test_a_short_name_ending_two_firms_names_is_not_the_venture_of_another_firm(vocab):
    # "Talbot ... Societe des Outils Quill ... Talbot Quill ... Quill": Talbot Quill is the
    # venture of Talbot and Quill, the short form names the other firm
    names = (m("Talbot", 0), m("Talbot", 10), m("Talbot", 20), m("Societe des Outils Quill", 40),
             m("Talbot Quill", 80), m("Talbot Quill", 100), m("Quill", 120), m("Quill", 140))
    found = labels(resolve([(doc("a"), Extraction("a", 3, names, ()))], vocab))
    assert "Quill" in found["Societe des Outils Quill"].aliases
    assert "Talbot Quill" in found


def test_a_place_s_name_before_an_organization_s_name_is_that_organization(vocab):
    one = Extraction("a", 1, (m("Tarrow", 0, "Place"), m("Tarrow Hawks", 20),
                              m("Tarrow Fed", 40)), ())
    two = Extraction("b", 1, (m("Hawks", 0), m("Hawks", 30)), ())
    three = Extraction("c", 1, (m("Times", 0), m("Tarrow", 20, "Place"), m("Tarrow Times", 40),
                                m("Quillby", 60, "Place"), m("Quillby Times", 80)), ())
    four = Extraction("d", 1, (m("U.S.", 0, "Place"), m("US Quill Board", 10),
                               m("TARROW", 28, "Place"), m("TARROW Vexa Corp", 30)), ())
    five = Extraction("e", 1, (m("Quill Board", 0), m("Quill Board", 20), m("Vexa Corp", 40),
                               m("Fed", 80), m("Fed", 90)), ())
    found = labels(resolve([(doc("a"), one), (doc("b"), two), (doc("c"), three),
                            (doc("d"), four), (doc("e"), five)], vocab))
    assert "Hawks" in found["Tarrow Hawks"].aliases
    assert {"Times", "Tarrow Times", "Quillby Times"} <= set(found)
    assert "US Quill Board" in found["Quill Board"].aliases  # a country's initials: no label
    assert "TARROW Vexa Corp" not in found["Vexa Corp"].aliases  # a dateline's place
    assert {"Tarrow Fed", "Fed"} <= set(found)  # a city's branch of a body


def test_the_head_of_firms_names_after_a_place_s_name_is_no_team_of_it(vocab):
    # "Tarrow Communications" in one story, "Communications" alone in another: a word that
    # ends firms' names is not the organization the place's name opens
    one = Extraction("a", 1, (m("Tarrow", 0, "Place"), m("Tarrow Communications", 20)), ())
    two = Extraction("b", 1, (m("Communications", 0), m("Communications", 30)), ())
    found = labels(resolve([(doc("a"), one), (doc("b"), two)], vocab))
    assert "Communications" not in found["Tarrow Communications"].aliases


def test_a_name_read_as_where_a_phrase_built_on_it_is_gets_no_place_vote(vocab):
    # "the carrier Quillair ... The Quillair group": the recogniser's place reading of the
    # name made the rule read the group as in Quillair, which says nothing of its class
    names = (m("Quillair", 0, "Place"), m("Quillair", 40, "Place"))
    hints = (TypeHint(m("Quillair", 0), "Organization", 1.5, "carrier Quillair"),)
    located = cand(m("Quillair group", 36, ""), "locatedIn", m("Quillair", 40, "Place"))
    ext = Extraction("a", 2, names, (located,), (), hints)
    assert labels(resolve([(doc("a"), ext)], vocab))["Quillair"].type == "Organization"


def test_a_one_word_name_called_a_person_listed_with_products_is_one(vocab):
    # "assets like Quillmail, Vexatube and Orbo": the recogniser called Quillmail a person
    mail, tube, orbo = m("Quillmail", 0, "Person"), m("Vexatube", 20, "Product"), \
        m("Orbo", 40, "Product")
    ext = Extraction("a", 1, (mail, tube, orbo),
                     (cand(mail, "coordinated", tube, canonical=False),
                      cand(tube, "coordinated", orbo, canonical=False),
                      cand(mail, "coordinated", orbo, canonical=False)), (),
                     (TypeHint(m("Vexatube", 20), "Product", 2.0, "example of 'assets'"),
                      TypeHint(m("Orbo", 40), "Product", 2.0, "example of 'assets'")))
    assert labels(resolve([(doc("a"), ext)], vocab))["Quillmail"].type == "Product"


def test_a_persons_relation_said_of_a_place_is_dropped(vocab, extract):
    from kg.model import Document

    text = ("Ana Ruiz, head of Chile's rescue agency, spoke on Monday. Dana Marsh, director "
            "of rate strategy at Vexa Securities, said rates would rise.")
    graph = resolve([(Document("d", "d.txt", text), extract(text))], vocab).documents[0]
    facts = {(s.subject, s.predicate, s.object) for s in graph.statements}
    assert ("Ana_Ruiz", "worksFor", "Chile") not in facts  # no country employs her here
    assert ("Dana_Marsh", "worksFor", "Vexa_Securities") in facts


def test_a_fact_whose_end_has_not_the_class_of_the_relation_is_only_a_record(vocab):
    """"Ana Ruiz worksFor Quellion" with Quellion a product (the organization and the product
    are often taken for each other, so the fact is kept): the graph could not say "people work
    for organizations" of it, so the fact is a record, not an edge."""
    from kg.stores.quads import document_quads

    ruiz, vexa = m("Ana Ruiz", 0, "Person"), m("Vexa", 100)
    quellion = tuple(m("Quellion", 20 + 10 * i, "Product") for i in range(3))  # read 3 times
    ext = Extraction("a", 1, (ruiz, *quellion, vexa),
                     (cand(ruiz, "worksFor", quellion[0]), cand(ruiz, "worksFor", vexa, start=30)))
    graph = resolve([(doc("a"), ext)], vocab).documents[0]
    typed = {st.object: st.typed for st in graph.statements}
    assert typed == {"Quellion": False, "Vexa": True}
    edges = {q.object.value.rsplit("/", 1)[-1] for q in document_quads(graph)
             if q.predicate.value.endswith("#worksFor")}
    assert edges == {"Vexa"}


def _pair(town: str, region: str, start: int = 0) -> Candidate:
    """"Tarrow, Wash.": a town and the region its name is written with."""
    place, where = m(town, start, "Place"), m(region, start + len(town) + 2, "Place")
    return Candidate(place, "locatedIn", where,
                     Evidence("d", start, where.end, "a sentence", "place-pair", 0.8))


def test_a_name_of_a_big_town_and_a_region_is_the_region_where_the_story_says_so(vocab):
    """"Washington" is the capital of the datelines and the state of "Tarrow, Washington" and
    "Wash.": two nodes, each story's name on the one it means; the city's possessive
    ("Washington's Vexa Airport") says the city."""
    city = Extraction("a", 1, (m("Washington", 0, "Place"), m("Vexa Airport", 13, "Place")),
                      (cand(m("Vexa Airport", 13, "Place"), "locatedIn",
                            m("Washington", 0, "Place")),))
    pair = Extraction("b", 1, (m("Tarrow", 0, "Place"), m("Washington", 8, "Place")),
                      (_pair("Tarrow", "Washington"),))
    short = Extraction("c", 1, (m("Quillby", 0, "Place"), m("Wash.", 9, "Place"),
                                m("Wash.", 40, "Place")), (_pair("Quillby", "Wash."),))
    alone = Extraction("d", 1, (m("Washington", 0, "Place"),), ())
    # "Washington, Washington": the city named with its state, both one cluster of the story
    both = Extraction("e", 1, (m("Washington", 0, "Place"), m("Washington", 12, "Place")),
                      (_pair("Washington", "Washington"),))
    res = resolve([(doc("a"), city), (doc("b"), pair), (doc("c"), short), (doc("d"), alone),
                   (doc("e"), both)], vocab)
    places = labels(res)
    assert {"Washington", "Washington (state)"} <= set(places)
    assert places["Washington (state)"].aliases == ("Wash.", "Washington")
    assert places["Washington (state)"].geo.id == 5815135  # the state's GeoNames feature
    facts = {(s.subject, s.object) for g in res.documents for s in g.statements}
    assert facts == {("Vexa_Airport", "Washington"), ("Tarrow", "Washington_state"),
                     ("Quillby", "Washington_state")}
    named = {g.document.doc_id: {c.entity for c in g.mentions} for g in res.documents}
    assert "Washington" in named["d"] and "Washington_state" not in named["d"]
    assert named["e"] == {"Washington"}


def test_a_region_no_big_town_is_named_after_is_one_node_however_read(vocab):
    pair = Extraction("b", 1, (m("Tarrow", 0, "Place"), m("Vermont", 8, "Place")),
                      (_pair("Tarrow", "Vermont"),))
    alone = Extraction("a", 1, (m("Vermont", 0, "Place"), m("Vermont", 20, "Place")), ())
    places = labels(resolve([(doc("a"), alone), (doc("b"), pair)], vocab))
    assert "Vermont" in places and not any("(" in label for label in places)


def test_a_name_followed_by_the_kind_of_region_it_is_is_the_region(vocab, extract):
    """"New York state" is the state, "New York" alone the city."""
    from kg.model import Document

    texts = {"a": "Tarrow Vexin flew home to New York state on Monday to see his family.",
             "b": "Ana Quill opened a bakery in New York on Friday."}
    res = resolve([(Document(k, f"{k}.txt", t), extract(t)) for k, t in texts.items()], vocab)
    named = {g.document.doc_id: {c.entity for c in g.mentions} for g in res.documents}
    assert "New_York_state" in named["a"] and "New_York" not in named["a"]
    assert "New_York" in named["b"] and "New_York_state" not in named["b"]


def test_a_story_that_names_the_town_more_often_than_the_region_is_the_town_s(vocab):
    """A story of New York (the city, named three times) that once names "Tarrow, New York"."""
    city = tuple(m("New York", 40 * k, "Place") for k in range(3))
    story = Extraction("a", 3, (m("Tarrow", 200, "Place"), m("New York", 208, "Place"), *city),
                       (_pair("Tarrow", "New York", 200),))
    assert set(labels(resolve([(doc("a"), story)], vocab))) == {"Tarrow", "New York"}


def test_a_town_named_with_its_region_written_two_ways_is_one_town(vocab):
    """"Tarrow, Wash." and "Tarrow, Washington" are one town, which "Tarrow" alone is too;
    "Tarrow, Ore." is another."""
    items = [(doc(k), Extraction(k, 1, (m(name, 0, "Place"),), ())) for k, name in
             (("a", "Tarrow, Wash."), ("b", "Tarrow, Washington"), ("c", "Tarrow"),
              ("d", "Tarrow, Wash."))]
    places = labels(resolve(items, vocab))
    assert set(places) == {"Tarrow"}
    assert set(places["Tarrow"].aliases) == {"Tarrow, Wash.", "Tarrow, Washington"}
    other = (doc("e"), Extraction("e", 1, (m("Tarrow, Ore.", 0, "Place"),), ()))
    assert set(labels(resolve([*items[:2], other], vocab))) == {"Tarrow, Wash.", "Tarrow, Ore."}


def test_a_town_s_label_is_its_name_without_the_region_whatever_the_case(vocab):
    """"TARROW, Wash." of a dateline and "Tarrow": the town is "Tarrow"; beside "TARROW"
    alone, the name with its region is the one not in capitals."""
    def label(*names):
        items = [(doc(str(k)), Extraction(str(k), 1, (m(n, 0, "Place"),), ()))
                 for k, n in enumerate(names)]
        return [e.label for e in resolve(items, vocab).entities.values()]

    assert label("TARROW, Wash.", "TARROW, Wash.", "Tarrow", "Tarrow, Wash.") == ["Tarrow"]
    assert label("TARROW, Wash.", "TARROW") == ["TARROW, Wash."]


def test_clusters_grouped_as_read_merge_as_a_list_of_them_does():
    from collections import Counter

    from kg.resolve.clusters import Cluster, group

    def made():
        return [Cluster(Counter({name: n + 1}), Counter(), Counter({"Organization": 1}))
                for n, name in enumerate(["Quorlan", "Vexmill", "Quorlan Corp", "Drasby",
                                          "Vexmill"])]

    pairs = [(0, 2, "same name: quorlan"), (1, 4, "same name: vexmill")]
    listed, listed_uf = group(made(), pairs)
    read, read_uf = group(iter(made()), pairs, 5)
    assert list(read) == list(listed) and [read_uf.find(i) for i in range(5)] == [
        listed_uf.find(i) for i in range(5)]
    assert {r: (c.names, c.merges) for r, c in read.items()} == {
        r: (c.names, c.merges) for r, c in listed.items()}
    assert read[3].names == Counter({"Drasby": 4})  # a group of one is the cluster read


def test_entities_kept_apart_never_share_a_key_whatever_their_labels():
    from kg.resolve.corpus import free_key

    taken: set[str] = set()
    for label, kind in [("Jo_Park", "Person"), ("Jo_Park", "Organization"),
                        ("Jo_Park", "Person"), ("Jo_Park", "Person"), ("Jo_Park_Person", "Person")]:
        taken.add(free_key(label, kind, taken))
    assert taken == {"Jo_Park", "Jo_Park_Organization", "Jo_Park_Person", "Jo_Park_Person_2",
                     "Jo_Park_Person_Person"}


def test_a_nationality_s_word_alone_is_no_firm_s_label(vocab):
    # "American Quillon Group ... American said ... American's shares": the story's short form
    # is a nationality's word, which names no firm of its own
    names = (m("American Quillon Group", 0), m("American", 40), m("American", 80),
             m("American", 120))
    found = labels(resolve([(doc("a"), Extraction("a", 3, names, ()))], vocab))
    assert "American Quillon Group" in found
    assert "American" not in found
    # ... nor where its other names are its key once their generic words are dropped
    names = (m("American Holdings Group Ltd", 0), m("American", 40), m("American", 80),
             m("American", 120))
    found = labels(resolve([(doc("a"), Extraction("a", 3, names, ()))], vocab))
    assert "American" not in found


def test_a_firm_named_by_a_nationality_and_generic_words_is_not_any_story_s_bare_nationality(
        vocab):
    # "American Holdings Group Ltd" in one story, "American" (some other firm) in another: the
    # firm's key keeps its generic words, so the two stay apart
    one = Extraction("a", 1, (m("American Holdings Group Ltd", 0),
                              m("American Holdings Group Ltd", 40)), ())
    two = Extraction("b", 1, (m("American", 0), m("American", 30)), ())
    found = labels(resolve([(doc("a"), one), (doc("b"), two)], vocab))
    assert "American" in found
    assert "American" not in found["American Holdings Group Ltd"].aliases


def test_a_dense_union_find_joins_as_the_other_does():
    from kg.resolve.clusters import DenseUnionFind, UnionFind

    sparse, dense = UnionFind(), DenseUnionFind(12)
    for a, b in [(3, 7), (7, 11), (2, 5), (5, 3), (9, 10)]:
        assert sparse.union(a, b) == dense.union(a, b)
    assert not dense.union(11, 2)
    assert [sparse.find(i) for i in range(12)] == [dense.find(i) for i in range(12)] == [
        0, 1, 2, 2, 4, 2, 6, 2, 8, 9, 9, 2]
