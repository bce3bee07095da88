"""Each command is thin: it reads its options, calls the library API, prints (≤ 15 lines)."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from kstthc_cli.cli.commands import init, plan, plandoc, report, rollup, status

COMMANDS: list[Callable[..., Any]] = [
    status.status,
    status.tasks,
    status.calendar,
    report.report,
    plandoc.plan_doc,
    rollup.rollup,
    rollup.pack,
    plan.targets,
    plan.new_year,
    init.init,
]


def _body_lines(fn: Callable[..., Any]) -> list[str]:
    """The lines of the function's body after its docstring, blank lines left out."""
    source = textwrap.dedent(inspect.getsource(fn))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    lines = source.splitlines()[body[0].lineno - 1 : body[-1].end_lineno]
    return [line for line in lines if line.strip()]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.__name__)
def test_a_command_body_is_at_most_15_lines(command: Callable[..., Any]) -> None:
    lines = _body_lines(command)
    assert len(lines) <= 15, "\n".join(lines)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.__name__)
def test_a_command_calls_the_library_api(command: Callable[..., Any]) -> None:
    assert "api." in "\n".join(_body_lines(command))
