"""Coreference: descriptions and pronouns resolve to persons through ``entity_at``."""
from __future__ import annotations

from diplograph.extract.context import Context

REPORT = """Talks in Dushanbe

DUSHANBE - Tajik Foreign Minister Sirojiddin Muhriddin received Terhi Hakala, EU Special Representative for Central Asia, on Wednesday. The head of the EU delegation praised the cooperation. The minister said Tajikistan wanted more trade. He also thanked the European Union for its support.
"""


def _ctx(extractor, text: str) -> Context:
    from diplograph.extract import entities
    from diplograph.ingest import RawInput
    from diplograph.pipeline import read_document

    document = read_document(RawInput("r.txt", text.encode(), "text"))
    ctx = Context(document=document, doc=extractor.nlp(document.text))
    entities.run(ctx)
    return ctx


def _at(ctx: Context, phrase: str) -> str | None:
    i = ctx.text.index(phrase)
    e = ctx.entity_at(i, i + len(phrase))
    return e.name if e else None


def test_descriptions_and_pronouns(extractor) -> None:
    ctx = _ctx(extractor, REPORT)
    assert _at(ctx, "The head of the EU delegation") == "Terhi Hakala"
    assert _at(ctx, "The minister") == "Sirojiddin Muhriddin"
    assert _at(ctx, "He also") == "Sirojiddin Muhriddin"


def test_seed_speakers(extractor) -> None:
    from tests.conftest import require_shared

    ctx = _ctx(extractor, require_shared("seeds", "kazinform-hlpsd-2023.txt").read_text())
    assert _at(ctx, "the head of the European delegation") == "Enrique Mora"
    assert _at(ctx, "The deputy minister") == "Roman Vassilenko"
    assert _at(ctx, "the diplomat") == "Roman Vassilenko"
    kinds = {m.kind for m in ctx.mentions}
    assert {"descriptive", "pronoun"} <= kinds
