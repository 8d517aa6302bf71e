"""The page's QR code, as large as its room allows, so phones at the back of the class can scan it.

core makes the code (segno, core/class_server/network.py); this paints its modules as squares of
a whole number of pixels each, dark on white whatever the theme (scanners expect dark modules in
a light quiet zone of at least QUIET_ZONE modules; the pixels left over widen it), so every module
has the same size and sharp edges at any text size: a scaled picture of the code would make some
modules a pixel wider than others.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_LINES = 8  # the smallest side, in text lines: a phone still reads it from a few metres
QUIET_ZONE = 4  # light modules around the code, as the QR standard asks


class QrCode(QWidget):
    """A square QR code centred in the widget; nothing painted until `set_modules`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[tuple[bool, ...], ...] = ()
        self._picture: QPixmap | None = None  # the code at the current size: the gallery next to it
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_modules(self, matrix: Sequence[Sequence[int]] | None) -> None:
        """The code's modules, rows of 0 (light) and 1 (dark), e.g. a segno QRCode's `matrix`."""
        self._rows = tuple(tuple(bool(module) for module in row) for row in (matrix or ()))
        self._picture = None
        self.update()

    def has_code(self) -> bool:
        return bool(self._rows)

    def module_count(self) -> int:
        """Modules on a side, quiet zone included."""
        return len(self._rows) + 2 * QUIET_ZONE if self._rows else 0

    def code_rect(self) -> QRect:
        """The white square the code is painted in: the largest the widget holds, centred."""
        if not self._rows:
            return QRect()
        side = min(self.width(), self.height())
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def module_size(self) -> int:
        """Pixels on a module's side: a whole number, the most that fits with the quiet zone."""
        count = self.module_count()
        return max(1, self.code_rect().width() // count) if count else 0

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        side = QFontMetrics(self.font()).height() * MIN_LINES
        return QSize(side, side)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSizeHint() * 2

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """From a picture made once per size: the window repaints around it with every drawing."""
        if not self._rows:
            return
        target = self.code_rect()
        ratio = self.devicePixelRatioF()
        if self._picture is None or self._picture.size() != target.size() * ratio:
            self._picture = self._paint_code(target.width(), ratio)
        painter = QPainter(self)
        painter.drawPixmap(target.topLeft(), self._picture)
        painter.end()

    def _paint_code(self, side: int, ratio: float) -> QPixmap:
        picture = QPixmap(QSize(side, side) * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(QColor(Qt.GlobalColor.white))  # the quiet zone takes what is left over
        module = self.module_size()
        dark = QColor(Qt.GlobalColor.black)
        inset = (side - module * len(self._rows)) // 2
        painter = QPainter(picture)
        for y, row in enumerate(self._rows):
            x = 0
            while x < len(row):  # one rectangle per run of dark modules
                if not row[x]:
                    x += 1
                    continue
                end = x
                while end < len(row) and row[end]:
                    end += 1
                painter.fillRect(inset + x * module, inset + y * module, (end - x) * module, module, dark)
                x = end
        painter.end()
        return picture
