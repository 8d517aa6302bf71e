"""The status bar on a 1024×768 projector, review 2's findings 21 and 3:

- while a run trains, nothing in the bar moves: the model's line gained "(test 78.4% · …)" after
  the first epoch and lost it at the next run, and the dataset's line beside it swapped between
  "Dataset: 60,000 training / 10,000 test images" and "Data: 60,000 / 10,000";
- an epoch's figures are said when the epoch ends (they came with the next batch's weights, and
  the last epoch's never);
- a message takes the whole bar: "Imported 0 sketches from ske" was all that showed beside
  "Active model: …".
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel

from core.config import TrainConfig
from gui import language
from gui.session import LiveRun
from tests.gui.conftest import PROJECTOR_W

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def settle() -> None:
    for _ in range(10):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


@pytest.fixture
def window(projector_window, monkeypatch):
    """The projector's window with the real dataset's counts in its status bar."""
    real_size = SimpleNamespace(train_labels=range(60_000), test_labels=range(10_000), source="/data")
    monkeypatch.setattr(projector_window.session, "dataset", real_size)
    yield projector_window
    projector_window.text_size.reset()
    language.apply_language(language.ENGLISH)


def at_size(window, code: str, steps: int) -> None:
    language.apply_language(code)
    for _ in range(steps):
        window.text_size.bigger()
    # Qt tells widgets about a new app font only while app.exec() runs, which tests don't.
    for widget in QApplication.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))
    settle()  # the window refits itself to the (800 px) offscreen screen: a projector's width again
    window.resize(PROJECTOR_W, window.height())
    settle()
    assert window.width() == PROJECTOR_W


def softmax_run(run_id: int) -> LiveRun:
    import torch

    from core.device import cpu_state_dict
    from core.models import build_model

    weights = cpu_state_dict(build_model("softmax-scratch", torch.Generator().manual_seed(run_id)))
    config = TrainConfig(model="softmax-scratch", lr=0.1)
    return LiveRun(run_id, config, weights, f"softmax-scratch #{run_id} lr 0.1")  # as the plots name it


def bar_layout(window) -> tuple:
    """Where each label sits and what the dataset's line shows."""
    status = window.status
    return (
        status.dataset_status.geometry(),
        QLabel.text(status.dataset_status),
        status.model_status.geometry(),
        status.device_status.geometry(),
    )


@pytest.mark.parametrize("steps", [2, 4], ids=["plus-2", "plus-4"])
@pytest.mark.parametrize("code", [language.ENGLISH, language.CHINESE], ids=["en", "zh"])
def test_nothing_in_the_bar_moves_while_runs_train(window, code, steps):
    at_size(window, code, steps)
    session = window.session
    first = softmax_run(1)
    session.publish_live_run(first)  # its first weights: the live model answers, no figures yet
    settle()
    before = bar_layout(window)
    assert window.model_status.text().endswith("softmax-scratch #1 lr 0.1"), window.model_status.text()
    epoch = first.with_metrics({"epoch": 1, "loss": 0.78, "train_acc": 0.752, "test_acc": 0.784})
    session.publish_live_run(epoch)  # the epoch ended: same weights, its figures
    settle()
    assert "78.4%" in window.model_status.text() + window.model_status.toolTip()
    shown = QLabel.text(window.model_status)
    assert "78.4%" in shown and "…" not in shown, shown  # shown whole, not only in the tooltip
    assert bar_layout(window) == before
    session.publish_live_run(softmax_run(2))  # the next run: no figures again
    settle()
    assert bar_layout(window) == before
    assert window.width() <= PROJECTOR_W


@pytest.mark.parametrize("steps", [2, 4], ids=["plus-2", "plus-4"])
@pytest.mark.parametrize("code", [language.ENGLISH, language.CHINESE], ids=["en", "zh"])
def test_a_message_takes_the_whole_bar(window, code, steps):
    at_size(window, code, steps)
    bar = window.statusBar()
    permanent = (window.model_status, window.device_status)
    assert all(label.isVisible() for label in permanent)
    message = "Nothing new in sketchbook-2026-12-07.zip: all 12 sketches were already kept today."
    bar.showMessage(message, 60_000)
    settle()
    assert not any(label.isVisible() for label in permanent)
    # QStatusBar draws a message from its left edge to the first visible permanent label.
    assert bar.fontMetrics().horizontalAdvance(message) + 18 <= bar.width()
    bar.clearMessage()
    settle()
    assert all(label.isVisible() for label in permanent)


def test_a_label_back_from_behind_a_message_says_its_cut_text_in_its_tooltip(qtbot):
    """A text set while a message hid the label is judged cut or not when the label shows again."""
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from gui.status_bar import StatusLabel

    holder = QWidget()
    qtbot.addWidget(holder)
    label = StatusLabel()
    QHBoxLayout(holder).addWidget(label)
    holder.resize(200, 40)
    holder.show()
    label.hide()  # as behind a message
    whole = "Active model: " + "a-long-checkpoint-name-" * 5 + ".pt"
    label.setText(whole)
    assert label.toolTip() == ""
    label.setMaximumWidth(150)
    label.show()
    settle()
    assert QLabel.text(label) != whole and label.toolTip() == whole
