"""The Train tab driven as a teacher would: real core Trainer on tiny synthetic data, in its thread."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt

from core.config import MAX_BATCH_SIZE, MAX_EPOCHS, MAX_LR, MIN_LR
from gui.background import running_threads
from gui.session import Session
from gui.session.model_sources import LIVE
from gui.train.panel import IDLE, PAUSED, RUNNING, TrainPanel

LESSON_LINE = re.compile(r"^epoch (\d+), loss \d+\.\d{4}, train acc \d\.\d{3}, test acc \d\.\d{3}$", re.M)
RUN_TIMEOUT_MS = 60_000  # generous: the machine is shared; a real hang still fails


@pytest.fixture
def session(tiny_dataset) -> Session:
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    return session


@pytest.fixture
def panel(qtbot, session, tmp_path):
    panel = TrainPanel(session, QSettings(str(tmp_path / "train.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(panel)
    yield panel
    panel.shutdown()  # a failing test must not leave its training thread behind


def configure(panel: TrainPanel, *, model="softmax", epochs=2, lr=0.5, batch_size=100, seed=0) -> None:
    controls = panel.controls
    controls.model.setCurrentIndex(controls.model.findData(model))
    controls.epochs.setValue(epochs)
    controls.lr.setValue(lr)
    controls.batch_size.setValue(batch_size)
    controls.seed.setValue(seed)


def wait_idle(qtbot, panel: TrainPanel) -> None:
    qtbot.waitUntil(lambda: panel.state == IDLE and panel.job is None, timeout=RUN_TIMEOUT_MS)


def test_a_run_adds_points_to_the_curves_and_lesson_lines_to_the_log(qtbot, panel, session):
    configure(panel, epochs=2, batch_size=100)
    assert panel.start_button.isEnabled()
    assert panel.first_hint.isVisibleTo(panel) and "F5" in panel.first_hint.text()  # what to do first
    assert "Ctrl+G" in panel.first_hint.text()  # and where the lesson guide is
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.state == RUNNING and not panel.first_hint.isVisibleTo(panel)
    assert not panel.start_button.isEnabled() and not panel.controls.isEnabled()
    wait_idle(qtbot, panel)

    run = panel.plots.current_run()
    assert run is not None and run.label == "softmax #1 lr 0.5"
    assert len(run.batch_loss) == 2 * math.ceil(600 / 100)  # every batch, despite the throttling
    assert run.batch_x[-1] == pytest.approx(2.0)
    assert run.epoch_x == [1, 2]
    assert all(0.0 <= acc <= 1.0 for acc in run.train_acc + run.test_acc)
    epochs_logged = [int(m.group(1)) for m in LESSON_LINE.finditer(panel.log_text())]
    assert epochs_logged == [1, 2]
    assert run.test_acc[-1] > 0.5  # it really learned the synthetic classes
    assert panel.last_run_end.reason == "finished"
    run_bar, rate = panel.progress.run_bar, panel.progress.rate_label.text()
    assert run_bar.value() == run_bar.maximum()
    assert rate.startswith("finished · ") and "samples/s" in rate
    assert "2 epochs," in panel.log_text() and "✔ finished 2 epochs" in panel.log_text()
    # The run reached the session as one value, and Draw/Browse now follow the live model.
    live = session.live_run()
    assert live.run_id == 1 and live.model_name == "softmax" and live.config.epochs == 2
    assert live.metrics["epoch"] == 2 and live.metrics["test_acc"] == run.test_acc[-1]
    assert session.model_source() == LIVE
    probs = session.predictor().probabilities(np.zeros((28, 28), dtype=np.uint8))
    assert probs.shape == (10,) and probs.sum() == pytest.approx(1.0, abs=1e-4)
    assert panel.start_button.isEnabled() and panel.controls.isEnabled()
    assert not running_threads()


def test_only_the_training_thread_runs_torch_on_more_than_one_core(qtbot, panel, monkeypatch):
    """core/parallelism.py: a second multi-threaded torch pool (the GUI thread's) halved training
    speed, so the GUI thread keeps one torch thread and the trainer's thread trains on the run's
    own count (TrainConfig.threads), whatever the machine."""
    import threading

    import torch

    import core.trainer
    from core import parallelism

    seen: dict[str, object] = {}
    original_run = core.trainer.Trainer.run

    def recording_run(self):
        for event in original_run(self):
            seen.setdefault("threads", torch.get_num_threads())
            seen.setdefault("wanted", self.config.threads)
            seen.setdefault("thread", threading.current_thread())
            seen.setdefault("claimed", parallelism.training_is_running())
            yield event

    monkeypatch.setattr(core.trainer.Trainer, "run", recording_run)
    assert torch.get_num_threads() == 1  # the session made the GUI thread single-threaded
    configure(panel, model="mlp", epochs=1)  # a model that trains on two threads
    assert panel.start()
    wait_idle(qtbot, panel)
    assert seen["thread"] is not threading.main_thread()
    assert seen["wanted"] == 2 and seen["threads"] == 2 and seen["claimed"] is True
    assert not parallelism.training_is_running()
    assert torch.get_num_threads() == 1


def test_each_start_is_fresh_unless_continue_is_ticked_and_earlier_runs_stay_dimmed(qtbot, panel, session):
    """Issue 12: comparing learning rates only works when the second run does not start where the
    first one ended."""
    configure(panel, epochs=1)
    assert not panel.continue_box.isChecked() and panel.continue_box.isVisibleTo(panel)
    panel.start()
    wait_idle(qtbot, panel)
    first_acc = panel.plots.current_run().test_acc[-1]
    panel.start()
    wait_idle(qtbot, panel)
    assert panel.log_text().split("— run 2")[1].splitlines()[0].endswith("fresh weights")
    assert panel.plots.current_run().label == "softmax #2 lr 0.5"  # same settings, its own number
    assert panel.plots.current_run().test_acc[-1] == pytest.approx(first_acc)  # same seed, same start

    panel.continue_box.setChecked(True)
    panel.start()
    wait_idle(qtbot, panel)
    assert "continuing from the previous run's weights" in panel.log_text().split("— run 3")[1]
    assert panel.plots.current_run().label == "softmax #3 lr 0.5 (cont.)"
    assert panel.plots.current_run().test_acc[-1] >= first_acc - 0.05
    first, second, third = panel.plots.runs
    assert first.dimmed and second.dimmed and not third.dimmed
    # The key names the model once and each run by its number and learning rate.
    key = [label.text() for label in panel.plots.key.labels[2:]]
    assert key == ["softmax", "#1 lr 0.5", "#2 lr 0.5", "#3 lr 0.5 (cont.)"]

    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert session.live_run() is None
    panel.start()  # still ticked, but there is nothing to continue from
    wait_idle(qtbot, panel)
    fourth = panel.log_text().split("— run 4")
    assert "Nothing to continue from" in fourth[0].splitlines()[-1] and "fresh weights" in fourth[1]
    assert panel.plots.current_run().label == "softmax #4 lr 0.5"
    panel.clear_runs()
    assert panel.plots.runs == [] and panel.plots.key.isHidden() and panel.exports.rows == []


def test_epoch_metrics_export_as_csv_into_the_documents_folder(qtbot, panel, tmp_path, monkeypatch):
    import csv

    from PySide6.QtCore import QStandardPaths

    import gui.train.export as export_module
    import gui.train.panel as panel_module

    asked = []
    target = tmp_path / "runs"

    def fake_dialog(parent, title, start, filters):
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(export_module.QFileDialog, "getSaveFileName", fake_dialog)
    panel.ask_export_csv()
    assert asked == [] and "nothing to export" in panel.log_text()
    configure(panel, epochs=2)
    panel.start()
    wait_idle(qtbot, panel)
    configure(panel, epochs=1, lr=0.1)
    panel.start()
    wait_idle(qtbot, panel)
    panel.ask_export_csv()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    source_folder = str(Path(panel_module.__file__).resolve().parents[2])
    assert asked and not asked[0].startswith(source_folder + "/")  # never the app's own folder
    assert asked[0].startswith((documents, str(Path.home())))
    with open(f"{target}.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = [("1", "1", "0.5"), ("1", "2", "0.5"), ("2", "1", "0.1")]
    assert [(row["run"], row["epoch"], row["lr"]) for row in rows] == expected
    runs = panel.plots.runs
    assert float(rows[1]["test_acc"]) == runs[0].test_acc[-1] and float(rows[2]["loss"]) > 0
    assert rows[0]["label"] == runs[0].label and rows[0]["model"] == "softmax"


def test_pause_resume_and_stop(qtbot, panel, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from core.train_events import TrainControl

    order: list[str] = []  # appended to by the training thread and by the test
    original_wait = TrainControl.wait_while_paused

    def acknowledging_wait(control: TrainControl) -> float:
        paused = control.paused
        if paused:
            order.append("paused")  # the trainer has seen the pause and blocks here
        waited = original_wait(control)
        if paused:
            order.append("went on")
        return waited

    monkeypatch.setattr(TrainControl, "wait_while_paused", acknowledging_wait)
    configure(panel, epochs=MAX_EPOCHS, batch_size=10)  # long enough to pause and stop in the middle
    panel.start()
    run = panel.plots.current_run()
    qtbot.waitUntil(lambda: len(run.batch_loss) > 0, timeout=RUN_TIMEOUT_MS)

    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert panel.state == PAUSED and panel.pause_button.text() == "Resume"
    # An acknowledgement instead of a sleep: the trainer blocks for as long as the pause lasts.
    qtbot.waitUntil(lambda: "paused" in order, timeout=RUN_TIMEOUT_MS)
    QCoreApplication.processEvents()  # updates sent before the pause land now
    paused_count = len(run.batch_loss)

    order.append("resume")
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    assert panel.state == RUNNING
    qtbot.waitUntil(lambda: "went on" in order, timeout=RUN_TIMEOUT_MS)
    assert order[:3] == ["paused", "resume", "went on"], "training went on while paused"
    qtbot.waitUntil(lambda: len(run.batch_loss) > paused_count, timeout=RUN_TIMEOUT_MS)

    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    assert panel.last_run_end.reason == "stopped"
    assert "stopped" in panel.log_text().splitlines()[-1]
    assert run.epoch_x[-1] < MAX_EPOCHS if run.epoch_x else True


def test_stop_while_paused_ends_the_run(qtbot, panel):
    configure(panel, epochs=MAX_EPOCHS, batch_size=10)
    panel.start()
    qtbot.waitUntil(lambda: len(panel.plots.current_run().batch_loss) > 0, timeout=RUN_TIMEOUT_MS)
    panel.toggle_pause()
    panel.stop()
    wait_idle(qtbot, panel)
    assert panel.last_run_end.reason == "stopped"


def test_a_diverging_run_stops_says_why_and_restores_good_weights(qtbot, panel, session):
    configure(panel, model="softmax-scratch", epochs=3, lr=50.0, batch_size=100)
    panel.start()
    wait_idle(qtbot, panel)
    assert panel.last_run_end.reason == "diverged"
    last_line = panel.log_text().splitlines()[-1]
    assert "diverged" in last_line and "last good weights" in last_line
    # The published weights are the restored ones: finite, and the live model still answers.
    state = session.live_run().state_dict
    assert state is not None and all(bool(t.isfinite().all()) for t in state.values())
    probs = session.predictor().probabilities(np.zeros((28, 28), dtype=np.uint8))
    assert np.isfinite(probs).all()
    assert panel.start_button.isEnabled()


def test_only_one_run_at_a_time(qtbot, panel):
    configure(panel, epochs=MAX_EPOCHS, batch_size=10)
    assert panel.start()
    assert not panel.start()
    assert len(panel.plots.runs) == 1
    panel.stop()
    wait_idle(qtbot, panel)


def test_values_outside_sensible_ranges_cannot_be_entered(qtbot, panel):
    controls = panel.controls
    controls.epochs.setValue(10 * MAX_EPOCHS)
    controls.lr.setValue(1000.0)
    controls.batch_size.setValue(10 * MAX_BATCH_SIZE)
    controls.seed.setValue(-3)
    assert controls.epochs.value() == MAX_EPOCHS
    assert controls.lr.value() == MAX_LR
    assert controls.batch_size.value() == MAX_BATCH_SIZE
    assert controls.seed.value() == 0
    controls.lr.setValue(0.0)
    assert controls.lr.value() == pytest.approx(MIN_LR)
    controls.lr.setValue(0.1)
    assert controls.lr.text() == "0.1"  # as typed, not "0.10000"
    controls.lr.setValue(50)
    assert controls.lr.text() == "50"
    # Typing: a minus sign or letters never get into the boxes.
    controls.epochs.lineEdit().selectAll()
    qtbot.keyClicks(controls.epochs.lineEdit(), "-7x")
    assert controls.epochs.value() >= 1
    config = controls.config()  # whatever was typed, what Start gets is valid
    assert config.validate() is config


def test_without_the_dataset_start_is_off_and_the_tab_says_how_to_get_it(qtbot, tmp_path):
    session = Session()
    panel = TrainPanel(session, QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(panel)
    assert not panel.start_button.isEnabled()
    assert "Loading" in panel.data_message.text()
    how_to = "Fashion-MNIST was not found.\n  • Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist"
    session.set_dataset(None, how_to)
    assert not panel.start_button.isEnabled()
    assert not panel.data_message.isHidden()
    assert "sudo apt-get install dataset-fashion-mnist" in panel.data_message.text()
    assert not panel.start()
    assert "dataset is not loaded" in panel.log_text()
    assert panel.reset_button.isEnabled()  # the rest still works


def test_settings_are_remembered(qtbot, tmp_path, session):
    path = str(tmp_path / "remember.ini")
    first = TrainPanel(session, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    configure(first, model="mlp", epochs=7, lr=0.03, batch_size=64, seed=42)
    second = TrainPanel(session, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    config = second.controls.config()
    remembered = (config.model, config.epochs, config.lr, config.batch_size, config.seed)
    assert remembered == ("mlp", 7, 0.03, 64, 42)


def test_cuda_is_listed_only_when_torch_sees_it(qtbot, panel, session):
    devices = panel.controls.device
    assert [devices.itemData(i) for i in range(devices.count())] == ["cpu"]
    session.mark_runtime_ready(True, "CUDA (test)")
    assert [devices.itemData(i) for i in range(devices.count())] == ["cpu", "cuda"]


def test_plots_hover_shows_exact_values_and_save_as_png(qtbot, panel, tmp_path):
    configure(panel, epochs=2)
    panel.start()
    wait_idle(qtbot, panel)
    plots = panel.plots
    plots.resize(800, 600)
    plots.show()
    qtbot.waitExposed(plots)
    run = plots.current_run()
    found = plots.nearest_point(plots.acc_plot, run.epoch_x[-1], run.test_acc[-1])
    assert found is not None
    name, x, y = found
    assert "acc" in name and x == run.epoch_x[-1] and y in (run.test_acc[-1], run.train_acc[-1])
    assert plots.nearest_point(plots.acc_plot, -50.0, 50.0) is None  # far from everything
    target = tmp_path / "curves.png"
    assert plots.save_png(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- issue 20: what the class reads on a projector -------------------------------------------------
def test_the_log_follows_new_lines_even_hidden_unless_scrolled_up(qtbot, show_widget) -> None:
    from gui.train.log_view import LessonLogView

    log = LessonLogView()
    qtbot.addWidget(log)
    log.resize(400, 200)
    bar = log.verticalScrollBar()
    for index in range(60):  # hidden, as when a run was started from another tab
        log.appendPlainText(f"epoch {index}, a line long enough to wrap at a large text size " * 2)
    show_widget(log, 400, 200)
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=5000)
    bar.setValue(0)  # the teacher scrolls up to read an earlier line
    log.appendPlainText("a new line")
    assert bar.value() == 0 and not log.follows_new_lines()
    bar.setValue(bar.maximum())  # back at the bottom: following again
    log.appendPlainText("another line")
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=5000)
    assert log.follows_new_lines()


def test_the_log_still_follows_new_runs_after_a_language_switch(qtbot, show_widget) -> None:
    """Switched to Chinese on another tab while a run wrote its lines: back on the Train tab the log
    showed run 1's lines at its top while run 3 trained, and never followed again."""
    from gui import language
    from gui.train.lesson_log import LogLines
    from gui.train.log_view import LessonLogView

    log = LessonLogView()
    lines = LogLines(log)
    show_widget(log, 400, 200)
    bar = log.verticalScrollBar()
    for index in range(30):
        lines.add(f"run 1, epoch {index}")
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=5000)
    log.hide()  # the teacher is on another tab
    for index in range(30):
        lines.add(f"run 2, epoch {index}, a line long enough to wrap at this width, long enough")
    language.apply_language(language.CHINESE)
    try:
        log.show()
        qtbot.waitExposed(log)
        for index in range(30):
            lines.add(f"run 3, epoch {index}")
        qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=5000)
        assert log.follows_new_lines()
    finally:
        language.apply_language(language.ENGLISH)


def test_a_diverged_run_says_why_in_the_progress_box(qtbot, panel):
    configure(panel, model="softmax-scratch", epochs=1, lr=50.0, batch_size=100)
    panel.start()
    wait_idle(qtbot, panel)
    why = panel.progress.why_label
    assert panel.last_run_end.reason == "diverged" and not why.isHidden()
    assert "learning rate 50 is too large" in why.text()
    configure(panel, epochs=1)
    panel.start()
    wait_idle(qtbot, panel)
    assert why.isHidden()  # a good run leaves no old advice behind


def test_a_run_with_no_good_weights_says_that_draw_keeps_the_good_run_before_it(qtbot, panel, session):
    """The lesson's exercise: lr 0.5 works, lr 50 blows up at once; Draw keeps the good run."""
    configure(panel, model="softmax-scratch", epochs=1, lr=0.5)
    panel.start()
    wait_idle(qtbot, panel)
    good = session.live_run()
    configure(panel, model="softmax-scratch", epochs=1, lr=50.0, batch_size=10)
    panel.start()
    wait_idle(qtbot, panel)
    assert panel.last_run_end.reason == "diverged" and not panel.last_run_end.restored_good
    assert session.live_run() is good and session.model_source().is_live
    why = panel.progress.why_label.text()
    assert "learning rate 50 is too large" in why
    assert "Run 2 has no good weights, so Draw now uses live softmax-scratch #1" in why


def test_the_model_box_shows_the_models_name_whole(qtbot, panel):
    combo = panel.controls.model
    combo.setCurrentIndex(combo.findData("softmax-scratch"))
    assert combo.currentText() == "softmax-scratch"
    assert combo.minimumSizeHint().width() >= combo.fontMetrics().horizontalAdvance("softmax-scratch")
    assert "from scratch" in combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)
