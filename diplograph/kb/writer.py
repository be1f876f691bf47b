"""Storing records beside extraction: the store stage of ``ingest`` as its own process.

Storing a document costs a few milliseconds of Python and database round trips; a thread
cannot hide them (the extractor holds the GIL, and a writer thread waiting for it turned
each round trip into a wait of up to the switch interval: measured slower than storing
inline). ``ProcessWriter`` stores on a process of its own, opened on the same database URL,
while this process extracts the next documents:

* records are stored in the order they are put, each in its own transaction, so a crash or
  a kill at any moment leaves whole documents or nothing, as with an inline store;
* at most ``QUEUE`` records wait, so memory stays flat;
* the writer dies with its parent (``PR_SET_PDEATHSIG`` on Linux, a parent check elsewhere)
  and ignores Ctrl-C, which the parent turns into "store what is queued, then stop".

``InlineWriter`` has the same interface and stores in the caller's process (for databases a
second process cannot open, such as an in-memory SQLite).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from diplograph.errors import DiplographError, StoreError
from diplograph.kb.db import Database
from diplograph.kb.store import Store, Stored

# Records extracted ahead of the writer: enough to ride out a slow commit, few enough that
# an interrupted ingest has little left to store.
QUEUE = 32
# How often a waiting writer checks that its parent is still alive (no PDEATHSIG).
PARENT_CHECK_S = 1.0


@dataclass(slots=True)
class Done:
    name: str
    stored: Stored | None
    error: str | None


class Writer(Protocol):
    def put(self, name: str, record: dict[str, Any], raw_sha: str | None) -> None: ...

    def results(self) -> Iterator[Done]: ...

    def close(self) -> list[Done]: ...


def _store_one(store: Store, name: str, record: dict[str, Any], raw_sha: str | None) -> Done:
    try:
        return Done(name, store.add(record, raw_sha=raw_sha, name=name), None)
    except DiplographError as err:
        return Done(name, None, str(err))


class InlineWriter:
    """Stores each record as it is put."""

    def __init__(self, db: Database) -> None:
        self.store = Store(db)
        self._done: deque[Done] = deque()

    def put(self, name: str, record: dict[str, Any], raw_sha: str | None) -> None:
        self._done.append(_store_one(self.store, name, record, raw_sha))

    def results(self) -> Iterator[Done]:
        while self._done:
            yield self._done.popleft()

    def close(self) -> list[Done]:
        return list(self.results())


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _serve(url: str, parent: int, jobs: Any, done: Any) -> None:
    """The writer process: store jobs until the sentinel, the parent's death or a fatal
    error (reported as one ``("fatal", message)`` message)."""
    from diplograph.kb.db import open_db

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.getppid() != parent:
        return
    try:
        db = open_db(url)
    except DiplographError as err:
        done.put(("fatal", str(err)))
        return
    store = Store(db)
    try:
        while True:
            try:
                job = jobs.get(timeout=PARENT_CHECK_S)
            except queue.Empty:
                if os.getppid() != parent:
                    return
                continue
            if job is None:
                return
            name, record, raw_sha = job
            try:
                result = _store_one(store, name, record, raw_sha)
            except Exception as err:  # a bug: this document fails, the batch goes on
                result = Done(name, None, f"[E901] internal error while storing: "
                              f"{type(err).__name__}: {err}")
            done.put(("done", result))
    finally:
        db.close()


class ProcessWriter:
    """Stores records on a separate process, in order, while the caller goes on."""

    def __init__(self, url: str, size: int = QUEUE) -> None:
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() \
            else mp.get_context()
        self._jobs = ctx.Queue(maxsize=size)
        self._done = ctx.Queue()
        self._waiting = 0  # records put and not yet reported back
        self._proc = ctx.Process(target=_serve, name="diplograph-writer", daemon=True,
                                 args=(url, os.getpid(), self._jobs, self._done))
        self._proc.start()

    def _gone(self) -> StoreError:
        return StoreError.of("E301", detail=f"the writer process stopped (exit code "
                             f"{self._proc.exitcode}); stored documents are kept, run "
                             "ingest again to continue")

    def put(self, name: str, record: dict[str, Any], raw_sha: str | None) -> None:
        """Queue a record (waits while ``QUEUE`` records are ahead of it)."""
        while True:
            try:
                self._jobs.put((name, record, raw_sha), timeout=0.5)
                self._waiting += 1
                return
            except queue.Full:
                if not self._proc.is_alive():
                    raise self._gone() from None

    def _receive(self, block: bool) -> Done | None:
        while True:
            try:
                kind, payload = self._done.get(timeout=0.5) if block else \
                    self._done.get_nowait()
            except queue.Empty:
                if not block:
                    return None
                if not self._proc.is_alive() and self._done.empty():
                    raise self._gone() from None
                continue
            if kind == "fatal":
                raise StoreError(*_split(payload))
            self._waiting -= 1
            return payload  # type: ignore[no-any-return]

    def results(self) -> Iterator[Done]:
        """What has been stored (or failed) since the last call, in order; never waits."""
        while self._waiting:
            got = self._receive(block=False)
            if got is None:
                return
            yield got

    def close(self) -> list[Done]:
        """Store everything queued, stop the writer, and return what it reported."""
        out: list[Done] = []
        try:
            if self._proc.is_alive():
                self._jobs.put(None)
            while self._waiting:
                got = self._receive(block=True)
                if got is not None:
                    out.append(got)
        finally:
            self._proc.join(timeout=30)
            if self._proc.is_alive():
                self._proc.kill()
            self._jobs.close()
            self._done.close()
        return out


def _split(message: str) -> tuple[str, str]:
    """``"[E302] text"`` → ``("E302", "text")`` (to re-raise a writer's error here)."""
    if message.startswith("[") and "] " in message:
        code, _, text = message[1:].partition("] ")
        return code, text
    return "E301", message


def writer_for(db: Database) -> Writer:
    """A process writer for databases a second process can open, else an inline one."""
    url = db.url
    if db.dialect == "sqlite" and (url in ("sqlite://", "sqlite:///:memory:")
                                   or "mode=memory" in url):
        return InlineWriter(db)
    return ProcessWriter(url)
