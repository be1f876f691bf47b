"""Bylines: the author line in a report's header ("By Dana Omarova", "Author: A. Bekova",
"By Aigerim Saparova in Culture on 12 March 2024").

A byline is page furniture: it leaves the text. Its date, when it has one, is the
publication date; the author is never the report's source (a person is not an outlet).
"""
from __future__ import annotations

import functools
import re

from diplograph.knowledge import load
from diplograph.knowledge.gazetteer import place as known_place
from diplograph.normalize.pubdate import find_date

# Bylines sit under the headline, sometimes after a stamp line: title, blank, stamp, blank,
# byline is the deepest layout seen in saved pages.
HEADER_LINES = 6
# Longest byline: a name or two with a role, a section and a date stay well inside this.
MAX_CHARS = 120
MAX_WORDS = 18
_PARTICLES = r"(?:de|da|del|der|di|du|van|von|le|la|al|el|bin|ibn|ben|ul|ur)"
# ("By RFE/RL's Tajik Service": an outlet's desk signs too)
_NAME = rf"[A-Z][\w'’/\-]*\.?(?:\s+(?:{_PARTICLES}\s+){{0,2}}[A-Z][\w'’/\-]*\.?){{0,4}}"
# A byline does not end like a sentence: a final full stop after a word (not an initial).
_SENTENCE_END = re.compile(r"\w{3,}[.!?][\"'”’»)]*$")


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    labels = load("boilerplate")["byline_labels"]
    alt = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    # The label is matched case-insensitively, the names are not: "By the end of ..." and
    # "by land and sea" are prose, "By Dana Omarova" is a byline.
    return re.compile(
        rf"(?i:{alt})\s*[:\-–—]?\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[,|–—(\-].*|\s+(?i:in|on|for)\s.*)?")


def is_byline(line: str, first: bool = False) -> bool:
    """Whether ``line`` is a byline; the report's first line only with a labelled form
    ("Author: ..."), since "By Rail To Tashkent" may be a headline."""
    if not line or len(line) > MAX_CHARS or len(line.split()) > MAX_WORDS:
        return False
    if _SENTENCE_END.search(line):
        return False
    if first and not re.match(r"\w[\w ]*:", line):
        return False
    return _pattern().fullmatch(line) is not None


def take(text: str, titled: bool = False) -> tuple[str, str | None]:
    """``text`` without its header byline lines, and the date a byline gives (ISO).
    ``titled``: the headline is known from elsewhere (HTML metadata), so the first line
    cannot be it."""
    bylines, kept, rest = _split(text, titled)
    if not bylines:
        return text, None
    published = next((d for line in bylines if (d := find_date(line)) is not None), None)
    out = "\n".join(kept + rest)
    return re.sub(r"\n{3,}", "\n\n", out).strip("\n"), published


def place(text: str, titled: bool = False) -> str | None:
    """The place a header byline writes from ("By Nikolaj Dahl, Brussels, 24. Jul 2025"):
    a known place among its comma-separated parts."""
    for line in _split(text, titled)[0]:
        for part in line.split(",")[1:]:
            found = known_place(part.strip())
            if found is not None:
                return found.name
    return None


def _split(text: str, titled: bool) -> tuple[list[str], list[str], list[str]]:
    """The header's byline lines, its other lines, and the lines after the header."""
    lines = text.split("\n", HEADER_LINES)
    bylines: list[str] = []
    kept: list[str] = []
    for i, line in enumerate(lines[:HEADER_LINES]):
        (bylines if is_byline(line, first=i == 0 and not titled) else kept).append(line)
    return bylines, kept, lines[HEADER_LINES:]
