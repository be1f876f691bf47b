"""Document date: stated publication dates, and the window events imply."""
from __future__ import annotations

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
