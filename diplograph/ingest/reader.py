"""Decode one raw input into text: plain text as it is, HTML through its main-text extractor."""
from __future__ import annotations

from diplograph.errors import InputError
from diplograph.ingest import Ingested, RawInput
from diplograph.ingest.encoding import decode
from diplograph.ingest.html import declared_charset, extract


def load(raw: RawInput) -> Ingested:
    if not raw.data.strip():
        raise InputError.of("E101")
    if raw.kind == "html":
        html, enc = decode(raw.data, hint=declared_charset(raw.data))
        ing = extract(raw.name, html, raw.url)
    else:
        text, enc = decode(raw.data)
        if not text.strip():
            raise InputError.of("E101")
        ing = Ingested(raw.name, text, "text", url=raw.url)
    ing.encoding = enc
    return ing
