"""The officer's own words for a report (lời văn của cán bộ): the assessment, the causes and the
proposals of a period, each from a Word (``.docx``) or Markdown (``.md``) file beside the data.

A part's file is ``<part>_<năm>_<KỲ>.docx`` or ``.md`` (``assessment_2024_Q2.docx``,
``causes_2024_Q2.md``, ``proposals_2024_Y.docx``); the assessment may also be the older
``narrative_<năm>_<KỲ>.md``. Paragraphs, list items and headings are kept, and bold and italic
words; nothing is cut. A file is read as every data file is (``osfiles.read_regular``).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kstthc_cli.errors import KstthcError
from kstthc_cli.messages import said
from kstthc_cli.osfiles import NotReadable, read_regular

#: The parts an officer writes, in the report's order, with their file stems.
PARTS: tuple[str, ...] = ("assessment", "causes", "proposals")
#: What each part is called in the officer's words (in messages).
PART_WORDS = {
    "assessment": "đánh giá chung",
    "causes": "nguyên nhân của tồn tại, hạn chế",
    "proposals": "đề xuất, kiến nghị",
}
SUFFIXES = (".docx", ".md")


@dataclass(frozen=True)
class Run:
    """A stretch of text of one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph, a list item or a heading of the officer's text."""

    kind: Literal["paragraph", "item", "heading"]
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class OfficerText:
    """One part's words: the file they came from, as blocks; ``markdown`` is the file's own
    Markdown when it was a ``.md`` file (passed through as written)."""

    part: str
    file: str
    blocks: tuple[Block, ...]
    markdown: str | None = None


def candidates(data_dir: Path, part: str, year: int, pid: str) -> list[Path]:
    """The files looked for, in order: ``.docx``, ``.md`` (and ``narrative_…md``)."""
    stem = f"{part}_{year}_{pid}"
    found = [data_dir / f"{stem}{suffix}" for suffix in SUFFIXES]
    if part == "assessment":
        found.append(data_dir / f"narrative_{year}_{pid}.md")
    return found


def read_part(data_dir: Path, part: str, year: int, pid: str) -> OfficerText | None:
    """The first of ``candidates`` that exists, read; ``None`` when none does (or it is empty)."""
    for path in candidates(data_dir, part, year, pid):
        try:
            raw = read_regular(path)
        except NotReadable as exc:
            raise KstthcError(
                said("failed/officer-unreadable", name=path.name, why=exc.message, hint=exc.hint)
            ) from None
        if raw is None:
            continue
        if path.suffix == ".docx":
            blocks = docx_blocks(raw, path.name)
            return OfficerText(part, path.name, blocks) if blocks else None
        text = _utf8(raw, path.name)
        blocks = markdown_blocks(text)
        return OfficerText(part, path.name, blocks, text) if blocks else None
    return None


def _utf8(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KstthcError(said("failed/officer-encoding", name=name, at=exc.start)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


# ---------------------------------------------------------------- Markdown

_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def inline_runs(text: str) -> tuple[Run, ...]:
    """``**bold**`` and ``*italic*`` as runs, the rest plain."""
    runs: list[Run] = []
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            runs.append(Run(piece[2:-2], bold=True))
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            runs.append(Run(piece[1:-1], italic=True))
        else:
            runs.append(Run(piece))
    return tuple(runs)


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """The officer's Markdown as blocks: ``#`` lines headings, ``-``/``1.`` lines items, other
    lines joined into paragraphs (a blank line ends one)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        paragraph: list[str] = []
        for line in (ln.strip() for ln in chunk.split("\n")):
            if not line:
                continue
            heading = line.startswith("#")
            item = _ITEM.match(line) is not None
            if (heading or item) and paragraph:
                blocks.append(Block("paragraph", inline_runs(" ".join(paragraph))))
                paragraph = []
            if heading:
                blocks.append(Block("heading", inline_runs(line.lstrip("#").strip())))
            elif item:
                blocks.append(Block("item", inline_runs(_ITEM.sub("", line, count=1))))
            else:
                paragraph.append(line)
        if paragraph:
            blocks.append(Block("paragraph", inline_runs(" ".join(paragraph))))
    return tuple(b for b in blocks if b.text.strip())


# ---------------------------------------------------------------- Word


def docx_blocks(raw: bytes, name: str) -> tuple[Block, ...]:
    """A Word file's paragraphs as blocks: a Heading or Title style makes a heading, a List
    style or numbering an item; bold and italic runs kept; empty paragraphs left out."""
    import zipfile

    from docx import Document

    try:
        doc = Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise KstthcError(
            said("failed/officer-not-docx", name=name, error=type(exc).__name__)
        ) from None
    blocks: list[Block] = []
    for para in doc.paragraphs:
        runs = _runs(para)
        if not "".join(r.text for r in runs).strip():
            continue
        blocks.append(Block(_kind(para), runs))
    return tuple(blocks)


def _kind(para: Any) -> Literal["paragraph", "item", "heading"]:
    from docx.oxml.ns import qn

    style = (para.style.name if para.style is not None else "") or ""
    if style.startswith(("Heading", "Title")):
        return "heading"
    ppr = para._p.pPr
    if style.startswith("List") or (ppr is not None and ppr.find(qn("w:numPr")) is not None):
        return "item"
    return "paragraph"


def _runs(para: Any) -> tuple[Run, ...]:
    out: list[Run] = []
    for run in para.runs:
        text = run.text
        if not text:
            continue
        bold, italic = bool(run.bold), bool(run.italic)
        if out and (out[-1].bold, out[-1].italic) == (bold, italic):
            out[-1] = Run(out[-1].text + text, bold, italic)
        else:
            out.append(Run(text, bold, italic))
    # Runs' edges as the paragraph's: no leading or trailing blanks.
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return tuple(r for r in out if r.text)
