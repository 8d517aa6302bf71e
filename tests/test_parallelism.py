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


class _FakeLoad:
    """Other processes' load as the tuner reads it: `others` cores, or no reading at all."""

    def __init__(self, others: float | None, *, first_figure_at_read: int = 1) -> None:
        self.others = others
        self.reads = 0
        self.first_figure_at_read = first_figure_at_read  # earlier reads: window still too short

    @property
    def available(self) -> bool:
        return self.others is not None

    def read(self, min_window_s: float = 0.0) -> float | None:
        self.reads += 1
        return self.others if self.reads >= self.first_figure_at_read else None


QUIET = {2: 1e-4, 1: 1.6e-4}  # the CNN epochs: two threads fastest on a quiet machine
BUSY = {2: 3.8e-4, 1: 2e-4}  # one busy process: one thread twice as fast


def _tuner(machine: _FakeMachine, others: float | None) -> parallelism.ThreadTuner:
    return parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads, load=_FakeLoad(others))


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
    "others_quiet, others_busy", [(0.1, 0.9), (None, None)], ids=["load read", "no reading"]
)
@pytest.mark.parametrize("busy", [False, True], ids=["quiet", "one busy process"])
@pytest.mark.parametrize("seconds", [5.0, 60.0])
def test_the_tuner_stays_within_10_percent_of_the_best_fixed_count(others_quiet, others_busy, busy, seconds):
    per_sample = BUSY if busy else QUIET
    machine = _FakeMachine(per_sample)
    tuner = _tuner(machine, others_busy if busy else others_quiet)
    samples = _train(tuner, machine, seconds)
    best = min(per_sample, key=per_sample.__getitem__)
    assert tuner.current == best
    assert samples >= 0.9 * seconds / per_sample[best]


def test_with_a_load_reading_a_busy_machine_never_pays_for_a_second_thread():
    machine = _FakeMachine(BUSY)
    tuner = _tuner(machine, others=1.0)
    _train(tuner, machine, seconds=60.0)
    assert machine.set_calls == [1] and tuner.seconds_by_threads.get(2, 0.0) == 0.0


def test_with_a_first_reading_ready_a_quiet_machine_starts_on_every_core():
    machine = _FakeMachine(QUIET)
    tuner = _tuner(machine, others=0.0)
    _train(tuner, machine, seconds=10.0)
    assert machine.set_calls[0] == 2 and tuner.seconds_by_threads[1] < 0.01 * 10.0


def test_without_a_first_reading_it_starts_on_one_thread_and_moves_up_at_the_first_figure():
    machine = _FakeMachine(QUIET)
    load = _FakeLoad(0.0, first_figure_at_read=4)  # the constructor's read and two checks: None
    tuner = parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads, load=load)
    _train(tuner, machine, seconds=10.0)
    assert machine.set_calls[:2] == [1, 2]
    # the warm-up batch, two batches without a figure, then one batch and a probe: a few batches
    assert tuner.seconds_by_threads[1] < 8 * 128 * QUIET[1]


@pytest.mark.parametrize("others", [0.0, None], ids=["load read", "no reading"])
def test_the_tuner_follows_a_change_of_load_both_ways(others) -> None:
    machine = _FakeMachine(QUIET)
    load = _FakeLoad(others)
    tuner = parallelism.ThreadTuner((2, 1), set_threads=machine.set_threads, load=load)
    _train(tuner, machine, seconds=20.0)
    assert tuner.current == 2
    machine.per_sample = BUSY  # a browser starts spinning
    load.others = None if others is None else 0.7  # two spinning threads leave it 2/3 of a core
    started = tuner.seconds_by_threads[2]
    _train(tuner, machine, seconds=40.0)
    assert tuner.current == 1
    if others is not None:  # noticed at the next reading, within a fifth of a second
        assert tuner.seconds_by_threads[2] - started < 2 * parallelism.CHECK_S
    machine.per_sample = QUIET
    load.others = None if others is None else 0.05
    _train(tuner, machine, seconds=40.0)
    assert tuner.current == 2


def test_a_load_at_the_edge_costs_a_few_probes_not_one_per_reading():
    """Others at 0.6 core say "one thread" while two are still faster: the tuner tries one
    thread, finds it slower, and asks again ever more rarely."""
    machine = _FakeMachine(QUIET)
    tuner = _tuner(machine, others=0.0)
    _train(tuner, machine, seconds=2.0)
    tuner.load.others = 0.6
    before = tuner.switches
    _train(tuner, machine, seconds=60.0)
    assert tuner.current == 2 and tuner.switches - before <= 2 * 7  # waits 1, 2, 4, … 32 s
    assert tuner.seconds_by_threads[1] < 0.02 * 60.0


def test_without_a_reading_the_tuner_leaves_a_slow_count_within_a_few_batches() -> None:
    """On the oversubscribed machine two spinning threads were 25× slower than one."""
    machine = _FakeMachine({2: 25e-4, 1: 1e-4})
    tuner = _tuner(machine, others=None)
    _train(tuner, machine, seconds=3.0)
    assert machine.set_calls[0] == 2  # without a reading it starts on every core, as torch does
    assert tuner.best == 1 and tuner.seconds_by_threads[2] < 0.4 * 3.0


def test_a_far_slower_count_is_probed_ever_more_rarely() -> None:
    machine = _FakeMachine({2: 10e-4, 1: 1e-4})  # 10x: two spinning threads against a busy process
    tuner = _tuner(machine, others=None)
    _train(tuner, machine, seconds=60.0)
    # one slow batch per probe (0.128 s), after waits of 1, 2, 4, 8, 16 and 32 s
    assert tuner.seconds_by_threads[2] < 9 * 128 * 10e-4


def test_a_tuner_told_to_settle_for_ever_never_switches(monkeypatch) -> None:
    monkeypatch.setattr(parallelism, "SETTLE_S", float("inf"))
    for others in (0.0, 1.0, None):
        machine = _FakeMachine(BUSY)
        tuner = _tuner(machine, others)
        _train(tuner, machine, seconds=30.0)
        assert machine.set_calls == [2] and tuner.switches == 0  # torch's own choice, every core


def test_one_core_means_nothing_to_tune() -> None:
    assert parallelism.thread_candidates(1) == (1,)
    assert parallelism.thread_candidates(2) == (2, 1)
    assert parallelism.thread_candidates(8) == (8, 4, 1)
    machine = _FakeMachine({1: 1e-4})
    tuner = parallelism.ThreadTuner((1,), set_threads=machine.set_threads, load=_FakeLoad(0.0))
    _train(tuner, machine, seconds=30.0)
    assert tuner.switches == 0


def test_more_cores_fit_as_many_threads_as_the_others_leave_room_for() -> None:
    tuner = parallelism.ThreadTuner((8, 4, 1), set_threads=lambda _: None, load=_FakeLoad(0.0))
    assert [tuner.fitting(o) for o in (0.0, 0.5, 0.6, 4.5, 4.6, 8.0)] == [8, 8, 4, 4, 1, 1]
    assert tuner.fitting(None) == 8


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
    during, after = in_new_thread(lambda: run("auto", initial=3))
    assert during in parallelism.thread_candidates() and after == 3


@pytest.mark.parametrize("set_here", ["single", "side_work"])
def test_a_threads_count_survives_another_thread_setting_one_before_its_first_op(set_here, monkeypatch):
    """torch sizes a thread's pool at its first op from the count set last by any thread: the
    GUI thread's one core must not become two because a worker set two meanwhile."""
    monkeypatch.setattr(parallelism, "training_is_running", lambda: True)  # side work: one core
    set_threads = {
        "single": parallelism.single_threaded_here,
        "side_work": parallelism.side_work_threads_here,
    }
    seen: list[int] = []
    counted, go = threading.Event(), threading.Event()

    def thread() -> None:
        set_threads[set_here]()
        counted.set()
        go.wait(10)
        torch.ones(64, 64) @ torch.ones(64, 64)
        seen.append(torch.get_num_threads())

    worker = threading.Thread(target=thread)
    worker.start()
    counted.wait(10)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        go.set()
        worker.join(10)
    finally:
        torch.set_num_threads(before)
    assert seen == [1]
