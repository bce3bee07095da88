"""Option strings → typed values, and the command line's words for the core's findings.

The core speaks the files' words ("kỳ (period)", "ngày xét"); here each refusal of ``record``
is said again with the options that fix it (``--period``, ``--as-of``). Exit 2 for a value
that is not what the option takes.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_cli.errors import DataError, KstthcError, UsageError, WriteRefused
from kstthc_cli.load.text import fold, read_count

if TYPE_CHECKING:
    from kstthc_cli.compute.evaluate import PeriodResult
    from kstthc_cli.compute.indicators import Figure
    from kstthc_cli.compute.periodid import Occurrence, PeriodId
    from kstthc_cli.load.models import IndicatorRecord
    from kstthc_cli.problems import Problem
    from kstthc_cli.write.progress import Progress
    from kstthc_cli.write.record import Change, RecordRefused

_STATUS_WORDS = {
    "done": "done",
    "xong": "done",
    "daxong": "done",
    "hoanthanh": "done",
    "inprogress": "in-progress",
    "danglam": "in-progress",
    "dangthuchien": "in-progress",
}


def parse_status(word: str) -> Progress:
    """``done``/``in-progress`` (or ``xong``, ``đang làm``); anything else is a usage error."""
    from kstthc_cli.write.progress import Progress

    found = _STATUS_WORDS.get(re.sub(r"[\s_\-]+", "", fold(word)))
    if found is None:
        raise UsageError(
            f"Không hiểu tình trạng '{word}'.",
            "Dùng --status done (đã xong) hoặc --status in-progress (đang thực hiện).",
        )
    return Progress(found)


def parse_task_id(text: str) -> str:
    """A task's number as a person types it: ``NV1``, ``nv 1``, ``nhiệm vụ 1``, ``01`` and
    ``１`` (full width) all mean task ``1``; anything else is passed on in the form the files'
    ids have (``given_id``: empty, or with an invisible character, exits 2)."""
    from kstthc_cli.load.models import given_id

    text = given_id(text, "task")
    m = re.fullmatch(r"(?:nv|nhiem\s*vu)?\s*0*([0-9]+(?:\.[0-9]+)*)", fold(text).strip())
    return m.group(1) if m else text


def parse_number(text: str, option: str) -> Decimal:
    """A number as typed (``40``, ``92.5``, ``92,5``); something that is no number exits 2."""
    cleaned = text.strip().replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or not math.isfinite(float(number)):
        raise UsageError(
            f"Giá trị của {option} phải là một số (đang là '{text}').",
            "Ví dụ: --num 40 --den 80, hoặc --value 92.5.",
        )
    return number


_COUNT_LABELS = {"--num": "Tử số", "--den": "Mẫu số"}


def parse_count(text: str, option: str, *, asked: bool = False) -> int:
    """A count as typed (``40``): whole, written without separators, so ``1.000`` (a thousand,
    the Vietnamese way, or one with three decimals?) is asked about rather than guessed.
    ``asked``: an answer at a prompt of ``record indicators``, whose hints name no option."""
    label = _COUNT_LABELS.get(option, option)
    name = label if asked else option  # what the hints call the count
    if len(text.strip()) > 4300:  # more digits than Python turns into a number
        length = f"{len(text.strip()):,}".replace(",", ".")
        what = label.lower() if asked else f"giá trị của {option}"
        raise UsageError(
            f"{label} dài {length} ký tự; số đếm được không dài quá 4.300 chữ số.",
            f"Kiểm tra lại {what} (có lẽ bị dán lặp).",
        )
    reading = read_count(text)
    if reading.kind == "whole" and reading.number is not None and reading.number >= 0:
        return reading.number
    if reading.kind == "grouped":
        write = reading.digits if asked else f"{option} {reading.digits}"
        raise UsageError(
            f"{label} phải viết liền, không có dấu chấm hay phẩy (đang là '{text}').",
            f"Nếu là {int(reading.digits):,} hồ sơ thì viết {write}.".replace(",", "."),
        )
    if asked and not re.fullmatch(r"\s*[-+]?[0-9]+([.,][0-9]*)?\s*", text):
        raise UsageError(f"{label} phải là một số (đang là '{text}').", "Ví dụ: 40/80.")
    number = parse_number(text, option)  # no number at all: exits 2 there
    if number < 0:
        raise UsageError(
            f"{label} không được âm (đang là {text}).",
            f"{name} là số hồ sơ/văn bản đếm được, từ 0 trở lên.",
        )
    raise UsageError(
        f"{label} phải là số nguyên (đang là {text}).",
        f"{name} là số hồ sơ/văn bản đếm được, không có phần thập phân.",
    )


def parse_text(text: str | None, option: str) -> str | None:
    """Free text as typed; characters the console could not read as UTF-8 exit 2."""
    if text is not None and any("\ud800" <= ch <= "\udfff" for ch in text):
        raise UsageError(
            f"Giá trị của {option} có ký tự không đọc được (không phải UTF-8).",
            "Gõ lại nội dung, hoặc đặt bảng mã của cửa sổ lệnh là UTF-8.",
        )
    hidden = [ch for ch in text or "" if ch != "\t" and unicodedata.category(ch) == "Cc"]
    if hidden:
        raise UsageError(
            f"Giá trị của {option} có ký tự điều khiển U+{ord(hidden[0]):04X} (không in được).",
            "Gõ lại nội dung bằng tay; không dán kèm ký tự lạ từ cửa sổ lệnh hay trang web.",
        )
    from kstthc_cli.render.textfmt import BIDI

    turned = re.search(f"[{BIDI}]", text or "")
    if text is not None and turned is not None:
        raise UsageError(
            f"Giá trị của {option} có ký tự đổi chiều chữ U+{ord(turned.group()):04X} (không "
            f"nhìn thấy được, làm chữ hiện ngược) ở vị trí {turned.start() + 1}.",
            "Gõ lại nội dung bằng tay; không dán kèm ký tự lạ từ Word hay trang web.",
        )
    return text


def parse_period_word(word: str, plan_year: int) -> tuple[PeriodId, int]:
    """A period as typed (``q2``, ``quý II``, ``6 tháng``, ``2025q1``) of plan year
    ``plan_year``: the period and the year it belongs to; an unknown word exits 2."""
    from kstthc_cli.compute import periods
    from kstthc_cli.compute.periodid import PeriodId

    pid, year = periods.parse_period(word, plan_year)
    return PeriodId(pid), year


def parse_task_period(word: str | None) -> PeriodId | Occurrence | None:
    """``record task --period`` as typed: a period's id as the files write it (``Q2``, ``H1``,
    ``Y``, ``T03``) is that ``PeriodId``; any other word (``quý 2``, ``q2``, ``6 tháng``,
    ``M1``, ``20/3``, ``đột xuất``, ``2025q1``) is an ``Occurrence`` keyed by the word as typed
    (without surrounding spaces). The word is not read as a period here on purpose: which of
    the task's occurrences it names is decided against the task's schedule when the record is
    made, and a word that names none (``quý 2`` on an ongoing task, a period of another year)
    is written and quoted in the refusal exactly as the officer typed it. An empty word is
    refused there too (``Không hiểu kỳ ''``), so it is passed on as typed."""
    from kstthc_cli.compute.periodid import Occurrence, PeriodId

    if word is None:
        return None
    key = word.strip()
    if key in PeriodId._value2member_map_:
        return PeriodId(key)
    return Occurrence(key)


def indicator_period(folder: Path, year: int | None, word: str | None, as_of: date) -> PeriodId:
    """``record indicator --period`` as typed, for ``--delete``: the period it names in the plan
    year ``resolve_year`` picks (a year-qualified word names its period, as it always has);
    an unknown word exits 2."""
    from kstthc_cli.load.workspace import resolve_year

    return parse_period_word(word or "", resolve_year(folder, year, as_of))[0]


def figure_period(
    folder: Path, year: int | None, word: str, as_of: date
) -> PeriodId | tuple[PeriodId, int]:
    """``record indicator(s) --period`` as typed: the period of the plan year that
    ``resolve_year`` picks (``q2``, ``quý II``, ``6 tháng``), or a period of another year with
    its year (``2025q1`` → ``(PeriodId.Q1, 2025)``, which the rules refuse: its figures go to
    that year's file). An unknown word exits 2 before the folder is read."""
    from kstthc_cli.compute import periods
    from kstthc_cli.load.workspace import resolve_year

    periods.parse_period(word, year or 2000)  # an unknown word: exit 2 first, as it always has
    plan_year = resolve_year(folder, year, as_of)
    pid, period_year = parse_period_word(word, plan_year)
    return pid if period_year == plan_year else (pid, period_year)


def as_typed(exc: RecordRefused, word: str | None) -> RecordRefused:
    """A refusal quoting another year's period as the library writes it (``Q1/2025``) said
    with the word the officer typed (``2025q1``), as the command line always said it."""
    from kstthc_cli.write.record import RecordRefused

    p = exc.problem
    if word is None or p.key != "bad-period/other-year":
        return exc
    written, typed = f"'{p.fields.get('period')}'", f"'{word.strip()}'"
    return RecordRefused(
        dataclasses.replace(p, message=p.message.replace(written, typed)), exc.field
    )


def period_in_plans(
    word: str, plan_year: int, *, year: int | None, plan_years: Callable[[], list[int]], where: str
) -> tuple[str, int]:
    """A period as typed and the plan year it belongs to: ``q2`` is the quarter of
    ``plan_year``; a year-qualified word (``2025q1``) opens its own year's plan when ``--year``
    (``year``) says nothing else and ``plan_years()`` has it; otherwise exits 2. ``where`` says
    what has no such plan (``'data' không có``, ``không thư mục nào có``)."""
    from kstthc_cli.compute import periods

    pid, period_year = periods.parse_period(word, plan_year)
    if period_year == plan_year:
        return pid, plan_year
    if year is not None:
        raise UsageError(
            f"Kỳ '{word}' thuộc năm {period_year}, khác --year {year}.",
            "Bỏ --year, hoặc viết kỳ không kèm năm.",
        )
    have = plan_years()
    if period_year not in have:
        raise UsageError(
            f"Kỳ '{word}' thuộc năm {period_year}, nhưng {where} plan_{period_year}.yaml.",
            "Các năm có kế hoạch: " + ", ".join(str(y) for y in have) + ".",
        )
    return pid, period_year


def period_and_year(
    folder: Path, year: int | None, word: str, as_of: date | None = None
) -> tuple[str, int]:
    """A period word and the plan year it belongs to: ``q2`` is the quarter of the plan that
    ``resolve_year`` picks (``as_of``: the day judged by); ``2025q1`` opens the 2025 plan (if the
    folder has one and ``--year`` says nothing else); a period of a year without a plan exits 2."""
    from kstthc_cli.load.workspace import plan_years, resolve_year

    plan_year = resolve_year(folder, year, as_of)
    return period_in_plans(
        word,
        plan_year,
        year=year,
        plan_years=lambda: plan_years(folder),
        where=f"'{folder}' không có",
    )


def revision(word: str | None, as_of: date | None) -> str | None:
    """A version as typed for ``diff``: ``14/3`` (a day without its year) is a day of the year
    judged (``--as-of``, else this year); anything else is passed on as written."""
    if word is None:
        return None
    if re.fullmatch(r"\s*\d{1,2}[/.]\d{1,2}\s*", word):
        from kstthc_cli.cli.commands.common import today

        word = f"{word.strip()}/{(as_of or today()).year}"
    if re.fullmatch(r"\s*(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*", word):
        from kstthc_cli.load.models import parse_day

        try:
            parse_day(word.strip().replace(".", "/"))
        except ValueError as exc:
            raise UsageError(
                f"Phiên bản '{word.strip()}' không phải ngày có thật: {exc}.",
                "Viết ngày dạng 2024-04-20 hoặc 20/04/2024, hoặc HEAD, HEAD~1, mã lần ghi.",
            ) from None
    return word


def commit_message(text: str | None) -> str | None:
    """``commit -m``: one line or more, no control characters, not blank."""
    if text is None:
        return None
    if not text.strip():
        raise UsageError(
            "Lời ghi (-m) không được để trống.",
            'Viết lời ghi, ví dụ -m "Sửa thời gian nhiệm vụ 5", hoặc bỏ -m để kstthc tự ghi.',
        )
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t" for c in text):
        raise UsageError(
            "Lời ghi (-m) có ký tự điều khiển hoặc ký tự ẩn.",
            "Gõ lại lời ghi bằng tay, không dán từ nơi khác.",
        )
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


# ---------------------------------------------------------------- the core's findings, with options


@dataclass(frozen=True)
class Rerun:
    """A hint offering to run the command again with ``option``: said to a command that has
    it, ``otherwise`` to one that has not (``history`` has no ``--no-commit``)."""

    said: str
    option: str
    otherwise: str


#: The core's hints said with the command line's options, by what they are about
#: (``KstthcError.about``), filled in with its ``details``.
OPTION_HINTS: dict[str, str | Rerun] = {
    "data-file": "Kiểm tra lại đường dẫn, hoặc tùy chọn --data chỉ tới thư mục dữ liệu.",
    "data-folder": "Dùng --data để chỉ tới thư mục chứa plan_<năm>.yaml.",
    "data-folder-example": "Dùng --data để chỉ tới thư mục dữ liệu, ví dụ --data data.",
    "bundled": "Lập kế hoạch của xã mình bằng: kstthc init, rồi chạy lệnh trong thư mục đó; "
    "hoặc dùng --data THƯ_MỤC (hay biến môi trường KSTTHC_DATA) chỉ tới thư mục dữ liệu của xã.",
    "new-year-from": "new-year {year} lập kế hoạch năm {year} từ kế hoạch năm {prev}; "
    "kiểm tra lại năm hoặc tùy chọn --data.",
    "repository-damaged": Rerun(
        "Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status' (ghi kết quả "
        "mà không lưu lịch sử: --no-commit).",
        "--no-commit",
        "Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status'.",
    ),
    "repository-busy": Rerun(
        "Hoàn tất hoặc hủy việc đó trước (git merge --abort, git rebase --abort…), hoặc chạy "
        "lại với --no-commit.",
        "--no-commit",
        "Hoàn tất hoặc hủy việc đó trước (git merge --abort, git rebase --abort…), rồi chạy lại.",
    ),
    "repository-conflict": Rerun(
        "Giải quyết xung đột (sửa tệp rồi git add) trước, hoặc chạy lại với --no-commit.",
        "--no-commit",
        "Giải quyết xung đột (sửa tệp rồi git add) trước, rồi chạy lại.",
    ),
    "repository-detached": Rerun(
        "Quay về nhánh chính (git switch main hoặc git checkout master), hoặc chạy lại với "
        "--no-commit.",
        "--no-commit",
        "Quay về nhánh chính (git switch main hoặc git checkout master), rồi chạy lại.",
    ),
    "undo-whole-file": "Bỏ riêng bản ghi đó bằng: kstthc record … --delete (xem kstthc record "
    "task --help), rồi kiểm tra bằng kstthc status.",
    "docx-unusable": "Xem các lỗi ở trên: kiểm tra đúng tệp Kế hoạch kèm Quyết định (.docx), "
    "bảng kế hoạch là bảng của Word; hoặc bỏ --from-docx để lập từ kế hoạch mẫu rồi sửa theo "
    "bản in.",
    "rollup-year": "Kiểm tra đường dẫn các thư mục xã, hoặc ghi rõ --year.",
    "output-json": "Thêm --json, ví dụ: --json -o ket-qua.json; hoặc bỏ -o để xem kết quả trên "
    "màn hình.",
    "import-period-bieu06": "Xuất lại biểu từ hệ thống, giữ nguyên phần tiêu đề; hoặc cho biết "
    "kỳ của biểu khi nhập (ví dụ --period q1).",
    "import-period-list": "Cho biết kỳ của danh sách bằng --period, ví dụ --period q2.",
    "import-period-other": "Không ghi --period, hoặc ghi đúng kỳ của tệp.",
    "task-id-missing": "Ghi số nhiệm vụ ngay sau lệnh, ví dụ: kstthc record task 1 --date 14/3.",
    "indicator-id-missing": "Ghi số chỉ tiêu ngay sau lệnh, ví dụ: kstthc record indicator 3 "
    "--period q1 --num 40 --den 80.",
    "milestones": "Nhiệm vụ {task} tính theo các mốc: {listed}. Ví dụ: --period {first}",
    "template-missing": "Ghi đúng đường dẫn tới tệp mẫu .md.j2, hoặc bỏ --template để dùng "
    "mẫu có sẵn.",
    "template-broken": "Sửa tệp mẫu ở dòng đó (biến có sẵn: xem README, mục kstthc report), "
    "hoặc bỏ --template/xóa mẫu riêng để dùng mẫu có sẵn. Chưa ghi báo cáo nào.",
}


def hint_for(about: str, options: Collection[str] | None = None) -> str | None:
    """The hint about ``about`` said with the options of the command run (``options``, None:
    any command): a hint never names an option the command has not."""
    said = OPTION_HINTS.get(about)
    if isinstance(said, Rerun):
        return said.said if options is None or said.option in options else said.otherwise
    return said


def with_options(exc: KstthcError, options: Collection[str] | None = None) -> KstthcError:
    """The core's failure with its hint said with the command line's options (and so are the
    problems a ``DataError`` carries); ``options``: those of the command run."""
    said = hint_for(exc.about, options)
    if said is not None:
        exc.hint = said.format(**exc.details)
    if isinstance(exc, DataError):
        exc.problems = [problem_with_options(p, options) for p in exc.problems]
    return exc


def problem_with_options(p: Problem, options: Collection[str] | None = None) -> Problem:
    """A problem with its hint said with the command line's options, by what it is about."""
    said = hint_for(p.about, options)
    return p if said is None else dataclasses.replace(p, hint=said)


#: Findings that mean the wrong options were given for this indicator: a command-line slip.
_SLIPS = ("wrong-measure", "missing-figure", "none-with-figure")

#: What to do about a finding on the record being written, said with the options: by the
#: catalogue's key of the finding (``Problem.key``, ``messages.MESSAGES``), filled in with the
#: fields it was said with. A finding whose key is not here keeps its own hint.
RECORD_HINTS = {
    "after-as-of": "Kiểm tra --date, hoặc đặt --as-of là ngày hôm nay.",
    "period-not-begun": "Kiểm tra --period, hoặc đặt --as-of là ngày hôm nay.",
    "period-not-begun/figure": "Kiểm tra --period, hoặc đặt --as-of là ngày hôm nay.",
    "before-period": "Kiểm tra --date hoặc --period.",
    "period-not-needed": "Bỏ tùy chọn --period.",
    "bad-period/one-off": "Bỏ tùy chọn --period.",
    "none-with-figure": "Bỏ --none, hoặc bỏ --num/--den/--value.",
    "period-required": "Thêm --period, một trong: {choices}.",
    "bad-period/other-year": "Ghi số liệu năm {other} bằng --year {other} (tệp "
    "actuals_{other}.yaml).",
    "date-outside-year": "Ngày thực hiện phải từ 01/12/{before} đến 31/03/{after}; kiểm tra "
    "--date (hoặc --as-of).",
    "outside-reporting-windows": "Nếu là hoạt động của {which}, ghi vào tệp "
    "actuals_{other}.yaml (kstthc record … --year {other}); nếu nhầm ngày, sửa lại ngày.",
    "wrong-measure": "Chỉ tiêu này ghi bằng --value, ví dụ --value 92.5.",
    "wrong-measure/ratio": "Chỉ tiêu này ghi bằng --num (tử số) và --den (mẫu số).",
    "missing-figure": "Ghi --value, ví dụ --value 92.5.",
    "missing-figure/ratio": "Ghi cả --num (tử số) và --den (mẫu số), ví dụ --num 40 --den 80.",
}


def option_hint(p: Problem) -> str:
    """What to do about a finding on the record being written, said with the options."""
    said = RECORD_HINTS.get(p.key)
    if said is not None:
        return said.format_map(p.fields)
    return problem_with_options(p).hint


def refusal(exc: RecordRefused) -> KstthcError:
    """A refused record as the command line reports it: exit 2 for a slip in the options."""
    kind = UsageError if exc.code in _SLIPS else WriteRefused
    return kind(exc.message, option_hint(exc.problem))


# ---------------------------------------------------------------- what record says


def change_lines(change: Change) -> list[str]:
    """The confirmation a person reads after ``record``, in Vietnamese."""
    from kstthc_cli.load.models import TaskRecord
    from kstthc_cli.render import textfmt

    out: list[str] = []
    if change.created:
        out.append(f"Đã tạo tệp {change.display}.")
    r = change.record
    if change.deleted:
        what = (
            f"{'đã xong' if r.status == 'done' else 'đang thực hiện'}, ngày {textfmt.d(r.date)}"
            if isinstance(r, TaskRecord)
            else describe_figure(r, change.unit)
        )
        out = [f"Đã xoá bản ghi {change.subject}: {what}.", f"  Tệp: {change.display}"]
        if change.kept_comments:
            lines = ", ".join(str(n) for n in change.kept_comments)
            out.append(f"  Giữ lại ghi chú viết tay trong bản ghi đó (dòng {lines} của tệp cũ).")
        return out
    if change.replacing and change.before == change.after:  # kept fields: nothing new given
        return [
            f"Bản ghi {change.subject} đã có đúng như vậy; không có gì thay đổi.",
            f"  Tệp: {change.display}",
        ]
    if isinstance(r, TaskRecord):
        state = "đã xong" if r.status == "done" else "đang thực hiện"
        if change.replacing:
            old = change.replaced
            before = "không đọc được"
            if isinstance(old, TaskRecord):
                before = f"ngày {textfmt.d(old.date)}"
            out.append(
                f"Đã thay bản ghi {change.subject}: {state}, ngày {textfmt.d(r.date)} "
                f"(bản ghi cũ: {before})."
            )
        else:
            out.append(f"Đã ghi {change.subject}: {state}, ngày {textfmt.d(r.date)}.")
        if r.evidence:
            out.append(f"  Văn bản: {r.evidence}")
    else:
        new = describe_figure(r, change.unit)
        if change.replacing:
            old_figure = change.replaced
            shown = "không đọc được"
            if old_figure is not None and not isinstance(old_figure, TaskRecord):
                shown = describe_figure(old_figure, change.unit)
            out.append(f"Đã thay số liệu {change.subject}: {new} (số cũ: {shown}).")
        else:
            out.append(f"Đã ghi số liệu {change.subject}: {new}.")
    if r.note:
        out.append(f"  Ghi chú: {r.note}")
    if not change.created:
        out.append(f"  Tệp: {change.display}")
    for p in change.warnings:
        out.append(f"Lưu ý: {p.message}")
        if p.hint:
            out.append(f"  → {option_hint(p)}")
    return out


def describe_figure(r: IndicatorRecord, unit: str = "%") -> str:
    """``40/80 = 50,00 %`` for a ratio, ``92,50 %`` for a value entered directly."""
    from kstthc_cli.compute.indicators import Figure
    from kstthc_cli.render import textfmt

    if r.none:
        return "không phát sinh"
    if r.value is not None:
        return textfmt.amount(Figure(value=r.value).percent, unit)
    if r.numerator is None or not r.denominator:
        return "—"
    shown = textfmt.pct(Figure(r.numerator, r.denominator).percent)
    return f"{textfmt.ratio(r.numerator, r.denominator)} = {shown}"


def verdict_lines(result: PeriodResult) -> list[str]:
    """``Kỳ Quý I: 50,00 % — chưa đạt (mục tiêu ≥ 80 %).`` and the year to date, the
    evaluation's verdicts on the figure just recorded."""
    from kstthc_cli.render import textfmt

    ind = result.indicator
    goal = textfmt.target(ind.target.op, result.target.assigned, ind.unit)
    own = "—" if result.figure is None else textfmt.amount(result.figure.percent, ind.unit)
    ytd = textfmt.amount(result.ytd.ytd.percent, ind.unit)
    words = textfmt.STATE_WORDS

    def judged(figure: str, state: str) -> str:
        return words[state] if state == "none" else f"{figure} — {words[state]}"

    return [
        f"  Mục tiêu giao: {goal}. Kỳ này: {judged(own, result.state)}; "
        f"lũy kế từ đầu năm: {judged(ytd, result.ytd.state)}."
    ]


#: What ``record indicators`` takes for "nothing to count in the period".
_NONE_WORDS = ("kps", "khongphatsinh", "none")


_ANSWER_HINT = "Enter: giữ số đang có; -: bỏ qua; kps: không phát sinh."


def parse_answer(text: str, measure: str) -> str | tuple[int | None, int | None, Decimal | None]:
    """An answer to ``record indicators``: ``"keep"`` (Enter), ``"skip"`` (``-``), ``"none"``
    (``kps``, không phát sinh), or the figure: ``40/80`` (or ``40 80``) for a ratio, ``92.5``
    for a value. Anything else raises ``UsageError`` saying what is asked for."""
    word = text.strip()
    if not word:
        return "keep"
    if word == "-":
        return "skip"
    if re.sub(r"\s+", "", fold(word)) in _NONE_WORDS:
        return "none"
    if measure == "ratio":
        parts = [p for p in re.split(r"[/\s]+", word) if p]
        if len(parts) != 2:
            raise UsageError(f"Cần tử số/mẫu số, ví dụ 40/80 (đang là '{text}').", _ANSWER_HINT)
        num, den = (
            parse_count(p, o, asked=True) for p, o in zip(parts, ("--num", "--den"), strict=True)
        )
        if den == 0:
            raise UsageError(
                f"Mẫu số phải lớn hơn 0 (đang là '{text}').",
                "Kỳ này không có gì để đếm thì gõ kps (không phát sinh).",
            )
        return num, den, None
    try:
        return None, None, parse_number(word, "--value")
    except UsageError:
        raise UsageError(f"Cần một số, ví dụ 92.5 (đang là '{text}').", _ANSWER_HINT) from None


def figure_words(figure: Figure | None, unit: str = "%") -> str:
    """``40/80 = 50,00 %``, ``92,50 %``, ``không phát sinh``, or ``—``."""
    from kstthc_cli.render import textfmt

    if figure is None:
        return "—"
    if figure.none and figure.actual is None:
        return "không phát sinh"
    shown = textfmt.amount(figure.percent, unit)
    if figure.value is None and figure.denominator:
        return f"{textfmt.ratio(figure.numerator, figure.denominator)} = {shown}"
    return shown
