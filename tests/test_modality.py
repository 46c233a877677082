"""What a sentence claims of a fact: done, planned, possible or denied (sentences and names
invented for these tests)."""

import pytest


def _modalities(extraction, verb: str) -> set[str]:
    return {c.evidence.modality for c in extraction.candidates
            if c.relation.split()[0] == verb or c.relation == verb}


@pytest.mark.parametrize(("text", "verb", "state"), [
    # what its subject said it would do is an announced intention
    ("Tarvex Holdings said it would close its Dunmore plant in May.", "close", "planned"),
    ("Ilse Brandt said she would return to her law firm.", "return", "planned"),
    # ... not what others said would happen, nor a condition, nor a refusal
    ("Analysts said it would close the Dunmore plant.", "close", "possible"),
    ("Tarvex said it would buy Quillon if regulators approved.", "acquired", "possible"),
    ("The company said it would close the Dunmore plant.", "close", "planned"),
    # an arrangement announced is planned, whoever it is for
    ("Tarvex announced that Ilse Brandt would run the Dunmore plant.", "run", "planned"),
    ("Tarvex revealed that it would close the Dunmore plant.", "close", "planned"),
    ("Tarvex announced that Otto Rask had resigned and Ilse Brandt would run the Dunmore "
     "plant.", "run", "planned"),
    # what someone must do is an obligation, not a plan
    ("Tarvex must close the Dunmore plant, regulators said.", "close", "possible"),
    # a request or a threat is nobody's plan
    ("Tarvex was urged to close the Dunmore plant.", "close", "possible"),
    ("Tarvex needs to close the Dunmore plant.", "close", "possible"),
    ("Tarvex is pushing to close the Dunmore plant.", "close", "planned"),
    ("Tarvex is calling on Orbis to cut prices.", "cut", "possible"),
    # an obligation is no plan, and "had to" says it was done
    ("Tarvex will have to repay its lenders.", "repay", "possible"),
    ("Tarvex has to repay its lenders.", "repay", "possible"),
    ("Tarvex had to repay its lenders.", "repay", "asserted"),
    # a guess about the future is speculation
    ("Perhaps Tarvex will close the Dunmore plant.", "close", "possible"),
    # a purchase only considered, in a gerund, is no purchase done
    ("Tarvex has been considering buying Quillon since the spring.", "acquired", "planned"),
    ("Analysts said Tarvex may consider buying Quillon.", "acquired", "possible"),
    # an agreement or a promise on a condition is possible; a negated intention denied; a
    # concession ("even if") is no condition
    ("Otto Rask has agreed to take over as chairman of Tarvex if Ilse Brandt retires.",
     "take over as", "possible"),
    ("Tarvex plans to buy Orbis if regulators approve.", "acquired", "possible"),
    ("Tarvex did not agree to buy Orbis.", "acquired", "denied"),
    ("Ilse Brandt does not want to sell Tarvex.", "sell", "denied"),
    ("Tarvex owns Orbis, even if its shares fell.", "owns", "asserted"),
    # an attempt may fail: neither a plan told nor a deed done; not trying is a refusal
    ("Tarvex tried to close the Dunmore plant.", "close", "possible"),
    ("Ilse Brandt is attempting to sell the Dunmore plant.", "sell", "possible"),
    ("Tarvex did not try to close the Dunmore plant.", "close", "denied"),
    ("Tarvex has pledged to try to close the Dunmore plant.", "close", "planned"),
    # failing is a denial, unless it is the condition of something else
    ("Tarvex failed to close the Dunmore plant.", "close", "denied"),
    ("Orbis will sue if Tarvex fails to close the Dunmore plant.", "close", "possible"),
    # what one hopes to do is planned (the lemmatiser reads "hopes" as "hop"); what one did
    # before hoping was done
    ("After touring Ohio, Ilse Brandt hopes to visit Tarvex in May.", "visit", "planned"),
    ("After touring Ohio, Ilse Brandt hopes to visit Tarvex in May.", "tour", "asserted"),
    # a clause of time in the present tells the future; in the past, what was done
    ("The fines stay until Tarvex repays its lenders.", "repay", "possible"),
    ("The fines stayed until Tarvex repaid its lenders.", "repay", "asserted"),
    # a clause after a semicolon, or a finite clause of time, keeps its own tense
    ("Tarvex closed the Dunmore plant; analysts expect more closures.", "close", "asserted"),
    ("Readers will smile as Ilse Brandt describes the town.", "describe", "asserted"),
    # a future that befalls its subject, or that one thing brings on another, is a forecast
    ("The merger will see Quillon overtake Vexa as the largest brewer.", "overtake",
     "possible"),
    ("Orbis won the case, and Tarvex will suffer losses.", "suffer", "possible"),
    ("Northern Varnland will face long droughts as the lakes dry up.", "face", "possible"),
    ("Ilse Brandt will undergo surgery on her knee.", "undergo", "possible"),
    ("Tarvex will buy Orbis.", "acquired", "planned"),
    # ... and so is what a thing of no class will do: nobody means it; what a thing of a
    # class (a service, a company) will do is its maker's plan
    ("Tarvex launched Dunmore Mail, a move that will give its customers free storage.",
     "give", "possible"),
    ("Tarvex opened Dunmore Mail, a service that will give Orbis customers more space.",
     "give", "planned"),
    ("Ana Ruiz runs Dunmore Mail, a start-up which will offer storage to Orbis customers.",
     "offer", "planned"),
    # what others believe or expect will happen is a forecast
    ("Analysts believe Tarvex will buy Orbis.", "acquired", "possible"),
    ("Most brokers are optimistic that Tarvex will buy Orbis.", "acquired", "possible"),
    # a counterfactual is no plan
    ("Ilse Brandt would be better off selling Tarvex.", "sell", "possible"),
    ("Otto Rask runs Tarvex. He'd be better off selling Orbis, Ilse Brandt said.", "sell",
     "possible"),
    ("With Tarvex leading the way, the league should be stronger.", "lead", "possible"),
    # the present progressive with a time to come tells the future
    ("Tarvex is opening a plant in Dunmore next week.", "open", "planned"),
    ("Tarvex is meeting Orbis on Tuesday.", "meet", "planned"),
    ("Tarvex was meeting Orbis on Tuesday.", "meet", "asserted"),
    ("Tarvex is building a plant in Dunmore.", "build", "asserted"),
    # what one did before a guess was done; what one settled without doing was not done
    ("Ilse Brandt might miss the final after having surgery to repair her knee.", "repair",
     "asserted"),
    ("Tarvex settled with regulators without admitting or denying the charges.", "deny",
     "denied"),
    # refusing to comment refuses the comment; what one declines to confirm is left open
    ("Ilse Brandt refused to comment on the report.", "comment on", "denied"),
    ("Ilse Brandt declined to confirm that Tarvex bought Orbis.", "acquired", "possible"),
    # a verb the parser hangs on the preposition of the one before shares its modality
    ("Ilse Brandt said she would consider either buying into or starting banks in Ohio.",
     "start", "planned"),
    # what the thing one plans would do is part of the plan
    ("Tarvex is planning a new unit, Skyline Air, which would compete with Quillon.",
     "competitorOf", "planned"),
    ("Tarvex bought a new unit, Skyline Air, which would compete with Quillon.",
     "competitorOf", "possible"),
    # what a clause of purpose names was an aim, not a deed
    ("In what was a foolish gambit, during the unrest of the 60s, the Tarrow Bureau encouraged "
     "the most extreme groups in order to discredit and split the left.", "split", "planned"),
])
def test_a_fact_is_as_done_as_its_clause_says(extract, text, verb, state):
    assert _modalities(extract(text), verb) == {state}


def test_a_name_change_still_to_come_makes_a_planned_former_name(extract):
    later = extract("Quillon Bank said it would change its name to Brightwater Bank.")
    assert [c.evidence.modality for c in later.candidates if c.relation == "formerName"] == [
        "planned"]
    done = extract("Quillon Bank changed its name to Brightwater Bank last year.")
    assert [c.object.text for c in done.candidates if c.relation == "formerName"] == [
        "Quillon Bank"]


def _extract_with(nlp, tmp_path, added: str):
    """An extractor that reads the shipped ontology with the Turtle ``added`` to it."""
    from kg.documents import paragraphs
    from kg.extract.run import extract_document
    from kg.ontology import DEFAULT_ONTOLOGY, load_vocabulary

    path = tmp_path / "kg.ttl"
    path.write_text(DEFAULT_ONTOLOGY.read_text(encoding="utf-8") + added, encoding="utf-8")
    vocab = load_vocabulary(path)
    return lambda text: extract_document(
        "test", [(nlp(p.text), p.start) for p in paragraphs(text)], vocab)


def test_the_cue_words_are_the_ontology_s(nlp, extract, tmp_path):
    """A cue word a user adds to the ontology changes what a clause claims: with "reckon" a
    forecasting word, what analysts reckon is possible, no longer asserted."""
    text = "Analysts reckon Tarvex bought Orbis."
    assert _modalities(extract(text), "acquired") == {"asserted"}
    added = _extract_with(nlp, tmp_path, '\nkg:modality kg:forecastingWord "reckon" .\n')
    assert _modalities(added(text), "acquired") == {"possible"}


def test_announcing_verbs_are_speech_verbs_and_disclosing_verbs(vocab):
    """One vocabulary of verbs of saying: the narrower lists' words count for the wider ones
    (rdfs:subPropertyOf), and no rule keeps a list of its own."""
    assert {"say", "announce", "report"} <= vocab.announcing_verbs <= vocab.speech_verbs
    assert vocab.announcing_verbs <= vocab.modality.disclosing
    assert vocab.modality.publishing <= vocab.modality.disclosing
    assert "indicate" in vocab.modality.disclosing - vocab.speech_verbs
