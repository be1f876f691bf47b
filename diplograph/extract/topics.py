"""Extract stage: topics — the taxonomy codes of SCHEMA.md the report and each event are about.

Each topic is a set of phrase patterns (``topics.json``), matched once over the text. Phrases
that only look like a topic ("state aid", an event's own name "Political and Security
Dialogue", its capitalised words) are masked first. The document's topics are those found
anywhere in its text; the main event's are the document's; another event's are those of the
sentences that mention it.
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
# Phrases indexed by their first word (or, for "cyber*", its prefix), so that the text's words
# are looked up once instead of scanning it with one alternation per topic (15 ms a report).
_BY_WORD: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
_BY_PREFIX: list[tuple[str, str, re.Pattern[str]]] = []
for _code in TOPICS:
    for _p in _T["topics"].get(_code, []):
        _first = _p.split()[0].lower()
        _rx = re.compile(_phrase(_p), re.IGNORECASE)
        if _first.endswith("*"):
            _BY_PREFIX.append((_first[:-1], _code, _rx))
        else:
            _BY_WORD.setdefault(_first.split("-")[0], []).append((_code, _rx))
# Prefix phrases grouped by their first three letters: a word is checked only against the
# prefixes it could start with (the flat loop was a million startswith calls on 80 reports).
_PREFIX_KEY = 3
_BY_PREFIX_HEAD: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
_SHORT_PREFIXES: list[tuple[str, str, re.Pattern[str]]] = []
for _entry in _BY_PREFIX:
    if len(_entry[0]) >= _PREFIX_KEY:
        _BY_PREFIX_HEAD.setdefault(_entry[0][:_PREFIX_KEY], []).append(_entry)
    else:
        _SHORT_PREFIXES.append(_entry)
_WORDS = re.compile(r"\w+")
# Capitalised words: an event's proper name ("Political and Security Dialogue") is masked, its
# plain description ("talks on security") still tells what was discussed.
_CAPITALISED = re.compile(r"[A-Z][\w-]*")


def _scan(clean: str) -> list[tuple[int, str]]:
    hits: set[tuple[int, str]] = set()
    for m in _WORDS.finditer(clean):
        w = m.group().lower()
        for code, rx in _BY_WORD.get(w, ()):
            if rx.match(clean, m.start()):
                hits.add((m.start(), code))
        for prefix, code, rx in (*_BY_PREFIX_HEAD.get(w[:_PREFIX_KEY], ()), *_SHORT_PREFIXES):
            if w.startswith(prefix) and rx.match(clean, m.start()):
                hits.add((m.start(), code))
    return list(hits)


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
    hits += _scan(clean)
    return sorted(hits)


def run(ctx: Context) -> None:
    text = ctx.text
    names = [m.span() for e in ctx.events for s in e.evidence
             for m in _CAPITALISED.finditer(text, s.start, s.end)]
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
