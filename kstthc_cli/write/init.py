"""Starting a commune's own workspace (lập thư mục dữ liệu của xã: ``kstthc init``).

The new ``data/plan_N.yaml`` and ``data/indicators_N.yaml`` are written as text, never dumped:
the head of the plan (decision, reporting, units) from a template with the officer's answers,
every value quoted by ``splice.quote``; the sections, tasks and indicators from the bundled
sample's text, its comments kept, year words moved to the new year, the sample commune's,
district's and province's names replaced, the one-stop unit turned into the commune's Trung tâm
Phục vụ hành chính công (2025's two-level government). What kstthc guessed is marked beside the
value with ``to_confirm: [keys]``, so ``check`` warns (``to-confirm``) until the officer has
confirmed it.

A plan read from elsewhere (``init --from-docx``) plugs in as a draft: ``plan_text`` /
``indicators_text`` replace the texts built here and are validated the same way;
``docx_texts`` makes them from the decision's Word file (``write.draft``) with the answers' head.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from kstthc_cli import messages
from kstthc_cli.errors import DataError, UsageError, WriteRefused
from kstthc_cli.load.models import Plan
from kstthc_cli.load.plan_docx import DocxDraft, DocxPlan, DraftTask
from kstthc_cli.load.text import fold
from kstthc_cli.load.workspace import (
    PLAN_FILE,
    Workspace,
    bundled_root,
    check_plan_year,
    file_names,
    load_workspace,
    plan_years,
)
from kstthc_cli.load.yamlio import display_path
from kstthc_cli.messages import said
from kstthc_cli.problems import Problem, has_errors
from kstthc_cli.write import safewrite, splice
from kstthc_cli.write.newyear import shift_wording
from kstthc_cli.write.splice import Edit

#: The names the bundled sample uses (its commune, district and province), replaced by the
#: officer's own; a test checks the sample still names them.
SAMPLE_COMMUNE = "Hương Trà"
SAMPLE_DISTRICT = "Trà Bồng"
SAMPLE_PROVINCE = "Quảng Ngãi"
#: The one-stop unit of the sample, and the commune's Trung tâm Phục vụ hành chính công that
#: replaced it on 01/07/2025 (NĐ 118/2025/NĐ-CP); it prepares the reports.
SAMPLE_ONE_STOP = "mot-cua"
CENTRE = "tt-hcc"
CENTRE_NAME = "Trung tâm Phục vụ hành chính công"

_LEVELS = ("xã", "phường", "đặc khu", "thị trấn")
_PROVINCE_LEVELS = ("tỉnh", "thành phố")
#: A task's wording that points at the sample's own locality: a district, or a document of a
#: local People's Committee ("Kế hoạch số 4265/KH-UBND", "Công văn số 2276/UBND-KSTTHC").
_LOCAL = re.compile(r"(?<!\w)(?:huyện|thị trấn)(?!\w)|\d+/(?:\d{4}/)?(?:[A-ZĐ]+-)?UBND")
_TASK_FIELDS = ("content", "outputs", "responsibility")


@dataclass(frozen=True)
class Answers:
    """What the officer tells ``init``: the commune, its province, the plan year, the decision
    issuing the plan (number and date may be unknown yet: ``None``), its signer and capacity."""

    commune: str
    province: str
    year: int
    decision_number: str | None
    decision_date: date | None
    signer: str
    signer_title: str = "Chủ tịch"


@dataclass(frozen=True)
class Names:
    """The commune and province as the files write them: ``xã Tân Phú``, ``tỉnh Quảng Ngãi``."""

    level: str
    commune: str
    province: str
    province_name: str

    @property
    def full(self) -> str:
        return f"{self.level} {self.commune}"


@dataclass(frozen=True)
class Started:
    """What ``init`` wrote."""

    folder: Path
    data_dir: Path
    year: int
    plan_path: Path
    indicators_path: Path
    #: every warning ``check`` gives on the new workspace (``to-confirm`` ones included)
    warnings: list[Problem]
    #: the commit that saved the new workspace (None: not committed)
    commit: str | None = None
    #: the folder was made a repository by this run (it was in none)
    repository_created: bool = False

    @property
    def to_confirm(self) -> int:
        return sum(1 for p in self.warnings if p.code == "to-confirm")


def names(answers: Answers) -> Names:
    """``Tân Phú`` is a xã; ``phường An Hòa`` keeps its word; a province without ``tỉnh`` or
    ``thành phố`` in front is a tỉnh."""
    level, commune = _split(answers.commune, _LEVELS, "xã")
    plevel, province = _split(answers.province, _PROVINCE_LEVELS, "tỉnh")
    return Names(level, commune, f"{plevel} {province}", province)


def _split(text: str, levels: Iterable[str], default: str) -> tuple[str, str]:
    words = " ".join(text.split())
    for level in levels:
        if fold(words) == fold(level):
            return level, ""
        if fold(words).startswith(fold(level) + " "):
            return level, words[len(level) + 1 :].strip()
    return default, words


def _clean(answers: Answers) -> Answers:
    """The answers checked: a year kstthc plans, names that are one line of printable text."""
    check_plan_year(answers.year, 2026)
    fields = {
        "commune": ("tên xã", "--commune"),
        "province": ("tên tỉnh", "--province"),
        "signer": ("người ký", "--signer"),
        "signer_title": ("chức vụ người ký", "--capacity"),
        "decision_number": ("số quyết định", "--decision-number"),
    }
    changes: dict[str, str | None] = {}
    for name, (what, option) in fields.items():
        raw = getattr(answers, name)
        if raw is None:
            continue
        value = " ".join(str(raw).split())
        if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in str(raw)):
            raise UsageError(said("usage/init-control", what=what.capitalize(), option=option))
        if not value and name != "decision_number":
            raise UsageError(
                said("usage/init-missing", what=what, option=option, example=_EXAMPLES[option])
            )
        changes[name] = value or None
    cleaned = dataclasses.replace(answers, **changes)  # type: ignore[arg-type]
    n = names(cleaned)
    for name, option in ((n.commune, "--commune"), (n.province_name, "--province")):
        if not name:
            what = fields[option.removeprefix("--")][0]
            raise UsageError(
                said("usage/init-missing", what=what, option=option, example=_EXAMPLES[option])
            )
    return cleaned


_EXAMPLES = {
    "--commune": '--commune "Tân Phú"',
    "--province": '--province "Quảng Ngãi"',
    "--signer": '--signer "Nguyễn Văn A"',
    "--capacity": '--capacity "Chủ tịch"',
}


# ---------------------------------------------------------------- the sample's text


def sample_dir() -> Path:
    return bundled_root() / "data"


def sample_year() -> int:
    years = plan_years(sample_dir())
    if not years:  # pragma: no cover - the wheel always ships the sample
        raise WriteRefused(said("refused/no-sample"))
    return years[-1]


def _sample() -> Workspace:
    ws, problems = load_workspace(sample_dir(), sample_year())
    if ws is None or has_errors(problems):  # pragma: no cover - the sample is tested
        raise DataError(problems, messages.text("failed/sample-invalid"))
    return ws


def localiser(n: Names) -> Callable[[str], str]:
    """The sample's words for its locality turned into the new commune's: names, the district
    (gone since 01/07/2025: its role is the province's), the one-stop unit (now the Trung tâm)."""
    centre = f"{CENTRE_NAME} {n.level}"
    pairs = {
        f"Ủy ban nhân dân huyện {SAMPLE_DISTRICT}": f"Ủy ban nhân dân {n.province}",
        f"huyện {SAMPLE_DISTRICT}": n.province,
        f"xã {SAMPLE_COMMUNE}": n.full,
        SAMPLE_COMMUNE: n.commune,
        f"tỉnh {SAMPLE_PROVINCE}": n.province,
        SAMPLE_PROVINCE: n.province_name,
        "UBND huyện": "UBND tỉnh",
        "UBND huyện đề nghị UBND tỉnh": "UBND tỉnh",
        "Cổng Thông tin điện tử huyện": "Cổng Thông tin điện tử tỉnh",
        "của huyện, xã": "của xã",
        "Bộ phận Một cửa xã": centre,
        "Bộ phận một cửa xã": centre,
        "bộ phận Một cửa xã": centre,
    }
    found = re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)))

    def local(text: str) -> str:
        if text == SAMPLE_ONE_STOP:
            return CENTRE
        return level_words(found.sub(lambda m: pairs[m.group()], text), n.level)

    return local


def level_words(text: str, level: str) -> str:
    """``xã`` → ``phường`` for a ward (the sample is a xã); nothing for a xã."""
    if level == "xã":
        return text
    return re.sub(
        r"(?<!\w)([Xx])ã(?!\w)(?! hội)",
        lambda m: level if m[1] == "x" else level.capitalize(),
        text,
    )


def _scalars(node: yaml.Node | None) -> Iterable[yaml.ScalarNode]:
    """Every value scalar below ``node`` (mapping keys left out)."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for _, v in node.value:
            yield from _scalars(v)


def _rewritten(
    text: str, node: yaml.Node | None, change: Callable[[str], str], moves: dict[int, int]
) -> list[Edit]:
    """Each scalar below ``node`` that ``change`` rewrites, quoted anew (``splice.quote``); a
    block scalar (``|``) keeps its style: every character of a one-line name is literal there."""
    edits: list[Edit] = []
    for s in _scalars(node):
        if s.tag == "tag:yaml.org,2002:null" and not s.style:
            continue
        new = change(s.value)
        if new == s.value:
            continue
        start, end = splice.span(s)
        if s.style in ("|", ">"):
            edits.append(Edit(start, end, shift_wording(change(text[start:end]), moves)))
        else:
            edits.append(Edit(start, end, splice.quote(shift_wording(new, moves))))
    return edits


def _marker(text: str, mapping: yaml.MappingNode, keys: list[str], comment: str) -> Edit:
    """``to_confirm: [keys]  # comment`` in ``mapping``: on its own line just above the first
    key named (at the mapping's end when that key opens an item ``- …``)."""
    line = f"to_confirm: {_flow(keys)}  # {comment}"
    first = next(k for k, _ in mapping.value if isinstance(k, yaml.ScalarNode) and k.value in keys)
    if first is mapping.value[0][0]:
        return splice.insert_key(text, mapping, "to_confirm", f"{_flow(keys)}  # {comment}")
    pos = splice.line_start(text, first.start_mark.index)
    return Edit(pos, pos, " " * first.start_mark.column + line + "\n")


def _flow(keys: Iterable[str]) -> str:
    return "[" + ", ".join(splice.quote(k) for k in keys) + "]"


def _leading_comments(text: str, pos: int) -> int:
    """Where the comment lines right above ``pos`` (a line start) begin."""
    lines = text[:pos].splitlines(keepends=True)
    while lines and lines[-1].lstrip().startswith("#"):
        pos -= len(lines.pop())
    return pos


# ---------------------------------------------------------------- the plan


def plan_text(answers: Answers) -> str:
    """The new plan: the head from the answers, the sample's sections and tasks after it."""
    answers = _clean(answers)
    ws = _sample()
    doc = ws.docs["plan"]
    n = names(answers)
    moves = {ws.year - 1: answers.year - 1, ws.year: answers.year}
    local = localiser(n)
    text, root = doc.text, doc.root
    found = splice.child(root, "sections")
    if found is None:  # pragma: no cover - the sample has sections
        raise WriteRefused(said("refused/sample-no-sections"))
    start = _leading_comments(text, splice.line_start(text, found[0].start_mark.index))
    edits = [Edit(0, start, _head(answers, n, ws.plan, local))]
    edits += _rewritten(text, found[1], local, moves)
    for section in splice.items(found[1]):
        for task in splice.items(splice.value(section, "tasks")):
            if not isinstance(task, yaml.MappingNode):
                continue
            flagged = [
                key
                for key in _TASK_FIELDS
                if any(_LOCAL.search(local(s.value)) for s in _scalars(splice.value(task, key)))
            ]
            if flagged:
                edits.append(
                    _marker(text, task, flagged, "nhắc văn bản, cơ quan của địa phương mẫu")
                )
    return splice.apply(text, edits, lambda part: shift_wording(part, moves))


def _q(value: str | None) -> str:
    return "null" if value is None else splice.quote(value)


def _head(answers: Answers, n: Names, sample: Plan, local: Callable[[str], str]) -> str:
    y = answers.year
    title = f"Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {y} trên địa bàn {n.full}"
    day = None if answers.decision_date is None else answers.decision_date.isoformat()
    deputy = fold(answers.signer_title).startswith("pho")  # NĐ 30: TM. … / KT. … / PHÓ …
    moves = {sample.year - 1: y - 1, sample.year: y}
    out = [
        f"# Kế hoạch hoạt động kiểm soát thủ tục hành chính (KSTTHC) năm {y} của {n.full}.",
        f"# Lập bằng lệnh `kstthc init` từ kế hoạch mẫu đi kèm kstthc (xã {SAMPLE_COMMUNE}, năm "
        f"{sample.year}):",
        f"# các mục, nhiệm vụ và chỉ tiêu là của kế hoạch mẫu, đã chuyển sang năm {y};",
        "# sửa lại cho đúng kế hoạch của xã.",
        "#",
        '# CẦN XÁC NHẬN: dòng "to_confirm: [...]" trong một mục kể tên các khóa của mục đó mà',
        "# kstthc điền sẵn (đoán theo kế hoạch mẫu). `kstthc check` nhắc từng giá trị ấy (cảnh báo",
        "# to-confirm) cho đến khi được xác nhận: đối chiếu với văn bản của xã, sửa nếu cần, rồi",
        "# xóa tên khóa khỏi to_confirm (hết tên thì xóa cả dòng).",
        "#",
        '# Khi sửa: giữ nguyên thụt lề 2 dấu cách, mọi chữ đặt trong dấu ngoặc kép "…",',
        f'# ngày viết theo dạng "năm-tháng-ngày", ví dụ "{y}-03-04".',
        "",
        "# Năm của kế hoạch (chỉ ghi số, không đặt trong ngoặc kép).",
        f"year: {y}",
        "",
        "# Tên kế hoạch, ghi đúng như trên văn bản.",
        f"title: {_q(title)}",
        "",
        "# Cơ quan ban hành kế hoạch.",
        f"issuing_body: {_q(f'Ủy ban nhân dân {n.full}')}",
        "",
        "# Cơ quan cấp trên (chủ quản) của cơ quan ban hành; từ 01/07/2025 xã trực thuộc tỉnh.",
        f"parent_body: {_q(f'Ủy ban nhân dân {n.province}')}",
        "",
        '# Địa danh ghi ở dòng "…, ngày … tháng … năm …" trên văn bản, báo cáo.',
        f"place: {_q(n.commune)}",
        "",
        "# Quyết định ban hành kế hoạch: số, ngày, trích yếu, căn cứ, các điều và nơi nhận.",
        "decision:",
        "  # Các khóa của quyết định mà kstthc điền sẵn theo kế hoạch mẫu: cần xác nhận.",
        "  to_confirm: "
        + _flow(["authority", "proposed_by", "legal_bases", "articles", "recipients"]),
        "  # Số quyết định, ghi như trên văn bản (null: chưa có số).",
        f"  number: {_q(answers.decision_number)}",
        '  # Ngày quyết định, dạng "năm-tháng-ngày" (null: chưa ký).',
        f"  date: {_q(day)}",
        "  # Trích yếu (tên) của quyết định.",
        f"  title: {_q('Ban hành ' + title)}",
        "  # Thẩm quyền ban hành.",
        f"  authority: {_q(f'Chủ tịch Ủy ban nhân dân {n.full}')}",
        "  # Họ tên và chức vụ người ký.",
        f"  signer: {_q(answers.signer)}",
        f"  signer_title: {_q(answers.signer_title)}",
        '  # Cơ quan đề nghị ban hành ("Theo đề nghị của …").',
        f"  proposed_by: {_q(f'{CENTRE_NAME} {n.full}')}",
        "  # Các văn bản làm căn cứ, mỗi văn bản một mục, theo đúng thứ tự trên quyết định.",
        "  # Đây là các văn bản của Trung ương trong kế hoạch mẫu: thêm văn bản của tỉnh, của xã,",
        "  # và thay những văn bản đã được thay thế (từ 07/2025, ví dụ Luật Tổ chức chính quyền",
        "  # địa phương số 72/2025/QH15, Nghị định số 118/2025/NĐ-CP về cơ chế một cửa).",
        '  # text: tên văn bản (bỏ chữ "Căn cứ" ở đầu và dấu ";" ở cuối); number: số, ký hiệu',
        '  # (không có thì ghi null); date: ngày ban hành; group: thứ tự đoạn "Căn cứ …;".',
        "  legal_bases:",
    ]
    groups: dict[int | None, int] = {}
    for b in sample.decision.legal_bases:
        if (
            "UBND" in b.text
            or f"năm {sample.year}" in b.text
            or str(sample.year) in (b.number or "")
        ):
            continue  # a local document, or one of the sample's year: not the new commune's
        group = groups.setdefault(b.group, len(groups) + 1)
        out += [
            f"    - text: {_q(b.text)}",
            f"      number: {_q(b.number)}",
            f"      date: {_q(None if b.date is None else b.date.isoformat())}",
            f"      group: {group}",
        ]
    out += ["  # Các điều của quyết định (Điều 1 đến Điều 4), chép đầy đủ.", "  articles:"]
    for a in sample.decision.articles:
        out += [
            f"    - number: {a.number}",
            f"      text: {_q(shift_wording(local(a.text), moves))}",
        ]
    out += [
        '  # Nơi nhận quyết định, mỗi dòng một mục (không ghi "- " ở đầu và ";" hoặc "." ở cuối).',
        "  recipients:",
        *(f"    - {_q(local(r))}" for r in sample.decision.recipients),
        "",
        "# Thiết lập cho báo cáo định kỳ về kiểm soát TTHC gửi cấp trên.",
        "reporting:",
        "  # Các khóa do tỉnh quy định hay kstthc đoán: cần xác nhận.",
        "  to_confirm: " + _flow(["recipient", "due_day", "signer", "report_recipients"]),
        '  # Nơi nhận báo cáo (dòng "Kính gửi"); từ 01/07/2025 xã báo cáo lên tỉnh.',
        f"  recipient: {_q(f'Văn phòng UBND {n.province}')}",
        '  # Mã đơn vị soạn báo cáo (lấy trong danh sách "units" bên dưới): Trung tâm Phục vụ',
        "  # hành chính công của xã (Nghị định 118/2025/NĐ-CP, Thông tư 03/2025/TT-VPCP).",
        f"  preparer: {_q(CENTRE)}",
        '  # Cách chốt số liệu: "nd09" = từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ',
        '  # (Nghị định 09/2019/NĐ-CP); "calendar" = theo tháng, quý, năm dương lịch.',
        '  cutoff_rule: "nd09"',
        "  # Hạn gửi báo cáo: ngày thứ mấy của tháng cuối kỳ. Đây là quy định của tỉnh;",
        "  # 17 là giá trị mặc định, sửa lại theo đúng yêu cầu của tỉnh (chỉ ghi số).",
        "  due_day: 17",
        "  # true: hạn rơi vào thứ Bảy, Chủ nhật hoặc ngày lễ thì lùi sang ngày làm việc kế tiếp;",
        "  # false: giữ nguyên ngày.",
        "  move_off_holidays: true",
        '  # Số ngày trước hạn để coi một việc là "sắp đến hạn" (chỉ ghi số).',
        "  due_soon_days: 7",
        '  # Phần ký hiệu sau số báo cáo, ví dụ "05/BC-UBND".',
        '  report_number_suffix: "BC-UBND"',
        "  # Người ký báo cáo, chức vụ và dòng thẩm quyền ký.",
        f"  signer: {_q(answers.signer)}",
        f"  signer_title: {_q(answers.signer_title)}",
        '  signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"',
        *(['  signer_capacity: "pho-chu-tich"  # Phó Chủ tịch ký thay: KT. CHỦ TỊCH'] * deputy),
        '  # Nơi nhận của báo cáo định kỳ, mỗi dòng một mục (không ghi "- " ở đầu, ";" ở cuối).',
        "  report_recipients:",
        *(f"    - {_q(local(r))}" for r in sample.reporting.report_recipients),
        f'  # days_off: ["{y}-04-29"]      # (tùy chọn) ngày nghỉ thêm mà bảng ngày nghỉ chưa có',
        f'  # working_days: ["{y}-05-09"]  # (tùy chọn) ngày làm việc dù bảng ghi là nghỉ',
        "  # auto_commit: false          # (tùy chọn) không tự lưu mỗi lần ghi vào lịch sử git",
        "",
        "# Danh sách cơ quan, đơn vị thực hiện. Nhiệm vụ và chỉ tiêu ghi mã (id) của đơn vị.",
        '# Muốn thêm đơn vị: thêm một mục mới với mã viết thường, không dấu, nối bằng dấu "-".',
        "# Không đổi mã đơn vị đang được dùng ở nhiệm vụ, chỉ tiêu.",
        "# Danh sách đơn vị lấy theo kế hoạch mẫu: cần xác nhận.",
        f"to_confirm: {_flow(['units'])}",
        "units:",
    ]
    units = [(local(u.id), local(u.name)) for u in sample.units]
    if CENTRE not in (i for i, _ in units):
        units.append((CENTRE, f"{CENTRE_NAME} {n.level}"))
    for uid, name in units:
        out += [f"  - id: {_q(uid)}", f"    name: {_q(name)}"]
    return "\n".join(out) + "\n\n"


# ---------------------------------------------------------------- the indicators


def indicators_text(answers: Answers) -> str:
    """The new indicators: the sample's, year moved, units turned into the new commune's; the
    source and title (a resolution of the sample's year) and each target to confirm."""
    answers = _clean(answers)
    ws = _sample()
    doc = ws.docs["indicators"]
    n = names(answers)
    y = answers.year
    moves = {ws.year - 1: y - 1, ws.year: y}
    local = localiser(n)
    text, root = doc.text, doc.root
    first = root.value[0][0] if isinstance(root, yaml.MappingNode) and root.value else None
    start = (
        0
        if first is None
        else _leading_comments(text, splice.line_start(text, first.start_mark.index))
    )
    head_end = text.find("\n\n")
    head_end = head_end + 2 if 0 <= head_end < start else 0
    edits = [
        Edit(
            0,
            head_end,
            f"# Chỉ tiêu liên quan cải cách thủ tục hành chính (TTHC) năm {y} của {n.full}.\n"
            f"# Lập bằng `kstthc init` từ bộ chỉ tiêu mẫu (năm {ws.year}): đối chiếu với Phụ lục\n"
            "# kế hoạch của xã và Nghị quyết giao chỉ tiêu của năm; xóa dần các dòng to_confirm.\n"
            '# Khi sửa: giữ nguyên thụt lề 2 dấu cách, mọi chữ đặt trong dấu ngoặc kép "…",\n'
            "# các con số (năm, chỉ tiêu, tỷ lệ) ghi số không có ngoặc kép.\n\n",
        )
    ]
    edits += splice.scalar_edit(splice.value(root, "year"), str(y))
    kept = [k for k in ("source", "title") if splice.child(root, k) is not None]
    for key in kept:
        node = splice.value(root, key)
        if node is not None:
            edits.append(Edit(*splice.span(node)))  # the sample year's resolution, as printed
    if kept and isinstance(root, yaml.MappingNode):
        edits.append(_marker(text, root, kept, "văn bản giao chỉ tiêu của năm mẫu"))
    rule = splice.value(root, "assignment_rule")
    edits += _rewritten(text, rule, lambda t: level_words(t, n.level), moves)
    for item in splice.items(splice.value(root, "indicators")):
        if not isinstance(item, yaml.MappingNode):
            continue
        for key in ("units", "responsibility"):
            edits += _rewritten(text, splice.value(item, key), local, moves)
        if splice.child(item, "target") is not None:
            edits.append(
                _marker(text, item, ["target"], f"chỉ tiêu Trung ương giao năm {y}: đối chiếu")
            )
    return splice.apply(text, edits, lambda part: shift_wording(part, moves))


# ---------------------------------------------------------------- from the decision's Word file


def refuse_unusable(plan: DocxPlan) -> None:
    """A Word file from which no task was read whole gives no plan: nothing is written."""
    if not plan.usable:
        why = (
            messages.text("refused/docx-no-task")
            if plan.draft.sections
            else messages.text("refused/docx-no-table")
        )
        raise WriteRefused(
            said("refused/docx-unusable", path=plan.path, why=why), about="docx-unusable"
        )


def docx_moves(plan: DocxPlan, answers: Answers) -> tuple[int, int] | None:
    """(the Word file's year, the answers' year) when they differ: its year words move."""
    printed = plan.draft.year
    return None if printed is None or printed == answers.year else (printed, answers.year)


@dataclass(frozen=True)
class DocxTexts:
    """The texts of a workspace read from the decision's Word file, and what kstthc found it
    cannot use when building them (a timeframe it does not understand: that task is left
    commented out), said like the reader's problems (by table, row and column)."""

    plan_text: str
    indicators_text: str
    problems: tuple[Problem, ...] = ()


def docx_texts(plan: DocxPlan, answers: Answers) -> DocxTexts:
    """The texts of ``plan_N.yaml`` and ``indicators_N.yaml`` from the plan read out of the
    decision's Word file (``write.draft``), the head from ``answers``: the commune's names, its
    province's bodies (the two-level government of 07/2025), the decision's number, date and
    signer. When the answers give another year or commune than the file prints (a neighbour's
    plan as a start), its year words ("năm 2024") move to the answers' year and the commune's
    name to theirs, and the printed title is rebuilt, to confirm."""
    from kstthc_cli.write import draft as drafts

    answers = _clean(answers)
    refuse_unusable(plan)
    n = names(answers)
    found = plan.draft
    changes: dict[str, str] = {}
    moved = docx_moves(plan, answers)
    if found.commune and fold(found.commune) != fold(n.commune):
        changes[f"xã {found.commune}"] = n.full
        changes[found.commune] = n.commune
    if moved is not None or changes:
        level = n.level if changes else "xã"  # a neighbour's plan: xã → phường for a ward
        found = _moved(dataclasses.replace(found, title=None), moved, changes, level)
    found, problems = _timeframes(found, answers.year, plan.path)
    refuse_unusable(dataclasses.replace(plan, draft=found))
    head = drafts.DraftHead(
        year=answers.year,
        commune=n.commune,
        level=n.level,
        recipient=f"Văn phòng UBND {n.province}",
        issuing_body=f"Ủy ban nhân dân {n.full}",
        parent_body=f"Ủy ban nhân dân {n.province}",
        place=n.commune,
        decision_number=answers.decision_number,
        decision_date=answers.decision_date,
        signer=answers.signer,
        signer_title=answers.signer_title,
        signing_on_behalf="KT. CHỦ TỊCH"
        if fold(answers.signer_title).startswith("pho")
        else "TM. ỦY BAN NHÂN DÂN",
    )
    return DocxTexts(
        drafts.plan_text(found, head),
        drafts.indicators_text(found, year=answers.year, full=n.full),
        tuple(problems),
    )


def _timeframes(draft: DocxDraft, year: int, path: Path) -> tuple[DocxDraft, list[Problem]]:
    """Each task read whole whose timeframe kstthc does not understand (``check`` would refuse
    the plan) left for the officer, with a problem saying where and the nearest wording."""
    from kstthc_cli.compute import timeframe

    problems: list[Problem] = []

    def checked(t: DraftTask) -> DraftTask:
        bad = timeframe.diagnose(t.timeframe, year) if t.complete else None
        if bad is None:
            return t
        where = (t.timeframe_at or t.where).words()
        reason = f" ({bad.reason})" if bad.reason else ""
        problems.append(
            Problem.of(
                str(path),
                None,
                None,
                said(
                    "docx-unread-cell/timeframe",
                    where=where,
                    id=t.id,
                    timeframe=t.timeframe,
                    reason=reason,
                    hint=bad.hint,
                ),
            )
        )
        return dataclasses.replace(
            t,
            unread="kstthc chưa hiểu thời gian thực hiện: viết lại hoặc thêm schedule (xem "
            "README), rồi bỏ dấu #.",
        )

    sections = tuple(
        dataclasses.replace(s, tasks=tuple(checked(t) for t in s.tasks)) for s in draft.sections
    )
    return dataclasses.replace(draft, sections=sections), problems


_BARE_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _moved(
    draft: DocxDraft, moved: tuple[int, int] | None, changes: dict[str, str], level: str
) -> DocxDraft:
    """``draft``'s words with its year moved (``năm 2024``, and bare years in timeframes) and
    the commune's name replaced (and ``xã`` turned into ``level``)."""
    moves = {} if moved is None else {moved[0] - 1: moved[1] - 1, moved[0]: moved[1]}
    found = (
        re.compile("|".join(re.escape(k) for k in sorted(changes, key=len, reverse=True)))
        if changes
        else None
    )

    def words(text: str) -> str:
        if found is not None:
            text = level_words(found.sub(lambda m: changes[m.group()], text), level)
        return shift_wording(text, moves)

    def timeframe(text: str) -> str:
        return _BARE_YEAR.sub(lambda m: str(moves.get(int(m[1]), m[1])), words(text))

    def task(t: DraftTask) -> DraftTask:
        return dataclasses.replace(
            t,
            content=words(t.content),
            outputs=tuple(words(o) for o in t.outputs),
            responsibility=words(t.responsibility),
            timeframe=timeframe(t.timeframe),
        )

    return dataclasses.replace(
        draft,
        sections=tuple(
            dataclasses.replace(s, title=words(s.title), tasks=tuple(task(t) for t in s.tasks))
            for s in draft.sections
        ),
        indicators=tuple(
            dataclasses.replace(
                i,
                name=words(i.name),
                target_text=words(i.target_text),
                responsibility=words(i.responsibility),
            )
            for i in draft.indicators
        ),
        units=tuple(dataclasses.replace(u, name=words(u.name)) for u in draft.units),
    )


# ---------------------------------------------------------------- validate, then write


def refuse_existing(folder: Path) -> None:
    """A folder that holds a plan (in it or in its ``data/``) is never written into."""
    found = [
        p
        for where in (folder, folder / "data")
        if where.is_dir()
        for p in sorted(where.iterdir())
        if PLAN_FILE.match(p.name)
    ]
    if found:
        from kstthc_cli.write import vcs

        shown = ", ".join(display_path(p) for p in found)
        raise WriteRefused(
            said(
                "refused/init-exists-no-history"
                if vcs.find_repository(found[0].parent) is None
                else "refused/init-exists",
                folder=folder,
                shown=shown,
            )
        )


def check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(said("usage/init-is-file", folder=folder))
    if not folder.exists() and not folder.parent.is_dir():
        raise UsageError(said("usage/init-no-parent", parent=folder.parent, name=folder.name))
    refuse_existing(folder)


def init_workspace(
    folder: Path,
    answers: Answers,
    *,
    plan_text_: str | None = None,
    indicators_text_: str | None = None,
    ignore_files: bool = True,
) -> Started:
    """Build (or take the draft's) plan and indicators texts, validate them as a workspace, and
    write ``folder/data/plan_N.yaml`` and ``indicators_N.yaml``; nothing is written when the
    folder holds a plan already or the texts have errors."""
    answers = _clean(answers)
    check_folder(folder)
    year = answers.year
    ptext = plan_text_ if plan_text_ is not None else plan_text(answers)
    itext = indicators_text_ if indicators_text_ is not None else indicators_text(answers)
    data_dir = folder / "data"
    names_ = file_names(year)
    plan_path, indicators_path = data_dir / names_["plan"], data_dir / names_["indicators"]
    warnings = _validate(data_dir, year, ptext, itext, drafted=plan_text_ is not None)
    folder.mkdir(exist_ok=True)
    data_dir.mkdir(exist_ok=True)
    # A repository made next has its own .gitignore at its root (``ignore_files=False``).
    with (
        safewrite.locked(plan_path, ignore_files=ignore_files),
        safewrite.locked(indicators_path, ignore_files=ignore_files),
    ):
        refuse_existing(folder)
        safewrite.create_new(plan_path, ptext.encode("utf-8"))
        try:
            safewrite.create_new(indicators_path, itext.encode("utf-8"))
        except BaseException:
            with contextlib.suppress(OSError):
                plan_path.unlink()
            raise
    return Started(folder, data_dir, year, plan_path, indicators_path, warnings)


def _validate(
    data_dir: Path, year: int, plan: str, indicators: str, *, drafted: bool
) -> list[Problem]:
    names_ = file_names(year)
    with tempfile.TemporaryDirectory(prefix="kstthc-init-") as tmp:
        scratch = Path(tmp)
        (scratch / names_["plan"]).write_text(plan, encoding="utf-8")
        (scratch / names_["indicators"]).write_text(indicators, encoding="utf-8")
        ws, problems = load_workspace(scratch, year)
        shown = [
            dataclasses.replace(p, file=display_path(data_dir / Path(p.file).name))
            if scratch.name in p.file
            else p
            for p in problems
        ]
    if ws is None or has_errors(shown):
        raise DataError(
            shown,
            messages.text("failed/init-draft-invalid")
            if drafted
            else messages.text("failed/init-sample-invalid"),
        )
    return shown


def commit_title(started: Started, commune: str) -> str:
    """``Lập kế hoạch KSTTHC năm 2026 của xã Tân Phú (data/plan_2026.yaml, …)``."""
    files = ", ".join(
        f"{p.parent.name}/{p.name}" for p in (started.plan_path, started.indicators_path)
    )
    return f"Lập kế hoạch KSTTHC năm {started.year} của {commune} ({files})"
