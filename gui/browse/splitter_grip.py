"""A splitter whose divider can be seen: a column of dots on a handle as wide as the text is tall.

The style's own handle between Browse's grid and its sample pane was a few pixels of the window's
grey, which nobody at a projector finds; dragging it is how the teacher gives the matrix or the
grid more room. The grip is painted from the palette, so it follows the high-contrast theme too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSplitterHandle

from gui.widgets.reflow import ReflowSplitter

DOTS = 5


class GripHandle(QSplitterHandle):
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().mid())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().windowText())
        radius = max(1.5, min(self.width(), self.height()) / 5)
        step = radius * 3
        centre = QPointF(self.rect().center())
        for k in range(DOTS):
            offset = (k - (DOTS - 1) / 2) * step
            if self.orientation() == Qt.Orientation.Horizontal:
                painter.drawEllipse(QPointF(centre.x(), centre.y() + offset), radius, radius)
            else:
                painter.drawEllipse(QPointF(centre.x() + offset, centre.y()), radius, radius)
        painter.end()


class GripSplitter(ReflowSplitter):
    """ReflowSplitter with GripHandles, their width following the text size."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._size_handles()

    def createHandle(self) -> QSplitterHandle:  # noqa: N802
        return GripHandle(self.orientation(), self)

    def _size_handles(self) -> None:
        self.setHandleWidth(max(8, self.fontMetrics().height() // 2))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._size_handles()
        super().changeEvent(event)
