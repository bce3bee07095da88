"""``kstthc_cli.cli.values``: option strings into typed values, and the option hints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kstthc_cli.cli.values import option_hint, parse_count, parse_number, parse_status
from kstthc_cli.errors import UsageError
from kstthc_cli.problems import Problem


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


def finding(code: str, message: str = "", hint: str = "") -> Problem:
    return Problem("actuals_2024.yaml", 3, 5, code, "error", message, hint)


@pytest.mark.parametrize(
    ("problem", "field", "hint"),
    [
        (finding("after-as-of"), "date", "Kiểm tra --date, hoặc đặt --as-of là ngày hôm nay."),
        (
            finding("period-required", hint="Ghi kỳ (period), một trong: Q1 (Quý I); Q2."),
            None,
            "Thêm --period, một trong: Q1 (Quý I); Q2.",
        ),
        (
            finding("bad-period", "Kỳ 'q2/2023' thuộc năm 2023, không phải năm kế hoạch 2024."),
            "period",
            "Ghi số liệu năm 2023 bằng --year 2023 (tệp actuals_2023.yaml).",
        ),
        (
            finding("wrong-measure"),
            "value",
            "Chỉ tiêu này ghi bằng --num (tử số) và --den (mẫu số).",
        ),
        (
            finding("zero-denominator", hint="Kỳ không phát sinh hồ sơ"),
            None,
            "Kỳ không phát sinh hồ sơ",
        ),
    ],
)
def test_the_core_s_findings_are_said_with_the_options(
    problem: Problem, field: str | None, hint: str
) -> None:
    assert option_hint(problem, field) == hint
