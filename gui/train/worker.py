"""Runs core.trainer.Trainer in a background job and hands the GUI throttled, plain-data updates.

The trainer can produce thousands of batch events a second; redrawing for each would starve the
GUI thread and slow training. So `training_updates` coalesces them: at most ~12 batch updates a
second (each carrying every batch loss since the previous one, so the faint raw curve misses
nothing), every epoch event and the final RunEnded at once, and CPU copies of the weights a few
times a second plus at every epoch's end. Stop and pause travel through core.train_events.TrainControl,
never through queued slots: the training thread is busy in its loop and would not see them.
At class pace the trainer also sends MinibatchShown (the minibatch just taken): the newest is passed
on with the batch updates, at most as often; one taken by a step while paused at once, with the
weights it left, so a step shows on every tab.
The thread itself is a gui.background.BackgroundJob, like every other piece of background work.
When a run ends, its trainer is dropped in its thread and the memory it freed goes back to the
system there (gui/freed_memory.py), off the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

from gui import background
from gui.freed_memory import return_freed_memory

# ~12 redraws a second still look continuous for growing curves and progress bars. On two cores
# every redraw is time both training threads wait for: against 20 a second, the window's share
# of the CLI's speed rose by about 5 points on a quiet machine and 13 under load
# (benchmarks/gui_throughput.py, medians of 5 rounds).
BATCH_UPDATE_INTERVAL_S = 0.08
# The Weights tab's templates should move at least 5 times a second while a run trains; hidden
# tabs only mark themselves stale on a publish, so the visible one sets the cost.
WEIGHTS_PUBLISH_INTERVAL_S = 0.18


@dataclass(frozen=True)
class BatchUpdate:
    """What the GUI gets at most ~12 times a second."""

    latest: Any  # the newest core.train_events.BatchEvent
    points: tuple[tuple[float, float], ...]  # (progress in epochs, batch loss) since the last update


@dataclass(frozen=True)
class WeightsUpdate:
    """CPU copies of the weights being trained, safe to read in the GUI thread."""

    state_dict: dict[str, Any]


def training_updates(make_trainer: Callable[[], Any]) -> Iterator[Any]:
    """Runs in the training thread: the trainer's events, throttled, as BatchUpdate, WeightsUpdate,
    core.train_events.EpochEvent and core.train_events.RunEnded values.

    `make_trainer` builds the core Trainer here, in the training thread (building a model and
    moving data to the device are too slow for the GUI thread); tests can hand in a fake.
    """
    from core.parallelism import training_thread

    # Every core for the trainer, and no other thread with a torch pool meanwhile: see
    # core/parallelism.py for why a second pool halves training speed here.
    with training_thread():
        trainer = make_trainer()
        try:
            yield from _throttled(trainer)
        finally:  # ended, stopped (closed at a yield) or failed
            # The trainer, its model and its copies of the data are freed now; their pages go back.
            del trainer
            return_freed_memory()


def _throttled(trainer: Any) -> Iterator[Any]:
    from core.device import cpu_state_dict
    from core.train_events import BatchEvent, EpochEvent, MinibatchShown, RunEnded

    pending: list[tuple[float, float]] = []
    latest = None
    last_emit = last_shown = float("-inf")  # the first of each goes out at once
    last_publish = time.monotonic()
    for event in trainer.run():
        if isinstance(event, MinibatchShown):
            now = time.monotonic()
            if not event.stepped and now - last_shown < BATCH_UPDATE_INTERVAL_S:
                continue  # a class can't look at more; the curves still get every batch
            if pending and latest is not None:
                yield BatchUpdate(latest, tuple(pending))  # the curves reach the batch shown
                pending, last_emit = [], now
            if event.stepped:
                yield WeightsUpdate(cpu_state_dict(trainer.model))
                last_publish = now
            yield event
            last_shown = now
            continue
        if isinstance(event, BatchEvent):
            pending.append((event.progress, event.batch_loss))
            latest = event
            now = time.monotonic()
            if now - last_emit >= BATCH_UPDATE_INTERVAL_S:
                yield BatchUpdate(latest, tuple(pending))
                pending, last_emit = [], now
            if now - last_publish >= WEIGHTS_PUBLISH_INTERVAL_S:
                # Safe between events: the trainer does not touch the model while we hold it.
                yield WeightsUpdate(cpu_state_dict(trainer.model))
                last_publish = now
            continue
        if pending and latest is not None:
            yield BatchUpdate(latest, tuple(pending))
            pending = []
        if isinstance(event, EpochEvent):
            yield WeightsUpdate(cpu_state_dict(trainer.model))
            last_publish = time.monotonic()
            yield event
        elif isinstance(event, RunEnded):
            # After a divergence the trainer has restored the last good weights: publish them.
            yield WeightsUpdate(cpu_state_dict(trainer.model))
            yield event


class TrainingJob(QObject):
    """One training run in its own thread; its signals arrive in the GUI thread.

    The owner connects to the signals and calls `start()`. `shutdown()` stops the run and waits
    for the thread, for closing the window. Once the run has ended the job holds nothing: the
    trainer, its model and the weights it started from go with the thread (`finished`).
    """

    batch_update = Signal(object)  # BatchUpdate
    epoch_ended = Signal(object)  # core.train_events.EpochEvent
    run_ended = Signal(object)  # core.train_events.RunEnded
    weights_ready = Signal(object)  # dict[str, Tensor], CPU copies
    minibatch_shown = Signal(object)  # core.train_events.MinibatchShown, at class pace or on a step
    failed = Signal(str)  # an unexpected error, as text for the log
    finished = Signal()  # the thread has ended and everything it sent has been delivered

    def __init__(self, make_trainer: Callable[[], Any], control: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self._job: background.BackgroundJob | None = background.BackgroundJob(
            lambda: training_updates(make_trainer), "fmp-training"
        )
        self._job.yielded.connect(self._dispatch)
        self._job.failed.connect(self.failed)
        self._job.finished.connect(self._on_finished)
        self._done = False

    @property
    def thread(self) -> QThread | None:
        """The training thread while it runs; None once it has ended."""
        return None if self._job is None else self._job.worker_thread

    def start(self) -> None:
        assert self._job is not None
        self._job.start()

    def is_running(self) -> bool:
        return not self._done and self._job is not None and self._job.is_running()

    def _dispatch(self, value: Any) -> None:
        from core.train_events import EpochEvent, MinibatchShown, RunEnded

        if isinstance(value, BatchUpdate):
            self.batch_update.emit(value)
        elif isinstance(value, WeightsUpdate):
            self.weights_ready.emit(value.state_dict)
        elif isinstance(value, EpochEvent):
            self.epoch_ended.emit(value)
        elif isinstance(value, RunEnded):
            self.run_ended.emit(value)
        elif isinstance(value, MinibatchShown):
            self.minibatch_shown.emit(value)

    def _on_finished(self) -> None:
        self._done = True
        self._job = None  # the BackgroundJob deletes itself; nothing of the run stays reachable
        self.finished.emit()
        self.deleteLater()  # parented to its panel: without this each run's job would stay a child

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the run and wait for its thread; True when it ended in time.

        The trainer looks at its stop flag between batches and evaluation chunks, so the wait is
        short; a thread that outlives it is still never destroyed while it runs (gui.background)."""
        self.control.stop()
        job, self._job = self._job, None
        if shiboken6.isValid(self):
            self.deleteLater()  # the owner drops it now; `finished` will not come after a shutdown
        if self._done or job is None:
            return True
        self._done = True
        return job.shutdown(timeout_ms)
