"""The library API: everything a command does, as keyword-only functions over typed values.

Dates are ``datetime.date``, periods are ``PeriodId`` (another year's: ``(PeriodId, year)``), a
task's own occurrences ``Occurrence``, formats are enums, folders are ``Path``s;
no function here reads a command-line string or names an option. Heavy modules are imported
inside the functions, so ``import kstthc_cli`` stays cheap. Problems in the data raise
``kstthc_cli.errors.DataError`` (its ``problems`` are located); other failures raise
``KstthcError`` subclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_cli.compute.periodid import Occurrence, PeriodId
from kstthc_cli.write.progress import Progress

if TYPE_CHECKING:
    from kstthc_cli.compute.evaluate import PeriodResult, YearState
    from kstthc_cli.compute.history import Change as PlanChange
    from kstthc_cli.compute.history import Entry
    from kstthc_cli.compute.plandoc import PlanDoc
    from kstthc_cli.compute.report import Report
    from kstthc_cli.compute.rollup import Rollup
    from kstthc_cli.compute.targets import AssignedTarget
    from kstthc_cli.load.plan_docx import DocxPlan
    from kstthc_cli.load.workspace import Workspace
    from kstthc_cli.problems import Problem
    from kstthc_cli.write.autocommit import Saved
    from kstthc_cli.write.figures import FiguresChange
    from kstthc_cli.write.init import Answers, DocxTexts, Started
    from kstthc_cli.write.newyear import NewYear
    from kstthc_cli.write.pack import PackResult
    from kstthc_cli.write.record import Batch, Change, FigureInput
    from kstthc_cli.write.undo import UndoPlan

__all__ = [
    "Occurrence",
    "PeriodId",
    "Progress",
    "ReportFormat",
    "amendments",
    "apply_undo",
    "assigned_targets",
    "build_report",
    "check",
    "commit",
    "delete_record",
    "evaluate",
    "figure_verdict",
    "history",
    "import_figures",
    "indicator_chart",
    "init_workspace",
    "open_workspace",
    "pack",
    "plan_doc",
    "plan_from_docx",
    "plan_undo",
    "record_indicator",
    "record_indicators",
    "record_task",
    "render_plan_doc",
    "render_report",
    "report_days",
    "rollup",
    "start_year",
    "texts_from_docx",
    "write_form",
]


class ReportFormat(str, Enum):
    """How a report is laid out: Markdown (through a Jinja template) or Word (NĐ 30/2020)."""

    MARKDOWN = "md"
    DOCX = "docx"


# ---------------------------------------------------------------- evaluation, reports, targets,
# ---------------------------------------------------------------- new year, rollup


def open_workspace(*, data: Path, year: int | None = None, as_of: date | None = None) -> Workspace:
    """The validated workspace in ``data`` of plan year ``year``; by default the year of
    ``as_of`` when the folder has that plan, else the latest. Errors raise ``DataError``."""
    from kstthc_cli.load import workspace

    return workspace.open_workspace(data, year, as_of=as_of)


def plan_from_docx(*, path: Path) -> DocxPlan:
    """The plan decision's Word file read as a draft plan (``result.draft``: sections, tasks,
    units, the appendix's indicators with their targets as worded) and what could not be read
    (``result.problems``, located by table, row and column). Never raises on the file's
    content: a missing or broken file is a problem too. ``write.draft`` turns the draft into
    the text of ``plan_N.yaml`` and ``indicators_N.yaml``."""
    from kstthc_cli.load.plan_docx import read_plan_docx

    return read_plan_docx(path)


def texts_from_docx(*, plan: DocxPlan, answers: Answers) -> DocxTexts:
    """The texts of ``plan_N.yaml`` and ``indicators_N.yaml`` (``result.plan_text``,
    ``result.indicators_text``, for ``init_workspace``) from a plan read out of the decision's
    Word file: its sections, tasks, units and indicators, the head (names, decision, reporting
    to the province) from ``answers``. What the reader is unsure of and what kstthc filled in
    is marked ``to_confirm``; a task or indicator it could not read, or whose timeframe kstthc
    does not understand (``result.problems``), is left commented out under a
    ``# CHƯA ĐỌC ĐƯỢC`` line (``check`` warns about both). Answers with another year or
    commune than the file prints move its year words and commune name to theirs. A file from
    which no task was read whole is refused (``WriteRefused``)."""
    from kstthc_cli.write import init

    return init.docx_texts(plan, answers)


def evaluate(*, workspace: Workspace, as_of: date) -> YearState:
    """The workspace's plan year as of ``as_of``: calendar, tasks and their occurrences' states,
    indicators' figures (each period's and the year to date) and verdicts, assigned targets."""
    from kstthc_cli.compute.evaluate import evaluate_year

    return evaluate_year(workspace, as_of=as_of)


def report_days(
    *,
    workspace: Workspace,
    period: PeriodId,
    as_of: date | None = None,
    dated: date | None = None,
    today: date | None = None,
) -> tuple[date, date]:
    """The day the report of ``period`` is judged by and the day it is dated: ``as_of``, else
    ``dated``, else today (``today``, default the computer's) but never after the period's
    report day (a quarter's report made later reads as it did on its due date)."""
    from kstthc_cli.compute import report

    return report.judged_days(
        workspace, period.value, as_of=as_of, dated=dated, today=today or date.today()
    )


def build_report(
    *,
    workspace: Workspace,
    period: PeriodId,
    as_of: date,
    report_date: date | None = None,
    number: str | None = None,
    charts: bool = False,
) -> Report:
    """The periodic report of ``period`` of the workspace's year, judged as of ``as_of``;
    ``report_date`` (default ``as_of``) is the date written on it, ``number`` its number;
    ``charts``: with the indicators' chart drawn from the same evaluation (needs matplotlib)."""
    import dataclasses

    from kstthc_cli.compute import report

    state = evaluate(workspace=workspace, as_of=as_of)
    built = report.build_report(state, pid=period.value, report_date=report_date, number=number)
    if not charts:
        return built
    png = indicator_chart(state=state, through=period)
    return dataclasses.replace(built, chart=png)


def indicator_chart(
    *, state: YearState, through: PeriodId | None = None, unit: str | None = None
) -> bytes:
    """Each indicator's year to date against its target at the end of each quarter (begun by the
    state's day, ending by period ``through``'s end), as one PNG; ``unit``: its indicators only.
    Needs the optional matplotlib (``KstthcError`` without it)."""
    from kstthc_cli.render.charts import indicator_chart as draw

    return draw(state, through=None if through is None else PeriodId(through).value, unit=unit)


def render_report(
    *,
    report: Report,
    format: ReportFormat = ReportFormat.MARKDOWN,
    template: Path | None = None,
) -> bytes:
    """The report laid out: Markdown (UTF-8) through ``template``, by default the workspace's own
    ``templates/report.md.j2`` or the bundled one; or a Word file (no template)."""
    if format is ReportFormat.DOCX:
        if template is not None:
            raise ValueError("a Word report is laid out by kstthc; it takes no template")
        from kstthc_cli.render.report_docx import docx_bytes

        return docx_bytes(report)
    from kstthc_cli.render import report_md

    if template is None:
        template = report_md.find_template(report.data_dir or Path(), None)
    return report_md.render(report, template).encode("utf-8")


def plan_doc(*, workspace: Workspace) -> PlanDoc:
    """The decision issuing the workspace's plan, the plan's table and the appendix of
    indicators, from the plan and indicators files."""
    from kstthc_cli.compute.plandoc import build_plan_doc

    return build_plan_doc(workspace.plan, workspace.indicators)


def render_plan_doc(*, doc: PlanDoc, format: ReportFormat = ReportFormat.DOCX) -> bytes:
    """The decision laid out: a Word file (NĐ 30/2020; the plan and appendix in landscape) or
    Markdown (UTF-8)."""
    if format is ReportFormat.DOCX:
        from kstthc_cli.render.plandoc_docx import docx_bytes

        return docx_bytes(doc)
    from kstthc_cli.render import plandoc_md

    return plandoc_md.render(doc).encode("utf-8")


def assigned_targets(*, workspace: Workspace) -> list[AssignedTarget]:
    """Each indicator's target as the appendix's rule assigns it from last year's result."""
    from kstthc_cli.compute import targets

    return targets.assigned_targets(workspace.indicators)


def start_year(*, data: Path, year: int, dry_run: bool = False, commit: bool = True) -> NewYear:
    """Next year's plan and indicators from last year's (last year's results as baselines);
    written unless ``dry_run``. Existing files are never overwritten (``WriteRefused``). When
    the folder is under git and ``commit`` (and the plan's ``auto_commit``) allow, the two files
    are committed: ``result.commit``."""
    import dataclasses

    from kstthc_cli.load.workspace import check_plan_year
    from kstthc_cli.write import autocommit, newyear

    check_plan_year(year)  # before the day judged (31/12 of the year before) is made
    wanted = autocommit.gate(data, year=None, day=date(year - 1, 12, 31), no_commit=not commit)
    result = newyear.start_year(data, year, dry_run=dry_run)
    if wanted and result.written:
        result = dataclasses.replace(result, commit=autocommit.commit_new_year(result, folder=data))
    return result


def init_workspace(
    *,
    folder: Path,
    answers: Answers,
    plan_text: str | None = None,
    indicators_text: str | None = None,
    commit: bool = True,
) -> Started:
    """Start a commune's workspace in ``folder``: ``data/plan_N.yaml`` and
    ``data/indicators_N.yaml`` built from the bundled sample and ``answers`` (or a draft's
    ``plan_text`` / ``indicators_text``, e.g. read from the decision's Word file), validated
    before anything is written; what kstthc guessed is marked ``to_confirm``. A folder holding
    a plan is refused (``WriteRefused``). With ``commit``, the folder is made a git repository
    (through dulwich; one already there is used as it is) with a ``.gitignore`` for kstthc's
    lock and temporary files, and the new files are committed: ``result.commit``."""
    import dataclasses

    from kstthc_cli.write import init, vcs

    init.check_folder(folder)
    if commit and folder.is_dir() and vcs.own_repository(folder) is not None:
        vcs.check_committable(folder=folder)  # a repository in a bad state: refused up front
    started = init.init_workspace(
        folder,
        answers,
        plan_text_=plan_text,
        indicators_text_=indicators_text,
        ignore_files=not commit,
    )
    if not commit:
        return started
    made, sha = vcs.init_repository(
        folder=folder,
        paths=[started.plan_path, started.indicators_path],
        title=init.commit_title(started, init.names(answers).full),
    )
    return dataclasses.replace(started, commit=sha, repository_created=made)


def rollup(
    *,
    sources: Sequence[Path],
    period: PeriodId | None = None,
    as_of: date | None = None,
    year: int | None = None,
    progress: Callable[[Path], None] | None = None,
    by_period: bool = False,
) -> Rollup:
    """Many communes' folders, each evaluated once as of ``as_of`` and pooled (Σ/Σ). The plan
    year is ``year``, else that of ``as_of`` (default: today) when a folder has it, else the
    latest; with no ``as_of``, a year that is over is judged on its last day. ``period``: only
    that period's figures. ``sources`` are folders or packs (``pack``'s zip files). A broken
    folder or pack is reported in the result, not raised. ``by_period``: also each quarter's
    own figures per commune (the workbook's long sheet)."""
    from kstthc_cli.compute import rollup as core

    pid = None if period is None else period.value
    return core.rollup(
        list(sources),
        year=year,
        as_of=as_of,
        today=date.today(),
        period=pid,
        progress=progress,
        by_period=by_period,
    )


def pack(
    *,
    data: Path,
    as_of: date,
    period: PeriodId | None = None,
    year: int | None = None,
    path: Path | None = None,
) -> PackResult:
    """The commune's workspace of plan year ``year`` (default: as ``open_workspace`` picks) in
    one zip for the province: its data files byte for byte, the narrative of ``period`` if
    any, and a manifest (commune, year, period, SHA-256 of each file, kstthc's version).
    ``period`` defaults to the last quarter ended by ``as_of``; ``path`` to
    ``goi-<xã>-<năm>-<kỳ>.zip`` in the current folder. A workspace with errors raises
    ``DataError``; nothing is written then. ``rollup`` takes the file as it takes a folder."""
    from kstthc_cli.version import __version__
    from kstthc_cli.write.pack import write_pack

    pid = None if period is None else period.value
    return write_pack(data, path=path, year=year, period=pid, as_of=as_of, version=__version__)


# ---------------------------------------------------------------- history, diff, undo


def history(
    *,
    folder: Path,
    since: date | None = None,
    task: str | None = None,
    indicator: str | None = None,
    as_of: date | None = None,
) -> list[Entry]:
    """The data folder's history in the domain's words, newest first (hand edits included);
    with ``as_of`` (the day judged) only the changes made on or before it. Reads the
    repository only."""
    from kstthc_cli.compute.history import Entry, diff_versions, select
    from kstthc_cli.load.models import given_id
    from kstthc_cli.load.versions import version_of
    from kstthc_cli.write import vcs

    task = None if task is None else given_id(task, "task")
    indicator = None if indicator is None else given_id(indicator, "indicator")
    vcs.check_readable(folder=folder)
    entries = [
        Entry(
            r.info.id,
            r.info.author,
            r.info.when,
            r.info.title,
            r.info.command,
            tuple(diff_versions(version_of(r.before), version_of(r.after))),
        )
        for r in vcs.revisions(folder=folder)
    ]
    return select(entries, since=since, task=task, indicator=indicator, as_of=as_of)


def amendments(
    *, folder: Path, old: str | None = None, new: str | None = None, as_of: date | None = None
) -> tuple[list[PlanChange], str, str]:
    """The plan's and indicators' changes from version ``old`` (default HEAD, the last commit)
    to ``new`` (default: the working files), and how the two versions are named. With
    ``as_of`` (the day judged), HEAD is the last commit made on or before that day."""
    from kstthc_cli.compute.history import diff_versions
    from kstthc_cli.load.versions import version_of
    from kstthc_cli.write import vcs

    vcs.check_readable(folder=folder)
    old_name, old_files = vcs.files_at(folder=folder, rev=old or "HEAD", as_of=as_of)
    new_name, new_files = vcs.files_at(folder=folder, rev=new, as_of=as_of)
    changes = diff_versions(version_of(old_files), version_of(new_files), records=False)
    return changes, old_name, new_name


def commit(*, folder: Path, message: str | None = None) -> Saved:
    """Save the data files' edits not yet in the history (hand edits, writes made without
    committing) as one commit titled ``message``, or by default naming what changed in the
    domain's words; a folder without a history gets one (no git needed), its first commit
    holding the data files as they are. ``result.commit`` is None when nothing was left to save."""
    from kstthc_cli.write import autocommit

    return autocommit.save_workspace(folder, message=message)


def plan_undo(*, folder: Path) -> UndoPlan:
    """What ``undo`` would take back; refuses (RepositoryError) when it cannot."""
    from kstthc_cli.write import undo

    return undo.plan_undo(folder=folder)


def apply_undo(*, plan: UndoPlan) -> str:
    """Take the change back as a new commit; its id."""
    from kstthc_cli.write import undo

    return undo.apply_undo(plan)


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
    period: PeriodId | Occurrence | None = None,
    status: Progress | None = None,
    day: date | None = None,
    evidence: str | None = None,
    note: str | None = None,
    year: int | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
    commit: bool = True,
    replace: bool = True,
) -> Change:
    """Record progress on a task (done by default, on ``day``, else on ``as_of``). ``period``
    is a reporting period of the plan year (``PeriodId.Q2``) or one of the task's own
    occurrences (``Occurrence("M1")``, ``Occurrence.ADHOC``); a recurring task needs one.
    Raises ``RecordRefused`` when the rules find the record wrong; nothing is written with
    ``dry_run``. With ``replace=False``, a done record of the same
    occurrence with another date or evidence raises ``ReplaceNeeded`` instead."""
    from kstthc_cli.write import record

    wanted = _commit_wanted(data, year, as_of, commit and not dry_run)
    return _committed(
        wanted,
        data,
        record.record_task(
            data,
            task=task,
            year=year,
            period=_task_period(period),
            status=status or Progress.DONE,
            day=day,
            evidence=evidence,
            note=note,
            as_of=as_of or date.today(),
            dry_run=dry_run,
            replace=replace,
        ),
    )


def record_indicator(
    *,
    data: Path,
    indicator: str,
    period: PeriodId | tuple[PeriodId, int],
    numerator: int | None = None,
    denominator: int | None = None,
    value: float | Decimal | None = None,
    none: bool = False,
    note: str | None = None,
    year: int | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
    commit: bool = True,
) -> Change:
    """Set an indicator's figure for a period of the plan year (``PeriodId.Q2``; a period of
    another year, ``(PeriodId.Q1, 2025)``, is refused: its figures go to that year's file): a
    ratio's ``numerator`` and ``denominator``, or a ``value`` entered directly; ``none``: the
    period had nothing to count (không phát sinh). A figure
    already there for that period is replaced. Raises ``RecordRefused`` as ``record_task``."""
    from kstthc_cli.write import record

    wanted = _commit_wanted(data, year, as_of, commit and not dry_run)
    return _committed(
        wanted,
        data,
        record.record_indicator(
            data,
            indicator=indicator,
            period=_figure_period(period),
            year=year,
            numerator=numerator,
            denominator=denominator,
            value=value,
            none=none,
            note=note,
            as_of=as_of or date.today(),
            dry_run=dry_run,
        ),
    )


def record_indicators(
    *,
    data: Path,
    period: PeriodId | tuple[PeriodId, int],
    figures: Sequence[FigureInput],
    year: int | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
    commit: bool = True,
) -> Batch:
    """Set several indicators' figures for one period in one write (and one commit): each is
    judged as ``record_indicator`` judges it; one refused, none is written."""
    import dataclasses

    from kstthc_cli.write import autocommit, record

    wanted = _commit_wanted(data, year, as_of, commit and not dry_run)
    batch = record.record_indicators(
        data, period=_figure_period(period), figures=figures, year=year,
        as_of=as_of or date.today(), dry_run=dry_run,
    )  # fmt: skip
    if not wanted or not batch.written:
        return batch
    return dataclasses.replace(batch, commit=autocommit.commit_batch(batch, folder=data))


def figure_verdict(*, data: Path, change: Change, as_of: date) -> PeriodResult | None:
    """The indicator just recorded (or about to be, with ``dry_run``) as the evaluation judges
    it with the new file: its period's own figure and the year to date against the assigned
    target. None for a task, a deletion, or a period of another year."""
    from kstthc_cli.compute.evaluate import evaluate_year
    from kstthc_cli.compute.indicators import record_period
    from kstthc_cli.load.models import IndicatorRecord
    from kstthc_cli.load.workspace import load_workspace

    r = change.record
    if change.deleted or not isinstance(r, IndicatorRecord):
        return None
    year = int(change.path.stem.rsplit("_", 1)[-1])
    pid = record_period(r.period, year)
    # the new text was judged by the rules already, as the candidate workspace of the record
    ws, _ = load_workspace(data, year, actuals_text=change.after, rules=False)
    if ws is None or pid is None:
        return None
    state = evaluate_year(ws, as_of=as_of)
    return next((p for p in state.indicators_in(pid) if p.indicator.id == r.indicator), None)


def delete_record(
    *,
    data: Path,
    task: str | None = None,
    indicator: str | None = None,
    period: PeriodId | Occurrence | None = None,
    year: int | None = None,
    as_of: date | None = None,
    dry_run: bool = False,
    commit: bool = True,
) -> Change:
    """Remove the record of ``task`` (or of ``indicator``) for ``period`` (as ``record_task``
    takes it; an indicator's is a ``PeriodId``): the last the file lists for it; its
    ``deleted`` is true. Committed like every write (``undo`` takes it back). Raises
    ``WriteRefused`` when there is no such record."""
    from kstthc_cli.write import record

    if (task is None) == (indicator is None):
        raise ValueError("delete_record: give task or indicator")
    if indicator is not None and not isinstance(period, PeriodId):
        raise TypeError(f"an indicator's period must be a PeriodId, not {period!r}")
    wanted = _commit_wanted(data, year, as_of, commit and not dry_run)
    return _committed(
        wanted,
        data,
        record.delete_record(
            data,
            section="tasks" if task is not None else "indicators",
            subject=str(task if task is not None else indicator),
            period=_task_period(period),
            year=year,
            as_of=as_of or date.today(),
            dry_run=dry_run,
        ),
    )


def _task_period(period: PeriodId | Occurrence | None) -> str | None:
    """The record's ``period`` as the write layer takes it: the period's id (``Q2``) or the
    occurrence's key. A plain text is refused: the officer's words are read by the CLI layer
    (``cli.values.parse_task_period``)."""
    if period is None:
        return None
    if isinstance(period, PeriodId):
        return period.value
    if isinstance(period, Occurrence):
        return period.key
    raise TypeError(
        f"period must be a PeriodId or an Occurrence, not {type(period).__name__} {period!r}"
    )


def _figure_period(period: PeriodId | tuple[PeriodId, int]) -> str:
    """An indicator record's ``period`` as the write layer takes it: ``Q2``, or ``Q1/2025``
    for a period of another year (which the rules refuse). A plain text is refused."""
    if isinstance(period, PeriodId):
        return period.value
    if isinstance(period, tuple) and len(period) == 2:
        pid, year = period
        if isinstance(pid, PeriodId) and isinstance(year, int) and not isinstance(year, bool):
            return f"{pid.value}/{year}"
    raise TypeError(f"period must be a PeriodId or (PeriodId, year), not {period!r}")


def _commit_wanted(data: Path, year: int | None, as_of: date | None, commit: bool) -> bool:
    """Whether a write about to happen is committed; a repository in a bad state refuses here,
    before anything is written."""
    from kstthc_cli.write import autocommit

    return autocommit.gate(data, year=year, day=as_of or date.today(), no_commit=not commit)


def _committed(wanted: bool, data: Path, change: Change) -> Change:
    import dataclasses

    from kstthc_cli.write import autocommit

    if not wanted or not change.written:
        return change
    return dataclasses.replace(change, commit=autocommit.commit_record(change, folder=data))


# ---------------------------------------------------------------- end of check and record


# ---------------------------------------------------------------- figures (form, import)


def write_form(
    *,
    workspace: Path,
    period: PeriodId,
    path: Path,
    year: int | None = None,
    as_of: date | None = None,
) -> tuple[str, int]:
    """Write the workbook to fill in with the figures of ``period`` of plan year ``year`` (by
    default the year ``as_of`` picks) to ``path``; returns the period id and year written for."""
    from kstthc_cli.errors import UsageError
    from kstthc_cli.load.workspace import is_input_file, open_workspace, resolve_year
    from kstthc_cli.messages import said
    from kstthc_cli.render import form_xlsx
    from kstthc_cli.write import safewrite

    pid = PeriodId(period).value
    period_year = year if year is not None else resolve_year(workspace, None, as_of)
    ws = open_workspace(workspace, period_year)
    data = form_xlsx.write_form(ws, pid)
    if is_input_file(path, workspace):
        raise UsageError(said("usage/form-input-file", path=path, pid=pid.lower()))
    from kstthc_cli.errors import KstthcError
    from kstthc_cli.osfiles import os_words

    if path.exists() and not path.is_dir() and not path.is_file():  # /dev/stdout, a pipe
        raise UsageError(said("usage/form-not-regular", path=path, pid=pid.lower()))
    if path.is_dir() or not path.parent.is_dir():
        if path.is_dir():
            raise UsageError(said("usage/form-is-folder", path=path, pid=pid.lower()))
        raise UsageError(
            said("usage/form-no-folder", path=path, folder=path.parent, pid=pid.lower())
        )
    try:
        safewrite.replace_output(path, data)
    except OSError as exc:
        raise KstthcError(said("failed/form-not-written", path=path, why=os_words(exc))) from None
    return pid, period_year


def import_figures(
    *,
    data: Path,
    path: Path,
    dry_run: bool = False,
    year: int | None = None,
    period: PeriodId | tuple[PeriodId, int] | None = None,
    as_of: date | None = None,
    commit: bool = True,
) -> FiguresChange:
    """Record one period's figures read from the workbook at ``path`` (kstthc's form, a
    Biểu 06 / II.06a export or a Danh sách hồ sơ) in ``figures_N.yaml``. ``period`` (a period
    of the plan year, or a period and its year) is needed only by a dossier list that does not
    say its window. Committed like ``record`` (the figures file and the actuals file it
    wrote, in one commit ``undo`` takes back): ``result.commit``."""
    import dataclasses

    from kstthc_cli.write import autocommit, figures

    wanted = _commit_wanted(data, year, as_of, commit and not dry_run)
    change = figures.import_figures(
        data, path=path, year=year, period=period, as_of=as_of, dry_run=dry_run
    )
    if not wanted or not change.written:
        return change
    return dataclasses.replace(change, commit=autocommit.commit_import(change, folder=data))
