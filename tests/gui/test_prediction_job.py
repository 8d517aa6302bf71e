"""The Browse tab's background prediction: stale-job rules and a clean shutdown (chunking: test_batching)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading

import numpy as np
import pytest

from gui.background import running_threads
from gui.browse.prediction_job import PredictionRunner


class GatedPredictor:
    """Answers one chunk each time the test opens the gate, so a job can be caught mid-way."""

    def __init__(self, value: int, gated: bool = True) -> None:
        self.value = value
        self.gate = threading.Semaphore(0)
        self.gated = gated
        self.calls = 0
        self.entered = threading.Event()  # set once a job is inside a chunk

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        self.entered.set()
        if self.gated and not self.gate.acquire(timeout=5):
            raise TimeoutError("the test never opened the gate")
        self.calls += 1
        out = np.zeros((len(images), 10), dtype=np.float32)
        out[:, self.value] = 1.0
        return out

    def open(self, chunks: int = 100) -> None:
        for _ in range(chunks):
            self.gate.release()


@pytest.fixture
def runner(qtbot):
    made = PredictionRunner()
    results: list[tuple[object, int]] = []
    made.finished.connect(lambda key, predictor, probs: results.append((key, int(probs[0].argmax()))))
    yield made, results
    made.shutdown()


def test_new_data_cancels_the_running_job(runner, qtbot):
    run, results = runner
    images = np.zeros((6000, 28, 28), dtype=np.uint8)  # several chunks
    old, new = GatedPredictor(1), GatedPredictor(2, gated=False)
    run.request("train", old, images)
    run.request("test", new, images[:10])
    old.open()  # let the stale job reach its cancel check
    qtbot.waitUntil(lambda: results == [("test", 2)], timeout=5000)
    assert old.calls <= 1  # it stopped after the chunk it was in, not after all three


def test_newer_weights_for_the_same_data_wait_and_then_run(runner, qtbot):
    run, results = runner
    images = np.zeros((100, 28, 28), dtype=np.uint8)
    first, second, third = GatedPredictor(1), GatedPredictor(2, gated=False), GatedPredictor(3, gated=False)
    run.request("test", first, images)
    run.request("test", second, images)
    run.request("test", third, images)  # replaces `second`: only the newest pending one runs
    first.open()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert results == [("test", 1), ("test", 3)]
    assert second.calls == 0
    qtbot.waitUntil(lambda: not run.is_busy(), timeout=5000)


def test_it_rests_between_refreshes_but_not_before_new_data(qtbot):
    rests: list[float] = []
    run = PredictionRunner(rest_for=lambda took: rests.append(took) or 3600.0)  # an hour: never ends here
    results: list[tuple[object, int]] = []
    run.finished.connect(lambda key, predictor, probs: results.append((key, int(probs[0].argmax()))))
    images = np.zeros((100, 28, 28), dtype=np.uint8)
    try:
        newer = GatedPredictor(2, gated=False)
        run.request("test", GatedPredictor(1, gated=False), images)
        run.request("test", newer, images)  # newer weights, same data: waits, then rests
        qtbot.waitUntil(lambda: len(rests) == 1, timeout=5000)  # the first job ended, the rest began
        assert results == [("test", 1)] and rests[0] > 0
        assert newer.calls == 0 and run.is_busy()  # resting before the refresh
        run.request("train", GatedPredictor(3, gated=False), images)  # other data: no rest
        qtbot.waitUntil(lambda: results[-1] == ("train", 3), timeout=5000)
        assert newer.calls == 0 and len(rests) == 1
    finally:
        run.shutdown()


def test_failure_is_reported_as_text(runner, qtbot):
    run, _ = runner
    messages: list[str] = []
    run.failed.connect(lambda key, message: messages.append(message))

    class Broken:
        def probabilities(self, images):
            raise ValueError("expected uint8 images")

    run.request("test", Broken(), np.zeros((3, 28, 28), dtype=np.uint8))
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=5000)
    assert "expected uint8 images" in messages[0]


def test_shutdown_mid_job_joins_the_thread(runner, qtbot):
    run, results = runner
    slow = GatedPredictor(1)
    run.request("test", slow, np.zeros((4000, 28, 28), dtype=np.uint8))  # two chunks
    assert slow.entered.wait(30)  # the worker is inside its first chunk
    run.cancel()
    slow.open()  # the chunk ends, and the stop request is seen before the second
    run.shutdown(timeout_ms=60_000)  # returns only once the worker thread has ended
    assert not running_threads() and results == [] and slow.calls == 1
    run.request("test", GatedPredictor(2, gated=False), np.zeros((1, 28, 28), dtype=np.uint8))
    assert not run.is_busy()  # a closed runner starts nothing new


@pytest.mark.parametrize("training", [False, True])
def test_a_real_cnn_job_uses_every_core_unless_a_run_trains(runner, qtbot, monkeypatch, training):
    """Blocks on one thread per core when Browse has the machine, on the job's thread alone while
    a run trains (core/parallelism.py); the answers are the same either way. The machine's core
    count is fixed at 3 here, so the test does not depend on the machine."""
    import torch

    import core.predictor
    from core import parallelism
    from core.models import build_model
    from core.predictor import Predictor

    run, _ = runner
    answers: list[np.ndarray] = []
    run.finished.connect(lambda key, predictor, probs: answers.append(probs))
    workers_seen: list[int] = []
    real_map_blocks = core.predictor.map_blocks

    def recording_map_blocks(answer, images, block, workers):
        workers_seen.append(workers)
        return real_map_blocks(answer, images, block, workers)

    monkeypatch.setattr(core.predictor, "map_blocks", recording_map_blocks)
    monkeypatch.setattr(parallelism, "all_cores", lambda: 3)
    predictor = Predictor(build_model("cnn", torch.Generator().manual_seed(0)), "cnn", "cnn")
    images = np.random.default_rng(0).integers(0, 256, (3000, 28, 28), dtype=np.uint8)
    trains, release = threading.Event(), threading.Event()

    def hold_the_cores() -> None:
        with parallelism.training_thread():
            trains.set()
            release.wait(30)

    trainer = threading.Thread(target=hold_the_cores)
    if training:
        trainer.start()
        assert trains.wait(30)
    try:
        run.request("test", predictor, images)
        qtbot.waitUntil(lambda: len(answers) == 1, timeout=30_000)
    finally:
        release.set()
        if training:
            trainer.join(30)
    assert workers_seen and set(workers_seen) == {1 if training else 3}
    np.testing.assert_allclose(answers[0], predictor.probabilities(images), atol=1e-6, rtol=0)
