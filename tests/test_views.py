"""Terminal views: what the officer reads on the dashboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result


def test_every_idle_period_is_listed_earliest_first(cli: Callable[..., Result], ws: Path) -> None:
    """An ongoing task owes activity in each period: missing Q1 is not excused by missing Q3."""
    r = cli("status", "--data", str(ws), "--as-of", "2024-09-20")
    assert r.code == 0
    section = r.out.split("THƯỜNG XUYÊN CHƯA GHI NHẬN HOẠT ĐỘNG")[1].split("CHỈ TIÊU")[0]
    idle = [
        line.split(" (kỳ đã qua)")[0].strip()
        for line in section.splitlines()
        if "kỳ đã qua" in line
    ]
    assert idle == ["Quý I", "Quý II", "Quý III"]
