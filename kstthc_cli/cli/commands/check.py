"""``kstthc check``: validate the workspace and print every problem at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from kstthc_cli.problems import Problem


def check(
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    json: JsonOpt = False,
    output: OutputOpt = None,
) -> None:
    """Kiểm tra dữ liệu: in mọi lỗi và cảnh báo cùng lúc, kèm dòng, cột và cách sửa."""
    from kstthc_cli import api, problems
    from kstthc_cli.cli.commands.common import judging_day, parse_date_option
    from kstthc_cli.cli.values import problem_with_options
    from kstthc_cli.render import console

    to = json_output(json, output, data=data)
    folder, day = data_dir(data), judging_day(parse_date_option(as_of))
    found = api.check(data=folder, year=year, as_of=day)
    found = [problem_with_options(p) for p in found]
    if json:
        print_json(_json(found, folder, year, day), to)
    else:
        shown = [p for p in found if not p.acknowledged]  # acknowledged: counted only
        err = console.err()
        for p in shown:
            err.print(problems.render(p), markup=False)
            err.print()
        (err if shown else console.out()).print(problems.summary(found), markup=False)
    if problems.has_errors(found):
        raise typer.Exit(1)


def _json(found: list[Problem], folder: Path, year: int | None, day: date) -> dict[str, Any]:
    """``check --json``: the plan year checked, the day judged, every problem."""
    from kstthc_cli.load.workspace import resolve_year

    return {
        "year": resolve_year(folder, year, day),
        "as_of": day.isoformat(),
        "problems": [p.as_json() for p in found],
    }
