"""Resolution within one document: which names are one entity, what its class is, and what
the pronouns and descriptions refer to."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from kg.gazetteer import REGION_NOUNS
from kg.model import (
    COORDINATED,
    Alias,
    Candidate,
    Evidence,
    Extraction,
    Mention,
    MentionKind,
    Quote,
    TypeHint,
)
from kg.names import name_key
from kg.ontology import CONCEPT, Vocabulary
from kg.resolve import gender
from kg.resolve.clusters import RANGE_WEIGHT, Cluster, group
from kg.resolve.geo import region_reading
from kg.resolve.variants import (
    event_short_forms,
    initialisms,
    organization_short_forms,
    organization_variants,
    person_variants,
    unambiguous,
)
from kg.votes import SUFFIX_WEIGHT

COREFERENCE_WINDOW = 1500  # characters back to look for a pronoun's antecedent
COREFERENCE_DISCOUNT = 0.85
RECENT = 300  # characters: the most a pronoun's "sentence before" reaches back
DOMINANT = 1.5  # a story's entity named this many times as often as any other is its focus
LEADING = 5  # characters before a sentence's first name: a space, an honorific ("Mrs. ")
FOCUS_MIN = 3  # ... and named at least this often (twice is not a story's focus)
FAR_DOMINANT = 3.0  # ... and what an unnamed description far from any name may refer to
PERSONAL = frozenset({"it", "its", "itself", "he", "him", "his", "she", "her", "they",
                      "them", "their"})
# Pronouns of a thing, not of a person: "it" refers to no story's focus from afar.
THING_PRONOUNS = frozenset({"it", "its", "itself"})
# Names within a document are compared pairwise (short forms, variants, initials): a text
# longer than this (a dump of many stories, not an article) is resolved in sections of about
# this size, cut between sentences, so time grows with its length, not with its square.
SECTION_CHARS = 100_000


@dataclass
class DocumentState:
    clusters: list[Cluster]
    by_key: dict[str, int]
    timeline: list[tuple[int, int]]  # (character offset, cluster index) of each name mention
    ends: dict[int, int] = field(default_factory=dict)  # a name mention's end -> its cluster
    sentences: list[int] = field(default_factory=list)  # starts of the sentences facts are from
    # the nouns the story describes a cluster with ("Vexa, the chip maker": maker)
    described: dict[int, set[str]] = field(default_factory=dict)
    counts: Counter[int] = field(default_factory=Counter)  # name mentions per cluster
    # "the government": bodies a story may leave unnamed (``Vocabulary.body_nouns``)
    body_nouns: frozenset[str] = frozenset()
    genders: dict[int, str] = field(default_factory=dict)  # a person's, as the story tells it


def sections(extraction: Extraction, size: int | None = None) -> list[Extraction]:
    """The document's extraction in sections of about ``size`` characters, each cut at the
    start of a sentence a fact was read from; one section for any ordinary article. The
    first section carries the document's sentence count."""
    size = size or SECTION_CHARS
    spans = sorted({(c.evidence.start, c.evidence.end) for c in extraction.candidates})
    cuts: list[int] = []
    section_start, reach = 0, 0
    for start, end in spans:
        if start >= reach and start - section_start >= size:
            cuts.append(start)
            section_start = start
        reach = max(reach, end)
    if not cuts:
        return [extraction]

    def part(offset: int) -> int:
        return bisect_right(cuts, offset)

    mentions: list[list[Mention]] = [[] for _ in range(len(cuts) + 1)]
    candidates: list[list[Candidate]] = [[] for _ in mentions]
    aliases: list[list[Alias]] = [[] for _ in mentions]
    hints: list[list[TypeHint]] = [[] for _ in mentions]
    quotes: list[list[Quote]] = [[] for _ in mentions]
    for m in extraction.mentions:
        mentions[part(m.start)].append(m)
    for c in extraction.candidates:
        candidates[part(c.evidence.start)].append(c)
    for a in extraction.aliases:
        aliases[part(a.first.start)].append(a)
    for h in extraction.hints:
        hints[part(h.mention.start)].append(h)
    for q in extraction.quotes:
        quotes[part(q.evidence.start)].append(q)
    return [Extraction(extraction.doc_id, extraction.sentences if n == 0 else 0,
                       tuple(mentions[n]), tuple(candidates[n]), tuple(aliases[n]),
                       tuple(hints[n]), tuple(quotes[n])) for n in range(len(mentions))]


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
        # "Vexa Plc", "Quill Labs Inc": a suffix states the class, once per name
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
        # "the Vexa group ... in Vexa": a name read as where a phrase built on it is says
        # nothing of its class (only the recogniser's label made it a place); "Vexa's
        # directors ... of Vexa" does say it employs them
        # a country is a place whatever a relation wants of it ("head of Chile's agency")
        if rng in vocab.classes and rng not in ("Entity",) and i is not None and \
                cand.object.kind == MentionKind.NAME and not (rng == "Place" and (
                    f" {name_key(cand.object.text)} " in f" {name_key(cand.subject.text)} ")) \
                and (rng == "Place" or vocab.place_names.get(
                    cand.object.text, cand.object.text) not in vocab.countries):
            clusters[i].votes[rng] += RANGE_WEIGHT
        dom = vocab.domains.get(cand.relation) if cand.canonical else None
        j = key_index.get(name_key(cand.subject.text))
        if dom == "Person" and j is not None and cand.subject.kind == MentionKind.NAME:
            clusters[j].votes[dom] += RANGE_WEIGHT

    pairs: list[tuple[int, int, str]] = []
    for alias in extraction.aliases:
        a, b = key_index.get(name_key(alias.first.text)), key_index.get(
            name_key(alias.second.text))
        if (a is None) != (b is None):  # one was never seen as a name: the other adopts it
            known, unseen = (a, alias.second.text) if b is None else (b, alias.first.text)
            if name_key(unseen):
                clusters[known].names[unseen] += 1
                key_index[name_key(unseen)] = known
        elif a is not None and b is not None and a != b:
            pairs.append((a, b, alias.reason))
    starts: dict[int, list[int]] = defaultdict(list)
    for m in names:
        if name_key(m.text) in key_index:
            starts[key_index[name_key(m.text)]].append(m.start)
    pairs += person_variants(clusters, key_index)
    heads = {w for w, c in vocab.name_heads.items() if c == "Organization"}
    pairs += unambiguous(organization_short_forms(clusters, key_index, starts, heads,
                                                  vocab.scope_words)
                         + initialisms(clusters, key_index))
    pairs += organization_variants(clusters, key_index)
    pairs += event_short_forms(clusters, key_index, vocab.event_titles)
    groups, _ = group(clusters, pairs)
    merged = [groups[root] for root in sorted(groups)]
    by_key = {k: i for i, c in enumerate(merged) for k in c.keys}
    timeline = [(m.start, by_key[name_key(m.text)]) for m in names if name_key(m.text) in by_key]
    ends = {m.end: by_key[name_key(m.text)] for m in names if name_key(m.text) in by_key}
    sentences = sorted({c.evidence.start for c in extraction.candidates})
    described: dict[int, set[str]] = defaultdict(set)
    for hint in extraction.hints:
        if hint.noun and name_key(hint.mention.text) in by_key:  # "Vexa, the chip maker"
            described[by_key[name_key(hint.mention.text)]].add(hint.noun)
    genders = {i: g for i, c in enumerate(merged) if c.type == "Person" and
               (g := gender.of_person(c.names, described.get(i, ()), vocab.gender_words))}
    return DocumentState(merged, by_key, timeline, ends, sentences, dict(described),
                         Counter(i for _, i in timeline), vocab.body_nouns, genders)


def read_regions(extraction: Extraction, state: DocumentState) -> None:
    """A name of both a big town and the region it is in ("Washington", "New York") is the
    region where the story says so: the region of a town named with it ("Tacoma,
    Washington"), followed by the kind of region it is ("Washington state"), or written short
    ("Wash."), at least as often as the story names it otherwise (a story of the city that
    once names "Buffalo, New York" is the city's). Such a cluster takes the region's label
    and key ("Washington (state)"), which no name of the town has, so it joins only the
    stories that read the name so. Called once the story's facts are read (they look names
    up by their keys)."""
    regions: dict[int, str] = {}
    read: dict[int, set[int]] = defaultdict(set)  # the mentions read as the region, by start

    def region(mention: Mention) -> None:
        i = state.by_key.get(name_key(mention.text))
        if i is not None and state.clusters[i].type == "Place":
            regions[i] = regions.get(i) or region_reading(mention.text)
            read[i].add(mention.start)

    for cand in extraction.candidates:
        # a place in a place, by their names' order ("Tacoma, Wash."), not by a possessive
        # ("Washington's Dulles Airport": the city's)
        if cand.relation != "locatedIn" or cand.evidence.rule != "place-pair":
            continue
        j = state.by_key.get(name_key(cand.subject.text))
        # ("New York, New York": the city, named with its state, is one cluster)
        if j is not None and state.clusters[j].type == "Place" and \
                j != state.by_key.get(name_key(cand.object.text)):
            region(cand.object)
    for hint in extraction.hints:
        if hint.noun in REGION_NOUNS:  # "Washington state"
            region(hint.mention)
    for m in extraction.mentions:
        if m.text.endswith(".") and " " not in m.text:
            region(m)  # "Wash."
    for i, name in regions.items():
        if name and 2 * len(read[i]) >= state.counts[i]:
            state.clusters[i].region = name


def _agrees(cluster: Cluster, mention: Mention) -> bool:
    """Whether a pronoun or description of ``mention``'s class can refer to the cluster."""
    if mention.label:
        return cluster.type == mention.label
    # not THING: nationalities ("Chinese surveillance") and events are rarely "it"
    return cluster.type in ("Organization", "Product")


def _sentence_starts(state: DocumentState, offset: int) -> tuple[int, int]:
    """The start of the sentence before the one at ``offset`` (as far as the sentences facts
    were read from show them, and no more than ``RECENT`` characters before its own) and the
    start of its own sentence."""
    k = bisect_right(state.sentences, offset)
    own = state.sentences[k - 1] if k else 0
    before = state.sentences[k - 2] if k > 1 else 0
    return max(before, own - RECENT), own


def _antecedent(state: DocumentState, mention: Mention,
                exclude: int | None = None) -> tuple[int | None, str]:
    """The cluster a pronoun or description refers to and the cue that says so, or None when
    the story does not say clearly (a missing fact costs less than a wrong one). In order: the
    name the extractor put the pronoun right after (a subject it read in the syntax); among
    the compatible names in the window (not ``exclude``), the one whose words hold a
    description's head noun ("the bank": "Nordic Bank"); the one that starts the mention's
    sentence; the only one of this sentence and the one before; else the one the story names
    far more often than the others. Two candidates with none of these cues: neither."""
    if mention.start == mention.end and mention.kind == MentionKind.PRONOUN:
        pointed = state.ends.get(mention.start)
        if pointed is not None:
            ok = pointed != exclude and _agrees(state.clusters[pointed], mention)
            return (pointed, "the subject of its sentence") if ok else (None, "")
    # "the Vexa subsidiary": a noun standing in for its owner, right after the owner's name
    right_before = state.ends.get(mention.start - 1)
    if mention.kind == MentionKind.PRONOUN and mention.text.lower() not in PERSONAL and \
            right_before is not None and right_before != exclude and \
            _agrees(state.clusters[right_before], mention):
        return right_before, "the name right before it"
    seen: dict[int, int] = {}  # cluster -> start of its latest name before the mention
    before = bisect_left(state.timeline, (mention.start, -1))  # the names before the mention
    for start, i in (state.timeline[j] for j in range(before - 1, -1, -1)):
        if mention.start - start > COREFERENCE_WINDOW:
            break
        if i != exclude and i not in seen and _agrees(state.clusters[i], mention):
            seen[i] = start
    if not seen:
        return None, ""
    recent_from, own = _sentence_starts(state, mention.start)
    recent = [i for i, start in seen.items() if start >= recent_from]
    if mention.kind == MentionKind.DESCRIPTION and mention.text.split():
        head = mention.text.split()[-1].lower()
        named = [i for i in recent if any(head in n.lower().split()
                                          for n in state.clusters[i].names)]
        if len(named) == 1:
            return named[0], f'the name just before that holds "{head}"'
        called = [i for i in recent if head in state.described.get(i, ())]
        if len(called) == 1:
            return called[0], f'the one the story called a "{head}"'
        if head in state.body_nouns:
            return None, ""  # "Vexa sued Quill ... the court ruled": not a body it named
    leading = [i for i, start in seen.items() if own <= start <= own + LEADING]
    if len(leading) == 1 and own > 0 and mention.kind == MentionKind.PRONOUN:
        # "(Ms.) Jo Park said she ...": the name the sentence starts with
        return leading[0], "the name its sentence starts with"
    counts = state.counts

    def dominant(best: int, pool: list[int], ratio: float = DOMINANT) -> bool:
        return counts[best] >= FOCUS_MIN and all(counts[best] >= ratio * counts[i]
                                        for i in pool if i != best)

    focus = max(seen, key=lambda i: (counts[i], seen[i]))
    story = f"the story's focus, named {counts[focus]} times"
    if len(recent) == 1:
        only = recent[0]
        if counts[only] > 1 or (mention.kind == MentionKind.PRONOUN and seen[only] >= own):
            return only, "the only one named in its sentence and the one before"
        # a passing name ("Crown jewels. The giant that ..."): the story's focus, if it has one
        return (focus, story) if dominant(focus, list(seen)) else \
            (only, "the only one named in its sentence and the one before")
    if not recent:  # none just named: the story's focus, if it has one (for a description,
        # by far: "the government" paragraphs after a company's name is rarely the company);
        # not for "it", which with no name in its sentence or the one before is mostly a
        # thing the story did not name ("It houses the largest collection")
        if mention.kind == MentionKind.PRONOUN and mention.text.lower() in THING_PRONOUNS:
            return None, ""
        ratio = FAR_DOMINANT if mention.kind == MentionKind.DESCRIPTION else DOMINANT
        return (focus, story) if dominant(focus, list(seen), ratio) else (None, "")
    # several just named: the latest, if the story also names it more often than the others,
    # or the only one it names more than once (the others in passing); else neither
    latest = max(recent, key=lambda i: seen[i])
    if counts[latest] > 1 and all(counts[latest] > counts[i] for i in recent if i != latest):
        return latest, "the latest named, and more often than the others just named"
    repeated = [i for i in recent if counts[i] > 1]
    return (repeated[0], "the only one just named that the story names again") \
        if len(repeated) == 1 else (None, "")


class LocalStatement(NamedTuple):
    """A fact about a document's own clusters. Its evidence is kept beside it (in
    ``Section.evidence``): joining the documents needs only this, and an update joins every
    stored document without decoding the sentences it read them from. A named tuple, as a
    large corpus has hundreds of thousands."""

    subject: int
    predicate: str
    object: int | str  # cluster index, or a literal/concept label
    canonical: bool
    literal: bool  # ``object`` is a literal value, not a concept's label


class LocalFact(NamedTuple):
    statement: LocalStatement
    evidence: Evidence


def _resolve_argument(state: DocumentState, mention: Mention,
                      other: int | str | None = None) -> tuple[int | str | None, str]:
    """The cluster (or literal) an argument stands for, and, when coreference found it, the
    cue it followed ("" for a name). A pronoun or description is not the other argument of
    its own fact ("Vexa agreed to buy the firm": the firm is not Vexa)."""
    if mention.kind in (MentionKind.CONCEPT, MentionKind.LITERAL):
        return mention.text, ""
    if mention.kind == MentionKind.DESCRIPTION and mention.number == "pl":
        return None, ""  # "the AI engines": a group, not one named entity
    if mention.kind == MentionKind.NAME:
        key = name_key(mention.text)
        if key not in state.by_key and key:
            # a name seen only inside a longer one ("NVIDIA" of "NVIDIA H100"): a placeholder
            # that joins a real entity of the same name across documents, or is dropped
            state.by_key[key] = len(state.clusters)
            state.clusters.append(Cluster(names=Counter({mention.text: 0})))
        return state.by_key.get(key), ""
    exclude = other if isinstance(other, int) else None
    if mention.kind == MentionKind.FOCUS:
        return _focus(state, mention, exclude), "the organization the story names most"
    found, cue = _antecedent(state, mention, exclude)
    told = gender.of_pronoun(mention.text) if mention.kind == MentionKind.PRONOUN else ""
    if found is not None and told and state.genders.get(found, told) != told:
        return None, ""  # "she added" after a man: the story tells no more, so nobody
    return found, cue


def _focus(state: DocumentState, mention: Mention, exclude: int | None = None) -> int | None:
    """The entity of the mention's class the document names most often (not ``exclude``, the
    fact's other end): what the story is about ("rival Quanta" competes with it); None when
    another is named nearly as often."""
    counts = Counter({i: n for i, n in state.counts.items()
                      if i != exclude and state.clusters[i].type == mention.label})
    if not counts:
        return None
    (best, most), *rest = counts.most_common(2)
    return best if not rest or most >= DOMINANT * rest[0][1] else None


def local_statements(extraction: Extraction, state: DocumentState,
                     vocab: Vocabulary) -> list[LocalFact]:
    out = []
    for cand in extraction.candidates:
        if cand.subject.kind == MentionKind.NAME or cand.object.kind != MentionKind.NAME:
            subject, s_coref = _resolve_argument(state, cand.subject)
            obj, o_coref = _resolve_argument(state, cand.object, subject)
        else:
            obj, o_coref = _resolve_argument(state, cand.object)
            subject, s_coref = _resolve_argument(state, cand.subject, obj)
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
        evidence = replace(cand.evidence, confidence=round(confidence, 3), coreference="; ".join(
            _cue(state, m, found, cue) for m, found, cue in (
                (cand.subject, subject, s_coref), (cand.object, obj, o_coref)) if cue))
        out.append(LocalFact(LocalStatement(subject, relation, obj, canonical,
                                            cand.object.kind == MentionKind.LITERAL),
                             evidence))
    return out


def _cue(state: DocumentState, mention: Mention, found: int | str, cue: str) -> str:
    """Why an argument is the entity it is: 'it' = Vexa Corp (the name its sentence starts
    with)."""
    said = f'"{mention.text}"' if mention.text else "a title without its organization"
    name = state.clusters[found].label() if isinstance(found, int) else found
    return f"{said} = {name} ({cue})"


# Relations whose ontology property depends on the classes of both ends, decided once the
# classes are known across the corpus.
TYPED_RELATIONS = frozenset({"possessive", "compound"})


def _relation(cand: Candidate, state: DocumentState, subject: int, obj: int | str,
              vocab: Vocabulary) -> tuple[str | None, bool]:
    if (cand.relation in TYPED_RELATIONS or cand.relation == COORDINATED) and \
            not cand.canonical:
        return (cand.relation, False) if isinstance(obj, int) else (None, False)
    return cand.relation, cand.canonical


