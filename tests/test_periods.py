"""Reporting periods: windows tile the year, due dates fall on working days, period words parse."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kstthc_cli.compute import periods
from kstthc_cli.compute.periods import (
    QUARTERS,
    CutoffRule,
    due_date,
    parse_period,
    reporting_period,
    vn_working_day,
    window,
    working_day,
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


def _every_day(years: range) -> Iterator[date]:
    day = date(years.start, 1, 1)
    while day.year < years.stop:
        yield day
        day += timedelta(days=1)


def test_the_shipped_days_off_are_what_holidays_says() -> None:
    """The table is ``holidays``' word for every year it covers: a refresh of ``holidays`` that
    changes a day fails here until ``python scripts/gen_holidays.py`` is run again."""
    import holidays

    table = json.loads(periods.DAYS_OFF_TABLE.read_text(encoding="utf-8"))
    years = range(table["first_year"], table["last_year"] + 1)
    assert years.start <= 2019 and years.stop > 2035
    reference = holidays.country_holidays(
        "VN", years=range(years.start - 1, years.stop + 1), language="vi"
    )
    refresh = "holidays changed: run python scripts/gen_holidays.py"
    assert table["days_off"] == {
        d.isoformat(): name for d, name in sorted(reference.items()) if d.year in years
    }, refresh
    assert sorted(table["working_days"]) == sorted(
        d.isoformat() for d in reference.weekend_workdays if d.year in years
    ), refresh
    assert periods.days_off_table().years == years
    for day in _every_day(years):
        assert vn_working_day(day) == reference.is_working_day(day), day


def test_the_generator_writes_the_shipped_table(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    out = tmp_path / "days_off.json"
    done = subprocess.run(
        [sys.executable, "scripts/gen_holidays.py", "--output", str(out)],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "2019–2035" in done.stdout
    written = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(periods.DAYS_OFF_TABLE.read_text(encoding="utf-8"))
    for table in (written, shipped):
        del table["source"]  # the version of holidays that wrote it
    assert written == shipped


def test_make_up_saturdays_are_in_the_table_with_the_day_they_make_up() -> None:
    table = periods.days_off_table()
    assert table.working_days[date(2024, 5, 4)] == "Làm bù cho ngày nghỉ 29/04/2024"
    assert table.days_off[date(2024, 4, 29)] == "Ngày nghỉ (thay cho ngày 04/05/2024)"
    assert table.days_off[date(2024, 9, 2)] == "Quốc khánh"


@pytest.mark.parametrize("year", [2018, 2040])
def test_a_year_outside_the_table_is_asked_of_holidays(year: int) -> None:
    import holidays

    assert year not in periods.days_off_table().years
    reference = holidays.country_holidays("VN", years=range(year - 1, year + 2))
    for day in _every_day(range(year, year + 1)):
        assert vn_working_day(day) == reference.is_working_day(day), day
    assert not vn_working_day(date(year, 9, 2))  # Quốc khánh
    assert not vn_working_day(date(year, 4, 30))


def _imports_holidays(day: date) -> bool:
    code = (
        "import sys, datetime\n"
        "from kstthc_cli.compute import periods\n"
        f"periods.reporting_period('Q1', {day.year})\n"
        f"periods.vn_working_day(datetime.date.fromisoformat('{day.isoformat()}'))\n"
        "print('holidays' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip() == "True"


def test_holidays_is_imported_only_for_a_year_outside_the_table() -> None:
    assert not _imports_holidays(date(2024, 9, 2))
    assert _imports_holidays(date(2040, 9, 2))


# ---------------------------------------------------------------- the plan's own days off


def test_a_due_date_on_a_day_off_the_plan_adds_moves() -> None:
    # Q1 2024 is due on Monday 18/03; the plan says 18/03 is off, so Tuesday 19/03
    assert reporting_period("Q1", 2024).due == date(2024, 3, 18)
    extra = {date(2024, 3, 18)}
    assert reporting_period("Q1", 2024, days_off=extra).due == date(2024, 3, 19)
    assert reporting_period("Q1", 2024, days_off=extra, move_off=False).due == date(2024, 3, 17)


def test_a_day_off_the_plan_cancels_no_longer_moves_a_due_date() -> None:
    # T08 with a due day of 2 falls on Quốc khánh, Monday 02/09/2024 (02 and 03/09 off)
    assert reporting_period("T08", 2024, due_day=2).due == date(2024, 9, 4)
    cancelled = {date(2024, 9, 2)}
    assert reporting_period("T08", 2024, due_day=2, working_days=cancelled).due == date(2024, 9, 2)
    later = {date(2024, 9, 3)}
    assert reporting_period("T08", 2024, due_day=2, working_days=later).due == date(2024, 9, 3)
    # a Saturday the plan makes a working day (a make-up Saturday not yet in the table)
    sunday = {date(2024, 3, 17)}
    assert reporting_period("Q1", 2024, working_days=sunday).due == date(2024, 3, 17)


def test_a_day_in_both_of_the_plans_lists_is_off() -> None:
    both = {date(2024, 3, 18)}
    assert not working_day(date(2024, 3, 18), days_off=both, working_days=both)
    assert working_day(date(2024, 3, 19), days_off=both, working_days=both)


@given(
    st.integers(min_value=2019, max_value=2035),  # the shipped table's: holidays not imported
    st.sampled_from(["Q1", "Q2", "Q3", "Q4", "H1", "Y", "T02", "T09"]),
    rules,
    st.integers(min_value=1, max_value=28),
    st.frozensets(st.dates(min_value=date(2019, 1, 1), max_value=date(2036, 2, 1)), max_size=30),
    st.frozensets(st.dates(min_value=date(2019, 1, 1), max_value=date(2036, 2, 1)), max_size=30),
)
def test_a_moved_due_date_is_the_first_working_day_the_plan_allows(
    year: int,
    pid: str,
    rule: CutoffRule,
    due_day: int,
    days_off: frozenset[date],
    working_days: frozenset[date],
) -> None:
    adjusted = reporting_period(
        pid, year, rule=rule, due_day=due_day, days_off=days_off, working_days=working_days
    )
    fixed = reporting_period(pid, year, rule=rule, due_day=due_day, move_off=False)
    assert adjusted.due >= fixed.due
    assert adjusted.due not in days_off
    assert working_day(adjusted.due, days_off=days_off, working_days=working_days)
    day = fixed.due
    while day < adjusted.due:  # every day skipped was off
        assert not working_day(day, days_off=days_off, working_days=working_days), day
        day += timedelta(days=1)
