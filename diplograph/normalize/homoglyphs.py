"""Mixed-script words: Cyrillic or Greek look-alikes inside Latin words, and the reverse.

A word is repaired only when it mixes scripts and every letter of the minority script has a
look-alike in the majority script ("Рarticipants" with a Cyrillic Р becomes "Participants";
"Казахстaн" with a Latin a becomes "Казахстан"). Words written wholly in one script are never
touched, so genuinely Cyrillic or Greek text stays as it is.
"""
from __future__ import annotations

import re

# Visually identical pairs (Unicode confusables restricted to letters that render the same
# in common news fonts).
_CYR_TO_LAT = dict(zip(
    "АВЕКМНОРСТХУаеорсхуіјѕԁӏІЈЅԚԜѴ",
    "ABEKMHOPCTXYaeopcxyijsdlIJSQWV"))
_GRK_TO_LAT = dict(zip(
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ",
    "ABEZHIKMNOPTYXoikvptux"))
_LAT_TO_CYR = dict(zip("ABEKMHOPCTXYaeopcxy", "АВЕКМНОРСТХУаеорсху"))

_TO_LATIN = str.maketrans({**_GRK_TO_LAT, **_CYR_TO_LAT})
_TO_CYRILLIC = str.maketrans(_LAT_TO_CYR)

_OTHER_SCRIPT = re.compile("[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
_LATIN = re.compile("[A-Za-z]")
# A run of letters that contains both a Latin and a Cyrillic/Greek letter.
_MIXED = re.compile(
    "[^\\W\\d_]*(?:[A-Za-z][^\\W\\d_]*[\u0370-\u052f]|[\u0370-\u052f][^\\W\\d_]*[A-Za-z])"
    "[^\\W\\d_]*")
_CYRILLIC = re.compile("[\u0400-\u052f]")


def repair(text: str) -> str:
    if not _OTHER_SCRIPT.search(text) or not _LATIN.search(text):
        return text
    return _MIXED.sub(_fix_word, text)


def _fix_word(m: re.Match[str]) -> str:
    word = m.group()
    latin = len(_LATIN.findall(word))
    other = len(word) - latin
    if latin >= other:
        fixed = word.translate(_TO_LATIN)
        return fixed if not _OTHER_SCRIPT.search(fixed) else word
    if _CYRILLIC.search(word):
        fixed = word.translate(_TO_CYRILLIC)
        return fixed if not _LATIN.search(fixed) else word
    return word
