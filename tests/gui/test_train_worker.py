"""gui/train/worker.py and gui/freed_memory.py: a run's memory goes back to the system when it ends."""

from __future__ import annotations

import dataclasses
import sys
import weakref

import pytest

from gui import freed_memory
from gui.train import worker


def event(cls, **values):
    return cls(**{field.name: values.get(field.name, 1) for field in dataclasses.fields(cls)})


class FakeTrainer:
    def __init__(self, events):
        import torch

        self.model = torch.nn.Linear(2, 2)
        self._events = events

    def run(self):
        yield from self._events


def watched_run(monkeypatch, events):
    """training_updates over a fake trainer; records, at each trim, whether the trainer was gone."""
    made: list[weakref.ref] = []
    trimmed_with_trainer_gone: list[bool] = []

    def make_trainer():
        trainer = FakeTrainer(events)
        made.append(weakref.ref(trainer))
        return trainer

    monkeypatch.setattr(
        worker, "return_freed_memory", lambda: trimmed_with_trainer_gone.append(made[0]() is None)
    )
    return worker.training_updates(make_trainer), trimmed_with_trainer_gone


def test_a_run_that_ends_frees_its_trainer_then_returns_the_memory(monkeypatch):
    from core.train_events import BatchEvent, RunEnded

    events = [event(BatchEvent, progress=0.1, batch_loss=2.0), event(RunEnded, reason="finished")]
    updates, trims = watched_run(monkeypatch, events)
    assert isinstance(list(updates)[-1], RunEnded)
    assert trims == [True]


def test_a_stopped_run_frees_its_trainer_then_returns_the_memory(monkeypatch):
    """Stop closes the generator at a yield; the GeneratorExit's traceback must not keep the
    trainer alive while the pages are handed back."""
    from core.train_events import BatchEvent, RunEnded

    batches = [event(BatchEvent, progress=i / 100, batch_loss=2.0) for i in range(1, 50)]
    updates, trims = watched_run(monkeypatch, [*batches, event(RunEnded, reason="finished")])
    next(updates)
    assert trims == []
    updates.close()
    assert trims == [True]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_free_heap_pages_are_handed_back_on_linux():
    chunks = [bytearray(64 << 10) for _ in range(400)]  # 25 MB on the heap (each under mmap's size)
    pin = bytearray(64 << 10)  # keeps the freed chunks below the heap's top: malloc keeps them
    del chunks
    assert freed_memory.return_freed_memory() is True
    del pin
