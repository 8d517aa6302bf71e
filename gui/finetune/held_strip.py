"""The held-out sketches in a row, so the teacher sees which drawings the model never learns from,
and after a run which of them it reads right (framed in gui.widgets.verdict's colours, with the
mark in a corner: colour is never the only sign). Under each sketch its class, and after a run
"→ what the model reads now" (a class watching a projector cannot hover; the tooltip adds the
reading before the run)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem

from gui.language import class_name, follow_language
from gui.widgets.pixel_image import grey_qimage
from gui.widgets.verdict import CORRECT_COLOUR, RIGHT_MARK, WRONG_COLOUR, WRONG_MARK

SCALE = 2  # screen pixels per sketch pixel: 56 px, big enough to tell a boot from a sneaker
FRAME = 3  # px of verdict colour around a graded sketch
NEUTRAL = QColor(128, 128, 128)
MARK_BOX = 20  # px: the white corner holding ✓ or ✗


class HeldStrip(QListWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side = 28 * SCALE + 2 * FRAME
        self.setIconSize(QSize(side, side))
        self._images: list[np.ndarray] = []
        self._labels: list[int] = []
        self._before: Sequence[int] = ()
        self._after: Sequence[int] = ()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        follow_language(self, self._fill)  # the captions name the classes in the window's language

    def show_sketches(self, images: Sequence[np.ndarray], labels: Sequence[int]) -> None:
        self._images, self._labels = list(images), [int(label) for label in labels]
        self._before, self._after = (), ()
        self._fill()

    def grade(self, read_before: Sequence[int], read_after: Sequence[int]) -> None:
        """Frame each sketch by how the fine-tuned model reads it."""
        if len(read_after) == len(self._images):
            self._before, self._after = tuple(read_before), tuple(read_after)
            self._fill()

    def ungrade(self) -> None:
        self._before, self._after = (), ()
        self._fill()

    def captions(self) -> list[str]:
        """The text under each sketch, as shown (for tests)."""
        return [self.item(row).text() for row in range(self.count())]

    def right_after(self) -> list[bool]:
        """Read right after the run, per sketch (empty before a run ends): what tests read."""
        return [guess == label for guess, label in zip(self._after, self._labels, strict=False)]

    def _fill(self) -> None:
        self.clear()
        graded = len(self._after) == len(self._images)
        for index, (image, label) in enumerate(zip(self._images, self._labels, strict=True)):
            right = graded and self._after[index] == label
            colour = (CORRECT_COLOUR if right else WRONG_COLOUR) if graded else NEUTRAL
            mark = (RIGHT_MARK if right else WRONG_MARK) if graded else ""
            caption = class_name(label)
            if graded:
                caption += "\n→ " + class_name(self._after[index])  # "T-shirt/top → Coat"
            item = QListWidgetItem(QIcon(_framed(image, colour, mark)), caption)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            tip = QCoreApplication.translate("HeldStrip", "Drawn as {drawn}").format(drawn=class_name(label))
            if graded:
                tip += "\n" + QCoreApplication.translate(
                    "HeldStrip", "read as {before} before, {after} after"
                ).format(before=class_name(self._before[index]), after=class_name(self._after[index]))
            item.setToolTip(tip)
            self.addItem(item)
        self._fit_height()

    def _fit_height(self) -> None:
        """One row of sketches with two lines of caption (the same before and after a run: the
        dialog does not jump), plus the scroll bar when they do not all fit."""
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance("→ " + class_name(label)) for label in range(10))
        tile = QSize(
            max(self.iconSize().width(), widest) + 12,
            self.iconSize().height() + 2 * metrics.lineSpacing() + 12,
        )
        self.setGridSize(tile)
        rows = tile.height() + 2 * self.spacing()
        rows += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(rows + 2 * self.frameWidth())

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (
            event.Type.FontChange,
            event.Type.ApplicationFontChange,
            event.Type.LanguageChange,
        ):
            self._fill()  # the marks' line follows the text size; class names the language
        super().changeEvent(event)


def _framed(image: np.ndarray, colour: QColor, mark: str) -> QPixmap:
    """The sketch in a frame of `colour`, its mark (✓ or ✗) in a white corner: colour is never
    the only sign."""
    side = 28 * SCALE + 2 * FRAME
    pixmap = QPixmap(side, side)
    pixmap.fill(colour)
    painter = QPainter(pixmap)
    painter.drawImage(FRAME, FRAME, grey_qimage(image).scaled(28 * SCALE, 28 * SCALE))
    if mark:
        corner = QRect(side - MARK_BOX, 0, MARK_BOX, MARK_BOX)
        painter.fillRect(corner, QColor("white"))
        font = QFont(painter.font())
        font.setPixelSize(MARK_BOX - 4)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    return pixmap
