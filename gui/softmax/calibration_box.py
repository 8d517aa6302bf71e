"""'What softmax means statistically': the active model's reliability diagram on the test set.

Computed only when the teacher asks (a button): the live model changes many times a second
while training, and a diagram for weights that no longer exist would mislead. When the model
changes afterwards the box says so instead of silently showing old numbers.

The 10,000 forward passes run in a BackgroundJob (about 1 s for the CNN on two cores, far
more while a run trains): the window keeps painting, and the button says it is working. The
thread only reads the Predictor it was given, which nobody modifies (edits make new ones).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from core.lesson.calibration import Calibration, calibrate, reliability
from core.lesson.softmax_steps import softmax
from gui.background import BackgroundJob
from gui.language import follow_language
from gui.softmax.reliability import ReliabilityPlot
from gui.text_size import relative_font
from gui.widgets.rows import flow_row

CHUNK = 1000  # images per forward pass: bounded memory for the CNN, same numbers
THREAD_WAIT_MS = 5000  # at shutdown: one chunk is well under a second


def test_set_logits(predictor: Any, images: Any) -> Generator[int, None, np.ndarray]:
    """Runs in a BackgroundJob: yields after each chunk (where a stop request ends it), returns
    the logits as float64 [N, 10]."""
    from core.parallelism import side_work_threads_here

    side_work_threads_here()  # one core while a run trains: the trainer keeps its speed
    parts = []
    for start in range(0, len(images), CHUNK):
        parts.append(predictor.logits(images[start : start + CHUNK]))
        yield start + CHUNK
    return np.concatenate(parts).astype(np.float64)


class CalibrationBox(QGroupBox):
    """Buttons, the diagram, and the numbers before and after temperature scaling."""

    temperature_changed = Signal(object)  # float T to use on the image steps, or None for T = 1

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._predictor: Any = None  # the model the numbers below belong to
        self._logits: np.ndarray | None = None
        self._labels: np.ndarray | None = None
        self._result: Calibration | None = None
        self._job: BackgroundJob | None = None
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.compute_button = QPushButton()
        self.fit_button = QPushButton()
        self.use_fitted = QCheckBox()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restyle()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.plot = ReliabilityPlot()
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(flow_row(self.compute_button, self.fit_button, self.use_fitted))
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(self.plot)
        self.compute_button.clicked.connect(self.compute)
        self.fit_button.clicked.connect(self.fit)
        self.use_fitted.toggled.connect(self._use_toggled)
        follow_language(self, self.retranslate)

    # -- texts -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("What softmax means statistically: is “80 %” right 80 % of the time?"))
        self.explanation.setText(
            self.tr(
                "ŷ is a probability distribution over the ten classes. A model is calibrated when "
                "its confidence matches reality: of all the test images it calls 80 % sure, about "
                "80 % are right. Each bar below is one confidence bin; on the dashed diagonal it "
                "would be perfectly calibrated, below it the model is over-confident, above it under-"
                "confident. ECE (expected "
                "calibration error) is the average gap, weighted by the images in each bin."
            )
        )
        if not self.is_computing():
            self.compute_button.setText(self.tr("Compute on the test set"))
        self.fit_button.setText(self.tr("Fit temperature T"))
        self._update_texts()

    def _update_texts(self) -> None:
        result = self._result
        if result is None:
            self.use_fitted.setText(self.tr("Use the fitted T on the steps above"))
        else:
            self.use_fitted.setText(
                self.tr("Use T = {t:.2f} on the steps above").format(t=result.temperature)
            )
        self.use_fitted.setEnabled(result is not None)
        self.fit_button.setEnabled(self._logits is not None)
        before, after = self.plot.shown()
        self.plot.setVisible(before is not None)  # an empty diagram would only push the text away
        if before is None:
            self.summary.setText("")
        elif result is None:
            self.summary.setText(
                self.tr(
                    "ECE {ece:.1f} %   ·   accuracy {acc:.1f} %   ·   mean confidence {conf:.1f} %"
                ).format(
                    ece=100 * before.ece, acc=100 * before.overall_accuracy, conf=100 * before.mean_confidence
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "T = {t:.2f}:   ECE {before:.1f} % → {after:.1f} %   ·   "
                    "NLL {nll0:.3f} → {nll1:.3f}   ·   accuracy unchanged ({acc:.1f} %)"
                ).format(
                    t=result.temperature,
                    before=100 * result.before.ece,
                    after=100 * result.after.ece,
                    nll0=result.nll_before,
                    nll1=result.nll_after,
                    acc=100 * result.before.overall_accuracy,
                )
            )
        self._set_note(self._note())

    def _set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))  # an empty label would still take a line
        self.summary.setVisible(bool(self.summary.text()))

    def _note(self) -> str:
        if self.session.dataset is None:
            return self.tr("The test set is not loaded yet.")
        if self._predictor is not None and self._predictor is not self.session.predictor():
            return self.tr("The model has changed since: press “Compute on the test set” again.")
        if self._result is not None:
            return self.tr(
                "softmax(o / T) divides every logit by the same T, so the winning class never "
                "changes, only how sure the model says it is. T is fitted here on the same test "
                "images, which is fine to show the idea; a real project fits it on held-out data."
            )
        return ""

    def restyle(self) -> None:
        """The summary is a heading: larger than the text around it, at every text size."""
        self.summary.setFont(relative_font(1.15, bold=True))

    # -- actions ---------------------------------------------------------------------------
    def model_changed(self) -> None:
        """The session's model changed: keep the numbers, but say they belong to the old one."""
        self._set_note(self._note())

    def compute(self) -> bool:
        """Start measuring the active model on the test set; False when there is nothing to measure."""
        predictor = self.session.predictor()
        dataset = self.session.dataset
        if predictor is None or dataset is None:
            self._set_note(self._note() or self.tr("There is no model to measure yet."))
            return False
        if self.is_computing():
            return True
        self._labels = np.asarray(dataset.test_labels, dtype=np.int64)
        images = dataset.test_images
        self._job = BackgroundJob(lambda: test_set_logits(predictor, images), "fmp-softmax-calibration")
        self._job.returned.connect(lambda logits: self._computed(predictor, logits))
        self._job.failed.connect(lambda error: self._computed(predictor, error))
        self._job.finished.connect(self._job_ended)
        self.compute_button.setEnabled(False)
        self.compute_button.setText(self.tr("Computing on {n:,} test images…").format(n=len(self._labels)))
        self._job.start()
        return True

    def is_computing(self) -> bool:
        return self._job is not None

    def _computed(self, predictor: Any, logits: Any) -> None:
        if isinstance(logits, str):
            self._set_note(self.tr("The test set could not be measured: {error}").format(error=logits))
            return
        self._predictor = predictor
        self._logits = logits
        self._result = None
        if self.use_fitted.isChecked():
            self.use_fitted.setChecked(False)
        self.plot.set_reliability(reliability(softmax(self._logits), self._labels))
        self._update_texts()

    def _job_ended(self) -> None:
        self._job = None  # the job deletes itself after `finished`
        self.compute_button.setEnabled(True)
        self.compute_button.setText(self.tr("Compute on the test set"))

    def shutdown(self) -> None:
        """Stop a measurement under way and wait for its thread (the window is closing)."""
        if self._job is not None:
            self._job.shutdown(THREAD_WAIT_MS)
            self._job = None

    def fit(self) -> None:
        if self._logits is None or self._labels is None:
            return
        self._result = calibrate(self._logits, self._labels)
        self.plot.set_reliability(self._result.before, self._result.after)
        self._update_texts()
        if self.use_fitted.isChecked():
            self.temperature_changed.emit(self._result.temperature)

    def result(self) -> Calibration | None:
        return self._result

    def _use_toggled(self, checked: bool) -> None:
        if checked and self._result is not None:
            self.temperature_changed.emit(self._result.temperature)
        else:
            self.temperature_changed.emit(None)
