"""Normalize: from decoded text to the final ``Document`` whose ``text`` every span indexes."""
from __future__ import annotations

from diplograph.ingest import Ingested
from diplograph.model import Document


def normalize(ing: Ingested) -> Document:
    text = ing.text.replace("\r\n", "\n").strip()
    title = ing.title
    if ing.kind == "text" and title is None:
        first, sep, rest = text.partition("\n")
        if sep and rest.strip():
            title, text = first.strip(), rest.strip()
    return Document(text=text, title=title, source=ing.source, url=ing.url,
                    published=ing.published, language=ing.language or "en",
                    warnings=list(ing.warnings))
