"""The class server's own process: `python -m core.class_server.child`, started by process.py.

It runs a real ClassServer, so the page's Python work (decoding, predicting, writing sketches,
aiohttp itself) takes this process's GIL and not the window's. The parent and this process speak
in pickled tuples (pickle frames itself, so one object is one message) over stdin and stdout:

    parent → child   ("start", options)  first, once; then ("call", id, method, args)
    child → parent   ("started", port, url, join_code) or ("refused", code, params, text);
                     ("submission", Submission) per drawing answered; ("reply", id, value, error)

A "stop" call stops the server and answers with its handover() before the process exits.
stdin ending (the parent closed it, or died) stops the server too: a lesson never outlives the
window. Anything printed goes to stderr, since stdout carries the messages.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import pickle
import signal
import sys
import threading
from typing import Any, BinaryIO

from core.class_server.server import ClassServer
from core.errors import CodedError

# The calls a parent may make: the server's own methods and set_model (below).
CALLS = frozenset({"set_language", "set_hold_for_approval", "approve", "hide", "drain", "set_model", "stop"})


class _Messages:
    """The way up to the parent, for the command loop and the server's threads at once."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, *message: Any) -> None:
        with self._lock:
            pickle.dump(message, self._stream, protocol=pickle.HIGHEST_PROTOCOL)
            self._stream.flush()


def build_predictor(spec: tuple | None) -> Any:
    """A model from what process.model_spec made of the parent's (None: no model yet)."""
    if spec is None:
        return None
    if spec[0] == "object":  # any picklable object with probabilities(), a test's stub say
        return spec[1]
    from core.predictor import Predictor

    _kind, name, state_dict, label, metrics = spec
    predictor = Predictor.from_state_dict(name, state_dict, label)
    predictor.metrics = dict(metrics)
    return predictor


class _Child:
    def __init__(self, messages: _Messages, options: dict[str, Any]) -> None:
        self.messages = messages
        self.predictor = build_predictor(options.pop("model"))
        folder = options.pop("sketchbook")
        sketchbook = None
        if folder is not None:
            from core.sketchbook import Sketchbook

            sketchbook = Sketchbook(folder)
        self.server = ClassServer(
            self.answering_predictor,
            sketchbook,
            on_submission=lambda submission: messages.send("submission", submission),
            **options,
        )
        # drain waits for the sketchbook's writes: on a thread of its own, so a model or a
        # moderation call meanwhile is not held up behind it.
        self.waiter = concurrent.futures.ThreadPoolExecutor(1, "class-child-drain")

    def answering_predictor(self) -> Any:
        predictor = self.predictor  # one reference read: a new model replaces it whole
        if predictor is None:
            raise LookupError("no model to answer with")
        return predictor

    def set_model(self, spec: tuple | None) -> None:
        predictor = build_predictor(spec)
        if predictor is not None:  # warmed up here, not by the first student's drawing
            predictor.probabilities(_blank())
        self.predictor = predictor

    def stop(self) -> dict:
        self.server.stop()
        return self.server.handover()

    def call(self, call_id: int, method: str, args: tuple) -> None:
        if method not in CALLS:
            self.messages.send("reply", call_id, None, f"unknown call {method!r}")
            return
        if method == "drain":
            self.waiter.submit(self._answer, call_id, self.server.drain, ())
            return
        target = getattr(self, method, None) or getattr(self.server, method)
        self._answer(call_id, target, args)

    def _answer(self, call_id: int, target: Any, args: tuple) -> None:
        try:
            value = target(*args)
        except CodedError as error:
            self.messages.send("reply", call_id, None, (error.code, error.params, str(error)))
        except Exception as error:  # noqa: BLE001 (said to the parent, which raises it)
            self.messages.send("reply", call_id, None, f"{type(error).__name__}: {error}")
        else:
            self.messages.send("reply", call_id, value, None)


def _blank() -> Any:
    import numpy as np

    return np.zeros((28, 28), np.uint8)


def serve(commands: BinaryIO, messages: _Messages) -> int:
    _kind, options = pickle.load(commands)
    # One drawing is one 28×28 image: each of the server's prediction threads answers on one
    # core, as in the window (core/parallelism.py; their pools are sized from this count). Torch's
    # default, a pool of every core per thread, oversubscribed two cores: p95 62–207 ms, not 23.
    from core.parallelism import set_threads_here

    set_threads_here(1)
    try:
        child = _Child(messages, options)
        child.server.start()
    except CodedError as error:  # the port is taken, the weights are refused…
        messages.send("refused", error.code, error.params, str(error))
        return 1
    server = child.server
    messages.send("started", server.port, server.url, server.join_code)
    try:
        while True:
            try:
                _kind, call_id, method, args = pickle.load(commands)
            except (EOFError, OSError, pickle.UnpicklingError):
                return 0  # the parent is gone: finally stops the server
            child.call(call_id, method, args)
            if method == "stop":
                return 0
    finally:
        server.stop()  # again after a "stop" call: returns at once
        child.waiter.shutdown(wait=True)


def main() -> int:
    # Ctrl+C in the window's terminal reaches this process too: the window decides when it ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    commands = sys.stdin.buffer
    # The messages keep the real stdout to themselves; a stray print goes to stderr instead.
    up = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    messages = _Messages(up)
    try:
        return serve(commands, messages)
    finally:
        with contextlib.suppress(OSError):
            up.close()


if __name__ == "__main__":
    sys.exit(main())
