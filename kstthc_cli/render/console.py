"""Where output goes: UTF-8 on every console (Windows too), rich for people, JSON for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich.console costs ~20 ms to import: only when something is drawn
    from rich.console import Console


def ensure_utf8() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def out() -> Console:
    """The console of a command's answer, its size measured once (rich measures the terminal
    again at every ``print`` unless both width and height are set)."""
    console = _console()(highlight=False, soft_wrap=False, emoji=False)
    console.size = console.size
    return console


def err() -> Console:
    return _console()(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def note(words: str) -> None:
    """One line of words on stderr (``Đã ghi …``), made printable as every console's text is,
    without drawing anything (nor importing rich for it)."""
    from kstthc_cli.render.textfmt import printable

    sys.stderr.write(printable(words) + "\n")


_CLASS: type[Console] | None = None


def _console() -> type[Console]:
    """The one way text reaches a terminal: every piece of text rich is about to write (data
    text in tables, problems, source lines, messages) loses its escape sequences and control
    characters first (``\\e]0;…\\a``, ``\\e[2J`` from a data file never act on the terminal);
    rich's own styling is added after, so it is kept."""
    global _CLASS
    if _CLASS is None:
        from rich.console import Console
        from rich.segment import Segment

        from kstthc_cli.render.textfmt import printable

        class Sanitising(Console):
            def _render_buffer(self, buffer: Iterable[Segment]) -> str:
                return super()._render_buffer(
                    s if s.control else Segment(printable(s.text), s.style, s.control)
                    for s in buffer
                )

        _CLASS = Sanitising
    return _CLASS


def print_json(data: Any) -> None:
    """JSON for scripts on stdout (``json_text``)."""
    sys.stdout.write(json_text(data) + "\n")


def json_text(data: Any) -> str:
    """JSON for scripts: every string as it is (a program reads the same text back), but the
    characters that would act on a terminal or hide a word (controls, direction marks,
    zero-width ones) written as ``\\uXXXX`` escapes, so none acts where it is shown (the
    same text on stdout and in ``--json -o``'s file)."""
    from kstthc_cli.render.textfmt import INVISIBLE

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
