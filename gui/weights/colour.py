"""Signed numbers as colours: blue below zero, white at zero, red above (CET-D1, colour-blind safe).

One lookup table, built once; turning ten 28×28 arrays into images is then one numpy indexing
step each, which keeps a live redraw far below the 5 ms the tab may spend on it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.text_size import scaled

COLOUR_MAP = "CET-D1"  # blue-white-red, perceptually even; red-green maps are out (colour blindness)
LEVELS = 256
_lut: np.ndarray | None = None


def lookup_table() -> np.ndarray:
    """uint32 [256] 0xFFRRGGBB: index 0 is the most negative colour, 255 the most positive."""
    global _lut
    if _lut is None:
        rgb = pg.colormap.get(COLOUR_MAP).getLookupTable(0.0, 1.0, LEVELS, alpha=False).astype(np.uint32)
        _lut = (0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).astype(np.uint32)
    return _lut


def colour_of(fraction: float) -> QColor:
    """The map's colour at `fraction` in [-1, 1] (−1 = most negative), for bars and legends."""
    index = int(round((min(1.0, max(-1.0, fraction)) + 1) / 2 * (LEVELS - 1)))
    return QColor.fromRgba(int(lookup_table()[index]))


def colour_indices(values: np.ndarray, scale: float) -> np.ndarray:
    """Map values to 0..255 with 0 in the middle and ±scale at the ends (beyond: clipped)."""
    scale = float(scale) if scale > 0 else 1.0
    positions = (np.asarray(values, dtype=np.float32) * (0.5 * (LEVELS - 1) / scale)) + 0.5 * (LEVELS - 1)
    return np.clip(np.rint(positions), 0, LEVELS - 1).astype(np.intp)


def colour_images(stack: np.ndarray, scale: float | np.ndarray) -> list[QImage]:
    """[n, h, w] signed arrays → n RGB32 images; `scale` shared, or one per image ([n])."""
    values = np.asarray(stack, dtype=np.float32)
    scales = np.broadcast_to(np.asarray(scale, dtype=np.float32), (values.shape[0],))
    safe = np.where(scales > 0, scales, 1.0).reshape(-1, 1, 1)
    pixels = np.ascontiguousarray(lookup_table()[colour_indices(values / safe, 1.0)])
    height, width = values.shape[1:]
    # .copy(): the QImage then owns its pixels instead of pointing into a temporary numpy array.
    return [
        QImage(pixels[i].data, width, height, width * 4, QImage.Format.Format_RGB32).copy()
        for i in range(len(pixels))
    ]


def grey_image(image_uint8: np.ndarray) -> QImage:
    """A model input as the dataset shows it: garment light on dark."""
    pixels = np.ascontiguousarray(image_uint8, dtype=np.uint8)
    height, width = pixels.shape
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def format_number(value: float) -> str:
    """Two significant digits at any size: weights are ~0.01, logits ~10."""
    return f"{value:+.2g}".replace("-", "−") if value else "0"  # a real minus sign


class ColourBar(QWidget):
    """A vertical key for the colour map: +scale at the top, 0 in the middle, −scale below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

    def set_scale(self, scale: float) -> None:
        if scale != self._scale:
            self._scale = float(scale)
            self.updateGeometry()
            self.update()

    def scale(self) -> float:
        return self._scale

    def _labels(self) -> list[str]:
        return [format_number(self._scale), "0", format_number(-self._scale)]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(label) for label in self._labels())
        return QSize(int(metrics.height() * 1.6 + text), metrics.height() * 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.sizeHint().width(), self.fontMetrics().height() * 4)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # every size here is in lines of text: Ctrl+= resizes it
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        metrics = self.fontMetrics()
        half = metrics.height() / 2
        bar = QRectF(scaled(2), half, metrics.height() * 0.9, max(1.0, self.height() - 2 * half))
        gradient = QLinearGradient(bar.topLeft(), bar.bottomLeft())
        for stop in np.linspace(0.0, 1.0, 9):
            gradient.setColorAt(float(stop), colour_of(1.0 - 2.0 * float(stop)))
        painter.fillRect(bar, gradient)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(text_colour, 1))
        painter.drawRect(bar)
        left = bar.right() + metrics.averageCharWidth() * 0.6
        for label, y in zip(self._labels(), (bar.top(), bar.center().y(), bar.bottom()), strict=True):
            painter.drawLine(int(bar.right()), int(y), int(left - 2), int(y))
            painter.drawText(
                QRectF(left, y - half, self.width() - left, 2 * half), Qt.AlignmentFlag.AlignVCenter, label
            )
        painter.end()
