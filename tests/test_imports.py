"""No import cycle among the pipeline's modules, counting imports inside functions too (an import
moved into a function to dodge a cycle is still a cycle)."""

from __future__ import annotations

from pipeline.run.deps import PACKAGE, code_files, import_graph, imports_of

# The stages in the order data flows through them; a stage may import an earlier one, never a later.
STAGES = ["read", "tables", "text", "checks", "package", "run", "publish"]

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
    assert "pipeline.read.grids.unruled" in graph["pipeline.read.grids"]  # the parser sees the package
    assert find_cycle(graph) is None


def stage_of(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def test_data_flows_down_no_stage_imports_a_later_one():
    backwards = [(m, t) for m, targets in import_graph().items() for t in targets
                 if stage_of(m) is not None and stage_of(t) is not None and stage_of(t) > stage_of(m)]
    assert backwards == []


def test_stage_order_is_checked():
    assert stage_of("pipeline.read.pdf") < stage_of("pipeline.publish.site.pages")
    assert stage_of("pipeline.model") is None


def test_at_most_twelve_modules_directly_in_pipeline():
    assert len(list(PACKAGE.glob("*.py"))) <= 12


def test_build_code_is_every_module_the_build_imports_and_no_site_code():
    files = {str(p.relative_to(PACKAGE)) for p in code_files(["pipeline.run.batch"])}
    # reached only through other modules: OCR from the PDF reader, codes from the normaliser
    assert {"read/ocr/engine.py", "codes.py", "vocabulary.toml", "package/identity.toml", "checks/spans.py",
            "checks/department_count.py"} <= files  # a rule module is found by the registry, imported by none
    assert "text/__init__.py" in files and "publish/site/__init__.py" not in files
    assert not any(f.startswith("publish/") for f in files)
    site = {str(p.relative_to(PACKAGE)) for p in code_files(["pipeline.publish.site"])}
    assert {"publish/templates/document.md.j2", "publish/site_assets/extra.css", "publish/charts.py"} <= site
