"""The knowledge-base commands: stable JSON shapes, tables for people, one-line errors."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from diplograph.cli import cli
from diplograph.kb.db import make_engine, open_db
from diplograph.kb.store import Store
from tests.fixtures.kb.support import resolution_records


@pytest.fixture
def filled(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with open_db(url) as db:
        for rec, _ in resolution_records():
            Store(db).add(rec)
    return url


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_json_contracts(filled: str) -> None:
    code, out, _ = _run("stats", "--json", "--db", filled)
    assert code == 0 and set(json.loads(out)) == {"documents", "events", "entities",
                                                  "statements", "figures"}
    code, out, _ = _run("timeline", "--json", "--db", filled, "--series", "HLPSD")
    events = json.loads(out)
    assert code == 0 and [e["ordinal"] for e in events if e["status"] == "held"] == [10, 11]
    code, out, _ = _run("series", "--json", "--db", filled)
    assert all(set(s) == {"name", "acronym", "rounds", "gaps"} for s in json.loads(out))
    code, out, _ = _run("event", events[0]["id"], "--json", "--db", filled)
    ev = json.loads(out)
    assert code == 0 and ev["sources"] and all(s["reasons"] for s in ev["sources"])
    for cmd in (["plans"], ["search", "water security"], ["figures"], ["statements"]):
        code, out, _ = _run(*cmd, "--json", "--db", filled)
        assert code == 0 and isinstance(json.loads(out), list)


def test_tables_for_people(filled: str) -> None:
    code, out, _ = _run("timeline", "--db", filled)
    assert code == 0 and out.splitlines()[0].split()[:3] == ["id", "date", "type"]
    code, out, _ = _run("series", "--db", filled)
    assert code == 0 and "High-level Political and Security Dialogue" in out
    code, out, _ = _run("plans", "--db", filled)
    assert code == 0 and "planned for 2024, held 2025-04-04" in out
    code, out, _ = _run("export", "--format", "csv", "--db", filled)
    assert code == 0 and out.startswith("id,date_start")
    code, out, err = _run("event", "ev999999", "--db", filled)
    assert code == 1


def test_errors_are_one_line(tmp_path: Path, filled: str) -> None:
    engine = make_engine(filled)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    code, out, err = _run("stats", "--db", filled)
    assert code == 1 and "[E303]" in err and len(err.strip().splitlines()) == 1
    path = tmp_path / "locked.db"
    open_db(f"sqlite:///{path}").close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        import diplograph.kb.db as kbdb

        old, kbdb.BUSY_TIMEOUT_S = kbdb.BUSY_TIMEOUT_S, 0.2
        try:
            code, out, _ = _run("stats", "--db", f"sqlite:///{path}")
            assert code == 0  # readers work while another connection writes (WAL)
            report = tmp_path / "r.txt"
            report.write_text("Talks in Astana\n\nThe EU and Kazakhstan met in Astana.\n")
            code, out, err = _run("ingest", str(report), "--db", f"sqlite:///{path}")
        finally:
            kbdb.BUSY_TIMEOUT_S = old
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and "Traceback" not in err
    assert [x for x in err.splitlines() if "[E302]" in x and x.startswith("diplograph: ")]
    code, out, err = _run("stats", "--db", "nosuch://x")
    assert code == 1 and "[E301]" in err and len(err.strip().splitlines()) == 1
