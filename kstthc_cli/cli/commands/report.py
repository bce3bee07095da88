"""``kstthc report P``: the periodic report, as Markdown (default) or a Word file (NĐ 30)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from kstthc_cli.cli.commands.common import (
    AsOfOpt,
    DataOpt,
    YearOpt,
    data_dir,
    output_kind,
    write_output,
)
from kstthc_cli.errors import UsageError

FORMATS = ("md", "docx")


def report(
    period: Annotated[
        str,
        typer.Argument(
            metavar="KỲ",
            help="Kỳ báo cáo: q1…q4, quý 2, h1/6t, h2, 9t, năm; có thể kèm năm: q2/2024.",
            show_default=False,
        ),
    ],
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
            help="Ngày ghi trên báo cáo (mặc định: ngày của --as-of, hoặc hôm nay).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Lập báo cáo định kỳ của một kỳ: Markdown hoặc Word theo Nghị định 30/2020."""
    import sys

    from kstthc_cli.cli.commands.common import (
        judging_day,
        parse_date_option,
        period_and_year,
        today,
    )
    from kstthc_cli.compute.report import build_report
    from kstthc_cli.compute.status import effective_as_of
    from kstthc_cli.load.workspace import is_input_file, open_workspace
    from kstthc_cli.render import console

    kind = _format(output_format, output, template)
    when = parse_date_option(as_of)
    dated = parse_date_option(report_date, "--date")
    folder = data_dir(data)
    pid, plan_year = period_and_year(folder, year, period, judging_day(when))
    ws = open_workspace(folder, plan_year)
    day, _ = effective_as_of(ws.year, when, today())
    doc = build_report(ws, pid=pid, as_of=day, report_date=dated or when or today(), number=number)
    err = console.err()
    for note in doc.notes:
        err.print(f"Lưu ý: {note}", markup=False)

    if kind == "docx":
        from kstthc_cli.render.report_docx import docx_bytes

        target = output if output is not None else Path(f"{doc.file_stem}.docx")
        _write(target, docx_bytes(doc), lambda p: is_input_file(p, folder))
        err.print(f"Đã ghi {target} (báo cáo {doc.period_title}).", markup=False)
        return
    from kstthc_cli.render.report_md import find_template, render

    used = find_template(ws.data_dir, template)
    text = render(doc, used)
    if output is None:
        sys.stdout.write(text)
        return
    _write(
        output,
        text.encode("utf-8"),
        lambda p: is_input_file(p, folder) or p.resolve() == used.resolve(),
    )
    err.print(f"Đã ghi {output} (báo cáo {doc.period_title}).", markup=False)


#: The extensions each format is written to (``""``: a file name without one is Markdown).
SUFFIXES = {"md": (".md", ".markdown", ".txt", ""), "docx": (".docx",)}


def _format(given: str | None, output: Path | None, template: Path | None) -> str:
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
    return chosen


def _write(path: Path, data: bytes, is_input: Callable[[Path], bool]) -> None:
    write_output(path, data, example="bao-cao.docx", app="Word", is_input=is_input)
