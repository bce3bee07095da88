"""Where a task stands in a record (tình trạng): a small module, so the API names it cheaply."""

from __future__ import annotations

from enum import Enum


class Progress(str, Enum):
    """Done, or in progress (the ``status`` of a task record)."""

    DONE = "done"
    IN_PROGRESS = "in-progress"
