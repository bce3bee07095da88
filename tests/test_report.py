"""``kstthc report``: the report's content (core), its Markdown (golden file), the command line.

The golden file ``tests/golden/report_q2_2024.md`` is the Markdown report of the shipped plan with
the records of ``q2_records`` as of 15/06/2024. After a deliberate change to the report, rewrite
it and review the diff before committing:

    KSTTHC_UPDATE_GOLDEN=1 python -m pytest tests/test_report.py
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from kstthc_cli.compute.evaluate import evaluate_year
from kstthc_cli.compute.report import (
    HEADINGS,
    SUBJECT,
    build_report,
    place_date,
    recipients_lines,
)
from kstthc_cli.load.workspace import open_workspace
from tests.support import snapshot, write

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KSTTHC_UPDATE_GOLDEN") == "1"

SECTION_TITLES = (
    "Ban hành văn bản quản lý nhà nước về kiểm soát thủ tục hành chính (TTHC)",
    "Công bố, công khai TTHC",
    "Rà soát, đơn giản hóa TTHC",
    "Tiếp nhận và xử lý phản ánh, kiến nghị về TTHC",
    "Tổ chức thực hiện cơ chế một cửa, một cửa liên thông",
    "Thực hiện TTHC trên môi trường điện tử",
    "Kiểm tra công tác kiểm soát TTHC và việc thực hiện cơ chế một cửa, một cửa liên thông",
    "Truyền thông về công tác kiểm soát TTHC",
    "Thực hiện trách nhiệm của người đứng đầu cơ quan nhà nước trong công tác cải cách TTHC",
    "Công tác thông tin, báo cáo",
)


def q2_records(ws: Path) -> Path:
    """Records up to mid-June 2024: indicator 3 is 40/80 in Q1 and 90/120 in Q2."""
    return write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        tasks:
          - task: "1"
            date: "2024-03-12"
            evidence: "Quyết định số 12/QĐ-UBND ngày 12/03/2024"
          - task: "3"
            date: "2024-04-20"
            evidence: "Niêm yết 45 TTHC tại Bộ phận Một cửa"
            note: "đã cập nhật danh mục TTHC mới công bố của tỉnh"
          - task: "3"
            date: "2024-05-27"
            evidence: "Đăng tải 12 TTHC trên Cổng thông tin điện tử xã"
          - task: "20"
            period: "Q1"
            date: "2024-03-18"
            evidence: "Báo cáo số 15/BC-UBND ngày 18/3/2024"
          - task: "10"
            period: "Q2"
            status: "in-progress"
            date: "2024-06-10"
            note: "đang tổng hợp phiếu đánh giá"
          - task: "17"
            date: "2024-06-20"
            evidence: "Biên bản tự kiểm tra ghi sau ngày xét"
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 40
            denominator: 80
          - indicator: "3"
            period: "Q2"
            numerator: 90
            denominator: 120
            note: "Tăng nhờ hướng dẫn người dân nộp hồ sơ trực tuyến"
          - indicator: "1"
            period: "Q2"
            numerator: 30
            denominator: 50
          - indicator: "10"
            period: "Q2"
            value: 92.5
        """,
    )


def report_md(cli, ws: Path, period: str, *extra: str) -> str:  # type: ignore[no-untyped-def]
    r = cli("report", period, "--data", str(ws), *extra)
    assert r.code == 0, r.err
    return str(r.out)


def row(text: str, indicator: str) -> list[str]:
    """The cells of an indicator's row in the Markdown table."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == indicator:
            return cells
    raise AssertionError(f"no row for indicator {indicator}")


# ---------------------------------------------------------------- words and dates


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 1, 5), "Hương Trà, ngày 05 tháng 01 năm 2024"),
        (date(2024, 2, 29), "Hương Trà, ngày 29 tháng 02 năm 2024"),
        (date(2024, 6, 15), "Hương Trà, ngày 15 tháng 6 năm 2024"),
        (date(2024, 9, 3), "Hương Trà, ngày 03 tháng 9 năm 2024"),
        (date(2024, 12, 9), "Hương Trà, ngày 09 tháng 12 năm 2024"),
    ],
)
def test_place_date_follows_nd30_leading_zeros(day: date, expected: str) -> None:
    assert place_date("Hương Trà", day) == expected


def test_recipients_end_with_luu() -> None:
    assert recipients_lines(["Như trên", "Lưu: VT, VP-TK"]) == ["Như trên;", "Lưu: VT, VP-TK."]
    assert recipients_lines(["Lưu: VT", "Như trên;", "CT UBND xã."]) == [
        "Như trên;",
        "CT UBND xã;",
        "Lưu: VT.",
    ]
    assert recipients_lines(["Như trên"]) == ["Như trên;", "Lưu: VT."]
    assert recipients_lines([]) == ["Như trên;", "Lưu: VT."]


# ---------------------------------------------------------------- the context


def test_context_of_q2(ws: Path) -> None:
    q2_records(ws)
    rep = build_report(evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 6, 15)), pid="Q2")
    assert rep.window == "Số liệu tính từ ngày 15/03/2024 đến ngày 14/06/2024"
    assert rep.header.number == "Số: …/BC-UBND"
    assert rep.header.place_date == "Hương Trà, ngày 15 tháng 6 năm 2024"
    assert tuple(h.key for h in rep.headings) == tuple(HEADINGS)
    sections = [h.sections for h in rep.headings]
    assert sections == [["I", "IX", "X"], ["II"], ["III"], ["IV"], ["V"], ["VI"], ["VII", "VIII"]]
    ind3 = next(i for i in rep.indicators if i.id == "3")
    assert (ind3.period, ind3.period_detail) == ("75,00 %", "90/120")
    assert (ind3.ytd, ind3.ytd_detail, ind3.verdict) == ("65,00 %", "130/200", "đạt")
    ind10 = next(i for i in rep.indicators if i.id == "10")
    assert (ind10.period, ind10.ytd, ind10.verdict) == ("92,50 %", "92,50 %", "đạt")
    assert [i.id for i in rep.shortcomings.unmet] == ["1"]
    # task 1 was done on 12/03, before the Q2 window: not part of this quarter's results
    done = {h.key: [t.task_id for t in h.done] for h in rep.headings}
    assert "1" not in done["chi-dao"]
    # the Q1 report of task 20 was sent on 18/03, inside the Q2 window
    assert done["chi-dao"] == ["20"]
    # a record dated after the as-of day has not happened yet
    assert "Biên bản tự kiểm tra" not in str(rep)
    overdue = {e.task_id: e for e in rep.shortcomings.overdue}
    assert set(overdue) == {"2", "4", "10"}
    assert "quá hạn 76 ngày" in overdue["2"].text
    assert rep.next_period.id == "Q3" and rep.next_period.in_plan
    assert rep.notes == rep.missing and len(rep.missing) == 3


def test_half_year_figure_pools_its_quarters(ws: Path) -> None:
    q2_records(ws)
    rep = build_report(evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 6, 20)), pid="H1")
    ind3 = next(i for i in rep.indicators if i.id == "3")
    assert (ind3.period, ind3.period_detail) == ("65,00 %", "130/200")
    assert (ind3.ytd, ind3.ytd_detail) == ("65,00 %", "130/200")
    assert rep.next_period.id == "H2"


def test_year_report_points_at_next_years_plan(ws: Path) -> None:
    rep = build_report(evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 12, 20)), pid="Y")
    assert rep.window_end == "14/12/2024"
    assert not rep.next_period.in_plan
    assert rep.next_period.label == "năm 2025"
    assert "Kế hoạch năm 2025" in rep.next_period.text


def test_early_report_warns_that_figures_may_be_incomplete(ws: Path) -> None:
    rep = build_report(evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 6, 1)), pid="Q2")
    assert any("chốt số liệu ngày 14/06/2024" in n for n in rep.notes)
    assert rep.estimate == "Số liệu ước tính đến ngày 01/06/2024"


def test_names_and_people_come_from_the_plan(ws: Path, cli) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in [
        ('place: "Hương Trà"', 'place: "Sơn Hà"'),
        (
            'parent_body: "Ủy ban nhân dân huyện Trà Bồng"',
            'parent_body: "Ủy ban nhân dân tỉnh Quảng Ngãi"',
        ),
        (
            'issuing_body: "Ủy ban nhân dân xã Hương Trà"',
            'issuing_body: "Ủy ban nhân dân xã Sơn Hà"',
        ),
        ('recipient: "Văn phòng UBND huyện Trà Bồng"', 'recipient: "Văn phòng UBND tỉnh"'),
        ('  signer: "Hồ Minh Hiếu"\n  signer_title', '  signer: "Nguyễn Thị Lan"\n  signer_title'),
        ('signer_title: "Chủ tịch"\n  signing', 'signer_title: "Phó Chủ tịch"\n  signing'),
        ('signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"', 'signing_on_behalf: "KT. CHỦ TỊCH"'),
        ('report_number_suffix: "BC-UBND"', 'report_number_suffix: "BC-TTPVHCC"'),
        ('    - "Lưu: VT, VP-TK"', '    - "Lưu: VT, TTPVHCC"'),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15", "--number", "07")
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "**ỦY BAN NHÂN DÂN XÃ SƠN HÀ**",
        "Số: 07/BC-TTPVHCC",
        "*Sơn Hà, ngày 15 tháng 6 năm 2024*",
        "Kính gửi: Văn phòng UBND tỉnh.",
        "**KT. CHỦ TỊCH**",
        "**PHÓ CHỦ TỊCH**",
        "**Nguyễn Thị Lan**",
        "- Lưu: VT, TTPVHCC.",
    ):
        assert expected in out, expected
    # the header, Kính gửi and the signature no longer name the shipped commune (the intro
    # still cites the plan's decision, which this test left as it was)
    outside = out.split("Thực hiện chế độ")[0] + out.split("**Nơi nhận:**")[1]
    for shipped in ("Hương Trà", "Trà Bồng", "Hồ Minh Hiếu", "TM. ỦY BAN"):
        assert shipped not in outside, shipped


# ---------------------------------------------------------------- Markdown


def test_golden_markdown_q2(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    q2_records(ws)
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    golden = GOLDEN / "report_q2_2024.md"
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert out == golden.read_text(encoding="utf-8")


def test_done_when_q2(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    q2_records(ws)
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    head = out.split("# BÁO CÁO")[0]
    for text in (
        "ỦY BAN NHÂN DÂN HUYỆN TRÀ BỒNG",
        "**ỦY BAN NHÂN DÂN XÃ HƯƠNG TRÀ**",
        "Số: …/BC-UBND",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "**Độc lập - Tự do - Hạnh phúc**",
        "*Hương Trà, ngày 15 tháng 6 năm 2024*",
    ):
        assert text in head, text
    assert f"**{SUBJECT} Quý II năm 2024**" in out
    assert "Kính gửi: Văn phòng UBND huyện Trà Bồng." in out
    assert "Số liệu tính từ ngày 15/03/2024 đến ngày 14/06/2024" in out
    assert "tại Thông tư số 01/2020/TT-VPCP ngày 21/10/2020" in out
    assert "thực hiện Quyết định số 1201/QĐ-UBND ngày 04/03/2024" in out
    headings = re.findall(r"^### (\d+)\. (.+)$", out, flags=re.M)
    assert headings == [(str(k), t) for k, t in enumerate(HEADINGS.values(), start=1)]
    assert "Báo cáo số 15/BC-UBND ngày 18/3/2024" in out
    assert "Niêm yết 45 TTHC tại Bộ phận Một cửa. Ghi chú: đã cập nhật danh mục TTHC" in out
    assert "(cập nhật ngày 10/06/2024). Ghi chú: đang tổng hợp phiếu đánh giá." in out
    cells = row(out, "3")
    assert cells[3:] == ["≥ 50 %", "75,00 % (90/120)", "65,00 % (130/200)", "đạt"]
    assert row(out, "1")[-1] == "chưa đạt"
    assert "lũy kế 65,00 % (130/200), mục tiêu ≥ 50 %, đạt. Quý II: Tăng nhờ hướng dẫn" in out
    for part in (
        "## I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN",
        "## II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "## III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2024",
        "## IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "## PHỤ LỤC I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    ):
        assert part in out, part
    assert "kính báo cáo Văn phòng UBND huyện Trà Bồng xem xét, chỉ đạo./." in out
    assert "**Nơi nhận:**" in out
    assert "**CHỦ TỊCH**\n\n**Hồ Minh Hiếu**" in out
    assert "…" not in out.replace("Số: …", "")  # nothing cut
    assert "<" not in out.replace("<=", "")  # no raw HTML


def test_no_records_is_no_data_not_zero(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    for ind in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11.3"):
        cells = row(out, ind)
        assert cells[4:] == ["—", "—", "chưa có số liệu"], cells
    assert "0,00 %" not in out
    assert not re.search(r"(?<![\d,])0(,0+)? %", out)
    assert "(nhiệm vụ 13, 14, 15) tiếp tục được triển khai, chưa ghi nhận kết quả cụ thể" in out


@pytest.mark.parametrize(
    ("word", "title", "window"),
    [
        ("q1", "Quý I năm 2024", ("15/12/2023", "14/03/2024")),
        ("q2", "Quý II năm 2024", ("15/03/2024", "14/06/2024")),
        ("quý 2", "Quý II năm 2024", ("15/03/2024", "14/06/2024")),
        ("Quý II", "Quý II năm 2024", ("15/03/2024", "14/06/2024")),
        ("quy3", "Quý III năm 2024", ("15/06/2024", "14/09/2024")),
        ("q4", "Quý IV năm 2024", ("15/09/2024", "14/12/2024")),
        ("h1", "6 tháng đầu năm 2024", ("15/12/2023", "14/06/2024")),
        ("6t", "6 tháng đầu năm 2024", ("15/12/2023", "14/06/2024")),
        ("6 tháng", "6 tháng đầu năm 2024", ("15/12/2023", "14/06/2024")),
        ("h2", "6 tháng cuối năm 2024", ("15/06/2024", "14/12/2024")),
        ("9t", "9 tháng đầu năm 2024", ("15/12/2023", "14/09/2024")),
        ("9 tháng", "9 tháng đầu năm 2024", ("15/12/2023", "14/09/2024")),
        ("năm", "năm 2024", ("15/12/2023", "14/12/2024")),
        ("cả năm", "năm 2024", ("15/12/2023", "14/12/2024")),
        ("year", "năm 2024", ("15/12/2023", "14/12/2024")),
        ("2024q2", "Quý II năm 2024", ("15/03/2024", "14/06/2024")),
        ("q2/2024", "Quý II năm 2024", ("15/03/2024", "14/06/2024")),
        ("tháng 2", "tháng 02 năm 2024", ("15/01/2024", "14/02/2024")),
    ],
)
def test_every_period_word(cli, ws: Path, word: str, title: str, window: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    q2_records(ws)
    out = report_md(cli, ws, word, "--as-of", "2024-12-20")
    assert f"**{SUBJECT} {title}**" in out
    assert f"Số liệu tính từ ngày {window[0]} đến ngày {window[1]}" in out
    assert len(re.findall(r"^### \d+\. ", out, flags=re.M)) == 7
    assert "**Nơi nhận:**" in out


def test_report_year_states_window_ending_14_12(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = report_md(cli, ws, "year", "--as-of", "2024-12-20")
    assert "Số liệu tính từ ngày 15/12/2023 đến ngày 14/12/2024" in out
    assert "## III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM NĂM 2025" in out


def test_unknown_period_exits_2(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "quý 5", "--data", str(ws), "--as-of", "2024-06-15")
    assert r.code == 2
    assert r.out == ""
    assert "Không hiểu kỳ báo cáo 'quý 5'" in r.err
    assert "q1…q4" in r.err


def test_period_of_another_year(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "q2/2023", "--data", str(ws), "--as-of", "2023-06-15")
    assert r.code == 2
    assert "không có plan_2023.yaml" in r.err and "Các năm có kế hoạch: 2024" in r.err
    r = cli("report", "q2/2023", "--data", str(ws), "--year", "2024")
    assert r.code == 2 and "khác --year 2024" in r.err


def test_plan_without_parent_body_or_on_behalf_line(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace('parent_body: "Ủy ban nhân dân huyện Trà Bồng"\n', "")
    text = text.replace('signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"', "signing_on_behalf: null")
    plan.write_text(text, encoding="utf-8")
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    assert out.startswith(
        "| **ỦY BAN NHÂN DÂN XÃ HƯƠNG TRÀ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n"
    )
    assert "TRÀ BỒNG" not in out.split("# BÁO CÁO")[0]
    assert "xem xét, chỉ đạo./.\n\n**Nơi nhận:**" in out
    assert "Lưu: VT, VP-TK.\n\n**CHỦ TỊCH**\n\n**Hồ Minh Hiếu**\n\n## PHỤ LỤC" in out
    assert "TM. ỦY BAN" not in out


def test_bad_options_exit_2(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "q2", "--data", str(ws), "--format", "pdf")
    assert r.code == 2 and "Không có định dạng 'pdf'" in r.err
    tpl = write(tmp_path / "t.md.j2", "{{ title }}\n")
    r = cli("report", "q2", "--data", str(ws), "--format", "docx", "--template", str(tpl))
    assert r.code == 2 and "--template chỉ dùng cho Markdown" in r.err
    r = cli("report", "q2", "--data", str(ws), "--date", "31/02/2024")
    assert r.code == 2 and "--date" in r.err
    r = cli("report", "q2", "--data", str(ws), "--template", str(tmp_path / "missing.j2"))
    assert r.code == 2 and "Không tìm thấy tệp mẫu" in r.err


def test_number_and_date_options(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = report_md(
        cli, ws, "q2", "--as-of", "2024-06-15", "--number", "05", "--date", "2024-06-16"
    )
    assert "| Số: 05/BC-UBND |" in out
    assert "*Hương Trà, ngày 16 tháng 6 năm 2024*" in out


def test_output_file_is_written_whole(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q2_records(ws)
    target = tmp_path / "bao-cao.md"
    target.write_text("bản cũ", encoding="utf-8")
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "-o", str(target))
    assert r.code == 0, r.err
    assert r.out == ""
    assert "Đã ghi" in r.err
    assert target.read_text(encoding="utf-8") == report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_narrative_file_is_included(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "narrative_2024_Q2.md",
        """
        Trong quý, UBND xã đã tập trung **hướng dẫn người dân** nộp hồ sơ trực tuyến.

        - Tổ chức 02 buổi đối thoại với người dân.
        """,
    )
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    part = out.split("## II. ĐÁNH GIÁ CHUNG")[1].split("## III. TỒN TẠI, HẠN CHẾ")[0]
    assert "tập trung **hướng dẫn người dân** nộp hồ sơ trực tuyến." in part
    assert "- Tổ chức 02 buổi đối thoại với người dân." in part
    assert "## IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2024" in out
    # another period's report does not pick it up
    assert "ĐÁNH GIÁ CHUNG" not in report_md(cli, ws, "q1", "--as-of", "2024-06-15")


# ---------------------------------------------------------------- templates


def test_workspace_template_overrides_bundled(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    (ws / "templates").mkdir()
    write(ws / "templates" / "report.md.j2", "Báo cáo riêng {{ period_title }}: {{ window }}\n")
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    assert (
        out
        == "Báo cáo riêng Quý II năm 2024: Số liệu tính từ ngày 15/03/2024 đến ngày 14/06/2024\n"
    )


def test_template_beside_the_data_folder(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    folder = ws.parent / "templates"
    folder.mkdir()
    write(folder / "report.md.j2", "{{ header.issuing_body }}\n")
    assert report_md(cli, ws, "q2", "--as-of", "2024-06-15") == "ỦY BAN NHÂN DÂN XÃ HƯƠNG TRÀ\n"


def test_template_option_wins(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (ws / "templates").mkdir()
    write(ws / "templates" / "report.md.j2", "của thư mục dữ liệu\n")
    tpl = write(tmp_path / "mine.md.j2", "{% for i in indicators %}{{ i.id }};{% endfor %}\n")
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15", "--template", str(tpl))
    assert out == "1;2;3;4;5;6;7;8;9;10;11.3;\n"


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("# {{ title }}\n\n{{ no_such_name }}\n", 3, "không có biến 'no_such_name'"),
        ("{{ title }}\n{{ header.no_such_field }}\n", 2, "không có thuộc tính 'no_such_field'"),
        ("{{ title }}\n{% for s in sections %}\n{{ s.title }}\n", 3, "mẫu hết giữa chừng"),
        ("{{ title }}\n{{ title | no_such_filter }}\n", 2, "lỗi cú pháp: không có bộ lọc"),
        ("{% set x = 10**999 %}{{ x*x*x*x*x }}\n", 1, "con số quá lớn để in ra (quá 4.300"),
        ("{{ title + 1 }}\n", 1, "không dùng được với giá trị này (sai kiểu giá trị?)"),
        ("{{ title }}\n{% if %}x{% endif %}\n", 2, "lỗi cú pháp: thiếu biểu thức trước %}"),
        ("{{ title }}\n{% frob %}\n", 2, "lỗi cú pháp: không có lệnh 'frob'"),
        ("{{ title }\n", 1, "lỗi cú pháp: dấu '}' không đúng chỗ"),
        ("ok\n{{ title.__class__.__mro__ }}\n", 2, "không được phép"),
        ("{{ 1 // 0 }}\n", 1, "phép chia cho 0"),
        ('{% include "khong-co.j2" %}\n', 1, "không tìm thấy mẫu 'khong-co.j2'"),
    ],
)
def test_broken_template_is_a_clear_error(  # type: ignore[no-untyped-def]
    cli, ws: Path, tmp_path: Path, source: str, line: int, words: str
) -> None:
    tpl = write(tmp_path / "hong.md.j2", source)
    target = tmp_path / "out.md"
    before = snapshot(tmp_path)
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "--template", str(tpl))
    assert r.code == 1
    assert r.out == ""
    assert f"hong.md.j2:{line}: mẫu báo cáo có lỗi" in r.err
    assert words in r.err
    assert "Traceback" not in r.err
    r = cli(
        "report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "--template", str(tpl),
        "-o", str(target),
    )  # fmt: skip
    assert r.code == 1
    assert snapshot(tmp_path) == before


def test_template_that_renders_nothing_is_refused(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tpl = write(tmp_path / "rong.md.j2", "{% if false %}x{% endif %}\n")
    r = cli("report", "q2", "--data", str(ws), "--template", str(tpl))
    assert r.code == 1
    assert "văn bản rỗng" in r.err


def test_output_file_must_fit_the_format(cli, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ["-o", str(tmp_path / "x.pdf")],
        ["--format", "md", "-o", str(tmp_path / "x.docx")],
    ):
        r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", *args)
        assert r.code == 2, r.err
        assert "không hợp với định dạng" in r.err
    assert list(tmp_path.glob("x.*")) == []


def test_officer_text_is_not_markdown(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "3"
            date: "2024-04-02"
            note: "Niêm yết *05* TTHC <mới>"
        """,
    )
    out = report_md(cli, ws, "q2", "--as-of", "2024-06-15")
    assert r"Niêm yết \*05\* TTHC \<mới>" in out


@pytest.mark.parametrize(
    ("period", "as_of", "noted"), [("q1", "2025-03-20", False), ("q3", "2025-09-20", True)]
)
def test_report_after_july_2025_to_a_district_is_noted(  # type: ignore[no-untyped-def]
    cli, ws: Path, period: str, as_of: str, noted: bool
) -> None:
    """Districts ended on 01/07/2025: a 2025 plan written for a district still reports to it."""
    for name in ("plan", "indicators"):
        text = (ws / f"{name}_2024.yaml").read_text(encoding="utf-8")
        (ws / f"{name}_2025.yaml").write_text(text.replace("year: 2024", "year: 2025"), "utf-8")
    r = cli("report", period, "--data", str(ws), "--year", "2025", "--as-of", as_of)
    assert r.code == 0, r.err
    assert ("không còn cấp huyện" in r.err) is noted
    if noted:
        lines = (ws / "plan_2025.yaml").read_text(encoding="utf-8").splitlines()
        for key in ("parent_body:", "  recipient:"):
            line = 1 + next(i for i, text in enumerate(lines) if text.startswith(key))
            assert f"(plan_2025.yaml, dòng {line})" in r.err
        # the decision's own Nơi nhận is not on the report
        assert r.err.count("không còn cấp huyện") == 2
        assert "Kính gửi: Văn phòng UBND huyện Trà Bồng." in r.out  # the officer's call


def test_report_opens_the_plan_of_the_as_of_year(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """With plan_2024 and plan_2025: 'q2' is Quý II of the year of --as-of; a period with its
    year, or --year, says otherwise."""
    assert cli("new-year", "2025", "--data", str(ws)).code == 0
    title = SUBJECT + " Quý II năm {}"
    assert title.format(2024) in report_md(cli, ws, "q2", "--as-of", "2024-06-20")
    assert title.format(2025) in report_md(cli, ws, "q2", "--as-of", "2025-06-20")
    assert title.format(2025) in report_md(cli, ws, "q2", "--as-of", "2026-01-10")
    assert title.format(2025) in report_md(cli, ws, "q2/2025", "--as-of", "2024-06-20")
    assert title.format(2024) in report_md(cli, ws, "2024q2", "--as-of", "2025-06-20")
    assert title.format(2025) in report_md(cli, ws, "q2", "--as-of", "2024-06-20", "--year", "2025")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs a device file")
@pytest.mark.parametrize("command", [["report", "q2"], ["rollup"]])
def test_output_never_replaces_a_device(cli, ws: Path, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    args = [*command, *(["--data", str(ws)] if command[0] == "report" else [str(ws)])]
    r = cli(*args, "--as-of", "2024-06-20", "-o", "/dev/null", "--format", "md")
    assert r.code == 2
    assert "'/dev/null' không phải một tệp thường" in r.err
    assert Path("/dev/null").is_char_device()


def test_report_never_overwrites_the_officers_own_files(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    narrative = write(ws / "narrative_2024_Q2.md", "Nhận xét của cán bộ.\n")
    before = snapshot(ws)
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-20", "-o", str(narrative))
    assert r.code == 2
    assert "là tệp dữ liệu của xã; báo cáo sinh ra không được ghi đè lên nó" in r.err
    assert snapshot(ws) == before


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights on Windows")
def test_report_through_a_link_writes_the_file_linked_to(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "that.md"
    link = tmp_path / "this.md"
    link.symlink_to(real)
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-20", "-o", str(link))
    assert r.code == 0, r.err
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("|")


def test_report_never_writes_the_narrative_it_would_read(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Even before the officer has written it: the next report would print it as their words."""
    target = ws / "narrative_2024_Q2.md"
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-20", "-o", str(target))
    assert r.code == 2
    assert not target.exists()


def test_a_derived_indicator_states_its_formula_and_denominator(ws: Path) -> None:
    from kstthc_cli.compute.report import formula_note
    from kstthc_cli.load.models import Formula

    f = Formula(numerator="dossiers.resolved.early+dossiers.resolved.on_time",
                denominator="dossiers.resolved.total")  # fmt: skip
    assert formula_note(f, derived=True) == (
        "Cách tính (kỳ này tính từ số liệu Hệ thống thông tin giải quyết TTHC): tử số là Hồ sơ "
        "giải quyết trước hạn (cột 8) + Hồ sơ giải quyết đúng hạn (cột 9); mẫu số là Hồ sơ đã "
        "giải quyết: tổng số (cột 7)."
    )
    rep = build_report(evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 6, 15)), pid="Q2")
    row = next(i for i in rep.indicators if i.id == "3")
    assert row.notes[-1].startswith("Cách tính: tử số là Hồ sơ nhận trực tuyến (cột 4); mẫu số là")
