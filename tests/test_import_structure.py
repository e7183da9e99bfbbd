"""Issue 12: the project's modules import each other without cycles, and no project import hides inside a
function to dodge one. A lazy import stays only where a comment above it says why (app loading, a
migration's own code); those, and imports needed for type checking alone, do not count as edges."""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "guidance_pages", "examples_library", "workflows", "search", "feedback", "champions")
# Moving out of the project's packages (to benchmarks/) in another part of issue 12.
ELSEWHERE = {"search/benchmark.py"}


@dataclass(frozen=True)
class Import:
    module: str
    target: str
    line: int
    in_function: bool
    explained: bool


def project_modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")) if (ROOT / package).is_dir() else []:
            relative = path.relative_to(ROOT)
            if relative.as_posix() in ELSEWHERE:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    source = path.read_text()
    lines = source.splitlines()
    is_package = path.name == "__init__.py"

    def explained(node: ast.stmt, body: list[ast.stmt]) -> bool:
        # The comment stands above the import or above the first of its group of imports.
        group = [node]
        for previous in reversed(body[: body.index(node)]):
            if not isinstance(previous, (ast.Import, ast.ImportFrom)):
                break
            group.append(previous)
        return any(item.lineno > 1 and lines[item.lineno - 2].strip().startswith("#") for item in group)

    def visit(body: list[ast.stmt], in_function: bool) -> Iterator[Import]:
        for node in body:
            if isinstance(node, ast.If) and _type_checking_only(node):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    base = node.module or ""
                    if node.level:
                        anchor = module.split(".")
                        anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                        base = ".".join([*anchor, *([base] if base else [])])
                    names = [f"{base}.{alias.name}" for alias in node.names]
                for name in names:
                    target = _resolve(name, known)
                    if target is not None and target != module:
                        yield Import(module, target, node.lineno, in_function, explained(node, body))
                continue
            is_function = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            for field in ("body", "orelse", "finalbody", "handlers"):
                children = getattr(node, field, None)
                if isinstance(children, list) and children and isinstance(children[0], ast.AST):
                    if field == "handlers":
                        for handler in children:
                            yield from visit(handler.body, in_function or is_function)
                    else:
                        yield from visit(children, in_function or is_function)

    yield from visit(ast.parse(source).body, False)


def all_imports() -> list[Import]:
    known = project_modules()
    return [found for module, path in known.items() for found in imports_of(module, path, known)]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(edges.get(node, ())):
            if successor not in index:
                connect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def test_the_project_modules_import_each_other_without_cycles():
    edges: dict[str, set[str]] = {}
    for found in all_imports():
        if not (found.in_function and found.explained):
            edges.setdefault(found.module, set()).add(found.target)
    assert cycles(edges) == []


def test_no_project_import_hides_in_a_function_without_a_reason():
    hidden = [
        f"{found.module}:{found.line} imports {found.target}"
        for found in all_imports()
        if found.in_function and not found.explained
    ]
    assert hidden == []


def test_the_checks_see_a_cycle_and_a_hidden_import(tmp_path):
    """The checks above can fail: two modules importing each other, one of them inside a function."""
    (tmp_path / "a.py").write_text("from b import g\n\n\ndef f():\n    return g()\n")
    (tmp_path / "b.py").write_text("def g():\n    from a import f\n\n    return f\n")
    known = {"a": tmp_path / "a.py", "b": tmp_path / "b.py"}
    found = [item for name, path in known.items() for item in imports_of(name, path, known)]
    assert [(item.module, item.target, item.in_function, item.explained) for item in found] == [
        ("a", "b", False, False),
        ("b", "a", True, False),
    ]
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b"]]
