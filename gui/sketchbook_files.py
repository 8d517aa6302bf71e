"""File ▸ Export sketchbook… / Import sketchbook…: today's class sketchbook as one zip and back.

The dialogs ask in the GUI thread; the writing and the careful reading (core/sketchbook_zip.py)
run in the background (gui/session/sketchbook.py), and what they did is said in the status bar in
one line. A zip refused (or a sketchbook that could not be written) opens a message box as well, as a
refused checkpoint does: the status bar's line is easily missed, and the teacher asked for the file.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from core.sketchbook import SketchbookError
from gui.background import BackgroundJob
from gui.menu_parts import translated_action
from gui.sketchbook_messages import explain
from gui.stored_settings import read_text
from gui.user_folders import in_documents

MESSAGE_MS = 12_000
# The folder of the last zip exported or imported: the next one is there too (a USB stick, a share).
LAST_FOLDER_KEY = "sketchbook/lastDir"


class SketchbookFiles(QObject):
    def __init__(self, window: QMainWindow, session: Any, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._settings = settings if settings is not None else QSettings()
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
            self._window, self.tr("Export the sketchbook"), self._in_last_folder(name), self._zips()
        )
        if path:
            self._remember_folder(path)
            job = self._session.sketchbook.export_zip(path)
            self._warn_if_refused(job, lambda: self.tr("Could not export the sketchbook"))

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import a sketchbook into today's"), self._in_last_folder(), self._zips()
        )
        if path:
            self._remember_folder(path)
            job = self._session.sketchbook.import_zip(path)
            self._warn_if_refused(job, lambda: self.tr("Could not import the sketchbook"))

    def _in_last_folder(self, file_name: str = "") -> str:
        """In the last zip's folder while it still exists, else in the user's Documents."""
        folder = read_text(self._settings, LAST_FOLDER_KEY, "")
        if folder and os.path.isdir(folder):
            return os.path.join(folder, file_name)
        return in_documents(file_name)

    def _remember_folder(self, path: str) -> None:
        self._settings.setValue(LAST_FOLDER_KEY, os.path.dirname(path))

    def _warn_if_refused(self, job: BackgroundJob, title: Any) -> None:
        """A message box with core's reason (in the window's language) when `job` is refused or fails."""

        def returned(result: Any) -> None:
            if isinstance(result, SketchbookError):
                self._warn(title(), explain(result))

        job.returned.connect(returned)
        job.failed.connect(lambda message: self._warn(title(), message))

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self._window, title, text)

    def _say(self, text: str) -> None:
        self._window.statusBar().showMessage(text, MESSAGE_MS)
