"""Indicator figures: pooled Σnumerator / Σdenominator, shown with two decimals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kstthc_cli.indicators import Figure, pool
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
