"""Bytes to text: sniff binary formats, honour byte-order marks, prefer UTF-8, detect the rest.

Order of decisions, cheapest first: a known binary signature is rejected (E102); a BOM names
its encoding; NUL bytes mean UTF-16/32 without BOM, or binary; valid UTF-8 is taken as
UTF-8; only then does charset-normalizer guess among the single-byte code pages news
reports actually come in. Nothing it cannot decode plausibly is forced through (E103).
"""
from __future__ import annotations

import codecs
import re
from collections import Counter

from diplograph.errors import InputError

# File signatures of the binary formats users most often point a text tool at by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (DOCX/ODT/XLSX?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"{\\rtf", "RTF document"),
)

# Checked longest first so that the UTF-32 LE mark is not read as UTF-16 LE.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The code pages charset-normalizer may choose from when UTF-8 fails. Left open, it picks
# exotic pages (cp1257, cp1250, shift_jis) for short Latin or Cyrillic texts; these four
# cover the Western and Cyrillic legacy encodings news sites and Windows editors produce.
_LEGACY = ["cp1252", "cp1251", "koi8_r", "latin_1"]

# Control characters other than tab/newline/carriage return/form feed: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Share of control characters above which decoded "text" is taken to be binary data;
# mojibake-free text has none, a corrupted line or two stays far below 1%.
_MAX_CONTROL_SHARE = 0.01
# How much of the input the binary sniffing and NUL-parity tests look at.
_SNIFF = 8192
# Share of UTF-16 high bytes taken by their two commonest values in one-alphabet text: a
# Russian or English report reaches 0.97-1.0; random binary data stays near 0.01.
_HIGH_BYTE_SHARE = 0.9


def binary_kind(data: bytes) -> str | None:
    """The binary format ``data`` starts with, or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None


def decode(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` for ``data``; raises ``InputError`` E102 (binary) or E103.

    ``hint`` is an encoding the container declares (an HTML ``<meta charset>``); it is
    tried when the bytes are not UTF-8, before guessing.
    """
    what = binary_kind(data)
    if what is not None:
        raise InputError.of("E102", detail=what)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], enc), enc
    head = data[:_SNIFF]
    if b"\x00" in head:
        enc = _nul_encoding(head)
        if enc is None:
            raise InputError.of("E102", detail="NUL bytes")
        return _checked(_strict(data, enc), enc), enc
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if hint is not None:
        try:
            codecs.lookup(hint)
            return _checked(data.decode(hint), hint), hint
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None or best.encoding is None:
        raise InputError.of("E103", detail="not UTF-8, UTF-16 or a known legacy code page")
    return _checked(str(best), best.encoding), best.encoding


def _nul_encoding(head: bytes) -> str | None:
    """UTF-16/32 without BOM put NUL bytes at fixed positions (ASCII spaces, digits, Latin)."""
    n = len(head) - len(head) % 4
    if n < 4:
        return None
    nul_at = [0, 0, 0, 0]
    for i in range(4):
        nul_at[i] = head[i:n:4].count(0)
    quarter = n // 4
    # UTF-32: the two high bytes of every code point below U+10000 are NUL.
    if nul_at[2] > 0.9 * quarter and nul_at[3] > 0.9 * quarter:
        return "utf-32-le"
    if nul_at[0] > 0.9 * quarter and nul_at[1] > 0.9 * quarter:
        return "utf-32-be"
    # UTF-16: the high bytes of an alphabet's characters take one or two values (0x00 for
    # ASCII spaces, digits and Latin; 0x04 for Cyrillic, 0x05 Armenian...), while the low
    # bytes vary; binary data shows no such split between even and odd positions.
    low_le, high_le = _top2_share(head[0:n:2]), _top2_share(head[1:n:2])
    if high_le > _HIGH_BYTE_SHARE and low_le < _HIGH_BYTE_SHARE and head[1:n:2].count(0):
        return "utf-16-le"
    if low_le > _HIGH_BYTE_SHARE and high_le < _HIGH_BYTE_SHARE and head[0:n:2].count(0):
        return "utf-16-be"
    return None


def _top2_share(data: bytes) -> float:
    if not data:
        return 0.0
    return sum(c for _, c in Counter(data).most_common(2)) / len(data)


def _strict(data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as err:
        raise InputError.of("E103", detail=f"invalid {enc} at byte {err.start}") from None


def _checked(text: str, enc: str) -> str:
    sample = text[:_SNIFF]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError.of("E102", detail=f"control characters in {enc} text")
    return text
