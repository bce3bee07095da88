"""``kstthc_cli.cli.values``: option strings into typed values, and the option hints."""

from __future__ import annotations

import json
import re
import shutil
import string
import tokenize
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import kstthc_cli
from kstthc_cli import api
from kstthc_cli.cli.values import (
    OPTION_HINTS,
    RECORD_HINTS,
    option_hint,
    parse_count,
    parse_number,
    parse_period_word,
    parse_status,
    with_options,
)
from kstthc_cli.compute.periodid import PeriodId
from kstthc_cli.errors import KstthcError, UsageError
from kstthc_cli.messages import MESSAGES, Said, code_of, fields_of, said
from kstthc_cli.problems import Problem
from kstthc_cli.rules.validate import REFUSED_IN_NEW_RECORDS
from tests.support import SHIPPED


def test_status_words() -> None:
    assert parse_status("done") == parse_status("xong") == "done"
    assert parse_status("in-progress") == parse_status("Đang làm") == "in-progress"
    with pytest.raises(UsageError):
        parse_status("maybe")


def test_numbers() -> None:
    assert parse_number("40", "--num") == 40
    assert parse_number("92,5", "--value") == Decimal("92.5")
    for bad in ("abc", "", "nan", "inf", "1e999"):
        with pytest.raises(UsageError, match="phải là một số"):
            parse_number(bad, "--num")


def test_counts() -> None:
    assert parse_count("40", "--num") == 40
    assert parse_count("+7", "--den") == 7
    with pytest.raises(UsageError) as caught:
        parse_count("12.500", "--den")
    assert (caught.value.message, caught.value.hint) == (
        "Mẫu số phải viết liền, không có dấu chấm hay phẩy (đang là '12.500').",
        "Nếu là 12.500 hồ sơ thì viết --den 12500.",
    )


def finding(words: Said) -> Problem:
    return Problem.of("actuals_2024.yaml", 3, 5, words)


@pytest.mark.parametrize(
    ("problem", "hint"),
    [
        (
            finding(said("after-as-of", day=date(2024, 5, 2), as_of=date(2024, 5, 1))),
            "Kiểm tra --date, hoặc đặt --as-of là ngày hôm nay.",
        ),
        (
            finding(said("period-required", named="Nhiệm vụ 3", choices="Q1 (Quý I); Q2")),
            "Thêm --period, một trong: Q1 (Quý I); Q2.",
        ),
        (
            finding(said("bad-period/other-year", period="q2/2023", other=2023, year=2024)),
            "Ghi số liệu năm 2023 bằng --year 2023 (tệp actuals_2023.yaml).",
        ),
        (
            finding(said("wrong-measure/ratio")),
            "Chỉ tiêu này ghi bằng --num (tử số) và --den (mẫu số).",
        ),
        (finding(said("wrong-measure")), "Chỉ tiêu này ghi bằng --value, ví dụ --value 92.5."),
        (
            finding(said("zero-denominator")),
            "Kỳ không phát sinh hồ sơ thì đừng ghi số liệu (sẽ hiện là chưa có số liệu).",
        ),
        (  # said without the catalogue: its own hint
            Problem("actuals_2024.yaml", 3, 5, "bad-period", "error", "Kỳ lạ thuộc năm 2023.", "…"),
            "…",
        ),
    ],
)
def test_the_core_s_findings_are_said_with_the_options(problem: Problem, hint: str) -> None:
    assert option_hint(problem) == hint


def test_the_option_hints_of_record_are_keyed_by_the_catalogue() -> None:
    """Each key of ``RECORD_HINTS`` is a message of the catalogue whose fields it uses, and
    every message of a code that refuses a record (or is a slip in its options) has its
    hint with options, but those about the plan rather than a record."""
    assert sorted(k for k in RECORD_HINTS if k not in MESSAGES) == []
    for key, hint in RECORD_HINTS.items():
        used = {name for _, name, _, _ in string.Formatter().parse(hint) if name}
        assert used <= fields_of(key), key
    about_the_plan = {"date-outside-year/milestone"}
    # the form's sheet of direct figures (write/figures), said by import, not by record
    about_the_plan |= {
        "wrong-measure/form-ratio",
        "wrong-measure/form-value",
        "missing-figure/form",
        "none-with-figure/form",
    }
    refusing = REFUSED_IN_NEW_RECORDS | {"wrong-measure", "missing-figure", "none-with-figure"}
    keys = {k for k in MESSAGES if code_of(k) in refusing} - about_the_plan
    assert sorted(keys - set(RECORD_HINTS)) == []


# ---------------------------------------------------------------- the core speaks no option

#: Command-line options of kstthc (git's own, such as ``git merge --abort``, are not).
_OPTIONS = re.compile(
    r"--(?:data|year|as-of|period|num|den|value|date|note|evidence|template|no-commit|json"
    r"|dry-run|replace|delete|none|since|task|indicator|status|format|output|yes)\b"
)
#: Lines the renderers print for the command line, which name its commands with their options
#: (``kstthc check --year 2025``).
_ALLOWED = {"render/newyear_view.py", "render/rollup_views.py"}


#: String tokens (an f-string's text is its own token from Python 3.12 on).
_STRING_TOKENS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def _strings(path: Path) -> list[tuple[int, str]]:
    with path.open(encoding="utf-8") as handle:
        tokens = list(tokenize.generate_tokens(handle.readline))
    return [
        (t.start[0], t.string)
        for t in tokens
        if t.type in _STRING_TOKENS and not t.string.startswith(('"""', "'''"))
    ]


def test_no_core_message_names_a_command_line_option() -> None:
    package = Path(kstthc_cli.__file__).parent
    found = [
        f"{path.relative_to(package)}:{line}: {text}"
        for path in sorted(package.rglob("*.py"))
        if path.relative_to(package).parts[0] != "cli"
        and path.relative_to(package).as_posix() not in _ALLOWED
        for line, text in _strings(path)
        if _OPTIONS.search(text)
    ]
    assert found == []


def test_the_core_hint_in_the_librarys_words_and_on_the_command_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        api.open_workspace(data=tmp_path / "khong-co")
    exc = caught.value
    assert (exc.hint, exc.about) == ("Chỉ ra đúng thư mục chứa plan_<năm>.yaml.", "data-folder")
    assert with_options(exc).hint == "Dùng --data để chỉ tới thư mục chứa plan_<năm>.yaml."
    assert set(OPTION_HINTS) >= {"data-folder", "milestones", "bundled", "repository-busy"}
    plain = KstthcError("Lỗi khác.", "Làm lại.")
    assert with_options(plain).hint == "Làm lại."


def test_periods_are_typed_in_the_api_and_read_here(tmp_path: Path) -> None:
    assert parse_period_word("quý II", 2024) == (PeriodId.Q2, 2024)
    assert parse_period_word("2025q1", 2024) == (PeriodId.Q1, 2025)
    with pytest.raises(UsageError):
        parse_period_word("quý năm", 2024)
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data, ignore=shutil.ignore_patterns(".*", "actuals_*"))
    out = tmp_path / "mau.xlsx"
    assert api.write_form(workspace=data, period=PeriodId.Q2, path=out, year=2024) == ("Q2", 2024)
    assert out.stat().st_size > 0
    with pytest.raises(ValueError):
        api.write_form(workspace=data, period="quý 2", path=out, year=2024)  # type: ignore[arg-type]


_MISSING_CORE = "Kiểm tra lại đường dẫn, hoặc chỉ tới đúng thư mục dữ liệu."
_MISSING_CLI = "Kiểm tra lại đường dẫn, hoặc tùy chọn --data chỉ tới thư mục dữ liệu."


def test_a_problems_hint_is_said_with_options_only_on_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data, ignore=shutil.ignore_patterns(".*", "actuals_*"))
    (data / "indicators_2024.yaml").unlink()
    (found,) = [p for p in api.check(data=data, year=2024) if p.code == "file-missing"]
    assert (found.hint, found.about) == (_MISSING_CORE, "data-file")
    assert "about" not in found.as_json()
    missing = f"{data / 'indicators_2024.yaml'}: lỗi [file-missing]: Không tìm thấy tệp.\n"
    r = cli("check", "--data", str(data), "--year", "2024")
    assert r.code == 1
    assert r.err == missing + f"  → {_MISSING_CLI}\n\n1 lỗi, 0 cảnh báo.\n"
    r = cli("check", "--data", str(data), "--year", "2024", "--json")
    assert r.code == 1
    assert json.loads(r.out)["problems"] == [{**found.as_json(), "hint": _MISSING_CLI}]
    r = cli("status", "--data", str(data), "--as-of", "2024-04-20")
    assert r.code == 1
    assert r.err.startswith(missing + f"  → {_MISSING_CLI}\n\n")


def test_a_task_period_word_is_a_period_id_or_an_occurrence_as_typed() -> None:
    """Only the files' own ids are read as periods; every other word goes on as typed, so what
    is written and quoted for a word that names no occurrence stays the officer's word."""
    from kstthc_cli.cli.values import parse_task_period
    from kstthc_cli.compute.periodid import Occurrence

    assert parse_task_period(None) is None
    assert parse_task_period(" Q2 ") is PeriodId.Q2
    assert parse_task_period("Y") is PeriodId.YEAR
    for word in ("quý 2", "q2", "6 tháng", "M1", "20/3", "đột xuất", "2025q1", ""):
        assert parse_task_period(f" {word} ") == Occurrence(word)
