"""The Train tab's progress box: bars every update, the speed line at most twice a second."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject

from core.train_events import BatchEvent
from gui.train import progress as train_progress
from gui.train.progress import TrainProgress


def _event(batch: int, rate: float) -> BatchEvent:
    return BatchEvent(1, 2, batch, 10, 0.5, 0.8, 0.4, batch * 100, batch / 10, rate)


def test_bars_follow_every_update_and_the_speed_line_is_held_between_refreshes(qtbot, monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(train_progress.time, "monotonic", lambda: clock[0])
    progress = TrainProgress()
    qtbot.addWidget(progress)
    progress.show_batch(_event(1, 1000.0), train_count=1000)
    assert progress.epoch_bar.value() == 1
    assert progress.rate_label.text() == "1,000 samples/s · about 0:02 left"
    clock[0] += 0.1
    progress.show_batch(_event(2, 2000.0), train_count=1000)
    assert progress.epoch_bar.value() == 2  # the bars move at once
    assert progress.rate_label.text().startswith("1,000 samples/s")  # the text waits
    clock[0] += train_progress.RATE_TEXT_INTERVAL_S
    progress.show_batch(_event(3, 2000.0), train_count=1000)
    assert progress.rate_label.text().startswith("2,000 samples/s")
    progress.show_batch(_event(4, 4000.0), train_count=1000)
    progress.show_end("finished")
    assert progress.rate_label.text() == "finished · 4,000 samples/s"  # the newest speed, held or not


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen platform only
def test_a_batch_update_paints_the_bars_with_the_next_frame_not_inside_the_call(qtbot) -> None:
    """QProgressBar.setValue repaints synchronously; at every update that was GUI-thread time
    the trainer waited for. The bars must still be painted, once, with the next frame."""
    progress = TrainProgress()
    qtbot.addWidget(progress)
    progress.show()
    qtbot.waitExposed(progress)
    counters = {bar: PaintCounter() for bar in (progress.epoch_bar, progress.run_bar)}
    for bar, counter in counters.items():
        bar.installEventFilter(counter)
    progress.show_batch(_event(4, 1000.0), train_count=1000)  # the bars' texts now show their values
    qtbot.waitUntil(lambda: all(counter.paints >= 1 for counter in counters.values()), timeout=2000)
    for counter in counters.values():
        counter.paints = 0
    progress.show_batch(_event(5, 1000.0), train_count=1000)
    assert [counter.paints for counter in counters.values()] == [0, 0]
    assert progress.epoch_bar.updatesEnabled() and progress.run_bar.updatesEnabled()
    qtbot.waitUntil(lambda: all(counter.paints >= 1 for counter in counters.values()), timeout=2000)
    assert progress.epoch_bar.value() == 5 and progress.run_bar.value() == round(1000 * 0.5 / 2)


def test_the_run_bar_says_one_epoch_and_its_two_figures_agree(qtbot) -> None:
    progress = TrainProgress()
    qtbot.addWidget(progress)
    # 117 of 235 batches: 0.498 of the run. Rounded it read "0.50 … (49%)".
    halfway = BatchEvent(1, 1, 117, 235, 0.7, 0.7, 0.7, 29952, 117 / 235, 1000.0)
    progress.show_batch(halfway, train_count=60000)
    assert progress.run_bar.format() == "run: 0.49 of 1 epoch (49%)"
    progress.show_batch(BatchEvent(2, 5, 1, 235, 0.7, 0.7, 0.7, 0, 1 + 1 / 235, 1000.0), train_count=60000)
    assert progress.run_bar.format() == "run: 1.00 of 5 epochs (20%)"


def test_a_diverged_run_shows_no_speed_and_no_batch_count(qtbot) -> None:
    progress = TrainProgress()
    qtbot.addWidget(progress)
    progress.show_batch(BatchEvent(1, 1, 1, 235, 2.3, 0.1, 2.3, 256, 1 / 235, 40417.0), train_count=60000)
    progress.show_end("diverged", lambda: "the learning rate 50 is too large")
    assert progress.rate_label.text() == "diverged"  # not "diverged · 40,417 samples/s"
    assert "batch" not in progress.epoch_bar.format() and "diverged" in progress.epoch_bar.format()


def _contrast(one, other) -> float:
    """WCAG's contrast ratio of two QColors."""

    def luminance(colour) -> float:
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in colour.getRgbF()[:3]]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_bars_text_is_one_colour_readable_over_the_fill_and_beside_it(qtbot, high_contrast) -> None:
    """It turned from black to white mid-word where the fill ended: "run: 1.|59 of 5 epochs"."""
    from PySide6.QtGui import QPalette

    from gui import theme

    progress = TrainProgress()
    qtbot.addWidget(progress)
    try:
        theme.set_high_contrast(high_contrast)
        for bar in (progress.epoch_bar, progress.run_bar):
            palette = bar.palette()
            text = palette.color(QPalette.ColorRole.Text)
            assert palette.color(QPalette.ColorRole.HighlightedText) == text  # no change where the fill ends
            assert _contrast(text, palette.color(QPalette.ColorRole.Highlight)) >= 4.5  # over the fill
            assert _contrast(text, palette.color(QPalette.ColorRole.Base)) >= 4.5  # beside it
    finally:
        theme.set_high_contrast(False)
