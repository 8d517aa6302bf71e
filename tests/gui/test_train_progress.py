"""The Train tab's progress box: bars every update, the speed line at most twice a second."""

from __future__ import annotations

from core.trainer import BatchEvent
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
