"""The non-modal window that holds "Teach it our sketches" (gui/finetune/panel.py), sized for the
screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from gui.finetune.panel import FinetunePanel
from gui.language import follow_language
from gui.session import Session

OPENING_SIZE = (860, 620)  # px: the plot reads from the back of a room at this size
SCREEN_MARGIN = 40  # px left free around the dialog on a small screen (its frame, the taskbar)


class FinetuneDialog(QDialog):
    """Non-modal: the teacher may draw or browse while it trains."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.setSizeGripEnabled(True)
        self._sized = False  # fitted to the screen at its first showing
        self.panel = FinetunePanel(session, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        follow_language(self, lambda: self.setWindowTitle(self.tr("Teach it our sketches")))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.panel.choose_active_model()
        self.panel.follow_sketch_count()
        if not self._sized:
            self._sized = True
            self.fit_to_screen()
        super().showEvent(event)

    def fit_to_screen(self) -> None:
        """Room for a readable plot, inside the screen's free area (a 1024×768 projector too)."""
        free = self.screen().availableGeometry()
        wanted = self.sizeHint().expandedTo(QSize(*OPENING_SIZE))
        self.resize(
            min(wanted.width(), free.width() - SCREEN_MARGIN),
            min(wanted.height(), free.height() - SCREEN_MARGIN),
        )

    def shutdown(self) -> None:
        self.panel.shutdown()
