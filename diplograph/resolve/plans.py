"""Announced events against what was later held.

A planned event ("a full-fledged CA-EU Summit in 2024") is the held event a later report
describes when both name one format (or, unnamed, agree on type, parties and place) and the
held date does not precede the announcement. The slip is part of the reasons:
"planned for 2024, held 2025-04-04".
"""
from __future__ import annotations

from datetime import timedelta

from diplograph.resolve import dates
from diplograph.resolve.events import Match
from diplograph.resolve.facts import EventFacts, place_key
from diplograph.resolve.series import compatible_keys, reduce_name

# Announced formats slip; summits announced for "2024" were held in 2025. Beyond this, a
# later round is more likely a different meeting than the announced one.
MAX_SLIP = timedelta(days=3 * 365)
# One format named by both plus a date that does not contradict the plan is enough; a
# nearer outcome scores higher, so that of several later rounds the first is preferred.
THRESHOLD = 0.8


def _announced(planned: EventFacts) -> dates.Interval | None:
    return dates.bounds(planned.doc_date.split("/")[0] if planned.doc_date else None)


def _held_date(held: EventFacts) -> tuple[str | None, dates.Interval | None]:
    iv = dates.span(held.date_start, held.date_end)
    if iv is not None:
        return held.date_start, iv
    doc = dates.bounds(held.doc_date)
    return None, doc


def plan_outcome(planned: EventFacts, held: EventFacts) -> Match:
    """Whether ``held`` is what ``planned`` announced; reasons carry the slip."""
    reasons: list[str] = []
    if planned.status != "planned" or held.status != "held":
        return Match(False, -2.0, ("not a plan and an outcome",), True)
    if planned.ordinal is not None and held.ordinal is not None and planned.ordinal != held.ordinal:
        return Match(False, -2.0, (f"different rounds: {planned.ordinal} vs {held.ordinal}",), True)
    score = 0.0
    same = compatible_keys(planned.series_key, held.series_key)
    if same:
        score += 0.8
        reasons.append("same series")
    elif same is False:
        return Match(False, -2.0, (f"different series: {planned.series_key} vs {held.series_key}",),
                     True)
    else:
        ra, rb = reduce_name(planned.name), reduce_name(held.name)
        if ra.residual and ra.residual == rb.residual and ra.parties == rb.parties:
            score += 0.6
            reasons.append("same name")
    if planned.type and held.type and planned.type == held.type:
        score += 0.2
        reasons.append(f"both {held.type}")
    held_text, held_iv = _held_date(held)
    plan_iv = dates.span(planned.date_start, planned.date_end)
    announced = _announced(planned)
    if held_iv is None:
        reasons.append("held date unknown")
    else:
        if announced and held_iv[1] < announced[0]:
            return Match(False, -2.0, ("held before it was announced",), True)
        when = held_text or (f"reported {held.doc_date}" if held.doc_date else "date unknown")
        if plan_iv is None:
            reasons.append(f"planned (no date), held {when}")
        elif dates.gap_days(plan_iv, held_iv) == 0:
            score += 0.4
            reasons.append(f"held as planned ({planned.date_start}): {when}")
        elif held_iv[0] > plan_iv[1]:
            slip = held_iv[0] - plan_iv[1]
            if slip > MAX_SLIP:
                return Match(False, -2.0, (f"held {slip.days} days after the planned date",), True)
            period = planned.date_start if planned.date_start == planned.date_end or not planned.date_end \
                else f"{planned.date_start}..{planned.date_end}"
            score += 0.2 - 0.05 * slip.days / 365
            reasons.append(f"planned for {period}, held {when}")
        else:
            score -= 0.3
            reasons.append(f"planned for {planned.date_start}, held earlier: {when}")
    pa, pb = place_key(planned.location), place_key(held.location)
    if pa and pb:
        if pa == pb:
            score += 0.3
            reasons.append("same location")
        else:
            score -= 0.3
            reasons.append(f"location changed: {planned.location} -> {held.location}")
    if planned.participants and held.participants:
        common = len(planned.participants & held.participants)
        overlap = common / min(len(planned.participants), len(held.participants))
        reasons.append(f"participants overlap {overlap:.2f}")
        score += 0.3 * overlap if overlap >= 0.5 else -0.3
    return Match(score >= THRESHOLD, round(score, 3), tuple(reasons))
