"""What the Train tab's plots keep of each run: batch losses in growing arrays, epoch metrics,
and the bounds the loss axis must show. Plain data (numpy), no drawing."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

SMOOTHING = 0.9  # exponential moving average weight; bias-corrected so the first points are honest
# A diverging run's losses explode (lr 50: 2.3 → 1e4 → inf within a few batches). Letting them
# set the loss axis would flatten every other run into a line at the bottom; the axis follows a
# run up to this many times its first smoothed loss, and the rest is drawn off the top, with the
# "diverged" marker pinned there.
PEAK_CAP_FACTOR = 3.0

Points = list[tuple[float, float]] | tuple[tuple[float, float], ...]


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

    def extend(self, points: Points) -> None:
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

    label: str  # the whole name: hover text, the key when runs of several models are shown
    color: str
    model: str = ""  # runs of one model: the key names it once, above the runs' short labels
    short_label: str = ""  # the label without the model ("#2 lr 0.1")
    symbol: str = "o"  # each run its own marker too: told apart without colour
    batches: BatchSeries = field(default_factory=BatchSeries)
    epoch_x: list[float] = field(default_factory=list)
    epoch_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    dimmed: bool = False
    diverged: bool = False
    peak_loss: float = 0.0  # highest smoothed or epoch loss (capped): what the loss axis must show
    low_loss: float = math.inf  # lowest positive one: the bottom of a log-scale loss axis
    first_loss: float | None = None  # the first smoothed loss, for PEAK_CAP_FACTOR
    items: dict[str, Any] = field(default_factory=dict)  # pyqtgraph items, removed with the run

    @property
    def batch_x(self) -> np.ndarray:
        return self.batches.x

    @property
    def batch_loss(self) -> np.ndarray:
        return self.batches.loss

    @property
    def smooth_loss(self) -> np.ndarray:
        return self.batches.smooth

    def add_batches(self, points: Points) -> None:
        seen = len(self.batches)
        self.batches.extend(points)
        if len(self.batches) > seen:
            fresh = self.batches.smooth[seen:]
            if self.first_loss is None:
                self.first_loss = float(fresh[0])
            self._note_loss(float(fresh.max()), float(fresh.min()))

    def add_epoch(self, epoch: float, loss: float, train_acc: float, test_acc: float) -> None:
        self.epoch_x.append(epoch)
        self.epoch_loss.append(loss if math.isfinite(loss) else float("nan"))
        self.train_acc.append(train_acc)
        self.test_acc.append(test_acc)
        if math.isfinite(loss):
            self._note_loss(loss, loss)

    def _note_loss(self, high: float, low: float) -> None:
        if self.first_loss is not None and self.first_loss > 0:
            high = min(high, PEAK_CAP_FACTOR * self.first_loss)
        self.peak_loss = max(self.peak_loss, high)
        if low > 0:
            self.low_loss = min(self.low_loss, low)

    def last_point(self) -> tuple[float, float] | None:
        """The last finite loss drawn (a batch, else an epoch): where a diverged run stopped."""
        if len(self.batches):
            return float(self.batch_x[-1]), float(self.batch_loss[-1])
        for x, loss in zip(reversed(self.epoch_x), reversed(self.epoch_loss), strict=True):
            if math.isfinite(loss):
                return x, loss
        return None
