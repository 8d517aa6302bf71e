"""Two widgets side by side when the width allows, one above the other when it does not.

A projector at 1024×768 with large text has no room for the logit bars beside the softmax bars,
and a sideways scroll would hide half of the comparison; stacking keeps both whole.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class ReflowPair(QWidget):
    def __init__(self, first: QWidget, second: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first, self._second = first, second
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._side_by_side: bool | None = None
        self._arrange(side_by_side=False)

    def is_side_by_side(self) -> bool:
        return bool(self._side_by_side)

    def _needed_width(self) -> int:
        """Side by side when both get half as much again as their minimum width: room to read,
        without trusting size hints built on average character widths (huge in CJK fonts)."""
        spacing = max(0, self._grid.horizontalSpacing())
        minimum = self._first.minimumSizeHint().width() + self._second.minimumSizeHint().width()
        return int(minimum * 1.5) + spacing

    def _arrange(self, side_by_side: bool) -> None:
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        self._grid.removeWidget(self._first)
        self._grid.removeWidget(self._second)
        self._grid.addWidget(self._first, 0, 0)
        if side_by_side:
            self._grid.addWidget(self._second, 0, 1)
        else:
            self._grid.addWidget(self._second, 1, 0)
        self._grid.setColumnStretch(1, 1 if side_by_side else 0)
        self._grid.setColumnStretch(0, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self._arrange(event.size().width() >= self._needed_width())
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Stacked is always possible, so the pair never asks for more than its wider child.
        first, second = self._first.minimumSizeHint(), self._second.minimumSizeHint()
        return QSize(max(first.width(), second.width()), super().minimumSizeHint().height())
