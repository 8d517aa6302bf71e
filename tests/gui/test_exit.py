"""main.py ends the window's process without Python's module teardown: nothing it would have
written may be lost, and the exit code is the window's."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The window stand-in keeps one QSettings alive, as the main window does, and writes through it
# at the very end without syncing: what a closeEvent's last write looks like.
WINDOW_STANDIN = """
import sys
import gui.app
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

window_code = int(sys.argv[1])

def run_app(argv):
    gui.app.configure_application_names()
    app = QApplication(argv)
    kept = QSettings()
    kept.setValue("ui/last_words", "written at close")
    gui.app.kept = kept  # alive until the process ends, never destroyed or synced by hand
    print("window closed", flush=True)
    return window_code

gui.app.run_app = run_app
sys.argv = ["main.py"]
import main
main.main()
print("unreachable: main() ends the process", flush=True)
"""


def _run_window(tmp_path: Path, code: int) -> subprocess.CompletedProcess:
    script = tmp_path / "window_standin.py"
    script.write_text(WINDOW_STANDIN)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, str(script), str(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_last_setting_written_before_exit_is_on_disk(tmp_path):
    done = _run_window(tmp_path, 0)
    assert done.returncode == 0, done.stderr
    assert "window closed" in done.stdout and "unreachable" not in done.stdout  # flushed, then ended
    written = [path.read_text() for path in (tmp_path / "config").rglob("*.conf")]
    assert any("written at close" in text for text in written), written


def test_the_window_exit_code_is_the_process_exit_code(tmp_path):
    assert _run_window(tmp_path, 3).returncode == 3
