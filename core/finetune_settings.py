"""Fine-tuning's settings and refusals, torch-free: the CLI's --help and the window's controls read
them before torch has loaded (core/finetune.py does the work)."""

from __future__ import annotations

import math

from core.errors import CodedError

__all__ = [
    "DEFAULT_LR",
    "DEFAULT_STEPS",
    "FINETUNE_THREADS",
    "MAX_STEPS",
    "MIN_SKETCHES",
    "FinetuneError",
    "check_enough",
    "held_count",
]

# 80 steps of 32 sketches + 32 photos: enough to move the model in a few seconds on two cores while
# the photos keep it from forgetting; learning from the repository's 60 mouse drawings the shipped cnn
# read the 120 corpus sketches 0.783 -> 0.767 and the test set 0.905 -> 0.896 (the cnn before it:
# 0.750 -> 0.775) (benchmarks/finetune_speed.py).
DEFAULT_STEPS = 80
MAX_STEPS = 5000
# The test images measured while a fine-tune runs: the first of the test set (core/finetune.py).
PROGRESS_TEST_IMAGES = 1000
# Adam at 3e-4 without weight decay (a pull towards zero has no place in a pretrained net): 5e-4
# forgot a little more (test 0.888), 2e-4 learnt less (held out 0.75); SGD with momentum forgot
# more for the same gain (0.852 at lr 0.03), and 64 photos a step instead of 32 cost time for +0.4 pt.
DEFAULT_LR = 3e-4
# Torch threads, fixed (never read off the machine) so a seed repeats. One, for every model: a step
# on 64 images is too small to share, and beside another busy process two threads made the cnn's
# step ~10x slower here (180 ms against 19 ms) and its test-set pass ~5x (benchmarks/finetune_speed.py
# --threads 2 prints it). Training from scratch keeps its own counts (core.config.DEFAULT_THREADS).
FINETUNE_THREADS = 1
# Fewer than this and the held-out accuracy is a coin toss over two or three drawings (a review's
# run on 2 sketches: test set 82.4% -> 74.5% for a held-out "— → —"), so a run is refused.
MIN_SKETCHES = 10


class FinetuneError(CodedError, ValueError):
    """A fine-tune that cannot start: codes "finetune.*" in core.errors.ENGLISH."""


def held_count(count: int, held_out: float | int) -> int:
    """How many of `count` sketches `held_out` holds out (a share rounded, or N at most all);
    FinetuneError("finetune.held_out") for anything else: a share must be from 0 to below 1."""
    if isinstance(held_out, bool) or not isinstance(held_out, (int, float)):
        raise FinetuneError("finetune.held_out", value=repr(held_out))
    if isinstance(held_out, float):
        if not (math.isfinite(held_out) and 0.0 <= held_out < 1.0):
            raise FinetuneError("finetune.held_out", value=repr(held_out))
        return round(held_out * count)
    if held_out < 0:
        raise FinetuneError("finetune.held_out", value=repr(held_out))
    return min(held_out, count)


def check_enough(train: int, held: int) -> None:
    """FinetuneError unless there are MIN_SKETCHES sketches in all and at least one is held out
    (without one the plot cannot say whether it learnt more than the drawings it saw)."""
    if train + held < MIN_SKETCHES:
        raise FinetuneError("finetune.too_few", count=train + held, needed=MIN_SKETCHES - train - held)
    if held < 1:
        raise FinetuneError("finetune.none_held")
