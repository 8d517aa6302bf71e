"""Teach a trained model the class's own sketches: fine-tune it on the kept sketches, a part held out.

A model trained on Fashion-MNIST's filled photos reads a mouse outline badly; a few dozen of the
class's sketches fix much of that in seconds. Two risks are shown, not hidden: that it only learnt
the sketches it saw (so a part is held out, chosen plainly enough for the teacher to see which),
and that it forgot the photos (so every batch also replays some Fashion-MNIST training images, and
the test accuracy is measured before, during and after).

The work is a generator (`finetune_steps`): progress values at each measurement and the result as
its return value, so the window's background job sees a stop at every yield, as it does for
training; `finetune` drives it with callbacks for the CLI and for tests. Same seed, same thread
count → the same weights bit for bit (one generator draws every random choice; the count is fixed,
never read off the machine: core/parallelism.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import Tensor, nn

from core.augment import flip_shift
from core.classes import NUM_CLASSES
from core.config import MAX_SEED, MAX_THREADS, MODEL_NAMES
from core.data import to_model_input
from core.finetune_settings import (
    DEFAULT_LR,
    DEFAULT_STEPS,
    FINETUNE_THREADS,
    MAX_STEPS,
    PROGRESS_TEST_IMAGES,
    FinetuneError,
    check_enough,
    held_count,
)
from core.models import build_model
from core.onednn_forward import compile_for_cpu
from core.parallelism import set_threads_here

if TYPE_CHECKING:
    from core.sketchbook import Sketch

SKETCHES_PER_STEP = 32
# Fashion-MNIST training images replayed in each step beside the sketches: what keeps the test
# accuracy from sliding while the net learns outlines.
REPLAY_PER_STEP = 32
# Mirrored shoes (students draw both ways) and hands that are off-centre by a pixel or two.
SHIFT_PX = 2
# Measurements during the run: held-out sketches (all) and this many test images, the first of the
# test set (it is shuffled by class already), every 5 steps of the default 80 (one costs about as
# much CPU as a step and a half); the whole test set before and after. (PROGRESS_TEST_IMAGES is in
# finetune_settings: the dialog's plot names it without importing torch.)
PROGRESS_POINTS = 16
EVAL_CHUNK = 1000


@dataclass
class FinetuneProgress:
    step: int  # steps done so far (0: the model as given)
    steps: int  # steps asked for
    held_acc: float  # accuracy on the held-out sketches; NaN when none are held out
    test_acc: float | None  # accuracy on the first PROGRESS_TEST_IMAGES test images; None without data
    loss: float  # mean training loss of the steps since the last progress (NaN at step 0)


@dataclass
class FinetuneResult:
    state_dict: dict  # CPU copies of the fine-tuned weights (those at the stop, when stopped)
    before: dict[str, float]  # "held_acc", and "test_acc" on the whole test set when there is data
    after: dict[str, float]  # the same, for the fine-tuned weights
    history: list[FinetuneProgress] = field(default_factory=list)
    stopped: bool = False  # should_stop said so before all the steps were taken


def split_sketches(
    sketches: Sequence[Sketch], held_out: float | int = 0.25
) -> tuple[list[Sketch], list[Sketch]]:
    """(train, held), each in the sketchbook's order; the same list always splits the same way.

    A float is the share held out, taken from each class alike: the newest `share` of every class
    (rounded so the total is round(share × count)), so the held-out part is the class's last
    drawings, easy for the teacher to point at. An int N holds out the last N sketches. Either way
    a class keeps at least one sketch in training where it has one to spare: its only sketch
    stays in train, and the next older sketch is held out instead."""
    items = list(sketches)
    wanted = held_count(len(items), held_out)
    if isinstance(held_out, float):
        chosen = _newest_of_each_class(items, wanted)
    else:
        chosen = _last_keeping_every_class(items, wanted)
    train = [sketch for index, sketch in enumerate(items) if index not in chosen]
    held = [sketch for index, sketch in enumerate(items) if index in chosen]
    return train, held


def _newest_of_each_class(items: list[Sketch], wanted: int) -> set[int]:
    by_class: dict[int, list[int]] = {}
    for index, sketch in enumerate(items):
        by_class.setdefault(sketch.label, []).append(index)
    # Largest remainder: each class's exact share rounded down, the rest to the largest fractions
    # (ties to the lower class number), never a class's last sketch.
    share = wanted / max(1, len(items))
    exact = {label: share * len(indices) for label, indices in by_class.items()}
    counts = {label: min(math.floor(value), len(by_class[label]) - 1) for label, value in exact.items()}
    order = sorted(by_class, key=lambda label: (-(exact[label] - math.floor(exact[label])), label))
    while sum(counts.values()) < wanted:
        spare = [label for label in order if counts[label] < len(by_class[label]) - 1]
        if not spare:
            break
        counts[spare[0]] += 1
        order.remove(spare[0])
        order.append(spare[0])
    chosen: set[int] = set()
    for label, indices in by_class.items():
        chosen.update(indices[len(indices) - counts[label] :] if counts[label] else [])
    return chosen


def _last_keeping_every_class(items: list[Sketch], wanted: int) -> set[int]:
    left = {}
    for sketch in items:
        left[sketch.label] = left.get(sketch.label, 0) + 1
    chosen: set[int] = set()
    for index in range(len(items) - 1, -1, -1):
        if len(chosen) == wanted:
            break
        label = items[index].label
        if left[label] > 1:
            chosen.add(index)
            left[label] -= 1
    return chosen


def finetune(
    model_name: str,
    state_dict: dict,
    train: Sequence[Sketch],
    held: Sequence[Sketch],
    *,
    on_progress: Callable[[FinetuneProgress], None] | None = None,
    **settings: Any,
) -> FinetuneResult:
    """Fine-tune and return the result; ``settings`` are `finetune_steps`'s keyword arguments."""
    work = finetune_steps(model_name, state_dict, train, held, **settings)
    while True:
        try:
            progress = next(work)
        except StopIteration as end:
            return end.value
        if on_progress is not None:
            on_progress(progress)


def finetune_steps(
    model_name: str,
    state_dict: dict,
    train: Sequence[Sketch],
    held: Sequence[Sketch],
    *,
    test_set: Any = None,
    steps: int = DEFAULT_STEPS,
    lr: float = DEFAULT_LR,
    seed: int = 0,
    threads: int | None = None,
    should_stop: Callable[[], bool] | None = None,
    replay: tuple[Tensor, Tensor] | None = None,
) -> Generator[FinetuneProgress, None, FinetuneResult]:
    """Yield a FinetuneProgress about PROGRESS_POINTS times (the first at step 0), return the result.

    `test_set`: a core.data.FashionMNIST (its test split is measured, its training split replayed),
    an (images uint8 [N, 28, 28], labels) pair of test images, or None (no test accuracy). `replay`:
    (images, labels) to replay instead of the dataset's training split. `threads`: torch threads for
    this thread, FINETUNE_THREADS unless given; put back when the work ends or is closed.
    `should_stop` is asked before every step: True ends the run early with `stopped` set and the
    weights as they were then, measured like a finished run's."""
    _check(model_name, train, steps, lr, seed, threads)
    check_enough(len(train), len(held))
    test_images, test_labels, replay = _data_parts(test_set, replay)
    previous_threads = torch.get_num_threads()
    set_threads_here(threads or FINETUNE_THREADS)
    try:
        return (
            yield from _run(
                model_name,
                state_dict,
                train,
                held,
                test_images,
                test_labels,
                replay,
                steps,
                lr,
                seed,
                should_stop or (lambda: False),
            )
        )
    finally:
        torch.set_num_threads(previous_threads)


def _check(
    model_name: str, train: Sequence[Sketch], steps: int, lr: float, seed: int, threads: int | None
) -> None:
    def whole(value: Any, low: int, high: int) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

    if model_name not in MODEL_NAMES:
        _refuse("the model", "one of " + ", ".join(MODEL_NAMES), model_name)
    if not whole(steps, 1, MAX_STEPS):
        _refuse("steps", f"a whole number from 1 to {MAX_STEPS}", steps)
    if not (isinstance(lr, (int, float)) and math.isfinite(lr) and 0 < lr <= 1):
        _refuse("the learning rate", "above 0 and at most 1", lr)
    if not whole(seed, 0, MAX_SEED):
        _refuse("the seed", f"a whole number from 0 to {MAX_SEED}", seed)
    if threads is not None and not whole(threads, 1, MAX_THREADS):
        _refuse("threads", f"a whole number from 1 to {MAX_THREADS}", threads)
    if not train:
        raise FinetuneError("finetune.nothing_to_train")


def _refuse(name: str, allowed: str, value: Any) -> None:
    raise FinetuneError("finetune.setting", name=name, allowed=allowed, value=repr(value))


def _data_parts(test_set: Any, replay: tuple[Tensor, Tensor] | None):
    """(test images as model input or None, test labels or None, replay pair or None)."""
    if test_set is None:
        return None, None, replay
    if hasattr(test_set, "test_images"):
        images, labels = test_set.test_images, test_set.test_labels
        if replay is None:
            replay = (test_set.train_images, test_set.train_labels)
    else:
        images, labels = test_set
    return to_model_input(images), torch.as_tensor(labels, dtype=torch.int64), replay


def _stack(sketches: Sequence[Sketch]) -> tuple[Tensor, Tensor]:
    if not sketches:
        return torch.zeros(0, 1, 28, 28), torch.zeros(0, dtype=torch.int64)
    # np.stack copies: a Sketch's pixels are read-only, which torch warns about when it shares them.
    images = torch.from_numpy(
        np.stack([np.asarray(sketch.model_input, dtype=np.uint8) for sketch in sketches])
    )
    labels = torch.tensor([int(sketch.label) for sketch in sketches], dtype=torch.int64)
    if labels.min() < 0 or labels.max() >= NUM_CLASSES:
        _refuse("a sketch's label", f"a class number from 0 to {NUM_CLASSES - 1}", int(labels.max()))
    return to_model_input(images), labels


def _accuracies(model: nn.Module, *parts: tuple[Tensor | None, Tensor | None]) -> list[float | None]:
    """Accuracy on each (images, labels) part: None without images, NaN for an empty part."""
    model.eval()
    # The conv stage on oneDNN tensors answers the same logits for ~1/3 of the CPU time
    # (core/onednn_forward.py); made once per measurement, as it copies the weights being changed.
    forward = compile_for_cpu(model) or model
    answers: list[float | None] = []
    with torch.inference_mode():
        for images, labels in parts:
            if images is None or labels is None:
                answers.append(None)
                continue
            correct = 0
            for start in range(0, labels.shape[0], EVAL_CHUNK):
                logits = forward(images[start : start + EVAL_CHUNK])
                correct += int((logits.argmax(dim=1) == labels[start : start + EVAL_CHUNK]).sum())
            answers.append(correct / labels.shape[0] if labels.shape[0] else math.nan)
    return answers


def _measured(
    model: nn.Module, held: tuple[Tensor, Tensor], test: tuple[Tensor | None, Tensor | None]
) -> dict:
    held_acc, test_acc = _accuracies(model, held, test)
    return {"held_acc": held_acc} if test_acc is None else {"held_acc": held_acc, "test_acc": test_acc}


def _run(
    model_name: str,
    state_dict: dict,
    train: Sequence[Sketch],
    held: Sequence[Sketch],
    test_images: Tensor | None,
    test_labels: Tensor | None,
    replay: tuple[Tensor, Tensor] | None,
    steps: int,
    lr: float,
    seed: int,
    should_stop: Callable[[], bool],
) -> Generator[FinetuneProgress, None, FinetuneResult]:
    generator = torch.Generator().manual_seed(seed)
    model = build_model(model_name)
    model.load_state_dict({name: tensor.detach().clone() for name, tensor in state_dict.items()})
    train_x, train_y = _stack(train)
    held_xy = _stack(held)
    full_test = (test_images, test_labels)
    quick_test = (
        (test_images[:PROGRESS_TEST_IMAGES], test_labels[:PROGRESS_TEST_IMAGES])
        if test_images is not None
        else full_test
    )
    before = _measured(model, held_xy, full_test)
    quick_before = _accuracies(model, quick_test)[0]
    history = [FinetuneProgress(0, steps, before["held_acc"], quick_before, math.nan)]
    yield history[-1]

    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    every = max(1, steps // PROGRESS_POINTS)
    losses: list[float] = []
    step, stopped = 0, False
    while step < steps:
        if should_stop():
            stopped = True
            break
        images, labels = _batch(train_x, train_y, replay, generator)
        model.train()
        loss = loss_fn(model(images), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.append(float(loss.detach()))
        step += 1
        if step % every == 0 or step == steps:
            history.append(
                FinetuneProgress(step, steps, *_accuracies(model, held_xy, quick_test), _mean(losses))
            )
            losses = []
            yield history[-1]
    after = _measured(model, held_xy, full_test)
    weights = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    return FinetuneResult(weights, before, after, history, stopped)


def _batch(
    train_x: Tensor, train_y: Tensor, replay: tuple[Tensor, Tensor] | None, generator: torch.Generator
) -> tuple[Tensor, Tensor]:
    """SKETCHES_PER_STEP sketches (drawn with replacement, flipped and shifted) + the replay images."""
    picks = torch.randint(train_x.shape[0], (SKETCHES_PER_STEP,), generator=generator)
    sketches = flip_shift(train_x[picks], generator, flip=True, shift=SHIFT_PX)
    if replay is None or len(replay[1]) == 0:
        return sketches, train_y[picks]
    chosen = torch.randint(len(replay[1]), (REPLAY_PER_STEP,), generator=generator)
    photos = to_model_input(torch.as_tensor(replay[0])[chosen])
    labels = torch.as_tensor(replay[1], dtype=torch.int64)[chosen]
    return torch.cat([sketches, photos]), torch.cat([train_y[picks], labels])


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan
