"""When a run has gone wrong, and how to say so: divergence (the loss blew up) and collapse (the
model ended no better than guessing). Kept apart from the loop so the rules can be read, and
tested, on their own."""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING

from core.config import RECOMMENDED

if TYPE_CHECKING:
    from core.config import TrainConfig
    from core.train_events import EpochEvent

CHANCE_LOSS = math.log(10)  # cross-entropy of a uniform guess over ten classes
# A batch loss this far above guessing means the run has blown up even when it is still finite:
# the stable cross-entropy keeps lr 50 finite for ever, yet the model is useless.
DIVERGED_LOSS = 100.0
# ...as a mean over this many images, not one batch's. One image's loss can pass 100 in a healthy
# run: a picture the model gets confidently wrong (its class's logit 100 below the top one) costs
# 100 on its own, and at batch size 1 every batch loss is one image's (lr 0.1 on the real data:
# 5 such pictures in an epoch, none above 150). So the rule averages the batch losses of the last
# DIVERGENCE_IMAGES images, counting batches not yet run as 0: a blown-up model keeps the mean
# high, a wrong picture adds a 256th of its loss. From batch size 256 up this is one batch, the
# rule it always was; a batch of 32 averaging 1,000 is still divergence at once.
DIVERGENCE_IMAGES = 256
# Below this batch size, the divergence advice also suggests a larger batch.
SMALL_BATCH = 16
# Weights are remembered as "last good" only while the model does clearly better than guessing:
# the untrained model's loss is already ln 10, so a looser bound would call it "good" and a run
# that diverges in its first batches would hand back untrained weights as if they were a result.
GOOD_LOSS = 0.9 * CHANCE_LOSS
# Test accuracy at or below this is no better than guessing one of ten classes (10 %).
CHANCE_ACC = 0.15
# A run stuck at chance whose epoch loss improves by less than this share is not learning.
STUCK_IMPROVEMENT = 0.01


class DivergenceWatch:
    """Has the run diverged, given its batch losses in order? NaN or infinity at once; else when
    the mean over the batches covering the last DIVERGENCE_IMAGES images passes DIVERGED_LOSS
    (see DIVERGENCE_IMAGES for why)."""

    def __init__(self, batch_size: int) -> None:
        self.window = max(1, math.ceil(DIVERGENCE_IMAGES / batch_size))
        self._recent: deque[float] = deque(maxlen=self.window)

    def diverged(self, batch_loss: float) -> bool:
        if not math.isfinite(batch_loss):
            return True
        self._recent.append(batch_loss)
        return sum(self._recent) > DIVERGED_LOSS * self.window  # at most 256 numbers per step


def divergence_message(config: TrainConfig, epoch: int, batch: int, loss: float, good_when: str) -> str:
    """What happened and what to change, from the run's own settings."""
    what = "became infinite or NaN" if not math.isfinite(loss) else f"exploded to {loss:.3g}"
    if good_when:
        restored = f"The model was restored to its last good weights, from {good_when}."
    else:
        restored = (
            "There were no last good weights yet: the model is back at its untrained starting "
            "weights, which are not a result worth saving."
        )
    recommended = RECOMMENDED[config.model]
    # Always below the run's own rate: a tenth of it, or the model's usual rate when that is lower.
    smaller_lr = min(recommended["lr"], config.lr / 10)
    advice = (
        f"The learning rate {config.lr:g} is too large for this model; "
        f"try a smaller one (e.g. {smaller_lr:g})"
    )
    if config.batch_size < SMALL_BATCH:
        advice += (
            f", or a larger batch (e.g. {recommended['batch_size']}): at batch size {config.batch_size} "
            "each step follows too few images"
        )
    return f"training diverged: the loss {what} in epoch {epoch}, batch {batch}. {advice}. {restored}"


def collapse_message(history: list[EpochEvent], lr: float, recommended_lr: float, *, final: bool) -> str:
    """Why the run counts as collapsed after the epochs in `history`, or "" while it is not.

    Collapsed: test accuracy back at chance after an epoch that was better (dead ReLU units do
    not come back, so waiting is pointless); with a learning rate above the model's recommended
    one, at chance for two epochs running while the training loss no longer improves; or still
    at chance when the last epoch ends. A small learning rate is never cut short: watching it
    crawl is a lesson of its own."""
    last = history[-1]
    if last.test_acc > CHANCE_ACC:
        return ""
    best = max(history, key=lambda e: e.test_acc)
    guessing = f"test accuracy {last.test_acc:.1%}, no better than guessing one of ten classes"
    large = lr > recommended_lr
    if large:
        advice = (
            f"The learning rate {lr:g} is too large for this model; "
            f"try a smaller one (e.g. {recommended_lr:g})."
        )
    else:
        advice = (
            f"The learning rate {lr:g} is too small to learn anything in {last.epochs} epochs; "
            f"try a larger one (e.g. {recommended_lr:g}) or more epochs."
        )
    advice += " The weights are useless: nothing worth saving."
    if best.test_acc > CHANCE_ACC:
        return (
            f"training collapsed in epoch {last.epoch}: {guessing} "
            f"(it was {best.test_acc:.1%} after epoch {best.epoch}). {advice}"
        )
    stuck = len(history) >= 2 and history[-2].loss - last.loss < STUCK_IMPROVEMENT * history[-2].loss
    if (stuck and large) or final:
        return f"training collapsed: after epoch {last.epoch} the model is stuck at {guessing}. {advice}"
    return ""
