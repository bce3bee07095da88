"""``kstthc plan-doc``: the decision issuing the plan, its plan table and appendix.

On the shipped data the document holds every passage of the seed (the real decision): each
paragraph and each table cell of ``tests/golden/seed_000_48a1a193d31f62ea.txt`` (a copy of
``../shared/seed/``) is found, whitespace aside, in the Word file read back with python-docx and
in the Markdown. Golden files: ``plan_doc_2024.md`` and ``plan_doc_2024.docx.txt`` (a text dump
of the Word file). After a deliberate change, rewrite them and review the diff:

    KSTTHC_UPDATE_GOLDEN=1 python -m pytest tests/test_plandoc.py
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kstthc_cli.compute.plandoc import basis_paragraphs, build_plan_doc, short_body, subtitle
from kstthc_cli.load.models import LegalBasis
from kstthc_cli.load.workspace import open_workspace
from tests.docx_support import blocks, dump, open_docx, text_of
from tests.support import SHIPPED, snapshot

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KSTTHC_UPDATE_GOLDEN") == "1"
SEED_COPY = GOLDEN / "seed_000_48a1a193d31f62ea.txt"
SEED = SHIPPED.parent.parent / "shared" / "seed" / "000_48a1a193d31f62ea.txt"


def plain(text: str) -> str:
    """The seed's Markdown and HTML marks dropped, whitespace made single spaces."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = text.replace("*", "")
    return " ".join(text.split())


def seed_passages() -> list[str]:
    """Each paragraph of the seed and each cell of its tables (one passage per cell piece where
    a page break cut a row in two)."""
    found: list[str] = []
    for block in re.split(r"\n[ \t]*\n", SEED_COPY.read_text(encoding="utf-8")):
        lines = block.splitlines()
        if any("\t" in line for line in lines):
            found += [plain(cell) for line in lines for cell in line.split("\t")]
        else:
            found.append(plain(" ".join(lines)))
    return [p for p in found if p]


def md_plain(markdown: str) -> str:
    """The Markdown's text as a reader sees it: escapes, emphasis, table pipes and rules gone."""
    lines = [ln for ln in markdown.splitlines() if not re.fullmatch(r"\|?[:\-| ]+\|?", ln)]
    text = "\n".join(lines)
    text = re.sub(r"\\(.)", r"\1", text.replace("**", "").replace("|", " "))
    text = re.sub(r"(?<!\w)\*|\*(?!\w)", "", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    return " ".join(text.split())


def plan_doc(cli, ws: Path, tmp_path: Path, *extra: str) -> bytes:  # type: ignore[no-untyped-def]
    target = tmp_path / "qd.docx"
    r = cli("plan-doc", "--data", str(ws), "-o", str(target), *extra)
    assert r.code == 0, r.err
    assert r.err == f"Đã ghi {target} (quyết định ban hành kế hoạch năm 2024).\n"
    return target.read_bytes()


def plan_md(cli, ws: Path) -> str:  # type: ignore[no-untyped-def]
    r = cli("plan-doc", "--data", str(ws), "--format", "md")
    assert r.code == 0, r.err
    return str(r.out)


# ---------------------------------------------------------------- the seed, whole


def test_seed_copy_is_the_seed() -> None:
    if not SEED.exists():
        pytest.skip("the seed lives in ../shared")
    assert SEED_COPY.read_bytes() == SEED.read_bytes()


def test_seed_has_the_passages_this_test_looks_for() -> None:
    passages = seed_passages()
    assert len(passages) > 150
    assert "Theo đề nghị của Văn phòng – Thống kê xã Hương Trà." in passages
    assert "- Định kỳ 3 tháng/lần; - Đột xuất theo thời điểm yêu cầu." in passages


def test_word_file_holds_every_passage_of_the_seed(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(text_of(plan_doc(cli, ws, tmp_path)).split())
    missing = [p for p in seed_passages() if p not in text]
    assert missing == []


def seed_rows() -> dict[tuple[str, str], list[list[str]]]:
    """The seed's two tables cell by cell: (table, STT) → for each column the pieces of its
    cell (a row a page break cut in two goes on in a row without an STT)."""
    rows: dict[tuple[str, str], list[list[str]]] = {}
    table, key = "", ("", "")
    for line in SEED_COPY.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        cells = [plain(c) for c in line.split("\t")]
        if cells[0] in ("STT", "Stt"):
            table = "plan" if cells[1] == "Nội dung công việc" else "indicators"
            continue
        if cells[0]:
            key = (table, cells[0])
            rows[key] = [[] for _ in range(5)]
        for column, cell in enumerate(cells[1:5], start=1):
            if cell:
                rows[key][column].append(cell)
    return rows


def test_each_cell_of_the_seed_in_its_own_cell_of_the_word_file(
    cli, ws: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Not only somewhere in the text: each cell of the seed's plan table and indicator table
    is in the Word table's row of the same STT, in the same column (whitespace aside), and each
    line of the seed's other text is inside one paragraph or one cell of the Word file."""
    from tests.docx_support import _cells

    document = open_docx(plan_doc(cli, ws, tmp_path))
    found: dict[tuple[str, str], list[str]] = {}
    for name, table in (("plan", document.tables[2]), ("indicators", document.tables[3])):
        for row in table.rows[1:]:
            cells = [" ".join(c.text.split()) for c in _cells(row)]
            if len(cells) == 2:  # a section: its title across the four columns
                cells += ["", "", ""]
            found[(name, cells[0])] = cells
    expected = seed_rows()
    assert len(expected) == 20 + 10 + 11  # tasks, sections, indicators
    assert set(expected) <= set(found)
    for key, columns in expected.items():
        for column, pieces in enumerate(columns):
            for piece in pieces:
                assert piece in found[key][column], (key, column, piece)
    units = [" ".join(p.text.split()) for p in document.paragraphs]
    units += [" ".join(c.text.split()) for t in document.tables for r in t.rows for c in _cells(r)]
    lines = [  # outside the tables, each line of the seed (a title's lines are paragraphs)
        plain(line)
        for line in SEED_COPY.read_text(encoding="utf-8").splitlines()
        if "\t" not in line and plain(line)
    ]
    assert len(lines) > 40
    for line in lines:
        assert any(line in unit for unit in units), line


def test_markdown_holds_every_passage_of_the_seed(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    text = md_plain(plan_md(cli, ws))
    missing = [p for p in seed_passages() if p not in text]
    assert missing == []


def test_golden_markdown(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = plan_md(cli, ws)
    golden = GOLDEN / "plan_doc_2024.md"
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert out == golden.read_text(encoding="utf-8")


def test_golden_word_text(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = dump(plan_doc(cli, ws, tmp_path))
    golden = GOLDEN / "plan_doc_2024.docx.txt"
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert out == golden.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the Word file's layout


def test_decision_portrait_then_plan_and_appendix_landscape(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = open_docx(plan_doc(cli, ws, tmp_path))
    first, second = document.sections
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert (round(second.page_width.mm), round(second.page_height.mm)) == (297, 210)
    assert second.orientation == 1  # WD_ORIENT.LANDSCAPE
    assert first.different_first_page_header_footer  # no page number on page 1
    assert not second.different_first_page_header_footer
    assert second.header.is_linked_to_previous  # the page numbers go on
    order = [_label(k, b) for k, b in blocks(document) if k != "p" or b.text.strip()]
    landscape = order.index("landscape") if "landscape" in order else None
    assert order.index("QUYẾT ĐỊNH") < order.index("portrait") < order.index("KẾ HOẠCH")
    assert landscape == len(order) - 1
    # the header (a table), the signature (a table), the plan's and the appendix's tables
    assert [k for k in order if k == "table"] == ["table"] * 4


def _label(kind: str, block: Any) -> str:
    """A paragraph by its text, a section break by its orientation, a table as "table"."""
    return str(block.text if kind == "p" else block if kind == "section" else kind)


def test_tables_repeat_their_header_and_merge_section_rows(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = open_docx(plan_doc(cli, ws, tmp_path))
    plan, appendix = document.tables[2], document.tables[3]
    heads = [c.text for c in plan.rows[0].cells]
    assert heads == [
        "STT",
        "Nội dung công việc",
        "Kết quả công việc",
        "Cơ quan, đơn vị thực hiện",
        "Thời gian thực hiện",
    ]
    assert next(c.text for c in appendix.rows[0].cells) == "Stt"
    for table in (plan, appendix):
        assert (
            table.rows[0]._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
            )
            is not None
        )
    section_row = plan.rows[1]
    assert section_row.cells[0].text == "I"
    assert section_row.cells[1]._tc is section_row.cells[4]._tc  # one cell across the row
    assert len(plan.rows) == 1 + 10 + 20
    assert len(appendix.rows) == 1 + 11
    task5 = next(r for r in plan.rows if r.cells[0].text == "5")
    assert [p.text for p in task5.cells[2].paragraphs] == [
        "- Báo cáo kết quả rà soát, đánh giá TTHC của ban, ngành đề xuất đơn giản hóa;",
        "- Phương án đơn giản hóa, sáng kiến cải cách TTHC (nếu có);",
        "- Tổng hợp kết quả Danh mục TTHC được rút ngắn thời gian giải quyết so với quy định "
        "pháp luật (nếu có).",
    ]


def test_header_signature_and_recipients(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = open_docx(plan_doc(cli, ws, tmp_path))
    header, signature = document.tables[0], document.tables[1]
    left, right = (c.text for c in header.rows[0].cells)
    assert "ỦY BAN NHÂN DÂN XÃ HƯƠNG TRÀ" in left.replace("\n", " ")
    assert left.endswith("Số: 27/QĐ-UBND")
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert right.endswith("Hương Trà, ngày 06 tháng 3 năm 2023")
    recipients, signer = (c.text for c in signature.rows[0].cells)
    assert recipients.splitlines() == [
        "Nơi nhận:",
        "- Như Điều 4;",
        "- Văn phòng UBND huyện (KSTTHC);",
        "- Thường trực Đảng ủy;",
        "- Thường trực HĐND xã;",
        "- CT, các PCT UBND xã;",
        "- Lưu: VT.",
    ]
    assert [line for line in signer.splitlines() if line] == ["CHỦ TỊCH", "Hồ Minh Hiếu"]
    props = document.core_properties
    assert props.created.date().isoformat() == "2023-03-06"


def test_articles_are_bold_numbered_and_whole(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = open_docx(plan_doc(cli, ws, tmp_path))
    articles = [p for p in document.paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(".")[0] for p in articles] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    for p in articles:
        assert p.runs[0].bold and not p.runs[1].bold
    assert articles[-1].text.endswith("chịu trách nhiệm thi hành Quyết định này./.")


# ---------------------------------------------------------------- words from the files


def test_bases_are_grouped_into_paragraphs_with_their_joining_words() -> None:
    bases = [
        LegalBasis(text="Luật A ngày 1/1/2015", group=1),
        LegalBasis(text="Luật B", group=1, joined_with="và"),
        LegalBasis(text="Nghị định C;", group=2),
        LegalBasis(text="Nghị định D", group=2),
        LegalBasis(text="Thông tư E"),
        LegalBasis(text="Thông tư F"),
    ]
    assert basis_paragraphs(bases) == [
        "Căn cứ Luật A ngày 1/1/2015 và Luật B;",
        "Căn cứ Nghị định C; Nghị định D;",
        "Căn cứ Thông tư E;",
        "Căn cứ Thông tư F;",
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kế hoạch hoạt động kiểm soát TTHC năm 2024", "Hoạt động kiểm soát TTHC năm 2024"),
        ("Kiểm soát TTHC năm 2024", "Kiểm soát TTHC năm 2024"),
    ],
)
def test_plan_subtitle(title: str, expected: str) -> None:
    assert subtitle(title) == expected


def test_short_body() -> None:
    assert short_body("Chủ tịch Ủy ban nhân dân xã Hương Trà") == "Chủ tịch UBND xã Hương Trà"
    assert short_body("Chủ tịch Uỷ ban  nhân dân xã A") == "Chủ tịch UBND xã A"


def test_a_new_plan_without_number_date_or_articles(ws: Path) -> None:
    """A plan from ``new-year`` (number and date still empty, no articles yet): blanks to write
    in by hand and the three articles every such decision has."""
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('  number: "27/QĐ-UBND"\n', "  number: null\n")
    text = text.replace('  date: "2023-03-06"\n', "  date: null\n")
    start = text.index("  articles:\n")
    end = text.index("  # Nơi nhận quyết định")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    doc = build_plan_doc(*_files(ws))
    assert doc.header.number == "Số: …/QĐ-UBND"
    assert doc.header.place_date == "Hương Trà, ngày … tháng … năm …"
    assert doc.plan_attached == (
        "(Ban hành kèm theo Quyết định số …/QĐ-UBND ngày … của Chủ tịch UBND xã Hương Trà)"
    )
    assert [(a.label, a.text) for a in doc.articles] == [
        (
            "Điều 1.",
            "Ban hành kèm theo Quyết định này kế hoạch hoạt động kiểm soát thủ tục hành chính "
            "năm 2024 trên địa bàn xã Hương Trà.",
        ),
        ("Điều 2.", "Quyết định này có hiệu lực thi hành kể từ ngày ký."),
        (
            "Điều 3.",
            "Công chức chuyên môn thuộc UBND xã Hương Trà, các ban, ngành và đơn vị có liên "
            "quan chịu trách nhiệm thi hành Quyết định này./.",
        ),
    ]


def _files(ws: Path):  # type: ignore[no-untyped-def]
    w = open_workspace(ws, 2024)
    return w.plan, w.indicators


def test_plan_words_are_never_markup(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "plan_2024.yaml"
    tricky = "Niêm yết *05* TTHC <mới> | [xem](http://x) _nghiêng_"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'content: "Thực hiện công khai TTHC sau khi được công bố."', f'content: "{tricky}"'
    )
    path.write_text(text, encoding="utf-8")
    md = plan_md(cli, ws)
    row = next(ln for ln in md.splitlines() if ln.startswith("| 3 |"))
    assert r"Niêm yết \*05\* TTHC \<mới> \| \[xem](http://x) \_nghiêng\_" in row
    document = open_docx(plan_doc(cli, ws, tmp_path))
    cell = next(r for r in document.tables[2].rows if r.cells[0].text == "3").cells[1]
    assert cell.text == tricky
    assert not any(run.italic or run.bold for p in cell.paragraphs for run in p.runs)


# ---------------------------------------------------------------- the command line


def test_default_file_name_in_the_current_folder(  # type: ignore[no-untyped-def]
    cli, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("plan-doc", "--data", str(ws))
    assert r.code == 0, r.err
    assert r.out == ""
    assert (
        r.err == "Đã ghi quyet-dinh-ke-hoach-2024.docx (quyết định ban hành kế hoạch năm 2024).\n"
    )
    assert (tmp_path / "quyet-dinh-ke-hoach-2024.docx").read_bytes()[:2] == b"PK"


def test_markdown_to_a_file(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "ke-hoach.md"
    r = cli("plan-doc", "--data", str(ws), "-o", str(target))
    assert r.code == 0, r.err
    assert r.err == f"Đã ghi {target} (quyết định ban hành kế hoạch năm 2024).\n"
    assert target.read_text(encoding="utf-8") == plan_md(cli, ws)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "pdf"],
            "Lỗi: Không có định dạng 'pdf'.\n  → Chọn một trong: docx, md.\n",
        ),
        (
            ["-o", "ke-hoach.xlsx"],
            "Lỗi: Tệp 'ke-hoach.xlsx' có đuôi .xlsx, không hợp với định dạng nào mà lệnh này ghi "
            "được.\n  → Quyết định Word ghi ra tệp .docx, Markdown ra tệp .md; muốn có PDF, mở "
            "tệp Word rồi chọn Lưu thành PDF.\n",
        ),
        (
            ["--format", "md", "-o", "ke-hoach.docx"],
            "Lỗi: Tệp 'ke-hoach.docx' có đuôi .docx, không hợp với định dạng md.\n  → Quyết định "
            "Word ghi ra tệp .docx, Markdown ra tệp .md; muốn có PDF, mở tệp Word rồi chọn Lưu "
            "thành PDF.\n",
        ),
    ],
)
def test_bad_options_exit_2(  # type: ignore[no-untyped-def]
    cli, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("plan-doc", "--data", str(ws), *args)
    assert (r.code, r.out, r.err) == (2, "", message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_never_overwrites_the_officers_files(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(ws)
    target = ws / "narrative_2024_Q2.md"
    r = cli("plan-doc", "--data", str(ws), "-o", str(target))
    assert r.code == 2
    assert r.err == (
        f"Lỗi: '{target}' là tệp dữ liệu của xã; văn bản sinh ra không được ghi đè lên nó.\n"
        "  → Chọn tên tệp khác, ví dụ: -o quyet-dinh-ke-hoach-2024.md\n"
    )
    assert snapshot(ws) == before


def test_refuses_a_read_only_target(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Refused by kstthc itself (the file's mode), even where the system would allow it."""
    target = tmp_path / "qd.docx"
    target.write_bytes(b"old")
    target.chmod(stat.S_IRUSR)
    try:
        r = cli("plan-doc", "--data", str(ws), "-o", str(target))
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert r.code == 1
    assert "chỉ cho đọc (read-only); kstthc không ghi đè lên nó." in r.err
    assert target.read_bytes() == b"old"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_renders_portrait_decision_then_landscape_pages(  # type: ignore[no-untyped-def]
    cli, ws: Path, tmp_path: Path
) -> None:
    """Word's layout as another office suite sees it: the decision on portrait A4 pages, the
    plan and its appendix on landscape A4 pages after them."""
    source = tmp_path / "qd.docx"
    source.write_bytes(plan_doc(cli, ws, tmp_path))
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "qd.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    pages = ["portrait" if float(w) < float(h) else "landscape" for w, h in boxes if w != h]
    portrait = pages.count("portrait")
    assert portrait >= 2 and pages.count("landscape") >= 5
    assert pages == ["portrait"] * portrait + ["landscape"] * (len(pages) - portrait)
