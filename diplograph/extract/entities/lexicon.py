"""Word lists the entities stage reads from knowledge data, built once per process."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from diplograph.knowledge import gazetteer as gz
from diplograph.knowledge import load

# First word of a folded key: what a scan compares a token against before trying a lookup.
_FIRST = re.compile(r"[^\s\-]+")


def first_word(folded: str) -> str:
    m = _FIRST.match(folded)
    return m.group(0) if m else folded


@dataclass(frozen=True, slots=True)
class Lexicon:
    honorifics: frozenset[str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    domains: dict[str, str]
    coref: dict[str, tuple[str, ...]]
    initiative_heads: frozenset[str]
    connectors: frozenset[str]
    event_heads: frozenset[str]
    generic: frozenset[str]
    not_acronyms: frozenset[str]
    minor_words: frozenset[str]
    ministry_words: frozenset[str]
    # scan index: folded first word -> longest folded key (in characters) starting with it
    scan_first: dict[str, int]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles = load("titles")
    ini = load("initiatives")
    acr = load("acronyms")
    keys = gz.all_keys()
    longest_ministry = max(len(k) for k, kind in keys.items() if kind == "ministry")
    scan_first: dict[str, int] = {}
    for key, kind in keys.items():
        n = len(key)
        if kind == "ministry":
            # "foreign ministry of the Republic of Uzbekistan": the country follows
            n += len(" of the republic of ") + 40
        elif kind in ("country", "demonym"):
            n += 1 + longest_ministry  # "Kazakh Ministry of Foreign Affairs"
        fw = first_word(key)
        scan_first[fw] = max(scan_first.get(fw, 0), n)
    return Lexicon(
        honorifics=frozenset(titles["honorifics"]),
        title_heads=frozenset(h.lower() for h in titles["heads"]),
        title_modifiers=frozenset(m.lower() for m in titles["modifiers"]),
        domains={k.lower(): v for k, v in titles["domains"].items()},
        coref={k.lower(): tuple(v) for k, v in titles["coref"].items()},
        initiative_heads=frozenset(h.lower() for h in ini["heads"]),
        connectors=frozenset(ini["connectors"]),
        event_heads=frozenset(h.lower() for h in ini["event_heads"]),
        generic=frozenset(gz.fold(g) for g in ini["generic"]),
        not_acronyms=frozenset(acr["not_entities"]),
        minor_words=frozenset(acr["minor_words"]),
        ministry_words=gz.ministry_words(),
        scan_first=scan_first,
    )
