"""``kg timeline``: an entity's facts in time order, each with its date and its source.

A fact's date is the time its sentence gives (``kg:time``: "on Thursday" in an article of
23 February 2024 is 2024-02-22), else the day its article was published (``kg:reported``);
``dated_by`` says which. Every sentence that states a fact is one entry, so a fact reported
by three articles appears three times, each with its own date and source. Undated entries
come last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.dates import overlaps, period
from kg.evidence import find_entity, records
from kg.model import ASSERTED
from kg.ontology import ENT
from kg.output import entry_listing, to_csv, to_json
from kg.stores import GraphStore

FACT, REPORTED, UNDATED = "fact", "reported", ""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One sentence stating a fact of the entity, with when and where it was read."""

    date: str  # YYYY-MM-DD, YYYY-MM or YYYY; "" when unknown
    dated_by: str  # FACT (the sentence's time), REPORTED (the article's date) or UNDATED
    subject: str  # labels, or the literal for a literal object
    relation: str
    object: str
    modality: str  # "asserted", "planned", "possible", "proposed" or "denied"
    time_text: str  # the phrase the fact time was read from
    sentence: str
    source: str  # the document's path (or path#record)
    title: str
    url: str
    reported: str  # the article's date, YYYY-MM-DD or ""


@dataclass(frozen=True, slots=True)
class Timeline:
    key: str
    label: str
    entries: tuple[TimelineEntry, ...]


def _order(entry: TimelineEntry) -> tuple[bool, date, date, str, str, str]:
    first, last = period(entry.date) if entry.date else (date.max, date.max)
    return (not entry.date, first, last, entry.source, entry.relation, entry.object)


def timeline(store: GraphStore, name: str, since: date | None = None,
             until: date | None = None) -> Timeline:
    """The facts of the entity ``name`` (label, alias, key or IRI), as subject or object, in
    time order; with ``since`` or ``until``, only the dated ones that meet those bounds.
    Raises ``QueryError`` for an unknown or ambiguous name."""
    iri = find_entity(store, name)
    key = iri.removeprefix(ENT)
    label = key
    entries = set()
    for r in records(store, f"FILTER(?s = <{iri}> || ?o = <{iri}>)"):
        label = r.subject_label if r.subject == key else r.object_label
        sup = r.support
        if (since or until) and not (sup.when and overlaps(sup.when, since, until)):
            continue
        entries.add(TimelineEntry(
            date=sup.when, dated_by=FACT if sup.time else REPORTED if sup.reported else UNDATED,
            subject=r.subject_label, relation=r.relation, object=r.object_label,
            modality=sup.modality, time_text=sup.time_text, sentence=sup.sentence,
            source=sup.source, title=sup.title, url=sup.url, reported=sup.reported))
    return Timeline(key, label, tuple(sorted(entries, key=_order)))


def format_timeline(found: Timeline, fmt: str = "table") -> str:
    """``table`` for people; ``json`` and ``csv`` (one row per entry, every field)."""
    if fmt == "json":
        return to_json({"entity": found.key, "label": found.label, "entries": found.entries})
    if fmt == "csv":
        return to_csv(entry_listing(TimelineEntry, found.entries))
    n = len(found.entries)
    lines = [f"{found.label}  (ent:{found.key}): {n} "
             f"statement{'' if n == 1 else 's'} in time order"]
    shown: list[tuple[str, str]] = []  # (fact line, source line)
    repeats: list[int] = []
    for e in found.entries:
        when = e.date or "undated"
        mark = "" if e.dated_by != REPORTED else " (reported)"
        relation = e.relation if e.modality == ASSERTED else f"{e.relation} ({e.modality})"
        said = f'  "{e.time_text}"' if e.dated_by == FACT else ""
        source = f"{e.title}, {e.source}" if e.title else e.source
        pair = (f"{when + mark:<23} {e.subject} -{relation}-> {e.object}{said}",
                f"{'':<23} {source}{'  ' + e.url if e.url else ''}")
        if shown and shown[-1] == pair:  # the same fact, date and source: another sentence
            repeats[-1] += 1
            continue
        shown.append(pair)
        repeats.append(1)
    for (fact, source), n in zip(shown, repeats, strict=True):
        lines += [fact + (f"  [{n} sentences]" if n > 1 else ""), source]
    return "\n".join(lines)
