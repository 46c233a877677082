"""The one exception family of kg. The CLI turns each into one line on stderr and exit 1
(2 for a ``UsageError``)."""

from __future__ import annotations


class KgError(Exception):
    """Base class: the message says what failed, on which input, and how to fix it."""


class InputError(KgError):
    """An input path or file cannot be used."""


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(KgError):
    """The store cannot be opened or written."""


class QueryError(KgError):
    """A SPARQL query is malformed or fails."""


class ExportError(KgError):
    """An export cannot be written."""


class OntologyError(KgError):
    """The ontology file is missing or malformed."""


class ClusterError(KgError):
    """The Dask cluster cannot be reached or started, or lost the work."""


class UsageError(KgError):
    """A command-line value names nothing kg knows (a format, a class, a relation, a
    document): the CLI exits 2, as for any usage error."""


def one_line(message: str, limit: int = 200) -> str:
    """A library's message as one printable line of at most ``limit`` characters (it may
    quote damaged bytes, newlines and control characters).

    >>> one_line("bad\\x00 block\\nat 12")
    'bad block at 12'
    """
    return " ".join("".join(c if c.isprintable() else " " for c in message).split())[:limit]
