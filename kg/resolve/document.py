"""Resolution within one document: which names are one entity, what its class is, and what
the pronouns and descriptions refer to."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from kg.model import (
    COORDINATED,
    Candidate,
    Evidence,
    Extraction,
    Mention,
    MentionKind,
)
from kg.ontology import CONCEPT, THING, Vocabulary
from kg.resolve.clusters import RANGE_WEIGHT, Cluster, group
from kg.resolve.names import CORPORATE_SUFFIXES, close, initials, name_key, surname

COREFERENCE_WINDOW = 1500  # characters back to look for a pronoun's antecedent
COREFERENCE_DISCOUNT = 0.85
NEARBY = 80  # characters: an antecedent this close beats a more salient one further back
SUFFIX_WEIGHT = 2.0  # "Acme Ltd": as strong as a class the text states


@dataclass
class DocumentState:
    clusters: list[Cluster]
    by_key: dict[str, int]
    timeline: list[tuple[int, int]]  # (character offset, cluster index) of each name mention


def cluster_document(extraction: Extraction, vocab: Vocabulary) -> DocumentState:
    """Group a document's names into clusters and decide their classes."""
    names = sorted(extraction.mentions, key=lambda m: (m.start, m.end))
    key_index: dict[str, int] = {}
    clusters: list[Cluster] = []
    for m in names:
        key = name_key(m.text)
        if not key:
            continue
        if key not in key_index:
            key_index[key] = len(clusters)
            clusters.append(Cluster())
        c = clusters[key_index[key]]
        c.names[m.text] += 1
        if m.label:
            c.ner[m.label] += 1
            c.confirmed = True
    for c in clusters:
        # "Glynwed Plc", "Stata Labs Inc": a suffix states the class, once per name
        for cls in {vocab.name_suffixes.get(n.split()[-1].lower().replace(".", ""))
                    for n in c.names if len(n.split()) > 1} - {None}:
            c.votes[cls] += SUFFIX_WEIGHT
    for hint in extraction.hints:
        i = key_index.get(name_key(hint.mention.text))
        if i is not None:
            clusters[i].votes[hint.label] += hint.weight
    for cand in extraction.candidates:
        rng = vocab.ranges.get(cand.relation) if cand.canonical else None
        i = key_index.get(name_key(cand.object.text))
        if rng in vocab.classes and rng not in ("Entity",) and i is not None and \
                cand.object.kind == MentionKind.NAME:
            clusters[i].votes[rng] += RANGE_WEIGHT
        dom = vocab.domains.get(cand.relation) if cand.canonical else None
        j = key_index.get(name_key(cand.subject.text))
        if dom == "Person" and j is not None and cand.subject.kind == MentionKind.NAME:
            clusters[j].votes[dom] += RANGE_WEIGHT

    pairs: list[tuple[int, int, str]] = []
    for alias in extraction.aliases:
        a, b = key_index.get(name_key(alias.first.text)), key_index.get(
            name_key(alias.second.text))
        if b is None and a is not None:  # the alias was never seen as a name: adopt it
            clusters[a].names[alias.second.text] += 1
            key_index[name_key(alias.second.text)] = a
        elif a is not None and b is not None and a != b:
            pairs.append((a, b, alias.reason))
    pairs += _person_variants(clusters, key_index)
    pairs += _organization_short_forms(clusters, key_index)
    pairs += _initialisms(clusters, key_index)
    groups, _ = group(clusters, pairs)
    merged = [groups[root] for root in sorted(groups)]
    by_key = {k: i for i, c in enumerate(merged) for k in c.keys}
    timeline = [(m.start, by_key[name_key(m.text)]) for m in names if name_key(m.text) in by_key]
    return DocumentState(merged, by_key, timeline)


def _person_variants(clusters: list[Cluster],
                     key_index: dict[str, int]) -> list[tuple[int, int, str]]:
    """A lone surname or a misspelt name of a person named in full elsewhere in the text. The
    entity recogniser often tags a lone unusual surname as an organization ("Ruiz-Vega said"):
    only what the text states about its class keeps it apart."""
    full: list[tuple[int, list[str]]] = [
        (i, k.split()) for k, i in key_index.items()
        if len(k.split()) > 1 and clusters[i].type == "Person"]
    pairs = []
    for key, i in key_index.items():
        words = key.split()
        c = clusters[i]
        lone = len(words) == 1 and (c.ner["Person"] > 0 or c.votes["Person"] > 0 or not any(
            v > 0 for cls, v in c.votes.items() if cls != "Person"))
        if c.type not in ("Person", THING) and c.scores() and not lone:
            continue
        matches = {j for j, fw in full if j != i and (
            (len(words) == 1 and close(words[0], surname(" ".join(fw))))
            or (len(words) == len(fw) and words[:-1] == fw[:-1] and close(words[-1], fw[-1])))}
        if len(matches) == 1:
            j = matches.pop()
            pairs.append((j, i, f"short or variant form: {key}"))
            if len(words) == 1:  # the recogniser's label was the person's surname's
                c.ner = Counter({"Person": sum(c.ner.values())})
    return pairs


def _organization_short_forms(clusters: list[Cluster],
                              key_index: dict[str, int]) -> list[tuple[int, int, str]]:
    """"The Times" for "The New York Times", "Stanford" for "Stanford University": an
    organization's name that is the start or the end of exactly one longer organization name.
    A name written with its legal suffix ("Vexa Holdings Inc") is a full name, not a short
    one, and a short form joins only a name that is not itself short ("Capital" does not join
    "Vexa Capital Markets" through "Capital Markets")."""
    orgs = [(i, k.split()) for k, i in key_index.items()
            if clusters[i].type == "Organization"]
    found = {}
    for key, i in key_index.items():
        words = key.split()
        ner = clusters[i].ner.most_common(1)
        # not a nationality, an event or a place the recogniser saw ("Mexican", "U.K.")
        if clusters[i].type not in ("Organization", THING) or len(words) > 2 or (
                ner and ner[0][0] in (THING, "Place")) or _suffixed(clusters[i]):
            continue
        matches = {j for j, long in orgs if j != i and len(long) > len(words) and (
            long[:len(words)] == words or long[-len(words):] == words)}
        if len(matches) == 1:
            found[i] = (matches.pop(), key)
    return [(j, i, f"short form: {key}") for i, (j, key) in found.items() if j not in found]


def _suffixed(cluster: Cluster) -> bool:
    return any(len(n.split()) > 1 and n.split()[-1].lower().replace(".", "") in
               CORPORATE_SUFFIXES for n in cluster.names)


def _initialisms(clusters: list[Cluster],
                 key_index: dict[str, int]) -> list[tuple[int, int, str]]:
    """"SEC" in a story that names the "Securities and Exchange Commission": an all-capital
    name that spells the initials of exactly one longer organization name of the document."""
    longs = {i: {initials(n) for n in c.names if len(n.split()) > 1}
             for i, c in enumerate(clusters) if c.type == "Organization"}
    pairs = []
    for i, c in enumerate(clusters):
        short = {n for n in c.names if n.isupper() and n.isalpha() and 2 <= len(n) <= 6}
        matches = {j for j, initials in longs.items() if j != i and short & initials}
        if short and len(matches) == 1:
            pairs.append((matches.pop(), i, f"initials: {sorted(short)[0]}"))
    return pairs


def _antecedent(state: DocumentState, mention: Mention) -> int | None:
    """The cluster a pronoun or description refers to: the most recent compatible name,
    preferring one the text names more than once over a passing mention."""
    fallback = None
    for start, i in reversed(state.timeline):
        if start >= mention.start:
            continue
        if mention.start - start > COREFERENCE_WINDOW:
            break
        kind = state.clusters[i].type
        if mention.label == "Person":
            ok = kind == "Person"
        elif mention.label:
            ok = kind == mention.label
        else:
            # not THING: nationalities ("Chinese surveillance") and events are rarely "it"
            ok = kind in ("Organization", "Product")
        if ok:
            if sum(state.clusters[i].names.values()) > 1 or (
                    mention.kind == MentionKind.PRONOUN and mention.start - start < NEARBY):
                return i
            fallback = i if fallback is None else fallback
    return fallback


@dataclass(frozen=True, slots=True)
class LocalStatement:
    subject: int
    predicate: str
    object: int | str  # cluster index, or a literal/concept label
    evidence: Evidence
    canonical: bool
    object_kind: MentionKind


def _resolve_argument(state: DocumentState, mention: Mention) -> tuple[int | str | None, bool]:
    if mention.kind in (MentionKind.CONCEPT, MentionKind.LITERAL):
        return mention.text, False
    if mention.kind == MentionKind.DESCRIPTION and mention.number == "pl":
        return None, False  # "the AI engines": a group, not one named entity
    if mention.kind == MentionKind.NAME:
        key = name_key(mention.text)
        if key not in state.by_key and key:
            # a name seen only inside a longer one ("NVIDIA" of "NVIDIA H100"): a placeholder
            # that joins a real entity of the same name across documents, or is dropped
            state.by_key[key] = len(state.clusters)
            state.clusters.append(Cluster(names=Counter({mention.text: 0})))
        return state.by_key.get(key), False
    return _antecedent(state, mention), True


def local_statements(extraction: Extraction, state: DocumentState,
                      vocab: Vocabulary) -> list[LocalStatement]:
    out = []
    for cand in extraction.candidates:
        subject, s_coref = _resolve_argument(state, cand.subject)
        obj, o_coref = _resolve_argument(state, cand.object)
        if not isinstance(subject, int) or obj is None or subject == obj:
            continue
        if isinstance(obj, int) and state.clusters[obj].type == CONCEPT and \
                cand.canonical and vocab.ranges.get(cand.relation) == "Product":
            continue  # "released AI": a product relation with a concept is a misreading
        relation, canonical = _relation(cand, state, subject, obj, vocab)
        if relation is None:
            continue
        confidence = cand.evidence.confidence * (
            COREFERENCE_DISCOUNT if s_coref or o_coref else 1.0)
        evidence = replace(cand.evidence, confidence=round(confidence, 3))
        out.append(LocalStatement(subject, relation, obj, evidence, canonical,
                                   cand.object.kind))
    return out


# Relations whose ontology property depends on the classes of both ends, decided once the
# classes are known across the corpus.
TYPED_RELATIONS = frozenset({"possessive", "compound"})


def _relation(cand: Candidate, state: DocumentState, subject: int, obj: int | str,
              vocab: Vocabulary) -> tuple[str | None, bool]:
    if (cand.relation in TYPED_RELATIONS or cand.relation == COORDINATED) and \
            not cand.canonical:
        return (cand.relation, False) if isinstance(obj, int) else (None, False)
    return cand.relation, cand.canonical


