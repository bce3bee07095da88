"""What ``new-year`` prints once next year's plan is written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_cli.load.yamlio import display_path

if TYPE_CHECKING:
    from rich.console import Console

    from kstthc_cli.write.newyear import NewYear


def print_summary(console: Console, result: NewYear) -> None:
    """What was written, last year's results that became baselines, and what is left to do."""
    from rich.table import Table
    from rich.text import Text

    from kstthc_cli.problems import summary
    from kstthc_cli.render import textfmt as fmt

    year, prev = result.year, result.year - 1
    console.print(Text(f"Đã lập kế hoạch năm {year}:", style="bold"))
    for path in (result.plan_path, result.indicators_path):
        console.print(f"  {display_path(path)}", markup=False)
    console.print()
    console.print(
        Text(f"Kết quả năm {prev} (lũy kế đến 31/12/{prev}) và chỉ tiêu giao năm {year}:")
    )
    baselines = {b.indicator_id: b for b in result.baselines}
    for t in result.targets:
        b = baselines.get(t.indicator.id)
        got = "chưa có số liệu"
        if b is not None and b.value is not None:
            got = fmt.amount(b.value, t.indicator.unit)
            if b.denominator:
                got += f" ({fmt.ratio(b.numerator, b.denominator)})"
        assigned = fmt.target(t.indicator.target.op, t.assigned, t.indicator.unit)
        console.print(f"  CT {t.indicator.id:<5} {got:<26} → giao {assigned}", markup=False)
    console.print()
    console.print(Text("Việc cần làm tiếp:", style="bold"))
    todo = Table.grid(padding=(0, 1))
    todo.add_column(no_wrap=True)
    todo.add_column(overflow="fold")
    for line in (
        "Điền số và ngày quyết định ban hành (decision.number, decision.date) khi quyết định "
        "được ký; trước đó 'kstthc check' còn cảnh báo.",
        "Cập nhật căn cứ pháp lý (decision.legal_bases), nơi nhận, và nơi nhận báo cáo "
        "(reporting.recipient) nếu cấp trên đã thay đổi.",
        f"Cập nhật chỉ tiêu Trung ương (target) và văn bản giao chỉ tiêu (source) theo Nghị "
        f"quyết năm {year}; chỉ tiêu giao tự tính lại: kstthc targets --year {year}.",
        "Xem lại các nhiệm vụ và thời gian thực hiện; các ngày ghi trong nội dung nhiệm vụ "
        "được giữ nguyên.",
    ):
        todo.add_row("  -", Text(line))
    console.print(todo)
    console.print()
    console.print(
        f"Kiểm tra: kstthc check --year {year} ({summary(result.warnings)})", markup=False
    )


def print_result(out: Console, err: Console, result: NewYear) -> None:
    """A dry run's diff (and that nothing was written), or the summary and the commit."""
    import sys

    from kstthc_cli.write import autocommit, newyear

    if not result.written:
        sys.stdout.write(newyear.diff(result))
        err.print(
            f"(Chạy thử: chưa ghi {result.plan_path.name}, {result.indicators_path.name}.)",
            markup=False,
        )
        return
    print_summary(out, result)
    line = autocommit.committed_line(result.commit)
    if line:
        out.print(line, markup=False, soft_wrap=True)
