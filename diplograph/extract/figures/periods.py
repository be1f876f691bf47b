"""The period a figure covers: a rate right after it ("per year") and time expressions in its clause."""
from __future__ import annotations

import re
from collections.abc import Collection

from diplograph.extract import dates
from diplograph.model import Period

_RATE = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?((?:a|an|per|each|every)\s+(?:year|annum|month|week|day|quarter)|annually|yearly|monthly)\b",
    re.IGNORECASE,
)
# Durations the dates module leaves alone because nothing anchors them ("over a decade").
_DURATION = re.compile(
    r"\b(?:over|for|within|during)\s+(?:a|one|the\s+next|the\s+last|the\s+past)?\s*"
    r"(?:\w+\s+)?(?:decades?|years?|months?)\b(?!\s+(?:ago|old))",
    re.IGNORECASE,
)
_LEAD_PREP = re.compile(r"\b(?:over|in|during|for|within|throughout)\s+$", re.IGNORECASE)
_OPEN_START = frozenset({"until", "till", "by", "before"})
_OPEN_END = frozenset({"since", "from", "after"})


def rate_after(text: str, end: int) -> tuple[int, int] | None:
    """Span of "a year" / "per year" right after a figure (a conversion in brackets may sit between)."""
    m = _RATE.match(text, end)
    return m.span(1) if m else None


def find(text: str, start: int, end: int, allowed: Collection[int],
         anchor: dates.Anchor | None, rate: tuple[int, int] | None) -> Period | None:
    """The period stated in ``text[start:end]``, keeping expressions that begin at a char in ``allowed``."""
    chunk = text[start:end]
    parts: list[tuple[int, int, str | None, str | None]] = []
    for f in dates.find(chunk):
        if f.kind in ("weekday", "deictic", "month", "dmy", "mdy", "iso", "numeric"):
            continue  # days name when something happened, not what a figure covers
        s, e = start + f.start, start + f.end
        if s not in allowed:
            continue
        lead = _LEAD_PREP.search(text, max(0, s - 12), s)
        if lead:
            s = lead.start()
        v = dates.resolve(f, anchor)
        lo, hi = (v.start, v.end) if v else (None, None)
        prep = (f.groups[0] or "").lower() if f.kind == "year" else ""
        if prep in _OPEN_START:
            lo = None
        elif prep in _OPEN_END:
            hi = None
        parts.append((s, e, lo, hi))
    for m in _DURATION.finditer(chunk):
        s, e = start + m.start(), start + m.end()
        if s in allowed and not any(ps <= s < pe or s <= ps < e for ps, pe, _, _ in parts):
            parts.append((s, e, None, None))
    if rate is not None and not any(ps <= rate[0] < pe for ps, pe, _, _ in parts):
        parts.append((rate[0], rate[1], None, None))
    if not parts:
        return None
    parts.sort()
    dated = next((p for p in parts if p[2] or p[3]), None)
    return Period(text=" ".join(text[s:e] for s, e, _, _ in parts),
                  start=dated[2] if dated else None, end=dated[3] if dated else None)
