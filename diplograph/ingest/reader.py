"""Decode one raw input into text (plain text or HTML)."""
from __future__ import annotations

from diplograph.errors import InputError
from diplograph.ingest import Ingested, RawInput


def load(raw: RawInput) -> Ingested:
    if not raw.data.strip():
        raise InputError.of("E101")
    try:
        text = raw.data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError.of("E103", detail=str(err)) from None
    return Ingested(raw.name, text, raw.kind, url=raw.url)
