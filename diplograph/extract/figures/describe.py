"""What a figure measures and whether it is a change, from the words around it (measures.json)."""
from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from diplograph.knowledge import load

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_M = load("measures")


def _cue_table(table: dict[str, list[str]]) -> dict[str, tuple[str, str | None]]:
    """cue → (measure, the part of speech it must have, or None)."""
    out: dict[str, tuple[str, str | None]] = {}
    for m, words in table.items():
        for w in words:
            word, _, pos = w.partition("/")
            out[word] = (m, pos or None)
    return out


_WEAK_TABLE = _cue_table(_M["weak_cues"])
_WEAK = frozenset(_WEAK_TABLE)
_CUES = {**_WEAK_TABLE, **_cue_table(_M["cues"])}
_RATE_OF_CHANGE = frozenset(_M["rate_of_change"])
_UP = _M["change"]["increase"]
_DOWN = _M["change"]["decrease"]
_CHANGE_VERBS: dict[str, str] = {**{w: "increase" for w in _UP["verbs"]}, **{w: "decrease" for w in _DOWN["verbs"]}}
_CHANGE_NOUNS: dict[str, str] = {**{w: "increase" for w in _UP["nouns"]}, **{w: "decrease" for w in _DOWN["nouns"]}}
_CHANGE_MODIFIERS: dict[str, str] = {**{w: "increase" for w in _UP["modifiers"]},
                                     **{w: "decrease" for w in _DOWN["modifiers"]}}
_CHANGE_WORDS = {**_CHANGE_VERBS, **_CHANGE_NOUNS}
_DIRECT: dict[str, str] = {**{w: "increase" for w in _UP["direct"]}, **{w: "decrease" for w in _DOWN["direct"]}}
_COMPARATIVES: dict[str, str] = {**{w: "increase" for w in _UP["comparatives"]},
                                 **{w: "decrease" for w in _DOWN["comparatives"]}}
_LEVEL_MARKERS = frozenset(_M["change"]["level_markers"])
_TIME_NOUNS = frozenset(_M["time_nouns"])
# Names of things ("World Trade Organisation", "International Monetary Fund") say nothing about a figure.
_NAME_ENTS = frozenset({"ORG", "GPE", "PERSON", "NORP", "LOC", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
# A cue inside the "of" phrase of a percentage names its base ("1% of national income"), not
# what it measures; such cues only count when nothing else does.
_BASE_PENALTY = 1000
# A weak cue ("agreement", "project") loses to any other cue in the same clause; it is a
# smaller penalty than the base one, so "1% of the project" still prefers a named measure.
_WEAK_PENALTY = 100
# Distance in words only breaks ties between cues equally far in the parse.
_LINEAR_WEIGHT = 1000


def _lemma(tok: "Token") -> str:
    return tok.lemma_.lower()


def _next_word(tok: "Token") -> "Token | None":
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and doc[i].text in ("-", "\u2010", "\u2011"):
        i += 1
    return doc[i] if i < len(doc) and i - tok.i <= 2 else None


def cue_of(tok: "Token") -> tuple[str, str] | None:
    """(measure, cue) for a token starting a two-word or one-word cue."""
    if tok.ent_type_ in _NAME_ENTS:
        return None
    nxt = _next_word(tok)
    if nxt is not None and nxt.ent_type_ not in _NAME_ENTS:
        pair = f"{_lemma(tok)} {_lemma(nxt)}"
        if pair in _CUES and _pos_fits(_CUES[pair][1], nxt):
            return _CUES[pair][0], pair
    for word in (_lemma(tok), tok.lower_):
        hit = _CUES.get(word)
        if hit is not None and _pos_fits(hit[1], tok):
            return hit[0], word
    return None


def _pos_fits(required: str | None, tok: "Token") -> bool:
    # The tagger often calls a capitalised sentence-initial noun a proper noun ("Trade between
    # ..."); names proper are already ruled out by their entity label.
    return required is None or tok.pos_ == required or (required == "NOUN" and tok.pos_ == "PROPN")


def is_time(tok: "Token") -> bool:
    """A word naming a stretch of time ("year", "last year", "the first quarter")."""
    return tok.ent_type_ in ("DATE", "TIME") or _lemma(tok) in _TIME_NOUNS


def measure(anchor: "Token", levels: Iterable[tuple["Token", list["Token"]]], skip: Collection[int],
            percent: bool) -> tuple[str, str] | None:
    """(measure, cue) of the cue nearest ``anchor`` in the parse, in the innermost clause that has one."""
    base = _of_phrase(anchor) if percent else set()
    for _, toks in levels:
        best: tuple[float, str, str] | None = None
        for tok in toks:
            if tok.i in skip:
                continue
            hit = cue_of(tok)
            if hit is None:
                continue
            pair = " " in hit[1]
            near = _tree_distance(anchor, tok)
            if pair:
                nxt = _next_word(tok)
                if nxt is not None:
                    near = min(near, _tree_distance(anchor, nxt))
            dist = (near + abs(tok.i - anchor.i) / _LINEAR_WEIGHT - (0.5 if pair else 0)
                    + (_BASE_PENALTY if tok.i in base else 0) + (_WEAK_PENALTY if hit[1] in _WEAK else 0))
            if best is None or dist < best[0]:
                best = (dist, hit[0], hit[1])
        if best is not None:
            return best[1], best[2]
    return None


def _tree_distance(a: "Token", b: "Token") -> int:
    """Edges between two tokens in the parse: "German investment in Kazakhstan's economy totalled
    $2bn" puts the subject's head (investment) nearer the amount than a noun inside it (economy)."""
    up: dict[int, int] = {}
    t, n = a, 0
    while True:
        up[t.i] = n
        if t.head.i == t.i:
            break
        t, n = t.head, n + 1
    t, n = b, 0
    while t.i not in up:
        if t.head.i == t.i:
            return n + len(up)
        t, n = t.head, n + 1
    return n + up[t.i]


def _of_phrase(anchor: "Token") -> set[int]:
    out: set[int] = set()
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            out.update(t.i for t in child.subtree)
    return out


def change(phrase: "Span", lead: int, percent: bool, cue: str | None) -> str | None:
    """"increase"/"decrease" when the figure itself is a change; None for a level.

    ``lead`` is the token index where the figure's words begin (its hedge included).
    """
    doc = phrase.doc
    if lead < phrase.start and doc[lead].lower_ in _LEVEL_MARKERS:
        return None  # "fell below 10%": a level reached, hedged
    root = phrase.root
    if root.dep_ in ("dobj", "nsubjpass") and _lemma(root.head) in _DIRECT:
        return _DIRECT[_lemma(root.head)]  # "cut £35bn", "cut a further £5bn", "£2bn was added"
    prev = doc[lead - 1] if lead > 0 else None
    prev2 = doc[lead - 2] if lead > 1 else None
    if prev is not None:
        word = prev.lower_
        if word == "by":
            # "rose by", "lift the audience share by": the word "by" hangs from says which way.
            for t in (prev.head, prev2):
                if t is not None and t.i < prev.i:
                    hit = _CHANGE_WORDS.get(_lemma(t)) or _CHANGE_WORDS.get(t.lower_)
                    if hit:
                        return hit
            return None
        if word == "of" and prev2 is not None and _lemma(prev2) in _CHANGE_NOUNS:
            return _CHANGE_NOUNS[_lemma(prev2)]
        if (percent and prev.pos_ in ("VERB", "ADV", "ADP") and prev.dep_ != "prt"
                and _lemma(prev) in _CHANGE_VERBS):  # "rose 5%", "up 5%"; not "make up 30%"
            return _CHANGE_VERBS[_lemma(prev)]
        for t in (prev, prev2):
            if t is not None and t.lower_ in _CHANGE_MODIFIERS:
                return _CHANGE_MODIFIERS[t.lower_]
    nxt = doc[phrase.end] if phrase.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _COMPARATIVES:
        return _COMPARATIVES[nxt.lower_]  # "24% higher than", "sold 2.1% more cars"
    noun = attributive_noun(phrase) or nxt
    if noun is not None and noun.pos_ == "NOUN" and _lemma(noun) in _CHANGE_NOUNS:
        return _CHANGE_NOUNS[_lemma(noun)]  # "a 35% hike", "a 5% annual increase"
    if percent and cue in _RATE_OF_CHANGE:
        return "increase"
    return None


def attributive_noun(phrase: "Span") -> "Token | None":
    """The noun a percentage modifies as an adjective ("a 100% effort"), when it does."""
    doc = phrase.doc
    if phrase.end >= len(doc):
        return None
    nxt = doc[phrase.end]
    last = doc[phrase.end - 1]
    head = last.head
    if (nxt.pos_ in ("NOUN", "ADJ", "PROPN") and phrase.end <= head.i <= phrase.end + 3
            and last.dep_ in ("compound", "amod", "nmod", "nummod")):
        return head
    return None


def manner_of_speaking(phrase: "Span") -> bool:
    """A percentage used as an adverb or adjective of degree ("100% certain", "a 100% effort")."""
    noun = attributive_noun(phrase)
    if noun is not None:
        # "rose 22% year on year": a time noun after a percentage is the period, not a degree.
        return not (is_time(noun) or names_measure(phrase, noun))
    doc = phrase.doc
    nxt = doc[phrase.end] if phrase.end < len(doc) else None
    return (nxt is not None and nxt.pos_ == "ADJ" and nxt.lower_ not in _COMPARATIVES
            and cue_of(nxt) is None and not (nxt.dep_ == "amod" and is_time(nxt.head)))


def names_measure(phrase: "Span", noun: "Token") -> bool:
    """Whether the words from a figure to the noun it modifies say what it measures or how it changed."""
    for t in phrase.doc[phrase.end:noun.i + 1]:
        if cue_of(t) is not None or _lemma(t) in _CHANGE_NOUNS:
            return True
    return False
