"""``kstthc init``: start a commune's own workspace, asked at the terminal or given as options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from kstthc_cli.errors import UsageError

if TYPE_CHECKING:
    from kstthc_cli.load.plan_docx import DocxPlan
    from kstthc_cli.write.init import Answers, Started

T = TypeVar("T")


def _opt(name: str, metavar: str, help: str) -> typer.models.OptionInfo:
    return typer.Option(name, metavar=metavar, help=help, show_default=False)  # type: ignore[no-any-return]


def init(
    folder: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Argument(
            metavar="THƯ_MỤC",
            help="Thư mục của xã (mặc định: thư mục hiện tại); các tệp ghi vào THƯ_MỤC/data.",
            show_default=False,
        ),
    ] = None,
    from_docx: Annotated[
        Optional[str],  # noqa: UP045
        _opt(
            "--from-docx",
            "TỆP.docx",
            "Đọc các mục, nhiệm vụ, đơn vị và chỉ tiêu từ tệp Word của Quyết định ban hành Kế "
            "hoạch (xã, năm, số và ngày quyết định in trong tệp dùng khi không ghi tùy chọn).",
        ),
    ] = None,
    commune: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--commune", "TÊN_XÃ", 'Tên xã, ví dụ "Tân Phú" (hoặc "phường An Hòa").'),
    ] = None,
    province: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--province", "TÊN_TỈNH", 'Tên tỉnh, ví dụ "Quảng Ngãi" (hoặc "thành phố Huế").'),
    ] = None,
    year: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--year", "NĂM", "Năm của kế hoạch, ví dụ 2026."),
    ] = None,
    decision_number: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--decision-number", "SỐ", 'Số quyết định ban hành kế hoạch, ví dụ "12/QĐ-UBND".'),
    ] = None,
    decision_date: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--decision-date", "NGÀY", "Ngày quyết định, ví dụ 05/01/2026."),
    ] = None,
    signer: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--signer", "HỌ_TÊN", "Họ tên người ký quyết định (và báo cáo)."),
    ] = None,
    capacity: Annotated[
        Optional[str],  # noqa: UP045
        _opt("--capacity", "CHỨC_VỤ", 'Chức vụ người ký (mặc định: "Chủ tịch").'),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="Không hỏi gì: thiếu giá trị bắt buộc thì báo lỗi."),
    ] = False,
    no_commit: Annotated[
        bool, typer.Option("--no-commit", help="Không tạo kho lịch sử (git), không lưu vào đó.")
    ] = False,
) -> None:
    """Lập thư mục dữ liệu của xã: kế hoạch (các mục, nhiệm vụ của kế hoạch mẫu, chuyển sang
    năm mới, hoặc đọc từ tệp Word của Quyết định), chỉ tiêu và thiết lập báo cáo gửi tỉnh; hỏi
    lần lượt những gì chưa ghi bằng tùy chọn. Giá trị kstthc điền sẵn được đánh dấu to_confirm
    để kiểm tra lại."""
    from kstthc_cli import api
    from kstthc_cli.render import console

    read = _read_docx(from_docx)  # its problems printed; a file giving no task is refused
    given = (commune, province, year, decision_number, decision_date, signer, capacity)
    answers = _answers(*given, ask=not yes and sys.stdin.isatty(), yes=yes, found=read)
    texts = _texts(read, answers)  # (None, None): from the bundled sample
    started = api.init_workspace(
        folder=Path(folder or "."), answers=answers, commit=not no_commit,
        plan_text=texts[0], indicators_text=texts[1],
    )  # fmt: skip
    for line in result_lines(started, answers, folder, read):
        console.out().print(line, markup=False, soft_wrap=True)


def _texts(read: DocxPlan | None, answers: Answers) -> tuple[str | None, str | None]:
    """The texts made from the Word file (none without one); what kstthc cannot use of what it
    read (a timeframe it does not understand) printed like the reader's problems."""
    if read is None:
        return None, None
    from kstthc_cli import api, problems
    from kstthc_cli.render import console

    texts = api.texts_from_docx(plan=read, answers=answers)
    for p in texts.problems:
        console.err().print(problems.render(p), markup=False)
        console.err().print()
    return texts.plan_text, texts.indicators_text


def _read_docx(path: str | None) -> DocxPlan | None:
    """The plan read from the Word file at ``path``, what could not be read printed (by table,
    row and column); a file from which no task was read whole refused (exit 1)."""
    if path is None:
        return None
    from kstthc_cli import api, problems
    from kstthc_cli.render import console
    from kstthc_cli.write.init import refuse_unusable

    plan = api.plan_from_docx(path=Path(path))
    err = console.err()
    for p in plan.problems:
        err.print(problems.render(p), markup=False)
        err.print()
    if plan.problems:
        err.print(f"Đọc tệp Word: {problems.summary(list(plan.problems))}", markup=False)
    refuse_unusable(plan)
    return plan


_REQUIRED = ("--commune", "--province", "--year", "--signer")


def _answers(
    commune: str | None,
    province: str | None,
    year: str | None,
    number: str | None,
    day: str | None,
    signer: str | None,
    capacity: str | None,
    *,
    ask: bool,
    yes: bool,
    found: DocxPlan | None = None,
) -> Answers:
    """The answers from the options, else from what the Word file prints (``found``: commune,
    year, decision number and date); what is still missing is asked at a terminal (each answer
    read again until it is understood), and without one the missing options exit 2."""
    from kstthc_cli.cli.commands.common import parse_date_option
    from kstthc_cli.cli.values import parse_text
    from kstthc_cli.write.init import Answers

    if found is not None:
        printed = found.draft
        commune = commune if commune and commune.strip() else printed.commune
        if not (year and year.strip()) and printed.year is not None:
            year = str(printed.year)
        number = number if number and number.strip() else printed.decision_number
        if not (day and day.strip()) and printed.decision_date is not None:
            day = printed.decision_date.strftime("%d/%m/%Y")
    values = dict(zip(_REQUIRED, (commune, province, year, signer), strict=True))
    missing = [option for option, value in values.items() if value is None or not value.strip()]
    if missing and not ask:
        why = (
            "với --yes kstthc không hỏi"
            if yes
            else "không hỏi được vì đầu vào không phải cửa sổ lệnh"
        )
        raise UsageError(
            f"Thiếu {', '.join(missing)} ({why}).",
            'Ví dụ: kstthc init xa-moi --commune "Tân Phú" --province "Quảng Ngãi" '
            '--year 2026 --signer "Nguyễn Văn A"',
        )
    if ask:
        commune = _asked(commune, "Tên xã (ví dụ: Tân Phú)", _text("--commune"))
        province = _asked(province, "Tỉnh (ví dụ: Quảng Ngãi)", _text("--province"))
    plan_year = _asked(year, "Năm kế hoạch (ví dụ: 2026)", _year) if ask else _year(year or "")

    def on(text: str) -> date | None:
        return parse_date_option(text, "--decision-date", plan_year) if text.strip() else None

    when = on(day or "")
    if ask:
        number = _asked(number, "Số quyết định ban hành kế hoạch (Enter: chưa có)", _any, "")
        when = _asked(day, "Ngày quyết định (ví dụ: 05/01/2026; Enter: chưa có)", on, "")
        signer = _asked(signer, "Người ký (họ tên)", _text("--signer"))
        capacity = _asked(capacity, "Chức vụ người ký", _any, "Chủ tịch")
    return Answers(
        commune=parse_text(commune, "--commune") or "",
        province=parse_text(province, "--province") or "",
        year=plan_year,
        decision_number=(parse_text(number, "--decision-number") or "").strip() or None,
        decision_date=when,
        signer=parse_text(signer, "--signer") or "",
        signer_title=(parse_text(capacity, "--capacity") or "").strip() or "Chủ tịch",
    )


def _text(option: str) -> Callable[[str], str]:
    from kstthc_cli.cli.values import parse_text

    def read(answer: str) -> str:
        if not answer.strip():
            raise UsageError("Cần ghi giá trị này.", "")
        return str(parse_text(answer, option))

    return read


def _any(answer: str) -> str:
    """An answer that may be left empty, read as typed (control characters asked again)."""
    from kstthc_cli.cli.values import parse_text

    return str(parse_text(answer, "giá trị") or "")


def _year(text: str) -> int:
    if not text.strip().isdigit() or not 2001 <= int(text) <= 2100:
        raise UsageError(
            f"Năm kế hoạch phải là năm bốn chữ số (đang là '{text}').", "Ví dụ: --year 2026."
        )
    return int(text)


def _asked(
    given: str | None, question: str, read: Callable[[str], T], default: str | None = None
) -> T:
    """``given`` read as it is; else asked (again until ``read`` understands the answer)."""
    if given is not None and given.strip():
        return read(given)
    while True:
        answer = typer.prompt(question, default=default, show_default=bool(default))
        try:
            return read(str(answer))
        except UsageError as exc:
            from kstthc_cli.render import console

            console.err().print(f"  {exc.message}", markup=False)


def result_lines(
    started: Started, answers: Answers, folder: str | None, read: DocxPlan | None = None
) -> list[str]:
    """What the officer reads after ``init``: what the Word file gave, the files, the history,
    what is still to confirm or to complete, what to do next."""
    import os

    from kstthc_cli.load.yamlio import display_path
    from kstthc_cli.write.init import names

    n = names(answers)
    out = [] if read is None else _docx_lines(read, answers)
    out.append(f"Đã lập thư mục dữ liệu của {n.full}, kế hoạch năm {started.year}:")
    out += [f"  {display_path(p)}" for p in (started.plan_path, started.indicators_path)]
    if started.commit is not None:
        made = "Đã tạo kho lịch sử (git) và lưu" if started.repository_created else "Đã lưu"
        out.append(f"{made} vào lịch sử (lần ghi {started.commit[:7]}).")
    if started.to_confirm:
        how = "điền sẵn" if read is None else "điền sẵn hay đọc chưa chắc"
        out.append(
            f"Còn {started.to_confirm} giá trị kstthc {how} cần xác nhận (đánh dấu "
            "to_confirm); xem từng giá trị bằng: kstthc check"
        )
    unread = sum(1 for p in started.warnings if p.code == "unread-left")
    if unread:
        out.append(
            f"Còn {unread} nhiệm vụ, chỉ tiêu chưa đọc được từ tệp Word, để dưới dạng ghi chú "
            "(CHƯA ĐỌC ĐƯỢC) cho cán bộ điền; kstthc check chỉ từng chỗ."
        )
    go = f"cd {folder}, rồi " if folder and folder != "." else ""
    out.append(f"Tiếp theo: {go}kstthc check, kstthc status.")
    env = os.environ.get("KSTTHC_DATA")
    if env:
        out.append(
            f"Lưu ý: biến môi trường KSTTHC_DATA đang chỉ tới '{env}'; để dùng thư mục mới, "
            f"đặt lại KSTTHC_DATA hoặc thêm --data {display_path(started.data_dir)}."
        )
    return out


def _docx_lines(read: DocxPlan, answers: Answers) -> list[str]:
    """What was read from the Word file, what it prints, and what moved to the answers'."""
    from kstthc_cli.load.text import fold
    from kstthc_cli.write.init import docx_moves, names

    d = read.draft
    tasks = [t for t in d.tasks() if t.complete]
    said = []
    if d.year is not None or d.commune:
        said.append(
            "kế hoạch"
            + (f" năm {d.year}" if d.year is not None else "")
            + (f" của xã {d.commune}" if d.commune else "")
        )
    if d.decision_number or d.decision_date:
        said.append(
            "Quyết định"
            + (f" số {d.decision_number}" if d.decision_number else "")
            + (f" ngày {d.decision_date:%d/%m/%Y}" if d.decision_date else "")
        )
    out = [
        f"Đọc từ tệp Word: {len(d.sections)} mục, {len(tasks)} nhiệm vụ, "
        f"{sum(1 for i in d.indicators if i.complete)} chỉ tiêu"
        + (f" ({'; '.join(said)})." if said else ".")
    ]
    n = names(answers)
    moved = docx_moves(read, answers)
    if moved is not None:
        out.append(
            f'Kế hoạch lập cho năm {moved[1]}: chữ "năm {moved[0]}" trong các mục, nhiệm vụ, '
            f'chỉ tiêu đã chuyển thành "năm {moved[1]}" (năm {moved[0] - 1} thành '
            f"{moved[1] - 1})."
        )
    if d.commune and fold(d.commune) != fold(n.commune):
        out.append(f"Tên xã {d.commune} trong tệp Word đã thay bằng {n.full}.")
    return out
