"""The ingest benchmark (``diplograph bench``'s ingest/extract figure): what it counts and
what it refuses. Timings themselves are printed by the benchmark, never asserted here."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.errors import StoreError
from diplograph.kb.bench import ingest_vs_extract
from diplograph.kb.db import open_db
from diplograph.kb.store import Store
from tests.fixtures.kb.support import RESOLUTION, fresh_db, record

REPORTS = sorted((RESOLUTION / "reports").glob("*.txt"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    yield from fresh_db(request.param, tmp_path)


def test_every_report_is_extracted_and_stored_once(db_url: str, nlp) -> None:
    out = ingest_vs_extract(REPORTS, db_url, slices=3)
    n = len(REPORTS)
    assert n >= 12
    assert (out["documents"], out["extracted"], out["stored"]) == (n, n, n)
    assert out["failed"] == 0 and out["duplicates"] == 0
    assert out["extract_docs_per_s"] > 0 and out["ingest_docs_per_s"] > 0
    assert out["ratio"] == pytest.approx(out["ingest_docs_per_s"] / out["extract_docs_per_s"],
                                         abs=0.01)
    with open_db(db_url) as db:
        assert db.dialect in {"sqlite", "postgresql"} and out["database"] == db.dialect


def test_a_database_with_reports_is_refused(db_url: str, nlp) -> None:
    with open_db(db_url) as db:
        Store(db).add(record("Already stored."))
    with pytest.raises(StoreError, match="empty database"):
        ingest_vs_extract(REPORTS[:2], db_url)
