"""Extract stage: the document's date — ``published`` when stated, else the window its content implies.

``timeline`` gives the other stages "now" for relative expressions (the ``anchor``):
1. the publication date: normalisation's, a "Published: ..." line, a dated dateline, or a
   dateline's day and month ("XI'AN, May 19 (Xinhua) --") in the year the report's own dates
   imply (the latest year it tells in the past tense, when every past date of that year lies
   before the dateline's day and every future date after it; where the lead says "on Friday",
   the first year from that one whose day is a Friday), or a byline's date;
2. else the latest explicit full date told in the past tense, as a floor: "now" is that day
   or later, so "on Tuesday" is the first Tuesday from it;
3. else a year read off explicit dates: the latest past one (month precision or year), the year
   before the first future one, or the latest one. Periods ("since 1992", "2007-2013") and
   historical years (a decade or more before another year the report names) are left out.
A year read that way is an estimate: relative dates resolved against it ("next year") do not
bound the document's date window.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from diplograph.extract import dates
from diplograph.extract.context import Context
from diplograph.extract.tense import date_tenses
from diplograph.model import DateEstimate, EventDate
from diplograph.normalize import dateline

_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|date)\s*(?:on)?\s*[:\-]?\s*(.{6,40}?)\s*$", re.IGNORECASE | re.MULTILINE)
# What stands before a dateline's date: "BRUSSELS, ", "BAKU, Azerbaijan, ", "ASTANA. ", "XI'AN, ",
# "BISHKEK, KYRGYZ REPUBLIC (" (a press release's bracketed date).
_DATELINE_HEAD = re.compile(
    r"[A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){0,3}(?:,\s*[A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){0,2})?"
    r"(?:[.,]\s+|\s+\()")
# What follows it: "(Xinhua)", "- ", ". KAZINFORM", ". The ..." (Trend's full stop), ") —".
_DATELINE_TAIL = re.compile(r"\s*(?:\(|\)|/|--|[-–—]|[.,]\s)")
# A byline line dating the report: "Merve Aydın |23.10.2025 - Update : 23.10.2025", "By X · 3 May 2024".
_BYLINE_DATE = re.compile(r"^[A-Z][^\n|·]{1,58}[|·]\s*([^\n|·]{6,30}?)(?=\s+[-–|·]|\s*$)", re.MULTILINE)
_BYLINE_REACH = 400
# A year-less dateline's day is the day of the weekday its lead names ("MOSCOW, June 27 (Reuter) -
# ... signed on Friday"): the first year from the report's latest past year where they agree.
# A day's weekday moves on one or two a year; a guess further than seven years from the
# report's own latest year is no longer evidence, so none is made.
_WEEKDAY_YEARS = 7
_DATELINE_REACH = 80
_DAY_KINDS = frozenset({"iso", "numeric", "dmy", "mdy"})
_RANGE_KINDS = frozenset({"dmy_range", "mdy_range"})
# ("for 2026": a target, "approved the work plan for 2026", not a time the report tells of)
_PERIOD_PREPS = frozenset({"since", "from", "until", "till", "between", "for"})
# A past year this much older than another year the report names is history, not "now":
# reports name plans and deadlines up to about a decade ahead ("by 2030"), never further back
# than the events they report on. Calibrated on the BBC dev texts (1984 next to 2007-2013).
HISTORICAL_GAP = 10


@dataclass(frozen=True, slots=True)
class Timeline:
    found: list[dates.Found]
    tenses: list[dates.Tense]
    anchor: dates.Anchor | None
    published: str | None
    estimated: bool          # the anchor is a year read off the text, not a stated date


def _full(v: dates.DateValue | None) -> str | None:
    return v.start if v is not None and len(v.start) == 10 and v.start == v.end else None


def dateline_date(text: str) -> dates.Found | None:
    """The date of a dateline opening ``text``, with or without its year."""
    for f in dates.find(text[:_DATELINE_REACH + 40]):
        if f.start > _DATELINE_REACH:
            break
        if (f.kind in _DAY_KINDS and _DATELINE_HEAD.fullmatch(text, 0, f.start)
                and _DATELINE_TAIL.match(text, f.end)):
            return f
    return None


def stated_published(text: str) -> str | None:
    """A publication date the text states itself: a "Published: ..." line or a dated dateline."""
    m = _PUBLISHED.search(text)
    if m:
        v = _full(dates.normalize(m.group(1)))
        if v:
            return v
    f = dateline_date(text)
    if f is not None:
        return _full(dates.resolve(f, None))
    for m in _BYLINE_DATE.finditer(text, 0, _BYLINE_REACH):
        v = _full(dates.normalize(m.group(1)))
        if v:
            return v
    return None


def _explicit_year(f: dates.Found) -> bool:
    return f.kind in ("iso", "numeric", "month_year", "year", "part_year", "season", "year_range") or (
        f.kind in ("dmy", "mdy") and bool(f.groups[2])) or (f.kind in _RANGE_KINDS and bool(f.groups[3]))


def _dated(found: list[dates.Found], tenses: list[dates.Tense]
           ) -> list[tuple[dates.Found, dates.DateValue, dates.Tense]]:
    out = []
    for f, t in zip(found, tenses):
        if not _explicit_year(f) or f.kind == "year_range":
            continue
        if f.kind == "year" and (f.groups[0] or "").lower() in _PERIOD_PREPS:
            continue
        v = dates.resolve(f, None, t)
        if v is not None:
            out.append((f, v, t))
    return out


def _dateline_year(text: str, dated: list[tuple[dates.Found, dates.DateValue, dates.Tense]]) -> str | None:
    """The dateline's day and month in the year the report's past dates imply, when consistent."""
    f = dateline_date(text)
    if f is None or (f.kind in ("dmy", "mdy") and f.groups[2]):
        return None
    past = [(v.start, v.end) for g, v, t in dated if t == "past" and g.start >= f.end]
    if not past:
        return None
    year = max(int(e[:4]) for _, e in past)
    weekday = _lead_weekday(text, f.end)
    if weekday is not None:
        # A past date only has to have begun by then: "approved the work plan for 2026".
        day = _weekday_year(f, year, weekday, max(dates.first_day(b) for b, _ in past))
    else:
        day = _full(dates.resolve(f, dates.Anchor(year)))
        if day is not None and any(dates.last_day(e) > day for _, e in past):
            return None
    if day is None:
        return None
    if any(dates.last_day(v2.end) < day for g, v2, t in dated if t == "future"):
        return None
    return day


def _lead_weekday(text: str, start: int) -> int | None:
    """The weekday ("on Friday") the lead sentence after a dateline names, if any."""
    head = dateline.parse(text)  # past the dateline's credit too ("May 30. /TASS/. The ...")
    start = max(start, head.end if head is not None else 0)
    end = text.find(". ", start + 3)   # past the dateline's own full stop ("March 19. The ...")
    for g in dates.find(text[start:end if end > 0 else None]):
        if g.kind == "weekday" and (g.groups[0] or "").lower() == "on":
            return dates.WEEKDAYS.get(g.groups[1].lower())
    return None


def _weekday_year(f: dates.Found, floor: int, weekday: int, after: str) -> str | None:
    for year in range(floor, floor + _WEEKDAY_YEARS):
        day = _full(dates.resolve(f, dates.Anchor(year)))
        if day and day >= after and dt.date.fromisoformat(day).weekday() == weekday:
            return day
    return None


def timeline(ctx: Context) -> Timeline:
    text = ctx.text
    found = dates.find(text)
    tenses = date_tenses(ctx.doc, found)
    dated = _dated(found, tenses)
    published = ctx.document.published or stated_published(text) or _dateline_year(text, dated)
    if published:
        return Timeline(found, tenses, dates.Anchor.from_iso(published), published, False)
    days = [v.end for f, v, t in dated if f.kind in _DAY_KINDS | _RANGE_KINDS and t != "future"]
    if days:
        a = dates.Anchor.from_iso(max(days))
        return Timeline(found, tenses, dates.Anchor(a.year, a.month, a.day, True) if a else None, None, False)
    latest = max((int(v.end[:4]) for _, v, _ in dated), default=0)
    latest = max([latest] + [int(v.end[:4]) for f, t in zip(found, tenses) if f.kind == "year_range"
                             for v in [dates.resolve(f, None, t)] if v is not None])
    past, future, other = [], [], []
    for f, v, t in dated:
        year = int(v.end[:4])
        if t == "past" and latest - year >= HISTORICAL_GAP:
            continue
        (future if t == "future" else past if t == "past" else other).append(year)
    year = max(past) if past else min(future) - 1 if future else max(other) if other else None
    return Timeline(found, tenses, dates.Anchor(year) if year else None, None, year is not None)


def _held_until(d: EventDate) -> str:
    """The day a held event is known to have run to: a day range's last day ("on 11-14 February"),
    else the first day of its period ("in May" may have been any day of it)."""
    end = d.end or ""
    return end if len(end) == 10 and len(d.start or "") == 10 else dates.first_day(d.start or "")


def _self_dated(text: str | None) -> bool:
    return bool(text and re.search(r"\b\d{4}\b", text))


def run(ctx: Context) -> None:
    doc = ctx.document
    tl = timeline(ctx)
    if not doc.published:
        doc.published = tl.published
    if doc.published:
        return
    # Dates resolved against a guessed year say nothing new about when the report was written.
    usable = [e for e in ctx.events if e.date and e.date.start and (not tl.estimated or _self_dated(e.date.text))]
    held = [e.date for e in usable if e.status == "held"]
    planned = [e.date for e in usable if e.status == "planned"]
    earliest = max((_held_until(d) for d in held if d), default=None)
    latest = min((dates.last_day(d.end or d.start or "") for d in planned if d), default=None)
    if earliest and latest and earliest > latest:
        return
    if earliest or latest:
        doc.date_estimate = DateEstimate(earliest, latest)
