"""The appendix's rule for assigning targets, and ``kstthc targets``."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kstthc_cli.compute.indicators import assign_target
from kstthc_cli.load.models import AssignmentRule
from tests.conftest import Result

POINTS = AssignmentRule()
RELATIVE = AssignmentRule(mode="relative")

percent = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2))
rules = st.builds(
    AssignmentRule,
    increase=st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2)),
    mode=st.sampled_from(["points", "relative"]),
    cap=st.just(100.0),
)


@given(central=percent, baseline=percent, rule=rules)
def test_never_below_central_never_above_cap(
    central: float, baseline: float, rule: AssignmentRule
) -> None:
    assigned, how = assign_target(central, baseline, rule)
    assert central <= assigned <= rule.cap
    assert how == ("a" if baseline < central else "b")


@given(central=percent, a=percent, b=percent, rule=rules)
def test_monotone_in_baseline(central: float, a: float, b: float, rule: AssignmentRule) -> None:
    low, high = sorted((a, b))
    assert assign_target(central, low, rule)[0] <= assign_target(central, high, rule)[0]


@given(central=percent, baseline=percent)
def test_points_add_ten_points_up_to_the_cap(central: float, baseline: float) -> None:
    assigned, _ = assign_target(central, baseline, POINTS)
    if baseline < central:
        assert assigned == central
    else:
        assert assigned == min(round(baseline + 10, 2), 100)


@given(central=percent, baseline=percent)
def test_relative_adds_ten_percent_of_the_result(central: float, baseline: float) -> None:
    assigned, _ = assign_target(central, baseline, RELATIVE)
    if baseline >= central:
        exact = Fraction(str(baseline)) * Fraction(11, 10)
        assert assigned == max(min(round(float(exact), 2), 100), central)
    points, _ = assign_target(central, baseline, POINTS)
    if baseline < 100 and baseline >= central:
        # relative adds less than 10 points below 100 %: never more than the points reading
        assert assigned <= points


@pytest.mark.parametrize(
    ("central", "baseline", "rule", "expected"),
    [
        (50, 65, POINTS, (75, "b")),  # the example: 65 % → 75
        (80, 85, POINTS, (95, "b")),
        (80, 95, POINTS, (100, "b")),  # capped at 100
        (80, 100, POINTS, (100, "b")),
        (80, 80, POINTS, (90, "b")),  # "bằng hoặc lớn hơn": equal counts as (b)
        (80, 79.99, POINTS, (80, "a")),
        (80, None, POINTS, (80, "no-baseline")),
        (80, 82, RELATIVE, (90.2, "b")),  # the sample file's own example: 82 % → 90,2 %
        (50, 0, POINTS, (50, "a")),
    ],
)
def test_examples(
    central: float, baseline: float | None, rule: AssignmentRule, expected: tuple[float, str]
) -> None:
    assert assign_target(central, baseline, rule) == expected


def test_central_target_wins_over_a_lower_cap() -> None:
    assert assign_target(100, 100, AssignmentRule(cap=90)) == (100, "b")


def test_rule_does_not_apply_to_at_most_targets() -> None:
    assert assign_target(5, 2, POINTS, "<=") == (5, "not-applicable")


def _baselines(ws: Path, values: dict[str, str]) -> None:
    """Set some baselines in the shipped indicators file (text edit, as the officer would)."""
    path = ws / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8")
    for ind_id, value in values.items():
        head = f'  - id: "{ind_id}"\n'
        start = text.index(head)
        at = text.index("    baseline: null", start)
        text = text[:at] + f"    baseline: {value}" + text[at + len("    baseline: null") :]
    path.write_text(text, encoding="utf-8")


def test_targets_json(cli: Callable[..., Result], ws: Path) -> None:
    _baselines(ws, {"3": "65", "4": "85", "5": "97.5", "7": "95", "2": "30"})
    r = cli("targets", "--data", str(ws), "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    rows = {t["id"]: {**t, "central": t["central"]["value"], "assigned": t["assigned"]["value"]}
            for t in data["targets"]}  # fmt: skip
    assert data["targets"][2]["assigned"] == {"op": ">=", "value": 75, "text": "≥ 75 %"}
    assert list(rows) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11.3"]
    assert {k: rows["3"][k] for k in ("id", "central", "baseline", "assigned", "rule")} == {
        "id": "3",
        "central": 50,
        "baseline": 65,
        "assigned": 75,
        "rule": "b",
    }
    assert (rows["4"]["assigned"], rows["4"]["rule"]) == (95, "b")
    assert (rows["5"]["assigned"], rows["5"]["rule"]) == (100, "a")  # 97,5 < 100
    assert (rows["7"]["assigned"], rows["7"]["rule"]) == (100, "b")  # 95 + 10, capped
    assert (rows["2"]["assigned"], rows["2"]["rule"]) == (45, "a")
    assert (rows["1"]["assigned"], rows["1"]["rule"], rows["1"]["baseline"]) == (
        80,
        "no-baseline",
        None,
    )


def test_targets_table_in_vietnamese(cli: Callable[..., Result], ws: Path) -> None:
    _baselines(ws, {"3": "65", "2": "30"})
    r = cli("targets", "--data", str(ws))
    assert r.code == 0, r.err
    assert "CHỈ TIÊU GIAO NĂM 2024" in r.out
    assert "b) 65,00 % + 10 điểm %" in r.out
    assert "a) thấp hơn TW → bằng TW" in r.out
    assert "chưa có kết quả → bằng TW" in r.out
    line = next(ln for ln in r.out.splitlines() if "b) 65,00 %" in ln)
    assert line.split()[:6] == ["3", "≥", "50", "%", "65,00", "%"]
    assert "≥ 75 %" in line


def test_relative_mode_is_a_setting(cli: Callable[..., Result], ws: Path) -> None:
    path = ws / "indicators_2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('mode: "points"', 'mode: "relative"'),
        encoding="utf-8",
    )
    _baselines(ws, {"4": "82"})
    r = cli("targets", "--data", str(ws), "--json")
    rows = {t["id"]: t for t in json.loads(r.out)["targets"]}
    assert rows["4"]["assigned"]["value"] == 90.2


def test_targets_refuses_broken_data(cli: Callable[..., Result], ws: Path) -> None:
    _baselines(ws, {"3": "-5"})
    r = cli("targets", "--data", str(ws))
    assert r.code == 1
    assert "indicators_2024.yaml" in r.err
    assert r.out == ""


@pytest.mark.parametrize(
    ("central", "baseline", "cap", "said"),
    [
        (100, 100, 100, "b) 100,00 % + 10 điểm %, tối đa 100 %"),  # the cap bites, not central
        (80, 95, 100, "b) 95,00 % + 10 điểm %, tối đa 100 %"),
        (80, 85, 100, "b) 85,00 % + 10 điểm %"),
        (90, 90, 95, "b) 90,00 % + 10 điểm %, tối đa 95 %"),
        (98, 98, 95, "b) 98,00 % + 10 điểm %, không thấp hơn TW"),  # a cap below central
    ],
)
def test_explanation_names_the_bound_that_applied(
    central: float, baseline: float, cap: float, said: str
) -> None:
    from kstthc_cli.compute.targets import AssignedTarget, explain
    from kstthc_cli.load.models import Indicator, Target

    rule = AssignmentRule(cap=cap)
    ind = Indicator(id="1", name="x", target=Target(text="t", value=central), baseline=baseline)
    assigned, how = assign_target(central, baseline, rule)
    t = AssignedTarget(ind, central, baseline, assigned, how)
    assert explain(t, rule, 2024) == said


def test_a_long_explanation_is_never_cut(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns "tối đa 100 %" cut to "tối đa 10…" would say the opposite."""
    path = ws / "indicators_2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("baseline: null", "baseline: 100", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("targets", "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 0
    assert "b) 100,00 % + 10 điểm %, tối đa 100 %" in r.out
    assert all(len(line.rstrip()) <= 80 for line in r.out.splitlines())
