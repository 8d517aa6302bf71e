"""The class server as the window runs it: started and stopped off the GUI thread, the students'
drawings handed over to the GUI thread through a queued signal.

The window serves the class from a process of its own (core.class_server.ClassServerProcess, a
real ClassServer in a child): in the window's process, the server's Python work took the GIL from
the GUI thread often enough to freeze the projector for a fifth of a second with sixty phones.
Starting the child (it imports torch and aiohttp), stopping it and sending it a new model each
take a moment, so they run as gui.background jobs; `on_submission` is called in the thread that
reads the child and only emits a signal whose connection is queued, so every slot that sees a
drawing runs in the GUI thread. A child that ends on its own is said like a refused start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from gui.background import BackgroundJob
from gui.classroom.drawings import make_thumbnail

STOPPED, STARTING, RUNNING, STOPPING = "stopped", "starting", "running", "stopping"


@dataclass(frozen=True)
class _Refused:
    error: Exception  # a core.errors.CodedError (port in use, no such address…)


def default_server_factory(**options: Any) -> Any:
    """core's server in a child process; imported here, in the start job's thread (aiohttp and
    the child's messages take a moment to import)."""
    from core.class_server.process import ClassServerProcess

    return ClassServerProcess(**options)


def thread_server_factory(**options: Any) -> Any:
    """core's server in a thread of the window's process (for comparison: benchmarks)."""
    from core.class_server import ClassServer

    options.pop("on_exit", None)
    return ClassServer(**options)


def _start(factory: Callable[..., Any], options: dict[str, Any], made: list[Any]) -> Any:
    """The listening server, or _Refused with core's reason."""
    from core.errors import CodedError

    server = factory(**options)
    made.append(server)  # so a window closing meanwhile can stop it
    try:
        server.start()
    except CodedError as error:
        return _Refused(error)
    except OSError as error:  # a cause core did not name: still one line, never a traceback
        return _Refused(error)
    return server


class ServerControl(QObject):
    """Start, stop and moderate one class server at a time.

    Signals, all in the GUI thread: `state_changed(state)` (STOPPED, STARTING, RUNNING, STOPPING),
    `invited(server)` once the server listens, `refused(error)` when it could not start (a
    CodedError or OSError), `arrived(server, submission, thumbnail)` for every drawing a student
    sends (the server that received it: after a Stop and a new invitation, an older drawing is
    still hidden or approved by the server that has it; its picture, made in the server's thread)."""

    state_changed = Signal(str)
    invited = Signal(object)
    refused = Signal(object)
    arrived = Signal(object, object, object)
    _from_server_thread = Signal(object, object, object)
    _ended_in_server_thread = Signal(object, object)

    def __init__(self, factory: Callable[..., Any] = default_server_factory, parent: QObject | None = None):
        super().__init__(parent)
        self._factory = factory
        self._state = STOPPED
        self._server: Any = None  # the running server; kept after Stop for moderation
        self._made: list[Any] = []  # servers a start job made, running or not
        self._job: BackgroundJob | None = None
        self._model_job: BackgroundJob | None = None
        self._model_again = False
        self._from_server_thread.connect(self.arrived, Qt.ConnectionType.QueuedConnection)
        self._ended_in_server_thread.connect(self._server_ended, Qt.ConnectionType.QueuedConnection)

    def state(self) -> str:
        return self._state

    def server(self) -> Any:
        """The server last started (None before the first start): hide/approve still work on it
        after Stop, since what it kept is in the sketchbook."""
        return self._server

    def start(self, **options: Any) -> None:
        """ClassServer's keyword arguments except on_submission, which is this object's relay."""
        if self._state != STOPPED:
            return
        made: list[Any] = []
        # made[0] is the server: set before it starts, so before its first drawing.
        options["on_submission"] = lambda submission: self._from_server_thread.emit(
            made[0], submission, make_thumbnail(submission)
        )
        options["on_exit"] = lambda error: self._ended_in_server_thread.emit(made[0], error)
        self._made = made
        job = BackgroundJob(lambda: _start(self._factory, options, made), "fmp-class-server-start", self)
        job.returned.connect(self._on_start_returned)
        job.failed.connect(lambda text: self._on_start_returned(_Refused(RuntimeError(text))))
        self._run(job, STARTING)

    def stop(self) -> None:
        if self._state != RUNNING or self._server is None:
            return
        job = BackgroundJob(self._server.stop, "fmp-class-server-stop", self)
        job.finished.connect(lambda: self._set_state(STOPPED))
        self._run(job, STOPPING)

    def refresh_model(self) -> None:
        """The active model changed: the serving child gets it (its predictor_source is read again),
        one sending at a time; a change meanwhile is sent after."""
        server = self._server
        if self._state != RUNNING or server is None or not hasattr(server, "refresh_model"):
            return  # a start in progress reads the model itself, then refreshes (_on_start_returned)
        if self._model_job is not None:
            self._model_again = True
            return
        self._model_again = False
        job = BackgroundJob(server.refresh_model, "fmp-class-server-model", self)
        job.finished.connect(lambda: self._model_sent(job))
        self._model_job = job
        job.start()

    def model_pending(self) -> bool:
        """True while a new model is on its way to the server."""
        return self._model_job is not None or self._model_again

    def _model_sent(self, job: BackgroundJob) -> None:
        if self._model_job is job:
            self._model_job = None
            if self._model_again:
                self.refresh_model()

    def shutdown(self, timeout_ms: int) -> None:
        """The window closes: let a start or stop in progress end, then stop what is still serving."""
        job, self._job = self._job, None
        if job is not None:
            job.shutdown(timeout_ms)  # if it does not end in time it is left to end on its own
        model_job, self._model_job = self._model_job, None
        self._model_again = False
        if model_job is not None:
            model_job.shutdown(timeout_ms)
        for server in self._made:
            server.stop()  # idempotent: returns at once for a server that never started or stopped
        self._made = []
        self._set_state(STOPPED)

    def _run(self, job: BackgroundJob, state: str) -> None:
        self._job = job
        job.finished.connect(lambda: self._forget(job))
        self._set_state(state)
        job.start()

    def _forget(self, job: BackgroundJob) -> None:
        if self._job is job:
            self._job = None

    def _on_start_returned(self, outcome: Any) -> None:
        if isinstance(outcome, _Refused):
            self._set_state(STOPPED)
            self.refused.emit(outcome.error)
            return
        if not getattr(outcome, "running", True):  # its child ended before we heard it listens
            outcome.stop()  # quick: only collects what the ended child left
            self._on_start_returned(_Refused(_ended_error()))
            return
        self._server = outcome
        self._set_state(RUNNING)
        self.invited.emit(outcome)
        self.refresh_model()  # the model may have changed while it started

    def _server_ended(self, server: Any, error: Exception) -> None:
        """The serving child ended without being asked (killed, crashed): stopped, and said why."""
        if server is not self._server or self._state != RUNNING:
            return
        server.stop()  # already ended: only collects what it left (quick)
        self._set_state(STOPPED)
        self.refused.emit(error)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)


def _ended_error() -> Exception:
    from core.class_server import ClassServerError

    return ClassServerError("class_server.ended", why="it ended as it started")
