"""Reading the plan decision's Word file (``init --from-docx``): Word files built here with
python-docx from the shipped plan and from the seed decision's table as printed (its page-split
rows, repeated headers, merged cells, bullet lists), read back into the shipped plan's tasks and
indicators; what cannot be read is a located problem; the written YAML passes ``check``."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

import kstthc_cli
from kstthc_cli.load.models import Indicator, Task
from kstthc_cli.load.plan_docx import DocxDraft, DocxPlan, DraftIndicator, DraftTask
from kstthc_cli.problems import Problem
from kstthc_cli.write.draft import DraftHead, indicators_text, plan_text
from tests.docx_build import (
    HEADER_ROW,
    INDICATOR_HEADER,
    add_row,
    fill,
    merge_down,
    seed_docx,
    shipped_docx,
    small_docx,
)
from tests.support import SHIPPED

HEAD = DraftHead(
    year=2024,
    commune="Hương Trà",
    recipient="Văn phòng UBND huyện Trà Bồng",
    parent_body="Ủy ban nhân dân huyện Trà Bồng",
    signer="Hồ Minh Hiếu",
)
#: For Word files without the decision's heading: its number and date given as init's options.
GIVEN = dataclasses.replace(HEAD, decision_number="05/QĐ-UBND", decision_date=date(2024, 1, 15))

# ---------------------------------------------------------------- comparing


def task_of(t: Task) -> tuple[Any, ...]:
    return (
        t.id,
        t.content,
        tuple(t.outputs),
        t.responsibility,
        tuple(t.lead),
        tuple(t.support),
        tuple(t.monitor),
        t.timeframe,
    )


def draft_task(t: DraftTask) -> tuple[Any, ...]:
    return (
        t.id,
        t.content,
        t.outputs,
        t.responsibility,
        t.lead,
        t.support,
        t.monitor,
        t.timeframe,
    )


def indicator_of(i: Indicator) -> tuple[Any, ...]:
    target = (i.target.op, i.target.value)
    return (i.id, i.name, i.unit, i.target.text, target, i.responsibility, tuple(i.units))


def draft_indicator(i: DraftIndicator) -> tuple[Any, ...]:
    return (i.id, i.name, i.unit, i.target_text, i.target, i.responsibility, i.units)


def assert_is_the_shipped_plan(draft: DocxDraft) -> None:
    ws = kstthc_cli.open_workspace(data=SHIPPED, year=2024)
    assert [(s.id, s.title) for s in draft.sections] == [(s.id, s.title) for s in ws.plan.sections]
    assert [[t.id for t in s.tasks] for s in draft.sections] == [
        [t.id for t in s.tasks] for s in ws.plan.sections
    ]
    assert [draft_task(t) for t in draft.tasks()] == [task_of(t) for _, t in ws.plan.all_tasks()]
    assert [(u.id, u.name, u.to_confirm) for u in draft.units] == [
        (u.id, u.name, False) for u in ws.plan.units
    ]
    assert [draft_indicator(i) for i in draft.indicators] == [
        indicator_of(i) for i in ws.indicators.indicators
    ]
    assert [i.measure for i in draft.indicators] == [i.measure for i in ws.indicators.indicators]


def write_workspace(folder: Path, draft: DocxDraft, head: DraftHead = HEAD) -> Path:
    folder.mkdir()
    (folder / f"plan_{head.year}.yaml").write_text(plan_text(draft, head), encoding="utf-8")
    (folder / f"indicators_{head.year}.yaml").write_text(
        indicators_text(draft, year=head.year), encoding="utf-8"
    )
    return folder


def warned(problems: list[Problem]) -> list[tuple[str, str, str]]:
    """Each warning of ``check`` with the file it is in and the words of its line."""
    assert not any(p.is_error for p in problems)
    return [(Path(p.file).name, (p.source or "").strip(), p.message) for p in problems]


def _confirm(file: str, line: str, key: str) -> tuple[str, str, str]:
    return (file, line, f"{key} do kstthc init điền sẵn, chưa được xác nhận.")


TITLE = "Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn xã Hương Trà"


def head_warnings(preparer: str = "vp-tk", *, titled: bool = True) -> list[tuple[str, str, str]]:
    """What the head of a plan written from a Word file has to confirm: what kstthc filled in
    (and the plan's title when the file prints none)."""
    plan = "plan_2024.yaml"
    return [
        *([] if titled else [_confirm(plan, f'title: "{TITLE}"', "'title'")]),
        _confirm(plan, 'authority: "Chủ tịch Ủy ban nhân dân xã Hương Trà"',
                 "'decision.authority'"),
        _confirm(plan, 'recipient: "Văn phòng UBND huyện Trà Bồng"', "'reporting.recipient'"),
        _confirm(plan, f'preparer: "{preparer}"', "'reporting.preparer'"),
        _confirm(plan, "due_day: 17", "'reporting.due_day'"),
        _confirm(plan, 'signer: "Hồ Minh Hiếu"', "'reporting.signer'"),
        _confirm(plan, 'report_recipients: ["Như trên", "Lưu: VT"]',
                 "'reporting.report_recipients'"),
    ]  # fmt: skip


#: No appendix table in the Word file: the empty list of indicators is to confirm.
NO_INDICATORS = _confirm("indicators_2024.yaml", "indicators: []", "'indicators'")


def said(problems: tuple[Problem, ...] | list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.code, p.severity, p.message) for p in problems]


# ---------------------------------------------------------------- the shipped plan


def test_the_shipped_plan_read_back_from_word(tmp_path: Path) -> None:
    result = kstthc_cli.plan_from_docx(path=shipped_docx(tmp_path / "KẾ_HOẠCH.docx"))
    assert isinstance(result, DocxPlan)
    assert result.problems == ()
    assert_is_the_shipped_plan(result.draft)
    draft = result.draft
    assert (draft.title, draft.year, draft.commune) == (
        "Hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn xã Hương Trà",
        2024,
        "Hương Trà",
    )
    assert (draft.decision_number, draft.decision_date) == ("27/QĐ-UBND", date(2023, 3, 6))


def test_the_written_files_pass_check(tmp_path: Path) -> None:
    draft = kstthc_cli.plan_from_docx(path=shipped_docx(tmp_path / "k.docx")).draft
    data = write_workspace(tmp_path / "data", draft)
    assert warned(kstthc_cli.check(data=data, as_of=date(2024, 4, 20))) == head_warnings()
    ws = kstthc_cli.open_workspace(data=data, year=2024)
    shipped = kstthc_cli.open_workspace(data=SHIPPED, year=2024)
    assert [task_of(t) for _, t in ws.plan.all_tasks()] == [
        task_of(t) for _, t in shipped.plan.all_tasks()
    ]
    assert [indicator_of(i) for i in ws.indicators.indicators] == [
        indicator_of(i) for i in shipped.indicators.indicators
    ]
    assert ws.plan.title == shipped.plan.title
    assert (ws.plan.decision.number, ws.plan.decision.date) == ("27/QĐ-UBND", date(2023, 3, 6))


def test_status_works_on_the_written_files_at_once(tmp_path: Path, cli: Any) -> None:
    draft = kstthc_cli.plan_from_docx(path=shipped_docx(tmp_path / "k.docx")).draft
    data = write_workspace(tmp_path / "data", draft)
    ours = cli("status", "--json", "--data", str(data), "--as-of", "2024-04-20")
    assert (ours.code, ours.err) == (0, "")
    sample = cli("status", "--json", "--data", str(SHIPPED), "--as-of", "2024-04-20")
    # the same tasks, due dates and states as the sample plan the Word file was made from
    assert json.loads(ours.out)["tasks"] == json.loads(sample.out)["tasks"]
    assert json.loads(ours.out)["summary"] == json.loads(sample.out)["summary"]


# ---------------------------------------------------------------- the seed as printed


def test_the_seed_decision_as_printed_page_by_page(tmp_path: Path) -> None:
    result = kstthc_cli.plan_from_docx(path=seed_docx(tmp_path / "qd27.docx"))
    assert result.problems == ()
    assert_is_the_shipped_plan(result.draft)
    assert (result.draft.year, result.draft.decision_number) == (2024, "27/QĐ-UBND")


def test_the_seed_decision_as_one_table_with_a_row_merged_over_the_page(tmp_path: Path) -> None:
    path = seed_docx(tmp_path / "qd27.docx", one_table=True)
    tables = Document(str(path)).tables
    assert len(tables) == 2  # the plan's table and the appendix's, each one table
    result = kstthc_cli.plan_from_docx(path=path)
    assert result.problems == ()
    assert_is_the_shipped_plan(result.draft)


def test_page_split_rows_continue_the_cells_above(tmp_path: Path) -> None:
    draft = kstthc_cli.plan_from_docx(path=seed_docx(tmp_path / "qd27.docx")).draft
    tasks = {t.id: t for t in draft.tasks()}
    assert tasks["9"].content.startswith(
        "Rà soát, lựa chọn các TTHC chưa được thực hiện trực tuyến mức độ 3, mức độ 4, tham mưu"
    )
    assert tasks["9"].outputs == (
        "Văn bản triển khai thực hiện.",
        "Cập nhật và thực hiện tiếp nhận hồ sơ dịch vụ công trực tuyến mức độ 3, mức độ 4 "
        "trên Cổng dịch vụ công - Hệ thống thông tin một cửa điện tử tỉnh Quảng Ngãi",
    )
    assert "trên địa bàn tỉnh Quảng Ngãi" in tasks["14"].content
    assert (
        tasks["14"]
        .outputs[2]
        .endswith(
            "đang quản lý hoặc thông tin, giấy tờ, tài liệu đó "
            "được cơ quan nhà nước tích hợp sẵn sàng chia sẻ và "
            "đáp ứng được yêu cầu."
        )
    )
    assert "tỉnh Quảng Ngãi, Công văn số 2479/UBND-NC" in tasks["19"].content
    assert tasks["20"].timeframe == "Định kỳ 3 tháng/lần; Đột xuất theo thời điểm yêu cầu."
    three = next(i for i in draft.indicators if i.id == "3")
    assert three.name == "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC."


def test_the_seed_written_passes_check(tmp_path: Path) -> None:
    draft = kstthc_cli.plan_from_docx(path=seed_docx(tmp_path / "qd27.docx")).draft
    data = write_workspace(tmp_path / "data", draft)
    assert warned(kstthc_cli.check(data=data, as_of=date(2024, 4, 20))) == head_warnings()


# ---------------------------------------------------------------- cells and rows


def test_an_empty_cell_is_located_and_the_task_left_for_the_officer(tmp_path: Path) -> None:
    path = small_docx(
        tmp_path / "k.docx",
        [
            [["I"], ["Công bố, công khai TTHC"]],
            [["1"], ["Công khai TTHC."], ["- Niêm yết."], ["Bộ phận Một cửa xã"], ["Quý I"]],
            [["2"], ["Niêm yết TTHC."], [], ["Bộ phận Một cửa xã"], []],
        ],
    )
    result = kstthc_cli.plan_from_docx(path=path)
    assert said(result.problems) == [
        (
            "docx-no-indicator-table",
            "warning",
            "Không tìm thấy bảng chỉ tiêu của Phụ lục (có các cột Stt, Nội dung chỉ tiêu, "
            "Chỉ tiêu năm …).",
        ),
        (
            "docx-unread-cell",
            "error",
            "Bảng 1, dòng 4, cột 5: Nhiệm vụ 2: không đọc được ô Thời gian thực hiện (ô trống).",
        ),
    ]
    assert result.problems[1].file == str(path)
    assert result.problems[1].hint == (
        "Nhiệm vụ được để lại dưới dạng ghi chú (#) trong plan_NĂM.yaml: điền ô này theo bản "
        "in rồi bỏ dấu #."
    )
    text = plan_text(result.draft, HEAD)
    assert text.endswith(
        '        timeframe: "Quý I"\n'
        "      # CHƯA ĐỌC ĐƯỢC (nhiệm vụ 2, Bảng 1, dòng 4 của tệp Word): điền ô còn trống theo "
        "bản in, bỏ dấu #.\n"
        '      # - id: "2"\n'
        '      #   content: "Niêm yết TTHC."\n'
        '      #   responsibility: "Bộ phận Một cửa xã"\n'
        '      #   lead: ["mot-cua"]\n'
        '      #   timeframe: ""\n'
    )
    data = write_workspace(tmp_path / "data", result.draft, GIVEN)
    assert warned(kstthc_cli.check(data=data, as_of=date(2024, 4, 20))) == [
        NO_INDICATORS,
        *head_warnings("mot-cua", titled=False),
        (
            "plan_2024.yaml",
            "# CHƯA ĐỌC ĐƯỢC (nhiệm vụ 2, Bảng 1, dòng 4 của tệp Word): điền ô còn trống theo "
            "bản in, bỏ dấu #.",
            "Phần ghi chú dưới dòng CHƯA ĐỌC ĐƯỢC này kstthc init chưa đọc được từ tệp Word, "
            "nên chưa có trong dữ liệu.",
        ),
    ]
    ws = kstthc_cli.open_workspace(data=data, year=2024)
    assert [t.id for _, t in ws.plan.all_tasks()] == ["1"]


def test_no_plan_table(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("QUYẾT ĐỊNH")
    doc.add_table(rows=2, cols=2).cell(0, 0).text = "Nơi nhận:"
    doc.save(str(tmp_path / "k.docx"))
    result = kstthc_cli.plan_from_docx(path=tmp_path / "k.docx")
    assert said(result.problems) == [
        (
            "docx-no-plan-table",
            "error",
            "Không tìm thấy bảng kế hoạch (có các cột STT, Nội dung công việc, Kết quả công "
            "việc, Cơ quan, đơn vị thực hiện, Thời gian thực hiện).",
        ),
        (
            "docx-no-indicator-table",
            "warning",
            "Không tìm thấy bảng chỉ tiêu của Phụ lục (có các cột Stt, Nội dung chỉ tiêu, "
            "Chỉ tiêu năm …).",
        ),
    ]
    assert result.draft.sections == ()
    with pytest.raises(ValueError, match="at least one section"):
        plan_text(result.draft, HEAD)


def test_not_a_word_file_and_no_file(tmp_path: Path) -> None:
    bad = tmp_path / "k.docx"
    bad.write_bytes(b"{\\rtf1 not a docx}")
    assert said(kstthc_cli.plan_from_docx(path=bad).problems) == [
        ("docx-unreadable", "error", "Không mở được tệp này như một tệp Word (.docx).")
    ]
    assert said(kstthc_cli.plan_from_docx(path=tmp_path / "none.docx").problems) == [
        ("file-missing", "error", "Không có tệp Word này.")
    ]
    assert said(kstthc_cli.plan_from_docx(path=tmp_path).problems) == [
        ("file-is-folder", "error", "Đây là một thư mục, không phải tệp YAML.")
    ]


def test_a_row_that_is_neither_section_nor_task(tmp_path: Path) -> None:
    path = small_docx(
        tmp_path / "k.docx",
        [
            [["I"], ["Công bố"]],
            [["a"], ["Ghi chú của người soạn"], [], [], []],
            [["1"], ["Công khai TTHC."], [], ["Bộ phận Một cửa xã"], ["Thường xuyên"]],
        ],
    )
    problems = kstthc_cli.plan_from_docx(path=path).problems
    assert said(problems)[0] == (
        "docx-unread-row",
        "warning",
        "Bảng 1, dòng 3, cột 1: Không hiểu dòng này của bảng kế hoạch (STT 'a'): "
        "'a | Ghi chú của người soạn'.",
    )


def test_an_unknown_unit_becomes_a_unit_to_confirm(tmp_path: Path) -> None:
    path = small_docx(
        tmp_path / "k.docx",
        [
            [["I"], ["Kiểm tra"]],
            [
                ["1"],
                ["Kiểm tra việc niêm yết."],
                ["Thông báo kết luận."],
                ["- Văn phòng – Thống kê xã chủ trì;", "- Công an xã phối hợp."],
                ["Quý II"],
            ],
            [["2"], ["Tuyên truyền."], [], ["Công an xã, Hội Nông dân xã"], ["Thường xuyên"]],
        ],
    )
    result = kstthc_cli.plan_from_docx(path=path)
    assert said(result.problems)[1:] == [
        (
            "unit-to-confirm",
            "warning",
            "Bảng 1, dòng 3, cột 4: Đơn vị 'Công an xã' không có trong danh sách đơn vị đã biết; "
            "đã thêm đơn vị mới mã 'cong-an-xa'.",
        ),
        (
            "unit-to-confirm",
            "warning",
            "Bảng 1, dòng 4, cột 4: Đơn vị 'Hội Nông dân xã' không có trong danh sách đơn vị đã "
            "biết; đã thêm đơn vị mới mã 'hoi-nong-dan-xa'.",
        ),
    ]
    draft = result.draft
    assert [(u.id, u.name, u.to_confirm) for u in draft.units] == [
        ("vp-tk", "Văn phòng – Thống kê xã", False),
        ("cong-an-xa", "Công an xã", True),
        ("hoi-nong-dan-xa", "Hội Nông dân xã", True),
    ]
    one, two = draft.tasks()
    assert (one.lead, one.support, two.lead) == (
        ("vp-tk",),
        ("cong-an-xa",),
        ("cong-an-xa", "hoi-nong-dan-xa"),
    )
    assert one.responsibility == "- Văn phòng – Thống kê xã chủ trì; - Công an xã phối hợp."
    text = plan_text(draft, HEAD)
    assert (
        '  - id: "cong-an-xa"\n'
        "    # Đơn vị mới (đọc từ Bảng 1, dòng 3, cột 4): sửa tên cho đúng (đổi mã thì đổi cả ở "
        "các nhiệm vụ).\n"
        '    to_confirm: ["name"]\n'
        '    name: "Công an xã"\n'
    ) in text
    data = write_workspace(tmp_path / "data", draft, GIVEN)
    assert warned(kstthc_cli.check(data=data, as_of=date(2024, 4, 20))) == [
        NO_INDICATORS,
        *head_warnings(titled=False),
        _confirm("plan_2024.yaml", 'name: "Công an xã"', "'name' của đơn vị cong-an-xa"),
        _confirm("plan_2024.yaml", 'name: "Hội Nông dân xã"', "'name' của đơn vị hoi-nong-dan-xa"),
    ]


def test_lead_and_support_in_two_columns_and_a_cell_merged_down(tmp_path: Path) -> None:
    header = ["TT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
    doc = Document()
    table = doc.add_table(rows=0, cols=6)
    add_row(table, [[w] for w in header])
    add_row(table, [["I"], ["Rà soát TTHC"]], merge_from=1)
    add_row(
        table,
        [
            ["1"],
            ["Rà soát."],
            ["+ Báo cáo;", "+ Phương án."],
            ["Bộ phận Một cửa xã"],
            ["Các ban, ngành"],
            ["Quý II"],
        ],
    )
    add_row(table, [["2"], ["Đánh giá."], [], [], ["Các ban, ngành"], ["Quý III"]])
    merge_down(table, 2, 3)  # both tasks led by the one-stop unit: one cell over two rows
    doc.save(str(tmp_path / "k.docx"))
    result = kstthc_cli.plan_from_docx(path=tmp_path / "k.docx")
    assert [p.code for p in result.problems] == ["docx-no-indicator-table"]
    one, two = result.draft.tasks()
    assert (one.outputs, one.lead, one.support) == (
        ("Báo cáo;", "Phương án."),
        ("mot-cua",),
        ("ban-nganh",),
    )
    assert (two.lead, two.support, two.timeframe) == (("mot-cua",), ("ban-nganh",), "Quý III")
    assert one.responsibility == "Bộ phận Một cửa xã; Các ban, ngành"


# ---------------------------------------------------------------- targets as worded


def test_targets_as_worded(tmp_path: Path) -> None:
    doc = Document()
    plan = doc.add_table(rows=0, cols=5)
    add_row(plan, HEADER_ROW)
    add_row(plan, [["I"], ["Công bố"]], merge_from=1)
    add_row(plan, [["1"], ["Công khai."], [], ["Bộ phận Một cửa xã"], ["Thường xuyên"]])
    table = doc.add_table(rows=0, cols=5)
    add_row(table, [[w] for w in INDICATOR_HEADER])
    add_row(table, [["1"], ["Tỷ lệ A."], ["%"], ["100%"], ["Bộ phận Một cửa xã."]])
    add_row(table, [["2"], ["Tỷ lệ B."], ["%"], ["Tối thiểu 80%"], ["Bộ phận Một cửa xã."]])
    add_row(table, [["3"], ["Tỷ lệ C."], ["%"], ["≥ 50%"], ["Các ban, ngành"]])
    add_row(table, [["4"], ["Mức độ hài lòng."], ["%"], ["Tăng 10% so với năm trước"], []])
    add_row(table, [["5"], ["Tỷ lệ D."], ["%"], [], []])
    doc.save(str(tmp_path / "k.docx"))
    result = kstthc_cli.plan_from_docx(path=tmp_path / "k.docx")
    assert [(i.id, i.target_text, i.target, i.measure) for i in result.draft.indicators] == [
        ("1", "100%", (">=", 100.0), "ratio"),
        ("2", "Tối thiểu 80%", (">=", 80.0), "ratio"),
        ("3", "≥ 50%", (">=", 50.0), "ratio"),
        ("4", "Tăng 10% so với năm trước", None, "value"),
        ("5", "", None, "ratio"),
    ]
    assert said(result.problems) == [
        (
            "target-to-confirm",
            "warning",
            "Bảng 2, dòng 5, cột 4: Chỉ tiêu 4: chỉ tiêu 'Tăng 10% so với năm trước' giữ nguyên "
            "lời văn, kstthc chưa tính được con số để so sánh.",
        ),
        (
            "docx-unread-cell",
            "error",
            "Bảng 2, dòng 6, cột 1: Chỉ tiêu 5: không đọc được ô Chỉ tiêu năm (ô trống).",
        ),
    ]
    text = indicators_text(result.draft, year=2024)
    assert (
        '      text: "Tăng 10% so với năm trước"\n'
        '      op: ">="\n'
        "      # Chỉ tiêu ghi bằng lời: ghi con số (value) theo lời văn trên; tới khi đó là 0.\n"
        '      to_confirm: ["value"]\n'
        "      value: 0\n"
    ) in text
    assert text.endswith(
        "  # CHƯA ĐỌC ĐƯỢC (chỉ tiêu 5, Bảng 2, dòng 6 của tệp Word): điền ô còn trống theo bản "
        "in, bỏ dấu #.\n"
        '  # - id: "5"\n'
        '  #   name: "Tỷ lệ D."\n'
        '  #   unit: "%"\n'
        "  #   target:\n"
        '  #     text: ""\n'
        '  #     op: ">="\n'
        "  #     value: 0\n"
        "  #   units: []\n"
        '  #   measure: "ratio"\n'
        "  #   baseline: null\n"
    )
    data = write_workspace(tmp_path / "data", result.draft, GIVEN)
    assert warned(kstthc_cli.check(data=data, as_of=date(2024, 4, 20))) == [
        _confirm("indicators_2024.yaml", "value: 0", "'target.value' của chỉ tiêu 4"),
        (
            "indicators_2024.yaml",
            "# CHƯA ĐỌC ĐƯỢC (chỉ tiêu 5, Bảng 2, dòng 6 của tệp Word): điền ô còn trống theo "
            "bản in, bỏ dấu #.",
            "Phần ghi chú dưới dòng CHƯA ĐỌC ĐƯỢC này kstthc init chưa đọc được từ tệp Word, "
            "nên chưa có trong dữ liệu.",
        ),
        *head_warnings("ban-nganh", titled=False),
    ]
    ws = kstthc_cli.open_workspace(data=data, year=2024)
    assert [(i.id, i.target.text, i.target.value) for i in ws.indicators.indicators] == [
        ("1", "100%", 100),
        ("2", "Tối thiểu 80%", 80),
        ("3", "≥ 50%", 50),
        ("4", "Tăng 10% so với năm trước", 0),
    ]


def test_officer_text_that_looks_like_yaml_comes_back_exactly(tmp_path: Path) -> None:
    content = 'Niêm yết: "TTHC" # mới; 100% > 50%, \\ hết'
    path = small_docx(
        tmp_path / "k.docx",
        [
            [["I"], ["Mục: một # hai"]],
            [["1"], [content], ["- a: b", "- [c]"], ["Bộ phận Một cửa xã"], ["Quý I"]],
        ],
    )
    draft = kstthc_cli.plan_from_docx(path=path).draft
    data = write_workspace(tmp_path / "data", draft, GIVEN)
    assert warned(kstthc_cli.check(data=data, as_of=date(2024, 4, 20))) == [
        NO_INDICATORS,
        *head_warnings("mot-cua", titled=False),
    ]
    ws = kstthc_cli.open_workspace(data=data, year=2024)
    section, task = ws.plan.all_tasks()[0]
    assert (section.title, task.content, task.outputs) == (
        "Mục: một # hai",
        content,
        ["a: b", "[c]"],
    )


def test_control_and_invisible_characters_are_dropped(tmp_path: Path) -> None:
    path = small_docx(
        tmp_path / "k.docx",
        [
            [["I"], ["Công\u200b bố"]],
            [["1"], ["Công\u00a0khai\u00ad TTHC."], [], ["Bộ phận Một cửa xã"], ["Quý I"]],
        ],
    )
    draft = kstthc_cli.plan_from_docx(path=path).draft
    assert (draft.sections[0].title, draft.tasks()[0].content) == ("Công bố", "Công khai TTHC.")


def test_a_bullet_made_by_word_numbering_is_an_item(tmp_path: Path) -> None:
    """A list whose bullets Word draws (numPr), with no dash in the text."""
    doc = Document()
    table = doc.add_table(rows=0, cols=5)
    add_row(table, HEADER_ROW)
    add_row(table, [["I"], ["Công bố"]], merge_from=1)
    row = add_row(table, [["1"], ["Công khai."], [], ["Bộ phận Một cửa xã"], ["Quý I"]])
    fill(row.cells[2], ["Niêm yết", "Đăng tải"])
    for paragraph in row.cells[2].paragraphs:
        props = paragraph._p.get_or_add_pPr()
        num = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            num.append(el)
        props.append(num)
    doc.save(str(tmp_path / "k.docx"))
    draft = kstthc_cli.plan_from_docx(path=tmp_path / "k.docx").draft
    assert draft.tasks()[0].outputs == ("Niêm yết", "Đăng tải")


def test_a_word_file_that_unpacks_too_large_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kstthc_cli.load import plan_docx

    path = shipped_docx(tmp_path / "k.docx")
    monkeypatch.setattr(plan_docx, "MAX_UNPACKED_BYTES", 1000)
    result = kstthc_cli.plan_from_docx(path=path)
    assert said(result.problems) == [
        ("file-too-large", "error", "Tệp Word này giải nén ra quá lớn; kstthc không đọc.")
    ]
    assert not result.usable


def test_cells_merged_across_a_task_row_are_read_once(tmp_path: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=0, cols=5)
    add_row(table, HEADER_ROW)
    add_row(table, [["I"], ["Công bố"]], merge_from=1)
    row = add_row(table, [["1"], ["Công khai."], ["Bộ phận Một cửa xã"], [], ["Quý I"]])
    row.cells[2].merge(row.cells[3])  # "Kết quả" and "Cơ quan" written as one cell
    doc.save(str(tmp_path / "k.docx"))
    result = kstthc_cli.plan_from_docx(path=tmp_path / "k.docx")
    task = result.draft.tasks()[0]
    assert (task.outputs, task.responsibility, task.lead) == (("Bộ phận Một cửa xã",), "", ())
    assert said(result.problems)[1] == (
        "docx-unread-cell",
        "error",
        "Bảng 1, dòng 3, cột 4: Nhiệm vụ 1: không đọc được ô Cơ quan, đơn vị thực hiện (ô trống).",
    )
    assert result.usable is False


def test_a_two_row_header_with_lead_and_support_under_one_heading(tmp_path: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=0, cols=6)
    add_row(table, [["STT"], ["Nội dung"], ["Kết quả"], ["Đơn vị thực hiện"], [], ["Thời gian"]])
    add_row(table, [[], [], [], ["Chủ trì"], ["Phối hợp"], []])
    table.rows[0].cells[3].merge(table.rows[0].cells[4])
    for column in (0, 1, 2, 5):
        merge_down(table, 0, column)
    add_row(table, [["I"], ["Rà soát TTHC"]], merge_from=1)
    add_row(
        table,
        [["1"], ["Rà soát."], [], ["Công chức chuyên môn"], ["Văn phòng – Thống kê"], ["Quý II"]],
    )
    doc.save(str(tmp_path / "k.docx"))
    result = kstthc_cli.plan_from_docx(path=tmp_path / "k.docx")
    assert [p.code for p in result.problems] == ["docx-no-indicator-table"]
    task = result.draft.tasks()[0]
    assert (task.lead, task.support, task.timeframe) == (("cong-chuc",), ("vp-tk",), "Quý II")


def test_what_the_reader_made_up_is_marked_to_confirm(tmp_path: Path) -> None:
    """A task before the first section (put in a section 0), a section without a title (its
    number is its title): each is a value ``check`` warns about until confirmed."""
    path = small_docx(
        tmp_path / "k.docx",
        [
            [["1"], ["Công khai."], [], ["Bộ phận Một cửa xã"], ["Quý I"]],
            [["II"], []],
            [["2"], ["Niêm yết."], [], ["Bộ phận Một cửa xã"], ["Quý II"]],
        ],
    )
    result = kstthc_cli.plan_from_docx(path=path)
    assert [(s.id, s.title, s.to_confirm, s.why) for s in result.draft.sections] == [
        ("0", "Nhiệm vụ chung", ("id", "title"), "nhiệm vụ đứng trước mục đầu tiên của bảng"),
        ("II", "", ("title",), "bảng không ghi tên mục"),
    ]
    text = plan_text(result.draft, HEAD)
    assert (
        "sections:\n"
        '  - id: "0"\n'
        '    to_confirm: ["id", "title"]  # nhiệm vụ đứng trước mục đầu tiên của bảng\n'
        '    title: "Nhiệm vụ chung"\n'
    ) in text
    assert (
        '  - id: "II"\n    to_confirm: ["title"]  # bảng không ghi tên mục\n    title: "II"\n'
    ) in text
    data = write_workspace(tmp_path / "data", result.draft, GIVEN)
    assert warned(kstthc_cli.check(data=data, as_of=date(2024, 4, 20))) == [
        NO_INDICATORS,
        *head_warnings("mot-cua", titled=False),
        _confirm("plan_2024.yaml", '- id: "0"', "'id' của mục 0"),
        _confirm("plan_2024.yaml", 'title: "Nhiệm vụ chung"', "'title' của mục 0"),
        _confirm("plan_2024.yaml", 'title: "II"', "'title' của mục II"),
    ]
