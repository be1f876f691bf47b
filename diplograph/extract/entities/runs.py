"""Names the gazetteer does not know, found as runs of capitalised words and typed by a head.

- a run ending in a body's head word is an organization ("OSCE Transnational Threats
  Department", "Federal Ministry for Economic Affairs and Climate Action"), one ending in a
  geographic head a region ("South China Sea", "Shaanxi Province");
- a run followed by a lower-case head takes it along: "Zhambyl region" (region),
  "Yntymak Ordo residence" (place), "Chevening scholarship programme" (initiative),
  "China-Kyrgyzstan-Uzbekistan railway" (a link between named countries);
- a run holding a programme word is an initiative ("EU Strategy on Central Asia",
  "Declaration on Allied Relations"), and so is a quoted capitalised name with one.
Runs break at sentence starts and persons; leading prepositions, adverbs and title words
("Through", "State Secretary of the") are not part of a name.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.extract.entities.lexicon import Lexicon, lexicon
from diplograph.knowledge import gazetteer as gz

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(slots=True)
class Run:
    start: int
    end: int
    kind: str  # organization | region | place | initiative | event
    name: str
    country: str | None = None
    bare: tuple[int, int] | None = None   # the name without its lower-case head
    absorbs: bool = False                 # known names inside are not mentions of their own


# connectors inside a body's or a region's name; "in" only joins programme names
_ORG_CONNECTORS = frozenset({"of", "for", "on", "and", "&", "the", "de"})
_FUNCTION_POS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "PART", "INTJ"})
_LEAD_POS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "VERB", "AUX", "PART", "INTJ"})
_QUOTED = re.compile(r"[«“\"]([A-Z][^«»“”\"\n]{2,80})[»”\"]")
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_QUALIFIERS = frozenset({"of", "for", "on"})
_MAX_NAME_TOKENS = 14
_MAX_LOWER = 3
# a name before a lower-case head has a few words ("Yntymak Ordo", "Kambarata-1"); a link
# names its stops ("Termez – Mazar-i-Sharif – Kabul – Peshawar railway")
_MAX_HEADED_TOKENS = 5
_MAX_LINK_TOKENS = 16
_SPACED_PARTS = re.compile(r"\s+[-–—‒―]\s+")
_PARTS = re.compile(r"\s*[-–—‒―]\s*")  # lower-case words in a head such as "scholarship programme"


def _capital(tok: "Token") -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or (t[0].isdigit() and any(c.isalpha() for c in t)))


_DASHES = frozenset({"-", "–", "—", "‒", "―"})


def _glued(doc: "Doc", i: int) -> bool:
    """Token ``i`` is written against the one before it ("Kambarata-1", "China–Kyrgyzstan")."""
    return i > 0 and doc[i - 1].whitespace_ == "" and not doc[i].is_space \
        and (doc[i].text in _DASHES or doc[i - 1].text in _DASHES)


def _modifier_tail(doc: "Doc", i: int, j: int) -> int:
    """Where a name continued over a connector really ends: the words after the last connector
    are not part of it when they modify what follows ("Bank of China for Kazakh exporters",
    "Middle Corridor between Kazakhstan's ports") or are a dash-joined chain of party names
    that heads a name of its own ("Steering Committee of the Turkmenistan–Afghanistan–
    Pakistan–India gas pipeline"). Returns ``j`` when the run stands whole."""
    k = j - 1
    while k > i and (_capital(doc[k]) or _glued(doc, k) or _glued(doc, k + 1)):
        k -= 1
    if k <= i or _capital(doc[k]):
        return j
    cut = k
    while cut > i and not _capital(doc[cut - 1]):
        cut -= 1  # "of the": every connector goes with the tail
    if cut <= i:
        return j
    tail = doc[k + 1:j].text
    nxt = doc[j] if j < len(doc) else None
    possessed = nxt is not None and nxt.tag_ == "POS" and doc[k].lower_ != "of"
    described = nxt is not None and nxt.text[:1].islower() and nxt.is_alpha \
        and gz.demonym(tail) is not None
    chained = any(_glued(doc, m) for m in range(k + 2, j)) \
        and all(gz.party_code(p) for p in _PARTS.split(tail) if p)
    return cut if possessed or described or chained else j


def _spaced_dash(doc: "Doc", j: int, floor: int) -> bool:
    """"North – South corridor", "EU – Central Asia": a dash spaced on both sides between two
    capitalised words joins them like a hyphen; the dateline's dash (before ``floor``) does
    not."""
    t = doc[j]
    return t.text in _DASHES and t.idx >= floor and bool(t.whitespace_) \
        and bool(doc[j - 1].whitespace_) and j + 1 < len(doc) and _capital(doc[j + 1]) \
        and not doc[j + 1].is_sent_start


def _runs(doc: "Doc", connectors: frozenset[str], floor: int = 0) -> list[tuple[int, int]]:
    """Maximal token ranges [i, j) of capitalised words joined by connectors or hyphens."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    geo = lexicon().lower_geo_heads
    while i < n:
        # (the NER reads an unknown district as a person: "Batken districts")
        if not _capital(doc[i]) or doc[i].ent_type_ == "PERSON" and not (
                i + 1 < n and doc[i + 1].lemma_.lower() in geo):
            i += 1
            continue
        last = i
        j = i + 1
        dashed = False
        while j < n:
            t = doc[j]
            if dashed:
                # the NER often reads the far end of "Dushanbe – Bokhtar" as a person
                last, dashed = j, False
                j += 1
                continue
            if t.is_space or t.is_sent_start or (t.ent_type_ == "PERSON" and t.ent_iob_ == "B"):
                break
            if t.lower_ in ("and", "&") and j + 1 < n and doc[j + 1].lower_ == "the":
                break  # "... Forestry and the Ministry of ...": two names
            if t.ent_type_ in _NOT_NAMES and not _glued(doc, j):
                break  # "South China Sea on Monday"
            if _glued(doc, j) or _capital(t) and t.ent_type_ != "PERSON":
                last = j
            elif _spaced_dash(doc, j, floor):
                dashed = True
            elif not (t.lower_ in connectors and j + 1 < n and doc[j + 1].text[:1].isalpha()):
                break
            j += 1
        end = _modifier_tail(doc, i, last + 1)
        out.append((i, end))
        i = end
    return out


def _trim_left(doc: "Doc", i: int, j: int, lex: Lexicon) -> int:
    """Skip what opens a run without naming anything: "The", "Through", "State Secretary of"."""
    while i < j:
        t = doc[i]
        # names do not open with a preposition or adverb ("Through Global Gateway, ...")
        if t.lower_ == "the" or (t.pos_ in _FUNCTION_POS or t.is_sent_start
                                 and (t.pos_ in _LEAD_POS or t.tag_ in ("NN", "NNS"))) \
                and not _known(t.text):
            i += 1
            continue
        # a title before "of": the holder's office, not the body's name
        k = i
        while k < j and (doc[k].lower_ in lex.title_heads or doc[k].lower_ in lex.title_modifiers
                         or doc[k].text in lex.honorifics):
            k += 1
        if k == i or k == j or doc[k].lower_ not in ("of", "for", "at"):
            break
        while k < j and doc[k].lower_ in _ORG_CONNECTORS:
            k += 1
        i = k
    return i


def _known(text: str) -> bool:
    return gz.lookup(gz.fold(text)) is not None


def _after_and(doc: "Doc", i: int, j: int) -> int:
    """"the EU and the OSCE Border Management Staff College": the name starts after "and"
    when what precedes it is already a name of its own."""
    for k in range(j - 1, i, -1):
        if doc[k].lower_ in ("and", "&"):
            left = doc[i:k].text
            if _known(left) or gz.ministry(left) is not None:
                return k + 1
    return i


def _before_and(doc: "Doc", head: int, j: int, lex: Lexicon) -> int:
    """"the Akimat of Almaty and Team Europe partners": the name ends before "and" when what
    follows is a name of its own or a label."""
    for k in range(head + 1, j - 1):
        if doc[k].lower_ in ("and", "&"):
            right = doc[k + 1:j].text
            if _known(right) or gz.ministry(right) is not None or gz.fold(right) in lex.generic:
                return k
    return j


def _span(doc: "Doc", i: int, j: int) -> tuple[int, int]:
    last = doc[j - 1]
    end = last.idx + len(last.text)
    # "Corridor X." closing a sentence: the tokenizer kept the full stop on the numeral
    if j - i > 1 and last.text.endswith(".") and last.text.count(".") == 1 and len(last.text) > 1 \
            and (j == len(doc) or doc[j].is_sent_start or doc[j].is_space):
        end -= 1
    return doc[i].idx, end


def _descriptive(doc: "Doc", i: int, head: int, lex: Lexicon) -> bool:
    """"the EU Delegation", "the Kazakh side": a party's name before a noun that only
    describes it."""
    return doc[head].lower_ in lex.descriptive_heads and head > i \
        and gz.party_code(doc[i:head].text) is not None


def _country_before(doc: "Doc", i: int) -> str | None:
    """"northwest China's Shaanxi Province": the possessive right before the name."""
    if i >= 2 and doc[i - 1].tag_ == "POS":
        c = gz.country(doc[i - 2].text)
        return c.code if c else None
    return None


def _body_country(doc: "Doc", i: int, j: int) -> str | None:
    """"Kazakh Agency for ...", "Ministry of Water Resources of Kazakhstan"."""
    c = gz.country(doc[i].text)
    if c is None and j - i >= 3 and doc[j - 2].lower_ == "of":
        c = gz.country(doc[j - 1].text)
    return c.code if c else None


def _admin_country(doc: "Doc", i: int, j: int, bare: str) -> str | None:
    code = _country_before(doc, i)
    if code:
        return code
    p = gz.place(bare)
    if p and p.country:
        return p.country
    r = gz.region(bare)
    if r and r.country:
        return r.country
    return gz.subdivision_country(bare)


def headed(doc: "Doc", text: str, floor: int = 0) -> list[Run]:
    """Capitalised runs ending in a body's, a site's or a geographic head word."""
    lex = lexicon()
    out: list[Run] = []
    for i, j in _runs(doc, _ORG_CONNECTORS, floor):
        i = _trim_left(doc, i, j, lex)
        if j - i < 2 or j - i > _MAX_NAME_TOKENS:
            continue
        # the head comes before any qualifier: "Regional Office for Central Asia", but not
        # "Political Affairs of the European External Action Service"
        qual = next((k for k in range(i + 1, j) if doc[k].lower_ in _QUALIFIERS), j)
        head = next((k for k in range(qual - 1, i - 1, -1)
                     if doc[k].lower_ in lex.org_heads or doc[k].lower_ in lex.geo_heads
                     or doc[k].lower_ in lex.site_words), None)
        if head is None or _descriptive(doc, i, head, lex):
            continue
        low = doc[head].lower_
        kind = "region" if low in lex.geo_heads else "place" if low in lex.site_words \
            else "organization"
        end = j if head + 1 == qual else head + 1
        # "... for National Security of Tajikistan Saimumin Yatimzoda": a body's name ends
        # with its country; capitalised words after it name someone else
        end = next((k + 1 for k in range(head + 1, end - 1)
                    if (c := gz.country(doc[k].text)) is not None and c.name == doc[k].text
                    and doc[k + 1].lower_ not in _ORG_CONNECTORS and doc[k + 1].text != "-"
                    and gz.country(f"{doc[k].text} {doc[k + 1].text}") is None), end)
        while end > head + 1 and doc[end - 1].lower_ in _ORG_CONNECTORS:
            end -= 1
        i = _after_and(doc, i, end)
        end = _before_and(doc, head, end, lex)
        if end - i < 2 or head < i:
            continue
        start, stop = _span(doc, i, end)
        name = text[start:stop]
        if _known(name) or gz.ministry(name) is not None or gz.fold(name) in lex.generic:
            continue
        country = None
        if kind == "region" and doc[head].lower_ in lex.admin_heads:
            country = _admin_country(doc, i, end, doc[i:head].text)
        elif kind == "organization":
            country = _body_country(doc, i, end)
        out.append(Run(start, stop, kind, name, country, absorbs=kind in ("region", "place")))
    return out


def _match_seq(doc: "Doc", k: int, seqs: Sequence[tuple[str, ...]]) -> int:
    """Length of the longest sequence in ``seqs`` the tokens from ``k`` spell, 0 when none."""
    first = doc[k].lower_ if k < len(doc) else ""
    for seq in seqs:
        if seq[0] != first:
            continue
        n = len(seq)
        if k + n <= len(doc) and all(doc[k + m].lower_ == seq[m] for m in range(n)):
            return n
    return 0


def _paren_acronym(doc: "Doc", j: int) -> bool:
    """Tokens from ``j`` spell "(ABC)"."""
    return j + 3 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" \
        and doc[j + 1].text.isupper() and doc[j + 1].is_alpha


def lower_headed(doc: "Doc", text: str, floor: int = 0) -> list[Run]:
    """A capitalised name followed by a lower-case region, site or programme word."""
    lex = lexicon()
    out: list[Run] = []
    for i, j in _runs(doc, frozenset({"-"}), floor):
        i = _trim_left(doc, i, j, lex)
        if i >= j or j >= len(doc) or j - i > _MAX_LINK_TOKENS:
            continue
        bare = doc[i:j].text
        parts = [p for p in _SPACED_PARTS.split(bare) if p]
        if len(parts) < 2:  # "China-Kyrgyzstan-Uzbekistan", but "Mazar-i-Sharif – Kabul"
            parts = [p for p in _PARTS.split(bare) if p]
        if j - i > _MAX_HEADED_TOKENS and len(parts) < 2:
            continue
        reading = gz.lookup(gz.fold(bare))
        kind_known = reading[0] if reading else None
        chain = len(parts) >= 2 and all(gz.party_code(p) for p in parts)
        # "the Turkmenistan–Afghanistan–Pakistan–India (TAPI) gas pipeline": a link's acronym
        # may stand between its stops and its head
        h = j + 3 if len(parts) >= 2 and _paren_acronym(doc, j) else j
        # "Dushanbe – Bokhtar railway", "North-South corridor": a link between two named ends,
        # each of which stays a mention of its own
        link = len(parts) >= 2 and all(p[:1].isupper() for p in parts) \
            and _match_seq(doc, h, lex.link_heads) > 0
        # "the Leilek and Batken districts": each name is one of the districts
        plural = next((k for k in (j, j + 2) if k < len(doc) and doc[k].tag_ == "NNS"
                       and doc[k].lemma_.lower() in lex.lower_geo_heads
                       and (k == j or (doc[j].lower_ == "and" and doc[j + 1].is_title))), None)
        if plural is not None and not (chain or link) and kind_known in (None, "place"):
            bstart, bstop = _span(doc, i, j)
            head = doc[plural].lemma_.lower()
            country = _admin_country(doc, i, j, bare) if head in lex.admin_heads else None
            # (no bare form: "the town of Batken" stays the town)
            out.append(Run(bstart, bstop, "region", f"{text[bstart:bstop]} {head}", country,
                           None, absorbs=True))
            continue
        if (kind_known in ("country", "demonym", "organization", "region")
                or gz.party_code(bare)) and not chain \
                or doc[i].ent_type_ == "PERSON" and not (chain or link):
            continue
        low = doc[j].lower_
        kind = None
        n = 0
        country = None
        if chain or link:
            n = _match_seq(doc, h, lex.link_heads)
            kind = "initiative" if n else None
            if n and h > j:
                start, stop = _span(doc, i, h + n)
                bstart, bstop = _span(doc, i, j)
                name = f"{text[bstart:bstop]} {doc[h:h + n].text}"
                out.append(Run(start, stop, kind, name, None, (bstart, bstop),
                               absorbs=not chain and not all(_known(p) for p in parts)))
                continue
        elif low in lex.lower_geo_heads and kind_known != "initiative":
            n, kind = 1, "region"
            country = _admin_country(doc, i, j, bare) if low in lex.admin_heads else None
        elif kind_known is None:
            n = _match_seq(doc, j, lex.site_heads)
            kind = "place" if n else None
            if not n:
                n = _match_seq(doc, j, lex.lower_heads)
                kind = "initiative" if n else None
        elif kind_known == "place":
            n = _match_seq(doc, j, lex.lower_heads)
            kind = "initiative" if n else None
        if not kind or not n:
            continue
        start, stop = _span(doc, i, j + n)
        if gz.lookup(gz.fold(text[start:stop])) is not None:
            continue  # "Central Asian region": the gazetteer's name for it wins
        bstart, bstop = _span(doc, i, j)
        # the ends of a link stay mentions when they are names the gazetteer knows
        ends = chain or link and all(_known(p) for p in parts)
        out.append(Run(start, stop, kind, text[start:stop], country, (bstart, bstop),
                       absorbs=not ends))
    return out


def initiatives(doc: "Doc", text: str, floor: int = 0) -> list[Run]:
    """Capitalised runs holding a programme word ("EU Strategy on Central Asia", "Convention
    on the Rights of Persons with Disabilities") and quoted capitalised names with one; runs
    ending in an event's head word come back as kind "event"."""
    lex = lexicon()
    out: list[Run] = []
    ents_end = {e.start: e.end for e in doc.ents if e.label_ in ("ORG", "LAW", "WORK_OF_ART")}
    for i, j in _runs(doc, lex.connectors, floor):
        i = _trim_left(doc, i, j, lex)
        if j - i < 2:
            continue
        # "... Relations in Bishkek": a city after "in" is where, not part of the name
        for k in range(i + 1, j - 1):
            if doc[k].lower_ == "in" and (gz.place(doc[k + 1:j].text) or gz.country(doc[k + 1:j].text)):
                j = k
                break
        words = [doc[k].lower_ for k in range(i, j)]
        # a head opens the name only when a qualifier follows: "Declaration on ..."
        if words[-1] in lex.event_heads:
            # "Caspian Economic Forum": an event's name, which the events stage reads
            start, stop = _span(doc, i, j)
            out.append(Run(start, stop, "event", text[start:stop]))
            continue
        headed_at = [m for m, w in enumerate(words) if w in lex.initiative_heads
                     and (m > 0 or words[1] in lex.connectors)]
        if not headed_at or any(w in lex.event_heads for w in words) \
                or words[-1] in lex.connectors:
            continue
        # the NER's longer reading ("... of Persons with Disabilities") completes the name
        for k in (i - 1, i):
            e = ents_end.get(k)
            # ... but not into a bracket: "Route (TITR" is the name and half its acronym
            e = next((b for b in range(j, e) if doc[b].text in "([{"), e) if e else e
            if e is not None and e > j and not any(t.is_sent_start for t in doc[j:e]):
                j = e
                break
        start, stop = _span(doc, i, j)
        name = text[start:stop]
        if gz.organization(name) is None:
            out.append(Run(start, stop, "initiative", name))
    for m in _QUOTED.finditer(text):
        name = m.group(1).strip()
        ws = name.split()
        if 2 <= len(ws) <= 8 and all(w[0].isupper() or w in lex.connectors for w in ws) \
                and any(w.lower() in lex.initiative_heads for w in ws) \
                and not any(r.start <= m.start(1) < r.end for r in out):
            out.append(Run(m.start(1), m.start(1) + len(name), "initiative", name))
    return out
