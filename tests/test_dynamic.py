"""The dynamic GEXF export (``kg export --format gexf --dynamic``): invented stories of
different dates built into a store, exported, checked against the GEXF 1.3 schema and read
back: an edge is shown at its sentences' times (the fact's own time, else its story's date), a
node from its first to its last fact, and undated facts are left out."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from tests.test_pictures import needs_chromium, run, seen_in_page, validate_gexf

GEXF = "{http://gexf.net/1.3}"

# (file, date, text): invented companies, products and people
STORIES = [
    ("launch.md", "2023-05-02", "Norvale Robotics released Kestrel One, a warehouse robot."),
    ("deal.md", "2023-09-14", "Norvale Robotics bought Pellucid Systems.\n\n"
                              "Idris Kane founded Norvale Robotics in 2015."),
    ("again.md", "2024-01-20", "Norvale Robotics released Kestrel Two, a faster robot.\n\n"
                               "Norvale Robotics bought Pellucid Systems."),
    ("undated.md", "", "Pellucid Systems released Arbor Suite, a design tool."),
]


@pytest.fixture(scope="module")
def timed_store(tmp_path_factory, nlp) -> Path:
    from kg.pipeline import BuildOptions, build

    base = tmp_path_factory.mktemp("dynamic")
    for name, published, text in STORIES:
        front = f"---\ndate: {published}\n---\n" if published else ""
        (base / "stories").mkdir(exist_ok=True)
        (base / "stories" / name).write_text(f"{front}# {name}\n\n{text}\n", encoding="utf-8")
    # every fact stated as done asserted (--no-gate): these tests time the edges of views
    build([base / "stories"], BuildOptions(store=base / "store", out=None, gate=False), nlp=nlp)
    return base / "store"


def read(path: Path) -> tuple[dict, dict, object]:
    """Node spans {label: (start, end)}, edge spells {(source, relation, target): [(start,
    end)]} and the graph element of a dynamic GEXF file."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    graph = root.find(f"{GEXF}graph")
    labels, nodes = {}, {}
    for node in graph.iter(f"{GEXF}node"):
        labels[node.get("id")] = node.get("label")
        nodes[node.get("label")] = (node.get("start"), node.get("end"))
    edges = {}
    for edge in graph.iter(f"{GEXF}edge"):
        key = (labels[edge.get("source")], edge.get("kind"), labels[edge.get("target")])
        edges[key] = [(s.get("start"), s.get("end")) for s in edge.iter(f"{GEXF}spell")]
    return nodes, edges, graph


def test_dynamic_gexf_passes_the_schema_and_times_its_edges_and_nodes(timed_store, tmp_path):
    path = tmp_path / "timeline.gexf"
    result = run("export", "--store", timed_store, "--format", "gexf", "--dynamic", "-o", path)
    assert result.exit_code == 0, result.output
    validate_gexf(path)
    nodes, edges, graph = read(path)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    norvale = "Norvale Robotics"
    # an edge starts on its story's date; a fact stated twice is shown on both days
    assert edges[(norvale, "released", "Kestrel One")] == [("2023-05-02", "2023-05-02")]
    assert edges[(norvale, "acquired", "Pellucid Systems")] == [
        ("2023-09-14", "2023-09-14"), ("2024-01-20", "2024-01-20")]
    # a fact's own time wins over its story's date: "in 2015" lasts the whole year
    assert edges[("Idris Kane", "founderOf", norvale)] == [("2015-01-01", "2015-12-31")]
    # a node spans its first to its last fact
    assert nodes[norvale] == ("2015-01-01", "2024-01-20")
    assert nodes["Pellucid Systems"] == ("2023-09-14", "2024-01-20")
    assert nodes["Kestrel Two"] == ("2024-01-20", "2024-01-20")
    # the undated story's fact is left out, and said to be
    assert "Arbor Suite" not in nodes
    assert "1 fact has no date" in result.stderr
    # no edge is shown while one of its ends is not
    for (source, _, target), spells in edges.items():
        for start, end in spells:
            for label in (source, target):
                assert nodes[label][0] <= start <= end <= nodes[label][1]
    # the static export's attributes come along: label, class, confidence
    ns = {"g": GEXF[1:-1]}
    node = graph.find("g:nodes/g:node[@label='Kestrel One']", ns)
    assert node.find("g:attvalues/g:attvalue[@for='type']", ns).get("value") == "Product"
    assert node.find("{http://gexf.net/1.3/viz}color") is not None
    edge = graph.find("g:edges/g:edge[@kind='released']", ns)
    assert float(edge.find("g:attvalues/g:attvalue[@for='confidence']", ns).get("value")) > 0


def test_dynamic_gexf_is_what_gephis_timeline_reads(timed_store, tmp_path):
    """What Gephi's GEXF importer needs that the schema does not check: a time format it
    parses ("date"; it reads no "integer"), intervals (not timestamps: they cannot be mixed),
    a timezone, a start before each end, and no two overlapping spells on one edge (its
    interval sets refuse them). Gephi reads the graph's bounds from its elements (a graph's
    own start and end count only in its "slice" mode)."""
    path = tmp_path / "timeline.gexf"
    assert run("export", "--store", timed_store, "--format", "gexf", "--dynamic",
               "-o", path).exit_code == 0
    nodes, edges, graph = read(path)
    assert (graph.get("timeformat"), graph.get("timerepresentation"), graph.get("timezone")) \
        == ("date", "interval", "UTC")
    assert graph.get("start") is None and graph.get("end") is None
    assert all(start <= end for start, end in nodes.values())
    for spells in edges.values():
        assert spells == sorted(spells)
        assert all(a[1] < b[0] for a, b in pairwise(spells))


def test_dynamic_export_keeps_the_range_and_cuts_spells_to_it(timed_store, tmp_path):
    path = tmp_path / "late.gexf"
    assert run("export", "--store", timed_store, "--format", "gexf", "--dynamic", "-o", path,
               "--since", "2023-06").exit_code == 0
    validate_gexf(path)
    nodes, edges, _ = read(path)
    assert set(edges) == {("Norvale Robotics", "acquired", "Pellucid Systems"),
                          ("Norvale Robotics", "released", "Kestrel Two")}
    assert nodes["Norvale Robotics"] == ("2023-09-14", "2024-01-20")


def test_dynamic_is_for_gexf_only(timed_store):
    result = run("export", "--store", timed_store, "--format", "graphml", "--dynamic")
    assert result.exit_code == 2
    assert "--dynamic is for gexf, not graphml" in result.output


def test_static_gexf_is_unchanged_by_the_dynamic_form(timed_store):
    static = run("export", "--store", timed_store, "--format", "gexf")
    assert 'mode="static"' in static.output and "<spell" not in static.output
    assert "Arbor Suite" in static.output  # the static export keeps the undated fact


@pytest.mark.parametrize("dynamic", [False, True])
def test_gexf_is_written_a_piece_at_a_time(timed_store, dynamic):
    """The file goes out node by node and edge by edge, never held whole as one string."""
    import io

    from kg.export import export
    from kg.stores import open as open_store

    class Counting(io.BytesIO):
        writes = 0

        def write(self, data) -> int:
            self.writes += 1
            return super().write(data)

    out = Counting()
    with open_store(timed_store, create=False) as opened:
        export(opened, "gexf", out, dynamic=dynamic)
    text = out.getvalue().decode("utf-8")
    assert out.writes >= text.count("<node ") + text.count("<edge ") > 0


# ``kg view``'s time slider plays the same times. Runs in the page after its own script: which
# edges ("source relation target") and nodes are on screen, what the time box says, and after
# the slider moves to its first day with a day-wide window.
SEEN = """<script>
(function () {
  const shown = e => getComputedStyle(e).display !== "none";
  const look = () => ({
    edges: [...document.querySelectorAll("line.hitline")].filter(shown)
      .map(l => l.querySelector("title").textContent).sort(),
    nodes: [...document.querySelectorAll("circle.node")].filter(shown)
      .map(c => c.querySelector("title").textContent.replace(/ \\(.*/, "")).sort(),
    all: document.getElementById("alltimes").checked,
    window: document.getElementById("window").textContent,
  });
  const seen = {first: look(), box: shown(document.getElementById("time"))};
  const slider = document.getElementById("slider");
  document.getElementById("width").value = "day";
  slider.value = 0;
  slider.dispatchEvent(new Event("input"));
  seen.slid = look();
  const all = document.getElementById("alltimes");
  all.checked = true;
  all.dispatchEvent(new Event("change"));
  seen.back = look();
  const out = document.createElement("pre");
  out.id = "seen";
  out.textContent = JSON.stringify(seen);
  document.body.appendChild(out);
})();
</script>
</body>"""


def test_view_data_carries_each_edges_spells(timed_store):
    from kg.stores import open as open_store
    from kg.view import page_data

    with open_store(timed_store, create=False) as opened:
        data = page_data(opened)
    label = {n["id"]: n["label"] for n in data["nodes"]}
    spells = {(label[e["source"]], e["relation"], label[e["target"]]): e["spells"]
              for e in data["edges"]}
    norvale = "Norvale Robotics"
    # the same spells as the dynamic export; the undated fact is kept, with none
    assert spells[(norvale, "acquired", "Pellucid Systems")] == [
        ["2023-09-14", "2023-09-14"], ["2024-01-20", "2024-01-20"]]
    assert spells[("Idris Kane", "founderOf", norvale)] == [["2015-01-01", "2015-12-31"]]
    assert spells[("Pellucid Systems", "released", "Arbor Suite")] == []


def seen_in_chromium(store: Path, tmp_path: Path, fragment: str) -> dict:
    page = tmp_path / "graph.html"
    assert run("view", "--store", store, "-o", page).exit_code == 0
    return seen_in_page(page, SEEN, "seen", fragment)


@needs_chromium
def test_view_time_window_shows_only_the_edges_of_that_window(timed_store, tmp_path):
    seen = seen_in_chromium(timed_store, tmp_path, "#from=2023-09-01&to=2023-12-31")
    first = seen["first"]
    assert seen["box"] and not first["all"]
    # only the deal of September 2023; the founding (2015) and the undated fact are hidden
    assert first["edges"] == ["Norvale Robotics acquired Pellucid Systems"]
    assert first["nodes"] == ["Norvale Robotics", "Pellucid Systems"]
    assert first["window"] == "2023-09-01 to 2023-12-31: 1 of 5 facts"
    # the slider's first day, a day wide: the year of the founding, met by its first day
    assert seen["slid"]["edges"] == ["Idris Kane founderOf Norvale Robotics"]
    assert seen["slid"]["window"].startswith("2015-01-01 to 2015-01-01")
    # "all times" shows every fact again, the undated one too
    assert seen["back"]["all"] and len(seen["back"]["edges"]) == 5
    assert "Pellucid Systems released Arbor Suite" in seen["back"]["edges"]


@needs_chromium
def test_view_without_a_window_shows_every_fact(timed_store, tmp_path):
    first = seen_in_chromium(timed_store, tmp_path, "")["first"]
    assert first["all"] and first["window"] == "" and len(first["edges"]) == 5
    assert "Arbor Suite" in first["nodes"]
