"""core.run_health's divergence rule and advice: the advice comes from the run's own settings,
and a small batch's single bad picture is not a blown-up run."""

from __future__ import annotations

import math

import pytest

from core import run_health
from core.config import TrainConfig
from core.run_health import DIVERGED_LOSS, DIVERGENCE_IMAGES, DivergenceWatch, divergence_message
from core.train_events import RunEnded
from core.trainer import Trainer


def _advice(**settings) -> str:
    return divergence_message(TrainConfig(model="softmax-scratch", **settings), 1, 7, 150.0, "")


def test_the_suggested_rate_is_always_below_the_runs_own() -> None:
    message = _advice(lr=0.1, batch_size=1)
    assert "learning rate 0.1 is too large" in message and "(e.g. 0.01)" in message
    assert "(e.g. 0.1)" not in message
    assert "(e.g. 0.1)" in _advice(lr=50.0, batch_size=256)  # far too large: the lesson's rate
    assert "(e.g. 0.0003)" in divergence_message(
        TrainConfig(model="softmax", lr=0.003, optimizer="adamw"), 2, 1, math.nan, ""
    )


def test_a_tiny_batch_is_named_as_part_of_the_problem() -> None:
    assert "a larger batch (e.g. 256): at batch size 1" in _advice(lr=0.1, batch_size=1)
    assert "larger batch" not in _advice(lr=0.1, batch_size=256)


@pytest.mark.parametrize("batch_size", [1, 16, 100])
def test_one_pictures_loss_above_the_limit_is_not_divergence(batch_size: int) -> None:
    watch = DivergenceWatch(batch_size)
    losses = [0.5] * 1000
    losses[300] = losses[700] = DIVERGED_LOSS * 1.5
    assert not any(watch.diverged(loss) for loss in losses)


@pytest.mark.parametrize("batch_size", [1, 16, 100])
def test_losses_that_stay_high_are_divergence_within_the_window(batch_size: int) -> None:
    watch = DivergenceWatch(batch_size)
    for _ in range(50):
        assert not watch.diverged(0.5)
    verdicts = [watch.diverged(DIVERGED_LOSS * 3) for _ in range(watch.window)]
    assert any(verdicts)
    first = verdicts.index(True) + 1
    assert first * batch_size <= DIVERGENCE_IMAGES  # within the images the rule looks at


@pytest.mark.parametrize("batch_size", [1, 256])
def test_nan_or_infinity_is_divergence_at_once(batch_size: int) -> None:
    assert DivergenceWatch(batch_size).diverged(math.nan)
    assert DivergenceWatch(batch_size).diverged(math.inf)


def test_one_batch_that_blew_up_is_divergence_at_once() -> None:
    """An mlp at lr 50 blows up in one batch of 32 and its dead units then bring the loss back
    to chance: that one batch must count."""
    watch = DivergenceWatch(32)
    assert not watch.diverged(2.3)
    assert watch.diverged(1000.0)


def test_a_large_batch_keeps_the_one_batch_rule() -> None:
    watch = DivergenceWatch(256)
    assert watch.window == 1
    assert not watch.diverged(DIVERGED_LOSS) and watch.diverged(DIVERGED_LOSS + 1)


def test_a_batch_size_one_run_is_not_stopped_by_single_pictures(tiny_dataset, monkeypatch) -> None:
    """Scaled down: with the limit just above the untrained loss (ln 10), single pictures pass
    it from the first steps on, as single real pictures pass 100 (5 times in an epoch of
    the real data at lr 0.1); the run must still finish."""
    monkeypatch.setattr(run_health, "DIVERGED_LOSS", 1.2 * math.log(10))
    config = TrainConfig(model="softmax-scratch", epochs=1, lr=0.1, batch_size=1)
    ended = [event for event in Trainer(config, tiny_dataset).run() if isinstance(event, RunEnded)]
    assert ended[-1].reason == "finished", ended[-1].message
