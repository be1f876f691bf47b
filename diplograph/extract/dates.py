"""Date expressions: find them in text and normalise them to ISO ranges at the precision given.

Pure functions. ``find`` returns every date expression in a text (longest first, no overlaps);
``resolve`` turns one into a ``DateValue`` (start, end, text) against an ``Anchor`` (the
publication date or the estimated date of the report) and the tense of the clause it sits in,
which decides whether a bare "in July" means the last July or the next one. Expressions that
need an anchor ("on Wednesday", "this year") resolve to None without one.
"""
from __future__ import annotations

import calendar
import functools
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from diplograph.knowledge import load

Tense = Literal["past", "future"] | None

_T = load("temporal")
MONTHS: dict[str, int] = _T["months"]
WEEKDAYS: dict[str, int] = _T["weekdays"]
SEASONS: dict[str, list[int]] = _T["seasons"]
PARTS: dict[str, list[int]] = _T["parts_of_year"]
NUMBERS: dict[str, int | None] = _T["numbers"]
ORDINALS: dict[str, int] = _T["ordinals"]


class DateValue(NamedTuple):
    start: str
    end: str
    text: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """What "now" is for a report, at the precision known (year, month or day)."""

    year: int
    month: int | None = None
    day: int | None = None
    floor: bool = False   # "now" is this day or later (the latest past date a report tells)

    @classmethod
    def from_iso(cls, iso: str | None) -> "Anchor | None":
        if not iso:
            return None
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso.strip()[:10])
        if not m:
            return None
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None


@dataclass(frozen=True, slots=True)
class Found:
    """A date expression at ``[start, end)`` of the text it was found in."""

    start: int
    end: int
    text: str
    kind: str
    groups: tuple[str | None, ...]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON = rf"(?:{_alt(list(MONTHS))})\.?"
_WD = _alt(list(WEEKDAYS))
_SEA = _alt(list(SEASONS))
_NUM = _alt([w for w, v in NUMBERS.items() if v]) + r"|\d{1,3}"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = _alt([p for p in PARTS if not p.endswith("-")])
_REL = r"this|last|next|the coming|the past|the previous|coming|past|previous"
_PREP = r"(?:(?:on|in|since|until|till|by|from|during|before|after|at|of)\s+)?"
_MPRE = _alt(_T["month_prefixes"])

# Order matters only for ties: the longest match wins, then the earliest pattern.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pat, re.IGNORECASE)) for kind, pat in (
        ("iso", rf"\b({_YEAR})-(\d\d)-(\d\d)\b"),
        ("numeric", rf"\b(\d{{1,2}})([./])(\d{{1,2}})\2({_YEAR})\b"),
        ("dmy_range", rf"\b{_PREP}(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|and|to)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})(?:,?\s+({_YEAR}))?\b"),
        ("mdy_range", rf"\b{_PREP}({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–)\s*(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+({_YEAR}))?\b"),
        ("dmy", rf"\b{_PREP}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})(?:,?\s+({_YEAR}))?\b"),
        ("mdy", rf"\b{_PREP}({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+({_YEAR}))?\b"),
        ("month_year", rf"\b{_PREP}(?:(?:the\s+)?({_PART})[\s-]+(?:of\s+)?)?({_MON}),?\s+(?:of\s+)?({_YEAR})\b"),
        ("year_range", rf"\b(?:(between|from)\s+)?({_YEAR})\s*(?:-|–|to|and|until)\s*({_YEAR}|\d\d)\b"),
        ("part_year", rf"\b{_PREP}(?:the\s+)?({_PART}|mid)[\s-]+(?:of\s+)?(?:({_YEAR})|(this|last|next|the) year)\b"),
        ("season", rf"\b{_PREP}(?:the\s+)?(?:(early|late)\s+)?({_SEA})\s+(?:of\s+)?(?:({_YEAR})|(this|last|next) year)\b"),
        ("season_rel", rf"\b{_PREP}(this|last|next|the coming|the)\s+({_SEA})\b"),
        ("span", rf"\b{_PREP}(?:the\s+)?(past|last|previous|next|coming)\s+({_NUM})\s+(years?|months?|decades?|weeks?)\b"),
        ("decade", rf"\b{_PREP}(?:the\s+)?(past|last|previous|next|coming)\s+decade\b"),
        ("rel", rf"\b(?:(later|earlier)\s+)?{_PREP}({_REL})\s+(year|month|week)\b"),
        ("end_rel", rf"\b{_PREP}(?:the\s+)?(end|beginning|start|middle)\s+of\s+(?:the|this)\s+(year|month)\b"),
        ("month", rf"\b(?:(?:{_MPRE})[\s-]+|(?:the|a|an)\s+(?=\w+\s+(?:summit|meeting|talks|visit|agreement|deal|elections?)))"
                  rf"(?:(?:the\s+)?(?:{_PART})\s+(?:of\s+)?)?({_MON})\b(?!\s+\d)"),
        ("weekday", rf"\b(?:(later on|earlier on|on|last|next|this|until|by|since)\s+)?({_WD})\b"),
        ("deictic", r"\b(today|yesterday|tomorrow)\b"),
        ("year", rf"\b(?:(in|since|until|by|from|during|before|after|of|for)\s+)?({_YEAR})\b(?!\s*(?:-|–)\s*\d)"),
    )
)
_MAY_MODAL = re.compile(r"\bmay\b(?!\s+\d)", re.IGNORECASE)


def find(text: str) -> list[Found]:
    """Every date expression in ``text``, in text order, longest match winning overlaps."""
    return list(_find(text))


# The events stage and the document date both read one report's dates: keep the last few.
@functools.lru_cache(maxsize=4)
def _find(text: str) -> tuple[Found, ...]:
    cands: list[tuple[int, int, int, str, tuple[str | None, ...]]] = []
    for rank, (kind, rx) in enumerate(_PATTERNS):
        for m in rx.finditer(text):
            if kind == "month" and not _month_ok(m):
                continue
            cands.append((m.start(), m.end(), rank, kind, m.groups()))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2]))
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for s, e, _, kind, groups in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(Found(s, e, text[s:e], kind, groups))
    return tuple(sorted(out, key=lambda f: f.start))


def _month_ok(m: re.Match[str]) -> bool:
    """"May" is a month only when capitalised (the modal verb is not)."""
    word = m.group(1).rstrip(".")
    return word.lower() != "may" or word == "May"


def normalize(text: str, anchor: Anchor | str | None = None, tense: Tense = None) -> DateValue | None:
    """The first date expression in ``text``, resolved; None when there is none or it needs an anchor."""
    if isinstance(anchor, str):
        anchor = Anchor.from_iso(anchor)
    for f in find(text):
        v = resolve(f, anchor, tense)
        if v is not None:
            return v
    return None


def resolve(f: Found, anchor: Anchor | None, tense: Tense = None) -> DateValue | None:
    try:
        r = _RESOLVERS[f.kind](f.groups, anchor, tense)
    except (ValueError, KeyError, TypeError):
        return None
    if r is None:
        return None
    return DateValue(r[0], r[1], f.text)


# -- resolvers: (groups, anchor, tense) -> (start, end) ---------------------------------

Pair = tuple[str, str] | None


def _d(y: int, m: int, d: int) -> str:
    return dt.date(y, m, d).isoformat()


def _m(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _num(word: str) -> int:
    if word.isdigit():
        return int(word)
    v = NUMBERS[word.lower()]
    if v is None:
        raise ValueError(word)
    return v


def _iso(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    s = _d(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0))
    return s, s


def _numeric(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    first, second, year = int(g[0] or 0), int(g[2] or 0), int(g[3] or 0)
    # Day first: the outlets this reads (European, Central Asian, British) write 02.06.2023.
    day, month = (first, second) if g[1] == "." or second <= 12 else (second, first)
    s = _d(year, month, day)
    return s, s


def _year_for(month: int, day: int | None, a: Anchor | None, t: Tense) -> int | None:
    """The year of a month (and day) given without one: this year, or the next/last by tense."""
    if a is None:
        return None
    if a.month is None:
        return a.year
    here = (a.month, a.day or (1 if t == "future" else 31))
    there = (month, day or (31 if t == "future" else 1))
    if t == "future" and there < here:
        return a.year + 1
    if t == "past" and there > here:
        return a.year - 1
    return a.year


def _dmy(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    return _day_month(int(g[0] or 0), _month(g[1] or ""), g[2], a, t)


def _mdy(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    return _day_month(int(g[1] or 0), _month(g[0] or ""), g[2], a, t)


def _day_month(day: int, month: int, year: str | None, a: Anchor | None, t: Tense) -> Pair:
    y = int(year) if year else _year_for(month, day, a, t)
    if y is None:
        return None
    s = _d(y, month, day)
    return s, s


def _day_range(day1: int, day2: int, month: int, year: str | None, a: Anchor | None, t: Tense) -> Pair:
    if day2 <= day1:
        return None
    y = int(year) if year else _year_for(month, day1, a, t)
    if y is None:
        return None
    return _d(y, month, day1), _d(y, month, day2)


def _dmy_range(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    return _day_range(int(g[0] or 0), int(g[1] or 0), _month(g[2] or ""), g[3], a, t)


def _mdy_range(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    return _day_range(int(g[1] or 0), int(g[2] or 0), _month(g[0] or ""), g[3], a, t)


def _month_year(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    s = _m(int(g[2] or 0), _month(g[1] or ""))
    return s, s


def _year_range(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    y1, y2s = int(g[1] or 0), g[2] or ""
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 <= y1:
        return None
    return str(y1), str(y2)


def _rel_year(word: str | None, a: Anchor | None) -> int | None:
    if a is None:
        return None
    return a.year + {"last": -1, "next": 1}.get((word or "this").lower(), 0)


def _part_year(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    part = (g[0] or "").lower()
    y = int(g[1]) if g[1] else _rel_year(g[2], a)
    if y is None:
        return None
    lo, hi = PARTS.get(part) or PARTS["mid"]
    return _m(y, lo), _m(y, hi)


def _season_range(season: str, y: int, qual: str | None) -> tuple[str, str]:
    lo, hi = SEASONS[season.lower()]
    start_y, end_y = (y, y + 1) if hi < lo else (y, y)
    if qual and qual.lower() == "early":
        hi, end_y = lo, start_y
    elif qual and qual.lower() == "late":
        lo, start_y = hi, end_y
    return _m(start_y, lo), _m(end_y, hi)


def _season(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    y = int(g[2]) if g[2] else _rel_year(g[3], a)
    if y is None:
        return None
    return _season_range(g[1] or "", y, g[0])


def _season_rel(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    if a is None:
        return None
    rel, season = (g[0] or "").lower(), g[1] or ""
    lo, hi = SEASONS[season.lower()]
    y = a.year
    if a.month is not None:
        if rel in ("next", "the coming") or (rel == "the" and t == "future"):
            y = a.year if a.month < lo else a.year + 1
        elif rel == "last" or (rel == "the" and t == "past"):
            y = a.year if a.month > hi else a.year - 1
    elif rel == "next":
        y += 1
    elif rel == "last":
        y -= 1
    return _season_range(season, y, None)


def _span(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    if a is None:
        return None
    rel, n, unit = (g[0] or "").lower(), _num(g[1] or ""), (g[2] or "").lower().rstrip("s")
    forward = rel in ("next", "coming")
    if unit in ("year", "decade"):
        years = n * (10 if unit == "decade" else 1)
        return (str(a.year), str(a.year + years)) if forward else (str(a.year - years), str(a.year))
    if a.month is None:
        return None
    months = n if unit == "month" else max(1, n // 4)
    base = a.year * 12 + a.month - 1
    other = base + months if forward else base - months
    lo, hi = sorted((base, other))
    return _m(lo // 12, lo % 12 + 1), _m(hi // 12, hi % 12 + 1)


def _decade(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    return _span((g[0], "10", "years"), a, t)


def _rel(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    if a is None:
        return None
    rel, unit = (g[1] or "").lower(), (g[2] or "").lower()
    step = {"last": -1, "past": -1, "previous": -1, "the past": -1, "the previous": -1,
            "next": 1, "coming": 1, "the coming": 1}.get(rel, 0)
    if unit == "year":
        return str(a.year + step), str(a.year + step)
    if unit == "month":
        if a.month is None:
            return None
        i = a.year * 12 + a.month - 1 + step
        s = _m(i // 12, i % 12 + 1)
        return s, s
    day = a.date
    if day is None:
        return None
    monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=step)
    return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()


def _end_rel(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    if a is None:
        return None
    part, unit = (g[0] or "").lower(), (g[1] or "").lower()
    if unit == "year":
        lo, hi = PARTS[f"{part} of"] if f"{part} of" in PARTS else PARTS["mid"]
        return _m(a.year, lo), _m(a.year, hi)
    if a.month is None:
        return None
    s = _m(a.year, a.month)
    return s, s


def _month_only(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    month = _month(g[0] or "")
    y = _year_for(month, None, a, t)
    if y is None:
        return None
    s = _m(y, month)
    return s, s


def _weekday(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    day = a.date if a else None
    if day is None:
        return None
    rel = (g[0] or "").lower()
    target = WEEKDAYS[(g[1] or "").lower()]
    back = (day.weekday() - target) % 7
    fwd = (target - day.weekday()) % 7
    if rel == "last":
        delta = -(back or 7)
    elif rel == "next":
        delta = fwd or 7
    elif rel.startswith("later") or rel in ("until", "by") or t == "future":
        delta = fwd
    elif a is not None and a.floor:
        delta = fwd  # the week a report tells of ends after the latest day it dates
    else:
        delta = -back
    s = (day + dt.timedelta(days=delta)).isoformat()
    return s, s


def _deictic(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    day = a.date if a else None
    if day is None:
        return None
    s = (day + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get((g[0] or "").lower(), 0))).isoformat()
    return s, s


def _year(g: tuple[str | None, ...], a: Anchor | None, t: Tense) -> Pair:
    return g[1] or "", g[1] or ""


_RESOLVERS = {
    "iso": _iso, "numeric": _numeric, "dmy": _dmy, "mdy": _mdy, "dmy_range": _dmy_range, "mdy_range": _mdy_range, "month_year": _month_year,
    "year_range": _year_range, "part_year": _part_year, "season": _season, "season_rel": _season_rel,
    "span": _span, "decade": _decade, "rel": _rel, "end_rel": _end_rel, "month": _month_only,
    "weekday": _weekday, "deictic": _deictic, "year": _year,
}


def last_day(iso: str) -> str:
    """The last day an ISO date of any precision covers: "2023-11" → "2023-11-30"."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return iso
    if len(parts) == 1:
        return f"{parts[0]:04d}-12-31"
    return _d(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])


def first_day(iso: str) -> str:
    """The first day an ISO date of any precision covers: "2023-11" → "2023-11-01"."""
    parts = iso.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))
