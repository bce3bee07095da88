"""Reading a Word file back with python-docx, for tests: its text in document order, and a
stable text dump (paragraphs, tables row by row, section breaks) for golden files."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _cells(row: Any) -> list[Any]:
    """A row's cells, a merged cell once."""
    seen: list[Any] = []
    for cell in row.cells:
        if all(cell._tc is not s._tc for s in seen):
            seen.append(cell)
    return seen


def _cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def blocks(document: Any) -> Iterator[tuple[str, Any]]:
    """("p", paragraph), ("table", table) and ("section", orientation) in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            para = Paragraph(child, document)
            yield "p", para
            ppr = child.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                yield "section", _orientation(ppr.find(qn("w:sectPr")))
        elif child.tag == qn("w:tbl"):
            yield "table", Table(child, document)
        elif child.tag == qn("w:sectPr"):
            yield "section", _orientation(child)


def _orientation(sect_pr: Any) -> str:
    size = sect_pr.find(qn("w:pgSz"))
    if size is None:
        return "portrait"
    width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    return "landscape" if width > height else "portrait"


def text_of(data: bytes) -> str:
    """Every paragraph and table cell's text, in order, one a line."""
    lines: list[str] = []
    for kind, block in blocks(open_docx(data)):
        if kind == "p":
            lines.append(block.text)
        elif kind == "table":
            for row in block.rows:
                lines += [_cell_text(c) for c in _cells(row)]
    return "\n".join(lines)


def dump(data: bytes) -> str:
    """A stable dump: non-empty paragraphs as they are, table rows as ``| a | b |`` (a cell's
    paragraphs joined by `` / ``), a line break in a paragraph as ``⏎``, ``== section: … ==``
    where a section ends."""
    lines: list[str] = []
    for kind, block in blocks(open_docx(data)):
        if kind == "p":
            if block.text.strip():
                lines.append(block.text.replace("\n", "⏎"))
        elif kind == "table":
            for row in block.rows:
                cells = [
                    " / ".join(p.text.replace("\n", "⏎") for p in c.paragraphs) for c in _cells(row)
                ]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        else:
            lines.append(f"== section: {block} ==")
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- through LibreOffice


#: LibreOffice's parts by the import filters each installs beside soffice: what loads a .docx
#: (libreoffice-writer) and what loads an .xlsx (libreoffice-calc). `soffice --version` names
#: neither, and soffice without the part fails with "source file could not be loaded".
LIBREOFFICE_PARTS = {
    "Writer": ("mswordlo", "libreoffice-writer"),
    "Calc": ("scfiltlo", "libreoffice-calc"),
}


def soffice_with(part: str, test: str) -> str:
    """soffice, where LibreOffice and its ``part`` ("Writer", "Calc") are installed; else the
    test is skipped, its reason naming ``test`` (``.ci/run`` installs both)."""
    import glob
    import shutil
    from pathlib import Path

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(f"LibreOffice (soffice) không có trên máy này: bỏ qua phép thử {test}")
    library, package = LIBREOFFICE_PARTS[part]
    if not glob.glob(str(Path(soffice).resolve().parent / f"*{library}.*")):
        pytest.skip(f"LibreOffice {part} ({package}) không có trên máy này: bỏ qua phép thử {test}")
    return soffice


def to_pdf(path: Any, tmp: Any) -> Any:
    """``path`` (a .docx) converted by LibreOffice into ``tmp``; the test is skipped, with its
    reason, where LibreOffice Writer or poppler's tools are absent (``.ci/run`` installs them)."""
    import shutil
    import subprocess

    import pytest

    soffice = soffice_with("Writer", "PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) không có trên máy này: bỏ qua phép thử PDF")
    profile = tmp / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return tmp / f"{path.stem}.pdf"


def pdf_pages(pdf: Any, *, layout: bool = True) -> list[str]:
    """The PDF's text, a string a page (``pdftotext -layout``: a printed line a line)."""
    import subprocess

    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, timeout=60).stdout
    return text.decode("utf-8").split("\f")[:-1]


def needs_times_metrics() -> None:
    """Skip a test of where lines break unless LibreOffice sets Times New Roman in it or in a
    font of its metrics (Liberation Serif, Tinos; ``fonts-liberation2`` in ``.ci/run``): with
    another serif every line breaks elsewhere than in Word."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("fc-match") is None:
        pytest.skip("fc-match (fontconfig) không có trên máy này: không biết phông thay thế")
    found = subprocess.run(
        ["fc-match", "Times New Roman"], capture_output=True, timeout=30, check=False
    ).stdout.decode("utf-8", "replace")
    if not any(name in found for name in ("Times New Roman", "Liberation Serif", "Tinos")):
        pytest.skip(f"không có phông cùng cỡ chữ với Times New Roman (máy dùng {found.strip()})")
