"""Quotation spans in a text, found from the marks alone (no parse).

Handles «…», “…”, „…“ / „…”, "…", ‘…’ and '…'. Straight marks and single quotes are told
apart from apostrophes by the characters around them. A quote that runs on without a
closing mark into a new quote (BBC style: ``poorest. "Two million…``, or across a
paragraph break) is one quote of several segments. Only outermost quotes are returned;
a quote nested inside another is part of its text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKS = re.compile(r"[«»“”„\"'‘’‹›]|\n[ \t\r]*\n")
_OPEN_PUNCT = "([{—–-/"
# Which closing marks end a quote opened by each mark.
_CLOSERS = {"«": "»", "‹": "›", "“": "”", "„": "“”", '"': '"', "‘": "’", "'": "'’"}


@dataclass(slots=True)
class Quote:
    """One quotation: ``segments`` are the spans inside the marks, ``start``/``end`` the
    outer span including them. ``closed`` is False when it ran on without a closing mark."""

    start: int
    end: int
    segments: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    def text(self, source: str) -> str:
        return " ".join(source[a:b].strip() for a, b in self.segments if b > a)

    def words(self, source: str) -> int:
        return sum(len(source[a:b].split()) for a, b in self.segments)


@dataclass(slots=True)
class _Open:
    mark: str
    pos: int


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _role(text: str, i: int, mark: str) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe)."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    before_open = _is_space(prev) or prev in _OPEN_PUNCT or prev in _CLOSERS
    after_close = _is_space(nxt) or (not nxt.isalnum() and nxt not in _CLOSERS)
    if mark in "«‹„‘":
        return "open"
    if mark in "»›”":
        return "close"
    if mark == "“":
        return "either"  # English opener, German closer: decided by what is open
    if mark in "'’":
        if prev.isalnum() and nxt.isalnum():
            return None  # Russia's, don't
        if before_open and not _is_space(nxt) and mark == "'":
            return "open"
        if not before_open and after_close:
            return "close"
        return None
    # straight double quote
    if before_open and not after_close:
        return "open"
    if after_close and not before_open:
        return "close"
    return "either"


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    stack: list[_Open] = []

    def finish(op: _Open, seg_end: int, outer_end: int, closed: bool) -> None:
        a = op.pos + 1
        b = seg_end
        while b > a and text[b - 1].isspace():
            b -= 1
        q = Quote(op.pos, outer_end, [(a, b)], closed)
        prev = quotes[-1] if quotes else None
        if prev is not None and not prev.closed and not text[prev.end:op.pos].strip():
            prev.segments.append((a, b))
            prev.end = outer_end
            prev.closed = closed
        else:
            quotes.append(q)

    def close_all(at: int) -> None:
        # an unclosed outer quote ends at the break; unclosed inner ones are dropped
        if stack:
            op = stack[0]
            end = at
            while end > op.pos + 1 and text[end - 1].isspace():
                end -= 1
            finish(op, end, end, False)
            stack.clear()

    for m in _MARKS.finditer(text):
        i = m.start()
        mark = m.group()
        if mark[0] == "\n":
            close_all(i)
            continue
        role = _role(text, i, mark)
        if role is None:
            continue
        top = stack[-1] if stack else None
        closes_top = top is not None and mark in _CLOSERS[top.mark]
        if role == "either":
            role = "close" if closes_top else "open"
        if role == "close":
            # close the innermost quote this mark can close
            for k in range(len(stack) - 1, -1, -1):
                if mark in _CLOSERS[stack[k].mark]:
                    op = stack[k]
                    del stack[k:]
                    if not stack:
                        finish(op, i, i + 1, True)
                    break
            continue
        if top is not None and top.mark == mark and len(stack) == 1:
            # a new opener of the same kind while one is open: the quote runs on
            op = stack.pop()
            finish(op, i, i, False)
        stack.append(_Open(mark, i))
    close_all(len(text))
    return quotes
