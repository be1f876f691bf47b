"""Persons: clean names, surnames, and roles from appositions and premodifiers.

"Enrique Mora, Deputy Secretary General for Political Affairs of the European External
Action Service," gives the role (title "Deputy Secretary General for Political Affairs",
organization "European External Action Service"); "Roman Vassilenko, Kazakh Deputy Foreign
Minister" gives a title, a country and, through the title's domain, the ministry; "French
president Jacques Chirac" gives title "President" and country FR.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.extract.entities.lexicon import Lexicon, lexicon
from diplograph.knowledge import gazetteer as gz
from diplograph.model import Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "del", "du", "la", "le",
                       "al", "el", "bin", "ibn", "ter", "ten", "dos", "das"})
_WORD = re.compile(r"[^\W\d_][\w.'’\-]*")
# An apposition ends at the first clause or sentence boundary.
_APPOSITION = re.compile(r"\s*,\s+([^,.;:()«»\"“”]{3,160}?)(?=\s*(?:,|\.\s|\.$|;|:|\(|«|\"|“|$))")
_OF_ORG = re.compile(r"\s+(?:of|at|for|in)\s+(?:the\s+)?", re.I)


def extend_particles(doc: "Doc", end: int) -> int:
    """The end of a name the tagger cut at or before a family-name particle: "Ursula von
    der" + "Leyen", "Ursula" + "von der Leyen"."""
    i = end
    if i > 0 and doc[i - 1].text in PARTICLES:
        i -= 1  # the tagger kept the particle but lost the name after it
    j = i
    while j < len(doc) and doc[j].text in PARTICLES:
        j += 1
    if j > i and j < len(doc) and doc[j].is_title and doc[j].is_alpha:
        return j + 1
    return end


def clean_name(text: str) -> str:
    """A person's name without honorifics, possessive or surrounding punctuation."""
    lex = lexicon()
    s = re.sub(r"(?:['’]s|['’])$", "", text.strip()).strip(" ,.;:-")
    words = s.split()
    while words and words[0].rstrip(".") in {h.rstrip(".") for h in lex.honorifics}:
        words = words[1:]
    return " ".join(words)


def surname(name: str) -> str:
    """The family name with its particles: "Rodrigo de Rato" → "de Rato"."""
    words = name.split()
    if len(words) < 2:
        return name
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    return " ".join(words[i:])


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 5:
        return False
    lex = lexicon()
    if gz.fold(text) in lex.generic:
        return False
    for w in words:
        if w.lower() in PARTICLES:
            continue
        if not _WORD.fullmatch(w) or not w[0].isupper():
            return False
        if w.lower() in lex.title_heads or w.isupper() and len(w) > 1 and "." not in w:
            return False
    # "Line D": an initial closes no name
    if len(words) > 1 and len(words[-1].rstrip(".")) == 1:
        return False
    return not (words[0].lower() in PARTICLES)


@dataclass(slots=True)
class RoleReading:
    title: str
    organization: str | None
    country: str | None


def _title_ok(title: str) -> bool:
    lex = lexicon()
    words = [w.lower() for w in re.findall(r"[\w'’\-]+", title)]
    if not words or len(words) > 10:
        return False
    return any(w in lex.title_heads for w in words)


def _opens_title(word: str) -> bool:
    """"Deputy ...", "head of ...", "Foreign Minister": a title opens with a title word, not
    with a stray noun ("side by Vice Minister ...")."""
    lex = lexicon()
    low = word.lower().strip(",.")
    return low in lex.title_heads or low in lex.title_modifiers or low in lex.domains \
        or word[:1].isupper() and not gz.lookup(gz.fold(word))


def canonical_title(title: str) -> str:
    """The usual form of a title the knowledge lists ("foreign secretary" → "Foreign Secretary")."""
    return lexicon().title_variants.get(title.lower(), title)


def ministry_of(title: str, country_code: str | None) -> str | None:
    """"Deputy Foreign Minister" of KZ → "Ministry of Foreign Affairs of Kazakhstan"."""
    if not country_code or country_code == gz.EU_CODE or "minister" not in title.lower():
        return None
    lex = lexicon()
    low = title.lower()
    for word, ministry in sorted(lex.domains.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(word)}\b", low):
            c = gz.country_by_code(country_code)
            return f"{ministry} of {c.name}" if c else None
    return None


def _org_reading(text: str, known: dict[str, str]) -> tuple[str | None, str | None]:
    """(organization name, country code) of a string naming a body, country or party."""
    key = gz.fold(text)
    if key in known:
        name = known[key]
        org = gz.organization(name)
        return name, (org.code or org.country) if org else None
    org = gz.organization(text)
    if org:
        return org.name, org.code or org.country
    m = gz.ministry(text)
    if m:
        return m.name, m.country
    c = gz.country(text)
    if c:
        return None, c.code
    return None, None


def parse_role(phrase: str, known: dict[str, str]) -> RoleReading | None:
    """Read a title phrase: leading demonyms or parties, the title, a trailing "of <body>".

    ``known`` maps folded names of organizations found in this text to canonical names,
    so that bodies the gazetteer does not know ("Oxfam") still count.
    """
    phrase = re.sub(r"^(?:the|a|an|its|his|her)\s+", "", phrase.strip(), flags=re.I)
    organization: str | None = None
    country: str | None = None
    # trailing "... of the European External Action Service": try the longest body first
    for m in _OF_ORG.finditer(phrase):
        org, code = _org_reading(phrase[m.end():], known)
        if org or code:
            title = phrase[:m.start()]
            if _title_ok(title):
                organization, country, phrase = org, code, title
                break
    words = phrase.split()
    # leading parties: "Kazakh Deputy Foreign Minister", "EU Trade Commissioner", "IMF managing director"
    lead = 0
    for n in range(min(3, len(words) - 1), 0, -1):
        head = " ".join(words[:n])
        code = gz.party_code(head)
        org, ocode = _org_reading(head, known)
        if code or org:
            if code and not org:
                country = country or code
            else:
                organization = organization or org
                country = country or ocode
            lead = n
            break
    rest = words[lead:]
    lex = lexicon()
    # "Kazakh Deputy Foreign Minister said": the clause goes on after the title
    while rest and rest[-1][:1].islower() and rest[-1].lower() not in lex.title_heads:
        rest.pop()
    title = " ".join(rest)
    if not _title_ok(title) or not _opens_title(rest[0]):
        return None
    title = canonical_title(title[0].upper() + title[1:])
    if organization is None:
        organization = ministry_of(title, country)
    return RoleReading(title, organization, country)


_FRAME_POS = frozenset({"ADP", "VERB", "SCONJ", "ADV", "PART"})
_LEFT_APPOSITION = re.compile(r"(?:^|[.;:!?]\s+|\n)([A-Z][^,.;:()«»\"“”\n]{2,100}),\s*$")


def _verb_at(doc: "Doc", start: int, end: int) -> int | None:
    """Offset of the first finite verb in ``[start, end)``, ``end`` when none, None when
    the range is not on token boundaries."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG":
            return t.idx
    return end


def _verbless(doc: "Doc", start: int, end: int) -> bool:
    return _verb_at(doc, start, end) == end


def apposition(doc: "Doc", text: str, end: int) -> str | None:
    """The phrase after a name: "Enrique Mora, Deputy Secretary General ... Service,".
    ``text`` is ``doc.text``, passed in because building it walks the whole document."""
    m = _APPOSITION.match(text, end, min(len(text), end + 200))
    if m is None:
        return None
    # "Roman Vassilenko, Kazakh Deputy Foreign Minister said, «...»": the clause resumes
    cut = _verb_at(doc, m.start(1), m.end(1))
    phrase = text[m.start(1):cut].strip() if cut is not None else ""
    return phrase or None


def left_apposition(doc: "Doc", text: str, start: int) -> str | None:
    """A sentence-initial phrase before a name: "The Turkish economics minister, Ali Babacan"."""
    m = _LEFT_APPOSITION.search(text, max(0, start - 120), start)
    if not m:
        return None
    begin = m.start(1)
    # "According to the President of the European Council, Antonio Costa": the frame
    # words before the description are not part of the title.
    span = doc.char_span(begin, m.end(1), alignment_mode="expand")
    if span is not None:
        lead = 0
        while lead < len(span) - 1 and span[lead].pos_ in _FRAME_POS:
            lead += 1
        begin = span[lead].idx if lead else begin
    if _verbless(doc, begin, m.end(1)):
        return text[begin:m.end(1)]
    return None


def premodifier(doc: "Doc", text: str, tok_start: int,
                names: frozenset[int] = frozenset()) -> tuple[str, int] | None:
    """Title words right before a name ("French president", "Foreign Secretary") and the
    character offset where they start; they stop at the tokens of another person's name
    (``names``) or of one the NER tags."""
    lex = lexicon()
    i = tok_start - 1
    first = None
    while i >= 0:
        tok = doc[i]
        low = tok.lower_
        if low in _TITLE_JOINS and i > 0 and first is not None and (
                _title_word(doc[i - 1]) or i > 1 and doc[i - 1].lower_ in ("of", "for")
                and low == "the" and _title_word(doc[i - 2])):
            i -= 1  # "Minister of Digital Development and Transport", "Prime Minister – Minister"
            continue
        if tok.is_space or tok.is_punct and tok.text not in ("-",):
            break
        if low in ("the", "a", "an", "his", "her", "its", "their", "by", "of", "said", "says"):
            break
        if tok.tag_ == "POS" and i > 0 and gz.party_code(doc[i - 1].text):
            i -= 1  # "Turkey's economics minister"
            continue
        capital = tok.text[0].isupper()
        known = (low in lex.title_heads or low in lex.title_modifiers or low in lex.domains
                 or gz.party_code(tok.text) is not None or gz.organization(tok.text) is not None)
        if (tok.ent_type_ == "PERSON" or i in names) and not known:
            break  # "Alexei Overchuk and Kazakh President ...": the title is not his
        if not (capital or known) or tok.is_sent_start and not known:
            break
        if tok.text.rstrip(".") in {h.rstrip(".") for h in lex.honorifics}:
            break
        first = i
        if tok.is_sent_start:
            break
        i -= 1
    if first is None:
        return None
    while first < tok_start and doc[first].lower_ in _TITLE_JOINS:
        first += 1
    if first >= tok_start:
        return None
    start = doc[first].idx
    end = doc[tok_start - 1].idx + len(doc[tok_start - 1].text)
    return text[start:end], start


_TITLE_JOINS = frozenset({"of", "for", "and", "the", "&", "–", "—", "-"})


def _title_word(tok: "Token") -> bool:
    lex = lexicon()
    low = tok.lower_
    return tok.text[:1].isupper() or low in lex.title_heads or low in lex.title_modifiers \
        or low in lex.domains


def titled_names(doc: "Doc") -> list[tuple[int, int]]:
    """Names right after a capitalised title the NER missed or mis-typed: "Deputy Minister of
    Economy Levan Kavtaradze", "Kazakh President Daniyar Nurtayev", "Chairman of the Cabinet of
    Ministers Adylbek Kasymaliev and Uzbek Prime Minister Abdulla Aripov" (two). A name is a
    stretch of unknown proper nouns after a title word, or the tail of one the NER tags as a
    person; a long stretch at the end of the run gives its last two words."""
    lex = lexicon()
    out: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not (tok.text[:1].isupper() and tok.lower_ in lex.title_heads):
            i += 1
            continue
        j = i + 1
        while j < n and not doc[j].is_sent_start and (
                doc[j].text[:1].isupper() or doc[j].lower_ in _TITLE_JOINS
                and j + 1 < n and doc[j + 1].text[:1].isupper() or _hyphen_part(doc, j)):
            j += 1
        for a, b in _stretches(doc, i + 1, j):
            words = _units(doc, a, b)
            tail = b
            while tail > a and doc[tail - 1].ent_type_ == "PERSON":
                tail -= 1
            tail = _unit_start(doc, tail)
            if tail > a and len(_units(doc, tail, b)) >= 2:
                a = tail  # "... Development Odile Renaud-Basso": the NER's person
            elif doc[a - 1].lower_ in _TITLE_JOINS or len(words) > _MAX_NAME_WORDS:
                if b != j or len(words) < 3:
                    continue
                # "... Public Works Mohammad Isa Thani": from a known given name, else the
                # last two words
                given = [k for k in words[:-1] if doc[k].text in lex.given_names]
                a = given[0] if given and len(_units(doc, given[0], b)) <= _MAX_NAME_WORDS \
                    else words[-2]
            if len(_units(doc, a, b)) >= 2:
                out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
        i = max(j, i + 1)
    return out


# A person's name runs to three words here ("Nguyen Van Thanh", "Kassym-Jomart Tokayev");
# longer stretches of unknown capitalised words are read as other names.
_MAX_NAME_WORDS = 3


def _hyphen_part(doc: "Doc", k: int) -> bool:
    """Token ``k`` continues a hyphenated name: the "-" or the "hyun" of "Dong-hyun"."""
    t = doc[k]
    if not doc[k - 1].whitespace_ == "":
        return False
    if t.text == "-":
        return not t.whitespace_ and k + 1 < len(doc) and doc[k + 1].is_alpha
    return doc[k - 1].text == "-" and t.is_alpha and k >= 2 and doc[k - 2].is_alpha


def _unit_start(doc: "Doc", k: int) -> int:
    """The first token of the hyphenated word token ``k`` belongs to."""
    while k >= 2 and k < len(doc) and _hyphen_part(doc, k):
        k -= 1
    return k


def _units(doc: "Doc", a: int, b: int) -> list[int]:
    """Token indices where the words in [a, b) start, hyphenated words counted once."""
    return [k for k in range(a, b) if not _hyphen_part(doc, k)]


def _stretches(doc: "Doc", a: int, b: int) -> list[tuple[int, int]]:
    """Maximal ranges in [a, b) of name words (hyphenated parts included)."""
    out: list[tuple[int, int]] = []
    k = a
    while k < b:
        if not doc[k].text[:1].isupper() or not _name_word(doc[k]):
            k += 1
            continue
        m = k + 1
        while m < b and (_name_word(doc[m]) or _hyphen_part(doc, m)):
            m += 1
        out.append((k, m))
        k = m
    return out


def _name_word(tok: "Token") -> bool:
    text = tok.text
    if not text[:1].isupper() or tok.pos_ != "PROPN":
        return False
    lex = lexicon()
    low = tok.lower_
    return bool(_WORD.fullmatch(text)) and low not in lex.title_heads and low not in lex.title_modifiers \
        and low not in lex.domains and low not in lex.org_heads and low not in lex.ministry_words \
        and low not in lex.geo_heads and low not in lex.site_words \
        and low not in lex.initiative_heads and low not in lex.event_heads \
        and tok.text not in lex.honorifics and gz.lookup(gz.fold(tok.text)) is None \
        and gz.fold(tok.text) not in lex.generic


def evidenced_names(doc: "Doc", text: str) -> list[tuple[int, int]]:
    """Two or three unknown proper nouns the NER missed or typed as a body, where the sentence
    shows a person: a role in apposition or before the name ("Park Soo-min, a researcher at
    ...", "foreign minister Kim Dong-hyun"), a known given name, or the subject of a reporting
    verb ("Akylbek Japarov stressed that ..."), or a family-name ending ("-ova", "-vić"). A name
    the NER typed as a body needs more than the verb ("Goldman Sachs said")."""
    from diplograph.normalize.source import canonical_source

    lex = lexicon()
    out: list[tuple[int, int]] = []
    n = len(doc)
    for a, b in _stretches(doc, 0, n):
        words = _units(doc, a, b)
        if not 2 <= len(words) <= _MAX_NAME_WORDS or b < n and doc[b].text[:1].isupper() \
                and not doc[b].is_punct:
            continue
        if any(t.ent_type_ == "PERSON" for t in doc[a:b]):
            continue  # the NER's own persons are read with the other entities
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        name = text[start:end]
        if not looks_like_name(name) or canonical_source(name, known_only=True) is not None:
            continue
        if _shown_person(doc, text, a, b, start, end, name, lex):
            out.append((start, end))
    return out


def _shown_person(doc: "Doc", text: str, a: int, b: int, start: int, end: int, name: str,
                  lex: Lexicon) -> bool:
    last = name.split()[-1].lower()
    if name.split()[0] in lex.given_names or any(last.endswith(x) for x in lex.surname_endings):
        return True  # "Saida Mirziyoyeva met ...", typed as a body by the NER
    for phrase in (apposition(doc, text, end), left_apposition(doc, text, start),
                   (premodifier(doc, text, a) or (None,))[0]):
        if phrase and parse_role(phrase, {}):
            return True
    reported = any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB"
                   and t.head.lemma_ in lex.reporting_verbs for t in doc[a:b]) \
        or a >= 2 and doc[a - 2].lower_ == "according" and doc[a - 1].lower_ == "to"
    return reported and doc[a].ent_type_ == ""


def extend_left(doc: "Doc", start_tok: int) -> int:
    """"Rustam" before "Azimov" tagged alone: a given name the NER left out, hyphenated ones
    ("Kassym-Jomart") included."""
    if start_tok == 0:
        return start_tok
    prev = doc[start_tok - 1]
    if not prev.whitespace_ or prev.ent_type_ not in ("", "PERSON"):
        return start_tok
    first = _unit_start(doc, start_tok - 1)
    if _name_word(doc[first]) and not doc[first].is_sent_start and (
            first == start_tok - 1 or prev.is_alpha and prev.text[:1].isupper()):
        return first
    return start_tok


_DELEGATION = re.compile(
    r"(?:^|[,;(]\s*|\b[Tt]he\s+)([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\s+(?:delegation|side|team)\s+"
    r"(?:(?:was|is|were|will\s+be)\s+)?(?:led|headed|represented|chaired)?\s*by\s+[^,;.]*$")


def delegation_party(text: str, start: int) -> str | None:
    """"The Kazakh delegation was led by Foreign Minister Marat Zhumabayev": the party of a
    person named as the head of a delegation or side."""
    window = text[max(0, start - 160):start]
    m = _DELEGATION.search(window)
    return gz.party_code(m.group(1)) if m else None


def role_of(reading: RoleReading) -> Role:
    return Role(reading.title, reading.organization)
