"""Predicting a whole split off the GUI thread, so a CNN on 60,000 images never freezes the window.

One `PredictionRunner` per Browse tab. Each request names a *data key* (which dataset and split)
and a predictor. The rules, after Orange3's ConcurrentMixin but tuned for live training:
- a request for different data cancels the running job: its answer would be useless;
- a request for the same data with newer weights waits until the running job ends, then runs
  with the newest weights only. Older-weight answers are still shown in the meantime, so a slow
  model being retrained every few seconds refreshes at the speed it can, instead of never;
- between two such runs it rests (by default as long as the last one took), so refreshing a CNN
  while it trains takes at most half of the CPU from the trainer.
Each job is a gui.background.BackgroundJob running core.batching.predict_in_chunks, which checks
the stop flag between chunks. Only plain numpy arrays cross the thread boundary, via queued signals.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from core.batching import predict_in_chunks
from gui.background import BackgroundJob
from gui.freed_memory import return_freed_memory


@dataclass
class _Request:
    data_key: Any
    predictor: Any
    images: np.ndarray


def predict_then_free(predictor: Any, images: np.ndarray) -> Generator[tuple[int, int], None, np.ndarray]:
    """core.batching.predict_in_chunks, then the memory it freed back to the system, in the job's own
    thread (gui/freed_memory.py: each re-prediction otherwise left its thread's heap larger)."""
    try:
        return (yield from predict_in_chunks(predictor, images))
    finally:
        return_freed_memory()


class PredictionRunner(QObject):
    """Runs at most one prediction job at a time and remembers only the newest pending request."""

    started = Signal()
    progress = Signal(int, int)  # done, total
    finished = Signal(object, object, object)  # data_key, predictor, probabilities [N, 10]
    failed = Signal(object, str)  # data_key, message
    idle = Signal()  # nothing running or pending any more

    def __init__(
        self, parent: QObject | None = None, rest_for: Callable[[float], float] = lambda took: took
    ) -> None:
        """`rest_for(seconds the last job took)`: seconds to rest before newer weights on the same data."""
        super().__init__(parent)
        self._rest_for = rest_for
        self._job: BackgroundJob | None = None
        self._running: _Request | None = None
        self._pending: _Request | None = None
        self._closed = False
        self._started_at = 0.0
        self._last_key: Any = None  # data of the last job that ran to the end
        # Rests as long as the last job took before running newer weights on the same data, so a
        # slow model refreshing during training takes at most half the CPU from the trainer.
        self._rest = QTimer(self, singleShot=True)
        self._rest.timeout.connect(self._start_pending)

    def is_busy(self) -> bool:
        return self._running is not None or self._pending is not None

    def request(self, data_key: Any, predictor: Any, images: np.ndarray) -> None:
        """Ask for `predictor`'s probabilities on `images`; see the module docstring for the rules."""
        if self._closed:
            return
        self._pending = _Request(data_key, predictor, images)
        if self._running is not None and self._running.data_key != data_key and self._job is not None:
            self._job.request_stop()
        if self._running is None and not (self._rest.isActive() and data_key == self._last_key):
            self._rest.stop()
            self._start_pending()

    def cancel(self) -> None:
        """Drop the pending request and stop the running one; no result will be reported."""
        self._pending = None
        if self._job is not None:
            self._job.request_stop()

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Stop the job and wait for its thread; the panel calls this when the window closes.

        A chunk takes ~0.3 s, so the job normally ends well within the timeout; if it does not,
        the thread is left to end on its own (gui.background), so closing stays quick and safe."""
        self._closed = True
        self._rest.stop()
        self.cancel()
        job, self._job = self._job, None
        if job is not None:
            job.shutdown(timeout_ms)  # on a timeout the job is kept running, never destroyed
        self._running = None

    def _start_pending(self) -> None:
        request, self._pending = self._pending, None
        if request is None or self._closed:
            self.idle.emit()
            return
        self._running = request
        self._started_at = time.perf_counter()
        job = BackgroundJob(partial(predict_then_free, request.predictor, request.images), "browse-predict")
        # Each job's messages name it, so a stopped job's late messages are told from the current one's.
        job.yielded.connect(partial(self._on_progress, job))
        job.returned.connect(partial(self._on_succeeded, job))
        job.failed.connect(partial(self._on_failed, job))
        job.finished.connect(partial(self._on_ended, job))
        self._job = job
        self.started.emit()
        job.start()

    def _is_current(self, job: BackgroundJob) -> bool:
        return job is self._job and not job.stop_requested() and not self._closed

    def _on_progress(self, job: BackgroundJob, done_total: tuple[int, int]) -> None:
        if self._is_current(job):
            self.progress.emit(*done_total)

    def _on_succeeded(self, job: BackgroundJob, probs: np.ndarray) -> None:
        if self._is_current(job) and self._running is not None:
            self.finished.emit(self._running.data_key, self._running.predictor, probs)

    def _on_failed(self, job: BackgroundJob, message: str) -> None:
        if self._is_current(job) and self._running is not None:
            self.failed.emit(self._running.data_key, message)

    def _on_ended(self, job: BackgroundJob) -> None:
        if job is not self._job:
            return
        completed = not job.stop_requested()
        finished_key = self._running.data_key if self._running is not None else None
        elapsed = time.perf_counter() - self._started_at
        self._job = None
        self._running = None
        if self._closed:
            return
        if completed:
            self._last_key = finished_key
        if completed and self._pending is not None and self._pending.data_key == finished_key:
            self._rest.start(round(self._rest_for(elapsed) * 1000))
        else:
            self._start_pending()
