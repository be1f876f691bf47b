"""Whether reported content only tells that an event takes place: 'A business forum held on
March 1 brought together 300 companies, the ministry said' reports the forum (the events
stage's fact), not what the ministry holds or wants."""
from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.extract.statements.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def describes_event(head: "Token | None", lex: Lexicon) -> bool:
    """``head``: the token heading the reported content (its verb, for a clause)."""
    if head is None:
        return False
    verb = head
    for _ in range(3):  # 'is expected to take place', 'is due to open'
        if verb.lemma_.lower() not in lex.event_governors:
            break
        nxt = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if nxt is None:
            break
        verb = nxt
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    if lemma in lex.meeting_verbs:
        # 'the presidents have met in New York'; not 'his concerns had been met', nor the
        # speaker's own account ('he had been meeting many people')
        subject = _subject(verb, head)
        return (subject is not None and subject.dep_ == "nsubj" and subject.pos_ != "PRON"
                and not any(c.dep_ == "auxpass" for c in verb.children))
    if lemma not in lex.event_verbs:
        return False
    needed = lex.event_verbs[lemma]
    if needed and not any(c.lower_ == needed for c in verb.children):
        return False
    subject = _subject(verb, head)
    return subject is not None and subject.lemma_.lower() in lex.event_nouns


def _subject(verb: "Token", head: "Token") -> "Token | None":
    for tok in (verb, head):
        subj = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            return subj
    return None
