"""What ``new-year`` prints once next year's plan is written."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from kstthc_cli.write.newyear import NewYear


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
    newyear.print_summary(out, result)
    line = autocommit.committed_line(result.commit)
    if line:
        out.print(line, markup=False, soft_wrap=True)
