"""The class server in a process of its own, as the window runs it.

ClassServerProcess has the public API of ClassServer that the window uses (start, stop, running,
url, url_for, join_code, token, port, set_language, set_hold_for_approval, approve, hide, drain,
qr_svg, qr_png; on_submission) and runs a real ClassServer in `python -m core.class_server.child`.
Served in the window's process, sixty phones' decoding, predicting and aiohttp work took the GIL
from the GUI thread often enough to stall the projector for 150–260 ms on a busy machine; in a
child the window only unpickles each drawing (benchmarks/class_load_window.py).

Why a plain subprocess and not multiprocessing: the "spawn" start method imports the parent's
__main__ again in the child (the window's main.py, or a benchmark script with side effects) and
starts multiprocessing's resource-tracker process besides; a child reading pickled messages on its
stdin needs neither, and it ends when its stdin does, which is also what happens when the window
dies. See child.py for the messages.

One thread here (`class-server-receiver`) reads everything the child says: drawings go to
on_submission, from that thread, as ClassServer calls it from its own; answers to calls wake the
caller, who waits with a bound. When the child ends without being asked, every waiting call
raises ClassServerError("class_server.ended") and on_exit is told (the window says so).

The model crosses as (model name, CPU state dict, label, metrics), sent again by refresh_model()
when predictor_source() returns another object. After stop() the child's moderation state comes
back (its handover), so hiding or approving an older drawing still reaches the sketchbook.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import logging
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.class_server import network
from core.class_server.protocol import Limits
from core.class_server.server import (
    ClassServer,
    ClassServerError,
    Submission,
    page_url,
    token_or_new,
)

if TYPE_CHECKING:
    from core.sketchbook import Sketchbook

log = logging.getLogger(__name__)

CHILD_MODULE = "core.class_server.child"
START_SECONDS = 120.0  # the child imports torch and aiohttp; on a busy 2-core machine that takes a while
CALL_SECONDS = 30.0  # a call's answer (a new model is built and warmed up before it answers)
SETTER_SECONDS = 5.0  # language and hold: a live child answers in milliseconds
STOP_SECONDS = 15.0  # the server lets answers finish (2 s) and writes what it has to the sketchbook
EXIT_SECONDS = 5.0  # then the process has this long to end before it is killed
_NOTHING = object()


def model_spec(predictor: Any) -> tuple | None:
    """What crosses to the child for a model: a torch Predictor as its weights (copied to the CPU),
    anything else that answers probabilities() pickled as it is (a test's stub); None: no model."""
    if predictor is None:
        return None
    model = getattr(predictor, "model", None)
    if model is not None and hasattr(model, "state_dict") and hasattr(predictor, "model_name"):
        state = {name: tensor.detach().to("cpu", copy=True) for name, tensor in model.state_dict().items()}
        return ("weights", predictor.model_name, state, predictor.label, dict(predictor.metrics))
    return ("object", predictor)


class ClassServerProcess:
    def __init__(
        self,
        predictor_source: Callable[[], Any],
        sketchbook: Sketchbook | None,
        *,
        host: str = "0.0.0.0",
        port: int = 0,
        token: str | None = None,
        language: str = "en",
        hold_for_approval: bool = False,
        on_submission: Callable[[Submission], None] | None = None,
        on_exit: Callable[[ClassServerError], None] | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.token = token_or_new(token)
        self.join_code = ""  # the child's, set by start()
        self.host = host
        self.port = port
        self.url = ""
        self.limits = limits or Limits()
        self._predictor_source = predictor_source
        self._sketchbook = sketchbook
        self._options: dict[str, Any] = {
            "host": host,
            "port": port,
            "token": self.token,
            "language": language,
            "hold_for_approval": hold_for_approval,
            "limits": self.limits,
        }
        self._on_submission = on_submission
        self._on_exit = on_exit
        self._child: subprocess.Popen[bytes] | None = None
        self._receiver: threading.Thread | None = None
        self._sending = threading.Lock()
        self._calls = threading.Lock()  # the waiting calls, and whether the child has ended
        self._waiting: dict[int, concurrent.futures.Future[Any]] = {}
        self._call_ids = itertools.count()
        self._started: concurrent.futures.Future[tuple] = concurrent.futures.Future()
        self._ended = True
        self._serving = False  # the child said it listens (so its end is news)
        self._stopping = False
        self._model_lock = threading.Lock()
        self._sent_model: Any = _NOTHING
        self._after: ClassServer | None = None  # moderates the handed-over drawings after stop()

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start the child; returns once it listens, or raises its ClassServerError. Once: after
        stop() the object only moderates what it received."""
        if self._child is not None or self._after is not None:
            raise RuntimeError("a class server process starts once")
        predictor = self._current_predictor()
        options = {
            **self._options,
            "model": model_spec(predictor),
            "sketchbook": str(self._sketchbook.folder) if self._sketchbook is not None else None,
        }
        self._sent_model = predictor
        self._started = concurrent.futures.Future()
        self._ended = self._serving = False
        child = subprocess.Popen(
            [sys.executable, "-m", CHILD_MODULE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_child_env(),
        )
        self._child = child
        self._receiver = threading.Thread(
            target=self._receive, args=(child,), name="class-server-receiver", daemon=True
        )
        self._receiver.start()
        try:
            if self._stopping:  # stop() came from another thread (the window closing) before the
                # child was there to stop: this thread ends it instead
                raise ClassServerError("class_server.ended", why="stopped as it started")
            self._send(("start", options))
            self.port, self.url, self.join_code = self._started.result(START_SECONDS)
        except concurrent.futures.TimeoutError:
            self._end_child()
            raise ClassServerError(
                "class_server.ended", why=f"not listening after {START_SECONDS:.0f} s"
            ) from None
        except BaseException:
            self._end_child()
            raise

    def stop(self) -> None:
        """Stop serving; returns when the child has ended. Safe to call again, or never started,
        or from another thread while start() is starting the child."""
        self._stopping = True  # before looking: a start() under way sees it once its child exists
        if self._child is None:
            return
        entries: dict = {}
        with contextlib.suppress(ClassServerError):  # it ended already: nothing was handed over
            entries = self._call("stop", timeout=STOP_SECONDS)
        self._end_child()
        after = ClassServer(lambda: None, self._sketchbook)  # never started: only moderates
        after.take_over(entries)
        self._after = after

    @property
    def running(self) -> bool:
        return self._child is not None and not self._ended

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    def drain(self) -> None:
        """Return once every drawing answered so far is in the sketchbook (or failed to be)."""
        if self.running:
            self._call("drain")

    def _end_child(self) -> None:
        """Close the child's stdin (it stops on that too), wait a bounded time, kill if need be."""
        child, self._child = self._child, None
        if child is None:
            return
        # A sender stuck writing to a child that no longer reads holds the lock: then the kill
        # below ends its write, and stdin is closed after.
        if self._sending.acquire(timeout=1.0):
            try:
                with contextlib.suppress(OSError):
                    child.stdin.close()  # type: ignore[union-attr]
            finally:
                self._sending.release()
        try:
            child.wait(EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        with contextlib.suppress(OSError):
            child.stdin.close()  # type: ignore[union-attr]
        if self._receiver is not None:
            self._receiver.join()
            self._receiver = None
        with contextlib.suppress(OSError):
            child.stdout.close()  # type: ignore[union-attr]

    # -- addresses -----------------------------------------------------------------------------
    def url_for(self, address: str) -> str:
        return page_url(address, self.port, self.token)

    def qr_svg(self, address: str | None = None) -> bytes:
        return network.qr_svg(self.url_for(address) if address else self.url)

    def qr_png(self, scale: int = 10, address: str | None = None) -> bytes:
        return network.qr_png(self.url_for(address) if address else self.url, scale)

    # -- what the teacher changes ------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self._options["language"] = language
        self._set("set_language", language)

    def set_hold_for_approval(self, hold: bool) -> None:
        self._options["hold_for_approval"] = hold
        self._set("set_hold_for_approval", hold)

    def _set(self, method: str, value: Any) -> None:
        """The window calls the setters in its GUI thread: a quick round trip (so the next drawing
        or page follows it), bounded, and never an exception (a child that ended has said so
        through on_exit already)."""
        if self.running:
            with contextlib.suppress(ClassServerError):
                self._call(method, value, timeout=SETTER_SECONDS)

    def approve(self, submission_id: str) -> None:
        self._moderate("approve", submission_id)

    def hide(self, submission_id: str) -> None:
        self._moderate("hide", submission_id)

    def _moderate(self, what: str, submission_id: str) -> None:
        if self._after is not None:
            getattr(self._after, what)(submission_id)
        else:
            self._call(what, submission_id)

    def refresh_model(self) -> None:
        """Send predictor_source()'s model to the child if it is not the one sent last; returns
        once the child answers with it. Call it off the GUI thread (the child builds the model)."""
        with self._model_lock:
            predictor = self._current_predictor()
            if predictor is self._sent_model or not self.running:
                return
            self._call("set_model", model_spec(predictor))
            self._sent_model = predictor

    def _current_predictor(self) -> Any:
        try:
            return self._predictor_source()
        except Exception:  # no model yet: the students' pages say so (503)
            return None

    # -- talking to the child --------------------------------------------------------------------
    def _send(self, message: tuple) -> None:
        child = self._child
        try:
            with self._sending:
                if child is None or child.stdin is None or child.stdin.closed:
                    raise BrokenPipeError
                pickle.dump(message, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                child.stdin.flush()
        except (OSError, ValueError):
            raise ClassServerError("class_server.ended", why="it is not running") from None

    def _call(self, method: str, *args: Any, timeout: float = CALL_SECONDS) -> Any:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        with self._calls:
            if self._ended:
                raise ClassServerError("class_server.ended", why="it is not running")
            call_id = next(self._call_ids)
            self._waiting[call_id] = future
        try:
            self._send(("call", call_id, method, args))
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            raise ClassServerError(
                "class_server.ended", why=f"no answer to {method} in {timeout:.0f} s"
            ) from None
        finally:
            with self._calls:
                self._waiting.pop(call_id, None)

    def _receive(self, child: subprocess.Popen[bytes]) -> None:
        """The receiver thread: everything the child says, until its stdout ends."""
        stream = child.stdout
        assert stream is not None
        with contextlib.suppress(EOFError, OSError, ValueError, pickle.UnpicklingError, AttributeError):
            while True:
                self._handle(pickle.load(stream))
        try:
            code = child.wait(EXIT_SECONDS)
        except subprocess.TimeoutExpired:  # said something unreadable and lives on: ended here
            child.kill()
            code = child.wait()
        error = ClassServerError("class_server.ended", why=f"exit code {code}")
        with self._calls:
            self._ended = True
            waiting, self._waiting = list(self._waiting.values()), {}
        for future in [*waiting, self._started]:
            if not future.done():
                future.set_exception(error)
        if self._serving and not self._stopping and self._on_exit is not None:
            log.error("%s", error)
            self._on_exit(error)

    def _handle(self, message: tuple) -> None:
        kind = message[0]
        if kind == "submission":
            if self._on_submission is not None:
                try:
                    self._on_submission(message[1])
                except Exception:  # the next drawing still arrives
                    log.exception("on_submission failed")
        elif kind == "reply":
            _kind, call_id, value, error = message
            with self._calls:
                future = self._waiting.get(call_id)
            if future is None:
                return
            if error is None:
                future.set_result(value)
            elif isinstance(error, tuple):
                code, params, _text = error
                future.set_exception(ClassServerError(code, **params))
            else:
                future.set_exception(RuntimeError(error))
        elif kind == "started":
            self._serving = True
            self._started.set_result(tuple(message[1:]))
        elif kind == "refused":
            _kind, code, params, _text = message
            self._started.set_exception(ClassServerError(code, **params))


def _child_env() -> dict[str, str]:
    """The parent's environment, with the folder that holds `core` first on the child's path (the
    window may have been started from anywhere)."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    return env
