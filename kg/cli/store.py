"""The commands about the store as a whole: ``kg validate``, ``kg stats``, ``kg docs``,
``kg text``, ``kg serve`` and ``kg prefixes``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import (
    allow_service_option,
    format_option,
    guarded,
    store_display,
    store_option,
    timeout_option,
)
from kg.errors import KgError
from kg.output import FORMATS


def validate_store(store: Path | str, shapes: Path | None, fmt: str = "table") -> None:
    """Check the store against the SHACL shapes and print the report; exit 1 if it breaks
    a shape (``kg validate``, ``kg build --validate``)."""
    from kg.progress import Reporter, Step
    from kg.reports import format_validation
    from kg.stores import open as open_store
    from kg.validate import validate as run_validate

    with open_store(store, create=False) as opened, Reporter(sys.stderr) as progress:
        progress(Step("validating"))  # a spinner at a terminal: pySHACL takes a while
        report = run_validate(opened, shapes)
    click.echo(format_validation(report, fmt))
    if not report.conforms:
        sys.exit(1)


@click.command()
@store_option
@click.option("--shapes", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              default=None, help="SHACL shapes (default: the bundled ontology/shapes.ttl).")
@format_option(FORMATS, "The violations")
@guarded
def validate(store: Path | str, shapes: Path | None, fmt: str) -> None:
    """Check the graph against SHACL shapes: domains and ranges, one label per entity, literal
    roles, complete statement records. Exit 1 if anything breaks a shape.

    \b
    Examples:
      kg validate
      kg validate --format csv > violations.csv
    """
    validate_store(store, shapes, fmt)


@click.command()
@store_option
@format_option(FORMATS, "The counts")
@click.option("--top", type=click.IntRange(min=0), default=15, show_default=True,
              help="How many relations the table lists, the most used first (0: all); "
                   "json and csv list all.")
@guarded
def stats(store: Path | str, fmt: str, top: int) -> None:
    """Show documents, entities by class and the most used relations' statements.

    \b
    Examples:
      kg stats --store .kg/store
      kg stats --top 0          # every relation
      kg stats --format json
    """
    from kg.queries import graph_stats
    from kg.reports import format_stats
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        click.echo(format_stats(graph_stats(opened), fmt, top))


@click.command()
@store_option
@format_option((*FORMATS, "jsonl"), "The documents")
@guarded
def docs(store: Path | str, fmt: str) -> None:
    """List the graph's documents: id, source, title, date, site, language, and how many
    sentences and statement records each gave.

    \b
    Examples:
      kg docs
      kg docs --format csv > documents.csv
    """
    from kg.output import render
    from kg.queries import document_listing
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        click.echo(render(document_listing(opened), fmt))


@click.command()
@click.argument("document")
@store_option
@click.option("--parsed", is_flag=True,
              help="The paragraphs the parser read (page furniture dropped), not the whole "
                   "text.")
@guarded
def text(document: str, store: Path | str, parsed: bool) -> None:
    """Print the text kg read from DOCUMENT (its id, the start of it, or the path it was
    built from), read again from its input with the build's read options.

    \b
    Examples:
      kg text seeds/000_4c73a8bac4305629.txt
      kg text 4c73a8bac430 --parsed
    """
    from kg.reread import document_text, find_document
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        click.echo(document_text(opened, find_document(opened, document), parsed), nl=False)


@click.command()
@store_option
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the store to the network.")
@click.option("--read-write", is_flag=True,
              help="Accept SPARQL updates too, from requests with the token printed at start "
                   "(default: read-only).")
@timeout_option
@allow_service_option
@guarded
def serve(store: Path | str, port: int, host: str, read_write: bool, timeout: float,
          allow_service: bool) -> None:
    """Serve the store as a SPARQL 1.1 Protocol endpoint (Oxigraph's server) until Ctrl-C.

    Queries go to http://HOST:PORT/query; the default graph is the union of all graphs.
    Requests from web pages of other sites (their Origin or Host not this server) are refused.
    With --read-write, updates need the header 'Authorization: Bearer TOKEN', the token
    printed at start (or set in KG_SERVE_TOKEN).

    \b
    Examples:
      kg serve
      curl -s http://127.0.0.1:7878/query -H 'Accept: text/csv' \\
        --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 10'
    """
    from kg.server import run_server
    from kg.stores import is_remote

    if is_remote(store):
        raise KgError(f"{store_display(store)}: is a SPARQL server already; kg serve serves a "
                      "store folder")
    def announce(token: str) -> None:
        click.echo(f"SPARQL endpoint on http://{host}:{port}/query "
                   f"({'read-write' if read_write else 'read-only'}); Ctrl-C stops it",
                   err=True)
        if token:
            click.echo(f"updates need the header 'Authorization: Bearer {token}'", err=True)

    sys.exit(run_server(store, host, port, read_write, announce, timeout, allow_service))


@click.command()
@guarded
def prefixes() -> None:
    """Print the PREFIX lines that kg query predeclares, to put before a query sent to
    another SPARQL endpoint (kg serve's, which predeclares none).

    \b
    Example:
      curl -s http://127.0.0.1:7878/query -H 'Accept: text/csv' \\
        --data-urlencode "query=$(kg prefixes) SELECT * WHERE { ?p kg:worksFor ?o }"
    """
    from kg.queries import prefix_declarations

    click.echo(prefix_declarations())
