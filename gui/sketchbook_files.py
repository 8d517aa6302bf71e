"""File ▸ Export sketchbook… / Import sketchbook…: today's class sketchbook as one zip and back.

The dialogs ask in the GUI thread; the writing and the careful reading (core/sketchbook_zip.py)
run in the background (gui/session/sketchbook.py), and what they did, or why a zip was refused,
is said in the status bar in one line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow

from gui.menu_parts import translated_action
from gui.user_folders import in_documents

MESSAGE_MS = 12_000


class SketchbookFiles(QObject):
    def __init__(self, window: QMainWindow, session: Any) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self.export_action = translated_action(
            window, lambda: self.tr("Export s&ketchbook…"), None, self.ask_export
        )
        self.import_action = translated_action(
            window, lambda: self.tr("&Import sketchbook…"), None, self.ask_import
        )
        session.sketchbook.finished.connect(self._say)
        session.sketchbook.refused.connect(self._say)

    def _zips(self) -> str:
        return self.tr("Sketchbooks (*.zip);;All files (*)")

    def ask_export(self) -> None:
        name = f"sketchbook-{self._session.sketchbook.folder.name or dt.date.today().isoformat()}.zip"
        path, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export the sketchbook"), in_documents(name), self._zips()
        )
        if path:
            self._session.sketchbook.export_zip(path)

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import a sketchbook into today's"), in_documents(), self._zips()
        )
        if path:
            self._session.sketchbook.import_zip(path)

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, MESSAGE_MS)
