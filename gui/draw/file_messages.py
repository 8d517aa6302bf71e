"""The two lines under the Draw tab's board about files: what core noted about the model in use
(e.g. a file saved without a checksum) and, in red, why a dropped or opened file was refused.

They sit under the board, where a file is dropped and the column is widest: on a 768-px screen
at large text the right column has no line to spare above the bars. Both are core's coded notes
and errors said in the window's language (gui/checkpoint_messages.py), again after a switch.
Texts keep the "DrawPanel" translation context.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.errors import Note
from gui.checkpoint_messages import explain_file_error, explain_note
from gui.language import follow_language
from gui.session.checkpoint_loading import OpenOutcome

REFUSAL_COLOUR = "#d9534f"  # readable on the light and the high-contrast dark theme


class FileMessages(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.refusal = QLabel(self)
        self.refusal.setWordWrap(True)
        # A palette, not a style sheet: a style-sheeted label kept its old font when the text grew.
        palette = self.refusal.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(REFUSAL_COLOUR))
        self.refusal.setPalette(palette)
        self.refusal.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.refusal)
        self._notes: tuple[str, tuple[Note, ...]] = ("", ())
        self._refused: OpenOutcome | None = None
        follow_language(self, self._retranslate)

    def show_notes(self, path: str, notes: tuple[Note, ...]) -> None:
        """core's notes about the model read from `path` (none: the line is hidden)."""
        self._notes = (path, tuple(notes))
        name = os.path.basename(path)
        said = [
            QCoreApplication.translate("DrawPanel", "{file}: {note}").format(
                file=name, note=explain_note(note)
            )
            for note in notes
        ]
        self.notice.setText("\n".join(said))
        self.notice.setVisible(bool(said))

    def show_refusal(self, outcome: OpenOutcome | None) -> None:
        self._refused = outcome
        if outcome is None:
            self.refusal.hide()
            self.refusal.clear()
            return
        self.refusal.setText(explain_file_error(outcome.refusal or outcome.error, outcome.path))
        self.refusal.setToolTip(outcome.path)
        self.refusal.show()

    def refusal_text(self) -> str:
        """The red line, "" while it is hidden."""
        return self.refusal.text() if self._refused is not None else ""

    def _retranslate(self) -> None:
        self.show_notes(*self._notes)
        self.show_refusal(self._refused)
