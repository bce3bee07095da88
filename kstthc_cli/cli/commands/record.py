"""``kstthc record task|indicator``: write down what was done and the period's figures."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from kstthc_cli.cli.commands.common import AsOfOpt, DataOpt, YearOpt, data_dir, parse_date_option

if TYPE_CHECKING:
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.load.models import TaskRecord
    from kstthc_cli.write.record import Batch, Change, FigureInput

T = TypeVar("T")

record_app = typer.Typer(
    help="Ghi nhận kết quả: tiến độ nhiệm vụ và số liệu chỉ tiêu (vào data/actuals_<năm>.yaml).",
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@record_app.callback(invoke_without_command=True)
def _which(ctx: typer.Context) -> None:
    """``kstthc record`` alone: say which two commands there are (click would print English)."""
    if ctx.invoked_subcommand is None:
        from kstthc_cli.errors import UsageError

        raise UsageError(
            "Thiếu lệnh: 'kstthc record task ID …' hoặc 'kstthc record indicator ID …'.",
            "Xem hướng dẫn: kstthc record --help",
        )


NoteOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
    typer.Option(
        "--note", metavar="GHI_CHÚ", help="Ghi chú (dùng trong báo cáo).", show_default=False
    ),
]
NoCommitOpt = Annotated[
    bool, typer.Option("--no-commit", help="Không tự lưu lần ghi này vào lịch sử (git).")
]
DeleteOpt = Annotated[
    bool,
    typer.Option("--delete", help="Xoá bản ghi của kỳ này (ghi nhầm); hoàn tác bằng kstthc undo."),
]
DryRunOpt = Annotated[
    bool,
    typer.Option("--dry-run", help="Chỉ in phần thay đổi của tệp (diff), không ghi gì."),
]


def _show(
    record: Callable[[], Change],
    verdict: Callable[[Change], list[str]] | None = None,
    word: str | None = None,
) -> None:
    """Run one write of the API; print its diff (dry run) or what was written, or the refusal
    said with the options that fix it (``word``: the period as typed)."""
    from kstthc_cli.cli.values import change_lines

    change = _refused_said(record, word)
    lines = change_lines(change) + (verdict(change) if verdict else [])
    _said(lines, change.written, change.diff, change.commit)


def _refused_said(record: Callable[[], T], word: str | None = None) -> T:
    """What ``record`` returns; its refusal said with the options that fix it (and with the
    period ``word`` as typed where it quotes another year's period)."""
    from kstthc_cli.cli.values import as_typed, refusal
    from kstthc_cli.write.record import RecordRefused

    try:
        return record()
    except RecordRefused as exc:
        raise refusal(as_typed(exc, word)) from None


def _said(lines: list[str], written: bool, diff: Callable[[], str], commit: str | None) -> None:
    """What was written and its commit; or, on a dry run, what would be (stderr, words first)
    and the diff (stdout)."""
    from kstthc_cli.render import console
    from kstthc_cli.write import autocommit

    if not written:
        err = console.err()
        for line in lines:
            err.print(_would(line), markup=False, soft_wrap=True)
        sys.stderr.flush()
        sys.stdout.write(diff())
        sys.stdout.flush()
        err.print("Chạy thử (--dry-run): chưa ghi gì vào tệp.", markup=False)
        return
    out = console.out()
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)
    committed = autocommit.committed_line(commit)
    if committed:
        out.print(committed, markup=False, soft_wrap=True)


def _delete(
    data: Path | None, year: int | None, as_of: str | None, dry_run: bool, no_commit: bool,
    period: str | None, task: str | None = None, indicator: str | None = None,
) -> None:  # fmt: skip
    """``--delete``: remove the record of the task or the indicator for ``period``."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import judging_day
    from kstthc_cli.cli.values import indicator_period, parse_task_period

    day = judging_day(parse_date_option(as_of))
    pid = indicator_period(data_dir(data), year, period, day) if indicator else None
    _show(lambda: api.delete_record(
        data=data_dir(data), task=task, indicator=indicator, year=year, as_of=day,
        period=pid if indicator else parse_task_period(period), dry_run=dry_run,
        commit=not no_commit,
    ))  # fmt: skip


def _asked(record: Callable[[bool], Change]) -> Change:
    """Run ``record``; where it would replace a done record with another date or evidence,
    show the old record and ask (at a terminal), or refuse and point to ``--replace``."""
    from kstthc_cli.errors import WriteRefused
    from kstthc_cli.render import console
    from kstthc_cli.write.record import ReplaceNeeded

    try:
        return record(False)
    except ReplaceNeeded as exc:
        shown, new = _done_words(exc.old), _done_words(exc.new)
        if not sys.stdin.isatty():
            raise WriteRefused(
                f"Đã có bản ghi {exc.subject} ({shown}); chưa thay bằng bản ghi mới ({new}).",
                "Thêm --replace để thay bản ghi cũ; điều gì không ghi trong lệnh (ngày, văn "
                "bản, ghi chú) thì giữ như bản ghi cũ.",
            ) from None
        console.err().print(f"Bản ghi cũ của {exc.subject}: {shown}.", markup=False)
        console.err().print(f"Bản ghi mới: {new}.", markup=False)
        if not typer.confirm("Thay bằng bản ghi mới?", default=False):
            raise WriteRefused("Chưa ghi gì: giữ bản ghi cũ.", "") from None
        return record(True)


def _done_words(record: TaskRecord | None) -> str:
    """``đã xong, ngày 14/03/2024, văn bản: QĐ 5``: a done record as the refusal shows it."""
    if record is None:
        return "không đọc được"
    shown = f"đã xong, ngày {record.date:%d/%m/%Y}"
    return shown + (f", văn bản: {record.evidence}" if record.evidence else "")


def _day(day: str | None, data: Path | None, year: int | None, as_of: str | None) -> date | None:
    """``--date``; ``14/3`` is a day of the plan year the record goes to."""
    from kstthc_cli.cli.commands.common import judging_day
    from kstthc_cli.load.workspace import resolve_year

    if day is None or day.count("/") + day.count(".") + day.count("-") > 1:
        return parse_date_option(day, "--date")
    plan_year = resolve_year(data_dir(data), year, judging_day(parse_date_option(as_of)))
    return parse_date_option(day, "--date", plan_year)


_WOULD = (("Đã tạo", "Sẽ tạo"), ("Đã ghi", "Sẽ ghi"), ("Đã thay", "Sẽ thay"), ("Đã xoá", "Sẽ xoá"))


def _verdict(change: Change, data: Path | None, as_of: str | None) -> list[str]:
    """The evaluation's verdict on the figure just recorded (or about to be)."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import judging_day
    from kstthc_cli.cli.values import verdict_lines

    day = judging_day(parse_date_option(as_of))
    result = api.figure_verdict(data=data_dir(data), change=change, as_of=day)
    return verdict_lines(result) if result is not None else []


def _would(line: str) -> str:
    """A line of what ``record`` did, said of what it would do."""
    for done, would in _WOULD:
        if line.startswith(done):
            return would + line[len(done) :]
    return line


@record_app.command(
    "task",
    epilog='\b\nVí dụ:\n  kstthc record task 1 --date 14/3 --evidence "Quyết định số 12/QĐ-UBND"\n'
    '  kstthc record task 20 --period q1 --status in-progress --note "Đang tổng hợp"\n'
    "  kstthc record task 20 --period q1 --delete --dry-run",
)
def record_task(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="Số thứ tự nhiệm vụ, ví dụ 20.")],
    period: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Kỳ (bắt buộc với nhiệm vụ định kỳ): q1…q4, quý 2, 6t, năm, đột xuất…",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            metavar="TÌNH_TRẠNG",
            help="done (đã xong) hoặc in-progress (đang thực hiện).",
        ),
    ] = "done",
    day: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày thực hiện (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định: --as-of hoặc hôm nay).",
            show_default=False,
        ),
    ] = None,
    evidence: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--evidence",
            metavar="VĂN_BẢN",
            help='Văn bản chứng minh, ví dụ "Báo cáo số 15/BC-UBND ngày 14/3/2024".',
            show_default=False,
        ),
    ] = None,
    note: NoteOpt = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Thay bản ghi đã xong của cùng kỳ dù khác ngày hoặc văn bản (không hỏi lại).",
        ),
    ] = False,
    delete: DeleteOpt = False,
    dry_run: DryRunOpt = False,
    no_commit: NoCommitOpt = False,
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Ghi tiến độ một nhiệm vụ (đã xong hoặc đang thực hiện), kèm văn bản chứng minh."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import judging_day
    from kstthc_cli.cli.values import parse_status, parse_task_id, parse_task_period, parse_text

    if delete:
        return _delete(data, year, as_of, dry_run, no_commit, period, task=parse_task_id(task_id))
    _show(lambda: _asked(lambda again: api.record_task(
        data=data_dir(data), task=parse_task_id(task_id), period=parse_task_period(period),
        status=parse_status(status), day=_day(day, data, year, as_of),
        evidence=parse_text(evidence, "--evidence"),
        note=parse_text(note, "--note"), year=year,
        as_of=judging_day(parse_date_option(as_of)), dry_run=dry_run,
        commit=not no_commit, replace=again or replace or dry_run,
    )))  # fmt: skip


@record_app.command(
    "indicator",
    epilog="\b\nVí dụ:\n  kstthc record indicator 3 --period q2 --num 40 --den 80\n"
    "  kstthc record indicator 11.3 --period q2 --value 92.5 --dry-run\n"
    "  kstthc record indicator 9 --period q2 --none",
)
def record_indicator(
    indicator_id: Annotated[
        str, typer.Argument(metavar="ID", help="Số chỉ tiêu, ví dụ 3 hoặc 11.3.")
    ],
    period: Annotated[
        str,
        typer.Option("--period", metavar="KỲ", help="Kỳ của số liệu: q1…q4, quý 2, 6t, 9t, năm…"),
    ],
    num: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--num", metavar="SỐ", help="Tử số (số đếm được, ví dụ 40).", show_default=False
        ),
    ] = None,
    den: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--den", metavar="SỐ", help="Mẫu số (số đếm được, ví dụ 80).", show_default=False
        ),
    ] = None,
    value: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--value",
            metavar="SỐ",
            help="Giá trị nhập thẳng (chỉ tiêu không có tử/mẫu số, ví dụ 92.5).",
            show_default=False,
        ),
    ] = None,
    none: Annotated[
        bool,
        typer.Option(
            "--none", help="Kỳ này không phát sinh (không có gì để đếm, ví dụ không có phản ánh)."
        ),
    ] = False,
    note: NoteOpt = None,
    delete: DeleteOpt = False,
    dry_run: DryRunOpt = False,
    no_commit: NoCommitOpt = False,
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Ghi số liệu một chỉ tiêu trong một kỳ; ghi lại cùng kỳ sẽ thay số cũ."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import judging_day
    from kstthc_cli.cli.values import figure_period, parse_count, parse_number, parse_text

    if delete:
        return _delete(data, year, as_of, dry_run, no_commit, period, indicator=indicator_id)
    _show(lambda: api.record_indicator(
        data=data_dir(data), indicator=indicator_id,
        numerator=None if num is None else parse_count(num, "--num"),
        denominator=None if den is None else parse_count(den, "--den"),
        value=None if value is None else parse_number(value, "--value"), none=none,
        note=parse_text(note, "--note"), year=year,
        as_of=judging_day(parse_date_option(as_of)), dry_run=dry_run, commit=not no_commit,
        period=figure_period(data_dir(data), year, period, judging_day(parse_date_option(as_of))),
    ), lambda change: _verdict(change, data, as_of), period)  # fmt: skip


@record_app.command(
    "indicators",
    epilog="\b\nVí dụ:\n  kstthc record indicators --period q2\n"
    "  kstthc record indicators --period q2 --dry-run",
)
def record_indicators(
    period: Annotated[
        str,
        typer.Option("--period", metavar="KỲ", help="Kỳ của số liệu: q1…q4, quý 2, 6t, 9t, năm…"),
    ],
    dry_run: DryRunOpt = False,
    no_commit: NoCommitOpt = False,
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Ghi số liệu mọi chỉ tiêu của một kỳ: hỏi lần lượt từng chỉ tiêu, ghi một lần ở cuối."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import judging_day
    from kstthc_cli.cli.values import figure_period

    day = judging_day(parse_date_option(as_of))
    figures = _ask_figures(data_dir(data), year, period, day, dry_run)
    _show_batch(lambda: api.record_indicators(
        data=data_dir(data), period=figure_period(data_dir(data), year, period, day),
        figures=figures, year=year, as_of=day, dry_run=dry_run, commit=not no_commit,
    ), period)  # fmt: skip


def _ask_figures(
    folder: Path, year: int | None, period: str, day: date, dry_run: bool
) -> list[FigureInput]:
    """Each indicator in turn: its target, last period's figure and this period's, then the
    answer (Enter keeps, ``-`` skips, ``kps`` không phát sinh); a bad answer is asked again.
    The sample is refused before anything is asked (its answers could not be written)."""
    from kstthc_cli import api
    from kstthc_cli.cli.values import figure_words, parse_answer, period_and_year
    from kstthc_cli.compute import periods
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.errors import KstthcError
    from kstthc_cli.load.workspace import refuse_bundled
    from kstthc_cli.render import console, textfmt

    pid, plan_year = period_and_year(folder, year, period, day)
    if not dry_run:
        refuse_bundled(folder)
    state = api.evaluate(workspace=api.open_workspace(data=folder, year=plan_year), as_of=day)
    out, label = console.out(), periods.LABELS[pid]
    start = periods.SPANS[pid][0]
    out.print(f"Số liệu kỳ {label} năm {plan_year}. Enter: giữ; -: bỏ qua; kps: không phát sinh.")
    chosen: list[FigureInput] = []
    for res in state.indicators:
        ind = res.indicator
        before = [p for p in res.figures if periods.SPANS[p][1] < start]
        last = max(before, key=lambda p: periods.SPANS[p], default=None)
        out.print(f"\nChỉ tiêu {ind.id}. {' '.join(ind.name.split())}", markup=False)
        goal = textfmt.target(ind.target.op, res.target.assigned, ind.unit)
        prior = f"kỳ trước ({periods.LABELS[last]}): " if last else "kỳ trước: "
        prior += figure_words(res.figures.get(last) if last else None, ind.unit)
        now = figure_words(res.figures.get(pid), ind.unit)
        out.print(f"  Mục tiêu: {goal}; {prior}; kỳ này đang có: {now}", markup=False)
        ask = "  Tử số/mẫu số (ví dụ 40/80)" if ind.measure == "ratio" else "  Giá trị (ví dụ 92.5)"
        while True:
            try:
                answer = parse_answer(
                    typer.prompt(ask, default="", show_default=False), ind.measure
                )
                figure = _answered(ind.id, answer)
                if figure is not None:  # judged now, as the write will judge it
                    _judged(folder, plan_year, PeriodId(pid), day, [*chosen, figure])
                break
            except KstthcError as exc:
                console.err().print(f"  {exc.message} {exc.hint}".rstrip(), markup=False)
        if figure is not None:
            chosen.append(figure)
    out.print()
    return chosen


def _answered(indicator: str, answer: object) -> FigureInput | None:
    """The figure an answer gives (None: kept or skipped)."""
    from kstthc_cli.write.record import FigureInput

    if answer == "none":
        return FigureInput(indicator, none=True)
    if isinstance(answer, tuple):
        num, den, value = answer
        return FigureInput(indicator, num, den, value)
    return None


def _judged(
    folder: Path, year: int, period: PeriodId, day: date, figures: list[FigureInput]
) -> None:
    """The figures answered so far as the write will judge them (nothing written): a refusal
    is said at the prompt, in the prompt's words, and the answer asked again."""
    from kstthc_cli import api
    from kstthc_cli.errors import KstthcError
    from kstthc_cli.write.record import RecordRefused

    try:
        api.record_indicators(
            data=folder, period=period, figures=figures, year=year, as_of=day, dry_run=True
        )
    except RecordRefused as exc:
        raise KstthcError(exc.problem.message, exc.problem.hint) from None


def _show_batch(record: Callable[[], Batch], word: str) -> None:
    """What ``record indicators`` wrote (or would write), each figure in words (``word``: the
    period as typed)."""
    from kstthc_cli.cli.values import change_lines
    from kstthc_cli.render import console

    batch = _refused_said(record, word)
    lines = [line for c in batch.changes for line in change_lines(c) if not line.startswith("  ")]
    if not batch.changes:
        console.err().print("Không có số liệu nào mới; chưa ghi gì.", markup=False)
        return
    lines = [line.removeprefix(f"Đã tạo tệp {batch.display}.") for line in lines]
    lines = [line for line in lines if line]
    if batch.created:
        lines.insert(0, f"Đã tạo tệp {batch.display}.")
    lines.append(f"  Tệp: {batch.display}")
    _said(lines, batch.written, batch.diff, batch.commit)
