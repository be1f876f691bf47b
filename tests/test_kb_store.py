"""Knowledge-base store: migrations, idempotence, resolution across reports, queries.

Runs on SQLite always and on PostgreSQL when DIPLOGRAPH_PG_URL is set. Records come from
tests/resolution (the facts a perfect extractor gives for reports written for that set), so
these tests measure storage and incremental resolution, not extraction.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from diplograph.errors import StoreError
from diplograph.kb import query
from diplograph.kb.db import make_engine, open_db, upgrade
from diplograph.kb.export import export
from diplograph.kb.models import DocEventRow, EventSourceRow
from diplograph.kb.store import Store
from diplograph.resolve import evaluate_clusters
from tests.fixtures.kb.support import expected, fresh_db, record, resolution_records

TIMELINE_KEYS = {"id", "type", "name", "series", "acronym", "ordinal", "status", "date",
                 "location", "participants", "delegations", "topics", "sources",
                 "disagreements"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    yield from fresh_db(request.param, tmp_path)


@pytest.fixture
def db(db_url: str):
    with open_db(db_url) as d:
        yield d


def _ingest_set(db, order: str = "forward") -> dict[str, list[tuple[str, str | None, str]]]:
    """Store the resolution set; returns per resolved event id its (kind, label, doc) items."""
    items = resolution_records()
    if order == "reverse":
        items = items[::-1]
    store = Store(db)
    for rec, _ in items:
        assert store.add(rec).outcome == "new"
    labels = {(rec["document"]["id"], ev["id"]): lab
              for rec, labs in items for ev, lab in zip(rec["events"], labs)}
    out: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    with db.session() as s:
        for de in s.scalars(select(DocEventRow)):
            kind, label = labels[(de.document_id, de.local_id)]
            out[f"ev{de.event_id}"].append((kind, label, de.document_id))
    return out


@pytest.mark.parametrize("order", ["forward", "reverse"])
def test_same_event_pairwise_precision_recall(db, order: str) -> None:
    clusters = _ingest_set(db, order)
    pred = [[f"{doc}:{label}" for kind, label, doc in members if kind != "plan"]
            for members in clusters.values()]
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for members in clusters.values():
        for kind, label, doc in members:
            if kind != "plan":
                gold_groups[label or ""].append(f"{doc}:{label}")
    p, r = evaluate_clusters(pred, list(gold_groups.values()))
    assert p >= 0.95 and r >= 0.95, (p, r, pred)
    # every real meeting of the set is exactly one resolved event
    held = {lab for members in clusters.values() for k, lab, _ in members if k != "plan"}
    assert held == set(expected()["events"])


def test_timeline_contract_sources_and_consensus(db) -> None:
    _ingest_set(db)
    events = query.timeline(db)
    assert events and all(set(e) == TIMELINE_KEYS for e in events)
    for e in events:
        for src in e["sources"]:
            assert set(src) == {"document", "source", "url", "title", "published"}
    gold = expected()
    by_date = {(e["date"] or {}).get("start"): e for e in events if e["status"] == "held"}
    for ev in gold["events"].values():
        got = by_date[ev["date"]]
        assert got["ordinal"] == ev["ordinal"] and got["location"]["name"] == ev["location"]
    n_reports = defaultdict(int)
    for rep in gold["reports"]:
        n_reports[rep["main"]["event"]] += 1
    summit = next(e for e in events if e["date"] and e["date"]["start"] == "2025-04-04")
    assert len(summit["sources"]) == n_reports["ca-eu-summit-1"]
    dated = [e["date"]["start"] for e in events if e.get("date")]
    assert dated == sorted(dated)
    assert query.timeline(db, since="2025-01-01") == [e for e in events if e["date"]
                                                       and e["date"]["start"] >= "2025-01-01"]
    assert all("UZ" in e["participants"] or (e["location"] or {}).get("country") == "UZ"
               or any(d["party"] == "UZ" for d in e["delegations"])
               for e in query.timeline(db, country="uz"))


def test_series_rounds_in_order_and_gaps(db) -> None:
    _ingest_set(db)
    series = query.series(db)
    assert all(set(s) == {"name", "acronym", "rounds", "gaps"} for s in series)
    hlpsd = [s for s in series if s["acronym"] == "HLPSD" or
             "Political and Security" in (s["name"] or "")]
    assert len(hlpsd) == 1, [s["name"] for s in series]
    assert [r["ordinal"] for r in hlpsd[0]["rounds"]] == [10, 11]
    assert hlpsd[0]["gaps"] == []
    for name in ("HLPSD", "High-level Political and Security Dialogue"):
        assert [e["ordinal"] for e in query.timeline(db, series=name)
                if e["status"] == "held"] == [10, 11]
    eighth = record("The eighth round of the dialogue was held in Dushanbe.",
                    published="2021-05-12")
    eighth["events"] = [{"id": "e1", "type": "meeting", "name": "eighth HLPSD meeting",
                         "series": "EU-Central Asia political and security dialogue",
                         "acronym": None, "ordinal": 8, "main": True, "status": "held",
                         "date": {"start": "2021-05-11", "end": None, "text": None},
                         "location": {"name": "Dushanbe", "country": "TJ"},
                         "participants": ["EU", "TJ"], "delegations": [], "topics": [],
                         "evidence": []}]
    Store(db).add(eighth)
    [hlpsd] = [s for s in query.series(db) if s["acronym"] == "HLPSD"]
    assert [r["ordinal"] for r in hlpsd["rounds"]] == [8, 10, 11]
    assert hlpsd["gaps"] == [9]


def test_plans_linked_to_outcome_with_slip(db) -> None:
    _ingest_set(db)
    plans = query.plans(db)
    linked = [p for p in plans if p["held"]]
    assert linked, plans
    summit = [p for p in linked if p["held"]["date"]["start"] == "2025-04-04"]
    assert summit and any("planned for 2024, held 2025-04-04" in r
                          for p in summit for r in p["reasons"])
    assert all(p["outcome"] == "pending" and not p["held"] for p in plans if not p["held"])


def test_disagreement_kept_with_sources(db) -> None:
    items = resolution_records()
    rec, _ = next((r, lab) for r, lab in items if lab[0] == ("main", "hlpsd-10"))
    other = copy.deepcopy(rec)
    other["document"]["text"] += "\nA differing report."
    other["document"]["id"] = "f" * 16
    other["events"][0]["delegations"] = [{"party": "EU", "head": "Terhi Hakala",
                                          "title": None}]
    other["events"][0]["location"] = {"name": "Almaty", "country": "KZ"}
    store = Store(db)
    store.add(rec)
    store.add(other)
    [ev] = [e for e in query.timeline(db) if e["ordinal"] == 10]
    fields = {d["field"]: d for d in ev["disagreements"]}
    assert "head:EU" in fields and "location" in fields
    heads = {v["value"]: v["sources"] for v in fields["head:EU"]["values"]}
    assert heads == {"Enrique Mora": [rec["document"]["id"]], "Terhi Hakala": ["f" * 16]}


def test_idempotent_same_content_same_url_and_reprocess(db) -> None:
    store = Store(db)
    rec = record("EU and Kazakhstan met in Astana.", url="http://127.0.0.1/a")
    assert store.add(rec).outcome == "new"
    again = store.add(copy.deepcopy(rec))
    assert again.outcome == "duplicate" and "same" in (again.reason or "")
    moved = record("EU and Kazakhstan met in Astana. Updated.", url="http://127.0.0.1/a")
    assert store.add(moved).outcome == "duplicate"
    for rec, _ in resolution_records():
        store.add(rec)
    before = query.stats(db)
    with db.session() as s:
        ids = [r[0] for r in s.execute(text("SELECT id FROM documents ORDER BY seq"))]
        stored = {i: s.execute(text("SELECT record FROM documents WHERE id = :i"),
                               {"i": i}).scalar_one() for i in ids}
    for doc_id in ids:  # an upgraded extractor giving the same record changes nothing
        rec = stored[doc_id]
        store.replace(doc_id, json.loads(rec) if isinstance(rec, str) else rec)
    assert query.stats(db) == before
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(EventSourceRow)) == \
            s.scalar(select(func.count()).select_from(DocEventRow))


def test_stats_counts_resolved(db) -> None:
    n = len(resolution_records())
    _ingest_set(db)
    st = query.stats(db)
    assert set(st) == {"documents", "events", "entities", "statements", "figures"}
    assert st["documents"] == n
    held = len(expected()["events"])
    assert held <= st["events"] < n + held  # merged: fewer events than event mentions


def test_search_and_exports(db) -> None:
    _ingest_set(db)
    hits = query.search(db, "water security")
    texts = {r["document"]["id"]: r["document"]["text"].lower()
             for r, _ in resolution_records()}
    want = {i for i, t in texts.items() if "water" in t and "security" in t}
    assert want and {h["document"] for h in hits} == want
    assert all("[" in h["snippet"] for h in hits)
    assert isinstance(query.search(db, 'AND OR "( NEAR'), list)  # no syntax error leaks
    out = io.StringIO()
    n = export(db, "jsonl", out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(lines) == n and all(set(x) == TIMELINE_KEYS for x in lines)
    out = io.StringIO()
    export(db, "csv", out, series="HLPSD")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["ordinal"] for r in rows if r["status"] == "held"] == ["10", "11"]
    out = io.StringIO()
    export(db, "graphml", out)
    root = ET.fromstring(out.getvalue())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) > n and root.findall(".//g:edge", ns)


def test_entities_resolved_across_reports(db) -> None:
    store = Store(db)
    people = [("Roman Vassilenko", ["Vassilenko"], "Deputy Foreign Minister", "2023-06-23"),
              ("R. Vassilenko", [], "Deputy Minister of Foreign Affairs", "2024-06-18"),
              ("Vassilenko", [], None, "2024-06-19")]
    for i, (name, aliases, title, when) in enumerate(people):
        rec = record(f"Report {i} about {name}.", published=when)
        rec["entities"] = [
            {"id": "p1", "type": "person", "name": name, "code": None, "acronym": None,
             "aliases": aliases, "country": "KZ", "mentions": [{"start": 0, "end": 5}],
             "roles": [{"title": title, "organization": None}] if title else []},
            {"id": "o1", "type": "organization", "name": "European Bank for Reconstruction "
             "and Development" if i else "EBRD", "code": None,
             "acronym": "EBRD" if i else None, "aliases": [], "country": None,
             "roles": [], "mentions": []},
            {"id": "c1", "type": "country", "name": "Kazakhstan", "code": "KZ",
             "acronym": None, "aliases": [], "country": None, "roles": [], "mentions": []}]
        rec["statements"] = [{"id": "s1", "speaker": "p1", "speaker_name": name,
                              "kind": "indirect", "cue": "said", "text": f"point {i}",
                              "event": None, "evidence": [{"start": 0, "end": 3}]}]
        store.add(rec)
    [vas] = query.entity(db, "Vassilenko")
    assert vas["name"] == "Roman Vassilenko" and vas["documents"] == 3
    assert [t["date"] for t in vas["titles"]] == ["2023-06-23", "2024-06-18"]
    assert len(vas["statements"]) == 3
    assert len(query.statements(db, speaker="Roman Vassilenko")) == 3
    [ebrd] = query.entity(db, "EBRD")
    assert ebrd["documents"] == 3
    assert query.entity(db, "kz")[0]["documents"] == 3
    assert query.stats(db)["entities"] == 3


def _entity(local: str, type_: str, name: str, **kw) -> dict:
    return {"id": local, "type": type_, "name": name, "code": kw.get("code"),
            "acronym": kw.get("acronym"), "aliases": kw.get("aliases", []),
            "country": kw.get("country"), "roles": [], "mentions": []}


def test_entities_new_in_one_report_join_each_other_and_namesakes_stay_apart(db) -> None:
    """Two mentions of one new organization in the same report become one entity (the
    second finds the first before either is written); a namesake does not join a person."""
    store = Store(db)
    first = record("Report one.", published="2024-01-10")
    first["entities"] = [
        _entity("o1", "organization", "EBRD", acronym="EBRD"),
        _entity("o2", "organization", "European Bank for Reconstruction and Development",
                acronym="EBRD"),
        _entity("p1", "person", "Roman Vassilenko", country="KZ")]
    store.add(first)
    second = record("Report two.", published="2024-02-10")
    second["entities"] = [_entity("p1", "person", "Igor Vassilenko", country="RU"),
                          _entity("o1", "organization", "EBRD", acronym="EBRD")]
    store.add(second)
    [ebrd] = query.entity(db, "EBRD")
    assert ebrd["name"] == "European Bank for Reconstruction and Development"
    assert ebrd["documents"] == 2
    names = sorted(e["name"] for e in query.entity(db, "Vassilenko"))
    assert names == ["Igor Vassilenko", "Roman Vassilenko"]
    assert query.stats(db)["entities"] == 3
    with db.session() as s:
        rows = s.execute(text("SELECT local_id, entity_id FROM doc_entities")).all()
    assert len({entity for local, entity in rows if local.startswith("o")}) == 1


def test_older_schema_is_migrated(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (id, seq, sha, text, record, extractor_version, "
            "ingested_at) VALUES ('0123456789abcdef', 1, 'x', 'old text', '{}', '0.0', 'then')"))
        assert "0001" == conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    with open_db(db_url) as db:
        with db.session() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
            assert s.execute(text("SELECT raw_sha FROM documents")).all() == [(None,)]
        assert query.stats(db)["documents"] == 1
        assert Store(db).add(record("a new report")).outcome == "new"


def test_newer_schema_is_refused(db_url: str) -> None:
    open_db(db_url).close()
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError) as err:
        open_db(db_url)
    assert err.value.code == "E303" and "9999" in str(err.value)


def test_locked_sqlite_is_a_one_line_e302(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    open_db(f"sqlite:///{path}").close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        db = open_db(f"sqlite:///{path}", timeout=0.2)
        with pytest.raises(StoreError) as err:
            Store(db).add(record("blocked report"))
        assert err.value.code == "E302" and "\n" not in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open_db(f"sqlite:///{path}") as db:  # nothing half-written; it works once unlocked
        assert query.stats(db)["documents"] == 0
        assert Store(db).add(record("blocked report")).outcome == "new"


def test_read_only_sqlite_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    with open_db(f"sqlite:///{path}") as db:
        Store(db).add(record("stored before"))
    ro = f"sqlite:///file:{path}?mode=ro&uri=true"
    with open_db(ro) as db:
        assert query.stats(db)["documents"] == 1
        with pytest.raises(StoreError) as err:
            Store(db).add(record("another report"))
        assert err.value.code == "E302"


def test_bad_url_and_missing_directory_are_e301(tmp_path: Path) -> None:
    for url in ("nosuchdialect://x", f"sqlite:///{tmp_path}/missing/dir/kb.db"):
        with pytest.raises(StoreError) as err:
            open_db(url)
        assert err.value.code == "E301"
