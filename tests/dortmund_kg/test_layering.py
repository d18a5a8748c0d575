"""The packages import downwards only: ``dortmund_kg`` (the entry points) may use every
package; ``api`` and ``graph_build`` never import each other, and ``mappings`` neither; the
query engine (``api.engine``) speaks no HTTP."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "graph_build": {"api", "dortmund_kg"},
    "api": {"graph_build", "dortmund_kg"},
    "mappings": {"api", "graph_build", "dortmund_kg"},
}


def imported_packages(path: Path) -> set[str]:
    """Top-level package names a module imports, wherever the import stands."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_does_not_import_the_layers_above_it(package: str) -> None:
    modules = sorted((ROOT / package).rglob("*.py"))
    assert modules
    offending = {
        str(m.relative_to(ROOT)): sorted(imported_packages(m) & FORBIDDEN[package])
        for m in modules
        if imported_packages(m) & FORBIDDEN[package]
    }
    assert offending == {}


def imported_modules(path: Path) -> set[str]:
    """Full dotted names a module imports (``from a.b import c`` gives ``a.b``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


HTTP = ("fastapi", "starlette", "uvicorn", "api.web", "api.cli_commands")


def test_the_query_engine_speaks_no_http() -> None:
    modules = sorted((ROOT / "api" / "engine").rglob("*.py"))
    assert modules
    offending = {
        str(m.relative_to(ROOT)): sorted(
            n for n in imported_modules(m) if n.startswith(HTTP) or n.split(".")[0] in HTTP
        )
        for m in modules
    }
    assert {k: v for k, v in offending.items() if v} == {}
