"""The main window: tabs, menus, status bar, text size, remembered geometry, closing mid-training."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

import gui.main_window as main_window_module
from gui.main_window import MainWindow
from gui.session import LIVE, Session
from gui.text_size import SETTINGS_KEY, TextSize, current_point_size

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings_path(tmp_path) -> str:
    return str(tmp_path / "window.ini")


def open_window(qtbot, settings_path: str, session: Session | None = None) -> MainWindow:
    window = MainWindow(session or Session(), settings=QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def menu_actions(window: MainWindow) -> dict[str, object]:
    found = {}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text():
                found[action.text().replace("&", "")] = action
    return found


def test_tabs_menus_and_shortcuts(qtbot, settings_path):
    window = open_window(qtbot, settings_path)
    assert [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())] == [
        "Train",
        "Draw",
        "Browse",
        "Weights",
        "Softmax",
    ]
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus[0] == "File" and "View" in menus and menus[-1] == "Help"
    actions = menu_actions(window)
    assert {"Open checkpoint…", "Save trained model…", "Quit", "Full screen", "About"} <= set(actions)
    shortcuts = {name: [s.toString() for s in actions[name].shortcuts()] for name in actions}
    assert shortcuts["Full screen"] == ["F11"]
    assert "Ctrl+=" in shortcuts["Bigger text"]
    assert "Ctrl+-" in shortcuts["Smaller text"]
    assert shortcuts["Normal text size"] == ["Ctrl+0"]
    assert actions["Open checkpoint…"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform only
def test_the_training_menu_starts_pauses_and_stops_from_any_tab(qtbot, settings_path, tiny_dataset):
    session = Session()
    window = open_window(qtbot, settings_path, session)
    window.show()
    actions = menu_actions(window)
    start, pause, stop = actions["Start"], actions["Pause"], actions["Stop"]
    assert [s.toString() for s in start.shortcuts()] == ["F5", "Ctrl+Return"]
    assert pause.shortcut().toString() == "F6" and stop.shortcut().toString() == "Shift+F5"
    assert not start.isEnabled()  # no dataset yet: nothing to train on
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    assert start.isEnabled() and not pause.isEnabled() and not stop.isEnabled()
    panel = window.train_panel
    panel.controls.epochs.setValue(200)
    panel.controls.batch_size.setValue(10)
    window.tabs.setCurrentWidget(window.draw_panel)
    start.trigger()
    assert window.tabs.currentWidget() is panel  # the class sees the curves start
    assert panel.is_training() and not start.isEnabled() and pause.isEnabled()
    pause.trigger()
    assert panel.state == "paused" and pause.text().replace("&", "") == "Resume"
    pause.trigger()
    assert panel.state == "running" and pause.text().replace("&", "") == "Pause"
    stop.trigger()
    qtbot.waitUntil(lambda: not panel.is_training(), timeout=60_000)
    assert start.isEnabled() and not stop.isEnabled() and actions["Reset weights"].isEnabled()
    assert panel.last_run_end.reason == "stopped"


def test_status_bar_follows_the_dataset_and_device(qtbot, settings_path, tiny_dataset):
    session = Session()
    window = open_window(qtbot, settings_path, session)
    assert window.dataset_status.text() == "Dataset: loading…"
    assert "starting" in window.device_status.text()
    session.mark_runtime_ready(False, "CPU")
    assert window.device_status.text() == "Device: CPU"
    session.set_dataset(tiny_dataset)
    assert window.dataset_status.text() == "Dataset: 600 training / 200 test images"
    session.set_dataset(None, "Fashion-MNIST was not found.")
    assert "not found" in window.dataset_status.text()
    assert window.dataset_status.toolTip() == "Fashion-MNIST was not found."


def test_text_size_grows_shrinks_resets_and_is_remembered(qtbot, settings_path):
    window = open_window(qtbot, settings_path)
    start = current_point_size()
    actions = menu_actions(window)
    axis = window.train_panel.plots.loss_plot.getPlotItem().getAxis("left")
    actions["Bigger text"].trigger()
    actions["Bigger text"].trigger()
    announce_font_change()
    bigger = current_point_size()
    assert bigger > start * 1.2
    assert QApplication.font().pointSizeF() == bigger
    assert axis.style["tickFont"].pointSizeF() == bigger  # plots follow, not only widgets
    assert float(QSettings(settings_path, QSettings.Format.IniFormat).value(SETTINGS_KEY)) == bigger
    actions["Smaller text"].trigger()
    assert start < current_point_size() < bigger
    actions["Normal text size"].trigger()
    assert current_point_size() == pytest.approx(start, abs=0.1)
    # A new start picks the last size up again.
    QSettings(settings_path, QSettings.Format.IniFormat).setValue(SETTINGS_KEY, 18.0)
    TextSize(QSettings(settings_path, QSettings.Format.IniFormat))
    assert current_point_size() == 18.0


def announce_font_change() -> None:
    """Qt tells widgets about a new app font only while app.exec() runs, which tests don't."""
    for widget in QApplication.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))


def test_geometry_and_tab_are_remembered(qtbot, settings_path):
    window = open_window(qtbot, settings_path)
    window.resize(700, 500)  # inside the offscreen screen, so nothing is clamped
    window.tabs.setCurrentIndex(2)
    window.close()
    again = open_window(qtbot, settings_path)
    assert (again.width(), again.height()) == (700, 500)
    assert again.tabs.currentIndex() == 2


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform only
def test_closing_mid_training_stops_the_worker(qtbot, settings_path, tiny_dataset):
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    window = open_window(qtbot, settings_path, session)
    window.show()
    panel = window.train_panel
    panel.controls.epochs.setValue(200)
    panel.controls.batch_size.setValue(10)
    assert panel.start()
    thread = panel.job.thread
    qtbot.waitUntil(lambda: len(panel.plots.current_run().batch_loss) > 0, timeout=60_000)
    window.close()
    assert not thread.isRunning()  # close() waited for the worker: no "QThread destroyed" later
    assert panel.job is None and not panel.is_training()


def test_a_bad_checkpoint_gets_a_message_and_nothing_changes(qtbot, settings_path, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(
        main_window_module.QMessageBox, "warning", lambda parent, title, text: warnings.append((title, text))
    )
    session = Session()
    session.mark_runtime_ready()
    session.set_model_source(LIVE)
    window = open_window(qtbot, settings_path, session)
    bad = tmp_path / "garbage.pt"
    bad.write_bytes(b"\x00not a checkpoint")
    assert not window.open_checkpoint_file(str(bad))
    assert len(warnings) == 1 and warnings[0][0] == "Could not open the checkpoint"
    assert session.model_source() == LIVE


def test_browse_sends_an_image_to_the_draw_tab(qtbot, settings_path):
    window = open_window(qtbot, settings_path)
    received = []
    window.draw_panel.show_image = received.append
    image = np.zeros((28, 28), dtype=np.uint8)
    window.browse_panel.send_to_canvas.emit(image)
    assert len(received) == 1 and received[0] is image
    assert window.tabs.currentWidget() is window.draw_panel


SEND_TO_CANVAS_IMAGES = 2000


@pytest.fixture
def test_images_2000(request, tmp_path, idx_files_writer):
    """The real test split when installed here, else 2,000 synthetic test images."""
    try:
        return request.getfixturevalue("real_dataset")
    except pytest.skip.Exception:
        from core.data import load_dataset

        folder = idx_files_writer(tmp_path / "data", n_train=100, n_test=SEND_TO_CANVAS_IMAGES)
        return load_dataset(folder, download=False)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform only
def test_send_to_canvas_gives_browses_probabilities(qtbot, settings_path, test_images_2000):
    """Issue 9 §1: the Draw tab reads a sent sample's own 28×28 pixels, so its bars equal Browse's."""
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_model_source("pretrained:cnn")
    window = open_window(qtbot, settings_path, session)
    window.show()
    window.tabs.setCurrentWidget(window.browse_panel)
    session.set_dataset(test_images_2000)
    browse, draw = window.browse_panel, window.draw_panel
    qtbot.waitUntil(lambda: browse.model.stats() is not None, timeout=180_000)
    worst = 0.0
    for sample in range(SEND_TO_CANVAS_IMAGES):
        assert browse.select_sample(sample)
        browse.detail.send()
        expected = browse.model.probabilities_of(sample)
        shown = draw.bars.probabilities()
        assert draw.is_exact_input() and window.tabs.currentWidget() is draw
        worst = max(worst, float(np.abs(np.asarray(shown, np.float64) - expected).max()))
    assert worst <= 1e-6
    current = session.current_image()
    last = test_images_2000.test_images[SEND_TO_CANVAS_IMAGES - 1].numpy()
    np.testing.assert_array_equal(current.pixels, last)  # the other tabs explain the exact input


def test_building_the_window_does_not_import_torch():
    """The window must paint before `import torch` (~1.7 s) would let it."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from gui.main_window import MainWindow\n"
        "from gui.session import Session\n"
        "window = MainWindow(Session())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print('torch' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**_clean_env(), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def _clean_env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
