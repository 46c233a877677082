"""The commands that write the graph in other forms: ``kg export`` (a format, whole or
filtered) and ``kg view`` (the HTML page)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.common import filter_options, guarded, store_display, store_option, usage_error

if TYPE_CHECKING:
    from kg.graphview import GraphFilter

BINARY_FORMATS = ("png",)  # exports kg will not write to a terminal


@click.command()
@store_option
@click.option("--format", "fmt", default="turtle", show_default=True,
              help="turtle, trig, ntriples, nquads, jsonld, graphml, gexf, csv, png or "
                   "geojson (case does not matter).")
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
      kg export --format geojson -o places.geojson  # linked places, for a map
    """
    from kg.export import DYNAMIC_EXPORTERS, EXPORTERS
    from kg.export import export as run_export
    from kg.filters import check_filter
    from kg.stores import open as open_store

    fmt = fmt.lower()
    if fmt not in EXPORTERS:
        usage_error(f"unknown export format '{fmt}'; choose one of: {', '.join(sorted(EXPORTERS))}")
    if dynamic and fmt not in DYNAMIC_EXPORTERS:
        usage_error(f"--dynamic is for {', '.join(sorted(DYNAMIC_EXPORTERS))}, not {fmt}")
    if output is None and fmt in BINARY_FORMATS and sys.stdout.isatty():
        usage_error(f"{fmt} is binary and stdout is a terminal; give -o FILE (or redirect: "
                    f"> x.{fmt})")
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


@click.command()
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
