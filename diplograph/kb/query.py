"""The read side: every query command's data as plain dicts and lists (the JSON contract).

Shapes (stable): ``stats`` → ``{"documents", "events", "entities", "statements", "figures"}``
(resolved counts); ``timeline`` → events with the record's event fields plus ``sources`` and
``disagreements``; ``series`` → ``{"name", "acronym", "rounds", "gaps"}``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlalchemy import func, or_, select, text

from diplograph.kb import link
from diplograph.resolve import series_key
from diplograph.kb.db import Database, translate_errors
from diplograph.kb.models import (
    DocEntityRow, DocEventRow, DocumentRow, EntityKeyRow, EntityRow, EventRow, EventSourceRow,
    FigureRow, PlanLinkRow, SeriesRow, StatementRow,
)

EVENT_FIELDS = ("id", "type", "name", "series", "acronym", "ordinal", "status", "date",
                "location", "participants", "delegations", "topics")
_TOKEN = re.compile(r"\w+", re.UNICODE)
# Two figures of one fact differing by less than this are rounding, not disagreement
# (the scorer's own figure tolerance).
FIGURE_TOLERANCE = 0.005


def stats(db: Database) -> dict[str, int]:
    with translate_errors(), db.session() as s:
        return {
            "documents": s.scalar(select(func.count()).select_from(DocumentRow)) or 0,
            "events": s.scalar(select(func.count()).select_from(EventRow)) or 0,
            "entities": s.scalar(select(func.count()).select_from(EntityRow)) or 0,
            "statements": s.scalar(select(func.count(func.distinct(StatementRow.key)))) or 0,
            "figures": s.scalar(select(func.count(func.distinct(FigureRow.key)))) or 0,
        }


def _event_id(value: str | int) -> int | None:
    m = re.fullmatch(r"(?:ev)?(\d+)", str(value).strip(), re.I)
    return int(m.group(1)) if m else None


def _sources(s: Any, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not event_ids:
        return out
    q = (select(EventSourceRow.event_id, DocumentRow, EventSourceRow.reasons)
         .join(DocEventRow, DocEventRow.id == EventSourceRow.doc_event_id)
         .join(DocumentRow, DocumentRow.id == DocEventRow.document_id)
         .where(EventSourceRow.event_id.in_(event_ids)).order_by(DocumentRow.seq))
    for ev_id, d, reasons in s.execute(q):
        if any(x["document"] == d.id for x in out[ev_id]):
            continue
        out[ev_id].append({"document": d.id, "source": d.source, "url": d.url,
                           "title": d.title, "published": d.published, "reasons": reasons})
    return out


def _shape(ev: EventRow, sources: list[dict[str, Any]], reasons: bool = False
           ) -> dict[str, Any]:
    out = {k: ev.data.get(k) for k in EVENT_FIELDS}
    out["id"] = f"ev{ev.id}"
    out["participants"] = out["participants"] or []
    out["delegations"] = out["delegations"] or []
    out["topics"] = out["topics"] or []
    out["sources"] = [{k: v for k, v in x.items() if reasons or k != "reasons"}
                      for x in sources]
    out["disagreements"] = ev.data.get("disagreements") or []
    return out


def _order(ev: dict[str, Any]) -> tuple[Any, ...]:
    start = (ev.get("date") or {}).get("start")
    return (start is None, start or "", ev.get("series") or "", ev.get("ordinal") or 0,
            int(ev["id"][2:]))


def series_keys(name: str) -> set[str]:
    return {k for k in (series_key(name, None, None), series_key(None, name, None),
                        series_key(None, None, name)) if k}


def timeline(db: Database, series: str | None = None, country: str | None = None,
             since: str | None = None, until: str | None = None,
             event_ids: list[int] | None = None) -> list[dict[str, Any]]:
    with translate_errors(), db.session() as s:
        q = select(EventRow)
        if series:
            keys = series_keys(series)
            folded = link.fold(series)
            named = select(SeriesRow.key).where(or_(
                func.lower(SeriesRow.name) == series.lower(),
                func.lower(SeriesRow.acronym) == series.lower()))
            q = q.where(or_(EventRow.series_key.in_(keys), EventRow.series_key.in_(named),
                            func.lower(EventRow.name) == folded))
        if since:
            q = q.where(EventRow.date_start >= since)
        if until:
            q = q.where(EventRow.date_start <= until + "~")
        if event_ids is not None:
            q = q.where(EventRow.id.in_(event_ids))
        rows = list(s.scalars(q))
        if country:
            code = country.upper()
            rows = [r for r in rows if code in (r.data.get("participants") or [])
                    or r.location_country == code
                    or any(d.get("party") == code for d in r.data.get("delegations") or [])]
        srcs = _sources(s, [r.id for r in rows])
        return sorted((_shape(r, srcs[r.id]) for r in rows), key=_order)


def event(db: Database, ident: str) -> dict[str, Any] | None:
    ev_id = _event_id(ident)
    if ev_id is None:
        return None
    with translate_errors(), db.session() as s:
        row = s.get(EventRow, ev_id)
        if row is None:
            return None
        out = _shape(row, _sources(s, [ev_id])[ev_id], reasons=True)
        plan = s.get(PlanLinkRow, ev_id)
        became = s.scalars(select(PlanLinkRow).where(PlanLinkRow.held_id == ev_id)).all()
        out["plan"] = ({"held": f"ev{plan.held_id}", "reasons": plan.reasons} if plan else None)
        out["announced_as"] = [{"planned": f"ev{p.planned_id}", "reasons": p.reasons}
                               for p in became]
        st = (select(StatementRow).join(DocEventRow, (DocEventRow.document_id ==
                                                      StatementRow.document_id)
                                        & (DocEventRow.local_id == StatementRow.event_local))
              .where(DocEventRow.event_id == ev_id).order_by(StatementRow.id))
        out["statements"] = [_statement(x) for x in s.scalars(st)]
        return out


def _statement(x: StatementRow) -> dict[str, Any]:
    return {"speaker": x.speaker_name, "entity": f"en{x.entity_id}" if x.entity_id else None,
            "kind": x.kind, "cue": x.cue, "text": x.text, "document": x.document_id,
            "evidence": x.evidence}


def entity(db: Database, name: str) -> list[dict[str, Any]]:
    """Resolved entities known by ``name`` (name, alias, acronym or code), with titles over
    time, the events they attended and what they said."""
    with translate_errors(), db.session() as s:
        keys = {f"code:{name.upper()}",
                f"person:{link.person_key(name).partition('|')[0]}"} | {
            f"{k}:{link.fold(name)}" for k in ("organization", "place", "initiative",
                                               "country", "person")}
        ids = set(s.scalars(select(EntityKeyRow.entity_id).where(EntityKeyRow.key.in_(keys))))
        ids |= set(s.scalars(select(EntityRow.id).where(func.lower(EntityRow.name)
                                                         == name.lower())))
        out = []
        for ent in sorted((s.get(EntityRow, i) for i in ids), key=lambda e: e.id if e else 0):
            if ent is None:
                continue
            if ent.type == "person" and not link.same_person(name, [], ent.name, ent.aliases):
                continue
            out.append(_entity(s, ent))
        return out


def _entity(s: Any, ent: EntityRow) -> dict[str, Any]:
    q = (select(DocEntityRow, DocumentRow).join(DocumentRow, DocumentRow.id ==
                                               DocEntityRow.document_id)
         .where(DocEntityRow.entity_id == ent.id).order_by(DocumentRow.seq))
    titles: list[dict[str, Any]] = []
    docs: list[str] = []
    for de, d in s.execute(q):
        if d.id not in docs:  # one report may mention the entity under two names
            docs.append(d.id)
        # Undated reports: the title held at the latest dated past event the report describes.
        when = d.published or d.date_earliest or d.date_latest
        for r in de.roles or []:
            titles.append({"title": r.get("title"), "organization": r.get("organization"),
                           "date": when, "document": d.id})
    titles.sort(key=lambda t: (t["date"] is None, t["date"] or ""))
    names = {link.fold(n) for n in [ent.name, *ent.aliases, ent.code or ""] if n}
    attended = []
    ev_ids = set(s.scalars(select(DocEventRow.event_id).where(
        DocEventRow.document_id.in_(docs), DocEventRow.event_id.is_not(None))))
    for ev in s.scalars(select(EventRow).where(EventRow.id.in_(ev_ids))):
        heads = {link.fold(d.get("head")) for d in ev.data.get("delegations") or []}
        parts = {link.fold(p) for p in ev.data.get("participants") or []}
        if names & (heads | parts):
            attended.append({"id": f"ev{ev.id}", "name": ev.name,
                             "date": (ev.data.get("date") or {}).get("start"),
                             "role": "head of delegation" if names & heads else "participant"})
    attended.sort(key=lambda e: (e["date"] is None, e["date"] or ""))
    said = [_statement(x) for x in s.scalars(select(StatementRow).where(
        StatementRow.entity_id == ent.id).order_by(StatementRow.id))]
    return {"id": f"en{ent.id}", "type": ent.type, "name": ent.name, "code": ent.code,
            "acronym": ent.acronym, "aliases": ent.aliases, "country": ent.country,
            "titles": titles, "events": attended, "statements": said, "documents": len(docs)}


def series(db: Database) -> list[dict[str, Any]]:
    """Recurring formats with their held rounds in order (announced ones are in ``plans``)."""
    with translate_errors(), db.session() as s:
        rows = list(s.scalars(select(SeriesRow).order_by(SeriesRow.key)))
    out = []
    for row in rows:
        rounds = _rounds(db, row.key)
        if not rounds:
            continue
        ords = sorted({e["ordinal"] for e in rounds if isinstance(e.get("ordinal"), int)})
        gaps = [n for n in range(ords[0], ords[-1]) if n not in ords] if ords else []
        out.append({"name": row.name, "acronym": row.acronym, "rounds": rounds, "gaps": gaps})
    return out


def _rounds(db: Database, key: str) -> list[dict[str, Any]]:
    with translate_errors(), db.session() as s:
        ids = list(s.scalars(select(EventRow.id).where(EventRow.series_key == key,
                                                       EventRow.status == "held")))
    rounds = timeline(db, event_ids=ids)
    return sorted(rounds, key=lambda e: (e.get("ordinal") is None, e.get("ordinal") or 0,
                                         *_order(e)))


def figures(db: Database, measure: str | None = None, party: str | None = None
            ) -> list[dict[str, Any]]:
    """Figures merged across reports (same measure, parties, unit, period); differing values
    are kept as a disagreement with their sources."""
    with translate_errors(), db.session() as s:
        q = select(FigureRow, DocumentRow).join(DocumentRow, DocumentRow.id ==
                                                FigureRow.document_id)
        if measure:
            q = q.where(FigureRow.measure == measure.lower())
        groups: dict[str, list[tuple[FigureRow, DocumentRow]]] = defaultdict(list)
        for f, d in s.execute(q.order_by(DocumentRow.seq, FigureRow.id)):
            if party and party not in f.parties and party.upper() not in f.parties:
                continue
            groups[f.key].append((f, d))
    out = []
    for members in groups.values():
        f0 = members[0][0]
        values: list[dict[str, Any]] = []
        for f, d in members:
            g = next((v for v in values if abs(v["value"] - f.value)
                      <= FIGURE_TOLERANCE * max(abs(v["value"]), 1e-9)), None)
            if g is None:
                g = {"value": f.value, "sources": []}
                values.append(g)
            if d.id not in g["sources"]:
                g["sources"].append(d.id)
        best = max(values, key=lambda v: len(v["sources"]))
        out.append({
            "value": _num(best["value"]), "unit": f0.unit, "measure": f0.measure,
            "approximate": f0.approximate, "change": f0.change, "parties": f0.parties,
            "period": f0.period,
            "sources": [{"document": d.id, "source": d.source, "value": _num(f.value),
                         "evidence": f.evidence} for f, d in members],
            "disagreements": ([{"field": "value", "values": [
                {"value": _num(v["value"]), "sources": v["sources"]} for v in values]}]
                if len(values) > 1 else []),
        })
    return out


def _num(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


def statements(db: Database, speaker: str | None = None) -> list[dict[str, Any]]:
    with translate_errors(), db.session() as s:
        q = select(StatementRow).order_by(StatementRow.id)
        if speaker:
            ids = [e["id"] for e in entity(db, speaker)]
            ent_ids = [int(i[2:]) for i in ids]
            q = q.where(or_(StatementRow.entity_id.in_(ent_ids),
                            func.lower(StatementRow.speaker_name) == speaker.lower()))
        seen: dict[str, dict[str, Any]] = {}
        for x in s.scalars(q):
            if x.key in seen:  # the same quote in another report: one statement, two sources
                seen[x.key]["documents"].append(x.document_id)
                continue
            item = _statement(x)
            item["documents"] = [item.pop("document")]
            seen[x.key] = item
        return list(seen.values())


def _fts_query(query: str) -> str:
    return " ".join(f'"{t}"' for t in _TOKEN.findall(query))


def search(db: Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over stored reports (SQLite FTS5, or PostgreSQL's text search)."""
    if not _TOKEN.search(query):
        return []
    with translate_errors(), db.session() as s:
        if db.dialect == "sqlite":
            rows = s.execute(text(
                "SELECT d.id, d.title, d.source, d.url, d.published, "
                "snippet(documents_fts, 1, '[', ']', '…', 12) AS snip "
                "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                "WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"),
                {"q": _fts_query(query), "n": limit}).all()
        else:
            rows = s.execute(text(
                "SELECT id, title, source, url, published, ts_headline('english', text, q, "
                "'StartSel=[,StopSel=],MaxWords=20,MinWords=8') AS snip FROM documents, "
                "websearch_to_tsquery('english', :q) q WHERE to_tsvector('english', "
                "coalesce(title, '') || ' ' || text) @@ q ORDER BY ts_rank(to_tsvector("
                "'english', coalesce(title, '') || ' ' || text), q) DESC LIMIT :n"),
                {"q": query, "n": limit}).all()
    return [{"document": r[0], "title": r[1], "source": r[2], "url": r[3], "published": r[4],
             "snippet": " ".join((r[5] or "").split())} for r in rows]


def plans(db: Database) -> list[dict[str, Any]]:
    """Announced events and what became of them (held event and the slip, or pending)."""
    with translate_errors(), db.session() as s:
        planned = list(s.scalars(select(EventRow).where(EventRow.status == "planned")))
        links = {p.planned_id: p for p in s.scalars(select(PlanLinkRow))}
    ids = [e.id for e in planned] + [p.held_id for p in links.values()]
    shaped = {int(e["id"][2:]): e for e in timeline(db, event_ids=ids)}
    out = []
    for ev in planned:
        lk = links.get(ev.id)
        out.append({"planned": shaped[ev.id],
                    "outcome": "held" if lk else "pending",
                    "held": shaped.get(lk.held_id) if lk else None,
                    "reasons": list(lk.reasons) if lk else []})
    out.sort(key=lambda p: _order(p["planned"]))
    return out
