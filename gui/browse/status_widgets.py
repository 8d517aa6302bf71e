"""Two small widgets of the Browse tab that keep themselves readable at any text size: the page
shown instead of the grid while there is no dataset, and the prediction progress bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

MISSING_TEXT_SCALE = 1.3  # the how-to is read from the back of the room


class MissingDataPage(QWidget):
    """Why there is nothing to browse (loading, or how to get the data), in a left-aligned block
    in the middle of the tab, so that bullet lines stay readable as a list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        centred = QHBoxLayout(self)
        centred.addStretch(1)
        centred.addWidget(self.label, 8)
        centred.addStretch(1)
        self._enlarge_text()

    def _enlarge_text(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * MISSING_TEXT_SCALE)
        self.label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._enlarge_text()
        super().changeEvent(event)


class PredictionProgress(QProgressBar):
    """ "Predicting 1,234 / 60,000", hidden while idle, wide enough for its longest text at the
    current font (a squeezed bar cut the text off)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)

    def set_format_text(self, text: str) -> None:
        """`text` with Qt's %v / %m placeholders, already translated."""
        self.setFormat(text)
        self._fit_text()

    def show_progress(self, done: int, total: int) -> None:
        self.setMaximum(total)
        self.setValue(done)

    def _fit_text(self) -> None:
        fm = QFontMetrics(self.font())
        longest = self.format().replace("%v", "60000").replace("%m", "60000")
        self.setMinimumWidth(fm.horizontalAdvance(longest) + 3 * fm.height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_text()
        super().changeEvent(event)
