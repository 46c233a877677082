"""``kg view``: the graph as one self-contained HTML page (no network, no CDN).

The entity graph of ``kg.graphview``, with positions from the same seeded layout as the GEXF
export and the evidence sentences of every fact, goes as JSON into the page ``kg/view.html``,
which draws it as SVG with plain JavaScript: search an entity, click a node to read its facts
and the sentences behind them, filter by class and relation, zoom for more names, hover an
edge for its relation, play the facts over time with the time slider. The side panel
shows an entity's facts and what it said (its latest quotes). ``graph.html#q=NAME``
opens with a search, ``#from=YYYY-MM-DD&to=YYYY-MM-DD`` with that time window.

Each edge carries its spells from ``kg.spells`` (the same times as the dynamic GEXF export:
the fact's own time, else its story's date); an edge with none is shown only while the page
shows all times.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from importlib.resources import files
from typing import Any

from kg.evidence import records
from kg.graphview import GraphFilter, entity_graph
from kg.layout import communities, degrees, hex_color, layout
from kg.quotations import spoken
from kg.spells import spells
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
    view = entity_graph(store, keep, timed=True)
    position, degree = layout(view, communities(view)), degrees(view)
    evidence, literal = _evidence(store, keep)
    said = spoken(store)  # what each entity said (kg:Quote), beside its facts
    keys = {n.id for n in view.nodes}
    literals: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (s, relation, o), found in sorted(evidence.items()):
        if s in keys and (s, relation, o) in literal:
            literals[s].append({"relation": relation, "value": o,
                                "evidence": found[:MAX_SENTENCES]})
    nodes = [{"id": n.id, "label": n.label, "type": n.type,
              "x": position[n.id][0], "y": position[n.id][1], "degree": degree[n.id],
              "color": hex_color(n.type),
              "attributes": literals.get(n.id, []), "quotes": said.get(n.id, [])}
             for n in view.nodes]
    edges = [{"source": e.source, "target": e.target, "relation": e.relation,
              "confidence": e.confidence, "support": e.support,
              "documents": len(e.documents), "stories": e.stories, "outlets": e.outlets,
              "spells": [[first.isoformat(), last.isoformat()]
                         for first, last in spells(e.times, keep)],
              "evidence": evidence.get((e.source, e.relation, e.target), [])[:MAX_SENTENCES]}
             for e in view.edges]
    return {"nodes": nodes, "edges": edges}


def render_page(store: GraphStore, keep: GraphFilter | None = None, title: str = "kg graph") -> str:
    """The HTML page, with its data, styles and script inline."""
    data = json.dumps(page_data(store, keep), ensure_ascii=False, sort_keys=True)
    # Inside <script> the HTML parser ends or comments out on "</script>" and "<!--": no "<"
    # (nor ">" or "&") is left for it; in JSON they only occur in strings, where \u003c is "<".
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = files("kg").joinpath("view.html").read_text(encoding="utf-8")
    # one pass: a title holding "__DATA__" (a store named so) stays a title
    fill = {"__TITLE__": _escape(title), "__DATA__": data}
    return re.sub("__TITLE__|__DATA__", lambda m: fill[m.group()], page)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
