"""Command-line values as Typer converts them: whole numbers, folders, flags, and the
Vietnamese errors when a value is not of its kind."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import snapshot

# ------------------------------------------------------------------ through the command line


def test_year_is_read_as_a_whole_number(cli: Callable[..., Result], ws: Path) -> None:
    r = cli("status", "--data", str(ws), "--year", "2024", "--as-of", "2024-04-20", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["year"] == 2024


@pytest.mark.parametrize("year", ["abc", "20.5", "", "２０２４"])
def test_a_year_that_is_not_a_whole_number_is_refused_and_nothing_is_written(
    cli: Callable[..., Result], ws: Path, year: str
) -> None:
    before = snapshot(ws)
    r = cli(
        "record", "indicator", "3", "--period", "q1", "--num", "1", "--den", "2",
        "--data", str(ws), "--as-of", "2024-06-30", "--year", year,
    )  # fmt: skip
    assert r.code == 2
    assert "Lỗi: Giá trị của --year phải là một số.\n" in r.err
    assert "→ Xem hướng dẫn: kstthc record indicator --help" in r.err
    assert "Traceback" not in r.err
    assert snapshot(ws) == before


def test_the_data_folder_may_come_from_kstthc_data(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given_option = cli("status", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    monkeypatch.setenv("KSTTHC_DATA", str(ws))
    from_environment = cli("status", "--as-of", "2024-04-20", "--json")
    assert (from_environment.code, from_environment.out) == (0, given_option.out)


def test_figures_and_flags_reach_the_command_as_written(
    cli: Callable[..., Result], ws: Path
) -> None:
    """``--num``/``--den`` stay text for the command to read; ``--dry-run`` is a flag."""
    before = snapshot(ws)
    r = cli(
        "record", "indicator", "1", "--period", "q1", "--num", "1234", "--den", "2000",
        "--dry-run", "--data", str(ws), "--as-of", "2024-06-30",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "+    numerator: 1234\n+    denominator: 2000\n" in r.out
    assert snapshot(ws) == before


@pytest.mark.parametrize("written", ["--json=yes", "--json="])
def test_a_flag_given_a_value_is_refused_in_vietnamese(
    cli: Callable[..., Result], ws: Path, written: str
) -> None:
    """click's "Option '--json' does not take a value." reached the officer as it was."""
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-20", written)
    assert r.code == 2
    assert r.err.startswith("Lỗi: Tùy chọn --json không đi kèm giá trị; viết --json.\n")
    assert "take" not in r.err
