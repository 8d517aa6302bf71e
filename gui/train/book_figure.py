"""The lesson's own training figure: train loss, train accuracy and test accuracy of the current run
against epochs, in one chart, as the chapter draws it after each epoch (x from 1 to the run's
epochs, y from 0 to about 1, the legend under the chart so it never covers a curve).

The book's line styles are kept (solid loss, dashed train accuracy, dash-dotted test accuracy),
so the three differ without colour; the colours are the Train tab's colour-blind-safe ones, and
everything follows the text size and the theme. It saves as PNG through pyqtgraph's exporter,
written whole or not at all (gui/file_writing.py).
"""

from __future__ import annotations

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (pg.exporters is a subpackage: imported for ImageExporter)
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QWidget

from gui.file_writing import write_png
from gui.language import follow_language
from gui.text_size import current_point_size, scaled
from gui.theme import notifier, plot_colours
from gui.train.plot_style import HIGH_CONTRAST_PALETTE, PALETTE, WIDEST_TICK, pen

# (key, colour in PALETTE, line style, marker): the book's '-', 'm--' and 'g-.'. The markers show
# each epoch's point, so a 1-epoch run (a single point, no line) is not an empty chart.
SERIES = (
    ("train_loss", 0, Qt.PenStyle.SolidLine, "o"),
    ("train_acc", 3, Qt.PenStyle.DashLine, "s"),
    ("test_acc", 1, Qt.PenStyle.DashDotLine, "t"),
)
EXPORT_SCALE = 2.0  # like the live plots: twice the size on screen
# y tick steps, finest first: the finest whose labels are this many text lines apart is used, so
# a chart squeezed under the lesson guide at +4 shows 0 and 1.0, not six labels printed on each other.
Y_TICK_STEPS = (0.2, 0.5, 1.0)  # then 2, 5, 10, … for a loss above 1
LINES_PER_Y_LABEL = 1.4


class BookFigure(pg.GraphicsLayoutWidget):
    """One chart and its legend; `begin_run(epochs)` then `add_epoch(...)` per finished epoch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.epochs = 5
        self.values: dict[str, list[float]] = {key: [] for key, *_ in SERIES}
        self.epoch_x: list[float] = []
        self._top = 1.0
        self.chart = self.addPlot(row=0, col=0)
        self.chart.setMenuEnabled(False)
        self.chart.hideButtons()
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.showGrid(x=True, y=True)
        for side in ("left", "bottom"):
            self.chart.getAxis(side).enableAutoSIPrefix(False)
        self.curves = {key: self.chart.plot(antialias=True) for key, *_ in SERIES}
        self.chart.getViewBox().sigResized.connect(self._fit_y)
        self.legend = pg.LegendItem(colCount=len(SERIES))
        self.addItem(self.legend, row=1, col=0)  # under the chart: it never lies over a curve
        notifier().changed.connect(self._on_theme_changed)
        follow_language(self, self.apply_style)

    # -- data -------------------------------------------------------------------------------
    def begin_run(self, epochs: int) -> None:
        self.epochs = max(1, epochs)
        for series in self.values.values():
            series.clear()
        self.epoch_x.clear()
        self._redraw()

    def add_epoch(self, epoch: int, loss: float, train_acc: float, test_acc: float) -> None:
        self.epoch_x.append(float(epoch))
        for key, value in (("train_loss", loss), ("train_acc", train_acc), ("test_acc", test_acc)):
            self.values[key].append(float(value))
        self._redraw()

    def _redraw(self) -> None:
        for key, curve in self.curves.items():
            curve.setData(self.epoch_x, self.values[key])
        finite = [v for series in self.values.values() for v in series if v == v and abs(v) != float("inf")]
        self._top = max([1.0, *finite])  # a loss above 1 (early, or a big lr) stays in view
        # The book's x runs from 1 to the last epoch; one epoch is a point in the middle, not on the edge.
        if self.epochs == 1:
            self.chart.setXRange(0.5, 1.5, padding=0)
        else:
            self.chart.setXRange(1, self.epochs, padding=0.03)
        self._fit_y()

    def _fit_y(self) -> None:
        """0 to the top, with room for half a tick label beyond each end: pyqtgraph leaves out a
        label that would stick out of its axis, and at big text that was 0 and 1.0."""
        height = max(1.0, self.chart.getViewBox().height())
        room = min(0.3, (QFontMetrics(QFont(QApplication.font())).height() / 2 + scaled(3)) / height)
        margin = self._top * room / (1 - 2 * room)
        self.chart.setYRange(-margin, self._top + margin, padding=0)
        self.chart.getAxis("left").setTickSpacing(self.y_tick_step(height), self.y_tick_step(height))

    def y_tick_step(self, height: float) -> float:
        """The finest step in Y_TICK_STEPS whose labels fit `height` pixels without touching."""
        line = QFontMetrics(QFont(QApplication.font())).height() * LINES_PER_Y_LABEL
        decade = 1.0
        while True:  # 0.2, 0.5, 1, 2, 5, 10, …: a loss of 2.3 early on or of 1e6 diverging fits too
            for step in Y_TICK_STEPS:
                if step * decade >= self._top or height * step * decade / self._top >= line:
                    return step * decade
            decade *= 10

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Modest, in lines of text: the plot area's share of the window is set by the live curves
        (a view's 640-px default hint had the window's splitter squeeze the plots to give it room)."""
        line = self.fontMetrics().height()
        return QSize(14 * line, 10 * line)

    # -- looks ------------------------------------------------------------------------------
    def _on_theme_changed(self, _high_contrast: bool) -> None:
        self.apply_style()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.apply_style()
        return super().event(event)

    def names(self) -> dict[str, str]:
        return {
            "train_loss": self.tr("train loss"),
            "train_acc": self.tr("train acc"),
            "test_acc": self.tr("test acc"),
        }

    def apply_style(self) -> None:
        """Fonts, pens and texts at the current text size, theme and language."""
        colours = plot_colours()
        palette = HIGH_CONTRAST_PALETTE if colours.line_factor > 1 else PALETTE
        font = QFont(QApplication.font())
        size = f"{current_point_size():.1f}pt"
        self.setBackground(colours.background)
        for side in ("left", "bottom"):
            axis = self.chart.getAxis(side)
            axis.setTickFont(font)
            axis.setPen(pg.mkPen(colours.foreground, width=max(1.0, scaled(colours.line_factor))))
            axis.setTextPen(pg.mkPen(colours.foreground))
        self.chart.getAxis("bottom").setTickSpacing(1, 1)  # whole epochs, as in the book
        # As wide as "0.25" whatever the step: sized to "0" and "1" (the squeezed chart's labels),
        # the axis dropped the "0.2" … "1.0" that would not fit once the chart grew again.
        widest = QFontMetrics(font).horizontalAdvance(WIDEST_TICK)
        self.chart.getAxis("left").setWidth(widest + round(scaled(12)))
        self.chart.setLabel("bottom", self.tr("epoch"), **{"font-size": size, "color": colours.foreground})
        self.chart.showGrid(x=True, y=True, alpha=colours.grid_alpha)
        width = scaled(3.0 * colours.line_factor)
        for key, colour, style, marker in SERIES:
            self.curves[key].setPen(pen(palette[colour], 1.0, width, style))
            self.curves[key].setSymbol(marker)
            self.curves[key].setSymbolSize(scaled(9))
            self.curves[key].setSymbolPen(pg.mkPen(palette[colour]))
            self.curves[key].setSymbolBrush(pg.mkBrush(palette[colour]))
        self.legend.clear()
        self.legend.setLabelTextSize(size)
        self.legend.setLabelTextColor(colours.foreground)
        names = self.names()
        for key, *_ in SERIES:
            self.legend.addItem(self.curves[key], names[key])
        self._fit_y()  # the room for the end labels follows the font

    # -- saving -----------------------------------------------------------------------------
    def image(self, width: int | None = None) -> QImage:
        """The figure drawn again at `width` pixels (EXPORT_SCALE× the screen's by default)."""
        exporter = pg.exporters.ImageExporter(self.scene())
        exporter.parameters()["width"] = int(width or round(self.width() * EXPORT_SCALE))
        return exporter.export(toBytes=True)

    def save_png(self, path: str, width: int | None = None) -> None:
        """Replace `path` with the figure as a PNG, whole or not at all; OSError when it can't."""
        write_png(self.image(width), path)
