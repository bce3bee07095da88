"""kstthc as a library: keyword-only functions doing what the commands do.

Each block belongs to one part of kstthc; the command layer calls these functions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kstthc_cli.write.figures import FiguresChange


# ---------------------------------------------------------------- figures (form, import)


def write_form(
    *,
    workspace: Path,
    period: str,
    path: Path,
    year: int | None = None,
    as_of: date | None = None,
) -> tuple[str, int]:
    """Write the workbook to fill in with the figures of ``period`` (a period word) to
    ``path``; returns the period id and year written for."""
    from kstthc_cli.compute import periods
    from kstthc_cli.errors import UsageError
    from kstthc_cli.load.workspace import is_input_file, open_workspace, resolve_year
    from kstthc_cli.render import form_xlsx
    from kstthc_cli.write import safewrite

    plan_year = resolve_year(workspace, year, as_of)
    pid, period_year = periods.parse_period(period, plan_year)
    ws = open_workspace(workspace, period_year)
    data = form_xlsx.write_form(ws, pid)
    if is_input_file(path, workspace):
        raise UsageError(
            f"'{path}' là tệp dữ liệu của xã; mẫu nhập số liệu không được ghi đè lên nó.",
            f"Chọn tên tệp khác, ví dụ so-lieu-{pid.lower()}.xlsx.",
        )
    from kstthc_cli.errors import KstthcError

    if path.is_dir() or not path.parent.is_dir():
        raise UsageError(
            f"Không ghi được mẫu vào '{path}': "
            + ("đó là một thư mục." if path.is_dir() else f"không có thư mục '{path.parent}'."),
            f"Ghi rõ tên tệp trong một thư mục có sẵn, ví dụ so-lieu-{pid.lower()}.xlsx.",
        )
    try:
        safewrite.replace_atomically(path, data, safewrite.fingerprint(safewrite.read_bytes(path)))
    except OSError as exc:
        raise KstthcError(
            f"Không ghi được {path}: {exc.strerror or exc}.",
            "Nếu tệp đang mở trong Excel, đóng nó rồi chạy lại.",
        ) from None
    return pid, period_year


def import_figures(
    *,
    data: Path,
    path: Path,
    dry_run: bool = False,
    year: int | None = None,
    period: str | None = None,
    as_of: date | None = None,
) -> FiguresChange:
    """Record one period's figures read from the workbook at ``path`` (kstthc's form, a
    Biểu 06 / II.06a export or a Danh sách hồ sơ) in ``figures_N.yaml``."""
    from kstthc_cli.write import figures

    return figures.import_figures(
        data, path=path, year=year, period=period, as_of=as_of, dry_run=dry_run
    )
