"""What every command shares: the --store, --format, --timeout, --allow-service and filter
options, and the error handling that turns a ``KgError`` into one line on stderr and exit code 1
(2 for usage errors)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from kg.errors import KgError, UsageError
from kg.sparqlguard import QUERY_TIMEOUT
from kg.store import DEFAULT_STORE

INTERRUPTED_EXIT = 130


def _store_location(ctx: click.Context, param: click.Parameter, value: str | Path) -> Path | str:
    """A SPARQL server's URL stays a string (a Path would fold its '//'); else a folder."""
    from kg.stores import is_remote

    return value if is_remote(value) else Path(value)


store_option = click.option(
    "--store", default=str(DEFAULT_STORE), show_default=True, callback=_store_location,
    help="Folder of the kg store (created by 'kg build'), or a SPARQL server's URL "
         "(http://[USER:PASSWORD@]HOST:PORT/).")


def store_display(store: Path | str) -> str:
    """The store as a message may name it: a server's URL without its credentials."""
    from kg.stores import mask

    return mask(str(store))


def fail(err: KgError) -> NoReturn:
    click.echo(f"kg: error: {err}", err=True)
    sys.exit(2 if isinstance(err, UsageError) else 1)


def usage_error(message: str) -> NoReturn:
    """A bad option value, said in one line: exit 2 like every usage error."""
    fail(UsageError(message))


def format_option(choices: tuple[str, ...], what: str = "The listing",
                  help: str = "") -> Callable[..., Any]:
    """``--format`` among ``choices`` (case does not matter; the first is the default)."""
    def check(ctx: click.Context, param: click.Parameter, value: str) -> str:
        if value.lower() not in choices:
            usage_error(f"--format '{value}' is not one of: {', '.join(choices)}")
        return value.lower()
    return click.option("--format", "fmt", default=choices[0], show_default=True,
                        metavar=f"[{'|'.join(choices)}]", callback=check,
                        help=help or f"{what} for people (table) or programs.")


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command body, mapping library errors to one line and exit 1 (a usage error: 2;
    Ctrl-C: 130)."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as err:
            fail(err)
        except BrokenPipeError:  # the reader stopped early (kg query ... | head): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as err:  # a file operation no library check foresaw: still one line
            where = f"{err.filename}: " if err.filename else ""
            fail(KgError(f"{where}{err.strerror or err}"))
        except KeyboardInterrupt:
            click.echo("kg: interrupted; the store keeps its last complete graph", err=True)
            sys.exit(INTERRUPTED_EXIT)
    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


timeout_option = click.option(
    "--timeout", default=QUERY_TIMEOUT, show_default=True, type=click.FloatRange(min=1),
    metavar="SECONDS", help="Stop a query that runs longer than this.")
allow_service_option = click.option(
    "--allow-service", is_flag=True,
    help="Let queries call other endpoints (SERVICE); refused by default: the calls go from "
         "this machine to any address a query names.")


def _split_list(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.strip() for value in values for v in value.split(",") if v.strip())


def date_bound(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """--since: the first day of YYYY, YYYY-MM or YYYY-MM-DD; --until: the last. A bad date
    is a usage error, said in one line."""
    if value is None:
        return None
    from kg.dates import period

    try:
        first, last = period(value)
    except ValueError:
        usage_error(f"{param.opts[0]} '{value}' is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
    since = param.name == "since"
    bound = first if since else last
    other = ctx.params.get("until" if since else "since")  # given before this one
    if other is not None and (bound > other if since else other > bound):
        usage_error("--since is after --until: no fact could be kept; swap them")
    return bound


DATE_HELP = ("a fact's time (as its sentence says, else its article's date) is {} DATE "
             "(YYYY, YYYY-MM or YYYY-MM-DD); facts with no date are left out.")


_FILTER_FLAGS = ("min_confidence", "unconfirmed", "types", "relations", "documents", "since",
                 "until")


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--min-confidence, --unconfirmed, --types, --relations, --document, --since, --until:
    the same filter for every view, handed to the command as one ``keep: GraphFilter``."""
    options = [
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
                     show_default=True, help="Keep facts at least this sure (their best "
                     "sentence's confidence)."),
        click.option("--unconfirmed", is_flag=True,
                     help="Also keep facts stated as done that kg does not assert: below "
                          "the confidence it asserts from, or open verbs (rel:*), which are "
                          "right too rarely to be edges by default."),
        click.option("--types", multiple=True, metavar="CLASS[,CLASS]",
                     help="Keep entities of these classes (Organization, Person, ...)."),
        click.option("--relations", multiple=True, metavar="REL[,REL]",
                     help="Keep these relations (worksFor, released, sue, ...)."),
        click.option("--document", "documents", multiple=True, metavar="DOC",
                     help="Keep facts read from this document (id or path; repeatable)."),
        click.option("--since", metavar="DATE", callback=date_bound,
                     help="Keep facts from DATE on: " + DATE_HELP.format("on or after")),
        click.option("--until", metavar="DATE", callback=date_bound,
                     help="Keep facts up to DATE: " + DATE_HELP.format("on or before")),
    ]

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        from kg.graphview import GraphFilter

        flags = {name: kwargs.pop(name) for name in _FILTER_FLAGS}
        keep = GraphFilter(flags["min_confidence"], _split_list(flags["types"]),
                           _split_list(flags["relations"]), _split_list(flags["documents"]),
                           flags["since"], flags["until"], flags["unconfirmed"])
        return func(*args, keep=keep, **kwargs)

    for option in reversed(options):
        command = option(command)
    return command
