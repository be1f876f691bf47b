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
    title_variants: dict[str, str]
    domains: dict[str, str]
    coref: dict[str, tuple[str, ...]]
    initiative_heads: frozenset[str]
    connectors: frozenset[str]
    event_heads: frozenset[str]
    generic: frozenset[str]
    generic_phrases: re.Pattern[str]   # several-word generic labels, whose words name nothing
    not_acronyms: frozenset[str]
    minor_words: frozenset[str]
    ministry_words: frozenset[str]
    org_heads: frozenset[str]
    geo_heads: frozenset[str]
    lower_geo_heads: frozenset[str]
    admin_heads: frozenset[str]
    site_heads: tuple[tuple[str, ...], ...]        # word sequences, longest first
    site_words: frozenset[str]                     # capitalised last words of a site's name
    descriptive_heads: frozenset[str]
    reporting_verbs: frozenset[str]
    given_names: frozenset[str]
    surname_endings: tuple[str, ...]
    lower_heads: tuple[tuple[str, ...], ...]
    link_heads: tuple[tuple[str, ...], ...]
    government_words: frozenset[str]
    government_name: str
    org_class_nouns: tuple[tuple[str, ...], ...]   # "company" in "the company Svevind"
    place_class_nouns: tuple[tuple[str, ...], ...]  # "village" in "the village of Vorukh"
    route_words: frozenset[str]
    # scan index: folded first word -> longest folded key (in characters) starting with it
    scan_first: dict[str, int]


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles = load("titles")
    ini = load("initiatives")
    acr = load("acronyms")
    places = load("places")
    orgs = load("organizations")
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
        title_variants={v.lower(): t["title"] for t in titles["titles"] for v in t["variants"]},
        domains={k.lower(): v for k, v in titles["domains"].items()},
        coref={k.lower(): tuple(v) for k, v in titles["coref"].items()},
        initiative_heads=frozenset(h.lower() for h in ini["heads"]),
        connectors=frozenset(ini["connectors"]),
        event_heads=frozenset(h.lower() for h in ini["event_heads"]),
        generic=frozenset(gz.fold(g) for g in ini["generic"]),
        generic_phrases=re.compile(r"\b(?:" + "|".join(
            sorted((re.escape(g) for g in ini["generic"] if " " in g), key=len, reverse=True))
            + r")\b"),
        not_acronyms=frozenset(acr["not_entities"]),
        minor_words=frozenset(acr["minor_words"]),
        ministry_words=gz.ministry_words(),
        scan_first=scan_first,
        org_heads=frozenset(h.lower() for h in orgs["heads"]),
        geo_heads=frozenset(h.lower() for h in places["geo_heads"]),
        lower_geo_heads=frozenset(places["lower_geo_heads"]),
        admin_heads=frozenset(places["admin_heads"]),
        site_heads=_sequences(places["site_heads"]),
        site_words=frozenset(w.lower() for w in places["site_words"] if " " not in w),
        descriptive_heads=frozenset(orgs["descriptive_heads"]),
        reporting_verbs=frozenset(load("reporting")["verbs"]),
        given_names=frozenset(titles["gender"]["male_names"]) | frozenset(titles["gender"]["female_names"]),
        surname_endings=tuple(titles["surname_endings"]),
        lower_heads=_sequences(ini["lower_heads"]),
        link_heads=_sequences(ini["link_heads"]),
        government_words=frozenset(orgs["government"]["words"]),
        government_name=orgs["government"]["name"],
        org_class_nouns=_sequences(orgs["class_nouns"]),
        place_class_nouns=_sequences(places["class_nouns"]),
        route_words=frozenset(places["route_words"]),
    )


def _sequences(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(p.lower().split()) for p in phrases), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class GenderCues:
    male_names: frozenset[str]
    female_names: frozenset[str]
    male_honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    male_endings: tuple[str, ...]
    female_endings: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def gender_cues() -> GenderCues:
    g = load("titles")["gender"]
    return GenderCues(
        frozenset(g["male_names"]), frozenset(g["female_names"]),
        frozenset(g["male_honorifics"]), frozenset(g["female_honorifics"]),
        frozenset(g["male_titles"]), frozenset(g["female_titles"]),
        # longest first, so "-ova" is read before "-ov"
        tuple(sorted(g["male_surname_endings"], key=len, reverse=True)),
        tuple(sorted(g["female_surname_endings"], key=len, reverse=True)),
    )
