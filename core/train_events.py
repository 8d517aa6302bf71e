"""What a training run tells its consumers (immutable events) and how they steer it (TrainControl).

Torch-free and Qt-free: the GUI's worker, the CLI's printer and the tests all speak these."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


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


Event = BatchEvent | EpochEvent | RunEnded


class TrainControl:
    """Stop and pause requests from another thread, checked by the trainer between batches."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()  # cleared while paused
        self._running.set()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()  # wake a paused trainer so it can see the stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> float:
        """Block while paused; return the seconds spent waiting so epoch timings exclude them."""
        if self._running.is_set():
            return 0.0
        start = time.perf_counter()
        while not self._running.wait(timeout=0.1):
            pass
        return time.perf_counter() - start
