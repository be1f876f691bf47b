"""Throughput benchmark: the full pipeline against bare spaCy on the same documents, same run.

Figures printed (issue 2):
- ``extract/nlp.pipe``: full extraction (ingest, normalize, annotate, extract) in one process
  over the throughput of bare ``nlp.pipe`` of the same model on the same texts (target ≥ 0.7);
- ``workers N / 1``: ``--workers N`` against one worker (target ≥ 1.7 for N=2 on 2 cores);
- resident memory sampled at each quarter of the corpus (flat: the last quarter's RSS is
  within a few per cent of the first's, instead of growing with the corpus).

Timings are wall-clock on whatever else the machine is doing; run it on an idle machine and
read the ratios, which compare runs made seconds apart.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diplograph.ingest import RawInput


# Slices the corpus is cut into for the alternating timing (and RSS samples: one per slice).
SLICES = 4


def default_corpus() -> Path:
    here = Path(__file__).resolve().parent.parent
    return here.parent / "shared" / "data" / "news-en" / "articles.jsonl"


def load_corpus(path: Path, limit: int | None = None) -> list[RawInput]:
    """Reports as plain-text inputs shaped like a saved report: title line, blank, body."""
    out: list[RawInput] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(out) >= limit:
                break
            row = json.loads(line)
            if row["text"] in seen:
                continue  # the corpus repeats some articles; a stored duplicate costs nothing
            seen.add(row["text"])
            body = f"{row.get('title', '')}\n\n{row['text']}\n"
            out.append(RawInput(str(row.get("id", len(out))), body.encode("utf-8"), "text"))
    return out


def rss_mib() -> float:
    """Current resident set size of this process, from /proc (0 where unavailable)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return 0.0


@dataclass
class Timing:
    label: str
    docs: int
    seconds: float
    rss: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


def _timed(label: str, n: int, run: Callable[[], Iterator[Any]], sample_every: int) -> Timing:
    rss: list[float] = []
    t0 = time.perf_counter()
    count = 0
    for _ in run():
        count += 1
        if sample_every and count % sample_every == 0:
            rss.append(round(rss_mib(), 1))
    return Timing(label, count or n, time.perf_counter() - t0, rss)


def run_kb_bench(corpus: Path, limit: int | None, db_urls: list[str | None]) -> list[dict[str, Any]]:
    """Ingest (extract + store + resolve) against extract alone, per database (None: SQLite)."""
    from diplograph.kb.bench import ingest_vs_extract

    inputs = load_corpus(corpus, limit)
    return [ingest_vs_extract(inputs, url) for url in db_urls]


def format_kb_results(rows: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"ingest/extract ({r['database']:<10}) {r['ratio']:.3f}   (target >= 0.85; "
        f"{r['ingest_docs_per_s']:.1f} vs {r['extract_docs_per_s']:.1f} docs/s, "
        f"{r['stored']} stored)" for r in rows)


def run_bench(corpus: Path, limit: int | None, workers: int) -> dict[str, Any]:
    from diplograph.annotate import load_nlp
    from diplograph.pipeline import Extractor, read_document, run_inputs

    inputs = load_corpus(corpus, limit)
    n = len(inputs)
    nlp = load_nlp()
    extractor = Extractor(nlp)
    texts = [read_document(r).text for r in inputs]
    # Warm both paths on a few documents so that neither pays first-call costs in the timing.
    list(nlp.pipe(texts[:8]))
    list(extractor.run(inputs[:8]))
    # The two sides alternate slice by slice (bare, full, bare, full, ...) so that a change
    # in the machine's load during the run falls on both, not on one side's whole timing;
    # a drift between two back-to-back whole-corpus runs moved this ratio by 0.25 here.
    slices = [range(i, min(n, i + max(1, n // SLICES))) for i in range(0, n, max(1, n // SLICES))]
    bare_s = full_s = 0.0
    rss: list[float] = []
    for sl in slices:
        part_texts, part_inputs = [texts[i] for i in sl], [inputs[i] for i in sl]
        bare_s += _timed("bare nlp.pipe", len(sl), lambda: nlp.pipe(part_texts), 0).seconds
        full_s += _timed("extract", len(sl), lambda: extractor.run(part_inputs), 0).seconds
        rss.append(round(rss_mib(), 1))
    bare = Timing("bare nlp.pipe", n, bare_s)
    full = Timing("extract, 1 process", n, full_s, rss)
    results: dict[str, Any] = {
        "documents": n,
        "bare_docs_per_s": round(bare.per_second, 2),
        "extract_docs_per_s": round(full.per_second, 2),
        "extract_over_bare": round(full.per_second / bare.per_second, 3),
        "rss_mib_by_quarter": full.rss,
    }
    if workers > 1:
        one_s = many_s = 0.0
        halves = [inputs[: n // 2], inputs[n // 2:]]
        for half in halves:
            one_s += _timed("workers=1", len(half), lambda: run_inputs(
                half, workers=1, extractor=extractor), 0).seconds
            many_s += _timed(f"workers={workers}", len(half), lambda: run_inputs(
                half, workers=workers), 0).seconds
        one, many = Timing("workers=1", n, one_s), Timing(f"workers={workers}", n, many_s)
        results.update({
            "workers": workers,
            "one_worker_docs_per_s": round(one.per_second, 2),
            "n_workers_docs_per_s": round(many.per_second, 2),
            "workers_over_one": round(many.per_second / one.per_second, 3),
        })
    if full.rss:
        results["rss_growth_last_over_first"] = round(full.rss[-1] / full.rss[0], 3)
    return results


def format_results(r: dict[str, Any]) -> str:
    lines = [
        f"documents                  {r['documents']}",
        f"bare nlp.pipe              {r['bare_docs_per_s']:.1f} docs/s",
        f"full extract (1 process)   {r['extract_docs_per_s']:.1f} docs/s",
        f"ratio extract/nlp.pipe     {r['extract_over_bare']:.3f}   (target >= 0.70)",
    ]
    if "workers" in r:
        lines += [
            f"1 worker                   {r['one_worker_docs_per_s']:.1f} docs/s",
            f"{r['workers']} workers                  {r['n_workers_docs_per_s']:.1f} docs/s",
            f"ratio {r['workers']} workers/1          {r['workers_over_one']:.3f}   (target >= 1.70)",
        ]
    if r.get("rss_mib_by_quarter"):
        lines.append(f"RSS MiB by quarter         {r['rss_mib_by_quarter']}"
                     f"   (last/first {r.get('rss_growth_last_over_first')})")
    return "\n".join(lines)
