"""The Browse tab: the dataset, or the class's own sketches, seen through the current model.

A grid of every image of a split (one item view, never a widget per image) framed right/wrong,
filters and sorting, the selected sample large with its probabilities, a clickable confusion
matrix and the lesson's "true / predicted" strip. Predictions follow the model: every
`predictor_changed` re-predicts the split in the background (gui.browse.prediction_job).

The third data set is today's class sketchbook (gui.browse.sketchbook_mode: read in the background,
re-read when `session.sketchbook_changed` says a sketch came or went, a sketch deleted from here,
every model's score on it, and "Teach it our sketches…" as `teach_requested`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.lesson.metrics import confusion_matrix
from gui.browse import lesson_strip
from gui.browse.controls import SKETCHBOOK, BrowseControls
from gui.browse.filter_words import active_filters, no_match_sentence
from gui.browse.lesson_strip import STRIP_LENGTH, LessonStripPane
from gui.browse.prediction_job import PredictionRunner
from gui.browse.sample_model import Filter, SampleModel
from gui.browse.side import SAMPLE_PAGE, BrowseSidePane
from gui.browse.sketchbook_mode import SketchbookMode
from gui.browse.splitter_grip import GripSplitter
from gui.browse.status_widgets import EmptySketchbookHint, MissingDataPage, NoMatchHint, PredictionProgress
from gui.browse.thumbnail_grid import ThumbnailGrid
from gui.language import follow_language
from gui.session import BROWSE_SAMPLE, CurrentImage


def split_arrays(dataset: Any, split: str) -> tuple[np.ndarray, np.ndarray]:
    """numpy views of a split; torch CPU tensors convert without copying."""
    images, labels = dataset.split(split)
    return np.asarray(images, dtype=np.uint8), np.asarray(labels, dtype=np.int64)


class BrowsePanel(QWidget):
    send_to_canvas = Signal(object)  # uint8 [28, 28]; the main window shows it on the Draw tab
    teach_requested = Signal()  # "Teach it our sketches…": the main window opens the fine-tuning

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._dataset: Any = None
        self._split = "test"
        self._model_label = ""  # the predictor whose answers are on screen, for the summary
        self._shown_predictor: Any = None
        self._predictions_stale = False  # new weights arrived while the tab was hidden
        self._selecting_automatically = False  # select_sample() from code, not the student
        self._published: tuple[str, int] | None = None  # (split, sample) last made current
        self._model_note = ""  # why there are no (fresh) predictions: no model, or its error
        self._loaded_generation = -1  # the sketchbook read the grid shows
        self.model = SampleModel(self)
        self.runner = PredictionRunner(self)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)  # merges bursts of new weights
        self._refresh_timer.timeout.connect(self._request_predictions)
        self._build()
        # After the language's texts and font have been laid out (the side pane refits its width
        # on the font change that comes with a language).
        self._split_balancer = QTimer(self, singleShot=True, interval=0)
        self._split_balancer.timeout.connect(self._give_the_grid_the_rest)
        self.sketchbook = SketchbookMode(session, self.side.scores, self)
        self._connect_sketchbook()
        self.runner.started.connect(self._on_prediction_started)
        self.runner.progress.connect(self._on_prediction_progress)
        self.runner.finished.connect(self._on_predicted)
        self.runner.failed.connect(self._on_prediction_failed)
        self.runner.idle.connect(lambda: self.progress.setVisible(False))
        session.dataset_changed.connect(self._on_dataset_changed)
        session.predictor_changed.connect(self._refresh_timer.start)
        follow_language(self, self._retranslate)  # its first call shows the dataset (or why not)

    def _retranslate(self) -> None:
        """Re-set every text made here; the controls, detail pane and strip follow by themselves."""
        self.progress.set_format_text(self.tr("Predicting %v / %m"))
        self.grid.setAccessibleName(self.tr("Images of the split"))
        self._split_balancer.start()
        if self._dataset is None and not self._in_sketchbook():
            self._on_dataset_changed()  # at start: load the split; later only the "loading" text
            return
        if self._session.predictor() is None:
            self._request_predictions()  # re-words "no model yet"
        elif self._model_label and self._shown_predictor is not None:
            self._model_label = self._label_of(self._shown_predictor)
        self._choose_grid_page()
        self._show_current()
        self._update_summary()
        self._update_matrix()
        self._update_strip()

    def _give_the_grid_the_rest(self) -> None:
        """The sample pane back to the width it needs, the grid's side (or the lesson's picture) the
        rest: a splitter keeps its sizes, so after 中文 → English the side still had the width
        Chinese took, and the strip's longer English names fitted two to a row, its images dots."""
        if not self.splitter.is_side_by_side():
            return
        total = sum(self.splitter.sizes())
        side = max(self.side.minimumWidth(), self.side.minimumSizeHint().width())
        if self.splitter.sizes()[1] > side:
            self.splitter.setSizes([total - side, side])

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.missing_page = MissingDataPage()
        self.missing = self.missing_page.label
        self.missing_page.sketches_button.clicked.connect(lambda: self.controls.set_split(SKETCHBOOK))

        self.controls = BrowseControls()
        self.controls.split_changed.connect(self._on_split_chosen)
        self.controls.filter_changed.connect(self._on_filter_edited)
        self.controls.order_changed.connect(self._on_sort_chosen)
        book = getattr(self._session, "sketchbook", None)
        if hasattr(book, "counted"):  # the split list says how many sketches, as it does for the sets
            book.counted.connect(self.controls.set_sketch_count)
            book.recount()
        # Short names for the controls, used by tests and by the window's shortcuts if any.
        c = self.controls
        self.split_box, self.sort_box, self.true_box = c.split_box, c.sort_box, c.true_box
        self.predicted_box, self.only_wrong = c.predicted_box, c.only_wrong

        self.summary = QLabel()
        self.summary.setWordWrap(True)  # a long model name must not widen the window
        self.progress = PredictionProgress()
        # The bar under the summary, not beside it: at a projector's text size the bar's own width
        # squeezed the summary to a word a line.
        status = QVBoxLayout()
        status.addWidget(self.summary)
        status.addWidget(self.progress)

        self.grid = ThumbnailGrid(self.model)
        self.grid.selectionModel().currentChanged.connect(self._show_current)
        self.grid.delete_pressed.connect(self.delete_selected_sketch)  # sketches only
        self.empty_hint = EmptySketchbookHint()  # instead of an empty grid: how the class adds sketches
        self.no_match = NoMatchHint()  # instead of a grid the filters emptied: why, and the way back
        self.no_match.clear_button.clicked.connect(self.clear_filters)
        self.grid_pages = QStackedWidget()
        self.grid_pages.addWidget(self.grid)
        self.grid_pages.addWidget(self.empty_hint)
        self.grid_pages.addWidget(self.no_match)

        self.strip_pane = LessonStripPane()
        self.strip = self.strip_pane.strip

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self._grid_part = QWidget()  # what the lesson's picture stands in for on a small screen
        grid_layout = QVBoxLayout(self._grid_part)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.controls)
        grid_layout.addLayout(status)
        grid_layout.addWidget(self.grid_pages, 1)
        left_layout.addWidget(self._grid_part, 1)
        left_layout.addWidget(self.strip_pane)
        self.strip_pane.fold_button.toggled.connect(self._give_strip_its_room)
        self._give_strip_its_room()

        self.side = BrowseSidePane()
        self.detail, self.matrix = self.side.detail, self.side.matrix
        self.detail.send_to_canvas.connect(self.send_to_canvas)
        self.detail.delete_requested.connect(self.delete_selected_sketch)
        self.controls.teach_button.clicked.connect(self.teach_requested)
        self.side.scores.teach_button.clicked.connect(self.teach_requested)
        self.grid.doubleClicked.connect(lambda index: self.detail.send())  # the clicked one is current
        # A student's click on an image asks to see it, even while the pane shows the matrix.
        self.grid.clicked.connect(lambda index: self.side.show_page(SAMPLE_PAGE))
        self.matrix.cell_clicked.connect(self.filter_to_cell)

        # Side by side where both fit; on a narrow screen the sample pane goes under the grid.
        self.splitter = splitter = GripSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.missing_page)
        self.pages.addWidget(splitter)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)

    def _give_strip_its_room(self, *_: Any) -> None:
        """On a projector-sized screen the unfolded lesson's picture takes the grid's place: under
        the grid it had room only for ~42-px images and cut names; in the column's whole height its
        nine images are three times that, names whole. Folding it brings the grid back."""
        replace = self.strip_pane.strip_shown() and not lesson_strip.screen_has_room_for_strip()
        self._grid_part.setVisible(not replace)

    # -- the class's sketchbook ---------------------------------------------------------------
    def _connect_sketchbook(self) -> None:
        self.sketchbook.contents_changed.connect(self._on_sketches_read)
        self.sketchbook.read_failed.connect(self._on_sketches_unreadable)

    def _in_sketchbook(self) -> bool:
        return self._split == SKETCHBOOK

    def _on_sketches_read(self, contents: Any) -> None:
        if self._in_sketchbook():
            self._load_split()

    def _on_sketches_unreadable(self, message: str) -> None:
        self._model_note = self.tr("The sketchbook could not be read: {message}").format(message=message)
        self._update_summary()

    def selected_sketch(self) -> Any:
        contents = self.sketchbook.contents
        sample = self.selected_sample()
        if not self._in_sketchbook() or contents is None or sample is None:
            return None
        return contents.sketches[sample] if sample < len(contents.sketches) else None

    def delete_selected_sketch(self) -> None:
        """"Delete sketch" (or the Delete key): asks first, then removes it from the sketchbook."""
        sketch = self.selected_sketch()
        if sketch is not None:
            self.sketchbook.delete_asking(self, sketch, self.selected_sample() + 1)

    def _follow_visibility(self) -> None:
        self.sketchbook.set_active(self._in_sketchbook() and self.isVisible())

    # -- dataset and predictions ---------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        dataset = getattr(self._session, "dataset", None)
        if dataset is None and self._in_sketchbook():
            self._dataset = None  # the class's sketches need no dataset: stay on them
            return
        if dataset is None:
            self.runner.cancel()
            self._dataset = None
            # No error yet means the loader has not answered: every failure sets dataset_error
            # to the same how-to text the Train tab shows.
            error = getattr(self._session, "dataset_error", None)
            self.missing.setText(error or self.tr("Loading Fashion-MNIST…"))
            self.pages.setCurrentWidget(self.missing_page)
            return
        self._dataset = dataset
        self.pages.setCurrentIndex(1)
        self._load_split()

    def _load_split(self) -> None:
        if self._in_sketchbook():
            self._load_sketches()
            return
        images, labels = split_arrays(self._dataset, self._split)
        self.model.set_samples(images, labels)
        self._after_model_change(keep=None)
        self._request_predictions()

    def _load_sketches(self) -> None:
        """The last read of the sketchbook into the grid (a new read is asked for on showing it);
        the selected sketch stays selected when others came or went."""
        kept = self.selected_sketch()
        contents = self.sketchbook.contents
        if contents is None:
            images, labels = np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64)
        else:
            images, labels = contents.images, contents.labels
        self._loaded_generation = self.sketchbook.generation
        self.model.set_samples(images, labels)
        keep = None
        if kept is not None and contents is not None:
            keep = next((i for i, s in enumerate(contents.sketches) if s.sketch_id == kept.sketch_id), None)
        self._after_model_change(keep=keep)
        self._request_predictions()

    def _data_key(self) -> tuple[Any, ...]:
        if self._in_sketchbook():
            return SKETCHBOOK, self._loaded_generation
        return id(self._dataset), self._split

    def _images_to_predict(self) -> np.ndarray | None:
        if self._in_sketchbook():
            contents = self.sketchbook.contents
            return None if contents is None else contents.images
        if self._dataset is None:
            return None
        return split_arrays(self._dataset, self._split)[0]

    def _request_predictions(self) -> None:
        images = self._images_to_predict()
        if images is None:
            return
        if not self.isVisible():
            # While the class watches the Train tab, predicting here would only steal CPU from
            # training (2 cores), and even asking for the model builds one from each new set of
            # weights; catch up once the tab is shown.
            self._predictions_stale = True
            return
        self._predictions_stale = False
        predictor = self._session.predictor()
        if predictor is None:
            self.runner.cancel()
            error = getattr(self._session, "predictor_error", lambda: None)()
            self._model_note = error or self.tr(
                "No model yet: train one on the Train tab or choose a pretrained model."
            )
            self._model_label = ""
            self._set_probabilities(None)
            return
        self.runner.request(self._data_key(), predictor, images)

    def _on_prediction_started(self) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(True)

    def _on_prediction_progress(self, done: int, total: int) -> None:
        self.progress.show_progress(done, total)

    def _on_predicted(self, data_key: Any, predictor: Any, probabilities: np.ndarray) -> None:
        if data_key != self._data_key():
            return
        self._shown_predictor = predictor
        self._model_label = self._label_of(predictor)
        self._model_note = ""
        self._set_probabilities(probabilities)

    def _label_of(self, predictor: Any) -> str:
        """The active model's name (in the window's language; core's is English): a shipped, taught or
        opened model by its name alone, its test figures being on the status bar (they cost the grid a
        line at +4); live or edited weights as the status bar says them (run, edits)."""
        if predictor is self._session.predictor() and hasattr(self._session, "model_label"):
            source = getattr(self._session, "model_source", lambda: None)()
            edited = getattr(self._session, "has_edits", lambda: False)()
            if source is not None and not source.is_live and not edited:
                return source.describe()
            return self._session.model_label()
        return getattr(predictor, "label", "") or getattr(predictor, "model_name", "")

    def _on_prediction_failed(self, data_key: Any, message: str) -> None:
        if data_key == self._data_key():
            note = self.tr("The model could not predict these images: {message}")
            self._model_note = note.format(message=message)
            self._update_summary()

    def _set_probabilities(self, probabilities: np.ndarray | None) -> None:
        keep = self.selected_sample()
        self.model.set_probabilities(probabilities)
        self._after_model_change(keep)

    # -- filters -------------------------------------------------------------------------------
    def _on_split_chosen(self, split: str) -> None:
        self._split = split
        self.side.offer_scores(self._in_sketchbook())
        self._follow_visibility()
        if self._in_sketchbook():
            self.pages.setCurrentIndex(1)  # the sketches need no dataset
            self._load_split()
        elif self._dataset is not None:
            self._load_split()
        else:
            self._on_dataset_changed()

    def _on_filter_edited(self, new_filter: Filter) -> None:
        self.model.set_filter(new_filter)
        self._after_model_change(keep=None)

    def _on_sort_chosen(self, order: str) -> None:
        self.model.set_order(order)
        self._after_model_change(keep=None)

    def filter_to_cell(self, true_class: int, predicted_class: int) -> None:
        """Show exactly the images of one confusion-matrix cell."""
        self.controls.set_filter(Filter(true_class, predicted_class, only_wrong=False))

    def clear_filters(self) -> None:
        self.controls.set_filter(Filter())

    # -- keeping the views in step ---------------------------------------------------------------
    def selected_sample(self) -> int | None:
        current = self.grid.currentIndex()
        return self.model.sample_index(current.row()) if current.isValid() else None

    def select_sample(self, sample_index: int) -> bool:
        row = self.model.row_of(sample_index)
        if row is None:
            return False
        index = self.model.index(row)
        self._selecting_automatically = True
        try:
            selection = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.grid.selectionModel().setCurrentIndex(index, selection)
        finally:
            self._selecting_automatically = False
        return True

    def _after_model_change(self, keep: int | None) -> None:
        """Re-select `keep` (new weights: the teacher keeps their place) or else the first row (a
        new filter or order: the top of the list is what was asked for), then refresh the rest."""
        if keep is None or not self.select_sample(keep):
            if self.model.rowCount() > 0:
                self.select_sample(self.model.sample_index(0))
                self.grid.scrollToTop()
        self._choose_grid_page()
        self._show_current()
        self._update_summary()
        self._update_matrix()
        self._update_strip()

    def _empty_book(self) -> bool:
        return self._in_sketchbook() and self.sketchbook.contents is not None and not self.model.total_count()

    def _choose_grid_page(self) -> None:
        """The grid; or, where it would be empty, why: no sketches yet, or the filters let none through."""
        if self._empty_book():
            self.grid_pages.setCurrentWidget(self.empty_hint)
        elif self.model.total_count() and not self.model.rowCount():
            predicted = self.model.stats() is not None
            self.no_match.set_text(no_match_sentence(self.model.filter(), self._split, predicted))
            self.grid_pages.setCurrentWidget(self.no_match)
        else:
            self.grid_pages.setCurrentWidget(self.grid)

    def _show_current(self, *_: Any) -> None:
        sample = self.selected_sample()
        if sample is None and self.grid_pages.currentWidget() is self.no_match:
            self.detail.show_nothing(self.no_match.text())
        elif sample is None and self._empty_book():
            self.detail.show_nothing(self.tr("No sketches kept today yet."))
        if sample is None:
            if self.grid_pages.currentWidget() is self.grid:
                self.detail.show_sample(None)
            return
        self._publish_current_image(sample)
        sketch = self.selected_sketch()
        title = ""
        if sketch is not None:
            title = self.sketchbook.describe(sketch, sample + 1, self.model.total_count())
        self.detail.show_sample(
            sample,
            self.model.image(sample),
            self.model.true_label(sample),
            self.model.probabilities_of(sample),
            self.tr("Test") if self._split == "test" else self.tr("Training"),
            title=title,
            deletable=sketch is not None,
        )

    def _publish_current_image(self, sample: int) -> None:
        """The selected sample becomes the image the Weights and Softmax tabs explain; the first
        row picked on load only when nothing (e.g. a drawing) is current yet."""
        sketch = self.selected_sketch()
        # A sketch is known by its id: the same row holds another sketch after one was deleted.
        published = (self._split, sample if sketch is None else sketch.sketch_id)
        if self._published == published:
            return
        self._published = published
        image = CurrentImage(
            np.array(self.model.image(sample), dtype=np.uint8),
            BROWSE_SAMPLE,
            true_label=int(self.model.true_label(sample)),
            split=self._split,
            index=int(sample),
        )
        self._session.set_current_image(image, only_if_none=self._selecting_automatically)

    def _update_summary(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        contents = self.sketchbook.contents
        if self._in_sketchbook() and contents is None:
            text = self.tr("Reading the class's sketchbook…")
        elif self._in_sketchbook():
            text = self.tr("Showing {shown} of %n sketch(es) kept today", None, total).format(shown=shown)
        elif self._split == "test":
            text = self.tr("Showing {shown:,} of {total:,} test images").format(shown=shown, total=total)
        else:
            text = self.tr("Showing {shown:,} of {total:,} training images").format(shown=shown, total=total)
        filters = active_filters(self.model.filter())
        if filters:  # kept from another data set too: the filters are said, not only set in the combos
            text += self.tr(" ({filters})").format(filters=filters)
        stats = self.model.stats()
        if stats is not None and total:  # no accuracy of nothing (an empty sketchbook)
            wrong = int((~stats.correct).sum())
            text += self.tr(" · accuracy {accuracy:.1%} ({wrong:,} wrong)").format(
                accuracy=stats.accuracy, wrong=wrong
            )
            if self._model_label:  # the key to the captions: "✗ Sneaker" is the model's answer
                text += self.tr(" · under each image: what {model} says (✗ wrong)").format(
                    model=self._model_label
                )
        elif not self._model_note and total:
            text += self.tr(" · waiting for the model's predictions")
        if self._model_note:
            text += f"\n{self._model_note}"
        if self._in_sketchbook() and contents is not None and contents.skipped:
            skipped = contents.skipped
            text += "\n" + self.tr(
                "%n file(s) in the sketchbook's folder are not sketches and were skipped.", None, skipped
            )
        self.summary.setText(text)
        folder = self.sketchbook.folder() if self._in_sketchbook() else None
        self.summary.setToolTip(self.tr("Kept in {folder}").format(folder=folder) if folder else "")

    def _update_matrix(self) -> None:
        stats = self.model.stats()
        if stats is None:
            self.matrix.set_matrix(None, self.tr("Waiting for the model's predictions."))
        else:
            self.matrix.set_matrix(confusion_matrix(self.model.labels(), stats.predicted))
        current = self.model.filter()
        both = current.true_class is not None and current.predicted_class is not None
        self.matrix.set_selected((current.true_class, current.predicted_class) if both else None)

    def _update_strip(self) -> None:
        first = self.model.visible_indices()[:STRIP_LENGTH]
        stats = self.model.stats()
        self.strip.set_samples(
            np.stack([self.model.image(i) for i in first]) if len(first) else np.zeros((0, 28, 28), np.uint8),
            self.model.labels()[first],
            None if stats is None else stats.predicted[first],
            hint=self.tr("No images match the filters."),
        )

    # -- life cycle ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the background prediction; the main window calls this when it closes."""
        self._refresh_timer.stop()
        self.runner.shutdown()
        self.sketchbook.shutdown()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow_visibility()
        if self._predictions_stale:
            self._request_predictions()  # at once: the tab shows what it is waiting for

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._follow_visibility()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
