"""Extract stage: statements — who said, promised or called for what (SCHEMA.md § statements).

Three passes over one document, all linear in its length:

1. ``quotes``: quotation spans from the marks alone.
2. ``frames``: reporting frames from the parse (cue, subject, reported content).
3. here: a quotation with an attribution next to it ("X said: «…»", "«…», X said") is a
   ``direct`` statement; a whole-sentence quotation with none continues the previous
   speaker; other quotations are partial when they fall inside a frame's content and names
   or scare quotes otherwise. Remaining frames become ``partial`` or ``indirect``
   statements. Speakers are resolved by ``speakers.Resolver``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from diplograph.extract.context import Context, doc_text
from diplograph.extract.statements.frames import Frame, colon_frame, find_frames
from diplograph.extract.statements.interview import find_answers
from diplograph.extract.statements.lexicon import Lexicon, lexicon
from diplograph.extract.statements.occurrence import describes_event
from diplograph.extract.statements.quotes import Quote, find_quotes
from diplograph.extract.statements.speakers import Resolver, Speaker
from diplograph.model import Span, Statement, StatementKind
from diplograph.normalize import dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["run"]

_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'»”’]|$)|\n")
_ENDERS = ".!?:;\n\"'»”’"
_OPENING = re.compile(r"[«“„\"]")
# An attribution after a quotation is short ("," he said in a joint statement."); a longer
# stretch is a new sentence. Calibrated on the dev texts (longest 7 words) and a sample of
# 120 BBC reports (longest 13: "wrote analysts from Citigroup Smith Barney in a note …").
MAX_ATTRIBUTION_WORDS = 20
# ', adding that …', ', noting …': a participle clause after an attribution
_PARTICIPLE = re.compile(r",\s+[a-z]+ing\b")
# Between two parts of one quotation the sentence itself bounds the attribution; the 21 words
# of a Reuters source description in tests/reports2 pass, a new sentence would not resume.
MAX_RESUMED_ATTRIBUTION_WORDS = 40
# the cue's adjuncts that may stand between the attribution and a quotation's second part
_ADJUNCT_DEPS = frozenset({"prep", "advmod", "npadvmod"})
# Fewer words than this in a quotation with no frame is a name or a scare quote.
MIN_SENTENCE_QUOTE_WORDS = 4


@dataclass(slots=True)
class _Found:
    pos: int
    kind: StatementKind
    text: str
    cue: str | None
    speaker: Speaker | None
    spans: list[tuple[int, int]] = field(default_factory=list)
    quoted: bool = False  # a direct quotation (its continuation keeps its cue)


def run(ctx: Context) -> None:
    text = ctx.text
    if not text.strip():
        return
    lex = lexicon("en")
    quotes = find_quotes(text)
    qstarts = [q.start for q in quotes]

    def quote_at(pos: int) -> Quote | None:
        i = bisect.bisect_right(qstarts, pos) - 1
        return quotes[i] if i >= 0 and pos < quotes[i].end else None

    def in_quote(pos: int) -> bool:
        return quote_at(pos) is not None

    # the dateline stays in the text but is never part of what was said nor who said it:
    # "ASTANA, March 5 (Reuters) - Kazakhstan wants …, the minister told Reuters"
    dl = dateline.parse(text)
    frames = find_frames(ctx.doc, lex, in_quote, dl.end if dl is not None else 0)
    _lift_conjoined(ctx.doc, frames)
    if dl is not None:
        for fr in frames:
            fr.content = [(max(a, dl.end), b) for a, b in fr.content if b > dl.end]
    resolver = Resolver(ctx, lex, in_quote)
    paragraphs = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    marks = _mark_positions(quotes)
    found = _statements(ctx, lex, quotes, frames, resolver, paragraphs, marks)
    found = _with_answers(ctx, lex, found, resolver)

    main = next((e for e in ctx.events if e.main and e.status == "held"), None)
    for n, f in enumerate(sorted(found, key=lambda f: f.pos), 1):
        assert f.speaker is not None
        ctx.statements.append(Statement(
            id=f"s{n}", speaker=f.speaker.entity_id, speaker_name=f.speaker.name, kind=f.kind,
            cue=f.cue, text=f.text, event=main.id if main is not None else None,
            evidence=_evidence(ctx, f.spans)))


def _statements(ctx: Context, lex: Lexicon, quotes: list[Quote], frames: list[Frame],
                resolver: Resolver, paragraphs: list[int], marks: set[int]) -> list[_Found]:
    text = ctx.text
    by_pos = sorted(frames, key=lambda f: f.verb.idx)
    verb_pos = [f.verb.idx for f in by_pos]
    used: set[int] = set()
    inline: list[Quote] = []
    events: list[tuple[int, int, object]] = []  # (pos, order, quote or frame), in text order

    last: Frame | None = None  # the attribution of the quotation before, when it follows it
    for q in quotes:
        if lex.name_cue.search(text[max(0, q.start - 20):q.start]):
            continue
        fr = _attribution(ctx.doc, text, q, by_pos, verb_pos, used)
        if fr is not None:
            used.add(fr.verb.idx)
            events.append((q.start, 0, (q, fr)))
        elif last is not None and _resumes(text, last, q):
            events.append((q.start, 0, (q, None)))
        elif _opens_sentence(text, q.start) and q.words(text) >= MIN_SENTENCE_QUOTE_WORDS:
            events.append((q.start, 0, (q, None)))
        else:
            inline.append(q)
        # (the frame's content may reach back into the quotation: the cue decides)
        last = fr if fr is not None and _attribution_span(fr)[0] > q.start else None

    direct_spans = [(q.start, q.end) for _, _, (q, _) in events]  # type: ignore[misc]
    for fr in frames:
        if fr.verb.idx in used or not fr.content:
            continue
        if fr.verb.lemma_.lower() not in lex.deciding and describes_event(fr.head, lex):
            # no statement, but its source is an antecedent: 'According to a Kazakh
            # diplomat, the summit will take place in Astana. …, the diplomat said.'
            if fr.subject is not None and fr.subject.pos_ != "PRON":
                source = resolver.resolve(fr.subject)
                if source is not None:
                    resolver.note(fr.start, source)
            continue
        if any(a <= fr.content[0][0] < b for a, b in direct_spans):
            continue
        events.append((fr.start, 1, fr))

    # A frame inside another frame's content is part of what the outer speaker said.
    contents = [(a, b, id(e)) for _, _, e in events if isinstance(e, Frame) for a, b in e.content]
    out: list[_Found] = []
    prev: _Found | None = None
    for pos, _, item in sorted(events, key=lambda x: (x[0], x[1])):
        if isinstance(item, Frame):
            if any(a <= item.verb.idx < b and k != id(item) for a, b, k in contents):
                continue
            found = [f] if (f := _from_frame(ctx, item, inline, resolver, marks)) else []
        else:
            q, fr = item  # type: ignore[misc]
            found = _from_quote(text, q, fr, prev, resolver, paragraphs)
        for f in found:
            if f is prev:
                continue  # the quotation went on with the statement before it
            out.append(f)
            resolver.note(f.pos, f.speaker)  # type: ignore[arg-type]
            prev = f
    return out


def _with_answers(ctx: Context, lex: Lexicon, found: list[_Found], resolver: Resolver) -> list[_Found]:
    """An interview's answers are the interviewee's statements; what the frames and quotes
    found inside them is part of the answer."""
    answers, intro_end = find_answers(ctx.text, lex)
    if not answers:
        return found
    interviewee = _interviewee(ctx, intro_end)
    out = [f for f in found if not any(x < a.end and y > a.start for a in answers for x, y in f.spans)]
    for a in answers:
        speaker = interviewee
        if a.label is not None:
            span = ctx.doc.char_span(*a.label, alignment_mode="expand")
            speaker = resolver.resolve(span[-1]) if span is not None and len(span) else None
        if speaker is not None:
            out.append(_Found(a.start, "direct", " ".join(ctx.text[a.start:a.end].split()), None,
                              speaker, [(a.start, a.end)], quoted=True))
    return out


def _interviewee(ctx: Context, intro_end: int) -> Speaker | None:
    """The first person the introduction names."""
    first = None
    for e in ctx.entities:
        if e.type != "person":
            continue
        pos = min((m.start for m in e.mentions), default=intro_end)
        if pos < intro_end and (first is None or pos < first[0]):
            first = (pos, Speaker(e.id, e.name, "person"))
    return first[1] if first is not None else None


def _lift_conjoined(doc: "Doc", frames: list[Frame]) -> None:
    """'X noted that Tajikistan had ratified the convention and called the dialogue «…»':
    a reporting verb in the simple past with no subject of its own, conjoined to the head of
    another frame's clause in another tense (reported speech shifts its tenses: 'had
    ratified', 'would', 'is'), is the speaker's next act of speech, which the parse put
    inside the clause. With one tense for both ('said the UK valued … and welcomed …') the
    conjunct stays part of what was said."""
    by_verb = {f.verb.i: f for f in frames}
    for f in frames:
        verb, clause = f.verb, f.verb.head
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and doc[verb.i - 1].text == ",":
            # 'said the regime had helped exporters, adding that …': the participle is the
            # speaker's next statement, not part of the first
            cut = doc[verb.i - 1].idx
            for g in frames:
                if g is not f and any(a < cut and verb.idx < b for a, b in g.content):
                    g.content = [(a, min(b, cut)) for a, b in g.content if a < cut]
            continue
        if (verb.dep_ != "conj" or clause.dep_ != "ccomp" or verb.tag_ != "VBD"
                or any(c.dep_.startswith("nsubj") or c.dep_ == "aux" for c in verb.children)
                or (clause.tag_ == "VBD" and not any(c.dep_ == "aux" for c in clause.children))):
            continue
        outer = by_verb.get(clause.head.i)
        if outer is None or outer.subject is None or not outer.content:
            continue
        k = verb.left_edge.i - 1
        while k > clause.i and doc[k].dep_ in ("cc", "punct"):
            k -= 1
        end = doc[k].idx + len(doc[k].text)
        outer.content = [(a, min(b, end)) for a, b in outer.content if a < end]
        f.subject = outer.subject


def _paragraph(paragraphs: list[int], pos: int) -> int:
    return bisect.bisect_right(paragraphs, pos) - 1


def _from_quote(text: str, q: Quote, fr: Frame | None, prev: _Found | None,
                resolver: Resolver, paragraphs: list[int]) -> list[_Found]:
    """One statement per quotation, a quotation running over paragraphs included; a
    quotation resuming after its attribution in the same sentence ('“A,” X said, “B.”') goes
    on with the statement before it."""
    if fr is not None:
        speaker = resolver.resolve(fr.subject) if fr.subject is not None else None
        if speaker is None:
            return []
        spans = [(q.start, q.end), _attribution_span(fr)]
        return [_Found(min(a for a, _ in spans), "direct", q.text(text), fr.cue, speaker, spans,
                       quoted=True)]
    para = _paragraph(paragraphs, q.start)
    named = resolver.last_subject(q.start, frozenset({"person"}))
    if named is not None and (prev is None or named[0] >= max(b for _, b in prev.spans)) and (
            para - _paragraph(paragraphs, named[0]) <= 1 and _opens_sentence(text, q.start)):
        # 'Karabayev addressed the participants. «Kazakhstan plans to …»': a quotation with
        # no attribution is the last person named as a subject before it, when nobody spoke
        # since
        return [_Found(q.start, "direct", q.text(text), None, named[1], [(q.start, q.end)],
                       quoted=True)]
    if prev is None or prev.speaker is None:
        return []
    end = max(b for _, b in prev.spans)
    prev_para = _paragraph(paragraphs, end - 1)
    if prev.quoted and para == prev_para and _only_attribution(text, end, q.start):
        prev.text = f"{prev.text} {q.text(text)}"
        prev.spans.append((q.start, q.end))
        return [prev]
    # an unattributed quotation continues the speaker before it in the same paragraph,
    # or in the paragraph just before when it opens its own
    if para - prev_para > 1 or (para != prev_para and paragraphs[para] != _skip_space(text, paragraphs[para], q.start)):
        return []
    # a quotation after reported speech has no cue of its own; one after a quotation keeps
    # the cue that introduced the speaker's words
    cue = prev.cue if prev.quoted else None
    return [_Found(q.start, "direct", q.text(text), cue, prev.speaker, [(q.start, q.end)],
                   quoted=True)]


def _only_attribution(text: str, end: int, start: int) -> bool:
    """Nothing but the attribution's comma between ``end`` and ``start``: the quotation
    resumes in the same sentence. After a full stop ('"A," he said. "B."') the next
    quotation is a statement of its own, as the reference golds (shared/gold) annotate it."""
    return not any(ch.isalnum() or ch in ".!?;\n" for ch in text[end:start])


def _from_frame(ctx: Context, fr: Frame, inline: list[Quote], resolver: Resolver,
                marks: set[int]) -> _Found | None:
    if fr.subject is None:
        return None
    inside = [q for q in inline for a, b in fr.content if q.start < b and q.end > a]
    if fr.requires_quote and not inside:
        return None
    speaker = resolver.resolve(fr.subject)
    if speaker is None:
        return None
    # the parse can end a clause inside a quotation: the quotation is kept whole
    content = [(min([a] + [q.start for q in inside if q.start < a < q.end]),
                max([b] + [q.end for q in inside if q.start < b < q.end])) for a, b in fr.content]
    body = " ".join(_unquote(ctx.text, a, b, marks) for a, b in content)
    if not body:
        return None
    return _Found(fr.start, "partial" if inside else "indirect", body, fr.cue, speaker,
                  [(fr.start, fr.end)])


def _attribution(doc: "Doc", text: str, q: Quote, frames: list[Frame], verb_pos: list[int],
                 used: set[int]) -> Frame | None:
    """The frame next to quotation ``q``: before it ending in ':' or ',', or right after it."""
    before = text[:q.start].rstrip()
    if before and before[-1] in ":,—–":
        # 'the High Representative said:' may stand in the paragraph before the quotation
        start = _sentence_start(text, len(before))
        lo, hi = bisect.bisect_left(verb_pos, start), bisect.bisect_left(verb_pos, q.start)
        for fr in reversed(frames[lo:hi]):
            if fr.takes_quote and fr.verb.idx not in used:
                if _clause_before(text, fr, q.start):
                    break  # 'told reporters that the dam, at 335 metres, “will not …”': partial
                return fr
        if before[-1] == ":":
            colon = doc.char_span(len(before) - 1, len(before))
            fr = colon_frame(colon[0]) if colon is not None else None
            if fr is not None:
                return fr
    if not _opens_sentence(text, q.start) and not (before and before[-1] in ",:"):
        return None
    m = _SENTENCE_END.search(text, q.end)
    stop = m.start() if m else len(text)
    tail = text[q.end:stop]
    if (part := _PARTICIPLE.search(tail)) is not None:
        # '"…," said X, a researcher at Y, adding that …': what the participle adds is a
        # statement of its own, not part of the attribution
        tail = tail[:part.start()]
    limit = MAX_ATTRIBUTION_WORDS
    if (resume := _OPENING.search(tail)) is not None:
        # '“A,” X said, “B.”': the attribution ends where the quotation resumes, and may
        # describe the speaker at length ('said one of the people, a senior official who
        # asked not to be named because …')
        tail = tail[:resume.start()]
        stop = q.end + resume.start()
        limit = MAX_RESUMED_ATTRIBUTION_WORDS
    if len(tail.split()) > limit:
        return None
    lo, hi = bisect.bisect_left(verb_pos, q.end), bisect.bisect_left(verb_pos, stop)
    for fr in frames[lo:hi]:
        if fr.takes_quote and fr.verb.idx not in used:
            # the attribution must follow the quotation at once: '," he said', not
            # '" is a certainty, he said' (there the quotation is part of a clause)
            first = fr.cue_start if fr.subject is None else min(fr.cue_start, fr.subject.left_edge.idx)
            if not any(ch.isalnum() for ch in text[q.end:first]):
                return fr
            return None
    return None


def _clause_before(text: str, fr: Frame, pos: int) -> bool:
    """The frame's reported clause starts after its cue and has words of its own before
    ``pos``: a quotation there is quoted words inside reported speech."""
    return any(fr.cue_end <= a < pos and any(ch.isalnum() for ch in text[a:pos])
               for a, _ in fr.content)


def _resumes(text: str, attribution: Frame, q: Quote) -> bool:
    """'“A,” X said, “B.”': the quotation resumes right after the attribution's comma."""
    between = text[_attribution_span(attribution)[1]:q.start]
    return "," in between and not any(ch.isalnum() or ch in ".!?\n" for ch in between)


def _attribution_span(fr: Frame) -> tuple[int, int]:
    """The cue and its subject ('said Tomás Ferreira, the head of …'), without whatever
    content the parse gave the verb across an adjacent quotation."""
    start, end = fr.cue_start, fr.cue_end
    if fr.subject is not None:
        left, right = fr.subject.left_edge, fr.subject.right_edge
        start = min(start, left.idx)
        end = max(end, right.idx + len(right.text))
    text = doc_text(fr.verb.doc)
    for c in fr.verb.rights:
        # 'Nuri told reporters after the ceremony, “…”': the cue's own adjuncts that follow it
        a, b = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
        if a < end:
            continue
        if c.dep_ not in _ADJUNCT_DEPS or text[end:a].strip(" ,") or _OPENING.search(text, a, b):
            break
        end = b
    return start, end


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0:
        if text[i - 1] == "\n" or (text[i - 1] in ".!?" and i < len(text) and text[i].isspace()):
            return i
        i -= 1
    return 0


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t")
    return not before or before[-1] in _ENDERS


def _skip_space(text: str, a: int, b: int) -> int:
    while a < b and text[a].isspace():
        a += 1
    return a


def _mark_positions(quotes: list[Quote]) -> set[int]:
    marks: set[int] = set()
    for q in quotes:
        for a, _ in q.segments:
            marks.add(a - 1)
        if q.closed:
            marks.add(q.end - 1)
    return marks


def _unquote(text: str, a: int, b: int, marks: set[int]) -> str:
    kept = "".join(ch for i, ch in enumerate(text[a:b], a) if i not in marks)
    return " ".join(kept.split())


def _evidence(ctx: Context, spans: list[tuple[int, int]]) -> list[Span]:
    a = min(x for x, _ in spans)
    b = max(y for _, y in spans)
    span = ctx.doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return [Span(a, b)]
    first, last = span[0].sent, span[-1].sent
    s, e = first.start_char, last.end_char
    while e > s and ctx.text[e - 1].isspace():
        e -= 1
    while s < e and ctx.text[s].isspace():
        s += 1
    return [Span(min(s, a), max(e, b))]
