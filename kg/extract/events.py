"""Relations named by a noun rather than a verb: "the murder of Jane Roe by Tom Pell", "Hooli's
headquarters in Leeds", "Roe's assassin, Tom Pell", "the Roe killer Tom Pell"; and who a
charge names: "Tom Pell, convicted of the murder of Jane Roe"."""

from __future__ import annotations

from kg.extract.clauses import _subjects, conjuncts, verb_phrase
from kg.extract.found import Found
from kg.extract.mentions import MentionIndex
from kg.extract.modality import modality
from kg.extract.places import containers, is_place
from kg.extract.words import Span, Token
from kg.model import Mention, MentionKind

CONFIDENCE = {"event-noun": 0.75, "event-charge": 0.7, "agent-noun": 0.75,
              "event-instrument": 0.7, "event-settlement": 0.75, "event-introduced": 0.7}
# Relations of a verb whose object may be a new thing the next sentence names: "Vexa launched
# a service. The service, Vexa Go, ...", "opened a bottle shop. The Quill Bottle Shop sells".
INTRODUCING = frozenset({"released", "developed", "founderOf", "acquired"})
# Verbs of that kind the ontology maps to no relation, kept as open relations.
OPENING = frozenset({"open"})
# What a settlement ends, whose "by" phrase or owner names the other party: "settled charges
# by the regulator", "settle the agency's claims", "settled SEC charges".
TIMES = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY"})
CLAIMS = frozenset({"charge", "claim", "allegation", "lawsuit", "suit", "case", "dispute",
                    "complaint", "action", "litigation", "accusation"})
# What kills in the hands of someone: "fired the shots that killed X".
INSTRUMENTS = frozenset({"shot", "bullet", "bomb", "round", "gunfire", "missile", "grenade"})
# Verbs whose passive subject is the one a charge or sentence names: "convicted of X".
CHARGING = frozenset({"convict", "charge", "accuse", "suspect", "indict", "arrest", "sentence",
                      "jail", "imprison", "execute", "try", "hang"})
# Verbs whose subject serves the sentence for a crime: "Pell is serving life for X's murder".
SENTENCED = frozenset({"serve", "face", "spend"})


def _event_noun(index: MentionIndex, noun: Token) -> str | None:
    vocab = index.vocab
    if noun.i > 0:
        pair = f"{noun.doc[noun.i - 1].lower_} {noun.lower_}"
        if pair in vocab.event_nouns:
            return vocab.event_nouns[pair]
    return vocab.event_nouns.get(noun.lower_) or vocab.event_nouns.get(noun.lemma_.lower())


def _charged(index: MentionIndex, noun: Token) -> Mention | None:
    """"Tom Pell was convicted of the murder of X", "Pell, charged with X's killing", "police
    arrested Pell for the murder of X", "Pell is serving 20 years for the murder of X": the
    person the charge or sentence names."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("of", "with", "for"):
        return None
    verb = prep.head
    for _ in range(3):  # "serving 20 years in prison for": up to the verb
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    lemma = verb.lemma_.lower()
    if lemma not in CHARGING and not (lemma in SENTENCED and prep.lower_ == "for"):
        return None
    for deps in (("nsubjpass",), ("dobj",) if lemma in CHARGING else ("nsubj",)):
        people = [c for c in verb.children if c.dep_ in deps]
        if people:
            return index.argument(people[0], allow_concept=False)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return index.argument(verb.head, allow_concept=False)
    return None


def _objects(index: MentionIndex, noun: Token, placed: bool) -> list[Token]:
    """What an event noun is about: its "of" phrase ("the murder of X"), for a place also its
    "in" phrase ("headquarters in Leeds"), or the name it describes ("Leeds, Hooli's
    headquarters")."""
    preps = ("of", "in") if placed else ("of",)
    found = [o for p in noun.children if p.dep_ == "prep" and p.lower_ in preps
             for c in p.children if c.dep_ == "pobj" for o in conjuncts(c)]
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if placed and after is not None and after.lower_ == "in" and after.head.i != noun.i:
        # "a briefing at Vexa headquarters in nearby Dover": an "in" right after the noun
        # is where it is, wherever the parser hung it
        found += [c for c in after.children if c.dep_ == "pobj"]
    if placed:
        # "her New Jersey home": a place before the noun
        found += [c for c in noun.children if c.dep_ in ("compound", "nmod") and c.i < noun.i]
        found = [o for o in found if is_place(index, index.name(o))]
    if not found and placed and noun.dep_ == "attr" and noun.head.lemma_ == "be":
        # "Texas is Ann Blake's home state"
        found = [c for c in noun.head.children if c.dep_ == "nsubj"
                 and is_place(index, index.name(c))]
    if not found and placed:
        left = noun.left_edge.i
        # "Dover, Jane Roe's hometown" (which the parser may read as a list)
        set_beside = noun.dep_ == "appos" or (noun.dep_ == "conj" and left > 0 and
                                              index.doc[left - 1].text == ",")
        if set_beside and index.name(noun.head) is not None:
            found = [noun.head]
        found += [c for c in noun.children if c.dep_ == "appos" and index.name(c) is not None]
    if placed:
        # and every place of a "City, State" chain: "Dover, Delaware" names both
        inside = containers(index)
        spans = {index.name(o) for o in found}
        found += [index.doc[inner.end - 1] for inner, outers in inside.items()
                  if inner not in spans and spans & set(outers)]
        found += [index.doc[outer.end - 1] for span in spans if span in inside
                  for outer in inside[span] if outer not in spans]
    return found


def _agent(index: MentionIndex, noun: Token, placed: bool) -> Mention | None:
    """Who the event noun's relation starts from: for a place, its possessor or a name before it
    ("Hooli's headquarters", "the Hooli headquarters"); else its "by" phrase."""
    children = list(noun.children)
    if placed:
        # "the Vexa Corp.'s Dover, Del., headquarters": the parser may hang the possessor on
        # the place before the noun
        children += [g for c in noun.children if c.dep_ in ("compound", "nmod") and
                     is_place(index, index.name(c)) for g in c.children if g.dep_ == "poss"]
    for child in children:
        if placed and child.dep_ == "poss":
            return index.argument(child, allow_concept=False)
        if placed and child.dep_ in ("compound", "nmod") and (span := index.name(child)) \
                and not is_place(index, span):
            return index.name_mention(span)
        if not placed and child.dep_ == "prep" and child.lower_ == "by":
            agent = [c for c in child.children if c.dep_ == "pobj"]
            return index.argument(agent[0], allow_concept=False) if agent else None
    return None


def event_nouns(index: MentionIndex, found: Found) -> None:
    """A noun the ontology lists as naming a relation. For a place relation its possessor is
    the subject and its "in" or "of" phrase the place ("Hooli's headquarters in Leeds", "her
    hometown of Dover"); otherwise its "by" phrase or the person a charge names is the subject
    and its "of" phrase or possessor the object ("the murder of X by Y", "Y, convicted of X's
    murder")."""
    vocab = index.vocab
    for noun in index.doc.having("pos_", "NOUN"):
        relation = _event_noun(index, noun)
        if relation is None:
            continue
        placed = vocab.ranges.get(relation) == "Place"
        objects = _objects(index, noun, placed)
        if not objects and not placed:
            objects = [c for c in noun.children if c.dep_ == "poss"]
        subject, rule = _agent(index, noun, placed), "event-noun"
        if subject is None and not placed:
            subject, rule = _charged(index, noun), "event-charge"
        if subject is None or subject.kind == MentionKind.DESCRIPTION:
            continue
        if relation == "livesIn" and subject.kind == MentionKind.PRONOUN and \
                subject.label != "Person":
            relation = "locatedIn"  # "its home in Leeds": a company is based there
        if relation == "locatedIn" and subject.label == "Person":
            continue  # "Jo Park's headquarters in Dover": his command's or campaign's, not his
        for o in objects:
            obj = index.argument(o, allow_concept=False)
            if obj is not None and obj.kind == MentionKind.NAME and obj.text != subject.text:
                found.relation(subject, relation, obj, noun, rule, CONFIDENCE[rule])


def agent_nouns(index: MentionIndex, found: Found) -> None:
    """"Roe's assassin Tom Pell", "the Roe killer Tom Pell": an agent noun of a relation whose
    object is a person, written before a name, with its object as possessor or modifier."""
    vocab = index.vocab
    for noun in index.doc.having("dep_", "compound", "nmod"):
        relation = vocab.relation_nouns.get(f"{noun.lemma_.lower()} of")
        if relation is None or vocab.ranges.get(relation) != "Person" or \
                index.name(noun) is not None:
            continue
        agent = index.name(noun.head)
        if agent is None or agent.start <= noun.i:
            continue
        # the name just before the noun, hung on it or on the agent's name
        before = noun.i - 1 - (noun.i > 1 and index.doc[noun.i - 1].tag_ == "POS")
        victim = index.name(index.doc[before]) if before >= 0 else None
        if victim is not None and victim != agent and \
                index.doc[victim.end - 1].head.i in (noun.i, agent.end - 1):
            found.relation(index.name_mention(agent), relation, index.name_mention(victim),
                           noun, "agent-noun", CONFIDENCE["agent-noun"])


def instruments(index: MentionIndex, found: Found) -> None:
    """"Tom Pell fired the shots that killed Ann Blake", "a bomb planted by Tom Pell killed
    Ann Blake": who used what killed is the killer."""
    vocab = index.vocab
    for verb in index.doc.having("pos_", "VERB"):
        if vocab.relation_for_verb(verb.lemma_.lower()) != "killed":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        tool = verb.head if verb.dep_ == "relcl" and subjects and \
            subjects[0].lower_ in ("that", "which") else (subjects[0] if subjects else None)
        if tool is None or tool.lemma_.lower() not in INSTRUMENTS:
            continue
        user = None
        if tool.dep_ == "dobj":
            agents = [c for c in tool.head.children if c.dep_ == "nsubj"]
            user = index.argument(agents[0], allow_concept=False) if agents else None
        for acl in (c for c in tool.children if c.dep_ == "acl"):
            for agent in (g for c in acl.children if c.dep_ == "agent" for g in c.children
                          if g.dep_ == "pobj"):
                user = index.argument(agent, allow_concept=False)
        victims = [o for c in verb.children if c.dep_ == "dobj" for o in conjuncts(c)]
        if user is None or user.kind == MentionKind.DESCRIPTION:
            continue
        for v in victims:
            victim = index.argument(v, allow_concept=False)
            if victim is not None and victim.kind == MentionKind.NAME:
                found.relation(user, "killed", victim, verb, "event-instrument",
                               CONFIDENCE["event-instrument"])


def _claimants(index: MentionIndex, claim: Token) -> list[Token]:
    """Who brought a claim: its "by" or "from" phrase ("charges by the regulator", "claims
    brought by Vexa"), its owner ("the agency's charges") or a name before it ("SEC
    charges")."""
    found = [c for c in claim.children if c.dep_ == "poss" or (
        c.dep_ in ("compound", "nmod") and c.i < claim.i and index.name(c) is not None)]
    for prep in (c for c in claim.children if c.dep_ == "prep" and c.lower_ in ("by", "from")):
        found += [o for c in prep.children if c.dep_ == "pobj" for o in conjuncts(c)]
    for acl in (c for c in claim.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        found += [o for c in acl.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj" for o in conjuncts(g)]
    return found


def settlements(index: MentionIndex, found: Found) -> None:
    """"Vexa paid $5m to settle charges by the regulator", "Vexa settled the agency's claims":
    who settles a claim settles with whoever brought it ("settled with X" and "a settlement
    with X" the ontology maps)."""
    vocab = index.vocab
    for verb in index.doc.having("pos_", "VERB"):
        if verb.lemma_.lower() != "settle" or \
                any(c.dep_ == "neg" for c in verb.children):
            continue
        claims = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in CLAIMS]
        parties = [p for c in claims for p in _claimants(index, c)]
        if claims:  # the parser may hang the "by" phrase on the verb
            parties += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                        for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in TIMES
                        for o in conjuncts(g)]
        subjects, _ = _subjects(verb)
        if not parties or not subjects:
            continue
        state = modality(verb, index.vocab)
        for subject in _named_subjects(index, subjects):
            for p_tok in parties:
                party = index.argument(p_tok)
                # a party the text does not name is still one: "U.S. regulators"
                if party is None or party.text == subject.text or (
                        party.kind == MentionKind.CONCEPT and
                        vocab.noun_class(p_tok) not in ("Organization", "Person")):
                    continue
                found.relation(subject, "settledWith", party, verb, "event-settlement",
                               CONFIDENCE["event-settlement"], modality=state)


def _named_subjects(index: MentionIndex, subjects: list[Token]) -> list[Mention]:
    """The mentions of ``subjects``, but for descriptions ("the firm")."""
    found = [index.argument(s, allow_concept=False) for s in subjects]
    return [m for m in found if m is not None and m.kind != MentionKind.DESCRIPTION]


def _next_sentence(index: MentionIndex, found: Found,
                   sent: Span) -> tuple[Span, MentionIndex] | None:
    """The sentence after ``sent``: in its paragraph, or the first of the next one."""
    if sent.end < len(index.doc):
        return index.doc[sent.end].sent, index
    if found.following is None or not len(found.following.doc):
        return None
    return next(found.following.doc.sents), found.following


def _naming(index: MentionIndex, sent: Span, noun: Token) -> Mention | None:
    """The name a sentence gives the thing an indefinite noun introduced: "The service,
    Vexa Go, ..." (the noun again, with a name in apposition), or "The Quill Bottle Shop
    sells ..." (a name after "the" that ends in the noun's words)."""
    words = [t.lower_ for t in noun.doc[noun.i:noun.i + 1]]
    words = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i] + words
    for token in sent:
        if token.lemma_ == noun.lemma_ and token.pos_ == "NOUN" and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            # "The service, Vexa Go beta, ...": the name may be a modifier of the apposition
            names = {span for c in token.children if c.dep_ == "appos"
                     for t in (c, *(g for g in c.children if g.dep_ == "compound"))
                     if (span := index.name(t)) is not None}
            if len(names) == 1:
                return index.name_mention(names.pop())
        span = index.name(token)
        if span is None or token.i != span.start or span.start == 0 or \
                index.doc[span.start - 1].lower_ != "the" or span.end - span.start <= len(words):
            continue
        tail = [t.lower_ for t in index.doc[span.end - len(words):span.end]]
        if tail == words and span.label not in ("Person", "Place"):
            return index.name_mention(span)
    return None


def introduced_names(index: MentionIndex, found: Found) -> None:
    """"Vexa has launched a search service. The service, Vexa Go, ...": the thing a verb of
    making or buying introduces with "a" is the one the next sentence names."""
    vocab = index.vocab
    for verb in index.doc.having("pos_", "VERB"):
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        phrase = verb_phrase(verb)
        relation = vocab.relation_for_verb(phrase)
        if relation not in INTRODUCING and phrase not in OPENING:
            continue
        nouns = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and
                 any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children) and
                 not any(index.name(t) is not None for t in c.subtree if t.i <= c.i)]
        subjects, _ = _subjects(verb)
        after = _next_sentence(index, found, verb.sent) if nouns and subjects else None
        if after is None:
            continue
        sent, there = after
        named = [m for n in nouns if (m := _naming(there, sent, n)) is not None]
        state = modality(verb, index.vocab)
        for subject in _named_subjects(index, subjects):
            for obj in named:
                if obj.text != subject.text:
                    found.relation(subject, relation or phrase, obj, verb, "event-introduced",
                                   CONFIDENCE["event-introduced"], canonical=relation is not None,
                                   modality=state)

