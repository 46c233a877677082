"""The text kg read from a stored document, read again from its input.

The store keeps a document's metadata, not its text: ``document_text`` finds the document
(by its id, a unique start of it, or the path it was built from), reads its input file again
with the read options of the build (``--text-field`` and the like, as the build recorded them),
and returns the text of the document with that id, or the paragraphs the parser was given.
A file changed since the build no longer holds that document, and says so.
"""

from __future__ import annotations

from pathlib import Path

from kg.documents import paragraphs
from kg.errors import InputError, UsageError
from kg.filters import same_file
from kg.model import Document
from kg.sources import ReadOptions, is_url, read_documents
from kg.stores import GraphStore


def find_document(store: GraphStore, value: str) -> Document:
    """The stored document ``value`` names: its id, the start of one id, or its source."""
    stored = store.documents()
    if value in stored:
        return stored[value]
    starting = [d for d in stored if len(value) >= 6 and d.startswith(value)]
    if len(starting) == 1:
        return stored[starting[0]]
    by_source = {same_file(d.source): d for d in stored.values()}
    if same_file(value) in by_source:
        return by_source[same_file(value)]
    raise UsageError(f"'{value}' is not a document of this graph; give a document's id or the "
                     f"path it was built from (kg docs lists the {len(stored)} documents)")


def document_text(store: GraphStore, document: Document, parsed: bool = False) -> str:
    """``document``'s text, read again from its input; with ``parsed``, the paragraphs the
    parser read (page furniture dropped), a blank line between them."""
    location, _, _ = document.source.partition("#")
    if is_url(location):
        raise InputError(f"{document.source}: fetched from the web, and kg keeps no copy; "
                         "build it again to read it")
    options = _read_options(store.state().get("read"))
    for found in read_documents(Path(location), options):
        if found.doc_id == document.doc_id:
            if parsed:
                return "\n\n".join(p.text for p in paragraphs(found.text, found.title)) + "\n"
            return found.text if found.text.endswith("\n") else found.text + "\n"
    raise InputError(f"{document.source}: the input has changed since it was built (it no "
                     f"longer holds document {document.doc_id}); build again to update it")


def _read_options(recorded: object) -> ReadOptions:
    """The read options a build recorded (text, title, date, URL and id fields, then the
    language when it was not English)."""
    fields = list(recorded) if isinstance(recorded, list) else []
    names = ("text_field", "title_field", "date_field", "url_field", "id_field")
    given = {name: str(value) for name, value in zip(names, fields, strict=False) if value}
    if len(fields) > len(names):
        given["language"] = str(fields[len(names)])
    return ReadOptions(**given)

