"""Ingest: encodings detected (not assumed), compressed input, stdin, size caps, directory walks."""
from __future__ import annotations

import codecs
import gzip
import io
import os
from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.ingest import Failure, RawInput, sources
from diplograph.ingest.encoding import decode
from diplograph.ingest.reader import load

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ENGLISH = (FIXTURES / "wire-report.txt").read_text("utf-8").replace("\u0420", "P")
RUSSIAN = ("Заместитель министра иностранных дел Казахстана встретился с делегацией Европейского "
           "союза в Астане. Стороны обсудили торговлю, транспорт и водную безопасность.\n")
WESTERN = "Café talks in Zürich: naïve hopes, déjà vu — the ministers’ “new” agenda.\n"


@pytest.mark.parametrize("text, data, enc", [
    (ENGLISH, ENGLISH.encode("utf-8"), "utf-8"),
    (ENGLISH, codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "utf-8"),
    (ENGLISH, codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), "utf-16-le"),
    (ENGLISH, codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), "utf-16-be"),
    (ENGLISH, ENGLISH.encode("utf-16-le"), "utf-16-le"),
    (ENGLISH, ENGLISH.encode("utf-16-be"), "utf-16-be"),
    (RUSSIAN, RUSSIAN.encode("utf-16-le"), "utf-16-le"),
    (RUSSIAN, RUSSIAN.encode("utf-16-be"), "utf-16-be"),
    (RUSSIAN, codecs.BOM_UTF32_LE + RUSSIAN.encode("utf-32-le"), "utf-32-le"),
    (RUSSIAN, RUSSIAN.encode("utf-32-be"), "utf-32-be"),
    (ENGLISH, ENGLISH.encode("utf-32-le"), "utf-32-le"),
    (RUSSIAN, RUSSIAN.encode("cp1251"), "cp1251"),
    (WESTERN, WESTERN.encode("cp1252"), "cp1252"),
    (WESTERN.replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"'),
     WESTERN.replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"').encode("latin-1"),
     "cp1252"),
])
def test_encodings_detected(text: str, data: bytes, enc: str) -> None:
    got, used = decode(data)
    assert got == text
    assert used.replace("_", "-") == enc


def test_utf8_preferred_when_valid() -> None:
    # Valid UTF-8 Cyrillic is also "valid" cp1252 mojibake; UTF-8 must win without guessing.
    assert decode(RUSSIAN.encode("utf-8")) == (RUSSIAN, "utf-8")


@pytest.mark.parametrize("data, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (bytes(range(256)) * 8, "NUL"),
])
def test_binary_is_E102(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data)
    assert err.value.code == "E102"
    assert what in str(err.value)


def test_undecodable_is_E103() -> None:
    with pytest.raises(InputError) as err:
        decode(bytes(range(0x80, 0x100)) * 20)
    assert err.value.code == "E103"
    with pytest.raises(InputError) as err:  # a BOM that lies
        decode(codecs.BOM_UTF8 + b"abc \xff\xfe\xfd def")
    assert err.value.code == "E103"


def test_empty_is_E101() -> None:
    for data in (b"", b"  \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")):
        with pytest.raises(InputError) as err:
            load(RawInput("e.txt", data, "text"))
        assert err.value.code == "E101"


def test_gzip_input(tmp_path: Path) -> None:
    path = tmp_path / "report.txt.gz"
    path.write_bytes(gzip.compress(ENGLISH.encode("utf-16")))
    raw = sources.read_path(str(path))
    assert isinstance(raw, RawInput) and raw.kind == "text"
    assert load(raw).text == ENGLISH
    html = tmp_path / "page.html.gz"
    html.write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    raw = sources.read_path(str(html))
    assert isinstance(raw, RawInput) and raw.kind == "html"


def test_bad_gzip_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt.gz"
    path.write_bytes(gzip.compress(ENGLISH.encode())[:40])
    out = sources.read_path(str(path))
    assert isinstance(out, Failure) and "[E104]" in out.reason


def test_gzip_bomb_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 1 << 20)
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (4 << 20)))
    out = sources.read_path(str(path))
    assert isinstance(out, Failure) and "[E106]" in out.reason


def test_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        line = b"The ministers met again and again in Astana to discuss water.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    out = sources.read_path(str(path))
    assert isinstance(out, Failure)
    assert "[E106]" in out.reason and str(path.stat().st_size) in out.reason


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(ENGLISH.encode("utf-8"))

    monkeypatch.setattr("sys.stdin", Stdin())
    (raw,) = list(sources.iter_inputs(["-"]))
    assert isinstance(raw, RawInput) and raw.name == "-"
    assert load(raw).text == ENGLISH


def test_missing_and_unreadable(tmp_path: Path) -> None:
    out = sources.read_path(str(tmp_path / "nope.txt"))
    assert isinstance(out, Failure) and out.reason.startswith("[E107]")
    out = sources.read_path(str(tmp_path))
    assert isinstance(out, Failure) and out.reason.startswith("[E104]")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ENGLISH)
    path.chmod(0)
    out = sources.read_path(str(path))
    assert isinstance(out, Failure) and out.reason.startswith("[E104]")


def test_directory_walk_keeps_order_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b" / "c.html").write_bytes((FIXTURES / "article.html").read_bytes())
    (tmp_path / "b" / "d.txt.gz").write_bytes(gzip.compress(b"x"))
    (tmp_path / "notes.json").write_text("{}")  # not a report suffix: not read
    names = [Path(x.name).name for x in sources.iter_inputs([str(tmp_path)])]
    assert names == ["a.txt", "c.html", "d.txt.gz"]
