"""The Train tab's loss axis: from 0 to a little above the highest smoothed or epoch loss (or a
logarithmic range around the losses), and it only grows while runs are shown.

Left to autorange it moved at every update, and each move re-laid out the axis and painted the
plot twice, GUI-thread time taken from the trainer at every update; an axis that jumps back also
loses the class's eye.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pyqtgraph as pg

from gui.train.plot_data import RunCurves

LOSS_HEADROOM = 1.08
LOSS_AXIS_PADDING = 0.02  # as on the accuracy axis: the 0 tick stays inside the plot, labelled
LOG_HEADROOM = 1.25  # a log axis spans ×1.25 beyond the lowest and highest losses


class LossAxis:
    """The y range of the loss plot; the plot's owner says when runs change or the scale does."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        self._plot = plot
        self._shown: tuple[float, float] | None = None  # (bottom, top) asked for, without padding

    def forget(self) -> None:
        """No runs shown any more: the next fit may start small again."""
        self._shown = None

    def set_log(self, on: bool) -> None:
        """A logarithmic axis (or back to linear); the x range stays as it was. Fit afterwards."""
        item = self._plot.getPlotItem()
        x_range = item.getViewBox().viewRange()[0]
        x_auto = item.getViewBox().autoRangeEnabled()[0]
        item.setLogMode(x=False, y=on)  # also switches autorange on: undone below
        item.enableAutoRange(axis="y", enable=False)
        if not x_auto:
            item.enableAutoRange(axis="x", enable=False)
            item.setXRange(*x_range, padding=0)
        self._shown = None

    def fit(self, runs: Iterable[RunCurves], log: bool) -> bool:
        """Grow the axis when a curve would leave it; never shrink it. True when it moved."""
        runs = list(runs)
        peak = max((run.peak_loss for run in runs), default=0.0)
        if not peak > 0:
            return False
        if log:
            low = min((run.low_loss for run in runs), default=math.inf)
            low = low if math.isfinite(low) else peak
            wanted = (math.log10(low / LOG_HEADROOM), math.log10(peak * LOG_HEADROOM))
        else:
            wanted = (0.0, peak * LOSS_HEADROOM)
        current = self._shown
        if current is not None and current[0] <= wanted[0] and wanted[1] <= current[1]:
            return False
        if current is not None:  # grow only: the axis never jumps back while the class watches
            wanted = (min(wanted[0], current[0]), max(wanted[1], current[1]))
        self._shown = wanted
        self._plot.setYRange(*wanted, padding=LOSS_AXIS_PADDING)
        return True
