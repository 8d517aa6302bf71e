"""The Train tab's class pace, steps and book's figure, driven as a teacher would (real Trainer, tiny data).

The pacer's waits are switched off here (Pacer.wait returns at once): what class pace changes in
the window (minibatches shown, the same lines as full speed) is tested, not the clock."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from core.train_events import MinibatchShown, Pacer
from gui.session import Session
from gui.train.panel import IDLE, PAUSED, TrainPanel
from gui.train.settings_form import LESSON_DEFAULTS

RUN_TIMEOUT_MS = 60_000  # generous: the machine is shared; a real hang still fails
LESSON_LINE = re.compile(r"^epoch \d+, loss .*$", re.M)


@pytest.fixture
def session(tiny_dataset) -> Session:
    session = Session()
    session.mark_runtime_ready(False, "CPU")
    session.set_dataset(tiny_dataset)
    return session


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "train.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def panel(qtbot, session, settings):
    panel = TrainPanel(session, settings)
    qtbot.addWidget(panel)
    yield panel
    panel.shutdown()


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(Pacer, "wait", lambda self, control: 0.0)


def configure(panel: TrainPanel, *, epochs=2, batch_size=100) -> None:
    controls = panel.controls
    controls.model.setCurrentIndex(controls.model.findData("softmax-scratch"))
    controls.epochs.setValue(epochs)
    controls.lr.setValue(0.5)
    controls.batch_size.setValue(batch_size)
    controls.seed.setValue(4)


def run_and_wait(qtbot, panel: TrainPanel) -> None:
    assert panel.start()
    qtbot.waitUntil(lambda: panel.state == IDLE and panel.job is None, timeout=RUN_TIMEOUT_MS)


def lesson_lines(panel: TrainPanel) -> list[str]:
    return LESSON_LINE.findall(panel.log_text())


def test_pace_and_its_seconds_are_remembered_and_checked(qtbot, panel, session, settings):
    assert not panel.class_pace() and panel.pace_seconds() == 30  # full speed, 30 s by default
    panel.set_class_pace(True)
    panel.set_pace_seconds(75)
    again = TrainPanel(session, settings)
    qtbot.addWidget(again)
    assert again.class_pace() and again.pace_seconds() == 75
    panel.set_pace_seconds(500)
    assert panel.pace_seconds() == 120  # the spin box keeps it in 10..120
    settings.setValue("train/pace_seconds", "soon")
    settings.setValue("train/pace", "warp")
    damaged = TrainPanel(session, settings)
    qtbot.addWidget(damaged)
    assert not damaged.class_pace() and damaged.pace_seconds() == 30
    assert settings.value("train/pace_seconds") in (30, "30")  # the bad line was repaired


def test_lesson_defaults_select_class_pace(panel):
    panel.controls.epochs.setValue(9)
    panel.apply_lesson_defaults()
    assert panel.class_pace() and panel.controls.config().epochs == LESSON_DEFAULTS.epochs
    panel.set_class_pace(False)
    panel.controls.lesson_button.click()  # the button itself does the same
    assert panel.class_pace()


def test_class_pace_gives_the_lines_of_full_speed_and_shows_minibatches(qtbot, panel, no_waiting):
    configure(panel)
    run_and_wait(qtbot, panel)
    full_speed = lesson_lines(panel)
    shown: list[MinibatchShown] = []
    panel.minibatch_shown.connect(shown.append)
    panel.set_class_pace(True)
    run_and_wait(qtbot, panel)
    assert lesson_lines(panel)[len(full_speed) :] == full_speed and len(full_speed) == 2
    assert shown and all(isinstance(event, MinibatchShown) for event in shown)
    assert shown[0].images.shape == (100, 28, 28) and "grad_W" in shown[0].stage_values
    panel.show_minibatches()
    assert panel.minibatch_view.shown is shown[-1] and "loss" in panel.minibatch_view.caption.text()


def position(event: MinibatchShown) -> int:
    return (event.epoch - 1) * event.batches + event.batch


def test_f7_takes_one_minibatch_and_f8_the_rest_of_the_epoch(qtbot, panel):
    configure(panel, epochs=3, batch_size=10)  # 60 minibatches an epoch
    shown: list[MinibatchShown] = []
    panel.minibatch_shown.connect(shown.append)
    assert panel.start()
    panel.commands.step_batch.trigger()  # pauses the run, then lets one minibatch through
    assert panel.state == PAUSED
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=RUN_TIMEOUT_MS)
    panel.commands.step_batch.trigger()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=RUN_TIMEOUT_MS)
    assert position(shown[1]) == position(shown[0]) + 1
    last = shown[1]
    epoch = last.epoch if last.batch < last.batches else last.epoch + 1  # the epoch F8 finishes
    panel.commands.step_epoch.trigger()
    qtbot.waitUntil(lambda: f"epoch {epoch}, loss" in panel.log_text(), timeout=RUN_TIMEOUT_MS)
    assert panel.state == PAUSED
    panel.stop()  # had F8 let a minibatch of the next epoch through, it would be in `shown`
    qtbot.waitUntil(lambda: panel.state == IDLE, timeout=RUN_TIMEOUT_MS)
    assert panel.last_run_end.reason == "stopped"
    assert all(event.stepped for event in shown)
    assert [position(e) for e in shown] == list(range(position(shown[0]), epoch * 60 + 1))


def test_the_book_figure_draws_the_runs_epoch_metrics_and_saves_a_png(qtbot, panel, tmp_path):
    configure(panel, epochs=3)
    panel.set_book_figure(True)
    assert panel.plot_stack.currentWidget() is panel.book_figure
    run_and_wait(qtbot, panel)
    run, figure = panel.plots.current_run(), panel.book_figure
    curves = {key: curve.getData() for key, curve in figure.curves.items()}
    assert list(curves["train_loss"][0]) == [1.0, 2.0, 3.0]
    assert list(curves["train_loss"][1]) == run.epoch_loss
    assert list(curves["train_acc"][1]) == run.train_acc
    assert list(curves["test_acc"][1]) == run.test_acc
    assert [name for _, name in ((s, lbl.text) for s, lbl in figure.legend.items)] == [
        "train loss",
        "train acc",
        "test acc",
    ]
    path = tmp_path / "figure.png"
    figure.save_png(str(path), width=800)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(path))
    assert image.width() == 800 and image.height() > 100
    panel.set_book_figure(False)
    assert panel.plot_stack.currentWidget() is panel.plots and not panel.book_figure_shown()


def test_the_step_buttons_are_named_in_the_windows_language(panel):
    from gui import language

    assert panel.step_batch_button.text() == "▷" and "F7" in panel.step_batch_button.toolTip()
    assert panel.step_batch_button.accessibleName() == "One minibatch"
    try:
        language.apply_language(language.CHINESE)
        assert panel.step_epoch_button.accessibleName() == "一个迭代周期(P)"
        assert "F8" in panel.step_epoch_button.toolTip() and "迭代周期" in panel.step_epoch_button.toolTip()
    finally:
        language.apply_language(language.ENGLISH)


def test_the_worker_passes_a_step_on_at_once_with_the_weights_it_left(monkeypatch):
    """A stepped minibatch reaches the window with the curves brought up to it and fresh weights;
    minibatches shown at class pace come no more often than the curves redraw."""
    import torch

    from core.train_events import BatchEvent, RunEnded
    from gui.train import worker

    def batch(number: int) -> BatchEvent:
        return BatchEvent(1, 1, number, 9, 1.0, 0.5, 1.0, number, number / 9, 100.0)

    def shown(number: int, stepped: bool) -> MinibatchShown:
        return MinibatchShown(1, number, 9, None, None, 1.0, {}, stepped=stepped)

    paced = [item for number in (1, 2, 3) for item in (batch(number), shown(number, False))]
    stepped = [batch(4), shown(4, True), batch(5), shown(5, True)]

    class FakeTrainer:
        model = torch.nn.Linear(2, 2)

        def run(self):
            yield from [*paced, *stepped, RunEnded("stopped", "stopped by request during epoch 1")]

    monkeypatch.setattr(worker, "BATCH_UPDATE_INTERVAL_S", 3600.0)  # the clock never allows a second one
    updates = list(worker._throttled(FakeTrainer()))
    kinds = [type(u).__name__ for u in updates]
    shown_batches = [u.batch for u in updates if isinstance(u, MinibatchShown)]
    assert shown_batches == [1, 4, 5]  # the first paced one, then every step
    for number in (4, 5):  # each step: its batch on the curves, then its weights, then itself
        index = [u.batch if isinstance(u, MinibatchShown) else None for u in updates].index(number)
        assert kinds[index - 2 : index + 1] == ["BatchUpdate", "WeightsUpdate", "MinibatchShown"]
        assert updates[index - 2].latest.batch == number


def test_the_worker_draws_the_batch_a_paused_run_stopped_at():
    """Throttled updates held the last batches back while the run waited, paused: the window said
    149, the trainer was at 151. The trainer's PausedAt sends them."""
    import torch

    from core.train_events import BatchEvent, PausedAt
    from gui.train import worker

    class FakeTrainer:
        model = torch.nn.Linear(2, 2)

        def run(self):
            for number in range(1, 6):
                yield BatchEvent(1, 1, number, 9, 1.0, 0.5, 1.0, number, number / 9, 100.0)
            yield PausedAt(1, 5)

    updates = list(worker._throttled(FakeTrainer()))
    drawn = [u.latest.batch for u in updates if isinstance(u, worker.BatchUpdate)]
    assert drawn[-1] == 5


def test_the_book_figure_of_a_one_epoch_run_shows_its_point_in_the_middle(qtbot):
    from gui.train.book_figure import BookFigure

    figure = BookFigure()
    qtbot.addWidget(figure)
    figure.begin_run(1)
    figure.add_epoch(1, 0.78, 0.75, 0.78)
    for curve in figure.curves.values():
        assert curve.opts["symbol"] is not None  # one point and no line: the marker is what shows
    (left, right), _ = figure.chart.getViewBox().viewRange()
    assert left < 1.0 < right and right - 1.0 == pytest.approx(1.0 - left)


def test_a_squeezed_book_figure_shows_fewer_y_labels(qtbot):
    from PySide6.QtGui import QFontMetrics

    from gui.train.book_figure import BookFigure

    figure = BookFigure()
    qtbot.addWidget(figure)
    figure.begin_run(5)
    line = QFontMetrics(figure.font()).height()
    assert figure.y_tick_step(20 * line) == 0.2  # roomy: the book's 0, 0.2, …, 1.0
    assert figure.y_tick_step(3 * line) >= 0.5  # under the guide at +4: labels never on each other
    figure.add_epoch(1, 2.3, 0.4, 0.5)  # a loss above 1: steps grow past 1
    assert figure.y_tick_step(3 * line) >= 1.0
