"""Who a figure is about: the parties named in its clause, else in the clauses governing it.

Besides names, a clause refers to parties by words that stand for them (figure_parties.json):
a pronoun for the subject of the clause before it ("its deficit"), "our" in a quotation for the
speaker's side, "bilateral" or "the two countries" for the two participants of the report's
main event, "the region" for the latest region named, a region's adjective ("African debt").
A route, programme or place is a party only where the figure is about it ("cargo along the
route", "invest in the port"), not where it is merely named.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from diplograph.extract.figures.clauses import is_clause_head, own_tokens, subject
from diplograph.extract.figures.describe import cue_of
from diplograph.knowledge import load
from diplograph.model import Entity
from diplograph.extract.context import doc_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from diplograph.extract.context import Context

_SOURCES = frozenset(load("measures")["source_nouns"])
_P = load("figure_parties")
_REPORTING = frozenset(load("reporting")["verbs"])
_PARTY_TYPES = frozenset({"country", "organization", "region"})
_TARGET_TYPES = frozenset({"initiative", "place"})
_PRONOUNS = frozenset(_P["pronouns"])
_PERSONAL = frozenset(_P["personal_pronouns"])
_FIRST_PERSON = frozenset(_P["first_person"])
_PAIR_ADJECTIVES = frozenset(_P["pair_adjectives"])
_PAIR_NOUNS = frozenset(_P["pair_nouns"])
_PAIR_COUNTS = frozenset(_P["pair_counts"])
_PAIR_DEFINITES = frozenset(_P["pair_definites"])
_PAIR_MEASURES = frozenset(_P["pair_measures"])
_RELATIVES = frozenset(_P["relative_pronouns"])
_ASIDE_PREPS = frozenset(_P["aside_preps"])
_TYPE_NOUNS: dict[str, str] = {n: t for t, nouns in _P["type_nouns"].items() for n in nouns}
_ANAPHOR_TYPES = frozenset(_P["anaphor_types"])
_SALIENT_TYPES = frozenset(_P["salient_types"])
_TARGET_PREPS = frozenset(_P["target_preps"])
_PATH_PREPS = frozenset(_P["path_preps"])
_REGION_ADJECTIVES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _form, _region in _P["region_adjectives"].items():
    _words = tuple(_form.replace("-", " - ").split())
    _REGION_ADJECTIVES.setdefault(_words[0], []).append((_words, _region))
for _forms in _REGION_ADJECTIVES.values():
    _forms.sort(key=lambda f: -len(f[0]))
# Entity labels spaCy gives to names: a region's adjective inside one ("African Union") is no reference.
_NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "appos"})
# Dependencies a route or place may hang by below the words of a figure ("investment in the
# expansion of the port"): noun-phrase links and the target prepositions.
_PHRASE_DEPS = frozenset({"pobj", "compound", "nmod", "appos", "amod", "poss", "conj"})
# How far back a figure in a sentence naming no party looks for the topic: the sentence before
# and the one before that (calibrated on the BBC golds, where "Economic growth has averaged
# 6-7%" follows "Turkey's economy has steadily recovered").
_TOPIC_SENTENCES = 2

Kind = Literal["party", "person", "target"]


@dataclass(slots=True)
class _Ref:
    start: int
    label: str
    kind: Kind
    named_only: bool = False  # a body standing for no state ("General Administration of Customs")


class PartyIndex:
    """Entity mentions of one document by token, built once per document."""

    def __init__(self, ctx: "Context", blocked: list[tuple[int, int]]) -> None:
        doc: Doc = ctx.doc
        by_id = {e.id: e for e in ctx.entities}
        self.doc = doc
        self._starts = [t.idx for t in doc_tokens(doc)]
        self.refs: dict[int, list[_Ref]] = {}
        self._named: list[tuple[int, int, Entity]] = []  # (first token, last token, entity) in text order
        covered: set[int] = set()
        for m in ctx.mentions:
            ent = by_id.get(m.entity_id)
            if ent is None or any(m.start < be and bs < m.end for bs, be in blocked):
                continue  # "US" inside "US dollars" is the currency, not a party
            first, last = self._token(m.start), self._token(max(m.start, m.end - 1))
            covered.update(range(first, last + 1))
            ref = _ref(ent, m.start)
            if ref is not None:
                self.refs.setdefault(last, []).append(ref)
            self._named.append((first, last, ent))
        self._named.sort(key=lambda n: n[0])
        self._named_starts = [n[0] for n in self._named]
        self._add_region_adjectives(covered)
        main = next((e for e in ctx.events if e.main), None)
        self.pair = list(main.participants) if main is not None and len(main.participants) == 2 else []

        self._quotes = _quoted_sides(ctx, by_id)
        self._target_labels = frozenset(e.name for e in ctx.entities if e.type in _TARGET_TYPES)

    def _token(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._starts, char) - 1)

    def _add_region_adjectives(self, covered: set[int]) -> None:
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            i += 1
            forms = _REGION_ADJECTIVES.get(tok.text)
            if not forms or tok.i in covered or tok.ent_type_ in _NAME_LABELS or _prefixed(tok):
                continue
            for words, region in forms:
                end = tok.i + len(words)
                if end <= len(doc) and tuple(t.text for t in doc[tok.i:end]) == words:
                    last = doc[end - 1]
                    if last.pos_ in ("ADJ", "PROPN", "NOUN") and last.head.i > last.i:
                        self.refs.setdefault(last.i, []).append(_Ref(tok.idx, region, "party"))
                        # "Central Asian countries ... the region": an antecedent like a name.
                        at = bisect.bisect_left(self._named_starts, tok.i)
                        self._named.insert(at, (tok.i, last.i, Entity(id="", type="region", name=region)))
                        self._named_starts.insert(at, tok.i)
                    i = end  # "Central Asian" is not also "Asian"
                    break

    def _in(self, toks: Iterable["Token"], resolve: bool = True) -> list[str]:
        """Parties mentioned in ``toks``; people stand for their country only where no
        country, body or region is named."""
        found: list[tuple[int, str]] = []
        paths: list[tuple[int, str]] = []
        people: list[tuple[int, str]] = []
        for tok in toks:
            refs = self.refs.get(tok.i)
            if not refs:
                refs = self._implicit(tok, resolve)
            for ref in refs:
                if ref.kind == "person":
                    if not _reports(tok):
                        people.append((ref.start, ref.label))
                elif (_is_source(tok) or _aside(tok) or self._describes_person(tok)
                      or (ref.named_only and _reports(tok))):
                    continue
                elif ref.kind == "party":
                    found.append((ref.start, ref.label))
                elif (how := _target(tok)) is not None:
                    (paths if how == "path" else found).append((ref.start, ref.label))
        return list(dict.fromkeys(name for _, name in sorted(found or paths or people)))

    def _implicit(self, tok: "Token", resolve: bool) -> list[_Ref]:
        """Parties a word stands for without naming them."""
        low = tok.lower_
        if low in _PRONOUNS:
            if not resolve or tok.dep_ == "expl":
                return []
            return [_Ref(tok.idx, p, "party") for p in self._antecedent(tok)]
        if low in _FIRST_PERSON:
            side = next((label for s, e, label in self._quotes if s <= tok.idx < e), None)
            return [_Ref(tok.idx, side, "party")] if side else []
        if low in _RELATIVES and tok.tag_ in ("WDT", "WP", "WP$"):
            return self._relative(tok) if resolve else []
        lemma = tok.lemma_.lower()
        if self.pair and (
                (lemma in _PAIR_ADJECTIVES and tok.pos_ == "ADJ")
                or (lemma in _PAIR_NOUNS and any(c.lower_ in _PAIR_COUNTS for c in tok.children))
                or (lemma in _PAIR_DEFINITES and tok.tag_ == "NNS" and _definite(tok))):
            return [_Ref(tok.idx, p, "party") for p in self.pair]
        if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            ent = self._latest_before(tok, lemma)
            if ent is not None:
                ref = _ref(ent, tok.idx)
                return [ref] if ref is not None else []
        return []

    def _relative(self, pronoun: "Token") -> list[_Ref]:
        """What "which", "whose", "who" stand for: the noun their relative clause hangs from
        ("the Middle Corridor, which runs for 4,250 km"); a route or place named there is
        what the clause is about, so it counts as a party."""
        t = pronoun
        for _ in range(4):
            if t.dep_ == "relcl" or t.head.i == t.i:
                break
            t = t.head
        if t.dep_ != "relcl":
            return []
        out: list[_Ref] = []
        for tok in own_tokens(t.head):
            for ref in self.refs.get(tok.i) or self._implicit(tok, resolve=False):
                out.append(_Ref(pronoun.idx, ref.label, "party" if ref.kind == "target" else ref.kind, ref.named_only))
        return out

    def thing(self, head: "Token") -> list[str]:
        """The route, site or programme a clause's subject is ("the Middle Corridor, which runs
        for 4,250 km from the Chinese border to the Black Sea", "the dam, at 335 metres"): the
        figure describes that thing, and the places around it are its ends or its setting."""
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return []
        refs = self.refs.get(subj.i) or self._implicit(subj, resolve=subj.lower_ in _RELATIVES)
        if refs and all(r.kind == "target" for r in refs):
            return list(dict.fromkeys(r.label for r in refs))
        if subj.lower_ in _RELATIVES and refs and all(r.kind == "party" and r.label in self._target_labels
                                                        for r in refs):
            return list(dict.fromkeys(r.label for r in refs))
        return []

    def _latest_before(self, tok: "Token", lemma: str) -> Entity | None:
        """The entity "the <lemma>" stands for: the latest of the type the noun names, or the
        latest route, programme, place or body whose own name holds the noun."""
        wanted = _TYPE_NOUNS.get(lemma)
        i = bisect.bisect_left(self._named_starts, tok.i) - 1
        if wanted in _SALIENT_TYPES:
            # "the region" is the region the report has named most so far, however many seas and
            # mountain ranges were named since; the latest one on a tie.
            counts: dict[str, int] = {}
            for _, _, ent in self._named[:i + 1]:
                if ent.type == wanted:
                    counts[ent.name] = counts.get(ent.name, 0) + 1
            if counts:
                top = max(counts.values())
                return next(e for _, _, e in reversed(self._named[:i + 1])
                            if e.type == wanted and counts[e.name] == top)
            return None
        while i >= 0:
            _, _, ent = self._named[i]
            if wanted is not None:
                if ent.type == wanted:
                    return ent
            elif ent.type in _ANAPHOR_TYPES and _head_word(ent.name) == lemma:
                return ent  # "the route", "the bank"; not "the world" for the World Bank
            i -= 1
        return None

    def _antecedent(self, pronoun: "Token") -> list[str]:
        """Parties of the subject of the nearest clause before ``pronoun`` whose subject names
        any: this sentence's clauses first, then the previous sentence's, its main clause first."""
        sent = pronoun.sent
        before = [t for t in sent if t.i < pronoun.i and is_clause_head(t)]
        for head in reversed(before):
            subj = [t for t in subject(head) if t.i != pronoun.i]
            if subj and not _personal(subj):
                # The nearest subject decides, named party or not ("the firm added $2bn to its
                # reserves" is about no party).
                return self._in(subj, resolve=False)
        if sent.start == 0:
            return []
        prev = self.doc[sent.start - 1].sent
        heads = sorted((t for t in prev if is_clause_head(t)), key=lambda t: (t.dep_ != "ROOT", -t.i))
        for head in heads:
            subj = subject(head)
            if subj and not _personal(subj):
                return self._in(subj, resolve=False)
        return []

    def _describes_person(self, tok: "Token") -> bool:
        """"French president Jacques Chirac": the country qualifies a person, who is a speaker."""
        t = tok
        for _ in range(3):
            if t.dep_ not in _MODIFIER_DEPS or t.head.i == t.i:
                return False
            t = t.head
            if any(r.kind == "person" for r in self.refs.get(t.i, ())):
                return True
        return False

    def parties(self, levels: Sequence[tuple["Token", list["Token"]]]) -> list[str]:
        """Parties of the innermost clause naming any. A clause without a subject of its own
        (a coordinated or non-finite verb: "and amounted to", "owing $23bn to the IMF") shares
        the subject of the clause governing it."""
        for i, (head, toks) in enumerate(levels):
            thing = self.thing(head)
            if thing:
                return thing
            found = self._in(toks)
            if not found:
                continue
            if not subject(head):
                for up, _ in levels[i + 1:]:
                    subj = subject(up)
                    if subj:
                        found = list(dict.fromkeys([*self._in(subj), *found]))
                        break
            return found
        return []

    def bilateral(self, measure: str) -> list[str]:
        """A trade figure naming no one in a report on a meeting of two parties ("trade reached
        $48.7 billion last year") is their trade."""
        return list(self.pair) if measure in _PAIR_MEASURES else []

    def topic(self, sent_start: int, measure: str) -> list[str]:
        """Where a sentence names no one, the parties of a recent sentence's subject that speaks
        of the same measure ("Turkey's economy has recovered. Economic growth averaged 6-7%")."""
        if measure == "other":
            return []
        sent = self.doc[sent_start].sent
        for _ in range(_TOPIC_SENTENCES):
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
            subj = subject(sent.root)
            if any((hit := cue_of(t)) is not None and hit[0] == measure for t in subj):
                found = self._in(subj)
                if found:
                    return found
        return []


def _ref(ent: Entity, start: int) -> _Ref | None:
    if ent.type in _PARTY_TYPES:
        # A body of a state or of the EU (its ministry, "the European Commission") acts for it:
        # the figure is about that party.
        label = ent.code or (ent.country if ent.type == "organization" else None)
        return _Ref(start, label or ent.name, "party", named_only=label is None and ent.type == "organization")
    if ent.type == "person":
        return _Ref(start, ent.country, "person") if ent.country else None
    if ent.type in _TARGET_TYPES:
        return _Ref(start, ent.name, "target")
    return None


def _target(tok: "Token") -> Literal["object", "path"] | None:
    """How a route or place hangs by target prepositions from the words of a figure: as what it
    is spent on or counted in ("invest $1bn in the expansion of the port of Aktau"), or as the
    way it goes ("cargo along the route"), which only counts where no party is named ("Kazakhstan
    will ship 500,000 tonnes to Vietnam through the port of Aktau" is about the two countries)."""
    t = tok
    prep: str | None = None
    for _ in range(8):
        if t.dep_ == "prep":
            if t.lower_ not in _TARGET_PREPS:
                return None
            prep = t.lower_  # the preposition nearest the figure says how
        elif t.dep_ not in _PHRASE_DEPS:
            return None
        t = t.head
        if prep is not None and (cue_of(t) is not None or t.like_num or t.pos_ == "SYM"):
            return "path" if prep in _PATH_PREPS else "object"
    return None


def _quoted_sides(ctx: "Context", by_id: dict[str, Entity]) -> list[tuple[int, int, str]]:
    """(start, end, party) of each quotation whose speaker's side is known: the speaker's country,
    or the party whose delegation the speaker headed."""
    heads = {d.head: d.party for ev in ctx.events for d in ev.delegations if d.head}
    out: list[tuple[int, int, str]] = []
    for st in ctx.statements:
        if st.kind == "indirect" or not st.evidence:
            continue
        ent = by_id.get(st.speaker or "")
        side = None
        if ent is not None:
            side = ent.code if ent.type in _PARTY_TYPES else ent.country
            side = side or heads.get(ent.name)
        if side:
            out.extend((sp.start, sp.end, side) for sp in st.evidence)
    return out


def _personal(subj: list["Token"]) -> bool:
    """A subject that is a person ("he", "the minister Ali Babacan"): no antecedent for "it"."""
    head = min(subj, key=lambda t: len(list(t.ancestors)))
    return head.lower_ in _PERSONAL or head.ent_type_ == "PERSON"


def _reports(tok: "Token") -> bool:
    """Whether a person or a body is the subject of a reporting verb ("..., he said", "customs
    said"): a source, which says nothing about who the figure concerns."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return t.head.lemma_.lower() in _REPORTING
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _is_source(tok: "Token") -> bool:
    """A party named only as where a figure comes from ("IMF forecasts", "according to the
    Ministry of Economy of Tajikistan")."""
    if tok.dep_ in ("compound", "poss", "nmod") and tok.head.lemma_.lower() in _SOURCES:
        return True
    return any(a.lower_ == "according" and _within(a, tok) for a in _phrase_ancestors(tok))


def _aside(tok: "Token") -> bool:
    """A name in an aside of the figure's clause: its setting ("during the forum") or an example
    ("projects in the Kyrgyz Republic, including ... in the Issyk-Kul region")."""
    return any(a.dep_ == "prep" and a.lower_ in _ASIDE_PREPS and _within(a, tok) for a in _phrase_ancestors(tok))


def _within(prep: "Token", tok: "Token") -> bool:
    """Whether ``tok`` lies inside the phrase ``prep`` opens. A phrase opening the sentence ends
    at its comma: "According to Abenov, Kazakhstan's trade", "During the forum, Kazakhstan and
    Azerbaijan agreed" speak of Kazakhstan, though the parser may hang it under the phrase."""
    if prep.i != prep.sent.start:
        return True
    return not any(t.text == "," for t in tok.doc[prep.i:tok.i])


def _phrase_ancestors(tok: "Token") -> list["Token"]:
    """The words above ``tok`` up to the head of its clause."""
    out: list[Token] = []
    t = tok
    while t.head.i != t.i and not is_clause_head(t):
        t = t.head
        out.append(t)
    return out


def _prefixed(tok: "Token") -> bool:
    """"Trans-Caspian", "Pan-Asian": an adjective glued by a hyphen to a prefix names no region."""
    doc = tok.doc
    return (tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
            and not doc[tok.i - 2].whitespace_)


def _definite(tok: "Token") -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _head_word(name: str) -> str:
    """The noun a name is built on: its last word before any "of" ("Export-Import Bank of Korea")."""
    words = name.lower().split(" of ")[0].split()
    return words[-1] if words else ""
