"""Dates at the precision the text gives them, as day intervals.

"2023" is 2023-01-01..2023-12-31, "2023-06" is June, "2023-06-02" one day; an ISO interval
"2023-06-02/2023-11-30" (a document's estimated date window) is the span between its ends.
"""
from __future__ import annotations

import calendar
import functools
import re
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

Interval = tuple[date, date]


@functools.lru_cache(maxsize=8192)
def bounds(value: str | None) -> Interval | None:
    """First and last day an ISO date of any precision (or an ``a/b`` interval) can mean."""
    if not value:
        return None
    if "/" in value:
        lo_s, _, hi_s = value.partition("/")
        lo, hi = bounds(lo_s), bounds(hi_s)
        if lo is None or hi is None:
            return lo or hi
        return (min(lo[0], hi[0]), max(lo[1], hi[1]))
    m = _ISO.match(value.strip())
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return (d, d)
        if m.group(2):
            mo = int(m.group(2))
            return (date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]))
        return (date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        return None


def span(start: str | None, end: str | None) -> Interval | None:
    """The interval from ``start`` to ``end`` (either may be missing)."""
    lo, hi = bounds(start), bounds(end)
    if lo is None and hi is None:
        return None
    if lo is None:
        return hi
    if hi is None:
        return lo
    return (min(lo[0], hi[0]), max(lo[1], hi[1]))


def gap_days(a: Interval, b: Interval) -> int:
    """Days between two intervals; 0 when they overlap."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def precision(value: str | None) -> int:
    """Number of ISO components given: 0 (none), 1 (year), 2 (month), 3 (day)."""
    if not value:
        return 0
    m = _ISO.match(value.strip())
    if not m:
        return 0
    return 1 + (m.group(2) is not None) + (m.group(3) is not None)


def is_iso(value: object) -> bool:
    return isinstance(value, str) and bool(_ISO.fullmatch(value.strip()))
