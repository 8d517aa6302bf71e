"""The key beside the Train tab's plots: which line is test and which is training, and each
run's colour and marker with its name.

A legend inside a plot covers the curves it explains (four runs hid epochs 2–5), and at big text
its entries were cut off. Beside the plots it covers nothing, its names wrap instead of being
cut, and being a child of TrainPlots it is in the saved PNG too. The samples are painted (not
pixmaps) so the PNG, drawn at twice the size, gets them sharp.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.text_size import scaled
from gui.theme import plot_colours
from gui.train.plot_data import RunCurves
from gui.train.plot_style import TRAIN_WIDTH, run_colour

KEY_WIDTH_CHARS = 15  # the names wrap at about this many characters: the plots keep their width
SAMPLE_WIDTH_CHARS = 4
KEY_LINES = 2  # the first rows shown: test and training


@dataclass(frozen=True)
class Sample:
    colour: str
    symbol: str
    dashed: bool = False
    hollow: bool = False


class LineSample(QWidget):
    """A short stretch of a curve: its pen, and its marker in the middle (filled or hollow)."""

    def __init__(self) -> None:
        super().__init__()
        self.sample = Sample("#000000", "o")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def show_sample(self, sample: Sample) -> None:
        self.sample = sample
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * SAMPLE_WIDTH_CHARS, metrics.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        colours, sample = plot_colours(), self.sample
        width = scaled(3.0 * colours.line_factor) * (TRAIN_WIDTH if sample.dashed else 1.0)
        style = Qt.PenStyle.DashLine if sample.dashed else Qt.PenStyle.SolidLine
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        middle = self.height() / 2
        painter.setPen(pg.mkPen(sample.colour, width=width, style=style))
        painter.drawLine(QPointF(0, middle), QPointF(self.width(), middle))
        painter.translate(self.width() / 2, middle)
        if sample.hollow:
            pen, brush = pg.mkPen(sample.colour, width=scaled(1.5)), pg.mkBrush(colours.background)
        else:
            pen, brush = pg.mkPen(colours.symbol_edge, width=scaled(1)), pg.mkBrush(sample.colour)
        pg.graphicsItems.ScatterPlotItem.drawSymbol(painter, sample.symbol, scaled(10), pen, brush)
        painter.end()


class RunKey(QWidget):
    """Shown afresh whenever the runs, the theme, the text size or the language change (not at
    every batch): a handful of widgets, made anew only when runs come or go."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._body: QWidget | None = None
        self._shape: list[bool] | None = None  # which rows are headings
        self._samples: list[LineSample | None] = []
        self._grid = QGridLayout()
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
        # Every text shown (for tests and the language walk): test and training, then the runs.
        self.labels: list[QLabel] = []

    def show_runs(self, runs: Sequence[RunCurves], texts: dict[str, str]) -> None:
        """`texts`: "test", "train" and "diverged", already translated by the plots."""
        colours = plot_colours()
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colours.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colours.foreground))
        self.setPalette(palette)
        # (sample or None for a heading, text): the test and training lines first, then the runs
        # grouped under their model's name, each named by what sets it apart ("#2 lr 0.1"), so
        # eight runs of two models fit beside the plots at +4 without wrapping.
        rows: list[tuple[Sample | None, str]] = [
            (Sample(colours.foreground, "o"), texts["test"]),
            (Sample(colours.foreground, "o", dashed=True, hollow=True), texts["train"]),
        ]
        groups: dict[str, list[RunCurves]] = {}
        for run in runs:
            groups.setdefault(run.model if run.short_label else "", []).append(run)
        for model, members in groups.items():
            if model:
                rows.append((None, model))
            for run in members:
                name = (run.short_label or run.label) + (texts["diverged"] if run.diverged else "")
                rows.append((Sample(run_colour(run.color), run.symbol), name))
        shape = [sample is None for sample, _text in rows]
        if shape != self._shape:
            self._rebuild(shape)  # runs came or went; a new language, theme or size keeps the rows
        bold = QFont(self.font())  # the app's font, at its current size
        bold.setBold(True)
        for (sample, text), label, drawn in zip(rows, self.labels, self._samples, strict=True):
            label.setText(text)
            if drawn is None:
                label.setFont(bold)  # a model's name heads its runs
            elif sample is not None:
                drawn.show_sample(sample)
        self._fit_width()
        self.setVisible(bool(runs))

    def _rebuild(self, shape: list[bool]) -> None:
        """Fresh rows in a fresh body; the old body is deleted later, not now: this may run while
        Qt hands a font change down to its very widgets."""
        if self._body is not None:
            self._body.hide()
            self._body.deleteLater()
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        self._grid.setVerticalSpacing(0)
        self.layout().addWidget(self._body)
        self.labels, self._samples, self._shape = [], [], shape
        # The runs at the top, beside the loss plot; test and training (the accuracy plot's two
        # lines) at the bottom, beside the plot they describe, with the free height between.
        runs = len(shape) - KEY_LINES
        self._grid.setRowStretch(runs, 1)
        for index, heading in enumerate(shape):
            row = index - KEY_LINES if index >= KEY_LINES else runs + 1 + index
            label = QLabel()
            label.setWordWrap(True)
            if heading:
                self._grid.addWidget(label, row, 0, 1, 2)
                self._samples.append(None)
            else:
                drawn = LineSample()
                self._grid.addWidget(drawn, row, 0, Qt.AlignmentFlag.AlignTop)
                self._grid.addWidget(label, row, 1)
                self._samples.append(drawn)
            self.labels.append(label)

    def _fit_width(self) -> None:
        """As wide as the longest name, up to KEY_WIDTH_CHARS; a longer one wraps, and each
        name gets the height its wrapped lines need (the grid alone would squeeze them)."""
        metrics = self.fontMetrics()
        longest = max((x.fontMetrics().horizontalAdvance(x.text()) for x in self.labels), default=0)
        column = min(longest + 2, metrics.averageCharWidth() * KEY_WIDTH_CHARS)
        sample = metrics.averageCharWidth() * SAMPLE_WIDTH_CHARS
        margins = self.layout().contentsMargins()
        grid = self._grid.contentsMargins()
        spacing = max(0, self._grid.horizontalSpacing())
        extra = margins.left() + margins.right() + grid.left() + grid.right() + spacing
        self.setFixedWidth(column + sample + extra)
        for label in self.labels:
            label.setMinimumHeight(label.heightForWidth(column))
