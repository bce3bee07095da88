"""Assigned targets (chỉ tiêu giao): each indicator's central target, last year's result and the
target the appendix's rule assigns from them. The rule itself is ``indicators.assign_target``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kstthc_cli.compute.indicators import NO_BASELINE, NOT_APPLICABLE, RULE_A, RULE_B, assign_target
from kstthc_cli.load.models import AssignmentRule, Indicator, IndicatorSet
from kstthc_cli.render import textfmt as fmt

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class AssignedTarget:
    """One indicator's target as the appendix assigns it (central target → assigned target)."""

    indicator: Indicator
    central: float
    baseline: float | None
    assigned: float
    rule: str


def assigned_targets(indicators: IndicatorSet) -> list[AssignedTarget]:
    """Every indicator's assigned target under the set's own assignment rule."""
    out: list[AssignedTarget] = []
    for ind in indicators.indicators:
        value, how = assign_target(
            ind.target.value, ind.baseline, indicators.assignment_rule, ind.target.op
        )
        out.append(AssignedTarget(ind, ind.target.value, ind.baseline, value, how))
    return out


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def target_json(op: str, value: float, unit: str = "%") -> dict[str, Any]:
    """A target as every command's JSON writes it: ``{"op": ">=", "value": 80, "text": "≥ 80 %"}``
    (``text``: as kstthc prints it)."""
    return {"op": op, "value": _num(value), "text": fmt.target(op, value, unit)}


def targets_json(
    items: list[AssignedTarget], rule: AssignmentRule, year: int, as_of: date
) -> dict[str, Any]:
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "assignment_rule": {
            "mode": rule.mode,
            "increase": _num(rule.increase),
            "cap": _num(rule.cap),
        },
        "targets": [
            {
                "id": t.indicator.id,
                "name": t.indicator.name,
                "unit": t.indicator.unit,
                "central": target_json(t.indicator.target.op, t.central, t.indicator.unit),
                "baseline": _num(t.baseline),
                "assigned": target_json(t.indicator.target.op, t.assigned, t.indicator.unit),
                "rule": t.rule,
            }
            for t in items
        ],
    }


def explain(t: AssignedTarget, rule: AssignmentRule, year: int) -> str:
    """Why the target is what it is, in the officer's words (short enough for one line)."""
    unit = t.indicator.unit
    if t.rule == NOT_APPLICABLE:
        return "chỉ tiêu dạng ≤, <, =: bằng TW"
    if t.rule == NO_BASELINE:
        return "chưa có kết quả → bằng TW"
    if t.rule == RULE_A:
        return "a) thấp hơn TW → bằng TW"
    assert t.rule == RULE_B and t.baseline is not None
    step = f"+ {_n(rule.increase)} điểm %" if rule.mode == "points" else f"+ {_n(rule.increase)} %"
    text = f"b) {_value(t.baseline, unit)} {step}"
    raised = (
        t.baseline + rule.increase
        if rule.mode == "points"
        else t.baseline * (1 + rule.increase / 100)
    )
    if min(raised, rule.cap) < t.central:
        text += ", không thấp hơn TW"
    elif raised > rule.cap:
        text += f", tối đa {_value(rule.cap, unit)}"
    return text


def _n(x: float) -> str:
    return fmt.num(x, 0) if float(x).is_integer() else fmt.num(x)


def _value(x: float, unit: str) -> str:
    text = _n(x)
    return f"{text} %" if unit.strip() == "%" else f"{text} {unit}"


def _cell(text: str, width: int, right: bool = False) -> str:
    from rich.cells import cell_len

    pad = " " * max(width - cell_len(text), 0)
    return pad + text if right else text + pad


def print_targets(
    console: Console, items: list[AssignedTarget], rule: AssignmentRule, year: int
) -> None:
    """One line of figures per indicator, its name below it: the figures never shrink."""
    from rich.text import Text

    how = "điểm phần trăm" if rule.mode == "points" else "phần trăm của kết quả cũ"
    console.print(Text(f"CHỈ TIÊU GIAO NĂM {year}", style="bold"))
    console.print(
        Text(
            f"Nguyên tắc (Phụ lục, mục 1): kết quả năm {year - 1} thấp hơn chỉ tiêu Trung ương "
            f"(TW) → giao bằng chỉ tiêu TW (a); bằng hoặc cao hơn → kết quả năm {year - 1} "
            f"cộng {_n(rule.increase)} {how}, không thấp hơn chỉ tiêu TW, "
            f"tối đa {_n(rule.cap)} (b).",
            style="dim",
        )
    )
    if not items:
        console.print(Text("  (không có chỉ tiêu nào)", style="dim"))
        return
    headers = ("Số", "Chỉ tiêu TW", f"Kết quả {year - 1}", "Chỉ tiêu giao")
    rows = [
        (
            t.indicator.id,
            fmt.target(t.indicator.target.op, t.central, t.indicator.unit),
            "—" if t.baseline is None else _value(t.baseline, t.indicator.unit),
            fmt.target(t.indicator.target.op, t.assigned, t.indicator.unit),
        )
        for t in items
    ]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    console.print()
    head = (
        "  ".join(_cell(h, w, right=True) for h, w in zip(headers, widths, strict=True))
        + "  Cách tính"
    )
    console.print(Text(head, style="bold"), no_wrap=True, overflow="ellipsis")
    indent = " " * (widths[0] + 2)
    for t, r in zip(items, rows, strict=True):
        line = Text(
            "  ".join(_cell(c, w, right=True) for c, w in zip(r[:3], widths[:3], strict=True))
        )
        line.append("  " + _cell(r[3], widths[3], right=True), style="bold")
        why = explain(t, rule, year)
        if line.cell_len + 2 + len(why) < console.width:
            line.append("  " + why)
            console.print(line, no_wrap=True, overflow="ellipsis")
        else:  # a cut explanation misleads ("tối đa 10…" for 100): give it its own line
            console.print(line, no_wrap=True, overflow="ellipsis")
            console.print(Text(indent + why), no_wrap=True, overflow="ellipsis")
        name = fmt.shorten(t.indicator.name, max(console.width - len(indent) - 1, 20))
        console.print(Text(indent + name, style="dim"), no_wrap=True, overflow="ellipsis")
