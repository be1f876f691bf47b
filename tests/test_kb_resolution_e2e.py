"""Issue 3's resolution figure end to end: the real extractor reads every report of the
resolution test set, the store resolves them incrementally as they arrive, and the resolved
events of the reports' main events must match the expected meetings with pairwise precision
and recall of "same event" >= 0.95, in either arrival order, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from diplograph.kb.db import open_db
from diplograph.kb.ingest import ingest
from diplograph.kb.models import DocEventRow, DocumentRow
from diplograph.resolve import evaluate_clusters
from tests.fixtures.kb.support import fresh_db

HERE = Path(__file__).parent / "resolution"
EXPECTED: dict[str, Any] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    yield from fresh_db(request.param, tmp_path)


@pytest.mark.parametrize("order", ["forward", "reverse"])
def test_store_resolves_extracted_reports_into_meetings(db_url: str, extractor, order: str) -> None:
    reports = [r["file"] for r in EXPECTED["reports"]]
    if order == "reverse":
        reports.reverse()
    with open_db(db_url) as db:
        summary = ingest([str(HERE / "reports" / f) for f in reports], db, extractor=extractor)
        assert summary.failed == 0, summary.failures
        with db.session() as s:
            rows = s.execute(select(DocumentRow.name, DocEventRow.event_id)
                             .join(DocEventRow, DocEventRow.document_id == DocumentRow.id)
                             .where(DocEventRow.main.is_(True))).all()
    resolved = {Path(name).name: event for name, event in rows}
    gold: dict[str, list[str]] = {}
    for r in EXPECTED["reports"]:
        gold.setdefault(r["main"]["event"], []).append(r["file"])
    pred: dict[Any, list[str]] = {}
    for f in reports:
        pred.setdefault(resolved.get(f, f"missing:{f}"), []).append(f)
    precision, recall = evaluate_clusters(list(pred.values()), list(gold.values()))
    print(f"\npairwise same-event P={precision:.3f} R={recall:.3f} ({order})")
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, pred)
