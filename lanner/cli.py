"""The command line: each command parses its options and calls one library function."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from typer.exceptions import TyperException

from lanner.errors import BadOption, LannerError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lanner: conflict reports to structured, sourced, geolocated event data.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: LANNER_DB or sqlite:///lanner.db)")
]


class AnalyzeFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class EventsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    geojson = "geojson"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    csv = "csv"
    json = "json"
    geojson = "geojson"


class NetworkFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    dot = "dot"


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise BadOption(f"{option} {value!r} is not an ISO date (YYYY-MM-DD)") from e


@app.command()
def analyze(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories, .jsonl/.csv, HTML, feeds, a URL, or -")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD; relative dates resolve to it")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (overrides the input's)")] = None,
    title: Annotated[str | None, typer.Option(help="Title (overrides the input's)")] = None,
    format: Annotated[
        AnalyzeFormat, typer.Option("--format", "-f", help="text report, one JSON object, or JSONL")
    ] = AnalyzeFormat.text,
) -> None:
    """Analyse reports and print events, actors, places, sources and framing."""
    from lanner.api import analyze_many
    from lanner.ingest import iter_inputs
    from lanner.model import RawDocument

    pub = _date(published, "--published")

    def prepared(raw: RawDocument) -> RawDocument:
        raw.published = pub or raw.published
        raw.outlet = outlet or raw.outlet
        raw.title = title or raw.title
        return raw

    if format is AnalyzeFormat.jsonl:
        _analyze_jsonl(iter_inputs(inputs), prepared)
        return
    good: list[RawDocument] = []
    for item in iter_inputs(inputs):
        if isinstance(item, LannerError):
            raise item
        good.append(prepared(item))
    if len(good) != 1:
        raise BadOption(
            f"{len(good)} documents given; --format {format.value} takes one (use --format jsonl)"
        )
    (doc,) = list(analyze_many(good))
    if format is AnalyzeFormat.text:
        from lanner.views.report import print_report

        print_report(doc, Console(highlight=False, width=160))
    else:
        sys.stdout.write(doc.model_dump_json(indent=2) + "\n")


def _analyze_jsonl(items, prepared) -> None:  # type: ignore[no-untyped-def]
    """One output line per input item, in order: the analysis, or at a refused item's place
    `{"error": {"code", "message"}, "line": N, "origin": ...}`, so output line N answers input item N
    (input line N of a JSONL file). Each refusal is also said once on stderr, and the exit code is 1."""
    from lanner.api import analyze_many

    failures = 0
    for n, item in enumerate(items, 1):
        if not isinstance(item, LannerError):
            try:
                (doc,) = list(analyze_many([prepared(item)]))
                sys.stdout.write(doc.model_dump_json() + "\n")
                sys.stdout.flush()
                continue
            except LannerError as e:
                item = e
        err.print(f"lanner: skipped: {item}")
        failures += 1
        error = {"code": item.code, "message": item.message}
        sys.stdout.write(json.dumps({"error": error, "line": n, "origin": item.origin}) + "\n")
        sys.stdout.flush()
    if failures:
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive), .jsonl, .csv, HTML, feeds, URLs")
    ],
    db: DbOpt = None,
    workers: Annotated[
        int,
        typer.Option(min=1, help="Analyse on a local Dask cluster of N processes (needs lanner[dask])"),
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Analyse on a Dask cluster: tcp://HOST:PORT of a running scheduler, or local:N to start "
            "N local worker processes (needs lanner[dask]); this process stays the one writer"
        ),
    ] = None,
) -> None:
    """Analyse and store documents; already-stored texts are skipped, bad ones reported and skipped."""
    from rich.progress import Progress

    from lanner.ingest import iter_inputs
    from lanner.store import Store
    from lanner.store.ingest import ingest as run_ingest

    store = Store(db)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        report = run_ingest(
            iter_inputs(inputs),
            store,
            on_progress=lambda r: progress.update(task, completed=r.stored + r.duplicates),
            on_error=lambda origin, msg: err.print(f"lanner: skipped: {msg}"),
            workers=workers,
            scheduler=scheduler,
        )
    err.print(
        f"stored {report.stored} documents ({report.events} events), {report.duplicates} already stored, "
        f"{len(report.errors)} skipped with errors"
    )
    if report.errors:
        raise typer.Exit(1)


def _events(db, actor, type, country, since, until) -> list[dict]:  # type: ignore[no-untyped-def]
    from lanner.store import Store
    from lanner.store.query import query_events

    return query_events(
        Store(db),
        actor=actor,
        type=type,
        country=country,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
    )


ActorOpt = Annotated[str | None, typer.Option(help="Actor name (substring) or KB id")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO2 country of the event's location")]
SinceOpt = Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD")]


@app.command()
def events(
    actor: ActorOpt = None,
    type: TypeOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.table,
    db: DbOpt = None,
) -> None:
    """List stored events, filtered."""
    from lanner.views import export

    rows = _events(db, actor, type, country, since, until)
    if format is EventsFormat.table:
        from rich.table import Table

        table = Table(title=f"{len(rows)} events")
        for col in (
            "date",
            "type",
            "ACLED sub-type",
            "actor1",
            "actor2",
            "location",
            "killed",
            "status",
            "outlet",
        ):
            table.add_column(col)
        for r in rows:
            table.add_row(
                str(r["date_start"] or "-"),
                r["type"],
                r["acled_sub_event_type"] or "-",
                r["actor1"] or "-",
                r["actor2"] or "-",
                r["location"] or "-",
                "-" if r["fatalities_min"] is None else str(r["fatalities_min"]),
                r["epistemic"],
                r["outlet"] or "-",
            )
        Console(width=160).print(table)
    elif format is EventsFormat.json:
        sys.stdout.write(export.to_json(rows) + "\n")
    elif format is EventsFormat.csv:
        sys.stdout.write(export.to_csv(rows))
    else:
        sys.stdout.write(export.to_geojson(rows) + "\n")


@app.command("export")
def export_cmd(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.acled_csv,
    actor: ActorOpt = None,
    type: TypeOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
) -> None:
    """Export stored events; acled-csv uses ACLED's column names and leaves out non-ACLED events."""
    from lanner.views import export

    rows = _events(db, actor, type, country, since, until)
    writers = {
        ExportFormat.acled_csv: export.to_acled_csv,
        ExportFormat.csv: export.to_csv,
        ExportFormat.json: export.to_json,
        ExportFormat.geojson: export.to_geojson,
    }
    sys.stdout.write(writers[format](rows))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analysis contract."""
    from lanner.model import AnalyzedDocument

    sys.stdout.write(json.dumps(AnalyzedDocument.model_json_schema(), indent=2) + "\n")


@app.command()
def network(
    actor: Annotated[str | None, typer.Option(help="Only this actor and its neighbours")] = None,
    since: SinceOpt = None,
    format: Annotated[NetworkFormat, typer.Option("--format", "-f")] = NetworkFormat.json,
    db: DbOpt = None,
) -> None:
    """The actor network from the store: KB ties and ties claimed in text, with claimants."""
    from lanner.store import Store
    from lanner.views.network import build_graph, render

    graph = build_graph(Store(db).iter_documents(), actor=actor, since=_date(since, "--since"))
    sys.stdout.write(render(graph, format.value) + "\n")


@app.command()
def outlets(db: DbOpt = None) -> None:
    """Compare outlets' framing side by side: loaded terms, attribution mix, hedges and certainty."""
    from lanner.store import Store
    from lanner.views.outlets import outlet_table, render_table

    Console(width=200).print(render_table(outlet_table(Store(db).iter_documents())))


class CorroborateFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def corroborate(
    min_sources: Annotated[int, typer.Option(help="Least independent sources per event")] = 2,
    format: Annotated[CorroborateFormat, typer.Option("--format", "-f")] = CorroborateFormat.table,
    explain: Annotated[
        str | None, typer.Option(help="Cluster id (or prefix): why its reports merged and near ones did not")
    ] = None,
    db: DbOpt = None,
) -> None:
    """The same event reported by several outlets, merged, with its independent source count."""
    from lanner.corroborate import cluster_events, render
    from lanner.store import Store

    if explain:
        from lanner.corroborate.explain import explain as why

        sys.stdout.write(why(Store(db).iter_documents(), explain) + "\n")
        return
    clusters = [c for c in cluster_events(Store(db).iter_documents()) if c.independent_sources >= min_sources]
    out = render(clusters, format.value)
    if isinstance(out, str):
        sys.stdout.write(out + "\n")
    else:
        Console(width=200).print(out)


class IncidentFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("incidents")
def incidents_cmd(
    type: TypeOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: Annotated[str | None, typer.Option(help="Place name (substring)")] = None,
    min_reports: Annotated[int, typer.Option(help="Least reports per incident")] = 2,
    format: Annotated[IncidentFormat, typer.Option("--format", "-f")] = IncidentFormat.text,
    db: DbOpt = None,
) -> None:
    """Incidents told by several reports: id, type, place, date, toll range, sources, status."""
    from lanner.corroborate.incidents import incident_view, incidents
    from lanner.store import Store

    found, docs = incidents(Store(db).iter_documents(), type=type, country=country, place=place,
                            since=_date(since, "--since"), until=_date(until, "--until"),
                            min_reports=min_reports)  # fmt: skip
    if format is IncidentFormat.json:
        views = [incident_view(c, docs) for c in found]
        sys.stdout.write(json.dumps(views, indent=2, default=str, ensure_ascii=False) + "\n")
        return
    for c in found:
        toll = "-" if c.fatalities.max is None else f"{c.fatalities.min}-{c.fatalities.max}"
        sys.stdout.write(
            f"{c.id}  {c.type:8s} {c.date_start or '?'}  {c.location.name or '?'}  toll {toll}  "
            f"{c.reports} reports / {c.independent_sources} sources  {c.agreement.epistemic}\n"
        )


@app.command("incident")
def incident_cmd(
    ident: Annotated[str, typer.Argument(metavar="ID", help="Incident id (or a unique prefix)")],
    format: Annotated[IncidentFormat, typer.Option("--format", "-f")] = IncidentFormat.text,
    db: DbOpt = None,
) -> None:
    """One incident: consensus coding, each outlet's version side by side, and the disagreements."""
    from lanner.corroborate.incidents import find, incident_view, incidents, render_text
    from lanner.store import Store

    found, docs = incidents(Store(db).iter_documents(), min_reports=1)
    view = incident_view(find(found, ident), docs)
    if format is IncidentFormat.json:
        sys.stdout.write(json.dumps(view, indent=2, default=str, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(view) + "\n")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8017,
    allow_host: Annotated[
        list[str] | None, typer.Option(help="Another Host name the desk may be reached by (repeatable)")
    ] = None,
) -> None:
    """Serve the analyst's desk: map, timeline, network, facets, annotated articles, and the JSON API."""
    from lanner.serve import serve as run
    from lanner.store import Store

    err.print(f"Lanner desk on http://{host}:{port}/ (API: /openapi.json; JSON twins: /events.json, ...)")
    run(Store(db), host=host, port=port, allowed_hosts=allow_host or [])


def main() -> None:
    """Entry point: every failure becomes one line on stderr and a non-zero exit code."""
    try:
        code = app(standalone_mode=False)
    except LannerError as e:
        err.print(f"lanner: error: {e}")
        sys.exit(e.exit_code)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        err.print("lanner: aborted")
        sys.exit(130)
    except TyperException as e:  # usage errors: unknown option, bad value, missing argument
        ctx = getattr(e, "ctx", None)
        name = ctx.command.name if ctx is not None and ctx.command is not None else None
        hint = f" (see 'lanner {name} --help')" if name and name != "main" else ""
        err.print(f"lanner: error: {e.format_message()}{hint}")
        sys.exit(getattr(e, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
