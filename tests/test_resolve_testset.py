"""The resolution test set (tests/resolution): hand-annotated facts of 14 reports about six
meetings must cluster, form series and link plans exactly as expected.json says. This tests
resolution alone; test_resolve_extracted.py runs the same set through the real extractor."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from diplograph.resolve import (EventFacts, cluster_events, evaluate_clusters, event_facts,
                                merge_facts, merge_values, plan_outcome, same_person)

HERE = Path(__file__).parent / "resolution"
EXPECTED: dict[str, Any] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


def _doc(report: dict[str, Any]) -> dict[str, Any]:
    return {"id": report["file"], **report["document"]}


def held_facts() -> tuple[list[EventFacts], list[str], list[str]]:
    """Facts of every held event annotated, their item ids and the meeting each one is."""
    facts, items, gold = [], [], []
    for r in EXPECTED["reports"]:
        entries = [("main", r["main"])] + [(f"ref{i}", x) for i, x in enumerate(r.get("references", []))]
        for tag, entry in entries:
            facts.append(event_facts(entry["facts"], _doc(r)))
            items.append(f"{r['file']}#{tag}")
            gold.append(entry["event"])
    return facts, items, gold


def gold_clusters(items: list[str], gold: list[str]) -> list[list[str]]:
    by: dict[str, list[str]] = {}
    for item, event in zip(items, gold):
        by.setdefault(event, []).append(item)
    return list(by.values())


def test_test_set_is_as_large_as_the_issue_asks() -> None:
    reports = EXPECTED["reports"]
    assert len(reports) >= 12 and len(EXPECTED["events"]) >= 5
    assert all((HERE / "reports" / r["file"]).is_file() for r in reports)
    per_event = [sum(r["main"]["event"] == e for r in reports) for e in EXPECTED["events"]]
    assert sum(n >= 2 for n in per_event) >= 4
    assert any(len(rounds) >= 2 for rounds in EXPECTED["series"].values())


def test_hand_facts_cluster_into_the_expected_meetings() -> None:
    facts, items, gold = held_facts()
    groups = cluster_events(facts)
    pred = [[items[i] for i in g] for g in groups]
    precision, recall = evaluate_clusters(pred, gold_clusters(items, gold))
    assert (precision, recall) == (1.0, 1.0), pred


def test_series_keys_and_rounds() -> None:
    facts, items, gold = held_facts()
    for f, event in zip(facts, gold):
        assert f.series_key == EXPECTED["events"][event]["series"], (f.name, f.series_key)
    groups = cluster_events(facts)
    for key, rounds in EXPECTED["series"].items():
        found = []
        for g in groups:
            if facts[g[0]].series_key != key:
                continue
            ordinal, _ = merge_values([(facts[i].ordinal, items[i]) for i in g], field="ordinal")
            date, _ = merge_values([(facts[i].date_start, items[i]) for i in g], field="date")
            found.append((date, ordinal, gold[g[0]]))
        assert [e for _, _, e in sorted(found)] == rounds
        # Every round gets its number, from whichever report gave it.
        assert all(o == EXPECTED["events"][e]["ordinal"] for _, o, e in found)


def test_plans_link_to_the_held_event_with_the_slip() -> None:
    facts, _items, gold = held_facts()
    events = [(merge_facts([facts[i] for i in g]), gold[g[0]]) for g in cluster_events(facts)]
    for r in EXPECTED["reports"]:
        for plan in r.get("plans", []):
            planned = event_facts(plan["facts"], _doc(r))
            links = sorted(((m.score, e, m.reasons) for f, e in events
                            if (m := plan_outcome(planned, f)).same), key=lambda x: -x[0])
            assert (links[0][1] if links else None) == plan["outcome"], (r["file"], links)
            if r["file"] in EXPECTED["slips"]:
                assert EXPECTED["slips"][r["file"]] in links[0][2]


def test_delegation_heads_resolve_across_reports() -> None:
    heads = [(h, r["file"]) for r in EXPECTED["reports"]
             for d in r["main"]["facts"]["delegations"] if (h := d["head"])]
    assert same_person("M. Nurtleu", [], "Murat Nurtleu", [])
    assert same_person("António Costa", [], "Antonio Costa", [])
    people = {h for h, _ in heads}
    distinct = []
    for h in sorted(people, key=len, reverse=True):
        if not any(same_person(h, [], d, []) for d in distinct):
            distinct.append(h)
    assert len(distinct) == 12, distinct


@pytest.mark.parametrize("field,values", [
    ("date", [("2025-04-04", "r06"), ("2025-04-03", "r99")]),
    ("location", [({"name": "Samarkand", "country": "UZ"}, "r06"),
                  ({"name": "Tashkent", "country": "UZ"}, "r99")]),
])
def test_disagreeing_sources_are_both_kept(field: str, values: list[tuple[object, str]]) -> None:
    value, dis = merge_values(values, field=field)
    assert value == values[0][0]
    assert dis and [v["sources"] for v in dis["values"]] == [["r06"], ["r99"]]
