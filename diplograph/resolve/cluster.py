"""Offline clustering of event facts, and pairwise scoring of clusterings.

The store resolves incrementally with ``match_events``; this groups a whole batch at once
(tests, evaluation, reprocessing): the best-scoring matches merge first, and two groups never
merge while any pair across them is a conflict (different rounds, dates far apart).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from diplograph.resolve.events import match_events
from diplograph.resolve.facts import EventFacts


def cluster_events(facts: Sequence[EventFacts]) -> list[list[int]]:
    """Indices of ``facts`` grouped by event, each group and the list in input order."""
    n = len(facts)
    parent = list(range(n))
    members: dict[int, set[int]] = {i: {i} for i in range(n)}
    conflicts: set[tuple[int, int]] = set()
    candidates: list[tuple[float, int, int]] = []
    for i, j in combinations(range(n), 2):
        if facts[i].document is not None and facts[i].document == facts[j].document:
            conflicts.add((i, j))  # one report's events are distinct events
            continue
        m = match_events(facts[i], facts[j])
        if m.conflict:
            conflicts.add((i, j))
        elif m.same:
            candidates.append((m.score, i, j))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        if any((min(x, y), max(x, y)) in conflicts for x in members[ri] for y in members[rj]):
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
    groups = sorted(sorted(g) for g in members.values())
    return groups


def _pairs(clusters: Iterable[Iterable[str]], keep: set[str] | None = None) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for c in clusters:
        items = sorted({x for x in c if keep is None or x in keep})
        out.update(frozenset(p) for p in combinations(items, 2))
    return out


def evaluate_clusters(pred: list[list[str]], gold: list[list[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of "same event" over the items ``gold`` covers.

    With no pairs to judge, precision (or recall) is 1.0: nothing was wrongly merged (or
    missed)."""
    items = {x for c in gold for x in c}
    p, g = _pairs(pred, items), _pairs(gold)
    hit = len(p & g)
    return (hit / len(p) if p else 1.0, hit / len(g) if g else 1.0)


def merge_facts(group: Sequence[EventFacts]) -> EventFacts:
    """One event's facts from all its reports: consensus values (``merge_values``), the
    union of participants and heads, the earliest report date."""
    from dataclasses import replace

    from diplograph.resolve.disagreements import merge_values

    if not group:
        raise ValueError("merge_facts needs at least one EventFacts")
    src = [f.document or str(i) for i, f in enumerate(group)]

    def pick(field: str) -> object:
        return merge_values([(getattr(f, field), s) for f, s in zip(group, src)], field=field)[0]

    dated = [f for f in group if f.date_start]
    start = pick("date_start")
    end = next((f.date_end for f in dated if f.date_start == start), None)
    doc_dates = sorted((f.doc_date for f in group if f.doc_date), key=lambda d: d.split("/")[0])
    return replace(
        group[0],
        name=max((f.name for f in group), key=len),
        type=pick("type"), series_key=pick("series_key"), series=pick("series"),
        acronym=pick("acronym"), ordinal=pick("ordinal"), status=pick("status") or "held",
        date_start=start, date_end=end, location=pick("location"),
        location_country=pick("location_country"),
        participants=frozenset().union(*(f.participants for f in group)),
        heads=frozenset().union(*(f.heads for f in group)),
        doc_date=doc_dates[0] if doc_dates else None,
        main=any(f.main for f in group), document=None, event=None,
    )  # type: ignore[arg-type]
