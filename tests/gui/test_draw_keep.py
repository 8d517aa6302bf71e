"""Draw's "Keep as…" row (gui/draw/keep_row.py) against the board it speaks of: a sample sent from
Browse or the Class tab is not kept as a new drawing until the student draws on it, and the
"Kept as …" line goes when the board changes, cut to its short form where it does not fit."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from gui import language
from gui.draw.panel import DrawPanel
from tests.gui.file_opening import all_background_work_delivered

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def session(session_with_tmp_sketchbook):
    return session_with_tmp_sketchbook


@pytest.fixture
def panel(show_widget, session):
    return show_widget(DrawPanel(session), 1000, 700)


def a_sample() -> np.ndarray:
    image = np.zeros((28, 28), dtype=np.uint8)
    image[4:24, 9:19] = 210  # a dress-ish block, as a Browse sample would be
    return image


def draw_a_stroke(panel: DrawPanel, y: float = 200.0) -> None:
    panel.canvas.draw_stroke([(40.0, y), (240.0, y), (240.0, y - 50)])


def keep(qtbot, panel: DrawPanel, label: int) -> None:
    with qtbot.waitSignal(panel.session.sketchbook_changed, timeout=30_000):
        panel.keep_row.class_actions[label].trigger()
    all_background_work_delivered(qtbot)


def shown_text(label: QLabel) -> str:
    return QLabel.text(label)  # what is painted (the eliding label's text() is the whole)


def test_a_sent_sample_cannot_be_kept_until_it_is_drawn_on(qtbot, panel, session, monkeypatch):
    row = panel.keep_row
    panel.show_image(a_sample(), 3)  # as Browse ▸ Send to canvas (and the Class tab) do
    assert not row.button.isEnabled()
    assert "draw on it" in row.message.text() and "draw on it" in row.button.toolTip()
    opened: list[bool] = []
    monkeypatch.setattr(row.button, "showMenu", lambda: opened.append(True))
    row.shortcut.activated.emit()  # Ctrl+K
    assert opened == []
    row.class_actions[3].trigger()  # even reached some other way, nothing is kept
    all_background_work_delivered(qtbot)
    assert session.sketchbook.sketches() == []
    session.predictor_changed.emit()  # new weights re-read the board: still a sent sample
    assert not row.button.isEnabled()

    draw_a_stroke(panel)  # the student's own version now
    assert row.button.isEnabled() and row.message.text() == ""
    row.shortcut.activated.emit()
    assert opened == [True]
    keep(qtbot, panel, 3)
    [sketch] = session.sketchbook.sketches()
    assert sketch.label == 3
    np.testing.assert_array_equal(sketch.model_input, panel.model_input())


def test_an_opened_image_file_is_the_student_s_own_to_keep(panel):
    panel.show_image(a_sample(), sent=False)  # what Open image… does with a file
    assert panel.keep_row.button.isEnabled() and panel.keep_row.message.text() == ""


def test_the_why_line_follows_the_language(panel):
    panel.show_image(a_sample())
    english = panel.keep_row.message.text()
    language.apply_language(language.CHINESE)
    assert panel.keep_row.message.text() not in ("", english)


def test_the_kept_line_goes_when_the_board_changes(qtbot, panel):
    row = panel.keep_row
    draw_a_stroke(panel)
    keep(qtbot, panel, 0)
    assert row.message.text() == "Kept as T-shirt/top (1 in today's sketchbook)"
    draw_a_stroke(panel, 100.0)  # the next stroke
    assert row.message.text() == ""
    keep(qtbot, panel, 7)
    assert row.message.text().startswith("Kept as Sneaker")
    panel.tools.clear_action.trigger()
    assert row.message.text() == ""
    panel.tools.undo_action.trigger()
    keep(qtbot, panel, 7)
    assert row.message.text().startswith("Kept as Sneaker")
    panel.show_image(a_sample())  # Send to canvas
    assert not row.message.text().startswith("Kept")


def test_a_keep_that_answers_after_the_board_changed_says_nothing_about_it(qtbot, panel, session):
    draw_a_stroke(panel)
    with qtbot.waitSignal(session.sketchbook_changed, timeout=30_000):
        panel.keep_row.class_actions[2].trigger()
        draw_a_stroke(panel, 80.0)  # before the keep's answer arrives
    all_background_work_delivered(qtbot)
    assert len(session.sketchbook.sketches()) == 1  # it was kept…
    assert panel.keep_row.message.text() == ""  # …but the line would speak of the new drawing


def test_a_kept_line_too_long_for_the_row_keeps_the_class_whole(qtbot, panel):
    row = panel.keep_row
    draw_a_stroke(panel)
    keep(qtbot, panel, 8)
    whole = row.message.text()
    assert whole == "Kept as Bag (1 in today's sketchbook)"
    room = row.message.fontMetrics().horizontalAdvance("Kept as Bag (1 in")
    row.message.setFixedWidth(room)
    qtbot.waitUntil(lambda: shown_text(row.message) != whole, timeout=2000)
    assert shown_text(row.message) == "Kept as Bag"  # not "Kept as Bag (1 in today's sketchbo…"
    assert whole in row.message.toolTip()


def test_the_line_asks_for_no_width_of_its_own(panel):
    """The row asked for its whole line's width: with a long line the board's column took width from
    the bars, whose titles and "Why … → Weights" link then ran below the window at +4 in Chinese."""
    row = panel.keep_row
    before = row.sizeHint().width(), row.minimumSizeHint().width()
    panel.show_image(a_sample())
    assert len(row.message.text()) > 60
    assert (row.sizeHint().width(), row.minimumSizeHint().width()) == before


def test_a_stroke_undone_leaves_the_sent_sample_unkeepable(panel):
    """A stray click on the board, then Ctrl+Z: the board is the sent sample again."""
    row = panel.keep_row
    panel.show_image(a_sample())
    draw_a_stroke(panel)
    assert row.button.isEnabled()
    panel.tools.undo_action.trigger()
    assert not row.button.isEnabled() and "draw on it" in row.message.text()
    panel.tools.redo_action.trigger()
    assert row.button.isEnabled()
