"""The decision issuing the plan (quyết định ban hành kế hoạch) as data, for any renderer.

``build_plan_doc`` reads the plan and indicators files into plain dataclasses: the decision (NĐ 30
header, title, authority, legal bases, articles, signature, Nơi nhận), the plan's table (sections
and tasks) and the appendix (the assignment rule, the indicator table). ``plandoc_md`` and
``plandoc_docx`` only lay them out, so both formats say the same thing. Every passage comes from
the files as printed; what the files leave out is worded here once (the articles of a new plan,
a cell the plan gives as unit codes only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kstthc_cli.compute.report import COUNTRY, MOTTO, Header, Signature, recipients_lines
from kstthc_cli.load.models import Decision, IndicatorSet, LegalBasis, Plan, Task
from kstthc_cli.load.text import fold

TITLE = "QUYẾT ĐỊNH"
DECIDES = "QUYẾT ĐỊNH:"
PLAN_TITLE = "KẾ HOẠCH"
APPENDIX = "Phụ lục"
RULE_HEADING = "1. Nguyên tắc thực hiện chỉ tiêu"
LIST_HEADING = "2. Danh mục các chỉ tiêu liên quan"
PLAN_COLUMNS = (
    "STT",
    "Nội dung công việc",
    "Kết quả công việc",
    "Cơ quan, đơn vị thực hiện",
    "Thời gian thực hiện",
)
#: NĐ 30's "…" where the number or the date is still to be written in by hand.
BLANK = "…"


@dataclass(frozen=True)
class Article:
    label: str  # "Điều 1."
    text: str


@dataclass(frozen=True)
class PlanRow:
    """A row of the plan's table: a section (I…X, its title across the row) or a task."""

    kind: str  # "section" | "task"
    id: str
    content: str
    outputs: list[str]
    responsibility: str
    timeframe: str


@dataclass(frozen=True)
class IndicatorLine:
    id: str
    name: str
    unit: str
    target: str
    responsibility: str


@dataclass(frozen=True)
class PlanDoc:
    """Everything the decision, its plan and its appendix say; renderers only lay it out."""

    year: int
    decision_date: date | None
    header: Header
    title: str
    summary: str
    authority: str
    bases: list[str]
    proposal: str | None
    decides: str
    articles: list[Article]
    signature: Signature
    recipients: list[str]
    plan_title: str
    plan_subtitle: str
    plan_attached: str
    plan_columns: tuple[str, ...]
    rows: list[PlanRow]
    appendix: str
    appendix_title: str
    rule_heading: str
    rule: list[str]
    list_heading: str
    indicator_columns: tuple[str, ...]
    indicators: list[IndicatorLine]

    @property
    def file_stem(self) -> str:
        """A file name without diacritics: ``quyet-dinh-ke-hoach-2024``."""
        return f"quyet-dinh-ke-hoach-{self.year}"


# ---------------------------------------------------------------- words


def vn_date(day: date) -> str:
    """06/03/2023, as the plan's heading writes the decision's date."""
    return day.strftime("%d/%m/%Y")


def place_date_line(place: str, day: date | None) -> str:
    """The place and date line ("Hương Trà, ngày 06 tháng 3 năm 2023"); blanks without a date."""
    if day is None:
        return f"{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


_UBND = re.compile(r"\b[UỦ][yỷ]\s*ban\s+nhân\s+dân\b", re.IGNORECASE)


def short_body(text: str) -> str:
    """The body named short: "Chủ tịch Ủy ban nhân dân xã A" → "Chủ tịch UBND xã A"."""
    return _UBND.sub("UBND", " ".join(text.split()))


def _sentence(text: str, end: str = ".") -> str:
    text = " ".join(text.split()).rstrip(" ;,")
    return text if text.endswith((".", "!", "?", "…", ":", "./.")) else text + end


def _joined(first: LegalBasis, rest: list[LegalBasis]) -> str:
    text = first.text.strip().rstrip(" ;.")
    for basis in rest:
        word = (basis.joined_with or ";").strip()
        glue = f"{word} " if word in (";", ",") else f" {word} "
        text += glue + basis.text.strip().rstrip(" ;.")
    return text


def basis_paragraphs(bases: list[LegalBasis]) -> list[str]:
    """One "Căn cứ …;" paragraph per ``group`` (in the order the groups first appear); a basis
    without a group is its own paragraph."""
    paragraphs: list[list[LegalBasis]] = []
    where: dict[int, int] = {}
    for basis in bases:
        if basis.group is not None and basis.group in where:
            paragraphs[where[basis.group]].append(basis)
            continue
        if basis.group is not None:
            where[basis.group] = len(paragraphs)
        paragraphs.append([basis])
    return [f"Căn cứ {_joined(p[0], p[1:])};" for p in paragraphs]


def subtitle(plan_title: str) -> str:
    """The line under "KẾ HOẠCH": the plan's title without its first word "Kế hoạch"."""
    words = plan_title.strip()
    if fold(words).startswith("ke hoach "):
        rest = words[len("Kế hoạch ") :].strip()
        return rest[:1].upper() + rest[1:]
    return words


def _articles(decision: Decision, plan: Plan) -> list[Article]:
    if decision.articles:
        return [Article(f"Điều {a.number}.", a.text.strip()) for a in decision.articles]
    # A plan without its articles yet (a new year's): the three every such decision has.
    body = short_body(plan.issuing_body)
    return [
        Article("Điều 1.", f"Ban hành kèm theo Quyết định này {_lower(plan.title.rstrip('. '))}."),
        Article("Điều 2.", "Quyết định này có hiệu lực thi hành kể từ ngày ký."),
        Article(
            "Điều 3.",
            f"Công chức chuyên môn thuộc {body}, các ban, ngành và đơn vị có liên quan chịu "
            "trách nhiệm thi hành Quyết định này./.",
        ),
    ]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _names(ids: list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def responsibility(task: Task, names: dict[str, str]) -> str:
    """The "Cơ quan, đơn vị thực hiện" cell as printed; worded from the unit codes when the
    plan gives none."""
    if task.responsibility:
        return task.responsibility
    lines = [f"- {_names(task.lead, names)} chủ trì"]
    if task.support:
        lines.append(f"- {_names(task.support, names)} phối hợp")
    if task.monitor:
        lines.append(f"- {_names(task.monitor, names)} theo dõi, tổng hợp")
    return "; ".join(lines) + "."


def outputs(task: Task) -> list[str]:
    """The "Kết quả công việc" cell: one result as it is, several each with "- "."""
    items = [o.strip() for o in task.outputs if o.strip()]
    if len(items) <= 1:
        return items
    return [o if o.startswith(("-", "+", "•")) else f"- {o}" for o in items]


# ---------------------------------------------------------------- building


def _header(plan: Plan) -> Header:
    d = plan.decision
    number = (d.number or "").strip() or f"{BLANK}/QĐ-UBND"
    return Header(
        parent_body=plan.parent_body.upper() if plan.parent_body else None,
        issuing_body=plan.issuing_body.upper(),
        number=f"Số: {number}",
        country=COUNTRY,
        motto=MOTTO,
        place_date=place_date_line(plan.place, d.date),
    )


def _signature(plan: Plan) -> Signature:
    """A decision of the Chairman is signed in their own name ("CHỦ TỊCH"); one of the
    People's Committee as a body, on its behalf ("TM. ỦY BAN NHÂN DÂN")."""
    d = plan.decision
    authority = fold(d.authority or "")
    on_behalf = "TM. ỦY BAN NHÂN DÂN" if authority.startswith("uy ban") else None
    title = (d.signer_title or plan.reporting.signer_title or "Chủ tịch").upper()
    lines = (on_behalf, title) if on_behalf else (title,)
    return Signature(lines, d.signer or plan.reporting.signer)


def _attached(plan: Plan) -> str:
    d = plan.decision
    number = (d.number or "").strip() or f"{BLANK}/QĐ-UBND"
    day = vn_date(d.date) if d.date else BLANK
    by = short_body(d.authority or plan.issuing_body)
    return f"(Ban hành kèm theo Quyết định số {number} ngày {day} của {by})"


def _rows(plan: Plan) -> list[PlanRow]:
    names = plan.unit_names()
    rows: list[PlanRow] = []
    for section in plan.sections:
        rows.append(PlanRow("section", section.id, section.title.strip(), [], "", ""))
        for task in section.tasks:
            rows.append(
                PlanRow(
                    "task",
                    task.id,
                    task.content.strip(),
                    outputs(task),
                    responsibility(task, names),
                    (task.timeframe_text or task.timeframe).strip(),
                )
            )
    return rows


def _appendix_title(indicators: IndicatorSet) -> str:
    if indicators.title:
        return indicators.title.strip().upper()
    title = f"Các chỉ tiêu năm {indicators.year}"
    if indicators.source:
        title += f" theo {indicators.source.strip()}"
    return title.upper()


def _rule(indicators: IndicatorSet) -> list[str]:
    rule = indicators.assignment_rule
    if rule.text:
        return [" ".join(line.split()) for line in rule.text.splitlines() if line.strip()]
    year = indicators.year
    added = (
        f"{rule.increase:g} điểm phần trăm"
        if rule.mode == "points"
        else f"{rule.increase:g}% so với kết quả đạt được"
    )
    return [
        f"Chỉ tiêu giao không thấp hơn chỉ tiêu chung được cấp có thẩm quyền giao trong năm {year} "
        f"và trên cơ sở kết quả thực hiện năm {year - 1}, cụ thể như sau:",
        f"a) Kết quả năm {year - 1} nhỏ hơn chỉ tiêu chung thì giao bằng chỉ tiêu chung.",
        f"b) Kết quả năm {year - 1} bằng hoặc lớn hơn chỉ tiêu chung thì giao bằng kết quả đạt "
        f"được phấn đấu tăng thêm {added}, nhưng không nhỏ hơn chỉ tiêu chung và không vượt "
        f"quá {rule.cap:g}.",
    ]


def build_plan_doc(plan: Plan, indicators: IndicatorSet) -> PlanDoc:
    """The decision, its plan and its appendix, from the plan and indicators files."""
    d = plan.decision
    names = plan.unit_names()
    proposal = _sentence(f"Theo đề nghị của {d.proposed_by}") if d.proposed_by else None
    lines = [
        IndicatorLine(
            i.id,
            i.name.strip(),
            i.unit,
            i.target.text.strip(),
            (i.responsibility or _names(i.units, names)).strip(),
        )
        for i in indicators.indicators
    ]
    return PlanDoc(
        year=plan.year,
        decision_date=d.date,
        header=_header(plan),
        title=TITLE,
        summary=" ".join(d.title.split()).rstrip(" ."),
        authority=(d.authority or plan.issuing_body).strip().upper(),
        bases=basis_paragraphs(list(d.legal_bases)),
        proposal=proposal,
        decides=DECIDES,
        articles=_articles(d, plan),
        signature=_signature(plan),
        recipients=recipients_lines(list(d.recipients)),
        plan_title=PLAN_TITLE,
        plan_subtitle=subtitle(plan.title),
        plan_attached=_attached(plan),
        plan_columns=PLAN_COLUMNS,
        rows=_rows(plan),
        appendix=APPENDIX,
        appendix_title=_appendix_title(indicators),
        rule_heading=RULE_HEADING,
        rule=_rule(indicators),
        list_heading=LIST_HEADING,
        indicator_columns=(
            "Stt",
            "Nội dung chỉ tiêu",
            "Đơn vị",
            f"Chỉ tiêu năm {indicators.year}",
            "Cơ quan thực hiện",
        ),
        indicators=lines,
    )
