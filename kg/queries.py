"""SPARQL in, rows out. Queries run inside Oxigraph; the default graph is the union of all
graphs, and the kg prefixes (kg:, rel:, ent:, rdfs:, skos:, ...) are predeclared."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import QueryError
from kg.ontology import PREFIXES
from kg.store import Store  # noqa: F401 (the doctest opens one)
from kg.stores import GraphStore

FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's answer: ``rows`` for SELECT, ``boolean`` for ASK, ``turtle`` for
    CONSTRUCT/DESCRIBE."""

    kind: str  # "select" | "ask" | "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    turtle: str = ""


def _text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    return str(getattr(term, "value", term))


def run_query(store: GraphStore, sparql: str) -> QueryResult:
    """Run a SPARQL query and materialise the answer.

    >>> with Store(None) as store:
    ...     run_query(store, "ASK { ?s ?p ?o }").boolean
    False
    """
    try:
        result = store.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"invalid SPARQL: {err}") from err
    except OSError as err:
        raise QueryError(f"the query failed: {err}") from err
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_text(s[v]) for v in variables) for s in result)
        return QueryResult("select", variables, rows)
    triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return QueryResult("graph", turtle=data.decode("utf-8"))


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result for people (``table``) or programs (``csv``, ``tsv``, ``json``)."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return result.turtle.rstrip("\n")
    rows = [["" if v is None else v for v in row] for row in result.rows]
    if fmt == "json":
        return json.dumps([dict(zip(result.variables, row, strict=True)) for row in result.rows],
                          ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class GraphStats:
    """Counts for ``kg stats``."""

    documents: int
    dated: int  # documents with a publication date
    first_date: str  # the earliest and latest publication dates (YYYY-MM-DD), "" if none
    last_date: str
    triples: int
    statements: int
    entities_by_class: tuple[tuple[str, int], ...]
    triples_by_relation: tuple[tuple[str, int], ...]


def graph_stats(store: GraphStore) -> GraphStats:
    """Documents (how many have a date, and from when to when), entities by class and
    asserted triples by relation."""

    def pairs(sparql: str) -> tuple[tuple[str, int], ...]:
        result = run_query(store, sparql)
        return tuple((row[0] or "", int(row[1] or 0)) for row in result.rows)

    def count(sparql: str) -> int:
        return int(run_query(store, sparql).rows[0][0] or 0)

    dates = run_query(store, """
        SELECT (COUNT(?day) AS ?n) (MIN(?day) AS ?first) (MAX(?day) AS ?last) WHERE {
          ?d a kg:Document ; dcterms:created ?created .
          BIND(SUBSTR(STR(?created), 1, 10) AS ?day)
        }""").rows[0]
    return GraphStats(
        documents=count("SELECT (COUNT(?d) AS ?n) WHERE { ?d a kg:Document }"),
        dated=int(dates[0] or 0), first_date=dates[1] or "", last_date=dates[2] or "",
        triples=len(store),
        statements=count("SELECT (COUNT(?s) AS ?n) WHERE { ?s a rdf:Statement }"),
        entities_by_class=pairs("""
            SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
              GRAPH <https://w3id.org/kg/graph/entities> { ?e a ?class ; rdfs:label ?l }
              ?class rdfs:subClassOf kg:Entity .
            } GROUP BY ?class ORDER BY DESC(?n) ?class"""),
        triples_by_relation=pairs("""
            SELECT ?relation (COUNT(*) AS ?n) WHERE {
              ?st a rdf:Statement ; rdf:predicate ?relation .
            } GROUP BY ?relation ORDER BY DESC(?n) ?relation"""),
    )
