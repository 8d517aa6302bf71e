"""gui.background: the one primitive every piece of background work runs on."""

from __future__ import annotations

import dataclasses
import gc
import threading
import weakref

from PySide6.QtCore import QEvent, QThread
from PySide6.QtWidgets import QApplication

from gui.background import BackgroundJob, running_threads
from gui.train.worker import BatchUpdate, TrainingJob, WeightsUpdate


def collect(job: BackgroundJob) -> dict[str, list]:
    seen: dict[str, list] = {"yielded": [], "returned": [], "failed": [], "finished": [], "thread": []}
    job.yielded.connect(lambda value: seen["yielded"].append(value))
    job.returned.connect(lambda value: seen["returned"].append(value))
    job.failed.connect(lambda text: seen["failed"].append(text))
    job.finished.connect(lambda: seen["finished"].append(len(seen["yielded"])))
    return seen


def test_a_generator_yields_in_order_returns_and_runs_off_the_gui_thread(qtbot):
    where = []

    def work():
        where.append(threading.current_thread())
        yield from range(5)
        return "done"

    job = BackgroundJob(work, "test-generator")
    seen = collect(job)
    job.start()
    qtbot.waitUntil(lambda: bool(seen["finished"]), timeout=5000)
    assert seen["yielded"] == [0, 1, 2, 3, 4] and seen["returned"] == ["done"] and not seen["failed"]
    assert seen["finished"] == [5]  # finished came after every yielded value
    assert where[0] is not threading.main_thread()
    assert not running_threads()


def test_a_plain_function_returns_and_an_exception_fails_as_text(qtbot):
    ok = BackgroundJob(lambda: 42, "test-function")
    ok_seen = collect(ok)
    broken = BackgroundJob(lambda: 1 / 0, "test-broken")
    broken_seen = collect(broken)
    ok.start()
    broken.start()
    qtbot.waitUntil(lambda: bool(ok_seen["finished"] and broken_seen["finished"]), timeout=5000)
    assert ok_seen["returned"] == [42] and not ok_seen["failed"]
    assert broken_seen["returned"] == [] and broken_seen["failed"] == ["ZeroDivisionError: division by zero"]


def test_stop_is_seen_at_the_next_yield_and_the_generator_is_closed(qtbot):
    gate = threading.Event()
    closed = threading.Event()
    produced = []

    def work():
        try:
            for i in range(1000):
                produced.append(i)
                if i == 1:
                    gate.wait(5)  # the test asks for a stop while the work is inside step 1
                yield i
        finally:
            closed.set()

    job = BackgroundJob(work, "test-stop")
    seen = collect(job)
    job.start()
    qtbot.waitUntil(lambda: len(produced) == 2, timeout=5000)
    job.request_stop()
    gate.set()
    qtbot.waitUntil(lambda: bool(seen["finished"]), timeout=5000)
    assert closed.is_set() and produced == [0, 1]
    assert seen["yielded"] in ([], [0])  # value 1 was made for a stopped job: never delivered
    assert seen["returned"] == [] and seen["failed"] == []


def test_shutdown_that_times_out_leaves_the_thread_running_and_says_nothing_more(qtbot):
    """Qt aborts the process when a running QThread is destroyed: a timed-out shutdown must
    leave it running, and the thread must still end cleanly later without a word to the owner."""
    release = threading.Event()
    job = BackgroundJob(lambda: release.wait(10), "test-stuck")
    seen = collect(job)
    job.start()
    thread = job.worker_thread
    assert not job.shutdown(timeout_ms=50)
    assert thread in running_threads()
    release.set()
    qtbot.waitUntil(job.is_finished, timeout=5000)
    assert not running_threads()
    assert seen == {"yielded": [], "returned": [], "failed": [], "finished": [], "thread": []}


def test_a_dropped_running_job_is_held_until_its_thread_ends(qtbot):
    release = threading.Event()
    job = BackgroundJob(lambda: release.wait(10), "test-dropped")
    job.start()
    thread = job.worker_thread
    del job
    gc.collect()
    assert thread in running_threads()
    release.set()
    qtbot.waitUntil(lambda: not running_threads(), timeout=5000)


def event(cls, **values):
    """A core.trainer event with every field set (1 unless given), whatever fields it grows."""
    return cls(**{field.name: values.get(field.name, 1) for field in dataclasses.fields(cls)})


class FakeTrainer:
    """Yields what core.trainer.Trainer yields, from a model the test can watch being freed."""

    def __init__(self, model, events):
        self.model = model
        self._events = events

    def run(self):
        yield from self._events


class Weights(dict):
    """A state dict that weakref can watch."""


def trainer_factory(made: list):
    """What the Train tab hands a job: a closure holding the weights the run starts from."""
    import torch

    from core.train_events import RunEnded

    starting = Weights(w=torch.zeros(3))

    def make_trainer():
        trainer = FakeTrainer(torch.nn.Linear(2, 2), [event(RunEnded, reason="finished")])
        trainer.starting = starting
        made.append(weakref.ref(trainer))
        return trainer

    return make_trainer, weakref.ref(starting)


def test_a_finished_training_job_keeps_neither_its_trainer_nor_its_starting_weights(qtbot):
    """Issue 13 item 8: every finished run used to keep the weights it started from."""
    from core.train_events import TrainControl

    made: list = []
    make_trainer, starting = trainer_factory(made)
    job = TrainingJob(make_trainer, TrainControl())
    del make_trainer
    ended, weights = [], []
    job.run_ended.connect(ended.append)
    job.weights_ready.connect(weights.append)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.start()
    assert [event.reason for event in ended] == ["finished"] and len(weights) == 1
    del job
    for _ in range(3):  # the jobs' deleteLater, then what that frees
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    assert made and made[0]() is None, "the finished job still holds its trainer"
    assert starting() is None, "the finished job still holds the weights it started from"


def test_training_updates_are_throttled_but_lose_no_batch(monkeypatch):
    """Thousands of batch events become a few BatchUpdates carrying every loss."""
    import torch

    from core.train_events import BatchEvent, EpochEvent, RunEnded
    from gui.train import worker

    clock = iter(range(10**6))
    monkeypatch.setattr(worker.time, "monotonic", lambda: next(clock) * 0.001)  # 1 ms per batch
    batches = [event(BatchEvent, progress=i / 1000, batch_loss=1.0) for i in range(1, 1001)]
    epoch = event(EpochEvent)
    trainer = FakeTrainer(torch.nn.Linear(2, 2), [*batches, epoch, event(RunEnded, reason="finished")])
    updates = list(worker.training_updates(lambda: trainer))
    batch_updates = [u for u in updates if isinstance(u, BatchUpdate)]
    assert sum(len(u.points) for u in batch_updates) == 1000
    assert 10 <= len(batch_updates) <= 1000 * 0.001 / worker.BATCH_UPDATE_INTERVAL_S + 2
    assert isinstance(updates[-1], RunEnded) and updates[-3] is epoch
    assert sum(isinstance(u, WeightsUpdate) for u in updates) >= 3


def test_threads_are_qthreads_named_after_their_job(qtbot):
    job = BackgroundJob(lambda: None, "test-name")
    assert isinstance(job.worker_thread, QThread) and job.worker_thread.objectName() == "test-name"
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()


def test_exiting_while_jobs_run_stops_them_waits_and_keeps_the_exit_code(tmp_path):
    """Issue 13 item 1: the process must exit normally (not SIGABRT, 134) while jobs still run:
    one that stops at its next yield and one that cannot stop and outlived its shutdown timeout.
    Python's teardown would destroy their QThreads; gui.background stops them and waits first."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "exit_while_running.py"
    script.write_text(
        "import sys, time\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from gui.background import BackgroundJob\n"
        "app = QCoreApplication([])\n"
        "def endless():\n"
        "    try:\n"
        "        while True:\n"
        "            yield time.sleep(0.01)\n"
        "    finally:\n"
        "        print('generator closed', flush=True)\n"
        "def unstoppable():\n"
        "    time.sleep(0.5)\n"
        "    print('unstoppable work ended', flush=True)\n"
        "running = BackgroundJob(endless, 'endless')\n"
        "running.start()\n"
        "stuck = BackgroundJob(unstoppable, 'stuck')\n"
        "stuck.start()\n"
        "print('ended in time:', stuck.shutdown(100), flush=True)\n"
        "del running, stuck\n"
        "sys.exit(3)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(script)], cwd=root, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"},
    )
    lines = done.stdout.splitlines()
    assert lines[:1] == ["ended in time: False"], done.stdout + done.stderr
    assert sorted(lines[1:]) == ["generator closed", "unstoppable work ended"], done.stderr  # both ended
    assert done.returncode == 3, done.stderr
    assert "Destroyed while thread" not in done.stderr
