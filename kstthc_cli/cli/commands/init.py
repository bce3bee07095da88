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
    năm mới), chỉ tiêu và thiết lập báo cáo gửi tỉnh; hỏi lần lượt những gì chưa ghi bằng tùy
    chọn. Giá trị kstthc điền sẵn được đánh dấu to_confirm để kiểm tra lại."""
    from kstthc_cli import api
    from kstthc_cli.render import console

    given = (commune, province, year, decision_number, decision_date, signer, capacity)
    answers = _answers(*given, ask=not yes and sys.stdin.isatty(), yes=yes)
    where = Path(folder or ".")
    started = api.init_workspace(folder=where, answers=answers, commit=not no_commit)
    for line in result_lines(started, answers, folder):
        console.out().print(line, markup=False, soft_wrap=True)


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
) -> Answers:
    """The answers from the options; what is missing is asked at a terminal (each answer read
    again until it is understood), and without one the missing options exit 2."""
    from kstthc_cli.cli.commands.common import parse_date_option
    from kstthc_cli.cli.values import parse_text
    from kstthc_cli.write.init import Answers

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


def result_lines(started: Started, answers: Answers, folder: str | None) -> list[str]:
    """What the officer reads after ``init``: the files, the history, what to do next."""
    import os

    from kstthc_cli.load.yamlio import display_path
    from kstthc_cli.write.init import names

    n = names(answers)
    out = [f"Đã lập thư mục dữ liệu của {n.full}, kế hoạch năm {started.year}:"]
    out += [f"  {display_path(p)}" for p in (started.plan_path, started.indicators_path)]
    if started.commit is not None:
        made = "Đã tạo kho lịch sử (git) và lưu" if started.repository_created else "Đã lưu"
        out.append(f"{made} vào lịch sử (lần ghi {started.commit[:7]}).")
    if started.to_confirm:
        out.append(
            f"Còn {started.to_confirm} giá trị kstthc điền sẵn cần xác nhận (đánh dấu "
            "to_confirm); xem từng giá trị bằng: kstthc check"
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
