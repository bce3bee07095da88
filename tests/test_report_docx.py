"""``kstthc report --format docx``: the Word file read back with python-docx against NĐ 30's
layout (page, margins, fonts, header, rules, page numbers, the indicator table, signature)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from kstthc_cli.compute.report import HEADINGS, SUBJECT
from tests.test_report import q2_records

FONT = "Times New Roman"


@pytest.fixture
def word(cli, ws: Path, tmp_path: Path) -> Any:  # type: ignore[no-untyped-def]
    """The Q2 report of the shipped plan with records, as of 15/06/2024, opened again."""
    q2_records(ws)
    target = tmp_path / "bao-cao.docx"
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "-o", str(target))
    assert r.code == 0, r.err
    assert r.out == ""
    return docx.Document(str(target))


def texts(cell: Any) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def runs_of(cell: Any, text: str) -> list[Any]:
    para = next(p for p in cell.paragraphs if text in p.text)
    return [r for r in para.runs if r.text.strip()]


def test_page_is_a4_portrait_with_nd30_margins(word: Any) -> None:
    section = word.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5)
    assert abs(section.page_height - Mm(297)) < Mm(0.5)
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)


def test_times_new_roman_everywhere(word: Any) -> None:
    normal = word.styles["Normal"]
    assert normal.font.name == FONT
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{attr}")) == FONT
    defaults = word.styles.element.find(qn("w:docDefaults"))
    default_fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert default_fonts.get(qn("w:eastAsia")) == FONT
    assert not [k for k in default_fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    body = word.element.body
    named = {f.get(qn("w:ascii")) for f in body.iter(qn("w:rFonts"))}
    assert named == {FONT}
    for p in word.paragraphs:
        for r in p.runs:
            assert r.font.name in (None, FONT)


def test_header_columns(word: Any) -> None:
    header = word.tables[0]
    left, right = header.rows[0].cells
    assert texts(left) == [
        "ỦY BAN NHÂN DÂN\nHUYỆN TRÀ BỒNG",
        "ỦY BAN NHÂN DÂN\nXÃ HƯƠNG TRÀ",
        "Số: …/BC-UBND",
    ]
    assert texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hương Trà, ngày 15 tháng 6 năm 2024",
    ]
    assert not any(r.bold for r in runs_of(left, "HUYỆN TRÀ BỒNG"))
    assert all(r.bold for r in runs_of(left, "XÃ HƯƠNG TRÀ"))
    assert all(r.bold for r in runs_of(right, "CỘNG HÒA"))
    assert all(r.bold for r in runs_of(right, "Độc lập"))
    assert all(r.italic for r in runs_of(right, "Hương Trà, ngày"))
    for cell in (left, right):
        for r in (r for p in cell.paragraphs for r in p.runs if r.text.strip()):
            assert Pt(12) <= r.font.size <= Pt(14)
    # the header has no visible borders
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def _rule_lengths(cell: Any, width_mm: float) -> list[float]:
    """The length of each rule (an empty paragraph with a bottom border) in the cell, in mm."""
    out = []
    for p in cell.paragraphs:
        ppr = p._p.pPr
        if p.text or ppr is None or ppr.find(qn("w:pBdr")) is None:
            continue
        assert ppr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
        indent = (p.paragraph_format.left_indent or 0) + (p.paragraph_format.right_indent or 0)
        out.append(width_mm - indent / Mm(1))
    return out


def test_rules_under_issuing_body_and_motto(word: Any) -> None:
    left, right = word.tables[0].rows[0].cells
    (short,) = _rule_lengths(left, left.width / Mm(1) - 3.8)
    (long,) = _rule_lengths(right, right.width / Mm(1) - 3.8)
    # the issuing body's rule is short (1/3 to 1/2 of its line); the motto's spans the motto
    assert 12 <= short <= 30
    assert 50 <= long <= 75
    # each sits right under its line
    lpars = [p.text for p in left.paragraphs]
    assert lpars.index("") == lpars.index("ỦY BAN NHÂN DÂN\nXÃ HƯƠNG TRÀ") + 1
    rpars = [p.text for p in right.paragraphs]
    assert rpars.index("") == rpars.index("Độc lập - Tự do - Hạnh phúc") + 1


def test_page_numbers_from_page_two(word: Any) -> None:
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header
    para = header.paragraphs[0]
    assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instr = [el.text for el in header._element.iter(qn("w:instrText"))]
    assert [i.strip() for i in instr] == ["PAGE"]


def test_title_and_body_paragraphs(word: Any) -> None:
    paras = [p for p in word.paragraphs if p.text.strip()]
    text = [p.text for p in paras]
    assert text[:5] == [
        "BÁO CÁO",
        f"{SUBJECT} Quý II năm 2024",
        "Số liệu tính từ ngày 15/03/2024 đến ngày 14/06/2024",
        "Kính gửi: Văn phòng UBND huyện Trà Bồng.",
        text[4],
    ]
    assert text[4].startswith("Thực hiện chế độ báo cáo định kỳ")
    assert "Quyết định số 27/QĐ-UBND" in text[4]
    title = paras[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in title.runs)
    # body text: justified, first-line indent about 1.27 cm, at least 6 pt after, 13–14 pt
    body = paras[4]
    fmt = body.paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= fmt.first_line_indent <= Mm(13)
    assert fmt.space_after >= Pt(6)
    assert all(Pt(13) <= r.font.size <= Pt(14) for r in body.runs)
    for k, title_text in enumerate(HEADINGS.values(), start=1):
        heading = next(p for p in paras if p.text == f"{k}. {title_text}")
        assert all(r.bold for r in heading.runs)
        assert heading.style.name == "Heading 2"
    for part in (
        "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ III NĂM 2024",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert part in text
        assert next(p for p in paras if p.text == part).style.name == "Heading 1"
    joined = "\n".join(text)
    assert "Báo cáo số 15/BC-UBND ngày 18/3/2024" in joined
    assert "Niêm yết 45 TTHC tại Bộ phận Một cửa" in joined
    # a task with several records: its name, then one "+" line per record
    i = text.index("- Nhiệm vụ 3 (Thực hiện công khai TTHC sau khi được công bố):")
    assert text[i + 2] == (
        "+ Đã thực hiện ngày 27/05/2024; kết quả: Đăng tải 12 TTHC trên Cổng thông tin điện tử xã."
    )


def test_indicator_table(word: Any) -> None:
    table = word.tables[-1]
    assert table.style.name == "Table Grid"
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == [
        "Số",
        "Chỉ tiêu",
        "Tử số / mẫu số (cách tính)",
        "Mục tiêu",
        "Kỳ này",
        "Lũy kế",
        "Đánh giá",
    ]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11.3"]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["3"][1].startswith("Tỷ lệ hồ sơ trực tuyến")
    assert by_id["3"][2].startswith("Số hồ sơ tiếp nhận trực tuyến / Tổng số hồ sơ")
    assert "\nCách tính: Hồ sơ nhận trực tuyến (cột 4) / (" in by_id["3"][2]
    assert by_id["3"][3:] == ["≥ 50 %", "75,00 %\n(90/120)", "65,00 %\n(130/200)", "đạt"]
    assert by_id["1"][6] == "chưa đạt"
    assert by_id["2"][4:] == ["—", "—", "chưa có số liệu"]
    head = table.rows[0]
    assert head._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert all(r.bold for c in head.cells for p in c.paragraphs for r in p.runs)
    width = sum(c.width for c in head.cells)
    section = word.sections[-1]
    assert section.page_width > section.page_height  # the appendices are landscape
    assert width <= section.page_width - section.left_margin - section.right_margin


def test_signature_and_recipients(word: Any) -> None:
    table = word.tables[1]
    left, right = table.rows[0].cells
    assert texts(right) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Minh Hiếu"]
    for line in texts(right):
        assert all(r.bold for r in runs_of(right, line))
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in right.paragraphs)
    lines = texts(left)
    assert lines == [
        "Nơi nhận:",
        "- Như trên;",
        "- Thường trực Đảng ủy;",
        "- Thường trực HĐND xã;",
        "- CT, các PCT UBND xã;",
        "- Lưu: VT, VP-TK.",
    ]
    (label,) = runs_of(left, "Nơi nhận:")
    assert label.bold and label.italic and label.font.size == Pt(12)
    for line in lines[1:]:
        assert all(r.font.size == Pt(11) for r in runs_of(left, line))
    # "Nơi nhận" is level with "TM. ỦY BAN NHÂN DÂN": both open their cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert right.paragraphs[0].text == "TM. ỦY BAN NHÂN DÂN"


def test_default_file_name_in_current_folder(  # type: ignore[no-untyped-def]
    cli, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ra"
    out.mkdir()
    monkeypatch.chdir(out)
    r = cli("report", "6t", "--data", str(ws), "--as-of", "2024-06-20", "--format", "docx")
    assert r.code == 0, r.err
    assert [p.name for p in out.iterdir()] == ["bao-cao-H1-2024.docx"]
    doc = docx.Document(str(out / "bao-cao-H1-2024.docx"))
    assert f"{SUBJECT} 6 tháng đầu năm 2024" in [p.text for p in doc.paragraphs]


def test_docx_suffix_picks_word(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "q1.docx"
    r = cli("report", "q1", "--data", str(ws), "--as-of", "2024-03-20", "-o", str(target))
    assert r.code == 0, r.err
    assert target.read_bytes()[:2] == b"PK"


def test_narrative_in_word(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (ws / "narrative_2024_Q2.md").write_text(
        "# Nhận xét\n\nCông tác **kiểm soát TTHC** có chuyển biến.\n\n- Ý một;\n- Ý hai.\n",
        encoding="utf-8",
    )
    target = tmp_path / "q2.docx"
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "-o", str(target))
    assert r.code == 0, r.err
    paras = [p for p in docx.Document(str(target)).paragraphs if p.text.strip()]
    text = [p.text for p in paras]
    start = text.index("II. ĐÁNH GIÁ CHUNG")
    assert text[start + 1 : start + 5] == [
        "Nhận xét",
        "Công tác kiểm soát TTHC có chuyển biến.",
        "- Ý một;",
        "- Ý hai.",
    ]
    bold = [r.text for r in paras[start + 2].runs if r.bold]
    assert bold == ["kiểm soát TTHC"]
    assert "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in text


def test_no_parent_body(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace('parent_body: "Ủy ban nhân dân huyện Trà Bồng"\n', ""), "utf-8")
    target = tmp_path / "q2.docx"
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "-o", str(target))
    assert r.code == 0, r.err
    left = docx.Document(str(target)).tables[0].rows[0].cells[0]
    assert texts(left) == ["ỦY BAN NHÂN DÂN\nXÃ HƯƠNG TRÀ", "Số: …/BC-UBND"]
    assert all(r.bold for r in runs_of(left, "XÃ HƯƠNG TRÀ"))
