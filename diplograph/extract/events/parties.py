"""Who takes part in an event: parties named in its sentences, and who led each delegation.

Parties come from the entity stage's mentions (countries by code, the EU, international
bodies by name); where a span carries no entity mention, spaCy's entity and the gazetteer
stand in. Delegations come from "X led/headed the Y delegation(s)", "the delegation ... was
led by X", "X will represent Y" and "X attends/hosts" clauses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diplograph.extract.context import Context, doc_tokens
from diplograph.knowledge import gazetteer, load
from diplograph.model import Delegation, Entity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_E = load("events")
_LEAD_VERBS = frozenset(_E["delegation_verbs"])
_ATTEND_VERBS = frozenset(_E["attend_verbs"])
_HOLD_VERBS = frozenset(_E["hold_verbs"])
_ANY_VERBS = _LEAD_VERBS | _ATTEND_VERBS | _HOLD_VERBS
_EVENT_HEADS = frozenset(_E["heads"]) - {"agreement", "treaty", "accord", "signing"}
_DELEGATION_NOUNS = frozenset(_E["delegation_nouns"])
_LOWER_WORDS = frozenset({"of", "for", "and", "the", "on", "in"})
_HEAD_TITLES = frozenset(_E["heads_of_state_titles"])
_PLACE_NOUNS = frozenset(_E["place_nouns"])
_REGIONS: dict[str, tuple[str, ...]] = {k: tuple(v["members"]) for k, v in _E["region_formats"].items()
                                        if not k.startswith("_")}


def _names_alt(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


# A region as a party to a format ("EU-Central Asia", "C5+1"): its name as a whole word.
# "Special Representative for Central Asia" is a portfolio, not a party.
_REGION_IN_NAME = [(re.compile(rf"(?<![\w])(?<!for )(?:{_names_alt(v['names'])})(?![a-z])"), k)
                   for k, v in _E["region_formats"].items() if not k.startswith("_")]
# A region's members as a group in a sentence: "the five Central Asian states", "Central Asian leaders".
_REGION_GROUP = [(re.compile(rf"\b(?:{_names_alt(v['names'])})\s+(?:{_names_alt(_E['member_plurals'])})\b"), k)
                 for k, v in _E["region_formats"].items() if not k.startswith("_")]


def format_members(name: str) -> list[str]:
    """Member states of the regions a format's name joins: "EU-Central Asia Ministerial Meeting"."""
    return [c for rx, k in _REGION_IN_NAME if rx.search(name) for c in _REGIONS[k]]


def name_members(ctx: Context, start: int, end: int) -> list[str]:
    """``format_members`` of an event name, regions inside names of persons, bodies and
    programmes left out ("talks with EU Special Representative for Central Asia X")."""
    chars = list(ctx.text[start:end])
    for m in ctx.mentions_in(start, end):
        e = ctx.entity(m.entity_id)
        if e is not None and e.type in ("person", "organization", "initiative"):
            for i in range(max(m.start, start), min(m.end, end)):
                chars[i - start] = " "
    return format_members("".join(chars))


def group_members(text: str) -> list[str]:
    """Member states a sentence names as a group: "leaders of the five Central Asian countries"."""
    return [c for rx, k in _REGION_GROUP if rx.search(text) for c in _REGIONS[k]]


def _entity_party(e: Entity) -> str | None:
    if e.type == "country" and e.code:
        return e.code
    if e.type == "organization":
        if e.code:
            return e.code
        known = gazetteer.organization(e.name)
        if e.country is None and known is not None and known.country is None:
            return known.name
    return None


def _text_party(text: str, label: str) -> str | None:
    code = gazetteer.party_code(text)
    if code:
        return code
    if label == "ORG":
        org = gazetteer.organization(text)
        if org and (org.code or org.country is None):
            return org.code or org.name
    return None


def parties_in(ctx: Context, start: int, end: int,
               skip: list[tuple[int, int]] | None = None) -> list[str]:
    """Parties mentioned in ``[start, end)``, in text order, outside the ``skip`` spans."""
    skip = skip or []
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for m in ctx.mentions_in(start, end):
        if any(a <= m.start < b for a, b in skip):
            continue
        e = ctx.entity(m.entity_id)
        p = _entity_party(e) if e else None
        covered.append((m.start, m.end))
        if p:
            found.append((m.start, p))
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    for ent in (span.ents if span is not None else []):
        if ent.label_ not in ("GPE", "NORP", "ORG"):
            continue
        if any(a <= ent.start_char < b for a, b in skip + covered):
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        p = _text_party(text, ent.label_)
        if p:
            found.append((ent.start_char, p))
    return list(dict.fromkeys(p for _, p in sorted(found)))


@dataclass(slots=True)
class Person:
    name: str
    country: str | None
    titles: list[str]


def person_at(ctx: Context, tok: "Token") -> Person | None:
    e = ctx.entity_at(tok.idx, tok.idx + len(tok.text))
    if e is not None and e.type == "person":
        return Person(e.name, e.country, [r.title for r in e.roles])
    if tok.ent_type_ == "PERSON":
        ent = next((x for x in tok.sent.ents if x.start <= tok.i < x.end), None)
        # the NER's "person" may be a demonym or a country ("Tajik Prime Minister X")
        if ent is not None and not (gazetteer.demonym(ent.text) or gazetteer.party_code(ent.text)):
            return Person(ent.text, None, [])
    return None


def title_text(tokens: list["Token"]) -> str | None:
    """"Deputy foreign ministers" → "Deputy Foreign Minister"; demonyms and places dropped."""
    words: list[str] = []
    for i, t in enumerate(tokens):
        if (t.pos_ in ("DET", "PRON", "PUNCT") or t.tag_ == "POS" or gazetteer.demonym(t.text)
                or gazetteer.party_code(t.text) or (i + 1 < len(tokens) and tokens[i + 1].tag_ == "POS")):
            continue
        if t.lower_ in ("in", "at", "from") or t.ent_type_ in ("GPE", "PERSON"):
            break
        w = t.lemma_ if i == len(tokens) - 1 or not any(x.pos_ == "NOUN" for x in tokens[i + 1:]) else t.text
        words.append(w.lower() if w.lower() in _LOWER_WORDS else w[:1].upper() + w[1:])
    # "Chairman of the State Committee of Tajikistan" loses its country: not its "of"
    while words and words[-1] in _LOWER_WORDS:
        words.pop()
    return " ".join(words) or None


def _persons(ctx: Context, tok: "Token") -> list[tuple[Person, "Token"]]:
    out: list[tuple[Person, "Token"]] = []
    seen: set[str] = set()
    for t in tok.subtree:
        if t.pos_ != "PROPN":
            continue
        p = person_at(ctx, t)
        if p and p.name not in seen:
            seen.add(p.name)
            out.append((p, t))
    return out


def _apposed(ctx: Context, tok: "Token") -> list[tuple[Person, "Token"]]:
    """"the Minister of Foreign Affairs, Murat Nurtleu": the person named after a title and a comma."""
    k = tok.right_edge.i + 1
    doc = ctx.doc
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].pos_ == "PROPN":
        p = person_at(ctx, doc[k + 1])
        if p is not None:
            return [(p, doc[k + 1])]
    return []


def _modifier_party(ctx: Context, tok: "Token") -> str | None:
    """The party a title's modifiers name: "US Secretary of State", "the Turkmen ambassador"."""
    other = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}
    for t in tok.subtree:
        if (t.i >= tok.i and t.ent_type_ != "NORP") or t.i in other:
            continue
        ps = parties_in(ctx, t.idx, t.idx + len(t.text))
        if ps:
            return ps[0]
        d = gazetteer.demonym(t.text)
        if d:
            return d.code
    return None


def delegations_in(ctx: Context, sent_start: int, sent_end: int) -> list[Delegation]:
    """Delegations stated in one sentence."""
    span = ctx.doc.char_span(sent_start, sent_end, alignment_mode="expand")
    if span is None:
        return []
    out: list[Delegation] = []
    if any(v.lemma_ in _LEAD_VERBS for v in span):
        out += _gapped(ctx, span)
    for v in span:
        if v.pos_ not in ("VERB", "AUX") or v.lemma_ not in _ANY_VERBS:
            continue
        kids = list(v.children)
        if v.lemma_ in _HOLD_VERBS and not any(  # "X held talks with Y", not "X holds 40%"
                c.dep_ == "dobj" and c.lower_ in _EVENT_HEADS for c in kids):
            continue
        # the subject nearest the verb: a dateline parsed as a second subject stands further off
        subj = next((c for c in reversed(kids) if c.dep_ in ("nsubj", "expl") and c.lower_ != "there"
                     and c.i < v.i), None) or next(
            (c for c in kids if c.dep_ in ("nsubj", "expl") and c.lower_ != "there"), None)
        agent = next((g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        obj = next((c for c in kids if c.dep_ in ("dobj", "attr")), None)
        passive_obj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        leader = agent if agent is not None else subj
        target = passive_obj if agent is not None else obj
        if v.lemma_ in _ATTEND_VERBS and leader is None and v.dep_ == "xcomp":
            # "Also due to attend are X, Y": the attendees are the subject of the copula above
            for up in (v.head, v.head.head):
                leader = next((c for c in up.children if c.dep_ in ("attr", "nsubj")), None)
                if leader is not None:
                    break
        if leader is None:
            continue
        if v.lemma_ in ("lead", "head") and (target is None or target.lemma_ not in _DELEGATION_NOUNS):
            continue
        parties: list[str] = []
        if target is not None and target.lemma_ in _DELEGATION_NOUNS:
            parties = parties_in(ctx, target.left_edge.idx, target.right_edge.idx + len(target.right_edge.text))
        elif target is not None and v.lemma_ == "represent" and ctx.doc[target.i].pos_ == "PROPN":
            parties = parties_in(ctx, target.left_edge.idx, target.right_edge.idx + len(target.right_edge.text))
        leaders = [leader] + [c for c in leader.conjuncts]
        for lt in leaders:
            persons = _persons(ctx, lt) or _apposed(ctx, lt)
            if persons:
                p, _ = persons[0]
                party = (parties[0] if parties and v.lemma_ != "attend" else None) or p.country \
                    or _modifier_party(ctx, lt)
                title = p.titles[0] if p.titles else title_text(
                    [t for t in lt.subtree if t.i < lt.i and t.ent_type_ != "PERSON"])
                # a co-chair whose side the text leaves implicit: UNKNOWN until the event's parties are known
                out.append(Delegation(party or UNKNOWN, p.name, title))
                continue
            if v.lemma_ not in _LEAD_VERBS:
                continue
            title = title_text(list(lt.subtree))
            own = _modifier_party(ctx, lt)
            for party in parties or ([own] if own else []):
                out.append(Delegation(party, None, title))
    return out


UNKNOWN = ""


def place_unknown(delegations: list[Delegation], participants: list[str]) -> list[Delegation]:
    """A head of unknown side leads the one taking part party that has no head yet; else is dropped."""
    known = [d for d in delegations if d.party != UNKNOWN]
    unknown = [d for d in delegations if d.party == UNKNOWN]
    led = {d.party for d in known if d.head}
    free = [p for p in participants if p not in led]
    if len(unknown) == 1 and len(free) == 1:
        unknown[0].party = free[0]
        known.append(unknown[0])
    return known


def _gapped(ctx: Context, span: "Span") -> list[Delegation]:
    """"..., and the German delegation by State Secretary X": a delegation noun right before "by"
    whose verb the sentence leaves out; the person after "by" leads the party before the noun."""
    out: list[Delegation] = []
    doc = ctx.doc
    for t in span:
        if t.lower_ != "by" or t.i == span.start:
            continue
        noun = doc[t.i - 1]
        # "the Tajik one by X": the pro-form stands for the delegation noun left out
        if noun.lemma_ in _DELEGATION_NOUNS or (noun.lower_ in ("one", "side") and t.i >= 2
                                                and gazetteer.demonym(doc[t.i - 2].text)):
            first = noun.i
            while first > span.start and doc[first - 1].pos_ not in ("PUNCT", "CCONJ", "VERB", "AUX", "ADP"):
                first -= 1
            party = next(iter(parties_in(ctx, doc[first].idx, noun.idx)), None) or next(
                (d.code for k in range(first, noun.i) for d in [gazetteer.demonym(doc[k].text)] if d), None)
        elif noun.pos_ == "PROPN" and t.i - 2 >= span.start and doc[t.i - 2].text == "," \
                or noun.pos_ == "PROPN" and doc[t.i - 2].pos_ == "CCONJ":
            # "X was represented by A, Georgia by B and Türkiye by C": a party before "by"
            party = next(iter(parties_in(ctx, noun.idx, noun.idx + len(noun.text))), None)
            if party is None or gazetteer.country(noun.text) is None:
                continue
        else:
            continue
        for k in range(t.i + 1, span.end):
            if doc[k].text == "," and k + 1 < span.end and doc[k + 1].pos_ == "PROPN" \
                    and person_at(ctx, doc[k + 1]) is not None:
                continue  # "by the Chairman of ..., Saimumin Yatimov": the name in apposition
            if doc[k].text in (",", ";", "(", ")", ".") or doc[k].pos_ in ("CCONJ", "VERB", "AUX"):
                break
            p = person_at(ctx, doc[k]) if doc[k].pos_ == "PROPN" else None
            if p is not None:
                if party:
                    title = p.titles[0] if p.titles else title_text(
                        [x for x in doc[t.i + 1:k] if x.ent_type_ != "PERSON"])
                    out.append(Delegation(party, p.name, title))
                break
    return out


def fill_heads(ctx: Context, delegations: list[Delegation]) -> None:
    """An unnamed head is the person of that party who holds that title in this report."""
    for d in delegations:
        if d.head is not None or not d.title:
            continue
        want = d.title.lower()
        for e in ctx.entities:
            if e.type == "person" and e.country == d.party and any(r.title.lower() == want for r in e.roles):
                d.head = e.name
                break


def place_phrases(ctx: Context) -> list[tuple[int, int]]:
    """Spans that name where something is, not who takes part: "in Luxembourg", "in the Belgian
    capital", "the situation in Afghanistan", and the dateline ("BAKU, Azerbaijan, June 19")."""
    from diplograph.normalize.dateline import parse

    out: list[tuple[int, int]] = []
    from diplograph.extract.docdate import dateline_date

    dl = parse(ctx.text)
    stamp = dateline_date(ctx.text)
    if dl is not None or stamp is not None:
        out.append((0, max(dl.end if dl else 0, stamp.end if stamp else 0)))
    for t in doc_tokens(ctx.doc):
        if t.dep_ != "prep" or t.lower_ not in ("in", "at"):
            continue
        for o in t.children:
            if o.dep_ == "pobj" and (o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in _PLACE_NOUNS):
                out.append((o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text)))
    return out


def leaders_in(ctx: Context, start: int, end: int) -> list[Delegation]:
    """Heads of state or government named in ``[start, end)``, one per party, in text order:
    "Uzbek President Shavkat Mirziyoyev", "Kazakhstan's Kassym-Jomart Tokayev"."""
    out: dict[str, Delegation] = {}
    for m in ctx.mentions_in(start, end):
        e = ctx.entity(m.entity_id)
        if e is None or e.type != "person":
            continue
        title = next((r.title for r in e.roles if r.title.lower() in _HEAD_TITLES), None)
        party = e.country
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        owner = next((c for c in span.root.children if c.dep_ == "poss"), None) if span is not None else None
        if owner is not None:
            party = party or next(iter(parties_in(ctx, owner.idx, owner.idx + len(owner.text))), None)
        if party is None or (title is None and owner is None):
            continue
        out.setdefault(party, Delegation(party, e.name, title))
    return list(out.values())


def persons_named(ctx: Context, start: int, end: int) -> list[Delegation]:
    """Persons an event's name holds ("talks between Jack Straw and the Indian government"),
    each as the head of their state's delegation."""
    out: dict[str, Delegation] = {}
    for m in ctx.mentions_in(start, end):
        e = ctx.entity(m.entity_id)
        if e is None or e.type != "person" or not e.country:
            continue
        out.setdefault(e.country, Delegation(e.country, e.name, e.roles[0].title if e.roles else None))
    return list(out.values())
