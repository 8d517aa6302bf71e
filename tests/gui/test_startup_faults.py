"""The app must always start (issue 19): a bad settings value, no display, a small screen; and the
window's number fields, language switches and progress line behave the same in every locale.

Settings files are written by the tests in tmp_path; subprocesses get a temporary HOME and
XDG_CONFIG_HOME, so the user's real settings are never read or touched.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QStandardPaths, Qt, QTranslator

from core.train_events import BatchEvent
from gui import display_check, language
from gui.main_window import MainWindow
from gui.session import Session
from gui.train.progress import TrainProgress
from gui.train.settings_form import TrainSettingsForm

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HEADLESS = "main.py data | train | predict"
# The offscreen platform says this for every shown window; it is not about the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def settings_file(tmp_path: Path, text: str) -> QSettings:
    path = tmp_path / "settings.ini"
    path.write_text(text, encoding="utf-8")
    return QSettings(str(path), QSettings.Format.IniFormat)


# -- one bad value in the settings file -------------------------------------------------------
# (section, key, bad text, what a reread must give: the default, or None for "removed").
BAD_VALUES = [
    ("window", "geometry", "", None),
    ("window", "geometry", "not a geometry", None),
    ("window", "geometry", "0", None),
    ("window", "geometry", "@ByteArray(garbage)", None),
    ("window", "tab", "99", 0),
    ("window", "tab", "two", 0),
    ("text", "pointSize", "nan", "default"),
    ("text", "pointSize", "1e9", "default"),
    ("ui", "language", "klingon", language.ENGLISH),
    ("view", "highContrast", "maybe", False),
    ("train", "lr", "-1", 0.1),
    ("train", "lr", "inf", 0.1),
    ("train", "epochs", "2.5", 5),
    ("train", "model", "resnet", "softmax-scratch"),
    ("files", "lastDir", "a, b", ""),
]


@pytest.mark.parametrize(("section", "key", "bad", "repaired"), BAD_VALUES)
def test_a_bad_settings_value_falls_back_to_its_default_and_is_rewritten(
    qtbot, tmp_path, monkeypatch, section, key, bad, repaired
):
    monkeypatch.setattr(language, "system_language", lambda: language.ENGLISH)
    settings = settings_file(tmp_path, f"[{section}]\n{key}={bad}\n")
    window = MainWindow(Session(), settings=settings)  # raised TypeError for geometry= before
    qtbot.addWidget(window)
    if key == "lastDir":
        window.files._last_folder(QStandardPaths.StandardLocation.DocumentsLocation)  # File dialogs
    language.saved_language(settings)
    settings.sync()
    reread = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    full_key = f"{section}/{key}"
    if repaired is None:
        assert not reread.contains(full_key)
    elif repaired == "default":
        assert float(reread.value(full_key)) == pytest.approx(window.text_size.default_point_size())
    else:
        assert str(reread.value(full_key)).lower() == str(repaired).lower()
    assert window.width() > 0 and window.tabs.currentIndex() in range(window.tabs.count())


# -- no display -------------------------------------------------------------------------------
def _env_without_display(tmp_path: Path, **extra: str) -> dict[str, str]:
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST")}
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True, exist_ok=True)
    return {**env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), **extra}


def test_without_a_display_the_window_says_so_in_one_line_and_exits_1(tmp_path):
    """Qt's xcb plugin aborted (exit 134) with advice to reinstall libraries."""
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=_env_without_display(tmp_path),
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display found" in lines[0] and HEADLESS in lines[0]
    assert not list((tmp_path / "home" / "config").rglob("*.conf"))  # nothing written either


def test_a_display_nobody_answers_at_is_no_display(tmp_path, monkeypatch):
    monkeypatch.setattr(display_check, "X_SOCKET_FOLDER", str(tmp_path))
    problem = display_check.display_problem({"DISPLAY": ":7"})
    assert problem is not None and "DISPLAY=:7" in problem and HEADLESS in problem


@contextmanager
def x_server_listening(folder: Path, number: int) -> Iterator[None]:
    """Something listening where an X server for display :number would (in the test's folder)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(folder / f"X{number}"))
        server.listen(1)
        yield


def test_a_listening_display_or_a_chosen_platform_is_left_to_qt(tmp_path, monkeypatch):
    monkeypatch.setattr(display_check, "X_SOCKET_FOLDER", str(tmp_path))
    monkeypatch.setattr(display_check, "_loads", lambda library: True)
    with x_server_listening(tmp_path, 7):
        assert display_check.display_problem({"DISPLAY": ":7.0"}) is None
    (tmp_path / "wayland-1").touch()
    wayland = {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_check.display_problem(wayland) is None
    assert display_check.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


@pytest.mark.parametrize("platform", ["xcb", "wayland", "wayland;xcb"])
def test_a_display_platform_chosen_by_hand_still_needs_a_display(tmp_path, monkeypatch, platform):
    monkeypatch.setattr(display_check, "X_SOCKET_FOLDER", str(tmp_path))
    problem = display_check.display_problem({"QT_QPA_PLATFORM": platform})
    assert problem is not None and problem.startswith("no display found") and HEADLESS in problem


def test_a_display_without_the_xcb_cursor_library_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(display_check, "X_SOCKET_FOLDER", str(tmp_path))
    monkeypatch.setattr(display_check, "_loads", lambda library: False)
    with x_server_listening(tmp_path, 3):
        problem = display_check.display_problem({"DISPLAY": ":3"})
    assert problem is not None and "libxcb-cursor0" in problem and HEADLESS in problem


# -- a window never larger than its screen ----------------------------------------------------
WINDOW_ON_SMALL_SCREEN = """
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
import gui
from gui.main_window import MainWindow
from gui.session import Session
window = MainWindow(Session(), settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
for _ in range(5):
    app.processEvents()
sizes = {"opened": window.frameGeometry().getRect()}
for _ in range(30):
    window.text_size.bigger()
    app.processEvents()
sizes["biggest text"] = window.frameGeometry().getRect()
window.text_size.reset()
for _ in range(5):
    app.processEvents()
sizes["after Ctrl+0"] = window.frameGeometry().getRect()
sizes["screen"] = window.screen().availableGeometry().getRect()
print(json.dumps(sizes))
window.close()
"""


@pytest.mark.parametrize(("width", "height"), [(640, 480), (1024, 768)])
def test_the_window_never_opens_or_stays_larger_than_its_screen(tmp_path, width, height):
    """A 1024×768 screen got a 2173 px wide window after the biggest text and Ctrl+0; a 640×480 one
    a 756 px wide window at start."""
    result = run_on_screen(tmp_path, WINDOW_ON_SMALL_SCREEN, width, height)
    assert result.returncode == 0, result.stderr
    sizes = json.loads(result.stdout.strip().splitlines()[-1])
    _x, _y, screen_w, screen_h = sizes.pop("screen")
    assert (screen_w, screen_h) == (width, height)
    for moment, (_left, _top, window_w, window_h) in sizes.items():
        assert window_w <= screen_w and window_h <= screen_h, (moment, sizes)


SAVE_A_BIG_WINDOW = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
import gui
from gui.main_window import MainWindow
from gui.session import Session
window = MainWindow(Session(), settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
window.setGeometry(300, 200, 1800, 1000)
app.processEvents()
window.close()
"""


def run_on_screen(tmp_path: Path, code: str, width: int, height: int) -> subprocess.CompletedProcess:
    screens = {"screens": [{"name": "projector", "x": 0, "y": 0, "width": width, "height": height}]}
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    env = _env_without_display(tmp_path, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    return subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "window.ini")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_a_window_saved_on_a_big_screen_opens_inside_a_small_one(tmp_path):
    """The projector is smaller than the laptop screen the window was closed on last time."""
    saved = run_on_screen(tmp_path, SAVE_A_BIG_WINDOW, 2560, 1440)
    assert saved.returncode == 0, saved.stderr
    assert QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat).contains("window/geometry")
    result = run_on_screen(tmp_path, WINDOW_ON_SMALL_SCREEN, 1024, 768)
    assert result.returncode == 0, result.stderr
    sizes = json.loads(result.stdout.strip().splitlines()[-1])
    left, top, width, height = sizes["opened"]
    assert left >= 0 and top >= 0 and left + width <= 1024 and top + height <= 768, sizes


# -- number fields in the user's locale -------------------------------------------------------
@pytest.mark.parametrize("locale_name", ["tr_TR", "de_DE", "en_US"])
@pytest.mark.parametrize("typed", ["0.05", "0,05"])
def test_learning_rate_reads_either_decimal_mark_in_any_locale(qtbot, locale_name, typed):
    """In Turkish, "0.05" became 5,00000 (×100): "." is the thousands separator there."""
    form = TrainSettingsForm(QSettings())
    qtbot.addWidget(form)
    form.lr.setLocale(QLocale(locale_name))
    form.show()
    form.lr.lineEdit().selectAll()
    qtbot.keyClicks(form.lr, typed)
    point = QLocale(locale_name).decimalPoint()
    assert form.lr.lineEdit().text() == f"0{point}05"  # shows, while typing, what it will use
    qtbot.keyClick(form.lr, Qt.Key.Key_Return)
    assert form.lr.value() == pytest.approx(0.05)
    assert form.config().lr == pytest.approx(0.05)


def test_the_softmax_temperature_reads_either_decimal_mark(qtbot):
    from gui.softmax.temperature_control import TemperatureControl

    control = TemperatureControl()
    qtbot.addWidget(control)
    control.spin.setLocale(QLocale("tr_TR"))
    control.show()
    control.spin.lineEdit().selectAll()
    qtbot.keyClicks(control.spin, "0.5")  # was read as 05 = 5
    qtbot.keyClick(control.spin, Qt.Key.Key_Return)
    assert control.value() == pytest.approx(0.5)


def test_the_windows_settings_are_written_through_a_temp_file(qtbot, tmp_path):
    """QSettings replaces its file through QSaveFile unless told otherwise: keep it so."""
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(), settings=settings)
    qtbot.addWidget(window)
    assert settings.isAtomicSyncRequired()
    assert QSettings().isAtomicSyncRequired()


# -- language switches ------------------------------------------------------------------------
@pytest.fixture
def english_after():
    yield
    language.apply_language(language.ENGLISH)


def test_language_switches_keep_no_translators_behind(qapp, english_after):
    """Each switch to Chinese left two QTranslators (and their catalogues) parented to the app."""
    for _ in range(6):
        language.apply_language(language.CHINESE)
        language.apply_language(language.ENGLISH)
    language.apply_language(language.CHINESE)
    assert len(qapp.findChildren(QTranslator)) <= 2


def test_a_finished_runs_progress_line_survives_a_language_switch(qtbot, english_after):
    """After a switch, a finished run read "about 0:00 left"."""
    progress = TrainProgress()
    qtbot.addWidget(progress)
    progress.show_batch(BatchEvent(2, 2, 10, 10, 0.5, 0.8, 0.4, 2000, 2.0, 900.0), 1000)
    progress.show_end("finished")
    language.apply_language(language.CHINESE)
    language.apply_language(language.ENGLISH)
    text = progress.rate_label.text()
    assert "finished" in text and "left" not in text, text


# -- where file dialogs open --------------------------------------------------------------------
def test_dialogs_never_start_in_a_folder_that_does_not_exist(qapp, tmp_path, monkeypatch):
    """With HOME gone, a dialog started in it would open in the current directory (the source)."""
    from gui.user_folders import in_documents, in_pictures

    gone = tmp_path / "gone"
    monkeypatch.setenv("HOME", str(gone))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(gone / "Documents"))
    monkeypatch.setenv("XDG_PICTURES_DIR", str(gone / "Pictures"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user-dirs.dirs there
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    for path in (in_documents("runs.csv"), in_pictures("plots.png")):
        assert os.path.isdir(os.path.dirname(path)), path
        assert not path.startswith(str(gone))


def test_a_text_size_change_refits_at_once(qtbot, tmp_path, monkeypatch):
    """Connected to QTimer.start, the new point size (e.g. 11.5) became the refit's delay in ms."""
    from PySide6.QtWidgets import QApplication

    import gui.main_window

    window = MainWindow(Session(), settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    QApplication.processEvents()
    refits = []
    monkeypatch.setattr(gui.main_window, "fit_window_to_screen", lambda *args, **kwargs: refits.append(args))
    window.text_size.bigger()
    assert refits == []  # after the change, not inside it
    QApplication.processEvents()  # a zero-delay timer's turn: the next pass of the event loop
    assert len(refits) == 1


# -- memory that Browse's predictions free ----------------------------------------------------------
def test_a_browse_prediction_gives_its_freed_memory_back_in_its_own_thread(qtbot, monkeypatch):
    """Without it, 40 re-predictions of 30,000 images left the window ~120 MB larger (the soak)."""
    import threading

    import numpy as np

    import gui.browse.prediction_job as prediction_job

    trimmed_in: list[str] = []
    monkeypatch.setattr(
        prediction_job, "return_freed_memory", lambda: trimmed_in.append(threading.current_thread().name)
    )

    class Uniform:
        def probabilities(self, images: np.ndarray) -> np.ndarray:
            return np.full((len(images), 10), 0.1, dtype=np.float32)

    runner = prediction_job.PredictionRunner()
    results: list[object] = []
    runner.finished.connect(lambda key, predictor, probs: results.append(probs.shape))
    runner.request("test", Uniform(), np.zeros((50, 28, 28), dtype=np.uint8))
    qtbot.waitUntil(lambda: results == [(50, 10)] and not runner.is_busy(), timeout=10_000)
    runner.shutdown()
    assert len(trimmed_in) == 1 and trimmed_in[0] != threading.main_thread().name


def test_the_window_caps_mallocs_arenas_where_glibc_has_them():
    """Each training thread otherwise keeps an arena of its own (benchmarks/soak.py: +60 MB from
    cycle 30 to 60 with glibc's default, +9 MB with two arenas)."""
    import ctypes.util
    import sys

    from gui.freed_memory import limit_malloc_arenas

    glibc = sys.platform.startswith("linux") and "libc.so" in (ctypes.util.find_library("c") or "")
    assert limit_malloc_arenas() is glibc


def test_start_up_objects_are_frozen_out_of_later_collections_and_new_garbage_still_goes():
    """A full collection otherwise walks torch's and Qt's objects again each time (benchmarks/gc_pause.py)."""
    import gc
    import weakref

    from gui.freed_memory import freeze_start_up_objects

    class Node:
        pass

    try:
        assert freeze_start_up_objects() > 1000
        cycle = Node()
        cycle.me = cycle  # only the collector frees a cycle
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
