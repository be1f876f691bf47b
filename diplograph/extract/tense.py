"""The tense of the clause a token sits in: past, future or None (present, unknown).

Shared by the events stage (status, the year of "in July") and the document date (which
dates tell the past and so can stand for "now").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.extract.dates import Found, Tense
from diplograph.knowledge import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_E = load("events")
_FUTURE_VERBS = frozenset(_E["future_verbs"])
_FUTURE_AUX = frozenset(_E["future_aux"])
_WEAK_FUTURE_AUX = frozenset(_E["weak_future_aux"])
_START_VERBS = frozenset(_E["start_verbs"])
_FUTURE_WORDS = frozenset(_E["future_words"])
_FUTURE_GOVERNORS = frozenset(_E["future_governors"])


def clause_tense(tok: "Token", weak: bool = False) -> Tense:
    """Past or future of the clause ``tok`` sits in, from its governing verb; None for present.

    ``weak`` counts "would" as future: right for dating ("would allow membership in January
    2006"), wrong for an event's status ("the meeting would be remembered as ...")."""
    future_aux = _FUTURE_AUX | _WEAK_FUTURE_AUX if weak else _FUTURE_AUX
    v = tok
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        return None
    chain = [v]
    if v.dep_ in ("xcomp", "ccomp", "advcl") and v.head.pos_ in ("VERB", "AUX", "ADJ"):
        chain.append(v.head)
    for w in chain:
        kids = list(w.children)
        aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
        if aux & future_aux:
            return "future"
        if w.lemma_ in _FUTURE_VERBS and any(c.dep_ == "xcomp" for c in kids):
            return "future"
        if "to" in aux and (w.lemma_ in _START_VERBS or w.head.lemma_ in _FUTURE_VERBS):
            return "future"
        if w.dep_ == "xcomp" and w.head.lower_ in _FUTURE_GOVERNORS:
            return "future"
    if v.tag_ == "VBD" or (v.tag_ == "VBN" and not any(c.lower_ in ("is", "are", "be") for c in v.children)):
        return "past"
    if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in v.children):
        return "past"
    if any(t.lower_ in _FUTURE_WORDS for t in v.sent):
        return "future"
    return None


def token_at(doc: "Doc", pos: int) -> "Token":
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def date_tenses(doc: "Doc", found: list[Found]) -> list[Tense]:
    """The (weak) tense of the clause each date expression sits in."""
    return [clause_tense(token_at(doc, f.start), weak=True) for f in found]
