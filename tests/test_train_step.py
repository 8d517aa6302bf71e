"""Deferred reads and the CUDA-graph step: host syncs per epoch, the event stream unchanged, the
partial batch. The CUDA tests run only where torch sees a GPU; the rest covers the same code on
the CPU (DeviceSteps without graphs runs exactly what is captured on CUDA)."""

import math
from dataclasses import replace

import pytest
import torch

from core.config import TrainConfig
from core.train_events import BatchEvent, EpochEvent, RunEnded, TrainControl
from core.train_step import DeviceSteps, EagerSteps, batch_count, split_batches
from core.trainer import Trainer

CUDA = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


# Runs compared bit for bit must keep one thread count (tests/conftest.py).


def _config(**overrides) -> TrainConfig:
    values = {
        "model": "softmax-scratch",
        "epochs": 2,
        "lr": 0.5,
        "batch_size": 32,
        "device": "cpu",
        "seed": 3,
    }
    return TrainConfig(**{**values, **overrides})


def _comparable(event):
    """The event without what depends on timing (the rate, the epoch's seconds)."""
    if isinstance(event, BatchEvent):
        return replace(event, samples_per_second=0.0)
    if isinstance(event, EpochEvent):
        return replace(event, seconds=0.0)
    return event


def _stream(dataset, config: TrainConfig, **options) -> list:
    return [_comparable(e) for e in Trainer(config, dataset, **options).run()]


class _SyncCounter:
    """Counts the Python-level reads of tensor values: each is a host sync on a GPU."""

    NAMES = ("item", "tolist", "__bool__", "__float__", "__int__", "numpy", "cpu")

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        for name in self.NAMES:
            original = getattr(torch.Tensor, name)
            monkeypatch.setattr(torch.Tensor, name, self._counting(original))

    def _counting(self, original):
        def wrapper(tensor, *args, **kwargs):
            self.count += 1
            return original(tensor, *args, **kwargs)

        return wrapper


def test_split_batches():
    assert split_batches(600, 32) == (18, 24)
    assert split_batches(64, 32) == (2, 0)
    assert split_batches(10, 32) == (0, 10)
    assert [batch_count(n, 32) for n in (600, 64, 10, 0)] == [19, 2, 1, 0]
    with pytest.raises(ValueError):
        split_batches(10, 0)


@pytest.mark.parametrize("deferred", [False, True])
def test_host_reads_per_epoch(tiny_dataset, monkeypatch, deferred):
    """Deferred: one read of the batch statistics and one of the test evaluation per epoch.
    Eager (the CPU default) reads twice per batch, which is free on a CPU."""
    config = _config(epochs=3)
    trainer = Trainer(config, tiny_dataset, read_interval_s=math.inf if deferred else 0.0)
    counter = _SyncCounter(monkeypatch)
    events = list(trainer.run())
    monkeypatch.undo()
    assert events[-1].reason == "finished"
    assert len([e for e in events if isinstance(e, BatchEvent)]) == 3 * 19
    if deferred:
        assert counter.count <= 3 * 2
    else:
        assert counter.count >= 3 * 19 * 2


@pytest.mark.parametrize(
    "overrides",
    [{}, {"model": "softmax"}, {"model": "mlp", "augment": "sketch", "lr": 0.1}, {"batch_size": 64}],
    ids=["scratch", "softmax", "mlp-sketch", "exact-batches"],
)
@pytest.mark.parametrize("interval", [math.inf, 1e-4])
def test_deferred_reads_give_the_same_event_stream(tiny_dataset, overrides, interval):
    """Same seed, same events (losses, accuracies, counts, order), whether read after every batch
    or in bursts; 1e-4 s makes bursts of varying length, inf one burst per epoch."""
    config = _config(**overrides)
    eager = _stream(tiny_dataset, config, read_interval_s=0.0)
    deferred = _stream(tiny_dataset, config, read_interval_s=interval)
    assert len(eager) == len(deferred) == 2 * batch_count(600, config.batch_size) + 2 + 1
    for left, right in zip(eager, deferred, strict=True):
        assert type(left) is type(right)
        if isinstance(left, BatchEvent):
            assert right.batch_loss == pytest.approx(left.batch_loss, abs=1e-6)
            assert right.loss == pytest.approx(left.loss, abs=1e-6)
            assert (right.epoch, right.batch, right.acc, right.samples_seen) == (
                left.epoch,
                left.batch,
                left.acc,
                left.samples_seen,
            )
        elif isinstance(left, EpochEvent):
            assert right.loss == pytest.approx(left.loss, abs=1e-6)
            assert replace(right, loss=0.0) == replace(left, loss=0.0)
        else:
            assert right == left


def test_deferred_reads_still_catch_divergence(tiny_dataset):
    config = _config(lr=50.0, model="mlp")
    eager = _stream(tiny_dataset, config, read_interval_s=0.0)
    trainer = Trainer(config, tiny_dataset, read_interval_s=math.inf)
    start = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    deferred = [_comparable(e) for e in trainer.run()]
    assert deferred[-1].reason == "diverged" and deferred[-1].restored_good is False
    # the same batch is named, the events before it are the same, the start weights are back
    assert deferred == eager
    assert all(torch.equal(start[k], v) for k, v in trainer.model.state_dict().items())


class StopAfter(TrainControl):
    def __init__(self, checks: int) -> None:
        super().__init__()
        self.left = checks

    @property
    def stopped(self) -> bool:
        self.left -= 1
        return self.left < 0


def test_a_stop_with_unread_diverged_batches_reports_the_divergence(tiny_dataset):
    """Stopped before the first read: the unread batches are checked, the start weights return."""
    trainer = Trainer(
        _config(lr=50.0, model="mlp"), tiny_dataset, control=StopAfter(8), read_interval_s=math.inf
    )
    start = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    events = list(trainer.run())
    assert len(events) == 1 and events[0].reason == "diverged" and events[0].restored_good is False
    assert all(torch.equal(start[k], v) for k, v in trainer.model.state_dict().items())


def test_stop_between_steps_with_deferred_reads(tiny_dataset):
    events = list(
        Trainer(_config(epochs=5), tiny_dataset, control=StopAfter(30), read_interval_s=math.inf).run()
    )
    assert events[-1] == RunEnded("stopped", "stopped by request during epoch 2")


@pytest.mark.parametrize("batch_size", [32, 64, 1000])
def test_device_steps_match_eager_steps_on_the_cpu(tiny_dataset, batch_size):
    """The code captured on CUDA, run eagerly: same numbers as the plain step, partial batch too."""
    from core.data import to_model_input
    from core.models import build_model, make_update_step

    x, y = to_model_input(tiny_dataset.train_images), tiny_dataset.train_labels
    order = torch.randperm(600, generator=torch.Generator().manual_seed(0))
    results = []
    for kind in (EagerSteps, DeviceSteps):
        model = build_model("mlp", torch.Generator().manual_seed(0))
        update = make_update_step("mlp", model, 0.1)
        if kind is EagerSteps:
            steps = EagerSteps(update, x, y, lambda images: images, batch_size)
        else:
            steps = DeviceSteps(update, model, x, y, lambda images: images, batch_size, graphs=True)
            assert not steps.use_graphs  # no CUDA here: eager, same code
        steps.start_epoch(order)
        for batch in range(steps.batches):
            steps.step(batch)
        results.append((steps.read(0, steps.batches), model.state_dict()))
    (eager_rows, eager_weights), (device_rows, device_weights) = results
    assert len(device_rows) == batch_count(600, batch_size)
    assert [c for _, c in device_rows] == [c for _, c in eager_rows]
    assert [loss for loss, _ in device_rows] == pytest.approx([loss for loss, _ in eager_rows], abs=1e-6)
    assert all(torch.equal(eager_weights[k], device_weights[k]) for k in eager_weights)


@CUDA
@pytest.mark.parametrize("model", ["softmax-scratch", "softmax", "mlp", "cnn"])
def test_cuda_graph_run_matches_the_eager_cuda_run(tiny_dataset, model):
    config = _config(model=model, device="cuda", lr=0.1)
    graph_trainer = Trainer(config, tiny_dataset, read_interval_s=math.inf, cuda_graphs=True)
    graphed = [_comparable(e) for e in graph_trainer.run()]
    assert graph_trainer.graph_used, graph_trainer.graph_note  # really captured and replayed
    eager = _stream(tiny_dataset, config, read_interval_s=math.inf, cuda_graphs=False)
    assert [type(e) for e in graphed] == [type(e) for e in eager]
    # cuDNN may pick other convolution algorithms inside a capture (and its backward sums in no
    # fixed order), so the cnn's losses drift apart over the batches (on an H200: 2e-4 after a
    # few batches, 15 % on the 24-image batch 19): its first batches must agree closely, the
    # rest only as a run that learned the same.
    loose = model == "cnn"
    for left, right in zip(eager, graphed, strict=True):
        if isinstance(left, BatchEvent):
            if left.epoch == 1 and left.batch <= 3:
                assert right.batch_loss == pytest.approx(left.batch_loss, rel=1e-3), (left, right)
            elif not loose:
                assert right.batch_loss == pytest.approx(left.batch_loss, rel=1e-4, abs=1e-5), (left, right)
        elif isinstance(left, EpochEvent):
            assert right.loss == pytest.approx(left.loss, rel=0.1 if loose else 1e-4), (left, right)
            assert right.test_acc == pytest.approx(left.test_acc, abs=0.1 if loose else 0.02), (left, right)
    assert graphed[-1].reason == "finished"


@CUDA
def test_cuda_graph_with_sketch_augmentation_runs_and_learns(tiny_dataset):
    trainer = Trainer(_config(model="cnn", device="cuda", lr=0.05, augment="sketch", epochs=3), tiny_dataset)
    events = list(trainer.run())
    assert trainer.graph_used, trainer.graph_note
    assert events[-1].reason == "finished"
    assert [e for e in events if isinstance(e, EpochEvent)][-1].test_acc > 0.5
