"""Hand-built event facts: the rules of cross-report resolution, one at a time."""
from __future__ import annotations

import pytest

from diplograph.resolve import (EventFacts, cluster_events, evaluate_clusters, event_facts,
                                match_events, merge_values, plan_outcome, series_key)


def hlpsd(**kw: object) -> EventFacts:
    base: dict[str, object] = {"name": "High-level Political and Security Dialogue",
                               "type": "meeting", "series_key": "hlpsd"}
    base.update(kw)
    return EventFacts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [
    "High-level Political and Security Dialogue",
    "EU-Central Asia political and security dialogue",
    "the tenth anniversary meeting of the Central Asia-European Union High-level Political "
    "and Security Dialogue",
    "11th EU–Central Asia High-Level Political & Security Dialogue",
])
def test_series_names_of_the_hlpsd_share_one_key(name: str) -> None:
    assert series_key(None, None, name) == series_key(None, "HLPSD", None) == "hlpsd"


def test_series_keys_keep_partners_and_formats_apart() -> None:
    kz = series_key(None, None, "EU-Kazakhstan Cooperation Council")
    assert kz == series_key("Cooperation Council", None, "Kazakhstan-European Union Cooperation Council")
    assert kz != series_key(None, None, "19th meeting of the EU-Uzbekistan Cooperation Council")
    assert series_key(None, None, "CA-EU Summit") == series_key(None, None, "first Central Asia – European Union Summit")
    assert series_key(None, None, "CA-EU Summit") != series_key(None, None, "Central Asia-China Summit")
    assert series_key(None, None, "EU-Central Asia Ministerial Meeting") != series_key(None, None, "CA-EU Summit")
    # A bare generic word is no series; an unknown format still gets a stable key.
    assert series_key(None, None, "the summit") is None
    unknown = series_key(None, None, "second Japan-Central Asia Dialogue on water")
    assert unknown and unknown == series_key(None, None, "Central Asia–Japan dialogue on water")


def test_undated_recent_report_joins_dated_one_of_same_round() -> None:
    dated = hlpsd(ordinal=11, date_start="2024-06-18", date_end="2024-06-18", location="Brussels",
                  doc_date="2024-06-18", participants=frozenset({"EU", "KZ", "UZ"}), document="a")
    recent = hlpsd(name="EU-Central Asia political and security dialogue", location="Brussels",
                   doc_date="2024-06-20", participants=frozenset({"EU", "KZ"}), document="b")
    m = match_events(dated, recent)
    assert m.same, m
    assert "same series" in m.reasons and "same location" in m.reasons
    assert "date compatible with report date" in m.reasons
    assert "participants overlap 1.00" in m.reasons


def test_month_precision_is_compatible_with_the_day() -> None:
    a = hlpsd(ordinal=10, date_start="2023-06", date_end="2023-06", location="Astana", document="a")
    b = hlpsd(ordinal=10, date_start="2023-06-22", date_end="2023-06-22", location="Astana",
              document="b")
    m = match_events(a, b)
    assert m.same and "same series+ordinal" in m.reasons and "dates compatible" in m.reasons


def test_rounds_of_one_series_never_merge() -> None:
    r10 = hlpsd(ordinal=10, location="Astana", doc_date="2023-06-23")
    r11 = hlpsd(ordinal=11, location="Astana", doc_date="2023-06-23")
    m = match_events(r10, r11)
    assert not m.same and m.conflict and "different rounds: 10 vs 11" in m.reasons
    # No ordinals: reports a year apart of one series in one place are two rounds.
    a = hlpsd(location="Brussels", doc_date="2023-06-23")
    b = hlpsd(location="Brussels", doc_date="2024-06-20")
    assert match_events(a, b).conflict
    # Explicit dates far apart in one series.
    c = hlpsd(date_start="2023-06-22", date_end="2023-06-22")
    d = hlpsd(date_start="2024-06-18", date_end="2024-06-18")
    assert match_events(c, d).conflict


def test_same_day_same_city_different_partner_stays_apart() -> None:
    kz = EventFacts(name="EU-Kazakhstan Cooperation Council", type="meeting",
                    series_key=series_key(None, None, "EU-Kazakhstan Cooperation Council"),
                    date_start="2025-01-20", date_end="2025-01-20", location="Brussels",
                    participants=frozenset({"EU", "KZ"}))
    uz = EventFacts(name="EU-Uzbekistan Cooperation Council", type="meeting",
                    series_key=series_key(None, None, "EU-Uzbekistan Cooperation Council"),
                    date_start="2025-01-21", date_end="2025-01-21", location="Brussels",
                    participants=frozenset({"EU", "UZ"}))
    assert not match_events(kz, uz).same


def test_cluster_respects_conflicts_across_groups() -> None:
    # b joins a and c each on its own evidence, but a and c are different rounds.
    a = hlpsd(ordinal=10, location="Astana", doc_date="2024-06-20", document="a")
    b = hlpsd(location="Astana", doc_date="2024-06-20", document="b")
    c = hlpsd(ordinal=11, location="Astana", doc_date="2024-06-20", document="c")
    groups = cluster_events([a, b, c])
    assert [0, 2] not in groups and len(groups) == 2


def test_plan_links_to_outcome_with_the_slip() -> None:
    planned = EventFacts(name="CA-EU Summit", type="summit", status="planned",
                         series_key=series_key(None, None, "CA-EU Summit"),
                         date_start="2024", date_end="2024", doc_date="2023-06-23")
    held = EventFacts(name="first EU-Central Asia summit", type="summit",
                      series_key=series_key(None, None, "first EU-Central Asia summit"),
                      date_start="2025-04-04", date_end="2025-04-04", location="Samarkand",
                      doc_date="2025-04-04")
    m = plan_outcome(planned, held)
    assert m.same and "planned for 2024, held 2025-04-04" in m.reasons
    earlier = EventFacts(name="CA-EU Summit", type="summit", status="held",
                         series_key=planned.series_key, date_start="2022-10-27",
                         date_end="2022-10-27")
    assert not plan_outcome(planned, earlier).same
    other = EventFacts(name="EU-Central Asia Ministerial Meeting", type="ministerial",
                       series_key=series_key(None, None, "EU-Central Asia Ministerial Meeting"),
                       date_start="2024-10-21", date_end="2024-10-21")
    assert not plan_outcome(planned, other).same


def test_merge_values_keeps_disagreement_with_sources() -> None:
    value, dis = merge_values([("2023-06", "a"), ("2023-06-22", "b")], field="date")
    assert value == "2023-06-22" and dis is None
    value, dis = merge_values([("Astana", "a"), ("Almaty", "b"), ("astana", "c")], field="location")
    assert value == "Astana"
    assert dis == {"field": "location", "values": [{"value": "Astana", "sources": ["a", "c"]},
                                                    {"value": "Almaty", "sources": ["b"]}]}
    value, dis = merge_values([("Vassilenko", "a"), ("Roman Vassilenko", "b")], field="head")
    assert value == "Roman Vassilenko" and dis is None
    _, dis = merge_values([("Roman Vassilenko", "a"), ("Akan Rakhmetullin", "b")], field="head")
    assert dis is not None and len(dis["values"]) == 2
    # Figures: rounding (0.2 %) agrees, a different number disagrees; silence is no vote.
    assert merge_values([(49_000_000_000, "a"), (49_100_000_000, "b")], field="value")[1] is None
    value, dis = merge_values([(49_000_000_000, "a"), (40_000_000_000, "b"), (None, "c")],
                              field="value")
    assert dis is not None and [v["sources"] for v in dis["values"]] == [["a"], ["b"]]
    assert merge_values([], field="x") == (None, None)


def test_event_facts_read_a_record_event() -> None:
    event = {"id": "ev1", "type": "meeting", "name": "The tenth meeting of the HLPSD",
             "series": None, "acronym": "HLPSD", "ordinal": None, "main": True, "status": "held",
             "date": None, "location": {"name": "Astana", "country": "KZ"},
             "participants": ["KZ", "EU"],
             "delegations": [{"party": "KZ", "head": "Roman Vassilenko", "title": None},
                             {"party": "KG", "head": None, "title": "Deputy Foreign Minister"}]}
    doc = {"id": "d1", "published": None, "date_estimate": {"earliest": "2023-06-02",
                                                           "latest": "2023-11-30"}}
    f = event_facts(event, doc)
    assert (f.series_key, f.ordinal, f.location, f.heads) == ("hlpsd", 10, "Astana",
                                                               frozenset({"Roman Vassilenko"}))
    assert f.doc_date == "2023-06-02/2023-11-30" and f.document == "d1"


def test_evaluate_clusters_pairwise() -> None:
    assert evaluate_clusters([["a", "b", "c"]], [["a", "b"], ["c"]]) == (1 / 3, 1.0)
    assert evaluate_clusters([["a"], ["b"]], [["a", "b"]]) == (1.0, 0.0)
    assert evaluate_clusters([["a", "b", "x"]], [["a", "b"]]) == (1.0, 1.0)


def test_rounds_are_ordered_and_bracketed_numbers_inferred() -> None:
    from diplograph.resolve import order_rounds

    rounds = [
        {"name": "HLPSD", "ordinal": 12, "date": {"start": "2025-06-10"}},
        {"name": "HLPSD", "ordinal": None, "date": {"start": "2024-06-18"}},
        {"name": "HLPSD", "ordinal": 10, "date": {"start": "2023-06"}},
        {"name": "HLPSD", "ordinal": 8, "date": None},
    ]
    out, gaps = order_rounds(rounds)
    assert [e["ordinal"] for e in out] == [8, 10, 11, 12]
    assert out[2].get("ordinal_inferred") is True and "ordinal_inferred" not in out[1]
    assert gaps == [9]
    # Two unnumbered rounds between 10 and 12: which is 11 is unknown, so none is numbered.
    out, gaps = order_rounds([
        {"ordinal": 10, "date": {"start": "2023"}}, {"ordinal": None, "date": {"start": "2024-01"}},
        {"ordinal": None, "date": {"start": "2024-06"}}, {"ordinal": 12, "date": {"start": "2025"}}])
    assert [e["ordinal"] for e in out] == [10, None, None, 12] and gaps == [11]


def test_public_api_is_the_published_contract() -> None:
    import diplograph.resolve as r

    contract = {"EventFacts", "Match", "event_facts", "match_events", "series_key", "person_key",
                "same_person", "plan_outcome", "merge_values", "cluster_events",
                "evaluate_clusters"}
    assert contract <= set(r.__all__)
    assert all(hasattr(r, name) for name in r.__all__)


def test_generic_reference_takes_the_series_of_the_report_it_is_in() -> None:
    from diplograph.resolve import record_facts

    record = {"document": {"id": "d", "published": "2024-06-19"}, "events": [
        {"id": "v1", "type": "meeting", "name": "High-level Political and Security Dialogue",
         "main": True, "date": {"start": "2024-06-18", "end": "2024-06-18"}},
        {"id": "v2", "type": "meeting", "name": "previous, tenth round of the dialogue",
         "main": False, "location": {"name": "Astana", "country": "KZ"}},
        {"id": "v3", "type": "summit", "name": "the summit", "main": False},
        {"id": "v4", "type": "meeting", "name": "Meeting of Special Representatives", "main": False},
    ]}
    keys = [f.series_key for f in record_facts(record)]
    assert keys[:3] == ["hlpsd", "hlpsd", None] and keys[3] != "hlpsd"
    ref = record_facts(record)[1]
    tenth = hlpsd(ordinal=10, date_start="2023-06-22", date_end="2023-06-22", location="Astana")
    m = match_events(ref, tenth)
    assert m.same and "date before report date" in m.reasons


def test_series_parties_and_heads_alone_do_not_tell_rounds_apart() -> None:
    # Same officials, same parties, no date, no place: could be any round of the series.
    undated = hlpsd(participants=frozenset({"EU", "KZ"}), document="a",
                    heads=frozenset({"Roman Vassilenko", "Enrique Mora"}))
    r11 = hlpsd(ordinal=11, date_start="2024-06-18", date_end="2024-06-18", document="b",
                participants=frozenset({"EU", "KZ", "UZ"}), heads=frozenset({"Enrique Mora"}))
    assert not match_events(undated, r11).same


def test_generic_name_takes_its_series_from_the_participants() -> None:
    doc = {"id": "d", "published": "2025-04-04"}
    summit = {"type": "summit", "name": "first summit in Samarkand", "main": True,
              "participants": ["UZ", "EU", "KZ", "KG", "TJ", "TM"]}
    assert event_facts(summit, doc).series_key == series_key(None, None, "EU-Central Asia summit")
    bilateral = dict(summit, participants=["UZ", "EU"])
    assert event_facts(bilateral, doc).series_key is None
