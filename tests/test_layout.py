"""Issue 12: tests mirror the apps, and share code only through modules meant for it. No test imports a
test file or a conftest.py (whose helpers pytest, not Python, should find); conftest.py files hold
fixtures and hooks only, test data come from factories.py and the rest from helpers.py modules."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def modules() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def dotted(path: Path) -> str:
    return ".".join(path.relative_to(TESTS.parent).with_suffix("").parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, including names imported from a package (``from tests import x``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def is_test_or_conftest(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return module.startswith("tests.") and (last.startswith("test_") or last == "conftest")


def test_no_test_module_imports_a_test_file_or_a_conftest():
    known = {dotted(path) for path in modules()}
    offending = [
        f"{path.relative_to(TESTS.parent)}:{line} imports {module}"
        for path in modules()
        for line, module in imported_modules(path)
        if module in known and is_test_or_conftest(module)
    ]
    assert offending == [], "share it from a factories.py or helpers.py module:\n" + "\n".join(offending)


def _is_fixture(node: ast.FunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ast.unparse(target) in {"pytest.fixture", "fixture"}:
            return True
    return False


def test_conftest_files_hold_fixtures_and_hooks_only():
    offending = []
    for path in sorted(TESTS.rglob("conftest.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if not (_is_fixture(node) or node.name.startswith("pytest_")):
                    offending.append(f"{path.relative_to(TESTS.parent)}:{node.lineno} def {node.name}")
            elif isinstance(node, ast.ClassDef):
                offending.append(f"{path.relative_to(TESTS.parent)}:{node.lineno} class {node.name}")
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                offending.append(f"{path.relative_to(TESTS.parent)}:{node.lineno} {ast.unparse(node)[:60]}")
    assert offending == [], "helpers go in helpers.py, test data in factories.py:\n" + "\n".join(offending)
