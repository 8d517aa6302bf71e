"""How many of the class's own sketches a model reads right (Browse's "How well does it read our
class?").

Qt-free so the window, a benchmark or a test score a model the same way: the model's answer is
the argmax of `Predictor.probabilities` on each sketch's stored 28×28 input, exactly what the
model was given when the sketch was kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from core.classes import IMAGE_SIZE, NUM_CLASSES


class _Answers(Protocol):
    def probabilities(self, images_uint8: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class SketchScore:
    """Right answers out of all sketches, also per true class (index = class)."""

    right: int
    total: int
    right_per_class: tuple[int, ...]
    total_per_class: tuple[int, ...]

    @property
    def accuracy(self) -> float | None:
        """right / total; None for no sketches (0 % would say the model failed them all)."""
        return self.right / self.total if self.total else None


def sketch_arrays(sketches: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """uint8 images [N, 28, 28] and int64 labels [N] from sketches (anything with `model_input`
    and `label`, e.g. core.sketchbook.Sketch), without torch."""
    if not sketches:
        return np.zeros((0, IMAGE_SIZE, IMAGE_SIZE), np.uint8), np.zeros(0, np.int64)
    images = np.stack([np.asarray(sketch.model_input, dtype=np.uint8) for sketch in sketches])
    labels = np.array([int(sketch.label) for sketch in sketches], dtype=np.int64)
    return images, labels


def score_answers(probabilities: np.ndarray, labels: np.ndarray) -> SketchScore:
    """The score of answers already given: probabilities [N, 10] against true labels [N]."""
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    probabilities = np.asarray(probabilities).reshape(len(labels), NUM_CLASSES)
    hits = probabilities.argmax(axis=1) == labels if len(labels) else np.zeros(0, dtype=bool)
    total_per_class = np.bincount(labels, minlength=NUM_CLASSES)
    right_per_class = np.bincount(labels[hits], minlength=NUM_CLASSES)
    return SketchScore(
        int(hits.sum()),
        len(labels),
        tuple(int(n) for n in right_per_class),
        tuple(int(n) for n in total_per_class),
    )


def score_model(predictor: _Answers, images: np.ndarray, labels: np.ndarray) -> SketchScore:
    """Ask `predictor` about every image once and score its answers."""
    if len(labels) == 0:
        return score_answers(np.zeros((0, NUM_CLASSES), np.float32), labels)
    return score_answers(predictor.probabilities(np.asarray(images, dtype=np.uint8)), labels)
