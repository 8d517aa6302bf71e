"""The brush that the Draw board and the Weights tab share: its size, its stroke, how it shows.

Both tabs paint on a square picture drawn as large as its widget allows (the 280-px board, a
28×28 template), so the geometry (widget ↔ picture coordinates), the stroke under way and the
outline under the pointer live here once; what a stroke *does* (chalk on a board, weights added
to a template) stays with each tab.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from gui.text_size import scaled

OUTLINE_COLOUR = QColor("#f0a030")  # the same amber as the top probability bar: "this is live"


def square_board_rect(width: float, height: float, margin: float = 1.0) -> QRectF:
    """The largest centred square that fits a widget, `margin` px in from its edges."""
    side = max(1.0, min(width, height) - 2 * margin)
    return QRectF((width - side) / 2, (height - side) / 2, side, side)


def widget_to_board(position: QPointF, board: QRectF, size: float) -> QPointF:
    """A widget position in picture units (0..size across the board)."""
    scale = size / board.width()
    return QPointF((position.x() - board.left()) * scale, (position.y() - board.top()) * scale)


def board_to_widget(point: QPointF, board: QRectF, size: float) -> QPointF:
    scale = board.width() / size
    return QPointF(board.left() + point.x() * scale, board.top() + point.y() * scale)


class Brush:
    """A round brush whose diameter (in picture units) stays within the tab's bounds."""

    def __init__(self, minimum: float, maximum: float, diameter: float) -> None:
        if not 0 < minimum <= maximum:
            raise ValueError(f"brush bounds must satisfy 0 < minimum <= maximum, got {minimum}, {maximum}")
        self.minimum, self.maximum = minimum, maximum
        self._diameter = self.clamp(diameter)

    def clamp(self, diameter: float) -> float:
        return min(self.maximum, max(self.minimum, float(diameter)))

    def diameter(self) -> float:
        return self._diameter

    def set_diameter(self, diameter: float) -> float:
        self._diameter = self.clamp(diameter)
        return self._diameter

    def radius(self) -> float:
        return self._diameter / 2


class StrokeTracker:
    """The points of the stroke under way: press begins it, moves extend it, release ends it."""

    def __init__(self) -> None:
        self._points: list[QPointF] = []
        self._active = False

    def is_active(self) -> bool:
        return self._active

    def begin(self, point: QPointF) -> None:
        self._points = [QPointF(point)]
        self._active = True

    def extend(self, point: QPointF) -> QPointF | None:
        """Add a point; returns the previous one (the segment to draw), or None with no stroke."""
        if not self._active:
            return None
        previous = self._points[-1]
        self._points.append(QPointF(point))
        return previous

    def end(self) -> list[QPointF]:
        """Finish the stroke and hand back all its points (empty when none was under way)."""
        points, self._points, self._active = self._points, [], False
        return points

    def points(self) -> list[QPointF]:
        return list(self._points)

    def last_point(self) -> QPointF | None:
        return self._points[-1] if self._points else None


def draw_brush_outline(painter: QPainter, centre: QPointF, radius: float) -> None:
    """The circle under the pointer that shows how big the brush is, at the app's text size."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(OUTLINE_COLOUR, max(1.5, scaled(1.5))))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, radius, radius)
    painter.restore()
