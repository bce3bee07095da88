"""The package's layout shows the pipeline: no import cycle, the core never imports the CLI,
and no stage imports a later one (load → rules → compute → write → render → cli; errors,
problems and messages are below all). Imports inside functions count; TYPE_CHECKING ones don't."""

from __future__ import annotations

import ast
from pathlib import Path

import kstthc_cli

PACKAGE = Path(kstthc_cli.__file__).resolve().parent
#: The pipeline: files are read (load), computed on (compute: calendar, schedules, figures),
#: judged (rules: they judge what compute works out), changed (write), shown (render).
STAGES = ("load", "compute", "rules", "write", "render", "cli")
BELOW_ALL = ("errors", "problems", "messages")

#: Edges allowed for now, each with why; the test below fails once one is no longer there, so
#: the list only shrinks. TODO(coordinator): remove each as the change that ends it merges.
ALLOWED: set[tuple[str, str]] = {
    # TODO: loading runs the rules (load_workspace → validate): the loaded workspace is always
    # the checked one. Splitting it means every caller loads, then validates.
    ("kstthc_cli.load.workspace", "kstthc_cli.rules.validate"),
    # TODO: the report notes district bodies named after 2025 with the rule's own finder.
    ("kstthc_cli.compute.report", "kstthc_cli.rules.validate"),
    # TODO: compute formats numbers and dates for people; that belongs to render/.
    ("kstthc_cli.compute.report", "kstthc_cli.render.textfmt"),
    ("kstthc_cli.compute.targets", "kstthc_cli.render.textfmt"),
    # TODO: import reads the form by the layout the form writer defines.
    ("kstthc_cli.write.imports", "kstthc_cli.render.form_xlsx"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, at module level or inside functions."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules and m != name}


def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def stage(module: str) -> int | None:
    """The module's place in the pipeline; -1 for the modules below all, None for the top."""
    parts = module.split(".")
    if len(parts) < 2:
        return None  # kstthc_cli itself, api, __main__: above every stage
    if parts[1] in BELOW_ALL:
        return -1
    if parts[1] in STAGES:
        return STAGES.index(parts[1])
    return None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return out


def test_the_graph_is_read() -> None:
    edges = graph()
    assert "kstthc_cli.load.workspace" in edges["kstthc_cli.write.record"]
    assert "kstthc_cli.errors" in edges["kstthc_cli.load.workspace"]


def test_no_import_cycle() -> None:
    edges = graph()
    pruned = {m: {w for w in ws if (m, w) not in ALLOWED} for m, ws in edges.items()}
    assert cycles(pruned) == []


def test_only_the_cli_imports_the_cli() -> None:
    bad = [
        (m, w)
        for m, ws in graph().items()
        for w in ws
        if w.startswith("kstthc_cli.cli")
        and not m.startswith("kstthc_cli.cli")
        and stage(m) is not None
    ]
    assert bad == []


def test_no_stage_imports_a_later_one() -> None:
    bad = sorted(
        (m, w)
        for m, ws in graph().items()
        for w in ws
        if (m, w) not in ALLOWED
        and stage(m) is not None
        and stage(w) is not None
        and stage(w) > stage(m)  # type: ignore[operator]
    )
    assert bad == []


def test_the_allowed_exceptions_are_still_needed() -> None:
    edges = graph()
    assert sorted(e for e in ALLOWED if e[1] not in edges.get(e[0], set())) == []


def test_a_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
