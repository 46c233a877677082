"""``kg quotes``: who said what about an entity, and what it said.

Reads the ``kg:Quote`` records of the store (``kg.stores.quads``): the quotes the entity is
the speaker of ("said"), then those whose words name it ("about"), each with its speaker, its
words, whether they were quoted, the verb that gives them, the entities they name, the
sentence, the document and the day it was reported. A quote whose speaker kg could not tell
is listed about the entities it names, with no speaker. A quote's offsets are in its IRI
(``kg.stores.quads.quote_iri``), its day is its document's (``kg:publishedDay``), and reported
speech has no ``kg:direct``: the store keeps each once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.evidence import entity_label, find_entity, query_rows
from kg.ontology import DCTERMS, DOC, ENT, KG, NIF, PROV, RDFS
from kg.output import cut, entry_listing, to_csv, to_json
from kg.stores import GraphStore

SAID, ABOUT = "said", "about"
TEXT_WIDTH = 300  # characters of a quote's words a table shows (json and csv: all)


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    """One quote of or about the entity."""

    role: str  # SAID (the entity spoke) or ABOUT (the words name it)
    speaker: str  # the speaker's label, "" when kg could not tell who spoke
    speaker_key: str
    text: str
    direct: bool  # in quotation marks, or reported
    cue: str  # "say", "add", "according to"
    mentions: str  # labels of the entities the words name, "; " between them
    sentence: str
    source: str  # the document's path (or path#record)
    title: str
    reported: str  # the article's date, YYYY-MM-DD or ""
    coreference: str  # whom the speaker's pronoun or description was taken for
    doc_id: str
    start: int  # the words' offsets in the document
    end: int


@dataclass(frozen=True, slots=True)
class Quotes:
    key: str
    label: str
    entries: tuple[QuoteEntry, ...]


def _value(term: Any) -> str:
    return "" if term is None else str(term.value)


def quotes(store: GraphStore, name: str) -> Quotes:
    """The quotes of the entity ``name`` (label, alias, key or IRI) and about it, in the
    order of their documents and offsets. Raises ``QueryError`` for an unknown or ambiguous
    name."""
    iri = find_entity(store, name)
    key, label = iri.removeprefix(ENT), entity_label(store, iri)
    rows = query_rows(store, f"""
        SELECT ?q ?role ?speaker ?sl ?text ?direct ?cue ?sentence ?g ?source
               ?title ?reported ?coref ?m ?ml WHERE {{
          {{ ?q <{KG}speaker> <{iri}> BIND("{SAID}" AS ?role) }}
          UNION {{ ?q <{KG}quoteMentions> <{iri}> BIND("{ABOUT}" AS ?role) }}
          GRAPH ?g {{
            ?q <{KG}quotedText> ?text ; <{KG}cue> ?cue ; <{PROV}wasDerivedFrom> ?span .
            ?span <{NIF}anchorOf> ?sentence .
            ?g <{KG}source> ?source .
            OPTIONAL {{ ?q <{KG}direct> ?direct }}
            OPTIONAL {{ ?g <{DCTERMS}title> ?title }}
            OPTIONAL {{ ?g <{KG}publishedDay> ?reported }}
            OPTIONAL {{ ?q <{KG}coreference> ?coref }}
          }}
          OPTIONAL {{ ?q <{KG}speaker> ?speaker OPTIONAL {{ ?speaker <{RDFS}label> ?sl }} }}
          OPTIONAL {{ ?q <{KG}quoteMentions> ?m . ?m <{RDFS}label> ?ml }}
        }}""")
    by_quote: dict[tuple[str, str], dict[str, Any]] = {}
    named: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        ident = (_value(r["q"]), _value(r["role"]))
        by_quote.setdefault(ident, r)
        named.setdefault(ident, set())
        if r["ml"] is not None:
            named[ident].add(_value(r["ml"]))
    entries = []
    for ident, r in by_quote.items():
        if ident[1] == ABOUT and (ident[0], SAID) in by_quote:
            continue  # what it said of itself is listed once, as said
        speaker = _value(r["speaker"]).removeprefix(ENT)
        start, end = offsets(ident[0])
        entries.append(QuoteEntry(
            ident[1], _value(r["sl"]) or speaker, speaker, _value(r["text"]),
            _value(r["direct"]) == "true", _value(r["cue"]), "; ".join(sorted(named[ident])),
            _value(r["sentence"]), _value(r["source"]), _value(r["title"]),
            _value(r["reported"]), _value(r["coref"]), _value(r["g"]).removeprefix(DOC),
            start, end))
    entries.sort(key=lambda e: (e.role != SAID, e.reported == "", e.reported, e.source,
                                e.start))
    return Quotes(key, label, tuple(entries))


def offsets(quote: str) -> tuple[int, int]:
    """The offsets of a quote's words in its document, from its IRI ("...#quote=12,40")."""
    start, _, end = quote.rpartition("#quote=")[2].partition(",")
    return int(start), int(end)


def format_quotes(found: Quotes, fmt: str = "table") -> str:
    """``table`` for people; ``json`` and ``csv`` (one row per quote, every field)."""
    if fmt == "json":
        return to_json({"entity": found.key, "label": found.label, "quotes": found.entries})
    if fmt == "csv":
        return to_csv(entry_listing(QuoteEntry, found.entries))
    said = [e for e in found.entries if e.role == SAID]
    about = [e for e in found.entries if e.role == ABOUT]
    lines = [f"{found.label}  (ent:{found.key}): said {_count(len(said))}, "
             f"named in {_count(len(about))}"]
    for title, entries in ((f"{found.label} said", said), (f"said about {found.label}", about)):
        if entries:
            lines += ["", f"{title}:"]
        for e in entries:
            words = cut(e.text, TEXT_WIDTH)
            shown = f"\u201c{words}\u201d" if e.direct else words
            who = e.speaker or "(speaker not told)"
            lines.append(f"  {who} ({e.cue}): {shown}")
            about = [e.reported, f"\"{e.title}\"" if e.title else "", e.source]
            lines.append(f"      {'  '.join(a for a in about if a)}")
            if e.coreference:
                lines.append(f"      read as: {e.coreference}")
    return "\n".join(lines)


def _count(n: int) -> str:
    return f"{n} quote{'' if n == 1 else 's'}"


MAX_SPOKEN = 5  # quotes of one speaker the viewer's side panel shows


def spoken(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """Every speaker's quotes (by entity key), at most ``MAX_SPOKEN`` each, the latest
    reported first: what ``kg view`` shows beside an entity's facts."""
    found: dict[str, list[dict[str, Any]]] = {}
    for r in query_rows(store, f"""
        SELECT ?q ?speaker ?text ?direct ?cue ?sentence ?source ?title ?reported WHERE {{
          GRAPH ?g {{
            ?q <{KG}speaker> ?speaker ; <{KG}quotedText> ?text ; <{KG}cue> ?cue ;
               <{PROV}wasDerivedFrom> ?span .
            ?span <{NIF}anchorOf> ?sentence .
            ?g <{KG}source> ?source .
            OPTIONAL {{ ?q <{KG}direct> ?direct }}
            OPTIONAL {{ ?g <{DCTERMS}title> ?title }}
            OPTIONAL {{ ?g <{KG}publishedDay> ?reported }}
          }}
        }}"""):
        found.setdefault(_value(r["speaker"]).removeprefix(ENT), []).append({
            "text": _value(r["text"]), "direct": _value(r["direct"]) == "true",
            "cue": _value(r["cue"]), "sentence": _value(r["sentence"]),
            "source": _value(r["source"]), "title": _value(r["title"]),
            "reported": _value(r["reported"]), "start": offsets(_value(r["q"]))[0]})
    for key, quoted in found.items():
        # the latest reported first (undated last), then in document order
        quoted.sort(key=lambda q: (q["source"], q["start"]))
        quoted.sort(key=lambda q: q["reported"], reverse=True)
        found[key] = quoted[:MAX_SPOKEN]
    return found
