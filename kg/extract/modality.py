"""What a sentence claims of a fact: that it happened, or only that it is possible, planned,
proposed or denied ("could buy", "plans to buy", "will buy", "a proposed takeover", "denied
buying").

The cue words are data (``ModalityCues``: ``kg:intendingVerb``, ``kg:forecastingWord``, ...
on ``kg:modality`` in the ontology); what stays here is English grammar: the auxiliaries,
the conjunctions of a condition or a time, the prepositions of a clause done or undone."""

from __future__ import annotations

from kg.extract.words import Token
from kg.model import ASSERTED
from kg.ontology import ModalityCues, Vocabulary

HEDGES = frozenset({"could", "might", "may", "would", "should", "can", "must"})
# A clause in the future tells what someone means to do, not what was done: "Vexa will buy Quill".
FUTURE = frozenset({"will", "'ll", "shall"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
# Conjunctions of a condition: "if Vexa buys X", "unless Vexa buys X".
CONDITIONS = frozenset({"if", "unless"})
# Conjunctions of a time whose present tense tells the future: "sanctions stay until Vexa
# repeals the rule".
TIME_TO_COME = frozenset({"until", "till", "once", "before", "after"})
# Pronouns a speaker calls itself by: "Vexa said it would buy X".
PERSONAL = frozenset({"it", "he", "she", "they", "we"})
# Prepositions of a clause told as done before the one it hangs on: "after buying X, Vexa
# hopes to ..." bought X.
AFTER_THE_FACT = frozenset({"after", "since", "following", "despite", "upon"})
# Prepositions of a clause not done: "settled without admitting X".
LEFT_UNDONE = frozenset({"without"})
# Forms the lemmatiser gets wrong ("hopes" -> "hop"), read as the verb they are.
MISREAD_LEMMAS = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}
PAST_TENSE = "VBD"
FINITE = frozenset({"VBD", "VBZ", "VBP"})


def modality(token: Token, vocab: Vocabulary) -> str:
    """Whether the clause of ``token`` says a thing happened ("asserted"), was only "possible"
    ("could buy"), "planned" ("plans to buy", "is to buy") or "denied" ("denied buying").
    Reads the auxiliaries and the governing verbs up the chain of infinitive clauses, with
    the ontology's cue words (``vocab.modality``)."""
    return _modality(token, vocab.modality)


def _modality(token: Token, cues: ModalityCues) -> str:
    if token.pos_ in ("NOUN", "PROPN"):
        if any(c.lower_ in cues.unrealised for c in token.children
               if c.dep_ in ("amod", "compound")):
            return "proposed"
        return _noun_modality(token, cues)
    node, below = token, None  # below: the clause the chain came up from
    for _ in range(4):
        auxes = {_aux(c, node) for c in node.children if c.dep_ == "aux"}
        if _conditional(node) or _on_condition(node) or any(
                c.dep_ == "advmod" and c.lower_ in cues.guessing for c in node.children):
            return "possible"
        if auxes & HEDGES:
            return "planned" if auxes & HEDGES == {"would"} and (
                _announced(node, cues) or _in_a_plan(node, cues)) else "possible"
        if auxes & FUTURE or (auxes & PRESENT_BE and node.tag_ == "VBG" and _to_come(node, cues)):
            believed = node.dep_ == "ccomp" and _lemma(node.head) in cues.forecasting
            # "analysts believe Vexa will buy X", "dealers are optimistic it will": a forecast
            return "possible" if believed or _forecast(node, below, cues) or (
                auxes & FUTURE and _unwilled(node, cues)) else "planned"
        head = node.head
        if head is node or _clause_of_its_own(node, head):
            break
        lemma = _lemma(head)
        if _purpose(node):
            return "planned"  # "hired bankers in order to sell X": an aim, not a deed
        if node.dep_ == "pcomp" and head.lower_ in AFTER_THE_FACT:
            break  # "might miss X after having surgery": the surgery was done
        if node.dep_ == "pcomp" and head.lower_ in LEFT_UNDONE:
            return "denied"
        if node.dep_ in ("xcomp", "ccomp", "pcomp", "advcl") and lemma in cues.denying:
            if _conditional(head):  # "if Vexa fails to buy X": a condition, not a denial
                return "possible"
            # "declined to confirm that Vexa bought X" leaves the purchase open; "declined to
            # comment" refuses the comment itself
            return "possible" if _lemma(node) in cues.telling and node is not token else "denied"
        if node.dep_ == "xcomp" and "to" in auxes and lemma == "have" and \
                head.tag_ != PAST_TENSE:
            return "possible"  # "Vexa has to pay", "will have to pay"; "had to pay" was paid
        if node.dep_ in ("xcomp", "ccomp") and lemma in cues.forecasting:
            return "possible"
        if node.dep_ == "xcomp" and "to" in auxes and lemma in cues.attempting:
            # "tried to buy X", "is attempting to form X": an attempt, which may fail, is no
            # plan told and no deed done; but one promised or planned is part of the plan
            # ("pledged to try to buy X")
            if any(c.dep_ == "neg" for c in head.children):
                return "denied"
            above = _modality(head, cues)
            return "possible" if above == ASSERTED else above
        if node.dep_ == "xcomp" and lemma in cues.intending and (
                "to" in auxes or (node.tag_ == "VBG" and lemma not in ("be", "set", "look"))):
            # (a gerund too: "has been considering buying X" is no purchase done)
            if any(c.dep_ == "neg" for c in head.children):
                return "denied"  # "did not agree to buy X", "does not want to sell X"
            # "agreed to buy X if regulators approve": an agreement on a condition
            if "to" not in auxes:  # "may consider buying X" is as open as the considering
                above = _modality(head, cues)
                return "planned" if above == ASSERTED else above
            return "possible" if _on_condition(head) else "planned"
        if node.dep_ == "xcomp" and "to" in auxes and lemma in cues.obliging:
            # "is pushing to release X" is the subject's own aim; "pushed Vexa to", "was
            # asked to" someone else's
            own = lemma in cues.striving and not any(
                c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("on", "upon"))
                for c in head.children)  # "called on Vexa to": Vexa's, not the caller's
            return "planned" if own else "possible"
        if node.dep_ == "pcomp" and _lemma(head.head) in cues.intending | cues.denying and \
                _lemma(head.head) != "be":  # "would be better off selling X": no plan
            return "planned" if _lemma(head.head) in cues.intending else "denied"
        governor = head.head if node.dep_ == "pcomp" else head
        if node.dep_ in ("xcomp", "pcomp") and any(c.dep_ == "neg" for c in governor.children):
            return "denied"  # "did not admit killing X", "pleaded not guilty to killing X"
        if node.dep_ == "pcomp" and governor.dep_ in ("acomp", "oprd"):
            node, below = governor.head, node  # "is expected to plead guilty to killing X"
            continue
        if node.dep_ == "pcomp" and head.pos_ == "ADP" and governor.pos_ in ("VERB", "AUX"):
            node, below = governor, node  # "could save it by killing X": the clause above
            continue
        if node.dep_ == "conj" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
            # "would consider buying into or starting X": the parser hangs the second verb on
            # the first one's preposition
            node, below = head.head, node
            continue
        if node.dep_ not in ("xcomp", "conj", "ccomp", "pcomp", "advcl", "relcl", "acl"):
            break
        node, below = head, node
    return ASSERTED


def _aux(aux: Token, verb: Token) -> str:
    """An auxiliary as a word: "'d" before a bare verb is "would" ("he'd be better off"),
    before a participle "had"."""
    if aux.lower_ in ("'d", "’d"):
        return "would" if verb.tag_ == "VB" else "had"
    return aux.lower_


def _lemma(token: Token) -> str:
    return MISREAD_LEMMAS.get(token.lower_) or token.lemma_.lower()


def _conditional(verb: Token) -> bool:
    """"if Vexa buys X": the clause is a condition; "until Vexa repeals X", "once Vexa buys X":
    a time still to come (the present tense of a clause of time tells the future)."""
    return any(c.dep_ == "mark" and (c.lower_ in CONDITIONS or (
        c.lower_ in TIME_TO_COME and verb.tag_ in ("VBZ", "VBP"))) for c in verb.children)


def _on_condition(verb: Token) -> bool:
    """"Vexa will buy X if regulators approve": the verb holds a clause of condition (not a
    concession, "even if", nor a manner, "as if")."""
    return any(c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in CONDITIONS and
        (m.i == 0 or m.doc[m.i - 1].lower_ not in ("even", "as")) for m in c.children)
        for c in verb.children)


def _announced(verb: Token, cues: ModalityCues) -> bool:
    """"Vexa said it would buy X", "Ruiz said she would resign": a clause with "would" that
    its own subject's announcement governs (not "analysts said it would take months", nor
    "would buy X if ...")."""
    clause = verb  # "announced that Ruiz had resigned and Ames would take over": the first
    while clause.dep_ == "conj" and clause.head is not clause:  # clause's announcement
        clause = clause.head
    speaker = clause.head
    if any(c.dep_ == "acomp" and c.tag_ == "JJR" for c in verb.children):
        return False  # "she said he'd be better off selling X": a judgment, no intention
    if clause.dep_ != "ccomp" or _lemma(speaker) not in cues.disclosing or \
            any(c.dep_ == "neg" for c in verb.children) or \
            any(c.dep_ == "advcl" and _conditional(c) for c in verb.children):
        return False
    if _lemma(speaker) in cues.publishing:
        return True  # "Vexa announced that Ruiz would take over": an arrangement made known
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    said_by = next((c for c in speaker.children if c.dep_ == "nsubj"), None)
    if subject is None or said_by is None:
        return False
    if subject.lower_ == said_by.lower_:
        return True
    if subject.lower_ not in PERSONAL or said_by.pos_ not in ("PROPN", "NOUN"):
        return False
    if said_by.pos_ == "PROPN":  # a name speaks of itself ("Vexa Holdings said it ...")
        return True
    plural = said_by.tag_ == "NNS"
    return plural == (subject.lower_ in ("they", "we"))


def _forecast(verb: Token, below: Token | None, cues: ModalityCues) -> bool:
    """A future that befalls its subject ("Vexa will benefit from X") or that its subject
    brings on someone else ("the deal will see Vexa overtake Quill", "the cuts will make Vexa
    the leader"): a forecast of a consequence, nobody's plan."""
    if _lemma(verb) in cues.befalling:
        return True
    if below is None or below.dep_ not in ("ccomp", "xcomp"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in below.children)


def _unwilled(verb: Token, cues: ModalityCues) -> bool:
    """A future whose subject is no one who could mean it: a thing of no class, in lower case
    and unnamed ("the move will give its users X", "cuts that will save $1bn", "parts of the
    coast will face droughts"; not "the leader, Ana Ruiz, will", "a start-up which will"),
    with no time set ("the deal will close in May" is a date fixed: planned)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "a move that will give": the move
    if subject is None or subject.pos_ != "NOUN" or not subject.is_lower or \
            any(c.pos_ == "PROPN" for c in subject.children):
        return False
    doc = subject.doc
    word = subject.lemma_.lower()
    if subject.i >= 2 and doc[subject.i - 1].text == "-":  # "start-up", split by the tokenizer
        word = f"{doc[subject.i - 2].lower_}-{subject.lower_}"
    return word not in cues.classed and not _to_come(verb, cues)


def _to_come(verb: Token, cues: ModalityCues) -> bool:
    """A time to come said on the verb: "next week", "on Tuesday", "in May", "later"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on"):
            words = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("npadvmod", "advmod", "tmod"):
            words = [child]
        else:
            continue
        if any(w.lower_ in cues.to_come for word in words for w in word.subtree):
            return True
    return False


def _in_a_plan(verb: Token, cues: ModalityCues) -> bool:
    """"Vexa is planning a show that would combine X and Y": what the planned thing would do
    is part of the plan."""
    noun = verb.head
    while noun.dep_ == "appos" and noun.head is not noun:  # "a unit, Skyline, which would"
        noun = noun.head
    return verb.dep_ == "relcl" and noun.dep_ == "dobj" and \
        _lemma(noun.head) in cues.intending - {"be", "set", "look"}


def _clause_of_its_own(node: Token, head: Token) -> bool:
    """A clause whose claim does not come from the verb it hangs from: one set off by a
    semicolon ("Vexa bought X; analysts expect ..."), or a finite adverbial clause that is no
    condition ("you will see X as she lays out Y", or a main clause the parser hung from the
    next one)."""
    first, last = (node.i, head.i) if node.i < head.i else (head.i, node.i)
    doc = node.doc
    if any(doc[k].text == ";" for k in range(first + 1, last)):
        return True
    return node.dep_ == "advcl" and node.tag_ in FINITE and not _conditional(node)


def _noun_modality(noun: Token, cues: ModalityCues) -> str:
    """A noun's claim comes from the clause it stands in: "reached a settlement with X" is
    done, "sought a settlement with X" planned, "failed to reach", "did not accept" one
    denied, "approved a merger with X" allowed (planned); and from a noun above it: "talks on a
    merger with X" are not a merger."""
    node = noun
    while node.head.i != node.i and node.head.pos_ not in ("VERB", "AUX"):
        if node.head.pos_ == "NOUN" and _lemma(node.head) in cues.pending:
            return "planned"
        node = node.head
    verb = node.head
    if verb.i == node.i:
        return ASSERTED  # a phrase with no verb above it: a headline
    lemma = _lemma(verb)
    if any(c.dep_ == "neg" for c in verb.children):
        return "denied"
    if node.dep_ == "dobj" and lemma in cues.denying:
        return "denied"
    if node.dep_ == "dobj" and lemma in cues.intending and lemma not in ("be", "set", "look"):
        return "planned"
    if node is noun and node.dep_ in ("dobj", "nsubjpass") and lemma in cues.approving and \
            any(c.dep_ == "prep" for c in noun.children):
        return "planned"  # "cleared the takeover of X": allowed, not done (not "approved a drug")
    if node.dep_ == "dobj" and lemma in cues.obliging - {"call", "order"}:
        return "possible"  # "needs a settlement with X"; not "called a meeting"
    if node.dep_ == "prep" and node.lower_ in ("for", "toward", "towards") and \
            lemma in cues.pursuing | cues.intending:
        return "planned"
    return _modality(verb, cues)


def _purpose(verb: Token) -> bool:
    """"in order to sell X", "so as to sell X": a clause of purpose, which its words mark."""
    if verb.dep_ == "acl" and verb.head.lower_ == "order" and verb.head.head.lower_ == "in":
        return True
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return verb.dep_ == "advcl" and {"so", "as"} <= marks
