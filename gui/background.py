"""The app's one way to run work off the GUI thread: a function or generator in its own QThread.

Loading torch and the data, training, and Browse's predictions all run through `BackgroundJob`
(the idea of superqt's GeneratorWorker, written for this app's needs):
- the work is a plain callable. If it returns a generator, every value it yields reaches the GUI
  thread as `yielded`, and the stop flag is checked at every yield: a stopped generator is closed
  there (its `finally` blocks run), nothing more is delivered. Its `return` value (or a plain
  function's result) arrives as `returned`; an exception as `failed` (text for the log).
- the job object lives in the thread that made it (the GUI thread); a worker QObject moved to a
  fresh QThread runs the work and its signals reach the job queued, so everybody connects to the
  job's signals and their slots run in the GUI thread. `finished` always comes last, once the
  thread has ended and everything it sent has been delivered.
- Qt must never destroy a QThread that still runs ("QThread: Destroyed while thread is still
  running" aborts the process). So a running job is held by this module until its thread ends,
  whoever drops it; and `shutdown(timeout)` that runs out of time leaves the thread running and
  holds its objects for the rest of the process instead of aborting: the process exit ends it.
- `running_threads()` lists the threads still running, for the tests' leak checks and for closing.
"""

from __future__ import annotations

import atexit
import ctypes
import inspect
import os
import sys
import threading
from collections.abc import Callable, Generator
from typing import Any, NoReturn

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

# Jobs whose thread has started and not yet been joined: the only strong reference some have.
_live_jobs: set[BackgroundJob] = set()
# Jobs given up on by a timed-out shutdown: kept forever, see BackgroundJob.shutdown.
_abandoned: list[BackgroundJob] = []


def running_threads() -> list[QThread]:
    """Threads started by a BackgroundJob that are still running."""
    return [job._thread for job in list(_live_jobs) if job._thread is not None and job.is_running()]


def shutdown_all(timeout_ms: int = 2000) -> bool:
    """Stop every running job and wait for them together; True when all ended in time."""
    jobs = list(_live_jobs)
    for job in jobs:
        job.request_stop()
    return all([job.shutdown(timeout_ms) for job in jobs])


class _Worker(QObject):
    """Lives in the job's thread; `run` is its only slot and runs the work once."""

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
        self._finished_sent = False
        queued = Qt.ConnectionType.QueuedConnection
        self._thread.started.connect(self._worker.run)
        # Direct: quit from inside the thread itself, so the thread ends even while the GUI thread
        # is blocked in wait() and could not deliver a queued quit.
        self._worker.done.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.done.connect(self._worker.deleteLater, Qt.ConnectionType.DirectConnection)
        self._worker.yielded.connect(self.yielded, queued)
        self._worker.returned.connect(self.returned, queued)
        self._worker.failed.connect(self.failed, queued)
        # Queued behind everything the worker sent, from the same thread: so `finished` is last.
        self._thread.finished.connect(self._on_thread_finished, queued)

    @property
    def name(self) -> str:
        return self._name

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
        thread = self._thread
        return self._state == "running" and thread is not None and shiboken6.isValid(thread) and (
            thread.isRunning()
        )

    def is_finished(self) -> bool:
        return self._state == "ended"

    def wait(self, timeout_ms: int) -> bool:
        """Block until the thread has ended (True) or `timeout_ms` passed (False)."""
        thread = self._thread
        if thread is None or not shiboken6.isValid(thread) or self._state == "new":
            return True
        return bool(thread.wait(max(0, int(timeout_ms))))

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop, wait up to `timeout_ms`, and forget the job; True when its thread ended in time.

        On a timeout the thread is left to run and its objects are kept for the rest of the
        process, so neither Qt nor Python's clean-up ever destroys a running QThread: closing the
        window then never aborts, and the process exit ends the thread."""
        self.request_stop()
        if self.wait(timeout_ms):
            self._release()
            self.deleteLater()  # a stopped job sends nothing more; its queued messages go with it
            return True
        _abandon(self)
        return False

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._finished_sent:
            return
        self.wait(10_000)  # finished() is sent just before the thread's last instructions
        self._release()
        self._finished_sent = True
        self.finished.emit()
        # Not `del` from inside its own slot: Qt frees it once this event is over, which also drops
        # every connection, so callables that captured the job no longer keep it alive.
        self.deleteLater()

    def _release(self) -> None:
        """The thread is over: drop it and the worker (deleteLater already ran in the thread)."""
        if self._state == "ended":
            return
        self._state = "ended"
        _live_jobs.discard(self)
        self._worker = None
        self._thread = None


def _abandon(job: BackgroundJob) -> None:
    """Keep a still-running job's objects alive until the process ends, whatever else happens.

    A list alone is not enough: at interpreter exit module globals are cleared (one extra
    reference that nobody releases covers that), and then PySide deletes every QObject Python
    owns, a running QThread too, which aborts. `_exit_past_running_threads` prevents the latter."""
    if job in _abandoned:
        return
    if not _abandoned:
        _record_exit_code()
        atexit.register(_exit_past_running_threads)
    _abandoned.append(job)
    for held in (job, job._thread, job._worker):
        if held is not None:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(held))


_exit_code: list[Any] = [0]


def _record_exit_code() -> None:
    """Remember the code handed to sys.exit, which atexit handlers cannot otherwise see."""
    original = sys.exit

    def recording_exit(code: Any = 0) -> None:
        _exit_code[0] = code
        original(code)

    sys.exit = recording_exit


def _exit_past_running_threads() -> None:
    """At interpreter exit, while an abandoned thread still runs: end the process here, before
    PySide's clean-up would destroy that QThread and abort ("Destroyed while thread is still
    running", exit 134). Everything the app does at close (settings, files) is done by now; the
    operating system ends the thread. Runs before PySide's handler: atexit is last in, first out."""
    if not any(job._thread is not None and job.is_running() for job in _abandoned):
        return  # they all ended meanwhile: a normal exit is safe
    code = _exit_code[0]
    if getattr(sys, "last_value", None) is not None:  # an uncaught exception was reported
        code = 1
    elif not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    end_process(code)


def end_process(code: int) -> NoReturn:
    """Flush what was printed and end the process now, past Python's teardown and PySide's."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # a closed pipe must not turn a clean exit into a traceback
            pass
    os._exit(code)
