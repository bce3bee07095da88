"""The command line: a thin Typer skin. ``main`` is the one boundary that turns failures into
messages and exit codes (0 ok, 1 data errors or refused write, 2 bad command line)."""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import itertools
import os
import re
import shutil
import sys
from collections.abc import Sequence
from typing import Any

import typer

from kstthc_cli.errors import DataError, KstthcError

_HELP = (
    "Theo dõi kế hoạch kiểm soát thủ tục hành chính của xã: việc quá hạn, chỉ tiêu, "
    "ghi nhận kết quả và báo cáo định kỳ."
)

#: Every command, in the order ``kstthc --help`` lists them: the module under
#: ``kstthc_cli.cli.commands`` and the function (or sub-app) in it.
_COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "init"),
    "check": ("check", "check"),
    "status": ("status", "status"),
    "tasks": ("status", "tasks"),
    "calendar": ("status", "calendar"),
    "record": ("record", "record_app"),
    "targets": ("plan", "targets"),
    "new-year": ("plan", "new_year"),
    "pack": ("rollup", "pack"),
    "rollup": ("rollup", "rollup"),
    "report": ("report", "report"),
    "plan-doc": ("plandoc", "plan_doc"),
    "history": ("history", "history"),
    "diff": ("history", "diff"),
    "undo": ("history", "undo"),
    "commit": ("history", "commit"),
    "form": ("figures", "form"),
    "import": ("figures", "import_"),
}


#: The examples every ``--help`` ends with (click keeps a paragraph after ``\\b`` as written).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "": (
        "kstthc status",
        'kstthc record task 20 --evidence "Báo cáo số 15/BC-UBND"',
        "kstthc report q2 --format docx",
    ),
    "check": ("kstthc check", "kstthc check --year 2024"),
    "status": (
        "kstthc status",
        'kstthc status --unit "một cửa"',
        "kstthc status --as-of 20/4/2024",
        "kstthc status --chart bieu-do.png",
    ),
    "tasks": ("kstthc tasks", "kstthc tasks --overdue", "kstthc tasks --period q2 --unit vp-tk"),
    "calendar": ("kstthc calendar", "kstthc calendar --year 2024"),
    "record": (
        'kstthc record task 20 --date 14/3 --evidence "Báo cáo số 15/BC-UBND"',
        "kstthc record indicator 3 --period q2 --num 40 --den 80",
        "kstthc record indicators --period q2",
    ),
    "targets": ("kstthc targets", "kstthc targets --json"),
    "new-year": ("kstthc new-year 2025 --dry-run", "kstthc new-year 2025"),
    "rollup": (
        "kstthc rollup xa-a xa-b",
        "kstthc rollup goi-*.zip --period q2 -o tong-hop.xlsx",
    ),
    "report": (
        "kstthc report q2",
        "kstthc report --period 6t --format docx",
        "kstthc report q2 --format docx --charts",
    ),
    "history": ("kstthc history", "kstthc history --task 20 --since 1/4/2024"),
    "diff": ("kstthc diff", "kstthc diff --json"),
    "undo": ("kstthc undo", "kstthc undo --yes"),
    "commit": ("kstthc commit", 'kstthc commit -m "Điều chỉnh thời gian nhiệm vụ 5 theo QĐ 45"'),
    "form": ("kstthc form q2 -o so-lieu-q2.xlsx",),
    "import": ("kstthc import so-lieu-q2.xlsx --dry-run", "kstthc import so-lieu-q2.xlsx"),
    "init": (
        "kstthc init xa-tan-phu",
        'kstthc init xa-tan-phu --commune "Tân Phú" --province "Quảng Ngãi" --year 2026 '
        '--signer "Nguyễn Văn An" --decision-number "12/QĐ-UBND" --decision-date 05/01/2026 --yes',
        'kstthc init xa-tan-phu --from-docx ke-hoach-2026.docx --province "Quảng Ngãi" '
        '--signer "Nguyễn Văn An"',
    ),
    "plan-doc": (
        "kstthc plan-doc",
        "kstthc plan-doc --year 2024 -o quyet-dinh-ke-hoach-2024.docx",
        "kstthc plan-doc --format md -o ke-hoach-2024.md",
    ),
    "pack": ("kstthc pack", "kstthc pack --period q2 -o goi-q2.zip"),
}


def epilog(name: str) -> str:
    """``Ví dụ:`` and the command's examples, one a line, for the end of its help."""
    return "\b\nVí dụ:\n" + "\n".join(f"  {line}" for line in EXAMPLES[name])


def _version(value: bool) -> None:
    if value:
        from kstthc_cli import __version__

        sys.stdout.write(f"kstthc {__version__}\n")
        raise typer.Exit()


def _no_options(
    version: bool = typer.Option(
        False,
        "--version",
        help="In phiên bản của kstthc rồi thoát.",
        callback=_version,
        is_eager=True,
    ),
) -> None:
    """The group itself takes only ``--version``; it keeps ``kstthc COMMAND`` a group even
    when the app holds one command."""


def make_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just ``only``: Typer turns each registered
    function into a click command up front (about 10 ms for all of them), so a run imports
    and builds only the command it runs. Help and unknown words get the whole app."""
    app = typer.Typer(
        name="kstthc",
        help=_HELP,
        add_completion=only is None,  # --install-completion / --show-completion
        no_args_is_help=True,
        rich_markup_mode=None,
        epilog=epilog(""),
        context_settings={
            "help_option_names": ["-h", "--help"],
            # help as wide as the window (click stops at 80 columns otherwise)
            "max_content_width": shutil.get_terminal_size().columns,
        },
    )
    app.callback()(_no_options)
    for name, (module, attr) in _COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"kstthc_cli.cli.commands.{module}"), attr)
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=name, epilog=epilog(name))
        else:
            app.command(name, epilog=epilog(name))(target)
    return app


_HELP_WORDS = (
    ("Usage:", "Cách dùng:"),
    ("Options:", "Tùy chọn:"),
    ("Commands:", "Lệnh:"),
    ("Arguments:", "Đối số:"),
    ("Show this message and exit.", "In hướng dẫn này rồi thoát."),
    ("Install completion for the current shell.", "Cài tự hoàn thành lệnh (phím Tab) cho shell."),
    (
        "Show completion for the current shell, to copy it or customize the installation.",
        "In mã tự hoàn thành lệnh cho shell (để tự cài).",
    ),
    ("[env var: ", "[biến môi trường: "),
    ("[default: ", "[mặc định: "),
    ("[required]", "[bắt buộc]"),
    ("[OPTIONS]", "[TÙY_CHỌN]"),
    ("COMMAND [ARGS]...", "LỆNH [ĐỐI_SỐ]..."),
)


_TYPE_NAME = re.compile(r" <(?:str|int|float|bool|Path|list\[\w+\])>")
_BRACED = re.compile(r"\{([^{}\s]+)\}")


def _localise(text: str) -> str:
    """Click's own words on the help screen, in Vietnamese (click has no translations); the
    Python types typer prints after a name (``KỲ <str>``) blanked, keeping the columns, and
    the braces it puts around arguments on the usage line dropped (and the dots it adds after
    a metavar that has its own: ``THƯ_MỤC......``)."""
    for english, vietnamese in _HELP_WORDS:
        if english.endswith(".") and " " in english:  # a sentence click may have wrapped
            words = map(re.escape, english.split())
            text = re.sub(r"\s+".join(words), vietnamese, text)
        else:
            text = text.replace(english, vietnamese)
    text = _TYPE_NAME.sub(lambda m: " " * len(m.group()), text)
    return "".join(
        _BRACED.sub(r"\1", line).replace("......", "...") if line.startswith("Cách dùng:") else line
        for line in text.splitlines(keepends=True)
    )


def _is(exc: BaseException, name: str) -> bool:
    """Click's exception classes by name: typer may use click itself or a vendored copy."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def _param_name(param: Any) -> str:
    """How the help screen names a parameter: ``--year`` for an option, ``NĂM`` for an
    argument."""
    if param is None:
        return "giá trị"
    if getattr(param, "param_type_name", "") == "argument":
        return str(getattr(param, "metavar", None) or (param.name or "đối số").upper()).rstrip(".")
    opts = list(getattr(param, "opts", None) or [])
    return opts[0] if opts else "giá trị"


def _usage_message(exc: Exception, command: str | None = None) -> tuple[str, str]:
    """Click's English usage errors, said in Vietnamese; ``command`` is the one being run,
    for the hint when click does not say."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        where = f"{ctx.command_path} --help"
    else:
        where = f"kstthc {command} --help" if command else "kstthc --help"
    hint = f"Xem hướng dẫn: {where}"
    param = getattr(exc, "param", None)
    text = str(getattr(exc, "message", exc))
    if _is(exc, "NoSuchOption"):
        option = getattr(exc, "option_name", "")
        if option == "--overdue" and where == "kstthc status --help":
            return (
                "Lệnh status không có tùy chọn --overdue.",
                "Xem việc quá hạn: kstthc tasks --overdue",
            )
        message = f"Không có tùy chọn '{option}'."
        possibilities = getattr(exc, "possibilities", None)
        if possibilities:
            message += " Có phải ý bạn là " + ", ".join(sorted(possibilities)) + "?"
        return message, hint
    if _is(exc, "MissingParameter"):
        return f"Thiếu {_param_name(param) if param is not None else 'đối số'}.", hint
    if _is(exc, "BadParameter"):
        name = _param_name(param)
        if "integer" in text or "number" in text or "float" in text:
            return f"Giá trị của {name} phải là một số.", hint
        if "not one of" in text:  # click's Choice, or Typer's enum: "'x' is not one of 'a', 'b'."
            choices = getattr(getattr(param, "type", None), "choices", None) or re.findall(
                r"'([^']*)'", text.split("not one of", 1)[1]
            )
            if choices:
                return f"Giá trị của {name} phải là một trong: {', '.join(choices)}.", hint
        return f"Giá trị của {name} không hợp lệ ({text}).", hint
    if _is(exc, "BadOptionUsage"):
        option = getattr(exc, "option_name", "")
        if "requires" in text and "argument" in text:
            return f"Tùy chọn {option} cần một giá trị đi kèm.", hint
        if "does not take a value" in text:  # a flag written --json=yes
            return f"Tùy chọn {option} không đi kèm giá trị; viết {option}.", hint
        return f"Tùy chọn {option} dùng sai ({text}).", hint
    if text.startswith("No such command"):
        name = text.split("'")[1] if "'" in text else text
        known = list(getattr(getattr(ctx, "command", None), "commands", None) or _COMMANDS)
        from kstthc_cli.load.text import did_you_mean

        guess = did_you_mean(name, known, cutoff=0.6)
        return f"Không có lệnh '{name}'.{' ' + guess if guess else ''}", f"Xem các lệnh: {where}"
    if text.startswith("Got unexpected extra argument"):
        extra = text[text.rfind("(") + 1 : text.rfind(")")] if "(" in text else ""
        return f"Thừa đối số: {extra}.", hint
    return f"Dòng lệnh không đúng ({text}).", hint


_SHARED = ("--data", "--year", "--as-of")


def _shared_options_last(args: list[str]) -> list[str]:
    """``kstthc --data X status`` means ``kstthc status --data X``: the options every command
    takes may also be written before the command."""
    moved: list[str] = []
    while args and args[0].split("=", 1)[0] in _SHARED:
        take = 1 if "=" in args[0] else 2
        moved += args[:take]
        args = args[take:]
    if not args:
        return moved
    return [*args, *moved]


def _swallowed_option(command: Any, args: list[str]) -> tuple[str, str] | None:
    """An option that takes a value, followed straight by another option of the same command
    (``--note --dry-run``): click would take ``--dry-run`` as the note and write for real.
    Returns the option and the command's path. (``--note=--x`` still gives such a value.)"""
    path = ["kstthc"]
    rest = list(args)
    while rest and rest[0] in getattr(command, "commands", {}):
        path.append(rest[0])
        command = command.commands[rest[0]]
        rest = rest[1:]
    options = [p for p in getattr(command, "params", ()) if p.param_type_name == "option"]
    names = {n for p in options for n in (*p.opts, *p.secondary_opts)} | {"-h", "--help"}
    valued = {n for p in options if not p.is_flag and not p.count for n in p.opts}
    for word, following in itertools.pairwise(rest):
        if word in valued and following in names:
            return word, " ".join(path)
    return None


def _help_screen(command: Any, args: list[str]) -> str | None:
    """``kstthc [COMMAND…] --help``: the help of the command named, made through click's public
    ``Context`` and ``get_help`` without parsing the command line, so no option value is
    converted (Typer 0.29 builds a pydantic ``TypeAdapter`` for each, even for a help screen).
    None when anything else is on the line: click then parses it as always."""
    ctx = command.context_class(command, info_name="kstthc", **command.context_settings)
    rest = list(args)
    while rest and rest[0] in getattr(command, "commands", {}):
        name, rest = rest[0], rest[1:]
        command = command.commands[name]
        ctx = command.context_class(command, info_name=name, parent=ctx, **command.context_settings)
    if rest not in (["-h"], ["--help"]):
        return None
    return str(command.get_help(ctx)) + "\n"


def options_of(command: Any, args: Sequence[str]) -> set[str]:
    """The options of the command ``args`` run (``record task`` → record task's), so that a
    hint names only options it has; a group's are those of all its commands."""
    for word in args:
        commands = getattr(command, "commands", None)
        if not isinstance(commands, dict) or word not in commands:
            break
        command = commands[word]
    found: set[str] = set()
    stack = [command]
    while stack:
        cmd = stack.pop()
        for param in getattr(cmd, "params", []):
            found.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("-"))
        stack.extend(getattr(cmd, "commands", {}).values())
    return found


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code; never lets a traceback reach a person."""
    from kstthc_cli import problems
    from kstthc_cli.render import console

    console.ensure_utf8()
    from kstthc_cli.cli.commands import common

    common.new_run()
    if os.environ.get("_KSTTHC_COMPLETE"):  # the shell asks what may follow (Tab)
        try:
            typer.main.get_command(make_app()).main(args=[], prog_name="kstthc")
        except SystemExit as exc:  # click ends a completion this way
            return exc.code if isinstance(exc.code, int) else 0
        return 0
    args = _shared_options_last(list(sys.argv[1:] if argv is None else argv)) or ["--help"]
    first = args[0] if args else ""
    command = typer.main.get_command(make_app(first if first in _COMMANDS else None))
    wants_help = any(a in ("-h", "--help") for a in args)
    failed = _failure_json if "--json" in args and not wants_help else _no_json
    swallowed = None if wants_help else _swallowed_option(command, args)
    if swallowed is not None:
        option, where = swallowed
        err = console.err()
        err.print(f"Lỗi: Tùy chọn {option} cần một giá trị đi kèm.", markup=False)
        err.print(f"  → Xem hướng dẫn: {where} --help", markup=False)
        failed(_failure("command-line", f"Tùy chọn {option} cần một giá trị đi kèm.", ""))
        return 2
    try:
        screen = _help_screen(command, args) if wants_help else None
        if screen is not None:
            sys.stdout.write(_localise(screen))
            result = 0
        elif wants_help:
            buffer = io.StringIO()
            try:
                with contextlib.redirect_stdout(buffer):
                    result = command.main(args=args, prog_name="kstthc", standalone_mode=False)
            finally:
                sys.stdout.write(_localise(buffer.getvalue()))
        else:
            result = command.main(args=args, prog_name="kstthc", standalone_mode=False)
    except DataError as exc:
        from kstthc_cli.cli.values import with_options

        with_options(exc, options_of(command, args))
        failed(*(p.as_json() for p in sorted(exc.problems, key=problems.sort_key)))
        err = console.err()
        for p in sorted(exc.problems, key=problems.sort_key):
            if p.is_error:
                err.print(problems.render(p), markup=False)
                err.print()
        err.print(exc.message + " " + problems.summary(exc.problems), markup=False)
        if not exc.complete:
            err.print("  → Chạy 'kstthc check' để xem đầy đủ.", markup=False)
        return exc.exit_code
    except KstthcError as exc:
        from kstthc_cli.cli.values import with_options

        with_options(exc, options_of(command, args))
        code = "command-line" if exc.exit_code == 2 else "run-failed"
        failed(_failure(code, exc.message, exc.hint))
        err = console.err()
        err.print(f"Lỗi: {exc.message}", markup=False)
        if exc.hint:
            err.print(f"  → {exc.hint}", markup=False)
        return exc.exit_code
    except KeyboardInterrupt:
        console.err().print("Đã dừng.", markup=False)
        return 130
    except SystemExit as exc:  # --show-completion, --install-completion end this way
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:  # the reader of the output went away (``kstthc tasks | head``)
        return 1
    except OSError as exc:  # a full disk, a lost network share… (data files are handled inside)
        from kstthc_cli.osfiles import os_words

        if exc.errno == errno.ENAMETOOLONG:  # a path on the command line: a usage error
            failed(_failure("command-line", f"Đường dẫn quá dài ({os_words(exc)}).", ""))
            console.err().print(f"Lỗi: Đường dẫn quá dài ({os_words(exc)}).", markup=False)
            console.err().print("  → Kiểm tra lại --data, -o và các đường dẫn đã gõ.", markup=False)
            return 2
        what = (
            f"không dùng được tệp {str(exc.filename)[:200]}"
            if exc.filename
            else "không ghi được kết quả"
        )
        failed(_failure("run-failed", f"{what}: {os_words(exc)}.", ""))
        console.err().print(f"Lỗi: {what}: {os_words(exc)}.", markup=False)
        return 1
    except Exception as exc:
        if _is(exc, "Exit"):
            return int(getattr(exc, "exit_code", 0) or 0)
        if _is(exc, "Abort"):
            console.err().print("Đã dừng.", markup=False)
            return 1
        if _is(exc, "UsageError"):
            message, hint = _usage_message(exc, first if first in _COMMANDS else None)
            failed(_failure("command-line", message, hint))
            err = console.err()
            err.print(f"Lỗi: {message}", markup=False)
            err.print(f"  → {hint}", markup=False)
            return 2
        raise
    return int(result) if isinstance(result, int) else 0


def _failure(code: str, message: str, hint: str) -> dict[str, Any]:
    """A failure that stops the run, as a problem of ``--json`` (not in any file)."""
    return {
        "file": None,
        "line": None,
        "column": None,
        "code": code,
        "severity": "error",
        "message": message,
        "hint": hint,
        "acknowledged": False,
    }


def _failure_json(*found: dict[str, Any]) -> None:
    """With ``--json``, a run that fails still prints one JSON object on stdout, or writes it
    to ``-o``'s file once the command has checked it: its problems (no plan year or day judged
    was reached: both ``null``)."""
    from kstthc_cli.cli.commands.common import failure_json

    with contextlib.suppress(OSError, ValueError):
        failure_json({"year": None, "as_of": None, "problems": list(found)})


def _no_json(*_: dict[str, Any]) -> None:
    return None


def main() -> None:
    """The ``kstthc`` console script. Once the answer is printed and flushed the process ends
    at once: tearing down the interpreter (freeing every module and object one by one) takes
    longer than most commands themselves, and every file kstthc writes is already closed and
    synced by then. An unexpected error still leaves through the normal path, traceback and
    all, and so does every run watched by a profiler, debugger or coverage tool.

    pydantic plugins (observability hooks other packages may install) are left out: kstthc
    only validates its own files, and looking for plugins reads the metadata of every
    installed package (about 20 ms) the first time a model is validated."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = _flushed(run())
    if _observed():
        sys.exit(code)  # the watching tool writes its results at exit
    os._exit(code)


def _flushed(code: int) -> int:
    """Everything printed has left the process, or the exit code says it has not: a reader
    that stopped early (``kstthc tasks | head``) is exit 1, as click has it; a full disk is a
    message and exit 1."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can reach the reader; keep Python from trying again at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = code or 1
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError):
            from kstthc_cli.osfiles import os_words

            sys.stderr.write(f"Lỗi: không ghi được kết quả: {os_words(exc)}.\n")
        code = code or 1
    except ValueError:  # stdout was closed
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    return code


def _observed() -> bool:
    """A profiler, debugger or coverage tool is watching this process."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: cProfile and coverage use it
    return monitoring is not None and any(monitoring.get_tool(i) is not None for i in range(6))
