"""What the fine-tune's background job runs: read the sketchbook, split it, fine-tune.

Everything here runs in the job's thread (gui.background): reading hundreds of sketch files and a
shipped checkpoint are disk work, the fine-tune seconds of torch. It is a generator, so the
window gets each measurement as it comes and a closed dialog stops the work at the next one.
core's refusals (nothing left to learn from) come back as values, said in the window's language.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

WeightsSource = Callable[[], tuple[str, dict]]  # (registry name, state dict), called in the job's thread


@dataclass(frozen=True)
class SplitMade:
    """The first value a run yields: which sketches it learns from and which it holds out."""

    model_name: str
    train: int
    held: int
    held_ids: tuple[str, ...]
    start_weights: dict  # the weights the run starts from (CPU copies), for Reset
    held_images: tuple = ()  # the held-out sketches' model inputs (uint8 28×28), for the strip
    held_labels: tuple[int, ...] = ()


@dataclass(frozen=True)
class Finished:
    """What a run returns: core's FinetuneResult and how each held-out sketch was read."""

    result: Any
    read_before: tuple[int, ...]  # the class each held-out sketch was read as, before the fine-tune
    read_after: tuple[int, ...]


def finetune_work(
    weights: WeightsSource,
    sketchbook: Any,
    held_out: float | int,
    dataset: Any,
    stop: threading.Event,
    *,
    steps: int | None = None,
) -> Iterator[Any]:
    """Yields a SplitMade, then core.finetune.FinetuneProgress values; returns Finished, or the
    core.finetune_settings.FinetuneError that refused the run."""
    from core.finetune import finetune_steps, split_sketches
    from core.finetune_settings import DEFAULT_STEPS, FinetuneError, check_enough
    from core.parallelism import training_thread

    # Browse's side work steps aside to one core while this trains (core/parallelism.py).
    with training_thread():
        try:
            model_name, state_dict = weights()
            sketches = sketchbook.sketches()
            if not sketches:
                raise FinetuneError("finetune.no_sketches", path=str(sketchbook.folder))
            train, held = split_sketches(sketches, held_out)
            check_enough(len(train), len(held))
            start = {name: tensor.detach().clone() for name, tensor in state_dict.items()}
            yield SplitMade(
                model_name,
                len(train),
                len(held),
                tuple(sketch.sketch_id for sketch in held),
                start,
                tuple(sketch.model_input for sketch in held),
                tuple(int(sketch.label) for sketch in held),
            )
            result = yield from finetune_steps(
                model_name,
                start,
                train,
                held,
                test_set=dataset,
                steps=steps or DEFAULT_STEPS,
                should_stop=stop.is_set,
            )
            images = [sketch.model_input for sketch in held]
            return Finished(
                result, _readings(model_name, start, images), _readings(model_name, result.state_dict, images)
            )
        except FinetuneError as error:
            return error


def _readings(model_name: str, state_dict: dict, images: list) -> tuple[int, ...]:
    """The class each image is read as by these weights (the Predictor's path, as Draw reads)."""
    if not images:
        return ()
    import numpy as np

    from core.checkpoint import CheckpointError
    from core.predictor import Predictor

    try:
        predictor = Predictor.from_state_dict(model_name, state_dict, model_name)
    except CheckpointError:  # weights that blew up: the numbers say so, the strip stays ungraded
        return ()
    return tuple(int(guess) for guess in predictor.probabilities(np.stack(images)).argmax(axis=1))


def pretrained_weights(name: str) -> tuple[str, dict]:
    """A shipped model's weights (read from disk: in the job's thread)."""
    from core.predictor import Predictor

    return name, Predictor.pretrained(name).model.state_dict()


def file_weights(path: str) -> tuple[str, dict]:
    """A checkpoint file's model name and weights (read in the job's thread)."""
    from core.checkpoint import load_checkpoint

    checkpoint = load_checkpoint(path)
    return checkpoint.model_name, checkpoint.state_dict
