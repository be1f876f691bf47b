"""Walk the inputs a user names: files, directories (recursively), ``-`` for stdin."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

from diplograph.ingest import Failure, InputKind, RawInput

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAX_BYTES = 64 * 1024 * 1024


def kind_of(name: str, data: bytes) -> InputKind:
    low = name.lower().removesuffix(".gz")
    if any(low.endswith(s) for s in HTML_SUFFIXES):
        return "html"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def iter_inputs(args: Iterable[str]) -> Iterator[RawInput | Failure]:
    for arg in args:
        if arg == "-":
            data = sys.stdin.buffer.read()
            yield RawInput("-", data, kind_of("-", data))
            continue
        if os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs.sort()
                for f in sorted(files):
                    low = f.lower().removesuffix(".gz")
                    if any(low.endswith(s) for s in TEXT_SUFFIXES | HTML_SUFFIXES):
                        yield _read(os.path.join(root, f))
            continue
        yield _read(arg)


def _read(path: str) -> RawInput | Failure:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Failure(path, "[E107] no such file or directory")
    except OSError as err:
        return Failure(path, f"[E104] cannot read: {err.strerror or err}")
    if path.lower().endswith(".gz"):
        import gzip

        try:
            data = gzip.decompress(data)
        except OSError as err:
            return Failure(path, f"[E104] cannot read: bad gzip data ({err})")
    return RawInput(path, data, kind_of(path, data))
