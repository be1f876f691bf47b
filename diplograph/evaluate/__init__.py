"""Evaluation: score records against hand-made gold records (rules: SCHEMA.md).

``scoring`` implements the scoring rules as pure functions over record dicts; ``gold`` reads
and checks gold files; ``runner`` finds each gold's input, runs the extractor once over all
of them and scores; ``baseline`` pins the quality floors the test suite enforces.
"""
from __future__ import annotations

from diplograph.evaluate.scoring import SECTIONS, Score, score_record

__all__ = ["SECTIONS", "Score", "score_record"]
