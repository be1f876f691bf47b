"""Find quantities in text: money, percentages and measured amounts, with their value in base units.

Pure text scanning (one compiled regular expression built from the knowledge files), so that it
costs nothing next to spaCy and does not depend on spaCy's MONEY/PERCENT labels, which miss
"$49bn"-style amounts and split ranges. Numbers with nothing that says what they count (years,
ages, counts of ministers) are not returned, except bare scaled amounts ("300m"), which the
caller may keep when a currency is implied nearby.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from diplograph.knowledge import load

Kind = Literal["money", "percent", "unit", "bare"]

_CUR = load("currencies")
_UNITS = load("units")
_MEAS = load("measures")


def _alt(forms: list[str]) -> str:
    """An alternation of ``forms``, longest first; short forms match their case, longer any case."""
    parts = []
    for f in sorted(set(forms), key=len, reverse=True):
        esc = re.escape(f).replace(r"\ ", r"\s+")
        parts.append(esc if len(f) <= 3 else f"(?i:{esc})")
    return "|".join(parts)


_NUMBER_WORDS: dict[str, float] = {k.lower(): float(v) for k, v in _UNITS["number_words"].items()}
_WORDS_NEED_SCALE = frozenset(w.lower() for w in _UNITS["number_words_need_scale"])
_TENS = [w for w, v in _NUMBER_WORDS.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
_ONES = [w for w, v in _NUMBER_WORDS.items() if 1 <= v <= 9 and w not in _WORDS_NEED_SCALE]

_SCALES: dict[str, float] = {k.lower(): float(v) for k, v in _UNITS["scales"].items()}
_ATTACHED_ONLY = frozenset(_UNITS["scales_attached_only"])


@dataclass(frozen=True, slots=True)
class _Suffix:
    kind: Kind
    unit: str
    scale: float = 1.0
    measure: str | None = None
    needs_population_cue: bool = False
    needs_scale: bool = False


# Written forms after a number, keyed in lower case; the regex keeps their case (see _alt).
_SUFFIX: dict[str, _Suffix] = {}
_SUFFIX_FORMS: list[str] = []


def _add_suffix(form: str, suffix: _Suffix) -> None:
    _SUFFIX.setdefault(form.lower(), suffix)
    _SUFFIX_FORMS.append(form)


for _f in _UNITS["percent"]:
    _add_suffix(_f, _Suffix("percent", "percent"))
for _f in _UNITS["percentage_point"]:
    _add_suffix(_f, _Suffix("percent", "percentage point"))
for _name, _spec in _UNITS["units"].items():
    for _f in _spec["forms"]:
        _add_suffix(_f, _Suffix("unit", _spec.get("unit", _name), float(_spec.get("scale", 1.0)),
                                _spec.get("measure"), _spec.get("needs_cue") == "population"))
_NEEDS_SCALE = frozenset(_CUR["suffix_needs_scale"])
for _f, _code in _CUR["suffix"].items():
    _add_suffix(_f, _Suffix("money", _code, needs_scale=_f in _NEEDS_SCALE))
for _f, _code in _CUR["minor"].items():
    _add_suffix(_f, _Suffix("money", _code, float(_CUR["minor_scale"])))
_CODE_ALIASES: dict[str, str] = _CUR["code_aliases"]
for _code in _CUR["codes"]:
    _add_suffix(_code, _Suffix("money", _CODE_ALIASES.get(_code, _code)))

_PREFIX: dict[str, str] = {k: v for k, v in _CUR["prefix"].items()}
for _code in _CUR["codes"]:
    _PREFIX[_code] = _CODE_ALIASES.get(_code, _code)
_SYMBOLS = [p for p in _PREFIX if not p[0].isalpha()]
_WORD_PREFIXES = [p for p in _PREFIX if p[0].isalpha()]


def _words(forms: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_WORDNUM = rf"(?i:(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_ONES)})|{_words(list(_NUMBER_WORDS))})"
_SCALE_ALL = _words(list(_SCALES))
_SCALE_SPACED = _words([s for s in _SCALES if s not in _ATTACHED_ONLY])

_RX = re.compile(
    rf"""
    (?:(?P<sym>{_words(_SYMBOLS)})\s?|(?<![A-Za-z])(?P<code>{_words(_WORD_PREFIXES)})\s?)?
    (?P<num>{_DIGITS}|\b{_WORDNUM}\b)
    (?:\s?[-\u2013]\s?(?P<num2>{_DIGITS}))?
    (?:(?P<att>(?i:{_SCALE_ALL}))(?![A-Za-z])|\s(?P<scale>(?i:{_SCALE_SPACED}))(?![A-Za-z]))?
    (?:(?:\s?|-)(?P<post>{_alt(_SUFFIX_FORMS)})(?![A-Za-z0-9]))?
    """,
    re.VERBOSE,
)
_APPROX_BEFORE = re.compile(rf"(?:^|[^\w])(?:{_words(_MEAS['approximators']['before'])})\s*$", re.IGNORECASE)
_APPROX_AFTER = re.compile(rf"\s*(?:{_words(_MEAS['approximators']['after'])})(?![A-Za-z])", re.IGNORECASE)
# The low end of a range written out in words, its unit and scale given once after the high end:
# "15 to 20 percent", "between 2 and 3 million tonnes" (a dashed "6-7%" is one approximate figure).
_RANGE_LOW = re.compile(rf"(?:^|[^\w.,$\u20ac\u00a3])(?:(?i:between)\s+(?P<a>{_DIGITS})\s+and|(?P<b>{_DIGITS})\s+to)\s+$")
# Between the two ends of a range: "between $5 and $7 billion", "from 15 million to 25 million".
_RANGE_GAP = re.compile(r"\s*(?:and|to|-|\u2013)\s*", re.IGNORECASE)
# A number glued to a word or another number ("G7", "A380", "COVID-19", "1.2.3") names something.
_GLUED_BEFORE = re.compile(r"(?:[A-Za-z0-9_./]|[A-Za-z0-9]-)$")


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    value: float
    unit: str | None
    kind: Kind
    approximate: bool = False
    scaled: bool = False
    implied_measure: str | None = None
    needs_population_cue: bool = False
    scale: float = 1.0  # the scale word's factor ("billion": 1e9), 1 without one


def _parse_digits(s: str) -> float:
    if "," in s:
        head, _, tail = s.partition(",")
        # "1,500" groups thousands; "1,5" is a decimal comma.
        if re.fullmatch(r"\d{3}(?:,\d{3})*(?:\.\d+)?", s.split(",", 1)[1]):
            s = s.replace(",", "")
        else:
            s = f"{head}.{tail}"
    return float(s)


def _parse_number(s: str) -> tuple[float, bool] | None:
    """The value of a digit string or number words, and whether it is a word needing a scale."""
    if s[0].isdigit():
        return _parse_digits(s), False
    w = re.sub(r"\s+", " ", s.lower())
    if w in _NUMBER_WORDS:
        return _NUMBER_WORDS[w], w in _WORDS_NEED_SCALE
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]], False
    return None


_FRACTIONS: dict[str, float] = {k.lower(): float(v) for k, v in _UNITS.get("fractions", {}).items()}
# "fell by a third", "grew by half": a change by a fraction, only after "by", where nothing
# else is meant ("a third of the budget" is a share, and multiples such as "two-fold" are
# manners of speaking the golds leave out).
_RELATIVE = re.compile(
    rf"\bby\s+(?:(?P<hedge>more\s+than|less\s+than|almost|nearly|about|around|roughly|over|"
    rf"some|up\s+to)\s+)?(?P<frac>{_words(list(_FRACTIONS))})\b"
    r"(?=\s*(?:[.,;:)\u2013\u2014-]|$)|\s+(?:to|in|on|from|since|over|last|this|compared|year|"
    r"due|after|because|while|and|but|as|against|within|during|between)\b)", re.IGNORECASE)


def _relative(text: str) -> list[Quantity]:
    return [Quantity(start=m.start("frac"), end=m.end("frac"), unit="percent", kind="percent",
                     value=_FRACTIONS[re.sub(r"\s+", " ", m.group("frac").lower())],
                     approximate=m.group("hedge") is not None)
            for m in _RELATIVE.finditer(text)]


def scan(text: str) -> list[Quantity]:
    """Every quantity in ``text`` in text order."""
    out = _scan(text)
    rel = [q for q in _relative(text) if not any(o.start < q.end and q.start < o.end for o in out)]
    return sorted(out + rel, key=lambda q: q.start) if rel else out


def _scan(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    pos = 0
    while (m := _RX.search(text, pos)) is not None:
        q = _quantity(text, m)
        if q is not None:
            low = _range_low(text, m, q)
            if low is not None:
                out.append(low)
            elif out:
                _complete_range(text, out[-1], q)
            out.append(q)
            pos = max(m.end(), q.end)
        else:
            # A rejected match must not swallow the amount after it: "a EUR 300 million" reads
            # "a EUR" first (a number word needing a scale), then "EUR 300 million".
            pos = m.start() + 1 if m.end() > m.start() else m.end() + 1
    return out


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    sym, code, num, num2, post = m.group("sym"), m.group("code"), m.group("num"), m.group("num2"), m.group("post")
    scale_word = m.group("att") or m.group("scale")
    start = m.start("sym") if sym else m.start("code") if code else m.start("num")
    if not (sym or code) and _GLUED_BEFORE.search(text[max(0, start - 2):start]):
        return None
    parsed = _parse_number(num)
    if parsed is None:
        return None
    value, word_needs_scale = parsed
    approximate = False
    if num2 is not None:
        # A range ("6-7%") is reported by its upper end, as an approximate figure.
        value, approximate = _parse_digits(num2), True
    if (word_needs_scale and not scale_word) or (m.group("att") and not num[-1].isdigit()):
        return None
    scale = _SCALES[scale_word.lower()] if scale_word else 1.0
    suffix = _SUFFIX[post.lower()] if post else None
    end = m.end()
    implied, needs_cue = None, False
    unit: str | None
    kind: Kind
    if sym or code:
        kind, unit = "money", _PREFIX[sym or code or ""]
        if suffix is not None and suffix.kind != "money":
            end = m.end("post") - len(post or "")
            while text[end - 1].isspace():
                end -= 1
    elif suffix is not None:
        if suffix.needs_scale and not scale_word:
            return None
        kind, unit, implied = suffix.kind, suffix.unit, suffix.measure
        # "80 million people" is a population whatever the words around; "200 people" needs a cue.
        needs_cue = suffix.needs_population_cue and not scale_word
        scale *= suffix.scale
    elif scale_word:
        kind, unit = "bare", None
    else:
        return None
    if kind == "percent" and scale_word:
        return None  # "5 million %" is no percentage anyone writes
    if _APPROX_BEFORE.search(text[max(0, start - 40):start]) or _APPROX_AFTER.match(text, end):
        approximate = True
    # Rounded so that "4.1 billion" is 4100000000, not 4099999999.9999995.
    return Quantity(start=start, end=end, value=round(value * scale, 6), unit=unit, kind=kind,
                    approximate=approximate, scaled=bool(scale_word),
                    implied_measure=implied, needs_population_cue=needs_cue,
                    scale=_SCALES[scale_word.lower()] if scale_word else 1.0)


def _complete_range(text: str, low: Quantity, high: Quantity) -> None:
    """Give the low end of a range what the text writes only once, after the high end:
    the scale in "between $5 and $7 billion", the unit in "from 15 million to 25 million
    tonnes"."""
    if not _RANGE_GAP.fullmatch(text, low.end, high.start):
        return
    if low.kind == "money" and high.kind == "bare" and high.scaled and not low.scaled:
        # "between $2.5 and 3 billion": the currency is written once, before the low end
        high.kind, high.unit = "money", low.unit
    if low.kind == "money" and high.kind == "money" and low.unit == high.unit \
            and not low.scaled and high.scaled and low.value * high.scale < high.value:
        low.value = round(low.value * high.scale, 6)
        low.scaled, low.scale = True, high.scale
    elif low.kind == "bare" and high.kind == "unit" and high.unit and high.scaled:
        low.kind, low.unit, low.implied_measure = high.kind, high.unit, high.implied_measure


def _range_low(text: str, m: re.Match[str], high: Quantity) -> Quantity | None:
    """The low end of a worded range ending at ``high``, with its unit and scale."""
    if m.group("sym") or m.group("code") or m.group("num2") or not m.group("post") or not m.group("num")[0].isdigit():
        return None
    r = _RANGE_LOW.search(text, max(0, high.start - 40), high.start)
    if r is None:
        return None
    low_text = r.group("a") or r.group("b")
    low, top = _parse_digits(low_text), _parse_digits(m.group("num"))
    if not 0 < low < top:
        return None  # "from 2020 to 30%" is no range
    start = r.start("a") if r.group("a") else r.start("b")
    return Quantity(start=start, end=start + len(low_text), value=round(low * high.value / top, 6), unit=high.unit,
                    kind=high.kind, approximate=high.approximate, scaled=high.scaled,
                    implied_measure=high.implied_measure, needs_population_cue=high.needs_population_cue)


def hedge_start(text: str, start: int) -> int:
    """Where the hedge before a figure at ``start`` begins ("up to 100%"), or ``start``."""
    lo = max(0, start - 40)
    m = _APPROX_BEFORE.search(text, lo, start)
    if m is None:
        return start
    s = m.start()
    while s < start and not text[s].isalnum():
        s += 1
    return s
