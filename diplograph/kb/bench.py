"""Ingest against extraction alone, on the same documents in the same run (issue 3's figure:
ingest throughput within 15 % of ``extract``, i.e. ``ratio`` ≥ 0.85)."""
from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from diplograph.ingest import RawInput
from diplograph.ingest.sources import iter_inputs

# Documents extracted before timing so that model loading and first-call costs are not
# charged to whichever side runs first.
WARMUP = 8
# Alternating slices per side (see ``ingest_vs_extract``).
SLICES = 8


def _items(paths_or_texts: Sequence[str | Path | RawInput]) -> list[RawInput]:
    out: list[RawInput] = []
    for i, x in enumerate(paths_or_texts):
        if isinstance(x, RawInput):
            out.append(x)
        elif isinstance(x, Path) or (isinstance(x, str) and "\n" not in x and Path(x).exists()):
            out.extend(r for r in iter_inputs([str(x)]) if isinstance(r, RawInput))
        else:
            out.append(RawInput(f"text-{i}", str(x).encode("utf-8"), "text"))
    return out


def ingest_vs_extract(paths_or_texts: Sequence[str | Path | RawInput],
                      db_url: str | None = None, workers: int = 1,
                      slices: int = SLICES) -> dict[str, Any]:
    """Docs/s of extraction alone and of ingest (extraction + storage + resolution) into an
    empty database at ``db_url`` (a temporary SQLite file when None).

    The two sides alternate slice by slice (extract, ingest; ingest, extract; ...) so that a
    drift in the machine's speed during the run falls on both sides, not on one."""
    from sqlalchemy import func, select

    from diplograph.errors import StoreError
    from diplograph.kb.db import open_db
    from diplograph.kb.ingest import Summary, ingest_items
    from diplograph.kb.models import DocumentRow
    from diplograph.pipeline import Extractor, run_inputs

    items = _items(paths_or_texts)
    n = len(items)
    extractor = Extractor()
    list(run_inputs(items[:WARMUP], extractor=extractor))
    step = max(1, -(-n // max(1, slices)))
    t_extract = t_ingest = 0.0
    extracted = 0
    total = Summary()
    with tempfile.TemporaryDirectory() as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        with open_db(url) as db:
            with db.session() as s:
                if s.scalar(select(func.count()).select_from(DocumentRow)):
                    raise StoreError.of("E301", detail="the ingest benchmark needs an empty "
                                        "database (its reports would count as duplicates)")
            for k, lo in enumerate(range(0, n, step)):
                part = items[lo:lo + step]
                for side in (("extract", "ingest") if k % 2 == 0 else ("ingest", "extract")):
                    t0 = time.perf_counter()
                    if side == "extract":
                        extracted += sum(1 for r in run_inputs(part, workers=workers,
                                                               extractor=extractor)
                                         if r.record)
                        t_extract += time.perf_counter() - t0
                    else:
                        done = ingest_items(part, db, workers=workers, extractor=extractor)
                        t_ingest += time.perf_counter() - t0
                        total.new += done.new
                        total.duplicate += done.duplicate
                        total.failed += done.failed
            dialect = db.dialect
    extract_rate = n / t_extract if t_extract else 0.0
    ingest_rate = n / t_ingest if t_ingest else 0.0
    return {"documents": n, "extracted": extracted, "stored": total.new,
            "duplicates": total.duplicate, "failed": total.failed, "database": dialect,
            "extract_docs_per_s": round(extract_rate, 2),
            "ingest_docs_per_s": round(ingest_rate, 2),
            "ratio": round(ingest_rate / extract_rate, 3) if extract_rate else 0.0}
