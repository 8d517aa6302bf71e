"""What a training run tells its consumers (immutable events) and how they steer it (TrainControl,
and at class pace a Pacer).

Torch-free and Qt-free: the GUI's worker, the CLI's printer and the tests all speak these."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BatchEvent:
    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based, within the epoch
    batches: int  # per epoch
    loss: float  # running mean loss over the epoch so far
    acc: float  # running training accuracy over the epoch so far
    batch_loss: float  # this minibatch alone: the raw, noisy curve
    samples_seen: int  # in the whole run
    progress: float  # epochs done as a fraction (x axis of the plots)
    samples_per_second: float


@dataclass(frozen=True)
class EpochEvent:
    epoch: int
    epochs: int
    loss: float  # mean training loss over the epoch
    train_acc: float  # accuracy on the batches as they were trained (the lesson's definition)
    test_acc: float
    seconds: float  # wall time of the epoch including test evaluation, pauses excluded

    def lesson_line(self) -> str:
        return (
            f"epoch {self.epoch}, loss {self.loss:.4f}, "
            f"train acc {self.train_acc:.3f}, test acc {self.test_acc:.3f}"
        )


@dataclass(frozen=True)
class RunEnded:
    """Why a run ended. reason:
    - "finished": every epoch ran;
    - "stopped": stopped by request;
    - "diverged": the loss blew up; the model holds the last good weights if there were any
      (restored_good True), else its untrained starting weights (restored_good False);
    - "collapsed": the run ended no better than guessing (test accuracy at chance after having
      been better, or stuck there); the weights are useless.
    Only "finished" and "stopped" runs hold weights worth saving without asking; a "diverged" run
    with restored_good holds the weights from before the blow-up."""

    reason: str
    message: str
    restored_good: bool = False  # a later field with a default: older callers build it with two


@dataclass(frozen=True)
class MinibatchShown:
    """The minibatch just taken, for a class to look at: sent only at class pace or for a step.

    stage_values: per stage of the lesson's code ("X", "O", "y_hat", "loss", "grad_W", "grad_b"; the
    gradients only for the two softmax models) -> {"shape": tuple, "sample": list[float] (a few
    values), "where": which values they are, as an index expression}. The numbers are those of
    the step itself: the gradients are caught on their way into .grad, before the update."""

    epoch: int
    batch: int
    batches: int
    images: Any  # uint8 numpy [B, 28, 28], B <= 256 (what the model trained on, augmented or not)
    labels: Any  # int64 numpy [B]
    loss: float  # this minibatch's mean loss
    stage_values: dict[str, dict]
    stepped: bool = False  # let through by "one minibatch"/"one epoch" while paused


@dataclass(frozen=True)
class PausedAt:
    """The trainer is about to wait, paused, after this batch: every batch it trained has been
    sent, so a consumer that holds some back (the window's ~12 updates a second) sends them now,
    and the number on screen is the trainer's; a step then moves it by exactly one."""

    epoch: int
    batch: int


Event = BatchEvent | EpochEvent | RunEnded | MinibatchShown | PausedAt


class TrainControl:
    """Stop, pause and step requests from another thread, checked by the trainer between batches.

    While paused, `step()` lets exactly one more minibatch run and `step_epoch()` the rest of the
    current epoch (its test evaluation included); the trainer says where it is with `next_batch`.
    Every wait here is on one condition variable, so a stop, a pause, a step or a change of pace
    wakes the training thread at once."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._stop = False
        self._paused = False
        self._steps_left = 0  # minibatches a step let through while paused
        self._to_epoch_end = False
        self._batch, self._batches = 1, 0  # where the trainer is: the batch about to run
        self._nudges = 0  # counts every request, so a paced wait knows something happened
        self.stepping = False  # the batch about to run was let through by a step
        self._holding = False  # the trainer said it stops at this boundary (see holds_next)

    def _notify(self) -> None:
        self._nudges += 1
        self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self._stop = True  # also wakes a paused trainer so it can see the stop
            self._notify()

    def pause(self) -> None:
        with self._changed:
            self._paused = True
            self._notify()

    def resume(self) -> None:
        with self._changed:
            self._paused, self._steps_left, self._to_epoch_end = False, 0, False
            self._notify()

    def step(self, batches: int = 1) -> None:
        """While paused: run `batches` more minibatches, then stay paused."""
        with self._changed:
            if self._paused:
                self._steps_left += batches
                self._notify()

    def step_epoch(self) -> None:
        """While paused: run to the end of the current epoch (a new one if the last has ended)."""
        with self._changed:
            if self._paused:
                self._to_epoch_end = True
                self._notify()

    def nudge(self) -> None:
        """Wake a paced wait (the pace changed)."""
        with self._changed:
            self._notify()

    def next_batch(self, batch: int, batches: int) -> None:
        """The trainer is about to run `batch` (1-based) of `batches` in this epoch."""
        with self._changed:
            self._batch, self._batches = batch, batches

    @property
    def stopped(self) -> bool:
        return self._stop

    @property
    def paused(self) -> bool:
        return self._paused

    def holds_next(self) -> bool:
        """At the end of a batch, before the trainer says where it is: will the next batch wait?
        Decided once here, so what it says is where it waits; a pause that comes after waits for
        the next batch's end (one more batch, which it then reports)."""
        with self._changed:
            self._holding = (
                self._paused and not self._stop and not self._steps_left and not self._to_epoch_end
            )
            return self._holding

    def _let_through(self) -> bool:
        """Called with the lock held: may the next batch run now? Uses up a step if one lets it."""
        if self._stop or not self._paused:
            self.stepping = False
            return True
        if self._to_epoch_end:
            self._to_epoch_end = self._batch < self._batches  # the epoch's last batch ends it
        elif self._steps_left:
            self._steps_left -= 1
        else:
            return False
        self.stepping = True
        return True

    def wait_while_paused(self) -> float:
        """Block while paused (a step lets one batch through); return the seconds spent waiting so
        epoch timings exclude them."""
        with self._changed:
            holding, self._holding = self._holding, False
            if not self._paused or not (holding or self._steps_left or self._to_epoch_end):
                # Not paused, or paused after holds_next() said "go on": held from the next batch.
                self.stepping = False
                return 0.0
            start = time.perf_counter()
            self._changed.wait_for(self._let_through)
            return time.perf_counter() - start

    def nap(self, seconds: float) -> float:
        """Wait up to `seconds`, less when stopped, paused or nudged meanwhile; the seconds waited."""
        start = time.perf_counter()
        with self._changed:
            nudges = self._nudges
            self._changed.wait_for(
                lambda: self._stop or self._paused or self._nudges != nudges, timeout=max(0.0, seconds)
            )
        return time.perf_counter() - start


class Pacer:
    """Class pace: spreads a run's minibatches over about `seconds` of wall time, however many
    epochs it has, by waiting between minibatches (never inside one: the numbers are the same as at
    full speed). None means full speed. The window may change it while a run trains.

    The waits aim at a steady timetable (due times one interval apart), so the time a step takes
    comes out of its wait, and a short delay (an epoch's test evaluation) is made up by the next
    few minibatches; a run more than CATCH_UP_S behind (a pause, steps) starts a new timetable
    instead of rushing through many minibatches."""

    CATCH_UP_S = 1.0

    def __init__(self, seconds: float | None = None, show_every_s: float = 0.0) -> None:
        self.seconds = seconds
        # The least time between two minibatches shown (MinibatchShown): recording one costs more
        # than the lesson's step itself, and a window redraws only so often. 0: every one.
        self.show_every_s = show_every_s
        self.total_batches = 1
        self._due: float | None = None
        self._shown_at = -math.inf

    @property
    def active(self) -> bool:
        return self.seconds is not None and self.seconds > 0

    def start(self, total_batches: int) -> None:
        """A run of `total_batches` minibatches (epochs × batches per epoch) begins."""
        self.total_batches, self._due = max(1, total_batches), None

    def show_now(self) -> bool:
        """Whether the minibatch about to run is to be shown (at most one per show_every_s)."""
        now = time.monotonic()
        if now - self._shown_at < self.show_every_s:
            return False
        self._shown_at = now
        return True

    def set_seconds(self, seconds: float | None, control: TrainControl | None = None) -> None:
        self.seconds, self._due = seconds, None
        if control is not None:
            control.nudge()  # a long wait at the old pace ends now

    def wait(self, control: TrainControl) -> float:
        """After a minibatch: wait for its due time; return the seconds waited."""
        seconds = self.seconds
        if seconds is None or seconds <= 0:
            return 0.0
        interval = seconds / self.total_batches
        now = time.monotonic()
        if self._due is None or self._due < now - self.CATCH_UP_S:
            self._due = now
        self._due += interval
        return control.nap(self._due - now)
