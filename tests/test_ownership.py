"""Ownership, rivals, partners, shares and what is only planned (sentences written for these
tests, with invented names)."""

import pytest

from tests.conftest import triples

GIVES = [
    # a share of something is about that thing; a minority share is a stake in it
    ("Corvex Systems bought 40 pct of Brightwater Mills last year.",
     ("Corvex Systems", "investedIn", "Brightwater Mills")),
    ("Just over half of Brightwater Mills is owned by Corvex Systems.",
     ("Corvex Systems", "owns", "Brightwater Mills")),
    ("The joint venture, Brightwater Mills, will be 60 pct owned by Corvex Systems.",
     ("Corvex Systems", "owns", "Brightwater Mills")),
    ("Brightwater Mills, 80 pct-owned by Corvex Systems, said it would grow.",
     ("Corvex Systems", "owns", "Brightwater Mills")),
    ("Corvex Systems took a 20 pct stake in Brightwater Mills.",
     ("Corvex Systems", "investedIn", "Brightwater Mills")),
    ("Brightwater Mills is 45 percent owned by Corvex Systems.",
     ("Corvex Systems", "investedIn", "Brightwater Mills")),
    # an apposition naming the owner before the part noun
    ("Brightwater Finance Ltd, another Corvex Systems subsidiary, said profit rose.",
     ("Brightwater Finance Ltd", "subsidiaryOf", "Corvex Systems")),
    # a part whose name ends in a company noun, whatever the recogniser took it for
    ("It also acquired 70% of Brightwater's US affiliate Eon Labs, and offered to buy the rest.",
     ("Eon Labs", "subsidiaryOf", "Brightwater")),
    # co-owners own; a participle set off after a relative clause describes the name before it
    # owners who share a firm each hold a stake: none controls it alone
    ("The ship, whose engines were made by Talmer Motors, co-owned by Corvex Systems and "
     "Delta Papers, sank.", ("Delta Papers", "investedIn", "Talmer Motors")),
    ("Quill Faith is equally owned by Vexa Ltd and Orvik Holdings Ltd.",
     ("Vexa Ltd", "investedIn", "Quill Faith")),
    ("The deal created a new computer company jointly owned by Vexa, Quill and Orvik.",
     ("Quill", "investedIn", "new computer company")),
    # selling a minority share to someone: the buyer has a stake
    ("Corvex Systems sold 20 pct of Brightwater Mills to Delta Papers.",
     ("Delta Papers", "investedIn", "Brightwater Mills")),
    # selling to someone: the buyer acquired it
    ("Brightwater Mills was sold to Corvex Systems in 2001.",
     ("Corvex Systems", "acquired", "Brightwater Mills")),
    # a named part under a possessor
    ("Corvex Systems said its Brightwater unit would grow.",
     ("Brightwater", "subsidiaryOf", "Corvex Systems")),
    # rivals and "between"
    ("Corvex Systems is to buy rival Brightwater Mills.",
     ("Brightwater Mills", "competitorOf", "Corvex Systems")),
    ("The battle between Corvex Systems and Brightwater Mills is heating up.",
     ("Corvex Systems", "competitorOf", "Brightwater Mills")),
    ("Corvex Systems said it and Brightwater Mills will form a joint venture.",
     ("Corvex Systems", "partnerOf", "Brightwater Mills")),
    # a share said through a relative pronoun
    ("Corvex Systems bought a stake in Delta Papers, of which it holds 17 pct.",
     ("Corvex Systems", "hold", "Delta Papers")),
    ("They met Quanta Bank, a lender in which Corvex Systems has a 75 pct holding.",
     ("Corvex Systems", "investedIn", "Quanta Bank")),
    # named parts listed under a possessor
    ("Corvex Systems said it will merge its Quanta Life Co and Quanta Home Co units.",
     ("Quanta Home Co", "subsidiaryOf", "Corvex Systems")),
    ("Corvex said it completed the sale of 57 pct of its Delta Maps unit to Quanta Corp on Monday.",
     ("Quanta Corp", "acquired", "Delta Maps")),
    ("Quanta Corp acquired 3.6 mln shares of Corvex's common stock.",
     ("Quanta Corp", "investedIn", "Corvex")),
    # a part named with no owner, in what a company says, is the speaking company's
    ("Corvex Systems Ltd said a newly formed subsidiary, the Brightwater Mining group, has "
     "signed a contract with Delta Papers.",
     ("Brightwater Mining", "subsidiaryOf", "Corvex Systems Ltd")),
    ("Corvex Holdings said it is moving its mining operations into a single affiliate, "
     "Corvex Mining and Drilling Inc, to be based in Leeds.",
     ("Corvex Mining and Drilling Inc", "subsidiaryOf", "Corvex Holdings")),
    # a list of named parts, whatever class the recogniser gave a name in it
    ("Halvern Industries Plc makes valves. Its valves complement those of Halvern "
     "subsidiaries, Tallow Pipe U.K. And Brenmac.", ("Brenmac", "subsidiaryOf", "Halvern")),
    # the owner's share said once with its verb, then only with "by"
    ("Tarn Mills will be 60 pct owned by Corvex Systems, 25 pct by Delta Papers and 15 pct "
     "by Quanta Corp.",
     ("Delta Papers", "investedIn", "Tarn Mills")),
    # the rest of a thing just shared out
    ("They work with Tarn Bank, a lender in which Corvex Systems has a 75 pct holding. The "
     "remaining 25 pct is owned by Delta Papers.", ("Delta Papers", "investedIn", "Tarn Bank")),
    # a share of a named part sold to two buyers: each has a stake in the part
    ("Corvex Inc said it has completed the sale of 60 pct of its Delta Maps computer business "
     "to Quanta Corp and Brightwater Mills for 50 mln dlrs.",
     ("Quanta Corp", "investedIn", "Delta Maps")),
    # "owner of A and B" where the parser hangs B on the noun
    ("As part of the deal, Norvale - owner of Tessa's and Bramwell's - will assume $6bn of "
     "Kettle's debt.", ("Norvale", "owns", "Bramwell")),
]


@pytest.mark.parametrize(("text", "expected"), GIVES)
def test_ownership_and_rivalry_are_read(extract, text, expected):
    assert expected in triples(extract(text))


@pytest.mark.parametrize(("text", "state"), [
    ("Corvex Systems plans to buy Brightwater Mills.", "planned"),
    ("Corvex Systems is to buy Brightwater Mills.", "planned"),
    ("Corvex Systems could buy Brightwater Mills.", "possible"),
    ("Corvex Systems can buy Brightwater Mills under the ruling.", "possible"),
    ("Corvex Systems denied buying Brightwater Mills.", "denied"),
    ("Corvex Systems bought Brightwater Mills.", "asserted"),
    ("Corvex Systems agreed to buy Brightwater Mills.", "planned"),
    ("Corvex Systems will buy Brightwater Mills.", "planned"),
    ("Corvex Systems said it will buy Brightwater Mills next year.", "planned"),
    ("Corvex Systems, which bought Brightwater Mills, will open a plant.", "asserted"),
    ("Corvex Systems declined to confirm that it bought Brightwater Mills.", "possible"),
    ("Corvex Systems declined to buy Brightwater Mills.", "denied"),
    ("If Corvex Systems buys Brightwater Mills, prices will rise.", "possible"),
    ("Corvex Systems is expected to buy Brightwater Mills.", "possible"),
    ("Analysts believe Corvex Systems bought Brightwater Mills.", "possible"),
    ("Corvex Systems needs to buy Brightwater Mills.", "possible"),
    ("Corvex Systems decided to buy Brightwater Mills.", "planned"),
    ("Corvex Systems was urged to buy Brightwater Mills.", "possible"),
    ("Corvex Systems managed to buy Brightwater Mills.", "asserted"),
    ("Corvex Systems had to buy Brightwater Mills.", "asserted"),
])
def test_the_modality_of_a_fact_is_kept(extract, text, state):
    found = [c for c in extract(text).candidates if c.relation == "acquired"]
    assert [c.evidence.modality for c in found] == [state]


def test_a_planned_fact_is_recorded_but_not_asserted(tmp_path, nlp):
    from kg.pipeline import BuildOptions, build
    from kg.queries import run_query
    from kg.store import Store

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Corvex Systems plans to buy Brightwater Mills.\n\n"
                                  "Corvex Systems bought Delta Papers last year.\n")
    # without the confidence gate (--no-gate): a plan stays a record even so
    options = BuildOptions(store=tmp_path / "store", out=tmp_path / "out", gate=False)
    build([folder], options, nlp=nlp)
    with Store(tmp_path / "store", create=False) as store:
        asserted = run_query(store, "SELECT ?o WHERE { ?s kg:acquired ?o }").rows
        records = run_query(store, """
            SELECT ?o ?m WHERE { ?st rdf:predicate kg:acquired ; rdf:object ?o ;
                                     kg:modality ?m }""").rows
    assert set(asserted) == {("ent:Delta_Papers",)}
    assert list(records) == [("ent:Brightwater_Mills", "planned")]


@pytest.mark.parametrize(("text", "expected"), [
    # a relational noun said of a description relates what it refers to
    ("In those years the firm was a great rival to Brightwater Mills.",
     ("firm", "competitorOf", "Brightwater Mills")),
    # "has a rival in X"
    ("It already has a rival in Brightwater Mills.", ("It", "competitorOf", "Brightwater Mills")),
    # named members of a class noun are objects too
    ("Corvex Systems publishes games such as Starfall and Moonrise.",
     ("Corvex Systems", "released", "Moonrise")),
    # went bust and was sold: the shared subject was sold
    ("Delta Papers went bust in 1994 and was sold to Corvex Systems.",
     ("Corvex Systems", "acquired", "Delta Papers")),
])
def test_relations_from_descriptions_and_examples(extract, text, expected):
    assert expected in triples(extract(text))


def test_a_rival_that_is_the_subject_competes_with_the_story_s_organization(vocab, extract):
    from kg.model import MentionKind
    from kg.resolve.document import cluster_document, local_statements

    found = extract("Corvex Systems sells maps. Corvex Systems grew. Delta Papers sells maps. "
                    "Rival map maker Brightwater Mills said it would cut prices.")
    rivals = [c for c in found.candidates if c.evidence.rule == "rival"]
    assert [(c.subject.text, c.object.kind) for c in rivals] == [("Brightwater Mills",
                                                                  MentionKind.FOCUS)]
    state = cluster_document(found, vocab)
    resolved = [f.statement for f in local_statements(found, state, vocab)
                if f.statement.predicate == "competitorOf"]
    assert [state.clusters[st.object].label() for st in resolved] == ["Corvex Systems"]


def test_a_symmetric_fact_is_asserted_both_ways_and_recorded_once(tmp_path, nlp):
    from kg.pipeline import BuildOptions, build
    from kg.queries import run_query
    from kg.store import Store

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The battle between Corvex Systems and Brightwater Mills is "
                                  "heating up.\n")
    build([folder], BuildOptions(store=tmp_path / "store", out=tmp_path / "out", gate=False),
          nlp=nlp)  # the rule's fact asserted whatever its confidence (--no-gate)
    with Store(tmp_path / "store", create=False) as store:
        pairs = set(run_query(store, "SELECT ?a ?b WHERE { ?a kg:competitorOf ?b }").rows)
        records = run_query(store, "SELECT ?st WHERE { ?st rdf:predicate kg:competitorOf }")
    assert pairs == {("ent:Corvex_Systems", "ent:Brightwater_Mills"),
                     ("ent:Brightwater_Mills", "ent:Corvex_Systems")}
    assert len(records.rows) == 1


def test_an_advantage_over_a_rival_is_competition(extract):
    found = triples(extract("Analysts say Corvex Systems can gain a clear advantage over "
                            "Brightwater Mills."))
    assert ("Corvex Systems", "competitorOf", "Brightwater Mills") in found


@pytest.mark.parametrize(("text", "wrong"), [
    ("Corvex Systems sold 20 pct of Brightwater Mills to Delta Papers.",
     ("Delta Papers", "acquired", "Brightwater Mills")),
    # a minority share is a stake, not ownership; a count of shares is no share of the whole
    ("Brightwater Mills is 45 percent owned by Corvex Systems.",
     ("Corvex Systems", "owns", "Brightwater Mills")),
    ("Corvex Systems bought 30 pct of Brightwater Mills.",
     ("Corvex Systems", "acquired", "Brightwater Mills")),
    # a nationality before the part noun owns nothing
    ("Brightwater Finance Ltd, a Belgian subsidiary, said profit rose.",
     ("Brightwater Finance Ltd", "subsidiaryOf", "Belgian")),
    # what a company buys is no part of it yet
    ("Corvex Systems said it will buy Brightwater Mills, a wholly owned unit.",
     ("Brightwater Mills", "subsidiaryOf", "Corvex Systems")),
    # half owned is a stake, not control
    ("The firm, Tarn Mills, is 50 pct owned by Corvex Systems and 50 pct by Delta Papers.",
     ("Delta Papers", "owns", "Tarn Mills")),
    # a share split among buyers is no acquisition by either
    ("Corvex Inc said it has completed the sale of 60 pct of its Delta Maps computer business "
     "to Quanta Corp and Brightwater Mills for 50 mln dlrs.",
     ("Quanta Corp", "acquired", "Delta Maps")),
])
def test_stakes_are_not_ownership(extract, text, wrong):
    assert wrong not in triples(extract(text))


def test_the_owner_s_part_that_speaks_is_the_story_s_company(vocab, extract):
    from kg.resolve.document import cluster_document, local_statements

    found = extract("Tarn Capital Corp said it will redeem its notes. Tarn Capital Corp "
                    "sold bonds in 1985.\nThe Corvex Corp unit said the move follows a stock "
                    "split.\nThe Vexa unit said it would hire 200 workers.")
    state = cluster_document(found, vocab)
    parts = [(state.clusters[st.subject].label(), state.clusters[st.object].label())
             for f in local_statements(found, state, vocab)
             if (st := f.statement).predicate == "subsidiaryOf"]
    assert parts == [("Tarn Capital Corp", "Corvex Corp")]


def test_a_parent_company_set_off_after_its_child_owns_it(nlp, vocab):
    """The parser sometimes hangs the set-off name on the person the title describes
    ("quoted Ana Ruiz, chairman of Delta Land's parent company, Corvex Holdings Ltd, as
    saying"); the parse is rebuilt so, as seen on wire copy."""
    from spacy.tokens import Doc

    from kg.extract.found import Found
    from kg.extract.mentions import MentionIndex
    from kg.extract.ownership import set_off_owners

    parsed = nlp("The paper quoted Ana Ruiz, chairman of Delta Land's parent company, Corvex "
                 "Holdings Ltd, as saying the firm would grow.")
    heads = [t.head.i for t in parsed]
    deps = [t.dep_ for t in parsed]
    ruiz = next(t.i for t in parsed if t.text == "Ruiz")
    ltd = next(t.i for t in parsed if t.text == "Ltd")
    heads[ltd], deps[ltd] = ruiz, "appos"
    doc = Doc(nlp.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_)
                                                                   for t in parsed],
              heads=heads, deps=deps, pos=[t.pos_ for t in parsed],
              tags=[t.tag_ for t in parsed], lemmas=[t.lemma_ for t in parsed],
              ents=[f"{'B' if t.ent_iob_ == 'B' else t.ent_iob_ or 'O'}-{t.ent_type_}"
                    if t.ent_type_ else "O" for t in parsed])
    index = MentionIndex(doc, vocab, 0)
    found = Found(index, "test")
    set_off_owners(index, found)
    assert [(c.subject.text, c.relation, c.object.text) for c in found.candidates] == [
        ("Delta Land", "subsidiaryOf", "Corvex Holdings Ltd")]


def test_an_owner_before_a_name_owns_the_name_before_it(extract):
    found = triples(extract("The stadium talks were led by Harbor City Hawks owner Dana "
                            "Whitlow on Tuesday."))
    assert ("Dana Whitlow", "owns", "Harbor City Hawks") in found
    # a capitalised common word opening the sentence is no owned name
    found = triples(extract("Media owner Corvex Corp said it would cut 250 jobs."))
    assert not any(r == "owns" for _, r, _ in found)


def test_a_new_owner_owns_the_story_s_company(vocab, extract):
    from kg.resolve.document import cluster_document, local_statements

    found = extract("Tarvex Computers went bust in 1994. Tarvex Computers was sold last year. "
                    "Tarvex made home computers.\nNew owner Brightwater Media Ventures has not "
                    "ruled out new Tarvex machines.")
    state = cluster_document(found, vocab)
    owns = [(state.clusters[st.subject].label(), state.clusters[st.object].label())
            for f in local_statements(found, state, vocab)
            if (st := f.statement).predicate == "owns"]
    assert ("Brightwater Media Ventures", "Tarvex Computers") in owns


@pytest.mark.parametrize(("text", "wrong"), [
    # a part just sold is its seller's no more
    ("Corvex Co said it has completed the sale of its leasing unit, Tarn Leasing Inc, to "
     "Delta Papers.", ("Tarn Leasing Inc", "subsidiaryOf", "Corvex Co")),
    ("Quanta Corp said it completed its purchase of Corvex Co's Tarn Mills unit, a maker of "
     "feed.", ("Tarn Mills", "subsidiaryOf", "Corvex Co")),
    ("Quanta Inc bought Corvex Co's Tarn Mills division on Monday.",
     ("Corvex Co", "possessive", "Tarn Mills")),
])
def test_a_part_just_sold_is_its_seller_s_no_more(extract, text, wrong):
    assert wrong not in triples(extract(text))


def test_the_seller_of_a_purchase_is_not_its_buyer(extract):
    # "the purchase of X from Y": Y sold X; the buyer is the clause's subject, if any
    sold = triples(extract("The proceeds will repay a note issued for the acquisition of Tarn "
                           "Mills from Delta Papers Corp."))
    assert ("Delta Papers Corp", "acquired", "Tarn Mills") not in sold
    bought = triples(extract("Quanta Corp completed the purchase of Tarn Mills from Delta "
                             "Papers Corp."))
    assert ("Quanta Corp", "acquired", "Tarn Mills") in bought
    assert ("Delta Papers Corp", "acquired", "Tarn Mills") not in bought


def test_a_part_only_to_be_sold_is_still_its_owner_s(extract):
    found = triples(extract("Corvex Co said it will sell its leasing unit, Tarn Leasing Inc, "
                            "to Delta Papers."))
    assert ("Tarn Leasing Inc", "subsidiaryOf", "Corvex Co") in found


@pytest.mark.parametrize(("text", "relation", "state"), [
    # a venture or a sale said with a noun keeps the modality of its clause
    ("Corvex Systems said it and Delta Papers will form a joint venture.", "partnerOf",
     "planned"),
    ("Corvex Systems and Delta Papers formed a joint venture last year.", "partnerOf",
     "asserted"),
    ("Corvex said the proposed sale of Tarn Maps to Quanta Corp was delayed.", "acquired",
     "proposed"),
    # a deal a regulator or the owners consented to is allowed, not done
    ("The watchdog approved Quanta Corp's takeover of Delta Papers on Friday.", "acquired",
     "planned"),
    ("The takeover of Delta Papers by Quanta Corp was cleared by the commission.", "acquired",
     "planned"),
    ("Quanta Corp completed its takeover of Delta Papers on Friday.", "acquired", "asserted"),
])
def test_the_modality_of_a_fact_said_with_a_noun_is_kept(extract, text, relation, state):
    found = [c for c in extract(text).candidates if c.relation == relation]
    assert found and {c.evidence.modality for c in found} == {state}


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    # the parser sets the name beside the noun before it and hangs the clause on that noun
    ("In a filing with the Securities and Exchange Commission, Tarvex, which is owned by Jo "
     "Parkman, said it bought shares.", ("Jo Parkman", "owns", "Tarvex"),
     ("Jo Parkman", "owns", "Securities and Exchange Commission")),
    ("In a filing with the Securities and Exchange Commission, Jo Parkman, who controls Tarvex "
     "Inc, offered more cash.", ("Jo Parkman", "owns", "Tarvex Inc"),
     ("Securities and Exchange Commission", "owns", "Tarvex Inc")),
])
def test_a_relative_clause_is_said_of_the_name_right_before_it(extract, text, expected, wrong):
    found = triples(extract(text))
    assert expected in found and wrong not in found


def test_a_count_of_shares_bought_is_a_stake_not_the_company(extract):
    found = triples(extract("Vexa Corp said it bought 500,000 shares of Tarrow Inc on Monday. "
                            "Orvik Life Co, a mutual insurer that on March 31 acquired 3.6 mln "
                            "shares of Quillon National's common stock, said so. Dorne Ltd "
                            "bought all the shares of Pell Inc."))
    assert ("Vexa Corp", "investedIn", "Tarrow Inc") in found
    assert ("Orvik Life Co", "investedIn", "Quillon National") in found
    assert [t for t in found if t[1] == "acquired"] == [("Dorne Ltd", "acquired", "Pell Inc.")]


def test_a_count_of_goods_bought_is_a_purchase_not_a_takeover(extract):
    found = triples(extract("The Vexland State Trading Corp bought 46,000 tonnes of wheat. "
                            "Tarlo Inc acquired Orvik Ltd in May."))
    assert ("Tarlo Inc", "acquired", "Orvik Ltd") in found
    assert not [t for t in found if t[0] == "Vexland State Trading Corp" and
                t[1] in ("acquired", "owns")]
