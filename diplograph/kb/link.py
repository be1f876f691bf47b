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
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from diplograph.kb.models import (
    DocEntityRow, DocEventRow, DocumentRow, EntityKeyRow, EntityRow, EventRow, EventSourceRow,
    PlanLinkRow, SeriesRow, StatementRow,
)
from diplograph.resolve import (
    EventFacts, event_facts, match_events, merge_values, person_key, plan_outcome, same_person,
    series_display,
)
from diplograph.resolve.events import RECENT_REFERENCED

_FOLD = re.compile(r"[\W_]+")
# Candidate window for an undated event: the matcher's own horizon for "recently".
RECENT_DAYS = RECENT_REFERENCED.days
MAX_CANDIDATES = 64
# Announcements ("a summit in 2024") are followed up within a few years at most.
PLAN_YEARS = 3
_EV, _DE, _DOC = EventRow.__table__, DocEventRow.__table__, DocumentRow.__table__
_SRC, _PLAN, _SER = EventSourceRow.__table__, PlanLinkRow.__table__, SeriesRow.__table__
_SET_FIELDS = {f.name for f in dataclasses.fields(EventFacts) if "frozenset" in str(f.type)}


def fold(s: str | None) -> str:
    return _FOLD.sub(" ", (s or "").lower()).strip()


# -- entities -------------------------------------------------------------------------

def entity_keys(row: "DocEntityRow | EntityRow | EntityForm") -> set[str]:
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


@dataclasses.dataclass(slots=True)
class EntityForm:
    """The resolvable fields of an entity: a document's mention or a resolved entity."""

    type: str
    name: str
    code: str | None = None
    acronym: str | None = None
    country: str | None = None
    aliases: list[str] = dataclasses.field(default_factory=list)


def insert_ignore(conn: Connection, table: Table) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


def resolve_entities(conn: Connection, mentions: Sequence[EntityForm]) -> list[int | None]:
    """Resolved entity id of each mention of one document (None: nothing to resolve by).

    A mention joins the first resolved entity one of its keys names (for people, the first
    ``same_person`` accepts), else a new one. Two queries fetch every candidate of the whole
    document; new entities, changed entities and new keys are written in one statement
    each at the end (new entities carry placeholder ids until then). Profiled: the
    per-mention ORM flushes this replaces took two thirds of the store's time."""
    ent_t, key_t = EntityRow.__table__, EntityKeyRow.__table__
    keysets = [entity_keys(m) for m in mentions]
    wanted = sorted(set().union(*keysets))
    stored: dict[str, list[int]] = {}  # key -> ids already in the base, oldest first
    if wanted:
        for key, eid in conn.execute(select(key_t.c.key, key_t.c.entity_id)
                                     .where(key_t.c.key.in_(wanted))
                                     .order_by(key_t.c.entity_id)):
            stored.setdefault(key, []).append(eid)
    known: dict[int, EntityForm] = {}
    ids = sorted({i for v in stored.values() for i in v})
    if ids:
        for row in conn.execute(select(ent_t).where(ent_t.c.id.in_(ids))):
            known[row.id] = EntityForm(row.type, row.name, row.code, row.acronym, row.country,
                                       list(row.aliases or []))
    before = {i: dataclasses.replace(f, aliases=list(f.aliases)) for i, f in known.items()}
    added: dict[str, list[int]] = {}  # keys this document added: searched first
    new_keys: dict[tuple[str, int], None] = {}
    created: list[EntityForm] = []
    out: list[int | None] = []
    for m, keys in zip(mentions, keysets):
        if not keys:
            out.append(None)
            continue
        cands = list(dict.fromkeys([i for k in sorted(keys) for i in added.get(k, ())]
                                   + [i for k in sorted(keys) for i in stored.get(k, ())]))
        target_id = next((i for i in cands[:MAX_CANDIDATES] if i in known and (
            m.type != "person" or same_person(m.name, m.aliases, known[i].name,
                                              known[i].aliases))), None)
        if target_id is None:  # a new entity: a placeholder id until it is inserted
            target = EntityForm(m.type, m.name, m.code, m.acronym, m.country, [])
            target_id = -len(created) - 1
            created.append(target)
            known[target_id] = target
        else:
            target = known[target_id]
            _absorb(target, m)
        for key in sorted(keys | entity_keys(target)):
            if target_id not in stored.get(key, ()) and target_id not in added.get(key, ()):
                added.setdefault(key, []).append(target_id)
                new_keys[(key, target_id)] = None
        out.append(target_id)
    if created:
        real = conn.execute(insert(ent_t).returning(ent_t.c.id, sort_by_parameter_order=True), [
            {"type": f.type, "name": f.name, "code": f.code, "acronym": f.acronym,
             "country": f.country, "aliases": f.aliases} for f in created]).scalars().all()
        ids_of = {-n - 1: i for n, i in enumerate(real)}
        out = [ids_of.get(i, i) if i is not None else None for i in out]
        new_keys = {(k, ids_of.get(i, i)): None for k, i in new_keys}
    changed = [{"b_id": i, "b_name": f.name, "b_code": f.code, "b_acronym": f.acronym,
                "b_country": f.country, "b_aliases": f.aliases}
               for i, f in known.items() if i in before and f != before[i]]
    if changed:
        conn.execute(update(ent_t).where(ent_t.c.id == bindparam("b_id")).values(
            name=bindparam("b_name"), code=bindparam("b_code"), acronym=bindparam("b_acronym"),
            country=bindparam("b_country"), aliases=bindparam("b_aliases")), changed)
    if new_keys:
        conn.execute(insert_ignore(conn, key_t),
                     [{"key": k, "entity_id": i} for k, i in new_keys])
    return out


def _absorb(target: "EntityRow | EntityForm", de: "DocEntityRow | EntityForm") -> None:
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


def _candidates(conn: Connection, f: Any, exclude: set[int]) -> list[Any]:
    """Resolved events ``f`` could be (rows of id and facts), through indexed columns."""
    ev = _EV.c
    conds = []
    if f.series_key:
        base = f.series_key.partition("@")[0]
        conds += [ev.series_key == f.series_key, ev.series_key == base,
                  ev.series_key.like(base.replace("%", "") + "@%")]
    if f.date_start:
        year = f.date_start[:4]
        conds.append(ev.date_start.between(year, year + "~"))
    if f.location:
        conds.append(ev.location == f.location)
    if not f.date_start and f.doc_date:
        lo, _, hi = f.doc_date.partition("/")
        if len(lo) >= 10:
            conds.append(ev.date_start.between(_shift(lo, -RECENT_DAYS), (hi or lo) + "~"))
    if not conds:
        return []
    q = select(ev.id, ev.facts).where(or_(*conds), ev.status == f.status)
    if exclude:
        q = q.where(ev.id.not_in(exclude))
    return list(conn.execute(q.order_by(ev.id.desc()).limit(MAX_CANDIDATES)))


def resolve_event(conn: Connection, row: dict[str, Any], document: dict[str, Any],
                  taken: set[int]) -> int:
    """Store a document's event (``row``: the ``doc_events`` columns, its record event dict
    under ``data``) attached to the best matching resolved event, or to a new one; returns
    the resolved event's id."""
    f = event_facts(row["data"], document)
    best: tuple[float, int, tuple[str, ...]] | None = None
    for cand in _candidates(conn, f, taken):
        m = match_events(f, facts_from_json(cand.facts))
        if m.same and (best is None or m.score > best[0]):
            best = (m.score, cand.id, tuple(m.reasons))
    if best is None:
        event_id = conn.execute(insert(_EV).returning(_EV.c.id), {
            "type": row["type"], "name": row["name"], "status": row["status"], "data": {},
            "facts": {}}).scalar_one()
        score, reasons = 1.0, ("first report",)
    else:
        score, event_id, reasons = best
    doc_event_id = conn.execute(insert(_DE).returning(_DE.c.id),
                                {**row, "event_id": event_id}).scalar_one()
    conn.execute(insert(_SRC), {"doc_event_id": doc_event_id, "event_id": event_id,
                                "score": score, "reasons": list(reasons)})
    consensus = refresh_event(conn, event_id)
    if consensus is not None:
        link_plans(conn, event_id, *consensus)
    return event_id


def _members(conn: Connection, event_id: int) -> list[Any]:
    """(record event dict, document id, published, date window) of each source, in order."""
    q = (select(_DE.c.data, _DOC.c.id, _DOC.c.published, _DOC.c.date_earliest,
                _DOC.c.date_latest)
         .join(_DOC, _DOC.c.id == _DE.c.document_id)
         .where(_DE.c.event_id == event_id).order_by(_DOC.c.seq, _DE.c.id))
    return list(conn.execute(q))


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


def refresh_event(conn: Connection, event_id: int) -> tuple[str, str, dict[str, Any]] | None:
    """Recompute consensus values and disagreements of a resolved event from its sources
    (deleting it when none is left); returns its (type, status, facts) if it remains."""
    members = _members(conn, event_id)
    if not members:
        conn.execute(delete(_EV).where(_EV.c.id == event_id))
        return None
    evs = [(m.data, m.id) for m in members]
    lead = evs[0][0]
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
    out["type"] = out["type"] or lead.get("type")
    out["name"] = out["name"] or lead.get("name") or ""
    out["status"] = out["status"] or lead.get("status") or "held"
    out["main"] = any(ev.get("main") for ev, _ in evs)
    out["disagreements"] = dis
    # The earliest report dates the event best when no report gives a date.
    first = min(members, key=lambda m: (m.published or m.date_latest or "~"))
    facts = event_facts(out, {"id": None, "published": first.published, "date_estimate": {
        "earliest": first.date_earliest, "latest": first.date_latest}})
    facts_json = facts_to_json(facts)
    where = (out.get("location") or {})
    conn.execute(update(_EV).where(_EV.c.id == event_id).values(
        type=out["type"], name=out["name"], status=out["status"], ordinal=out["ordinal"],
        series_key=facts.series_key, date_start=(out["date"] or {}).get("start"),
        location=where.get("name"), location_country=where.get("country"), data=out,
        facts=facts_json))
    if facts.series_key:
        _touch_series(conn, facts.series_key, out.get("series") or out["name"],
                      out.get("acronym"))
    return out["type"], out["status"], facts_json


def _touch_series(conn: Connection, key: str, name: str | None, acronym: str | None) -> None:
    known_name, known_acronym = series_display(key)
    if known_name and "@" in key:  # per-partner formats: "Cooperation Council (EU+KZ)"
        known_name = f"{known_name} ({key.partition('@')[2]})"
    name, acronym = known_name or name, known_acronym or acronym
    row = conn.execute(select(_SER.c.name, _SER.c.acronym).where(_SER.c.key == key)).first()
    if row is None:
        conn.execute(insert(_SER), {"key": key, "name": name, "acronym": acronym})
        return
    if known_name:
        new = (known_name, known_acronym or row.acronym)
    else:
        new = (row.name if row.name and len(row.name) >= len(name or "") else name,
               row.acronym or acronym)
    if new != (row.name, row.acronym):
        conn.execute(update(_SER).where(_SER.c.key == key).values(name=new[0], acronym=new[1]))


def link_plans(conn: Connection, event_id: int, type_: str, status: str,
               facts: dict[str, Any]) -> None:
    """Link announced events to the held event they became (either may arrive first)."""
    ev, plan = _EV.c, _PLAN.c
    f = facts_from_json(facts)
    if status == "planned":
        if conn.execute(select(plan.planned_id).where(plan.planned_id == event_id)).first():
            return
        other_status = "held"
    else:
        other_status = "planned"
    conds = [ev.type == type_]
    if f.series_key:
        conds = [or_(ev.series_key == f.series_key, *conds)]
    q = (select(ev.id, ev.facts, plan.planned_id.label("linked"))
         .outerjoin(_PLAN, plan.planned_id == ev.id)
         .where(ev.status == other_status, *conds, ev.id != event_id))
    if f.date_start:
        year = int(f.date_start[:4])
        lo, hi = (f"{year}", f"{year + PLAN_YEARS}~") if status == "planned" else \
            (f"{year - PLAN_YEARS}", f"{year}~")
        q = q.where(or_(ev.date_start.between(lo, hi), ev.date_start.is_(None)))
    best: tuple[float, int, tuple[str, ...]] | None = None
    for cand in conn.execute(q.order_by(ev.id.desc()).limit(MAX_CANDIDATES)):
        if status == "held" and cand.linked is not None:
            continue  # that announcement already became another event
        other = facts_from_json(cand.facts)
        planned, held = (f, other) if status == "planned" else (other, f)
        m = plan_outcome(planned, held)
        if m.same and (best is None or m.score > best[0]):
            best = (m.score, cand.id, tuple(m.reasons))
    if best is None:
        return
    planned_id, held_id = (event_id, best[1]) if status == "planned" else (best[1], event_id)
    conn.execute(delete(_PLAN).where(plan.planned_id == planned_id))
    conn.execute(insert(_PLAN), {"planned_id": planned_id, "held_id": held_id,
                                 "score": best[0], "reasons": list(best[2])})
