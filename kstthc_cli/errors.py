"""The failures that stop a run; one boundary (``cli.run``) turns them into exit codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kstthc_cli.messages import Said

if TYPE_CHECKING:
    from kstthc_cli.problems import Problem


class KstthcError(Exception):
    """Base of every failure the tool reports to a person; ``exit_code`` says how the run ends."""

    exit_code = 1

    def __init__(
        self,
        message: str | Said,
        hint: str = "",
        *,
        about: str = "",
        details: Mapping[str, object] | None = None,
    ) -> None:
        #: the catalogue's message that says it (``messages.MESSAGES``), and its fields
        self.key = ""
        self.fields: Mapping[str, object] = {}
        if isinstance(message, Said):
            self.key, self.fields, hint = message.key, message.fields, message.hint
            message = message.message
        super().__init__(message)
        self.message: str = message
        #: what to do, in the library's words (no command-line option is named here)
        self.hint = hint
        #: what the hint is about, for a front end that says it with its own options (the
        #: command line's words are in ``cli.values.OPTION_HINTS``); ``details`` fill them in
        self.about = about
        self.details: dict[str, object] = dict(details or {})


class UsageError(KstthcError):
    """The command line is wrong (unknown period word, impossible date, unknown unit): exit 2."""

    exit_code = 2


class DataError(KstthcError):
    """The workspace has errors; the problems are printed together. ``complete``: they are
    all there are (a workbook's, which ``check`` never reads), so ``check`` is not offered."""

    def __init__(
        self, problems: list[Problem], message: str = "", *, complete: bool = False
    ) -> None:
        super().__init__(message or "Dữ liệu có lỗi, chưa thể thực hiện lệnh.")
        self.problems = problems
        self.complete = complete


class WriteRefused(KstthcError):
    """A write would make the workspace invalid or lose someone's edit; nothing was written."""
