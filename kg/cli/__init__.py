"""The ``kg`` command: a thin click layer over the library. Each command parses options, calls
one library function, prints the result, and turns a ``KgError`` into one line on stderr and
exit code 1 (2 for usage errors). Listings print as ``--format table|json|csv`` through
``kg.output`` and ``kg.reports``.

The commands live one group a module: ``builds`` (build, extract), ``listings`` (query, show,
explain, quotes, timeline), ``exports`` (export, view), ``store`` (validate, stats, docs, text,
serve, prefixes); ``common`` holds the options they share and the error handling."""

from __future__ import annotations

import atexit
import gc

import click

from kg.cli.builds import build, extract
from kg.cli.exports import export, view
from kg.cli.listings import explain, query, quotes, show, timeline
from kg.cli.store import docs, prefixes, serve, stats, text, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg", prog_name="kg")
def cli() -> None:
    """Turn news articles into a knowledge graph you can query and look at.

    \b
    Start with:
      kg build seeds/              # articles -> .kg/store, out/graph.ttl, out/graph.graphml
      kg stats                     # what is in the graph
      kg query 'SELECT ?p ?org WHERE { ?p kg:worksFor ?org }'
    """


for command in (build, query, export, show, explain, quotes, view, validate, serve, extract,
                timeline, docs, text, stats, prefixes):
    cli.add_command(command)


def main() -> None:
    # At exit the interpreter walks every live object for reference cycles; after a large
    # build (the model, a corpus's names) that takes a quarter of a second, to free memory
    # the process is about to give back whole. Frozen objects are not walked.
    atexit.register(gc.freeze)
    cli(prog_name="kg")
