"""Who a reporting frame's subject is: an entity, the participants as a whole, or a
description the text gives ("a UK Government official").

Entities come from the entities stage (``ctx.entity_at``: names, aliases, descriptive
references and pronouns resolved by coreference). Where that stage leaves a subject
unresolved, a pronoun or a definite description ("the diplomat") falls back to the nearest
earlier speaker of a fitting type, and a name spaCy tagged falls back to its own text.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.extract.context import Context, doc_text, doc_tokens
from diplograph.extract.statements.lexicon import Lexicon
from diplograph.knowledge import gazetteer, load

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

PARTICIPANTS = "participants"
GROUP = "group"  # several named parties speaking together
_ENT_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country"}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_LEADER_WORDS = frozenset(load("reporting").get("leaders", ()))
_HEAD_OF_STATE = frozenset(load("reporting").get("head_of_state", ()))
_STATE_TITLES = frozenset(load("reporting").get("head_of_state_titles", ()))
_WORD = re.compile(r"[a-z]+")
# A title before a name runs over nouns, adjectives and these links ("Minister of Trade and
# Integration", "Deputy Prime Minister – Minister of …"); the longest in the dev texts and own
# reports is 11 tokens ("State Secretary of the Federal Ministry for Economic Affairs …").
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET"})
_TITLE_LINKS = frozenset({"of", "for", "to", "and", "–", "-", "—"})
MAX_TITLE_TOKENS = 14
# A person's name runs over this many tokens at most ('Phan Thị Thắng', 'Maria Luisa de la
# Cruz' is 5 with the particles, which stop the untagged fallback anyway).
MAX_NAME_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Speaker:
    entity_id: str | None
    name: str
    type: str  # an entity type, "collective", "group" or "description"


class Resolver:
    def __init__(self, ctx: Context, lex: Lexicon, in_quote: Callable[[int], bool]) -> None:
        self.ctx = ctx
        self.lex = lex
        self.in_quote = in_quote
        self._ents: dict[int, "SpacySpan"] = {}
        self._full_names: dict[str, str] = {}
        self._hyphenated: dict[str, str] = {}
        # (position, person, words of the titles the text gives them): "Foreign Secretary
        # Jack Straw" lets "the foreign secretary" refer back to him
        self._titled: list[tuple[int, Speaker, frozenset[str]]] = []
        for ent in ctx.doc.ents:
            for t in ent:
                self._ents[t.i] = ent
            if ent.label_ == "PERSON" and len(ent) > 1:
                self._full_names.setdefault(ent[-1].lower_, _strip_det(ent.text))
                if "-" in ent.text:
                    # 'Cho Tae-yul', which the entities stage may have cut at the hyphen
                    self._hyphenated.setdefault(_strip_det(ent.text).rsplit("-", 1)[0], _strip_det(ent.text))
        # persons the entities stage found, by each word of their full names: "Li" or
        # "Hafiz" alone is the person named in full elsewhere in the text
        self._by_word: dict[str, set[str]] = {}
        self._persons: dict[str, Speaker] = {}
        self._countries: dict[str, str] = {}
        for e in ctx.entities:
            if e.type != "person":
                continue
            sp = Speaker(e.id, e.name, "person")
            if len(e.name.split()) > 1:
                self._persons[e.name] = sp
                for w in e.name.lower().split():
                    self._by_word.setdefault(w, set()).add(e.name)
            if e.country:
                self._countries[e.name] = e.country
            words = frozenset(w for r in e.roles for w in _WORD.findall(r.title.lower()))
            for m in e.mentions:
                span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or in_quote(m.start) or span[0].pos_ != "PROPN":
                    continue
                here = words | _title_before(ctx.doc, span.start)
                if here:
                    self._titled.append((m.start, sp, here))
        for ent in ctx.doc.ents:
            if ent.label_ == "PERSON" and not in_quote(ent.start_char):
                sp = self._named(ent[-1])
                words = _title_words(ent[-1], ent.start)
                if sp is not None and words:
                    self._titled.append((ent.start_char, sp, words))
        self._titled.sort(key=lambda x: x[0])
        # every mention of a body, speaker or not: 'Trend reports with reference to the Turkmen
        # Foreign Ministry. … According to the ministry, …'
        self._bodies = sorted(((m.start, Speaker(e.id, e.name, e.type)) for e in ctx.entities
                               if e.type == "organization" for m in e.mentions),
                              key=lambda x: x[0])
        self._gender = self._genders()
        # earlier grammatical subjects and speakers: antecedents for "he", "the diplomat"
        self._history: list[tuple[int, Speaker]] = []
        for tok in doc_tokens(ctx.doc):
            if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and not in_quote(tok.idx):
                sp = self._joint(tok) or self._named(tok)
                if sp is not None:
                    self._history.append((tok.idx, sp))
            elif tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.pos_ == "PROPN" \
                    and any(c.dep_ == "auxpass" for c in tok.head.head.children) \
                    and not in_quote(tok.idx):
                # a passive clause's agent is its logical subject: 'The meeting was chaired by
                # Prime Minister X. In his opening address, he stressed …' (not a participle's:
                # 'the rebate secured by Margaret Thatcher in 1984. He said …')
                sp = self._named(tok)
                if sp is not None and sp.type == "person":
                    self._history.append((tok.idx, sp))
            elif tok.dep_ == "nsubj" and tok.pos_ == "NOUN" and not in_quote(tok.idx):
                # 'A spokesperson for the ministry, Aibolat Seitkali, rejected …': the person
                # named in apposition to the subject
                # (the parse may hang the name on the body the title belongs to)
                sp = self._appos(tok) if tok.lemma_.lower() in lex.agents else None
                if sp is None and tok.lemma_.lower() in lex.agents:
                    sp = next((x for t in tok.subtree if t.dep_ == "appos" and t.pos_ == "PROPN"
                               and (x := self._named(t)) is not None and x.type == "person"), None)
                if sp is not None and sp.type == "person":
                    self._history.append((tok.idx, sp))

    def note(self, pos: int, speaker: Speaker) -> None:
        """Record the speaker of a statement at ``pos`` as an antecedent."""
        bisect.insort(self._history, (pos, speaker), key=lambda x: x[0])

    def previous(self, pos: int, types: frozenset[str], gender: str | None = None,
                 word: str | None = None) -> Speaker | None:
        """The last speaker or named subject before ``pos`` of one of ``types``, agreeing in
        ``gender``; with ``word``, one whose name holds it ('the ministry': a ministry)."""
        return self._last_before(pos, lambda sp: (
            sp.type in types and (gender is None or self._gender.get(sp.name, gender) == gender)
            and (word is None or word in sp.name.lower())))

    def _last_before(self, pos: int, accept: Callable[[Speaker], bool]) -> Speaker | None:
        """The last antecedent before ``pos`` that ``accept`` takes."""
        i = bisect.bisect_left(self._history, pos, key=lambda x: x[0])
        while i > 0:
            i -= 1
            sp = self._history[i][1]
            if accept(sp):
                return sp
        return None

    def last_subject(self, pos: int, types: frozenset[str]) -> tuple[int, Speaker] | None:
        """The last named grammatical subject or speaker before ``pos`` and where it stands,
        when it is of one of ``types``."""
        i = bisect.bisect_left(self._history, pos, key=lambda x: x[0])
        if i == 0 or self._history[i - 1][1].type not in types:
            return None
        return self._history[i - 1]

    def _genders(self) -> dict[str, str]:
        """A person's grammatical gender where the text shows it: an honorific before the
        name ('Mr Straw', 'Ms Holm') or a possessive in the clause it is the subject of
        ('Nazarzoda, for his part, noted')."""
        out: dict[str, str] = {}
        marks = self.lex.gender_marks
        for tok in self.ctx.doc:
            if tok.pos_ != "PROPN" or self.in_quote(tok.idx):
                continue
            g = next((marks[t.lower_] for t in tok.lefts if t.lower_ in marks), None)
            if g is None and tok.dep_ == "nsubj":
                g = next((marks[t.lower_] for t in tok.head.children
                          if t.dep_ == "prep" for t in t.subtree if t.dep_ == "poss"
                          and t.lower_ in marks), None)
            sp = self._named(tok) if g is not None else None
            if sp is not None and sp.type == "person":
                out.setdefault(sp.name, g)  # type: ignore[arg-type]
        return out

    def resolve(self, subj: "Token") -> Speaker | None:
        lower = subj.lower_
        if subj.pos_ == "PRON":
            # In reported speech a pronoun subject is, far more often than not, the last
            # named subject or speaker of a fitting type; coreference comes second.
            sp = None
            gender = self.lex.gender_marks.get(lower)
            if lower in self.lex.pronouns:
                sp = self.previous(subj.idx, self.lex.pronouns[lower], gender)
            if sp is None:
                sp = self._entity(subj)  # coreference, unless it disagrees in gender
                if sp is not None and gender is not None and self._gender.get(sp.name, gender) != gender:
                    return None
            return sp
        if subj.lemma_.lower() in self.lex.collective and subj.tag_ in ("NNS", "NNPS"):
            return Speaker(None, PARTICIPANTS, "collective")
        if subj.lemma_.lower() in self.lex.sides and subj.tag_ == "NN":
            sp = self._side(subj)
            if sp is not None:
                return sp
        if subj.lemma_.lower() in self.lex.documents:
            sp = self._issuer(subj)
            if sp is not None:
                return sp
        joint = self._joint(subj)
        if joint is not None:
            return joint
        head = subj.lemma_.lower()
        if head in self.lex.anaphoric and subj.tag_ == "NNS" and self._definite(subj):
            # "EADS and BAE Systems … The companies said": the last group named
            sp = self.previous(subj.idx, frozenset({GROUP}))
            if sp is not None:
                return sp
        if head in self.lex.anaphoric and self._definite(subj) and not self._modified(subj):
            # 'According to a Japanese official, … the official said': the nearest antecedent,
            # when it is that unnamed description, over a named person coreference proposes
            sp = self.previous(subj.idx, self.lex.anaphoric[head])
            if sp is not None and sp.entity_id is None and sp.name.lower().rsplit(" ", 1)[-1] == head:
                return sp
        sp = self._head_of_state(subj)
        if sp is not None:
            return sp
        if self._modified(subj) or not self._definite(subj):
            # 'the representative of Uganda' is nobody named before, whoever else holds a
            # similar title ('Special Representative X')
            sp = self._appos(subj) or self._office(subj)
            if sp is not None and sp.type == "person":
                return sp
        if subj.lower_ in _titles():
            # 'The President of the European Commission, X, announced': the name in
            # apposition, not whoever the entities stage took the title to refer to
            sp = self._appos(subj)
            if sp is not None and sp.type == "person":
                return sp
        sp = self._entity(subj)
        if sp is not None:
            return self._completed(subj, sp)
        sp = self._appos(subj) or self._holder(subj)
        if sp is not None:
            return sp
        sp = self._mouthpiece(subj) or self._delegation_head(subj)
        if sp is not None:
            return sp
        if head in self.lex.anaphoric and self._definite(subj) and not self._modified(subj):
            sp = self._titled_before(subj) or self._national_leader(subj)
            if sp is None and not self._titled_elsewhere(subj):
                # 'the ministry' is a ministry; 'the organisation', 'the bloc' any body
                named = head if head in self.lex.named_bodies else None
                sp = self.previous(subj.idx, self.lex.anaphoric[head], word=named)
                if sp is None and named is not None:
                    sp = self._body_before(subj.idx, named)
            if sp is not None:
                return sp
        sp = self._named(subj)
        if sp is not None:
            return sp
        if head in self.lex.agents:
            return self._description(subj)
        return self._untagged_name(subj)

    # -- pieces ----------------------------------------------------------------------

    def _entity(self, tok: "Token") -> Speaker | None:
        ent = self.ctx.entity_at(tok.idx, tok.idx + len(tok.text))
        if ent is None:
            return None
        if ent.type in ("person", "organization") and " " not in ent.name:
            # one word of a person's full name, whatever type it was given here
            full = self._full(ent.name)
            if full is not None:
                return full
        if ent.type == "person":
            return Speaker(ent.id, self._hyphenated.get(ent.name, ent.name), ent.type)
        return Speaker(ent.id, ent.name, ent.type)

    def _body_before(self, pos: int, word: str) -> Speaker | None:
        """The last body mentioned before ``pos`` whose name holds ``word``."""
        i = bisect.bisect_left(self._bodies, pos, key=lambda x: x[0])
        while i > 0:
            i -= 1
            sp = self._bodies[i][1]
            if word in sp.name.lower():
                return sp
        return None

    def _full(self, word: str) -> Speaker | None:
        names = self._by_word.get(word.lower(), set())
        return self._persons[next(iter(names))] if len(names) == 1 else None

    def _title_query(self, tok: "Token") -> tuple[frozenset[str], str | None]:
        """The title words of a description ('the German State Secretary') and the country
        its demonym names."""
        words = {tok.lower_}
        country = None
        for t in tok.lefts:
            if t.dep_ not in ("compound", "amod"):
                continue
            code = _demonyms().get(t.text)
            if code is not None:
                country = code
            else:
                words.add(t.lower_)
        return frozenset(words), country

    def _titled_matches(self, tok: "Token") -> list[tuple[int, Speaker]]:
        words, country = self._title_query(tok)
        return [(pos, sp) for pos, sp, titles in self._titled if words <= titles
                and (country is None or self._countries.get(sp.name, country) == country)]

    def _titled_before(self, tok: "Token") -> Speaker | None:
        best: Speaker | None = None
        for pos, sp in self._titled_matches(tok):
            if pos >= tok.idx:
                break
            best = sp
        return best

    def _national_leader(self, tok: "Token") -> Speaker | None:
        """'the Kazakh leader': no title, only a country; the last person of that country
        named before."""
        words, country = self._title_query(tok)
        if country is None or words != {tok.lower_} or tok.lemma_.lower() not in _LEADER_WORDS:
            return None
        # a person's country: the entity's, a titled mention's, or the side they lead
        of = {e.id: e.country for e in self.ctx.entities if e.type == "person"}
        led = {d.head: d.party for ev in self.ctx.events for d in ev.delegations if d.head}
        return self._last_before(tok.idx, lambda sp: sp.type == "person" and (
            of.get(sp.entity_id or "") or self._countries.get(sp.name) or led.get(sp.name))
            == country)

    def _head_of_state(self, tok: "Token") -> Speaker | None:
        """'the Head of State' (a presidency's own releases): the last person named before
        who holds a head of state's title."""
        phrase = " ".join(t.lower_ for t in tok.subtree if t.dep_ != "det")
        if phrase not in _HEAD_OF_STATE:
            return None
        titled = {e.id for e in self.ctx.entities if e.type == "person" and any(
            w in _STATE_TITLES for r in e.roles for w in (r.title or "").lower().split())}
        sp = self._last_before(tok.idx, lambda sp: sp.type == "person"
                               and sp.entity_id in titled)
        if sp is not None:
            return sp
        first = next((e for e in self.ctx.entities if e.id in titled), None)
        return Speaker(first.id, first.name, "person") if first is not None else None

    def _titled_elsewhere(self, tok: "Token") -> bool:
        """A title with a demonym that fits nobody named before ('the German State
        Secretary' when only the Kazakh minister was named) is not the last speaker."""
        _, country = self._title_query(tok)
        return country is not None

    def _named(self, tok: "Token") -> Speaker | None:
        sp = self._entity(tok)
        if sp is not None:
            return sp
        if tok.pos_ == "PROPN" and tok.lower_ in self._full_names:
            # a surname the text gave in full earlier, whatever label spaCy put on it here
            return Speaker(None, self._full_names[tok.lower_], "person")
        ent = self._ents.get(tok.i)
        if ent is None or ent.label_ not in _ENT_TYPES:
            return self._titled_name(tok)
        name = _strip_det(ent.text)
        if ent.label_ == "PERSON" and len(ent) == 1:
            name = self._full_names.get(ent[0].lower_, name)
        return Speaker(None, name, _ENT_TYPES[ent.label_])

    def _titled_name(self, tok: "Token") -> Speaker | None:
        """'Kazakh President Daniyar Nurtayev' untagged by spaCy: the proper nouns after the
        title of office are a person's name."""
        if tok.pos_ != "PROPN":
            return None
        chain = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
        if [t.i for t in chain] != list(range(chain[0].i, tok.i + 1)):
            return None
        titles = _titles()
        cut = max((k for k, t in enumerate(chain) if t.lower_ in titles), default=-1)
        name = chain[cut + 1:]
        if cut < 0 or not name or any(t.lower_ in titles or t.text in _demonyms() for t in name):
            return None
        full = " ".join(t.text for t in name)
        if len(name) == 1:
            return self._full(full) or Speaker(None, self._full_names.get(name[0].lower_, full), "person")
        return self._persons.get(full) or Speaker(None, full, "person")

    def _side(self, tok: "Token") -> Speaker | None:
        """'the Turkmen side', 'the EU delegation': the party its modifier names."""
        for c in tok.lefts:
            code = gazetteer.party_code(c.text) if c.dep_ in ("amod", "compound") else None
            if code is None:
                continue
            ent = next((e for e in self.ctx.entities if e.code == code), None)
            if ent is not None:
                return Speaker(ent.id, ent.name, ent.type)
            country = gazetteer.country_by_code(code)
            return Speaker(None, country.name, "country") if country is not None else None
        return None

    def _tagged(self, tok: "Token") -> Speaker | None:
        """A named group spaCy tagged as a nationality or the like ('the Liberal Democrats'),
        one of several speakers named together."""
        ent = self._ents.get(tok.i)
        if ent is None or ent.label_ not in ("NORP", "ORG") or tok.i != ent.end - 1:
            return None
        return Speaker(None, _strip_det(ent.text), "organization")

    def _completed(self, tok: "Token", sp: Speaker) -> Speaker:
        """A person's name the entities stage cut short ('Thị Thắng' of 'Phan Thị Thắng',
        tagged by spaCy as one span with the ministry before it): the proper nouns before
        the mention in the same spaCy span, up to a title or a word that follows a
        preposition or conjunction ('of Industry and Trade')."""
        ent = self._ents.get(tok.i)
        if sp.type != "person" or ent is None or tok.pos_ != "PROPN":
            return sp
        words = sp.name.split()
        i = tok.i
        while i > ent.start and tok.doc[i - 1].pos_ == "PROPN":
            i -= 1
        chain = [t for t in tok.doc[i:tok.i + 1]]
        k = len(chain) - len(words)
        if k <= 0 or [t.text for t in chain[k:]] != words:
            return sp
        extra = []
        for t in reversed(chain[:k]):
            if not _name_word(t) or t.nbor(-1).pos_ in ("ADP", "CCONJ", "DET"):
                break
            extra.insert(0, t.text)
        return Speaker(sp.entity_id, " ".join(extra + words), sp.type) if extra else sp

    def _untagged_name(self, tok: "Token") -> Speaker | None:
        """A subject made of proper nouns that neither spaCy nor the entities stage named
        ('Jamshed Nazarzoda said', 'Şahsenem Muradowa said'): the name as the text gives
        it, less the title before it."""
        if tok.pos_ != "PROPN" or tok.i == 0 or tok.ent_type_ in ("GPE", "LOC", "NORP", "FAC"):
            return None
        i = tok.i
        while i > 0 and _name_word(tok.doc[i - 1]) and tok.doc[i - 1].pos_ == "PROPN":
            i -= 1
        name = tok.doc[i:tok.i + 1]
        if not 2 <= len(name) <= MAX_NAME_TOKENS or not all(_name_word(t) for t in name):
            return None
        return Speaker(None, name.text, "person")

    def _issuer(self, doc_tok: "Token") -> Speaker | None:
        """Who speaks through a document: 'a statement issued by the Ministry of Industry',
        'the ministry's statement'; the meeting as a whole for a joint or final one ('the
        joint communique said')."""
        for c in doc_tok.children:
            if c.dep_ == "poss":
                return self._entity(c) or self._named(c)
            by = None
            if c.dep_ == "acl":
                by = next((a for a in c.children if a.dep_ == "agent"), None)
            elif c.dep_ == "prep" and c.lower_ in ("by", "of", "from"):
                by = c
            obj = next((o for o in by.children if o.dep_ == "pobj"), None) if by is not None else None
            if obj is not None:
                sp = self._entity(obj) or self._mouthpiece(obj) or self._named(obj)
                if sp is not None:
                    return sp
        if any(c.lower_ in self.lex.joint_documents for c in doc_tok.children if c.dep_ in ("amod", "compound")):
            return Speaker(None, PARTICIPANTS, "collective")
        return None

    def _holder(self, tok: "Token") -> Speaker | None:
        """'EU Ambassador to Tajikistan Raimundas Karoblis spoke': the parse can make the
        title the subject and the name part of its phrase; the person named last in it."""
        if tok.lower_ not in _titles() or tok.right_edge.i == tok.i:
            return None
        last = tok.right_edge
        sp = self._entity(last) or self._named(last)
        if sp is None or sp.type != "person":
            return None
        # … but 'a spokesman for Mr Blair' is someone else: the name follows the title's
        # own phrase ('to Tajikistan'), not a preposition or a determiner
        doc = tok.doc
        start = next((m.start for m in self.ctx.mentions_in(tok.idx, last.idx + len(last.text))
                      if m.end == last.idx + len(last.text)), None)
        if start is None:
            ent = self._ents.get(last.i)
            start = ent.start_char if ent is not None else last.idx
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        first = span[0] if span is not None else last
        while first.i > tok.i + 1 and first.nbor(-1).lower_ in _titles():
            first = first.nbor(-1)
        return sp if first.i > tok.i + 1 and first.nbor(-1).pos_ not in ("ADP", "DET") else None

    def _appos(self, tok: "Token") -> Speaker | None:
        owned = any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in tok.children)
        for c in tok.children:
            if c.dep_ != "appos":
                continue
            if owned and c.i > 0 and c.nbor(-1).text == "(":
                # 'the head of the Centre (UNRCCA)': the acronym names the body, not the head
                continue
            # the name's first words when the entities stage typed its last one otherwise
            words = [c, *(t for t in c.lefts if t.dep_ == "compound" and t.pos_ == "PROPN")]
            found = [sp for t in words if (sp := self._entity(t) or self._named(t)) is not None]
            sp = next((x for x in found if x.type == "person"), found[0] if found else None)
            if sp is not None and (sp.type == "person" or tok.pos_ != "PROPN"):
                return sp
            if sp is None and tok.pos_ != "PROPN" and c.lemma_.lower() in self.lex.agents:
                # 'one of the people, a senior official who asked not to be named'
                return self._description(c)
        return None

    def _joint(self, tok: "Token") -> Speaker | None:
        """'EADS and BAE Systems said': one speaker named by all of them."""
        conjs = [c for c in tok.children if c.dep_ == "conj"]
        if not conjs:
            return None
        parts = [self._named(t) or self._tagged(t) for t in [tok, *conjs]]
        if any(p is None for p in parts):
            return None
        names = list(dict.fromkeys(p.name for p in parts if p is not None))
        if len(names) == 1:  # "Ernst & Young": one name the parser split at "&"
            return parts[0]
        return Speaker(None, ", ".join(names[:-1]) + " and " + names[-1], GROUP)

    def _mouthpiece(self, tok: "Token") -> Speaker | None:
        a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        phrase = self.ctx.text[a:b].lower()
        if not any(m in phrase for m in self.lex.mouthpieces):
            return None
        for m in self.ctx.mentions_in(a, b):
            ent = self.ctx.entity(m.entity_id)
            if ent is not None and ent.type in ("organization", "country"):
                return Speaker(ent.id, ent.name, ent.type)
        for t in tok.subtree:
            sp = self._named(t) if t.i != tok.i else None
            if sp is not None and sp.type in ("organization", "country"):
                return sp
        return None

    def _delegation_head(self, tok: "Token") -> Speaker | None:
        """'the head of the European delegation': the head the events stage found for the
        delegation of the party the modifier names."""
        if tok.lemma_.lower() not in self.lex.delegation_heads:
            return None
        group = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in c.children if o.dep_ == "pobj"), None)
        if group is None or group.lemma_.lower() not in self.lex.delegations:
            return None
        words = [t.text for t in group.lefts if t.dep_ in ("amod", "compound", "poss")]
        heads = {d.head for e in self.ctx.events for d in e.delegations
                 if d.head and any(self._names_party(w, d.party) for w in words)}
        if len(heads) != 1:
            return None
        name = heads.pop()
        ent = next((e for e in self.ctx.entities if e.type == "person" and e.name == name), None)
        return Speaker(ent.id if ent else None, name, "person")

    def _names_party(self, word: str, party: str) -> bool:
        if word == party or _demonyms().get(word) == party:
            return True
        ent = next((e for e in self.ctx.entities if party in (e.code, e.name)), None)
        return ent is not None and ent.name.split()[0] == word

    def _definite(self, tok: "Token") -> bool:
        return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)

    def _modified(self, tok: "Token") -> bool:
        """'the head of the European delegation' names someone new, not an antecedent."""
        return any(c.dep_ in ("prep", "poss", "relcl", "appos", "acl") for c in tok.children)

    def _office(self, tok: "Token") -> Speaker | None:
        """A country's office named without its holder ('Kyrgyz President', "Uzbekistan's
        president", 'the representative of Uganda'): one person, named canonically as
        '<Title> of <Country>' whichever way the text puts it."""
        if tok.lemma_.lower() not in self.lex.offices or tok.tag_ not in ("NN", "NNP") or any(
                c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in tok.children):
            return None
        country: str | None = None
        title: list["Token"] = []
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.i < tok.i:
                code = _demonyms().get(c.text) or (gazetteer.party_code(c.text) if c.pos_ == "PROPN" else None)
                if code is not None:
                    country = code
                elif country is None or c.i > tok.i - 3:
                    title.append(c)
            elif c.dep_ in ("poss", "prep") and (c.dep_ == "poss" or c.lower_ == "of"):
                obj = c if c.dep_ == "poss" else next((o for o in c.children if o.dep_ == "pobj"), None)
                owner = (self._entity(obj) or self._named(obj)) if obj is not None else None
                if owner is not None and owner.type == "country":
                    return self._office_name(title, tok, owner.name)
                if owner is not None:
                    return None
        found = gazetteer.country_by_code(country) if country is not None else None
        return self._office_name(title, tok, found.name) if found is not None else None

    @staticmethod
    def _office_name(title: list["Token"], tok: "Token", country: str) -> Speaker:
        words = [t.text for t in sorted(title, key=lambda t: t.i) if t.is_alpha] + [tok.text]
        name = " ".join(w[:1].upper() + w[1:] for w in words)
        return Speaker(None, f"{name} of {country}", "person")

    def _role_holder(self, office: str, org: str) -> Speaker | None:
        """'The head of the Centre (UNRCCA) urged …' before 'X, Head of UNRCCA, said': the one
        person the entities stage gave that office in that body, wherever the text names them."""
        found = [e for e in self.ctx.entities if e.type == "person"
                 and any(r.organization == org and _holds(r.title, office) for r in e.roles)]
        if len(found) != 1:
            return None
        return Speaker(found[0].id, self._hyphenated.get(found[0].name, found[0].name), "person")

    def _description(self, tok: "Token") -> Speaker:
        office = self._office(tok)
        if office is not None:
            return office
        doc = tok.doc
        first = tok.left_edge
        if first.lower_ in _DETERMINERS and first.i < tok.i:
            first = doc[first.i + 1]
        end = tok.idx + len(tok.text)
        desc = " ".join(doc_text(doc)[first.idx:end].split())
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of"):
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                owner = self._named(obj) if obj is not None else None
                if owner is not None:
                    holder = self._role_holder(tok.lower_, owner.name)
                    if holder is not None:
                        return holder
                    return Speaker(None, f"{owner.name}'s {desc}", "description")
                if c.lower_ == "of" and c.i == tok.i + 1:  # "head of the European delegation"
                    desc = " ".join(doc_text(doc)[first.idx:c.right_edge.idx + len(c.right_edge.text)].split())
        # one unnamed person ('a Japanese official') is an antecedent for 'he', 'the official'
        one = tok.tag_ == "NN" and "person" in self.lex.anaphoric.get(tok.lemma_.lower(), ())
        return Speaker(None, desc, "person" if one else "description")


def _holds(title: str, office: str) -> bool:
    """'Special Representative of the Secretary-General and Head' holds 'head'."""
    return any(part.split()[-1:] == [office] for part in title.lower().split(" and "))


def _name_word(tok: "Token") -> bool:
    """A word that can be part of a person's name: capitalised, no title, no demonym, no
    place ('Cho', 'Tae-yul', 'Şahsenem', "O'Brien")."""
    return (tok.text[:1].isupper() and tok.text.replace("-", "").replace("'", "").isalpha()
            and tok.lower_ not in _titles() and tok.lower_ not in _domains()
            and tok.text not in _demonyms() and tok.ent_type_ not in ("GPE", "LOC", "NORP"))


@functools.lru_cache(maxsize=1)
def _domains() -> frozenset[str]:
    """Words of a minister's portfolio ('trade', 'energy'): part of a title, not a name."""
    return frozenset(w for k in load("titles").get("domains", {}) for w in k.split())


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Words of titles of office (titles.json): heads ('minister') and the modifiers and
    honorifics that go before them ('deputy', 'Mr')."""
    data = load("titles")
    words = [*data.get("heads", []), *data.get("modifiers", []), *data.get("honorifics", [])]
    return frozenset(w.lower() for w in words)


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    data: dict[str, str] = load("countries").get("demonyms", {})
    return data


def _title_words(head: "Token", name_start: int) -> frozenset[str]:
    """Lower-cased words of the titles around a name: the title phrase before it ("Foreign
    Secretary Jack Straw", "the High Representative of the Union for …, Elena Marchetti"),
    read from the words rather than the parse, which often splits such phrases, and an
    apposition after it ("Roman Vassilenko, Kazakh Deputy Foreign Minister")."""
    words = set(_title_before(head.doc, name_start))
    for c in head.children:
        if c.dep_ == "appos":
            words.update(t.lower_ for t in c.subtree if t.is_alpha)
    return frozenset(words)


def _title_before(doc: "Doc", name_start: int) -> frozenset[str]:
    words: set[str] = set()
    i = name_start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    while i >= 0 and name_start - i <= MAX_TITLE_TOKENS:
        t = doc[i]
        if t.ent_type_ == "PERSON" or not (t.pos_ in _TITLE_POS or t.lower_ in _TITLE_LINKS):
            break
        if t.is_alpha:
            words.add(t.lower_)
        i -= 1
    return frozenset(words)


def _strip_det(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in _DETERMINERS else name
