"""The Train tab's live curves: loss per batch and per epoch, train and test accuracy per epoch.

Every run keeps its own curves. When a new run starts the earlier ones are dimmed but stay, with
a legend entry "model lr X", so a class can put lr 0.01, 0.1 and 1.0 side by side. Curves are
created once per run and fed with setData (cheap), and every size (pens, fonts, markers) follows
the app-wide text size so the plot stays readable from the back of a room.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from gui.language import follow_language
from gui.text_size import current_point_size, scaled

# Clear, distinct colours that survive a washed-out projector (Tableau 10, strongest first).
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
SMOOTHING = 0.9  # exponential moving average weight; bias-corrected so the first points are honest
DIM_ALPHA = 0.35  # earlier runs stay visible, but the current run is what the eye finds
RAW_ALPHA = 0.25  # raw batch losses are noisy: faint behind the smoothed curve
# pyqtgraph keeps up to 5 points per pixel when it downsamples; the bold antialiased smoothed
# curve cost ~2.5 ms of a ~4 ms repaint that way (a repaint at every update, on the GUI thread,
# which the trainer feels). A smoothed curve looks the same at one point per 5 px; the faint
# raw curve keeps its spikes with "peak" downsampling at about one point per pixel.
SMOOTH_POINTS_PER_PX = 0.2
RAW_POINTS_PER_PX = 1.0
HOVER_RADIUS_PX = 24.0  # at text size 1×; how close the pointer must be to show a value
# The loss axis runs from 0 to a little above the highest smoothed or epoch loss, and only grows:
# left to autorange it moved at every update, and each move re-laid out the axis and painted the
# plot twice, GUI-thread time taken from the trainer at every update.
LOSS_HEADROOM = 1.08
LOSS_AXIS_PADDING = 0.02  # as on the accuracy axis: the 0 tick stays inside the plot, labelled


class BatchSeries:
    """Batch points in numpy arrays that grow by doubling: every redraw hands pyqtgraph views of
    them, instead of converting ever-longer Python lists at every update."""

    def __init__(self) -> None:
        self._data = np.empty((3, 1024), dtype=np.float64)  # x, raw loss, smoothed loss
        self._count = 0
        self._ema = 0.0

    def __len__(self) -> int:
        return self._count

    @property
    def x(self) -> np.ndarray:
        return self._data[0, : self._count]

    @property
    def loss(self) -> np.ndarray:
        return self._data[1, : self._count]

    @property
    def smooth(self) -> np.ndarray:
        return self._data[2, : self._count]

    def extend(self, points: list[tuple[float, float]] | tuple[tuple[float, float], ...]) -> None:
        """Append finite (x, loss) points and their bias-corrected moving average."""
        if self._count + len(points) > self._data.shape[1]:
            grown = np.empty((3, max(2 * self._data.shape[1], self._count + len(points))))
            grown[:, : self._count] = self._data[:, : self._count]
            self._data = grown
        for x, loss in points:
            self._ema = SMOOTHING * self._ema + (1 - SMOOTHING) * loss
            self._count += 1
            self._data[:, self._count - 1] = (x, loss, self._ema / (1 - SMOOTHING**self._count))


@dataclass
class RunCurves:
    """One run's data and the plot items that draw it."""

    label: str
    color: str
    batches: BatchSeries = field(default_factory=BatchSeries)
    epoch_x: list[float] = field(default_factory=list)
    epoch_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    dimmed: bool = False
    peak_loss: float = 0.0  # highest smoothed or epoch loss: what the loss axis must show
    items: dict[str, pg.PlotDataItem] = field(default_factory=dict)

    @property
    def batch_x(self) -> np.ndarray:
        return self.batches.x

    @property
    def batch_loss(self) -> np.ndarray:
        return self.batches.loss

    @property
    def smooth_loss(self) -> np.ndarray:
        return self.batches.smooth

    def add_batches(self, points: list[tuple[float, float]] | tuple[tuple[float, float], ...]) -> None:
        seen = len(self.batches)
        self.batches.extend(points)
        if len(self.batches) > seen:
            self.peak_loss = max(self.peak_loss, float(self.batches.smooth[seen:].max()))


class TrainPlots(QWidget):
    """Two stacked plots sharing the x axis (epochs, fractional for batch points)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs: list[RunCurves] = []
        self.loss_plot = pg.PlotWidget(background="w")
        self.acc_plot = pg.PlotWidget(background="w")
        self.acc_plot.setXLink(self.loss_plot)
        self.acc_plot.setYRange(0.0, 1.0, padding=0.02)
        self.acc_plot.enableAutoRange(axis="y", enable=False)
        self.loss_plot.enableAutoRange(axis="y", enable=False)
        self._loss_top = 0.0  # the loss axis's current top; see LOSS_HEADROOM
        for plot in (self.loss_plot, self.acc_plot):
            plot.showGrid(x=True, y=True, alpha=0.25)
            for side in ("left", "bottom"):
                # Major ticks and grid lines only: minor grid lines made each redraw ~4× slower
                # (measured: ~20 ms → ~5 ms), time taken from the GUI thread while training.
                plot.getPlotItem().getAxis(side).setStyle(maxTickLevel=0)
                # Epochs and accuracies are plain numbers: never "epoch (x0.001)".
                plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)
            plot.getPlotItem().setMenuEnabled(False)
            plot.getPlotItem().hideButtons()  # pyqtgraph's tiny "A" auto-range button confuses
            # Loss falls, accuracy rises: put each legend where its curves are not.
            legend = plot.addLegend(offset=(-10, 10) if plot is self.loss_plot else (-10, -10))
            legend.setLabelTextColor("#222")
            legend.setBrush(pg.mkBrush(255, 255, 255, 210))
            legend.setPen(pg.mkPen("#bbb"))
            legend.hide()  # an empty legend is a stray little box; shown with the first run
            self._add_hover_items(plot)
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._on_mouse_moved(p, pos))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.acc_plot, 1)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        """Tooltips here; titles and axis labels are set with their sizes in apply_text_size."""
        self.loss_plot.setToolTip(
            self.tr(
                "Faint: the loss of each minibatch. Bold: the same, smoothed. Dots: each epoch's mean loss."
            )
        )
        self.acc_plot.setToolTip(
            self.tr("Solid line, dots: test accuracy. Dashed, triangles: training accuracy.")
        )
        self._hide_hover()  # its text names a series in the old language
        self.apply_text_size()

    # -- feeding data ----------------------------------------------------------------------
    def begin_run(self, label: str, epochs: int | None = None) -> RunCurves:
        """Dim earlier runs and add a fresh, full-strength set of curves for this one.

        With `epochs`, the x axis spans the whole run from the start: the class sees where the
        run is heading, and the axes are not re-laid out on every update."""
        if epochs is not None:
            longest = max([epochs, *(run.batch_x[-1] for run in self.runs if len(run.batch_x))])
            self.loss_plot.setXRange(0.0, longest, padding=0.02)
            self.loss_plot.enableAutoRange(axis="x", enable=False)
        for run in self.runs:
            run.dimmed = True
        color = PALETTE[len(self.runs) % len(PALETTE)]
        run = RunCurves(label=label, color=color)
        loss_item, acc_item = self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()
        # Raw batch losses don't steer the y range: one spike (lr 1.0) would flatten every curve.
        run.items["raw"] = pg.PlotDataItem(antialias=False, autoDownsampleFactor=RAW_POINTS_PER_PX)
        loss_item.addItem(run.items["raw"], ignoreBounds=True)
        run.items["smooth"] = loss_item.plot(
            name=label, antialias=True, autoDownsampleFactor=SMOOTH_POINTS_PER_PX
        )
        # After adding: PlotItem.addItem overwrites each curve's downsampling and clipping with its
        # own (off) settings. The raw curve keeps its spikes ("peak"), the smooth one needs none.
        for key, method in (("raw", "peak"), ("smooth", "subsample")):
            run.items[key].setDownsampling(auto=True, method=method)
            run.items[key].setClipToView(True)
        run.items["epoch_loss"] = loss_item.plot(symbol="o", antialias=True)
        # One legend entry per run (its test curve); the axis label explains solid test, dashed train.
        run.items["test_acc"] = acc_item.plot(name=label, symbol="o", antialias=True)
        run.items["train_acc"] = acc_item.plot(symbol="t", antialias=True)
        self.runs.append(run)
        self._restyle_all()
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().legend.show()
        return run

    def current_run(self) -> RunCurves | None:
        return self.runs[-1] if self.runs else None

    def add_batch_points(self, points: list[tuple[float, float]] | tuple[tuple[float, float], ...]) -> None:
        run = self.current_run()
        if run is None:
            return
        # A diverging run's inf/nan would wreck the axis range and the moving average.
        run.add_batches([(x, loss) for x, loss in points if math.isfinite(loss)])
        run.items["raw"].setData(run.batch_x, run.batch_loss)
        run.items["smooth"].setData(run.batch_x, run.smooth_loss)
        self._fit_loss_axis()

    def add_epoch(self, epoch: float, loss: float, train_acc: float, test_acc: float) -> None:
        run = self.current_run()
        if run is None:
            return
        run.epoch_x.append(epoch)
        run.epoch_loss.append(loss if math.isfinite(loss) else float("nan"))
        if math.isfinite(loss):
            run.peak_loss = max(run.peak_loss, loss)
        run.train_acc.append(train_acc)
        run.test_acc.append(test_acc)
        run.items["epoch_loss"].setData(run.epoch_x, run.epoch_loss, connect="finite")
        run.items["train_acc"].setData(run.epoch_x, run.train_acc)
        run.items["test_acc"].setData(run.epoch_x, run.test_acc)
        self._fit_loss_axis()

    def _fit_loss_axis(self) -> None:
        """Grow the loss axis when a curve would leave it; never shrink it while runs are shown."""
        peak = max((run.peak_loss for run in self.runs), default=0.0)
        if peak > 0 and peak * LOSS_HEADROOM > self._loss_top:
            self._loss_top = peak * LOSS_HEADROOM
            self.loss_plot.setYRange(0.0, self._loss_top, padding=LOSS_AXIS_PADDING)

    def clear_runs(self) -> None:
        for run in self.runs:
            for item in run.items.values():
                for plot in (self.loss_plot, self.acc_plot):
                    if item.getViewBox() is plot.getPlotItem().getViewBox():
                        plot.getPlotItem().removeItem(item)
        self.runs.clear()
        self._hide_hover()
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().legend.hide()
        self.loss_plot.enableAutoRange(axis="x", enable=True)
        self._loss_top = 0.0

    def save_png(self, path: str) -> bool:
        """Save both plots, exactly as shown, as one PNG. Widget grabbing avoids exporter quirks."""
        self._hide_hover()
        return bool(self.grab().save(path, "PNG"))

    # -- sizes that follow the app-wide text size ------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Qt tells top-level windows about a new application font (ApplicationFontChange); the
        # widgets inside them get FontChange as the font propagates down.
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.apply_text_size()
        return super().event(event)

    def apply_text_size(self) -> None:
        points = current_point_size()
        tick_font = QFont(QApplication.font())
        label_style = {"font-size": f"{points:.1f}pt", "color": "#222"}
        labels = {self.loss_plot: self.tr("loss"), self.acc_plot: self.tr("accuracy")}
        # Short: a long title sets the plot's minimum width and gets clipped at projector sizes.
        titles = {
            self.loss_plot: self.tr("Training loss"),
            self.acc_plot: self.tr("Accuracy  (● test · ▲ train)"),
        }
        for plot, y_label in labels.items():
            item = plot.getPlotItem()
            for side in ("left", "bottom"):
                axis = item.getAxis(side)
                axis.setTickFont(tick_font)
                axis.setPen(pg.mkPen("#444", width=max(1.0, scaled(1))))
                axis.setTextPen(pg.mkPen("#222"))
            item.setTitle(titles[plot], size=f"{points:.1f}pt", color="#222")
            item.getAxis("left").setLabel(y_label, **label_style)
            item.getAxis("bottom").setLabel(self.tr("epoch"), **label_style)
            # Tick labels need room that grows with the font, or big text gets clipped.
            item.getAxis("left").setWidth(int(scaled(62)))
            item.getAxis("bottom").setHeight(int(scaled(48)))
            if item.legend is not None:
                item.legend.setLabelTextSize(f"{points * 0.9:.1f}pt")
            self._hover_text[plot].setFont(tick_font)
        self._restyle_all()

    def _restyle_all(self) -> None:
        for run in self.runs:
            strength = DIM_ALPHA if run.dimmed else 1.0
            width = scaled(3.0 if not run.dimmed else 2.0)
            symbol_size = scaled(9)
            items = run.items
            items["raw"].setPen(_pen(run.color, RAW_ALPHA * strength, scaled(1)))
            items["smooth"].setPen(_pen(run.color, strength, width))
            items["epoch_loss"].setPen(_pen(run.color, strength, scaled(1.5), Qt.PenStyle.DashLine))
            items["test_acc"].setPen(_pen(run.color, strength, width))
            items["train_acc"].setPen(_pen(run.color, strength, scaled(2), Qt.PenStyle.DashLine))
            for name in ("epoch_loss", "test_acc", "train_acc"):
                items[name].setSymbolSize(symbol_size)
                items[name].setSymbolBrush(_color(run.color, strength))
                items[name].setSymbolPen(_pen("#ffffff", strength, scaled(1)))
            for item in items.values():
                item.setZValue(0 if run.dimmed else 10)

    # -- hover: exact values near the pointer ----------------------------------------------
    def _add_hover_items(self, plot: pg.PlotWidget) -> None:
        if not hasattr(self, "_hover_text"):
            self._hover_text: dict[pg.PlotWidget, pg.TextItem] = {}
            self._hover_marker: dict[pg.PlotWidget, pg.ScatterPlotItem] = {}
        text = pg.TextItem(color="#111", fill=pg.mkBrush(255, 255, 240, 230), border=pg.mkPen("#888"))
        marker = pg.ScatterPlotItem(size=14, brush=None, pen=pg.mkPen("#111", width=2))
        for item in (text, marker):
            item.setZValue(100)
            item.hide()
            plot.addItem(item, ignoreBounds=True)
        self._hover_text[plot] = text
        self._hover_marker[plot] = marker

    def _hover_series(self, plot: pg.PlotWidget) -> list[tuple[str, Sequence[float], Sequence[float]]]:
        series = []
        for run in self.runs:
            if plot is self.loss_plot:
                series.append((run.label + "\n" + self.tr("batch loss"), run.batch_x, run.batch_loss))
                series.append((run.label + "\n" + self.tr("epoch loss"), run.epoch_x, run.epoch_loss))
            else:
                series.append((run.label + "\n" + self.tr("test acc"), run.epoch_x, run.test_acc))
                series.append((run.label + "\n" + self.tr("train acc"), run.epoch_x, run.train_acc))
        return series

    def nearest_point(self, plot: pg.PlotWidget, x: float, y: float) -> tuple[str, float, float] | None:
        """The data point nearest to view coordinates (x, y), if within the hover radius."""
        pixel_w, pixel_h = plot.getPlotItem().getViewBox().viewPixelSize()
        if not (pixel_w > 0 and pixel_h > 0):
            return None
        best: tuple[float, str, float, float] | None = None
        for name, xs, ys in self._hover_series(plot):
            if len(xs) == 0:
                continue
            xa, ya = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
            distance = ((xa - x) / pixel_w) ** 2 + ((ya - y) / pixel_h) ** 2
            distance[~np.isfinite(distance)] = np.inf
            index = int(np.argmin(distance))
            if best is None or distance[index] < best[0]:
                best = (float(distance[index]), name, float(xa[index]), float(ya[index]))
        if best is None or best[0] > scaled(HOVER_RADIUS_PX) ** 2:
            return None
        return best[1], best[2], best[3]

    def _on_mouse_moved(self, plot: pg.PlotWidget, scene_pos: QPointF) -> None:
        view_box = plot.getPlotItem().getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            self._hide_hover()
            return
        view_pos = view_box.mapSceneToView(scene_pos)
        found = self.nearest_point(plot, view_pos.x(), view_pos.y())
        if found is None:
            self._hide_hover()
            return
        name, x, y = found
        text, marker = self._hover_text[plot], self._hover_marker[plot]
        text.setText(self.tr("{name} {y:.4f}\nepoch {x:.2f}").format(name=name, y=y, x=x))
        # Keep the label inside the plot: anchor it away from the nearer edges.
        (x0, x1), (y0, y1) = view_box.viewRange()
        text.setAnchor((1.0 if x > (x0 + x1) / 2 else 0.0, 0.0 if y < (y0 + y1) / 2 else 1.0))
        text.setPos(x, y)
        marker.setData([x], [y], size=scaled(14))
        text.show()
        marker.show()

    def _hide_hover(self) -> None:
        for item in (*self._hover_text.values(), *self._hover_marker.values()):
            item.hide()


def _color(hex_color: str, alpha: float) -> QColor:
    color = QColor(hex_color)
    color.setAlphaF(max(0.0, min(1.0, alpha)))
    return color


def _pen(hex_color: str, alpha: float, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine):
    return pg.mkPen(_color(hex_color, alpha), width=width, style=style)
