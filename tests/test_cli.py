"""The command-line boundary: help pages a person reads are Vietnamese, with no Python types."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.conftest import Result

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
