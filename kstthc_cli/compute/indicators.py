"""Indicator figures (số liệu chỉ tiêu): pooled year to date, judged against the assigned target.

A year-to-date or multi-commune figure is Σnumerator / Σdenominator, never an average of
percentages; no figures (or a zero denominator) is "no data", not 0 %.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from kstthc_cli.compute import periods
from kstthc_cli.compute.schedule import YearCalendar
from kstthc_cli.load.catalogue import aggregate_of
from kstthc_cli.load.models import Aggregate, AssignmentRule, Indicator, IndicatorRecord

#: ``none``: every period of the year to date had nothing to count (không phát sinh)
IndicatorState = Literal["met", "not-met", "no-data", "none"]


@dataclass(frozen=True)
class Figure:
    """A measured figure: a ratio's numerator and denominator, or a value entered directly."""

    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    #: nothing to count in the period (không phát sinh)
    none: bool = False

    @property
    def actual(self) -> Fraction | None:
        if self.value is not None:
            return Fraction(str(self.value))
        if self.numerator is None or not self.denominator:
            return None
        return Fraction(100 * self.numerator, self.denominator)

    @property
    def percent(self) -> float | None:
        a = self.actual
        return None if a is None else round2(a)


def hundredths(x: Fraction) -> int:
    """``x`` in hundredths as a report writes it: two decimals, half away from zero on the exact
    value (8,125 → 813, as a person or Excel's ROUND would write it; ``round(float)`` gives
    8,12). Whole-number arithmetic on the fraction's parts: nothing is rounded on the way."""
    whole, rest = divmod(abs(x.numerator) * 100, x.denominator)
    if 2 * rest >= x.denominator:
        whole += 1
    return whole if x.numerator >= 0 else -whole


def reported(x: Fraction) -> Fraction:
    """``x`` as a report writes it (see ``hundredths``)."""
    return Fraction(hundredths(x), 100)


def round2(x: Fraction) -> float:
    return hundredths(x) / 100


def pool(figures: Iterable[Figure]) -> Figure:
    """Σnumerator / Σdenominator over ratio figures; figures with no denominator add nothing."""
    num = den = 0
    for f in figures:
        if f.numerator is not None and f.denominator:
            num += f.numerator
            den += f.denominator
    return Figure(num, den) if den else Figure()


def meets(actual: Fraction, op: str, target: float) -> bool:
    """Judged on the figure as reported (two decimals): 79 995 of 100 000 is written 80,00 %
    and meets ≥ 80 %, so a table never shows a figure beside a verdict it contradicts. The
    target is read as written (``str``: 80.1 is 801/10, not the float's binary value); both
    sides are compared as whole numbers (reported hundredths × the target's denominator)."""
    t = Fraction(str(target))
    a, b = hundredths(actual) * t.denominator, t.numerator * 100
    if op == ">=":
        return a >= b
    if op == ">":
        return a > b
    if op == "<=":
        return a <= b
    if op == "<":
        return a < b
    if op == "==":
        return a == b
    raise KeyError(op)


#: How a target was assigned: (a) last year below the central target, (b) at or above it,
#: no baseline yet, or an operator the appendix's rule does not speak of (≤, <, =).
RULE_A, RULE_B, NO_BASELINE, NOT_APPLICABLE = "a", "b", "no-baseline", "not-applicable"
#: A count at or above the central target, given the central target (``counts: central``).
COUNT_CENTRAL = "count-central"


def assign_target(
    central: float,
    baseline: float | None,
    rule: AssignmentRule,
    op: str = ">=",
    *,
    percent: bool = True,
) -> tuple[float, str]:
    """The appendix's rule: below the central target → central (a); at or above → baseline plus
    the increase, never above the cap, never below central (b). No baseline → central. For a
    count (``percent=False``) "+10 %" is a percentage's: ``rule.counts`` says what (b) is."""
    if op not in (">=", ">"):
        return central, NOT_APPLICABLE
    if baseline is None:
        return central, NO_BASELINE
    if baseline < central:
        return central, RULE_A
    if not percent:
        return _count_target(central, baseline, rule)
    base, increase = Fraction(str(baseline)), Fraction(str(rule.increase))
    raised = base + increase if rule.mode == "points" else base * (1 + increase / 100)
    # Rounded for display first, then bounded, so the bounds hold exactly; the central target
    # wins over the cap (the appendix says "never below"; the cap is our own setting).
    assigned = min(round(float(raised), 2), rule.cap)
    return max(assigned, central), RULE_B


def _count_target(central: float, baseline: float, rule: AssignmentRule) -> tuple[float, str]:
    """Rule (b) for a count at or above the central target: the central target itself
    (``central``), last year's count (``baseline``), or it raised by ``increase`` % rounded up
    to a whole number (``relative``); never below the central target, and no cap (a
    percentage's bound)."""
    if rule.counts == "central":
        return central, COUNT_CENTRAL
    if rule.counts == "baseline":
        return max(baseline, central), RULE_B
    raised = Fraction(str(baseline)) * (1 + Fraction(str(rule.increase)) / 100)
    return max(float(math.ceil(raised)), central), RULE_B


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    target: float
    rule: str
    ytd: Figure
    ytd_periods: tuple[str, ...]
    latest_period: str | None
    latest: Figure | None
    state: IndicatorState
    #: The periods whose figure is derived from the figures file (``formula``), not typed.
    derived_periods: tuple[str, ...] = ()

    @property
    def source(self) -> Literal["figures", "records", "mixed"]:
        """Where the year to date comes from: the figures file, typed records, or both."""
        derived = [p for p in self.ytd_periods if p in self.derived_periods]
        if not derived:
            return "records"
        return "figures" if len(derived) == len(self.ytd_periods) else "mixed"


def _span(pid: str) -> tuple[int, int]:
    return periods.SPANS[pid]


def known_from(r: IndicatorRecord, pid: str, cal: YearCalendar) -> date:
    """The first day a record's figure counts (the day judged): its period must have begun (on
    the period's first calendar day, never the cut-off window's start in the year before) and
    the figure must have been recorded by then; an old record without ``recorded`` counts from
    its period's first day."""
    first = date(cal.year, _span(pid)[0], 1)
    return first if r.recorded is None else max(first, r.recorded)


def counts_on(r: IndicatorRecord, pid: str, cal: YearCalendar, as_of: date) -> bool:
    """Whether the record was known on ``as_of`` (see ``known_from``)."""
    return known_from(r, pid, cal) <= as_of


def select_ytd(
    records: Sequence[IndicatorRecord],
    cal: YearCalendar,
    as_of: date,
    through_month: int = 12,
) -> list[tuple[str, IndicatorRecord]]:
    """The records that make up the year to date: known on ``as_of`` (``counts_on``) and ending
    by ``through_month``, without overlap (a cumulative figure such as 6 tháng replaces the
    quarters it contains, once it is known)."""
    started: list[tuple[str, IndicatorRecord]] = []
    for r in records:
        pid = record_period(r.period, cal.year)
        if pid is None or not counts_on(r, pid, cal, as_of) or _span(pid)[1] > through_month:
            continue
        if not cal.counts(pid):
            continue  # closed before a mid-year plan's start: the year to date counts from it
        started.append((pid, r))
    started.sort(key=lambda pr: (_span(pr[0])[0] - _span(pr[0])[1], _span(pr[0])[0]))
    chosen: list[tuple[str, IndicatorRecord]] = []
    for pid, r in started:
        a, b = _span(pid)
        if all(b < _span(c)[0] or a > _span(c)[1] for c, _ in chosen):
            chosen.append((pid, r))
    chosen.sort(key=lambda pr: _span(pr[0]))
    return chosen


def parts_disagreeing(
    figures: dict[str, Figure],
) -> list[tuple[str, tuple[str, ...], Figure, bool]]:
    """Cumulative figures (6 tháng, 9 tháng, năm…) at odds with the shorter periods recorded
    inside them: ``(period, parts, parts pooled, whole)``. When the parts cover the period
    exactly (``whole``), any difference counts; when they cover only some of it, a count
    smaller than theirs does (counts only grow). The year to date uses the cumulative figure."""
    out: list[tuple[str, tuple[str, ...], Figure, bool]] = []
    for pid, total in figures.items():
        a, b = _span(pid)
        inside = [q for q in figures if q != pid and a <= _span(q)[0] <= _span(q)[1] <= b]
        widest = sorted(
            (q for q in inside if not any(o != q and _within(q, o) for o in inside)), key=_span
        )
        if not widest or any(_span(p)[1] >= _span(q)[0] for p, q in itertools.pairwise(widest)):
            continue  # nothing inside, or parts that overlap one another
        parts = pool(figures[q] for q in widest)
        if parts.numerator is None or parts.denominator is None:
            continue
        covered = (
            _span(widest[0])[0] == a
            and _span(widest[-1])[1] == b
            and all(_span(p)[1] + 1 == _span(q)[0] for p, q in itertools.pairwise(widest))
        )
        if covered:
            if (parts.numerator, parts.denominator) != (total.numerator, total.denominator):
                out.append((pid, tuple(widest), parts, True))
        elif (total.numerator or 0) < parts.numerator or (total.denominator or 0) < (
            parts.denominator
        ):
            out.append((pid, tuple(widest), parts, False))
    return out


def overlapping(pids: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of recorded periods that share months without one holding the other (9 tháng and
    6 tháng cuối năm): the year to date can take only one of them."""
    ordered = sorted(set(pids), key=_span)
    return [
        (p, q)
        for i, p in enumerate(ordered)
        for q in ordered[i + 1 :]
        if _span(q)[0] <= _span(p)[1] and not _within(p, q) and not _within(q, p)
    ]


def _within(inner: str, outer: str) -> bool:
    (a, b), (c, d) = _span(inner), _span(outer)
    return c <= a and b <= d


#: The period id a record's ``period`` names within a year (one helper: ``periods``).
record_period = periods.period_of_year


def figure_of(r: IndicatorRecord) -> Figure:
    return Figure(r.numerator, r.denominator, r.value, none=r.none)


def add_values(records: Sequence[IndicatorRecord], how: Aggregate) -> Figure:
    """Values entered directly over periods (in order, without overlap): their sum for things
    that happen (``sum``: dialogues held), the latest for what there is (``latest``: a
    satisfaction rate, the procedures in competence)."""
    if not records:
        return Figure()
    if how != "sum":
        return figure_of(records[-1])
    return Figure(value=float(sum(Fraction(str(r.value)) for r in records if r.value is not None)))


def judge(
    ind: Indicator,
    records: Sequence[IndicatorRecord],
    cal: YearCalendar,
    as_of: date,
    *,
    assigned: tuple[float, str],
    through_month: int = 12,
) -> IndicatorStatus:
    """The year to date up to ``through_month`` as of ``as_of``, judged against the target
    ``assigned`` (the target and how the appendix's rule gave it, see ``assign_target``)."""
    target, how = assigned
    chosen = select_ytd(records, cal, as_of, through_month)
    if ind.measure == "value":
        valued = [(p, r) for p, r in chosen if r.value is not None]
        ytd = add_values([r for _, r in valued], aggregate_of(ind))
        chosen = valued or chosen  # a period with nothing to count is no latest value
    else:
        ytd = pool(figure_of(r) for _, r in chosen)
    latest_pid, latest = None, None
    if chosen:
        latest_pid = chosen[-1][0]
        latest = figure_of(chosen[-1][1])
    actual = ytd.actual
    state: IndicatorState
    if actual is None:
        state = "none" if chosen and all(r.none for _, r in chosen) else "no-data"
    else:
        state = "met" if meets(actual, ind.target.op, target) else "not-met"
    return IndicatorStatus(
        ind, target, how, ytd, tuple(p for p, _ in chosen), latest_pid, latest, state
    )


def period_figure(
    ind: Indicator, records: Sequence[IndicatorRecord], pid: str, year: int
) -> Figure | None:
    """The figure recorded for exactly this period, if any."""
    for r in records:
        if record_period(r.period, year) == pid:
            return figure_of(r)
    return None
