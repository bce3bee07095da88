"""The national indicator catalogue (danh mục chỉ tiêu) shipped with kstthc: a stable code per
indicator, its Vietnamese name and other wordings, its unit, measure, how it adds up over
periods and, where the national formula is known, its formula over the figures' counts.

``indicator_catalogue.yaml`` beside this module is the data; it is read once per run, with the
same safe YAML reader as the officer's files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from kstthc_cli.load.models import Aggregate, Formula, Id, Indicator, Model, Text
from kstthc_cli.load.text import closest, fold

CATALOGUE_FILE = Path(__file__).with_name("indicator_catalogue.yaml")


class CatalogueEntry(Model):
    """One indicator of the national set."""

    code: Id
    name: Text
    aliases: tuple[Text, ...] = ()
    unit: Text = "%"
    measure: Literal["ratio", "value"] = "ratio"
    aggregate: Aggregate = "ratio"
    numerator: Text | None = None
    denominator: Text | None = None
    formula: Formula | None = None
    source: Text | None = None


class Catalogue(Model):
    indicators: list[CatalogueEntry]


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """A name as compared: lower case, no diacritics, punctuation and spacing ignored
    ("Tỷ lệ hồ sơ trực tuyến." and "tỷ lệ  hồ sơ trực tuyến" are one name)."""
    return _NOT_WORD.sub(" ", fold(name)).strip()


def unit_key(unit: str) -> str:
    return " ".join(fold(unit).split())


@dataclass(frozen=True)
class Entries:
    """The catalogue by code and by (normalised) name."""

    by_code: dict[str, CatalogueEntry]

    @cached_property
    def by_name(self) -> dict[str, CatalogueEntry]:
        """Every name and alias, normalised (``name_key``): made when first asked, since a plan
        whose indicators all carry a known code never needs it."""
        out: dict[str, CatalogueEntry] = {}
        for e in self.by_code.values():
            for n in (e.name, *e.aliases):
                out.setdefault(name_key(n), e)
        return out

    def match(self, ind: Indicator) -> CatalogueEntry | None:
        """The entry an indicator is: by its code, else by its name (or an alias)."""
        if ind.code is not None:
            return self.by_code.get(ind.code)
        return self.by_name.get(name_key(ind.name))

    def nearest_code(self, code: str) -> str | None:
        return closest(code, self.by_code, cutoff=0.4)


@lru_cache(maxsize=1)
def catalogue() -> Entries:
    """The shipped catalogue (read once; a broken shipped file is a bug, raised as such)."""
    from kstthc_cli.load.yamlio import parse_text

    doc = parse_text(CATALOGUE_FILE.read_text(encoding="utf-8"), CATALOGUE_FILE.name)
    if doc.problems:
        raise RuntimeError(f"{CATALOGUE_FILE}: {doc.problems[0].message}")
    entries = Catalogue.model_validate(doc.data).indicators
    return Entries({e.code: e for e in entries})


def aggregate_of(ind: Indicator) -> Aggregate:
    """How ``ind``'s figures add up over periods: its own ``aggregate``; else its catalogue
    entry's (when measure and unit agree); else Σ/Σ for a ratio, the latest value for a
    percentage entered directly, the sum of the periods for a count."""
    if ind.aggregate is not None:
        return ind.aggregate
    if ind.measure == "ratio":
        return "ratio"
    entry = catalogue().match(ind)
    if entry is not None and differs(ind, entry) is None:
        return entry.aggregate
    return "latest" if ind.is_percent else "sum"


def differs(ind: Indicator, entry: CatalogueEntry) -> Literal["measure", "unit"] | None:
    """What of ``ind`` differs from its catalogue entry so that the two cannot be pooled."""
    if ind.measure != entry.measure:
        return "measure"
    if unit_key(ind.unit) != unit_key(entry.unit):
        return "unit"
    return None
