"""The sketch evaluation corpus (resources/sketches-eval) and its accuracy (core/sketch_eval.py)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from PIL import Image

from core.predictor import Predictor
from core.preprocess import preprocess_drawing
from core.sketch_eval import (
    CORPUS_DIR,
    STYLES,
    corpus_files,
    evaluation_sketches,
    holdout_sketches,
    parse_name,
    sketch_accuracy,
)


def test_the_corpus_has_twelve_sketches_of_each_class_in_every_style() -> None:
    sketches = evaluation_sketches()
    assert len(sketches) >= 120
    labels = Counter(label for _image, label, _style in sketches)
    assert set(labels) == set(range(10)) and min(labels.values()) >= 12
    styles = Counter(style for _image, _label, style in sketches)
    assert set(styles) == set(STYLES)
    for image, _label, _style in sketches:
        assert image.shape == (28, 28) and image.dtype == np.uint8
        assert image.max() == 255  # a real drawing, stretched to full white like the Draw tab's


def test_labels_and_styles_come_from_the_file_names() -> None:
    files = corpus_files()
    for path, (_image, label, style) in zip(files, evaluation_sketches(), strict=True):
        assert label == int(path.name.split("-")[0])
        assert f"-{style}-" in path.name
    assert parse_name("7-sneaker-small-filled-d-right.png") == (7, "small", "filled")
    assert parse_name("0-t-shirt-top-scribbled-c.png") == (0, "scribbled", "scribbled")
    assert parse_name("9-ankle-boot-rotated-outline-f-left.png") == (9, "rotated", "outline")


@pytest.mark.parametrize(
    "name",
    ["x-sneaker-outline-c.png", "7-sandal-outline-c.png", "7-sneaker-wavy-c.png", "7-sneaker-small-c.png"],
)
def test_a_name_that_is_not_a_corpus_name_is_refused(name: str) -> None:
    with pytest.raises(ValueError):
        parse_name(name)


def test_each_stored_input_is_what_the_draw_tab_makes_of_the_drawing() -> None:
    for path in corpus_files():
        drawn = np.asarray(Image.open(CORPUS_DIR / "drawn" / path.name).convert("L"))
        stored = np.asarray(Image.open(path).convert("L"), dtype=np.int16)
        assert np.abs(preprocess_drawing(drawn).astype(np.int16) - stored).max() <= 1, path.name


def test_the_held_out_set_is_read_apart_from_the_corpus() -> None:
    holdout = holdout_sketches()
    assert len(holdout) == 40
    assert Counter(style for _image, _label, style in holdout) == {"filled": 20, "outline": 20}


class _Constant:
    """A model that reads every sketch as one class."""

    def __init__(self, label: int) -> None:
        self.label = label

    def probabilities(self, images: np.ndarray) -> np.ndarray:
        probs = np.zeros((len(images), 10), dtype=np.float32)
        probs[:, self.label] = 1.0
        return probs


def test_accuracy_agrees_with_a_direct_count() -> None:
    sketches = evaluation_sketches()
    predictor = Predictor.pretrained("cnn")
    right = sum(
        int(predictor.probabilities(image[None])[0].argmax() == label) for image, label, _style in sketches
    )
    assert sketch_accuracy(predictor) == pytest.approx(right / len(sketches))
    bags = sum(label == 8 for _image, label, _style in sketches)
    assert sketch_accuracy(_Constant(8)) == pytest.approx(bags / len(sketches))
    assert sketch_accuracy(_Constant(8), [(np.zeros((28, 28), np.uint8), 3, "small")]) == 0.0
    with pytest.raises(ValueError):
        sketch_accuracy(predictor, [])
