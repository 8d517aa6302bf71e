"""The Train tab: settings, Start/Pause/Stop/Reset, progress, live curves and the lesson's log.

Training runs in a TrainingJob (gui/train/worker.py); this panel only reacts to its throttled, plain
data signals and never touches the model while it trains. The weights it publishes reach the
Draw and Browse tabs through the Session, so a class watches predictions change as it learns.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.config import ConfigError, TrainConfig
from gui.session import LIVE, Session
from gui.text_size import current_point_size
from gui.train.plots import TrainPlots
from gui.train.progress import TrainProgress
from gui.train.settings_form import TrainSettingsForm
from gui.train.worker import BatchUpdate, TrainingJob

IDLE, RUNNING, PAUSED, STOPPING = "idle", "running", "paused", "stopping"


class TrainPanel(QWidget):
    state_changed = Signal(str)  # IDLE, RUNNING, PAUSED or STOPPING

    def __init__(self, session: Session, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.state = IDLE
        self.job: TrainingJob | None = None
        # The model whose published weights (session.live_state_dict) the next Start continues
        # from, until Reset or a change of model. Continuing from those CPU copies means no model
        # object ever crosses between the threads.
        self._continue_model: str | None = None
        self._run_config: TrainConfig | None = None
        self._run_label = ""
        self._run_count = 0
        self._published_this_run = False
        self.last_run_end: Any = None  # core.trainer.RunEnded of the latest run, for callers/tests
        self.last_batch_event: Any = None  # the newest core.trainer.BatchEvent shown
        self.batch_updates_received = 0  # throttled updates drawn (the benchmark reports the rate)

        self.controls = TrainSettingsForm(settings)
        self.start_button = QPushButton("▶ Start")
        self.pause_button = QPushButton("Pause")
        self.stop_button = QPushButton("■ Stop")
        self.reset_button = QPushButton("↺ Reset weights")
        self.reset_button.setToolTip("Forget the trained weights: the next run starts from fresh ones.")
        self.data_message = QLabel()
        self.data_message.setWordWrap(True)
        self.data_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_message.setFrameShape(QLabel.Shape.StyledPanel)
        self.data_message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.progress = TrainProgress()
        self.epoch_progress = self.progress.epoch_bar
        self.run_progress = self.progress.run_bar
        self.rate_label = self.progress.rate_label
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.log.setPlaceholderText("The log of each run appears here, one line per epoch.")
        self.plots = TrainPlots()
        self.clear_runs_button = QPushButton("Clear runs")
        self.save_plots_button = QPushButton("Save plots as PNG…")
        self._build_layout()
        self._apply_fonts()

        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset_weights)
        self.clear_runs_button.clicked.connect(self.plots.clear_runs)
        self.save_plots_button.clicked.connect(self.ask_save_plots)
        self.controls.changed.connect(self._on_controls_changed)
        session.dataset_changed.connect(self._on_dataset_changed)
        session.runtime_changed.connect(self._on_runtime_changed)
        self._on_dataset_changed()
        self._on_runtime_changed()
        self.progress.reset()

    def _build_layout(self) -> None:
        settings_box = QGroupBox("Settings")
        QVBoxLayout(settings_box).addWidget(self.controls)
        buttons = QGridLayout()
        buttons.addWidget(self.start_button, 0, 0)
        buttons.addWidget(self.pause_button, 0, 1)
        buttons.addWidget(self.stop_button, 1, 0)
        buttons.addWidget(self.reset_button, 1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(settings_box)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.data_message)
        left_layout.addWidget(self.progress)
        left_layout.addStretch(1)

        plot_area = QWidget()
        plot_layout = QVBoxLayout(plot_area)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.addWidget(self.plots, 1)
        plot_buttons = QHBoxLayout()
        plot_buttons.addStretch(1)
        plot_buttons.addWidget(self.clear_runs_button)
        plot_buttons.addWidget(self.save_plots_button)
        plot_layout.addLayout(plot_buttons)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(plot_area)
        right.addWidget(self.log)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- fonts follow the app-wide text size ---------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self._apply_fonts()
        return super().event(event)

    def _apply_fonts(self) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(current_point_size())
        self.log.setFont(mono)

    # -- commands ------------------------------------------------------------------------
    def start(self) -> bool:
        """Start a run with the current settings; False (and a log line) when it can't start."""
        if self.state != IDLE or (self.job is not None and self.job.is_running()):
            return False  # one run at a time
        if self.session.dataset is None:
            self._log("Can't start: the dataset is not loaded (see the message on the left).")
            return False
        try:
            config = self.controls.config()
        except ConfigError as error:
            self._log(f"Can't start: {error}")
            return False
        from core.trainer import TrainControl  # torch is loaded by now: the dataset needs it

        state = None
        if self._continue_model == config.model and self.session.live_model_name == config.model:
            state = self.session.live_state_dict()
        continuing = state is not None
        data, control = self.session.dataset, TrainControl()

        def make_trainer() -> Any:  # runs in the training thread: building a model takes time
            from core.models import build_model
            from core.trainer import Trainer

            model = None
            if state is not None:
                model = build_model(config.model)
                model.load_state_dict(state)
            return Trainer(config, data, model=model, control=control)

        self._run_count += 1
        self._run_config = config
        self._run_label = f"{config.model} lr {config.lr:g}" + (" (cont.)" if continuing else "")
        self._published_this_run = False
        self.session.live_config = config
        self.session.live_metrics = {}
        self.plots.begin_run(self._run_label, config.epochs)
        weights = "continuing from the previous run's weights" if continuing else "fresh weights"
        self._log(
            f"— run {self._run_count}: {config.model}, lr {config.lr:g}, batch {config.batch_size}, "
            f"{config.epochs} epochs, {config.device}, seed {config.seed}, {weights}"
        )
        job = TrainingJob(make_trainer, control, self)
        # The job's signals are emitted in the GUI thread (gui.background queues them across).
        job.batch_update.connect(self._on_batch_update)
        job.epoch_ended.connect(self._on_epoch_ended)
        job.weights_ready.connect(self._on_weights_ready)
        job.run_ended.connect(self._on_run_ended)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_thread_finished)
        self.job = job
        self.progress.reset()
        self._set_state(RUNNING)
        job.start()
        return True

    def toggle_pause(self) -> None:
        if self.job is None:
            return
        if self.state == RUNNING:
            self.job.control.pause()
            self._set_state(PAUSED)
            self._log("paused")
        elif self.state == PAUSED:
            self.job.control.resume()
            self._set_state(RUNNING)
            self._log("resumed")

    def stop(self) -> None:
        if self.job is not None and self.state in (RUNNING, PAUSED):
            self.job.control.stop()  # also wakes a paused trainer
            self._set_state(STOPPING)

    def reset_weights(self) -> None:
        if self.state != IDLE:
            return
        self._continue_model = None
        self.session.clear_live_weights()
        self.progress.reset()
        self._log("weights reset: the next run starts from fresh random weights")

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop any run and wait for its thread (the window is closing). True when it ended."""
        if self.job is None:
            return True
        ended = self.job.shutdown(timeout_ms)
        self.job = None
        self.state = IDLE
        return ended

    def is_training(self) -> bool:
        return self.state != IDLE

    # -- worker signals (queued into the GUI thread) -----------------------------------------
    def _on_batch_update(self, update: BatchUpdate) -> None:
        self.plots.add_batch_points(update.points)
        event = update.latest
        self.last_batch_event = event
        self.batch_updates_received += 1
        self.progress.show_batch(event, self._train_count())

    def _on_epoch_ended(self, event: Any) -> None:
        self.plots.add_epoch(event.epoch, event.loss, event.train_acc, event.test_acc)
        self._log(event.lesson_line())
        self.session.live_metrics = {
            "epoch": event.epoch,
            "loss": event.loss,
            "train_acc": event.train_acc,
            "test_acc": event.test_acc,
        }

    def _on_weights_ready(self, state_dict: dict) -> None:
        if self._run_config is None:
            return
        self.session.publish_live_weights(self._run_config.model, state_dict, f"live {self._run_label}")
        if not self._published_this_run:
            self._published_this_run = True
            self._continue_model = self._run_config.model
            if self.session.model_source() != LIVE:
                # Draw and Browse follow the model as it learns: that is the point of training live.
                self.session.set_model_source(LIVE)

    def _on_run_ended(self, event: Any) -> None:
        self.last_run_end = event
        self.progress.show_end(event.reason)
        prefix = {"finished": "✔", "stopped": "■", "diverged": "⚠"}.get(event.reason, "")
        self._log(f"{prefix} {event.message}".strip())

    def _on_failed(self, message: str) -> None:
        self._log(f"training failed: {message}")

    def _on_thread_finished(self) -> None:
        self.job = None
        self._set_state(IDLE)

    # -- state and messages ------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        idle, has_data = state == IDLE, self.session.dataset is not None
        self.start_button.setEnabled(idle and has_data)
        self.pause_button.setEnabled(state in (RUNNING, PAUSED))
        self.pause_button.setText("Resume" if state == PAUSED else "Pause")
        self.stop_button.setEnabled(state in (RUNNING, PAUSED))
        self.reset_button.setEnabled(idle)
        self.controls.setEnabled(idle)
        self.state_changed.emit(state)

    def _on_dataset_changed(self) -> None:
        session = self.session
        if session.dataset is not None:
            self.data_message.hide()
        elif session.dataset_error:
            self.data_message.setText(
                "<b>No dataset: training is off until it is there.</b><br>"
                + _html_lines(session.dataset_error)
            )
            self.data_message.show()
        else:
            self.data_message.setText("Loading Fashion-MNIST in the background…")
            self.data_message.show()
        self._set_state(self.state)

    def _on_runtime_changed(self) -> None:
        self.controls.set_cuda_available(self.session.cuda_available)

    def _on_controls_changed(self) -> None:
        config = self.controls.config()
        if self._continue_model is not None and config.model != self._continue_model:
            self._log(f"model changed to {config.model}: the next run starts from fresh weights")
            self._continue_model = None

    def _train_count(self) -> int:
        dataset = self.session.dataset
        return int(len(dataset.train_labels)) if dataset is not None else 0

    def _log(self, line: str) -> None:
        self.log.appendPlainText(line)

    def log_text(self) -> str:
        return self.log.toPlainText()

    def ask_save_plots(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save plots as PNG", "training-curves.png", "PNG (*.png)")
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            if self.plots.save_png(path):
                self._log(f"plots saved to {path}")
            else:
                self._log(f"could not save the plots to {path} (is the folder writable?)")


def _html_lines(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br>")
