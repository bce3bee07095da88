"""The library: everything a command does, as keyword-only functions over typed values (dates,
ints, enums, paths; never command-line strings). The commands are a thin layer over these.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kstthc_cli.compute.periods import PeriodId
    from kstthc_cli.problems import Problem
    from kstthc_cli.write.record import Change, Progress


# ---------------------------------------------------------------- check and record (h-rules)


def check(*, data: Path, year: int | None = None, as_of: date | None = None) -> list[Problem]:
    """Every problem in the workspace's files (errors and warnings), in file order; ``as_of``
    is the day judged (today by default), which also picks the plan year when ``year`` is
    not given."""
    from kstthc_cli import problems
    from kstthc_cli.load.workspace import load_workspace

    _, found = load_workspace(data, year, as_of=as_of or date.today())
    return sorted(found, key=problems.sort_key)


def record_task(
    *,
    data: Path,
    task: str,
    period: str | None = None,
    status: Progress | None = None,
    day: date | None = None,
    evidence: str | None = None,
    note: str | None = None,
    year: int | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
) -> Change:
    """Record progress on a task (done by default, on ``day``, else on ``as_of``). ``period``
    is a period word (``Q2``, ``quý 2``), an occurrence's id (``M1``) or ``đột xuất``; a
    recurring task needs one. Raises ``RecordRefused`` when the rules find the record wrong;
    nothing is written with ``dry_run``."""
    from kstthc_cli.write import record

    return record.record_task(
        data,
        task=task,
        year=year,
        period=period,
        status=status or record.Progress.DONE,
        day=day,
        evidence=evidence,
        note=note,
        as_of=as_of or date.today(),
        dry_run=dry_run,
    )


def record_indicator(
    *,
    data: Path,
    indicator: str,
    period: PeriodId,
    numerator: int | None = None,
    denominator: int | None = None,
    value: float | Decimal | None = None,
    note: str | None = None,
    year: int | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
) -> Change:
    """Set an indicator's figure for a period (a period id such as ``Q2``, or a period word):
    a ratio's ``numerator`` and ``denominator``, or a ``value`` entered directly. A figure
    already there for that period is replaced. Raises ``RecordRefused`` as ``record_task``."""
    from kstthc_cli.write import record

    return record.record_indicator(
        data,
        indicator=indicator,
        period=period,
        year=year,
        numerator=numerator,
        denominator=denominator,
        value=value,
        note=note,
        as_of=as_of or date.today(),
        dry_run=dry_run,
    )


# ---------------------------------------------------------------- end of check and record
