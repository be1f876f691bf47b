"""The dateline as the entities stage sees it: where it ends (no name reaches across it) and
where its outlet credit lies ("(Kabar)", "/TASS/", ". KAZINFORM"), which names the report's
source, not an entity of the story."""
from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.knowledge import gazetteer
from diplograph.normalize import dateline

_CREDIT = re.compile(r"\(([^()\n]{2,40})\)|/([^/\n]{2,40})/")


@dataclass(frozen=True, slots=True)
class Header:
    end: int                                  # 0 when the report opens without a dateline
    credits: tuple[tuple[int, int], ...] = ()

    def in_credit(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.credits)


def header(text: str) -> Header:
    dl = dateline.parse(text)
    if dl is None:
        return Header(0)
    head = text[:dl.end]
    # a bracketed country is where, not who: "Xi'an (China) (AFP) -"
    credits = [(m.start(), m.end()) for m in _CREDIT.finditer(head)
               if not (m.group(1) and gazetteer.country(m.group(1)))]
    if dl.source:
        # a credit without brackets: "ASTANA. KAZINFORM -", "MOSCOW, March 14 - RIA Novosti."
        i = head.lower().find(dl.source.lower(), len(dl.place))
        if i >= 0:
            credits.append((i, i + len(dl.source)))
    return Header(dl.end, tuple(credits))
