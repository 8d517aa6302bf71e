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
