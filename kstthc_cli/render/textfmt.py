"""How numbers, dates and states read in Vietnamese (65,00 %; 14/06/2024; "quá hạn")."""

from __future__ import annotations

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


def pct(x: float | None) -> str:
    return "—" if x is None else f"{num(x)} %"


def target(op: str, value: float, unit: str = "%") -> str:
    v = num(value, 0) if float(value).is_integer() else num(value)
    return f"{OP_WORDS.get(op, op)} {v}{' %' if unit.strip() == '%' else ' ' + unit}"


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"
