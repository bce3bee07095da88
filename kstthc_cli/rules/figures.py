"""Rules over ``figures_N.yaml`` and the indicators derived from it. Each ``check_x(ws)``
returns located problems; they are listed in ``validate.RULES``."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kstthc_cli.compute import figures as fig
from kstthc_cli.compute import periods
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


def severity_for(row: DossierRow) -> tuple[Severity, str]:
    """A mismatch is an error unless the row explains it; then a warning naming it."""
    if row.explanation:
        return "warning", f" Đã có giải thích: “{row.explanation}”."
    return "error", ""


def mismatch_text(row: DossierRow, m: fig.Mismatch) -> tuple[str, str]:
    """The message and hint of a row's broken sum, said the same in a file and a workbook."""
    message = (
        f"Lĩnh vực '{row.field}': {COLUMN[m.where]} ghi {m.shown} nhưng theo {m.rule} "
        f"phải là {m.expected}."
    )
    hint = (
        "Kiểm tra lại số liệu xuất từ hệ thống; nếu số liệu của hệ thống đúng là vậy, "
        "ghi lý do vào 'explanation' của dòng này."
    )
    return message, hint


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
        out.append(
            doc.problem(
                ["year"],
                "wrong-year",
                f"Tệp số liệu ghi năm {figures.year}, khác năm kế hoạch {ws.year}.",
                f"Sửa thành year: {ws.year}, hoặc đổi tên tệp theo năm của số liệu.",
            )
        )
        return out
    seen: dict[str, int] = {}
    for i, fp in enumerate(figures.periods):
        pid = fig.period_id(fp.period, ws.year)
        if pid is None:
            out.append(
                doc.problem(
                    ["periods", i, "period"],
                    "bad-period",
                    f"Không hiểu kỳ '{fp.period}' (hoặc kỳ đó không thuộc năm {ws.year}).",
                    f"Các cách viết được chấp nhận: {periods.ACCEPTED_FORMS}.",
                )
            )
            continue
        if pid in seen:
            line, _ = doc.locate(["periods", seen[pid], "period"])
            out.append(
                doc.problem(
                    ["periods", i, "period"],
                    "duplicate-period",
                    f"Kỳ {periods.label(pid, ws.year)} đã có số liệu ở dòng {line}.",
                    "Mỗi kỳ chỉ ghi một lần; gộp hai khối hoặc xóa một khối.",
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
            out.append(
                doc.problem(
                    [*base, "field"],
                    "duplicate-row",
                    f"Lĩnh vực '{row.field}'"
                    + (f" (nguồn '{row.source}')" if row.source else "")
                    + f" đã có ở dòng {doc.locate([*base[:-1], keys[key], 'field'])[0]}.",
                    "Mỗi lĩnh vực (theo từng nguồn) một dòng; cộng hai dòng lại.",
                )
            )
        keys[key] = j
        severity, said = severity_for(row)
        for m in fig.row_mismatches(row):
            message, hint = mismatch_text(row, m)
            out.append(
                doc.problem(
                    [*base, *m.where], "unbalanced-row", message + said, hint, severity=severity
                )
            )
    rows = [r for r in fp.dossiers if not fig.is_total_row(r)]
    for j, row in enumerate(fp.dossiers):
        if not fig.is_total_row(row) or not rows:
            continue
        parts = rows if row.source is None else [r for r in rows if r.source == row.source]
        severity, said = severity_for(row)
        for where in fig.ROW_COUNTS:
            shown = fig.cell(row, where)
            expected = fig.rows_total(parts, where)
            if shown is None or expected is None or shown == expected:
                continue
            out.append(
                doc.problem(
                    ["periods", i, "dossiers", j, *where],
                    "total-mismatch",
                    f"Dòng '{row.field}': {COLUMN[where]} ghi {shown} nhưng cộng các lĩnh vực "
                    f"được {expected}.{said}",
                    "Sửa dòng tổng cho bằng tổng các dòng, hoặc xóa dòng tổng (kstthc tự cộng).",
                    severity=severity,
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
            severity, said = severity_for(row)
            out.append(
                doc.problem(
                    ["periods", i, "dossiers", j, "received", "carried_over"],
                    "carried-over-mismatch",
                    f"Lĩnh vực '{row.field}': {periods.label(pid, ws.year)} ghi {carried} hồ sơ "
                    f"từ kỳ trước, nhưng cuối {periods.label(before, ws.year)} còn {was} hồ sơ "
                    f"đang giải quyết.{said}",
                    "Cột (6) của kỳ này phải bằng cột (11) của kỳ trước; kiểm tra lại một trong "
                    "hai, hoặc ghi lý do vào 'explanation'.",
                    severity=severity,
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
                    ["indicators", i, "formula"],
                    "formula-on-value",
                    f"Chỉ tiêu {ind.id} nhập thẳng giá trị (measure: value) nên không có "
                    "công thức.",
                    'Bỏ formula, hoặc đổi thành measure: "ratio".',
                )
            )
        for side in ("numerator", "denominator"):
            for name, near in fig.unknown_names(getattr(ind.formula, side)):
                out.append(
                    doc.problem(
                        ["indicators", i, "formula", side],
                        "unknown-count",
                        f"Chỉ tiêu {ind.id}: '{name}' không phải tên một số đếm.",
                        f"Có phải ý bạn là '{near}'?"
                        if near
                        else "Xem danh sách tên số đếm trong README (mục Số liệu).",
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
                "derived-indicator",
                f"Chỉ tiêu {ind.id} được tính từ số liệu figures_{ws.year}.yaml "
                f"({fig.describe(ind.formula.numerator)} / "
                f"{fig.describe(ind.formula.denominator)}) "
                f"đã có cho {periods.label(covering[0], ws.year)}; không nhập tay số liệu này.",
                "Xóa bản ghi này; sửa số liệu trong tệp số liệu (hoặc kstthc import) nếu cần.",
            )
        )
    return out


RULES = (check_figures, check_formulas, check_derived_records)
