"""Temporary stand-in for ``diplograph.resolve`` (the CONTRACT), used only while that package
is absent. Deliberately simple; the real matching lives in diplograph/resolve/."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

_FOLD = re.compile(r"[^a-z0-9]+")


def _fold(s: str | None) -> str:
    return _FOLD.sub(" ", (s or "").lower()).strip()


@dataclass(frozen=True, slots=True)
class EventFacts:
    name: str
    type: str
    series_key: str | None
    series: str | None
    acronym: str | None
    ordinal: int | None
    status: str
    date_start: str | None
    date_end: str | None
    location: str | None
    location_country: str | None
    participants: frozenset[str]
    heads: frozenset[str]
    doc_date: str | None


@dataclass(frozen=True, slots=True)
class Match:
    same: bool
    score: float
    reasons: tuple[str, ...]


def series_key(series: str | None, acronym: str | None, name: str | None) -> str | None:
    if acronym:
        return acronym.upper()
    if series:
        return "".join(w[0] for w in _fold(series).split()).upper() or None
    return None


def event_facts(event: dict[str, Any], document: dict[str, Any]) -> EventFacts:
    date = event.get("date") or {}
    loc = event.get("location") or {}
    est = document.get("date_estimate") or {}
    return EventFacts(
        name=event.get("name") or "", type=event.get("type") or "other",
        series_key=series_key(event.get("series"), event.get("acronym"), event.get("name")),
        series=event.get("series"), acronym=event.get("acronym"), ordinal=event.get("ordinal"),
        status=event.get("status") or "held", date_start=date.get("start"),
        date_end=date.get("end"), location=loc.get("name"), location_country=loc.get("country"),
        participants=frozenset(event.get("participants") or ()),
        heads=frozenset(d["head"] for d in event.get("delegations") or () if d.get("head")),
        doc_date=document.get("published") or est.get("latest"))


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def match_events(a: EventFacts, b: EventFacts) -> Match:
    reasons: list[str] = []
    if a.status != b.status:
        return Match(False, 0.0, ("status differs",))
    if a.series_key and b.series_key:
        if a.series_key != b.series_key:
            return Match(False, 0.0, ("series differs",))
        reasons.append(f"same series {a.series_key}")
        if a.ordinal and b.ordinal:
            if a.ordinal != b.ordinal:
                return Match(False, 0.0, ("round differs",))
            reasons.append(f"same round {a.ordinal}")
    if not _compatible(a.date_start, b.date_start):
        return Match(False, 0.0, ("date differs",))
    if a.date_start and b.date_start:
        reasons.append("same date")
    if a.location and b.location and _fold(a.location) == _fold(b.location):
        reasons.append("same place")
    shared = a.participants & b.participants
    if shared:
        reasons.append("shared participants")
    score = len(reasons) / 4
    return Match(score >= 0.5, score, tuple(reasons))


def plan_outcome(planned: EventFacts, held: EventFacts) -> Match:
    if planned.status != "planned" or held.status != "held":
        return Match(False, 0.0, ())
    if not (planned.series_key and planned.series_key == held.series_key) and \
            _fold(planned.name) != _fold(held.name):
        return Match(False, 0.0, ())
    reasons = ["same series" if planned.series_key else "same name"]
    if planned.date_start and held.date_start and not held.date_start.startswith(
            planned.date_start):
        reasons.append(f"planned for {planned.date_start}, held {held.date_start}")
    return Match(True, 0.8, tuple(reasons))


def person_key(name: str) -> str:
    parts = _fold(name).split()
    return parts[-1] if parts else ""


def same_person(a_name: str, a_aliases: Any, b_name: str, b_aliases: Any) -> bool:
    a = {_fold(a_name), *(_fold(x) for x in a_aliases or ())}
    b = {_fold(b_name), *(_fold(x) for x in b_aliases or ())}
    if a & b:
        return True
    fa, fb = _fold(a_name).split(), _fold(b_name).split()
    return bool(fa and fb and fa[-1] == fb[-1] and (len(fa) == 1 or len(fb) == 1
                                                     or fa[0][0] == fb[0][0]))


def merge_values(values: list[tuple[Any, str]]) -> tuple[Any, Any]:
    present = [(v, s) for v, s in values if v not in (None, "", [], {})]
    if not present:
        return None, None
    counts = Counter(repr(v) for v, _ in present)
    best = max(present, key=lambda vs: counts[repr(vs[0])])[0]
    distinct = {repr(v) for v, _ in present}
    return best, (present if len(distinct) > 1 else None)
