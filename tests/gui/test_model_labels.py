"""A model's label shows its sketch accuracy beside its test accuracy when the checkpoint has one."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from gui import language
from gui.session.model_labels import source_label
from gui.session.model_sources import ModelSource


@dataclass
class _Loaded:
    model_name: str
    metrics: dict = field(default_factory=dict)


@pytest.fixture
def back_to_english():
    yield
    language.apply_language(language.ENGLISH)


def test_test_and_sketch_accuracy_side_by_side(qapp) -> None:
    both = {"test_acc": 0.9123, "sketch_acc": 0.875}
    assert source_label(ModelSource.pretrained("cnn"), _Loaded("cnn", both)) == (
        "pretrained cnn (test 0.912 · sketches 0.88)"
    )
    assert source_label(ModelSource.file("/somewhere/mine.pt"), _Loaded("mlp", both)) == (
        "mine.pt (mlp, test 0.912 · sketches 0.88)"
    )


def test_without_a_sketch_accuracy_the_label_is_as_before(qapp) -> None:
    assert source_label(ModelSource.pretrained("cnn"), _Loaded("cnn", {"test_acc": 0.9})) == (
        "pretrained cnn (test acc 0.900)"
    )
    assert source_label(ModelSource.file("mine.pt"), _Loaded("mlp", {"sketch_acc": 0.5})) == "mine.pt (mlp)"


def test_in_chinese(qapp, back_to_english) -> None:
    language.apply_language(language.CHINESE)
    both = {"test_acc": 0.9123, "sketch_acc": 0.875}
    assert source_label(ModelSource.pretrained("cnn"), _Loaded("cnn", both)) == (
        "预训练的 cnn（测试 0.912 · 草图 0.88）"
    )


def test_a_chooser_row_says_both_figures_or_that_the_sketches_were_not_scored(qapp, back_to_english) -> None:
    from gui.menu_parts import size_words
    from gui.model_figures import accuracy_figures, with_figures

    both = {"test_acc": 0.9123, "sketch_acc": 0.875}
    assert with_figures("pretrained cnn", both) == "pretrained cnn (test 0.912 · sketches 0.88)"
    assert with_figures("live model", {"test_acc": 0.8}) == "live model (test 0.800 · sketches not scored)"
    assert with_figures("live model", {}) == with_figures("live model", None) == "live model"
    assert accuracy_figures({"test_acc": "n/a", "sketch_acc": 0.5}) == ""  # no test figure: nothing
    assert accuracy_figures({"test_acc": True}) == ""
    language.apply_language(language.CHINESE)
    assert with_figures("预训练的 cnn", both) == "预训练的 cnn（测试 0.912 · 草图 0.88）"
    assert accuracy_figures({"test_acc": 0.8}) == "测试 0.800 · 草图未评分"
    assert size_words(2) == "文字大小：+2" and size_words(0) == "文字大小：正常"
