"""The app's one way to run work off the GUI thread: a function or generator in its own QThread.

Loading torch and the data, training, opening files, Browse's predictions and the calibration all
run through `BackgroundJob`. It is Qt's standard wiring (as superqt's `new_worker_qthread` does it):
a worker QObject moved to a fresh QThread, the thread's `started` runs it, its end quits the thread,
worker and job go with deleteLater, the thread with its last reference. The work is handled as
superqt's GeneratorWorker handles it: a generator's values arrive one by one and a stop request is
seen at every yield.
superqt's workers themselves run on the global QThreadPool, sized to the core count (two here),
where a training run and a Browse prediction would leave a file being opened queued behind them,
and a stopped generator is not closed in its own thread (training frees its memory there).

- If the work returns a generator, every value it yields reaches the GUI thread as `yielded`, and
  the stop flag is checked at every yield: a stopped generator is closed there (its `finally`
  blocks run in the job's thread), nothing more is delivered. Its `return` value (or a plain
  function's result) arrives as `returned`; an exception as `failed` (text for the log).
- Everybody connects to the job's signals; their slots run in the GUI thread. `finished` comes
  last, once the thread has ended and everything it sent has been delivered.
- Qt aborts the process when a QThread object is destroyed while its thread runs. So a started job
  is held here until its thread has ended, whoever drops it, and at interpreter exit the jobs still
  running are stopped and waited for before PySide's clean-up destroys Qt objects. The waits are
  short because every long piece of work looks at its stop flag often: between batches and
  evaluation chunks (training), prediction chunks (Browse, calibration), after `import torch`.
"""

from __future__ import annotations

import atexit
import inspect
import threading
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

# Jobs whose thread has started and not yet ended: the only strong reference some have.
_live_jobs: set[BackgroundJob] = set()


def running_threads() -> list[QThread]:
    """Threads started by a BackgroundJob that are still running."""
    threads = [job.worker_thread for job in list(_live_jobs)]
    return [thread for thread in threads if thread is not None and thread.isRunning()]


def _stop_and_wait_for_all() -> None:
    """At interpreter exit: stop every running job and let its thread end, before PySide's own
    clean-up (registered when PySide6 was imported, so it runs after this) destroys the QThreads."""
    jobs = list(_live_jobs)
    for job in jobs:
        job.request_stop()
    for job in jobs:
        if job.worker_thread is not None:
            job.worker_thread.wait()


atexit.register(_stop_and_wait_for_all)


class _Worker(QObject):
    """Lives in the job's thread while `run`, its only slot, runs the work once; then it goes back to
    the GUI thread, where it is freed.

    Why not deleteLater in the job's thread: a Python-made QObject's destructor holds Qt's
    connection lock while it asks Python (for overridden methods) and so waits for the GIL; a GUI
    thread that holds the GIL and connects a signal behind the same lock then waits for it: both
    stopped for good (seen in the suite, opening an image on the Draw tab)."""

    yielded = Signal(object)
    returned = Signal(object)
    failed = Signal(str)
    done = Signal()  # run() has returned, whatever the outcome

    def __init__(self, work: Callable[[], Any], stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    @Slot()
    def run(self) -> None:
        try:
            result = self._work()
            if inspect.isgenerator(result):
                finished, result = self._drain(result)
                if not finished:
                    return
            if not self._stop.is_set():
                self.returned.emit(result)
        except Exception as error:  # shown to the user as text; the window keeps working
            if not self._stop.is_set():
                self.failed.emit(f"{type(error).__name__}: {error}")
        finally:
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.done.emit()

    def _drain(self, generator: Generator[Any, None, Any]) -> tuple[bool, Any]:
        """(True, return value) when the generator ran out; (False, None) when it was stopped."""
        try:
            while True:
                if self._stop.is_set():
                    generator.close()
                    return False, None
                value = next(generator)
                if self._stop.is_set():  # computed for a job nobody wants any more
                    generator.close()
                    return False, None
                self.yielded.emit(value)
        except StopIteration as end:
            return True, end.value


class BackgroundJob(QObject):
    """One piece of background work; make it in the GUI thread, connect, then `start()`.

    Signals (all emitted in the thread that made the job):
    `yielded(value)` per value of a generator, `returned(value)`, `failed(text)`,
    `finished()` last (always, unless `shutdown` came first). A stopped job emits neither
    `returned` nor `failed`.
    A job runs once, then deletes itself (deleteLater) after `finished` or a `shutdown`.
    """

    started = Signal()
    yielded = Signal(object)
    returned = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[], Any], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._name = name
        self._thread: QThread | None = QThread()
        self._thread.setObjectName(name)
        self._worker: _Worker | None = _Worker(work, self._stop)
        self._worker.moveToThread(self._thread)
        self._state = "new"  # new → running → ended
        self._quiet = False  # finished is not sent: it was sent, or the owner shut the job down
        queued = Qt.ConnectionType.QueuedConnection
        self._thread.started.connect(self._worker.run)
        # Direct: quit from inside the thread itself, so the thread ends even while the GUI thread
        # is blocked in wait() and could not deliver a queued quit.
        self._worker.done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.yielded.connect(self.yielded, queued)
        self._worker.returned.connect(self.returned, queued)
        self._worker.failed.connect(self.failed, queued)
        # Queued behind everything the worker sent, from the same thread: so `finished` is last.
        self._thread.finished.connect(self._on_thread_finished, queued)

    @property
    def name(self) -> str:
        return self._name

    @property
    def worker_thread(self) -> QThread | None:
        """The job's thread until it has ended and been let go of; then None. (Not `thread`:
        QObject.thread() is the thread the job itself lives in, the GUI thread.)"""
        return self._thread

    def start(self) -> None:
        if self._state != "new":
            raise RuntimeError(f"background job {self._name!r} was already started")
        self._state = "running"
        _live_jobs.add(self)
        self.started.emit()
        assert self._thread is not None
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the work to end at its next yield; nothing it produces from now on is delivered."""
        self._stop.set()

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def is_running(self) -> bool:
        """Started and its thread not yet over (results may still be on their way otherwise)."""
        return self._state == "running" and self._thread is not None and self._thread.isRunning()

    def is_finished(self) -> bool:
        return self._state == "ended"

    def wait(self, timeout_ms: int) -> bool:
        """Block until the thread has ended (True) or `timeout_ms` passed (False)."""
        if self._thread is None or self._state == "new":
            return True
        return bool(self._thread.wait(max(0, int(timeout_ms))))

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop, wait up to `timeout_ms`, and send nothing more; True when the thread ended in time.

        On a timeout the job stays held here until its thread ends (or the interpreter exits, see
        the module docstring): nothing ever destroys a running thread."""
        self.request_stop()
        self._quiet = True
        if not self.wait(timeout_ms):
            return False
        self._release()
        self.deleteLater()  # a stopped job sends nothing more; its queued messages go with it
        return True

    @Slot()
    def _on_thread_finished(self) -> None:
        self.wait(10_000)  # finished() is sent just before the thread's last instructions
        self._release()
        if not self._quiet:
            self._quiet = True
            self.finished.emit()
        # Not `del` from inside its own slot: Qt frees it once this event is over, which also drops
        # every connection, so callables that captured the job no longer keep it alive.
        self.deleteLater()

    def _release(self) -> None:
        """The thread is over: drop it and the worker, which are freed here, in the GUI thread."""
        if self._state == "ended":
            return
        self._state = "ended"
        _live_jobs.discard(self)
        self._worker = None
        self._thread = None
