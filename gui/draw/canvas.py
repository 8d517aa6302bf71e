"""The drawing board of the Draw tab: brush, eraser, bucket fill, undo/redo.

The drawing lives in a greyscale QImage where 255 is garment and 0 is background, which is the
dataset's convention, so what the model sees never depends on how the board is coloured. It is
shown as white chalk on a dark board: on a projector that reads well, and it looks like the
"what the model sees" preview beside it, which makes the light-on-dark convention obvious.
An empty board says what to do on itself (`set_empty_hint`), where it covers nothing.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.draw.canvas_image import array_to_image, board_colour_table, fit_square, image_to_array
from gui.draw.flood_fill import enclosed_regions, flood_region, grow_by_one, touches_edge
from gui.language import follow_language
from gui.text_size import scaled
from gui.widgets.brush import (
    Brush,
    StrokeTracker,
    board_to_widget,
    draw_brush_outline,
    square_board_rect,
    widget_to_board,
)

CANVAS_SIZE = 280  # 10× the model's 28 px: fine strokes, and a cheap 10:1 reduction
BOARD_COLOUR = QColor("#1d2730")
INK_COLOUR = QColor("#f6f5ee")
MIN_BRUSH, MAX_BRUSH, DEFAULT_BRUSH = 3, 60, 16  # diameters in canvas pixels
HISTORY_LIMIT = 60  # undo steps kept; each is a 77 KB copy
INK, BACKGROUND = 255, 0
TOOLS = ("brush", "eraser", "fill")
HINT_FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)


class SketchCanvas(QWidget):
    """A square board that grows with its widget; emits ``changed`` on every edit."""

    changed = Signal()  # the drawing changed (emitted often while a stroke goes on)
    stroke_finished = Signal()  # the mouse went up: a good moment for a final prediction
    history_changed = Signal()  # undo/redo availability may have changed
    # The bucket's region reached the board's edge: the outline had a gap, the fill leaked out.
    fill_leaked = Signal()
    nothing_enclosed = Signal()  # "Fill inside" found no closed outline: nothing changed

    def __init__(self, parent: QWidget | None = None, size: int = CANVAS_SIZE) -> None:
        super().__init__(parent)
        self._size = size
        self._image = QImage(size, size, QImage.Format.Format_Grayscale8)
        self._image.fill(BACKGROUND)
        self._undo: list[bytes] = []
        self._redo: list[bytes] = []
        self._tool = "brush"
        self._brush = Brush(MIN_BRUSH, MAX_BRUSH, DEFAULT_BRUSH)  # the same brush as the Weights tab's
        self._stroke_value: int | None = None  # ink or background while a stroke is going on
        self._stroke = StrokeTracker()
        self._hover: QPointF | None = None
        self._palette_table = board_colour_table(BOARD_COLOUR, INK_COLOUR)
        self._empty_hint = ""
        self._blank = True  # nothing drawn: the hint shows (kept up to date by _after_edit)
        self.setMouseTracking(True)  # for the brush-size circle under the pointer
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a click on the board takes the keyboard
        follow_language(self, lambda: self.setAccessibleName(self.tr("drawing board")))

    # -- state ---------------------------------------------------------------------------
    def canvas_size(self) -> int:
        return self._size

    def to_array(self) -> np.ndarray:
        """A copy of the drawing, uint8 [size, size], 255 = garment."""
        return image_to_array(self._image)

    def is_empty(self) -> bool:
        return not self.to_array().any()

    def set_empty_hint(self, text: str) -> None:
        """What the board says while nothing is drawn on it ("" for nothing)."""
        self._empty_hint = text
        self.update()

    def hint_shown(self) -> str:
        """The hint painted on the board now ("" while something is drawn)."""
        return self._empty_hint if self._blank else ""

    def set_image_from_array(self, array: np.ndarray) -> None:
        """Put an image on the board (undoable), scaled smoothly to fill it.

        Used for "send to canvas" from the browser and for opened photos: a 28×28 image becomes
        a 280×280 drawing the student can keep editing.
        """
        values = np.asarray(array)
        if values.ndim != 2 or values.size == 0:
            raise ValueError(f"expected a 2-D greyscale image, got shape {values.shape}")
        if values.dtype != np.uint8:
            values = np.clip(np.rint(values.astype(np.float64)), 0, 255).astype(np.uint8)
        if values.shape != (self._size, self._size):
            values = fit_square(values, self._size)
        self._push_history()
        self._set_array(values)
        self._after_edit(finished=True)

    def clear(self) -> None:
        if self.is_empty():
            return
        self._push_history()
        self._image.fill(BACKGROUND)
        self._after_edit(finished=True)

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> None:
        if not self._undo:
            return
        self._redo.append(self._snapshot())
        self._restore(self._undo.pop())

    def redo(self) -> None:
        if not self._redo:
            return
        self._undo.append(self._snapshot())
        self._restore(self._redo.pop())

    # -- tools ---------------------------------------------------------------------------
    def tool(self) -> str:
        return self._tool

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}; choose one of {', '.join(TOOLS)}")
        self._tool = tool
        self.setCursor(Qt.CursorShape.PointingHandCursor if tool == "fill" else Qt.CursorShape.CrossCursor)
        self.update()

    def brush_size(self) -> int:
        return int(self._brush.diameter())

    def set_brush_size(self, diameter: int) -> None:
        self._brush.set_diameter(int(diameter))
        self.update()

    def draw_stroke(self, points: list[tuple[float, float]], erase: bool = False) -> None:
        """Draw a polyline in canvas coordinates, as one undo step (scripts and tests use it)."""
        if not points:
            return
        self._begin_stroke(QPointF(*points[0]), BACKGROUND if erase else INK)
        for x, y in points[1:]:
            self._continue_stroke(QPointF(x, y))
        self._end_stroke()

    def fill_at(self, x: int, y: int) -> bool:
        """Bucket fill: the dark area around (x, y) becomes garment. False if nothing changed."""
        values = self.to_array()
        if not (0 <= x < self._size and 0 <= y < self._size) or values[y, x] >= 128:
            return False
        region = flood_region(values < 128, (y, x))
        self._push_history()
        values[grow_by_one(region)] = INK  # also the grey anti-aliased rim inside the outline
        self._set_array(values)
        self._after_edit(finished=True)
        if touches_edge(region):  # after `changed`, so a listener that clears notes on edits keeps this one
            self.fill_leaked.emit()
        return True

    def fill_enclosed(self) -> bool:
        """Fill every area the drawing encloses: an outline becomes a solid silhouette."""
        values = self.to_array()
        holes = enclosed_regions(values < 128)
        if not holes.any():
            self.nothing_enclosed.emit()
            return False
        self._push_history()
        values[grow_by_one(holes)] = INK
        self._set_array(values)
        self._after_edit(finished=True)
        return True

    # -- mouse and pen ---------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        point = self._to_canvas(event.position())
        if event.button() == Qt.MouseButton.LeftButton and self._tool == "fill":
            self.fill_at(int(point.x()), int(point.y()))
        elif event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            # The right button erases, whatever the tool: quick corrections without a detour.
            erase = self._tool == "eraser" or event.button() == Qt.MouseButton.RightButton
            self._begin_stroke(point, BACKGROUND if erase else INK)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = self._to_canvas(event.position())
        old_hover, self._hover = self._hover, point
        if self._stroke_value is not None:
            self._continue_stroke(point)
        else:
            self._update_around(old_hover)
            self._update_around(point)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._stroke_value is not None:
            self._continue_stroke(self._to_canvas(event.position()))
            self._end_stroke()
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802, ANN001
        self._hover = None
        self.update()
        super().leaveEvent(event)

    # -- painting --------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        side = max(self._size, self.fontMetrics().height() * 24)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        side = self.fontMetrics().height() * 10
        return QSize(side, side)

    def board_rect(self) -> QRectF:
        """Where the board is drawn: the largest centred square that fits."""
        return square_board_rect(self.width(), self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        # Show the greyscale drawing through a colour table: 0 → board colour, 255 → ink colour.
        view = QImage(
            self._image.constBits(),
            self._size,
            self._size,
            self._image.bytesPerLine(),
            QImage.Format.Format_Indexed8,
        )
        view.setColorTable(self._palette_table)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        board = self.board_rect()
        painter.drawImage(board, view)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(self.foregroundRole()), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(board.adjusted(-0.5, -0.5, 0.5, 0.5))
        if self.hint_shown():
            self._paint_hint(painter)
        if self._hover is not None and self._tool != "fill":
            radius = self._brush.radius() * board.width() / self._size
            draw_brush_outline(painter, self._to_widget(self._hover), radius)
        painter.end()

    def hint_rect(self) -> QRectF:
        """Where the hint's text is painted (empty while none is): wrapped an eighth of the board in
        from its edges, centred."""
        if not self.hint_shown():
            return QRectF()
        area = self._hint_area().toRect()
        return QRectF(self.fontMetrics().boundingRect(area, HINT_FLAGS, self._empty_hint))

    def _hint_area(self) -> QRectF:
        board = self.board_rect()
        margin = board.width() / 8
        return board.adjusted(margin, margin, -margin, -margin)

    def _paint_hint(self, painter: QPainter) -> None:
        """The hint in chalk, a little dimmer than ink."""
        hint_colour = QColor(INK_COLOUR)
        hint_colour.setAlpha(200)
        painter.setPen(hint_colour)
        painter.setFont(self.font())
        painter.drawText(self._hint_area().toRect(), HINT_FLAGS, self._empty_hint)  # as hint_rect measures

    # -- internals ---------------------------------------------------------------------------
    def _to_canvas(self, position: QPointF) -> QPointF:
        return widget_to_board(position, self.board_rect(), self._size)

    def _to_widget(self, point: QPointF) -> QPointF:
        return board_to_widget(point, self.board_rect(), self._size)

    def _pen(self) -> QPen:
        value = self._stroke_value
        pen = QPen(QColor(value, value, value), self._brush.diameter())
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _begin_stroke(self, point: QPointF, value: int) -> None:
        self._push_history()
        self._stroke_value = value
        self._stroke.begin(point)
        painter = self._image_painter()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(value, value, value))
        radius = self._brush.radius()
        painter.drawEllipse(point, radius, radius)  # a click leaves a dot
        painter.end()
        self._after_edit(finished=False, around=(point, point))

    def _continue_stroke(self, point: QPointF) -> None:
        if self._stroke_value is None:
            return
        previous = self._stroke.extend(point)
        if previous is None:
            return
        painter = self._image_painter()
        painter.setPen(self._pen())
        painter.drawLine(previous, point)
        painter.end()
        self._after_edit(finished=False, around=(previous, point))

    def _end_stroke(self) -> None:
        self._stroke_value = None
        self._stroke.end()
        self._after_edit(finished=True)

    def _image_painter(self) -> QPainter:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        return painter

    def _after_edit(self, finished: bool, around: tuple[QPointF, QPointF] | None = None) -> None:
        if finished or self._blank:  # mid-stroke only the first dot can end the blank board
            blank = self.is_empty()
            if blank != self._blank:
                self._blank = blank
                around = None  # the hint comes or goes: the whole board is repainted
        if around is None:
            self.update()
        else:
            for point in around:
                self._update_around(point)
        self.changed.emit()
        if finished:
            self.history_changed.emit()
            self.stroke_finished.emit()

    def _update_around(self, point: QPointF | None) -> None:
        """Repaint only near the pen: a full 1000-px board repaint per mouse event would lag."""
        if point is None:
            return
        centre = self._to_widget(point)
        reach = self._brush.radius() * self.board_rect().width() / self._size + scaled(4)
        self.update(QRectF(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach).toAlignedRect())

    def _snapshot(self) -> bytes:
        return self.to_array().tobytes()

    def _push_history(self) -> None:
        self._undo.append(self._snapshot())
        del self._undo[:-HISTORY_LIMIT]
        self._redo.clear()

    def _restore(self, data: bytes) -> None:
        self._set_array(np.frombuffer(data, dtype=np.uint8).reshape(self._size, self._size))
        self._after_edit(finished=True)

    def _set_array(self, values: np.ndarray) -> None:
        self._image = array_to_image(values)
