"""``kstthc check``: validate the workspace and print every problem at once."""

from __future__ import annotations

import typer

from kstthc_cli.cli.commands.common import AsOfOpt, DataOpt, JsonOpt, YearOpt, data_dir


def check(
    data: DataOpt = None, year: YearOpt = None, as_of: AsOfOpt = None, json: JsonOpt = False
) -> None:
    """Kiểm tra dữ liệu: in mọi lỗi và cảnh báo cùng lúc, kèm dòng, cột và cách sửa."""
    from kstthc_cli import api, problems
    from kstthc_cli.cli.commands.common import judging_day, parse_date_option
    from kstthc_cli.cli.values import problem_with_options
    from kstthc_cli.render import console

    found = api.check(data=data_dir(data), year=year, as_of=judging_day(parse_date_option(as_of)))
    found = [problem_with_options(p) for p in found]
    if json:
        console.print_json({"problems": [p.as_json() for p in found]})
    else:
        shown = [p for p in found if not p.acknowledged]  # acknowledged: counted only
        err = console.err()
        for p in shown:
            err.print(problems.render(p), markup=False)
            err.print()
        (err if shown else console.out()).print(problems.summary(found), markup=False)
    if problems.has_errors(found):
        raise typer.Exit(1)
