"""The Browse grid's item model: filters, sorting, roles, and refreshes that keep the view."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtGui import QFont

from core.lesson.metrics import sample_stats
from gui.browse.sample_model import (
    CORRECT_ROLE,
    IMAGE_ROLE,
    PREDICTED_LABEL_ROLE,
    SAMPLE_INDEX_ROLE,
    TRUE_LABEL_ROLE,
    Filter,
    SampleModel,
    ThumbnailDelegate,
)


def _data(n: int = 40, seed: int = 0):
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    labels = np.arange(n) % 10
    logits = rng.normal(0, 1, (n, 10))
    logits[np.arange(n), labels] += 2.0  # mostly right, some wrong
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return images, labels, probs


def _rows(model: SampleModel) -> list[int]:
    return [model.data(model.index(r), SAMPLE_INDEX_ROLE) for r in range(model.rowCount())]


@pytest.fixture
def loaded(qapp):
    images, labels, probs = _data()
    model = SampleModel()
    model.set_samples(images, labels)
    return model, images, labels, probs


def test_before_predictions_every_sample_shows_in_index_order(loaded):
    model, images, labels, _ = loaded
    assert _rows(model) == list(range(len(labels)))
    index = model.index(3)
    assert model.data(index, TRUE_LABEL_ROLE) == 3
    assert model.data(index, PREDICTED_LABEL_ROLE) is None
    assert model.data(index, CORRECT_ROLE) is None
    np.testing.assert_array_equal(model.data(index, IMAGE_ROLE), images[3])
    # A prediction filter cannot be answered yet: it shows nothing rather than everything.
    model.set_filter(Filter(only_wrong=True))
    assert model.rowCount() == 0


def test_filters_follow_predictions(loaded):
    model, _, labels, probs = loaded
    model.set_probabilities(probs)
    predicted = probs.argmax(axis=1)
    model.set_filter(Filter(only_wrong=True))
    assert _rows(model) == list(np.flatnonzero(predicted != labels))
    assert all(model.data(model.index(r), CORRECT_ROLE) is False for r in range(model.rowCount()))
    model.set_filter(Filter(true_class=4))
    assert _rows(model) == list(np.flatnonzero(labels == 4))
    model.set_filter(Filter(true_class=4, predicted_class=int(predicted[4])))
    assert 4 in _rows(model)
    assert all(predicted[i] == predicted[4] and labels[i] == 4 for i in _rows(model))


def test_sorting_by_loss_puts_the_hardest_first(loaded):
    model, _, labels, probs = loaded
    model.set_probabilities(probs)
    model.set_order("loss")
    loss = sample_stats(probs, labels).loss
    rows = _rows(model)
    assert sorted(rows) == list(range(len(labels)))
    assert rows[0] == int(np.argmax(loss))
    assert np.all(np.diff(loss[rows]) <= 0)
    model.set_order("most_confident")
    confidence = probs.max(axis=1)
    assert np.all(np.diff(confidence[_rows(model)]) <= 0)
    model.set_order("index")
    assert _rows(model) == list(range(len(labels)))


def test_new_weights_in_index_order_repaint_without_a_reset(loaded, qtbot):
    model, _, _, probs = loaded
    model.set_probabilities(probs)
    resets: list[int] = []
    changed: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda *args: changed.append(1))
    model.set_probabilities(np.roll(probs, 1, axis=1))  # different predictions, same rows
    assert resets == [] and changed == [1]
    model.set_order("loss")
    assert resets == [1]


def test_row_of_and_bad_inputs(loaded):
    model, _, labels, probs = loaded
    model.set_probabilities(probs)
    model.set_filter(Filter(true_class=2))
    assert model.row_of(12) == 1 and model.row_of(13) is None
    with pytest.raises(ValueError):
        model.set_probabilities(probs[:5])
    with pytest.raises(ValueError):
        model.set_samples(np.zeros((3, 28, 28), np.uint8), np.zeros(4, dtype=int))


def test_thumbnails_grow_with_the_text_size(qapp):
    model = SampleModel()
    delegate = ThumbnailDelegate(model)
    small, large = QFont(qapp.font()), QFont(qapp.font())
    small.setPointSizeF(9)
    large.setPointSizeF(20)
    side_small = delegate.metrics_for(small)[0]
    side_large = delegate.metrics_for(large)[0]
    assert side_large > 1.5 * side_small
