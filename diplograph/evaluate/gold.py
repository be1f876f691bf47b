"""Read a gold record and check its shape, so that scoring never meets a malformed one.

A gold record is a record (SCHEMA.md) without ids or spans, plus ``"input"`` (the report
it annotates, a path relative to the gold file's folder or one of its parents), optional
``"optional": true`` entries, statements given by ``"span"`` and the document's
``text_must_contain`` / ``text_must_not_contain`` lists. Problems raise ``InputError``
E401 naming the first thing wrong.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplograph.errors import InputError

_LISTS = ("entities", "events", "statements", "figures", "topics")


@dataclass(slots=True, frozen=True)
class Gold:
    path: Path
    record: dict[str, Any]

    @property
    def input(self) -> str:
        return str(self.record["input"])


def _bad(detail: str) -> InputError:
    return InputError.of("E401", detail=detail)


def _check_items(record: Mapping[str, Any], section: str, required: dict[str, type | tuple[type, ...]]) -> None:
    for i, item in enumerate(record[section]):
        if not isinstance(item, dict):
            raise _bad(f"{section}[{i}] is not an object")
        for key, kind in required.items():
            value = item.get(key)
            if isinstance(value, bool) or not isinstance(value, kind):
                raise _bad(f"{section}[{i}].{key} is missing or not {_kind_name(kind)}")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({str: "a string", int: "a number", float: "a number",
                        list: "a list", dict: "an object"}[k] for k in kinds)


def check_gold(record: object) -> dict[str, Any]:
    """``record`` if it has the shape scoring relies on, else ``InputError`` E401."""
    if not isinstance(record, dict):
        raise _bad("top level is not an object")
    if not isinstance(record.get("input"), str) or not record["input"]:
        raise _bad('"input" (path of the annotated report) is missing')
    if not isinstance(record.get("document"), dict):
        raise _bad('"document" is missing or not an object')
    for section in _LISTS:
        if not isinstance(record.get(section), list):
            raise _bad(f'"{section}" is missing or not a list')
    doc = record["document"]
    for key in ("text_must_contain", "text_must_not_contain"):
        if not all(isinstance(s, str) for s in doc.get(key, [])):
            raise _bad(f"document.{key} must be a list of strings")
    est = doc.get("date_estimate")
    if est is not None and not (isinstance(est, dict) and {"earliest", "latest"} <= est.keys()):
        raise _bad("document.date_estimate needs earliest and latest")
    _check_items(record, "entities", {"type": str, "name": str})
    _check_items(record, "events", {"name": str})
    _check_items(record, "figures", {"value": (int, float), "unit": str})
    for i, st in enumerate(record["statements"]):
        if not isinstance(st, dict):
            raise _bad(f"statements[{i}] is not an object")
        span = st.get("span")
        has_span = (isinstance(span, list) and len(span) == 2
                    and all(isinstance(x, int) and not isinstance(x, bool) for x in span))
        if not isinstance(st.get("text"), str) and not has_span:
            raise _bad(f'statements[{i}] needs "text" or "span": [start, end]')
        if not isinstance(st.get("speaker_name"), str):
            raise _bad(f"statements[{i}].speaker_name is missing or not a string")
    if not all(isinstance(t, str) for t in record["topics"]):
        raise _bad("topics must be a list of codes")
    return record


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold file."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.of("E107") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError.of("E104", detail=str(err)) from None
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as err:
        raise _bad(f"not JSON ({err.msg} at line {err.lineno} column {err.colno})") from None
    return Gold(p, check_gold(record))
