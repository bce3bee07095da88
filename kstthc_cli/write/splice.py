"""Editing YAML text in place (the writes of ``record`` and ``new-year``): find a node's span in
the parsed tree, replace or insert lines there, and keep every other byte as it was.

The node tree is libyaml's (``Document.root``); positions are character offsets in the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import yaml

from kstthc_cli.errors import WriteRefused
from kstthc_cli.load.yamlio import NULL

# ---------------------------------------------------------------- finding nodes


def child(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of ``key`` in a mapping node (``None`` if absent)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    found = child(node, key)
    return found[1] if found else None


def items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def span(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.index, node.end_mark.index


# ---------------------------------------------------------------- edits


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``new``; ``new=None`` keeps the span untouched (not even
    ``between`` of ``apply`` touches it)."""

    start: int
    end: int
    new: str | None = None


def scalar_edit(node: yaml.Node | None, new: str) -> list[Edit]:
    """Replace a scalar's text (nothing for another kind of node)."""
    if not isinstance(node, yaml.ScalarNode):
        return []
    return [Edit(*span(node), new)]


def insert_key(text: str, mapping: yaml.MappingNode, key: str, new: str) -> Edit:
    """A new ``key: value`` line at the end of a block mapping, aligned with its keys."""
    last = mapping.value[-1][1]
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and last.value:
        if last.flow_style:
            break
        # a block collection ends where the next key starts: its text ends with its last child
        child = last.value[-1]
        last = child[1] if isinstance(child, tuple) else child
    if mapping.flow_style:
        end = mapping.end_mark.index - 1
        return Edit(end, end, f", {key}: {new}")
    indent = " " * mapping.value[0][0].start_mark.column
    pos = last.end_mark.index
    if pos > 0 and text[pos - 1] == "\n":
        return Edit(pos, pos, f"{indent}{key}: {new}\n")
    newline = text.find("\n", pos)
    if newline < 0:
        return Edit(len(text), len(text), f"\n{indent}{key}: {new}\n")
    return Edit(newline + 1, newline + 1, f"{indent}{key}: {new}\n")


def apply(text: str, edits: Iterable[Edit], between: Callable[[str], str] = str) -> str:
    """The text with the edits made; ``between`` rewrites the text outside every edit. An edit
    nested inside one already made is skipped."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            continue
        out.append(between(text[pos : e.start]))
        out.append(text[e.start : e.end] if e.new is None else e.new)
        pos = e.end
    out.append(between(text[pos:]))
    return "".join(out)


# ---------------------------------------------------------------- scalars and lines

#: Characters YAML may not hold raw inside a double-quoted scalar (non-printable, or read as a
#: line break), escaped the JSON way, which YAML 1.2 reads back the same.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def quote(text: str) -> str:
    """A string as a JSON-style double-quoted YAML scalar (valid YAML 1.2, reads back exactly)."""
    out = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


_BREAK = re.compile(r"\r\n|\r|\n")


def line_ending(text: str) -> str:
    """The file's own line ending (that of its first line), ``\\n`` for a one-line file."""
    m = _BREAK.search(text)
    return m.group() if m else "\n"


def line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _line_end(text: str, pos: int) -> int:
    """Just after the line break that ends the line holding ``pos`` (the text's end if none)."""
    m = _BREAK.search(text, pos)
    return m.end() if m else len(text)


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends (block collections end at their last child's text, not at
    the next key, so comments after them stay where they are)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return max(max(int(k.end_mark.index), _content_end(v)) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return max(_content_end(v) for v in node.value)
    index: int = node.end_mark.index
    return index


def after(text: str, node: yaml.Node) -> int:
    """The start of the line after a node's last line."""
    end = _content_end(node)
    if end > 0 and text[end - 1] in "\r\n":  # a block scalar ends at the start of a line
        return end
    return _line_end(text, end)


def dash_at(text: str, item: yaml.Node) -> int | None:
    """Where the ``-`` of a block sequence item is (``None`` if something else stands there)."""
    i = item.start_mark.index - 1
    while i >= 0 and text[i] in " \r\n":
        i -= 1
    return i if i >= 0 and text[i] == "-" else None


def _columns(text: str, item: yaml.Node) -> tuple[int, int] | None:
    """The column of an item's ``-`` and of its first key."""
    dash = dash_at(text, item)
    if dash is None:
        return None
    dash_col = dash - line_start(text, dash)
    start = item.start_mark.index
    same_line = _BREAK.search(text, dash, start) is None
    key_col = start - line_start(text, start) if same_line else dash_col + 2
    return dash_col, max(key_col, dash_col + 2)


def _column(text: str, node: yaml.Node) -> int:
    index: int = node.start_mark.index
    return index - line_start(text, index)


def _style(text: str, root: yaml.MappingNode) -> tuple[int, int]:
    """How this file indents a list (dash after its key, key after the dash); ``(2, 2)``."""
    for k, v in root.value:
        if isinstance(v, yaml.SequenceNode) and not v.flow_style and v.value:
            cols = _columns(text, v.value[0])
            if cols is not None:
                return max(cols[0] - _column(text, k), 0), cols[1] - cols[0]
    return 2, 2


def _item(fields: Sequence[tuple[str, str]], dash_col: int, key_col: int, eol: str) -> str:
    first = " " * dash_col + "-" + " " * (key_col - dash_col - 1)
    pad = " " * key_col
    return "".join(
        (first if i == 0 else pad) + f"{key}: {v}" + eol for i, (key, v) in enumerate(fields)
    )


class CannotSplice(WriteRefused):
    """The text is laid out so that lines cannot be added safely; nothing was written."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"Không thể tự thêm bản ghi vào tệp: {reason}",
            "Không ghi gì. Sửa phần đó thành danh sách mỗi mục một dòng '- ' (như README), "
            "rồi chạy lại; hoặc thêm bản ghi bằng tay.",
        )


@dataclass(frozen=True)
class Window:
    """A span of a spliced text that YAML reads on its own the way it reads in the file: the
    lines put in, with the items next to them. ``first`` is the index, in the list, of the
    window's first item and ``count`` how many it holds; ``first`` is ``None`` when the window
    is the whole ``section: [...]`` entry."""

    start: int
    end: int
    first: int | None
    count: int = 1


def put_item(
    text: str,
    root: yaml.Node | None,
    section: str,
    fields: Sequence[tuple[str, str]],
    replace: int | None = None,
) -> str:
    """The text with one item (``fields``: key and YAML text of each line) added at the end of
    the top-level list ``section`` (or put in place of item ``replace``); every other line is
    kept byte for byte. The list is created when the file has none."""
    return put_item_at(text, root, section, fields, replace)[0]


def put_item_at(
    text: str,
    root: yaml.Node | None,
    section: str,
    fields: Sequence[tuple[str, str]],
    replace: int | None = None,
) -> tuple[str, Window | None]:
    """``put_item``, and the window of the new text that proves it (``None``: only the whole
    text can, e.g. after a last line that had no line break)."""
    eol = line_ending(text)
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        raise CannotSplice(
            "cấp ngoài cùng của tệp không phải dạng 'khóa: giá trị' mỗi khóa một dòng."
        )
    dash_off, key_off = _style(text, root)
    found = child(root, section)
    if found is None:
        col = _column(text, root.value[0][0])
        ended = not text or text[-1] in "\r\n"
        head = text if ended else text + eol
        body = (
            " " * col
            + f"{section}:"
            + eol
            + _item(fields, col + dash_off, col + dash_off + key_off, eol)
        )
        window = Window(len(head), len(head) + len(body), None) if ended else None
        return head + body, window
    key, node = found
    col = _column(text, key)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        if replace is not None:
            item = node.value[replace]
            cols, dash = _columns(text, item), dash_at(text, item)
            if cols is None or dash is None:
                raise CannotSplice(
                    f"không tìm thấy dấu '-' của mục thứ {replace + 1} trong '{section}'."
                )
            start, end = line_start(text, dash), after(text, item)
            new = _item(fields, *cols, eol)
            first, window_start = replace, start
            before = node.value[replace - 1] if replace > 0 else None
            if before is not None and (prev_dash := dash_at(text, before)) is not None:
                first, window_start = replace - 1, line_start(text, prev_dash)
            window_end = start + len(new)
            if replace + 1 < len(node.value):
                window_end += after(text, node.value[replace + 1]) - end
            count = replace - first + 1 + (replace + 1 < len(node.value))
            window = Window(window_start, window_end, first, count)
            return text[:start] + new + text[end:], window
        last = node.value[-1]
        cols, dash = _columns(text, last), dash_at(text, last)
        if cols is None or dash is None:
            raise CannotSplice(f"không tìm thấy dấu '-' của mục cuối trong '{section}'.")
        pos = _absorb_comments(text, after(text, last), col)
        head = text[:pos] if pos == 0 or text[pos - 1] in "\r\n" else text[:pos] + eol
        new = _item(fields, *cols, eol)
        window = Window(line_start(text, dash), len(head) + len(new), len(node.value) - 1, 2)
        return head + new + text[pos:], window
    empty_flow = isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value
    null = isinstance(node, yaml.ScalarNode) and node.tag == NULL and not node.style
    if not (empty_flow or null):
        raise CannotSplice(
            f"'{section}' viết trên một dòng dạng [ … ]; kstthc chỉ ghi thêm vào danh sách "
            "mỗi mục một dòng '- '."
        )
    start = line_start(text, key.start_mark.index)
    end = _line_end(text, node.end_mark.index)
    head = text[start : node.start_mark.index].rstrip()
    tail = text[node.end_mark.index : end].strip()
    line = head + (f" {tail}" if tail else "") + eol
    body = _item(fields, col + dash_off, col + dash_off + key_off, eol)
    return text[:start] + line + body + text[end:], Window(start, start + len(line + body), None)


def remove_item(text: str, root: yaml.Node | None, section: str, index: int) -> str:
    """The text without item ``index`` of the block list ``section``: its lines, from its
    ``-`` to its last line, go; every other line stays as it was."""
    found = child(root, section)
    node = found[1] if found is not None else None
    if not isinstance(node, yaml.SequenceNode) or not 0 <= index < len(node.value):
        raise CannotSplice(f"không có mục thứ {index + 1} trong '{section}'.")
    item = node.value[index]
    dash = dash_at(text, item)
    if node.flow_style or dash is None:
        raise CannotSplice(f"không tìm thấy dấu '-' của mục thứ {index + 1} trong '{section}'.")
    return text[: line_start(text, dash)] + text[after(text, item) :]


def _absorb_comments(text: str, pos: int, key_col: int) -> int:
    """Comment lines indented under the list, right after its last item, belong to that item."""
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end].rstrip("\r\n")
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= key_col:
            break
        pos = end
    return pos
