"""Which names join entities across documents. A document's full names join the same names of
other documents; a short form it read as one of them ("Vexa" for "Vexa Maps", "Ruiz" for "Ana
Ruiz") says what the short name means in that story only, and joins the entity the short name
is elsewhere only when the two are one thing: not a company and its product, event or unit, a
city and its team, a person and a company of that name, or a country and a company named
after it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from kg.names import (
    PLACE_KEYS,
    PLACE_LABELS,
    initials,
    is_region,
    legal_form,
    legal_name,
    name_key,
    shortens,
    surname,
    titled,
)
from kg.ontology import THING
from kg.resolve.clusters import Cluster, UnionFind, merge
from kg.resolve.geo import region_key

PLACE_NAMES = frozenset(PLACE_KEYS.values())
# A short name this many times as common as the longer name that opens with it (with every
# short form read as the longer one) is the maker, the city or the owner of what the longer
# name names ("Vexa" and "Vexa Maps"), not its usual name ("Vexa Business Machines").
MAKER_RATIO = 8
# Of two longer names a short one stands for in stories, the one this many times as common.
DOMINANCE = 4


def own_keys(cluster: Cluster, shared: frozenset[str] = frozenset()) -> set[str]:
    """The keys a document's cluster joins other documents by: those of its full names, not
    of a short form of another of them, nor a country's name beside a name that is not the
    country's (the recogniser's "US" of "US Vexa Corp"), nor a name many countries' bodies
    bear (``shared``: "Supreme Court" in two stories is not one court)."""
    keys = cluster.keys - {""}
    own = {k for k in keys if not any(shortens(k, other) for other in keys)}
    # "VTC" beside "Vexa Trading Corp": the initials a story gives a name
    own -= {name_key(n) for n in cluster.names if _initials_of(n, cluster.names)}
    if own - PLACE_NAMES:
        own -= PLACE_NAMES
    if keys & shared:  # such a body joins other stories by a fuller name only
        return own - shared
    return own or keys


def key_form(cluster: Cluster, key: str) -> str | None:
    """The legal form a cluster's names of ``key`` are written with (``legal_form``): a
    country's suffix if one is ("Vexa SA" beside "Vexa"), "" for another suffix, None for
    none. Two names of one key written with two forms are two companies ("Vexa SA", "Vexa
    Corp")."""
    forms = {legal_form(n) for n in cluster.names if name_key(n) == key} - {None}
    country = sorted(f for f in forms if f)
    return country[0] if len(country) == 1 else "" if forms else None


def form_keys(cluster: Cluster) -> set[str]:
    """The keys a cluster joins by when its key is written with several legal forms in the
    corpus: each key with its form ("vexa|sa")."""
    return {f"{key}|{form}" for key in cluster.keys - {""}
            if (form := key_form(cluster, key)) is not None}


def short_form_stories(parts: Iterable[tuple[str, int, Sequence[Cluster]]],
                       uf: UnionFind, shared: frozenset[str] = frozenset()) \
        -> Counter[tuple[str, int]]:
    """How many stories read each short key as each joined entity (by root), from each part
    of a story: its id, the index of its first cluster, its clusters. A name many countries'
    bodies bear (``shared``) is no short form of one of them."""
    seen: set[tuple[str, str, int]] = set()
    for doc_id, base, clusters in parts:
        for i, c in enumerate(clusters):
            if c.keys & shared:
                continue  # "the Bank" of a story's "Central Bank" is no one body's short form
            local = c.keys - own_keys(c) - {""}
            if local:
                root = uf.find(base + i)
                seen.update((doc_id, key, root) for key in local)
    return Counter((key, root) for _, key, root in seen)


def join_short_forms(clusters: dict[int, Cluster], uf: UnionFind, own: dict[int, set[str]],
                     stories: Counter[tuple[str, int]], nouns: Collection[str],
                     countries: Collection[str] = (), titles: Collection[str] = (),
                     events: Collection[str] = ()) -> None:
    """Join each entity a story read by a short form of a longer name with the entity that
    short name is elsewhere, when they are one thing and no other longer name claims it as
    much. ``stories`` counts the stories that read each short key as each entity (by root);
    ``nouns`` are common nouns, no name alone ("State" of "State Department"); ``countries``,
    event ``titles`` and the last words of events' names (``events``) as ``one_thing`` reads
    them; ``own`` (root → its own keys) is
    updated. Pairs are found before any is joined."""
    countries = {name_key(c) for c in countries}
    openers = {k.split()[0] for r, c in clusters.items() if c.type == "Place"
               for k in own.get(r, ()) if " " in k}
    owner = {k: r for r, keys in own.items() for k in keys}
    size = {r: sum(c.names.values()) for r, c in clusters.items()}
    # the other entities a short name could stand for: people of that surname, names that
    # open or end with it ("Ruiz": Ana and Tomas Ruiz; "Wireless": Vexa and Quill Wireless)
    rivals: dict[str, set[int]] = defaultdict(set)
    for r in sorted(clusters):
        person = clusters[r].type == "Person"
        for k in own.get(r, set()):
            words = k.split()
            if person and len(words) > 1:
                rivals[surname(k)].add(r)
            elif not person:
                for n in range(1, len(words)):
                    rivals[" ".join(words[:n])].add(r)
                    rivals[" ".join(words[n:])].add(r)
    claims: dict[int, set[int]] = defaultdict(set)  # short entity → longer entities
    reasons: dict[tuple[int, int], str] = {}
    for (key, root), n in sorted(stories.items()):
        short = owner.get(key)
        if short is None or short == root or root not in clusters or short not in clusters:
            continue
        claims[short].add(root)
        # "Ruiz" alone is Ana Ruiz only where the corpus names no other Ruiz as much
        # a place's rivals are places: "Athens" of "Athens, Greece" is no short form of the
        # "Athens Olympics", whatever the corpus says of them
        place = clusters[root].type == "Place"
        others = set() if _initials_of_key(key, clusters[root]) else {
            r for r in rivals.get(key, set()) - {root, short}
            if (clusters[r].type == "Place") == place}
        if key not in nouns and all(DOMINANCE * size[r] <= size[root] for r in others) and \
                one_thing(clusters[root], clusters[short], key, own.get(root, set()),
                          countries, titles, openers, events):
            reasons[(short, root)] = f"short form in {n} {'story' if n == 1 else 'stories'}: {key}"
    chosen = []
    for short, longs in sorted(claims.items()):
        best = max(sorted(longs), key=size.__getitem__)
        # "Vexa" of "Vexa Labs" and, once, of "Vexa vs Vexa": the first
        if (short, best) in reasons and all(
                DOMINANCE * size[r] <= size[best] for r in longs if r != best):
            chosen.append((short, best))  # not "Sox" of two teams' stories
    for short, best in chosen:
        a, b = uf.find(best), uf.find(short)
        if a == b:
            continue
        if any(titled(k, titles) for k in own.get(a, ())) and clusters[a].type == THING:
            # "Vexa" of "Hurricane Vexa": the recogniser's label was the storm's name's
            clusters[b].recognised_wrongly()
        merge(clusters, uf, a, b, reasons[(short, best)], own)


def _initials_of(short: str, names: Collection[str]) -> bool:
    letters = short.replace(".", "")
    return short.isupper() and letters.isalpha() and 2 <= len(letters) <= 6 and any(
        m != short and letters in initials(m) for m in names)


def _initials_of_key(key: str, cluster: Cluster) -> bool:
    return any(_initials_of(n, cluster.names) for n in cluster.names if name_key(n) == key)


def one_thing(long: Cluster, short: Cluster, key: str, long_keys: set[str],
              countries: Collection[str] = (), titles: Collection[str] = (),
              places: Collection[str] = (), events: Collection[str] = ()) -> bool:
    """Whether the entity named ``key`` elsewhere (``short``) is the one a story read that
    short name as (``long``, whose own keys are ``long_keys``). A country (by key, in
    ``countries``) is the short form of no other place ("Ruritania, Norland" is a list),
    ``places`` the first words of places' longer names ("Tarrow Airport"); a
    name the recogniser alone calls a person's may be an event's named after it (``titles``:
    "Hurricane Vexa"). An event named after its sponsor, the sponsor's name and a word that
    ends events' names (``events``: "Vexa Bank Championship"), is not the sponsor."""
    a, b = long.type, short.type
    if "Place" in (a, b):
        # a city is not its team, a country not a company named after it
        return a == b and key not in countries
    words = key.split()
    if _initials_of_key(key, long):
        return a == b or THING in (a, b)  # "VTC" the initials of "Vexa Trading Corp"
    if a == "Person":  # a surname alone, unless the text states it is something else
        return any(k.split()[-len(words):] == words for k in long_keys) and (
            b == "Person" or not any(v > 0 for cls, v in short.votes.items()
                                     if cls != "Person"))
    # "Vexa" of "Hurricane Vexa": a name only the recogniser calls a person's may be a thing's
    recognised = b == "Person" and a == THING and not short.stated and \
        any(titled(k, titles) for k in long_keys)
    if (b == "Person" and not recognised) or (a != b and THING not in (a, b)):
        return False  # a person is not a company of that name; a company not its product
    if any(name_key(n) == key and legal_name(n) for n in short.names):
        return False  # "Vexa Inc." is a firm of its own, not the short form of "Vexa Labs Inc."
    for k in long_keys:
        extra = k.split()
        if extra[:len(words)] == words:  # "Vexa Labs": a maker's name and one more word
            if extra[-1] in events:
                return False  # "Vexa Open": the sponsor's event, not the sponsor
            # not a word the recogniser never labelled that opens places' names: a city's
            # ("the Tarrow rain", "Tarrow Airport"), not its team's ("Tarrow United")
            return len(extra) == len(words) + 1 and not (not short.ner and key in places) \
                and sum(short.names.values()) <= MAKER_RATIO * sum(long.names.values())
        if extra[-len(words):] == words:  # "Red Sox" of "Quill Red Sox"
            return True
    return False


def join_middle_initials(clusters: dict[int, Cluster], uf: UnionFind,
                         own: dict[int, set[str]]) -> None:
    """"Ana Ruiz" is "Ana M. Ruiz" when the corpus names one person so, not two ("Ana M. Ruiz"
    and "Ana T. Ruiz"). ``own`` is updated."""
    full: dict[str, set[int]] = defaultdict(set)  # "ana ruiz" → people named with an initial
    plain: dict[str, set[int]] = defaultdict(set)  # "ana ruiz" → people so named
    for root in sorted(clusters):
        if clusters[root].type != "Person":
            continue
        for key in own.get(root, set()):
            words = key.split()
            bare = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
            if len(words) > 2 and len(bare) < len(words):
                full[" ".join(bare)].add(root)
            elif len(words) > 1:
                plain[key].add(root)
    pairs = [(min(full[k]), min(plain[k]), k) for k in sorted(full)
             if len(full[k]) == 1 and len(plain.get(k, ())) == 1 and full[k] != plain[k]]
    for long, short, name in pairs:
        a, b = uf.find(long), uf.find(short)
        if a == b:
            continue
        merge(clusters, uf, a, b, f"without a middle initial: {name}", own)


def join_given_name_forms(clusters: dict[int, Cluster], uf: UnionFind,
                          own: dict[int, set[str]],
                          given_names: Mapping[str, Collection[str]],
                          parts: Iterable[tuple[str, int, int]]) -> None:
    """"Steve Reed" is "Steven Reed": a person named with a short form of a given name
    (``given_names``: short form → the full names it shortens) is the person named with the
    full name and the same rest, when the corpus names one such person ("Steve Reed" beside
    both "Steven Reed" and "Stephen Reed" joins neither), and the two are named in one story
    or beside one same person, organization or product (two Steve Reeds of a large corpus
    are rather two people than one). ``parts``: each part of a story's id, the index of its
    first cluster and its number of clusters. ``own`` is updated."""
    people: dict[str, set[int]] = defaultdict(set)  # a person's full key → people so named
    for root in sorted(clusters):
        if clusters[root].type == "Person":
            for key in own.get(root, set()):
                if len(key.split()) > 1:
                    people[key].add(root)
    pairs = []
    for key, roots in sorted(people.items()):
        first, rest = key.split(" ", 1)
        longs = {r for full in given_names.get(first, ()) for r in people.get(f"{full} {rest}",
                                                                            ())}
        if len(roots) == 1 and len(longs) == 1 and longs != roots:
            pairs.append((min(longs), min(roots), key))
    if not pairs:
        return
    stories: dict[str, set[int]] = defaultdict(set)  # a story's id → the entities it names
    for doc_id, base, size in parts:
        stories[doc_id].update(uf.find(i) for i in range(base, base + size))
    named: dict[int, set[str]] = defaultdict(set)  # an entity → the stories that name it
    for doc_id, roots in stories.items():
        for r in roots:
            named[r].add(doc_id)

    def beside(root: int) -> set[int]:
        return {r for d in named[root] for r in stories[d] if r in clusters and
                clusters[r].type in ("Person", "Organization", "Product")} - {root}

    for long, short, name in pairs:
        a, b = uf.find(long), uf.find(short)
        if a != b and a in clusters and b in clusters and (
                named[a] & named[b] or (beside(a) & beside(b)) - {a, b}):
            merge(clusters, uf, a, b, f"short form of the given name: {name}", own)


def join_place_prefixed(clusters: dict[int, Cluster], uf: UnionFind, own: dict[int, set[str]],
                        nouns: Collection[str], shared: frozenset[str] = frozenset()) \
        -> dict[int, str]:
    """"Tarrow Hawks" in one story is "Hawks" in another, "US Quill Board" is the "Quill
    Board": an organization's name that a place's name opens is the organization the rest
    names, when the corpus has one such place-prefixed name for it (not "Times" of two
    cities' papers) and the rest is no common noun alone: a team's plural name after a
    place's, or a body's after a country's initials; not a city's branch of a body ("Tarrow
    Fed" is not the "Fed"), nor a dateline's place in capitals ("TARROW Vexa Corp"). ``own``
    is updated. Returns the label of each entity a country's initials opened (by root): the
    name without them ("Quill Board", not "US Quill Board")."""
    places = {k for r, c in clusters.items() if c.type == "Place" for k in own.get(r, ())}
    orgs = {k: r for r, c in sorted(clusters.items()) if c.type == "Organization"
            for k in own.get(r, ())}
    longs: dict[str, set[int]] = defaultdict(set)  # the rest → place-prefixed organizations
    countries: set[int] = set()  # those a country's initials open: "US", "U.K."
    for r, c in sorted(clusters.items()):
        if c.type != "Organization":
            continue
        for name in c.names:
            words = name.split()
            if name_key(name) not in own.get(r, ()):
                continue
            for n in range(1, min(3, len(words) - 1) + 1):
                prefix = " ".join(words[:n])
                shouted = prefix.isupper() and sum(c.isalpha() for c in prefix) > 3
                initials = sum(c.isalpha() for c in prefix) <= 3
                rest = name_key(" ".join(words[n:]))
                # a team a city's name opens ("Tarrow Hawks"), a body the country's initials
                # open ("US Quill Board"); not a city's branch of a body ("Tarrow Fed")
                team = rest.endswith("s") and not rest.endswith("ss") and len(rest) > 3
                if name_key(prefix) in places and not shouted and (initials or team):
                    longs[rest].add(r)
                    if initials:
                        countries.add(r)
    pairs = [(min(rs), orgs[rest], rest) for rest, rs in sorted(longs.items())
             if len(rs) == 1 and rest in orgs and rest not in nouns and rest not in shared
             and orgs[rest] not in rs]
    labels: dict[int, str] = {}
    for long, short, rest in pairs:
        a, b = uf.find(long), uf.find(short)
        if a != b and a in clusters and b in clusters:
            label = clusters[b].label()
            merge(clusters, uf, a, b, f"a place's name before the name: {rest}", own)
            if long in countries:
                labels[uf.find(a)] = label
    return labels


def join_regional_places(clusters: dict[int, Cluster], uf: UnionFind,
                         own: dict[int, set[str]], countries: Collection[str]) -> None:
    """"Tarrow" in one story is "Tarrow, Norland" in others: a place named alone joins the
    place named with the place it is in, when the corpus names one such place, or one
    ``DOMINANCE`` times as often as every other ("Athens, Greece" over "Athens, Ga."), and
    names it so at least as often as alone (a Birmingham of a few datelines is not the one of
    every football story). A country is in no other place: "France, Germany" is a list. The
    places of one name in one region are one first, however the region is written ("Tarrow,
    Wash." and "Tarrow, Washington"). ``own`` is updated."""
    countries = {name_key(c) for c in countries}
    regional: dict[str, set[int]] = defaultdict(set)  # the name alone → places with a region
    within: dict[tuple[str, str], set[int]] = defaultdict(set)  # (name, region) → places
    for r, c in sorted(clusters.items()):
        if c.type != "Place":
            continue
        for name in c.names:
            alone, comma, region = name.partition(", ")
            if comma and is_region(region) and name_key(alone) not in countries:
                regional[name_key(alone)].add(r)
                within[(name_key(alone), region_key(region))].add(r)
    for (key, _), places in sorted(within.items()):
        roots = sorted({uf.find(p) for p in places})
        for other in roots[1:]:
            a, b = uf.find(roots[0]), uf.find(other)
            if a != b and a in clusters and b in clusters:
                merge(clusters, uf, a, b, f"one place of one region: {key}", own)
    regional = {k: {uf.find(p) for p in ps} for k, ps in regional.items()}
    size = {r: sum(c.names.values()) for r, c in clusters.items()}
    owner = {k: r for r, keys in own.items() if r in clusters and clusters[r].type == "Place"
             for k in keys}
    for key, places in sorted(regional.items()):
        alone = owner.get(key)
        if alone is None or alone in places:
            continue
        best = max(sorted(places), key=size.__getitem__)
        if size[best] >= size[alone] and \
                all(DOMINANCE * size[p] <= size[best] for p in places if p != best):
            a, b = uf.find(best), uf.find(alone)
            if a != b and a in clusters and b in clusters:
                merge(clusters, uf, a, b, f"the one place of that name: {key}", own)


def foreign_keys(clusters: dict[int, Cluster], own: dict[int, set[str]]) -> dict[int, set[str]]:
    """For each entity, the keys of its names that another entity owns: a story's short form
    of its name, which names that other entity everywhere else."""
    owner = {k: r for r, keys in own.items() for k in keys}
    return {root: {k for k in c.keys - own.get(root, set())
                   if owner.get(k, root) != root} for root, c in clusters.items()}


def place_names(clusters: dict[int, Cluster], own: dict[int, set[str]]) -> dict[int, str]:
    """A place the ontology names ("U.S.", "USA", "America") is a place, however its names
    were tagged or used, labelled by its usual name: root → that name."""
    labels = {}
    for root, c in clusters.items():
        named = sorted(own.get(root, set()) & PLACE_NAMES)
        if named:
            c.votes["Place"] += max(c.scores().values(), default=0.0) + 1.0
            labels[root] = PLACE_LABELS[named[0]]
    return labels
