"""Exact values under the pointer on the Train tab's plots, gone as soon as the pointer leaves.

One label and one ring per plot, created once and moved (cheaper than pyqtgraph's hoverable
scatter items, which would hold every batch point of every run). The label hides when the
pointer leaves the plot's viewport: pyqtgraph only reports moves *inside* the scene, so a value
shown at the edge used to stay on screen after the pointer had gone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF

from gui.text_size import scaled
from gui.theme import plot_colours

HOVER_RADIUS_PX = 24.0  # at text size 1×; how close the pointer must be to show a value

Series = list[tuple[str, Sequence[float], Sequence[float]]]


class PlotHover(QObject):
    """Shows the data point nearest the pointer on each plot; `series(plot)` lists what may be
    pointed at, `text(name, x, y)` words the label (translated by the owner)."""

    def __init__(
        self,
        plots: list[pg.PlotWidget],
        series: Callable[[pg.PlotWidget], Series],
        text: Callable[[str, float, float], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._series, self._text = series, text
        self.labels: dict[pg.PlotWidget, pg.TextItem] = {}
        self.markers: dict[pg.PlotWidget, pg.ScatterPlotItem] = {}
        self._viewports: dict[QObject, pg.PlotWidget] = {}
        for plot in plots:
            label = pg.TextItem()
            marker = pg.ScatterPlotItem(size=14, brush=None)
            for item in (label, marker):
                item.setZValue(100)
                item.hide()
                plot.addItem(item, ignoreBounds=True)
            self.labels[plot], self.markers[plot] = label, marker
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self.on_mouse_moved(p, pos))
            for watched in (plot, plot.viewport()):
                watched.installEventFilter(self)
                self._viewports[watched] = plot
        self.apply_style()

    def apply_style(self) -> None:
        """Colours from the theme, sizes from the text size."""
        colours = plot_colours()
        for plot, label in self.labels.items():
            label.setColor(colours.foreground)
            label.fill = pg.mkBrush(*colours.hover_fill)
            label.border = pg.mkPen(colours.foreground)
            label.textItem.setFont(plot.font())
            self.markers[plot].setPen(pg.mkPen(colours.foreground, width=scaled(2)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Leave and watched in self._viewports:
            self.hide()
        return False

    def nearest_point(
        self, plot: pg.PlotWidget, x: float, y: float, log_y: bool = False
    ) -> tuple[str, float, float] | None:
        """The data point nearest to view coordinates (x, y), if within the hover radius.
        With `log_y` the view's y is log10 of the data's (a log-scale loss axis)."""
        pixel_w, pixel_h = plot.getPlotItem().getViewBox().viewPixelSize()
        if not (pixel_w > 0 and pixel_h > 0):
            return None
        best: tuple[float, str, float, float] | None = None
        for name, xs, ys in self._series(plot):
            if len(xs) == 0:
                continue
            xa, ya = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                view_y = np.log10(ya) if log_y else ya
                distance = ((xa - x) / pixel_w) ** 2 + ((view_y - y) / pixel_h) ** 2
            distance[~np.isfinite(distance)] = np.inf
            index = int(np.argmin(distance))
            if best is None or distance[index] < best[0]:
                best = (float(distance[index]), name, float(xa[index]), float(ya[index]))
        if best is None or best[0] > scaled(HOVER_RADIUS_PX) ** 2:
            return None
        return best[1], best[2], best[3]

    def on_mouse_moved(self, plot: pg.PlotWidget, scene_pos: QPointF) -> None:
        view_box = plot.getPlotItem().getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            self.hide()
            return
        log_y = bool(plot.getPlotItem().ctrl.logYCheck.isChecked())
        view_pos = view_box.mapSceneToView(scene_pos)
        found = self.nearest_point(plot, view_pos.x(), view_pos.y(), log_y)
        if found is None:
            self.hide()
            return
        name, x, y = found
        view_y = math.log10(y) if log_y and y > 0 else y
        label, marker = self.labels[plot], self.markers[plot]
        label.setText(self._text(name, x, y))
        # Keep the label inside the plot: anchor it away from the nearer edges.
        (x0, x1), (y0, y1) = view_box.viewRange()
        label.setAnchor((1.0 if x > (x0 + x1) / 2 else 0.0, 0.0 if view_y < (y0 + y1) / 2 else 1.0))
        label.setPos(x, view_y)
        marker.setData([x], [view_y], size=scaled(14))
        label.show()
        marker.show()

    def is_shown(self) -> bool:
        return any(label.isVisible() for label in self.labels.values())

    def hide(self) -> None:
        for item in (*self.labels.values(), *self.markers.values()):
            item.hide()
