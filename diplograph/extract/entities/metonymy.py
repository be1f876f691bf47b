"""Capitals and their states: "Moscow said", "Washington's commitment", "ties with Moscow
and Beijing" name the state (the capital is then an alias of its country, or of the party
``places.json`` maps it to: Brussels → EU); "visited Beijing", "in Luxembourg" and a dateline
name the city. A country named like its capital (Luxembourg, Singapore) is read the same way.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.knowledge import gazetteer as gz
from diplograph.knowledge import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from diplograph.extract.entities.scan import Hit


@dataclass(frozen=True, slots=True)
class _Cues:
    locative_preps: frozenset[str]
    locative_verbs: frozenset[str]
    metonymic_deps: frozenset[str]
    metonymic_preps: frozenset[str]
    parties: dict[str, str]


@functools.lru_cache(maxsize=1)
def _cues() -> _Cues:
    m = load("places")["metonymy"]
    return _Cues(frozenset(m["locative_preps"]), frozenset(m["locative_verbs"]),
                 frozenset(m["metonymic_deps"]), frozenset(m["metonymic_preps"]),
                 {gz.fold(k): v for k, v in m["parties"].items()})


def capital_party(h: "Hit") -> str | None:
    """The party a capital hit can stand for, None when the hit is not a capital."""
    if h.kind == "place":
        p = h.obj
        key = gz.fold(p.name)
        party = _cues().parties.get(key)
        if party:
            return party
        return p.country if p.country and gz.fold(gz.capital_of(p.country) or "") == key else None
    if h.kind == "country":
        c = h.obj
        return c.code if gz.fold(gz.capital_of(c.code) or "") == gz.fold(c.name) else None
    return None


def reading(doc: "Doc", h: "Hit") -> str | None:
    """"place", "party" or None (no cue either way) for a capital's mention."""
    tok = doc[h.tok_end - 1]
    nxt = doc[h.tok_end] if h.tok_end < len(doc) else None
    if all(t.is_space or t.is_punct for t in doc[:h.tok_start]) and (
            doc[h.tok_start].text.isupper() or nxt is None or nxt.is_punct and nxt.tag_ != "POS"):
        return "place"  # the dateline: "LUXEMBOURG -", "Luxembourg, 23 October"
    cues = _cues()
    prev = doc[h.tok_start - 1] if h.tok_start else None
    if prev is not None and prev.lower_ == "the" and h.tok_start >= 2:
        prev = doc[h.tok_start - 2]
    if prev is not None and prev.lower_ in cues.locative_preps:
        return "place"
    if h.tok_end + 1 < len(doc) and doc[h.tok_end].text == "," \
            and gz.country(doc[h.tok_end + 1].text) is not None:
        return "place"  # "Samarkand, Uzbekistan"
    return _by_syntax(tok, cues)


def _by_syntax(tok: "Token", cues: _Cues) -> str | None:
    # a conjunct reads like the first of its list ("with Moscow and Beijing")
    seen = 0
    while tok.dep_ == "conj" and tok.head is not tok and seen < 6:
        tok = tok.head
        seen += 1
    dep = tok.dep_
    head = tok.head
    if dep == "pobj":
        if head.lower_ in cues.locative_preps:
            return "place"
        if head.lower_ in cues.metonymic_preps:
            return "party"
        return None
    if dep in cues.metonymic_deps:
        return "place" if head.lemma_ in cues.locative_verbs else "party"
    return None
