"""Small pure helpers on words and numbers that every stage shares (one copy of each rule)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, overload


@lru_cache(maxsize=4096)  # pure; period words repeat in every record
def fold(text: str) -> str:
    """Lower case without diacritics: "Quý II" → "quy ii", "Đột xuất" → "dot xuat"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def closest(value: str, known: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The known word most like ``value`` (a misspelt id, key, command or unit), if one is
    close enough: the one nearest-name rule of every suggestion kstthc makes."""
    found = difflib.get_close_matches(value, list(known), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(value: str, known: Iterable[str], cutoff: float = 0.5) -> str:
    """ "Có phải ý bạn là 'x'?" for the closest known word, or ``""``."""
    near = closest(value, known, cutoff)
    return f"Có phải ý bạn là '{near}'?" if near is not None else ""


@overload
def whole(x: float) -> int | float: ...
@overload
def whole(x: None) -> None: ...
@overload
def whole(x: float | None) -> int | float | None: ...
def whole(x: float | None) -> int | float | None:
    """A number as an ``int`` when it is whole (150.0 → 150), so it is written as typed;
    ``None`` stays ``None``."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


#: The most digits of a number kstthc reads (Python's own limit for turning text into an int).
MAX_DIGITS = 4300

#: A count written with thousands grouped (``1.000``, ``12,500``): the Vietnamese way of
#: writing a thousand, never read as a decimal.
GROUPED_COUNT = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_DIGITS = re.compile(r"[-+]?\d+")


@dataclass(frozen=True)
class CountReading:
    """How a count (số hồ sơ) was written: ``whole`` (its ``number``), or why it is not one:
    ``grouped`` (a thousand written 1.000: ``digits`` joined), ``decimal``, ``spaced``
    (``digits`` without the spaces), ``long`` (more than ``MAX_DIGITS`` digits: ``digits``),
    ``words`` (no digits at all), ``other``."""

    kind: Literal["whole", "grouped", "decimal", "spaced", "long", "words", "other"]
    number: int | None = None
    digits: str = ""


def read_count(written: str) -> CountReading:
    """The one rule for counts, in files and on the command line: whole digits only."""
    text = written.strip()
    if _DIGITS.fullmatch(text):
        if len(text.lstrip("+-")) > MAX_DIGITS:
            return CountReading("long", digits=text.lstrip("+-"))
        return CountReading("whole", int(text))
    if not any(c.isdigit() for c in text):
        return CountReading("words")
    if GROUPED_COUNT.fullmatch(text.lstrip("+")):
        return CountReading("grouped", digits=re.sub(r"[.,+]", "", text))
    if "." in text or "," in text:
        return CountReading("decimal", digits=re.split(r"[.,]", text, maxsplit=1)[0] or "0")
    joined = "".join(text.split())
    if joined.isdigit():
        return CountReading("spaced", digits=joined)
    return CountReading("other")
