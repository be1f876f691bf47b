"""Who a figure is about: the parties named in its clause, else in the clauses governing it."""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.extract.figures.clauses import subject
from diplograph.knowledge import load
from diplograph.model import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from diplograph.extract.context import Context

_SOURCES = frozenset(load("measures")["source_nouns"])
_PARTY_TYPES = frozenset({"country", "organization", "region"})


@dataclass(slots=True)
class _Ref:
    token: int  # index of the mention's last token
    start: int
    end: int
    entity: Entity


class PartyIndex:
    """Entity mentions of one document by token, built once per document."""

    def __init__(self, ctx: "Context", blocked: list[tuple[int, int]]) -> None:
        doc: Doc = ctx.doc
        by_id = {e.id: e for e in ctx.entities}
        starts = [t.idx for t in doc]
        self.doc = doc
        self.refs: dict[int, list[_Ref]] = {}
        for m in ctx.mentions:
            ent = by_id.get(m.entity_id)
            if ent is None or any(m.start < be and bs < m.end for bs, be in blocked):
                continue  # "US" inside "US dollars" is the currency, not a party
            last = max(0, bisect.bisect_right(starts, max(m.start, m.end - 1)) - 1)
            self.refs.setdefault(last, []).append(_Ref(last, m.start, m.end, ent))

    def _in(self, toks: Iterable["Token"]) -> list[str]:
        """Parties mentioned in ``toks``; people stand for their country only where no
        country, body or region is named."""
        found: list[tuple[int, str]] = []
        people: list[tuple[int, str]] = []
        for tok in toks:
            for ref in self.refs.get(tok.i, ()):
                ent = ref.entity
                if ent.type in _PARTY_TYPES and not _is_source(tok) and not self._describes_person(tok):
                    # A body of a state or of the EU (its ministry, "the European Commission")
                    # acts for it: the figure is about that party.
                    label = ent.code or (ent.country if ent.type == "organization" else None) or ent.name
                    found.append((ref.start, label))
                elif ent.type == "person" and ent.country:
                    people.append((ref.start, ent.country))
        return list(dict.fromkeys(name for _, name in sorted(found or people)))

    def _describes_person(self, tok: "Token") -> bool:
        """"French president Jacques Chirac": the country qualifies a person, who is a speaker."""
        t = tok
        for _ in range(3):
            if t.dep_ not in _MODIFIER_DEPS or t.head.i == t.i:
                return False
            t = t.head
            if any(r.entity.type == "person" for r in self.refs.get(t.i, ())):
                return True
        return False

    def parties(self, levels: Sequence[tuple["Token", list["Token"]]]) -> list[str]:
        """Parties of the innermost clause naming any. A clause without a subject of its own
        (a coordinated or non-finite verb: "and amounted to", "owing $23bn to the IMF") shares
        the subject of the clause governing it. Where the sentence names no one, the figure
        continues the previous sentences' topic: their subject's parties."""
        for i, (head, toks) in enumerate(levels):
            found = self._in(toks)
            if not found:
                continue
            if not subject(head):
                for up, _ in levels[i + 1:]:
                    subj = subject(up)
                    if subj:
                        found = list(dict.fromkeys([*self._in(subj), *found]))
                        break
            return found
        sent = levels[-1][0].sent if levels else None
        for _ in range(_TOPIC_SENTENCES):
            if sent is None or sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
            found = self._in(subject(sent.root))
            if found:
                return found
        return []


_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "appos"})
# How far back a figure in a sentence naming no party looks for the topic: the sentence before
# and the one before that (calibrated on the BBC golds, where "Economic growth has averaged
# 6-7%" follows "Turkey's economy has steadily recovered").
_TOPIC_SENTENCES = 2

def _is_source(tok: "Token") -> bool:
    """A party named only as where a figure comes from ("IMF forecasts", "according to X")."""
    if tok.dep_ in ("compound", "poss", "nmod") and tok.head.lemma_.lower() in _SOURCES:
        return True
    return any(a.lower_ == "according" for a in list(tok.ancestors)[:3])
