"""Quality gate: the extractor's mean scores on each evaluation corpus stay at or above the
floors pinned in tests/quality_baseline.json, and the corpora are the ones pinned (a changed
gold or input must be re-pinned on purpose: python -m diplograph.evaluate.baseline --update).
"""
from __future__ import annotations

import pytest

from diplograph.evaluate import baseline as bl
from diplograph.evaluate.scoring import SECTIONS
from tests.conftest import require_shared

PINNED = bl.load_baseline()


def test_baseline_pins_every_section_of_every_corpus() -> None:
    assert set(PINNED["corpora"]) >= {"shared", "own"}
    assert 0 < PINNED["margin"] <= 0.05
    for name, entry in PINNED["corpora"].items():
        assert len(entry["digest"]) == 64, name
        assert set(entry["floors"]) == set(SECTIONS) | {"overall"}, name
        for key, floor in entry["floors"].items():
            assert floor <= entry["measured"][key], (name, key)


@pytest.mark.parametrize("name", sorted(PINNED["corpora"]))
def test_corpus_scores_stay_above_floors(name: str, extractor) -> None:
    entry = PINNED["corpora"][name]
    if entry["golds"].startswith("${shared}"):
        require_shared(entry["golds"].removeprefix("${shared}").lstrip("/"))
    got = bl.measure(name, entry["golds"], extractor)
    assert len(got.golds) == entry["n"], f"{name}: {len(got.golds)} golds, {entry['n']} pinned"
    problems = bl.check(entry, got)
    assert not problems, "\n".join(problems)


def test_check_names_the_section_that_fell() -> None:
    """The gate's comparison itself: a fallen section and a changed corpus are reported."""
    got = bl.Measured("own", [], "a" * 64, {"entities": 0.5, "overall": 0.6}, [])
    entry = {"digest": "a" * 64, "floors": {"entities": 0.55, "overall": 0.6, "topics": 0.1}}
    problems = bl.check(entry, got)
    assert any("entities mean 0.500 < floor 0.550" in p for p in problems)
    assert any("topics mean missing" in p for p in problems)
    assert not any("overall" in p for p in problems)
    assert "corpus changed" in bl.check({**entry, "digest": "b" * 64}, got)[0]
    assert bl.floors_of({"events": 0.4567, "figures": 0.01}) == {"events": 0.436, "figures": 0.0}
