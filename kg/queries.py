"""SPARQL in, rows out. Queries run inside Oxigraph; the default graph is the union of all
graphs, and the kg prefixes (kg:, rel:, ent:, rdfs:, skos:, ...) are predeclared.

Results print as a table for people, or in the W3C formats for programs: SPARQL 1.1 Query
Results JSON, CSV and TSV, written by Oxigraph; ``jsonl`` is one flat object per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import QueryError
from kg.ontology import PREFIXES
from kg.output import Listing, render
from kg.sparqlguard import SERVICE_ADVICE, calls_service
from kg.store import Store  # noqa: F401 (the doctest opens one)
from kg.stores import GraphStore

FORMATS = ("table", "json", "jsonl", "csv", "tsv")
# the W3C result formats, written by Oxigraph exactly as the recommendations say
STANDARD = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV}
UPDATE_ADVICE = "updates are not allowed here; use kg build (or kg serve --read-write)"


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's answer: ``rows`` for SELECT, ``boolean`` for ASK, ``turtle`` for
    CONSTRUCT/DESCRIBE; ``document``, when asked for, the SELECT or ASK answer in a W3C
    results format (or the graph as JSON-LD)."""

    kind: str  # "select" | "ask" | "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[str | None, ...], ...] = ()
    boolean: bool | None = None
    turtle: str = ""
    document: str = ""


def _text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    return str(getattr(term, "value", term))


def run_query(store: GraphStore, sparql: str, standard: str = "",
              allow_service: bool = False) -> QueryResult:
    """Run a SPARQL query and materialise the answer; with ``standard`` ("json", "csv" or
    "tsv") a SELECT or ASK answer is written in that W3C format instead of as rows (and with
    "json", a CONSTRUCT or DESCRIBE graph as JSON-LD instead of Turtle). A query that calls
    another endpoint (SERVICE) is refused unless ``allow_service``.

    >>> with Store(None) as store:
    ...     run_query(store, "ASK { ?s ?p ?o }").boolean
    False
    """
    if not allow_service and calls_service(sparql):
        raise QueryError(SERVICE_ADVICE)
    try:
        result = store.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(syntax_message(sparql, str(err))) from err
    except OSError as err:
        raise QueryError(f"the query failed: {err}") from err
    if isinstance(result, ox.QueryBoolean):
        document = _document(result, standard)
        return QueryResult("ask", boolean=bool(result), document=document)
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        if standard:
            return QueryResult("select", variables, document=_document(result, standard))
        rows = tuple(tuple(_text(s[v]) for v in variables) for s in result)
        return QueryResult("select", variables, rows)
    # the default graph is the union of the documents' graphs: a triple that several of them
    # hold comes back once per graph, and is written once
    triples = sorted(set(result), key=lambda t: (str(t.subject), str(t.predicate),
                                                 str(t.object)))
    if standard == "json":  # a program asked for JSON: the graph as JSON-LD
        data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]"
        return QueryResult("graph", document=data.decode("utf-8"))
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return QueryResult("graph", turtle=data.decode("utf-8"))


def _document(result: ox.QuerySolutions | ox.QueryBoolean, standard: str) -> str:
    if not standard:
        return ""
    return result.serialize(format=STANDARD[standard]).decode("utf-8")


def format_result(result: QueryResult, fmt: str = "table", wide: bool = False) -> str:
    """Render a result for people (``table``) or programs: the W3C JSON, CSV and TSV
    results formats (``json``, ``csv``, ``tsv``: run the query with ``standard=fmt``) or
    ``jsonl``, one object of plain values per row."""
    if result.document:
        return result.document  # as Oxigraph wrote it: CSV lines end in CRLF
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return result.turtle.rstrip("\n")
    listing = Listing(result.variables, result.rows)
    if fmt == "jsonl":
        return render(listing, "jsonl")
    n = len(result.rows)
    return f"{render(listing, 'table', wide)}\n({n} row{'s' if n != 1 else ''})"


def prefix_declarations() -> str:
    """The PREFIX lines ``kg query`` predeclares, for queries sent to another endpoint.

    >>> prefix_declarations().splitlines()[0]
    'PREFIX kg: <https://w3id.org/kg/ontology#>'
    """
    return "\n".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items())


# --- what went wrong, in one line -----------------------------------------------------------

_POSITION = re.compile(r"^error at (\d+):(\d+): ")
# IRIs, strings and comments, where a colon is not a prefix's
_OPAQUE = re.compile(r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*""")
_PREFIXED = re.compile(r"(?<![\w?$:.\-])([A-Za-z][\w.\-]*)?:(?=[\w%\\]|\s|$)")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.\-]*)?:", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.IGNORECASE)
_PROLOGUE = re.compile(r"(?:\s+|BASE\b|PREFIX\s+[\w.\-]*:)*", re.IGNORECASE)  # IRIs blanked
EXPECTED_CHARS = 100  # Oxigraph lists every character class it expected; a few are enough


def syntax_message(sparql: str, error: str) -> str:
    """Oxigraph's parse error as one line: an update, an undeclared prefix or the position.

    >>> syntax_message("INSERT DATA { <a:x> <a:y> <a:z> }", "error at 1:8: expected CONSTRUCT")
    'updates are not allowed here; use kg build (or kg serve --read-write)'
    >>> syntax_message("SELECT * { ?s foo:bar ?o }", "error at 1:22: Prefix not found")
    "unknown prefix 'foo:' (line 1); declare it with PREFIX foo: <IRI>, or use one of: kg, rel, \
ent, doc, stmt, rdf, rdfs, owl, skos, xsd, prov, nif, dcterms, schema, geo, gn"
    """
    code = _OPAQUE.sub(lambda m: " " * len(m.group()) if "\n" not in m.group() else
                       re.sub(r"[^\n]", " ", m.group()), sparql)
    if _UPDATE.match(code, _PROLOGUE.match(code).end()):  # type: ignore[union-attr]
        return UPDATE_ADVICE
    if "Prefix not found" in error:
        declared = {m.group(1) or "" for m in _DECLARED.finditer(code)} | set(PREFIXES)
        for number, line in enumerate(code.splitlines(), 1):
            for m in _PREFIXED.finditer(line):
                if (m.group(1) or "") not in declared:
                    name = m.group(1) or ""
                    return (f"unknown prefix '{name}:' (line {number}); declare it with "
                            f"PREFIX {name}: <IRI>, or use one of: {', '.join(PREFIXES)}")
    position = _POSITION.match(error)
    said = " ".join(error[position.end() if position else 0:].split())
    if len(said) > EXPECTED_CHARS:
        said = said[:EXPECTED_CHARS].rsplit(",", 1)[0] + ", …"
    if position is None:
        return f"invalid SPARQL: {said}"
    return f"invalid SPARQL at line {position.group(1)}, column {position.group(2)}: {said}"


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


DOCUMENT_COLUMNS = ("document", "source", "title", "date", "site", "language", "sentences",
                    "statements", "entities")


def document_listing(store: GraphStore) -> Listing:
    """Every document of the graph, by source: its id, title, date, site (outlet), language,
    how many sentences and statement records it gave and how many entities it names."""
    result = run_query(store, """
        SELECT ?d ?source ?title ?date ?site ?language ?sentences
               (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?e) AS ?entities) WHERE {
          ?d a kg:Document ; kg:source ?source .
          OPTIONAL { ?d kg:sentenceCount ?sentences }
          OPTIONAL { ?d dcterms:title ?title }
          OPTIONAL { ?d dcterms:created ?date }
          OPTIONAL { ?d schema:publisher ?site }
          OPTIONAL { ?d dcterms:language ?language }
          OPTIONAL { GRAPH ?d { { ?st a rdf:Statement } UNION { ?d schema:mentions ?e } } }
        } GROUP BY ?d ?source ?title ?date ?site ?language ?sentences ORDER BY ?source ?d""")
    rows = tuple((d.removeprefix("doc:") if d else "", source or "",
                  title or "", date or "", site or "", language or "",
                  int(sentences or 0), int(statements or 0), int(entities or 0))
                 for d, source, title, date, site, language, sentences, statements, entities
                 in result.rows)
    return Listing(DOCUMENT_COLUMNS, rows)
