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
from kstthc_cli.load.yamlio import NULL, parse_text
from kstthc_cli.messages import Said, said

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


_DASH_COMMENT = re.compile(r"( *-)[ \t]+#")


def dash_at(text: str, item: yaml.Node) -> int | None:
    """Where the ``-`` of a block sequence item is (``None`` if something else stands there)."""
    i = item.start_mark.index - 1
    while True:
        while i >= 0 and text[i] in " \r\n":
            i -= 1
        if i < 0:
            return None
        if text[i] == "-":
            return i
        begin = line_start(text, i)
        line = text[begin : i + 1]
        if line.lstrip(" ").startswith("#"):  # a comment line between the dash and the item
            i = begin - 1
            continue
        m = _DASH_COMMENT.match(line)  # "- # …": the dash's own comment
        return begin + m.end(1) - 1 if m else None


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

    def __init__(self, reason: Said) -> None:
        super().__init__(said("refused/cannot-splice", reason=reason.message))


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
        raise CannotSplice(said("refused/splice-top"))
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
                    said("refused/splice-no-dash", number=replace + 1, section=section)
                )
            start, end = line_start(text, dash), after(text, item)
            new = _edited_item(text, item, fields, start, end, eol)
            if new is None:  # a layout edited only as a whole: nothing of the officer's lost?
                found_comments = comments(text, start, end, item)
                if found_comments:
                    raise CommentInTheWay(found_comments[0])
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
            raise CannotSplice(said("refused/splice-no-last-dash", section=section))
        pos = _absorb_comments(text, after(text, last), col)
        head = text[:pos] if pos == 0 or text[pos - 1] in "\r\n" else text[:pos] + eol
        new = _item(fields, *cols, eol)
        window = Window(line_start(text, dash), len(head) + len(new), len(node.value) - 1, 2)
        return head + new + text[pos:], window
    empty_flow = isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value
    null = isinstance(node, yaml.ScalarNode) and node.tag == NULL and not node.style
    if not (empty_flow or null):
        raise CannotSplice(said("refused/splice-flow", section=section))
    start = line_start(text, key.start_mark.index)
    end = _line_end(text, node.end_mark.index)
    head = text[start : node.start_mark.index].rstrip()
    tail = text[node.end_mark.index : end].strip()
    line = head + (f" {tail}" if tail else "") + eol
    body = _item(fields, col + dash_off, col + dash_off + key_off, eol)
    return text[:start] + line + body + text[end:], Window(start, start + len(line + body), None)


def item_comments(text: str, root: yaml.Node | None, section: str, index: int) -> list[Comment]:
    """The comments written inside item ``index`` of the block list ``section``."""
    node = value(root, section)
    if not isinstance(node, yaml.SequenceNode) or not 0 <= index < len(node.value):
        return []
    item = node.value[index]
    dash = dash_at(text, item)
    start = line_start(text, dash) if dash is not None else item.start_mark.index
    return comments(text, start, after(text, item), item)


def remove_item(text: str, root: yaml.Node | None, section: str, index: int) -> str:
    """The text without item ``index`` of the block list ``section``: its lines, from its
    ``-`` to its last line, go; every other line stays as it was. The officer's comments in
    the item stay where the item was: a comment line as it is, an end-of-line comment on a line
    of its own, indented as the line it ended."""
    found = child(root, section)
    node = found[1] if found is not None else None
    if not isinstance(node, yaml.SequenceNode) or not 0 <= index < len(node.value):
        raise CannotSplice(said("refused/splice-no-item", number=index + 1, section=section))
    item = node.value[index]
    dash = dash_at(text, item)
    if node.flow_style or dash is None:
        raise CannotSplice(said("refused/splice-no-dash", number=index + 1, section=section))
    start, end = line_start(text, dash), after(text, item)
    eol = line_ending(text)
    return (
        text[:start]
        + "".join(_kept(text, c, eol) for c in comments(text, start, end, item))
        + (text[end:])
    )


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


# ---------------------------------------------------------------- the officer's comments


@dataclass(frozen=True)
class Comment:
    """A comment the officer wrote: where its ``#`` is, its 1-based line, its text (from the
    ``#`` to the end of the line), and whether it has its line to itself."""

    start: int
    line: int
    text: str
    own_line: bool


class CommentInTheWay(WriteRefused):
    """The record cannot be replaced in place and rewriting it whole would lose the comment
    ``comment``; nothing was written."""

    def __init__(self, comment: Comment, display: str | None = None) -> None:
        shown = comment.text if len(comment.text) <= 60 else comment.text[:59] + "…"
        if display:
            words = said("refused/comment-in-file", line=comment.line, display=display, shown=shown)
        else:
            words = said("refused/comment-in-the-way", line=comment.line, shown=shown)
        super().__init__(words)
        self.comment = comment


def _scalars(node: yaml.Node) -> Iterable[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _scalars(k)
            yield from _scalars(v)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            yield from _scalars(v)


_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


def _covered(text: str, node: yaml.ScalarNode) -> list[tuple[int, int]]:
    """The spans of a scalar's own text: a block scalar's header line holds a comment after
    its ``|`` or ``>``, not the scalar's text."""
    start, end = span(node)
    if node.style not in ("|", ">"):
        return [(start, end)]
    m = _BLOCK_HEADER.match(text, start)
    header_end = m.end() if m else start + 1
    return [(start, header_end), (min(_line_end(text, header_end), end), end)]


def comments(text: str, start: int, end: int, node: yaml.Node) -> list[Comment]:
    """The comments in ``text[start:end]``, the lines of ``node`` (no scalar's text is read
    as one: a ``#`` inside quotes or a block scalar is the officer's data)."""
    spans = sorted(s for scalar in _scalars(node) for s in _covered(text, scalar))
    found: list[Comment] = []
    pos = start
    while (pos := text.find("#", pos, end)) >= 0:
        inside = next((e for s, e in spans if s <= pos < e), None)
        if inside is not None:
            pos = inside
            continue
        line_end = _line_end(text, pos)
        begin = line_start(text, pos)
        found.append(
            Comment(
                start=pos,
                line=len(_BREAK.findall(text, 0, begin)) + 1,
                text=text[pos:line_end].rstrip("\r\n"),
                own_line=not text[begin:pos].strip(),
            )
        )
        pos = line_end
    return found


def _kept(text: str, comment: Comment, eol: str) -> str:
    """A comment's line as it stays after its item's lines go."""
    begin = line_start(text, comment.start)
    if comment.own_line:
        return text[begin : _line_end(text, comment.start)].rstrip("\r\n") + eol
    indent = len(text[begin:]) - len(text[begin:].lstrip(" "))
    return " " * indent + comment.text + eol


def _value_end(text: str, node: yaml.Node) -> int:
    """The start of the line after a value's last line that has text (a block scalar's
    trailing blank lines stay where they are)."""
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        header = _line_end(text, node.start_mark.index)
        body = text[header : node.end_mark.index]
        stripped = body.rstrip(" \r\n")
        if not stripped:
            return header
        return _line_end(text, header + len(stripped))
    return after(text, node)


def _same(node: yaml.Node, new: str) -> bool:
    """The value written ``new`` reads as the node already in the file."""
    doc = parse_text(f"v: {new}\n")
    root = doc.root
    if doc.problems or not isinstance(root, yaml.MappingNode) or not root.value:
        return False
    written = root.value[0][1]
    return (
        isinstance(node, yaml.ScalarNode)
        and isinstance(written, yaml.ScalarNode)
        and (node.tag, node.value) == (written.tag, written.value)
    )


def _value_edit(text: str, node: yaml.ScalarNode, new: str, eol: str) -> Edit:
    """The value's text replaced by ``new``; a block scalar's header comment stays after it."""
    start = node.start_mark.index
    if node.style not in ("|", ">"):
        return Edit(start, node.end_mark.index, new)
    m = _BLOCK_HEADER.match(text, start)
    header_end = m.end() if m else start + 1
    rest = text[header_end : _line_end(text, header_end)].rstrip("\r\n")
    return Edit(start, _value_end(text, node), new + rest + eol)


def _edited_item(
    text: str,
    item: yaml.Node,
    fields: Sequence[tuple[str, str]],
    start: int,
    end: int,
    eol: str,
) -> str | None:
    """The new text of ``text[start:end]``, the lines of ``item``, edited in place to hold
    ``fields``: a value that stays keeps its text, a changed value is replaced where it is
    written, a new key goes after the key before it, a key that goes takes its lines with it
    (its comments stay, an end-of-line one on a line of its own). Every comment and blank line
    stays where the officer put it. ``None``: the item is not laid out one key a line."""
    if not isinstance(item, yaml.MappingNode) or item.flow_style or not item.value:
        return None
    old: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for k, v in item.value:
        if not isinstance(k, yaml.ScalarNode) or not isinstance(v, yaml.ScalarNode):
            return None
        old[k.value] = (k, v)
    if len(old) != len(item.value):
        return None
    col = _column(text, item.value[0][0])
    edits: list[Edit] = []
    names = [name for name, _ in fields]
    for i, (name, new) in enumerate(fields):
        if name in old:
            node = old[name][1]
            if not _same(node, new):
                assert isinstance(node, yaml.ScalarNode)
                edits.append(_value_edit(text, node, new, eol))
            continue
        before = next((old[n][1] for n in reversed(names[:i]) if n in old), item.value[0][1])
        pos = _value_end(text, before)
        lead = eol if pos == len(text) and text and text[-1] not in "\r\n" else ""
        edits.append(Edit(pos, pos, f"{lead}{' ' * col}{name}: {new}{eol}"))
    for name, (k, v) in old.items():
        if name in names:
            continue
        begin = line_start(text, k.start_mark.index)
        if text[begin : k.start_mark.index].strip():  # the key shares the line of the '-'
            return None
        stop = _value_end(text, v)
        kept = "".join(_kept(text, c, eol) for c in comments(text, begin, stop, item))
        edits.append(Edit(begin, stop, kept))
    out = apply(text, edits)
    return out[start : end + len(out) - len(text)]
