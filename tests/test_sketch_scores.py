"""core.sketch_scores: right answers on the class's sketches, overall and per class."""

from types import SimpleNamespace

import numpy as np
import pytest
import torch

from core.models import build_model
from core.predictor import Predictor
from core.sketch_scores import score_answers, score_model, sketch_arrays


def one_hot(predicted: list[int]) -> np.ndarray:
    probabilities = np.full((len(predicted), 10), 0.01, np.float32)
    probabilities[np.arange(len(predicted)), predicted] = 0.91
    return probabilities


def test_counts_right_answers_overall_and_per_class():
    labels = np.array([0, 0, 3, 3, 3, 9])
    score = score_answers(one_hot([0, 1, 3, 3, 2, 9]), labels)
    assert (score.right, score.total) == (4, 6)
    assert score.accuracy == pytest.approx(4 / 6)
    assert score.total_per_class == (2, 0, 0, 3, 0, 0, 0, 0, 0, 1)
    assert score.right_per_class == (1, 0, 0, 2, 0, 0, 0, 0, 0, 1)


def test_no_sketches_have_no_accuracy_rather_than_zero():
    images, labels = sketch_arrays([])
    assert images.shape == (0, 28, 28) and labels.shape == (0,)
    score = score_model(None, images, labels)  # never asks a model about nothing
    assert (score.right, score.total, score.accuracy) == (0, 0, None)


def test_a_real_predictor_is_scored_on_the_stored_inputs():
    rng = np.random.default_rng(3)
    sketches = [
        SimpleNamespace(model_input=rng.integers(0, 256, (28, 28), dtype=np.uint8), label=int(i % 10))
        for i in range(25)
    ]
    images, labels = sketch_arrays(sketches)
    assert images.dtype == np.uint8 and images.shape == (25, 28, 28)
    assert np.array_equal(images[7], sketches[7].model_input)
    predictor = Predictor(build_model("softmax", torch.Generator().manual_seed(0)), "softmax", "test")
    expected = int((predictor.probabilities(images).argmax(axis=1) == labels).sum())
    score = score_model(predictor, images, labels)
    assert score.right == expected and score.total == 25
    assert sum(score.right_per_class) == expected
