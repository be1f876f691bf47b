"""Gazetteer scan: the longest known names in the text, found token by token.

A lookup is tried only where a token can start a known name (its folded first word is in
the lexicon's scan index) and only up to the longest such name, so the scan costs a few
dictionary probes per capitalised token.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.extract.entities.lexicon import first_word, lexicon
from diplograph.knowledge import gazetteer as gz

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_TOKENS = 12


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    kind: str  # country | demonym | organization | ministry | place | region | initiative
    obj: Any
    tok_start: int
    tok_end: int


def _capital(tok: "Token") -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or t[0].isdigit())


def _prefixed(doc: "Doc", i: int) -> bool:
    """"Caspian" in "Trans-Caspian", "European" in "Pan-European": the second half of a word
    whose first half names nothing is no name of its own ("Kyrgyzstan" in "China-Kyrgyzstan"
    is)."""
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return False
    first = doc[i - 2].text
    return first.isalpha() and gz.lookup(gz.fold(first)) is None


def scan(doc: "Doc", text: str) -> Iterator[Hit]:
    lex = lexicon()
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        cap = _capital(tok)
        limit = lex.scan_first.get(first_word(gz.fold(tok.text))) if tok.text.strip() else None
        if not limit or not cap and tok.lower_ not in lex.ministry_words or _prefixed(doc, i):
            i += 1
            continue
        best: Hit | None = None
        start = tok.idx
        has_ministry_word = False
        spans: list[tuple[int, int]] = []
        for k in range(i, min(n, i + MAX_TOKENS)):
            last = doc[k]
            end = last.idx + len(last.text)
            if end - start > limit + 2 or last.is_space or (k > i and last.is_sent_start):
                break
            has_ministry_word = has_ministry_word or last.lower_ in lex.ministry_words
            if not last.is_punct:
                spans.append((k, end))
        for k, end in reversed(spans):
            surface = text[start:end]
            # a known name may end in a lower-case word ("Central Asian region") but not be one
            found = gz.lookup(gz.fold(surface)) if cap and (_capital(doc[k]) or k > i and doc[k].is_alpha) \
                else None
            if found is None and has_ministry_word and k > i:
                m = gz.ministry(surface)
                if m is not None:
                    found = ("ministry", m)
            if found is None:
                continue
            best = Hit(start, end, found[0], found[1], i, k + 1)
            break
        if best is None:
            i += 1
            continue
        yield best
        i = best.tok_end
