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


def finetune_work(
    weights: WeightsSource,
    sketchbook: Any,
    held_out: float | int,
    dataset: Any,
    stop: threading.Event,
    *,
    steps: int | None = None,
) -> Iterator[Any]:
    """Yields a SplitMade, then core.finetune.FinetuneProgress values; returns the FinetuneResult,
    or the core.finetune_settings.FinetuneError that refused the run."""
    from core.finetune import finetune_steps, split_sketches
    from core.finetune_settings import DEFAULT_STEPS, FinetuneError
    from core.parallelism import training_thread

    # Browse's side work steps aside to one core while this trains (core/parallelism.py).
    with training_thread():
        try:
            model_name, state_dict = weights()
            sketches = sketchbook.sketches()
            if not sketches:
                raise FinetuneError("finetune.no_sketches", path=str(sketchbook.folder))
            train, held = split_sketches(sketches, held_out)
            start = {name: tensor.detach().clone() for name, tensor in state_dict.items()}
            yield SplitMade(model_name, len(train), len(held), tuple(s.sketch_id for s in held), start)
            return (
                yield from finetune_steps(
                    model_name,
                    start,
                    train,
                    held,
                    test_set=dataset,
                    steps=steps or DEFAULT_STEPS,
                    should_stop=stop.is_set,
                )
            )
        except FinetuneError as error:
            return error
