"""The Browse tab's detail pane: the selected image large, its true and predicted label, the
model's ten probabilities, "Send to canvas" to edit it on the Draw tab, and for the class's own
sketches "Delete sketch"."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gui.browse.sample_model import CORRECT_COLOUR, WRONG_COLOUR
from gui.language import class_name, follow_language
from gui.widgets.pixel_image import PixelImage
from gui.widgets.prob_bars import ProbabilityBars
from gui.widgets.reflow import ReflowBox


class SampleDetail(QWidget):
    """Shows one sample; `send_to_canvas` carries its uint8 28×28 pixels."""

    send_to_canvas = Signal(object)
    delete_requested = Signal()  # "Delete sketch": the panel asks, then deletes the shown sketch

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The app's one square-pixel image widget (shared with Draw's "what the model sees").
        self._image_view = PixelImage(hint_lines=8, minimum_lines=4)
        self._title = QLabel()
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._true_label = QLabel()
        self._predicted_label = QLabel()
        for label in (self._true_label, self._predicted_label):
            label.setTextFormat(Qt.TextFormat.RichText)
        for label in (self._title, self._true_label, self._predicted_label):
            # Wrapped and never the reason the column is wide: at a projector's text size
            # "Predicted: Ankle boot (99.5%, right)" on one line pushed the bars out of view.
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bars = ProbabilityBars()
        # Compact rows: on a short screen this pane sits under the grid, and a layout gives it
        # its preferred height there (wrapped labels ask for height-for-width), never less.
        self.bars.set_compact(True)
        self.send_button = QPushButton()
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self._emit_send)
        self.delete_button = QPushButton()
        self.delete_button.setVisible(False)  # only for a sketch of the class's sketchbook
        self.delete_button.clicked.connect(self.delete_requested)

        # Image beside its labels, bars underneath: the pane stays short enough to leave room
        # for the confusion matrix below it on a 1280×800 projector. Where the pane is wide (under
        # the grid on a small screen) the bars go beside them: the pane's height is what is short.
        labels = QVBoxLayout()
        labels.addWidget(self.send_button)  # at the top: in view even when the pane is short and scrolls
        labels.addWidget(self.delete_button)
        labels.addWidget(self._title)
        labels.addWidget(self._true_label)
        labels.addWidget(self._predicted_label)
        labels.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self._image_view, 1)
        top.addLayout(labels, 1)
        self.box = ReflowBox(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.add_part(top, 1)
        self.box.add_part(self.bars, 1)
        self._shown: tuple = (None, None, None, None, "", "", False)
        follow_language(self, self._retranslate)

    def _retranslate(self) -> None:
        self.send_button.setText(self.tr("Send to canvas"))
        self.send_button.setToolTip(
            self.tr("Put this image on the Draw tab's canvas to edit it and watch the bars move")
        )
        self.delete_button.setText(self.tr("Delete sketch"))
        self.delete_button.setToolTip(self.tr("Remove this sketch from the class's sketchbook (Delete key)"))
        self.show_sample(*self._shown)

    def show_sample(
        self,
        sample_index: int | None,
        image: np.ndarray | None = None,
        true_label: int | None = None,
        probabilities: np.ndarray | None = None,
        split_name: str = "",
        title: str = "",
        deletable: bool = False,
    ) -> None:
        """Show a sample (None: nothing selected). Probabilities None: the model has not answered.
        `title` replaces "{split} image #{index}"; `deletable` offers "Delete sketch"."""
        self._shown = (sample_index, image, true_label, probabilities, split_name, title, deletable)
        self.delete_button.setVisible(deletable and sample_index is not None)
        if sample_index is None or image is None or true_label is None:
            self._title.setText(self.tr("Select an image in the grid (arrow keys move through them)."))
            self._image_view.set_image(None)
            self._true_label.setText("")
            self._predicted_label.setText("")
            self.bars.set_true_class(None)
            self.bars.set_probabilities(None, self.tr("No image selected"))
            self.send_button.setEnabled(False)
            return
        self._title.setText(
            title or self.tr("{split} image #{index:,}").format(split=split_name, index=sample_index).strip()
        )
        self._image_view.set_image(image)
        self._true_label.setText(self.tr("True: <b>{name}</b>").format(name=_name(true_label)))
        self.bars.set_true_class(int(true_label))
        if probabilities is None:
            self._predicted_label.setText(self.tr("Predicted: <i>waiting for the model…</i>"))
            self.bars.set_probabilities(None, self.tr("Waiting for the model"))
        else:
            predicted = int(np.argmax(probabilities))
            colour = CORRECT_COLOUR if predicted == true_label else WRONG_COLOUR
            verdict = self.tr("right") if predicted == true_label else self.tr("wrong")
            self._predicted_label.setText(
                self.tr(
                    "Predicted: <b style='color:{colour}'>{name}</b> ({confidence:.1%}, {verdict})"
                ).format(
                    colour=colour.name(),
                    name=_name(predicted),
                    confidence=float(probabilities[predicted]),
                    verdict=verdict,
                )
            )
            self.bars.set_probabilities(np.asarray(probabilities, dtype=np.float64))
        self.send_button.setEnabled(True)

    def show_nothing(self, reason: str) -> None:
        """Nothing to select (the filters or an empty sketchbook left the grid empty): say why
        instead of asking for a selection that cannot be made."""
        self.show_sample(None)
        self._title.setText(reason)
        self.bars.set_probabilities(None, self.tr("No image to show"))

    def predicted_text(self) -> str:
        return self._predicted_label.text()

    def title_text(self) -> str:
        return self._title.text()

    def true_text(self) -> str:
        return self._true_label.text()

    def current_image(self) -> np.ndarray | None:
        return self._image_view.image()

    def send(self) -> None:
        """Send the shown image to the canvas (the button, or a double-click in the grid)."""
        self._emit_send()

    def _emit_send(self) -> None:
        image = self._image_view.image()
        if image is not None:
            self.send_to_canvas.emit(image.copy())


def _name(label: int) -> str:
    # Only the window's language: an English window showed "Ankle boot (短靴)", which read as a
    # leftover of the other language after a switch.
    return class_name(label)
