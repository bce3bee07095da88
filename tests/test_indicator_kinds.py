"""Indicators that count things (cuộc, văn bản, TTHC) beside percentages: how they add up over
periods (``aggregate``), how they print, how they are judged and assigned (issue 13, item 4)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kstthc_cli.compute.evaluate import evaluate_year
from kstthc_cli.compute.indicators import assign_target
from kstthc_cli.compute.report import build_report
from kstthc_cli.load.models import AssignmentRule
from kstthc_cli.load.workspace import load_workspace
from kstthc_cli.render import textfmt
from tests.conftest import Result
from tests.support import SHIPPED, write

#: A count of dialogues: one held in Q1, one in Q2; the target is at least 2 a year, and last
#: year 4 were held (at or above the central target: rule b of the appendix).
DIALOGUES = """
  - id: "12"
    code: "doi-thoai"
    name: "Số cuộc đối thoại của Chủ tịch UBND xã với người dân, doanh nghiệp"
    unit: "cuộc"
    target: "Tối thiểu 2"
    units: ["mot-cua"]
    measure: "value"
    baseline: 4
"""

RECORDS = """
    year: 2024
    indicators:
      - {indicator: "12", period: "Q1", value: 1}
      - {indicator: "12", period: "Q2", value: 1}
"""


def add_dialogues(ws: Path, extra: str = "") -> None:
    path = ws / "indicators_2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + DIALOGUES.lstrip("\n") + extra, encoding="utf-8"
    )
    write(ws / "actuals_2024.yaml", RECORDS)


def _status(cli: Callable[..., Result], ws: Path) -> dict:  # type: ignore[type-arg]
    r = cli("status", "--data", str(ws), "--as-of", "2024-06-20", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    return next(i for i in data["indicators"] if i["id"] == "12")  # type: ignore[no-any-return]


def test_a_count_of_flows_sums_its_periods(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    add_dialogues(ws)
    assert cli("check", "--data", str(ws), "--as-of", "2024-06-20").code == 0
    ind = _status(cli, ws)
    assert ind["actual"] == 2  # two dialogues held, not the latest quarter's one
    assert ind["state"] == "met"


def test_a_snapshot_count_takes_the_latest(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    add_dialogues(ws, '    aggregate: "latest"\n')
    ind = _status(cli, ws)
    assert ind["actual"] == 1
    assert ind["state"] == "not-met"


def test_a_count_prints_without_percent_in_status(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    add_dialogues(ws)
    r = cli("status", "--data", str(ws), "--as-of", "2024-06-20")
    assert r.code == 0
    line = next(x for x in r.out.splitlines() if x.lstrip().startswith("12 "))
    assert "2 cuộc" in line and "1 cuộc Q2" in line
    assert "%" not in line
    assert "≥ 2 cuộc" in line


def test_a_count_in_the_report_is_met_and_not_a_shortcoming(ws: Path) -> None:
    add_dialogues(ws)
    loaded, _ = load_workspace(ws, 2024)
    assert loaded is not None
    rep = build_report(evaluate_year(loaded, as_of=date(2024, 6, 20)), pid="H1")
    row = next(i for i in rep.indicators if i.id == "12")
    assert (row.period, row.ytd, row.verdict) == ("2 cuộc", "2 cuộc", "đạt")
    assert "12" not in [i.id for i in rep.shortcomings.unmet]
    q2 = build_report(evaluate_year(loaded, as_of=date(2024, 6, 20)), pid="Q2")
    row = next(i for i in q2.indicators if i.id == "12")
    assert (row.period, row.ytd) == ("1 cuộc", "2 cuộc")


def test_counts_are_formatted_with_vietnamese_thousands() -> None:
    assert textfmt.amount(1313, "TTHC") == "1.313 TTHC"
    assert textfmt.amount(2.0, "cuộc") == "2 cuộc"
    assert textfmt.amount(2.5, "ngày") == "2,50 ngày"
    assert textfmt.amount(65.0, "%") == "65,00 %"
    assert textfmt.amount(None, "cuộc") == "—"


def test_targets_does_not_add_ten_points_to_a_count(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    add_dialogues(ws)
    r = cli("targets", "--data", str(ws), "--json")
    assert r.code == 0, r.err
    t = next(x for x in json.loads(r.out)["targets"] if x["id"] == "12")
    assert (t["central"]["value"], t["baseline"], t["assigned"]["value"], t["rule"]) == (
        2,
        4,
        2,
        "count-central",
    )
    r = cli("targets", "--data", str(ws))
    at = r.out.index("≥ 2 cuộc")
    line = r.out[at : r.out.index("\n", at)]
    assert "điểm" not in line and "%" not in line
    assert "số đếm: bằng TW" in " ".join(r.out.split())


@pytest.mark.parametrize(
    ("counts", "expected"),
    [("central", (2, "count-central")), ("baseline", (4, "b")), ("relative", (5, "b"))],
)
def test_the_count_rule_is_a_setting(counts: str, expected: tuple[float, str]) -> None:
    rule = AssignmentRule(counts=counts)  # type: ignore[arg-type]
    assert assign_target(2, 4, rule, ">=", percent=False) == expected
    assert assign_target(2, 1, rule, ">=", percent=False) == (2, "a")  # below: the central
    assert (
        assign_target(2, 150, rule, ">=", percent=False)[0]
        == {
            "central": 2,
            "baseline": 150,
            "relative": 165,
        }[counts]
    )  # the cap of 100 is a percentage's, not a count's


def test_the_count_rule_is_read_from_the_file(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    add_dialogues(ws)
    path = ws / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  cap: 100\n", '  cap: 100\n  counts: "relative"\n', 1), encoding="utf-8"
    )
    r = cli("targets", "--data", str(ws), "--json")
    assert r.code == 0, r.err
    t = next(x for x in json.loads(r.out)["targets"] if x["id"] == "12")
    assert (t["assigned"]["value"], t["rule"]) == (
        5,
        "b",
    )  # 4 + 10 %, rounded up to whole dialogues


def test_rollup_sums_counts_across_communes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dirs = []
    for name in ("xa-a", "xa-b"):
        d = tmp_path / name
        shutil.copytree(SHIPPED, d, ignore=shutil.ignore_patterns(".*", "actuals_*"))
        add_dialogues(d)
        dirs.append(d)
    r = cli("rollup", *map(str, dirs), "--as-of", "2024-06-20", "--json")
    assert r.code == 0, r.err
    p = next(i for i in json.loads(r.out)["indicators"] if i["code"] == "doi-thoai")
    assert (p["method"], p["actual"], p["communes"]) == ("sum", 4, 2)
    r = cli("rollup", *map(str, dirs), "--as-of", "2024-06-20")
    line = next(x for x in r.out.splitlines() if x.lstrip().startswith("12 "))
    assert "4 cuộc" in line and "%" not in line


def test_a_negative_count_is_refused(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    add_dialogues(ws)
    r = cli(
        "record", "indicator", "12", "--period", "q3", "--value", "-1",
        "--data", str(ws), "--as-of", "2024-09-20",
    )  # fmt: skip
    assert r.code != 0
    assert "Số -1 cuộc là số âm." in r.err


def test_a_percentage_entered_directly_still_takes_the_latest(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        indicators:
          - {indicator: "10", period: "Q1", value: 80}
          - {indicator: "10", period: "Q2", value: 92.5}
        """,
    )
    r = cli("status", "--data", str(ws), "--as-of", "2024-06-20", "--json")
    ind = next(i for i in json.loads(r.out)["indicators"] if i["id"] == "10")
    assert ind["actual"] == 92.5
