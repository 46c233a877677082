"""The values of ``--types``, ``--relations`` and ``--document`` checked against the store.

A filter that names nothing in the graph would silently export an empty one; a typo is
instead a usage error that names the closest valid value. Names are matched as kg prints
them, and case does not matter: ``person``, ``Person`` and ``kg:Person`` are the class
Person; ``kg:released`` and ``released`` the relation.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import replace

from kg.errors import UsageError
from kg.graphview import GraphFilter
from kg.ontology import ENT, KG, OWL, RDF, RDFS, relation_name
from kg.stores import GraphStore

SHOWN = 12  # valid values listed in full when there are at most this many


def _column(store: GraphStore, sparql: str) -> set[str]:
    return {row[0].value for row in store.ox.query(sparql, use_default_graph_as_union=True)}


def classes(store: GraphStore) -> set[str]:
    """Entity classes of the store's ontology and of its entities, by local name."""
    return {iri.rsplit("#", 1)[-1] for iri in _column(store, f"""
        SELECT DISTINCT ?c WHERE {{
          {{ ?c <{RDFS}subClassOf>+ <{KG}Entity> }} UNION
          {{ ?e a ?c FILTER(STRSTARTS(STR(?e), "{ENT}")) }} }}""")}


def relations(store: GraphStore) -> set[str]:
    """Relations of the store's statements and of its ontology, by local name."""
    return {relation_name(iri) for iri in _column(store, f"""
        SELECT DISTINCT ?p WHERE {{
          {{ ?st <{RDF}predicate> ?p }} UNION
          {{ ?p a ?kind FILTER(?kind IN (<{OWL}ObjectProperty>, <{OWL}DatatypeProperty>)
                              && STRSTARTS(STR(?p), "{KG}")) }} }}""")}


def _canonical(option: str, given: frozenset[str], valid: set[str],
               strip: Iterable[str]) -> frozenset[str]:
    by_fold = {v.casefold(): v for v in valid}
    kept = set()
    for value in sorted(given):
        name = value
        for prefix in strip:
            name = name.removeprefix(prefix)
        if name.casefold() in by_fold:
            kept.add(by_fold[name.casefold()])
            continue
        raise UsageError(f"{option} '{value}' is not in this graph{_advice(name, valid)}")
    return frozenset(kept)


def _advice(name: str, valid: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(valid), n=3, cutoff=0.6) or \
        difflib.get_close_matches(name.casefold(), sorted(v.casefold() for v in valid), n=3,
                                  cutoff=0.6)
    by_fold = {v.casefold(): v for v in valid}
    close = [by_fold.get(c, c) for c in close]
    said = f"; did you mean {' or '.join(close)}?" if close else ""
    if len(valid) <= SHOWN:
        return f"{said} (valid: {', '.join(sorted(valid))})"
    return said or f" ({len(valid)} values; none is close)"


def check_filter(store: GraphStore, keep: GraphFilter) -> GraphFilter:
    """``keep`` with its classes, relations and documents spelled as the store has them;
    raises ``UsageError`` for one the store does not have, naming the closest."""
    if keep.types:
        keep = replace(keep, types=_canonical("--types", keep.types, classes(store),
                                              ("kg:", KG)))
    if keep.relations:
        keep = replace(keep, relations=_canonical(
            "--relations", keep.relations, relations(store), ("kg:", "rel:", KG)))
    if keep.documents:
        keep = replace(keep, documents=_documents(store, keep.documents))
    return keep


def same_file(source: str) -> str:
    """A source path as one spelling: ./a.txt, a.txt and /here/a.txt are one file (a URL or
    a record, FILE#KEY, is left as it is)."""
    if "://" in source:
        return source
    path, hash_, key = source.partition("#")
    return os.path.abspath(path) + hash_ + key


def _documents(store: GraphStore, given: frozenset[str]) -> frozenset[str]:
    stored = store.documents()
    sources = {same_file(d.source): d.source for d in stored.values()}
    kept = set()
    for value in sorted(given):
        if value in stored:
            kept.add(value)
        elif same_file(value) in sources:
            kept.add(sources[same_file(value)])
        else:
            close = difflib.get_close_matches(value, sorted({*stored, *sources.values()}),
                                              n=3, cutoff=0.6)
            said = f"; did you mean {' or '.join(close)}?" if close else \
                f"; give a document's id or the path it was built from ({len(stored)} " \
                "documents)"
            raise UsageError(f"--document '{value}' is not in this graph{said}")
    return frozenset(kept)
