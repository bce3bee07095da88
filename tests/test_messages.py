"""The message catalogue: every code the package writes is in it, and the README explains it."""

from __future__ import annotations

import ast
import re

import pytest

from kstthc_cli.messages import CODES
from kstthc_cli.problems import Problem
from tests.support import REPO

PACKAGE = REPO / "kstthc_cli"
CODE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")
#: Calls whose string arguments are problem codes.
MAKERS = {"problem", "problem_at", "_problem", "make", "NotReadable", "Problem", "RecordRefused"}
#: Kebab-case words that are other things (states, encodings, subjects, commands).
NOT_CODES = {"utf-8", "utf-8-sig", "error", "warning", "numerator", "denominator", "value", "none"}


def codes_written() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = [*node.args, *(k.value for k in node.keywords if k.arg == "code")]
            if name not in MAKERS:
                args = [k.value for k in node.keywords if k.arg == "code"]
            for arg in args:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and CODE.match(arg.value)
                    and arg.value not in NOT_CODES
                ):
                    found.add(arg.value)
    return found


def test_every_code_written_is_in_the_catalogue() -> None:
    assert sorted(codes_written() - set(CODES)) == []


def test_every_code_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert sorted(c for c in CODES if f"`{c}`" not in readme) == []


def test_a_code_outside_the_catalogue_cannot_be_made() -> None:
    with pytest.raises(ValueError, match=r"not in kstthc_cli\.messages\.CODES"):
        Problem("a.yaml", 1, 1, "no-such-code", "error", "…")


def test_the_catalogue_says_what_each_code_means() -> None:
    assert all(CODE.match(c) and meaning and meaning[0].islower() for c, meaning in CODES.items())
