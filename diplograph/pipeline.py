"""The pipeline: ingest → normalize → annotate → extract, one document or a stream of them.

``STAGES`` is the extract order; each stage reads what the ones before it wrote on the
``Context``. ``Extractor`` holds the spaCy pipeline (loaded once) and streams documents
through ``nlp.pipe`` so that memory stays flat however long the stream is. ``run_inputs``
fans documents out to worker processes when asked, keeping input order.
"""
from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.errors import DiplographError
from diplograph.extract import docdate, entities, events, figures, statements, topics
from diplograph.extract.context import Context
from diplograph.ingest import Failure, RawInput
from diplograph.ingest.reader import load
from diplograph.model import Document, Record
from diplograph.normalize import normalize

if TYPE_CHECKING:
    from spacy.language import Language

Stage = Callable[[Context], None]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("entities", entities.run),
    ("events", events.run),
    ("statements", statements.run),
    ("figures", figures.run),
    ("topics", topics.run),
    ("docdate", docdate.run),
)

# Documents handed to nlp.pipe at a time: larger batches let spaCy's tagger and parser work
# more efficiently (about 5-10% on BBC reports between 32 and 256), at the cost of holding
# the batch's Docs in memory; 128 BBC-sized reports are a few tens of MB.
BATCH = 128

# Texts are cut here before annotation: spaCy's parser is quadratic in nothing but memory
# grows with length; 1M characters is spaCy's own default max_length.
MAX_CHARS = 1_000_000


# A stage that runs away (a regex or loop gone quadratic on an odd input) is stopped and the
# document reported, instead of hanging the batch. Normal reports need well under a second per
# stage (seed: ~0.05 s); the allowance grows with length for long reports.
STAGE_SECONDS = 20.0
STAGE_CHARS_PER_SECOND = 10_000


@contextlib.contextmanager
def _deadline(seconds: float, stage: str) -> Iterator[None]:
    """Raise E902 in this thread after ``seconds`` (main thread with SIGALRM only)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_sig: int, _frame: object) -> None:
        raise DiplographError("E902", f"stage {stage!r} took longer than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(slots=True)
class Result:
    name: str
    record: Record | None = None
    error: str | None = None


def read_document(raw: RawInput) -> Document:
    """Ingest and normalise one input; raises ``InputError`` with the reason."""
    return normalize(load(raw))


class Extractor:
    def __init__(self, nlp: "Language | None" = None) -> None:
        if nlp is None:
            from diplograph.annotate import load_nlp

            nlp = load_nlp()
        self.nlp = nlp

    def extract(self, document: Document) -> Record:
        return next(self.pipe([document]))

    def pipe(self, documents: Iterable[Document], batch_size: int = BATCH) -> Iterator[Record]:
        """Records for ``documents``, in order; raises on the first document that fails."""
        for out in self._pipe(documents, batch_size):
            if isinstance(out, DiplographError):
                raise out
            yield out

    def _pipe(self, documents: Iterable[Document],
              batch_size: int = BATCH) -> Iterator[Record | DiplographError]:
        """Non-English documents skip annotation; a failing document yields its error."""
        docs = iter(documents)
        while True:
            batch = [d for _, d in zip(range(batch_size), docs)]
            if not batch:
                return
            english = [d for d in batch if d.language == "en"]
            annotated = iter(self.nlp.pipe(d.text[:MAX_CHARS] for d in english))
            for d in batch:
                if d.language != "en":
                    yield Record(document=d)
                    continue
                doc = next(annotated)
                try:
                    yield self._extract(d, doc)
                except DiplographError as err:
                    yield err

    def _extract(self, document: Document, doc: object) -> Record:
        ctx = Context(document=document, doc=doc)  # type: ignore[arg-type]
        limit = STAGE_SECONDS + len(document.text) / STAGE_CHARS_PER_SECOND
        try:
            return self._run_stages(ctx, document, limit)
        finally:
            # Cached tokens point back at their Doc: drop them so the Doc is freed at once
            # instead of waiting for the cycle collector (keeps memory flat).
            ctx.doc.user_data.clear()

    def _run_stages(self, ctx: Context, document: Document, limit: float) -> Record:
        for name, stage in STAGES:
            try:
                with _deadline(limit, name):
                    stage(ctx)
            except DiplographError:
                raise
            except Exception as err:  # a bug in one stage must not take the batch down
                raise DiplographError("E901", f"internal error in stage {name!r}: "
                                      f"{type(err).__name__}: {err}") from err
        return Record(document=document, entities=ctx.entities, events=ctx.events,
                      statements=ctx.statements, figures=ctx.figures, topics=ctx.topics)

    def run(self, items: Iterable[RawInput | Failure]) -> Iterator[Result]:
        """Stream results for raw inputs, one per input and in order; failures pass through."""
        pending: list[tuple[str, Document | str]] = []
        for item in items:
            pending.append((item.name, _prepare(item)))
            if len(pending) >= BATCH:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def _flush(self, pending: list[tuple[str, Document | str]]) -> Iterator[Result]:
        docs = [d for _, d in pending if isinstance(d, Document)]
        outs = self._pipe(docs)
        for name, d in pending:
            if isinstance(d, str):
                yield Result(name, error=d)
                continue
            out = next(outs)
            if isinstance(out, DiplographError):
                yield Result(name, error=str(out))
            else:
                yield Result(name, record=out)


def _prepare(item: RawInput | Failure) -> Document | str:
    if isinstance(item, Failure):
        return item.reason
    try:
        return read_document(item)
    except DiplographError as err:
        return str(err)
    except Exception as err:  # a bug in ingest/normalize must not take the batch down
        return f"[E901] internal error in ingest/normalize: {type(err).__name__}: {err}"


# -- worker processes -----------------------------------------------------------------

_WORKER: Extractor | None = None


def _init_worker() -> None:
    global _WORKER
    _WORKER = Extractor()


def _work(chunk: list[RawInput | Failure]) -> list[Result]:
    assert _WORKER is not None
    return list(_WORKER.run(chunk))


def run_inputs(items: Iterable[RawInput | Failure], workers: int = 1,
               extractor: Extractor | None = None, chunk: int = 16) -> Iterator[Result]:
    """Results for ``items`` in input order, on ``workers`` processes (1: this process)."""
    if workers <= 1:
        yield from (extractor or Extractor()).run(items)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        for results in pool.imap(_work, _chunks(items, chunk)):
            yield from results


def _chunks(items: Iterable[RawInput | Failure], n: int) -> Iterator[list[RawInput | Failure]]:
    buf: list[RawInput | Failure] = []
    for it in items:
        buf.append(it)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf
