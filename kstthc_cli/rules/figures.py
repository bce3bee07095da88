"""Rules over ``figures_N.yaml`` and the indicators derived from it. Each ``check_x(ws)``
returns located problems; they are listed in ``validate.RULES``."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kstthc_cli.compute import figures as fig
from kstthc_cli.compute import periods
from kstthc_cli.messages import Said, said
from kstthc_cli.problems import Problem, Severity

if TYPE_CHECKING:
    from kstthc_cli.load.figures_model import DossierRow, FiguresPeriod
    from kstthc_cli.load.workspace import Workspace

#: How the table names its columns, for messages (Biểu 06 numbering).
COLUMN: dict[tuple[str, str], str] = {
    where: f"cột ({i})" for i, where in enumerate(fig.ROW_COUNTS, start=3)
}
PART_WORD = {
    "received": "nhận giải quyết",
    "resolved": "đã giải quyết",
    "in_progress": "đang giải quyết",
}


def severity_for(row: DossierRow) -> Severity:
    """A mismatch is an error unless the row explains it; then a warning naming it."""
    return "warning" if row.explanation else "error"


def mismatch_words(row: DossierRow, m: fig.Mismatch, *, workbook: bool = False) -> Said:
    """What a row's broken sum is said with, in a file and (``workbook``) in a workbook, whose
    explanation is its column Giải thích."""
    column, why = COLUMN[m.where], row.explanation
    if workbook:
        return (
            said("unbalanced-row/workbook-explained", field=row.field, column=column,
                 shown=m.shown, rule=m.rule, expected=m.expected, explanation=why)
            if why
            else said("unbalanced-row/workbook", field=row.field, column=column, shown=m.shown,
                      rule=m.rule, expected=m.expected)
        )  # fmt: skip
    return (
        said("unbalanced-row/explained", field=row.field, column=column, shown=m.shown,
             rule=m.rule, expected=m.expected, explanation=why)
        if why
        else said("unbalanced-row", field=row.field, column=column, shown=m.shown, rule=m.rule,
                  expected=m.expected)
    )  # fmt: skip


def _label(fp: FiguresPeriod) -> str:
    return fp.period


def check_figures(ws: Workspace) -> list[Problem]:
    """The figures file: its year, its periods (known, once each), each row's sums, totals
    equal to the sum of rows, one row per field and source, continuity between periods."""
    figures = ws.figures
    if figures is None or "figures" not in ws.docs:
        return []
    doc = ws.docs["figures"]
    out: list[Problem] = []
    if figures.year != ws.year:
        out.append(doc.problem(["year"], said("wrong-year", written=figures.year, year=ws.year)))
        return out
    seen: dict[str, int] = {}
    for i, fp in enumerate(figures.periods):
        pid = fig.period_id(fp.period, ws.year)
        if pid is None:
            out.append(
                doc.problem(
                    ["periods", i, "period"],
                    said(
                        "bad-period/figures",
                        period=fp.period,
                        year=ws.year,
                        forms=periods.ACCEPTED_FORMS,
                    ),
                )
            )
            continue
        if pid in seen:
            line, _ = doc.locate(["periods", seen[pid], "period"])
            out.append(
                doc.problem(
                    ["periods", i, "period"],
                    said("duplicate-period", label=periods.label(pid, ws.year), line=line),
                )
            )
            continue
        seen[pid] = i
        out.extend(_period_problems(ws, i, fp))
    out.extend(_continuity(ws, seen))
    return out


def _period_problems(ws: Workspace, i: int, fp: FiguresPeriod) -> list[Problem]:
    doc = ws.docs["figures"]
    out: list[Problem] = []
    keys: dict[tuple[str, str | None], int] = {}
    for j, row in enumerate(fp.dossiers):
        base: list[str | int] = ["periods", i, "dossiers", j]
        key = (" ".join(periods.fold(row.field).split()), row.source)
        if key in keys:
            line = doc.locate([*base[:-1], keys[key], "field"])[0]
            out.append(
                doc.problem(
                    [*base, "field"],
                    said("duplicate-row/source", field=row.field, source=row.source, line=line)
                    if row.source
                    else said("duplicate-row", field=row.field, line=line),
                )
            )
        keys[key] = j
        for m in fig.row_mismatches(row):
            out.append(
                doc.problem([*base, *m.where], mismatch_words(row, m), severity=severity_for(row))
            )
    rows = [r for r in fp.dossiers if not fig.is_total_row(r)]
    for j, row in enumerate(fp.dossiers):
        if not fig.is_total_row(row) or not rows:
            continue
        parts = rows if row.source is None else [r for r in rows if r.source == row.source]
        for where in fig.ROW_COUNTS:
            shown = fig.cell(row, where)
            expected = fig.rows_total(parts, where)
            if shown is None or expected is None or shown == expected:
                continue
            out.append(
                doc.problem(
                    ["periods", i, "dossiers", j, *where],
                    said(
                        "total-mismatch/explained",
                        field=row.field,
                        column=COLUMN[where],
                        shown=shown,
                        expected=expected,
                        explanation=row.explanation,
                    )
                    if row.explanation
                    else said(
                        "total-mismatch",
                        field=row.field,
                        column=COLUMN[where],
                        shown=shown,
                        expected=expected,
                    ),
                    severity=severity_for(row),
                )
            )
    return out


def _continuity(ws: Workspace, seen: dict[str, int]) -> list[Problem]:
    """A period's carried-over column equals the previous period's in-progress column."""
    assert ws.figures is not None
    doc = ws.docs["figures"]
    out: list[Problem] = []
    for pid, i in seen.items():
        before = fig.previous(pid)
        if before is None or before not in seen:
            continue
        prev = ws.figures.periods[seen[before]]
        left: dict[tuple[str, str | None], int | None] = defaultdict(lambda: None)
        for r in prev.dossiers:
            if not fig.is_total_row(r):
                left[(" ".join(periods.fold(r.field).split()), r.source)] = fig.cell(
                    r, ("in_progress", "total")
                )
        for j, row in enumerate(ws.figures.periods[i].dossiers):
            if fig.is_total_row(row):
                continue
            carried = fig.cell(row, ("received", "carried_over"))
            key = (" ".join(periods.fold(row.field).split()), row.source)
            was = left[key]
            if carried is None or was is None or carried == was:
                continue
            label, last = periods.label(pid, ws.year), periods.label(before, ws.year)
            out.append(
                doc.problem(
                    ["periods", i, "dossiers", j, "received", "carried_over"],
                    said(
                        "carried-over-mismatch/explained",
                        field=row.field,
                        label=label,
                        carried=carried,
                        before=last,
                        was=was,
                        explanation=row.explanation,
                    )
                    if row.explanation
                    else said(
                        "carried-over-mismatch",
                        field=row.field,
                        label=label,
                        carried=carried,
                        before=last,
                        was=was,
                    ),
                    severity=severity_for(row),
                )
            )
    return out


def check_formulas(ws: Workspace) -> list[Problem]:
    """A formula names counts of ``compute.figures.VOCABULARY`` and belongs to a ratio."""
    doc = ws.docs["indicators"]
    out: list[Problem] = []
    for i, ind in enumerate(ws.indicators.indicators):
        if ind.formula is None:
            continue
        if ind.measure == "value":
            out.append(
                doc.problem(
                    ["indicators", i, "formula"], said("formula-on-value", indicator=ind.id)
                )
            )
        for side in ("numerator", "denominator"):
            for name, near in fig.unknown_names(getattr(ind.formula, side)):
                out.append(
                    doc.problem(
                        ["indicators", i, "formula", side],
                        said("unknown-count/near", indicator=ind.id, name=name, near=near)
                        if near
                        else said("unknown-count", indicator=ind.id, name=name),
                    )
                )
    return out


def check_derived_records(ws: Workspace) -> list[Problem]:
    """A typed figure for an indicator computed from the figures of that period is refused:
    the same figure would be entered twice."""
    if ws.figures is None or "actuals" not in ws.docs:
        return []
    derived = {ind.id: ind for ind in ws.indicators.indicators if ind.formula is not None}
    if not derived:
        return []
    held = fig.by_period(ws.figures)
    doc = ws.docs["actuals"]
    out: list[Problem] = []
    for row, r in zip(ws.indicator_rows, ws.actuals.indicators, strict=True):
        ind = derived.get(r.indicator)
        pid = fig.period_id(r.period, ws.year)
        if ind is None or pid is None:
            continue
        first, last = periods.SPANS[pid]
        covering = [
            p
            for p in held
            if periods.SPANS[p][0] <= last
            and first <= periods.SPANS[p][1]
            and fig.derived_figure(ws.figures, ind, [p]) is not None
        ]
        if not covering:
            continue
        assert ind.formula is not None
        out.append(
            doc.problem(
                ["indicators", row],
                said(
                    "derived-indicator",
                    indicator=ind.id,
                    year=ws.year,
                    numerator=fig.describe(ind.formula.numerator),
                    denominator=fig.describe(ind.formula.denominator),
                    label=periods.label(covering[0], ws.year),
                ),
            )
        )
    return out


RULES = (check_figures, check_formulas, check_derived_records)
