"""Predicting a whole split off the GUI thread, so a CNN on 60,000 images never freezes the window.

One `PredictionRunner` per Browse tab. Each request names a *data key* (which dataset and split)
and a predictor. The rules, after Orange3's ConcurrentMixin but tuned for live training:
- a request for different data cancels the running job: its answer would be useless;
- a request for the same data with newer weights waits until the running job ends, then runs
  with the newest weights only. Older-weight answers are still shown in the meantime, so a slow
  model being retrained every few seconds refreshes at the speed it can, instead of never;
- between two such runs it rests as long as the last one took, so refreshing a CNN while it
  trains takes at most half of the CPU from the trainer.
Only plain numpy arrays cross the thread boundary, via queued signals.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

# Chunks are sized by time, not count: each call into the model should take about this long, so
# cancelling and progress react within a fraction of a second even for the CNN, while softmax
# (microseconds per image) does a split in one or two calls. On a loaded 2-core machine every
# call into torch costs tens of ms of thread hand-off, so many small chunks made softmax 3-4x slower.
TARGET_CHUNK_SECONDS = 0.3
FIRST_CHUNK = 2000  # a probe that measures an unknown model's speed on this machine
# Linear models need ~2 µs per image: probing them costs a whole extra call, so skip the probe.
FIRST_CHUNK_BY_MODEL = {"softmax-scratch": 10_000, "softmax": 10_000}
MIN_CHUNK = 100
# The float32 copy of a chunk is 3 kB per image: 10,000 images keep it near 30 MB.
MAX_CHUNK = 10_000


def iter_probabilities(
    probabilities: Callable[[np.ndarray], np.ndarray],
    images: np.ndarray,
    chunk_size: int | None = None,
    first_chunk: int = FIRST_CHUNK,
) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (images done so far, probabilities of this chunk); the caller may stop at any yield.

    `chunk_size` None: time-sized chunks (see TARGET_CHUNK_SECONDS); an int: fixed chunks.
    """
    total = len(images)
    start = 0
    size = chunk_size or first_chunk
    while start < total:
        began = time.perf_counter()
        batch = images[start : start + size]
        chunk = np.asarray(probabilities(batch), dtype=np.float32)
        elapsed = time.perf_counter() - began
        if chunk.shape[0] != len(batch):  # would otherwise loop forever or misalign rows
            raise ValueError(f"the model answered {chunk.shape[0]} rows for {len(batch)} images")
        start += len(chunk)
        yield start, chunk
        if chunk_size is None and len(chunk):
            per_image = max(elapsed / len(chunk), 1e-9)
            size = min(MAX_CHUNK, max(MIN_CHUNK, int(TARGET_CHUNK_SECONDS / per_image)))


def predict_all(
    probabilities: Callable[[np.ndarray], np.ndarray],
    images: np.ndarray,
    chunk_size: int | None = None,
    first_chunk: int = FIRST_CHUNK,
) -> np.ndarray:
    """The same chunked path as the background job, run to the end (benchmarks, small models)."""
    parts = [chunk for _, chunk in iter_probabilities(probabilities, images, chunk_size, first_chunk)]
    return np.concatenate(parts) if parts else np.zeros((0, 10), dtype=np.float32)


def first_chunk_for(predictor: Any) -> int:
    """How many images to send in the first call, from the predictor's model name if it has one."""
    return FIRST_CHUNK_BY_MODEL.get(getattr(predictor, "model_name", ""), FIRST_CHUNK)


@dataclass
class _Request:
    data_key: Any
    predictor: Any
    images: np.ndarray


class _PredictWorker(QObject):
    """Lives in its own QThread for one job; checks the cancel flag between chunks.

    Every signal carries the job number, so the runner (in the GUI thread, reached through
    queued connections to its own methods) can tell a stale job's messages from the current one's.
    """

    progress = Signal(int, int, int)  # job, done, total
    succeeded = Signal(int, object)  # job, probabilities float32 [N, 10]
    failed = Signal(int, str)  # job, message
    ended = Signal(int)  # job

    def __init__(self, job: int, request: _Request, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._request = request
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        images = self._request.images
        try:
            from core.parallelism import side_work_threads_here

            side_work_threads_here()  # one core while a run trains, so the trainer keeps its speed
            parts = []
            predictor = self._request.predictor
            first = first_chunk_for(predictor)
            for done, chunk in iter_probabilities(predictor.probabilities, images, first_chunk=first):
                if self._cancel.is_set():
                    return
                parts.append(chunk)
                self.progress.emit(self._job, done, len(images))
            if not self._cancel.is_set():
                result = np.concatenate(parts) if parts else np.zeros((0, 10), dtype=np.float32)
                self.succeeded.emit(self._job, result)
        except Exception as error:  # a broken model must show a message, not kill the thread
            if not self._cancel.is_set():
                self.failed.emit(self._job, f"{type(error).__name__}: {error}")
        finally:
            self.ended.emit(self._job)


class PredictionRunner(QObject):
    """Runs at most one prediction job at a time and remembers only the newest pending request."""

    started = Signal()
    progress = Signal(int, int)  # done, total
    finished = Signal(object, object, object)  # data_key, predictor, probabilities [N, 10]
    failed = Signal(object, str)  # data_key, message
    idle = Signal()  # nothing running or pending any more

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _PredictWorker | None = None
        self._cancel = threading.Event()
        self._job = 0
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
        if self._running is not None and self._running.data_key != data_key:
            self._cancel.set()
        if self._running is None and not (self._rest.isActive() and data_key == self._last_key):
            self._rest.stop()
            self._start_pending()

    def cancel(self) -> None:
        """Drop the pending request and stop the running one; no result will be reported."""
        self._pending = None
        self._cancel.set()

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Stop and join the thread; the panel calls this when the window closes."""
        self._closed = True
        self._rest.stop()
        self.cancel()
        self._join_thread(timeout_ms)
        self._running = None

    def _start_pending(self) -> None:
        request, self._pending = self._pending, None
        if request is None or self._closed:
            self.idle.emit()
            return
        self._job += 1
        self._running = request
        self._started_at = time.perf_counter()
        self._cancel = threading.Event()
        thread = QThread()
        thread.setObjectName("browse-predict")
        worker = _PredictWorker(self._job, request, self._cancel)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        worker.ended.connect(self._on_ended)
        self._thread, self._worker = thread, worker
        self.started.emit()
        thread.start()

    def _join_thread(self, timeout_ms: int = 10_000) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait(timeout_ms)
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()

    def _is_current(self, job: int) -> bool:
        return job == self._job and not self._cancel.is_set() and not self._closed

    @Slot(int, int, int)
    def _on_progress(self, job: int, done: int, total: int) -> None:
        if self._is_current(job):
            self.progress.emit(done, total)

    @Slot(int, object)
    def _on_succeeded(self, job: int, probs: np.ndarray) -> None:
        if self._is_current(job) and self._running is not None:
            self.finished.emit(self._running.data_key, self._running.predictor, probs)

    @Slot(int, str)
    def _on_failed(self, job: int, message: str) -> None:
        if self._is_current(job) and self._running is not None:
            self.failed.emit(self._running.data_key, message)

    @Slot(int)
    def _on_ended(self, job: int) -> None:
        # run() has returned, so the thread is only waiting in its event loop: joining is instant.
        if job != self._job:
            return
        completed = not self._cancel.is_set()
        finished_key = self._running.data_key if self._running is not None else None
        elapsed = time.perf_counter() - self._started_at
        self._join_thread()
        self._running = None
        if self._closed:
            return
        if completed:
            self._last_key = finished_key
        if completed and self._pending is not None and self._pending.data_key == finished_key:
            self._rest.start(int(elapsed * 1000))
        else:
            self._start_pending()
