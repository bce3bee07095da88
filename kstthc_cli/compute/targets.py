"""Assigned targets (chỉ tiêu giao): each indicator's central target, last year's result and the
target the appendix's rule assigns from them. The rule itself is ``indicators.assign_target``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kstthc_cli.compute.indicators import (
    COUNT_CENTRAL,
    NO_BASELINE,
    NOT_APPLICABLE,
    RULE_A,
    RULE_B,
    assign_target,
)
from kstthc_cli.load.models import AssignmentRule, Indicator, IndicatorSet
from kstthc_cli.load.text import whole
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
            ind.target.value,
            ind.baseline,
            indicators.assignment_rule,
            ind.target.op,
            percent=ind.is_percent,
        )
        out.append(AssignedTarget(ind, ind.target.value, ind.baseline, value, how))
    return out


def target_json(op: str, value: float, unit: str = "%") -> dict[str, Any]:
    """A target as every command's JSON writes it: ``{"op": ">=", "value": 80, "text": "≥ 80 %"}``
    (``text``: as kstthc prints it)."""
    return {"op": op, "value": whole(value), "text": fmt.target(op, value, unit)}


def targets_json(
    items: list[AssignedTarget], rule: AssignmentRule, year: int, as_of: date
) -> dict[str, Any]:
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "assignment_rule": {
            "mode": rule.mode,
            "increase": whole(rule.increase),
            "cap": whole(rule.cap),
            "counts": rule.counts,
        },
        "targets": [
            {
                "id": t.indicator.id,
                "name": t.indicator.name,
                "unit": t.indicator.unit,
                "central": target_json(t.indicator.target.op, t.central, t.indicator.unit),
                "baseline": whole(t.baseline),
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
    if t.rule == COUNT_CENTRAL:
        return "b) số đếm: bằng TW (không cộng 10)"
    assert t.rule == RULE_B and t.baseline is not None
    if not t.indicator.is_percent:
        return _explain_count(t, rule)
    step = f"+ {fmt.plain(rule.increase)} {'điểm %' if rule.mode == 'points' else '%'}"
    text = f"b) {_value(t.baseline, unit)} {step}"
    raised = (
        t.baseline + rule.increase
        if rule.mode == "points"
        else t.baseline * (1 + rule.increase / 100)
    )
    if min(raised, rule.cap) < t.central:
        text += ", không thấp hơn TW"
    elif raised > rule.cap:
        text += f", tối đa {_bound(rule.cap, unit)}"
    return text


#: What rule (b) is for a count, as ``targets`` says it (``assignment_rule.counts``).
COUNT_WORDS = {
    "central": "giao bằng chỉ tiêu TW, không cộng thêm",
    "baseline": "không thấp hơn kết quả năm trước",
    "relative": "kết quả năm trước tăng thêm theo phần trăm, làm tròn lên số nguyên",
}


def _explain_count(t: AssignedTarget, rule: AssignmentRule) -> str:
    assert t.baseline is not None
    if rule.counts == "baseline":
        return f"b) số đếm: không thấp hơn {_value(t.baseline, t.indicator.unit)}"
    return (
        f"b) số đếm: {_value(t.baseline, t.indicator.unit)} + {fmt.plain(rule.increase)} %, "
        "làm tròn lên"
    )


def _value(x: float, unit: str) -> str:
    """A result (last year's, the cap) as every figure reads: "42,00 %", "2 cuộc"."""
    return fmt.amount(x, unit)


def _bound(x: float, unit: str) -> str:
    """A setting of the rule (the cap) as a target reads: "100 %"."""
    text = fmt.plain(x)
    return f"{text} %" if unit.strip() == "%" else f"{text} {unit.strip()}"


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
            f"cộng {fmt.plain(rule.increase)} {how}, không thấp hơn chỉ tiêu TW, "
            f"tối đa {fmt.plain(rule.cap)} (b). Chỉ tiêu số đếm (không phải %): "
            f"{COUNT_WORDS[rule.counts]}.",
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
    from rich.cells import cell_len

    widths = [max([cell_len(h), *(cell_len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    console.print()
    head = (
        "  ".join(fmt.fit(h, w, right=True) for h, w in zip(headers, widths, strict=True))
        + "  Cách tính"
    )
    console.print(Text(head, style="bold"), no_wrap=True, overflow="ellipsis")
    indent = " " * (widths[0] + 2)
    for t, r in zip(items, rows, strict=True):
        line = Text(
            "  ".join(fmt.fit(c, w, right=True) for c, w in zip(r[:3], widths[:3], strict=True))
        )
        line.append("  " + fmt.fit(r[3], widths[3], right=True), style="bold")
        why = explain(t, rule, year)
        if line.cell_len + 2 + len(why) < console.width:
            line.append("  " + why)
            console.print(line, no_wrap=True, overflow="ellipsis")
        else:  # a cut explanation misleads ("tối đa 10…" for 100): give it its own line
            console.print(line, no_wrap=True, overflow="ellipsis")
            console.print(Text(indent + why), no_wrap=True, overflow="ellipsis")
        name = fmt.shorten(t.indicator.name, max(console.width - len(indent) - 1, 20))
        console.print(Text(indent + name, style="dim"), no_wrap=True, overflow="ellipsis")
