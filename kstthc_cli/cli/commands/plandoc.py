"""``kstthc plan-doc``: the decision issuing the plan, with the plan and its appendix (Word or
Markdown), from the plan and indicators files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kstthc_cli import api
from kstthc_cli.api import ReportFormat
from kstthc_cli.cli.commands.common import (
    AsOfOpt,
    DataOpt,
    YearOpt,
    data_dir,
    judging_day,
    output_kind,
    parse_date_option,
    write_output,
)
from kstthc_cli.errors import UsageError

if TYPE_CHECKING:
    from kstthc_cli.compute.plandoc import PlanDoc

FORMATS = ("docx", "md")
SUFFIXES = {"md": (".md", ".markdown", ".txt", ""), "docx": (".docx",)}


def plan_doc(
    output_format: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Option(
            "--format",
            metavar="docx|md",
            help="docx (Word theo Nghị định 30/2020, mặc định) hoặc md (Markdown).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "-o",
            "--output",
            metavar="TỆP",
            help="Ghi ra tệp này (docx mặc định quyet-dinh-ke-hoach-<NĂM>.docx ở thư mục hiện "
            "tại; md mặc định in ra màn hình).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Lập quyết định ban hành kế hoạch (kèm Kế hoạch và Phụ lục chỉ tiêu) từ plan_NĂM.yaml và
    indicators_NĂM.yaml: Word theo Nghị định 30/2020 hoặc Markdown."""
    kind = _format(output_format, output)
    folder = data_dir(data)
    day = judging_day(parse_date_option(as_of))  # picks the plan year when --year is not given
    ws = api.open_workspace(data=folder, year=year, as_of=day)
    doc = api.plan_doc(workspace=ws)
    _output(doc, kind, output, folder)


def _format(given: str | None, output: Path | None) -> ReportFormat:
    kind: str | None = None
    if given is not None:
        kind = given.strip().lower().lstrip(".")
        kind = {"markdown": "md", "word": "docx"}.get(kind, kind)
        if kind not in FORMATS:
            raise UsageError(f"Không có định dạng '{given}'.", "Chọn một trong: docx, md.")
    chosen = output_kind(
        kind,
        output,
        SUFFIXES,
        "Quyết định Word ghi ra tệp .docx, Markdown ra tệp .md; muốn có PDF, mở tệp Word rồi "
        "chọn Lưu thành PDF.",
    )
    return ReportFormat(chosen or "docx")


def _output(doc: PlanDoc, kind: ReportFormat, output: Path | None, folder: Path) -> None:
    """Written to ``-o`` (Word by default to ``quyet-dinh-ke-hoach-<NĂM>.docx``), or Markdown
    printed; never over the officer's files, a device or a read-only file."""
    import sys

    from kstthc_cli.load.workspace import is_input_file
    from kstthc_cli.render import console

    data = api.render_plan_doc(doc=doc, format=kind)
    if kind is ReportFormat.MARKDOWN and output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    suffix = ".docx" if kind is ReportFormat.DOCX else ".md"
    target = output if output is not None else Path(f"{doc.file_stem}{suffix}")
    write_output(
        target,
        data,
        example=f"{doc.file_stem}{suffix}",
        app="Word" if kind is ReportFormat.DOCX else "trình soạn thảo",
        is_input=lambda p: is_input_file(p, folder),
        what="văn bản",
    )
    console.err().print(
        f"Đã ghi {target} (quyết định ban hành kế hoạch năm {doc.year}).", markup=False
    )
