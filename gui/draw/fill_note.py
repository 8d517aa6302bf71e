"""The line under the Draw tab's board that says when a fill did not do what the student meant.

An outline with a gap lets the bucket run out through it and flood the whole board (which the
model then reads as a Bag), and "Fill inside" finds nothing to fill: both used to happen without a
word. The note says what happened and the way out (undo, close the gap), in the window's language,
and disappears with the next edit of the board.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from gui.language import follow_language

LEAKED, NOTHING_ENCLOSED = "leaked", "nothing-enclosed"


class FillNote(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._said: str | None = None
        self.hide()
        follow_language(self, lambda: self.say(self._said))

    def said(self) -> str | None:
        """LEAKED, NOTHING_ENCLOSED or None (hidden)."""
        return self._said

    def say(self, what: str | None) -> None:
        self._said = what
        if what == LEAKED:
            self.setText(
                self.tr(
                    "The fill leaked out through a gap in the outline and covered the board around it. "
                    "Undo ({undo}), close the gap with the brush, then fill inside the outline again."
                ).format(
                    undo=QKeySequence(QKeySequence.StandardKey.Undo).toString(
                        QKeySequence.SequenceFormat.NativeText
                    )
                )
            )
        elif what == NOTHING_ENCLOSED:
            self.setText(
                self.tr(
                    "Nothing to fill: no outline on the board is closed. Close the gap with the brush "
                    "(draw over the ends until they meet), then press Fill inside again."
                )
            )
        else:
            self.clear()
        self.setVisible(what is not None)
