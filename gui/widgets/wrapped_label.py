"""A word-wrapped label that keeps the height its wrapped lines need at its width.

Qt lays out a wrapped QLabel by height-for-width only where the whole chain of layouts does; a
scroll area's reflow (gui/widgets/reflow.py) or a dock's title row sizes it from its size hint,
the text on as few lines as a wide row would take, and the lines it really wraps onto are cut.
This label sets its minimum height to those lines whenever its width, text or font changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def fit_height(self) -> None:
        self.setMinimumHeight(max(0, self.heightForWidth(max(1, self.width()))))

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_height()
