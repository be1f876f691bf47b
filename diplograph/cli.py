"""Command line: thin click wrappers that validate, then call importable functions.

Exit status: 0 when every input succeeded, 1 when some failed, 2 for usage errors. Errors
are one line on stderr, naming the input and the reason; no traceback reaches the user.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from diplograph import __version__


def _err(name: str, reason: str) -> None:
    click.echo(f"diplograph: {name}: {reason}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diplograph")
def cli() -> None:
    """diplograph: an evidence-linked knowledge base of international dialogue."""


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json",
              show_default=True,
              help="json: one record (JSON Lines when there are several); jsonl; table for people.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (input order is kept).")
def extract_cli(paths: Sequence[str], fmt: str, workers: int) -> None:
    """Extract one record per report from PATHS (.txt, .html files, directories, - for stdin).

    Example: diplograph extract report.txt --format table
    """
    import itertools

    from diplograph.ingest.sources import iter_inputs
    from diplograph.pipeline import run_inputs
    from diplograph.render import record_table

    results = run_inputs(iter_inputs(paths), workers=workers)
    head = list(itertools.islice(results, 2))
    pretty = fmt == "json" and len(head) == 1
    failed = 0
    for res in itertools.chain(head, results):
        if res.error or res.record is None:
            failed += 1
            _err(res.name, res.error or "no record")
            continue
        for warning in res.record.document.warnings:
            _err(res.name, f"warning: {warning}")
        rec = res.record.to_dict()
        if fmt == "table":
            click.echo(record_table(rec) + "\n")
        else:
            click.echo(json.dumps(rec, ensure_ascii=False, indent=2 if pretty else None))
    sys.exit(1 if failed else 0)


@cli.command("bench")
@click.option("--corpus", type=click.Path(dir_okay=False), default=None,
              help="JSON Lines with title and text (default ../shared/data/news-en/articles.jsonl).")
@click.option("--limit", type=click.IntRange(1), default=400, show_default=True,
              help="Documents to use.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Also compare N worker processes against one (1 skips it).")
@click.option("--kb/--no-kb", default=True, show_default=True,
              help="Also time ingest into the knowledge base against extraction alone.")
@click.option("--db", "db_urls", multiple=True,
              help="Database URL for the ingest timing (repeatable; default a temporary SQLite).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_cli(corpus: str | None, limit: int, workers: int, kb: bool, db_urls: tuple[str, ...],
              as_json: bool) -> None:
    """Measure extraction throughput against bare spaCy, worker scaling and memory.

    Example: diplograph bench --limit 400 --workers 2
    """
    from pathlib import Path

    from diplograph.bench import default_corpus, format_results, run_bench

    path = Path(corpus) if corpus else default_corpus()
    if not path.is_file():
        raise click.UsageError(f"corpus not found: {path} (pass --corpus)")
    results = run_bench(path, limit, workers)
    if not as_json:
        click.echo(format_results(results))
    if kb:
        from diplograph.bench import format_kb_results, run_kb_bench

        rows = run_kb_bench(path, limit, list(db_urls) or [None])
        results["ingest"] = rows
        if not as_json:
            click.echo(format_kb_results(rows))
    if as_json:
        click.echo(json.dumps(results, indent=2))


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _err("diplograph", "aborted")
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(0)


# Command modules register themselves on ``cli`` when imported; one module per area.
from diplograph import cli_eval, cli_kb  # noqa: E402,F401  (registration side effect)
