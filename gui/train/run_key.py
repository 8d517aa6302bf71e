"""The key beside the Train tab's plots: which line is test and which is training, and each
run's colour and marker with its name.

A legend inside a plot covers the curves it explains (four runs hid epochs 2–5), and at big text
its entries were cut off. Beside the plots it covers nothing, its names wrap instead of being
cut, and being a child of TrainPlots it is in the saved PNG too. The samples are painted (not
pixmaps) so the PNG, drawn at twice the size, gets them sharp.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.text_size import scaled
from gui.theme import plot_colours
from gui.train.plot_data import RunCurves
from gui.train.plot_style import TRAIN_WIDTH, run_colour

KEY_WIDTH_CHARS = 15  # the names wrap at about this many characters: the plots keep their width
SAMPLE_WIDTH_CHARS = 4


class LineSample(QWidget):
    """A short stretch of a curve: its pen, and its marker in the middle (filled or hollow)."""

    def __init__(self, colour: str, symbol: str, *, dashed: bool = False, hollow: bool = False) -> None:
        super().__init__()
        self.colour, self.symbol, self.dashed, self.hollow = colour, symbol, dashed, hollow
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * SAMPLE_WIDTH_CHARS, metrics.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        colours = plot_colours()
        width = scaled(3.0 * colours.line_factor) * (TRAIN_WIDTH if self.dashed else 1.0)
        style = Qt.PenStyle.DashLine if self.dashed else Qt.PenStyle.SolidLine
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        middle = self.height() / 2
        painter.setPen(pg.mkPen(self.colour, width=width, style=style))
        painter.drawLine(QPointF(0, middle), QPointF(self.width(), middle))
        painter.translate(self.width() / 2, middle)
        if self.hollow:
            pen, brush = pg.mkPen(self.colour, width=scaled(1.5)), pg.mkBrush(colours.background)
        else:
            pen, brush = pg.mkPen(colours.symbol_edge, width=scaled(1)), pg.mkBrush(self.colour)
        pg.graphicsItems.ScatterPlotItem.drawSymbol(painter, self.symbol, scaled(10), pen, brush)
        painter.end()


class RunKey(QWidget):
    """Rebuilt whenever the runs, the theme, the text size or the language change (not at every
    batch): a handful of widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._body: QWidget | None = None
        self._grid = QGridLayout()
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []  # every text shown, in order (for tests and the language walk)

    def show_runs(self, runs: Sequence[RunCurves], texts: dict[str, str]) -> None:
        """`texts`: "test", "train" and "diverged", already translated by the plots."""
        colours = plot_colours()
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colours.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colours.foreground))
        self.setPalette(palette)
        self._clear()
        self._add_row(LineSample(colours.foreground, "o"), texts["test"])
        self._add_row(LineSample(colours.foreground, "o", dashed=True, hollow=True), texts["train"])
        # Runs grouped under their model's name, each named by what sets it apart ("#2 lr 0.1"):
        # eight runs of two models fit beside the plots at +4 without wrapping.
        groups: dict[str, list[RunCurves]] = {}
        for run in runs:
            groups.setdefault(run.model if run.short_label else "", []).append(run)
        for model, members in groups.items():
            if model:
                heading = self._label(model)
                font = QFont(heading.font())
                font.setBold(True)
                heading.setFont(font)
                self._grid.addWidget(heading, self._grid.rowCount(), 0, 1, 2)
            for run in members:
                name = run.short_label or run.label
                if run.diverged:
                    name += texts["diverged"]
                self._add_row(LineSample(run_colour(run.color), run.symbol), name)
        self._fit_width()
        self.setVisible(bool(runs))

    def _fit_width(self) -> None:
        """As wide as the longest name, up to KEY_WIDTH_CHARS; a longer one wraps, and each
        name gets the height its wrapped lines need (the grid alone would squeeze them)."""
        metrics = self.fontMetrics()
        bold = QFontMetrics(self.labels[0].font() if self.labels else self.font())
        longest = max(
            (max(metrics.horizontalAdvance(x.text()), bold.horizontalAdvance(x.text())) for x in self.labels),
            default=0,
        )
        column = min(longest + 2, metrics.averageCharWidth() * KEY_WIDTH_CHARS)
        sample = metrics.averageCharWidth() * SAMPLE_WIDTH_CHARS
        margins = self.layout().contentsMargins()
        grid = self._grid.contentsMargins()
        spacing = max(0, self._grid.horizontalSpacing())
        extra = margins.left() + margins.right() + grid.left() + grid.right() + spacing
        self.setFixedWidth(column + sample + extra)
        for label in self.labels:
            label.setMinimumHeight(label.heightForWidth(column))

    def _label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        self.labels.append(label)
        return label

    def _add_row(self, sample: LineSample, text: str) -> None:
        row = self._grid.rowCount()
        self._grid.addWidget(sample, row, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(self._label(text), row, 1)

    def _clear(self) -> None:
        """A fresh body for the rows: the old one goes with its rows."""
        if self._body is not None:
            self._body.hide()
            self._body.setParent(None)  # out of the window at once, not at the next event loop
            self._body.deleteLater()
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._grid.setVerticalSpacing(0)
        self.layout().addWidget(self._body)
        self.labels = []
