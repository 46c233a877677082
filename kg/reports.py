"""What ``kg stats``, ``kg show``, ``kg explain`` and ``kg validate`` print: text for people,
one JSON document or CSV with a header row for programs (see ``kg.output``).

The CSV of a report with sentences has one row per sentence, each carrying its fact, so a
spreadsheet can sort and filter them without joining two tables.
"""

from __future__ import annotations

from dataclasses import replace

from kg.evidence import EntityReport, Fact, Support
from kg.output import Listing, to_csv, to_json
from kg.queries import GraphStats
from kg.validate import ValidationReport

SUPPORT_COLUMNS = ("source", "start", "end", "rule", "confidence", "modality", "sentence",
                   "time", "time_text", "reported", "title", "url", "doc_id")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _support_cells(s: Support) -> tuple[str | int | float, ...]:
    return (s.source, s.start, s.end, s.rule, s.confidence, s.modality, s.sentence, s.time,
            s.time_text, s.reported, s.title, s.url, s.doc_id)


# --- kg stats -------------------------------------------------------------------------------

def format_stats(s: GraphStats, fmt: str = "table", top: int = 0) -> str:
    """Counts of ``kg stats``; csv rows are (group, name, value): the totals, then one row per
    class and per relation. The table lists the ``top`` relations (0: all) and says how many
    more there are: a news graph has hundreds of open ones; json and csv list every one."""
    if fmt == "json":
        return to_json({"documents": s.documents, "dated": s.dated,
                        "first_date": s.first_date, "last_date": s.last_date,
                        "triples": s.triples, "statements": s.statements,
                        "entities_by_class": dict(s.entities_by_class),
                        "statements_by_relation": dict(s.triples_by_relation)})
    if fmt == "csv":
        totals = [("total", name, value) for name, value in (
            ("documents", s.documents), ("dated", s.dated), ("first_date", s.first_date),
            ("last_date", s.last_date), ("triples", s.triples), ("statements", s.statements))]
        return to_csv(Listing(("group", "name", "value"), tuple(
            totals + [("class", name, n) for name, n in s.entities_by_class]
            + [("relation", name, n) for name, n in s.triples_by_relation])))
    lines = [f"documents   {s.documents}"]
    if s.documents:
        dated = f"dated       {s.dated} of {s.documents}"
        lines.append(f"{dated}, {s.first_date} to {s.last_date}" if s.dated else dated)
    lines += [f"triples     {s.triples}", f"statements  {s.statements}", "entities by class:"]
    lines += [f"  {n:6d}  {name}" for name, n in s.entities_by_class]
    shown = s.triples_by_relation[:top] if top > 0 else s.triples_by_relation
    lines.append("statements by relation:")
    lines += [f"  {n:6d}  {name}" for name, n in shown]
    more = s.triples_by_relation[len(shown):]
    if more:
        lines.append(f"  ... {len(more)} more relation{'s' * (len(more) != 1)} "
                     f"({sum(n for _, n in more)} statements; --top 0 lists all)")
    return "\n".join(lines)


# --- kg show --------------------------------------------------------------------------------

def limit_facts(report: EntityReport, limit: int) -> tuple[EntityReport, int]:
    """The report with at most ``limit`` facts (0: all) and how many were left out. Those
    kept are the best supported: read in the most sentences, then the most confident, its
    own before those about it; they stay in the report's order."""
    facts = [*report.outgoing, *report.incoming]
    if limit <= 0 or len(facts) <= limit:
        return report, 0
    ranked = sorted(range(len(facts)), key=lambda i: (-len(facts[i].support),
                                                      -facts[i].confidence, i))
    kept = set(ranked[:limit])
    own = len(report.outgoing)
    return replace(report, outgoing=tuple(f for i, f in enumerate(report.outgoing) if i in kept),
                   incoming=tuple(f for i, f in enumerate(report.incoming)
                                  if own + i in kept)), len(facts) - limit


def limit_documents(report: EntityReport, limit: int) -> tuple[EntityReport, int]:
    """The report with at most ``limit`` of the documents that name the entity (0: all),
    those that name it most, and how many were left out."""
    if limit <= 0 or len(report.documents) <= limit:
        return report, 0
    return replace(report, documents=report.documents[:limit]), len(report.documents) - limit


def _independence(fact: Fact) -> str:
    """", 2 stories, 3 outlets" for a fact stated in several documents (copies of one
    story count once; outlets where known), else ""."""
    if len({s.doc_id for s in fact.support}) < 2:
        return ""
    outlets = f", {_plural(fact.outlets, 'outlet')}" if fact.outlets else ""
    return f", {_plural(fact.stories, 'story').replace('storys', 'stories')}{outlets}"


def _fact_line(fact: Fact) -> str:
    shown = f'"{fact.object}"' if fact.literal else fact.object
    return (f"{fact.subject} -{fact.relation}-> {shown}  "
            f"[{fact.confidence}, {_plural(len(fact.support), 'sentence')}"
            f"{_independence(fact)}]")


def format_entity(report: EntityReport, fmt: str = "table", hidden: int = 0,
                  hidden_documents: int = 0) -> str:
    """``kg show``: ``hidden`` facts and ``hidden_documents`` documents that name the entity
    were left out by ``--limit``. The csv lists each such document as a row of direction
    ``mentioned-in`` (the document mentions the entity, ``mentions`` times)."""
    if fmt == "json":
        return to_json({"entity": report.key, "label": report.label, "type": report.type,
                        "aliases": report.aliases, "merges": report.merges,
                        "facts": report.outgoing, "facts_about_it": report.incoming,
                        "facts_not_listed": hidden, "documents": report.documents,
                        "documents_not_listed": hidden_documents,
                        "quotes_said": report.quotes_said,
                        "quotes_about": report.quotes_about})
    if fmt == "csv":
        rows: list[tuple[str | int | float | bool, ...]] = [
            (direction, f.subject, f.relation, f.object, f.literal, f.confidence,
             *_support_cells(s), "")
            for direction, facts in (("out", report.outgoing), ("in", report.incoming))
            for f in facts for s in f.support]
        rows += [("mentioned-in", d.title or d.source, "mentions", report.label, False, "",
                  d.source, "", "", "", "", "", "", "", "", d.date, d.title, d.url, d.doc_id,
                  d.mentions) for d in report.documents]
        return to_csv(Listing(("direction", "subject", "relation", "object", "literal",
                               "fact_confidence", *SUPPORT_COLUMNS, "mentions"), tuple(rows)))
    lines = [f"{report.label}  ({report.type}, ent:{report.key})"]
    if report.aliases:
        lines.append(f"also called: {', '.join(report.aliases)}")
    lines += [f"merged: {reason}" for reason in report.merges]
    if report.quotes_said or report.quotes_about:
        lines.append(f"quotes: said {report.quotes_said}, named in {report.quotes_about} "
                     f"(kg quotes ent:{report.key})")
    for title, facts in (("facts", report.outgoing), ("facts about it", report.incoming)):
        if facts:
            lines += ["", f"{title}:"]
        for fact in facts:
            lines.append(f"  {_fact_line(fact)}")
            for sup in fact.support:
                lines.append(f"      {sup.source}:{sup.start}-{sup.end}  {sup.sentence}")
                about = [f"when {sup.time} (\"{sup.time_text}\")" if sup.time else "",
                         f"reported {sup.reported}" if sup.reported else "",
                         f"\"{sup.title}\"" if sup.title else "", sup.url]
                if any(about):
                    lines.append(f"        {'  '.join(a for a in about if a)}")
                if sup.coreference:
                    lines.append(f"        read as: {sup.coreference}")
    if hidden:
        lines += ["", f"{_plural(hidden, 'more fact')} not listed; --limit 0 lists all"]
    shown = len(report.documents) + hidden_documents
    if shown:
        lines += ["", f"mentioned in {_plural(shown, 'document')}:"]
    for d in report.documents:
        about = [d.date[:10], f"\"{d.title}\"" if d.title else "", d.source]
        lines.append(f"  {_plural(d.mentions, 'mention'):>11}  "
                     f"{'  '.join(a for a in about if a)}")
    if hidden_documents:
        lines.append(f"  {_plural(hidden_documents, 'more document')} not listed; "
                     "--limit 0 lists all")
    return "\n".join(lines)


# --- kg explain -----------------------------------------------------------------------------

def format_fact(fact: Fact, fmt: str = "table") -> str:
    """``kg explain``: one fact and every sentence that supports it."""
    if fmt == "json":
        return to_json(fact)
    if fmt == "csv":
        return to_csv(Listing(("subject", "relation", "object", "literal", "fact_confidence",
                               *SUPPORT_COLUMNS),
                              tuple((fact.subject, fact.relation, fact.object, fact.literal,
                                     fact.confidence, *_support_cells(s))
                                    for s in fact.support)))
    shown = f'"{fact.object}"' if fact.literal else fact.object
    lines = [f"{fact.subject} -{fact.relation}-> {shown}",
             f"confidence {fact.confidence} from {_plural(len(fact.support), 'sentence')}"
             f"{_independence(fact)}"]
    for sup in fact.support:
        lines += ["", f"  {sup.source}  chars {sup.start}-{sup.end}  rule {sup.rule}  "
                      f"confidence {sup.confidence}", f"  {sup.sentence}"]
        if sup.coreference:
            lines.append(f"  read as: {sup.coreference}")
    return "\n".join(lines)


# --- kg validate ----------------------------------------------------------------------------

def format_validation(report: ValidationReport, fmt: str = "table") -> str:
    """``kg validate``: whether the graph conforms, and every violation."""
    if fmt == "json":
        return to_json(report)
    if fmt == "csv":
        return to_csv(Listing(("severity", "focus", "path", "value", "message"), tuple(
            (v.severity, v.focus, v.path, v.value, v.message) for v in report.violations)))
    counted = f"{report.checked} triples"
    if report.stored != report.checked:  # a build counts a fact once per graph it is in
        counted += f" ({report.stored} in all graphs, as kg build counts them)"
    if report.conforms:
        return f"valid: {counted} conform to the shapes"
    lines = [f"{_plural(len(report.violations), 'violation')} in {counted}:"]
    for v in report.violations:
        where = f" {v.path}" if v.path else ""
        value = f" = {v.value}" if v.value else ""
        lines.append(f"  {v.severity}: {v.focus}{where}{value}: {v.message}")
    return "\n".join(lines)
