"""The drawing board: strokes, eraser, fill, undo/redo, images (gui/draw/canvas.py, flood_fill.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from gui.draw.canvas import CANVAS_SIZE, HISTORY_LIMIT, MAX_BRUSH, MIN_BRUSH, SketchCanvas
from gui.draw.flood_fill import enclosed_regions, flood_region

# Showing a top-level widget on the offscreen platform always prints this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def canvas(show_widget) -> SketchCanvas:
    return show_widget(SketchCanvas(), 400, 400)


def _widget_point(canvas: SketchCanvas, x: float, y: float) -> QPoint:
    """Widget coordinates of a canvas pixel."""
    board = canvas.board_rect()
    scale = board.width() / CANVAS_SIZE
    return QPoint(round(board.left() + x * scale), round(board.top() + y * scale))


def _mouse_stroke(qtbot, canvas: SketchCanvas, points, button=Qt.MouseButton.LeftButton) -> None:
    first = _widget_point(canvas, *points[0])
    qtbot.mousePress(canvas, button, pos=first)
    for x, y in points[1:]:
        qtbot.mouseMove(canvas, _widget_point(canvas, x, y))
    qtbot.mouseRelease(canvas, button, pos=_widget_point(canvas, *points[-1]))


def _square_outline(canvas: SketchCanvas) -> None:
    canvas.set_brush_size(10)
    canvas.draw_stroke([(60, 60), (220, 60), (220, 220), (60, 220), (60, 60)])


def test_starts_empty(canvas: SketchCanvas) -> None:
    assert canvas.is_empty()
    assert canvas.to_array().shape == (CANVAS_SIZE, CANVAS_SIZE)
    assert not canvas.can_undo() and not canvas.can_redo()


def test_mouse_stroke_draws_ink_where_the_mouse_went(qtbot, canvas: SketchCanvas) -> None:
    with qtbot.waitSignal(canvas.stroke_finished, timeout=1000):
        _mouse_stroke(qtbot, canvas, [(40, 140), (140, 140), (240, 140)])
    drawing = canvas.to_array()
    assert drawing[140, 40:240].min() >= 200  # the line is there
    assert drawing[20, 20] == 0 and drawing[260, 260] == 0  # and nowhere else
    assert canvas.can_undo()


def test_mapping_follows_the_widget_size(qtbot, canvas: SketchCanvas) -> None:
    canvas.resize(900, 500)  # wide: the board is a centred 500-px square
    board = canvas.board_rect()
    assert abs(board.width() - board.height()) < 1e-6 and board.left() > 150
    _mouse_stroke(qtbot, canvas, [(140, 140), (141, 141)])
    rows, cols = np.nonzero(canvas.to_array())
    assert abs(rows.mean() - 140) < 3 and abs(cols.mean() - 140) < 3


def test_eraser_and_right_button_erase(qtbot, canvas: SketchCanvas) -> None:
    canvas.set_brush_size(30)
    canvas.draw_stroke([(40, 140), (240, 140)])
    canvas.set_tool("eraser")
    _mouse_stroke(qtbot, canvas, [(40, 140), (100, 140)])
    assert canvas.to_array()[140, 50:90].max() == 0
    canvas.set_tool("brush")
    _mouse_stroke(qtbot, canvas, [(160, 140), (220, 140)], button=Qt.MouseButton.RightButton)
    drawing = canvas.to_array()
    assert drawing[140, 170:210].max() == 0 and drawing[140, 130] == 255


def test_undo_redo_and_clear(canvas: SketchCanvas) -> None:
    canvas.draw_stroke([(50, 50), (200, 50)])
    after_first = canvas.to_array()
    canvas.draw_stroke([(50, 200), (200, 200)])
    canvas.undo()
    np.testing.assert_array_equal(canvas.to_array(), after_first)
    assert canvas.can_redo()
    canvas.redo()
    assert canvas.to_array()[200, 100] == 255
    canvas.clear()
    assert canvas.is_empty()
    canvas.undo()
    assert canvas.to_array()[200, 100] == 255
    canvas.draw_stroke([(10, 10), (20, 20)])
    assert not canvas.can_redo()  # a new edit drops the redo branch


def test_history_is_bounded(canvas: SketchCanvas) -> None:
    for i in range(HISTORY_LIMIT + 15):
        canvas.draw_stroke([(5 + i, 5), (5 + i, 6)])
    undone = 0
    while canvas.can_undo():
        canvas.undo()
        undone += 1
    assert undone == HISTORY_LIMIT


def test_bucket_fill_turns_an_outline_into_a_silhouette(qtbot, canvas: SketchCanvas) -> None:
    _square_outline(canvas)
    assert canvas.to_array()[140, 140] == 0
    canvas.set_tool("fill")
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=_widget_point(canvas, 140, 140))
    drawing = canvas.to_array()
    assert (drawing[62:219, 62:219] == 255).all()  # solid, including the anti-aliased rim
    assert drawing[20, 20] == 0  # outside untouched
    canvas.undo()
    assert canvas.to_array()[140, 140] == 0


def test_fill_on_ink_changes_nothing(canvas: SketchCanvas) -> None:
    _square_outline(canvas)
    assert not canvas.fill_at(60, 140)
    assert not canvas.fill_at(-5, 400)


def test_fill_enclosed_fills_every_inside(canvas: SketchCanvas) -> None:
    _square_outline(canvas)
    canvas.draw_stroke([(240, 20), (270, 20)])  # an open stroke encloses nothing
    assert canvas.fill_enclosed()
    drawing = canvas.to_array()
    assert drawing[140, 140] == 255 and drawing[100, 200] == 255
    assert drawing[40, 255] == 0 and drawing[250, 250] == 0
    assert not canvas.fill_enclosed()  # nothing left to fill


def test_set_image_from_array_scales_to_the_board(canvas: SketchCanvas) -> None:
    small = np.zeros((28, 28), dtype=np.uint8)
    small[4:24, 10:18] = 255
    canvas.set_image_from_array(small)
    drawing = canvas.to_array()
    assert drawing[140, 140] == 255 and drawing[20, 20] == 0
    assert drawing[140, 90] == 0  # the narrow bar stayed narrow
    with pytest.raises(ValueError):
        canvas.set_image_from_array(np.zeros((3, 3, 3)))


def test_brush_size_and_tool_validation(canvas: SketchCanvas) -> None:
    canvas.set_brush_size(1000)
    assert canvas.brush_size() == MAX_BRUSH
    canvas.set_brush_size(0)
    assert canvas.brush_size() == MIN_BRUSH
    with pytest.raises(ValueError, match="unknown tool"):
        canvas.set_tool("spray")


def test_flood_fill_helpers_on_a_maze() -> None:
    allowed = np.ones((30, 30), dtype=bool)
    allowed[10, :25] = False  # a wall with a gap on the right
    allowed[20, 5:] = False  # a wall with a gap on the left
    region = flood_region(allowed, (0, 0))
    assert region[29, 29] and region[15, 0]  # reached through both gaps
    allowed[20, :5] = False  # close the second gap
    region = flood_region(allowed, (0, 0))
    assert not region[25, 0] and region[15, 0]
    holes = enclosed_regions(allowed)
    assert not holes.any()  # the bottom band touches the border: not enclosed
    ring = np.ones((9, 9), dtype=bool)
    ring[2, 2:7] = ring[6, 2:7] = ring[2:7, 2] = ring[2:7, 6] = False
    holes = enclosed_regions(ring)
    assert holes.sum() == 9 and holes[4, 4]
