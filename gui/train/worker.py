"""Runs core.trainer.Trainer in a QThread and hands the GUI throttled, plain-data updates.

The trainer can produce thousands of batch events a second; redrawing for each would starve the
GUI thread and slow training. So the worker coalesces them: at most ~12 batch updates a second
(each carrying every batch loss since the previous one, so the faint raw curve misses nothing),
every epoch event and the final RunEnded at once, and CPU copies of the weights a few times a
second plus at every epoch's end. Stop and pause travel through core.trainer.TrainControl, never
through queued slots: the worker's thread is busy in its loop and would not see them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal

# ~12 redraws a second still look continuous for growing curves and progress bars. On two cores
# every redraw is time both training threads wait for: against 20 a second, the window's share
# of the CLI's speed rose by about 5 points on a quiet machine and 13 under load
# (benchmarks/gui_throughput.py, medians of 5 rounds).
BATCH_UPDATE_INTERVAL_S = 0.08
WEIGHTS_PUBLISH_INTERVAL_S = 0.33  # Draw/Browse re-predict on each publish: ~3 a second is plenty

# Threads started by this module, so tests (and the window on close) can check none is left running.
_started_threads: set[QThread] = set()


def running_threads() -> list[QThread]:
    """Training threads that are still running (deleted ones are forgotten)."""
    alive = []
    for thread in list(_started_threads):
        if not shiboken6.isValid(thread):
            _started_threads.discard(thread)
        elif thread.isRunning():
            alive.append(thread)
    return alive


@dataclass(frozen=True)
class BatchUpdate:
    """What the GUI gets at most ~12 times a second."""

    latest: Any  # the newest core.trainer.BatchEvent
    points: tuple[tuple[float, float], ...]  # (progress in epochs, batch loss) since the last update


class TrainWorker(QObject):
    """Lives in the training thread; `run()` is its only slot and loops until the trainer ends.

    `make_trainer` builds the core Trainer inside the training thread (building a model and
    moving data to the device are too slow for the GUI thread); tests can hand in a fake.
    """

    batch_update = Signal(object)  # BatchUpdate
    epoch_ended = Signal(object)  # core.trainer.EpochEvent
    run_ended = Signal(object)  # core.trainer.RunEnded
    weights_ready = Signal(object)  # dict[str, Tensor], CPU copies
    failed = Signal(str)  # an unexpected error, as text for the log
    finished = Signal()  # run() has returned, whatever the outcome

    def __init__(self, make_trainer: Callable[[], Any]) -> None:
        super().__init__()
        self._make_trainer = make_trainer

    def run(self) -> None:
        try:
            from core.parallelism import training_thread

            # Every core for the trainer, and no other thread with a torch pool meanwhile: see
            # core/parallelism.py for why a second pool halves training speed here.
            with training_thread():
                trainer = self._make_trainer()
                self._consume(trainer.run(), trainer)
        except Exception as error:  # shown in the log; the window keeps working
            self.failed.emit(f"{type(error).__name__}: {error}")
        finally:
            self.finished.emit()

    def _consume(self, events: Iterator[Any], trainer: Any) -> None:
        from core.trainer import BatchEvent, EpochEvent, RunEnded, cpu_state_dict

        pending: list[tuple[float, float]] = []
        latest = None
        last_emit = 0.0
        last_publish = time.monotonic()
        for event in events:
            if isinstance(event, BatchEvent):
                pending.append((event.progress, event.batch_loss))
                latest = event
                now = time.monotonic()
                if now - last_emit >= BATCH_UPDATE_INTERVAL_S:
                    self.batch_update.emit(BatchUpdate(latest, tuple(pending)))
                    pending, last_emit = [], now
                if now - last_publish >= WEIGHTS_PUBLISH_INTERVAL_S:
                    # Safe between events: the trainer does not touch the model while we hold it.
                    self.weights_ready.emit(cpu_state_dict(trainer.model))
                    last_publish = now
            else:
                if pending and latest is not None:
                    self.batch_update.emit(BatchUpdate(latest, tuple(pending)))
                    pending = []
                if isinstance(event, EpochEvent):
                    self.weights_ready.emit(cpu_state_dict(trainer.model))
                    last_publish = time.monotonic()
                    self.epoch_ended.emit(event)
                elif isinstance(event, RunEnded):
                    # After a divergence the trainer has restored the last good weights: publish them.
                    self.weights_ready.emit(cpu_state_dict(trainer.model))
                    self.run_ended.emit(event)


class TrainingJob(QObject):
    """One training run: a TrainWorker moved to its own QThread, wired the standard way.

    The owner connects to the worker's signals (queued, since they cross threads) and calls
    `start()`. `shutdown()` stops the run and waits for the thread, for closing the window.
    """

    def __init__(self, make_trainer: Callable[[], Any], control: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self.worker = TrainWorker(make_trainer)
        self.thread = QThread()
        self.thread.setObjectName("fmp-training")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Direct: quit from inside the training thread, so shutdown() never waits on a queued
        # quit that a blocked GUI thread could not deliver.
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.worker.finished.connect(self.worker.deleteLater)
        self.thread.finished.connect(self.thread.deleteLater)
        self.thread.finished.connect(self._forget_thread)
        self._done = False

    def start(self) -> None:
        _started_threads.add(self.thread)
        self.thread.start()

    def is_running(self) -> bool:
        return not self._done and shiboken6.isValid(self.thread) and self.thread.isRunning()

    def _forget_thread(self) -> None:
        self._done = True
        _started_threads.discard(self.thread)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the run and wait for its thread; True when it ended in time."""
        self.control.stop()
        if self._done or not shiboken6.isValid(self.thread):
            return True
        self.thread.quit()
        finished = self.thread.wait(timeout_ms)
        if finished:
            _started_threads.discard(self.thread)
            self._done = True
        return bool(finished)
