"""Document date: stated publication dates, and the window events imply."""
from __future__ import annotations

import pytest

from diplograph.extract.docdate import stated_published

OWN = """Talks in Tashkent

The EU-Uzbekistan talks took place in Tashkent on 3 March 2022. The next round will be held in Brussels in the spring of next year."""


def test_seed_window_is_last_past_event_to_first_future_one(seed_record: dict) -> None:
    doc = seed_record["document"]
    assert doc["published"] is None
    assert doc["date_estimate"] == {"earliest": "2023-06-02", "latest": "2023-11-30"}


def test_relative_dates_anchor_on_explicit_ones(extract_text) -> None:
    r = extract_text(OWN)
    nxt = next(e for e in r["events"] if not e["main"])
    assert (nxt["date"]["start"], nxt["date"]["end"]) == ("2023-03", "2023-05")
    assert r["document"]["date_estimate"] == {"earliest": "2022-03-03", "latest": "2023-05-31"}


def test_stated_publication_dates() -> None:
    assert stated_published("Published: 12 June 2023\nThe talks ...") == "2023-06-12"
    assert stated_published("BRUSSELS, 12 May 2024 - The meeting ...") == "2024-05-12"
    assert stated_published("ASTANA. KAZINFORM - The tenth meeting ...") is None
    assert stated_published("The talks were held in 2023.") is None


def test_a_dateline_date_becomes_published(extract_text) -> None:
    r = extract_text("Council meets\n\nBRUSSELS, 12 May 2024 - The Cooperation Council took place on Monday.")
    assert r["document"]["published"] == "2024-05-12"
    assert r["document"]["date_estimate"] is None


WIRE_NO_YEAR = """Ministers meet in Bishkek

BISHKEK, April 9 (Wire) -- The foreign ministers of Kyrgyzstan and Tajikistan met in Bishkek on Tuesday. Trade between the two countries grew by 9 percent in the first quarter of 2024, the ministers said. The next meeting will be held in Dushanbe in 2025."""

WIRE_YEAR_UNCLEAR = """Ministers meet in Bishkek

BISHKEK, April 9 (Wire) -- The foreign ministers of Kyrgyzstan and Tajikistan met in Bishkek. Trade between the two countries reached 1.2 billion dollars in 2023."""


def test_a_dateline_without_year_takes_the_year_of_the_latest_past_date(extract_text) -> None:
    r = extract_text(WIRE_NO_YEAR)
    assert r["document"]["published"] == "2024-04-09"


def test_a_dateline_year_is_not_guessed_when_the_past_dates_do_not_fit(extract_text) -> None:
    # trade "in 2023" is a whole year's figure: April 2023 cannot be the report's date
    assert extract_text(WIRE_YEAR_UNCLEAR)["document"]["published"] is None


WIRE_WEEKDAY = """Rivals sign accord in Moscow

MOSCOW, June 27 (Wire) - The two leaders signed an accord in the Kremlin on Friday. The talks began in April 1994 and
went through eight rounds. The war broke out in 1992."""


def test_a_year_less_dateline_takes_the_first_year_its_lead_weekday_fits(extract_text) -> None:
    # 27 June fell on a Friday in 1997, not in 1994-1996: 1994 only bounds the year from below
    assert extract_text(WIRE_WEEKDAY)["document"]["published"] == "1997-06-27"
    plan = WIRE_WEEKDAY.replace("June 27", "June 26").replace("1994", "2024").replace("1992", "2021").replace(
        "eight rounds.", "eight rounds, and approved a plan for 2026.")
    # a past year-long date ("a plan for 2026") only has to have begun: 26 June 2026 is a Friday
    assert extract_text(plan)["document"]["published"] == "2026-06-26"


def test_press_release_and_byline_dates() -> None:
    assert stated_published("BISHKEK, KYRGYZ REPUBLIC (21 November 2025) — Ministers met.") == "2025-11-21"
    assert stated_published("Ahmet Kaya |23.10.2025 - Update : 24.10.2025\n\nANKARA\n\nThe talks...") == "2025-10-23"
    assert stated_published("Trade | Energy\n\nThe talks were held on 3 May 2024.") is None


@pytest.mark.parametrize("head", ["BAKU, Azerbaijan, June 19, 2024. The talks", "XI'AN, 19 May 2023 (Xinhua) -- The",
                                  "ASTANA. 02.06.2023. KAZINFORM - The"])
def test_dated_datelines(head: str) -> None:
    assert stated_published(head + " were held.") in ("2024-06-19", "2023-05-19", "2023-06-02")


def test_historical_years_do_not_anchor_relative_dates(extract_text) -> None:
    text = ("Leaders prepare budget deal\n\nThe rebate won by the UK in 1984 is again in question as "
            "leaders prepare the budget for 2021-2027. They hope to agree at a June summit.")
    r = extract_text(text)
    june = next(e for e in r["events"] if "June" in e["name"])
    assert june["date"] is None


def test_relative_dates_against_a_guessed_year_do_not_bound_the_window(extract_text) -> None:
    text = ("Presidents meet\n\nThe presidents of Kyrgyzstan and Uzbekistan met in Bishkek in June 2024. "
            "They agreed to meet at an investment forum in Tashkent next year.")
    r = extract_text(text)
    assert r["document"]["date_estimate"] == {"earliest": "2024-06-01", "latest": None}


def test_recently_is_no_date(extract_text) -> None:
    r = extract_text("Minister attends talks\n\n07.04.2025\n\nASTANA - The foreign minister has recently "
                     "taken part in the EU-Central Asia Ministerial Meeting in Luxembourg.")
    main = next(e for e in r["events"] if e["main"])
    assert r["document"]["published"] == "2025-04-07"
    assert main["date"] is None and main["status"] == "held"


def test_a_held_day_range_bounds_the_window_from_its_last_day(extract_text) -> None:
    r = extract_text("Commission meets in Khujand\n\nThe border commissions of the two countries met in Khujand "
                     "on 11-14 February 2025. The presidents will sign the treaty in March 2025.")
    assert r["document"]["published"] is None
    assert r["document"]["date_estimate"] == {"earliest": "2025-02-14", "latest": "2025-03-31"}


def test_a_tass_dateline_weekday_after_its_credit_and_a_target_year(extract_text) -> None:
    """"DUSHANBE, May 30. /TASS/. ... on Friday": the lead begins after the credit; "the
    plan for 2026" is a target, not the latest year the report tells of."""
    r = extract_text("CIS premiers meet\n\nDUSHANBE, May 30. /TASS/. The heads of government "
                     "on Friday approved a transport plan, Prime Minister Mikhail Mishustin told "
                     "reporters. Trade exceeded $100 billion in 2024. The ministers also approved "
                     "the work plan for 2026.")
    assert r["document"]["published"] == "2025-05-30"
