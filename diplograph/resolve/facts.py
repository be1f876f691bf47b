"""What one report says about one event, reduced to the facts resolution compares."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from diplograph.resolve.series import (fold, from_participants, ordinal_in, reduce_name,
                                       series_key, with_partners)


@dataclass(frozen=True, slots=True)
class EventFacts:
    """One event as one report gives it.

    ``doc_date`` is the report's publication date, else its estimated window written as an
    ISO interval ("2023-06-02/2023-11-30"); it dates an event the report leaves undated
    ("recently", "this week"). ``document``/``event`` identify where the facts came from.
    """

    name: str
    type: str | None = None
    series_key: str | None = None
    series: str | None = None
    acronym: str | None = None
    ordinal: int | None = None
    status: str = "held"
    date_start: str | None = None
    date_end: str | None = None
    location: str | None = None
    location_country: str | None = None
    participants: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    doc_date: str | None = None
    main: bool = True
    document: str | None = None
    event: str | None = None


def _doc_date(document: dict[str, Any]) -> str | None:
    if document.get("published"):
        return str(document["published"])
    est = document.get("date_estimate") or {}
    lo, hi = est.get("earliest"), est.get("latest")
    if lo and hi:
        return f"{lo}/{hi}"
    return lo or hi or None


def event_facts(event: dict[str, Any], document: dict[str, Any]) -> EventFacts:
    """Facts of one record event (``record["events"][i]``) within its ``record["document"]``."""
    name = event.get("name") or ""
    date = event.get("date") or {}
    loc = event.get("location") or {}
    ordinal = event.get("ordinal")
    if ordinal is None:
        ordinal = ordinal_in(name)
    heads = frozenset(d["head"] for d in event.get("delegations") or [] if d.get("head"))
    participants = frozenset(p for p in event.get("participants") or [] if p)
    key = (series_key(event.get("series"), event.get("acronym"), name or None)
           or from_participants(name, participants))
    return EventFacts(
        name=name,
        type=event.get("type"),
        series_key=with_partners(key, participants),
        series=event.get("series"),
        acronym=event.get("acronym"),
        ordinal=int(ordinal) if ordinal is not None else None,
        status=event.get("status") or "held",
        date_start=date.get("start"),
        date_end=date.get("end"),
        location=loc.get("name"),
        location_country=loc.get("country"),
        participants=participants,
        heads=heads,
        doc_date=_doc_date(document),
        main=bool(event.get("main", True)),
        document=document.get("id"),
        event=event.get("id"),
    )


def place_key(name: str | None) -> str | None:
    """Folded canonical place name: "Nur-Sultan" and "the capital Astana" are Astana."""
    if not name:
        return None
    from diplograph.knowledge import gazetteer

    known = gazetteer.place(name)
    key = fold(known.name if known else name)
    return key[4:] if key.startswith("the ") else key


def record_facts(record: dict[str, Any]) -> list[EventFacts]:
    """Facts of every event of one record, in order.

    A referenced event named only generically ("the previous, tenth round of the dialogue")
    is taken to belong to the series of the report's main event when its words are a part
    of the main event's name and the types agree: the definite "the dialogue" points back to
    the dialogue the report is about.
    """
    doc = record.get("document") or {}
    facts = [event_facts(ev, doc) for ev in record.get("events") or []]
    main = next((f for f in facts if f.main and f.series_key), None)
    if main is None:
        return facts
    main_words = reduce_name(main.name).residual | reduce_name(main.series or "").residual
    out = []
    for f in facts:
        if f is not main and f.series_key is None and f.type == main.type:
            words = reduce_name(f.name).residual
            if words and words <= main_words:
                f = replace(f, series_key=main.series_key)
        out.append(f)
    return out
