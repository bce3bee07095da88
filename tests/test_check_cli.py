"""``kstthc check`` on the shipped plan and on every kind of bad input an officer may produce.

Each bad input: exit code, a location, a Vietnamese message, no traceback, no file changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import snapshot, write


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_plan_passes_with_the_decision_date_warnings_acknowledged(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """The printed decision cites four bases dated after it; the shipped data acknowledges
    each (``acknowledge: ["basis-after-decision"]`` beside it): counted, not repeated."""
    assert cli("check", "--data", str(ws)) == Result(
        0, "0 lỗi, 0 cảnh báo (4 cảnh báo đã xác nhận).\n", ""
    )
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    ack = '      acknowledge: ["basis-after-decision"]\n'
    assert text.count(ack) == 4
    at = text.index(ack, text.index('number: "1201/QĐ-UBND"'))
    path.write_text(text[:at] + text[at + len(ack) :], encoding="utf-8")
    r = cli("check", "--data", str(ws))
    assert r.code == 0
    assert r.err.count("cảnh báo [basis-after-decision]") == 1
    assert "Căn cứ '1201/QĐ-UBND' ngày 04/03/2024 có sau ngày quyết định" in r.err
    assert r.err.endswith("\n0 lỗi, 1 cảnh báo (3 cảnh báo đã xác nhận).\n")
    # another code acknowledged there does not hide this one
    path.write_text(
        text[:at] + '      acknowledge: ["other"]\n' + text[at + len(ack) :], encoding="utf-8"
    )
    assert cli("check", "--data", str(ws)).err.endswith(
        "0 lỗi, 1 cảnh báo (3 cảnh báo đã xác nhận).\n"
    )


def test_check_json_gives_file_line_column(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    problems = json.loads(r.out)["problems"]
    warning = next(p for p in problems if "1201/QĐ-UBND" in p["message"])
    assert warning["file"].endswith("plan_2024.yaml")
    assert warning["severity"] == "warning"
    assert warning["code"] == "basis-after-decision"
    line = (ws / "plan_2024.yaml").read_text(encoding="utf-8").splitlines()[warning["line"] - 1]
    assert line[warning["column"] - 1 :].startswith('"2024-03-04"')
    assert set(warning) >= {"file", "line", "column", "code", "severity", "message"}


def test_default_workspace_is_the_bundled_one(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = cli("check")
    assert r.code == 0
    assert "4 cảnh báo đã xác nhận" in r.out


BAD_PLAN_EDITS = [
    # (old, new, code, expected words in the message)
    ("due_day: 17", "due_day: >= 17%", "yaml-syntax", "ngoặc kép"),
    ('\n  preparer: "vp-tk"', '\n\tpreparer: "vp-tk"', "tab", "Tab"),
    (
        '\n  preparer: "vp-tk"',
        '\n  preparer: "vp-tk"\n  preparer: "ban-nganh"',
        "duplicate-key",
        "lặp lại",
    ),
    ('\n  preparer: "vp-tk"', '\n  prepare: "vp-tk"', "unknown-key", "preparer"),
    ('\n  preparer: "vp-tk"', '\n  preparer: "vp-tkk"', "unknown-unit", "vp-tk"),
    ('date: "2023-03-06"', 'date: "2023-02-30"', "bad-date", "không có thật"),
    ("due_day: 17", 'due_day: "mười bảy"', "bad-value", "số nguyên"),
    (
        "move_off_holidays: true",
        'move_off_holidays: true\n  days_off: ["2024-04-29", "30/02/2024"]',
        "bad-date",
        "không có thật",
    ),
    (
        "move_off_holidays: true",
        "move_off_holidays: true\n  working_days: 4",
        "bad-value",
        "danh sách",
    ),
    ('timeframe: "Quý I"', 'timeframe: "Khi nào rảnh"', "bad-timeframe", "Khi nào rảnh"),
    ('\n      - id: "3"', '\n      - id: "2"', "duplicate-id", "trùng"),
    (
        "year: 2024",
        'year: 2024\nx: !!python/object/apply:os.system ["echo hi"]',
        "yaml-tag",
        "không được phép",
    ),
]


@pytest.mark.parametrize(("old", "new", "code", "words"), BAD_PLAN_EDITS)
def test_bad_plan_input(cli, ws: Path, old: str, new: str, code: str, words: str) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "plan_2024.yaml", old, new)
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1, r.err
    assert f"[{code}]" in r.err
    assert words in r.err
    assert "plan_2024.yaml:" in r.err  # a location, hledger-style
    assert "Traceback" not in r.err + r.out
    assert snapshot(ws) == before


def test_an_impossible_working_day_is_located(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(
        ws / "plan_2024.yaml",
        '\n  preparer: "vp-tk"',
        '\n  preparer: "vp-tk"\n  working_days: ["04/05/2024", "31/02/2024"]',
    )
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    path = ws / "plan_2024.yaml"
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index('  working_days: ["04/05/2024", "31/02/2024"]')
    )
    gutter = f"{line + 1} | "
    assert r.err == (
        f"{path}:{line + 1}:32: lỗi [bad-date]: 'reporting.working_days[2]': ngày 31/02/2024 "
        "không có thật trên lịch: tháng 2/2024 chỉ có 29 ngày.\n"
        f'{gutter}  working_days: ["04/05/2024", "31/02/2024"]\n'
        f"{' ' * (len(gutter) + 31)}^\n"
        "\n"
        "1 lỗi, 0 cảnh báo.\n"
    )
    assert snapshot(ws) == before


def test_every_problem_is_reported_in_one_run(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "plan_2024.yaml", '\n  preparer: "vp-tk"', '\n  preparer: "vp-tkk"')
    edit(ws / "plan_2024.yaml", 'timeframe: "Quý I"', 'timeframe: "Khi nào rảnh"')
    edit(ws / "indicators_2024.yaml", 'units: ["mot-cua"]', 'units: ["mot-cuaa"]')
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    found = {p["code"] for p in json.loads(r.out)["problems"]}
    assert {"unknown-unit", "bad-timeframe"} <= found
    files = {Path(p["file"]).name for p in json.loads(r.out)["problems"]}
    assert {"plan_2024.yaml", "indicators_2024.yaml"} <= files


def test_unknown_key_error_shows_source_line_and_caret(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "plan_2024.yaml", '\n  preparer: "vp-tk"', '\n  prepare: "vp-tk"')
    r = cli("check", "--data", str(ws))
    lines = r.err.splitlines()
    i = next(i for i, line in enumerate(lines) if "[unknown-key]" in line)
    assert lines[i + 1].endswith('prepare: "vp-tk"')
    assert lines[i + 2].strip() == "^"
    assert lines[i + 2].index("^") == lines[i + 1].index("prepare")
    assert "Có phải ý bạn là 'preparer'?" in lines[i + 3]


def test_indicator_target_written_naturally(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "indicators_2024.yaml", "      value: 50", "      value: >= 50%")
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert "indicators_2024.yaml:" in r.err
    assert "ngoặc kép" in r.err
    assert snapshot(ws) == before


def test_ids_stay_text_even_unquoted(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "indicators_2024.yaml", 'id: "11.3"', "id: 11.3")
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["indicators"][-1]["id"] == "11.3"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file-empty"),
        (b'year: 2024\ntitle: "K', "yaml-syntax"),
        ("year: 2024\ntitle: Hương\n".encode("cp1258"), "encoding"),
        (b"- just\n- a list\n", "not-a-mapping"),
    ],
)
def test_broken_indicator_file(cli, ws: Path, content: bytes, code: str) -> None:  # type: ignore[no-untyped-def]
    (ws / "indicators_2024.yaml").write_bytes(content)
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert f"[{code}]" in r.err
    assert "indicators_2024.yaml" in r.err
    assert snapshot(ws) == before


def test_bom_file_is_accepted(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "plan_2024.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    r = cli("check", "--data", str(ws))
    assert r.code == 0, r.err


def test_alias_bomb_in_a_plan(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    (ws / "indicators_2024.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert "[yaml-too-large]" in r.err


def test_missing_file(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    (ws / "indicators_2024.yaml").unlink()
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert "[file-missing]" in r.err
    assert "indicators_2024.yaml" in r.err


def test_folder_given_as_file(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    (ws / "indicators_2024.yaml").unlink()
    (ws / "indicators_2024.yaml").mkdir()
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert "[file-is-folder]" in r.err


def test_data_that_is_a_file_or_missing_is_a_command_line_error(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "--data", str(ws / "plan_2024.yaml"))
    assert r.code == 2
    assert "không phải thư mục" in r.err
    r = cli("check", "--data", str(ws / "none"))
    assert r.code == 2
    assert "Không tìm thấy thư mục" in r.err


def test_bad_command_line_exits_2(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "--data", str(ws), "--jsn")
    assert r.code == 2
    assert "Không có tùy chọn '--jsn'" in r.err
    r = cli("chek")
    assert r.code == 2
    assert "Không có lệnh 'chek'" in r.err


def test_actuals_errors_are_located(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        tasks:
          - task: "99"
            date: "2024-03-01"
          - task: "20"
            date: "2024-03-01"
          - task: "1"
            period: "Q2"
            date: "2024-03-01"
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 90
            denominator: 80
          - indicator: "3"
            period: "quý 1"
            numerator: -1
            denominator: 80
          - indicator: "10"
            period: "Q1"
            value: 120
          - indicator: "4"
            period: "Q7"
            numerator: 1
            denominator: 2
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    problems = json.loads(r.out)["problems"]
    found = {(p["code"], p["line"]) for p in problems}
    assert found >= {
        ("unknown-task", 3),
        ("period-required", 5),
        ("bad-period", 8),
        ("numerator-above-denominator", 13),
        ("negative", 17),
        ("out-of-range", 21),
        ("bad-period", 23),
    }


def test_late_december_activity_is_flagged(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "3"
            date: "2024-12-20"
          - task: "3"
            date: "2024-12-10"
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    found = [(p["code"], p["line"]) for p in json.loads(r.out)["problems"]]
    # the year's closing reports show it (after the cut-off) when made on 20/12 or later; made
    # on their due date (17/12) none does
    assert ("unreported-completion", 3) in found
    assert ("outside-reporting-windows", 3) not in found
    assert not [line for _, line in found if line == 5]


def _plan_for(ws: Path, year: int) -> None:
    """The shipped plan and indicators copied to ``year`` as they stand (as an officer might)."""
    for name in ("plan", "indicators"):
        text = (ws / f"{name}_2024.yaml").read_text(encoding="utf-8")
        (ws / f"{name}_{year}.yaml").write_text(
            text.replace("year: 2024", f"year: {year}"), encoding="utf-8"
        )


def test_a_district_named_after_the_2025_reorganisation_is_flagged(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    _plan_for(ws, 2026)
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--year", "2026", "--json")
    assert r.code == 0  # a warning: the officer decides
    plan = (ws / "plan_2026.yaml").read_text(encoding="utf-8").splitlines()
    flagged = {
        plan[p["line"] - 1].strip()
        for p in json.loads(r.out)["problems"]
        if p["code"] == "district-after-2025"
    }
    assert flagged == {
        'parent_body: "Ủy ban nhân dân huyện Trà Bồng"',
        'recipient: "Văn phòng UBND huyện Trà Bồng"',
        '- "Văn phòng UBND huyện (KSTTHC)"',
    }
    assert snapshot(ws) == before

    r = cli("check", "--data", str(ws), "--year", "2026")
    assert "Từ 01/07/2025 không còn cấp huyện" in r.err
    assert "kế hoạch năm 2026 còn ghi 'Văn phòng UBND huyện Trà Bồng'" in r.err


@pytest.mark.parametrize("year", [2024, 2025])
def test_districts_are_fine_before_2026(cli, ws: Path, year: int) -> None:  # type: ignore[no-untyped-def]
    if year != 2024:
        _plan_for(ws, year)
    r = cli("check", "--data", str(ws), "--year", str(year), "--json")
    assert r.code == 0
    assert "district-after-2025" not in {p["code"] for p in json.loads(r.out)["problems"]}


def test_a_province_recipient_is_not_flagged(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    _plan_for(ws, 2026)
    plan = ws / "plan_2026.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('parent_body: "Ủy ban nhân dân huyện Trà Bồng"\n', "")
    text = text.replace("Văn phòng UBND huyện Trà Bồng", "Văn phòng UBND tỉnh Quảng Ngãi")
    text = text.replace("Văn phòng UBND huyện (KSTTHC)", "Văn phòng UBND tỉnh (KSTTHC)")
    plan.write_text(text, encoding="utf-8")
    r = cli("check", "--data", str(ws), "--year", "2026", "--json")
    assert r.code == 0
    assert "district-after-2025" not in {p["code"] for p in json.loads(r.out)["problems"]}


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("Văn phòng UBND huyện Trà Bồng", True),
        ("ỦY BAN NHÂN DÂN HUYỆN TRÀ BỒNG", True),
        ("UBND quận Hải Châu", True),
        ("UBND thị xã Đức Phổ", True),
        ("Văn phòng UBND tỉnh Quảng Ngãi", False),
        ("UBND thành phố Huế", False),  # a city may be a province in its own right
        ("Bà Nguyễn Thị Huyền", False),
        ("Thường trực HĐND xã", False),
    ],
)
def test_names_district(text: str, district: bool) -> None:
    from kstthc_cli.rules.validate import names_district

    assert names_district(text) is district


TARGET_1_BLOCK = 'target:\n      text: "Tối thiểu 80"\n      op: ">="\n      value: 80'
TARGET_2_BLOCK = 'target:\n      text: "Tối thiểu 45"\n      op: ">="\n      value: 45'


@pytest.mark.parametrize(
    ("written", "op", "value"),
    [
        ('">= 80%"', ">=", 80),
        ('"≥ 80 %"', ">=", 80),
        ('"Tối thiểu 80%"', ">=", 80),
        ('"Ít nhất 90%"', ">=", 90),
        ('"Không quá 5"', "<=", 5),
        ('"Đạt 100%"', ">=", 100),
        ('"> 50"', ">", 50),
        ("100", ">=", 100),
    ],
)
def test_a_target_written_on_one_line_as_check_advises(  # type: ignore[no-untyped-def]
    cli, ws: Path, written: str, op: str, value: float
) -> None:
    edit(ws / "indicators_2024.yaml", TARGET_1_BLOCK, f"target: {written}")
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01")
    assert r.code == 0, r.err
    assert "0 lỗi" in r.out
    r = cli("targets", "--data", str(ws), "--as-of", "2024-05-01", "--json")
    assert r.code == 0, r.err
    first = json.loads(r.out)["targets"][0]
    assert (first["id"], first["central"]["op"], first["central"]["value"]) == ("1", op, value)


def test_the_quoting_advice_leads_to_a_valid_file(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "indicators_2024.yaml", TARGET_1_BLOCK, "target: >= 80%")
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01")
    assert r.code == 1
    advice = 'target: ">= 80%"'
    assert advice in r.err
    edit(ws / "indicators_2024.yaml", "target: >= 80%", advice)  # doing what it says
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01")
    assert r.code == 0, r.err


def test_a_target_that_cannot_be_read(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "indicators_2024.yaml", TARGET_2_BLOCK, 'target: "khoảng bốn lăm"')
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01", "--json")
    assert r.code == 1
    (problem,) = [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    lines = (ws / "indicators_2024.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem["line"] - 1].strip() == 'target: "khoảng bốn lăm"'
    assert "Không đọc được chỉ tiêu 'khoảng bốn lăm'" in problem["message"]
    assert '"Tối thiểu 80%"' in problem["hint"]
    assert "value: 80" in problem["hint"]  # and the block form
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01")
    assert r.code == 1
    assert "indicators_2024.yaml:" in r.err
    assert "Traceback" not in r.err + r.out
    assert snapshot(ws) == before


def test_counts_with_thousands_separators_are_refused(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 1.000
            denominator: "2,000"
          - indicator: "3"
            period: "Q2"
            numerator: 40.0
            denominator: 80
          - indicator: "4"
            period: "Q1"
            numerator: 40
            denominator: 1,000
          - indicator: "1"
            period: "Q1"
            numerator: 40
            denominator: 80
          - indicator: "10"
            period: "Q1"
            value: 92.5
        """,
    )
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01", "--json")
    assert r.code == 1
    errors = [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    assert {(p["line"], p["column"]) for p in errors} == {(4, 16), (5, 18), (8, 16), (13, 18)}
    by_line = {p["line"]: p for p in errors}
    assert by_line[4]["message"] == (
        "'indicators[1].numerator': Số đếm phải là số nguyên viết liền, "
        "không có dấu chấm hay phẩy: '1.000'."
    )
    assert "viết liền: 1000" in by_line[4]["hint"]
    assert "'2,000'" in by_line[5]["message"]
    assert "'40.0'" in by_line[8]["message"]
    assert "'1,000'" in by_line[13]["message"]
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01")
    assert "actuals_2024.yaml:4:16: lỗi [bad-value]" in r.err
    assert "Traceback" not in r.err + r.out
    assert snapshot(ws) == before


def test_a_missing_closing_quote_is_pointed_at(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "indicators_2024.yaml", 'text: "Tối thiểu 80"', 'text: "Tối thiểu 80')
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01", "--json")
    assert r.code == 1
    (problem,) = json.loads(r.out)["problems"]
    lines = (ws / "indicators_2024.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem["line"] - 1].strip() == 'text: "Tối thiểu 80'
    assert problem["code"] == "yaml-syntax"
    assert f"Dòng {problem['line']} thiếu dấu ngoặc kép" in problem["message"]
    assert "đoạn văn nhiều dòng" not in problem["message"]
    assert snapshot(ws) == before


def test_a_misspelled_key_does_not_hide_the_other_problems(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Every problem at once: an unknown key used to stop the rules that look across files."""
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('  preparer: "vp-tk"', '  preparer: "vp-tk"\n  prepare: "vp-tk"', 1)
    plan.write_text(text.replace('timeframe: "Quý I"', 'timeframe: "Quý 5"', 1), encoding="utf-8")
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 300
            denominator: 40
        """,
    )
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    codes = {p["code"] for p in json.loads(r.out)["problems"]}
    assert {"unknown-key", "bad-timeframe", "numerator-above-denominator"} <= codes
    assert "basis-after-decision" in codes  # and the warnings too
    assert snapshot(ws) == before
    assert cli("status", "--data", str(ws), "--as-of", "2024-04-20").code == 1


def test_a_misspelled_required_key_does_not_hide_the_other_problems(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8").replace("    content: ", "    contnet: ", 1)
    plan.write_text(text.replace('timeframe: "Quý I"', 'timeframe: "Quý 5"', 1), encoding="utf-8")
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    codes = [p["code"] for p in json.loads(r.out)["problems"]]
    assert {"missing-key", "unknown-key", "bad-timeframe", "basis-after-decision"} <= set(codes)


def test_a_bad_optional_value_does_not_hide_the_other_problems(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """An impossible decision date and a bad baseline are errors of their own; the files are
    still read without them, so the rules across files find the bad records in the same run,
    and "no decision date" is not said beside "impossible decision date"."""
    plan = ws / "plan_2024.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('  date: "2023-03-06"', '  date: "2024-02-30"', 1),
        encoding="utf-8",
    )
    indicators = ws / "indicators_2024.yaml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace("baseline: null", "baseline: abc", 1),
        encoding="utf-8",
    )
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "99"
            date: "2024-03-01"
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 300
            denominator: 40
        """,
    )
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    found = json.loads(r.out)["problems"]
    codes = [p["code"] for p in found]
    assert {"bad-date", "bad-value", "unknown-task", "numerator-above-denominator"} <= set(codes)
    assert "decision-incomplete" not in codes
    date_line = next(p["line"] for p in found if p["code"] == "bad-date")
    assert (
        sum(1 for p in found if p["line"] == date_line and p["file"].endswith("plan_2024.yaml"))
        == 1
    )
    assert snapshot(ws) == before
    assert cli("status", "--data", str(ws), "--as-of", "2024-04-20").code == 1


def test_a_bad_required_value_still_stops_the_rules_across_files(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Without a task's content the plan cannot be read on: the records are judged once it is
    fixed, rather than against a plan that seems to lack the task."""
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    first = text.index("    content: ")
    end = text.index("\n", first)
    plan.write_text(text[:first] + '    content: ""' + text[end:], encoding="utf-8")
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 300
            denominator: 40
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    codes = {p["code"] for p in json.loads(r.out)["problems"]}
    assert "bad-value" in codes
    assert "numerator-above-denominator" not in codes


def test_a_control_character_is_pointed_at_in_vietnamese(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plan_2024.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].rstrip("\n") + " # x\x01y\n"
    plan.write_text("".join(lines), encoding="utf-8")
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    (problem,) = [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    assert problem["code"] == "bad-character"
    assert problem["line"] == 5
    assert problem["column"] == len(lines[4].split("\x01")[0]) + 1
    assert "U+0001" in problem["message"]
    assert "control characters" not in problem["message"]
    assert snapshot(ws) == before


# ---------------------------------------------------------------- the rules record obeys too


def test_records_later_than_the_day_judged_are_warned_about(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """The rules ``record`` refuses by are ``check``'s too; in a file they only warn (the
    officer may have written ahead on purpose), and only as of the day judged."""
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "20"
            period: "Q4"
            date: "2024-06-01"
          - task: "1"
            period: "Q1"
            date: "2024-03-01"
        indicators:
          - indicator: "3"
            period: "Q4"
            numerator: 1
            denominator: 2
        """,
    )
    r = cli("check", "--data", str(ws), "--as-of", "2024-05-01", "--json")
    assert r.code == 0, r.err
    found = [
        (p["line"], p["code"], p["severity"], p["message"], p["hint"])
        for p in json.loads(r.out)["problems"]
        if p["file"].endswith("actuals_2024.yaml")
    ]
    began = "Kỳ Quý IV (từ 15/09/2024) chưa bắt đầu tính đến ngày 01/05/2024: chưa thể"
    assert found == [
        (3, "period-not-begun", "warning", f"{began} ghi việc của kỳ này.",
         "Kiểm tra kỳ (period), hoặc ngày xét."),
        (4, "after-as-of", "warning",
         "Ngày 01/06/2024 còn ở sau ngày xét 01/05/2024: chưa thể ghi là đã làm.",
         "Kiểm tra ngày thực hiện, hoặc ngày xét."),
        (6, "period-not-needed", "warning",
         "Nhiệm vụ 1 (Quý I) chỉ thực hiện một lần, không theo kỳ.",
         "Xóa dòng period của bản ghi."),
        (10, "period-not-begun", "warning", f"{began} có số liệu.",
         "Kiểm tra kỳ (period), hoặc ngày xét."),
    ]  # fmt: skip
    later = cli("check", "--data", str(ws), "--as-of", "2024-12-31", "--json")
    codes = {p["code"] for p in json.loads(later.out)["problems"] if "actuals" in p["file"]}
    assert codes == {"before-period", "period-not-needed"}  # the day no longer matters


def test_an_impossible_date_in_a_timeframe_is_an_error_at_its_line(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "plan_2024.yaml", 'timeframe: "Quý I"', 'timeframe: "Trước ngày 31/2"')
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    [p] = [p for p in json.loads(r.out)["problems"] if p["code"] == "bad-timeframe"]
    assert p["message"] == (
        "Không đọc được thời gian thực hiện 'Trước ngày 31/2' của nhiệm vụ 1: "
        "ngày 31/02 năm 2024 không có thật trên lịch."
    )
    assert p["hint"] == (
        "Tháng 2 năm 2024 có 29 ngày: sửa lại ngày theo văn bản gốc (ví dụ 'Trước ngày 29/02')."
    )
    line = (ws / "plan_2024.yaml").read_text(encoding="utf-8").splitlines()[p["line"] - 1]
    assert line.strip() == 'timeframe: "Trước ngày 31/2"'
    assert snapshot(ws) == before


def test_an_unread_timeframe_hints_at_the_nearest_wording(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "plan_2024.yaml", 'timeframe: "Quý I"', 'timeframe: "Hằng tuần"')
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    [p] = [p for p in json.loads(r.out)["problems"] if p["code"] == "bad-timeframe"]
    assert p["message"] == "Không đọc được thời gian thực hiện 'Hằng tuần' của nhiệm vụ 1."
    assert p["hint"] == (
        "Cách viết gần nhất kstthc hiểu: 'Hàng tháng'. Giữ nguyên lời văn và thêm "
        'schedule: ["Hàng tháng"] với cách viết đúng ý (xem README).'
    )


#: One real wording of each family (issue 13), in the shipped plan's 2024.
FAMILIES = [
    "Năm 2024",
    "Cả năm",
    "Cuối năm 2024",
    "Khi phát sinh",
    "Theo tiến độ của tỉnh",
    "Theo chỉ đạo của UBND tỉnh",
    "Đột xuất theo yêu cầu của UBND tỉnh",
    "Trong Quý I",
    "Trong tháng 3",
    "Từ tháng 3 đến tháng 6",
    "Quý I - Quý II/2024",
    "Quý I, II năm 2024",
    "Hằng quý, năm",
    "Định kỳ hằng quý, 6 tháng, năm",
    "Trước ngày 20 hằng tháng",
    "Trước ngày 20/3, 20/6, 20/9, 20/12",
    "9 tháng đầu năm",
    "6 tháng đầu năm",
]


def test_a_plan_written_with_every_wording_family_passes_check(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    import re

    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    wordings = iter(FAMILIES)
    text = re.sub(
        r'(?m)^( +)timeframe: "[^"]*"',
        lambda m: f'{m.group(1)}timeframe: "{next(wordings, "Thường xuyên")}"',
        text,
    )
    assert next(wordings, None) is None  # every family is in the plan
    plan.write_text(text, encoding="utf-8")
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0, r.out
    assert not [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    assert r.code == 0, r.err
    tasks = {t["id"]: t for t in json.loads(r.out)["tasks"]}
    span = tasks["11"]["occurrences"]  # "Quý I - Quý II/2024": one deliverable
    assert [(o["key"], o["due"]) for o in span] == [("Q2", "2024-06-30")]
