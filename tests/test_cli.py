"""The command-line boundary: help pages a person reads are Vietnamese, with no Python types."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import SHIPPED

REPO = Path(__file__).resolve().parent.parent

COMMANDS = [
    ["check"], ["status"], ["tasks"], ["calendar"], ["targets"], ["new-year"], ["rollup"],
    ["report"], ["record"], ["record", "task"], ["record", "indicator"],
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
    listed = [line.split()[0] for line in r.out.split("Lệnh:")[1].splitlines() if line.strip()]
    assert listed == [
        "check", "status", "tasks", "calendar", "targets", "new-year", "rollup", "report",
        "record",
    ]  # fmt: skip


def test_a_run_builds_only_its_command() -> None:
    import typer

    from kstthc_cli.cli import make_app

    group = typer.main.get_command(make_app("status"))
    assert list(group.commands) == ["status"]  # type: ignore[attr-defined]
    everything = typer.main.get_command(make_app())
    assert len(everything.commands) == 9  # type: ignore[attr-defined]


def test_unknown_command_is_still_named(cli: Callable[..., Result]) -> None:
    r = cli("statu")
    assert r.code == 2
    assert "Lỗi: Không có lệnh 'statu'." in r.err


def _console_script(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """``kstthc`` as a person runs it: a separate process through ``main``."""
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="100")
    env.pop("KSTTHC_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "kstthc_cli", *args], capture_output=True, env=env, cwd=REPO
    )


def test_console_script_prints_everything_and_keeps_exit_codes(cli: Callable[..., Result]) -> None:
    """``main`` ends the process without tearing the interpreter down: the output must still
    be complete, byte for byte what ``run`` prints, and the exit code kept."""
    args = ("status", "--data", str(SHIPPED), "--as-of", "2024-04-20", "--json")
    done = _console_script(*args)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == cli(*args).out

    bad = _console_script("status", "--data", str(SHIPPED), "--as-of", "31/02/2024")
    assert bad.returncode == 2
    assert "Lỗi: Giá trị của --as-of không hợp lệ" in bad.stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe is EPIPE only on POSIX")
@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["table", "json"])
def test_console_script_quietly_stops_when_nobody_reads(extra: list[str]) -> None:
    """``kstthc tasks | head -1``: the reader has gone away; exit 1 without a traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="100")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kstthc_cli", "tasks", "--data", str(SHIPPED), *extra],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr


def test_console_script_under_a_profiler_exits_normally() -> None:
    """Profilers and coverage tools write their results at exit: those runs exit normally."""
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="100")
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-m", "kstthc_cli", "calendar", "--data", str(SHIPPED)],
        capture_output=True,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"function calls" in done.stdout
