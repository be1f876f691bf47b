"""Expand what the user names into raw inputs: files and directories (as ``extract`` reads
them), web pages by URL, RSS/Atom feeds (each item's page fetched) and WARC files.

The network is reached through one seam, ``Transport`` (a callable: URL, timeout →
``Response``); the default uses urllib with a timeout and a size cap, tests plug in their
own or serve fixtures from 127.0.0.1. Nothing here raises for a bad input: it becomes a
``Failure`` with a one-line coded reason and the batch goes on. Inputs already stored
(``known(url)``) become ``Skipped`` before any page is fetched.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from diplograph import __version__
from diplograph.errors import InputError
from diplograph.ingest import Failure, RawInput
from diplograph.ingest.sources import MAX_BYTES, iter_inputs, kind_of

TIMEOUT_S = 20.0
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
WARC_SUFFIXES = (".warc", ".warc.gz")
_FEED_TYPES = ("rss", "atom", "xml", "rdf")


@dataclass(slots=True)
class Response:
    url: str
    status: int
    content_type: str
    data: bytes


@dataclass(slots=True)
class Skipped:
    """An input not processed: already stored (``duplicate``) or not a report (``skipped``)."""

    name: str
    reason: str
    duplicate: bool = False


Item = RawInput | Failure | Skipped


class Transport(Protocol):
    def __call__(self, url: str, timeout: float) -> Response: ...


def urllib_transport(url: str, timeout: float) -> Response:
    req = urllib.request.Request(url, headers={"User-Agent": f"diplograph/{__version__}"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (http/https only)
        data = resp.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ValueError(f"response larger than {MAX_BYTES} bytes")
        return Response(resp.geturl(), resp.status, resp.headers.get("Content-Type", ""), data)


def is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def fetch(url: str, transport: Transport, timeout: float = TIMEOUT_S) -> Response | Failure:
    try:
        resp = transport(url, timeout)
    except urllib.error.HTTPError as err:
        return Failure(url, str(InputError.of("E201", url=url, detail=f"HTTP {err.code}")))
    except urllib.error.URLError as err:
        return Failure(url, str(InputError.of("E201", url=url, detail=str(err.reason))))
    except (OSError, ValueError) as err:
        return Failure(url, str(InputError.of("E201", url=url,
                                              detail=str(err) or type(err).__name__)))
    if resp.status >= 400:
        return Failure(url, str(InputError.of("E201", url=url, detail=f"HTTP {resp.status}")))
    return resp


def looks_like_feed(name: str, content_type: str, data: bytes) -> bool:
    ctype = content_type.split(";")[0].strip().lower()
    if any(t in ctype for t in _FEED_TYPES) and "html" not in ctype:
        return True
    if name.lower().split("?")[0].endswith(FEED_SUFFIXES):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


def feed_links(name: str, data: bytes) -> list[str] | Failure:
    """Item links of an RSS/Atom feed in feed order (repeats kept: they count as duplicates)."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        why = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or \
            str(parsed.get("bozo_exception") or "no RSS or Atom items")
        return Failure(name, str(InputError.of("E202", detail=why.splitlines()[0])))
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link") or next((li.get("href") for li in entry.get("links", [])
                                          if li.get("href")), None)
        if link:
            links.append(link)
    return links


def warc_items(path: str) -> Iterator[Item]:
    """HTML responses of a WARC file; other records are skipped with their reason."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
            if head[:2] == b"\x1f\x8b":
                import gzip

                with gzip.open(path, "rb") as gz:
                    head = gz.read(64)
            if not head.startswith(b"WARC/"):
                yield Failure(path, str(InputError.of("E108", detail="not a WARC file")))
                return
            fh.seek(0)
            for rec in ArchiveIterator(fh):
                if rec.rec_type not in ("response", "resource"):
                    continue
                uri = rec.rec_headers.get_header("WARC-Target-URI") or path
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers
                         else rec.rec_headers.get_header("Content-Type")) or ""
                data = rec.content_stream().read(MAX_BYTES + 1)
                status = int(rec.http_headers.get_statuscode() or 200) if rec.http_headers \
                    else 200
                if status >= 400:
                    yield Skipped(uri, str(InputError.of("E203", detail=f"HTTP {status}")))
                elif "html" not in ctype.lower() and kind_of(uri, data) != "html":
                    yield Skipped(uri, str(InputError.of(
                        "E203", detail=f"not HTML ({ctype.split(';')[0] or 'no type'})")))
                else:
                    yield RawInput(uri, data, "html", url=uri)
    except FileNotFoundError:
        yield Failure(path, "[E107] no such file or directory")
    except (ArchiveLoadFailed, OSError, ValueError) as err:
        yield Failure(path, str(InputError.of("E108", detail=f"bad WARC file ({err})")))


def iter_sources(args: Iterable[str], transport: Transport | None = None,
                 known: Callable[[str], bool] | None = None,
                 timeout: float = TIMEOUT_S) -> Iterator[Item]:
    """One item per report named by ``args`` (paths, directories, URLs, feeds, WARCs)."""
    transport = transport or urllib_transport
    seen: set[str] = set()

    def page(url: str) -> Iterator[Item]:
        if url in seen or (known is not None and known(url)):
            yield Skipped(url, "already stored (same URL)", duplicate=True)
            return
        seen.add(url)
        got = fetch(url, transport, timeout)
        if isinstance(got, Failure):
            yield got
        else:
            yield RawInput(url, got.data, kind_of(url, got.data), url=url)

    for arg in args:
        if is_url(arg):
            if arg in seen or (known is not None and known(arg)):  # feeds are never stored
                yield Skipped(arg, "already stored (same URL)", duplicate=True)
                continue
            got = fetch(arg, transport, timeout)
            if isinstance(got, Failure):
                yield got
            elif looks_like_feed(arg, got.content_type, got.data):
                yield from _feed(arg, got.data, page)
            else:
                seen.add(arg)
                yield RawInput(arg, got.data, kind_of(arg, got.data), url=arg)
        elif arg.lower().endswith(WARC_SUFFIXES):
            yield from warc_items(arg)
        elif arg.lower().endswith(FEED_SUFFIXES):
            yield from _local_feed(arg, page)
        else:
            yield from iter_inputs([arg])


def _feed(name: str, data: bytes, page: Callable[[str], Iterator[Item]]) -> Iterator[Item]:
    links = feed_links(name, data)
    if isinstance(links, Failure):
        yield links
        return
    for link in links:
        yield from page(link)


def _local_feed(path: str, page: Callable[[str], Iterator[Item]]) -> Iterator[Item]:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        yield Failure(path, "[E107] no such file or directory")
        return
    except OSError as err:
        yield Failure(path, f"[E104] cannot read: {err.strerror or err}")
        return
    yield from _feed(path, data, page)
