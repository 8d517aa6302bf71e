"""The Browse tab's filter bar: data set (test, training, or the class's sketches), sort order, true
class, predicted class, only mistakes; with the sketches, "Teach it our sketches…".

It only turns widget state into plain values (a split name, an order name, a `Filter`); the
panel decides what they mean. Setting several controls at once (a confusion-matrix click sets
true and predicted class together) emits one `filter_changed`, never a half-applied state.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from core.classes import NUM_CLASSES
from gui.browse.sample_model import Filter
from gui.language import class_name, follow_language
from gui.widgets.rows import flow_row, pair

SKETCHBOOK = "sketchbook"  # the split name of the class's sketchbook (not part of the dataset)
ALL = -1  # the class combos' "All" entry (Qt cannot look up None as item data)
# Texts in English; translated each time they are shown (see retranslate).
SPLITS = (
    ("test", QT_TRANSLATE_NOOP("BrowseControls", "Test set (10,000)")),
    ("train", QT_TRANSLATE_NOOP("BrowseControls", "Training set (60,000)")),
    (SKETCHBOOK, QT_TRANSLATE_NOOP("BrowseControls", "Our sketches (today)")),
)
COUNTED_SKETCHBOOK = QT_TRANSLATE_NOOP("BrowseControls", "Our sketches (today, {count})")
SORTS = (
    ("index", QT_TRANSLATE_NOOP("BrowseControls", "Index")),
    ("loss", QT_TRANSLATE_NOOP("BrowseControls", "Loss (hardest first)")),
    ("least_confident", QT_TRANSLATE_NOOP("BrowseControls", "Confidence (least sure first)")),
    ("most_confident", QT_TRANSLATE_NOOP("BrowseControls", "Confidence (most sure first)")),
)
CAPTIONS = (
    QT_TRANSLATE_NOOP("BrowseControls", "Split"),
    QT_TRANSLATE_NOOP("BrowseControls", "Sort"),
    QT_TRANSLATE_NOOP("BrowseControls", "True"),
    QT_TRANSLATE_NOOP("BrowseControls", "Predicted"),
)


class BrowseControls(QWidget):
    split_changed = Signal(str)  # "test" | "train" | SKETCHBOOK
    order_changed = Signal(str)  # a name from core.lesson.metrics.SORT_ORDERS
    filter_changed = Signal(object)  # gui.browse.sample_model.Filter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.split_box = _combo(SPLITS)
        self.sort_box = _combo(SORTS)
        self.true_box = _combo([(ALL, "")] + [(i, "") for i in range(NUM_CLASSES)])
        self.predicted_box = _combo([(ALL, "")] + [(i, "") for i in range(NUM_CLASSES)])
        self.only_wrong = QCheckBox()
        self.clear_button = QPushButton()
        self.teach_button = QPushButton()  # the panel forwards it as teach_requested
        self.teach_button.setVisible(False)
        self._sketch_count: int | None = None  # unknown until the session's sketchbook is counted
        self.split_box.currentIndexChanged.connect(self._on_split_chosen)
        self.sort_box.currentIndexChanged.connect(lambda: self.order_changed.emit(self.order()))
        for box in (self.true_box, self.predicted_box):
            box.currentIndexChanged.connect(self._emit_filter)
        self.only_wrong.toggled.connect(self._emit_filter)
        self.clear_button.clicked.connect(lambda: self.set_filter(Filter()))
        self.clear_button.setEnabled(False)  # nothing is filtered yet

        # Captions stay beside their controls; the pairs wrap onto more lines when the tab is
        # narrow, so a projector's text size neither cuts them off nor pushes the sample pane
        # under the grid.
        pairs = []
        self._captions: list[QLabel] = []
        for widget in (self.split_box, self.sort_box, self.true_box, self.predicted_box):
            label = QLabel()
            label.setBuddy(widget)
            self._captions.append(label)
            pairs.append(pair(label, widget))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(flow_row(*pairs[:2], self.teach_button))
        layout.addWidget(flow_row(*pairs[2:], self.only_wrong, self.clear_button))
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        """Every text in the window's language; item data (what the panel reads) never changes."""
        for box, items in ((self.split_box, SPLITS), (self.sort_box, SORTS)):
            for row, (_data, text) in enumerate(items):
                box.setItemText(row, QCoreApplication.translate("BrowseControls", text))
        if self._sketch_count is not None:
            text = QCoreApplication.translate("BrowseControls", COUNTED_SKETCHBOOK)
            row = self.split_box.findData(SKETCHBOOK)
            self.split_box.setItemText(row, text.format(count=f"{self._sketch_count:,}"))
        for box in (self.true_box, self.predicted_box):
            box.setItemText(0, self.tr("All"))
            for index in range(NUM_CLASSES):
                box.setItemText(index + 1, class_name(index))
        for label, caption in zip(self._captions, CAPTIONS, strict=True):
            label.setText(QCoreApplication.translate("BrowseControls", caption))
        self.only_wrong.setText(self.tr("Only misclassified"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.teach_button.setText(self.tr("Teach it our sketches…"))
        self.teach_button.setToolTip(
            self.tr("Fine-tune the model on the sketches kept here, holding some back to check it learned")
        )

    def set_sketch_count(self, count: int) -> None:
        """"Our sketches (today, 15)": kept current as sketches are kept, deleted or imported."""
        self._sketch_count = count
        self.retranslate()

    def _on_split_chosen(self) -> None:
        self.teach_button.setVisible(self.split() == SKETCHBOOK)
        self.split_changed.emit(self.split())

    def set_split(self, split: str) -> None:
        """Choose a data set as the student would (split_changed follows)."""
        self.split_box.setCurrentIndex(self.split_box.findData(split))

    def split(self) -> str:
        return self.split_box.currentData()

    def order(self) -> str:
        return self.sort_box.currentData()

    def filter(self) -> Filter:
        return Filter(_chosen(self.true_box), _chosen(self.predicted_box), self.only_wrong.isChecked())

    def set_filter(self, new_filter: Filter) -> None:
        """Show `new_filter` in the controls and announce it once."""
        widgets = (self.true_box, self.predicted_box, self.only_wrong)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for box, value in (
                (self.true_box, new_filter.true_class),
                (self.predicted_box, new_filter.predicted_class),
            ):
                box.setCurrentIndex(box.findData(ALL if value is None else value))
            self.only_wrong.setChecked(new_filter.only_wrong)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._emit_filter()

    def _emit_filter(self) -> None:
        # Enabled only with a filter on: a filter kept from another data set shows itself here too.
        self.clear_button.setEnabled(self.filter() != Filter())
        self.filter_changed.emit(self.filter())


def _combo(items) -> QComboBox:
    box = QComboBox()
    # Re-measured whenever the texts change: sized once at first show, a combo built in English
    # cut the wider Chinese texts after a switch ("测试集（10,000 张）").
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for data, text in items:
        box.addItem(text, data)
    return box


def _chosen(box: QComboBox) -> int | None:
    value = box.currentData()
    return None if value == ALL else int(value)
