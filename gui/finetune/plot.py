"""The fine-tune's plot: held-out and test accuracy against the step, the values before it started
as dashed lines of the same colours, so "did it learn our sketches?" and "did it forget the
photos?" are read off one chart. Curves are made once and given new data (pyqtgraph's way).

The key is a label above the plot, not a legend inside it: accuracies sit near the top and a
legend there would cover them. The y axis zooms to the values (a point of test accuracy lost is
the question, and on a 0–1 axis it would not show), with room above 1.00 for a held-out curve
at 100 %. The key says the test curve is the first PROGRESS_TEST_IMAGES test images, measured
while it learns; the numbers under the plot are the whole test set's, before and after."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from core.finetune_settings import DEFAULT_STEPS, PROGRESS_TEST_IMAGES
from gui.language import follow_language
from gui.theme import notifier as theme_notifier
from gui.theme import plot_colours

# Okabe–Ito blue and vermillion: apart for every colour vision (gui/train/plot_style.py's first two).
HELD_COLOUR = "#0072B2"
TEST_COLOUR = "#CC3311"
MIN_PLOT_HEIGHT = 140
PLOT_LINES = 8  # the plot's least height, in lines of text
TICK_ROOM = 12  # px beside a tick value: the tick itself and a gap
Y_MARGIN = 0.03  # below the lowest value shown
Y_STEP = 0.05  # the axis starts at a multiple of this, so its ticks stay round
HEADROOM = 0.08  # above 1.00, a share of the axis's span: the 100 % line is not the frame


class FinetunePlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = QLabel(wordWrap=True)
        self.chart = pg.PlotWidget()
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
        item = self.chart.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.25)
        self.held_curve = item.plot(symbol="o", symbolSize=7, antialias=True)
        self.test_curve = item.plot(symbol="s", symbolSize=7, antialias=True)
        self.before_lines = {}
        for key in ("held", "test"):
            line = pg.InfiniteLine(angle=0, movable=False)
            line.hide()
            item.addItem(line, ignoreBounds=True)
            self.before_lines[key] = line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key)
        layout.addWidget(self.chart, stretch=1)
        self._steps = DEFAULT_STEPS
        self._held: list[tuple[int, float]] = []
        self._test: list[tuple[int, float]] = []
        self._before: dict[str, float] = {}
        self.clear_run(DEFAULT_STEPS)  # the axes of a run before the first one
        self.restyle()
        theme_notifier().changed.connect(self.restyle)
        follow_language(self, self._retranslate)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.restyle()  # the axes' fonts are pyqtgraph's own: they follow the text size here
        super().changeEvent(event)

    def restyle(self) -> None:
        """Colours, widths and fonts at the current theme and text size."""
        colours = plot_colours()
        self.chart.setBackground(colours.background)
        width = 3 * colours.line_factor
        for curve, colour in ((self.held_curve, HELD_COLOUR), (self.test_curve, TEST_COLOUR)):
            curve.setPen(pg.mkPen(colour, width=width))
            curve.setSymbolBrush(colour)
            curve.setSymbolPen(pg.mkPen(colours.symbol_edge))
        for key, colour in (("held", HELD_COLOUR), ("test", TEST_COLOUR)):
            self.before_lines[key].setPen(
                QPen(pg.mkPen(colour, width=width * 0.7, style=Qt.PenStyle.DashLine))
            )
        font = QFont(QApplication.font())
        # Enough for a few labelled ticks at any text size.
        self.chart.setMinimumHeight(max(MIN_PLOT_HEIGHT, PLOT_LINES * QFontMetrics(font).lineSpacing()))
        for name in ("left", "bottom"):
            axis = self.chart.getPlotItem().getAxis(name)
            axis.setTickFont(font)
            axis.setPen(pg.mkPen(colours.foreground))
            axis.setTextPen(pg.mkPen(colours.foreground))
        # pyqtgraph sizes its axes for its own small font; with the app's (CJK fonts are taller) the
        # tick values were cut off under a short plot. One line of text under the plot, and the
        # widest value beside it.
        metrics = QFontMetrics(font)
        item = self.chart.getPlotItem()
        # Each axis: its values and, a line further out, its title.
        item.getAxis("bottom").setHeight(2 * metrics.height() + TICK_ROOM)
        item.getAxis("left").setWidth(metrics.horizontalAdvance("0.95") + metrics.height() + TICK_ROOM)
        self._retranslate()

    def _retranslate(self) -> None:
        colours = plot_colours()
        size = f"{QFont(QApplication.font()).pointSizeF():.1f}pt"
        item = self.chart.getPlotItem()
        for side, title in (
            ("left", QCoreApplication.translate("FinetunePlot", "accuracy")),
            ("bottom", QCoreApplication.translate("FinetunePlot", "step")),
        ):
            item.setLabel(side, title, **{"font-size": size, "color": colours.foreground})
        held = QCoreApplication.translate("FinetunePlot", "held-out sketches")
        test = QCoreApplication.translate("FinetunePlot", "Fashion-MNIST test, first {count} images").format(
            count=f"{PROGRESS_TEST_IMAGES:,}"
        )
        before = QCoreApplication.translate("FinetunePlot", "before")
        self.key.setToolTip(
            QCoreApplication.translate(
                "FinetunePlot",
                "While it learns, the test accuracy is measured on the first 1,000 test images (for "
                "speed); the numbers under the plot use all 10,000. Dashed: where each stood at the start.",
            )
        )
        self.key.setText(
            f'<span style="color:{HELD_COLOUR}">●━</span> {held} &nbsp; '
            f'<span style="color:{TEST_COLOUR}">■━</span> {test} &nbsp; '
            f"<span>╌ {before}</span>"
        )

    def clear_run(self, steps: int) -> None:
        self._steps = max(1, steps)
        self._held, self._test, self._before = [], [], {}
        self.held_curve.setData([], [])
        self.test_curve.setData([], [])
        for line in self.before_lines.values():
            line.hide()
        self.chart.getPlotItem().setXRange(0, self._steps, padding=0.02)
        self._zoom()

    def set_before(self, held_acc: float, test_acc: float | None) -> None:
        """The dashed lines: where the model stood before the fine-tune."""
        for key, value in (("held", held_acc), ("test", test_acc)):
            line = self.before_lines[key]
            if value is None or math.isnan(value):
                line.hide()
                self._before.pop(key, None)
            else:
                line.setValue(value)
                line.show()
                self._before[key] = value
        self._zoom()

    def add(self, progress) -> None:
        if not math.isnan(progress.held_acc):
            self._held.append((progress.step, progress.held_acc))
        if progress.test_acc is not None:
            self._test.append((progress.step, progress.test_acc))
        for curve, points in ((self.held_curve, self._held), (self.test_curve, self._test)):
            curve.setData([x for x, _ in points], [y for _, y in points])
        self._zoom()

    def _zoom(self) -> None:
        values = [y for _, y in self._held + self._test] + list(self._before.values())
        low = min(values, default=0.0) - Y_MARGIN
        low = max(0.0, math.floor(low / Y_STEP) * Y_STEP)
        # Above 1.0, so a curve at 100 % is drawn whole and clear of the frame.
        self.chart.getPlotItem().setYRange(low, self.top(low), padding=0)

    @staticmethod
    def top(low: float) -> float:
        return 1.0 + max(Y_MARGIN, HEADROOM * (1.0 - low))

    def point_counts(self) -> tuple[int, int]:
        """(held-out points, test points) drawn: what tests read."""
        return len(self._held), len(self._test)
