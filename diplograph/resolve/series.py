"""One key per recurring format, however a report names it.

A name is reduced to its *residual* words and the *parties* it names: "the tenth anniversary
meeting of the Central Asia-European Union High-level Political and Security Dialogue"
becomes ({"political", "security", "dialogue"}, {"Central Asia", "EU"}). Known series
(``knowledge/data/en/series.json``) are matched on that reduction; any other format gets a
key built from it, so that unknown formats still group stably across reports.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from diplograph.knowledge import load

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-/–—]+")
_NON_WORD = re.compile(r"[^\w+]+")
_ORDINAL_NUM = re.compile(r"^\d+(?:st|nd|rd|th)$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_VENUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w\u2010-\u2015'-]*(?:\s+[A-Z][\w'-]*){0,2})"
                    r"(\s+(?:capital|city))?")
_ROMAN = re.compile(r"^(?=[ivxl]{2,}$)l?x{0,3}(?:ix|iv|v?i{0,3})$")

ORDINAL_WORDS: dict[str, int] = {
    w: i + 1 for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split())
}
ORDINAL_WORDS.update({"twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
                      "twenty-fourth": 24, "twenty-fifth": 25, "thirtieth": 30})
_ORDINAL_IN_NAME = re.compile(
    r"\b(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
    + r"))\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reduced:
    residual: frozenset[str]
    parties: frozenset[str]


@dataclass(frozen=True, slots=True)
class KnownSeries:
    key: str
    name: str
    acronym: str | None
    parties: frozenset[str]
    residuals: frozenset[frozenset[str]]
    raw: frozenset[str]
    strict: bool
    per_pair: bool


def fold(text: str) -> str:
    """Lower case, accents stripped, dashes and punctuation to single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DASHES.sub(" ", text.lower())
    return " ".join(_NON_WORD.sub(" ", text).split())


def _stem(tok: str) -> str:
    if len(tok) > 4 and tok.endswith("s") and not tok.endswith("ss"):
        return tok[:-1]
    return tok


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str],
                       re.Pattern[str], frozenset[str], frozenset[str]]:
    data = load("series")
    phrase_to_party: dict[str, str] = {}
    caps_to_party: dict[str, str] = {}
    for code, names in data["parties"].items():
        for name in [code, *names]:
            if name.isupper() and len(name.replace(".", "")) <= 5:
                caps_to_party[name] = code
            else:
                phrase_to_party[fold(name)] = code
    for country in _countries():
        for name, code in country:
            phrase_to_party.setdefault(fold(name), code)
    ci = sorted((p for p in phrase_to_party if p), key=len, reverse=True)
    ci_re = re.compile(r"(?<![\w+])(?:" + "|".join(re.escape(p) for p in ci) + r")(?![\w+])")
    caps_re = re.compile(r"(?<![\w+])(?:" + "|".join(re.escape(c) for c in
                                                     sorted(caps_to_party, key=len, reverse=True))
                         + r")(?![\w+])")
    noise = sorted((fold(p) for p in data["noise_phrases"]), key=len, reverse=True)
    noise_re = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in noise) + r")\b")
    return (ci_re, caps_re, phrase_to_party, caps_to_party, noise_re,
            frozenset(data["stop_words"]), frozenset(data["generic"]))


def _countries() -> list[list[tuple[str, str]]]:
    """Country names from pycountry, so that formats with any country reduce alike."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return []
    out = []
    for c in pycountry.countries:
        names = [c.name]
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.append(v)
        out.append([(n, c.alpha_2) for n in names if "," not in n])
    return out


def _is_place(text: str, capital: bool) -> bool:
    from diplograph.knowledge import gazetteer

    if capital:  # "in the Belgian capital"
        return gazetteer.demonym(text) is not None or gazetteer.country(text) is not None
    return gazetteer.place(text) is not None or gazetteer.country(text) is not None


def _strip_places(text: str) -> str:
    """Drop the venue ("in Luxembourg") and place words ("Lisbon summit"): a format is the
    same wherever a round of it meets."""
    text = _VENUE.sub(lambda m: " " if _is_place(m.group(1), bool(m.group(2))) else m.group(0),
                      text)
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            chunk = " ".join(words[i:i + n]).strip(",.;:")
            if len(words[i:i + n]) == n and chunk[:1].isupper() and _place_only(chunk):
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def _place_only(chunk: str) -> bool:
    from diplograph.knowledge import gazetteer

    return gazetteer.place(chunk) is not None and gazetteer.country(chunk) is None


@functools.lru_cache(maxsize=8192)
def reduce_name(text: str) -> Reduced:
    """Residual words and named parties of an event or series name."""
    ci_re, caps_re, phrase_to_party, caps_to_party, noise_re, stop, _generic = _tables()
    parties: set[str] = set()
    text = _strip_places(text)
    for m in caps_re.finditer(text):
        parties.add(caps_to_party[m.group(0)])
    text = caps_re.sub(" ", text)
    folded = fold(text)
    for m in ci_re.finditer(folded):
        parties.add(phrase_to_party[m.group(0)])
    folded = ci_re.sub(" ", folded)
    folded = noise_re.sub(" ", folded)
    words = set()
    for tok in folded.split():
        if tok in stop or tok in ORDINAL_WORDS or _ORDINAL_NUM.match(tok) or _YEAR.match(tok):
            continue
        if _ROMAN.match(tok) or tok.isdigit() or tok == "+":
            continue
        words.add(_stem(tok))
    return Reduced(frozenset(words), frozenset(parties))


@functools.lru_cache(maxsize=1)
def known_series() -> tuple[KnownSeries, ...]:
    out = []
    for s in load("series")["series"]:
        residuals = frozenset(reduce_name(a).residual for a in [s["name"], *s["aliases"]])
        raw = {fold(a) for a in s["aliases"]}
        if s.get("acronym"):
            raw.add(fold(s["acronym"]))
        out.append(KnownSeries(s["key"], s["name"], s.get("acronym"), frozenset(s["parties"]),
                               frozenset(r for r in residuals if r), frozenset(raw),
                               bool(s.get("strict")), bool(s.get("per_pair"))))
    return tuple(out)


def _pair_suffix(parties: frozenset[str]) -> str:
    return "@" + "+".join(sorted(parties)) if parties else ""


def _match_known(text: str) -> tuple[KnownSeries, frozenset[str]] | None:
    red = reduce_name(text)
    f = fold(text)
    for s in known_series():
        if f in s.raw and not s.per_pair and red.parties <= s.parties:
            return s, red.parties
    for s in known_series():
        if red.residual not in s.residuals:
            continue
        if s.per_pair:
            if red.parties - s.parties:
                return s, red.parties
        elif s.strict:
            if red.parties == s.parties:
                return s, red.parties
        elif red.parties <= s.parties:
            return s, red.parties
    return None


@functools.lru_cache(maxsize=4096)
def series_key(series: str | None, acronym: str | None, name: str | None) -> str | None:
    """A stable key for the recurring format an event belongs to, or None when it has none.

    Known formats map to their key in series.json (per-partner formats get the partner
    appended: ``cooperation-council@EU+KZ``); others to their sorted residual words plus
    the parties they name (``dialogue-strategic@CN+EU``). A bare generic word without
    parties ("the summit") is no series.
    """
    for text in (series, acronym, name):
        if not text:
            continue
        hit = _match_known(text)
        if hit is not None:
            s, parties = hit
            return s.key + (_pair_suffix(parties) if s.per_pair else "")
    generic = _tables()[6]
    for text in (series, name):
        if not text:
            continue
        red = reduce_name(text)
        if not red.residual:
            continue
        if red.residual <= generic and not red.parties:
            continue
        return "-".join(sorted(red.residual)) + _pair_suffix(red.parties)
    if acronym and not series and not name:
        return "acr:" + fold(acronym).replace(" ", "")
    return None


def with_partners(key: str | None, participants: frozenset[str]) -> str | None:
    """Complete a per-partner key the name left open ("the Cooperation Council") from the
    event's participants, when they name exactly one partner besides the fixed side."""
    if not key or "@" in key:
        return key
    s = next((s for s in known_series() if s.key == key and s.per_pair), None)
    if s is None:
        return key
    partners = {p for p in participants if p.isupper() and len(p) == 2} - s.parties
    if len(partners) != 1:
        return key
    return key + _pair_suffix(s.parties | partners)


def from_participants(name: str | None, participants: frozenset[str]) -> str | None:
    """Key of a generically named event ("the first summit") from the parties taking part:
    a summit of the EU and the five Central Asian states is the Central Asia-EU summit."""
    if not name or not participants:
        return None
    red = reduce_name(name)
    if not red.residual or not red.residual <= _tables()[6]:
        return None
    parties = set(participants)
    for region, members in load("series").get("regions", {}).items():
        inside = parties & set(members)
        if len(inside) >= 3:
            parties = (parties - inside) | {region}
    parties |= red.parties
    if len(parties) < 2:
        return None
    for s in known_series():
        if red.residual in s.residuals and not s.per_pair and parties == s.parties:
            return s.key
    return None


def series_display(key: str | None) -> tuple[str | None, str | None]:
    """Canonical (name, acronym) of a known key, else (None, None)."""
    if not key:
        return None, None
    base = key.split("@", 1)[0]
    for s in known_series():
        if s.key == base:
            return s.name, s.acronym
    return None, None


def compatible_keys(a: str | None, b: str | None) -> bool | None:
    """True when two series keys name one format, False when they differ, None if unknown.

    A key without parties is compatible with the same residual naming parties: "strategic
    dialogue" in one report, "EU-China strategic dialogue" in another.
    """
    if not a or not b:
        return None
    if a == b:
        return True
    ra, _, pa = a.partition("@")
    rb, _, pb = b.partition("@")
    return ra == rb and (not pa or not pb)


def ordinal_in(name: str | None) -> int | None:
    """The round a name states ("the 10th ...", "Second Consultative Meeting")."""
    if not name:
        return None
    m = _ORDINAL_IN_NAME.search(name)
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    return ORDINAL_WORDS[m.group(2).lower()]


@functools.lru_cache(maxsize=4096)
def initials(name: str) -> str:
    """Acronym a name would have: "High-level Political and Security Dialogue" -> "HLPSD"."""
    stop = _tables()[5]
    return "".join(w[0] for w in fold(name).split() if w not in stop).upper()
