"""Knowledge the project carries, as data files keyed by language (``data/<lang>/<name>.json``).

Word lists and gazetteers live in data, not in code branches; each file is read once per
process.
"""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.lru_cache(maxsize=None)
def load(name: str, lang: str = "en") -> Any:
    path = resources.files("diplograph.knowledge") / "data" / lang / f"{name}.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)
