"""core/ stays Qt-free and the tabs stay apart (DESIGN.md): import-linter's contracts and plain scans."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6", "gui")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_or_gui():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] in FORBIDDEN
        )
        for path in (ROOT / "core").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_import_linter_contract_holds():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the test extras"
    result = subprocess.run([lint_imports], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "core is Qt-free" in result.stdout
    assert "gui sits above core KEPT" in result.stdout
    assert "the tabs never import each other" in result.stdout


TABS = ("train", "draw", "browse", "weights", "softmax")


def test_no_tab_imports_another_tab():
    """A plain scan beside import-linter's independence contract: Send to canvas and "the current
    image" go through the window and the Session, never from one tab's module into another's."""
    offenders = {}
    for tab in TABS:
        for path in (ROOT / "gui" / tab).rglob("*.py"):
            others = sorted(
                name
                for name in _imported_modules(path)
                if name.startswith("gui.") and name.split(".")[1] in TABS and name.split(".")[1] != tab
            )
            if others:
                offenders[str(path.relative_to(ROOT))] = others
    assert offenders == {}
