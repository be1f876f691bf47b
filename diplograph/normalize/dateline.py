"""Datelines: the place (and often date and outlet) that opens a wire report's first line.

Shapes handled, the place in capitals or, with a date or an outlet credit, in title case::

    ASTANA. KAZINFORM -              BRUSSELS (Reuters) -
    Tashkent, 12 June (UzA) --       ALMATY, June 3 /Trend/ -
    NUR-SULTAN, Kazakhstan —         BEIJING, June 3, 2023 (Xinhua) --
    MOSCOW, June 3. /TASS/.          WASHINGTON, D.C. (AP) —
    NEW DELHI: (a colon, for places the gazetteer knows)

The dateline stays in the text; only its parts are reported.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from diplograph.knowledge import load
from diplograph.knowledge.gazetteer import organization
from diplograph.knowledge.gazetteer import place as place_of
from diplograph.normalize.pubdate import iso, months
from diplograph.normalize.source import canonical_source

# Where a dateline can end: they are short, and scanning further only invites false matches.
MAX_DATELINE = 120


@dataclass(slots=True, frozen=True)
class Dateline:
    place: str
    source: str | None
    published: str | None
    end: int


_DIGITS = re.compile(r"\d")


def _date_pattern_like(credit: str) -> bool:
    """A credit that is a date ("21 November 2025", "12.03.2024"), not an outlet."""
    return bool(_DIGITS.search(credit)) and canonical_source(credit, known_only=True) is None


@functools.lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(w.upper() for w in load("outlets")["not_places"])


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    month = "|".join(sorted(map(re.escape, months()), key=len, reverse=True))
    word = r"(?:[^\W\d_]{1,3}\.|[^\W\d_][\w'’\-]*)"
    date = (
        rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{month})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<m2>{month})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
        r"|(?P<d3>\d{1,2})[./](?P<m3>\d{1,2})[./](?P<y3>\d{4})"
        r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
    )
    return re.compile(
        rf"(?P<place>{word}(?:[ ]{word}){{0,3}})"
        rf"(?:,\s*(?!(?:{month})\b)(?P<region>[A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){{0,2}}))?"
        # AFP brackets the country: "Xi'an (China) (AFP) -", "ALMATY (Kazakhstan), May 3 (AFP)"
        rf"(?:\s*\((?P<bregion>[A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){{0,2}})\)"
        r"(?=[^()\n/]{0,30}[(/]))?"
        rf"(?:[,.]?\s*(?:{date})(?:,?\s+\d{{1,2}}:\d{{2}})?\.?)?"
        r"(?:\s*\((?P<s1>[^()\n]{2,40})\)|\s*/(?P<s2>[^/\n]{2,40})/"
        r"|\.\s+(?P<s3>[A-Z][\w.\-]*(?:[ ][A-Z][\w.\-]*){0,2}))?"
        # TASS closes "MOSCOW, June 3. /TASS/." with a full stop instead of a dash, UzA
        # "Tashkent, March 14 (UzA). ", Trend "BAKU, Azerbaijan, May 21. " with the full
        # stop of its date.
        r"(?:(?:\s*(?:--|[-–—―])|(?<=/)\.|(?P<pstop>(?<=\))\.)|(?P<colon>:))\s+(?=\S)"
        r"|(?P<stop>(?<=\d\.))\s+(?=[A-Z\"“«‘']))"
        # RIA closes its dash with the credit: "MOSCOW, March 14 - RIA Novosti. ".
        r"(?:(?P<s4>[A-Z][\w.\-]*(?:[ ][A-Z][\w.\-]*){0,2})\.\s+(?=\S))?",
        re.I)


def parse(body: str) -> Dateline | None:
    """The dateline at the start of ``body``, or None."""
    m = _pattern().match(body[:MAX_DATELINE])
    if m is None:
        return None
    place = m.group("place")
    letters = [c for c in place if c.isalpha()]
    caps = all(c.isupper() for c in letters)
    raw_source = m.group("s1") or m.group("s2") or m.group("s3")
    has_date = any(m.group(g) for g in ("d1", "m2", "d3", "y4"))
    if len(letters) < 3 or place.upper() in _not_places():
        return None
    if m.group("stop") is not None and not (has_date and caps and not raw_source):
        # Only a dated capitalised place ends at its date's full stop: "BAKU, May 21. The".
        return None
    if m.group("colon") and place_of(place) is None:
        # "NEW DELHI: ..." is a dateline, "DEAR ABBY: ..." is not; only known places count.
        return None
    if not (has_date or raw_source):
        # A bare "WORD -" opening is a dateline only for a place: "NATO - " is prose.
        if not caps or organization(place) is not None:
            return None
    if not caps and not all(w[:1].isupper() for w in place.split()):
        return None
    if m.group("s3") and not m.group("s3").replace(".", "").replace("-", "").isupper():
        # ". Kazinform -" is a credit only in capitals; "Astana. The talks -" is prose.
        if canonical_source(m.group("s3"), known_only=True) is None:
            return None
    if m.group("pstop") is not None and canonical_source(raw_source or "", known_only=True) is None:
        # "(UzA). " closes a dateline; "Astana (Kazakhstan). " opens prose.
        return None
    end = m.end()
    if m.group("s4"):
        trailing = canonical_source(m.group("s4"), known_only=True)
        if raw_source is None and trailing is not None:
            raw_source = trailing
        else:
            end = m.start("s4")
    if raw_source and _date_pattern_like(raw_source):
        raw_source = None  # "BISHKEK (21 November 2025) —": a bracketed date credits no one
    source = canonical_source(raw_source) if raw_source else None
    return Dateline(place=_title(place) if caps else place, source=source,
                    published=iso(m), end=end)


def _title(place: str) -> str:
    """ "NUR-SULTAN" -> "Nur-Sultan", "ST. PETERSBURG" -> "St. Petersburg", "XI'AN" -> "Xi'an"."""
    return re.sub(r"[^\W\d_][^\s\-.]*", lambda w: w.group().capitalize(), place.lower())


# A dateline alone on its line below a standfirst: "BISHKEK" (Anadolu), within this many
# first lines of the text.
STANDALONE_LINES = 6


def standalone(text: str) -> str | None:
    """The place of a dateline standing alone on a header line ("BISHKEK"): a known place
    in capitals, between blank lines, before the body."""
    lines = text.split("\n", STANDALONE_LINES)[:STANDALONE_LINES]
    for i, line in enumerate(lines):
        word = line.strip()
        if not word or not word.isupper() or len(word.split()) > 3:
            continue
        if (i > 0 and lines[i - 1].strip()) or (i + 1 < len(lines) and lines[i + 1].strip()):
            continue
        known = place_of(word)
        if known is not None:
            return known.name
    return None
