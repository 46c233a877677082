"""Clusters of names that are one entity: their votes for a class, their label, and the
union-find that merges them, recording why."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.names import is_region, name_key, shortens
from kg.ontology import THING
from kg.votes import best_class, class_scores

RANGE_WEIGHT = 1.5


@dataclass
class Cluster:
    """Names believed to denote one thing, with the evidence for its class."""

    names: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)  # evidence other than the NER's
    ner: Counter[str] = field(default_factory=Counter)  # the NER's label of each mention
    merges: list[str] = field(default_factory=list)
    confirmed: bool = False  # the entity recogniser saw it (not only a capitalised word)
    # the region its story reads a name of a town and a region as ("Tacoma, Wash.":
    # "Washington (state)"), its label and, in lower case, its one key
    region: str = ""

    def encode(self) -> tuple[Any, ...]:
        """Plain data (for ``marshal``): what ``Cluster.decode`` makes it again."""
        return (dict(self.names), dict(self.votes), dict(self.ner), tuple(self.merges),
                self.confirmed, self.region)

    @staticmethod
    def decode(encoded: tuple[Any, ...]) -> Cluster:
        names, votes, ner, merges, confirmed, region = encoded
        return Cluster(_counter(names), _counter(votes), _counter(ner), list(merges),
                       confirmed, region)

    def absorb(self, other: Cluster, reason: str) -> None:
        self.names.update(other.names)
        self.votes.update(other.votes)
        self.ner.update(other.ner)
        self.merges.extend(other.merges)
        self.merges.append(reason)
        self.confirmed |= other.confirmed
        self.region = self.region or other.region

    @property
    def stated(self) -> bool:
        """Whether the text states a class of it (a suffix, a title, a description), beyond
        the recogniser's labels."""
        return any(v > 0 for v in self.votes.values())

    def recognised_wrongly(self) -> None:
        """The recogniser's labels were wrong: they count as many votes for no class."""
        self.ner = Counter({THING: sum(self.ner.values())})

    def scores(self) -> dict[str, float]:
        """Evidence per class (``kg.votes.class_scores``)."""
        return class_scores(self.votes, self.ner)

    @property
    def type(self) -> str:
        votes, ner = self.votes, self.ner
        if not votes and len(ner) <= 1:  # most names: one label, or none
            label, seen = next(iter(ner.items()), (THING, 0))
            return label if seen > 0 else THING
        # Resolution asks a cluster its class again and again (a hundred thousand times per
        # 100k words) between the few changes of its votes, which are made in place all
        # over: the class is kept with copies of the votes it was decided from, and decided
        # again when they differ (dict's own comparison: Counter's is written in Python).
        kept = self.__dict__.get("_decided")
        if kept is not None and dict.__eq__(kept[0], votes) and dict.__eq__(kept[1], ner):
            return kept[2]
        decided = self._decide()
        self.__dict__["_decided"] = (dict(votes), dict(ner), decided)
        return decided

    def forget_class(self) -> None:
        """Let go of the class kept with the votes it was decided from (decided again
        when asked)."""
        self.__dict__.pop("_decided", None)

    def _decide(self) -> str:
        scores = self.scores()
        if not scores:
            return THING
        best = best_class(scores)
        # the recogniser's one label outweighed by evidence against it ("Dunmore airport" is
        # no person, whatever it was tagged): no class is known
        return best if scores[best] > 0 or len(scores) > 1 else THING

    @property
    def keys(self) -> set[str]:
        if self.region:  # a key no name has: joins only the same region read so
            return {self.region.lower()}
        return {name_key(n) for n in self.names}

    def label(self, foreign: frozenset[str] | set[str] = frozenset(),
              bare: frozenset[str] = frozenset()) -> str:
        """The canonical name: a person's fullest name (initials aside), else the most used
        full name. Not a short form used less than the longer name, or that ends it ("Times"
        of "New York Times"; but a name is no short form of itself with the region it is in:
        "Dover" of "Dover, Del."), nor the initials of another of its names, nor a name
        ``foreign`` to it (the key of another entity, read here only as a story's short form of
        this one's name), nor a word of ``bare`` alone ("American" of "American Quillon
        Group Inc.", whose key it shares once the name's generic words are dropped)."""
        if self.region:
            return self.region
        names = list(self.names)
        keys = {n: name_key(n) for n in names}
        abbreviations = {n for n in names if n.isupper() and len(n) <= 6 and
                         any(not m.isupper() and keys[m] != keys[n] for m in names)}
        used: Counter[str] = Counter()  # "Vexa Labs" and "Vexa Labs Inc." are one full name
        for n in names:
            used[keys[n]] += self.names[n]
        abbreviations |= {n for n in names if keys[n] in foreign or n.casefold() in bare or any(
            shortens(n, m) and not _with_region(n, m) and (
                used[keys[m]] >= used[keys[n]]
                or keys[m].split()[:len(keys[n].split())] != keys[n].split())
            for m in names)}
        # "BOSTON" of a dateline or a headline beside "Boston"; not "NASA" beside "Nasa"
        shouted = {n for n in names if n.isupper() and max(map(len, n.split()), default=0) > 4
                   and any(m != n and m.upper() == n for m in names)}
        cls = self.type  # asked once: deciding it again compares the votes it was decided from
        person = cls == "Person"
        # "Tarrow, Wash." beside "Tarrow": a town's name is its name without the region (but
        # not written in capitals only, as a dateline's: "TARROW")
        alone = {m.casefold() for m in names if not m.isupper()}
        regional = {n for n in names if (town := n.partition(", "))[1] and
                    town[0].casefold() in alone and is_region(town[2])} \
            if cls == "Place" else set()
        # how often each word is written in all the names: of two spellings used as often,
        # the one the other names share ("Hoechst AG" beside "Hoechst", not "Hoechts AG")
        spelt: Counter[str] = Counter()
        for n in names:
            for word in set(n.casefold().split()):
                spelt[word] += self.names[n]

        def rank(n: str) -> tuple[bool, bool, bool, int, bool, int, int, bool, bool, int, int,
                                  int, str]:
            words = len(n.split())
            # "Ana Ruiz" is as full as "Ana M. Ruiz", and more used
            full = sum(sum(c.isalpha() for c in w) > 1 for w in n.split()) if person else 0
            clean = "\\" not in n and "  " not in n  # no line break left in it
            # ties go to the spelt-out, capitalised, shorter common form ("Globex" over
            # "Globex Corp", "Artificial Intelligence" over "artificial intelligence")
            return (n not in abbreviations, clean, n not in regional, full, n not in shouted,
                    used[keys[n]], self.names[n], not n.isupper(), n[:1].isupper(), -words,
                    -len(n), min((spelt[w] for w in n.casefold().split()), default=0), n)

        return max(names, key=rank)



def _with_region(name: str, longer: str) -> bool:
    """Whether ``longer`` is ``name`` with the place it is in: "Dover, Del.", "Dover, New
    Hampshire"."""
    rest = longer[len(name) + 2:] if longer.casefold().startswith(f"{name.casefold()}, ") \
        else ""  # ("TARROW, Wash." of a dateline too)
    return is_region(rest)


def _counter(counts: dict[str, Any]) -> Counter[str]:
    # a Counter is a dict with methods: filled as a dict, it skips Counter.__init__'s Python
    # code, which is most of the time of decoding a large corpus's clusters
    counter: Counter[str] = Counter.__new__(Counter)
    dict.update(counter, counts)
    return counter


class UnionFind:
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


class DenseUnionFind(UnionFind):
    """A union-find of the integers below ``size``, each its own root at first, its parents
    a list: the join's, over every cluster of the corpus, takes a fifth of a dict's memory."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))  # type: ignore[assignment]

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x


def merge(clusters: dict[int, Cluster], uf: UnionFind, a: int, b: int, reason: str,
          own: dict[int, set[str]] | None = None) -> None:
    """Join the cluster of root ``b`` into that of root ``a``, recording why; with ``own``
    (the keys each cluster owns), its keys move along."""
    merged = clusters.pop(a)
    merged.absorb(clusters.pop(b), reason)
    uf.union(a, b)
    root = uf.find(a)
    clusters[root] = merged
    if own is not None:
        own[root] = own.pop(a, set()) | own.pop(b, set())


def group(clusters: Iterable[Cluster], pairs: Iterable[tuple[int, int, str]],
          count: int | None = None, why: str = "") -> tuple[dict[int, Cluster], UnionFind]:
    """Merge clusters along (i, j, reason) pairs, each reason recorded after ``why`` (made
    once per group, not held for every pair). Returns root index → merged cluster and the
    union-find that maps any index to its root. The clusters are read once, in order
    (``count`` of them, if they are no list), and none is kept but the one of a group of
    one."""
    if count is None:
        listed = list(clusters)
        clusters, count = listed, len(listed)
    pairs = list(pairs)
    uf = DenseUnionFind(count)
    for i, j, _ in pairs:
        uf.union(i, j)
    reasons: dict[int, set[str]] = defaultdict(set)
    for i, _, reason in pairs:
        reasons[uf.find(i)].add(why + reason)
    size: Counter[int] = Counter(uf.find(i) for i in range(count))
    merged: dict[int, Cluster] = {}
    for i, cluster in zip(range(count), clusters, strict=True):
        root = uf.find(i)
        if size[root] == 1:
            merged[root] = cluster
            continue
        combined = merged.get(root)
        if combined is None:
            combined = merged[root] = Cluster()
        combined.absorb(cluster, "")
    for root, combined in merged.items():
        if size[root] > 1:
            combined.merges = sorted({m for m in combined.merges if m} | reasons[root])
    return merged, uf


