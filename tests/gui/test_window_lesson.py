"""The window as a teacher meets it (issue 20): the first launch on a projector, one Export menu,
the Help pages, and a run started from another tab that leaves the teacher there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTextBrowser

from gui.help_pages import lesson_guide_html, shortcut_rows, show_shortcuts
from gui.language import CHINESE, ENGLISH, set_language
from gui.main_window import FIRST_LAUNCH_TEXT_STEPS, MainWindow
from gui.session import Session
from gui.text_size import STEP_FACTOR, current_point_size

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_window(qtbot, path: str, session: Session | None = None) -> MainWindow:
    window = MainWindow(session or Session(), settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def submenu(window: MainWindow, menu_title: str, title: str):
    for bar_action in window.menuBar().actions():
        if bar_action.text().replace("&", "") == menu_title:
            for action in bar_action.menu().actions():
                if action.menu() is not None and action.text().replace("&", "") == title:
                    return action.menu()
    return None


def test_both_exports_are_in_file_export_with_keys_and_nowhere_else(qtbot, tmp_path):
    window = open_window(qtbot, str(tmp_path / "w.ini"))
    export = submenu(window, "File", "Export")
    assert export is not None
    items = {action.text().replace("&", ""): action.shortcut().toString() for action in export.actions()}
    assert items == {"Epoch metrics (CSV)…": "Ctrl+E", "Plots (PNG)…": "Ctrl+Shift+E"}
    training = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Training")
    assert not [a for a in training.actions() if "PNG" in a.text()]


def test_the_shortcuts_page_lists_the_windows_own_keys_in_its_language(qtbot, tmp_path):
    window = open_window(qtbot, str(tmp_path / "w.ini"))
    rows = dict(shortcut_rows(window))
    assert rows["Training ▸ Start"] == "F5"  # one key per action, the first typed one
    assert rows["View ▸ Bigger text"] == "Ctrl+="  # not "Ctrl+= · Ctrl++ · Zoom In"
    assert rows["Draw ▸ Redo"] == "Ctrl+Shift+Z"  # Draw's own keys say they are Draw's
    assert rows["Draw ▸ Clear"] == "Delete" and rows["Lesson ▸ Next step"] == "Page Down"
    assert not [keys for keys in rows.values() if "·" in keys or "Zoom" in keys]
    assert rows["File ▸ Export ▸ Epoch metrics (CSV)…"] == "Ctrl+E"
    assert rows["Help ▸ Keyboard shortcuts"] == "F1"
    assert rows["Draw ▸ Keep as…"] == "Ctrl+K"  # QShortcuts, not menu actions, are listed too
    assert rows["Browse ▸ Our sketches ▸ Delete sketch"] == "Delete"
    dialog = show_shortcuts(window)
    try:
        assert "Ctrl+Shift+E" in dialog.findChild(QTextBrowser).toPlainText()
        screen = window.screen().availableGeometry()
        assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    finally:
        dialog.close()
    set_language(CHINESE)
    try:
        rows = dict(shortcut_rows(window))
        assert rows["训练 ▸ 开始"] == "F5"  # no "(&R)" Alt keys, keys as typed
        assert rows["绘图 ▸ 清空"] == "Delete"
        assert rows["绘图 ▸ 记为…"] == "Ctrl+K"
        assert "迭代周期" in lesson_guide_html() and "学习率" in lesson_guide_html()
        assert "Ctrl+G" in lesson_guide_html() and "课程向导" in lesson_guide_html()
    finally:
        set_language(ENGLISH)


def test_how_to_run_the_lesson_names_what_the_app_has_now():
    page = lesson_guide_html()
    for part in ("Ctrl+G", "PageDown", "Class pace", "F7", "F8", "Code", "Invite the class", "Ctrl+K",
                 "Our sketches", "Teach it our sketches"):
        assert part in page, part


def test_a_first_launch_on_a_projector_fills_the_screen_with_bigger_text(qtbot, tmp_path):
    path = str(tmp_path / "w.ini")
    system_size = current_point_size()
    window = open_window(qtbot, path)
    window.show_for_the_room()  # the offscreen screen (800×800) is projector-sized
    qtbot.waitExposed(window)
    try:
        available = window.screen().availableGeometry()
        assert window.isMaximized() or window.frameGeometry() == available
        expected = round(system_size * STEP_FACTOR**FIRST_LAUNCH_TEXT_STEPS, 1)
        assert current_point_size() == pytest.approx(expected, abs=0.11)
        window.close()
        again = open_window(qtbot, path)
        again.show_for_the_room()  # not the first launch: the remembered geometry and text, no bigger
        assert current_point_size() == pytest.approx(expected, abs=0.11)
        again.close()
    finally:
        window.text_size.set_point_size(system_size)
        QApplication.processEvents()


def test_a_first_launch_that_was_killed_does_not_grow_the_text_again(qtbot, tmp_path):
    """Killed before its first close, the window saved its text size but no geometry: the next
    start is a first launch again and must give the same size, not two steps more each time."""
    path = str(tmp_path / "w.ini")
    system_size = current_point_size()
    expected = round(system_size * STEP_FACTOR**FIRST_LAUNCH_TEXT_STEPS, 1)
    try:
        for _start in range(3):
            window = open_window(qtbot, path)  # as a new process: the app's font is the system's
            window.show_for_the_room()
            assert current_point_size() == pytest.approx(expected, abs=0.11)
            window.hide()  # killed: no closeEvent, so no geometry written
            font = QApplication.font()
            font.setPointSizeF(system_size)
            QApplication.setFont(font)
    finally:
        window.text_size.set_point_size(system_size)
        QApplication.processEvents()


def test_starting_a_run_from_another_tab_leaves_the_teacher_there(qtbot, tmp_path, tiny_dataset):
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    window = open_window(qtbot, str(tmp_path / "w.ini"), session)
    window.show()
    panel = window.train_panel
    panel.controls.epochs.setValue(1)
    window.tabs.setCurrentWidget(window.weights_panel)
    window.start_action.trigger()
    try:
        assert panel.is_training() and window.tabs.currentWidget() is window.weights_panel
    finally:
        qtbot.waitUntil(lambda: not panel.is_training(), timeout=60_000)


def test_the_training_menu_s_clear_item_is_short_in_chinese_and_says_what_the_button_says(qtbot, tmp_path):
    """Qt's Fusion menu elided the longer 从图表中清除各次训练 to 从图表中清除…训练 at a projector's text
    size (a CJK text measured narrower than it draws): the button's own words fit."""
    window = open_window(qtbot, str(tmp_path / "w.ini"))
    set_language(CHINESE)
    try:
        training = next(a.menu() for a in window.menuBar().actions() if a.text() == "训练(&R)")
        clear = next(a for a in training.actions() if a.text().endswith("(&C)"))
        assert clear.text() == window.train_panel.clear_runs_button.text() + "(&C)" == "清除各次训练(&C)"
    finally:
        set_language(ENGLISH)
