"""Open a knowledge base from a SQLAlchemy URL: engine, sessions, migrations, error mapping.

``open_db(url)`` returns a ``Database`` whose schema is at Alembic's head: a new database is
created, an older one is migrated, a newer one is refused with E303. SQLite runs in WAL mode
(readers keep working while an ingest writes) with a busy timeout; a database that stays
locked, or cannot be written, surfaces as a one-line E302 instead of a traceback.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from diplograph.errors import StoreError

DEFAULT_URL = "sqlite:///diplograph.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Long enough to ride out another writer's per-document commit (milliseconds) many times
# over; short enough that a stuck lock is reported while the user still waits.
BUSY_TIMEOUT_S = 10.0

_LOCKED = ("database is locked", "readonly", "read-only", "attempt to write",
           "could not obtain lock", "lock timeout", "read-only transaction")


def default_url() -> str:
    return os.environ.get("DIPLOGRAPH_DB") or DEFAULT_URL


def store_error(err: BaseException) -> StoreError:
    """The one-line error for a database failure (E302 locked/read-only, else E301)."""
    if isinstance(err, StoreError):
        return err
    msg = str(getattr(err, "orig", None) or err).strip().splitlines()[0] if str(err) else ""
    msg = msg or type(err).__name__
    if any(m in msg.lower() for m in _LOCKED):
        return StoreError.of("E302", detail=msg)
    return StoreError.of("E301", detail=msg)


@contextmanager
def translate_errors() -> Iterator[None]:
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, DBAPIError, OSError) as err:
        raise store_error(err) from err


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _heads() -> tuple[set[str], set[str]]:
    """(all known revisions, head revisions) of the migrations shipped with this package."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return {r.revision for r in script.walk_revisions()}, set(script.get_heads())


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.url = engine.url.render_as_string(hide_password=False)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(engine.execution_options(immediate=True),
                                    expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (committed on success, rolled back on any error).

        On SQLite it starts with BEGIN IMMEDIATE: the write lock is taken up front, so a
        concurrent writer waits (busy timeout) instead of failing on a stale snapshot."""
        with translate_errors(), self._writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_engine(url: str, timeout: float = BUSY_TIMEOUT_S) -> Engine:
    try:
        if url.startswith("sqlite"):
            # One connection is never used by two threads at once (the pool hands it out);
            # the ingest job reads from the thread that feeds worker processes.
            engine = create_engine(url, connect_args={"timeout": timeout,
                                                      "check_same_thread": False})
            _sqlite_pragmas(engine, timeout)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as err:
        raise StoreError.of("E301", detail=f"bad database URL {url!r}: {err}") from None
    return engine


def _sqlite_pragmas(engine: Engine, timeout: float) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun by _on_begin
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across application crashes in WAL mode (a power loss may
            # lose the last commits, never consistency) and keeps per-document commits cheap.
            cur.execute("PRAGMA synchronous = NORMAL")
        except Exception:  # a read-only file keeps its journal mode; reading still works
            pass
        cur.close()


def open_db(url: str | None = None, *, migrate: bool = True,
            timeout: float | None = None) -> Database:
    """Open (creating or migrating as needed) the knowledge base at ``url``."""
    url = url or default_url()
    timeout = BUSY_TIMEOUT_S if timeout is None else timeout
    if url.startswith("sqlite:///") and "mode=ro" not in url:
        parent = Path(url.removeprefix("sqlite:///").split("?")[0]).parent
        if str(parent) and not parent.exists():
            raise StoreError.of("E301", detail=f"no such directory: {parent}")
    engine = make_engine(url, timeout)
    with translate_errors():
        known, heads = _heads()
        with engine.connect() as conn:
            current = _current(conn)
        unknown = current - known
        if unknown:
            engine.dispose()
            raise StoreError.of("E303", detail=f"database at revision {', '.join(sorted(unknown))}"
                                f"; this version knows up to {', '.join(sorted(heads))}")
        if current != heads:
            if not migrate:
                engine.dispose()
                raise StoreError.of("E301", detail="database schema is not up to date; "
                                    "run any writing command (e.g. diplograph ingest) first")
            upgrade(engine, "head")
    return Database(engine)


def _current(conn: Any) -> set[str]:
    if not inspect(conn).has_table("alembic_version"):
        return set()
    return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def upgrade(engine: Engine, revision: str) -> None:
    """Migrate to ``revision`` (tests use this to build databases of an older schema)."""
    from alembic import command

    with translate_errors(), engine.begin() as conn:
        command.upgrade(_alembic_config(conn), revision)
