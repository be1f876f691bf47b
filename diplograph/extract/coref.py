"""Coreference for persons: descriptive references and pronouns become mentions.

"the deputy minister", "the diplomat", "the foreign secretary" → the most recent person
whose role title has a matching head word (titles.json ``coref``); "the head of the
European delegation" → the person of that party (by country code or role body);
subject pronouns "He"/"She" → the most recent person before them; "his"/"her" in a
sentence-initial phrase ("In his opening remarks, Roman Vassilenko said") → the sentence's
subject when it is a person, else the most recent person.
"""
from __future__ import annotations

import bisect
import re

from diplograph.extract.context import Context
from diplograph.extract.entities.lexicon import GenderCues, gender_cues, lexicon
from diplograph.knowledge import gazetteer as gz
from diplograph.model import Entity

# How far back (characters) a pronoun or description may reach for its person; about three
# paragraphs of a wire report, calibrated on the seed and the BBC dev texts.
REACH = 1200

_HEAD_OF = re.compile(
    r"\b[Tt]he\s+head\s+of\s+(?:the\s+)?(?P<party>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)\s+delegation\b")
_PRONOUNS = {"he", "she"}
_POSSESSIVES = {"his", "her"}


def _person_mentions(ctx: Context) -> list[tuple[int, int, Entity]]:
    out = []
    for m in ctx.mentions:
        e = ctx.entity(m.entity_id)
        if e is not None and e.type == "person":
            out.append((m.start, m.end, e))
    out.sort(key=lambda x: x[0])
    return out


def _party_of(e: Entity) -> set[str]:
    out = {e.country} if e.country else set()
    for r in e.roles:
        if r.organization:
            org = gz.organization(r.organization)
            if org and (org.code or org.country):
                out.add(org.code or org.country or "")
    return out


def _title_words(e: Entity) -> set[str]:
    words: set[str] = set()
    for r in e.roles:
        words.update(w.lower() for w in re.findall(r"[\w\-]+", r.title))
    return words


def resolve(ctx: Context) -> None:
    people = _person_mentions(ctx)
    if not people:
        return
    starts = [p[0] for p in people]
    lex = lexicon()
    text = ctx.text
    doc = ctx.doc
    taken = {(m.start, m.end) for m in ctx.mentions}

    def before(pos: int) -> list[Entity]:
        """Persons mentioned before ``pos`` within reach, most recent first, unique."""
        i = bisect.bisect_left(starts, pos)
        seen: list[Entity] = []
        for j in range(i - 1, -1, -1):
            s, _, e = people[j]
            if pos - s > REACH:
                break
            if e not in seen:
                seen.append(e)
        return seen

    # "the head of the European delegation"
    for m in _HEAD_OF.finditer(text):
        code = gz.party_code(m.group("party"))
        if code is None:
            org = gz.organization(m.group("party"))
            code = (org.code or org.country) if org else None
        if code is None:
            continue
        cands = [e for e in before(m.start()) if code in _party_of(e)]
        if not cands:
            cands = [e for _, _, e in people if code in _party_of(e)]
        if cands:
            s = m.start()
            _add(ctx, taken, s, m.end(), cands[0], "descriptive")

    # "the deputy minister", "the diplomat"
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ != "the" or tok.i + 1 >= len(doc):
                continue
            best = None
            for n in (3, 2, 1):
                if tok.i + n >= len(doc):
                    continue
                words = [t.lower_ for t in doc[tok.i + 1: tok.i + 1 + n]]
                phrase = " ".join(words)
                if phrase in lex.coref:
                    nxt = doc[tok.i + 1 + n] if tok.i + 1 + n < len(doc) else None
                    # "the minister of ...", "the president's" are still references, but
                    # "the president Jacques Chirac" is a name with its title
                    if nxt is not None and nxt.ent_type_ == "PERSON":
                        break
                    best = (n, lex.coref[phrase])
                    break
            if best is None:
                continue
            n, heads = best
            start = tok.idx
            end = doc[tok.i + n].idx + len(doc[tok.i + n].text)
            if (start, end) in taken:
                continue
            for e in before(start):
                tw = _title_words(e)
                if "*" in heads and e.roles or tw & set(heads):
                    _add(ctx, taken, start, end, e, "descriptive")
                    break

    # pronouns: descriptions found above count as the most recent mention of their person
    people[:] = _person_mentions(ctx)
    starts[:] = [p[0] for p in people]
    sex = _genders(ctx, people)

    def agreeing(cands: list[Entity], pronoun: str) -> Entity | None:
        want = _PRONOUN_GENDER[pronoun]
        for e in cands:
            if sex.get(e.id, want) == want:
                sex[e.id] = want  # "she" once, "she" after: the person's gender is now known
                return e
        return None

    for tok in doc:
        low = tok.lower_
        if low in _PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            target = agreeing(before(tok.idx), low)
            if target is not None:
                _add(ctx, taken, tok.idx, tok.idx + len(tok.text), target, "pronoun")
        elif low in _POSSESSIVES and tok.dep_ == "poss":
            subj = _sentence_subject_person(ctx, tok)
            cands = [subj] if subj is not None else []
            target = agreeing(cands + before(tok.idx), low)
            if target is not None:
                _add(ctx, taken, tok.idx, tok.idx + len(tok.text), target, "pronoun")


_PRONOUN_GENDER = {"he": "m", "his": "m", "she": "f", "her": "f"}


def _genders(ctx: Context, people: list[tuple[int, int, Entity]]) -> dict[str, str]:
    """Gender of each person where the text shows it: an honorific before a mention, a
    gendered title, the given name, a Slavic or Central Asian surname ending."""
    g = gender_cues()
    text = ctx.text
    out: dict[str, str] = {}
    for start, _end, e in people:
        if e.id in out:
            continue
        before = text[max(0, start - 10):start].split()
        if before and before[-1] in g.male_honorifics:
            out[e.id] = "m"
        elif before and before[-1] in g.female_honorifics:
            out[e.id] = "f"
    for _s, _e, e in people:
        if e.id not in out:
            sex = _gender_of(e, g)
            if sex:
                out[e.id] = sex
    return out


def _gender_of(e: Entity, g: "GenderCues") -> str | None:
    words = e.name.split()
    title_words = _title_words(e)
    if title_words & g.male_titles:
        return "m"
    if title_words & g.female_titles:
        return "f"
    if words and words[0] in g.male_names:
        return "m"
    if words and words[0] in g.female_names:
        return "f"
    if len(words) > 1:
        last = words[-1].lower()
        if any(last.endswith(x) for x in g.female_endings):
            return "f"
        if any(last.endswith(x) for x in g.male_endings):
            return "m"
    return None


def _sentence_subject_person(ctx: Context, tok: object) -> Entity | None:
    """The person named as subject of the pronoun's sentence, after the pronoun."""
    sent = tok.sent  # type: ignore[attr-defined]
    for t in sent:
        if t.i > tok.i and t.dep_ in ("nsubj", "nsubjpass"):  # type: ignore[attr-defined]
            e = ctx.entity_at(t.idx, t.idx + len(t.text))
            if e is not None and e.type == "person":
                return e
            return None
    return None


def _add(ctx: Context, taken: set[tuple[int, int]], start: int, end: int, e: Entity,
         kind: str) -> None:
    if (start, end) in taken:
        return
    taken.add((start, end))
    ctx.add_mention(start, end, e, kind)  # type: ignore[arg-type]
