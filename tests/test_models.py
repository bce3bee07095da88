"""The models read what an officer types: a target in words, counts written as whole numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kstthc_cli.load.models import (
    PROBLEM,
    Actuals,
    IndicatorRecord,
    Model,
    Reporting,
    Target,
    TaskRecord,
    read_target,
)
from kstthc_cli.load.yamlio import parse_text

REPORTING = 'recipient: "Văn phòng UBND huyện"\npreparer: "vp-tk"\n'


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        (">= 80%", ">=", 80),
        ("≥ 80 %", ">=", 80),
        ("=> 80", ">=", 80),
        ("> 50", ">", 50),
        ("<= 5", "<=", 5),
        ("≤ 5", "<=", 5),
        ("< 5", "<", 5),
        ("= 100", "==", 100),
        ("100", ">=", 100),
        ("80", ">=", 80),
        ("92,5", ">=", 92.5),
        ("92.5 %", ">=", 92.5),
        ("Tối thiểu 80", ">=", 80),
        ("Tối thiểu 80%", ">=", 80),
        ("TỐI THIỂU 80 %", ">=", 80),
        ("toi thieu 80", ">=", 80),
        ("Ít nhất 90%", ">=", 90),
        ("Không thấp hơn 90%", ">=", 90),
        ("Tối đa 5", "<=", 5),
        ("Không quá 5", "<=", 5),
        ("Không vượt quá 5 %", "<=", 5),
        ("Đạt 100%", ">=", 100),
        ("đạt tối thiểu 80%", ">=", 80),
        ("Trên 50%", ">", 50),
        ("Dưới 5%", "<", 5),
        ("80% trở lên", ">=", 80),
        ("Từ 80% trở lên", ">=", 80),
        ("5% trở xuống", "<=", 5),
    ],
)
def test_a_target_in_words_is_read(text: str, op: str, value: float) -> None:
    assert read_target(text) == (op, value)
    target = Target.model_validate(text)
    assert (target.text, target.op, target.value) == (text, op, value)


@pytest.mark.parametrize(
    "text",
    ["Tám mươi", "khoảng 80%", ">= tám mươi", "80-90%", "1.000", "Tối đa 5% trở lên", ">=", ""],
)
def test_a_target_that_cannot_be_read_is_refused(text: str) -> None:
    assert read_target(text) is None
    with pytest.raises(ValidationError) as caught:
        Target.model_validate(text)
    (err,) = caught.value.errors(include_url=False)
    assert err["type"] == PROBLEM
    assert f"Không đọc được chỉ tiêu '{text}'" in err["msg"]
    assert '"Tối thiểu 80%"' in err["ctx"]["hint"]
    assert 'op: ">="' in err["ctx"]["hint"]  # the block form is shown too


def test_an_unquoted_number_is_a_target_as_written() -> None:
    data = parse_text("a: 92.50\nb: 100\n").data
    assert Target.model_validate(data["a"]).text == "92.50"
    assert (Target.model_validate(data["b"]).op, Target.model_validate(data["b"]).value) == (
        ">=",
        100,
    )


def test_the_block_form_is_unchanged() -> None:
    target = Target.model_validate({"text": "Tối thiểu 80", "op": ">", "value": 70})
    assert (target.text, target.op, target.value) == ("Tối thiểu 80", ">", 70)


def _count(written: str) -> int | None:
    data = parse_text(f"indicator: '3'\nperiod: Q1\nnumerator: {written}\n").data
    return IndicatorRecord.model_validate(data).numerator


@pytest.mark.parametrize("written", ["40", "0", "'40'", '"1000"', "007"])
def test_a_count_written_in_digits(written: str) -> None:
    assert _count(written) == int(written.strip("'\""))


@pytest.mark.parametrize(
    ("written", "shown", "hint"),
    [
        ("1.000", "1.000", "viết liền: 1000"),
        ("1,000", "1,000", "viết liền: 1000"),
        ('"2,000"', "2,000", "viết liền: 2000"),
        ("'1.250.000'", "1.250.000", "viết liền: 1250000"),
        ("40.0", "40.0", "không có phần thập phân"),
        ("40,5", "40,5", "không có phần thập phân"),
    ],
)
def test_a_count_with_a_dot_or_comma_is_refused(written: str, shown: str, hint: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _count(written)
    (err,) = caught.value.errors(include_url=False)
    assert err["type"] == PROBLEM
    assert err["loc"] == ("numerator",)
    assert err["msg"] == (
        f"Số đếm phải là số nguyên viết liền, không có dấu chấm hay phẩy: '{shown}'"
    )
    assert hint in err["ctx"]["hint"]


@pytest.mark.parametrize("written", ["1e3", "0x10", "'1 000'", "true"])
def test_a_count_in_another_notation_is_refused(written: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _count(written)
    assert caught.value.errors(include_url=False)[0]["type"] == PROBLEM


def test_a_percentage_entered_directly_keeps_its_decimals() -> None:
    data = parse_text("indicator: '10'\nperiod: Q1\nvalue: 92.5\n").data
    assert IndicatorRecord.model_validate(data).value == 92.5


def test_counts_from_code_stay_plain_integers() -> None:
    data = {"indicator": "3", "period": "Q1", "numerator": 40, "denominator": 80}
    record = IndicatorRecord.model_validate(data)
    assert (record.numerator, record.denominator) == (40, 80)
    with pytest.raises(ValidationError):
        IndicatorRecord.model_validate({**data, "numerator": -1})


@pytest.mark.parametrize(("sign", "op"), [("=", "=="), ("≥", ">="), ("=>", ">="), ("≤", "<=")])
def test_a_target_block_takes_the_same_signs_as_one_line(sign: str, op: str) -> None:
    assert Target.model_validate({"text": "100", "op": sign, "value": 100}).op == op


@pytest.mark.parametrize(("written", "read"), [("92,5", 92.5), (92.5, 92.5), ("80", 80.0)])
def test_a_value_takes_the_vietnamese_decimal_comma(written: object, read: float) -> None:
    record = IndicatorRecord.model_validate({"indicator": "10", "period": "Q1", "value": written})
    assert record.value == read


# ------------------------------------------------------ pydantic's errors said in Vietnamese


def _problems(model: type[Model], text: str) -> list[tuple[str, str, str]]:
    """The problems ``check`` shows for ``text`` read as ``model``."""
    from kstthc_cli.load.workspace import translate

    doc = parse_text(text)
    with pytest.raises(ValidationError) as caught:
        model.model_validate(doc.data)
    return [(p.code, p.message, p.hint) for p in translate(doc, model, caught.value)]


def test_an_id_too_long_is_said_in_vietnamese() -> None:
    """pydantic's own words ("String should have at most 40 characters") reached the officer."""
    long = "x" * 41
    ((code, message, hint),) = _problems(TaskRecord, f"task: '{long}'\ndate: 2024-03-01\n")
    assert code == "bad-value"
    assert message == "'task' dài quá 40 ký tự (đang có 41 ký tự)."
    assert "40 ký tự" in hint
    assert "should" not in message + hint


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("task: true\ndate: 2024-03-01\n", "'task' phải là văn bản (đang là 'true')."),
        (
            "task: '1'\ndate: 2024-03-01\nstatus: false\n",
            "'status' không hợp lệ (đang là 'false').",
        ),
    ],
)
def test_a_yes_or_no_is_shown_as_the_officer_wrote_it(text: str, message: str) -> None:
    """YAML's true/false, not Python's True/False."""
    ((_, said, _),) = _problems(TaskRecord, text)
    assert said == message


def test_a_year_with_decimals_is_not_called_a_count_of_dossiers() -> None:
    ((_, message, hint),) = _problems(Actuals, "year: 2024.5\n")
    assert message == "'year' phải là số nguyên (đang là '2024.5')."
    assert "hồ sơ" not in hint


# ------------------------------------------------------ days off the plan announces


def test_days_off_and_working_days_are_read_like_any_date() -> None:
    text = REPORTING + "days_off: [2024-04-29, 02/09/2024]\nworking_days: ['4/5/2024']\n"
    reporting = Reporting.model_validate(parse_text(text).data)
    assert reporting.days_off == [date(2024, 4, 29), date(2024, 9, 2)]
    assert reporting.working_days == [date(2024, 5, 4)]


def test_a_plan_announces_no_days_by_default() -> None:
    reporting = Reporting.model_validate(parse_text(REPORTING).data)
    assert (reporting.days_off, reporting.working_days) == ([], [])


def test_an_impossible_day_off_is_said_in_vietnamese() -> None:
    problems = _problems(Reporting, REPORTING + "days_off: ['30/02/2024']\nworking_days: 5\n")
    assert problems == [
        (
            "bad-date",
            "'days_off[1]': ngày 30/02/2024 không có thật trên lịch: tháng 2/2024 chỉ có 29 ngày.",
            "",
        ),
        (
            "bad-value",
            "'working_days' phải là một danh sách (đang là '5').",
            "Mỗi mục một dòng, bắt đầu bằng '- '.",
        ),
    ]


# ------------------------------------------------------ pydantic models, frozen


def test_a_record_is_frozen_and_hashable() -> None:
    """Frozen as the dataclasses were: a record is a value, usable as a key of a set or dict."""
    data = {"task": "1", "date": "2024-03-01"}
    record = TaskRecord.model_validate(data)
    assert hash(record) == hash(TaskRecord.model_validate(data))
    assert {record, TaskRecord.model_validate(data)} == {record}
    with pytest.raises(ValidationError):
        record.note = "sửa"  # type: ignore[misc]


def test_no_model_builds_its_own_core_schema() -> None:
    """The models are plain pydantic models: no hand-built pydantic-core schema anywhere."""
    package = Path(__file__).resolve().parent.parent / "kstthc_cli"
    hook = "__get_pydantic_core_" + "schema__"
    assert [p for p in package.rglob("*.py") if hook in p.read_text(encoding="utf-8")] == []


@given(st.text(max_size=12))
def test_an_id_is_its_nfkc_form_or_names_its_first_hidden_character(text: str) -> None:
    import unicodedata

    from kstthc_cli.load.models import HiddenCharacter, normal_id

    form = unicodedata.normalize("NFKC", text.strip()).strip()
    hidden = [ch for ch in form if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn")]
    if hidden:
        with pytest.raises(HiddenCharacter) as caught:
            normal_id(text)
        assert caught.value.char == hidden[0]
    else:
        assert normal_id(text) == form
