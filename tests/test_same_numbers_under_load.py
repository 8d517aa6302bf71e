"""Issue 18: the same seed and settings give the same run whether the machine is quiet or every
core is busy. Nothing in training may read the machine's load; this runs the same small training
twice, once with busy processes on every core, and compares every number it reports."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from core.config import TrainConfig
from core.parallelism import all_cores
from core.train_events import BatchEvent, EpochEvent
from core.trainer import Trainer


def _spin(stop) -> None:
    while not stop.is_set():
        pass


def _numbers(config: TrainConfig, dataset) -> list[tuple]:
    numbers = []
    for event in Trainer(config, dataset).run():
        if isinstance(event, BatchEvent):
            numbers.append((event.batch, event.batch_loss, event.acc))
        elif isinstance(event, EpochEvent):
            numbers.append((event.epoch, event.loss, event.train_acc, event.test_acc))
    return numbers


@pytest.mark.parametrize("model", ["softmax-scratch", "mlp"])
def test_a_run_repeats_bit_for_bit_with_every_core_busy(tiny_dataset, model: str) -> None:
    config = TrainConfig(model=model, epochs=1, lr=0.5, batch_size=32, seed=3)
    quiet = _numbers(config, tiny_dataset)
    context = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
    stop = context.Event()
    busy = [context.Process(target=_spin, args=(stop,), daemon=True) for _ in range(all_cores())]
    for process in busy:
        process.start()
    try:
        loaded = _numbers(config, tiny_dataset)
    finally:
        stop.set()
        for process in busy:
            process.join(10)
            if process.is_alive():
                process.kill()
    assert loaded == quiet
    assert len(quiet) == 1 + -(-600 // 32)  # every batch and the epoch were compared
