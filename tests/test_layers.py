"""Data flows one way: a module imports only from its own layer and the layers to its left."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "postsoviet"
LAYERS = (
    "errors",
    "data",
    "world",
    "models",
    "scenarios",
    "runs",
    "forecasts",
    "reports",
    "cli",
    "serve",
)
# The faces (reports, cli, serve) may use each other's helpers; everything else points left.
FACE = LAYERS.index("reports")
RANK = {**{name: rank for rank, name in enumerate(LAYERS)}, "cli": FACE, "serve": FACE}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "postsoviet" and parts[1] in RANK else None


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.stem in RANK)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_nothing_to_its_right(path):
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    wrong = sorted(m for m in _imports(path) if (layer := _layer(m)) and RANK[layer] > RANK[own])
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {wrong} (layers: {' -> '.join(LAYERS)})"
