"""The failures that stop a run; one boundary (``cli.run``) turns them into exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kstthc_cli.problems import Problem


class KstthcError(Exception):
    """Base of every failure the tool reports to a person; ``exit_code`` says how the run ends."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(KstthcError):
    """The command line is wrong (unknown period word, impossible date, unknown unit): exit 2."""

    exit_code = 2


class DataError(KstthcError):
    """The workspace has errors; the problems are printed together."""

    def __init__(self, problems: list[Problem], message: str = "") -> None:
        super().__init__(message or "Dữ liệu có lỗi, chưa thể thực hiện lệnh.")
        self.problems = problems


class WriteRefused(KstthcError):
    """A write would make the workspace invalid or lose someone's edit; nothing was written."""
