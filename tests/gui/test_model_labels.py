"""A model's label shows its accuracy on the reference drawings beside its test accuracy, as percentages."""

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
        "pretrained cnn (test 91.2% · reference drawings 88%)"
    )
    assert source_label(ModelSource.file("/somewhere/mine.pt"), _Loaded("mlp", both)) == (
        "mine.pt (mlp, test 91.2% · reference drawings 88%)"
    )


def test_without_a_sketch_accuracy_the_label_says_they_were_not_scored(qapp) -> None:
    assert source_label(ModelSource.pretrained("cnn"), _Loaded("cnn", {"test_acc": 0.9})) == (
        "pretrained cnn (test 90.0% · reference drawings not scored)"
    )
    assert source_label(ModelSource.file("mine.pt"), _Loaded("mlp", {"sketch_acc": 0.5})) == "mine.pt (mlp)"


def test_in_chinese(qapp, back_to_english) -> None:
    language.apply_language(language.CHINESE)
    both = {"test_acc": 0.9123, "sketch_acc": 0.875}
    assert source_label(ModelSource.pretrained("cnn"), _Loaded("cnn", both)) == (
        "预训练的 cnn（测试精度 91.2% · 参考草图 88%）"
    )


def test_a_chooser_row_says_both_figures_or_that_the_sketches_were_not_scored(qapp, back_to_english) -> None:
    from gui.menu_parts import size_words
    from gui.model_figures import accuracy_figures, with_figures

    both = {"test_acc": 0.9123, "sketch_acc": 0.875}
    assert with_figures("pretrained cnn", both) == "pretrained cnn (test 91.2% · reference drawings 88%)"
    unscored = "live model (test 80.0% · reference drawings not scored)"
    assert with_figures("live model", {"test_acc": 0.8}) == unscored
    assert with_figures("live model", {}) == with_figures("live model", None) == "live model"
    assert accuracy_figures({"test_acc": "n/a", "sketch_acc": 0.5}) == ""  # no test figure: nothing
    assert accuracy_figures({"test_acc": True}) == ""
    language.apply_language(language.CHINESE)
    assert with_figures("预训练的 cnn", both) == "预训练的 cnn（测试精度 91.2% · 参考草图 88%）"
    assert accuracy_figures({"test_acc": 0.8}) == "测试精度 80.0% · 参考草图未评分"
    assert size_words(2) == "文字大小：+2" and size_words(0) == "文字大小：正常"


def test_taught_and_live_models_are_named_with_the_same_figures(qapp) -> None:
    from core.config import TrainConfig
    from gui.session.model_labels import live_label_with_figures
    from gui.session.values import LiveRun

    taught = source_label(ModelSource.finetuned("cnn"), _Loaded("cnn", {"test_acc": 0.892}))
    assert taught == "cnn taught our sketches (test 89.2% · reference drawings not scored)"
    run = LiveRun(2, TrainConfig(model="softmax"), {}, "softmax lr 0.1", {"test_acc": 0.8125})
    assert live_label_with_figures(run) == "live softmax lr 0.1 (test 81.2% · reference drawings not scored)"
