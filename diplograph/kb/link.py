"""Incremental resolution: attach a new document's entities and events to resolved ones.

Matching itself is ``diplograph.resolve``'s job; this module finds the few candidates a new
fact could match through indexed columns (entity keys; an event's series, date window,
place or the report's date window) — never a scan of the whole base — calls the matcher,
and keeps the resolved rows' consensus values and disagreements up to date.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from diplograph.kb.models import (
    DocEntityRow, DocEventRow, DocumentRow, EntityKeyRow, EntityRow, EventRow, EventSourceRow,
    PlanLinkRow, SeriesRow, StatementRow,
)
from diplograph.resolve import (
    EventFacts, event_facts, match_events, merge_values, person_key, plan_outcome, same_person,
    series_display, series_key,
)
from diplograph.resolve.events import RECENT_REFERENCED

_FOLD = re.compile(r"[\W_]+")
# Candidate window for an undated event: the matcher's own horizon for "recently".
RECENT_DAYS = RECENT_REFERENCED.days
MAX_CANDIDATES = 64
# Announcements ("a summit in 2024") are followed up within a few years at most.
PLAN_YEARS = 3
_SET_FIELDS = {f.name for f in dataclasses.fields(EventFacts) if "frozenset" in str(f.type)}


def fold(s: str | None) -> str:
    return _FOLD.sub(" ", (s or "").lower()).strip()


# -- entities -------------------------------------------------------------------------

def entity_keys(row: DocEntityRow | EntityRow) -> set[str]:
    """Lookup keys: code for countries/EU, person key for persons, else names and acronym."""
    if row.code:
        return {f"code:{row.code.upper()}"}
    if row.type == "person":
        # Surname only ("vassilenko|r" → "vassilenko"): "Vassilenko" must find "Roman
        # Vassilenko"; ``same_person`` then decides between namesakes.
        keys = {person_key(n).partition("|")[0] for n in [row.name, *(row.aliases or [])]}
        return {f"person:{k}" for k in keys if k}
    kind = "place" if row.type == "region" else row.type
    names = [row.name, row.acronym or "", *(row.aliases or [])]
    return {f"{kind}:{fold(n)}" for n in names if fold(n)}


def resolve_entity(session: Session, de: DocEntityRow,
                   pending: dict[str, int] | None = None) -> None:
    """Attach ``de`` to the resolved entity one of its keys names, or to a new one.

    ``pending`` holds the keys earlier calls in the same transaction added: lookups read it
    before the table and run without autoflush, so one document's key rows are written in
    one flush at commit instead of one flush per entity (profiled: two thirds of store time
    on BBC reports went to those flushes)."""
    keys = entity_keys(de)
    if not keys:
        return
    pending = {} if pending is None else pending
    with session.no_autoflush:
        found = session.scalars(select(EntityKeyRow.entity_id).where(EntityKeyRow.key.in_(keys))
                                .distinct().limit(MAX_CANDIDATES)).all()
        ids = list(dict.fromkeys([pending[k] for k in sorted(keys) if k in pending] + list(found)))
        target: EntityRow | None = None
        for cand in (session.get(EntityRow, i) for i in ids[:MAX_CANDIDATES]):
            if cand is None:
                continue
            if de.type == "person" and not same_person(de.name, de.aliases, cand.name,
                                                       cand.aliases):
                continue
            target = cand
            break
    known: set[str] = set()
    if target is None:
        target = EntityRow(type=de.type, name=de.name, code=de.code, acronym=de.acronym,
                           country=de.country, aliases=[])
        session.add(target)
        session.flush()
    else:
        _absorb(target, de)
        with session.no_autoflush:
            known = set(session.scalars(select(EntityKeyRow.key)
                                        .where(EntityKeyRow.entity_id == target.id)))
        known |= {k for k, v in pending.items() if v == target.id}
    de.entity_id = target.id
    for key in sorted(entity_keys(de) | entity_keys(target)):
        if key not in known:
            session.add(EntityKeyRow(key=key, entity_id=target.id))
            known.add(key)
            pending[key] = target.id


def _absorb(target: EntityRow, de: DocEntityRow) -> None:
    """Grow a resolved entity with one more mention (cheap: no pass over its members)."""
    names = [target.name, *target.aliases, de.name, *(de.aliases or [])]
    # The fullest form is canonical: "Roman Vassilenko" over "Vassilenko".
    best = max((n for n in names if n), key=lambda n: (len(n.split()), len(n)))
    target.aliases = sorted({n for n in names if n and n != best})
    target.name = best
    target.code = target.code or de.code
    target.acronym = target.acronym or de.acronym
    target.country = target.country or de.country


def refresh_entity(session: Session, entity_id: int) -> None:
    """Rebuild a resolved entity from its remaining mentions; delete it when none is left."""
    members = session.scalars(select(DocEntityRow).where(DocEntityRow.entity_id == entity_id)
                              .order_by(DocEntityRow.id)).all()
    session.execute(delete(EntityKeyRow).where(EntityKeyRow.entity_id == entity_id))
    target = session.get(EntityRow, entity_id)
    if target is None:
        return
    if not members:
        session.execute(StatementRow.__table__.update().where(
            StatementRow.entity_id == entity_id).values(entity_id=None))
        session.delete(target)
        return
    first = members[0]
    target.name, target.aliases = first.name, []
    target.code, target.acronym, target.country = first.code, first.acronym, first.country
    for m in members[1:]:
        _absorb(target, m)
    for key in sorted(set().union(*(entity_keys(m) for m in members), entity_keys(target))):
        session.add(EntityKeyRow(key=key, entity_id=entity_id))


# -- events ---------------------------------------------------------------------------

def facts_to_json(f: Any) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, frozenset) else v
            for k, v in dataclasses.asdict(f).items()}


def facts_from_json(d: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(EventFacts)}
    return EventFacts(**{k: frozenset(v or ()) if k in _SET_FIELDS else v
                         for k, v in d.items() if k in names})


def _shift(iso: str, days: int) -> str:
    try:
        return (date.fromisoformat(iso[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return iso


def _candidates(session: Session, f: Any, exclude: set[int]) -> list[EventRow]:
    conds = []
    if f.series_key:
        base = f.series_key.partition("@")[0]
        conds += [EventRow.series_key == f.series_key, EventRow.series_key == base,
                  EventRow.series_key.like(base.replace("%", "") + "@%")]
    if f.date_start:
        year = f.date_start[:4]
        conds.append(EventRow.date_start.between(year, year + "~"))
    if f.location:
        conds.append(EventRow.location == f.location)
    if not f.date_start and f.doc_date:
        lo, _, hi = f.doc_date.partition("/")
        if len(lo) >= 10:
            conds.append(EventRow.date_start.between(_shift(lo, -RECENT_DAYS),
                                                     (hi or lo) + "~"))
    if not conds:
        return []
    q = select(EventRow).where(or_(*conds), EventRow.status == f.status)
    if exclude:
        q = q.where(EventRow.id.not_in(exclude))
    return list(session.scalars(q.order_by(EventRow.id.desc()).limit(MAX_CANDIDATES)))


def resolve_event(session: Session, de: DocEventRow, document: dict[str, Any],
                  taken: set[int]) -> int:
    """Attach ``de`` to the best matching resolved event (or a new one); returns its id."""
    f = event_facts(de.data, document)
    best: tuple[float, EventRow, tuple[str, ...]] | None = None
    for cand in _candidates(session, f, taken):
        m = match_events(f, facts_from_json(cand.facts))
        if m.same and (best is None or m.score > best[0]):
            best = (m.score, cand, tuple(m.reasons))
    if best is None:
        target = EventRow(type=de.type, name=de.name, status=de.status, data={}, facts={})
        session.add(target)
        session.flush()
        score, reasons = 1.0, ("first report",)
    else:
        score, target, reasons = best
    de.event_id = target.id
    session.add(EventSourceRow(doc_event_id=de.id, event_id=target.id, score=score,
                               reasons=list(reasons)))
    session.flush()
    refresh_event(session, target.id)
    link_plans(session, target)
    return target.id


def _members(session: Session, event_id: int) -> list[tuple[DocEventRow, DocumentRow]]:
    q = (select(DocEventRow, DocumentRow).join(DocumentRow, DocumentRow.id ==
                                              DocEventRow.document_id)
         .where(DocEventRow.event_id == event_id).order_by(DocumentRow.seq, DocEventRow.id))
    return [(e, d) for e, d in session.execute(q)]


def _merge(field: str, values: list[tuple[Any, str]],
           disagreements: list[dict[str, Any]]) -> Any:
    values = [(v, s) for v, s in values if v not in (None, "", [], {})]
    if not values:
        return None
    consensus, disagreement = merge_values(values, field.split(":")[0])
    if disagreement is not None:
        disagreements.append({"field": field, "values": disagreement["values"]})
    return consensus


def _ranked(lists: list[list[str]]) -> list[str]:
    """Union of lists, most frequent first, first-seen order among equals."""
    counts: Counter[str] = Counter(x for xs in lists for x in dict.fromkeys(xs))
    order = list(dict.fromkeys(x for xs in lists for x in xs))
    return sorted(order, key=lambda x: -counts[x])


def refresh_event(session: Session, event_id: int) -> None:
    """Recompute consensus values and disagreements of a resolved event from its sources."""
    target = session.get(EventRow, event_id)
    if target is None:
        return
    members = _members(session, event_id)
    if not members:
        session.delete(target)
        return
    evs = [(e.data, d.id) for e, d in members]
    dis: list[dict[str, Any]] = []
    out: dict[str, Any] = {"id": f"ev{event_id}"}
    for key in ("type", "name", "series", "acronym"):
        out[key] = _merge(key, [(ev.get(key), s) for ev, s in evs], [])
    out["ordinal"] = _merge("ordinal", [(ev.get("ordinal"), s) for ev, s in evs], dis)
    out["status"] = _merge("status", [(ev.get("status"), s) for ev, s in evs], dis)
    start = _merge("date", [((ev.get("date") or {}).get("start"), s) for ev, s in evs], dis)
    out["date"] = next((ev["date"] for ev, _ in evs
                        if ev.get("date") and ev["date"].get("start") == start), None)
    if out["date"] is None:
        out["date"] = next((ev["date"] for ev, _ in evs if ev.get("date")), None)
    place = _merge("location", [((ev.get("location") or {}).get("name"), s)
                                for ev, s in evs], dis)
    out["location"] = next((ev["location"] for ev, _ in evs
                            if ev.get("location") and ev["location"].get("name") == place),
                           None)
    out["participants"] = _ranked([ev.get("participants") or [] for ev, _ in evs])
    parties = _ranked([[d["party"] for d in ev.get("delegations") or []] for ev, _ in evs])
    delegations = []
    for party in parties:
        rows = [(d, s) for ev, s in evs for d in ev.get("delegations") or []
                if d["party"] == party]
        head = _merge(f"head:{party}", [(d.get("head"), s) for d, s in rows], dis)
        title = next((d.get("title") for d, _ in rows if d.get("head") == head
                      and d.get("title")), None)
        delegations.append({"party": party, "head": head, "title": title})
    out["delegations"] = delegations
    out["topics"] = _ranked([ev.get("topics") or [] for ev, _ in evs])
    out["type"] = out["type"] or target.type
    out["name"] = out["name"] or target.name
    out["status"] = out["status"] or target.status
    out["main"] = any(ev.get("main") for ev, _ in evs)
    out["disagreements"] = dis
    # The earliest report dates the event best when no report gives a date.
    first = min(members, key=lambda m: (m[1].published or m[1].date_latest or "~"))[1]
    facts = event_facts(out, {"id": None, "published": first.published, "date_estimate": {
        "earliest": first.date_earliest, "latest": first.date_latest}})
    target.type, target.name, target.status = out["type"], out["name"], out["status"]
    target.ordinal = out["ordinal"]
    target.series_key = facts.series_key
    target.date_start = (out["date"] or {}).get("start")
    target.location = (out["location"] or {}).get("name")
    target.location_country = (out["location"] or {}).get("country")
    target.data = out
    target.facts = facts_to_json(facts)
    if facts.series_key:
        _touch_series(session, facts.series_key, out.get("series") or out["name"],
                      out.get("acronym"))


def _touch_series(session: Session, key: str, name: str | None, acronym: str | None) -> None:
    known_name, known_acronym = series_display(key)
    if known_name and "@" in key:  # per-partner formats: "Cooperation Council (EU+KZ)"
        known_name = f"{known_name} ({key.partition('@')[2]})"
    name, acronym = known_name or name, known_acronym or acronym
    row = session.get(SeriesRow, key)
    if row is None:
        session.add(SeriesRow(key=key, name=name, acronym=acronym))
        session.flush()
        return
    if known_name:
        row.name, row.acronym = known_name, known_acronym or row.acronym
        return
    row.name = row.name if row.name and len(row.name) >= len(name or "") else name
    row.acronym = row.acronym or acronym


def link_plans(session: Session, ev: EventRow) -> None:
    """Link announced events to the held event they became (either may arrive first)."""
    f = facts_from_json(ev.facts)
    if ev.status == "planned":
        if session.get(PlanLinkRow, ev.id) is not None:
            return
        other_status = "held"
    else:
        other_status = "planned"
    conds = [EventRow.type == ev.type]
    if f.series_key:
        conds = [or_(EventRow.series_key == f.series_key, *conds)]
    q = select(EventRow).where(EventRow.status == other_status, *conds, EventRow.id != ev.id)
    if f.date_start:
        year = int(f.date_start[:4])
        lo, hi = (f"{year}", f"{year + PLAN_YEARS}~") if ev.status == "planned" else \
            (f"{year - PLAN_YEARS}", f"{year}~")
        q = q.where(or_(EventRow.date_start.between(lo, hi), EventRow.date_start.is_(None)))
    best: tuple[float, EventRow, tuple[str, ...]] | None = None
    for cand in session.scalars(q.order_by(EventRow.id.desc()).limit(MAX_CANDIDATES)):
        planned, held = (ev, cand) if ev.status == "planned" else (cand, ev)
        if ev.status == "held" and session.get(PlanLinkRow, cand.id) is not None:
            continue
        m = plan_outcome(facts_from_json(planned.facts), facts_from_json(held.facts))
        if m.same and (best is None or m.score > best[0]):
            best = (m.score, cand, tuple(m.reasons))
    if best is None:
        return
    planned, held = (ev, best[1]) if ev.status == "planned" else (best[1], ev)
    session.merge(PlanLinkRow(planned_id=planned.id, held_id=held.id, score=best[0],
                              reasons=list(best[2])))
