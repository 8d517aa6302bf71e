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


def test_all_cores_follows_the_affinity_the_system_reports(monkeypatch) -> None:
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 3, 5}, raising=False)
    assert parallelism.all_cores() == 3

    def unsupported(_pid: int) -> set[int]:
        raise OSError("no affinity here")

    monkeypatch.setattr(os, "sched_getaffinity", unsupported, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert parallelism.all_cores() == 6


def test_side_work_steps_aside_while_a_run_trains_and_gets_every_core_after(monkeypatch) -> None:
    monkeypatch.setattr(parallelism, "all_cores", lambda: 3)
    entered, release = threading.Event(), threading.Event()

    def train() -> None:
        with parallelism.training_thread():
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
    assert not parallelism.training_is_running()
    assert in_new_thread(parallelism.side_work_threads_here) == 3


def test_a_failing_run_still_ends_its_claim_on_the_cores() -> None:
    def fail() -> None:
        with parallelism.training_thread():
            raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        in_new_thread(fail)
    assert not parallelism.training_is_running()


def test_a_cpu_run_puts_its_thread_count_back(tiny_dataset) -> None:
    from core.config import TrainConfig
    from core.trainer import Trainer

    def run(threads: int, initial: int) -> tuple[set[int], int]:
        torch.set_num_threads(initial)
        config = TrainConfig(epochs=2, device="cpu", batch_size=64, threads=threads)
        seen = {torch.get_num_threads() for _ in Trainer(config, tiny_dataset).run()}
        return seen, torch.get_num_threads()

    assert in_new_thread(lambda: run(2, initial=1)) == ({2}, 1)
    assert in_new_thread(lambda: run(1, initial=3)) == ({1}, 3)


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


@pytest.mark.parametrize("given, expected", [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_importing_core_lets_openmp_helpers_sleep_unless_the_user_chose(given, expected) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given is not None:
        env["OMP_WAIT_POLICY"] = given
    code = "import os, core; print(os.environ['OMP_WAIT_POLICY'])"
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True)
    assert done.stdout.strip() == expected


def test_each_model_has_its_own_fixed_thread_count_and_a_config_stores_the_one_used() -> None:
    from core.config import DEFAULT_THREADS, MODEL_NAMES, ConfigError, TrainConfig

    assert set(DEFAULT_THREADS) == set(MODEL_NAMES)
    for model in MODEL_NAMES:
        assert TrainConfig(model=model).threads == DEFAULT_THREADS[model]
        # A checkpoint saved before threads were stored trains again on the model's count.
        assert TrainConfig.from_dict({"model": model}).threads == DEFAULT_THREADS[model]
        assert TrainConfig(model=model, threads=3).to_dict()["threads"] == 3
    with pytest.raises(ConfigError, match="threads"):
        TrainConfig(threads=-1).validate()
