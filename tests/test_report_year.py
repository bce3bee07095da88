"""The Q2 and year reports on the shipped plan with a year of records (``tests.year_support``),
read back from Word with python-docx and, where LibreOffice is installed, rendered to PDF: no
cut text, no task twice under a heading, headings in heading styles, the signature kept with the
closing sentence, the appendices, the officer's words from Word or Markdown, the signer's
capacity, the regime in force and figures estimated before the cut-off."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from kstthc_cli.compute.report import HEADINGS, heading_of, regime, short_title
from kstthc_cli.errors import KstthcError
from kstthc_cli.load import officer
from kstthc_cli.load.models import Reporting, Section, Task
from kstthc_cli.load.workspace import open_workspace
from tests.conftest import Result
from tests.docx_support import pdf_pages, to_pdf
from tests.support import SHIPPED, write
from tests.year_support import year_of_records

Q2 = ("q2", "--as-of", "2024-06-17")
YEAR = ("năm", "--as-of", "2024-12-16")


@pytest.fixture(scope="module")
def year_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data folder with a year of records, made once for the module."""
    target = tmp_path_factory.mktemp("year") / "data"
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns(".*", "actuals_*"))
    return year_of_records(target)


def word_of(cli: Callable[..., Result], ws: Path, out: Path, *args: str) -> Any:
    r = cli("report", *args, "--data", str(ws), "-o", str(out))
    assert r.code == 0, r.err
    return docx.Document(str(out))


def paragraphs(doc: Any) -> list[Any]:
    return [p for p in doc.paragraphs if p.text.strip()]


def under_headings(doc: Any) -> dict[str, list[str]]:
    """The text of each Heading 2 (a standard heading) up to the next heading."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    for p in paragraphs(doc):
        if p.style.name.startswith("Heading"):
            current = p.text if p.style.name == "Heading 2" else None
            if current:
                out[current] = []
        elif current:
            out[current].append(p.text)
    return out


@pytest.fixture(scope="module", params=[Q2, YEAR], ids=["Q2", "năm"])
def word(request: pytest.FixtureRequest, year_ws: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from kstthc_cli.cli.app import run

    out = tmp_path_factory.mktemp("word") / f"{request.param[0]}.docx"
    assert run(["report", *request.param, "--data", str(year_ws), "-o", str(out)]) == 0
    return docx.Document(str(out)), out


# ---------------------------------------------------------------- Word, read back


def test_no_cut_text(word: tuple[Any, Path], year_ws: Path) -> None:
    doc, _ = word
    text = "\n".join(p.text for p in paragraphs(doc))
    assert "…" not in text.replace("Số: …", "")
    for p in paragraphs(doc):
        assert p.text.count("(") == p.text.count(")"), p.text
    ws = open_workspace(year_ws, 2024)
    named = re.findall(r"Nhiệm vụ (\d+) \(", text)
    tasks = {t.id: t for _, t in ws.plan.all_tasks()}
    for tid in set(named):
        assert f"Nhiệm vụ {tid} ({short_title(tasks[tid])})" in text
    # the evidence is cited whole: type, number, date, issuer, summary
    assert (
        "Báo cáo số 15/BC-UBND ngày 18/03/2024 của UBND xã Hương Trà về tình hình, kết quả "
        "kiểm soát TTHC Quý I năm 2024." in text
    )


def test_no_task_twice_under_a_heading(word: tuple[Any, Path]) -> None:
    doc, _ = word
    sections = under_headings(doc)
    assert list(sections) == [f"{k}. {t}" for k, t in enumerate(HEADINGS.values(), start=1)]
    for title, lines in sections.items():
        ids = [m.group(1) for line in lines if (m := re.match(r"- Nhiệm vụ (\d+) \(", line))]
        assert len(ids) == len(set(ids)), (title, ids)
        for line in lines:
            if m := re.search(r"thường xuyên (?:khác )?\(nhiệm vụ ([\d, ]+)\)", line):
                summed = m.group(1).split(", ")
                assert not set(summed) & set(ids), (title, summed, ids)


def test_an_in_progress_line_never_beside_the_record_that_completed_it(
    word: tuple[Any, Path],
) -> None:
    doc, _ = word
    one_stop = "\n".join(under_headings(doc)[f"5. {HEADINGS['mot-cua']}"])
    assert "Quý II: đã hoàn thành ngày 14/06/2024" in one_stop
    assert "đang tổng hợp phiếu đánh giá" not in one_stop
    assert "Quý II (hạn 17/06/2024) đang thực hiện" not in one_stop
    # a "Theo Kế hoạch" task recorded as done is done, not also waiting for its milestones
    inspection = "\n".join(under_headings(doc)[f"7. {HEADINGS['truyen-thong']}"])
    assert "Nhiệm vụ 16 (" in inspection and "16 (Kiểm tra định kỳ" in inspection
    assert "chưa có mốc thời gian cụ thể" not in inspection


def test_headings_in_heading_styles(word: tuple[Any, Path]) -> None:
    doc, _ = word
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        assert style.font.name == "Times New Roman"
        assert style.font.bold and style.font.size == Pt(14)
        assert str(style.font.color.rgb) == "000000"
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    h1 = [p.text for p in paragraphs(doc) if p.style.name == "Heading 1"]
    assert h1[:4] == [
        "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        h1[2],
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert h1[2].startswith("III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM ")
    assert h1[4:] == [
        "PHỤ LỤC I\nTÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "PHỤ LỤC II\nKẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "PHỤ LỤC III\nDANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN",
    ]


def test_signature_kept_with_the_last_paragraph(word: tuple[Any, Path]) -> None:
    doc, _ = word
    body = doc.element.body
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây là báo cáo"))
    assert closing.text.endswith("xem xét, chỉ đạo./.")
    assert closing.paragraph_format.keep_with_next
    # between the closing sentence and the signature table only kept paragraphs
    el = closing._p.getnext()
    while el.tag == qn("w:p"):
        assert el.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
        el = el.getnext()
    assert el.tag == qn("w:tbl")
    table = next(t for t in doc.tables if t._tbl is el)
    left, right = table.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in right.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hồ Minh Hiếu",
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    for cell in (left, right):
        assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs)
    assert body.index(el) < body.index(doc.tables[2]._tbl)  # the appendices come after


def test_dossier_appendix(word: tuple[Any, Path]) -> None:
    doc, _ = word
    table = doc.tables[2]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0][:3] == ["STT", "Lĩnh vực", "Số hồ sơ nhận giải quyết"]
    assert rows[1][2:6] == ["Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước"]
    assert rows[2][:3] == ["(1)", "(2)", "(3)"]
    fields = {r[1]: r[2:] for r in rows[3:]}
    assert set(fields) == {"Hộ tịch", "Chứng thực", "Tổng cộng"}
    total = fields["Tổng cộng"]
    assert int(total[0]) == int(fields["Hộ tịch"][0]) + int(fields["Chứng thực"][0])
    for k, tr in enumerate(table.rows):
        assert tr._tr.trPr.find(qn("w:cantSplit")) is not None
        assert (tr._tr.trPr.find(qn("w:tblHeader")) is not None) is (k < 3)
    section = doc.sections[-1]
    assert section.page_width > section.page_height
    late = doc.tables[-1]
    assert [c.text for c in late.rows[0].cells][:2] == ["STT", "Mã hồ sơ"]
    assert any("chờ kết quả xác minh" in c.text for r in late.rows for c in r.cells)


def test_the_parts_of_a_real_report(word: tuple[Any, Path]) -> None:
    doc, path = word
    text = "\n".join(p.text for p in paragraphs(doc))
    for words in (
        "Tình hình, kết quả thực hiện công tác kiểm soát thủ tục hành chính, triển khai cơ chế "
        "một cửa, một cửa liên thông và thực hiện thủ tục hành chính trên môi trường điện tử ",
        "Thực hiện chế độ báo cáo định kỳ về công tác kiểm soát thủ tục hành chính tại Thông tư "
        "số 01/2020/TT-VPCP",
        "thực hiện Quyết định số 1201/QĐ-UBND ngày 04/03/2024",
        "Tổng số hồ sơ TTHC tiếp nhận giải quyết: ",
        "tỷ lệ giải quyết trước hạn và đúng hạn đạt ",
        "(trên tổng số hồ sơ đã giải quyết)",
        "Hồ sơ thanh toán trực tuyến: ",
        "Chi tiết tại Phụ lục I kèm theo báo cáo này.",
        "nguyên nhân: chờ kết quả xác minh của cơ quan khác (",
        "danh sách tại Phụ lục III",
        "Không có đề xuất, kiến nghị.",
    ):
        assert words in text, words
    if path.stem == "q2":
        assert "Đã giải quyết 116 hồ sơ (trước hạn 22, đúng hạn 92, quá hạn 2)" in text
    else:
        assert "Đã giải quyết 443 hồ sơ (trước hạn 74, đúng hạn 364, quá hạn 5)" in text
        assert (
            "Trong kỳ có 5 hồ sơ giải quyết quá hạn và 1 hồ sơ quá hạn chưa ghi ngày có kết quả"
            in text
        )


# ---------------------------------------------------------------- PDF through LibreOffice


def _pdf_pages(path: Path, tmp: Path) -> list[str]:
    """The Word file rendered by LibreOffice, its text a page (skipped without LibreOffice)."""
    return pdf_pages(to_pdf(path, tmp))


def test_pdf_signature_on_the_page_of_the_last_paragraph(
    word: tuple[Any, Path], tmp_path: Path
) -> None:
    _, path = word
    pages = _pdf_pages(path, tmp_path)
    (closing_end,) = [k for k, page in enumerate(pages) if "chỉ đạo./." in page]
    page = pages[closing_end]
    assert "Nơi nhận:" in page and "Hồ Minh Hiếu" in page and "CHỦ TỊCH" in page
    assert "Trên đây là báo" in page or "Trên đây là báo" in pages[closing_end - 1]
    assert "PHỤ LỤC I" in pages[closing_end + 1]


# ---------------------------------------------------------------- the officer's words


def _word_file(path: Path) -> Path:
    doc = docx.Document()
    doc.add_heading("Ưu điểm", level=2)
    para = doc.add_paragraph("Công tác ")
    para.add_run("kiểm soát TTHC").bold = True
    para.add_run(" có chuyển biến rõ (tỷ lệ hồ sơ trực tuyến tăng).")
    doc.add_paragraph("Tổ chức 02 buổi đối thoại;", style="List Bullet")
    doc.add_paragraph("Niêm yết đầy đủ TTHC.", style="List Bullet")
    doc.add_paragraph("")
    doc.save(str(path))
    return path


def test_officer_words_from_word_and_markdown(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    _word_file(ws / "assessment_2024_Q2.docx")
    write(ws / "causes_2024_Q2.md", "- Thiếu công chức;\n- Đường truyền chập chờn.\n")
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15")
    assert r.code == 0, r.err
    out = r.out
    assigned = out.split("## II. ĐÁNH GIÁ CHUNG\n\n")[1].split("\n## ")[0]
    assert assigned.strip() == (
        "**Ưu điểm**\n\nCông tác **kiểm soát TTHC** có chuyển biến rõ (tỷ lệ hồ sơ trực tuyến "
        "tăng).\n\n- Tổ chức 02 buổi đối thoại;\n\n- Niêm yết đầy đủ TTHC."
    )
    assert "Nguyên nhân:\n\n- Thiếu công chức;\n- Đường truyền chập chờn." in out
    # the one part missing is named, with the files looked for
    assert (
        "Lưu ý: Chưa có phần đề xuất, kiến nghị do cán bộ viết: không thấy tệp "
        "proposals_2024_Q2.docx hay proposals_2024_Q2.md trong thư mục data." in r.err
    )
    assert "assessment_2024_Q2" not in r.err and "causes_2024_Q2" not in r.err

    target = tmp_path / "q2.docx"
    assert (
        cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "-o", str(target)).code == 0
    )
    paras = paragraphs(docx.Document(str(target)))
    text = [p.text for p in paras]
    start = text.index("II. ĐÁNH GIÁ CHUNG")
    assert text[start + 1 : start + 5] == [
        "Ưu điểm",
        "Công tác kiểm soát TTHC có chuyển biến rõ (tỷ lệ hồ sơ trực tuyến tăng).",
        "- Tổ chức 02 buổi đối thoại;",
        "- Niêm yết đầy đủ TTHC.",
    ]
    assert paras[start + 1].style.name == "Heading 3"
    assert [r.text for r in paras[start + 2].runs if r.bold] == ["kiểm soát TTHC"]
    # the officer's files are never a report's output
    r = cli("report", "q2", "--data", str(ws), "-o", str(ws / "proposals_2024_Q2.docx"))
    assert r.code == 2 and not (ws / "proposals_2024_Q2.docx").exists()


def test_proposals_part_from_a_word_file(cli: Callable[..., Result], ws: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Đề nghị UBND huyện bố trí thêm 01 máy quét cho Bộ phận Một cửa.")
    doc.save(str(ws / "proposals_2024_Y.docx"))
    r = cli("report", "năm", "--data", str(ws), "--as-of", "2024-12-20")
    assert r.code == 0, r.err
    part = r.out.split("## IV. ĐỀ XUẤT, KIẾN NGHỊ\n\n")[1].split("\n\n")[0]
    assert part == "Đề nghị UBND huyện bố trí thêm 01 máy quét cho Bộ phận Một cửa."


def test_a_broken_word_file_is_a_clear_error(cli: Callable[..., Result], ws: Path) -> None:
    (ws / "assessment_2024_Q2.docx").write_bytes(b"not a zip")
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15")
    assert r.code == 1
    assert "Tệp assessment_2024_Q2.docx không phải tệp Word (.docx) đọc được" in r.err
    assert r.out == ""


def test_markdown_blocks_keep_paragraphs_and_items() -> None:
    blocks = officer.markdown_blocks(
        "# Ý chính\n\nDòng một\ndòng hai.\n\n1. Thứ nhất\n- *Ý* khác\n"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Ý chính"),
        ("paragraph", "Dòng một dòng hai."),
        ("item", "Thứ nhất"),
        ("item", "Ý khác"),
    ]
    assert blocks[3].runs[0].italic


# ---------------------------------------------------------------- settings


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_deputy_signs_for_the_chairman(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    _replace(
        ws / "plan_2024.yaml",
        '  signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"\n',
        '  signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"\n  signer_capacity: "pho-chu-tich"\n',
    )
    _replace(
        ws / "plan_2024.yaml",
        '  signer: "Hồ Minh Hiếu"\n  signer_title',
        '  signer: "Nguyễn Văn An"\n  signer_title',
    )
    out = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15").out
    assert (
        "**TM. ỦY BAN NHÂN DÂN**\\\n**KT. CHỦ TỊCH**\\\n**PHÓ CHỦ TỊCH**\n\n**Nguyễn Văn An**"
        in out
    )
    target = tmp_path / "q2.docx"
    assert (
        cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "-o", str(target)).code == 0
    )
    right = docx.Document(str(target)).tables[1].rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ]


def test_a_wrong_signer_capacity_is_a_check_error(cli: Callable[..., Result], ws: Path) -> None:
    _replace(
        ws / "plan_2024.yaml",
        '  signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"\n',
        '  signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"\n  signer_capacity: "pho"\n',
    )
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert "signer_capacity" in r.err


@pytest.mark.parametrize(
    ("day", "circular"),
    [
        (date(2024, 6, 17), "Thông tư số 01/2020/TT-VPCP"),
        (date(2026, 2, 14), "Thông tư số 01/2020/TT-VPCP"),
        (date(2026, 2, 15), "Thông tư số 05/2025/TT-VPCP"),
        (date(2026, 3, 17), "Thông tư số 05/2025/TT-VPCP"),
    ],
)
def test_the_regime_in_force_on_the_reports_date(day: date, circular: str) -> None:
    reporting = Reporting(recipient="Văn phòng UBND tỉnh", preparer="vp")
    assert regime(reporting, day).startswith(circular)


def test_the_report_cites_the_regime_of_its_date(cli: Callable[..., Result], ws: Path) -> None:
    out = cli(
        "report", "q2", "--data", str(ws), "--as-of", "2024-06-15", "--date", "2026-02-16"
    ).out
    assert "tại Thông tư số 05/2025/TT-VPCP ngày 31/12/2025" in out


def test_figures_estimated_before_the_cut_off(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    out = cli("report", "q1", "--data", str(ws), "--as-of", "2024-03-07").out
    assert (
        "*Số liệu tính từ ngày 15/12/2023 đến ngày 14/03/2024 (số liệu ước tính đến ngày "
        "07/03/2024)*" in out
    )
    target = tmp_path / "q1.docx"
    assert (
        cli("report", "q1", "--data", str(ws), "--as-of", "2024-03-07", "-o", str(target)).code == 0
    )
    assert (
        "Số liệu tính từ ngày 15/12/2023 đến ngày 14/03/2024 (số liệu ước tính đến ngày "
        "07/03/2024)" in [p.text for p in docx.Document(str(target)).paragraphs]
    )
    late = cli("report", "q1", "--data", str(ws), "--as-of", "2024-03-20").out
    assert "ước tính" not in late


def test_short_title_is_the_first_clause_or_the_plans_own() -> None:
    def task(content: str, short: str | None = None) -> Task:
        return Task(id="1", content=content, lead=["vp"], timeframe="Quý I", short=short)

    assert (
        short_title(task("Công khai thông tin (địa chỉ, số điện thoại).")) == "Công khai thông tin"
    )
    assert short_title(task("Tiếp nhận phản ánh; trả lời phản ánh.")) == "Tiếp nhận phản ánh"
    long = "Thực hiện số hóa hồ sơ, kết quả giải quyết TTHC theo Nghị định số 61/2018/NĐ-CP."
    assert short_title(task(long)) == long.rstrip(".")  # no clause end: whole, never cut
    assert short_title(task(long, short="Số hóa hồ sơ")) == "Số hóa hồ sơ"


def test_sections_map_onto_the_standard_headings() -> None:
    def section(title: str, heading: str | None = None) -> Section:
        return Section.model_validate({"id": "I", "title": title, "heading": heading})

    assert (
        heading_of(section("Kiểm tra công tác kiểm soát TTHC và cơ chế một cửa")) == "truyen-thong"
    )
    assert heading_of(section("Thực hiện TTHC trên môi trường điện tử")) == "dien-tu"
    assert heading_of(section("Công tác thông tin, báo cáo")) == "chi-dao"
    assert heading_of(section("Công tác thông tin, báo cáo", "truyen-thong")) == "truyen-thong"


def test_a_word_file_that_is_not_one(tmp_path: Path) -> None:
    with pytest.raises(KstthcError, match="không phải tệp Word"):
        officer.docx_blocks(b"PK\x03\x04 broken", "x.docx")


@pytest.mark.parametrize(
    ("settings", "lines"),
    [
        ({}, ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (
            {"signer_capacity": "pho-chu-tich"},
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        # the deputy's own title with the deputy's capacity: never "PHÓ PHÓ CHỦ TỊCH"
        (
            {"signer_title": "Phó Chủ tịch", "signer_capacity": "pho-chu-tich"},
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        # the deputy's title alone says who signs
        ({"signer_title": "Phó Chủ tịch"}, ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        # an older plan that wrote the KT. line as its on-behalf line: said once
        (
            {"signer_title": "Phó Chủ tịch", "signing_on_behalf": "KT. CHỦ TỊCH"},
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
    ],
)
def test_the_signature_lines_of_each_capacity(
    settings: dict[str, str], lines: tuple[str, ...]
) -> None:
    from kstthc_cli.compute.report import signature
    from kstthc_cli.load.models import Reporting
    from kstthc_cli.load.workspace import load_workspace
    from tests.support import SHIPPED

    ws, _ = load_workspace(SHIPPED, 2024)
    assert ws is not None
    reporting = Reporting.model_validate(
        {"recipient": "UBND tỉnh", "preparer": "vp", "signer": "Lê Thị Mai", **settings}
    )
    assert signature(reporting, ws.plan).lines == lines
