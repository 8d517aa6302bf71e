"""The Draw tab: sketch a garment, see the 28×28 the model gets and its ten probabilities.

The flow is drawing → core.preprocess (the Fashion-MNIST recipe) → the session's Predictor →
bars. An image that already is a 28×28 model input (a sample sent from Browse, an opened image
file, which `load_image_file` has already preprocessed) is predicted from exactly those pixels
until the student edits the board: preprocessing its 280×280 upscale again would show the model
a different image (on 2,000 test images none came back identical).
Two models read that one input side by side (gui/draw/answers.py): the active one and a second
one to compare with (gui/draw/second_model.py). A model the Draw tab did not pick itself (a run's
live weights taking over) is announced above them, never swapped in silently.
Predictions are rate-limited: a short quiet period after the last change, plus a maximum wait
so the bars still move during a long stroke, instead of one inference per mouse event.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.preprocess import preprocess_drawing
from gui.draw.answers import TwoAnswers, no_model_reason
from gui.draw.canvas import SketchCanvas
from gui.draw.compare_row import CompareRow
from gui.draw.file_messages import FileMessages
from gui.draw.fill_note import LEAKED, NOTHING_ENCLOSED, FillNote
from gui.draw.keep_row import DRAWING, EMPTY, SENT, KeepRow
from gui.draw.model_row import ModelRow
from gui.draw.second_model import SecondModel
from gui.draw.tools import DrawToolBar, ModelInputPreview
from gui.language import class_name, follow_language
from gui.session import DRAW_BOARD, CurrentImage
from gui.session.checkpoint_loading import FileOpen, OpenOutcome
from gui.session.model_sources import ModelSource
from gui.text_size import relative_font
from gui.user_folders import in_documents, in_pictures
from gui.widgets.reflow import ReflowArea

QUIET_MS = 40  # predict this long after the last change…
MAX_WAIT_MS = 120  # …but at least this often while a stroke goes on
# The active model's answer in large type, on one line ("T-shirt/top 84%" fits beside the preview
# at +4): the two sets of bars under it need the height a second line took (was 1.6×, two lines).
HEADLINE_SIZE = 1.4
# English sources, translated where shown (context "DrawPanel").
EMPTY_HINT = QT_TRANSLATE_NOOP(
    "DrawPanel", "Draw a garment on the board: the bars will show what the model thinks."
)
IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "DrawPanel", "Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;All files (*)"
)


class DrawPanel(QWidget):
    # (a linear model's ModelSource, a class): show that class's template on the Weights tab
    explain_weights_requested = Signal(object, int)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._model_input: np.ndarray | None = None
        # The exact 28×28 input shown on the board (Browse's sample, an opened file) until the
        # board is edited; None while the board is a drawing to preprocess.
        self._exact_input: np.ndarray | None = None
        self._exact_label: int | None = None  # the class the exact input is known to be
        # The board as a sample sent from Browse or the Class tab (not an opened file) put it there:
        # that sample is in the dataset or the sketchbook already, so while the board shows it
        # (unedited, or edited and undone) it is not kept as a new drawing.
        self._sent_board: np.ndarray | None = None
        self._placing = False  # show_image() is putting an image on the board: not an edit
        self._headline_answer: tuple[int | None, np.ndarray | None] = (None, None)  # (top class, probs)
        self._board_changed = False  # the board changed since its input was last made current

        self.canvas = SketchCanvas(self)
        self.tools = DrawToolBar(self.canvas, self)
        self.preview = ModelInputPreview(self)
        self.second_model = SecondModel(session, self)
        self.answers = TwoAnswers(session, self.second_model, self)
        self.bars = self.answers.first.bars  # the active model's
        self.compare_row = CompareRow(session, self.second_model, self)
        self.live_note = QLabel(self)  # "Now showing the live model from run N."
        self.live_note.setWordWrap(True)
        self.live_note.hide()
        self._announced_run: int | None = None  # the live run the note last named
        self.headline = QLabel(self)
        self.headline.setFont(relative_font(HEADLINE_SIZE, bold=True))
        self.headline.setWordWrap(False)
        self.model_row = ModelRow(session, self)  # the chooser, Open… and the model's line
        self.model_combo, self.model_status = self.model_row.combo, self.model_row.status
        self.file_messages = FileMessages(self)  # under the board: core's notes, refusals in red
        self.fill_note = FillNote(self)  # under the board: a fill that leaked, or found nothing
        self.keep_row = KeepRow(session, lambda: self._model_input, self.canvas.to_array, self)
        self.sort_box = QCheckBox(self)
        self.sort_box.toggled.connect(self.answers.set_sorted)
        self._build_layout()

        self._quiet_timer = _single_shot(self, QUIET_MS, self.update_prediction)
        self._max_wait_timer = _single_shot(self, MAX_WAIT_MS, self.update_prediction)
        self.canvas.changed.connect(self._schedule_prediction)
        self.canvas.changed.connect(self._mark_board_changed)
        self.canvas.stroke_finished.connect(self._on_stroke_finished)
        self.canvas.changed.connect(self._clear_message)
        self.canvas.changed.connect(self.keep_row.board_changed)  # "Kept as …" was about the old board
        self.canvas.changed.connect(lambda: self.fill_note.say(None))
        self.canvas.fill_leaked.connect(lambda: self.fill_note.say(LEAKED))
        self.canvas.nothing_enclosed.connect(lambda: self.fill_note.say(NOTHING_ENCLOSED))
        self.tools.open_image_requested.connect(self.choose_image_file)
        self.model_row.source_chosen.connect(self.set_model_source)
        self.model_row.open_requested.connect(self.choose_checkpoint_file)
        self.second_model.changed.connect(self._on_second_chosen)
        self.answers.explain_requested.connect(self.explain_weights_requested)
        session.predictor_changed.connect(self._on_predictor_changed)
        session.live_run_changed.connect(self._on_predictor_changed)  # its end, its accuracy
        session.opening_changed.connect(self._show_model_line)
        self.setAcceptDrops(True)
        self._stale = True  # the model changed while the tab was hidden: refresh when it shows
        follow_language(self, self._retranslate)  # its first call also reads the model

    def _retranslate(self) -> None:
        self.sort_box.setText(self.tr("&Sort by probability"))
        self._sees_title.setText(self.tr("What the model sees"))
        self._thinks_title.setText(self.tr("The model thinks:"))
        self.canvas.set_empty_hint(QCoreApplication.translate("DrawPanel", EMPTY_HINT))
        self._say_live_run()
        self._on_predictor_changed()  # the model line, the hint and the headline (or later, if hidden)

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.tools)
        # "Keep as …" into the class sketchbook: over the board, where it stays on screen when the
        # bars at large text make the tab scroll (under it, it went below the window's edge)
        left.addWidget(self.keep_row)
        left.addWidget(self.canvas, 1)
        left.addWidget(self.fill_note)
        left.addWidget(self.file_messages)
        left.addWidget(self.live_note)  # under the board, where the board gives way: not the bars

        sees = QGridLayout()
        sees_title = self._sees_title = QLabel(self)
        sees.addWidget(sees_title, 0, 0)
        sees.addWidget(self.preview, 1, 0, 2, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._thinks_title = QLabel(self)
        sees.addWidget(self._thinks_title, 0, 1)
        sees.addWidget(self.headline, 1, 1, Qt.AlignmentFlag.AlignTop)
        # Beside the preview, not under the bars: a line less of height on a 768-px projector.
        sees.addWidget(self.sort_box, 2, 1, Qt.AlignmentFlag.AlignBottom)
        sees.setColumnStretch(1, 1)
        sees.setHorizontalSpacing(self.fontMetrics().averageCharWidth() * 3)
        # On a short screen (768 px at large text, taller Chinese lines) the preview gives way
        # before the bars do: 3 screen pixels a model pixel still shows every one of the 784.
        self.preview.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.preview.setMinimumSize(3 * 28, 3 * 28)

        right = QVBoxLayout()
        right.addWidget(self.model_row)
        right.addWidget(self.compare_row)
        right.addLayout(sees)
        right.addWidget(self.answers)
        right.addStretch(1)  # spare height goes below, so the bars sit right under the preview
        right.setSpacing(3)  # about half the usual: on a 768-px projector every line of height counts

        # Board and bars side by side where they fit, else the bars under the board (scrolling).
        # Even shares: two sets of bars and their titles need more width than one did (was 3:2).
        self.reflow = ReflowArea([left, right], [1, 1])
        layout = QVBoxLayout(self)  # the usual margins: the board and the percentages off the edges
        # …at the sides; above and below, half: at +4 in Chinese the answers, their titles and the
        # "Why … → Weights" link were 8 px taller than the tab and cut until scrolled.
        margins = layout.contentsMargins()
        layout.setContentsMargins(margins.left(), margins.top() // 2, margins.right(), margins.bottom() // 2)
        layout.addWidget(self.reflow)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # The headline has its own (larger) font, so it must be told when the app's text size changes.
        if event.type() == QEvent.Type.FontChange:
            self.headline.setFont(relative_font(HEADLINE_SIZE, bold=True))
            self._fit_headline()
        super().changeEvent(event)

    # -- public API ---------------------------------------------------------------------------
    def show_image(self, image28: np.ndarray, true_label: int | None = None, *, sent: bool = True) -> None:
        """Put a 28×28 model input (a Browse sample, an opened file) on the board and predict it.

        Until the board is edited the model reads exactly these pixels, so Draw shows the same
        probabilities as Browse; the board only shows an upscaled picture of them to edit.
        `true_label`: the class it is known to be (a class drawing's, as its student said), until
        the board is edited: the Softmax tab's loss and ŷ − y need it.
        `sent`: a sample from Browse or the Class tab (a dataset image, a kept sketch), which
        "Keep as…" refuses until the board is edited; False for an opened file, the student's own."""
        pixels = np.array(image28, dtype=np.uint8)  # a copy: the sender keeps its array
        if pixels.shape != (28, 28):
            raise ValueError(f"expected a 28×28 image, got shape {pixels.shape}")
        self._placing = True
        try:
            self.canvas.set_image_from_array(pixels)
        finally:
            self._placing = False
        self._exact_input, self._exact_label = pixels, true_label
        self._sent_board = self.canvas.to_array() if sent else None
        self._board_changed = True
        self.update_prediction()

    def is_exact_input(self) -> bool:
        """True while the model reads a sent or opened image's own pixels (no edit yet)."""
        return self._exact_input is not None

    def model_input(self) -> np.ndarray | None:
        """The 28×28 uint8 image the model was last given (None for an empty board)."""
        return None if self._model_input is None else self._model_input.copy()

    def open_file(self, path: str) -> FileOpen | None:
        """Open a dropped or chosen file as what its content says it is, in the background: a
        checkpoint becomes the model, an image is classified (core's `load_image_file` applies the
        board's recipe once and the model reads that 28×28 result, see show_image), anything
        else is refused in one line. Returns the request (None: it is the active model already)."""
        request = self.session.open_file(path, images_welcome=True)
        if request is None:
            self._clear_message()
        else:
            request.ended.connect(self._on_file_opened)
        return request

    def choose_image_file(self) -> None:
        title = self.tr("Open an image to classify")
        images = QCoreApplication.translate("DrawPanel", IMAGE_FILTER)
        path, _ = QFileDialog.getOpenFileName(self, title, in_pictures(), images)
        if path:
            self.open_file(path)

    def update_prediction(self) -> None:
        self._quiet_timer.stop()
        self._max_wait_timer.stop()
        if self._exact_input is not None:
            image28 = self._exact_input.copy()
        else:
            image28 = preprocess_drawing(self.canvas.to_array())
        self._model_input = image28
        self.keep_row.show_board(EMPTY if image28 is None else SENT if self._shows_sent_sample() else DRAWING)
        self._publish_current_image()
        self.preview.set_image(image28)
        # The empty board's hint is on the board (SketchCanvas.set_empty_hint): over the bars it
        # hid the first model's bars and values.
        self.answers.show_input(image28, "", self._why_no_model())
        self._show_headline(self.bars.probabilities())

    def _mark_board_changed(self) -> None:
        self._board_changed = True
        if not self._placing:
            self._exact_input = self._exact_label = None  # edited: from now on it is a drawing

    def _shows_sent_sample(self) -> bool:
        if self._sent_board is None:
            return False
        return self._exact_input is not None or np.array_equal(self.canvas.to_array(), self._sent_board)

    def _on_stroke_finished(self) -> None:
        if not self._placing:  # show_image() predicts once the exact input is in place
            self.update_prediction()

    def _publish_current_image(self) -> None:
        """The board's model input becomes the image the other tabs explain, but only when the
        board changed: re-reading it for new weights must not take over Browse's selection."""
        if not self._board_changed:
            return
        self._board_changed = False
        image = None
        if self._model_input is not None:
            label = self._exact_label if self._exact_input is not None else None
            image = CurrentImage(self._model_input.copy(), DRAW_BOARD, true_label=label)
        self.session.set_current_image(image)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._on_predictor_changed()

    def shutdown(self) -> None:
        self._quiet_timer.stop()
        self._max_wait_timer.stop()

    # -- predictions ---------------------------------------------------------------------------
    def _schedule_prediction(self) -> None:
        self._quiet_timer.start()  # restarts: waits for a pause in the stroke
        if not self._max_wait_timer.isActive():
            self._max_wait_timer.start()

    def _show_headline(self, probs: np.ndarray | None) -> None:
        self._headline_answer = (None if probs is None else int(np.argmax(probs)), probs)
        self._fit_headline()

    def _fit_headline(self) -> None:
        """One line where it fits, else the class over its percentage (an unwrapped label: a
        wrapping one would hold the preview at its full height)."""
        top, probs = self._headline_answer
        if top is None:
            self.headline.setText("–")
            return
        name, percent = class_name(top), f"{100 * float(probs[top]):.0f}%"
        # No wider than the column's other lines need: a longer headline would widen the tab
        # (and, once it no longer fits beside the board, keep it under the board).
        room = max(self.sort_box.minimumSizeHint().width(), self._thinks_title.minimumSizeHint().width())
        fits = self.headline.fontMetrics().horizontalAdvance(f"{name} {percent}") <= room
        self.headline.setText(f"{name} {percent}" if fits else f"{name}\n{percent}")

    def _why_no_model(self) -> str:
        session = self.session
        error = session.predictor_error() or ""
        return no_model_reason(error, session.model_source().is_live, session.live_run())

    # -- the model chooser -------------------------------------------------------------------
    def choose_checkpoint_file(self) -> None:
        checkpoints = self.tr("Checkpoints (*.pt *.pth);;All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a checkpoint"), in_documents(), checkpoints)
        if path:
            self.open_file(path)

    def set_model_source(self, source: ModelSource) -> FileOpen | None:
        """Ask the session for another model; a file is read in the background (the request is
        returned) and, if refused, leaves the current model in place."""
        request = self.session.set_model_source(source)
        if request is None:
            self._clear_message()
            self.model_row.show_source()
        else:
            request.ended.connect(self._on_file_opened)
        return request

    def _on_file_opened(self, outcome: OpenOutcome) -> None:
        if outcome.image is not None:
            self.show_image(outcome.image, sent=False)  # the student's own file: theirs to keep
        if outcome.error:
            self.file_messages.show_refusal(outcome)
            self.model_row.show_source()  # back on the model that still answers
        else:
            self._clear_message()

    def _on_predictor_changed(self) -> None:
        if not self.isVisible():
            # New live weights arrive ~3 times a second while training, usually with the Train
            # tab in front: reading the board then would only take time from the trainer.
            self._stale = True
            return
        self._stale = False
        self._show_model_line()
        self.compare_row.show_source()  # its default follows the active model
        self._announce_live_run()
        self.update_prediction()

    def _on_second_chosen(self) -> None:
        self.compare_row.show_source()
        self.update_prediction()

    def _announce_live_run(self) -> None:
        """Say so when a run's live weights are shown that were not shown before (a new run took
        over, or its weights came while the tab was hidden), instead of switching silently."""
        run = self.session.live_run()
        shows_live = self.session.model_source().is_live or self.second_model.source().is_live
        run_id = run.run_id if run is not None and shows_live else None
        if run_id != self._announced_run:
            # None too: once another model is shown, the note must not go on naming the run.
            self._announced_run = run_id
            self._say_live_run()

    def _say_live_run(self) -> None:
        if self._announced_run is not None:
            self.live_note.setText(
                self.tr("Now showing the live model from run {run}.").format(run=self._announced_run)
            )
        set_aside = self.session.set_aside_run()  # a run with no good weights is never shown silently
        if self._announced_run is None and set_aside is not None:
            self.live_note.setText(
                self.tr("Run {run} diverged before it had any good weights: back to {model}.").format(
                    run=set_aside.run_id, model=self.session.model_source().describe()
                )
            )
        self.live_note.setVisible(self._announced_run is not None or set_aside is not None)

    def _show_model_line(self) -> None:
        predictor = self.session.predictor()
        self.model_row.show_model(predictor, "" if predictor is not None else self._why_no_model())
        notes = getattr(predictor, "notes", ()) if self.session.opening() is None else ()
        self.file_messages.show_notes(self.session.model_source().name_or_path, notes)

    def _clear_message(self) -> None:
        self.file_messages.show_refusal(None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not files:
            return
        event.acceptProposedAction()
        self.open_file(files[0])


def _single_shot(parent: QWidget, interval_ms: int, slot: Any) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
