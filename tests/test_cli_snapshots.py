"""Every screen and message click and Typer make for kstthc, pinned word for word: the help of
every command (golden files in ``tests/snapshots/``, rendered 80 columns wide) and each
command-line error (the whole message and exit 2). A Typer upgrade that changes a word fails
here with a diff instead of reaching the officer, maybe in English.

After a deliberate change: ``python -m pytest tests/test_cli_snapshots.py --update-snapshots``,
then read ``git diff tests/snapshots/``."""

from __future__ import annotations

import difflib
import enum
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from kstthc_cli.cli.app import _usage_message, make_app
from tests.conftest import Result
from tests.support import REPO, snapshot

SNAPSHOTS = REPO / "tests" / "snapshots"
WIDTH = "80"

#: click's own English words: none may reach a pinned screen or message.
ENGLISH = (
    "Usage:", "Options:", "Error:", "Try '", "Missing", "No such", "Invalid value",
    "is not one of", "Show this message",
)  # fmt: skip


def _english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command and sub-command of the app (click's public ``commands``)."""
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(make_app())))


def _golden(path: tuple[str, ...]) -> Path:
    return SNAPSHOTS / ("help_" + "_".join(("kstthc", *path)).replace("-", "_") + ".txt")


@pytest.fixture
def narrow(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """The CLI on an 80-column terminal, whatever the machine running the tests has."""
    monkeypatch.setenv("COLUMNS", WIDTH)
    monkeypatch.delenv("LINES", raising=False)
    return cli


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(("kstthc", *p)))
def test_help_screen_is_pinned(
    narrow: Callable[..., Result], update_snapshots: bool, path: tuple[str, ...]
) -> None:
    r = narrow(*path, "--help")
    assert (r.code, r.err) == (0, "")
    golden = _golden(path)
    if update_snapshots:
        SNAPSHOTS.mkdir(exist_ok=True)
        golden.write_text(r.out, encoding="utf-8", newline="\n")
    assert golden.exists(), (
        f"no golden file for 'kstthc {' '.join(path)} --help': run "
        "python -m pytest tests/test_cli_snapshots.py --update-snapshots"
    )
    want = golden.read_text(encoding="utf-8")
    if r.out != want:
        diff = difflib.unified_diff(
            want.splitlines(keepends=True),
            r.out.splitlines(keepends=True),
            fromfile=str(golden.relative_to(REPO)),
            tofile=f"kstthc {' '.join(path)} --help (now)",
        )
        pytest.fail("the help screen changed:\n" + "".join(diff), pytrace=False)
    assert _english(r.out) == []


def test_every_golden_file_is_a_command_of_the_app() -> None:
    """A golden file left from a removed or renamed command would pin nothing."""
    assert sorted(SNAPSHOTS.glob("help_*.txt")) == sorted(_golden(p) for p in COMMANDS)


def test_the_help_is_the_same_with_h(narrow: Callable[..., Result]) -> None:
    assert narrow("status", "-h").out == _golden(("status",)).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "path"),
    [(["status", "--json", "--help"], ("status",)), (["record", "--help", "task"], ("record",))],
)
def test_help_among_other_words_is_the_same_screen(
    narrow: Callable[..., Result], args: list[str], path: tuple[str, ...]
) -> None:
    """A help screen alone is made without parsing the line; among other words click parses
    it: both give the pinned screen."""
    r = narrow(*args)
    assert (r.code, r.out, r.err) == (0, _golden(path).read_text(encoding="utf-8"), "")


def test_a_help_screen_converts_no_option_value() -> None:
    """``kstthc status --help`` reads no option value, so Typer builds no pydantic adapter:
    pydantic is not even imported (the start-up goal of a help screen is half the floor)."""
    child = (
        "import sys\n"
        "from kstthc_cli.cli.app import run\n"
        "codes = [run(['status', '--help']), run(['record', 'task', '-h'])]\n"
        "print(codes, sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[0, 0] []"


def _error(message: str, hint: str = "") -> str:
    return f"Lỗi: {message}\n  → {hint}\n"


HELP = "Xem hướng dẫn: kstthc {} --help".format

ERRORS = [
    pytest.param(
        ["status", "--jsn"],
        _error("Không có tùy chọn '--jsn'. Có phải ý bạn là --json?", HELP("status")),
        id="unknown option, with a suggestion",
    ),
    pytest.param(
        ["status", "--colour"],
        _error("Không có tùy chọn '--colour'.", HELP("status")),
        id="unknown option, no suggestion",
    ),
    pytest.param(
        ["--jsn"],
        _error("Không có tùy chọn '--jsn'.", "Xem hướng dẫn: kstthc --help"),
        id="unknown option before any command",
    ),
    pytest.param(
        ["status", "--unit"],
        _error("Tùy chọn --unit cần một giá trị đi kèm.", HELP("status")),
        id="missing option value",
    ),
    pytest.param(["rollup"], _error("Thiếu THƯ_MỤC.", HELP("rollup")), id="missing argument"),
    pytest.param(
        ["report"],
        _error("Thiếu KỲ.", "Ví dụ: kstthc report q2 (hoặc kstthc report --period q2)."),
        id="missing argument (report)",
    ),
    pytest.param(
        ["record", "task"], _error("Thiếu ID.", HELP("record task")), id="missing argument (record)"
    ),
    pytest.param(
        ["status", "--year", "abc"],
        _error("Giá trị của --year phải là một số.", HELP("status")),
        id="bad integer option",
    ),
    pytest.param(
        ["status", "--year", "20.5"],
        _error("Giá trị của --year phải là một số.", HELP("status")),
        id="bad integer option (a fraction)",
    ),
    pytest.param(
        ["new-year", "abc"],
        _error("Giá trị của NĂM phải là một số.", HELP("new-year")),
        id="bad integer argument",
    ),
    pytest.param(
        ["report", "q1", "--format", "pdf"],
        _error("Không có định dạng 'pdf'.", "Chọn một trong: md, docx."),
        id="bad choice (report format)",
    ),
    pytest.param(
        ["record", "task", "1", "--status", "xyz"],
        _error(
            "Không hiểu tình trạng 'xyz'.",
            "Dùng --status done (đã xong) hoặc --status in-progress (đang thực hiện).",
        ),
        id="bad choice (task status)",
    ),
    pytest.param(
        ["status", "--json=yes"],
        _error("Tùy chọn --json không đi kèm giá trị; viết --json.", HELP("status")),
        id="flag given a value",
    ),
    pytest.param(
        ["statu"],
        _error("Không có lệnh 'statu'. Có phải ý bạn là 'status'?", "Xem các lệnh: kstthc --help"),
        id="unknown command",
    ),
    pytest.param(
        ["record", "tsk"],
        _error(
            "Không có lệnh 'tsk'. Có phải ý bạn là 'task'?", "Xem các lệnh: kstthc record --help"
        ),
        id="unknown sub-command",
    ),
    pytest.param(
        ["status", "extra"], _error("Thừa đối số: extra.", HELP("status")), id="extra argument"
    ),
    pytest.param(
        ["tasks", "--unit", "--overdue"],  # with --json, stdout has the JSON of the failure
        _error("Tùy chọn --unit cần một giá trị đi kèm.", HELP("tasks")),
        id="option swallowing the next option",
    ),
    pytest.param(
        ["record", "task", "3", "--note", "--dry-run"],
        _error("Tùy chọn --note cần một giá trị đi kèm.", HELP("record task")),
        id="option swallowing the next option (record)",
    ),
    pytest.param(
        ["record"],
        _error(
            "Thiếu lệnh: 'kstthc record task ID …' hoặc 'kstthc record indicator ID …'.",
            HELP("record"),
        ),
        id="record alone",
    ),
]


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_command_line_error_is_pinned(
    narrow: Callable[..., Result], ws: Path, args: list[str], message: str
) -> None:
    before = snapshot(ws)
    # the commands that take --data get a copy of the workspace: nothing may be written to it
    alone = args[0] in ("rollup", "statu", "--jsn") or args == ["record"]
    shared = [] if alone else ["--data", str(ws)]
    r = narrow(*args, *shared)
    assert (r.code, r.out, r.err) == (2, "", message)
    assert _english(r.err) == []
    assert snapshot(ws) == before


class _Format(str, enum.Enum):
    md = "md"
    docx = "docx"


def _raised(args: list[str]) -> Exception:
    """The exception click raises for ``args`` on a small Typer app with a choice and a count:
    kstthc has no option of those kinds yet, but would say their errors in Vietnamese too."""
    app = typer.Typer()

    @app.command("make")
    def make(
        fmt: _Format = typer.Option(_Format.md, "--format"),
        copies: int = typer.Option(1, "--copies"),
    ) -> None:
        """Make."""

    @app.command("other")
    def other() -> None:
        """Other."""

    try:
        typer.main.get_command(app).main(args=args, prog_name="kstthc", standalone_mode=False)
    except Exception as exc:
        return exc
    raise AssertionError(f"{args} was accepted")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["make", "--format", "pdf"], "Giá trị của --format phải là một trong: md, docx."),
        (["make", "--copies", "two"], "Giá trị của --copies phải là một số."),
        (["make", "--format"], "Tùy chọn --format cần một giá trị đi kèm."),
    ],
)
def test_an_error_of_a_kind_kstthc_has_no_option_for_is_said_in_vietnamese(
    args: list[str], message: str
) -> None:
    said = _usage_message(_raised(args), "make")
    assert said == (message, "Xem hướng dẫn: kstthc make --help")
    assert _english(" ".join(said)) == []
