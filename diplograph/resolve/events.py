"""Whether two reports describe the same event, with the reasons.

Evidence adds up to a score; some facts rule a match out whatever the score (``conflict``):
different round numbers, dates far apart, a planned event against a held one (plans are
linked to outcomes by ``plans.plan_outcome``, not merged), and rounds of one series whose
reports are months apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from diplograph.resolve import dates
from diplograph.resolve.entities import same_person
from diplograph.resolve.facts import EventFacts, place_key
from diplograph.resolve.series import compatible_keys, fold, initials, reduce_name

# A match needs this much evidence. Calibrated on tests/resolution: a shared series plus
# one agreeing fact (date, place or delegation) passes; series alone, or place and date
# alone for unnamed events, do not.
THRESHOLD = 1.0
# An undated main event is taken to lie this far before its report ("recently", "on
# Tuesday" unresolved). An undated referenced event ("the previous round", "the meeting in
# Ashgabat") can lie any time before its report: it only must not be later; the store may
# use RECENT_REFERENCED as its candidate horizon for such events.
RECENT_MAIN = timedelta(days=14)
RECENT_REFERENCED = timedelta(days=180)
# Dates this many days apart cannot be one event (multi-day events give start..end; this
# absorbs a start reported as the end, or a date resolved from "Tuesday" a week off).
DATE_SLACK_DAYS = 3
DATE_CONFLICT_DAYS = 7
# Two undated reports of one series this far apart describe different rounds.
SERIES_ROUND_GAP_DAYS = 90


@dataclass(frozen=True, slots=True)
class Match:
    same: bool
    score: float
    reasons: tuple[str, ...]
    conflict: bool = False


def _explicit(f: EventFacts) -> dates.Interval | None:
    return dates.span(f.date_start, f.date_end)


def _implied(f: EventFacts) -> dates.Interval | None:
    """Where an undated event can lie, from its report's date."""
    doc = dates.bounds(f.doc_date)
    if doc is None:
        return None
    if f.status == "planned":
        return (doc[0], doc[1] + timedelta(days=730))
    if not f.main:
        return (date.min, doc[1])
    return (doc[0] - RECENT_MAIN, doc[1])


def _date_evidence(a: EventFacts, b: EventFacts, same_series: bool | None,
                   reasons: list[str]) -> tuple[float, bool]:
    ea, eb = _explicit(a), _explicit(b)
    if ea and eb:
        gap = dates.gap_days(ea, eb)
        if gap == 0:
            precise = dates.precision(a.date_start) == dates.precision(b.date_start) == 3
            reasons.append("same date" if precise and ea == eb else "dates compatible")
            return (0.8 if precise else 0.5), False
        if gap <= DATE_SLACK_DAYS:
            reasons.append(f"dates {gap} days apart")
            return 0.2, False
        if gap <= DATE_CONFLICT_DAYS and not same_series:
            reasons.append(f"dates {gap} days apart")
            return -0.6, False
        reasons.append(f"dates conflict: {a.date_start} vs {b.date_start}")
        return -2.0, True
    ia = ea or _implied(a)
    ib = eb or _implied(b)
    if ia is None or ib is None:
        return 0.0, False
    gap = dates.gap_days(ia, ib)
    if ea or eb:
        undated = b if ea else a
        if gap == 0 and not undated.main and undated.status == "held":
            reasons.append("date before report date")
            return 0.1, False
        if gap == 0:
            reasons.append("date compatible with report date")
            return 0.4, False
        if gap > SERIES_ROUND_GAP_DAYS or same_series:
            reasons.append("date conflicts with report date")
            return -2.0, True
        reasons.append("date off report date")
        return -0.6, False
    if gap == 0:
        if not (a.main and b.main):
            return 0.0, False
        reasons.append("reports close in time")
        return 0.2, False
    if same_series and gap > SERIES_ROUND_GAP_DAYS:
        reasons.append(f"reports {gap} days apart: different rounds")
        return -2.0, True
    reasons.append("reports far apart in time")
    return -0.5, False


def _location_evidence(a: EventFacts, b: EventFacts, reasons: list[str]) -> float:
    la, lb = place_key(a.location), place_key(b.location)
    if la and lb:
        if la == lb:
            reasons.append("same location")
            return 0.5
        if a.location_country and a.location_country == b.location_country:
            reasons.append(f"locations differ: {a.location} vs {b.location}")
            return -0.4
        reasons.append(f"locations differ: {a.location} vs {b.location}")
        return -0.9
    ca = a.location_country or (None if la else None)
    cb = b.location_country or (None if lb else None)
    if ca and cb:
        if ca == cb:
            reasons.append("same country")
            return 0.2
        reasons.append(f"countries differ: {ca} vs {cb}")
        return -0.7
    return 0.0


def _participant_evidence(a: EventFacts, b: EventFacts, same_series: bool | None,
                          reasons: list[str]) -> float:
    if not a.participants or not b.participants:
        return 0.0
    common = len(a.participants & b.participants)
    overlap = common / min(len(a.participants), len(b.participants))
    if overlap == 0:
        reasons.append("no participants in common")
        return -0.5
    reasons.append(f"participants overlap {overlap:.2f}")
    if overlap < 0.5:
        return 0.0
    # Every round of a series has the same parties: within one, overlap tells rounds apart
    # no better than the series itself did.
    return (0.1 if same_series else 0.4) * overlap


def _head_evidence(a: EventFacts, b: EventFacts, same_series: bool | None,
                   reasons: list[str]) -> float:
    shared = [h for h in a.heads if any(same_person(h, (), g, ()) for g in b.heads)]
    if not shared:
        return 0.0
    reasons.append("shared delegation head " + ", ".join(sorted(shared)))
    # The same officials lead their delegations to several rounds of one series.
    per_head = 0.1 if same_series else 0.3
    return min(2 * per_head, per_head * len(shared))


def _series_evidence(a: EventFacts, b: EventFacts, reasons: list[str]) -> tuple[float, bool | None]:
    same = compatible_keys(a.series_key, b.series_key)
    if same is None:
        for x, y in ((a, b), (b, a)):
            acr = x.acronym or (x.name if x.name.isupper() else None)
            if acr and y.name and initials(y.series or y.name).endswith(fold(acr).upper()):
                same = True
    if same:
        reasons.append("same series")
        return 0.6, True
    if same is False:
        reasons.append(f"different series: {a.series_key} vs {b.series_key}")
        return -0.8, False
    return 0.0, None


def _name_evidence(a: EventFacts, b: EventFacts, reasons: list[str]) -> float:
    ra, rb = reduce_name(a.name).residual, reduce_name(b.name).residual
    if not ra or not rb:
        return 0.0
    sim = len(ra & rb) / len(ra | rb)
    if sim >= 0.5:
        reasons.append(f"names similar {sim:.2f}")
        return 0.4 * sim
    return 0.0


def match_events(a: EventFacts, b: EventFacts) -> Match:
    """Score the evidence that ``a`` and ``b`` are one event; ``same`` when it passes
    ``THRESHOLD`` with no conflict."""
    reasons: list[str] = []
    if a.status != b.status:
        return Match(False, -2.0, (f"status differs: {a.status} vs {b.status}",), True)
    score = 0.0
    if a.ordinal is not None and b.ordinal is not None:
        if a.ordinal != b.ordinal:
            return Match(False, -2.0, (f"different rounds: {a.ordinal} vs {b.ordinal}",), True)
    s_score, same_series = _series_evidence(a, b, reasons)
    score += s_score
    if a.ordinal is not None and a.ordinal == b.ordinal:
        if same_series:
            reasons[-1] = "same series+ordinal"
            score += 0.6
        else:
            reasons.append("same ordinal")
            score += 0.2
    d_score, conflict = _date_evidence(a, b, same_series, reasons)
    if conflict:
        return Match(False, d_score + score, tuple(reasons), True)
    score += d_score
    score += _location_evidence(a, b, reasons)
    score += _participant_evidence(a, b, same_series, reasons)
    score += _head_evidence(a, b, same_series, reasons)
    if same_series is None:
        score += _name_evidence(a, b, reasons)
    if a.type and b.type and a.type != b.type and same_series is not True:
        reasons.append(f"types differ: {a.type} vs {b.type}")
        score -= 0.3
    return Match(score >= THRESHOLD, round(score, 3), tuple(reasons))
