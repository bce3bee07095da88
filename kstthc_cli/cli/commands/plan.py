"""``kstthc targets`` and ``kstthc new-year``: the year's assigned targets, and next year's plan."""

from __future__ import annotations

from typing import Annotated

import typer

from kstthc_cli.cli.commands.common import (
    AsOfOpt,
    DataOpt,
    JsonOpt,
    OutputOpt,
    YearOpt,
    data_dir,
    json_output,
    print_json,
)


def targets(
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
    output: OutputOpt = None,
) -> None:
    """Chỉ tiêu giao theo nguyên tắc của Phụ lục: chỉ tiêu Trung ương, kết quả năm trước,
    chỉ tiêu giao và cách tính (a, b, chưa có kết quả năm trước)."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import judging_day, parse_date_option
    from kstthc_cli.compute import targets as core
    from kstthc_cli.render import console

    to = json_output(json, output, data=data)
    day = judging_day(parse_date_option(as_of))  # picks the plan year when --year is not given
    ws = api.open_workspace(data=data_dir(data), year=year, as_of=day)
    items = api.assigned_targets(workspace=ws)
    rule = ws.indicators.assignment_rule
    if json:
        print_json(core.targets_json(items, rule, ws.year, day), to)
        return
    core.print_targets(console.out(), items, rule, ws.year)


def new_year(
    year: Annotated[int, typer.Argument(help="Năm của kế hoạch mới, ví dụ 2025.", metavar="NĂM")],
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in phần khác so với năm trước, không ghi gì.")
    ] = False,
    no_commit: Annotated[
        bool, typer.Option("--no-commit", help="Không tự lưu hai tệp mới vào lịch sử (git).")
    ] = False,
) -> None:
    """Lập kế hoạch năm mới (plan_NĂM.yaml, indicators_NĂM.yaml) từ kế hoạch năm trước:
    giữ nhiệm vụ, chỉ tiêu và chú thích; lấy kết quả năm trước làm cơ sở giao chỉ tiêu."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import parse_date_option
    from kstthc_cli.render import console, newyear_view

    parse_date_option(as_of)  # accepted like every command's; last year is judged on 31/12
    result = api.start_year(
        data=data_dir(data), year=year, dry_run=dry_run, commit=not (no_commit or dry_run)
    )
    newyear_view.print_result(console.out(), console.err(), result)
