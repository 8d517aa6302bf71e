"""Files dropped anywhere on the window: the Draw tab opens them as what their content says.

The Draw tab takes its own drops (gui/draw/panel.py); a file dropped on any other tab, the menu
bar or the status bar used to do nothing. Now the window shows the Draw tab and hands the file
to it: a checkpoint becomes the model (read in the background), an image is classified, anything
else gets the Draw tab's one-line refusal.
"""

from __future__ import annotations

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget


class WindowDrops:
    """What the window's dragEnterEvent and dropEvent do; `draw_panel.open_file(path)` opens a file."""

    def __init__(self, window: QMainWindow, tabs: QTabWidget, draw_panel: QWidget) -> None:
        self._tabs = tabs
        self._draw_panel = draw_panel
        window.setAcceptDrops(True)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        files = local_files(event)
        if files:
            event.acceptProposedAction()
            self._tabs.setCurrentWidget(self._draw_panel)
            self._draw_panel.open_file(files[0])


def local_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    return [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
