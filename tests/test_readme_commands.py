"""The README shows the officer every command the app has, sub-commands included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer

from kstthc_cli.cli.app import make_app
from tests.support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    """``record``, ``record task``…: every command below the app (click's ``commands``)."""
    for name, sub in getattr(command, "commands", {}).items():
        yield " ".join((*path, name))
        yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(make_app())))


def test_the_app_has_the_commands_this_test_walks() -> None:
    assert {"status", "record", "record task", "record indicator"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"(?<![\w-])kstthc {re.escape(name)}(?![\w-])", README), (
        f"README.md never shows `kstthc {name}`"
    )
