"""Reporting frames from the dependency parse: a cue ("said", "called on", "according to"),
the phrase that names the speaker, and the char span(s) of the reported content.

One pass over the tokens; each frame looks only at its verb's own children and subtree.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from diplograph.extract.statements.lexicon import Lexicon
from diplograph.knowledge import gazetteer
from diplograph.extract.context import doc_text, doc_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Objects shorter than this ("welcomed the move", "welcomed the statement") are reactions,
# not reported content. Calibrated on the dev golds: every object the golds keep as a
# statement has >= 4 words, the reactions they leave out have <= 3.
MIN_OBJECT_WORDS = 4

_CLAUSE_DEPS = frozenset({"ccomp"})
# an addressee phrase kept in the cue: 'told a press conference', 'told the BBC's reporters'
_LISTENER_DEPS = frozenset({"det", "compound", "amod", "poss", "case"})
MAX_LISTENER_TOKENS = 4
# a speaker's label in a transcript is a name: 'Karoblis:', 'Raimundas Karoblis:'
MAX_LABEL_TOKENS = 4
_OBJECT_DEPS = frozenset({"dobj"})
# 'said the EU's High Representative for Foreign Affairs Kaja Kallas' stops at 'for'; a name
# with its title before it runs over 6 tokens in the dev texts and own reports
MAX_INVERTED_TOKENS = 8
# 'According to <source>, …' with a flat parse: the source runs to the comma, at most this
# many tokens ('the Ministry of Economic Development and Trade of Tajikistan' is 9)
MAX_SOURCE_TOKENS = 14
MAX_NAME_TOKENS = 4
# named entity labels of adjuncts that say when or where, not what
_WHEN_WHERE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
# tokens after which a capital opens a new sentence or a quotation, not a name
_OPENERS = frozenset({".", "!", "?", ":", "\n", "\n\n", "\"", "“", "«", "'", "‘", "(", "—", "–", "-"})
_TRIM = " \t\r\n,;:—–-"
_TRIM_END = _TRIM + "."
# content opening with a relative pronoun is a misparse ("…, which appears to be wasted, he says")
_RELATIVE = re.compile(r"(?:which|who|whom|whose)\b", re.I)
_DANGLING = re.compile(r"[\s,]+(?:and|but|or)$")


@dataclass(slots=True)
class Frame:
    verb: "Token"
    cue: str | None
    cue_start: int
    cue_end: int
    subject: "Token | None"
    content: list[tuple[int, int]] = field(default_factory=list)
    kinds: frozenset[str] = frozenset()
    # the frame may take an adjacent quotation as its content ("X said: «…»")
    takes_quote: bool = False
    requires_quote: bool = False
    # the token heading the reported content (a clause's verb, an object's noun)
    head: "Token | None" = None

    @property
    def start(self) -> int:
        starts = [self.cue_start] + [a for a, _ in self.content]
        if self.subject is not None:
            starts.append(self.subject.left_edge.idx)
        return min(starts)

    @property
    def end(self) -> int:
        return max([self.cue_end] + [b for _, b in self.content])


def _end(tok: "Token") -> int:
    return tok.idx + len(tok.text)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM_END:
        b -= 1
    m = _DANGLING.search(text, a, b)
    return (a, m.start()) if m else (a, b)


def _subject(verb: "Token", is_cue: Callable[["Token"], bool], body: int = 0,
             in_quote: Callable[[int], bool] = lambda _: False) -> "Token | None":
    """The verb's subject, or its conjunct head's; ``body`` is where the text after the
    dateline starts: the parse can make the dateline a subject ('HANOI (VNA) - Deputy Prime
    Minister X said': 'HANOI' and 'X' both nsubj, or 'X' an apposition of 'HANOI'). A
    subject inside a quotation is the parse's slip over a split quotation ('“The Kyrgyz
    Republic,” said High Representative X, “is …”'): the name after the verb speaks."""
    tok = verb
    if (verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i
            and not any(c.dep_.startswith("nsubj") for c in verb.children)):
        # '…, he said, adding that …': the participle shares the subject; so it does when the
        # parse hangs it on the reported clause ('said the regime had helped exporters,
        # adding that …')
        head = verb.head
        for _ in range(3):
            if is_cue(head) or verb.doc[verb.i - 1].text != "," or head.dep_ not in ("ccomp", "conj"):
                break
            head = head.head
        if is_cue(head):
            tok = head
    elif (verb.dep_ == "csubj" and verb.tag_ == "VBG" and verb.i > 0
          and verb.doc[verb.i - 1].text == ","
          and not any(c.dep_.startswith("nsubj") for c in verb.children)):
        # '"…," said X, adding that Moscow … had little choice': the parse makes the
        # participle the subject of the reported clause; the cue above it speaks
        head = verb.head
        for _ in range(3):
            if is_cue(head) or head.dep_ not in ("ccomp", "conj"):
                break
            head = head.head
        if is_cue(head) and head.i < verb.i:
            tok = head
    elif (verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","
          and not any(c.dep_.startswith("nsubj") for c in verb.children)):
        # 'The representative, noting that …, said …': a participle set off after the
        # subject is that subject's; the parse hangs it on the noun or on the later verb
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
            return _after_dateline(verb.head, body)
        if verb.dep_ == "advcl" and verb.i < verb.head.i and is_cue(verb.head):
            tok = verb.head
    for _ in range(4):  # "welcomed X and said Y": the conjunct inherits the subject
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return None
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and any(ch.isalnum() for ch in c.text)]
        subjects = [s for c in subjects if (s := _after_dateline(c, body)) is not None]
        if subjects and all(in_quote(c.idx) for c in subjects):
            return _inverted(tok)
        subjects = [c for c in subjects if not in_quote(c.idx)]
        if subjects:
            c = subjects[0]
            if c.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                return tok.head
            return c
        if tok.dep_ == "xcomp" and verb.tag_ == "VBD" and verb.dep_ == "conj":
            # 'urged partners to step up … and invited …': a past tense conjoined to an
            # infinitive is the parse's slip; it goes with the verb governing the infinitive
            tok = tok.head
            continue
        if tok.dep_ != "conj" or tok.head.pos_ not in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


def _inverted(verb: "Token") -> "Token | None":
    """The last noun of the phrase right after the verb: 'said High Representative X'."""
    last = None
    for t in verb.doc[verb.i + 1:verb.i + 1 + MAX_INVERTED_TOKENS]:
        if t.pos_ in ("PROPN", "NOUN"):
            last = t
        elif t.pos_ not in ("DET", "ADJ"):
            break
    return last


def _after_dateline(subj: "Token", body: int) -> "Token | None":
    if subj.idx >= body:
        return subj
    return next((t for t in subj.subtree if t.idx >= body and t.head.idx < body
                 and t.pos_ in ("PROPN", "NOUN", "PRON")), None)


def _clause(verb: "Token", right_only: bool, listener: "Token | None" = None) -> "Token | None":
    """The verb's clausal complement on its right, or else on its left in the same
    paragraph (the parser can join a paragraph to the next one)."""
    right = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS and c.i > verb.i and _finite(c)]
    if not right:
        # 'said in a statement that …': the parse hangs the clause on the adjunct's noun
        right = [x for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                 for o in c.children if o.dep_ == "pobj"
                 for x in o.children if x.dep_ in ("acl", "ccomp", "relcl") and _finite(x)
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children)]
    if not right and listener is not None:
        # 'assured the participants that security … would be guaranteed': the parse makes
        # the clause relative to the addressee, but a relative 'that' is its subject, not a mark
        right = [x for x in listener.children if x.dep_ == "relcl" and _finite(x)
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children)
                 and any(s.dep_ in ("nsubj", "nsubjpass") for s in x.children)]
    if right or right_only:
        return right[0] if right else None
    for c in verb.children:
        if c.dep_ in _CLAUSE_DEPS and _finite(c) and "\n" not in doc_text(verb.doc)[c.idx:verb.idx]:
            return c
    return None


def _finite(comp: "Token") -> bool:
    """'agreed to suspend …' is an undertaking, parsed as ccomp at times; not reported speech."""
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children)


def _infinitive(verb: "Token") -> bool:
    """'allowed its participants to align efforts and outline …': a purpose, not a report."""
    if verb.tag_ == "VBD":
        return False  # a past tense is finite, whatever the parse conjoined it to
    tok = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return True
        if tok.dep_ != "conj":
            return False
        tok = tok.head
    return False


def _right_end(verb: "Token", is_cue: Callable[["Token"], bool]) -> int:
    """End of the verb's subtree, cut before a conjoined clause that is its own frame."""
    end = verb.right_edge
    # a conjoined cue of the verb's own, or a past-tense one the parse hung lower
    for c in [*verb.children, *(t for t in verb.subtree if t.tag_ == "VBD" and t.head.i != verb.i)]:
        if c.dep_ == "conj" and c.i > verb.i and is_cue(c):
            stop = c.left_edge.i - 1
            while stop > verb.i and verb.doc[stop].dep_ in ("cc", "punct"):
                stop -= 1
            if stop < end.i:
                end = verb.doc[stop]
    while end.i > verb.i and end.dep_ == "punct" and end.text in ".,;:!?":
        end = verb.doc[end.i - 1]
    return _end(end)


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w) and w.lower() not in ("'s", "’s"))


def _cue(verb: "Token", extra: "Token | None") -> tuple[str, int, int]:
    doc = verb.doc
    first = verb
    # keep a perfect auxiliary ("has said") as the golds do
    if verb.i > 0 and doc[verb.i - 1].lemma_ == "have" and doc[verb.i - 1].dep_ == "aux":
        first = doc[verb.i - 1]
    last = extra if extra is not None and extra.i > verb.i else verb
    if extra is not None and extra.dep_ in ("dobj", "dative") and extra.i > verb.i:
        # the whole addressee phrase: 'told a press conference', 'told the BBC'
        last = max(extra.right_edge, extra, key=lambda t: t.i)
        if last.i - verb.i <= MAX_LISTENER_TOKENS and all(
                t.dep_ in _LISTENER_DEPS for t in doc[verb.i + 1:last.i + 1] if t.i != extra.i):
            a, b = first.idx, _end(last)
            return " ".join(doc_text(doc)[a:b].split()), a, b
        last = extra
    a, b = first.idx, _end(last)
    if extra is not None and extra.i > verb.i + 1:
        return f"{doc_text(doc)[a:_end(verb)]} {extra.text}", a, b
    return doc_text(doc)[a:b], a, b


def _has_content(verb: "Token") -> bool:
    """A clause or a quotation that the addressee does not take: 'told Reuters (that) …',
    '…, he told Reuters'."""
    return any(c.dep_ in _CLAUSE_DEPS for c in verb.children) or verb.dep_ in (
        "parataxis", "ccomp", "conj") or verb.head is verb


def _according(tok: "Token", text: str) -> Frame | None:
    doc = tok.doc
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    a, b = tok.left_edge.idx, _end(tok.right_edge)
    stop = obj.i if obj is not None else min(sent.end, to.i + 1 + MAX_SOURCE_TOKENS)
    comma = next((t for t in doc[to.i + 1:stop] if t.text == ","), None)
    if obj is None or comma is not None:
        # a flat parse ('According to Abenov, Kazakhstan's trade …' with the name hung on
        # the clause, or the clause's subject made the object): the source ends at the comma
        words = [t for t in doc[to.i + 1:comma.i] if t.pos_ in ("PROPN", "NOUN")] if comma else []
        if comma is None or not words:
            return None
        obj, b = words[-1], comma.idx
    elif (name := _appositive_name(obj, b)) is not None:
        # 'According to the President of the European Council, Antonio Costa, …': the
        # name in apposition speaks, and is no part of what was said
        obj, b = name
    return _phrase_frame(tok, f"{tok.text} {to.text}", _end(to), obj, a, b, text)


def _phrase_frame(tok: "Token", cue: str, cue_end: int, speaker: "Token", a: int, b: int,
                  text: str) -> Frame | None:
    """A frame whose cue is a phrase at ``[a, b)`` ('according to X', 'in the words of X'):
    what was said is the longer rest of the sentence, before or after it (the phrase's
    subtree sometimes swallows the clause when the parse is flat)."""
    sent = tok.sent
    pieces = [_trim(text, sent.start_char, a), _trim(text, b, sent.end_char)]
    pieces = [(x, y) for x, y in pieces if y > x]
    if not pieces:
        return None
    return Frame(tok, cue, tok.idx, cue_end, speaker,
                 [max(pieces, key=lambda p: p[1] - p[0])], frozenset({"clause"}),
                 head=tok.head if tok.head.i != tok.i else None)


def _in_words_of(tok: "Token", text: str) -> Frame | None:
    """'In the words of the minister, X': the phrase attributes the rest of its sentence."""
    doc = tok.doc
    if tok.i + 3 >= len(doc) or [t.lower_ for t in doc[tok.i + 1:tok.i + 4]] != \
            ["the", "words", "of"]:
        return None
    words, of = doc[tok.i + 2], doc[tok.i + 3]
    obj = next((c for c in of.children if c.dep_ == "pobj"), None)
    if words.head.i != tok.i or of.head.i != words.i or obj is None:
        return None
    # 'the Minister of Foreign Affairs ... Jeenbek Kulubaev': the name in the phrase speaks
    phrase = list(obj.subtree)
    phrase = phrase[:next((k for k, t in enumerate(phrase) if t.text == ","), len(phrase))]
    last = phrase[-1] if phrase else obj
    # (the NER may call "... Kyrgyz Republic Jeenbek Kulubaev" one GPE: ask the gazetteer)
    if last.pos_ == "PROPN" and last.ent_type_ not in ("ORG", "NORP", "FAC") and not (
            gazetteer.country(last.text) or gazetteer.place(last.text)):
        obj = last
    return _phrase_frame(tok, text[tok.idx:_end(of)], _end(of), obj, tok.left_edge.idx,
                         _end(tok.right_edge), text)


def _appositive_name(title: "Token", end: int) -> "tuple[Token, int] | None":
    """', Name,' right after a title phrase ending at ``end``: the name's last token and
    where the apposition ends."""
    doc = title.doc
    if title.ent_type_ == "PERSON":
        return None
    i = title.right_edge.i + 1
    if i >= len(doc) or doc[i].text != "," or doc[i].idx < end:
        return None
    j = i + 1
    while j < len(doc) and doc[j].pos_ == "PROPN" and j - i <= MAX_NAME_TOKENS:
        j += 1
    name = doc[i + 1:j]
    if (not len(name) or j >= len(doc) or doc[j].text != ","
            or not any(t.ent_type_ == "PERSON" for t in name)):
        return None
    return doc[j - 1], doc[j].idx + 1


def find_frames(doc: "Doc", lex: Lexicon, in_quote: Callable[[int], bool],
                body: int = 0) -> list[Frame]:
    """Frames of the text; ``body``: where the text after the dateline starts."""
    text = doc_text(doc)

    def is_cue(t: "Token") -> bool:
        return t.pos_ == "VERB" and lex.is_cue_lemma(t.lemma_.lower())

    frames: list[Frame] = []
    for tok in doc_tokens(doc):
        if in_quote(tok.idx):
            continue
        if tok.lower_ == "according" and tok.dep_ == "prep":
            fr = _according(tok, text)
            if fr is not None:
                frames.append(fr)
            continue
        if tok.lower_ == "in" and tok.dep_ == "prep":
            fr = _in_words_of(tok, text)
            if fr is not None:
                frames.append(fr)
                continue
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        if not lex.is_cue_lemma(lemma):
            continue
        if _infinitive(tok) or (lemma in lex.past_only and tok.tag_ not in ("VBD", "VBN")):
            continue
        if _name_word(tok):
            continue
        subj = _subject(tok, is_cue, body, in_quote)
        if subj is None:
            continue
        frame = _frame(tok, lemma, subj, lex, text, is_cue)
        if frame is not None and not (tok.dep_ == "relcl" and frame.head is not None
                                      and frame.head.dep_ in _OBJECT_DEPS):
            # '…, for which the EU announced €10 billion': a relative clause recalling what was
            # announced is background; one reporting a clause ('who told reporters that …')
            # is speech
            frames.append(frame)
    return frames


def _name_word(tok: "Token") -> bool:
    """'opposition leader Said Abdullo Nuri': a capitalised cue inside a sentence, before
    another capitalised word, is part of a name."""
    if not tok.text[:1].isupper() or tok.is_sent_start or tok.i + 1 >= len(tok.doc):
        return False
    before = tok.doc[tok.i - 1]
    return before.text not in _OPENERS and tok.doc[tok.i + 1].text[:1].isupper()


def colon_frame(colon: "Token") -> Frame | None:
    """'Commissioner Sefcovic was clear: «…»': the subject of the clause before the colon
    speaks, with no reporting verb to cite."""
    if colon.i == 0:
        return None
    label = _label(colon)
    if label is not None:
        return Frame(label, None, label.idx, _end(label), label, takes_quote=True)
    verb = colon.doc[colon.i - 1]
    while verb.head.i < colon.i and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = _subject(verb, lambda t: False)
    if subj is None or subj.i > colon.i:
        return None
    return Frame(verb, None, verb.idx, verb.idx + len(verb.text), subj, takes_quote=True)


def _label(colon: "Token") -> "Token | None":
    """'Karoblis: «…»' in an interview: a name alone at the head of its paragraph, then a colon."""
    doc = colon.doc
    i = colon.i - 1
    while i >= 0 and doc[i].is_alpha and doc[i].text[0].isupper() and colon.i - i <= MAX_LABEL_TOKENS:
        i -= 1
    if i == colon.i - 1 or (i >= 0 and "\n" not in doc[i].text_with_ws):
        return None
    return doc[colon.i - 1]


def _frame(tok: "Token", lemma: str, subj: "Token", lex: Lexicon, text: str,
           is_cue: Callable[["Token"], bool]) -> Frame | None:
    particle = next((c for c in tok.children if c.dep_ in ("prep", "prt")
                     and c.lower_ in lex.particles.get(lemma, {})), None)
    kinds = lex.kinds(lemma, particle.lower_) if particle is not None else lex.kinds(lemma)
    if not kinds:
        return None
    right = _right_end(tok, is_cue)
    # 'told Reuters', 'assured the partners that …': the addressee stays in the cue
    # ('described the forum as …': a verb taking an object as its content has no listener
    # unless it also has a clause)
    listener = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i > tok.i
                     and ((c.is_lower and c.lemma_ in lex.listeners
                           and ("object" not in kinds or _has_content(tok)))
                          or (lemma in lex.addressed and _has_content(tok)))), None)
    cue, ca, cb = _cue(tok, particle if particle is not None else listener)
    frame = Frame(tok, cue, ca, cb, subj, kinds=kinds, takes_quote="clause" in kinds,
                  requires_quote="quoted" in kinds)
    # spaCy makes a new Token object at each access: compare positions, not identities
    obj = next((c for c in tok.children if c.dep_ in _OBJECT_DEPS
                and (listener is None or c.i != listener.i)), None)
    clause = "clause" in kinds

    span: tuple[int, int] | None = None
    head: "Token | None" = None
    if clause and tok.dep_ == "csubj" and tok.head.i > tok.i:
        # 'adding that Moscow … had little choice': the parse made the participle the subject
        # of the reported clause, whose words run to the end of that clause
        k = tok.i + 1
        if k < len(tok.doc) and tok.doc[k].lower_ == "that":
            k += 1
        if k < len(tok.doc):
            head = tok.head
            span = _trim(text, tok.doc[k].idx, _end(tok.head.right_edge))
    elif particle is not None and particle.dep_ == "prep":
        head = next((c for c in particle.children if c.dep_ in ("pobj", "pcomp")), None)
        span = _trim(text, head.left_edge.idx, _object_end(tok, head, right)) if head is not None else None
    elif clause and (head := _clause(tok, right_only=True, listener=listener)) is not None:
        # '"…," said X, adding that …': the participle's clause is its own statement (the
        # parse may hang it under a clause of the verb); this verb's content is the quotation
        lead = head.left_edge
        if not (lead.tag_ == "VBG" and lead.i > tok.i and is_cue(lead)):
            span = _clause_span(tok, head, text, is_cue)
    elif obj is not None and ("object" in kinds or "quoted" in kinds):
        head = obj
        a, b = _trim(text, max(obj.left_edge.idx, cb), _object_end(tok, obj, right))
        if "quoted" in kinds or _words(text[a:b]) >= MIN_OBJECT_WORDS:
            span = (a, b)
    elif not kinds.isdisjoint(("to", "gerund")) and (
            head := _infinitive_complement(tok, "to" in kinds, "gerund" in kinds)) is not None:
        a, b = _trim(text, max(head.left_edge.idx, cb), _end(head.right_edge))
        if _words(text[a:b]) >= MIN_OBJECT_WORDS:
            span = (a, b)
    elif clause and obj is None and (head := _clause(tok, right_only=False)) is not None:
        span = _clause_span(tok, head, text, is_cue)
    elif clause and obj is None and (head := _clausal_adjunct(tok, is_cue)) is not None:
        # "said for Russia to make progress the government must …": a misparsed complement
        span = _trim(text, _end(tok), right)
    elif clause and obj is None and _reversed(tok):
        # "Both sides hope to …, Mr Mandelson said."
        head = tok.head
        a = max(tok.sent.start_char, text.rfind("\n", 0, tok.idx) + 1)
        span = _trim(text, a, tok.left_edge.idx)
    if span is not None and span[1] > span[0] and not _RELATIVE.match(text, span[0]):
        frame.content = [span]
        frame.head = head
        return frame
    return frame if frame.takes_quote else None  # content only from an adjacent quotation


def _object_end(verb: "Token", obj: "Token", right: int) -> int:
    """End of an object content, less the adjuncts of time and place that close it: the
    content of 'announced the decision in Delhi on Thursday' is 'the decision'."""
    end = right
    for head in (verb, obj):  # the verb's adjuncts, then the object's own ('… in Delhi')
        for c in reversed([c for c in head.children if c.i > obj.i and c.idx < end]):
            if c.dep_ == "punct":
                continue
            if not _time_or_place(c):
                return end
            end = c.left_edge.idx
    return end


def _time_or_place(tok: "Token") -> bool:
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in _WHEN_WHERE
    if tok.dep_ != "prep":
        return False
    objs = [c for c in tok.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in _WHEN_WHERE for o in objs)


def _clause_span(verb: "Token", comp: "Token", text: str,
                 is_cue: Callable[["Token"], bool]) -> tuple[int, int]:
    first = comp.left_edge
    if first.dep_ == "mark" and first.lower_ == "that":
        first = verb.doc[first.i + 1]
    end = comp.right_edge
    for c in verb.children:  # "said X and there was Y": the conjoined clause too
        if c.dep_ == "conj" and c.i > comp.i and not is_cue(c) and c.right_edge.i > end.i:
            end = c.right_edge
    return _trim(text, first.idx, _end(end))


def _infinitive_complement(verb: "Token", to: bool = True, gerund: bool = False) -> "Token | None":
    """'pledged to provide …'; with ``gerund``, 'proposed adding …'."""
    return next((c for c in verb.children if c.dep_ == "xcomp"
                 and ((to and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children))
                      or (gerund and c.tag_ == "VBG"))), None)


def _clausal_adjunct(verb: "Token", is_cue: Callable[["Token"], bool]) -> "Token | None":
    return next((c for c in verb.rights if c.dep_ == "advcl" and not is_cue(c)
                 and any(t.dep_ == "nsubj" for t in c.children)
                 and any(t.dep_ in _CLAUSE_DEPS for t in c.subtree)), None)


def _reversed(verb: "Token") -> bool:
    """'…, Mr Mandelson said.': the attribution follows the clause after a comma or dash."""
    head = verb.head
    before = verb.left_edge.i - 1
    return (verb.dep_ in ("parataxis", "ccomp", "conj") and head.i < verb.i
            and head.pos_ in ("VERB", "AUX") and before >= 0
            and verb.doc[before].text in (",", "—", "–", "-"))
