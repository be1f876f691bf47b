"""Extract stage: figures — which amounts a report cites, with measure, change, parties and period.

``scan`` finds the quantities in the text (money, percentages, measured amounts); each is then
placed in the dependency parse spaCy already made and described from its clause outwards
(``clauses.levels``): the nearest measure word, a change marker next to it, the parties named,
the time expressions. A figure repeated word for word (same value, unit and measure) is one
figure with several pieces of evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.extract import dates
from diplograph.extract.context import Context
from diplograph.extract.figures import describe, periods
from diplograph.extract.figures.clauses import levels
from diplograph.extract.figures.parties import PartyIndex
from diplograph.extract.figures.scan import Quantity, hedge_start, scan
from diplograph.knowledge import load
from diplograph.model import Figure, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan

__all__ = ["run", "scan", "Quantity"]

_POPULATION_CUES = frozenset(load("measures")["population_cues"])
# "a population of about 19 million": the count follows its cue within a short clause.
_POPULATION_BEFORE = re.compile(r"\b(?:population|inhabitants|residents)\b[^.;:!?]{0,30}$", re.IGNORECASE)
# Between an amount and its conversion into another currency: "$10bn (£5.38bn)", "253m euros
# (£175m; $328m)", "$11.2 billion, roughly 1.5 trillion tenge".
_HEDGES = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in load("measures")["approximators"]["before"])
_CONVERSION_BETWEEN = re.compile(rf"\s*[(;,]\s*(?:(?i:{_HEDGES})\s*)?")


@dataclass(slots=True)
class _Found:
    q: Quantity
    figure: Figure
    sent_start: int


def run(ctx: Context) -> None:
    text = ctx.text
    quantities = _resolve_bare(text, scan(text))
    if not quantities:
        return
    doc = ctx.doc
    index = PartyIndex(ctx, [(q.start, q.end) for q in quantities])
    anchor_date = dates.Anchor.from_iso(ctx.document.published)
    phrase_tokens: set[int] = set()
    spans: list[TokenSpan | None] = []
    for q in quantities:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        spans.append(span)
        if span is not None:
            phrase_tokens.update(range(span.start, span.end))
    found: list[_Found] = []
    for q, span in zip(quantities, spans):
        if span is None:
            continue
        described = _describe(ctx, q, span, index, phrase_tokens, anchor_date)
        if described is None:
            continue
        fig, measured = described
        sent = span.root.sent
        prev = found[-1] if found else None
        if not measured and prev is not None and prev.sent_start == sent.start_char:
            # "capped at 1% of ... - the Commission urged an increase to 1.26%": figures listed
            # in one sentence measure the same thing unless a word says otherwise.
            fig.measure = prev.figure.measure
        if (prev is not None and q.kind == "money" and prev.q.kind == "money" and q.unit != prev.q.unit
                and _CONVERSION_BETWEEN.fullmatch(text, prev.q.end, q.start)):
            # "$10bn (£5.38bn)": a conversion says the same as the amount it converts.
            fig.measure, fig.change = prev.figure.measure, prev.figure.change
            fig.parties, fig.period = list(prev.figure.parties), prev.figure.period
        if not fig.parties:
            if prev is not None and prev.sent_start == sent.start_char:
                # "growth averaged 6-7%, while inflation fell below 10%": one sentence, one topic.
                fig.parties = list(prev.figure.parties)
            else:
                fig.parties = (_carried(found, sent, fig.measure) or index.topic(sent.start, fig.measure)
                               or index.bilateral(fig.measure))
        found.append(_Found(q, fig, sent.start_char))
    ctx.figures = _merge([f.figure for f in found])


def _carried(found: list[_Found], sent: "TokenSpan", measure: str) -> list[str]:
    """A sentence naming no one that goes on about the same measure as a figure of the sentence
    before continues its subject ("Cargo along the route grew 65%. Container traffic amounted to
    56,000 TEU"): that figure's parties."""
    if measure == "other" or sent.start == 0:
        return []
    before = sent.doc[sent.start - 1].sent.start_char
    for f in reversed(found):
        if f.sent_start < before:
            break
        if f.sent_start == before and f.figure.measure == measure and f.figure.parties:
            return list(f.figure.parties)
    return []


def _resolve_bare(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Keep a bare scaled amount ("300m") when its sentence already named a currency (it shares
    it) or it counts a population; drop it otherwise (it may be metres, votes, anything)."""
    out: list[Quantity] = []
    for q in qs:
        if q.kind == "bare":
            money = next((p for p in reversed(out) if p.kind == "money"), None)
            if money is not None and not re.search(r"[.!?]\s", text[money.end:q.start]):
                q.kind, q.unit = "money", money.unit
            elif _POPULATION_BEFORE.search(text, max(0, q.start - 60), q.start):
                q.kind, q.unit, q.implied_measure = "unit", "people", "population"
            else:
                continue
        out.append(q)
    return out


def _describe(ctx: Context, q: Quantity, span: "TokenSpan", index: PartyIndex,
              skip: set[int], anchor_date: dates.Anchor | None) -> tuple[Figure, bool] | None:
    doc = ctx.doc
    root = span.root
    percent = q.kind == "percent"
    if percent and describe.manner_of_speaking(span):
        return None  # "a 100% effort", "100% certain"
    lvls = list(levels(root))
    if q.needs_population_cue and not any(t.lemma_.lower() in _POPULATION_CUES for _, lv in lvls[:2] for t in lv):
        return None
    # A physical quantity measures what its unit says whatever the words around it: a count of
    # people is a population ("a market of 500 million consumers" in a sentence about
    # investment), a distance or a capacity no trade figure.
    hit = None if q.kind == "unit" and q.implied_measure else describe.measure(root, lvls, skip, percent)
    measure, cue = hit if hit else (q.implied_measure or "other", None)
    lead_char = _lead(ctx.text, q)
    lead_span = doc.char_span(lead_char, q.end, alignment_mode="expand")
    lead = lead_span.start if lead_span is not None else span.start
    change = describe.change(span, lead, percent, cue)
    own = lvls[0][1]
    allowed = {t.idx for t in own}
    sent = root.sent
    period = periods.find(ctx.text, sent.start_char, sent.end_char, allowed, anchor_date,
                          periods.rate_after(ctx.text, q.end))
    fig = Figure(id="", value=q.value, unit=q.unit or "", measure=measure,  # type: ignore[arg-type]
                 approximate=q.approximate, change=change,  # type: ignore[arg-type]
                 parties=index.parties(lvls), period=period,
                 evidence=[Span(q.start, q.end), Span(sent.start_char, sent.end_char)])
    return fig, hit is not None or q.implied_measure is not None


def _lead(text: str, q: Quantity) -> int:
    """Where the figure's words begin, its hedge ("up to", "more than") included."""
    return hedge_start(text, q.start) if q.approximate else q.start


def _merge(figures: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    seen: dict[tuple[float, str, str, str | None], Figure] = {}
    for f in figures:
        key = (f.value, f.unit, f.measure, f.change)
        first = seen.get(key)
        if first is not None:
            first.evidence.extend(f.evidence)
            if not first.parties:
                first.parties = f.parties
            if first.period is None:
                first.period = f.period
            continue
        seen[key] = f
        out.append(f)
    for i, f in enumerate(out, 1):
        f.id = f"f{i}"
    return out
