"""The headline of a plain-text report, decided by shape, never assumed.

A report is "title line, blank line, body" when its first line is short, does not end like a
sentence, and is followed by a paragraph break; otherwise the first line is body text and is
kept. Where a report has no blank lines at all, a single line break separates paragraphs.
"""
from __future__ import annotations

import re

# Longest headline taken: news headlines run to about 15 words; 30 words or 250 characters
# is beyond any headline in the dev texts and the benchmark pages, and below a lead paragraph.
MAX_WORDS = 30
MAX_CHARS = 250
# A headline may end with ? ! or a quotation mark, but not with a sentence's full stop, a
# colon or semicolon (an introduction), or a comma.
_SENTENCE_END = re.compile(r"[.:;,]$")
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Jr|Sr|St|Co|Inc|Ltd|U\.S|U\.K)\.)$")


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
    if not line or len(line) > MAX_CHARS or len(line.split()) > MAX_WORDS:
        return False
    if _SENTENCE_END.search(line) and not _ABBREV_END.search(line):
        return False
    return any(ch.isalpha() for ch in line)


def drop_repeated(title: str | None, body: str) -> str:
    """Body without a first line that repeats the title (HTML extractors sometimes keep it)."""
    if not title:
        return body
    first, sep, rest = body.partition("\n")
    if sep and _fold(first) == _fold(title):
        return rest.lstrip("\n")
    return body


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())
