"""Bad input through the real command line: one line per failure naming the file and the
reason, the other inputs still processed, exit 1 when some failed, never a traceback."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_shared

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "diplograph", "extract", *args],
                          input=stdin, capture_output=True, timeout=300)


def _records(out: bytes) -> list[dict]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("mixed")
    (d / "a-good.txt").write_bytes((FIXTURES / "wire-report.txt").read_bytes())
    (d / "b-empty.txt").write_bytes(b"")
    (d / "c-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (d / "d-scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (d / "e-undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 10)
    (d / "f-no-article.html").write_bytes((FIXTURES / "no-article.html").read_bytes())
    (d / "g-page.html.gz").write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    (d / "h-broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    rows = require_shared("data", "news-ru", "articles.jsonl").read_text("utf-8").splitlines()
    (d / "i-russian.txt").write_text(json.loads(rows[0])["text"], encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def mixed_run(mixed_dir: Path) -> subprocess.CompletedProcess[bytes]:
    return _run(str(mixed_dir), str(mixed_dir / "missing.txt"), "--format", "jsonl")


def test_mixed_directory_exit_status_and_records(mixed_run: subprocess.CompletedProcess[bytes]) -> None:
    assert mixed_run.returncode == 1
    recs = _records(mixed_run.stdout)
    assert [r["document"]["language"] for r in recs] == ["en", "en", "ru"]
    good, page, russian = recs
    assert good["document"]["dateline"] == "Bishkek"
    assert page["document"]["title"] == "EU and Uzbekistan sign connectivity memorandum"
    assert russian["entities"] == [] and russian["events"] == []


def test_mixed_directory_one_line_per_failure(mixed_run: subprocess.CompletedProcess[bytes],
                                              mixed_dir: Path) -> None:
    err = mixed_run.stderr.decode("utf-8")
    assert "Traceback" not in err
    expected = {
        "b-empty.txt": "[E101]", "c-image.txt": "[E102]", "d-scan.txt": "[E102]",
        "e-undecodable.txt": "[E103]", "f-no-article.html": "[E105]",
        "h-broken.txt.gz": "[E104]", "missing.txt": "[E107]",
    }
    lines = err.splitlines()
    for name, code in expected.items():
        hits = [ln for ln in lines if name in ln]
        assert len(hits) == 1, (name, lines)
        assert code in hits[0] and hits[0].startswith("diplograph: ")
    warned = [ln for ln in lines if "i-russian.txt" in ln]
    assert len(warned) == 1 and "warning" in warned[0] and "'ru'" in warned[0]
    assert len(lines) == len(expected) + 1


def test_all_good_exits_0_and_stdin_works() -> None:
    res = _run("-", "--format", "json", stdin=(FIXTURES / "wire-report.txt").read_bytes())
    assert res.returncode == 0, res.stderr
    assert b"Traceback" not in res.stderr
    rec = json.loads(res.stdout)
    assert rec["document"]["source"] == "AKIpress"


def test_50_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.write(b"The ministers met in Astana to discuss water and energy. " * (50 * 1024 * 1024 // 57 + 1))
    res = _run(str(path))
    assert res.returncode == 1
    err = res.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.strip() == err.strip().splitlines()[0] and "huge.txt" in err and "[E106]" in err


def test_usage_error_exits_2() -> None:
    res = _run("--format", "xml", str(FIXTURES / "wire-report.txt"))
    assert res.returncode == 2
    assert b"Traceback" not in res.stderr
