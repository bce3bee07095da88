"""Options every command shares (``--data``, ``--year``, ``--as-of``) and how they are read."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kstthc_cli.errors import KstthcError, UsageError

DataOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
    typer.Option(
        "--data",
        envvar="KSTTHC_DATA",
        metavar="THƯ_MỤC",
        help="Thư mục chứa plan_<năm>.yaml (mặc định: ./data, nếu không có: dữ liệu mẫu).",
        show_default=False,
    ),
]
YearOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--year",
        metavar="NĂM",
        help="Năm kế hoạch (mặc định: năm của --as-of nếu có plan_<năm>.yaml của năm đó, "
        "nếu không: năm mới nhất có plan_<năm>.yaml).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--as-of",
        metavar="NGÀY",
        help="Xét tại ngày này (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định: hôm nay).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON cho máy đọc.")]


#: Said once a run (``app.run`` resets it) when a command falls back to the bundled sample.
SAMPLE_NOTICE = (
    "Đây là kế hoạch mẫu của xã Hương Trà (dữ liệu đi kèm kstthc); "
    "lập kế hoạch của xã mình bằng: kstthc init"
)
_told = [False]


def data_dir(data: Path | None) -> Path:
    """``--data`` (a commune's folder made by ``kstthc init`` stands for its ``data/``); by
    default ``KSTTHC_DATA``, ``./data``, else the bundled sample, which the run then says it is
    (one line on stderr: ``--json`` output stays pure)."""
    from kstthc_cli.load.workspace import bundled_root, data_folder, default_data_dir

    env = os.environ.get("KSTTHC_DATA")
    if data is not None and env and data == Path(env):
        _check_env_folder(data)
    if data is not None:
        return data_folder(data)
    found = default_data_dir()
    if not os.environ.get("KSTTHC_DATA") and found == bundled_root() / "data" and not _told[0]:
        from kstthc_cli.render import console

        _told[0] = True
        console.err().print(SAMPLE_NOTICE, markup=False, soft_wrap=True)
    return found


def _check_env_folder(folder: Path) -> None:
    """``KSTTHC_DATA`` (set once, e.g. with ``setx``) names a folder that is not a data folder:
    said of the variable, which the officer did not type on this command line."""
    from kstthc_cli.load.workspace import data_folder, plan_years

    if not folder.exists():
        why = "không có thư mục này"
    elif not folder.is_dir():
        why = "đó là một tệp, không phải thư mục"
    elif not plan_years(data_folder(folder)):
        why = "thư mục này không có tệp kế hoạch plan_<năm>.yaml nào"
    else:
        return
    raise UsageError(
        f"Biến môi trường KSTTHC_DATA chỉ tới '{folder}': {why}.",
        'Sửa biến đó cho đúng thư mục dữ liệu (Windows: setx KSTTHC_DATA "D:\\KSTTHC\\data" '
        "rồi mở lại cửa sổ lệnh), hoặc ghi --data THƯ_MỤC cho lệnh này.",
    )


def new_run() -> None:
    """A new run of the command line: the sample's notice is due again, no ``-o`` is known."""
    _told[0] = False
    _json_file[0] = None


def parse_date_option(
    value: str | None, option: str = "--as-of", year: int | None = None
) -> date | None:
    """A day as typed: ``2024-03-14``, ``14/3/2024``, or ``14/3`` (a day of ``year``, the plan
    year; this year when none is given)."""
    if value is None:
        return None
    import re

    from kstthc_cli.load.models import parse_day

    if re.fullmatch(r"\s*\d{1,2}[/.-]\d{1,2}\s*", value):
        value = f"{value.strip()}/{year if year is not None else today().year}"

    try:
        result: date = parse_day(value)
    except ValueError as exc:
        raise UsageError(
            f"Giá trị của {option} không hợp lệ: {exc}.",
            "Viết ngày dạng 2024-04-20 hoặc 20/04/2024.",
        ) from None
    return result


def judging_day(when: date | None) -> date:
    """The day a command judges by: ``--as-of``, or today; its year picks the plan year."""
    return when if when is not None else today()


def effective_day(year: int, when: date | None) -> date:
    """The day plan year ``year`` is judged by: ``--as-of``; by default today, or the plan's
    last day once its year is over."""
    from kstthc_cli.compute.status import effective_as_of

    return effective_as_of(year, when, today())[0]


# ---------------------------------------------------------------- output files (-o)


def output_kind(
    kind: str | None,
    output: Path | None,
    suffixes: Mapping[str, Sequence[str]],
    hint: str,
) -> str | None:
    """The format a file is written in: ``kind`` (from ``--format``) when given, else the one
    ``-o``'s extension names (``suffixes``: format → extensions, ``""`` for none). An extension
    that fits no format, or not the one ``--format`` names, exits 2 before anything is written;
    ``hint`` says which extensions the command writes. ``None``: no ``--format`` and no ``-o``."""
    if output is None:
        return kind
    suffix = output.suffix.lower()
    fits = [k for k, ends in suffixes.items() if suffix in ends]
    if kind is None:
        if not fits:
            shown = f"có đuôi {suffix}" if suffix else "không có đuôi"
            raise UsageError(
                f"Tệp '{output}' {shown}, không hợp với định dạng nào mà lệnh này ghi được.",
                hint,
            )
        return fits[0]
    if kind not in fits:
        shown = f"có đuôi {suffix}" if suffix else "không có đuôi"
        raise UsageError(f"Tệp '{output}' {shown}, không hợp với định dạng {kind}.", hint)
    return kind


def write_output(
    path: Path,
    data: bytes,
    *,
    example: str,
    app: str,
    is_input: Callable[[Path], bool] = lambda _: False,
    what: str = "báo cáo",
) -> None:
    """A report or rollup is disposable, but is still written whole or not at all: a folder, a
    missing folder, or a file the ``app`` (Word, Excel) holds open is a message, not a trace.
    Through a link it writes the file linked to; it never writes over a device (``/dev/null``)
    nor over one of the files it was made from (``is_input``: the officer's data, narrative,
    template); ``what`` names the file written in that message."""
    from kstthc_cli.osfiles import os_words
    from kstthc_cli.write import safewrite

    target = refuse_output(path, example=example, is_input=is_input, what=what)
    try:
        safewrite.replace_output(target, data)
    except OSError as exc:
        raise KstthcError(
            f"Không ghi được {path}: {os_words(exc)}.",
            f"Nếu tệp đang mở trong {app}, đóng nó rồi chạy lại.",
        ) from None


def refuse_output(
    path: Path,
    *,
    example: str,
    is_input: Callable[[Path], bool] = lambda _: False,
    what: str = "báo cáo",
) -> Path:
    """What ``write_output`` refuses, refused before anything is written (exit 2): a folder, a
    device or pipe, one of the files the output is made from, a folder that is not there.
    Returns the file that would be written (the one a link points to)."""
    import stat

    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # a loop: refused later
    if target.is_dir():
        raise UsageError(f"'{path}' là một thư mục.", f"Ghi rõ tên tệp, ví dụ: -o {example}")
    try:  # through its links (/dev/stdout is the pipe or terminal it stands for)
        mode: int | None = os.stat(path).st_mode
    except OSError:
        mode = None  # none yet, or a loop of links: said when written
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            f"'{path}' không phải một tệp thường (thiết bị hay đường ống); không ghi vào đó.",
            f"Ghi ra một tệp, ví dụ: -o {example}",
        )
    if is_input(target):
        raise UsageError(
            f"'{path}' là tệp dữ liệu của xã; {what} sinh ra không được ghi đè lên nó.",
            f"Chọn tên tệp khác, ví dụ: -o {example}",
        )
    if not target.parent.exists():
        raise UsageError(
            f"Không có thư mục '{target.parent}' để ghi tệp.", "Tạo thư mục trước hoặc đổi -o."
        )
    return target


# ---------------------------------------------------------------- --json -o FILE

OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "-o",
        "--output",
        metavar="TỆP",
        help="Cùng --json: ghi JSON ra tệp này (UTF-8) thay vì in ra màn hình.",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class JsonFile:
    """The file ``--json -o`` names: the command's JSON goes there instead of stdout, and so
    does a failed run's (``app.run``), byte for byte what stdout would have had, in UTF-8."""

    path: Path
    is_input: Callable[[Path], bool]

    def write(self, data: Any, told: str | None = None) -> None:
        """``data`` written whole or not at all, then one line on stderr says where."""
        from kstthc_cli.render import console

        text = console.json_text(data) + "\n"
        write_output(
            self.path, text.encode("utf-8"), example=JSON_EXAMPLE, app="trình soạn thảo",
            is_input=self.is_input, what="tệp JSON",
        )  # fmt: skip
        console.note(told or f"Đã ghi JSON vào {self.path}.")


JSON_EXAMPLE = "ket-qua.json"
#: The run's ``--json -o`` file, once its command has checked it (``app.run`` resets it): where
#: a failure's JSON goes. Set once a run, like the sample's notice above.
_json_file: list[JsonFile | None] = [None]


def json_output(
    json: bool,
    output: Path | None,
    *,
    data: Path | None = None,
    is_input: Callable[[Path], bool] | None = None,
) -> JsonFile | None:
    """``-o`` of a command that prints ``--json``: the file to write it to, checked before the
    command does anything (refused as ``write_output`` refuses; ``is_input``: the command's
    input files, by default those of the data folder ``--data`` names). ``-o`` without
    ``--json`` exits 2."""
    if output is None:
        return None
    if not json:
        from kstthc_cli.messages import said

        raise UsageError(said("usage/output-needs-json"), about="output-json")
    if is_input is None:
        from kstthc_cli.load.workspace import is_input_file

        folder = data_dir(data)
        is_input = lambda p: is_input_file(p, folder)  # noqa: E731
    refuse_output(output, example=JSON_EXAMPLE, is_input=is_input, what="tệp JSON")
    found = _json_file[0] = JsonFile(output, is_input)
    return found


def print_json(data: Any, to: JsonFile | None, told: str | None = None) -> None:
    """A command's ``--json``: on stdout, or in ``-o``'s file (``told``: the line that says so)."""
    from kstthc_cli.render import console

    if to is None:
        console.print_json(data)
    else:
        to.write(data, told)


def failure_json(data: Any) -> None:
    """A failed run's JSON: in the run's ``--json -o`` file when its command had checked one,
    else (or when that file cannot be written either) on stdout."""
    from kstthc_cli.render import console

    to = _json_file[0]
    if to is not None:
        try:
            to.write(data)
            return
        except (KstthcError, OSError):
            pass
    console.print_json(data)


def today() -> date:
    return date.today()
