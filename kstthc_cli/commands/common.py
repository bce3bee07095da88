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


def today() -> date:
    return date.today()
