"""The house rules that keep tgviewer's layers apart and its code offline.

The layers are also import-linter contracts in pyproject.toml (``lint-imports``, run by CI and
pre-commit); these checks need no extra tool, and cover what the contracts cannot say: that the
command line imports Qt and the UI only inside functions.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import BLOCK_QT, qt_free_tier_runs_elsewhere

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tgviewer"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "tgviewer.ui")
NETWORK_MODULES = (
    "socket",
    "ssl",
    "urllib",
    "http",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "webbrowser",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
)


def imported_modules(path: Path, *, module_level_only: bool = False) -> list[str]:
    """The absolute imports of a module: all of them, or only those run when it is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = []
    for node in module_level_nodes(tree) if module_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def module_level_nodes(tree: ast.Module) -> list[ast.AST]:
    """The nodes executed on import: everything outside function bodies."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))
    return found


def offending(
    folder: Path, forbidden: tuple[str, ...], *, module_level_only: bool = False
) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for name in imported_modules(path, module_level_only=module_level_only):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_the_core_never_imports_qt() -> None:
    assert offending(PACKAGE / "core", QT_MODULES) == []


def test_the_command_line_imports_qt_and_the_ui_only_inside_functions() -> None:
    # tgviewer's CLI (table, bundle ...) runs where Qt is not installed; only render and
    # starting the window need it, and import it when called.
    assert offending(PACKAGE / "cli", QT_MODULES, module_level_only=True) == []


def test_no_module_reaches_for_the_network() -> None:
    assert offending(PACKAGE, NETWORK_MODULES) == []


#: The only modules that may know the main window: itself, and what builds it.
WINDOW_MODULE = "tgviewer.ui.window.main_window"
WINDOW_BUILDERS = ("tgviewer/ui/window/main_window.py", "tgviewer/ui/app.py")


def names_imported(path: Path) -> list[str]:
    """Every name an import in ``path`` mentions, relative imports and TYPE_CHECKING included."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            names += [module, *(f"{module}.{alias.name}" for alias in node.names)]
    return names


def test_only_the_window_and_what_builds_it_import_the_main_window() -> None:
    # Controllers and dialogs get narrow protocols (tgviewer/ui/window/ports.py), the stores
    # and widgets, never the window: no import circle, even one hidden in TYPE_CHECKING.
    found = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((PACKAGE / "ui").rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in WINDOW_BUILDERS
        for name in names_imported(path)
        if name.split(".")[-1] in ("main_window", "MainWindow") or ".main_window." in name
    ]
    assert found == []


RUN_WITHOUT_QT = (
    BLOCK_QT
    + """
import pytest
code = pytest.main(["-c", "tests/core/no-qt.ini", "--rootdir", ".", "-q", "-p", "no:pytestqt",
                    "tests/core", "tests/cli"])
assert not any(m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph") for m in sys.modules)
sys.exit(code)
"""
)


@pytest.mark.skipif(
    qt_free_tier_runs_elsewhere(),
    reason="tests/core and tests/cli run where Qt is not installed (.ci/run)",
)
def test_the_core_and_cli_tests_pass_where_qt_cannot_be_imported() -> None:
    # For a developer's single run of the suite: the same tests in a fresh process where
    # importing Qt fails. CI runs them where Qt is not installed at all, which is stronger.
    env = {**os.environ, "PYTEST_ADDOPTS": "", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_QT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


def test_openblas_runs_one_thread_unless_the_user_says_otherwise() -> None:
    code = "import os, tgviewer; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "1"
    env["OPENBLAS_NUM_THREADS"] = "4"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "4"
