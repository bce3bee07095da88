"""Options every command shares (``--data``, ``--year``, ``--as-of``) and how they are read."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from kstthc_cli.errors import UsageError

DataOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
    typer.Option(
        "--data",
        envvar="KSTTHC_DATA",
        metavar="THƯ_MỤC",
        help="Thư mục chứa plan_<năm>.yaml (mặc định: ./data, nếu không có: dữ liệu mẫu).",
        show_default=False,
    ),
]
YearOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--year",
        metavar="NĂM",
        help="Năm kế hoạch (mặc định: năm mới nhất có plan_<năm>.yaml).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--as-of",
        metavar="NGÀY",
        help="Xét tại ngày này (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định: hôm nay).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON cho máy đọc.")]


def data_dir(data: Path | None) -> Path:
    from kstthc_cli.workspace import default_data_dir

    return data if data is not None else default_data_dir()


def parse_date_option(value: str | None, option: str = "--as-of") -> date | None:
    if value is None:
        return None
    from kstthc_cli.models import parse_day

    try:
        result: date = parse_day(value)
    except ValueError as exc:
        raise UsageError(
            f"Giá trị của {option} không hợp lệ: {exc}.",
            "Viết ngày dạng 2024-04-20 hoặc 20/04/2024.",
        ) from None
    return result


def period_and_year(folder: Path, year: int | None, word: str) -> tuple[str, int]:
    """A period word and the plan year it belongs to: ``2025q1`` opens the 2025 plan (if the
    folder has one and ``--year`` says nothing else); a period of a year without a plan exits 2."""
    from kstthc_cli import periods
    from kstthc_cli.workspace import plan_years, resolve_year

    plan_year = resolve_year(folder, year)
    pid, period_year = periods.parse_period(word, plan_year)
    if period_year != plan_year:
        if year is not None:
            raise UsageError(
                f"Kỳ '{word}' thuộc năm {period_year}, khác --year {year}.",
                "Bỏ --year, hoặc viết kỳ không kèm năm.",
            )
        if period_year not in plan_years(folder):
            have = ", ".join(str(y) for y in plan_years(folder))
            raise UsageError(
                f"Kỳ '{word}' thuộc năm {period_year}, nhưng '{folder}' không có "
                f"plan_{period_year}.yaml.",
                f"Các năm có kế hoạch: {have}.",
            )
    return pid, period_year


def today() -> date:
    return date.today()
