""" "Teach it our sketches": a real (small) fine-tune through the panel, from a temporary sketchbook,
its plot, and what Use on Draw, Reset and Save do to the session."""

from __future__ import annotations

import pytest
import torch

from core.checkpoint import load_checkpoint
from core.sketchbook import Sketchbook
from core.synthetic import make_learnable_images
from gui.finetune.dialog import FinetuneDialog
from gui.session import Session
from gui.session.model_sources import SOURCE_ROLE, ModelSource
from gui.session.sketchbook import SessionSketchbook
from tests.gui.file_opening import all_background_work_delivered

START = ModelSource.pretrained("softmax")
# A top-level dialog shown offscreen: Qt says its plugin cannot pass size hints on; harmless.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def weights_of(session: Session) -> dict:
    return {name: tensor.clone() for name, tensor in session.predictor().model.state_dict().items()}


def same(first: dict, second: dict) -> bool:
    return first.keys() == second.keys() and all(torch.equal(first[name], second[name]) for name in first)


@pytest.fixture
def session(tmp_path, tiny_dataset):
    session = Session()
    book = Sketchbook(tmp_path / "sketchbook")
    images, labels = make_learnable_images(40, seed=4)
    for image, label in zip(images, labels, strict=True):
        book.add(int(label), image)
    session.sketchbook = SessionSketchbook(session.sketchbook_changed, book, parent=session)
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    session.set_model_source(START)
    return session


@pytest.fixture
def dialog(qtbot, session):
    dialog = FinetuneDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.shutdown()


def fine_tuned(qtbot, panel) -> None:
    panel.start()
    qtbot.waitUntil(lambda: not panel.running(), timeout=60_000)
    all_background_work_delivered(qtbot)
    assert panel.result is not None, panel.status.text()


def test_the_draw_tab_s_model_is_chosen_and_a_run_fills_the_plot_and_the_numbers(qtbot, dialog, session):
    panel = dialog.panel
    assert panel.model_choice.currentData(SOURCE_ROLE) == START
    fine_tuned(qtbot, panel)
    held_points, test_points = panel.plot.point_counts()
    assert held_points >= 5 and test_points >= 5
    assert all(line.isVisible() for line in panel.plot.before_lines.values())  # "before" as dashed lines
    assert "→" in panel.numbers.text()
    assert panel.held_strip.count() == panel._split.held == 10  # a quarter of 40, each class alike
    right = panel.held_strip.right_after()
    assert len(right) == 10 and sum(right) == round(panel.result.after["held_acc"] * 10)
    assert panel.use_button.isEnabled() and panel.reset_button.isEnabled() and panel.save_button.isEnabled()
    assert session.model_source() == START  # nothing changes the Draw tab's model until asked


def test_use_on_draw_makes_the_result_the_active_model_and_reset_brings_back_the_exact_weights(
    qtbot, dialog, session
):
    panel = dialog.panel
    original = weights_of(session)
    fine_tuned(qtbot, panel)
    panel.use_on_draw()
    assert session.model_source() == ModelSource.finetuned("softmax")
    assert same(weights_of(session), panel.result.state_dict)
    assert not same(weights_of(session), original)
    assert "taught our sketches" in session.model_label()

    panel.reset()
    assert session.model_source() == START
    assert same(weights_of(session), original)
    assert panel.result is None and not panel.use_button.isEnabled()
    assert panel.held_strip.right_after() == [] and panel.held_strip.count() == 10


def test_reset_also_brings_back_hand_edits_the_run_started_from(qtbot, dialog, session):
    edited = weights_of(session)
    edited["1.bias"] += 0.5
    session.set_edited_weights(edited)
    panel = dialog.panel
    fine_tuned(qtbot, panel)
    panel.use_on_draw()
    panel.reset()
    assert session.has_edits()
    assert same(weights_of(session), edited)


def test_save_writes_a_checkpoint_with_the_fine_tuned_weights(qtbot, dialog, tmp_path):
    panel = dialog.panel
    fine_tuned(qtbot, panel)
    assert panel.save_to(str(tmp_path / "ours.pt"))
    saved = load_checkpoint(tmp_path / "ours.pt")
    assert saved.model_name == "softmax"
    assert same(saved.state_dict, panel.result.state_dict)
    assert saved.metrics["held_acc"] == panel.result.after["held_acc"]


def test_the_last_n_sketches_can_be_held_out(qtbot, dialog):
    panel = dialog.panel
    panel.last_count.setValue(7)
    assert panel.held_out() == 7
    fine_tuned(qtbot, panel)
    assert panel._split.held == 7 and panel._split.train == 33


def test_an_empty_sketchbook_is_said_in_one_line_and_nothing_changes(qtbot, dialog, session, tmp_path):
    panel = dialog.panel
    session.sketchbook = SessionSketchbook(session.sketchbook_changed, Sketchbook(tmp_path / "empty"))
    panel.start()
    qtbot.waitUntil(lambda: not panel.running(), timeout=60_000)
    all_background_work_delivered(qtbot)
    assert panel.result is None
    assert "no sketches to learn from" in panel.status.text()
    assert len(panel.status.text().splitlines()) == 1
    assert session.model_source() == START


def test_the_taught_model_can_be_the_draw_tab_s_second_answer(qtbot, dialog, session):
    from gui.draw.second_model import SecondModel

    panel = dialog.panel
    fine_tuned(qtbot, panel)
    panel.use_on_draw()
    taught = session.predictor()
    session.set_model_source(START)  # back to the shipped one, the taught one beside it
    second = SecondModel(session)
    second.choose(ModelSource.finetuned("softmax"))
    assert second.predictor() is taught


def test_stop_ends_the_run_and_keeps_what_it_measured(qtbot, dialog, session, monkeypatch):
    import threading

    panel = dialog.panel
    release = threading.Event()
    name, state = session.active_weights()

    def slow_weights(_source):
        def weights():
            release.wait(10)  # the run has not taken a step when Stop is pressed
            return name, state

        return weights

    monkeypatch.setattr(panel, "_weights_source", slow_weights)
    panel.start()
    assert panel.stop_button.isEnabled() and not panel.start_button.isEnabled()
    panel.stop()
    release.set()
    qtbot.waitUntil(lambda: not panel.running(), timeout=60_000)
    all_background_work_delivered(qtbot)
    assert panel.result.stopped
    assert [progress.step for progress in panel.result.history] == [0]
    assert same(panel.result.state_dict, state)
    assert panel.start_button.isEnabled() and not panel.stop_button.isEnabled()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_browse_and_the_training_menu_open_the_one_dialog(qtbot, projector_window):
    window = projector_window
    window.browse_panel.teach_requested.emit()
    dialog = window._finetune_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.hide()
    window.finetune_action.trigger()
    assert window._finetune_dialog is dialog and dialog.isVisible()
    assert dialog.panel.model_choice.currentData(SOURCE_ROLE) == window.session.model_source()


def test_with_too_few_sketches_start_is_off_and_says_how_many_more(qtbot, session, tmp_path):
    from gui import language

    few = Sketchbook(tmp_path / "few")
    images, labels = make_learnable_images(2, seed=4)
    for image, label in zip(images, labels, strict=True):
        few.add(int(label), image)
    session.sketchbook = SessionSketchbook(session.sketchbook_changed, few, parent=session)
    dialog = FinetuneDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.panel
    qtbot.waitUntil(lambda: not panel.start_button.isEnabled())
    assert "Keep 8 more sketches" in panel.status.text()
    assert "Draw ▸ Keep as… (Ctrl+K)" in panel.status.text() and "Class tab" in panel.status.text()  # how
    try:
        language.apply_language(language.CHINESE)
        assert "8" in panel.status.text() and "Keep" not in panel.status.text()
    finally:
        language.apply_language(language.ENGLISH)
    for image, label in zip(*make_learnable_images(8, seed=5), strict=True):
        few.add(int(label), image)
    session.sketchbook_changed.emit()
    qtbot.waitUntil(panel.start_button.isEnabled)
    assert "Keep" not in panel.status.text()
    dialog.shutdown()


def test_the_status_line_follows_the_language_and_the_numbers_name_their_model(qtbot, dialog, session):
    from gui import language

    panel = dialog.panel
    fine_tuned(qtbot, panel)
    panel.use_on_draw()
    assert panel.status.text() == "The Draw tab now uses the fine-tuned model."
    start_name = panel.model_choice.itemText(session.model_list().row_of(START))
    dialog.hide()
    dialog.show()  # reopened: the chooser shows Draw's model, the taught one
    assert panel._chosen_source() != START
    assert panel.numbers.text().startswith(f"Last run, from {start_name}:")
    try:
        language.apply_language(language.CHINESE)
        assert panel.status.text() == "“绘图”页现在使用微调后的模型。"
    finally:
        language.apply_language(language.ENGLISH)


def test_the_held_out_strip_says_under_each_sketch_what_it_was_drawn_as_and_is_read_as(qtbot):
    """A class watching a projector cannot hover: "Drawn as T-shirt/top … Coat after" was only a
    tooltip. Now each sketch says it, whole, in the strip."""
    import numpy as np

    from gui import language
    from gui.finetune.held_strip import HeldStrip

    strip = HeldStrip()
    qtbot.addWidget(strip)
    strip.show_sketches([np.zeros((28, 28), np.uint8)] * 3, [0, 7, 9])
    assert strip.captions() == ["T-shirt/top", "Sneaker", "Ankle boot"]  # before a run: what was drawn
    strip.grade([0, 5, 9], [4, 7, 0])
    assert strip.captions() == ["T-shirt/top\n→ Coat", "Sneaker\n→ Sneaker", "Ankle boot\n→ T-shirt/top"]
    strip.show()
    qtbot.waitExposed(strip)
    for row in range(strip.count()):
        tile = strip.visualItemRect(strip.item(row))
        for line in strip.item(row).text().split("\n"):
            assert strip.fontMetrics().horizontalAdvance(line) <= tile.width(), line
        assert tile.height() >= strip.iconSize().height() + 2 * strip.fontMetrics().height()
        assert strip.viewport().rect().contains(tile.adjusted(0, 0, 0, -1).bottomLeft())  # not cut below
    try:
        language.apply_language(language.CHINESE)
        assert strip.captions()[0] == "T恤\n→ 外套"
    finally:
        language.apply_language(language.ENGLISH)


def test_the_held_out_strip_s_tooltips_follow_the_language(qtbot):
    import numpy as np

    from gui import language
    from gui.finetune.held_strip import HeldStrip

    strip = HeldStrip()
    qtbot.addWidget(strip)
    strip.show_sketches([np.zeros((28, 28), np.uint8)], [7])
    strip.grade([0], [7])
    assert strip.item(0).toolTip() == "Drawn as Sneaker\nread as T-shirt/top before, Sneaker after"
    try:
        language.apply_language(language.CHINESE)
        assert "Drawn" not in strip.item(0).toolTip() and "运动鞋" in strip.item(0).toolTip()
    finally:
        language.apply_language(language.ENGLISH)


def test_the_plot_names_its_axes_and_which_test_images_it_measures(qtbot):
    from core.finetune_settings import PROGRESS_TEST_IMAGES
    from gui.finetune.plot import FinetunePlot

    plot = FinetunePlot()
    qtbot.addWidget(plot)
    item = plot.chart.getPlotItem()
    assert item.getAxis("left").labelText == "accuracy" and item.getAxis("bottom").labelText == "step"
    assert f"first {PROGRESS_TEST_IMAGES:,} images" in plot.key.text()
    plot.set_before(1.0, 0.918)
    _, (low, high) = item.getViewBox().viewRange()
    assert high - 1.0 >= 0.15 * (high - low)  # the 100 % line is well inside the frame
