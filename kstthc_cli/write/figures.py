"""Writing one period's figures into ``figures_N.yaml`` (``kstthc import``): the period's block
appended, or put in place of the block of the same period; every other line byte for byte.
Everything is checked first (the workbook, then the whole workspace with the new text);
nothing is written on any error."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kstthc_cli import messages
from kstthc_cli.compute import figures as fig
from kstthc_cli.compute import periods
from kstthc_cli.compute.periodid import PeriodId
from kstthc_cli.errors import DataError, WriteRefused
from kstthc_cli.load.figures_model import FiguresPeriod
from kstthc_cli.load.workspace import (
    Workspace,
    file_names,
    load_workspace,
    refuse_bundled,
    resolve_year,
)
from kstthc_cli.load.yamlio import display_path, parse_text
from kstthc_cli.messages import Said, said
from kstthc_cli.problems import Problem, has_errors
from kstthc_cli.write import safewrite
from kstthc_cli.write.record import Batch, FigureInput
from kstthc_cli.write.splice import after, dash_at, line_ending, line_start, quote

if TYPE_CHECKING:
    from kstthc_cli.write.imports import DirectFigure, Imported

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class FiguresChange:
    """What an import did (or would do, with ``written`` false)."""

    path: Path
    display: str
    kind: str
    pid: str
    year: int
    before: str
    after: str
    created: bool
    replaced: bool
    written: bool
    rows: int
    late: int
    warnings: tuple[Problem, ...] = field(default_factory=tuple)
    #: The form's directly entered indicators recorded in the actuals file (``record``'s
    #: batch, ``None`` when none was filled in).
    direct: Batch | None = None
    #: The workbook's name, as the history says where the figures came from.
    source: str = ""
    #: The commit that saved the files written (``None``: not committed).
    commit: str | None = None

    @property
    def paths(self) -> list[Path]:
        """The files written: the figures file, and the actuals file if the form gave any."""
        extra = [self.direct.path] if self.direct is not None and self.direct.written else []
        return [self.path, *extra] if self.written else []

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.display}",
            f"b/{self.display}",
        )
        return "".join(lines) + (self.direct.diff() if self.direct is not None else "")

    @property
    def direct_ids(self) -> list[str]:
        """The indicators whose figures the form gave directly."""
        if self.direct is None:
            return []
        return [c.subject.split(",", 1)[0].removeprefix("chỉ tiêu ") for c in self.direct.changes]


def new_file_text(year: int) -> str:
    return (
        f"# Số liệu từ Hệ thống thông tin giải quyết TTHC, năm {year}.\n"
        "# Tệp do 'kstthc import' ghi thêm từng kỳ; có thể sửa bằng tay\n"
        "# (xem README, mục Số liệu).\n"
        f"year: {year}\n"
        "periods:\n"
    )


def _flow(values: dict[str, Any]) -> str:
    parts = []
    for k, v in values.items():
        if v is None:
            continue
        if isinstance(v, date):
            shown = quote(v.isoformat())
        elif isinstance(v, int):
            shown = str(v)
        else:
            shown = quote(str(v))
        parts.append(f"{k}: {shown}")
    return "{" + ", ".join(parts) + "}"


def period_block(fp: FiguresPeriod, dash_col: int, eol: str) -> str:
    """The YAML lines of one period, its list item's dash at ``dash_col``."""
    pad = " " * (dash_col + 2)
    out = [" " * dash_col + f"- period: {quote(fp.period)}"]
    if fp.source is not None:
        out.append(pad + "source: " + _flow(fp.source.model_dump()))
    if fp.dossiers:
        out.append(pad + "dossiers:")
        for row in fp.dossiers:
            out.append(pad + f"  - field: {quote(row.field)}")
            if row.source:
                out.append(pad + f"    source: {quote(row.source)}")
            for part in ("received", "resolved", "in_progress"):
                group = getattr(row, part)
                if group is not None and any(v is not None for v in group.model_dump().values()):
                    out.append(pad + f"    {part}: " + _flow(group.model_dump()))
            if row.explanation:
                out.append(pad + f"    explanation: {quote(row.explanation)}")
    for block in ("complaints", "procedures", "egov"):
        group = getattr(fp, block)
        if group is not None:
            out.append(pad + f"{block}: " + _flow(group.model_dump()))
    if fp.late_dossiers:
        out.append(pad + "late_dossiers:")
        for d in fp.late_dossiers:
            out.append(pad + "  - " + _flow(d.model_dump()))
    return "".join(line + eol for line in out)


def splice_period(text: str, fp: FiguresPeriod, year: int) -> tuple[str, bool]:
    """The text with the period's block appended (or replacing the same period's block);
    whether it replaced one."""
    eol = line_ending(text)
    doc = parse_text(text)
    root = doc.root
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise _cannot(messages.text("refused/splice-top"))
    pid = fig.period_id(fp.period, year)
    found = [
        (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "periods"
    ]
    if not found:
        head = text if not text or text[-1] in "\r\n" else text + eol
        return head + "periods:" + eol + period_block(fp, 2, eol), False
    key, value = found[0]
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        dash0 = dash_at(text, value.value[0])
        if dash0 is None:
            raise _cannot(messages.text("refused/figures-no-first-dash"))
        dash_col = dash0 - line_start(text, dash0)
        for item in value.value:
            word = None
            if isinstance(item, yaml.MappingNode):
                for k, v in item.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == "period":
                        word = v.value if isinstance(v, yaml.ScalarNode) else None
            if word is not None and fig.period_id(str(word), year) == pid:
                dash = dash_at(text, item)
                if dash is None:
                    raise _cannot(messages.text("refused/figures-no-dash"))
                start, end = line_start(text, dash), after(text, item)
                return text[:start] + period_block(fp, dash_col, eol) + text[end:], True
        pos = after(text, value.value[-1])
        head = text[:pos] if pos == 0 or text[pos - 1] in "\r\n" else text[:pos] + eol
        return head + period_block(fp, dash_col, eol) + text[pos:], False
    empty = (isinstance(value, yaml.SequenceNode) and not value.value) or (
        isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null")
    )
    if not empty:
        raise _cannot(messages.text("refused/figures-not-list"))
    start = line_start(text, key.start_mark.index)
    end = after(text, value) if value.end_mark.index > key.end_mark.index else after(text, key)
    return text[:start] + "periods:" + eol + period_block(fp, 2, eol) + text[end:], False


def _cannot(reason: str) -> WriteRefused:
    return WriteRefused(said("refused/cannot-splice-figures", reason=reason))


def import_figures(
    data_dir: Path,
    *,
    path: Path,
    year: int | None = None,
    period: PeriodId | tuple[PeriodId, int] | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
) -> FiguresChange:
    """Read one period's figures from the workbook at ``path`` and record them in
    ``figures_N.yaml``; ``period`` (of the plan year, or with its year) is needed only by a
    dossier list that does not say its window."""
    from kstthc_cli.write import imports

    plan_year = resolve_year(data_dir, year, as_of)
    if not dry_run:
        refuse_bundled(data_dir)  # before the workbook is read: the sample is never written
    base, problems = load_workspace(data_dir, plan_year)
    if base is None or has_errors(problems):
        raise DataError(problems, messages.text("failed/figures-data-errors"))
    asked: tuple[str, int] | None = None
    if isinstance(period, tuple):
        asked = (PeriodId(period[0]).value, period[1])
    elif period is not None:
        asked = (PeriodId(period).value, plan_year)
    got = imports.read_workbook(
        path, display_path(path), rule=base.plan.reporting.cutoff_rule, period=asked
    )
    if has_errors(got.problems) or got.period is None or got.pid is None or got.year is None:
        raise DataError(
            got.problems,
            messages.text("failed/figures-workbook-errors", shown=display_path(path)),
            complete=True,
        )
    if got.year != plan_year:
        raise WriteRefused(
            said(
                "refused/figures-other-year",
                shown=display_path(path),
                period=periods.label(got.pid, got.year),
                plan_year=plan_year,
                year=got.year,
            )
        )
    target = data_dir / file_names(plan_year)["figures"]
    raw = safewrite.read_bytes(target)
    bom = raw is not None and raw.startswith(BOM)
    before = raw[3 if bom else 0 :].decode("utf-8") if raw is not None else ""
    after, replaced = splice_period(before or new_file_text(plan_year), got.period, plan_year)
    direct = _direct_batch(data_dir, base, got, plan_year, as_of)
    new_ws, found = load_workspace(
        data_dir,
        plan_year,
        figures_text=after,
        actuals_text=direct.after if direct is not None else None,
        as_of=as_of,
    )
    if new_ws is None or has_errors(found):
        raise DataError(
            found, messages.text("failed/figures-would-break", shown=display_path(target))
        )
    # the warnings this import brings: the workbook's, and those the new texts add (the
    # workspace's own, such as values still to confirm, are check's to say)
    # (once: a row's warning in the workbook is not said again at its line of the new text)
    known = {(p.file, p.code, p.message) for p in problems}
    theirs = {(p.code, p.message) for p in got.problems}
    warnings = tuple(p for p in got.problems if not p.is_error) + tuple(
        p
        for p in found
        if not p.is_error
        and (p.file, p.code, p.message) not in known
        and (p.code, p.message) not in theirs
    )
    change = FiguresChange(
        path=target,
        display=display_path(target),
        kind=got.kind,
        pid=got.pid,
        year=plan_year,
        before=before,
        after=after,
        created=raw is None,
        replaced=replaced,
        written=False,
        rows=len(got.period.dossiers),
        late=len(got.period.late_dossiers),
        warnings=warnings,
        direct=direct,
        source=path.name,
    )
    if dry_run:
        return change
    safewrite.refuse_too_large(change.display, after)  # both files, before either is locked
    if direct is not None:
        safewrite.refuse_too_large(direct.display, direct.after)
    try:
        with safewrite.locked(target):
            data = (BOM if bom else b"") + after.encode("utf-8")
            safewrite.replace_atomically(target, data, safewrite.fingerprint(raw))
    except OSError as exc:
        raise safewrite.not_written(change.display, exc) from None
    if direct is not None:
        direct = _write_direct(data_dir, got, plan_year, as_of, direct)
    return FiguresChange(**{**change.__dict__, "written": True, "direct": direct})


def direct_problems(ws: Workspace, figures: Sequence[DirectFigure]) -> list[Problem]:
    """The form's directly entered figures judged against the indicators, each located at its
    row of the sheet: a number the plan has no indicator for, one computed from the figures
    (never typed twice), a ratio given a value or a value given counts."""
    inds = {i.id: i for i in ws.indicators.indicators}
    out: list[Problem] = []

    def problem(f: DirectFigure, words: Said) -> None:
        out.append(Problem.of(f.where, None, None, words))

    for f in figures:
        ind = inds.get(f.indicator)
        if ind is None:
            problem(f, said("unknown-indicator/form", indicator=f.indicator, year=ws.year))
        elif ind.formula is not None:
            problem(
                f,
                said(
                    "derived-indicator/form",
                    id=ind.id,
                    numerator=fig.describe(ind.formula.numerator),
                    denominator=fig.describe(ind.formula.denominator),
                ),
            )
        elif f.none:
            continue
        elif ind.measure == "ratio" and (
            f.value is not None or f.numerator is None or f.denominator is None
        ):
            problem(
                f,
                said(
                    "wrong-measure/form-ratio" if f.value is not None else "missing-figure/form",
                    id=ind.id,
                ),
            )
        elif ind.measure == "value" and (f.numerator is not None or f.denominator is not None):
            problem(f, said("wrong-measure/form-value", id=ind.id, unit=ind.unit))
    return out


def _inputs(figures: Sequence[DirectFigure]) -> list[FigureInput]:
    from decimal import Decimal

    return [
        FigureInput(
            f.indicator,
            None if f.none else f.numerator,
            None if f.none else f.denominator,
            None if f.none or f.value is None else Decimal(str(f.value)),
            f.none,
        )
        for f in figures
    ]


def _direct_batch(
    data_dir: Path, ws: Workspace, got: Imported, year: int, as_of: date | None
) -> Batch | None:
    """The actuals file with the form's directly entered figures, every one judged as
    ``record indicators`` judges it (nothing written); ``None`` if the form gave none."""
    from kstthc_cli.write import record

    if not got.direct:
        return None
    found = direct_problems(ws, got.direct)
    if found:
        raise DataError(found, messages.text("failed/figures-direct-errors"), complete=True)
    return record.record_indicators(
        data_dir, period=checked_pid(got), figures=_inputs(got.direct), year=year, as_of=as_of,
        dry_run=True,
    )  # fmt: skip


def checked_pid(got: Imported) -> str:
    assert got.pid is not None  # checked before
    return got.pid


def _write_direct(data_dir: Path, got: Any, year: int, as_of: date | None, checked: Batch) -> Batch:
    """The directly entered figures written to the actuals file through ``record``'s own
    safe write, after the figures file (both were checked together before either)."""
    from kstthc_cli.write import record

    return record.record_indicators(
        data_dir, period=checked_pid(got), figures=_inputs(got.direct), year=year, as_of=as_of
    )
