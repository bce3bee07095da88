"""Indicator figures: pooled Σnumerator / Σdenominator, shown with two decimals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as _date
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kstthc_cli.compute.indicators import (
    Figure,
    hundredths,
    meets,
    parts_disagreeing,
    pool,
    reported,
    round2,
    select_ytd,
)
from kstthc_cli.compute.schedule import YearCalendar
from kstthc_cli.load.models import IndicatorRecord, Reporting
from tests.conftest import Result


def test_two_decimals_round_half_up_like_a_person_or_excel_would() -> None:
    # 13/160 = 8,125 % exactly: a person (and Excel's ROUND) writes 8,13, not 8,12
    assert Figure(13, 160).percent == 8.13
    assert Figure(1, 800).percent == 0.13
    # 201/20000 = 1,005 %: exact arithmetic, not the float just below it
    assert Figure(201, 20000).percent == 1.01
    assert Figure(value=92.345).percent == 92.35
    assert Figure(2, 3).percent == 66.67
    assert pool([Figure(5, 80), Figure(8, 80)]).percent == 8.13


def test_record_and_status_show_the_same_rounding(cli: Callable[..., Result], ws: Path) -> None:
    r = cli(
        "record", "indicator", "3", "--period", "q1", "--num", "13", "--den", "160",
        "--data", str(ws), "--as-of", "2024-04-20",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "13/160 = 8,13 %" in r.out
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    assert '"actual": 8.13' in r.out


def test_a_value_entered_directly_is_confirmed_as_status_shows_it(
    cli: Callable[..., Result], ws: Path
) -> None:
    r = cli(
        "record", "indicator", "10", "--period", "q1", "--value", "92,345",
        "--data", str(ws), "--as-of", "2024-04-20",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "92,35 %" in r.out


# ---------------------------------------------------------------- properties of pooling


counts = st.integers(min_value=1, max_value=100_000).flatmap(
    lambda den: st.tuples(st.integers(min_value=0, max_value=den), st.just(den))
)


@given(st.lists(counts, min_size=1, max_size=12))
def test_pooling_is_sum_over_sum_and_order_free(pairs: list[tuple[int, int]]) -> None:
    figures = [Figure(n, d) for n, d in pairs]
    pooled = pool(figures)
    assert pooled.numerator == sum(n for n, _ in pairs)
    assert pooled.denominator == sum(d for _, d in pairs)
    assert pool(reversed(figures)) == pooled
    ratios = [Fraction(100 * n, d) for n, d in pairs]
    assert pooled.actual is not None
    assert min(ratios) <= pooled.actual <= max(ratios)


@given(counts, counts)
def test_pooling_is_not_the_average_of_percentages(a: tuple[int, int], b: tuple[int, int]) -> None:
    pooled = pool([Figure(*a), Figure(*b)]).actual
    average = (Fraction(100 * a[0], a[1]) + Fraction(100 * b[0], b[1])) / 2
    if a[1] == b[1] or Fraction(a[0], a[1]) == Fraction(b[0], b[1]):
        assert pooled == average
    else:
        assert pooled != average


def test_no_figures_and_zero_denominators_are_no_data() -> None:
    assert pool([]).actual is None
    assert pool([Figure(0, 0)]).actual is None
    assert Figure().percent is None


@given(st.fractions(min_value=0, max_value=100))
def test_round2_is_within_half_a_hundredth(x: Fraction) -> None:
    shown = Fraction(str(round2(x)))
    assert abs(shown - x) <= Fraction(1, 200)
    assert shown * 100 == int(shown * 100)


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=10**7))
def test_hundredths_is_half_away_from_zero_on_the_exact_value(x: Fraction) -> None:
    """The whole-number rounding is the definition in fractions: |x|·100, up from one half."""
    scaled = abs(x) * 100
    whole = int(scaled) + (1 if scaled - int(scaled) >= Fraction(1, 2) else 0)
    assert hundredths(x) == (whole if x >= 0 else -whole)
    assert reported(x) == Fraction(hundredths(x), 100)
    assert round2(x) == float(Fraction(hundredths(x), 100))


@given(
    st.fractions(min_value=0, max_value=200, max_denominator=100_000),
    st.sampled_from([">=", ">", "<=", "<", "=="]),
    st.decimals(min_value=0, max_value=150, places=2, allow_nan=False, allow_infinity=False),
)
def test_a_target_with_decimals_is_read_as_written(x: Fraction, op: str, written: object) -> None:
    """80.1 is judged as 80,10 (its decimal text), never as the float's binary value."""
    target = float(str(written))
    shown, t = reported(x), Fraction(str(target))
    expected = {
        ">=": shown >= t,
        ">": shown > t,
        "<=": shown <= t,
        "<": shown < t,
        "==": shown == t,
    }
    assert meets(x, op, target) is expected[op]


def test_a_cumulative_figure_replaces_the_quarters_it_contains() -> None:
    cal = YearCalendar(2024, Reporting(recipient="x", preparer="vp-tk"))
    recs = [
        IndicatorRecord(indicator="3", period=p, numerator=n, denominator=d)
        for p, n, d in (("Q1", 40, 80), ("Q2", 90, 120), ("H1", 140, 210), ("Q3", 10, 10))
    ]
    chosen = [pid for pid, _ in select_ytd(recs, cal, _date(2024, 12, 31))]
    assert chosen == ["H1", "Q3"]
    # only the periods begun by the day judged count
    quarters = [r for r in recs if r.period != "H1"]
    assert [pid for pid, _ in select_ytd(quarters, cal, _date(2024, 4, 1))] == ["Q1", "Q2"]
    assert [pid for pid, _ in select_ytd(quarters, cal, _date(2024, 3, 1))] == ["Q1"]


@given(
    st.fractions(min_value=0, max_value=200, max_denominator=100_000),
    st.sampled_from([">=", ">", "<=", "<", "=="]),
    st.integers(min_value=0, max_value=100),
)
def test_verdict_agrees_with_the_figure_shown(x: Fraction, op: str, target: int) -> None:
    """The verdict is the one a reader would reach from the two-decimal figure in the table."""
    shown = Fraction(str(round2(x)))
    expected = {
        ">=": shown >= target,
        ">": shown > target,
        "<=": shown <= target,
        "<": shown < target,
        "==": shown == target,
    }[op]
    assert meets(x, op, target) is expected


def test_a_figure_shown_as_the_target_meets_it() -> None:
    assert Figure(79_995, 100_000).percent == 80.0
    assert meets(Fraction(100 * 79_995, 100_000), ">=", 80)
    assert not meets(Fraction(100 * 79_994, 100_000), ">=", 80)


def test_parts_disagreeing() -> None:
    f = Figure
    # Q1 + Q2 cover H1 exactly and differ from it
    assert parts_disagreeing({"Q1": f(40, 80), "Q2": f(95, 120), "H1": f(100, 200)}) == [
        ("H1", ("Q1", "Q2"), f(135, 200), True)
    ]
    # they agree
    assert parts_disagreeing({"Q1": f(40, 80), "Q2": f(95, 120), "H1": f(135, 200)}) == []
    # Q2 missing: a larger H1 is fine, a smaller one cannot be (counts only grow)
    assert parts_disagreeing({"Q1": f(40, 80), "H1": f(100, 200)}) == []
    assert parts_disagreeing({"Q1": f(40, 80), "Q2": f(90, 120), "M9": f(100, 150)}) == [
        ("M9", ("Q1", "Q2"), f(130, 200), False)
    ]
    # the widest parts are used: H1 and Q3 make up 9 months
    assert (
        parts_disagreeing(
            {"Q1": f(1, 2), "Q2": f(1, 2), "H1": f(2, 4), "Q3": f(3, 3), "M9": f(5, 7)}
        )
        == []
    )
    # months tile a quarter
    months = {f"T0{m}": f(1, 1) for m in (1, 2, 3)}
    assert parts_disagreeing({**months, "Q1": f(2, 3)}) == [
        ("Q1", ("T01", "T02", "T03"), f(3, 3), True)
    ]
    # overlapping parts (9 months and the second half) are not added up
    assert parts_disagreeing({"M9": f(5, 9), "H2": f(5, 6), "Y": f(1, 1)}) == []


def test_overlapping_periods() -> None:
    from kstthc_cli.compute.indicators import overlapping

    assert overlapping(["M9", "H2"]) == [("M9", "H2")]
    assert overlapping(["Q1", "Q2", "H1", "Y"]) == []  # nested or side by side
    assert overlapping(["H1", "Q2", "T05", "M9", "Q4"]) == []
    assert overlapping(["Q3", "T09", "H2", "M9"]) == [("M9", "H2")]
