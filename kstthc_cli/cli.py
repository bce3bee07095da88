"""The command line: a thin Typer skin. ``main`` is the one boundary that turns failures into
messages and exit codes (0 ok, 1 data errors or refused write, 2 bad command line)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click
import typer

from kstthc_cli.commands import check as check_cmd
from kstthc_cli.commands import status as status_cmd
from kstthc_cli.errors import DataError, KstthcError

app = typer.Typer(
    name="kstthc",
    help=(
        "Theo dõi kế hoạch kiểm soát thủ tục hành chính của xã: việc quá hạn, chỉ tiêu, "
        "ghi nhận kết quả và báo cáo định kỳ."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

app.command("check")(check_cmd.check)
app.command("status")(status_cmd.status)
app.command("tasks")(status_cmd.tasks)
app.command("calendar")(status_cmd.calendar)


def _localise_help() -> None:
    """Typer's own words on the help screen, in Vietnamese."""
    from typer import rich_utils

    rich_utils.OPTIONS_PANEL_TITLE = "Tùy chọn"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Đối số"
    rich_utils.COMMANDS_PANEL_TITLE = "Lệnh"
    rich_utils.REQUIRED_LONG_STRING = "[bắt buộc]"
    rich_utils.DEFAULT_STRING = "[mặc định: {}]"
    rich_utils.ENVVAR_STRING = "[biến môi trường: {}]"
    rich_utils.RICH_HELP = "Gõ [blue]'{command_path} {help_option}'[/] để xem hướng dẫn."


def _usage_message(exc: click.ClickException) -> tuple[str, str]:
    """Click's English usage errors, said in Vietnamese."""
    ctx = getattr(exc, "ctx", None)
    where = f"{ctx.command_path} --help" if ctx is not None else "kstthc --help"
    hint = f"Xem hướng dẫn: {where}"
    if isinstance(exc, click.NoSuchOption):
        message = f"Không có tùy chọn '{exc.option_name}'."
        if exc.possibilities:
            message += " Có phải ý bạn là " + ", ".join(sorted(exc.possibilities)) + "?"
        return message, hint
    if isinstance(exc, click.MissingParameter):
        name = exc.param.opts[0] if exc.param is not None and exc.param.opts else "đối số"
        if exc.param is not None and exc.param.param_type_name == "argument":
            name = (exc.param.name or "đối số").upper()
        return f"Thiếu {name}.", hint
    if isinstance(exc, click.BadParameter):
        name = exc.param.opts[0] if exc.param is not None and exc.param.opts else "giá trị"
        return f"Giá trị của {name} không hợp lệ ({exc.message}).", hint
    if isinstance(exc, click.BadOptionUsage):
        return f"Tùy chọn {exc.option_name} dùng sai ({exc.message}).", hint
    text = exc.message
    if text.startswith("No such command"):
        name = text.split("'")[1] if "'" in text else text
        return f"Không có lệnh '{name}'.", "Xem các lệnh: kstthc --help"
    if text.startswith("Got unexpected extra argument"):
        extra = text[text.find("(") + 1 : text.rfind(")")] if "(" in text else ""
        return f"Thừa đối số: {extra}.", hint
    return f"Dòng lệnh không đúng ({text}).", hint


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code; never lets a traceback reach a person."""
    from kstthc_cli import console, problems

    console.ensure_utf8()
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args) or not args:
        _localise_help()
    command = typer.main.get_command(app)
    err = console.err()
    try:
        result = command.main(args=args, prog_name="kstthc", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        message, hint = _usage_message(exc)
        err.print(f"Lỗi: {message}", markup=False)
        err.print(f"  → {hint}", markup=False)
        return 2
    except click.exceptions.Abort:
        err.print("Đã dừng.", markup=False)
        return 1
    except DataError as exc:
        for p in sorted(exc.problems, key=problems.sort_key):
            if p.is_error:
                err.print(problems.render(p), markup=False)
                err.print()
        err.print(exc.message + " " + problems.summary(exc.problems), markup=False)
        err.print("  → Chạy 'kstthc check' để xem đầy đủ.", markup=False)
        return exc.exit_code
    except KstthcError as exc:
        err.print(f"Lỗi: {exc.message}", markup=False)
        if exc.hint:
            err.print(f"  → {exc.hint}", markup=False)
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("Đã dừng.", markup=False)
        return 130
    return int(result) if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run())
