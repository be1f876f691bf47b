"""Errors that reach the user as one line: ``diplograph: FILE: [E103] reason``.

Exception tree::

    DiplographError            base; carries a code and a one-line message
    ├── InputError             a file, URL or stream could not be read or is not a report
    ├── UsageError             the command line itself is wrong (exit status 2)
    └── StoreError             the database cannot be opened, migrated or written

Codes are stable so that scripts and issue reports can quote them.
"""
from __future__ import annotations


class Errors:
    E101 = "file is empty"
    E102 = "file is binary, not text or HTML ({detail})"
    E103 = "cannot decode text: {detail}"
    E104 = "cannot read: {detail}"
    E105 = "no article text found in HTML"
    E106 = "file too large ({size} bytes; limit {limit})"
    E107 = "no such file or directory"
    E108 = "unsupported input: {detail}"
    E201 = "cannot fetch {url}: {detail}"
    E202 = "not a feed: {detail}"
    E203 = "WARC record skipped: {detail}"
    E301 = "database error: {detail}"
    E302 = "database is read-only or locked: {detail}"
    E303 = "database schema is newer than this diplograph ({detail})"
    E401 = "invalid gold record: {detail}"


class DiplographError(Exception):
    """Base of all errors diplograph reports; ``str(err)`` is the one-line message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


def _make(cls: type[DiplographError], code: str, **kw: object) -> DiplographError:
    template: str = getattr(Errors, code)
    return cls(code, template.format(**kw))


class InputError(DiplographError):
    @classmethod
    def of(cls, code: str, **kw: object) -> "InputError":
        return _make(cls, code, **kw)  # type: ignore[return-value]


class UsageError(DiplographError):
    pass


class StoreError(DiplographError):
    @classmethod
    def of(cls, code: str, **kw: object) -> "StoreError":
        return _make(cls, code, **kw)  # type: ignore[return-value]
