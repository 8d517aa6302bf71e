"""Browse's right-hand column at a projector's text size on a small screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gui.browse.side import MAX_SCREEN_SHARE, BrowseSidePane

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_at_large_text_the_sample_and_bars_fit_and_only_the_matrix_scrolls_sideways(qtbot) -> None:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.75)  # four Ctrl+= steps
    QApplication.setFont(font)  # the conftest restores the usual font afterwards
    pane = BrowseSidePane()
    qtbot.addWidget(pane)
    pane.fit_width()
    screen_limit = int(pane.screen().availableGeometry().width() * MAX_SCREEN_SHARE)
    # Pretend the screen is small: the column gets no more than the matrix-free content needs.
    narrow = max(pane.detail.minimumSizeHint().width() + 40, 100)
    assert narrow < pane.matrix.minimumSizeHint().width()
    pane.resize(narrow, 900)
    pane.show()
    qtbot.waitExposed(pane)
    # No wider than the sample needs (a narrow screen stacks the pane under the grid instead).
    assert pane.minimumWidth() <= max(screen_limit, pane.detail.minimumSizeHint().width() + 40)
    # The column itself never scrolls sideways: the detail (bars, percentages) is fully in view...
    assert pane.widget().width() <= pane.viewport().width()
    assert pane.detail.width() >= pane.detail.minimumSizeHint().width()
    # ...and the wide matrix scrolls in its own area instead.
    assert pane.matrix.width() >= pane.matrix.minimumSizeHint().width()
    assert pane._matrix_area.horizontalScrollBar().maximum() > 0
