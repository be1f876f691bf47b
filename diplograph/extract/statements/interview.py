"""Interview transcripts: the interviewer's questions and the answers after them.

One pass over the lines of the text. A question is a line opening with a question label
('Q:', 'Question:') or a dash and ending in '?'; the lines after it up to the next question
are the answer. An answer spoken by someone the line names ('Karoblis: …') keeps that name;
the others are the interviewee's, whom the caller resolves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.extract.statements.lexicon import Lexicon

_LINE = re.compile(r"[^\n]+")
# 'Q:', 'Answer.', 'Raimundas Karoblis:' — a label of at most four words before ':' or '.'
_LABEL = re.compile(r"\s*((?:[^\W\d_][\w'’.-]*\s+){0,3}[^\W\d_][\w'’-]*)\s*[:.]\s+")
_QUESTION_END = re.compile(r"\?[\s\"'»”’]*$")
# A single line ending in '?' can be a rhetorical question in prose; a transcript asks more.
MIN_QUESTIONS = 2
_OPENING = "«“„\"'‘"
_CLOSING = "»”“\"'’"


@dataclass(frozen=True, slots=True)
class Answer:
    start: int  # the answer's words, its mark or label left out
    end: int
    label: tuple[int, int] | None  # a name label's span: the person it names speaks


def _turn(line: str, lex: Lexicon) -> tuple[str | None, int, tuple[int, int] | None]:
    """The line's opening mark: ('question' | 'answer' | 'name' | None, where its words start,
    the span of a name label)."""
    stripped = len(line) - len(line.lstrip())
    if line[stripped:stripped + 1] and line[stripped] in lex.dashes:
        return "dash", stripped + 1 + len(line[stripped + 1:]) - len(line[stripped + 1:].lstrip()), None
    m = _LABEL.match(line)
    if m is None:
        return None, 0, None
    label = m.group(1).lower()
    if label in lex.question_labels:
        return "question", m.end(), None
    if label in lex.answer_labels:
        return "answer", m.end(), None
    if line[m.end(1):m.end()].strip() == ":" and all(w[:1].isupper() for w in m.group(1).split()):
        return "name", m.end(), (m.start(1), m.end(1))
    return None, 0, None


def find_answers(text: str, lex: Lexicon) -> tuple[list[Answer], int]:
    """The answers, and where the first question starts (the introduction ends there)."""
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    turns = []
    questions = 0
    for pos, line in lines:
        kind, at, label = _turn(line, lex)
        asks = kind == "question" or (kind in ("dash", "name") and _QUESTION_END.search(line) is not None)
        questions += asks
        turns.append((pos, line, "ask" if asks else kind, at, label))
    if questions < MIN_QUESTIONS:
        return [], len(text)
    first = next(pos for pos, _, kind, _, _ in turns if kind == "ask")
    out: list[Answer] = []
    after_question = False
    marked: bool | None = None  # whether answers open with a mark or a label
    for pos, line, kind, at, label in turns:
        if kind == "ask":
            after_question = True
            continue
        if not after_question:
            continue
        if marked is None:
            marked = kind is not None
        if marked and kind is None:
            after_question = False  # the outlet's prose after the transcript
            continue
        a, b = _unquoted(line, at if kind is not None else len(line) - len(line.lstrip()))
        if b > a:
            out.append(Answer(pos + a, pos + b, (pos + label[0], pos + label[1]) if label else None))
    return out, first


def _unquoted(line: str, a: int) -> tuple[int, int]:
    b = len(line.rstrip())
    if b - a > 1 and line[a] in _OPENING and line[b - 1] in _CLOSING and not any(
            ch in _OPENING + _CLOSING for ch in line[a + 1:b - 1] if ch not in "'’"):
        return a + 1, b - 1
    return a, b
