"""One value per field from many reports, with every disagreement kept.

Values that agree up to precision or form merge silently ("2023-06" and "2023-06-02";
"Vassilenko" and "Roman Vassilenko"; 49 billion and 49.1 billion within 0.5 %), and the
most specific form wins. Values that conflict all survive with their sources.
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field as dc_field
from typing import Any

from diplograph.resolve import dates
from diplograph.resolve.entities import same_person
from diplograph.resolve.series import fold

PERSON_FIELDS = frozenset({"head", "speaker", "speaker_name", "person"})
# Figures reported by two outlets differ by rounding; 0.5 % is the scorer's own tolerance.
NUMBER_TOLERANCE = 0.005


def _compatible(a: object, b: object, field: str) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        if "start" in a or "start" in b:
            ia, ib = dates.span(a.get("start"), a.get("end")), dates.span(b.get("start"), b.get("end"))
            return ia is not None and ib is not None and _nested(ia, ib)
        if "name" in a and "name" in b:
            return bool(fold(str(a["name"])) == fold(str(b["name"])) and
                        (not a.get("country") or not b.get("country") or a["country"] == b["country"]))
        return a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if a == b:
            return True
        return abs(a - b) <= NUMBER_TOLERANCE * max(abs(a), abs(b))
    if isinstance(a, str) and isinstance(b, str):
        if dates.is_iso(a) and dates.is_iso(b):
            ia, ib = dates.bounds(a), dates.bounds(b)
            return ia is not None and ib is not None and _nested(ia, ib)
        if field in PERSON_FIELDS:
            return same_person(a, (), b, ())
        return fold(a) == fold(b)
    if isinstance(a, (list, tuple, set, frozenset)) and isinstance(b, (list, tuple, set, frozenset)):
        return {_hashable(x) for x in a} == {_hashable(x) for x in b}
    return a == b


def _nested(a: dates.Interval, b: dates.Interval) -> bool:
    """One date is the other at a lower precision ("2023-06" contains "2023-06-02")."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _hashable(x: object) -> Hashable:
    if isinstance(x, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in x.items()))
    if isinstance(x, (list, tuple, set, frozenset)):
        return tuple(sorted(map(repr, x)))
    if isinstance(x, str):
        return fold(x)
    return x  # type: ignore[return-value]


def _specificity(x: object) -> tuple[int, int]:
    if isinstance(x, str):
        return (dates.precision(x) if dates.is_iso(x) else 0, len(x))
    if isinstance(x, dict):
        start = x.get("start")
        return (dates.precision(start) if isinstance(start, str) else 0,
                sum(v is not None for v in x.values()))
    if isinstance(x, float) and not x.is_integer():
        return (1, len(repr(x)))
    return (0, 0)


@dataclass(slots=True)
class _Group:
    value: object
    sources: list[str] = dc_field(default_factory=list)
    members: list[object] = dc_field(default_factory=list)


def merge_values(values: list[tuple[object, str]], field: str = "") -> tuple[object, dict[str, Any] | None]:
    """Consensus of ``(value, source)`` pairs and, where sources conflict, the disagreement
    ``{"field", "values": [{"value", "sources"}]}`` (largest group first). None values are
    ignored: a report that does not say is not a report that disagrees."""
    groups: list[_Group] = []
    for value, source in values:
        if value is None or value == "" or value == []:
            continue
        for g in groups:
            if all(_compatible(value, m, field) for m in g.members):
                g.members.append(value)
                if source not in g.sources:
                    g.sources.append(source)
                if _specificity(value) > _specificity(g.value):
                    g.value = value
                break
        else:
            groups.append(_Group(value, [source], [value]))
    if not groups:
        return None, None
    groups.sort(key=lambda g: -len(g.sources))
    if len(groups) == 1:
        return groups[0].value, None
    return groups[0].value, {
        "field": field,
        "values": [{"value": g.value, "sources": g.sources} for g in groups],
    }
