"""The Draw tab's two answers side by side, with a real Session (gui/draw/answers.py,
gui/draw/second_model.py, gui/draw/compare_row.py)."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from PySide6.QtCore import QSettings

from core.config import TrainConfig
from core.models import build_model
from core.predictor import Predictor
from gui.draw.panel import DrawPanel
from gui.main_window import MainWindow
from gui.session import LiveRun, Session
from gui.session.model_sources import LIVE, SOURCE_ROLE, ModelSource

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CNN, SOFTMAX, MLP = (ModelSource.pretrained(name) for name in ("cnn", "softmax", "mlp"))


def _trouser() -> np.ndarray:
    """A 28×28 model input: two light legs on black."""
    image = np.zeros((28, 28), dtype=np.uint8)
    image[3:26, 8:13] = 230
    image[3:26, 15:20] = 230
    image[3:7, 8:20] = 230
    return image


def _live_run(run_id: int, seed: int, **end) -> LiveRun:
    model = build_model("softmax", torch.Generator().manual_seed(seed))
    state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    run = LiveRun(run_id, TrainConfig(model="softmax"), state, f"softmax lr 0.{run_id}", {"test_acc": 0.8125})
    return run.with_end(**end) if end else run


@pytest.fixture
def session() -> Session:
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    return session


@pytest.fixture
def panel(show_widget, session: Session) -> DrawPanel:
    return show_widget(DrawPanel(session), 1100, 760)


def _choose_second(panel: DrawPanel, source: ModelSource) -> None:
    combo = panel.compare_row.combo
    rows = [combo.itemData(row, SOURCE_ROLE) for row in range(combo.count())]
    combo.setCurrentIndex(rows.index(source))
    combo.activated.emit(rows.index(source))


def test_both_sets_show_their_own_models_answer_for_the_same_input(panel: DrawPanel) -> None:
    panel.show_image(_trouser())
    image = panel.model_input()
    first, second = panel.answers.first, panel.answers.second
    cnn = Predictor.pretrained("cnn").probabilities(image)
    np.testing.assert_allclose(first.bars.probabilities(), cnn)
    softmax = Predictor.pretrained("softmax").probabilities(image)
    np.testing.assert_allclose(second.bars.probabilities(), softmax)
    # The shipped checkpoints carry their sketch accuracy (benchmarks/sketch_corpus.py --store).
    assert "cnn" in first.title.text() and "(test 9" in first.title.text()
    assert re.search(r"reference drawings \d+%", first.title.text())
    assert "softmax" in second.title.text() and re.search(r"reference drawings \d+%", second.title.text())
    assert not np.allclose(first.bars.probabilities(), second.bars.probabilities())


def test_the_picker_changes_the_second_model_and_offers_no_files(panel: DrawPanel) -> None:
    combo = panel.compare_row.combo
    assert combo.currentData(SOURCE_ROLE) == SOFTMAX  # beside the cnn: the linear model
    assert all(not combo.itemData(row, SOURCE_ROLE).is_file for row in range(combo.count()))
    panel.show_image(_trouser())
    _choose_second(panel, MLP)
    mlp = Predictor.pretrained("mlp").probabilities(panel.model_input())
    np.testing.assert_allclose(panel.answers.second.bars.probabilities(), mlp)
    assert "mlp" in panel.answers.second.title.text()
    panel.session.set_model_source(SOFTMAX)  # a chosen second model stays when the first changes
    assert combo.currentData(SOURCE_ROLE) == MLP


def test_the_default_second_model_follows_the_first(panel: DrawPanel) -> None:
    panel.session.set_model_source(MLP)
    assert panel.second_model.source() == CNN
    assert panel.compare_row.combo.currentData(SOURCE_ROLE) == CNN


def test_a_new_live_run_is_announced_and_the_cnn_stays_beside_it(panel: DrawPanel) -> None:
    session = panel.session
    panel.show_image(_trouser())
    assert not panel.live_note.isVisible()
    run = _live_run(1, seed=1)
    session.publish_live_run(run)
    assert session.model_source() == LIVE and panel.second_model.source() == CNN
    assert panel.live_note.isVisible() and "run 1" in panel.live_note.text()
    live = Predictor.from_state_dict("softmax", dict(run.state_dict), "live").probabilities(_trouser())
    np.testing.assert_allclose(panel.bars.probabilities(), live, rtol=1e-5)
    assert "(test 81.2%" in panel.answers.first.title.text()
    session.publish_live_run(_live_run(2, seed=2))
    assert "run 2" in panel.live_note.text()
    session.set_model_source(MLP)  # neither answer shows the live run now: the note must not say so
    assert panel.second_model.source() != LIVE and not panel.live_note.isVisible()


def test_a_diverged_live_model_is_labelled_with_what_it_holds(panel: DrawPanel) -> None:
    session = panel.session
    session.publish_live_run(_live_run(1, seed=1))
    title = panel.answers.first.title
    assert "diverged" not in title.text()
    # The teacher had the cnn when run 1 took over: a run with no good weights, and no good run
    # before it, goes back to the cnn.
    panel.show_image(_trouser())
    session.publish_live_run(session.live_run().with_end("diverged", False))
    assert session.model_source() == CNN and "cnn" in title.text()
    cnn = Predictor.pretrained("cnn").probabilities(panel.model_input())
    np.testing.assert_allclose(panel.answers.first.bars.probabilities(), cnn)
    note = panel.live_note.text()
    assert panel.live_note.isVisible() and "Run 1" in note and "cnn" in note
    session.publish_live_run(_live_run(2, seed=2))  # Draw follows the next run
    session.publish_live_run(session.live_run().with_end("diverged", True))
    assert session.model_source() == LIVE
    assert "diverged" in title.text() and "last good weights" in title.text()
    # Run 3 with no good weights: run 2 (restored to its good weights) stays the live model.
    run_2 = session.live_run()
    session.publish_live_run(_live_run(3, seed=3, reason="diverged", restored_good=False))
    assert session.model_source() == LIVE and session.live_run() is run_2
    assert "softmax lr 0.2" in title.text() and "last good weights" in title.text()
    live = Predictor.from_state_dict("softmax", dict(run_2.state_dict), "live").probabilities(_trouser())
    np.testing.assert_allclose(panel.answers.first.bars.probabilities(), live, rtol=1e-5)


def test_a_chosen_live_model_with_no_good_weights_shows_no_bars_and_says_why(panel: DrawPanel) -> None:
    session = panel.session
    session.set_model_source(LIVE)
    panel.show_image(_trouser())
    session.publish_live_run(_live_run(1, seed=1))
    assert panel.answers.first.bars.probabilities() is not None
    session.publish_live_run(session.live_run().with_end("diverged", False))  # back at its start
    assert session.model_source() == LIVE and session.predictor() is None
    assert panel.answers.first.bars.probabilities() is None  # never even bars that look like an answer
    assert "not answering" in panel.answers.first.title.text()
    assert "Run 1 has no good weights" in panel.answers.first.bars.hint()


def test_the_live_model_shown_second_is_labelled_too(panel: DrawPanel) -> None:
    session = panel.session
    session.publish_live_run(_live_run(1, seed=1))
    session.set_model_source(CNN)  # the teacher goes back to the cnn first…
    _choose_second(panel, LIVE)  # …and puts the live model beside it
    session.publish_live_run(session.live_run().with_end("collapsed", False))
    assert "collapsed" in panel.answers.second.title.text()


def test_the_weights_link_names_the_linear_models_answer(qtbot, panel: DrawPanel) -> None:
    assert not panel.answers.weights_link.isVisible()  # an empty board: nothing to explain
    panel.show_image(_trouser())
    link = panel.answers.weights_link
    assert link.isVisible() and "softmax" in link.text()
    top = int(np.argmax(panel.answers.second.bars.probabilities()))
    with qtbot.waitSignal(panel.explain_weights_requested) as asked:
        link.linkActivated.emit("weights")
    assert asked.args == [SOFTMAX, top]
    _choose_second(panel, MLP)  # neither model is linear: no link
    assert not link.isVisible()


def test_the_link_opens_the_weights_tab_on_the_linear_model(qtbot, tmp_path, tiny_dataset) -> None:
    session = Session()
    window = MainWindow(session, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    window.show()
    window.tabs.setCurrentWidget(window.draw_panel)
    window.draw_panel.show_image(_trouser())
    top = int(np.argmax(window.draw_panel.answers.second.bars.probabilities()))
    window.draw_panel.answers.explain()
    assert window.tabs.currentWidget() is window.weights_panel
    assert session.model_source() == SOFTMAX
    assert window.weights_panel.selected_class() == top


def test_the_second_set_reads_row_for_row_beside_the_first(panel: DrawPanel) -> None:
    panel.show_image(_trouser())
    first, second = panel.answers.first.bars, panel.answers.second.bars
    assert second.minimumSizeHint().width() < first.minimumSizeHint().width()  # no names of its own
    panel.sort_box.setChecked(True)
    order = first.row_order()
    assert order[0] == int(np.argmax(first.probabilities())) and order != list(range(10))
    own = [int(i) for i in np.argsort(-second.probabilities(), kind="stable")]
    assert own != order  # the two models rank the classes differently here…
    assert second.row_order() == order  # …yet the second follows the first's order: a row is one class
    panel.sort_box.setChecked(False)
    assert second.row_order() == first.row_order() == list(range(10))


def _row_of(combo, source: ModelSource) -> int:
    return [combo.itemData(row, SOURCE_ROLE) for row in range(combo.count())].index(source)


def _checkpoint(path, name: str, metrics: dict):
    from core.checkpoint import save_checkpoint

    model = build_model(name, torch.Generator().manual_seed(1))
    save_checkpoint(path, model, TrainConfig(model=name), metrics)
    return path


def test_both_choosers_rows_say_the_test_and_sketch_accuracy_read_from_the_files(
    qtbot, panel: DrawPanel, session: Session, tmp_path, monkeypatch
) -> None:
    import core.paths
    from gui.model_figures import FiguresReader

    made = {
        "cnn": _checkpoint(tmp_path / "cnn.pt", "cnn", {"test_acc": 0.8771, "sketch_acc": 0.4321}),
        "mlp": _checkpoint(tmp_path / "mlp.pt", "mlp", {"test_acc": 0.7534}),  # never scored on sketches
    }
    monkeypatch.setattr(core.paths, "pretrained_path", lambda name: made.get(name, tmp_path / "none.pt"))
    reader = FiguresReader(session)
    qtbot.waitUntil(lambda: not reader.is_reading(), timeout=30_000)
    for combo in (panel.model_row.combo, panel.compare_row.combo):
        rows = {combo.itemData(row, SOURCE_ROLE): combo.row_text(row) for row in range(combo.count())}
        assert rows[CNN] == "pretrained cnn (test 87.7% · reference drawings 43%)"
        assert rows[MLP] == "pretrained mlp (test 75.3% · reference drawings not scored)"
        assert rows[LIVE] == "live (not trained yet)"  # as the status bar names it
        assert combo.itemText(_row_of(combo, CNN)) == "pretrained cnn"  # the box: only the name
    session.publish_live_run(_live_run(1, seed=0))  # a run's epoch: its test accuracy, no sketch score
    combo = panel.compare_row.combo
    live_row = "live softmax lr 0.1 (test 81.2% · reference drawings not scored)"  # the header's name
    assert combo.row_text(_row_of(combo, LIVE)) == live_row
    session.publish_live_run(session.live_run().with_end("diverged", False))  # back at its start
    # Its old figures would mislead.
    assert combo.row_text(_row_of(combo, LIVE)) == "live softmax lr 0.1 (diverged, no good weights)"


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")
def test_the_drop_down_is_as_wide_as_its_rows_while_the_box_stays_narrow(
    qtbot, show_widget, session: Session
) -> None:
    from gui.model_figures import FIGURES_ROLE
    from gui.widgets.model_chooser import ModelChooser

    models = session.model_list()
    for row in range(models.rowCount()):
        models.item(row).setData({"test_acc": 0.9, "sketch_acc": 0.5}, FIGURES_ROLE)
    combo = ModelChooser()
    combo.setModel(models)
    combo.setFixedWidth(120)  # as narrow as a projector's Draw tab may leave it
    show_widget(combo, 120, 30)
    combo.showPopup()
    try:
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        texts = [combo.row_text(row) for row in range(combo.count())]
        widest = max(view.fontMetrics().horizontalAdvance(text) for text in texts)
        assert view.viewport().width() >= widest
        screen = combo.screen().availableGeometry()
        assert screen.contains(view.window().frameGeometry())
    finally:
        combo.hidePopup()
    assert combo.width() == 120
