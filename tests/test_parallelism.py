"""The process-wide rule for torch threads (core/parallelism.py), checked in throwaway threads
so the test process's own main thread keeps its settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import torch

from core import parallelism


def in_new_thread(work: Callable[[], Any]) -> Any:
    result: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # re-raised in the test's thread
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if errors:
        raise errors[0]
    return result[0]


def test_all_cores_is_a_positive_count_no_larger_than_the_machine() -> None:
    import os

    assert 1 <= parallelism.all_cores() <= (os.cpu_count() or 1)


def test_the_training_thread_gets_every_core_and_side_work_steps_aside_meanwhile() -> None:
    entered, release = threading.Event(), threading.Event()
    seen: dict[str, int] = {}

    def train() -> None:
        torch.set_num_threads(1)  # whatever the thread had before, training gets all cores
        with parallelism.training_thread():
            seen["trainer"] = torch.get_num_threads()
            entered.set()
            release.wait(30)

    trainer = threading.Thread(target=train)
    trainer.start()
    try:
        assert entered.wait(30)
        assert parallelism.training_is_running()
        assert in_new_thread(parallelism.side_work_threads_here) == 1
        assert in_new_thread(lambda: (parallelism.side_work_threads_here(), torch.get_num_threads())[1]) == 1
    finally:
        release.set()
        trainer.join(30)
    assert seen["trainer"] == parallelism.all_cores()
    assert not parallelism.training_is_running()
    assert in_new_thread(parallelism.side_work_threads_here) == parallelism.all_cores()


def test_a_failing_run_still_ends_its_claim_on_the_cores() -> None:
    def fail() -> None:
        with parallelism.training_thread():
            raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        in_new_thread(fail)
    assert not parallelism.training_is_running()


def test_single_threaded_here_leaves_torch_one_thread_in_that_thread_only() -> None:
    def gui_like() -> int:
        parallelism.single_threaded_here()
        return torch.get_num_threads()

    before = torch.get_num_threads()
    assert in_new_thread(gui_like) == 1
    assert torch.get_num_threads() == before


class _FakeMachine:
    """Seconds per sample for each thread count: the tuner sees only what it is fed."""

    def __init__(self, per_sample: dict[int, float]) -> None:
        self.per_sample = per_sample
        self.set_calls: list[int] = []

    def set_threads(self, threads: int) -> None:
        self.set_calls.append(threads)


def _train(tuner: parallelism.ThreadTuner, machine: _FakeMachine, seconds: float, batch: int = 128) -> float:
    """Feed batches until `seconds` of batch time have passed; returns the samples trained."""
    spent, samples = 0.0, 0
    while spent < seconds:
        took = batch * machine.per_sample[tuner.current]
        tuner.record(batch, took)
        spent += took
        samples += batch
    return samples


@pytest.mark.parametrize(
    ("per_sample", "best"),
    [({2: 1e-4, 1: 1.6e-4}, 2), ({2: 3.8e-4, 1: 2e-4}, 1)],  # the quiet and busy CNN epochs
    ids=["quiet: two threads", "one busy process: one thread"],
)
def test_the_tuner_finds_the_faster_count_and_stays_within_10_percent_of_it(per_sample, best) -> None:
    machine = _FakeMachine(per_sample)
    tuner = parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads)
    samples = _train(tuner, machine, seconds=60.0)
    assert tuner.best == best
    assert tuner.seconds_by_threads[best] > 0.9 * 60.0
    best_fixed = 60.0 / per_sample[best]
    assert samples >= 0.9 * best_fixed
    assert machine.set_calls[0] == 2  # starts on every core, as before


def test_the_tuner_follows_a_change_of_load() -> None:
    machine = _FakeMachine({2: 1e-4, 1: 1.6e-4})
    tuner = parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads)
    _train(tuner, machine, seconds=20.0)
    assert tuner.best == 2
    machine.per_sample = {2: 3.8e-4, 1: 2e-4}  # a browser starts spinning
    _train(tuner, machine, seconds=20.0)
    assert tuner.best == 1


def test_the_tuner_leaves_a_slow_count_within_a_few_batches() -> None:
    """On the oversubscribed machine two spinning threads were 25× slower than one."""
    machine = _FakeMachine({2: 25e-4, 1: 1e-4})
    tuner = parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads)
    _train(tuner, machine, seconds=3.0)
    assert tuner.best == 1 and tuner.seconds_by_threads[2] < 0.4 * 3.0


def test_a_far_slower_count_is_probed_rarely() -> None:
    machine = _FakeMachine({2: 10e-4, 1: 1e-4})  # 10x: two spinning threads against a busy process
    tuner = parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads)
    _train(tuner, machine, seconds=30.0)
    # one slow batch per probe (0.128 s); probes at most every 16 s after the first
    assert tuner.seconds_by_threads[2] < 3 * 128 * 10e-4


def test_a_tuner_told_to_settle_for_ever_never_switches(monkeypatch) -> None:
    monkeypatch.setattr(parallelism, "SETTLE_S", float("inf"))
    machine = _FakeMachine({2: 3.8e-4, 1: 2e-4})
    tuner = parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads)
    _train(tuner, machine, seconds=30.0)
    assert machine.set_calls == [2] and tuner.switches == 0


def test_one_core_means_nothing_to_tune() -> None:
    assert parallelism.thread_candidates(1) == (1,)
    assert parallelism.thread_candidates(2) == (2, 1)
    assert parallelism.thread_candidates(8) == (8, 4, 1)
    machine = _FakeMachine({1: 1e-4})
    tuner = parallelism.ThreadTuner((1,), set_threads=machine.set_threads)
    _train(tuner, machine, seconds=30.0)
    assert tuner.switches == 0


def test_a_cpu_run_puts_its_thread_count_back(tiny_dataset) -> None:
    from core.config import TrainConfig
    from core.trainer import Trainer

    def run(threads, initial: int = 1) -> tuple[int, int]:
        torch.set_num_threads(initial)
        trainer = Trainer(TrainConfig(epochs=1, device="cpu", batch_size=64), tiny_dataset, threads=threads)
        seen = []
        for _ in trainer.run():
            seen.append(torch.get_num_threads())
        return seen[0], torch.get_num_threads()

    assert in_new_thread(lambda: run(2)) == (2, 1)
    during, after = in_new_thread(lambda: run("auto"))
    assert during == parallelism.thread_candidates()[0] and after == 1
