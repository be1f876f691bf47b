"""Gazetteer: countries, the EU, organizations, ministries, places and regions by name.

Every lookup takes a surface string as a text gives it ("the UK", "Kazakh", "Nur-Sultan",
"European Bank for Reconstruction and Development") and returns the canonical entry, or
None. Matching folds case, dashes, quotes, white space, a leading "the" and a possessive
"'s". Countries come from pycountry corrected and extended by ``countries.json``; the rest
from the curated JSON files beside it. Tables are built once per process.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from diplograph.knowledge import load

__all__ = [
    "Country", "Org", "Place", "Region", "Ministry",
    "country", "country_by_code", "party_code", "capital_of", "place", "organization",
    "region", "ministry", "demonym", "initiative", "Initiative", "fold", "EU_CODE",
    "lookup", "all_keys", "ministry_words", "subdivision_country",
]

EU_CODE = "EU"

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-]+")
_QUOTES = re.compile(r"[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb`]")
_SPACE = re.compile(r"\s+")
_LEAD_THE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The matching key of a name: lower case, no leading "the", dashes and spaces folded."""
    s = _SPACE.sub(" ", text).strip()
    s = _POSSESSIVE.sub(lambda m: "s" if m.group(0).startswith("s") else "", s)
    s = _LEAD_THE.sub("", s)
    s = _DASHES.sub("-", s)
    s = _QUOTES.sub("", s)
    s = re.sub(r"\s*-\s*", "-", s)
    return s.lower().strip(" .,;:")


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    code: str


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Ministry:
    """A kind of ministry ("Ministry of Foreign Affairs"); ``of(country)`` names one."""

    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()

    def of(self, country_name: str) -> str:
        return f"{self.name} of {country_name}"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    aliases: tuple[str, ...] = field(default_factory=tuple)
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Initiative:
    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()


# -- tables ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Tables:
    names: dict[str, str]            # code -> canonical name
    countries: dict[str, str]        # folded name/alias -> code
    demonyms: dict[str, str]         # folded demonym -> code
    capitals: dict[str, str]         # code -> capital
    orgs: dict[str, Org]
    ministries: dict[str, Ministry]
    places: dict[str, Place]
    regions: dict[str, Region]
    initiatives: dict[str, Initiative]


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    import pycountry

    data = load("countries")
    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    territories = set(data.get("territories_as_places", ()))
    for c in pycountry.countries:
        code = c.alpha_2
        if code in territories:
            names[code] = getattr(c, "common_name", None) or c.name
            continue
        names[code] = data["names"].get(code) or getattr(c, "common_name", None) or c.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                countries.setdefault(fold(value), code)
    for code, name in data["names"].items():
        names[code] = name
        countries[fold(name)] = code
    for alias, code in data["aliases"].items():
        countries[fold(alias)] = code
    demonyms = {fold(k): v for k, v in data["demonyms"].items()}
    capitals = dict(data["capitals"])

    odata = load("organizations")
    orgs: dict[str, Org] = {}
    for o in odata["organizations"]:
        org = Org(o["name"], o.get("acronym"), tuple(o.get("aliases", ())), o.get("country"),
                  o.get("code"))
        for key in (org.name, org.acronym, *org.aliases, *_sessions(o)):
            if key:
                orgs.setdefault(fold(key), org)
    ministries: dict[str, Ministry] = {}
    for m in odata["ministries"]:
        mk = Ministry(m["name"], m.get("acronym"), tuple(m.get("aliases", ())))
        for key in (mk.name, mk.acronym, *mk.aliases):
            if key:
                ministries.setdefault(fold(key), mk)

    pdata = load("places")
    places: dict[str, Place] = {}
    for p in pdata["places"]:
        pl = Place(p["name"], p.get("country"), tuple(p.get("aliases", ())))
        for key in (pl.name, *pl.aliases):
            places.setdefault(fold(key), pl)
    for code, cap in capitals.items():
        places.setdefault(fold(cap), Place(cap, code))
    regions: dict[str, Region] = {}
    for r in pdata["regions"]:
        rg = Region(r["name"], tuple(r.get("aliases", ())), r.get("country"))
        for key in (rg.name, *rg.aliases):
            regions.setdefault(fold(key), rg)
    initiatives: dict[str, Initiative] = {}
    for i in load("initiatives")["initiatives"]:
        ini = Initiative(i["name"], i.get("acronym"), tuple(i.get("aliases", ())))
        for key in (ini.name, ini.acronym, *ini.aliases):
            if key:
                initiatives.setdefault(fold(key), ini)
    return _Tables(names, countries, demonyms, capitals, orgs, ministries, places, regions,
                   initiatives)


# Session numbers written after a body's acronym ("COP29", "COP 29", "COP-29"); COP counts
# from 1995, so 99 leaves room for decades.
MAX_SESSION = 99


def _sessions(entry: dict[str, object]) -> list[str]:
    acr = entry.get("acronym")
    if not entry.get("numbered") or not isinstance(acr, str):
        return []
    return [f"{acr}{sep}{n}" for n in range(1, MAX_SESSION + 1) for sep in ("", " ", "-")]


# -- lookups --------------------------------------------------------------------------


def country_by_code(code: str | None) -> Country | None:
    if not code:
        return None
    t = _tables()
    name = t.names.get(code.upper())
    return Country(name, code.upper()) if name else None


def country(text: str) -> Country | None:
    """The country a name, alias or demonym refers to ("UK", "Kazakh", "Kyrgyz Republic")."""
    t = _tables()
    key = fold(text)
    code = t.countries.get(key) or t.demonyms.get(key)
    return country_by_code(code) if code else None


def demonym(text: str) -> Country | None:
    """The country of a demonym or nationality adjective only ("Kazakh", "French")."""
    code = _tables().demonyms.get(fold(text))
    return country_by_code(code) if code else None


def party_code(text: str) -> str | None:
    """ISO code of a country, or "EU" for the European Union, its names and its adjective."""
    key = fold(text)
    if key in _EU_KEYS:
        return EU_CODE
    c = country(text)
    if c:
        return c.code
    org = _tables().orgs.get(key)
    return org.code if org and org.code else None


_EU_KEYS = frozenset({"eu", "e.u.", "european union", "european", "europeans", "union"})


def capital_of(code: str | None) -> str | None:
    return _tables().capitals.get(code.upper()) if code else None


def place(text: str) -> Place | None:
    """A city, site or venue ("Nur-Sultan" → Astana, KZ)."""
    return _tables().places.get(fold(text))


def region(text: str) -> Region | None:
    """A region ("Central Asia", "the Middle East", "South Caucasus")."""
    return _tables().regions.get(fold(text))


def organization(text: str) -> Org | None:
    """An international, EU or well-known national body by name, alias or acronym."""
    return _tables().orgs.get(fold(text))


def initiative(text: str) -> Initiative | None:
    """A known programme, strategy, project or corridor ("BOMCA", "Global Gateway")."""
    return _tables().initiatives.get(fold(text))


_OF = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?", re.I)


def ministry(text: str) -> Org | None:
    """A national ministry named with its country, canonicalised.

    "Kazakh MFA", "Kazakhstan's Foreign Ministry", "Ministry of Foreign Affairs of the
    Republic of Kazakhstan", "foreign ministry of Uzbekistan" all give
    ``Org("Ministry of Foreign Affairs of Kazakhstan", "MFA", country="KZ")``.
    """
    t = _tables()
    s = _SPACE.sub(" ", text).strip()
    s = _LEAD_THE.sub("", s)
    candidates = [(s[:m.start()], s[m.end():]) for m in _OF.finditer(s)]
    words = s.split(" ")
    for i in range(1, min(4, len(words))):
        candidates.append((" ".join(words[i:]), " ".join(words[:i])))
    for kind_text, country_text in candidates:
        kind = t.ministries.get(fold(kind_text))
        if kind is None:
            continue
        c = country(country_text)
        if c is None:
            continue
        return Org(kind.of(c.name), kind.acronym, (), c.code)
    return None


def lookup(folded: str) -> tuple[str, object] | None:
    """The best reading of an already folded name: ``(kind, entry)`` as in ``all_keys``;
    ministry kinds alone (without a country) are not returned."""
    kind = _all_keys().get(folded)
    if kind is None or kind == "ministry":
        return None
    t = _tables()
    if kind in ("country", "demonym"):
        code = (t.countries if kind == "country" else t.demonyms)[folded]
        c = country_by_code(code)
        return (kind, c) if c else None
    table = {"organization": t.orgs, "place": t.places, "region": t.regions,
             "initiative": t.initiatives}[kind]
    return kind, table[folded]


def ministry_words() -> frozenset[str]:
    """Lower-case words of ministry names ("ministry", "foreign", "mfa", ...)."""
    return frozenset(w for key in _tables().ministries for w in re.findall(r"[a-z]+", key)
                     if w not in ("of", "for", "the", "and"))


def all_keys() -> dict[str, str]:
    """Every folded name the gazetteer knows, with its kind: ``country``, ``demonym``,
    ``organization``, ``ministry`` (a ministry kind, without its country), ``place``,
    ``region`` or ``initiative``. For scanners that must know where a lookup may start."""
    return _all_keys()


@functools.lru_cache(maxsize=1)
def _all_keys() -> dict[str, str]:
    t = _tables()
    out: dict[str, str] = {}
    # later kinds win where one name has several readings ("Luxembourg": country, not city)
    for kind, table in (("ministry", t.ministries), ("region", t.regions), ("place", t.places),
                        ("demonym", t.demonyms), ("country", t.countries),
                        ("organization", t.orgs), ("initiative", t.initiatives)):
        for key in table:
            out[key] = kind
    return out


def subdivision_country(text: str) -> str | None:
    """The country of a province or region pycountry knows ("Shaanxi", "Zhambyl region"), when
    exactly one country has a subdivision of that name; None otherwise."""
    key = _strip_type(fold(text))
    return _subdivisions().get(key) if key else None


def _strip_type(key: str) -> str:
    types = _subdivision_types()
    words = [w for w in key.split() if w not in types]
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _subdivision_types() -> frozenset[str]:
    return frozenset(load("places").get("subdivision_types", ()))


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    import pycountry

    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        key = _strip_type(fold(sub.name))
        if key:
            found.setdefault(key, set()).add(sub.country_code)
    countries = _tables().countries
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1 and k not in countries}
