"""Browse's confusion matrix on the training set (60,000 images): four-digit counts stay whole."""

import numpy as np
import pytest
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from gui.widgets.confusion import ConfusionMatrixWidget

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def training_set_matrix() -> np.ndarray:
    """The pretrained cnn's counts on the training set: 4-digit hits, 3-digit mistakes."""
    matrix = np.full((10, 10), 12)
    np.fill_diagonal(matrix, [5343, 5913, 5286, 5609, 5202, 5863, 4452, 5834, 5895, 5804])
    matrix[6, 0], matrix[2, 4] = 640, 1040
    return matrix


def ink_columns(image, rect) -> tuple[int, int]:
    """The first and last pixel column inside `rect` (its grid lines left out) with white ink: the
    extent of a white count on a dark cell."""
    inked = [
        x
        for x in range(rect.left() + 1, rect.right())
        if any(QColor(image.pixel(x, y)).lightness() > 190 for y in range(rect.top() + 1, rect.bottom()))
    ]
    return inked[0], inked[-1]


@pytest.mark.parametrize("steps", [2, 4])
def test_four_digit_counts_keep_every_digit_inside_their_cell(qtbot, steps):
    """At +2 the diagonal's "4712" showed as "712" in ~9-px digits: each count is now drawn whole
    inside its cell, condensed before it is made smaller."""
    widget = ConfusionMatrixWidget()
    qtbot.addWidget(widget)
    font = QFont(QApplication.font())
    font.setPointSizeF(9 * 1.15**steps)  # the app's text at +2 and +4
    widget.setFont(font)
    side = widget.minimumSizeHint().width()  # as narrow as the side pane ever makes it
    widget.resize(side, side)
    widget.set_matrix(training_set_matrix())
    image = widget.grab().toImage()
    count_font = widget._count_font
    # Never only shrunk: condensed first (where the font has a condensed face, as DejaVu Sans does).
    assert count_font.stretch() < 100 or count_font.pixelSize() == QFontInfo(font).pixelSize()
    for true in range(10):
        cell = widget.cell_rect(true, true)  # blue: its digits are white
        first, last = ink_columns(image, cell)
        assert first > cell.left() + 1 and last < cell.right() - 1, f"row {true}: a digit touches the edge"
        whole = QFontMetrics(count_font).tightBoundingRect(str(training_set_matrix()[true, true])).width()
        assert last - first + 1 >= 0.8 * whole, f"row {true}: {last - first + 1} px of ink for {whole} px"
