"""The pictures of the graph: ``kg view`` in real Chromium, the PNG export, the shared layout,
and the Gephi files checked against their schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graphview import Edge, EntityGraph, GraphFilter, Node, entity_graph
from kg.store import Store

SCHEMAS = Path(__file__).resolve().parent / "schemas"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WINDOW = (1280, 800)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium; .ci/run "
    "installs it)")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of boxes [left, top, width, height] that share more than a hair of area."""
    found = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
            dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
            if dx > 0.5 and dy > 0.5:
                found.append((i, j))
    return found


# Runs in the page after its own script, as a reader would act: measures what is on screen,
# zooms in with the wheel, hovers an edge, and writes what it saw into the page.
MEASURE = """<script>
(function () {
  const svg = document.getElementById("graph");
  const box = r => [r.left, r.top, r.width, r.height];
  const shown = e => getComputedStyle(e).display !== "none";
  const look = () => ({
    labels: [...svg.querySelectorAll("text.label")].filter(shown)
      .map(t => ({text: t.textContent, box: box(t.getBoundingClientRect())})),
    nodes: [...svg.querySelectorAll("circle.node")].filter(shown)
      .map(c => box(c.getBoundingClientRect())),
  });
  const seen = {svg: box(svg.getBoundingClientRect()), fit: look()};
  seen.legend = [...document.querySelectorAll("#types label")].map(l => ({
    name: l.dataset.value, color: getComputedStyle(l.querySelector(".swatch")).backgroundColor}));
  const r = svg.getBoundingClientRect();
  for (let i = 0; i < 2; i++) {
    svg.dispatchEvent(new WheelEvent("wheel", {deltaY: -100, clientX: r.left + r.width / 2,
      clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));
  }
  seen.zoomed = look();
  const hit = svg.querySelector("line.hitline");
  hit.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
  const tip = document.getElementById("tip");
  seen.tip = {shown: shown(tip), text: tip.querySelector("text").textContent,
              title: hit.querySelector("title").textContent};
  svg.dispatchEvent(new WheelEvent("wheel", {deltaY: 100, clientX: r.left + r.width / 2,
    clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));
  seen.tip.afterZoom = shown(tip);
  hit.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
  seen.tip.afterOut = shown(tip);
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify(seen);
  document.body.appendChild(out);
})();
</script>
</body>"""


def chromium(url: str, *args: str) -> str:
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", f"--window-size={WINDOW[0]},{WINDOW[1]}",
                           *args, url], capture_output=True, text=True, timeout=90)
    return done.stdout


def seen_in_page(page: Path, script: str, pre_id: str, fragment: str = "") -> dict:
    """What ``script``, run in a copy of ``page`` after its own script, wrote as JSON into
    ``<pre id=pre_id>``, read back from Chromium's DOM."""
    measured = page.with_name(f"{pre_id}.html")
    measured.write_text(page.read_text(encoding="utf-8").replace("</body>", script),
                        encoding="utf-8")
    dom = chromium(measured.as_uri() + fragment, "--dump-dom")
    return json.loads(dom.split(f'<pre id="{pre_id}">', 1)[1].split("</pre>", 1)[0]
                      .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


@needs_chromium
def test_view_names_the_biggest_nodes_without_overlap_and_fills_the_canvas(seeds_build,
                                                                            tmp_path):
    store, _, _ = seeds_build
    page = tmp_path / "graph.html"
    # with the open verbs kg does not assert: a graph of a few dozen nodes to lay out
    assert run("view", "--store", store, "-o", page, "--unconfirmed").exit_code == 0
    seen = seen_in_page(page, MEASURE, "measured")
    with Store(store, create=False) as opened:
        view = entity_graph(opened, GraphFilter(unconfirmed=True))
    left, top, width, height = seen["svg"]

    fit = seen["fit"]
    assert len(fit["nodes"]) == len(view.nodes)
    # the graph covers the canvas: its nodes span nearly all of its width and height
    xs = [b[0] for b in fit["nodes"]] + [b[0] + b[2] for b in fit["nodes"]]
    ys = [b[1] for b in fit["nodes"]] + [b[1] + b[3] for b in fit["nodes"]]
    assert (max(xs) - min(xs)) > 0.9 * width and (max(ys) - min(ys)) > 0.9 * height
    # names: some, not all, none overlapping, all inside the canvas, the biggest node's first
    labels = [lab["box"] for lab in fit["labels"]]
    assert 5 <= len(labels) < len(view.nodes)
    assert not overlapping(labels), [fit["labels"][i]["text"] for p in overlapping(labels)
                                     for i in p]
    assert all(b[0] >= left and b[1] >= top and b[0] + b[2] <= left + width
               and b[1] + b[3] <= top + height for b in labels)
    degree: dict[str, int] = {}
    for e in view.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    biggest = max(view.nodes, key=lambda n: degree[n.id]).label
    assert biggest in {lab["text"] for lab in fit["labels"]}
    # until zoomed, only the 25 biggest nodes are named
    ranked = sorted((degree[n.id] for n in view.nodes), reverse=True)
    by_label = {n.label: degree[n.id] for n in view.nodes}
    assert all(by_label[lab["text"]] >= ranked[24] for lab in fit["labels"])
    # zoomed in, more names fit, still apart
    zoomed = [lab["box"] for lab in seen["zoomed"]["labels"]]
    assert len(zoomed) > len(labels) and not overlapping(zoomed)
    # an edge names its relation on hover
    assert seen["tip"]["shown"] and seen["tip"]["text"] in seen["tip"]["title"]
    assert seen["tip"]["text"] in {e.relation for e in view.edges}
    assert seen["tip"]["afterZoom"] and not seen["tip"]["afterOut"]
    # the class list is a colour legend for every class in the graph, and no other
    assert sorted(x["name"] for x in seen["legend"]) == sorted({n.type for n in view.nodes})
    from kg.layout import CLASS_COLORS
    for entry in seen["legend"]:
        assert entry["color"] == "rgb({}, {}, {})".format(*CLASS_COLORS[entry["name"]])

    # the screenshot shows it: drawn pixels reach across the canvas
    from PIL import Image, ImageChops

    shot = tmp_path / "view.png"
    chromium(page.as_uri(), f"--screenshot={shot}")
    with Image.open(shot) as image:
        image = image.convert("RGB")
    canvas = image.crop((int(left), int(top), int(left + width), int(top + height)))
    empty = Image.new("RGB", canvas.size, (252, 252, 252))  # the canvas's background
    ink = ImageChops.difference(canvas, empty).convert("L").point(lambda v: 255 if v > 24 else 0)
    x0, y0, x1, y1 = ink.getbbox()
    assert (x1 - x0) > 0.9 * canvas.width and (y1 - y0) > 0.9 * canvas.height


def crowded_graph() -> EntityGraph:
    """Invented: one hub with sixty long-named neighbours, a second hub, and pairs of people
    and products apart from them."""
    nodes = [Node("Hub", "Hub Holdings", "Organization"), Node("Other", "Other Group",
                                                                "Organization")]
    nodes += [Node(f"n{i}", f"Neighbour number {i} of the hub", "Organization")
              for i in range(60)]
    nodes += [Node(f"p{i}", f"Person {i}", "Person") for i in range(10)]
    nodes += [Node(f"q{i}", f"Product {i}", "Product") for i in range(10)]
    edges = [Edge("Hub", f"n{i}", "owns", 0.9, 1, ("d",)) for i in range(60)]
    edges += [Edge("Other", f"n{i}", "partnerOf", 0.9, 1, ("d",)) for i in range(0, 60, 6)]
    edges += [Edge(f"p{i}", f"q{i}", "released", 0.9, 1, ("d",)) for i in range(10)]
    return EntityGraph(tuple(sorted(nodes, key=lambda n: n.id)),
                       tuple(sorted(edges, key=lambda e: (e.source, e.target))))


def drawn_names(view: EntityGraph) -> tuple[list[str], list[list[float]], list[str], object]:
    """What ``kg.picture.draw`` puts on the picture: the names with their boxes in pixels, the
    legend's entries, and the box of the graph's axes."""
    import matplotlib.pyplot as plt

    from kg.picture import draw

    figure = draw(view)
    try:
        renderer = figure.canvas.get_renderer()
        axes = figure.axes[0]
        names, boxes = [], []
        for text in axes.texts:
            e = text.get_window_extent(renderer)
            names.append(text.get_text())
            boxes.append([e.x0, e.y0, e.width, e.height])
        legend = [t.get_text() for t in figure.legends[0].get_texts()]
        return names, boxes, legend, axes.get_window_extent(renderer)
    finally:
        plt.close(figure)


def test_png_names_the_biggest_nodes_apart_and_lists_the_classes_drawn():
    view = crowded_graph()
    names, boxes, legend, frame = drawn_names(view)
    assert "Hub Holdings" in names and "Other Group" in names
    assert 5 < len(names) < len(view.nodes)
    assert not overlapping(boxes)
    assert all(frame.x0 <= b[0] and b[0] + b[2] <= frame.x1 and frame.y0 <= b[1]
               and b[1] + b[3] <= frame.y1 for b in boxes)
    assert legend == ["Organization (62)", "Person (10)", "Product (10)"]
    people = EntityGraph(tuple(n for n in view.nodes if n.type != "Organization"),
                         tuple(e for e in view.edges if e.relation == "released"))
    assert drawn_names(people)[2] == ["Person (10)", "Product (10)"]


def test_png_export_of_a_filtered_graph(seeds_build, tmp_path):
    from PIL import Image


    store, _, _ = seeds_build
    path = tmp_path / "g.png"
    kept = "Organization,Person"
    assert run("export", "--store", store, "--format", "png", "-o", path,
               "--types", kept).exit_code == 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(path) as image:
        assert image.size == (1200, 900)
    with Store(store, create=False) as opened:
        view = entity_graph(opened, GraphFilter(types=frozenset(kept.split(","))))
    names, boxes, legend, _ = drawn_names(view)
    assert [entry.split(" (")[0] for entry in legend] == sorted({n.type for n in view.nodes})
    assert names and not overlapping(boxes)


def validate_graphml(path: Path) -> None:
    """GraphML's structure (``tests/schemas/graphml.rng``) and what its XSD checks with keys:
    key ids are unique and every ``data`` names a key declared for its kind of element."""
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(SCHEMAS / "graphml.rng"))
    document = etree.parse(str(path))
    schema.assertValid(document)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = [(k.get("id"), k.get("for")) for k in document.iter(f"{ns}key")]
    assert len({k for k, _ in keys}) == len(keys), "duplicate key ids"
    scope = dict(keys)
    for data in document.iter(f"{ns}data"):
        owner = data.getparent().tag.removeprefix(ns)
        assert scope.get(data.get("key")) in (owner, "all"), (owner, data.get("key"))


def validate_gexf(path: Path) -> None:
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(SCHEMAS / "gexf-1.3" / "gexf.rng"))
    schema.assertValid(etree.parse(str(path)))


def test_gexf_and_graphml_exports_pass_their_schemas(seeds_build, tmp_path):
    from lxml import etree

    store, out, _ = seeds_build
    validate_graphml(out / "graph.graphml")  # the one every build writes
    for args in ([], ["--types", "Person,Organization"], ["--min-confidence", "0.9"]):
        for fmt, check in (("gexf", validate_gexf), ("graphml", validate_graphml)):
            path = tmp_path / f"g{len(args)}.{fmt}"
            assert run("export", "--store", store, "--format", fmt, "-o", path,
                       *args).exit_code == 0
            check(path)
    # the schemas do refuse: an xsi:schemaLocation on the GEXF root, a key declared twice
    gexf = (tmp_path / "g0.gexf").read_text(encoding="utf-8")
    (tmp_path / "bad.gexf").write_text(gexf.replace(
        'version="1.3">', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
        1), encoding="utf-8")
    with pytest.raises(etree.DocumentInvalid):
        validate_gexf(tmp_path / "bad.gexf")
    graphml = (tmp_path / "g0.graphml").read_text(encoding="utf-8")
    (tmp_path / "bad.graphml").write_text(graphml.replace('id="edge_label"', 'id="label"')
                                          .replace('key="edge_label"', 'key="label"'),
                                          encoding="utf-8")
    with pytest.raises(AssertionError, match="duplicate key ids"):
        validate_graphml(tmp_path / "bad.graphml")


def test_hostile_labels_stay_valid(tmp_path):
    """Names with markup, quotes and characters XML cannot hold still give valid files."""
    from kg.export import gexf_text, graphml_text

    nodes = (Node("a", 'A <b>&amp; "Co"\x01', "Organization"), Node("b", "B'\ufffe", "Person"))
    view = EntityGraph(nodes, (Edge("b", "a", 'works<For>"', 0.8, 2, ("d",)),))
    (tmp_path / "h.gexf").write_text(gexf_text(view), encoding="utf-8")
    (tmp_path / "h.graphml").write_text(graphml_text(view), encoding="utf-8")
    validate_gexf(tmp_path / "h.gexf")
    validate_graphml(tmp_path / "h.graphml")


def test_graphml_edges_carry_weight_and_kind_as_gexf_does(tmp_path):
    """Gephi reads a GraphML ``weight`` key as the edge's weight; ``kind`` is the relation,
    as on GEXF edges."""
    import networkx as nx

    from kg.export import graphml_text

    nodes = (Node("a", "Orvane Systems", "Organization"), Node("b", "Lida Ferro", "Person"))
    view = EntityGraph(nodes, (Edge("b", "a", "worksFor", 0.8, 3, ("d1", "d2")),))
    (tmp_path / "w.graphml").write_text(graphml_text(view), encoding="utf-8")
    validate_graphml(tmp_path / "w.graphml")
    edge = nx.read_graphml(tmp_path / "w.graphml").edges["b", "a"]
    assert edge["weight"] == 3.0 and edge["kind"] == "worksFor" and edge["support"] == 3


@pytest.mark.parametrize("count", [3, 200, 900])
def test_close_pairs_are_every_pair_within_reach(count):
    import numpy as np

    from kg.layout import close_pairs

    xy = np.random.default_rng(count).uniform(-15, 15, (count, 2))
    first, second = close_pairs(xy, 2.5)
    found = {(min(a, b), max(a, b)) for a, b in zip(first.tolist(), second.tolist(),
                                                    strict=True)}
    near = np.argwhere(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2) < 2.5 ** 2)
    assert len(found) == len(first)  # each pair once
    assert found == {(int(a), int(b)) for a, b in near if a < b}


def test_layout_is_seeded_and_keeps_linked_nodes_close():
    from kg.layout import layout

    view = crowded_graph()
    first, again = layout(view), layout(view)
    assert first == again and len(set(first.values())) == len(view.nodes)
    xs = [x for x, _ in first.values()]
    width = max(xs) - min(xs)
    for i in range(10):  # each person next to their product, apart from the rest
        (x1, y1), (x2, y2) = first[f"p{i}"], first[f"q{i}"]
        assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 < 0.2 * width


def test_the_readme_pictures_are_real_pictures_of_the_seeds():
    """docs/view.png and docs/graph.png (``make screenshots``) show the graph, not an error
    page: their size, and nodes in the colours of the classes they show."""
    from PIL import Image

    from kg.layout import CLASS_COLORS

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name, size, kinds in (("view.png", WINDOW, ("Organization", "Person", "Product")),
                              ("graph.png", (1200, 900), ("Organization", "Person",
                                                          "Product"))):
        assert f"(docs/{name})" in readme
        with Image.open(root / "docs" / name) as image:
            assert image.size == size
            colours = {c for _, c in image.convert("RGB").getcolors(1 << 24)}
        for kind in kinds:
            assert CLASS_COLORS[kind] in colours, (name, kind)
