"""The report in Markdown, through a Jinja template the officer may replace.

The template only lays out the ``Report`` context. Jinja runs sandboxed, with undefined names as
errors: a mistake in a template is a Vietnamese message naming the file and line, never a
silently empty report.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstthc_cli.errors import KstthcError, UsageError
from kstthc_cli.load.workspace import bundled_root
from kstthc_cli.load.yamlio import display_path
from kstthc_cli.messages import said
from kstthc_cli.osfiles import os_words
from kstthc_cli.render import textfmt

if TYPE_CHECKING:
    from kstthc_cli.compute.report import Report

TEMPLATE_NAME = "report.md.j2"


def bundled_templates() -> Path:
    return bundled_root() / "templates"


def find_template(data_dir: Path, explicit: Path | None = None) -> Path:
    """``--template FILE``, else the workspace's own ``templates/report.md.j2`` (in the data
    folder or beside it), else the bundled one."""
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(
                said("usage/template-missing", path=explicit), about="template-missing"
            )
        return explicit
    for folder in (data_dir / "templates", data_dir.parent / "templates"):
        candidate = folder / TEMPLATE_NAME
        if candidate.is_file():
            return candidate
    return bundled_templates() / TEMPLATE_NAME


def _cell(value: Any) -> Any:
    """Text safe inside a pipe-table cell: escaped like any text, pipes too."""
    from markupsafe import Markup

    return Markup(_escape_text(str(value), _CELL_MARKUP))


#: What would turn the officer's words into Markdown (pandoc's or CommonMark) anywhere in a
#: line: emphasis and code (``* _ ` ``), links, images, footnotes and citations (``[``), HTML
#: and autolinks (``<``), strikeout, sub- and superscript (``~ ^``), TeX math (``$``), citations
#: (``@so``), emoji codes (``:smile:``), backslash escapes themselves, and entity references
#: (``&amp;``). An underscore or ``@`` inside a word (``plan_2024``, ``vp@xa.gov.vn``) is literal
#: already and is left alone, as is every other character.
_MARKUP = re.compile(r"[\\`*\[<~^$]|(?<!\w)[_@]|_(?!\w)|&(?=#?\w+;)|:(?=[\w+-]+:)")
#: What would start a block when the words open a line, as a Nơi nhận entry opens its list item:
#: a heading, quote, bullet, line block or definition mark, or a numbered or lettered list
#: marker (``1.``, ``a)``, ``(2)``, ``IV.``), whose closing mark is escaped.
_CELL_MARKUP = re.compile(_MARKUP.pattern + r"|\|")
_LEADING_MARK = re.compile(r"#|>|[+\-|:](?=\s|$)")
_LEADING_NUMBER = re.compile(r"\(?(?:\d+|[A-Za-z]|[IVXLCDMivxlcdm]+)(?=[.)](?:\s|$))")


def _escape(value: Any) -> Any:
    """The officer's words are text, not Markdown: a ``*`` in a note must not become italics,
    and a line break in a note must not start a heading or a list. The narrative file is
    Markdown on purpose and is passed through as it is."""
    from markupsafe import Markup

    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    return _escape_text(value, _MARKUP)


def md_text(value: str, *, cell: bool = False) -> str:
    """The officer's (or a commune's) words as literal Markdown text, on one line; ``cell``:
    inside a pipe-table cell. The one escaping of every Markdown kstthc writes."""
    return _escape_text(value, _CELL_MARKUP if cell else _MARKUP)


def _escape_text(value: str, markup: re.Pattern[str]) -> str:
    text = markup.sub(lambda m: "\\" + m.group(), " ".join(textfmt.printable(value).split()))
    if _LEADING_MARK.match(text):
        return "\\" + text
    if number := _LEADING_NUMBER.match(text):
        return text[: number.end()] + "\\" + text[number.end() :]
    return text


def context(report: Report) -> dict[str, Any]:
    """The template's variables: the report's fields, by name (``header``, ``headings``, …)."""
    names = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
    names["file_stem"] = report.file_stem
    names["appendices"] = report.appendices
    return names


def officer_markdown(value: Any) -> Any:
    """The officer's words as Markdown: a ``.md`` file as written (it is Markdown on purpose);
    a Word file's paragraphs, items and headings with their words escaped, bold and italic
    kept."""
    from markupsafe import Markup

    from kstthc_cli.load.officer import OfficerText

    if not isinstance(value, OfficerText):
        return value
    if value.markdown is not None:
        return Markup(value.markdown)
    out: list[str] = []
    for block in value.blocks:
        text = "".join(_run_markdown(r.text, r.bold, r.italic) for r in block.runs)
        if block.kind == "heading":
            out.append(f"**{text}**")
        elif block.kind == "item":
            out.append(f"- {text}")
        else:
            out.append(text)
    return Markup("\n\n".join(out))


def _run_markdown(text: str, bold: bool, italic: bool) -> str:
    core = text.strip()
    if not core:
        return text
    lead, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    escaped = md_text(core)
    if bold:
        escaped = f"**{escaped}**"
    if italic:
        escaped = f"*{escaped}*"
    return f"{lead and ' '}{escaped}{tail and ' '}"


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:]


def render(report: Report, template: Path) -> str:
    """Render ``template`` with the report; a template error is a ``KstthcError`` (exit 1)."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    try:
        source = template.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KstthcError(
            said("failed/template-encoding", path=display_path(template), at=exc.start)
        ) from None
    except OSError as exc:
        raise KstthcError(
            said("failed/template-unreadable", path=display_path(template), why=os_words(exc))
        ) from None

    folders = [str(template.resolve().parent), str(bundled_templates())]
    env = _bounded(SandboxedEnvironment)(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_escape,
    )
    env.filters.update(
        cell=_cell,
        pct=textfmt.pct,
        num=textfmt.num,
        vndate=textfmt.d,
        officer=officer_markdown,
        lower_first=_lower_first,
    )
    filename = str(template.resolve())
    try:
        # Compiled under the file's own name (from_string would say "<template>"), so errors
        # and Jinja's traceback frames point at the officer's file.
        code = env.compile(source, name=template.name, filename=filename)
        compiled = env.template_class.from_code(env, code, env.make_globals(None), None)
        with _time_limit(RENDER_SECONDS):
            text = _bounded_text(compiled.generate(context(report)))
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(template, source, exc.lineno, _syntax_words(exc)) from None
    except Exception as exc:  # a template is the officer's code: any failure is theirs to fix
        raise _template_error(
            template, source, _template_line(exc, filename), _words(exc)
        ) from None
    if not text.strip():
        raise KstthcError(said("failed/template-empty", path=display_path(template)))
    # Optional blocks a template leaves out would otherwise leave runs of blank lines.
    return re.sub(r"\n{3,}", "\n\n", text.strip("\n")) + "\n"


#: A template is the officer's code, run in Jinja's sandbox and bounded: a text or list made by
#: ``*`` at most ``MAX_TEMPLATE_TEXT`` long (``'x' * 10**9`` is refused before it is made), no
#: ``**`` past ``MAX_POWER``, a report at most ``MAX_TEMPLATE_TEXT`` characters, and at most
#: ``RENDER_SECONDS`` of rendering (nested loops); Jinja's sandbox already keeps ``range`` short.
MAX_TEMPLATE_TEXT = 5_000_000
MAX_POWER = 1_000
RENDER_SECONDS = 10


class TemplateLimit(Exception):
    """A template went past one of the bounds above; the message says which, in Vietnamese."""


def _bounded(base: type[Any]) -> type[Any]:
    class Bounded(base):  # type: ignore[misc]
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
                raise TemplateLimit(f"lũy thừa quá lớn (số mũ {right}, tối đa {MAX_POWER})")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if (
                        isinstance(seq, (str, list, tuple))
                        and isinstance(times, int)
                        and len(seq) * times > MAX_TEMPLATE_TEXT
                    ):
                        raise TemplateLimit(
                            f"phép nhân '*' tạo ra văn bản hay danh sách quá dài (quá "
                            f"{MAX_TEMPLATE_TEXT:,} phần tử)".replace(",", ".")
                        )
            return super().call_binop(context, operator, left, right)

    return Bounded


def _bounded_text(pieces: Any) -> str:
    out: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_TEMPLATE_TEXT:
            raise TemplateLimit(
                f"báo cáo sinh ra quá dài (quá {MAX_TEMPLATE_TEXT:,} ký tự)".replace(",", ".")
            )
        out.append(piece)
    return "".join(out)


@contextlib.contextmanager
def _time_limit(seconds: int) -> Any:
    """Stop the rendering after ``seconds`` (where the system has an alarm clock and this is
    the main thread; elsewhere only the other bounds hold)."""
    import signal
    import threading

    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TemplateLimit(f"mẫu chạy quá {seconds} giây (vòng lặp lồng nhau quá nhiều?)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _template_line(exc: BaseException, filename: str) -> int | None:
    """The template line being rendered when ``exc`` was raised (Jinja maps its frames)."""
    line = None
    tb: types.TracebackType | None = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


#: Jinja's commonest syntax complaints, said in Vietnamese (anything else is said without them:
#: no English reaches the officer; the line and its caret show where).
_SYNTAX = (
    (re.compile(r"^Expected an expression, got '(.+)'$"), "thiếu biểu thức trước {0}"),
    (
        re.compile(r"^[Uu]nexpected end of template"),
        "mẫu hết giữa chừng (thiếu {{% endif %}} hoặc {{% endfor %}}?)",
    ),
    (re.compile(r"^Encountered unknown tag '(.+?)'"), "không có lệnh '{0}'"),
    (re.compile(r"^unexpected '(.+)'$"), "dấu '{0}' không đúng chỗ"),
    (re.compile(r"^expected token '(.+?)', got '(.+)'$"), "thiếu '{0}' (gặp '{1}')"),
    (re.compile(r"^[Nn]o filter named '(.+?)'"), "không có bộ lọc '{0}'"),
    (re.compile(r"^[Nn]o test named '(.+?)'"), "không có phép thử '{0}'"),
)


def _syntax_words(exc: Exception) -> str:
    message = str(getattr(exc, "message", None) or exc)
    for pattern, words in _SYNTAX:
        if m := pattern.match(message):
            return "lỗi cú pháp: " + words.format(*(_jinja_word(g) for g in m.groups()))
    return "lỗi cú pháp Jinja ở dòng này"


def _jinja_word(token: str) -> str:
    words = {"end of statement block": "%}", "end of print statement": "}}", "name": "tên"}
    return words.get(token, token)


def _words(exc: Exception) -> str:
    import jinja2
    from jinja2.exceptions import SecurityError

    message = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, jinja2.UndefinedError):
        if message.endswith(" is undefined"):
            return f"không có biến {message[: -len(' is undefined')]}"
        if "has no attribute" in message:
            attr = message.rsplit("has no attribute", 1)[1].strip()
            owner = re.match(r"^'(?:[\w.]*\.)?(\w+) object'", message)
            return f"không có thuộc tính {attr}" + (f" (trong {owner.group(1)})" if owner else "")
        return "giá trị chưa được định nghĩa"
    if isinstance(exc, SecurityError):
        named = re.search(r"attribute '(\w+)'", message)
        return "thao tác không được phép trong mẫu" + (
            f" (thuộc tính '{named.group(1)}')" if named else ""
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"không tìm thấy mẫu '{exc.name}' (tìm trong thư mục của mẫu này và các mẫu có sẵn)"
    if isinstance(exc, TemplateLimit):
        return message
    if isinstance(exc, MemoryError):
        return "mẫu cần quá nhiều bộ nhớ"
    if isinstance(exc, RecursionError):
        return "mẫu gọi lồng nhau quá sâu (macro hay include gọi lại chính nó?)"
    if isinstance(exc, OverflowError):
        return "con số quá lớn để tính"
    if isinstance(exc, ZeroDivisionError):
        return "phép chia cho 0"
    if isinstance(exc, ValueError) and "integer string conversion" in message:
        return "con số quá lớn để in ra (quá 4.300 chữ số)"
    if isinstance(exc, (TypeError, ValueError)):
        return "phép tính hay bộ lọc không dùng được với giá trị này (sai kiểu giá trị?)"
    return f"{type(exc).__name__}: {message}"


def _template_error(template: Path, source: str, line: int | None, what: str) -> KstthcError:
    where = display_path(template) + (f":{line}" if line else "")
    lines = source.splitlines()
    shown = f"\n{line} | {lines[line - 1]}" if line and 1 <= line <= len(lines) else ""
    return KstthcError(
        said("failed/template-broken", where=where, what=what, shown=shown),
        about="template-broken",
    )
