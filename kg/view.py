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
from kg.export import CLASS_COLORS, OTHER_COLOR, communities, degrees, layout
from kg.graphview import GraphFilter, entity_graph
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
              "color": "#{:02x}{:02x}{:02x}".format(*CLASS_COLORS.get(n.type, OTHER_COLOR)),
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
          box-sizing: border-box; }
  #main { flex: 1; position: relative; }
  svg { width: 100%; height: 100%; background: #fcfcfc; cursor: grab; }
  .edge { stroke: #c8c8c8; stroke-width: 0.8; }
  .node { stroke: #fff; stroke-width: 1; cursor: pointer; }
  .node.hit { stroke: #000; stroke-width: 3; }
  .label { font-size: 10px; pointer-events: none; fill: #333; }
  .hidden { display: none; }
  h2 { font-size: 16px; margin: 8px 0; }
  .fact { margin: 6px 0; }
  .ev { color: #555; font-size: 12px; margin: 2px 0 2px 12px; }
  .when { color: #1f5f99; font-weight: bold; }
  fieldset { margin: 8px 0; max-height: 160px; overflow: auto; }
  #search { width: 100%; box-sizing: border-box; padding: 4px; }
</style>
</head>
<body>
<div id="side">
  <input id="search" type="search" placeholder="Search an entity">
  <div id="matches"></div>
  <fieldset id="types"><legend>Classes</legend></fieldset>
  <fieldset id="relations"><legend>Relations</legend></fieldset>
  <div id="details"><p>Click a node to see its facts and the sentences behind them.</p></div>
</div>
<div id="main"><svg id="graph" xmlns="http://www.w3.org/2000/svg"></svg></div>
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

function bounds() {
  const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
  const pad = 40;
  if (!xs.length) return [0, 0, 100, 100];
  const x0 = Math.min(...xs) - pad, y0 = Math.min(...ys) - pad;
  return [x0, y0, Math.max(...xs) + pad - x0, Math.max(...ys) + pad - y0];
}
let box = bounds();
svg.setAttribute("viewBox", box.join(" "));

const edgeEls = data.edges.map(e => {
  const a = byId.get(e.source), b = byId.get(e.target);
  const line = document.createElementNS(NS, "line");
  line.setAttribute("class", "edge");
  line.setAttribute("x1", a.x); line.setAttribute("y1", a.y);
  line.setAttribute("x2", b.x); line.setAttribute("y2", b.y);
  const t = document.createElementNS(NS, "title");
  t.textContent = a.label + " " + e.relation + " " + b.label;
  line.appendChild(t);
  svg.appendChild(line);
  return line;
});
const nodeEls = new Map();
const labelEls = new Map();
for (const n of data.nodes) {
  const c = document.createElementNS(NS, "circle");
  c.setAttribute("class", "node");
  c.setAttribute("cx", n.x); c.setAttribute("cy", n.y);
  c.setAttribute("r", 4 + Math.sqrt(n.degree) * 2);
  c.setAttribute("fill", n.color);
  c.dataset.id = n.id;
  const t = document.createElementNS(NS, "title");
  t.textContent = n.label + " (" + n.type + ")";
  c.appendChild(t);
  c.addEventListener("click", () => select(n.id));
  svg.appendChild(c);
  nodeEls.set(n.id, c);
  const label = document.createElementNS(NS, "text");
  label.setAttribute("class", "label");
  label.setAttribute("x", n.x + 6); label.setAttribute("y", n.y - 6);
  label.textContent = n.label;
  svg.appendChild(label);
  labelEls.set(n.id, label);
}

function checkboxes(id, values, shown) {
  const box = document.getElementById(id);
  for (const v of [...new Set(values)].sort()) {
    const label = document.createElement("label");
    label.innerHTML = '<input type="checkbox" checked> ' + esc(v) + "<br>";
    label.querySelector("input").addEventListener("change", ev => {
      if (ev.target.checked) shown.add(v); else shown.delete(v);
      refresh();
    });
    box.appendChild(label);
  }
}
checkboxes("types", data.nodes.map(n => n.type), shownTypes);
checkboxes("relations", data.edges.map(e => e.relation), shownRelations);

function refresh() {
  for (const n of data.nodes) {
    const hide = !shownTypes.has(n.type);
    nodeEls.get(n.id).classList.toggle("hidden", hide);
    labelEls.get(n.id).classList.toggle("hidden", hide);
  }
  data.edges.forEach((e, i) => {
    const hide = !shownRelations.has(e.relation) || !shownTypes.has(byId.get(e.source).type)
      || !shownTypes.has(byId.get(e.target).type);
    edgeEls[i].classList.toggle("hidden", hide);
  });
}

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
  for (const el of nodeEls.values()) el.classList.remove("hit");
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
}

const search = document.getElementById("search");
search.addEventListener("input", () => {
  const q = search.value.trim().toLowerCase();
  const hits = q ? data.nodes.filter(n => n.label.toLowerCase().includes(q)) : [];
  for (const [id, el] of nodeEls) el.classList.toggle("hit", hits.some(h => h.id === id));
  document.getElementById("matches").innerHTML = hits.slice(0, 20).map(h =>
    '<div><a href="#" data-id="' + esc(h.id) + '">' + esc(h.label) + "</a></div>").join("");
  for (const a of document.querySelectorAll("#matches a")) {
    a.addEventListener("click", ev => { ev.preventDefault(); select(a.dataset.id); });
  }
  if (hits.length === 1) select(hits[0].id);
});

// zoom with the wheel, pan by dragging
svg.addEventListener("wheel", ev => {
  ev.preventDefault();
  const k = ev.deltaY > 0 ? 1.1 : 1 / 1.1;
  const cx = box[0] + box[2] / 2, cy = box[1] + box[3] / 2;
  box = [cx - box[2] * k / 2, cy - box[3] * k / 2, box[2] * k, box[3] * k];
  svg.setAttribute("viewBox", box.join(" "));
}, {passive: false});
let drag = null;
svg.addEventListener("mousedown", ev => { drag = [ev.clientX, ev.clientY]; });
window.addEventListener("mouseup", () => { drag = null; });
window.addEventListener("mousemove", ev => {
  if (!drag) return;
  const scale = box[2] / svg.clientWidth;
  box[0] -= (ev.clientX - drag[0]) * scale; box[1] -= (ev.clientY - drag[1]) * scale;
  drag = [ev.clientX, ev.clientY];
  svg.setAttribute("viewBox", box.join(" "));
});
// a link may carry a search: graph.html#q=Zuckerberg
const wanted = new URLSearchParams(location.hash.slice(1)).get("q");
if (wanted) { search.value = wanted; search.dispatchEvent(new Event("input")); }
document.body.dataset.ready = String(data.nodes.length);
</script>
</body>
</html>
"""
