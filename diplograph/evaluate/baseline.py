"""Quality floors: pin what the extractor scores on each evaluation corpus, so that a change
that lowers any section's mean fails the test suite (tests/test_quality_gate.py).

The baseline file (tests/quality_baseline.json) holds, per corpus, the folder of its gold
records, a sha256 digest of the corpus (every gold file and the input it names) and the
floors: measured means minus ``MARGIN``. A changed corpus changes the digest, and the gate
then refuses to compare until someone re-pins on purpose::

    python -m diplograph.evaluate.baseline --update     # re-measure and rewrite the floors
    python -m diplograph.evaluate.baseline              # measure and check, exit 1 below a floor

Folders are relative to the repository root; ``${shared}`` stands for ../shared (or
$DIPLOGRAPH_SHARED).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.evaluate.gold import load_gold
from diplograph.evaluate.runner import Evaluation, evaluate, expand_golds, resolve_input, summarise

if TYPE_CHECKING:
    from diplograph.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "tests" / "quality_baseline.json"

# Floors sit this far below the measured means. Extraction is deterministic for a given
# spaCy model (two runs give identical scores), so the margin is not for run-to-run noise:
# it leaves room for the small shifts a patch release of the model package may cause.
# Calibration: on our corpora (9 and 11 reports) one item lost on one report moves a
# section mean by roughly 0.01 to 0.03, so 0.02 tolerates about one such item and fails
# anything larger.
MARGIN = 0.02

DEFAULT_CORPORA = {"shared": "${shared}/gold", "own": "tests/gold"}


def shared_dir() -> Path:
    return Path(os.environ.get("DIPLOGRAPH_SHARED", ROOT.parent / "shared"))


def corpus_dir(spec: str) -> Path:
    if spec.startswith("${shared}"):
        return shared_dir() / spec.removeprefix("${shared}").lstrip("/")
    return ROOT / spec


def corpus_digest(gold_paths: list[Path]) -> str:
    """sha256 over every gold file (by name) and the bytes of the input it names."""
    h = hashlib.sha256()
    for path in sorted(gold_paths, key=lambda p: p.name):
        h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
        h.update(resolve_input(load_gold(path)).read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(slots=True)
class Measured:
    name: str
    golds: list[Path]
    digest: str
    means: dict[str, float]
    evaluations: list[Evaluation]


def measure(name: str, spec: str, extractor: "Extractor | None" = None) -> Measured:
    golds = expand_golds([corpus_dir(spec)])
    evals = evaluate(golds, extractor=extractor)
    return Measured(name, golds, corpus_digest(golds), summarise(evals), evals)


def floors_of(means: dict[str, float], margin: float = MARGIN) -> dict[str, float]:
    """Measured means minus ``margin``, rounded down to 3 decimals, never below 0."""
    return {k: max(0.0, math.floor((v - margin) * 1000) / 1000) for k, v in means.items()}


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def check(entry: dict[str, Any], got: Measured) -> list[str]:
    """Why ``got`` fails the baseline ``entry``; empty when it passes."""
    problems = [f"{got.name}: {ev.gold.name}: {ev.error}" for ev in got.evaluations if ev.error]
    if got.digest != entry["digest"]:
        problems.append(f"{got.name}: corpus changed (digest {got.digest[:12]} != pinned "
                        f"{entry['digest'][:12]}); re-pin on purpose with "
                        "python -m diplograph.evaluate.baseline --update")
        return problems
    for key, floor in entry["floors"].items():
        value = got.means.get(key)
        if value is None or value < floor:
            shown = "missing" if value is None else f"{value:.3f}"
            problems.append(f"{got.name}: {key} mean {shown} < floor {floor:.3f}")
    return problems


def update(path: Path = BASELINE, corpora: dict[str, str] | None = None,
           margin: float = MARGIN, extractor: "Extractor | None" = None) -> dict[str, Any]:
    """Measure every corpus and rewrite ``path`` with fresh digests and floors."""
    if corpora is None:
        corpora = ({k: v["golds"] for k, v in load_baseline(path)["corpora"].items()}
                   if path.is_file() else DEFAULT_CORPORA)
    if extractor is None:
        from diplograph.pipeline import Extractor

        extractor = Extractor()
    out: dict[str, Any] = {"margin": margin, "corpora": {}}
    for name, spec in corpora.items():
        got = measure(name, spec, extractor)
        failed = [ev for ev in got.evaluations if ev.error]
        if failed:
            raise SystemExit(f"diplograph: {name}: cannot pin, {failed[0].gold.name}: {failed[0].error}")
        out["corpora"][name] = {"golds": spec, "n": len(got.golds), "digest": got.digest,
                                "measured": {k: round(v, 4) for k, v in got.means.items()},
                                "floors": floors_of(got.means, margin)}
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m diplograph.evaluate.baseline",
                                 description="Check or re-pin the quality floors.")
    ap.add_argument("--update", action="store_true", help="re-measure and rewrite the floors")
    ap.add_argument("--baseline", type=Path, default=BASELINE, help="baseline file (default: %(default)s)")
    ap.add_argument("--margin", type=float, default=MARGIN, help="floor = measured - margin")
    args = ap.parse_args(argv)
    if args.update:
        pinned = update(args.baseline, margin=args.margin)
        for name, entry in pinned["corpora"].items():
            nums = " ".join(f"{k}={v:.3f}" for k, v in entry["measured"].items())
            print(f"{name} ({entry['n']} golds): {nums}")
        return 0
    baseline = load_baseline(args.baseline)
    problems: list[str] = []
    for name, entry in baseline["corpora"].items():
        problems += check(entry, measure(name, entry["golds"]))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
