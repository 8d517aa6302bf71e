"""Browse's right-hand column at a projector's text size on a small screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gui.browse.side import MATRIX_PAGE, SAMPLE_PAGE, BrowseSidePane

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def large_text() -> None:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.75)  # four Ctrl+= steps
    QApplication.setFont(font)  # the conftest restores the usual font afterwards


def test_at_large_text_the_whole_matrix_is_shown_never_cut_sideways(qtbot, large_text) -> None:
    pane = BrowseSidePane()
    qtbot.addWidget(pane)
    pane.fit_width()
    assert pane.minimumWidth() >= pane.matrix.minimumSizeHint().width()
    assert pane.minimumWidth() >= pane.detail.minimumSizeHint().width()
    pane.resize(pane.minimumWidth(), 640)  # a 768-px projector's pane at +4: too short for both
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.takes_turns()
    assert pane.detail.isVisible() and not pane.matrix.isVisible()
    pane.show_page(MATRIX_PAGE)
    assert pane.matrix.isVisible() and not pane.detail.isVisible()
    # Every column and row inside the viewport: nothing to scroll to, nothing cut off (once the
    # scroll area has re-measured the page it now shows).
    qtbot.waitUntil(lambda: pane.widget().width() <= pane.viewport().width())
    assert pane.verticalScrollBar().maximum() == 0
    last = pane.matrix.cell_rect(9, 9)
    bottom_right = pane.matrix.mapTo(pane.viewport(), last.bottomRight())
    assert pane.viewport().rect().contains(bottom_right)
    pane.show_page(SAMPLE_PAGE)
    assert pane.detail.width() >= pane.detail.minimumSizeHint().width()


def test_a_tall_pane_shows_sample_and_matrix_together(qtbot, large_text) -> None:
    pane = BrowseSidePane()
    qtbot.addWidget(pane)
    pane.resize(pane.minimumWidth(), 2000)
    pane.show()
    qtbot.waitExposed(pane)
    assert not pane.takes_turns() and pane.detail.isVisible() and pane.matrix.isVisible()
