"""The Train tab's log: the lesson's lines in the monospace font at the app-wide text size,
following new lines unless the teacher has scrolled up to read an earlier one.

QPlainTextEdit scrolls to a new line only when it is visible and its last line was in view, so
a run started from another tab, or a line that wraps at big text, left the newest lines below
the box. Here the log follows the scroll bar itself: at the bottom it stays at the bottom.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontMetrics, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gui.text_size import current_point_size

LOG_LINES = 6  # the lesson run's five epoch lines and one more, readable at once on a 768-px projector
MAX_LINES = 5000


class LessonLogView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setMaximumBlockCount(MAX_LINES)
        self._following = True
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)
        self.fit_font()

    def follows_new_lines(self) -> bool:
        return self._following

    def add_line(self, line: str) -> None:
        self.appendPlainText(line)
        self._on_range_changed()

    def replace_text(self, text: str) -> None:
        """All lines said again (a language switch): following stays following, a teacher who
        scrolled up keeps the place. setPlainText alone scrolls to the top, at once or (hidden) when
        next shown, and the log stopped following every later run."""
        following, position = self._following, self.verticalScrollBar().value()
        self.setPlainText(text)
        if following:
            self.moveCursor(QTextCursor.MoveOperation.End)  # where a first show scrolls to
            self._following = True
            self._on_range_changed()
        else:
            self.verticalScrollBar().setValue(position)

    def _on_scrolled(self, value: int) -> None:
        self._following = value >= self.verticalScrollBar().maximum()

    def _on_range_changed(self, *_range: int) -> None:
        if self._following:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def fit_font(self) -> None:
        """The monospace font at the app-wide size. Having a font of its own, the log is not told
        when the app's font changes: its owner calls this on its own FontChange."""
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(current_point_size())
        self.setFont(mono)
        spacing = QFontMetrics(mono).lineSpacing()
        margin = 2 * (self.frameWidth() + round(self.document().documentMargin()))
        self.setMinimumHeight(LOG_LINES * spacing + margin + spacing // 2)
