"""The minibatch just taken, for the class to look at (class pace or a step while paused): its images
as one grid, each with its label's class number in a corner, how many of each class it holds, and
its loss. It shows a core.train_events.MinibatchShown; hovering over an image names its class.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from core.classes import IMAGE_SIZE, NUM_CLASSES
from gui.language import class_name, follow_language
from gui.widgets.pixel_image import grey_qimage

GAP = 2  # px between images in the mosaic, so 256 images read as 256, not one blur
MIN_CELL_FOR_DIGITS = 22  # on-screen px per image below which the class numbers are left out


def mosaic(images: np.ndarray) -> tuple[np.ndarray, int]:
    """uint8 [B, 28, 28] as one uint8 picture of ceil(√B) columns, with GAP-px dark seams."""
    count = len(images)
    columns = max(1, math.ceil(math.sqrt(count)))
    rows = max(1, math.ceil(count / columns))
    step = IMAGE_SIZE + GAP
    picture = np.full((rows * step - GAP, columns * step - GAP), 60, dtype=np.uint8)
    for index, image in enumerate(images):
        top, left = (index // columns) * step, (index % columns) * step
        picture[top : top + IMAGE_SIZE, left : left + IMAGE_SIZE] = image
    return picture, columns


class MinibatchGrid(QWidget):
    """The images, as large as the room allows, square."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._picture: QImage | None = None
        self._labels = np.zeros(0, dtype=np.int64)
        self._columns = 1
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_images(self, images: np.ndarray, labels: np.ndarray) -> None:
        picture, self._columns = mosaic(images)
        self._picture = grey_qimage(picture).copy()  # its own memory: the array goes
        self._labels = np.asarray(labels)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        side = self.fontMetrics().height() * 6  # modest: it takes the room the live curves leave
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        side = self.fontMetrics().height() * 4
        return QSize(side, side)

    def _target(self) -> QRect:
        if self._picture is None:
            return QRect()
        side = min(self.width(), self.height())
        ratio = self._picture.width() / max(1, self._picture.height())
        width, height = (side, round(side / ratio)) if ratio >= 1 else (round(side * ratio), side)
        return QRect((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    def index_at(self, point: QPoint) -> int | None:
        target = self._target()
        if self._picture is None or not target.contains(point):
            return None
        scale = target.width() / self._picture.width()
        step = (IMAGE_SIZE + GAP) * scale
        row, column = int((point.y() - target.top()) / step), int((point.x() - target.left()) / step)
        index = row * self._columns + column
        return index if 0 <= index < len(self._labels) and column < self._columns else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().toPoint())
        if index is None:
            QToolTip.hideText()
        else:
            label = int(self._labels[index])
            QToolTip.showText(event.globalPosition().toPoint(), f"{label} {class_name(label)}", self)
        super().mouseMoveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self._picture is None:
            return
        painter = QPainter(self)
        target = self._target()
        smaller = target.width() < self._picture.width()  # drop pixels smoothly, never blockily
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smaller)
        painter.drawImage(target, self._picture)
        step = (IMAGE_SIZE + GAP) * target.width() / self._picture.width()
        if step - GAP < MIN_CELL_FOR_DIGITS:
            return
        font = QFont(self.font())
        font.setPixelSize(max(8, round(step * 0.38)))
        painter.setFont(font)
        for index, label in enumerate(self._labels.tolist()):
            left = target.left() + (index % self._columns) * step
            top = target.top() + (index // self._columns) * step
            corner = QRect(round(left), round(top), round(step * 0.42), round(step * 0.45))
            painter.fillRect(corner, QColor(0, 0, 0, 150))
            painter.setPen(QColor("#ffd54f"))
            painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, str(label))
        painter.end()


class MinibatchView(QWidget):
    """The grid beside what it holds: where in the run, its loss, and its classes counted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: Any = None  # the core.train_events.MinibatchShown on screen
        self.grid = MinibatchGrid()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        side = QVBoxLayout()
        side.addWidget(self.caption)
        side.addWidget(self.counts)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.grid, 3)
        row.addLayout(side, 2)
        follow_language(self, self._retranslate)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Modest, like the book's figure: the live curves set the plot area's share of the window."""
        line = self.fontMetrics().height()
        return QSize(14 * line, 10 * line)

    def show_minibatch(self, shown: Any) -> None:
        self.shown = shown
        self.grid.show_images(shown.images, shown.labels)
        self._retranslate()

    def _retranslate(self) -> None:
        shown = self.shown
        if shown is None:
            self.caption.setText(
                self.tr(
                    "At class pace, or stepping a paused run (F7: one minibatch, F8: one epoch), the "
                    "minibatch just taken shows here: its images, their classes and its loss."
                )
            )
            self.counts.clear()
            return
        self.caption.setText(
            self.tr("Epoch {epoch}, minibatch {batch} of {batches}: {count} images, loss {loss:.4f}").format(
                epoch=shown.epoch,
                batch=shown.batch,
                batches=shown.batches,
                count=len(shown.labels),
                loss=shown.loss,
            )
        )
        counted = np.bincount(np.asarray(shown.labels), minlength=NUM_CLASSES)
        self.counts.setText(
            "\n".join(f"{index} {class_name(index)}: {int(counted[index])}" for index in range(NUM_CLASSES))
        )
