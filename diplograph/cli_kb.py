"""Knowledge-base commands registered on the ``diplograph`` group (see ``diplograph.cli``).

Every command takes ``--db URL`` (default: env DIPLOGRAPH_DB, else sqlite:///diplograph.db)
and prints tables for people or, with ``--json``, the stable shapes of ``diplograph.kb.query``.
Errors are one line (``diplograph: DB: [E302] ...``), never a traceback.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from diplograph.cli import cli
from diplograph.errors import DiplographError

F = TypeVar("F", bound=Callable[..., Any])


def _db_option(f: F) -> F:
    return click.option("--db", "db_url", default=None, metavar="URL",
                        help="SQLAlchemy URL (default: $DIPLOGRAPH_DB, else "
                             "sqlite:///diplograph.db).")(f)


def _json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON for scripts.")(f)


def _open(db_url: str | None) -> Any:
    from diplograph.kb.db import default_url, open_db

    try:
        return open_db(db_url)
    except DiplographError as err:
        _fail(db_url or default_url(), err)


def _fail(name: str, err: DiplographError) -> None:
    click.echo(f"diplograph: {name}: {err}", err=True)
    sys.exit(1)


def _run(db_url: str | None, fn: Callable[[Any], Any]) -> Any:
    from diplograph.kb.db import default_url

    db = _open(db_url)
    try:
        return fn(db)
    except DiplographError as err:
        _fail(db_url or default_url(), err)
    finally:
        db.close()


def _emit(data: Any, as_json: bool, table: Callable[[Any], str]) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(table(data))


# -- tables for people ------------------------------------------------------------------

def _grid(headers: Sequence[str], rows: list[Sequence[Any]], width: int = 48) -> str:
    def cell(v: Any) -> str:
        s = "" if v is None else str(v)
        return s if len(s) <= width else s[: width - 1] + "…"

    cells = [[cell(v) for v in r] for r in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(out) if rows else line + "\n(none)"


def _date(ev: dict[str, Any]) -> str:
    d = ev.get("date") or {}
    if not d.get("start"):
        return "?"
    return d["start"] + (f"..{d['end']}" if d.get("end") and d["end"] != d["start"] else "")


def _place(ev: dict[str, Any]) -> str:
    loc = ev.get("location") or {}
    return ", ".join(x for x in (loc.get("name"), loc.get("country")) if x)


def _heads(ev: dict[str, Any]) -> str:
    return "; ".join(f"{d['party']}: {d['head']}" for d in ev.get("delegations") or []
                     if d.get("head"))


def _timeline_table(events: list[dict[str, Any]]) -> str:
    rows = [(e["id"], _date(e), e.get("type"), e.get("name"),
             e.get("ordinal") or "", e.get("status"), _place(e),
             ", ".join(e.get("participants") or []), _heads(e), len(e["sources"]),
             "!" if e.get("disagreements") else "") for e in events]
    return _grid(["id", "date", "type", "name", "round", "status", "place", "participants",
                  "heads", "reports", "disagree"], rows)


def _event_text(ev: dict[str, Any] | None) -> str:
    if ev is None:
        return "(no such event)"
    lines = [f"{ev['id']}  {ev['name']}",
             f"  type {ev['type']}, {ev['status']}; series {ev.get('series') or '-'}"
             f"{' (' + ev['acronym'] + ')' if ev.get('acronym') else ''}; "
             f"round {ev.get('ordinal') or '-'}",
             f"  date {_date(ev)}; place {_place(ev) or '?'}",
             f"  participants {', '.join(ev['participants']) or '-'}"]
    for d in ev["delegations"]:
        lines.append(f"  delegation {d['party']}: {d.get('head') or '(unnamed)'}"
                     f"{', ' + d['title'] if d.get('title') else ''}")
    if ev.get("topics"):
        lines.append(f"  topics {', '.join(ev['topics'])}")
    for src in ev["sources"]:
        lines.append(f"  source {src['document']} {src.get('source') or ''} "
                     f"{src.get('published') or ''} {src.get('title') or src.get('url') or ''}"
                     f" [{'; '.join(src.get('reasons') or [])}]")
    for dis in ev["disagreements"]:
        vals = "; ".join(f"{v['value']!r} ({', '.join(v['sources'])})" for v in dis["values"])
        lines.append(f"  disagreement on {dis['field']}: {vals}")
    if ev.get("plan"):
        lines.append(f"  became {ev['plan']['held']}: {'; '.join(ev['plan']['reasons'])}")
    for a in ev.get("announced_as") or []:
        lines.append(f"  announced as {a['planned']}: {'; '.join(a['reasons'])}")
    for st in ev.get("statements") or []:
        lines.append(f"  {st['speaker']} ({st['kind']}): {st['text']}")
    return "\n".join(lines)


def _entity_text(ents: list[dict[str, Any]]) -> str:
    if not ents:
        return "(no such entity)"
    out = []
    for e in ents:
        out.append(f"{e['id']}  {e['name']} ({e['type']}"
                   f"{', ' + e['code'] if e.get('code') else ''}); {e['documents']} reports")
        if e["aliases"]:
            out.append(f"  also {', '.join(e['aliases'])}")
        for t in e["titles"]:
            out.append(f"  {t['date'] or '?'}  {t['title']}"
                       f"{', ' + t['organization'] if t.get('organization') else ''}")
        for ev in e["events"]:
            out.append(f"  event {ev['id']} {ev['date'] or '?'} {ev['name']} ({ev['role']})")
        for st in e["statements"]:
            out.append(f"  {st.get('cue') or 'said'} ({st['kind']}): {st['text']}")
    return "\n".join(out)


def _series_table(series: list[dict[str, Any]]) -> str:
    out = []
    for s in series:
        out.append(f"{s['name'] or s['acronym']}"
                   f"{' (' + s['acronym'] + ')' if s.get('acronym') else ''}: "
                   f"{len(s['rounds'])} rounds"
                   + (f"; missing rounds {', '.join(map(str, s['gaps']))}" if s["gaps"] else ""))
        for r in s["rounds"]:
            out.append(f"  {r.get('ordinal') or '?':>3}  {_date(r):<12} {_place(r):<24} "
                       f"{r['id']} ({len(r['sources'])} reports)")
    return "\n".join(out) or "(no series)"


def _stats_table(st: dict[str, int]) -> str:
    return "\n".join(f"{k:<11} {v}" for k, v in st.items())


def _figures_table(figs: list[dict[str, Any]]) -> str:
    rows = [(f["value"], f["unit"], f["measure"], f.get("change") or "",
             ", ".join(f["parties"]), (f.get("period") or {}).get("text") or "",
             len(f["sources"]), "!" if f["disagreements"] else "") for f in figs]
    return _grid(["value", "unit", "measure", "change", "parties", "period", "reports",
                  "disagree"], rows)


def _statements_table(sts: list[dict[str, Any]]) -> str:
    rows = [(s["speaker"], s["kind"], s.get("cue") or "", s["text"], len(s["documents"]))
            for s in sts]
    return _grid(["speaker", "kind", "cue", "text", "reports"], rows, width=80)


def _search_table(hits: list[dict[str, Any]]) -> str:
    rows = [(h["document"], h.get("published") or "", h.get("title") or "", h["snippet"])
            for h in hits]
    return _grid(["document", "published", "title", "snippet"], rows, width=70)


def _plans_table(plans: list[dict[str, Any]]) -> str:
    rows = [(p["planned"]["id"], p["planned"]["name"], _date(p["planned"]), p["outcome"],
             p["held"]["id"] if p["held"] else "", _date(p["held"]) if p["held"] else "",
             next((r for r in p["reasons"] if r.startswith("planned for")), ""))
            for p in plans]
    return _grid(["id", "announced", "for", "outcome", "held as", "held", "slip"], rows)


# -- commands ---------------------------------------------------------------------------

@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@_db_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extractor worker processes.")
@_json_option
def ingest_cli(inputs: Sequence[str], db_url: str | None, workers: int, as_json: bool) -> None:
    """Store reports from files, directories, URLs, RSS/Atom feeds and WARC files.

    Example: diplograph ingest examples/ https://example.org/feed.rss crawl.warc.gz
    """
    from diplograph.kb.ingest import ingest

    summary = _run(db_url, lambda db: ingest(inputs, db, workers=workers,
                                             progress=sys.stderr, errors=sys.stderr))
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in summary.lines():
            click.echo(line, err=True)
    sys.exit(1 if summary.failed else 0)


@cli.command("reprocess")
@_db_option
@_json_option
def reprocess_cli(db_url: str | None, as_json: bool) -> None:
    """Re-extract every stored report with this version's extractor (derived rows replaced).

    Example: diplograph reprocess --db sqlite:///kb.db
    """
    from diplograph.kb.ingest import reprocess

    summary = _run(db_url, lambda db: reprocess(db, progress=sys.stderr))
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(f"reprocessed {summary.new} documents, {summary.failed} failed "
                   f"in {summary.seconds:.1f} s", err=True)
        for name, reason in summary.failures:
            click.echo(f"diplograph: {name}: {reason}", err=True)
    sys.exit(1 if summary.failed else 0)


@cli.command("stats")
@_db_option
@_json_option
def stats_cli(db_url: str | None, as_json: bool) -> None:
    """Counts of stored documents and resolved events, entities, statements, figures.

    Example: diplograph stats --json
    """
    from diplograph.kb.query import stats

    _emit(_run(db_url, stats), as_json, _stats_table)


def _query_options(f: F) -> F:
    for opt in reversed([
        click.option("--series", default=None, help="Only this series (name or acronym)."),
        click.option("--country", default=None, metavar="CODE",
                     help="Only events with this party (ISO code or EU)."),
        click.option("--since", default=None, metavar="DATE", help="From this ISO date."),
        click.option("--until", default=None, metavar="DATE", help="Up to this ISO date."),
    ]):
        f = opt(f)
    return f


@cli.command("timeline")
@_query_options
@_db_option
@_json_option
def timeline_cli(series: str | None, country: str | None, since: str | None,
                 until: str | None, db_url: str | None, as_json: bool) -> None:
    """Resolved events in date order with place, round, participants, heads, reports.

    Example: diplograph timeline --series HLPSD --since 2020
    """
    from diplograph.kb.query import timeline

    _emit(_run(db_url, lambda db: timeline(db, series, country, since, until)), as_json,
          _timeline_table)


@cli.command("event")
@click.argument("ident")
@_db_option
@_json_option
def event_cli(ident: str, db_url: str | None, as_json: bool) -> None:
    """One resolved event: consensus values, every source with match reasons, disagreements.

    Example: diplograph event ev3
    """
    from diplograph.kb.query import event

    ev = _run(db_url, lambda db: event(db, ident))
    _emit(ev, as_json, _event_text)
    if ev is None:
        sys.exit(1)


@cli.command("entity")
@click.argument("name")
@_db_option
@_json_option
def entity_cli(name: str, db_url: str | None, as_json: bool) -> None:
    """A person, country or organization: titles over time, events attended, statements.

    Example: diplograph entity "Kaja Kallas"
    """
    from diplograph.kb.query import entity

    ents = _run(db_url, lambda db: entity(db, name))
    _emit(ents, as_json, _entity_text)
    if not ents:
        sys.exit(1)


@cli.command("series")
@_db_option
@_json_option
def series_cli(db_url: str | None, as_json: bool) -> None:
    """Recurring formats with their rounds in order; gaps in the numbering flagged.

    Example: diplograph series --json
    """
    from diplograph.kb.query import series

    _emit(_run(db_url, series), as_json, _series_table)


@cli.command("figures")
@click.option("--measure", default=None, help="trade, investment, assistance, ...")
@click.option("--party", default=None, help="Only figures about this party (code or name).")
@_db_option
@_json_option
def figures_cli(measure: str | None, party: str | None, db_url: str | None,
                as_json: bool) -> None:
    """Figures merged across reports, with differing values kept as disagreements.

    Example: diplograph figures --measure trade --party KZ
    """
    from diplograph.kb.query import figures

    _emit(_run(db_url, lambda db: figures(db, measure, party)), as_json, _figures_table)


@cli.command("statements")
@click.option("--speaker", default=None, help="Only what this person said.")
@_db_option
@_json_option
def statements_cli(speaker: str | None, db_url: str | None, as_json: bool) -> None:
    """What was said, by whom, in which reports.

    Example: diplograph statements --speaker Vassilenko
    """
    from diplograph.kb.query import statements

    _emit(_run(db_url, lambda db: statements(db, speaker)), as_json, _statements_table)


@cli.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True,
              help="Most reports to list.")
@_db_option
@_json_option
def search_cli(query: str, limit: int, db_url: str | None, as_json: bool) -> None:
    """Full-text search over the stored reports.

    Example: diplograph search "water security"
    """
    from diplograph.kb.query import search

    _emit(_run(db_url, lambda db: search(db, query, limit)), as_json, _search_table)


@cli.command("plans")
@_db_option
@_json_option
def plans_cli(db_url: str | None, as_json: bool) -> None:
    """Announced events and what became of them ("planned for 2024, held 2025-04-04").

    Example: diplograph plans
    """
    from diplograph.kb.query import plans

    _emit(_run(db_url, plans), as_json, _plans_table)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "graphml"]),
              required=True, help="jsonl: events as records; csv: one row per event; "
              "graphml: events, series, parties and delegation heads as a graph for Gephi.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
@_query_options
@_db_option
def export_cli(fmt: str, output: str, series: str | None, country: str | None,
               since: str | None, until: str | None, db_url: str | None) -> None:
    """Export the resolved events (the whole base or a query) for pandas, spreadsheets, Gephi.

    Example: diplograph export --format graphml --series HLPSD -o hlpsd.graphml
    """
    from diplograph.kb.export import export

    def run(db: Any) -> None:
        with click.open_file(output, "w", encoding="utf-8") as fh:
            export(db, fmt, fh, series=series, country=country, since=since, until=until)

    _run(db_url, run)
