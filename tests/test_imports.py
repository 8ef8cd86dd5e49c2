"""No import cycle among the pipeline's modules, counting imports inside functions too (an import
moved into a function to dodge a cycle is still a cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"


def module_names(package: Path = PACKAGE) -> dict[str, Path]:
    """Dotted name of every module in the package ('pipeline.grids' for its __init__.py)."""
    names = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def imports_of(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The known modules that importing `module` runs: each target, the packages above it that
    are not already being imported (they run their __init__ first), and `from pkg import sub`
    submodules."""
    package = module if is_package else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets.add(target)
            targets.update(f"{target}.{a.name}" for a in node.names)
    running = set(_ancestors(module)) | {module}
    out = set()
    for t in targets:
        for name in [*_ancestors(t), t]:
            if name in known and name not in running:
                out.add(name)
    return out


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    names = module_names(package)
    known = set(names)
    return {m: imports_of(p.read_text(encoding="utf-8"), m, p.name == "__init__.py", known) for m, p in names.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path that starts and ends at the same module, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_cycle_detector_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"a"}}) == ["a", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_imports_inside_functions_and_packages_count():
    known = {"pipeline", "pipeline.pdf", "pipeline.unruled", "pipeline.grids", "pipeline.grids.settings",
             "pipeline.model"}
    source = "from .model import Grid\n\ndef f():\n    from .unruled import lines_to_unruled_grid\n"
    assert imports_of(source, "pipeline.pdf", False, known) == {"pipeline.model", "pipeline.unruled"}
    # importing a submodule runs its package's __init__ first, unless that package is the importer's own
    assert imports_of("from .grids.settings import X\n", "pipeline.tables", False, known) == {
        "pipeline.grids", "pipeline.grids.settings"}
    assert imports_of("from .settings import X\nfrom ..model import Grid\n", "pipeline.grids.ruled", False,
                      known) == {"pipeline.grids.settings", "pipeline.model"}
    assert imports_of("from . import settings\nimport pipeline.pdf\n", "pipeline.grids", True, known) == {
        "pipeline.grids.settings", "pipeline.pdf"}


def test_pipeline_has_no_import_cycle():
    graph = import_graph()
    assert "pipeline.grids.unruled" in graph["pipeline.grids"]  # the parser sees the package
    assert find_cycle(graph) is None
