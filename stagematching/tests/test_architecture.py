"""The shape of the code: apps import each other in one direction only, the engine is used
through its public surface only, no module grows past a readable size."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ENGINE = "matching.engine"
# Our apps, bottom layer first (as in INSTALLED_APPS), then the project package on top.
APPS = [a for a in settings.INSTALLED_APPS if (ROOT / a / "apps.py").exists()]
NODES = [*APPS, "stagematching"]
MAX_LINES = 400


def _sources(app: str) -> Iterator[Path]:
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _node(module: str) -> str | None:
    """The graph node a module belongs to: an app, the engine, or None (not ours)."""
    if module == ENGINE or module.startswith(ENGINE + "."):
        return ENGINE
    top = module.split(".")[0]
    return top if top in NODES else None


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _import_statements(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(absolute module, names imported from it) per import; relative imports resolved."""
    module_name = _module_of(path)
    package = module_name if path.name == "__init__.py" else module_name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield module, [alias.name for alias in node.names]


def _imports(path: Path) -> Iterator[str]:
    """Every module `path` may reach by its imports (`from a import b` counts `a` and `a.b`)."""
    for module, names in _import_statements(path):
        yield module
        yield from (f"{module}.{name}" for name in names)


def import_graph() -> dict[str, dict[str, list[str]]]:
    """{node: {imported node: [files that import it]}}, across nodes only."""
    graph: dict[str, dict[str, list[str]]] = {}
    for app in NODES:
        for path in _sources(app):
            source = _node(_module_of(path))
            assert source is not None
            for module in _imports(path):
                target = _node(module)
                if target is not None and target != source:
                    where = str(path.relative_to(ROOT))
                    files = graph.setdefault(source, {}).setdefault(target, [])
                    if where not in files:
                        files.append(where)
    return graph


def _cycle(graph: dict[str, dict[str, list[str]]]) -> list[str] | None:
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == "open":
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_between_apps() -> None:
    graph = import_graph()
    cycle = _cycle(graph)
    detail = (
        [f"{a} -> {b}: {graph[a][b]}" for a, b in zip(cycle, cycle[1:], strict=False)]
        if cycle
        else []
    )
    assert cycle is None, "import cycle between apps:\n" + "\n".join(detail)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b": []}, "b": {}}) is None


def test_apps_import_only_the_layers_below_them() -> None:
    """An app imports apps listed before it in INSTALLED_APPS (and the engine), never after."""
    rank = {node: i for i, node in enumerate(NODES)}
    upward = [
        f"{source} imports {target} in {files}"
        for source, targets in import_graph().items()
        for target, files in targets.items()
        if source != ENGINE and target != ENGINE and rank[target] > rank[source]
    ]
    assert upward == []


def test_the_engine_imports_none_of_our_apps() -> None:
    assert import_graph().get(ENGINE, {}) == {}


def test_outside_the_engine_only_its_public_surface_is_imported() -> None:
    """`matching.engine` is a library with a small surface; its internals may change freely."""
    submodules = {p.stem for p in (ROOT / "matching" / "engine").glob("*.py")} - {"__init__"}
    deep = [
        f"{path.relative_to(ROOT)}: {module} {names}"
        for app in NODES
        for path in _sources(app)
        if _node(_module_of(path)) != ENGINE
        for module, names in _import_statements(path)
        if module.startswith(ENGINE + ".") or (module == ENGINE and set(names) & submodules)
    ]
    assert deep == []


def test_no_module_is_too_long_to_read_in_one_sitting() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for app in NODES
        for path in _sources(app)
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
