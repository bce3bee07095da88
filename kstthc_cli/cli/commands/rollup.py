"""``kstthc rollup``: many communes' folders in one view, for the province."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from kstthc_cli import api
from kstthc_cli.cli.commands.common import (
    AsOfOpt,
    DataOpt,
    JsonFile,
    JsonOpt,
    YearOpt,
    json_output,
    output_kind,
    parse_date_option,
    print_json,
    today,
    write_output,
)
from kstthc_cli.errors import UsageError

if TYPE_CHECKING:
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.compute.rollup import Rollup

#: Below this many folders the progress bar would only flicker.
PROGRESS_FROM = 20


def rollup(
    dirs: Annotated[
        list[Path],
        typer.Argument(
            help="Thư mục dữ liệu của từng xã (có plan_<năm>.yaml, hoặc thư mục xã do kstthc "
            "init lập, có data/ bên trong), hoặc gói .zip do xã làm bằng kstthc pack.",
            metavar="THƯ_MỤC...",
            show_default=False,
        ),
    ],
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    period: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Chỉ lấy số liệu của kỳ này (q1, quý 2, 6t, năm…); mặc định: lũy kế đến --as-of.",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    output_format: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            metavar="text|md|xlsx|csv|json",
            help="text (màn hình), md (Markdown), xlsx (Excel, cần -o), csv (một bảng, xem "
            "--table) hoặc json (như --json).",
            show_default=False,
        ),
    ] = None,
    table: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--table",
            metavar="BẢNG",
            help="Bảng in ra với --format csv: theo-ky (mặc định: xã × chỉ tiêu × quý), xa, "
            "chi-tieu-gop, xa-chua-dat, chua-co-so-lieu, loi-du-lieu, chi-tiet, ho-so.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("-o", "--output", metavar="TỆP", help="Ghi ra tệp này.", show_default=False),
    ] = None,
) -> None:
    """Tổng hợp nhiều xã: việc quá hạn, chỉ tiêu từng xã, chỉ tiêu gộp (Σ tử số / Σ mẫu số)
    và các xã chưa đạt. Xã có dữ liệu lỗi được báo và bỏ qua (mã thoát 1)."""
    from kstthc_cli.compute.rollup import expand

    kind, table = _format(output_format, output, json, table)
    dirs = expand(dirs)
    to = json_output(True, output, is_input=_inputs(dirs)) if kind == "json" else None
    when = parse_date_option(as_of)
    pid, year = _period(dirs, year, when, period)
    with _progress(len(dirs), shown=kind != "json") as bar:
        result = api.rollup(
            sources=dirs, period=pid, as_of=when, year=year, progress=bar.read,
            by_period=kind == "xlsx" or table == "theo-ky",
        )  # fmt: skip
        _output(result, kind, table, (output, to), dirs, bar)
    if result.broken:
        raise typer.Exit(1)


def _period(
    dirs: list[Path], year: int | None, when: date | None, word: str | None
) -> tuple[PeriodId | None, int | None]:
    """``--period`` as a period id; a year-qualified word (``2024q4``) picks its year when
    ``--year`` says nothing else and some folder has that plan (as ``report`` does)."""
    if word is None:
        return None, year
    from kstthc_cli.cli.values import period_in_plans
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.compute.rollup import folder_years, rollup_year

    have = folder_years(dirs)
    chosen = rollup_year(have, year, when or today())
    pid, y = period_in_plans(
        word, chosen, year=year, plan_years=lambda: have, where="không thư mục nào có"
    )
    return PeriodId(pid), y


class _Bar:
    """The progress bar's phases: reading the communes (one step each), pooling, writing."""

    def __init__(self, bar: Any = None, total: int = 0) -> None:
        self.bar, self.total, self.seen = bar, total, 0
        self.task = None if bar is None else bar.add_task("Đang đọc dữ liệu các xã", total=total)

    def read(self, _: Path) -> None:
        self.seen += 1
        if self.bar is not None:
            done = self.seen >= self.total
            what = "Đang gộp số liệu các xã" if done else "Đang đọc dữ liệu các xã"
            self.bar.update(self.task, advance=1, description=what)

    def write(self, done: int, total: int) -> None:
        if self.bar is not None:
            what = "Đang ghi tệp Excel"
            self.bar.update(self.task, completed=done, total=max(total, 1), description=what)


@contextmanager
def _progress(total: int, *, shown: bool) -> Iterator[_Bar]:
    """A progress bar on a terminal's stderr for many folders, through reading, pooling and
    writing; a bar that shows nothing otherwise."""
    import sys

    if not shown or total < PROGRESS_FROM or not sys.stderr.isatty():
        yield _Bar()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from kstthc_cli.render import console

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console.err(), transient=True) as bar:
        yield _Bar(bar, total)


def _output(
    result: Rollup,
    kind: str,
    table: str | None,
    where: tuple[Path | None, JsonFile | None],
    dirs: list[Path],
    bar: _Bar,
) -> None:
    """The rollup printed (text, JSON, Markdown, CSV) or written to ``-o`` (the same, or
    Excel; UTF-8), never over one of the communes' own files; ``where``: ``-o``, and the
    JSON file it is (``json_output``)."""
    import sys

    from kstthc_cli.compute import rollup as core
    from kstthc_cli.render import console

    output, to = where
    if kind == "json":
        told = f"Đã ghi {output} ({len(result.communes)} xã)."
        print_json(core.rollup_json(result), to, told)
    elif kind == "text":
        from kstthc_cli.render.rollup_views import print_rollup

        print_rollup(console.out(), result)
    else:
        data = _render(kind, table, result, bar, to_file=output is not None)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            _write(output, data, _inputs(dirs))
            console.note(f"Đã ghi {output} ({len(result.communes)} xã).")


#: The extensions each format rollup writes is written to (``""``: no extension is Markdown).
SUFFIXES = {
    "md": (".md", ".markdown", ".txt", ""),
    "xlsx": (".xlsx",),
    "csv": (".csv",),
    "json": (".json",),
}


def _format(
    given: str | None, output: Path | None, json: bool, table: str | None
) -> tuple[str, str | None]:
    """The format (and, for CSV, the table) the options ask for; a wrong mix exits 2."""
    kind = _kind(given, output, json)
    if kind != "csv":
        if table is not None:
            raise UsageError(
                "--table chỉ dùng với --format csv.", "Thêm --format csv, hoặc bỏ --table."
            )
        return kind, None
    from kstthc_cli.render.rollup_csv import DEFAULT_TABLE, TABLES

    word = (table or DEFAULT_TABLE).strip().lower()
    if word not in TABLES:
        raise UsageError(f"Không có bảng '{table}'.", "Chọn một trong: " + ", ".join(TABLES) + ".")
    return kind, word


def _kind(given: str | None, output: Path | None, json: bool) -> str:
    if json:
        if given not in (None, "json"):
            raise UsageError(
                "--json đã chọn định dạng JSON; không dùng cùng --format khác.",
                "Bỏ --json, hoặc bỏ --format.",
            )
        return "json"
    kind: str | None = None
    if given is not None:
        kind = given.strip().lower().lstrip(".")
        kind = {"markdown": "md", "excel": "xlsx"}.get(kind, kind)
        if kind not in ("text", "md", "xlsx", "csv", "json"):
            raise UsageError(
                f"Không có định dạng '{given}'.",
                "Chọn một trong: text, md, xlsx, csv, json (hoặc dùng --json).",
            )
    if kind == "xlsx" and output is None:
        raise UsageError("Định dạng xlsx cần tên tệp để ghi.", "Thêm -o, ví dụ: -o tong-hop.xlsx")
    if kind == "text" and output is not None:
        raise UsageError(
            "Định dạng text chỉ in ra màn hình.", "Dùng --format md hoặc xlsx để ghi ra tệp."
        )
    chosen = output_kind(
        kind,
        output,
        SUFFIXES,
        "Bản tổng hợp ghi ra tệp .md (Markdown), .xlsx (Excel), .csv hoặc .json.",
    )
    return chosen or "text"


def _render(kind: str, table: str | None, result: Rollup, bar: _Bar, *, to_file: bool) -> bytes:
    if kind == "xlsx":
        from kstthc_cli.render.rollup_xlsx import workbook_bytes

        return workbook_bytes(result, bar.write)
    if kind == "csv":
        from kstthc_cli.render.rollup_csv import csv_bytes

        return csv_bytes(result, table or "theo-ky", bom=to_file)
    from kstthc_cli.render.rollup_views import to_markdown

    return to_markdown(result).encode("utf-8")


def _inputs(dirs: list[Path]) -> Callable[[Path], bool]:
    """Whether a path is one of the communes' files (``-o`` never writes over one)."""
    return lambda p: any(_is_input(p, d) for d in dirs)


def _is_input(path: Path, source: Path) -> bool:
    """``path`` is one of a commune's files: in its folder, or the pack itself."""
    import os

    from kstthc_cli.load.pack import is_pack
    from kstthc_cli.load.workspace import data_folder, is_input_file

    if is_pack(source):
        return os.path.realpath(path) == os.path.realpath(source)
    return is_input_file(path, data_folder(source))


def _write(path: Path, data: bytes, is_input: Callable[[Path], bool]) -> None:
    write_output(path, data, example="tong-hop.xlsx", app="Excel", is_input=is_input)


def pack(
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    period: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--period",
            metavar="KỲ",
            help="Kỳ của gói (q1, quý 2, 6t, năm…); mặc định: quý gần nhất đã hết hạn chốt.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "-o",
            "--output",
            metavar="TỆP",
            help="Tệp .zip để ghi (mặc định: goi-<xã>-<năm>-<kỳ>.zip ở thư mục hiện tại).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Đóng gói dữ liệu của xã (kế hoạch, chỉ tiêu, kết quả, số liệu của kỳ) thành một tệp
    .zip có kê mã kiểm tra từng tệp, để gửi lên tỉnh; tỉnh tổng hợp bằng kstthc rollup."""
    from kstthc_cli.cli.commands.common import data_dir
    from kstthc_cli.compute import periods
    from kstthc_cli.render import console

    folder = data_dir(data)
    pid, year, day = _pack_period(folder, year, parse_date_option(as_of), period)
    done = api.pack(data=folder, as_of=day, period=pid, year=year, path=output)
    size = f"{done.size / 1024:.0f} KB".replace(".", ",")
    console.err().print(
        f"Đã đóng gói {done.path}: {done.commune}, {periods.label(done.period, done.year)} "
        f"({len(done.files)} tệp, {size}). Gửi tệp này lên tỉnh.",
        markup=False,
    )


def _pack_period(
    folder: Path, year: int | None, when: date | None, word: str | None
) -> tuple[PeriodId | None, int | None, date]:
    """``--period`` as a period id (a year-qualified word picks its plan year, as ``report``
    does), the plan year, and the day judged (the plan's last day once its year is over)."""
    from kstthc_cli.cli.commands.common import effective_day, judging_day
    from kstthc_cli.cli.values import period_and_year
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.load.workspace import resolve_year

    pid = None
    if word is not None:
        text, year = period_and_year(folder, year, word, judging_day(when))
        pid = PeriodId(text)
    return pid, year, effective_day(resolve_year(folder, year, judging_day(when)), when)
