"""Resolution: mentions → entities. One node per real thing, typed by evidence.

Pure Python over ``Extraction`` objects (no spaCy, no RDF), and independent of the order the
documents come in. Within a document: names with the same normalised key, acronyms and aliases
the text states, short and misspelt forms of a person's name; pronouns and definite descriptions
go to the most recent compatible entity. Across documents: clusters sharing a key, and a lone
surname that only one person in the corpus carries. Every merge records its reason.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.model import (
    Candidate,
    Document,
    DocumentGraph,
    Entity,
    Evidence,
    Extraction,
    Mention,
    MentionKind,
    Resolution,
    Statement,
)
from kg.ontology import CONCEPT, THING, Vocabulary, slug

# Words that end company names without changing which company is meant.
CORPORATE_SUFFIXES = frozenset({"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "ag",
                                "sa", "nv", "gmbh", "platforms", "holdings", "group", "limited",
                                "company", "cos", "incorporated"})
ARTICLES = frozenset({"the", "a", "an"})
COREFERENCE_WINDOW = 1500  # characters back to look for a pronoun's antecedent
COREFERENCE_DISCOUNT = 0.85
NEARBY = 80  # characters: an antecedent this close beats a more salient one further back
NER_WEIGHT, RANGE_WEIGHT = 1.0, 1.5
# Whoever releases, develops, owns or invests acts: a person or an organization, not a place.
AGENT_RELATIONS = frozenset({"released", "developed", "owns", "investedIn", "acquired",
                             "founderOf", "partnerOf", "competitorOf", "subsidiaryOf"})
CLASS_ORDER = ("Person", "Organization", "Product", "Place", THING, CONCEPT)


def name_key(name: str) -> str:
    """The normalised form under which names are the same entity.

    >>> name_key("The Wall Street Journal"), name_key("Meta Platforms, Inc."), name_key("NVIDIA")
    ('wall street journal', 'meta', 'nvidia')
    >>> name_key("Co Inc")
    ''
    """
    words = re.findall(r"[\w\-]+", name.lower().replace("’", "'").replace("'s", ""))
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    if all(w in CORPORATE_SUFFIXES for w in words):
        return ""  # "Co Inc" left over from a wire line break names nothing
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _close(a: str, b: str) -> bool:
    """Spelling variants of one long word: edit distance 1 ("Doombouya"/"Doumbouya")."""
    if a == b or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@dataclass
class Cluster:
    """Names believed to denote one thing, with the evidence for its class."""

    names: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    merges: list[str] = field(default_factory=list)
    confirmed: bool = False  # the entity recogniser saw it (not only a capitalised word)

    def absorb(self, other: Cluster, reason: str) -> None:
        self.names.update(other.names)
        self.votes.update(other.votes)
        self.merges.extend(other.merges)
        self.merges.append(reason)
        self.confirmed |= other.confirmed

    @property
    def type(self) -> str:
        if not self.votes:
            return THING
        best = max(self.votes.values())
        return next(c for c in (*CLASS_ORDER, *sorted(self.votes)) if self.votes.get(c) == best)

    @property
    def keys(self) -> set[str]:
        return {name_key(n) for n in self.names}

    def label(self) -> str:
        """The canonical name: a person's fullest name; else the most used, spelt-out form."""
        names = list(self.names)
        abbreviations = {n for n in names if n.isupper() and len(n) <= 6 and
                         any(m != n and not m.isupper() for m in names)}
        abbreviations |= {n for n in names if any(_shortens(n, m) for m in names)}

        def rank(n: str) -> tuple[int, int, int, int, int, str]:
            words = len(n.split())
            full = words if self.type == "Person" else 0
            # ties go to the spelt-out, shorter common form ("Globex" over "Globex Corp")
            return (n not in abbreviations, full, self.names[n], not n.isupper(), -words, n)

        return max(names, key=rank)


def _shortens(short: str, long: str) -> bool:
    """"Times" shortens "New York Times"; "Meta" does not shorten "Meta Platforms" (only a
    corporate suffix differs, and the short form is the usual name)."""
    a, b = name_key(short).split(), name_key(long).split()
    if len(a) >= len(b) or not a:
        return False
    extra = b[len(a):] if b[:len(a)] == a else b[:-len(a)] if b[-len(a):] == a else None
    return extra is not None and not all(w in CORPORATE_SUFFIXES for w in extra)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def _group(clusters: list[Cluster],
           pairs: Iterable[tuple[int, int, str]]) -> tuple[dict[int, Cluster], _UnionFind]:
    """Merge clusters along (i, j, reason) pairs. Returns root index → merged cluster (every
    reason recorded) and the union-find that maps any index to its root."""
    pairs = list(pairs)
    uf = _UnionFind()
    for i, j, _ in pairs:
        uf.union(i, j)
    reasons: dict[int, set[str]] = defaultdict(set)
    for i, _, reason in pairs:
        reasons[uf.find(i)].add(reason)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(clusters)):
        groups[uf.find(i)].append(i)
    merged: dict[int, Cluster] = {}
    for root, members in groups.items():
        if len(members) == 1:
            merged[root] = clusters[root]
            continue
        combined = Cluster()
        for m in members:
            combined.absorb(clusters[m], "")
        combined.merges = sorted({m for m in combined.merges if m} | reasons[root])
        merged[root] = combined
    return merged, uf


# --- within a document ------------------------------------------------------------------------
@dataclass
class _DocumentState:
    clusters: list[Cluster]
    by_key: dict[str, int]
    timeline: list[tuple[int, int]]  # (character offset, cluster index) of each name mention


def _cluster_document(extraction: Extraction, vocab: Vocabulary) -> _DocumentState:
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
            c.votes[m.label] += NER_WEIGHT
            c.confirmed = True
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
    groups, _ = _group(clusters, pairs)
    merged = [groups[root] for root in sorted(groups)]
    by_key = {k: i for i, c in enumerate(merged) for k in c.keys}
    timeline = [(m.start, by_key[name_key(m.text)]) for m in names if name_key(m.text) in by_key]
    return _DocumentState(merged, by_key, timeline)


def _person_variants(clusters: list[Cluster],
                     key_index: dict[str, int]) -> list[tuple[int, int, str]]:
    """A lone surname or a misspelt name of a person named in full elsewhere in the text."""
    full: list[tuple[int, list[str]]] = [
        (i, k.split()) for k, i in key_index.items()
        if len(k.split()) > 1 and clusters[i].type == "Person"]
    pairs = []
    for key, i in key_index.items():
        words = key.split()
        if clusters[i].type not in ("Person", THING) and clusters[i].votes:
            continue
        matches = {j for j, fw in full if j != i and (
            (len(words) == 1 and _close(words[0], fw[-1]))
            or (len(words) == len(fw) and words[:-1] == fw[:-1] and _close(words[-1], fw[-1])))}
        if len(matches) == 1:
            j = matches.pop()
            pairs.append((j, i, f"short or variant form: {key}"))
    return pairs


def _organization_short_forms(clusters: list[Cluster],
                              key_index: dict[str, int]) -> list[tuple[int, int, str]]:
    """"The Times" for "The New York Times", "Stanford" for "Stanford University": an
    organization's name that is the start or the end of exactly one longer organization name."""
    orgs = [(i, k.split()) for k, i in key_index.items()
            if clusters[i].type == "Organization"]
    pairs = []
    for key, i in key_index.items():
        words = key.split()
        if clusters[i].type not in ("Organization", THING) or len(words) > 2:
            continue
        matches = {j for j, long in orgs if j != i and len(long) > len(words) and (
            long[:len(words)] == words or long[-len(words):] == words)}
        if len(matches) == 1:
            pairs.append((matches.pop(), i, f"short form: {key}"))
    return pairs


def _initials(name: str) -> str:
    """"Securities and Exchange Commission" → "SEC" (function words left out)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _initialisms(clusters: list[Cluster],
                 key_index: dict[str, int]) -> list[tuple[int, int, str]]:
    """"SEC" in a story that names the "Securities and Exchange Commission": an all-capital
    name that spells the initials of exactly one longer organization name of the document."""
    longs = {i: {_initials(n) for n in c.names if len(n.split()) > 1}
             for i, c in enumerate(clusters) if c.type == "Organization"}
    pairs = []
    for i, c in enumerate(clusters):
        short = {n for n in c.names if n.isupper() and n.isalpha() and 2 <= len(n) <= 6}
        matches = {j for j, initials in longs.items() if j != i and short & initials}
        if short and len(matches) == 1:
            pairs.append((matches.pop(), i, f"initials: {sorted(short)[0]}"))
    return pairs


def _antecedent(state: _DocumentState, mention: Mention) -> int | None:
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
            ok = kind in ("Organization", "Product", THING)
        if ok:
            if sum(state.clusters[i].names.values()) > 1 or (
                    mention.kind == MentionKind.PRONOUN and mention.start - start < NEARBY):
                return i
            fallback = i if fallback is None else fallback
    return fallback


@dataclass(frozen=True, slots=True)
class _LocalStatement:
    subject: int
    predicate: str
    object: int | str  # cluster index, or a literal/concept label
    evidence: Evidence
    canonical: bool
    object_kind: MentionKind


def _resolve_argument(state: _DocumentState, mention: Mention) -> tuple[int | str | None, bool]:
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


def _local_statements(extraction: Extraction, state: _DocumentState,
                      vocab: Vocabulary) -> list[_LocalStatement]:
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
        out.append(_LocalStatement(subject, relation, obj, evidence, canonical,
                                   cand.object.kind))
    return out


# Relations whose ontology property depends on the classes of both ends, decided once the
# classes are known across the corpus.
TYPED_RELATIONS = frozenset({"possessive", "compound"})


def _relation(cand: Candidate, state: _DocumentState, subject: int, obj: int | str,
              vocab: Vocabulary) -> tuple[str | None, bool]:
    if cand.relation in TYPED_RELATIONS and not cand.canonical:
        return (cand.relation, False) if isinstance(obj, int) else (None, False)
    return cand.relation, cand.canonical


def _typed_relation(relation: str, subject: Cluster, obj: Cluster,
                    vocab: Vocabulary) -> str | None:
    pair = (subject.type, obj.type)
    if relation == "compound":
        return "developed" if pair == ("Organization", "Product") else None
    return vocab.possessives.get(pair)


# --- across documents -------------------------------------------------------------------------
def resolve(items: Iterable[tuple[Document, Extraction]], vocab: Vocabulary) -> Resolution:
    """Resolve every document's mentions to entities shared across the corpus."""
    clusters: list[Cluster] = []
    documents: list[tuple[Document, int, list[_LocalStatement], int]] = []
    ordered = sorted(items, key=lambda it: it[0].doc_id)
    lists = _lists_without_commas([e for _, e in ordered])
    for document, extraction in ordered:
        if lists:
            extraction = _split_lists(extraction, lists)
        state = _cluster_document(extraction, vocab)
        statements = _local_statements(extraction, state, vocab)
        base = len(clusters)
        clusters.extend(state.clusters)
        documents.append((document, extraction.sentences, statements, base))

    pairs: list[tuple[int, int, str]] = []
    owner: dict[str, int] = {}
    for i, c in enumerate(clusters):
        for key in sorted(c.keys):
            j = owner.setdefault(key, i)
            if j != i:
                pairs.append((j, i, f"same name in two documents: {key}"))
    global_clusters, uf = _group(clusters, pairs)
    _merge_surnames(global_clusters, uf)
    _vote_versions(global_clusters)
    for _, _, statements, base in documents:
        for st in statements:
            owns_product = (st.predicate in TYPED_RELATIONS and isinstance(st.object, int)
                            and global_clusters[uf.find(base + st.object)].type == "Product")
            if (st.canonical and st.predicate in AGENT_RELATIONS) or owns_product:
                cluster = global_clusters[uf.find(base + st.subject)]
                if cluster.type == "Place":
                    cluster.votes["Organization"] += NER_WEIGHT
    _merge_maker_prefixed(global_clusters, uf)

    def cluster_of(base: int, local: int) -> Cluster:
        return global_clusters[uf.find(base + local)]

    mapped: list[tuple[Document, int, list[_LocalStatement], int]] = []
    for document, sentences, statements, base in documents:
        kept = []
        for st in statements:
            if st.predicate in TYPED_RELATIONS and not st.canonical:
                assert isinstance(st.object, int)
                relation = _typed_relation(st.predicate, cluster_of(base, st.subject),
                                           cluster_of(base, st.object), vocab)
                if relation is None:
                    continue
                st = replace(st, predicate=relation, canonical=True)
            kept.append(st)
        mapped.append((document, sentences, kept, base))

    referenced = {uf.find(base + st.subject) for _, _, sts, base in mapped for st in sts} | {
        uf.find(base + st.object) for _, _, sts, base in mapped for st in sts
        if isinstance(st.object, int)}
    keys: dict[int, str] = {}
    entities: dict[str, Entity] = {}
    for root in sorted(global_clusters, key=lambda r: global_clusters[r].label()):
        cluster = global_clusters[root]
        if uf.find(root) != root or not (cluster.confirmed or root in referenced):
            continue
        label = cluster.label()
        key = slug(label)
        if key in entities:
            key = f"{key}_{cluster.type}"
        keys[root] = key
        aliases = tuple(sorted(set(cluster.names) - {label}))
        entities[key] = Entity(key, label, cluster.type, aliases, tuple(cluster.merges))

    # a noun phrase that is exactly an entity's name is that entity ("the ChatGPT")
    by_name = {name_key(n): key for root, key in keys.items()
               for n in global_clusters[root].names}
    graphs = []
    for document, sentences, statements, base in mapped:
        resolved = set()
        for st in statements:
            subject = keys.get(uf.find(base + st.subject))
            if subject is None:
                continue
            literal = st.object_kind == MentionKind.LITERAL
            if isinstance(st.object, int):
                obj = keys.get(uf.find(base + st.object))
                if obj is None or obj == subject:
                    continue
            elif literal:
                obj = st.object
            else:
                named = by_name.get(name_key(st.object))
                obj = named if named and named != subject else _concept(entities, st.object)
            resolved.add(Statement(subject, st.predicate, obj, st.evidence, st.canonical,
                                   literal))
        ordered = tuple(sorted(resolved, key=lambda x: (x.evidence.start, x.subject,
                                                        x.predicate, x.object)))
        graphs.append(DocumentGraph(document, sentences, ordered))
    return Resolution(entities, tuple(graphs))


def _vote_versions(clusters: dict[int, Cluster]) -> None:
    """"Llama 2" is a version of the product "Llama": a product name plus a version number."""
    products = {k for c in clusters.values() if c.type == "Product" for k in c.keys}
    for c in clusters.values():
        for key in c.keys:
            base, _, version = key.rpartition(" ")
            if base in products and re.fullmatch(r"v?\d+(\.\d+)*", version):
                c.votes["Product"] += RANGE_WEIGHT
                break


def _concept(entities: dict[str, Entity], label: str) -> str:
    key = "concept/" + slug(label.lower())
    if key not in entities:
        entities[key] = Entity(key, label, CONCEPT)
    return key


def _merge_surnames(clusters: dict[int, Cluster], uf: _UnionFind) -> None:
    """A surname alone in one document ("Zuckerberg") joins the one person with that surname."""
    people = {r: c for r, c in clusters.items() if c.type == "Person"}
    by_surname: dict[str, set[int]] = defaultdict(set)
    for r, c in people.items():
        for key in c.keys:
            if len(key.split()) > 1:
                by_surname[key.split()[-1]].add(r)
    for r, c in list(people.items()):
        if any(len(k.split()) > 1 for k in c.keys):
            continue
        targets = {t for k in c.keys for t in by_surname.get(k, set())} - {r}
        if len(targets) == 1:
            target = targets.pop()
            if target not in clusters or r not in clusters:
                continue
            merged = clusters.pop(target)
            merged.absorb(clusters.pop(r), f"surname: {', '.join(sorted(c.keys))}")
            uf.union(target, r)
            clusters[uf.find(target)] = merged


def _merge_maker_prefixed(clusters: dict[int, Cluster], uf: _UnionFind) -> None:
    """"NVIDIA H100" in one document is "H100" in another: a product name that opens with
    its maker's name is the product without it."""
    makers = {k for c in clusters.values() if c.type == "Organization" for k in c.keys}
    products = {k: r for r, c in clusters.items() if c.type == "Product" for k in c.keys}
    for r, c in list(clusters.items()):
        if c.type != "Product":
            continue
        for key in sorted(c.keys):
            maker, _, rest = key.partition(" ")
            target = products.get(rest)
            if maker in makers and target is not None and target != r and \
                    target in clusters and r in clusters:
                merged = clusters.pop(target)
                merged.absorb(clusters.pop(r), f"maker's name before the product: {key}")
                uf.union(target, r)
                clusters[uf.find(target)] = merged
                break


def _lists_without_commas(extractions: list[Extraction]) -> set[str]:
    """"owns Facebook Instagram and WhatsApp": keys of two-word names that are two entities
    whose comma got lost. Both words are names of their own elsewhere in the corpus, both
    organizations or both products by the entity recogniser, and the pair is written once.
    ("NVIDIA H100" is a maker and its product; "John Smith" is a person: neither splits.)"""
    counts: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for extraction in extractions:
        for m in extraction.mentions:
            key = name_key(m.text)
            counts[key] += 1
            labels[key][m.label] += 1
    found = set()
    for key, n in counts.items():
        words = key.split()
        if n != 1 or len(words) != 2 or labels[key].get("Person"):
            continue
        kinds = {labels[w].most_common(1)[0][0] if labels.get(w) else "" for w in words}
        if len(kinds) == 1 and kinds <= {"Organization", "Product"}:
            found.add(key)
    return found


def _split_lists(extraction: Extraction, lists: set[str]) -> Extraction:
    """The extraction with every name of ``lists`` split into its two names; a candidate
    about the pair becomes one about each."""
    def parts(m: Mention) -> list[Mention]:
        if m.kind != MentionKind.NAME or name_key(m.text) not in lists:
            return [m]
        found, offset = [], 0
        for word in m.text.split():
            offset = m.text.index(word, offset)
            found.append(replace(m, text=word, start=m.start + offset,
                                 end=m.start + offset + len(word)))
            offset += len(word)
        return found

    return replace(
        extraction,
        mentions=tuple(p for m in extraction.mentions for p in parts(m)),
        candidates=tuple(replace(c, subject=s, object=o) for c in extraction.candidates
                         for s in parts(c.subject) for o in parts(c.object)),
        aliases=tuple(replace(a, first=f, second=g) for a in extraction.aliases
                      for f in parts(a.first) for g in parts(a.second)),
        hints=tuple(replace(h, mention=p) for h in extraction.hints for p in parts(h.mention)))
