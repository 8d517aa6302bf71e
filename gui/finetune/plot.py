"""The fine-tune's plot: held-out and test accuracy against the step, the values before it started
as dashed lines of the same colours, so "did it learn our sketches?" and "did it forget the
photos?" are read off one chart. Curves are made once and given new data (pyqtgraph's way)."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPen

from gui.language import follow_language
from gui.theme import plot_colours

# Okabe–Ito blue and vermillion: apart for every colour vision (gui/train/plot_style.py's first two).
HELD_COLOUR = "#0072B2"
TEST_COLOUR = "#CC3311"
MIN_PLOT_HEIGHT = 140


class FinetunePlot(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(MIN_PLOT_HEIGHT)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        colours = plot_colours()
        self.setBackground(colours.background)
        item = self.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setYRange(0.0, 1.0, padding=0.02)
        self._legend = item.addLegend(offset=(-4, -4), labelTextColor=colours.foreground)
        self.held_curve = item.plot(
            pen=pg.mkPen(HELD_COLOUR, width=3),
            symbol="o",
            symbolSize=6,
            symbolBrush=HELD_COLOUR,
            symbolPen=None,
        )
        self.test_curve = item.plot(
            pen=pg.mkPen(TEST_COLOUR, width=3),
            symbol="s",
            symbolSize=6,
            symbolBrush=TEST_COLOUR,
            symbolPen=None,
        )
        self.before_lines = {}
        for key, colour in (("held", HELD_COLOUR), ("test", TEST_COLOUR)):
            pen = pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine)
            line = pg.InfiniteLine(angle=0, movable=False, pen=QPen(pen))
            line.hide()
            item.addItem(line, ignoreBounds=True)
            self.before_lines[key] = line
        self._steps = 1
        self._held: list[tuple[int, float]] = []
        self._test: list[tuple[int, float]] = []
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        item = self.getPlotItem()
        item.setLabel("bottom", QCoreApplication.translate("FinetunePlot", "step"))
        item.setLabel("left", QCoreApplication.translate("FinetunePlot", "accuracy"))
        self._legend.clear()
        self._legend.addItem(self.held_curve, QCoreApplication.translate("FinetunePlot", "held-out sketches"))
        self._legend.addItem(
            self.test_curve, QCoreApplication.translate("FinetunePlot", "Fashion-MNIST test")
        )

    def clear_run(self, steps: int) -> None:
        self._steps = max(1, steps)
        self._held, self._test = [], []
        self.held_curve.setData([], [])
        self.test_curve.setData([], [])
        for line in self.before_lines.values():
            line.hide()
        self.getPlotItem().setXRange(0, self._steps, padding=0.02)

    def set_before(self, held_acc: float, test_acc: float | None) -> None:
        """The dashed lines: where the model stood before the fine-tune."""
        for key, value in (("held", held_acc), ("test", test_acc)):
            line = self.before_lines[key]
            if value is None or math.isnan(value):
                line.hide()
            else:
                line.setValue(value)
                line.show()

    def add(self, progress) -> None:
        if not math.isnan(progress.held_acc):
            self._held.append((progress.step, progress.held_acc))
        if progress.test_acc is not None:
            self._test.append((progress.step, progress.test_acc))
        for curve, points in ((self.held_curve, self._held), (self.test_curve, self._test)):
            curve.setData([x for x, _ in points], [y for _, y in points])

    def point_counts(self) -> tuple[int, int]:
        """(held-out points, test points) drawn: what tests read."""
        return len(self._held), len(self._test)
