"""The state the extract stages share for one document.

Stages run in a fixed order (see ``diplograph.pipeline.STAGES``); each reads what earlier
stages wrote on the context and writes its own section. ``mentions`` is the bridge between
entities and everything else: a stage that needs to know who a span refers to (a speaker,
a delegation head, a party to a figure) asks ``entity_at``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from diplograph.model import Document, Entity, Event, Figure, Span, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MentionKind = Literal["name", "alias", "acronym", "descriptive", "pronoun", "demonym"]


@dataclass(slots=True, order=True)
class Mention:
    start: int
    end: int
    entity_id: str = field(compare=False)
    kind: MentionKind = field(default="name", compare=False)


@dataclass
class Context:
    document: Document
    doc: "Doc"
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def add_mention(self, start: int, end: int, entity: Entity, kind: MentionKind = "name") -> None:
        bisect.insort(self.mentions, Mention(start, end, entity.id, kind))
        entity.mentions.append(Span(start, end))

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        i = bisect.bisect_left(self.mentions, Mention(start, start, ""))
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return out

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity of the longest mention overlapping ``[start, end)``."""
        best: Mention | None = None
        i = bisect.bisect_left(self.mentions, Mention(max(0, start - 200), 0, ""))
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end > start and (best is None or m.end - m.start > best.end - best.start):
                best = m
            i += 1
        return self.entity(best.entity_id) if best else None


def doc_text(doc: "Doc") -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access, which
    cost a third of all extraction time when stages read it per candidate (profiled on 80
    BBC reports)."""
    text = doc.user_data.get("diplograph.text")
    if text is None:
        text = doc.user_data["diplograph.text"] = doc.text
    return text


def doc_tokens(doc: "Doc") -> "list[Token]":
    """The document's tokens, made once: iterating a Doc builds a new Token object per
    token on every pass, and the stages make about ten passes (profiled: a tenth of
    extraction time on BBC reports)."""
    toks = doc.user_data.get("diplograph.tokens")
    if toks is None:
        toks = doc.user_data["diplograph.tokens"] = list(doc)
    return toks
