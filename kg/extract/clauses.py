"""Verb relations: who did what to whom, in active and passive voice, in relative clauses, with
shared subjects (coordination, control verbs) and prepositional objects."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.found import Found, part_of_another
from kg.extract.mentions import MentionIndex
from kg.extract.modality import modality
from kg.extract.names import ends_like_firm
from kg.extract.places import described_names
from kg.extract.titles import RANKS
from kg.extract.words import Token
from kg.model import Mention, MentionKind
from kg.ontology import Vocabulary

SUBJECT_DEPS = frozenset({"nsubj"})
OBJECT_DEPS = frozenset({"dobj"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
# Verbs whose object is a proposition, not a thing: facts come from the clause they embed.
REPORTING = frozenset({"say", "tell", "state", "claim", "believe", "think", "report", "add",
                       "note", "argue", "explain", "write", "ask", "reveal", "know", "see",
                       "appear", "seem", "consider", "be", "do", "get", "let",
                       "allow", "help", "want", "need", "aim", "plan", "try", "begin",
                       "continue", "decide", "expect", "intend", "hope", "use"})
# Adjectives whose "of"/"to" gerund says what their subject did: "pleaded guilty to killing X".
CULPABLE = frozenset({"guilty"})
# Verbs that put someone in a post: the participle after their object is the appointee's.
APPOINTING = frozenset({"name", "appoint", "elect", "promote", "nominate", "hire", "pick"})
# Prepositions that attach circumstances (time, manner, comparison), not a verb's argument;
# "as" with a post is one ("resigned as president", "served as chairman"), see _as_post.
CIRCUMSTANTIAL = frozenset({"during", "after", "before", "since", "until", "despite", "amid",
                            "including", "like", "than", "as", "because", "per", "via", "by",
                            "within", "without", "unlike", "throughout", "among", "across",
                            "over", "under", "around", "near", "behind", "beyond", "toward",
                            "towards", "about", "of", "in", "at", "for"})
# A verb with one of these complements says something about its subject, not an object.
PREDICATIVE = frozenset({"acomp", "attr", "oprd", "ccomp", "xcomp"})
# Verbs that modify a noun ("plants needed for X") rather than head a clause.
MODIFIER_DEPS = frozenset({"acl", "amod"})
# Relations a minority share turns into a stake ("owns 49 pct of", "bought 20 pct of").
STAKE_OVER = frozenset({"owns", "acquired"})
PERCENT_WORDS = frozenset({"pct", "%", "percent", "per"})
# Confidence of each rule before coreference and hedging discounts.
CONFIDENCE = {
    "verb": 0.9, "verb-passive": 0.85, "verb-relative": 0.85, "verb-shared-subject": 0.8,
    "verb-control": 0.75, "verb-participle": 0.75, "verb-preposition": 0.7,
}


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Facebook, Instagram and WhatsApp"),
    but not a name that opens the next clause (see ``opens_clause``), nor a quoted title
    the parser hung on an unquoted name ('Jo Park, author of "Rip" and "The Tale", was
    born ...': the tale was not)."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and not opens_clause(c)
                     and (quoted(t) or not quoted(c)) and not _verb_read_as_noun(c))
    return sorted(out, key=lambda t: t.i)


def _verb_read_as_noun(token: Token) -> bool:
    """"has 26 shops and plans to add 30": a noun with an infinitive the parser made its
    complement (as it does a verb's) is the verb of a predicate of its own, no object."""
    return token.pos_ == "NOUN" and any(c.dep_ == "xcomp" for c in token.children)


def quoted(token: Token) -> bool:
    """Whether the phrase of ``token`` opens with a quotation mark."""
    start = token.left_edge.i
    return token.doc[start].is_quote or (start > 0 and token.doc[start - 1].is_quote)


def opens_clause(noun: Token) -> bool:
    """"Vexa owns Quanta, and Quanta released X": the parser took the second clause's subject
    for one more object of the first verb. A coordinated noun right before a coordinated verb
    that has no subject, with the "and" before the noun, is that verb's subject."""
    if noun.dep_ != "conj" or noun.pos_ not in ("PROPN", "NOUN") or \
            noun.head.dep_ not in ("dobj", "pobj") or noun.i + 1 >= noun.sent.end:
        return False
    verb = noun.doc[noun.i + 1]
    return verb.dep_ == "conj" and verb.pos_ == "VERB" and verb.head in noun.head.ancestors \
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and \
        any(c.dep_ == "cc" and c.i < noun.i for c in noun.head.children)


LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})


def _as_post(prep: Token, vocab: Vocabulary) -> bool:
    """"resigned as president", "acted as a partner": "as" with a post or a person's noun is
    an argument; "as a result", "as part of" are circumstances."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep.lower_ == "as" and pobj is not None and (
        pobj.lemma_.lower() in vocab.role_nouns or vocab.noun_class(pobj) == "Person")


def _relative_antecedent(pronoun: Token, head: Token) -> Token:
    """What a relative pronoun stands for. The parser hangs "which" on the clause's subject
    even when a nearer noun is meant ("Jo Park, head of Vexa, which makes chips"): "which"
    never refers to a person, so the noun right before its comma does."""
    before = pronoun.doc[pronoun.i - 1] if pronoun.i > 0 else None
    if before is not None and before.text == "," and pronoun.i > 1:
        before = pronoun.doc[pronoun.i - 2]
    if pronoun.lower_ == "which" and head.ent_type_ == "PERSON" and before is not None and \
            before.i != head.i and before.pos_ in ("NOUN", "PROPN") and \
            before.ent_type_ != "PERSON":
        return before
    if pronoun.lower_ in ("who", "whom") and head.dep_ == "appos" and \
            head.head.ent_type_ == "PERSON" and head.ent_type_ != "PERSON":
        # "Jo Park, the only Republican who opposed it", "Jo Park, an aide who ...": the
        # clause says it of the person the noun is set beside
        return head.head
    if before is not None and before.dep_ == "appos" and before.head.i == head.i and \
            before.pos_ == "PROPN" and head.i < before.i < pronoun.i:
        # "In a filing with the regulator, Vexa, which is owned by Orbis": the parser set the
        # name beside the noun before it; the clause is said of the name right before it
        return before
    if head.ent_type_ in ("GPE", "LOC", "FAC", "EVENT") and head.dep_ == "pobj" and \
            head.head.lower_ in LOCATIVE and head.head.head.pos_ in ("NOUN", "PROPN"):
        # "the mine in South Australia, which contains ...", "one at the fair that could ..."
        return head.head.head
    first = head
    while first.dep_ == "conj":
        first = first.head
    compared = first.head.head  # "a show similar to the Oscars, which would combine ..."
    if first.dep_ == "pobj" and compared.pos_ == "ADJ" and compared.head.pos_ == "NOUN":
        return compared.head
    return head


def _subjects(verb: Token, depth: int = 0) -> tuple[list[Token], str]:
    """Subject tokens of a verb and the rule that found them."""
    if depth > 4:
        return [], ""
    for child in _past_heading(verb, SUBJECT_DEPS):
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                # "Jo Park, who founded X, and Li Wu": a relative clause before a conjunct
                # is not said of it
                start = verb.left_edge.i
                antecedent = _relative_antecedent(child, verb.head)
                said_of = _copula_subjects(antecedent.head) if antecedent.dep_ == "attr" and \
                    antecedent.head.lemma_ == "be" and not _cleft(antecedent.head) else None
                if said_of is not None:
                    return said_of, "verb-relative"
                antecedents = conjuncts(antecedent)
                return [t for t in antecedents if t.i < start] or antecedents, "verb-relative"
            if verb.dep_ == "conj" and verb.head.pos_ == "PROPN" and verb.head.i < child.i:
                # "Google, OpenAI, and others have criticized Meta": the parser made the
                # first name the root and the verb its conjunct; the names share the subject
                names = [t for t in conjuncts(verb.head) if t.i < child.i] + [
                    a for a in verb.head.children if a.dep_ == "appos"]
                return sorted(set(names), key=lambda t: t.i) + conjuncts(child), "verb"
            return conjuncts(child), "verb"
    for aux in (c for c in verb.children if c.dep_ == "aux"):
        # "Google opened-sourced X": the subject hangs on a split-off part of the verb
        subject = next((c for c in aux.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return conjuncts(subject), "verb"
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children
             if g.dep_ == "pobj"]
    if agent:
        return conjuncts(agent[0]), "verb-passive"
    if verb.dep_ == "relcl":
        if _ranked_infinitive(verb):
            # the deed is of whom the ranked noun describes: "Ann Roe was the only senator to
            # vote no", "Roe, the only senator to vote no"; else of no one named
            noun = verb.head
            if noun.dep_ == "attr" and noun.head.lemma_ in ("be", "become") and \
                    not _cleft(noun.head):
                return _copula_subjects(noun.head) or [], "verb-relative"
            if noun.dep_ == "appos":
                return conjuncts(noun.head), "verb-relative"
            return [], ""
        return conjuncts(verb.head), "verb-relative"
    if verb.dep_ == "conj":
        head = verb.head
        before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
        if before is not None and opens_clause(before):
            return [before], "verb"
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in MODIFIER_DEPS:
            governor: Token | None = head
        else:
            # "expanding data centers necessary for AI training and securing H100": the parser
            # hung the second verb on a word of the first one's object; it shares the subject
            # of the verb of the same form above
            governor = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX") and
                             a.tag_ == verb.tag_ and a.dep_ not in MODIFIER_DEPS), None)
        if governor is not None:
            found, _ = _subjects(governor, depth + 1)
            return found, "verb-shared-subject"
    if verb.dep_ in ("xcomp", "advcl", "pcomp") and verb.tag_ in ("VB", "VBG"):
        governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        named = [c for c in governor.children if c.dep_ == "dobj"]
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and named and \
                governor.lemma_.lower() in APPOINTING:
            # "Orbis named Jo Park chairman, replacing Li Wu": the one named replaces (the
            # parser may make the title the object and the name its compound)
            person = [c for c in named[0].children if c.dep_ == "compound" and
                      c.ent_type_ == "PERSON"]
            return conjuncts(person[-1] if person else named[0]), "verb-control"
        if governor.pos_ in ("VERB", "AUX"):
            found, _ = _subjects(governor, depth + 1)
            return found, "verb-control"
        if verb.dep_ == "pcomp" and governor.lemma_.lower() in CULPABLE:
            return _culprits(governor, depth), "verb-control"
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN"):
        # "companies building X", "Globex, based in Y"
        return [_participle_head(verb)], "verb-participle"
    passive = _past_heading(verb, {"nsubjpass"})
    if passive and not any(c.dep_ == "agent" for c in verb.children):
        return conjuncts(passive[0]), "verb-passive"  # "Mellanox is based in Israel"
    return [], ""


def _ranked_infinitive(verb: Token) -> bool:
    """"the only senator to vote against the bill", "the first firm to sell it": a rank on a
    common noun with an infinitive after it sets a record of whoever the noun describes; the
    noun itself ("only senator") is no one to do the deed, and no description to resolve."""
    head = verb.head
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and head.pos_ == "NOUN" and any(c.dep_ in ("amod", "nummod") and (
            c.lower_ in RANKS or c.tag_ == "JJS") for c in head.children)


def _past_heading(verb: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    """The verb's children of ``deps``; of two, not one that heads the line before a colon
    ("Today's highlight: Tom Pell was born in Dover" was not said of the highlight)."""
    found = [c for c in verb.children if c.dep_ in deps]
    if len(found) < 2:
        return found
    colons = [t.i for t in verb.doc[verb.sent.start:verb.i] if t.text == ":"]
    if not colons:
        return found
    return [c for c in found if c.i > colons[-1]] or found


def _cleft(copula: Token) -> bool:
    """"It was Jo Park who ...": the relative clause is said of the noun after the copula."""
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in ("it", "this", "that")
               for c in copula.children)


def _copula_subjects(copula: Token) -> list[Token] | None:
    """"Pell was the gunman who killed X", "Vexa is the firm that bought Quill": what the
    relative clause says of the noun it says of the copula's subject; nothing when the copula
    is negated ("Pell was not the man who killed X") or asks ("Is Pell the man who ...?");
    None when the copula has no subject before it ("There are 20 people who ...", "... and
    is a firm that ..."): the clause is said of its noun."""
    if any(c.dep_ == "neg" for c in copula.children):
        return []
    return [t for c in copula.children if c.dep_ in SUBJECT_DEPS and c.i < copula.i
            for t in conjuncts(c)] or None


def _culprits(adjective: Token, depth: int) -> list[Token]:
    """Who a verdict or plea says did it: "Pell pleaded guilty to killing X", "Pell was found
    guilty of killing X", "a jury found Pell guilty of killing X"; none when it is denied
    ("pleaded not guilty", "was not found guilty")."""
    verb = adjective.head
    if any(c.dep_ == "neg" for c in (*adjective.children, *verb.children)):
        return []
    own = [c for c in adjective.children if c.dep_ in SUBJECT_DEPS]
    if own:
        return conjuncts(own[0])
    if adjective.dep_ in ("acomp", "oprd") and verb.pos_ in ("VERB", "AUX"):
        return _subjects(verb, depth + 1)[0]
    return []


def _participle_head(verb: Token) -> Token:
    """"the plane, whose engines were made by Vexa, co-owned by Orbis": a participle set off
    right after a name that ends a relative clause describes that name, not the noun the
    parser hung both on."""
    doc, i = verb.doc, verb.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
        i -= 2  # "co-owned" split by the tokenizer
    if i < 2 or doc[i - 1].text != ",":
        return verb.head
    name = doc[i - 2]
    # the name is an argument of the clause's verb ("made by Vexa"), not inside a modifier of
    # one ("at the head of the Gulf")
    clause = name.head if name.dep_ != "pobj" else name.head.head
    if name.pos_ != "PROPN" or name.i <= verb.head.i or clause.dep_ != "relcl" or \
            clause.head.i != verb.head.i:
        return verb.head
    return name


def _objects(verb: Token, phrase: str,
             vocab: Vocabulary) -> Iterator[tuple[list[Token], str, str]]:
    """(object tokens, preposition, rule) for each object of the verb."""
    passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    if passive_subject and has_agent:
        target = passive_subject[0]
        if target.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            target = _relative_antecedent(target, verb.head)
        yield conjuncts(target), "", "verb-passive"
    if verb.dep_ in ("acl", "relcl", "amod") and verb.tag_ == "VBN" and has_agent and \
            not passive_subject:
        # "the craze sparked by OpenAI", "Vexa, 80 pct-owned by Orbis"
        yield [_participle_head(verb)], "", "verb-passive"
    direct = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    for obj in direct:
        if phrase == "make" and _made_into(obj):
            continue  # "made Ostby its hub": what the object was made, not a thing produced
        yield conjuncts(obj), "", ""
    # "the case that the agency had leveled against Vexa": a participle with its own subject
    # is an active clause, not a passive modifier
    passive_participle = verb.dep_ == "acl" and verb.tag_ == "VBN" and \
        not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    if direct or passive_subject or passive_participle or \
            any(c.dep_ in PREDICATIVE for c in verb.children):
        # "invested billions of dollars in OpenAI": a preposition the ontology pairs with the
        # verb names a second argument, whether the parser hung it on the verb or its object
        heads = [verb, *(d for obj in direct for d in conjuncts(obj))]
        for prep in (c for h in heads for c in h.children if c.dep_ == "prep"
                     and c.i > verb.i and vocab.relation_for_verb(phrase, c.lower_)):
            pobj = [c for c in prep.children if c.dep_ == "pobj"]
            if pobj:
                yield conjuncts(pobj[0]), prep.lower_, "verb-preposition"
        return
    for prep in (c for c in verb.children if c.dep_ == "prep" and (
            c.lower_ not in CIRCUMSTANTIAL or vocab.relation_for_verb(phrase, c.lower_)
            or _as_post(c, vocab))):
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        if pobj:
            yield conjuncts(pobj[0]), prep.lower_, "verb-preposition"
            return


def _share_target(o_tok: Token, vocab: Vocabulary) -> tuple[Token, str | None]:
    """"bought 12% of Vexa", "owns all of Vexa": what the share is of is the object; "took a
    stake in Vexa": the object, and the relation the stake noun names ("stake in")."""
    lemma = o_tok.lemma_.lower()
    counted = lemma in vocab.share_nouns or o_tok.like_num or \
        o_tok.ent_type_ in ("PERCENT", "CARDINAL")
    if counted and not any(c.dep_ == "prep" for c in o_tok.children):
        # "Vexa will be 60 pct owned by Orbis": the share is said of the copula's subject
        share = o_tok
        while share.dep_ in ("conj", "dep") and share.head.i != share.i:
            share = share.head
        if share.dep_ == "appos":
            return share.head, None  # "Vexa, 80 pct owned by Orbis"
        if share.dep_ in ("attr", "acomp") and share.head.lemma_ == "be":
            subject = next((c for c in share.head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                appositions = [c for c in subject.children if c.dep_ == "appos"]
                return (appositions[0] if appositions else subject), None
    if o_tok.dep_ == "dobj" and not any(c.dep_ == "prep" for c in o_tok.children):
        # the parser hung the share's phrase on the verb: "Vexa, of which it holds 17.5 pct",
        # "a bank in which Orbis has a 75 pct holding"
        for prep in (c for c in o_tok.head.children if c.dep_ == "prep"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            relation = vocab.relation_nouns.get(f"{lemma} {prep.lower_}")
            if pobj is not None and prep.lower_ == "of" and counted:
                return _relative(pobj), None
            if pobj is not None and relation and lemma in vocab.share_nouns:
                return _relative(pobj), relation
    for prep in (c for c in o_tok.children if c.dep_ == "prep"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        pobj = _relative(pobj)  # "a bank in which Orbis has a 75 pct holding"
        relation = vocab.relation_nouns.get(f"{lemma} {prep.lower_}")
        if relation and lemma in vocab.share_nouns:
            return pobj, relation  # "a 20 pct stake in Vexa"
        found_in = vocab.relation_nouns.get(lemma)
        if prep.lower_ == "in" and found_in in vocab.symmetric:
            return pobj, found_in  # "it has a rival in Vexa", "found a partner in Vexa"
        if prep.lower_ == "of" and counted:
            owners = [c for c in pobj.children if c.dep_ == "poss"]
            if owners and pobj.lemma_.lower() in ("stock", "share", "capital", "equity"):
                return owners[0], None  # "3.6 mln shares of Vexa's common stock"
            return pobj, None
    return o_tok, None


def _minority(o_tok: Token, vocab: Vocabulary) -> bool:
    """"49 percent", "a 20 pct stake", "a minority": a share of less than half, which owning
    or buying makes a stake in the thing, not control of it; so does a count of shares ("3.6
    mln shares"), which no one writes for the whole ("all the shares")."""
    if o_tok.lemma_.lower() == "minority":
        return True
    if not (o_tok.lemma_.lower() in vocab.share_nouns or o_tok.like_num):
        return False
    share = percent(o_tok)
    if share is None and o_tok.lemma_.lower() in ("share", "stock") and \
            any(c.dep_ == "nummod" for c in o_tok.children) and \
            not any(c.lower_ in ("all", "remaining") for c in o_tok.subtree):
        return True  # "bought 3.6 mln shares of Vexa": a count of shares is a stake
    return share is not None and share < 50


def percent(share: Token) -> float | None:
    """The percentage a share phrase states ("49 pct", "a 20 percent stake"), if any."""
    doc = share.doc
    for i in range(share.left_edge.i, min(share.i + 1, len(doc) - 1)):
        if doc[i].like_num and doc[i + 1].lower_ in PERCENT_WORDS:
            try:
                return float(doc[i].text.replace(",", ""))
            except ValueError:
                return None
    return None


def _known_lemma(phrase: str, vocab: Vocabulary) -> str:
    """"cofounded" lemmatised "cofounde": a word the lemmatiser does not know loses its "-ed"
    to a stem with a stray "e"; the stem without it is the verb when the ontology lists it."""
    if phrase in vocab.verbs or not phrase.endswith("e") or " " in phrase:
        return phrase
    return phrase[:-1] if phrase[:-1] in vocab.verbs else phrase


def _relative(token: Token) -> Token:
    """What a relative pronoun in a prepositional phrase stands for: the noun its clause
    describes ("the bank in which ...", "Vexa, of which ..."); any other token itself."""
    if token.lower_ not in RELATIVE_PRONOUNS:
        return token
    clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
    return clause.head if clause is not None else token


def _examples(noun: Token) -> list[Token]:
    """"titles such as Fifa and Madden", "rivals like Vexa": the named members of a class
    noun stand as objects too."""
    if noun.pos_ != "NOUN":
        return []
    out = []
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        such = prep.lower_ == "as" and (any(c.lower_ == "such" for c in prep.children) or (
            prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such"))
        if such or prep.lower_ in ("like", "including"):
            for t in (t for c in prep.children if c.dep_ == "pobj" for t in conjuncts(c)):
                # "groups such as Vexa and other firms such as Orbis": a listed class noun
                # has its own examples
                out.extend([t] if t.pos_ == "PROPN" else _examples(t) if t.dep_ == "conj"
                           else [])
    return out


def verb_relations(index: MentionIndex, found: Found) -> None:
    """Add a candidate for every subject–verb–object the paragraph states."""
    vocab = index.vocab
    for verb in index.doc.having("pos_", "VERB"):
        if verb.dep_ in ("aux", "auxpass") or (
                verb.dep_ == "amod" and not any(c.dep_ == "agent" for c in verb.children)):
            continue  # a participle modifier states something only with its agent
        lemma = verb.lemma_.lower()
        # no word: a contraction with a typographic apostrophe ("it’s") the tagger took
        # for a verb of its own, lemma "’", where "it's" is "be"
        if not any(ch.isalpha() for ch in lemma) or lemma in REPORTING or \
                any(c.dep_ == "neg" for c in verb.children) or _not_done(verb):
            continue
        subjects, subject_rule = _subjects(verb)
        named = None if subjects else _named_clausal_subject(index, verb)
        if named is not None:
            found.name(named)
            subjects, subject_rule = [verb], "verb"
        if not subjects:
            continue  # before the phrase is read: a verb in three has no subject
        phrase = _resultative(verb, _known_lemma(verb_phrase(verb), vocab), vocab)
        state = None  # the modality, read for the verb's first fact (most verbs state none)
        for objects, preposition, object_rule in _objects(verb, phrase, vocab):
            rule = object_rule or subject_rule
            canonical = vocab.relation_for_verb(phrase, preposition)
            if canonical is None and not preposition:
                canonical = vocab.relation_for_verb(phrase)
            for s_tok in subjects:
                subject = named or index.argument(s_tok, allow_concept=False)
                if subject is None:
                    continue
                for o_tok in (e for o in objects for e in (o, *_examples(o))):
                    negated = any(c.dep_ == "det" and c.lower_ in ("no", "neither")
                                  for c in o_tok.children)
                    minority = canonical in STAKE_OVER and _minority(o_tok, vocab)
                    o_tok, stake = _share_target(o_tok, vocab)
                    if o_tok.lemma_.lower() in vocab.share_nouns and stake is None:
                        continue  # "the remaining 25 pct is owned by X": a share of what?
                    if canonical == "acquired" and o_tok.lemma_.lower() in vocab.leading_nouns:
                        continue  # "took over the direction of its policy": leads, buys not
                    if minority and stake is None:
                        stake = "investedIn"  # "49 pct owned by Orbis": a stake, not control
                    if canonical == "owns" and stake is None and _shared(index, verb, subjects):
                        stake = "investedIn"  # "jointly owned by A and B": neither controls
                    obj = index.argument(o_tok)
                    if obj is None or negated or _same(subject, obj):
                        continue
                    if obj.kind == MentionKind.NAME and obj.end <= o_tok.idx and \
                            part_of_another(index, o_tok):
                        continue  # "heads the union's Vexa Motors department": not Vexa's
                    if lemma in APPOINTING and obj.kind == MentionKind.CONCEPT:
                        continue  # "named Jo Park chairman": the title reader has it
                    confidence = CONFIDENCE.get(rule, 0.7)
                    relation_here = stake or canonical
                    # a concept can fill a relation open to any entity ("has 65 billion
                    # parameters"), not one that wants a class ("released AI" is a misreading)
                    # "joined her grandson Prince Ivo", "joined Ruiz and Wu as a cofounder":
                    # a person is no organization to work for or to found
                    is_canonical = relation_here is not None and (
                        obj.kind != MentionKind.CONCEPT or
                        vocab.ranges.get(relation_here) == "Entity") and not (
                        obj.label == "Person" and not ends_like_firm(o_tok, vocab) and
                        vocab.ranges.get(relation_here) == "Organization") and not (
                        relation_here == "has" and obj.kind == MentionKind.CONCEPT and
                        not _counted(o_tok)) and not (
                        # "bought 46,000 tonnes of wheat": a count of goods is a purchase,
                        # no company or asset taken over or held
                        relation_here in STAKE_OVER and obj.kind == MentionKind.CONCEPT and
                        any(c.dep_ == "nummod" for c in o_tok.children))
                    relation = relation_here if is_canonical and relation_here else (
                        f"{phrase} {preposition}".strip())
                    if relation == "locatedIn" and verb.dep_ == "acl" and (
                            verb.head.lemma_.lower() in vocab.role_nouns or
                            vocab.noun_class(verb.head) == "Person"):
                        # "Jo Park, a trader based in Dover": the person the post is of lives
                        # there (a name alone the recogniser took for a person may be a firm's)
                        relation = "livesIn"
                    if state is None:
                        state = modality(verb, vocab)
                    found.relation(subject, relation, obj, verb, rule, confidence,
                                   canonical=is_canonical, modality=state)


def _shared(index: MentionIndex, verb: Token, owners: list[Token]) -> bool:
    """"equally owned by A and B", "jointly owned", "A and B own X": owners who share a thing
    each hold a stake in it, none controls it alone (one name the parser split at its "and",
    "the Jazz and Heritage Foundation", is one owner)."""
    return len({index.name(t) or t.i for t in owners}) > 1 or any(
        c.dep_ == "advmod" and c.lower_ in ("jointly", "equally", "partly", "partially")
        for c in verb.children)


def _counted(noun: Token) -> bool:
    """"has 65 billion parameters", "had 18 million customers": a thing had as a count is a
    part or a holding; "has a strong reputation", "has its origins in" are ways of saying
    something else (read as the open verb, not kg:has)."""
    return any(t.like_num or any(ch.isdigit() for ch in t.text)  # "sales of $15.6bn" too
               for t in noun.subtree)


def _named_clausal_subject(index: MentionIndex, verb: Token) -> Mention | None:
    """"Ask Vexa has bought X": the parser read a name that opens with a verb as a clause
    subject ("csubj") and the rest of the name as its object. A capitalised first word that
    opens the sentence, with a name right after it and nothing else, is one name."""
    clausal = next((c for c in verb.children if c.dep_ == "csubj"), None)
    if clausal is None or clausal.i != clausal.sent.start or not clausal.is_title:
        return None
    span = index.name(index.doc[clausal.i + 1])
    words = list(clausal.subtree)
    if span is None or span.start != clausal.i + 1 or words[0].i != clausal.i or \
            words[-1].i != span.end - 1:
        return None
    # the class of the name's tail is not the whole name's ("Jeeves" read as a person)
    label = span.label if span.label in ("Organization", "Product") else ""
    return index.mention(clausal.i, span.end, label, MentionKind.NAME)


def hyphenated_participles(index: MentionIndex, found: Found) -> None:
    """"San Francisco-based OpenAI", "the Seattle-headquartered company": a place glued to a
    participle that the ontology maps with "in"."""
    for verb in index.doc.having("dep_", "amod"):
        if verb.tag_ != "VBN" or verb.i == 0 or \
                index.doc[verb.i - 1].text != "-":
            continue
        relation = index.vocab.relation_for_verb(verb.lemma_.lower(), "in")
        places = [c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod")
                  and c.i < verb.i]
        if relation is None or not places:
            continue
        head = verb.head
        while head.dep_ == "compound" and head.head.i > head.i and index.name(head) is None:
            head = head.head  # "Malaysia-based budget carrier Vexa": the noun names Vexa
        subject = index.argument(head if index.name(head) is not None else verb.head,
                                 allow_concept=False)
        described = [] if subject is not None else described_names(index, verb.head)
        if len(described) == 1:
            # "Hooli is the Leeds-based arm of Globex": the noun describes a name
            subject = index.name_mention(described[0])
        place = index.argument(places[0], allow_concept=False)
        country = index.vocab.demonyms.get(places[0].lower_)
        if place is not None and country:  # "Swiss-based": the country the adjective names
            place = Mention(country, place.start, place.end, "Place", MentionKind.NAME)
            found.name(place)
        # "Frankfurt-based money broker Jo Park": a person based somewhere lives there
        named = index.name(head)
        person = subject is not None and named is not None and any(
            t.lemma_.lower() in index.vocab.role_nouns for t in index.doc[verb.i + 1:named.start])
        if person and relation == "locatedIn":
            relation = "livesIn"
        if subject is not None and place is not None and place.kind == MentionKind.NAME:
            found.relation(subject, relation, place, verb, "verb-participle",
                           CONFIDENCE["verb-participle"])


def _not_done(verb: Token) -> bool:
    """"Instead of developing X", "rather than buying X", "without releasing X": the clause
    says the subject does not do it."""
    if verb.dep_ != "pcomp":
        return False
    prep = verb.head
    if prep.lower_ == "without":
        return True
    marks = {prep.head.lower_} | {c.lower_ for c in prep.children if c.dep_ == "advmod"}
    return prep.lower_ in ("of", "than") and bool(marks & {"instead", "rather"})


def _made_into(obj: Token) -> bool:
    """"is making Ostby Airport its main base": a common noun set right after the object,
    with no comma, is what the object is made into (the parser reads it as an apposition);
    "makes the X9, its flagship phone" names the product twice."""
    for child in obj.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "ADJ") and child.i > obj.i:
            start = min(t.i for t in child.subtree)
            if not any(t.is_punct for t in obj.doc[obj.i + 1:start]):
                return True
    return False


def _resultative(verb: Token, phrase: str, vocab: Vocabulary) -> str:
    """"shot him dead", "was beaten to death": a result the ontology lists with the verb
    ("shoot dead") makes one phrase with it."""
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "advmod") and \
                vocab.relation_for_verb(f"{phrase} {child.lower_}"):
            return f"{phrase} {child.lower_}"
        pobj = [g.lower_ for g in child.children if g.dep_ == "pobj"]
        if child.dep_ == "prep" and pobj and \
                vocab.relation_for_verb(f"{phrase} {child.lower_} {pobj[0]}"):
            return f"{phrase} {child.lower_} {pobj[0]}"
    return phrase


def verb_phrase(verb: Token) -> str:
    """The verb as the ontology lists it: its lemma with a glued first part and its particles
    ("open-source", "take over")."""
    particle = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
    return f"{_hyphen_prefix(verb)}{verb.lemma_.lower()} {particle}".strip()


def _hyphen_prefix(verb: Token) -> str:
    """"open-sourced", "co-founded" split by the tokenizer: the glued first part and hyphen."""
    doc, i = verb.doc, verb.i
    # not a measure glued to a participle: "80 pct-owned"
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and \
            not doc[i - 1].whitespace_ and doc[i - 2].is_alpha and doc[i - 2].dep_ != "npadvmod":
        return doc[i - 2].lemma_.lower() + "-"
    return ""


def _same(a: Mention, b: Mention) -> bool:
    return a.start == b.start and a.end == b.end
