"""The pipeline's contract: stage order, per-document failure isolation, input order."""
from __future__ import annotations

import time

import pytest

from diplograph import pipeline
from diplograph.ingest import Failure, RawInput


def _raw(name: str, body: str) -> RawInput:
    return RawInput(name, f"A title\n\n{body}\n".encode(), "text")


def test_a_failing_stage_reports_the_document_and_the_batch_goes_on(extractor, monkeypatch):
    def broken(ctx):
        if "boom" in ctx.text:
            raise ValueError("bad input shape")

    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + (("broken", broken),))
    items = [_raw("a", "The ministers met in Astana."), _raw("b", "boom went the parser."),
             Failure("c", "[E107] no such file or directory"), _raw("d", "Talks ended on Friday.")]
    results = list(extractor.run(items))
    assert [r.name for r in results] == ["a", "b", "c", "d"]
    assert results[0].record and results[3].record
    assert results[1].error and "E901" in results[1].error and "broken" in results[1].error
    assert results[2].error and "E107" in results[2].error


def test_a_runaway_stage_is_stopped(extractor, monkeypatch):
    def spin(ctx):
        if "spin" in ctx.text:
            while True:
                time.sleep(0.01)

    monkeypatch.setattr(pipeline, "STAGE_SECONDS", 0.5)
    monkeypatch.setattr(pipeline, "STAGES", (("spin", spin),))
    results = list(extractor.run([_raw("x", "spin forever"), _raw("y", "fine")]))
    assert "E902" in (results[0].error or "")
    assert results[1].record is not None


def test_stage_order_is_the_documented_one():
    assert [n for n, _ in pipeline.STAGES] == [
        "entities", "events", "statements", "figures", "topics", "docdate"]


@pytest.mark.parametrize("workers", [1, 2])
def test_run_inputs_keeps_input_order(workers):
    items = [_raw(f"doc{i}", f"Report number {i} says the ministers met in Bishkek.")
             for i in range(7)]
    names = [r.name for r in pipeline.run_inputs(items, workers=workers, chunk=2)]
    assert names == [f"doc{i}" for i in range(7)]


def test_a_bug_in_normalize_reports_the_document(extractor, monkeypatch):
    def broken(raw):
        if b"odd" in raw.data:
            raise KeyError("unexpected")
        return real(raw)

    real = pipeline.read_document
    monkeypatch.setattr(pipeline, "read_document", broken)
    results = list(extractor.run([_raw("a", "An odd report."), _raw("b", "A plain report.")]))
    assert "E901" in (results[0].error or "") and results[1].record is not None
