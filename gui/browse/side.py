"""The Browse tab's right-hand column: the selected sample above the confusion matrix.

A scroll area, so that at a projector's text size the column scrolls instead of squeezing the
matrix unreadable, and never wider than 40 % of the screen, so the window still fits on it. When
the matrix needs more than that, it scrolls sideways on its own: the sample, its bars and their
percentages always fit the column.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from gui.browse.confusion import ConfusionMatrixWidget
from gui.browse.sample_detail import SampleDetail

MAX_SCREEN_SHARE = 0.4


class BrowseSidePane(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = SampleDetail()
        self.matrix = ConfusionMatrixWidget()
        self.matrix_caption = QLabel("Confusion matrix: click a cell to see those images")
        self.matrix_caption.setWordWrap(True)
        self._content = QWidget()
        layout = QVBoxLayout(self._content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail)
        layout.addWidget(self.matrix_caption)
        self._matrix_area = QScrollArea()
        self._matrix_area.setWidget(self.matrix)
        self._matrix_area.setWidgetResizable(True)
        self._matrix_area.setFrameShape(QFrame.Shape.NoFrame)
        self._matrix_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self._matrix_area, 1)
        self.setWidget(self._content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Owned by the pane, so a refit queued by a late font change dies with it.
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self.fit_width)
        self.fit_width()

    def fit_width(self) -> None:
        """Wide enough for the matrix and bars at the current text size, within the screen share."""
        # The matrix's own scroll area would let it be squeezed: ask for its full width here.
        content = max(self._content.minimumSizeHint().width(), self.matrix.minimumSizeHint().width())
        wanted = content + self.verticalScrollBar().sizeHint().width()
        matrix_height = self.matrix.minimumSizeHint().height()
        self._matrix_area.setMinimumHeight(
            matrix_height + self._matrix_area.horizontalScrollBar().sizeHint().height()
        )
        screen = self.screen()
        limit = int(screen.availableGeometry().width() * MAX_SCREEN_SHARE) if screen is not None else wanted
        self.setMinimumWidth(min(wanted, limit))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._refit_timer.start()  # after the children have taken the new font
        super().changeEvent(event)
