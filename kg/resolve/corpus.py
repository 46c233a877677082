"""Resolution across documents: clusters that share a key or a surname, a maker's name
before its product, lists that lost a comma; typed relations; the entities and statements."""

from __future__ import annotations

import hashlib
import marshal
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from kg.census import common_given_names
from kg.model import (
    CONCEPT_KEY,
    COORDINATED,
    Candidate,
    Document,
    DocumentGraph,
    Entity,
    Evidence,
    Extraction,
    Joined,
    Mention,
    MentionCount,
    MentionKind,
    Resolution,
    SaidQuote,
    Statement,
)
from kg.names import name_key, surname
from kg.ontology import CONCEPT, THING, Vocabulary, slug
from kg.resolve.clusters import RANGE_WEIGHT, Cluster, DenseUnionFind, UnionFind, group, merge
from kg.resolve.document import (
    TYPED_RELATIONS,
    LocalStatement,
    cluster_document,
    local_statements,
    read_regions,
    sections,
)
from kg.resolve.geo import link_places
from kg.resolve.joins import (
    DOMINANCE,
    foreign_keys,
    form_keys,
    join_given_name_forms,
    join_middle_initials,
    join_place_prefixed,
    join_regional_places,
    join_short_forms,
    key_form,
    own_keys,
    place_names,
    short_form_stories,
)
from kg.resolve.quotes import NOBODY, LocalQuote, local_quotes
from kg.resolve.spill import SpilledGraphs, SpilledItems
from kg.votes import NER_WEIGHT

# Names listed together lend each other this weight, split by what the text states about
# each one's class (a little more than one NER label, less than a class the text states);
# only between the two classes the entity recogniser confuses most: a company, a product.
COORDINATION_WEIGHT = 1.2
POSSESSED_WEIGHT = 1.2  # "Vexa's Quillbot", once: a little more than one recogniser label
SHARED_CLASSES = ("Organization", "Product")


# Whoever releases, develops, owns or invests acts: a person or an organization, not a place.
AGENT_RELATIONS = frozenset({"released", "developed", "owns", "investedIn", "acquired",
                             "founderOf", "partnerOf", "competitorOf", "subsidiaryOf"})


# Classes of named things: a relation's domain or range of one of them excludes the others.
NAMED_CLASSES = frozenset({"Person", "Organization", "Place", "Product"})


def _fits(relation: str, subject: str, obj: str, vocab: Vocabulary) -> bool:
    """Whether an ontology relation fits the classes of its ends: a person's relation
    (worksFor, livesIn) said of a place, or a place's said of a person, is a misreading
    ("Connecticut is going to join California", "Joining him are A, B and C"). An end of no
    named class (a thing, a concept, a literal) fits anything."""
    domain, range_ = vocab.domains.get(relation), vocab.ranges.get(relation)
    return _end_fits(domain, subject) and _end_fits(range_, obj)


def _typed(relation: str, subject: str, obj: str, vocab: Vocabulary) -> bool:
    """Whether both ends have the classes the ontology gives the relation, as the shapes
    check them ("people work for organizations"): an end of no named class does not."""
    return all(wanted not in NAMED_CLASSES or found == wanted
               for wanted, found in ((vocab.domains.get(relation), subject),
                                     (vocab.ranges.get(relation), obj)))


def _end_fits(wanted: str | None, found: str) -> bool:
    """A class fits a relation's end unless one of the two is a person or a place and the
    other another named class (an organization and a product are often taken for each other:
    a festival, a web service)."""
    if wanted not in NAMED_CLASSES or found not in NAMED_CLASSES or wanted == found:
        return True
    return not ({wanted, found} & {"Person", "Place"})


def _typed_relation(relation: str, pair: tuple[str, str],
                    vocab: Vocabulary) -> tuple[str | None, bool]:
    """The ontology relation for the classes of both ends (``pair``), and whether it reads
    from the object to the subject ("Orbis's Li Wu": Li Wu works for Orbis)."""
    if relation == "compound":
        return ("developed" if pair == ("Organization", "Product") else None), False
    if pair in vocab.possessives:
        return vocab.possessives[pair], False
    return vocab.inverse_possessives.get(pair), True



@dataclass(frozen=True, slots=True)
class Section:
    """Part of a document resolved within itself: its name clusters, its facts about them
    (cluster indices local to the section) and each fact's evidence, in the same order.
    Joining documents reads the evidence only of those whose graph is written."""

    sentences: int
    clusters: Sequence[Cluster]
    statements: Sequence[LocalStatement]
    evidence: Sequence[Evidence]
    mentions: Sequence[int] = ()  # how often the section names each cluster, by index
    quotes: Sequence[LocalQuote] = ()  # who said what (``kg.resolve.quotes``)


@dataclass(frozen=True, slots=True)
class LocalResolution:
    """A document resolved within itself, ready to be joined with the rest of the corpus.
    ``combine`` merges its clusters in place, so each is combined once. ``joined_before``:
    it is the one the previous build joined (kept by it, ``kg.resolve.saved``)."""

    document: Document
    sections: tuple[Section, ...]
    joined_before: bool = False


def resolve(items: Iterable[tuple[Document, Extraction]], vocab: Vocabulary) -> Resolution:
    """Resolve every document's mentions to entities shared across the corpus."""
    ordered = sorted(items, key=lambda it: it[0].doc_id)
    labels: Counter[tuple[str, str]] = Counter()
    for _, extraction in ordered:
        labels.update(name_labels(extraction))
    lists = lists_without_commas(labels)
    return combine([resolve_document(d, e, lists, vocab) for d, e in ordered], vocab)


def resolve_document(document: Document, extraction: Extraction, lists: set[str],
                     vocab: Vocabulary) -> LocalResolution:
    """One document resolved within itself; names in ``lists`` are two names whose comma got
    lost (``lists_without_commas``)."""
    if lists:
        extraction = _split_lists(extraction, lists)
    parts = []
    for section in sections(extraction):
        state = cluster_document(section, vocab)
        facts = local_statements(section, state, vocab)
        read_regions(section, state)
        parts.append(Section(section.sentences, tuple(state.clusters),
                             tuple(f.statement for f in facts),
                             tuple(f.evidence for f in facts),
                             tuple(state.counts[i] for i in range(len(state.clusters))),
                             local_quotes(section, state)))
    return LocalResolution(document, tuple(parts))


def combine(resolved: Iterable[LocalResolution], vocab: Vocabulary,
            earlier: Joined | None = None, spill: bool = False) -> Resolution:
    """Join documents resolved within themselves into entities shared across the corpus.

    ``earlier`` is what the previous build's join left (``Resolution.joined``). Documents it
    joined as they are now keep their groups of names, unless a name of another document
    joins one, and a document whose facts come out as its stored graph holds them is left
    out of ``Resolution.documents``, listed as unchanged, and its evidence is never read.
    With ``spill`` the documents' graphs are kept on disk as they are made
    (``kg.resolve.spill``), not in memory."""
    earlier = earlier or Joined()
    documents: list[tuple[Document, int, Sequence[LocalStatement], int]] = []
    sections: list[Section] = []  # beside ``documents``
    before: list[tuple[int, ...] | None] = []  # the earlier groups of a section's clusters
    size = 0
    for local in sorted(resolved, key=lambda r: r.document.doc_id):
        groups = earlier.members.get(local.document.doc_id) if local.joined_before else None
        if groups is not None and [len(g) for g in groups] != [len(s.clusters)
                                                               for s in local.sections]:
            groups = None
        for n, section in enumerate(local.sections):
            documents.append((local.document, section.sentences, section.statements, size))
            sections.append(section)
            before.append(groups[n] if groups is not None else None)
            size += len(section.clusters)
    shared = vocab.shared_body_names
    global_clusters, uf, joined = _join_by_key(sections, documents, before, earlier, shared)
    roots = sorted(global_clusters)
    own: dict[int, set[str]] = defaultdict(set)
    for key, g in joined.keys.items():
        own[roots[g]].add(key.partition("|")[0])  # "vexa|sa": a key with its legal form
    stories = short_form_stories(_read_once((d[0].doc_id, d[3], s.clusters)
                                            for d, s in zip(documents, sections,
                                                            strict=True)), uf, shared)
    join_short_forms(global_clusters, uf, own, stories, vocab.class_nouns, vocab.countries,
                     vocab.event_titles,
                     {w for w, cls in vocab.name_heads.items() if cls == THING})
    join_middle_initials(global_clusters, uf, own)
    join_given_name_forms(global_clusters, uf, own, vocab.given_names,
                          ((d[0].doc_id, d[3], len(s.clusters))
                           for d, s in zip(documents, sections, strict=True)))
    # the rest is no common noun alone, nor the head of firms' names ("Tarrow Communications"
    # is no team "Communications" of the town)
    unprefixed = join_place_prefixed(global_clusters, uf, own,
                                     vocab.class_nouns.keys() | vocab.name_heads.keys(), shared)
    join_regional_places(global_clusters, uf, own, vocab.countries)
    _merge_surnames(global_clusters, uf, own)
    _vote_versions(global_clusters)
    _share_listed_evidence(global_clusters, uf, documents)
    for _, _, statements, base in documents:
        for st in statements:
            owns_product = (st.predicate in TYPED_RELATIONS and isinstance(st.object, int)
                            and global_clusters[uf.find(base + st.object)].type == "Product")
            if (st.canonical and st.predicate in AGENT_RELATIONS) or owns_product:
                cluster = global_clusters[uf.find(base + st.subject)]
                if cluster.type == "Place":
                    cluster.votes["Organization"] += NER_WEIGHT
    _vote_possessed_products(global_clusters, uf, documents)
    _merge_maker_prefixed(global_clusters, uf, own)
    places = place_names(global_clusters, own)

    # the classes and labels are settled: each is worked out once
    types = {root: c.type for root, c in global_clusters.items()}
    foreign = foreign_keys(global_clusters, own)
    prefixed = {uf.find(r): label for r, label in unprefixed.items()}
    # a nationality's word alone ("American") names no firm, though a story may call one so:
    # the label is a longer name of it where it has one ("American Mutual Group")
    demonyms = frozenset(vocab.demonyms)
    labels = {root: places.get(root) or prefixed.get(root) or c.label(
        foreign[root], frozenset() if types[root] == "Place" else demonyms)
              for root, c in global_clusters.items()}
    # what settled the classes and labels is done with (a large corpus's table of clusters
    # is the join's largest part): each class's votes as it was decided, each entity's keys
    del own, places, prefixed, unprefixed
    for c in global_clusters.values():
        c.forget_class()

    # each section's facts with the relations that depend on classes settled: (the fact's
    # place in the section, subject, predicate, object, canonical, literal)
    mapped: list[list[tuple[int, int, str, int | str, bool, bool]]] = []
    for _, _, statements, base in documents:
        rows = []
        for n, st in enumerate(statements):
            subject, predicate, obj, canonical = st.subject, st.predicate, st.object, \
                st.canonical
            if predicate == COORDINATED:
                continue  # it said how to type the names, and states no fact
            if predicate in TYPED_RELATIONS and not canonical:
                assert isinstance(obj, int)
                relation, inverse = _typed_relation(
                    predicate, (types[uf.find(base + subject)], types[uf.find(base + obj)]),
                    vocab)
                if relation is None:
                    continue
                predicate, canonical = relation, True
                if inverse:
                    subject, obj = obj, subject
            rows.append((n, subject, predicate, obj, canonical, st.literal))
        mapped.append(rows)

    referenced = {uf.find(documents[k][3] + row[1]) for k, rows in enumerate(mapped)
                  for row in rows} | {
        uf.find(documents[k][3] + row[3]) for k, rows in enumerate(mapped) for row in rows
        if isinstance(row[3], int)}
    keys: dict[int, str] = {}
    entities: dict[str, Entity] = {}
    for root in sorted(global_clusters, key=labels.__getitem__):
        cluster = global_clusters[root]
        stated = cluster.stated  # "the Vexatron 64 computer"
        if uf.find(root) != root or not (cluster.confirmed or root in referenced or stated):
            continue
        label = labels[root]
        key = free_key(slug(label), types[root], entities)
        keys[root] = key
        aliases = tuple(sorted(n for n in set(cluster.names) - {label}
                               if name_key(n) not in foreign[root]))
        entities[key] = Entity(key, label, types[root], aliases, tuple(cluster.merges))

    # a noun phrase that is exactly an entity's name is that entity ("the ChatGPT")
    by_name = {name_key(n): key for root, key in keys.items()
               for n in global_clusters[root].names if name_key(n) not in foreign[root]}
    # but a common word in lower case is no name only ever written in capitals, which a
    # shouted lead makes of it ("JAMAICA'S BID for a place": no entity every "bid" is), nor
    # the name of a company, person, place or product ("narrowed the gap" is no Gap Inc.)
    # that no one writes in lower case
    proper = {"Organization", "Person", "Place", "Product"}
    never_lower = {key for root, key in keys.items()
               if all(n.isupper() for n in global_clusters[root].names) or (
                   types[root] in proper and
                   not any(n.islower() for n in global_clusters[root].names))}
    # the table of clusters is done with: the graphs below read the entities by key
    del global_clusters, types, foreign, labels, referenced
    graphs: list[DocumentGraph] | SpilledGraphs = SpilledGraphs() if spill else []
    # each section is read once below, then let go, with its clusters and evidence (decoded
    # from a saved resolution) and its facts, unless the caller keeps them
    part_of: list[Section | None] = list(sections)
    del sections
    unchanged: list[str] = []
    model = vocab.confidence.digest if vocab.confidence else ""
    facts_of: dict[str, str] = {}
    relations: set[str] = set()
    stories: list[list[str]] = []  # the entities each document names, for the places' links
    located: set[tuple[str, str]] = set()  # (place, the place it is in)
    k = 0
    while k < len(documents):
        document = documents[k][0]
        sentences = 0
        # (section, the fact's place in it, subject, predicate, object, canonical, literal)
        facts: list[tuple[int, int, str, str, str, bool, bool]] = []
        first = k
        counted: Counter[str] = Counter()  # how often it names each entity, by key
        said: list[SaidQuote] = []
        while k < len(documents) and documents[k][0].doc_id == document.doc_id:
            sentences += documents[k][1]
            base = documents[k][3]
            section = part_of[k]
            assert section is not None
            for i, n in enumerate(section.mentions):
                key = keys.get(uf.find(base + i)) if n else None
                if key is not None:
                    counted[key] += n
            for n, s, predicate, o, canonical, literal in mapped[k]:
                subject = keys.get(uf.find(base + s))
                if subject is None:
                    continue
                if isinstance(o, int):
                    obj = keys.get(uf.find(base + o))
                    if obj is None or obj == subject:
                        continue
                elif literal:
                    obj = o
                else:
                    named = by_name.get(name_key(o))
                    if named in never_lower and o.islower():
                        named = None
                    obj = named if named and named != subject else _concept(entities, o)
                ends = (entities[subject].type, entities[obj].type if obj in entities else "")
                if canonical and not _fits(predicate, *ends, vocab):
                    continue  # "Connecticut is to join California": no place works for one
                typed = not canonical or literal or _typed(predicate, *ends, vocab)
                facts.append((k - first, n, subject, predicate, obj, canonical, literal, typed))
                if predicate == "locatedIn" and canonical:
                    located.add((subject, obj))
                if not canonical:
                    relations.add(predicate)
            said += _said(document.doc_id, section.quotes, base, keys, uf)
            k += 1
        mentions = mention_counts(counted, facts)
        stories.append([key for key, _ in mentions])
        # the confidence model weighs every fact when it is written: another model, another graph
        digest = hashlib.blake2b(marshal.dumps((repr(document), sentences, facts, model,
                                                mentions, repr(said))),
                                 digest_size=16).hexdigest()
        facts_of[document.doc_id] = digest
        if before[first] is not None and earlier.facts.get(document.doc_id) == digest:
            unchanged.append(document.doc_id)
        else:
            evidence = [s.evidence for s in part_of[first:k] if s is not None]
            resolved = {Statement(subject, predicate, obj, evidence[part][n], canonical,
                                  literal, typed)
                        for part, n, subject, predicate, obj, canonical, literal, typed
                        in facts}
            ordered = tuple(sorted(resolved, key=lambda x: (x.evidence.start, x.subject,
                                                            x.predicate, x.object)))
            graphs.append(DocumentGraph(document, sentences, ordered,
                                        tuple(MentionCount(key, n) for key, n in mentions),
                                        tuple(sorted(said, key=lambda q: (q.start, q.end)))))
        for j in range(first, k):
            part_of[j], mapped[j] = None, []
            documents[j] = (document, documents[j][1], (), documents[j][3])
    entities = link_places(entities, stories, sorted(located), vocab.water_nouns)
    return Resolution(entities, graphs if spill else tuple(graphs), tuple(unchanged),
                      tuple(sorted(relations)), replace(joined, facts=facts_of))


def _said(doc_id: str, quotes: Iterable[LocalQuote], base: int, keys: dict[int, str],
          uf: UnionFind) -> list[SaidQuote]:
    """A section's quotes with their speakers and the entities they name by key: a speaker
    or a name that became no entity is left out, never guessed."""
    out = []
    for q in quotes:
        speaker = keys.get(uf.find(base + q.speaker), "") if q.speaker != NOBODY else ""
        named = sorted({key for i in q.mentions if (key := keys.get(uf.find(base + i)))})
        out.append(q.said(doc_id, speaker, tuple(named)))
    return out


def free_key(key: str, kind: str, taken: Container[str]) -> str:
    """The entity key for a label's slug that no entity has yet: the slug, else the slug with
    the class ("Jaguar_Product" beside the carmaker), else numbered ("Jo_Park_Person_2"):
    two entities kept apart never share an IRI, whatever their names."""
    if key not in taken:
        return key
    key = f"{key}_{kind}"
    n = 2
    found = key
    while found in taken:
        found = f"{key}_{n}"
        n += 1
    return found


def _join_by_key(sections: list[Section],
                 documents: list[tuple[Document, int, Sequence[LocalStatement], int]],
                 before: list[tuple[int, ...] | None], earlier: Joined,
                 shared: frozenset[str] = frozenset(),
                 ) -> tuple[dict[int, Cluster], UnionFind, Joined]:
    """Merge the clusters of all sections that share a name key: root index → merged
    cluster (in index order), the union-find that maps each cluster's index (its section's
    base plus its own) to its root, and the groups for the next build.

    A group is the same whatever else the corpus holds: its clusters, merged in corpus
    order. So the earlier groups whose clusters are all still here as before, and that no
    other cluster's key joins, are taken as they are; only the rest are formed again."""
    stale: set[int] = set()  # earlier groups formed again
    joined_before = {documents[k][0].doc_id for k, b in enumerate(before) if b is not None}
    for doc_id, groups in earlier.members.items():
        if doc_id not in joined_before:  # gone, changed or resolved again
            stale.update(g for section in groups for g in section)
    for k, section in enumerate(sections):
        if before[k] is None:
            stale.update(earlier.keys[key] for c in section.clusters
                         for key in c.keys | form_keys(c) if key in earlier.keys)
            _let_go(section.clusters)
    # every cluster to group again, by index, and the root of each earlier group kept
    again: list[int] = []
    kept_roots: dict[int, int] = {}  # earlier group → its root now
    group_of: list[int] = [0] * (documents[-1][3] + len(sections[-1].clusters)) \
        if sections else []
    for k, section in enumerate(sections):
        base, groups = documents[k][3], before[k]
        if groups is None:
            again.extend(range(base, base + len(section.clusters)))
            continue
        for i, g in enumerate(groups):
            if g in stale:
                again.append(base + i)
            else:
                kept_roots.setdefault(g, base + i)
                group_of[base + i] = ~g  # an earlier group, numbered again below
    # read twice, one section at a time (every cluster of the corpus at once would be the
    # join's largest structure): for their keys, then to merge those that share one; each
    # key's first cluster is kept, not every cluster's keys (those that share one are one
    # group)
    pairs: list[tuple[int, int, str]] = []
    owner: dict[str, int] = {}
    # "Vexa SA" and "Vexa Corp": a key written with two legal forms names two companies;
    # each joins the first cluster of its form, a name without one the key's first cluster
    suffixed: list[tuple[int, int, str, str]] = []
    forms: dict[str, set[str]] = {}
    form_owner: dict[str, int] = {}
    for j, cluster in enumerate(_read(again, documents, sections)):
        for key in sorted(own_keys(cluster, shared)):
            o = owner.setdefault(key, j)
            form = key_form(cluster, key)
            if form is not None:
                forms.setdefault(key, set()).add(form)
                form_owner.setdefault(f"{key}|{form}", j)
            if o != j:
                if form is None:
                    pairs.append((o, j, key))
                else:
                    suffixed.append((o, j, key, form))
    apart = {key for key, written in forms.items() if len(written) > 1}
    pairs.extend(p for o, j, key, form in suffixed
                 if (p := (form_owner[f"{key}|{form}"] if key in apart else o, j, key))[0] != j)
    form_owner = {k: j for k, j in form_owner.items() if k.partition("|")[0] in apart}
    del suffixed, forms
    formed, formed_uf = group(_read(again, documents, sections), pairs, len(again),
                              "same name in two documents: ")
    del pairs

    merged: dict[int, Cluster] = {again[r]: c for r, c in formed.items()}
    for g, root in kept_roots.items():
        merged[root] = Cluster.decode(earlier.groups[g])
    roots = sorted(merged)
    # the groups for the next build, encoded as formed (the passes below merge them in
    # place), kept on disk until the store write copies them
    kept_as = {root: g for g, root in kept_roots.items()}
    encoded = SpilledItems(earlier.groups[kept_as[root]] if root in kept_as
                           else merged[root].encode() for root in roots)
    del kept_as
    number = {root: n for n, root in enumerate(roots)}
    renumber = {g: number[root] for g, root in kept_roots.items()}
    uf = DenseUnionFind(len(group_of))
    parent = uf.parent
    for j, index in enumerate(again):
        root = again[formed_uf.find(j)]
        parent[index] = root
        group_of[index] = number[root]
    for index, g in enumerate(group_of):
        if g < 0:
            g = renumber[~g]
            group_of[index] = g
            parent[index] = roots[g]
    keys = {key: renumber[g] for key, g in earlier.keys.items() if g in renumber}
    keys.update((key, number[again[formed_uf.find(j)]]) for key, j in owner.items())
    keys.update((key, number[again[formed_uf.find(j)]]) for key, j in form_owner.items())
    members: dict[str, tuple[tuple[int, ...], ...]] = {}
    for k, section in enumerate(sections):
        base = documents[k][3]
        part = tuple(group_of[base:base + len(section.clusters)])
        doc_id = documents[k][0].doc_id
        members[doc_id] = (*members.get(doc_id, ()), part)
    return ({root: merged[root] for root in roots}, uf,
            Joined(encoded, members, keys))


def _read(indices: list[int], documents: list[tuple[Document, int, Any, int]],
          sections: list[Section]) -> Iterator[Cluster]:
    """The clusters of the increasing cluster ``indices``, each section's let go once read."""
    k = 0
    for index in indices:
        while index >= documents[k][3] + len(sections[k].clusters):
            _let_go(sections[k].clusters)
            k += 1
        yield sections[k].clusters[index - documents[k][3]]
    if indices:
        _let_go(sections[k].clusters)


def _let_go(clusters: Sequence[Cluster]) -> None:
    """A saved resolution's clusters are decoded when first read, and kept: let go of them
    (read again, they are decoded again). Those a build resolved itself are plain tuples."""
    release = getattr(clusters, "release", None)
    if release is not None:
        release()


def _read_once(parts: Iterable[tuple[str, int, Sequence[Cluster]]],
               ) -> Iterator[tuple[str, int, Sequence[Cluster]]]:
    """The parts, each one's clusters let go once read."""
    for part in parts:
        yield part
        _let_go(part[2])


def _share_listed_evidence(clusters: dict[int, Cluster], uf: UnionFind,
                           documents: list[tuple[Document, int, Sequence[LocalStatement],
                                                 int]],
                           ) -> None:
    """"Facebook, Instagram and WhatsApp": names in one list are mostly of one kind. Each
    takes a share of the stated evidence (not the NER labels) of the names listed with it,
    once per document, however much evidence the other has. Shares are computed before any
    is added, so order does not matter."""
    links: set[tuple[int, int, int]] = set()
    for n, (_, _, statements, base) in enumerate(documents):
        for st in statements:
            if st.predicate == COORDINATED and isinstance(st.object, int):
                a, b = uf.find(base + st.subject), uf.find(base + st.object)
                if a != b:
                    links.add((n, min(a, b), max(a, b)))
    shared = {r for r, c in clusters.items() if c.type in SHARED_CLASSES}
    # "assets like Quillmail, Vexatube and Vexa": a one-word name only the recogniser calls a
    # person, listed with two or more companies or products, is one of them
    partners: dict[int, set[int]] = defaultdict(set)
    for _, a, b in links:
        partners[a].add(b)
        partners[b].add(a)
    shared |= {r for r, ps in partners.items() if ps & shared and
               _named_person(clusters[r])}
    shares: dict[int, Counter[str]] = defaultdict(Counter)
    for _, a, b in links:
        if a in shared and b in shared:
            for one, other in ((a, b), (b, a)):
                stated = sum(clusters[other].votes[c] for c in SHARED_CLASSES)
                for label in SHARED_CLASSES if stated else ():
                    shares[one][label] += (COORDINATION_WEIGHT * clusters[other].votes[label]
                                           / stated)
    for root, share in shares.items():
        clusters[root].votes.update(share)


def _named_person(cluster: Cluster) -> bool:
    """A one-word name that only the recogniser calls a person, and nothing else states."""
    return cluster.type == "Person" and not cluster.stated and \
        all(len(n.split()) == 1 for n in cluster.names)


def _vote_possessed_products(clusters: dict[int, Cluster], uf: UnionFind,
                             documents: list[tuple[Document, int, Sequence[LocalStatement],
                                                 int]],
                             ) -> None:
    """"Vexa's Quillbot": a name an organization possesses is mostly its product. A vote for
    each time the text says so, for names nothing states another class of: the recogniser
    takes an unknown product's name for a person; an organization or a place it owns is
    rather a unit or a site, unless something else says product ("Vexa's Quillbot robots")."""
    votes: Counter[int] = Counter()
    for _, _, statements, base in documents:
        for st in statements:
            if st.predicate == "possessive" and isinstance(st.object, int):
                owner, owned = uf.find(base + st.subject), uf.find(base + st.object)
                c = clusters[owned]
                stated = {cls for cls, v in c.votes.items() if v > 0}
                # an organization it owns is a unit unless something else says product
                if clusters[owner].type == "Organization" and owner != owned and \
                        stated <= {"Product"} and (c.type in ("Person", THING) or (
                            c.type == "Organization" and stated)) and \
                        not _full_personal_name(c):
                    votes[owned] += 1
    for root, n in votes.items():
        clusters[root].votes["Product"] += POSSESSED_WEIGHT * n


def _full_personal_name(cluster: Cluster) -> bool:
    """Whether a name is written as a person's in full, a common given name and a surname
    ("Vexa Radio's Dana Wills": the station's reporter, not its product; "Orbis's Quillbot
    Max" has no given name first)."""
    given = common_given_names()
    return any(len(words := n.split()) >= 2 and words[0].lower() in given and
               words[-1][:1].isupper() for n in cluster.names)


def _vote_versions(clusters: dict[int, Cluster]) -> None:
    """"Llama 2" is a version of the product "Llama": a product name plus a version number."""
    products = {k for c in clusters.values() if c.type == "Product" for k in c.keys}
    for c in clusters.values():
        for key in c.keys:
            base, _, version = key.rpartition(" ")
            if base in products and re.fullmatch(r"v?\d+(\.\d+)*", version):
                c.votes["Product"] += RANGE_WEIGHT
                break


def mention_counts(named: Counter[str], facts: Iterable[tuple[Any, ...]],
                   ) -> tuple[tuple[str, int], ...]:
    """(entity key, how often the document names it), by key. An entity a fact of the
    document is about counts once at least: a name read only inside a longer one ("Vexa" of
    "Vexa Quill") is no name mention of its own, yet the document does name it."""
    counts = Counter(named)
    for fact in facts:  # (section, place, subject, predicate, object, canonical, literal, …)
        for key in (fact[2], fact[4]) if not fact[6] else (fact[2],):
            if not key.startswith(CONCEPT_KEY):
                counts[key] = counts[key] or 1
    return tuple(sorted(counts.items()))


def _concept(entities: dict[str, Entity], label: str) -> str:
    key = CONCEPT_KEY + slug(label.lower())
    if key not in entities:
        entities[key] = Entity(key, label, CONCEPT)
    return key


def _merge_surnames(clusters: dict[int, Cluster], uf: UnionFind,
                    own: dict[int, set[str]]) -> None:
    """A surname alone in one document ("Zuckerberg") joins the one person with that surname,
    or the one the corpus names ``DOMINANCE`` times as often as any other of that surname."""
    people = {r: c for r, c in clusters.items() if c.type == "Person"}
    by_surname: dict[str, set[int]] = defaultdict(set)
    for r, c in people.items():
        for key in c.keys:
            if len(key.split()) > 1:
                by_surname[surname(key)].add(r)
    for r, c in list(people.items()):
        if any(len(k.split()) > 1 for k in c.keys):
            continue
        targets = {t for k in c.keys for t in by_surname.get(k, set())} - {r}
        size = {t: sum(people[t].names.values()) for t in targets}
        best = max(sorted(targets), key=size.__getitem__, default=None)
        # "Bush" of a corpus that names one Bush far more than any other
        if best is not None and all(DOMINANCE * size[t] <= size[best]
                                    for t in targets if t != best):
            target = uf.find(best)
            if target not in clusters or r not in clusters:
                continue
            merge(clusters, uf, target, r, f"surname: {', '.join(sorted(c.keys))}", own)


def _merge_maker_prefixed(clusters: dict[int, Cluster], uf: UnionFind,
                          own: dict[int, set[str]]) -> None:
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
                merge(clusters, uf, target, r, f"maker's name before the product: {key}", own)
                break


def name_labels(extraction: Extraction) -> Counter[tuple[str, str]]:
    """How often each name (by key) is mentioned with each entity label, in text order."""
    return Counter((name_key(m.text), m.label) for m in extraction.mentions)


def lists_without_commas(labels: Counter[tuple[str, str]]) -> set[str]:
    """"owns Facebook Instagram and WhatsApp": keys of two-word names that are two entities
    whose comma got lost. Both words are names of their own elsewhere in the corpus, both
    organizations or both products by the entity recogniser, and the pair is written once.
    ("NVIDIA H100" is a maker and its product; "John Smith" is a person: neither splits.)
    ``labels`` counts the corpus's names by key and label, documents in id order."""
    counts: Counter[str] = Counter()
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for (key, label), n in labels.items():
        counts[key] += n
        by_key[key][label] += n
    found = set()
    for key, n in counts.items():
        words = key.split()
        if n != 1 or len(words) != 2 or by_key[key].get("Person"):
            continue
        kinds = {by_key[w].most_common(1)[0][0] if by_key.get(w) else "" for w in words}
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

    ends = (*extraction.mentions,
            *(m for c in extraction.candidates for m in (c.subject, c.object)),
            *(m for a in extraction.aliases for m in (a.first, a.second)),
            *(h.mention for h in extraction.hints))
    if all(parts(m) == [m] for m in ends):
        return extraction  # nothing to split (nearly every document): no copy of it all
    listed = []  # the parts of one name were a list: they are coordinated
    for m in extraction.mentions:
        split = parts(m)
        listed.extend(Candidate(a, COORDINATED, b, Evidence(extraction.doc_id, m.start, m.end,
                                                             m.text, "coordination", 0.5),
                                canonical=False) for a, b in pairwise(split))
    return replace(
        extraction,
        mentions=tuple(p for m in extraction.mentions for p in parts(m)),
        candidates=tuple(replace(c, subject=s, object=o) for c in extraction.candidates
                         for s in parts(c.subject) for o in parts(c.object)) + tuple(listed),
        aliases=tuple(replace(a, first=f, second=g) for a in extraction.aliases
                      for f in parts(a.first) for g in parts(a.second)),
        hints=tuple(replace(h, mention=p) for h in extraction.hints for p in parts(h.mention)))
