"""The reliability diagram: per confidence bin, how often the top class was right.

Bars on the diagonal mean "80 %" is right 80 % of the time. The model's own softmax (T = 1) and,
once fitted, softmax(o / T) are drawn side by side in each bin; a second, short plot under it
counts the images per bin, with the numbers printed on the bars (a room cannot hover).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from core.lesson.calibration import Reliability
from gui.text_size import current_point_size, relative_font, scaled

BEFORE = QColor("#E69F00")  # Okabe–Ito orange: the model as it is
AFTER = QColor("#0072B2")  # Okabe–Ito blue: after temperature scaling
INK = "#222"


class ReliabilityPlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._before: Reliability | None = None
        self._after: Reliability | None = None
        self.diagram = pg.PlotWidget(background="w")
        self.counts = pg.PlotWidget(background="w")
        self.counts.setXLink(self.diagram)
        for plot in (self.diagram, self.counts):
            item = plot.getPlotItem()
            item.setMenuEnabled(False)
            item.hideButtons()
            plot.setMouseEnabled(x=False, y=False)
            for side in ("left", "bottom"):
                item.getAxis(side).enableAutoSIPrefix(False)
                item.getAxis(side).setStyle(maxTickLevel=0)
            plot.setXRange(0.0, 1.0, padding=0.02)
        self.diagram.setYRange(0.0, 1.0, padding=0.02)
        self.diagram.showGrid(x=True, y=True, alpha=0.2)
        self._diagonal = pg.PlotDataItem([0, 1], [0, 1])
        self.diagram.addItem(self._diagonal)
        self._bars: list[pg.BarGraphItem] = []
        self._count_bars: list[pg.BarGraphItem] = []
        self._count_texts: list[pg.TextItem] = []
        self._legend = self.diagram.addLegend(offset=(10, 10))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.diagram, 3)
        layout.addWidget(self.counts, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._apply_text_size()

    def set_reliability(self, before: Reliability | None, after: Reliability | None = None) -> None:
        self._before, self._after = before, after
        self._redraw()

    def shown(self) -> tuple[Reliability | None, Reliability | None]:
        return self._before, self._after

    def count_labels(self) -> list[str]:
        return [item.textItem.toPlainText() for item in self._count_texts]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._apply_text_size()
        elif event.type() == QEvent.Type.LanguageChange:
            self._apply_text_size()
        super().changeEvent(event)

    def _apply_text_size(self) -> None:
        points = current_point_size()
        tick_font = relative_font(0.85)
        label_style = {"font-size": f"{points:.1f}pt", "color": INK}
        for plot in (self.diagram, self.counts):
            item = plot.getPlotItem()
            for side in ("left", "bottom"):
                axis = item.getAxis(side)
                axis.setTickFont(tick_font)
                axis.setTextPen(pg.mkPen(INK))
                axis.setPen(pg.mkPen("#444", width=max(1.0, scaled(1))))
            item.getAxis("left").setWidth(int(scaled(62)))
        self.diagram.getPlotItem().getAxis("left").setLabel(self.tr("accuracy"), **label_style)
        self.counts.getPlotItem().getAxis("left").setLabel(self.tr("images"), **label_style)
        self.counts.getPlotItem().getAxis("bottom").setLabel(
            self.tr("confidence: the top class's probability"), **label_style
        )
        self.counts.getPlotItem().getAxis("bottom").setHeight(int(scaled(52)))
        self.diagram.getPlotItem().getAxis("bottom").setHeight(int(scaled(30)))
        self._diagonal.setPen(pg.mkPen("#666", width=scaled(2), style=Qt.PenStyle.DashLine))
        self._legend.setLabelTextSize(f"{points * 0.9:.1f}pt")
        self._legend.setLabelTextColor(INK)
        self.diagram.setMinimumHeight(int(scaled(240)))
        self.counts.setMinimumHeight(int(scaled(110)))
        self.setFixedHeight(int(scaled(240) + scaled(110) + scaled(60)))
        self._redraw()

    def _redraw(self) -> None:
        for item in self._bars + self._count_bars + self._count_texts:
            item.scene() and item.scene().removeItem(item)
        self._bars, self._count_bars, self._count_texts = [], [], []
        self._legend.clear()
        self._legend.addItem(self._diagonal, self.tr("perfectly calibrated"))
        shown = [
            (r, c, name)
            for r, c, name in (
                (self._before, BEFORE, self.tr("softmax(o)")),
                (self._after, AFTER, self.tr("softmax(o / T)")),
            )
            if r is not None
        ]
        if not shown:
            return
        width = 0.1 / len(shown)
        for position, (rel, colour, name) in enumerate(shown):
            centres = (rel.edges[:-1] + rel.edges[1:]) / 2 - 0.05 + width * (position + 0.5)
            has = rel.counts > 0
            bars = pg.BarGraphItem(
                x=centres[has], height=rel.accuracy[has], width=width * 0.9, brush=colour, pen=pg.mkPen(INK)
            )
            self.diagram.addItem(bars)
            self._legend.addItem(bars, name)
            self._bars.append(bars)
        # Counts: the model as it is (T never moves an image between "right" and "wrong", only bins).
        rel, colour, _ = shown[-1]
        centres = (rel.edges[:-1] + rel.edges[1:]) / 2
        count_bars = pg.BarGraphItem(x=centres, height=rel.counts, width=0.09, brush=colour)
        self.counts.addItem(count_bars)
        self._count_bars.append(count_bars)
        top = max(1, int(rel.counts.max()))
        self.counts.setYRange(0, top * 1.35, padding=0)
        font = relative_font(0.75)
        for centre, count in zip(centres, rel.counts, strict=True):
            text = pg.TextItem(f"{int(count):,}", color=INK, anchor=(0.5, 1.0))
            text.setFont(font)
            text.setPos(float(centre), float(count) + top * 0.02)
            self.counts.addItem(text)
            self._count_texts.append(text)
