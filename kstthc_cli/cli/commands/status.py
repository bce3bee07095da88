"""``kstthc status``, ``tasks``, ``calendar``: what is overdue or due soon; when reports are due."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kstthc_cli.cli.commands.common import (
    AsOfOpt,
    DataOpt,
    JsonFile,
    JsonOpt,
    OutputOpt,
    YearOpt,
    data_dir,
    json_output,
    print_json,
)
from kstthc_cli.errors import UsageError

if TYPE_CHECKING:
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.load.workspace import Workspace

UnitOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--unit",
        metavar="MÃ",
        help="Chỉ các nhiệm vụ, chỉ tiêu mà đơn vị này chủ trì/phối hợp (mã đơn vị).",
        show_default=False,
    ),
]


def _open(data: Path | None, year: int | None, as_of: str | None):  # type: ignore[no-untyped-def]
    """The workspace of ``--year``, else of the year of ``--as-of`` (or today) if the folder has
    that plan, else the latest; and the day to judge by, with whether it was moved to 31/12."""
    from kstthc_cli.cli.commands.common import judging_day, parse_date_option, today
    from kstthc_cli.compute.status import effective_as_of
    from kstthc_cli.load.workspace import open_workspace

    when = parse_date_option(as_of)
    ws = open_workspace(data_dir(data), year, as_of=judging_day(when))
    day, note = effective_as_of(ws.year, when, today())
    return ws, day, note


#: The one-stop body's two names (Bộ phận Một cửa, since 2025 the commune's Trung tâm Phục vụ
#: hành chính công): either finds the unit a plan calls by the other.
_SAME_BODY = (("mot cua", "phuc vu hanh chinh cong"), ("phuc vu hanh chinh cong", "mot cua"))


def _check_unit(ws: Workspace, unit: str | None) -> str | None:
    """The unit id as the plan writes it (``VP-TK`` finds ``vp-tk``), or the unit whose name
    holds the words given, without diacritics (``một cửa`` finds ``Bộ phận Một cửa xã``, or
    the ``Trung tâm Phục vụ hành chính công`` that replaced it); unknown units exit 2, and so
    do words found in several units' names (which ones are said)."""
    if unit is None:
        return None
    from kstthc_cli.load.text import did_you_mean, fold

    names = ws.plan.unit_names()
    by_case = {k.casefold(): k for k in names}
    unit = by_case.get(unit.strip().casefold(), unit)
    words = " ".join(fold(unit).split())
    folded = {k: " ".join(fold(v).split()) for k, v in names.items()}
    named = [k for k, v in folded.items() if words and f" {words} " in f" {v} "]
    for said, other in _SAME_BODY:
        if not named and f" {said} " in f" {words} ":
            named = [k for k, v in folded.items() if f" {other} " in f" {v} "]
    if unit not in names and len(named) > 1:
        raise UsageError(
            f"'{unit}' khớp nhiều đơn vị: "
            + ", ".join(f"{k} ({names[k]})" for k in named)
            + "; chưa biết chọn đơn vị nào.",
            f"Ghi rõ hơn tên đơn vị, hoặc dùng mã đơn vị, ví dụ --unit {named[0]}.",
        )
    if unit not in names and len(named) == 1:
        unit = named[0]
    if unit not in names:
        guess = did_you_mean(unit, names, cutoff=0.6)
        raise UsageError(
            f"Không có đơn vị '{unit}'." + (f" {guess}" if guess else ""),
            "Các mã đơn vị: " + ", ".join(f"{k} ({v})" for k, v in names.items()) + ".",
        )
    return unit


def _check_png(path: Path | None) -> None:
    """``--chart`` names a ``.png`` file (checked before anything is read)."""
    if path is not None and path.suffix.lower() != ".png":
        shown = f"có đuôi {path.suffix}" if path.suffix else "không có đuôi"
        raise UsageError(
            f"Tệp '{path}' {shown}; biểu đồ được ghi ra tệp ảnh .png.",
            "Ví dụ: kstthc status --chart bieu-do.png",
        )


def _check_outputs(
    chart: Path | None, json: bool, output: Path | None, data: Path | None
) -> JsonFile | None:
    """``--chart`` and ``-o``, checked before anything is read; the JSON's file, if any."""
    _check_png(chart)
    return json_output(json, output, data=data)


def _write_chart(png: bytes, path: Path, folder: Path) -> None:
    from kstthc_cli.cli.commands.common import write_output
    from kstthc_cli.load.workspace import is_input_file
    from kstthc_cli.render import console

    write_output(
        path,
        png,
        example="bieu-do.png",
        app="trình xem ảnh",
        is_input=lambda p: is_input_file(p, folder),
        what="biểu đồ",
    )
    console.err().print(f"Đã ghi biểu đồ chỉ tiêu vào {path}.", markup=False)


def status(
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    json: JsonOpt = False,
    output: OutputOpt = None,
    chart: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--chart",
            metavar="TỆP.png",
            help="Ghi thêm biểu đồ chỉ tiêu (lũy kế theo quý so với mục tiêu) ra tệp PNG này "
            "(cần matplotlib).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Bảng theo dõi: việc quá hạn, sắp đến hạn, đang làm; chỉ tiêu so với mục tiêu."""
    from kstthc_cli import api
    from kstthc_cli.compute.status import dashboard, dashboard_json
    from kstthc_cli.render import console

    to = _check_outputs(chart, json, output, data)
    ws, day, note = _open(data, year, as_of)
    unit = _check_unit(ws, unit)
    state = api.evaluate(workspace=ws, as_of=day)
    board = dashboard(state, unit=unit, note=note)
    if chart is not None:
        _write_chart(api.indicator_chart(state=state, unit=unit), chart, ws.data_dir)
    if json:
        print_json(dashboard_json(board), to)
        return
    from kstthc_cli.render.views import print_dashboard

    print_dashboard(console.out(), board, ws.plan.unit_names(), ws.plan.issuing_body)


def tasks(
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ việc quá hạn.")] = False,
    due_soon: Annotated[bool, typer.Option("--due-soon", help="Chỉ việc sắp đến hạn.")] = False,
    unit: UnitOpt = None,
    period: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Chỉ việc có hạn trong kỳ này (q1, quý 2, 6t, năm…); đột xuất: việc theo yêu cầu.",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    output: OutputOpt = None,
) -> None:
    """Danh sách nhiệm vụ, lọc theo tình trạng, đơn vị hoặc kỳ."""
    from kstthc_cli import api
    from kstthc_cli.compute.status import next_first, select_tasks, tasks_json
    from kstthc_cli.render import console

    to = json_output(json, output, data=data)
    pid, year = _period(data, year, as_of, period)
    ws, day, _ = _open(data, year, as_of)
    unit = _check_unit(ws, unit)
    state = api.evaluate(workspace=ws, as_of=day)
    states = frozenset({"overdue"} if overdue else set()) | ({"due-soon"} if due_soon else set())
    chosen = next_first(select_tasks(state.tasks_of(unit), ws.year, states=states, pid=pid))
    if json:
        print_json(tasks_json(ws.year, day, chosen), to)
        return
    from kstthc_cli.render.views import print_tasks

    print_tasks(console.out(), chosen, ws.plan.unit_names())


def _period(
    data: Path | None, year: int | None, as_of: str | None, period: str | None
) -> tuple[PeriodId | str | None, int | None]:
    """``--period`` as a period id, and the plan year it belongs to (``--year`` otherwise);
    ``đột xuất`` is ``schedule.ADHOC``: the tasks done on demand."""
    if period is None:
        return None, year
    from kstthc_cli.cli.commands.common import judging_day, parse_date_option
    from kstthc_cli.cli.values import period_and_year
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.compute.schedule import ADHOC, is_adhoc_word

    if is_adhoc_word(period):
        return ADHOC, year

    day = judging_day(parse_date_option(as_of))
    pid, year = period_and_year(data_dir(data), year, period, day)
    return PeriodId(pid), year


def calendar(
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
    output: OutputOpt = None,
) -> None:
    """Các kỳ báo cáo trong năm: khoảng chốt số liệu và hạn gửi."""
    from kstthc_cli import api
    from kstthc_cli.compute.status import calendar_json
    from kstthc_cli.render import console

    to = json_output(json, output, data=data)
    ws, day, _ = _open(data, year, as_of)
    state = api.evaluate(workspace=ws, as_of=day)
    if json:
        print_json(calendar_json(state), to)
        return
    from kstthc_cli.render.views import print_calendar

    rule = ws.plan.reporting.cutoff_rule
    print_calendar(console.out(), ws.year, rule, list(state.periods), as_of=day)
