"""Places linked to GeoNames offline (kg.resolve.geo): the picker and its abstentions on
invented cases, and a build of invented stories whose places are on the map."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from kg.model import Entity, GeoLink
from kg.resolve.geo import Clues, candidates, key, link_places, pick, towns

GN_PORTLAND_MAINE, GN_PORTLAND_OREGON = 4975802, 5746545
GN_PARIS, GN_LYON = 2988507, 2996944
GN_BIRMINGHAM_ALABAMA, GN_BIRMINGHAM_ENGLAND = 4049979, 2655603
GN_DOVER_DELAWARE = 4142290
GN_ONTARIO, GN_BRITISH_COLUMBIA, GN_LONDON_ONTARIO = 6093943, 5909050, 6058560
GN_BAVARIA, GN_BERLIN = 2951839, 2950159
GN_PUNJAB_INDIA, GN_PUNJAB_PAKISTAN, GN_VICTORIA_AUSTRALIA = 1259223, 1167710, 2145234
GN_GEORGIA_STATE, GN_GEORGIA_COUNTRY = 4197000, 614540
GN_NEW_BRUNSWICK, GN_NEW_BRUNSWICK_NJ = 6087430, 5101717
GN_LIMA, GN_BASRA = 3936456, 99532


def chosen(name: str, regions: tuple[str, ...] = (), story: tuple[str, ...] = ()) -> int | None:
    """The GeoNames id kg picks for ``name`` with the clues, or None when it abstains."""
    features = candidates([key(name)], towns([key(name)]))
    named = [f for place in story for f in candidates([key(place)], towns([key(place)]))]
    around = [f for place in story if (f := pick(candidates([key(place)], towns([key(place)])),
                                                  Clues())) is not None]
    found = pick(features, Clues.named((key(r) for r in regions), named, around))
    return found.id if found else None


# --- the picker ------------------------------------------------------------------------------

def test_population_decides_when_one_town_far_outweighs_the_others():
    assert chosen("Paris") == GN_PARIS  # Paris, Texas is a small town beside it


def test_a_name_nothing_decides_is_left_unlinked():
    assert chosen("Portland") is None  # Oregon's is not fifteen times Maine's
    assert chosen("Springfield") is None
    assert chosen("Dover") is None


@pytest.mark.parametrize("region, expected", [
    ("Maine", GN_PORTLAND_MAINE), ("Ore.", GN_PORTLAND_OREGON), ("Oregon", GN_PORTLAND_OREGON)])
def test_a_state_after_the_town_decides(region, expected):
    assert chosen("Portland", regions=(region,)) == expected


def test_a_region_the_gazetteer_has_no_such_town_in_gives_no_link():
    # no Portland of 15,000 people in Nevada: not another state's Portland instead
    assert chosen("Portland", regions=("Nevada",)) is None


def test_the_places_of_the_story_decide():
    assert chosen("Birmingham") is None
    assert chosen("Birmingham", story=("Alabama",)) == GN_BIRMINGHAM_ALABAMA
    assert chosen("Birmingham", story=("Britain",)) == GN_BIRMINGHAM_ENGLAND
    assert chosen("Dover", story=("Delaware",)) == GN_DOVER_DELAWARE
    # a story that names both states decides nothing
    assert chosen("Portland", story=("Maine", "Oregon")) is None
    assert chosen("Portland", story=("Maine",)) == GN_PORTLAND_MAINE


def test_a_small_town_abroad_in_a_story_of_other_countries_is_left_unlinked():
    # the gazetteer's one Kew is a suburb of Melbourne; the story's is in London
    assert chosen("Kew") is not None
    assert chosen("Kew", story=("Britain",)) is None
    assert chosen("Kew", story=("Australia",)) is not None
    # a big town is named in stories of every country
    assert chosen("Lyon", story=("Britain",)) == GN_LYON


def test_a_name_written_short_is_no_town():
    entities = {n: Entity(n, n, "Place") for n in ("Pa.", "LA", "Calif.")}
    linked = link_places(entities, [], [])
    assert linked["Pa."].geo == GeoLink(0)  # not Pa, Burkina Faso
    assert linked["LA"].geo == GeoLink(0)
    assert linked["Calif."].geo.id  # the state the ontology's place names know


@pytest.mark.parametrize("name", ["Columbus, Ind.", "Kansas City, Mo.", "Albany, N.Y."])
def test_a_state_written_short_after_a_town_decides(name):
    town = name.split(", ")[0]
    linked = link_places({name: Entity(name, name, "Place")}, [], [])[name]
    assert linked.geo.id and linked.geo.country == "US"
    assert chosen(town) is None  # the town alone is ambiguous


def test_a_state_named_among_states_is_the_state():
    assert chosen("Georgia", story=("Alabama",)) == 4197000
    # but a state that is a big town's name too may be the town
    assert chosen("Oklahoma", story=("Kansas", "Texas")) is None  # or Oklahoma City
    assert chosen("Georgia") is None  # the country or the state


def test_the_countries_of_the_other_places_weigh_when_the_story_names_none():
    assert chosen("Boston") is None  # Massachusetts's is 14 times Lincolnshire's
    assert chosen("Boston", story=("Atlanta", "Memphis")) == 4930956


def test_a_country_is_its_name_before_any_town_of_it():
    features = candidates([key("Luxembourg")], towns([key("Luxembourg")]))
    assert [f.kind for f in features] == ["country"]
    assert pick(features, Clues()).country == "LU"
    # and the names a country is known by are its names ("U.K.")
    assert pick(candidates([key("U.K.")], {}), Clues()).country == "GB"


def test_a_town_known_by_another_name_is_found_by_it():
    assert pick(candidates([key("Bombay")], towns([key("Bombay")])), Clues()).name == "Mumbai"


def test_only_places_are_linked_and_each_records_its_candidates():
    entities = {"Jordan": Entity("Jordan", "Jordan", "Person"),
                "Jordan_Place": Entity("Jordan_Place", "Jordan", "Place"),
                "Portland": Entity("Portland", "Portland", "Place"),
                "Maine": Entity("Maine", "Maine", "Place"),
                "Atlantis_Reach": Entity("Atlantis_Reach", "Atlantis Reach", "Place")}
    linked = link_places(entities, [["Portland", "Jordan"]], [])
    assert linked["Jordan"].geo is None  # the story makes it a person: no place to link
    assert linked["Jordan_Place"].geo.country == "JO"
    assert linked["Portland"].geo == GeoLink(3)  # three Portlands: kg abstains
    assert linked["Atlantis_Reach"].geo == GeoLink(0)
    # a locatedIn fact states the region
    again = link_places(entities, [["Portland", "Maine"]], [("Portland", "Maine")])
    assert again["Portland"].geo.id == GN_PORTLAND_MAINE
    assert again["Maine"].geo.country == "US"


def test_a_region_of_other_places_is_no_town_none_of_them_can_be_in():
    entities = {k: Entity(k, k, "Place") for k in ("Timmins", "Ontario")}
    linked = link_places(entities, [["Timmins", "Ontario"]], [("Timmins", "Ontario")])
    assert linked["Ontario"].geo.id == GN_ONTARIO  # the province, not Ontario, California
    assert linked["Timmins"].geo.country == "CA"
    alone = link_places({"Ontario": Entity("Ontario", "Ontario", "Place")}, [], [])
    assert alone["Ontario"].geo == GeoLink(2)  # a province, in a story of no country


# --- first-level divisions (provinces, states of other countries) ----------------------------

def test_a_province_is_linked_by_its_name_and_its_english_name():
    assert chosen("British Columbia", story=("Canada",)) == GN_BRITISH_COLUMBIA
    assert chosen("Bavaria", story=("Munich",)) == GN_BAVARIA  # GeoNames calls it Bayern
    assert chosen("Ontario", story=("Toronto",)) == GN_ONTARIO
    assert chosen("Kelowna", regions=("British Columbia",)) is not None
    assert chosen("London", regions=("Ontario",)) == GN_LONDON_ONTARIO


def test_a_province_weighs_against_a_small_town_of_its_name():
    assert chosen("New Brunswick") is None  # the province, or the town in New Jersey
    assert chosen("New Brunswick", story=("New Jersey",)) == GN_NEW_BRUNSWICK_NJ
    assert chosen("New Brunswick", story=("Canada",)) == GN_NEW_BRUNSWICK


def test_a_province_is_linked_only_in_a_story_of_its_country():
    # "Zaire" in 1987 was a country (an Angolan province now); "the West Coast" of the US
    assert chosen("British Columbia") is None
    assert chosen("Zaire") is None and chosen("West Coast", story=("California",)) is None


def test_a_division_named_after_a_town_of_its_country_is_the_town():
    assert chosen("Berlin") == GN_BERLIN  # the city, not the Land of that name
    assert chosen("Lima", story=("Peru",)) == GN_LIMA  # not the region beside it
    assert chosen("Basra", story=("Iraq",)) == GN_BASRA  # another name of the city


def test_the_country_of_a_story_decides_between_provinces_of_one_name():
    assert chosen("Punjab") is None  # India's or Pakistan's
    assert chosen("Punjab", story=("India",)) == GN_PUNJAB_INDIA
    assert chosen("Punjab", story=("Pakistan",)) == GN_PUNJAB_PAKISTAN
    assert chosen("Victoria") is None  # the Australian state, or towns of Canada and China
    assert chosen("Victoria", story=("Australia",)) == GN_VICTORIA_AUSTRALIA


def test_georgia_is_the_state_or_the_country_by_its_story():
    assert chosen("Georgia") is None
    assert chosen("Georgia", story=("Texas",)) == GN_GEORGIA_STATE
    assert chosen("Georgia", story=("Tbilisi",)) == GN_GEORGIA_COUNTRY
    assert chosen("Georgia", story=("Moscow",)) is None  # a story of a third country


def test_a_country_is_no_province_of_its_name():
    assert [f.kind for f in candidates([key("Mexico")], {})] == ["country"]


def test_a_country_is_placed_at_its_capital_whatever_its_spelling():
    costa_rica = pick(candidates([key("Costa Rica")], {}), Clues())  # "San Jose" San José
    assert (costa_rica.country, round(costa_rica.lat), round(costa_rica.lng)) == ("CR", 10, -84)


def test_most_stories_must_pick_the_place_and_none_another():
    entities = {k: Entity(k, k, "Place") for k in ("Birmingham", "Alabama")}
    told = [["Birmingham", "Alabama"]]
    assert link_places(entities, told, [])["Birmingham"].geo.id == GN_BIRMINGHAM_ALABAMA
    # two other stories that decide nothing: no majority
    assert link_places(entities, [*told, ["Birmingham"], ["Birmingham"]], [])[
        "Birmingham"].geo == GeoLink(3)


# --- a build ---------------------------------------------------------------------------------

STORIES = {
    "depot.txt": "Quelbrook Freight will open a depot in Portland, Maine, next spring, its "
                 "chief executive Tamsin Orrey said on Monday.\n\nThe company already runs a "
                 "warehouse in Lyon, France, and an office in Paris.\n",
    "office.txt": "Varnholt Logistics opened an office in Springfield on Tuesday, "
                  "said Ilse Varnholt, its founder.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> Path:
    from kg.pipeline import BuildOptions, build

    base = tmp_path_factory.mktemp("geo")
    (base / "news").mkdir()
    for name, text in STORIES.items():
        (base / "news" / name).write_text(text, encoding="utf-8")
    build([base / "news"], BuildOptions(store=base / "store", out=base / "out", jobs=1),
          nlp=nlp)
    return base


def places(store: Path) -> dict[str, tuple[str, ...]]:
    """label → (GeoNames IRI, latitude, longitude, candidates), "" for what is missing."""
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        rows = opened.ox.query("""
            PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
            PREFIX kg: <https://w3id.org/kg/ontology#>
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?label ?same ?lat ?long ?n WHERE {
              ?place a kg:Place ; rdfs:label ?label ; kg:geoCandidates ?n .
              OPTIONAL { ?place owl:sameAs ?same ; geo:lat ?lat ; geo:long ?long }
            }""", use_default_graph_as_union=True)
        return {r["label"].value: tuple(t.value if t else "" for t in
                                        (r["same"], r["lat"], r["long"], r["n"]))
                for r in rows}


def test_a_build_links_its_places_and_abstains_on_the_ambiguous(built):
    found = places(built / "store")
    portland = next(v for label, v in found.items() if label.startswith("Portland"))
    assert portland[0] == f"https://sws.geonames.org/{GN_PORTLAND_MAINE}/"
    assert found["Lyon"][:3] == (f"https://sws.geonames.org/{GN_LYON}/", "45.74906", "4.84789")
    assert found["Paris"][0] == f"https://sws.geonames.org/{GN_PARIS}/"
    assert found["Springfield"][0] == "" and int(found["Springfield"][3]) > 1


def test_the_linked_graph_validates_and_exports_places_for_maps(built):
    from kg.export import export
    from kg.stores import open as open_store
    from kg.validate import validate

    with open_store(built / "store", create=False) as opened:
        assert validate(opened).conforms
        out = io.BytesIO()
        export(opened, "geojson", out)
        collection = json.loads(out.getvalue())
        graphml = io.BytesIO()
        export(opened, "graphml", graphml)
    assert collection["type"] == "FeatureCollection"
    lyon = next(f for f in collection["features"] if f["properties"]["label"] == "Lyon")
    assert lyon["geometry"] == {"type": "Point", "coordinates": [4.84789, 45.74906]}
    assert lyon["properties"]["country"] == "FR" and lyon["properties"]["documents"] == 1
    assert "Springfield" not in {f["properties"]["label"] for f in collection["features"]}
    graph = nx.read_graphml(io.BytesIO(graphml.getvalue()))
    located = {d["label"]: (d.get("lat"), d.get("lng")) for _, d in graph.nodes(data=True)}
    assert located.get("Lyon", (45.74906, 4.84789)) == (45.74906, 4.84789)
    assert all(lat is None for label, (lat, _) in located.items() if label == "Springfield")


def test_gephi_files_carry_the_positions_and_pass_their_schemas(built, tmp_path):
    from test_pictures import validate_gexf, validate_graphml

    from kg.export import export
    from kg.stores import open as open_store

    with open_store(built / "store", create=False) as opened:
        for fmt in ("gexf", "graphml"):
            export(opened, fmt, tmp_path / f"places.{fmt}")
    validate_gexf(tmp_path / "places.gexf")
    validate_graphml(tmp_path / "places.graphml")
    from lxml import etree

    ns = {"g": "http://gexf.net/1.3"}
    positions = {
        node.get("label"): tuple(node.xpath(f'.//g:attvalue[@for="{a}"]/@value', namespaces=ns)
                                 for a in ("lat", "lng"))
        for node in etree.parse(str(tmp_path / "places.gexf")).iterfind(".//g:node", ns)}
    linked = {label: v for label, v in places(built / "store").items() if v[0]}
    shown = {label: p for label, p in positions.items() if p[0]}
    assert shown  # the places in the graph's facts are on the map
    for label, (lat, lng) in shown.items():
        assert (lat[0], lng[0]) == (linked[label][1], linked[label][2])
    assert all(not p[0] for label, p in positions.items() if label not in linked)


def test_the_same_links_with_two_workers(built, tmp_path):
    from kg.pipeline import BuildOptions, build

    build([built / "news"], BuildOptions(store=tmp_path / "store", out=None, jobs=2))
    assert places(tmp_path / "store") == places(built / "store")


def test_a_body_of_water_is_no_province_of_its_name():
    """"Red Sea" in a story of Egypt is the sea, not Egypt's governorate of that name; a
    province whose name ends in a division's word is one ("Cross River State"), and a town
    whose name begins with a water noun is still a town ("Lake Charles")."""
    entities = {k: Entity(k, k.replace("_", " "), "Place") for k in (
        "Red_Sea", "Egypt", "Cross_River_State", "Nigeria", "Lake_Charles", "Louisiana")}
    linked = link_places(entities, [["Red_Sea", "Egypt"], ["Cross_River_State", "Nigeria"],
                                    ["Lake_Charles", "Louisiana"]], [])
    assert linked["Red_Sea"].geo == GeoLink(0)
    assert linked["Cross_River_State"].geo.country == "NG"
    assert linked["Lake_Charles"].geo.country == "US"
    # the words are the ontology's: without them the governorate is taken
    assert link_places(entities, [["Red_Sea", "Egypt"]], [],
                       frozenset())["Red_Sea"].geo.country == "EG"
