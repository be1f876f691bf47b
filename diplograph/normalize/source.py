"""Outlet names: the canonical form of a credit, a site name or a host name (outlets.json)."""
from __future__ import annotations

import functools
import re

from diplograph.knowledge import load

_FOLD = re.compile(r"[\s.\-_/]+")


def _fold(name: str) -> str:
    return _FOLD.sub("", name.casefold().removeprefix("www."))


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for outlet in load("outlets")["outlets"]:
        for alias in [outlet["name"], *outlet.get("aliases", [])]:
            table.setdefault(_fold(alias), outlet["name"])
    return table


def canonical_source(name: str, known_only: bool = False) -> str | None:
    """Canonical outlet name for ``name``; unknown names are tidied (a long all-capital word
    is title-cased, an acronym kept) unless ``known_only``."""
    name = " ".join(name.split()).strip(" .,;:-")
    if not name:
        return None
    known = _table().get(_fold(name))
    if known is not None or known_only:
        return known
    if name.isupper() and len(name) > 5 and " " not in name:
        return name.capitalize()
    return name
