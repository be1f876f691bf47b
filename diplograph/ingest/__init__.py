"""Ingest: turn paths, directories and stdin into raw inputs, and raw inputs into text.

``iter_inputs`` walks what the user named and yields a ``RawInput`` per report, or a
``Failure`` for what cannot be read (the batch goes on). ``load`` turns one raw input into an
``Ingested`` text with whatever metadata the container carried (HTML meta, for instance).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InputKind = Literal["text", "html"]


@dataclass(slots=True)
class RawInput:
    name: str
    data: bytes
    kind: InputKind = "text"
    url: str | None = None


@dataclass(slots=True)
class Failure:
    name: str
    reason: str


@dataclass(slots=True)
class Ingested:
    """Decoded text of one input plus container metadata; not yet normalised."""

    name: str
    text: str
    kind: InputKind
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
