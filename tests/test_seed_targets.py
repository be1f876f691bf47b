"""Issue 2's figure on the seed report: overall >= 0.90 and every section >= 0.80, scored by
our implementation of SCHEMA.md's rules (tests/test_evaluate.py checks it agrees with
../shared/tools/score.py)."""
from __future__ import annotations

import json

from diplograph.evaluate.scoring import score_record
from tests.conftest import require_shared


def test_seed_meets_the_issue_targets(seed_record):
    gold = json.loads(require_shared("gold", "kazinform-hlpsd-2023.json").read_text("utf-8"))
    score = score_record(gold, seed_record)
    low = {k: round(v, 3) for k, v in score.sections.items() if k in score.counted and v < 0.80}
    assert not low, f"sections under 0.80 on the seed: {low}"
    assert score.overall >= 0.90, f"seed overall {score.overall:.3f} < 0.90"
