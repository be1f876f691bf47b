"""The ingest job: inputs → extractor → store, with progress and a summary.

Inputs already stored (same raw bytes or URL) are counted as duplicates before extraction,
so rerunning an interrupted ingest only pays for what is new. Each document is stored in its
own transaction, by a writer process while the next documents are extracted (``writer``); a
failing input or document is reported on one line and the batch goes on.
"""
from __future__ import annotations

import itertools
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from diplograph.errors import DiplographError
from diplograph.ingest import Failure, RawInput
from diplograph.kb.db import Database
from diplograph.kb.fetch import Skipped, Transport, iter_sources
from diplograph.kb.store import Store, digest
from diplograph.kb.writer import Done, writer_for

if TYPE_CHECKING:
    from diplograph.pipeline import Extractor

# Progress redraw interval: often enough to look alive, rare enough to cost nothing.
PROGRESS_EVERY_S = 0.5


@dataclass(slots=True)
class Summary:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # ids of new documents

    @property
    def total(self) -> int:
        return self.new + self.duplicate + self.failed + self.skipped

    def rate(self) -> float:
        return self.total / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"new": self.new, "duplicate": self.duplicate, "failed": self.failed,
                "skipped": self.skipped, "seconds": round(self.seconds, 3),
                "documents_per_second": round(self.rate(), 2),
                "failures": [{"input": n, "reason": r} for n, r in self.failures],
                "duplicates": [{"input": n, "reason": r} for n, r in self.duplicates]}

    def lines(self) -> list[str]:
        out = [f"ingested {self.total} inputs in {self.seconds:.1f} s ({self.rate():.1f} docs/s):"
               f" {self.new} new, {self.duplicate} duplicate, {self.failed} failed"
               + (f", {self.skipped} skipped" if self.skipped else "")]
        reasons = Counter(_code(r) for _, r in self.failures)
        for reason, n in reasons.most_common():
            out.append(f"  failed {n}× {reason}")
        return out


def _code(reason: str) -> str:
    return reason.split("]")[0] + "]" if reason.startswith("[") else reason


class Progress:
    """A one-line progress display on stderr (redrawn on a terminal, periodic otherwise)."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.tty = bool(stream and stream.isatty())
        self.start = time.perf_counter()
        self.last = 0.0

    def update(self, s: Summary, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        every = PROGRESS_EVERY_S if self.tty else PROGRESS_EVERY_S * 20
        if not force and now - self.last < every:
            return
        self.last = now
        rate = s.total / (now - self.start) if now > self.start else 0.0
        msg = (f"{s.total} docs  {rate:.1f} docs/s  new {s.new}  duplicate {s.duplicate}  "
               f"failed {s.failed}")
        if self.tty:
            self.stream.write("\r\x1b[K" + msg)
        else:
            self.stream.write(msg + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.stream is not None and self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def ingest(args: Sequence[str], db: Database, *, workers: int = 1,
           extractor: "Extractor | None" = None, transport: Transport | None = None,
           progress: IO[str] | None = None, errors: IO[str] | None = None) -> Summary:
    """Ingest everything ``args`` names into ``db``; returns the counts and reasons."""
    store = Store(db)

    def known_url(url: str) -> bool:
        try:
            return store.known(url=url) is not None
        except DiplographError:
            return False

    items = iter_sources(args, transport=transport, known=known_url)
    return ingest_items(items, db, workers=workers, extractor=extractor, progress=progress,
                        errors=errors)


def ingest_items(items: Iterable[RawInput | Failure | Skipped], db: Database, *,
                 workers: int = 1, extractor: "Extractor | None" = None,
                 progress: IO[str] | None = None, errors: IO[str] | None = None) -> Summary:
    """Ingest raw inputs (as ``fetch.iter_sources`` yields them) into ``db``."""
    from diplograph.pipeline import run_inputs

    store = Store(db)
    summary = Summary()
    bar = Progress(progress)
    t0 = time.perf_counter()
    pending: deque[tuple[str, str | None, str | None]] = deque()  # name, raw sha, url

    def report(name: str, reason: str) -> None:
        summary.failed += 1
        summary.failures.append((name, reason))
        if errors is not None:
            bar.done()
            errors.write(f"diplograph: {name}: {reason}\n")

    def to_extract(items: Iterable[RawInput | Failure | Skipped]) -> Iterator[RawInput]:
        for item in items:
            if isinstance(item, Skipped):
                if item.duplicate:
                    summary.duplicate += 1
                    summary.duplicates.append((item.name, item.reason))
                else:
                    summary.skipped += 1
            elif isinstance(item, Failure):
                report(item.name, item.reason)
            else:
                sha = digest(item.data)
                try:
                    dup = store.known(raw_sha=sha, url=item.url)
                except DiplographError as err:
                    report(item.name, str(err))
                    continue
                if dup is not None:
                    summary.duplicate += 1
                    summary.duplicates.append((item.name, f"already stored as {dup}"))
                else:
                    pending.append((item.name, sha, item.url))
                    yield item
            bar.update(summary)

    def account(done: Done) -> None:
        if done.stored is None:
            report(done.name, done.error or "not stored")
        elif done.stored.outcome == "new":
            summary.new += 1
            summary.documents.append(done.stored.document)
        else:
            summary.duplicate += 1
            summary.duplicates.append((done.name, done.stored.reason or "duplicate"))

    feed = to_extract(items)
    first = next(feed, None)  # nothing new (a rerun): no need to load the extractor at all
    if first is None:
        summary.seconds = time.perf_counter() - t0
        bar.done()
        return summary
    # The store runs beside extraction (``writer``): a record is stored while the next
    # documents are extracted.
    writer = writer_for(db)
    try:
        for res in run_inputs(itertools.chain([first], feed), workers=workers,
                              extractor=extractor):
            name, sha, url = pending.popleft()
            if res.error or res.record is None:
                report(name, res.error or "no record")
            else:
                record = res.record.to_dict()
                if url and not record["document"].get("url"):
                    record["document"]["url"] = url
                writer.put(name, record, sha)
            for done in writer.results():
                account(done)
            bar.update(summary)
    finally:
        for done in writer.close():  # an interrupted ingest still stores what it extracted
            account(done)
    summary.seconds = time.perf_counter() - t0
    bar.done()
    return summary


def reprocess(db: Database, *, extractor: "Extractor | None" = None,
              progress: IO[str] | None = None) -> Summary:
    """Re-extract every stored text with the current extractor; derived rows are replaced
    document by document (each in its own transaction), nothing is duplicated."""
    from sqlalchemy import select

    from diplograph.kb.models import DocumentRow
    from diplograph.model import DateEstimate, Document
    from diplograph.pipeline import Extractor

    extractor = extractor or Extractor()
    store = Store(db)
    summary = Summary()
    bar = Progress(progress)
    t0 = time.perf_counter()
    with db.session() as s:
        ids = list(s.scalars(select(DocumentRow.id).order_by(DocumentRow.seq)))

    def documents() -> Iterator[Document]:
        for doc_id in ids:
            with db.session() as s:
                row = s.get(DocumentRow, doc_id)
                assert row is not None
                d = row.record["document"]
            est = d.get("date_estimate")
            yield Document(text=row.text, language=d.get("language") or "en",
                           source=d.get("source"), url=row.url, title=d.get("title"),
                           dateline=d.get("dateline"), published=d.get("published"),
                           date_estimate=DateEstimate(est.get("earliest"), est.get("latest"))
                           if est else None)

    for doc_id, out in zip(ids, extractor._pipe(documents())):
        if isinstance(out, DiplographError):
            summary.failed += 1
            summary.failures.append((doc_id, str(out)))
            continue
        try:
            store.replace(doc_id, out.to_dict())
            summary.new += 1
        except DiplographError as err:
            summary.failed += 1
            summary.failures.append((doc_id, str(err)))
        bar.update(summary)
    summary.seconds = time.perf_counter() - t0
    bar.done()
    return summary
