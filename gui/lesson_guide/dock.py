"""The guide's panel: a row ◀ n/N ▶ title ▾ ✕, and the step's text under it.

A strip along the bottom of the window rather than a side panel: at 1024×768 and +4 text the
Train tab needs the whole width, and has little height to spare, so the text folds away (▾) to
leave only the row while the class looks at a tab.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.text_size import relative_font
from gui.widgets.wrapped_label import WrappedLabel

TEXT_LINES = 4  # the text shown at once at most (rich text lines are a little taller); a longer step scrolls


class StepText(QTextBrowser):
    """The step's text, as tall as its wrapped lines at the dock's width, up to TEXT_LINES: a fixed
    three lines cut step 1 mid-sentence at +4 ("…between 0 and 1, and it"), behind a scroll bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.document().documentLayout().documentSizeChanged.connect(self._text_resized)
        self.fit_later = QTimer(self, singleShot=True, interval=0)  # once per change, after the layouts

    def _text_resized(self) -> None:
        self.updateGeometry()
        self.fit_later.start()

    def _margin(self) -> int:
        return 2 * (self.frameWidth() + round(self.document().documentMargin()))

    def _lines_height(self, lines: float) -> int:
        return round(lines * QFontMetrics(self.font()).lineSpacing()) + self._margin()

    def text_height(self) -> int:
        """The height the whole text needs at the current width (a copy laid out now: the shown
        document is laid out again only later, after a new text)."""
        document = self.document().clone(self)
        document.setTextWidth(self.viewport().width())
        height = document.size().height()
        document.deleteLater()
        return round(height) + 2 * self.frameWidth()

    def sizeHint(self):  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        most = self._lines_height(TEXT_LINES + 0.5)
        hint.setHeight(max(self._lines_height(2), min(self.text_height(), most)))
        return hint

    def minimumSizeHint(self):  # noqa: N802
        hint = super().minimumSizeHint()
        hint.setHeight(self._lines_height(2))
        return hint


class StepHeading(WrappedLabel):
    """The step's title, wrapped onto a second line where the row is too narrow: unwrapped, the
    longest title at +6 text made the dock, and so the window, 1113 px wide on a 1024 px screen.
    A dock sizes its title row from the row's size hint, never height-for-width: WrappedLabel asks
    for the wrapped lines' height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)


def _tool_button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)  # a character, not the style's arrow: it grows with the text size
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # PageUp/PageDown stay with the window
    return button


class GuideDock(QDockWidget):
    previous_requested = Signal()
    next_requested = Signal()
    folded_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonGuide")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.previous_button = _tool_button("◀")
        self.next_button = _tool_button("▶")
        self.fold_button = _tool_button("▾")
        self.fold_button.setCheckable(True)
        self.close_button = _tool_button("✕")
        self.counter = QLabel()
        self.heading = StepHeading()
        self.text = StepText()
        self.title = ""
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(4, 0, 2, 0)
        for widget in (self.previous_button, self.counter, self.next_button):
            row.addWidget(widget)
        row.addWidget(self.heading, 1)
        row.addWidget(self.fold_button)
        row.addWidget(self.close_button)
        self.setTitleBarWidget(header)  # one row, instead of a title bar and a row of buttons
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 0, 4, 2)
        column.addWidget(self.text)
        self.setWidget(body)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.close_button.clicked.connect(self.close)
        self.fold_button.toggled.connect(self.set_folded)
        self.text.fit_later.timeout.connect(self.fit_text)
        self.restyle()

    def fit_text(self) -> None:
        """As tall as the step's text needs (see StepText): a main window keeps a dock's height
        whatever its size hint says, until told."""
        window = self.parentWidget()
        if isinstance(window, QMainWindow) and self.isVisible() and not self.is_folded():
            # From the text's own hint: the dock's layout caches the old one until it next runs.
            wanted = self.height() + self.text.sizeHint().height() - self.text.height()
            window.resizeDocks([self], [wanted], Qt.Orientation.Vertical)

    def show_step(self, number: int, count: int, title: str, text: str) -> None:
        self.title = title
        self.counter.setText(f"{number}/{count}")
        self.heading.setText(title)
        self.setWindowTitle(title)
        self.text.setHtml(text)
        self.fit_text()  # now, before the step scrolls its tab to what it points at
        self.previous_button.setEnabled(number > 1)
        self.next_button.setEnabled(number < count)

    def is_folded(self) -> bool:
        return self.fold_button.isChecked()

    def set_folded(self, folded: bool) -> None:
        """Folded, only the step's row shows: the tabs get the text's height back while teaching."""
        if self.fold_button.isChecked() != folded:
            self.fold_button.setChecked(folded)  # toggled() comes back here once
            return
        # The text, not the dock's whole widget: without a widget shown the dock lays its row out
        # at the row's own width, and ▴ ✕ left the right edge.
        self.text.setVisible(not folded)
        if not folded:
            self.text.fit_later.start()
        self.fold_button.setText("▴" if folded else "▾")
        self.folded_changed.emit(folded)

    def restyle(self) -> None:
        """The step's title and number in bold, a little bigger than the text."""
        for label in (self.heading, self.counter):
            label.setFont(relative_font(1.1, bold=True))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.text.fit_later.start()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.restyle()
            self.text.updateGeometry()  # its height is counted in lines of the new font
        super().changeEvent(event)
