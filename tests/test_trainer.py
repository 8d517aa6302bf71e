"""The trainer as an event stream: learning, stop, pause, divergence, reproducibility, devices."""

import threading
import time

import pytest
import torch

from core.config import ConfigError, TrainConfig
from core.device import cpu_state_dict, resolve_device
from core.train_events import BatchEvent, EpochEvent, PausedAt, RunEnded, TrainControl
from core.trainer import Trainer

# Runs compared bit for bit must keep one thread count (tests/conftest.py).


def _config(**overrides) -> TrainConfig:
    values = {
        "model": "softmax-scratch",
        "epochs": 3,
        "lr": 0.5,
        "batch_size": 32,
        "device": "cpu",
        "seed": 1,
    }
    return TrainConfig(**{**values, **overrides})


def test_run_streams_batches_then_epochs_and_learns(tiny_dataset):
    events = list(Trainer(_config(), tiny_dataset).run())
    batches = [e for e in events if isinstance(e, BatchEvent)]
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert isinstance(events[-1], RunEnded) and events[-1].reason == "finished"
    assert len(epochs) == 3
    assert len(batches) == 3 * 19  # 600 images / 32 per batch, last batch partial
    assert batches[-1].samples_seen == 3 * 600
    assert [b.progress for b in batches[:2]] == pytest.approx([1 / 19, 2 / 19])
    assert epochs[-1].test_acc > 0.9  # the synthetic classes are easy: learning must show
    assert epochs[-1].loss < epochs[0].loss
    assert epochs[0].lesson_line().startswith("epoch 1, loss ")


def test_events_are_immutable(tiny_dataset):
    event = next(iter(Trainer(_config(epochs=1), tiny_dataset).run()))
    with pytest.raises(AttributeError):
        event.loss = 0.0


def test_same_seed_same_run_and_other_seed_differs(tiny_dataset):
    def losses(seed: int) -> list[float]:
        return [
            e.batch_loss for e in Trainer(_config(seed=seed), tiny_dataset).run() if isinstance(e, BatchEvent)
        ]

    assert losses(7) == losses(7)
    assert losses(7) != losses(8)


def test_stop_between_batches(tiny_dataset):
    control = TrainControl()
    events = []
    for event in Trainer(_config(epochs=50), tiny_dataset, control=control).run():
        events.append(event)
        if len(events) == 5:
            control.stop()
    assert len(events) == 6
    assert events[-1] == RunEnded("stopped", "stopped by request during epoch 1")


def test_pause_blocks_until_resumed_from_another_thread(tiny_dataset):
    control = TrainControl()
    run = Trainer(_config(epochs=1), tiny_dataset, control=control).run()
    next(run)
    control.pause()
    assert next(run) == PausedAt(1, 1)  # where it stops, said before it waits
    resumer = threading.Timer(0.3, control.resume)
    resumer.start()
    started = time.perf_counter()
    second = next(run)
    assert time.perf_counter() - started >= 0.25
    assert isinstance(second, BatchEvent) and second.batch == 2
    epoch = next(e for e in run if isinstance(e, EpochEvent))
    assert epoch.seconds < time.perf_counter() - started  # paused time is not counted in the epoch


def test_stop_wakes_a_paused_run(tiny_dataset):
    control = TrainControl()
    run = Trainer(_config(), tiny_dataset, control=control).run()
    next(run)
    control.pause()
    threading.Timer(0.1, control.stop).start()
    assert next(e for e in run if not isinstance(e, PausedAt)).reason == "stopped"


@pytest.mark.parametrize("model", ["softmax-scratch", "mlp"])
def test_divergence_stops_and_restores_last_good_weights(tiny_dataset, model):
    trainer = Trainer(_config(model=model, lr=50.0, epochs=2), tiny_dataset)
    start = cpu_state_dict(trainer.model)
    events = list(trainer.run())
    assert events[-1].reason == "diverged"
    assert "learning rate 50 is too large" in events[-1].message
    weights = cpu_state_dict(trainer.model)
    assert all(torch.isfinite(w).all() for w in weights.values())
    # lr 50 blows up within a few batches, before any snapshot: the start weights come back,
    # and the event says they are no result (the CLI must not save them over a good file)
    assert all(torch.equal(start[k], weights[k]) for k in start)
    assert events[-1].restored_good is False
    assert "untrained starting weights" in events[-1].message


def _explode_after(model: torch.nn.Module, calls: int, factor: float) -> list[torch.Tensor]:
    """From the forward call number `calls` on, the model's outputs are multiplied by `factor`.

    Returns a list that receives a copy of the first weight tensor at each call, to compare."""
    seen: list[torch.Tensor] = []
    first = next(model.parameters())

    def hook(_module, _inputs, output):
        seen.append(first.detach().clone())
        return output * factor if len(seen) >= calls else output

    model.register_forward_hook(hook)
    return seen


def test_divergence_after_learning_restores_the_last_good_snapshot(tiny_dataset):
    trainer = Trainer(_config(epochs=1), tiny_dataset)
    weights_before_call = _explode_after(trainer.model, calls=15, factor=-1e6)
    events = list(trainer.run())
    assert events[-1].reason == "diverged" and events[-1].restored_good is True
    assert "last good weights, from epoch 1, batch 10" in events[-1].message
    # the snapshot after batch 10's update is what the 11th forward call saw
    assert torch.equal(trainer.model.W.detach(), weights_before_call[10])


def test_a_run_that_falls_back_to_chance_ends_collapsed(tiny_dataset):
    trainer = Trainer(_config(model="softmax", epochs=5), tiny_dataset)
    _explode_after(trainer.model, calls=19 + 1 + 1, factor=0.0)  # epoch 2 on: constant logits
    events = list(trainer.run())
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert len(epochs) == 2 and epochs[0].test_acc > 0.5 and epochs[1].test_acc <= 0.15
    assert events[-1].reason == "collapsed"
    assert "collapsed in epoch 2" in events[-1].message and "after epoch 1" in events[-1].message


def _epoch(epoch: int, loss: float, test_acc: float, epochs: int = 10) -> EpochEvent:
    return EpochEvent(epoch, epochs, loss, train_acc=test_acc, test_acc=test_acc, seconds=1.0)


def test_collapse_rules():
    from core.run_health import collapse_message

    learning = [_epoch(1, 0.6, 0.8), _epoch(2, 0.5, 0.82)]
    assert collapse_message(learning, 0.1, 0.1, final=True) == ""
    fell_back = [_epoch(1, 1.9, 0.263), _epoch(2, 2.3, 0.102)]  # the mlp at lr 1, seed 1
    assert "collapsed in epoch 2" in collapse_message(fell_back, 1.0, 0.1, final=False)
    # the cnn at lr 1-2: at chance from the start, the loss flat at ln 10
    stuck = [_epoch(1, 2.3040, 0.100), _epoch(2, 2.3030, 0.100)]
    assert collapse_message(stuck[:1], 2.0, 0.1, final=False) == ""  # one epoch: not yet
    assert "too large" in collapse_message(stuck, 2.0, 0.1, final=False)
    # a tiny learning rate crawls but is never cut short; only the last epoch's verdict counts
    assert collapse_message(stuck, 1e-5, 0.1, final=False) == ""
    assert "too small" in collapse_message(stuck, 1e-5, 0.1, final=True)


def test_sensible_learning_rate_does_not_trip_divergence(tiny_dataset):
    events = list(Trainer(_config(lr=1.0, epochs=2), tiny_dataset).run())
    assert events[-1].reason == "finished"


def test_evaluation_uses_eval_mode_and_no_grad(tiny_dataset):
    trainer = Trainer(_config(model="mlp", epochs=1), tiny_dataset)
    seen = []
    trainer.model.register_forward_hook(
        lambda mod, _in, _out: seen.append((mod.training, torch.is_grad_enabled()))
    )
    trainer.test_accuracy()
    assert seen and all(mode == (False, False) for mode in seen)


def test_devices():
    assert resolve_device("cpu") == torch.device("cpu")
    assert resolve_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(ConfigError, match="torch sees no CUDA"):
            resolve_device("cuda")


def test_invalid_config_is_refused(tiny_dataset):
    with pytest.raises(ConfigError, match="learning rate"):
        Trainer(_config(lr=0.0), tiny_dataset)
    with pytest.raises(ConfigError, match="batch size"):
        Trainer(_config(batch_size=0), tiny_dataset)


def test_sketch_augmentation_runs_through_the_trainer(tiny_dataset):
    events = list(Trainer(_config(model="cnn", epochs=1, lr=0.05, augment="sketch"), tiny_dataset).run())
    assert events[-1].reason == "finished"


class _StopAfterChecks(TrainControl):
    """A control whose stop flag turns on after `checks` reads of it: stops mid-evaluation."""

    def __init__(self, checks: int) -> None:
        super().__init__()
        self.checks_left = checks
        self.reads = 0

    @property
    def stopped(self) -> bool:
        self.reads += 1
        self.checks_left -= 1
        return self.checks_left < 0


def test_stop_during_the_test_evaluation_ends_the_run_promptly(tiny_dataset):
    from core.data import FashionMNIST

    # A test split of 200 chunks: the evaluation is most of the epoch, as on a busy machine.
    images = tiny_dataset.test_images.repeat(1000, 1, 1)
    labels = tiny_dataset.test_labels.repeat(1000)
    train = tiny_dataset.train_images[:64], tiny_dataset.train_labels[:64]
    big = FashionMNIST(*train, images, labels, "synthetic")
    # One epoch of 2 batches reads the flag twice; the evaluation reads it before each chunk.
    control = _StopAfterChecks(checks=2 + 3)
    trainer = Trainer(_config(batch_size=32, epochs=2), big, control=control)
    events = list(trainer.run())
    assert [type(e) for e in events] == [BatchEvent, BatchEvent, RunEnded]
    assert events[-1].reason == "stopped"
    assert "evaluation of epoch 1" in events[-1].message
    assert control.reads == 2 + 3 + 1  # it stopped at the first chunk boundary after the request


def test_a_cpu_cnn_trains_channels_last_and_is_handed_back_in_the_default_layout(tiny_dataset, monkeypatch):
    import core.trainer

    def run(channels_last: bool) -> tuple[list[float], list[bool], Trainer]:
        monkeypatch.setattr(core.trainer, "CHANNELS_LAST_ON_CPU", channels_last)
        trainer = Trainer(_config(model="cnn", epochs=1, lr=0.05, batch_size=64), tiny_dataset)
        losses, layouts = [], []
        for event in trainer.run():
            if isinstance(event, BatchEvent):
                losses.append(event.batch_loss)
                layouts.append(trainer.model[3].weight.is_contiguous(memory_format=torch.channels_last))
                published = cpu_state_dict(trainer.model)
                assert all(tensor.is_contiguous() for tensor in published.values())
        return losses, layouts, trainer

    fast, fast_layouts, trainer = run(True)
    assert all(fast_layouts)
    assert all(p.is_contiguous() for p in trainer.model.parameters())
    plain, plain_layouts, _ = run(False)
    assert not any(plain_layouts)
    assert fast == pytest.approx(plain, rel=1e-4, abs=1e-5)  # other kernels, the same arithmetic
