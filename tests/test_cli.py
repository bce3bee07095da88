"""The command-line boundary: help pages a person reads are Vietnamese, with no Python types."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result
from tests.support import SHIPPED, snapshot

REPO = Path(__file__).resolve().parent.parent

COMMANDS = [
    ["check"], ["status"], ["tasks"], ["calendar"], ["targets"], ["new-year"], ["rollup"],
    ["report"], ["record"], ["record", "task"], ["record", "indicator"], ["form"], ["import"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_shows_no_python_type_names(cli: Callable[..., Result], command: list[str]) -> None:
    r = cli(*command, "--help")
    assert r.code == 0, r.err
    assert "Cách dùng: kstthc" in r.out
    # typer prints an argument's or option's Python type (<str>, <int>, <list[Path]>) and wraps
    # arguments in braces ({KỲ}); an officer reads neither
    assert not re.search(r"<(?:str|int|float|bool|path|list\[\w+\])>", r.out, re.IGNORECASE), r.out
    assert "{" not in r.out.splitlines()[0], r.out


def test_missing_argument_is_named_plainly(cli: Callable[..., Result]) -> None:
    r = cli("rollup")
    assert r.code == 2
    assert "Lỗi: Thiếu THƯ_MỤC.\n" in r.err


def test_top_level_help_lists_every_command(cli: Callable[..., Result]) -> None:
    r = cli("--help")
    assert r.code == 0
    commands = r.out.split("Lệnh:")[1].split("Ví dụ:")[0]
    listed = [line.split()[0] for line in commands.splitlines() if line.strip()]
    assert listed == [
        "init", "check", "status", "tasks", "calendar", "targets", "new-year", "pack", "rollup",
        "report", "plan-doc", "history", "diff", "undo", "commit",
        "form", "import", "record",
    ]  # fmt: skip


def test_a_run_builds_only_its_command() -> None:
    import typer

    from kstthc_cli.cli.app import _COMMANDS, make_app

    group = typer.main.get_command(make_app("status"))
    assert list(group.commands) == ["status"]  # type: ignore[attr-defined]
    everything = typer.main.get_command(make_app())
    assert len(everything.commands) == len(_COMMANDS)  # type: ignore[attr-defined]


def test_unknown_command_is_still_named(cli: Callable[..., Result]) -> None:
    r = cli("statu")
    assert r.code == 2
    assert "Lỗi: Không có lệnh 'statu'." in r.err


def _env(buffered: bool = True) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="100")
    env.pop("KSTTHC_DATA", None)
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def _console_script(
    *args: str, buffered: bool = True, stdout: Any = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """``kstthc`` as a person runs it: a separate process through ``main``."""
    return subprocess.run(
        [sys.executable, "-m", "kstthc_cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=_env(buffered),
        cwd=REPO,
        timeout=120,
    )


SMALL = ("calendar", "--data", str(SHIPPED), "--json")  # stays in Python's buffer until the end
LARGE = ("status", "--data", str(SHIPPED), "--as-of", "2024-04-20", "--json")


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [SMALL, LARGE], ids=["small", "large"])
def test_console_script_prints_everything(
    cli: Callable[..., Result], args: tuple[str, ...], buffered: bool
) -> None:
    """``main`` ends the process without tearing the interpreter down: the output must still
    be complete, exactly what ``run`` prints."""
    done = _console_script(*args, buffered=buffered)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8").replace("\r\n", "\n") == cli(*args).out


def test_console_script_keeps_exit_codes() -> None:
    bad = _console_script("status", "--data", str(SHIPPED), "--as-of", "31/02/2024")
    assert bad.returncode == 2
    assert "Lỗi: Giá trị của --as-of không hợp lệ" in bad.stderr.decode("utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a full disk)")
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [SMALL, LARGE], ids=["small", "large"])
def test_output_that_cannot_be_written_is_an_error(args: tuple[str, ...], buffered: bool) -> None:
    """``kstthc … > X:\\bao-cao.md`` on a full disk: say so, exit 1, no traceback."""
    with open("/dev/full", "wb") as full:
        done = _console_script(*args, buffered=buffered, stdout=full)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Lỗi: không ghi được kết quả: ổ đĩa đã hết chỗ trống." in err
    assert "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe is EPIPE only on POSIX")
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [SMALL, LARGE], ids=["small", "large"])
def test_console_script_quietly_stops_when_nobody_reads(
    args: tuple[str, ...], buffered: bool
) -> None:
    """``kstthc tasks | head -1``: the reader has gone away; exit 1, nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = _console_script(*args, buffered=buffered, stdout=write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr == b""


def test_console_script_under_a_profiler_exits_normally(tmp_path: Path) -> None:
    """Profilers and coverage tools write their results at exit: those runs exit normally."""
    out = tmp_path / "kstthc.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "kstthc_cli", *SMALL],
        capture_output=True,
        env=_env(),
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["status", "--unit"], "Tùy chọn --unit cần một giá trị đi kèm.", "kstthc status --help"),
        (["new-year", "abc"], "Giá trị của NĂM phải là một số.", "kstthc new-year --help"),
        (["record", "task"], "Thiếu ID.", "kstthc record task --help"),
    ],
)
def test_command_line_mistakes_are_said_in_vietnamese(
    cli: Callable[..., Result], args: list[str], message: str, hint: str
) -> None:
    r = cli(*args)
    assert r.code == 2
    assert f"Lỗi: {message}\n" in r.err
    assert f"→ Xem hướng dẫn: {hint}" in r.err
    assert not re.search(r"[Oo]ption|argument|requires", r.err), r.err


@pytest.mark.parametrize(
    ("args", "option", "where"),
    [
        (
            ["record", "indicator", "3", "--period", "q2", "--num", "1", "--den", "2", "--note",
             "--dry-run"],
            "--note",
            "kstthc record indicator",
        ),
        (["record", "task", "1", "--evidence", "--dry-run"], "--evidence", "kstthc record task"),
        (["status", "--unit", "--json"], "--unit", "kstthc status"),
        (["report", "--format", "--number", "q1"], "--format", "kstthc report"),
    ],
)  # fmt: skip
def test_an_option_without_its_value_does_not_swallow_the_next(
    cli: Callable[..., Result], ws: Path, args: list[str], option: str, where: str
) -> None:
    """``--note --dry-run`` would record the note "--dry-run", for real: a command-line error."""
    before = snapshot(ws)
    r = cli(*args, "--data", str(ws), "--as-of", "2024-06-20")
    assert r.code == 2
    assert f"Lỗi: Tùy chọn {option} cần một giá trị đi kèm." in r.err
    assert f"→ Xem hướng dẫn: {where} --help" in r.err
    assert snapshot(ws) == before


def test_an_option_value_may_start_with_dashes_when_joined(
    cli: Callable[..., Result], ws: Path
) -> None:
    r = cli(
        "record",
        "task",
        "3",
        "--note=--không phải tùy chọn",
        "--data",
        str(ws),
        "--as-of",
        "2024-06-20",
    )
    assert r.code == 0, r.err
    assert 'note: "--không phải tùy chọn"' in (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
