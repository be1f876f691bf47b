"""What one event mention says about its event: status, date, location.

Status comes from the strongest evidence available: a cue before the mention ("on the eve
of", "after") or among its modifiers ("upcoming", "recent"), then its date against the
report's anchor, then the tense of the verb that governs it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from diplograph.extract import dates
from diplograph.extract.tense import clause_tense
from diplograph.extract.events.mentions import Mention
from diplograph.knowledge import gazetteer, load
from diplograph.model import EventDate, Location

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["clause_tense", "cue_status", "date_status", "mention_location", "resolve_place", "location_from", "governing_verbs"]

_E = load("events")
_PLANNED_BEFORE: tuple[str, ...] = tuple(_E["planned_before"])
_HELD_BEFORE: tuple[str, ...] = tuple(_E["held_before"])
_PLANNED_MODS = frozenset(_E["planned_modifiers"])
_HELD_MODS = frozenset(_E["held_modifiers"])
_LOC_PREPS = frozenset(_E["location_preps"])
OCCUR_VERBS = frozenset(_E["occur_verbs"])
# occurrence verbs that tell the event happened (not "scheduled", "planned", "expected")
_HELD_VERBS = frozenset(_E["held_verbs"])
_GOVERNING_PREPS = frozenset(_E["governing_preps"])
_MOVED_VERBS = frozenset(_E["moved_verbs"])
_MOVED_PREPS = frozenset(_E["moved_preps"])

Status = Literal["held", "planned"]
_CAPITAL_OF = re.compile(r"^(?:the\s+)?capital\s+of\s+(.+)$", re.IGNORECASE)
_DEMONYM_CAPITAL = re.compile(r"^(?:the\s+)?([A-Z][\w\-]+)\s+capital$")


def cue_status(doc: "Doc", text: str, m: Mention, sent_start: int) -> Status | None:
    before = text[max(sent_start, m.start - 40):m.start].lower()
    before = re.sub(r"\s+", " ", before).rstrip()
    for cue in _PLANNED_BEFORE:
        if before.endswith(cue) or before.endswith(cue + " the") or before.endswith(cue + " a"):
            return "planned"
    for cue in _HELD_BEFORE:
        if before.endswith(cue) or before.endswith(cue + " the") or before.endswith(cue + " a"):
            return "held"
    mods = {doc[i].lower_ for i in m.left_modifiers}
    if mods & _PLANNED_MODS:
        # "The next round of talks was held from 3 to 5 June": next in the series, and over
        if any(v.lemma_ in _HELD_VERBS and v.tag_ in ("VBD", "VBN") for v in governing_verbs(
                doc[m.head])) and clause_tense(doc[m.head]) == "past":
            return "held"
        return "planned"
    if mods & _HELD_MODS:
        return "held"
    return None


def moved(doc: "Doc", m: Mention) -> tuple[int, int] | None:
    """An event postponed or cancelled ("has been postponed to 2026"): the char span of the new
    date's phrase, or an empty span at the verb when no new date is given."""
    for v in governing_verbs(doc[m.head]):
        if v.lemma_ not in _MOVED_VERBS:
            continue
        if v.lemma_ in ("move", "push", "call") and not any(
                c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in _MOVED_PREPS) for c in v.children):
            continue  # "moved to", "pushed back", "called off"; not "call for"
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in _MOVED_PREPS:
                return c.idx, c.right_edge.idx + len(c.right_edge.text)
        return v.idx, v.idx
    return None


def date_status(value: EventDate | None, anchor: dates.Anchor | None) -> Status | None:
    """Planned when the date lies after "now", held when before. A year-only anchor is an
    estimate: it decides only for dates that state their own year."""
    if value is None or anchor is None or not value.start:
        return None
    if anchor.month is None and not re.search(r"\b\d{4}\b", value.text or ""):
        return None
    now = f"{anchor.year:04d}" + (f"-{anchor.month:02d}" if anchor.month else "") + (
        f"-{anchor.day:02d}" if anchor.day else "")
    if dates.first_day(value.start) > dates.last_day(now):
        return "planned"
    if dates.last_day(value.end or value.start) < dates.first_day(now):
        return "held"
    return None


def resolve_place(text: str) -> Location | None:
    """A venue as a Location: a known place, "the capital of X", a country."""
    s = text.strip().strip(",.")
    s = re.sub(r"^(?:the)\s+", "", s, flags=re.IGNORECASE)
    m = _CAPITAL_OF.match(s)
    if m:
        c = gazetteer.country(m.group(1))
        cap = gazetteer.capital_of(c.code) if c else None
        if c and cap:
            return Location(cap, c.code)
    m = _DEMONYM_CAPITAL.match(s)
    if m:
        c = gazetteer.demonym(m.group(1)) or gazetteer.country(m.group(1))
        cap = gazetteer.capital_of(c.code) if c else None
        if c and cap:
            return Location(cap, c.code)
    p = gazetteer.place(s)
    if p:
        return Location(p.name, p.country)
    return None


def location_from(doc: "Doc", first: int, last: int) -> Location | None:
    """The venue named in tokens ``[first, last)``: the whole phrase, or a capitalised run in it."""
    if last <= first:
        return None
    span = doc[first:last]
    loc = resolve_place(span.text)
    if loc:
        return loc
    runs: list[tuple[int, int]] = []
    i = first
    while i < last:
        # capitalised, not ``is_title``: "Xi'an".istitle() is False
        if doc[i].text[:1].isupper():
            j = i
            while j < last and (doc[j].text[:1].isupper() or doc[j].text == "-"):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    for a, b in reversed(runs):
        loc = resolve_place(doc[a:b].text)
        if loc:
            return loc
    for a, b in reversed(runs):
        ents = [e for e in doc[a:b].ents if e.label_ in ("GPE", "LOC", "FAC")]
        if ents:
            e = ents[-1]
            c = gazetteer.country(e.text)
            if c:
                return Location(c.name, c.code)
            return Location(e.text, None)
    return None


def governing_verbs(tok: "Token") -> list["Token"]:
    """The verbs whose place and time are the event's: the event verb itself, the verb an event
    noun is subject or object of ("the meeting took place in", "held their summit in", "met in
    Brussels for the meeting"), and a participle or relative clause on the noun ("held in")."""
    if tok.pos_ == "VERB":
        return [tok]
    out: list["Token"] = []
    while tok.dep_ == "appos" and tok.head.i < tok.i:
        tok = tok.head  # "Brussels, 3 May 2024 – The meeting ... took place": the parser hangs it on the dateline
    h = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and h.pos_ in ("VERB", "AUX"):
        out.append(h)
    elif tok.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in _GOVERNING_PREPS and h.head.pos_ == "VERB":
        out.append(h.head)
    out += [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    return out


def _pobj_extent(prep: "Token") -> tuple[int, int] | None:
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        return None
    o = objs[0]
    return o.left_edge.i, o.right_edge.i + 1


def mention_location(doc: "Doc", m: Mention, limit: int, here: Location | None = None) -> Location | None:
    """Where the mention says the event is: "London meeting", "summit in Hong Kong", "took place
    in", "opened here" (``here``: the dateline's place)."""
    head = doc[m.head]
    if here is not None and any(c.lower_ == "here" and c.dep_ == "advmod"
                                for v in governing_verbs(head) for c in v.children):
        return here
    for i in m.left_modifiers:
        t = doc[i]
        if t.pos_ == "PROPN" and t.dep_ in ("compound", "nmod", "amod"):
            loc = resolve_place(doc[t.left_edge.i:t.i + 1].text)
            if loc:
                return loc
    end_tok = doc.char_span(m.name_start, m.name_end, alignment_mode="expand")
    k = end_tok.end if end_tok is not None else head.i + 1
    if k < len(doc) and doc[k].text == "(":
        while k < len(doc) and doc[k].text != ")":
            k += 1
        k += 1
    # "X took place today in Luxembourg", "X was held on Monday in Baku": skip the verb and a time
    j = k
    while j < min(limit, k + 6) and doc[j].lower_ not in _LOC_PREPS and (
            (doc[j].pos_ in ("VERB", "AUX") and doc[j].lemma_ in OCCUR_VERBS) or doc[j].lower_ == "place"
            or doc[j].ent_type_ in ("DATE", "TIME") or doc[j].pos_ == "ADV"):
        j += 1
    if j < limit and doc[j].lower_ in _LOC_PREPS:
        ext = _pobj_extent(doc[j])
        loc = location_from(doc, j + 1, min(limit, ext[1] if ext else j + 4))
        if loc:
            return loc
    name_toks = end_tok if end_tok is not None else [head]
    clauses = [c for t in name_toks for c in t.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if head.pos_ == "VERB" and m.noun == "visit":
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        loc = location_from(doc, obj.left_edge.i, obj.right_edge.i + 1) if obj is not None else None
        if loc:
            return loc
    for verb in governing_verbs(head) + clauses:
        before_ok = verb.i != head.i and head.dep_ not in ("nsubj", "nsubjpass")
        # "took place in Brussels": the place may hang on "place"
        preps = list(verb.children) + [g for c in verb.children if c.dep_ == "dobj" and c.lower_ == "place"
                                       for g in c.children]
        for c in preps:
            if c.dep_ == "prep" and c.lower_ in _LOC_PREPS and (c.i > head.i or before_ok):
                ext = _pobj_extent(c)
                if ext and ext[0] <= head.i < ext[1]:
                    continue  # "took part in the meeting": the event itself
                if ext and ext[1] <= max(limit, head.i):
                    loc = location_from(doc, ext[0], ext[1])
                    if loc:
                        return loc
    return None
