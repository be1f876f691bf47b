"""Rounds of one series in order, with the numbers the reports imply.

Reports of one round may give its number and not its date, others the date and not the
number; once merged, the round has both. Across rounds, an unnumbered round dated between
round 10 and round 12 is round 11: numbers are filled in only where the numbered rounds on
both sides leave exactly as many numbers as there are unnumbered rounds between them.
"""
from __future__ import annotations

from typing import Any

from diplograph.resolve import dates


def _start(ev: dict[str, Any]) -> str:
    return str((ev.get("date") or {}).get("start") or "")


def order_rounds(rounds: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[int]]:
    """``rounds`` (event dicts of one series) in order, with inferred ordinals marked
    ``"ordinal_inferred": true``, and the round numbers still missing (gaps).

    Order: by date where dated (rounds sharing a year are ordered by ordinal), undated
    rounds placed by ordinal among them, the rest last."""
    dated = [e for e in rounds if _start(e)]
    undated = [e for e in rounds if not _start(e)]
    dated.sort(key=lambda e: (dates.bounds(_start(e)) or (None,))[0] or _start(e))  # type: ignore[arg-type]
    ordered = list(dated)
    for e in sorted((e for e in undated if e.get("ordinal") is not None), key=lambda e: e["ordinal"]):
        pos = next((i for i, d in enumerate(ordered)
                    if d.get("ordinal") is not None and d["ordinal"] > e["ordinal"]), len(ordered))
        ordered.insert(pos, e)
    ordered += [e for e in undated if e.get("ordinal") is None]
    out = [dict(e) for e in ordered]
    numbered = [i for i, e in enumerate(out) if isinstance(e.get("ordinal"), int)]
    for a, b in zip(numbered, numbered[1:]):
        between = list(range(a + 1, b))
        lo, hi = out[a]["ordinal"], out[b]["ordinal"]
        if between and hi - lo - 1 == len(between) and all(_start(out[i]) for i in between):
            for k, i in enumerate(between, start=1):
                out[i]["ordinal"] = lo + k
                out[i]["ordinal_inferred"] = True
    ords = sorted({e["ordinal"] for e in out if isinstance(e.get("ordinal"), int)})
    gaps = [n for n in range(ords[0], ords[-1]) if n not in ords] if ords else []
    return out, gaps
