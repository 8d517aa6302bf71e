"""The Browse tab's detail pane: the selected image large, its true and predicted label, the
model's ten probabilities, and "Send to canvas" to edit it on the Draw tab."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from core.classes import CLASS_NAMES, CLASS_NAMES_ZH
from gui.browse.sample_model import CORRECT_COLOUR, WRONG_COLOUR, gray_image
from gui.widgets.prob_bars import ProbabilityBars


class LargeImage(QWidget):
    """A 28×28 image drawn as big square pixels, keeping its aspect ratio."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: np.ndarray | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image28: np.ndarray | None) -> None:
        self._image = None if image28 is None else np.array(image28, dtype=np.uint8)
        self.update()

    def image(self) -> np.ndarray | None:
        return self._image

    def sizeHint(self) -> QSize:
        side = QFontMetrics(self.font()).height() * 8
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = QFontMetrics(self.font()).height() * 4
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        target = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        if self._image is None:
            painter.fillRect(target, self.palette().alternateBase())
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(target, gray_image(self._image))
        painter.end()


class SampleDetail(QWidget):
    """Shows one sample; `send_to_canvas` carries its uint8 28×28 pixels."""

    send_to_canvas = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image_view = LargeImage()
        self._title = QLabel("Select an image in the grid.")
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
        self._send = QPushButton("Send to canvas")
        self._send.setToolTip("Put this image on the Draw tab's canvas to edit it and watch the bars move")
        self._send.setEnabled(False)
        self._send.clicked.connect(self._emit_send)

        # Image beside its labels, bars underneath: the pane stays short enough to leave room
        # for the confusion matrix below it on a 1280×800 projector.
        labels = QVBoxLayout()
        labels.addWidget(self._title)
        labels.addWidget(self._true_label)
        labels.addWidget(self._predicted_label)
        labels.addStretch(1)
        labels.addWidget(self._send)
        top = QHBoxLayout()
        top.addWidget(self._image_view, 1)
        top.addLayout(labels, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.bars)

    def show_sample(
        self,
        sample_index: int | None,
        image: np.ndarray | None = None,
        true_label: int | None = None,
        probabilities: np.ndarray | None = None,
        split_name: str = "",
    ) -> None:
        """Show a sample (None: nothing selected). Probabilities None: the model has not answered."""
        if sample_index is None or image is None or true_label is None:
            self._title.setText("Select an image in the grid (arrow keys move through them).")
            self._image_view.set_image(None)
            self._true_label.setText("")
            self._predicted_label.setText("")
            self.bars.set_true_class(None)
            self.bars.set_probabilities(None, "No image selected")
            self._send.setEnabled(False)
            return
        self._title.setText(f"{split_name} image #{sample_index:,}".strip())
        self._image_view.set_image(image)
        self._true_label.setText(f"True: <b>{_name(true_label)}</b>")
        self.bars.set_true_class(int(true_label))
        if probabilities is None:
            self._predicted_label.setText("Predicted: <i>waiting for the model…</i>")
            self.bars.set_probabilities(None, "Waiting for the model")
        else:
            predicted = int(np.argmax(probabilities))
            colour = CORRECT_COLOUR if predicted == true_label else WRONG_COLOUR
            verdict = "right" if predicted == true_label else "wrong"
            self._predicted_label.setText(
                f"Predicted: <b style='color:{colour.name()}'>{_name(predicted)}</b>"
                f" ({float(probabilities[predicted]):.1%}, {verdict})"
            )
            self.bars.set_probabilities(np.asarray(probabilities, dtype=np.float64))
        self._send.setEnabled(True)

    def predicted_text(self) -> str:
        return self._predicted_label.text()

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
    return f"{CLASS_NAMES[label]} ({CLASS_NAMES_ZH[label]})"
