"""ΔW of one SGD step as ten small 28×28 pictures, in a diverging colour map centred on zero.

All ten share one symmetric scale (so a pale map really is a small change), with a colour bar
that prints the scale. The tiles wrap like text: five a row on a wide window, fewer when the text
is large, never cut off.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.classes import IMAGE_SIZE, NUM_CLASSES
from gui.language import class_names

COLOUR_MAP = "CET-D1"  # blue–white–red, colour-blind safe; red = the step adds, blue = it takes away


def diverging_lut() -> np.ndarray:
    """uint8 [256, 3] lookup table of the diverging map (white in the middle = no change)."""
    return np.ascontiguousarray(pg.colormap.get(COLOUR_MAP).getLookupTable(nPts=256, alpha=False), np.uint8)


def to_qimage(values: np.ndarray, reach: float, lut: np.ndarray) -> QImage:
    """A signed 2-D map as an RGB image: −reach → blue end, 0 → white, +reach → red end."""
    reach = reach if reach > 0 else 1.0
    index = np.clip(np.rint((values / reach * 0.5 + 0.5) * 255), 0, 255).astype(np.uint8)
    rgb = np.ascontiguousarray(lut[index])
    height, width = values.shape
    return QImage(rgb.data, width, height, width * 3, QImage.Format.Format_RGB888).copy()


class DeltaMaps(QWidget):
    """Ten class maps with names, plus a colour bar labelled with the shared scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lut = diverging_lut()
        self._images: list[QImage] = []
        self._reach = 0.0
        self._names: tuple[str, ...] = class_names()  # the panel re-sets them on a language switch
        self._true: int | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_maps(self, maps: np.ndarray | None, true_class: int | None = None) -> None:
        """maps: float [10, 28, 28] (ΔW per class) or None to clear."""
        self._true = true_class
        if maps is None:
            self._images, self._reach = [], 0.0
        else:
            maps = np.asarray(maps, dtype=np.float32).reshape(NUM_CLASSES, IMAGE_SIZE, IMAGE_SIZE)
            self._reach = float(np.max(np.abs(maps)))
            self._images = [to_qimage(m, self._reach, self._lut) for m in maps]
        self.update()

    def reach(self) -> float:
        return self._reach

    def reach_text(self) -> str:
        """The scale as the colour bar prints it, so a caption can quote the same number."""
        return f"{self._reach:.2g}" if self._reach else "0"

    def image_count(self) -> int:
        return len(self._images)

    def set_class_names(self, names: tuple[str, ...] | list[str]) -> None:
        self._names = tuple(names)
        self.updateGeometry()
        self.update()

    # -- geometry --------------------------------------------------------------------------
    def _tile(self) -> float:
        metrics = self.fontMetrics()
        return max(metrics.height() * 4.0, max(metrics.horizontalAdvance(n) for n in self._names) * 0.75)

    def _per_row(self, width: float) -> int:
        space = self.fontMetrics().horizontalAdvance("0") * 2
        return max(1, min(NUM_CLASSES, int(width // (self._tile() + space))))

    def _layout(self, width: float) -> tuple[int, float, float]:
        """(tiles per row, tile side, label height)."""
        per_row = self._per_row(width)
        space = self.fontMetrics().horizontalAdvance("0") * 2
        tile = min(self._tile() * 1.6, width / per_row - space)
        return per_row, tile, self.fontMetrics().height() * 2.4

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        per_row, tile, label = self._layout(width)
        rows = math.ceil(NUM_CLASSES / per_row)
        return int(rows * (tile + label) + self.fontMetrics().height() * 3)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = int(self._tile() * 5 * 1.3)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(int(self._tile()), int(self._tile()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        per_row, tile, label = self._layout(self.width())
        space = metrics.horizontalAdvance("0") * 2
        bold = QFont(self.font())
        bold.setBold(True)
        for index in range(NUM_CLASSES):
            row, col = divmod(index, per_row)
            x = space / 2 + col * (tile + space)  # each cell is tile + space wide, the name may use it all
            y = row * (tile + label)
            target = QRectF(x, y, tile, tile)
            if index < len(self._images):
                painter.drawImage(target, self._images[index])  # nearest: the pixels stay square
            else:
                frame = QColor(text)
                frame.setAlphaF(0.1)
                painter.fillRect(target, frame)
            if index == self._true:
                painter.setPen(QPen(QColor("#009E73"), max(2.0, metrics.height() / 6)))
                painter.drawRect(target)
            painter.setFont(bold if index == self._true else self.font())
            painter.setPen(text)
            flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
            painter.drawText(
                QRectF(x - space / 2, y + tile + 2, tile + space, label), flags, self._names[index]
            )
        rows = math.ceil(NUM_CLASSES / per_row)
        self._paint_colour_bar(painter, rows * (tile + label) + metrics.height() * 0.3, text)
        painter.end()

    def _paint_colour_bar(self, painter: QPainter, top: float, text: QColor) -> None:
        metrics = self.fontMetrics()
        width = min(self.width(), metrics.horizontalAdvance("0") * 40)
        bar = QImage(
            np.ascontiguousarray(self._lut[None, :, :]).data, 256, 1, 256 * 3, QImage.Format.Format_RGB888
        )
        height = metrics.height() * 0.8
        painter.drawImage(QRectF(0, top, width, height), bar.copy())
        painter.setPen(text)
        painter.setFont(self.font())
        reach = self.reach_text()
        below = QRectF(0, top + height, width, metrics.height() * 1.2)
        painter.drawText(below, int(Qt.AlignmentFlag.AlignLeft), "−" + reach)
        painter.drawText(below, int(Qt.AlignmentFlag.AlignHCenter), "0")
        painter.drawText(below, int(Qt.AlignmentFlag.AlignRight), "+" + reach)
