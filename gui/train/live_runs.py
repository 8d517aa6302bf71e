"""Which run the Train tab is showing, and what of it the other tabs and File ▸ Export get.

Each state of a run goes to the Session as one frozen `LiveRun` (config, weights, metrics, label),
which the Draw and Browse tabs follow and File ▸ Save saves, so a saved file's model name and
weights always belong together; each finished epoch also becomes a row of the export table.
"""

from __future__ import annotations

from typing import Any

from core.config import TrainConfig
from gui.session import LiveRun, Session
from gui.train.export import RunExports


class LiveRunPublisher:
    """Owns the current run's number, config, label and latest metrics."""

    def __init__(self, session: Session, exports: RunExports) -> None:
        self._session, self._exports = session, exports
        self.count = 0  # runs started in this window; the current one's number
        self.config: TrainConfig | None = None
        self.label = ""
        self.metrics: dict[str, Any] = {}

    def begin(self, config: TrainConfig, label: str) -> None:
        """A new run. The Session's live run stays the previous one until this run's first
        weights arrive, so File ▸ Save meanwhile saves a consistent (model name, weights) pair."""
        self.count += 1
        self.config, self.label, self.metrics = config, label, {}

    def epoch_ended(self, event: Any) -> None:
        """A core.train_events.EpochEvent: the live run gets its metrics, the export table a row."""
        self.metrics = {
            "epoch": event.epoch,
            "loss": event.loss,
            "train_acc": event.train_acc,
            "test_acc": event.test_acc,
        }
        if self.config is not None:
            self._exports.add_epoch(self.count, self.label, self.config, event)
        live = self._session.live_run()
        if live is not None and live.run_id == self.count:
            self._session.publish_live_run(live.with_metrics(self.metrics))

    def run_ended(self, event: Any) -> None:
        """A core.train_events.RunEnded: the live run says how it ended (diverged, restored…)."""
        live = self._session.live_run()
        if live is not None and live.run_id == self.count:
            self._session.publish_live_run(live.with_end(event.reason, bool(event.restored_good)))

    def weights_ready(self, state_dict: dict) -> None:
        """CPU copies of the weights being trained: published as one frozen value, so a Save at
        any moment gets this run's config with these weights."""
        if self.config is None:
            return
        self._session.publish_live_run(LiveRun(self.count, self.config, state_dict, self.label, self.metrics))
