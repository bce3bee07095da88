"""A commune's KSTTHC plan decision as a Word file (``KẾ_HOẠCH.docx``) → a draft plan.

What every commune has is the signed decision in Word: the plan's table (section rows I, II…,
task rows STT · nội dung · kết quả · đơn vị · thời gian) and the appendix's indicator table.
``read_plan_docx`` reads them into typed draft values (``DocxDraft``: sections, tasks, units,
indicators with their targets as worded) and says, as located ``Problem``s (table, row and
column in the message), what it could not read. Nothing is guessed silently: a unit name that
matches no known unit becomes a unit entry to confirm (``unit-to-confirm``), a target worded in
a way kstthc cannot judge keeps its words (``target-to-confirm``).

The Word table as it comes out of a real file: cells merged across columns come back from
python-docx once per grid column and cells merged down come back in every row (both are read
once, by their ``<w:tc>`` element); a row split across pages (printed as two rows, the second
with an empty STT) continues the previous row's cells; a page's repeated header row and the
column-number row (1, 2, 3…) are skipped; bullet lists in a cell are its paragraphs (``-``,
``+``, ``•`` or Word's own list bullets).
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from kstthc_cli.load.models import Op, read_target
from kstthc_cli.load.text import fold
from kstthc_cli.messages import Said, said
from kstthc_cli.osfiles import NotReadable, read_regular
from kstthc_cli.problems import Problem, Severity

#: A Word decision with its scanned signature and seal is a few MB; past this it is refused.
MAX_DOCX_BYTES = 30 * 1024 * 1024
#: What its parts may unpack to (a .docx is a zip): a crafted file is refused before unpacking.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

Role = Literal["lead", "support", "monitor"]


# ---------------------------------------------------------------- the draft


@dataclass(frozen=True)
class Where:
    """A spot in the Word file: table (1 = the document's first table), row and column (the
    header row is row 1; columns count the table's grid, from 1)."""

    table: int
    row: int
    column: int | None = None

    def words(self) -> str:
        said = f"Bảng {self.table}, dòng {self.row}"
        return said if self.column is None else f"{said}, cột {self.column}"


@dataclass(frozen=True)
class DraftUnit:
    """A unit (đơn vị) the plan names: a known one (its usual id and name) or a new one made
    from the words of the cell, to be confirmed by the officer."""

    id: str
    name: str
    to_confirm: bool = False
    where: Where | None = None


@dataclass(frozen=True)
class DraftTask:
    """A task row as read; ``complete`` is False when a required cell could not be read (the
    writer then leaves it commented out for the officer, never invents a value)."""

    id: str
    content: str
    outputs: tuple[str, ...]
    responsibility: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    monitor: tuple[str, ...]
    timeframe: str
    where: Where
    #: the keys whose values the reader is unsure of (the writer marks them ``to_confirm``),
    #: and why, in words
    to_confirm: tuple[str, ...] = ()
    why: str = ""
    #: where its timeframe was read (its column), for what is said about it later
    timeframe_at: Where | None = None
    #: why a task read whole is still left for the officer (its timeframe is not understood),
    #: in words; the writer then leaves it commented out like a task with an empty cell
    unread: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.content and self.timeframe and self.lead) and not self.unread


@dataclass(frozen=True)
class DraftSection:
    id: str
    title: str
    tasks: tuple[DraftTask, ...]
    where: Where | None = None
    to_confirm: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class DraftIndicator:
    """An indicator row of the appendix: the target's words, and its operator and value when
    kstthc can read them (``None``: worded otherwise, "Tăng 10% so với năm trước")."""

    id: str
    name: str
    unit: str
    target_text: str
    target: tuple[Op, float] | None
    responsibility: str
    units: tuple[str, ...]
    measure: Literal["ratio", "value"]
    where: Where

    @property
    def complete(self) -> bool:
        return bool(self.name and self.target_text)


@dataclass(frozen=True)
class DocxDraft:
    """What the Word file says: the plan's title words, year and decision when printed, its
    units, sections with tasks, and the appendix's indicators."""

    title: str | None = None
    year: int | None = None
    commune: str | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    units: tuple[DraftUnit, ...] = ()
    sections: tuple[DraftSection, ...] = ()
    indicators: tuple[DraftIndicator, ...] = ()
    #: whether the appendix's indicator table was found (no table: ``indicators`` is empty)
    indicator_table: bool = False

    def tasks(self) -> list[DraftTask]:
        return [t for s in self.sections for t in s.tasks]


@dataclass(frozen=True)
class DocxPlan:
    """The result of reading a plan decision's Word file: the draft and what was not read."""

    path: Path
    draft: DocxDraft
    problems: tuple[Problem, ...] = ()

    @property
    def usable(self) -> bool:
        """Whether a plan can be written from it: at least one task read whole."""
        return any(t.complete for t in self.draft.tasks())


# ---------------------------------------------------------------- known units

#: The units a commune's plan names, as (id, name, patterns on the folded words). The ids are
#: those of the shipped plan, so a plan read from Word matches the sample's.
KNOWN_UNITS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("vp-tk", "Văn phòng – Thống kê xã", (r"van phong\s*[-–—]?\s*thong ke",)),
    ("ban-nganh", "Các ban, ngành thuộc UBND xã", (r"(?:cac\s+)?ban\s*,?\s*nganh",)),
    (
        "mot-cua",
        "Bộ phận Một cửa xã",
        (
            r"bo phan\s+(?:tn\s*&\s*tkq\s+)?mot cua",
            r"bo phan tiep nhan (?:va )?tra ket qua",
            r"tn\s*&\s*tkq",
            r"mot cua",
        ),
    ),
    ("cong-chuc", "Công chức chuyên môn thuộc UBND xã", (r"cong chuc chuyen mon",)),
    ("don-vi-lien-quan", "Các đơn vị có liên quan", (r"(?:cac\s+)?don vi\s+(?:co\s+)?lien quan",)),
    (
        "tt-phvhcc",
        "Trung tâm Phục vụ hành chính công xã",
        (r"trung tam phuc vu hanh chinh cong",),
    ),
)
_KNOWN = [(uid, name, re.compile("|".join(pats))) for uid, name, pats in KNOWN_UNITS]

#: Words that end a unit's name in a responsibility line (what the unit does).
_VERBS = re.compile(
    r"\b(?:chu tri|phoi hop|theo doi|tong hop|huong dan|giam sat|don doc|thuc hien|trien khai"
    r"|tiep nhan|phan loai|chuyen|trinh|bao cao|tham muu|xay dung|cap nhat|cong khai"
    r"|chiu trach nhiem|chi dao|giai quyet|xu ly|kiem tra|to chuc|dang tai)\b"
)
_MONITOR = re.compile(r"\b(?:theo doi|tong hop|huong dan|giam sat|don doc)\b")
#: What may stand beside unit names without being one ("các", "xã", "thuộc UBND xã"…).
_FILLER = re.compile(
    r"\b(?:cac|cua|xa|thuoc|ubnd|uy ban nhan dan|co|lien quan|truc tiep|cung|voi|va|mot so"
    r"|cong chuc|can bo)\b"
)


# ---------------------------------------------------------------- reading


def read_plan_docx(path: Path) -> DocxPlan:
    """The plan and appendix read from the decision's Word file at ``path``."""
    reader = _Reader(path)
    try:
        data = read_regular(path, limit=MAX_DOCX_BYTES)
    except NotReadable as exc:
        reader.problem(exc.code, "error", exc.message, exc.hint)
        return reader.result()
    if data is None:
        reader.problem(
            said("file-missing/docx"),
            "error",
        )
        return reader.result()
    try:
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as packed:
            unpacked = sum(info.file_size for info in packed.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            reader.problem(
                said("file-too-large/docx"),
                "error",
            )
            return reader.result()
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises zip, XML and key errors alike
        reader.problem(
            said("docx-unreadable"),
            "error",
        )
        return reader.result()
    reader.read(document)
    return reader.finish()


_ROMAN = re.compile(r"^(?=[IVXL])(X{0,3}L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_LEAD = re.compile(
    r"^((?=[IVXL])X{0,3}L?X{0,3}(?:IX|IV|V?I{0,3}))(?:\s*[.):\-–]\s*|\s+)(\S.*)$"
)
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
_BULLET = re.compile(r"^\s*[-+•◦▪●*]\s*")
_INLINE_BULLET = re.compile(r"(?<=[;.])\s+[-+•]\s+")
_DECISION = re.compile(
    r"quyết định số\s*:?\s*([0-9][\w./-]*)\s+ngày\s+"
    r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\bnăm\s+(20\d\d)\b", re.IGNORECASE)
_COMMUNE = re.compile(r"\bxã\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)")


def clean(text: str) -> str:
    """A cell's words as a person reads them: NFC, one space between words, no control,
    format or soft-hyphen characters (a zero-width space pasted from the web is dropped)."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\t", " ")
    text = "".join(
        c for c in text if c == " " or unicodedata.category(c) not in ("Cc", "Cf", "Co", "Cn")
    )
    return " ".join(text.split())


def _folded(text: str) -> str:
    """``fold`` keeping every character's place (so a match in it is a slice of ``text``)."""
    out = []
    for c in text:
        f = fold(c)
        out.append(f if len(f) == 1 else (c.lower()[:1] or " "))
    return "".join(out)


@dataclass
class _Cell:
    """One cell of a row once: its paragraphs, its first grid column, and whether it is the
    very cell of the row above (merged down) or of the column on its left (merged across)."""

    lines: tuple[str, ...]
    column: int
    above: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class _Row:
    number: int
    by_column: dict[int, _Cell] = field(default_factory=dict)

    def cell(self, column: int | None) -> _Cell | None:
        return None if column is None else self.by_column.get(column)

    def text(self, column: int | None) -> str:
        cell = self.cell(column)
        return "" if cell is None else cell.text

    def distinct(self) -> list[_Cell]:
        seen: list[_Cell] = []
        for col in sorted(self.by_column):
            cell = self.by_column[col]
            if all(cell is not s for s in seen):
                seen.append(cell)
        return seen

    def empty(self) -> bool:
        return not any(c.lines for c in self.by_column.values())


def _lines(cell: Any) -> tuple[str, ...]:
    out: list[str] = []
    for paragraph in cell.paragraphs:
        for piece in paragraph.text.split("\n"):
            line = clean(piece)
            if line:
                out.append(line)
    return tuple(out)


def _rows(table: Any) -> list[_Row]:
    """The table's rows, each cell once (by its ``<w:tc>``), with its grid column."""
    rows: list[_Row] = []
    above: dict[int, Any] = {}  # grid column → the tc element there in the previous row
    keep: list[Any] = []  # the cells stay referenced, so lxml keeps one proxy per element
    for index, row in enumerate(table.rows, start=1):
        out = _Row(index)
        made: dict[int, _Cell] = {}  # id(tc) → the cell read for it in this row
        tcs: dict[int, Any] = {}
        start = getattr(row, "grid_cols_before", 0) or 0
        for offset, cell in enumerate(row.cells):
            keep.append(cell)
            column = start + offset + 1
            tc = cell._tc
            tcs[column] = tc
            if id(tc) in made:
                out.by_column[column] = made[id(tc)]
                continue
            read = _Cell(_lines(cell), column, above=above.get(column) is tc)
            made[id(tc)] = read
            out.by_column[column] = read
        above = tcs
        rows.append(out)
    return rows


def _roman(text: str) -> str | None:
    word = text.strip().rstrip(".").strip().upper()
    return word if word and _ROMAN.match(word) else None


def _plain_numbering(row: _Row) -> bool:
    """The column-number row under a header: (1) (2) (3)… or 1 2 3…"""
    words = [re.sub(r"[()]", "", c.text).strip() for c in row.distinct()]
    return len(words) > 2 and all(w.isdigit() for w in words) and words[0] in ("1", "0")


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()


def _items(lines: tuple[str, ...]) -> list[str]:
    """A cell's bullet list: each paragraph an item; a paragraph that starts with a bullet and
    has more bullets after a ";" or "." inside it (``- A; - B``) is that many items."""
    out: list[str] = []
    for line in lines:
        if _BULLET.match(line):
            out.extend(p for p in (_strip_bullet(x) for x in _INLINE_BULLET.split(line)) if p)
        else:
            out.append(line)
    return out


# ---------------------------------------------------------------- table kinds

_PLAN_FIELDS = ("stt", "content", "outputs", "responsibility", "support", "timeframe")
_IND_FIELDS = ("stt", "name", "unit", "target", "responsibility")


#: A header cell is a few words; a longer cell is a row's content, whatever words it has.
_HEADER_WORDS = 50


def _plan_field(folded: str) -> str | None:
    words = folded.strip(" .:")
    if len(words) > _HEADER_WORDS:
        return None
    if words in ("stt", "tt", "so tt", "so thu tu"):
        return "stt"
    if "thoi gian" in words or "thoi han" in words or "tien do" in words:
        return "timeframe"
    if "ket qua" in words or "san pham" in words:
        return "outputs"
    if "phoi hop" in words and "chu tri" not in words:
        return "support"
    if any(w in words for w in ("co quan", "don vi", "chu tri", "trach nhiem", "thuc hien")):
        return "responsibility"
    if "noi dung" in words or "nhiem vu" in words or "cong viec" in words:
        return "content"
    return None


def _indicator_field(folded: str) -> str | None:
    words = folded.strip(" .:")
    if len(words) > _HEADER_WORDS:
        return None
    if words in ("stt", "tt", "so tt", "so thu tu"):
        return "stt"
    if "noi dung" in words or "ten chi tieu" in words:
        return "name"
    if words in ("don vi", "don vi tinh", "dvt") or "don vi tinh" in words:
        return "unit"
    if any(w in words for w in ("co quan", "don vi", "chu tri", "trach nhiem", "thuc hien")):
        return "responsibility"
    if "chi tieu" in words or "muc tieu" in words:
        return "target"
    return None


def _columns(row: _Row, kind: str) -> dict[str, int]:
    reader = _plan_field if kind == "plan" else _indicator_field
    found: dict[str, int] = {}
    for cell in row.distinct():
        name = reader(_folded(cell.text))
        if name is not None and name not in found:
            found[name] = cell.column
    return found


def _sub_header(row: _Row, cols: dict[str, int]) -> bool:
    """A second header row under a merged one ("Đơn vị thực hiện" over "Chủ trì" and "Phối
    hợp"): its columns are added to ``cols`` (the lead column is the responsibility)."""
    own = [c for c in row.distinct() if c.text and not c.above]
    fields = {c.column: _plan_field(_folded(c.text)) for c in own}
    if not own or None in fields.values() or "support" not in fields.values():
        return False
    for column, name in fields.items():
        if name is not None:
            cols[name] = column
    return True


def _kind(row: _Row) -> tuple[str, dict[str, int]] | None:
    """Whether ``row`` is the header of the plan's table or of the indicator table."""
    folded = " | ".join(_folded(c.text) for c in row.distinct())
    if "chi tieu" in folded and "thoi gian" not in folded:
        cols = _columns(row, "indicators")
        if "stt" in cols and "name" in cols and "target" in cols:
            return "indicators", cols
    cols = _columns(row, "plan")
    if "stt" in cols and "content" in cols and ("timeframe" in cols or "outputs" in cols):
        return "plan", cols
    return None


# ---------------------------------------------------------------- the reader


@dataclass
class _Task:
    id: str
    where: Where
    content: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    responsibility: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    timeframe: list[str] = field(default_factory=list)
    #: field → where it was last read (its problems point there)
    cells: dict[str, Where] = field(default_factory=dict)
    #: field → its grid column in the task's table
    cols: dict[str, int] = field(default_factory=dict)


@dataclass
class _Section:
    id: str
    title: str
    where: Where
    tasks: list[_Task] = field(default_factory=list)
    to_confirm: tuple[str, ...] = ()
    why: str = ""


@dataclass
class _Indicator:
    id: str
    where: Where
    name: list[str] = field(default_factory=list)
    unit: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    responsibility: list[str] = field(default_factory=list)
    cells: dict[str, Where] = field(default_factory=dict)
    cols: dict[str, int] = field(default_factory=dict)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.sections: list[_Section] = []
        self.indicators: list[_Indicator] = []
        self.units: dict[str, DraftUnit] = {}
        self.draft_head: dict[str, Any] = {}
        self.last: _Task | _Section | None = None
        self.indicator_table = False

    # ------------------------------------------------------------ output

    def problem(
        self,
        code: str | Said,
        severity: Severity,
        message: str = "",
        hint: str = "",
        where: Where | None = None,
    ) -> None:
        if isinstance(code, Said):
            words = code
            if where is not None:
                words = Said(
                    words.key, f"{where.words()}: {words.message}", words.hint, words.fields
                )
            self.problems.append(Problem.of(str(self.path), None, None, words, severity))
            return
        shown = f"{where.words()}: {message}" if where is not None else message
        self.problems.append(Problem(str(self.path), None, None, code, severity, shown, hint))

    def result(self, draft: DocxDraft | None = None) -> DocxPlan:
        return DocxPlan(self.path, draft or DocxDraft(), tuple(self.problems))

    # ------------------------------------------------------------ the document

    def read(self, document: Any) -> None:
        self._heading(document)
        plan_seen = indicators_seen = False
        kind: str | None = None
        cols: dict[str, int] = {}
        width = 0
        for number, table in enumerate(document.tables, start=1):
            rows = _rows(table)
            header = next((r for r in rows if not r.empty()), None)
            found = _kind(header) if header is not None else None
            if found is not None and header is not None:
                kind, cols = found
                width = len(table.columns)
                body = rows[rows.index(header) + 1 :]
                if kind == "plan" and body and _sub_header(body[0], cols):
                    body = body[1:]  # "Đơn vị thực hiện" over "Chủ trì" and "Phối hợp"
            elif kind is not None and len(table.columns) == width:
                body = rows  # the same table going on after a page break, without its header
            else:
                kind = None
                continue
            if kind == "plan":
                plan_seen = True
                self._plan_rows(number, body, cols)
            else:
                indicators_seen = True
                self._indicator_rows(number, body, cols)
        if not plan_seen:
            self.problem(
                said("docx-no-plan-table"),
                "error",
            )
        self.indicator_table = indicators_seen
        if not indicators_seen:
            self.problem(
                said("docx-no-indicator-table"),
                "warning",
            )

    def _heading(self, document: Any) -> None:
        """The plan's title, year, commune and decision, from the paragraphs before the table."""
        for paragraph in document.paragraphs:
            text = clean(paragraph.text)
            folded = fold(text)
            if "title" not in self.draft_head and folded.startswith(
                ("hoat dong kiem soat thu tuc hanh chinh", "ke hoach hoat dong kiem soat")
            ):
                self.draft_head["title"] = text
                if m := _YEAR.search(text):
                    self.draft_head["year"] = int(m[1])
                if m := _COMMUNE.search(text):
                    self.draft_head["commune"] = m[1]
            m = _DECISION.search(text) if "ban hanh kem theo" in folded else None
            if "decision_number" not in self.draft_head and m is not None:
                try:
                    day = date(int(m[4]), int(m[3]), int(m[2]))
                except ValueError:
                    continue
                self.draft_head["decision_number"] = m[1].rstrip(".,;")
                self.draft_head["decision_date"] = day

    # ------------------------------------------------------------ the plan's table

    def _plan_rows(self, table: int, rows: list[_Row], cols: dict[str, int]) -> None:
        header_words = None
        for row in rows:
            last = self.last
            if row.empty() or _plain_numbering(row):
                continue
            words = tuple(_folded(c.text) for c in row.distinct())
            if _kind(row) is not None:  # a page's header row repeated
                header_words = words
                continue
            if header_words is not None and words == header_words:
                continue
            stt_cell = row.cell(cols.get("stt"))
            stt = stt_cell.text if stt_cell is not None else ""
            distinct = row.distinct()
            if stt_cell is not None and stt_cell.above and isinstance(last, _Task):
                self._continue(last, row, cols, table)  # STT merged down over the split row
                continue
            roman = _roman(stt) if stt else None
            lead = _ROMAN_LEAD.match(stt) if stt and roman is None else None
            if roman is not None or lead is not None:
                if roman is not None:
                    rest = [c.text for c in distinct if c is not stt_cell and c.text]
                    sid, title = roman, (rest[0] if rest else "")
                    if not rest and stt_cell is not None and len(stt_cell.lines) > 1:
                        title = " ".join(stt_cell.lines[1:])  # "I" and its title merged
                elif lead is not None:
                    sid, title = lead[1], lead[2]
                if len(distinct) == 1 and stt_cell is not None and len(stt_cell.lines) > 1:
                    sid = _roman(stt_cell.lines[0]) or sid
                    title = " ".join(stt_cell.lines[1:])
                where = Where(table, row.number, cols.get("stt"))
                if not title:
                    self.problem(
                        said("docx-unread-cell/section-title", sid=sid),
                        "warning",
                        where=where,
                    )
                section = _Section(sid, title.strip(), where)
                if not title:
                    section.to_confirm, section.why = ("title",), "bảng không ghi tên mục"
                self.sections.append(section)
                self.last = section
                continue
            number = _NUMBER.match(stt.strip()) if stt else None
            if number is not None:
                task = _Task(number[1], Where(table, row.number, cols.get("stt")), cols=cols)
                if not self.sections:
                    self.problem(
                        said("docx-no-section", id=task.id),
                        "warning",
                        where=task.where,
                    )
                    self.sections.append(
                        _Section(
                            "0",
                            "Nhiệm vụ chung",
                            task.where,
                            to_confirm=("id", "title"),
                            why="nhiệm vụ đứng trước mục đầu tiên của bảng",
                        )
                    )
                self.sections[-1].tasks.append(task)
                self._continue(task, row, cols, table, first=True)
                self.last = task
                continue
            if not stt and isinstance(last, _Task):
                self._continue(last, row, cols, table)  # the row goes on from the page above
                continue
            if not stt and isinstance(last, _Section) and len(distinct) > 0:
                more = " ".join(c.text for c in distinct if c.text)
                last.title = f"{last.title} {more}".strip()  # a section title split by a page
                continue
            self.problem(
                said(
                    "docx-unread-row/plan",
                    stt=stt,
                    row=_short(" | ".join(c.text for c in distinct if c.text)),
                ),
                "warning",
                where=Where(table, row.number, cols.get("stt")),
            )

    def _continue(
        self, task: _Task, row: _Row, cols: dict[str, int], table: int, first: bool = False
    ) -> None:
        """Add a row's cells to ``task``: its own row, or a row that goes on after a page
        break (its first paragraph continues the cell's last line unless it starts a bullet)."""
        for name in ("content", "outputs", "responsibility", "support", "timeframe"):
            column = cols.get(name)
            cell = row.cell(column)
            if cell is None or not cell.lines:
                continue
            if not first and cell.above:
                continue  # the same cell merged down: read once
            if any(cell is row.cell(cols.get(o)) for o in _before(name, cols)):
                continue  # merged across with a column read already
            target: list[str] = getattr(task, name)
            lines = list(cell.lines)
            if target and not first and not _BULLET.match(lines[0]):
                target[-1] = f"{target[-1]} {lines.pop(0)}"
            target.extend(lines)
            task.cells[name] = Where(table, row.number, column)

    # ------------------------------------------------------------ the appendix's table

    def _indicator_rows(self, table: int, rows: list[_Row], cols: dict[str, int]) -> None:
        header_words = None
        for row in rows:
            if row.empty() or _plain_numbering(row):
                continue
            words = tuple(_folded(c.text) for c in row.distinct())
            if _kind(row) is not None:
                header_words = words
                continue
            if header_words is not None and words == header_words:
                continue
            stt_cell = row.cell(cols.get("stt"))
            stt = stt_cell.text.strip() if stt_cell is not None else ""
            number = _NUMBER.match(stt) if stt else None
            last = self.indicators[-1] if self.indicators else None
            if number is not None and not (stt_cell is not None and stt_cell.above):
                item = _Indicator(number[1], Where(table, row.number, cols.get("stt")), cols=cols)
                self.indicators.append(item)
                self._indicator_cells(item, row, cols, table, first=True)
            elif (not stt or (stt_cell is not None and stt_cell.above)) and last is not None:
                self._indicator_cells(last, row, cols, table)
            elif _roman(stt) is not None or _ROMAN_LEAD.match(stt):
                continue  # a group row (I. Chỉ tiêu về …): the indicators keep their numbers
            else:
                self.problem(
                    said(
                        "docx-unread-row/indicators",
                        stt=stt,
                        row=_short(" | ".join(c.text for c in row.distinct() if c.text)),
                    ),
                    "warning",
                    where=Where(table, row.number, cols.get("stt")),
                )

    def _indicator_cells(
        self, item: _Indicator, row: _Row, cols: dict[str, int], table: int, first: bool = False
    ) -> None:
        for name in ("name", "unit", "target", "responsibility"):
            column = cols.get(name)
            cell = row.cell(column)
            if cell is None or not cell.lines or (not first and cell.above):
                continue
            if any(cell is row.cell(cols.get(o)) for o in _before(name, cols, _IND_FIELDS)):
                continue
            target: list[str] = getattr(item, name)
            lines = list(cell.lines)
            if target and not first and not _BULLET.match(lines[0]):
                target[-1] = f"{target[-1]} {lines.pop(0)}"
            target.extend(lines)
            item.cells[name] = Where(table, row.number, column)

    # ------------------------------------------------------------ units

    def unit_ids(self, lines: list[str], where: Where) -> dict[Role, list[str]]:
        """The units a responsibility cell names, by role: "chủ trì" leads, "phối hợp"
        supports, "theo dõi, tổng hợp, hướng dẫn" monitors; a unit without a word leads."""
        roles: dict[Role, list[str]] = {"lead": [], "support": [], "monitor": []}
        seen: set[str] = set()
        for part in _parts(lines):
            folded = _folded(part)
            role: Role = (
                "lead"
                if "chu tri" in folded
                else "support"
                if "phoi hop" in folded
                else "monitor"
                if _MONITOR.search(folded)
                else "lead"
            )
            for uid in self._units_in(part, folded, where):
                if uid not in seen:
                    seen.add(uid)
                    roles[role].append(uid)
        return roles

    def _units_in(self, part: str, folded: str, where: Where) -> list[str]:
        spans: list[tuple[int, int, str]] = []
        for uid, _name, pattern in _KNOWN:
            for m in pattern.finditer(folded):
                if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), uid))
        for unit in self.units.values():  # new units named earlier in the file
            named = re.search(rf"\b{re.escape(_folded(unit.name))}\b", folded)
            if unit.to_confirm and named is not None:
                at, to = named.span()
                if not any(s < to and at < e for s, e, _ in spans):
                    spans.append((at, to, unit.id))
        masked = list(folded)
        for s, e, _ in spans:
            masked[s:e] = "#" * (e - s)
        verb = _VERBS.search("".join(masked))
        end = verb.start() if verb else len(part)
        found = sorted((s, uid) for s, e, uid in spans if s < end)
        ids = [uid for _, uid in found]
        for uid in ids:
            if uid not in self.units:
                name = next(n for i, n, _ in KNOWN_UNITS if i == uid)
                self.units[uid] = DraftUnit(uid, name)
        # what is left of the subject, between the known names, may name other units
        subject = "".join(masked[:end])
        for piece in re.finditer(r"[^,;#]+", subject):
            rest = re.sub(r"\b(?:va|cung)\b", lambda m: "," * len(m[0]), piece.group())
            for bit in re.finditer(r"[^,]+", rest):
                start = piece.start() + bit.start()
                words = part[start : start + len(bit.group())].strip(" .-+•")
                if not _FILLER.sub("", _folded(words)).strip(" .-+•&/()"):
                    continue
                ids.append(self._new_unit(words, where))
        return ids

    def _new_unit(self, name: str, where: Where) -> str:
        name = name[:1].upper() + name[1:]
        for unit in self.units.values():
            if fold(unit.name) == fold(name):
                return unit.id
        base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:40].strip("-") or "don-vi"
        uid, n = base, 2
        while uid in self.units or any(uid == k for k, _, _ in KNOWN_UNITS):
            uid = f"{base[:36]}-{n}"
            n += 1
        self.units[uid] = DraftUnit(uid, name, to_confirm=True, where=where)
        self.problem(
            said("unit-to-confirm/new", name=name, uid=uid),
            "warning",
            where=where,
        )
        return uid

    # ------------------------------------------------------------ the draft

    def draft(self) -> DocxDraft:
        sections = tuple(self._section(s) for s in self.sections)
        indicators = tuple(self._indicator(i) for i in self.indicators)
        seen: set[str] = set()
        for task in (t for s in sections for t in s.tasks):
            if task.id in seen:
                self.problem(
                    said("duplicate-id/docx", id=task.id),
                    "error",
                    where=task.where,
                )
            seen.add(task.id)
        order = [k for k, _, _ in KNOWN_UNITS]
        units = sorted(
            self.units.values(),
            key=lambda u: (u.to_confirm, order.index(u.id) if u.id in order else 0),
        )
        return DocxDraft(
            title=self.draft_head.get("title"),
            year=self.draft_head.get("year"),
            commune=self.draft_head.get("commune"),
            decision_number=self.draft_head.get("decision_number"),
            decision_date=self.draft_head.get("decision_date"),
            units=tuple(units),
            sections=sections,
            indicators=indicators,
            indicator_table=self.indicator_table,
        )

    def _section(self, s: _Section) -> DraftSection:
        tasks = tuple(self._task(t) for t in s.tasks)
        if s.to_confirm == ("title",) and s.title:  # its title went on after a page break
            s.to_confirm, s.why = (), ""
        return DraftSection(s.id, s.title, tasks, s.where, s.to_confirm, s.why)

    def _missing(self, words: Said, where: Where) -> None:
        self.problem(words, "error", where=where)

    def _task(self, t: _Task) -> DraftTask:

        def missing(what: str) -> Said:
            return said("docx-unread-cell/task", id=t.id, what=what)

        def spot(name: str) -> Where:
            return t.cells.get(name) or Where(t.where.table, t.where.row, t.cols.get(name))

        content = " ".join(t.content)
        timeframe = " ".join(_strip_bullet(x) for x in t.timeframe)
        responsibility = "; ".join(
            x for x in (" ".join(t.responsibility), " ".join(t.support)) if x
        )
        if not content:
            self._missing(missing("Nội dung công việc"), spot("content"))
        if not timeframe:
            self._missing(missing("Thời gian thực hiện"), spot("timeframe"))
        roles = self.unit_ids(t.responsibility, spot("responsibility"))
        if t.support:
            extra = self.unit_ids(t.support, spot("support"))
            for uid in [*extra["lead"], *extra["support"], *extra["monitor"]]:
                if uid not in roles["lead"] and uid not in roles["support"]:
                    roles["support"].append(uid)
        confirm: tuple[str, ...] = ()
        if not roles["lead"] and (roles["support"] or roles["monitor"]):
            confirm = ("lead",)
            roles["lead"], roles["support"], roles["monitor"] = (
                roles["support"] or roles["monitor"],
                [],
                roles["monitor"] if roles["support"] else [],
            )
            self.problem(
                said("unit-to-confirm/lead", id=t.id),
                "warning",
                where=spot("responsibility"),
            )
        if not roles["lead"]:
            self._missing(missing("Cơ quan, đơn vị thực hiện"), spot("responsibility"))
        return DraftTask(
            id=t.id,
            content=content,
            outputs=tuple(_items(tuple(t.outputs))),
            responsibility=responsibility,
            lead=tuple(roles["lead"]),
            support=tuple(roles["support"]),
            monitor=tuple(roles["monitor"]),
            timeframe=timeframe,
            where=t.where,
            to_confirm=confirm,
            why="bảng không ghi đơn vị chủ trì: đã ghi đơn vị phối hợp" if confirm else "",
            timeframe_at=spot("timeframe"),
        )

    def _indicator(self, i: _Indicator) -> DraftIndicator:

        def missing(what: str) -> Said:
            return said("docx-unread-cell/indicator", id=i.id, what=what)

        name = " ".join(i.name)
        target_text = " ".join(i.target)
        spot = i.cells.get("target") or i.where
        if not name:
            self._missing(missing("Nội dung chỉ tiêu"), i.cells.get("name") or i.where)
        target = read_target(target_text) if target_text else None
        if not target_text:
            self._missing(missing("Chỉ tiêu năm"), spot)
        elif target is None:
            self.problem(
                said("target-to-confirm/docx", id=i.id, target=target_text),
                "warning",
                where=spot,
            )
        units = self.unit_ids(i.responsibility, i.cells.get("responsibility") or i.where)
        measure: Literal["ratio", "value"] = "ratio" if fold(name).startswith("ty le") else "value"
        return DraftIndicator(
            id=i.id,
            name=name,
            unit=" ".join(i.unit) or "%",
            target_text=target_text,
            target=target,
            responsibility=" ".join(i.responsibility),
            units=tuple(dict.fromkeys([*units["lead"], *units["support"], *units["monitor"]])),
            measure=measure,
            where=i.where,
        )

    def finish(self) -> DocxPlan:
        draft = self.draft()
        return DocxPlan(self.path, draft, tuple(self.problems))


def _before(name: str, cols: dict[str, int], fields: tuple[str, ...] = _PLAN_FIELDS) -> list[str]:
    """The fields left of ``name`` in the table (a cell merged across is theirs)."""
    at = cols.get(name)
    return [f for f in fields if f != name and f in cols and at is not None and cols[f] < at]


def _parts(lines: list[str]) -> list[str]:
    """A responsibility cell in its parts: its paragraphs, each cut at ";" and at ". ", each
    without its bullet."""
    out: list[str] = []
    for line in lines:
        for piece in re.split(r"[;.](?:\s+|$)", line):
            piece = _strip_bullet(piece).strip()
            if piece:
                out.append(piece)
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
