"""What the Train tab's plot area shows, chosen in a box under it and remembered: every run's live
curves (gui/train/plots.py), the book's figure of the current run (gui/train/book_figure.py), or
the minibatch just taken at class pace or by a step (gui/train/minibatch_view.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QComboBox, QStackedWidget, QWidget

from gui.language import follow_language
from gui.stored_settings import read_choice
from gui.train.book_figure import BookFigure
from gui.train.minibatch_view import MinibatchView
from gui.train.plots import TrainPlots

LIVE_CURVES, BOOK_FIGURE, MINIBATCH = "curves", "book", "minibatch"
VIEWS = (LIVE_CURVES, BOOK_FIGURE, MINIBATCH)
VIEW_KEY = "train/view"


class PlotViews(QObject):
    """The three pages in `stack` and the `box` that picks one."""

    def __init__(self, plots: TrainPlots, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self.plots = plots
        self.book_figure = BookFigure()
        self.minibatch_view = MinibatchView()
        self.stack = QStackedWidget()
        for page in (plots, self.book_figure, self.minibatch_view):
            self.stack.addWidget(page)
        self.box = QComboBox()
        for view in VIEWS:
            self.box.addItem("", view)
        self.box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.box.setCurrentIndex(self.box.findData(read_choice(settings, VIEW_KEY, LIVE_CURVES, VIEWS)))
        self._show()
        self.box.currentIndexChanged.connect(self._show)
        follow_language(parent, self._retranslate)

    def _retranslate(self) -> None:
        self.box.setItemText(0, self.tr("Live curves"))
        self.box.setItemText(1, self.tr("The book's figure"))
        self.box.setItemText(2, self.tr("Minibatch"))
        self.box.setToolTip(
            self.tr(
                "What the plots show: every run's curves as they grow; the current run as the lesson "
                "draws it (train loss, train acc and test acc per epoch, one chart); or the minibatch "
                "just taken, at class pace or when stepping (F7, F8)."
            )
        )

    def view(self) -> str:
        return self.box.currentData()

    def set_view(self, view: str) -> None:
        self.box.setCurrentIndex(self.box.findData(view))

    def _show(self) -> None:
        view = self.view()
        page = {LIVE_CURVES: self.plots, BOOK_FIGURE: self.book_figure, MINIBATCH: self.minibatch_view}[view]
        self.stack.setCurrentWidget(page)
        self.plots.log_scale_box.setEnabled(view == LIVE_CURVES)  # the others have no loss axis to log
        if view == MINIBATCH and self.minibatch_view.shown is not None:
            self.minibatch_view.show_minibatch(self.minibatch_view.shown)
        self._settings.setValue(VIEW_KEY, view)

    # -- a run -------------------------------------------------------------------------------
    def begin_run(self, epochs: int) -> None:
        self.book_figure.begin_run(epochs)

    def add_epoch(self, event: Any) -> None:
        """A core.train_events.EpochEvent, for the book's figure (the live curves get it themselves)."""
        self.book_figure.add_epoch(event.epoch, event.loss, event.train_acc, event.test_acc)

    def minibatch_shown(self, shown: Any) -> None:
        """A core.train_events.MinibatchShown: drawn now if looked at or asked for by a step, else
        kept for when the view is chosen (256 images are not drawn for nobody ~12 times a second)."""
        if self.view() == MINIBATCH or shown.stepped:
            self.minibatch_view.show_minibatch(shown)
        else:
            self.minibatch_view.shown = shown
