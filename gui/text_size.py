"""One app-wide text size that every widget, plot axis and line width follows.

A teacher at a projector presses Ctrl+= once and the whole program grows, so nothing in gui/ may
hard-code a pixel font size: widgets inherit the application font, and anything drawn by hand
(plot pens, tick fonts, markers) asks `scaled()` how big to be at the current size.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gui.stored_settings import read_float

SETTINGS_KEY = "text/pointSize"
MIN_POINT_SIZE = 7.0
MAX_POINT_SIZE = 40.0
STEP_FACTOR = 1.15  # each Ctrl+= makes text ~15 % bigger: visible, but not a jump
# The size `scaled()` treats as 1×; a typical desktop default, so pens drawn at "2 px" look like
# 2 px on an ordinary screen and grow in proportion on a projector setting.
REFERENCE_POINT_SIZE = 10.0


def current_point_size() -> float:
    """The application font's size in points (the reference size before a QApplication exists)."""
    app = QApplication.instance()
    if app is None:
        return REFERENCE_POINT_SIZE
    size = QApplication.font().pointSizeF()
    return size if size > 0 else REFERENCE_POINT_SIZE


def scale_factor() -> float:
    """How much bigger than an ordinary desktop the app's text currently is."""
    return current_point_size() / REFERENCE_POINT_SIZE


def scaled(pixels: float) -> float:
    """A length (line width, marker size, padding) at the current text size."""
    return pixels * scale_factor()


def relative_font(factor: float = 1.0, *, bold: bool = False) -> QFont:
    """The application font, `factor` times as large: for headings that must stay in proportion."""
    font = QFont(QApplication.font())
    font.setPointSizeF(max(1.0, current_point_size() * factor))
    font.setBold(bold)
    return font


class TextSize(QObject):
    """Owns the application font size, remembers it in QSettings, and announces changes.

    Widgets that only use the application font follow automatically (Qt propagates it); widgets
    that size things by hand (plot pens, headings) re-apply `scaled()` or `relative_font()` on
    their FontChange/ApplicationFontChange event. `changed` is for the window itself (Ctrl+0
    re-measures the hidden tabs).
    """

    changed = Signal(float)  # the new point size

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings()
        self._default = current_point_size()
        # A hand-edited or corrupt settings file must not stop the app, nor make text unreadable.
        size = read_float(self._settings, SETTINGS_KEY, self._default, MIN_POINT_SIZE, MAX_POINT_SIZE)
        self._apply(size, announce=False)

    def point_size(self) -> float:
        return current_point_size()

    def default_point_size(self) -> float:
        return self._default

    def steps(self) -> int:
        """How many Ctrl+= from the system's size the text is now (Ctrl+- counts down): the View
        menu says it ("Text size: +2"), the number a teacher is told to press for."""
        return round(math.log(self.point_size() / self._default, STEP_FACTOR))

    def set_point_size(self, size: float) -> None:
        self._apply(size, announce=True)

    def bigger(self) -> None:
        self.set_point_size(self.point_size() * STEP_FACTOR)

    def smaller(self) -> None:
        self.set_point_size(self.point_size() / STEP_FACTOR)

    def reset(self) -> None:
        self.set_point_size(self._default)

    def _apply(self, size: float, *, announce: bool) -> None:
        size = round(min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size)), 1)
        font = QFont(QApplication.font())
        changed = abs(font.pointSizeF() - size) > 1e-6
        if changed:
            font.setPointSizeF(size)
            QApplication.setFont(font)
        self._settings.setValue(SETTINGS_KEY, size)
        if changed and announce:
            self.changed.emit(size)
