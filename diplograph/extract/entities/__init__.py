"""Extract stage: entities — spaCy's NER corrected by the knowledge the project carries.

Order of evidence: (1) the gazetteer scan (countries, the EU, bodies, ministries, places,
regions, known initiatives) wins wherever it matches; (2) capitalised names headed by a
programme word ("... Strategy on Central Asia", «... Transport Network») are initiatives;
(3) acronyms the text defines ("... Development (EBRD)") attach to their long form;
(4) what is left of spaCy's entities is cleaned (leading "the", possessive, honorifics),
re-typed, and dropped when it is a date, a number, an event or a generic word. Persons
get roles from appositions and premodifiers; ``coref`` then adds descriptive and pronoun
mentions. Entity ids follow first mention.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from diplograph.extract import coref
from diplograph.extract.context import Context, MentionKind
from diplograph.extract.entities import metonymy, persons, runs
from diplograph.extract.entities.header import Header, header
from diplograph.extract.entities.lexicon import lexicon
from diplograph.extract.entities.registry import Registry
from diplograph.extract.entities.scan import Hit, scan
from diplograph.knowledge import gazetteer as gz
from diplograph.knowledge import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan

DROP_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                         "QUANTITY", "LANGUAGE", "EVENT"})
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAIL = re.compile(r"(?:\s*['’]s|['’])?[\s,.;:\-–—(]*$")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
_ACRONYM_LIST = re.compile(r"\(\s*([A-Z][A-Z0-9\-]{1,11}(?:\s*,\s*[A-Z][A-Z0-9\-]{1,11})+)\s*\)")


def run(ctx: Context) -> None:
    text = ctx.text
    doc = ctx.doc
    reg = Registry(text)
    taken = _Occupied()
    head = header(text)
    for s, e in head.credits:
        taken.add(s, e)  # "(Kabar)", "/TASS/": the outlet's credit, not a name in the story
    demonyms: list[Hit] = []
    named = _disjoint([r for r in runs.headed(doc, text, head.end)
                       + runs.lower_headed(doc, text, head.end)
                       if not head.in_credit(r.start, r.end)])
    absorbing = [(r.start, r.end) for r in named if r.absorbs]
    links = [(r.start, r.end) for r in named if not r.absorbs]
    programmes = runs.initiatives(doc, text, head.end)
    # "Caspian" in "Caspian Economic Forum" qualifies the event; parties inside stay mentions
    events = [(r.start, r.end) for r in programmes if r.kind == "event"]
    # "Europe" in "Team Europe": a label's words are no mentions of their own
    absorbing += [m.span() for m in lexicon().generic_phrases.finditer(text)]
    bodies = [(r.start, r.end) for r in named if r.kind == "organization"]
    parties: dict[int, Hit] = {}  # token end -> country or demonym hit
    for h in scan(doc, text):
        if head.in_credit(h.start, h.end) or h.kind in ("place", "region") \
                and any(s <= h.start and h.end <= e for s, e in events):
            continue
        if any(s <= h.start and h.end <= e for s, e in absorbing):
            continue  # "China" in "South China Sea"
        if h.kind == "organization" and any(s < h.start and h.end <= e for s, e in bodies):
            continue  # "Commission" in "National Development and Reform Commission"
        if _currency_qualifier(doc, h) or _title_qualifier(doc, h):
            taken.add(h.start, h.end)  # claimed, so the NER's reading is dropped too
            continue
        party = metonymy.capital_party(h)
        # "Kabul" in "Termez – Kabul railway" is a stop on the line, not the state
        if party is not None and not any(s <= h.start and h.end <= e for s, e in links):
            h = _capital_reading(doc, h, party, reg)
        if h.kind in ("country", "demonym"):
            parties[h.tok_end] = h
        if h.kind == "demonym":
            demonyms.append(h)
        elif h.kind != "metonym":
            reg.add_hit(h)
        taken.add(h.start, h.end)

    _governments(doc, parties, reg)
    for r in named:
        reg.add_run(r)
        taken.add(r.start, r.end)
    for r in programmes:
        if r.kind == "initiative" and not any(r.start < k.end and k.start < r.end for k in named) \
                and not head.in_credit(r.start, r.end):
            # "International Partnership for Human Rights (IPHR), a Brussels-based NGO": the
            # text's own class word outranks the programme word in the name
            span = doc.char_span(r.start, r.end, alignment_mode="expand")
            declared = _declared_class(span) if span is not None else None
            if declared is not None:
                reg.add_named(declared, r.name, r.start, r.end)
            else:
                reg.add_initiative(r.name, r.start, r.end)
            taken.add(r.start, r.end)

    _outlets(text, reg, taken, head)
    _acronym_definitions(text, reg, taken)
    _acronym_lists(doc, text, reg, taken)
    _spacy_entities(doc, text, reg, taken)
    reg.add_acronym_mentions(doc, taken)
    reg.add_surname_mentions(doc, taken)
    for h in demonyms:
        reg.add_demonym(h)
    _roles(doc, text, reg)
    reg.finalize(ctx)
    coref.resolve(ctx)


# -- helpers ----------------------------------------------------------------------------


class _Occupied:
    """Character ranges already claimed by a mention; overlap test by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        # ranges never nest deeply here; look back a few
        for j in range(i - 1, max(-1, i - 8), -1):
            if self.ends[j] > start:
                return True
        return False


def _capital_reading(doc: "Doc", h: Hit, party: str, reg: Registry) -> Hit:
    """A capital standing for its state becomes the state's alias ("metonym", registered
    here); a country named like its capital, read as the city, becomes a place."""
    r = metonymy.reading(doc, h)
    if h.kind == "place" and r == "party":
        reg.add_metonym(h.start, h.end, party)
        return Hit(h.start, h.end, "metonym", party, h.tok_start, h.tok_end)
    if h.kind == "country" and r == "place":
        city = gz.capital_of(party) or h.obj.name
        return Hit(h.start, h.end, "place", gz.place(city) or gz.Place(city, party),
                   h.tok_start, h.tok_end)
    return h


def _governments(doc: "Doc", parties: dict[int, Hit], reg: Registry) -> None:
    """"the Spanish government", "Spain's socialist government", "the government of
    Uzbekistan" → the body "Government of Spain"; the country keeps its own mention."""
    lex = lexicon()
    n = len(doc)
    for tok in doc:
        if tok.lower_ not in lex.government_words:
            continue
        i = tok.i
        hit = None
        k = i
        if k > 0 and doc[k - 1].pos_ == "ADJ" and doc[k - 1].i - 1 >= 0 \
                and doc[k - 1].text[:1].islower():
            k -= 1  # "Spain's socialist government"
        if k > 0 and doc[k - 1].tag_ == "POS":
            k -= 1
        hit = parties.get(k)
        start = hit.start if hit is not None else None
        end = tok.idx + len(tok.text)
        if hit is None and i + 2 < n and doc[i + 1].lower_ == "of":
            j = i + 2 + (doc[i + 2].lower_ == "the")
            hit = next((h for h in parties.values() if h.tok_start == j and h.kind == "country"),
                       None)
            if hit is not None:
                start, end = tok.idx, hit.end
        if hit is None or start is None:
            continue
        c = hit.obj
        reg.add_government(lex.government_name.format(country=c.name), c.code, start, end)


def _disjoint(found: list["runs.Run"]) -> list["runs.Run"]:
    """Longest first, no two overlapping."""
    kept: list[runs.Run] = []
    for r in sorted(found, key=lambda r: r.start - r.end):
        if not any(r.start < k.end and k.start < r.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


def _portfolio(ent: "SpacySpan") -> bool:
    """"International Partnerships" in "Commissioner for International Partnerships",
    "Digital Development" in "Minister of Digital Development and Transport": the
    portfolio of a title, not a body."""
    doc = ent.doc
    i = ent.start
    if i < 2 or doc[i - 1].lower_ not in ("of", "for"):
        return False
    return doc[i - 2].lower_ in lexicon().title_heads and gz.organization(ent.text) is None


def _title_qualifier(doc: "Doc", h: Hit) -> bool:
    """"Europe Director", "Asia minister": a region naming a portfolio, not a party."""
    if h.kind not in ("region", "place"):
        return False
    heads = lexicon().title_heads
    if h.tok_end < len(doc) and doc[h.tok_end].lower_ in heads:
        return True
    # "director general for Europe"
    i = h.tok_start
    return i >= 2 and doc[i - 1].lower_ in ("for", "of") and doc[i - 2].lower_ in heads


def _currency_qualifier(doc: "Doc", h: Hit) -> bool:
    if h.kind not in ("country", "demonym") or h.tok_end >= len(doc):
        return False
    return doc[h.tok_end].lower_ in _currency_nouns()


_CURRENCY: frozenset[str] | None = None


def _currency_nouns() -> frozenset[str]:
    global _CURRENCY
    if _CURRENCY is None:
        _CURRENCY = frozenset(load("countries").get("currency_nouns", ()))
    return _CURRENCY


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading article, a trailing possessive and stray punctuation; a name stops
    before a bracket ("... Aral Sea (IFAS" is the long form and half its acronym)."""
    s = text[start:end]
    p = s.find("(")
    if p > 0:
        end = start + p
        s = text[start:end]
    m = _LEAD.match(s)
    if m:
        start += m.end()
    s = text[start:end]
    t = _TRAIL.search(s)
    if t and t.start() > 0:
        end = start + t.start()
    while start < end and not text[start].isalnum():
        start += 1
    return start, end


# An outlet named in the story, where it reports or is told something: "told Eurasianet",
# "Daryo reports citing ...", "EUobserver has learned", "according to Reuters".
_OUTLET_CONTEXT = re.compile(
    r"(?:\b(?:told|according\s+to|citing|quoted\s+by|interview\s+with)\s+(?:the\s+)?"
    r"(?P<a>[A-Z0-9][\w.'/&-]*(?:\s+[A-Z][\w.'/&-]*){0,3}))"
    r"|(?P<b>\b[A-Z0-9][\w.'/&-]*(?:\s+[A-Z][\w.'/&-]*){0,3})"
    r"(?=\s+(?:reports?|reported|has\s+learned|learned|writes|wrote)\b)")


def _outlets(text: str, reg: Registry, taken: _Occupied, head: "Header") -> None:
    """News outlets the story names as sources ("told Eurasianet") are organizations; the
    outlet's own credit in the dateline is the report's source and stays out."""
    from diplograph.normalize.source import canonical_source

    for m in _OUTLET_CONTEXT.finditer(text):
        key = "a" if m.group("a") else "b"
        words = m.group(key).rstrip(".,;:").split()
        start = m.start(key)
        # the longest run of leading words that is a known outlet ("Radio Free Europe ...")
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            known = canonical_source(name, known_only=True)
            if known is None:
                continue
            s, e = start, start + len(name)
            if not head.in_credit(s, e) and not taken.overlaps(s, e) and s >= head.end:
                reg.add_named("organization", known, s, e)
                taken.add(s, e)
            break


def _acronym_definitions(text: str, reg: Registry, taken: _Occupied) -> None:
    """"Long Name (ACR)": the long form's entity gets the acronym; unknown long forms whose
    initials spell the acronym become bodies (or initiatives when headed by one)."""
    lex = lexicon()
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(1)
        if sum(c.isupper() for c in acr) < 2 or acr in lex.not_acronyms:
            continue
        before = m.start()
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if reg.attach_acronym_before(before, acr, m.start(1), m.end(1)):
            taken.add(m.start(1), m.end(1))
            continue
        long_form = _long_form(text, before, acr)
        if long_form is None:
            continue
        start = before - len(long_form)
        head = long_form.split()[-1].lower()
        kind = "initiative" if head in lex.initiative_heads else "organization"
        reg.add_defined(kind, long_form, acr, start, before, m.start(1), m.end(1))
        taken.add(start, before)
        taken.add(m.start(1), m.end(1))


def _long_form(text: str, end: int, acr: str) -> str | None:
    """The capitalised words before ``end`` whose initials spell ``acr``."""
    lex = lexicon()
    letters = [c for c in acr if c.isupper()]
    words = re.findall(r"[\w'’\-]+", text[max(0, end - 200):end])
    picked: list[str] = []
    need = len(letters)
    for w in reversed(words):
        if w.lower() in lex.minor_words:
            picked.append(w)
            continue
        if not w[:1].isupper():
            break
        picked.append(w)
        need -= 1
        if need == 0:
            break
    if need != 0:
        return None
    picked.reverse()
    initials = [w[0] for w in picked if w.lower() not in lex.minor_words]
    if [c.upper() for c in initials] != letters:
        return None
    long_form = " ".join(picked)
    return long_form if text[:end].endswith(long_form) else None


def _acronym_lists(doc: "Doc", text: str, reg: Registry, taken: _Occupied) -> None:
    """"(LEICA, CADAP, BOMCA)" after programme words: each acronym is an initiative."""
    lex = lexicon()
    for m in _ACRONYM_LIST.finditer(text):
        sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if sent is None:
            continue
        words = {t.lower_ for t in sent.sent}
        if not words & lex.initiative_heads and not any(w.rstrip("s") in lex.initiative_heads
                                                        for w in words):
            continue
        for a in re.finditer(r"[A-Z][A-Z0-9\-]{1,11}", m.group(1)):
            s, e = m.start(1) + a.start(), m.start(1) + a.end()
            if taken.overlaps(s, e) or a.group(0) in lex.not_acronyms:
                continue
            reg.add_initiative(a.group(0), s, e, acronym=a.group(0))
            taken.add(s, e)


def _spacy_entities(doc: "Doc", text: str, reg: Registry, taken: _Occupied) -> None:
    ents = [_with_given_name(e) for e in doc.ents if e.label_ not in DROP_LABELS]
    for start, end in persons.titled_names(doc) + persons.evidenced_names(doc, text):
        if not taken.overlaps(start, end):
            reg.note_person(text[start:end])
            reg.add_person(text[start:end], start, end)
            taken.add(start, end)
    # full names first, so that a surname met before its full name still resolves
    for ent in ents:
        if ent.label_ == "PERSON" and not taken.overlaps(ent.start_char, ent.end_char):
            name = persons.clean_name(ent.text)
            if len(name.split()) >= 2 and persons.looks_like_name(name):
                reg.note_person(name)
    for ent in ents:
        if ent.label_ == "ORG" and _country_prefixed(ent, text, reg):
            taken.add(ent.start_char, ent.end_char)
            continue
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        _spacy_entity(ent, text, reg, taken)


def _with_given_name(ent: "SpacySpan") -> "SpacySpan":
    if ent.label_ != "PERSON":
        return ent
    start = persons.extend_left(ent.doc, ent.start) if len(ent) == 1 else ent.start
    end = persons.extend_particles(ent.doc, ent.end)
    if (start, end) == (ent.start, ent.end):
        return ent
    from spacy.tokens import Span

    return Span(ent.doc, start, end, label=ent.label)


def _country_prefixed(ent: "SpacySpan", text: str, reg: Registry) -> bool:
    """A national body named after its country ("UK Independence Party", "US Treasury"):
    the country stays a mention of its own, the whole name becomes an organization."""
    lex = lexicon()
    doc = ent.doc
    start = ent.start
    if doc[start].lower_ == "the":
        start += 1
    if start > 0 and start == ent.start and gz.country(doc[start - 1].text) \
            and doc[start - 1].whitespace_:
        start -= 1  # the NER left the country out
    if start >= ent.end - 1 or gz.country(doc[start].text) is None:
        return False
    rest = doc[start + 1:ent.end]
    words = [t.lower_ for t in rest]
    if not all(t.text[:1].isupper() for t in rest) or any(
            w in lex.event_heads or w in lex.title_heads for w in words):
        return False
    s, e = _clean(text, doc[start].idx, ent.end_char)
    name = text[s:e]
    if gz.ministry(name) or gz.fold(" ".join(words)) in lex.generic and len(words) == 1 \
            and words[0] not in ("government", "treasury"):
        return False
    reg.add_named("organization", name, s, e)
    return True


def _spacy_entity(ent: "SpacySpan", text: str, reg: Registry, taken: _Occupied) -> None:
    lex = lexicon()
    start, end = _clean(text, ent.start_char, ent.end_char)
    if end <= start:
        return
    surface = text[start:end]
    # honorifics are part of the mention but not of the name
    name = persons.clean_name(surface) if ent.label_ in ("PERSON", "ORG", "NORP", "GPE") else surface
    key = gz.fold(name)
    if not key or key in lex.generic or not any(c.isupper() for c in name) or key in lex.domains:
        return  # "Energy" alone is a portfolio or a heading, not a body
    if any(c.isdigit() for c in name) and not re.search(r"[A-Za-z]\d", name):
        return
    words = key.replace("-", " ").split()
    label = ent.label_
    person = reg.person_by_surname(name) or (reg.person_by_given(name) if len(words) == 1 else None)
    if person is not None:
        reg.add_person_mention(person, start, end, "alias")
        taken.add(start, end)
        return
    if _derived_demonym(key) or _adjective_phrase(ent) or _common_word(ent):
        return
    declared = None if gz.lookup(key) else _declared_class(ent) or _route_end(ent, text)
    if declared is not None:
        reg.add_named(declared, name, start, end)
        taken.add(start, end)
        return
    if label in ("GPE", "LOC", "FAC") and name[:1].islower():
        return  # "trans-Atlantic": an adjective made of a name
    if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and len(name.split()) >= 2
                             and persons.looks_like_name(name) and _has_role(ent, text)):
        if persons.looks_like_name(name) and not gz.party_code(name):
            reg.add_person(name, start, end)
            taken.add(start, end)
        return
    if any(w in lex.event_heads for w in words) or any(w in lex.title_heads for w in words) \
            or label in ("ORG", "GPE", "LOC") and _portfolio(ent):
        return
    if label == "NORP":
        return
    if label in ("ORG",):
        if name.isupper() and name in lex.not_acronyms:
            return
        if len(words) > 1 and words[-1] in lex.descriptive_heads \
                and gz.party_code(name.rsplit(" ", 1)[0]):
            return  # "the EU Delegation" describes the EU's people, it names no body
        # "Airbus A300s": a product model after the maker's name
        while len(name.split()) > 1 and re.search(r"\d", name.split()[-1]):
            name = name.rsplit(" ", 1)[0]
            end = start + len(name)
            words = gz.fold(name).replace("-", " ").split()
        head = words[-1]
        kind = "initiative" if head in lex.initiative_heads else "organization"
        reg.add_named(kind, name, start, end)
    elif label in ("LAW", "WORK_OF_ART", "PRODUCT"):
        if words[-1] in lex.initiative_heads or label == "LAW":
            reg.add_named("initiative", name, start, end)
        else:
            return
    elif label in ("GPE", "FAC") and " in " in name:
        # "Golden Temple in Amritsar": a site and its city
        left, right = name.split(" in ", 1)
        reg.add_named("place", left, start, start + len(left))
        rs = start + len(left) + 4
        reg.add_named("place", right, rs, rs + len(right))
    elif label == "GPE":
        reg.add_named("place", name, start, end)
    elif label == "LOC":
        reg.add_named("region", name, start, end)
    elif label == "FAC":
        reg.add_named("place", name, start, end)
    else:
        return
    taken.add(start, end)


_APPOSITION_DETS = frozenset({"a", "an", "the"})
_DASH_AFTER = re.compile(r"\s?[–—-]\s?([A-Z][\w’'-]*)")
_DASH_BEFORE = re.compile(r"([A-Z][\w’'-]*)\s?[–—-]\s?$")


def _ends_at(doc: "Doc", k: int, seqs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the word sequences ends at token ``k - 1``."""
    return any(k >= len(q) and tuple(t.lower_ for t in doc[k - len(q):k]) == q for q in seqs)


def _declared_class(ent: "SpacySpan") -> str | None:
    """The text says what the name is: "the company Svevind", "the village of Vorukh",
    "Kok-Tash, a Kyrgyz village", "... (IPHR), a Brussels-based NGO"."""
    lex = lexicon()
    doc = ent.doc
    k = ent.start
    if _ends_at(doc, k, lex.org_class_nouns):
        return "organization"
    if _ends_at(doc, k, lex.place_class_nouns) or k > 0 and doc[k - 1].lower_ == "of" \
            and _ends_at(doc, k - 1, lex.place_class_nouns):
        return "place"
    j = ent.end
    if j + 2 < len(doc) and doc[j].text == "(":  # a defined acronym between name and apposition
        j = next((t.i + 1 for t in doc[j:j + 5] if t.text == ")"), j)
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in _APPOSITION_DETS:
        return None
    for t in doc[j + 2:min(len(doc), j + 8)]:
        if t.is_punct and t.text not in "-–":
            return None
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
            continue  # "a company spokesman": the class word only modifies
        if _ends_at(doc, t.i + 1, lex.org_class_nouns):
            return "organization"
        if _ends_at(doc, t.i + 1, lex.place_class_nouns):
            return "place"
        if t.pos_ == "NOUN":
            return None
    return None


def _route_end(ent: "SpacySpan", text: str) -> str | None:
    """"Serhetabat–Herat section", "the railway crossing Ayagoz – Tacheng": two names joined
    by a dash are the ends of a route, places, when the other end is a known place or the
    sentence speaks of a route; a person or a state joined so ("the Biden–Xi talks",
    "Kazakhstan–China trade") is known by then and never gets here."""
    m = _DASH_AFTER.match(text, ent.end_char)
    other = m.group(1) if m else None
    if other is None:
        b = _DASH_BEFORE.search(text, max(0, ent.start_char - 40), ent.start_char)
        other = b.group(1) if b else None
    if other is None or len(ent) > 3 or gz.party_code(other):
        return None
    if gz.place(other) is not None:
        return "place"
    words = lexicon().route_words
    if any(t.lower_ in words for t in ent.sent):
        return "place"
    return None


_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "is", "i", "ese", "s")


def _derived_demonym(key: str) -> bool:
    """"Kashmiris", "Gibraltarians": people of a place the gazetteer knows, not an entity."""
    for suf in _DEMONYM_SUFFIXES:
        if key.endswith(suf) and len(key) - len(suf) >= 3:
            stem = key[: -len(suf)]
            if gz.lookup(stem) or gz.lookup(stem + "a") or gz.lookup(stem + "e"):
                return True
    return False


def _adjective_phrase(ent: "SpacySpan") -> bool:
    """"South East" in "South East Asian countries": the name is part of an adjective."""
    doc = ent.doc
    if ent.end >= len(doc):
        return False
    nxt = doc[ent.end]
    return nxt.text[:1].isupper() and (nxt.ent_type_ == "NORP" or nxt.pos_ == "ADJ") \
        and not nxt.whitespace_ == "" and ent.label_ in ("LOC", "GPE")


def _common_word(ent: "SpacySpan") -> bool:
    """A single capitalised common noun ("Media" opening a sentence, "Line" of "Line D"
    tagged a person)."""
    return len(ent) == 1 and ent[0].tag_ in ("NN", "NNS") and (
        ent[0].is_sent_start or ent.label_ == "PERSON")


def _has_role(ent: "SpacySpan", text: str) -> bool:
    doc = ent.doc
    for phrase in (persons.apposition(doc, text, ent.end_char),
                   persons.left_apposition(doc, text, ent.start_char),
                   (persons.premodifier(doc, text, ent.start) or (None,))[0]):
        if phrase and persons.parse_role(phrase, {}):
            return True
    return False


def _roles(doc: "Doc", text: str, reg: Registry) -> None:
    known = reg.known_bodies()
    tok_at = {t.idx: t.i for t in doc}
    mentions = reg.person_name_mentions()
    names = frozenset(i for _p, start, end in mentions
                      for i in range(tok_at.get(start, 0), tok_at.get(start, 0) + 8)
                      if i < len(doc) and doc[i].idx < end and start in tok_at)
    for person, start, end in mentions:
        readings: list[persons.RoleReading] = []
        for phrase in (persons.apposition(doc, text, end), persons.left_apposition(doc, text, start)):
            if phrase:
                r = persons.parse_role(phrase, known)
                if r:
                    readings.append(r)
        ti = tok_at.get(start)
        if ti is not None:
            pre = persons.premodifier(doc, text, ti, names)
            if pre:
                r = persons.parse_role(pre[0], known)
                if r:
                    readings.append(r)
        party = persons.delegation_party(text, start)
        for r in readings:
            if r.country is None and party:
                r.country = party
                r.organization = r.organization or persons.ministry_of(r.title, party)
            reg.add_role(person, r)
        if not readings and party:
            reg.set_country(person, party)


MentionKinds = MentionKind
