"""The Train tab: settings, Start/Pause/Stop/Reset, progress, live curves and the lesson's log.

Training runs in a TrainingJob (gui/train/worker.py); this panel only reacts to its throttled, plain
data signals and never touches the model while it trains. Each state of a run goes to the Session
as one frozen `LiveRun` (gui/train/live_runs.py), which the Draw and Browse tabs follow, so a class
watches predictions change as it learns. Each Start begins from fresh weights unless "Continue
from current weights" is ticked: comparing learning rates is the lesson's demo. Where the widgets
sit is gui/train/panel_layout.py.

At class pace (gui/train/pace.py) a run takes about N seconds on screen and each minibatch shown
is passed on as `minibatch_shown` (the code view highlights the running code from it); while
paused, F7 takes one minibatch and F8 the rest of the epoch. The plot area shows the live curves,
the book's figure of the current run or the latest minibatch (gui/train/plot_views.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSizePolicy, QWidget

from core.config import ConfigError
from gui.language import follow_language
from gui.session import Session
from gui.train.commands import IDLE, PAUSED, RUNNING, STOPPING, TrainCommands, command_button
from gui.train.export import RunExports
from gui.train.lesson_log import Line, LogLines, advice_line, epoch_line, epochs_words, run_end_line
from gui.train.live_runs import LiveRunPublisher
from gui.train.log_view import LessonLogView
from gui.train.pace import PaceControl
from gui.train.panel_layout import TrainTabParts, lay_out
from gui.train.plot_views import BOOK_FIGURE, LIVE_CURVES, MINIBATCH, PlotViews
from gui.train.plots import TrainPlots
from gui.train.progress import TrainProgress
from gui.train.settings_form import TrainSettingsForm
from gui.train.worker import BATCH_UPDATE_INTERVAL_S, BatchUpdate, TrainingJob
from gui.widgets.rows import flow_row

__all__ = ["IDLE", "PAUSED", "RUNNING", "STOPPING", "TrainPanel"]


class TrainPanel(QWidget):
    state_changed = Signal(str)  # IDLE, RUNNING, PAUSED or STOPPING
    minibatch_shown = Signal(object)  # core.train_events.MinibatchShown, at class pace or on a step
    run_ended_at = Signal(object)  # a run ended: its last core.train_events.BatchEvent (None: none ran)

    def __init__(self, session: Session, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.state = IDLE
        self.job: TrainingJob | None = None
        self.last_run_end: Any = None  # core.train_events.RunEnded of the latest run, for callers/tests
        self.last_batch_event: Any = None  # the newest core.train_events.BatchEvent shown

        self._settings = settings if settings is not None else QSettings()
        self.controls = TrainSettingsForm(self._settings)
        self.pace = PaceControl(self._settings)
        self.pacer: Any = None  # core.train_events.Pacer of the run in progress
        # One QAction per command; the buttons here and the window's Training menu show them.
        self.commands = TrainCommands(self)
        self.start_action, self.pause_action = self.commands.start, self.commands.pause
        self.stop_action, self.reset_action = self.commands.stop, self.commands.reset
        self.start_button = command_button(self.start_action)
        self.pause_button = command_button(self.pause_action)
        self.stop_button = command_button(self.stop_action)
        self.reset_button = command_button(self.reset_action)
        self.step_batch_button = command_button(self.commands.step_batch)
        self.step_epoch_button = command_button(self.commands.step_epoch)
        self.continue_box = QCheckBox()
        self.first_hint = QLabel()
        self.first_hint.setWordWrap(True)
        self.data_message = QLabel()
        self.data_message.setWordWrap(True)
        self.data_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_message.setFrameShape(QLabel.Shape.StyledPanel)
        self.data_message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.progress = TrainProgress()
        self.log = LessonLogView()  # follows new lines unless scrolled up
        self.log_lines = LogLines(self.log)
        self.plots = TrainPlots()
        self.views = PlotViews(self.plots, self._settings, self)  # curves, the book's figure, minibatch
        self.book_figure, self.minibatch_view = self.views.book_figure, self.views.minibatch_view
        self.plot_stack, self.view_box = self.views.stack, self.views.box
        self.clear_runs_button = QPushButton()
        self.save_plots_button = QPushButton()
        self.exports = RunExports(self.plots, self._log, self)  # File ▸ Export…, Save plots
        self.run = LiveRunPublisher(session, self.exports)
        self._settings_box = lay_out(
            self,
            TrainTabParts(
                settings=self.controls,
                continue_box=self.continue_box,
                commands=[
                    self.start_button,
                    self.pause_button,
                    self.step_batch_button,
                    self.stop_button,
                    self.reset_button,
                    self.step_epoch_button,
                ],
                pace=flow_row(self.controls.lesson_button, self.pace),
                hint=self.first_hint,
                data_message=self.data_message,
                progress=self.progress,
                plots=self.plot_stack,
                plot_buttons=[
                    self.plots.log_scale_box,
                    self.view_box,
                    self.clear_runs_button,
                    self.save_plots_button,
                ],
                log=self.log,
            ),
        )

        self.start_action.triggered.connect(self.start)
        self.pause_action.triggered.connect(self.toggle_pause)
        self.stop_action.triggered.connect(self.stop)
        self.reset_action.triggered.connect(self.reset_weights)
        self.commands.step_batch.triggered.connect(self.step_batch)
        self.commands.step_epoch.triggered.connect(self.step_epoch)
        self.pace.changed.connect(self._on_pace_changed)
        self.controls.lesson_button.clicked.connect(lambda: self.set_class_pace(True))
        self.clear_runs_button.clicked.connect(self.clear_runs)
        self.controls.epochs.valueChanged.connect(self.plots.plan_epochs)  # the empty plots' x axis
        self.plots.plan_epochs(self.controls.epochs.value())
        self.save_plots_button.clicked.connect(self.ask_save_plots)
        session.dataset_changed.connect(self._on_dataset_changed)
        session.runtime_changed.connect(self._on_runtime_changed)
        follow_language(self, self._retranslate)  # also shows the dataset's state the first time
        self._on_runtime_changed()
        self.progress.reset()

    def _retranslate(self) -> None:
        """Every text made here, in the window's language; the log keeps the lines it has."""
        self._settings_box.setTitle(self.tr("Settings"))
        self.continue_box.setText(self.tr("&Continue from current weights"))
        self.continue_box.setToolTip(
            self.tr(
                "Off: every Start begins from fresh random weights, so runs with different learning "
                "rates compare fairly. On: the next run goes on from the live model's weights."
            )
        )
        self.first_hint.setText(
            self.tr(
                "To begin, press <b>▶ Start</b> (F5): the model to train learns here, its curves grow, "
                "and it becomes the active model that every tab uses. <b>Ctrl+G</b>: the lesson guide."
            )
        )
        self.log.setPlaceholderText(self.tr("The log of each run appears here, one line per epoch."))
        self.clear_runs_button.setText(self.tr("Clear runs"))
        self.save_plots_button.setText(self.tr("Save plots as PNG…"))
        self._on_dataset_changed()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self.log.fit_font()  # the log's own monospace font follows the text size
        return super().event(event)

    # -- commands ------------------------------------------------------------------------
    def start(self) -> bool:
        """Start a run with the current settings; False (and a log line) when it can't start."""
        if self.state != IDLE or (self.job is not None and self.job.is_running()):
            return False  # one run at a time
        if self.session.dataset is None:
            self._log(
                lambda: self.tr("Can't start: the dataset is not loaded (see the message on the left).")
            )
            return False
        try:
            config = self.controls.config()
        except ConfigError as error:
            why = error  # the except clause's name is gone once it ends; the line outlives it
            self._log(lambda: self.tr("Can't start: {error}").format(error=why))
            return False
        from core.train_events import TrainControl  # torch is loaded by now: the dataset needs it

        live = self.session.live_run()
        state = None
        if self.continue_box.isChecked():
            if live is not None and live.model_name == config.model:
                state = dict(live.state_dict)  # CPU copies: no model object crosses the threads
            else:
                self._log(
                    lambda: self.tr("Nothing to continue from for {model}: fresh weights.").format(
                        model=config.model
                    )
                )
        continuing = state is not None
        from core.train_events import Pacer

        data, control = self.session.dataset, TrainControl()
        # The pace may change during the run; minibatches are shown as often as the curves redraw.
        pacer = self.pacer = Pacer(self.pace.run_seconds(), show_every_s=BATCH_UPDATE_INTERVAL_S)

        def make_trainer() -> Any:  # runs in the training thread: building a model takes time
            from core.models import build_model
            from core.trainer import Trainer

            model = None
            if state is not None:
                model = build_model(config.model)
                model.load_state_dict(state)
            return Trainer(config, data, model=model, control=control, pacer=pacer)

        # Numbered as in the log ("— run 3"), so two runs with the same settings are told apart.
        # Not translated, like the model's name: the label outlives a language switch.
        short = f"#{self.run.count + 1} lr {config.lr:g}"
        short += self.tr(" (cont.)") if continuing else ""
        label = f"{config.model} {short}"
        self.run.begin(config, label)
        self.first_hint.hide()
        self.plots.begin_run(label, config.epochs, model=config.model, short_label=short)
        self.views.begin_run(config.epochs)
        run_number = self.run.count

        def weights() -> str:
            return (
                self.tr("continuing from the previous run's weights")
                if continuing
                else self.tr("fresh weights")
            )

        def run_line() -> str:
            return self.tr(
                "— run {run}: {model}, lr {lr:g}, batch {batch}, {epochs}, {device}, seed {seed}, {weights}"
            )

        self._log(
            lambda: run_line().format(
                run=run_number,
                model=config.model,
                lr=config.lr,
                batch=config.batch_size,
                epochs=epochs_words(config.epochs),
                device=config.device,
                seed=config.seed,
                weights=weights(),
            )
        )
        job = TrainingJob(make_trainer, control, self)
        # The job's signals are emitted in the GUI thread (gui.background queues them across).
        job.batch_update.connect(self._on_batch_update)
        job.epoch_ended.connect(self._on_epoch_ended)
        job.weights_ready.connect(self._on_weights_ready)
        job.run_ended.connect(self._on_run_ended)
        job.failed.connect(self._on_failed)
        job.minibatch_shown.connect(self._on_minibatch_shown)
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
            self.progress.show_paused(True)  # not a speed and a time left that no longer hold
            self._log(lambda: self.tr("paused"))
        elif self.state == PAUSED:
            self.job.control.resume()
            self._set_state(RUNNING)
            self.progress.show_paused(False)
            self._log(lambda: self.tr("resumed"))

    def step_batch(self) -> None:
        """F7: pause if running, then train on one more minibatch (shown on the Minibatch view)."""
        self._step(lambda control: control.step())

    def step_epoch(self) -> None:
        """F8: pause if running, then train to the end of the current epoch."""
        self._step(lambda control: control.step_epoch())

    def _step(self, request: Any) -> None:
        if self.job is None or self.state not in (RUNNING, PAUSED):
            return
        if self.state == RUNNING:
            self.toggle_pause()
        request(self.job.control)

    # -- pace and views ------------------------------------------------------------------------
    def class_pace(self) -> bool:
        return self.pace.class_pace()

    def set_class_pace(self, on: bool) -> None:
        self.pace.set_class_pace(on)

    def pace_seconds(self) -> int:
        return self.pace.pace_seconds()

    def set_pace_seconds(self, seconds: int) -> None:
        """How long a whole run takes at class pace, 10 to 120 s (remembered)."""
        self.pace.set_pace_seconds(seconds)

    def apply_lesson_defaults(self) -> None:
        """The Lesson defaults button: the lesson's settings, at class pace."""
        self.controls.apply_lesson_defaults()
        self.set_class_pace(True)

    def book_figure_shown(self) -> bool:
        return self.views.view() == BOOK_FIGURE

    def set_book_figure(self, on: bool) -> None:
        """Show the book's figure of the current run in the plot area (off: the live curves)."""
        self.views.set_view(BOOK_FIGURE if on else LIVE_CURVES)

    def show_minibatches(self) -> None:
        self.views.set_view(MINIBATCH)

    def _on_pace_changed(self) -> None:
        if self.pacer is not None and self.job is not None:
            self.pacer.set_seconds(self.pace.run_seconds(), self.job.control)

    def stop(self) -> None:
        if self.job is not None and self.state in (RUNNING, PAUSED):
            self.job.control.stop()  # also wakes a paused trainer
            self._set_state(STOPPING)

    def reset_weights(self) -> None:
        if self.state != IDLE:
            return
        self.session.publish_live_run(None)
        self.progress.reset()
        self._log(lambda: self.tr("weights reset: the next run starts from fresh random weights"))

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
        self.progress.show_batch(event, self._train_count())

    def _on_epoch_ended(self, event: Any) -> None:
        self.plots.add_epoch(event.epoch, event.loss, event.train_acc, event.test_acc)
        self.views.add_epoch(event)
        self._log(lambda: epoch_line(event))  # the lesson's line, as the book words it in Chinese
        self.run.epoch_ended(event)

    def _on_weights_ready(self, state_dict: dict) -> None:
        self.run.weights_ready(state_dict)

    def _on_run_ended(self, event: Any) -> None:
        self.last_run_end = event
        self.run_ended_at.emit(self.last_batch_event)  # the worker sent the last batches before this
        self.run.run_ended(event)  # the Draw tab labels a diverged live model
        if event.reason == "diverged":
            self.plots.mark_diverged()  # its last points and a "diverged" marker stay on the plot
        config = self.run.config
        lr, epochs = (config.lr, config.epochs) if config is not None else (None, None)

        # A run that went wrong says why, in short, where the class is looking, not only in the log;
        # one with no good weights also which model Draw uses now (the Session decides).
        why = None
        if event.reason in ("diverged", "collapsed"):

            def why() -> str:
                draw_uses = self.session.no_good_weights_note()  # "" unless it had no good weights
                return f"{advice_line(event.reason, lr)} {draw_uses}".strip()

        self.progress.show_end(event.reason, why)
        self._log(lambda: run_end_line(event, lr=lr, epochs=epochs))

    def _on_minibatch_shown(self, shown: Any) -> None:
        self.views.minibatch_shown(shown)
        self.minibatch_shown.emit(shown)

    def _on_failed(self, message: str) -> None:
        self._log(lambda: self.tr("training failed: {message}").format(message=message))

    def _on_thread_finished(self) -> None:
        self.job = None
        self.pacer = None
        self._set_state(IDLE)

    # -- state and messages ------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        idle, has_data = state == IDLE, self.session.dataset is not None
        self.commands.follow(state, has_data)
        self.controls.setEnabled(idle)
        self.controls.lesson_button.setEnabled(idle)  # it sits with the pace, outside the form
        self.continue_box.setEnabled(idle)
        self.first_hint.setVisible(has_data and self.run.count == 0)
        self.state_changed.emit(state)

    def _on_dataset_changed(self) -> None:
        session = self.session
        if session.dataset is not None:
            self.data_message.hide()
        elif session.dataset_error:
            self.data_message.setText(
                self.tr("<b>No dataset: training is off until it is there.</b><br>")
                + _html_lines(session.dataset_error)
            )
            self.data_message.show()
        else:
            self.data_message.setText(self.tr("Loading Fashion-MNIST in the background…"))
            self.data_message.show()
        self._set_state(self.state)

    def _on_runtime_changed(self) -> None:
        self.controls.set_cuda_available(self.session.cuda_available)

    def _train_count(self) -> int:
        dataset = self.session.dataset
        return int(len(dataset.train_labels)) if dataset is not None else 0

    def _log(self, line: Line) -> None:
        """A log line; give a callable (`lambda: self.tr(...)`) to have it said again after a switch."""
        self.log_lines.add(line)

    def log_text(self) -> str:
        return self.log.toPlainText()

    def clear_runs(self) -> None:
        """Forget earlier runs: their curves and their rows in File ▸ Export."""
        self.plots.clear_runs()
        self.exports.keep_only_run(self.run.count if self.state != IDLE else None)

    def ask_save_plots(self) -> None:
        """Save plots as PNG: the book's figure when it is shown, else the live curves."""
        if self.book_figure_shown():
            self.exports.ask_save_book_figure(self.book_figure)
        else:
            self.exports.ask_save_plots()

    def ask_export_csv(self) -> None:
        self.exports.ask_export_csv()


def _html_lines(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br>")
