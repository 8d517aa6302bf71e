"""core.lesson.metrics: the numbers and index arithmetic behind the Browse tab."""

import numpy as np
import pytest

from core.lesson.metrics import (
    SORT_ORDERS,
    confusion_matrix,
    filter_indices,
    sample_stats,
    sort_indices,
)


def _probs(rows: list[list[float]]) -> np.ndarray:
    # Not renormalised: dividing by a row sum like 1.0000000000000002 would break exact ties.
    return np.asarray(rows, dtype=np.float64)


@pytest.fixture
def small():
    # 6 samples, 3 classes: samples 1 and 4 are wrong; confidences and losses all differ.
    labels = np.array([0, 1, 2, 0, 1, 2])
    probs = _probs(
        [
            [0.9, 0.05, 0.05],  # right, very sure
            [0.6, 0.3, 0.1],  # wrong (pred 0)
            [0.2, 0.2, 0.6],  # right
            [0.5, 0.3, 0.2],  # right, unsure
            [0.1, 0.2, 0.7],  # wrong (pred 2), p(true)=0.2
            [0.1, 0.1, 0.8],  # right
        ]
    )
    return labels, probs, sample_stats(probs, labels)


def test_sample_stats_matches_definitions(small):
    labels, probs, stats = small
    np.testing.assert_array_equal(stats.predicted, [0, 0, 2, 0, 2, 2])
    np.testing.assert_allclose(stats.confidence, [0.9, 0.6, 0.6, 0.5, 0.7, 0.8])
    np.testing.assert_allclose(stats.loss, -np.log(probs[np.arange(6), labels]))
    np.testing.assert_array_equal(stats.correct, [True, False, True, True, False, True])
    assert stats.accuracy == pytest.approx(4 / 6)


def test_loss_stays_finite_when_probability_underflows():
    stats = sample_stats(np.array([[1.0, 0.0]]), np.array([1]))
    assert np.isfinite(stats.loss).all() and stats.loss[0] > 20


def test_sample_stats_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="probabilities"):
        sample_stats(np.ones((3, 10)) / 10, np.zeros(4, dtype=int))


def test_confusion_matrix_counts_true_rows_predicted_columns():
    labels = np.array([0, 0, 1, 1, 1, 2])
    predicted = np.array([0, 1, 1, 1, 2, 2])
    cm = confusion_matrix(labels, predicted, num_classes=3)
    np.testing.assert_array_equal(cm, [[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    assert cm.sum() == len(labels)
    assert confusion_matrix(labels, predicted).shape == (10, 10)


def test_confusion_matrix_agrees_with_a_loop_on_random_data():
    rng = np.random.default_rng(0)
    labels, predicted = rng.integers(0, 10, 500), rng.integers(0, 10, 500)
    expected = np.zeros((10, 10), dtype=np.int64)
    for t, p in zip(labels, predicted, strict=True):
        expected[t, p] += 1
    np.testing.assert_array_equal(confusion_matrix(labels, predicted), expected)


def test_filters_combine(small):
    labels, _, stats = small
    pred = stats.predicted
    np.testing.assert_array_equal(filter_indices(labels, pred), np.arange(6))
    np.testing.assert_array_equal(filter_indices(labels, pred, true_class=1), [1, 4])
    np.testing.assert_array_equal(filter_indices(labels, pred, predicted_class=2), [2, 4, 5])
    np.testing.assert_array_equal(filter_indices(labels, pred, only_wrong=True), [1, 4])
    np.testing.assert_array_equal(filter_indices(labels, pred, true_class=1, predicted_class=0), [1])
    assert len(filter_indices(labels, pred, true_class=0, only_wrong=True)) == 0


def test_prediction_filters_without_predictions_show_nothing(small):
    labels, _, _ = small
    np.testing.assert_array_equal(filter_indices(labels, None, true_class=2), [2, 5])
    assert len(filter_indices(labels, None, only_wrong=True)) == 0
    assert len(filter_indices(labels, None, predicted_class=0)) == 0


def test_sort_orders(small):
    _, _, stats = small
    everything = np.arange(6)
    np.testing.assert_array_equal(sort_indices(everything[::-1], "index", stats), everything)
    # confidences 0.9 0.6 0.6 0.5 0.7 0.8: the tie (1, 2) keeps index order
    np.testing.assert_array_equal(sort_indices(everything, "least_confident", stats), [3, 1, 2, 4, 5, 0])
    np.testing.assert_array_equal(sort_indices(everything, "most_confident", stats), [0, 5, 4, 1, 2, 3])
    hardest = sort_indices(everything, "loss", stats)
    assert list(hardest[:2]) == [4, 1]  # the two mistakes, p(true) 0.2 then 0.3
    assert np.all(np.diff(stats.loss[hardest]) <= 0)


def test_sort_keeps_only_the_given_subset(small):
    _, _, stats = small
    np.testing.assert_array_equal(sort_indices(np.array([5, 0, 3]), "loss", stats), [3, 5, 0])


def test_sort_without_predictions_falls_back_to_index_order():
    for order in SORT_ORDERS:
        np.testing.assert_array_equal(sort_indices(np.array([2, 0, 1]), order, None), [0, 1, 2])
    with pytest.raises(ValueError, match="sort order"):
        sort_indices(np.arange(3), "colour", None)
