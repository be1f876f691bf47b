"""Page furniture removed line by line: widgets, share buttons, credits, related-article lists.

Patterns are data (``knowledge/data/en/boilerplate.json``) and match whole lines only; a
body sentence that merely begins like a widget ("Read more about it ...") is kept.
"""
from __future__ import annotations

import functools
import re

from diplograph.knowledge import load

# Longest line the patterns are tried on: widget and credit lines are short, and skipping
# long body paragraphs keeps the pass linear in the number of lines, not characters.
MAX_LINE = 300
# A related-article entry is a headline: at most this many words and no closing full stop.
HEADLINE_WORDS = 25


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("boilerplate")
    lines = re.compile("|".join(f"(?:{p})" for p in data["lines"]), re.I)
    headers = re.compile("|".join(f"(?:{p})" for p in data["list_headers"]), re.I)
    return lines, headers


def strip(text: str) -> tuple[str, int]:
    """``text`` without boilerplate lines, and how many lines were dropped."""
    lines_re, headers_re = _patterns()
    out: list[str] = []
    dropped = 0
    in_list = False
    for line in text.split("\n"):
        if not line:
            out.append(line)
            continue
        short = len(line) <= MAX_LINE
        if short and headers_re.fullmatch(line):
            in_list = True
            dropped += 1
            continue
        if in_list:
            if _headline_shaped(line):
                dropped += 1
                continue
            in_list = False
        if short and lines_re.fullmatch(line):
            dropped += 1
            continue
        out.append(line)
    if not dropped:
        return text, 0
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip(), dropped


def _headline_shaped(line: str) -> bool:
    return not line.endswith(".") and len(line.split()) <= HEADLINE_WORDS
