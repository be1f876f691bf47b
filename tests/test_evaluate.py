"""Evaluation: our scorer agrees with shared/tools/score.py; our gold records are honest
(every name, quotation and figure they claim is in the report); `diplograph evaluate`
reports, fails and explains as documented."""
from __future__ import annotations

import copy
import html
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, get_args

import pytest

from tests.conftest import ROOT, require_shared
from diplograph.evaluate.gold import check_gold, load_gold
from diplograph.evaluate.runner import evaluate, resolve_input, summarise
from diplograph.evaluate.scoring import fold, score_record, words
from diplograph.errors import DiplographError
from diplograph.model import TOPICS, EntityType, EventType, Measure

OWN_GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))
SHARED_GOLD_NAMES = ["kazinform-hlpsd-2023", "bbc-business-178", "bbc-business-241",
                     "bbc-business-424", "bbc-business-469", "bbc-politics-015",
                     "bbc-politics-139", "bbc-politics-209", "bbc-politics-373"]


def _shared_golds() -> list[Path]:
    return [require_shared("gold", f"{n}.json") for n in SHARED_GOLD_NAMES]


@pytest.fixture(scope="module")
def reference(shared_score: ModuleType) -> ModuleType:
    return shared_score


def _all_golds() -> list[Path]:
    return _shared_golds() + OWN_GOLD


def _input_text(gold_path: Path) -> str:
    gold = load_gold(gold_path)
    return resolve_input(gold).read_bytes().decode("utf-8")


# -- agreement with the reference scorer -------------------------------------------------

def _reference_detail(reference: ModuleType, gold: dict[str, Any], pred: dict[str, Any],
                      text: str) -> dict[str, Any]:
    g = reference.fill_spans(copy.deepcopy(gold), text)
    return reference.score(g, copy.deepcopy(pred))


def _assert_same(ours: dict[str, Any], theirs: dict[str, Any], label: str) -> None:
    for section, value in theirs.items():
        if isinstance(value, dict):
            for key, v in value.items():
                if isinstance(v, float):
                    assert ours[section][key] == pytest.approx(v, abs=1e-12), f"{label} {section}.{key}"
                else:
                    assert ours[section][key] == v, f"{label} {section}.{key}"
        elif isinstance(value, float):
            assert ours[section] == pytest.approx(value, abs=1e-12), f"{label} {section}"
        else:
            assert ours[section] == value, f"{label} {section}"


def _perfect(gold: dict[str, Any]) -> dict[str, Any]:
    """The prediction a gold record itself describes (ids added, optional entries kept)."""
    g = copy.deepcopy(gold)
    doc = dict(g["document"])
    doc["text"] = "\n".join(doc.pop("text_must_contain", []))
    doc.pop("text_must_not_contain", None)
    ents = [{**e, "id": f"e{i}"} for i, e in enumerate(g["entities"])]
    by_name = {fold(e["name"]): e["id"] for e in ents}
    stmts = [{**s, "id": f"s{i}", "speaker": by_name.get(fold(s["speaker_name"]))}
             for i, s in enumerate(g["statements"])]
    return {"document": doc, "entities": ents,
            "events": [{**v, "id": f"v{i}"} for i, v in enumerate(g["events"])],
            "statements": stmts,
            "figures": [{**f, "id": f"f{i}"} for i, f in enumerate(g["figures"])],
            "topics": list(g["topics"])}


def _cut(text: str, rng: random.Random) -> str:
    ws = text.split()
    keep = max(1, round(len(ws) * rng.choice([0.3, 0.55, 0.6, 0.65, 0.8, 1.0])))
    start = rng.randrange(0, len(ws) - keep + 1)
    return " ".join(ws[start:start + keep])


def _perturb(pred: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A plausible wrong prediction: items dropped, renamed, retyped, re-dated, mis-valued,
    mis-attributed, and spurious ones added. Exercises every branch of the rules."""
    p = copy.deepcopy(pred)
    pick = rng.random
    for e in p["entities"]:
        if pick() < 0.25 and e.get("aliases"):
            e["name"] = rng.choice(e["aliases"])
        if pick() < 0.15:
            e["type"] = rng.choice(["place", "region", "organization", "person", "initiative"])
        if pick() < 0.15:
            e["name"] = "The " + e["name"].upper().replace(" ", "-")
        if pick() < 0.15:
            e["aliases"], e["acronym"], e["code"] = [], None, None
    p["entities"] = [e for e in p["entities"] if pick() > 0.2]
    p["entities"].append({"id": "x1", "type": "place", "name": "Nowhere City"})
    for v in p["events"]:
        if pick() < 0.3:
            v["name"] = " ".join(v["name"].split()[: max(1, len(v["name"].split()) // 2)])
        if pick() < 0.3 and v.get("date"):
            v["date"] = rng.choice([None, {"start": (v["date"].get("start") or "2020")[:4]},
                                    {"start": "2019-01-01", "end": "2019-01-02"}])
        if pick() < 0.3:
            v["location"] = rng.choice([None, {"name": "Geneva"}, {"name": "the Astana"}])
        for key, alts in (("status", ["held", "planned"]), ("main", [True, False]),
                          ("type", ["meeting", "summit", "visit"]), ("ordinal", [None, 2, 10])):
            if pick() < 0.2:
                v[key] = rng.choice(alts)
        if pick() < 0.3 and v.get("participants"):
            v["participants"] = v["participants"][: rng.randrange(len(v["participants"]) + 1)]
        if pick() < 0.3 and v.get("delegations"):
            v["delegations"] = [{**d, "head": rng.choice([d.get("head"), None, "Somebody Else"])}
                                for d in v["delegations"]]
        if pick() < 0.2:
            v["series"] = rng.choice([None, "Some Other Series", v.get("name")])
    p["events"] = [v for v in p["events"] if pick() > 0.2]
    if pick() < 0.5:
        p["events"].append({"id": "vx", "type": "meeting", "name": "talks in Geneva", "main": False,
                            "status": "held", "location": {"name": "Geneva"}})
    for s in p["statements"]:
        if pick() < 0.5:
            s["text"] = _cut(s["text"], rng)
        if pick() < 0.3:
            s["speaker_name"] = rng.choice([s["speaker_name"].split()[-1], "participants",
                                            "Jane Doe", s["speaker_name"].lower()])
        if pick() < 0.2:
            s["speaker_name"], s["speaker"] = "he", rng.choice([None, "e0", "e1", "nope"])
    p["statements"] = [s for s in p["statements"] if pick() > 0.2]
    if pick() < 0.5:
        p["statements"].append({"id": "sx", "speaker_name": "participants", "kind": "indirect",
                                "text": "the weather was fine"})
    for f in p["figures"]:
        if pick() < 0.3:
            f["value"] = f["value"] * rng.choice([1.003, 1.01, 0.996, 1000])
        if pick() < 0.2:
            f["value"] = rng.choice([str(f["value"]), None, "n/a"])
        if pick() < 0.3:
            f["unit"] = {"EUR": rng.choice(["€", "euros", "Euro"]), "USD": rng.choice(["$", "dollars"]),
                         "percent": rng.choice(["%", "per cent"])}.get(f["unit"], "GBP")
        if pick() < 0.3:
            f["measure"] = rng.choice(["trade", "other", None])
        if pick() < 0.3:
            f["change"] = rng.choice(["increase", "decrease", None])
        if pick() < 0.3 and f.get("parties"):
            f["parties"] = f["parties"][:1] + ["XX"]
    p["figures"] = [f for f in p["figures"] if pick() > 0.2]
    if pick() < 0.4:
        p["figures"].append({"id": "fx", "value": 7, "unit": "percent", "measure": "gdp"})
    p["topics"] = [t for t in p["topics"] if pick() > 0.3] + (["culture"] if pick() < 0.4 else [])
    doc = p["document"]
    if pick() < 0.3:
        doc["title"] = (doc.get("title") or "") + " extra"
    if pick() < 0.3:
        doc["source"] = rng.choice([None, "the " + str(doc.get("source")), "AKIpress"])
    if pick() < 0.3:
        doc["published"] = rng.choice([None, "2024-01-01"])
    if pick() < 0.3:
        doc["date_estimate"] = rng.choice([None, {"earliest": "2023-06-02", "latest": "2023-11-30"}])
    if pick() < 0.3:
        doc["text"] = rng.choice(["", doc["text"] + "\nCurrently reading"])
    for key in ("events", "statements", "figures", "topics"):
        if pick() < 0.1:
            p[key] = []
    return p


@pytest.mark.shared
@pytest.mark.parametrize("seed", range(12))
def test_scorer_agrees_with_reference_on_perturbed_predictions(reference: ModuleType, seed: int) -> None:
    for path in _all_golds():
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = _input_text(path)
        rng = random.Random(f"{path.stem}-{seed}")
        pred = _perturb(_perfect(reference.fill_spans(copy.deepcopy(gold), text)), rng)
        ours = score_record(gold, pred, text).to_dict()
        _assert_same(ours, _reference_detail(reference, gold, pred, text), f"{path.stem}#{seed}")


@pytest.mark.shared
def test_scorer_agrees_with_reference_on_extractor_output(reference: ModuleType, extractor) -> None:
    from diplograph.ingest.sources import iter_inputs

    golds = _all_golds()
    inputs = iter_inputs([str(resolve_input(load_gold(p))) for p in golds])
    for path, result in zip(golds, extractor.run(inputs)):
        assert result.record is not None, result.error
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred, text = result.record.to_dict(), _input_text(path)
        _assert_same(score_record(gold, pred, text).to_dict(),
                     _reference_detail(reference, gold, pred, text), path.stem)


@pytest.mark.parametrize("path", OWN_GOLD + [None], ids=lambda p: p.stem if p else "seed")
def test_gold_describes_a_perfect_prediction(path: Path | None) -> None:
    path = path or require_shared("gold", "kazinform-hlpsd-2023.json")
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = _input_text(path)
    score = score_record(gold, _perfect(_with_texts(gold, text)), text)
    assert score.overall == 1.0, score.to_dict()


def _with_texts(gold: dict[str, Any], text: str) -> dict[str, Any]:
    from diplograph.evaluate.scoring import fill_spans

    return fill_spans(gold, text)


def test_scores_fall_with_each_kind_of_error() -> None:
    """Hand-built cases of the rules: surname speakers, finer dates, unit aliases, optional
    entries, vacuous sections."""
    gold = {"document": {"source": "UzA", "dateline": "Tashkent", "title": "T", "published": "2024-03-14",
                         "text_must_contain": ["body"], "text_must_not_contain": ["Share"]},
            "entities": [{"type": "person", "name": "Bakhtiyor Saidov", "aliases": ["Saidov"]},
                         {"type": "region", "name": "Central Asia"},
                         {"type": "country", "name": "Turkmenistan", "code": "TM", "optional": True}],
            "events": [{"type": "meeting", "name": "EU-Uzbekistan Cooperation Council", "main": True,
                        "status": "held", "ordinal": 19, "date": {"start": "2024-03"},
                        "location": {"name": "Brussels"}, "participants": ["UZ", "EU"]}],
            "statements": [{"speaker_name": "Bakhtiyor Saidov", "text": "trade has doubled since 2019"},
                           {"speaker_name": "participants", "text": "ties matter", "optional": True}],
            "figures": [{"value": 300000000, "unit": "EUR", "measure": "assistance", "change": None}],
            "topics": ["trade"]}
    pred = {"document": {"source": "uza", "dateline": "TASHKENT", "title": "t", "published": "2024-03-14",
                         "text": "the body"},
            "entities": [{"id": "p", "type": "person", "name": "Saidov"},
                         {"id": "c", "type": "place", "name": "central asia"},
                         {"id": "t", "type": "country", "name": "Turkmenistan"}],
            "events": [{"name": "19th EU-Uzbekistan Cooperation Council", "type": "meeting", "main": True,
                        "status": "held", "ordinal": 19, "date": {"start": "2024-03-14"},
                        "location": {"name": "Brussels"}, "participants": ["EU", "UZ"]}],
            "statements": [{"speaker_name": "Mr Saidov", "text": "He said trade has doubled since 2019."},
                           {"speaker_name": "Jane Doe", "text": "ties matter"}],
            "figures": [{"value": 3.01e8, "unit": "€", "measure": "assistance", "change": None}],
            "topics": ["trade"]}
    assert score_record(gold, pred).overall == 1.0
    worse = copy.deepcopy(pred)
    worse["events"][0]["date"] = {"start": "2024"}
    worse["statements"][0]["speaker_name"] = "Kaja Kallas"
    worse["figures"][0]["value"] = 3.1e8
    worse["document"]["text"] = "the body Share"
    s = score_record(gold, worse)
    assert s.events.attrs < 1 and "date" in s.events.wrong_attrs
    assert s.statements.prf.recall == 0 and s.figures.prf.f1 == 0 and s.document.accuracy == 0.8
    nothing = score_record({**gold, "events": [], "figures": [], "topics": [], "statements": []},
                           {**pred, "events": [], "figures": [], "topics": [], "statements": []})
    assert nothing.counted == ["document", "entities"]


# -- our gold records are honest ------------------------------------------------------

def _tokens(text: str) -> list[str]:
    """Words, split at apostrophes and dashes too ("Tajikistan's" holds "Tajikistan")."""
    return re.findall(r"[^\W_]+", text.lower())


def _folded_words(text: str) -> str:
    return " " + " ".join(_tokens(text)) + " "


def _plain(raw: str, suffix: str) -> str:
    """The report's words as a reader sees them (HTML tags and entities resolved)."""
    if suffix != ".html":
        return raw
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def _in_order(needle: list[str], hay: list[str], max_gap: int = 16) -> bool:
    """``needle`` occurs in ``hay`` in order, with at most ``max_gap`` words between
    consecutive ones: quotations split around their attribution ("..., he said, ...")."""
    for start in (i for i, w in enumerate(hay) if needle and w == needle[0]):
        pos, ok = start, True
        for w in needle[1:]:
            window = hay[pos + 1:pos + 2 + max_gap]
            if w not in window:
                ok = False
                break
            pos = pos + 1 + window.index(w)
        if ok:
            return True
    return False


@pytest.mark.parametrize("path", OWN_GOLD, ids=lambda p: p.stem)
def test_own_gold_is_grounded_in_its_report(path: Path) -> None:
    """Every name, quotation and title the gold claims can be found in the report; the
    enumerations are the schema's."""
    gold = load_gold(path)
    rec = gold.record
    path_in = resolve_input(gold)
    raw = _plain(path_in.read_text(encoding="utf-8"), path_in.suffix)
    body = _folded_words(raw)
    body_words = _tokens(raw)
    assert rec["schema"] == "diplograph/record@1"
    for s in rec["document"].get("text_must_contain", []):
        assert s in raw, s
    for e in rec["entities"]:
        assert e["type"] in get_args(EntityType), e
        forms = [e["name"], *(e.get("aliases") or []), e.get("acronym")]
        # optional entries may rest on a demonym ("Kazakh President")
        assert e.get("optional") or any(f and _folded_words(f) in body for f in forms), e["name"]
    for v in rec["events"]:
        assert v["type"] in get_args(EventType) and v["status"] in ("held", "planned"), v
        assert set(v.get("topics", [])) <= set(TOPICS)
    assert sum(1 for v in rec["events"] if v["main"]) <= 1
    for st in rec["statements"]:
        text = st.get("text") or raw[st["span"][0]:st["span"][1]]
        assert _in_order(_tokens(text), body_words), f"statement not in report: {text[:60]}"
        assert st["kind"] in ("direct", "partial", "indirect")
    for f in rec["figures"]:
        assert f["measure"] in get_args(Measure), f
    assert set(rec["topics"]) <= set(TOPICS)


def test_own_corpus_is_varied() -> None:
    assert len(OWN_GOLD) >= 10
    inputs = [resolve_input(load_gold(p)) for p in OWN_GOLD]
    assert any(p.suffix == ".html" for p in inputs)
    texts = [p.read_text(encoding="utf-8") for p in inputs]
    for mark in ("«", "“", "‘", '"'):
        assert any(mark in t for t in texts), mark
    assert any(re.search(r"\b(?:tenge|KZT)\b", t) for t in texts)
    assert any("€" in t for t in texts) and any("$" in t for t in texts) and any("£" in t for t in texts)


# -- the runner and the command ------------------------------------------------------

def test_gold_shape_errors_are_e401(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    for content in ("{not json", "[]", '{"input": "x.txt"}',
                    '{"input": "x.txt", "document": {}, "entities": [{"type": "person"}], '
                    '"events": [], "statements": [], "figures": [], "topics": []}'):
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(DiplographError) as err:
            load_gold(bad)
        assert err.value.code == "E401"
    ok = json.loads(OWN_GOLD[0].read_text(encoding="utf-8"))
    assert check_gold(ok) is ok


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from diplograph.cli import main; main()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_evaluate_command_reports_errors_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    orphan = json.loads(OWN_GOLD[0].read_text(encoding="utf-8"))
    orphan["input"] = "reports/no-such-report.txt"
    (tmp_path / "orphan.json").write_text(json.dumps(orphan), encoding="utf-8")
    res = _cli("evaluate", str(tmp_path / "broken.json"), str(tmp_path / "orphan.json"),
               str(OWN_GOLD[0]))
    assert res.returncode == 1
    errors = res.stderr.strip().splitlines()
    assert len(errors) == 2 and "Traceback" not in res.stderr
    assert "[E401]" in errors[0] and "[E107]" in errors[1] and "no-such-report" in errors[1]
    assert OWN_GOLD[0].stem in res.stdout and "mean" in res.stdout


def test_evaluate_command_scores_saved_predictions(tmp_path: Path) -> None:
    gold = json.loads(OWN_GOLD[0].read_text(encoding="utf-8"))
    text = _input_text(OWN_GOLD[0])
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(_perfect(_with_texts(gold, text))), encoding="utf-8")
    res = _cli("evaluate", str(OWN_GOLD[0]), "--pred", str(pred), "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["mean"]["overall"] == 1.0 and out["golds"][0]["overall"] == 1.0
    res = _cli("evaluate", str(OWN_GOLD[0]), "--pred", str(pred), "--pred", str(pred))
    assert res.returncode == 2 and "--pred" in res.stderr


def test_evaluate_resolves_inputs_under_root(tmp_path: Path, extractor) -> None:
    gold = json.loads(OWN_GOLD[0].read_text(encoding="utf-8"))
    (tmp_path / "golds").mkdir()
    moved = tmp_path / "golds" / "moved.json"
    moved.write_text(json.dumps(gold), encoding="utf-8")
    [lost] = evaluate([moved], extractor=extractor)
    assert lost.error and "E107" in lost.error
    [found] = evaluate([tmp_path / "golds"], root=ROOT, extractor=extractor)
    assert found.error is None and found.score is not None
    assert summarise([lost, found])["overall"] == found.score.overall
