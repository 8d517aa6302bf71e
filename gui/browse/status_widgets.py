"""Small widgets of the Browse tab that keep themselves readable at any text size: the page shown
instead of the grid while there is no dataset, the hints shown instead of an empty sketchbook or
of a grid the filters emptied, and the prediction progress bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gui.language import follow_language

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
        # The class's own sketches need no dataset: they stay one click away.
        self.sketches_button = QPushButton()
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.label)
        column.addWidget(self.sketches_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        centred = QHBoxLayout(self)
        centred.addStretch(1)
        centred.addLayout(column, 8)
        centred.addStretch(1)
        self._enlarge_text()
        follow_language(self, lambda: self.sketches_button.setText(self.tr("Browse our sketches instead")))

    def _enlarge_text(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * MISSING_TEXT_SCALE)
        self.label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._enlarge_text()
        super().changeEvent(event)


class EmptySketchbookHint(QLabel):
    """How the class adds sketches, where the grid of an empty sketchbook would be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.setText(
            self.tr(
                "<p><b>No sketches kept today yet.</b></p>"
                "<p>On the Draw tab, draw a garment and press <b>Keep as…</b> under the board to keep it "
                "with the class it is; or open the <b>Class</b> tab so students can send drawings "
                "from their phones. They appear here as they arrive.</p>"
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.setMargin(self.fontMetrics().height())  # a line's room from the grid's edges
        super().changeEvent(event)


class NoMatchHint(QWidget):
    """Where the grid would be empty because of the filters: why, in one sentence ("No Sneaker in
    the test set is read as Trouser."), and the way back ("Clear filters")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_button = QPushButton()
        column = QVBoxLayout(self)
        column.addWidget(self.label)
        column.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self._fit_margins()
        follow_language(self, lambda: self.clear_button.setText(self.tr("Clear filters")))

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def _fit_margins(self) -> None:
        margin = self.fontMetrics().height()  # a line's room from the grid's edges
        self.layout().setContentsMargins(margin, margin, margin, margin)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_margins()
        super().changeEvent(event)


class PredictionProgress(QProgressBar):
    """ "Predicting 1,234 / 60,000", hidden while idle, wide enough for its longest text at the
    current font (a squeezed bar cut the text off)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)
        self._text = "%v / %m"

    def set_format_text(self, text: str) -> None:
        """`text` with Qt's %v / %m placeholders, already translated."""
        self._text = text
        self.show_progress(self.value(), self.maximum())
        self._fit_text()

    def _with_numbers(self, done: int, total: int) -> str:
        # Filled in here, not by Qt: its %v / %m have no thousands separators ("19197 / 60000").
        return self._text.replace("%v", f"{done:,}").replace("%m", f"{total:,}")

    def show_progress(self, done: int, total: int) -> None:
        self.setMaximum(total)
        self.setValue(done)
        self.setFormat(self._with_numbers(max(done, 0), total))

    def _fit_text(self) -> None:
        fm = QFontMetrics(self.font())
        longest = self._with_numbers(60000, 60000)
        self.setMinimumWidth(fm.horizontalAdvance(longest) + 3 * fm.height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_text()
        super().changeEvent(event)
