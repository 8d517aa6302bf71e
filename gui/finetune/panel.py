""" "Teach it our sketches": choose a model and a held-out part, fine-tune, watch, then keep or undo.

The run is a gui.background job (gui/finetune/work.py); the plot and the numbers follow its
measurements. Nothing changes the Draw tab's model until "Use on Draw", which makes the result
the session's active model (ModelSource kind "finetuned"); Reset puts back the model the run
started from, with the very weights it had (hand edits included), and forgets the result.
"""

from __future__ import annotations

import math
import threading
import time
from functools import partial
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.errors import CodedError
from core.finetune_settings import MIN_SKETCHES
from gui.background import BackgroundJob
from gui.checkpoint_messages import explain
from gui.file_writing import explain_write_error
from gui.finetune.held_strip import HeldStrip
from gui.finetune.plot import FinetunePlot
from gui.finetune.work import Finished, SplitMade, file_weights, finetune_work, pretrained_weights
from gui.language import follow_language
from gui.session import Session
from gui.session.model_sources import SOURCE_ROLE, ModelSource
from gui.user_folders import user_folder
from gui.widgets.model_chooser import ModelChooser
from gui.widgets.rows import flow_row, pair

KEEP_KEY = "Ctrl+K"  # Draw's Keep as… (gui.draw.keep_row, a tab this dialog does not import)

LAST_N_DEFAULT = 10
LAST_N_MOST = 1000
CLOSE_WAIT_MS = 1000


def _percent(value: float | None) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.1%}"


class FinetunePanel(QWidget):
    """The dialog's content; `finished` when a run's result (or refusal) has arrived."""

    finished = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._job: BackgroundJob | None = None
        self._stop = threading.Event()
        self._split: SplitMade | None = None
        self._start_source: ModelSource | None = None
        self._start_had_edits = False
        self.result: Any = None  # the last core.finetune.FinetuneResult
        self._used = False  # the result is the session's active model
        self._started = 0.0  # time.monotonic() at Start: the teacher sees how long it took
        self._counted_book: Any = None  # the session sketchbook whose `counted` this follows
        self._status_text: Any = self._intro  # says the status line again in a new language

        self.model_caption = QLabel()
        self.model_choice = ModelChooser()  # its drop-down rows say each model's accuracies
        self.model_choice.setModel(session.model_list())  # the list Draw's chooser shows
        self.model_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow)
        self.model_choice.setMinimumContentsLength(12)
        self.held_caption = QLabel()
        self.quarter = QRadioButton(checked=True)
        self.last_n = QRadioButton()
        self.last_count = QSpinBox(minimum=1, maximum=LAST_N_MOST, value=LAST_N_DEFAULT)
        self._held_group = QButtonGroup(self)
        self._held_group.addButton(self.quarter)
        self._held_group.addButton(self.last_n)
        self.start_button = QPushButton()
        self.stop_button = QPushButton(enabled=False)
        self.plot = FinetunePlot()
        self.held_caption_strip = QLabel(wordWrap=True)
        self.held_strip = HeldStrip()
        self.status = QLabel(wordWrap=True)
        self.numbers = QLabel(wordWrap=True)
        self.reset_button = QPushButton(enabled=False)
        self.use_button = QPushButton(enabled=False)
        self.save_button = QPushButton(enabled=False)

        layout = QVBoxLayout(self)
        # One wrapping row of controls: at +4 on a 1024×768 projector every line is plot lost.
        layout.addWidget(
            flow_row(
                pair(self.model_caption, self.model_choice),
                self.held_caption,
                self.quarter,
                pair(self.last_n, self.last_count),
            )
        )
        layout.addWidget(self.plot, stretch=1)
        layout.addWidget(self.held_caption_strip)
        layout.addWidget(self.held_strip)
        layout.addWidget(self.status)
        layout.addWidget(self.numbers)
        layout.addWidget(
            flow_row(
                self.start_button, self.stop_button, self.reset_button, self.use_button, self.save_button
            )
        )

        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.reset_button.clicked.connect(self.reset)
        self.use_button.clicked.connect(self.use_on_draw)
        self.save_button.clicked.connect(self.ask_save)
        self.last_count.valueChanged.connect(lambda _value: self.last_n.setChecked(True))
        session.model_source_changed.connect(self._follow_draw)
        follow_language(self, self._retranslate)
        self._show_strip(False)
        self.choose_active_model()

    def _retranslate(self) -> None:
        self.model_caption.setText(self.tr("Model:"))
        self.held_caption.setText(self.tr("Held out:"))
        self.quarter.setText(self.tr("a quarter of each class"))
        self.last_n.setText(self.tr("the last"))
        self.last_count.setSuffix(self.tr(" sketches"))
        self.start_button.setText(self.tr("&Start"))
        self.stop_button.setText(self.tr("S&top"))
        self.reset_button.setText(self.tr("&Reset"))
        self.reset_button.setToolTip(self.tr("Put back the model as it was before the fine-tune"))
        self.use_button.setText(self.tr("&Use on Draw"))
        self.save_button.setText(self.tr("Save as &checkpoint…"))
        self.held_caption_strip.setText(self.tr("Held out, never learnt from:"))
        self.status.setText(self._status_text())
        self._show_numbers()

    def _show_strip(self, shown: bool) -> None:
        """The held-out row once a run has chosen them: before that it would be an empty box."""
        self.held_caption_strip.setVisible(shown)
        self.held_strip.setVisible(shown)

    def _say(self, text: Any) -> None:
        """Show a status line; `text` is a callable giving it in the window's language (kept so a
        change of language says it again), or a plain string (a file name, Python's own words)."""
        self._status_text = text if callable(text) else (lambda: text)
        self.status.setText(self._status_text())

    def _intro(self) -> str:
        """What the status line says before a run: the two questions the plot answers, or how many
        more sketches a run needs."""
        count = getattr(self._counted_book, "count", None)
        if count is not None and count < MIN_SKETCHES:
            return self.tr(
                "Keep {needed} more sketches first: teaching needs at least {least}, one of them held "
                "out ({count} so far). Draw one and press Draw ▸ Keep as… ({key}), or let the class "
                "draw on their phones (Class tab)."
            ).format(needed=MIN_SKETCHES - count, least=MIN_SKETCHES, count=count, key=KEEP_KEY)
        return self.tr(
            "Learns from the class's sketches, never from the held-out ones: does it read those "
            "better afterwards, and does it still know the photos?"
        )

    # -- choosing -----------------------------------------------------------------------------
    def choose_active_model(self) -> None:
        """Select the Draw tab's model (the session's active one), unless a run is going."""
        if self.running():
            return
        row = self.session.model_list().row_of(self.session.model_source())
        if row >= 0:
            self.model_choice.setCurrentIndex(row)

    def follow_sketch_count(self) -> None:
        """Count the session's sketches (in the background): too few and Start is off, saying why."""
        book = self.session.sketchbook
        if book is not self._counted_book and hasattr(book, "counted"):
            if self._counted_book is not None:
                self._counted_book.counted.disconnect(self._on_counted)
            self._counted_book = book
            book.counted.connect(self._on_counted)
        if hasattr(book, "recount"):
            book.recount()

    def _on_counted(self, _count: int) -> None:
        self._set_running(self.running())
        if self.result is None and not self.running() and self._status_text == self._intro:
            self._say(self._intro)

    def _too_few(self) -> bool:
        count = getattr(self._counted_book, "count", None)
        return count is not None and count < MIN_SKETCHES

    def _follow_draw(self, _source: object) -> None:
        if not self._used:  # our own Use on Draw must not change the choice under the result
            self.choose_active_model()

    def held_out(self) -> float | int:
        return 0.25 if self.quarter.isChecked() else self.last_count.value()

    def _chosen_source(self) -> ModelSource:
        return self.model_choice.currentData(SOURCE_ROLE)

    def _weights_source(self, source: ModelSource):
        """How the job gets the starting weights: the active model's as it answers now (edits
        included) are copied here; another row's are read in the job's thread."""
        session = self.session
        if source == session.model_source():
            weights = session.active_weights()
            if weights is None:
                return None
            name, state = weights
            return lambda: (name, state)
        if source.is_live:
            run = session.live_run()
            if run is None:
                return None
            name, state = run.model_name, dict(run.state_dict)
            return lambda: (name, state)
        if source.kind == "pretrained":
            return partial(pretrained_weights, source.name_or_path)
        if source.is_file:
            return partial(file_weights, source.name_or_path)
        return None

    # -- running ------------------------------------------------------------------------------
    def running(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        if self.running():
            return
        source = self._chosen_source()
        weights = self._weights_source(source) if source is not None else None
        if weights is None:
            self._say(lambda: self.tr("That model has no weights yet: train it or choose another."))
            return
        self._forget_result()
        self._start_source = source
        self._start_had_edits = source == self.session.model_source() and self.session.has_edits()
        self._stop = threading.Event()
        work = partial(finetune_work, weights, self.session.sketchbook, self.held_out(), self.session.dataset,
                       self._stop)  # fmt: skip
        job = BackgroundJob(work, "fmp-finetune", self)
        job.yielded.connect(self._on_value)
        job.returned.connect(self._on_result)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self._started = time.monotonic()
        self._say(lambda: self.tr("Reading the sketches…"))
        self._set_running(True)
        job.start()

    def stop(self) -> None:
        """End early; the weights as they are then are measured and kept, like a finished run's."""
        self._stop.set()
        self._say(lambda: self.tr("Stopping…"))

    def shutdown(self, timeout_ms: int = CLOSE_WAIT_MS) -> None:
        """Closing: stop the run and send nothing more (gui.background keeps a late thread alive)."""
        self._stop.set()
        if self._job is not None:
            self._job.shutdown(timeout_ms)
            self._job = None
            self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running and not self._too_few())
        self.stop_button.setEnabled(running)
        for control in (self.model_choice, self.quarter, self.last_n, self.last_count):
            control.setEnabled(not running)
        has_result = self.result is not None and not running
        self.use_button.setEnabled(has_result and not self._used)
        self.save_button.setEnabled(has_result)
        self.reset_button.setEnabled(has_result)

    def _on_value(self, value: object) -> None:
        if isinstance(value, SplitMade):
            self._split = value
            self.held_strip.show_sketches(value.held_images, value.held_labels)
            self._show_strip(bool(value.held_images))
            self._say(
                lambda: self.tr("Learning from {train} sketches, {held} held out.").format(
                    train=value.train, held=value.held
                )
            )
            return
        if value.step == 0:  # the dashed lines: the same measurements as the curves, before any step
            self.plot.clear_run(value.steps)
            self.plot.set_before(value.held_acc, value.test_acc)
        self.plot.add(value)
        self._say(
            lambda: self.tr("Step {step} of {steps}: held out {held}, test {test}").format(
                step=value.step,
                steps=value.steps,
                held=_percent(value.held_acc),
                test=_percent(value.test_acc),
            )
        )

    def _on_result(self, result: object) -> None:
        from core.finetune_settings import FinetuneError

        if isinstance(result, FinetuneError):
            self._say(lambda: explain(result))
            return
        if isinstance(result, Finished):
            self.held_strip.grade(result.read_before, result.read_after)
            result = result.result
        self.result = result
        seconds = time.monotonic() - self._started
        stopped = result.stopped
        self._say(
            lambda: (
                self.tr("Stopped early after {seconds:.1f} s.")
                if stopped
                else self.tr("Done in {seconds:.1f} s.")
            ).format(seconds=seconds)
        )
        self._show_numbers()

    def _on_failed(self, text: str) -> None:
        self._say(text)

    def _on_job_finished(self) -> None:
        self._job = None
        self._set_running(False)
        self.finished.emit()

    def _show_numbers(self) -> None:
        result = self.result
        self.numbers.setVisible(result is not None)  # a hidden empty line leaves the plot its room
        if result is None:
            self.numbers.setText("")
            return
        before, after = result.before, result.after
        # Named: the chooser may show another model by now (the dialog reopened on Draw's model).
        row = self.session.model_list().row_of(self._start_source) if self._start_source else -1
        self.numbers.setText(
            self.tr(
                "Last run, from {model}: held-out sketches {held_before} → {held_after}, the whole "
                "Fashion-MNIST test set {test_before} → {test_after}."
            ).format(
                model=self.model_choice.itemText(row) if row >= 0 else "?",
                held_before=_percent(before["held_acc"]),
                held_after=_percent(after["held_acc"]),
                test_before=_percent(before.get("test_acc")),
                test_after=_percent(after.get("test_acc")),
            )
        )

    # -- keeping or undoing -------------------------------------------------------------------
    def use_on_draw(self) -> None:
        if self.result is None or self._split is None:
            return
        metrics = {key: value for key, value in self.result.after.items() if math.isfinite(value)}
        try:
            self.session.use_finetuned(self._split.model_name, self.result.state_dict, metrics)
        except CodedError as error:  # weights that blew up (NaN): said, and Draw keeps its model
            self._say(lambda error=error: explain(error))
            return
        self._used = True
        self._set_running(False)
        self._say(lambda: self.tr("The Draw tab now uses the fine-tuned model."))

    def reset(self) -> None:
        """The model the run started from, as it was, is the active one again; the result is gone."""
        if self._used and self._start_source is not None and self._split is not None:
            self._used = False
            request = self.session.set_model_source(self._start_source)
            if self._start_had_edits:
                weights = self._split.start_weights
                if request is None:
                    self.session.set_edited_weights(dict(weights))
                else:  # a file is read again first
                    request.ended.connect(lambda _outcome: self.session.set_edited_weights(dict(weights)))
        self._forget_result()
        self._say(lambda: self.tr("Back to the model as it was."))

    def _forget_result(self) -> None:
        self.result = None
        self.held_strip.ungrade()
        self._used = False
        self.plot.clear_run(1)
        self._show_numbers()
        self._set_running(self.running())

    def ask_save(self) -> None:
        if self.result is None or self._split is None:
            return
        name = self._split.model_name
        suggested = self.tr("{model}-our-sketches.pt").format(model=name)
        start = f"{user_folder(QStandardPaths.StandardLocation.DocumentsLocation)}/{suggested}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save fine-tuned model"), start, self.tr("Checkpoints (*.pt)")
        )
        if path:
            self.save_to(path if path.endswith(".pt") else path + ".pt")

    def save_to(self, path: str) -> bool:
        """Save the result through the session's save (atomic); a refusal is said here, in one line."""
        metrics = {key: value for key, value in self.result.after.items() if math.isfinite(value)}
        try:
            self.session.save_weights_checkpoint(
                path, self._split.model_name, self.result.state_dict, metrics
            )
        except Exception as error:  # full disk, read-only folder: the result stays in the window
            self._say(lambda error=error: explain_write_error(error, path))
            return False
        self._say(lambda: self.tr("Saved {path}").format(path=path))
        return True
