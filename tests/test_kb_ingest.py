"""Ingest job: files, pages by URL, feeds and WARCs from a local HTTP server (127.0.0.1 only),
faults reported on one line while the batch continues, idempotent reruns, and a kill in the
middle of an ingest leaving a consistent database that the next run completes."""
from __future__ import annotations

import functools
import http.server
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.kb import query
from diplograph.kb.db import open_db
from diplograph.kb.ingest import ingest
from tests.fixtures.kb.light import LightExtractor
from tests.fixtures.kb.support import ROOT, fresh_db

SITE = Path(__file__).resolve().parent / "fixtures" / "kb" / "site"
EXAMPLES = ROOT / "examples"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, directory=str(SITE), **kw)

    def do_GET(self) -> None:  # noqa: N802
        path = SITE / self.path.lstrip("/")
        if path.suffix == ".rss" and path.is_file():
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            body = path.read_text().replace("{base}", base).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *a: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def light() -> LightExtractor:
    return LightExtractor()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):
    yield from fresh_db(request.param, tmp_path)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_feed_pages_duplicates_and_failures(db_url: str, server: str, light) -> None:
    err = io.StringIO()
    dead = f"http://127.0.0.1:{_free_port()}/nothing.html"
    args = [f"{server}/feed.rss", f"{server}/notafeed.rss", dead, f"{server}/hlpsd.html"]
    with open_db(db_url) as db:
        s = ingest(args, db, extractor=light, errors=err)
        assert (s.new, s.failed) == (2, 3), s.to_dict()
        # the repeated feed item and the page named again by URL are stored once
        assert s.duplicate == 2
        lines = err.getvalue().splitlines()
        assert len(lines) == 3 and all(x.startswith("diplograph: ") for x in lines)
        assert any("[E202]" in x and "notafeed" in x for x in lines)
        assert sum("[E201]" in x for x in lines) == 2  # missing feed item, dead server
        urls = {src["url"] for e in query.search(db, "Samarkand") for src in [e]}
        assert urls == {f"{server}/summit.html"}
        again = ingest([f"{server}/feed.rss"], db, extractor=light)
        assert (again.new, again.duplicate, again.failed) == (0, 3, 1)
        assert query.stats(db)["documents"] == 2


def test_warc_with_non_html_records(tmp_path: Path, light) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for uri, ctype, body, status in [
            ("http://example.org/a.html", "text/html; charset=utf-8",
             (SITE / "hlpsd.html").read_bytes(), "200 OK"),
            ("http://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\0\0", "200 OK"),
            ("http://example.org/data.json", "application/json", b'{"a": 1}', "200 OK"),
            ("http://example.org/gone.html", "text/html", b"<html>gone</html>", "404 Not Found"),
            ("http://example.org/b.html", "text/html", (SITE / "summit.html").read_bytes(),
             "200 OK"),
        ]:
            http_headers = StatusAndHeaders(status, [("Content-Type", ctype)],
                                            protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                http_headers=http_headers))
        w.write_record(w.create_warc_record("http://example.org/a.html", "request",
                                            payload=io.BytesIO(b"GET /a.html HTTP/1.1\r\n\r\n")))
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"this is not a WARC file\n" * 4)
    with open_db(f"sqlite:///{tmp_path / 'kb.db'}") as db:
        s = ingest([str(path), str(bad)], db, extractor=light)
        assert (s.new, s.skipped, s.failed) == (2, 3, 1), s.to_dict()
        assert "[E108]" in s.failures[0][1]
        hits = query.search(db, "Samarkand")
        assert [h["url"] for h in hits] == ["http://example.org/b.html"]


def test_files_idempotent_and_read_only_db(tmp_path: Path, light) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with open_db(url) as db:
        first = ingest([str(EXAMPLES), str(tmp_path / "missing.txt")], db, extractor=light)
        from diplograph.ingest.sources import iter_inputs

        n = sum(1 for _ in iter_inputs([str(EXAMPLES)]))
        assert (first.new, first.failed) == (n, 1)
        again = ingest([str(EXAMPLES)], db, extractor=light)
        assert (again.new, again.duplicate) == (0, n)
    with open_db(f"sqlite:///file:{tmp_path / 'kb.db'}?mode=ro&uri=true") as db:
        copy = tmp_path / "copy.txt"
        copy.write_text("A report that was never stored.\n\nIt says little.\n")
        ro = ingest([str(copy)], db, extractor=light)
        assert ro.failed == 1 and "[E302]" in ro.failures[0][1]
        assert query.stats(db)["documents"] == n


def test_kill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"r{i:02}.txt").write_text(
            f"Report {i}\n\nThe {i}th meeting of a working group took place in Astana. "
            f"Delegates discussed item {i} of the agenda and agreed to meet again.\n")
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    open_db(url).close()
    cmd = [sys.executable, "-m", "tests.fixtures.kb.light", "0.05", url, str(corpus)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    con = sqlite3.connect(tmp_path / "kb.db")
    deadline = time.time() + 120
    seen = 0
    while time.time() < deadline:  # a concurrent reader works during the ingest
        seen = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        if seen >= 5:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con.close()
    assert 5 <= seen < 40
    with open_db(url) as db:
        mid = query.stats(db)["documents"]
        assert mid < 40
        with db.session() as s:  # consistent: every stored document is fully indexed
            from sqlalchemy import text

            assert s.execute(text("SELECT count(*) FROM documents_fts")).scalar() == mid
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    out = subprocess.run([sys.executable, "-m", "tests.fixtures.kb.light", "0", url,
                          str(corpus)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    new, dup, failed = map(int, out.stdout.split())
    assert (new, dup, failed) == (40 - mid, mid, 0)
    with open_db(url) as db:
        assert query.stats(db)["documents"] == 40


def test_reprocess_replaces_without_duplicating(tmp_path: Path, light) -> None:
    from diplograph.kb.ingest import reprocess

    with open_db(f"sqlite:///{tmp_path / 'kb.db'}") as db:
        ingest([str(EXAMPLES)], db, extractor=light)
        before = query.stats(db)
        s = reprocess(db, extractor=light)
        assert (s.new, s.failed) == (before["documents"], 0)
        assert query.stats(db) == before
        assert len(query.search(db, "Samarkand")) == len(
            [p for p in EXAMPLES.iterdir() if "Samarkand" in p.read_text()])
