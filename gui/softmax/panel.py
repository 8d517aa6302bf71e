"""The Softmax tab (being built)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class SoftmaxPanel(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        QVBoxLayout(self).addWidget(QLabel(self.tr("The Softmax tab is being built.")))

    def shutdown(self) -> None:
        pass
