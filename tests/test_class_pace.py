"""Class pace and stepping: the same numbers as at full speed, one minibatch or one epoch per step,
the stage values of the step itself, and a Stop that ends a long paced wait at once."""

import threading

import pytest
import torch

from core.lesson.scratch import softmax
from core.models import build_model
from core.train_events import BatchEvent, EpochEvent, MinibatchShown, Pacer, PausedAt, RunEnded, TrainControl
from core.trainer import Trainer
from tests.test_train_step import _config

SAFETY_TIMEOUT_S = 60  # only a hang reaches it; nothing here measures time


class CountingPacer(Pacer):
    """Class pace that never really waits: counts the waits the trainer asks for."""

    def __init__(self) -> None:
        super().__init__(seconds=30.0)
        self.waits = 0

    def wait(self, control: TrainControl) -> float:
        self.waits += 1
        return 0.0


def _numbers(events: list) -> tuple[list[str], list[float]]:
    lines = [e.lesson_line() for e in events if isinstance(e, EpochEvent)]
    losses = [e.batch_loss for e in events if isinstance(e, BatchEvent)]
    return lines, losses


@pytest.mark.parametrize("model", ["softmax-scratch", "softmax", "mlp"])
def test_class_pace_gives_the_numbers_of_full_speed_bit_for_bit(tiny_dataset, model):
    full = list(Trainer(_config(model=model), tiny_dataset).run())
    pacer = CountingPacer()
    paced = list(Trainer(_config(model=model), tiny_dataset, pacer=pacer).run())
    assert _numbers(paced) == _numbers(full)
    batches = [e for e in paced if isinstance(e, BatchEvent)]
    shown = [e for e in paced if isinstance(e, MinibatchShown)]
    assert len(shown) == len(batches) == pacer.waits == 2 * 19
    assert [(s.epoch, s.batch) for s in shown] == [(b.epoch, b.batch) for b in batches]
    assert all(s.loss == b.batch_loss for s, b in zip(shown, batches, strict=True))


def test_a_real_pacer_with_a_tiny_pace_keeps_the_numbers(tiny_dataset):
    full = list(Trainer(_config(epochs=1), tiny_dataset).run())
    paced = list(Trainer(_config(epochs=1), tiny_dataset, pacer=Pacer(seconds=0.01)).run())
    assert _numbers(paced) == _numbers(full)


def test_full_speed_with_a_pacer_shows_nothing(tiny_dataset):
    events = list(Trainer(_config(epochs=1), tiny_dataset, pacer=Pacer(None)).run())
    assert not [e for e in events if isinstance(e, MinibatchShown)]
    assert _numbers(events) == _numbers(list(Trainer(_config(epochs=1), tiny_dataset).run()))


def test_stage_values_are_the_steps_own(tiny_dataset):
    """The first minibatch's gradients, caught in the step, equal Xᵀ(ŷ − onehot(y)) at the start weights."""
    config = _config(epochs=1)
    start = build_model(config.model, torch.Generator().manual_seed(config.seed))
    run = Trainer(config, tiny_dataset, pacer=CountingPacer()).run()
    shown = next(e for e in run if isinstance(e, MinibatchShown))
    run.close()
    assert shown.images.dtype.name == "uint8" and shown.images.shape == (32, 28, 28)
    assert shown.labels.shape == (32,)
    x = torch.from_numpy(shown.images).reshape(32, -1).float() / 255
    y = torch.from_numpy(shown.labels)
    with torch.no_grad():
        logits = x @ start.W + start.b
        delta = softmax(logits) - torch.nn.functional.one_hot(y, 10).float()
    stages = shown.stage_values
    assert {k: v["shape"] for k, v in stages.items()} == {
        "X": (32, 784),
        "O": (32, 10),
        "y_hat": (32, 10),
        "loss": (32,),
        "grad_W": (784, 10),
        "grad_b": (10,),
    }
    assert stages["O"]["sample"] == pytest.approx(logits[0, :4].tolist(), abs=1e-6)
    assert stages["grad_b"]["sample"] == pytest.approx(delta.sum(0)[:4].tolist(), abs=1e-5)
    centre = 14 * 28 + 12
    assert stages["grad_W"]["sample"] == pytest.approx((x.t() @ delta)[centre, :4].tolist(), abs=1e-4)
    assert stages["X"]["sample"] == pytest.approx(x[0, centre : centre + 4].tolist())
    assert stages["grad_W"]["where"] == f"grad_W[{centre}, 0:4]"


def test_one_minibatch_step_runs_exactly_one_batch(tiny_dataset):
    control = TrainControl()
    control.pause()
    control.step()
    run = Trainer(_config(), tiny_dataset, control=control, pacer=Pacer(None)).run()
    first, shown = next(run), next(run)
    assert isinstance(first, BatchEvent) and first.batch == 1
    assert isinstance(shown, MinibatchShown) and shown.stepped and shown.batch == 1
    control.step()
    assert next(run).batch == 2 and next(run).batch == 2
    control.stop()  # were another batch let through, it would come before the end
    assert next(run) == RunEnded("stopped", "stopped by request during epoch 1")


def _until(run, last) -> list:
    events = [next(run)]
    while not last(events[-1]):
        events.append(next(run))
    return events


def test_a_pause_says_the_batch_it_stops_at_and_a_step_then_takes_the_next_one(tiny_dataset):
    """F6 then F7 went from 149 to 152: the window had not yet drawn the batches trained before the
    pause. The trainer says where it stops before it waits (the window draws it), and a step from
    there is that batch plus one."""
    control = TrainControl()
    run = Trainer(_config(epochs=1), tiny_dataset, control=control, pacer=CountingPacer()).run()
    _until(run, lambda e: isinstance(e, BatchEvent) and e.batch == 3)
    control.pause()  # while batch 3's events are on their way
    events = _until(run, lambda e: isinstance(e, PausedAt))
    assert events[-1] == PausedAt(1, 3)
    assert not [e for e in events if isinstance(e, BatchEvent)]  # nothing trained beyond it
    control.step()
    stepped = _until(run, lambda e: isinstance(e, PausedAt))
    assert [e.batch for e in stepped if isinstance(e, BatchEvent)] == [4]
    assert stepped[-1] == PausedAt(1, 4)
    control.stop()
    assert next(run) == RunEnded("stopped", "stopped by request during epoch 1")


def test_one_epoch_step_runs_to_the_epochs_end(tiny_dataset):
    full = list(Trainer(_config(), tiny_dataset).run())
    control = TrainControl()
    control.pause()
    run = Trainer(_config(), tiny_dataset, control=control, pacer=Pacer(None)).run()
    control.step(3)  # part of the epoch one minibatch at a time, then the rest in one go
    events = [next(run) for _ in range(6)]
    assert [e.batch for e in events] == [1, 1, 2, 2, 3, 3]
    control.step_epoch()
    while not isinstance(events[-1], EpochEvent):
        events.append(next(run))
    assert [e.batch for e in events if isinstance(e, BatchEvent)] == list(range(1, 20))
    control.step_epoch()  # the next epoch, whole
    while not isinstance(events[-1], EpochEvent) or events[-1].epoch < 2:
        events.append(next(run))
    events.append(next(run))
    assert events[-1] == RunEnded("finished", "finished 2 epochs")
    assert _numbers(events) == _numbers(full)  # stepping changes when, never what


def test_stop_during_a_long_paced_wait_ends_the_run_at_once(tiny_dataset):
    control = TrainControl()
    pacer = Pacer(seconds=3600.0)  # an hour for the run: the first wait alone is minutes
    first_shown, ended = threading.Event(), []

    def train() -> None:
        for event in Trainer(_config(), tiny_dataset, control=control, pacer=pacer).run():
            if isinstance(event, MinibatchShown):
                first_shown.set()  # the trainer goes on into its wait once this is consumed
            ended.append(event)

    thread = threading.Thread(target=train)
    thread.start()
    assert first_shown.wait(SAFETY_TIMEOUT_S)
    control.stop()
    thread.join(SAFETY_TIMEOUT_S)
    assert not thread.is_alive()
    assert ended[-1].reason == "stopped"
    assert sum(isinstance(e, BatchEvent) for e in ended) == 1


def test_pacer_spreads_the_run_over_its_seconds():
    asked: list[float] = []

    class Recording(TrainControl):
        def nap(self, seconds: float) -> float:
            asked.append(seconds)
            return 0.0

    pacer = Pacer(seconds=30.0)
    pacer.start(5 * 235)  # the lesson's run: 5 epochs of 235 minibatches
    pacer.wait(Recording())
    assert asked == [pytest.approx(30.0 / 1175)]
    pacer.set_seconds(None)
    assert pacer.wait(Recording()) == 0.0 and len(asked) == 1


def test_a_pacer_shows_at_most_one_minibatch_per_interval_but_waits_after_each(tiny_dataset):
    class Slow(CountingPacer):
        def __init__(self) -> None:
            super().__init__()
            self.show_every_s = 3600.0  # one minibatch an hour: only the first is shown

    pacer = Slow()
    events = list(Trainer(_config(), tiny_dataset, pacer=pacer).run())
    assert [(e.epoch, e.batch) for e in events if isinstance(e, MinibatchShown)] == [(1, 1)]
    assert pacer.waits == 2 * 19
    assert _numbers(events) == _numbers(list(Trainer(_config(), tiny_dataset).run()))


def test_stepping_a_run_whose_reads_are_deferred_shows_the_step(tiny_dataset):
    """The GPU's way (numbers kept on the device, read in bursts), run on the CPU: a step is read
    and shown at once, with the numbers of a run that was never stepped."""
    control = TrainControl()
    control.pause()
    control.step()
    run = Trainer(
        _config(epochs=1), tiny_dataset, control=control, pacer=Pacer(None), read_interval_s=60
    ).run()
    first, shown = next(run), next(run)
    assert isinstance(first, BatchEvent) and first.batch == 1
    assert isinstance(shown, MinibatchShown) and shown.stepped and shown.loss == first.batch_loss
    control.resume()
    events = [first, shown, *run]
    assert _numbers(events) == _numbers(list(Trainer(_config(epochs=1), tiny_dataset).run()))


def test_one_epoch_step_without_a_pacer_also_ends_at_the_epochs_end(tiny_dataset):
    control = TrainControl()
    control.pause()
    control.step_epoch()
    run = Trainer(_config(), tiny_dataset, control=control).run()
    events = [next(run)]
    while not isinstance(events[-1], EpochEvent):
        events.append(next(run))
    control.stop()
    assert next(run) == RunEnded("stopped", "stopped by request during epoch 2")
    assert [e.batch for e in events if isinstance(e, BatchEvent)] == list(range(1, 20))
