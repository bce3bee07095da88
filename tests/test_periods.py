"""Reporting periods: windows tile the year, due dates fall on working days, period words parse."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kstthc_cli.compute.periods import (
    QUARTERS,
    CutoffRule,
    due_date,
    parse_period,
    reporting_period,
    vn_working_day,
    window,
)
from kstthc_cli.errors import UsageError

years = st.integers(min_value=2000, max_value=2099)
rules = st.sampled_from(["nd09", "calendar"])


def test_nd09_windows_of_2024() -> None:
    assert window("Q1", 2024, "nd09") == (date(2023, 12, 15), date(2024, 3, 14))
    assert window("Q2", 2024, "nd09") == (date(2024, 3, 15), date(2024, 6, 14))
    assert window("Q3", 2024, "nd09") == (date(2024, 6, 15), date(2024, 9, 14))
    assert window("Q4", 2024, "nd09") == (date(2024, 9, 15), date(2024, 12, 14))
    assert window("H1", 2024, "nd09") == (date(2023, 12, 15), date(2024, 6, 14))
    assert window("H2", 2024, "nd09") == (date(2024, 6, 15), date(2024, 12, 14))
    assert window("M9", 2024, "nd09") == (date(2023, 12, 15), date(2024, 9, 14))
    assert window("Y", 2024, "nd09") == (date(2023, 12, 15), date(2024, 12, 14))


def test_calendar_windows() -> None:
    assert window("Q1", 2024, "calendar") == (date(2024, 1, 1), date(2024, 3, 31))
    assert window("Y", 2024, "calendar") == (date(2024, 1, 1), date(2024, 12, 31))


@given(years, rules)
def test_quarters_tile_the_year_without_gaps_or_overlaps(year: int, rule: CutoffRule) -> None:
    spans = [window(q, year, rule) for q in QUARTERS]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start == end + timedelta(days=1)
    # and the year after picks up where this one ends
    assert window("Q1", year + 1, rule)[0] == spans[-1][1] + timedelta(days=1)
    assert window("Y", year, rule) == (spans[0][0], spans[-1][1])
    assert window("H1", year, rule) == (spans[0][0], spans[1][1])
    assert window("H2", year, rule) == (spans[2][0], spans[3][1])
    assert window("M9", year, rule) == (spans[0][0], spans[2][1])
    total = sum((end - start).days + 1 for start, end in spans)
    is_leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    # either way the year's window holds exactly one February: this year's
    assert total == (366 if is_leap else 365)


@given(
    st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 1)),
    st.integers(min_value=1, max_value=28),
    st.booleans(),
)
def test_due_date_comes_after_the_window_and_is_a_working_day(
    end: date, due_day: int, move: bool
) -> None:
    due = due_date(end, due_day, move, lambda d: d.weekday() < 5)
    assert due > end
    assert due - end <= timedelta(days=31 + 3)
    if move:
        assert due.weekday() < 5
    else:
        assert due.day == due_day


def test_due_dates_move_off_weekends_and_tet() -> None:
    # 17/03/2024 is a Sunday: the Q1 report is due on Monday 18/03
    assert reporting_period("Q1", 2024).due == date(2024, 3, 18)
    assert reporting_period("Q1", 2024, move_off=False).due == date(2024, 3, 17)
    # Tết 2024 ran 08–14/02: a due day of 10 after a window ending 14/01 would be 10/02 (Tết)
    due = due_date(date(2024, 1, 14), 10, True, vn_working_day)
    assert due == date(2024, 2, 15)
    # 29/04/2024 was a day off swapped for Saturday 04/05/2024
    assert not vn_working_day(date(2024, 4, 29))
    assert vn_working_day(date(2024, 5, 4))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("q1", ("Q1", 2024)),
        ("Q2", ("Q2", 2024)),
        ("quy2", ("Q2", 2024)),
        ("quý 2", ("Q2", 2024)),
        ("Quý II", ("Q2", 2024)),
        ("quy iv", ("Q4", 2024)),
        ("h1", ("H1", 2024)),
        ("6t", ("H1", 2024)),
        ("6 tháng", ("H1", 2024)),
        ("6 thang", ("H1", 2024)),
        ("h2", ("H2", 2024)),
        ("9m", ("M9", 2024)),
        ("9t", ("M9", 2024)),
        ("9 tháng", ("M9", 2024)),
        ("year", ("Y", 2024)),
        ("nam", ("Y", 2024)),
        ("năm", ("Y", 2024)),
        ("Cả năm", ("Y", 2024)),
        ("2024q2", ("Q2", 2024)),
        ("q2/2024", ("Q2", 2024)),
        ("Q3/2025", ("Q3", 2025)),
        ("quý III/2023", ("Q3", 2023)),
        # the words of a report's own title, with the year (the year may also end a word)
        ("6 tháng đầu năm 2024", ("H1", 2024)),
        ("6 tháng cuối năm 2024", ("H2", 2024)),
        ("cả năm 2024", ("Y", 2024)),
        ("năm 2025", ("Y", 2025)),
        ("quý 2 năm 2024", ("Q2", 2024)),
        ("Q2-2024", ("Q2", 2024)),
        # "quí", the older spelling still common in offices
        ("Quí 2", ("Q2", 2024)),
        ("quí IV/2024", ("Q4", 2024)),
    ],
)
def test_period_words(word: str, expected: tuple[str, int]) -> None:
    assert parse_period(word, 2024) == expected


@pytest.mark.parametrize("word", ["q5", "quý V", "tuần 3", "", "2024"])
def test_unknown_period_words_are_usage_errors(word: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_period(word, 2024)
    assert info.value.exit_code == 2
    assert "q1…q4" in info.value.hint


def test_cached_working_days_agree_with_the_holidays_package(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import holidays

    from kstthc_cli.compute import periods

    monkeypatch.setenv("KSTTHC_CACHE_DIR", str(tmp_path))
    periods._vn_calendar.cache_clear()
    reference = holidays.country_holidays("VN", years=range(2023, 2027))
    day = date(2023, 1, 1)
    while day.year < 2027:
        assert vn_working_day(day) == reference.is_working_day(day), day
        day += timedelta(days=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"vn-holidays-{y}.json" for y in range(2023, 2027)
    ]
    # a second process reads the cache instead of importing holidays
    periods._vn_calendar.cache_clear()
    (tmp_path / "vn-holidays-2024.json").write_text(
        json.dumps({"stamp": periods._holidays_stamp(), "off": ["2024-03-18"], "work": []}),
        encoding="utf-8",
    )
    assert not vn_working_day(date(2024, 3, 18))
    periods._vn_calendar.cache_clear()


@pytest.mark.parametrize(
    "damage",
    ["", "not json", "[]", '{"stamp": 1}', "[" * 100_000 + "]" * 100_000],
    ids=["empty", "text", "a list", "no days", "nested past the recursion limit"],
)
def test_a_damaged_holidays_cache_is_worked_out_again(tmp_path, monkeypatch, damage: str) -> None:  # type: ignore[no-untyped-def]
    from kstthc_cli.compute import periods

    monkeypatch.setenv("KSTTHC_CACHE_DIR", str(tmp_path))
    (tmp_path / "vn-holidays-2024.json").write_text(damage, encoding="utf-8")
    periods._vn_calendar.cache_clear()
    try:
        assert not vn_working_day(date(2024, 9, 2))  # Quốc khánh
        assert vn_working_day(date(2024, 9, 4))
    finally:
        periods._vn_calendar.cache_clear()
