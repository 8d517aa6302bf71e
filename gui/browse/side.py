"""The Browse tab's sample pane: the selected sample and the confusion matrix.

A scroll area, so that at a projector's text size the pane scrolls vertically instead of
squeezing the matrix unreadable. Beside the grid it is a column (sample above matrix) never
wider than 40 % of the screen, so the window still fits on it; when the matrix needs more, it
scrolls sideways on its own, and the sample, its bars and their percentages always fit. Under the
grid (a narrow screen, see gui/widgets/reflow.py) sample and matrix sit side by side.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from gui.browse.confusion import ConfusionMatrixWidget
from gui.browse.sample_detail import SampleDetail
from gui.language import follow_language
from gui.widgets.reflow import ReflowBox

MAX_SCREEN_SHARE = 0.4


class BrowseSidePane(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = SampleDetail()
        self.matrix = ConfusionMatrixWidget()
        self.matrix_caption = QLabel()
        follow_language(self, self._retranslate)
        self.matrix_caption.setWordWrap(True)
        self._content = QWidget()
        self._matrix_area = QScrollArea()
        self._matrix_area.setWidget(self.matrix)
        self._matrix_area.setWidgetResizable(True)
        self._matrix_area.setFrameShape(QFrame.Shape.NoFrame)
        self._matrix_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        matrix_column = QVBoxLayout()
        matrix_column.addWidget(self.matrix_caption)
        matrix_column.addWidget(self._matrix_area, 1)
        # The sample above the matrix in a narrow column; side by side when the pane is wide (on
        # a small screen the pane sits under the grid and spans the window).
        # No height-for-width: the pane's scroll area would size it at every bar's full height and
        # scroll; the sample, its labels and bars close up to their minimum first instead.
        self.box = ReflowBox(self._content, height_for_width=False)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.add_part(self.detail, 3, needs=self.detail.box.wide_width)
        self.box.add_part(matrix_column, 2, needs=lambda: self.matrix.minimumSizeHint().width())
        self.setWidget(self._content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Owned by the pane, so a refit queued by a late font change dies with it.
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self.fit_width)
        self.fit_width()

    def _retranslate(self) -> None:
        self.matrix_caption.setText(self.tr("Confusion matrix: click a cell to see those images"))

    def fit_width(self) -> None:
        """Beside the grid: the whole matrix where the screen allows (MAX_SCREEN_SHARE of it),
        and never narrower than the sample and its bars need at the current text size (the
        column must not be cut off sideways). Too wide for both? The grid's splitter stacks."""
        matrix_height = self.matrix.minimumSizeHint().height()
        self._matrix_area.setMinimumHeight(
            matrix_height + self._matrix_area.horizontalScrollBar().sizeHint().height()
        )
        scroll = self.verticalScrollBar().sizeHint().width()
        sample = self._content.minimumSizeHint().width() + scroll
        matrix = self.matrix.minimumSizeHint().width() + scroll
        screen = self.screen()
        limit = int(screen.availableGeometry().width() * MAX_SCREEN_SHARE) if screen is not None else matrix
        self.setMinimumWidth(max(sample, min(matrix, limit)))
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._refit_timer.start()  # after the children have taken the new font
        super().changeEvent(event)
