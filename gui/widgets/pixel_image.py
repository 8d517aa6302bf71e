"""The app's one widget for showing a small image (28×28) as big, crisp, square pixels.

Draw's "what the model sees", Browse's selected sample, and any weight map or heat map: the image
keeps its aspect ratio, is centred, and each pixel stays a sharp square at any size (no
smoothing: the point is to see the 784 numbers the model gets). Sizes follow the app's text size.
Greyscale by default; `lookup_table` (256 RGB rows, e.g. from `pg.ColorMap.getLookupTable`) colours
it, and float images are mapped through `levels` first, for signed maps such as weights.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.functions import ndarray_to_qimage
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


def grey_qimage(pixels: np.ndarray) -> QImage:
    """A greyscale QImage over uint8 [h, w] pixels, without copying when they are contiguous.

    The QImage reads the array's memory (pyqtgraph keeps the array alive as the image's `.data`):
    paint it right away; `.copy()` it to keep it beyond the array."""
    return ndarray_to_qimage(np.ascontiguousarray(pixels, dtype=np.uint8), QImage.Format.Format_Grayscale8)


def colour_qimage(values: np.ndarray, lookup_table: np.ndarray, levels: tuple[float, float] | None) -> QImage:
    """An RGB QImage of `values` through `lookup_table`, via pyqtgraph's own image path (makeARGB)."""
    argb, alpha = pg.functions.makeARGB(values, lut=lookup_table, levels=levels)
    return pg.functions.makeQImage(argb, alpha=alpha, transpose=False)


class PixelImage(QWidget):
    """Shows one small image with square pixels, centred, as large as the widget allows.

    `hint_lines` / `minimum_lines`: preferred and smallest side in lines of the widget's font, so
    the image grows with the app's text size. `background`: what fills the square when there is no
    image (None: the palette's alternate base). `framed`: a 1-px outline in the text colour.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        hint_lines: float = 8.0,
        minimum_lines: float | None = None,
        background: QColor | None = None,
        framed: bool = False,
        expanding: bool = True,
    ) -> None:
        super().__init__(parent)
        self._hint_lines = hint_lines
        self._minimum_lines = minimum_lines
        self._background = background
        self._framed = framed
        self._values: np.ndarray | None = None
        self._qimage: QImage | None = None
        self._lookup_table: np.ndarray | None = None
        self._levels: tuple[float, float] | None = None
        policy = QSizePolicy.Policy.Expanding if expanding else QSizePolicy.Policy.Fixed
        self.setSizePolicy(policy, policy)

    # -- content -------------------------------------------------------------------------------
    def set_image(self, values: np.ndarray | None) -> None:
        """Show `values` (uint8 [h, w]; float too when levels are set); None shows the empty square.

        A copy is kept, so the caller may change its array afterwards."""
        if values is None:
            self._values = None
        else:
            array = np.asarray(values)
            if array.ndim != 2:
                raise ValueError(f"expected a 2-D image, got shape {array.shape}")
            if self._levels is None and array.dtype != np.uint8:
                array = np.clip(np.rint(array), 0, 255).astype(np.uint8)
            self._values = np.array(array, copy=True, order="C")
        self._rebuild()

    def image(self) -> np.ndarray | None:
        """A copy of the image shown (None when empty)."""
        return None if self._values is None else self._values.copy()

    def set_colours(self, lookup_table: np.ndarray | None, levels: tuple[float, float] | None = None) -> None:
        """Colour the image through a 256-row RGB(A) table; `levels` maps float values onto it."""
        self._lookup_table = None if lookup_table is None else np.asarray(lookup_table)
        self._levels = levels
        self._rebuild()

    def _rebuild(self) -> None:
        # Converted once per new image, not per paint: paints come far more often (resizes, tabs).
        values = self._values
        if values is None:
            self._qimage = None
        elif self._lookup_table is None and self._levels is None:
            self._qimage = grey_qimage(values)
        else:
            self._qimage = colour_qimage(values, self._lookup_table, self._levels)
        self.update()

    # -- geometry ------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        side = round(self.fontMetrics().height() * self._hint_lines)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        if self._minimum_lines is None:
            return super().minimumSizeHint()
        side = round(self.fontMetrics().height() * self._minimum_lines)
        return QSize(side, side)

    def image_rect(self) -> QRectF:
        """Where the image is drawn: the largest centred square (non-square images fit inside it)."""
        side = min(self.width(), self.height())
        square = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        if self._values is None:
            return square
        height, width = self._values.shape
        scale = side / max(height, width)
        return QRectF(
            square.x() + (side - width * scale) / 2, square.y() + (side - height * scale) / 2,
            width * scale, height * scale,
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        target = self.image_rect()
        if self._qimage is None:
            brush = self._background if self._background is not None else self.palette().alternateBase()
            painter.fillRect(target, brush)
        else:
            # No smoothing: each pixel stays a visible square.
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(target, self._qimage)
        if self._framed:
            painter.setPen(QPen(self.palette().color(self.foregroundRole()), 1))
            painter.drawRect(target.adjusted(0, 0, -1, -1))
        painter.end()
