"""Publication stamps: a line in a report's header that holds only a date (and time).

Pages copied as text keep their stamp ("12 June 2023, 14:35", "Published: 03.06.2023",
"14:35, June 12, 2023") next to the headline. Such a line is page furniture: it leaves the
text, and its date becomes ``published`` unless it says "updated".
"""
from __future__ import annotations

import functools
import re

from diplograph.knowledge import load

# Stamps sit above or below the headline, or below a standfirst (headline, blank,
# standfirst, blank, stamp: Anadolu's layout): only the first lines are looked at, so a date
# line inside the body (a table row, a list entry) is never taken.
HEADER_LINES = 6


@functools.lru_cache(maxsize=1)
def months() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in load("temporal")["months"].items()}


def _date() -> str:
    month = "|".join(sorted(map(re.escape, months()), key=len, reverse=True))
    return (
        rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?P<m1>{month})\.?,?\s+(?P<y1>\d{{4}})"
        rf"|(?P<m2>{month})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
        r"|(?P<d3>\d{1,2})[./](?P<m3>\d{1,2})[./](?P<y3>\d{4})"
        r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
    )


@functools.lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_date()})\b", re.I)


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    temporal = load("temporal")
    weekday = "|".join(sorted(map(re.escape, temporal["weekdays"]), key=len, reverse=True))
    time = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?"
    date = _date()
    return re.compile(
        r"(?:(?P<label>published|posted|updated|last updated|modified|date)\s*(?:on|at)?\s*:?\s*)?"
        rf"(?:{time}\s*[,|/–—-]?\s*)?"
        rf"(?:(?:{weekday})\s*,?\s*)?"
        rf"(?:{date})"
        rf"(?:\s*[,|/–—-]?\s*(?:at\s+)?{time})?\s*",
        re.I)


def take(text: str) -> tuple[str, str | None]:
    """``text`` without its header stamp lines, and the publication date they give (ISO)."""
    lines = text.split("\n", HEADER_LINES)
    header, rest = lines[:HEADER_LINES], lines[HEADER_LINES:]
    published: str | None = None
    kept: list[str] = []
    found = False
    for line in header:
        m = _pattern().fullmatch(line) if 0 < len(line) <= 80 else None
        if m is None:
            kept.append(line)
            continue
        found = True
        label = (m.group("label") or "").lower()
        if published is None and label not in ("updated", "last updated", "modified"):
            published = iso(m)
    if not found:
        return text, None
    out = "\n".join(kept + rest)
    return re.sub(r"\n{3,}", "\n\n", out).strip("\n"), published


def find_date(line: str) -> str | None:
    """The first full date (day, month and year) in a header line such as a byline (ISO)."""
    m = _date_pattern().search(line)
    return iso(m) if m else None


def iso(m: re.Match[str]) -> str | None:
    """The ISO date of a match with groups (d1, m1, y1) "2 June 2023", (m2, d2, y2)
    "June 2, 2023", (d3, m3, y3) "02.06.2023" or (y4, m4, d4) "2023-06-02"; None when the
    matched form has no year (a year is never guessed) or the date is impossible."""
    month_of = months()
    groups = m.groupdict()
    if groups.get("y1"):
        y, mo, d = int(m.group("y1")), month_of[m.group("m1").lower()], int(m.group("d1"))
    elif groups.get("y2"):
        y, mo, d = int(m.group("y2")), month_of[m.group("m2").lower()], int(m.group("d2"))
    elif groups.get("y3"):
        # Day first: the order of the regions this stamp format comes from (and of Europe).
        y, mo, d = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
    elif groups.get("y4"):
        y, mo, d = int(m.group("y4")), int(m.group("m4")), int(m.group("d4"))
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
