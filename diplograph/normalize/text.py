"""Unicode and whitespace: repair mojibake, unify line endings, tidy spaces, keep paragraphs.

ftfy repairs text that was decoded with the wrong code page ("KazakhstanвЂ™s", "Ã©"); its
quote uncurling is off because curly quotes are part of the report (and of quotations).
"""
from __future__ import annotations

import re

import ftfy

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

# Invisible characters that only break words: soft hyphen, zero-width space/joiners, word
# joiner, BOM inside text.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Any horizontal whitespace run, including no-break and typographic spaces.
_SPACES = re.compile(r"[^\S\n]+")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_RUNS = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# What ftfy can still change on a line of plain ASCII: HTML entities, terminal escapes and
# control characters. Lines without these (most lines of most reports) skip ftfy, which works
# line by line anyway; that halves normalisation time on the BBC corpus.
_ASCII_FIXABLE = re.compile(r"[&\x00-\x08\x0e-\x1f\x7f]")


def _needs_ftfy(line: str) -> bool:
    return not line.isascii() or _ASCII_FIXABLE.search(line) is not None


def fix(text: str) -> str:
    """The text with encodings repaired, one kind of line end, no trailing or doubled spaces,
    and paragraphs separated by at most one blank line."""
    text = _LINE_BREAKS.sub("\n", text)
    if _needs_ftfy(text):
        text = "\n".join(ftfy.fix_text(line, _FTFY) if _needs_ftfy(line) else line
                          for line in text.split("\n"))
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _LINE_EDGES.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()
