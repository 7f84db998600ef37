"""Imports go down the layers of the design (redesign §5.1), never up, and never in a circle.

Every module under ``src/replykit`` is read with ``ast`` (function-level imports too, and
those under ``TYPE_CHECKING``); each end of an import is mapped to its layer by the longest
matching name, and a module may import only its own layer or a lower one. The package's own
``__init__`` (the public API, which imports on first use) stands above them all.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

SRC = REPO / "src"
LAYERS: list[set[str]] = [
    {"errors", "limits"},
    {"lang", "yamlfile", "atomic", "targets"},
    {"sandbox", "conditions"},
    {"playbook"},
    {"templates", "letter", "render", "answers", "assignments", "answers_file", "composer",
     "fitting", "profile", "answer_checks"},
    {"formats", "check", "validate", "catalog", "schema", "saved_answers",
     "batch.input", "batch.columns", "batch.naming", "batch.manifest",
     "message", "message_mime", "message_facts", "prefill", "triage"},
    {"draft", "prompting", "batch"},
    {"cli", "cli_options", "cli_output", "cli_profile", "__main__"},
]  # fmt: skip


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / "replykit").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _layer(module: str) -> int:
    """The layer of ``replykit.x.y``: the one naming its longest prefix."""
    name = module.removeprefix("replykit.")
    best = max(
        (
            (len(prefix), number)
            for number, layer in enumerate(LAYERS)
            for prefix in layer
            if name == prefix or name.startswith(prefix + ".")
        ),
        default=None,
    )
    assert best is not None, f"{module} is in no layer: add it to LAYERS (and the design)"
    return best[1]


def _imports(module: str) -> set[str]:
    """The replykit modules ``module`` imports, anywhere in it."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("replykit."))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1],
                                 *([base] if base else [])])  # fmt: skip
            if base != "replykit" and not base.startswith("replykit."):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    found.discard(module)
    return {name for name in found if name != "replykit"}


def test_every_import_goes_down_the_layers() -> None:
    upward = [
        f"{module} (layer {_layer(module)}) imports {target} (layer {_layer(target)})"
        for module in MODULES
        if module != "replykit"
        for target in sorted(_imports(module))
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_no_module_imports_itself_in_a_circle() -> None:
    graph = {module: _imports(module) for module in MODULES if module != "replykit"}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_test_itself_sees_imports_inside_functions() -> None:
    # draft imports prompting inside a function (rich is slow to import): it must be seen.
    assert "replykit.prompting" in _imports("replykit.draft")
    assert _layer("replykit.batch.rows") == 6 and _layer("replykit.batch.input.csv") == 5


def test_starting_the_cli_imports_neither_jinja_nor_yaml() -> None:
    code = "import sys, replykit.cli; print(sorted({'jinja2', 'yaml', 'rich'} & set(sys.modules)))"
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert shown.stdout.strip() == "[]"
