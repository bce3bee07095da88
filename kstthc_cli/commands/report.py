"""``kstthc report P``: the periodic report, as Markdown (default) or a Word file (NĐ 30)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kstthc_cli.commands.common import AsOfOpt, DataOpt, YearOpt, data_dir
from kstthc_cli.errors import KstthcError, UsageError

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

    from kstthc_cli import console
    from kstthc_cli.commands.common import parse_date_option, period_and_year, today
    from kstthc_cli.report import build_report
    from kstthc_cli.status import effective_as_of
    from kstthc_cli.workspace import open_workspace

    kind = _format(output_format, output, template)
    when = parse_date_option(as_of)
    dated = parse_date_option(report_date, "--date")
    folder = data_dir(data)
    pid, plan_year = period_and_year(folder, year, period)
    ws = open_workspace(folder, plan_year)
    day, _ = effective_as_of(ws.year, when, today())
    doc = build_report(ws, pid=pid, as_of=day, report_date=dated or when or today(), number=number)
    err = console.err()
    for note in doc.notes:
        err.print(f"Lưu ý: {note}", markup=False)

    if kind == "docx":
        from kstthc_cli.report_docx import docx_bytes

        target = output if output is not None else Path(f"{doc.file_stem}.docx")
        _write(target, docx_bytes(doc))
        err.print(f"Đã ghi {target} (báo cáo {doc.period_title}).", markup=False)
        return
    from kstthc_cli.report_md import find_template, render

    text = render(doc, find_template(ws.data_dir, template))
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text.encode("utf-8"))
    err.print(f"Đã ghi {output} (báo cáo {doc.period_title}).", markup=False)


def _format(given: str | None, output: Path | None, template: Path | None) -> str:
    if given is None:
        kind = "docx" if output is not None and output.suffix.lower() == ".docx" else "md"
    else:
        kind = given.strip().lower().lstrip(".")
        kind = {"markdown": "md", "word": "docx"}.get(kind, kind)
        if kind not in FORMATS:
            raise UsageError(f"Không có định dạng '{given}'.", "Chọn một trong: md, docx.")
    suffix = output.suffix.lower() if output is not None else ""
    expected = {"md": (".md", ".markdown", ".txt", ""), "docx": (".docx",)}[kind]
    if output is not None and suffix not in expected:
        raise UsageError(
            f"Tệp '{output}' có đuôi {suffix}, không hợp với định dạng {kind}.",
            "Báo cáo Markdown ghi ra tệp .md, báo cáo Word ra tệp .docx; muốn có PDF, mở tệp "
            "Word rồi chọn Lưu thành PDF.",
        )
    if kind == "docx" and template is not None:
        raise UsageError(
            "--template chỉ dùng cho Markdown; bố cục Word do kstthc dựng theo Nghị định 30/2020.",
            "Bỏ --template, hoặc dùng --format md.",
        )
    return kind


def _write(path: Path, data: bytes) -> None:
    """A report is disposable, but is still written whole or not at all."""
    from kstthc_cli import safewrite

    if path.is_dir():
        raise UsageError(f"'{path}' là một thư mục.", "Ghi rõ tên tệp, ví dụ: -o bao-cao.docx")
    if not path.parent.exists():
        raise UsageError(
            f"Không có thư mục '{path.parent}' để ghi tệp.", "Tạo thư mục trước hoặc đổi -o."
        )
    try:
        safewrite.replace_atomically(path, data, safewrite.fingerprint(safewrite.read_bytes(path)))
    except OSError as exc:
        raise KstthcError(
            f"Không ghi được {path}: {exc.strerror or exc}.",
            "Nếu tệp đang mở trong Word, đóng nó rồi chạy lại.",
        ) from None
