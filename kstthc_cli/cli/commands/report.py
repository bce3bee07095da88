"""``kstthc report P``: the periodic report, as Markdown (default) or a Word file (NĐ 30)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kstthc_cli import api
from kstthc_cli.api import ReportFormat
from kstthc_cli.cli.commands import common
from kstthc_cli.cli.commands.common import (
    AsOfOpt,
    DataOpt,
    YearOpt,
    data_dir,
    output_kind,
    parse_date_option,
    write_output,
)
from kstthc_cli.errors import UsageError

if TYPE_CHECKING:
    from kstthc_cli.compute.periodid import PeriodId
    from kstthc_cli.compute.report import Report

FORMATS = ("md", "docx")


def report(
    period: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="KỲ",
            help="Kỳ báo cáo: q1…q4, quý 2, h1/6t, h2, 9t, năm; có thể kèm năm: q2/2024.",
            show_default=False,
        ),
    ] = None,
    period_option: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--period", metavar="KỲ", help="Cũng là kỳ báo cáo (thay cho KỲ).", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Option(
            "--format",
            metavar="md|docx",
            help="md (Markdown, mặc định) hoặc docx (Word theo Nghị định 30/2020).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "-o",
            "--output",
            metavar="TỆP",
            help="Ghi ra tệp này (md mặc định in ra màn hình; docx mặc định "
            "bao-cao-<KỲ>-<NĂM>.docx ở thư mục hiện tại).",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template",
            metavar="TỆP",
            help="Mẫu Jinja thay cho templates/report.md.j2 (chỉ cho Markdown).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    number: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--number",
            metavar="SỐ",
            help='Số báo cáo, ví dụ "05" (mặc định để trống: …/BC-UBND).',
            show_default=False,
        ),
    ] = None,
    report_date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày ghi trên báo cáo (mặc định: ngày xét; không có --as-of thì hôm nay, "
            "nhưng không sau hạn gửi của kỳ).",
            show_default=False,
        ),
    ] = None,
    charts: Annotated[
        bool,
        typer.Option(
            "--charts",
            help="Kèm biểu đồ chỉ tiêu theo quý (cần matplotlib); Markdown cần -o, ảnh ghi cạnh.",
        ),
    ] = False,
) -> None:
    """Lập báo cáo định kỳ của một kỳ: Markdown hoặc Word theo Nghị định 30/2020."""
    word = _one_period(period, period_option)
    kind = _format(output_format, output, template, charts)
    when, dated = parse_date_option(as_of), parse_date_option(report_date, "--date")
    folder = data_dir(data)
    pid, plan_year = _period(folder, year, word, when)
    ws = api.open_workspace(data=folder, year=plan_year)
    day, dated_day = api.report_days(
        workspace=ws, period=pid, as_of=when, dated=dated, today=common.today()
    )
    doc = api.build_report(
        workspace=ws, period=pid, as_of=day, report_date=dated_day, number=number, charts=charts
    )
    _output(doc, kind, output, template, folder)


def _one_period(argument: str | None, option: str | None) -> str:
    """The period, written as ``report q2`` or ``report --period q2``."""
    if argument is None and option is None:
        raise UsageError("Thiếu KỲ.", "Ví dụ: kstthc report q2 (hoặc kstthc report --period q2).")
    if argument is not None and option is not None and argument != option:
        raise UsageError(
            f"Hai kỳ khác nhau: '{argument}' và --period '{option}'.", "Chỉ ghi một kỳ."
        )
    return str(argument if argument is not None else option)


def _period(folder: Path, year: int | None, word: str, when: date | None) -> tuple[PeriodId, int]:
    """The report's period and the plan year it belongs to."""
    from kstthc_cli.cli.commands.common import judging_day
    from kstthc_cli.cli.values import period_and_year
    from kstthc_cli.compute.periodid import PeriodId

    pid, plan_year = period_and_year(folder, year, word, judging_day(when))
    return PeriodId(pid), plan_year


def _output(
    doc: Report, kind: ReportFormat, output: Path | None, template: Path | None, folder: Path
) -> None:
    """The report laid out and printed, or written to ``-o`` (a Word file by default to
    ``bao-cao-<KỲ>-<NĂM>.docx``); never over the officer's files or the template it used.
    The report's notes (data not final yet, a district named after 2025) go to stderr first."""
    import sys

    from kstthc_cli.load.workspace import is_input_file
    from kstthc_cli.render import console

    for note in doc.notes:
        console.err().print(f"Lưu ý: {note}", markup=False)

    if kind is ReportFormat.DOCX:
        target = output if output is not None else Path(f"{doc.file_stem}.docx")
        data = api.render_report(report=doc, format=kind)
        _write(target, data, lambda p: is_input_file(p, folder))
        console.err().print(f"Đã ghi {target} (báo cáo {doc.period_title}).", markup=False)
        return
    from kstthc_cli.render.report_md import find_template

    used = find_template(folder, template)
    data = api.render_report(report=doc, format=kind, template=used)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    picture = output.with_name(f"{output.stem}-bieu-do.png")
    if doc.chart is not None:  # --charts: the picture beside the Markdown, linked from it
        from kstthc_cli.render.charts import markdown_appendix

        data += markdown_appendix(picture.name, doc.chart_number).encode("utf-8")
    _write(output, data, lambda p: is_input_file(p, folder) or p.resolve() == used.resolve())
    if doc.chart is not None:  # after the report, which may be refused (an officer's file)
        write_output(picture, doc.chart, example="bieu-do.png", app="trình xem ảnh", what="biểu đồ")
    console.err().print(f"Đã ghi {output} (báo cáo {doc.period_title}).", markup=False)


#: The extensions each format is written to (``""``: a file name without one is Markdown).
SUFFIXES = {"md": (".md", ".markdown", ".txt", ""), "docx": (".docx",)}


def _format(
    given: str | None, output: Path | None, template: Path | None, charts: bool = False
) -> ReportFormat:
    kind: str | None = None
    if given is not None:
        kind = given.strip().lower().lstrip(".")
        kind = {"markdown": "md", "word": "docx"}.get(kind, kind)
        if kind not in FORMATS:
            raise UsageError(f"Không có định dạng '{given}'.", "Chọn một trong: md, docx.")
    chosen = output_kind(
        kind,
        output,
        SUFFIXES,
        "Báo cáo Markdown ghi ra tệp .md, báo cáo Word ra tệp .docx; muốn có PDF, mở tệp "
        "Word rồi chọn Lưu thành PDF.",
    )
    chosen = chosen or "md"
    if chosen == "docx" and template is not None:
        raise UsageError(
            "--template chỉ dùng cho Markdown; bố cục Word do kstthc dựng theo Nghị định 30/2020.",
            "Bỏ --template, hoặc dùng --format md.",
        )
    if charts and chosen == "md" and output is None:
        raise UsageError(
            "--charts với Markdown cần -o TỆP: ảnh biểu đồ được ghi cạnh tệp Markdown.",
            "Ví dụ: kstthc report q2 --charts -o bao-cao-q2.md (hoặc --format docx).",
        )
    return ReportFormat(chosen)


def _write(path: Path, data: bytes, is_input: Callable[[Path], bool]) -> None:
    write_output(path, data, example="bao-cao.docx", app="Word", is_input=is_input)
