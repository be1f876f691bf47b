"""Extract stage: events — the meetings, summits, talks, visits and signings a report refers to.

Mentions (``mentions.py``) are grouped into events: a named mention starts an event unless
its name matches one already seen; "the meeting", "the event", "talks" refer back (to the
report's main event unless a same-word event was just mentioned); "a meeting in London" or
"the next meeting in April" start one when they carry a place or date. The main event is
the one the lead describes, else the one mentioned most.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from diplograph.extract import dates
from diplograph.extract.context import Context
from diplograph.extract.docdate import dateline_date, timeline
from diplograph.extract.events import attrs, mentions, parties, verbs
from diplograph.extract.events.mentions import Mention
from typing import TYPE_CHECKING

from diplograph.knowledge import load
from diplograph.model import Delegation, Event, EventDate, Location, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["run"]

# Content-word Jaccard at which two mentions name the same event; 0.5 merges "G8 summit"
# with "the G8 summit in July" and keeps "June summit" apart from "summit meeting" (BBC dev).
SAME_NAME = 0.5
_LEVELS = {"cue": 3, "date": 2, "tense": 1}
_E = load("events")


@dataclass(slots=True)
class _M:
    m: Mention
    location: Location | None
    date: EventDate | None
    status: str | None
    level: int


@dataclass(slots=True)
class _Ev:
    ms: list[_M] = field(default_factory=list)

    @property
    def naming(self) -> _M:
        named = [x for x in self.ms if not x.m.generic]
        return (next((x for x in named if x.m.proper), None) or next((x for x in named if x.m.label is None), None)
                or (named[0] if named else self.ms[0]))

    @property
    def location(self) -> Location | None:
        return next((x.location for x in self.ms if x.location), None)

    @property
    def date(self) -> EventDate | None:
        return next((x.date for x in self.ms if x.date), None)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _conflict(ev: _Ev, x: _M) -> bool:
    n = ev.naming.m
    if not n.generic and not x.m.generic and "meeting" not in (n.type, x.m.type) and n.type != x.m.type:
        return True
    loc, d = ev.location, ev.date
    if loc and x.location and loc.name != x.location.name:
        return True
    ordinal = next((y.m.ordinal for y in ev.ms if y.m.ordinal), None)
    if ordinal and x.m.ordinal and ordinal != x.m.ordinal:
        return True  # "the first ... Forum" and "the third ... Forum" are different rounds
    return bool(d and x.date and (d.start, d.end) != (x.date.start, x.date.end))


def _same_name(ev: _Ev, m: Mention, text: str = "") -> bool:
    for y in ev.ms:
        if m.acronym and m.acronym == y.m.acronym:
            return True
        if m.content and _jaccard(m.content, y.m.content) >= SAME_NAME:
            return True
        if text and m.proper and y.m.proper and m.content and y.m.content and _within(
                text[m.name_start:m.name_end], text[y.m.name_start:y.m.name_end]):
            return True  # "the Cooperation Council" after "the Cooperation Council between the EU and ..."
    return False


def _within(a: str, b: str) -> bool:
    """Whether one capitalised name is the other less its parties or complement."""
    short, long = sorted((a.replace("–", "-"), b.replace("–", "-")), key=len)
    return long.startswith(short + " ") or long.endswith(("-" + short, " " + short))


def _head_word(ctx: Context, m: Mention) -> str:
    return m.noun or ctx.doc[m.head].lemma_.lower()


def run(ctx: Context) -> None:
    doc, text = ctx.doc, ctx.text
    sents = list(doc.sents)
    if not sents:
        return
    sent_starts = [s.start_char for s in sents]
    tl = timeline(ctx)
    found, tenses, anchor = tl.found, tl.tenses, tl.anchor
    ms = mentions.find(doc, text, sent_starts)
    ms = sorted(ms + verbs.find(ctx, ms, sent_starts), key=lambda m: m.start)
    if not ms:
        return
    infos = _describe(ctx, ms, sents, found, tenses, anchor)
    events = _group(ctx, infos, sents)
    if not events:
        return
    main = _main(events, text)
    _attach_generics(ctx, events, infos, main)
    lead = _lead(text, sents)
    _date_from_lead(text, lead, sents, main, events, found, anchor)
    _emit(ctx, events, main, sents, lead)


# Date expressions that name one day ("on Thursday", "on 27 February", "yesterday").
_DAY_FORMS = frozenset({"weekday", "deictic", "dmy", "mdy", "iso", "numeric"})


def _date_from_lead(text: str, lead: str, sents: list, main: _Ev, events: list[_Ev],
                    found: list[dates.Found], anchor: dates.Anchor | None) -> None:
    """A news lead dates its news: "ALMATY, Feb 27 (Reuters) - The United States and the five
    Central Asian states on Thursday agreed ... after a C5+1 ministerial meeting in Almaty".
    A held main event with no date of its own took place on the one past day the lead's
    first sentence names, unless another event of the report is dated by it."""
    if main.date is not None or _status(main) == "planned" or anchor is None:
        return
    para = lead.rfind("\n\n")
    begin = para + 2 if para >= 0 else 0
    # the first sentence of the lead paragraph (the parser may cut a dateline off as its own)
    first = next((x for x in sents if x.end_char > begin and len(x.text.split()) >= LEAD_WORDS),
                 None)
    if first is None:
        return
    stamp = dateline_date(text)
    days = []
    for f in found:
        if begin <= f.start < first.end_char and f.kind in _DAY_FORMS and (
                stamp is None or f.start != stamp.start):
            v = dates.resolve(f, anchor, "past")
            if v is not None and len(v.start) == 10 and v.start == v.end:
                days.append(v)
    if len(days) != 1 or (anchor.date is not None and days[0].start > anchor.date.isoformat()):
        return
    day = days[0]
    if any(ev.date is not None and ev.date.start == day.start for ev in events):
        return
    main.ms[0].date = EventDate(day.start, day.end, day.text)


def _describe(ctx: Context, ms: list[Mention], sents: list, found: list[dates.Found],
              tenses: list[dates.Tense], anchor: dates.Anchor | None) -> list[_M]:
    doc, text = ctx.doc, ctx.text
    found_starts = [f.start for f in found]
    stamp = dateline_date(text)
    claimed: set[int] = {j for j, f in enumerate(found) if stamp is not None and f.start == stamp.start}
    here = attrs.resolve_place(ctx.document.dateline) if ctx.document.dateline else None
    out: list[_M] = []
    for k, m in enumerate(ms):
        sent = sents[m.sent]
        nxt = ms[k + 1] if k + 1 < len(ms) and ms[k + 1].sent == m.sent else None
        prv = ms[k - 1] if k > 0 and ms[k - 1].sent == m.sent else None
        limit_char = nxt.start if nxt else sent.end_char
        limit_tok = doc[nxt.head].left_edge.i if nxt else sent.end
        loc = attrs.mention_location(doc, m, limit_tok, here)
        date = None
        lo = prv.end if prv else sent.start_char
        cands = [j for j in range(bisect.bisect_left(found_starts, lo), len(found))
                 if found[j].start < limit_char and j not in claimed
                 and _date_of(doc, text, m, found[j])]
        shifted = attrs.moved(doc, m)
        if shifted is not None:
            # "postponed to 2026": the new date dates the event, which is still to come
            cands = [j for j in cands if shifted[0] <= found[j].start < shifted[1]] + [
                j for j in cands if not shifted[0] <= found[j].start < shifted[1]]
        cue = "planned" if shifted is not None else attrs.cue_status(doc, text, m, sent.start_char)
        for j in cands:
            # "ahead of COP29 in Baku in November": a cue on the event outweighs its clause's tense
            tense = {"planned": "future", "held": "past"}.get(cue or "") or tenses[j] or attrs.clause_tense(doc[m.head])
            v = dates.resolve(found[j], anchor, tense)
            if v is not None and found[j].kind not in ("span", "decade", "year_range"):
                date = EventDate(v.start, v.end, v.text)
                claimed.add(j)
                break
        status, level = None, 0
        s = cue
        if s:
            status, level = s, _LEVELS["cue"]
        else:
            s = attrs.date_status(date, anchor)
            if s:
                status, level = s, _LEVELS["date"]
            else:
                t = attrs.clause_tense(doc[m.head])
                if t == "future":
                    status, level = "planned", _LEVELS["tense"]
                elif t == "past":
                    status, level = "held", _LEVELS["tense"]
        out.append(_M(m, loc, date, status, level))
    _inherit_conjuncts(ctx, out)
    _share_frame(text, out)
    return out


def _share_frame(text: str, infos: list[_M]) -> None:
    """"a side event on the margins of the UN General Assembly in New York on Tuesday": the
    place and day told after the framing session are the framed event's too."""
    for x, y in zip(infos, infos[1:]):
        if x.m.sent != y.m.sent or not y.m.session:
            continue
        gap = " ".join(text[x.m.name_end:y.m.start].lower().split())
        if any(gap in (b, b + " the") for b in mentions.NAME_BREAK_TEXTS):
            x.location = x.location or y.location
            x.date = x.date or y.date


def _date_of(doc: "Doc", text: str, m: Mention, f: dates.Found) -> bool:
    """Whether a date expression dates this mention: inside it ("Tuesday's meeting", "a June
    summit"), in its clause ("a meeting expected to take place next month"), right after it
    with nothing but a place between ("... in Cholpon-Ata on 2 June 2023"), or before it when a
    "when" clause hangs the event on the date ("in December, when ... gather for a summit")."""
    if m.start <= f.start and f.end <= m.name_end:
        return True
    head = doc[m.head]
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return False
    up = next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if up is not None and any(v.i == up.i for v in attrs.governing_verbs(head)):
        return True
    if f.start >= m.name_end:
        if head.left_edge.i <= span.start and span.end - 1 <= head.right_edge.i and any(
                a.i == head.i for a in span[0].ancestors):
            return True
        between = doc.char_span(m.name_end, f.start, alignment_mode="expand")
        return between is None or not any(
            (t.pos_ in ("VERB", "AUX") and t.lemma_ not in attrs.OCCUR_VERBS) or t.text in (",", ";")
            for t in between if t.i < span.start)
    gap = re.sub(r"\s+", " ", text[f.end:m.start]).lower()
    return gap.startswith(", when ") and "." not in gap


def _inherit_conjuncts(ctx: Context, infos: list[_M]) -> None:
    """"on the eve of the X and a Y": a cue before the first conjunct holds for the others."""
    by_head = {x.m.head: x for x in infos}
    for x in infos:
        if x.level >= _LEVELS["date"]:
            continue
        for c in ctx.doc[x.m.head].conjuncts:
            y = by_head.get(c.i)
            if y is not None and y.level == _LEVELS["cue"] and c.i < x.m.head:
                x.status, x.level = y.status, y.level


def _starts_event(doc: "Doc", x: _M) -> bool:
    m = x.m
    if m.session:
        # "the General Assembly adopted ...", "on the sidelines of the UN General Assembly": the
        # body, or a backdrop; "COP29 in Baku in November" is a session the text tells of
        head = doc[m.head]
        acts = head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ not in attrs.OCCUR_VERBS
        return not acts and (x.location is not None or x.date is not None)
    if not m.generic:
        return True
    return m.distinct and (x.location is not None or x.date is not None)


def _group(ctx: Context, infos: list[_M], sents: list) -> list[_Ev]:
    events: list[_Ev] = []
    for x in infos:
        if not _starts_event(ctx.doc, x):
            continue
        m = x.m
        target: _Ev | None = None
        if m.label is not None:
            target = _told_again(events, x)
        elif m.proper or m.distinct:
            target = next((ev for ev in events if _same_name(ev, m, ctx.text) and not _conflict(ev, x)), None)
        else:
            word = _head_word(ctx, m)
            same = [ev for ev in events if any(_head_word(ctx, y.m) == word and not (
                        y.m.complement and m.complement) for y in ev.ms)
                    and not _conflict(ev, x) and not ev.naming.m.proper]
            target = (same[-1] if same else
                      next((ev for ev in events if _same_name(ev, m) and not _conflict(ev, x)), None))
        if target is None:
            events.append(_Ev([x]))
        else:
            target.ms.append(x)
    return events


def _told_again(events: list[_Ev], x: _M) -> _Ev | None:
    """The event a verb retells ("Costa and von der Leyen met Tokayev ..." after "held their
    first summit"): the latest one of its kind and status, in this or the previous sentence
    or at the same place or date."""
    for ev in reversed(events):
        if _conflict(ev, x):
            continue
        status = next((y.status for y in ev.ms if y.status), None)
        if x.status and status and x.status != status:
            continue
        near = x.m.sent - max(y.m.sent for y in ev.ms) <= 1
        same_place = bool(x.location and ev.location)
        same_day = bool(x.date and ev.date)
        ongoing = x.status is None and not (x.location or x.date)
        if near or same_place or same_day or ongoing or _same_name(ev, x.m):
            return ev
    return None


def _main(events: list[_Ev], text: str) -> _Ev:
    para = text.find("\n\n")
    lead_end = para if para > 0 else len(text)
    in_lead = [ev for ev in sorted(events, key=lambda e: e.ms[0].m.start)
               if ev.ms[0].m.start < lead_end or ev.ms[0].m.sent <= 1]
    if in_lead:
        # "signed the declaration at the conclusion of the summit": the report is about the summit
        return next((ev for ev in in_lead if ev.naming.m.type != "signing"), in_lead[0])
    return max(events, key=lambda e: (len([x for x in e.ms if not x.m.generic]), -e.ms[0].m.start))


def _attach_generics(ctx: Context, events: list[_Ev], infos: list[_M], main: _Ev) -> None:
    placed = {id(x) for ev in events for x in ev.ms}
    for x in infos:
        if id(x) in placed or x.m.session:
            continue
        word = _head_word(ctx, x.m)
        recent = [ev for ev in events if ev is not main and any(
            _head_word(ctx, y.m) == word and 0 <= x.m.sent - y.m.sent <= 1 and y.m.start < x.m.start
            for y in ev.ms)]
        target = recent[-1] if recent else main
        if x.location and target.location and x.location.name != target.location.name:
            continue
        target.ms.append(x)
        target.ms.sort(key=lambda y: y.m.start)


def _name(ctx: Context, ev: _Ev) -> str:
    n = ev.naming.m
    name = n.label or ctx.text[n.name_start:n.name_end]
    loc = ev.location
    if not n.proper and loc and loc.name.lower() not in name.lower() and " " not in name.strip():
        name = f"{name} in {loc.name}"
    elif not n.proper and loc and loc.name.lower() not in name.lower() and name.split()[-1] in (
            "conference", "summit", "meeting", "talks", "forum"):
        name = f"{name} in {loc.name}"
    return name


def _status(ev: _Ev) -> str:
    """The status the strongest evidence gives; among equals the majority, then the first."""
    top = max(y.level for y in ev.ms)
    if not top:
        return "held"
    votes = [y.status for y in ev.ms if y.level == top and y.status]
    planned, held = votes.count("planned"), votes.count("held")
    if planned != held:
        return "planned" if planned > held else "held"
    return votes[0] or "held"


def _type(ev: _Ev, ctx: Context, is_main: bool, lead: str) -> str:
    n = ev.naming.m
    if n.strict_type:
        return n.type
    strict = next((y.m.type for y in ev.ms if y.m.strict_type and y.m.type != n.type
                   and y.m.type in ("conference", "summit", "forum", "ministerial")), None)
    if n.type == "meeting" and strict:
        return strict
    if n.type == "meeting" and is_main:
        return mentions.cue_type(lead) or n.type
    return n.type


_FORMAT_WORDS = frozenset(_E["format_words"])
_RECURRENCE = frozenset(_E["recurrence_modifiers"])
_NEXT = frozenset(_E["next_modifiers"])
_PREVIOUS = frozenset(_E["previous_modifiers"])
_SEPARATORS = frozenset({"-", "–", "—", "plus", "+", "and", "&"})
_NAME_FUNCTION = frozenset({"of", "on", "the", "and", "for", "in", "a", "an", "-", "–"})
# A format name keeps its parties when what is left is this short: "EU-Central Asia Ministerial
# Meeting", "China-Central Asia Summit" are the series, "High-level Political and Security
# Dialogue" stands alone (shared and test golds).
SHORT_REST = 2
_WEAK = frozenset(mentions.WEAK_HEADS)
_TIME_NOUNS = frozenset({"year", "week", "month", "day", "time", "season", "autumn", "spring", "summer", "winter"})


def _is_party(chunk: str) -> bool:
    g = parties.gazetteer
    org = g.organization(chunk)
    return bool(g.party_code(chunk) or g.region(chunk) or parties.format_members(chunk)
                or (org is not None and org.country is None))


def _party_prefix(words: list[str]) -> int:
    """How many leading words of a name are its parties: "EU-Central Asia", "Central Asia plus Japan"."""
    for i in range(len(words), 0, -1):
        prefix = " ".join(words[:i])
        tokens = re.split(r"\s*[-–—+&]\s*|\s+(?:plus|and)\s+", prefix)
        chunks = [c.strip() for c in tokens if c.strip()]
        if chunks and prefix.split()[-1] not in _SEPARATORS and all(_is_party(c) for c in chunks):
            return i
    first = words[0] if words else ""
    a, _, b = first.replace("–", "-").partition("-")
    if b and _is_party(a):
        return -1  # "ASEAN-led" style: the first word is half party
    return 0


_BETWEEN = re.compile(r"^(.+?) (?:between|of) (?:the )?(.+?) and (?:the )?(.+)$")


def _short_party(name: str) -> str:
    return "EU" if parties.gazetteer.party_code(name) == "EU" else name


def _parties_first(name: str) -> str:
    """"Cooperation Council between the European Union and the Kyrgyz Republic" is the
    "EU-Kyrgyz Republic Cooperation Council", the form formats are known by."""
    m = _BETWEEN.match(name)
    if not m or not m.group(1)[:1].isupper() or not (_is_party(m.group(2)) and _is_party(m.group(3))):
        return name
    return f"{_short_party(m.group(2))}-{_short_party(m.group(3))} {m.group(1)}"


def _series(name: str, proper: bool, recurs: bool = False) -> str | None:
    """The format a named event belongs to: its name without a trailing format word, less its
    leading parties when the rest is a name on its own ("High-level Political and Security
    Dialogue"); a name with no parties is a format only when the text shows it recurs."""
    if not proper:
        return None
    words = name.replace("–", "-").split()
    while words and words[-1].lower() in _FORMAT_WORDS and len(words) > 1:
        words = words[:-1]
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return None
    k = _party_prefix(words)
    if k == -1:
        a, _, b = words[0].partition("-")
        rest = [b] + words[1:]
    else:
        rest = words[k:] if k > 0 else words
    content = [w for w in rest if w.lower() not in _NAME_FUNCTION]
    if k == 0:
        return " ".join(words) if recurs and content else None
    if len(content) <= SHORT_REST:
        return " ".join(words)
    return " ".join(rest).lstrip("- ")


def _recurs(ctx: Context, ev: _Ev) -> bool:
    """Whether the text shows an event's format recurs: an ordinal, "annual", "next", ..."""
    return any(x.m.ordinal or any(ctx.doc[i].lower_ in _RECURRENCE for i in x.m.left_modifiers) for x in ev.ms)


def _series_of(ctx: Context, ev: _Ev, name: str, is_main: bool, done: list[Event]) -> str | None:
    """The format an event belongs to: its proper name less its parties; "the 12th meeting of the
    X Working Group" is a round of X; "the next meeting of the working group" is a round of the
    main event's format when its words are the main event's; "a C5+1 business forum" is of a
    format named before."""
    n = ev.naming.m
    recurs = _recurs(ctx, ev)
    own = _series(_parties_first(name), n.proper, recurs)
    if own or n.label:
        return own
    words = name.split()
    if n.complement and len(words) > 3 and words[1] == "of" and words[2] == "the" and any(
            w[:1].isupper() for w in words[3:]):
        inner = " ".join(words[3:])
        return _series(inner, True, True) or inner
    if recurs and not n.proper:
        # "the first Korea-Central Asia summit": parties and the event noun name a recurring format
        head = ctx.doc[n.head]
        upto = ctx.text[n.name_start:head.idx + len(head.text)].split()
        if head.idx >= n.name_start and _party_prefix(upto) > 0:
            return _series(" ".join(upto), True, True)
    main = done[0] if done and done[0].main else None
    if not is_main and main is not None and main.series and (n.content or recurs):
        known = {w.lower() for w in re.findall(r"\w+", main.name + " " + main.series)}
        if n.content <= known and (n.content or _head_word(ctx, n) in known | _WEAK):
            return main.series
    low = f" {name.lower()} "
    return next((e.series for e in done if e.series and f" {e.series.lower()} " in low), None)


def _ordinal_of(ctx: Context, ev: _Ev, series: str | None, main: Event | None) -> int | None:
    """The round number the text gives, else the main round's ± 1 for "the next/previous" round
    of the main event's format."""
    own = next((y.m.ordinal for y in ev.ms if y.m.ordinal), None)
    if own is not None or main is None or main.ordinal is None or not series or series != main.series:
        return own
    doc = ctx.doc
    for y in ev.ms:
        # "the next X", not "last year's X"
        mods = {doc[i].lower_ for i in y.m.left_modifiers if doc[i].idx < y.m.name_start
                and not (i + 1 < len(doc) and doc[i + 1].lower_ in _TIME_NOUNS)}
        if mods & _NEXT:
            return main.ordinal + 1
        if mods & _PREVIOUS:
            return main.ordinal - 1 if main.ordinal > 1 else None
    return None


# A lead paragraph has at least this many words; shorter first paragraphs are datelines and
# kickers ("LUXEMBOURG, 23 October 2023 – EEAS Press Release").
LEAD_WORDS = 8


def _lead(text: str, sents: list) -> str:
    """The report's first paragraph that is a sentence, with whatever stands before it."""
    pos = 0
    while True:
        para = text.find("\n\n", pos)
        end = para if para > 0 else len(text)
        if len(text[pos:end].split()) >= LEAD_WORDS or end == len(text):
            return text[:end] if end > 0 else sents[0].text
        pos = end + 2


def _emit(ctx: Context, events: list[_Ev], main: _Ev, sents: list, lead: str) -> None:
    text = ctx.text
    ordered = sorted(events, key=lambda e: (e is not main, e.ms[0].m.start))
    names_spans = {id(ev): [(x.m.start, x.m.end) for x in ev.ms] for ev in events}
    sent_events: dict[int, set[int]] = {}
    for ev in ordered:
        for x in ev.ms:
            sent_events.setdefault(x.m.sent, set()).add(id(ev))
    by_id = {id(ev): ev for ev in ordered}
    dels: dict[int, list[Delegation]] = {id(ev): [] for ev in ordered}
    for si, s in enumerate(sents):
        found = parties.delegations_in(ctx, s.start_char, s.end_char)
        if not found:
            continue
        evs = sent_events.get(si, set())
        target = by_id[next(iter(evs))] if len(evs) == 1 else main
        dels[id(target)].extend(found)
    places = parties.place_phrases(ctx)
    out: list[Event] = []
    for k, ev in enumerate(ordered, 1):
        is_main = ev is main
        n = ev.naming.m
        name = _name(ctx, ev)
        other = [sp for e2 in ordered if e2 is not ev for sp in names_spans[id(e2)]]
        ps: list[str] = []
        ps += parties.parties_in(ctx, n.name_start, n.name_end)
        ps += parties.name_members(ctx, n.name_start, n.name_end)
        main_sents = sorted({x.m.sent for x in ev.ms}) if is_main else []
        spans = [(0, len(lead))] + [(sents[si].start_char, sents[si].end_char) for si in main_sents]
        if is_main:
            for a, b in spans:
                ps += parties.parties_in(ctx, a, b, other + places)
                ps += parties.group_members(_outside(text, a, b, other))
        delegations = _dedupe(dels[id(ev)] + [d for x in ev.ms for d in x.m.attendees]
                              + parties.persons_named(ctx, n.name_start, n.name_end))
        etype = _type(ev, ctx, is_main, lead)
        if is_main and etype in ("summit", "visit"):
            led = {d.party for d in delegations if d.head}
            for a, b in spans:
                for d in parties.leaders_in(ctx, a, b):
                    if d.party not in led:
                        led.add(d.party)
                        delegations = [x for x in delegations if x.party != d.party] + [d]
        parties.fill_heads(ctx, delegations)
        ps += [d.party for d in delegations if d.party != parties.UNKNOWN]
        delegations = parties.place_unknown(delegations, list(dict.fromkeys(ps)))
        loc = ev.location
        if loc and loc.country and not is_main:
            ps = [p for p in ps if p != loc.country or p in {d.party for d in delegations}]
        if loc and loc.country and etype == "visit":
            ps.append(loc.country)  # the host of a visit
        series = None if n.session else _series_of(ctx, ev, n.label or text[n.name_start:n.name_end], is_main, out)
        main_ev = out[0] if out and out[0].main else None
        out.append(Event(
            id=f"v{k}", type=etype, name=name, main=is_main,  # type: ignore[arg-type]
            status=_status(ev),  # type: ignore[arg-type]
            series=series, acronym=next((y.m.acronym for y in ev.ms if y.m.acronym), None),
            ordinal=_ordinal_of(ctx, ev, series, main_ev),
            date=ev.date, location=loc, participants=list(dict.fromkeys(ps)), delegations=delegations,
            evidence=[Span(x.m.start, x.m.end) for x in ev.ms]))
    if out[0].type == "summit":
        _summit_leaders(ctx, out[0])
    _rounds_share_their_parties(out, [_round_of(ctx, ev) for ev in ordered])
    _signings_take_their_meeting(out, [sorted({x.m.sent for x in ev.ms}) for ev in ordered])
    ctx.events.extend(out)


def _outside(text: str, a: int, b: int, skip: list[tuple[int, int]]) -> str:
    """``text[a:b]`` with the ``skip`` spans blanked out."""
    chars = list(text[a:b])
    for x, y in skip:
        for i in range(max(x, a), min(y, b)):
            chars[i - a] = " "
    return "".join(chars)


def _summit_leaders(ctx: Context, main: Event) -> None:
    """At a summit each taking part state is led by its head of state, wherever the report names him."""
    led = {d.party for d in main.delegations if d.head}
    for d in parties.leaders_in(ctx, 0, len(ctx.text)):
        if d.party in main.participants and d.party not in led:
            led.add(d.party)
            main.delegations = [x for x in main.delegations if x.party != d.party] + [d]


_ROUND_OF = re.compile(r"(?:round|meeting|session|leg)s? of (?:the|these|those) (\w+)$")


def _round_of(ctx: Context, ev: _Ev) -> str | None:
    """The event noun a round refers back to: "the first round of the talks" → "talks"."""
    n = ev.naming.m
    m = _ROUND_OF.fullmatch(ctx.text[n.name_start:n.name_end].lower())
    return m.group(1) if m else None


def _rounds_share_their_parties(out: list[Event], rounds: list[str | None]) -> None:
    """Another round of the main event's format, or a round of "the talks" the main event is,
    has the main event's parties."""
    main = out[0]
    if not main.main or not main.participants:
        return
    main_words = set(re.findall(r"\w+", main.name.lower()))
    for ev, of in zip(out[1:], rounds[1:]):
        same = (main.series and ev.series == main.series) or (of is not None and of in main_words)
        if same and set(ev.participants) <= set(main.participants):
            ev.participants = list(main.participants)


def _signings_take_their_meeting(out: list[Event], sents: list[list[int]]) -> None:
    """A signing the text places nowhere happened at the meeting told in its sentence, else at
    the report's main event: it takes that event's place, date and parties."""
    main = out[0]
    for k, ev in enumerate(out):
        if ev.type != "signing" or ev.location is not None or ev.main:
            continue
        first = sents[k][0]
        host = next((out[j] for j in range(len(out)) if j != k and out[j].type != "signing"
                     and first in sents[j]), None)
        if host is None and main.status == "held" and ev.status == "held" and main.type != "signing":
            host = main
        if host is None:
            continue
        ev.location = host.location
        ev.date = ev.date or host.date
        ev.participants = ev.participants or list(host.participants)
        ev.delegations = ev.delegations or [Delegation(d.party, d.head, d.title) for d in host.delegations]


def _dedupe(ds: list[Delegation]) -> list[Delegation]:
    out: dict[tuple[str, str | None], Delegation] = {}
    for d in ds:
        key = (d.party, d.head)
        if (d.party, None) in out and d.head:
            del out[(d.party, None)]
        if d.head is None and any(p == d.party for p, _ in out):
            continue
        out.setdefault(key, d)
    return list(out.values())
