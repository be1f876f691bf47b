"""The same person, country or organization across reports.

People: "Roman Vassilenko", "Vassilenko", "R. Vassilenko", "Mr Vassilenko", "VASSILENKO Roman"
and the transliteration "Vasilenko" are one person; "Igor Vassilenko" is not. Countries are
resolved by code; organizations by code, acronym, name or alias.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from diplograph.resolve.series import fold

_HONORIFICS = frozenset(
    "mr mrs ms miss dr prof professor sir dame he h e his her excellency ambassador minister "
    "president deputy foreign secretary general commissioner mister madam".split())
_DOUBLE = re.compile(r"(\w)\1+")
_Y_BETWEEN_VOWELS = re.compile(r"(?<=[aeiou])y(?=[aeiou])")


@dataclass(frozen=True, slots=True)
class PersonName:
    given: tuple[str, ...]
    surname: str


def _translit(tok: str) -> str:
    """Fold common romanisation variants: Vassilenko/Vasilenko, Tokayev/Tokaev, Dzh/J."""
    tok = tok.replace("dzh", "j").replace("dj", "j")
    tok = _Y_BETWEEN_VOWELS.sub("", tok)
    return _DOUBLE.sub(r"\1", tok)


@functools.lru_cache(maxsize=8192)
def parse_person(name: str) -> PersonName | None:
    raw = [t for t in re.split(r"[\s,]+", name.strip()) if t]
    caps = [t for t in raw if len(t) > 2 and t.isupper() and t.isalpha()]
    tokens = [_translit(t) for t in fold(" ".join(raw)).split()]
    lowered = [fold(t) for t in raw]
    # Drop honorifics, keep order; "Mr Vassilenko" -> ["vassilenko"].
    pairs = [(lo, tr) for lo, tr in zip(lowered, tokens) if lo and lo not in _HONORIFICS]
    if not pairs:
        return None
    if caps and len(caps) < len(raw):
        # "VASSILENKO Roman": the all-capitals word is the surname (EU/UN protocol lists).
        sur = _translit(fold(caps[-1]))
        given = tuple(tr for _lo, tr in pairs if tr != sur)
        return PersonName(given, sur)
    if len(pairs) >= 2 and len(pairs[-1][0]) == 1:
        # "Vassilenko R."
        return PersonName(tuple(tr for _lo, tr in pairs[1:]), pairs[0][1])
    return PersonName(tuple(tr for _lo, tr in pairs[:-1]), pairs[-1][1])


def person_key(name: str) -> str:
    """A grouping key for a person: folded surname and first initial when known."""
    p = parse_person(name)
    if p is None:
        return fold(name)
    return f"{p.surname}|{p.given[0][0]}" if p.given else p.surname


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y or x.startswith(y) or y.startswith(x)


def same_person(a_name: str, a_aliases: Iterable[str], b_name: str,
                b_aliases: Iterable[str]) -> bool:
    """Whether two mentions (with their aliases) name one person.

    Full names decide when both sides have one: the surnames must agree and the given names
    (or initials) must not conflict. Otherwise any surname form shared by the two sides does.
    """
    pa, pb = parse_person(a_name), parse_person(b_name)
    if pa is None or pb is None:
        return False
    forms_a = [p for p in (parse_person(x) for x in [a_name, *a_aliases]) if p]
    forms_b = [p for p in (parse_person(x) for x in [b_name, *b_aliases]) if p]
    surnames_a = {p.surname for p in forms_a} | {g for p in forms_a for g in p.given if len(g) > 1}
    surnames_b = {p.surname for p in forms_b} | {g for p in forms_b for g in p.given if len(g) > 1}
    full_a = next((p for p in forms_a if p.given), None)
    full_b = next((p for p in forms_b if p.given), None)
    if full_a and full_b:
        if full_a.surname == full_b.surname:
            return _given_compatible(full_a.given, full_b.given)
        # Surname-first vs given-first order of the same two words ("Xi Jinping").
        return {full_a.surname, *full_a.given} == {full_b.surname, *full_b.given}
    return pa.surname in surnames_b or pb.surname in surnames_a


def entity_key(entity: dict[str, Any]) -> str:
    """Key resolving an entity across reports: countries and the EU by code, people by
    ``person_key``, organizations and others by acronym when they have one, else name."""
    etype = entity.get("type") or "other"
    if entity.get("code"):
        return f"code:{entity['code']}"
    if etype == "person":
        return f"person:{person_key(entity.get('name') or '')}"
    if entity.get("acronym"):
        return f"{etype}:{fold(entity['acronym'])}"
    name = fold(entity.get("name") or "")
    return f"{etype}:{name[4:] if name.startswith('the ') else name}"


def _names(entity: dict[str, Any]) -> set[str]:
    out = {fold(n) for n in [entity.get("name"), entity.get("acronym"), *(entity.get("aliases") or [])]
           if n}
    return {n[4:] if n.startswith("the ") else n for n in out}


_GROUPS = ({"place", "region"},)


def same_entity(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two record entities (from different reports) are one entity."""
    ta, tb = a.get("type"), b.get("type")
    if ta != tb and not any(ta in g and tb in g for g in _GROUPS):
        return False
    if a.get("code") and b.get("code"):
        return bool(a["code"] == b["code"])
    if ta == "person":
        return same_person(a.get("name") or "", a.get("aliases") or [],
                           b.get("name") or "", b.get("aliases") or [])
    if a.get("acronym") and b.get("acronym") and fold(a["acronym"]) != fold(b["acronym"]):
        return False
    return bool(_names(a) & _names(b))
