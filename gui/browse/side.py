"""The Browse tab's sample pane: the selected sample and the confusion matrix.

Beside the grid it is a column (sample above matrix), as wide as the whole matrix needs, so no
column of the matrix is ever cut off or hidden behind a sideways scroll (at +4 on a 1024×768
projector three columns and a row used to be, until a divider was dragged). When the pane is too
short for both (that projector again), a tab bar at its top shows one at a time: "This image" or
"Confusion matrix", each whole. On a wide pane sample and matrix sit side by side.
With the class's sketches a third part joins the matrix's column: every model's score on them
("How well does it read our class?"), a third tab when they take turns.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabBar, QVBoxLayout, QWidget

from gui.browse.sample_detail import SampleDetail
from gui.browse.sketch_scores_view import SketchScoresView
from gui.language import follow_language
from gui.widgets.confusion import ConfusionMatrixWidget
from gui.widgets.reflow import ReflowBox

SAMPLE_PAGE, MATRIX_PAGE, SCORES_PAGE = 0, 1, 2


class BrowseSidePane(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = SampleDetail()
        self.matrix = ConfusionMatrixWidget()
        self.matrix_caption = QLabel()
        self.matrix_caption.setWordWrap(True)
        self.page_bar = QTabBar()
        self.scores = SketchScoresView()
        self.scores.setVisible(False)
        self._scores_offered = False
        self.page_bar.addTab("")
        self.page_bar.addTab("")
        self.page_bar.addTab("")
        self.page_bar.setTabVisible(SCORES_PAGE, False)
        self.page_bar.setExpanding(False)
        self.page_bar.currentChanged.connect(self._arrange)
        follow_language(self, self._retranslate)
        self._content = QWidget()
        self._matrix_part = QWidget()
        matrix_column = QVBoxLayout(self._matrix_part)
        matrix_column.setContentsMargins(0, 0, 0, 0)
        matrix_column.addWidget(self.matrix_caption)
        matrix_column.addWidget(self.matrix, 1)
        right_column = QVBoxLayout()
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self._matrix_part, 2)
        right_column.addWidget(self.scores, 1)
        outer = QVBoxLayout(self._content)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.page_bar)
        # No height-for-width: the pane's scroll area would size it at every bar's full height and
        # scroll; the sample, its labels and bars close up to their minimum first instead.
        self.box = ReflowBox(height_for_width=False)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.add_part(self.detail, 3, needs=self.detail.box.wide_width)
        self.box.add_part(right_column, 2, needs=lambda: self.matrix.minimumSizeHint().width())
        outer.addLayout(self.box, 1)
        self.setWidget(self._content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Owned by the pane, so a refit queued by a late font change dies with it.
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self.fit_width)
        self.fit_width()

    def _retranslate(self) -> None:
        self.matrix_caption.setText(self.tr("Confusion matrix: click a cell to see those images"))
        if self._scores_offered:  # three tabs in the width of two: shorter names
            self.page_bar.setTabText(SAMPLE_PAGE, self.tr("This sketch"))
            self.page_bar.setTabText(MATRIX_PAGE, self.tr("Matrix"))
        else:
            self.page_bar.setTabText(SAMPLE_PAGE, self.tr("This image"))
            self.page_bar.setTabText(MATRIX_PAGE, self.tr("Confusion matrix"))
        self.page_bar.setTabText(SCORES_PAGE, self.tr("All models"))

    def offer_scores(self, offered: bool) -> None:
        """Show the models' scores on the sketches as a part of the pane (sketchbook mode only)."""
        self._scores_offered = offered
        self.page_bar.setTabVisible(SCORES_PAGE, offered)
        self._retranslate()
        if not offered and self.page_bar.currentIndex() == SCORES_PAGE:
            self.page_bar.setCurrentIndex(SAMPLE_PAGE)
        self._arrange()

    def show_page(self, page: int) -> None:
        """Bring the sample or the matrix into view (only matters while they take turns)."""
        self.page_bar.setCurrentIndex(page)

    def takes_turns(self) -> bool:
        """True when the pane is too short for both and shows one at a time."""
        return not self.page_bar.isHidden()

    def fit_width(self) -> None:
        """As wide as the sample and its bars need and as the whole matrix needs, whichever is
        more: the matrix never scrolls sideways. Too wide beside the grid? The splitter stacks."""
        scroll = self.verticalScrollBar().sizeHint().width()
        sample = self.detail.minimumSizeHint().width()
        matrix = self.matrix.minimumSizeHint().width()
        self.setMinimumWidth(max(sample, matrix) + scroll)
        self.updateGeometry()
        self._arrange()

    def _arrange(self, *_: object) -> None:
        """Every part when the pane is tall enough for all, else the chosen one with the tab bar."""
        sample = self.detail.minimumSizeHint().height()
        matrix = self.matrix_caption.sizeHint().height() + self.matrix.minimumSizeHint().height()
        if self._scores_offered:
            matrix += self.scores.minimumSizeHint().height() + self.box.spacing()
        if self.box.fits_side_by_side(self.viewport().width()):
            needed = max(sample, matrix)
        else:
            needed = sample + matrix + self.box.spacing()
        every = needed <= self.viewport().height()
        page = self.page_bar.currentIndex()
        self.page_bar.setVisible(not every)
        self.detail.setVisible(every or page == SAMPLE_PAGE)
        self._matrix_part.setVisible(every or page == MATRIX_PAGE)
        self.scores.setVisible(self._scores_offered and (every or page == SCORES_PAGE))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._refit_timer.start()  # after the children have taken the new font
        super().changeEvent(event)
