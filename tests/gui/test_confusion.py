"""The clickable confusion matrix widget on its own (the grid filtering is in test_browse_panel)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gui.widgets.confusion import ConfusionMatrixWidget

# The offscreen platform warns when a top-level widget is shown; that says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _matrix() -> np.ndarray:
    matrix = np.diag(np.full(10, 90))
    matrix[6, 0] = 25  # Shirt taken for T-shirt/top, the classic confusion
    return matrix


def test_cells_map_to_true_rows_and_predicted_columns(qtbot):
    widget = ConfusionMatrixWidget()
    qtbot.addWidget(widget)
    widget.resize(widget.sizeHint())
    widget.set_matrix(_matrix())
    for true, predicted in [(0, 0), (6, 0), (9, 3), (2, 9)]:
        centre = widget.cell_rect(true, predicted).center()
        assert widget.cell_at(centre.x(), centre.y()) == (true, predicted)
    assert widget.cell_at(0, 0) is None  # the header corner is no cell


def test_click_reports_the_cell(qtbot):
    widget = ConfusionMatrixWidget()
    qtbot.addWidget(widget)
    widget.resize(widget.sizeHint())
    widget.show()
    widget.set_matrix(_matrix())
    clicks: list[tuple[int, int]] = []
    widget.cell_clicked.connect(lambda t, p: clicks.append((t, p)))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.cell_rect(6, 0).center())
    assert clicks == [(6, 0)]


def test_without_predictions_clicks_do_nothing_and_it_still_paints(qtbot):
    widget = ConfusionMatrixWidget()
    qtbot.addWidget(widget)
    widget.resize(widget.sizeHint())
    widget.show()
    clicks: list[tuple[int, int]] = []
    widget.cell_clicked.connect(lambda t, p: clicks.append((t, p)))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.cell_rect(1, 1).center())
    assert clicks == []
    assert not widget.grab().isNull()
    widget.set_matrix(_matrix())
    widget.set_selected((6, 0))
    assert widget.selected() == (6, 0)
    picture = widget.grab().toImage()
    right, wrong = widget.cell_rect(1, 1).topLeft(), widget.cell_rect(1, 2).topLeft()
    # Diagonal cells are coloured (greenish), an empty off-diagonal cell is not.
    diagonal = picture.pixelColor(right.x() + 3, right.y() + 3)
    empty = picture.pixelColor(wrong.x() + 3, wrong.y() + 3)
    assert diagonal.green() > diagonal.red() and diagonal != empty


def test_the_whole_matrix_fits_a_projectors_side_pane(qtbot):
    """Beside the grid the pane gets 40 % of a 1024-px screen: the matrix must fit there whole,
    with four-digit counts drawn smaller rather than the matrix scrolling sideways."""
    widget = ConfusionMatrixWidget()
    qtbot.addWidget(widget)
    assert widget.minimumSizeHint().width() <= 0.4 * 1024
    side = widget.minimumSizeHint().width()
    widget.resize(side, side)
    widget.set_matrix(np.full((10, 10), 1000))
    image = widget.grab()  # paints with the shrunken count font without error
    assert image.width() == side
    _, left, top, _ = widget._layout()
    last = widget.cell_rect(9, 9)
    assert last.right() < side and last.bottom() < side and left > 0 and top > 0
