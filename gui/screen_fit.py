"""Keeping the window inside the screen it is on, whatever the text size or the screen.

The tabs' minimum size grows with the text: at the largest text a 1024×768 projector got a
2173 px wide window (still that wide after Ctrl+0), and a 640×480 screen a 756 px wide one, its
edges and buttons out of reach. The tabs therefore sit in a scroll area (its minimum is small, so
the window may be smaller than the tabs' own minimum and scrolls what does not fit), and the
window is shrunk back into the screen's available area whenever its content or its screen changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QFrame, QMainWindow, QScrollArea, QWidget


def scrolling_when_too_small(content: QWidget) -> QScrollArea:
    """A frameless scroll area that gives `content` all its room and scrolls only below its minimum."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def fit_window_to_screen(window: QMainWindow, *, move: bool = False) -> None:
    """Shrink `window`, frame included, to its screen's available area, and with `move` bring it
    inside (a full-screen or maximized window is the window manager's to size)."""
    if window.isFullScreen() or window.isMaximized():
        return
    screen = window.screen()
    if screen is None:
        return
    available: QRect = screen.availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    width = min(inner.width(), available.width() - extra_w)
    height = min(inner.height(), available.height() - extra_h)
    if (width, height) != (inner.width(), inner.height()):
        window.resize(max(1, width), max(1, height))
    if not move:
        return
    frame = window.frameGeometry()
    left = min(max(frame.left(), available.left()), available.right() + 1 - frame.width())
    top = min(max(frame.top(), available.top()), available.bottom() + 1 - frame.height())
    if (left, top) != (frame.left(), frame.top()):
        window.move(max(left, available.left()), max(top, available.top()))
