"""The write path: one document per transaction, facts with provenance, resolution.

``Store.add`` stores a record (a ``Record.to_dict()``) with every fact it carries and
resolves its entities and events against the base, all in one transaction: a crash at any
moment leaves either the whole document or nothing. The same content (document id = text
digest) or the same URL is stored once. ``Store.replace`` swaps a stored document's derived
rows for a new record of the same text (``diplograph reprocess``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from sqlalchemy import delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from diplograph import __version__
from diplograph.kb import link
from diplograph.kb.db import Database
from diplograph.kb.models import (
    DocEntityRow, DocEventRow, DocumentRow, FigureRow, StatementRow,
)

Outcome = Literal["new", "duplicate"]
_WORDS = re.compile(r"\w+")
# Quotes agree on their opening words across outlets even when one trims the end.
QUOTE_KEY_WORDS = 12


@dataclass(slots=True)
class Stored:
    outcome: Outcome
    document: str
    reason: str | None = None  # for duplicates: which stored document it repeats


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- read-before-work helpers ------------------------------------------------------

    def known(self, raw_sha: str | None = None, url: str | None = None) -> str | None:
        """Id of a stored document with these raw bytes or URL (skip it before extracting)."""
        conds = []
        if raw_sha:
            conds.append(DocumentRow.raw_sha == raw_sha)
        if url:
            conds.append(DocumentRow.url == url)
        if not conds:
            return None
        with self.db.session() as s:
            return s.scalars(select(DocumentRow.id).where(or_(*conds)).limit(1)).first()

    # -- writes ------------------------------------------------------------------------

    def add(self, record: dict[str, Any], raw_sha: str | None = None,
            name: str | None = None) -> Stored:
        doc = record["document"]
        sha = digest(doc["text"].encode("utf-8"))
        with self.db.write() as s:
            dup = s.execute(select(DocumentRow.id, DocumentRow.url).where(
                or_(DocumentRow.sha == sha, DocumentRow.url == doc.get("url")) if doc.get("url")
                else DocumentRow.sha == sha).limit(1)).first()
            if dup is not None:
                why = "same URL" if doc.get("url") and dup.url == doc.get("url") \
                    else "same content"
                return Stored("duplicate", dup.id, f"{why} as {dup.id}")
            est = doc.get("date_estimate") or {}
            s.execute(insert(DocumentRow.__table__).values(
                id=doc["id"], sha=sha, raw_sha=raw_sha, url=doc.get("url"), name=name,
                seq=select(func.coalesce(func.max(DocumentRow.seq), 0) + 1).scalar_subquery(),
                source=doc.get("source"), title=doc.get("title"), published=doc.get("published"),
                date_earliest=est.get("earliest"), date_latest=est.get("latest"),
                language=doc.get("language"), text=doc["text"], record=record,
                extractor_version=__version__,
                ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
            if self.db.dialect == "sqlite":
                s.execute(text("INSERT INTO documents_fts(rowid, title, text) "
                               "SELECT seq, coalesce(title, ''), text FROM documents "
                               "WHERE id = :id"), {"id": doc["id"]})
            _add_facts(s, record)
        return Stored("new", doc["id"])

    def replace(self, doc_id: str, record: dict[str, Any]) -> None:
        """Replace the derived rows of stored document ``doc_id`` by those of ``record``."""
        with self.db.write() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                return
            _remove_facts(s, doc_id)
            record["document"]["url"] = record["document"].get("url") or row.url
            row.record = record
            row.extractor_version = __version__
            doc = record["document"]
            est = doc.get("date_estimate") or {}
            row.source, row.title, row.published = doc.get("source"), row.title or \
                doc.get("title"), doc.get("published")
            row.date_earliest, row.date_latest = est.get("earliest"), est.get("latest")
            s.flush()
            _add_facts(s, record)


def _add_facts(s: Session, record: dict[str, Any]) -> None:
    """Write a record's facts and resolve them. Entities, statements and figures go through
    Core statements (the ORM's unit of work cost more than the rest of the store), one
    ``executemany`` per table where rows do not depend on each other."""
    doc = record["document"]
    doc_id = doc["id"]
    conn = s.connection()
    ents = record.get("entities") or []
    resolved = link.resolve_entities(conn, [
        link.EntityForm(e["type"], e["name"], e.get("code"), e.get("acronym"),
                        e.get("country"), list(e.get("aliases") or [])) for e in ents])
    if ents:
        conn.execute(insert(DocEntityRow.__table__), [
            {"document_id": doc_id, "local_id": e["id"], "type": e["type"], "name": e["name"],
             "code": e.get("code"), "acronym": e.get("acronym"), "country": e.get("country"),
             "aliases": e.get("aliases") or [], "roles": e.get("roles") or [],
             "mentions": e.get("mentions") or [], "entity_id": entity_id}
            for e, entity_id in zip(ents, resolved)])
    entity_of = {e["id"]: entity_id for e, entity_id in zip(ents, resolved)}
    taken: set[int] = set()
    for ev in record.get("events") or []:
        date = ev.get("date") or {}
        loc = ev.get("location") or {}
        row = {"document_id": doc_id, "local_id": ev["id"], "type": ev["type"],
               "name": ev["name"], "series": ev.get("series"), "acronym": ev.get("acronym"),
               "ordinal": ev.get("ordinal"), "main": bool(ev.get("main")),
               "status": ev.get("status") or "held", "date_start": date.get("start"),
               "date_end": date.get("end"), "location": loc.get("name"),
               "location_country": loc.get("country"), "data": ev}
        # Two events of one report are two events: never merge them with each other.
        taken.add(link.resolve_event(conn, row, doc, taken))
    statements = []
    for st in record.get("statements") or []:
        entity_id = entity_of.get(st.get("speaker") or "")
        who = f"e{entity_id}" if entity_id else link.fold(st.get("speaker_name"))
        words = _WORDS.findall((st.get("text") or "").lower())[:QUOTE_KEY_WORDS]
        statements.append({
            "document_id": doc_id, "local_id": st["id"], "key": _key(who, " ".join(words)),
            "speaker_name": st.get("speaker_name") or "", "speaker_local": st.get("speaker"),
            "entity_id": entity_id, "kind": st.get("kind") or "indirect", "cue": st.get("cue"),
            "text": st.get("text") or "", "event_local": st.get("event"),
            "evidence": st.get("evidence") or []})
    if statements:
        conn.execute(insert(StatementRow.__table__), statements)
    figures = [{"document_id": doc_id, "local_id": fg["id"], "key": figure_key(fg, doc_id),
                "value": float(fg["value"]), "unit": fg.get("unit") or "",
                "measure": fg.get("measure") or "other",
                "approximate": bool(fg.get("approximate")), "change": fg.get("change"),
                "parties": fg.get("parties") or [], "period": fg.get("period"),
                "evidence": fg.get("evidence") or []}
               for fg in record.get("figures") or []]
    if figures:
        conn.execute(insert(FigureRow.__table__), figures)
    s.flush()


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def figure_key(fg: dict[str, Any], doc_id: str) -> str:
    """Figures about the same parties, measure, unit and period are one fact across reports;
    a figure without parties or period stays its document's own."""
    period = fg.get("period") or {}
    parties = sorted(fg.get("parties") or [])
    if not parties or not (period.get("start") or period.get("end")):
        return _key("doc", doc_id, fg["id"])
    return _key(fg.get("measure") or "other", fg.get("unit") or "", fg.get("change") or "",
                ",".join(parties), period.get("start") or "", period.get("end") or "")


def _remove_facts(s: Session, doc_id: str) -> None:
    events = set(s.scalars(select(DocEventRow.event_id).where(
        DocEventRow.document_id == doc_id, DocEventRow.event_id.is_not(None))))
    entities = set(s.scalars(select(DocEntityRow.entity_id).where(
        DocEntityRow.document_id == doc_id, DocEntityRow.entity_id.is_not(None))))
    for table in (StatementRow, FigureRow, DocEventRow, DocEntityRow):
        s.execute(delete(table).where(table.document_id == doc_id))  # type: ignore[attr-defined]
    s.flush()
    for event_id in sorted(events):
        link.refresh_event(s.connection(), event_id)
    for entity_id in sorted(entities):
        link.refresh_entity(s, entity_id)
    s.flush()
