"""The Train tab's live curves: loss per batch and per epoch, train and test accuracy per epoch.

Every run keeps its own curves, so a class can put lr 0.01, 0.1 and 1.0 side by side: the
current run is drawn thick, earlier ones thinner but in full colour, each with its own
colour-blind-safe colour and marker, named in the key beside the plots (gui/train/run_key.py),
which also says which line is test and which training. At most
MAX_RUNS are overlaid (the oldest is dropped, and the title says so): each run's curves are
repainted at every update, so repaint time and memory stay flat however long the lesson goes.

Curves are created once per run and fed with setData (cheap); how they look, following the
app-wide text size and the theme, is gui/train/plot_style.py; the loss axis, which only grows and
can be logarithmic, gui/train/loss_axis.py. A diverging run keeps its last finite points and gets
a "diverged" marker. The texts are all here, translated in this class's context.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QHBoxLayout, QInputDialog, QVBoxLayout, QWidget

from gui.file_writing import write_png
from gui.language import follow_language
from gui.theme import notifier, plot_colours
from gui.train.loss_axis import LOSS_AXIS_PADDING, LossAxis
from gui.train.plot_data import SMOOTHING, BatchSeries, Points, RunCurves
from gui.train.plot_hover import HOVER_RADIUS_PX, PlotHover
from gui.train.plot_style import (
    AXES,
    PALETTE,
    SYMBOLS,
    add_run_items,
    fit_accuracy_ticks,
    set_title,
    style_plot,
    style_run,
)
from gui.train.run_key import RunKey

__all__ = ["PALETTE", "SMOOTHING", "BatchSeries", "HOVER_RADIUS_PX", "RunCurves", "TrainPlots"]

MAX_RUNS = len(PALETTE)  # overlaid at once; every run shown has its own colour
EXPORT_SCALE = 2.0  # saved PNGs: twice the on-screen size, sharp when projected or printed
MAX_EXPORT_WIDTH = 8000  # a poster; more is a typing slip (and hundreds of MB of image)
AXIS_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


EPOCH_AXIS_PADDING = 0.05  # of the x range, each side
# Before any run the loss axis reaches ln 10 ≈ 2.30, where an untrained ten-class model starts (its
# default 0 to 1 showed ticks 0.2 … 0.8 that meant nothing); the first run's losses then set it.
EMPTY_LOSS_TOP = 2.5


class TrainPlots(QWidget):
    """Two stacked plots sharing the x axis (epochs, fractional for batch points)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs: list[RunCurves] = []
        self.runs_begun = 0  # every run since the last clear, the dropped ones included
        self.loss_plot = pg.PlotWidget()
        self.acc_plot = pg.PlotWidget()
        self.acc_plot.setXLink(self.loss_plot)
        self.acc_plot.setYRange(0.0, 1.0, padding=0.02)
        self.acc_plot.enableAutoRange(axis="y", enable=False)
        self.loss_plot.enableAutoRange(axis="y", enable=False)
        self.loss_axis = LossAxis(self.loss_plot)
        for plot in (self.loss_plot, self.acc_plot):
            for side in AXES:
                # Major ticks and grid lines only: minor grid lines made each redraw ~4× slower
                # (measured: ~20 ms → ~5 ms), time taken from the GUI thread while training.
                plot.getPlotItem().getAxis(side).setStyle(maxTickLevel=0)
                # Epochs and accuracies are plain numbers: never "epoch (x0.001)".
                plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)
                # The axis draws its grid too, so its area is the whole plot and every curve update
                # repainted its tick labels and grid lines (~1.2 ms an axis). Kept as a pixmap, it
                # is redrawn only when the axis itself changes (range, size, font, colours).
                plot.getPlotItem().getAxis(side).setCacheMode(AXIS_CACHE)
            plot.getPlotItem().setMenuEnabled(False)
            plot.getPlotItem().hideButtons()  # pyqtgraph's tiny "A" auto-range button confuses
        self.acc_plot.getPlotItem().getViewBox().sigResized.connect(lambda: fit_accuracy_ticks(self.acc_plot))
        self.key = RunKey()  # beside the plots, never over the curves
        self.key.hide()
        self.hover = PlotHover([self.loss_plot, self.acc_plot], self._hover_series, self._hover_text, self)
        self.log_scale_box = QCheckBox()
        self.log_scale_box.toggled.connect(self.set_log_loss)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        layout = QVBoxLayout()
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.acc_plot, 1)
        # Under the plots unless the Train panel moves it into its own row of plot buttons.
        layout.addWidget(self.log_scale_box)
        row.addLayout(layout, 1)
        row.addWidget(self.key)
        notifier().changed.connect(self._on_theme_changed)  # a bound method: disconnected with self
        follow_language(self, self._retranslate)
        self._planned_epochs = 1
        self._show_empty_axes()

    def plan_epochs(self, epochs: int) -> None:
        """The Epochs box's value: with no run shown, the x axis is epochs 0 … `epochs`, where the
        next run will draw, rather than pyqtgraph's 0 … 1 in fifths."""
        self._planned_epochs = max(1, int(epochs))
        if not self.runs:
            self._show_empty_axes()

    def _show_empty_axes(self) -> None:
        self.loss_plot.setXRange(0.0, self._planned_epochs, padding=EPOCH_AXIS_PADDING)
        self.loss_plot.enableAutoRange(axis="x", enable=False)
        if not self.log_loss():
            self.loss_plot.setYRange(0.0, EMPTY_LOSS_TOP, padding=LOSS_AXIS_PADDING)

    def _on_theme_changed(self, _high_contrast: bool) -> None:
        self.apply_text_size()

    def _retranslate(self) -> None:
        """Tooltips and the check box here; titles and axis labels with their sizes in apply_text_size."""
        self.loss_plot.setToolTip(
            self.tr(
                "Faint: the loss of each minibatch. Bold: the same, smoothed. Dots: each epoch's mean loss."
            )
        )
        self.acc_plot.setToolTip(
            self.tr("Solid line, filled markers: test accuracy. Dashed, hollow markers: training accuracy.")
        )
        self.log_scale_box.setText(self.tr("Log scale (loss)"))
        self.log_scale_box.setToolTip(
            self.tr("A logarithmic loss axis: small late improvements and a divergence both stay visible.")
        )
        self.hover.hide()  # its text names a series in the old language
        for run in self.runs:
            self._label_diverged(run)
        self.apply_text_size()

    # -- feeding data ----------------------------------------------------------------------
    def begin_run(
        self, label: str, epochs: int | None = None, *, model: str = "", short_label: str = ""
    ) -> RunCurves:
        """Thin out earlier runs and add a fresh, full-strength set of curves for this one.

        With `epochs`, the x axis spans the whole run from the start: the class sees where the
        run is heading, and the axes are not re-laid out on every update. `model` and
        `short_label` (the label without the model): the key names a shared model once."""
        while len(self.runs) >= MAX_RUNS:
            self._drop_run(self.runs[0])
        if epochs is not None:
            longest = max([epochs, *(run.batch_x[-1] for run in self.runs if len(run.batch_x))])
            # Room for a whole marker past the last epoch: at 0.02 a 1-epoch run's points sat on
            # the right border, cut in half.
            self.loss_plot.setXRange(0.0, longest, padding=EPOCH_AXIS_PADDING)
            self.loss_plot.enableAutoRange(axis="x", enable=False)
        elif not self.runs:  # a run of unknown length: the axis follows it, not the Epochs box
            self.loss_plot.enableAutoRange(axis="x", enable=True)
        for run in self.runs:
            run.dimmed = True
        used = {run.color for run in self.runs}
        color = next(c for c in PALETTE if c not in used)
        symbol = SYMBOLS[PALETTE.index(color)]
        run = RunCurves(label=label, color=color, model=model, short_label=short_label, symbol=symbol)
        add_run_items(run, self.loss_plot, self.acc_plot)
        self.runs.append(run)
        self.runs_begun += 1
        self._restyle_all()
        self._update_titles()
        return run

    def current_run(self) -> RunCurves | None:
        return self.runs[-1] if self.runs else None

    def add_batch_points(self, points: Points) -> None:
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
        run.add_epoch(epoch, loss, train_acc, test_acc)
        run.items["epoch_loss"].setData(run.epoch_x, run.epoch_loss, connect="finite")
        run.items["train_acc"].setData(run.epoch_x, run.train_acc)
        run.items["test_acc"].setData(run.epoch_x, run.test_acc)
        self._fit_loss_axis()

    def mark_diverged(self) -> None:
        """The current run diverged: a marker labelled "diverged" where its last finite loss is
        (pinned to the top of the axis when that is off the plot), and a note in the legend."""
        run = self.current_run()
        if run is None or run.diverged:
            return
        run.diverged = True
        point = run.last_point()
        if point is not None:
            marker = pg.ScatterPlotItem(symbol="x")
            text = pg.TextItem(anchor=(1.0, 0.0))
            for item in (marker, text):
                item.setZValue(50)
                self.loss_plot.getPlotItem().addItem(item, ignoreBounds=True)
            run.items["diverged_marker"], run.items["diverged_text"] = marker, text
            self._place_diverged(run)
        self._label_diverged(run)
        self._restyle_all()

    def _place_diverged(self, run: RunCurves) -> None:
        point = run.last_point()
        if point is None or "diverged_marker" not in run.items:
            return
        x, loss = point
        bottom, top = self.loss_plot.getPlotItem().getViewBox().viewRange()[1]
        y = math.log10(loss) if self.log_loss() and loss > 0 else loss
        y = min(max(y, bottom), top)  # on the plot even when the loss went off the top
        run.items["diverged_marker"].setData([x], [y])
        # The label on the side with room, below the point when it is pinned to the top.
        (x0, x1), _ = self.loss_plot.getPlotItem().getViewBox().viewRange()
        run.items["diverged_text"].setAnchor(
            (0.0 if x < (x0 + x1) / 2 else 1.0, 0.0 if y >= (bottom + top) / 2 else 1.0)
        )
        run.items["diverged_text"].setPos(x, y)

    def _label_diverged(self, run: RunCurves) -> None:
        if "diverged_text" in run.items:
            run.items["diverged_text"].setText(self.tr("diverged"))

    # -- the loss axis ---------------------------------------------------------------------
    def log_loss(self) -> bool:
        return self.log_scale_box.isChecked()

    def set_log_loss(self, on: bool) -> None:
        """A logarithmic loss axis (or back to linear); the x range stays as it was."""
        if self.log_scale_box.isChecked() != on:
            self.log_scale_box.setChecked(on)  # comes back here through toggled
            return
        self.loss_axis.set_log(on)
        self._fit_loss_axis()
        for run in self.runs:
            self._place_diverged(run)
        self.hover.hide()

    def _fit_loss_axis(self) -> None:
        if self.loss_axis.fit(self.runs, self.log_loss()):
            for run in self.runs:
                if run.diverged:
                    self._place_diverged(run)

    # -- dropping runs -----------------------------------------------------------------------
    def _drop_run(self, run: RunCurves) -> None:
        for item in run.items.values():
            for plot in (self.loss_plot, self.acc_plot):
                if item.getViewBox() is plot.getPlotItem().getViewBox():
                    plot.getPlotItem().removeItem(item)
        run.items.clear()
        self.runs.remove(run)
        self.hover.hide()
        self._update_key()

    def clear_runs(self) -> None:
        for run in list(self.runs):
            self._drop_run(run)
        self.runs_begun = 0
        self.loss_axis.forget()
        self._show_empty_axes()
        self._update_titles()

    # -- saving ------------------------------------------------------------------------------
    def render_image(self, width: int | None = None) -> QImage:
        """Both plots as one image, EXPORT_SCALE× the on-screen size or `width` pixels wide:
        drawn again at that resolution (sharp lines and text), not a scaled-up screenshot."""
        self.hover.hide()
        scale = width / max(1, self.width()) if width else EXPORT_SCALE
        image = QImage(round(self.width() * scale), round(self.height() * scale), QImage.Format.Format_RGB32)
        image.fill(QColor(plot_colours().background))
        image.setDevicePixelRatio(scale)
        # The axes' screen-sized pixmaps would be scaled up: draw them afresh at this resolution.
        axes = [plot.getPlotItem().getAxis(side) for plot in (self.loss_plot, self.acc_plot) for side in AXES]
        for axis in axes:
            axis.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            self.render(image)
        finally:
            for axis in axes:
                axis.setCacheMode(AXIS_CACHE)
        image.setDevicePixelRatio(1.0)
        return image

    def ask_export_width(self, parent: QWidget | None = None) -> int | None:
        """How wide the saved PNG should be: EXPORT_SCALE× the plots on screen unless changed."""
        default = round(self.width() * EXPORT_SCALE)
        width, ok = QInputDialog.getInt(
            parent or self,
            self.tr("Save plots as PNG"),
            self.tr("Width of the image in pixels ({default} is twice the size on screen):").format(
                default=default
            ),
            default,
            200,
            MAX_EXPORT_WIDTH,
            100,
        )
        return int(width) if ok else None

    def save_png(self, path: str, width: int | None = None) -> bool:
        """Save both plots as one PNG (see render_image); False when it could not be written (the
        old file is then intact: gui.file_writing never writes in place)."""
        try:
            write_png(self.render_image(width), path)
        except OSError:
            return False
        return True

    # -- sizes and colours that follow the text size and the theme ---------------------------
    def event(self, event: QEvent) -> bool:
        # Qt tells top-level windows about a new application font (ApplicationFontChange); the
        # widgets inside them get FontChange as the font propagates down.
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.apply_text_size()
        return super().event(event)

    def apply_text_size(self) -> None:
        style_plot(self.loss_plot, None)  # the shared x axis is named once, below
        style_plot(self.acc_plot, self.tr("epoch"))
        fit_accuracy_ticks(self.acc_plot)
        self._update_titles()
        self.hover.apply_style()
        self._restyle_all()

    def _update_titles(self) -> None:
        # Short: a long title sets the plot's minimum width and gets clipped at projector sizes.
        loss_title = self.tr("Training loss")
        if self.runs_begun > len(self.runs):
            loss_title += self.tr(" · latest {shown} of {total} runs").format(
                shown=len(self.runs), total=self.runs_begun
            )
        set_title(self.loss_plot, loss_title)
        set_title(self.acc_plot, self.tr("Accuracy"))

    def _restyle_all(self) -> None:
        for run in self.runs:
            style_run(run)
        self._update_key()

    def _update_key(self) -> None:
        texts = {
            "test": self.tr("test"),
            "train": self.tr("training"),
            "diverged": self.tr(" diverged"),
        }
        self.key.show_runs(self.runs, texts)

    # -- hover -----------------------------------------------------------------------------------
    def _hover_series(self, plot: pg.PlotWidget) -> list:
        series = []
        for run in self.runs:
            if plot is self.loss_plot:
                series.append((run.label + "\n" + self.tr("batch loss"), run.batch_x, run.batch_loss))
                series.append((run.label + "\n" + self.tr("epoch loss"), run.epoch_x, run.epoch_loss))
            else:
                series.append((run.label + "\n" + self.tr("test acc"), run.epoch_x, run.test_acc))
                series.append((run.label + "\n" + self.tr("train acc"), run.epoch_x, run.train_acc))
        return series

    def _hover_text(self, name: str, x: float, y: float) -> str:
        return self.tr("{name} {y:.4f}\nepoch {x:.2f}").format(name=name, y=y, x=x)

    def nearest_point(self, plot: pg.PlotWidget, x: float, y: float) -> tuple[str, float, float] | None:
        """The data point nearest to view coordinates (x, y), if within the hover radius."""
        return self.hover.nearest_point(plot, x, y, log_y=plot is self.loss_plot and self.log_loss())
