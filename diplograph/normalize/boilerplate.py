"""Page furniture removed line by line: widgets, share buttons, credits, related-article lists,
press contacts.

Patterns are data (``knowledge/data/en/boilerplate.json``) and match whole lines only; a
body sentence that merely begins like a widget ("Read more about it ...") is kept. Lines
that name the report's issuer ("EEAS Press Release", "contact the OSCE Press Office") are
furniture too, but the issuer they name is kept for ``document.source``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from diplograph.knowledge import load
from diplograph.normalize.source import canonical_source

# Longest line the patterns are tried on: widget and credit lines are short, and skipping
# long body paragraphs keeps the pass linear in the number of lines, not characters.
MAX_LINE = 300
# A related-article entry is a headline: at most this many words and no closing full stop.
HEADLINE_WORDS = 25
# A line that ends like a sentence (full stop, possibly inside closing quotes) is body text.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")


@dataclass(slots=True, frozen=True)
class Cleaned:
    text: str
    dropped: int
    issuer: str | None


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[re.Pattern[str], ...],
                         frozenset[str]]:
    data = load("boilerplate")
    lines = re.compile("|".join(f"(?:{p})" for p in data["lines"]), re.I)
    headers = re.compile("|".join(f"(?:{p})" for p in data["list_headers"]), re.I)
    issuers = tuple(re.compile(p) for p in data["issuer_lines"])
    return lines, headers, issuers, frozenset(w.casefold() for w in data["not_issuers"])


def issuer(line: str) -> str | None:
    """The issuer an issuer line names ("EEAS Press Release" -> "EEAS"), or None."""
    _, _, issuers_re, not_issuers = _patterns()
    if len(line) > MAX_LINE:
        return None
    for pattern in issuers_re:
        m = pattern.fullmatch(line)
        if m is None:
            continue
        groups = m.groupdict()
        name = groups.get("issuer") or groups.get("named")
        if not name or name.split()[0].casefold() in not_issuers:
            return None
        if groups.get("named") and not (_ACRONYM.fullmatch(name)
                                         or canonical_source(name, known_only=True)):
            return None
        return name
    return None


def clean(text: str) -> Cleaned:
    """``text`` without boilerplate lines, how many were dropped and the issuer named."""
    lines_re, headers_re, _, _ = _patterns()
    out: list[str] = []
    dropped = 0
    in_list = False
    named: str | None = None
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
        if short:
            by = issuer(line)
            if by is not None or lines_re.fullmatch(line):
                named = named or by
                dropped += 1
                continue
        out.append(line)
    if not dropped:
        return Cleaned(text, 0, None)
    return Cleaned(re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip(), dropped, named)


def strip(text: str) -> tuple[str, int]:
    """``text`` without boilerplate lines, and how many lines were dropped."""
    c = clean(text)
    return c.text, c.dropped


def _headline_shaped(line: str) -> bool:
    return not _SENTENCE_END.search(line) and len(line.split()) <= HEADLINE_WORDS
