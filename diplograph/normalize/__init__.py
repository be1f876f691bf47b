"""Normalize: from decoded text to the final ``Document`` whose ``text`` every span indexes.

Steps, each its own module: Unicode and whitespace repair (``text``), mixed-script words
(``homoglyphs``), page furniture (``boilerplate``), the publication stamp (``pubdate``), the
headline (``title``), the dateline (``dateline``, outlet names through ``source``) and the
language (``language``). Nothing after this function changes ``text``.
"""
from __future__ import annotations

from diplograph.errors import InputError
from diplograph.ingest import Ingested
from diplograph.model import Document
from diplograph.normalize import boilerplate, dateline, homoglyphs, language, pubdate, title
from diplograph.normalize.source import canonical_source, credited
from diplograph.normalize.text import fix

# Longest text kept, in characters: spaCy's default max_length, which the pipeline also cuts
# annotation at. A report is a few thousand characters; beyond this the input is a dump,
# and keeping the rest would only slow every step after this one.
MAX_CHARS = 1_000_000


def normalize(ing: Ingested) -> Document:
    warnings = list(ing.warnings)
    text = ing.text
    if len(text) > MAX_CHARS:
        text = _truncate(text)
        warnings.append(f"text cut to its first {len(text)} characters (limit {MAX_CHARS})")
    text = homoglyphs.repair(fix(text))
    text, _ = boilerplate.strip(text)
    text, stamped = pubdate.take(text)
    head = homoglyphs.repair(fix(title.strip_site(ing.title, ing.source))) if ing.title else None
    if ing.kind == "text" and head is None:
        head, text = _split_title(text)
    else:
        text = title.drop_repeated(head, text)
    if not text:
        raise InputError.of("E108", detail="no report text left after removing page furniture")
    dl = dateline.parse(text)
    source = canonical_source(ing.source) if ing.source else None
    lang = language.detect(text)
    if lang != "en":
        warnings.append(f"language is {lang!r}, not English: no facts extracted")
    return Document(
        text=text, title=head or None,
        source=source or (dl.source if dl else None) or credited(text),
        url=ing.url,
        dateline=dl.place if dl else None,
        published=ing.published or stamped or (dl.published if dl else None),
        language=lang, warnings=warnings)


def _split_title(text: str) -> tuple[str | None, str]:
    head, body = title.split(text)
    if head is not None:
        dl = dateline.parse(text)
        if dl is not None and "\n" in text[:dl.end]:  # a dateline on a line of its own
            return None, text
    return head, body


def _truncate(text: str) -> str:
    """First ``MAX_CHARS`` characters, ending at a paragraph break when one is near."""
    cut = text[:MAX_CHARS]
    para = cut.rfind("\n\n", MAX_CHARS // 2)
    return cut[:para] if para > 0 else cut
