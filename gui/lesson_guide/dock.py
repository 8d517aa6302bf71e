"""The guide's panel: one step at a time, a row of ◀ n/N ▶ ✕ and the step's text.

A strip along the bottom of the window rather than a side panel: at 1024×768 and +4 text the
Train tab needs the whole width, but has height to spare. Its own header replaces the dock's
title bar (one row instead of two); it may still be dragged to the top or floated.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.text_size import relative_font

TEXT_LINES = 3  # the text shown at once; longer steps scroll (most take 3–4 lines at 1024 px, +4)


class StepText(QTextBrowser):
    """The step's text, sized in lines of the current font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _lines_height(self, lines: float) -> int:
        margin = 2 * (self.frameWidth() + round(self.document().documentMargin()))
        return round(lines * QFontMetrics(self.font()).lineSpacing()) + margin

    def sizeHint(self):  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        hint.setHeight(self._lines_height(TEXT_LINES))
        return hint

    def minimumSizeHint(self):  # noqa: N802
        hint = super().minimumSizeHint()
        hint.setHeight(self._lines_height(2))
        return hint


class GuideDock(QDockWidget):
    previous_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonGuide")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea)
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # PageUp/PageDown stay with the window
        self.counter = QLabel()
        self.heading = QLabel()
        self.text = StepText()
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.previous_button)
        row.addWidget(self.counter)
        row.addWidget(self.next_button)
        row.addWidget(self.heading, 1)
        row.addWidget(self.close_button)
        self.setTitleBarWidget(header)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 0, 4, 4)
        column.addWidget(self.text)
        self.setWidget(body)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.close_button.clicked.connect(self.close)
        self.restyle()

    def show_step(self, number: int, count: int, title: str, text: str) -> None:
        self.counter.setText(f"{number}/{count}")
        self.heading.setText(title)
        self.heading.setToolTip(title)
        self.setWindowTitle(title)
        self.text.setHtml(text)
        self.previous_button.setEnabled(number > 1)
        self.next_button.setEnabled(number < count)

    def restyle(self) -> None:
        """The heading a little bigger than the text (called when the text size changes)."""
        self.heading.setFont(relative_font(1.1, bold=True))
        self.counter.setFont(relative_font(1.1, bold=True))
