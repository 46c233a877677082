"""The commands that ask the graph and list what they find: ``kg query``, ``kg show``,
``kg explain`` and ``kg timeline``."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

import click

from kg.cli.common import (
    DATE_HELP,
    allow_service_option,
    date_bound,
    format_option,
    guarded,
    store_option,
    timeout_option,
)
from kg.output import FORMATS

ASK_FALSE_EXIT = 3


wide_option = click.option("--wide", is_flag=True,
                           help="Print long cells whole (default: cut to the terminal's width).")


@click.command()
@click.argument("sparql")
@store_option
@format_option(("table", "json", "jsonl", "csv", "tsv"), "SELECT and ASK results")
@wide_option
@timeout_option
@allow_service_option
@guarded
def query(sparql: str, store: Path | str, fmt: str, wide: bool, timeout: float,
          allow_service: bool) -> None:
    """Run a SPARQL query (a string, or @FILE.rq) over all graphs of the store.

    SELECT prints a table; json, csv and tsv are the W3C SPARQL 1.1 Query Results formats
    (csv: plain values and full IRIs; tsv: terms as in N-Triples), jsonl one object per row.
    ASK prints true/false and exits 0 for true, 3 for false; CONSTRUCT/DESCRIBE print Turtle
    (JSON-LD with --format json).
    Prefixes kg:, rel:, ent:, doc:, stmt:, rdf:, rdfs:, owl:, skos:, xsd:, prov:, nif:,
    dcterms:, schema: are predeclared ('kg prefixes' prints them). Queries only read: updates
    go through kg build.

    \b
    Examples:
      kg query 'SELECT ?person ?org WHERE { ?person kg:worksFor ?org }'
      kg query @examples/queries/who-works-where.rq --format csv
      kg query 'ASK { ent:Meta kg:released ?product }'
    """
    from kg.errors import InputError
    from kg.queries import STANDARD, format_result, run_query
    from kg.stores import open as open_store

    if sparql.startswith("@"):
        path = Path(sparql[1:])
        try:
            sparql = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{path}: cannot read the query file ({err})") from err
    watchdog = _watchdog(timeout)
    try:
        with open_store(store, create=False) as opened:
            result = run_query(opened, sparql, fmt if fmt in STANDARD else "", allow_service)
    finally:
        watchdog.cancel()
    shown = format_result(result, fmt, wide)
    click.echo(shown, nl=not shown.endswith("\n"))
    if result.kind == "ask" and not result.boolean:
        sys.exit(ASK_FALSE_EXIT)


def _watchdog(seconds: float) -> threading.Timer:
    """A timer that ends this process after ``seconds``: a query inside Oxigraph cannot be
    interrupted, and a reader leaves nothing half-written behind."""
    def expire() -> None:
        sys.stderr.write(f"kg: error: the query took longer than {seconds:g} s and was stopped; "
                         "narrow it or pass a larger --timeout\n")
        sys.stderr.flush()
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    return timer


@click.command()
@click.argument("entity")
@store_option
@format_option(FORMATS, "The entity and its facts")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0),
              help="List at most this many facts, the best supported, and this many of the "
                   "documents that name it, those that name it most (0: all).")
@guarded
def show(entity: str, store: Path | str, fmt: str, limit: int) -> None:
    """Show an entity: its names, class, facts in both directions with their sentences, and
    the documents that mention it (title, date, how many times), the most mentions first.

    ENTITY is a name as written (case and suffixes such as Inc do not matter), a key, or
    ent:KEY and IRIs as kg prints them. csv has one row per sentence.

    \b
    Examples:
      kg show Meta
      kg show ent:Mark_Zuckerberg --limit 0
      kg show "Mark Zuckerberg" --format json
    """
    from kg.evidence import show as run_show
    from kg.reports import format_entity, limit_documents, limit_facts
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        report, hidden = limit_facts(run_show(opened, entity), limit)
    report, unlisted = limit_documents(report, limit)
    click.echo(format_entity(report, fmt, hidden, unlisted))
    if hidden and fmt == "csv":
        click.echo(f"kg: {hidden} more facts not listed; --limit 0 lists all", err=True)
    if unlisted and fmt == "csv":
        click.echo(f"kg: {unlisted} more documents not listed; --limit 0 lists all", err=True)


@click.command()
@click.argument("subject")
@click.argument("relation")
@click.argument("object", metavar="OBJECT")
@store_option
@format_option(FORMATS, "The fact and its sentences")
@guarded
def explain(subject: str, relation: str, object: str, store: Path | str, fmt: str) -> None:
    """List every sentence that supports SUBJECT RELATION OBJECT, with its document,
    character span, rule and confidence.

    Entities are written as for 'kg show' (names, ent:KEY, IRIs), relations as kg prints
    them (released, "released (planned)", kg:released, rel:sue); a literal object as is or
    in quotes.

    \b
    Examples:
      kg explain Meta released LLaMA
      kg explain ent:Meta kg:released ent:LLaMA --format json
      kg explain "Mark Zuckerberg" role CEO
    """
    from kg.evidence import explain as run_explain
    from kg.reports import format_fact
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        fact = run_explain(opened, subject, relation, object)
    click.echo(format_fact(fact, fmt))


@click.command()
@click.argument("entity")
@store_option
@format_option(FORMATS, "The timeline")
@click.option("--since", metavar="DATE", callback=date_bound,
              help="Keep facts from DATE on: " + DATE_HELP.format("on or after"))
@click.option("--until", metavar="DATE", callback=date_bound,
              help="Keep facts up to DATE: " + DATE_HELP.format("on or before"))
@guarded
def timeline(entity: str, store: Path | str, fmt: str, since: Any, until: Any) -> None:
    """Show an entity's facts (as subject or object) in time order, each with its date and
    source: the time its sentence gives ("on Thursday", resolved against the article's date),
    else the article's date, marked "(reported)"; undated facts come last.

    ENTITY is a name as written, an alias, a key or an IRI (as for 'kg show').

    \b
    Examples:
      kg timeline Meta
      kg timeline "Mark Zuckerberg" --format csv > zuckerberg.csv
      kg timeline Meta --since 2023-02 --until 2023-03
    """
    from kg.stores import open as open_store
    from kg.timelines import format_timeline
    from kg.timelines import timeline as entity_timeline

    with open_store(store, create=False) as opened:
        found = entity_timeline(opened, entity, since, until)
    click.echo(format_timeline(found, fmt))


@click.command()
@click.argument("entity")
@store_option
@format_option(FORMATS, "The quotes")
@guarded
def quotes(entity: str, store: Path | str, fmt: str) -> None:
    """Show what an entity said (the quotes it is the speaker of: "...," said Ana Ruiz;
    Ruiz said that ...; according to Vexa, ...) and what was said about it (the quotes whose
    words name it), with the speaker, the verb, the sentence and the document.

    ENTITY is a name as written, an alias, a key or an IRI (as for 'kg show'). A quote whose
    speaker kg could not tell ("analysts said") has none: kg does not guess.

    \b
    Examples:
      kg quotes "Ana Ruiz"
      kg quotes Vexa --format csv > vexa-quotes.csv
    """
    from kg.quotations import format_quotes
    from kg.quotations import quotes as entity_quotes
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        found = entity_quotes(opened, entity)
    click.echo(format_quotes(found, fmt))
