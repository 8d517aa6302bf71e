"""`pip install .` gives a working app: the wheel ships the translations, the pretrained models and
the sketches, and its entry points run from the installed copy, never from this checkout.

The wheel is built from a copy of the sources (a setuptools build leaves build/ and *.egg-info
behind, and a stale build/lib would put deleted modules in the next wheel), without network
(--no-build-isolation: the venv's setuptools), and installed with --target into a folder outside
the checkout. Each program then runs with its working folder outside the checkout and only that
folder on PYTHONPATH; the venv supplies torch and Qt. The venv's editable install still maps core/
and gui/ to the checkout, so the tests check where each module really came from.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.models import MODEL_NAMES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WINDOW_SCRIPT = "fashion-mnist-playground"
CLI_SCRIPT = "fashion-mnist-playground-cli"
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "out", "tests", "benchmarks"
)
# Sketches the shipped cnn reads with ≥ 89 % (resources/models/README.md), so an untrained model,
# which a missing checkpoint would leave, gets them right only by luck.
SKETCHES = {
    "1-trouser-filled.png": "Trouser",
    "8-bag-outline.png": "Bag",
    "9-ankle-boot-outline.png": "Ankle boot",
}


@dataclass(frozen=True)
class Installed:
    wheel: Path
    target: Path  # what `pip install --target` made: the packages, main.py and bin/
    elsewhere: Path  # the programs' working folder, outside the checkout
    env: dict[str, str]


def _run(command: list[str], installed: Installed, **more_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=installed.elsewhere,
        env={**installed.env, **more_env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    assert not work.is_relative_to(PROJECT_ROOT), "the install must be outside the checkout"
    source, dist, target, elsewhere = (work / name for name in ("source", "dist", "target", "elsewhere"))
    shutil.copytree(PROJECT_ROOT, source, ignore=NOT_SOURCES)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    offline = ["--no-deps", "--no-index"]
    subprocess.run(
        [*pip, "wheel", str(source), *offline, "--no-build-isolation", "--wheel-dir", str(dist)],
        cwd=work,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("*.whl")
    subprocess.run(
        [*pip, "install", str(wheel), *offline, "--target", str(target)],
        cwd=work,
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "PYTHON"))}
    env.update(
        PYTHONPATH=str(target),
        PYTHONNOUSERSITE="1",
        HOME=str(work / "home"),  # a first launch: no settings, no cache
        XDG_CONFIG_HOME=str(work / "home" / ".config"),
        XDG_CACHE_HOME=str(work / "home" / ".cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return Installed(wheel, target, elsewhere, env)


def test_the_wheel_ships_translations_models_sketches_and_entry_points(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        declared = wheel.read(entry_points).decode()
    assert "resources/translations/playground_zh_CN.qm" in names
    assert {f"resources/models/{name}.pt" for name in MODEL_NAMES} <= names
    for folder in ("sketches", "sketches-holdout"):
        drawn = sorted((PROJECT_ROOT / "resources" / folder).glob("*.png"))
        assert len(drawn) >= 20 and {f"resources/{folder}/{path.name}" for path in drawn} <= names, folder
    assert {"main.py", "core/paths.py", "gui/app.py", "resources/__init__.py"} <= names
    assert f"{WINDOW_SCRIPT} = main:main" in declared and f"{CLI_SCRIPT} = main:cli" in declared


def test_the_installed_console_script_predicts_a_shipped_sketch_with_the_shipped_model(installed):
    scripts = installed.target / ("Scripts" if os.name == "nt" else "bin")
    cli = shutil.which(CLI_SCRIPT, path=str(scripts))
    assert cli, f"{CLI_SCRIPT} is not in {scripts}"
    sketches = [str(installed.target / "resources" / "sketches" / name) for name in SKETCHES]
    result = _run([cli, "predict", "--model", "cnn", "--top", "1", *sketches], installed)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    answers = dict(zip(lines[0::2], lines[1::2], strict=True))  # "name:" then "  Class   93.0%"
    for name, garment in SKETCHES.items():
        assert answers[f"{name}:"].strip().startswith(garment), result.stdout

    # Its usage and messages name the command the user typed, not a main.py they don't have.
    result = _run([cli, "train", "--epochs", "0"], installed)
    assert result.returncode == 2 and result.stderr.startswith(f"{CLI_SCRIPT} train: error"), result.stderr
    usage = _run([cli, "--help"], installed).stdout
    assert usage.startswith(f"usage: {CLI_SCRIPT}") and "main.py" not in usage, usage

    # The same environment resolves the model and the code to the installed copy.
    where = "import core.paths as p, main; print(p.pretrained_path('cnn')); print(main.__file__)"
    result = _run([sys.executable, "-c", where], installed)
    assert result.returncode == 0, result.stderr
    for path in result.stdout.splitlines():
        assert Path(path).is_relative_to(installed.target), path


# Run in the installed app's process: the window's entry point, inspected from its first event-loop
# turn, then closed the way a user closes it.
LOOK_AT_THE_WINDOW = """
import json, sys
from importlib.metadata import entry_points
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])  # run_app takes the existing one

def look_and_close():
    import core, gui, main, resources
    from gui import language
    window = next(w for w in app.topLevelWidgets() if isinstance(w, QMainWindow))
    seen = {
        "menus": [action.text() for action in window.menuBar().actions()],
        "catalogue": str(language.catalogue_path(language.CHINESE)),
        "modules": [module.__file__ for module in (core, gui, main, resources)],
    }
    print(json.dumps(seen), flush=True)
    window.close()

QTimer.singleShot(0, look_and_close)
(window_script,) = entry_points(group="gui_scripts", name="%s")
sys.exit(window_script.load()())
"""


def test_the_installed_window_opens_in_chinese_from_the_installed_catalogue(installed):
    """A first launch on a Chinese desktop: the window follows the system language."""
    code = LOOK_AT_THE_WINDOW % WINDOW_SCRIPT
    result = _run([sys.executable, "-c", code], installed, LC_ALL="zh_CN.UTF-8", LANG="zh_CN.UTF-8")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["menus"][0].startswith("文件"), seen["menus"]  # File, from the catalogue
    assert Path(seen["catalogue"]).is_file()
    for path in (seen["catalogue"], *seen["modules"]):
        assert Path(path).is_relative_to(installed.target), path
