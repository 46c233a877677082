"""``kg view``: the graph as one self-contained HTML page (no network, no CDN).

The page embeds the entity graph of ``kg.graphview`` as JSON, with positions from the same
seeded layout as the GEXF export and the evidence sentences of every fact, and draws it as SVG
with a few lines of plain JavaScript: search an entity, click a node to read its facts and the
sentences behind them, filter by class and relation. ``graph.html#q=NAME`` opens with a search.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from kg.evidence import records
from kg.graphview import GraphFilter, entity_graph
from kg.layout import communities, degrees, hex_color, layout
from kg.stores import GraphStore

MAX_SENTENCES = 5  # evidence sentences shown per fact


def _evidence(store: GraphStore, keep: GraphFilter
              ) -> tuple[dict[tuple[str, str, str], list[dict[str, Any]]],
                         set[tuple[str, str, str]]]:
    """(subject key, relation, object key or literal) → evidence records, and which of those
    keys have a literal object. Each record names its document (title, date, URL) and says
    when the fact happened, if the sentence does; records outside ``keep``'s dates are left
    out."""
    found: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    literal = set()
    for r in records(store):
        sup = r.support
        if not keep.keeps_time(sup.when):
            continue
        key = (r.subject, r.relation, r.object)
        found[key].append({"doc": sup.doc_id, "source": sup.source,
                           "sentence": sup.sentence, "rule": sup.rule,
                           "confidence": sup.confidence, "title": sup.title,
                           "reported": sup.reported, "url": sup.url, "time": sup.time,
                           "timeText": sup.time_text})
        if r.literal:
            literal.add(key)
    return found, literal


def page_data(store: GraphStore, keep: GraphFilter | None = None) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data."""
    keep = keep or GraphFilter()
    view = entity_graph(store, keep)
    position, degree = layout(view, communities(view)), degrees(view)
    evidence, literal = _evidence(store, keep)
    keys = {n.id for n in view.nodes}
    literals: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (s, relation, o), found in sorted(evidence.items()):
        if s in keys and (s, relation, o) in literal:
            literals[s].append({"relation": relation, "value": o,
                                "evidence": found[:MAX_SENTENCES]})
    nodes = [{"id": n.id, "label": n.label, "type": n.type,
              "x": position[n.id][0], "y": position[n.id][1], "degree": degree[n.id],
              "color": hex_color(n.type),
              "attributes": literals.get(n.id, [])} for n in view.nodes]
    edges = [{"source": e.source, "target": e.target, "relation": e.relation,
              "confidence": e.confidence, "support": e.support,
              "evidence": evidence.get((e.source, e.relation, e.target), [])[:MAX_SENTENCES]}
             for e in view.edges]
    return {"nodes": nodes, "edges": edges}


def render_page(store: GraphStore, keep: GraphFilter | None = None, title: str = "kg graph") -> str:
    """The HTML page, with its data, styles and script inline."""
    data = json.dumps(page_data(store, keep), ensure_ascii=False, sort_keys=True)
    # Inside <script> the HTML parser ends or comments out on "</script>" and "<!--": no "<"
    # (nor ">" or "&") is left for it; in JSON they only occur in strings, where \u003c is "<".
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (PAGE.replace("__TITLE__", _escape(title)).replace("__DATA__", data))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>__TITLE__</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; display: flex; height: 100vh; }
  #side { width: 360px; overflow: auto; padding: 12px; border-right: 1px solid #ddd;
          box-sizing: border-box; flex: none; }
  #main { flex: 1; position: relative; min-width: 0; }
  svg { position: absolute; inset: 0; width: 100%; height: 100%; background: #fcfcfc;
        cursor: grab; }
  .edge { stroke: #c8c8c8; stroke-width: 0.8; }
  .edge.hot { stroke: #555; stroke-width: 2; }
  .hitline { stroke: transparent; stroke-width: 9; }
  .node { stroke: #fff; stroke-width: 1; cursor: pointer; }
  .node.hit { stroke: #000; stroke-width: 3; }
  .label { font-size: 11px; pointer-events: none; fill: #222; paint-order: stroke;
           stroke: #fcfcfc; stroke-width: 3px; stroke-linejoin: round; }
  #tip { pointer-events: none; }
  #tip rect { fill: #fff; stroke: #888; }
  #tip text { font-size: 12px; fill: #000; }
  .hidden { display: none; }
  h2 { font-size: 16px; margin: 8px 0; }
  .fact { margin: 6px 0; }
  .ev { color: #555; font-size: 12px; margin: 2px 0 2px 12px; }
  .when { color: #1f5f99; font-weight: bold; }
  fieldset { margin: 8px 0; max-height: 160px; overflow: auto; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
            margin-right: 4px; }
  .count { color: #777; }
  #search { width: 100%; box-sizing: border-box; padding: 4px; }
  #hint { color: #777; font-size: 12px; }
</style>
</head>
<body>
<div id="side">
  <input id="search" type="search" placeholder="Search an entity">
  <div id="matches"></div>
  <fieldset id="types"><legend>Classes</legend></fieldset>
  <fieldset id="relations"><legend>Relations</legend></fieldset>
  <p id="hint">Wheel to zoom (more names appear), drag to pan, hover an edge for its relation.</p>
  <div id="details"><p>Click a node to see its facts and the sentences behind them.</p></div>
</div>
<div id="main"><svg id="graph" xmlns="http://www.w3.org/2000/svg">
  <g id="edges"></g><g id="nodes"></g><g id="labels"></g>
  <g id="tip" class="hidden"><rect rx="3"></rect><text></text></g>
</svg></div>
<script id="kg-data" type="application/json">__DATA__</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("kg-data").textContent);
const svg = document.getElementById("graph");
const NS = "http://www.w3.org/2000/svg";
const byId = new Map(data.nodes.map(n => [n.id, n]));
const shownTypes = new Set(data.nodes.map(n => n.type));
const shownRelations = new Set(data.edges.map(e => e.relation));
const ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"};
const esc = s => String(s).replace(/[&<>"]/g, c => ENTITIES[c]);
const PAD = 24;            // pixels kept free around the graph
const LABELS_AT_FIT = 25;  // names shown when the whole graph is in view; more as you zoom
const el = (name, cls) => {
  const e = document.createElementNS(NS, name);
  if (cls) e.setAttribute("class", cls);
  return e;
};

// Positions are stretched to fill the canvas; zoom and pan move them, while node sizes and
// text stay the same size on screen, so zooming in makes room for more names.
const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
const x0 = Math.min(...xs), y0 = Math.min(...ys);
const spanX = (Math.max(...xs) - x0) || 1, spanY = (Math.max(...ys) - y0) || 1;
let zoom = 1, panX = 0, panY = 0;
function screen(n) {
  const w = svg.clientWidth - 2 * PAD, h = svg.clientHeight - 2 * PAD;
  const fx = data.nodes.length > 1 ? (n.x - x0) / spanX : 0.5;
  const fy = data.nodes.length > 1 ? (n.y - y0) / spanY : 0.5;
  return [PAD + (fx * w - w / 2) * zoom + w / 2 + panX,
          PAD + (fy * h - h / 2) * zoom + h / 2 + panY];
}
const radius = n => 3 + 1.6 * Math.sqrt(n.degree);

const edgeEls = data.edges.map(e => {
  const line = el("line", "edge"), hit = el("line", "hitline");
  const t = el("title");
  t.textContent = byId.get(e.source).label + " " + e.relation + " " + byId.get(e.target).label;
  hit.appendChild(t);
  hit.addEventListener("mouseover", () => showTip(e, line));
  hit.addEventListener("mouseout", hideTip);
  document.getElementById("edges").append(line, hit);
  return [line, hit];
});
const nodeEls = new Map(), labelEls = new Map();
for (const n of data.nodes) {
  const c = el("circle", "node");
  c.setAttribute("r", radius(n));
  c.setAttribute("fill", n.color);
  c.dataset.id = n.id;
  const t = el("title");
  t.textContent = n.label + " (" + n.type + ")";
  c.appendChild(t);
  c.addEventListener("click", () => select(n.id));
  document.getElementById("nodes").appendChild(c);
  nodeEls.set(n.id, c);
  const label = el("text", "label");
  label.textContent = n.label;
  document.getElementById("labels").appendChild(label);
  labelEls.set(n.id, label);
}
// every name's size, measured once (text keeps its size on screen)
const labelSize = new Map();
for (const [id, label] of labelEls) {
  const b = label.getBBox();
  labelSize.set(id, [b.width, b.height]);
}
// the biggest nodes first: they get their names before smaller ones
const byDegree = [...data.nodes].sort((a, b) => b.degree - a.degree ||
                                                 a.label.localeCompare(b.label));
let selected = null, hits = new Set();

const tip = document.getElementById("tip");
function showTip(e, line) {
  line.classList.add("hot");
  const a = screen(byId.get(e.source)), b = screen(byId.get(e.target));
  const text = tip.querySelector("text");
  text.textContent = e.relation;
  tip.classList.remove("hidden");
  const box = text.getBBox();
  const x = (a[0] + b[0]) / 2 - box.width / 2, y = (a[1] + b[1]) / 2;
  text.setAttribute("x", x); text.setAttribute("y", y);
  const r = tip.querySelector("rect");
  r.setAttribute("x", x - 3); r.setAttribute("y", y - box.height + 2);
  r.setAttribute("width", box.width + 6); r.setAttribute("height", box.height + 3);
  tip.dataset.relation = e.relation;
}
function hideTip() {
  tip.classList.add("hidden");
  for (const [line] of edgeEls) line.classList.remove("hot");
}

const nodeShown = n => shownTypes.has(n.type);
const edgeShown = e => shownRelations.has(e.relation) && nodeShown(byId.get(e.source)) &&
  nodeShown(byId.get(e.target));

function overlaps(a, b) {
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

// Names go to the biggest nodes first, each at the first of four places around its node that
// overlaps no name already placed and no other named node and stays inside the canvas; a name
// that fits nowhere is left out (zoom in for it). A grid of 64-pixel cells finds what is
// already near a place.
function placeLabels() {
  const width = svg.clientWidth, height = svg.clientHeight;
  const grid = new Map(), CELL = 64;
  const cells = b => {
    const found = [];
    for (let i = Math.floor(b[0] / CELL); i <= Math.floor((b[0] + b[2]) / CELL); i++) {
      for (let j = Math.floor(b[1] / CELL); j <= Math.floor((b[1] + b[3]) / CELL); j++) {
        found.push(i + "," + j);
      }
    }
    return found;
  };
  let own = null;  // the box of the node being named
  const free = b => b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= width && b[1] + b[3] <= height &&
    cells(b).every(c => !(grid.get(c) || []).some(o => o !== own && overlaps(o, b)));
  const take = b => {
    for (const c of cells(b)) {
      if (!grid.has(c)) grid.set(c, []);
      grid.get(c).push(b);
    }
  };
  // The biggest nodes are candidates, more of them as you zoom in; a name covers none of
  // the candidates' nodes (but its own, by a pixel), and may cover smaller dots.
  const must = n => n.id === selected || hits.has(n.id);
  const room = Math.round(LABELS_AT_FIT * zoom * zoom);
  const wanted = [...byDegree.filter(n => must(n) && nodeShown(n)),
                  ...byDegree.filter(n => !must(n) && nodeShown(n)).slice(0, room)];
  const dots = new Map();
  for (const n of wanted) {
    const [x, y] = screen(n), r = radius(n) - 1;
    const b = [x - r, y - r, 2 * r, 2 * r];
    dots.set(n.id, b);
    take(b);
  }
  for (const label of labelEls.values()) label.classList.add("hidden");
  for (const n of wanted) {
    const label = labelEls.get(n.id);
    const [x, y] = screen(n), r = radius(n) + 2, [w, h] = labelSize.get(n.id);
    own = dots.get(n.id);
    const places = [[x + r, y - h / 2], [x - r - w, y - h / 2], [x - w / 2, y - r - h],
                    [x - w / 2, y + r]];
    for (const [px, py] of places) {
      const b = [px, py, w, h];
      if (!free(b)) continue;
      take(b);
      // text is placed by its baseline: about a quarter of its height above the bottom
      label.setAttribute("x", px); label.setAttribute("y", py + h * 0.78);
      label.classList.remove("hidden");
      break;
    }
  }
}

function draw() {
  for (const n of data.nodes) {
    const [x, y] = screen(n), c = nodeEls.get(n.id);
    c.setAttribute("cx", x); c.setAttribute("cy", y);
    c.classList.toggle("hidden", !nodeShown(n));
  }
  data.edges.forEach((e, i) => {
    const a = screen(byId.get(e.source)), b = screen(byId.get(e.target));
    for (const line of edgeEls[i]) {
      line.setAttribute("x1", a[0]); line.setAttribute("y1", a[1]);
      line.setAttribute("x2", b[0]); line.setAttribute("y2", b[1]);
      line.classList.toggle("hidden", !edgeShown(e));
    }
  });
  hideTip();
  placeLabels();
}

function checkboxes(id, values, shown, color) {
  const box = document.getElementById(id);
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
  for (const v of [...counts.keys()].sort()) {
    const label = document.createElement("label");
    label.dataset.value = v;
    const swatch = color ? '<span class="swatch" style="background:' + color.get(v) +
      '"></span>' : "";
    label.innerHTML = '<input type="checkbox" checked> ' + swatch + esc(v) +
      ' <span class="count">' + counts.get(v) + "</span><br>";
    label.querySelector("input").addEventListener("change", ev => {
      if (ev.target.checked) shown.add(v); else shown.delete(v);
      draw();
    });
    box.appendChild(label);
  }
}
// the class list is the colour legend: a swatch and a count for every class in the graph
checkboxes("types", data.nodes.map(n => n.type), shownTypes,
           new Map(data.nodes.map(n => [n.type, n.color])));
checkboxes("relations", data.edges.map(e => e.relation), shownRelations, null);

// Only http(s) links: a URL read from a document must not run script when clicked.
const safeUrl = u => /^https?:/i.test(u || "") ? u : "";

function evidenceHtml(records) {
  return records.map(r => {
    const when = r.time ? '<span class="when">' + esc(r.time) + " (\u201c" +
      esc(r.timeText) + "\u201d)</span> " : "";
    const name = esc(r.title || r.source);
    const doc = safeUrl(r.url) ? '<a class="doc" href="' + esc(r.url) +
      '" target="_blank" rel="noopener noreferrer">' + name + "</a>" : name;
    return '<div class="ev">' + when + "\u201c" + esc(r.sentence) + '\u201d <i>' + doc +
      (r.reported ? ' <span class="reported">' + esc(r.reported) + "</span>" : "") + ", " +
      esc(r.rule) + " " + r.confidence + "</i></div>";
  }).join("");
}

function select(id) {
  const n = byId.get(id);
  selected = id;
  for (const c of nodeEls.values()) c.classList.remove("hit");
  nodeEls.get(id).classList.add("hit");
  let html = "<h2>" + esc(n.label) + "</h2><p>" + esc(n.type) + "</p>";
  for (const a of n.attributes) {
    html += '<div class="fact">' + esc(a.relation) + ": <b>" + esc(a.value) + "</b>" +
      evidenceHtml(a.evidence) + "</div>";
  }
  const facts = data.edges.filter(e => e.source === id || e.target === id);
  for (const e of facts) {
    html += '<div class="fact">' + esc(byId.get(e.source).label) + " <b>" + esc(e.relation) +
      "</b> " + esc(byId.get(e.target).label) + " (confidence " + e.confidence +
      ", " + e.support + " sentence" + (e.support === 1 ? "" : "s") + ")" +
      evidenceHtml(e.evidence) + "</div>";
  }
  document.getElementById("details").innerHTML = html;
  placeLabels();
}

const search = document.getElementById("search");
search.addEventListener("input", () => {
  const q = search.value.trim().toLowerCase();
  const found = q ? data.nodes.filter(n => n.label.toLowerCase().includes(q)) : [];
  hits = new Set(found.slice(0, 20).map(h => h.id));
  for (const [id, c] of nodeEls) c.classList.toggle("hit", hits.has(id));
  document.getElementById("matches").innerHTML = found.slice(0, 20).map(h =>
    '<div><a href="#" data-id="' + esc(h.id) + '">' + esc(h.label) + "</a></div>").join("");
  for (const a of document.querySelectorAll("#matches a")) {
    a.addEventListener("click", ev => { ev.preventDefault(); select(a.dataset.id); });
  }
  if (found.length === 1) select(found[0].id); else placeLabels();
});

// zoom with the wheel around the pointer, pan by dragging
svg.addEventListener("wheel", ev => {
  ev.preventDefault();
  const k = ev.deltaY > 0 ? 1 / 1.25 : 1.25;
  const next = Math.min(Math.max(zoom * k, 0.5), 40);
  const rect = svg.getBoundingClientRect();
  const px = ev.clientX - rect.left - svg.clientWidth / 2 - panX;
  const py = ev.clientY - rect.top - svg.clientHeight / 2 - panY;
  panX -= px * (next / zoom - 1); panY -= py * (next / zoom - 1);
  zoom = next;
  draw();
}, {passive: false});
let drag = null;
svg.addEventListener("mousedown", ev => { drag = [ev.clientX, ev.clientY]; });
window.addEventListener("mouseup", () => { drag = null; });
window.addEventListener("mousemove", ev => {
  if (!drag) return;
  panX += ev.clientX - drag[0]; panY += ev.clientY - drag[1];
  drag = [ev.clientX, ev.clientY];
  draw();
});
window.addEventListener("resize", draw);
draw();
// a link may carry a search: graph.html#q=Zuckerberg
const wanted = new URLSearchParams(location.hash.slice(1)).get("q");
if (wanted) { search.value = wanted; search.dispatchEvent(new Event("input")); }
document.body.dataset.ready = String(data.nodes.length);
</script>
</body>
</html>
"""
