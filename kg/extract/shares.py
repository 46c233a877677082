"""Shares said without the verb or the thing they are of, read against the share just found:
"Vexa is 40 pct owned by Orbis, 35 pct by Quanta and 25 pct by Delta" (the verb and the
thing said once for three owners), "Orbis has a 75 pct holding in Vexa. The remaining 25 pct
is owned by Quanta" (the rest of the thing just shared out).

These rules run after the clause rules and read the ownership facts those found in the same
paragraph; a minority share is a stake (``investedIn``), a majority one ownership.
"""

from __future__ import annotations

from kg.extract.clauses import conjuncts, percent
from kg.extract.found import Found
from kg.extract.mentions import MentionIndex
from kg.extract.words import Span, Token
from kg.model import Candidate, Mention, MentionKind

CONFIDENCE = {"share-gapped": 0.75, "share-remaining": 0.7}
SHARE_RELATIONS = ("owns", "investedIn")
REST_WORDS = frozenset({"remaining", "rest", "remainder", "balance", "other"})


def _share(index: MentionIndex, token: Token) -> bool:
    """"25 pct", "the remaining 25 percent": a counted share of a whole ("the rest" says
    not whether it is a stake or control)."""
    return token.lemma_.lower() in index.vocab.share_nouns and \
        any(t.like_num for t in token.subtree)


def _held(share: Token) -> str:
    """Ownership for more than half ("60 pct"), else a stake: half owned is joint control,
    no one's to own."""
    held = percent(share)
    return "owns" if held is not None and held > 50 else "investedIn"


def _owner(index: MentionIndex, share: Token, dep: str) -> list[Token]:
    """The names after "by" that hold a share: "25 pct by Quanta and Delta"."""
    return [t for prep in share.children if prep.dep_ == dep and prep.lower_ == "by"
            for pobj in prep.children if pobj.dep_ == "pobj" for t in conjuncts(pobj)
            if index.name(t) is not None]


def _shared_before(found: Found, sent: Span, same: bool) -> list[Candidate]:
    """The ownership facts read in the sentence (``same``) or in the one right before it."""
    offset = found.index.offset
    if same:
        start = offset + sent.start_char
    else:
        if sent.start == 0:
            return []
        start = offset + sent.doc[sent.start - 1].sent.start_char
    return [c for c in found.candidates if c.relation in SHARE_RELATIONS
            and c.evidence.start == start and c.object.kind == MentionKind.NAME]


def gapped_shares(index: MentionIndex, found: Found) -> None:
    """"Vexa is 40 pct owned by Orbis, 35 pct by Quanta": a share with only "by" and its
    owner after one with the verb is of the same thing, said by the same verb."""
    if not any(c.evidence.rule == "verb-passive" and c.relation in SHARE_RELATIONS
               for c in found.candidates):
        return  # no passive share read before in the paragraph: nothing to go on with
    for share in index.tokens:
        if not _share(index, share) or any(c.dep_ == "acl" for c in share.children):
            continue
        owners = _owner(index, share, "prep")
        if not owners:
            continue
        before = [c for c in _shared_before(found, share.sent, True)
                  if c.evidence.rule == "verb-passive" and c.subject.kind == MentionKind.NAME
                  and c.subject.end <= share.idx + index.offset]
        if not before:
            continue
        _owned_by(index, found, owners, before[-1].object, share, "share-gapped")


def remaining_shares(index: MentionIndex, found: Found) -> None:
    """"Orbis has a 75 pct holding in Vexa. The remaining 25 pct is owned by Quanta": the
    rest of a thing just shared out, owned by someone, is a share of that thing."""
    if not any(c.relation in SHARE_RELATIONS for c in found.candidates):
        return  # nothing shared out before in the paragraph
    for share in index.doc.having("dep_", "nsubjpass"):
        if not _share(index, share) or \
                any(c.dep_ == "prep" for c in share.children):
            continue
        rest = share.lemma_.lower() in REST_WORDS or \
            any(c.lower_ in REST_WORDS and c.dep_ == "amod" for c in share.children)
        verb = share.head
        relation = index.vocab.verbs.get(verb.lemma_.lower())
        if not rest or relation not in SHARE_RELATIONS:
            continue
        before = _shared_before(found, share.sent, True) or \
            _shared_before(found, share.sent, False)
        owners = _owner(index, verb, "agent")
        if not before or not owners:
            continue
        _owned_by(index, found, owners, before[-1].object, share, "share-remaining")


def _owned_by(index: MentionIndex, found: Found, owners: list[Token], thing: Mention,
              share: Token, rule: str) -> None:
    """Each owner named holds ``share`` of ``thing`` (not of itself)."""
    relation = _held(share)
    for token in owners:
        owner = index.name_mention(index.name(token))
        if (owner.start, owner.end) != (thing.start, thing.end):
            found.relation(owner, relation, thing, share, rule, CONFIDENCE[rule])
