"""A grid of small pictures that reflows with its width: the ten class templates (with their
names and biases, clickable) and the first-layer units of the MLP or CNN (plain mosaic).

Painted by hand in one widget: ten QLabels with pixmaps would each re-lay out the window on every
live update, which is exactly the cost the Train tab's figures cannot afford.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.text_size import scaled
from gui.widgets.brush import OUTLINE_COLOUR


class TileGrid(QWidget):
    """Pictures in up to `columns` columns; tiles grow with the width between two font-relative
    sizes, and rows are added (never a sideways scroll) when the width runs short."""

    tile_clicked = Signal(int)

    def __init__(
        self,
        columns: int,
        min_tile_lines: float,
        max_tile_lines: float,
        caption_lines: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._min_lines, self._max_lines = min_tile_lines, max_tile_lines
        self._caption_lines = caption_lines
        self._images: list[QImage] = []
        self._captions: list[tuple[str, str]] = []
        self._selected: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- content -------------------------------------------------------------------------------
    def set_images(self, images: list[QImage], captions: list[tuple[str, str]] | None = None) -> None:
        """Pictures (and, with captions, a bold first and a plain second line under each)."""
        count_changed = len(images) != len(self._images)
        self._images = list(images)
        self._captions = list(captions or [])
        if count_changed:
            self.updateGeometry()
        self.update()

    def set_captions(self, captions: list[tuple[str, str]]) -> None:
        self._captions = list(captions)
        self.update()

    def captions(self) -> list[tuple[str, str]]:
        return list(self._captions)

    def set_columns(self, columns: int) -> None:
        if columns != self._columns:
            self._columns = columns
            self.updateGeometry()
            self.update()

    def count(self) -> int:
        return len(self._images)

    def set_selected(self, index: int | None) -> None:
        self._selected = index
        self.update()

    def selected(self) -> int | None:
        return self._selected

    # -- geometry ------------------------------------------------------------------------------
    def _gap(self) -> float:
        return self.fontMetrics().averageCharWidth() * (1.5 if self._caption_lines else 0.5)

    def _caption_height(self) -> float:
        return self.fontMetrics().height() * self._caption_lines * 1.1

    def _pad(self) -> float:
        """Room around the tiles for the selected tile's thick outline."""
        return scaled(5)

    def layout_for(self, width: float) -> tuple[int, int, float]:
        """(columns, rows, tile side in px) for a width."""
        width -= 2 * self._pad()
        count = max(1, len(self._images))
        line = self.fontMetrics().height()
        gap = self._gap()
        fit = int((width + gap) // (self._min_lines * line + gap))
        columns = max(1, min(self._columns, count, fit))
        rows = math.ceil(count / columns)
        side = min(self._max_lines * line, (width - gap * (columns - 1)) / columns)
        return columns, rows, max(4.0, side)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        if not self._images:
            return self.fontMetrics().height() * 4
        _, rows, side = self.layout_for(width)
        return math.ceil(rows * (side + self._caption_height()) + (rows - 1) * self._gap() + 2 * self._pad())

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        columns = min(self._columns, max(1, len(self._images)))
        width = int(columns * (self._max_lines * line + self._gap()) + 2 * self._pad())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        return QSize(int(self._min_lines * line), int(self._min_lines * line))

    def tile_rect(self, index: int) -> QRectF:
        """Where picture `index` is drawn (without its caption)."""
        columns, _, side = self.layout_for(self.width())
        gap = self._gap()
        used = columns * side + (columns - 1) * gap
        left = max(0.0, (self.width() - used) / 2)
        row, column = divmod(index, columns)
        top = self._pad() + row * (side + self._caption_height() + gap)
        return QRectF(left + column * (side + gap), top, side, side)

    def index_at(self, position: QPointF) -> int | None:
        for index in range(len(self._images)):
            rect = self.tile_rect(index)
            rect.setHeight(rect.height() + self._caption_height())
            if rect.contains(position):
                return index
        return None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # every size here is in lines of text: Ctrl+= resizes it
        super().changeEvent(event)

    # -- events --------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Arrow keys move the selection: a presenter's clicker or keyboard, no mouse needed."""
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -self._columns,
            Qt.Key.Key_Down: self._columns,
        }
        step = steps.get(Qt.Key(event.key()))
        if step is None or not self._images or self._selected is None:
            super().keyPressEvent(event)
            return
        # layout_for: the real number of columns at this width (Up/Down move by a row)
        columns = self.layout_for(self.width())[0]
        step = step if abs(step) == 1 else (columns if step > 0 else -columns)
        target = self._selected + step
        if 0 <= target < len(self._images):
            self.tile_clicked.emit(target)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tile_clicked.emit(index)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        normal = QFont(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        line = self.fontMetrics().height()
        frame = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        for index, image in enumerate(self._images):
            rect = self.tile_rect(index)
            painter.drawImage(rect, image)  # no smoothing: every weight stays one visible square
            chosen = index == self._selected
            if chosen:
                painter.setPen(QPen(OUTLINE_COLOUR, max(3.0, scaled(3))))
                painter.drawRect(rect.adjusted(-scaled(2), -scaled(2), scaled(2), scaled(2)))
            else:
                painter.setPen(frame)
                painter.drawRect(rect)
            if index < len(self._captions):
                first, second = self._captions[index]
                painter.setPen(text_colour)
                gap = self._gap()
                below = QRectF(rect.left() - gap / 2, rect.bottom() + line * 0.1, rect.width() + gap, line)
                painter.setFont(bold if chosen else normal)
                centre = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                name = painter.fontMetrics().elidedText(
                    first, Qt.TextElideMode.ElideRight, int(below.width())
                )
                painter.drawText(below, centre, name)
                painter.setFont(normal)
                painter.drawText(below.translated(0, line), centre, second)
        painter.end()
