"""Commands registered on the ``diplograph`` group (see ``diplograph.cli``)."""
from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from diplograph.cli import cli


@cli.command("evaluate")
@click.argument("golds", nargs=-1, required=True)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Resolve each gold's \"input\" under DIR (default: the gold file's folder "
                   "or the nearest parent where the input exists).")
@click.option("--pred", "preds", multiple=True,
              help="Score this saved record instead of extracting; give one per GOLD, in order.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--details", is_flag=True, help="Also list what was missed, extra or wrong.")
def evaluate_cli(golds: Sequence[str], root: Path | None, preds: Sequence[str],
                 as_json: bool, details: bool) -> None:
    """Score the extractor against gold records GOLDS (files or folders of *.json).

    Prints one row per gold with each section's score and the overall score, then the
    mean row; "-" marks a section with nothing to score. Exit status 1 when a gold could not
    be evaluated.

    Example: diplograph evaluate ../shared/gold tests/gold --details
    """
    from diplograph.evaluate.runner import (evaluate, evaluate_predictions, expand_golds,
                                            format_table, summarise)

    if preds:
        paths = expand_golds(golds)
        if len(paths) != len(preds):
            raise click.UsageError(f"--pred given {len(preds)} times for {len(paths)} gold files")
        results = evaluate_predictions(zip(paths, preds), root)
    else:
        results = evaluate(golds, root)
    for ev in results:
        if ev.error:
            click.echo(f"diplograph: {ev.gold}: {ev.error}", err=True)
    if as_json:
        click.echo(json.dumps({"golds": [ev.to_dict(details) for ev in results],
                               "mean": summarise(results)}, indent=2))
    else:
        click.echo(format_table(results, details))
    sys.exit(1 if any(ev.error for ev in results) else 0)
