"""Event mentions: the noun phrases that name a meeting, summit, visit, ... and their names.

A mention is found at an event noun (``events.json`` heads) and grows left over its
modifiers and right over name prepositions ("talks *on the future of Gibraltar*"), stopping
at a place, a date, a clause or punctuation. "The tenth meeting of the X Dialogue" is named by
its complement ("X Dialogue"). Mentions inside quotation marks are names or scare quotes
and are skipped.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from diplograph.extract.dates import ORDINALS
from diplograph.knowledge import gazetteer, load
from diplograph.model import Delegation
from diplograph.extract.context import doc_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

_E = load("events")
HEADS: dict[str, str] = _E["heads"]
COMPOUND_HEADS: dict[str, str] = _E["compound_heads"]
GENERIC_HEADS: frozenset[str] = frozenset(_E["generic_heads"])
WEAK_HEADS: frozenset[str] = frozenset(_E["weak_heads"])
NOT_NAMES: frozenset[str] = frozenset(_E["not_names"])
DISTINCT: frozenset[str] = frozenset(_E["distinct_modifiers"])
NAME_PREPS: frozenset[str] = frozenset(_E["name_preps"])
TYPE_CUES: dict[str, list[str]] = _E["type_cues"]
SIGNING_HEADS: frozenset[str] = frozenset(_E["signing_heads"])
SIGN_VERBS: frozenset[str] = frozenset(_E["sign_verbs"])
SIGNING_NOUNS: frozenset[str] = frozenset(_E["signing_nouns"])
NAME_STOPS: frozenset[str] = frozenset(_E["name_stops"])
_PLACE_NOUNS: frozenset[str] = frozenset(_E["place_nouns"])
_CUE_BLOCKERS: tuple[str, ...] = tuple(_E["type_cue_blockers"])
SESSION_HEADS: dict[str, str] = _E["session_heads"]
_NUMBERED_TYPE: str = _E["numbered_session_type"]
_NUMBERED = frozenset(o["acronym"].lower() for o in load("organizations")["organizations"]
                      if o.get("numbered") and o.get("acronym"))
_NUMBERED_SESSION = re.compile(r"([A-Za-z]{2,6})-?(\d{1,2})")
NAME_BREAK_TEXTS: tuple[str, ...] = tuple(_E["name_breaks"])
_NAME_BREAKS: tuple[tuple[str, ...], ...] = tuple(tuple(b.split()) for b in NAME_BREAK_TEXTS)
_WEEKDAYS = frozenset(load("temporal")["weekdays"])
_MONTHS = frozenset(load("temporal")["months"])

_FUNCTION = frozenset({"the", "a", "an", "of", "and", "on", "in", "at", "for", "with", "to",
                       "between", "among", "about", "over", "'s", "’s", "-", "–", "—", "its",
                       "their", "his", "her", "our", "this", "that", "these", "those"})
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&\-]{1,14})\)")
_ORDINAL_NUM = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$", re.IGNORECASE)
_DURATIONS = frozenset({"day", "days", "week", "month", "year", "hour", "long"})
_STOP_CHARS = frozenset({",", "(", ")", ";", ":", "«", "»", "“", "”", '"'})


@dataclass(slots=True)
class Mention:
    head: int                 # token index of the event noun
    sent: int                 # sentence index
    start: int                # char span of the whole phrase (evidence)
    end: int
    name_start: int           # char span of the name
    name_end: int
    type: str
    generic: bool             # nothing but the event noun ("the meeting", "the event")
    proper: bool              # a capitalised name ("Second Consultative Meeting of ...")
    definite: bool
    distinct: bool            # "a", "next", "another", an ordinal: a different event
    strict_type: bool         # the head fixes the type ("dialogue", "summit"), unlike "meeting"
    complement: bool = False   # named by a prepositional phrase ("talks on X")
    ordinal: int | None = None
    acronym: str | None = None
    content: frozenset[str] = field(default_factory=frozenset)
    left_modifiers: list[int] = field(default_factory=list)   # token indices before the head
    session: bool = False      # a session of a body ("UN General Assembly", "COP29"), not an event noun
    label: str | None = None   # a name built from a clause ("visit to Beijing"), for verb mentions
    noun: str | None = None    # the event noun a verb mention stands for ("meeting", "visit")
    attendees: list[Delegation] = field(default_factory=list)  # persons a verb names as taking part


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _head_type(tok: "Token") -> tuple[str | None, bool]:
    """(type, generic-only) of a token that may head an event mention."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None, False
    low = tok.lower_
    if tok.i > 0:
        pair = f"{tok.doc[tok.i - 1].lower_} {low}"
        if pair in COMPOUND_HEADS:
            return COMPOUND_HEADS[pair], False
    if low in HEADS:
        return HEADS[low], False
    if low in SIGNING_HEADS:
        return "signing", False
    if low in GENERIC_HEADS:
        return "meeting", True
    return None, False


def _session_type(tok: "Token") -> str | None:
    """The event type of a body's session named by ``tok``: "(UN) General Assembly", "COP29"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.i > 0:
        t = SESSION_HEADS.get(f"{tok.doc[tok.i - 1].lower_} {tok.lower_}")
        if t:
            return t
    m = _NUMBERED_SESSION.fullmatch(tok.text)
    return _NUMBERED_TYPE if m and m.group(1).lower() in _NUMBERED else None


def find(doc: "Doc", text: str, sent_starts: list[int]) -> list[Mention]:
    quotes = quoted_spans(text)
    covered: set[int] = set()
    out: list[Mention] = []
    for tok in doc_tokens(doc):
        if tok.i in covered:
            continue
        etype, generic_only = _head_type(tok)
        session = False
        if etype is None:
            etype = _session_type(tok)
            session = etype is not None
        if etype is None or _inside(quotes, tok.idx):
            continue
        head = tok.head
        if tok.dep_ == "compound" and head.i > tok.i and head.pos_ in ("NOUN", "PROPN"):
            continue  # "summit meeting": the mention is at "meeting"
        m = _build(doc, text, tok, etype, generic_only, sent_starts)
        if m is None:
            continue
        m.session = session
        covered.update(t.i for t in doc.char_span(m.start, m.end, alignment_mode="expand") or [])
        out.append(m)
    return out


def _left_start(tok: "Token") -> int:
    """First token of the name on the left of ``tok``, skipping determiners and qualities."""
    doc = tok.doc
    i = tok.left_edge.i
    while i < tok.i:
        t = doc[i]
        low = t.lower_
        if i + 2 < tok.i and doc[i + 1].text == "-" and f"{low}-{doc[i + 2].lower_}" in NOT_NAMES:
            i += 3
            continue
        if (t.pos_ in ("DET", "PRON", "PUNCT", "ADP", "CCONJ", "ADV", "SCONJ") or low in NOT_NAMES
                or low in ORDINALS or (low in _DURATIONS and i > 0 and doc[i - 1].text == "-")
                or low in _WEEKDAYS or low in ("'s", "’s") or (t.like_num and not t.is_upper)
                or (t.tag_ == "POS")):
            i += 1
            continue
        if i + 2 < tok.i and doc[i + 1].text == "-" and f"{low}-{doc[i + 2].lower_}" in NOT_NAMES:
            i += 3
            continue
        if i + 1 < tok.i and doc[i + 1].tag_ == "POS" and (low in _WEEKDAYS or t.ent_type_ == "DATE"):
            i += 2
            continue
        break
    return i


def _cut(doc: "Doc", first: int, last: int) -> int:
    """Index one past the last token of a name complement running from ``first`` to ``last``."""
    for k in range(first, last + 1):
        t = doc[k]
        if _breaks_at(doc, k):
            return k
        if k > first and (t.text in _STOP_CHARS or t.lower_ in ("which", "that", "who", "where", "when")
                          or t.dep_ == "relcl" or (t.pos_ == "AUX" and t.dep_ != "auxpass")):
            return k
        if k > first and t.pos_ == "CCONJ" and k + 1 <= last and doc[k + 1].pos_ == "ADP":
            return k  # "... of the EU and on the implementation of ...": a second object of the verb
        if t.lower_ in ("in", "at", "during", "on", "from", "until", "by") and t.pos_ == "ADP":
            nxt = [c for c in t.children if c.dep_ == "pobj"]
            obj = nxt[0] if nxt else (doc[k + 1] if k + 1 < len(doc) else None)
            if obj is not None and (obj.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME")
                                    or obj.lower_ in _WEEKDAYS or obj.lower_ in _MONTHS
                                    or obj.like_num or obj.lemma_.lower() in _PLACE_NOUNS):
                return k
    return last + 1


def _breaks_at(doc: "Doc", k: int) -> bool:
    """Whether a framing phrase ("on the sidelines of") starts at token ``k``."""
    return any(doc[k].lower_ == b[0] and k + len(b) <= len(doc)
               and all(doc[k + j].lower_ == w for j, w in enumerate(b)) for b in _NAME_BREAKS)


def _right_end(tok: "Token", end: int = 0) -> int:
    doc = tok.doc
    end = end or tok.i + 1
    for c in tok.rights:
        if c.i < end:
            continue
        if c.dep_ == "prep" and c.lower_ in NAME_PREPS and c.i == end:
            stop = _cut(doc, c.i, c.right_edge.i)
            if stop <= c.i + 1:
                break
            stop = _extend_title(doc, stop) if tok.is_title else stop
            end = stop
            if stop <= c.right_edge.i:
                break
        elif c.dep_ in ("compound", "amod", "nmod") and c.i == end:
            end = c.right_edge.i + 1
        else:
            break
    return end


_CONNECT = frozenset({"of", "the", "and", "for", "on", "-", "–", "&"})


def _extend_title(doc: "Doc", end: int) -> int:
    """A capitalised name runs on over connectives ("... of Central Asia and the President of
    the European Council") as long as it ends on a capitalised word."""
    sent_end = doc[end - 1].sent.end if end > 0 else len(doc)
    best, k = end, end
    while k < sent_end and (doc[k].lower_ in _CONNECT or doc[k].is_title or doc[k].is_upper):
        if doc[k].is_title or doc[k].is_upper:
            best = k + 1
        k += 1
    return best


_DASHES = frozenset({"-", "–", "—"})
# A party before a dash is at most this many words ("Kyrgyz Republic", "Republic of Korea").
PARTY_WORDS = 3


def _is_party(words: str) -> bool:
    org = gazetteer.organization(words)
    return bool(gazetteer.party_code(words) or gazetteer.region(words) or (org is not None and org.country is None))


def _dash_party(doc: "Doc", left: int) -> "Token | None":
    """"the first EU–Central Asia Summit": where the parser cut a format's name at its dash,
    the token that ends the party before the dash."""
    if left < 2 or doc[left - 1].text not in _DASHES or doc[left - 1].whitespace_ and not doc[left - 2].whitespace_:
        return None
    end = left - 2
    for start in range(max(0, end - PARTY_WORDS + 1), end + 1):
        if doc[start].is_sent_start and start < end:
            continue
        if all(t.is_title or t.is_upper or t.lower_ == "of" for t in doc[start:end + 1]) and _is_party(
                doc[start:end + 1].text):
            return doc[start]
    return None


def _modifiers_before(doc: "Doc", i: int) -> list[int]:
    """The determiner and adjectives right before token ``i`` ("the first")."""
    k = i
    while k > 0 and not doc[k].is_sent_start and doc[k - 1].pos_ in ("DET", "ADJ", "NUM") and doc[k - 1].lower_ not in _FUNCTION - {"the", "a", "an"}:
        k -= 1
    return list(range(k, i))


def _inner_name(tok: "Token") -> "Token | None":
    """"meeting of the X Dialogue": the capitalised event noun that names a generic head."""
    if tok.lower_ not in WEAK_HEADS:
        return None
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            for obj in c.children:
                if obj.dep_ != "pobj":
                    continue
                obj = _past_dash(obj) or obj
                if obj.is_title and _head_type(obj)[0] and not _head_type(obj)[1]:
                    return obj
    return None


def _past_dash(tok: "Token") -> "Token | None":
    """"round of the EU–Kyrgyz Republic Human Rights Dialogue" parsed as "round of the EU": the
    event noun that ends the capitalised run after the dash."""
    doc = tok.doc
    k = tok.i + 1
    if k + 1 >= len(doc) or doc[k].text not in _DASHES or not _is_party(tok.text):
        return None
    k += 1
    while k + 1 < len(doc) and (doc[k + 1].is_title or doc[k + 1].is_upper) and not doc[k + 1].is_sent_start:
        k += 1
    return doc[k] if doc[k].is_title else None


def signed(tok: "Token") -> bool:
    """Whether the text tells of signing this document: "signed a memorandum", "the treaty was
    signed", "signed a series of agreements", "the signing of the declaration"."""
    t = tok
    while t.dep_ == "conj":
        t = t.head
    while t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
        if t.head.head.lower_ in SIGNING_NOUNS:
            return True
        t = t.head.head
    return t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_ in SIGN_VERBS


def _signing_label(doc: "Doc", tok: "Token", right: int) -> str:
    """"signing of 16 commercial agreements": the document phrase as the text gives it."""
    first = tok
    while first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.pos_ == "NOUN":
        first = first.head.head  # "a series of agreements"
    end = right
    for k in range(tok.i + 1, right):
        if doc[k].is_punct or doc[k].lower_ in NAME_STOPS:
            end = k
            break
    if end == right:
        # "signed a memorandum [of understanding] on a strategic partnership": the topic may hang on the verb
        verb = first.head
        for c in verb.rights:
            if c.dep_ == "prep" and c.lower_ in ("on", "about") and c.i == end:
                stop = next((k for k in range(c.i, c.right_edge.i + 1) if doc[k].is_punct), c.right_edge.i + 1)
                end = stop
    words = doc[first.left_edge.i:end].text
    return "signing of " + re.sub(r"\s+", " ", words)


def _build(doc: "Doc", text: str, tok: "Token", etype: str, generic_only: bool,
           sent_starts: list[int]) -> Mention | None:
    is_signed = etype == "signing" and tok.lower_ not in SIGNING_NOUNS and signed(tok)
    if etype == "signing" and not is_signed and (tok.lower_ in SIGNING_HEADS or tok.is_title or (
            tok.dep_ == "pobj" and tok.head.lower_ in NAME_STOPS)):
        return None  # a document named or listed, not the signing of it
    inner = _inner_name(tok)
    named = inner or tok
    ntype = _head_type(named)[0] or etype
    left = _left_start(named)
    party = _dash_party(doc, left)
    if party is not None:
        left = party.i
    right = _right_end(named)
    if right <= named.i:
        right = named.i + 1
    if inner is not None and right == inner.right_edge.i + 1:
        # "the 19th meeting of the Cooperation Council between the EU and ...": the outer noun's complement
        right = max(right, _right_end(tok, right))
    if left == named.i and right == named.i + 1:  # a bare noun keeps the word that sets it apart ("next meeting")
        left = next((i for i in range(tok.left_edge.i, named.i) if doc[i].lower_ in DISTINCT), left)
    name_start = doc[left].idx
    name_end = doc[right - 1].idx + len(doc[right - 1].text)
    acronym = None
    am = _ACRONYM.match(text, name_end)
    if am and _acronym_fits(am.group(1), text[name_start:name_end], named.text):
        acronym = am.group(1)
    phrase_start = min(doc[tok.left_edge.i].idx, name_start)
    phrase_end = max(name_end, am.end() if am and acronym else name_end)
    mods = list(range(tok.left_edge.i, tok.i)) + (list(range(named.left_edge.i, named.i)) if inner else [])
    if party is not None and party.i < tok.left_edge.i:
        mods = _modifiers_before(doc, party.i) + mods
    dets = [doc[i].lower_ for i in mods]
    ordinal = None
    for i in mods:
        ordinal = ordinal or _ordinal(doc[i].text)
    name_tokens = [t for t in doc[left:right]]
    content = frozenset(t.lower_ for t in name_tokens
                        if t.i != named.i and t.lower_ not in _FUNCTION and not t.is_punct
                        and t.lower_ not in NOT_NAMES)
    first_in_sent = named.i == doc[named.i].sent.start
    proper = named.text[:1].isupper() and not (first_in_sent and named.i == left and not inner)
    definite = any(d in ("the", "this", "that", "these", "those", "its", "their", "our", "his", "her")
                   for d in dets) or any(doc[i].tag_ == "POS" for i in mods)
    distinct = (any(d in ("a", "an", "another") or d in DISTINCT for d in dets) or ordinal is not None
                or any(doc[i].lower_ in _MONTHS for i in mods))
    if "other" in dets or (etype == "signing" and not (definite or distinct or is_signed)):
        return None
    label = _signing_label(doc, tok, right) if is_signed else None
    if label:
        content = frozenset(w for w in re.findall(r"[a-z0-9]+", label.lower())
                            if w not in _FUNCTION and w != "signing")
    strict = named.lower_ not in WEAK_HEADS and not generic_only
    sent = bisect.bisect_right(sent_starts, tok.idx) - 1
    return Mention(head=tok.i, sent=sent, start=phrase_start, end=phrase_end,
                   name_start=name_start, name_end=name_end,
                   type=_cue_type(ntype, text[name_start:name_end]), generic=(not content) and not proper,
                   proper=proper, definite=definite, distinct=distinct, strict_type=strict,
                   complement=right > named.i + 1 and any(t.dep_ == "prep" for t in doc[named.i + 1:right]),
                   ordinal=ordinal, acronym=acronym, content=content,
                   left_modifiers=mods, label=label, noun="signing" if label else None)


def _ordinal(word: str) -> int | None:
    low = word.lower()
    if low in ORDINALS:
        return ORDINALS[low]
    m = _ORDINAL_NUM.match(low)
    return int(m.group(1)) if m else None


def cue_type(text: str) -> str | None:
    low = f" {text.lower()} "
    for b in _CUE_BLOCKERS:  # a meeting of deputy (foreign) ministers is no ministerial
        low = re.sub(rf" {b} (?:\w+ ){{0,2}}?minister\w*| {b} \w+", " ", low)
    for etype in ("summit", "ministerial"):
        if any(f" {c} " in low or f" {c}'" in low for c in TYPE_CUES[etype]):
            return etype
    return None


def _cue_type(etype: str, name: str) -> str:
    """A "meeting" of heads of state is a summit, of ministers a ministerial."""
    if etype != "meeting":
        return etype
    return cue_type(name) or etype


_WORD = re.compile(r"[A-Za-z0-9]+")


def _acronym_fits(acr: str, name: str, head: str) -> bool:
    """The acronym spells the initials of a tail of the name that ends with its event noun."""
    words = [w for w in _WORD.findall(name) if w.lower() not in _FUNCTION]
    letters = acr.replace("-", "").replace("&", "").upper()
    if head not in words:
        return False
    h = len(words) - 1 - words[::-1].index(head)
    for s in range(h + 1):
        if "".join(w[0] for w in words[s:h + 1]).upper() == letters:
            return True
    return False


def span_tokens(doc: "Doc", start: int, end: int) -> "SpacySpan | None":
    return doc.char_span(start, end, alignment_mode="expand")
