"""The class server in a process of its own (core/class_server/process.py), over loopback only:
a drawing crosses to the parent with the parent's own Predictor's probabilities, moderation and
the model cross the other way, a taken port is the same coded error, and the child never outlives
its server object or its parent. The model is a shipped one (resources/models)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
from pathlib import Path

import numpy as np
import pytest

from core.class_server import ClassServerError
from core.class_server.process import ClassServerProcess
from core.sketchbook import Sketchbook
from tests.gui.class_page import send_from_new_device

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[1]
TROUSER, DRESS = 1, 3
WAIT_SECONDS = 60  # for news from the child; only ever reached when something is broken

# A parent that starts a server, says its child's pid, and dies without stopping it.
ORPHANING_PARENT = """
import os, sys
from core.class_server.process import ClassServerProcess
server = ClassServerProcess(lambda: None, None, host="127.0.0.1")
server.start()
print(server.pid, flush=True)
os.kill(os.getpid(), 9)
"""


@pytest.fixture(scope="module")
def predictor():
    from core.predictor import Predictor

    return Predictor.pretrained("cnn")


class Lesson:
    """A started ClassServerProcess and what its parent heard."""

    def __init__(self, server: ClassServerProcess, book: Sketchbook) -> None:
        self.server = server
        self.book = book
        self.received: list = []
        self.ended: list = []
        self.ended_event = threading.Event()

    def send(self, label: int) -> dict:
        answer = send_from_new_device(self.server.url, label)
        # Kept (unless held) before the next look at the sketchbook; and drain's answer comes up
        # the pipe after the drawing, so on_submission has been called by then.
        self.server.drain()
        return answer

    def labels_kept(self) -> list[int]:
        return sorted(sketch.label for sketch in self.book.sketches())


@pytest.fixture
def start_lesson(predictor, tmp_path):
    servers = []

    def start(source=lambda: predictor, **options) -> Lesson:
        book = Sketchbook(tmp_path / f"book{len(servers)}")
        lesson = Lesson(None, book)  # type: ignore[arg-type]

        def ended(error) -> None:
            lesson.ended.append(error)
            lesson.ended_event.set()

        server = ClassServerProcess(
            source, book, host=HOST, on_submission=lesson.received.append, on_exit=ended, **options
        )
        lesson.server = server
        servers.append(server)
        server.start()
        return lesson

    yield start
    for server in servers:
        server.stop()


def test_a_drawing_reaches_the_parent_with_the_parents_probabilities(start_lesson, predictor):
    lesson = start_lesson()
    server = lesson.server
    assert server.running and server.url == f"http://{HOST}:{server.port}/{server.token}/"
    assert len(server.join_code) == 4
    answer = lesson.send(DRESS)
    [submission] = lesson.received
    assert answer["submission_id"] == submission.submission_id and submission.label == DRESS
    np.testing.assert_allclose(
        submission.probabilities, predictor.probabilities(submission.model_input), rtol=0, atol=1e-6
    )
    assert answer["top"][0]["class"] == int(submission.probabilities.argmax())
    assert lesson.labels_kept() == [DRESS]  # written by the child, into the parent's sketchbook folder


def _one_kept_one_held(lesson):
    """A trouser sent freely, then a dress sent once the teacher holds drawings for approval."""
    lesson.send(TROUSER)
    lesson.server.set_hold_for_approval(True)
    lesson.send(DRESS)
    return lesson.received


def test_hold_approve_and_hide_cross_to_the_child(start_lesson):
    lesson = start_lesson()
    server = lesson.server
    kept, held = _one_kept_one_held(lesson)
    assert not kept.held and held.held
    assert lesson.labels_kept() == [TROUSER]  # the held one waits
    server.approve(held.submission_id)
    assert lesson.labels_kept() == [TROUSER, DRESS]
    server.hide(kept.submission_id)
    assert lesson.labels_kept() == [DRESS]


def test_after_stop_older_drawings_are_still_hidden_and_approved(start_lesson):
    """The child hands its moderation over as it stops: the teacher may still tidy up."""
    lesson = start_lesson()
    server = lesson.server
    kept, held = _one_kept_one_held(lesson)
    server.stop()
    server.approve(held.submission_id)
    server.hide(kept.submission_id)
    assert lesson.labels_kept() == [DRESS]


def test_a_new_model_is_sent_and_answers(start_lesson, predictor):
    from core.predictor import Predictor

    active = [None]
    lesson = start_lesson(source=lambda: active[0] or (_ for _ in ()).throw(LookupError("no model")))
    with pytest.raises(urllib.error.HTTPError) as refused:
        send_from_new_device(lesson.server.url, TROUSER)
    assert refused.value.code == 503
    other = Predictor.pretrained("softmax")
    active[0] = other
    lesson.server.refresh_model()
    lesson.send(TROUSER)
    [submission] = lesson.received
    np.testing.assert_allclose(
        submission.probabilities, other.probabilities(submission.model_input), rtol=0, atol=1e-6
    )
    assert not np.allclose(submission.probabilities, predictor.probabilities(submission.model_input))


def test_a_taken_port_is_the_coded_error_and_leaves_no_child(tmp_path):
    taken = socket.socket()
    try:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = ClassServerProcess(lambda: None, None, host=HOST, port=port)
        with pytest.raises(ClassServerError) as refused:
            server.start()
    finally:
        taken.close()
    assert refused.value.code == "class_server.port_in_use" and refused.value.params["port"] == port
    assert not server.running and server.pid is None


def test_stop_ends_the_child_cleanly(start_lesson):
    lesson = start_lesson()
    child = lesson.server._child
    lesson.server.stop()
    assert child.returncode == 0  # waited for (no zombie), and it ended by itself, not killed
    assert not lesson.server.running and lesson.server.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)
    lesson.server.stop()  # again: nothing to do
    assert not lesson.ended  # asked to stop: not news


def test_a_killed_child_is_reported_not_waited_for(start_lesson):
    lesson = start_lesson()
    server = lesson.server
    os.kill(server.pid, signal.SIGKILL)
    assert lesson.ended_event.wait(WAIT_SECONDS)
    [error] = lesson.ended
    assert error.code == "class_server.ended" and str(-signal.SIGKILL) in error.params["why"]
    assert not server.running
    with pytest.raises(ClassServerError):
        server.approve("anything")
    server.set_language("zh")  # the window's GUI thread calls this: never an exception
    server.drain()  # nothing to wait for
    server.stop()
    assert server.pid is None


def test_the_child_ends_when_its_parent_dies(tmp_path):
    """stderr is shared by the parent and its child: it reaches its end only once both are gone."""
    parent = subprocess.Popen(
        [sys.executable, "-c", ORPHANING_PARENT],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = parent.communicate(timeout=WAIT_SECONDS * 2)  # returns once the child ended too
    assert parent.returncode == -signal.SIGKILL, err
    assert int(out.split()[0]) != parent.pid  # the server really was a child of its own
