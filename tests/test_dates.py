"""Date normalisation: explicit dates, relative expressions against an anchor, tense."""
from __future__ import annotations

import pytest

from diplograph.extract.dates import Anchor, find, first_day, last_day, normalize

A = "2023-06-02"  # a Friday


@pytest.mark.parametrize("text,tense,start,end", [
    ("2 June 2023", None, "2023-06-02", "2023-06-02"),
    ("on 2nd of June 2023", None, "2023-06-02", "2023-06-02"),
    ("June 2, 2023", None, "2023-06-02", "2023-06-02"),
    ("02.06.2023", None, "2023-06-02", "2023-06-02"),
    ("2023-06-02", None, "2023-06-02", "2023-06-02"),
    ("in June 2023", None, "2023-06", "2023-06"),
    ("in 2024", None, "2024", "2024"),
    ("between 2005 and 2007", None, "2005", "2007"),
    ("for the period 2007-2013", None, "2007", "2013"),
    ("early 2025", None, "2025-01", "2025-04"),
    ("mid-2024", None, "2024-05", "2024-08"),
    ("until the end of 2005", None, "2005-12", "2005-12"),
    ("in the autumn of 2023", None, "2023-09", "2023-11"),
    ("in the winter of 2023", None, "2023-12", "2024-02"),
])
def test_explicit_dates_need_no_anchor(text: str, tense: str | None, start: str, end: str) -> None:
    v = normalize(text, None, tense)  # type: ignore[arg-type]
    assert v is not None and (v.start, v.end) == (start, end)


@pytest.mark.parametrize("text,tense,start,end", [
    ("in the autumn of this year", None, "2023-09", "2023-11"),
    ("this year", None, "2023", "2023"),
    ("last year", None, "2022", "2022"),
    ("last month", None, "2023-05", "2023-05"),
    ("later this month", None, "2023-06", "2023-06"),
    ("next week", None, "2023-06-05", "2023-06-11"),
    ("the past ten years", None, "2013", "2023"),
    ("over the past decade", None, "2013", "2023"),
    ("by the end of the year", None, "2023-12", "2023-12"),
    ("in July", "future", "2023-07", "2023-07"),
    ("in July", "past", "2022-07", "2022-07"),
    ("in April", "future", "2024-04", "2024-04"),
    ("in April", "past", "2023-04", "2023-04"),
    ("on 17 December", "future", "2023-12-17", "2023-12-17"),
    ("on 17 December", "past", "2022-12-17", "2022-12-17"),
    ("on Wednesday", "past", "2023-05-31", "2023-05-31"),
    ("later on Wednesday", None, "2023-06-07", "2023-06-07"),
    ("last Friday", None, "2023-05-26", "2023-05-26"),
    ("this autumn", None, "2023-09", "2023-11"),
    ("yesterday", None, "2023-06-01", "2023-06-01"),
])
def test_relative_expressions_resolve_against_the_anchor(text: str, tense: str | None,
                                                         start: str, end: str) -> None:
    v = normalize(text, A, tense)  # type: ignore[arg-type]
    assert v is not None and (v.start, v.end) == (start, end), v


def test_a_year_only_anchor_gives_month_precision_at_most() -> None:
    v = normalize("in December", "2005", "future")
    assert v is not None and v.start == "2005-12"
    assert normalize("on Wednesday", "2005", "past") is None
    assert normalize("last month", "2005") is None


@pytest.mark.parametrize("text", ["on Wednesday", "this year", "in July", "the past ten years"])
def test_relative_expressions_without_anchor_are_none(text: str) -> None:
    assert normalize(text) is None


@pytest.mark.parametrize("text", ["on the eve of the summit", "you may go", "in the near future",
                                  "10 planes", "a 35% hike"])
def test_non_dates_are_none(text: str) -> None:
    assert normalize(text, A) is None


def test_find_gives_spans_and_keeps_the_longest_expression() -> None:
    text = "The EU will decide on 17 December. Trade rose in May 2005 and in 2001."
    found = find(text)
    assert [f.text for f in found] == ["on 17 December", "in May 2005", "in 2001"]
    assert all(text[f.start:f.end] == f.text for f in found)


def test_the_text_of_the_value_is_the_expression() -> None:
    v = normalize("a summit in the autumn of this year", A)
    assert v is not None and v.text == "in the autumn of this year"


def test_anchor_and_day_bounds() -> None:
    assert Anchor.from_iso("2023-06") == Anchor(2023, 6)
    assert Anchor.from_iso("June") is None
    assert last_day("2023-11") == "2023-11-30"
    assert last_day("2024-02") == "2024-02-29"
    assert last_day("2024") == "2024-12-31"
    assert first_day("2023-06") == "2023-06-01"


@pytest.mark.parametrize("text,start,end", [
    ("on June 6-7, 2024", "2024-06-06", "2024-06-07"),
    ("on 15 and 16 April 2024", "2024-04-15", "2024-04-16"),
    ("held on 6-7 June", "2023-06-06", "2023-06-07"),
    ("in the first quarter of 2023", "2023-01", "2023-03"),
])
def test_day_ranges_and_quarters(text: str, start: str, end: str) -> None:
    v = normalize(text, A, "future")
    assert v is not None and (v.start, v.end) == (start, end), v
