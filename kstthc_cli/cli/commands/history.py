"""``kstthc history``, ``kstthc diff``, ``kstthc undo``, ``kstthc commit``: the data folder's git
history in the domain's words, the plan's amendments between two versions, taking back the last
write, and saving hand edits (or starting the history)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kstthc_cli.cli.commands.common import (
    DataOpt,
    JsonOpt,
    OutputOpt,
    data_dir,
    json_output,
    print_json,
)


def _as_of(help_text: str) -> typer.models.OptionInfo:
    found: typer.models.OptionInfo = typer.Option(
        "--as-of", metavar="NGÀY", help=help_text, show_default=False
    )
    return found


HistoryAsOf = Annotated[
    Optional[str],  # noqa: UP045
    _as_of(
        "Ngày xét: chỉ các thay đổi đến hết ngày này; --since 14/3 là ngày của năm này "
        "(mặc định: hôm nay)."
    ),
]
DiffAsOf = Annotated[
    Optional[str],  # noqa: UP045
    _as_of(
        "Ngày xét: HEAD là lần ghi cuối vào hoặc trước ngày này; phiên bản viết 14/3 là ngày "
        "của năm này (mặc định: hôm nay)."
    ),
]
UndoAsOf = Annotated[
    Optional[str],  # noqa: UP045
    _as_of("Nhận như mọi lệnh; undo luôn hoàn tác lần ghi gần nhất, ngày nào cũng vậy."),
]
CommitAsOf = Annotated[
    Optional[str],  # noqa: UP045
    _as_of("Nhận như mọi lệnh; commit luôn lưu các tệp như hiện có."),
]


def history(
    since: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Option("--since", metavar="NGÀY", help="Chỉ từ ngày này trở đi.", show_default=False),
    ] = None,
    task: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--task", metavar="ID", help="Chỉ các thay đổi của nhiệm vụ này."),
    ] = None,
    indicator: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--indicator", metavar="ID", help="Chỉ các thay đổi của chỉ tiêu này."),
    ] = None,
    data: DataOpt = None,
    as_of: HistoryAsOf = None,
    json: JsonOpt = False,
    output: OutputOpt = None,
) -> None:
    """Lịch sử thay đổi, mới nhất trước: ai, lúc nào, thay đổi gì (kể cả sửa tay)."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import parse_date_option
    from kstthc_cli.errors import UsageError
    from kstthc_cli.render import console
    from kstthc_cli.render import history as view

    if task is not None and indicator is not None:
        raise UsageError(
            "Chỉ dùng một trong hai: --task hoặc --indicator.",
            "Xem hướng dẫn: kstthc history --help",
        )
    to = json_output(json, output, data=data)
    day = parse_date_option(as_of)  # the day judged: the changes known that day
    entries = api.history(
        folder=data_dir(data),
        since=parse_date_option(since, "--since", day.year if day else None),
        task=task,
        indicator=indicator,
        as_of=day,
    )
    if json:
        print_json(view.history_json(entries), to)
        return
    out = console.out()
    for line in view.history_lines(entries):
        out.print(line, markup=False, soft_wrap=True)


def diff(
    old: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="PHIÊN_BẢN_CŨ",
            help="Phiên bản cũ: HEAD (mặc định, lần ghi cuối), HEAD~1, mã lần ghi, hoặc ngày.",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="PHIÊN_BẢN_MỚI",
            help="Phiên bản mới (mặc định: các tệp hiện tại trong thư mục dữ liệu).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    as_of: DiffAsOf = None,
    json: JsonOpt = False,
    output: OutputOpt = None,
) -> None:
    """Các nội dung kế hoạch và chỉ tiêu thay đổi giữa hai phiên bản, viết thành danh sách
    điều chỉnh (dán vào Quyết định điều chỉnh Kế hoạch)."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import parse_date_option
    from kstthc_cli.cli.values import revision
    from kstthc_cli.render import console
    from kstthc_cli.render import history as view

    to = json_output(json, output, data=data)
    day = parse_date_option(as_of)  # HEAD is the last commit on or before it
    old, new = revision(old, day), revision(new, day)
    changes, old_name, new_name = api.amendments(folder=data_dir(data), old=old, new=new, as_of=day)
    if json:
        print_json(view.amendments_json(changes, old_name, new_name), to)
        return
    out = console.out()
    for line in view.amendment_lines(changes, old_name, new_name):
        out.print(line, markup=False, soft_wrap=True)


def undo(
    yes: Annotated[
        bool, typer.Option("--yes", help="Không hỏi lại (dùng trong tập lệnh).")
    ] = False,
    data: DataOpt = None,
    as_of: UndoAsOf = None,
) -> None:
    """Hoàn tác lần ghi gần nhất của kstthc (record, import, new-year) bằng một lần ghi mới."""
    import sys

    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import parse_date_option
    from kstthc_cli.errors import KstthcError
    from kstthc_cli.render import console
    from kstthc_cli.render import history as view

    parse_date_option(as_of)  # accepted like every command's: undo takes back the last write
    plan = api.plan_undo(folder=data_dir(data))
    out = console.out()
    for line in view.undo_lines(plan.target, plan.changes, plan.figures):
        out.print(line, markup=False, soft_wrap=True)
    if not yes:
        if not sys.stdin.isatty():
            raise KstthcError(
                "Chưa hoàn tác: cần xác nhận.", "Chạy lại với --yes để hoàn tác không cần hỏi."
            )
        if not typer.confirm("Hoàn tác lần ghi này?", default=False):
            console.err().print("Chưa hoàn tác gì.", markup=False)
            return
    commit = api.apply_undo(plan=plan)
    out.print(f"Đã hoàn tác (lần ghi mới {commit[:7]}).", markup=False)


def commit(
    message: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "-m",
            "--message",
            metavar="LỜI_GHI",
            help="Lời ghi của lần lưu (mặc định: kstthc tự ghi những gì đã thay đổi).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    as_of: CommitAsOf = None,
) -> None:
    """Lưu vào lịch sử các chỗ sửa tay trong thư mục dữ liệu; thư mục chưa có lịch sử thì bắt
    đầu lịch sử cho nó (không cần cài git)."""
    from kstthc_cli import api
    from kstthc_cli.cli.commands.common import parse_date_option
    from kstthc_cli.cli.values import commit_message
    from kstthc_cli.render import console
    from kstthc_cli.render import history as view

    parse_date_option(as_of)  # accepted like every command's
    saved = api.commit(folder=data_dir(data), message=commit_message(message))
    out = console.out()
    for line in view.saved_lines(saved, data_dir(data)):
        out.print(line, markup=False, soft_wrap=True)
