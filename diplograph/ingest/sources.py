"""Walk the inputs a user names: files, directories (recursively), ``-`` for stdin.

Every input becomes a ``RawInput`` or a ``Failure`` naming the reason; one bad file never
stops the batch. Reads are capped so that no input, compressed or not, can exhaust memory.
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from diplograph.errors import InputError
from diplograph.ingest import Failure, InputKind, RawInput

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FOLDER_DOCS = ("readme", "license", "licence", "changelog", "provenance")
_GZIP_MAGIC = b"\x1f\x8b"

# Largest input accepted, after decompression. The biggest page of the article-extraction
# benchmark (181 real news pages) is 1.49 MB of HTML and a long plain-text report is
# ~100 KB; 16 MiB leaves ten times headroom while a 50 MB "report" (a log, a dump, a book)
# is refused with E106 instead of being held in memory several times over by the parsers.
MAX_BYTES = 16 * 1024 * 1024


def kind_of(name: str, data: bytes) -> InputKind:
    low = name.lower().removesuffix(".gz")
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<") and (b"<html" in head or b"<body" in head):
        return "html"
    return "text"


def iter_inputs(args: Iterable[str]) -> Iterator[RawInput | Failure]:
    for arg in args:
        if arg == "-":
            yield _from_stream("-", sys.stdin.buffer)
            continue
        if os.path.isdir(arg):
            yield from _walk(arg)
            continue
        yield read_path(arg)


def _walk(top: str) -> Iterator[RawInput | Failure]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            low = f.lower().removesuffix(".gz")
            if low.startswith(FOLDER_DOCS) or f.startswith("."):
                continue  # a folder's own README or hidden files are not reports
            if low.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
                yield read_path(os.path.join(root, f))
    for err in errors:
        yield Failure(str(err.filename or top), str(InputError.of(
            "E104", detail=err.strerror or str(err))))


def read_path(path: str) -> RawInput | Failure:
    try:
        with open(path, "rb") as fh:
            return _from_stream(path, fh)
    except FileNotFoundError:
        return Failure(path, str(InputError.of("E107")))
    except IsADirectoryError:
        return Failure(path, str(InputError.of("E104", detail="is a directory")))
    except OSError as err:
        return Failure(path, str(InputError.of("E104", detail=err.strerror or str(err))))


def _from_stream(name: str, fh: BinaryIO) -> RawInput | Failure:
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _too_large(name, data, fh)
    if data.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(MAX_BYTES + 1)
        except (OSError, EOFError, zlib.error) as err:
            return Failure(name, str(InputError.of("E104", detail=f"bad gzip data ({err})")))
        if len(data) > MAX_BYTES:
            return Failure(name, str(InputError.of(
                "E106", size=f"over {MAX_BYTES}", limit=f"{MAX_BYTES} decompressed")))
    return RawInput(name, data, kind_of(name, data))


def _too_large(name: str, head: bytes, fh: BinaryIO) -> Failure:
    size: int | str
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError, io.UnsupportedOperation):
        size = 0
    if isinstance(size, int) and size <= MAX_BYTES:  # a pipe: its size is unknown
        size = f"over {MAX_BYTES}"
    return Failure(name, str(InputError.of("E106", size=size, limit=MAX_BYTES)))
