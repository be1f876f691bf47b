"""Events told by a verb: "X will visit Y", "he is due to meet Putin", "the ministers met in
Luxembourg on Monday", "leaders gathered in Samarkand".

A verb of ``events.json``'s ``event_verbs`` makes a mention when its subject or object is a
participant (a person, a state or body, or a word such as "leaders" or "ministers") and it
does not govern an event noun itself ("met in Brussels for the 24th Ministerial Meeting" is the
noun's event, which the verb only dates and places). The mention's name is built from the
clause: "visit to Beijing", "meeting between George W Bush and Vladimir Putin", "meeting of
the foreign ministers of Kyrgyzstan and Tajikistan".
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from diplograph.extract.context import Context, doc_tokens
from diplograph.extract.events.mentions import Mention, cue_type
from diplograph.knowledge import load
from diplograph.model import Delegation

if TYPE_CHECKING:
    from spacy.tokens import Token

_E = load("events")
EVENT_VERBS: dict[str, str] = _E["event_verbs"]
_PARTICIPANT_NOUNS = frozenset(_E["participant_nouns"])
_GOVERNING_PREPS = frozenset(_E["governing_preps"])
_PARTY_ENTS = frozenset({"PERSON", "GPE", "NORP", "ORG"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
# Longest subject or object phrase that goes into a built name; longer ones are clauses, not names.
_MAX_NAME_TOKENS = 12
_FUNCTION = frozenset({"the", "a", "an", "of", "and", "between", "to", "with", "in"})


def governed_mention(verb: "Token", heads: set[int]) -> bool:
    """Whether ``verb`` takes an event noun as subject, object or the object of a preposition."""
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and (c.i in heads or any(x.i in heads for x in c.conjuncts)):
            return True
        if c.dep_ == "prep" and c.lower_ in _GOVERNING_PREPS:
            if any(o.dep_ == "pobj" and o.i in heads for o in c.children):
                return True
    return False


def _participant(tok: "Token") -> bool:
    for t in tok.subtree:
        if t.ent_type_ in _PARTY_ENTS or t.lemma_.lower() in _PARTICIPANT_NOUNS or t.lower_ in _PRONOUNS:
            return True
    return False


def _phrase(ctx: Context, tok: "Token") -> str | None:
    """The words naming a participant: a person's canonical name, else the noun phrase."""
    if tok.pos_ in ("PRON", "PROPN"):
        e = ctx.entity_at(tok.idx, tok.idx + len(tok.text))
        if e is not None and (e.type == "person" or tok.pos_ == "PRON"):
            return e.name
        if tok.pos_ == "PRON":
            return None
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "appos", "punct", "advmod")
           for t in c.subtree}
    toks = [t for t in tok.subtree if t.i not in cut]
    if not toks or len(toks) > _MAX_NAME_TOKENS or toks[-1].i - toks[0].i + 1 != len(toks):
        return None
    words = tok.doc[toks[0].i:toks[-1].i + 1].text
    if toks[0].dep_ == "det":
        words = toks[0].lower_ + words[len(toks[0].text):]
    return re.sub(r"\s+", " ", words)


def _subject(v: "Token") -> "Token | None":
    """The verb's subject, or that of the clause it hangs from ("he is due to meet", "was in
    India visiting")."""
    w = v
    for _ in range(3):
        subj = next((c for c in reversed(list(w.lefts)) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if w.dep_ not in ("xcomp", "advcl", "conj", "acomp") or w.head.i == w.i:
            return None
        w = w.head
    return None


def _clause_end(verb: "Token", obj: "Token | None") -> int:
    last = obj.right_edge if obj is not None else verb
    return last.idx + len(last.text)


def find(ctx: Context, nouns: list[Mention], sent_starts: list[int]) -> list[Mention]:
    doc = ctx.doc
    heads = {m.head for m in nouns}
    out: list[Mention] = []
    for v in doc_tokens(doc):
        if v.pos_ != "VERB" or v.lemma_ not in EVENT_VERBS:
            continue
        if governed_mention(v, heads):
            continue
        kids = list(v.children)
        subj = _subject(v)
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        etype = EVENT_VERBS[v.lemma_]
        if obj is not None and not (_participant(obj) or (etype == "visit" and any(
                t.ent_type_ in _PLACE_ENTS for t in obj.subtree))):
            continue  # "meet the demand", "visit the website"
        if subj is None or not _participant(subj):
            continue
        m = _mention(ctx, v, subj, obj, etype, sent_starts)
        if m is not None:
            out.append(m)
    return out


def _mention(ctx: Context, v: "Token", subj: "Token", obj: "Token | None", etype: str,
             sent_starts: list[int]) -> Mention | None:
    doc = ctx.doc
    who = _phrase(ctx, subj)
    whom = _phrase(ctx, obj) if obj is not None else None
    if etype == "visit":
        if obj is None or whom is None:
            return None
        label = f"visit to {_drop_the(whom)}"
        noun = "visit"
    elif whom is not None and who is not None:
        label, noun = f"meeting between {_drop_the(who)} and {_drop_the(whom)}", "meeting"
    elif whom is not None:
        label, noun = f"meeting with {_drop_the(whom)}", "meeting"
    elif who is not None and " " in who.strip():
        label, noun = f"meeting of {who}", "meeting"
    else:
        label, noun = "meeting", "meeting"
    start = subj.left_edge.idx if subj.i < v.i else v.idx
    end = _clause_end(v, obj)
    clause = doc.char_span(start, end, alignment_mode="expand")
    context = label + " " + (clause.text if clause is not None else "")
    titles = " ".join(r.title for t in (clause or []) if t.pos_ == "PROPN"
                      for e in [ctx.entity_at(t.idx, t.idx + len(t.text))] if e is not None and e.type == "person"
                      for r in e.roles)
    typed = etype if etype != "meeting" else (cue_type(context + " " + titles) or "meeting")
    content = frozenset(w for w in re.findall(r"[a-z0-9]+", label.lower())
                        if w not in _FUNCTION and w != noun)
    generic = label == "meeting"
    attendees = [d for t in (subj, obj) if t is not None for d in [_attendee(ctx, t)] if d is not None]
    return Mention(head=v.i, sent=bisect.bisect_right(sent_starts, v.idx) - 1, start=start, end=end,
                   name_start=start, name_end=end, type=typed, generic=generic, proper=False,
                   definite=False, distinct=True, strict_type=etype != "meeting" or typed != "meeting",
                   content=content, label=label, noun=noun, attendees=attendees)


def _attendee(ctx: Context, tok: "Token") -> Delegation | None:
    """The person a subject or object names, as the head of their state's delegation."""
    for t in [tok] + [c for c in tok.conjuncts]:
        if t.pos_ not in ("PROPN", "PRON"):
            continue
        e = ctx.entity_at(t.idx, t.idx + len(t.text))
        if e is not None and e.type == "person" and e.country:
            return Delegation(e.country, e.name, e.roles[0].title if e.roles else None)
    return None


def _drop_the(s: str) -> str:
    return s[4:] if s.lower().startswith("the ") else s
