"""Per-sample numbers and index arithmetic behind the Browse tab, in plain numpy.

Kept Qt-free and torch-free so the item model stays a thin view: every filter and sort is one
vectorised pass over at most 60,000 rows, cheap enough to redo on every click or new weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.classes import NUM_CLASSES

# Sort orders the Browse tab offers; "loss" puts the hardest samples (lowest p(true)) first.
SORT_ORDERS: tuple[str, ...] = ("index", "least_confident", "most_confident", "loss")

# Probabilities are clipped before the log so a hard 0 (float underflow) gives a finite, huge loss
# instead of inf, which would make every such sample tie when sorting.
_MIN_PROBABILITY = 1e-12


@dataclass(frozen=True)
class SampleStats:
    """What the browser needs per sample, derived once from the model's probabilities."""

    predicted: np.ndarray  # int64 [N], argmax class
    confidence: np.ndarray  # float [N], probability of the predicted class
    loss: np.ndarray  # float [N], cross-entropy −log p(true class)
    correct: np.ndarray  # bool [N], predicted == true

    @property
    def accuracy(self) -> float:
        return float(self.correct.mean()) if len(self.correct) else 0.0


def sample_stats(probabilities: np.ndarray, labels: np.ndarray) -> SampleStats:
    """Prediction, confidence and cross-entropy per sample, like the lesson's loss but per row."""
    probs = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    if probs.ndim != 2 or probs.shape[0] != labels.shape[0]:
        raise ValueError(f"need probabilities [N, C] for {labels.shape[0]} labels, got {probs.shape}")
    predicted = probs.argmax(axis=1).astype(np.int64)
    rows = np.arange(len(labels))
    confidence = probs[rows, predicted]
    loss = -np.log(np.clip(probs[rows, labels], _MIN_PROBABILITY, 1.0))
    return SampleStats(predicted, confidence, loss, predicted == labels)


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray, num_classes: int = NUM_CLASSES) -> np.ndarray:
    """Counts [true, predicted] as int64 [C, C]; one bincount instead of a Python loop."""
    labels = np.asarray(labels, dtype=np.int64)
    predicted = np.asarray(predicted, dtype=np.int64)
    if labels.shape != predicted.shape:
        raise ValueError(f"labels {labels.shape} and predictions {predicted.shape} differ in shape")
    flat = labels * num_classes + predicted
    return np.bincount(flat, minlength=num_classes * num_classes).reshape(num_classes, num_classes)


def filter_indices(
    labels: np.ndarray,
    predicted: np.ndarray | None = None,
    *,
    true_class: int | None = None,
    predicted_class: int | None = None,
    only_wrong: bool = False,
) -> np.ndarray:
    """Sample indices (int64, ascending) passing every active filter.

    Without predictions (model not ready yet) the prediction-based filters cannot be answered;
    they then let nothing through rather than silently ignoring what the user asked for.
    """
    labels = np.asarray(labels)
    keep = np.ones(len(labels), dtype=bool)
    if true_class is not None:
        keep &= labels == true_class
    if predicted_class is not None or only_wrong:
        if predicted is None:
            return np.zeros(0, dtype=np.int64)
        predicted = np.asarray(predicted)
        if predicted_class is not None:
            keep &= predicted == predicted_class
        if only_wrong:
            keep &= predicted != labels
    return np.flatnonzero(keep).astype(np.int64)


def sort_indices(
    indices: np.ndarray,
    order: str,
    stats: SampleStats | None = None,
) -> np.ndarray:
    """Reorder `indices` by `order` (one of SORT_ORDERS); ties keep index order (stable sort).

    Without predictions every order falls back to index order, so the grid still shows the data.
    """
    if order not in SORT_ORDERS:
        raise ValueError(f"unknown sort order {order!r}; choose one of {', '.join(SORT_ORDERS)}")
    indices = np.sort(np.asarray(indices, dtype=np.int64))
    if order == "index" or stats is None:
        return indices
    if order == "least_confident":
        key = stats.confidence[indices]
    elif order == "most_confident":
        key = -stats.confidence[indices]
    else:  # "loss": hardest first
        key = -stats.loss[indices]
    return indices[np.argsort(key, kind="stable")]
