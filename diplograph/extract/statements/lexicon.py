"""The reporting lexicon (knowledge/data/<lang>/reporting.json) as typed, read-once data."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from diplograph.knowledge import load


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, frozenset[str]]
    particles: dict[str, dict[str, frozenset[str]]]
    past_only: frozenset[str]
    listeners: frozenset[str]
    addressed: frozenset[str]
    documents: frozenset[str]
    joint_documents: frozenset[str]
    collective: frozenset[str]
    sides: frozenset[str]
    agents: frozenset[str]
    mouthpieces: tuple[str, ...]
    anaphoric: dict[str, frozenset[str]]
    named_bodies: frozenset[str]
    offices: frozenset[str]
    delegation_heads: frozenset[str]
    delegations: frozenset[str]
    name_cue: re.Pattern[str]
    pronouns: dict[str, frozenset[str]]
    gender_marks: dict[str, str]
    meeting_verbs: frozenset[str]
    # lemma -> the particle or object it needs ('take' -> 'place'), '' for none
    event_verbs: dict[str, str]
    event_governors: frozenset[str]
    deciding: frozenset[str]
    event_nouns: frozenset[str]
    question_labels: frozenset[str]
    answer_labels: frozenset[str]
    dashes: str

    def kinds(self, lemma: str, particle: str | None = None) -> frozenset[str]:
        if particle is not None:
            return self.particles.get(lemma, {}).get(particle, frozenset())
        return self.verbs.get(lemma, frozenset())

    def is_cue_lemma(self, lemma: str) -> bool:
        return lemma in self.verbs or lemma in self.particles


@functools.lru_cache(maxsize=None)
def lexicon(lang: str = "en") -> Lexicon:
    data = load("reporting", lang)
    occ = data["occurrences"]
    events = load("events", lang)
    cues = sorted(data["name_cues"], key=len, reverse=True)
    return Lexicon(
        verbs={k: frozenset(v) for k, v in data["verbs"].items()},
        particles={k: {p: frozenset(v) for p, v in ps.items()} for k, ps in data["particles"].items()},
        past_only=frozenset(data["past_only"]),
        listeners=frozenset(data["listeners"]),
        addressed=frozenset(data["addressed"]),
        documents=frozenset(data["documents"]),
        joint_documents=frozenset(data["joint_documents"]),
        collective=frozenset(data["collective"]),
        sides=frozenset(data["sides"]),
        agents=frozenset(data["agents"]),
        mouthpieces=tuple(data["mouthpieces"]),
        anaphoric={k: frozenset(v) for k, v in data["anaphoric"].items()},
        named_bodies=frozenset(data["named_bodies"]),
        offices=frozenset(data["offices"]),
        delegation_heads=frozenset(data["delegation_heads"]),
        delegations=frozenset(data["delegations"]),
        # a name cue right before the opening mark: 'the so-called «…»' (after a comma it ends
        # a clause: 'who asked not to be named, «…»')
        name_cue=re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")[^\w,;.]{0,3}$", re.I),
        pronouns={k: frozenset(v) for k, v in data["pronouns"].items()},
        gender_marks={w.lower(): g for g, ws in data["gender"].items() for w in ws},
        meeting_verbs=frozenset(occ["meeting_verbs"]),
        event_verbs={v.split()[0]: " ".join(v.split()[1:]) for v in occ["event_verbs"]},
        event_governors=frozenset(occ["governors"]),
        deciding=frozenset(occ["deciding"]),
        event_nouns=frozenset(
            [k for k, t in events["heads"].items() if t != "signing"]
            + events["generic_heads"] + events["delegation_nouns"]),
        question_labels=frozenset(w.lower() for w in data["interview"]["question_labels"]),
        answer_labels=frozenset(w.lower() for w in data["interview"]["answer_labels"]),
        dashes="".join(data["interview"]["dashes"]),
    )
