"""Score one record against one gold record, section by section (SCHEMA.md, "How a record
is scored against a gold record").

Every section yields precision / recall / F1 over one-to-one matches, found greedily, best
candidate pair first (ties keep gold order, then prediction order). Events and figures
also get an attribute accuracy over matched pairs. ``overall`` is the mean of the section
numbers, leaving out sections that are vacuous (nothing required in the gold, nothing
predicted): an empty section predicted empty proves nothing, so it earns no free 1.0.

Both arguments are plain dicts in the record's JSON shape; a gold record additionally may
mark entries ``"optional": true`` (they count neither way) and give a statement as
``"span": [start, end]`` into its input text instead of ``"text"`` (see ``fill_spans``).
"""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Json = Mapping[str, Any]

SECTIONS: tuple[str, ...] = ("document", "entities", "events", "event_attrs", "statements",
                             "figures", "figure_attrs", "topics")

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-"
_QUOTES = "\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019\"'`"
_FOLD = str.maketrans({**{c: " " for c in _DASHES}, **{c: None for c in _QUOTES}})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")

# Thresholds of the rules. Event names: token Jaccard of 0.5 matches on its own, 0.2 when
# location or date agrees too. Statements: 60% of the gold words must be covered. Figures:
# values within 0.5% (rounding in "about 105 billion" vs 104.6e9).
EVENT_NAME_STRONG = 0.5
EVENT_NAME_WEAK = 0.2
STATEMENT_COVER = 0.6
FIGURE_TOLERANCE = 0.005
SERIES_SIMILAR = 0.5

_UNIT_ALIASES = {"%": "percent", "per cent": "percent", "€": "eur", "euro": "eur", "euros": "eur",
                 "$": "usd", "us dollars": "usd", "dollars": "usd"}


# -- comparison primitives ------------------------------------------------------------

def fold(value: object) -> str:
    """Compare-form of a name: lower case, dashes as spaces, quotes dropped, white space
    collapsed, edge punctuation and one leading "the" removed."""
    if value is None:
        return ""
    s = _SPACES.sub(" ", str(value).lower().translate(_FOLD)).strip(" .,;:")
    return s[4:] if s.startswith("the ") else s


def words(value: object) -> list[str]:
    """ASCII alphanumeric words of the folded form."""
    return _WORD.findall(fold(value))


@dataclass(slots=True, frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    """Precision, recall, F1. Predicting nothing is precise only when nothing was due;
    recall of an empty gold is 1."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f)


def greedy_match(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) index pairs from scored candidates, best score first; the sort
    is stable, so ties go to the candidate generated first (gold order, then pred order)."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, gi, pi in sorted(pairs, key=lambda x: -x[0]):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        out.append((gi, pi))
    return out


def name_forms(item: Json) -> set[str]:
    """Folded name, code, acronym and aliases: every string that identifies an entity."""
    out = {fold(item.get("name"))}
    for key in ("code", "acronym"):
        if item.get(key):
            out.add(fold(item[key]))
    out.update(fold(a) for a in item.get("aliases") or [])
    out.discard("")
    return out


def jaccard(a: object, b: object) -> float:
    wa, wb = set(words(a)), set(words(b))
    union = wa | wb
    return len(wa & wb) / len(union) if union else 0.0


def set_f1(gold: Iterable[object], pred: Iterable[object]) -> float:
    g = {fold(x) for x in gold if x}
    p = {fold(x) for x in pred if x}
    return prf(len(g & p), len(p), len(g)).f1


def date_matches(gold: Json, pred: Json | None) -> bool:
    """Each bound the gold gives must be given by the prediction at the same or a finer
    precision ("2023-06" accepts "2023-06-02", not "2023")."""
    if not pred:
        return False
    for key in ("start", "end"):
        g = gold.get(key)
        if g is None:
            continue
        p = pred.get(key)
        if not p or len(p) < len(g) or p[:len(g)] != g:
            return False
    return True


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


# -- sections ---------------------------------------------------------------------------

@dataclass(slots=True)
class EntityScore:
    prf: PRF
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def _type_group(entity_type: object) -> object:
    return "place" if entity_type in ("place", "region") else entity_type


def score_entities(gold: Sequence[Json], pred: Sequence[Json]) -> EntityScore:
    """Type agrees (place ~ region) and some name form is shared; an exact canonical name is
    the stronger candidate. Predictions matched to optional gold entries are not counted."""
    gold_forms = [name_forms(g) for g in gold]
    pred_forms = [name_forms(p) for p in pred]
    pairs = [(1.0 + (fold(p.get("name")) == fold(g.get("name"))), gi, pi)
             for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if _type_group(p.get("type")) == _type_group(g.get("type"))
             and gold_forms[gi] & pred_forms[pi]]
    matches = greedy_match(pairs)
    matched_gold = {gi for gi, _ in matches}
    matched_pred = {pi for _, pi in matches}
    required = [i for i, g in enumerate(gold) if not g.get("optional")]
    on_optional = sum(1 for gi, _ in matches if gold[gi].get("optional"))
    tp = sum(1 for i in required if i in matched_gold)
    return EntityScore(
        prf(tp, len(pred) - on_optional, len(required)),
        missed=[str(gold[i].get("name")) for i in required if i not in matched_gold],
        extra=[str(p.get("name")) for i, p in enumerate(pred) if i not in matched_pred])


@dataclass(slots=True)
class EventScore:
    prf: PRF
    attrs: float
    missed: list[str] = field(default_factory=list)
    wrong_attrs: list[str] = field(default_factory=list)


def _event_similarity(g: Json, p: Json) -> float:
    gold_names = [g.get("name"), *(g.get("aliases") or []), g.get("series"), g.get("acronym")]
    pred_names = [p.get("name"), p.get("series"), p.get("acronym")]
    return max((jaccard(a, b) for a in gold_names if a for b in pred_names if b), default=0.0)


def _location_name(event: Json) -> str:
    return fold((event.get("location") or {}).get("name"))


def _event_checks(g: Json, p: Json) -> list[tuple[str, float]]:
    """Attribute checks for one matched pair, for every attribute the gold gives."""
    checks: list[tuple[str, float]] = []
    for key in ("type", "status", "main", "ordinal"):
        if g.get(key) is not None:
            checks.append((key, float(p.get(key) == g[key])))
    if g.get("series"):
        checks.append(("series", float(jaccard(g["series"], p.get("series") or "") >= SERIES_SIMILAR)))
    if g.get("date"):
        checks.append(("date", float(date_matches(g["date"], p.get("date")))))
    if g.get("location"):
        checks.append(("location", float(_location_name(g) == _location_name(p))))
    if g.get("participants"):
        checks.append(("participants", set_f1(g["participants"], p.get("participants") or [])))
    heads = [d.get("head") for d in g.get("delegations") or [] if d.get("head")]
    if heads:
        pred_heads = [d.get("head") for d in p.get("delegations") or [] if d.get("head")]
        checks.append(("heads", set_f1(heads, pred_heads)))
    return checks


def score_events(gold: Sequence[Json], pred: Sequence[Json]) -> EventScore:
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            sim = _event_similarity(g, p)
            same_place = bool(_location_name(g)) and _location_name(g) == _location_name(p)
            same_date = bool(g.get("date")) and date_matches(g["date"], p.get("date"))
            if sim >= EVENT_NAME_STRONG or (sim >= EVENT_NAME_WEAK and (same_place or same_date)):
                pairs.append((sim + 0.5 * same_place + 0.5 * same_date, gi, pi))
    matches = greedy_match(pairs)
    checks = [c for gi, pi in matches for c in _event_checks(gold[gi], pred[pi])]
    attrs = _mean([v for _, v in checks]) if checks else float(not gold)
    matched = {gi for gi, _ in matches}
    return EventScore(
        prf(len(matches), len(pred), len(gold)), attrs,
        missed=[str(g.get("name")) for i, g in enumerate(gold) if i not in matched],
        wrong_attrs=sorted({k for k, v in checks if v < 1}))


@dataclass(slots=True)
class StatementScore:
    prf: PRF
    missed: list[str] = field(default_factory=list)


def speaker_matches(gold: Json, pred: Json, entities_by_id: Mapping[str, Json]) -> bool:
    """The gold speaker is the predicted speaker_name, or a name form of the speaker entity;
    a shared surname also counts ("Mr Johannesson"), except for the collective
    "participants"."""
    wanted = fold(gold.get("speaker_name"))
    candidates = {fold(pred.get("speaker_name"))}
    entity = entities_by_id.get(pred.get("speaker"))  # type: ignore[arg-type]
    if entity:
        candidates |= name_forms(entity)
    if wanted in candidates:
        return True
    surname = wanted.split(" ")[-1]
    return wanted != "participants" and any(c.split(" ")[-1] == surname for c in candidates if c)


def score_statements(gold: Sequence[Json], pred: Sequence[Json],
                     entities_by_id: Mapping[str, Json]) -> StatementScore:
    """A prediction covering 60% of a gold statement's words is its match; the match is
    correct only with the right speaker. Predictions matched to optional gold entries are
    not counted, whoever the speaker."""
    pred_words = [set(words(p.get("text", ""))) for p in pred]
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        gw = set(words(g["text"]))
        for pi, pw in enumerate(pred_words):
            cover = len(gw & pw) / len(gw) if gw else 0.0
            if cover >= STATEMENT_COVER:
                pairs.append((cover, gi, pi))
    matches = greedy_match(pairs)
    on_optional = sum(1 for gi, _ in matches if gold[gi].get("optional"))
    required = [i for i, g in enumerate(gold) if not g.get("optional")]
    correct = {gi for gi, pi in matches if speaker_matches(gold[gi], pred[pi], entities_by_id)}
    tp = sum(1 for i in required if i in correct)
    return StatementScore(prf(tp, len(pred) - on_optional, len(required)),
                          missed=[str(gold[i]["text"])[:50] for i in required if i not in correct])


@dataclass(slots=True)
class FigureScore:
    prf: PRF
    attrs: float
    missed: list[str] = field(default_factory=list)


def unit_key(unit: object) -> str:
    u = fold(unit)
    return _UNIT_ALIASES.get(u, u)


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def score_figures(gold: Sequence[Json], pred: Sequence[Json]) -> FigureScore:
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            v = _number(p.get("value"))
            if v is None or unit_key(p.get("unit")) != unit_key(g["unit"]):
                continue
            if abs(v - g["value"]) <= FIGURE_TOLERANCE * abs(g["value"]):
                pairs.append((1.0, gi, pi))
    matches = greedy_match(pairs)
    checks: list[float] = []
    for gi, pi in matches:
        g, p = gold[gi], pred[pi]
        # measure and change are checked whenever the gold states them, null included
        checks.extend(float(p.get(k) == g[k]) for k in ("measure", "change") if k in g)
        if g.get("parties"):
            checks.append(set_f1(g["parties"], p.get("parties") or []))
    attrs = _mean(checks) if checks else float(not gold)
    matched = {gi for gi, _ in matches}
    return FigureScore(prf(len(matches), len(pred), len(gold)), attrs,
                       missed=[f"{g['value']:g} {g['unit']}" for i, g in enumerate(gold)
                               if i not in matched])


@dataclass(slots=True)
class DocumentScore:
    accuracy: float
    wrong: list[str] = field(default_factory=list)


def score_document(gold: Json, pred: Json) -> DocumentScore:
    """Each document field the gold gives is right or wrong. ``published`` is compared when
    the gold knows it, else ``date_estimate``; the text check is the gold's must / must-not
    contain lists (boilerplate and homoglyphs gone, body kept)."""
    checks: dict[str, bool] = {}
    for key in ("source", "dateline", "title"):
        if gold.get(key) is not None:
            checks[key] = fold(pred.get(key)) == fold(gold[key])
    if gold.get("published"):
        checks["published"] = pred.get("published") == gold["published"]
    elif gold.get("date_estimate"):
        est = pred.get("date_estimate") or {}
        checks["date_estimate"] = (est.get("earliest") == gold["date_estimate"]["earliest"]
                                   and est.get("latest") == gold["date_estimate"]["latest"])
    text = pred.get("text") or ""
    checks["text"] = (all(s in text for s in gold.get("text_must_contain", []))
                      and not any(s in text for s in gold.get("text_must_not_contain", [])))
    return DocumentScore(_mean([float(v) for v in checks.values()]),
                         sorted(k for k, v in checks.items() if not v))


# -- the record -------------------------------------------------------------------------

@dataclass(slots=True)
class Score:
    """Scores of one record: per-section numbers, the overall mean and what went wrong."""

    document: DocumentScore
    entities: EntityScore
    events: EventScore
    statements: StatementScore
    figures: FigureScore
    topics: PRF
    sections: dict[str, float]
    counted: list[str]
    overall: float

    def to_dict(self) -> dict[str, Any]:
        """The same shape ``shared/tools/score.py --json`` prints, plus ``sections``."""
        def nums(s: PRF) -> dict[str, float]:
            return {"p": s.precision, "r": s.recall, "f1": s.f1}
        return {
            "document": {"acc": self.document.accuracy, "wrong": self.document.wrong},
            "entities": {**nums(self.entities.prf), "missed": self.entities.missed,
                         "extra": self.entities.extra},
            "events": {**nums(self.events.prf), "attr_acc": self.events.attrs,
                       "missed": self.events.missed, "wrong_attrs": self.events.wrong_attrs},
            "statements": {**nums(self.statements.prf), "missed": self.statements.missed},
            "figures": {**nums(self.figures.prf), "attr_acc": self.figures.attrs,
                        "missed": self.figures.missed},
            "topics": nums(self.topics),
            "sections": dict(self.sections),
            "overall": self.overall,
            "counted": list(self.counted),
        }


def fill_spans(gold: Json, text: str) -> dict[str, Any]:
    """A copy of ``gold`` where statements given as ``"span": [start, end]`` into the input
    text also carry that ``text``."""
    out = copy.deepcopy(dict(gold))
    for st in out.get("statements", []):
        if "text" not in st and "span" in st:
            start, end = st["span"]
            st["text"] = text[start:end]
    return out


def _vacuous(gold: Json, pred: Json) -> dict[str, bool]:
    """Sections with nothing required in the gold and nothing predicted."""
    no_events = not gold["events"] and not pred.get("events")
    no_figures = not gold["figures"] and not pred.get("figures")
    return {
        "events": no_events, "event_attrs": no_events,
        "statements": (not any(not s.get("optional") for s in gold["statements"])
                       and not pred.get("statements")),
        "figures": no_figures, "figure_attrs": no_figures,
        "topics": not gold["topics"] and not pred.get("topics"),
    }


def score_record(gold: Json, pred: Json, input_text: str | None = None) -> Score:
    """Score the record ``pred`` against ``gold``. ``input_text`` resolves gold statements
    given as spans."""
    if input_text is not None:
        gold = fill_spans(gold, input_text)
    entities = pred.get("entities", [])
    by_id = {e.get("id"): e for e in entities}
    document = score_document(gold["document"], pred.get("document", {}))
    ents = score_entities(gold["entities"], entities)
    events = score_events(gold["events"], pred.get("events", []))
    statements = score_statements(gold["statements"], pred.get("statements", []), by_id)
    figures = score_figures(gold["figures"], pred.get("figures", []))
    gold_topics, pred_topics = set(gold["topics"]), set(pred.get("topics", []))
    topics = prf(len(gold_topics & pred_topics), len(pred_topics), len(gold_topics))
    sections = {"document": document.accuracy, "entities": ents.prf.f1, "events": events.prf.f1,
                "event_attrs": events.attrs, "statements": statements.prf.f1,
                "figures": figures.prf.f1, "figure_attrs": figures.attrs, "topics": topics.f1}
    vacuous = _vacuous(gold, pred)
    counted = [k for k in SECTIONS if not vacuous.get(k)]
    return Score(document, ents, events, statements, figures, topics, sections, sorted(counted),
                 _mean([sections[k] for k in counted]))
