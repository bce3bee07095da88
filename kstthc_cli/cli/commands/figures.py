"""``kstthc form`` and ``kstthc import``: the figures of a period, through a workbook."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kstthc_cli.cli.commands.common import AsOfOpt, DataOpt, YearOpt, data_dir, parse_date_option

if TYPE_CHECKING:
    from kstthc_cli.write.figures import FiguresChange


def form(
    period: Annotated[
        str,
        typer.Argument(metavar="KỲ", help="Kỳ: q1…q4, h1/6t, h2, 9t, năm.", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", metavar="TỆP", help="Tệp Excel (.xlsx) để ghi mẫu."),
    ],
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Tạo mẫu Excel để điền số liệu một kỳ (hồ sơ, phản ánh kiến nghị, thủ tục, dịch vụ công)."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import output_kind
    from kstthc_cli.cli.values import parse_period_word
    from kstthc_cli.compute import periods
    from kstthc_cli.load.workspace import resolve_year
    from kstthc_cli.render import console

    output_kind(None, output, {"xlsx": [".xlsx"]}, "Mẫu là tệp Excel, ví dụ: -o so-lieu-q2.xlsx")
    day = parse_date_option(as_of)
    asked, period_year = parse_period_word(period, resolve_year(data_dir(data), year, day))
    pid, y = api.write_form(
        workspace=data_dir(data), period=asked, path=output, year=period_year, as_of=day
    )
    console.out().print(
        f"Đã ghi mẫu số liệu {periods.label(pid, y)} vào {output}. Điền xong, chạy: "
        f"kstthc import {output}",
        markup=False,
        soft_wrap=True,
    )


def import_(
    file: Annotated[
        str, typer.Argument(metavar="TỆP", help="Tệp Excel (.xlsx) cần nhập.", show_default=False)
    ],
    period: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Kỳ của danh sách hồ sơ không ghi 'Từ ngày … đến ngày …'.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in phần thay đổi của tệp (diff), không ghi gì.")
    ] = False,
    no_commit: Annotated[
        bool, typer.Option("--no-commit", help="Không tự lưu lần nhập này vào lịch sử (git).")
    ] = False,
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Nhập số liệu một kỳ từ mẫu của kstthc, Biểu 06/II.06a hoặc Danh sách hồ sơ."""
    from kstthc_cli import api, problems
    from kstthc_cli.cli.values import parse_period_word
    from kstthc_cli.compute import periods
    from kstthc_cli.errors import UsageError
    from kstthc_cli.load.workspace import resolve_year
    from kstthc_cli.render import console
    from kstthc_cli.write import imports

    if not Path(file).is_file():
        raise UsageError(f"Không có tệp '{file}'.", "Ghi đúng đường dẫn tệp Excel cần nhập.")
    day = parse_date_option(as_of)
    asked = None
    if period is not None:
        asked = parse_period_word(period, resolve_year(data_dir(data), year, day))
    change = api.import_figures(
        data=data_dir(data), path=Path(file), dry_run=dry_run, year=year, period=asked, as_of=day,
        commit=not no_commit,
    )  # fmt: skip
    err = console.err()
    for p in change.warnings:
        err.print(problems.render(p), markup=False)
        err.print()
    what = imports.KIND_WORDS[change.kind]  # type: ignore[index]
    label = periods.label(change.pid, change.year)
    if not change.written:
        sys.stdout.write(change.diff())
        sys.stdout.flush()
        err.print(f"Chạy thử (--dry-run): {what}, {label}; chưa ghi gì vào tệp.", markup=False)
        return
    verb = "thay số liệu" if change.replaced else "ghi thêm số liệu"
    console.out().print(
        f"Đã {verb} {label} ({what}: {change.rows} dòng lĩnh vực, {change.late} hồ sơ trễ hạn) "
        f"vào {change.display}.",
        markup=False,
        soft_wrap=True,
    )
    _said_direct(change, label)


def _said_direct(change: FiguresChange, label: str) -> None:
    """The form's directly entered indicators, recorded in the actuals file; the commit."""
    from kstthc_cli.render import console
    from kstthc_cli.write import autocommit

    if change.direct is not None and change.direct.written:
        console.out().print(
            f"Đã ghi số liệu {label} của chỉ tiêu {', '.join(change.direct_ids)} (trang "
            f"Chỉ tiêu nhập trực tiếp) vào {change.direct.display}.",
            markup=False,
            soft_wrap=True,
        )
    committed = autocommit.committed_line(change.commit)
    if committed:
        console.out().print(committed, markup=False, soft_wrap=True)
