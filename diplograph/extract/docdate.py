"""Extract stage: the document's date — ``published`` when stated, else the window its content implies.

``reference`` gives the other stages "now" for relative expressions: the publication date,
else the latest explicit full date the report tells in the past tense, else a year read off
the explicit years (the latest past one; with none, the year before the first future one;
with neither, the latest one).
Explicit dates come first so that "this year" never anchors itself.
"""
from __future__ import annotations

import re

from diplograph.extract import dates
from diplograph.extract.context import Context
from diplograph.model import DateEstimate

_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated|date)\s*[:\-]?\s*(.{6,40}?)\s*$", re.IGNORECASE | re.MULTILINE)
# A date in the dateline: "ASTANA, June 2 (Reuters) -", "ASTANA. 02.06.2023. KAZINFORM -".
_DATELINE = re.compile(r"^[A-Z][A-Za-z\-]+[.,]\s+(.{6,30}?)\s*(?:\(|[.,]?\s+[A-Z]{3,}|\s+[-–—])")
_EXPLICIT_DAY = frozenset({"iso", "numeric"})


def _full(v: dates.DateValue | None) -> str | None:
    return v.start if v is not None and len(v.start) == 10 and v.start == v.end else None


def stated_published(text: str) -> str | None:
    """A publication date the text states itself: a "Published: ..." line or the dateline."""
    for rx in (_PUBLISHED, _DATELINE):
        m = rx.search(text[:400]) if rx is _DATELINE else rx.search(text)
        if m:
            v = _full(dates.normalize(m.group(1)))
            if v:
                return v
    return None


def _explicit_year(f: dates.Found) -> bool:
    return f.kind in ("iso", "numeric", "month_year", "year", "part_year", "season", "year_range") or (
        f.kind in ("dmy", "mdy") and bool(f.groups[2]))


def reference(ctx: Context, found: list[dates.Found], tenses: list[dates.Tense]) -> dates.Anchor | None:
    doc = ctx.document
    if doc.published:
        return dates.Anchor.from_iso(doc.published)
    stated = stated_published(ctx.text)
    if stated:
        return dates.Anchor.from_iso(stated)
    days: list[str] = []
    past_years: list[int] = []
    future_years: list[int] = []
    other_years: list[int] = []
    for f, t in zip(found, tenses):
        if not _explicit_year(f):
            continue
        v = dates.resolve(f, None, t)
        if v is None:
            continue
        if len(v.start) == 10 and t != "future":
            days.append(v.start)
        bucket = future_years if t == "future" else past_years if t == "past" else other_years
        bucket.append(int(v.end[:4]))
    if days:
        return dates.Anchor.from_iso(max(days))
    if past_years:
        return dates.Anchor(max(past_years))
    if future_years:
        return dates.Anchor(min(future_years) - 1)
    if other_years:
        return dates.Anchor(max(other_years))
    return None


def run(ctx: Context) -> None:
    doc = ctx.document
    if not doc.published:
        doc.published = stated_published(ctx.text)
    if doc.published:
        return
    held = [e.date for e in ctx.events if e.status == "held" and e.date and e.date.start]
    planned = [e.date for e in ctx.events if e.status == "planned" and e.date and e.date.start]
    earliest = max((dates.first_day(d.end or d.start or "") for d in held), default=None)
    latest = min((dates.last_day(d.end or d.start or "") for d in planned), default=None)
    if earliest and latest and earliest > latest:
        return
    if earliest or latest:
        doc.date_estimate = DateEstimate(earliest, latest)
