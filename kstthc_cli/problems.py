"""Problems in the user's data are values with a location, collected and printed together.

(Problem = "lỗi/cảnh báo" in a data file.) Every message a person reads about their files is
rendered here, hledger-style: ``file:line:col:``, the source line, a caret, what and how to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from kstthc_cli.messages import Said

Severity = Literal["error", "warning"]

SEVERITY_WORD = {"error": "lỗi", "warning": "cảnh báo"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a data file, with where it is."""

    file: str
    line: int | None
    column: int | None
    code: str
    severity: Severity
    message: str
    hint: str = ""
    source: str | None = None
    #: a warning the officer has checked and acknowledged in the data (``acknowledge: [code]``
    #: on the item it is about, or on an item around it): counted, not repeated
    acknowledged: bool = False
    #: what the hint is about, for a front end that says it with its own options (as
    #: ``KstthcError.about``: ``cli.values.OPTION_HINTS``); not part of the problem's JSON
    about: str = ""
    #: the catalogue's message that says it (``messages.MESSAGES``: ``bad-period/one-off``) and
    #: the fields it was filled in with, for a front end that says it in its own words by key;
    #: ``""`` for words not (yet) in the catalogue. Not part of the problem's JSON.
    key: str = ""
    fields: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        file: str,
        line: int | None,
        column: int | None,
        words: Said,
        severity: Severity = "error",
        source: str | None = None,
        *,
        about: str = "",
    ) -> Problem:
        """The problem a message of the catalogue (``messages.said``) says, at its place."""
        return cls(
            file,
            line,
            column,
            words.code,
            severity,
            words.message,
            words.hint,
            source,
            about=about,
            key=words.key,
            fields=words.fields,
        )

    def __post_init__(self) -> None:
        from kstthc_cli.messages import CODES

        if self.code not in CODES:  # a programming slip: every code is in the catalogue
            raise ValueError(f"problem code {self.code!r} is not in kstthc_cli.messages.CODES")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("source")
        for private in ("about", "key", "fields"):
            data.pop(private)
        return data


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def sort_key(p: Problem) -> tuple[str, int, int]:
    return (p.file, p.line or 0, p.column or 0)


def render(p: Problem) -> str:
    """``file:line:col: lỗi [code]: message`` then the source line with a caret, then the hint."""
    where = p.file
    if p.line is not None:
        where += f":{p.line}"
        if p.column is not None:
            where += f":{p.column}"
    lines = [f"{where}: {SEVERITY_WORD[p.severity]} [{p.code}]: {p.message}"]
    if p.source is not None and p.line is not None:
        gutter = f"{p.line} | "
        text = p.source.replace("\t", " ")
        lines.append(gutter + text)
        if p.column is not None:
            lines.append(" " * (len(gutter) + max(p.column - 1, 0)) + "^")
    if p.hint:
        lines.append(f"  → {p.hint}")
    return "\n".join(lines)


def summary(problems: list[Problem]) -> str:
    """``2 lỗi, 1 cảnh báo.``; the warnings acknowledged in the data are only counted."""
    acknowledged = sum(1 for p in problems if p.acknowledged)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors - acknowledged
    told = f" ({acknowledged_words(acknowledged)})" if acknowledged else ""
    if not problems:
        return "Không có lỗi nào. Dữ liệu hợp lệ."
    return f"{errors} lỗi, {warnings} cảnh báo{told}."


def acknowledged_words(count: int) -> str:
    """How the warnings acknowledged in the data are counted (``check``, ``rollup``)."""
    return f"{count} cảnh báo đã xác nhận"
