"""Starting next year's plan (lập kế hoạch năm mới) from this year's files.

The new files are built from the old files' *text*, so the officer's comments, order and layout
survive: only year-bound wording moves to the new year, the decision's number and date are left
empty for the officer (``check`` warns until they are filled), and each indicator's baseline
becomes last year's year-to-date result. Legal bases and central targets stay as they were: the
officer updates them from the new year's documents.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from kstthc_cli import messages
from kstthc_cli.compute.targets import AssignedTarget, assigned_targets
from kstthc_cli.errors import DataError, KstthcError, UsageError, WriteRefused
from kstthc_cli.load.models import parse_day
from kstthc_cli.load.text import whole
from kstthc_cli.load.workspace import (
    Workspace,
    check_plan_year,
    file_names,
    load_workspace,
    new_year_journal,
    refuse_bundled,
)
from kstthc_cli.load.yamlio import Document, display_path
from kstthc_cli.messages import said
from kstthc_cli.problems import Problem, has_errors
from kstthc_cli.write import safewrite, splice
from kstthc_cli.write.splice import Edit

#: "năm 2024", "Năm 2024", "NĂM 2024" (also with a decomposed ă, as some editors save it).
#: "năm 2026", or a span of years "năm 2025–2026" (both years move, or neither: "năm 2021 -
#: 2025" names a programme's period)
_YEAR_WORDING = re.compile(
    r"(?<!\w)(n(?:ă|a\u0306)m\s+)(\d{4})(?:(\s*[-–—]\s*)(\d{4}))?(?!\d)", re.IGNORECASE
)
_BARE_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
#: A dated document cited in plan wording, to the end of its clause: "Kế hoạch số 12/KH-UBND
#: ngày 10/01/2026 của UBND tỉnh về … năm 2026" keeps its year (it names that document).
_CITATION = re.compile(
    r"(?:(?i:\b(?:bộ luật|luật|nghị định|nghị quyết|quyết định|chỉ thị|thông tư|công văn|"
    r"kế hoạch|thông báo|hướng dẫn|văn bản|báo cáo|tờ trình))\s+(?:(?i:số)\s*:?\s*)?(?=\d|ngày)"
    r"|(?<![\w/])\d{1,5}(?:/\d{4})?/[A-ZĐ]{1,6}(?:-[A-ZĐ]{1,8})+)"
    r"[^;.\n\"]*"
)
#: The workspace's own file names, as comments cite them ("xem plan_2024.yaml").
_FILE_NAME = re.compile(r"(?<!\w)((?:plan|indicators|actuals)_)(\d{4})(\.yaml)")


@dataclass(frozen=True)
class Baseline:
    """Last year's result of one indicator, next year's baseline (kết quả năm trước)."""

    indicator_id: str
    value: float | None
    numerator: int | None
    denominator: int | None


@dataclass(frozen=True)
class NewYear:
    """What ``new-year`` produced: the two texts, where they go, and what they mean."""

    year: int
    plan_path: Path
    indicators_path: Path
    plan_text: str
    indicators_text: str
    old_plan_text: str
    old_indicators_text: str
    baselines: list[Baseline]
    targets: list[AssignedTarget]
    warnings: list[Problem]
    written: bool
    #: the commit that saved the two files in the folder's history (None: not committed)
    commit: str | None = None


def start_year(data_dir: Path, year: int, *, dry_run: bool = False) -> NewYear:
    """Build, validate and (unless ``dry_run``) write ``plan_N.yaml`` and ``indicators_N.yaml``
    from year N−1; nothing is written when anything is wrong."""
    check_plan_year(year)
    if not data_dir.is_dir():
        raise UsageError(said("usage/no-data-folder", folder=data_dir), about="data-folder")
    if not dry_run:
        refuse_bundled(data_dir)
    prev = year - 1
    new_names, old_names = file_names(year), file_names(prev)
    plan_path = data_dir / new_names["plan"]
    indicators_path = data_dir / new_names["indicators"]
    leftover = _interrupted(data_dir, year)  # what a new-year that stopped half-way left
    _refuse_existing(year, [p for p in (plan_path, indicators_path) if p not in leftover])
    if not (data_dir / old_names["plan"]).exists():
        raise KstthcError(
            said(
                "failed/new-year-no-plan",
                prev=prev,
                name=old_names["plan"],
                folder=data_dir,
                year=year,
            ),
            about="new-year-from",
            details={"year": year, "prev": prev},
        )
    old, problems = load_workspace(data_dir, prev)
    if old is None or has_errors(problems):
        raise DataError(
            problems,
            messages.text("failed/new-year-old-errors", prev=prev, year=year),
        )

    baselines = last_year_results(old)
    plan_text = next_plan_text(old.docs["plan"], prev, year)
    indicators_text = next_indicators_text(old.docs["indicators"], prev, year, baselines)
    ws, warnings = _validate(data_dir, year, plan_text, indicators_text)
    result = NewYear(
        year=year,
        plan_path=plan_path,
        indicators_path=indicators_path,
        plan_text=plan_text,
        indicators_text=indicators_text,
        old_plan_text=old.docs["plan"].text,
        old_indicators_text=old.docs["indicators"].text,
        baselines=baselines,
        targets=assigned_targets(ws.indicators),
        warnings=warnings,
        written=False,
    )
    if dry_run:
        return result
    _write_both(data_dir, year, [(indicators_path, indicators_text), (plan_path, plan_text)])
    return dataclasses.replace(result, written=True)


def _refuse_existing(year: int, paths: Sequence[Path]) -> None:
    found = [p for p in paths if p.exists()]
    if found:
        names = messages.text("refused/new-year-and").join(p.name for p in found)
        raise WriteRefused(said("refused/new-year-exists", names=names, year=year))


def last_year_results(ws: Workspace) -> list[Baseline]:
    """Each indicator's year-to-date result as of 31/12 (pooled Σnumerator / Σdenominator)."""
    from kstthc_cli.compute.evaluate import evaluate_year

    out: list[Baseline] = []
    for result in evaluate_year(ws, as_of=date(ws.year, 12, 31)).indicators:
        s = result.status
        value = s.ytd.percent if s.state != "no-data" else None
        out.append(Baseline(s.indicator.id, value, s.ytd.numerator, s.ytd.denominator))
    return out


# ---------------------------------------------------------------- text edits


def _rewrite(text: str, edits: Iterable[Edit], moves: dict[int, int]) -> str:
    """Apply the edits; everywhere else, move year-bound wording ("năm 2024") forward."""
    return splice.apply(text, edits, lambda part: shift_wording(part, moves))


def shift_wording(text: str, moves: dict[int, int]) -> str:
    """ "năm 2024" → "năm 2025" for each year in ``moves``; other numbers and dates untouched."""

    cited = [m.span() for m in _CITATION.finditer(text)]

    def move(m: re.Match[str]) -> str:
        y = int(m.group(2))
        return m.group(1) + str(moves[y]) + m.group(3) if y in moves else m.group(0)

    def move_wording(m: re.Match[str]) -> str:
        if any(a <= m.start() < b for a, b in cited):
            return m.group(0)  # a dated document's own words
        first, dash, last = int(m.group(2)), m.group(3), m.group(4)
        if last is None:
            return m.group(1) + str(moves.get(first, first))
        if first in moves and int(last) in moves:
            return f"{m.group(1)}{moves[first]}{dash}{moves[int(last)]}"
        return m.group(0)

    return _FILE_NAME.sub(move, _YEAR_WORDING.sub(move_wording, text))


def year_moves(prev: int, year: int) -> dict[int, int]:
    """Every year of plan wording moves by the same step: the year before the plan, the plan's
    year and the year after it ("Tổng kết năm 2025, làm cơ sở xây dựng chỉ tiêu năm 2026" of
    the 2026 plan → "… năm 2026 … năm 2027")."""
    step = year - prev
    return {prev - 1: prev - 1 + step, prev: year, prev + 1: prev + 1 + step}


def _shift_bare(raw: str, moves: dict[int, int]) -> str:
    return _BARE_YEAR.sub(lambda m: str(moves.get(int(m.group(1)), m.group(1))), raw)


def next_plan_text(doc: Document, prev: int, year: int) -> str:
    """Next year's plan text: year moved, decision number and date emptied, legal bases kept."""
    root = doc.root
    text = doc.text
    edits: list[Edit] = []
    edits += splice.scalar_edit(splice.value(root, "year"), str(year))
    decision = splice.value(root, "decision")
    for key in ("number", "date"):
        node = splice.value(decision, key)
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            edits += splice.scalar_edit(node, "null")
    bases = splice.value(decision, "legal_bases")
    if bases is not None:
        edits.append(Edit(*splice.span(bases)))
    moves_bare = year_moves(prev, year)
    for section in splice.items(splice.value(root, "sections")):
        for task in splice.items(splice.value(section, "tasks")):
            schedule = splice.items(splice.value(task, "schedule"))
            for node in [splice.value(task, "timeframe"), *schedule]:
                if isinstance(node, yaml.ScalarNode):
                    start, end = splice.span(node)
                    edits.append(Edit(start, end, _shift_bare(text[start:end], moves_bare)))
            for milestone in splice.items(splice.value(task, "milestones")):
                node = splice.value(milestone, "date")
                if isinstance(node, yaml.ScalarNode):
                    edits.append(_milestone_date(text, node, moves_bare))
    return _rewrite(text, edits, year_moves(prev, year))


def _milestone_date(text: str, node: yaml.ScalarNode, moves: dict[int, int]) -> Edit:
    """A sub-plan's milestone moves one year on; 29/02 becomes 28/02 in a common year."""
    start, end = splice.span(node)
    raw = _shift_bare(text[start:end], moves)
    try:
        parse_day(raw.strip("\"'"))
    except ValueError:
        with contextlib.suppress(ValueError):
            old = parse_day(node.value)
            if old is not None:
                raw = f'"{date(moves.get(old.year, old.year + 1), old.month, 28).isoformat()}"'
    return Edit(start, end, raw)


def _number(x: float | None) -> str:
    if x is None:
        return "null"
    return str(whole(round(x, 2)))


def next_indicators_text(doc: Document, prev: int, year: int, baselines: Sequence[Baseline]) -> str:
    """Next year's indicators text: year moved, each baseline set to last year's result.

    Here "năm N−2" is the baseline year of the old file (the rule's "kết quả năm 2023"), so it
    moves too; the source document (Nghị quyết) stays for the officer to update.
    """
    root = doc.root
    text = doc.text
    by_id = {b.indicator_id: b for b in baselines}
    edits: list[Edit] = []
    edits += splice.scalar_edit(splice.value(root, "year"), str(year))
    source = splice.value(root, "source")
    if source is not None:
        edits.append(Edit(*splice.span(source)))
    for item in splice.items(splice.value(root, "indicators")):
        id_node = splice.value(item, "id")
        if not isinstance(id_node, yaml.ScalarNode) or id_node.value not in by_id:
            continue
        new = _number(by_id[id_node.value].value)
        found = splice.child(item, "baseline")
        if found is not None:
            edits += splice.scalar_edit(found[1], new)
        elif isinstance(item, yaml.MappingNode) and item.value:
            edits.append(splice.insert_key(text, item, "baseline", new))
    return _rewrite(text, edits, year_moves(prev, year))


# ---------------------------------------------------------------- validate, then write


def _validate(
    data_dir: Path, year: int, plan_text: str, indicators_text: str
) -> tuple[Workspace, list[Problem]]:
    """Load the new texts as a workspace in a scratch folder, with every model and rule."""
    names = file_names(year)
    with tempfile.TemporaryDirectory(prefix="kstthc-new-year-") as tmp:
        scratch = Path(tmp)
        (scratch / names["plan"]).write_text(plan_text, encoding="utf-8")
        (scratch / names["indicators"]).write_text(indicators_text, encoding="utf-8")
        if (data_dir / names["actuals"]).exists():
            shutil.copyfile(data_dir / names["actuals"], scratch / names["actuals"])
        ws, problems = load_workspace(scratch, year)
        shown = [_relocate(p, scratch, data_dir) for p in problems]
    if ws is None or has_errors(shown):
        raise DataError(
            shown,
            messages.text("failed/new-year-invalid", year=year, prev=year - 1),
        )
    return ws, shown


def _relocate(p: Problem, scratch: Path, data_dir: Path) -> Problem:
    if scratch.name in p.file:
        return dataclasses.replace(p, file=display_path(data_dir / Path(p.file).name))
    return p


def _write_both(data_dir: Path, year: int, files: Sequence[tuple[Path, str]]) -> None:
    """Both files or neither, also if the program is stopped in between: each is written to a
    temporary file and put on the disk, a note (the journal) lists them, then they are moved in
    one by one, the plan last (a year counts once its plan is there); the note goes last. The
    next ``new-year`` of that year finds a note left behind: it takes back what was moved in
    (or, if everything was, only clears the note), then starts again."""
    paths = [path for path, _ in files]
    with contextlib.ExitStack() as stack:
        for path in paths:
            stack.enter_context(safewrite.locked(path))
        recover(data_dir, year)
        _refuse_existing(year, paths)
        journal = data_dir / new_year_journal(year)
        moved: list[Path] = []
        temps: list[tuple[Path, Path, str]] = []
        whole = True  # False: a file moved in could not be taken back; the note stays for that
        try:
            for path, text in files:
                data = text.encode("utf-8")
                temps.append((path, safewrite.write_temp(path, data), _sha(data)))
            _write_journal(journal, temps)
            for path, tmp, _ in temps:
                safewrite.move_new(tmp, path)
                moved.append(path)
            safewrite.fsync_dir(data_dir)
        except BaseException:
            for path in reversed(moved):  # the plan first: the year is gone before its parts
                try:
                    path.unlink()
                except OSError:
                    whole = False
            raise
        finally:
            if whole:
                with contextlib.suppress(OSError):
                    journal.unlink()
                for _, tmp, _ in temps:
                    with contextlib.suppress(OSError):
                        tmp.unlink()
            safewrite.fsync_dir(data_dir)


def _sha(data: bytes) -> str:
    found = safewrite.fingerprint(data)
    assert found is not None
    return found


def _write_journal(journal: Path, temps: Sequence[tuple[Path, Path, str]]) -> None:
    """The note of the files being moved in, itself written whole or not at all."""
    note = {
        "files": [{"name": path.name, "temp": tmp.name, "sha256": sha} for path, tmp, sha in temps]
    }
    data = json.dumps(note, ensure_ascii=False, indent=1).encode("utf-8")
    tmp = safewrite.write_temp(journal, data)
    try:
        os.replace(tmp, journal)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    safewrite.fsync_dir(journal.parent)


def _journal(data_dir: Path, year: int) -> list[tuple[Path, Path, str]] | None:
    """The files a ``new-year`` that stopped half-way was moving in (``None``: no note, or a
    note that is not one: it is then left alone)."""
    path = data_dir / new_year_journal(year)
    try:
        note = json.loads(path.read_text(encoding="utf-8"))
        files = [
            (data_dir / Path(f["name"]).name, data_dir / Path(f["temp"]).name, str(f["sha256"]))
            for f in note["files"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return files


def _ours(path: Path, sha: str) -> bool:
    """``path`` is the very file ``new-year`` moved in (nobody wrote another since)."""
    try:
        return safewrite.fingerprint(safewrite.read_bytes(path)) == sha
    except KstthcError:
        return False


def _interrupted(data_dir: Path, year: int) -> list[Path]:
    """The files a ``new-year`` that stopped half-way moved in and the next one takes back:
    none if it had moved them all (then the year is whole)."""
    files = _journal(data_dir, year)
    if files is None:
        return []
    made = [path for path, _, sha in files if _ours(path, sha)]
    return [] if len(made) == len(files) else made


def recover(data_dir: Path, year: int) -> None:
    """Finish what a ``new-year`` of ``year`` stopped in the middle of (under its locks): the
    files it had moved in go when not all of them were (the plan first), and its note and
    temporary files go. A note that cannot be read is left as it is."""
    files = _journal(data_dir, year)
    if files is None:
        return
    for path in sorted(_interrupted(data_dir, year), key=lambda p: not p.name.startswith("plan")):
        path.unlink()
    for _, tmp, _ in files:
        with contextlib.suppress(OSError):
            tmp.unlink()
    (data_dir / new_year_journal(year)).unlink()
    safewrite.fsync_dir(data_dir)


def diff(result: NewYear) -> str:
    """What ``--dry-run`` shows: each new file against last year's, line by line."""
    out: list[str] = []
    for old_text, new_text, path in (
        (result.old_plan_text, result.plan_text, result.plan_path),
        (result.old_indicators_text, result.indicators_text, result.indicators_path),
    ):
        old_name = path.name.replace(str(result.year), str(result.year - 1))
        out.extend(
            difflib.unified_diff(
                old_text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                fromfile=old_name,
                tofile=path.name,
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
