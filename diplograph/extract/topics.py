"""Extract stage: topics — the taxonomy codes of SCHEMA.md the report and each event are about.

Each topic is a set of phrase patterns (``topics.json``), matched once over the text. Phrases
that only look like a topic ("state aid", an event's own name "Political and Security
Dialogue") are masked first. The document's topics are those found anywhere in its text; the
main event's are the document's; another event's are those of the sentences that mention it.
"""
from __future__ import annotations

import bisect
import re

from diplograph.extract.context import Context
from diplograph.knowledge import load
from diplograph.model import TOPICS


def _phrase(p: str) -> str:
    body = r"\s+".join(re.escape(w).replace(r"\*", r"\w*") for w in p.split())
    return rf"(?<!\w){body}(?![\w-])" if not p.endswith("*") else rf"(?<!\w){body}"


_T = load("topics")
_EXCLUDE = re.compile("|".join(_phrase(p) for p in _T["exclude"]), re.IGNORECASE)
_CLAIMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(_phrase(p), re.IGNORECASE)) for p, code in _T["claims"].items())
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile("|".join(_phrase(p) for p in _T["topics"][code]), re.IGNORECASE))
    for code in TOPICS if code in _T["topics"])


def find(text: str, masked: list[tuple[int, int]] | None = None) -> list[tuple[int, str]]:
    """(offset, topic) for every topic phrase in ``text`` outside ``masked`` spans."""
    chars = list(text)
    for a, b in masked or []:
        chars[a:b] = " " * (b - a)
    clean = _EXCLUDE.sub(lambda m: " " * len(m.group(0)), "".join(chars))
    hits: list[tuple[int, str]] = []
    for code, rx in _CLAIMS:
        hits += [(m.start(), code) for m in rx.finditer(clean)]
        clean = rx.sub(lambda m: " " * len(m.group(0)), clean)
    hits += [(m.start(), code) for code, rx in _PATTERNS for m in rx.finditer(clean)]
    return sorted(hits)


def run(ctx: Context) -> None:
    text = ctx.text
    names = [(s.start, s.end) for e in ctx.events for s in e.evidence]
    hits = find(text, names)
    ctx.topics = list(dict.fromkeys(code for _, code in hits))
    if not ctx.events:
        return
    offsets = [h[0] for h in hits]
    sents = [(s.start_char, s.end_char) for s in ctx.doc.sents]
    starts = [a for a, _ in sents]
    for event in ctx.events:
        if event.main:
            event.topics = list(ctx.topics)
            continue
        found: list[str] = []
        for ev in event.evidence:
            i = bisect.bisect_right(starts, ev.start) - 1
            a, b = sents[max(i, 0)]
            found += [code for off, code in hits[bisect.bisect_left(offsets, a):bisect.bisect_left(offsets, b)]]
        event.topics = list(dict.fromkeys(found))
