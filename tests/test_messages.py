"""The message catalogue: every code the package writes is in it, and the README explains it."""

from __future__ import annotations

import ast
import re

import pytest

from kstthc_cli.messages import CODES, FAILURES, MESSAGES, code_of, fields_of, said
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
    return found | {code_of(k) for k, _ in message_keys_used() if code_of(k) not in FAILURES}


def message_keys_used() -> list[tuple[str, frozenset[str]]]:
    """Each ``said("key", field=…)`` in the package: its key and the fields it supplies (a key
    chosen by a condition, ``said("a" if x else "b", …)``, counts as both)."""
    used: list[tuple[str, frozenset[str]]] = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "messages.py":  # the catalogue itself
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            of_catalogue = isinstance(func, ast.Attribute) and (
                isinstance(func.value, ast.Name) and func.value.id == "messages"
            )
            name = func.attr if of_catalogue else getattr(func, "id", "")  # type: ignore[union-attr]
            if name not in ("said", "text") or (name == "text" and not of_catalogue):
                continue
            if not node.args:
                continue
            fields = frozenset(k.arg for k in node.keywords if k.arg is not None)
            assert all(k.arg is not None for k in node.keywords), f"{path}: said(**…)"
            first = node.args[0]
            keys = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for key in keys:
                if isinstance(key, ast.JoinedStr):  # f"indicator-code-mismatch/{what}"
                    prefix = "".join(v.value for v in key.values if isinstance(v, ast.Constant))
                    used += [(k, fields) for k in MESSAGES if k.startswith(prefix)]
                else:
                    assert isinstance(key, ast.Constant), f"{path}:{node.lineno}"
                    used.append((str(key.value), fields))
    return used


def test_every_message_template_is_filled_with_exactly_its_fields_where_used() -> None:
    used = message_keys_used()
    assert sorted({k for k, _ in used} - set(MESSAGES)) == []  # no key without its words
    assert sorted(set(MESSAGES) - {k for k, _ in used}) == []  # no words left unused
    wrong = [(k, sorted(f), sorted(fields_of(k))) for k, f in used if f != fields_of(k)]
    assert wrong == []


def test_every_message_key_is_a_code_with_its_meaning() -> None:
    assert sorted(k for k in MESSAGES if code_of(k) not in CODES | FAILURES.keys()) == []
    assert sorted(k for k in MESSAGES if code_of(k) in FAILURES and "/" not in k) == []
    assert all(message for message, _ in MESSAGES.values())  # a hint only where there is one


def test_said_fills_in_the_words_and_refuses_a_slip() -> None:
    words = said("numerator-above-denominator", numerator=9, denominator=8)
    assert (words.code, words.message, words.hint) == (
        "numerator-above-denominator",
        "Tử số 9 lớn hơn mẫu số 8.",
        "Tử số là phần được đếm trong tổng số, nên không thể lớn hơn mẫu số.",
    )
    assert (words.key, dict(words.fields)) == (
        "numerator-above-denominator",
        {"numerator": 9, "denominator": 8},
    )
    assert said("bad-period/one-off", named="Nhiệm vụ 1").code == "bad-period"
    with pytest.raises(ValueError, match="takes"):
        said("numerator-above-denominator", numerator=9)
    with pytest.raises(ValueError, match="takes"):
        said("zero-denominator", extra=1)


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


# ---------------------------------------------------------------- the words live in the catalogue

#: What makes a problem or stops a run: their words come from ``messages.said``.
_SAYERS = {
    "Problem",
    "problem",
    "problem_at",
    "_problem",
    "make",
    "add",
    "KstthcError",
    "UsageError",
    "DataError",
    "WriteRefused",
    "RecordRefused",
    "ReplaceNeeded",
    "CannotSplice",
    "CommentInTheWay",
    "RepositoryError",
    "NotReadable",
}
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
#: Modules whose words are not in the catalogue yet, each with its reason (remove a line when
#: its module is moved; a module listed here that says nothing of its own fails the test).
NOT_YET = {
    "cli/values.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/common.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/figures.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/history.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/init.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/plandoc.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/record.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/report.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/rollup.py": "the command line's words (options), said by the CLI layer",
    "cli/commands/status.py": "the command line's words (options), said by the CLI layer",
}


def _words(node: ast.expr) -> bool:
    """A string written here in Vietnamese: a literal, an f-string, or a sum or choice of them
    (a call, such as ``said(…)``, is not looked into)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(VIETNAMESE.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_words(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    return False


def words_outside_the_catalogue() -> dict[str, list[int]]:
    """Module → lines where a problem or a failure is made with words written there."""
    found: dict[str, list[int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = [*node.args, *(k.value for k in node.keywords)]
            if called in _SAYERS and any(_words(a) for a in args):
                found.setdefault(name, []).append(node.lineno)
    return found


def test_problems_and_failures_are_worded_in_the_catalogue() -> None:
    found = words_outside_the_catalogue()
    assert {name: lines for name, lines in found.items() if name not in NOT_YET} == {}
    assert sorted(set(NOT_YET) - set(found)) == []  # moved: take it off the list
