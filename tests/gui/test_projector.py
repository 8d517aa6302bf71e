"""A 1024×768 projector at every text size from the default to +4: the window fits, nothing the
class must read is cut off, and Ctrl+0 gives the original minimum size back. And the lesson's
flow on the Train tab: lesson defaults, a paused progress line, a log that follows, exports."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from gui.main_window import MainWindow
from gui.session import Session
from gui.widgets.reflow import ReflowArea, ReflowBox, ReflowSplitter
from tests.gui.conftest import PROJECTOR_H as SCREEN_H
from tests.gui.conftest import PROJECTOR_W as SCREEN_W

TEXT_STEPS = 4  # Ctrl+= four times

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def announce_font_change() -> None:
    """Qt tells widgets about a new app font only while app.exec() runs, which tests don't."""
    for widget in QApplication.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(5)


def visible_in_window(widget: QWidget, window: QWidget) -> str:
    """'' when the whole widget is on screen inside the window: shown, and not clipped by any
    ancestor (a scroll area's viewport, a squeezed splitter); else why not."""
    if not widget.isVisible():
        return f"{type(widget).__name__} is hidden"
    rect = QRect(QPoint(0, 0), widget.size())
    parent = widget
    while parent is not window:
        top_left = parent.mapTo(parent.parentWidget(), rect.topLeft())
        rect = QRect(top_left, rect.size())
        parent = parent.parentWidget()
        if not parent.rect().contains(rect):
            return f"{type(widget).__name__} {rect} is cut off by {type(parent).__name__} {parent.rect()}"
    return ""


@pytest.fixture
def window(projector_window):
    return projector_window


def key_widgets(window: MainWindow) -> dict[QWidget, list[QWidget]]:
    """What the class must be able to read on each tab."""
    draw, browse, train = window.draw_panel, window.browse_panel, window.train_panel
    legend = train.plots.loss_plot.getPlotItem().legend
    return {
        train: [train.start_button, train.plots.loss_plot, train.plots.acc_plot, train.log],
        draw: [draw.headline, draw.bars, draw.canvas],
        browse: [browse.detail.send_button, browse.grid],
        window.weights_panel: [],
        window.softmax_panel: [],
    }, legend


def test_the_window_fits_a_projector_at_every_text_size(qtbot, window):
    original_minimum = window.minimumSizeHint()
    train = window.train_panel
    train.plots.begin_run("softmax-scratch lr 0.1", epochs=5)
    train.plots.add_epoch(1, 0.6, 0.8, 0.79)
    for step in range(TEXT_STEPS + 1):
        if step:
            window.text_size.bigger()
            announce_font_change()
        settle(qtbot)
        minimum = window.minimumSizeHint()
        assert minimum.width() <= SCREEN_W and minimum.height() <= SCREEN_H, (step, minimum)
        window.resize(SCREEN_W, SCREEN_H)
        widgets, legend = key_widgets(window)
        for panel, wanted in widgets.items():
            window.tabs.setCurrentWidget(panel)
            settle(qtbot)
            assert panel.minimumSizeHint().width() <= panel.width(), (step, type(panel).__name__)
            for widget in wanted:
                assert visible_in_window(widget, window) == "", step
            if panel is train:
                # A legend drawn inside the plot must lie within the plot's view (the Train tab now
                # has a key beside the plots instead; test_every_tab_on_a_projector checks it).
                if legend is not None:
                    box = legend.mapRectToScene(legend.boundingRect())
                    view = train.plots.loss_plot.getPlotItem().vb.sceneBoundingRect()
                    assert view.contains(box), (step, box, view)
                assert train.log.viewport().height() >= 6 * train.log.fontMetrics().lineSpacing(), step
    window.text_size.reset()
    announce_font_change()
    settle(qtbot)
    assert window.minimumSizeHint() == original_minimum


def test_draw_puts_the_bars_under_the_board_when_narrow_and_back_when_wide(qtbot, show_widget):
    from gui.draw.panel import DrawPanel

    panel = show_widget(DrawPanel(Session()), SCREEN_W, SCREEN_H - 100)
    area = panel.reflow
    assert isinstance(area, ReflowArea)
    settle(qtbot)
    assert area.is_wide()
    bars, canvas = panel.bars, panel.canvas
    assert bars.mapTo(panel, QPoint(0, 0)).x() > canvas.mapTo(panel, QPoint(0, 0)).x()
    narrow = panel.minimumSizeHint().width()
    assert narrow < area.box.wide_width()
    panel.resize(narrow, SCREEN_H - 100)
    settle(qtbot)
    assert not area.is_wide()
    assert bars.mapTo(panel, QPoint(0, 0)).y() > canvas.mapTo(panel, QPoint(0, 0)).y()
    assert area.content.width() <= area.viewport().width()  # never sideways
    panel.resize(SCREEN_W, SCREEN_H - 100)
    settle(qtbot)
    assert area.is_wide()


def test_browse_moves_the_sample_pane_under_the_grid_when_narrow(qtbot, show_widget, tiny_dataset):
    from gui.browse.panel import BrowsePanel

    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    browse = show_widget(BrowsePanel(session), SCREEN_W + 500, SCREEN_H - 100)
    splitter = browse.side.parentWidget()
    assert isinstance(splitter, ReflowSplitter)
    settle(qtbot)
    assert splitter.is_side_by_side()
    width = browse.minimumSizeHint().width()
    assert not splitter.fits_side_by_side(width - 20)
    browse.resize(width, SCREEN_H - 100)
    settle(qtbot)
    assert not splitter.is_side_by_side()
    grid_bottom = browse.grid.mapTo(browse, QPoint(0, browse.grid.height())).y()
    assert browse.side.mapTo(browse, QPoint(0, 0)).y() >= grid_bottom
    assert visible_in_window(browse.detail.send_button, browse) == ""
    # Just too narrow for side by side: under the grid the pane is wide, so the bars go beside
    # the sample instead of under it.
    side_by_side = next(w for w in range(width, SCREEN_W + 500, 4) if splitter.fits_side_by_side(w))
    browse.resize(side_by_side - 8, SCREEN_H - 100)
    settle(qtbot)
    assert not splitter.is_side_by_side()
    assert isinstance(browse.detail.box, ReflowBox) and browse.detail.box.is_wide()
    browse.resize(SCREEN_W + 500, SCREEN_H - 100)
    settle(qtbot)
    assert splitter.is_side_by_side()


def test_the_bars_close_up_rather_than_push_things_off_screen(qtbot):
    from gui.widgets.prob_bars import ProbabilityBars

    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.set_probabilities(np.full(10, 0.1))
    assert bars.minimumSizeHint().height() < bars.sizeHint().height()
    assert bars.minimumSizeHint().height() >= 10 * bars.fontMetrics().height()


# -- lesson flow: lesson defaults, paused progress, the log, exports -------------------------------
def test_lesson_defaults_button_restores_the_recipe_and_it_is_remembered(qtbot, tmp_path):
    from gui.train.settings_form import LESSON_DEFAULTS, TrainSettingsForm

    path = str(tmp_path / "form.ini")
    form = TrainSettingsForm(QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(form)
    form.model.setCurrentIndex(form.model.findData("mlp"))
    form.epochs.setValue(12)
    form.lr.setValue(0.5)
    form.batch_size.setValue(64)
    form.seed.setValue(7)
    again = TrainSettingsForm(QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert (again.config().model, again.config().epochs, again.config().seed) == (
        "mlp",
        12,
        7,
    )  # last settings
    qtbot.mouseClick(form.lesson_button, Qt.MouseButton.LeftButton)
    config = form.config()
    wanted = ("softmax-scratch", 5, 0.1, 256, 0)
    assert (config.model, config.epochs, config.lr, config.batch_size, config.seed) == wanted
    assert LESSON_DEFAULTS.lr == 0.1 and form.lesson_button.text() == "Lesson defaults"
    remembered = TrainSettingsForm(QSettings(path, QSettings.Format.IniFormat)).config()
    assert (
        remembered.model,
        remembered.epochs,
        remembered.lr,
        remembered.batch_size,
        remembered.seed,
    ) == wanted


def test_while_paused_the_progress_line_says_paused_not_a_speed(qtbot):
    from core.train_events import BatchEvent
    from gui.train.progress import TrainProgress

    progress = TrainProgress()
    qtbot.addWidget(progress)
    progress.show_batch(BatchEvent(1, 2, 3, 10, 0.5, 0.8, 0.4, 300, 0.3, 5000.0), train_count=1000)
    assert "samples/s" in progress.rate_label.text() and "left" in progress.rate_label.text()
    progress.show_paused(True)
    # A batch that was already under way when Pause was pressed arrives afterwards.
    progress.show_batch(BatchEvent(1, 2, 4, 10, 0.5, 0.8, 0.4, 400, 0.4, 5000.0), train_count=1000)
    text = progress.rate_label.text()
    assert "paused" in text and "samples/s" not in text and "left" not in text
    assert progress.epoch_bar.value() == 4  # the bars still show where it stopped
    progress.show_paused(False)
    progress.show_batch(BatchEvent(1, 2, 5, 10, 0.5, 0.8, 0.4, 500, 0.5, 5000.0), train_count=1000)
    assert "samples/s" in progress.rate_label.text()


def test_pausing_the_panel_puts_paused_in_the_progress_line(qtbot, tiny_dataset):
    from gui.train.panel import PAUSED, TrainPanel

    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    panel = TrainPanel(session, QSettings())
    qtbot.addWidget(panel)
    panel.controls.epochs.setValue(200)
    panel.controls.batch_size.setValue(10)
    assert panel.start()
    qtbot.waitUntil(lambda: panel.last_batch_event is not None, timeout=60_000)
    panel.toggle_pause()
    assert panel.state == PAUSED and "paused" in panel.progress.rate_label.text()
    panel.stop()
    qtbot.waitUntil(lambda: not panel.is_training(), timeout=60_000)
    assert "paused" not in panel.progress.rate_label.text()


def test_the_log_follows_new_lines_unless_scrolled_up(qtbot, show_widget):
    from PySide6.QtWidgets import QPlainTextEdit

    from gui.train.panel import TrainPanel

    panel = show_widget(TrainPanel(Session(), QSettings()), SCREEN_W, SCREEN_H)
    log: QPlainTextEdit = panel.log
    bar = log.verticalScrollBar()
    for index in range(60):
        panel._log(f"epoch {index}, loss 0.5")
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # follows
    bar.setValue(bar.maximum() // 2)  # the teacher scrolls up to point at a line
    kept = bar.value()
    panel._log("epoch 61, loss 0.4")
    assert bar.value() == kept  # stays where the teacher put it
    bar.setValue(bar.maximum())
    panel._log("epoch 62, loss 0.3")
    assert bar.value() == bar.maximum()  # back at the bottom: follows again


def test_saving_the_plots_asks_a_width_and_offers_twice_the_screen(qtbot, show_widget, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from gui.train.panel import TrainPanel

    panel = show_widget(TrainPanel(Session(), QSettings()), SCREEN_W, SCREEN_H)
    panel.plots.begin_run("softmax lr 0.1", epochs=2)
    panel.plots.add_epoch(1, 0.6, 0.8, 0.79)
    target = tmp_path / "curves"
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PNG (*.png)"))

    def get_int(parent, title, label, value, *args):
        offered.append(value)
        return 1500, True

    monkeypatch.setattr(QInputDialog, "getInt", get_int)
    panel.ask_save_plots()
    assert offered == [2 * panel.plots.width()]
    assert QImage(str(target) + ".png").width() == 1500


def test_view_menu_high_contrast_is_applied_live_and_remembered(qtbot, tmp_path):
    from PySide6.QtGui import QPalette

    from gui.theme import SETTINGS_KEY, is_high_contrast, set_high_contrast

    path = str(tmp_path / "theme.ini")
    window = MainWindow(Session(), settings=QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    action = window.high_contrast_action
    assert action.text().replace("&", "") == "High contrast" and not action.isChecked()
    try:
        action.trigger()
        assert is_high_contrast()
        assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
        assert window.train_panel.plots.loss_plot.backgroundBrush().color().name() == "#000000"
        assert QSettings(path, QSettings.Format.IniFormat).value(SETTINGS_KEY) in (True, "true")
        set_high_contrast(False)
        # The next start reads the setting: a second window built on it comes up high-contrast.
        QSettings(path, QSettings.Format.IniFormat).setValue(SETTINGS_KEY, True)
        again = MainWindow(Session(), settings=QSettings(path, QSettings.Format.IniFormat))
        qtbot.addWidget(again)
        assert again.high_contrast_action.isChecked() and is_high_contrast()
        again.high_contrast_action.trigger()
        assert not is_high_contrast()
        assert QApplication.palette().color(QPalette.ColorRole.Window).name() != "#000000"
    finally:
        set_high_contrast(False)
