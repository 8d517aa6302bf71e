"""The Train tab's progress box: this epoch, the whole run, samples per second and time left
(or, while paused, that it is paused: a speed and a time left would be wrong then); and when a
run diverged or collapsed, why, in words the class can read without scrolling the log.

The bars' text is one colour over a light fill: the style drew it white over the fill and black
beside it, so the colour changed mid-word where the fill ended ("run: 1.|59 of 5 epochs"), the
very digits a class reads off a washed-out projector (see `readable_bar_palette`)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui import theme
from gui.language import follow_language
from gui.train.lesson_log import epochs_words

RUN_STEPS = 1000  # the run bar counts in thousandths, so fractional epochs move it smoothly
# The speed and time-left line is read, not watched: changing it twice a second is plenty, and each
# change re-lays out the window (measured: ~1.5 ms of GUI-thread time and a repaint of most of the
# window per change, time the trainer loses when it happens at every update).
RATE_TEXT_INTERVAL_S = 0.5
END_TEXT = {
    "finished": QT_TRANSLATE_NOOP("TrainProgress", "finished"),
    "stopped": QT_TRANSLATE_NOOP("TrainProgress", "stopped"),
    "diverged": QT_TRANSLATE_NOOP("TrainProgress", "diverged"),
    "collapsed": QT_TRANSLATE_NOOP("TrainProgress", "collapsed to chance"),
}


FILL_SHARE = 0.35  # of the highlight colour in the fill, the rest the bar's background: text reads on both


def _mixed(base: QColor, colour: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        *(b + share * (c - b) for b, c in zip(base.getRgbF()[:3], colour.getRgbF()[:3], strict=True))
    )


def readable_bar_palette(palette: QPalette) -> QPalette:
    """`palette` with a progress bar's fill a tint of its highlight, and the text over the fill the
    same colour as beside it."""
    readable = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        base, highlight = (
            palette.color(group, QPalette.ColorRole.Base),
            palette.color(group, QPalette.ColorRole.Highlight),
        )
        readable.setColor(group, QPalette.ColorRole.Highlight, _mixed(base, highlight, FILL_SHARE))
        readable.setColor(
            group, QPalette.ColorRole.HighlightedText, palette.color(group, QPalette.ColorRole.Text)
        )
    return readable


class TrainProgress(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.epoch_bar = QProgressBar()
        self.run_bar = QProgressBar()
        self.rate_label = QLabel(" ")
        # An ignored size hint keeps a longer text from widening the whole column.
        self.rate_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.addWidget(self.epoch_bar)
        layout.addWidget(self.run_bar)
        layout.addWidget(self.rate_label)
        self.why_label = QLabel()  # why a run went wrong, the same sentence as the log's
        self.why_label.setWordWrap(True)
        layout.addWidget(self.why_label)
        self.reset()
        follow_language(self, self._retranslate)
        self._fit_bar_colours()
        theme.notifier().changed.connect(self._fit_bar_colours)

    def _fit_bar_colours(self, *_: Any) -> None:
        """From the app's palette (the theme's), each time the theme changes."""
        for bar in (self.epoch_bar, self.run_bar):
            bar.setPalette(readable_bar_palette(QApplication.palette(bar)))

    def _retranslate(self) -> None:
        """Redraw the texts from the last event, so a language switch mid-run or after one shows."""
        self.setTitle(self.tr("Progress"))
        if self._last_event is None:
            self.epoch_bar.setFormat(self.tr("epoch: not started"))
            self.run_bar.setFormat(self.tr("run: not started"))
            return
        self._rate_shown_at = float("-inf")
        ended, why, paused = self._end_reason, self._why, self._paused  # show_batch forgets them
        self.show_batch(self._last_event, self._train_count)
        if ended is not None:
            self.show_end(ended, why)
        elif paused:
            self.show_paused(True)

    def reset(self) -> None:
        self.epoch_bar.setRange(0, 1)
        self.epoch_bar.setValue(0)
        self.epoch_bar.setFormat(self.tr("epoch: not started"))
        self.run_bar.setRange(0, RUN_STEPS)
        self.run_bar.setValue(0)
        self.run_bar.setFormat(self.tr("run: not started"))
        self.rate_label.setText(" ")
        self._last_rate = ""
        self._last_event: Any = None
        self._train_count = 0
        self._end_reason: str | None = None
        self._why: Callable[[], str] | None = None
        self.why_label.hide()
        self._rate_shown_at = float("-inf")
        self._paused = False

    def show_batch(self, event: Any, train_count: int) -> None:
        """Show a core.train_events.BatchEvent; `train_count` images per epoch give the time left."""
        self._last_event, self._train_count, self._end_reason = event, train_count, None
        self._why = None
        self.why_label.hide()
        self.epoch_bar.setMaximum(event.batches)
        _set_value_later(self.epoch_bar, event.batch)
        epoch_text = self.tr("epoch {epoch} of {epochs}: batch %v of %m")
        self.epoch_bar.setFormat(epoch_text.format(epoch=event.epoch, epochs=event.epochs))
        done = run_fraction(event.progress, event.epochs)
        _set_value_later(self.run_bar, math.floor(RUN_STEPS * done))
        # Both figures rounded down from the same fraction: 117 of 235 batches is "0.49 (49%)", never
        # "0.50 (49%)" as a rounded 0.498 beside Qt's truncated percentage was.
        self.run_bar.setFormat(
            self.tr("run: {progress} of {epochs} ({percent}%)").format(
                progress=f"{math.floor(event.progress * 100) / 100:.2f}",
                epochs=epochs_words(event.epochs),
                percent=math.floor(done * 100),
            )
        )
        rate = event.samples_per_second
        self._last_rate = self.tr("{rate:,.0f} samples/s").format(rate=rate)
        now = time.monotonic()
        if self._paused or now - self._rate_shown_at < RATE_TEXT_INTERVAL_S:
            return  # a batch that was under way when Pause was pressed must not bring the speed back
        self._rate_shown_at = now
        text = self._last_rate
        if rate > 0 and train_count:
            remaining = (event.epochs - event.progress) * train_count / rate
            text += self.tr(" · about {duration} left").format(duration=format_duration(remaining))
        self.rate_label.setText(text)

    def show_paused(self, paused: bool) -> None:
        """Paused: say so instead of a speed and a time left; resumed: the next batch shows them."""
        self._paused = paused
        if paused:
            self.rate_label.setText(self.tr("paused · Resume (F6) goes on"))
        else:
            self.rate_label.setText(self.tr("resuming…"))
            self._rate_shown_at = float("-inf")

    def is_paused(self) -> bool:
        return self._paused

    def show_end(self, reason: str, why: Callable[[], str] | None = None) -> None:
        """Replace the time left (now meaningless) by how the run ended; keep the speed of a run
        that finished or was stopped. A run that blew up shows no speed (a fine-looking figure
        beside "diverged" read as if the run had been fine) and no batch count: the batch it blew
        up at is the log's, which the bar's last update has not reached."""
        self._end_reason, self._why = reason, why
        self.why_label.setText(why() if why is not None else "")
        self.why_label.setVisible(why is not None)
        self._paused = False
        ending = QCoreApplication.translate("TrainProgress", END_TEXT.get(reason, reason))
        went_wrong = reason in ("diverged", "collapsed")
        if went_wrong and self._last_event is not None:
            self.epoch_bar.setFormat(
                self.tr("epoch {epoch} of {epochs}: {ending}").format(
                    epoch=self._last_event.epoch, epochs=self._last_event.epochs, ending=ending
                )
            )
        keep_rate = self._last_rate and not went_wrong
        self.rate_label.setText(f"{ending} · {self._last_rate}" if keep_rate else ending)


def run_fraction(progress: float, epochs: int) -> float:
    """How much of the run is done, 0 to 1."""
    return min(1.0, max(0.0, progress / max(1, epochs)))


def _set_value_later(bar: QProgressBar, value: int) -> None:
    """QProgressBar.setValue repaints the bar at once, synchronously (measured ~2 ms a bar at every
    batch update, on the GUI thread the trainer waits for). With updates off it only stores the
    value, and turning them back on schedules an ordinary update, painted with the next frame."""
    bar.setUpdatesEnabled(False)
    bar.setValue(value)
    bar.setUpdatesEnabled(True)


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
