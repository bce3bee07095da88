"""``kstthc_cli.write.splice``: lines put into the text, every other byte kept."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kstthc_cli.errors import WriteRefused
from kstthc_cli.load.yamlio import parse_text
from kstthc_cli.write import splice
from kstthc_cli.write.record import new_file_text
from kstthc_cli.write.splice import put_item, quote
from tests.support import TASK, added, dedent, removed_lines

# ---------------------------------------------------------------- splice


def test_appends_after_the_last_item_before_the_next_sections_comment() -> None:
    before = dedent(
        """
        year: 2024
        tasks:
          - task: "1"
            date: "2024-03-01"   # ghi tay

        # Số liệu chỉ tiêu
        indicators: []
        """
    )
    after = added(before)
    assert after == dedent(
        """
        year: 2024
        tasks:
          - task: "1"
            date: "2024-03-01"   # ghi tay
          - task: "3"
            date: "2024-05-02"

        # Số liệu chỉ tiêu
        indicators: []
        """
    )
    assert removed_lines(before, after) == []


def test_keeps_the_lists_own_indentation() -> None:
    zero = 'tasks:\n- task: "1"\n  date: "2024-03-01"\n'
    assert added(zero) == zero + '- task: "3"\n  date: "2024-05-02"\n'
    wide = 'tasks:\n    -   task: "1"\n        date: "2024-03-01"\n'
    assert added(wide) == wide + '    -   task: "3"\n        date: "2024-05-02"\n'


def test_a_new_list_follows_the_other_lists_style() -> None:
    before = 'year: 2024\nindicators:\n- indicator: "1"\n  period: "Q1"\ntasks: []\n'
    assert added(before).endswith('tasks:\n- task: "3"\n  date: "2024-05-02"\n')


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("tasks: []", "tasks:"),
        ("tasks:", "tasks:"),
        ("tasks: ~", "tasks:"),
        ("tasks: null   # chưa có", "tasks: # chưa có"),
        ("tasks:   # chưa có", "tasks: # chưa có"),
        ("tasks: [ ]  # trống", "tasks: # trống"),
    ],
)
def test_opens_an_empty_list(line: str, expected: str) -> None:
    before = f"year: 2024\n{line}\nindicators: []\n"
    after = added(before)
    assert after == (
        f'year: 2024\n{expected}\n  - task: "3"\n    date: "2024-05-02"\nindicators: []\n'
    )


def test_empty_flow_list_on_its_own_line() -> None:
    assert added("tasks:\n  []\nyear: 2024\n") == (
        'tasks:\n  - task: "3"\n    date: "2024-05-02"\nyear: 2024\n'
    )


def test_a_missing_key_is_added_at_the_end() -> None:
    assert added("year: 2024\nindicators: []") == (
        'year: 2024\nindicators: []\ntasks:\n  - task: "3"\n    date: "2024-05-02"\n'
    )


def test_crlf_stays_crlf_and_a_missing_last_newline_is_added() -> None:
    before = 'year: 2024\r\ntasks:\r\n  - task: "1"\r\n    date: "2024-03-01"'
    after = added(before)
    assert after == before + '\r\n  - task: "3"\r\n    date: "2024-05-02"\r\n'
    assert "\n" not in after.replace("\r\n", "")


def test_after_a_block_scalar_and_the_comments_indented_under_the_item() -> None:
    before = dedent(
        """
        tasks:
          - task: "1"
            note: |
              dòng một

              dòng hai

            # ghi tay cho bản ghi trên
        # ghi chú của tệp
        year: 2024
        """
    )
    after = added(before)
    assert removed_lines(before, after) == []
    assert after.index('  - task: "3"') > after.index("# ghi tay cho bản ghi trên")
    assert after.index('  - task: "3"') < after.index("# ghi chú của tệp")
    data = parse_text(after).data
    assert data["tasks"][0]["note"] == "dòng một\n\ndòng hai\n"


def test_replaces_exactly_the_lines_of_one_item() -> None:
    before = dedent(
        """
        indicators:
          # quý I
          - indicator: "3"
            period: "Q1"
            numerator: 30
            denominator: 80
          # quý II
          - indicator: "3"
            period: "Q2"
            numerator: 90
            denominator: 120
        """
    )
    fields = (("indicator", '"3"'), ("period", '"Q1"'), ("numerator", "40"), ("denominator", "80"))
    after = added(before, "indicators", fields, replace=0)
    assert removed_lines(before, after) == ["    numerator: 30\n"]
    assert "# quý I\n" in after
    assert "# quý II\n" in after


def test_a_non_empty_flow_list_is_refused() -> None:
    with pytest.raises(WriteRefused, match=r"\[ … \]"):
        added('tasks: [{task: "1", date: "2024-03-01"}]\n')


def test_a_flow_mapping_file_is_refused() -> None:
    with pytest.raises(WriteRefused):
        added("{year: 2024, tasks: []}\n")


#: Text an officer can write: anything but control characters (tab and newline are fine),
#: lone surrogates and U+FFFE/U+FFFF, which the files refuse however they are written.
WRITABLE = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")


@given(st.text(st.one_of(WRITABLE, st.sampled_from("\t\n"))))
def test_quoted_text_reads_back_exactly(text: str) -> None:
    doc = parse_text(f"k: {quote(text)}\n")
    assert doc.problems == []
    assert doc.data == {"k": text}


@given(st.text(WRITABLE), st.sampled_from([*range(0x20), 0x7F, *range(0x80, 0xA0), 0xFFFE, 0xFFFF]))
def test_quoted_control_characters_are_refused_where_they_are(text: str, code: int) -> None:
    if code in (0x09, 0x0A):
        return
    doc = parse_text(f"a: 1\nk: {quote(text + chr(code))}\n")
    assert [(p.code, p.line, p.column) for p in doc.problems] == [("bad-character", 2, 4)]
    assert f"U+{code:04X}" in doc.problems[0].message


def test_the_new_file_is_valid_and_explains_itself() -> None:
    text = new_file_text(2024)
    assert text.startswith("# Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính năm 2024")
    assert parse_text(text).data == {"year": 2024, "tasks": None, "indicators": None}


def test_the_first_records_only_add_lines_to_a_new_file() -> None:
    text = new_file_text(2024)
    after = added(added(text), "indicators", (("indicator", '"3"'),))
    assert removed_lines(text, after) == []


# ---------------------------------------------------------------- edits (new-year)


def test_edits_replace_their_spans_and_between_rewrites_the_rest() -> None:
    text = "year: 2024  # năm 2024\nsource: năm 2024\nnote: năm 2024\n"
    root = parse_text(text).root
    edits = [
        *splice.scalar_edit(splice.value(root, "year"), "2025"),
        splice.Edit(*splice.span(splice.value(root, "source"))),  # kept as it is
    ]
    after = splice.apply(text, edits, lambda part: part.replace("2024", "2025"))
    assert after == "year: 2025  # năm 2025\nsource: năm 2024\nnote: năm 2025\n"


def test_a_key_is_inserted_at_the_end_of_a_block_mapping() -> None:
    text = "items:\n  - id: 1\n    name: a\n  - id: 2\n"
    first = splice.items(splice.value(parse_text(text).root, "items"))[0]
    edit = splice.insert_key(text, first, "baseline", "50")
    assert (
        splice.apply(text, [edit])
        == "items:\n  - id: 1\n    name: a\n    baseline: 50\n  - id: 2\n"
    )


# ---------------------------------------------------------------- the window that proves a put


@pytest.mark.parametrize(
    ("before", "replace", "items"),
    [
        ('tasks:\n  - task: "1"\n    note: |\n      a\n\n', None, [{"task": "1", "note": "a\n"}]),
        ('year: 2024\ntasks:\n- task: "1"\n# c\n', None, [{"task": "1"}]),
        ('tasks:\n  - task: "1"\n  - task: "2"\n  - task: "4"\n', 1, [{"task": "1"}]),
        ('tasks:\n  - task: "1"\n', 0, []),
    ],
)
def test_the_window_reads_alone_as_in_the_file(
    before: str, replace: int | None, items: list[Any]
) -> None:
    after, window = splice.put_item_at(before, parse_text(before).root, "tasks", TASK, replace)
    assert window is not None and window.first is not None
    new = parse_text(after).data["tasks"]
    assert (
        parse_text(after[window.start : window.end]).data
        == new[window.first : window.first + window.count]
    )
    assert new[: len(items)] == items


@pytest.mark.parametrize("before", ["year: 2024\n", "year: 2024\ntasks: []  # x\n"])
def test_a_new_list_is_its_own_window(before: str) -> None:
    after, window = splice.put_item_at(before, parse_text(before).root, "tasks", TASK)
    assert window is not None and window.first is None
    assert parse_text(after[window.start : window.end]).data == {
        "tasks": [{"task": "3", "date": "2024-05-02"}]
    }


def test_no_window_after_a_last_line_without_its_line_break() -> None:
    """``note: |+`` kept its trailing line breaks: adding one changes it, so only the whole
    text can prove such a put."""
    before = 'year: 2024\nindicators:\n  - indicator: "1"\n    note: |+\n      a'
    assert splice.put_item_at(before, parse_text(before).root, "tasks", TASK)[1] is None


# ---------------------------------------------------------------- comments in a record

RECORD = (
    ("task", '"20"'),
    ("period", '"Q1"'),
    ("status", '"done"'),
    ("date", '"2024-03-14"'),
    ("evidence", '"Số 12/BC-UBND"'),
    ("recorded", '"2024-04-01"'),
)


def replaced(before: str, fields: Any = RECORD, section: str = "tasks", index: int = 0) -> str:
    return put_item(before, parse_text(before).root, section, fields, replace=index)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(  # a comment line within the record stays before the key it precedes
            'tasks:\n  - task: "20"\n    period: "Q1"\n    # ngày ký\n    date: "2024-03-10"\n'
            '    evidence: "Số 12/BC-UBND"\n',
            'tasks:\n  - task: "20"\n    period: "Q1"\n    status: "done"\n    # ngày ký\n'
            '    date: "2024-03-14"\n    evidence: "Số 12/BC-UBND"\n    recorded: "2024-04-01"\n',
            id="comment-line",
        ),
        pytest.param(  # an end-of-line comment stays on its key's line, spacing and all
            'tasks:\n  - task: "20"\n    period: "Q1"\n    status: "done"\n'
            '    date: "2024-03-10"   # ghi tay\n    evidence: "Số 12/BC-UBND" #vb\n'
            '    recorded: "2024-03-10"\n',
            'tasks:\n  - task: "20"\n    period: "Q1"\n    status: "done"\n'
            '    date: "2024-03-14"   # ghi tay\n    evidence: "Số 12/BC-UBND" #vb\n'
            '    recorded: "2024-04-01"\n',
            id="end-of-line",
        ),
        pytest.param(  # on the dash's line: the first key's comment, or the dash's own
            'tasks:\n  - task: "20"  # báo cáo quý\n    period: "Q1"\n    status: "done"\n'
            '    date: "2024-03-10"\n    evidence: "Số 12/BC-UBND"\n    recorded: "2024-03-10"\n'
            '  - # chỉ một dấu gạch\n    task: "20"\n    period: "Q2"\n',
            'tasks:\n  - task: "20"  # báo cáo quý\n    period: "Q1"\n    status: "done"\n'
            '    date: "2024-03-14"\n    evidence: "Số 12/BC-UBND"\n    recorded: "2024-04-01"\n'
            '  - # chỉ một dấu gạch\n    task: "20"\n    period: "Q2"\n',
            id="dash-line",
        ),
        pytest.param(  # keys nested under a dash alone on its line, a comment between key/value
            'tasks:\n  -\n    # nhiệm vụ\n    task: "20"\n    period: "Q1"\n    date:\n'
            '      # ngày trên văn bản\n      "2024-03-10"  # sửa lại\n',
            'tasks:\n  -\n    # nhiệm vụ\n    task: "20"\n    period: "Q1"\n    status: "done"\n'
            '    date:\n      # ngày trên văn bản\n      "2024-03-14"  # sửa lại\n'
            '    evidence: "Số 12/BC-UBND"\n    recorded: "2024-04-01"\n',
            id="nested",
        ),
        pytest.param(  # blank lines within the record stay; a block scalar's header comment too
            'tasks:\n  - task: "20"\n\n    period: "Q1"\n    status: "done"\n\n'
            '    date: "2024-03-10"\n    evidence: |  # dài\n      Số 12/BC-UBND\n\n'
            '    # sau văn bản\n    recorded: "2024-03-10"\n',
            'tasks:\n  - task: "20"\n\n    period: "Q1"\n    status: "done"\n\n'
            '    date: "2024-03-14"\n    evidence: "Số 12/BC-UBND"  # dài\n\n'
            '    # sau văn bản\n    recorded: "2024-04-01"\n',
            id="blank-lines",
        ),
        pytest.param(  # a value that reads the same keeps its text (quoted or not)
            "tasks:\n  - task: 20\n    period: Q1\n    status: done  # xong\n"
            "    date: 2024-03-10\n    evidence: Số 12/BC-UBND\n",
            'tasks:\n  - task: "20"\n    period: Q1\n    status: done  # xong\n'
            '    date: "2024-03-14"\n    evidence: Số 12/BC-UBND\n    recorded: "2024-04-01"\n',
            id="same-values",
        ),
        pytest.param(  # CRLF stays CRLF
            'tasks:\r\n  - task: "20"  # q\r\n    period: "Q1"\r\n    # c\r\n'
            '    date: "2024-03-10"\r\n',
            'tasks:\r\n  - task: "20"  # q\r\n    period: "Q1"\r\n    status: "done"\r\n'
            '    # c\r\n    date: "2024-03-14"\r\n    evidence: "Số 12/BC-UBND"\r\n'
            '    recorded: "2024-04-01"\r\n',
            id="crlf",
        ),
    ],
)
def test_replacing_a_record_keeps_its_comments_and_blank_lines(before: str, after: str) -> None:
    assert replaced(before) == after


def test_a_key_that_goes_leaves_its_comments_on_lines_of_their_own() -> None:
    before = dedent(
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 30   # theo sổ
            # mẫu số
            denominator: 80
            note: "ghi tay"
        """
    )
    fields = (("indicator", '"3"'), ("period", '"Q1"'), ("none", "true"), ("note", '"ghi tay"'))
    assert replaced(before, fields, "indicators") == dedent(
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            none: true
            # theo sổ
            # mẫu số
            note: "ghi tay"
        """
    )


def test_a_comment_that_cannot_be_kept_is_refused_with_its_line() -> None:
    before = 'year: 2024\ntasks:\n  - {task: "20", period: "Q1", date: "2024-03-10"}  # gõ tay\n'
    with pytest.raises(splice.CommentInTheWay) as caught:
        replaced(before)
    assert caught.value.message == (
        "Không thể thay bản ghi mà vẫn giữ ghi chú viết tay ở dòng 3: '# gõ tay'."
    )
    assert caught.value.comment.line == 3
    # without a comment the record is rewritten whole, as before
    plain = before.replace("  # gõ tay", "")
    assert replaced(plain).startswith('year: 2024\ntasks:\n  - task: "20"\n    period: "Q1"\n')


def test_a_hash_inside_a_value_is_no_comment() -> None:
    text = 'tasks:\n  - task: "20"  # c\n    note: "số #12"\n    evidence: |\n      # không phải\n'
    root = parse_text(text).root
    assert [(c.line, c.text) for c in splice.item_comments(text, root, "tasks", 0)] == [(2, "# c")]


def test_deleting_a_record_keeps_its_comments_where_it_was() -> None:
    before = dedent(
        """
        tasks:
          # quý I
          - task: "20"   # báo cáo quý
            period: "Q1"

            # ngày ký
            date: "2024-03-10"  # sửa
          - task: "1"
            date: "2024-03-01"
        """
    )
    after = splice.remove_item(before, parse_text(before).root, "tasks", 0)
    assert after == dedent(
        """
        tasks:
          # quý I
          # báo cáo quý
            # ngày ký
            # sửa
          - task: "1"
            date: "2024-03-01"
        """
    )
    assert parse_text(after).data == {"tasks": [{"task": "1", "date": "2024-03-01"}]}
