"""Outlet names: the canonical form of a credit, a site name or a host name (outlets.json)."""
from __future__ import annotations

import functools
import re

from diplograph.knowledge import load

_FOLD = re.compile(r"[\s.\-_/]+")
# How far into the body a credit is looked for: agencies credit themselves in the lead.
CREDIT_CHARS = 800
_URL = re.compile(r"^https?://(?:www\.)?([^/\s]+).*$")
_HOST = re.compile(r"^(?:www\.)?[a-z0-9.-]+\.[a-z]{2,}$")


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
    name = _URL.sub(r"\1", " ".join(name.split())).strip(" .,;:-")
    if not name:
        return None
    known = _table().get(_fold(name))
    if known is not None or known_only:
        return known
    if name.isupper() and len(name) > 5 and " " not in name:
        return name.capitalize()
    return name


# Only the formulas agencies use of themselves: "X reports" or "X reported" in another
# outlet's lead is a citation (31 of 31 such matches in 2,225 BBC reports were), and "told X"
# was wrong one time in six. "X correspondent(s) [Name] said" was the outlet's own reporter
# in 3 of 3 matches there. The formula is found first and the outlet name before it looked
# up, which is linear in the text and independent of the number of outlets known.
_CREDIT = re.compile(
    r"(?:'s)?(?: news agency| own)?"
    r"(?: (?:correspondent|reporter) reports| refers to| informs| reports (?:citing|quoting"
    r"|with reference to)| (?:correspondent|reporter)s?(?: [A-Z][\w'\-]+){0,3},? said)\b")
# The lead sentence up to its first full stop, closing on "<outlet> reports.".
_LEAD = re.compile(r"[^.!?\n]{20,%d}?, (?P<a>[^,.!?\n]{2,40}) reports\.(?:\s|$)" % CREDIT_CHARS)
# An outlet name is at most this many words ("Radio Free Europe/Radio Liberty" is four).
NAME_WORDS = 5
_WORDS_BEFORE = re.compile(r"\S+(?: \S+){0,%d}$" % (NAME_WORDS - 1))


def lead_credit(body: str, start: int) -> str | None:
    """The outlet that closes the lead sentence starting at ``start`` (just after a dateline
    that names none): "BAKU, Azerbaijan, May 21. ..., Trend reports." Outside a wire lead
    "X reports" is a citation, so nothing else counts."""
    m = _LEAD.match(body, start)
    return canonical_source(m.group("a"), known_only=True) if m else None


def credited(body: str) -> str | None:
    """The outlet a lead credits itself to ("Kazinform refers to", "an AKIpress correspondent
    reports", "Trend reports citing"); only outlets known by name count."""
    lead = body[:CREDIT_CHARS]
    for m in _CREDIT.finditer(lead):
        if m.start() == 0 or not lead[m.start() - 1].isalnum():
            continue  # the formula must follow a name directly
        before = _WORDS_BEFORE.search(lead, 0, m.start())
        if before is None:
            continue
        words = before.group().split(" ")
        for i in range(len(words)):  # longest name first
            name = " ".join(words[i:])
            if name[:1].isupper() or name[:1].isdigit():
                known = canonical_source(name, known_only=True)
                if known is not None:
                    return known
    return None


_NAME_PARTS = re.compile(r"[-_ .]+")


def from_file_name(path: str) -> str | None:
    """The outlet a saved report's file name starts with ("kazinform-hlpsd-2023.txt",
    "bbc_politics_015.txt", "24kg-csto.txt"): analysts name saved reports after where they
    came from. Only outlets the knowledge lists count; the longest leading run of up to
    three name parts wins."""
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    parts = [p for p in _NAME_PARTS.split(base) if p]
    for n in range(min(3, len(parts) - 1), 0, -1):
        known = _table().get(_fold("".join(parts[:n])))
        if known is not None:
            return known
    return None
