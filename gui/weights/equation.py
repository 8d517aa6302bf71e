"""The logit of one class, as the lesson writes it: template ⊙ image = what each pixel adds.

`LogitEquation` draws w_j ⊙ x = map as three large pictures; the template is where the brush
paints. `LogitBars` shows the ten o_j as bars around zero (the numbers softmax turns into the
probabilities beside them); clicking either picks the class that the equation explains.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.classes import IMAGE_SIZE, NUM_CLASSES
from gui.text_size import scaled
from gui.weights.colour import colour_of
from gui.widgets.brush import Brush, StrokeTracker, draw_brush_outline, widget_to_board

MIN_BRUSH, MAX_BRUSH, DEFAULT_BRUSH = 1.0, 10.0, 3.0  # diameters in template pixels (28 across)


class LogitEquation(QWidget):
    """[w_j] ⊙ [x] = [w_j ⊙ x], with a caption under each picture; paint on the first one."""

    stroke_changed = Signal(list, int)  # points [(x, y) in template pixels], sign (+1 / −1)
    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images: list[QImage | None] = [None, None, None]
        self._captions = ["", "", ""]
        self._placeholder = ""  # shown in the x slot when there is no current image
        self.brush = Brush(MIN_BRUSH, MAX_BRUSH, DEFAULT_BRUSH)
        self._stroke = StrokeTracker()
        self._sign = 1
        self._paintable = False
        self._hover: QPointF | None = None
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_pictures(self, template: QImage | None, image: QImage | None, product: QImage | None) -> None:
        self._images = [template, image, product]
        self.update()

    def set_captions(self, template: str, image: str, product: str, placeholder: str = "") -> None:
        self._captions = [template, image, product]
        self._placeholder = placeholder
        self.update()

    def captions(self) -> list[str]:
        return list(self._captions)

    def set_paintable(self, paintable: bool) -> None:
        """Only a linear model's template is the model: painting elsewhere would mean nothing."""
        self._paintable = paintable
        self.setCursor(Qt.CursorShape.CrossCursor if paintable else Qt.CursorShape.ArrowCursor)
        if not paintable and self._stroke.is_active():
            self._stroke.end()
        self.update()

    def is_painting(self) -> bool:
        return self._stroke.is_active()

    # -- geometry ------------------------------------------------------------------------------
    def _operator_width(self) -> float:
        return self.fontMetrics().height() * 1.8

    def _caption_height(self) -> float:
        return self.fontMetrics().height() * 2.3  # two lines: "template of Ankle boot" wraps

    def picture_side(self, width: float) -> float:
        line = self.fontMetrics().height()
        return max(line * 3.0, min(line * 9.0, (width - 2 * self._operator_width()) / 3))

    def picture_rect(self, slot: int) -> QRectF:
        side = self.picture_side(self.width())
        used = 3 * side + 2 * self._operator_width()
        left = max(0.0, (self.width() - used) / 2) + slot * (side + self._operator_width())
        return QRectF(left, scaled(3), side, side)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return int(self.picture_side(width) + self._caption_height() + scaled(6))

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        width = int(3 * line * 9.0 + 2 * self._operator_width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        width = int(3 * line * 3.0 + 2 * self._operator_width())
        return QSize(width, self.heightForWidth(width))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # every size here is in lines of text: Ctrl+= resizes it
        super().changeEvent(event)

    # -- painting with the brush ---------------------------------------------------------------
    def _template_point(self, position: QPointF) -> QPointF:
        return widget_to_board(position, self.picture_rect(0), IMAGE_SIZE)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        inside = self.picture_rect(0).contains(event.position())
        buttons = (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton)
        if self._paintable and inside and event.button() in buttons:
            # The right button paints the other way, as it erases on the Draw board.
            self._sign = -1 if event.button() == Qt.MouseButton.RightButton else 1
            self._stroke.begin(self._template_point(event.position()))
            self._emit_stroke()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._hover = event.position()
        if self._stroke.extend(self._template_point(event.position())) is not None:
            self._emit_stroke()
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._stroke.is_active():
            self._stroke.extend(self._template_point(event.position()))
            self._emit_stroke()
            self._stroke.end()
            self.stroke_finished.emit()
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802, ANN001
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def _emit_stroke(self) -> None:
        points = [(point.x(), point.y()) for point in self._stroke.points()]
        self.stroke_changed.emit(points, self._sign)

    # -- drawing -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        frame = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 2)
        line = self.fontMetrics().height()
        for slot, (image, caption) in enumerate(zip(self._images, self._captions, strict=True)):
            rect = self.picture_rect(slot)
            if image is not None:
                painter.drawImage(rect, image)
            elif slot == 1 and self._placeholder:
                painter.setPen(text_colour)
                flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
                painter.drawText(rect.adjusted(line * 0.3, 0, -line * 0.3, 0), int(flags), self._placeholder)
            painter.setPen(frame)
            painter.drawRect(rect)
            painter.setPen(text_colour)
            # Half an operator's width to each side (the captions may share it), never past the edges.
            half = self._operator_width() / 2
            left, right = max(0.0, rect.left() - half), min(float(self.width()), rect.right() + half)
            below = QRectF(left, rect.bottom() + line * 0.15, right - left, line * 2.2)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(below, int(flags), caption)
            if slot < 2:
                painter.setFont(big)
                between = QRectF(rect.right(), rect.top(), self._operator_width(), rect.height())
                painter.drawText(between, Qt.AlignmentFlag.AlignCenter, "⊙" if slot == 0 else "=")
                painter.setFont(self.font())
        if self._paintable and self._hover is not None and self.picture_rect(0).contains(self._hover):
            radius = self.brush.radius() * self.picture_rect(0).width() / IMAGE_SIZE
            draw_brush_outline(painter, self._hover, radius)
        painter.end()


class LogitBars(QWidget):
    """The ten logits o_j as bars left (negative) or right (positive) of a zero line."""

    class_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._logits: np.ndarray | None = None
        self._names: list[str] = [str(i) for i in range(NUM_CLASSES)]
        self._selected: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_logits(self, logits: np.ndarray | None) -> None:
        self._logits = None if logits is None else np.asarray(logits, dtype=np.float64).reshape(NUM_CLASSES)
        self.update()

    def logits(self) -> np.ndarray | None:
        return None if self._logits is None else self._logits.copy()

    def set_class_names(self, names: list[str]) -> None:
        self._names = list(names)
        self.updateGeometry()
        self.update()

    def set_selected(self, index: int | None) -> None:
        self._selected = index
        self.update()

    def _row_height(self) -> float:
        return self.fontMetrics().height() * 1.45  # the same rows as the probability bars beside

    def _names_width(self) -> int:
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        return max(metrics.horizontalAdvance(name) for name in self._names)

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        width = self._names_width() + metrics.horizontalAdvance("−88.8") + metrics.height() * 10
        return QSize(int(width), int(self._row_height() * NUM_CLASSES + metrics.height() * 0.5))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        width = self._names_width() + metrics.horizontalAdvance("−88.8") + metrics.height() * 4
        return QSize(int(width), int(self._row_height() * NUM_CLASSES))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # every size here is in lines of text: Ctrl+= resizes it
        super().changeEvent(event)

    def row_at(self, y: float) -> int | None:
        row = int((y - self._top_offset()) // self._row_height())
        return row if 0 <= row < NUM_CLASSES else None

    def _top_offset(self) -> float:
        return max(0.0, (self.height() - self._row_height() * NUM_CLASSES) / 2)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        row = self.row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self.class_clicked.emit(row)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        gap = metrics.averageCharWidth()
        names_width = self._names_width() + gap
        value_width = metrics.horizontalAdvance("−88.8") + gap
        row_height = self._row_height()
        top = self._top_offset()
        bar_left = names_width + gap
        bar_width = max(1.0, self.width() - bar_left - value_width - gap)
        zero_x = bar_left + bar_width / 2
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        largest = float(np.abs(self._logits).max()) if self._logits is not None else 0.0
        largest = largest if largest > 0 else 1.0
        winner = int(np.argmax(self._logits)) if self._logits is not None else None
        normal, bold = QFont(self.font()), QFont(self.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for index in range(NUM_CLASSES):
            y = top + index * row_height
            if index == self._selected:
                highlight = QColor(text_colour)
                highlight.setAlphaF(0.10)  # see-through: works in light and dark themes
                painter.fillRect(QRectF(0, y, self.width(), row_height), highlight)
            painter.setFont(bold if index in (winner, self._selected) else normal)
            painter.setPen(text_colour)
            painter.drawText(QRectF(0, y, names_width, row_height), right, self._names[index])
            if self._logits is not None:
                value = float(self._logits[index])
                length = bar_width / 2 * value / largest
                bar = QRectF(
                    min(zero_x, zero_x + length), y + row_height * 0.2, abs(length), row_height * 0.6
                )
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour_of(0.85 if value >= 0 else -0.85))
                painter.drawRect(bar)
                painter.setPen(text_colour)
                value_rect = QRectF(bar_left + bar_width + gap, y, value_width, row_height)
                shown = f"{value:.1f}"
                shown = "0.0" if shown == "-0.0" else shown.replace("-", "−")
                painter.drawText(value_rect, right, shown)
        painter.setPen(QPen(text_colour, max(1.0, scaled(1.5))))
        painter.drawLine(QPointF(zero_x, top), QPointF(zero_x, top + row_height * NUM_CLASSES))
        painter.end()
