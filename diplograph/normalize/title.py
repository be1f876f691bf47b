"""The headline of a plain-text report, decided by shape, never assumed.

A report is "title line, blank line, body" when its first line is short, does not end like a
sentence, and is followed by a paragraph break; otherwise the first line is body text and is
kept. Where a report has no blank lines at all, a single line break separates paragraphs.
"""
from __future__ import annotations

import functools
import re

from diplograph.knowledge import load
from diplograph.normalize.source import canonical_source

# Calibrated on the 2,225 BBC reports of shared/data/news-en (headline and lead known): their
# headlines have 3-9 words, leads mostly 15-27; agency headlines (Kazinform) run to ~20 words.
MAX_WORDS = 30
MAX_CHARS = 250
# Past this many words a line with a comma is a lead sentence that lost its full stop.
LONG_WORDS = 20
# A question or exclamation this long is a headline; a longer one opens the body.
QUESTION_WORDS = 15
# A headline does not end like a sentence (full stop, possibly inside closing quotes), an
# introduction (colon, semicolon) or a clause (comma); a trailing ellipsis is a headline's.
_SENTENCE_END = re.compile(r"(?:(?<!\.\.)\.|[:;,])[\"'”’»)]*$")
_SITE_SEP = re.compile(r"\s+[|–—:-]\s+|:\s+|\s+::\s+")
_NON_WORD = re.compile(r"\W+")
_QUESTION_END = re.compile(r"[?!][\"'”’»)]*$")


@functools.lru_cache(maxsize=1)
def _kicker() -> re.Pattern[str]:
    data = load("boilerplate")
    kickers, sections = (
        "|".join(sorted(map(re.escape, data[k]), key=len, reverse=True))
        for k in ("title_kickers", "title_sections"))
    return re.compile(
        rf"(?:(?:{kickers})(?:\s*(?:\||::|:|–|—)\s+|\s+-\s+)"
        rf"|(?:{sections})\s*(?:\||::|»|›)\s+)(?=\S)", re.I)


def split(text: str) -> tuple[str | None, str]:
    """``(title, body)``; ``title`` is None when the first line is not shaped like one."""
    sep = "\n\n" if "\n\n" in text else "\n"
    first, found, rest = text.partition(sep)
    if not found or not rest.strip() or "\n" in first:
        return None, text
    line = first.strip()
    if not looks_like_title(line):
        return None, text
    return line, rest.lstrip("\n")


def looks_like_title(line: str) -> bool:
    words = len(line.split())
    if not line or len(line) > MAX_CHARS or words > MAX_WORDS:
        return False
    if _SENTENCE_END.search(line) or (words > LONG_WORDS and "," in line):
        return False
    if _QUESTION_END.search(line) and words > QUESTION_WORDS:
        return False
    return any(ch.isalpha() for ch in line)


def drop_repeated(title: str | None, body: str, site: str | None = None) -> str:
    """Body without a first line that repeats the title (HTML extractors sometimes keep it,
    with its section kicker or site name: "Opinion | <title>")."""
    if not title:
        return body
    first, sep, rest = body.partition("\n")
    if sep and _fold(title) in (_fold(first), _fold(clean(first, site)[0])):
        return rest.lstrip("\n")
    return body


def strip_kicker(title: str) -> str:
    """A headline without the section label pages put before it ("Opinion | ...",
    "ANALYSIS: ..."); the labels are data (boilerplate.json, ``title_kickers``)."""
    m = _kicker().match(title)
    return title[m.end():] if m and looks_like_title(title[m.end():]) else title


def clean(title: str, site: str | None) -> tuple[str, str | None]:
    """The headline without section kicker and site name, and the outlet named by a site
    suffix or prefix (the page's own site name, or any outlet known by name)."""
    head, outlet = split_site(strip_kicker(title), site)
    return strip_kicker(head), outlet


def strip_site(title: str, site: str | None) -> str:
    """An HTML title without the site name pages add to it ("Talks open – TechCrunch",
    "Site | Tagline: Talks open"); only a part equal to the page's own site name goes."""
    return split_site(title, site)[0] if site else title


def split_site(title: str, site: str | None) -> tuple[str, str | None]:
    """``(title without its site part, canonical outlet of that part)``. A part goes when it
    is the page's own site name, or, with or without one, an outlet known by name."""
    key = _bare(site) if site else None
    own = canonical_source(site) if site else None
    for m in _SITE_SEP.finditer(title):
        head, tail = title[:m.start()].strip(), title[m.end():].strip()
        for part, other in ((tail, head), (head, tail)):
            if not other:
                continue
            if key is not None and _bare(part) == key:
                return other, own
            known = canonical_source(part, known_only=True)
            if known is not None and (own is None or known == own):
                return other, known
    return title, None


def _bare(s: str) -> str:
    return _NON_WORD.sub("", s.casefold())


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())
