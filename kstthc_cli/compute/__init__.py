"""Pure computation over a loaded workspace: periods, schedules, figures, the year's evaluation."""
