"""How numbers, dates and states read in Vietnamese (65,00 %; 14/06/2024; "quá hạn")."""

from __future__ import annotations

import re
from datetime import date

STATE_WORDS = {
    "overdue": "quá hạn",
    "due-soon": "sắp đến hạn",
    "in-progress": "đang thực hiện",
    "upcoming": "chưa đến hạn",
    "ongoing": "thường xuyên",
    "done": "đã xong",
    "met": "đạt",
    "not-met": "chưa đạt",
    "no-data": "chưa có số liệu",
    "none": "không phát sinh",
}

OP_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def d(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def num(x: float | None, decimals: int = 2) -> str:
    """Vietnamese style: 1.234,50 (dot for thousands, comma for decimals)."""
    if x is None:
        return "—"
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def plain(x: float) -> str:
    """A number as it reads: whole without decimals (``1.313``), else two (``2,50``)."""
    return num(x, 0) if float(x).is_integer() else num(x)


def pct(x: float | None) -> str:
    """The one way a percentage reads: two decimals, "71,20 %", "42,00 %"."""
    return "—" if x is None else f"{num(x)} %"


def amount(x: float | None, unit: str = "%") -> str:
    """A figure with its unit: ``65,00 %`` for a percentage; a count as counted, ``1.313 TTHC``,
    ``2 cuộc`` (two decimals only when it is not whole: ``2,50 ngày``)."""
    if x is None:
        return "—"
    if unit.strip() == "%":
        return pct(x)
    return f"{plain(x)} {unit.strip()}"


def ratio(numerator: int | float | None, denominator: int | float | None) -> str:
    """The counts a figure comes from, as every view writes them: "1.313/1.820"."""
    return f"{num(numerator, 0)}/{num(denominator, 0)}"


def target(op: str, value: float, unit: str = "%") -> str:
    return f"{OP_WORDS.get(op, op)} {plain(value)}{' %' if unit.strip() == '%' else ' ' + unit}"


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in a column ``width`` terminal cells wide (so letters with diacritics and wide
    characters line up): padded, or cut with ``…``; ``right`` aligns figures to the right."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    pad = " " * max(width - cell_len(text), 0)
    return pad + text if right else text + pad


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


#: Terminal escape sequences (CSI ``\x1b[2J``, OSC ``\x1b]0;title\x07``, others), then any other
#: control character but tab and newline: C0, DEL, C1.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]"
)
#: Bidirectional controls (an RLO ``\u202e`` shows the rest of a line reversed: "Trojan source"
#: spoofing of what was recorded), then the other invisible format characters (zero-width
#: space, soft hyphen, word joiner, BOM): none shows anything, any can hide or fake a word.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = f"\u00ad\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb{BIDI}"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
#: What never reaches a terminal as itself (``print_json`` writes it as an escape).
INVISIBLE = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")


def printable(text: str) -> str:
    """``text`` without escape sequences, control characters (tab and newline kept), direction
    controls or invisible format characters: what a terminal, Markdown, Word or Excel may be
    given of the officer's words."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
