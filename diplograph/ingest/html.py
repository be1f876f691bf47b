"""HTML pages: the main text and its metadata through trafilatura, bounded in time.

Settings were chosen on the article-extraction benchmark (181 real pages with ground-truth
bodies, tests/test_html.py): mean token F1 0.9587 with trafilatura's defaults, 0.9651 with
``favor_precision`` (kept), 0.9548 without tables, 0.9460 in ``fast`` mode; 0.9671 after
normalisation (boilerplate lines removed).
"""
from __future__ import annotations

import functools
import re
import signal
import threading
from collections.abc import Iterator
from configparser import ConfigParser
from contextlib import contextmanager
from types import FrameType
from typing import Any

from diplograph.errors import InputError
from diplograph.ingest import Ingested

# Seconds one page may take. The benchmark's slowest page took 2.7-4 s on a busy 2-core
# machine (mean 0.06 s); five times that is a page trafilatura will not finish sensibly, and
# the batch must go on.
TIMEOUT_S = 20
# Fewer words than this is a navigation page, an index or a paywall stub, not a report.
MIN_WORDS = 15
# trafilatura's own cap on the number of elements it walks (bounds deeply nested pages).
MAX_TREE_SIZE = 100_000

_WORD = re.compile(r"\w+")
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset=...>``), if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


@functools.lru_cache(maxsize=1)
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # the deadline below is ours
    return config


class _Timeout(Exception):
    pass


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """SIGALRM-based deadline; a no-op off the main thread or where signals are missing."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def extract(name: str, html: str, url: str | None = None) -> Ingested:
    """Main text and metadata of a page; raises ``InputError`` E105 when it holds no article."""
    import trafilatura

    try:
        with _deadline(TIMEOUT_S):
            doc: Any = trafilatura.bare_extraction(
                html, url=url, favor_precision=True, include_comments=False,
                include_tables=True, with_metadata=True, config=_config(),
                date_extraction_params={"extensive_search": False, "original_date": True})
    except _Timeout:
        raise InputError.of("E108", detail=f"HTML extraction took over {TIMEOUT_S} s") from None
    except (ValueError, TypeError, AttributeError) as err:  # trafilatura on malformed markup
        raise InputError.of("E108", detail=f"HTML not parsable ({type(err).__name__})") from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(_WORD.findall(text[:10_000])) < MIN_WORDS:
        raise InputError.of("E105")
    date = getattr(doc, "date", None)
    return Ingested(
        name, text, "html",
        title=_clean(getattr(doc, "title", None)),
        source=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)) or url,
        published=date if date and _ISO_DATE.fullmatch(date) else None,
    )


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None
