"""When a run has gone wrong, and how to say so: divergence (the loss blew up) and collapse (the
model ended no better than guessing). Kept apart from the loop so the rules can be read, and
tested, on their own."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.train_events import EpochEvent

CHANCE_LOSS = math.log(10)  # cross-entropy of a uniform guess over ten classes
# A batch loss this far above guessing means the run has blown up even when it is still finite:
# the stable cross-entropy keeps lr 50 finite for ever, yet the model is useless.
DIVERGED_LOSS = 100.0
# Weights are remembered as "last good" only while the model does clearly better than guessing:
# the untrained model's loss is already ln 10, so a looser bound would call it "good" and a run
# that diverges in its first batches would hand back untrained weights as if they were a result.
GOOD_LOSS = 0.9 * CHANCE_LOSS
# Test accuracy at or below this is no better than guessing one of ten classes (10 %).
CHANCE_ACC = 0.15
# A run stuck at chance whose epoch loss improves by less than this share is not learning.
STUCK_IMPROVEMENT = 0.01


def has_diverged(batch_loss: float) -> bool:
    return not math.isfinite(batch_loss) or batch_loss > DIVERGED_LOSS


def divergence_message(lr: float, epoch: int, batch: int, loss: float, good_when: str) -> str:
    what = "became infinite or NaN" if not math.isfinite(loss) else f"exploded to {loss:.3g}"
    if good_when:
        restored = f"The model was restored to its last good weights, from {good_when}."
    else:
        restored = (
            "There were no last good weights yet: the model is back at its untrained starting "
            "weights, which are not a result worth saving."
        )
    return (
        f"training diverged: the loss {what} in epoch {epoch}, batch {batch}. "
        f"The learning rate {lr:g} is too large for this model; try a smaller one (e.g. 0.1). {restored}"
    )


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
