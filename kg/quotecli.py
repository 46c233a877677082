"""``kg quotes``: the command, registered on ``kg.cli.cli``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import format_option, guarded, store_option
from kg.output import FORMATS


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
