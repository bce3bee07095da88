"""Reading YAML as an officer writes it: YAML 1.2 scalars, every node's position, nothing executed.

The C parser (libyaml) composes the node tree; our own walk turns it into plain data, refusing
duplicate keys, foreign tags and alias bombs. The node tree is kept so that a problem found later
(by pydantic or a rule) can be pointed at its line and column without any cost on the happy path.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import operator
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from kstthc_cli.load.text import MAX_DIGITS
from kstthc_cli.messages import Said, said
from kstthc_cli.problems import Problem, Severity

try:  # libyaml is there on every mainstream wheel; the pure-Python parser is the fallback.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
ALLOWED_TAGS = {STR, INT, FLOAT, BOOL, NULL, MAP, SEQ}

#: Most values a document may expand to; a few thousand is a big plan, this stops alias bombs.
MAX_NODES = 500_000
MAX_DEPTH = 64
#: Characters a value may not hold, however written: C0 controls but tab and newline, DEL, C1
#: controls, lone surrogates and the non-characters U+FFFE/U+FFFF (Word and Excel refuse them).
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


#: A line (after a newline) that starts, after blanks, with neither blank nor ``#``: a file with
#: one is not empty. Without one it may still have content after another line break (``\r``).
_CONTENT = re.compile(r"^[^\S\n]*[^\s#]", re.MULTILINE)


def _has_aliases(text: str) -> bool:
    return "*" in text and "&" in text


#: The YAML 1.2 core schema's implicit types of a plain scalar: its words (null, booleans)
#: and its numbers. A plain scalar never ends in a line break, so whole-string matches are
#: what the schema's anchored patterns say.
_WORDS: dict[str, str] = dict.fromkeys(("~", "null", "Null", "NULL", ""), NULL) | dict.fromkeys(
    ("true", "True", "TRUE", "false", "False", "FALSE"), BOOL
)
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_NUMBER_START = frozenset("-+.0123456789")
_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode


class _Resolver12(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema: ``no``, ``on``, ``yes`` stay text; no timestamps; ``0o17``."""

    # PyYAML's generic version runs once per node, 2,000 times a commune: with no path
    # resolvers and no wildcard resolvers this is all it amounts to, the words looked up
    # whole and only what starts as a number matched against the number patterns.
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not _SCALAR:
            return SEQ if kind is _SEQUENCE else MAP
        if not implicit[0]:  # quoted, or tagged ``!``
            return STR
        word = _WORDS.get(value)
        if word is not None:
            return word
        if value[:1] in _NUMBER_START:
            if (value.isdigit() and value.isascii()) or _INT.fullmatch(value):
                return INT
            if _FLOAT.fullmatch(value):
                return FLOAT
        return STR

    # The composer calls these two around every node, for path resolvers (there are none
    # here). As Python methods that is two frames per node, 5% of composing a file; C
    # callables that take the same arguments and change nothing cost a call each, no frame.
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # (node, index)
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # ()


class _Composer(_Parser, _Resolver12):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver12.__init__(self)


class YInt(int):
    """An integer that remembers how it was written, so an id such as ``01`` stays ``"01"``."""

    raw: str


class YFloat(float):
    """A float that remembers how it was written, so an id such as ``11.30`` stays text."""

    raw: str


@dataclass
class Document:
    """A loaded YAML file: its text, the node tree, and the data built from it."""

    path: Path
    display: str
    text: str
    root: yaml.Node | None = None
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    _lines: list[str] | None = None

    def line_text(self, line: int) -> str | None:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return None

    def problem_at(
        self,
        line: int | None,
        column: int | None,
        code: str | Said,
        message: str = "",
        hint: str = "",
        severity: Severity = "error",
        *,
        about: str = "",
    ) -> Problem:
        """The problem at ``line``:``column``: a message of the catalogue (``said(…)``), or a
        code with its words."""
        source = self.line_text(line) if line is not None else None
        if isinstance(code, Said):
            return Problem.of(self.display, line, column, code, severity, source, about=about)
        return Problem(
            self.display, line, column, code, severity, message, hint, source, about=about
        )

    def locate(self, path: Sequence[str | int], key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the value at ``path`` (of its key with ``key=True``).

        Where the path runs out of the tree (a missing key), the deepest node reached is used.
        """
        node = self.root
        if node is None:
            return (1, 1) if self.text else (None, None)
        mark = node.start_mark
        for i, step in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                        mark = k.start_mark if (last and key) else v.start_mark
                        node = v
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    node = node.value[step]
                    mark = node.start_mark
                else:
                    break
            else:
                break
        return mark.line + 1, mark.column + 1

    def problem(
        self,
        path: Sequence[str | int],
        code: str | Said,
        message: str = "",
        hint: str = "",
        severity: Severity = "error",
        key: bool = False,
    ) -> Problem:
        line, column = self.locate(path, key=key)
        found = self.problem_at(line, column, code, message, hint, severity)
        if severity == "warning" and acknowledged(self.data, path, found.code):
            return replace(found, acknowledged=True)
        return found


#: The key any mapping item may carry to acknowledge the warnings (their codes) about it.
ACKNOWLEDGE = "acknowledge"


def acknowledged(data: Any, path: Sequence[str | int], code: str) -> bool:
    """Whether a mapping on ``path`` (the value a warning is about, or one around it) lists
    ``code`` under ``acknowledge``: a warning the officer has checked and keeps."""
    node = data
    for step in (None, *path):
        if step is not None:
            if isinstance(node, dict):
                node = node.get(str(step), node.get(step))
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
            else:
                return False
        if isinstance(node, dict):
            codes = node.get(ACKNOWLEDGE)
            if codes == code or (isinstance(codes, list) and code in codes):
                return True
    return False


def display_path(path: Path) -> str:
    """The path as the officer typed it: relative to the current folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(_resolved(os.getcwd())))
    except (ValueError, OSError, RuntimeError):  # elsewhere; a loop of links (RuntimeError)
        return str(path)


@functools.lru_cache(maxsize=8)  # a rollup shows ~4 paths a commune, all from one folder
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def display_in(folder: str, path: Path) -> str:
    """``display_path(path)`` of a file right inside the folder ``display_path`` shows as
    ``folder``, without resolving the folder again: the folder's words and the file's name,
    unless the file is a link (resolved, as ``display_path`` resolves it)."""
    try:
        linked = path.is_symlink()
    except OSError:  # cannot be looked at (a folder it may not list): as display_path says it
        linked = True
    return display_path(path) if linked else str(Path(folder) / path.name)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file; every problem found is in ``Document.problems``
    (``display``: how the file is named in them, ``display_path`` by default)."""
    doc = Document(path=path, display=display or display_path(path), text="")
    raw = _read_bytes(doc)
    if raw is None:
        return doc
    return _from_bytes(doc, raw)


def document_from_bytes(path: Path, raw: bytes, display: str | None = None) -> Document:
    """A YAML file already read (a member of a pack, read in memory), parsed as
    ``read_document`` parses a file; ``display`` names it in problems."""
    doc = Document(path=path, display=display or display_path(path), text="")
    return _from_bytes(doc, raw)


def _from_bytes(doc: Document, raw: bytes) -> Document:
    text = _decode(doc, raw)
    if text is None:
        return doc
    doc.text = text
    parse_into(doc)
    return doc


def parse_text(text: str, display: str = "<văn bản>") -> Document:
    doc = Document(path=Path(display), display=display, text=text)
    parse_into(doc)
    return doc


def _read_bytes(doc: Document) -> bytes | None:
    from kstthc_cli.osfiles import NotReadable, read_regular

    try:
        raw = read_regular(doc.path)
    except NotReadable as exc:
        doc.problems.append(doc.problem_at(None, None, exc.code, exc.message, exc.hint))
        return None
    if raw is None:
        doc.problems.append(doc.problem_at(None, None, said("file-missing"), about="data-file"))
    return raw


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without its byte-order mark: YAML's ASCII keys leave every other byte NUL."""
    sample = raw[:400]
    return len(sample) >= 8 and (
        sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4
    )


def _decode(doc: Document, raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        doc.problems.append(doc.problem_at(1, 1, said("encoding/utf-16")))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):  # a BOM, as Windows Notepad writes: accepted
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.text = raw.decode("utf-8", errors="replace")
        doc.problems.append(doc.problem_at(line, column, said("encoding")))
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        doc.problems.append(doc.problem_at(line, 1, said("encoding/nul")))
        return None
    return text


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Parsing builds ~10 objects a line; the cyclic collector would rescan them all the time
    (three times slower on a large file). Nothing here makes cycles worth collecting."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def parse_into(doc: Document) -> None:
    """Parse ``doc.text`` into ``doc.root`` and ``doc.data``, recording problems."""
    with gc_paused():
        _parse_into(doc)


def _parse_into(doc: Document) -> None:
    text = doc.text
    if _CONTENT.search(text) is None and (  # found: something is written (the usual case)
        not text.strip()
        or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())
    ):  # blank, or comments only
        doc.problems.append(
            doc.problem_at(1 if text else None, 1 if text else None, said("file-empty"))
        )
        return
    if _tabs(doc):
        return
    try:
        loader = _Composer(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(doc, exc))
        return
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_unreadable_character(doc, exc))
        return
    except yaml.YAMLError:  # pragma: no cover - libyaml gives marks or a position
        doc.problems.append(doc.problem_at(None, None, said("yaml-syntax/unreadable")))
        return
    doc.root = root
    if root is None:
        return
    builder = _Builder(doc)
    doc.data = builder.build(root, 0)


def _tabs(doc: Document) -> bool:
    if "\t" not in doc.text:
        return False
    found = False
    for number, line in enumerate(doc.text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            found = True
            doc.problems.append(doc.problem_at(number, line.index("\t") + 1, said("tab")))
    return found


#: The parser's English (a part of it) → the catalogue's message (``messages.MESSAGES``).
_SYNTAX_MESSAGES: list[tuple[str, Said]] = [
    ("block scalar", said("yaml-syntax/block-scalar")),
    ("cannot start any token", said("yaml-syntax/special-start")),
    ("mapping values are not allowed", said("yaml-syntax/colon")),
    ("found undefined alias", said("yaml-syntax/alias")),
    ("expected a single document", said("yaml-syntax/documents")),
    ("end of stream", said("yaml-syntax/end")),
    ("unknown escape character", said("yaml-syntax/escape-general")),
    ("could not find expected ':'", said("yaml-syntax/no-colon")),
    ("expected <block end>", said("yaml-syntax/indent")),
    ("did not find expected key", said("yaml-syntax/indent-key")),
    ("did not find expected '-'", said("yaml-syntax/list")),
    ("directive", said("yaml-syntax/directive")),
    ("nesting depth", said("yaml-syntax/depth")),
    ("did not find expected", said("yaml-syntax/structure")),
]


#: A line that starts with one of our keys (``op: ...``, ``- id: ...``): our keys are all
#: lower-case ASCII, so wrapped Vietnamese text inside quotes does not look like one.
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[a-z_][a-z0-9_]*:(?:\s|$)")
_VALUE_LINE = re.compile(r"^\s*(?:-\s+)?(?P<key>[a-z_][a-z0-9_]*):\s+(?P<value>[^#]*?)\s*(?:#.*)?$")
#: Keys whose value is a number: quoting a value such as ">= 80%" would not help there.
_NUMBER_KEYS = {
    "value",
    "baseline",
    "year",
    "due_day",
    "due_soon_days",
    "increase",
    "cap",
    "numerator",
    "denominator",
}
_QUOTE_WORDS = {'"': 'dấu ngoặc kép "', "'": "dấu nháy đơn '"}


def _unclosed_quote(doc: Document, exc: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line (0-based) and quote of a quoted value left open before the error: its text
    runs on into the next lines (up to the next quote, or the end of the file), and the error
    is reported further down, where the officer sees nothing wrong."""
    mark = exc.problem_mark or exc.context_mark
    limit = (mark.line, mark.column) if mark else (len(doc.text.splitlines()), 0)
    lines = doc.text.splitlines()
    loader = _Composer(doc.text)
    try:
        while (token := loader.get_token()) is not None:
            start, end = token.start_mark, token.end_mark
            if (start.line, start.column) >= limit:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in _QUOTE_WORDS
                and end.line > start.line
                and any(_KEY_LINE.match(text) for text in lines[start.line + 1 : end.line + 1])
            ):
                return start.line, str(token.style)
    except yaml.MarkedYAMLError as scan:
        opened = scan.context_mark
        if scan.context and "quoted scalar" in scan.context and opened is not None:
            quote = (
                (lines[opened.line][opened.column : opened.column + 1])
                if opened.line < len(lines)
                else ""
            )
            return opened.line, quote if quote in _QUOTE_WORDS else '"'
    finally:
        loader.dispose()
    return None


def _quoting_hint(doc: Document, line: int | None) -> str | None:
    """Advice that works for the line at hand: quoting the words, or a number alone."""
    m = _VALUE_LINE.match(doc.line_text(line) or "") if line is not None else None
    if m is None or not m["value"]:
        return None
    key, value = m["key"], m["value"]
    if key in _NUMBER_KEYS:
        number = re.search(r"\d+(?:[.,]\d+)?", value)
        example = number.group().replace(",", ".") if number else "80"
        hint = (
            f"'{key}' chỉ ghi số, không có dấu so sánh hay %, không đặt trong ngoặc kép: "
            f"{key}: {example}."
        )
        if key == "value":
            hint += (
                ' Dấu so sánh ghi ở op (op: ">="); hoặc viết gọn cả chỉ tiêu trên một dòng, '
                f'trong ngoặc kép: target: "{value}".'
            )
        return hint
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'Đặt cả giá trị trong ngoặc kép: {key}: "{quoted}".'


def _unreadable_character(doc: Document, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow in a file (a control character pasted from Word or a web
    page), at its line and column."""
    text = doc.text
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    at = exc.position  # libyaml counts UTF-8 bytes, PyYAML's own reader characters
    if not (0 <= at < len(text) and ord(text[at]) == code):
        at = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    before = text[:at]
    line = before.count("\n") + 1
    column = at - (before.rfind("\n") + 1) + 1
    return doc.problem_at(line, column, said("bad-character", character=f"U+{code:04X}"))


def _bad_escape(doc: Document, mark: yaml.Mark) -> Problem:
    """``"D:\\hoso\\2024"``: inside double quotes ``\\h`` is an escape YAML does not know (a
    Windows path pasted as it is); the quote itself is closed."""
    text = doc.line_text(mark.line + 1) or ""
    at = mark.column
    # libyaml points at the backslash, PyYAML's own scanner at the letter after it
    if at < len(text) and text[at] != "\\" and at > 0 and text[at - 1] == "\\":
        at -= 1
    escape = text[at : at + 2] if at < len(text) else "\\"
    m = _VALUE_LINE.match(text)
    example = ""
    if m is not None and m["value"].startswith('"') and m["value"].endswith('"'):
        inner = m["value"][1:-1]
        if "'" not in inner:
            example = f"{m['key']}: '{inner}'"
        else:
            example = f'{m["key"]}: "{inner.replace(chr(92), chr(92) * 2)}"'
    return doc.problem_at(
        mark.line + 1,
        at + 1,
        said("yaml-syntax/escape-example", escape=escape, example=example)
        if example
        else said("yaml-syntax/escape", escape=escape),
    )


def _syntax_problem(doc: Document, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    english = " ".join(x for x in (exc.context, exc.problem) if x)
    if "unknown escape" in english and mark is not None:
        return _bad_escape(doc, mark)
    if "escape code" in english and mark is not None:  # "\ud800": no character of its own
        return doc.problem_at(mark.line + 1, mark.column + 1, said("bad-character/escape-code"))
    opened = _unclosed_quote(doc, exc)
    if opened is not None:
        number, quote = opened
        text = (doc.line_text(number + 1) or "").rstrip()
        at, named, example = number + 1, _QUOTE_WORDS[quote], f"{text.strip()}{quote}"
        if mark is not None and doc.line_text(mark.line + 1) is not None:
            missing = said(
                "yaml-syntax/unclosed-until",
                line=at,
                quote=named,
                until=mark.line + 1,
                example=example,
            )
        elif mark is None:
            missing = said("yaml-syntax/unclosed", line=at, quote=named, example=example)
        elif doc.line_text(number + 2) is None:
            missing = said("yaml-syntax/unclosed-end", line=at, quote=named, example=example)
        else:
            missing = said("yaml-syntax/unclosed-to-end", line=at, quote=named, example=example)
        return doc.problem_at(number + 1, len(text) + 1, missing)  # fmt: skip
    # the parser's English never reaches the officer: a sentence of ours, or a general one
    words = next((w for needle, w in _SYNTAX_MESSAGES if needle in english), None)
    words = words or said("yaml-syntax")
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    if "block scalar" in english or "cannot start any token" in english:
        # advice for the line at hand: quoting the words, or a number alone
        words = replace(words, hint=_quoting_hint(doc, line) or words.hint)
    # libyaml reports an unexpected end at the line after the last; point at the last real line.
    if line is not None and doc.line_text(line) is None:
        lines = doc.text.splitlines()
        line = len(lines) if lines else None
        column = 1
    return doc.problem_at(line, column, words)


def _no_escape(node: yaml.ScalarNode) -> bool:
    """Text with nothing ``_Builder._scalar_ok`` refuses: only double quotes allow escapes."""
    return node.style != '"' or _BAD_CHARACTER.search(node.value) is None


class _Builder:
    """Turns a node tree into dicts, lists and scalars, collecting problems on the way.

    Most values of a plan are text: those are taken straight from their node in the loops over
    a mapping or a list (counted as ``build`` counts them); every other node goes through
    ``build``.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.stopped = False
        #: the collections being built, to refuse one that holds itself (only aliases can)
        self.active: set[int] | None = set() if _has_aliases(doc.text) else None
        #: no value can hold a character ``_scalar_ok`` refuses, there being no backslash to
        #: write one by an escape: a value holds what escapes make, the spaces and line breaks
        #: folding makes, and the text's own characters, which the reader has checked (it
        #: refuses the controls, and turns a line break inside quotes, ``\r`` or U+0085, into
        #: a space or ``\n``)
        self.clean = "\\" not in doc.text

    def _problem(self, node: yaml.Node, words: Said) -> None:
        m = node.start_mark
        self.doc.problems.append(self.doc.problem_at(m.line + 1, m.column + 1, words))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if self.stopped:
            return None
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            self.stopped = True
            if depth > MAX_DEPTH:
                words = said("yaml-too-large/depth", most=MAX_DEPTH)
            elif self.doc.root is not None and _has_aliases(self.doc.text):
                words = said("yaml-too-large/aliases")
            else:
                words = said("yaml-too-large", most=f"{MAX_NODES:,}".replace(",", "."))
            self._problem(node, words)
            return None
        if node.tag not in ALLOWED_TAGS:
            self._problem(node, said("yaml-tag", tag=node.tag))
            return None
        if isinstance(node, yaml.ScalarNode):
            if not self._scalar_ok(node):  # reported; a stand-in so nothing else is said of it
                return node.value if node.tag == STR or node.style else YInt(0)
            return self._scalar(node)
        active = self.active
        if active is not None:
            if id(node) in active:
                self._problem(node, said("yaml-recursive"))
                return None
            active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, depth)
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, depth)
        finally:
            if active is not None:
                active.discard(id(node))

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> list[Any]:
        below, build, clean = depth + 1, self.build, self.clean
        out: list[Any] = []
        for item in node.value:
            if (
                type(item) is yaml.ScalarNode
                and item.tag == STR
                and (clean or _no_escape(item))
                and below <= MAX_DEPTH
                and self.count < MAX_NODES
            ):
                self.count += 1
                out.append(item.value)
            else:
                out.append(build(item, below))
        return out

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        below, build, clean = depth + 1, self.build, self.clean
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                self._problem(key_node, said("yaml-key"))
                continue
            key = key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                self._problem(
                    key_node, said("duplicate-key", key=key, line=first.start_mark.line + 1)
                )
                continue
            if (
                type(value_node) is yaml.ScalarNode
                and value_node.tag == STR
                and (clean or _no_escape(value_node))
                and below <= MAX_DEPTH
                and self.count < MAX_NODES
            ):
                self.count += 1
                result[key] = value_node.value
            else:
                result[key] = build(value_node, below)
        return result

    def _scalar_ok(self, node: yaml.ScalarNode) -> bool:
        """A value written in double quotes may hold escapes (``"\\x01"``, ``"\\e[2J"``): a
        control character that way is refused as one typed in the file is; a whole number of
        more digits than Python reads is refused with its place."""
        value: str = node.value
        if (
            not self.clean
            and node.style == '"'
            and (bad := _BAD_CHARACTER.search(value)) is not None
        ):
            code = ord(bad.group())
            self._problem(node, said("bad-character/escaped", character=f"U+{code:04X}"))
            return False
        if node.tag == INT and not node.style and len(value) > MAX_DIGITS:
            digits = sum(ch.isdigit() for ch in value)
            self._problem(
                node,
                said(
                    "number-too-long",
                    digits=f"{digits:,}".replace(",", "."),
                    most=f"{MAX_DIGITS:,}".replace(",", "."),
                ),
            )
            return False
        return True

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        value: str = node.value
        tag = node.tag
        if tag == STR or node.style:
            return value
        if tag == NULL:
            return None
        if tag == BOOL:
            return value.lower() == "true"
        if tag == INT:
            if value.startswith("0o"):
                number = YInt(int(value[2:], 8))
            elif value.startswith("0x"):
                number = YInt(int(value[2:], 16))
            else:
                number = YInt(int(value))
            number.raw = value
            return number
        if tag == FLOAT:
            lowered = value.lower().lstrip("+")
            if lowered in (".inf", "-.inf", ".nan"):
                f = YFloat(lowered.replace(".", "", 1) if "inf" in lowered else "nan")
            else:
                f = YFloat(value)
            f.raw = value
            return f
        return value  # pragma: no cover
