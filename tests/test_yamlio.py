"""Reading YAML as an officer writes it: 1.2 scalars, positions, and every kind of bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kstthc_cli.load import yamlio
from kstthc_cli.load.yamlio import parse_text, read_document


def codes(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in doc.problems]


def test_yaml_12_scalars_stay_text() -> None:
    doc = parse_text("a: no\nb: on\nc: yes\nd: off\ne: 2024-03-01\nf: true\ng: ~\nh: 0o17\n")
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "yes",
        "d": "off",
        "e": "2024-03-01",
        "f": True,
        "g": None,
        "h": 15,
    }
    assert doc.problems == []


#: The YAML 1.2 core schema's implicit types as the spec words them: tried in this order, each
#: anchored pattern against the whole plain scalar.
CORE_SCHEMA = [
    (yamlio.NULL, re.compile(r"^(?:~|null|Null|NULL|)$")),
    (yamlio.BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    (yamlio.INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")),
    (
        yamlio.FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
    ),
]
#: Plain scalars as a composer hands them over: no line break (folding makes spaces), drawn
#: mostly from the characters the schema's words and numbers are made of.
PLAIN = st.text(
    st.sampled_from(list("0123456789+-.eExXoabcdfFinNaAlLuUrRsStT~ _١²")) | st.characters(),
    max_size=12,
).filter(lambda v: "\n" not in v and "\r" not in v)
WORDS = st.sampled_from(
    ["", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "FALSE",
     "0", "007", "-12", "+3", "0o17", "0o8", "0x1F", "0xg", "1.", ".5", "-.5e3", "1e3", "1e",
     ".inf", "-.Inf", "+.INF", ".nan", "-.nan", "NaN", "١٢", "1²", "2024-03-14", "11.30"]
)  # fmt: skip


@given(PLAIN | WORDS)
def test_resolver_types_plain_scalars_as_the_core_schema(value: str) -> None:
    expected = next((tag for tag, pattern in CORE_SCHEMA if pattern.match(value)), yamlio.STR)
    resolver = yamlio._Resolver12()
    assert resolver.resolve(yaml.ScalarNode, value, (True, False)) == expected
    assert resolver.resolve(yaml.ScalarNode, value, (False, True)) == yamlio.STR  # quoted


def test_resolver_types_collections() -> None:
    resolver = yamlio._Resolver12()
    assert resolver.resolve(yaml.SequenceNode, None, (True,)) == yamlio.SEQ
    assert resolver.resolve(yaml.MappingNode, None, (True,)) == yamlio.MAP


def test_numbers_remember_how_they_were_written() -> None:
    doc = parse_text("id: 11.30\nother: 007\n")
    assert doc.data["id"] == 11.3
    assert doc.data["id"].raw == "11.30"
    assert doc.data["other"].raw == "007"


def test_locate_points_at_value_and_key() -> None:
    doc = parse_text("top:\n  items:\n    - name: x\n      bad: 1\n")
    assert doc.locate(["top", "items", 0, "bad"]) == (4, 12)
    assert doc.locate(["top", "items", 0, "bad"], key=True) == (4, 7)
    # a missing key points at the deepest node that exists
    assert doc.locate(["top", "items", 0, "missing"]) == (3, 7)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: \xc4\x91\xc3\xbang\n")
    doc = read_document(path)
    assert doc.problems == []
    assert doc.data == {"a": "đúng"}


def test_windows_1258_is_refused_with_location(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("a: 1\nb: Hương\n".encode("cp1258"))
    doc = read_document(path)
    assert codes(doc) == ["encoding"]
    problem = doc.problems[0]
    assert (problem.line, problem.column) == (2, 5)
    assert "UTF-8" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(tmp_path: Path, encoding: str) -> None:
    """With or without the byte-order mark (Notepad writes one, other editors may not)."""
    path = tmp_path / "a.yaml"
    path.write_bytes("year: 2024\nten: Hương Trà\n".encode(encoding))
    doc = read_document(path)
    assert codes(doc) == ["encoding"]
    assert "UTF-16" in doc.problems[0].message


def test_tabs_are_pointed_at() -> None:
    doc = parse_text("a:\n\tb: 1\n  c: 2\n")
    assert codes(doc) == ["tab"]
    assert (doc.problems[0].line, doc.problems[0].column) == (2, 1)
    assert "Tab" in doc.problems[0].message


def test_natural_target_is_explained() -> None:
    doc = parse_text("target: >= 80%\n")
    assert codes(doc) == ["yaml-syntax"]
    problem = doc.problems[0]
    assert problem.line == 1
    assert "ngoặc kép" in problem.hint
    assert '">= 80%"' in problem.hint


def test_duplicate_keys_are_errors_not_last_wins() -> None:
    doc = parse_text("a: 1\nb: 2\na: 3\n")
    assert codes(doc) == ["duplicate-key"]
    assert doc.problems[0].line == 3
    assert "dòng 1" in doc.problems[0].message


def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"x: !!python/object/apply:os.system ['touch {marker}']\n"
    doc = parse_text(text)
    assert codes(doc) == ["yaml-tag"]
    assert not marker.exists()
    assert doc.data == {"x": None}


def test_alias_bomb_is_bounded() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    doc = parse_text("\n".join(lines) + "\n")  # names 9**12 values; building stops at MAX_NODES
    assert "yaml-too-large" in codes(doc)


def test_empty_and_comment_only_files() -> None:
    assert codes(parse_text("")) == ["file-empty"]
    assert codes(parse_text("# chỉ có chú thích\n\n")) == ["file-empty"]
    assert codes(parse_text("  \t\n\u3000\n   # thụt vào\r\n# tiếp\x0c\n")) == ["file-empty"]
    # lines ended by a lone carriage return (Mac OS 9), the content after a comment line
    assert parse_text("# chú thích\ra: 1\r").data == {"a": 1}
    assert parse_text("   \n # x\n  b: 2\n").data == {"b": 2}


def test_a_line_break_inside_double_quotes_is_folded_never_kept_as_a_control() -> None:
    # no backslash, so no escape: the builder takes such values without looking for controls
    assert parse_text('a: "x\ry"\nb: "x\x85y"\nc: "x\x85\x85y"\n').data == {
        "a": "x y",
        "b": "x y",
        "c": "x\ny",
    }
    assert codes(parse_text('a: "x\x9fy"\n')) == ["bad-character"]


def test_truncated_file_points_at_last_line() -> None:
    doc = parse_text('a: 1\nb: "chưa đóng ngoặc\n')
    assert codes(doc) == ["yaml-syntax"]
    assert doc.problems[0].line == 2
    assert "giữa chừng" in doc.problems[0].message


def test_bad_indentation() -> None:
    doc = parse_text("a:\n  b: 1\n c: 2\n")
    assert codes(doc) == ["yaml-syntax"]
    assert doc.problems[0].line == 3


def test_several_documents() -> None:
    doc = parse_text("a: 1\n---\nb: 2\n")
    assert codes(doc) == ["yaml-syntax"]
    assert "nhiều tài liệu" in doc.problems[0].message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert codes(read_document(tmp_path / "none.yaml")) == ["file-missing"]
    assert codes(read_document(tmp_path)) == ["file-is-folder"]


def test_a_missing_closing_quote_is_named_at_its_own_line() -> None:
    doc = parse_text(
        "target:\n"
        '  text: "Tối thiểu 80\n'  # the closing quote is missing here
        '  op: ">="\n'
        "  value: 80\n"
    )
    assert codes(doc) == ["yaml-syntax"]
    problem = doc.problems[0]
    assert (problem.line, problem.column) == (2, len('  text: "Tối thiểu 80') + 1)
    assert 'Dòng 2 thiếu dấu ngoặc kép " đóng' in problem.message
    assert "đến dòng 3" in problem.message
    assert "đoạn văn nhiều dòng" not in problem.message  # not the next line's symptom
    assert problem.hint.endswith('text: "Tối thiểu 80"')


def test_a_missing_closing_single_quote_running_to_the_end() -> None:
    doc = parse_text("a: 1\nb: 'chưa đóng\nc: 2\nd: 3\n")
    assert codes(doc) == ["yaml-syntax"]
    problem = doc.problems[0]
    assert problem.line == 2
    assert "thiếu dấu nháy đơn ' đóng" in problem.message
    assert "giữa chừng" in problem.message
    assert problem.hint.endswith("b: 'chưa đóng'")


def test_text_wrapped_inside_quotes_is_not_a_missing_quote() -> None:
    doc = parse_text('a: "một đoạn dài,\n  viết tiếp: dòng sau"\nb: 1\n')
    assert doc.problems == []
    assert doc.data == {"a": "một đoạn dài, viết tiếp: dòng sau", "b": 1}
    # a real error further down is not blamed on the wrapped text above it
    doc = parse_text('a: "một đoạn dài,\n  viết tiếp"\nb: 1\n c: 2\n')
    assert codes(doc) == ["yaml-syntax"]
    assert doc.problems[0].line == 4
    assert "thiếu" not in doc.problems[0].message


def test_advice_to_quote_names_the_line_and_works() -> None:
    doc = parse_text("target: >= 80%\n")
    assert codes(doc) == ["yaml-syntax"]
    assert doc.problems[0].hint == 'Đặt cả giá trị trong ngoặc kép: target: ">= 80%".'
    doc = parse_text("note: % hồ sơ # ghi chú\n")
    assert doc.problems[0].hint == 'Đặt cả giá trị trong ngoặc kép: note: "% hồ sơ".'


def test_a_number_key_is_told_to_hold_the_number_alone() -> None:
    doc = parse_text("target:\n  text: x\n  value: >= 50%\n")
    assert codes(doc) == ["yaml-syntax"]
    hint = doc.problems[0].hint
    assert "value: 50." in hint
    assert 'op: ">="' in hint
    assert 'target: ">= 50%"' in hint
    assert "due_day: 17." in parse_text("due_day: >= 17%\n").problems[0].hint


def test_a_file_in_a_folder_is_shown_as_display_path_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``display_in`` names a folder's file without resolving the folder again: the same words
    as ``display_path``, however the folder was typed and wherever the file's link points."""
    from kstthc_cli.load.yamlio import display_in, display_path

    real = tmp_path / "here" / "real"
    real.mkdir(parents=True)
    (real / "plan_2024.yaml").write_text("year: 2024\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("year: 2024\n", encoding="utf-8")
    (real / "linked.yaml").symlink_to(elsewhere)
    (real / "inside.yaml").symlink_to(real / "plan_2024.yaml")
    (tmp_path / "here" / "alias").symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(tmp_path / "here")
    folders = [Path("real"), Path("alias"), Path("."), real, Path("../here/real"), tmp_path]
    names = ["plan_2024.yaml", "linked.yaml", "inside.yaml", "missing.yaml"]
    for folder in folders:
        for name in names:
            path = folder / name
            assert display_in(display_path(folder), path) == display_path(path), path
    monkeypatch.chdir(real)
    for name in names:
        assert display_in(display_path(Path(".")), Path(name)) == display_path(Path(name))
