"""Evaluate the extractor on gold records: find each gold's input, extract all inputs in one
stream through one ``Extractor``, score each record, summarise.

A gold that cannot be evaluated (bad gold file, input not found, input unreadable) becomes
an ``Evaluation`` with an ``error`` line; the others go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.errors import DiplographError, Errors
from diplograph.evaluate.gold import Gold, load_gold
from diplograph.evaluate.scoring import SECTIONS, Score, score_record

if TYPE_CHECKING:
    from diplograph.pipeline import Extractor


@dataclass(slots=True)
class Evaluation:
    gold: Path
    input: Path | None = None
    score: Score | None = None
    error: str | None = None

    @property
    def name(self) -> str:
        return self.gold.stem

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": str(self.gold),
                               "input": str(self.input) if self.input else None}
        if self.error:
            out["error"] = self.error
        if self.score:
            out["sections"] = {k: v for k, v in self.score.sections.items()
                               if k in self.score.counted}
            out["overall"] = self.score.overall
            if details:
                out["details"] = self.score.to_dict()
        return out


def expand_golds(paths: Iterable[str | Path]) -> list[Path]:
    """Gold files named, with directories replaced by the ``*.json`` files inside them."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    return out


def resolve_input(gold: Gold, root: Path | None = None) -> Path:
    """The gold's ``input`` path: under ``root`` when given, else relative to the gold file's
    folder or the nearest of its parents where it exists."""
    rel = Path(gold.input)
    if rel.is_absolute():
        candidates = [rel]
    elif root is not None:
        candidates = [root / rel]
    else:
        folder = gold.path.resolve().parent
        candidates = [base / rel for base in (folder, *folder.parents)]
    for c in candidates:
        if c.is_file():
            return c
    where = root if root is not None else gold.path.parent
    raise DiplographError("E107", f"{Errors.E107}: input {gold.input!r} "
                          f"(looked under {where} and its parents; pass --root DIR)")


def _prepared(paths: Sequence[Path], root: Path | None) -> list[tuple[Evaluation, Gold | None]]:
    out: list[tuple[Evaluation, Gold | None]] = []
    for path in paths:
        ev = Evaluation(path)
        try:
            gold = load_gold(path)
            ev.input = resolve_input(gold, root)
        except DiplographError as err:
            ev.error = str(err)
            out.append((ev, None))
            continue
        out.append((ev, gold))
    return out


def _input_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def evaluate(paths: Iterable[str | Path], root: Path | None = None,
             extractor: "Extractor | None" = None) -> list[Evaluation]:
    """Extract each gold's input (one stream, one extractor) and score it."""
    from diplograph.ingest.sources import iter_inputs

    todo = _prepared(expand_golds(paths), root)
    runnable = [(ev, g) for ev, g in todo if g is not None]
    if runnable:
        if extractor is None:
            from diplograph.pipeline import Extractor

            extractor = Extractor()
        inputs = iter_inputs([str(ev.input) for ev, _ in runnable])
        for (ev, gold), result in zip(runnable, extractor.run(inputs)):
            if result.error or result.record is None:
                ev.error = f"input {ev.input}: {result.error}"
                continue
            assert ev.input is not None
            ev.score = score_record(gold.record, result.record.to_dict(), _input_text(ev.input))
    return [ev for ev, _ in todo]


def evaluate_predictions(pairs: Iterable[tuple[str | Path, str | Path]],
                         root: Path | None = None) -> list[Evaluation]:
    """Score saved predictions (``diplograph extract --format json`` output) against golds."""
    out: list[Evaluation] = []
    for gold_path, pred_path in pairs:
        [(ev, gold)] = _prepared([Path(gold_path)], root)
        if gold is not None:
            try:
                pred = json.loads(Path(pred_path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
                ev.error = f"prediction {pred_path}: {Errors.E104.format(detail=err)}"
            else:
                pred = pred[0] if isinstance(pred, list) and pred else pred
                if not isinstance(pred, dict):
                    ev.error = f"prediction {pred_path}: not a record"
                else:
                    assert ev.input is not None
                    ev.score = score_record(gold.record, pred, _input_text(ev.input))
        out.append(ev)
    return out


def summarise(evaluations: Sequence[Evaluation]) -> dict[str, float]:
    """Mean of each section over the reports where it counts, and mean overall."""
    scores = [ev.score for ev in evaluations if ev.score]
    out: dict[str, float] = {}
    for key in SECTIONS:
        vals = [s.sections[key] for s in scores if key in s.counted]
        if vals:
            out[key] = sum(vals) / len(vals)
    if scores:
        out["overall"] = sum(s.overall for s in scores) / len(scores)
    return out


_HEADS = {"document": "doc", "entities": "ent", "events": "evt", "event_attrs": "evt.a",
          "statements": "stmt", "figures": "fig", "figure_attrs": "fig.a", "topics": "top",
          "overall": "overall"}


def _row(name: str, values: dict[str, float], width: int) -> str:
    cells = [f"{values[k]:.3f}" if k in values else "-" for k in _HEADS]
    return f"{name:<{width}} " + " ".join(f"{c:>{max(5, len(h))}}"
                                          for c, h in zip(cells, _HEADS.values()))


def _details(score: Score) -> list[str]:
    lines = []
    for label, items in (("document wrong", score.document.wrong),
                         ("entities missed", score.entities.missed),
                         ("entities extra", score.entities.extra),
                         ("events missed", score.events.missed),
                         ("event attrs wrong", score.events.wrong_attrs),
                         ("statements missed", score.statements.missed),
                         ("figures missed", score.figures.missed)):
        if items:
            lines.append(f"    {label}: " + "; ".join(map(str, items)))
    return lines


def format_table(evaluations: Sequence[Evaluation], details: bool = False) -> str:
    """One row per gold (its counted sections and overall), then the mean row."""
    width = max([len(ev.name) for ev in evaluations] + [len("mean")])
    head = f"{'gold':<{width}} " + " ".join(f"{h:>{max(5, len(h))}}" for h in _HEADS.values())
    lines = [head]
    for ev in evaluations:
        if ev.score is None:
            lines.append(f"{ev.name:<{width}} error: {ev.error}")
            continue
        vals = {k: v for k, v in ev.score.sections.items() if k in ev.score.counted}
        lines.append(_row(ev.name, {**vals, "overall": ev.score.overall}, width))
        if details:
            lines.extend(_details(ev.score))
    lines.append(_row("mean", summarise(evaluations), width))
    return "\n".join(lines)
