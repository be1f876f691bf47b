"""The store stage beside extraction: order, duplicates, faults and shutdown of the writer."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from diplograph.kb import query
from diplograph.kb.db import open_db
from diplograph.kb.store import Store
from diplograph.kb.writer import InlineWriter, ProcessWriter, writer_for
from tests.fixtures.kb.support import fresh_db, record


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    yield from fresh_db(request.param, tmp_path)


def test_records_are_stored_in_order_with_duplicates_reported(db_url: str) -> None:
    texts = [f"Report {i} on the dialogue.\n\nDelegations met in Astana." for i in range(40)]
    with open_db(db_url) as db:
        writer = writer_for(db)
        assert isinstance(writer, ProcessWriter)
        for i, t in enumerate(texts + texts[:3]):
            writer.put(f"r{i}", record(t), None)
        done = list(writer.results()) + writer.close()
        assert [d.name for d in done] == [f"r{i}" for i in range(43)]
        assert [d.stored.outcome for d in done if d.stored] == ["new"] * 40 + ["duplicate"] * 3
        assert query.stats(db)["documents"] == 40
        with db.session() as s:  # ingest order is the order records were put
            from sqlalchemy import text

            titles = [r[0] for r in s.execute(text("SELECT text FROM documents ORDER BY seq"))]
        assert titles == texts


def test_a_failing_document_is_reported_and_the_batch_goes_on(tmp_path: Path,
                                                             monkeypatch) -> None:
    real_add = Store.add

    def add(self, rec, raw_sha=None, name=None):
        if "poison" in rec["document"]["text"]:
            raise ValueError("a bug in the store")
        return real_add(self, rec, raw_sha=raw_sha, name=name)

    monkeypatch.setattr(Store, "add", add)  # the writer process is forked after this
    with open_db(f"sqlite:///{tmp_path / 'kb.db'}") as db:
        writer = writer_for(db)
        for i, t in enumerate(["first report", "poison report", "third report"]):
            writer.put(f"r{i}", record(t), None)
        done = writer.close()
        assert [d.error is None for d in done] == [True, False, True]
        assert done[1].error.startswith("[E901]") and "\n" not in done[1].error
        assert query.stats(db)["documents"] == 2


def test_read_only_database_fails_each_document_with_e302(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    open_db(f"sqlite:///{path}").close()
    with open_db(f"sqlite:///file:{path}?mode=ro&uri=true") as db:
        writer = writer_for(db)
        writer.put("r0", record("A report."), None)
        [done] = writer.close()
        assert done.stored is None and done.error.startswith("[E302]")


def test_in_memory_database_is_written_inline() -> None:
    with open_db("sqlite://") as db:
        writer = writer_for(db)
        assert isinstance(writer, InlineWriter)
        writer.put("r0", record("A report kept in memory."), None)
        assert [d.stored.outcome for d in writer.results()] == ["new"]
        assert writer.close() == []


def test_writer_process_is_gone_after_close(tmp_path: Path) -> None:
    with open_db(f"sqlite:///{tmp_path / 'kb.db'}") as db:
        writer = writer_for(db)
        assert isinstance(writer, ProcessWriter)
        pid = writer._proc.pid
        writer.close()
        assert not writer._proc.is_alive()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
