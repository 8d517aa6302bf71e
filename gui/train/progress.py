"""The Train tab's progress box: this epoch, the whole run, samples per second and time left."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

RUN_STEPS = 1000  # the run bar counts in thousandths, so fractional epochs move it smoothly
# The speed and time-left line is read, not watched: changing it twice a second is plenty, and each
# change re-lays out the window (measured: ~1.5 ms of GUI-thread time and a repaint of most of the
# window per change, time the trainer loses when it happens at every update).
RATE_TEXT_INTERVAL_S = 0.5
END_TEXT = {"finished": "finished", "stopped": "stopped", "diverged": "diverged: see the log"}


class TrainProgress(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Progress", parent)
        self.epoch_bar = QProgressBar()
        self.run_bar = QProgressBar()
        self.rate_label = QLabel(" ")
        # An ignored size hint keeps a longer text from widening the whole column.
        self.rate_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.addWidget(self.epoch_bar)
        layout.addWidget(self.run_bar)
        layout.addWidget(self.rate_label)
        self.reset()

    def reset(self) -> None:
        self.epoch_bar.setRange(0, 1)
        self.epoch_bar.setValue(0)
        self.epoch_bar.setFormat("epoch: not started")
        self.run_bar.setRange(0, RUN_STEPS)
        self.run_bar.setValue(0)
        self.run_bar.setFormat("run: not started")
        self.rate_label.setText(" ")
        self._last_rate = ""
        self._rate_shown_at = float("-inf")

    def show_batch(self, event: Any, train_count: int) -> None:
        """Show a core.trainer.BatchEvent; `train_count` images per epoch give the time left."""
        self.epoch_bar.setMaximum(event.batches)
        self.epoch_bar.setValue(event.batch)
        self.epoch_bar.setFormat(f"epoch {event.epoch} of {event.epochs}: batch %v of %m")
        self.run_bar.setValue(round(RUN_STEPS * event.progress / event.epochs))
        self.run_bar.setFormat(f"run: {event.progress:.2f} of {event.epochs} epochs (%p%)")
        rate = event.samples_per_second
        self._last_rate = f"{rate:,.0f} samples/s"
        now = time.monotonic()
        if now - self._rate_shown_at < RATE_TEXT_INTERVAL_S:
            return
        self._rate_shown_at = now
        text = self._last_rate
        if rate > 0 and train_count:
            remaining = (event.epochs - event.progress) * train_count / rate
            text += f" · about {format_duration(remaining)} left"
        self.rate_label.setText(text)

    def show_end(self, reason: str) -> None:
        """Replace the time left (now meaningless) by how the run ended; keep the speed."""
        ending = END_TEXT.get(reason, reason)
        self.rate_label.setText(f"{ending} · {self._last_rate}" if self._last_rate else ending)


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
