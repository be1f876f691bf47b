"""Normalize: from decoded text to the final ``Document`` whose ``text`` every span indexes.

Steps, each its own module: Unicode and whitespace repair (``text``), mixed-script words
(``homoglyphs``), page furniture (``boilerplate``), the publication stamp (``pubdate``), the
author line (``byline``), the headline (``title``), the dateline (``dateline``, outlet names
through ``source``) and the language (``language``). Nothing after this function changes
``text``.

The source is the first of: the page's metadata, the dateline's credit, an issuer line
("EEAS Press Release", "contact the OSCE Press Office"), an outlet in the page title's site
part, the lead's closing credit after a dateline ("..., Trend reports."), an agency's
self-credit in the lead. Never the author of a byline.
"""
from __future__ import annotations

from diplograph.errors import InputError
from diplograph.ingest import Ingested
from diplograph.model import Document
from diplograph.normalize import boilerplate, byline, dateline, homoglyphs, language, pubdate, title
from diplograph.normalize.source import canonical_source, credited, from_file_name, lead_credit
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
    cleaned = boilerplate.clean(text)
    text, stamped = pubdate.take(cleaned.text)
    signed_at = byline.place(text, titled=ing.title is not None)
    text, signed = byline.take(text, titled=ing.title is not None)
    head, site = None, None
    if ing.title:
        head, site = title.clean(homoglyphs.repair(fix(ing.title)), ing.source)
    if ing.kind == "text" and head is None:
        head, text = _split_title(text)
        if head is not None:
            head, site = title.clean(head, None)
    else:
        text = title.drop_repeated(head, text, ing.source)
    if not text:
        raise InputError.of("E108", detail="no report text left after removing page furniture")
    dl = dateline.parse(text)
    lang = language.detect(text)
    if lang != "en":
        warnings.append(f"language is {lang!r}, not English: no facts extracted")
    return Document(
        text=text, title=head or None,
        source=_source(ing, text, dl, cleaned.issuer, site),
        url=ing.url,
        dateline=dl.place if dl else dateline.standalone(text) or signed_at,
        published=ing.published or stamped or (dl.published if dl else None) or signed,
        language=lang, warnings=warnings)


def _source(ing: Ingested, text: str, dl: dateline.Dateline | None, issuer: str | None,
            site: str | None) -> str | None:
    if ing.source:
        return canonical_source(ing.source)
    if dl is not None and dl.source:
        return dl.source
    line_end = text.find("\n")
    issuer = issuer or (boilerplate.issuer(text[dl.end:line_end if line_end >= 0 else None])
                        if dl is not None else None)
    if issuer:
        return canonical_source(issuer)
    if site:
        return site
    if dl is not None and (lead := lead_credit(text, dl.end)):
        return lead
    return credited(text) or (from_file_name(ing.name) if ing.name != "-" else None)


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
