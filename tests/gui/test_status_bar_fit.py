"""The status bar's model line on a 1024×768 projector: at +2 and +4, in English and Chinese, it
shows the model and both its figures uncut ("Model: pretrained cnn (test 90.4% · drawings 75%)"),
where it read "Active model: pretrained cnn (test …" at +4; the whole line stays in its tooltip."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel

from gui import language
from gui.model_figures import accuracy_figures, short_accuracy_figures
from gui.session.model_sources import ModelSource
from gui.status_bar import StatusLabel
from tests.gui.conftest import PROJECTOR_W

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def settle() -> None:
    for _ in range(10):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def bigger_text(window, steps: int) -> None:
    for _ in range(steps):
        window.text_size.bigger()
    # Qt tells widgets about a new app font only while app.exec() runs, which tests don't.
    for widget in QApplication.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))


@pytest.fixture
def window(projector_window):
    yield projector_window
    projector_window.text_size.reset()
    language.apply_language(language.ENGLISH)


@pytest.mark.parametrize("steps", [0, 2, 4], ids=["default-text", "plus-2", "plus-4"])
@pytest.mark.parametrize("code", [language.ENGLISH, language.CHINESE], ids=["en", "zh"])
def test_the_model_and_both_figures_show_uncut_at_1024(window, code, steps, monkeypatch):
    language.apply_language(code)
    session = window.session
    session.set_model_source(ModelSource.pretrained("cnn"))
    settle()
    # The dataset's line as the real data says it ("Data: 60,000 / 10,000"), not the test data's.
    real_size = SimpleNamespace(train_labels=range(60_000), test_labels=range(10_000), source="/data")
    with monkeypatch.context() as patch:
        patch.setattr(session, "dataset", real_size)
        window.status.update()
    bigger_text(window, steps)
    settle()
    window.resize(PROJECTOR_W, window.height())
    settle()
    metrics = session.predictor().metrics
    whole = window.model_status.text()
    shown = QLabel.text(window.model_status)  # what the label draws
    assert accuracy_figures(metrics) in whole
    assert "…" not in shown, shown
    test, drawings = f"{metrics['test_acc']:.1%}", f"{metrics['sketch_acc']:.0%}"
    assert test in shown and drawings in shown, shown
    if shown != whole:
        assert short_accuracy_figures(metrics) in shown
        assert whole in window.model_status.toolTip()
    assert window.width() <= PROJECTOR_W
    assert window.minimumSizeHint().width() <= PROJECTOR_W


def test_a_short_text_not_reserved_leaves_the_labels_minimum_alone(qtbot):
    """A long file name's short line is cut rather than make the window wider than the screen."""
    label = StatusLabel()
    qtbot.addWidget(label)
    label.setText("Active model: " + "a-very-long-checkpoint-name" * 10 + ".pt (test 90.0%)")
    alone = label.minimumSizeHint().width()
    label.set_short_text("Model: " + "a-very-long-checkpoint-name" * 10 + ".pt", reserve=False)
    assert label.minimumSizeHint().width() == alone
    label.set_short_text("Data: 60,000 / 10,000")  # reserved, as the dataset's line is
    assert label.minimumSizeHint().width() > label.fontMetrics().horizontalAdvance("Data: 60,000 / 10,000")


def test_the_short_figures_say_the_same_numbers_in_fewer_words(qapp):
    both = {"test_acc": 0.9041, "sketch_acc": 0.75}
    assert short_accuracy_figures(both) == "test 90.4% · drawings 75%"
    assert short_accuracy_figures({"test_acc": 0.9}) == "test 90.0% · drawings not scored"
    assert short_accuracy_figures({"sketch_acc": 0.5}) == short_accuracy_figures(None) == ""
    for metrics in (both, {"test_acc": 0.9}):
        assert len(short_accuracy_figures(metrics)) < len(accuracy_figures(metrics))
